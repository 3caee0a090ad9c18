// Tests of csat/report/svg.hpp and csat/report/charts.hpp: well-formed SVG, escaped text, no overlapping labels.
#include <csat/report/charts.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

using Catch::Matchers::Contains;
namespace r = csat::report;

namespace {

// Minimal XML well-formedness: every element closed in order, attributes quoted, no bare '&' or '<' in text.
bool well_formed(const std::string& x, std::string& why) {
  std::vector<std::string> stack;
  std::size_t i = 0;
  while (i < x.size()) {
    if (x[i] == '<') {
      const std::size_t e = x.find('>', i);
      if (e == std::string::npos) { why = "unclosed tag"; return false; }
      std::string tag = x.substr(i + 1, e - i - 1);
      if (tag[0] == '?' || tag[0] == '!') { i = e + 1; continue; }
      const bool closing = tag[0] == '/';
      const bool self = tag.back() == '/';
      std::string name = tag.substr(closing ? 1 : 0);
      name = name.substr(0, name.find_first_of(" /"));
      std::size_t quotes = 0;
      for (char c : tag) quotes += c == '"';
      if (quotes % 2) { why = "odd quotes in <" + tag + ">"; return false; }
      if (closing) {
        if (stack.empty() || stack.back() != name) { why = "mismatched </" + name + ">"; return false; }
        stack.pop_back();
      } else if (!self) {
        stack.push_back(name);
      }
      i = e + 1;
    } else {
      if (x[i] == '&') {
        const std::size_t semi = x.find(';', i);
        if (semi == std::string::npos || semi - i > 6) { why = "bare &"; return false; }
      }
      ++i;
    }
  }
  if (!stack.empty()) { why = "unclosed <" + stack.back() + ">"; return false; }
  return true;
}

std::vector<r::diagram_node> csi_nodes() {
  return {{"Image", NAN, 71.2},        {"Expectation", 0.25, 74.0}, {"Quality", 0.31, 76.5}, {"Value", 0.44, 69.8},
          {"Satisfaction", 0.62, 72.3}, {"Complaints", 0.29, NAN},  {"Loyalty", 0.51, 70.1}};
}
std::vector<r::diagram_edge> csi_edges() {
  return {{"Image", "Expectation", 0.505, 0.0},     {"Image", "Satisfaction", 0.179, 0.001},
          {"Image", "Loyalty", 0.2, 0.003},         {"Expectation", "Quality", 0.557, 0.0},
          {"Expectation", "Value", 0.051, 0.4},     {"Expectation", "Satisfaction", 0.064, 0.2},
          {"Quality", "Value", 0.558, 0.0},         {"Quality", "Satisfaction", 0.512, 0.0},
          {"Value", "Satisfaction", 0.192, 0.0001}, {"Satisfaction", "Complaints", 0.528, 0.0},
          {"Satisfaction", "Loyalty", 0.483, 0.0},  {"Complaints", "Loyalty", 0.071, 0.3}};
}

void check_figure(const r::figure& f) {
  std::string why;
  INFO(why);
  CHECK(well_formed(f.svg, why));
  const auto ov = f.first_overlap();
  INFO("overlap " << ov.first << " " << ov.second);
  CHECK(ov.first == -1);
  for (const auto& b : f.labels) {
    CHECK(b.x >= 0);
    CHECK(b.y >= 0);
    CHECK(b.x + b.width <= f.width + 0.5);
    CHECK(b.y + b.height <= f.height + 0.5);
  }
}

}  // namespace

TEST_CASE("svg: text is escaped and the document is well formed", "[report][svg]") {
  r::svg s(200, 100, "a < b & \"c\"");
  s.text(10, 20, "R&D <team> 满意度", 12);
  s.line(0, 0, 10, 10, "#000", 1, true);
  const std::string x = s.str();
  CHECK_THAT(x, Contains("R&amp;D &lt;team&gt; 满意度"));
  CHECK_THAT(x, Contains("<title>a &lt; b &amp; &quot;c&quot;</title>"));
  CHECK_THAT(x, Contains("marker-end=\"url(#arrow)\""));
  CHECK_THAT(x, Contains("<marker id=\"arrow\""));
  std::string why;
  CHECK(well_formed(x, why));
  CHECK_THROWS_AS(r::svg(0, 10), csat::domain_error);
  CHECK(r::coord(1.25) == "1.25");
  CHECK(r::coord(3.0) == "3");
  CHECK(r::coord(-0.001) == "0");
  CHECK(r::coord(12.5) == "12.5");
}

