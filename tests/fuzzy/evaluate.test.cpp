// Tests of csat/fuzzy/evaluate.hpp: the published two-level vector F2 (ahp_fce.md D.2), other operators,
// normalization between levels, a three-level tree and errors naming the node.
#include <csat/fuzzy/evaluate.hpp>

#include <catch2/catch.hpp>
#include "support/check.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
namespace fz = csat::fuzzy;
using node = fz::fce_node<>;

using csat_test::row;
using csat_test::check_row;

namespace {



node leaf(const std::string& name, double w, std::initializer_list<double> r) { return node{name, w, row(r), {}}; }

// F2: two-level staff appraisal (司守奎 & 孙玺菁, multi-level example)
node f2() {
  node b1{"工作绩效", 0.4, {}, {leaf("u11", 0.2, {0.8, 0.15, 0.05, 0, 0}), leaf("u12", 0.3, {0.2, 0.6, 0.1, 0.1, 0}),
                                 leaf("u13", 0.3, {0.5, 0.4, 0.1, 0, 0}), leaf("u14", 0.2, {0.1, 0.3, 0.5, 0.05, 0.05})}};
  node b2{"工作态度", 0.3, {}, {leaf("u21", 0.3, {0.3, 0.5, 0.15, 0.05, 0}), leaf("u22", 0.2, {0.2, 0.2, 0.4, 0.1, 0.1}),
                                 leaf("u23", 0.1, {0.4, 0.4, 0.1, 0.1, 0}), leaf("u24", 0.2, {0.1, 0.3, 0.3, 0.2, 0.1}),
                                 leaf("u25", 0.2, {0.3, 0.2, 0.2, 0.2, 0.1})}};
  node b3{"工作能力", 0.2, {}, {leaf("u31", 0.1, {0.1, 0.3, 0.5, 0.1, 0}), leaf("u32", 0.2, {0.2, 0.3, 0.3, 0.1, 0.1}),
                                 leaf("u33", 0.3, {0.2, 0.3, 0.35, 0.15, 0}), leaf("u34", 0.2, {0.1, 0.3, 0.4, 0.1, 0.1}),
                                 leaf("u35", 0.2, {0.1, 0.4, 0.3, 0.1, 0.1})}};
  node b4{"学习特长", 0.1, {}, {leaf("u41", 0.3, {0.3, 0.4, 0.2, 0.1, 0}), leaf("u42", 0.2, {0.1, 0.4, 0.3, 0.1, 0.1}),
                                 leaf("u43", 0.2, {0.2, 0.3, 0.4, 0.1, 0}), leaf("u44", 0.3, {0.4, 0.3, 0.2, 0.1, 0})}};
  return node{"年终考核", 1, {}, {b1, b2, b3, b4}};
}

const fz::grade_set grades5 = fz::grade_set::evenly_scored({"优秀", "良好", "一般", "较差", "差"});

}  // namespace

TEST_CASE("F2 (published, M(.,+)): B = (0.288, 0.354, 0.2355, 0.0865, 0.036)", "[fuzzy][evaluate][reference]") {
  const auto e = fz::evaluate(f2(), fz::grade_set::power());
  REQUIRE(e.nodes.size() == 1 + 4 + 18);
  check_row(e.root().b, {0.288, 0.354, 0.2355, 0.0865, 0.036});
  check_row(e.find("工作绩效").b, {0.39, 0.39, 0.17, 0.04, 0.01});
  check_row(e.find("工作态度").b, {0.25, 0.33, 0.235, 0.125, 0.06});
  check_row(e.find("工作能力").b, {0.15, 0.32, 0.355, 0.115, 0.06});
  check_row(e.find("学习特长").b, {0.27, 0.35, 0.26, 0.10, 0.02});
  CHECK(e.root().reading.max_grade == 1);
  CHECK_FALSE(e.root().reading.tie);
  CHECK(e.find("工作绩效").reading.tie);  // 0.39 and 0.39, equal up to rounding
  CHECK(e.find("工作绩效").reading.band == fz::validity_band::tied);
  CHECK_THAT(e.root().reading.validity, WithinAbs(0.77 / 2.304, 1e-12));
  CHECK_THAT(e.root().reading.score, WithinAbs(74.71, 1e-12));
  // structure: pre-order, paths, global weights
  const auto& u33 = e.find("u33");
  CHECK(u33.leaf);
  CHECK(u33.depth == 2);
  CHECK(u33.path == "年终考核/工作能力/u33");
  CHECK_THAT(u33.global_weight, WithinAbs(0.06, 1e-15));
  CHECK(e.nodes[static_cast<std::size_t>(u33.parent)].name == "工作能力");
  CHECK(e.nodes[1].name == "工作绩效");
  CHECK(e.nodes[2].name == "u11");
}

TEST_CASE("F2 under the other operators, no normalization between levels", "[fuzzy][evaluate]") {
  fz::evaluate_options<> o;
  o.op = fz::composition::zadeh;
  const auto z = fz::evaluate(f2(), grades5, o);
  check_row(z.root().b, {0.3, 0.3, 0.2, 0.2, 0.1});
  CHECK(z.root().reading.tie);  // the max-membership principle fails
  o.op = fz::composition::product_max;
  check_row(fz::evaluate(f2(), grades5, o).root().b, {0.064, 0.072, 0.04, 0.012, 0.006});
  o.op = fz::composition::bounded_min;
  check_row(fz::evaluate(f2(), grades5, o).root().b, {1, 1, 1, 0.75, 0.65});  // saturated
}

