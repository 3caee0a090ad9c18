// csat pls --model MODEL | --preset ecsi|acsi|power-csi  --data DATA.csv [--scheme path|factorial|centroid]
//          [--boot N] [--seed S] [--threads T] [--boot-indices FILE] [--scale-min A --scale-max B]
//          [--missing listwise|mean] [--plsc] [--segment COL] [--target CONSTRUCT] [--json]
//          [--weights COL]                                    case (survey) weights: weighted PLS
//          [--hoc two-stage|embedded|repeated]                higher-order constructs (Service =~ Quality + Value)
//          [--interaction two-stage|product-indicator|orthogonal] [--slope-plot FILE.svg]
//                                                             interaction terms (Y ~ X + M + X:M)
//          [--group COL [--mga] [--micom]]                    one model per group, multi-group comparison
//          [--predict loo|K [--technique da|ea]]              PLSpredict (cross-validated prediction)
//          [--indirect "A -> B -> C"]...                      specific indirect effects (bootstrapped with --boot)
// PLS path model estimation with quality criteria, 0-100 indices, IPMA and an optional bootstrap.
// Combinations that are not supported (e.g. --weights with a higher-order construct) are input errors (exit 3).
#include "cli.hpp"
#include "data_input.hpp"
#include "pls_groups.hpp"
#include "pls_hoc.hpp"
#include "pls_moderation.hpp"
#include "pls_predict.hpp"
#include "pls_weights.hpp"

#include <csat/model/presets.hpp>
#include <csat/model/specification.hpp>
#include <csat/pls/bootstrap.hpp>
#include <csat/pls/estimate.hpp>
#include <csat/pls/index.hpp>
#include <csat/pls/quality.hpp>
#include <csat/survey/csv.hpp>
#include <csat/survey/missing.hpp>
#include <csat/survey/scale.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace {

struct pls_args {
  std::string model, preset, data, scheme = "path", missing = "none", boot_indices, segment, target;
  std::size_t boot = 0;
  std::uint64_t seed = 123;
  unsigned threads = 0;
  double scale_min = std::nan(""), scale_max = std::nan("");
  bool plsc = false, json = false;
  std::string weights;                      // --weights COL
  csat_cli::data_args input;                // --missing-codes, --encoding, --decimal, --sheet
  std::string hoc;                          // --hoc METHOD
  std::string interaction, slope_plot;      // --interaction METHOD, --slope-plot FILE
  std::string group;                        // --group COL
  bool mga = false, micom = false;          // --mga, --micom
  std::string predict, technique = "da";    // --predict loo|K, --technique da|ea
  std::vector<std::string> indirect;        // --indirect "A -> B -> C"
  int max_iterations = 300;                 // --max-iterations N (seminr's maxIt)
  double stop = 7;                          // --stop X: tolerance (X < 1) or seminr's stopCriterion (10^-X)
  double ci_level = 0.95;                   // --ci-level L
  std::string scores;                       // --scores FILE
};

// --stop X: a value below 1 is the tolerance itself (1e-7), a value of 1 or more seminr's stopCriterion (7 -> 1e-7).
double stop_tolerance(double x) {
  if (!(x > 0) || !std::isfinite(x))
    throw csat_cli::usage_error("--stop must be a positive tolerance (e.g. 1e-7) or seminr's stopCriterion (e.g. 7), not " +
                                csat::detail::format_value(x));
  if (x < 1) return x;
  if (x > 300) throw csat_cli::usage_error("--stop " + csat::detail::format_value(x) + " asks for a tolerance of 1e-" +
                                           csat::detail::format_value(x) + ", below the smallest double");
  return std::pow(10.0, -x);
}

// The matrix as pandas' "split" orientation: {"index": rows, "columns": cols, "data": [[...], ...]}.
nlohmann::json split_matrix(const std::vector<std::string>& rows, const std::vector<std::string>& cols,
                            const Eigen::MatrixXd& m) {
  nlohmann::json data = nlohmann::json::array();
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    nlohmann::json row = nlohmann::json::array();
    for (Eigen::Index k = 0; k < m.cols(); ++k) row.push_back(csat_cli::number(m(i, k)));
    data.push_back(row);
  }
  return {{"index", rows}, {"columns", cols}, {"data", data}};
}

// Construct scores, one row per row estimated on, led by the row's source line.
void write_scores(const std::string& path, const csat::survey::data_table<double>& data,
                  const csat::pls::estimate_result<double>& r) {
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < static_cast<std::size_t>(data.rows()); ++i)
    lines.push_back(i < data.lines.size() ? std::to_string(data.lines[i]) : std::to_string(i + 1));
  const auto used = csat_cli::pls_weights_used_labels(lines, r);
  if (static_cast<Eigen::Index>(used.size()) != r.scores.rows())
    throw csat_cli::input_error("--scores: " + std::to_string(r.scores.rows()) + " score rows for " +
                                std::to_string(used.size()) + " rows used");
  std::ofstream f(path, std::ios::binary);
  if (!f) throw csat_cli::input_error("cannot write --scores file " + path);
  f << "line";
  for (const auto& c : r.constructs) f << ',' << (c.find_first_of(",\"\n") == std::string::npos ? c : "\"" + c + "\"");
  f << '\n';
  char buf[32];
  for (Eigen::Index i = 0; i < r.scores.rows(); ++i) {
    f << used[static_cast<std::size_t>(i)];
    for (Eigen::Index k = 0; k < r.scores.cols(); ++k) {
      std::snprintf(buf, sizeof buf, "%.17g", r.scores(i, k));
      f << ',' << buf;
    }
    f << '\n';
  }
  if (!f) throw csat_cli::input_error("cannot write --scores file " + path);
}

