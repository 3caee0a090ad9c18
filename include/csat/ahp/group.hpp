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

/// Saaty's compatibility index of a matrix with a priority vector w: S = (1/n²) Σᵢⱼ aᵢⱼ·wⱼ/wᵢ (Saaty 1994; 1 for
/// perfect compatibility, ≤ 1.1 is the usual acceptance line). Missing cells (incomplete matrices) are skipped and
/// the mean is over the given cells.
template <class Scalar>
Scalar compatibility(const pairwise_matrix<Scalar>& m, const Eigen::VectorX<Scalar>& w) {
  const auto n = m.size();
  csat::detail::check_size("csat::ahp::compatibility", "w", w.size(), n);
  Scalar s(0);
  Eigen::Index count = 0;
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j)
      if (m.known(i, j)) {
        s += m(i, j) * w(j) / w(i);
        ++count;
      }
  return s / Scalar(count);
}

/// Options of group_analysis().
struct group_options {
  analysis_options analysis{};
  std::vector<double> expert_weights{};      ///< empty = equal
  bool exclude_inconsistent = false;         ///< leave out experts whose CR fails the threshold (if any remain)
  double compatibility_threshold = 1.1;      ///< Saaty's line for the compatibility index
};

/// A group of experts judging the same criteria.
template <class Scalar = double>
struct group_result {
  std::vector<analysis_result<Scalar>> experts;  ///< each expert's own analysis (weights, CR, …)
  std::vector<int> excluded;                     ///< experts left out (CR above the threshold), reported
  std::vector<double> weights_used;              ///< normalised weights of the kept experts (0 for excluded)
  pairwise_matrix<Scalar> aggregated;            ///< AIJ matrix (weighted geometric mean of the kept experts)
  analysis_result<Scalar> aij;                   ///< analysis of the AIJ matrix (group weights, group CR)
  Eigen::VectorX<Scalar> aip_arithmetic;         ///< AIP, weighted arithmetic mean of the kept experts' weights
  Eigen::VectorX<Scalar> aip_geometric;          ///< AIP, weighted geometric mean
  std::vector<Scalar> compatibility;             ///< each expert's matrix against the AIJ weights (Saaty)
  Scalar mean_compatibility = Scalar(1);         ///< weighted mean over the kept experts
  bool consensus = true;                         ///< every kept expert's compatibility ≤ the threshold
};

/// Group AHP: each expert's analysis, optional exclusion of inconsistent experts, AIJ and AIP, compatibility.
template <class Scalar>
group_result<Scalar> group_analysis(const std::vector<pairwise_matrix<Scalar>>& experts, const group_options& o = {}) {
  const char* fn = "csat::ahp::group_analysis";
  if (experts.empty()) csat::detail::throw_invalid_argument(fn, "there are no experts' matrices");
  const auto lambda = detail::expert_weights(experts.size(), o.expert_weights, fn);
  group_result<Scalar> r;
  std::vector<pairwise_matrix<Scalar>> keep;
  std::vector<double> keep_w;
  std::vector<std::size_t> kept;
  for (std::size_t e = 0; e < experts.size(); ++e) {
    if (e > 0 && experts[e].size() != experts[0].size())
      csat::detail::throw_invalid_argument(fn, "expert " + std::to_string(e) + "'s matrix is " +
                                                   std::to_string(experts[e].size()) + "x" + std::to_string(experts[e].size()) +
                                                   ", but expert 0's is " + std::to_string(experts[0].size()) + "x" +
                                                   std::to_string(experts[0].size()));
    r.experts.push_back(analyze(experts[e], o.analysis));
    if (o.exclude_inconsistent && !r.experts.back().consistency.consistent) {
      r.excluded.push_back(static_cast<int>(e));
      continue;
    }
    keep.push_back(experts[e]);
    keep_w.push_back(lambda[e]);
    kept.push_back(e);
  }
  if (keep.empty()) {  // nobody passes: keep everyone (and exclude nobody)
    r.excluded.clear();
    keep = experts;
    keep_w = lambda;
    kept.clear();
    for (std::size_t e = 0; e < experts.size(); ++e) kept.push_back(e);
  }
  double ws = 0;
  for (double x : keep_w) ws += x;
  r.weights_used.assign(experts.size(), 0.0);
  for (std::size_t q = 0; q < kept.size(); ++q) r.weights_used[kept[q]] = keep_w[q] / ws;
  r.aggregated = aggregate_judgments(keep, keep_w);
  r.aij = analyze(r.aggregated, o.analysis);
  Eigen::MatrixX<Scalar> pri(experts[0].size(), static_cast<Eigen::Index>(kept.size()));
  for (std::size_t q = 0; q < kept.size(); ++q) pri.col(static_cast<Eigen::Index>(q)) = r.experts[kept[q]].weights;
  r.aip_arithmetic = aggregate_priorities<Scalar>(pri, aip_mean::arithmetic, keep_w);
  r.aip_geometric = aggregate_priorities<Scalar>(pri, aip_mean::geometric, keep_w);
  r.mean_compatibility = Scalar(0);
  for (std::size_t e = 0; e < experts.size(); ++e) {
    r.compatibility.push_back(compatibility(experts[e], r.aij.weights));
    r.mean_compatibility += Scalar(r.weights_used[e]) * r.compatibility.back();
    if (r.weights_used[e] > 0 && static_cast<double>(r.compatibility.back()) > o.compatibility_threshold) r.consensus = false;
  }
  return r;
}

}  // namespace ahp
}  // namespace csat

#endif
