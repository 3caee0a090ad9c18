// Tests of csat/fuzzy/membership.hpp: survey shares, membership functions, grade partitions, row policies.
#include <csat/fuzzy/membership.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <sstream>

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
namespace fz = csat::fuzzy;

namespace {
const double nan_v = std::numeric_limits<double>::quiet_NaN();
}

TEST_CASE("survey codes become grade shares with counts and missing per item", "[fuzzy][membership]") {
  // 6 respondents x 2 items, codes 1..5 = grades in order; NaN = no answer
  Eigen::MatrixXd x(6, 2);
  x << 1, 2,
       2, 2,
       1, nan_v,
       3, 5,
       1, 2,
       5, nan_v;
  const auto s = fz::survey_membership(x, fz::grade_set::power(), {"q1", "q2"});
  REQUIRE(s.membership.rows() == 2);
  REQUIRE(s.membership.cols() == 5);
  CHECK(s.counts(0, 0) == 3);
  CHECK(s.counts(0, 1) == 1);
  CHECK(s.counts(0, 2) == 1);
  CHECK(s.counts(0, 4) == 1);
  CHECK(s.answered(0) == 6);
  CHECK(s.missing(0) == 0);
  CHECK(s.answered(1) == 4);
  CHECK(s.missing(1) == 2);
  CHECK_THAT(s.membership(0, 0), WithinAbs(0.5, 1e-15));
  CHECK_THAT(s.membership(1, 1), WithinAbs(0.75, 1e-15));
  CHECK_THAT(s.membership(1, 4), WithinAbs(0.25, 1e-15));
  CHECK_THAT(s.membership.row(1).sum(), WithinAbs(1.0, 1e-15));
  CHECK(s.items == std::vector<std::string>{"q1", "q2"});

  // reversed codes: 5 = 很满意
  fz::survey_options o;
  o.codes = {5, 4, 3, 2, 1};
  const auto r = fz::survey_membership(x, fz::grade_set::power(), {"q1", "q2"}, o);
  CHECK(r.counts(0, 4) == 3);  // code 1 is now 很不满意
  CHECK(r.counts(1, 0) == 1);  // code 5 is now 很满意
}

TEST_CASE("item names default to their position and must match the number of items", "[fuzzy][membership]") {
  Eigen::MatrixXd x(2, 2);
  x << 1, 2, 2, 1;
  const auto s = fz::survey_membership(x, fz::grade_set::power());
  CHECK(s.items == std::vector<std::string>{"item 0", "item 1"});
  CHECK(s.counts(0, 0) == 1);
  CHECK(s.counts(1, 1) == 1);
  CHECK_THROWS_AS(fz::survey_membership(x, fz::grade_set::power(), {"q1"}), csat::invalid_argument);
  CHECK_THROWS_WITH(fz::survey_membership(x, fz::grade_set::power(), {"q1"}),
                    Contains("items has size 1, but must have size 2"));
  const std::vector<std::vector<std::string>> cells{{"很满意", "很不满意", "很满意"}};
  const auto l = fz::survey_membership_labels(cells, fz::grade_set::power());
  CHECK(l.items == std::vector<std::string>{"item 0"});
  CHECK(l.counts(0, 0) == 2);
  CHECK(l.counts(0, 4) == 1);
  CHECK(l.answered(0) == 3);
  CHECK_THROWS_WITH(fz::survey_membership_labels(cells, fz::grade_set::power(), {"a", "b"}),
                    Contains("items has size 2, but must have size 1"));
}

TEST_CASE("an unknown survey code names the item, the row and the line", "[fuzzy][membership]") {
  Eigen::MatrixXd x(3, 2);
  x << 1, 2, 2, 6, 3, 1;
  CHECK_THROWS_AS(fz::survey_membership(x, fz::grade_set::power(), {"q1", "q2"}), csat::domain_error);
  CHECK_THROWS_WITH(fz::survey_membership(x, fz::grade_set::power(), {"q1", "q2"}),
                    Contains("item 1 (\"q2\"), row 1: code 6 is not a grade code"));
  x(1, 1) = 2.5;
  CHECK_THROWS_WITH(fz::survey_membership(x, fz::grade_set::power(), {"q1", "q2"}, {}, {2, 3, 4}, "s.csv"),
                    Contains("row 1 (s.csv:line 3): code 2.5"));
}

