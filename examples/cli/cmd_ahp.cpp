// csat ahp: weights and consistency of one pairwise matrix (CSV), or of a whole hierarchy (--hierarchy FILE).
#include "cli.hpp"

#include <csat/ahp/ahp.hpp>

#include <algorithm>
#include <iostream>
#include <numeric>
#include <string>
#include <vector>

namespace {

struct ahp_args {
  std::string matrix;
  std::string hierarchy;
  std::string method = "ev";
  std::string ri = "saaty1980";
  std::string threshold = "0.1";
  std::string completion = "lambda-optimal";
  bool agoston_csato = false;
  bool saaty_scale = false;
  double tolerance = 1e-6;
  std::size_t top = 3;
  bool repair = false;
  bool exclude = false;
  bool json = false;
};

csat::ahp::analysis_options analysis_options(const ahp_args& a) {
  csat::ahp::analysis_options o;
  o.method = csat::ahp::parse_priority_method(a.method);
  o.consistency.ri.table = csat::ahp::parse_ri_table(a.ri);
  o.consistency.ri.agoston_csato = a.agoston_csato;
  o.completion.method = csat::ahp::parse_completion_method(a.completion);
  if (a.threshold == "saaty") {
    o.consistency.threshold.rule = csat::ahp::threshold_rule::saaty_sized;
  } else {
    double v = 0;
    bool overflow = false;
    if (!csat::detail::parse_double(a.threshold.data(), a.threshold.data() + a.threshold.size(), v, overflow) ||
        !(v > 0 && v < 1))
      throw csat_cli::input_error("--threshold " + a.threshold + ": expected a number in (0, 1) or \"saaty\"");
    o.consistency.threshold.value = v;
  }
  return o;
}

std::string method_label(csat::ahp::priority_method m) {
  switch (m) {
    case csat::ahp::priority_method::eigenvector: return "ev (principal eigenvector)";
    case csat::ahp::priority_method::rgmm: return "rgmm (row geometric mean)";
    case csat::ahp::priority_method::ncm: return "ncm (normalized column mean)";
    case csat::ahp::priority_method::llsm: return "llsm (logarithmic least squares)";
  }
  return "?";
}

std::string threshold_label(const csat::ahp::consistency_result<double>& c) {
  return c.rule == csat::ahp::threshold_rule::saaty_sized ? csat_cli::fixed(c.threshold, 2) + " (Saaty, size-aware)"
                                                          : csat_cli::fixed(c.threshold, 2);
}

nlohmann::json consistency_json(const csat::ahp::consistency_result<double>& c) {
  nlohmann::json j;
  j["lambda_max"] = csat_cli::number(c.lambda_max);
  j["ci"] = csat_cli::number(c.ci);
  j["ri"] = csat_cli::number(c.ri);
  j["cr"] = csat_cli::number(c.cr);
  j["consistent"] = c.consistent;
  j["ri_table"] = csat::ahp::to_string(c.table);
  j["ri_source"] = csat::ahp::ri_source(c.table);
  j["ri_corrected"] = c.ri_corrected;
  j["threshold"] = c.threshold;
  j["threshold_rule"] = csat::ahp::to_string(c.rule);
  j["gci"] = csat_cli::number(c.gci);
  j["gci_threshold"] = c.gci_threshold;
  j["gci_consistent"] = c.gci_consistent;
  j["koczkodaj"] = csat_cli::number(c.koczkodaj);
  j["alonso_lamata"] = {{"lambda_threshold", csat_cli::number(c.alonso_lamata_lambda)},
                        {"consistent", c.alonso_lamata_consistent}};
  return j;
}

void run_matrix(const ahp_args& a) {
  csat::ahp::pairwise_csv_options ro;
  ro.validation.reciprocal_tolerance = a.tolerance;
  ro.validation.saaty_scale = a.saaty_scale;
  const auto pm = csat::ahp::read_pairwise_csv(a.matrix, ro);
  csat::ahp::diagnosis_options d;
  d.analysis = analysis_options(a);
  d.top = a.top;
  const auto diag = csat::ahp::diagnose(pm, d);
  const auto& r = diag.analysis;
  const auto& c = r.consistency;
  const auto n = pm.size();
  const std::size_t top = std::min(a.top, diag.judgments.size());
  csat::ahp::repair_result<double> rep;
  if (a.repair) {
    csat::ahp::repair_options o;
    o.analysis = d.analysis;
    rep = csat::ahp::repair(pm, o);
  }
  if (a.json) {
    nlohmann::json j = consistency_json(c);
    j["names"] = pm.names();
    j["weights"] = std::vector<double>(r.weights.data(), r.weights.data() + r.weights.size());
    j["method"] = csat::ahp::to_string(r.method);
    j["n"] = n;
    j["missing_pairs"] = pm.missing_pairs();
    j["status"] = csat::ahp::to_string(r.status);
    nlohmann::json mi = nlohmann::json::array();
    for (std::size_t k = 0; k < top; ++k) {
      const auto& x = diag.judgments[k];
      mi.push_back({{"i", x.i}, {"j", x.j}, {"row", pm.name(x.i)}, {"column", pm.name(x.j)}, {"value", x.value},
                    {"epsilon", x.epsilon}, {"gradient", x.gradient},
                    {"best_fit", x.has_best_fit ? csat_cli::number(x.best_fit) : nlohmann::json(nullptr)},
                    {"suggested", x.has_best_fit ? csat_cli::number(x.suggested) : nlohmann::json(nullptr)},
                    {"cr_if_suggested", x.has_best_fit ? csat_cli::number(x.cr_if_suggested) : nlohmann::json(nullptr)}});
    }
    j["most_inconsistent"] = mi;
    if (r.completed) {
      nlohmann::json m = nlohmann::json::array();
      for (Eigen::Index i = 0; i < n; ++i) {
        std::vector<double> row(static_cast<std::size_t>(n));
        for (Eigen::Index k = 0; k < n; ++k) row[static_cast<std::size_t>(k)] = r.matrix(i, k);
        m.push_back(row);
      }
      j["completed_matrix"] = m;
      j["completion"] = csat::ahp::to_string(r.completion);
    }
    if (a.repair) {
      nlohmann::json ch = nlohmann::json::array();
      for (const auto& x : rep.changes)
        ch.push_back({{"i", x.i}, {"j", x.j}, {"row", pm.name(x.i)}, {"column", pm.name(x.j)}, {"from", x.from},
                      {"to", x.to}, {"cr_after", x.cr_after}});
      j["repair"] = {{"changes", ch}, {"cr_before", rep.cr_before}, {"cr_after", rep.cr_after},
                     {"consistent", rep.consistent}};
    }
    csat_cli::print_json(j);
    return;
  }
  std::cout << "AHP: " << a.matrix << ", " << n << " criteria" << (pm.complete() ? "" : ", " + std::to_string(pm.missing_pairs()) + " judgments missing")
            << "\nmethod " << method_label(r.method) << "; RI table " << csat::ahp::to_string(c.table) << " ("
            << csat::ahp::ri_source(c.table) << ")\n";
  if (r.completed) std::cout << "completion " << csat::ahp::to_string(r.completion) << "\n";
  std::cout << '\n';
  csat_cli::table t({"criterion", "weight"});
  for (Eigen::Index i = 0; i < n; ++i) t.add({pm.name(i), csat_cli::fixed(r.weights(i), 4)});
  t.print(std::cout);
  std::cout << "\nlambda_max " << csat_cli::fixed(c.lambda_max, 6) << "  CI " << csat_cli::fixed(c.ci, 6) << "  RI "
            << csat_cli::fixed(c.ri, 4) << (c.ri_corrected ? " (Agoston-Csato, " + std::to_string(c.missing_pairs) + " missing)" : "")
            << "  CR " << csat_cli::fixed(c.cr, 4) << "  threshold " << threshold_label(c) << ": "
            << (c.consistent ? "consistent" : "NOT consistent") << '\n';
  std::cout << "GCI " << csat_cli::fixed(c.gci, 4) << " (threshold " << csat_cli::fixed(c.gci_threshold, 2) << ": "
            << (c.gci_consistent ? "consistent" : "NOT consistent") << ")  Koczkodaj " << csat_cli::fixed(c.koczkodaj, 4)
            << "  Alonso-Lamata lambda line " << csat_cli::fixed(c.alonso_lamata_lambda, 4) << ": "
            << (c.alonso_lamata_consistent ? "consistent" : "NOT consistent") << '\n';
  if (r.status != csat::ahp::solver_status::success) std::cout << "warning: solver status " << csat::ahp::to_string(r.status) << '\n';
  if (top > 0 && n > 2) {
    std::cout << "\nmost inconsistent judgments (Saaty's epsilon = a_ij w_j / w_i):\n";
    csat_cli::table m({"judgment", "value", "epsilon", "best fit", "suggested", "CR if changed"});
    for (std::size_t k = 0; k < top; ++k) {
      const auto& x = diag.judgments[k];
      m.add({pm.name(x.i) + " vs " + pm.name(x.j), csat_cli::fixed(x.value, 4), csat_cli::fixed(x.epsilon, 4),
             x.has_best_fit ? csat_cli::fixed(x.best_fit, 4) : "-", x.has_best_fit ? csat_cli::fixed(x.suggested, 4) : "-",
             x.has_best_fit ? csat_cli::fixed(x.cr_if_suggested, 4) : "-"});
    }
    m.print(std::cout, "  ");
    const auto& g = diag.judgments[diag.by_gradient.front()];
    std::cout << "  largest |d lambda / d a_ij| (Harker): " << pm.name(g.i) << " vs " << pm.name(g.j) << " ("
              << csat_cli::fixed(g.gradient, 4) << ")\n";
  }
  if (r.completed) {
    std::cout << "\ncompleted matrix:\n";
    std::vector<std::string> head{""};
    for (Eigen::Index i = 0; i < n; ++i) head.push_back(pm.name(i));
    csat_cli::table m(head);
    for (Eigen::Index i = 0; i < n; ++i) {
      std::vector<std::string> row{pm.name(i)};
      for (Eigen::Index k = 0; k < n; ++k) row.push_back(csat_cli::fixed(r.matrix(i, k), 4) + (pm.known(i, k) ? "" : "*"));
      m.add(row);
    }
    m.print(std::cout, "  ");
    std::cout << "  (* = completed)\n";
  }
  if (a.repair) {
    std::cout << "\nrepair: CR " << csat_cli::fixed(rep.cr_before, 4) << " -> " << csat_cli::fixed(rep.cr_after, 4)
              << (rep.consistent ? " (consistent)" : " (still NOT consistent)") << ", " << rep.changes.size()
              << " judgment(s) changed\n";
    for (const auto& x : rep.changes)
      std::cout << "  " << pm.name(x.i) << " vs " << pm.name(x.j) << ": " << csat_cli::fixed(x.from, 4) << " -> "
                << csat_cli::fixed(x.to, 4) << "  (CR " << csat_cli::fixed(x.cr_after, 4) << ")\n";
  }
}

void run_hierarchy(const ahp_args& a) {
  const auto h = csat::ahp::read_hierarchy(a.hierarchy);
  csat::ahp::hierarchy_options o;
  o.analysis = analysis_options(a);
  o.exclude_inconsistent_experts = a.exclude;
  const auto r = csat::ahp::evaluate(h, o);
  const auto& nodes = h.nodes();
  if (a.json) {
    nlohmann::json j;
    j["goal"] = nodes.front().name;
    j["method"] = csat::ahp::to_string(o.analysis.method);
    j["ri_table"] = csat::ahp::to_string(o.analysis.consistency.ri.table);
    j["threshold"] = r.threshold;
    j["threshold_rule"] = csat::ahp::to_string(o.analysis.consistency.threshold.rule);
    nlohmann::json jn = nlohmann::json::array();
    for (std::size_t k = 0; k < r.nodes.size(); ++k) {
      const auto& nr = r.nodes[k];
      nlohmann::json x = {{"index", k}, {"name", nr.name}, {"path", nr.path}, {"parent", nr.parent}, {"depth", nr.depth},
                          {"children", nr.children}, {"local_weight", nr.local_weight}, {"global_weight", nr.global_weight}};
      if (nr.has_judgments) {
        x["consistency"] = consistency_json(nr.analysis.consistency);
        if (!nr.expert_cr.empty()) {
          nlohmann::json ex = nlohmann::json::array();
          const auto& names = nodes[k].expert_names;
          for (std::size_t e = 0; e < nr.expert_cr.size(); ++e)
            ex.push_back({{"name", e < names.size() ? names[e] : std::to_string(e)}, {"cr", csat_cli::number(nr.expert_cr[e])},
                          {"excluded", std::find(nr.excluded_experts.begin(), nr.excluded_experts.end(), int(e)) != nr.excluded_experts.end()}});
          x["experts"] = ex;
        }
      } else if (!nr.children.empty()) {
        x["direct_weights"] = true;
      }
      jn.push_back(x);
    }
    j["nodes"] = jn;
    nlohmann::json leaves = nlohmann::json::array();
    for (std::size_t q = 0; q < r.leaves.size(); ++q)
      leaves.push_back({{"index", r.leaves[q]}, {"name", r.nodes[static_cast<std::size_t>(r.leaves[q])].name},
                        {"path", r.nodes[static_cast<std::size_t>(r.leaves[q])].path},
                        {"global_weight", r.leaf_weights(static_cast<Eigen::Index>(q))}});
    j["leaves"] = leaves;
    if (r.alternatives.size() < r.leaves.size())
      j["alternatives"] = {{"names", r.alternatives},
                           {"distributive", std::vector<double>(r.distributive.data(), r.distributive.data() + r.distributive.size())},
                           {"ideal", std::vector<double>(r.ideal.data(), r.ideal.data() + r.ideal.size())}};
    j["total_ci"] = r.total_ci;
    j["total_ri"] = r.total_ri;
    j["total_cr"] = r.total_cr;
    j["total_consistent"] = r.total_consistent;
    j["level_cr"] = r.level_cr;
    csat_cli::print_json(j);
    return;
  }
  std::cout << "AHP hierarchy: " << a.hierarchy << ", goal "
            << nodes.front().name << "\nmethod " << method_label(o.analysis.method) << "; RI table "
            << csat::ahp::to_string(o.analysis.consistency.ri.table) << "\n\n";
  csat_cli::table t({"node", "local", "global", "CR", "verdict"});
  std::vector<int> stack{0};
  while (!stack.empty()) {
    const int k = stack.back();
    stack.pop_back();
    const auto& nr = r.nodes[static_cast<std::size_t>(k)];
    std::string cr = "", verdict = "";
    if (nr.has_judgments) {
      cr = csat_cli::fixed(nr.analysis.consistency.cr, 4);
      verdict = nr.analysis.consistency.consistent ? "consistent" : "NOT consistent";
      if (!nr.excluded_experts.empty()) verdict += ", " + std::to_string(nr.excluded_experts.size()) + " expert(s) left out";
      else if (!nr.expert_cr.empty()) verdict += ", " + std::to_string(nr.expert_cr.size()) + " experts";
    } else if (!nr.children.empty()) {
      verdict = "direct weights";
    }
    t.add({std::string(2 * static_cast<std::size_t>(nr.depth), ' ') + nr.name, csat_cli::fixed(nr.local_weight, 4),
           csat_cli::fixed(nr.global_weight, 4), cr, verdict});
    for (auto it = nr.children.rbegin(); it != nr.children.rend(); ++it) stack.push_back(*it);
  }
  t.print(std::cout);
  std::cout << "\ntotal CR " << csat_cli::fixed(r.total_cr, 4) << " (sum w CI / sum w RI over judged nodes), threshold "
            << csat_cli::fixed(r.threshold, 2) << ": " << (r.total_consistent ? "consistent" : "NOT consistent") << '\n';
  if (r.alternatives.size() < r.leaves.size()) {
    std::cout << "\nalternatives:\n";
    csat_cli::table s({"alternative", "distributive", "ideal"});
    for (std::size_t q = 0; q < r.alternatives.size(); ++q)
      s.add({r.alternatives[q], csat_cli::fixed(r.distributive(static_cast<Eigen::Index>(q)), 4),
             csat_cli::fixed(r.ideal(static_cast<Eigen::Index>(q)), 4)});
    s.print(std::cout, "  ");
  }
}

}  // namespace

