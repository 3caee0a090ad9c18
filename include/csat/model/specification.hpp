#ifndef CSAT_MODEL_SPECIFICATION_HPP
#define CSAT_MODEL_SPECIFICATION_HPP

/// \file
/// A PLS path model: constructs (name, indicators, measurement mode) and structural paths.
///
/// Built with the C++ builder API (`specification{}.composite(...).path(...)`) or from lavaan-style text
/// with from_syntax() (parsed by csat/model/syntax.hpp). validate() checks the whole model and throws csat::invalid_argument naming the
/// culprit: an empty block, an indicator in two blocks, a construct declared twice, a path to or from an
/// unknown construct, a self-loop, a duplicate path, a cyclic structural model (the cycle is spelled out),
/// a construct with no path. validate(columns) also checks that every indicator is a data column.
/// When a construct or path came from text, its message starts with "SOURCE:LINE:COLUMN: ".
///
/// Higher-order constructs: a construct may be formed from other constructs (its dimensions) with
/// higher_order() or, in text, `Service =~ Quality + Value` where every right-hand name is a declared construct.
/// validate() then also checks that each dimension is a known construct other than the construct itself, that
/// no dimension belongs to two higher-order constructs or has structural paths of its own, that a higher-order
/// construct has at least two dimensions, and that the dimension relation has no cycle. Such a model is
/// estimated with csat::pls::estimate_higher_order() (csat/pls/higher_order.hpp); the plain estimators reject it.

#include <csat/config.hpp>
#include <csat/core/error.hpp>
#include <csat/core/validate.hpp>
#include <csat/model/syntax.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace csat {
namespace model {

/// How a construct is measured (outer estimation).
enum class mode {
  A,           ///< reflective / Mode A: correlation weights, w = cov(items, inner proxy)
  B,           ///< formative / Mode B: regression weights, w = R_xx⁻¹ cor(items, inner proxy)
  single_item, ///< one indicator, weight 1
  unit         ///< unit weights (seminr's `unit_weights`): every indicator weight 1, rescaled to a unit-variance
               ///< composite, never updated by the iteration
};

/// "A", "B", "single item" or "unit".
inline const char* to_string(mode m) {
  switch (m) {
    case mode::A: return "A";
    case mode::B: return "B";
    case mode::unit: return "unit";
    default: return "single item";
  }
}

/// Where a declaration came from (text syntax); line 0 means "built in code".
struct location {
  std::string source;
  std::size_t line = 0;
  std::size_t column = 0;

