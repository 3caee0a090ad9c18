// Tests of csat/ahp/hierarchy.hpp: published multi-level syntheses (leader, cities, car), ideal mode,
// total CR, direct weights, group nodes and structural errors.
#include <csat/ahp/hierarchy.hpp>

#include "ahp_vectors.hpp"

#include <catch2/catch.hpp>
#include "support/check.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
namespace ahp = csat::ahp;
using pm = ahp::pairwise_matrix<double>;

using csat_test::check_vector;

namespace {

pm up(std::initializer_list<double> u) { return pm(ahp_test::upper(u)); }

// V2 leader example: goal -> 4 criteria -> the same 3 candidates under each criterion.
ahp::hierarchy<double> leader() {
  ahp::hierarchy<double> h("Choose the most suitable leader");
  const auto crit = h.add(0, std::vector<std::string>{"Experience", "Education", "Charisma", "Age"});
  h.set_judgments(0, pm(ahp_test::leader_criteria()));
  const double tri[4][3] = {{1. / 4, 4, 9}, {3, 1. / 5, 1. / 7}, {5, 9, 4}, {1. / 3, 5, 9}};
  for (int c = 0; c < 4; ++c) {
    h.add(crit[static_cast<std::size_t>(c)], std::vector<std::string>{"Tom", "Dick", "Harry"});
    h.set_judgments(crit[static_cast<std::size_t>(c)], up({tri[c][0], tri[c][1], tri[c][2]}));
  }
  return h;
}

// V4 cities: alternatives Bethesda, Boston, Pittsburgh, Santa Fe under five criteria (AHPy dict judgments).
pm cities(std::initializer_list<std::tuple<int, int, double>> js) {
  std::vector<ahp::judgment<double>> v;
  for (const auto& j : js) v.push_back({std::get<0>(j), std::get<1>(j), std::get<2>(j)});
  return pm::from_judgments(4, v, {"Bethesda", "Boston", "Pittsburgh", "Santa Fe"});
}
}  // namespace

TEST_CASE("leader example: local, global, synthesis and ideal mode (V2)", "[ahp][hierarchy]") {
  const auto h = leader();
  const auto r = ahp::evaluate(h);
  REQUIRE(r.alternatives == std::vector<std::string>{"Tom", "Dick", "Harry"});
  // Wikipedia: Tom .358, Dick .493, Harry .149; AHPy prints Harry 0.15 because it rounds intermediates.
  check_vector(r.distributive, {0.358, 0.493, 0.149}, 5e-4);
  // Full precision: the reference notes print 0.35806/0.49282/0.14912, which does not reproduce from their own
  // local vectors: sum_c w_c * local_c with the notes' 5-digit EVs gives 0.358142/0.492794/0.149078.
  check_vector(r.distributive, {0.358142, 0.492794, 0.149078}, 1e-5);
  check_vector(r.ideal, {0.3545, 0.4973, 0.1482}, 5e-5);
  CHECK_THAT(r.leaf_weights.sum(), WithinAbs(1.0, 1e-12));
  // per-node consistency of the alternative matrices
  const int exp = h.child(0, "Experience"), edu = h.child(0, "Education"), cha = h.child(0, "Charisma"),
            age = h.child(0, "Age");
  CHECK_THAT(r.nodes[exp].analysis.consistency.lambda_max, WithinAbs(3.036896, 1e-6));
  CHECK_THAT(r.nodes[edu].analysis.consistency.lambda_max, WithinAbs(3.064888, 1e-6));
  CHECK_THAT(r.nodes[cha].analysis.consistency.lambda_max, WithinAbs(3.071265, 1e-6));
  CHECK_THAT(r.nodes[age].analysis.consistency.lambda_max, WithinAbs(3.029064, 1e-6));
  ahp::hierarchy_options o;
  o.analysis.consistency.ri.table = ahp::ri_table::saaty2005;
  const auto r5 = ahp::evaluate(h, o);
  CHECK_THAT(r5.nodes[exp].analysis.consistency.cr, WithinAbs(0.035476, 1e-6));
  CHECK_THAT(r5.nodes[edu].analysis.consistency.cr, WithinAbs(0.062392, 1e-6));
  CHECK_THAT(r5.nodes[cha].analysis.consistency.cr, WithinAbs(0.068524, 1e-6));
  CHECK_THAT(r5.nodes[age].analysis.consistency.cr, WithinAbs(0.027946, 1e-6));
  CHECK_THAT(r5.nodes[0].analysis.consistency.cr, WithinAbs(0.044351, 1e-6));
  // global weight of an education leaf (AHPy: Sue .093, Moll .024, Nell .01). AHPy's .093 comes from rounded
  // locals (0.127 * 0.731 = 0.0928); full precision 0.12656 * 0.73064 = 0.09247.
  const auto& edu_kids = r.nodes[edu].children;
  CHECK_THAT(r.nodes[edu_kids[2]].global_weight, WithinAbs(0.09247, 1e-5));
  CHECK_THAT(r.nodes[edu_kids[0]].global_weight, WithinAbs(0.024, 5e-4));
  CHECK_THAT(r.nodes[edu_kids[1]].global_weight, WithinAbs(0.010, 5e-4));
  // total CR = sum w_j CI_j / sum w_j RI_j over the judged nodes
  double ci = r5.nodes[0].analysis.consistency.ci, ri = r5.nodes[0].analysis.consistency.ri;
  for (int k : {exp, edu, cha, age}) {
    ci += r5.nodes[k].global_weight * r5.nodes[k].analysis.consistency.ci;
    ri += r5.nodes[k].global_weight * r5.nodes[k].analysis.consistency.ri;
  }
  CHECK_THAT(r5.total_cr, WithinAbs(ci / ri, 1e-14));
  REQUIRE(r5.level_cr.size() == 2);
  CHECK_THAT(r5.level_cr[0], WithinAbs(0.044351, 1e-6));
  CHECK(r5.total_consistent);
}

