#ifndef CSAT_AHP_GROUP_HPP
#define CSAT_AHP_GROUP_HPP

/// \file
/// Group AHP: aggregation of individual judgments (AIJ) and of individual priorities (AIP).
///
/// - AIJ: element-wise weighted geometric mean aᵢⱼᴳ = Πₖ (aᵢⱼ⁽ᵏ⁾)^{λₖ}, Σλₖ = 1 (Aczél & Saaty 1983; weighted
///   form Aczél & Alsina 1987); the only aggregation keeping reciprocity and the Pareto property. A judgment
///   missing for some experts is the weighted geometric mean over those who gave it (weights renormalised);
///   a pair nobody judged stays missing.
/// - AIP: weighted arithmetic or geometric mean of the individual priority vectors (Forman & Peniwati 1998).
///   Under RGMM, AIJ and geometric AIP give the same vector (Barzilai & Golany 1994).
/// - Consensus: Saaty's geometric compatibility index of each expert's matrix against the group priorities,
///   and a 0–1 consensus index 1 − mean normalised dispersion (see group_result).
/// - Each expert's CR, and an option to leave out experts whose CR exceeds the threshold (reported).

#include <csat/config.hpp>
#include <csat/ahp/analysis.hpp>
#include <csat/ahp/pairwise.hpp>
#include <csat/core/error.hpp>
#include <csat/core/validate.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace csat {
namespace ahp {

namespace detail {
inline std::vector<double> expert_weights(std::size_t k, const std::vector<double>& given, const char* fn) {
  if (given.empty()) return std::vector<double>(k, 1.0 / double(k));
  if (given.size() != k)
    csat::detail::throw_invalid_argument(fn, "expert_weights has " + std::to_string(given.size()) +
                                                 " entries, but there are " + std::to_string(k) + " experts");
  double s = 0;
  for (std::size_t e = 0; e < k; ++e) {
    if (!(std::isfinite(given[e]) && given[e] >= 0))
      csat::detail::throw_domain_error(fn, "expert_weights[" + std::to_string(e) + "]", given[e],
                                       "must be finite and non-negative");
    s += given[e];
  }
  if (!(s > 0)) csat::detail::throw_domain_error(fn, "sum of expert_weights", s, "must be positive");
  std::vector<double> w(given);
  for (auto& x : w) x /= s;
  return w;
}
}  // namespace detail

/// AIJ: the weighted geometric mean of the experts' matrices (equal weights if `expert_weights` is empty;
/// weights are normalised to sum 1). All matrices must have the same size; names come from the first.
template <class Scalar>
pairwise_matrix<Scalar> aggregate_judgments(const std::vector<pairwise_matrix<Scalar>>& experts,
                                            const std::vector<double>& expert_weights = {}) {
  using std::exp;
  using std::log;
  const char* fn = "csat::ahp::aggregate_judgments";
  if (experts.empty()) csat::detail::throw_invalid_argument(fn, "there are no experts' matrices");
  const auto lambda = detail::expert_weights(experts.size(), expert_weights, fn);
  const auto n = experts.front().size();
  for (std::size_t e = 1; e < experts.size(); ++e)
    if (experts[e].size() != n)
      csat::detail::throw_invalid_argument(fn, "expert " + std::to_string(e) + "'s matrix is " +
                                                   std::to_string(experts[e].size()) + "x" +
                                                   std::to_string(experts[e].size()) + ", but expert 0's is " +
                                                   std::to_string(n) + "x" + std::to_string(n));
  Eigen::MatrixX<Scalar> logs = Eigen::MatrixX<Scalar>::Zero(n, n);
  Eigen::MatrixXd wsum = Eigen::MatrixXd::Zero(n, n);
  for (std::size_t e = 0; e < experts.size(); ++e) {
    const auto& m = experts[e];
    if (m.complete()) {
      logs.array() += Scalar(lambda[e]) * m.values().array().log();
      wsum.array() += lambda[e];
    } else {
      for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < n; ++j)
          if (m.known(i, j)) {
            logs(i, j) += Scalar(lambda[e]) * log(m(i, j));
            wsum(i, j) += lambda[e];
          }
    }
  }
  Eigen::MatrixX<Scalar> g = Eigen::MatrixX<Scalar>::Zero(n, n);
  detail::bool_matrix known = detail::bool_matrix::Constant(n, n, false);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j)
      if (wsum(i, j) > 0) {
        g(i, j) = exp(logs(i, j) / Scalar(wsum(i, j)));
        known(i, j) = true;
      }
  pairwise_options po = experts.front().options();
  po.reciprocal_tolerance = std::max(po.reciprocal_tolerance, 1e-9);
  return pairwise_matrix<Scalar>(g, known, experts.front().names(), po);
}

/// How individual priority vectors are combined.
enum class aip_mean { arithmetic, geometric };

/// AIP: the weighted arithmetic or geometric mean of individual priority vectors (columns of `priorities`,
/// one column per expert), normalised to sum 1.
template <class Scalar>
Eigen::VectorX<Scalar> aggregate_priorities(const Eigen::MatrixX<Scalar>& priorities, aip_mean mean = aip_mean::geometric,
                                            const std::vector<double>& expert_weights = {}) {
  using std::exp;
  using std::log;
  const char* fn = "csat::ahp::aggregate_priorities";
  if (priorities.cols() == 0) csat::detail::throw_invalid_argument(fn, "there are no experts' priority vectors");
  csat::detail::check_positive(fn, "priorities", priorities);
  const auto lambda = detail::expert_weights(static_cast<std::size_t>(priorities.cols()), expert_weights, fn);
  Eigen::VectorX<Scalar> r = Eigen::VectorX<Scalar>::Zero(priorities.rows());
  for (Eigen::Index e = 0; e < priorities.cols(); ++e) {
    if (mean == aip_mean::arithmetic) r += Scalar(lambda[static_cast<std::size_t>(e)]) * priorities.col(e);
    else r.array() += Scalar(lambda[static_cast<std::size_t>(e)]) * priorities.col(e).array().log();
  }
  if (mean == aip_mean::geometric) r = r.array().exp().matrix();
  return r / r.sum();
}

}  // namespace ahp
}  // namespace csat

#endif
