#ifndef CSAT_WEIGHTS_COMBINE_HPP
#define CSAT_WEIGHTS_COMBINE_HPP

/// \file
/// Combining subjective (AHP) and objective weights.
///
/// - Linear: w = α·w_s + (1 − α)·w_o.
/// - Multiplicative: w_i = w_s,i·w_o,i / Σ_k w_s,k·w_o,k.
/// - Game-theoretic (cooperative game, minimum deviation): solve [w_s·w_s  w_s·w_o; w_o·w_s  w_o·w_o] λ =
///   [w_s·w_s; w_o·w_o], normalize λ to sum 1, w = λ_1 w_s + λ_2 w_o.
/// - Rough-set objective judgment matrix combined with the AHP judgment matrix: the significances σ of the
///   rough-set analysis become a judgment matrix by the range transform
///   a_ij = 1 + (b_m − 1)(σ_i − σ_j)/(σ_max − σ_min) for σ_i >= σ_j and a_ji = 1/a_ij (b_m = 9, or σ_max/σ_min);
///   the combined matrix is the element-wise weighted geometric mean a_ij = (a^s_ij)^α (a^o_ij)^(1−α), which is
///   again reciprocal; its weights (principal eigenvector by default) and consistency measures come from csat::ahp
///   (priorities(), consistency(); Saaty 1980 random index by default).

