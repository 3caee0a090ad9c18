#ifndef CSAT_PLS_INDEX_HPP
#define CSAT_PLS_INDEX_HPP

/// \file
/// ACSI-style 0–100 indices and importance–performance map analysis (IPMA).
///
/// Every indicator is rescaled to 0–100, x̃ = 100 (x − min) / (max − min), with the questionnaire's scale ends.
/// The unstandardized weight of an indicator on the rescaled data is u_i = w_i / sd(x̃_i) = w_i (max_i − min_i) /
/// (100 sd_i); normalized within the block, ũ_i = u_i / Σ_j u_j. The construct's 0–100 score of a case is
/// Σ ũ_i x̃_i and its index is the mean: index = Σ ũ_i mean(x̃_i) (Fornell et al. 1996, ACSI methodology;
/// Ringle & Sarstedt 2016 for the rescaling used by IPMA). IPMA: importance of construct j for target t is the
/// unstandardized total effect on the rescaled scores, T_jt · sd(Ỹ_t)/sd(Ỹ_j); performance is the index.
/// For indicators: importance = ũ_i × the importance of their construct, performance = mean(x̃_i).

#include <csat/config.hpp>
#include <csat/core/validate.hpp>
#include <csat/pls/estimate.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

namespace csat {
namespace pls {

/// 0–100 indices of every construct. For a weighted estimation (estimate_result::weighted) the indicator means
/// and sds are the case-weighted ones, so the index is the weighted mean score (docs/pls-weights.md).
template <class Scalar = double>
struct index_result {
  std::vector<std::string> constructs;
  Eigen::VectorX<Scalar> index;             ///< K, 0–100
  Eigen::MatrixX<Scalar> rescaled_weights;  ///< p×K ũ (sum 1 within each block)
  Eigen::VectorX<Scalar> indicator_performance;  ///< p, mean rescaled indicator (0–100)
  Eigen::VectorX<Scalar> weight_sum;        ///< K, Σ u_j: the rescaled score is index + score / weight_sum
  Eigen::MatrixX<Scalar> scores;            ///< n×K 0–100 scores of every case
  Scalar index_of(const std::string& c) const {
    for (std::size_t k = 0; k < constructs.size(); ++k)
      if (constructs[k] == c) return index(static_cast<Eigen::Index>(k));
    csat::detail::throw_invalid_argument("csat::pls::index_result", "no construct named " + csat::detail::quoted(c));
  }
};

namespace detail {

/// ũ, Σu and the index from weights, indicator means and sds and the scale ends (p-vectors).
template <class Scalar>
void index_core(const std::vector<Eigen::Index>& block, Eigen::Index K, const Eigen::MatrixX<Scalar>& W,
                const Eigen::VectorX<Scalar>& mean, const Eigen::VectorX<Scalar>& sd, const Eigen::VectorX<Scalar>& lo,
                const Eigen::VectorX<Scalar>& hi, Eigen::MatrixX<Scalar>& U, Eigen::VectorX<Scalar>& usum,
                Eigen::VectorX<Scalar>& index) {
  const Eigen::Index p = static_cast<Eigen::Index>(block.size());
  U = Eigen::MatrixX<Scalar>::Zero(p, K);
  usum = Eigen::VectorX<Scalar>::Zero(K);
  index = Eigen::VectorX<Scalar>::Zero(K);
  for (Eigen::Index i = 0; i < p; ++i) {
    const Eigen::Index k = block[static_cast<std::size_t>(i)];
    U(i, k) = W(i, k) * (hi(i) - lo(i)) / (Scalar(100) * sd(i));
    usum(k) += U(i, k);
  }
  for (Eigen::Index i = 0; i < p; ++i) {
    const Eigen::Index k = block[static_cast<std::size_t>(i)];
    U(i, k) /= usum(k);
    index(k) += U(i, k) * Scalar(100) * (mean(i) - lo(i)) / (hi(i) - lo(i));
  }
}

template <class Scalar>
void check_scale(const char* fn, const std::vector<std::string>& indicators, const Eigen::VectorX<Scalar>& lo,
                 const Eigen::VectorX<Scalar>& hi) {
  check_size(fn, "scale_min", lo.size(), static_cast<Eigen::Index>(indicators.size()));
  check_size(fn, "scale_max", hi.size(), static_cast<Eigen::Index>(indicators.size()));
  for (Eigen::Index i = 0; i < lo.size(); ++i)
    if (!(std::isfinite(static_cast<double>(lo(i))) && std::isfinite(static_cast<double>(hi(i))) && hi(i) > lo(i) &&
          std::isfinite(static_cast<double>(hi(i) - lo(i)))))
      throw_domain_error(fn, "scale of indicator " + quoted(indicators[static_cast<std::size_t>(i)]) + " is [" +
                                 format_value(static_cast<double>(lo(i))) + ", " +
                                 format_value(static_cast<double>(hi(i))) + "], but needs finite min < max with a finite width");
}

/// Data off the stated scale would give indices outside 0–100 that look like results: an indicator whose mean
/// lies outside [min, max] (beyond rounding) cannot be on that scale.
template <class Scalar>
void check_on_scale(const char* fn, const std::vector<std::string>& indicators, const Eigen::VectorX<Scalar>& mean,
                    const Eigen::VectorX<Scalar>& lo, const Eigen::VectorX<Scalar>& hi) {
  if (mean.size() != lo.size()) return;  // an incomplete result: nothing to check against
  for (Eigen::Index i = 0; i < mean.size(); ++i) {
    const Scalar slack = Scalar(1e-9) * (hi(i) - lo(i));
    if (!(mean(i) >= lo(i) - slack && mean(i) <= hi(i) + slack))
      throw_domain_error(fn, "indicator " + quoted(indicators[static_cast<std::size_t>(i)]) + " has mean " +
                                 format_value(static_cast<double>(mean(i))) + ", outside its scale [" +
                                 format_value(static_cast<double>(lo(i))) + ", " +
                                 format_value(static_cast<double>(hi(i))) +
                                 "]: the data are not on that scale (give the questionnaire's scale ends)");
  }
}

}  // namespace detail

/// 0–100 indices with per-indicator scale ends (p-vectors in `r.indicators` order). An indicator whose mean lies
/// outside its scale is a csat::domain_error naming it (the data are on another scale).
template <class Scalar>
index_result<Scalar> indices(const estimate_result<Scalar>& r, const Eigen::VectorX<Scalar>& scale_min,
                             const Eigen::VectorX<Scalar>& scale_max) {
  const char* fn = "csat::pls::indices";
  detail::check_scale(fn, r.indicators, scale_min, scale_max);
  detail::check_on_scale(fn, r.indicators, r.indicator_means, scale_min, scale_max);
  index_result<Scalar> out;
  out.constructs = r.constructs;
  const Eigen::Index K = static_cast<Eigen::Index>(r.constructs.size());
  detail::index_core(r.block, K, r.weights, r.indicator_means, r.indicator_sds, scale_min, scale_max,
                     out.rescaled_weights, out.weight_sum, out.index);
  out.indicator_performance =
      (Scalar(100) * (r.indicator_means - scale_min).array() / (scale_max - scale_min).array()).matrix();
  out.scores = r.scores;
  for (Eigen::Index k = 0; k < K; ++k)
    out.scores.col(k) = (r.scores.col(k).array() / out.weight_sum(k) + out.index(k)).matrix();
  return out;
}

/// 0–100 indices with one scale [scale_min, scale_max] for every indicator (e.g. 1–10).
template <class Scalar>
index_result<Scalar> indices(const estimate_result<Scalar>& r, Scalar scale_min, Scalar scale_max) {
  const Eigen::Index p = static_cast<Eigen::Index>(r.indicators.size());
  return indices(r, Eigen::VectorX<Scalar>::Constant(p, scale_min).eval(), Eigen::VectorX<Scalar>::Constant(p, scale_max).eval());
}

/// Indices of one segment: the mean 0–100 score of the cases in it.
template <class Scalar = double>
struct segment_index {
  std::string segment;
  Eigen::Index n = 0;
  Eigen::VectorX<Scalar> index;  ///< K
  Scalar weight_sum = 0;         ///< Σ case weights of the segment (= n when unweighted)
};

/// Indices per segment (cases labelled by `labels`, one per row of the estimation data), in order of first
/// appearance. The weights are those of the whole-sample estimation.
template <class Scalar>
std::vector<segment_index<Scalar>> segment_indices(const index_result<Scalar>& idx, const std::vector<std::string>& labels) {
  detail::check_size("csat::pls::segment_indices", "labels", static_cast<Eigen::Index>(labels.size()), idx.scores.rows());
  std::vector<segment_index<Scalar>> out;
  std::map<std::string, std::size_t> pos;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    auto it = pos.find(labels[i]);
    if (it == pos.end()) {
      it = pos.emplace(labels[i], out.size()).first;
      out.push_back({labels[i], 0, Eigen::VectorX<Scalar>::Zero(idx.scores.cols())});
    }
    auto& s = out[it->second];
    ++s.n;
    s.index += idx.scores.row(static_cast<Eigen::Index>(i)).transpose();
  }
  for (auto& s : out) {
    s.index /= Scalar(s.n);
    s.weight_sum = Scalar(s.n);
  }
  return out;
}

/// Weighted indices per segment: the case-weighted mean 0–100 score of the cases in it, Σ w_i s_i / Σ w_i (the
/// Hájek estimator of the segment's population mean score). `case_weights` has one weight per row of the
/// estimation data (estimate_result::case_weights); empty = unweighted. A segment whose weights sum to zero gets
/// NaN indices.
template <class Scalar>
std::vector<segment_index<Scalar>> segment_indices(const index_result<Scalar>& idx, const std::vector<std::string>& labels,
                                                   const Eigen::VectorX<Scalar>& case_weights) {
  if (case_weights.size() == 0) return segment_indices(idx, labels);
  const char* fn = "csat::pls::segment_indices";
  detail::check_size(fn, "labels", static_cast<Eigen::Index>(labels.size()), idx.scores.rows());
  detail::check_size(fn, "case_weights", case_weights.size(), idx.scores.rows());
  std::vector<segment_index<Scalar>> out;
  std::map<std::string, std::size_t> pos;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const Scalar w = case_weights(static_cast<Eigen::Index>(i));
    if (!(std::isfinite(static_cast<double>(w)) && w >= Scalar(0)))
      detail::throw_domain_error(fn, detail::element_name("case_weights", static_cast<Eigen::Index>(i)) + " = " +
                                         detail::format_value(static_cast<double>(w)) +
                                         ", but case weights must be finite and non-negative");
    auto it = pos.find(labels[i]);
    if (it == pos.end()) {
      it = pos.emplace(labels[i], out.size()).first;
      out.push_back({labels[i], 0, Eigen::VectorX<Scalar>::Zero(idx.scores.cols()), Scalar(0)});
    }
    auto& s = out[it->second];
    ++s.n;
    s.weight_sum += w;
    s.index += w * idx.scores.row(static_cast<Eigen::Index>(i)).transpose();
  }
  for (auto& s : out) s.index /= s.weight_sum;
  return out;
}

