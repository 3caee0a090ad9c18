#ifndef CSAT_SURVEY_SCALE_HPP
#define CSAT_SURVEY_SCALE_HPP

/// \file
/// Response scales: linear rescaling to 0–100, reverse-coded items, and label/code scales such as the
/// power-industry 5-grade satisfaction scale.
///
/// - Linear rescaling (ACSI convention, Fornell et al. 1996): score = 100 · (x − min) / (max − min), where
///   min and max are the scale's theoretical end points (1–10 for ACSI items, 1–5, 1–7), not the observed ones.
/// - Reverse coding: x' = min + max − x (a 1–5 item answered 2 becomes 4).
/// - A label scale maps answer labels (很满意 ...) or their codes (5 ... 1) to scores.
///
/// Missing cells (NaN) pass through unchanged. A value outside the scale is a csat::domain_error naming the cell:
/// for matrices "x[i,j] = v" (0-based), for data tables "SOURCE:LINE: column "X" = v".

#include <csat/config.hpp>
#include <csat/core/error.hpp>
#include <csat/core/validate.hpp>
#include <csat/survey/csv.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace csat {
namespace survey {

/// A numeric response scale with theoretical end points min < max (e.g. 1 and 10).
struct scale_range {
  double min = 1;
  double max = 10;
};

/// The ACSI 10-point scale (1–10).
inline constexpr scale_range acsi_10{1, 10};
/// A 5-point Likert scale (1–5).
inline constexpr scale_range likert_5{1, 5};
/// A 7-point Likert scale (1–7).
inline constexpr scale_range likert_7{1, 7};
/// A 0–10 rating (willingness to recommend, NPS).
inline constexpr scale_range rating_0_10{0, 10};

namespace detail_scale {

inline void check_range(const char* function, const scale_range& r) {
  if (!(std::isfinite(r.min) && std::isfinite(r.max) && r.min < r.max))
    detail::throw_invalid_argument(function, "scale range [" + detail::format_value(r.min) + ", " +
                                                 detail::format_value(r.max) + "] must have finite min < max");
  if (!std::isfinite(100.0 * (r.max - r.min)))
    detail::throw_invalid_argument(function, "scale range [" + detail::format_value(r.min) + ", " +
                                                 detail::format_value(r.max) + "] is too wide: 100 · (max − min) overflows a double");
}

inline void out_of_range(const char* function, const std::string& where, double v, const scale_range& r) {
  detail::throw_domain_error(function, where, v,
                             "must lie in the scale range [" + detail::format_value(r.min) + ", " +
                                 detail::format_value(r.max) + "]");
}

template <class Scalar>
std::string cell_name(const data_table<Scalar>& t, Eigen::Index i, Eigen::Index j) {
  const std::size_t line = static_cast<std::size_t>(i) < t.lines.size() ? t.lines[static_cast<std::size_t>(i)] : 0;
  return t.source + ":" + (line ? std::to_string(line) : "row " + std::to_string(i)) + ": column " +
         detail::quoted(t.names[static_cast<std::size_t>(j)]);
}

// Calls visit(i, j, value) for every observed cell of the chosen columns (all if `columns` is empty), row by row,
// after checking that the value is in range (the first that is not is a domain_error naming its cell).
template <class Scalar, class Visit>
void for_each_in_range(const char* function, const data_table<Scalar>& table, const std::vector<std::string>& columns,
                       const scale_range& r, Visit&& visit) {
  check_range(function, r);
  std::vector<Eigen::Index> idx;
  if (columns.empty())
    for (Eigen::Index j = 0; j < table.cols(); ++j) idx.push_back(j);
  else
    for (const auto& c : columns) idx.push_back(table.index_of(c));
  for (Eigen::Index i = 0; i < table.rows(); ++i)
    for (auto j : idx) {
      const double v = static_cast<double>(table.values(i, j));
      if (std::isnan(v)) continue;
      if (!(v >= r.min && v <= r.max)) out_of_range(function, cell_name(table, i, j), v, r);
      visit(i, j, v);
    }
}

// Applies f(value) -> value to the chosen columns of a copy of the table, checking each value is in range.
template <class Scalar, class F>
data_table<Scalar> transform_columns(const char* function, const data_table<Scalar>& table,
                                     const std::vector<std::string>& columns, const scale_range& r, F f) {
  data_table<Scalar> out = table;
  for_each_in_range(function, table, columns, r,
                    [&](Eigen::Index i, Eigen::Index j, double v) { out.values(i, j) = static_cast<Scalar>(f(v)); });
  return out;
}

}  // namespace detail_scale

/// Linear rescaling of every cell to 0–100: 100 · (x − min) / (max − min). NaN stays NaN.
/// Throws csat::domain_error "x[i,j] = v, but must lie in the scale range [min, max]" for a value outside it.
template <class Derived>
Eigen::MatrixX<typename Derived::Scalar> rescale_to_100(const Eigen::MatrixBase<Derived>& x, const scale_range& range) {
  using Scalar = typename Derived::Scalar;
  const char* function = "csat::survey::rescale_to_100";
  detail_scale::check_range(function, range);
  Eigen::MatrixX<Scalar> out = x;
  const Scalar lo = static_cast<Scalar>(range.min), width = static_cast<Scalar>(range.max - range.min);
  for (Eigen::Index j = 0; j < out.cols(); ++j)
    for (Eigen::Index i = 0; i < out.rows(); ++i) {
      const double v = static_cast<double>(out(i, j));
      if (std::isnan(v)) continue;
      if (!(v >= range.min && v <= range.max)) detail_scale::out_of_range(function, detail::element_name("x", i, j), v, range);
      out(i, j) = Scalar(100) * (out(i, j) - lo) / width;
    }
  return out;
}

/// Checks that every observed value of the named numeric columns (all if `columns` is empty) lies in the scale
/// range; the first that does not is a csat::domain_error naming "SOURCE:LINE: column "X" = v" and the range.
/// Missing cells (NaN) are not checked.
template <class Scalar>
void check_in_range(const data_table<Scalar>& table, const std::vector<std::string>& columns, const scale_range& range) {
  detail_scale::for_each_in_range("csat::survey::check_in_range", table, columns, range,
                                  [](Eigen::Index, Eigen::Index, double) {});
}

/// Rescales the named numeric columns of a table (all if `columns` is empty) to 0–100; errors name
/// "SOURCE:LINE: column "X" = v".
template <class Scalar>
data_table<Scalar> rescale_to_100(const data_table<Scalar>& table, const std::vector<std::string>& columns,
                                  const scale_range& range) {
  const double width = range.max - range.min;
  return detail_scale::transform_columns("csat::survey::rescale_to_100", table, columns, range,
                                         [&](double v) { return 100.0 * (v - range.min) / width; });
}

/// Reverse coding: x' = min + max − x. NaN stays NaN; values outside the range are errors.
template <class Derived>
Eigen::MatrixX<typename Derived::Scalar> reverse_code(const Eigen::MatrixBase<Derived>& x, const scale_range& range) {
  using Scalar = typename Derived::Scalar;
  const char* function = "csat::survey::reverse_code";
  detail_scale::check_range(function, range);
  Eigen::MatrixX<Scalar> out = x;
  for (Eigen::Index j = 0; j < out.cols(); ++j)
    for (Eigen::Index i = 0; i < out.rows(); ++i) {
      const double v = static_cast<double>(out(i, j));
      if (std::isnan(v)) continue;
      if (!(v >= range.min && v <= range.max)) detail_scale::out_of_range(function, detail::element_name("x", i, j), v, range);
      out(i, j) = static_cast<Scalar>(range.min + range.max) - out(i, j);
    }
  return out;
}

/// Reverse-codes the named columns of a table (reverse-worded items).
template <class Scalar>
data_table<Scalar> reverse_code(const data_table<Scalar>& table, const std::vector<std::string>& columns,
                                const scale_range& range) {
  if (columns.empty())
    detail::throw_invalid_argument("csat::survey::reverse_code", "no columns named to reverse-code");
  return detail_scale::transform_columns("csat::survey::reverse_code", table, columns, range,
                                         [&](double v) { return range.min + range.max - v; });
}

/// One answer of a label scale: its label, its code and the score it stands for.
struct scale_level {
  std::string label;  ///< e.g. "很满意"
  int code = 0;       ///< e.g. 5
  double score = 0;   ///< e.g. 100
};

/// A categorical answer scale: labels and integer codes mapped to scores. Labels and codes must be unique and
/// scores finite; the constructor checks this.
class label_scale {
public:
  label_scale() = default;
  label_scale(std::string name, std::vector<scale_level> levels) : m_name(std::move(name)), m_levels(std::move(levels)) {
    const char* function = "csat::survey::label_scale";
    if (m_levels.size() < 2)
      detail::throw_invalid_argument(function, "scale " + detail::quoted(m_name) + " needs at least two levels");
    for (std::size_t a = 0; a < m_levels.size(); ++a) {
      if (m_levels[a].label.empty())
        detail::throw_invalid_argument(function, "scale " + detail::quoted(m_name) + ": level " + std::to_string(a) +
                                                     " has an empty label");
      if (!std::isfinite(m_levels[a].score))
        detail::throw_domain_error(function, "levels[" + std::to_string(a) + "].score", m_levels[a].score,
                                   "must be finite");
      for (std::size_t b = 0; b < a; ++b) {
        if (m_levels[a].label == m_levels[b].label)
          detail::throw_invalid_argument(function, "scale " + detail::quoted(m_name) + ": label " +
                                                       detail::quoted(m_levels[a].label) + " appears twice");
        if (m_levels[a].code == m_levels[b].code)
          detail::throw_invalid_argument(function, "scale " + detail::quoted(m_name) + ": code " +
                                                       std::to_string(m_levels[a].code) + " appears twice");
      }
    }
  }

