// Tests of csat/fuzzy/compose.hpp against the published FCE vectors (reference notes ahp_fce.md, D.2)
// and hand-derived values for the other operators.
#include <csat/fuzzy/compose.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include "support/check.hpp"

using Catch::Matchers::Contains;
namespace fz = csat::fuzzy;

using csat_test::check_row;

namespace {


// F1: 司守奎 & 孙玺菁, 数学建模算法与应用, ex. 14.2 (staff year-end appraisal)
Eigen::RowVectorXd f1_a() { Eigen::RowVectorXd a(4); a << 0.25, 0.2, 0.25, 0.3; return a; }
Eigen::MatrixXd f1_r() {
  Eigen::MatrixXd r(4, 5);
  r << 0.1, 0.5, 0.4, 0,   0,
       0.2, 0.5, 0.2, 0.1, 0,
       0.2, 0.5, 0.3, 0,   0,
       0.2, 0.6, 0.2, 0,   0;
  return r;
}
// F3: the clothing example (MATLAB fuzzy_zhpj)
Eigen::MatrixXd f3_r() {
  Eigen::MatrixXd r(4, 4);
  r << 0.2, 0.5, 0.2, 0.1,
       0.7, 0.2, 0.1, 0,
       0,   0.4, 0.5, 0.1,
       0.2, 0.3, 0.5, 0;
  return r;
}

fz::compose_options<> with(fz::composition op, fz::normalization n = fz::normalization::none) {
  fz::compose_options<> o;
  o.op = op;
  o.normalize = n;
  return o;
}

}  // namespace

TEST_CASE("F1 (published, M(.,+)): B = (0.175, 0.53, 0.275, 0.02, 0)", "[fuzzy][compose][reference]") {
  const auto r = fz::compose(f1_a(), f1_r());
  check_row(r.b, {0.175, 0.53, 0.275, 0.02, 0});
  check_row(r.b_normalized, {0.175, 0.53, 0.275, 0.02, 0});
  CHECK(r.op == fz::composition::weighted_average);
  CHECK(r.normalize == fz::normalization::none);
  CHECK(&r.evaluated() == &r.b);
}

TEST_CASE("F1 under the other operators (computed values of the reference notes)", "[fuzzy][compose]") {
  check_row(fz::compose(f1_a(), f1_r(), with(fz::composition::zadeh)).b, {0.2, 0.3, 0.25, 0.1, 0});
  check_row(fz::compose(f1_a(), f1_r(), with(fz::composition::product_max)).b, {0.06, 0.18, 0.10, 0.02, 0});
  const auto bm = fz::compose(f1_a(), f1_r(), with(fz::composition::bounded_min, fz::normalization::sum));
  check_row(bm.b, {0.7, 1.0, 0.9, 0.1, 0});  // column 2 saturates: 0.25+0.2+0.25+0.3 = 1
  check_row(bm.b_normalized, {0.7 / 2.7, 1.0 / 2.7, 0.9 / 2.7, 0.1 / 2.7, 0});
  CHECK(std::abs(bm.b_normalized(0) - 0.2593) < 5e-5);
  CHECK(&bm.evaluated() == &bm.b_normalized);
  CHECK(bm.normalize == fz::normalization::sum);
  CHECK(bm.sum == Approx(2.7).epsilon(1e-14));
}