TEST_CASE("cities example: five criteria, four cities (V4)", "[ahp][hierarchy]") {
  ahp::hierarchy<double> h("Best city");
  const auto crit = h.add(0, std::vector<std::string>{"Culture", "Family", "Housing", "Jobs", "Transport"});
  h.set_judgments(0, pm(ahp_test::cities_criteria()));
  enum { Be, Bo, Pi, SF };
  const std::vector<pm> alt = {
      cities({{Be, Pi, 1}, {Bo, Be, 2}, {Bo, Pi, 2.5}, {Bo, SF, 1}, {SF, Be, 2}, {SF, Pi, 2.5}}),
      cities({{Be, Bo, 2}, {Be, SF, 4}, {Bo, SF, 2}, {Pi, Be, 3}, {Pi, Bo, 8}, {Pi, SF, 9}}),
      cities({{Be, Bo, 5}, {Be, SF, 2.5}, {Pi, Be, 2}, {Pi, Bo, 9}, {Pi, SF, 7}, {SF, Bo, 4}}),
      cities({{Be, Pi, 3}, {Be, SF, 4}, {Bo, Be, 2}, {Bo, Pi, 6}, {Bo, SF, 8}, {Pi, SF, 1}}),
      cities({{Be, Bo, 1.5}, {Be, SF, 4}, {Bo, SF, 2.5}, {Pi, Be, 2}, {Pi, Bo, 3.5}, {Pi, SF, 9}})};
  for (std::size_t c = 0; c < 5; ++c) {
    h.add(crit[c], alt[c].names());
    h.set_judgments(crit[c], alt[c]);
  }
  const auto r = ahp::evaluate(h);
  check_vector(r.distributive, {0.2291, 0.2748, 0.3852, 0.1110}, 5e-5);  // AHPy tests
  check_vector(r.ideal, {0.2241, 0.2901, 0.3510, 0.1347}, 5e-5);
  check_vector(r.nodes[crit[0]].analysis.weights, {0.1635, 0.3452, 0.1462, 0.3452}, 5e-5);
  CHECK_THAT(r.nodes[crit[2]].analysis.consistency.lambda_max, WithinAbs(4.120762, 1e-6));
  CHECK_THAT(r.nodes[crit[4]].analysis.consistency.lambda_max, WithinAbs(4.002663, 1e-6));
}