/// One row of the importance–performance map.
struct ipma_entry {
  std::string name;        ///< construct or indicator
  std::string construct;   ///< the construct (for indicators: their block)
  double importance;       ///< unstandardized total effect on the target (0–100 scale)
  double performance;      ///< mean 0–100 score
  double priority;         ///< importance × (100 − performance): sort key of the action priorities
};

/// IPMA of a target construct.
struct ipma_result {
  std::string target;
  double target_performance = 0;
  std::vector<ipma_entry> constructs;  ///< every construct with a total effect on the target, by priority
  std::vector<ipma_entry> indicators;  ///< their indicators, by priority
};

/// The IPMA target when none is named: the construct "Satisfaction" when the model explains one (the centre of the
/// CSI models); otherwise the last construct in model order that is explained by others and explains none (the
/// model's final outcome); otherwise the last explained construct. Interaction terms and other purely exogenous
/// constructs are never chosen. A model without structural paths has no target: csat::invalid_argument.
template <class Scalar>
std::string default_ipma_target(const estimate_result<Scalar>& r) {
  const Eigen::Index K = static_cast<Eigen::Index>(r.constructs.size());
  auto explained = [&](Eigen::Index k) { return r.structure.col(k).sum() > 0; };
  auto explains = [&](Eigen::Index k) { return r.structure.row(k).sum() > 0; };
  for (Eigen::Index k = 0; k < K; ++k)
    if (r.constructs[static_cast<std::size_t>(k)] == "Satisfaction" && explained(k)) return "Satisfaction";
  for (Eigen::Index k = K - 1; k >= 0; --k)
    if (explained(k) && !explains(k)) return r.constructs[static_cast<std::size_t>(k)];
  for (Eigen::Index k = K - 1; k >= 0; --k)
    if (explained(k)) return r.constructs[static_cast<std::size_t>(k)];
  csat::detail::throw_invalid_argument("csat::pls::default_ipma_target",
                                       "the model has no structural path, so no construct to target");
}