TEST_CASE("F3 (published, M(^,v)): both weight vectors", "[fuzzy][compose][reference]") {
  Eigen::RowVectorXd a1(4), a2(4);
  a1 << 0.1, 0.2, 0.3, 0.4;
  a2 << 0.4, 0.35, 0.15, 0.1;
  check_row(fz::compose(a1, f3_r(), with(fz::composition::zadeh)).b, {0.2, 0.3, 0.4, 0.1});
  check_row(fz::compose(a2, f3_r(), with(fz::composition::zadeh)).b, {0.35, 0.4, 0.2, 0.1});
  // computed extras for A1 and A2
  check_row(fz::compose(a1, f3_r(), with(fz::composition::product_max)).b, {0.14, 0.12, 0.2, 0.03});
  check_row(fz::compose(a1, f3_r(), with(fz::composition::bounded_min)).b, {0.5, 0.9, 0.9, 0.2});
  check_row(fz::compose(a1, f3_r()).b, {0.24, 0.33, 0.39, 0.04});
  check_row(fz::compose(a2, f3_r()).b, {0.345, 0.36, 0.24, 0.055});
  // balanced: hand-derived sums of min(a_i, r_ij / column sum), column sums (1.1, 1.4, 1.3, 0.2)
  check_row(fz::compose(a1, f3_r(), with(fz::composition::balanced)).b,
            {0.1 + 0.2 + 0 + 0.2 / 1.1, 0.1 + 0.2 / 1.4 + 0.4 / 1.4 + 0.3 / 1.4, 0.1 + 0.1 / 1.3 + 0.3 + 0.5 / 1.3, 0.1 + 0 + 0.3 + 0});
  CHECK(std::abs(fz::compose(a1, f3_r(), with(fz::composition::balanced)).b(0) - 0.4818) < 5e-5);
  CHECK(std::abs(fz::compose(a2, f3_r(), with(fz::composition::balanced)).b(2) - 0.4808) < 5e-5);
}

TEST_CASE("user t-norm / t-conorm: product with probabilistic sum (hand-derived)", "[fuzzy][compose]") {
  Eigen::RowVectorXd a1(4);
  a1 << 0.1, 0.2, 0.3, 0.4;
  auto o = with(fz::composition::custom);
  o.t_norm = [](double a, double r) { return a * r; };
  o.t_conorm = [](double x, double y) { return x + y - x * y; };
  // b_j = 1 - prod_i (1 - a_i r_ij)
  check_row(fz::compose(a1, f3_r(), o).b,
            {1 - 0.98 * 0.86 * 1.0 * 0.92, 1 - 0.95 * 0.96 * 0.88 * 0.88, 1 - 0.98 * 0.98 * 0.85 * 0.8, 1 - 0.99 * 0.97});
  // min / max as user functions equals the built-in zadeh operator
  o.t_norm = [](double a, double r) { return std::min(a, r); };
  o.t_conorm = [](double x, double y) { return std::max(x, y); };
  check_row(fz::compose(a1, f3_r(), o).b, {0.2, 0.3, 0.4, 0.1}, 0);
  // Lukasiewicz pair: max(0, a + r - 1) is 0 everywhere here
  o.t_norm = [](double a, double r) { return std::max(0.0, a + r - 1); };
  o.t_conorm = [](double x, double y) { return std::min(1.0, x + y); };
  check_row(fz::compose(a1, f3_r(), o).b, {0, 0, 0, 0}, 0);
  auto missing = with(fz::composition::custom);
  CHECK_THROWS_AS(fz::compose(a1, f3_r(), missing), csat::invalid_argument);
  o.t_conorm = [](double x, double y) { return x + y + 1; };
  CHECK_THROWS_WITH(fz::compose(a1, f3_r(), o), Contains("custom composition gives b[0] = "));
}

TEST_CASE("operator and normalization names round-trip", "[fuzzy][compose]") {
  for (auto c : {fz::composition::zadeh, fz::composition::product_max, fz::composition::bounded_min,
                 fz::composition::weighted_average, fz::composition::balanced})
    CHECK(fz::parse_composition(fz::to_string(c)) == c);
  CHECK(fz::parse_composition("M(·,⊕)") == fz::composition::weighted_average);
  CHECK(std::string(fz::notation(fz::composition::bounded_min)) == "M(∧,⊕)");
  CHECK_THROWS_WITH(fz::parse_composition("max"), Contains("unknown operator \"max\""));
  CHECK(fz::parse_normalization("sum") == fz::normalization::sum);
  CHECK_THROWS_AS(fz::parse_normalization("l2"), csat::invalid_argument);
}