std::string read_text(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw csat_cli::input_error("cannot open model file " + path);
  std::ostringstream os;
  os << f.rdbuf();
  csat_cli::data_read_info info;  // a model file saved as GBK or UTF-16 is read like a data file
  return csat_cli::to_utf8(os.str(), "auto", path, info);
}

// Presets take their indicators from the data columns by the mobi/ECSI prefixes.
csat::model::specification preset_model(const std::string& name, const std::vector<std::string>& columns) {
  auto with = [&](const std::string& prefix) {
    std::vector<std::string> out;
    for (const auto& c : columns)
      if (c.compare(0, prefix.size(), prefix) == 0) out.push_back(c);
    return out;
  };
  if (name != "ecsi" && name != "power-csi" && name != "acsi")
    throw csat_cli::usage_error("--preset must be ecsi, acsi or power-csi, not \"" + name + "\"");
  // each construct's indicators are the columns whose names start with its prefix (mobi's names)
  const std::vector<std::pair<const char*, const char*>> prefixes{
      {"IMAG", "Image"}, {"CUEX", "Expectation"}, {"PERQ", "Quality"}, {"PERV", "Value"},
      {"CUSA", "Satisfaction"}, {"CUSCO", "Complaints"}, {"CUSL", "Loyalty"}};
  std::string absent;
  for (const auto& pc : prefixes)
    if (with(pc.first).empty() && !(name == "acsi" && std::string(pc.first) == "IMAG"))
      absent += std::string(absent.empty() ? "" : ", ") + pc.first + "* (" + pc.second + ")";
  if (!absent.empty())
    throw csat_cli::input_error("--preset " + name + " takes each construct's indicators from the data columns whose " +
                                "names start with its prefix (IMAG, CUEX, PERQ, PERV, CUSA, CUSCO, CUSL, as in mobi); " +
                                "the data have no column " + absent + ": write the model with --model instead");
  csat::model::ecsi_indicators e{with("IMAG"), with("CUEX"), with("PERQ"), with("PERV"),
                                 with("CUSA"), with("CUSCO"), with("CUSL")};
  if (name == "ecsi") return csat::model::ecsi(e);
  if (name == "power-csi") return csat::model::power_csi(e);
  return csat::model::acsi({e.expectation, e.quality, e.value, e.satisfaction, e.complaints, e.loyalty});
}

nlohmann::json boot_fields(nlohmann::json j, const csat::pls::parameter_summary<double>& s) {
  j["mean"] = csat_cli::number(s.mean);
  j["sd"] = csat_cli::number(s.sd);
  j["t"] = csat_cli::number(s.t);
  j["p"] = csat_cli::number(s.p);
  j["p_empirical"] = csat_cli::number(s.p_empirical);
  j["ci_lower"] = csat_cli::number(s.ci_lower);
  j["ci_upper"] = csat_cli::number(s.ci_upper);
  j["bca_lower"] = csat_cli::number(s.bca_lower);
  j["bca_upper"] = csat_cli::number(s.bca_upper);
  return j;
}

const csat::pls::parameter_summary<double>* find(const std::vector<csat::pls::parameter_summary<double>>& v,
                                                 const std::string& from, const std::string& to) {
  for (const auto& s : v)
    if (s.from == from && s.to == to) return &s;
  return nullptr;
}

std::string stars(double p) {
  if (!(p >= 0)) return "";
  return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : "";
}

