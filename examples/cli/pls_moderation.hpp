#ifndef CSAT_CLI_PLS_MODERATION_HPP
#define CSAT_CLI_PLS_MODERATION_HPP

// `csat pls` with interaction terms: `Satisfaction ~ Image + Expectation + Image:Expectation` in the model file,
// `--interaction two-stage|product-indicator|orthogonal` (default two-stage), `--slope-plot FILE.svg`.
//
// How cmd_pls.cpp calls this (tested end to end on a patched copy of cmd_pls.cpp; new pls_args fields
// std::string interaction, slope_plot; options --interaction and --slope-plot):
//   1. Model (replaces the two lines that build `spec` from --model):
//        csat::pls::moderated_model mm;
//        bool moderated = false;
//        if (!a.model.empty()) {
//          const auto parsed = csat::model::parse_syntax(read_text(a.model), a.model);
//          moderated = csat_cli::pls_has_interactions(parsed);
//          if (moderated) { mm = csat::pls::parse_moderated(parsed); spec = mm.main; }
//          else spec = csat::model::from_syntax(parsed);
//        } else spec = preset_model(a.preset, header);
//        csat_cli::pls_moderation_check_options(moderated, a.interaction, a.slope_plot, a.plsc, !a.weights.empty());
//      (spec.indicators(), spec.validate(data.names) and the scale range stay as they are: the interaction items are
//       built from the data, they are not data columns. Exit 3, one line: an unknown method, --slope-plot or a
//       method other than two-stage without an interaction term, --weights with interaction terms. --plsc is
//       passed on in the estimation options: PLSc as seminr applies it to a moderated model.)
//   2. Estimation: next to `csat::pls::bootstrap_result<double> boot;` declare
//        csat::pls::moderation_result<double> mod;  csat::pls::moderation_bootstrap_result<double> mb;
//      inside `if (do_boot)`, after `bo` is set up, before the plain bootstrap calls:
//        if (moderated) { mod = csat_cli::pls_moderation_run(mm, data, eo, a.interaction, &bo, a.boot_indices, &mb);
//                         boot = csat_cli::pls_moderation_as_bootstrap(mb); }
//        else if (!a.boot_indices.empty()) ...as now...
//      (r = boot.estimate as now: the moderated fit; boot.paths carries every path's bootstrap summary, so the path
//       table and JSON keep working; total effects, loadings, weights, HTMT, index and R² summaries stay empty.)
//      in the else branch:  else if (moderated) { mod = csat_cli::pls_moderation_run(mm, data, eo, a.interaction);
//                                                 r = mod.fit; }
//   3. After `r`:  auto q = csat::pls::quality(r); if (moderated) csat_cli::pls_moderation_filter_flags(mod, q);
//                  (q.reliability already follows seminr for the interaction block: ρ_A = 1, ρ_C and AVE on the
//                   adjusted loadings.)
//                  auto idx = moderated ? csat_cli::pls_moderation_indices(mod, lo, hi) : csat::pls::indices(r, lo, hi);
//                  (interaction construct: index null; main constructs unchanged; segments follow.)
//                  const auto ip = moderated ? csat_cli::pls_moderation_ipma(mod, lo, hi, target)
//                                            : csat::pls::ipma(r, idx, target);
//                  if (moderated && !a.slope_plot.empty()) csat_cli::pls_moderation_svg(mod, a.slope_plot);
//   4. JSON, before print_json:  if (moderated) j["moderation"] = csat_cli::pls_moderation_json(mod, do_boot ? &mb : nullptr);
//   5. Text, at the end of the text output:  if (moderated) csat_cli::pls_moderation_print(os, mod, do_boot ? &mb : nullptr);
//   6. SVG: one file per (interaction, outcome) pair; with more than one pair the 2nd, 3rd, ... get "-2", "-3", ...
//      before the extension.
// JSON keys are documented in docs/pls-moderation.md.

