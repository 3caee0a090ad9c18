#ifndef CSAT_PLS_HIGHER_ORDER_HPP
#define CSAT_PLS_HIGHER_ORDER_HPP

/// \file
/// Higher-order constructs in PLS path models (a construct formed from other constructs, its dimensions):
/// the repeated-indicator approach (Lohmöller 1989; Wold 1982) and the two-stage approach in its disjoint
/// (seminr 2.3.2's `two_stage`; Becker, Klein & Wetzels 2012) and embedded (Ringle, Sarstedt & Straub 2012;
/// Sarstedt, Hair, Cheah, Becker & Ringle 2019) variants, with reliability and validity of the lower- and
/// higher-order constructs. Formulas, conventions and differences from seminr: docs/pls-higher-order.md.
///
/// - repeated indicators: one plain PLS model in which every higher-order construct (HOC) is measured by all the
///   items of its lower-order constructs (LOCs) and tied to each dimension by a path: HOC -> dimension for a
///   Mode A HOC (reflective), dimension -> HOC for a Mode B or unit-weighted HOC (formed from its dimensions).
/// - two-stage, disjoint (default, as seminr): stage 1 estimates the model with every HOC replaced by its
///   dimensions (each path into the HOC goes into every dimension, each path out of it leaves every dimension;
///   no paths among the dimensions); stage 2 estimates the original structural model with each HOC a composite of
///   its dimensions' stage-1 scores. With deeper hierarchies (a HOC of HOCs) there is one stage per level: stage s
///   replaces every construct of level > s by its dimensions of level ≤ s, and a HOC of level l is measured by
///   the scores its dimensions got in stage l − 1.
/// - two-stage, embedded: stage 1 is the repeated-indicator model; stage 2 as above, with the dimension scores
///   taken from stage 1.
///
/// The result keeps every stage (model, fit, reliability) and seminr's combined view: each construct is reported
/// from the last stage it appears in (dimensions: the stage that produced their scores; everything else: the
/// final stage).

#include <csat/config.hpp>
#include <csat/core/error.hpp>
#include <csat/model/specification.hpp>
#include <csat/pls/bootstrap.hpp>
#include <csat/pls/estimate.hpp>
#include <csat/pls/index.hpp>
#include <csat/pls/quality.hpp>
#include <csat/survey/csv.hpp>
#include <csat/survey/missing.hpp>

#include <Eigen/Core>

#include <algorithm>
#include <cstddef>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace csat {
namespace pls {

/// How higher-order constructs are estimated.
enum class hoc_method {
  two_stage,           ///< disjoint two-stage (seminr's `two_stage`): stage 1 without the HOCs
  embedded_two_stage,  ///< embedded two-stage: stage 1 is the repeated-indicator model
  repeated_indicators  ///< one model, the HOC measured by all items of its dimensions
};

/// "two-stage", "embedded" or "repeated" (the spellings of `csat pls --hoc`).
inline const char* to_string(hoc_method m) {
  switch (m) {
    case hoc_method::embedded_two_stage: return "embedded";
    case hoc_method::repeated_indicators: return "repeated";
    default: return "two-stage";
  }
}

/// Options of estimate_higher_order().
struct hoc_options {
  hoc_method method = hoc_method::two_stage;
  estimate_options estimation{};  ///< used for every stage (the missing-data policy is applied once, first)
};

/// One plain PLS model estimated on the way.
template <class Scalar = double>
struct hoc_stage {
  std::string name;              ///< "stage 1", "stage 2", ... or "repeated indicators"
  model::specification model;    ///< the plain model of this stage (indicator names as data columns of the stage)
  estimate_result<Scalar> fit;   ///< its estimate; fit.indicators are item names or, for score columns, dimension names
  reliability_result<Scalar> reliability;
};

/// One row of the combined measurement model (seminr's combined outer weights and loadings).
template <class Scalar = double>
struct hoc_measurement {
  std::string construct;
  std::string indicator;  ///< an item, or a dimension (its scores) for a two-stage HOC
  Scalar weight = 0;
  Scalar loading = 0;
  std::string type;       ///< "A", "B", "single", "unit" for blocks of items; "HOCA", "HOCB", "HOCunit" for
                          ///< higher-order blocks
  std::size_t stage = 0;  ///< 0-based index into hoc_result::stages
};

/// Everything estimate_higher_order() computes.
template <class Scalar = double>
struct hoc_result {
  hoc_method method = hoc_method::two_stage;
  std::vector<std::string> higher_order;             ///< the HOCs, declaration order
  std::vector<std::vector<std::string>> dimensions;  ///< per HOC, its dimensions
  std::vector<int> level;                            ///< per construct of `constructs`: 1 for LOCs, 1 + max over dimensions
  std::vector<hoc_stage<Scalar>> stages;             ///< in order; the last one is the final model

