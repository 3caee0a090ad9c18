// Tests of include/csat/survey/stats.hpp: item statistics and correlations.
// Reference values: Microsoft Excel's documented SKEW/KURT example, and R 4.2 (cor(), sd(), and the G1/G2
// formulas evaluated in R) as stated per test.
#include <csat/survey/stats.hpp>

#include "support/shared.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace csat::survey;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

TEST_CASE("stats: skewness and excess kurtosis are the sample-adjusted G1 and G2 (Excel SKEW, KURT)", "[survey][stats]") {
  Eigen::VectorXd x(10);
  x << 3, 4, 5, 2, 3, 4, 5, 6, 4, 7;
  const auto s = describe(x);
  // Excel documentation: SKEW(3,4,5,2,3,4,5,6,4,7) = 0.359543, KURT(3,4,5,2,3,4,5,6,4,7) = -0.151799637;
  // full precision from the same formulas in R.
  CHECK_THAT(s.skewness(0), WithinAbs(0.35954307140679753, 1e-13));
  CHECK_THAT(s.kurtosis(0), WithinAbs(-0.15179963720841250, 1e-13));
  CHECK(s.mean(0) == Approx(4.3));
}

TEST_CASE("stats: mean, sd (n-1), min, max and missing skip NaN cells", "[survey][stats]") {
  Eigen::MatrixXd x(5, 2);
  x << 1, 0, 2, 0, std::nan(""), 0, 4, 0, 8, 0;
  const auto s = describe(x);
  CHECK(s.n(0) == 4);
  CHECK(s.missing(0) == 1);
  CHECK(s.mean(0) == 3.75);
  CHECK_THAT(s.sd(0), WithinRel(3.0956959368344519, 1e-14));  // R: sd(c(1,2,4,8))
  CHECK(s.min(0) == 1);
  CHECK(s.max(0) == 8);
  CHECK(s.sd(1) == 0);
  CHECK(std::isnan(s.skewness(1)));  // constant column: undefined
  CHECK(std::isnan(s.kurtosis(1)));
}

TEST_CASE("stats: too few observations give NaN, not garbage", "[survey][stats]") {
  Eigen::MatrixXd x(3, 3);
  const double nan = std::nan("");
  x << 1, nan, nan, 2, 5, nan, 4, nan, nan;
  const auto s = describe(x);
  CHECK(!std::isnan(s.skewness(0)));
  CHECK(std::isnan(s.kurtosis(0)));  // n = 3 < 4
  CHECK(s.mean(1) == 5);
  CHECK(std::isnan(s.sd(1)));        // n = 1
  CHECK(s.n(2) == 0);
  CHECK(s.missing(2) == 3);
  CHECK(std::isnan(s.mean(2)));
  CHECK(std::isnan(s.min(2)));
}

TEST_CASE("stats: pairwise-complete correlations match R use=\"pairwise.complete.obs\"", "[survey][stats]") {
  const double nan = std::nan("");
  Eigen::MatrixXd m(6, 3);
  m << 1, 2, 5, 2, 1, 3, 3, 4, nan, 4, 3, 1, 5, nan, 2, nan, 6, 2;
  const auto c = correlation(m);
  CHECK(c.method == correlation_missing::pairwise);
  CHECK_THAT(c.r(0, 1), WithinAbs(0.59999999999999998, 1e-14));
  CHECK_THAT(c.r(0, 2), WithinAbs(-0.85523597411975805, 1e-14));
  CHECK_THAT(c.r(1, 2), WithinAbs(-0.45175395145262565, 1e-14));
  CHECK(c.r(2, 1) == c.r(1, 2));
  CHECK(c.r(0, 0) == 1);
  CHECK(c.n(0, 1) == 4);
  CHECK(c.n(0, 0) == 5);
}

TEST_CASE("stats: listwise correlations match R use=\"complete.obs\"", "[survey][stats]") {
  const double nan = std::nan("");
  Eigen::MatrixXd m(6, 3);
  m << 1, 2, 5, 2, 1, 3, 3, 4, nan, 4, 3, 1, 5, nan, 2, nan, 6, 2;
  const auto c = correlation(m, correlation_missing::listwise);
  CHECK_THAT(c.r(0, 1), WithinAbs(0.65465367070797709, 1e-14));
  CHECK_THAT(c.r(0, 2), WithinAbs(-0.98198050606196563, 1e-14));
  CHECK_THAT(c.r(1, 2), WithinAbs(-0.5, 1e-14));
  CHECK(c.n(0, 0) == 3);
  CHECK(c.n(1, 2) == 3);
}

TEST_CASE("stats: a constant column or a pair with < 2 observations has NaN correlation", "[survey][stats]") {
  const double nan = std::nan("");
  Eigen::MatrixXd m(3, 3);
  m << 1, 2, 1, 2, 2, nan, 3, 2, nan;
  const auto c = correlation(m);
  CHECK(std::isnan(c.r(0, 1)));
  CHECK(std::isnan(c.r(1, 1)));
  CHECK(std::isnan(c.r(0, 2)));
  CHECK(c.n(0, 2) == 1);
}

TEST_CASE("stats: describe(table) keeps the column names", "[survey][stats]") {
  const auto t = read_csv_text<double>("x,y\n1,2\n3,NA\n", "d.csv");
  const auto s = describe(t);
  CHECK(s.names == std::vector<std::string>{"x", "y"});
  CHECK(s.missing(1) == 1);
  CHECK(s.mean(0) == 2);
}

TEST_CASE("stats: float data give float statistics", "[survey][stats]") {
  Eigen::MatrixXf x(4, 1);
  x << 1, 2, 3, 10;
  const auto s = describe(x);
  static_assert(std::is_same<decltype(s.mean)::Scalar, float>::value, "float in, float out");
  CHECK(s.mean(0) == Approx(4.0f));
  CHECK(correlation(x).r(0, 0) == 1.0f);
}

TEST_CASE("stats: mobi PERQ1 statistics match R", "[survey][stats][shared]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto t = read_csv(csat_test::shared_path("data/mobi.csv"));
  const auto s = describe(t);
  const Eigen::Index j = t.index_of("PERQ1");
  // R 4.2: mean(), sd(), min(), max() and G1/G2 of mobi$PERQ1; cor(mobi$PERQ1, mobi$CUSA1)
  CHECK_THAT(s.mean(j), WithinAbs(7.944, 1e-12));
  CHECK_THAT(s.sd(j), WithinAbs(1.42160043302070593, 1e-12));
  CHECK(s.min(j) == 2);
  CHECK(s.max(j) == 10);
  CHECK_THAT(s.skewness(j), WithinAbs(-0.72911499925322876, 1e-12));
  CHECK_THAT(s.kurtosis(j), WithinAbs(1.26125565738632694, 1e-12));
  const auto c = correlation(t.values);
  CHECK_THAT(c.r(j, t.index_of("CUSA1")), WithinAbs(0.60415903022514772, 1e-12));
}
