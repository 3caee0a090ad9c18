#ifndef CSAT_AHP_DIAGNOSIS_HPP
#define CSAT_AHP_DIAGNOSIS_HPP

/// \file
/// Which judgment is inconsistent, what it should be, and an automatic minimal repair.
///
/// - Saaty's εᵢⱼ = aᵢⱼwⱼ/wᵢ (Saaty 2003, EJOR 145:85–91); judgments are ranked by max(εᵢⱼ, 1/εᵢⱼ).
/// - Harker's gradient ∂λmax/∂aᵢⱼ = vᵢwⱼ − vⱼwᵢ/aᵢⱼ² (Harker 1987, Appl. Math. Comput. 22:217–232), v the left
///   Perron vector with vᵀw = 1; a second ranking by |gradient| (the two can disagree).
/// - Best-fit value of a judgment: wᵢ/wⱼ computed with that judgment treated as missing (Harker's method for
///   EV and NCM, LLSM for RGMM/LLSM), snapped to Saaty's 1–9 scale and clamped to [1/9, 9]; with the CR the
///   matrix would have with the suggested value.
/// - Repair: greedily replaces, one at a time, the judgment whose suggested value lowers the CR most, until
///   the CR passes the threshold (or max_changes is reached). Returns a new matrix and the list of changes;
///   the input is never modified. Greedy: few changes, not a proven minimum (cf. Bozóki, Fülöp & Poesz 2015).

#include <csat/config.hpp>
#include <csat/ahp/analysis.hpp>
#include <csat/ahp/pairwise.hpp>
#include <csat/ahp/priority.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace csat {
namespace ahp {

/// One judgment (i < j) under scrutiny.
template <class Scalar = double>
struct judgment_diagnosis {
  Eigen::Index i = 0, j = 0;
  Scalar value = Scalar(1);      ///< aᵢⱼ as given
  Scalar epsilon = Scalar(1);    ///< aᵢⱼwⱼ/wᵢ
  Scalar deviation = Scalar(1);  ///< max(ε, 1/ε) ≥ 1
  Scalar gradient = Scalar(0);   ///< ∂λmax/∂aᵢⱼ (Harker)
  bool has_best_fit = false;     ///< false if removing the judgment disconnects the comparison graph
  Scalar best_fit = Scalar(1);   ///< wᵢ/wⱼ with the judgment treated as missing
  Scalar suggested = Scalar(1);  ///< best_fit snapped to the 1–9 scale
  Scalar cr_if_suggested = Scalar(0);  ///< CR with aᵢⱼ = suggested
};

/// Diagnosis of a matrix: every given judgment, ranked.
template <class Scalar = double>
struct diagnosis_result {
  analysis_result<Scalar> analysis;  ///< of the matrix as given
  std::vector<judgment_diagnosis<Scalar>> judgments;  ///< given pairs i < j, by deviation (most inconsistent first)
  std::vector<std::size_t> by_gradient;               ///< indices into `judgments`, by |gradient| descending
};

struct diagnosis_options {
  analysis_options analysis{};
  /// Compute best-fit values and CRs for the `top` most inconsistent judgments (by deviation and by gradient);
  /// 0 = all.
  std::size_t top = 3;
  bool snap_to_scale = true;  ///< round suggestions to Saaty's scale (integers 1..9 or their reciprocals)
};

/// Nearest value of Saaty's scale: round(x) for x ≥ 1, 1/round(1/x) below, clamped to [1/9, 9].
template <class Scalar>
Scalar snap_to_saaty_scale(Scalar x) {
  using std::round;
  if (!(x > Scalar(0))) return Scalar(1);
  if (x >= Scalar(1)) return std::min(Scalar(9), std::max(Scalar(1), Scalar(round(x))));
  return Scalar(1) / std::min(Scalar(9), std::max(Scalar(1), Scalar(round(Scalar(1) / x))));
}

namespace detail {
template <class Scalar>
bool still_connected_without(const pairwise_matrix<Scalar>& pm, Eigen::Index i, Eigen::Index j) {
  bool_matrix k = pm.known();
  k(i, j) = k(j, i) = false;
  int count = 0;
  comparison_components(k, &count);
  return count == 1;
}

template <class Scalar>
Eigen::VectorX<Scalar> fit_weights(const pairwise_matrix<Scalar>& pm, priority_method m, const perron_options& po) {
  if (m == priority_method::rgmm || m == priority_method::llsm) return llsm(pm);
  return harker(pm, po).vector;
}
}  // namespace detail

/// Ranks every given judgment by ε and by Harker's gradient, and suggests values for the top ones.
template <class Scalar>
diagnosis_result<Scalar> diagnose(const pairwise_matrix<Scalar>& pm, const diagnosis_options& o = {}) {
  using std::abs;
  diagnosis_result<Scalar> r;
  r.analysis = analyze(pm, o.analysis);
  const auto n = pm.size();
  const Eigen::MatrixX<Scalar>& a = r.analysis.matrix;
  const Eigen::VectorX<Scalar>& w = r.analysis.weights;
  // left and right Perron vectors of the (completed) matrix for the gradient
  const auto right = eigenvector<Scalar>(a, o.analysis.consistency.perron);
  const Eigen::MatrixX<Scalar> at = a.transpose();
  const auto left = eigenvector<Scalar>(at, o.analysis.consistency.perron);
  const Scalar vw = left.vector.dot(right.vector);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = i + 1; j < n; ++j) {
      if (!pm.known(i, j)) continue;
      judgment_diagnosis<Scalar> d;
      d.i = i;
      d.j = j;
      d.value = pm(i, j);
      d.epsilon = d.value * w(j) / w(i);
      d.deviation = std::max(d.epsilon, Scalar(1) / d.epsilon);
      d.gradient = (left.vector(i) * right.vector(j) - left.vector(j) * right.vector(i) / (d.value * d.value)) / vw;
      r.judgments.push_back(d);
    }
  std::stable_sort(r.judgments.begin(), r.judgments.end(),
                   [](const auto& x, const auto& y) { return x.deviation > y.deviation; });
  r.by_gradient.resize(r.judgments.size());
  for (std::size_t k = 0; k < r.by_gradient.size(); ++k) r.by_gradient[k] = k;
  std::stable_sort(r.by_gradient.begin(), r.by_gradient.end(), [&](std::size_t x, std::size_t y) {
    return abs(r.judgments[x].gradient) > abs(r.judgments[y].gradient);
  });
  const std::size_t top = o.top == 0 ? r.judgments.size() : std::min(o.top, r.judgments.size());
  std::vector<bool> want(r.judgments.size(), false);
  for (std::size_t k = 0; k < top; ++k) want[k] = want[r.by_gradient[k]] = true;
  for (std::size_t k = 0; k < r.judgments.size(); ++k) {
    if (!want[k]) continue;
    auto& d = r.judgments[k];
    if (n <= 2 || !detail::still_connected_without(pm, d.i, d.j)) continue;
    const auto without = pm.without_judgment(d.i, d.j);
    const auto fw = detail::fit_weights(without, o.analysis.method, o.analysis.consistency.perron);
    d.has_best_fit = true;
    d.best_fit = fw(d.i) / fw(d.j);
    d.suggested = o.snap_to_scale ? snap_to_saaty_scale(d.best_fit) : d.best_fit;
    d.cr_if_suggested = analyze(pm.with_judgment(d.i, d.j, d.suggested), o.analysis).consistency.cr;
  }
  return r;
}

