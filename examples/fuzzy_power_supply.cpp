// Two-level fuzzy comprehensive evaluation of power-supply service units.
//
// Weights: an AHP hierarchy (criteria and indicators judged pairwise, csat::ahp).
// Membership rows: survey responses for the perception items (codes 1..5 = 很满意..很不满意) and grade partitions
// for the KPIs (voltage qualification rate, supply reliability, outage minutes and frequency per customer, fault
// restoration time, 95598 three-ring answer rate, complaint handling time).
// Output: B, grade, validity and score for every node of one unit, then three units ranked by score.
#include <csat/ahp/hierarchy.hpp>
#include <csat/fuzzy/fuzzy.hpp>

#include <cstdio>
#include <limits>
#include <iostream>
#include <string>
#include <vector>

namespace fz = csat::fuzzy;
namespace ahp = csat::ahp;

namespace {

Eigen::MatrixXd upper(int n, std::initializer_list<double> u) {  // reciprocal matrix from its upper triangle
  Eigen::MatrixXd a = Eigen::MatrixXd::Ones(n, n);
  auto it = u.begin();
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) { a(i, j) = *it++; a(j, i) = 1 / a(i, j); }
  return a;
}

// Survey codes of one unit: `shares` per item, `n` respondents, deterministic (no random numbers).
Eigen::MatrixXd survey_codes(const std::vector<std::vector<int>>& counts) {
  const auto items = static_cast<Eigen::Index>(counts.size());
  int n = 0;
  for (int c : counts[0]) n += c;
  Eigen::MatrixXd x(n, items);
  for (Eigen::Index i = 0; i < items; ++i) {
    Eigen::Index r = 0;
    for (std::size_t g = 0; g < counts[static_cast<std::size_t>(i)].size(); ++g)
      for (int k = 0; k < counts[static_cast<std::size_t>(i)][g]; ++k) x(r++, i) = static_cast<double>(g + 1);
    for (; r < n; ++r) x(r, i) = std::numeric_limits<double>::quiet_NaN();  // no answer
  }
  return x;
}

// Pads UTF-8 text to a display width (CJK characters take two columns).
std::string pad(const std::string& s, std::size_t width) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    w += len == 3 ? 2 : 1;
    i += len;
  }
  return s + std::string(width > w ? width - w : 0, ' ');
}

struct unit {
  std::string name;
  std::vector<std::vector<int>> survey;  // counts per grade for 服务态度, 办电效率, 收费规范, 信息告知
  std::vector<double> kpi;                // values of the seven KPIs
};

}  // namespace

