#ifndef CSAT_FUZZY_MEMBERSHIP_HPP
#define CSAT_FUZZY_MEMBERSHIP_HPP

/// \file
/// Single-factor evaluation (membership) matrices R (indicators x grades).
///
/// - From survey responses: the share of each grade among an item's answered responses (the fuzzy statistics
///   method, 模糊统计法), with counts and missing responses reported per item. Responses are numeric grade
///   codes or grade labels; an unknown code or label is an error naming the item and the row.
/// - From quantitative indicators (KPIs) through membership functions: triangular, trapezoidal, Gaussian,
///   larger-is-better and smaller-is-better half-trapezoids, and the grade partition built from one knot per
///   grade (half-trapezoid, triangles, half-trapezoid), whose rows sum to 1 by construction.
/// - Row policies: rows must sum to 1 (default), are normalized with the deviation reported, or are taken as is.

#include <csat/config.hpp>
#include <csat/core/error.hpp>
#include <csat/core/validate.hpp>
#include <csat/fuzzy/grades.hpp>
#include <csat/survey/csv.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace csat {
namespace fuzzy {

/// What to do with a membership row that does not sum to 1.
enum class row_policy {
  require_unit_sum,  ///< a row sum further than the tolerance from 1 is a csat::domain_error naming the item
  normalize,         ///< divide each row by its sum; the deviation |sum − 1| is reported
  as_is              ///< accept any row in [0, 1] (fuzzy relations that are not distributions)
};

inline const char* to_string(row_policy p) {
  switch (p) {
    case row_policy::require_unit_sum: return "require-unit-sum";
    case row_policy::normalize: return "normalize";
    case row_policy::as_is: return "as-is";
  }
  return "?";
}

namespace detail {

/// "item 2 (\"电压合格率\")" or "item 2".
inline std::string item_label(const std::vector<std::string>& names, Eigen::Index i) {
  std::string s = "item " + std::to_string(i);
  if (i >= 0 && static_cast<std::size_t>(i) < names.size() && !names[static_cast<std::size_t>(i)].empty())
    s += " (" + csat::detail::quoted(names[static_cast<std::size_t>(i)]) + ")";
  return s;
}

inline std::string context_prefix(const std::string& context) {
  return context.empty() ? std::string() : "node " + csat::detail::quoted(context) + ": ";
}

}  // namespace detail

// ---- row checks and normalization ----------------------------------------------------------------------

/// Rows after a row policy, with what the policy found.
template <class Scalar = double>
struct row_normalization_result {
  Eigen::MatrixX<Scalar> membership;   ///< the rows after the policy
  Eigen::VectorX<Scalar> row_sums;     ///< row sums before the policy
  Scalar max_deviation = Scalar(0);    ///< max |row sum − 1| before the policy
  row_policy policy = row_policy::require_unit_sum;
};

/// Checks R (entries in [0, 1], rows summing to 1 within `tolerance` unless the policy says otherwise) and applies
/// the policy. Errors name the item (row) and grade (column): "item 2 ("x"), grade 1 ("比较满意")".
template <class Derived>
row_normalization_result<typename Derived::Scalar> apply_row_policy(
    const Eigen::MatrixBase<Derived>& r_in, row_policy policy, double tolerance = 1e-9,
    const std::vector<std::string>& items = {}, const std::vector<std::string>& grades = {},
    const std::string& context = {}, const char* function = "csat::fuzzy::apply_row_policy") {
  using Scalar = typename Derived::Scalar;
  using std::abs;
  row_normalization_result<Scalar> out;
  out.membership = r_in;
  out.policy = policy;
  const auto& r = out.membership;
  const std::string pre = detail::context_prefix(context);
  if (r.rows() == 0 || r.cols() == 0)
    csat::detail::throw_invalid_argument(function, pre + "membership matrix is empty (" + std::to_string(r.rows()) +
                                                       "x" + std::to_string(r.cols()) + ")");
  for (Eigen::Index i = 0; i < r.rows(); ++i)
    for (Eigen::Index j = 0; j < r.cols(); ++j) {
      const double v = static_cast<double>(r(i, j));
      if (!(v >= 0 && v <= 1)) {
        std::string g = "grade " + std::to_string(j);
        if (static_cast<std::size_t>(j) < grades.size()) g += " (" + csat::detail::quoted(grades[static_cast<std::size_t>(j)]) + ")";
        csat::detail::throw_domain_error(function, pre + "membership of " + detail::item_label(items, i) + " in " + g,
                                         v, "must lie in [0, 1]");
      }
    }
  out.row_sums = r.rowwise().sum();
  for (Eigen::Index i = 0; i < r.rows(); ++i) {
    const Scalar dev = abs(out.row_sums(i) - Scalar(1));
    if (dev > out.max_deviation) out.max_deviation = dev;
    if (policy == row_policy::require_unit_sum && !(static_cast<double>(dev) <= tolerance))
      csat::detail::throw_domain_error(
          function, pre + "sum of the membership row of " + detail::item_label(items, i),
          static_cast<double>(out.row_sums(i)),
          "must equal 1 within " + csat::detail::format_value(tolerance) + " (or choose a normalization policy)");
    if (policy == row_policy::normalize) {
      if (!(out.row_sums(i) > Scalar(0)))
        csat::detail::throw_domain_error(function, pre + "sum of the membership row of " + detail::item_label(items, i),
                                         static_cast<double>(out.row_sums(i)), "must be positive to be normalized");
      out.membership.row(i) /= out.row_sums(i);
    }
  }
  return out;
}

// ---- survey responses ---------------------------------------------------------------------------------

/// How survey responses map to grades.
struct survey_options {
  /// The response code of each grade, in grade order; empty means 1, 2, ..., k (code 1 = the first grade).
  std::vector<double> codes{};
  /// Label input: cell texts (after trimming) that mean "no answer".
  std::vector<std::string> missing_tokens{"", "NA", "N/A", "NaN", "."};
  /// Label input: a cell that is a number equal to a grade code counts for that grade.
  bool accept_codes = true;
};

/// Membership matrix from survey responses.
template <class Scalar = double>
struct survey_membership_result {
  std::vector<std::string> items;                  ///< item (indicator) names, one per row of `membership`
  std::vector<std::string> grades;                 ///< grade names, one per column
  Eigen::MatrixX<Scalar> membership;               ///< items x grades: counts / answered
  Eigen::MatrixX<Eigen::Index> counts;             ///< items x grades: responses per grade
  Eigen::VectorX<Eigen::Index> answered;           ///< responses with a grade, per item
  Eigen::VectorX<Eigen::Index> missing;            ///< missing responses (NaN or a missing token), per item
};

namespace detail {

/// Maps numeric codes to grade indices (a lookup table for small integer codes, a search otherwise).
class code_map {
public:
  code_map(const std::vector<double>& codes_in, std::size_t k, const char* function) {
    m_codes = codes_in;
    if (m_codes.empty())
      for (std::size_t j = 0; j < k; ++j) m_codes.push_back(static_cast<double>(j + 1));
    if (m_codes.size() != k)
      csat::detail::throw_invalid_argument(function, "codes has size " + std::to_string(m_codes.size()) +
                                                         ", but must have one code per grade (" + std::to_string(k) + ")");
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    bool integral = true;
    for (std::size_t j = 0; j < k; ++j) {
      const double c = m_codes[j];
      if (!std::isfinite(c)) csat::detail::throw_domain_error(function, csat::detail::element_name("codes", static_cast<Eigen::Index>(j)), c, "must be finite");
      for (std::size_t q = 0; q < j; ++q)
        if (m_codes[q] == c)
          csat::detail::throw_invalid_argument(function, "code " + csat::detail::format_value(c) + " is given to grades " +
                                                             std::to_string(q) + " and " + std::to_string(j));
      integral = integral && c == std::floor(c) && std::abs(c) < 1e9;
      lo = std::min(lo, c);
      hi = std::max(hi, c);
    }
    if (integral && hi - lo < 4096) {
      m_base = static_cast<long long>(lo);
      m_table.assign(static_cast<std::size_t>(hi - lo) + 1, -1);
      for (std::size_t j = 0; j < k; ++j) m_table[static_cast<std::size_t>(static_cast<long long>(m_codes[j]) - m_base)] = static_cast<int>(j);
    }
  }
  /// Grade index of code v, or -1.
  int operator()(double v) const {
    if (!m_table.empty()) {
      if (!(v >= static_cast<double>(m_base) && v <= static_cast<double>(m_base) + static_cast<double>(m_table.size() - 1))) return -1;
      const auto c = static_cast<long long>(v);
      if (static_cast<double>(c) != v) return -1;
      return m_table[static_cast<std::size_t>(c - m_base)];
    }
    for (std::size_t j = 0; j < m_codes.size(); ++j)
      if (m_codes[j] == v) return static_cast<int>(j);
    return -1;
  }
  std::string joined() const {
    std::string s;
    for (std::size_t j = 0; j < m_codes.size(); ++j) s += (j ? ", " : "") + csat::detail::format_value(m_codes[j]);
    return s;
  }

private:
  std::vector<double> m_codes;
  std::vector<int> m_table;
  long long m_base = 0;
};

inline std::string row_location(Eigen::Index row, const std::vector<std::size_t>& lines, const std::string& source) {
  std::string s = "row " + std::to_string(row);
  if (static_cast<std::size_t>(row) < lines.size()) {
    s += " (";
    if (!source.empty()) s += source + ":";
    s += "line " + std::to_string(lines[static_cast<std::size_t>(row)]) + ")";
  }
  return s;
}

// the result for n items before counting: item names (default "item 0", ...; checked against n), grade names,
// zero counts
template <class Scalar>
survey_membership_result<Scalar> start_survey(const char* function, Eigen::Index n, std::vector<std::string> items,
                                              const grade_set& grades) {
  if (items.empty())
    for (Eigen::Index i = 0; i < n; ++i) items.push_back("item " + std::to_string(i));
  csat::detail::check_size(function, "items", static_cast<Eigen::Index>(items.size()), n);
  const auto k = static_cast<Eigen::Index>(grades.size());
  survey_membership_result<Scalar> out;
  out.items = std::move(items);
  out.grades = grades.names();
  out.counts = Eigen::MatrixX<Eigen::Index>::Zero(n, k);
  out.answered = Eigen::VectorX<Eigen::Index>::Zero(n);
  out.missing = Eigen::VectorX<Eigen::Index>::Zero(n);
  return out;
}

template <class Scalar>
void finish_survey(survey_membership_result<Scalar>& out, const char* function) {
  const auto n = out.counts.rows();
  out.membership.resize(n, out.counts.cols());
  for (Eigen::Index i = 0; i < n; ++i) {
    if (out.answered(i) == 0)
      csat::detail::throw_domain_error(function, detail::item_label(out.items, i) + " has no graded responses (" +
                                                     std::to_string(out.missing(i)) + " missing)");
    for (Eigen::Index j = 0; j < out.counts.cols(); ++j)
      out.membership(i, j) = static_cast<Scalar>(out.counts(i, j)) / static_cast<Scalar>(out.answered(i));
  }
}

}  // namespace detail

/// Membership from numeric response codes: `responses` is respondents x items, NaN = missing.
/// \param items  one name per column (used in messages and the result); empty gives "item j"
/// \param lines, source  optional source lines per row and the file name, for messages
/// An unknown code is a csat::domain_error naming the item, the row (and line) and the code.
template <class Derived>
survey_membership_result<typename Derived::Scalar> survey_membership(
    const Eigen::MatrixBase<Derived>& responses, const grade_set& grades, std::vector<std::string> items = {},
    const survey_options& options = {}, const std::vector<std::size_t>& lines = {}, const std::string& source = {}) {
  using Scalar = typename Derived::Scalar;
  static const char* fn = "csat::fuzzy::survey_membership";
  const auto& x = responses.derived();
  const auto n = x.cols();
  auto out = detail::start_survey<Scalar>(fn, n, std::move(items), grades);
  const detail::code_map map(options.codes, grades.size(), fn);
  const auto k = static_cast<Eigen::Index>(grades.size());
  std::vector<Eigen::Index> cnt(static_cast<std::size_t>(k) + 1);
  for (Eigen::Index i = 0; i < n; ++i) {
    std::fill(cnt.begin(), cnt.end(), 0);
    Eigen::Index miss = 0;
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
      const double v = static_cast<double>(x(r, i));
      if (std::isnan(v)) { ++miss; continue; }
      const int g = map(v);
      if (g < 0)
        csat::detail::throw_domain_error(fn, detail::item_label(out.items, i) + ", " + detail::row_location(r, lines, source) +
                                                 ": code " + csat::detail::format_value(v) +
                                                 " is not a grade code (codes " + map.joined() + " for grades " +
                                                 grades.joined() + ")");
      ++cnt[static_cast<std::size_t>(g)];
    }
    for (Eigen::Index j = 0; j < k; ++j) out.counts(i, j) = cnt[static_cast<std::size_t>(j)];
    out.missing(i) = miss;
    out.answered(i) = x.rows() - miss;
  }
  detail::finish_survey(out, fn);
  return out;
}

