#ifndef CSAT_CLI_PLS_PREDICT_HPP
#define CSAT_CLI_PLS_PREDICT_HPP

// `csat pls --predict loo|K [--technique da|ea] [--seed S]` (PLSpredict) and `--indirect "A -> B -> C"`
// (repeatable; specific indirect effects, bootstrapped with --boot N or --boot-indices FILE).
//
// How cmd_pls.cpp calls this (new pls_args fields: std::string predict, technique = "da";
// std::vector<std::string> indirect; the existing seed, threads, boot, boot_indices):
//   0. Options:   sub.add_option("--predict", a.predict, "PLSpredict: loo (leave-one-out) or a number of folds K");
//                 sub.add_option("--technique", a.technique, "PLSpredict technique: da (direct antecedents) or ea")
//                     ->check(CLI::IsMember({"da", "ea"}));
//                 sub.add_option("--indirect", a.indirect, "specific indirect effect \"A -> M -> C\" (repeatable)");
//   1. Validate early (bad values exit 3 with one line), right after spec.validate(data.names):
//                 const auto po = csat_cli::pls_predict_options(a.predict, a.technique, a.seed, a.threads);
//                 csat_cli::pls_indirect_check(spec, a.indirect);     // unknown construct / missing path
//   2. After the estimation / bootstrap (eo and bo as used there; bo.progress may be left empty):
//                 csat::pls::predict_result<double> pred;
//                 if (!a.predict.empty()) pred = csat::pls::predict(spec, data, po, eo);
//                 csat::pls::mediation_result<double> med;
//                 if (!a.indirect.empty() && do_boot)
//                   med = csat_cli::pls_indirect_run(spec, data, a.indirect, eo, bo, a.boot_indices);
//      (the mediation draws the same resamples as the bootstrap: same seed, or the same --boot-indices file)
//   3. JSON:      if (!a.predict.empty()) j["predict"] = csat_cli::pls_predict_json(pred);
//                 if (!a.indirect.empty()) {
//                   j["indirect"] = do_boot ? csat_cli::pls_indirect_json(med) : csat_cli::pls_indirect_json(r, a.indirect);
//                   if (do_boot) j["indirect_total"] = csat_cli::pls_indirect_total_json(med);
//                 }
//                 (optional, documented: j["predict_summary"] = csat_cli::pls_predict_summary_json(pred);)
//   4. Text:      if (!a.predict.empty()) csat_cli::pls_predict_print(std::cout, pred);
//                 if (!a.indirect.empty()) do_boot ? csat_cli::pls_indirect_print(std::cout, med)
//                                                  : csat_cli::pls_indirect_print(std::cout, r, a.indirect);
// JSON keys are documented in docs/pls-predict.md.

#include <csat/pls/bootstrap.hpp>
#include <csat/pls/estimate.hpp>
#include <csat/pls/mediation.hpp>
#include <csat/pls/predict.hpp>
#include <csat/survey/csv.hpp>

#include <nlohmann/json.hpp>

#include "cli.hpp"

#include <cstdint>
#include <cstdlib>
#include <ostream>
#include <string>
#include <vector>

namespace csat_cli {

/// Maps `--predict loo|K`, `--technique da|ea`, `--seed`, `--threads` to predict_options; input_error on bad values.
inline csat::pls::predict_options pls_predict_options(const std::string& predict, const std::string& technique,
                                                      std::uint64_t seed, unsigned threads) {
  csat::pls::predict_options po;
  po.seed = seed;
  po.threads = threads;
  if (technique == "ea") po.technique = csat::pls::predict_technique::earliest_antecedent;
  else if (technique == "da" || technique.empty()) po.technique = csat::pls::predict_technique::direct_antecedent;
  else throw input_error("csat pls: --technique must be da or ea, got \"" + technique + "\"");
  if (predict.empty()) return po;
  if (predict == "loo") {
    po.folds = 0;
    return po;
  }
  char* end = nullptr;
  const long long k = std::strtoll(predict.c_str(), &end, 10);
  if (end != predict.c_str() + predict.size() || k < 2)
    throw input_error("csat pls: --predict must be loo or a number of folds of at least 2, got \"" + predict + "\"");
  po.folds = static_cast<Eigen::Index>(k);
  return po;
}

/// JSON `predict`: indicator → {rmse, mae, q2_predict, lm_rmse, lm_mae}.
inline nlohmann::json pls_predict_json(const csat::pls::predict_result<double>& p) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& m : p.items)
    j[m.indicator] = {{"rmse", number(m.rmse)},
                      {"mae", number(m.mae)},
                      {"q2_predict", number(m.q2_predict)},
                      {"lm_rmse", number(m.lm_rmse)},
                      {"lm_mae", number(m.lm_mae)}};
  return j;
}

