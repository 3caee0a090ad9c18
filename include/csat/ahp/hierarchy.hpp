#ifndef CSAT_AHP_HIERARCHY_HPP
#define CSAT_AHP_HIERARCHY_HPP

/// \file
/// AHP hierarchies of any depth: goal → criteria → sub-criteria → … → indicators (or alternatives).
///
/// Structure (hierarchy<Scalar>). Nodes live in one vector, `nodes()`, indexed 0..size()−1; node 0 is the
/// goal. Each node has
///   - `name`     (unique among its siblings),
///   - `parent`   (index of the parent node; −1 for the goal),
///   - `children` (indices of the child nodes, in the order of the rows/columns of the node's matrix).
/// A node with children ("inner node") says how important its children are, by exactly one of
///   - `judgments`: one pairwise matrix over the children, or several (one per expert, aggregated by AIJ
///     with `expert_weights`), or
///   - `direct_weights`: the children's local weights given directly (positive, normalised on use).
/// Nodes without children are leaves (indicators). Build with hierarchy(goal), add(parent, name),
/// set_judgments / set_group_judgments / set_weights, then evaluate(h, options).
///
/// Evaluation (hierarchy_result<Scalar>, same indices as nodes()):
///   - local_weight:  the node's weight among its siblings (1 for the goal),
///   - global_weight: the product of local weights from the goal (distributive synthesis; the global weights
///     of the leaves sum to 1),
///   - analysis (inner nodes with judgments): weights, λmax, CI, CR, GCI, … of the node's matrix,
///   - the hierarchy's total CR = Σⱼ wⱼCIⱼ / Σⱼ wⱼRIⱼ over the inner nodes with judgments (wⱼ = their global
///     weights; Saaty 1980), overall and per level.
/// Leaves that share a name (alternatives compared under several criteria) are also synthesised by name:
/// distributive (sum of global weights) and ideal mode (Saaty; Millet & Saaty 2000: under each parent the
/// local weights are divided by their maximum, summed with the parents' global weights, renormalised).
/// Everything is carried in full precision; round only for display.
///
/// Walking the tree (e.g. for a fuzzy evaluation):
/// \code
///   const auto r = csat::ahp::evaluate(h);
///   for (int k : r.nodes[0].children) { const auto& c = r.nodes[k]; use(c.name, c.local_weight, c.children); }
/// \endcode

#include <csat/config.hpp>
#include <csat/ahp/analysis.hpp>
#include <csat/ahp/group.hpp>
#include <csat/ahp/pairwise.hpp>
#include <csat/core/error.hpp>
#include <csat/core/validate.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace csat {
namespace ahp {

/// One node of a hierarchy.
template <class Scalar = double>
struct hierarchy_node {
  std::string name;
  int parent = -1;            ///< −1 for the goal
  std::vector<int> children;  ///< in the order of the judgment matrix rows
  /// Pairwise judgments over the children: one matrix, or one per expert (aggregated by AIJ).
  std::vector<pairwise_matrix<Scalar>> judgments;
  std::vector<double> expert_weights;      ///< per matrix in `judgments`; empty = equal
  std::vector<std::string> expert_names;   ///< optional labels of the experts
  Eigen::VectorX<Scalar> direct_weights;   ///< local weights of the children given directly (if no judgments)
};

/// A validated tree of named nodes; node 0 is the goal.
template <class Scalar = double>
class hierarchy {
public:
  explicit hierarchy(std::string goal = "goal") {
    hierarchy_node<Scalar> root;
    root.name = std::move(goal);
    m_nodes.push_back(std::move(root));
  }

  /// Adds a child of `parent` and returns its index. Names must be unique among siblings.
  int add(int parent, std::string name) {
    const char* fn = "csat::ahp::hierarchy::add";
    check_node(fn, parent);
    if (name.empty()) csat::detail::throw_invalid_argument(fn, "a node name is empty (child of " + quoted_name(parent) + ")");
    for (int c : m_nodes[static_cast<std::size_t>(parent)].children)
      if (m_nodes[static_cast<std::size_t>(c)].name == name)
        csat::detail::throw_invalid_argument(fn, quoted_name(parent) + " already has a child named " +
                                                     csat::detail::quoted(name));
    auto& p = m_nodes[static_cast<std::size_t>(parent)];
    if (!p.judgments.empty() || p.direct_weights.size() > 0)
      csat::detail::throw_invalid_argument(fn, "cannot add " + csat::detail::quoted(name) + " under " +
                                                   quoted_name(parent) + ": its judgments are already set");
    hierarchy_node<Scalar> node;
    node.name = std::move(name);
    node.parent = parent;
    m_nodes.push_back(std::move(node));
    const int idx = static_cast<int>(m_nodes.size()) - 1;
    m_nodes[static_cast<std::size_t>(parent)].children.push_back(idx);
    return idx;
  }