/// Membership from the columns `items` of a survey table read by csat::survey::read_csv (numeric codes).
template <class Scalar>
survey_membership_result<Scalar> survey_membership(const survey::data_table<Scalar>& table,
                                                   const std::vector<std::string>& items, const grade_set& grades,
                                                   const survey_options& options = {}) {
  return survey_membership(table.select(items), grades, items, options, table.lines, table.source);
}

/// Membership from response labels: `cells[i][r]` is respondent r's answer to item i, a grade name, a missing
/// token, or (if options.accept_codes) a grade code. Anything else is a csat::domain_error naming the item, the
/// row (and line) and the text.
template <class Scalar = double>
survey_membership_result<Scalar> survey_membership_labels(const std::vector<std::vector<std::string>>& cells,
                                                          const grade_set& grades, std::vector<std::string> items = {},
                                                          const survey_options& options = {},
                                                          const std::vector<std::size_t>& lines = {},
                                                          const std::string& source = {}) {
  static const char* fn = "csat::fuzzy::survey_membership";
  const auto n = static_cast<Eigen::Index>(cells.size());
  auto out = detail::start_survey<Scalar>(fn, n, std::move(items), grades);
  const detail::code_map map(options.codes, grades.size(), fn);
  std::unordered_map<std::string, int> label;
  for (std::size_t j = 0; j < grades.size(); ++j) label.emplace(grades.name(j), static_cast<int>(j));
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto& col = cells[static_cast<std::size_t>(i)];
    if (i > 0 && col.size() != cells[0].size())
      csat::detail::throw_invalid_argument(fn, detail::item_label(out.items, i) + " has " + std::to_string(col.size()) +
                                                   " responses, but item 0 has " + std::to_string(cells[0].size()));
    for (std::size_t r = 0; r < col.size(); ++r) {
      const std::string t = csat::detail::trim(col[r]);
      const auto it = label.find(t);
      int g = it == label.end() ? -1 : it->second;
      if (g < 0) {
        if (std::find(options.missing_tokens.begin(), options.missing_tokens.end(), t) != options.missing_tokens.end()) {
          ++out.missing(i);
          continue;
        }
        double v = 0;
        bool overflow = false;
        if (options.accept_codes && csat::detail::parse_double(t.data(), t.data() + t.size(), v, overflow)) g = map(v);
        if (g < 0)
          csat::detail::throw_domain_error(
              fn, detail::item_label(out.items, i) + ", " + detail::row_location(static_cast<Eigen::Index>(r), lines, source) +
                      ": " + csat::detail::quoted(t) + " is not a grade label" +
                      (options.accept_codes ? " or code" : "") + " (grades " + grades.joined() +
                      (options.accept_codes ? "; codes " + map.joined() : std::string()) + ")");
      }
      ++out.counts(i, g);
    }
    out.answered(i) = static_cast<Eigen::Index>(col.size()) - out.missing(i);
  }
  detail::finish_survey(out, fn);
  return out;
}