/// Importance–performance map for `target` (Ringle & Sarstedt 2016; ACSI priority matrix).
template <class Scalar>
ipma_result ipma(const estimate_result<Scalar>& r, const index_result<Scalar>& idx, const std::string& target) {
  const Eigen::Index t = r.construct_index(target);
  ipma_result out;
  out.target = target;
  out.target_performance = static_cast<double>(idx.index(t));
  const Eigen::Index K = static_cast<Eigen::Index>(r.constructs.size());
  std::vector<double> imp(static_cast<std::size_t>(K), 0.0);
  for (Eigen::Index j = 0; j < K; ++j) {
    if (j == t || r.total_effects(j, t) == 0) continue;
    // sd of the 0–100 score is 1 / Σu, so the unstandardized effect is T · Σu_j / Σu_t
    imp[static_cast<std::size_t>(j)] =
        static_cast<double>(r.total_effects(j, t) * idx.weight_sum(j) / idx.weight_sum(t));
    const double perf = static_cast<double>(idx.index(j));
    out.constructs.push_back({r.constructs[static_cast<std::size_t>(j)], r.constructs[static_cast<std::size_t>(j)],
                              imp[static_cast<std::size_t>(j)], perf, imp[static_cast<std::size_t>(j)] * (100 - perf)});
  }
  for (std::size_t i = 0; i < r.indicators.size(); ++i) {
    const Eigen::Index k = r.block[i];
    if (k == t || r.total_effects(k, t) == 0) continue;
    const double im = static_cast<double>(idx.rescaled_weights(static_cast<Eigen::Index>(i), k)) * imp[static_cast<std::size_t>(k)];
    const double perf = static_cast<double>(idx.indicator_performance(static_cast<Eigen::Index>(i)));
    out.indicators.push_back({r.indicators[i], r.constructs[static_cast<std::size_t>(k)], im, perf, im * (100 - perf)});
  }
  auto by_priority = [](const ipma_entry& a, const ipma_entry& b) { return a.priority > b.priority; };
  std::stable_sort(out.constructs.begin(), out.constructs.end(), by_priority);
  std::stable_sort(out.indicators.begin(), out.indicators.end(), by_priority);
  return out;
}

}  // namespace pls
}  // namespace csat

#endif
