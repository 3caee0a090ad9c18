// Tests of csat/sem/engine.hpp: the analytic gradient against central differences, and the expected
// information against the Hessian of F where the sample equals the implied moments.
#include <csat/sem/engine.hpp>
#include <csat/sem/estimate.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>

namespace {

const char* model_text =
    "f1 =~ x1 + x2 + x3\n f2 =~ x4 + x5 + x6\n f2 ~ f1\n x1 ~~ x4\n y ~ f2 + z\n";

Eigen::VectorXd some_theta(int k) {
  Eigen::VectorXd t(k);
  for (int i = 0; i < k; ++i) t(i) = 0.3 + 0.05 * i;
  return t;
}

}  // namespace

TEST_CASE("the analytic gradient equals central differences (complete, mean structure, FIML)", "[sem]") {
  for (int variant = 0; variant < 3; ++variant) {
    csat::sem::model_options mo;
    mo.meanstructure = variant > 0;
    mo.fixed_x = false;
    const auto mdl = csat::sem::specify(model_text, mo);
    // data: deterministic pseudo-random rows, some cells missing in the FIML variant
    const Eigen::Index n = 60, p = mdl.p();
    Eigen::MatrixXd x(n, p);
    std::mt19937 rng(42);
    std::normal_distribution<double> z;
    for (Eigen::Index i = 0; i < n; ++i) {
      const double common = z(rng);
      for (Eigen::Index j = 0; j < p; ++j) x(i, j) = 0.6 * common + z(rng) + 0.1 * static_cast<double>(j);
    }
    if (variant == 2)
      for (Eigen::Index i = 0; i < n; i += 7) x(i, i % p) = std::numeric_limits<double>::quiet_NaN();
    const auto s = csat::sem::make_sample(x, mdl.observed, {}, {},
                                          variant == 2 ? csat::sem::missing_policy::fiml : csat::sem::missing_policy::listwise);
    const csat::sem::detail::engine e(mdl, s);
    Eigen::VectorXd theta = csat::sem::detail::start_values(e);
    theta += 0.05 * some_theta(mdl.n_free);
    Eigen::VectorXd g(mdl.n_free);
    const double F = e.objective(theta, &g);
    REQUIRE(std::isfinite(F));
    for (int k = 0; k < mdl.n_free; ++k) {
      const double h = 1e-6;
      Eigen::VectorXd a = theta, b = theta;
      a(k) += h;
      b(k) -= h;
      const double num = (e.objective(a) - e.objective(b)) / (2 * h);
      INFO("variant " << variant << " parameter " << k);
      CHECK(std::abs(g(k) - num) <= 1e-6 * std::max(1.0, std::abs(num)));
    }
  }
}

TEST_CASE("expected information equals the Hessian of F at an exact fit", "[sem]") {
  csat::sem::model_options mo;
  mo.meanstructure = true;
  const auto mdl = csat::sem::specify("f1 =~ x1 + x2 + x3\n f2 =~ x4 + x5 + x6\n f2 ~ f1\n", mo);
  // population moments of some parameter values, used as the sample
  const Eigen::MatrixXd dummy = Eigen::MatrixXd::Identity(6, 6);
  const auto s0 = csat::sem::make_sample_from_covariance(dummy, mdl.observed, 100, Eigen::VectorXd::Zero(6), true);
  const csat::sem::detail::engine e0(mdl, s0);
  Eigen::VectorXd theta = csat::sem::detail::start_values(e0);
  for (Eigen::Index k = 0; k < theta.size(); ++k) theta(k) = (theta(k) == 0 ? 0.4 : 0.8 * theta(k) + 0.1);
  const auto x = e0.matrices(theta, 0);
  const auto s = csat::sem::make_sample_from_covariance(x.sigma, mdl.observed, 100, x.mu, true);
  const csat::sem::detail::engine e(mdl, s);
  Eigen::VectorXd g(mdl.n_free);
  e.objective(theta, &g);
  CHECK(g.cwiseAbs().maxCoeff() < 1e-12);
  const Eigen::MatrixXd I = e.information(theta);
  const Eigen::MatrixXd H = csat::sem::detail::jacobian(
      [&](const Eigen::VectorXd& t) {
        Eigen::VectorXd gr(mdl.n_free);
        e.objective(t, &gr);
        return gr;
      },
      theta, mdl.n_free);
  CHECK((I - H).cwiseAbs().maxCoeff() < 1e-7 * I.cwiseAbs().maxCoeff());
}
