#ifndef CSAT_AHP_PAIRWISE_HPP
#define CSAT_AHP_PAIRWISE_HPP

/// \file
/// Pairwise comparison matrices: construction, validation and reading from text.
///
/// A pairwise_matrix holds a reciprocal matrix A (aᵢⱼ = how much more important criterion i is than j,
/// aⱼᵢ = 1/aᵢⱼ, aᵢᵢ = 1) in which some judgments may be missing. It is built from
///  - a full matrix (optionally with a mask of known cells; a pair known on one side only is completed
///    by its reciprocal),
///  - the upper triangle (a₁₂, a₁₃, …, a₁ₙ, a₂₃, …, aₙ₋₁,ₙ),
///  - a list of (i, j, value) judgments,
///  - CSV text (read_pairwise_csv): a header row of names, cells as decimals or fractions ("1/3"), empty
///    cells for missing judgments.
///
/// Validation (every constructor): square, known cells finite and > 0, unit diagonal, reciprocal within
/// a relative tolerance, optionally on Saaty's 1/9..9 scale, and for incomplete matrices a connected
/// comparison graph. Violations throw csat::invalid_argument (structure) or csat::domain_error (values)
/// naming the cell `pairwise[i,j]` (0-based) and the names of the two criteria; the CSV reader throws
/// csat::parse_error located at file:line:column. Missing cells hold 0 in values() and false in known().

