// Tests of csat/weights/combine.hpp: linear, multiplicative and game combinations; the rough-set judgment matrix
// combined with an AHP judgment matrix, end to end from a hand-worked decision table.
#include <csat/weights/combine.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include "support/check.hpp"
#include "weights/decision_table_example.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
namespace w = csat::weights;

using csat_test::example_table;
using csat_test::vec;

namespace {
Eigen::MatrixXd expert() {  // AHP judgments of the experts over (服务态度, 办电效率, 停电感知)
  Eigen::MatrixXd a(3, 3);
  a << 1, 3, 5,
       1.0 / 3, 1, 2,
       1.0 / 5, 1.0 / 2, 1;
  return a;
}
}  // namespace

TEST_CASE("linear, multiplicative and game combinations", "[weights][combine]") {
  const auto s = vec({0.5, 0.3, 0.2}), o = vec({0.2, 0.2, 0.6});
  const auto l = w::combine_linear(s, o, 0.7);
  CHECK_THAT(l(0), WithinAbs(0.41, 1e-15));
  CHECK_THAT(l(2), WithinAbs(0.32, 1e-15));
  const auto m = w::combine_multiplicative(s, o);
  CHECK_THAT(m(0), WithinAbs(0.10 / 0.28, 1e-15));
  CHECK_THAT(m(2), WithinAbs(0.12 / 0.28, 1e-15));
  // game: ss = .38, so = .28, oo = .44; det = .0888; l1 = (.1672 - .1232)/det, l2 = (.1672 - .1064)/det
  const auto g = w::combine_game(s, o);
  const double l1 = 0.044 / 0.0888, l2 = 0.0608 / 0.0888;
  CHECK_THAT(g.alpha_subjective, WithinAbs(l1 / (l1 + l2), 1e-12));
  CHECK_THAT(g.weights(1), WithinAbs((0.3 * l1 + 0.2 * l2) / (l1 + l2), 1e-12));
  CHECK_THAT(g.weights.sum(), WithinAbs(1.0, 1e-15));
  CHECK_THROWS_AS(w::combine_linear(s, o, 1.5), csat::domain_error);
  CHECK_THROWS_WITH(w::combine_linear(vec({0.5, 0.6, -0.1}), o), Contains("subjective of indicator 2 = -0.1"));
  CHECK_THROWS_WITH(w::combine_linear(vec({0.5, 0.6, 0.1}), o, 0.5, {"a", "b", "c"}), Contains("sum of subjective = 1.2"));
  CHECK_THROWS_AS(w::combine_multiplicative(s, vec({0.5, 0.5})), csat::invalid_argument);
  CHECK_THROWS_AS(w::combine_multiplicative(vec({1, 0}), vec({0, 1})), csat::domain_error);
}

TEST_CASE("rough-set judgment matrix by the range transform", "[weights][combine]") {
  // sigma = (1.0, 0.4, 0.2): range 0.8, b_m = 9: a12 = 1 + 8*0.6/0.8 = 7, a13 = 9, a23 = 1 + 8*0.2/0.8 = 3
  const auto a = w::judgment_matrix_from_significance(vec({1.0, 0.4, 0.2}));
  CHECK_THAT(a(0, 1), WithinAbs(7, 1e-14));
  CHECK_THAT(a(0, 2), WithinAbs(9, 1e-14));
  CHECK_THAT(a(1, 2), WithinAbs(3, 1e-14));
  CHECK_THAT(a(2, 0), WithinAbs(1.0 / 9, 1e-15));
  CHECK(a(1, 1) == 1.0);
  // ratio scale: b_m = 1.0/0.2 = 5: a12 = 1 + 4*0.75 = 4
  const auto r = w::judgment_matrix_from_significance(vec({1.0, 0.4, 0.2}), w::range_scale::ratio);
  CHECK_THAT(r(0, 1), WithinAbs(4, 1e-14));
  CHECK_THAT(r(0, 2), WithinAbs(5, 1e-14));
  CHECK(w::judgment_matrix_from_significance(vec({0.3, 0.3})).isOnes());
  CHECK_THROWS_AS(w::judgment_matrix_from_significance(vec({1.0, 0.0}), w::range_scale::ratio), csat::domain_error);
}