TEST_CASE("survey membership from a CSV table names the file line", "[fuzzy][membership]") {
  std::istringstream in("id,q1,q2\n1,1,2\n2,2,\n3,7,1\n");
  const auto t = csat::survey::read_csv(in, "survey.csv");
  CHECK_THROWS_WITH(fz::survey_membership(t, {"q1", "q2"}, fz::grade_set::power()),
                    Contains("item 0 (\"q1\"), row 2 (survey.csv:line 4): code 7"));
  std::istringstream ok("q1,q2\n1,2\n2,\n");
  const auto s = fz::survey_membership(csat::survey::read_csv(ok), {"q2"}, fz::grade_set::power());
  CHECK(s.missing(0) == 1);
  CHECK(s.answered(0) == 1);
  CHECK(s.membership(0, 1) == 1.0);
}

TEST_CASE("survey labels count by grade name or code, unknown labels name item and row", "[fuzzy][membership]") {
  const std::vector<std::vector<std::string>> cells{{"很满意", "比较满意", "很满意", "", "2", " 不太满意 "},
                                                    {"基本满意", "NA", "基本满意", "很不满意", "5", "1"}};
  const auto s = fz::survey_membership_labels(cells, fz::grade_set::power(), {"服务态度", "办电效率"});
  CHECK(s.counts(0, 0) == 2);
  CHECK(s.counts(0, 1) == 2);
  CHECK(s.counts(0, 3) == 1);
  CHECK(s.missing(0) == 1);
  CHECK(s.answered(0) == 5);
  CHECK_THAT(s.membership(0, 0), WithinAbs(0.4, 1e-15));
  CHECK(s.counts(1, 2) == 2);
  CHECK(s.counts(1, 4) == 2);
  CHECK(s.counts(1, 0) == 1);
  CHECK(s.missing(1) == 1);

  const std::vector<std::vector<std::string>> bad{{"很满意", "满意"}};
  CHECK_THROWS_AS(fz::survey_membership_labels(bad, fz::grade_set::power(), {"服务态度"}), csat::domain_error);
  CHECK_THROWS_WITH(fz::survey_membership_labels(bad, fz::grade_set::power(), {"服务态度"}, {}, {2, 3}, "s.csv"),
                    Contains("item 0 (\"服务态度\"), row 1 (s.csv:line 3): \"满意\" is not a grade label"));
  fz::survey_options nocodes;
  nocodes.accept_codes = false;
  const std::vector<std::vector<std::string>> coded{{"1"}};
  CHECK_THROWS_WITH(fz::survey_membership_labels(coded, fz::grade_set::power(), {}, nocodes),
                    Contains("\"1\" is not a grade label ("));
  const std::vector<std::vector<std::string>> empty{{"", "NA"}};
  CHECK_THROWS_WITH(fz::survey_membership_labels(empty, fz::grade_set::power(), {"q"}),
                    Contains("item 0 (\"q\") has no graded responses (2 missing)"));
}

TEST_CASE("survey labels from text columns of a CSV table name the file line", "[fuzzy][membership]") {
  csat::survey::csv_options o;
  o.text_columns = {"态度", "效率"};
  std::istringstream in("id,态度,效率\n1,很满意,比较满意\n2,比较满意,\n3,很满意,4\n");
  const auto t = csat::survey::read_csv(in, "labels.csv", o);
  const auto s = fz::survey_membership_labels(t, {"态度", "效率"}, fz::grade_set::power());
  CHECK(s.counts(0, 0) == 2);
  CHECK(s.counts(0, 1) == 1);
  CHECK(s.counts(1, 1) == 1);
  CHECK(s.counts(1, 3) == 1);  // code 4 = 不太满意
  CHECK(s.missing(1) == 1);
  std::istringstream bad("id,态度\n1,很满意\n2,一般\n");
  csat::survey::csv_options ob;
  ob.text_columns = {"态度"};
  const auto tb = csat::survey::read_csv(bad, "labels.csv", ob);
  CHECK_THROWS_WITH(fz::survey_membership_labels(tb, {"态度"}, fz::grade_set::power()),
                    Contains("item 0 (\"态度\"), row 1 (labels.csv:line 3): \"一般\" is not a grade label"));
}