int main() {
  const auto grades = fz::grade_set::power();

  // ---- AHP weights --------------------------------------------------------------------------------------
  ahp::hierarchy<> h("供电服务满意度");
  const auto crit = h.add(0, {"服务质量", "供电质量", "客户服务"});
  h.set_judgments(0, ahp::pairwise_matrix<>(upper(3, {1.0 / 2, 2, 3})));
  h.add(crit[0], {"服务态度", "办电效率", "收费规范", "信息告知"});
  h.set_judgments(crit[0], ahp::pairwise_matrix<>(upper(4, {2, 3, 2, 2, 1, 1.0 / 2})));
  h.add(crit[1], {"电压合格率", "供电可靠率", "户均停电时间", "户均停电次数", "故障抢修时长"});
  h.set_judgments(crit[1], ahp::pairwise_matrix<>(upper(5, {1.0 / 2, 1.0 / 2, 1, 1, 1, 2, 2, 2, 2, 1})));
  h.add(crit[2], std::vector<std::string>{"95598三声接通率", "投诉处理时长"});
  h.set_judgments(crit[2], ahp::pairwise_matrix<>(upper(2, {1})));
  const auto weights = ahp::evaluate(h);
  std::printf("AHP: total CR %.4f (%s)\n", weights.total_cr, weights.total_consistent ? "acceptable" : "too high");
  for (const auto& n : weights.nodes)
    if (n.has_judgments)
      std::printf("  %-10s lambda_max %.4f  CR %.4f\n", n.name.c_str(), n.analysis.consistency.lambda_max,
                  n.analysis.consistency.cr);

  // ---- KPI grade partitions: one knot per grade, 很满意 first -----------------------------------------
  const std::vector<fz::grade_partition<>> kpis{
      {"电压合格率", {99.99, 99.95, 99.9, 99.7, 99.0}},        // %, larger is better
      {"供电可靠率", {99.99, 99.97, 99.95, 99.9, 99.8}},       // %, larger is better
      {"户均停电时间", {2, 5, 9, 15, 30}},                      // hours per year, smaller is better
      {"户均停电次数", {0.5, 1, 2, 3, 5}},                      // times per year
      {"故障抢修时长", {30, 45, 60, 90, 120}},                  // minutes to restore
      {"95598三声接通率", {99, 97, 95, 90, 80}},                // % answered within three rings
      {"投诉处理时长", {1, 2, 3, 5, 7}}};                       // days

  const std::vector<unit> units{
      {"城区供电中心", {{62, 41, 12, 3, 2}, {48, 45, 18, 6, 3}, {70, 38, 9, 2, 1}, {45, 44, 20, 8, 2}},
       {99.97, 99.982, 3.1, 0.8, 38, 98.2, 1.5}},
      {"东部县公司", {{40, 46, 24, 7, 3}, {35, 44, 28, 9, 4}, {52, 43, 18, 5, 2}, {30, 42, 30, 12, 5}},
       {99.91, 99.93, 8.6, 1.9, 62, 95.6, 2.8}},
      {"西部县公司", {{45, 43, 21, 8, 3}, {41, 40, 26, 10, 3}, {50, 44, 19, 5, 2}, {36, 42, 26, 11, 4}},
       {99.89, 99.935, 10.2, 2.3, 66, 96.8, 2.2}}};

  std::vector<std::string> names;
  std::vector<Eigen::RowVectorXd> results;
  for (const auto& u : units) {
    const std::vector<std::string> items{"服务态度", "办电效率", "收费规范", "信息告知"};
    const auto s = fz::survey_membership(survey_codes(u.survey), grades, items);
    const auto k = fz::indicator_membership(kpis, u.kpi);
    fz::leaf_rows<> rows;
    for (std::size_t i = 0; i < items.size(); ++i) rows[items[i]] = s.membership.row(static_cast<Eigen::Index>(i));
    for (std::size_t i = 0; i < k.items.size(); ++i) rows[k.items[i]] = k.membership.row(static_cast<Eigen::Index>(i));
    const auto e = fz::evaluate(weights, rows, grades);
    if (names.empty()) {
      std::cout << "\n" << u.name << ": every node (weighted average M(·,⊕))\n";
      std::printf("  %s  local  global  B = (很满意 .. 很不满意)                  %s  alpha   score\n",
                  pad("node", 24).c_str(), pad("grade", 8).c_str());
      for (const auto& n : e.nodes) {
        std::printf("  %s  %.3f  %.4f  (", pad(std::string(2 * static_cast<std::size_t>(n.depth), ' ') + n.name, 24).c_str(),
                    n.local_weight, n.global_weight);
        for (Eigen::Index j = 0; j < n.b.size(); ++j) std::printf("%s%.4f", j ? ", " : "", n.b(j));
        std::printf(")  %s  %5.3f  %6.2f%s\n", pad(n.reading.max_grade_name, 8).c_str(), n.reading.validity,
                    n.reading.score, n.reading.tie ? "  (tie)" : "");
      }
    }
    names.push_back(u.name);
    results.push_back(e.root().b);
  }

  std::cout << "\nUnits ranked by score:\n";
  for (const auto& r : fz::rank_units(names, results, grades))
    std::printf("  %lld. %s  score %6.2f  grade %s  alpha %.3f\n", static_cast<long long>(r.rank),
                pad(r.name, 12).c_str(), r.score, pad(r.max_grade_name, 8).c_str(), r.validity);
  return 0;
}