TEST_CASE("svg: text widths count CJK characters as one em", "[report][svg]") {
  CHECK(r::text_width("满意度", 10) == Approx(30));
  CHECK(r::text_width("abc", 10) == Approx(16.8));
  CHECK(r::text_width("", 10) == 0);
}

TEST_CASE("path diagram of the CSI model: layers, arcs, no overlapping labels", "[report][charts]") {
  const auto layers = r::diagram_layers(csi_nodes(), csi_edges());
  CHECK(layers == std::vector<int>{0, 1, 2, 3, 4, 5, 6});
  const auto f = r::path_diagram(csi_nodes(), csi_edges(), "Power-supply CSI");
  check_figure(f);
  CHECK_THAT(f.svg, Contains("0.505***"));
  CHECK_THAT(f.svg, Contains("0.051<"));  // not significant: no stars
  CHECK_THAT(f.svg, Contains("R² = 0.620"));
  CHECK_THAT(f.svg, Contains("I = 72.3"));
  CHECK_THAT(f.svg, Contains(" C "));  // paths that would cross a construct are arcs
  const std::string dot = r::path_diagram_dot(csi_nodes(), csi_edges());
  CHECK_THAT(dot, Contains("\"Image\" -> \"Expectation\" [label=\"0.505***\"]"));
  CHECK_THAT(dot, Contains("rankdir=LR"));
}

TEST_CASE("path diagram: Chinese names, unknown constructs and cycles", "[report][charts]") {
  std::vector<r::diagram_node> n{{"企业形象", NAN, NAN}, {"感知质量", 0.3, NAN}, {"客户满意度", 0.5, NAN}, {"客户忠诚", 0.4, NAN}};
  std::vector<r::diagram_edge> e{{"企业形象", "感知质量", 0.4, 0.01}, {"企业形象", "客户满意度", 0.2, 0.02},
                                 {"感知质量", "客户满意度", 0.6, 0.0}, {"客户满意度", "客户忠诚", 0.7, 0.0}};
  check_figure(r::path_diagram(n, e, "供电服务客户满意度模型"));
  e.push_back({"客户忠诚", "企业形象", 0.1, 0.5});
  CHECK_THROWS_AS(r::path_diagram(n, e), csat::invalid_argument);
  CHECK_THROWS_WITH(r::path_diagram(n, e), Contains("cycle"));
  e.back() = {"客户忠诚", "Nowhere", 0.1, 0.5};
  CHECK_THROWS_WITH(r::path_diagram(n, e), Contains("unknown construct \"Nowhere\""));
}

TEST_CASE("IPMA map: quadrants and no overlapping labels even for close points", "[report][charts]") {
  std::vector<r::ipma_point> pts{{"Image", 0.35, 71}, {"Expectation", 0.05, 74},  {"Quality", 0.52, 76.5},
                                 {"Value", 0.19, 69.8}, {"Quality 2", 0.51, 76.2}, {"服务质量", 0.515, 76.4},
                                 {"Complaints", 0.07, 60}};
  const auto f = r::ipma_map(pts, "IPMA", "Loyalty");
  check_figure(f);
  CHECK_THAT(f.svg, Contains("Concentrate here"));
  CHECK_THAT(f.svg, Contains("Keep up the good work"));
  CHECK_THAT(f.svg, Contains("服务质量"));
  CHECK_THROWS_AS(r::ipma_map({}), csat::invalid_argument);
  CHECK_THROWS_AS(r::ipma_map({{"x", NAN, 3}}), csat::domain_error);
}

TEST_CASE("interval chart and grade distribution chart", "[report][charts]") {
  std::vector<r::interval_row> rows;
  const char* seg[] = {"residential", "commercial", "industrial", "agricultural"};
  for (const char* c : {"Satisfaction", "Loyalty", "Quality"})
    for (int k = 0; k < 4; ++k) rows.push_back({c, seg[k], 70.0 + k, 68.0 + k, 72.0 + k});
  check_figure(r::interval_chart(rows, "Indices by customer group"));
  const auto d = r::distribution_chart({{"County A", {0.3, 0.4, 0.2, 0.07, 0.03}, "比较满意 · 77.4"},
                                         {"County B", {0.1, 0.3, 0.4, 0.15, 0.05}, "基本满意 · 64.2"}},
                                        {"很满意", "比较满意", "基本满意", "不太满意", "很不满意"}, "FCE grades by county");
  check_figure(d);
  CHECK_THAT(d.svg, Contains("40%"));
  CHECK_THROWS_AS(r::distribution_chart({{"A", {0.5, 0.5}, ""}}, {"a", "b", "c"}, "x"), csat::invalid_argument);
  CHECK_THROWS_AS(r::interval_chart({}, "x"), csat::invalid_argument);
}
