// Tests of csat/ahp/priority.hpp: EV, RGMM, NCM, LLSM and Harker against published vectors and definitions.
#include <csat/ahp/priority.hpp>

#include "ahp_vectors.hpp"

#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <catch2/catch.hpp>

#include <random>
#include "support/check.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
namespace ahp = csat::ahp;

using csat_test::check_vector;

namespace {

// Reference EV from Eigen's general eigensolver: the eigenvector of the eigenvalue with the largest real part.
Eigen::VectorXd reference_ev(const Eigen::MatrixXd& a, double& lambda) {
  Eigen::EigenSolver<Eigen::MatrixXd> es(a);
  Eigen::Index k = 0;
  es.eigenvalues().real().maxCoeff(&k);
  lambda = es.eigenvalues()(k).real();
  Eigen::VectorXd v = es.eigenvectors().col(k).real();
  return v / v.sum();
}
}  // namespace

TEST_CASE("EV reproduces the drinks example (V1, Saaty 2008)", "[ahp][priority]") {
  const auto e = ahp::eigenvector<double>(ahp_test::drinks());
  CHECK(e.status == ahp::solver_status::success);
  check_vector(e.vector, {0.17746, 0.01915, 0.04183, 0.11642, 0.18957, 0.12878, 0.32679}, 5e-6);
  CHECK_THAT(e.value, WithinAbs(7.176629, 1e-6));
  // RGMM of the same matrix (computed in the reference notes)
  check_vector(ahp::rgmm<double>(ahp_test::drinks()), {0.17872, 0.01846, 0.04223, 0.11650, 0.19114, 0.12862, 0.32432}, 5e-6);
}

TEST_CASE("EV reproduces the leader and cities criteria (V2, V4)", "[ahp][priority]") {
  const auto l = ahp::eigenvector<double>(ahp_test::leader_criteria());
  check_vector(l.vector, {0.54757, 0.12656, 0.26995, 0.05593}, 5e-6);
  CHECK_THAT(l.value, WithinAbs(4.118418, 1e-6));
  // Wikipedia prints .547 for Experience; the exact EV 0.5476 rounds to .548 (AHPy prints .548).
  CHECK(l.vector(0) > 0.5475);
  const auto c = ahp::eigenvector<double>(ahp_test::cities_criteria());
  check_vector(c.vector, {0.15217, 0.43345, 0.07156, 0.30501, 0.03782}, 5e-6);
  CHECK_THAT(c.value, WithinAbs(5.225235, 1e-6));
  check_vector(ahp::rgmm<double>(ahp_test::cities_criteria()), {0.15259, 0.42282, 0.07226, 0.31474, 0.03759}, 5e-6);
  // gluc/ahp#4: the transposed input reproduces that user's (wrong) numbers
  const Eigen::MatrixXd t = ahp_test::cities_criteria().transpose();
  check_vector(ahp::eigenvector<double>(t).vector, {0.12655, 0.04583, 0.26119, 0.05845, 0.50797}, 5e-6);
}

TEST_CASE("method disagreement of AHPy#8 (V9): EV = RGMM, NCM = npm ahp", "[ahp][priority]") {
  const Eigen::MatrixXd a = ahp_test::rows(3, {1, 9, 1. / 9, 1. / 9, 1, 1. / 9, 9, 9, 1});
  check_vector(ahp::eigenvector<double>(a).vector, {0.1799, 0.0416, 0.7785}, 5e-5);
  check_vector(ahp::rgmm<double>(a), {0.1799, 0.0416, 0.7785}, 5e-5);
  check_vector(ahp::ncm<double>(a), {0.22116, 0.05151, 0.72733}, 5e-6);
  CHECK_THAT(ahp::eigenvector<double>(a).value, WithinAbs(3.56083, 1e-5));
}

