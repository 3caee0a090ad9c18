// Tests of csat/model/specification.hpp: builder API, from_syntax(), and every validation error.
#include <csat/model/specification.hpp>

#include <catch2/catch.hpp>

using Catch::Matchers::Contains;
using csat::model::mode;
using csat::model::specification;

namespace {
specification small() {
  specification s;
  s.reflective("Image", {"i1", "i2"}).formative("Quality", {"q1", "q2", "q3"}).single_item("Satisfaction", "s1");
  s.path("Image", "Satisfaction").path("Quality", "Satisfaction");
  return s;
}
}  // namespace

TEST_CASE("builder records constructs, modes and paths", "[model][specification]") {
  const auto s = small();
  CHECK_NOTHROW(s.validate());
  REQUIRE(s.size() == 3);
  CHECK(s.constructs()[1].mode == mode::B);
  CHECK(s.constructs()[2].mode == mode::single_item);
  CHECK(s.indicators() == std::vector<std::string>{"i1", "i2", "q1", "q2", "q3", "s1"});
  CHECK(s.predecessors(2) == std::vector<std::size_t>{0, 1});
  CHECK(s.find("Quality") == 1);
  CHECK(s.find("nope") == -1);
  CHECK(s.at("Image").indicators.size() == 2);
  CHECK_THROWS_AS(s.at("nope"), csat::invalid_argument);
  const auto order = s.topological_order();
  CHECK(order.back() == 2);
  specification m;
  m.reflective("A", {"a"}).reflective("B", {"b"}).reflective("C", {"c"}).paths({"A", "B"}, {"C"});
  CHECK(m.structural_paths().size() == 2);
  CHECK(m.structural_paths()[1].from == "B");
  CHECK(std::string(csat::model::to_string(mode::B)) == "B");
}

TEST_CASE("validation names the culprit", "[model][specification][errors]") {
  {
    specification s;
    CHECK_THROWS_WITH(s.validate(), Contains("no construct"));
  }
  {
    auto s = small();
    s.reflective("Loyalty", {});
    s.path("Satisfaction", "Loyalty");
    CHECK_THROWS_AS(s.validate(), csat::invalid_argument);
    CHECK_THROWS_WITH(s.validate(), Contains("\"Loyalty\" has an empty block"));
  }
  {
    auto s = small();
    s.reflective("Loyalty", {"l1", "q2"});
    s.path("Satisfaction", "Loyalty");
    CHECK_THROWS_WITH(s.validate(), Contains("indicator \"q2\" is in two blocks: \"Quality\" and \"Loyalty\""));
  }
  {
    auto s = small();
    s.reflective("Image", {"x"});
    CHECK_THROWS_WITH(s.validate(), Contains("construct \"Image\" is declared twice"));
  }
  {
    auto s = small();
    s.path("Image", "Ghost");
    CHECK_THROWS_WITH(s.validate(), Contains("unknown construct \"Ghost\""));
  }
  {
    auto s = small();
    s.path("Image", "Image");
    CHECK_THROWS_WITH(s.validate(), Contains("path \"Image\" -> \"Image\" is a self-loop"));
  }
  {
    auto s = small();
    s.path("Image", "Satisfaction");
    CHECK_THROWS_WITH(s.validate(), Contains("path \"Image\" -> \"Satisfaction\" is declared twice"));
  }
  {
    auto s = small();
    s.path("Satisfaction", "Quality");
    CHECK_THROWS_WITH(s.validate(), Contains("cyclic: Satisfaction -> Quality -> Satisfaction"));
  }
  {
    auto s = small();
    s.reflective("Loyalty", {"l1"});
    CHECK_THROWS_WITH(s.validate(), Contains("construct \"Loyalty\" is isolated"));
  }
  {
    specification s;
    s.reflective("A", {"a1", "a2"}).reflective("B", {"b1"});
    CHECK_THROWS_WITH(s.validate(), Contains("no structural path"));
  }
  {
    specification s;
    s.add_construct("A", {"a1", "a2"}, mode::single_item).reflective("B", {"b1"}).path("A", "B");
    CHECK_THROWS_WITH(s.validate(), Contains("\"A\" is a single item but has 2 indicators"));
  }
  {
    specification s;
    s.reflective("A", {"a1", "a1"}).reflective("B", {"b1"}).path("A", "B");
    CHECK_THROWS_WITH(s.validate(), Contains("\"a1\" is listed twice in block \"A\""));
  }
  {
    const auto s = small();
    CHECK_NOTHROW(s.validate({"i1", "i2", "q1", "q2", "q3", "s1", "other"}));
    CHECK_THROWS_AS(s.validate({"i1", "i2", "q1", "q2", "s1"}), csat::invalid_argument);
    CHECK_THROWS_WITH(s.validate({"i1", "i2", "q1", "q2", "s1"}),
                      Contains("indicator \"q3\" of construct \"Quality\" is not a column of the data"));
  }
  {  // a longer cycle is spelled out
    specification s;
    s.reflective("A", {"a"}).reflective("B", {"b"}).reflective("C", {"c"}).reflective("D", {"d"});
    s.path("D", "A").path("A", "B").path("B", "C").path("C", "A");
    CHECK_THROWS_WITH(s.validate(), Contains("A -> B -> C -> A"));
  }
}