/// Membership from label columns of a survey table read with csv_options::text_columns = items (grade names, missing
/// tokens or, if options.accept_codes, grade codes); errors name the item and the file line.
template <class Scalar = double, class TableScalar>
survey_membership_result<Scalar> survey_membership_labels(const survey::data_table<TableScalar>& table,
                                                          const std::vector<std::string>& items, const grade_set& grades,
                                                          const survey_options& options = {}) {
  std::vector<std::vector<std::string>> cells;
  for (const auto& it : items) cells.push_back(table.text_column(it));
  return survey_membership_labels<Scalar>(cells, grades, items, options, table.lines, table.source);
}

// ---- membership functions ---------------------------------------------------------------------------------

/// The shapes of membership_function.
enum class shape { triangular, trapezoidal, gaussian, larger_is_better, smaller_is_better };

inline const char* to_string(shape s) {
  switch (s) {
    case shape::triangular: return "triangular";
    case shape::trapezoidal: return "trapezoidal";
    case shape::gaussian: return "gaussian";
    case shape::larger_is_better: return "larger-is-better";
    case shape::smaller_is_better: return "smaller-is-better";
  }
  return "?";
}

/// A validated membership function μ: R → [0, 1]. Construct through the named factories; breakpoints must be
/// finite and ordered, or csat::domain_error names the function's item and the breakpoints.
template <class Scalar = double>
class membership_function {
public:
  /// tri(x; a, b, c): 0 outside [a, c], rising to 1 at b. Requires a <= b <= c and a < c.
  static membership_function triangular(Scalar a, Scalar b, Scalar c, std::string item = {}) {
    return membership_function(shape::triangular, {a, b, c, Scalar(0)}, 3, std::move(item));
  }
  /// trap(x; a, b, c, d): 0 outside [a, d], 1 on [b, c], linear between. Requires a <= b <= c <= d and a < d.
  static membership_function trapezoidal(Scalar a, Scalar b, Scalar c, Scalar d, std::string item = {}) {
    return membership_function(shape::trapezoidal, {a, b, c, d}, 4, std::move(item));
  }
  /// exp(−(x − c)² / (2σ²)), σ > 0.
  static membership_function gaussian(Scalar center, Scalar sigma, std::string item = {}) {
    return membership_function(shape::gaussian, {center, sigma, Scalar(0), Scalar(0)}, 2, std::move(item));
  }
  /// Rising half-trapezoid (升半梯形): 0 for x <= a, (x − a)/(b − a) on (a, b), 1 for x >= b. Requires a < b.
  static membership_function larger_is_better(Scalar a, Scalar b, std::string item = {}) {
    return membership_function(shape::larger_is_better, {a, b, Scalar(0), Scalar(0)}, 2, std::move(item));
  }
  /// Falling half-trapezoid (降半梯形): 1 for x <= a, (b − x)/(b − a) on (a, b), 0 for x >= b. Requires a < b.
  static membership_function smaller_is_better(Scalar a, Scalar b, std::string item = {}) {
    return membership_function(shape::smaller_is_better, {a, b, Scalar(0), Scalar(0)}, 2, std::move(item));
  }

