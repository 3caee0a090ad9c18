#ifndef CSAT_CLI_PLS_HOC_HPP
#define CSAT_CLI_PLS_HOC_HPP

// `csat pls` with higher-order constructs: `Service =~ Quality + Value` in the model file (every right-hand name a
// declared construct), `--hoc two-stage|embedded|repeated` (default two-stage = the disjoint two-stage approach,
// seminr's convention; embedded = the embedded two-stage approach; repeated = repeated indicators).
//
// How cmd_pls.cpp calls this (option stored as std::string a.hoc, default ""):
//   1. Model:   spec = csat::model::from_syntax(...) as now (it already understands the HOC syntax; presets have none).
//               const bool hoc = spec.has_higher_order();
//               csat_cli::pls_hoc_check_options(hoc, a.hoc, !a.weights.empty());
//               (exit 3, one line: --hoc without a higher-order construct, an unknown method, --weights with a
//                higher-order construct, which is not supported.)
//               spec.indicators() (the text columns), the scale range: unchanged (indicators() lists items only).
//               Skip spec.validate(data.names) when hoc (it rejects HOC models; estimate_higher_order validates).
//   2. Estimate (when hoc), instead of csat::pls::estimate / bootstrap / bootstrap_indices:
//               csat::pls::hoc_bootstrap_result<double> hb;      // filled when do_boot
//               const auto h = do_boot ? (hb = csat_cli::pls_hoc_bootstrap(spec, data, eo, a.hoc, bo, a.boot_indices)).estimate
//                                      : csat_cli::pls_hoc_run(spec, data, eo, a.hoc);
//               (bo = the bootstrap_options built as now: resamples, seed, threads; with --boot-indices the file is read
//                with csat::pls::read_resample_indices, 1-based, as the plain bootstrap does. The plain bootstrap's
//                keys (bootstrap, index_bootstrap, r2_bootstrap) are not produced; "higher_order"."bootstrap" is.)
//               r = h.final_fit();          // paths, total effects, R², loadings/weights of the final stage, as now
//               quality: csat::pls::quality(r) as now (the final stage; a two-stage HOC's items are its dimension
//                        scores); JSON "reliability" may stay the final stage's, the combined one is in "higher_order".
//               indices, IPMA, segments: on const auto rl = csat::pls::item_level(h);
//                        idx = csat::pls::indices(rl, lo, hi) (every construct, dimensions included);
//                        ipma(r, csat::pls::indices(r, ...)) is NOT meaningful for a two-stage HOC, so for IPMA use
//                        csat::pls::ipma(r, idx_final, target) with idx_final = csat_cli::pls_hoc_final_indices(h, lo, hi);
//                        segment_indices(idx, used) works on idx as now (scores of every case are in idx.scores).
//   3. JSON:    j["higher_order"] = csat_cli::pls_hoc_json(h, &idx, do_boot ? &hb : nullptr);   // idx may be nullptr
//               warnings: h.warnings (every stage, "stage N: ...") in place of r.warnings.
//   4. Text:    csat_cli::pls_hoc_print(std::cout, h, &idx);           // after the path table
// JSON keys are documented in docs/pls-higher-order.md.

#include <csat/model/specification.hpp>
#include <csat/pls/estimate.hpp>
#include <csat/pls/higher_order.hpp>
#include <csat/pls/index.hpp>
#include <csat/survey/csv.hpp>

#include <nlohmann/json.hpp>

#include "cli.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace csat_cli {

/// "two-stage" (or "" / "disjoint"), "embedded", "repeated" → the method; anything else is an input_error.
inline csat::pls::hoc_method pls_hoc_method(const std::string& s) {
  if (s.empty() || s == "two-stage" || s == "disjoint") return csat::pls::hoc_method::two_stage;
  if (s == "embedded") return csat::pls::hoc_method::embedded_two_stage;
  if (s == "repeated") return csat::pls::hoc_method::repeated_indicators;
  throw input_error("--hoc " + s + ": unknown method (two-stage, embedded or repeated)");
}

/// Option checks for a model with (`hoc`) or without higher-order constructs.
inline void pls_hoc_check_options(bool hoc, const std::string& method, bool weighted) {
  (void)pls_hoc_method(method);
  if (!hoc && !method.empty())
    throw input_error("--hoc " + method + " needs a higher-order construct in the model (e.g. Service =~ Quality + Value)");
  if (hoc && weighted) throw input_error("--weights is not supported with higher-order constructs");
}

/// Bootstraps the estimation (all stages per resample); `boot_indices` = a file of 1-based resample rows, or "".
inline csat::pls::hoc_bootstrap_result<double> pls_hoc_bootstrap(const csat::model::specification& spec,
                                                                 const csat::survey::data_table<double>& data,
                                                                 const csat::pls::estimate_options& eo,
                                                                 const std::string& method,
                                                                 const csat::pls::bootstrap_options& bo,
                                                                 const std::string& boot_indices) {
  csat::pls::hoc_options o;
  o.method = pls_hoc_method(method);
  o.estimation = eo;
  if (boot_indices.empty()) return csat::pls::bootstrap_higher_order(spec, data, o, bo);
  const auto given = csat::pls::read_resample_indices(boot_indices);
  return csat::pls::bootstrap_higher_order(spec, data, o, bo, &given);
}

