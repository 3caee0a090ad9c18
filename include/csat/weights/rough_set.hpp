#ifndef CSAT_WEIGHTS_ROUGH_SET_HPP
#define CSAT_WEIGHTS_ROUGH_SET_HPP

/// \file
/// Rough-set attribute significance and objective weights (Pawlak 1982, 1991).
///
/// A decision table (U, C ∪ {d}) holds, per object, the grades of the condition attributes C (indicators
/// discretized into grades) and the decision d (e.g. the overall satisfaction grade). For P ⊆ C, U/IND(P) groups
/// objects with equal grades on P; POS_P(d) is the union of the groups whose objects all share one decision, and
/// the dependency is γ_P(d) = |POS_P(d)| / |U|. The significance of c is σ(c) = γ_C(d) − γ_{C−{c}}(d), and the
/// weights are w_c = σ(c) / Σσ. Redundant attributes get σ = 0, hence weight 0.
/// Without a decision attribute the granularity significance σ(c) = GK(C−{c}) − GK(C), with
/// GK(P) = Σ_X |X|² / |U|² over the blocks X of U/IND(P) (knowledge granularity; Liang & Shi 2004), is available.

#include <csat/config.hpp>
#include <csat/core/error.hpp>
#include <csat/core/validate.hpp>

#include <cmath>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace csat {
namespace weights {

/// A decision table: integer grades of the condition attributes per object, and the decision per object.
struct decision_table {
  Eigen::MatrixX<int> conditions;       ///< objects x attributes
  Eigen::VectorX<int> decision;         ///< one decision grade per object (may be empty for an information system)
  std::vector<std::string> attributes;  ///< attribute names (optional)
};

/// Which significance measure.
enum class significance_measure {
  dependency,  ///< σ(c) = γ_C(d) − γ_{C−{c}}(d) (needs the decision)
  granularity  ///< σ(c) = GK(C−{c}) − GK(C) (ignores the decision)
};

struct rough_set_options {
  significance_measure measure = significance_measure::dependency;
};

/// Significances and weights of the condition attributes.
struct rough_set_result {
  double dependency = 0;                 ///< γ_C(d) (or GK(C) for the granularity measure)
  Eigen::VectorXd dependency_without;    ///< γ_{C−{c}}(d) (or GK(C−{c})) per attribute
  Eigen::VectorXd significance;          ///< σ(c)
  Eigen::VectorXd weights;               ///< σ / Σσ
  std::vector<int> core;                 ///< attributes with σ > 0 (indispensable)
  significance_measure measure = significance_measure::dependency;
};

namespace detail {

inline void check_table(const char* fn, const decision_table& t, bool need_decision) {
  if (t.conditions.rows() == 0 || t.conditions.cols() == 0)
    csat::detail::throw_invalid_argument(fn, "the decision table is empty (" + std::to_string(t.conditions.rows()) + "x" +
                                                 std::to_string(t.conditions.cols()) + ")");
  if (need_decision && t.decision.size() != t.conditions.rows())
    csat::detail::throw_invalid_argument(fn, "decision has " + std::to_string(t.decision.size()) + " entries, but there are " +
                                                 std::to_string(t.conditions.rows()) + " objects");
  if (!t.attributes.empty())
    csat::detail::check_size(fn, "attributes", static_cast<Eigen::Index>(t.attributes.size()), t.conditions.cols());
}

/// Blocks of U/IND(P): for each block, its objects.
inline std::vector<std::vector<Eigen::Index>> blocks(const decision_table& t, const std::vector<bool>& use) {
  std::map<std::vector<int>, std::size_t> index;
  std::vector<std::vector<Eigen::Index>> out;
  std::vector<int> key;
  for (Eigen::Index i = 0; i < t.conditions.rows(); ++i) {
    key.clear();
    for (Eigen::Index c = 0; c < t.conditions.cols(); ++c)
      if (use[static_cast<std::size_t>(c)]) key.push_back(t.conditions(i, c));
    const auto it = index.emplace(key, out.size());
    if (it.second) out.emplace_back();
    out[it.first->second].push_back(i);
  }
  return out;
}

}  // namespace detail

/// γ_P(d): the share of objects whose IND(P) block is consistent in the decision. `use[c]` selects P.
inline double dependency(const decision_table& table, const std::vector<bool>& use) {
  static const char* fn = "csat::weights::dependency";
  detail::check_table(fn, table, true);
  csat::detail::check_size(fn, "use", static_cast<Eigen::Index>(use.size()), table.conditions.cols());
  Eigen::Index pos = 0;
  for (const auto& b : detail::blocks(table, use)) {
    bool consistent = true;
    for (auto i : b) consistent = consistent && table.decision(i) == table.decision(b.front());
    if (consistent) pos += static_cast<Eigen::Index>(b.size());
  }
  return static_cast<double>(pos) / static_cast<double>(table.conditions.rows());
}

/// GK(P) = Σ |X|² / |U|² over the blocks X of U/IND(P).
inline double granularity(const decision_table& table, const std::vector<bool>& use) {
  static const char* fn = "csat::weights::granularity";
  detail::check_table(fn, table, false);
  csat::detail::check_size(fn, "use", static_cast<Eigen::Index>(use.size()), table.conditions.cols());
  const double n = static_cast<double>(table.conditions.rows());
  double s = 0;
  for (const auto& b : detail::blocks(table, use)) s += static_cast<double>(b.size()) * static_cast<double>(b.size());
  return s / (n * n);
}

/// Attribute significances and weights. If every significance is 0 (each attribute can be removed without loss,
/// or the table is inconsistent everywhere) there are no rough-set weights: csat::domain_error.
inline rough_set_result rough_set_weights(const decision_table& table, const rough_set_options& options = {}) {
  static const char* fn = "csat::weights::rough_set_weights";
  const bool dep = options.measure == significance_measure::dependency;
  detail::check_table(fn, table, dep);
  const auto k = table.conditions.cols();
  rough_set_result r;
  r.measure = options.measure;
  std::vector<bool> all(static_cast<std::size_t>(k), true);
  r.dependency = dep ? dependency(table, all) : granularity(table, all);
  r.dependency_without.resize(k);
  r.significance.resize(k);
  for (Eigen::Index c = 0; c < k; ++c) {
    auto use = all;
    use[static_cast<std::size_t>(c)] = false;
    r.dependency_without(c) = dep ? dependency(table, use) : granularity(table, use);
    r.significance(c) = dep ? r.dependency - r.dependency_without(c) : r.dependency_without(c) - r.dependency;
    if (r.significance(c) > 0) r.core.push_back(static_cast<int>(c));
  }
  const double total = r.significance.sum();
  if (!(total > 0))
    csat::detail::throw_domain_error(fn, "sum of attribute significances", total,
                                     "must be positive (no attribute is indispensable; use another measure or combine "
                                     "with subjective weights)");
  r.weights = r.significance / total;
  return r;
}

/// Discretizes each column of X into grades by its ascending cut points: grade = number of cuts <= x
/// (0 .. cuts.size()). `cuts[j]` must be strictly increasing and finite; NaN values are an error naming the cell.
template <class Derived>
Eigen::MatrixX<int> discretize(const Eigen::MatrixBase<Derived>& x, const std::vector<std::vector<double>>& cuts,
                               const std::vector<std::string>& names = {}) {
  static const char* fn = "csat::weights::discretize";
  csat::detail::check_size(fn, "cuts", static_cast<Eigen::Index>(cuts.size()), x.cols());
  auto label = [&](Eigen::Index j) {
    return "column " + std::to_string(j) +
           (static_cast<std::size_t>(j) < names.size() ? " (" + csat::detail::quoted(names[static_cast<std::size_t>(j)]) + ")" : std::string());
  };
  for (std::size_t j = 0; j < cuts.size(); ++j)
    for (std::size_t q = 0; q < cuts[j].size(); ++q) {
      if (!std::isfinite(cuts[j][q]))
        csat::detail::throw_domain_error(fn, label(static_cast<Eigen::Index>(j)) + ": cut " + std::to_string(q), cuts[j][q], "must be finite");
      if (q > 0 && !(cuts[j][q] > cuts[j][q - 1]))
        csat::detail::throw_domain_error(fn, label(static_cast<Eigen::Index>(j)) + ": cut " + std::to_string(q), cuts[j][q],
                                         "must be greater than cut " + std::to_string(q - 1) + " = " +
                                             csat::detail::format_value(cuts[j][q - 1]) + " (cuts must be increasing)");
    }
  Eigen::MatrixX<int> g(x.rows(), x.cols());
  for (Eigen::Index j = 0; j < x.cols(); ++j)
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      const double v = static_cast<double>(x(i, j));
      if (std::isnan(v)) csat::detail::throw_domain_error(fn, label(j) + ", row " + std::to_string(i) + ": value", v, "must not be NaN");
      int c = 0;
      for (double cut : cuts[static_cast<std::size_t>(j)]) c += v >= cut ? 1 : 0;
      g(i, j) = c;
    }
  return g;
}

}  // namespace weights
}  // namespace csat

#endif
