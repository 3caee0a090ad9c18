#ifndef CSAT_AHP_SENSITIVITY_HPP
#define CSAT_AHP_SENSITIVITY_HPP

/// \file
/// Sensitivity of an evaluated hierarchy to a criterion's weight.
///
/// When the local weight p of one node changes and its siblings keep their proportions (each scaled by
/// (1 − p)/(1 − p₀)), every alternative's distributive score is linear in p:
///   scoreₐ(p) = Cₐ + p·Xₐ + (1 − p)/(1 − p₀)·Yₐ,
/// with Xₐ the node's subtree contribution per unit weight, Yₐ the siblings' contribution at p₀ and Cₐ the rest.
/// Hence the weight at which the top-ranked alternative changes (the rank-reversal threshold in the sense of
/// Triantaphyllou & Sánchez 1997) is found exactly, in both directions, and a one-at-a-time table perturbs every
/// criterion's weight by relative steps. Alternatives are the leaves, merged by name (as in hierarchy_result).

#include <csat/config.hpp>
#include <csat/ahp/hierarchy.hpp>
#include <csat/core/error.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace csat {
namespace ahp {

/// Result of sensitivity().
template <class Scalar = double>
struct sensitivity_result {
  int node = -1;
  Scalar base_weight = Scalar(0);       ///< p₀, the node's local weight
  std::vector<std::string> alternatives;
  Eigen::VectorX<Scalar> base_scores;   ///< distributive scores at p₀
  int top = 0;                          ///< index of the top alternative at p₀
  /// Smallest p > p₀ at which another alternative overtakes the top one (NaN if none up to 1) and that one.
  Scalar increase_threshold = std::numeric_limits<Scalar>::quiet_NaN();
  int top_above = -1;
  /// Largest p < p₀ at which the top changes (NaN if none down to 0) and the new top below it.
  Scalar decrease_threshold = std::numeric_limits<Scalar>::quiet_NaN();
  int top_below = -1;
  Eigen::VectorX<Scalar> grid;          ///< weights 0, 1/(k−1), …, 1
  Eigen::MatrixX<Scalar> scores;        ///< grid.size() × alternatives: scores along the sweep
};

namespace detail {
template <class Scalar>
struct linear_scores {
  Eigen::VectorX<Scalar> c, x, y;
  Scalar p0 = Scalar(0);
  Eigen::VectorX<Scalar> at(Scalar p) const { return c + p * x + ((Scalar(1) - p) / (Scalar(1) - p0)) * y; }
};

template <class Scalar>
linear_scores<Scalar> decompose(const hierarchy_result<Scalar>& r, int node) {
  const char* fn = "csat::ahp::sensitivity";
  if (node <= 0 || node >= static_cast<int>(r.nodes.size()))
    csat::detail::throw_invalid_argument(fn, "node index " + std::to_string(node) + " is not a non-goal node in [1, " +
                                                 std::to_string(r.nodes.size() - 1) + "]");
  const auto& nd = r.nodes[static_cast<std::size_t>(node)];
  const int parent = nd.parent;
  if (r.nodes[static_cast<std::size_t>(parent)].children.size() < 2)
    csat::detail::throw_invalid_argument(fn, "node " + csat::detail::quoted(nd.path) + " has no siblings; its weight is always 1");
  linear_scores<Scalar> ls;
  const auto na = static_cast<Eigen::Index>(r.alternatives.size());
  ls.c = ls.x = ls.y = Eigen::VectorX<Scalar>::Zero(na);
  ls.p0 = nd.local_weight;
  for (std::size_t q = 0; q < r.leaves.size(); ++q) {
    const int leaf = r.leaves[q];
    const auto& ln = r.nodes[static_cast<std::size_t>(leaf)];
    Eigen::Index a = 0;
    while (r.alternatives[static_cast<std::size_t>(a)] != ln.name) ++a;
    int k = leaf, below = -1;
    while (k >= 0 && r.nodes[static_cast<std::size_t>(k)].parent != parent) { below = k; k = r.nodes[static_cast<std::size_t>(k)].parent; }
    (void)below;
    if (k < 0 || leaf == 0) ls.c(a) += ln.global_weight;                       // outside the parent's subtree
    else if (k == node) ls.x(a) += ln.global_weight / nd.local_weight;          // in the node's subtree
    else ls.y(a) += ln.global_weight;                                           // in a sibling's subtree
  }
  return ls;
}

template <class Scalar>
int argmax(const Eigen::VectorX<Scalar>& v) {
  Eigen::Index k = 0;
  v.maxCoeff(&k);
  return static_cast<int>(k);
}
}  // namespace detail

/// Sweeps the local weight of `node` over [0, 1] (siblings proportional) and finds where the top alternative
/// changes. `r` comes from evaluate(); `grid_points` ≥ 2.
template <class Scalar>
sensitivity_result<Scalar> sensitivity(const hierarchy_result<Scalar>& r, int node, int grid_points = 11) {
  const auto ls = detail::decompose(r, node);
  sensitivity_result<Scalar> s;
  s.node = node;
  s.base_weight = ls.p0;
  s.alternatives = r.alternatives;
  s.base_scores = ls.at(ls.p0);
  s.top = detail::argmax(s.base_scores);
  // lead of the top over b: d_b(p) = α_b + β_b p, linear
  const Scalar k1 = Scalar(1) / (Scalar(1) - ls.p0);
  Scalar up = std::numeric_limits<Scalar>::infinity(), down = -std::numeric_limits<Scalar>::infinity();
  const auto t = static_cast<Eigen::Index>(s.top);
  for (Eigen::Index b = 0; b < static_cast<Eigen::Index>(s.alternatives.size()); ++b) {
    if (b == t) continue;
    const Scalar alpha = (ls.c(t) - ls.c(b)) + k1 * (ls.y(t) - ls.y(b));
    const Scalar beta = (ls.x(t) - ls.x(b)) - k1 * (ls.y(t) - ls.y(b));
    if (beta == Scalar(0)) continue;
    const Scalar p = -alpha / beta;  // where the lead vanishes
    if (beta < 0 && p > ls.p0 && p <= Scalar(1) && p < up) { up = p; s.top_above = static_cast<int>(b); }
    if (beta > 0 && p < ls.p0 && p >= Scalar(0) && p > down) { down = p; s.top_below = static_cast<int>(b); }
  }
  if (s.top_above >= 0) s.increase_threshold = up;
  if (s.top_below >= 0) s.decrease_threshold = down;
  const int g = std::max(2, grid_points);
  s.grid.resize(g);
  s.scores.resize(g, static_cast<Eigen::Index>(s.alternatives.size()));
  for (int k = 0; k < g; ++k) {
    s.grid(k) = Scalar(k) / Scalar(g - 1);
    s.scores.row(k) = ls.at(s.grid(k)).transpose();
  }
  return s;
}

/// One row of the one-at-a-time table.
template <class Scalar = double>
struct perturbation_row {
  int node = -1;
  Scalar delta = Scalar(0);   ///< relative change of the local weight
  Scalar weight = Scalar(0);  ///< the perturbed local weight (clamped to [0, 1])
  Eigen::VectorX<Scalar> scores;
  int top = 0;
  bool top_changed = false;
};

/// Perturbs, one at a time, the local weight of every non-goal inner node (every non-goal node if the hierarchy
/// has one level) by each relative `delta` (w·(1 + δ)), siblings proportional; reports the scores and the top.
template <class Scalar>
std::vector<perturbation_row<Scalar>> perturbation_table(const hierarchy_result<Scalar>& r,
                                                         const std::vector<double>& deltas = {-0.2, -0.1, 0.1, 0.2}) {
  std::vector<int> nodes;
  for (std::size_t k = 1; k < r.nodes.size(); ++k)
    if (!r.nodes[k].children.empty()) nodes.push_back(static_cast<int>(k));
  if (nodes.empty())
    for (std::size_t k = 1; k < r.nodes.size(); ++k) nodes.push_back(static_cast<int>(k));
  std::vector<perturbation_row<Scalar>> out;
  Eigen::VectorX<Scalar> base = r.distributive;
  const int top0 = detail::argmax(base);
  for (int k : nodes) {
    if (r.nodes[static_cast<std::size_t>(r.nodes[static_cast<std::size_t>(k)].parent)].children.size() < 2) continue;
    const auto ls = detail::decompose(r, k);
    for (double d : deltas) {
      perturbation_row<Scalar> row;
      row.node = k;
      row.delta = Scalar(d);
      row.weight = std::min(Scalar(1), std::max(Scalar(0), ls.p0 * Scalar(1 + d)));
      row.scores = ls.at(row.weight);
      row.top = detail::argmax(row.scores);
      row.top_changed = row.top != top0;
      out.push_back(std::move(row));
    }
  }
  return out;
}

}  // namespace ahp
}  // namespace csat

#endif