#include <csat/config.hpp>
#include <csat/core/error.hpp>
#include <csat/core/validate.hpp>
#include <csat/survey/csv.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace csat {
namespace ahp {

/// How strictly a pairwise matrix is validated.
struct pairwise_options {
  /// aⱼᵢ must equal 1/aᵢⱼ within this relative tolerance: |aᵢⱼ·aⱼᵢ − 1| ≤ tolerance (also the unit diagonal).
  double reciprocal_tolerance = 1e-6;
  /// Require every judgment on Saaty's scale, 1/9 ≤ aᵢⱼ ≤ 9 (within the tolerance).
  bool saaty_scale = false;
  /// Allow missing judgments (incomplete matrices).
  bool allow_missing = true;
  /// Require the comparison graph of an incomplete matrix to be connected.
  bool require_connected = true;
};

/// One judgment: criterion i compared with criterion j (0-based), aᵢⱼ = value.
template <class Scalar = double>
struct judgment {
  Eigen::Index i = 0;
  Eigen::Index j = 0;
  Scalar value = Scalar(1);
};

/// A validation failure located at a cell (i, j); i = j = -1 when it concerns the whole matrix.
struct pairwise_violation {
  Eigen::Index i = -1;
  Eigen::Index j = -1;
  bool structural = false;  ///< invalid_argument (structure) rather than domain_error (value)
  std::string message;      ///< without the function prefix
};

namespace detail {

using bool_matrix = Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic>;

/// "pairwise[i,j]" followed by " (A vs B)" when names are known.
inline std::string cell_name(Eigen::Index i, Eigen::Index j, const std::vector<std::string>& names) {
  std::string s = csat::detail::element_name("pairwise", i, j);
  const auto n = static_cast<Eigen::Index>(names.size());
  if (i >= 0 && j >= 0 && i < n && j < n)
    s += " (" + names[static_cast<std::size_t>(i)] + " vs " + names[static_cast<std::size_t>(j)] + ")";
  return s;
}

/// Connected components of the comparison graph (edge i–j when (i,j) is known); component id per node.
inline std::vector<int> comparison_components(const bool_matrix& known, int* count = nullptr) {
  const auto n = known.rows();
  std::vector<int> comp(static_cast<std::size_t>(n), -1);
  int c = 0;
  std::vector<Eigen::Index> stack;
  for (Eigen::Index s = 0; s < n; ++s) {
    if (comp[static_cast<std::size_t>(s)] >= 0) continue;
    comp[static_cast<std::size_t>(s)] = c;
    stack.assign(1, s);
    while (!stack.empty()) {
      const Eigen::Index u = stack.back();
      stack.pop_back();
      for (Eigen::Index v = 0; v < n; ++v)
        if (v != u && (known(u, v) || known(v, u)) && comp[static_cast<std::size_t>(v)] < 0) {
          comp[static_cast<std::size_t>(v)] = c;
          stack.push_back(v);
        }
    }
    ++c;
  }
  if (count) *count = c;
  return comp;
}

/// "{A, B} | {C} | {D, E}" listing the groups of criteria that are never compared with each other.
inline std::string describe_components(const std::vector<int>& comp, int count, const std::vector<std::string>& names) {
  std::string out;
  for (int c = 0; c < count; ++c) {
    if (c) out += " | ";
    out += "{";
    bool first = true;
    for (std::size_t k = 0; k < comp.size(); ++k)
      if (comp[k] == c) {
        if (!first) out += ", ";
        first = false;
        out += k < names.size() ? names[k] : std::to_string(k);
      }
    out += "}";
  }
  return out;
}

/// Checks values (with `known` marking given cells, both sides of each pair already filled) and returns the
/// first violation, scanning row by row.
template <class Scalar>
std::optional<pairwise_violation> find_pairwise_violation(const Eigen::MatrixX<Scalar>& a, const bool_matrix& known,
                                                          const std::vector<std::string>& names,
                                                          const pairwise_options& o,
                                                          bool values_only = false) {
  const auto n = a.rows();
  const double tol = o.reciprocal_tolerance;
  auto fail = [&](Eigen::Index i, Eigen::Index j, bool structural, std::string msg) {
    return std::optional<pairwise_violation>(pairwise_violation{i, j, structural, std::move(msg)});
  };
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) {
      if (!known(i, j)) continue;
      const double v = static_cast<double>(a(i, j));
      if (!(std::isfinite(v) && v > 0))
        return fail(i, j, false, cell_name(i, j, names) + " = " + csat::detail::format_value(v) +
                                     ", but must be finite and positive");
      if (i == j) {
        if (!(std::abs(v - 1.0) <= tol))
          return fail(i, j, false, cell_name(i, j, names) + " = " + csat::detail::format_value(v) +
                                       ", but a diagonal entry must equal 1 (within " +
                                       csat::detail::format_value(tol) + ")");
        continue;
      }
      if (o.saaty_scale && !(v >= (1.0 / 9.0) * (1 - tol) && v <= 9.0 * (1 + tol)))
        return fail(i, j, false, cell_name(i, j, names) + " = " + csat::detail::format_value(v) +
                                     ", but must lie on Saaty's scale [1/9, 9]");
    }
  if (values_only) return std::nullopt;
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) {
      if (i == j || !known(i, j)) continue;
      if (!known(j, i))
        return fail(i, j, true, cell_name(i, j, names) + " is given, but " + cell_name(j, i, names) + " is missing");
      if (j < i) continue;
      const double v = static_cast<double>(a(i, j)), r = static_cast<double>(a(j, i));
      if (!(std::abs(v * r - 1.0) <= tol))
        return fail(j, i, false, cell_name(j, i, names) + " = " + csat::detail::format_value(r) +
                                     ", but must equal 1/" + csat::detail::element_name("pairwise", i, j) + " = " +
                                     csat::detail::format_value(1.0 / v) + " (" +
                                     csat::detail::element_name("pairwise", i, j) + " = " +
                                     csat::detail::format_value(v) + ") within relative tolerance " +
                                     csat::detail::format_value(tol));
    }
  bool complete = true;
  for (Eigen::Index i = 0; i < n && complete; ++i)
    for (Eigen::Index j = 0; j < n; ++j)
      if (i != j && !known(i, j)) { complete = false; break; }
  if (!complete) {
    if (!o.allow_missing) {
      for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < n; ++j)
          if (i != j && !known(i, j))
            return fail(i, j, true, cell_name(i, j, names) + " is missing, but missing judgments are not allowed");
    }
    if (o.require_connected) {
      int count = 0;
      const auto comp = comparison_components(known, &count);
      if (count > 1)
        return fail(-1, -1, true,
                    "the comparison graph of the incomplete matrix is disconnected; these groups of criteria are "
                    "never compared with each other: " + describe_components(comp, count, names));
    }
  }
  return std::nullopt;
}

}  // namespace detail

