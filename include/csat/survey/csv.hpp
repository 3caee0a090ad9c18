#ifndef CSAT_SURVEY_CSV_HPP
#define CSAT_SURVEY_CSV_HPP

/// \file
/// Reading survey data from CSV (RFC 4180) into a numeric table.
///
/// - Quoted fields may hold delimiters, doubled quotes and line breaks; CRLF and LF line ends;
///   UTF-8 with or without a byte-order mark; UTF-8 column names.
/// - Delimiter `,`, `;` or tab, given or detected from the header line.
/// - Missing-value tokens (default: empty, `NA`, `N/A`, `NaN`, `.`) become NaN and are counted per column.
/// - Any other cell that is not a finite number is a csat::parse_error naming `source:line:column`, the
///   column name and the text. Nothing becomes NaN silently.
/// - Columns named in csv_options::text_columns are kept as text (group, segment or channel labels).

#include <csat/config.hpp>
#include <csat/core/error.hpp>
#include <csat/core/validate.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <istream>
#include <ostream>
#include <iterator>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <vector>

namespace csat {
namespace survey {

/// The default missing-value tokens: empty, `NA`, `N/A`, `NaN`, `.`.
inline std::vector<std::string> default_missing_tokens() { return {"", "NA", "N/A", "NaN", "."}; }

/// How to read a CSV file.
struct csv_options {
  /// Field delimiter: ',', ';' or '\t'; '\0' detects it from the header line (the most frequent of the three).
  char delimiter = '\0';
  /// Cell texts (after trimming spaces) that mean "missing". A token that is a number (99, -99, 9.0) matches every
  /// cell of that value however it is written ("99", "99.0", " 99"); other tokens match the text.
  std::vector<std::string> missing_tokens = default_missing_tokens();
  /// Columns kept as text instead of numbers (segment, group or channel labels).
  std::vector<std::string> text_columns{};
  /// When not empty, only these columns are read as numbers and every other column as text (text_columns is then
  /// not used); names not in the file are ignored. A program that knows which columns its model uses reads the
  /// rest as labels without declaring them.
  std::vector<std::string> numeric_columns{};

  /// Decimal mark of numeric cells: '.', ',' (European spreadsheets: "7,5"; needs a delimiter other than ','), or
  /// '\0' to detect: ',' when the delimiter is ';' or tab and the first 64 KiB hold numbers written with a decimal
  /// comma ("7,5") but none with a decimal point; '.' otherwise. data_table::decimal says which was used.
  char decimal = '.';

  /// Whether column `name` is read as text under these options.
  bool is_text(const std::string& name) const {
    if (!numeric_columns.empty())
      return std::find(numeric_columns.begin(), numeric_columns.end(), name) == numeric_columns.end();
    return std::find(text_columns.begin(), text_columns.end(), name) != text_columns.end();
  }
};

/// A survey data set: numeric columns (NaN = missing) and optional text columns.
template <class Scalar = double>
struct data_table {
  std::string source;                       ///< file name or "<stream>"
  std::vector<std::string> names;           ///< numeric column names, in file order
  Eigen::MatrixX<Scalar> values;            ///< rows x names.size(); NaN marks a missing cell
  std::vector<Eigen::Index> missing;        ///< missing cells per numeric column
  std::vector<std::size_t> lines;           ///< 1-based source line where each data row starts
  std::vector<std::string> text_names;      ///< text column names
  std::vector<std::vector<std::string>> text;  ///< text[k][row] for text column k
  std::size_t blank_lines_skipped = 0;      ///< empty lines between rows (not data, but counted)
  char decimal = '.';                       ///< the decimal mark the numbers were read with

  Eigen::Index rows() const { return values.rows(); }
  Eigen::Index cols() const { return values.cols(); }

  /// Whether a numeric column of that name exists.
  bool has(const std::string& name) const { return std::find(names.begin(), names.end(), name) != names.end(); }

