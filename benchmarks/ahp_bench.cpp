// Timings of csat::ahp: every consistency measure of a 15x15 matrix (goal <= 20 us) and group aggregation of
// 10,000 experts' 9x9 matrices (goal <= 50 ms), one core. Median of repeated runs.
#include <csat/ahp/ahp.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

namespace {

Eigen::MatrixXd random_reciprocal(Eigen::Index n, std::mt19937_64& rng, double spread) {
  // judgments around a consistent matrix w_i/w_j, perturbed multiplicatively (log-normal), on [1/9, 9]
  std::lognormal_distribution<double> w(0.0, 0.8), noise(0.0, spread);
  Eigen::VectorXd v(n);
  for (Eigen::Index i = 0; i < n; ++i) v(i) = w(rng);
  Eigen::MatrixXd a = Eigen::MatrixXd::Ones(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = i + 1; j < n; ++j) {
      a(i, j) = std::min(9.0, std::max(1.0 / 9, v(i) / v(j) * noise(rng)));
      a(j, i) = 1.0 / a(i, j);
    }
  return a;
}

template <class F>
double median_seconds(int repeats, int inner, F&& f) {
  std::vector<double> t;
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    for (int k = 0; k < inner; ++k) f();
    const auto t1 = std::chrono::steady_clock::now();
    t.push_back(std::chrono::duration<double>(t1 - t0).count() / inner);
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

volatile double sink = 0;

}  // namespace

int main() {
  std::mt19937_64 rng(42);
  std::printf("csat::ahp benchmarks (median of repeats, one core)\n\n");
  for (double spread : {0.2, 1.0}) {
    const Eigen::MatrixXd a = random_reciprocal(15, rng, spread);
    const auto c = csat::ahp::consistency<double>(a);
    const double t = median_seconds(25, 400, [&] { sink = sink + csat::ahp::consistency<double>(a).cr; });
    const csat::ahp::pairwise_matrix<double> pm(a);
    const double ta = median_seconds(25, 400, [&] { sink = sink + csat::ahp::analyze(pm).consistency.cr; });
    std::printf("15x15 (log-noise sd %.1f, CR %.3f, %d power iterations): every consistency measure "
                "(lambda_max, CI, CR, GCI, Koczkodaj, Alonso-Lamata) %.2f us; analyze (weights + all measures) %.2f us\n",
                spread, c.cr, csat::ahp::eigenvector<double>(a).iterations, t * 1e6, ta * 1e6);
  }
  {
    std::vector<csat::ahp::pairwise_matrix<double>> experts;
    experts.reserve(10000);
    for (int e = 0; e < 10000; ++e) experts.emplace_back(random_reciprocal(9, rng, 0.5));
    std::vector<double> w(10000);
    for (int e = 0; e < 10000; ++e) w[static_cast<std::size_t>(e)] = 1.0 + (e % 7);
    const double t = median_seconds(9, 1, [&] { sink = sink + csat::ahp::aggregate_judgments(experts, w)(0, 1); });
    std::printf("AIJ of 10,000 experts' 9x9 matrices (weighted geometric mean): %.2f ms\n", t * 1e3);
    const double tg = median_seconds(5, 1, [&] { sink = sink + csat::ahp::group_analysis(experts).aij.weights(0); });
    std::printf("group_analysis of 10,000 experts' 9x9 matrices (each expert's EV + CR + GCI + Koczkodaj, AIJ, AIP, "
                "compatibility): %.2f ms\n", tg * 1e3);
  }
  return 0;
}