/// A validated (possibly incomplete) reciprocal pairwise comparison matrix.
template <class Scalar = double>
class pairwise_matrix {
  static_assert(!std::is_integral<Scalar>::value, "csat::ahp::pairwise_matrix: Scalar must be floating-point-like");

public:
  using scalar_type = Scalar;
  using matrix_type = Eigen::MatrixX<Scalar>;
  using mask_type = detail::bool_matrix;

  /// The 1×1 matrix [1].
  pairwise_matrix() : m_values(matrix_type::Ones(1, 1)), m_known(mask_type::Constant(1, 1, true)) {}

  /// A complete matrix; `names` (optional) label the criteria in messages and output.
  explicit pairwise_matrix(const matrix_type& a, std::vector<std::string> names = {},
                           const pairwise_options& options = {}) {
    init(a, mask_type::Constant(a.rows(), a.cols(), true), std::move(names), options);
  }

  /// A complete matrix with names given as a braced list, e.g. pairwise_matrix<>(a, {"A", "B", "C"}).
  pairwise_matrix(const matrix_type& a, std::initializer_list<std::string> names, const pairwise_options& options = {}) {
    init(a, mask_type::Constant(a.rows(), a.cols(), true), std::vector<std::string>(names), options);
  }

  /// A matrix whose cells with known(i,j) == false are missing. A pair given on one side only is completed
  /// by the reciprocal; the diagonal is 1 whether given or not.
  pairwise_matrix(const matrix_type& a, const mask_type& known, std::vector<std::string> names = {},
                  const pairwise_options& options = {}) {
    init(a, known, std::move(names), options);
  }

  /// From the upper triangle in row order (a₁₂, a₁₃, …, a₁ₙ, a₂₃, …); its size must be n(n−1)/2.
  static pairwise_matrix from_upper(const Eigen::VectorX<Scalar>& upper, std::vector<std::string> names = {},
                                    const pairwise_options& options = {}) {
    const auto m = upper.size();
    Eigen::Index n = 1;
    while (n * (n - 1) / 2 < m) ++n;
    if (n * (n - 1) / 2 != m)
      csat::detail::throw_invalid_argument("csat::ahp::pairwise_matrix::from_upper",
                                           "upper has " + std::to_string(m) +
                                               " entries, but an upper triangle has n(n-1)/2 = 0, 1, 3, 6, 10, ... entries");
    matrix_type a = matrix_type::Ones(n, n);
    mask_type known = mask_type::Constant(n, n, false);
    Eigen::Index k = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
      known(i, i) = true;
      for (Eigen::Index j = i + 1; j < n; ++j) { a(i, j) = upper(k++); known(i, j) = true; }
    }
    return pairwise_matrix(a, known, std::move(names), options);
  }

  /// From (i, j, aᵢⱼ) judgments over n criteria; pairs not mentioned are missing. A pair may be given once
  /// (in either orientation); i = j must have value 1.
  static pairwise_matrix from_judgments(Eigen::Index n, const std::vector<judgment<Scalar>>& judgments,
                                        std::vector<std::string> names = {}, const pairwise_options& options = {}) {
    const char* fn = "csat::ahp::pairwise_matrix::from_judgments";
    if (n < 1) csat::detail::throw_invalid_argument(fn, "n = " + std::to_string(n) + ", but must be at least 1");
    matrix_type a = matrix_type::Ones(n, n);
    mask_type known = mask_type::Constant(n, n, false);
    for (std::size_t k = 0; k < judgments.size(); ++k) {
      const auto& jd = judgments[k];
      if (jd.i < 0 || jd.j < 0 || jd.i >= n || jd.j >= n)
        csat::detail::throw_invalid_argument(fn, "judgments[" + std::to_string(k) + "] compares " +
                                                     std::to_string(jd.i) + " with " + std::to_string(jd.j) +
                                                     ", but indices must lie in [0, " + std::to_string(n - 1) + "]");
      if (jd.i != jd.j && (known(jd.i, jd.j) || known(jd.j, jd.i)))
        csat::detail::throw_invalid_argument(fn, "judgments[" + std::to_string(k) + "] gives " +
                                                     detail::cell_name(jd.i, jd.j, names) + " a second time");
      a(jd.i, jd.j) = jd.value;
      known(jd.i, jd.j) = true;
    }
    return pairwise_matrix(a, known, std::move(names), options);
  }

  Eigen::Index size() const { return m_values.rows(); }
  /// The judgments; missing cells hold 0.
  const matrix_type& values() const { return m_values; }
  /// Which cells are given (the diagonal always is).
  const mask_type& known() const { return m_known; }
  bool known(Eigen::Index i, Eigen::Index j) const { return m_known(i, j); }
  Scalar operator()(Eigen::Index i, Eigen::Index j) const { return m_values(i, j); }
  /// Number of missing pairs {i, j}, i < j.
  Eigen::Index missing_pairs() const { return m_missing; }
  bool complete() const { return m_missing == 0; }
  /// Criterion names (empty if none were given).
  const std::vector<std::string>& names() const { return m_names; }
  /// Name of criterion i, or its 0-based index as text.
  std::string name(Eigen::Index i) const {
    return static_cast<std::size_t>(i) < m_names.size() ? m_names[static_cast<std::size_t>(i)] : std::to_string(i);
  }
  const pairwise_options& options() const { return m_options; }

  /// A copy with aᵢⱼ = value and aⱼᵢ = 1/value (the original is unchanged).
  pairwise_matrix with_judgment(Eigen::Index i, Eigen::Index j, Scalar value) const {
    check_pair("csat::ahp::pairwise_matrix::with_judgment", i, j);
    matrix_type a = m_values;
    mask_type k = m_known;
    a(i, j) = value;
    a(j, i) = Scalar(1) / value;
    k(i, j) = k(j, i) = true;
    return pairwise_matrix(a, k, m_names, m_options);
  }

  /// A copy with the pair (i, j) missing (connectivity is still required).
  pairwise_matrix without_judgment(Eigen::Index i, Eigen::Index j) const {
    check_pair("csat::ahp::pairwise_matrix::without_judgment", i, j);
    matrix_type a = m_values;
    mask_type k = m_known;
    a(i, j) = a(j, i) = Scalar(0);
    k(i, j) = k(j, i) = false;
    return pairwise_matrix(a, k, m_names, m_options);
  }