  shape kind() const { return m_shape; }
  /// The breakpoints (a, b, c, d), or (center, sigma) for the Gaussian; unused entries are 0.
  const std::array<Scalar, 4>& parameters() const { return m_p; }
  const std::string& item() const { return m_item; }

  /// μ(x); x must not be NaN.
  Scalar operator()(Scalar x) const {
    using std::exp;
    if (std::isnan(static_cast<double>(x)))
      csat::detail::throw_domain_error("csat::fuzzy::membership_function", label() + ": x", static_cast<double>(x),
                                       "must not be NaN");
    const Scalar a = m_p[0], b = m_p[1], c = m_p[2], d = m_p[3];
    switch (m_shape) {
      case shape::triangular:
        if (x < a || x > c) return Scalar(0);
        if (x == b) return Scalar(1);
        return x < b ? (x - a) / (b - a) : (c - x) / (c - b);
      case shape::trapezoidal:
        if (x < a || x > d) return Scalar(0);
        if (x >= b && x <= c) return Scalar(1);
        return x < b ? (x - a) / (b - a) : (d - x) / (d - c);
      case shape::gaussian: {
        const Scalar z = (x - a) / b;
        return exp(-z * z / Scalar(2));
      }
      case shape::larger_is_better:
        if (x <= a) return Scalar(0);
        if (x >= b) return Scalar(1);
        return (x - a) / (b - a);
      case shape::smaller_is_better:
        if (x <= a) return Scalar(1);
        if (x >= b) return Scalar(0);
        return (b - x) / (b - a);
    }
    return Scalar(0);
  }

private:
  membership_function(shape s, std::array<Scalar, 4> p, int np, std::string item)
      : m_shape(s), m_p(p), m_item(std::move(item)) {
    static const char* fn = "csat::fuzzy::membership_function";
    for (int q = 0; q < np; ++q)
      if (!std::isfinite(static_cast<double>(m_p[static_cast<std::size_t>(q)])))
        csat::detail::throw_domain_error(fn, label() + ": breakpoint " + std::string(1, static_cast<char>('a' + q)),
                                         static_cast<double>(m_p[static_cast<std::size_t>(q)]), "must be finite");
    const Scalar a = m_p[0], b = m_p[1], c = m_p[2], d = m_p[3];
    bool ok = true;
    std::string req;
    switch (s) {
      case shape::triangular: ok = a <= b && b <= c && a < c; req = "must be ordered a <= b <= c with a < c"; break;
      case shape::trapezoidal: ok = a <= b && b <= c && c <= d && a < d; req = "must be ordered a <= b <= c <= d with a < d"; break;
      case shape::gaussian:
        if (!(b > Scalar(0)))
          csat::detail::throw_domain_error(fn, label() + ": sigma", static_cast<double>(b), "must be positive");
        break;
      case shape::larger_is_better:
      case shape::smaller_is_better: ok = a < b; req = "must be ordered a < b"; break;
    }
    if (!ok) {
      std::string v = "(";
      for (int q = 0; q < np; ++q) v += (q ? ", " : "") + csat::detail::format_value(static_cast<double>(m_p[static_cast<std::size_t>(q)]));
      v += ")";
      csat::detail::throw_domain_error(fn, label() + ": breakpoints", v, req);
    }
  }

