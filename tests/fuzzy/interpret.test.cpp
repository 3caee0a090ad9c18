// Tests of csat/fuzzy/interpret.hpp: validity index (values of ahp_fce.md C.4), scores, ranking.
#include <csat/fuzzy/interpret.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include "support/check.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
namespace fz = csat::fuzzy;

using csat_test::row;


TEST_CASE("validity index of F1 under the four operators", "[fuzzy][interpret][reference]") {
  // alpha = (m beta - 1) / (2 gamma (m - 1)) on B normalized
  CHECK_THAT(fz::validity_index(row({0.175, 0.53, 0.275, 0.02, 0})), WithinAbs(0.75, 1e-12));
  CHECK_THAT(fz::validity_index(row({0.2, 0.3, 0.25, 0.1, 0})), WithinAbs(13.0 / 40, 1e-12));   // 0.325
  CHECK_THAT(fz::validity_index(row({0.06, 0.18, 0.10, 0.02, 0})), WithinAbs(27.0 / 40, 1e-12)); // 0.675
  CHECK_THAT(fz::validity_index(row({0.7, 1.0, 0.9, 0.1, 0})), WithinAbs(23.0 / 72, 1e-12));    // 0.319
  CHECK(std::isinf(fz::validity_index(row({0, 1, 0, 0, 0}))));
  CHECK(fz::validity_index(row({0.25, 0.25, 0.25, 0.25})) == 0.0);
}

TEST_CASE("F1 and F2 readings: grade, validity band and score", "[fuzzy][interpret][reference]") {
  const auto g = fz::grade_set::power();
  const auto f1 = fz::interpret(row({0.175, 0.53, 0.275, 0.02, 0}), g);
  CHECK(f1.max_grade == 1);
  CHECK(f1.max_grade_name == "比较满意");
  CHECK_THAT(f1.validity, WithinAbs(0.75, 1e-12));
  CHECK(f1.band == fz::validity_band::fairly_valid);
  CHECK_THAT(f1.score, WithinAbs(77.2, 1e-12));
  CHECK_THAT(f1.beta, WithinAbs(0.53, 1e-15));
  CHECK_THAT(f1.gamma, WithinAbs(0.275, 1e-15));
  CHECK_FALSE(f1.tie);
  const auto f2 = fz::interpret(row({0.288, 0.354, 0.2355, 0.0865, 0.036}), g);
  CHECK(f2.max_grade == 1);
  CHECK_THAT(f2.validity, WithinAbs(0.77 / 2.304, 1e-12));  // 0.334
  CHECK(f2.band == fz::validity_band::low);
  CHECK_THAT(f2.score, WithinAbs(74.71, 1e-12));
  // 30-scale variant of the score: 100/80/60/30/0
  const fz::grade_set g30({"很满意", "满意", "基本满意", "不太满意", "不满意"}, {100, 80, 60, 30, 0});
  CHECK_THAT(fz::weighted_score(row({0.288, 0.354, 0.2355, 0.0865, 0.036}), g30), WithinAbs(73.845, 1e-12));
  CHECK_THAT(fz::weighted_score(row({0.175, 0.53, 0.275, 0.02, 0}), g30), WithinAbs(77.0, 1e-12));
  // unnormalized B: the score is the centroid sum(b s)/sum(b)
  CHECK_THAT(fz::interpret(row({0.7, 1.0, 0.9, 0.1, 0}), g).score, WithinAbs((70 + 80 + 54 + 4) / 2.7, 1e-12));
}

