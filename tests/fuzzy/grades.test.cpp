// Tests of csat/fuzzy/grades.hpp: the power preset, user grade sets, and their validation.
#include <csat/fuzzy/grades.hpp>

#include <catch2/catch.hpp>

#include <limits>

using Catch::Matchers::Contains;
namespace fz = csat::fuzzy;

TEST_CASE("the power-industry preset has five grades scored 100/80/60/40/0", "[fuzzy][grades]") {
  const auto g = fz::grade_set::power();
  REQUIRE(g.size() == 5);
  CHECK(g.name(0) == "很满意");
  CHECK(g.name(1) == "比较满意");
  CHECK(g.name(2) == "基本满意");
  CHECK(g.name(3) == "不太满意");
  CHECK(g.name(4) == "很不满意");
  CHECK(g.scores() == std::vector<double>{100, 80, 60, 40, 0});
  CHECK(g.index_of("基本满意") == 2);
  CHECK(g.find("满意") == -1);
  CHECK(g.score_vector()(1) == 80.0);
}

TEST_CASE("user-defined grade sets keep order, names and scores", "[fuzzy][grades]") {
  const fz::grade_set g({"excellent", "good", "fair", "poor"}, {95, 85, 70, 50});
  CHECK(g.size() == 4);
  CHECK(g.index_of("poor") == 3);
  CHECK(g.score(2) == 70.0);
  const auto e = fz::grade_set::evenly_scored({"a", "b", "c", "d", "e"});
  CHECK(e.scores() == std::vector<double>{100, 75, 50, 25, 0});
  CHECK(g != e);
  CHECK(fz::grade_set::power() == fz::grade_set::power());
}

TEST_CASE("bad grade sets are typed errors naming the grade", "[fuzzy][grades]") {
  CHECK_THROWS_AS(fz::grade_set({"only"}, {1}), csat::invalid_argument);
  CHECK_THROWS_WITH(fz::grade_set({"a", "b"}, {1}), Contains("scores has size 1"));
  CHECK_THROWS_AS(fz::grade_set({"a", "b", "a"}, {3, 2, 1}), csat::invalid_argument);
  CHECK_THROWS_WITH(fz::grade_set({"a", "b", "a"}, {3, 2, 1}), Contains("\"a\" appears twice"));
  CHECK_THROWS_AS(fz::grade_set({"a", ""}, {1, 0}), csat::invalid_argument);
  CHECK_THROWS_AS(fz::grade_set({"a", "b"}, {1, std::numeric_limits<double>::quiet_NaN()}), csat::domain_error);
  CHECK_THROWS_WITH(fz::grade_set({"a", "b"}, {1, std::numeric_limits<double>::infinity()}),
                    Contains("score of grade \"b\" = inf"));
  CHECK_THROWS_AS(fz::grade_set::power().index_of("满意"), csat::invalid_argument);
  CHECK_THROWS_WITH(fz::grade_set::power().index_of("满意"), Contains("unknown grade \"满意\""));
}