  std::string label() const {
    return std::string(to_string(m_shape)) + (m_item.empty() ? std::string() : " " + csat::detail::quoted(m_item));
  }

  shape m_shape;
  std::array<Scalar, 4> m_p;
  std::string m_item;
};

/// The grade partition of a quantitative indicator: one characteristic value (knot) per grade, strictly
/// monotone. Grade 0 is a half-trapezoid that is 1 beyond knot 0, inner grades are triangles peaking at their
/// knot, the last grade is the opposite half-trapezoid. Rows sum to 1 by construction.
/// Knots decreasing (99.95, 99.8, 99.5, 99, 98) suit larger-is-better indicators, increasing (10, 30, 60, 120, 240)
/// smaller-is-better ones; the grades are always listed best first.
template <class Scalar = double>
class grade_partition {
public:
  grade_partition(std::string item, std::vector<Scalar> knots) : m_item(std::move(item)), m_knots(std::move(knots)) {
    static const char* fn = "csat::fuzzy::grade_partition";
    const std::string who = "indicator " + csat::detail::quoted(m_item);
    if (m_knots.size() < 2)
      csat::detail::throw_invalid_argument(fn, who + ": needs at least 2 knots, got " + std::to_string(m_knots.size()));
    for (std::size_t j = 0; j < m_knots.size(); ++j)
      if (!std::isfinite(static_cast<double>(m_knots[j])))
        csat::detail::throw_domain_error(fn, who + ": " + csat::detail::element_name("knots", static_cast<Eigen::Index>(j)),
                                         static_cast<double>(m_knots[j]), "must be finite");
    m_increasing = m_knots[1] > m_knots[0];
    for (std::size_t j = 1; j < m_knots.size(); ++j) {
      const bool ok = m_increasing ? m_knots[j] > m_knots[j - 1] : m_knots[j] < m_knots[j - 1];
      if (!ok)
        csat::detail::throw_domain_error(
            fn, who + ": " + csat::detail::element_name("knots", static_cast<Eigen::Index>(j)),
            static_cast<double>(m_knots[j]),
            std::string("must be strictly ") + (m_increasing ? "greater" : "less") + " than knots[" +
                std::to_string(j - 1) + "] = " + csat::detail::format_value(static_cast<double>(m_knots[j - 1])) +
                " (knots must be strictly monotone)");
    }
  }