void run(const pls_args& a) {
  // columns the model does not use are read as text, so label columns need no declaration
  const auto header = csat_cli::data_header(a.data, a.input);
  csat::model::specification spec;
  csat::pls::moderated_model mm;
  bool moderated = false;
  if (!a.model.empty()) {
    const auto parsed = csat::model::parse_syntax(read_text(a.model), a.model);
    moderated = csat_cli::pls_has_interactions(parsed);
    if (moderated) {
      mm = csat::pls::parse_moderated(parsed);
      spec = mm.main;
    } else {
      spec = csat::model::from_syntax(parsed);
    }
  } else {
    spec = preset_model(a.preset, header);
  }
  const bool hoc = spec.has_higher_order();
  const bool weighted = !a.weights.empty();
  csat_cli::pls_hoc_check_options(hoc, a.hoc, weighted);
  csat_cli::pls_moderation_check_options(moderated, a.interaction, a.slope_plot, a.plsc, weighted);
  if ((a.mga || a.micom) && a.group.empty()) throw csat_cli::input_error("--mga and --micom need --group");
  {
    // combinations the estimators do not support
    const char* what = hoc ? "higher-order constructs" : moderated ? "interaction terms" : nullptr;
    if (moderated && hoc) csat_cli::pls_hoc_moderation_check(a.hoc, a.boot > 0 || !a.boot_indices.empty());
    if (what && !a.group.empty()) throw csat_cli::input_error(std::string("--group is not supported with ") + what);
    if (what && !a.predict.empty()) throw csat_cli::input_error(std::string("--predict is not supported with ") + what);
    if (what && !a.indirect.empty()) throw csat_cli::input_error(std::string("--indirect is not supported with ") + what);
    if (weighted && !a.group.empty()) throw csat_cli::input_error("--weights is not supported with --group");
  }
  csat::survey::csv_options copt;
  const auto used = spec.indicators();
  for (const auto& c : header)
    if (std::find(used.begin(), used.end(), c) == used.end()) copt.text_columns.push_back(c);
  csat_cli::pls_weights_csv_options(copt, a.weights);
  csat_cli::data_read_info read_info;
  const auto data = csat_cli::read_data(a.data, a.input, copt, read_info);
  auto code_warnings = csat_cli::suspect_missing_codes(data, spec.indicators());
  if (!a.segment.empty()) (void)data.text_column(a.segment);
  csat_cli::pls_weights_check_column(data, a.weights);

  csat::pls::estimate_options eo;
  eo.scheme = a.scheme == "factorial"  ? csat::pls::inner_scheme::factorial
              : a.scheme == "centroid" ? csat::pls::inner_scheme::centroid
                                       : csat::pls::inner_scheme::path;
  eo.consistent = a.plsc;
  if (a.max_iterations < 0) throw csat_cli::usage_error("--max-iterations must be 0 or more, not " + std::to_string(a.max_iterations));
  eo.max_iterations = a.max_iterations;
  eo.tolerance = stop_tolerance(a.stop);
  if (!(a.ci_level > 0 && a.ci_level < 1))
    throw csat_cli::usage_error("--ci-level must lie strictly between 0 and 1 (e.g. 0.90), not " +
                                csat::detail::format_value(a.ci_level));
  eo.missing = a.missing == "listwise" ? csat::survey::missing_policy::listwise
               : a.missing == "mean"   ? csat::survey::missing_policy::mean
                                       : csat::survey::missing_policy::none;
  csat_cli::pls_weights_options(eo, a.weights);

  // scale of the 0-100 indices: given, or the observed range of the indicators
  double lo = a.scale_min, hi = a.scale_max;
  if (std::isfinite(lo) != std::isfinite(hi)) throw csat_cli::input_error("--scale-min and --scale-max go together");
  std::string scale_source = std::isfinite(lo) ? "--scale-min/--scale-max" : "the observed range";
  if (!std::isfinite(lo)) {  // the value labels of an SPSS or Stata file tell the questionnaire's scale
    const auto labeled = csat_cli::labeled_scale(read_info, spec.indicators());
    if (std::isfinite(labeled.first)) {
      lo = labeled.first;
      hi = labeled.second;
      scale_source = "the value labels of " + a.data;
    }
  }
  const bool scale_given = std::isfinite(lo) && std::isfinite(hi);
  if (!hoc) spec.validate(data.names);  // estimate_higher_order validates a higher-order model itself
  const auto po = csat_cli::pls_predict_options(a.predict, a.technique, a.seed, a.threads);
  csat_cli::pls_indirect_check(spec, a.indirect);
  if (scale_given) {  // every answer on the stated scale, or an error naming its line and column
    std::vector<std::string> items;
    for (const auto& c : spec.indicators())
      if (std::find(data.names.begin(), data.names.end(), c) != data.names.end()) items.push_back(c);
    if (!(lo < hi))
      throw csat_cli::input_error("--scale-min " + csat::detail::format_value(lo) + " must be below --scale-max " +
                                  csat::detail::format_value(hi));
    try {
      csat::survey::check_in_range(data, items, {lo, hi});
    } catch (const csat::domain_error& e) {
      if (code_warnings.empty()) throw;
      throw csat_cli::input_error(std::string(e.what()) +
                                  " (a code for \"no answer\"? declare it with --missing-codes, e.g. --missing-codes 99)");
    }
    const std::string cover = csat_cli::scale_coverage_warning(data, items, lo, hi, "give its ends with --scale-min/--scale-max");
    if (!cover.empty()) code_warnings.push_back(cover);
  } else {
    lo = INFINITY;
    hi = -INFINITY;
    for (const auto& c : spec.indicators()) {
      const auto col = data.values.col(data.index_of(c));
      for (Eigen::Index i = 0; i < col.size(); ++i)
        if (!std::isnan(col(i))) { lo = std::min(lo, col(i)); hi = std::max(hi, col(i)); }
    }
  }
  // after the scale check: with a stated scale an undeclared code is an error naming its cell instead
  for (const auto& w : code_warnings) std::cerr << "csat pls: warning: " << w << "\n";

  csat::pls::bootstrap_result<double> boot;
  csat::pls::estimate_result<double> r;
  csat::pls::hoc_result<double> h;
  csat::pls::hoc_bootstrap_result<double> hb;
  csat::pls::moderation_result<double> mod;
  csat::pls::moderation_bootstrap_result<double> mb;
  const bool do_boot = a.boot > 0 || !a.boot_indices.empty();
  csat::pls::bootstrap_options bo;
  if (do_boot) {
    bo.resamples = a.boot;
    bo.seed = a.seed;
    bo.threads = a.threads;
    bo.scale_min = lo;
    bo.scale_max = hi;
    bo.confidence = a.ci_level;
    const bool tty = isatty(fileno(stderr));
    const auto start = std::chrono::steady_clock::now();
    bool drawn = false;
    if (tty)
      bo.progress = [&](std::size_t done, std::size_t total) {
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (secs < 1.0 && !drawn) return;
        if (done == total && !drawn) return;
        drawn = true;
        const int width = 40, filled = int(double(width) * double(done) / double(total));
        std::fprintf(stderr, "\rbootstrap [%s%s] %zu/%zu", std::string(std::size_t(filled), '#').c_str(),
                     std::string(std::size_t(width - filled), ' ').c_str(), done, total);
        if (done == total) std::fprintf(stderr, "\n");
        std::fflush(stderr);
      };
    if (hoc && moderated) {  // every stage and the interaction terms per resample
      csat_cli::pls_hoc_moderation_run(mm, data, eo, a.hoc, a.interaction, h, mod, &bo, a.boot_indices, &mb, &hb);
      boot = csat_cli::pls_moderation_as_bootstrap(mb);
      r = mod.fit;
    } else if (hoc) {
      hb = csat_cli::pls_hoc_bootstrap(spec, data, eo, a.hoc, bo, a.boot_indices);
      h = hb.estimate;
      r = h.final_fit();
    } else if (moderated) {
      mod = csat_cli::pls_moderation_run(mm, data, eo, a.interaction, &bo, a.boot_indices, &mb);
      boot = csat_cli::pls_moderation_as_bootstrap(mb);
      r = boot.estimate;
    } else {
      if (!a.boot_indices.empty())
        boot = csat::pls::bootstrap_indices(spec, data, csat::pls::read_resample_indices(a.boot_indices), eo, bo);
      else
        boot = csat::pls::bootstrap(spec, data, eo, bo);
      r = boot.estimate;
    }
  } else if (hoc && moderated) {  // the higher-order stages, then the interaction terms
    csat_cli::pls_hoc_moderation_run(mm, data, eo, a.hoc, a.interaction, h, mod);
    r = mod.fit;
  } else if (hoc) {
    h = csat_cli::pls_hoc_run(spec, data, eo, a.hoc);
    r = h.final_fit();
  } else if (moderated) {
    mod = csat_cli::pls_moderation_run(mm, data, eo, a.interaction);
    r = mod.fit;
  } else {
    r = csat::pls::estimate(spec, data, eo);
  }
  // a higher-order model applies the missing-data policy once, before its stages: report it (and align the
  // segment labels with the rows used) as for a plain model
  if (hoc && eo.missing != csat::survey::missing_policy::none)
    r.missing = csat::survey::apply_missing_policy(data, eo.missing, spec.indicators()).report;
  // the plain bootstrap's summaries (a higher-order model's bootstrap is reported under "higher_order"; its
  // path and total-effect summaries also in "paths", "total_effects" and the path table)
  const bool plain_boot = do_boot && !hoc;
  const auto& boot_paths = hoc ? hb.paths : boot.paths;
  const auto& boot_totals = hoc ? hb.total_effects : boot.total_effects;
  const std::size_t boot_successful = hoc ? hb.successful : boot.successful;
  const std::size_t boot_requested = hoc ? hb.requested : boot.requested;
  // admissibility warnings of every fit
  const std::vector<std::string>& warnings = hoc ? h.warnings : (do_boot && !moderated) ? boot.warnings : r.warnings;
  auto q = csat::pls::quality(r);
  if (moderated) csat_cli::pls_moderation_filter_flags(mod, q);
  csat::pls::index_result<double> idx, hidx;  // hidx: aligned with h.constructs (the higher-order tables)
  if (hoc && moderated) {
    csat_cli::pls_hoc_moderation_indices(h, mod, lo, hi, idx, hidx);
  } else if (hoc) {
    idx = csat::pls::indices(csat::pls::item_level(h), lo, hi);
  } else {
    idx = moderated ? csat_cli::pls_moderation_indices(mod, lo, hi) : csat::pls::indices(r, lo, hi);
  }
  std::string target = a.target;
  if (target.empty()) target = csat::pls::default_ipma_target(r);
  const auto ip = hoc && moderated ? csat_cli::pls_hoc_moderation_ipma(h, mod, lo, hi, target)
                  : hoc       ? csat::pls::ipma(r, csat_cli::pls_hoc_final_indices(h, lo, hi), target)
                  : moderated ? csat_cli::pls_moderation_ipma(mod, lo, hi, target)
                              : csat::pls::ipma(r, idx, target);
  if (moderated && !a.slope_plot.empty()) csat_cli::pls_moderation_svg(mod, a.slope_plot);
  std::vector<csat::pls::segment_index<double>> segs;
  if (!a.segment.empty()) {
    const auto used = csat_cli::pls_weights_used_labels(data.text_column(a.segment), r);
    segs = csat::pls::segment_indices(idx, used, r.case_weights);
  }
  // multi-group comparison
  csat_cli::pls_groups_request gq;
  gq.column = a.group;
  gq.mga = a.mga;
  gq.micom = a.micom;
  gq.resamples = a.boot;
  gq.seed = a.seed;
  gq.threads = a.threads;
  gq.level = a.ci_level;
  csat::pls::group_result<double> groups;
  if (!a.group.empty()) groups = csat_cli::run_pls_groups(spec, data, eo, gq);
  // prediction and mediation
  csat::pls::predict_result<double> pred;
  if (!a.predict.empty()) pred = csat::pls::predict(spec, data, po, eo);
  csat::pls::mediation_result<double> med;
  if (!a.indirect.empty() && do_boot) {
    bo.progress = nullptr;
    med = csat_cli::pls_indirect_run(spec, data, a.indirect, eo, bo, a.boot_indices);
  }
  if (!a.scores.empty()) write_scores(a.scores, data, r);
  const Eigen::Index K = static_cast<Eigen::Index>(r.constructs.size());
  const auto& C = r.constructs;
  auto cname = [&](Eigen::Index k) { return C[static_cast<std::size_t>(k)]; };

  if (a.json) {
    using nlohmann::json;
    json j;
    j["model"] = a.model.empty() ? a.preset : a.model;
    j["data"] = a.data;
    j["data_read"] = csat_cli::read_info_json(a.data, read_info, code_warnings);
    j["scheme"] = csat::pls::to_string(r.scheme);
    j["plsc"] = r.consistent;
    j["iterations"] = r.iterations;
    j["updates"] = r.updates;
    j["final_change"] = r.final_change;
    j["converged"] = r.converged;
    j["admissible"] = r.admissible;  // reported apart from convergence
    j["status"] = csat::pls::to_string(r.status);
    j["max_iterations"] = eo.max_iterations;
    j["tolerance"] = eo.tolerance;
    j["n_used"] = r.n_used;
    j["rows_excluded"] = r.missing.excluded.size();
    j["missing"] = {{"policy", csat::survey::to_string(r.missing.policy)}, {"summary", r.missing.summary()},
                    {"cells_imputed", r.missing.cells_imputed}};
    json paths = json::array(), totals = json::array();
    for (Eigen::Index f = 0; f < K; ++f)
      for (Eigen::Index t = 0; t < K; ++t) {
        if (r.structure(f, t)) {
          json e = {{"from", cname(f)}, {"to", cname(t)}, {"estimate", csat_cli::number(r.paths(f, t))}};
          if (do_boot)
            if (const auto* s = find(boot_paths, cname(f), cname(t))) e = boot_fields(e, *s);
          paths.push_back(e);
        }
        if (r.total_effects(f, t) != 0) {
          json e = {{"from", cname(f)}, {"to", cname(t)}, {"estimate", csat_cli::number(r.total_effects(f, t))},
                    {"indirect", csat_cli::number(r.indirect_effects(f, t))}};
          if (do_boot)
            if (const auto* s = find(boot_totals, cname(f), cname(t))) e = boot_fields(e, *s);
          totals.push_back(e);
        }
      }
    j["paths"] = paths;
    j["total_effects"] = totals;
    json loadings = json::array(), weights = json::array();
    for (std::size_t i = 0; i < r.indicators.size(); ++i) {
      const Eigen::Index k = r.block[i];
      json l = {{"construct", cname(k)}, {"indicator", r.indicators[i]},
                {"estimate", csat_cli::number(r.loadings(Eigen::Index(i), k))}};
      json w = {{"construct", cname(k)}, {"indicator", r.indicators[i]},
                {"estimate", csat_cli::number(r.weights(Eigen::Index(i), k))},
                {"vif", csat_cli::number(q.item_vif(Eigen::Index(i)))}};
      if (plain_boot) {
        if (const auto* s = find(boot.loadings, r.indicators[i], cname(k))) l = boot_fields(l, *s);
        if (const auto* s = find(boot.weights, r.indicators[i], cname(k))) w = boot_fields(w, *s);
      }
      loadings.push_back(l);
      weights.push_back(w);
    }
    j["loadings"] = loadings;
    j["weights"] = weights;
    json r2 = json::object(), r2a = json::object(), rel = json::object(), index = json::object();
    for (Eigen::Index k = 0; k < K; ++k) {
      if (!std::isnan(r.r_squared(k))) {
        r2[cname(k)] = r.r_squared(k);
        r2a[cname(k)] = r.r_squared_adj(k);
      }
      rel[cname(k)] = {{"alpha", csat_cli::number(q.reliability.alpha(k))},
                       {"rho_c", csat_cli::number(q.reliability.rho_c(k))},
                       {"rho_a", csat_cli::number(q.reliability.rho_a(k))},
                       {"ave", csat_cli::number(q.reliability.ave(k))}};
      index[cname(k)] = csat_cli::number(idx.index(k));
    }
    j["r2"] = r2;
    j["r2_adj"] = r2a;
    j["reliability"] = rel;
    j["index"] = index;
    j["index_scale"] = {{"min", lo}, {"max", hi}, {"given", scale_given}, {"source", scale_source}};
    json ht = json::array(), hts = json::array();
    for (Eigen::Index x = 0; x < K; ++x)
      for (Eigen::Index y = x + 1; y < K; ++y) {
        json e = {{"a", cname(x)}, {"b", cname(y)}, {"value", csat_cli::number(q.htmt(x, y))}};
        if (plain_boot)
          if (const auto* s = find(boot.htmt, cname(x), cname(y))) e = boot_fields(e, *s);
        ht.push_back(e);
        hts.push_back({{"a", cname(x)}, {"b", cname(y)}, {"value", csat_cli::number(q.htmt_signed(x, y))}});
      }
    j["htmt"] = ht;
    j["htmt_signed"] = hts;
    j["fornell_larcker"] = split_matrix(C, C, q.fornell_larcker);
    j["cross_loadings"] = split_matrix(r.indicators, C, r.cross_loadings);
    j["construct_correlations"] = split_matrix(C, C, r.construct_correlations);
    if (r.consistent) j["structural_correlations"] = split_matrix(C, C, r.structural_correlations);
    json vif = json::array(), f2 = json::array();
    for (Eigen::Index f = 0; f < K; ++f)
      for (Eigen::Index t = 0; t < K; ++t)
        if (r.structure(f, t)) {
          vif.push_back({{"from", cname(f)}, {"to", cname(t)}, {"vif", csat_cli::number(q.inner_vif(f, t))}});
          f2.push_back({{"from", cname(f)}, {"to", cname(t)}, {"f2", csat_cli::number(q.f_squared(f, t))}});
        }
    j["inner_vif"] = vif;
    j["f2"] = f2;
    j["srmr"] = q.srmr;
    json flags = json::array();
    for (const auto& fl : q.flags)
      flags.push_back({{"criterion", fl.criterion}, {"subject", fl.subject}, {"value", fl.value}, {"rule", fl.rule}});
    j["flags"] = flags;
    json ipj = {{"target", ip.target}, {"target_performance", ip.target_performance}};
    for (const char* part : {"constructs", "indicators"}) {
      json arr = json::array();
      for (const auto& e : std::string(part) == "constructs" ? ip.constructs : ip.indicators)
        arr.push_back({{"name", e.name}, {"construct", e.construct}, {"importance", e.importance},
                       {"performance", e.performance}, {"priority", e.priority}});
      ipj[part] = arr;
    }
    j["ipma"] = ipj;
    if (!segs.empty()) {
      json sj = json::object();
      for (const auto& s : segs) {
        json ix = json::object();
        for (Eigen::Index k = 0; k < K; ++k) ix[cname(k)] = s.index(k);
        sj[s.segment] = {{"n", s.n}, {"weight_sum", s.weight_sum}, {"index", ix}};
      }
      j["segments"] = sj;
    }
    if (plain_boot) {
      j["bootstrap"] = {{"requested", boot.requested}, {"successful", boot.successful}, {"failed", boot.failed},
                        {"ci_level", boot.confidence},
                        {"not_converged", boot.not_converged}, {"seed", a.seed},
                        {"replayed", !a.boot_indices.empty()}, {"first_failure", boot.first_failure}};
      j["bootstrap"]["inadmissible"] = boot.inadmissible;
      json bi = json::array(), br2 = json::array();
      for (const auto& s : boot.index) bi.push_back(boot_fields({{"construct", s.from}, {"estimate", s.original}}, s));
      for (const auto& s : boot.r_squared) br2.push_back(boot_fields({{"construct", s.from}, {"estimate", s.original}}, s));
      j["index_bootstrap"] = bi;
      j["r2_bootstrap"] = br2;
    }
    j["case_weights"] = csat_cli::pls_weights_json(r);
    j["warnings"] = csat_cli::pls_warnings_json(warnings);
    if (hoc) j["higher_order"] = csat_cli::pls_hoc_json(h, moderated ? &hidx : &idx, do_boot ? &hb : nullptr);
    if (moderated) j["moderation"] = csat_cli::pls_moderation_json(mod, do_boot ? &mb : nullptr);
    if (!a.group.empty()) csat_cli::add_pls_groups_json(j, groups, gq, lo, hi);
    if (!a.predict.empty()) j["predict"] = csat_cli::pls_predict_json(pred);
    if (!a.indirect.empty()) {
      j["indirect"] = do_boot ? csat_cli::pls_indirect_json(med) : csat_cli::pls_indirect_json(r, a.indirect);
      if (do_boot) j["indirect_total"] = csat_cli::pls_indirect_total_json(med);
    }
    csat_cli::print_json(j);
    return;
  }

  std::ostream& os = std::cout;
  os << "PLS path model: " << (a.model.empty() ? "preset " + a.preset : a.model) << " on " << a.data << "\n";
  os << "Data: " << csat_cli::describe_read(a.data, read_info) << "\n";
  os << r.n_used << " rows used";
  if (!r.missing.excluded.empty() || r.missing.cells_imputed) os << " (" << r.missing.summary() << ")";
  os << "; scheme " << csat::pls::to_string(r.scheme) << (r.consistent ? ", PLSc" : "") << "; "
     << (r.converged ? "converged" : std::string("NOT converged (") + csat::pls::to_string(r.status) + ")") << " after "
     << r.updates << " updates (iterations = " << r.iterations << ", final change "
     << csat::detail::format_value(static_cast<double>(static_cast<float>(r.final_change))) << "; stop below "
     << csat::detail::format_value(eo.tolerance) << ", at most " << eo.max_iterations + 1 << " updates)\n";
  csat_cli::pls_weights_print(os, r);
  // convergence of the iteration and admissibility of the solution are separate facts
  if (r.converged && r.status != csat::pls::status::success)
    os << "The PLS iteration converged, but a structural regression is singular (" << csat::pls::to_string(r.status)
       << "): its paths are NaN\n";
  if (!r.admissible)
    os << "The solution is inadmissible (" << r.warnings.size() << (r.warnings.size() == 1 ? " issue" : " issues")
       << ", listed at the end); its estimates are reported\n";
  os << "\n";
  {
    std::vector<std::string> head{"from", "to", "estimate"};
    if (do_boot) head.insert(head.end(), {"mean", "sd", "t", "p", "ci_lower", "ci_upper", ""});
    csat_cli::table t(head);
    for (Eigen::Index f = 0; f < K; ++f)
      for (Eigen::Index to = 0; to < K; ++to)
        if (r.structure(f, to)) {
          std::vector<std::string> row{cname(f), cname(to), csat_cli::fixed(r.paths(f, to))};
          if (do_boot)
            if (const auto* s = find(boot_paths, cname(f), cname(to)))
              row.insert(row.end(), {csat_cli::fixed(s->mean), csat_cli::fixed(s->sd), csat_cli::fixed(s->t, 2),
                                     csat_cli::fixed(s->p), csat_cli::fixed(s->ci_lower), csat_cli::fixed(s->ci_upper),
                                     stars(s->p)});
          t.add(row);
        }
    os << "Paths" << (do_boot ? " (bootstrap: " + std::to_string(boot_successful) + " of " + std::to_string(boot_requested) +
                                    " resamples, " + csat_cli::fixed(100 * bo.confidence, bo.confidence * 100 == std::round(bo.confidence * 100) ? 0 : 1) +
                                    "% percentile intervals)"
                              : std::string())
       << "\n";
    t.print(os, "  ");
  }
  if (hoc) csat_cli::pls_hoc_print(os, h, moderated ? &hidx : &idx);
  {
    csat_cli::table t({"construct", "R2", "R2_adj", "alpha", "rho_c", "rho_a", "AVE", "index"});
    for (Eigen::Index k = 0; k < K; ++k)
      t.add({cname(k), std::isnan(r.r_squared(k)) ? "" : csat_cli::fixed(r.r_squared(k)),
             std::isnan(r.r_squared(k)) ? "" : csat_cli::fixed(r.r_squared_adj(k)), csat_cli::fixed(q.reliability.alpha(k)),
             csat_cli::fixed(q.reliability.rho_c(k)), csat_cli::fixed(q.reliability.rho_a(k)),
             csat_cli::fixed(q.reliability.ave(k)), csat_cli::fixed(idx.index(k), 1)});
    os << "\nConstructs (index on 0-100 from the scale [" << csat_cli::fixed(lo, 2) << ", " << csat_cli::fixed(hi, 2) << "]"
       << (!scale_given ? ", the observed range: give --scale-min/--scale-max"
           : scale_source.rfind("the value labels", 0) == 0 ? ", from " + scale_source
                                                             : std::string())
       << ")\n";
    t.print(os, "  ");
  }
  {
    csat_cli::table t({"a", "b", "HTMT"});
    for (Eigen::Index x = 0; x < K; ++x)
      for (Eigen::Index y = x + 1; y < K; ++y) t.add({cname(x), cname(y), csat_cli::fixed(q.htmt(x, y))});
    os << "\nHTMT (absolute correlations)\n";
    t.print(os, "  ");
  }
  // discriminant validity and the scores' correlations: lower triangles over the constructs
  auto lower_triangle = [&](const char* title, const Eigen::MatrixXd& m) {
    std::vector<std::string> head{""};
    for (Eigen::Index k = 0; k < K; ++k) head.push_back(cname(k));
    csat_cli::table t(head);
    for (Eigen::Index x = 0; x < K; ++x) {
      std::vector<std::string> row{cname(x)};
      for (Eigen::Index y = 0; y < K; ++y) row.push_back(y <= x ? csat_cli::fixed(m(x, y)) : "");
      t.add(row);
    }
    os << "\n" << title << "\n";
    t.print(os, "  ");
  };
  lower_triangle("Fornell-Larcker criterion (diagonal: square root of AVE; below: construct correlations)",
                 q.fornell_larcker);
  if (r.consistent)  // the composites' correlations are those below the diagonal above; PLSc's paths use these
    lower_triangle("Construct correlations (disattenuated: the correlations the PLSc paths are estimated from)",
                   r.structural_correlations);
  {
    std::vector<std::string> head{"indicator"};
    for (Eigen::Index k = 0; k < K; ++k) head.push_back(cname(k));
    csat_cli::table t(head);
    for (std::size_t i = 0; i < r.indicators.size(); ++i) {
      std::vector<std::string> row{r.indicators[i]};
      for (Eigen::Index k = 0; k < K; ++k)
        row.push_back(csat_cli::fixed(r.cross_loadings(Eigen::Index(i), k)) + (k == r.block[i] ? "*" : " "));
      t.add(row);
    }
    os << "\nCross-loadings (correlation of each indicator with each composite; * its own construct)\n";
    t.print(os, "  ");
  }
  os << "\nSRMR " << csat_cli::fixed(q.srmr) << "\n";
  if (!q.flags.empty()) {
    csat_cli::table t({"criterion", "subject", "value", "rule"});
    for (const auto& fl : q.flags) t.add({fl.criterion, fl.subject, csat_cli::fixed(fl.value), fl.rule});
    os << "\nValues outside the usual thresholds\n";
    t.print(os, "  ");
  }
  {
    csat_cli::table t({"construct", "importance", "performance", "priority"});
    for (const auto& e : ip.constructs)
      t.add({e.name, csat_cli::fixed(e.importance), csat_cli::fixed(e.performance, 1), csat_cli::fixed(e.priority, 2)});
    os << "\nImportance-performance map for " << ip.target << " (index " << csat_cli::fixed(ip.target_performance, 1)
       << "), by action priority\n";
    t.print(os, "  ");
  }
  if (!segs.empty()) {
    std::vector<std::string> head{a.segment, "n"};
    for (Eigen::Index k = 0; k < K; ++k) head.push_back(cname(k));
    csat_cli::table t(head);
    for (const auto& s : segs) {
      std::vector<std::string> row{s.segment, std::to_string(s.n)};
      for (Eigen::Index k = 0; k < K; ++k) row.push_back(csat_cli::fixed(s.index(k), 1));
      t.add(row);
    }
    os << "\nIndices by " << a.segment << "\n";
    t.print(os, "  ");
  }
  if (plain_boot && boot.failed)
    os << "\n" << boot.failed << " resamples failed and were left out (first: " << boot.first_failure << ")\n";
  if (!a.group.empty()) csat_cli::print_pls_groups(os, groups, gq, lo, hi);
  if (!a.predict.empty()) csat_cli::pls_predict_print(os, pred);
  if (!a.indirect.empty()) {
    if (do_boot) csat_cli::pls_indirect_print(os, med);
    else csat_cli::pls_indirect_print(os, r, a.indirect);
  }
  if (moderated) csat_cli::pls_moderation_print(os, mod, do_boot ? &mb : nullptr);
  csat_cli::pls_warnings_print(os, warnings);
}

