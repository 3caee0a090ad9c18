#ifndef CSAT_FUZZY_COMPOSE_HPP
#define CSAT_FUZZY_COMPOSE_HPP

/// \file
/// Fuzzy composition B = A ∘ R of a weight vector A (n indicators) with a membership matrix R (n x m grades).
///
/// | composition       | b_j =                              | textbook name                  |
/// |-------------------|------------------------------------|--------------------------------|
/// | zadeh             | max_i min(a_i, r_ij)       M(∧,∨)  | 主因素决定型                   |
/// | product_max       | max_i a_i·r_ij             M(·,∨)  | 主因素突出型                   |
/// | bounded_min       | min(1, Σ_i min(a_i, r_ij)) M(∧,⊕)  | 取小上界和型                   |
/// | weighted_average  | min(1, Σ_i a_i·r_ij)       M(·,⊕)  | 加权平均型                     |
/// | balanced          | Σ_i min(a_i, r_ij / Σ_k r_kj)      | 均衡平均型                     |
/// | custom            | S_i T(a_i, r_ij), a user t-norm T and t-conorm S folded left |  |
///
/// The result keeps B as composed and B/ΣB, and records the normalization policy (none or sum) that decides
/// which of the two is "the" evaluation (compose_result::evaluated()).

#include <csat/config.hpp>
#include <csat/core/error.hpp>
#include <csat/core/validate.hpp>
#include <csat/fuzzy/membership.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace csat {
namespace fuzzy {

/// The composition operator of B = A ∘ R.
enum class composition {
  zadeh,             ///< M(∧,∨): max_i min(a_i, r_ij)
  product_max,       ///< M(·,∨): max_i a_i·r_ij
  bounded_min,       ///< M(∧,⊕): min(1, Σ_i min(a_i, r_ij))
  weighted_average,  ///< M(·,⊕): min(1, Σ_i a_i·r_ij)
  balanced,          ///< M(∧,+) with column-normalized R: Σ_i min(a_i, r_ij/r_0j), r_0j = Σ_i r_ij
  custom             ///< S_i T(a_i, r_ij) with compose_options::t_norm and t_conorm
};

/// The command-line name: "zadeh", "product-max", "bounded-min", "weighted-average", "balanced", "custom".
inline const char* to_string(composition c) {
  switch (c) {
    case composition::zadeh: return "zadeh";
    case composition::product_max: return "product-max";
    case composition::bounded_min: return "bounded-min";
    case composition::weighted_average: return "weighted-average";
    case composition::balanced: return "balanced";
    case composition::custom: return "custom";
  }
  return "?";
}

/// The M(·,·) notation: "M(∧,∨)", "M(·,∨)", "M(∧,⊕)", "M(·,⊕)", "M(∧,+)", "M(T,S)".
inline const char* notation(composition c) {
  switch (c) {
    case composition::zadeh: return "M(∧,∨)";
    case composition::product_max: return "M(·,∨)";
    case composition::bounded_min: return "M(∧,⊕)";
    case composition::weighted_average: return "M(·,⊕)";
    case composition::balanced: return "M(∧,+)";
    case composition::custom: return "M(T,S)";
  }
  return "?";
}

/// Parses a command-line name (also "M(·,⊕)"-style names and the aliases "min-max", "product-sum").
inline composition parse_composition(const std::string& s) {
  if (s == "zadeh" || s == "min-max" || s == "M(∧,∨)") return composition::zadeh;
  if (s == "product-max" || s == "M(·,∨)") return composition::product_max;
  if (s == "bounded-min" || s == "min-bounded-sum" || s == "M(∧,⊕)") return composition::bounded_min;
  if (s == "weighted-average" || s == "product-sum" || s == "M(·,⊕)") return composition::weighted_average;
  if (s == "balanced" || s == "M(∧,+)") return composition::balanced;
  csat::detail::throw_invalid_argument("csat::fuzzy::parse_composition",
                                       "unknown operator " + csat::detail::quoted(s) +
                                           " (weighted-average, zadeh, product-max, bounded-min, balanced)");
}

/// Whether B is used as composed or divided by its sum.
enum class normalization { none, sum };

inline const char* to_string(normalization n) { return n == normalization::sum ? "sum" : "none"; }

inline normalization parse_normalization(const std::string& s) {
  if (s == "none") return normalization::none;
  if (s == "sum") return normalization::sum;
  csat::detail::throw_invalid_argument("csat::fuzzy::parse_normalization",
                                       "unknown normalization " + csat::detail::quoted(s) + " (none, sum)");
}

/// Options of compose().
template <class Scalar = double>
struct compose_options {
  composition op = composition::weighted_average;
  normalization normalize = normalization::none;
  /// Rows of R that do not sum to 1: an error (default), normalized, or accepted.
  row_policy rows = row_policy::require_unit_sum;
  double weight_tolerance = 1e-9;  ///< |Σa − 1| allowed
  double row_tolerance = 1e-9;     ///< |Σ_j r_ij − 1| allowed under row_policy::require_unit_sum
  /// composition::custom: a t-norm T(a, r) and a t-conorm S(x, y), both on [0, 1].
  std::function<Scalar(Scalar, Scalar)> t_norm{};
  std::function<Scalar(Scalar, Scalar)> t_conorm{};
  std::vector<std::string> items{};   ///< indicator names, for messages
  std::vector<std::string> grades{};  ///< grade names, for messages
  std::string context{};              ///< e.g. the node of a hierarchy, for messages
};

/// B = A ∘ R with its policies.
template <class Scalar = double>
struct compose_result {
  Eigen::RowVectorX<Scalar> b;             ///< A ∘ R as composed
  Eigen::RowVectorX<Scalar> b_normalized;  ///< b / Σb (all zero if Σb = 0)
  Scalar sum = Scalar(0);                  ///< Σb
  composition op = composition::weighted_average;
  normalization normalize = normalization::none;
  row_policy rows = row_policy::require_unit_sum;
  Scalar max_row_deviation = Scalar(0);    ///< max |row sum of R − 1| before the row policy