  /// Index of a numeric column; csat::invalid_argument naming the column and the source if absent.
  Eigen::Index index_of(const std::string& name) const {
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) {
      const bool is_text = std::find(text_names.begin(), text_names.end(), name) != text_names.end();
      detail::throw_invalid_argument("csat::survey::data_table", "column " + detail::quoted(name) +
                                     (is_text ? " is a text column" : " is not in " + source));
    }
    return static_cast<Eigen::Index>(it - names.begin());
  }

  /// The numeric columns `cols`, in that order.
  Eigen::MatrixX<Scalar> select(const std::vector<std::string>& cols) const {
    Eigen::MatrixX<Scalar> out(values.rows(), static_cast<Eigen::Index>(cols.size()));
    for (std::size_t j = 0; j < cols.size(); ++j) out.col(static_cast<Eigen::Index>(j)) = values.col(index_of(cols[j]));
    return out;
  }

  /// A text column by name; csat::invalid_argument if absent.
  const std::vector<std::string>& text_column(const std::string& name) const {
    const auto it = std::find(text_names.begin(), text_names.end(), name);
    if (it == text_names.end())
      detail::throw_invalid_argument("csat::survey::data_table",
                                     "text column " + detail::quoted(name) + " is not in " + source);
    return text[static_cast<std::size_t>(it - text_names.begin())];
  }
};

/// One CSV record: its fields, and the 1-based line and column where each field starts.
struct csv_record {
  std::vector<std::string> fields;
  std::vector<std::size_t> lines;
  std::vector<std::size_t> columns;
  std::vector<bool> quoted;  ///< whether each field was quoted
  std::size_t line = 0;      ///< line where the record starts
};

/// An RFC 4180 record reader over a text buffer. Reused by every csat reader of delimited text.
class csv_reader {
public:
  /// \param text   the whole input (a leading UTF-8 BOM is skipped)
  /// \param source name used in error messages
  /// \param delimiter ',', ';', '\t', or '\0' to detect from the first line
  csv_reader(std::string text, std::string source, char delimiter = '\0')
      : m_text(std::move(text)), m_source(std::move(source)) {
    if (m_text.size() >= 3 && static_cast<unsigned char>(m_text[0]) == 0xEF &&
        static_cast<unsigned char>(m_text[1]) == 0xBB && static_cast<unsigned char>(m_text[2]) == 0xBF)
      m_pos = 3;
    if (delimiter != '\0' && delimiter != ',' && delimiter != ';' && delimiter != '\t')
      detail::throw_invalid_argument("csat::survey::csv_reader",
                                     "delimiter must be ',', ';' or tab, not " + detail::quoted(std::string(1, delimiter)));
    m_delim = delimiter ? delimiter : detect();
  }

  char delimiter() const { return m_delim; }
  const std::string& source() const { return m_source; }
  const std::string& text() const { return m_text; }
  /// Empty lines skipped so far.
  std::size_t blank_lines() const { return m_blank; }