  /// Adds several children at once; returns their indices.
  std::vector<int> add(int parent, const std::vector<std::string>& names) {
    std::vector<int> out;
    for (const auto& n : names) out.push_back(add(parent, n));
    return out;
  }

  /// One judgment matrix over the children of `node` (rows in the order of children).
  void set_judgments(int node, pairwise_matrix<Scalar> m) {
    set_group_judgments(node, std::vector<pairwise_matrix<Scalar>>{std::move(m)});
  }

  /// Several experts' matrices over the children of `node`, aggregated by AIJ with `weights` (empty = equal).
  void set_group_judgments(int node, std::vector<pairwise_matrix<Scalar>> ms, std::vector<double> weights = {},
                           std::vector<std::string> expert_names = {}) {
    const char* fn = "csat::ahp::hierarchy::set_judgments";
    check_node(fn, node);
    auto& nd = m_nodes[static_cast<std::size_t>(node)];
    const auto k = static_cast<Eigen::Index>(nd.children.size());
    if (k == 0) csat::detail::throw_invalid_argument(fn, quoted_name(node) + " has no children to compare");
    if (ms.empty()) csat::detail::throw_invalid_argument(fn, "no matrix given for " + quoted_name(node));
    for (std::size_t e = 0; e < ms.size(); ++e)
      if (ms[e].size() != k)
        csat::detail::throw_invalid_argument(fn, "the matrix " + (ms.size() > 1 ? "of expert " + std::to_string(e) + " " : std::string()) +
                                                     "for " + quoted_name(node) + " is " + std::to_string(ms[e].size()) +
                                                     "x" + std::to_string(ms[e].size()) + ", but the node has " +
                                                     std::to_string(k) + " children");
    if (!weights.empty()) (void)detail::expert_weights(ms.size(), weights, fn);
    if (!expert_names.empty() && expert_names.size() != ms.size())
      csat::detail::throw_invalid_argument(fn, "expert_names has " + std::to_string(expert_names.size()) +
                                                   " entries, but there are " + std::to_string(ms.size()) + " matrices");
    nd.judgments = std::move(ms);
    nd.expert_weights = std::move(weights);
    nd.expert_names = std::move(expert_names);
    nd.direct_weights.resize(0);
  }

  /// The children's local weights given directly (positive; normalised to sum 1 on evaluation).
  void set_weights(int node, const Eigen::VectorX<Scalar>& w) {
    const char* fn = "csat::ahp::hierarchy::set_weights";
    check_node(fn, node);
    auto& nd = m_nodes[static_cast<std::size_t>(node)];
    csat::detail::check_size(fn, "weights", w.size(), static_cast<Eigen::Index>(nd.children.size()));
    csat::detail::check_positive(fn, "weights", w);
    nd.direct_weights = w;
    nd.judgments.clear();
    nd.expert_weights.clear();
    nd.expert_names.clear();
  }

  const std::vector<hierarchy_node<Scalar>>& nodes() const { return m_nodes; }
  const hierarchy_node<Scalar>& node(int k) const {
    check_node("csat::ahp::hierarchy::node", k);
    return m_nodes[static_cast<std::size_t>(k)];
  }
  int size() const { return static_cast<int>(m_nodes.size()); }

  /// Index of the first node with that name (depth-first order of creation), or −1.
  int find(const std::string& name) const {
    for (std::size_t k = 0; k < m_nodes.size(); ++k)
      if (m_nodes[k].name == name) return static_cast<int>(k);
    return -1;
  }

  /// Index of the child of `parent` with that name, or −1.
  int child(int parent, const std::string& name) const {
    check_node("csat::ahp::hierarchy::child", parent);
    for (int c : m_nodes[static_cast<std::size_t>(parent)].children)
      if (m_nodes[static_cast<std::size_t>(c)].name == name) return c;
    return -1;
  }

  /// Path "goal/criterion/sub-criterion" of a node, for messages.
  std::string path(int k) const {
    std::string p = m_nodes[static_cast<std::size_t>(k)].name;
    for (int q = m_nodes[static_cast<std::size_t>(k)].parent; q >= 0; q = m_nodes[static_cast<std::size_t>(q)].parent)
      p = m_nodes[static_cast<std::size_t>(q)].name + "/" + p;
    return p;
  }

  /// Leaves in depth-first order.
  std::vector<int> leaves() const {
    std::vector<int> out;
    std::vector<int> stack{0};
    while (!stack.empty()) {
      const int k = stack.back();
      stack.pop_back();
      const auto& c = m_nodes[static_cast<std::size_t>(k)].children;
      if (c.empty()) out.push_back(k);
      for (auto it = c.rbegin(); it != c.rend(); ++it) stack.push_back(*it);
    }
    return out;
  }