static const csat_cli::registrar register_ahp(
    "ahp", "AHP weights and consistency of a pairwise matrix (CSV) or of a hierarchy (--hierarchy FILE)",
    [](CLI::App& sub) {
      auto a = std::make_shared<ahp_args>();
      sub.add_option("matrix", a->matrix, "pairwise matrix CSV: header row of names, cells as decimals or fractions, empty = missing");
      sub.add_option("--hierarchy", a->hierarchy, "hierarchy file (format: docs/ahp.md)");
      sub.add_option("--method", a->method, "priority method: ev (default), rgmm, ncm, llsm");
      sub.add_option("--ri", a->ri, "RI table: saaty1980 (default), saaty2005, gong-xu, alonso-lamata, donegan-dodd");
      sub.add_option("--threshold", a->threshold, "CR threshold: a number (default 0.1) or saaty (0.05/0.08/0.10 by size)");
      sub.add_option("--completion", a->completion, "incomplete matrices: lambda-optimal (default), harker, llsm");
      sub.add_flag("--agoston-csato", a->agoston_csato, "incomplete matrices: divide by the Agoston-Csato RI(n, m)");
      sub.add_flag("--saaty-scale", a->saaty_scale, "require every judgment in [1/9, 9]");
      sub.add_option("--tolerance", a->tolerance, "relative reciprocity tolerance (default 1e-6)");
      sub.add_option("--top", a->top, "how many inconsistent judgments to list (default 3)");
      sub.add_flag("--repair", a->repair, "suggest the fewest judgment changes that make the CR pass");
      sub.add_flag("--exclude-inconsistent", a->exclude, "hierarchy: leave out experts whose CR fails the threshold");
      sub.add_flag("--json", a->json, "print JSON");
      sub.callback([a] {
        if (a->matrix.empty() == a->hierarchy.empty())
          throw csat_cli::input_error("give either a MATRIX.csv or --hierarchy FILE");
        if (!a->hierarchy.empty()) run_hierarchy(*a);
        else run_matrix(*a);
      });
    },
    40);
