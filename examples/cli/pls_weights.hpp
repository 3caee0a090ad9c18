#ifndef CSAT_CLI_PLS_WEIGHTS_HPP
#define CSAT_CLI_PLS_WEIGHTS_HPP

// `csat pls --weights COL`: weighted PLS (case/survey weights) and the admissibility warnings of every fit.
//
// How cmd_pls.cpp calls this (option `--weights COL` stored in a std::string `a.weights`, empty = unweighted):
//   1. Before reading the data:   csat_cli::pls_weights_csv_options(copt, a.weights);
//      (the weight column must be read as numeric: it is removed from copt.text_columns).
//   2. After reading the data:    csat_cli::pls_weights_check_column(data, a.weights);   // exit 3, one line
//   3. Options:                   csat_cli::pls_weights_options(eo, a.weights);          // eo.weights = COL
//      then estimate / bootstrap / bootstrap_indices exactly as now: csat::pls::estimate(spec, data, eo),
//      csat::pls::bootstrap(spec, data, eo, bo), csat::pls::bootstrap_indices(spec, data, idx, eo, bo).
//      (or the one-call helper csat_cli::pls_weights_run(spec, data, eo, a.weights, bo, boot, boot_indices)).
//      Replayed resample indices refer to the rows estimated on (after zero-weight and missing rows are removed).
//   4. Segment labels:            used = csat_cli::pls_weights_used_labels(data.text_column(a.segment), r);
//                                 segs = csat::pls::segment_indices(idx, used, r.case_weights);
//      (replaces the existing listwise filter; it skips zero-weight rows and rows removed by the missing policy,
//      and weighs the segment means; with no weights it equals the current unweighted computation).
//   5. JSON:                      j["case_weights"] = csat_cli::pls_weights_json(r);   // null when unweighted
//                                 j["warnings"] = csat_cli::pls_warnings_json(do_boot ? boot.warnings : r.warnings);
//                                 segments: add {"weight_sum", s.weight_sum} next to "n".
//   6. Text output:               csat_cli::pls_weights_print(os, r);       // after the "rows used" line
//                                 csat_cli::pls_warnings_print(os, do_boot ? boot.warnings : r.warnings);
// JSON keys are documented in docs/pls-weights.md.

#include <csat/pls/bootstrap.hpp>
#include <csat/pls/estimate.hpp>
#include <csat/pls/index.hpp>
#include <csat/survey/csv.hpp>

#include <nlohmann/json.hpp>

#include "cli.hpp"

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