/// Runs the estimation.
inline csat::pls::hoc_result<double> pls_hoc_run(const csat::model::specification& spec,
                                                 const csat::survey::data_table<double>& data,
                                                 const csat::pls::estimate_options& eo, const std::string& method) {
  csat::pls::hoc_options o;
  o.method = pls_hoc_method(method);
  o.estimation = eo;
  return csat::pls::estimate_higher_order(spec, data, o);
}

/// 0–100 indices of the final model's constructs, in final_fit() order (for ipma on the final fit).
inline csat::pls::index_result<double> pls_hoc_final_indices(const csat::pls::hoc_result<double>& h, double lo, double hi) {
  auto all = csat::pls::indices(csat::pls::item_level(h), lo, hi);
  const auto& fin = h.final_fit();
  csat::pls::index_result<double> out;
  const Eigen::Index K = static_cast<Eigen::Index>(fin.constructs.size());
  out.constructs = fin.constructs;
  out.index.resize(K);
  out.weight_sum.resize(K);
  out.scores.resize(all.scores.rows(), K);
  for (Eigen::Index k = 0; k < K; ++k) {  // the final constructs come first in h.constructs, same order
    out.index(k) = all.index(k);
    out.weight_sum(k) = all.weight_sum(k);
    out.scores.col(k) = all.scores.col(k);
  }
  // rescaled weights and performance on the final fit's indicators (a two-stage HOC's are dimension scores:
  // their performance is the dimension's index)
  const Eigen::Index p = static_cast<Eigen::Index>(fin.indicators.size());
  out.rescaled_weights = Eigen::MatrixXd::Zero(p, K);
  out.indicator_performance.resize(p);
  for (Eigen::Index i = 0; i < p; ++i) {
    const Eigen::Index k = fin.block[static_cast<std::size_t>(i)];
    const std::string& name = fin.indicators[static_cast<std::size_t>(i)];
    if (h.on_dimension_scores[static_cast<std::size_t>(k)]) {
      const auto d = static_cast<Eigen::Index>(h.index_of(name));
      out.indicator_performance(i) = all.index(d);
      out.rescaled_weights(i, k) = fin.weights(i, k) * all.weight_sum(d);
    } else {
      out.indicator_performance(i) = 100.0 * (fin.indicator_means(i) - lo) / (hi - lo);
      out.rescaled_weights(i, k) = fin.weights(i, k) * (hi - lo) / (100.0 * fin.indicator_sds(i));
    }
  }
  for (Eigen::Index k = 0; k < K; ++k) {
    const double s = out.rescaled_weights.col(k).sum();
    if (s != 0) out.rescaled_weights.col(k) /= s;
  }
  return out;
}