/// One change made by repair().
template <class Scalar = double>
struct judgment_change {
  Eigen::Index i = 0, j = 0;
  Scalar from = Scalar(1);
  Scalar to = Scalar(1);
  Scalar cr_after = Scalar(0);
};

template <class Scalar = double>
struct repair_result {
  pairwise_matrix<Scalar> matrix;  ///< the repaired copy
  std::vector<judgment_change<Scalar>> changes;
  Scalar cr_before = Scalar(0);
  Scalar cr_after = Scalar(0);
  bool consistent = false;  ///< the repaired matrix passes the threshold
};

struct repair_options {
  analysis_options analysis{};
  std::size_t max_changes = 10;
  bool snap_to_scale = true;
};

/// Greedy minimal-change repair (see the file comment). The input is not modified.
template <class Scalar>
repair_result<Scalar> repair(const pairwise_matrix<Scalar>& pm, const repair_options& o = {}) {
  repair_result<Scalar> r;
  r.matrix = pm;
  auto current = analyze(pm, o.analysis);
  r.cr_before = r.cr_after = current.consistency.cr;
  r.consistent = current.consistency.consistent;
  std::vector<std::pair<Eigen::Index, Eigen::Index>> changed;
  diagnosis_options dopt;
  dopt.analysis = o.analysis;
  dopt.top = 0;
  dopt.snap_to_scale = o.snap_to_scale;
  while (!r.consistent && r.changes.size() < o.max_changes) {
    const auto d = diagnose(r.matrix, dopt);
    const judgment_diagnosis<Scalar>* best = nullptr;
    for (const auto& c : d.judgments) {
      if (!c.has_best_fit || c.suggested == c.value) continue;
      if (std::find(changed.begin(), changed.end(), std::make_pair(c.i, c.j)) != changed.end()) continue;
      if (!best || c.cr_if_suggested < best->cr_if_suggested) best = &c;
    }
    if (!best || !(best->cr_if_suggested < r.cr_after)) break;  // no judgment helps
    r.matrix = r.matrix.with_judgment(best->i, best->j, best->suggested);
    changed.emplace_back(best->i, best->j);
    current = analyze(r.matrix, o.analysis);
    r.changes.push_back({best->i, best->j, best->value, best->suggested, current.consistency.cr});
    r.cr_after = current.consistency.cr;
    r.consistent = current.consistency.consistent;
  }
  return r;
}

}  // namespace ahp
}  // namespace csat

#endif