  /// "SOURCE:LINE:COLUMN: " or "" when unknown.
  std::string prefix() const {
    if (line == 0) return "";
    return (source.empty() ? std::string("<model>") : source) + ":" + std::to_string(line) + ":" +
           std::to_string(column) + ": ";
  }
};

/// One construct and its measurement block.
struct construct {
  std::string name;
  std::vector<std::string> indicators;
  model::mode mode = model::mode::A;
  model::location where{};
  /// True for a higher-order construct: `indicators` then names its dimensions (other constructs).
  bool higher_order = false;
};

/// One structural path from -> to.
struct path {
  std::string from;
  std::string to;
  model::location where{};
};

/// A PLS path model. The builder functions only record; validate() (called by every estimator) checks.
class specification {
public:
  /// Adds a construct with measurement `m`. A one-indicator block may use any mode; mode::single_item
  /// requires exactly one indicator.
  specification& add_construct(std::string name, std::vector<std::string> indicators, model::mode m = model::mode::A,
                               model::location where = {}) {
    m_constructs.push_back({std::move(name), std::move(indicators), m, std::move(where)});
    return *this;
  }
  /// Mode A (reflective, correlation weights).
  specification& reflective(std::string name, std::vector<std::string> indicators) {
    return add_construct(std::move(name), std::move(indicators), model::mode::A);
  }
  /// Mode A composite; the same estimation as reflective() (PLSc treats both as Mode A blocks).
  specification& composite(std::string name, std::vector<std::string> indicators, model::mode m = model::mode::A) {
    return add_construct(std::move(name), std::move(indicators), m);
  }
  /// Mode B (formative, regression weights).
  specification& formative(std::string name, std::vector<std::string> indicators) {
    return add_construct(std::move(name), std::move(indicators), model::mode::B);
  }
  /// A unit-weighted composite (seminr's `composite(name, items, weights = unit_weights)`): the composite is the
  /// sum of the standardized indicators, scaled to unit variance; the same as composite(name, items, mode::unit).
  specification& unit_weighted(std::string name, std::vector<std::string> indicators) {
    return add_construct(std::move(name), std::move(indicators), model::mode::unit);
  }
  /// A single-item construct.
  specification& single_item(std::string name, std::string indicator) {
    return add_construct(std::move(name), {std::move(indicator)}, model::mode::single_item);
  }
  /// A higher-order construct formed from the constructs `dimensions` (declared before or after it), Mode A
  /// (reflective/composite on the dimension scores), Mode B (formative) or unit weights (the dimension scores
  /// summed, seminr's `higher_composite(..., weights = unit_weights)`).
  specification& higher_order(std::string name, std::vector<std::string> dimensions, model::mode m = model::mode::A,
                              model::location where = {}) {
    m_constructs.push_back({std::move(name), std::move(dimensions), m, std::move(where), true});
    return *this;
  }
  /// True when some construct is higher-order.
  bool has_higher_order() const {
    for (const auto& c : m_constructs)
      if (c.higher_order) return true;
    return false;
  }
  /// A structural path from -> to.
  specification& add_path(std::string from, std::string to, model::location where = {}) {
    m_paths.push_back({std::move(from), std::move(to), std::move(where)});
    return *this;
  }
  specification& path(std::string from, std::string to) { return add_path(std::move(from), std::move(to)); }
  /// Paths from every construct in `from` to every construct in `to` (seminr's paths(from, to)).
  specification& paths(const std::vector<std::string>& from, const std::vector<std::string>& to) {
    for (const auto& t : to)
      for (const auto& f : from) add_path(f, t);
    return *this;
  }

  const std::vector<construct>& constructs() const { return m_constructs; }
  const std::vector<model::path>& structural_paths() const { return m_paths; }
  std::size_t size() const { return m_constructs.size(); }

  /// Index of a construct, or -1.
  std::ptrdiff_t find(const std::string& name) const {
    for (std::size_t k = 0; k < m_constructs.size(); ++k)
      if (m_constructs[k].name == name) return static_cast<std::ptrdiff_t>(k);
    return -1;
  }
  /// The construct named `name`; csat::invalid_argument if there is none.
  const construct& at(const std::string& name) const {
    const auto k = find(name);
    if (k < 0) csat::detail::throw_invalid_argument("csat::model::specification", "no construct named " + csat::detail::quoted(name));
    return m_constructs[static_cast<std::size_t>(k)];
  }
  /// Names of the constructs in declaration order.
  std::vector<std::string> construct_names() const {
    std::vector<std::string> out;
    for (const auto& c : m_constructs) out.push_back(c.name);
    return out;
  }
  /// All indicators, block after block, in declaration order (the dimensions of higher-order constructs are
  /// constructs, not indicators, and are left out).
  std::vector<std::string> indicators() const {
    std::vector<std::string> out;
    for (const auto& c : m_constructs)
      if (!c.higher_order) out.insert(out.end(), c.indicators.begin(), c.indicators.end());
    return out;
  }
  /// Predecessors of construct k (indices, in path declaration order).
  std::vector<std::size_t> predecessors(std::size_t k) const {
    std::vector<std::size_t> out;
    for (const auto& p : m_paths)
      if (p.to == m_constructs[k].name) out.push_back(static_cast<std::size_t>(find(p.from)));
    return out;
  }

