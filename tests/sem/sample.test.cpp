// Tests of csat/sem/sample.hpp: sample moments (divisor N), missing-data patterns, EM, singular data.
#include <csat/sem/sample.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using Catch::Contains;

TEST_CASE("complete data: covariance with divisor N and the saturated log-likelihood", "[sem]") {
  Eigen::MatrixXd x(4, 2);
  x << 1, 2, 2, 1, 3, 5, 6, 4;
  const auto s = csat::sem::make_sample(x, {"a", "b"});
  REQUIRE(s.groups.size() == 1);
  const auto& g = s.groups[0];
  CHECK(g.n == 4);
  CHECK(g.patterns.size() == 1);
  CHECK_FALSE(s.fiml);
  CHECK_THAT(g.mean(0), Catch::Matchers::WithinRel(3.0, 1e-15));
  // var(a) with divisor 4: ((−2)² + 1 + 0 + 9)/4 = 3.5
  CHECK_THAT(g.cov(0, 0), Catch::Matchers::WithinRel(3.5, 1e-14));
  CHECK_THAT(g.cov(0, 1), Catch::Matchers::WithinRel((-2 * -1 + -1 * -2 + 0 * 2 + 3 * 1) / 4.0, 1e-14));
  const double logdet = std::log(g.cov.determinant());
  CHECK_THAT(g.h1_loglik, Catch::Matchers::WithinRel(-2.0 * (2 * std::log(2 * M_PI) + logdet + 2), 1e-13));
}

TEST_CASE("listwise drops incomplete rows; FIML keeps them by pattern and runs EM", "[sem]") {
  const double na = std::numeric_limits<double>::quiet_NaN();
  Eigen::MatrixXd x(8, 2);
  x << 1, 2, 2, 1, 3, 5, 6, 4, 2, na, na, 3, 4, 4, 5, 7;
  const auto lw = csat::sem::make_sample(x, {"a", "b"});
  CHECK(lw.n_used == 6);
  CHECK(lw.n_dropped == 2);
  const auto fi = csat::sem::make_sample(x, {"a", "b"}, {}, {}, csat::sem::missing_policy::fiml);
  CHECK(fi.fiml);
  CHECK(fi.n_used == 8);
  CHECK(fi.groups[0].patterns.size() == 3);
  CHECK(fi.groups[0].patterns[0].n == 6);  // complete pattern first
  CHECK(fi.groups[0].em_iterations > 1);
  // the EM estimate maximizes the observed-data likelihood: a small perturbation lowers it
  Eigen::VectorXd mu = fi.groups[0].mean;
  Eigen::MatrixXd sig = fi.groups[0].cov;
  const double ll = csat::sem::detail::pattern_loglik(fi.groups[0].patterns, mu, sig);
  CHECK_THAT(ll, Catch::Matchers::WithinRel(fi.groups[0].h1_loglik, 1e-14));
  mu(1) += 1e-3;
  CHECK(csat::sem::detail::pattern_loglik(fi.groups[0].patterns, mu, sig) < ll);
  sig(0, 1) += 1e-3;
  sig(1, 0) += 1e-3;
  CHECK(csat::sem::detail::pattern_loglik(fi.groups[0].patterns, fi.groups[0].mean, sig) < ll);
}

TEST_CASE("groups split the rows", "[sem]") {
  Eigen::MatrixXd x(6, 1);
  x << 1, 2, 3, 10, 20, 30;
  const auto s = csat::sem::make_sample(x, {"a"}, {0, 0, 0, 1, 1, 1}, {"g1", "g2"});
  REQUIRE(s.groups.size() == 2);
  CHECK(s.groups[1].label == "g2");
  CHECK_THAT(s.groups[1].mean(0), Catch::Matchers::WithinRel(20.0, 1e-15));
}

TEST_CASE("singular or constant data are domain errors naming the variables", "[sem]") {
  Eigen::MatrixXd x(5, 3);
  x << 1, 2, 3, 2, 1, 3, 3, 5, 8, 6, 4, 10, 1, 1, 2;  // c = a + b
  CHECK_THROWS_AS(csat::sem::make_sample(x, {"a", "b", "c"}), csat::domain_error);
  CHECK_THROWS_WITH(csat::sem::make_sample(x, {"a", "b", "c"}),
                    Contains("the sample covariance matrix is singular") && Contains("collinear variables a, b, c"));
  x.col(1).setConstant(4);
  CHECK_THROWS_WITH(csat::sem::make_sample(x, {"a", "b", "c"}), Contains("variable \"b\" has variance 0, but must vary"));
  Eigen::MatrixXd y(3, 2);
  y << 1, 2, 2, std::numeric_limits<double>::infinity(), 3, 1;
  CHECK_THROWS_WITH(csat::sem::make_sample(y, {"a", "b"}), Contains("x[1,1] = inf, but must be finite"));
  CHECK_THROWS_AS(csat::sem::make_sample(y, {"a"}), csat::invalid_argument);
}

TEST_CASE("covariance input: lavaan's (N-1)/N rescaling and checks", "[sem]") {
  Eigen::MatrixXd S(2, 2);
  S << 2, 1, 1, 3;
  const auto s = csat::sem::make_sample_from_covariance(S, {"a", "b"}, 11);
  CHECK_THAT(s.groups[0].cov(0, 0), Catch::Matchers::WithinRel(2.0 * 10 / 11, 1e-15));
  CHECK_FALSE(s.has_means);
  const auto t = csat::sem::make_sample_from_covariance(S, {"a", "b"}, 11, {}, true);
  CHECK(t.groups[0].cov(0, 0) == 2.0);
  Eigen::MatrixXd A = S;
  A(0, 1) = 1.5;
  CHECK_THROWS_AS(csat::sem::make_sample_from_covariance(A, {"a", "b"}, 11), csat::domain_error);
  CHECK_THROWS_WITH(csat::sem::make_sample_from_covariance(A, {"a", "b"}, 11), Contains("cov[0,1] = 1.5, but must equal cov[1,0] = 1"));
  CHECK_THROWS_WITH(csat::sem::make_sample_from_covariance(S, {"a", "b"}, 1), Contains("n = 1, but must be >= 2"));
  Eigen::MatrixXd B(2, 2);
  B << 1, 1, 1, 1;
  CHECK_THROWS_WITH(csat::sem::make_sample_from_covariance(B, {"a", "b"}, 11), Contains("singular"));
}