/// Optional JSON `predict_summary`: the settings, the fold of every row and the construct-level metrics.
inline nlohmann::json pls_predict_summary_json(const csat::pls::predict_result<double>& p) {
  nlohmann::json j;
  j["technique"] = p.technique == csat::pls::predict_technique::earliest_antecedent ? "ea" : "da";
  j["leave_one_out"] = p.leave_one_out;
  j["folds"] = p.folds;
  j["repetitions"] = p.repetitions;
  j["seed"] = p.seed;
  j["not_converged"] = p.not_converged;
  nlohmann::json f = nlohmann::json::array();
  for (Eigen::Index i = 0; i < p.fold.rows(); ++i) f.push_back(p.fold(i, 0));
  j["fold"] = f;
  nlohmann::json c = nlohmann::json::object();
  for (const auto& m : p.construct_metrics)
    c[m.construct] = {{"rmse", number(m.rmse)},           {"mae", number(m.mae)},
                      {"q2_predict", number(m.q2_predict)}, {"lm_rmse", number(m.lm_rmse)},
                      {"lm_mae", number(m.lm_mae)},         {"score_rmse", number(m.score_rmse)},
                      {"score_mae", number(m.score_mae)},   {"score_q2_predict", number(m.score_q2_predict)}};
  j["constructs"] = c;
  return j;
}

inline void pls_predict_print(std::ostream& os, const csat::pls::predict_result<double>& p) {
  os << "\nPLSpredict (" << (p.leave_one_out ? std::string("leave-one-out") : std::to_string(p.folds) + "-fold") << ", "
     << (p.technique == csat::pls::predict_technique::earliest_antecedent ? "earliest" : "direct") << " antecedents";
  if (!p.leave_one_out) os << ", seed " << p.seed;
  os << "); LM: OLS on all indicators outside the block\n";
  table t({"Indicator", "Construct", "RMSE", "MAE", "Q2predict", "LM RMSE", "LM MAE", "PLS<LM"});
  for (const auto& m : p.items)
    t.add({m.indicator, m.construct, fixed(m.rmse), fixed(m.mae), fixed(m.q2_predict), fixed(m.lm_rmse), fixed(m.lm_mae),
           m.rmse < m.lm_rmse ? "yes" : "no"});
  t.print(os, "  ");
}

/// Validates every `--indirect` chain against the model (csat::invalid_argument naming the culprit).
inline void pls_indirect_check(const csat::model::specification& spec, const std::vector<std::string>& chains) {
  if (chains.empty()) return;
  const auto names = spec.construct_names();
  Eigen::MatrixXi S = Eigen::MatrixXi::Zero(static_cast<Eigen::Index>(names.size()), static_cast<Eigen::Index>(names.size()));
  for (const auto& pth : spec.structural_paths()) S(spec.find(pth.from), spec.find(pth.to)) = 1;
  for (const auto& c : chains) csat::pls::detail::resolve_chain("csat pls --indirect", names, S, csat::pls::parse_chain(c));
}

/// Bootstrapped mediation with the bootstrap's options: seeded, or replaying `boot_indices` (a file, 1-based).
inline csat::pls::mediation_result<double> pls_indirect_run(const csat::model::specification& spec,
                                                            const csat::survey::data_table<double>& data,
                                                            const std::vector<std::string>& chains,
                                                            const csat::pls::estimate_options& eo,
                                                            const csat::pls::bootstrap_options& bo,
                                                            const std::string& boot_indices) {
  if (!boot_indices.empty())
    return csat::pls::mediation_indices(spec, data, chains, csat::pls::read_resample_indices(boot_indices), eo, bo);
  return csat::pls::mediation(spec, data, chains, eo, bo);
}