TEST_CASE("normalization between levels and per-level operators", "[fuzzy][evaluate]") {
  // hand-derived: M(.,v) at level 1 gives B1 = (0.16, 0.18, 0.1, 0.03, 0.01) ... ; normalize each, then M(.,+)
  fz::evaluate_options<> o;
  o.level_ops = {fz::composition::weighted_average, fz::composition::product_max};
  o.normalize = fz::normalization::sum;
  const auto e = fz::evaluate(f2(), grades5, o);
  const Eigen::RowVectorXd b1 = row({0.16, 0.18, 0.10, 0.03, 0.01});   // max_i a_i r_ij in block 1
  const Eigen::RowVectorXd b2 = row({0.09, 0.15, 0.08, 0.04, 0.02});
  const Eigen::RowVectorXd b3 = row({0.06, 0.09, 0.105, 0.045, 0.02});
  const Eigen::RowVectorXd b4 = row({0.12, 0.12, 0.08, 0.03, 0.02});
  check_row(e.find("工作绩效").b, {0.16, 0.18, 0.10, 0.03, 0.01});
  CHECK(e.find("工作绩效").op == fz::composition::product_max);
  CHECK(e.root().op == fz::composition::weighted_average);
  const Eigen::RowVectorXd want =
      0.4 * b1 / b1.sum() + 0.3 * b2 / b2.sum() + 0.2 * b3 / b3.sum() + 0.1 * b4 / b4.sum();
  check_row(e.root().b, {want(0), want(1), want(2), want(3), want(4)});
  CHECK_THAT(e.root().b.sum(), WithinAbs(1.0, 1e-14));
  CHECK(e.normalize == fz::normalization::sum);
}

TEST_CASE("a three-level tree: hand-derived weighted average", "[fuzzy][evaluate]") {
  // root -> {A (0.6) -> {A1 (0.5) -> {x, y}, A2 (0.5) leaf}, B (0.4) leaf}
  node a1{"A1", 0.5, {}, {leaf("x", 0.5, {1, 0, 0}), leaf("y", 0.5, {0, 1, 0})}};
  node a{"A", 0.6, {}, {a1, leaf("A2", 0.5, {0, 0, 1})}};
  node root{"root", 1, {}, {a, leaf("B", 0.4, {0.5, 0.5, 0})}};
  const fz::grade_set g({"good", "fair", "poor"}, {100, 60, 0});
  const auto e = fz::evaluate(root, g);
  check_row(e.find("A1").b, {0.5, 0.5, 0});
  check_row(e.find("A").b, {0.25, 0.25, 0.5});
  check_row(e.root().b, {0.35, 0.35, 0.3});
  CHECK_THAT(e.find("x").global_weight, WithinAbs(0.15, 1e-15));
  CHECK(e.find("x").depth == 3);
  CHECK_THAT(e.root().reading.score, WithinAbs(35 + 21, 1e-12));
}

TEST_CASE("bad trees are typed errors naming the node", "[fuzzy][evaluate]") {
  auto t = f2();
  t.children[1].children[2].weight = 0.2;  // 工作态度 weights sum to 1.1
  CHECK_THROWS_AS(fz::evaluate(t, grades5), csat::domain_error);
  CHECK_THROWS_WITH(fz::evaluate(t, grades5),
                    Contains("node \"年终考核/工作态度\": sum of weights (u21, u22, u23, u24, u25) = 1.0999"));
  t = f2();
  t.children[3].weight = -0.1;
  t.children[0].weight = 0.6;
  CHECK_THROWS_WITH(fz::evaluate(t, grades5),
                    Contains("node \"年终考核\": weight of item 3 (\"学习特长\") = -0.1, but must be finite and non-negative"));
  t = f2();
  t.children[2].children[0].membership = row({0.1, 0.3, 0.5, 0.1});
  CHECK_THROWS_AS(fz::evaluate(t, grades5), csat::invalid_argument);
  CHECK_THROWS_WITH(fz::evaluate(t, grades5),
                    Contains("leaf \"年终考核/工作能力/u31\" has a membership row of 4 entries, but there are 5 grades"));
  t = f2();
  t.children[2].children[0].membership = row({0.1, 0.3, 0.5, 0.1, 0.1});
  CHECK_THROWS_WITH(fz::evaluate(t, grades5), Contains("sum of the membership row of item 0 (\"u31\") = 1.1"));
  fz::evaluate_options<> o;
  o.leaf_rows = fz::row_policy::normalize;
  const auto nr = fz::evaluate(t, grades5, o);
  CHECK_THAT(nr.find("u31").row_deviation, WithinAbs(0.1, 1e-15));
  CHECK_THAT(nr.find("u31").b.sum(), WithinAbs(1.0, 1e-15));
  t.children[2].children[0].membership = row({0.1, 0.3, 1.5, 0.1, 0.1});
  CHECK_THROWS_WITH(fz::evaluate(t, grades5, o), Contains("membership of item 0 (\"u31\") in grade 2 (\"一般\") = 1.5"));
}
