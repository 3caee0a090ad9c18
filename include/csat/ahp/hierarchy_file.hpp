#ifndef CSAT_AHP_HIERARCHY_FILE_HPP
#define CSAT_AHP_HIERARCHY_FILE_HPP

/// \file
/// A plain-text file format for whole AHP hierarchies (read_hierarchy), documented in docs/ahp.md:
///
/// \code
///   # comment (also after a value)
///   goal: Best city
///
///   [Best city]                      # a block: the children of a node, and how they compare
///   children: Culture, Family, Housing
///   1,   3,   5                      # matrix rows (decimals or fractions, empty = missing), or
///   1/3, 1,   2                      #   upper: a12, a13, a23   (the upper triangle), or
///   1/5, 1/2, 1                      #   weights: 0.5, 0.3, 0.2  (direct local weights)
///
///   [Culture]                        # a node by name, or by path "Best city/Culture"
///   children: Bethesda, Boston
///   expert: ann 2                    # group judgments: each expert's matrix, optional weight
///   upper: 3
///   expert: bob 1
///   upper: 1/2
/// \endcode
///
/// Blocks may come in any order after their node has been declared as a child. Names are trimmed; a
/// name is referenced by its path from the goal when it is not unique. Every error is a csat::parse_error
/// at `file:line:column`.

