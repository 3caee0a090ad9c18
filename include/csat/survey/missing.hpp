#ifndef CSAT_SURVEY_MISSING_HPP
#define CSAT_SURVEY_MISSING_HPP

/// \file
/// Missing data, handled only by explicit policies.
///
/// - listwise_delete(): drops every row with a missing cell in the chosen columns; the report lists each
///   excluded row with its source line and the columns that were missing.
/// - mean_replace(): replaces each missing cell by the mean of the observed cells of its column; the report
///   lists, per column, the number of cells imputed, their source lines and the value used.
/// - require_complete(): for estimators (PLS, SEM, reliability) that need complete data: throws
///   csat::domain_error naming the first missing cell (source line and column name) when no policy was applied.
///
/// Nothing is dropped or imputed silently: every change is in the returned missing_report.

#include <csat/config.hpp>
#include <csat/core/error.hpp>
#include <csat/core/validate.hpp>
#include <csat/survey/csv.hpp>

#include <cmath>
#include <cstddef>
#include <cstdio>
#include <string>
#include <vector>

namespace csat {
namespace survey {

/// The missing-data policies csat offers. `none` means "the data must be complete".
enum class missing_policy { none, listwise, mean };

/// Name of a policy as used in reports and on the command line ("none", "listwise", "mean").
inline const char* to_string(missing_policy p) {
  switch (p) {
    case missing_policy::listwise: return "listwise";
    case missing_policy::mean: return "mean";
    default: return "none";
  }
}

/// A row removed by listwise deletion.
struct excluded_row {
  Eigen::Index row = 0;               ///< 0-based row in the input table
  std::size_t line = 0;               ///< 1-based source line of that row (0 if unknown)
  std::vector<std::string> columns;   ///< the columns missing in that row (the reason)
};

/// The cells of one column filled by mean replacement.
template <class Scalar = double>
struct imputed_column {
  std::string column;                 ///< column name
  Scalar value{};                     ///< the value put in (the mean of the observed cells)
  std::vector<Eigen::Index> rows;     ///< 0-based rows imputed
  std::vector<std::size_t> lines;     ///< their 1-based source lines
};

/// What a missing-data policy did.
template <class Scalar = double>
struct missing_report {
  missing_policy policy = missing_policy::none;
  std::vector<std::string> columns;            ///< the columns the policy was applied to
  Eigen::Index rows_before = 0;
  Eigen::Index rows_after = 0;
  std::vector<excluded_row> excluded;          ///< listwise: the rows removed, in input order
  std::vector<imputed_column<Scalar>> imputed; ///< mean: one entry per column with at least one imputed cell
  Eigen::Index cells_imputed = 0;              ///< mean: total cells imputed

