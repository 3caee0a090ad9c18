// Tests of include/csat/simulate/structural.hpp: population models, implied correlations, PLS population values.
#include <csat/simulate/structural.hpp>

#include <catch2/catch.hpp>

#include <cmath>

using namespace csat::simulate;
using Catch::Contains;
using Catch::Matchers::WithinAbs;

namespace {
// X -> M -> Y and X -> Y, X exogenous.
structural_model<double> mediation(double a, double b, double c) {
  structural_model<double> m;
  m.constructs = {"X", "M", "Y"};
  m.paths = Eigen::MatrixXd::Zero(3, 3);
  m.paths(1, 0) = a;
  m.paths(2, 1) = b;
  m.paths(2, 0) = c;
  for (const char* con : {"X", "M", "Y"})
    for (int i = 1; i <= 3; ++i) m.indicators.push_back({std::string(con) + std::to_string(i), con, 0.8});
  return m;
}
}  // namespace

TEST_CASE("structural: residual variances make every latent variance 1", "[simulate][structural]") {
  const auto m = mediation(0.6, 0.4, 0.3);
  const auto s = solve_latent(m);
  CHECK(s.order == std::vector<Eigen::Index>{0, 1, 2});
  CHECK_THAT(s.residual_variance(1), WithinAbs(1 - 0.36, 1e-15));
  // Var(Y) explained = b² + c² + 2bc·corr(X, M) = 0.16 + 0.09 + 2·0.4·0.3·0.6
  CHECK_THAT(s.r_squared(2), WithinAbs(0.16 + 0.09 + 0.144, 1e-15));
  CHECK_THAT(s.correlation(0, 1), WithinAbs(0.6, 1e-15));
  CHECK_THAT(s.correlation(0, 2), WithinAbs(0.3 + 0.4 * 0.6, 1e-15));     // c + b·a
  CHECK_THAT(s.correlation(1, 2), WithinAbs(0.4 + 0.3 * 0.6, 1e-15));     // b + c·a
  CHECK(s.n_exogenous == 1);
}

TEST_CASE("structural: correlated exogenous constructs", "[simulate][structural]") {
  structural_model<double> m;
  m.constructs = {"Y", "A", "B"};  // exogenous constructs need not come first
  m.paths = Eigen::MatrixXd::Zero(3, 3);
  m.paths(0, 1) = 0.3;
  m.paths(0, 2) = 0.5;
  m.exogenous_correlation = Eigen::MatrixXd::Identity(3, 3);
  m.exogenous_correlation(1, 2) = m.exogenous_correlation(2, 1) = 0.4;
  const auto s = solve_latent(m);
  CHECK(s.order == std::vector<Eigen::Index>{1, 2, 0});
  CHECK_THAT(s.r_squared(0), WithinAbs(0.09 + 0.25 + 2 * 0.3 * 0.5 * 0.4, 1e-15));
  CHECK_THAT(s.correlation(0, 1), WithinAbs(0.3 + 0.5 * 0.4, 1e-15));
  CHECK_THAT(s.exogenous_cholesky(1, 0), WithinAbs(0.4, 1e-15));
}

TEST_CASE("structural: a cycle is an invalid argument naming a construct on it", "[simulate][structural]") {
  auto m = mediation(0.5, 0.3, 0.0);
  m.paths(1, 2) = 0.2;  // Y -> M closes M -> Y
  CHECK_THROWS_AS(solve_latent(m), csat::invalid_argument);
  CHECK_THROWS_WITH(solve_latent(m), Contains("cycle") && Contains("\"M\""));
  m.paths(0, 2) = 0.1;  // now nothing is exogenous
  CHECK_THROWS_WITH(solve_latent(m), Contains("every construct has an incoming path"));
}

TEST_CASE("structural: paths explaining all of a construct's variance are a domain error", "[simulate][structural]") {
  const auto m = mediation(0.9, 0.6, 0.5);
  CHECK_THROWS_AS(solve_latent(m), csat::domain_error);
  CHECK_THROWS_WITH(solve_latent(m), Contains("construct \"Y\"") && Contains("must be below 1"));
}

TEST_CASE("structural: shapes, self-loops and exogenous correlations are checked", "[simulate][structural]") {
  auto m = mediation(0.5, 0.3, 0.0);
  m.paths(1, 1) = 0.2;
  CHECK_THROWS_AS(solve_latent(m), csat::invalid_argument);
  CHECK_THROWS_WITH(solve_latent(m), Contains("\"M\" cannot affect itself"));
  m.paths(1, 1) = 0;
  CHECK_THROWS_AS(solve_latent(m, Eigen::MatrixXd::Zero(2, 2)), csat::invalid_argument);
  m.paths(1, 0) = std::nan("");
  CHECK_THROWS_AS(solve_latent(m), csat::domain_error);
  structural_model<double> e;
  e.constructs = {"A", "B"};
  e.paths = Eigen::MatrixXd::Zero(2, 2);
  e.exogenous_correlation = Eigen::MatrixXd::Identity(2, 2);
  e.exogenous_correlation(0, 1) = e.exogenous_correlation(1, 0) = 1.0;
  CHECK_THROWS_AS(solve_latent(e), csat::domain_error);
  CHECK_THROWS_WITH(solve_latent(e), Contains("exogenous_correlation[0,1] = 1"));
}

