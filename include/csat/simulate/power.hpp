#ifndef CSAT_SIMULATE_POWER_HPP
#define CSAT_SIMULATE_POWER_HPP

/// \file
/// The design of csat's bundled example data: a power-supply customer-satisfaction survey drawn from the
/// power CSI model (Image, Expectation, Quality, Value, Satisfaction, Complaints, Loyalty; the paths of
/// csat::model::power_csi), with SERVQUAL expectation and perception items, a 0–10 willingness-to-recommend item,
/// customer groups, service channels and counties that differ in their parameters, and internal KPIs per county.
/// All population values are documented in docs/simulate.md.

#include <csat/config.hpp>
#include <csat/simulate/generate.hpp>
#include <csat/simulate/random.hpp>
#include <csat/simulate/structural.hpp>
#include <csat/survey/csv.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace csat {
namespace simulate {

/// Construct indices of power_csi_model(), in order.
enum power_construct : int { image = 0, expectation, quality, value, satisfaction, complaints, loyalty };

/// The counties of the example data.
inline std::vector<std::string> power_counties() {
  return {"Anping", "Baihe", "Chengguan", "Dongshan", "Fengtai", "Gaoyang",
          "Hexi",   "Jinshui", "Lishan", "Nanhu",    "Qingyuan", "Xinglong"};
}

/// The county service-quality factors (standardized) behind both the county KPIs and the county effect on
/// perceived quality; fixed numbers so the data and the documentation agree.
inline std::vector<double> power_county_quality() {
  return {0.9, -0.4, 1.3, 0.2, -1.1, 0.5, -0.2, 0.8, -1.5, 0.0, -0.7, 0.4};
}

/// The population structural model of the power CSI: seven constructs, thirteen standardized paths and the
/// 22 CSI items on 1–10 scales (the items a PLS model of the study uses).
inline structural_model<double> power_csi_model() {
  structural_model<double> m;
  m.constructs = {"Image", "Expectation", "Quality", "Value", "Satisfaction", "Complaints", "Loyalty"};
  m.paths = Eigen::MatrixXd::Zero(7, 7);
  auto path = [&](int from, int to, double b) { m.paths(to, from) = b; };
  path(image, expectation, 0.50);
  path(image, value, 0.20);
  path(image, satisfaction, 0.20);
  path(image, loyalty, 0.25);
  path(expectation, quality, 0.55);
  path(expectation, value, 0.10);
  path(expectation, satisfaction, 0.05);
  path(quality, value, 0.50);
  path(quality, satisfaction, 0.45);
  path(value, satisfaction, 0.25);
  path(satisfaction, complaints, -0.40);
  path(satisfaction, loyalty, 0.45);
  path(complaints, loyalty, -0.10);
  const auto ten = response_scale::likert(10, 1);
  auto item = [&](const char* name, const char* construct, double loading, double location) {
    m.indicators.push_back({name, construct, loading, location, ten});
  };
  item("IMG1", "Image", 0.82, 0.7);
  item("IMG2", "Image", 0.86, 0.6);
  item("IMG3", "Image", 0.78, 0.8);
  item("EXP1", "Expectation", 0.72, 0.9);
  item("EXP2", "Expectation", 0.80, 0.7);
  item("EXP3", "Expectation", 0.76, 0.8);
  item("QUA1", "Quality", 0.84, 0.6);
  item("QUA2", "Quality", 0.80, 0.7);
  item("QUA3", "Quality", 0.86, 0.5);
  item("QUA4", "Quality", 0.82, 0.4);
  item("QUA5", "Quality", 0.78, 0.3);
  item("VAL1", "Value", 0.88, 0.2);
  item("VAL2", "Value", 0.85, 0.3);
  item("VAL3", "Value", 0.80, 0.5);
  item("SAT1", "Satisfaction", 0.90, 0.6);
  item("SAT2", "Satisfaction", 0.86, 0.5);
  item("SAT3", "Satisfaction", 0.84, 0.4);
  item("COM1", "Complaints", 0.85, -0.8);
  item("COM2", "Complaints", 0.80, -0.9);
  item("LOY1", "Loyalty", 0.84, 0.7);
  item("LOY2", "Loyalty", 0.80, 0.5);
  item("LOY3", "Loyalty", 0.76, 0.6);
  return m;
}

/// SERVQUAL dimensions of the example data (expectation item SQE_x and perception item SQP_x per dimension).
inline std::vector<std::string> servqual_dimensions() { return {"TAN", "REL", "RES", "ASS", "EMP"}; }

/// The full design of the bundled survey: power_csi_model() plus 10 SERVQUAL items (1–7; expectations load on
/// Expectation, perceptions on Quality) and RECOMMEND (0–10, on Loyalty); customer group, channel and county
/// segmentations; `missing_rate` of answers missing at random; a respondent id column "id".
inline survey_design<double> power_survey_design(double missing_rate = 0.02) {
  survey_design<double> d;
  d.model = power_csi_model();
  const auto seven = response_scale::likert(7, 1);
  const std::vector<std::string> dims = servqual_dimensions();
  const double expect_location[] = {1.0, 1.3, 1.2, 1.1, 1.0};
  const double perceive_location[] = {0.7, 0.5, 0.1, 0.4, -0.1};
  for (std::size_t q = 0; q < dims.size(); ++q)
    d.model.indicators.push_back({"SQE_" + dims[q], "Expectation", 0.60, expect_location[q], seven});
  for (std::size_t q = 0; q < dims.size(); ++q)
    d.model.indicators.push_back({"SQP_" + dims[q], "Quality", 0.70, perceive_location[q], seven});
  d.model.indicators.push_back({"RECOMMEND", "Loyalty", 0.85, 0.8, response_scale::likert(11, 0)});

  const Eigen::Index k = 7;
  auto shift = [&](std::vector<std::pair<int, double>> v) {
    Eigen::VectorXd a = Eigen::VectorXd::Zero(k);
    for (const auto& e : v) a(e.first) = e.second;
    return a;
  };
  auto paths = [&](std::vector<std::tuple<int, int, double>> v) {
    Eigen::MatrixXd b = Eigen::MatrixXd::Zero(k, k);
    for (const auto& e : v) b(std::get<1>(e), std::get<0>(e)) = std::get<2>(e);
    return b;
  };
  segmentation<double> group{"segment", {}};
  group.levels.push_back({"residential", 0.70, {}, {}});
  group.levels.push_back({"commercial", 0.15, shift({{value, -0.30}}), paths({{value, satisfaction, 0.10}})});
  group.levels.push_back({"industrial", 0.10, shift({{expectation, 0.20}, {quality, -0.10}}),
                          paths({{quality, satisfaction, 0.10}, {value, satisfaction, -0.10}})});
  group.levels.push_back({"agricultural", 0.05, shift({{quality, -0.40}, {image, -0.20}}), {}});
  segmentation<double> channel{"channel", {}};
  channel.levels.push_back({"service hall", 0.35, {}, {}});
  channel.levels.push_back({"95598 hotline", 0.30, shift({{satisfaction, -0.15}, {complaints, 0.20}}), {}});
  channel.levels.push_back({"online", 0.35, shift({{quality, 0.15}}), {}});
  segmentation<double> county{"county", {}};
  const auto names = power_counties();
  const auto q = power_county_quality();
  for (std::size_t c = 0; c < names.size(); ++c)
    county.levels.push_back({names[c], 1.0, shift({{quality, 0.25 * q[c]}}), {}});
  d.segments = {group, channel, county};
  d.missing_rate = missing_rate;
  d.id_column = "id";
  return d;
}

/// Internal KPIs per county, driven by power_county_quality() plus noise (seeded).
/// Columns: county; voltage_qualification_rate (%), supply_reliability_rate (%, RS-3),
/// outage_minutes_per_customer (average interruption minutes per customer per year), answer_rate_95598 (%),
/// complaint_handling_hours (average).
inline survey::data_table<double> power_county_kpi(std::uint64_t seed = 20240601) {
  survey::data_table<double> t;
  t.source = "<simulated county KPIs, seed " + std::to_string(seed) + ">";
  t.names = {"voltage_qualification_rate", "supply_reliability_rate", "outage_minutes_per_customer",
             "answer_rate_95598", "complaint_handling_hours"};
  t.text_names = {"county"};
  const auto names = power_counties();
  const auto q = power_county_quality();
  const auto n = static_cast<Eigen::Index>(names.size());
  t.values.resize(n, 5);
  t.text.assign(1, names);
  t.missing.assign(5, 0);
  engine g(seed);
  normal_generator z;
  // round to `digits` decimals so that the value prints as that decimal
  auto round_to = [](double v, int digits) {
    const double scale = std::pow(10.0, digits);
    return std::round(v * scale) / scale;
  };
  for (Eigen::Index i = 0; i < n; ++i) {
    const double f = q[static_cast<std::size_t>(i)];
    const double voltage = std::min(99.99, 99.2 + 0.35 * f + 0.15 * z(g));
    const double outage = std::max(30.0, 420.0 * std::exp(-0.45 * f + 0.15 * z(g)));
    const double reliability = 100.0 * (1.0 - outage / 525600.0);
    const double answer = std::min(99.9, 96.5 + 1.2 * f + 0.6 * z(g));
    const double handling = std::max(2.0, 18.0 * std::exp(-0.35 * f + 0.2 * z(g)));
    t.values(i, 0) = round_to(voltage, 2);
    t.values(i, 1) = round_to(reliability, 4);
    t.values(i, 2) = round_to(outage, 1);
    t.values(i, 3) = round_to(answer, 2);
    t.values(i, 4) = round_to(handling, 1);
    t.lines.push_back(static_cast<std::size_t>(i) + 2);
  }
  return t;
}

}  // namespace simulate
}  // namespace csat

#endif