const csat_cli::registrar register_pls(
    "pls", "PLS path model: paths, R2, reliability, HTMT, 0-100 indices, IPMA, bootstrap",
    [](CLI::App& sub) {
      auto a = std::make_shared<pls_args>();
      auto* model = sub.add_option("--model", a->model, "model file in lavaan-style syntax (=~ <~ ~)");
      auto* preset = sub.add_option("--preset", a->preset, "ecsi, acsi or power-csi (indicators by the mobi prefixes)")
                         ->check(CLI::IsMember({"ecsi", "acsi", "power-csi"}));
      model->excludes(preset);
      sub.add_option("--data", a->data, "survey data: CSV (any encoding), .xlsx, .sav/.zsav/.por (SPSS), .dta (Stata)")->required();
      csat_cli::add_data_options(&sub, a->input);
      sub.add_option("--scheme", a->scheme, "inner weighting scheme")->check(CLI::IsMember({"path", "factorial", "centroid"}));
      // counts are checked as text, before CLI11 converts them (a negative count would wrap around)
      sub.add_option("--boot", a->boot, "bootstrap resamples (0: none)")->check(CLI::Range(0, 10000000));
      sub.add_option("--seed", a->seed, "bootstrap seed")->check(CLI::NonNegativeNumber);
      sub.add_option("--threads", a->threads, "bootstrap threads (0: all cores)")->check(CLI::Range(0, 4096));
      sub.add_option("--boot-indices", a->boot_indices, "replay resamples: one per line, 1-based row numbers");
      sub.add_option("--scale-min", a->scale_min, "lowest answer of the questionnaire scale (for the 0-100 index)");
      sub.add_option("--scale-max", a->scale_max, "highest answer of the questionnaire scale");
      sub.add_option("--missing", a->missing, "missing-data policy")->check(CLI::IsMember({"none", "listwise", "mean"}));
      sub.add_flag("--plsc", a->plsc, "consistent PLS for Mode A blocks");
      sub.add_option("--max-iterations", a->max_iterations, "last 0-based PLS iteration (seminr's maxIt; default 300)");
      sub.add_option("--stop", a->stop,
                     "stop when the weights change less: a tolerance (1e-7) or seminr's stopCriterion (7 = 1e-7, the default)");
      sub.add_option("--ci-level", a->ci_level, "level of the bootstrap intervals (default 0.95)");
      sub.add_option("--scores", a->scores, "write the construct scores to this CSV (first column: the row's source line)");
      sub.add_option("--segment", a->segment, "text column: indices per segment");
      sub.add_option("--target", a->target, "target construct of the IPMA (default: Satisfaction, else the final outcome)");
      sub.add_flag("--json", a->json, "JSON output");
      sub.add_option("--weights", a->weights, "numeric column of case (survey) weights: weighted PLS");
      sub.add_option("--hoc", a->hoc, "higher-order constructs: two-stage (default), embedded or repeated");
      sub.add_option("--interaction", a->interaction,
                     "interaction terms X:M: two-stage (default), product-indicator or orthogonal");
      sub.add_option("--slope-plot", a->slope_plot, "simple-slopes plot of the interaction (SVG file)");
      sub.add_option("--group", a->group, "column of group codes or labels: one model per group");
      sub.add_flag("--mga", a->mga, "with --group: PLS-MGA, permutation, parametric and Welch tests");
      sub.add_flag("--micom", a->micom, "with --group: MICOM steps 1-3 (permutation)");
      sub.add_option("--predict", a->predict, "PLSpredict: loo (leave-one-out) or a number of folds K");
      sub.add_option("--technique", a->technique, "PLSpredict technique: da (direct antecedents) or ea")
          ->check(CLI::IsMember({"da", "ea"}));
      sub.add_option("--indirect", a->indirect, "specific indirect effect \"A -> M -> C\" (repeatable)");
      sub.callback([a]() {
        if (a->model.empty() && a->preset.empty()) throw csat_cli::usage_error("give --model FILE or --preset NAME");
        run(*a);
      });
    },
    30);

}  // namespace