TEST_CASE("structural: implied indicator correlations are loading x loading x latent correlation", "[simulate][structural]") {
  auto m = mediation(0.6, 0.4, 0.3);
  m.indicators[3].loading = 0.7;  // M1
  const Eigen::MatrixXd s = implied_correlation(m);
  REQUIRE(s.rows() == 9);
  CHECK(s(0, 0) == 1);
  CHECK_THAT(s(0, 1), WithinAbs(0.64, 1e-15));
  CHECK_THAT(s(0, 3), WithinAbs(0.8 * 0.7 * 0.6, 1e-15));
  CHECK_THAT(s(3, 8), WithinAbs(0.7 * 0.8 * (0.4 + 0.3 * 0.6), 1e-15));
  CHECK((s - s.transpose()).cwiseAbs().maxCoeff() == 0);
}

TEST_CASE("structural: indicators are checked with their names", "[simulate][structural]") {
  auto m = mediation(0.5, 0.3, 0.0);
  m.indicators[0].loading = 1.2;
  CHECK_THROWS_AS(check_indicators(m), csat::domain_error);
  CHECK_THROWS_WITH(check_indicators(m), Contains("loading of \"X1\" = 1.2"));
  m.indicators[0].loading = 0.8;
  m.indicators[1].construct = "Z";
  CHECK_THROWS_WITH(check_indicators(m), Contains("\"X2\" measures construct \"Z\""));
  m.indicators[1].construct = "X";
  m.indicators[2].name = "X1";
  CHECK_THROWS_WITH(check_indicators(m), Contains("\"X1\" appears twice"));
  m.indicators[2].name = "X3";
  m.indicators[2].scale = response_scale{5, 1, {-1, 0, 1}, {}};
  CHECK_THROWS_WITH(check_indicators(m), Contains("3 thresholds for 5 points"));
  m.indicators[2].scale = response_scale{4, 1, {-1, 1, 0}, {}};
  CHECK_THROWS_AS(check_indicators(m), csat::domain_error);
  m.indicators[2].scale = response_scale{3, 1, {}, {"a", "b"}};
  CHECK_THROWS_WITH(check_indicators(m), Contains("2 labels for 3 points"));
  m.indicators[2].scale = response_scale{1, 1, {}, {}};
  CHECK_THROWS_AS(check_indicators(m), csat::invalid_argument);
}

TEST_CASE("structural: PLS population values of equal-loading blocks are the equal-weight composites", "[simulate][structural]") {
  structural_model<double> m;
  m.constructs = {"A", "B"};
  m.paths = Eigen::MatrixXd::Zero(2, 2);
  m.paths(1, 0) = 0.5;
  for (const char* con : {"A", "B"})
    for (int i = 1; i <= 3; ++i) m.indicators.push_back({std::string(con) + std::to_string(i), con, 0.8});
  const auto r = pls_population(m, implied_correlation(m));
  CHECK(r.converged);
  // composite of 3 items: var = 9·0.64 + 3·0.36 = 6.84; cov(A, B sums) = 9·0.64·0.5 = 2.88
  CHECK_THAT(r.paths(1, 0), WithinAbs(2.88 / 6.84, 1e-10));
  CHECK_THAT(r.r_squared(1), WithinAbs(std::pow(2.88 / 6.84, 2), 1e-10));
  CHECK_THAT(r.loadings(0), WithinAbs((3 * 0.64 + 0.36) / std::sqrt(6.84), 1e-10));
  CHECK_THAT(r.weights(4), WithinAbs(1 / std::sqrt(6.84), 1e-10));
}

TEST_CASE("structural: PLS population weights favour the stronger indicators (mode A)", "[simulate][structural]") {
  auto m = mediation(0.6, 0.4, 0.3);
  m.indicators[0].loading = 0.9;
  m.indicators[2].loading = 0.6;
  const auto r = pls_population(m, implied_correlation(m));
  CHECK(r.converged);
  CHECK(r.weights(0) > r.weights(1));
  CHECK(r.weights(1) > r.weights(2));
  // composites attenuate: PLS paths lie below the latent paths for these reliabilities
  CHECK(r.paths(1, 0) < 0.6);
  CHECK(r.paths(1, 0) > 0.45);
  CHECK_THROWS_AS(pls_population(m, Eigen::MatrixXd::Identity(3, 3)), csat::invalid_argument);
}
