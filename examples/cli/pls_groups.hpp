// csat pls --group COL [--mga] [--micom]: multi-group comparison (csat/pls/groups.hpp) for the csat program.
//
// How cmd_pls.cpp calls this header (after it has read `data` and built `spec`, `eo` and the index scale lo/hi):
//
//   options:  sub.add_option("--group", a->group, "column of group codes or labels: one model per group");
//             sub.add_flag("--mga", a->mga, "with --group: PLS-MGA, permutation, parametric and Welch tests");
//             sub.add_flag("--micom", a->micom, "with --group: MICOM steps 1-3 (permutation)");
//             (--mga/--micom without --group: throw csat_cli::input_error("--mga and --micom need --group"))
//   run:      csat_cli::pls_groups_request gq;
//             gq.column = a.group; gq.mga = a.mga; gq.micom = a.micom;
//             gq.resamples = a.boot;          // 0: the default 1000 per group (and per pair for permutations)
//             gq.seed = a.seed; gq.threads = a.threads;
//             const auto groups = csat_cli::run_pls_groups(spec, data, eo, gq);
//   JSON:     csat_cli::add_pls_groups_json(j, groups, gq, lo, hi);   // adds "groups", and "mga" / "micom"
//   text:     csat_cli::print_pls_groups(std::cout, groups, gq, lo, hi);
//
// JSON keys (documented in docs/pls-groups.md):
//   groups:        { "<group value>": { n_used, paths: [{from, to, estimate}], r2: {construct: value},
//                                       index: {construct: 0-100} } }
//   group_column, group_note (the multiple-comparison caveat with more than two groups)
//   mga:           [ {from, to, group_a, group_b, diff, p_henseler, p_permutation, p_parametric, p_welch,
//                     beta_a, beta_b, se_a, se_b, p_henseler_two_sided, t_parametric, t_welch, df_welch} ]
//   mga_settings:  {resamples, henseler_J, permutations, seed}
//   micom:         [ {group_a, group_b, configural, partial_invariance, full_invariance,
//                     composites: [{construct, c, c_quantile_5, p_c, compositional_invariance, mean_diff,
//                                   mean_lower, mean_upper, p_mean, equal_mean, log_var_ratio, var_lower,
//                                   var_upper, p_var, equal_var}]} ]
#ifndef CSAT_CLI_PLS_GROUPS_HPP
#define CSAT_CLI_PLS_GROUPS_HPP

#include "cli.hpp"

#include <csat/model/specification.hpp>
#include <csat/pls/estimate.hpp>
#include <csat/pls/groups.hpp>
#include <csat/pls/index.hpp>
#include <csat/survey/csv.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace csat_cli {

/// What `csat pls --group ...` asks for.
struct pls_groups_request {
  std::string column;             ///< --group
  bool mga = false;               ///< --mga
  bool micom = false;             ///< --micom
  std::size_t resamples = 0;      ///< --boot (0: 1000); bootstrap resamples per group and permutations per pair
  std::uint64_t seed = 123;       ///< --seed
  unsigned threads = 0;           ///< --threads
  double level = 0.95;            ///< --ci-level: MICOM's permutation quantiles at alpha = 1 - level
};

inline std::size_t pls_groups_draws(const pls_groups_request& q) { return q.resamples ? q.resamples : 1000; }

/// Runs the comparison: group estimations always; the bootstrap and the permutation test with --mga;
/// the permutations (shared with the permutation test) for MICOM with --micom.
inline csat::pls::group_result<double> run_pls_groups(const csat::model::specification& spec,
                                                      const csat::survey::data_table<double>& data,
                                                      const csat::pls::estimate_options& eo, const pls_groups_request& q) {
  csat::pls::group_options go;
  go.resamples = q.mga ? pls_groups_draws(q) : 0;
  go.permutations = (q.mga || q.micom) ? pls_groups_draws(q) : 0;
  go.micom = q.micom;
  go.seed = q.seed;
  go.threads = q.threads;
  go.alpha = 1 - q.level;
  return csat::pls::compare_groups(spec, data, q.column, eo, go);
}

