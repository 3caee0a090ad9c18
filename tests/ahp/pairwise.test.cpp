// Tests of csat/ahp/pairwise.hpp: construction, validation (every bad input names the cell), CSV reading.
#include <csat/ahp/pairwise.hpp>

#include "ahp_vectors.hpp"

#include <catch2/catch.hpp>

#include <limits>

using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
using Catch::Matchers::WithinAbs;
namespace ahp = csat::ahp;
using pm = ahp::pairwise_matrix<double>;

TEST_CASE("a complete matrix from full, upper triangle and judgments agree", "[ahp][pairwise]") {
  const Eigen::MatrixXd a = ahp_test::leader_criteria();
  const pm full(a, {"Exp", "Edu", "Cha", "Age"});
  Eigen::VectorXd u(6);
  u << 4, 3, 7, 1. / 3, 3, 5;
  const pm tri = pm::from_upper(u);
  const pm js = pm::from_judgments(4, {{0, 1, 4}, {2, 0, 1. / 3}, {0, 3, 7}, {1, 2, 1. / 3}, {1, 3, 3}, {2, 3, 5}});
  CHECK(full.complete());
  CHECK(full.missing_pairs() == 0);
  CHECK((full.values() - tri.values()).cwiseAbs().maxCoeff() < 1e-15);
  CHECK((full.values() - js.values()).cwiseAbs().maxCoeff() < 1e-15);
  CHECK(full.name(2) == "Cha");
  CHECK(tri.name(2) == "2");
  CHECK_THROWS_AS(pm::from_upper(Eigen::VectorXd::Ones(4)), csat::invalid_argument);
  CHECK_THROWS_WITH(pm::from_upper(Eigen::VectorXd::Ones(4)), Contains("upper has 4 entries"));
}

TEST_CASE("bad values name the cell, the value and the rule", "[ahp][pairwise]") {
  Eigen::MatrixXd a = ahp_test::upper({2, 3, 4});
  SECTION("zero") {
    a(0, 2) = 0;
    CHECK_THROWS_AS(pm(a), csat::domain_error);
    CHECK_THROWS_WITH(pm(a), Equals("csat::ahp::pairwise_matrix: pairwise[0,2] = 0, but must be finite and positive"));
  }
  SECTION("negative, with names") {
    a(2, 1) = -0.25;
    CHECK_THROWS_AS(pm(a, {"A", "B", "C"}), csat::domain_error);
    CHECK_THROWS_WITH(pm(a, {"A", "B", "C"}), Contains("pairwise[2,1] (C vs B) = -0.25, but must be finite and positive"));
  }
  SECTION("NaN") {
    a(1, 0) = std::numeric_limits<double>::quiet_NaN();
    CHECK_THROWS_AS(pm(a), csat::domain_error);
    CHECK_THROWS_WITH(pm(a), Contains("pairwise[1,0] = nan, but must be finite and positive"));
  }
  SECTION("infinity") {
    a(1, 2) = std::numeric_limits<double>::infinity();
    CHECK_THROWS_WITH(pm(a), Contains("pairwise[1,2] = inf"));
  }
  SECTION("non-reciprocal cell: both values and the tolerance") {
    a(2, 0) = 0.3;
    CHECK_THROWS_AS(pm(a), csat::domain_error);
    CHECK_THROWS_WITH(pm(a), Contains("pairwise[2,0] = 0.3, but must equal 1/pairwise[0,2] = 0.3333333333333333 "
                                      "(pairwise[0,2] = 3) within relative tolerance 1e-06"));
    ahp::pairwise_options loose;
    loose.reciprocal_tolerance = 0.2;
    CHECK_NOTHROW(pm(a, {}, loose));
  }
  SECTION("unit diagonal") {
    a(1, 1) = 2;
    CHECK_THROWS_AS(pm(a), csat::domain_error);
    CHECK_THROWS_WITH(pm(a), Contains("pairwise[1,1] = 2, but a diagonal entry must equal 1"));
  }
  SECTION("non-square and empty") {
    CHECK_THROWS_AS(pm(Eigen::MatrixXd::Ones(2, 3)), csat::invalid_argument);
    CHECK_THROWS_WITH(pm(Eigen::MatrixXd::Ones(2, 3)), Contains("pairwise is 2x3, but must be square"));
    CHECK_THROWS_AS(pm(Eigen::MatrixXd()), csat::invalid_argument);
  }
  SECTION("Saaty scale") {
    ahp::pairwise_options s;
    s.saaty_scale = true;
    a(0, 1) = 12;
    a(1, 0) = 1. / 12;
    CHECK_THROWS_WITH(pm(a, {}, s), Contains("pairwise[0,1] = 12, but must lie on Saaty's scale [1/9, 9]"));
    CHECK_NOTHROW(pm(a));
  }
  SECTION("names of the wrong length") {
    CHECK_THROWS_WITH(pm(a, {"A", "B"}), Contains("names has 2 entries, but pairwise is 3x3"));
  }
}