  /// Reads the next non-empty record into `r`; false at the end of input.
  bool next(csv_record& r) {
    // skip empty lines
    for (;;) {
      if (m_pos >= m_text.size()) return false;
      if (m_text[m_pos] == '\n') { ++m_pos; ++m_line; m_col = 1; ++m_blank; continue; }
      if (m_text[m_pos] == '\r' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '\n') {
        m_pos += 2; ++m_line; m_col = 1; ++m_blank; continue;
      }
      break;
    }
    std::size_t n = 0;
    r.line = m_line;
    for (;;) {
      if (r.fields.size() <= n) {
        r.fields.emplace_back(); r.lines.push_back(0); r.columns.push_back(0); r.quoted.push_back(false);
      }
      std::string& f = r.fields[n];
      f.clear();
      r.lines[n] = m_line;
      r.columns[n] = m_col;
      r.quoted[n] = false;
      // leading spaces before a quote are allowed
      std::size_t p = m_pos;
      while (p < m_text.size() && m_text[p] == ' ') ++p;
      if (p < m_text.size() && m_text[p] == '"') {
        r.quoted[n] = true;
        const std::size_t qline = m_line, qcol = m_col + (p - m_pos);
        advance_to(p + 1);
        for (;;) {
          if (m_pos >= m_text.size())
            throw parse_error(m_source, qline, qcol, "\"", "quoted field is not closed before the end of the input");
          const char c = m_text[m_pos];
          if (c == '"') {
            if (m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '"') { f += '"'; advance_to(m_pos + 2); continue; }
            advance_to(m_pos + 1);
            break;
          }
          if (c == '\n') { f += c; ++m_pos; ++m_line; m_col = 1; continue; }
          f += c;
          advance_to(m_pos + 1);
        }
        while (m_pos < m_text.size() && m_text[m_pos] == ' ') advance_to(m_pos + 1);
        if (m_pos < m_text.size() && m_text[m_pos] != m_delim && m_text[m_pos] != '\n' &&
            !(m_text[m_pos] == '\r' && (m_pos + 1 == m_text.size() || m_text[m_pos + 1] == '\n'))) {
          std::size_t e = m_pos;
          while (e < m_text.size() && m_text[e] != m_delim && m_text[e] != '\n' && m_text[e] != '\r') ++e;
          throw parse_error(m_source, m_line, m_col, m_text.substr(m_pos, e - m_pos),
                            "unexpected text after a closing quote: " +
                                detail::quoted(m_text.substr(m_pos, e - m_pos)));
        }
      } else {
        std::size_t e = m_pos;
        while (e < m_text.size() && m_text[e] != m_delim && m_text[e] != '\n') ++e;
        std::size_t end = e;
        if (end > m_pos && m_text[end - 1] == '\r' && (end == m_text.size() || m_text[end] == '\n')) --end;
        f.assign(m_text, m_pos, end - m_pos);
        advance_to(e);
      }
      ++n;
      if (m_pos >= m_text.size()) break;
      if (m_text[m_pos] == m_delim) { advance_to(m_pos + 1); continue; }
      if (m_text[m_pos] == '\r') ++m_pos;
      // newline (or the end of the input after a final CR)
      if (m_pos < m_text.size()) ++m_pos;
      ++m_line; m_col = 1;
      break;
    }
    r.fields.resize(n); r.lines.resize(n); r.columns.resize(n); r.quoted.resize(n);
    return true;
  }

  /// An upper bound of the records left (line breaks + 1).
  std::size_t max_records_left() const {
    return static_cast<std::size_t>(std::count(m_text.begin() + static_cast<std::ptrdiff_t>(m_pos), m_text.end(), '\n')) + 1;
  }

  /// The number of records left as next() will find them for well-formed input: lines with content, where
  /// line breaks inside quotes do not end a record. Used to size buffers once (no copy when shrinking).
  std::size_t records_left() const {
    std::size_t n = 0;
    bool in_quotes = false, content = false;
    for (std::size_t p = m_pos; p < m_text.size(); ++p) {
      const char c = m_text[p];
      if (c == '"') { in_quotes = !in_quotes; content = true; }
      else if (c == '\n' && !in_quotes) { n += content; content = false; }
      else if (c != '\r') content = true;
    }
    return n + content;
  }

private:
  // Moves to byte position q on the current line, counting UTF-8 code points as columns.
  void advance_to(std::size_t q) {
    for (; m_pos < q; ++m_pos)
      if ((static_cast<unsigned char>(m_text[m_pos]) & 0xC0) != 0x80) ++m_col;
  }

  char detect() const {
    std::size_t counts[3] = {0, 0, 0};
    const char cands[3] = {',', ';', '\t'};
    bool in_quotes = false;
    for (std::size_t p = m_pos; p < m_text.size(); ++p) {
      const char c = m_text[p];
      if (c == '"') in_quotes = !in_quotes;
      else if (!in_quotes && c == '\n') break;
      else if (!in_quotes)
        for (int k = 0; k < 3; ++k) counts[k] += c == cands[k];
    }
    int best = 0;
    for (int k = 1; k < 3; ++k)
      if (counts[k] > counts[best]) best = k;
    return cands[best];
  }

