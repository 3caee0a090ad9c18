#ifndef CSAT_SEM_FIT_TABLE_HPP
#define CSAT_SEM_FIT_TABLE_HPP

/// \file
/// One-call ML SEM on a survey data table: model text, optional group column, listwise or FIML.

#include <csat/sem/estimate.hpp>
#include <csat/sem/model.hpp>
#include <csat/sem/sample.hpp>
#include <csat/survey/csv.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace csat {
namespace sem {

/// Options of fit_table().
struct sem_options {
  model_options model{};                           ///< groups and meanstructure are set by fit_table
  fit_options estimation{};
  missing_policy missing = missing_policy::listwise;
  std::string group{};                              ///< group column (text or numeric); empty: one group
};

/// A fitted model together with its specification.
struct table_fit {
  sem_model model;
  sem_result result;
};

/// Group index of every row (-1 for a missing label) and the labels in order of first appearance.
inline std::vector<int> group_rows(const survey::data_table<double>& t, const std::string& column,
                                   std::vector<std::string>& labels) {
  std::vector<int> out(static_cast<std::size_t>(t.rows()), -1);
  labels.clear();
  const auto code = [&](const std::string& s) {
    for (std::size_t k = 0; k < labels.size(); ++k)
      if (labels[k] == s) return static_cast<int>(k);
    labels.push_back(s);
    return static_cast<int>(labels.size() - 1);
  };
  const bool is_text = std::find(t.text_names.begin(), t.text_names.end(), column) != t.text_names.end();
  if (is_text) {
    const auto& col = t.text_column(column);
    for (std::size_t i = 0; i < col.size(); ++i)
      if (!col[i].empty()) out[i] = code(col[i]);
  } else {
    const Eigen::Index j = t.index_of(column);
    for (Eigen::Index i = 0; i < t.rows(); ++i) {
      const double v = t.values(i, j);
      if (!std::isnan(v)) out[static_cast<std::size_t>(i)] = code(csat::detail::format_value(v));
    }
  }
  return out;
}

/// Specifies `syn` and fits it to the table. Throws csat::invalid_argument naming a model variable that is
/// not a numeric column, csat::domain_error for singular data; non-convergence is a status in the result.
inline table_fit fit_table(const model::syntax& syn, const survey::data_table<double>& t, sem_options o = {}) {
  const char* fn = "csat::sem::fit_table";
  std::vector<std::string> labels;
  std::vector<int> groups;
  if (!o.group.empty()) {
    const bool exists = t.has(o.group) ||
                        std::find(t.text_names.begin(), t.text_names.end(), o.group) != t.text_names.end();
    if (!exists)
      csat::detail::throw_invalid_argument(fn, "group column " + csat::detail::quoted(o.group) + " is not in " + t.source);
    groups = group_rows(t, o.group, labels);
    if (labels.size() < 2)
      csat::detail::throw_invalid_argument(fn, "group column " + csat::detail::quoted(o.group) + " has " +
                                                   std::to_string(labels.size()) + " distinct value(s), but needs at least 2");
    o.model.groups = static_cast<int>(labels.size());
  }
  if (o.missing == missing_policy::fiml) o.model.meanstructure = true;
  table_fit out{specify(syn, o.model), {}};
  for (const auto& v : out.model.observed)
    if (!t.has(v))
      csat::detail::throw_invalid_argument(
          fn, "observed variable " + csat::detail::quoted(v) + " of the model is not a numeric column of " + t.source);
  Eigen::MatrixXd x = t.select(out.model.observed);
  Eigen::Index no_group = 0;
  if (!groups.empty()) {
    // rows without a group label are dropped
    for (std::size_t i = 0; i < groups.size(); ++i)
      if (groups[i] < 0) {
        ++no_group;
        x.row(static_cast<Eigen::Index>(i)).setConstant(std::numeric_limits<double>::quiet_NaN());
      }
  }
  sample_data s = make_sample(x, out.model.observed, groups, labels, o.missing);
  if (s.fiml && !out.model.meanstructure) {
    o.model.meanstructure = true;
    out.model = specify(syn, o.model);
  }
  out.result = fit(out.model, s, o.estimation);
  if (no_group > 0)
    out.result.warnings.push_back(std::to_string(no_group) + " row(s) without a value in group column " +
                                  csat::detail::quoted(o.group) + " dropped");
  return out;
}

/// Parses `text` (named `source` in errors) and calls fit_table(const model::syntax&, ...).
inline table_fit fit_table(const std::string& text, const survey::data_table<double>& t, const sem_options& o = {},
                           const std::string& source = "<model>") {
  return fit_table(model::parse_syntax(text, source), t, o);
}

}  // namespace sem
}  // namespace csat

#endif