TEST_CASE("car example: four levels, and measured values as direct weights (V3)", "[ahp][hierarchy]") {
  const std::vector<std::string> cars{"Accord Sedan", "Accord Hybrid", "Pilot", "CR-V", "Element", "Odyssey"};
  ahp::hierarchy<double> h("Buy a car");
  const int cost = h.add(0, "Cost"), safety = h.add(0, "Safety"), style = h.add(0, "Style"), capacity = h.add(0, "Capacity");
  h.set_judgments(0, up({3, 7, 3, 9, 1, 1. / 7}));
  const int price = h.add(cost, "Price"), fuel = h.add(cost, "Fuel"), maint = h.add(cost, "Maintenance"),
            resale = h.add(cost, "Resale");
  h.set_judgments(cost, up({2, 5, 3, 2, 2, 1. / 2}));
  const int cargo = h.add(capacity, "Cargo"), passenger = h.add(capacity, "Passenger");
  h.set_judgments(capacity, up({1. / 5}));
  auto leaf = [&](int node, std::initializer_list<double> u) {
    h.add(node, cars);
    h.set_judgments(node, pm(ahp_test::upper(u), cars));
  };
  leaf(price, {9, 9, 1, 1. / 2, 5, 1, 1. / 9, 1. / 9, 1. / 7, 1. / 9, 1. / 9, 1. / 7, 1. / 2, 5, 6});
  leaf(safety, {1, 5, 7, 9, 1. / 3, 5, 7, 9, 1. / 3, 2, 9, 1. / 8, 2, 1. / 8, 1. / 9});
  leaf(passenger, {1, 1. / 2, 1, 3, 1. / 2, 1. / 2, 1, 3, 1. / 2, 2, 6, 1, 3, 1. / 2, 1. / 6});
  leaf(fuel, {1 / 1.13, 1.41, 1.15, 1.24, 1.19, 1.59, 1.3, 1.4, 1.35, 1 / 1.23, 1 / 1.14, 1 / 1.18, 1.08, 1.04, 1 / 1.04});
  leaf(resale, {3, 4, 1. / 2, 2, 2, 2, 1. / 5, 1, 1, 1. / 6, 1. / 2, 1. / 2, 4, 4, 1});
  leaf(maint, {1.5, 4, 4, 4, 5, 4, 4, 4, 5, 1, 1.2, 1, 1, 3, 2});
  leaf(style, {1, 7, 5, 9, 6, 7, 5, 9, 6, 1. / 6, 3, 1. / 3, 7, 5, 1. / 5});
  leaf(cargo, {1, 1. / 2, 1. / 2, 1. / 2, 1. / 3, 1. / 2, 1. / 2, 1. / 2, 1. / 3, 1, 1, 1. / 2, 1, 1. / 2, 1. / 2});
  ahp::hierarchy_options o;
  o.analysis.consistency.ri.table = ahp::ri_table::donegan_dodd;
  const auto r = ahp::evaluate(h, o);
  CHECK(r.alternatives == cars);
  check_vector(r.distributive, {0.2147, 0.1497, 0.1060, 0.1665, 0.1438, 0.2191}, 5e-5);
  check_vector(r.nodes[0].analysis.weights, {0.51008, 0.23435, 0.04052, 0.21505}, 5e-6);
  CHECK_THAT(r.nodes[0].analysis.consistency.cr, WithinAbs(0.080149, 1e-6));
  CHECK_THAT(r.nodes[cost].analysis.consistency.cr, WithinAbs(0.016375, 1e-6));
  CHECK_THAT(r.nodes[price].analysis.consistency.cr, WithinAbs(0.071691, 1e-6));
  CHECK_THAT(r.nodes[style].analysis.consistency.cr, WithinAbs(0.107202, 1e-6));
  // the passenger matrix is consistent: 0.136/0.136/0.273/0.136/0.045/0.273. The AHPy README printout
  // 0.493/0.197/... does not reproduce from its own matrix (reference notes D.4 item 1).
  check_vector(r.nodes[passenger].analysis.weights, {3. / 22, 3. / 22, 6. / 22, 3. / 22, 1. / 22, 6. / 22}, 1e-9);
  CHECK(r.nodes[price].depth == 2);
  CHECK(r.nodes[h.nodes()[price].children[0]].depth == 3);

  // "reprised": fuel, resale, passenger and cargo from measured values, normalised x / sum x
  auto direct = [&](int node, std::initializer_list<double> x) {
    Eigen::VectorXd v(6);
    int i = 0;
    for (double d : x) v(i++) = d;
    ahp::hierarchy<double>& hh = h;
    hh.set_weights(node, v);
  };
  direct(fuel, {31, 35, 22, 27, 25, 26});
  direct(resale, {.52, .46, .44, .55, .48, .48});
  direct(passenger, {5, 5, 8, 5, 4, 8});
  direct(cargo, {14, 14, 87.6, 72.9, 74.6, 147.4});
  const auto r2 = ahp::evaluate(h, o);
  check_vector(r2.distributive, {0.2100, 0.1540, 0.1075, 0.1493, 0.1614, 0.2178}, 5e-5);
  CHECK_FALSE(r2.nodes[fuel].has_judgments);
}