  /// Checks the model; throws csat::invalid_argument naming the culprit.
  void validate() const {
    const char* fn = "csat::model::specification";
    if (m_constructs.empty()) csat::detail::throw_invalid_argument(fn, "the model has no construct");
    std::unordered_map<std::string, std::size_t> by_name;
    std::unordered_map<std::string, std::size_t> owner;  // indicator -> construct
    for (std::size_t k = 0; k < m_constructs.size(); ++k) {
      const construct& c = m_constructs[k];
      const std::string at = c.where.prefix();
      if (c.name.empty()) csat::detail::throw_invalid_argument(fn, at + "construct " + std::to_string(k) + " has an empty name");
      if (!by_name.emplace(c.name, k).second)
        csat::detail::throw_invalid_argument(fn, at + "construct " + csat::detail::quoted(c.name) + " is declared twice");
      if (c.indicators.empty())
        csat::detail::throw_invalid_argument(fn, at + "construct " + csat::detail::quoted(c.name) + " has an empty block (no indicator)");
      if (c.mode == model::mode::single_item && c.indicators.size() != 1)
        csat::detail::throw_invalid_argument(fn, at + "construct " + csat::detail::quoted(c.name) + " is a single item but has " +
                                               std::to_string(c.indicators.size()) + " indicators");
      if (c.higher_order) continue;  // dimensions are checked below
      for (const auto& ind : c.indicators) {
        if (ind.empty())
          csat::detail::throw_invalid_argument(fn, at + "construct " + csat::detail::quoted(c.name) + " has an empty indicator name");
        const auto it = owner.find(ind);
        if (it != owner.end()) {
          if (it->second == k)
            csat::detail::throw_invalid_argument(fn, at + "indicator " + csat::detail::quoted(ind) + " is listed twice in block " +
                                                   csat::detail::quoted(c.name));
          csat::detail::throw_invalid_argument(fn, at + "indicator " + csat::detail::quoted(ind) + " is in two blocks: " +
                                                 csat::detail::quoted(m_constructs[it->second].name) + " and " +
                                                 csat::detail::quoted(c.name));
        }
        owner.emplace(ind, k);
      }
    }
    const std::size_t K = m_constructs.size();
    // higher-order constructs: known dimensions, not itself, one parent per dimension, no cycle
    std::vector<std::ptrdiff_t> parent(K, -1);
    for (std::size_t k = 0; k < K; ++k) {
      const construct& c = m_constructs[k];
      if (!c.higher_order) continue;
      const std::string at = c.where.prefix();
      const std::string hoc = "higher-order construct " + csat::detail::quoted(c.name);
      if (c.indicators.size() < 2)
        csat::detail::throw_invalid_argument(fn, at + hoc + " has one dimension (" + csat::detail::quoted(c.indicators[0]) +
                                               "), but needs at least two: with one it is that construct itself");
      for (std::size_t i = 0; i < c.indicators.size(); ++i) {
        const std::string& d = c.indicators[i];
        if (d == c.name) csat::detail::throw_invalid_argument(fn, at + hoc + " names itself as a dimension");
        const auto it = by_name.find(d);
        if (it == by_name.end())
          csat::detail::throw_invalid_argument(fn, at + hoc + " names unknown construct " + csat::detail::quoted(d) +
                                                 " as a dimension");
        for (std::size_t j = 0; j < i; ++j)
          if (c.indicators[j] == d)
            csat::detail::throw_invalid_argument(fn, at + hoc + " lists dimension " + csat::detail::quoted(d) + " twice");
        if (parent[it->second] >= 0)
          csat::detail::throw_invalid_argument(
              fn, at + "construct " + csat::detail::quoted(d) + " is a dimension of two higher-order constructs: " +
                      csat::detail::quoted(m_constructs[static_cast<std::size_t>(parent[it->second])].name) + " and " +
                      csat::detail::quoted(c.name));
        parent[it->second] = static_cast<std::ptrdiff_t>(k);
      }
    }
    for (std::size_t k = 0; k < K; ++k) {  // follow the parents: a cycle returns to k
      std::string chain = m_constructs[k].name;
      std::ptrdiff_t v = parent[k];
      for (std::size_t steps = 0; v >= 0 && steps <= K; ++steps) {
        chain = m_constructs[static_cast<std::size_t>(v)].name + " -> " + chain;
        if (static_cast<std::size_t>(v) == k)
          csat::detail::throw_invalid_argument(fn, m_constructs[k].where.prefix() +
                                                   "the higher-order constructs form a cycle (each formed from the next): " + chain);
        v = parent[static_cast<std::size_t>(v)];
      }
    }
    std::vector<std::vector<std::size_t>> succ(K);
    std::vector<bool> touched(K, false);
    for (std::size_t k = 0; k < K; ++k) touched[k] = parent[k] >= 0;  // a dimension is tied in by its parent
    for (std::size_t i = 0; i < m_paths.size(); ++i) {
      const model::path& p = m_paths[i];
      const std::string at = p.where.prefix();
      const auto f = by_name.find(p.from);
      if (f == by_name.end())
        csat::detail::throw_invalid_argument(fn, at + "path " + csat::detail::quoted(p.from) + " -> " + csat::detail::quoted(p.to) +
                                               ": unknown construct " + csat::detail::quoted(p.from));
      const auto t = by_name.find(p.to);
      if (t == by_name.end())
        csat::detail::throw_invalid_argument(fn, at + "path " + csat::detail::quoted(p.from) + " -> " + csat::detail::quoted(p.to) +
                                               ": unknown construct " + csat::detail::quoted(p.to));
      if (f->second == t->second)
        csat::detail::throw_invalid_argument(fn, at + "path " + csat::detail::quoted(p.from) + " -> " + csat::detail::quoted(p.to) +
                                               " is a self-loop");
      for (const auto e : {f->second, t->second})
        if (parent[e] >= 0)
          csat::detail::throw_invalid_argument(
              fn, at + "path " + csat::detail::quoted(p.from) + " -> " + csat::detail::quoted(p.to) + ": construct " +
                      csat::detail::quoted(m_constructs[e].name) + " is a dimension of higher-order construct " +
                      csat::detail::quoted(m_constructs[static_cast<std::size_t>(parent[e])].name) +
                      " and takes part in the structural model only through it");
      for (std::size_t j = 0; j < i; ++j)
        if (m_paths[j].from == p.from && m_paths[j].to == p.to)
          csat::detail::throw_invalid_argument(fn, at + "path " + csat::detail::quoted(p.from) + " -> " + csat::detail::quoted(p.to) +
                                                 " is declared twice");
      succ[f->second].push_back(t->second);
      touched[f->second] = touched[t->second] = true;
    }
    if (m_paths.empty()) csat::detail::throw_invalid_argument(fn, "the model has no structural path");
    for (std::size_t k = 0; k < K; ++k)
      if (!touched[k])
        csat::detail::throw_invalid_argument(fn, m_constructs[k].where.prefix() + "construct " +
                                               csat::detail::quoted(m_constructs[k].name) +
                                               " is isolated (no structural path from or to it)");
    // cycle detection by depth-first search; the cycle found is spelled out
    std::vector<int> state(K, 0);  // 0 new, 1 on stack, 2 done
    std::vector<std::size_t> stack;
    for (std::size_t s = 0; s < K; ++s) {
      if (state[s]) continue;
      std::vector<std::pair<std::size_t, std::size_t>> frames{{s, 0}};
      state[s] = 1;
      stack.assign(1, s);
      while (!frames.empty()) {
        auto& [v, next] = frames.back();
        if (next < succ[v].size()) {
          const std::size_t w = succ[v][next++];
          if (state[w] == 1) {
            std::string cycle;
            const auto from = std::find(stack.begin(), stack.end(), w);
            for (auto it = from; it != stack.end(); ++it) cycle += m_constructs[*it].name + " -> ";
            cycle += m_constructs[w].name;
            csat::detail::throw_invalid_argument(fn, "the structural model is cyclic: " + cycle);
          }
          if (state[w] == 0) {
            state[w] = 1;
            frames.push_back({w, 0});
            stack.push_back(w);
          }
        } else {
          state[v] = 2;
          frames.pop_back();
          stack.pop_back();
        }
      }
    }
  }