TEST_CASE("rough set + AHP combined judgment matrix, end to end", "[weights][combine]") {
  w::combined_judgment_options o;
  o.names = {"服务态度", "办电效率", "停电感知"};
  const auto r = w::combine_judgments(expert(), example_table(), o);
  // combined (alpha = 0.5): a12 = sqrt(3*7), a13 = sqrt(5*9), a23 = sqrt(2*3)
  const double a12 = std::sqrt(21.0), a13 = std::sqrt(45.0), a23 = std::sqrt(6.0);
  CHECK_THAT(r.combined_matrix(0, 1), WithinAbs(a12, 1e-13));
  CHECK_THAT(r.combined_matrix(0, 2), WithinAbs(a13, 1e-13));
  CHECK_THAT(r.combined_matrix(1, 2), WithinAbs(a23, 1e-13));
  CHECK(r.combined_matrix(2, 1) == 1 / r.combined_matrix(1, 2));
  // n = 3: the eigenvector equals the row geometric means; lambda = 1 + t^(1/3) + t^(-1/3), t = a13/(a12 a23)
  Eigen::VectorXd g(3);
  g << std::cbrt(a12 * a13), std::cbrt(a23 / a12), std::cbrt(1 / (a13 * a23));
  g /= g.sum();
  for (Eigen::Index i = 0; i < 3; ++i) CHECK_THAT(r.weights(i), WithinAbs(g(i), 1e-12));
  CHECK_THAT(r.weights(0), WithinAbs(0.7223, 1e-4));
  const double t = a13 / (a12 * a23);
  const double lambda = 1 + std::cbrt(t) + 1 / std::cbrt(t);
  CHECK_THAT(r.lambda_max, WithinAbs(lambda, 1e-12));
  CHECK_THAT(r.ci, WithinAbs((lambda - 3) / 2, 1e-12));
  CHECK(r.ri == 0.58);
  CHECK_THAT(r.cr, WithinAbs((lambda - 3) / 2 / 0.58, 1e-12));
  CHECK(r.consistent);
  CHECK(r.converged);
  CHECK(r.consistency.table == csat::ahp::ri_table::saaty1980);
  // another RI table and RGMM priorities through csat::ahp (for n = 3 RGMM equals EV)
  auto o2 = o;
  o2.consistency.ri.table = csat::ahp::ri_table::saaty2005;
  o2.method = csat::ahp::priority_method::rgmm;
  const auto r2 = w::combine_judgments(expert(), example_table(), o2);
  CHECK(r2.ri == 0.52);
  CHECK_THAT(r2.cr, WithinAbs((lambda - 3) / 2 / 0.52, 1e-12));
  for (Eigen::Index i = 0; i < 3; ++i) CHECK_THAT(r2.weights(i), WithinAbs(g(i), 1e-14));
  // the pieces: the expert matrix alone (t = 5/6) and the rough-set matrix alone (t = 9/21)
  const double ts = 5.0 / 6, to = 9.0 / 21;
  CHECK_THAT(r.subjective_cr, WithinAbs((std::cbrt(ts) + 1 / std::cbrt(ts) - 2) / 2 / 0.58, 1e-12));
  CHECK_THAT(r.objective_cr, WithinAbs((std::cbrt(to) + 1 / std::cbrt(to) - 2) / 2 / 0.58, 1e-12));
  // alpha = 1 gives the expert weights, alpha = 0 the rough-set ones
  o.alpha = 1;
  const auto s = w::combine_judgments(expert(), example_table(), o);
  for (Eigen::Index i = 0; i < 3; ++i) CHECK_THAT(s.weights(i), WithinAbs(r.subjective_weights(i), 1e-12));
  o.alpha = 0;
  const auto ob = w::combine_judgments(expert(), example_table(), o);
  for (Eigen::Index i = 0; i < 3; ++i) CHECK_THAT(ob.weights(i), WithinAbs(r.objective_weights(i), 1e-12));
}

TEST_CASE("combined judgments: a 4x4 case checked against a direct eigen computation", "[weights][combine]") {
  Eigen::MatrixXd a(4, 4);
  a << 1, 2, 4, 6,
       0.5, 1, 3, 4,
       0.25, 1.0 / 3, 1, 2,
       1.0 / 6, 0.25, 0.5, 1;
  const auto r = w::combine_judgments(a, vec({0.5, 0.3, 0.3, 0.1}));
  // lambda from the definition A w = lambda w
  const Eigen::VectorXd aw = r.combined_matrix * r.weights;
  for (Eigen::Index i = 0; i < 4; ++i) CHECK_THAT(aw(i), WithinAbs(r.lambda_max * r.weights(i), 1e-12));
  CHECK(r.ri == 0.90);
  CHECK(r.lambda_max >= 4.0);
  CHECK_THAT(r.weights.sum(), WithinAbs(1.0, 1e-15));
}

TEST_CASE("combined judgments reject a non-reciprocal or mis-sized AHP matrix", "[weights][combine]") {
  Eigen::MatrixXd a = expert();
  a(1, 0) = 0.5;
  w::combined_judgment_options o;
  o.names = {"服务态度", "办电效率", "停电感知"};
  CHECK_THROWS_AS(w::combine_judgments(a, vec({1, 0.4, 0.2}), o), csat::domain_error);
  CHECK_THROWS_WITH(w::combine_judgments(a, vec({1, 0.4, 0.2}), o),
                    Contains("subjective[0,1] (服务态度 vs 办电效率) = 3, but must equal 1/subjective[1,0] = 2"));
  CHECK_THROWS_AS(w::combine_judgments(expert(), vec({1, 0.4}), o), csat::invalid_argument);
  a = expert();
  a(2, 2) = -1;
  CHECK_THROWS_AS(w::combine_judgments(a, vec({1, 0.4, 0.2})), csat::domain_error);
  CHECK_THROWS_AS(w::combine_judgments(Eigen::MatrixXd::Ones(2, 3), vec({1, 0.4})), csat::invalid_argument);
}
