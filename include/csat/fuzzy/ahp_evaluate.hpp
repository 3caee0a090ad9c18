#ifndef CSAT_FUZZY_AHP_EVALUATE_HPP
#define CSAT_FUZZY_AHP_EVALUATE_HPP

/// \file
/// Multi-level fuzzy evaluation whose weights come from an AHP hierarchy (csat::ahp::hierarchy): every inner
/// node's children are weighted by their AHP local weights, so the AHP global weights are the FCE global weights.
/// Leaves (indicators) get their membership rows by name or by path ("goal/criterion/indicator").

#include <csat/ahp/hierarchy.hpp>
#include <csat/config.hpp>
#include <csat/core/error.hpp>
#include <csat/core/validate.hpp>
#include <csat/fuzzy/evaluate.hpp>
#include <csat/fuzzy/grades.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace csat {
namespace fuzzy {

/// Membership rows of the leaves, keyed by leaf name or by the leaf's AHP path "goal/criterion/indicator"
/// (a path wins over a name; use paths when leaf names repeat).
template <class Scalar = double>
using leaf_rows = std::map<std::string, Eigen::RowVectorX<Scalar>>;

namespace detail {

template <class Scalar>
fce_node<Scalar> tree_from_ahp(const ahp::hierarchy_result<Scalar>& h, int k, const leaf_rows<Scalar>& rows,
                               std::set<std::string>& used) {
  const auto& n = h.nodes[static_cast<std::size_t>(k)];
  fce_node<Scalar> out;
  out.name = n.name;
  out.weight = n.local_weight;
  if (n.children.empty()) {
    auto it = rows.find(n.path);
    if (it == rows.end()) it = rows.find(n.name);
    if (it == rows.end())
      csat::detail::throw_invalid_argument("csat::fuzzy::evaluate",
                                           "leaf " + csat::detail::quoted(n.path) + " of the AHP hierarchy has no membership row");
    used.insert(it->first);
    out.membership = it->second;
    return out;
  }
  for (int c : n.children) out.children.push_back(tree_from_ahp(h, c, rows, used));
  return out;
}

}  // namespace detail

/// The evaluation tree of an evaluated AHP hierarchy: AHP local weights on every edge, `rows` on the leaves.
/// A leaf without a row, or a row that matches no leaf, is a csat::invalid_argument naming it.
template <class Scalar>
fce_node<Scalar> fce_tree(const ahp::hierarchy_result<Scalar>& weights, const leaf_rows<Scalar>& rows) {
  if (weights.nodes.empty()) csat::detail::throw_invalid_argument("csat::fuzzy::evaluate", "the AHP result has no nodes");
  std::set<std::string> used;
  auto root = detail::tree_from_ahp(weights, 0, rows, used);
  for (const auto& kv : rows)
    if (!used.count(kv.first))
      csat::detail::throw_invalid_argument("csat::fuzzy::evaluate", "membership row " + csat::detail::quoted(kv.first) +
                                                                        " matches no leaf of the AHP hierarchy");
  return root;
}

/// Multi-level evaluation with the weights of an evaluated AHP hierarchy (csat::ahp::evaluate).
template <class Scalar>
evaluation_result<Scalar> evaluate(const ahp::hierarchy_result<Scalar>& weights, const leaf_rows<Scalar>& rows,
                                   const grade_set& grades, const evaluate_options<Scalar>& options = {}) {
  return evaluate(fce_tree(weights, rows), grades, options);
}

/// Multi-level evaluation of an AHP hierarchy: evaluates the AHP first (local and global weights), then the FCE.
template <class Scalar>
evaluation_result<Scalar> evaluate(const ahp::hierarchy<Scalar>& hierarchy, const leaf_rows<Scalar>& rows,
                                   const grade_set& grades, const evaluate_options<Scalar>& options = {},
                                   const ahp::hierarchy_options& ahp_options = {}) {
  return evaluate(ahp::evaluate(hierarchy, ahp_options), rows, grades, options);
}

}  // namespace fuzzy
}  // namespace csat

#endif