#include <csat/model/syntax.hpp>
#include <csat/pls/bootstrap.hpp>
#include <csat/pls/estimate.hpp>
#include <csat/pls/index.hpp>
#include <csat/pls/moderation.hpp>
#include <csat/pls/quality.hpp>
#include <csat/report/charts.hpp>
#include <csat/survey/csv.hpp>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "pls_hoc.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

namespace csat_cli {

/// True when some statement has an interaction term X:M (also in a measurement statement, so that
/// csat::pls::parse_moderated reports it at its line and column).
inline bool pls_has_interactions(const csat::model::syntax& parsed) {
  for (const auto& st : parsed.statements)
    for (const auto& t : st.rhs)
      if (t.factors.size() > 1) return true;
  return false;
}

/// "two-stage", "product-indicator" or "orthogonal" (also with underscores); input_error otherwise.
inline csat::pls::interaction_method pls_interaction_method(const std::string& text) {
  try {
    return csat::pls::interaction_method_from_string(text);
  } catch (const csat::invalid_argument&) {
    throw input_error("--interaction must be two-stage, product-indicator or orthogonal, not \"" + text + "\"");
  }
}

/// Option consistency (exit 3, one line). `interaction` is the --interaction value ("" when not given),
/// `slope_plot` the --slope-plot path.
inline void pls_moderation_check_options(bool moderated, const std::string& interaction, const std::string& slope_plot,
                                         bool plsc, bool weighted) {
  if (!interaction.empty()) (void)pls_interaction_method(interaction);
  if (!moderated) {
    if (!slope_plot.empty()) throw input_error("--slope-plot needs an interaction term X:M in the model");
    if (!interaction.empty() && interaction != "two-stage" && interaction != "two_stage")
      throw input_error("--interaction " + interaction + " needs an interaction term X:M in the model");
    return;
  }
  (void)plsc;  // PLSc with interaction terms: seminr's treatment (csat::pls::estimate_moderation)
  if (weighted) throw input_error("--weights is not supported with interaction terms");
}

/// Estimates the moderated model with the estimation options of `csat pls` and the --interaction method. With
/// `bootstrap` set, bootstraps it (replaying the 1-based resamples of `indices_file` when not empty) into `*boot`
/// and returns its full-sample estimate.
inline csat::pls::moderation_result<double> pls_moderation_run(
    const csat::pls::moderated_model& model, const csat::survey::data_table<double>& data,
    const csat::pls::estimate_options& eo, const std::string& interaction,
    const csat::pls::bootstrap_options* bootstrap = nullptr, const std::string& indices_file = "",
    csat::pls::moderation_bootstrap_result<double>* boot = nullptr) {
  csat::pls::moderation_options o;
  o.method = interaction.empty() ? csat::pls::interaction_method::two_stage : pls_interaction_method(interaction);
  o.estimation = eo;
  if (!bootstrap) return csat::pls::estimate_moderation(model, data, o);
  csat::pls::moderation_bootstrap_result<double> local;
  auto& out = boot ? *boot : local;
  if (!indices_file.empty())
    out = csat::pls::bootstrap_moderation_indices(model, data, csat::pls::read_resample_indices(indices_file), o, *bootstrap);
  else
    out = csat::pls::bootstrap_moderation(model, data, o, *bootstrap);
  return out.estimate;
}

// ---- a higher-order construct together with interaction terms ------------------------------------------------
// cmd_pls.cpp: a model with both runs pls_hoc_moderation_run() (h = the higher-order stages of the main-effects
// model, mod = the final moderated stage, r = mod.fit); indices from pls_hoc_moderation_indices() (one aligned with
// r for the construct table and JSON, one aligned with h for the higher-order table and JSON), the IPMA from
// pls_hoc_moderation_ipma(); with --boot/--boot-indices the whole procedure is bootstrapped (moderation.bootstrap,
// and the paths in the path table). The repeated-indicator method is an input error.

/// Option checks for a model with a higher-order construct and an interaction term (exit 3, one line). The
/// bootstrap is supported (pls_hoc_moderation_run with bootstrap options); `bootstrap` is kept for the caller.
inline void pls_hoc_moderation_check(const std::string& hoc, bool bootstrap) {
  (void)bootstrap;
  if (pls_hoc_method(hoc) == csat::pls::hoc_method::repeated_indicators)
    throw input_error("--hoc repeated is not supported with interaction terms (seminr combines interaction terms with "
                      "two-stage higher-order constructs): use --hoc two-stage or embedded");
}

/// Estimates the model (csat::pls::estimate_higher_order_moderation) into `h` and `mod`. The admissibility warnings
/// of h's final stage (the main-effects stage 2) are replaced by those of the moderated final model, and so are the
/// final constructs' rows of h.measurement and h.reliability (seminr's combined view: stage-1 dimensions, the
/// final model for the rest); h.stages keep the main-effects stages.
/// With `bootstrap` set, bootstraps the whole procedure (csat::pls::bootstrap_higher_order_moderation; replaying the
/// 1-based resamples of `indices_file` when not empty) into `*mb`, and copies its path summaries and counts into
/// `*hb` (the higher-order bootstrap's final-stage paths, as cmd_pls reports them).
inline void pls_hoc_moderation_run(const csat::pls::moderated_model& model, const csat::survey::data_table<double>& data,
                                   const csat::pls::estimate_options& eo, const std::string& hoc,
                                   const std::string& interaction, csat::pls::hoc_result<double>& h,
                                   csat::pls::moderation_result<double>& mod,
                                   const csat::pls::bootstrap_options* bootstrap = nullptr,
                                   const std::string& indices_file = "",
                                   csat::pls::moderation_bootstrap_result<double>* mb = nullptr,
                                   csat::pls::hoc_bootstrap_result<double>* hb = nullptr) {
  csat::pls::moderation_options o;
  o.method = interaction.empty() ? csat::pls::interaction_method::two_stage : pls_interaction_method(interaction);
  o.estimation = eo;
  csat::pls::hoc_moderation_result<double> r;
  if (bootstrap) {
    Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic> given;
    if (!indices_file.empty()) given = csat::pls::read_resample_indices(indices_file);
    auto b = csat::pls::bootstrap_higher_order_moderation(model, data, o, *bootstrap, pls_hoc_method(hoc),
                                                          indices_file.empty() ? nullptr : &given);
    r = std::move(b.estimate);
    if (mb) *mb = std::move(b.bootstrap);
  } else {
    r = csat::pls::estimate_higher_order_moderation(model, data, o, pls_hoc_method(hoc));
  }
  h = std::move(r.higher_order);
  mod = std::move(r.moderation);
  if (bootstrap && mb && hb) {
    hb->paths = mb->paths;
    hb->requested = mb->requested;
    hb->successful = mb->successful;
    hb->failed = mb->failed;
    hb->not_converged = mb->not_converged;
    hb->first_failure = mb->first_failure;
    hb->threads = mb->threads;
    hb->confidence = mb->confidence;
  }
  const std::string last = h.stages.back().name + ": ";
  std::vector<std::string> w;
  for (auto& x : h.warnings)
    if (x.compare(0, last.size(), last) != 0) w.push_back(std::move(x));
  for (const auto& x : mod.fit.warnings) w.push_back(last + x);
  h.warnings = std::move(w);
  // seminr's combined view: the final constructs' weights, loadings and reliability from the moderated model
  const auto& f = mod.fit;
  const std::size_t fin = h.stages.size() - 1;
  for (auto& m : h.measurement) {
    if (m.stage != fin) continue;
    const Eigen::Index k = f.construct_index(m.construct);
    for (std::size_t i = 0; i < f.indicators.size(); ++i)
      if (f.block[i] == k && f.indicators[i] == m.indicator) {
        m.weight = f.weights(static_cast<Eigen::Index>(i), k);
        m.loading = f.loadings(static_cast<Eigen::Index>(i), k);
      }
  }
  const auto& q = mod.reliability;
  for (std::size_t c = 0; c < h.constructs.size(); ++c) {
    if (h.home[c] != fin) continue;
    for (std::size_t j = 0; j < q.constructs.size(); ++j)
      if (q.constructs[j] == h.constructs[c]) {
        const auto a = static_cast<Eigen::Index>(c), b = static_cast<Eigen::Index>(j);
        h.reliability.alpha(a) = q.alpha(b);
        h.reliability.rho_c(a) = q.rho_c(b);
        h.reliability.rho_a(a) = q.rho_a(b);
        h.reliability.ave(a) = q.ave(b);
      }
  }
}

/// `h` with its final stage's fit replaced by the moderated fit without its interaction constructs, so that the
/// 0–100 indices of the final constructs use the weights the moderated model estimated.
inline csat::pls::hoc_result<double> pls_hoc_moderation_view(const csat::pls::hoc_result<double>& h,
                                                             const csat::pls::moderation_result<double>& mod) {
  auto h2 = h;
  h2.stages.back().fit = csat::pls::without_interactions(mod);
  return h2;
}

/// 0–100 indices: `by_fit` aligned with mod.fit's constructs (then the dimensions), interaction constructs NaN;
/// `by_hoc` aligned with h.constructs (for pls_hoc_json and pls_hoc_print).
inline void pls_hoc_moderation_indices(const csat::pls::hoc_result<double>& h,
                                       const csat::pls::moderation_result<double>& mod, double lo, double hi,
                                       csat::pls::index_result<double>& by_fit, csat::pls::index_result<double>& by_hoc) {
  by_hoc = csat::pls::indices(csat::pls::item_level(pls_hoc_moderation_view(h, mod)), lo, hi);
  std::vector<std::string> names = mod.fit.constructs;
  for (const auto& c : h.constructs)
    if (std::find(names.begin(), names.end(), c) == names.end()) names.push_back(c);
  const Eigen::Index K = static_cast<Eigen::Index>(names.size());
  const double nan = std::nan("");
  by_fit = csat::pls::index_result<double>();
  by_fit.constructs = names;
  by_fit.index = Eigen::VectorXd::Constant(K, nan);
  by_fit.weight_sum = Eigen::VectorXd::Constant(K, nan);
  by_fit.scores = Eigen::MatrixXd::Constant(by_hoc.scores.rows(), K, nan);
  by_fit.rescaled_weights = Eigen::MatrixXd::Constant(by_hoc.rescaled_weights.rows(), K, nan);
  by_fit.indicator_performance = by_hoc.indicator_performance;
  for (Eigen::Index k = 0; k < K; ++k)
    for (std::size_t c = 0; c < by_hoc.constructs.size(); ++c)
      if (by_hoc.constructs[c] == names[static_cast<std::size_t>(k)]) {
        const auto e = static_cast<Eigen::Index>(c);
        by_fit.index(k) = by_hoc.index(e);
        by_fit.weight_sum(k) = by_hoc.weight_sum(e);
        by_fit.scores.col(k) = by_hoc.scores.col(e);
        by_fit.rescaled_weights.col(k) = by_hoc.rescaled_weights.col(e);
      }
}

/// IPMA of `target` on the moderated fit without its interaction constructs, with the final constructs' indices.
inline csat::pls::ipma_result pls_hoc_moderation_ipma(const csat::pls::hoc_result<double>& h,
                                                      const csat::pls::moderation_result<double>& mod, double lo,
                                                      double hi, const std::string& target) {
  const auto h2 = pls_hoc_moderation_view(h, mod);
  return csat::pls::ipma(h2.final_fit(), pls_hoc_final_indices(h2, lo, hi), target);
}

/// The moderation bootstrap in the shape of the plain bootstrap: `estimate` = the moderated fit, `paths` (every path,
/// the interaction's included), counts and the first failure; total effects, loadings, weights, R², HTMT and index
/// summaries stay empty. Lets cmd_pls keep its path tables and JSON unchanged.
inline csat::pls::bootstrap_result<double> pls_moderation_as_bootstrap(const csat::pls::moderation_bootstrap_result<double>& mb) {
  csat::pls::bootstrap_result<double> b;
  b.estimate = mb.estimate.fit;
  b.paths = mb.paths;
  b.requested = mb.requested;
  b.successful = mb.successful;
  b.failed = mb.failed;
  b.not_converged = mb.not_converged;
  b.first_failure = mb.first_failure;
  b.threads = mb.threads;
  b.bca_computed = mb.bca_computed;
  b.confidence = mb.confidence;
  return b;
}

/// 0–100 indices are meaningless for an interaction construct: sets its index, case scores and rescaled weights,
/// and the performance of its items, to NaN (JSON null) in indices computed on the moderated fit. The main
/// constructs' indices are unaffected (each index uses its own block only).
inline void pls_moderation_mask_indices(const csat::pls::moderation_result<double>& m, csat::pls::index_result<double>& idx) {
  const double nan = std::nan("");
  for (const auto& i : m.interactions) {
    const Eigen::Index k = m.fit.construct_index(i.name);
    idx.index(k) = nan;
    idx.scores.col(k).setConstant(nan);
    idx.rescaled_weights.col(k).setConstant(nan);
    idx.weight_sum(k) = nan;
    for (const auto& item : i.items) idx.indicator_performance(m.fit.indicator_index(item)) = nan;
  }
}

/// 0–100 indices of a moderated fit: the main constructs' on [lo, hi]; the interaction constructs' (products of
/// standardized scores, on no questionnaire scale) masked to NaN by pls_moderation_mask_indices.
inline csat::pls::index_result<double> pls_moderation_indices(const csat::pls::moderation_result<double>& m, double lo,
                                                              double hi) {
  const Eigen::Index p = static_cast<Eigen::Index>(m.fit.indicators.size());
  Eigen::VectorXd lo_v = Eigen::VectorXd::Constant(p, lo), hi_v = Eigen::VectorXd::Constant(p, hi);
  for (const auto& i : m.interactions)
    for (const auto& item : i.items) {  // any finite range around the mean: the result is masked below
      const Eigen::Index j = m.fit.indicator_index(item);
      lo_v(j) = m.fit.indicator_means(j) - 1;
      hi_v(j) = m.fit.indicator_means(j) + 1;
    }
  auto idx = csat::pls::indices(m.fit, lo_v, hi_v);
  pls_moderation_mask_indices(m, idx);
  return idx;
}

/// Drops the threshold flags of the interaction constructs' own reliability and validity (α, ρ_C, AVE, ... of a
/// product term are not read against the usual thresholds; docs/pls-moderation.md §3). Flags of other subjects stay.
template <class Quality>
void pls_moderation_filter_flags(const csat::pls::moderation_result<double>& m, Quality& q) {
  std::vector<csat::pls::quality_flag> kept;
  for (const auto& f : q.flags) {
    bool drop = false;
    for (const auto& i : m.interactions) drop = drop || f.subject == i.name || f.subject.find(i.name + ":") == 0;
    if (!drop) kept.push_back(f);
  }
  q.flags = std::move(kept);
}

/// IPMA of `target` on the main constructs (interaction constructs left out).
inline csat::pls::ipma_result pls_moderation_ipma(const csat::pls::moderation_result<double>& m, double lo, double hi,
                                                  const std::string& target) {
  const auto rm = csat::pls::without_interactions(m);
  return csat::pls::ipma(rm, csat::pls::indices(rm, lo, hi), target);
}

/// The "reliability" object of `csat pls` (construct → {alpha, rho_c, rho_a, ave}) with seminr's conventions for
/// interaction constructs.
inline nlohmann::json pls_moderation_reliability_json(const csat::pls::moderation_result<double>& m) {
  nlohmann::json rel = nlohmann::json::object();
  const auto& q = m.reliability;
  for (std::size_t k = 0; k < q.constructs.size(); ++k) {
    const auto i = static_cast<Eigen::Index>(k);
    rel[q.constructs[k]] = {{"alpha", number(q.alpha(i))},
                            {"rho_c", number(q.rho_c(i))},
                            {"rho_a", number(q.rho_a(i))},
                            {"ave", number(q.ave(i))}};
  }
  return rel;
}

inline nlohmann::json pls_moderation_summary_json(nlohmann::json j, const csat::pls::parameter_summary<double>& s) {
  j["estimate"] = number(s.original);
  j["mean"] = number(s.mean);
  j["sd"] = number(s.sd);
  j["t"] = number(s.t);
  j["p"] = number(s.p);
  j["p_empirical"] = number(s.p_empirical);
  j["ci_lower"] = number(s.ci_lower);
  j["ci_upper"] = number(s.ci_upper);
  j["bca_lower"] = number(s.bca_lower);
  j["bca_upper"] = number(s.bca_upper);
  return j;
}

/// The "moderation" object: method, interaction constructs, simple slopes, the first stage (two-stage) and, when
/// bootstrapped, "bootstrap".
inline nlohmann::json pls_moderation_json(const csat::pls::moderation_result<double>& m,
                                          const csat::pls::moderation_bootstrap_result<double>* boot = nullptr) {
  using nlohmann::json;
  json j;
  j["method"] = csat::pls::to_string(m.method);
  json terms = json::array();
  for (const auto& i : m.interactions) {
    json items = json::array();
    for (std::size_t k = 0; k < i.items.size(); ++k) {
      const auto e = static_cast<Eigen::Index>(k);
      items.push_back({{"name", i.items[k]},
                       {"mean", number(i.item_means(e))},
                       {"sd", number(i.item_sds(e))},
                       {"cor_score", number(i.item_correlations(e))}});
    }
    terms.push_back({{"name", i.name},
                     {"iv", i.iv},
                     {"moderator", i.moderator},
                     {"outcomes", i.outcomes},
                     {"adjustment", number(i.adjustment)},
                     {"items", items}});
  }
  j["interactions"] = terms;
  json slopes = json::array();
  for (const auto& s : csat::pls::simple_slopes(m)) {
    json levels = json::array();
    for (const auto& row : s.rows)
      levels.push_back({{"level", row.level},
                        {"moderator", number(row.moderator)},
                        {"slope", number(row.slope)},
                        {"intercept", number(row.intercept)}});
    slopes.push_back({{"interaction", s.interaction},
                      {"iv", s.iv},
                      {"moderator", s.moderator},
                      {"outcome", s.outcome},
                      {"b_iv", number(s.b_iv)},
                      {"b_moderator", number(s.b_moderator)},
                      {"b_interaction", number(s.b_interaction)},
                      {"levels", levels}});
  }
  j["simple_slopes"] = slopes;
  if (m.has_first_stage) {
    const auto& f = m.first_stage;
    json paths = json::array(), r2 = json::object();
    const Eigen::Index K = static_cast<Eigen::Index>(f.constructs.size());
    for (Eigen::Index a = 0; a < K; ++a)
      for (Eigen::Index b = 0; b < K; ++b)
        if (f.structure(a, b))
          paths.push_back({{"from", f.constructs[static_cast<std::size_t>(a)]},
                           {"to", f.constructs[static_cast<std::size_t>(b)]},
                           {"estimate", number(f.paths(a, b))}});
    for (Eigen::Index k = 0; k < K; ++k)
      if (f.structure.col(k).sum() > 0) r2[f.constructs[static_cast<std::size_t>(k)]] = number(f.r_squared(k));
    j["first_stage"] = {{"iterations", f.iterations},
                        {"converged", f.converged},
                        {"status", csat::pls::to_string(f.status)},
                        {"paths", paths},
                        {"r2", r2}};
  } else {
    j["first_stage"] = nullptr;
  }
  if (boot) {
    json paths = json::array(), sl = json::array();
    for (const auto& s : boot->paths) paths.push_back(pls_moderation_summary_json({{"from", s.from}, {"to", s.to}}, s));
    for (const auto& s : boot->simple_slopes)
      sl.push_back(pls_moderation_summary_json({{"interaction", s.interaction}, {"outcome", s.outcome}, {"level", s.level}}, s.summary));
    j["bootstrap"] = {{"requested", boot->requested}, {"successful", boot->successful}, {"failed", boot->failed},
                      {"not_converged", boot->not_converged}, {"first_failure", boot->first_failure},
                      {"confidence", boot->confidence}, {"bca", boot->bca_computed},
                      {"paths", paths}, {"simple_slopes", sl}};
  } else {
    j["bootstrap"] = nullptr;
  }
  return j;
}

/// Readable output: the interaction constructs and the simple-slopes tables.
inline void pls_moderation_print(std::ostream& os, const csat::pls::moderation_result<double>& m,
                                 const csat::pls::moderation_bootstrap_result<double>* boot = nullptr) {
  os << "\nModeration (" << csat::pls::to_string(m.method) << ")\n";
  table t({"interaction", "items", "adjustment", "outcomes"});
  for (const auto& i : m.interactions) {
    std::string outs;
    for (const auto& o : i.outcomes) outs += (outs.empty() ? "" : ", ") + o;
    t.add({i.name, std::to_string(i.items.size()), fixed(i.adjustment, 4), outs});
  }
  t.print(os, "  ");
  for (const auto& s : csat::pls::simple_slopes(m)) {
    os << "\nSimple slopes of " << s.iv << " on " << s.outcome << " by " << s.moderator << " (slope = "
       << fixed(s.b_iv, 3) << (s.b_interaction < 0 ? " - " : " + ") << fixed(std::abs(s.b_interaction), 3)
       << " * m)\n";
    const csat::pls::slope_summary<double>* bs[3] = {nullptr, nullptr, nullptr};
    if (boot)
      for (const auto& b : boot->simple_slopes)
        for (std::size_t k = 0; k < s.rows.size() && k < 3; ++k)
          if (b.interaction == s.interaction && b.outcome == s.outcome && b.level == s.rows[k].level) bs[k] = &b;
    std::vector<std::string> head = {"moderator", "m", "slope", "intercept"};
    if (boot) head.insert(head.end(), {"sd", "t", "p", "ci_lower", "ci_upper"});
    table st(head);
    for (std::size_t k = 0; k < s.rows.size(); ++k) {
      const auto& row = s.rows[k];
      std::vector<std::string> cells = {row.level, fixed(row.moderator, 0), fixed(row.slope, 3), fixed(row.intercept, 3)};
      if (boot && k < 3 && bs[k]) {
        const auto& q = bs[k]->summary;
        cells.insert(cells.end(), {fixed(q.sd, 3), fixed(q.t, 2), fixed(q.p, 4), fixed(q.ci_lower, 3), fixed(q.ci_upper, 3)});
      }
      st.add(cells);
    }
    st.print(os, "  ");
  }
  if (boot)
    os << "  (bootstrap: " << boot->successful << " of " << boot->requested << " resamples; percentile "
       << fixed(100 * boot->confidence, 0) << "% intervals)\n";
}

/// Writes the simple-slopes plot(s) to `path` (see the header comment for several pairs).
inline void pls_moderation_svg(const csat::pls::moderation_result<double>& m, const std::string& path) {
  const auto all = csat::pls::simple_slopes(m);
  for (std::size_t k = 0; k < all.size(); ++k) {
    const auto& s = all[k];
    std::vector<csat::report::slope_line> lines;
    for (const auto& row : s.rows)
      lines.push_back({row.level + " (slope " + fixed(row.slope, 3) + ")", row.moderator, row.intercept, row.slope});
    const auto fig = csat::report::simple_slope_plot(lines, s.iv, s.outcome, s.moderator);
    std::string file = path;
    if (k > 0) {
      const auto dot = file.find_last_of('.');
      const auto slash = file.find_last_of('/');
      const std::string suffix = "-" + std::to_string(k + 1);
      if (dot != std::string::npos && (slash == std::string::npos || dot > slash)) file.insert(dot, suffix);
      else file += suffix;
    }
    std::ofstream out(file, std::ios::binary);
    if (!out) throw input_error("cannot write the slope plot " + file);
    out << fig.svg;
    if (!out) throw input_error("cannot write the slope plot " + file);
  }
}

}  // namespace csat_cli

#endif