TEST_CASE("consistent 3x3 gives (2/3, 1/9, 2/9) for every method (V6)", "[ahp][priority]") {
  const Eigen::MatrixXd a = ahp_test::rows(3, {1, 6, 3, 1. / 6, 1, 0.5, 1. / 3, 2, 1});
  for (auto m : {ahp::priority_method::eigenvector, ahp::priority_method::rgmm, ahp::priority_method::ncm,
                 ahp::priority_method::llsm}) {
    INFO(ahp::to_string(m));
    check_vector(ahp::priorities<double>(a, m).weights, {2. / 3, 1. / 9, 2. / 9}, 1e-12);
  }
  CHECK_THAT(ahp::eigenvector<double>(a).value, WithinAbs(3.0, 1e-12));
}

TEST_CASE("n = 3 closed form (V8)", "[ahp][priority]") {
  const auto e = ahp::eigenvector<double>(ahp_test::upper({2, 9, 2}));
  const double t = 9.0 / 4.0;
  CHECK_THAT(e.value, WithinAbs(1 + std::cbrt(t) + 1 / std::cbrt(t), 1e-12));
  CHECK_THAT(e.value, WithinAbs(3.073514, 1e-6));
  check_vector(e.vector, {0.6548, 0.2499, 0.0953}, 5e-5);
}

TEST_CASE("EV, RGMM, NCM, LLSM match their definitions on random reciprocal matrices n = 3..15", "[ahp][priority]") {
  std::mt19937_64 rng(20261123);
  for (Eigen::Index n = 3; n <= 15; ++n) {
    for (int rep = 0; rep < 4; ++rep) {
      INFO("n = " << n << ", repetition " << rep);
      const Eigen::MatrixXd a = ahp_test::random_reciprocal(n, rng);
      // EV: the Perron vector of Eigen's eigensolver
      double lref = 0;
      const Eigen::VectorXd ev_ref = reference_ev(a, lref);
      const auto ev = ahp::eigenvector<double>(a);
      CHECK(ev.status == ahp::solver_status::success);
      CHECK((ev.vector - ev_ref).cwiseAbs().maxCoeff() <= 1e-9);
      CHECK_THAT(ev.value, WithinAbs(lref, 1e-9));
      CHECK((a * ev.vector - ev.value * ev.vector).cwiseAbs().maxCoeff() <= 1e-9);
      // RGMM: (prod_j a_ij)^(1/n), normalised
      Eigen::VectorXd g(n);
      for (Eigen::Index i = 0; i < n; ++i) g(i) = std::pow(a.row(i).prod(), 1.0 / double(n));
      g /= g.sum();
      CHECK((ahp::rgmm<double>(a) - g).cwiseAbs().maxCoeff() <= 1e-9);
      // NCM: mean of the column-normalised rows
      Eigen::VectorXd c = Eigen::VectorXd::Zero(n);
      for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < n; ++j) c(i) += a(i, j) / a.col(j).sum() / double(n);
      CHECK((ahp::ncm<double>(a) - c).cwiseAbs().maxCoeff() <= 1e-9);
      // LLSM of a complete matrix = RGMM
      const ahp::pairwise_matrix<double> pmat(a);
      CHECK((ahp::llsm(pmat) - g).cwiseAbs().maxCoeff() <= 1e-9);
      // LLSM of an incomplete matrix: the least-squares solution of ln a_ij = y_i - y_j over known pairs
      ahp::detail::bool_matrix known = ahp::detail::bool_matrix::Constant(n, n, true);
      std::vector<std::pair<Eigen::Index, Eigen::Index>> pairs;
      for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = i + 1; j < n; ++j)
          if (j != i + 1 && (i * 7 + j * 3 + rep) % 3 == 0) known(i, j) = known(j, i) = false;  // keep the path i, i+1
          else pairs.emplace_back(i, j);
      const ahp::pairwise_matrix<double> inc(a, known);
      Eigen::MatrixXd x = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(pairs.size()) + 1, n);
      Eigen::VectorXd b = Eigen::VectorXd::Zero(x.rows());
      for (std::size_t k = 0; k < pairs.size(); ++k) {
        x(static_cast<Eigen::Index>(k), pairs[k].first) = 1;
        x(static_cast<Eigen::Index>(k), pairs[k].second) = -1;
        b(static_cast<Eigen::Index>(k)) = std::log(a(pairs[k].first, pairs[k].second));
      }
      x.row(x.rows() - 1).setOnes();  // sum of logs = 0 (consistent with the normal equations)
      const Eigen::VectorXd y = x.colPivHouseholderQr().solve(b);
      Eigen::VectorXd wl = y.array().exp();
      wl /= wl.sum();
      CHECK((ahp::llsm(inc) - wl).cwiseAbs().maxCoeff() <= 1e-9);
      if (inc.missing_pairs() > 0) CHECK((ahp::llsm(inc) - g).cwiseAbs().maxCoeff() > 1e-6);  // differs from RGMM
    }
  }
}