  const std::string& item() const { return m_item; }
  const std::vector<Scalar>& knots() const { return m_knots; }
  std::size_t grades() const { return m_knots.size(); }
  /// True when knots decrease (larger values are better).
  bool larger_is_better() const { return !m_increasing; }

  /// The membership row of value x (sums to 1).
  Eigen::RowVectorX<Scalar> operator()(Scalar x) const {
    if (std::isnan(static_cast<double>(x)))
      csat::detail::throw_domain_error("csat::fuzzy::grade_partition", "indicator " + csat::detail::quoted(m_item) + ": value",
                                       static_cast<double>(x), "must not be NaN");
    const auto m = static_cast<Eigen::Index>(m_knots.size());
    Eigen::RowVectorX<Scalar> row = Eigen::RowVectorX<Scalar>::Zero(m);
    // position along the knots: "before" = on the side of knot 0
    auto before = [&](Scalar v, Scalar k) { return m_increasing ? v <= k : v >= k; };
    if (before(x, m_knots.front())) { row(0) = Scalar(1); return row; }
    if (!before(x, m_knots.back())) { row(m - 1) = Scalar(1); return row; }
    for (Eigen::Index j = 0; j + 1 < m; ++j) {
      const Scalar k0 = m_knots[static_cast<std::size_t>(j)], k1 = m_knots[static_cast<std::size_t>(j + 1)];
      if (before(x, k1)) {
        if (x == k1) { row(j + 1) = Scalar(1); return row; }
        row(j) = (x - k1) / (k0 - k1);
        row(j + 1) = (k0 - x) / (k0 - k1);
        return row;
      }
    }
    row(m - 1) = Scalar(1);
    return row;
  }

private:
  std::string m_item;
  std::vector<Scalar> m_knots;
  bool m_increasing = true;
};

