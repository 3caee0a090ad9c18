// A second domain: the service value of an express-delivery company, evaluated with AHP weights and a
// two-level fuzzy comprehensive evaluation. Goal → 5 dimensions (service quality, service awareness, service
// cost, service management system, service environment) → 24 indicators. The judgments and the customers'
// grade counts are illustrative.
#include <csat/ahp/hierarchy.hpp>
#include <csat/fuzzy/evaluate.hpp>
#include <csat/fuzzy/grades.hpp>

#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace {

Eigen::MatrixXd matrix(std::initializer_list<std::initializer_list<double>> rows) {
  Eigen::MatrixXd m(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows.begin()->size()));
  Eigen::Index i = 0;
  for (const auto& r : rows) {
    Eigen::Index j = 0;
    for (double v : r) m(i, j++) = v;
    ++i;
  }
  return m;
}

}  // namespace

int main() {
  using csat::ahp::pairwise_matrix;
  csat::ahp::hierarchy<double> h("快递服务价值");
  const std::vector<std::string> dims{"服务质量", "服务意识", "服务成本", "服务管理制度", "服务环境"};
  const auto d = h.add(0, dims);
  h.set_judgments(0, pairwise_matrix<double>(matrix({{1, 2, 3, 4, 5},
                                                     {1. / 2, 1, 2, 3, 4},
                                                     {1. / 3, 1. / 2, 1, 2, 3},
                                                     {1. / 4, 1. / 3, 1. / 2, 1, 2},
                                                     {1. / 5, 1. / 4, 1. / 3, 1. / 2, 1}}),
                                             dims));
  const std::vector<std::vector<std::string>> items{
      {"时效性", "准确性", "安全性", "完整性", "便利性", "信息跟踪"},
      {"服务态度", "主动沟通", "响应速度", "个性化服务", "投诉处理"},
      {"价格合理", "附加费用", "赔付标准", "性价比"},
      {"服务规范", "员工培训", "监督考核", "隐私保护", "应急预案"},
      {"网点布局", "营业环境", "配送设施", "信息平台"}};
  for (std::size_t k = 0; k < dims.size(); ++k) h.add(d[k], items[k]);
  h.set_judgments(d[0], pairwise_matrix<double>(matrix({{1, 2, 2, 3, 3, 4},
                                                        {1. / 2, 1, 1, 2, 2, 3},
                                                        {1. / 2, 1, 1, 2, 2, 3},
                                                        {1. / 3, 1. / 2, 1. / 2, 1, 1, 2},
                                                        {1. / 3, 1. / 2, 1. / 2, 1, 1, 2},
                                                        {1. / 4, 1. / 3, 1. / 3, 1. / 2, 1. / 2, 1}}),
                                                items[0]));
  h.set_judgments(d[1], pairwise_matrix<double>(matrix({{1, 2, 1, 3, 2},
                                                        {1. / 2, 1, 1. / 2, 2, 1},
                                                        {1, 2, 1, 3, 2},
                                                        {1. / 3, 1. / 2, 1. / 3, 1, 1. / 2},
                                                        {1. / 2, 1, 1. / 2, 2, 1}}),
                                                items[1]));
  h.set_judgments(d[2], pairwise_matrix<double>(matrix({{1, 3, 2, 1},
                                                        {1. / 3, 1, 1. / 2, 1. / 3},
                                                        {1. / 2, 2, 1, 1. / 2},
                                                        {1, 3, 2, 1}}),
                                                items[2]));
  Eigen::VectorXd w3(5), w4(4);
  w3 << 3, 2, 2, 2, 1;  // direct weights (normalized on use)
  w4 << 3, 1, 2, 2;
  h.set_weights(d[3], w3);
  h.set_weights(d[4], w4);
  const auto r = csat::ahp::evaluate(h);

  std::printf("AHP: total CR = %.4f (%s)\n", r.total_cr, r.total_consistent ? "acceptable" : "too inconsistent");
  for (int k : r.nodes[0].children) {
    const auto& n = r.nodes[static_cast<std::size_t>(k)];
    std::printf("  %-12s weight %.4f  CR %s\n", n.name.c_str(), n.local_weight,
                n.has_judgments ? std::to_string(n.analysis.consistency.cr).substr(0, 6).c_str() : "(direct)");
  }

  // 200 customers graded each indicator 很满意 … 很不满意 (counts)
  const std::map<std::string, std::vector<double>> counts{
      {"时效性", {62, 88, 34, 12, 4}},   {"准确性", {80, 82, 28, 8, 2}},     {"安全性", {70, 86, 30, 10, 4}},
      {"完整性", {76, 90, 24, 8, 2}},    {"便利性", {58, 92, 36, 10, 4}},    {"信息跟踪", {90, 76, 24, 8, 2}},
      {"服务态度", {54, 84, 42, 14, 6}}, {"主动沟通", {36, 74, 60, 22, 8}},  {"响应速度", {44, 80, 50, 18, 8}},
      {"个性化服务", {28, 62, 72, 28, 10}}, {"投诉处理", {30, 66, 62, 28, 14}}, {"价格合理", {40, 78, 56, 18, 8}},
      {"附加费用", {24, 60, 70, 32, 14}}, {"赔付标准", {22, 56, 66, 36, 20}}, {"性价比", {46, 84, 48, 16, 6}},
      {"服务规范", {50, 90, 44, 12, 4}}, {"员工培训", {40, 82, 56, 16, 6}},  {"监督考核", {38, 80, 58, 18, 6}},
      {"隐私保护", {34, 70, 56, 26, 14}}, {"应急预案", {30, 72, 66, 24, 8}}, {"网点布局", {64, 88, 34, 10, 4}},
      {"营业环境", {48, 90, 46, 12, 4}}, {"配送设施", {52, 86, 44, 14, 4}}, {"信息平台", {84, 80, 26, 8, 2}}};

  std::function<csat::fuzzy::fce_node<double>(int)> build = [&](int k) {
    const auto& n = r.nodes[static_cast<std::size_t>(k)];
    csat::fuzzy::fce_node<double> f;
    f.name = n.name;
    f.weight = n.local_weight;
    if (n.children.empty()) {
      const auto& c = counts.at(n.name);
      f.membership = Eigen::Map<const Eigen::RowVectorXd>(c.data(), 5) / 200.0;
    }
    for (int ch : n.children) f.children.push_back(build(ch));
    return f;
  };
  const auto grades = csat::fuzzy::grade_set::power();
  const auto ev = csat::fuzzy::evaluate(build(0), grades);
  std::printf("\nFCE (weighted average M(·,⊕)), grades %s\n", grades.joined().c_str());
  for (const auto& n : ev.nodes) {
    if (n.depth > 1) continue;
    std::printf("  %-14s B = [", n.name.c_str());
    for (Eigen::Index g = 0; g < n.b_normalized.size(); ++g) std::printf("%s%.3f", g ? " " : "", n.b_normalized(g));
    std::printf("]  %s, score %.1f\n", n.reading.max_grade_name.c_str(), n.reading.score);
  }
  const auto& root = ev.root();
  // the leaves' memberships sum to 1 and the weights to 1, so the goal's B sums to 1 and its score lies in [0, 100]
  return (root.b.sum() > 0.999999 && root.b.sum() < 1.000001 && root.reading.score > 0 && root.reading.score < 100) ? 0 : 1;
}
