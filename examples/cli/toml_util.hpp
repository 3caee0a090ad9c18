// Reading TOML files for the csat program with located errors: every problem is a csat::parse_error naming
// the file, the line and column, and the key ("data.file").
#ifndef CSAT_CLI_TOML_UTIL_HPP
#define CSAT_CLI_TOML_UTIL_HPP

#include <csat/core/error.hpp>

#include <toml++/toml.h>

#include <cmath>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace csat_cli {

/// A TOML table being read, with the file name and dotted key path for messages.
class toml_view {
public:
  toml_view(const toml::table& t, std::string file, std::string path)
      : m_table(&t), m_file(std::move(file)), m_path(std::move(path)) {}

  /// Parses a file; syntax errors become csat::parse_error at the reported line and column.
  static toml::table parse_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw csat::parse_error(path, 0, 0, "", "cannot open the file");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    try {
      return toml::parse(text, path);
    } catch (const toml::parse_error& e) {
      const auto& b = e.source().begin;
      throw csat::parse_error(path, b.line, b.column, "", std::string("invalid TOML: ") + std::string(e.description()));
    }
  }

  const std::string& file() const { return m_file; }
  std::string key(const std::string& k) const { return m_path.empty() ? k : m_path + "." + k; }

  [[noreturn]] void fail(const toml::node* n, const std::string& k, const std::string& msg) const {
    std::size_t line = 0, col = 0;
    if (n) {
      line = n->source().begin.line;
      col = n->source().begin.column;
    } else {
      line = m_table->source().begin.line;
      col = m_table->source().begin.column;
    }
    throw csat::parse_error(m_file, line, col, key(k), "key \"" + key(k) + "\": " + msg);
  }

  [[noreturn]] void fail_here(const std::string& msg) const {
    throw csat::parse_error(m_file, m_table->source().begin.line, m_table->source().begin.column, m_path,
                            (m_path.empty() ? std::string("the file") : "table [" + m_path + "]") + ": " + msg);
  }

  const toml::node* node(const std::string& k) const {
    m_seen.insert(k);
    return m_table->get(k);
  }
  bool has(const std::string& k) const { return node(k) != nullptr; }

  std::string string(const std::string& k) const {
    const auto* n = node(k);
    if (!n) fail(nullptr, k, "is required (a string)");
    if (!n->is_string()) fail(n, k, "must be a string");
    return n->as_string()->get();
  }
  std::string string(const std::string& k, const std::string& dflt) const { return has(k) ? string(k) : dflt; }

  double number(const std::string& k) const {
    const auto* n = node(k);
    if (!n) fail(nullptr, k, "is required (a number)");
    double v = 0;
    if (n->is_integer()) v = static_cast<double>(n->as_integer()->get());
    else if (n->is_floating_point()) v = n->as_floating_point()->get();
    else fail(n, k, "must be a number");
    if (!std::isfinite(v)) fail(n, k, "must be finite");
    return v;
  }
  double number(const std::string& k, double dflt) const { return has(k) ? number(k) : dflt; }

  long long integer(const std::string& k, long long lo, long long hi) const {
    const auto* n = node(k);
    if (!n) fail(nullptr, k, "is required (an integer)");
    if (!n->is_integer()) fail(n, k, "must be an integer");
    const long long v = n->as_integer()->get();
    if (v < lo || v > hi) fail(n, k, "= " + std::to_string(v) + ", but must lie in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    return v;
  }
  long long integer(const std::string& k, long long lo, long long hi, long long dflt) const {
    return has(k) ? integer(k, lo, hi) : dflt;
  }

  bool boolean(const std::string& k, bool dflt) const {
    const auto* n = node(k);
    if (!n) return dflt;
    if (!n->is_boolean()) fail(n, k, "must be true or false");
    return n->as_boolean()->get();
  }

  std::vector<std::string> strings(const std::string& k) const {
    const auto* n = node(k);
    if (!n) fail(nullptr, k, "is required (an array of strings)");
    const auto* a = n->as_array();
    if (!a) fail(n, k, "must be an array of strings");
    std::vector<std::string> out;
    for (const auto& e : *a) {
      if (!e.is_string()) fail(&e, k, "must hold only strings");
      out.push_back(e.as_string()->get());
    }
    return out;
  }
  std::vector<std::string> strings(const std::string& k, std::vector<std::string> dflt) const {
    return has(k) ? strings(k) : dflt;
  }

  std::vector<double> numbers(const std::string& k) const {
    const auto* n = node(k);
    if (!n) fail(nullptr, k, "is required (an array of numbers)");
    const auto* a = n->as_array();
    if (!a) fail(n, k, "must be an array of numbers");
    std::vector<double> out;
    for (const auto& e : *a) {
      if (e.is_integer()) out.push_back(static_cast<double>(e.as_integer()->get()));
      else if (e.is_floating_point()) out.push_back(e.as_floating_point()->get());
      else fail(&e, k, "must hold only numbers");
      if (!std::isfinite(out.back())) fail(&e, k, "must hold only finite numbers");
    }
    return out;
  }

  std::optional<toml_view> table(const std::string& k) const {
    const auto* n = node(k);
    if (!n) return std::nullopt;
    if (!n->is_table()) fail(n, k, "must be a table");
    return toml_view(*n->as_table(), m_file, key(k));
  }

  std::vector<toml_view> tables(const std::string& k) const {
    std::vector<toml_view> out;
    const auto* n = node(k);
    if (!n) return out;
    const auto* a = n->as_array();
    if (!a) fail(n, k, "must be an array of tables ([[" + key(k) + "]])");
    for (const auto& e : *a) {
      if (!e.is_table()) fail(&e, k, "must hold only tables");
      out.emplace_back(*e.as_table(), m_file, key(k));
    }
    return out;
  }

  /// Every key of the table as (name, node), in file order.
  std::vector<std::pair<std::string, const toml::node*>> entries() const {
    std::vector<std::pair<std::string, const toml::node*>> out;
    for (const auto& [k, v] : *m_table) {
      m_seen.insert(std::string(k.str()));
      out.emplace_back(std::string(k.str()), &v);
    }
    return out;
  }

  /// Errors for keys that were never asked for (typos such as "resample" for "resamples").
  void reject_unknown() const {
    for (const auto& [k, v] : *m_table) {
      const std::string name(k.str());
      if (!m_seen.count(name)) fail(&v, name, "unknown key");
    }
  }

private:
  const toml::table* m_table;
  std::string m_file;
  std::string m_path;
  mutable std::set<std::string> m_seen;
};

}  // namespace csat_cli

#endif