private:
  void check_pair(const char* fn, Eigen::Index i, Eigen::Index j) const {
    if (i < 0 || j < 0 || i >= size() || j >= size() || i == j)
      csat::detail::throw_invalid_argument(fn, "(" + std::to_string(i) + ", " + std::to_string(j) +
                                                   ") is not an off-diagonal cell of a " + std::to_string(size()) +
                                                   "x" + std::to_string(size()) + " matrix");
  }

  void init(const matrix_type& a, const mask_type& known, std::vector<std::string> names, const pairwise_options& o) {
    const char* fn = "csat::ahp::pairwise_matrix";
    csat::detail::check_square(fn, "pairwise", a);
    if (a.rows() == 0) csat::detail::throw_invalid_argument(fn, "pairwise is empty (0x0)");
    if (known.rows() != a.rows() || known.cols() != a.cols())
      csat::detail::throw_invalid_argument(fn, "known is " + std::to_string(known.rows()) + "x" +
                                                   std::to_string(known.cols()) + ", but pairwise is " +
                                                   std::to_string(a.rows()) + "x" + std::to_string(a.cols()));
    if (!names.empty() && static_cast<Eigen::Index>(names.size()) != a.rows())
      csat::detail::throw_invalid_argument(fn, "names has " + std::to_string(names.size()) +
                                                   " entries, but pairwise is " + std::to_string(a.rows()) + "x" +
                                                   std::to_string(a.rows()));
    const auto n = a.rows();
    matrix_type v = a;
    mask_type k = known;
    // a diagonal cell that is not given is 1 (one that is given must be 1, checked below)
    for (Eigen::Index i = 0; i < n; ++i)
      if (!k(i, i)) { v(i, i) = Scalar(1); k(i, i) = true; }
    // the given values first, so that a pair given on one side only is completed from a valid value
    if (auto bad = detail::find_pairwise_violation<Scalar>(v, k, names, o, true)) raise(*bad);
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index j = 0; j < n; ++j)
        if (k(i, j) && !k(j, i)) { v(j, i) = Scalar(1) / v(i, j); k(j, i) = true; }
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index j = 0; j < n; ++j)
        if (!k(i, j)) v(i, j) = Scalar(0);
    auto bad = detail::find_pairwise_violation<Scalar>(v, k, names, o);
    if (bad) raise(*bad);
    m_values = std::move(v);
    m_known = std::move(k);
    m_names = std::move(names);
    m_options = o;
    m_missing = 0;
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index j = i + 1; j < n; ++j)
        if (!m_known(i, j)) ++m_missing;
  }

  [[noreturn]] static void raise(const pairwise_violation& b) {
    if (b.structural) csat::detail::throw_invalid_argument("csat::ahp::pairwise_matrix", b.message);
    csat::detail::throw_domain_error("csat::ahp::pairwise_matrix", b.message);
  }

  matrix_type m_values;
  mask_type m_known;
  std::vector<std::string> m_names;
  pairwise_options m_options{};
  Eigen::Index m_missing = 0;
};

