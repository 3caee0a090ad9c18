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
  single_item  ///< one indicator, weight 1
};

/// "A", "B" or "single item".
inline const char* to_string(mode m) {
  switch (m) {
    case mode::A: return "A";
    case mode::B: return "B";
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
  /// A single-item construct.
  specification& single_item(std::string name, std::string indicator) {
    return add_construct(std::move(name), {std::move(indicator)}, model::mode::single_item);
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
  /// All indicators, block after block, in declaration order.
  std::vector<std::string> indicators() const {
    std::vector<std::string> out;
    for (const auto& c : m_constructs) out.insert(out.end(), c.indicators.begin(), c.indicators.end());
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
    std::vector<std::vector<std::size_t>> succ(K);
    std::vector<bool> touched(K, false);
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
  void validate(const std::vector<std::string>& columns) const {
    validate();
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
///     Satisfaction ~  Image + Quality          # structural paths Image -> Satisfaction, Quality -> Satisfaction
///
/// Anything PLS does not use (`~~`, `:=`, constraints, intercepts, modifiers such as `a*x`, interaction terms,
/// a block made of other constructs) is a csat::parse_error at its line and column; model errors found by
/// validate() name the line and column of the declaration at fault.
inline specification from_syntax(const syntax& parsed) {
  specification spec;
  auto fail = [&](std::size_t line, std::size_t column, const std::string& what, const std::string& message) {
    throw csat::parse_error(parsed.source, line, column, what, message);
  };
  auto plain = [&](const term& t, const char* role) {
    if (t.factors.size() > 1)
      fail(t.line, t.column, t.name, "interaction term " + csat::detail::quoted(t.name) + " is not supported in a PLS " + role);
    if (t.name == "1" || t.factors.empty())
      fail(t.line, t.column, t.name, std::string("an intercept is not supported in a PLS ") + role);
    if (t.mod.fixed || t.mod.free || !t.mod.label.empty() || t.mod.start || !t.group_mods.empty())
      fail(t.line, t.column, t.name, "modifier on " + csat::detail::quoted(t.name) + " is not supported in a PLS " + role);
  };
  for (const auto& st : parsed.statements) {
    location where{parsed.source, st.line, st.column};
    switch (st.oper) {
      case op::measured_by:
      case op::composed_of: {
        std::vector<std::string> items;
        for (const auto& t : st.rhs) {
          plain(t, "measurement block");
          items.push_back(t.name);
        }
        const mode m = items.size() == 1 ? mode::single_item : (st.oper == op::measured_by ? mode::A : mode::B);
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
  // a block made of constructs would be a higher-order construct
  for (const auto& c : spec.constructs())
    for (const auto& ind : c.indicators)
      if (spec.find(ind) >= 0 && ind != c.name)
        fail(c.where.line, c.where.column, ind,
             "block " + csat::detail::quoted(c.name) + " names construct " + csat::detail::quoted(ind) +
                 " as an indicator; higher-order constructs are not supported");
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
