// Tests of csat/model/syntax.hpp: the lavaan-style model syntax shared by PLS and ML SEM.
#include <csat/model/syntax.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using csat::model::op;
using csat::model::parse_syntax;

TEST_CASE("syntax: measurement, composite and structural statements", "[model][syntax]") {
  const auto s = parse_syntax(
      "# ECSI\n"
      "Image =~ IMAG1 + IMAG2 + IMAG3\n"
      "Quality <~ PERQ1 + PERQ2   # formative\n"
      "Satisfaction ~ Image + Quality\n",
      "ecsi.txt");
  REQUIRE(s.statements.size() == 3);
  CHECK(s.source == "ecsi.txt");
  CHECK(s.statements[0].lhs == "Image");
  CHECK(s.statements[0].oper == op::measured_by);
  REQUIRE(s.statements[0].rhs.size() == 3);
  CHECK(s.statements[0].rhs[2].name == "IMAG3");
  CHECK(s.statements[0].rhs[2].line == 2);
  CHECK(s.statements[0].rhs[2].column == 26);
  CHECK(s.statements[1].oper == op::composed_of);
  CHECK(s.statements[2].oper == op::regression);
  CHECK(s.statements[2].line == 4);
  CHECK(std::string(csat::model::to_string(op::covariance)) == "~~");
}

TEST_CASE("syntax: statements continue over lines and split at ';'", "[model][syntax]") {
  const auto s = parse_syntax(
      "Satisfaction =~ CUSA1 + CUSA2\n"
      "   + CUSA3\n"
      "Loyalty =~\n"
      "   CUSL1 +\n"
      "   CUSL2 ; Loyalty ~ Satisfaction\r\n"
      "\n");
  REQUIRE(s.statements.size() == 3);
  CHECK(s.statements[0].rhs.size() == 3);
  CHECK(s.statements[1].rhs.size() == 2);
  CHECK(s.statements[2].lhs == "Loyalty");
  CHECK(s.statements[2].rhs[0].name == "Satisfaction");
}

TEST_CASE("syntax: UTF-8 names and columns in code points", "[model][syntax]") {
  const auto s = parse_syntax("满意度 =~ 满意度1 + 满意度2\n形象 ~~ 满意度");
  REQUIRE(s.statements.size() == 2);
  CHECK(s.statements[0].lhs == "满意度");
  CHECK(s.statements[0].rhs[1].name == "满意度2");
  CHECK(s.statements[0].rhs[1].column == 15);
  CHECK(s.statements[1].oper == op::covariance);
}

TEST_CASE("syntax: modifiers — fixed, free, labels, start values, group lists", "[model][syntax]") {
  const auto s = parse_syntax(
      "dem60 =~ y1 + a*y2 + 1*y3 + NA*y4 + start(0.8)*y5 + c(b1, 2, NA)*y6 + -0.5*y7 + label(\"q\")*y8\n"
      "y1 ~~ 0*y5\n");
  const auto& r = s.statements[0].rhs;
  REQUIRE(r.size() == 8);
  CHECK(r[0].mod.empty());
  CHECK(r[1].mod.label == "a");
  CHECK(r[1].name == "y2");
  REQUIRE(r[2].mod.fixed);
  CHECK(*r[2].mod.fixed == 1.0);
  CHECK(r[3].mod.free);
  REQUIRE(r[4].mod.start);
  CHECK(*r[4].mod.start == 0.8);
  REQUIRE(r[5].group_mods.size() == 3);
  CHECK(r[5].group_mods[0].label == "b1");
  CHECK(*r[5].group_mods[1].fixed == 2.0);
  CHECK(r[5].group_mods[2].free);
  CHECK(*r[6].mod.fixed == -0.5);
  CHECK(r[7].mod.label == "q");
  CHECK(*s.statements[1].rhs[0].mod.fixed == 0.0);
}

TEST_CASE("syntax: intercepts, interactions, multiple left-hand sides", "[model][syntax]") {
  const auto s = parse_syntax("y1 ~ 1\ny2 ~ 0*1\nSat ~ Image + Expectation + Image:Expectation\ny3 + y4 ~ x1");
  REQUIRE(s.statements.size() == 5);
  CHECK(s.statements[0].rhs[0].intercept());
  CHECK(*s.statements[1].rhs[0].mod.fixed == 0.0);
  const auto& inter = s.statements[2].rhs[2];
  CHECK(inter.interaction());
  CHECK(inter.name == "Image:Expectation");
  REQUIRE(inter.factors.size() == 2);
  CHECK(inter.factors[1] == "Expectation");
  CHECK(s.statements[3].lhs == "y3");
  CHECK(s.statements[4].lhs == "y4");
  CHECK(s.statements[4].rhs[0].name == "x1");
}