#include <csat/ahp/consistency.hpp>
#include <csat/ahp/priority.hpp>
#include <csat/config.hpp>
#include <csat/core/error.hpp>
#include <csat/core/validate.hpp>
#include <csat/weights/objective.hpp>
#include <csat/weights/rough_set.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace csat {
namespace weights {

namespace detail {

template <class Derived>
Eigen::VectorXd checked_weights(const char* fn, const char* name, const Eigen::MatrixBase<Derived>& w,
                                const std::vector<std::string>& names, double tolerance) {
  Eigen::VectorXd v = w.derived().reshaped().template cast<double>();
  if (v.size() == 0) csat::detail::throw_invalid_argument(fn, std::string(name) + " is empty");
  double s = 0;
  for (Eigen::Index i = 0; i < v.size(); ++i) {
    if (!(std::isfinite(v(i)) && v(i) >= 0))
      csat::detail::throw_domain_error(fn, std::string(name) + " of " + indicator_label(names, i), v(i),
                                       "must be finite and non-negative");
    s += v(i);
  }
  if (!(std::abs(s - 1) <= tolerance))
    csat::detail::throw_domain_error(fn, std::string("sum of ") + name, s,
                                     "must equal 1 within " + csat::detail::format_value(tolerance));
  return v;
}

inline void check_alpha(const char* fn, double alpha) { csat::detail::check_bounded(fn, "alpha", alpha, 0, 1); }

/// A positive reciprocal judgment matrix; messages name the cell (and the indicators when named).
inline void check_judgments(const char* fn, const char* name, const Eigen::MatrixXd& a, const std::vector<std::string>& names) {
  csat::detail::check_square(fn, name, a);
  if (a.rows() == 0) csat::detail::throw_invalid_argument(fn, std::string(name) + " is empty");
  csat::detail::check_positive(fn, name, a);
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (Eigen::Index j = 0; j < a.cols(); ++j) {
      const double want = i == j ? 1.0 : 1.0 / a(j, i);
      if (!(std::abs(a(i, j) - want) <= 1e-9 * std::max(1.0, std::abs(want)))) {
        std::string cell = csat::detail::element_name(name, i, j);
        if (static_cast<std::size_t>(std::max(i, j)) < names.size())
          cell += " (" + names[static_cast<std::size_t>(i)] + " vs " + names[static_cast<std::size_t>(j)] + ")";
        csat::detail::throw_domain_error(fn, cell, a(i, j),
                                         i == j ? std::string("must equal 1")
                                                : "must equal 1/" + csat::detail::element_name(name, j, i) + " = " +
                                                      csat::detail::format_value(want));
      }
    }
}

}  // namespace detail

/// Linear combination α·w_s + (1 − α)·w_o. Both vectors must be non-negative and sum to 1 (within `tolerance`).
template <class D1, class D2>
Eigen::VectorXd combine_linear(const Eigen::MatrixBase<D1>& subjective, const Eigen::MatrixBase<D2>& objective,
                               double alpha = 0.5, const std::vector<std::string>& names = {}, double tolerance = 1e-9) {
  static const char* fn = "csat::weights::combine_linear";
  detail::check_alpha(fn, alpha);
  const Eigen::VectorXd s = detail::checked_weights(fn, "subjective", subjective, names, tolerance);
  const Eigen::VectorXd o = detail::checked_weights(fn, "objective", objective, names, tolerance);
  csat::detail::check_size(fn, "objective", o.size(), s.size());
  return alpha * s + (1 - alpha) * o;
}

/// Multiplicative combination w_i ∝ w_s,i·w_o,i.
template <class D1, class D2>
Eigen::VectorXd combine_multiplicative(const Eigen::MatrixBase<D1>& subjective, const Eigen::MatrixBase<D2>& objective,
                                       const std::vector<std::string>& names = {}, double tolerance = 1e-9) {
  static const char* fn = "csat::weights::combine_multiplicative";
  const Eigen::VectorXd s = detail::checked_weights(fn, "subjective", subjective, names, tolerance);
  const Eigen::VectorXd o = detail::checked_weights(fn, "objective", objective, names, tolerance);
  csat::detail::check_size(fn, "objective", o.size(), s.size());
  const Eigen::VectorXd p = s.cwiseProduct(o);
  const double t = p.sum();
  if (!(t > 0))
    csat::detail::throw_domain_error(fn, "sum of w_s·w_o", t, "must be positive (the two vectors have disjoint support)");
  return p / t;
}

/// Game-theoretic combination with its coefficients.
struct game_result {
  Eigen::VectorXd weights;
  double alpha_subjective = 0;  ///< normalized λ_1
  double alpha_objective = 0;   ///< normalized λ_2
};

/// Game-theoretic combination (minimum-deviation cooperative game). If the optimal coefficients are not both
/// non-negative their absolute values are normalized (the usual convention).
template <class D1, class D2>
game_result combine_game(const Eigen::MatrixBase<D1>& subjective, const Eigen::MatrixBase<D2>& objective,
                         const std::vector<std::string>& names = {}, double tolerance = 1e-9) {
  static const char* fn = "csat::weights::combine_game";
  const Eigen::VectorXd s = detail::checked_weights(fn, "subjective", subjective, names, tolerance);
  const Eigen::VectorXd o = detail::checked_weights(fn, "objective", objective, names, tolerance);
  csat::detail::check_size(fn, "objective", o.size(), s.size());
  const double ss = s.dot(s), so = s.dot(o), oo = o.dot(o);
  const double det = ss * oo - so * so;
  game_result r;
  if (!(std::abs(det) > 1e-300)) {  // identical directions: any split gives the same vector
    r.alpha_subjective = r.alpha_objective = 0.5;
  } else {
    const double l1 = std::abs((ss * oo - so * oo) / det), l2 = std::abs((ss * oo - so * ss) / det);
    r.alpha_subjective = l1 / (l1 + l2);
    r.alpha_objective = l2 / (l1 + l2);
  }
  r.weights = r.alpha_subjective * s + r.alpha_objective * o;
  return r;
}

/// The scale bound b_m of the range transform.
enum class range_scale {
  nine,  ///< b_m = 9 (the largest Saaty scale value)
  ratio  ///< b_m = σ_max/σ_min (needs σ_min > 0)
};

/// The rough-set objective judgment matrix from significances (or any positive importance scores).
inline Eigen::MatrixXd judgment_matrix_from_significance(const Eigen::VectorXd& significance,
                                                         range_scale scale = range_scale::nine,
                                                         const std::vector<std::string>& names = {}) {
  static const char* fn = "csat::weights::judgment_matrix_from_significance";
  const auto n = significance.size();
  if (n == 0) csat::detail::throw_invalid_argument(fn, "significance is empty");
  for (Eigen::Index i = 0; i < n; ++i)
    if (!(std::isfinite(significance(i)) && significance(i) >= 0))
      csat::detail::throw_domain_error(fn, "significance of " + detail::indicator_label(names, i), significance(i),
                                       "must be finite and non-negative");
  const double lo = significance.minCoeff(), hi = significance.maxCoeff();
  Eigen::MatrixXd a = Eigen::MatrixXd::Ones(n, n);
  if (!(hi > lo)) return a;
  double bm = 9;
  if (scale == range_scale::ratio) {
    if (!(lo > 0))
      csat::detail::throw_domain_error(fn, "smallest significance", lo, "must be positive for the ratio scale b_m = σmax/σmin");
    bm = hi / lo;
  }
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j)
      if (significance(i) >= significance(j)) {
        a(i, j) = 1 + (bm - 1) * (significance(i) - significance(j)) / (hi - lo);
        a(j, i) = 1 / a(i, j);
      }
  return a;
}