TEST_CASE("F3 validity values and tie handling", "[fuzzy][interpret][reference]") {
  const fz::grade_set g({"很欢迎", "较欢迎", "不太欢迎", "不欢迎"}, {100, 75, 50, 25});
  const auto a = fz::interpret(row({0.2, 0.3, 0.4, 0.1}), g);
  CHECK(a.max_grade_name == "不太欢迎");
  CHECK_THAT(a.validity, WithinAbs(1.0 / 3, 1e-12));
  const auto b = fz::interpret(row({0.35, 0.4, 0.2, 0.1}), g);
  CHECK(b.max_grade_name == "较欢迎");
  CHECK_THAT(b.validity, WithinAbs((4 * 0.4 / 1.05 - 1) / (2 * (0.35 / 1.05) * 3), 1e-12));  // 0.262
  CHECK(std::abs(b.validity - 0.262) < 5e-4);
  const auto t = fz::interpret(row({0.5, 0.9, 0.9, 0.2}), g);  // M(^,+) on F3: a tie
  CHECK(t.tie);
  CHECK(t.band == fz::validity_band::tied);
  CHECK(t.max_grade == 1);
  const auto one = fz::interpret(row({0, 0, 1, 0}), g);
  CHECK(one.band == fz::validity_band::fully_valid);
  CHECK(one.score == 50.0);
  CHECK(fz::interpret(row({0.6, 0.2, 0.1, 0.1}), g).band == fz::validity_band::very_valid);  // alpha = 1.4/1.2
}

TEST_CASE("grade characteristic value", "[fuzzy][interpret]") {
  CHECK_THAT(fz::grade_characteristic(row({0.175, 0.53, 0.275, 0.02, 0})), WithinAbs(0.175 + 1.06 + 0.825 + 0.08, 1e-12));
  const double k2 = (0.175 * 0.175 + 2 * 0.53 * 0.53 + 3 * 0.275 * 0.275 + 4 * 0.02 * 0.02) /
                    (0.175 * 0.175 + 0.53 * 0.53 + 0.275 * 0.275 + 0.02 * 0.02);
  CHECK_THAT(fz::grade_characteristic(row({0.175, 0.53, 0.275, 0.02, 0}), 2), WithinAbs(k2, 1e-12));
  CHECK_THROWS_AS(fz::grade_characteristic(row({0.5, 0.5}), 0), csat::domain_error);
}

TEST_CASE("ranking evaluated units by score, ties sharing a rank", "[fuzzy][interpret]") {
  const auto g = fz::grade_set::power();
  const std::vector<std::string> names{"城区供电所", "郊区供电所", "95598", "县公司"};
  const std::vector<Eigen::RowVectorXd> bs{row({0.175, 0.53, 0.275, 0.02, 0}),   // 77.2
                                           row({0.288, 0.354, 0.2355, 0.0865, 0.036}),  // 74.71
                                           row({0.5, 0.3, 0.2, 0, 0}),          // 86
                                           row({0.175, 0.53, 0.275, 0.02, 0})}; // 77.2
  const auto r = fz::rank_units(names, bs, g);
  REQUIRE(r.size() == 4);
  CHECK(r[0].name == "95598");
  CHECK(r[0].rank == 1);
  CHECK_THAT(r[0].score, WithinAbs(86, 1e-12));
  CHECK(r[1].name == "城区供电所");
  CHECK(r[2].name == "县公司");
  CHECK(r[1].rank == 2);
  CHECK(r[2].rank == 2);
  CHECK(r[3].rank == 4);
  CHECK(r[3].index == 1);
  CHECK_THROWS_AS(fz::rank_units(names, std::vector<Eigen::RowVectorXd>{bs[0]}, g), csat::invalid_argument);
}

TEST_CASE("interpretation rejects empty, negative or mis-sized B", "[fuzzy][interpret]") {
  const auto g = fz::grade_set::power();
  CHECK_THROWS_AS(fz::interpret(row({0.5, 0.5}), g), csat::invalid_argument);
  CHECK_THROWS_WITH(fz::interpret(row({0.5, 0.5}), g), Contains("B has size 2, but must have size 5"));
  CHECK_THROWS_AS(fz::interpret(row({0, 0, 0, 0, 0}), g), csat::domain_error);
  CHECK_THROWS_WITH(fz::interpret(row({0.5, -0.1, 0.6, 0, 0}), g), Contains("B[1] = -0.1"));
}