  /// The evaluation under the recorded policy: b_normalized for normalization::sum, b otherwise.
  const Eigen::RowVectorX<Scalar>& evaluated() const { return normalize == normalization::sum ? b_normalized : b; }
};

namespace detail {

/// Weights: finite, non-negative, summing to 1 within tolerance; messages name the item.
template <class Derived>
void check_weights(const char* function, const Eigen::MatrixBase<Derived>& a, double tolerance,
                   const std::vector<std::string>& items, const std::string& context) {
  const std::string pre = context_prefix(context);
  double s = 0;
  for (Eigen::Index i = 0; i < a.size(); ++i) {
    const double v = static_cast<double>(a(i));
    if (!(std::isfinite(v) && v >= 0))
      csat::detail::throw_domain_error(function, pre + "weight of " + item_label(items, i), v,
                                       "must be finite and non-negative");
    s += v;
  }
  if (!(std::abs(s - 1.0) <= tolerance)) {
    std::string names;
    if (!items.empty()) {
      names = " (";
      for (std::size_t i = 0; i < items.size(); ++i) names += (i ? ", " : "") + items[i];
      names += ")";
    }
    csat::detail::throw_domain_error(function, pre + "sum of weights" + names, s,
                                     "must equal 1 within " + csat::detail::format_value(tolerance));
  }
}

}  // namespace detail

/// B = A ∘ R. Checks: A and R non-empty, A has one weight per row of R, weights finite, >= 0 and summing to 1
/// within options.weight_tolerance, R in [0, 1] with rows following options.rows. Errors name the item.
template <class DA, class DR>
compose_result<typename DR::Scalar> compose(const Eigen::MatrixBase<DA>& weights, const Eigen::MatrixBase<DR>& membership,
                                            const compose_options<typename DR::Scalar>& options = {}) {
  using Scalar = typename DR::Scalar;
  static_assert(std::is_same<typename DA::Scalar, Scalar>::value, "csat::fuzzy::compose: weights and membership must have the same Scalar");
  static const char* fn = "csat::fuzzy::compose";
  const std::string pre = detail::context_prefix(options.context);
  if (weights.rows() != 1 && weights.cols() != 1)
    csat::detail::throw_invalid_argument(fn, pre + "weights is " + std::to_string(weights.rows()) + "x" +
                                                 std::to_string(weights.cols()) + ", but must be a vector");
  const Eigen::VectorX<Scalar> a = weights.derived().reshaped();
  if (a.size() == 0) csat::detail::throw_invalid_argument(fn, pre + "weights is empty");
  if (a.size() != membership.rows())
    csat::detail::throw_invalid_argument(fn, pre + "weights has " + std::to_string(a.size()) +
                                                 " entries, but the membership matrix has " +
                                                 std::to_string(membership.rows()) + " rows (one per indicator)");
  if (!options.items.empty() && static_cast<Eigen::Index>(options.items.size()) != a.size())
    csat::detail::throw_invalid_argument(fn, pre + "items has " + std::to_string(options.items.size()) +
                                                 " names, but weights has " + std::to_string(a.size()) + " entries");
  detail::check_weights(fn, a, options.weight_tolerance, options.items, options.context);
  auto rp = apply_row_policy(membership, options.rows, options.row_tolerance, options.items, options.grades,
                             options.context, fn);
  const auto& r = rp.membership;
  const Eigen::Index n = r.rows(), m = r.cols();
  compose_result<Scalar> out;
  out.op = options.op;
  out.normalize = options.normalize;
  out.rows = options.rows;
  out.max_row_deviation = rp.max_deviation;
  out.b.resize(m);
  using std::max;
  using std::min;
  switch (options.op) {
    case composition::zadeh:
      for (Eigen::Index j = 0; j < m; ++j) {
        Scalar v(0);
        for (Eigen::Index i = 0; i < n; ++i) v = max(v, min(a(i), r(i, j)));
        out.b(j) = v;
      }
      break;
    case composition::product_max:
      for (Eigen::Index j = 0; j < m; ++j) {
        Scalar v(0);
        for (Eigen::Index i = 0; i < n; ++i) v = max(v, a(i) * r(i, j));
        out.b(j) = v;
      }
      break;
    case composition::bounded_min:
      for (Eigen::Index j = 0; j < m; ++j) {
        Scalar v(0);
        for (Eigen::Index i = 0; i < n; ++i) v += min(a(i), r(i, j));
        out.b(j) = min(Scalar(1), v);
      }
      break;
    case composition::weighted_average:
      for (Eigen::Index j = 0; j < m; ++j) {
        Scalar v(0);
        for (Eigen::Index i = 0; i < n; ++i) v += a(i) * r(i, j);
        out.b(j) = min(Scalar(1), v);
      }
      break;
    case composition::balanced:
      for (Eigen::Index j = 0; j < m; ++j) {
        Scalar col(0), v(0);
        for (Eigen::Index i = 0; i < n; ++i) col += r(i, j);
        if (col > Scalar(0))
          for (Eigen::Index i = 0; i < n; ++i) v += min(a(i), r(i, j) / col);
        out.b(j) = v;
      }
      break;
    case composition::custom: {
      if (!options.t_norm || !options.t_conorm)
        csat::detail::throw_invalid_argument(fn, pre + "composition::custom needs both options.t_norm and options.t_conorm");
      for (Eigen::Index j = 0; j < m; ++j) {
        Scalar v = options.t_norm(a(0), r(0, j));
        for (Eigen::Index i = 1; i < n; ++i) v = options.t_conorm(v, options.t_norm(a(i), r(i, j)));
        const double dv = static_cast<double>(v);
        if (!(dv >= 0 && dv <= 1))
          csat::detail::throw_domain_error(fn, pre + "custom composition gives b[" + std::to_string(j) + "]", dv,
                                           "must lie in [0, 1] (check the t-norm and t-conorm)");
        out.b(j) = v;
      }
      break;
    }
  }
  out.sum = out.b.sum();
  out.b_normalized = out.sum > Scalar(0) ? Eigen::RowVectorX<Scalar>(out.b / out.sum) : Eigen::RowVectorX<Scalar>::Zero(m);
  return out;
}

}  // namespace fuzzy
}  // namespace csat

#endif