/// Options of combine_judgments().
struct combined_judgment_options {
  double alpha = 0.5;                   ///< weight of the subjective (AHP) matrix in the geometric mean
  range_scale scale = range_scale::nine;
  ahp::priority_method method = ahp::priority_method::eigenvector;  ///< how weights come from a matrix
  ahp::consistency_options consistency{};  ///< RI table (Saaty 1980 by default), CR threshold rule
  std::vector<std::string> names{};     ///< indicator names for messages
};

/// The combined judgment matrix with its weights and consistency.
struct combined_judgment_result {
  Eigen::MatrixXd objective_matrix;   ///< from the significances (range transform)
  Eigen::MatrixXd combined_matrix;    ///< (A_s)^α ∘ (A_o)^(1−α), element-wise
  Eigen::VectorXd weights;            ///< priorities of the combined matrix (options.method), Σ = 1
  double lambda_max = 0;
  double ci = 0;                      ///< (λmax − n)/(n − 1)
  double ri = 0;                      ///< random index of the selected table
  double cr = 0;                      ///< CI/RI (0 for n <= 2)
  bool consistent = true;             ///< cr <= threshold
  double threshold = 0.10;            ///< the CR line applied
  ahp::consistency_result<double> consistency;  ///< every measure of the combined matrix (GCI, Koczkodaj, ...)
  Eigen::VectorXd subjective_weights; ///< priorities of the AHP matrix alone
  double subjective_cr = 0;
  Eigen::VectorXd objective_weights;  ///< priorities of the rough-set matrix alone
  double objective_cr = 0;
  double alpha = 0.5;
  ahp::priority_method method = ahp::priority_method::eigenvector;
  bool converged = true;              ///< every power iteration converged
};


/// Combines an AHP (subjective) judgment matrix with the rough-set (objective) judgment matrix built from
/// `significance`: weights of the combined matrix by csat::ahp::priorities and its consistency by
/// csat::ahp::consistency. Non-consistency is reported (consistent = false), not thrown.
inline combined_judgment_result combine_judgments(const Eigen::MatrixXd& subjective, const Eigen::VectorXd& significance,
                                                  const combined_judgment_options& options = {}) {
  static const char* fn = "csat::weights::combine_judgments";
  detail::check_alpha(fn, options.alpha);
  detail::check_judgments(fn, "subjective", subjective, options.names);
  csat::detail::check_size(fn, "significance", significance.size(), subjective.rows());
  combined_judgment_result r;
  r.alpha = options.alpha;
  r.method = options.method;
  r.objective_matrix = judgment_matrix_from_significance(significance, options.scale, options.names);
  r.combined_matrix = (options.alpha * subjective.array().log() + (1 - options.alpha) * r.objective_matrix.array().log()).exp().matrix();
  // exact reciprocity and unit diagonal despite rounding in exp/log
  for (Eigen::Index i = 0; i < r.combined_matrix.rows(); ++i) {
    r.combined_matrix(i, i) = 1;
    for (Eigen::Index j = i + 1; j < r.combined_matrix.cols(); ++j) r.combined_matrix(j, i) = 1 / r.combined_matrix(i, j);
  }
  const auto pc = ahp::priorities<double>(r.combined_matrix, options.method, options.consistency.perron);
  r.consistency = ahp::consistency<double>(r.combined_matrix, options.consistency);
  r.weights = pc.weights;
  r.lambda_max = r.consistency.lambda_max;
  r.ci = r.consistency.ci;
  r.ri = r.consistency.ri;
  r.cr = r.consistency.cr;
  r.threshold = r.consistency.threshold;
  r.consistent = r.consistency.consistent;
  const auto ps = ahp::priorities<double>(subjective, options.method, options.consistency.perron);
  r.subjective_weights = ps.weights;
  r.subjective_cr = ahp::consistency<double>(subjective, options.consistency).cr;
  const auto po = ahp::priorities<double>(r.objective_matrix, options.method, options.consistency.perron);
  r.objective_weights = po.weights;
  const auto co = ahp::consistency<double>(r.objective_matrix, options.consistency);
  r.objective_cr = co.cr;
  r.converged = pc.status == ahp::solver_status::success && ps.status == ahp::solver_status::success &&
                po.status == ahp::solver_status::success && r.consistency.status == ahp::solver_status::success &&
                co.status == ahp::solver_status::success;
  return r;
}

/// The same from a decision table: rough-set significances (dependency measure) first.
inline combined_judgment_result combine_judgments(const Eigen::MatrixXd& subjective, const decision_table& table,
                                                  const combined_judgment_options& options = {},
                                                  const rough_set_options& rough = {}) {
  return combine_judgments(subjective, rough_set_weights(table, rough).significance, options);
}

}  // namespace weights
}  // namespace csat

#endif