  /// One-line summary, e.g. "listwise deletion excluded 3 of 250 rows (lines 4, 9, 17)".
  std::string summary() const {
    auto lines_text = [](const std::vector<std::size_t>& ls) {
      std::string s;
      const std::size_t shown = ls.size() < 10 ? ls.size() : 10;
      for (std::size_t i = 0; i < shown; ++i) s += (i ? ", " : "") + std::to_string(ls[i]);
      if (ls.size() > shown) s += ", ... (" + std::to_string(ls.size() - shown) + " more)";
      return s;
    };
    if (policy == missing_policy::listwise) {
      std::vector<std::size_t> ls;
      for (const auto& e : excluded) ls.push_back(e.line);
      std::string s = "listwise deletion excluded " + std::to_string(excluded.size()) + " of " +
                      std::to_string(rows_before) + " rows";
      if (!ls.empty()) s += " (lines " + lines_text(ls) + ")";
      return s;
    }
    if (policy == missing_policy::mean) {
      std::string s = "mean replacement imputed " + std::to_string(cells_imputed) + " cells in " +
                      std::to_string(imputed.size()) + " columns";
      const std::size_t shown = imputed.size() < 8 ? imputed.size() : 8;
      for (std::size_t k = 0; k < shown; ++k) {
        char mean[32];
        std::snprintf(mean, sizeof mean, "%.4g", static_cast<double>(imputed[k].value));
        s += (k ? "; " : ": ") + imputed[k].column + " " + std::to_string(imputed[k].rows.size()) + " (mean " + mean + ")";
      }
      if (imputed.size() > shown) s += "; ... (" + std::to_string(imputed.size() - shown) + " more columns)";
      return s;
    }
    return "no missing-data policy applied";
  }
};

/// The cleaned data and what was done to it.
template <class Scalar = double>
struct missing_result {
  data_table<Scalar> data;
  missing_report<Scalar> report;
};

}  // namespace survey

namespace detail {

template <class Scalar>
std::vector<Eigen::Index> resolve_columns(const survey::data_table<Scalar>& t, const std::vector<std::string>& columns) {
  std::vector<Eigen::Index> idx;
  if (columns.empty()) {
    for (Eigen::Index j = 0; j < t.cols(); ++j) idx.push_back(j);
  } else {
    for (const auto& c : columns) idx.push_back(t.index_of(c));
  }
  return idx;
}

template <class Scalar>
std::vector<std::string> column_names(const survey::data_table<Scalar>& t, const std::vector<Eigen::Index>& idx) {
  std::vector<std::string> out;
  for (auto j : idx) out.push_back(t.names[static_cast<std::size_t>(j)]);
  return out;
}

template <class Scalar>
std::size_t line_of(const survey::data_table<Scalar>& t, Eigen::Index i) {
  return static_cast<std::size_t>(i) < t.lines.size() ? t.lines[static_cast<std::size_t>(i)] : 0;
}

template <class Scalar>
void recount_missing(survey::data_table<Scalar>& t) {
  t.missing.assign(t.names.size(), 0);
  for (Eigen::Index j = 0; j < t.cols(); ++j)
    for (Eigen::Index i = 0; i < t.rows(); ++i)
      if (std::isnan(static_cast<double>(t.values(i, j)))) ++t.missing[static_cast<std::size_t>(j)];
}

// the matrix overloads of the estimators: one name a column, or a csat::invalid_argument from `function`
inline void check_column_names(const char* function, Eigen::Index cols, const std::vector<std::string>& columns) {
  if (static_cast<Eigen::Index>(columns.size()) != cols)
    throw_invalid_argument(function, "data has " + std::to_string(cols) + " columns, but " +
                                         std::to_string(columns.size()) + " column names were given");
}

// a data table ("<matrix>") over `data` with its columns named by `columns` and its missing cells counted
template <class Derived>
survey::data_table<typename Derived::Scalar> table_from_matrix(const char* function, const Eigen::MatrixBase<Derived>& data,
                                                               const std::vector<std::string>& columns) {
  check_column_names(function, data.cols(), columns);
  survey::data_table<typename Derived::Scalar> t;
  t.source = "<matrix>";
  t.names = columns;
  t.values = data;
  recount_missing(t);
  return t;
}

}  // namespace detail

namespace survey {

/// Listwise deletion: keeps only the rows with no missing cell in `columns` (all numeric columns if empty).
/// Text columns and source lines follow the kept rows. Other numeric columns are kept as they are
/// (they may still hold NaN; their missing counts are recomputed).
/// Throws csat::domain_error if no row is complete, and csat::invalid_argument for an unknown column.
template <class Scalar>
missing_result<Scalar> listwise_delete(const data_table<Scalar>& table, const std::vector<std::string>& columns = {}) {
  const auto idx = detail::resolve_columns(table, columns);
  missing_result<Scalar> out;
  out.report.policy = missing_policy::listwise;
  out.report.columns = detail::column_names(table, idx);
  out.report.rows_before = table.rows();

  std::vector<Eigen::Index> keep;
  keep.reserve(static_cast<std::size_t>(table.rows()));
  for (Eigen::Index i = 0; i < table.rows(); ++i) {
    excluded_row ex;
    for (auto j : idx)
      if (std::isnan(static_cast<double>(table.values(i, j)))) ex.columns.push_back(table.names[static_cast<std::size_t>(j)]);
    if (ex.columns.empty()) {
      keep.push_back(i);
    } else {
      ex.row = i;
      ex.line = detail::line_of(table, i);
      out.report.excluded.push_back(std::move(ex));
    }
  }
  if (keep.empty())
    detail::throw_domain_error("csat::survey::listwise_delete",
                                     "every one of the " + std::to_string(table.rows()) + " rows of " + table.source +
                                         " has a missing value in the chosen columns; no complete row is left");

  data_table<Scalar>& d = out.data;
  d.source = table.source;
  d.names = table.names;
  d.text_names = table.text_names;
  d.blank_lines_skipped = table.blank_lines_skipped;
  const auto n = static_cast<Eigen::Index>(keep.size());
  d.values.resize(n, table.cols());
  d.text.assign(table.text.size(), {});
  for (Eigen::Index r = 0; r < n; ++r) {
    const Eigen::Index i = keep[static_cast<std::size_t>(r)];
    d.values.row(r) = table.values.row(i);
    if (static_cast<std::size_t>(i) < table.lines.size()) d.lines.push_back(table.lines[static_cast<std::size_t>(i)]);
    for (std::size_t k = 0; k < table.text.size(); ++k) d.text[k].push_back(table.text[k][static_cast<std::size_t>(i)]);
  }
  detail::recount_missing(d);
  out.report.rows_after = n;
  return out;
}

/// Mean replacement: every missing cell of `columns` (all numeric columns if empty) becomes the mean of the
/// observed cells of its column. Throws csat::domain_error for a column with no observed value.
template <class Scalar>
missing_result<Scalar> mean_replace(const data_table<Scalar>& table, const std::vector<std::string>& columns = {}) {
  const auto idx = detail::resolve_columns(table, columns);
  missing_result<Scalar> out;
  out.data = table;
  out.report.policy = missing_policy::mean;
  out.report.columns = detail::column_names(table, idx);
  out.report.rows_before = out.report.rows_after = table.rows();
  for (auto j : idx) {
    Scalar sum(0);
    Eigen::Index n = 0;
    for (Eigen::Index i = 0; i < table.rows(); ++i) {
      const Scalar v = table.values(i, j);
      if (!std::isnan(static_cast<double>(v))) { sum += v; ++n; }
    }
    if (n == table.rows()) continue;
    const std::string& name = table.names[static_cast<std::size_t>(j)];
    if (n == 0)
      detail::throw_domain_error("csat::survey::mean_replace", "column " + detail::quoted(name) + " of " +
                                                                         table.source +
                                                                         " has no observed value to take a mean of");
    imputed_column<Scalar> ic;
    ic.column = name;
    ic.value = sum / static_cast<Scalar>(n);
    for (Eigen::Index i = 0; i < table.rows(); ++i)
      if (std::isnan(static_cast<double>(table.values(i, j)))) {
        out.data.values(i, j) = ic.value;
        ic.rows.push_back(i);
        ic.lines.push_back(detail::line_of(table, i));
      }
    out.report.cells_imputed += static_cast<Eigen::Index>(ic.rows.size());
    out.report.imputed.push_back(std::move(ic));
  }
  detail::recount_missing(out.data);
  return out;
}

/// Throws csat::domain_error if any of `columns` (all numeric columns if empty) holds a missing value,
/// naming the first one in file order: "FUNCTION: SOURCE:LINE: column "X" is missing (NaN), but FUNCTION needs
/// complete data: apply a missing-data policy (listwise deletion or mean replacement) first".
template <class Scalar>
void require_complete(const data_table<Scalar>& table, const std::vector<std::string>& columns = {},
                      const char* function = "csat::survey::require_complete") {
  const auto idx = detail::resolve_columns(table, columns);
  for (Eigen::Index i = 0; i < table.rows(); ++i)
    for (auto j : idx)
      if (std::isnan(static_cast<double>(table.values(i, j)))) {
        const std::size_t line = detail::line_of(table, i);
        const std::string where = table.source + ":" + (line ? std::to_string(line) : "row " + std::to_string(i));
        detail::throw_domain_error(
            function, where + ": column " + detail::quoted(table.names[static_cast<std::size_t>(j)]) +
                          " is missing (NaN), but " + function +
                          " needs complete data: apply a missing-data policy (listwise deletion or mean "
                          "replacement) first");
      }
}

/// Matrix form of require_complete() for estimators that take an Eigen matrix: the first NaN (row-major order)
/// is named by `names[j]` when given (else its 0-based index) and by `lines[i]` when given (else its 0-based row).
template <class Derived>
void require_complete(const char* function, const char* argument, const Eigen::MatrixBase<Derived>& data,
                      const std::vector<std::string>& names = {}, const std::vector<std::size_t>& lines = {}) {
  const auto& x = data.derived();
  for (Eigen::Index i = 0; i < x.rows(); ++i)
    for (Eigen::Index j = 0; j < x.cols(); ++j)
      if (std::isnan(static_cast<double>(x(i, j)))) {
        std::string where = detail::element_name(argument, i, j);
        if (static_cast<std::size_t>(j) < names.size())
          where += " (column " + detail::quoted(names[static_cast<std::size_t>(j)]);
        else
          where += " (column " + std::to_string(j);
        if (static_cast<std::size_t>(i) < lines.size()) where += ", line " + std::to_string(lines[static_cast<std::size_t>(i)]);
        where += ")";
        detail::throw_domain_error(function, where + " is missing (NaN), but complete data are needed: apply a "
                                                           "missing-data policy (listwise deletion or mean "
                                                           "replacement) first");
      }
}

/// Applies `policy` to `columns` (all numeric columns if empty). `none` returns the table unchanged after
/// require_complete() (so missing data is an error).
template <class Scalar>
missing_result<Scalar> apply_missing_policy(const data_table<Scalar>& table, missing_policy policy,
                                            const std::vector<std::string>& columns = {}) {
  switch (policy) {
    case missing_policy::listwise: return listwise_delete(table, columns);
    case missing_policy::mean: return mean_replace(table, columns);
    default: break;
  }
  missing_result<Scalar> out;
  require_complete(table, columns, "csat::survey::apply_missing_policy");
  out.data = table;
  out.report.columns = detail::column_names(table, detail::resolve_columns(table, columns));
  out.report.rows_before = out.report.rows_after = table.rows();
  return out;
}

}  // namespace survey
}  // namespace csat

#endif