TEST_CASE("incomplete matrices: masks, one-sided pairs, connectivity", "[ahp][pairwise]") {
  Eigen::MatrixXd a = ahp_test::upper({1, 5, 2, 3, 4, 0.75});
  ahp::detail::bool_matrix known = ahp::detail::bool_matrix::Constant(4, 4, true);
  known(2, 3) = known(3, 2) = false;
  const pm p(a, known);
  CHECK(p.missing_pairs() == 1);
  CHECK_FALSE(p.complete());
  CHECK(p(2, 3) == 0);
  CHECK_FALSE(p.known(3, 2));
  // only the upper triangle given: the lower one is filled by reciprocals
  ahp::detail::bool_matrix up = ahp::detail::bool_matrix::Constant(4, 4, false);
  for (int i = 0; i < 4; ++i)
    for (int j = i + 1; j < 4; ++j) up(i, j) = true;
  Eigen::MatrixXd junk = a;
  junk.triangularView<Eigen::StrictlyLower>().setConstant(-5);  // ignored: not given
  const pm q(junk, up);
  CHECK(q.complete());
  CHECK_THAT(q(3, 0), WithinAbs(0.5, 1e-15));
  // disconnected: {0,1} and {2,3} never compared
  ahp::detail::bool_matrix dis = ahp::detail::bool_matrix::Constant(4, 4, false);
  dis(0, 1) = dis(1, 0) = dis(2, 3) = dis(3, 2) = true;
  CHECK_THROWS_AS(pm(a, dis, {"A", "B", "C", "D"}), csat::invalid_argument);
  CHECK_THROWS_WITH(pm(a, dis, {"A", "B", "C", "D"}),
                    Contains("comparison graph of the incomplete matrix is disconnected; these groups of criteria are "
                             "never compared with each other: {A, B} | {C, D}"));
  ahp::pairwise_options strict;
  strict.allow_missing = false;
  CHECK_THROWS_WITH(pm(a, known, {}, strict), Contains("pairwise[2,3] is missing, but missing judgments are not allowed"));
  // copies with a changed or removed judgment; the original is unchanged
  const pm r = p.with_judgment(2, 3, 2.0);
  CHECK(r.complete());
  CHECK_THAT(r(3, 2), WithinAbs(0.5, 1e-15));
  CHECK_FALSE(p.known(2, 3));
  const pm s = r.without_judgment(0, 1);
  CHECK(s.missing_pairs() == 1);
  CHECK_THROWS_AS(p.with_judgment(1, 1, 2.0), csat::invalid_argument);
  // judgments list: out of range, duplicates
  CHECK_THROWS_WITH(pm::from_judgments(3, {{0, 3, 2.0}}), Contains("judgments[0] compares 0 with 3"));
  CHECK_THROWS_WITH(pm::from_judgments(3, {{0, 1, 2.0}, {1, 0, 0.5}}), Contains("gives pairwise[1,0] a second time"));
  CHECK_THROWS_WITH(pm::from_judgments(3, {{0, 1, 2.0}}), Contains("disconnected"));
}

TEST_CASE("judgment text: decimals and fractions", "[ahp][pairwise]") {
  double v = 0;
  CHECK(ahp::parse_judgment("3", v));
  CHECK(v == 3);
  CHECK(ahp::parse_judgment(" 1/3 ", v));
  CHECK(v == 1.0 / 3.0);
  CHECK(ahp::parse_judgment("2.5/5", v));
  CHECK(v == 0.5);
  CHECK(ahp::parse_judgment("0.125", v));
  CHECK_FALSE(ahp::parse_judgment("1/3/4", v));
  CHECK_FALSE(ahp::parse_judgment("abc", v));
  CHECK_FALSE(ahp::parse_judgment("1/", v));
}

