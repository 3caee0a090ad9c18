#ifndef CSAT_CORE_ERROR_HPP
#define CSAT_CORE_ERROR_HPP

/// \file
/// The three exception types every csat component throws.
///
/// - csat::invalid_argument (a std::invalid_argument): wrong shapes, sizes, structure, unknown names.
/// - csat::domain_error (a std::domain_error): values outside their domain (NaN, negative weights, ...).
/// - csat::parse_error (a csat::invalid_argument): malformed text input; carries the source name,
///   the 1-based line and column, and the offending text. Its message reads
///   "SOURCE:LINE:COLUMN: what is wrong".

#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>

namespace csat {

/// A structural problem with an argument: shape, size, unknown name, inconsistent specification.
class invalid_argument : public std::invalid_argument {
public:
  using std::invalid_argument::invalid_argument;
};

/// A value outside its domain: NaN, infinite, negative where positive is required, out of range.
class domain_error : public std::domain_error {
public:
  using std::domain_error::domain_error;
};

/// Malformed text input (CSV, model syntax, matrices, study files), located to line and column.
class parse_error : public invalid_argument {
public:
  /// \param source  file name or a description such as "<stream>"
  /// \param line    1-based line (0 if unknown)
  /// \param column  1-based column (0 if unknown)
  /// \param text    the offending text (may be empty)
  /// \param message what is wrong, without the location prefix
  parse_error(std::string source, std::size_t line, std::size_t column, std::string text,
              const std::string& message)
      : invalid_argument(format(source, line, column, message)),
        m_source(std::move(source)), m_line(line), m_column(column), m_text(std::move(text)),
        m_message(message) {}

  const std::string& source() const noexcept { return m_source; }
  std::size_t line() const noexcept { return m_line; }
  std::size_t column() const noexcept { return m_column; }
  const std::string& text() const noexcept { return m_text; }
  /// The message without the "SOURCE:LINE:COLUMN: " prefix.
  const std::string& message() const noexcept { return m_message; }

private:
  static std::string format(const std::string& source, std::size_t line, std::size_t column,
                            const std::string& message) {
    std::string out = source.empty() ? std::string("<input>") : source;
    if (line > 0) {
      out += ':' + std::to_string(line);
      if (column > 0) out += ':' + std::to_string(column);
    }
    out += ": ";
    out += message;
    return out;
  }

  std::string m_source;
  std::size_t m_line;
  std::size_t m_column;
  std::string m_text;
  std::string m_message;
};

}  // namespace csat

#endif