TEST_CASE("bad weights and memberships are typed errors naming the item", "[fuzzy][compose]") {
  fz::compose_options<> o;
  o.items = {"政治表现", "工作能力", "工作态度", "工作成绩"};
  Eigen::RowVectorXd a = f1_a();
  a(3) = 0.31;  // sums to 1.01
  CHECK_THROWS_AS(fz::compose(a, f1_r(), o), csat::domain_error);
  CHECK_THROWS_WITH(fz::compose(a, f1_r(), o),
                    Contains("sum of weights (政治表现, 工作能力, 工作态度, 工作成绩) = 1.01, but must equal 1 within 1e-09"));
  a(3) = 0.3 + 2e-9;
  CHECK_THROWS_AS(fz::compose(a, f1_r(), o), csat::domain_error);
  a(3) = 0.3 + 5e-10;
  CHECK_NOTHROW(fz::compose(a, f1_r(), o));
  a << 0.5, -0.1, 0.3, 0.3;
  CHECK_THROWS_WITH(fz::compose(a, f1_r(), o),
                    Contains("weight of item 1 (\"工作能力\") = -0.1, but must be finite and non-negative"));
  Eigen::MatrixXd r = f1_r();
  r(2, 1) = 1.5;
  r(2, 2) = -0.7;
  CHECK_THROWS_AS(fz::compose(f1_a(), r, o), csat::domain_error);
  CHECK_THROWS_WITH(fz::compose(f1_a(), r, o), Contains("membership of item 2 (\"工作态度\") in grade 1 = 1.5"));
  r = f1_r();
  r(0, 4) = 0.1;  // row 0 sums to 1.1
  CHECK_THROWS_WITH(fz::compose(f1_a(), r, o), Contains("sum of the membership row of item 0 (\"政治表现\") = 1.1"));
  o.rows = fz::row_policy::normalize;
  const auto nr = fz::compose(f1_a(), r, o);
  CHECK(std::abs(nr.max_row_deviation - 0.1) < 1e-15);
  CHECK(std::abs(nr.b.sum() - 1) < 1e-15);
  o.rows = fz::row_policy::require_unit_sum;
  // A/R dimension mismatch
  Eigen::RowVectorXd a3(3);
  a3 << 0.3, 0.3, 0.4;
  CHECK_THROWS_AS(fz::compose(a3, f1_r()), csat::invalid_argument);
  CHECK_THROWS_WITH(fz::compose(a3, f1_r()),
                    Contains("weights has 3 entries, but the membership matrix has 4 rows"));
  o.context = "服务质量";
  CHECK_THROWS_WITH(fz::compose(a3, f1_r(), o), Contains("node \"服务质量\": weights has 3 entries"));
  CHECK_THROWS_AS(fz::compose(Eigen::RowVectorXd(), Eigen::MatrixXd()), csat::invalid_argument);
  CHECK_THROWS_AS(fz::compose(Eigen::MatrixXd::Constant(2, 2, 0.25), f1_r()), csat::invalid_argument);
}

TEMPLATE_TEST_CASE("F1 composes in any floating-point scalar", "[fuzzy][compose][template]", float, double) {
  using T = TestType;
  const Eigen::RowVectorX<T> a = f1_a().cast<T>();
  const Eigen::MatrixX<T> r = f1_r().cast<T>();
  fz::compose_options<T> o;
  o.weight_tolerance = 1e-6;
  o.row_tolerance = 1e-6;
  const auto b = fz::compose(a, r, o);
  const T want[5] = {T(0.175), T(0.53), T(0.275), T(0.02), T(0)};
  for (Eigen::Index j = 0; j < 5; ++j) CHECK(std::abs(b.b(j) - want[j]) <= T(1e-6));
  o.op = fz::composition::zadeh;
  CHECK(fz::compose(a, r, o).b(1) == T(0.3));
}