/// An indicator described by one membership function per grade (best grade first).
template <class Scalar = double>
struct graded_functions {
  std::string item;
  std::vector<membership_function<Scalar>> functions;
};

/// Membership matrix of quantitative indicators: rows, their sums before the row policy and the deviation.
template <class Scalar = double>
struct indicator_membership_result {
  std::vector<std::string> items;
  Eigen::MatrixX<Scalar> membership;   ///< indicators x grades, after the row policy
  Eigen::VectorX<Scalar> row_sums;     ///< row sums before the policy
  Scalar max_deviation = Scalar(0);    ///< max |row sum − 1| before the policy
  row_policy policy = row_policy::require_unit_sum;
};

/// R from grade partitions (rows sum to 1 by construction): one partition and one value per indicator.
template <class Scalar>
indicator_membership_result<Scalar> indicator_membership(const std::vector<grade_partition<Scalar>>& partitions,
                                                         const std::vector<Scalar>& values) {
  static const char* fn = "csat::fuzzy::indicator_membership";
  csat::detail::check_size(fn, "values", static_cast<Eigen::Index>(values.size()),
                           static_cast<Eigen::Index>(partitions.size()));
  indicator_membership_result<Scalar> out;
  if (partitions.empty()) csat::detail::throw_invalid_argument(fn, "no indicators");
  const auto m = static_cast<Eigen::Index>(partitions[0].grades());
  out.membership.resize(static_cast<Eigen::Index>(partitions.size()), m);
  for (std::size_t i = 0; i < partitions.size(); ++i) {
    if (static_cast<Eigen::Index>(partitions[i].grades()) != m)
      csat::detail::throw_invalid_argument(fn, "indicator " + csat::detail::quoted(partitions[i].item()) + " has " +
                                                   std::to_string(partitions[i].grades()) + " grades, but indicator " +
                                                   csat::detail::quoted(partitions[0].item()) + " has " + std::to_string(m));
    out.items.push_back(partitions[i].item());
    out.membership.row(static_cast<Eigen::Index>(i)) = partitions[i](values[i]);
  }
  out.row_sums = out.membership.rowwise().sum();
  for (Eigen::Index i = 0; i < out.row_sums.size(); ++i) {
    using std::abs;
    out.max_deviation = std::max(out.max_deviation, Scalar(abs(out.row_sums(i) - Scalar(1))));
  }
  return out;
}