TEST_CASE("from_syntax builds the model from lavaan-style text", "[model][specification][syntax]") {
  const std::string text =
      "# ECSI fragment\n"
      "Image =~ IMAG1 + IMAG2 +\n"
      "         IMAG3\n"
      "Quality <~ PERQ1 + PERQ2   # Mode B\n"
      "Complaints =~ CUSCO\n"
      "Zufriedenheit_满意度 =~ CUSA1 + CUSA2\n"
      "Zufriedenheit_满意度 ~ Image + Quality\n"
      "Complaints ~ Zufriedenheit_满意度\n";
  const auto s = csat::model::from_syntax(text, "ecsi.txt");
  REQUIRE(s.size() == 4);
  CHECK(s.constructs()[0].indicators == std::vector<std::string>{"IMAG1", "IMAG2", "IMAG3"});
  CHECK(s.constructs()[0].mode == mode::A);
  CHECK(s.constructs()[1].mode == mode::B);
  CHECK(s.constructs()[2].mode == mode::single_item);
  CHECK(s.constructs()[3].name == "Zufriedenheit_满意度");
  REQUIRE(s.structural_paths().size() == 3);
  CHECK(s.structural_paths()[0].from == "Image");
  CHECK(s.structural_paths()[0].to == "Zufriedenheit_满意度");
  CHECK(s.structural_paths()[2].where.line == 8);
}

TEST_CASE("from_syntax errors are located", "[model][specification][syntax][errors]") {
  using csat::model::from_syntax;
  CHECK_THROWS_AS(from_syntax("A =~ a1 + a2\nB =~ b1\nB ~ A\nA ~~ B\n", "m.txt"), csat::parse_error);
  CHECK_THROWS_WITH(from_syntax("A =~ a1 + a2\nB =~ b1\nB ~ A\nA ~~ B\n", "m.txt"), Contains("m.txt:4:3"));
  CHECK_THROWS_WITH(from_syntax("A =~ a1 + a2\nB =~ b1\nB ~ A + 0.5*A\n", "m.txt"), Contains("m.txt:3:13: modifier"));
  CHECK_THROWS_WITH(from_syntax("A =~ a1 + a2\nB =~ b1\nC =~ c\nB ~ A + A:C\n", "m.txt"),
                    Contains("m.txt:4:9: interaction term"));
  CHECK_THROWS_WITH(from_syntax("A =~ a1 + a2\nB =~ b1\nB ~ 1\n", "m.txt"), Contains("intercept"));
  // a block naming constructs is a higher-order construct; its dimensions take no structural paths of their own
  CHECK_THROWS_WITH(from_syntax("A =~ a1 + a2\nB =~ b1\nH =~ A + B\nH ~ A\n", "m.txt"),
                    Contains("m.txt:4:5: path \"A\" -> \"H\": construct \"A\" is a dimension of higher-order construct \"H\""));
  CHECK_THROWS_WITH(from_syntax("A =~ a1 + a2\nB =~ b1\nB ~ Ghost\n", "m.txt"),
                    Contains("m.txt:3:5: path \"Ghost\" -> \"B\": unknown construct \"Ghost\""));
  CHECK_THROWS_WITH(from_syntax("A =~ a1 + a2\nB =~ b1 + a2\nB ~ A\n", "m.txt"),
                    Contains("m.txt:2:1: indicator \"a2\" is in two blocks"));
  CHECK_THROWS_WITH(from_syntax("A =~ a1 + a2\nB =~ b1\nB ~ A\nA ~ B\n", "m.txt"), Contains("cyclic"));
  CHECK_THROWS_WITH(from_syntax("# nothing\n", "m.txt"), Contains("no construct"));
  CHECK_THROWS_AS(from_syntax("A =~ \n", "m.txt"), csat::parse_error);
}