// ---- text input -----------------------------------------------------------------------------------------

/// Parses one judgment: a decimal ("3", "0.25", "1e1") or a fraction of two decimals ("1/3", "2.5/3").
/// Returns false if the text is neither. The value is not validated (0 or negative values parse).
inline bool parse_judgment(const std::string& text, double& out) {
  const std::string t = csat::detail::trim(text);
  bool overflow = false;
  const auto slash = t.find('/');
  if (slash == std::string::npos) return csat::detail::parse_double(t.data(), t.data() + t.size(), out, overflow);
  if (t.find('/', slash + 1) != std::string::npos) return false;
  double num = 0, den = 0;
  if (!csat::detail::parse_double(t.data(), t.data() + slash, num, overflow)) return false;
  if (!csat::detail::parse_double(t.data() + slash + 1, t.data() + t.size(), den, overflow)) return false;
  out = num / den;  // 1/0 gives inf, caught by validation as "must be finite and positive"
  return true;
}

/// Options of the CSV matrix reader.
struct pairwise_csv_options {
  pairwise_options validation{};
  /// Field delimiter (',', ';', tab) or '\0' to detect it from the header line.
  char delimiter = '\0';
  /// Cell texts (after trimming) meaning "missing judgment".
  std::vector<std::string> missing_tokens{"", "NA", "-"};
};