inline nlohmann::json pls_effect_json(nlohmann::json j, const csat::pls::parameter_summary<double>& s) {
  j["estimate"] = number(s.original);
  j["mean"] = number(s.mean);
  j["sd"] = number(s.sd);
  j["t"] = number(s.t);
  j["p"] = number(s.p);
  j["ci_lower"] = number(s.ci_lower);
  j["ci_upper"] = number(s.ci_upper);
  j["bca_lower"] = number(s.bca_lower);
  j["bca_upper"] = number(s.bca_upper);
  return j;
}

/// JSON `indirect` (bootstrapped): [{chain, estimate, mean, sd, t, p, ci_lower, ci_upper, bca_lower, bca_upper}].
inline nlohmann::json pls_indirect_json(const csat::pls::mediation_result<double>& m) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& e : m.specific) a.push_back(pls_effect_json({{"chain", e.chain}}, e.effect));
  return a;
}

/// JSON `indirect` without a bootstrap: [{chain, estimate}].
inline nlohmann::json pls_indirect_json(const csat::pls::estimate_result<double>& r, const std::vector<std::string>& chains) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& c : chains) {
    const auto names = csat::pls::parse_chain(c);
    a.push_back({{"chain", csat::pls::chain_text(names)},
                 {"estimate", number(csat::pls::specific_indirect_effect(r, names))}});
  }
  return a;
}

/// JSON `indirect_total` (bootstrapped): [{from, to, estimate, mean, sd, t, p, ci_lower, ci_upper, bca_lower,
/// bca_upper, direct, total, full_mediation, vaf}] for every distinct pair of chain ends (vaf null when the model has
/// no direct path between them).
inline nlohmann::json pls_indirect_total_json(const csat::pls::mediation_result<double>& m) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& t : m.totals) {
    auto j = pls_effect_json({{"from", t.from}, {"to", t.to}}, t.indirect);
    j["direct"] = number(t.direct.original);
    j["total"] = number(t.total.original);
    const auto& r = m.estimate;
    const bool direct_path = r.structure(r.construct_index(t.from), r.construct_index(t.to)) != 0;
    j["full_mediation"] = !direct_path;  // no direct path: VAF is 1 by construction, its summary null
    j["vaf"] = direct_path ? pls_effect_json(nlohmann::json::object(), t.vaf) : nlohmann::json(nullptr);
    a.push_back(j);
  }
  return a;
}

inline void pls_indirect_print(std::ostream& os, const csat::pls::mediation_result<double>& m) {
  const std::string lvl = fixed(100 * m.confidence, 0) + "%";
  os << "\nIndirect effects (" << m.successful << " resamples";
  if (m.failed) os << ", " << m.failed << " failed";
  os << "; percentile " << lvl << " intervals)\n";
  table t({"Effect", "Estimate", "Mean", "SD", "t", "p", "CI lower", "CI upper", "BCa lower", "BCa upper"});
  auto row = [&](const std::string& name, const csat::pls::parameter_summary<double>& s) {
    t.add({name, fixed(s.original), fixed(s.mean), fixed(s.sd), fixed(s.t, 2), fixed(s.p), fixed(s.ci_lower),
           fixed(s.ci_upper), fixed(s.bca_lower), fixed(s.bca_upper)});
  };
  for (const auto& e : m.specific) row(e.chain, e.effect);
  for (const auto& e : m.totals) {
    row("total indirect " + e.from + " -> " + e.to, e.indirect);
    const auto& r = m.estimate;
    if (r.structure(r.construct_index(e.from), r.construct_index(e.to)) == 0) {
      t.add({"VAF " + e.from + " -> " + e.to, "full mediation (no direct path)"});  // VAF = 1 by construction
    } else {
      row("VAF " + e.from + " -> " + e.to, e.vaf);
    }
  }
  t.print(os, "  ");
}

inline void pls_indirect_print(std::ostream& os, const csat::pls::estimate_result<double>& r,
                               const std::vector<std::string>& chains) {
  os << "\nIndirect effects (no bootstrap: use --boot N for intervals)\n";
  table t({"Chain", "Estimate"});
  for (const auto& c : chains) {
    const auto names = csat::pls::parse_chain(c);
    t.add({csat::pls::chain_text(names), fixed(csat::pls::specific_indirect_effect(r, names))});
  }
  t.print(os, "  ");
}

}  // namespace csat_cli

#endif
