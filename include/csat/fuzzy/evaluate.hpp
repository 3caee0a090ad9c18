#ifndef CSAT_FUZZY_EVALUATE_HPP
#define CSAT_FUZZY_EVALUATE_HPP

/// \file
/// Multi-level (hierarchical) fuzzy comprehensive evaluation over a tree of any depth.
///
/// Each leaf carries a membership row (an indicator); each inner node carries its children's local weights.
/// Bottom-up, an inner node stacks its children's evaluations into R and computes B = A ∘ R with the operator of
/// its depth. With normalization::sum each node's B is divided by its sum before it goes up (the textbooks are
/// silent on this; it changes results for the ∨ operators). Every node's B, its reading and its global weight
/// (the product of local weights down from the root) are reported.

#include <csat/config.hpp>
#include <csat/core/error.hpp>
#include <csat/core/validate.hpp>
#include <csat/fuzzy/compose.hpp>
#include <csat/fuzzy/grades.hpp>
#include <csat/fuzzy/interpret.hpp>
#include <csat/fuzzy/membership.hpp>

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace csat {
namespace fuzzy {

/// A node of an evaluation tree: a leaf (indicator) with a membership row, or an inner node with children.
template <class Scalar = double>
struct fce_node {
  std::string name;
  Scalar weight = Scalar(1);                   ///< local weight within the parent (ignored at the root)
  Eigen::RowVectorX<Scalar> membership{};      ///< leaves: the membership row (one entry per grade)
  std::vector<fce_node> children{};            ///< inner nodes: the sub-criteria or indicators

  bool leaf() const { return children.empty(); }
};

/// Options of evaluate().
template <class Scalar = double>
struct evaluate_options {
  composition op = composition::weighted_average;
  /// Operator per depth of the inner node (0 = root); depths beyond the list use `op`.
  std::vector<composition> level_ops{};
  /// Applied to every inner node's B before it goes up, and recorded.
  normalization normalize = normalization::none;
  /// Leaf rows that do not sum to 1: an error naming the leaf (default), normalized, or accepted.
  row_policy leaf_rows = row_policy::require_unit_sum;
  double weight_tolerance = 1e-9;
  double row_tolerance = 1e-9;
  std::function<Scalar(Scalar, Scalar)> t_norm{};    ///< for composition::custom
  std::function<Scalar(Scalar, Scalar)> t_conorm{};  ///< for composition::custom
};

/// The evaluation of one node.
template <class Scalar = double>
struct node_evaluation {
  std::string name;
  std::string path;                   ///< names from the root, joined by "/" (as csat::ahp paths)
  int depth = 0;                      ///< root = 0
  Eigen::Index parent = -1;           ///< index into evaluation_result::nodes, -1 for the root
  bool leaf = false;
  Scalar local_weight = Scalar(1);
  Scalar global_weight = Scalar(1);   ///< product of local weights from the root
  composition op = composition::weighted_average;  ///< operator used at this node (inner nodes)
  Scalar row_deviation = Scalar(0);         ///< leaves: |row sum − 1| before the leaf row policy
  Eigen::RowVectorX<Scalar> b;              ///< as composed (leaves: the membership row after the row policy)
  Eigen::RowVectorX<Scalar> b_normalized;   ///< b / Σb
  interpretation<Scalar> reading;           ///< max grade, validity, score
};

/// Evaluations of every node in pre-order (nodes[0] is the root).
template <class Scalar = double>
struct evaluation_result {
  std::vector<node_evaluation<Scalar>> nodes;
  std::vector<std::string> grades;
  normalization normalize = normalization::none;

  const node_evaluation<Scalar>& root() const { return nodes.front(); }
  /// The node called `name` (first in pre-order); csat::invalid_argument if absent.
  const node_evaluation<Scalar>& find(const std::string& name) const {
    for (const auto& n : nodes)
      if (n.name == name) return n;
    csat::detail::throw_invalid_argument("csat::fuzzy::evaluation_result", "no node " + csat::detail::quoted(name));
  }
};

namespace detail {

template <class Scalar>
Eigen::RowVectorX<Scalar> evaluate_node(const fce_node<Scalar>& node, const grade_set& grades,
                                        const evaluate_options<Scalar>& o, evaluation_result<Scalar>& out, int depth,
                                        Eigen::Index parent, const std::string& path, Scalar global) {
  static const char* fn = "csat::fuzzy::evaluate";
  const auto self = static_cast<Eigen::Index>(out.nodes.size());
  out.nodes.emplace_back();
  {
    auto& me = out.nodes.back();
    me.name = node.name;
    me.path = path.empty() ? node.name : path + "/" + node.name;
    me.depth = depth;
    me.parent = parent;
    me.leaf = node.leaf();
    me.local_weight = parent < 0 ? Scalar(1) : node.weight;
    me.global_weight = global;
  }
  const std::string my_path = out.nodes[static_cast<std::size_t>(self)].path;
  const auto m = static_cast<Eigen::Index>(grades.size());
  Eigen::RowVectorX<Scalar> b, bn;
  Scalar deviation(0);
  composition op = o.op;
  if (node.leaf()) {
    if (node.membership.size() != m)
      csat::detail::throw_invalid_argument(fn, "leaf " + csat::detail::quoted(my_path) + " has a membership row of " +
                                                   std::to_string(node.membership.size()) + " entries, but there are " +
                                                   std::to_string(m) + " grades");
    auto rp = apply_row_policy(node.membership, o.leaf_rows, o.row_tolerance, {node.name}, grades.names(), {}, fn);
    b = rp.membership;
    deviation = rp.max_deviation;
    const Scalar s = b.sum();
    bn = s > Scalar(0) ? Eigen::RowVectorX<Scalar>(b / s) : Eigen::RowVectorX<Scalar>::Zero(m);
  } else {
    if (depth < static_cast<int>(o.level_ops.size())) op = o.level_ops[static_cast<std::size_t>(depth)];
    const auto n = static_cast<Eigen::Index>(node.children.size());
    Eigen::VectorX<Scalar> a(n);
    Eigen::MatrixX<Scalar> r(n, m);
    compose_options<Scalar> co;
    co.op = op;
    co.normalize = o.normalize;
    co.rows = row_policy::as_is;  // leaves were checked; inner rows under ∨ operators need not sum to 1
    co.weight_tolerance = o.weight_tolerance;
    co.t_norm = o.t_norm;
    co.t_conorm = o.t_conorm;
    co.grades = grades.names();
    co.context = my_path;
    for (Eigen::Index i = 0; i < n; ++i) {
      const auto& c = node.children[static_cast<std::size_t>(i)];
      a(i) = c.weight;
      co.items.push_back(c.name);
    }
    detail::check_weights(fn, a, o.weight_tolerance, co.items, my_path);
    for (Eigen::Index i = 0; i < n; ++i) {
      const auto& c = node.children[static_cast<std::size_t>(i)];
      r.row(i) = evaluate_node(c, grades, o, out, depth + 1, self, my_path, global * c.weight);
    }
    const auto res = compose(a, r, co);
    b = res.b;
    bn = res.b_normalized;
  }
  auto& me = out.nodes[static_cast<std::size_t>(self)];
  me.op = op;
  me.row_deviation = deviation;
  me.b = b;
  me.b_normalized = bn;
  if (bn.sum() > Scalar(0)) me.reading = interpret(b, grades);
  return (!node.leaf() && o.normalize == normalization::sum) ? bn : b;
}

}  // namespace detail

/// Evaluates every node of the tree rooted at `root` on `grades`.
/// Errors name the node path: a leaf row of the wrong length or outside [0, 1] or not summing to 1 (unless
/// leaf_rows says otherwise), children weights negative or not summing to 1 within weight_tolerance.
template <class Scalar>
evaluation_result<Scalar> evaluate(const fce_node<Scalar>& root, const grade_set& grades,
                                   const evaluate_options<Scalar>& options = {}) {
  evaluation_result<Scalar> out;
  out.grades = grades.names();
  out.normalize = options.normalize;
  detail::evaluate_node(root, grades, options, out, 0, -1, std::string(), Scalar(1));
  return out;
}

}  // namespace fuzzy
}  // namespace csat

#endif