#include <csat/config.hpp>
#include <csat/ahp/hierarchy.hpp>
#include <csat/ahp/pairwise.hpp>
#include <csat/core/error.hpp>
#include <csat/survey/csv.hpp>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace csat {
namespace ahp {

namespace detail {

struct hf_cell {
  std::string text;
  std::size_t column = 1;  // 1-based
};

// Splits on commas (no quoting), trimming; columns are 1-based byte offsets + 1 of each cell's first character.
inline std::vector<hf_cell> hf_split(const std::string& s, std::size_t base_column) {
  std::vector<hf_cell> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = s.find(',', start);
    const std::string raw = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    std::size_t lead = 0;
    while (lead < raw.size() && (raw[lead] == ' ' || raw[lead] == '\t')) ++lead;
    out.push_back({csat::detail::trim(raw), base_column + start + lead});
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

struct hf_expert {
  std::string name;
  double weight = 1;
  std::size_t line = 0;
  std::vector<std::vector<hf_cell>> rows;
  std::vector<std::size_t> row_lines;
  std::vector<hf_cell> upper;
  std::size_t upper_line = 0;
};

struct hf_block {
  int node = -1;
  std::size_t line = 0;
  bool has_children = false;
  std::vector<hf_cell> weights;
  std::size_t weights_line = 0;
  std::vector<hf_expert> experts;  // the first one is anonymous when no "expert:" line is used
};

}  // namespace detail

/// Parses a hierarchy from text (see the file comment); `source` names it in error messages.
inline hierarchy<double> read_hierarchy_text(const std::string& text, const std::string& source) {
  using detail::hf_cell;
  std::vector<std::pair<std::string, std::size_t>> lines;  // content, original line number
  {
    std::size_t pos = 0, ln = 1;
    if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF) pos = 3;
    while (pos <= text.size()) {
      std::size_t e = text.find('\n', pos);
      if (e == std::string::npos) e = text.size();
      std::string l = text.substr(pos, e - pos);
      if (!l.empty() && l.back() == '\r') l.pop_back();
      const auto hash = l.find('#');
      if (hash != std::string::npos) l = l.substr(0, hash);
      lines.emplace_back(l, ln);
      ++ln;
      if (e == text.size()) break;
      pos = e + 1;
    }
  }
  auto fail = [&](std::size_t line, std::size_t col, const std::string& t, const std::string& msg) -> parse_error {
    return parse_error(source, line, col, t, msg);
  };
  hierarchy<double> h;
  bool have_goal = false;
  std::vector<detail::hf_block> blocks;
  detail::hf_block* cur = nullptr;
  auto resolve = [&](const std::string& ref, std::size_t line, std::size_t col) -> int {
    if (ref.find('/') != std::string::npos) {
      for (int k = 0; k < h.size(); ++k)
        if (h.path(k) == ref) return k;
      throw fail(line, col, ref, "no node has the path " + csat::detail::quoted(ref));
    }
    int found = -1;
    for (int k = 0; k < h.size(); ++k)
      if (h.nodes()[static_cast<std::size_t>(k)].name == ref) {
        if (found >= 0)
          throw fail(line, col, ref, "the name " + csat::detail::quoted(ref) + " is not unique (" +
                                         csat::detail::quoted(h.path(found)) + ", " + csat::detail::quoted(h.path(k)) +
                                         "); use its path");
        found = k;
      }
    if (found < 0)
      throw fail(line, col, ref, "no node is named " + csat::detail::quoted(ref) +
                                     " (declare it first in its parent's children: line)");
    return found;
  };
  for (const auto& [raw, ln] : lines) {
    const std::string l = csat::detail::trim(raw);
    if (l.empty()) continue;
    const std::size_t indent = raw.find_first_not_of(" \t") + 1;
    if (l.front() == '[') {
      if (l.back() != ']') throw fail(ln, indent, l, "a block header must look like [node name]");
      if (!have_goal) throw fail(ln, indent, l, "the file must start with \"goal: NAME\"");
      const std::string ref = csat::detail::trim(l.substr(1, l.size() - 2));
      const int node = resolve(ref, ln, indent + 1);
      for (const auto& b : blocks)
        if (b.node == node)
          throw fail(ln, indent, ref, "a second block for " + csat::detail::quoted(h.path(node)) + " (the first is at line " +
                                          std::to_string(b.line) + ")");
      blocks.emplace_back();
      cur = &blocks.back();
      cur->node = node;
      cur->line = ln;
      continue;
    }
    const auto colon = l.find(':');
    std::string key = colon == std::string::npos ? std::string() : csat::detail::trim(l.substr(0, colon));
    const bool is_key = key == "goal" || key == "children" || key == "upper" || key == "weights" || key == "expert";
    const std::string value = is_key ? csat::detail::trim(l.substr(colon + 1)) : std::string();
    const std::size_t vcol = is_key ? indent + raw.substr(indent - 1).find(':') + 1 : indent;
    const std::size_t vstart = is_key ? vcol + (l.substr(colon + 1).find_first_not_of(" \t") == std::string::npos
                                                    ? 0
                                                    : l.substr(colon + 1).find_first_not_of(" \t")) : indent;
    if (key == "goal") {
      if (have_goal) throw fail(ln, indent, l, "a second goal line");
      if (value.empty()) throw fail(ln, vcol, "", "the goal has no name");
      h = hierarchy<double>(value);
      have_goal = true;
      continue;
    }
    if (!have_goal) throw fail(ln, indent, l, "the file must start with \"goal: NAME\"");
    if (!cur) throw fail(ln, indent, l, "this line is outside a [node] block");
    if (key == "children") {
      if (cur->has_children) throw fail(ln, indent, l, "a second children: line in this block");
      const auto cells = detail::hf_split(l.substr(colon + 1), indent + colon + 1);
      for (const auto& c : cells) {
        if (c.text.empty()) throw fail(ln, c.column, "", "an empty child name");
        try {
          h.add(cur->node, c.text);
        } catch (const csat::invalid_argument& e) {
          throw fail(ln, c.column, c.text, e.what());
        }
      }
      cur->has_children = true;
      continue;
    }
    if (!cur->has_children) throw fail(ln, indent, l, "the block must start with a children: line");
    if (key == "weights") {
      if (!cur->weights.empty()) throw fail(ln, indent, l, "a second weights: line in this block");
      if (!cur->experts.empty()) throw fail(ln, indent, l, "a block has either judgments or weights, not both");
      cur->weights = detail::hf_split(l.substr(colon + 1), indent + colon + 1);
      cur->weights_line = ln;
      continue;
    }
    if (!cur->weights.empty()) throw fail(ln, indent, l, "a block has either judgments or weights, not both");
    if (key == "expert") {
      detail::hf_expert e;
      e.line = ln;
      std::string v = value;
      const auto sp = v.find_last_of(" \t");
      if (sp != std::string::npos) {
        double w = 0;
        bool of = false;
        const std::string tail = csat::detail::trim(v.substr(sp + 1));
        if (csat::detail::parse_double(tail.data(), tail.data() + tail.size(), w, of)) {
          if (!(w > 0)) throw fail(ln, vstart + sp + 1, tail, "an expert's weight must be positive");
          e.weight = w;
          v = csat::detail::trim(v.substr(0, sp));
        }
      }
      e.name = v.empty() ? "expert " + std::to_string(cur->experts.size() + 1) : v;
      cur->experts.push_back(std::move(e));
      continue;
    }
    if (cur->experts.empty()) {
      cur->experts.emplace_back();
      cur->experts.back().line = ln;
    }
    auto& ex = cur->experts.back();
    if (key == "upper") {
      if (!ex.upper.empty() || !ex.rows.empty()) throw fail(ln, indent, l, "a second matrix for the same expert");
      ex.upper = detail::hf_split(l.substr(colon + 1), indent + colon + 1);
      ex.upper_line = ln;
      continue;
    }
    if (!ex.upper.empty()) throw fail(ln, indent, l, "a matrix row after upper: for the same expert");
    ex.rows.push_back(detail::hf_split(raw.substr(indent - 1), indent));
    ex.row_lines.push_back(ln);
  }
  if (!have_goal) throw fail(1, 1, "", "the file is empty (it must start with \"goal: NAME\")");
  // build the judgments
  for (auto& b : blocks) {
    const auto k = static_cast<Eigen::Index>(h.nodes()[static_cast<std::size_t>(b.node)].children.size());
    std::vector<std::string> names;
    for (int c : h.nodes()[static_cast<std::size_t>(b.node)].children) names.push_back(h.nodes()[static_cast<std::size_t>(c)].name);
    auto number = [&](const hf_cell& c, std::size_t line, double& v) {
      if (!parse_judgment(c.text, v))
        throw fail(line, c.column, c.text, csat::detail::quoted(c.text) + " is not a number or a fraction such as 1/3");
    };
    if (!b.weights.empty()) {
      if (static_cast<Eigen::Index>(b.weights.size()) != k)
        throw fail(b.weights_line, 1, "", "weights: has " + std::to_string(b.weights.size()) + " values, but " +
                                              csat::detail::quoted(h.path(b.node)) + " has " + std::to_string(k) + " children");
      Eigen::VectorXd w(k);
      for (Eigen::Index i = 0; i < k; ++i) {
        number(b.weights[static_cast<std::size_t>(i)], b.weights_line, w(i));
        if (!(std::isfinite(w(i)) && w(i) > 0))
          throw fail(b.weights_line, b.weights[static_cast<std::size_t>(i)].column, b.weights[static_cast<std::size_t>(i)].text,
                     "weight of " + csat::detail::quoted(names[static_cast<std::size_t>(i)]) + " = " + b.weights[static_cast<std::size_t>(i)].text +
                         ", but must be finite and positive");
      }
      h.set_weights(b.node, w);
      continue;
    }
    if (b.experts.empty()) continue;  // validate() reports inner nodes without judgments
    std::vector<pairwise_matrix<double>> ms;
    std::vector<double> ws;
    std::vector<std::string> ens;
    for (const auto& e : b.experts) {
      Eigen::MatrixXd a = Eigen::MatrixXd::Zero(k, k);
      detail::bool_matrix known = detail::bool_matrix::Constant(k, k, false);
      std::vector<std::pair<std::size_t, std::size_t>> where(static_cast<std::size_t>(k * k), {e.line, 1});
      std::vector<std::string> texts(static_cast<std::size_t>(k * k));
      if (!e.upper.empty()) {
        if (static_cast<Eigen::Index>(e.upper.size()) != k * (k - 1) / 2)
          throw fail(e.upper_line, 1, "", "upper: has " + std::to_string(e.upper.size()) + " values, but " +
                                              std::to_string(k) + " children need " + std::to_string(k * (k - 1) / 2));
        std::size_t q = 0;
        for (Eigen::Index i = 0; i < k; ++i) {
          a(i, i) = 1;
          known(i, i) = true;
          for (Eigen::Index j = i + 1; j < k; ++j, ++q) {
            const auto& c = e.upper[q];
            where[static_cast<std::size_t>(i * k + j)] = {e.upper_line, c.column};
            texts[static_cast<std::size_t>(i * k + j)] = c.text;
            if (c.text.empty()) continue;
            number(c, e.upper_line, a(i, j));
            known(i, j) = true;
          }
        }
      } else {
        if (static_cast<Eigen::Index>(e.rows.size()) != k)
          throw fail(e.rows.empty() ? e.line : e.row_lines.back(), 1, "",
                     "the matrix for " + csat::detail::quoted(h.path(b.node)) + (e.name.empty() ? "" : " (" + e.name + ")") +
                         " has " + std::to_string(e.rows.size()) + " rows, but the node has " + std::to_string(k) + " children");
        for (Eigen::Index i = 0; i < k; ++i) {
          const auto& row = e.rows[static_cast<std::size_t>(i)];
          if (static_cast<Eigen::Index>(row.size()) != k)
            throw fail(e.row_lines[static_cast<std::size_t>(i)], row.back().column, "",
                       "row " + std::to_string(i + 1) + " has " + std::to_string(row.size()) + " cells, but the node has " +
                           std::to_string(k) + " children");
          for (Eigen::Index j = 0; j < k; ++j) {
            const auto& c = row[static_cast<std::size_t>(j)];
            where[static_cast<std::size_t>(i * k + j)] = {e.row_lines[static_cast<std::size_t>(i)], c.column};
            texts[static_cast<std::size_t>(i * k + j)] = c.text;
            if (c.text.empty()) continue;
            number(c, e.row_lines[static_cast<std::size_t>(i)], a(i, j));
            known(i, j) = true;
          }
        }
      }
      for (Eigen::Index i = 0; i < k; ++i)
        if (!known(i, i)) { a(i, i) = 1; known(i, i) = true; }
      const pairwise_options po{};
      auto locate = [&](const pairwise_violation& bad) -> parse_error {
        const std::string prefix = "node " + csat::detail::quoted(h.path(b.node)) +
                                   (b.experts.size() > 1 ? ", expert " + csat::detail::quoted(e.name) : std::string()) + ": ";
        if (bad.i < 0) return fail(e.line, 0, "", prefix + bad.message);
        Eigen::Index bi = bad.i, bj = bad.j;
        if (!known(bi, bj)) std::swap(bi, bj);
        const auto& w = where[static_cast<std::size_t>(bi * k + bj)];
        return fail(w.first, w.second, texts[static_cast<std::size_t>(bi * k + bj)], prefix + bad.message);
      };
      if (auto bad = detail::find_pairwise_violation<double>(a, known, names, po, true)) throw locate(*bad);
      for (Eigen::Index i = 0; i < k; ++i)
        for (Eigen::Index j = 0; j < k; ++j)
          if (known(i, j) && !known(j, i)) {
            a(j, i) = 1.0 / a(i, j);
            known(j, i) = true;
          }
      if (auto bad = detail::find_pairwise_violation<double>(a, known, names, po)) throw locate(*bad);
      ms.emplace_back(a, known, names, po);
      ws.push_back(e.weight);
      ens.push_back(e.name);
    }
    const bool group = b.experts.size() > 1 || !b.experts.front().name.empty();
    h.set_group_judgments(b.node, std::move(ms), group ? ws : std::vector<double>{}, group ? ens : std::vector<std::string>{});
  }
  try {
    h.validate();
  } catch (const csat::invalid_argument& e) {
    throw parse_error(source, 0, 0, "", e.what());
  }
  return h;
}

/// Reads a hierarchy file (see read_hierarchy_text).
inline hierarchy<double> read_hierarchy(const std::string& path) {
  return read_hierarchy_text(csat::detail::read_file_text(path, "csat::ahp::read_hierarchy"), path);
}

}  // namespace ahp
}  // namespace csat

#endif