  std::string m_text;
  std::string m_source;
  std::size_t m_pos = 0;
  std::size_t m_line = 1;
  std::size_t m_col = 1;
  std::size_t m_blank = 0;
  char m_delim = ',';
};

}  // namespace survey

namespace detail {

inline std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return std::string();
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

/// Parses a finite decimal number (locale-independent). Returns false if `s` is not one;
/// sets `overflow` if it is a number too large for a double.
inline bool parse_double(const char* b, const char* e, double& out, bool& overflow) {
  overflow = false;
  while (b < e && (*b == ' ' || *b == '\t')) ++b;
  while (e > b && (e[-1] == ' ' || e[-1] == '\t')) --e;
  if (b < e && *b == '+') ++b;
  if (b == e) return false;
  const char c0 = (*b == '-' && e - b > 1) ? b[1] : *b;
  if (!(c0 >= '0' && c0 <= '9') && c0 != '.') return false;  // rejects inf, nan, hex words
  const auto res = std::from_chars(b, e, out, std::chars_format::general);
  if (res.ec == std::errc::result_out_of_range && res.ptr == e) {
    // from_chars reports both overflow and underflow this way. Tell them apart from the decimal exponent of the
    // text (locale-independently): above the double range is an error, below it the value is 0.
    const char* q = b;
    const bool negative = *q == '-';
    if (*q == '-' || *q == '+') ++q;
    long int_digits = 0, frac_zeros = 0, exponent = 0;
    bool nonzero = false;
    for (; q < e && *q >= '0' && *q <= '9'; ++q)
      if (*q != '0' || nonzero) { nonzero = true; ++int_digits; }
    if (q < e && *q == '.') {
      ++q;
      if (!nonzero)
        for (; q < e && *q == '0'; ++q) ++frac_zeros;
      while (q < e && *q >= '0' && *q <= '9') ++q;
    }
    if (q < e && (*q == 'e' || *q == 'E')) {
      ++q;
      const bool neg_exp = q < e && *q == '-';
      if (q < e && (*q == '-' || *q == '+')) ++q;
      for (; q < e && *q >= '0' && *q <= '9'; ++q)
        if (exponent < 100000000) exponent = exponent * 10 + (*q - '0');
      if (neg_exp) exponent = -exponent;
    }
    const long decimal_exponent = nonzero ? exponent + int_digits : exponent - frac_zeros;
    if (decimal_exponent > 0) { overflow = true; return false; }
    out = negative ? -0.0 : 0.0;
    return true;
  }
  return res.ec == std::errc() && res.ptr == e && std::isfinite(out);
}

inline std::string ordinal(std::size_t k) {
  const char* suf = "th";
  if (k % 100 < 11 || k % 100 > 13) {
    if (k % 10 == 1) suf = "st";
    else if (k % 10 == 2) suf = "nd";
    else if (k % 10 == 3) suf = "rd";
  }
  return std::to_string(k) + suf;
}

inline std::string read_file_text(const std::string& path, const char* function) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    detail::throw_invalid_argument(function, "cannot read " + detail::quoted(path) + ": it is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) detail::throw_invalid_argument(function, "cannot open " + detail::quoted(path));
  // Size the buffer once (no geometric growth, so the peak memory is the file size).
  std::string text;
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size > 0) {
    text.resize(static_cast<std::size_t>(size));
    in.seekg(0, std::ios::beg);
    in.read(&text[0], size);
    text.resize(static_cast<std::size_t>(in.gcount()));
  } else {  // not seekable: read as a stream
    in.clear();
    in.seekg(0, std::ios::beg);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (in.bad()) detail::throw_invalid_argument(function, "cannot read " + detail::quoted(path));
  return text;
}

/// `s` without leading and trailing spaces and tabs, as a view.
/// The decimal mark of a ';'- or tab-delimited text, judged on its first 64 KiB: ',' when some number is written
/// with a decimal comma (digit ',' digit) and none with a decimal point (digit '.' digit), '.' otherwise.
inline char detect_decimal(const std::string& text) {
  const std::size_t n = std::min<std::size_t>(text.size(), 65536);
  bool comma = false;
  for (std::size_t i = 1; i + 1 < n; ++i) {
    const char c = text[i];
    if (c != ',' && c != '.') continue;
    if (text[i - 1] < '0' || text[i - 1] > '9' || text[i + 1] < '0' || text[i + 1] > '9') continue;
    if (c == '.') return '.';
    comma = true;
  }
  return comma ? ',' : '.';
}

inline std::string_view trim_view(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return s.substr(b, e - b);
}

}  // namespace detail