  const std::string& name() const { return m_name; }
  const std::vector<scale_level>& levels() const { return m_levels; }

  /// The level with this label or this code written as text ("很满意" or "5"); nullptr if none.
  const scale_level* find(const std::string& text) const {
    const std::string t = detail::trim(text);
    for (const auto& l : m_levels)
      if (l.label == t) return &l;
    for (const auto& l : m_levels)
      if (t == std::to_string(l.code)) return &l;
    return nullptr;
  }

  /// The level with this numeric code; nullptr if none (non-integers never match).
  const scale_level* find(double code) const {
    for (const auto& l : m_levels)
      if (code == static_cast<double>(l.code)) return &l;
    return nullptr;
  }

  /// The accepted answers, for error messages: "很满意/5, 比较满意/4, ...".
  std::string accepted() const {
    std::string s;
    for (std::size_t k = 0; k < m_levels.size(); ++k)
      s += (k ? ", " : "") + m_levels[k].label + "/" + std::to_string(m_levels[k].code);
    return s;
  }

private:
  std::string m_name;
  std::vector<scale_level> m_levels;
};

/// The power-industry 5-grade satisfaction scale: 很满意 (5) 100, 比较满意 (4) 80, 基本满意 (3) 60,
/// 不太满意 (2) 40, 很不满意 (1) 0.
inline label_scale power_5_grade() {
  return label_scale("power_5_grade", {{"很满意", 5, 100},
                                       {"比较满意", 4, 80},
                                       {"基本满意", 3, 60},
                                       {"不太满意", 2, 40},
                                       {"很不满意", 1, 0}});
}

/// Maps the named columns of a table through a label scale and returns a table where they are numeric scores.
/// A column may be a text column (labels or codes as text; missing tokens of `missing_tokens` give NaN) or a
/// numeric column (codes; NaN stays NaN). Numeric columns keep their place; text columns become numeric
/// columns appended after the existing ones. An answer that is not on the scale is a csat::domain_error naming
/// "SOURCE:LINE: column "X" = answer".
template <class Scalar>
data_table<Scalar> apply_label_scale(const data_table<Scalar>& table, const std::vector<std::string>& columns,
                                     const label_scale& scale,
                                     const std::vector<std::string>& missing_tokens = default_missing_tokens()) {
  const char* function = "csat::survey::apply_label_scale";
  if (columns.empty()) detail::throw_invalid_argument(function, "no columns named to map");
  data_table<Scalar> out = table;
  auto line_of = [&](Eigen::Index i) {
    const std::size_t line = static_cast<std::size_t>(i) < table.lines.size() ? table.lines[static_cast<std::size_t>(i)] : 0;
    return table.source + ":" + (line ? std::to_string(line) : "row " + std::to_string(i));
  };
  auto fail = [&](Eigen::Index i, const std::string& col, const std::string& value) {
    detail::throw_domain_error(function, line_of(i) + ": column " + detail::quoted(col) + " = " +
                                             detail::quoted(value) + ", but scale " + detail::quoted(scale.name()) +
                                             " accepts only " + scale.accepted());
  };
  std::vector<std::string> drop_text;
  for (const auto& c : columns) {
    const auto tn = std::find(table.text_names.begin(), table.text_names.end(), c);
    if (tn != table.text_names.end()) {
      const auto& cells = table.text[static_cast<std::size_t>(tn - table.text_names.begin())];
      Eigen::VectorX<Scalar> v(table.rows());
      for (Eigen::Index i = 0; i < table.rows(); ++i) {
        const std::string cell = detail::trim(cells[static_cast<std::size_t>(i)]);
        if (std::find(missing_tokens.begin(), missing_tokens.end(), cell) != missing_tokens.end()) {
          v(i) = std::numeric_limits<Scalar>::quiet_NaN();
          continue;
        }
        const scale_level* l = scale.find(cell);
        if (!l) fail(i, c, cell);
        v(i) = static_cast<Scalar>(l->score);
      }
      out.values.conservativeResize(table.rows(), out.values.cols() + 1);
      out.values.col(out.values.cols() - 1) = v;
      out.names.push_back(c);
      out.missing.push_back(static_cast<Eigen::Index>((v.array() != v.array()).count()));
      drop_text.push_back(c);
      continue;
    }
    const Eigen::Index j = table.index_of(c);
    Eigen::Index miss = 0;
    for (Eigen::Index i = 0; i < table.rows(); ++i) {
      const double v = static_cast<double>(table.values(i, j));
      if (std::isnan(v)) { ++miss; continue; }
      const scale_level* l = scale.find(v);
      if (!l) fail(i, c, detail::format_value(v));
      out.values(i, j) = static_cast<Scalar>(l->score);
    }
    out.missing[static_cast<std::size_t>(j)] = miss;
  }
  for (const auto& c : drop_text) {
    const auto k = static_cast<std::size_t>(std::find(out.text_names.begin(), out.text_names.end(), c) - out.text_names.begin());
    out.text_names.erase(out.text_names.begin() + static_cast<std::ptrdiff_t>(k));
    out.text.erase(out.text.begin() + static_cast<std::ptrdiff_t>(k));
  }
  return out;
}

}  // namespace survey
}  // namespace csat

#endif