  /// Throws csat::invalid_argument naming the first inner node without judgments or weights.
  void validate() const {
    for (std::size_t k = 0; k < m_nodes.size(); ++k) {
      const auto& nd = m_nodes[k];
      if (!nd.children.empty() && nd.judgments.empty() && nd.direct_weights.size() == 0)
        csat::detail::throw_invalid_argument("csat::ahp::hierarchy",
                                             "node " + csat::detail::quoted(path(static_cast<int>(k))) +
                                                 " has children but neither judgments nor weights");
    }
  }

private:
  void check_node(const char* fn, int k) const {
    if (k < 0 || k >= static_cast<int>(m_nodes.size()))
      csat::detail::throw_invalid_argument(fn, "node index " + std::to_string(k) + " is not in [0, " +
                                                   std::to_string(m_nodes.size() - 1) + "]");
  }
  std::string quoted_name(int k) const { return "node " + csat::detail::quoted(path(k)); }

  std::vector<hierarchy_node<Scalar>> m_nodes;
};

/// Options of evaluate().
struct hierarchy_options {
  analysis_options analysis{};  ///< per-node priority method, RI table, threshold, completion
  /// Group nodes: leave out experts whose CR exceeds the threshold before aggregating (if at least one remains).
  bool exclude_inconsistent_experts = false;
};

/// Per-node evaluation.
template <class Scalar = double>
struct node_result {
  std::string name;
  std::string path;           ///< "goal/criterion/…"
  int parent = -1;
  std::vector<int> children;
  int depth = 0;              ///< 0 for the goal
  Scalar local_weight = Scalar(1);
  Scalar global_weight = Scalar(1);
  bool has_judgments = false;  ///< inner node with pairwise judgments (then `analysis` is filled)
  analysis_result<Scalar> analysis;
  /// Group nodes: each expert's CR, and the experts left out (indices into the node's judgments).
  std::vector<Scalar> expert_cr;
  std::vector<int> excluded_experts;
};

/// Evaluation of a hierarchy.
template <class Scalar = double>
struct hierarchy_result {
  std::vector<node_result<Scalar>> nodes;  ///< same indices as hierarchy::nodes()
  std::vector<int> leaves;                 ///< leaf indices, depth-first
  Eigen::VectorX<Scalar> leaf_weights;     ///< global weights of `leaves` (sum 1)
  /// Synthesis by leaf name (alternatives shared by several criteria); names in order of first appearance.
  std::vector<std::string> alternatives;
  Eigen::VectorX<Scalar> distributive;     ///< Σ of global weights per name (sum 1)
  Eigen::VectorX<Scalar> ideal;            ///< ideal mode, renormalised (sum 1)
  Scalar total_ci = Scalar(0);             ///< Σ wⱼCIⱼ over inner nodes with judgments
  Scalar total_ri = Scalar(0);             ///< Σ wⱼRIⱼ
  Scalar total_cr = Scalar(0);             ///< total_ci / total_ri (0 if total_ri = 0)
  std::vector<Scalar> level_cr;            ///< the same per level (index = depth of the judged nodes)
  double threshold = 0.10;                 ///< the fixed line used for the total (threshold_options::value)
  bool total_consistent = true;
  analysis_options options{};              ///< what produced it
};

/// Evaluates a hierarchy: local and global weights, per-node consistency, total CR, distributive and ideal
/// synthesis. Throws csat::invalid_argument if an inner node lacks judgments or weights.
template <class Scalar>
hierarchy_result<Scalar> evaluate(const hierarchy<Scalar>& h, const hierarchy_options& o = {}) {
  h.validate();
  const auto& nodes = h.nodes();
  hierarchy_result<Scalar> r;
  r.options = o.analysis;
  r.threshold = o.analysis.consistency.threshold.value;
  r.nodes.resize(nodes.size());
  for (std::size_t k = 0; k < nodes.size(); ++k) {
    auto& nr = r.nodes[k];
    nr.name = nodes[k].name;
    nr.path = h.path(static_cast<int>(k));
    nr.parent = nodes[k].parent;
    nr.children = nodes[k].children;
    nr.depth = nr.parent < 0 ? 0 : r.nodes[static_cast<std::size_t>(nr.parent)].depth + 1;
  }
  // breadth of levels
  int max_depth = 0;
  for (const auto& nr : r.nodes) max_depth = std::max(max_depth, nr.depth);
  std::vector<Scalar> lci(static_cast<std::size_t>(max_depth + 1), Scalar(0)), lri(lci);
  // nodes are created after their parents, so index order is a topological order
  for (std::size_t k = 0; k < nodes.size(); ++k) {
    const auto& nd = nodes[k];
    auto& nr = r.nodes[k];
    if (nd.children.empty()) continue;
    Eigen::VectorX<Scalar> w;
    if (!nd.judgments.empty()) {
      nr.has_judgments = true;
      if (nd.judgments.size() == 1) {
        nr.analysis = analyze(nd.judgments.front(), o.analysis);
      } else {
        std::vector<pairwise_matrix<Scalar>> keep;
        std::vector<double> keep_w;
        const auto lambda = detail::expert_weights(nd.judgments.size(), nd.expert_weights, "csat::ahp::evaluate");
        for (std::size_t e = 0; e < nd.judgments.size(); ++e) {
          const auto a = analyze(nd.judgments[e], o.analysis);
          nr.expert_cr.push_back(a.consistency.cr);
          if (o.exclude_inconsistent_experts && !a.consistency.consistent) {
            nr.excluded_experts.push_back(static_cast<int>(e));
            continue;
          }
          keep.push_back(nd.judgments[e]);
          keep_w.push_back(lambda[e]);
        }
        if (keep.empty()) {  // nobody passes: keep everyone, and say so by excluding nobody
          keep = nd.judgments;
          keep_w = lambda;
          nr.excluded_experts.clear();
        }
        nr.analysis = analyze(aggregate_judgments(keep, keep_w), o.analysis);
      }
      w = nr.analysis.weights;
      const auto& c = nr.analysis.consistency;
      lci[static_cast<std::size_t>(nr.depth)] += nr.global_weight * c.ci;
      lri[static_cast<std::size_t>(nr.depth)] += nr.global_weight * Scalar(c.ri);
    } else {
      // divided by the largest first, so that weights near 1e308 do not overflow the sum
      w = nd.direct_weights / nd.direct_weights.maxCoeff();
      w /= w.sum();
    }
    for (std::size_t c = 0; c < nd.children.size(); ++c) {
      auto& cr = r.nodes[static_cast<std::size_t>(nd.children[c])];
      cr.local_weight = w(static_cast<Eigen::Index>(c));
      cr.global_weight = nr.global_weight * cr.local_weight;
    }
  }
  for (std::size_t d = 0; d < lci.size(); ++d) {
    r.total_ci += lci[d];
    r.total_ri += lri[d];
  }
  r.level_cr.resize(lci.size());
  for (std::size_t d = 0; d < lci.size(); ++d) r.level_cr[d] = lri[d] > Scalar(0) ? lci[d] / lri[d] : Scalar(0);
  // drop trailing levels without judged nodes (the leaves' level)
  while (r.level_cr.size() > 1 && lri[r.level_cr.size() - 1] == Scalar(0) && lci[r.level_cr.size() - 1] == Scalar(0))
    r.level_cr.pop_back();
  r.total_cr = r.total_ri > Scalar(0) ? r.total_ci / r.total_ri : Scalar(0);
  r.total_consistent = static_cast<double>(r.total_cr) <= r.threshold;
  // leaves and synthesis by name
  r.leaves = h.leaves();
  r.leaf_weights.resize(static_cast<Eigen::Index>(r.leaves.size()));
  std::map<std::string, std::size_t> slot;
  for (std::size_t q = 0; q < r.leaves.size(); ++q) {
    const auto& leaf = r.nodes[static_cast<std::size_t>(r.leaves[q])];
    r.leaf_weights(static_cast<Eigen::Index>(q)) = leaf.global_weight;
    if (slot.emplace(leaf.name, r.alternatives.size()).second) r.alternatives.push_back(leaf.name);
  }
  const auto na = static_cast<Eigen::Index>(r.alternatives.size());
  r.distributive = Eigen::VectorX<Scalar>::Zero(na);
  r.ideal = Eigen::VectorX<Scalar>::Zero(na);
  for (std::size_t q = 0; q < r.leaves.size(); ++q) {
    const auto& leaf = r.nodes[static_cast<std::size_t>(r.leaves[q])];
    const auto a = static_cast<Eigen::Index>(slot[leaf.name]);
    r.distributive(a) += leaf.global_weight;
    Scalar mx(0);
    const auto& sib = r.nodes[static_cast<std::size_t>(leaf.parent < 0 ? 0 : leaf.parent)].children;
    for (int s : sib) mx = std::max(mx, r.nodes[static_cast<std::size_t>(s)].local_weight);
    const Scalar parent_global = leaf.parent < 0 ? Scalar(1) : r.nodes[static_cast<std::size_t>(leaf.parent)].global_weight;
    r.ideal(a) += parent_global * (mx > Scalar(0) ? leaf.local_weight / mx : Scalar(0));
  }
  if (r.ideal.sum() > Scalar(0)) r.ideal /= r.ideal.sum();
  return r;
}

}  // namespace ahp
}  // namespace csat

#endif