/// Adds "groups" (and "mga", "micom" when asked for) to the JSON of `csat pls`.
inline void add_pls_groups_json(nlohmann::json& j, const csat::pls::group_result<double>& r, const pls_groups_request& q,
                                double lo, double hi) {
  using nlohmann::json;
  json groups = json::object();
  for (const auto& g : r.groups) {
    const auto& e = g.estimate;
    const auto idx = csat::pls::indices(e, lo, hi);
    json paths = json::array(), r2 = json::object(), index = json::object();
    for (std::size_t k = 0; k < r.path_from.size(); ++k)
      paths.push_back({{"from", r.path_from[k]}, {"to", r.path_to[k]},
                       {"estimate", number(e.path(r.path_from[k], r.path_to[k]))}});
    for (std::size_t k = 0; k < e.constructs.size(); ++k) {
      const auto kk = static_cast<Eigen::Index>(k);
      if (!std::isnan(e.r_squared(kk))) r2[e.constructs[k]] = number(e.r_squared(kk));
      index[e.constructs[k]] = number(idx.index(kk));
    }
    groups[g.label] = {{"n_used", e.n_used}, {"converged", e.converged}, {"paths", paths}, {"r2", r2}, {"index", index}};
  }
  j["groups"] = groups;
  j["group_column"] = r.column;
  j["group_rows_without_value"] = r.unlabelled.size();
  if (!r.caveat.empty()) j["group_note"] = r.caveat;
  if (q.mga) {
    json mga = json::array();
    for (const auto& c : r.comparisons)
      mga.push_back({{"from", c.from}, {"to", c.to}, {"group_a", c.group_a}, {"group_b", c.group_b},
                     {"diff", number(c.diff)}, {"p_henseler", number(c.p_henseler)},
                     {"p_permutation", number(c.p_permutation)}, {"p_parametric", number(c.p_parametric)},
                     {"p_welch", number(c.p_welch)}, {"beta_a", number(c.beta_a)}, {"beta_b", number(c.beta_b)},
                     {"se_a", number(c.se_a)}, {"se_b", number(c.se_b)},
                     {"p_henseler_two_sided", number(c.p_henseler_two_sided)},
                     {"t_parametric", number(c.t_parametric)}, {"t_welch", number(c.t_welch)},
                     {"df_welch", number(c.df_welch)}});
    j["mga"] = mga;
    j["mga_settings"] = {{"resamples", r.resamples}, {"henseler_J", r.henseler_J}, {"permutations", r.permutations},
                         {"seed", q.seed}};
  }
  if (q.micom) {
    json micom = json::array();
    for (const auto& m : r.micom) {
      json comps = json::array();
      for (const auto& c : m.composites)
        comps.push_back({{"construct", c.construct}, {"c", number(c.c)}, {"c_quantile_5", number(c.c_quantile)},
                         {"p_c", number(c.p_c)}, {"compositional_invariance", c.compositional_invariance},
                         {"mean_diff", number(c.mean_diff)}, {"mean_lower", number(c.mean_lower)},
                         {"mean_upper", number(c.mean_upper)}, {"p_mean", number(c.p_mean)},
                         {"equal_mean", c.equal_mean}, {"log_var_ratio", number(c.log_var_ratio)},
                         {"var_lower", number(c.var_lower)}, {"var_upper", number(c.var_upper)},
                         {"p_var", number(c.p_var)}, {"equal_var", c.equal_var}});
      micom.push_back({{"group_a", m.group_a}, {"group_b", m.group_b}, {"configural", m.configural},
                       {"partial_invariance", m.partial_invariance}, {"full_invariance", m.full_invariance},
                       {"composites", comps}});
    }
    j["micom"] = micom;
  }
}

