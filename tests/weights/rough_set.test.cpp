// Tests of csat/weights/rough_set.hpp on a hand-worked decision table.
#include <csat/weights/rough_set.hpp>

#include <catch2/catch.hpp>
#include "weights/decision_table_example.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
namespace w = csat::weights;

using csat_test::example_table;

namespace {
// 10 customers: grades of 服务态度 (s), 办电效率 (e), 停电感知 (o); decision = overall satisfaction grade.
}  // namespace

TEST_CASE("dependency and significance of a hand-worked decision table", "[weights][rough_set]") {
  const auto t = example_table();
  // all 10 condition rows differ: gamma_C = 1
  CHECK(w::dependency(t, {true, true, true}) == 1.0);
  // without s, blocks by (e,o): {1,6} {2,8,9} {3,4} {5,7,10}: all mixed -> 0
  CHECK(w::dependency(t, {false, true, true}) == 0.0);
  // without e, blocks by (s,o): {1,3}ok {2,10}mixed {4,6}ok {5,9}ok {7,8}mixed -> 6/10
  CHECK(w::dependency(t, {true, false, true}) == 0.6);
  // without o, blocks by (s,e): {1,2}ok {3,10}mixed {4,5}ok {6,9}ok {7}ok {8}ok -> 8/10
  CHECK(w::dependency(t, {true, true, false}) == 0.8);
  const auto r = w::rough_set_weights(t);
  CHECK_THAT(r.significance(0), WithinAbs(1.0, 1e-15));
  CHECK_THAT(r.significance(1), WithinAbs(0.4, 1e-15));
  CHECK_THAT(r.significance(2), WithinAbs(0.2, 1e-15));
  CHECK_THAT(r.weights(0), WithinAbs(0.625, 1e-15));
  CHECK_THAT(r.weights(1), WithinAbs(0.25, 1e-15));
  CHECK_THAT(r.weights(2), WithinAbs(0.125, 1e-15));
  CHECK(r.core == std::vector<int>{0, 1, 2});
  CHECK(r.dependency == 1.0);
}

TEST_CASE("granularity significance without the decision", "[weights][rough_set]") {
  // GK(C) = 10/100; GK(C - s) = (4+9+4+9)/100 = .26; GK(C - e) = (4*4+... )= .20; GK(C - o) = .18
  w::rough_set_options o;
  o.measure = w::significance_measure::granularity;
  auto t = example_table();
  t.decision.resize(0);
  const auto r = w::rough_set_weights(t, o);
  CHECK_THAT(r.dependency, WithinAbs(0.1, 1e-15));
  CHECK_THAT(r.significance(0), WithinAbs(0.16, 1e-15));
  CHECK_THAT(r.significance(1), WithinAbs(0.10, 1e-15));
  CHECK_THAT(r.significance(2), WithinAbs(0.08, 1e-15));
  CHECK_THAT(r.weights(0), WithinAbs(0.16 / 0.34, 1e-14));
}

TEST_CASE("a redundant attribute gets zero weight, no significance at all is an error", "[weights][rough_set]") {
  auto t = example_table();
  t.conditions.conservativeResize(10, 4);
  t.conditions.col(3) = t.conditions.col(0);  // a copy of s: neither is indispensable any more
  t.attributes.push_back("服务态度2");
  const auto r = w::rough_set_weights(t);
  CHECK(r.significance(0) == 0.0);
  CHECK(r.significance(3) == 0.0);
  CHECK_THAT(r.weights(1), WithinAbs(0.4 / 0.6, 1e-15));
  t.conditions.col(1) = t.conditions.col(0);
  t.conditions.col(2) = t.conditions.col(0);
  CHECK_THROWS_AS(w::rough_set_weights(t), csat::domain_error);
  CHECK_THROWS_WITH(w::rough_set_weights(t), Contains("sum of attribute significances = 0"));
  t.decision.resize(3);
  CHECK_THROWS_WITH(w::rough_set_weights(t), Contains("decision has 3 entries, but there are 10 objects"));
}

TEST_CASE("discretizing indicators into grades by cut points", "[weights][rough_set]") {
  Eigen::MatrixXd x(4, 2);
  x << 99.1, 20,
       99.6, 45,
       99.95, 90,
       98.0, 200;
  const auto g = w::discretize(x, {{99.0, 99.5, 99.9}, {30, 60, 120}});
  CHECK(g(0, 0) == 1);
  CHECK(g(1, 0) == 2);
  CHECK(g(2, 0) == 3);
  CHECK(g(3, 0) == 0);
  CHECK(g(0, 1) == 0);
  CHECK(g(2, 1) == 2);
  CHECK(g(3, 1) == 3);
  CHECK_THROWS_AS(w::discretize(x, {{99.5, 99.0}, {1}}, {"电压合格率", "停电"}), csat::domain_error);
  CHECK_THROWS_WITH(w::discretize(x, {{99.5, 99.0}, {1}}, {"电压合格率", "停电"}),
                    Contains("column 0 (\"电压合格率\"): cut 1 = 99, but must be greater than cut 0 = 99.5"));
  CHECK_THROWS_AS(w::discretize(x, {{1}}), csat::invalid_argument);
}