TEST_CASE("membership functions take their textbook values", "[fuzzy][membership]") {
  const auto tri = fz::membership_function<>::triangular(0, 2, 6);
  CHECK(tri(-1) == 0.0);
  CHECK(tri(0) == 0.0);
  CHECK(tri(1) == 0.5);
  CHECK(tri(2) == 1.0);
  CHECK(tri(5) == 0.25);
  CHECK(tri(6) == 0.0);
  const auto shoulder = fz::membership_function<>::triangular(2, 2, 4);  // a == b: vertical left side
  CHECK(shoulder(2) == 1.0);
  CHECK(shoulder(3) == 0.5);
  const auto trap = fz::membership_function<>::trapezoidal(0, 1, 3, 5);
  CHECK(trap(0.5) == 0.5);
  CHECK(trap(1) == 1.0);
  CHECK(trap(3) == 1.0);
  CHECK(trap(4.5) == 0.25);
  CHECK(trap(5.5) == 0.0);
  const auto g = fz::membership_function<>::gaussian(10, 2);
  CHECK(g(10) == 1.0);
  CHECK_THAT(g(12), WithinAbs(std::exp(-0.5), 1e-15));
  CHECK_THAT(g(6), WithinAbs(std::exp(-2.0), 1e-15));
  const auto up = fz::membership_function<>::larger_is_better(99.0, 99.9);   // 电压合格率
  CHECK(up(98.5) == 0.0);
  CHECK_THAT(up(99.45), WithinAbs(0.5, 1e-12));
  CHECK(up(99.95) == 1.0);
  const auto down = fz::membership_function<>::smaller_is_better(30, 90);    // 户均停电时间, minutes
  CHECK(down(20) == 1.0);
  CHECK(down(45) == 0.75);
  CHECK(down(90) == 0.0);
  CHECK(down.kind() == fz::shape::smaller_is_better);
  CHECK(std::string(fz::to_string(up.kind())) == "larger-is-better");
}

TEST_CASE("unordered or non-finite breakpoints are domain errors naming the item", "[fuzzy][membership]") {
  using mf = fz::membership_function<>;
  CHECK_THROWS_AS(mf::triangular(3, 2, 5, "故障抢修时长"), csat::domain_error);
  CHECK_THROWS_WITH(mf::triangular(3, 2, 5, "故障抢修时长"),
                    Contains("triangular \"故障抢修时长\": breakpoints = (3, 2, 5), but must be ordered a <= b <= c"));
  CHECK_THROWS_WITH(mf::trapezoidal(0, 2, 1, 3, "x"), Contains("trapezoidal \"x\": breakpoints = (0, 2, 1, 3)"));
  CHECK_THROWS_AS(mf::triangular(1, 1, 1), csat::domain_error);
  CHECK_THROWS_WITH(mf::larger_is_better(99.9, 99.0, "电压合格率"),
                    Contains("larger-is-better \"电压合格率\": breakpoints = (99.9, 99), but must be ordered a < b"));
  CHECK_THROWS_AS(mf::smaller_is_better(5, 5, "y"), csat::domain_error);
  CHECK_THROWS_WITH(mf::gaussian(0, 0, "z"), Contains("gaussian \"z\": sigma = 0, but must be positive"));
  CHECK_THROWS_WITH(mf::triangular(0, nan_v, 1, "w"), Contains("breakpoint b = nan, but must be finite"));
  CHECK_THROWS_WITH(mf::larger_is_better(0, 1, "v")(nan_v), Contains("larger-is-better \"v\": x = nan"));
}

