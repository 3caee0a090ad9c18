// Draws the four kinds of study pictures for a CSI model with illustrative numbers.
// Usage: report_pictures [OUTPUT_DIR]   (without an argument it only prints the sizes)
#include <csat/report/charts.hpp>

#include <cmath>
#include <fstream>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  namespace r = csat::report;
  const std::vector<r::diagram_node> nodes{{"Image", NAN, 71.2},        {"Expectation", 0.25, 74.0},
                                           {"Quality", 0.31, 76.5},     {"Value", 0.44, 69.8},
                                           {"Satisfaction", 0.62, 72.3}, {"Complaints", 0.29, NAN},
                                           {"Loyalty", 0.51, 70.1}};
  const std::vector<r::diagram_edge> edges{
      {"Image", "Expectation", 0.505, 0.0},     {"Image", "Satisfaction", 0.179, 0.001},
      {"Image", "Loyalty", 0.2, 0.003},         {"Expectation", "Quality", 0.557, 0.0},
      {"Expectation", "Value", 0.051, 0.4},     {"Expectation", "Satisfaction", 0.064, 0.2},
      {"Quality", "Value", 0.558, 0.0},         {"Quality", "Satisfaction", 0.512, 0.0},
      {"Value", "Satisfaction", 0.192, 0.0001}, {"Satisfaction", "Complaints", 0.528, 0.0},
      {"Satisfaction", "Loyalty", 0.483, 0.0},  {"Complaints", "Loyalty", 0.071, 0.3}};
  const auto diagram = r::path_diagram(nodes, edges, "Power-supply CSI model");
  const auto ipma = r::ipma_map({{"Image", 0.35, 71}, {"Expectation", 0.05, 74}, {"Quality", 0.52, 76.5},
                                 {"Value", 0.19, 69.8}, {"Complaints", 0.07, 60}},
                                "Importance-performance map", "Loyalty");
  std::vector<r::interval_row> rows;
  const char* seg[] = {"residential", "commercial", "industrial", "agricultural"};
  for (const char* c : {"Satisfaction", "Loyalty", "Quality"})
    for (int k = 0; k < 4; ++k) rows.push_back({c, seg[k], 70.0 + 2 * k, 67.0 + 2 * k, 73.0 + 2 * k});
  const auto intervals = r::interval_chart(rows, "Indices by customer group (95% bootstrap intervals)");
  const auto grades = r::distribution_chart({{"城区供电所", {0.3, 0.4, 0.2, 0.07, 0.03}, "比较满意 · 77.4"},
                                             {"County B", {0.1, 0.3, 0.4, 0.15, 0.05}, "基本满意 · 64.2"}},
                                            {"很满意", "比较满意", "基本满意", "不太满意", "很不满意"},
                                            "FCE grade distribution by county");
  const std::pair<const char*, const r::figure*> all[] = {
      {"path_diagram.svg", &diagram}, {"ipma.svg", &ipma}, {"indices.svg", &intervals}, {"grades.svg", &grades}};
  for (const auto& [name, fig] : all) {
    std::cout << name << ": " << fig->width << "x" << fig->height << ", " << fig->labels.size() << " labels, "
              << (fig->first_overlap().first < 0 ? "no overlaps" : "OVERLAP") << "\n";
    if (argc > 1) {
      std::ofstream out(std::string(argv[1]) + "/" + name);
      out << fig->svg;
    }
  }
  std::cout << r::path_diagram_dot(nodes, edges).substr(0, 60) << "...\n";
  return 0;
}