  /// Every construct once: the final model's constructs, then the others (dimensions) in declaration order.
  std::vector<std::string> constructs;
  std::vector<std::size_t> home;                     ///< per construct: the stage it is reported from
  /// per construct: 1 when its block in the home stage is made of dimension scores (a two-stage HOC)
  std::vector<char> on_dimension_scores;
  std::vector<hoc_measurement<Scalar>> measurement;  ///< combined weights and loadings, construct by construct
  reliability_result<Scalar> reliability;            ///< α, ρ_C, ρ_A, AVE of `constructs`, each from its home stage
  /// HTMT (|r|, seminr) among the lower-order constructs on their items (names in lower_order), and among the
  /// final model's constructs (a two-stage HOC's indicators being its dimension scores).
  std::vector<std::string> lower_order;
  Eigen::MatrixX<Scalar> lower_order_htmt;
  Eigen::MatrixX<Scalar> final_htmt;

  std::vector<std::string> warnings;          ///< every stage's admissibility warnings, "STAGE: warning"
  pls::status status = pls::status::success;  ///< the first stage that did not succeed, else success
  bool converged = false;                     ///< every stage converged

  const estimate_result<Scalar>& final_fit() const { return stages.back().fit; }
  /// The stage whose fit is reported for `construct` (its home stage).
  const hoc_stage<Scalar>& stage_of(const std::string& construct) const { return stages[home[index_of(construct)]]; }
  std::size_t index_of(const std::string& construct) const {
    for (std::size_t k = 0; k < constructs.size(); ++k)
      if (constructs[k] == construct) return k;
    csat::detail::throw_invalid_argument("csat::pls::hoc_result", "no construct named " + csat::detail::quoted(construct));
  }
  /// The combined row of (construct, indicator); csat::invalid_argument if there is none.
  const hoc_measurement<Scalar>& row(const std::string& construct, const std::string& indicator) const {
    for (const auto& m : measurement)
      if (m.construct == construct && m.indicator == indicator) return m;
    csat::detail::throw_invalid_argument("csat::pls::hoc_result", "no indicator " + csat::detail::quoted(indicator) +
                                                                      " of construct " + csat::detail::quoted(construct));
  }
};

namespace detail {

/// The hierarchy of a model with higher-order constructs.
struct hoc_tree {
  std::vector<std::string> names;              ///< every construct, declaration order
  std::vector<bool> hoc;                       ///< per construct
  std::vector<std::vector<std::size_t>> dims;  ///< per construct: its dimensions (empty for a LOC)
  std::vector<std::ptrdiff_t> parent;          ///< per construct: its HOC, or -1 (a root of the structural model)
  std::vector<int> level;                      ///< 1 for a LOC, 1 + max level of the dimensions for a HOC
  int max_level = 1;