TEST_CASE("CSV matrices: layouts, fractions, missing cells", "[ahp][pairwise]") {
  const auto p = ahp::read_pairwise_csv_text("A,B,C\n1,2,1/3\n1/2,1,1/6\n3,6,1\n", "m.csv");
  CHECK(p.names() == std::vector<std::string>{"A", "B", "C"});
  CHECK_THAT(p(0, 2), WithinAbs(1.0 / 3, 1e-15));
  CHECK(p.complete());
  // labelled rows, semicolons, upper triangle only, one missing judgment
  const auto q = ahp::read_pairwise_csv_text(";A;B;C;D\nA;1;1;5;2\nB;;1;3;4\nC;;;1;\nD;;;;1\n", "q.csv");
  CHECK(q.names() == std::vector<std::string>{"A", "B", "C", "D"});
  CHECK(q.missing_pairs() == 1);
  CHECK_FALSE(q.known(2, 3));
  CHECK_THAT(q(3, 1), WithinAbs(0.25, 1e-15));
}

TEST_CASE("CSV matrices: every bad input is a parse_error at file:line:column naming the cell", "[ahp][pairwise]") {
  auto read = [](const std::string& text) { return ahp::read_pairwise_csv_text(text, "m.csv"); };
  CHECK_THROWS_AS(read(""), csat::parse_error);
  CHECK_THROWS_WITH(read(""), Equals("m.csv:1:1: the input is empty (no header line of criterion names)"));
  CHECK_THROWS_WITH(read("A,B,C\n1,2,3\n1/2,1\n1/3,1,1\n"), Equals("m.csv:3:6: row 2 has 2 cells, but the header has 3"));
  CHECK_THROWS_WITH(read("A,B,C\n1,2,3\n1/2,1,1,7\n1/3,1,1\n"), Contains("m.csv:3:9: row 2 has 4 cells, but the header has 3"));
  CHECK_THROWS_WITH(read("A,B,C\n1,2\n1/2,1\n"), Contains("m.csv:2:"));
  CHECK_THROWS_WITH(read("A,B,C\n1,2,3\n1/2,1,1\n"), Contains("m.csv:1: the header names 3 criteria, but the file has 2 rows"));
  CHECK_THROWS_WITH(read("A,B\n1,2\n1/2,1\n1,1\n"), Contains("m.csv:4:1: the header names 2 criteria, but the file has more than 2 rows"));
  CHECK_THROWS_WITH(read("A,B\n1,0\n,1\n"), Equals("m.csv:2:3: pairwise[0,1] (A vs B) = 0, but must be finite and positive"));
  CHECK_THROWS_WITH(read("A,B\n1,-2\n,1\n"), Contains("m.csv:2:3: pairwise[0,1] (A vs B) = -2, but must be finite and positive"));
  CHECK_THROWS_WITH(read("A,B\n1,NaN\n,1\n"), Contains("m.csv:2:3: pairwise[0,1] (A vs B): \"NaN\" is not a number"));
  CHECK_THROWS_WITH(read("A,B\n1,x\n,1\n"), Contains("m.csv:2:3: pairwise[0,1] (A vs B): \"x\" is not a number, a fraction"));
  CHECK_THROWS_WITH(read("A,B\n1,3\n1/2,1\n"),
                    Contains("m.csv:3:1: pairwise[1,0] (B vs A) = 0.5, but must equal 1/pairwise[0,1] = 0.3333333333333333"));
  CHECK_THROWS_WITH(read("A,B\n2,3\n1/3,1\n"), Contains("m.csv:2:1: pairwise[0,0] (A vs A) = 2, but a diagonal entry must equal 1"));
  CHECK_THROWS_WITH(read("A,B,C,D\n1,2,,\n,1,,\n,,1,3\n,,,1\n"),
                    Contains("m.csv: the comparison graph of the incomplete matrix is disconnected; these groups of "
                             "criteria are never compared with each other: {A, B} | {C, D}"));
  CHECK_THROWS_WITH(read("A,A\n1,2\n,1\n"), Contains("m.csv:1:3: duplicate criterion name \"A\""));
  CHECK_THROWS_WITH(read(",A,B\nA,1,2\nC,,1\n"), Contains("m.csv:3:1: row 2 is labelled \"C\", but the header's criterion 2 is \"B\""));
  CHECK_THROWS_WITH(read("A,B\n1,1/0\n,1\n"), Contains("pairwise[0,1] (A vs B) = inf"));
  CHECK_THROWS_AS(ahp::read_pairwise_csv("/nonexistent/m.csv"), csat::invalid_argument);
  CHECK_THROWS_WITH(ahp::read_pairwise_csv("/nonexistent/m.csv"), Contains("cannot open \"/nonexistent/m.csv\""));
}
