// Tests of include/csat/simulate/random.hpp: portable variates on std::mt19937_64.
#include <csat/simulate/random.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using namespace csat::simulate;

TEST_CASE("random: the engine is the standard's mt19937_64 (10000th output fixed by the standard)", "[simulate][random]") {
  engine g;  // default seed 5489
  g.discard(9999);
  CHECK(g() == 9981545732273789042ULL);  // [rand.predef] of the C++ standard
}

TEST_CASE("random: uniform01 lies in 0 <= u < 1 with mean 1/2 and variance 1/12", "[simulate][random]") {
  engine g(11);
  const int n = 200000;
  double s = 0, s2 = 0, lo = 1, hi = 0;
  for (int i = 0; i < n; ++i) {
    const double u = uniform01(g);
    s += u; s2 += u * u;
    lo = std::min(lo, u); hi = std::max(hi, u);
  }
  const double mean = s / n, var = s2 / n - mean * mean;
  CHECK(lo >= 0);
  CHECK(hi < 1);
  CHECK(std::abs(mean - 0.5) < 4 * std::sqrt(1.0 / 12 / n));
  CHECK(std::abs(var - 1.0 / 12) < 0.002);
}

TEST_CASE("random: uniform_below is unbiased over its range", "[simulate][random]") {
  engine g(3);
  std::vector<int> count(7, 0);
  const int n = 70000;
  for (int i = 0; i < n; ++i) {
    const auto v = uniform_below(g, 7);
    REQUIRE(v < 7);
    ++count[v];
  }
  double chi2 = 0;
  for (int c : count) chi2 += (c - 10000.0) * (c - 10000.0) / 10000.0;
  CHECK(chi2 < 22.46);  // chi-square(6) 0.999 quantile
  CHECK(uniform_below(g, 1) == 0);
  CHECK_THROWS_AS(uniform_below(g, 0), csat::invalid_argument);
}

TEST_CASE("random: normal variates have mean 0, variance 1, no skewness and no excess kurtosis", "[simulate][random]") {
  engine g(2024);
  normal_generator z;
  const int n = 400000;
  double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
  for (int i = 0; i < n; ++i) {
    const double x = z(g);
    m1 += x; m2 += x * x; m3 += x * x * x; m4 += x * x * x * x;
  }
  m1 /= n; m2 /= n; m3 /= n; m4 /= n;
  CHECK(std::abs(m1) < 4 / std::sqrt(n));
  CHECK(std::abs(m2 - 1) < 4 * std::sqrt(2.0 / n));
  CHECK(std::abs(m3) < 4 * std::sqrt(15.0 / n));
  CHECK(std::abs(m4 - 3) < 4 * std::sqrt(96.0 / n));
}

TEST_CASE("random: normal variates depend only on the seed (reproducible, recorded values)", "[simulate][random]") {
  engine g1(42), g2(42);
  normal_generator a, b;
  for (int i = 0; i < 1000; ++i) REQUIRE(a(g1) == b(g2));
  // The first values for seed 1, recorded from this implementation. They use only the engine's raw output and
  // arithmetic, so they are the same with every standard library; a change here changes every simulated data set.
  engine g(1);
  normal_generator z;
  const double first[] = {z(g), z(g), z(g)};
  engine h(1);
  double u1, v1, s;
  do {  // the polar method, written out
    u1 = 2 * uniform01(h) - 1;
    v1 = 2 * uniform01(h) - 1;
    s = u1 * u1 + v1 * v1;
  } while (s >= 1 || s == 0);
  CHECK(first[0] == u1 * std::sqrt(-2 * std::log(s) / s));
  CHECK(first[1] == v1 * std::sqrt(-2 * std::log(s) / s));
  CHECK_THAT(first[0], Catch::Matchers::WithinAbs(-0.039399956754155314, 1e-15));
  CHECK(first[2] != first[1]);
}

TEST_CASE("random: categorical draws follow the shares", "[simulate][random]") {
  engine g(5);
  const std::vector<double> cum{0.7, 0.85, 0.95, 1.0};
  std::vector<int> count(4, 0);
  const int n = 100000;
  for (int i = 0; i < n; ++i) ++count[categorical(g, cum)];
  const double p[] = {0.7, 0.15, 0.1, 0.05};
  for (int k = 0; k < 4; ++k) CHECK(std::abs(count[k] / double(n) - p[k]) < 4 * std::sqrt(p[k] * (1 - p[k]) / n));
}
