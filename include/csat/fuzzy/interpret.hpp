#ifndef CSAT_FUZZY_INTERPRET_HPP
#define CSAT_FUZZY_INTERPRET_HPP

/// \file
/// Reading an evaluation vector B: the maximum-membership grade with its validity index, the weighted-average
/// score on the grade scores, the grade characteristic value, and the ranking of several evaluated units.
///
/// With B' = B/ΣB, β = max_j b'_j, γ = the second largest b'_j and m grades, the validity of the
/// maximum-membership decision is α = (m·β − 1) / (2·γ·(m − 1)) (α = +∞ when γ = 0). Bands: +∞ fully valid,
/// α >= 1 very valid, 0.5 <= α < 1 fairly valid, 0 < α < 0.5 low, α = 0 invalid; a tie (β − γ <= 1e-12) is
/// reported as such.
/// The score is S = Σ_j b'_j·s_j (s_j the grade scores): the centroid of B on the score scale.

#include <csat/config.hpp>
#include <csat/core/error.hpp>
#include <csat/core/validate.hpp>
#include <csat/fuzzy/grades.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

namespace csat {
namespace fuzzy {

/// How far the maximum-membership decision can be trusted.
enum class validity_band {
  fully_valid,   ///< γ = 0: a single grade carries all membership
  very_valid,    ///< α >= 1
  fairly_valid,  ///< 0.5 <= α < 1
  low,           ///< 0 < α < 0.5: report the score rather than the grade
  invalid,       ///< α = 0: B is uniform
  tied           ///< β = γ: two grades share the maximum; the principle does not decide
};

inline const char* to_string(validity_band b) {
  switch (b) {
    case validity_band::fully_valid: return "fully valid";
    case validity_band::very_valid: return "very valid";
    case validity_band::fairly_valid: return "fairly valid";
    case validity_band::low: return "low";
    case validity_band::invalid: return "invalid";
    case validity_band::tied: return "tied";
  }
  return "?";
}

/// The reading of one evaluation vector B.
template <class Scalar = double>
struct interpretation {
  Eigen::Index max_grade = 0;           ///< 0-based argmax of B (the first one on ties)
  std::string max_grade_name;
  Scalar beta = Scalar(0);              ///< largest b'_j (B normalized)
  Scalar gamma = Scalar(0);             ///< second largest b'_j
  Scalar validity = Scalar(0);          ///< α = (m·β − 1)/(2·γ·(m − 1)); +inf when γ = 0
  validity_band band = validity_band::invalid;
  bool tie = false;                     ///< β − γ <= 1e-12 (equal up to rounding)
  Scalar score = Scalar(0);             ///< Σ_j b'_j·s_j
};

/// The validity index α of the maximum-membership decision for B (normalized internally).
template <class Derived>
typename Derived::Scalar validity_index(const Eigen::MatrixBase<Derived>& b_in) {
  using Scalar = typename Derived::Scalar;
  static const char* fn = "csat::fuzzy::validity_index";
  const Eigen::RowVectorX<Scalar> b = b_in.derived().reshaped().transpose();
  const auto m = b.size();
  if (m < 2) csat::detail::throw_invalid_argument(fn, "B needs at least 2 grades, got " + std::to_string(m));
  csat::detail::check_nonnegative(fn, "B", b);
  const Scalar s = b.sum();
  if (!(s > Scalar(0))) csat::detail::throw_domain_error(fn, "sum of B", static_cast<double>(s), "must be positive");
  Scalar beta(-1), gamma(-1);
  for (Eigen::Index j = 0; j < m; ++j) {
    const Scalar v = b(j) / s;
    if (v > beta) { gamma = beta; beta = v; }
    else if (v > gamma) gamma = v;
  }
  const Scalar mm = static_cast<Scalar>(m);
  if (gamma == Scalar(0)) return std::numeric_limits<Scalar>::infinity();
  return (mm * beta - Scalar(1)) / (Scalar(2) * gamma * (mm - Scalar(1)));
}

/// Maximum-membership grade, validity and score of B on `grades`.
template <class Derived>
interpretation<typename Derived::Scalar> interpret(const Eigen::MatrixBase<Derived>& b_in, const grade_set& grades) {
  using Scalar = typename Derived::Scalar;
  static const char* fn = "csat::fuzzy::interpret";
  const Eigen::RowVectorX<Scalar> b = b_in.derived().reshaped().transpose();
  csat::detail::check_size(fn, "B", b.size(), static_cast<Eigen::Index>(grades.size()));
  csat::detail::check_nonnegative(fn, "B", b);
  const Scalar s = b.sum();
  if (!(s > Scalar(0))) csat::detail::throw_domain_error(fn, "sum of B", static_cast<double>(s), "must be positive");
  interpretation<Scalar> out;
  Eigen::Index arg = 0;
  for (Eigen::Index j = 1; j < b.size(); ++j)
    if (b(j) > b(arg)) arg = j;
  for (Eigen::Index j = 0; j < arg; ++j)  // near-ties (rounding) go to the first grade, as exact ties do
    if ((b(arg) - b(j)) / s <= Scalar(1e-12)) { arg = j; break; }
  out.max_grade = arg;
  out.max_grade_name = grades.name(static_cast<std::size_t>(arg));
  out.beta = b(arg) / s;
  out.gamma = Scalar(0);
  for (Eigen::Index j = 0; j < b.size(); ++j)
    if (j != arg) out.gamma = std::max(out.gamma, Scalar(b(j) / s));
  out.tie = out.beta - out.gamma <= Scalar(1e-12);  // rounding in A ∘ R must not hide a tie
  out.validity = validity_index(b);
  if (out.tie) out.band = validity_band::tied;
  else if (std::isinf(static_cast<double>(out.validity))) out.band = validity_band::fully_valid;
  else if (out.validity >= Scalar(1)) out.band = validity_band::very_valid;
  else if (out.validity >= Scalar(0.5)) out.band = validity_band::fairly_valid;
  else if (out.validity > Scalar(0)) out.band = validity_band::low;
  else out.band = validity_band::invalid;
  out.score = (b / s).dot(grades.score_vector<Scalar>().transpose());
  return out;
}

/// Weighted-average score Σ_j b'_j·s_j of B on `grades` (B normalized internally).
template <class Derived>
typename Derived::Scalar weighted_score(const Eigen::MatrixBase<Derived>& b, const grade_set& grades) {
  return interpret(b, grades).score;
}

/// Grade characteristic value (级别特征值) h = Σ_j j·b_j^k / Σ_j b_j^k with 1-based j (k = 1 or 2 in the literature).
template <class Derived>
typename Derived::Scalar grade_characteristic(const Eigen::MatrixBase<Derived>& b_in, int k = 1) {
  using Scalar = typename Derived::Scalar;
  using std::pow;
  static const char* fn = "csat::fuzzy::grade_characteristic";
  const Eigen::RowVectorX<Scalar> b = b_in.derived().reshaped().transpose();
  csat::detail::check_nonnegative(fn, "B", b);
  if (k < 1) csat::detail::throw_domain_error(fn, "k", k, "must be >= 1");
  Scalar num(0), den(0);
  for (Eigen::Index j = 0; j < b.size(); ++j) {
    const Scalar w = pow(b(j), static_cast<Scalar>(k));
    num += static_cast<Scalar>(j + 1) * w;
    den += w;
  }
  if (!(den > Scalar(0))) csat::detail::throw_domain_error(fn, "sum of B", static_cast<double>(den), "must be positive");
  return num / den;
}

/// One evaluated unit in a ranking.
template <class Scalar = double>
struct ranked_unit {
  std::string name;
  Scalar score = Scalar(0);
  Eigen::Index max_grade = 0;
  std::string max_grade_name;
  Scalar validity = Scalar(0);
  Eigen::Index rank = 0;   ///< 1-based; equal scores share a rank ("1, 1, 3")
  Eigen::Index index = 0;  ///< position in the input
};

/// Ranks units (service halls, counties, ...) by their score, best first.
template <class Scalar>
std::vector<ranked_unit<Scalar>> rank_units(const std::vector<std::string>& names,
                                            const std::vector<Eigen::RowVectorX<Scalar>>& evaluations,
                                            const grade_set& grades) {
  static const char* fn = "csat::fuzzy::rank_units";
  csat::detail::check_size(fn, "evaluations", static_cast<Eigen::Index>(evaluations.size()),
                           static_cast<Eigen::Index>(names.size()));
  std::vector<ranked_unit<Scalar>> out;
  for (std::size_t u = 0; u < names.size(); ++u) {
    const auto in = interpret(evaluations[u], grades);
    ranked_unit<Scalar> r;
    r.name = names[u];
    r.score = in.score;
    r.max_grade = in.max_grade;
    r.max_grade_name = in.max_grade_name;
    r.validity = in.validity;
    r.index = static_cast<Eigen::Index>(u);
    out.push_back(r);
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.score > y.score; });
  for (std::size_t k = 0; k < out.size(); ++k)
    out[k].rank = (k > 0 && out[k].score == out[k - 1].score) ? out[k - 1].rank : static_cast<Eigen::Index>(k + 1);
  return out;
}

}  // namespace fuzzy
}  // namespace csat

#endif