namespace survey {

/// Reads CSV text into a data_table. `source` names the input in error messages.
template <class Scalar = double>
data_table<Scalar> read_csv_text(std::string text, const std::string& source, const csv_options& options = {}) {
  csv_reader reader(std::move(text), source, options.delimiter);
  data_table<Scalar> t;
  t.source = source;
  char decimal = options.decimal;
  if (decimal != '.' && decimal != ',' && decimal != '\0')
    detail::throw_invalid_argument("csat::survey::read_csv",
                                   "the decimal mark must be '.' or ',', not " + detail::quoted(std::string(1, decimal)));
  if (decimal == ',' && reader.delimiter() == ',')
    detail::throw_invalid_argument("csat::survey::read_csv",
                                   source + ": decimal commas need a delimiter other than ',' (the file uses ',')");
  if (decimal == '\0') decimal = reader.delimiter() == ',' ? '.' : detail::detect_decimal(reader.text());
  t.decimal = decimal;

  csv_record header;
  if (!reader.next(header)) throw parse_error(source, 1, 1, "", "the input is empty (no header line)");

  // header: names, text columns
  const std::size_t nf = header.fields.size();
  std::vector<int> kind(nf, 0);  // 0 numeric, 1 text
  std::vector<std::size_t> slot(nf, 0);
  std::unordered_map<std::string, std::size_t> seen;
  std::vector<std::string> header_names(nf);
  for (std::size_t k = 0; k < nf; ++k) {
    const std::string name = detail::trim(header.fields[k]);
    header_names[k] = name;
    if (name.empty())
      throw parse_error(source, header.lines[k], header.columns[k], "",
                        "the " + detail::ordinal(k + 1) + " column name is empty");
    const auto ins = seen.emplace(name, k);
    if (!ins.second)
      throw parse_error(source, header.lines[k], header.columns[k], name,
                        "duplicate column name " + detail::quoted(name) + " (also the " +
                            detail::ordinal(ins.first->second + 1) + " column)");
    const bool is_text = options.is_text(name);
    kind[k] = is_text ? 1 : 0;
    if (is_text) { slot[k] = t.text_names.size(); t.text_names.push_back(name); }
    else { slot[k] = t.names.size(); t.names.push_back(name); }
  }
  if (options.numeric_columns.empty())
    for (const auto& tc : options.text_columns)
      if (!seen.count(tc))
        detail::throw_invalid_argument("csat::survey::read_csv",
                                       "text column " + detail::quoted(tc) + " is not in " + source);
  t.text.resize(t.text_names.size());

  const auto ncol = static_cast<Eigen::Index>(t.names.size());
  Eigen::Index cap = static_cast<Eigen::Index>(reader.records_left());
  t.lines.reserve(static_cast<std::size_t>(cap));
  for (auto& col : t.text) col.reserve(static_cast<std::size_t>(cap));
  t.values.resize(cap, ncol);
  t.missing.assign(t.names.size(), 0);
  const auto nan = std::numeric_limits<Scalar>::quiet_NaN();

  // Missing-value tokens: numeric codes ("-99", "999") match by value after parsing, the others by text.
  std::vector<std::string_view> tokens;
  std::vector<double> codes;
  for (const auto& tok : options.missing_tokens) {
    double probe = 0;
    bool of = false;
    if (detail::parse_double(tok.data(), tok.data() + tok.size(), probe, of)) codes.push_back(probe);
    else tokens.push_back(detail::trim_view(tok));
  }
  auto is_missing = [&](const std::string& s) {
    const std::string_view v = detail::trim_view(s);
    for (const auto& tok : tokens)
      if (v == tok) return true;
    return false;
  };
  auto is_code = [&](double v) {
    for (double c : codes)
      if (v == c) return true;
    return false;
  };
  std::string comma_buffer;
  auto parse_number = [&](const std::string& f, double& v, bool& overflow) {
    if (decimal == '.' || f.find(',') == std::string::npos) return detail::parse_double(f.data(), f.data() + f.size(), v, overflow);
    if (f.find('.') != std::string::npos) { overflow = false; return false; }  // "1.234,5": no thousands separators
    comma_buffer = f;
    std::replace(comma_buffer.begin(), comma_buffer.end(), ',', '.');
    return detail::parse_double(comma_buffer.data(), comma_buffer.data() + comma_buffer.size(), v, overflow);
  };

  csv_record r;
  Eigen::Index row = 0;
  while (reader.next(r)) {
    if (r.fields.size() > nf) {
      const std::string extra = r.fields[nf];
      throw parse_error(source, r.lines[nf], r.columns[nf], extra,
                        "this row has " + std::to_string(r.fields.size()) + (r.fields.size() == 1 ? " field" : " fields") + ", but the header has " +
                            std::to_string(nf) + ": extra field " + detail::quoted(extra) + " after the last column " +
                            detail::quoted(header_names[nf - 1]));
    }
    if (r.fields.size() < nf) {
      const std::size_t k = r.fields.size() - 1;  // the last field present
      const std::string last = r.fields[k];
      throw parse_error(source, r.lines[k], r.columns[k], last,
                        "this row has " + std::to_string(r.fields.size()) + (r.fields.size() == 1 ? " field" : " fields") + ", but the header has " +
                            std::to_string(nf) + ": it ends with " + detail::quoted(last) + " in column " +
                            detail::quoted(header_names[k]) + ", so column " +
                            detail::quoted(header_names[k + 1]) + (k + 2 < nf ? " and later ones are" : " is") +
                            " missing");
    }
    if (row == cap) {  // records_left() miscounted (stray quotes): grow geometrically
      cap = cap * 2 + 1;
      t.values.conservativeResize(cap, ncol);
    }
    for (std::size_t k = 0; k < nf; ++k) {
      const std::string& f = r.fields[k];
      if (kind[k] == 1) { t.text[slot[k]].push_back(detail::trim(f)); continue; }
      const auto j = static_cast<Eigen::Index>(slot[k]);
      double v = 0;
      bool overflow = false;
      if (parse_number(f, v, overflow)) {
        if (!codes.empty() && is_code(v)) {
          t.values(row, j) = nan;
          ++t.missing[slot[k]];
        } else {
          t.values(row, j) = static_cast<Scalar>(v);
        }
      } else if (is_missing(f)) {
        t.values(row, j) = nan;
        ++t.missing[slot[k]];
      } else {
        std::string hint = overflow ? " overflows a double" : " is not a number or a missing-value token";
        if (!overflow && decimal == '.' && reader.delimiter() != ',' && f.find(',') != std::string::npos &&
            f.find('.') == std::string::npos)
          hint += " (a decimal comma? the numbers are read with '.'; give the decimal mark ',')";
        else if (!overflow && decimal == ',' && f.find('.') != std::string::npos)
          hint += " (the numbers are read with decimal commas, and a '.' is not accepted in them)";
        throw parse_error(source, r.lines[k], r.columns[k], f,
                          "column " + detail::quoted(t.names[slot[k]]) + ": " + detail::quoted(f) + hint);
      }
    }
    t.lines.push_back(r.line);
    ++row;
  }
  if (row == 0) throw parse_error(source, header.line, 1, "", "the input has a header line but no data rows");
  if (row != t.values.rows()) t.values.conservativeResize(row, ncol);
  t.blank_lines_skipped = reader.blank_lines();
  return t;
}

/// Reads a CSV stream; `source` names it in error messages.
template <class Scalar = double>
data_table<Scalar> read_csv(std::istream& in, const std::string& source = "<stream>", const csv_options& options = {}) {
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return read_csv_text<Scalar>(std::move(text), source, options);
}

/// Reads a CSV file; errors name the file as given.
template <class Scalar = double>
data_table<Scalar> read_csv(const std::string& path, const csv_options& options = {}) {
  return read_csv_text<Scalar>(detail::read_file_text(path, "csat::survey::read_csv"), path, options);
}

/// How to write a data_table as CSV.
struct csv_write_options {
  char delimiter = ',';
  /// Text written for a missing (NaN) numeric cell.
  std::string missing = "";
  /// Column order (numeric and text names); empty = text columns first, then numeric columns.
  std::vector<std::string> columns{};
  /// Line end ("\n" or "\r\n").
  std::string line_end = "\n";
};

namespace csv_detail {
inline void write_csv_field(std::ostream& os, const std::string& f, char delim) {
  const bool quote = f.find_first_of(std::string("\"\r\n") + delim) != std::string::npos ||
                     (!f.empty() && (f.front() == ' ' || f.back() == ' ' || f.front() == '\t' || f.back() == '\t'));
  if (!quote) { os << f; return; }
  os << '"';
  for (char c : f) {
    if (c == '"') os << '"';
    os << c;
  }
  os << '"';
}
}  // namespace csv_detail

/// Writes a table as RFC 4180 CSV: a header line, then one line per row. Numbers are written with the fewest
/// digits that read back to the same double (integers without a decimal point); NaN as options.missing.
template <class Scalar>
void write_csv(const data_table<Scalar>& table, std::ostream& os, const csv_write_options& options = {}) {
  const char* function = "csat::survey::write_csv";
  struct col { bool text; std::size_t index; std::string name; };
  std::vector<col> cols;
  if (options.columns.empty()) {
    for (std::size_t k = 0; k < table.text_names.size(); ++k) cols.push_back({true, k, table.text_names[k]});
    for (std::size_t k = 0; k < table.names.size(); ++k) cols.push_back({false, k, table.names[k]});
  } else {
    for (const auto& name : options.columns) {
      const auto t = std::find(table.text_names.begin(), table.text_names.end(), name);
      if (t != table.text_names.end()) {
        cols.push_back({true, static_cast<std::size_t>(t - table.text_names.begin()), name});
        continue;
      }
      cols.push_back({false, static_cast<std::size_t>(table.index_of(name)), name});
    }
  }
  if (cols.empty()) detail::throw_invalid_argument(function, "the table has no columns to write");
  for (std::size_t c = 0; c < cols.size(); ++c) {
    if (c) os << options.delimiter;
    csv_detail::write_csv_field(os, cols[c].name, options.delimiter);
  }
  os << options.line_end;
  for (Eigen::Index i = 0; i < table.rows(); ++i) {
    for (std::size_t c = 0; c < cols.size(); ++c) {
      if (c) os << options.delimiter;
      if (cols[c].text) {
        csv_detail::write_csv_field(os, table.text[cols[c].index][static_cast<std::size_t>(i)], options.delimiter);
      } else {
        const double v = static_cast<double>(table.values(i, static_cast<Eigen::Index>(cols[c].index)));
        if (std::isnan(v)) csv_detail::write_csv_field(os, options.missing, options.delimiter);
        else os << detail::format_value(v);
      }
    }
    os << options.line_end;
  }
  if (!os) detail::throw_invalid_argument(function, "writing failed");
}

/// Writes a table to a file; csat::invalid_argument naming the path if it cannot be written.
template <class Scalar>
void write_csv(const data_table<Scalar>& table, const std::string& path, const csv_write_options& options = {}) {
  std::ofstream out(path, std::ios::binary);
  if (!out) detail::throw_invalid_argument("csat::survey::write_csv", "cannot write " + detail::quoted(path));
  write_csv(table, out, options);
  out.close();
  if (!out) detail::throw_invalid_argument("csat::survey::write_csv", "cannot write " + detail::quoted(path));
}

}  // namespace survey
}  // namespace csat

#endif