TEST_CASE("grade partitions give rows summing to 1 (worked KPI examples)", "[fuzzy][membership]") {
  // C.6 of the reference notes: voltage rate 99.62 % with knots (99.95, 99.8, 99.5, 99.0, 98.0) -> (0, .4, .6, 0, 0)
  const fz::grade_partition<> volt("电压合格率", {99.95, 99.8, 99.5, 99.0, 98.0});
  CHECK(volt.larger_is_better());
  const Eigen::RowVectorXd v = volt(99.62);
  CHECK_THAT(v(0), WithinAbs(0.0, 1e-12));
  CHECK_THAT(v(1), WithinAbs(0.4, 1e-12));
  CHECK_THAT(v(2), WithinAbs(0.6, 1e-12));
  CHECK(v(3) == 0.0);
  CHECK(v(4) == 0.0);
  CHECK_THAT(v.sum(), WithinAbs(1.0, 1e-15));
  // outage 45 min with knots (10, 30, 60, 120, 240) -> (0, .5, .5, 0, 0)
  const fz::grade_partition<> outage("户均停电时间", {10, 30, 60, 120, 240});
  CHECK_FALSE(outage.larger_is_better());
  const Eigen::RowVectorXd o = outage(45);
  CHECK(o(1) == 0.5);
  CHECK(o(2) == 0.5);
  CHECK(outage(5)(0) == 1.0);
  CHECK(outage(30)(1) == 1.0);
  CHECK(outage(300)(4) == 1.0);
  CHECK(volt(100)(0) == 1.0);
  CHECK(volt(97)(4) == 1.0);
  const auto r = fz::indicator_membership(std::vector<fz::grade_partition<>>{volt, outage}, std::vector<double>{99.62, 45});
  CHECK(r.membership.rows() == 2);
  CHECK(r.max_deviation < 1e-15);
  CHECK(r.items[1] == "户均停电时间");
  CHECK_THROWS_AS(fz::grade_partition<>("停电频次", {1, 2, 2, 3}), csat::domain_error);
  CHECK_THROWS_WITH(fz::grade_partition<>("停电频次", {1, 2, 2, 3}),
                    Contains("indicator \"停电频次\": knots[2] = 2, but must be strictly greater than knots[1] = 2"));
  CHECK_THROWS_AS(fz::grade_partition<>("x", {1}), csat::invalid_argument);
}

TEST_CASE("per-grade functions: rows not summing to 1 follow the row policy", "[fuzzy][membership]") {
  using mf = fz::membership_function<>;
  fz::graded_functions<> g{"回访满意率", {mf::gaussian(100, 2), mf::gaussian(95, 2), mf::gaussian(90, 2)}};
  const std::vector<fz::graded_functions<>> ind{g};
  // at x = 97.5: e^{-25/32}, e^{-50/32}... rows do not sum to 1
  CHECK_THROWS_AS(fz::indicator_membership(ind, std::vector<double>{97.5}), csat::domain_error);
  CHECK_THROWS_WITH(fz::indicator_membership(ind, std::vector<double>{97.5}),
                    Contains("sum of the membership row of item 0 (\"回访满意率\") = "));
  const auto r = fz::indicator_membership(ind, std::vector<double>{97.5}, fz::row_policy::normalize);
  const double a = std::exp(-6.25 / 8), b = std::exp(-6.25 / 8), c = std::exp(-56.25 / 8);
  CHECK_THAT(r.row_sums(0), WithinAbs(a + b + c, 1e-15));
  CHECK_THAT(r.max_deviation, WithinAbs(1 - (a + b + c), 1e-15));
  CHECK_THAT(r.membership(0, 0), WithinAbs(a / (a + b + c), 1e-15));
  CHECK_THAT(r.membership.row(0).sum(), WithinAbs(1.0, 1e-15));
  const auto raw = fz::indicator_membership(ind, std::vector<double>{97.5}, fz::row_policy::as_is);
  CHECK_THAT(raw.membership(0, 2), WithinAbs(c, 1e-15));
}

TEST_CASE("apply_row_policy rejects values outside [0,1] and rows off 1, naming item and grade", "[fuzzy][membership]") {
  Eigen::MatrixXd r(2, 3);
  r << 0.2, 0.5, 0.3,
       0.1, 1.2, -0.3;
  CHECK_THROWS_AS(fz::apply_row_policy(r, fz::row_policy::normalize), csat::domain_error);
  CHECK_THROWS_WITH(fz::apply_row_policy(r, fz::row_policy::as_is, 1e-9, {"a", "b"}, {"g0", "g1", "g2"}),
                    Contains("membership of item 1 (\"b\") in grade 1 (\"g1\") = 1.2, but must lie in [0, 1]"));
  r.row(1) << 0.1, 0.2, 0.3;
  CHECK_THROWS_WITH(fz::apply_row_policy(r, fz::row_policy::require_unit_sum, 1e-9, {"a", "b"}),
                    Contains("sum of the membership row of item 1 (\"b\") = 0.6"));
  const auto n = fz::apply_row_policy(r, fz::row_policy::normalize);
  CHECK_THAT(n.max_deviation, WithinAbs(0.4, 1e-15));
  CHECK_THAT(n.membership(1, 2), WithinAbs(0.5, 1e-15));
  r.row(1).setZero();
  CHECK_THROWS_WITH(fz::apply_row_policy(r, fz::row_policy::normalize), Contains("must be positive to be normalized"));
}