/// R from per-grade membership functions. Rows that do not sum to 1 (Gaussian shapes, gaps, overlaps) follow
/// `policy`: an error naming the indicator, normalization with the deviation reported, or as is.
template <class Scalar>
indicator_membership_result<Scalar> indicator_membership(const std::vector<graded_functions<Scalar>>& indicators,
                                                         const std::vector<Scalar>& values,
                                                         row_policy policy = row_policy::require_unit_sum,
                                                         double tolerance = 1e-9) {
  static const char* fn = "csat::fuzzy::indicator_membership";
  csat::detail::check_size(fn, "values", static_cast<Eigen::Index>(values.size()),
                           static_cast<Eigen::Index>(indicators.size()));
  if (indicators.empty()) csat::detail::throw_invalid_argument(fn, "no indicators");
  const auto m = static_cast<Eigen::Index>(indicators[0].functions.size());
  Eigen::MatrixX<Scalar> r(static_cast<Eigen::Index>(indicators.size()), m);
  std::vector<std::string> items;
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    if (static_cast<Eigen::Index>(indicators[i].functions.size()) != m)
      csat::detail::throw_invalid_argument(fn, "indicator " + csat::detail::quoted(indicators[i].item) + " has " +
                                                   std::to_string(indicators[i].functions.size()) +
                                                   " functions, but indicator " +
                                                   csat::detail::quoted(indicators[0].item) + " has " + std::to_string(m));
    items.push_back(indicators[i].item);
    for (Eigen::Index j = 0; j < m; ++j) r(static_cast<Eigen::Index>(i), j) = indicators[i].functions[static_cast<std::size_t>(j)](values[i]);
  }
  auto pol = apply_row_policy(r, policy, tolerance, items, {}, {}, fn);
  indicator_membership_result<Scalar> out;
  out.items = std::move(items);
  out.membership = std::move(pol.membership);
  out.row_sums = std::move(pol.row_sums);
  out.max_deviation = pol.max_deviation;
  out.policy = policy;
  return out;
}

}  // namespace fuzzy
}  // namespace csat

#endif