  std::size_t find(const std::string& n) const {
    return static_cast<std::size_t>(std::find(names.begin(), names.end(), n) - names.begin());
  }
  /// The constructs that stand for k at stage s: k itself when level(k) <= s, else its dimensions' frontiers.
  void frontier(std::size_t k, int s, std::vector<std::size_t>& out) const {
    if (level[k] <= s) {
      out.push_back(k);
      return;
    }
    for (auto d : dims[k]) frontier(d, s, out);
  }
  /// Every lower-order construct under k (k itself for a LOC), dimension order.
  void leaves(std::size_t k, std::vector<std::size_t>& out) const {
    if (!hoc[k]) {
      out.push_back(k);
      return;
    }
    for (auto d : dims[k]) leaves(d, out);
  }
};

inline hoc_tree make_hoc_tree(const model::specification& spec) {
  hoc_tree t;
  const auto& cs = spec.constructs();
  const std::size_t K = cs.size();
  for (const auto& c : cs) {
    t.names.push_back(c.name);
    t.hoc.push_back(c.higher_order);
  }
  t.dims.assign(K, {});
  t.parent.assign(K, -1);
  for (std::size_t k = 0; k < K; ++k)
    if (cs[k].higher_order)
      for (const auto& d : cs[k].indicators) {
        const std::size_t j = t.find(d);
        t.dims[k].push_back(j);
        t.parent[j] = static_cast<std::ptrdiff_t>(k);
      }
  t.level.assign(K, 0);
  // levels by repeated relaxation (the dimension relation is acyclic: validate() checked)
  for (std::size_t pass = 0; pass <= K; ++pass) {
    bool changed = false;
    for (std::size_t k = 0; k < K; ++k) {
      int l = 1;
      for (auto d : t.dims[k]) l = std::max(l, t.level[d] + 1);
      if (l != t.level[k]) {
        t.level[k] = l;
        changed = true;
      }
    }
    if (!changed) break;
  }
  for (auto l : t.level) t.max_level = std::max(t.max_level, l);
  return t;
}

/// One construct of a stage: a block of data items, or of dimension scores from an earlier stage.
struct stage_block {
  std::size_t construct = 0;               ///< in the tree
  model::mode mode = model::mode::A;
  std::vector<std::size_t> items;          ///< LOC: data columns of its items; repeated-indicator HOC: all leaf items
  std::vector<std::size_t> dims;           ///< two-stage HOC: its dimensions (scores from stage `score_stage`)
  std::size_t score_stage = 0;
};

struct stage_plan {
  std::string name;
  std::vector<stage_block> blocks;
  std::vector<std::pair<std::size_t, std::size_t>> paths;  ///< tree indices
};

/// Builds the stage's data and plain model, estimates it, and restores the display names of the indicators.
template <class Scalar>
hoc_stage<Scalar> run_stage(const stage_plan& plan, const hoc_tree& t, const model::specification& spec,
                            const Eigen::MatrixX<Scalar>& X, const std::vector<std::string>& columns,
                            const std::vector<hoc_stage<Scalar>>& done, const estimate_options& opt) {
  std::vector<std::string> internal, display;
  std::unordered_set<std::string> used;
  std::size_t ncol = 0;
  for (const auto& b : plan.blocks) ncol += b.items.size() + b.dims.size();
  Eigen::MatrixX<Scalar> Xs(X.rows(), static_cast<Eigen::Index>(ncol));
  model::specification s;
  Eigen::Index j = 0;
  auto add_column = [&](const std::string& shown, std::size_t construct, std::vector<std::string>& block) {
    std::string name = shown;
    for (int n = 2; !used.insert(name).second; ++n)  // a repeated item or a name clash: a unique internal name
      name = shown + "@" + t.names[construct] + (n > 2 ? "#" + std::to_string(n) : std::string());
    internal.push_back(name);
    display.push_back(shown);
    block.push_back(name);
  };
  for (const auto& b : plan.blocks) {
    std::vector<std::string> block;
    for (auto c : b.items) {
      Xs.col(j++) = X.col(static_cast<Eigen::Index>(c));
      add_column(columns[c], b.construct, block);
    }
    for (auto d : b.dims) {
      const auto& prev = done[b.score_stage].fit;
      Xs.col(j++) = prev.scores.col(prev.construct_index(t.names[d]));
      add_column(t.names[d], b.construct, block);
    }
    const model::mode m = block.size() == 1 ? model::mode::single_item : b.mode;
    s.add_construct(t.names[b.construct], std::move(block), m, spec.constructs()[b.construct].where);
  }
  for (const auto& p : plan.paths) s.add_path(t.names[p.first], t.names[p.second]);
  hoc_stage<Scalar> st;
  st.name = plan.name;
  estimate_options o = opt;
  o.missing = survey::missing_policy::none;
  st.fit = estimate(s, Xs, internal, o);
  st.reliability = reliability(st.fit);
  // show item and dimension names, not the internal ones
  std::unordered_map<std::string, std::string> shown;
  for (std::size_t i = 0; i < internal.size(); ++i) shown.emplace(internal[i], display[i]);
  for (auto& n : st.fit.indicators) n = shown.at(n);
  st.model = model::specification();
  for (const auto& c : s.constructs()) {
    std::vector<std::string> names;
    for (const auto& n : c.indicators) names.push_back(shown.at(n));
    st.model.add_construct(c.name, std::move(names), c.mode, c.where);
  }
  for (const auto& p : s.structural_paths()) st.model.add_path(p.from, p.to, p.where);
  return st;
}

/// The repeated-indicator model: every construct; a HOC measured by all items of its LOCs and tied to its
/// dimensions by paths (Mode A: HOC -> dimension; Mode B: dimension -> HOC).
inline stage_plan repeated_plan(const hoc_tree& t, const model::specification& spec,
                                const std::vector<std::vector<std::size_t>>& item_columns, std::string name) {
  stage_plan p;
  p.name = std::move(name);
  const auto& cs = spec.constructs();
  for (std::size_t k = 0; k < t.names.size(); ++k) {
    stage_block b;
    b.construct = k;
    b.mode = cs[k].mode;
    std::vector<std::size_t> leaves;
    t.leaves(k, leaves);
    for (auto l : leaves) b.items.insert(b.items.end(), item_columns[l].begin(), item_columns[l].end());
    p.blocks.push_back(std::move(b));
  }
  for (const auto& path : spec.structural_paths()) p.paths.push_back({t.find(path.from), t.find(path.to)});
  for (std::size_t k = 0; k < t.names.size(); ++k)
    for (auto d : t.dims[k]) {
      if (cs[k].mode == model::mode::B || cs[k].mode == model::mode::unit) p.paths.push_back({d, k});  // formed
      else p.paths.push_back({k, d});
    }
  return p;
}

/// Stage s (1-based) of the disjoint two-stage approach; `score_stage(l)` is the stage index whose scores
/// measure a HOC of level l.
template <class ScoreStage>
stage_plan disjoint_plan(const hoc_tree& t, const model::specification& spec,
                         const std::vector<std::vector<std::size_t>>& item_columns, int s, ScoreStage score_stage) {
  stage_plan p;
  p.name = "stage " + std::to_string(s);
  const auto& cs = spec.constructs();
  const std::size_t K = t.names.size();
  std::vector<std::vector<std::size_t>> fr(K);
  std::vector<bool> visible(K, false);
  for (std::size_t k = 0; k < K; ++k)
    if (t.parent[k] < 0) {
      t.frontier(k, s, fr[k]);
      for (auto v : fr[k]) visible[v] = true;
    }
  for (std::size_t k = 0; k < K; ++k) {
    if (!visible[k]) continue;
    stage_block b;
    b.construct = k;
    b.mode = cs[k].mode;
    if (t.hoc[k]) {
      b.dims = t.dims[k];
      b.score_stage = score_stage(t.level[k]);
    } else {
      b.items = item_columns[k];
    }
    p.blocks.push_back(std::move(b));
  }
  for (const auto& path : spec.structural_paths()) {
    const std::size_t f = t.find(path.from), to = t.find(path.to);
    for (auto a : fr[to])
      for (auto b : fr[f]) p.paths.push_back({b, a});
  }
  return p;
}

template <class Scalar>
hoc_result<Scalar> estimate_hoc_complete(const char* fn, const model::specification& spec, const hoc_tree& t,
                                         const Eigen::MatrixX<Scalar>& X, const std::vector<std::string>& columns,
                                         const std::vector<std::vector<std::size_t>>& item_columns,
                                         const hoc_options& opt) {
  (void)fn;
  hoc_result<Scalar> r;
  r.method = opt.method;
  const auto& cs = spec.constructs();
  const std::size_t K = t.names.size();
  for (std::size_t k = 0; k < K; ++k)
    if (t.hoc[k]) {
      r.higher_order.push_back(t.names[k]);
      r.dimensions.push_back(cs[k].indicators);
    }
  switch (opt.method) {
    case hoc_method::repeated_indicators:
      r.stages.push_back(run_stage(repeated_plan(t, spec, item_columns, "repeated indicators"), t, spec, X, columns,
                                   r.stages, opt.estimation));
      break;
    case hoc_method::embedded_two_stage: {
      r.stages.push_back(run_stage(repeated_plan(t, spec, item_columns, "stage 1"), t, spec, X, columns, r.stages,
                                   opt.estimation));
      if (t.max_level > 1) {
        stage_plan p = disjoint_plan(t, spec, item_columns, t.max_level, [](int) { return std::size_t(0); });
        p.name = "stage 2";
        r.stages.push_back(run_stage(p, t, spec, X, columns, r.stages, opt.estimation));
      }
      break;
    }
    default:
      for (int s = 1; s <= t.max_level; ++s)
        r.stages.push_back(run_stage(disjoint_plan(t, spec, item_columns, s,
                                                   [](int l) { return static_cast<std::size_t>(l - 2); }),
                                     t, spec, X, columns, r.stages, opt.estimation));
  }
  // home stage of every construct: the last stage it appears in
  std::vector<std::ptrdiff_t> home(K, -1);
  for (std::size_t s = 0; s < r.stages.size(); ++s)
    for (const auto& name : r.stages[s].fit.constructs) home[t.find(name)] = static_cast<std::ptrdiff_t>(s);
  const std::size_t last = r.stages.size() - 1;
  for (const auto& name : r.stages[last].fit.constructs) r.constructs.push_back(name);
  for (std::size_t k = 0; k < K; ++k)
    if (home[k] != static_cast<std::ptrdiff_t>(last)) r.constructs.push_back(t.names[k]);
  const Eigen::Index Kc = static_cast<Eigen::Index>(r.constructs.size());
  r.reliability.constructs = r.constructs;
  r.reliability.alpha.resize(Kc);
  r.reliability.rho_c.resize(Kc);
  r.reliability.rho_a.resize(Kc);
  r.reliability.ave.resize(Kc);
  for (Eigen::Index c = 0; c < Kc; ++c) {
    const std::size_t k = t.find(r.constructs[static_cast<std::size_t>(c)]);
    const std::size_t s = static_cast<std::size_t>(home[k]);
    r.home.push_back(s);
    r.level.push_back(t.level[k]);
    r.on_dimension_scores.push_back(
        t.hoc[k] && !(opt.method == hoc_method::repeated_indicators ||
                      (opt.method == hoc_method::embedded_two_stage && s == 0)) ? 1 : 0);
    const auto& st = r.stages[s];
    const Eigen::Index j = st.fit.construct_index(t.names[k]);
    r.reliability.alpha(c) = st.reliability.alpha(j);
    r.reliability.rho_c(c) = st.reliability.rho_c(j);
    r.reliability.rho_a(c) = st.reliability.rho_a(j);
    r.reliability.ave(c) = st.reliability.ave(j);
    for (std::size_t i = 0; i < st.fit.indicators.size(); ++i) {
      if (st.fit.block[i] != j) continue;
      hoc_measurement<Scalar> m;
      m.construct = t.names[k];
      m.indicator = st.fit.indicators[i];
      m.weight = st.fit.weights(static_cast<Eigen::Index>(i), j);
      m.loading = st.fit.loadings(static_cast<Eigen::Index>(i), j);
      const model::mode md = st.fit.modes[static_cast<std::size_t>(j)];
      auto type_of = [](model::mode x) {
        return x == model::mode::B ? "B" : x == model::mode::single_item ? "single" : x == model::mode::unit ? "unit" : "A";
      };
      m.type = t.hoc[k] ? std::string("HOC") + type_of(cs[k].mode) : std::string(type_of(md));
      m.stage = s;
      r.measurement.push_back(std::move(m));
    }
  }
  // HTMT among the lower-order constructs on their items (from the first stage, which holds every LOC's items)
  {
    const auto& f0 = r.stages.front().fit;
    const layout L0 = layout_of(f0);
    const Eigen::MatrixX<Scalar> H0 = htmt_matrix(L0, f0.indicator_correlations, true);
    std::vector<Eigen::Index> sel;
    for (std::size_t k = 0; k < K; ++k)
      if (!t.hoc[k]) {
        r.lower_order.push_back(t.names[k]);
        sel.push_back(f0.construct_index(t.names[k]));
      }
    const Eigen::Index q = static_cast<Eigen::Index>(sel.size());
    r.lower_order_htmt.resize(q, q);
    for (Eigen::Index a = 0; a < q; ++a)
      for (Eigen::Index b = 0; b < q; ++b)
        r.lower_order_htmt(a, b) = H0(sel[static_cast<std::size_t>(a)], sel[static_cast<std::size_t>(b)]);
  }
  r.final_htmt = htmt(r.stages.back().fit, true);
  r.converged = true;
  for (const auto& st : r.stages) {
    r.converged = r.converged && st.fit.converged;
    for (const auto& w : st.fit.warnings) r.warnings.push_back(st.name + ": " + w);
    if (r.status == pls::status::success && st.fit.status != pls::status::success) r.status = st.fit.status;
  }
  return r;
}

/// Checks the model and resolves every LOC's items to data columns (naming a missing one).
inline std::vector<std::vector<std::size_t>> hoc_item_columns(const char* fn, const model::specification& spec,
                                                              const std::vector<std::string>& columns) {
  spec.validate();
  std::vector<std::vector<std::size_t>> out;
  for (const auto& c : spec.constructs()) {
    out.emplace_back();
    if (c.higher_order) continue;
    for (const auto& ind : c.indicators) {
      const auto it = std::find(columns.begin(), columns.end(), ind);
      if (it == columns.end())
        throw_invalid_argument(fn, c.where.prefix() + "indicator " + quoted(ind) + " of construct " + quoted(c.name) +
                                       " is not a column of the data");
      out.back().push_back(static_cast<std::size_t>(it - columns.begin()));
    }
  }
  return out;
}

}  // namespace detail

/// Estimates a model with higher-order constructs (see the file comment for the three methods). A model
/// without any is estimated as the plain model (one stage). The missing-data policy of options.estimation is
/// applied once to all item columns; with `none`, a missing cell is a csat::domain_error naming its line and column.
/// Case weights (options.estimation.weights) are not supported here: a csat::invalid_argument.
template <class Scalar>
hoc_result<Scalar> estimate_higher_order(const model::specification& spec, const survey::data_table<Scalar>& data,
                                         const hoc_options& options = {}) {
  const char* fn = "csat::pls::estimate_higher_order";
  auto items = detail::hoc_item_columns(fn, spec, data.names);
  if (!options.estimation.weights.empty())
    detail::throw_invalid_argument(fn, "case weights (column " + detail::quoted(options.estimation.weights) +
                                           ") are not supported with higher-order constructs");
  const detail::hoc_tree t = detail::make_hoc_tree(spec);
  std::vector<std::string> cols;
  bool any_missing = false;
  for (const auto& blk : items)
    for (auto c : blk) {
      cols.push_back(data.names[c]);
      any_missing = any_missing || data.values.col(static_cast<Eigen::Index>(c)).hasNaN();
    }
  if (!any_missing) return detail::estimate_hoc_complete(fn, spec, t, data.values, data.names, items, options);
  if (options.estimation.missing == survey::missing_policy::none) survey::require_complete(data, cols, fn);
  const auto cleaned = survey::apply_missing_policy(data, options.estimation.missing, cols);
  items = detail::hoc_item_columns(fn, spec, cleaned.data.names);
  return detail::estimate_hoc_complete(fn, spec, t, cleaned.data.values, cleaned.data.names, items, options);
}

/// The same on a matrix whose columns are named by `columns` (NaN cells as in estimate()).
template <class Derived>
hoc_result<typename Derived::Scalar> estimate_higher_order(const model::specification& spec,
                                                           const Eigen::MatrixBase<Derived>& data,
                                                           const std::vector<std::string>& columns,
                                                           const hoc_options& options = {}) {
  return estimate_higher_order(spec, csat::detail::table_from_matrix("csat::pls::estimate_higher_order", data, columns),
                               options);
}

/// Bootstrap of a higher-order model: the whole procedure (every stage) re-run on each resample.
template <class Scalar = double>
struct hoc_bootstrap_result {
  hoc_result<Scalar> estimate;  ///< the full-sample estimation
  /// Final-stage paths, total and indirect effects (from, to), R² (construct, ""), and the combined weights and
  /// loadings (indicator, construct); percentile intervals (BCa fields are NaN: no jackknife here).
  std::vector<parameter_summary<Scalar>> paths, total_effects, indirect_effects, r_squared, weights, loadings;
  std::size_t requested = 0, successful = 0, failed = 0, not_converged = 0;
  std::string first_failure;
  unsigned threads = 1;
  double confidence = 0.95;
  Eigen::MatrixX<Scalar> draws;  ///< B×m, columns in the order above; NaN rows for failed resamples
};

namespace detail {

/// The statistics of one higher-order fit, in the order of hoc_bootstrap_result (positions fixed by `ref`).
template <class Scalar>
struct hoc_stat_plan {
  std::vector<std::pair<Eigen::Index, Eigen::Index>> paths, totals, indirects;
  std::vector<Eigen::Index> r2;
  std::size_t rows = 0;  ///< combined measurement rows (weights, then loadings)
  Eigen::Index size() const {
    return static_cast<Eigen::Index>(paths.size() + totals.size() + indirects.size() + r2.size() + 2 * rows);
  }
};

template <class Scalar>
hoc_stat_plan<Scalar> make_hoc_plan(const hoc_result<Scalar>& r) {
  hoc_stat_plan<Scalar> p;
  const auto& f = r.final_fit();
  const Eigen::Index K = static_cast<Eigen::Index>(f.constructs.size());
  for (Eigen::Index t = 0; t < K; ++t)
    for (Eigen::Index a = 0; a < K; ++a) {
      if (f.structure(a, t)) p.paths.push_back({a, t});
      if (a != t && f.total_effects(a, t) != Scalar(0)) p.totals.push_back({a, t});
      if (a != t && f.indirect_effects(a, t) != Scalar(0)) p.indirects.push_back({a, t});
    }
  for (Eigen::Index k = 0; k < K; ++k)
    if (f.predecessor_count(k) > 0) p.r2.push_back(k);
  p.rows = r.measurement.size();
  return p;
}

template <class Scalar>
void fill_hoc_stats(const hoc_stat_plan<Scalar>& p, const hoc_result<Scalar>& r, Eigen::VectorX<Scalar>& out) {
  const auto& f = r.final_fit();
  out.resize(p.size());
  Eigen::Index j = 0;
  for (const auto& e : p.paths) out(j++) = f.paths(e.first, e.second);
  for (const auto& e : p.totals) out(j++) = f.total_effects(e.first, e.second);
  for (const auto& e : p.indirects) out(j++) = f.indirect_effects(e.first, e.second);
  for (auto k : p.r2) out(j++) = f.r_squared(k);
  for (const auto& m : r.measurement) out(j++) = m.weight;
  for (const auto& m : r.measurement) out(j++) = m.loading;
}

}  // namespace detail

/// Bootstraps estimate_higher_order(): each resample re-runs every stage on the resampled rows (Chin, Cheah,
/// Becker, Ringle, Sarstedt 2020 for two-stage HOCs: the first stage is part of what is resampled). Resamples are
/// drawn as csat::pls::bootstrap() draws them (seeded per resample, so any thread count gives the same draws and
/// results), or replayed from `given` (B×n, 0-based rows, e.g. read_resample_indices()). The missing-data policy is
/// applied once before resampling. Percentile intervals and t statistics; BCa is not computed (NaN).
template <class Scalar>
hoc_bootstrap_result<Scalar> bootstrap_higher_order(
    const model::specification& spec, const survey::data_table<Scalar>& data, const hoc_options& options = {},
    const bootstrap_options& bopt = {},
    const Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic>* given = nullptr) {
  const char* fn = "csat::pls::bootstrap_higher_order";
  const Scalar nan = std::numeric_limits<Scalar>::quiet_NaN();
  hoc_bootstrap_result<Scalar> out;
  out.estimate = estimate_higher_order(spec, data, options);
  // the cleaned item columns, once
  auto items = detail::hoc_item_columns(fn, spec, data.names);
  std::vector<std::string> cols;
  for (const auto& blk : items)
    for (auto c : blk) cols.push_back(data.names[c]);
  survey::data_table<Scalar> used;
  used.names = cols;
  used.values.resize(data.rows(), static_cast<Eigen::Index>(cols.size()));
  {
    bool any_missing = false;
    Eigen::Index j = 0;
    for (const auto& blk : items)
      for (auto c : blk) {
        used.values.col(j++) = data.values.col(static_cast<Eigen::Index>(c));
        any_missing = any_missing || data.values.col(static_cast<Eigen::Index>(c)).hasNaN();
      }
    if (any_missing) {
      used.source = data.source;
      used.lines = data.lines;
      csat::detail::recount_missing(used);
      used = survey::apply_missing_policy(used, options.estimation.missing, cols).data;
    }
  }
  const detail::hoc_tree t = detail::make_hoc_tree(spec);
  std::vector<std::vector<std::size_t>> pos(items.size());
  {
    std::size_t j = 0;
    for (std::size_t k = 0; k < items.size(); ++k)
      for (std::size_t i = 0; i < items[k].size(); ++i) pos[k].push_back(j++);
  }
  const Eigen::Index n = used.values.rows();
  const std::size_t B = given ? static_cast<std::size_t>(given->rows()) : bopt.resamples;
  if (given) detail::check_resample_indices(fn, *given, n);
  const auto plan = detail::make_hoc_plan(out.estimate);
  const Eigen::Index m = plan.size();
  out.requested = B;
  out.confidence = bopt.confidence;
  out.draws = Eigen::MatrixX<Scalar>::Constant(static_cast<Eigen::Index>(B), m, nan);
  hoc_options o = options;
  o.estimation.missing = survey::missing_policy::none;
  // per-thread scratch: the resampled data
  std::vector<Eigen::MatrixX<Scalar>> Xb_w(detail::worker_count(bopt.threads, B),
                                           Eigen::MatrixX<Scalar>(n, used.values.cols()));
  const detail::resample_outcomes res = detail::run_resamples(
      B, bopt.threads, bopt.seed, given, n, out.draws,
      [&](std::size_t, unsigned w, const std::vector<Eigen::Index>& rows, Eigen::VectorX<Scalar>& row) {
        Eigen::MatrixX<Scalar>& Xb = Xb_w[w];
        for (Eigen::Index i = 0; i < n; ++i) Xb.row(i) = used.values.row(rows[static_cast<std::size_t>(i)]);
        const auto rb = detail::estimate_hoc_complete(fn, spec, t, Xb, cols, pos, o);
        if (rb.status == status::numerical_issue) throw detail::estimation_failure("a singular system in the estimation");
        detail::fill_hoc_stats(plan, rb, row);
        if (!row.allFinite()) throw detail::estimation_failure("a statistic is not finite");
        return rb.converged;
      },
      bopt.progress);
  out.threads = res.threads;
  res.tally(out);
  const auto& ok = res.ok;
  Eigen::VectorX<Scalar> orig;
  detail::fill_hoc_stats(plan, out.estimate, orig);
  const auto& f = out.estimate.final_fit();
  Eigen::Index c = 0;
  auto take = [&](std::vector<parameter_summary<Scalar>>& dst, const std::string& from, const std::string& to) {
    std::vector<Scalar> v;
    for (std::size_t b = 0; b < B; ++b)
      if (ok[b]) v.push_back(out.draws(static_cast<Eigen::Index>(b), c));
    auto sm = detail::summarize(v, orig(c), nan, bopt.confidence, false);
    sm.from = from;
    sm.to = to;
    dst.push_back(sm);
    ++c;
  };
  auto name = [&](Eigen::Index k) { return f.constructs[static_cast<std::size_t>(k)]; };
  for (const auto& e : plan.paths) take(out.paths, name(e.first), name(e.second));
  for (const auto& e : plan.totals) take(out.total_effects, name(e.first), name(e.second));
  for (const auto& e : plan.indirects) take(out.indirect_effects, name(e.first), name(e.second));
  for (auto k : plan.r2) take(out.r_squared, name(k), "");
  for (const auto& mr : out.estimate.measurement) take(out.weights, mr.indicator, mr.construct);
  for (const auto& mr : out.estimate.measurement) take(out.loadings, mr.indicator, mr.construct);
  return out;
}

/// The combined model expressed on the items: every construct of r.constructs (final constructs, then
/// dimensions) as a weighted composite of the questionnaire items under it, with its home-stage scores. A
/// two-stage HOC's effective weight on item i of dimension d is w_HOC,d · w_d,i (the dimension scores are
/// unit-variance composites of the standardized items), applied recursively through deeper levels. Only the
/// fields indices() and reporting need are filled: constructs, indicators, modes, block, weights,
/// indicator_means, indicator_sds, scores, n_used (paths, loadings and the rest are the stages' business).
template <class Scalar>
estimate_result<Scalar> item_level(const hoc_result<Scalar>& r) {
  estimate_result<Scalar> out;
  out.constructs = r.constructs;
  const Eigen::Index K = static_cast<Eigen::Index>(r.constructs.size());
  struct entry {
    Eigen::Index construct;
    std::string item;
    Scalar weight, mean, sd;
  };
  std::vector<entry> rows;
  // expand construct c (index into r.constructs) with multiplier m into items, appended to rows for owner
  auto expand = [&](auto&& self, std::size_t c, Scalar m, Eigen::Index owner) -> void {
    const auto& f = r.stages[r.home[c]].fit;
    const Eigen::Index j = f.construct_index(r.constructs[c]);
    for (std::size_t i = 0; i < f.indicators.size(); ++i) {
      if (f.block[i] != j) continue;
      const Scalar w = m * f.weights(static_cast<Eigen::Index>(i), j);
      if (r.on_dimension_scores[c]) {
        self(self, r.index_of(f.indicators[i]), w, owner);
      } else {
        rows.push_back({owner, f.indicators[i], w, f.indicator_means(static_cast<Eigen::Index>(i)),
                        f.indicator_sds(static_cast<Eigen::Index>(i))});
      }
    }
  };
  for (Eigen::Index k = 0; k < K; ++k) expand(expand, static_cast<std::size_t>(k), Scalar(1), k);
  const Eigen::Index p = static_cast<Eigen::Index>(rows.size());
  out.weights = Eigen::MatrixX<Scalar>::Zero(p, K);
  out.indicator_means.resize(p);
  out.indicator_sds.resize(p);
  for (Eigen::Index i = 0; i < p; ++i) {
    const auto& e = rows[static_cast<std::size_t>(i)];
    out.indicators.push_back(e.item);
    out.block.push_back(e.construct);
    out.weights(i, e.construct) = e.weight;
    out.indicator_means(i) = e.mean;
    out.indicator_sds(i) = e.sd;
  }
  const auto& f0 = r.stages.front().fit;
  out.n_used = f0.n_used;
  out.scores.resize(f0.scores.rows(), K);
  for (Eigen::Index k = 0; k < K; ++k) {
    const auto& f = r.stages[r.home[static_cast<std::size_t>(k)]].fit;
    out.scores.col(k) = f.scores.col(f.construct_index(r.constructs[static_cast<std::size_t>(k)]));
    out.modes.push_back(f.modes[static_cast<std::size_t>(f.construct_index(r.constructs[static_cast<std::size_t>(k)]))]);
  }
  out.structure = Eigen::MatrixXi::Zero(K, K);
  return out;
}

/// 0–100 indices of every construct of a higher-order model (lower- and higher-order), on the item scale
/// [scale_min, scale_max]: csat::pls::indices() applied to item_level(r).
template <class Scalar>
index_result<Scalar> indices(const hoc_result<Scalar>& r, Scalar scale_min, Scalar scale_max) {
  return indices(item_level(r), scale_min, scale_max);
}

}  // namespace pls
}  // namespace csat

#endif
