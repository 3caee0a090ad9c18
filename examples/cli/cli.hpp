// Shared pieces of the csat program: the subcommand registry, error types, output helpers.
#ifndef CSAT_CLI_CLI_HPP
#define CSAT_CLI_CLI_HPP

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <csat/core/error.hpp>

#include <cmath>
#include <functional>
#include <iostream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace csat_cli {

/// A subcommand: `setup` adds its options to the CLI11 subcommand and sets its callback.
struct command {
  std::string name;
  std::string description;
  std::function<void(CLI::App&)> setup;
  int order;  ///< position in --help
};

inline std::vector<command>& registry() {
  static std::vector<command> commands;
  return commands;
}

/// Registers a subcommand from a namespace-scope static in its own source file (cmd_*.cpp).
struct registrar {
  registrar(std::string name, std::string description, std::function<void(CLI::App&)> setup, int order = 100) {
    registry().push_back({std::move(name), std::move(description), std::move(setup), order});
  }
};

/// A problem with the program's input that is not located inside a file (missing file, bad option value).
/// Exit code 3, like every csat input error.
struct input_error : csat::invalid_argument {
  using csat::invalid_argument::invalid_argument;
};

/// A wrong use of the program's options that its parser cannot see (a value out of range, options that exclude each
/// other). Exit code 2, like every usage error.
struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Text for a one-line message: every byte that is not part of a well-formed UTF-8 character, and every control
/// character but tab, is written as \xNN (a message never prints raw bytes); after `max_chars` characters the
/// text is cut with "...".
inline std::string printable(const std::string& s, std::size_t max_chars = std::string::npos) {
  std::string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t chars = 0;
  for (std::size_t i = 0; i < n; ++chars) {
    if (chars == max_chars) {
      out += "...";
      break;
    }
    const unsigned char c = p[i];
    const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = len > 0 && i + len <= n && !(len == 2 && c < 0xC2) && !(len == 4 && c > 0xF4);
    for (std::size_t k = 1; ok && k < len; ++k) ok = (p[i + k] & 0xC0) == 0x80;
    if (ok && len == 3) ok = !(c == 0xE0 && p[i + 1] < 0xA0) && !(c == 0xED && p[i + 1] >= 0xA0);
    if (ok && len == 4) ok = !(c == 0xF0 && p[i + 1] < 0x90) && !(c == 0xF4 && p[i + 1] >= 0x90);
    if (ok && (c >= 0x20 || c == '\t') && c != 0x7F) {
      out.append(s, i, len);
      i += len;
    } else {
      static const char hex[] = "0123456789ABCDEF";
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 0xF];
      ++i;
    }
  }
  return out;
}

/// JSON number or null for NaN/infinity.
inline nlohmann::json number(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

/// JSON text; any invalid UTF-8 in a string (which the readers transcode away) becomes U+FFFD rather than an error.
inline std::string json_text(const nlohmann::json& j) {
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}
inline void print_json(const nlohmann::json& j) { std::cout << json_text(j) << '\n'; }

/// Display width of a UTF-8 string in a terminal: East Asian wide characters count 2.
inline std::size_t display_width(const std::string& s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    char32_t cp = c;
    std::size_t len = 1;
    if (c >= 0xF0) { len = 4; cp = c & 0x07; }
    else if (c >= 0xE0) { len = 3; cp = c & 0x0F; }
    else if (c >= 0xC0) { len = 2; cp = c & 0x1F; }
    for (std::size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    w += wide ? 2 : 1;
  }
  return w;
}

/// A plain-text table: a header row, then rows; numeric-looking cells (a number, maybe followed by stars, a % or
/// a space that stands for a marker other cells carry) are right-aligned.
class table {
public:
  explicit table(std::vector<std::string> header) : m_header(std::move(header)) {}
  void add(std::vector<std::string> row) { m_rows.push_back(std::move(row)); }
  void print(std::ostream& os, const std::string& indent = "") const {
    std::vector<std::size_t> width(m_header.size(), 0);
    auto measure = [&](const std::vector<std::string>& r) {
      for (std::size_t j = 0; j < r.size() && j < width.size(); ++j) width[j] = std::max(width[j], display_width(r[j]));
    };
    measure(m_header);
    for (const auto& r : m_rows) measure(r);
    auto numeric = [](const std::string& s) {
      return !s.empty() && (std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '-' || s[0] == '+' || s[0] == '.') &&
             s.find_first_not_of("0123456789.-+eE*% ") == std::string::npos;  // a trailing space pads a marker
    };
    auto line = [&](const std::vector<std::string>& r) {
      os << indent;
      for (std::size_t j = 0; j < width.size(); ++j) {
        const std::string cell = j < r.size() ? r[j] : "";
        const std::size_t pad = width[j] - display_width(cell);
        if (j > 0) os << "  ";
        if (numeric(cell)) os << std::string(pad, ' ') << cell;
        else if (j + 1 < width.size()) os << cell << std::string(pad, ' ');
        else os << cell;
      }
      os << '\n';
    };
    line(m_header);
    std::size_t total = 0;
    for (auto w : width) total += w;
    os << indent << std::string(total + 2 * (width.empty() ? 0 : width.size() - 1), '-') << '\n';
    for (const auto& r : m_rows) line(r);
  }

private:
  std::vector<std::string> m_header;
  std::vector<std::vector<std::string>> m_rows;
};

/// Fixed-point text with `digits` decimals ("nan" for NaN).
inline std::string fixed(double v, int digits = 3) {
  if (std::isnan(v)) return "nan";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

}  // namespace csat_cli

#endif
