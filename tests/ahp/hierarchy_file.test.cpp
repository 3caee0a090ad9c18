// Tests of csat/ahp/hierarchy_file.hpp: the text format for whole hierarchies, and its located errors.
#include <csat/ahp/hierarchy_file.hpp>

#include "support/shared.hpp"

#include <catch2/catch.hpp>

using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
using Catch::Matchers::WithinAbs;
namespace ahp = csat::ahp;

TEST_CASE("the leader example file reproduces the synthesis (V2)", "[ahp][hierarchy_file]") {
  const auto h = ahp::read_hierarchy(csat_test::source_path("examples/data/ahp_leader.hierarchy"));
  REQUIRE(h.size() == 17);
  const auto r = ahp::evaluate(h);
  REQUIRE(r.alternatives == std::vector<std::string>{"Tom", "Dick", "Harry"});
  CHECK_THAT(r.distributive(0), WithinAbs(0.358142, 1e-5));
  CHECK_THAT(r.distributive(1), WithinAbs(0.492794, 1e-5));
  CHECK_THAT(r.ideal(2), WithinAbs(0.1482, 5e-5));
  CHECK_THAT(r.nodes[0].analysis.weights(0), WithinAbs(0.54757, 5e-6));
}

TEST_CASE("matrix rows, upper triangles, direct weights, experts, paths and comments", "[ahp][hierarchy_file]") {
  const std::string text =
      "# a test\n"
      "goal: G\n"
      "[G]\n"
      "children: A, B, C   # three criteria\n"
      "expert: ann 3\n"
      "1, 2, 4\n"
      "1/2, 1, 2\n"
      "1/4, 1/2, 1\n"
      "expert: bob\n"
      "upper: 1, 1, 1\n"
      "[G/A]\n"
      "children: x, y\n"
      "weights: 3, 1\n"
      "[B]\n"
      "children: x, y\n"
      "upper: 1/3\n"
      "[C]\n"
      "children: x, y, z\n"
      "upper: 2, , 3\n";
  const auto h = ahp::read_hierarchy_text(text, "t.txt");
  const auto& g = h.node(0);
  REQUIRE(g.judgments.size() == 2);
  CHECK(g.expert_names == std::vector<std::string>{"ann", "bob"});
  CHECK(g.expert_weights == std::vector<double>{3, 1});
  const auto r = ahp::evaluate(h);
  // AIJ with weights 3/4, 1/4: a12 = 2^(3/4)
  CHECK_THAT(r.nodes[0].analysis.matrix(0, 1), WithinAbs(std::pow(2.0, 0.75), 1e-12));
  CHECK_THAT(r.nodes[static_cast<std::size_t>(h.child(h.child(0, "A"), "x"))].local_weight, WithinAbs(0.75, 1e-15));
  const int c = h.child(0, "C");
  CHECK(r.nodes[static_cast<std::size_t>(c)].analysis.completed);
  CHECK_THAT(r.nodes[static_cast<std::size_t>(c)].analysis.matrix(0, 2), WithinAbs(6.0, 1e-9));  // lambda-optimal = 2*3
}

TEST_CASE("hierarchy file errors are located", "[ahp][hierarchy_file]") {
  auto read = [](const std::string& t) { return ahp::read_hierarchy_text(t, "h.txt"); };
  CHECK_THROWS_AS(read(""), csat::parse_error);
  CHECK_THROWS_WITH(read(""), Contains("h.txt:1:1: the file is empty"));
  CHECK_THROWS_WITH(read("[G]\n"), Contains("h.txt:1:1: the file must start with \"goal: NAME\""));
  CHECK_THROWS_WITH(read("goal: G\n[X]\n"), Contains("h.txt:2:2: no node is named \"X\""));
  CHECK_THROWS_WITH(read("goal: G\n[G]\nchildren: A, B\n1, 2\n1/2, 1, 3\n"),
                    Contains("h.txt:5:9: row 2 has 3 cells, but the node has 2 children"));
  CHECK_THROWS_WITH(read("goal: G\n[G]\nchildren: A, B\n1, x\n1/2, 1\n"),
                    Contains("h.txt:4:4: \"x\" is not a number or a fraction"));
  CHECK_THROWS_WITH(read("goal: G\n[G]\nchildren: A, B\n1, 2\n1/3, 1\n"),
                    Contains("h.txt:5:1: node \"G\": pairwise[1,0] (B vs A) = 0.3333333333333333, but must equal 1/pairwise[0,1] = 0.5"));
  CHECK_THROWS_WITH(read("goal: G\n[G]\nchildren: A, B, C\nupper: 2, 0, 1\n"),
                    Contains("h.txt:4:11: node \"G\": pairwise[0,2] (A vs C) = 0, but must be finite and positive"));
  CHECK_THROWS_WITH(read("goal: G\n[G]\nchildren: A, B, C\nupper: 2, 3\n"),
                    Contains("h.txt:4:1: upper: has 2 values, but 3 children need 3"));
  CHECK_THROWS_WITH(read("goal: G\n[G]\nchildren: A, B\nweights: 1, -1\n"),
                    Contains("h.txt:4:13: weight of \"B\" = -1, but must be finite and positive"));
  CHECK_THROWS_WITH(read("goal: G\n[G]\nchildren: A, A\n"), Contains("h.txt:3:14: csat::ahp::hierarchy::add: node \"G\" already has a child named \"A\""));
  CHECK_THROWS_WITH(read("goal: G\n[G]\nchildren: A, B\n"), Contains("h.txt: csat::ahp::hierarchy: node \"G\" has children but neither judgments nor weights"));
  CHECK_THROWS_WITH(read("goal: G\n[G]\nchildren: A, B\nupper: 2\n[A]\nchildren: x\nweights: 1\n[B]\nchildren: x\nweights: 1\n[x]\n"),
                    Contains("h.txt:11:2: the name \"x\" is not unique"));
  CHECK_THROWS_WITH(read("goal: G\n[G]\nchildren: A, B, C, D\n1,2,,\n,1,,\n,,1,3\n,,,1\n"),
                    Contains("node \"G\": the comparison graph of the incomplete matrix is disconnected"));
  CHECK_THROWS_WITH(read("goal: G\nchildren: A\n"), Contains("h.txt:2:1: this line is outside a [node] block"));
  CHECK_THROWS_AS(ahp::read_hierarchy("/nonexistent.h"), csat::invalid_argument);
}