  /// validate(), then checks that every indicator is one of `columns` (the data's column names).
  /// A model with higher-order constructs is rejected here: the plain estimators cannot estimate it.
  void validate(const std::vector<std::string>& columns) const {
    validate();
    for (const auto& c : m_constructs)
      if (c.higher_order)
        csat::detail::throw_invalid_argument("csat::model::specification",
                                             c.where.prefix() + "construct " + csat::detail::quoted(c.name) +
                                                 " is higher-order (formed from constructs); estimate the model with "
                                                 "csat::pls::estimate_higher_order");
    for (const auto& c : m_constructs)
      for (const auto& ind : c.indicators)
        if (std::find(columns.begin(), columns.end(), ind) == columns.end())
          csat::detail::throw_invalid_argument("csat::model::specification",
                                         c.where.prefix() + "indicator " + csat::detail::quoted(ind) + " of construct " +
                                             csat::detail::quoted(c.name) + " is not a column of the data");
  }

  /// Constructs in a topological order of the structural model (every predecessor before its successors;
  /// ties in declaration order). Requires a valid (acyclic) model.
  std::vector<std::size_t> topological_order() const {
    const std::size_t K = m_constructs.size();
    std::vector<std::size_t> indeg(K, 0), out;
    for (const auto& p : m_paths) ++indeg[static_cast<std::size_t>(find(p.to))];
    std::vector<bool> done(K, false);
    while (out.size() < K) {
      bool progressed = false;
      for (std::size_t k = 0; k < K; ++k) {
        if (done[k] || indeg[k] != 0) continue;
        done[k] = true;
        out.push_back(k);
        progressed = true;
        for (const auto& p : m_paths)
          if (p.from == m_constructs[k].name) --indeg[static_cast<std::size_t>(find(p.to))];
        break;
      }
      if (!progressed) csat::detail::throw_invalid_argument("csat::model::specification", "the structural model is cyclic");
    }
    return out;
  }

private:
  std::vector<construct> m_constructs;
  std::vector<model::path> m_paths;
};

/// Builds a PLS model from parsed lavaan-style text (or, with the overload below, from the text itself) and
/// validates it:
///
///     Image        =~ IMAG1 + IMAG2 + IMAG3    # Mode A block (one indicator: a single item)
///     Quality      <~ PERQ1 + PERQ2            # Mode B block
///     Value        <~ 1*PERV1 + 1*PERV2        # unit weights: 1* on every item of a <~ block
///     Satisfaction ~  Image + Quality          # structural paths Image -> Satisfaction, Quality -> Satisfaction
///
///     Service      =~ Quality + Value          # higher-order construct: every name on the right is a construct
///
/// A block whose right-hand side names declared constructs (declared anywhere in the text) is a higher-order
/// construct formed from them (`=~` Mode A, `<~` Mode B, on the dimension scores); a block mixing constructs
/// and indicators, or a higher-order block naming itself, is a csat::parse_error at the offending name.
/// A `<~` block whose every term carries the fixed modifier 1 (`Image <~ 1*IMAG1 + 1*IMAG2`) is unit-weighted
/// (mode::unit; lavaan's meaning of a composite whose weights are all fixed to 1), also for a higher-order block.
/// Anything else PLS does not use (`~~`, `:=`, constraints, intercepts, other modifiers such as `a*x`, `0.5*x`,
/// `1*x` on `=~` or on only some items of a block, interaction terms) is a csat::parse_error at its line and
/// column; model errors found by validate() name the line and column of the declaration at fault.
inline specification from_syntax(const syntax& parsed) {
  specification spec;
  std::vector<std::string> declared;  // every construct of the text, for telling blocks of constructs apart
  for (const auto& st : parsed.statements)
    if (st.oper == op::measured_by || st.oper == op::composed_of) declared.push_back(st.lhs);
  auto is_declared = [&](const std::string& name) {
    return std::find(declared.begin(), declared.end(), name) != declared.end();
  };
  auto fail = [&](std::size_t line, std::size_t column, const std::string& what, const std::string& message) {
    throw csat::parse_error(parsed.source, line, column, what, message);
  };
  auto plain = [&](const term& t, const char* role, const std::string& modifier_hint = "") {
    if (t.factors.size() > 1)
      fail(t.line, t.column, t.name, "interaction term " + csat::detail::quoted(t.name) + " is not supported in a PLS " + role);
    if (t.name == "1" || t.factors.empty())
      fail(t.line, t.column, t.name, std::string("an intercept is not supported in a PLS ") + role);
    if (t.mod.fixed || t.mod.free || !t.mod.label.empty() || t.mod.start || !t.group_mods.empty())
      fail(t.line, t.column, t.name,
           "modifier on " + csat::detail::quoted(t.name) + " is not supported in a PLS " + role + modifier_hint);
  };
  // unit weights: `NAME <~ 1*x1 + 1*x2 + ...`, the fixed modifier 1 (and nothing else) on every item
  auto unit_term = [](const term& t) {
    return t.factors.size() == 1 && t.name != "1" && t.mod.fixed && *t.mod.fixed == 1.0 && !t.mod.free &&
           t.mod.label.empty() && !t.mod.start && t.group_mods.empty();
  };
  const std::string unit_rule = "unit weights need 1* on every item of a <~ block (NAME <~ 1*x1 + 1*x2)";
  for (const auto& st : parsed.statements) {
    location where{parsed.source, st.line, st.column};
    switch (st.oper) {
      case op::measured_by:
      case op::composed_of: {
        std::vector<std::string> items;
        const term* construct_term = nullptr;  // first right-hand name that is another construct
        const term* item_term = nullptr;       // first right-hand name that is not a construct
        const term* self_term = nullptr;
        std::size_t n_unit = 0;
        for (const auto& t : st.rhs) n_unit += unit_term(t) ? 1 : 0;
        const bool unit = st.oper == op::composed_of && !st.rhs.empty() && n_unit == st.rhs.size();
        for (const auto& t : st.rhs) {
          if (!unit) {
            if (unit_term(t) && st.oper == op::measured_by)
              fail(t.line, t.column, t.name,
                   "modifier on " + csat::detail::quoted(t.name) + " is not supported in a PLS =~ block: " + unit_rule);
            if (n_unit > 0 && !unit_term(t) && t.factors.size() == 1 && t.name != "1" && t.mod.empty() &&
                t.group_mods.empty())
              fail(t.line, t.column, t.name,
                   "item " + csat::detail::quoted(t.name) + " of block " + csat::detail::quoted(st.lhs) +
                       " has no 1* while other items have it: " + unit_rule);
            if (!unit_term(t)) plain(t, "measurement block", ": " + unit_rule);
          }
          items.push_back(t.name);
          if (t.name == st.lhs) {
            if (!self_term) self_term = &t;
          } else if (is_declared(t.name)) {
            if (!construct_term) construct_term = &t;
          } else if (!item_term) {
            item_term = &t;
          }
        }
        const mode declared_mode = st.oper == op::measured_by ? mode::A : (unit ? mode::unit : mode::B);
        if (construct_term) {  // a higher-order construct
          if (self_term)
            fail(self_term->line, self_term->column, self_term->name,
                 "higher-order construct " + csat::detail::quoted(st.lhs) + " names itself as a dimension");
          if (item_term)
            fail(item_term->line, item_term->column, item_term->name,
                 "block " + csat::detail::quoted(st.lhs) + " mixes constructs (" + csat::detail::quoted(construct_term->name) +
                     ") and indicators (" + csat::detail::quoted(item_term->name) +
                     "): a higher-order construct is formed from declared constructs only");
          spec.higher_order(st.lhs, std::move(items), declared_mode, where);
          break;
        }
        const mode m = items.size() == 1 ? mode::single_item : declared_mode;
        spec.add_construct(st.lhs, std::move(items), m, where);
        break;
      }
      case op::regression:
        for (const auto& t : st.rhs) {
          plain(t, "structural model");
          spec.add_path(t.name, st.lhs, location{parsed.source, t.line, t.column});
        }
        break;
      default:
        fail(st.op_line ? st.op_line : st.line, st.op_column ? st.op_column : st.column, to_string(st.oper),
             std::string("operator ") + to_string(st.oper) + " is not used by PLS path models (only =~, <~ and ~)");
    }
  }
  if (spec.constructs().empty())
    throw csat::parse_error(parsed.source, 0, 0, "", "the model declares no construct (use NAME =~ ITEMS)");
  spec.validate();
  return spec;
}

/// Parses `text` (csat/model/syntax.hpp) and builds the model as from_syntax(const syntax&) does.
inline specification from_syntax(const std::string& text, const std::string& source = "<model>") {
  return from_syntax(parse_syntax(text, source));
}

}  // namespace model
}  // namespace csat

#endif