TEST_CASE("from_syntax: a <~ block with 1* on every item is unit-weighted", "[model][specification][syntax][unit]") {
  using csat::model::from_syntax;
  using csat::model::mode;
  const auto s = from_syntax("A <~ 1*a1 + 1*a2 +\n     1*a3\nB <~ 1.0*b1 + 1*b2\nC <~ c1 + c2\nD <~ 1*d1\n"
                             "C ~ A + B\nD ~ C\n",
                             "m.txt");
  CHECK(s.at("A").mode == mode::unit);
  CHECK(s.at("A").indicators == std::vector<std::string>{"a1", "a2", "a3"});
  CHECK(s.at("B").mode == mode::unit);  // 1.0 is the fixed value 1
  CHECK(s.at("C").mode == mode::B);     // no modifier: Mode B as before
  CHECK(s.at("D").mode == mode::single_item);
  // a higher-order composite with unit weights (seminr's higher_composite(..., weights = unit_weights))
  const auto h = from_syntax("Q =~ q1 + q2\nV =~ v1 + v2\nS <~ 1*Q + 1*V\nY =~ y1 + y2\nY ~ S\n", "m.txt");
  CHECK(h.at("S").higher_order);
  CHECK(h.at("S").mode == mode::unit);
  CHECK(h.at("S").indicators == std::vector<std::string>{"Q", "V"});
  // the builder spellings
  csat::model::specification b;
  b.unit_weighted("A", {"a1", "a2"}).composite("C", {"c1", "c2"}, mode::unit).higher_order("H", {"A", "C"}, mode::unit);
  CHECK(b.at("A").mode == mode::unit);
  CHECK(b.at("C").mode == mode::unit);
  CHECK(b.at("H").mode == mode::unit);
  CHECK(std::string(csat::model::to_string(mode::unit)) == "unit");
}

TEST_CASE("from_syntax: modifiers other than 1* on every item of a <~ block are located errors",
          "[model][specification][syntax][unit][errors]") {
  using csat::model::from_syntax;
  const std::string rule = "unit weights need 1* on every item of a <~ block";
  // 1* on =~
  CHECK_THROWS_WITH(from_syntax("A =~ 1*a1 + 1*a2\nB =~ b1\nB ~ A\n", "m.txt"),
                    Contains("m.txt:1:8: modifier on \"a1\" is not supported in a PLS =~ block: " + rule));
  // a mix of 1* and plain items: the item without 1* is named
  CHECK_THROWS_WITH(from_syntax("A <~ 1*a1 + a2\nB =~ b1\nB ~ A\n", "m.txt"),
                    Contains("m.txt:1:13: item \"a2\" of block \"A\" has no 1* while other items have it: " + rule));
  CHECK_THROWS_WITH(from_syntax("A <~ a1 + 1*a2\nB =~ b1\nB ~ A\n", "m.txt"),
                    Contains("m.txt:1:6: item \"a1\" of block \"A\""));
  // other fixed values, labels, free parameters: the modifier is named, with the rule
  CHECK_THROWS_WITH(from_syntax("A <~ 2*a1 + 2*a2\nB =~ b1\nB ~ A\n", "m.txt"),
                    Contains("m.txt:1:8: modifier on \"a1\" is not supported in a PLS measurement block: " + rule));
  CHECK_THROWS_WITH(from_syntax("A <~ 1*a1 + 0.5*a2\nB =~ b1\nB ~ A\n", "m.txt"),
                    Contains("m.txt:1:17: modifier on \"a2\"") && Contains(rule));
  CHECK_THROWS_WITH(from_syntax("A <~ w*a1 + w*a2\nB =~ b1\nB ~ A\n", "m.txt"),
                    Contains("m.txt:1:8: modifier on \"a1\"") && Contains(rule));
  CHECK_THROWS_WITH(from_syntax("A <~ NA*a1 + 1*a2\nB =~ b1\nB ~ A\n", "m.txt"),
                    Contains("m.txt:1:9: modifier on \"a1\"") && Contains(rule));
  // 1* in the structural model stays unsupported
  CHECK_THROWS_WITH(from_syntax("A <~ 1*a1 + 1*a2\nB =~ b1\nB ~ 1*A\n", "m.txt"),
                    Contains("m.txt:3:7: modifier on \"A\" is not supported in a PLS structural model"));
  // a unit block of constructs and items mixed is still rejected as such
  CHECK_THROWS_WITH(from_syntax("Q =~ q1 + q2\nS <~ 1*Q + 1*x\nY =~ y1\nY ~ S\n", "m.txt"),
                    Contains("m.txt:2:14: block \"S\" mixes constructs"));
}