/// Readable tables: paths and R² per group, then the pairwise tests and MICOM.
inline void print_pls_groups(std::ostream& os, const csat::pls::group_result<double>& r, const pls_groups_request& q,
                             double lo, double hi) {
  {
    std::vector<std::string> head{"from", "to"};
    for (const auto& g : r.groups) head.push_back(g.label + " (n=" + std::to_string(g.estimate.n_used) + ")");
    table t(head);
    for (std::size_t k = 0; k < r.path_from.size(); ++k) {
      std::vector<std::string> row{r.path_from[k], r.path_to[k]};
      for (const auto& g : r.groups) row.push_back(fixed(g.estimate.path(r.path_from[k], r.path_to[k])));
      t.add(row);
    }
    os << "\nPaths by " << r.column << "\n";
    t.print(os, "  ");
  }
  {
    std::vector<std::string> head{"construct"};
    for (const auto& g : r.groups) head.push_back(g.label + " R2");
    for (const auto& g : r.groups) head.push_back(g.label + " index");
    table t(head);
    std::vector<csat::pls::index_result<double>> idx;
    for (const auto& g : r.groups) idx.push_back(csat::pls::indices(g.estimate, lo, hi));
    const auto& C = r.groups.front().estimate.constructs;
    for (std::size_t k = 0; k < C.size(); ++k) {
      const auto kk = static_cast<Eigen::Index>(k);
      std::vector<std::string> row{C[k]};
      for (const auto& g : r.groups) row.push_back(std::isnan(g.estimate.r_squared(kk)) ? "" : fixed(g.estimate.r_squared(kk)));
      for (const auto& ix : idx) row.push_back(fixed(ix.index(kk), 1));
      t.add(row);
    }
    os << "\nR2 and 0-100 indices by " << r.column << " (each group's own weights)\n";
    t.print(os, "  ");
  }
  if (q.mga) {
    table t({"from", "to", "a", "b", "diff", "p_henseler", "p_perm", "p_param", "p_welch"});
    for (const auto& c : r.comparisons)
      t.add({c.from, c.to, c.group_a, c.group_b, fixed(c.diff), fixed(c.p_henseler), fixed(c.p_permutation),
             fixed(c.p_parametric), fixed(c.p_welch)});
    os << "\nGroup differences (diff = a - b; " << r.resamples << " bootstrap resamples per group, "
       << r.permutations << " permutations per pair; p_henseler is one-sided: near 0 when a > b, near 1 when a < b)\n";
    t.print(os, "  ");
  }
  if (q.micom) {
    table t({"a", "b", "construct", "c", "c_5%", "step2", "mean_diff", "mean_CI", "var_lnratio", "var_CI", "step3"});
    for (const auto& m : r.micom)
      for (const auto& c : m.composites)
        t.add({m.group_a, m.group_b, c.construct, fixed(c.c, 4), fixed(c.c_quantile, 4),
               c.compositional_invariance ? "yes" : "NO", fixed(c.mean_diff),
               "[" + fixed(c.mean_lower) + ", " + fixed(c.mean_upper) + "]", fixed(c.log_var_ratio),
               "[" + fixed(c.var_lower) + ", " + fixed(c.var_upper) + "]",
               c.equal_mean && c.equal_var ? "yes" : "NO"});
    os << "\nMICOM (Henseler, Ringle & Sarstedt 2016; " << r.permutations << " permutations)\n";
    t.print(os, "  ");
    for (const auto& m : r.micom)
      os << "  " << m.group_a << " vs " << m.group_b << ": configural " << (m.configural ? "yes" : "NO")
         << ", partial invariance " << (m.partial_invariance ? "yes" : "NO") << ", full invariance "
         << (m.full_invariance ? "yes" : "NO") << "\n";
  }
  if (!r.caveat.empty()) os << "\nNote: " << r.caveat << "\n";
  if (!r.unlabelled.empty()) os << r.unlabelled.size() << " rows without a " << r.column << " value were left out\n";
}

}  // namespace csat_cli

#endif