TEST_CASE("EV equals RGMM for n <= 3", "[ahp][priority]") {
  std::mt19937_64 rng(7);
  for (Eigen::Index n = 1; n <= 3; ++n)
    for (int rep = 0; rep < 50; ++rep) {
      const Eigen::MatrixXd a = ahp_test::random_reciprocal(n, rng);
      CHECK((ahp::eigenvector<double>(a).vector - ahp::rgmm<double>(a)).cwiseAbs().maxCoeff() <= 1e-12);
    }
}

TEST_CASE("Harker's method on the incomplete 4x4 (V5)", "[ahp][priority]") {
  Eigen::MatrixXd a = ahp_test::upper({1, 5, 2, 3, 4, 0.75});
  ahp::detail::bool_matrix known = ahp::detail::bool_matrix::Constant(4, 4, true);
  known(2, 3) = known(3, 2) = false;
  const ahp::pairwise_matrix<double> pmat(a, known);
  const auto h = ahp::harker(pmat);
  check_vector(h.vector, {0.3736, 0.3921, 0.0982, 0.1361}, 5e-5);
  CHECK_THAT(h.value, WithinAbs(4.092388, 1e-6));
  // priorities(): EV of an incomplete matrix is Harker's; NCM needs completion
  CHECK((ahp::priorities(pmat).weights - h.vector).cwiseAbs().maxCoeff() < 1e-14);
  CHECK_THROWS_AS(ahp::priorities(pmat, ahp::priority_method::ncm), csat::invalid_argument);
  CHECK_THROWS_WITH(ahp::priorities(pmat, ahp::priority_method::ncm), Contains("NCM needs a complete matrix"));
}

TEST_CASE("priority methods parse and print", "[ahp][priority]") {
  CHECK(ahp::parse_priority_method("ev") == ahp::priority_method::eigenvector);
  CHECK(ahp::parse_priority_method("rgmm") == ahp::priority_method::rgmm);
  CHECK(ahp::parse_priority_method("ncm") == ahp::priority_method::ncm);
  CHECK(ahp::parse_priority_method("llsm") == ahp::priority_method::llsm);
  CHECK(std::string(ahp::to_string(ahp::priority_method::ncm)) == "ncm");
  CHECK_THROWS_AS(ahp::parse_priority_method("power"), csat::invalid_argument);
  CHECK_THROWS_WITH(ahp::parse_priority_method("power"), Contains("\"power\" is not one of ev, rgmm, ncm, llsm"));
}

TEST_CASE("priorities are templated on the scalar type", "[ahp][priority]") {
  const Eigen::MatrixXf a = ahp_test::leader_criteria().cast<float>();
  const auto e = ahp::eigenvector<float>(a);
  CHECK_THAT(double(e.vector(0)), WithinAbs(0.54757, 1e-4));
  CHECK_THAT(double(ahp::rgmm<float>(a).sum()), WithinAbs(1.0, 1e-6));
  const Eigen::Matrix<long double, -1, -1> b = ahp_test::drinks().cast<long double>();
  CHECK_THAT(double(ahp::eigenvector<long double>(b).value), WithinAbs(7.176629, 1e-6));
}