TEST_CASE("group judgments at a node: AIJ, each expert's CR, leaving out inconsistent experts", "[ahp][hierarchy]") {
  ahp::hierarchy<double> h("g");
  h.add(0, std::vector<std::string>{"A", "B", "C"});
  const pm e1 = up({2, 4, 2}), e2 = up({3, 5, 2}), bad = up({9, 1. / 9, 9});
  h.set_group_judgments(0, {e1, e2, bad}, {1, 1, 1}, {"ann", "bob", "cat"});
  const auto r = ahp::evaluate(h);
  REQUIRE(r.nodes[0].expert_cr.size() == 3);
  CHECK_THAT(r.nodes[0].expert_cr[0], WithinAbs(0.0, 1e-12));
  CHECK(r.nodes[0].expert_cr[2] > 1.0);
  CHECK(r.nodes[0].excluded_experts.empty());
  // AIJ of all three: a12 = (2*3*9)^(1/3)
  CHECK_THAT(r.nodes[0].analysis.matrix(0, 1), WithinAbs(std::cbrt(54.0), 1e-12));
  ahp::hierarchy_options o;
  o.exclude_inconsistent_experts = true;
  const auto r2 = ahp::evaluate(h, o);
  REQUIRE(r2.nodes[0].excluded_experts == std::vector<int>{2});
  CHECK_THAT(r2.nodes[0].analysis.matrix(0, 1), WithinAbs(std::sqrt(6.0), 1e-12));
}

TEST_CASE("hierarchy structure errors name the node", "[ahp][hierarchy]") {
  ahp::hierarchy<double> h("goal");
  const int a = h.add(0, "A");
  h.add(0, "B");
  CHECK_THROWS_AS(h.add(0, "A"), csat::invalid_argument);
  CHECK_THROWS_WITH(h.add(0, "A"), Contains("node \"goal\" already has a child named \"A\""));
  CHECK_THROWS_WITH(h.add(7, "X"), Contains("node index 7 is not in [0, 2]"));
  CHECK_THROWS_WITH(h.set_judgments(0, up({2, 3, 4})), Contains("is 3x3, but the node has 2 children"));
  CHECK_THROWS_WITH(h.set_judgments(a, up({2})), Contains("node \"goal/A\" has no children"));
  CHECK_THROWS_AS(ahp::evaluate(h), csat::invalid_argument);
  CHECK_THROWS_WITH(ahp::evaluate(h), Contains("node \"goal\" has children but neither judgments nor weights"));
  CHECK_THROWS_AS(h.set_weights(0, Eigen::Vector2d(1, -1)), csat::domain_error);
  CHECK_THROWS_WITH(h.set_weights(0, Eigen::Vector2d(1, -1)), Contains("weights[1] = -1"));
  h.set_weights(0, Eigen::Vector2d(3, 1));
  const auto r = ahp::evaluate(h);
  CHECK_THAT(r.nodes[a].global_weight, WithinAbs(0.75, 1e-15));
  CHECK(r.leaves == std::vector<int>{1, 2});
  CHECK_THAT(r.total_cr, WithinAbs(0.0, 0.0));
}