/// The `higher_order` JSON object (keys in docs/pls-higher-order.md); stage numbers are 1-based.
inline nlohmann::json pls_hoc_json(const csat::pls::hoc_result<double>& h, const csat::pls::index_result<double>* idx,
                                   const csat::pls::hoc_bootstrap_result<double>* boot = nullptr) {
  using nlohmann::json;
  json j;
  if (boot) {
    auto list = [](const std::vector<csat::pls::parameter_summary<double>>& v, const char* a, const char* b) {
      json arr = json::array();
      for (const auto& s : v) {
        json e = {{a, s.from}};
        if (b) e[b] = s.to;
        e["estimate"] = number(s.original);
        e["mean"] = number(s.mean);
        e["sd"] = number(s.sd);
        e["t"] = number(s.t);
        e["p"] = number(s.p);
        e["ci_lower"] = number(s.ci_lower);
        e["ci_upper"] = number(s.ci_upper);
        arr.push_back(e);
      }
      return arr;
    };
    j["bootstrap"] = {{"requested", boot->requested},
                      {"successful", boot->successful},
                      {"failed", boot->failed},
                      {"confidence", boot->confidence},
                      {"paths", list(boot->paths, "from", "to")},
                      {"total_effects", list(boot->total_effects, "from", "to")},
                      {"indirect_effects", list(boot->indirect_effects, "from", "to")},
                      {"r2", list(boot->r_squared, "construct", nullptr)},
                      {"weights", list(boot->weights, "indicator", "construct")},
                      {"loadings", list(boot->loadings, "indicator", "construct")}};
  }
  j["method"] = csat::pls::to_string(h.method);
  json cons = json::array();
  for (std::size_t k = 0; k < h.higher_order.size(); ++k) {
    const auto c = h.index_of(h.higher_order[k]);
    json e = {{"name", h.higher_order[k]}, {"level", h.level[c]}, {"dimensions", h.dimensions[k]}};
    std::string mode = "A";
    for (const auto& m : h.measurement)
      if (m.construct == h.higher_order[k]) mode = m.type.substr(3);  // "HOCA", "HOCB", "HOCunit"
    e["mode"] = mode;
    cons.push_back(e);
  }
  j["constructs"] = cons;
  json stages = json::array();
  for (const auto& s : h.stages) {
    const auto& f = s.fit;
    json paths = json::array(), r2 = json::object();
    const Eigen::Index K = static_cast<Eigen::Index>(f.constructs.size());
    for (Eigen::Index t = 0; t < K; ++t)
      for (Eigen::Index a = 0; a < K; ++a)
        if (f.structure(a, t))
          paths.push_back({{"from", f.constructs[static_cast<std::size_t>(a)]},
                           {"to", f.constructs[static_cast<std::size_t>(t)]},
                           {"estimate", number(f.paths(a, t))}});
    for (Eigen::Index k = 0; k < K; ++k)
      if (f.predecessor_count(k) > 0) r2[f.constructs[static_cast<std::size_t>(k)]] = number(f.r_squared(k));
    stages.push_back({{"name", s.name},
                      {"constructs", f.constructs},
                      {"iterations", f.iterations},
                      {"converged", f.converged},
                      {"status", csat::pls::to_string(f.status)},
                      {"paths", paths},
                      {"r2", r2}});
  }
  j["stages"] = stages;
  json meas = json::array();
  for (const auto& m : h.measurement)
    meas.push_back({{"construct", m.construct},
                    {"indicator", m.indicator},
                    {"weight", number(m.weight)},
                    {"loading", number(m.loading)},
                    {"type", m.type},
                    {"stage", m.stage + 1}});
  j["measurement"] = meas;
  json rel = json::object();
  for (std::size_t k = 0; k < h.constructs.size(); ++k) {
    const auto e = static_cast<Eigen::Index>(k);
    rel[h.constructs[k]] = {{"alpha", number(h.reliability.alpha(e))},
                            {"rho_c", number(h.reliability.rho_c(e))},
                            {"rho_a", number(h.reliability.rho_a(e))},
                            {"ave", number(h.reliability.ave(e))},
                            {"level", h.level[k]},
                            {"stage", h.home[k] + 1}};
  }
  j["reliability"] = rel;
  json ht = json::array();
  for (std::size_t a = 0; a < h.lower_order.size(); ++a)
    for (std::size_t b = a + 1; b < h.lower_order.size(); ++b)
      ht.push_back({{"a", h.lower_order[a]},
                    {"b", h.lower_order[b]},
                    {"value", number(h.lower_order_htmt(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b)))}});
  j["htmt_lower_order"] = ht;
  if (idx) {
    json ix = json::object();
    for (std::size_t k = 0; k < idx->constructs.size(); ++k) ix[idx->constructs[k]] = number(idx->index(static_cast<Eigen::Index>(k)));
    j["index"] = ix;
  }
  j["warnings"] = h.warnings;
  return j;
}

/// Readable text: method and stages, the combined reliability table (with level and stage), the HOC blocks.
inline void pls_hoc_print(std::ostream& os, const csat::pls::hoc_result<double>& h,
                          const csat::pls::index_result<double>* idx) {
  os << "\nHigher-order constructs (" << csat::pls::to_string(h.method) << "):\n";
  for (std::size_t k = 0; k < h.higher_order.size(); ++k) {
    os << "  " << h.higher_order[k] << " = ";
    for (std::size_t d = 0; d < h.dimensions[k].size(); ++d) os << (d ? " + " : "") << h.dimensions[k][d];
    os << '\n';
  }
  for (const auto& s : h.stages)
    os << "  " << s.name << ": " << s.fit.constructs.size() << " constructs, " << s.fit.updates << " updates, "
       << csat::pls::to_string(s.fit.status) << '\n';
  table hoc({"construct", "indicator", "weight", "loading", "type", "stage"});
  for (const auto& m : h.measurement)
    if (m.type.rfind("HOC", 0) == 0)
      hoc.add({m.construct, m.indicator, fixed(m.weight), fixed(m.loading), m.type, std::to_string(m.stage + 1)});
  os << "\nHigher-order blocks:\n";
  hoc.print(os, "  ");
  std::vector<std::string> head{"construct", "level", "stage", "alpha", "rho_C", "rho_A", "AVE"};
  if (idx) head.push_back("index");
  table rel(head);
  for (std::size_t k = 0; k < h.constructs.size(); ++k) {
    const auto e = static_cast<Eigen::Index>(k);
    std::vector<std::string> row{h.constructs[k], std::to_string(h.level[k]), std::to_string(h.home[k] + 1),
                                 fixed(h.reliability.alpha(e)), fixed(h.reliability.rho_c(e)),
                                 fixed(h.reliability.rho_a(e)), fixed(h.reliability.ave(e))};
    if (idx) row.push_back(fixed(idx->index(e), 1));
    rel.add(row);
  }
  os << "\nReliability of lower- and higher-order constructs:\n";
  rel.print(os, "  ");
  for (const auto& w : h.warnings) os << "warning: " << w << '\n';
}

}  // namespace csat_cli

#endif