/// Reads a pairwise matrix from CSV text. Layout: a header row of n criterion names, then n rows of n cells.
/// If the header's first cell is empty, every row starts with its criterion's name (which must match the
/// header). Cells are decimals or fractions; missing judgments are empty. Every error is a csat::parse_error
/// located at `source:line:column` naming the cell.
inline pairwise_matrix<double> read_pairwise_csv_text(std::string text, const std::string& source,
                                                      const pairwise_csv_options& options = {}) {
  survey::csv_reader reader(std::move(text), source, options.delimiter);
  survey::csv_record header;
  if (!reader.next(header)) throw parse_error(source, 1, 1, "", "the input is empty (no header line of criterion names)");
  const bool labelled = !header.fields.empty() && csat::detail::trim(header.fields[0]).empty() && header.fields.size() > 1;
  const std::size_t first = labelled ? 1 : 0;
  std::vector<std::string> names;
  for (std::size_t k = first; k < header.fields.size(); ++k) {
    std::string nm = csat::detail::trim(header.fields[k]);
    if (nm.empty())
      throw parse_error(source, header.lines[k], header.columns[k], "",
                        "the " + csat::detail::ordinal(k + 1) + " header cell (a criterion name) is empty");
    for (std::size_t q = 0; q < names.size(); ++q)
      if (names[q] == nm)
        throw parse_error(source, header.lines[k], header.columns[k], nm,
                          "duplicate criterion name " + csat::detail::quoted(nm));
    names.push_back(std::move(nm));
  }
  const auto n = static_cast<Eigen::Index>(names.size());
  const std::size_t nf = header.fields.size();
  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(n, n);
  detail::bool_matrix known = detail::bool_matrix::Constant(n, n, false);
  std::vector<std::size_t> cell_line(static_cast<std::size_t>(n * n), 0), cell_col(static_cast<std::size_t>(n * n), 0);
  std::vector<std::string> cell_text(static_cast<std::size_t>(n * n));
  survey::csv_record r;
  Eigen::Index row = 0;
  while (reader.next(r)) {
    if (row == n)
      throw parse_error(source, r.line, 1, "",
                        "the header names " + std::to_string(n) + " criteria, but the file has more than " +
                            std::to_string(n) + " rows of judgments");
    if (r.fields.size() != nf) {
      const bool more = r.fields.size() > nf;
      const std::size_t k = more ? nf : r.fields.size() - 1;
      throw parse_error(source, r.line, more ? r.columns[nf] : r.columns[k] + r.fields[k].size(),
                        more ? r.fields[nf] : "",
                        "row " + std::to_string(row + 1) + " has " + std::to_string(r.fields.size()) +
                            " cells, but the header has " + std::to_string(nf));
    }
    if (labelled) {
      const std::string label = csat::detail::trim(r.fields[0]);
      if (label != names[static_cast<std::size_t>(row)])
        throw parse_error(source, r.lines[0], r.columns[0], label,
                          "row " + std::to_string(row + 1) + " is labelled " + csat::detail::quoted(label) +
                              ", but the header's criterion " + std::to_string(row + 1) + " is " +
                              csat::detail::quoted(names[static_cast<std::size_t>(row)]));
    }
    for (Eigen::Index j = 0; j < n; ++j) {
      const std::size_t k = first + static_cast<std::size_t>(j);
      const std::string cell = csat::detail::trim(r.fields[k]);
      const auto idx = static_cast<std::size_t>(row * n + j);
      cell_line[idx] = r.lines[k];
      cell_col[idx] = r.columns[k];
      cell_text[idx] = cell;
      if (std::find(options.missing_tokens.begin(), options.missing_tokens.end(), cell) != options.missing_tokens.end())
        continue;
      double v = 0;
      if (!parse_judgment(cell, v))
        throw parse_error(source, r.lines[k], r.columns[k], cell,
                          detail::cell_name(row, j, names) + ": " + csat::detail::quoted(cell) +
                              " is not a number, a fraction such as 1/3, or empty (missing)");
      a(row, j) = v;
      known(row, j) = true;
    }
    ++row;
  }
  if (row < n)
    throw parse_error(source, header.line, 0, "",
                      "the header names " + std::to_string(n) + " criteria, but the file has " + std::to_string(row) +
                          " rows of judgments");
  // validate with locations; a pair given on one side only is completed by its reciprocal
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!known(i, i)) { a(i, i) = 1; known(i, i) = true; cell_text[static_cast<std::size_t>(i * n + i)] = "1"; }
  }
  const pairwise_options& vo = options.validation;
  auto locate = [&](const pairwise_violation& bad) -> parse_error {
    if (bad.i < 0) return parse_error(source, 0, 0, "", bad.message);
    Eigen::Index bi = bad.i, bj = bad.j;
    if (!known(bi, bj)) std::swap(bi, bj);  // point at a cell that is in the file
    const auto idx = static_cast<std::size_t>(bi * n + bj);
    return parse_error(source, cell_line[idx], cell_col[idx], cell_text[idx], bad.message);
  };
  if (auto bad = detail::find_pairwise_violation<double>(a, known, names, vo, true)) throw locate(*bad);
  Eigen::MatrixXd filled = a;
  detail::bool_matrix fk = known;
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j)
      if (known(i, j) && !known(j, i)) { filled(j, i) = 1.0 / a(i, j); fk(j, i) = true; }
  if (auto bad = detail::find_pairwise_violation<double>(filled, fk, names, vo)) throw locate(*bad);
  return pairwise_matrix<double>(filled, fk, std::move(names), vo);
}

/// Reads a pairwise matrix from a CSV file (see read_pairwise_csv_text).
inline pairwise_matrix<double> read_pairwise_csv(const std::string& path, const pairwise_csv_options& options = {}) {
  return read_pairwise_csv_text(csat::detail::read_file_text(path, "csat::ahp::read_pairwise_csv"), path, options);
}

}  // namespace ahp
}  // namespace csat

#endif