TEST_CASE("syntax: defined parameters and constraints evaluate", "[model][syntax]") {
  const auto s = parse_syntax("ind := a*b\ntot := c + a*b\nq := (a - b)^2 / -c\na == 2*b\nc > 0");
  REQUIRE(s.statements.size() == 5);
  std::map<std::string, double> v{{"a", 0.5}, {"b", 0.25}, {"c", 2.0}};
  auto look = [&](const std::string& n) { return v.at(n); };
  CHECK(s.statements[0].oper == op::defined);
  CHECK(s.statements[0].lhs == "ind");
  CHECK(s.statements[0].rhs_text == "a*b");
  CHECK(csat::model::evaluate<double>(s.statements[0].rhs_expr, look) == 0.125);
  CHECK(csat::model::evaluate<double>(s.statements[1].rhs_expr, look) == 2.125);
  CHECK(csat::model::evaluate<double>(s.statements[2].rhs_expr, look) == Approx(-0.03125).epsilon(1e-15));
  CHECK(s.statements[3].oper == op::equal);
  CHECK(csat::model::evaluate<double>(s.statements[3].lhs_expr, look) == 0.5);
  CHECK(csat::model::evaluate<double>(s.statements[3].rhs_expr, look) == 0.5);
  CHECK(s.statements[4].oper == op::greater);
  std::vector<std::string> names;
  csat::model::collect_names(s.statements[1].rhs_expr, names);
  CHECK(names == std::vector<std::string>{"c", "a", "b"});
}

TEST_CASE("syntax: every error is a parse_error located at line and column", "[model][syntax][errors]") {
  struct bad {
    const char* text;
    std::size_t line, column;
    const char* contains;
  };
  const bad cases[] = {
      {"Image IMAG1 + IMAG2", 1, 1, "expected an operator"},
      {"Image =~ IMAG1 + + IMAG2", 1, 18, "expected a variable name"},
      {"Image =~ IMAG1 +", 1, 16, "where a term is expected"},
      {"Image =~", 1, 7, "where a term is expected"},
      {"=~ IMAG1", 1, 1, "no left-hand side"},
      {"Image =~ IMAG1 IMAG2", 1, 16, "expected '+' between terms"},
      {"A =~ x1\nB =~ x2 $ x3", 2, 9, "unexpected character"},
      {"A =~ x1 + 2x", 1, 11, "not a valid name"},
      {"A ~ 2", 1, 5, "only '1' is allowed"},
      {"A =~ 1", 1, 6, "expected a variable name"},
      {"ind := a * (b + c", 1, 17, "unclosed parenthesis"},
      {"ind := a * b)", 1, 13, "unmatched closing parenthesis"},
      {"x + y := a*b", 1, 5, "exactly one name"},
      {"A =~ start(x)*y1", 1, 12, "start() needs a number"},
      {"A =~ c(1, 2*y1", 1, 13, "unclosed parenthesis"},
      {"A =~ c(1; 2)*y1", 1, 8, "unclosed parenthesis"},
      {"A =~ c(1 2)*y1", 1, 10, "expected ',' or ')'"},
      {"A =~ x1 ; ; B =~ x2 +", 1, 21, "where a term is expected"},
      {"1 =~ x", 1, 1, "expected a name on the left"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    try {
      parse_syntax(c.text, "m.txt");
      FAIL("no error");
    } catch (const csat::parse_error& e) {
      CHECK(e.source() == "m.txt");
      CHECK(e.line() == c.line);
      CHECK(e.column() == c.column);
      CHECK_THAT(e.what(), StartsWith("m.txt:" + std::to_string(c.line) + ":") && Contains(c.contains));
    }
  }
  CHECK_THROWS_AS(parse_syntax("A =~ x1 + \"q"), csat::parse_error);
  CHECK_THROWS_AS(parse_syntax("A =~ x1 + \"q"), csat::invalid_argument);
}

TEST_CASE("syntax: empty text and comments only give no statements", "[model][syntax]") {
  CHECK(parse_syntax("").statements.empty());
  CHECK(parse_syntax("# nothing\n! also nothing\n\n  \n").statements.empty());
  CHECK(parse_syntax("\xEF\xBB\xBFy ~ x").statements.size() == 1);
}