namespace csat_cli {

/// The weight column is numeric: take it out of the columns read as text.
inline void pls_weights_csv_options(csat::survey::csv_options& copt, const std::string& weight_column) {
  if (weight_column.empty()) return;
  copt.text_columns.erase(std::remove(copt.text_columns.begin(), copt.text_columns.end(), weight_column),
                          copt.text_columns.end());
}

/// csat::invalid_argument naming the column when it is absent or not numeric.
inline void pls_weights_check_column(const csat::survey::data_table<double>& data, const std::string& weight_column) {
  if (weight_column.empty()) return;
  (void)csat::pls::detail::weight_column("csat pls --weights", data, weight_column);
}

inline void pls_weights_options(csat::pls::estimate_options& eo, const std::string& weight_column) {
  eo.weights = weight_column;
}

/// Runs the (weighted) estimation, or the (weighted) bootstrap when `bootstrap` is set (replaying `indices` when
/// given); returns the estimate. The bootstrap result is written to `boot`.
inline csat::pls::estimate_result<double> pls_weights_run(
    const csat::model::specification& spec, const csat::survey::data_table<double>& data, csat::pls::estimate_options eo,
    const std::string& weight_column, const csat::pls::bootstrap_options& bo, bool bootstrap,
    const Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic>* indices,
    csat::pls::bootstrap_result<double>* boot) {
  eo.weights = weight_column;
  if (!bootstrap || !boot) return csat::pls::estimate(spec, data, eo);
  *boot = indices ? csat::pls::bootstrap_indices(spec, data, *indices, eo, bo) : csat::pls::bootstrap(spec, data, eo, bo);
  return boot->estimate;
}

/// The labels of the rows estimated on: input rows minus zero-weight rows minus rows the missing policy removed.
inline std::vector<std::string> pls_weights_used_labels(const std::vector<std::string>& labels,
                                                        const csat::pls::estimate_result<double>& r) {
  std::vector<unsigned char> drop(labels.size(), 0);
  for (auto i : r.zero_weight_rows)
    if (static_cast<std::size_t>(i) < drop.size()) drop[static_cast<std::size_t>(i)] = 1;
  for (const auto& e : r.missing.excluded)
    if (static_cast<std::size_t>(e.row) < drop.size()) drop[static_cast<std::size_t>(e.row)] = 1;
  std::vector<std::string> used;
  used.reserve(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i)
    if (!drop[i]) used.push_back(labels[i]);
  return used;
}

/// Summary of the case weights of the rows estimated on.
struct weight_summary {
  std::string column;
  Eigen::Index n_positive = 0;   ///< rows estimated on
  Eigen::Index zero_excluded = 0;
  double sum = 0, min = 0, max = 0, mean = 0;
  double effective_n = 0;        ///< Kish (1965): (Σw)² / Σw²
};

inline weight_summary pls_weight_summary(const csat::pls::estimate_result<double>& r) {
  weight_summary s;
  s.column = r.weight_column;
  if (!r.weighted || r.case_weights.size() == 0) return s;
  const auto& w = r.case_weights;
  s.n_positive = w.size();
  s.zero_excluded = static_cast<Eigen::Index>(r.zero_weight_rows.size());
  s.sum = w.sum();
  s.min = w.minCoeff();
  s.max = w.maxCoeff();
  s.mean = s.sum / static_cast<double>(w.size());
  s.effective_n = s.sum * s.sum / w.squaredNorm();
  return s;
}

/// JSON `case_weights`: null when unweighted, else {column, sum, min, max, mean, n_positive, effective_n,
/// zero_weight_excluded, zero_weight_lines (source lines, or 0-based rows when the data had no lines)}.
inline nlohmann::json pls_weights_json(const csat::pls::estimate_result<double>& r) {
  if (!r.weighted) return nullptr;
  const auto s = pls_weight_summary(r);
  nlohmann::json lines = nlohmann::json::array();
  if (r.zero_weight_lines.size() == r.zero_weight_rows.size())
    for (auto l : r.zero_weight_lines) lines.push_back(l);
  else
    for (auto i : r.zero_weight_rows) lines.push_back(i);
  return {{"column", s.column},          {"sum", number(s.sum)},
          {"min", number(s.min)},        {"max", number(s.max)},
          {"mean", number(s.mean)},      {"n_positive", s.n_positive},
          {"effective_n", number(s.effective_n)}, {"zero_weight_excluded", s.zero_excluded},
          {"zero_weight_lines", lines}};
}

/// JSON `warnings`: an array of strings (empty when the solution is admissible).
inline nlohmann::json pls_warnings_json(const std::vector<std::string>& warnings) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& w : warnings) a.push_back(w);
  return a;
}

/// One paragraph about the weights (nothing when unweighted).
inline void pls_weights_print(std::ostream& os, const csat::pls::estimate_result<double>& r) {
  if (!r.weighted) return;
  const auto s = pls_weight_summary(r);
  os << "Case weights" << (s.column.empty() ? std::string() : " (column " + s.column + ")") << ": sum "
     << fixed(s.sum, 3) << ", min " << fixed(s.min, 4) << ", max " << fixed(s.max, 4) << ", mean " << fixed(s.mean, 4)
     << ", Kish effective n " << fixed(s.effective_n, 1) << " of " << s.n_positive << " rows";
  if (s.zero_excluded > 0) {
    os << "; " << s.zero_excluded << " zero-weight rows excluded (";
    const bool by_line = r.zero_weight_lines.size() == r.zero_weight_rows.size();
    const std::size_t shown = std::min<std::size_t>(r.zero_weight_rows.size(), 10);
    os << (by_line ? "lines " : "rows ");
    for (std::size_t i = 0; i < shown; ++i)
      os << (i ? ", " : "")
         << (by_line ? r.zero_weight_lines[i] : static_cast<std::size_t>(r.zero_weight_rows[i]));
    if (r.zero_weight_rows.size() > shown) os << ", ... (" << r.zero_weight_rows.size() - shown << " more)";
    os << ")";
  }
  os << "\n";
}

/// The admissibility warnings, one per line (nothing when there are none).
inline void pls_warnings_print(std::ostream& os, const std::vector<std::string>& warnings) {
  if (warnings.empty()) return;
  os << "WARNING: inadmissible solution (" << warnings.size() << (warnings.size() == 1 ? " issue" : " issues") << ")\n";
  for (const auto& w : warnings) os << "  - " << w << "\n";
  os << "\n";
}

}  // namespace csat_cli

#endif
