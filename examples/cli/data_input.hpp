// Reading survey data for every command: the format from the file's name and first bytes (CSV in any encoding,
// .xlsx, SPSS, Stata), missing-value codes added to the empty-cell token, decimal commas, and a record of what
// was read and assumed (data_read_info) that the commands print.
#pragma once

#include "cli.hpp"
#include "formats.hpp"

#include <CLI/CLI.hpp>
#include <csat/survey/csv.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iterator>
#include <limits>
#include <fstream>
#include <string>
#include <vector>

namespace csat_cli {

/// The data-reading options shared by the commands that read survey data.
struct data_args {
  std::vector<std::string> missing_codes;  ///< --missing-codes: added to the default missing tokens
  std::string encoding = "auto";           ///< --encoding: auto or an iconv name (GB18030, UTF-16, CP1252, ...)
  std::string decimal = "auto";            ///< --decimal: auto, "." or ","
  std::string sheet;                       ///< --sheet: the .xlsx sheet (default: the first)
};

/// Adds --missing-codes, --encoding, --decimal and --sheet to a subcommand.
inline void add_data_options(CLI::App* sub, data_args& a) {
  sub->add_option("--missing-codes", a.missing_codes,
                  "values that mean \"no answer\", added to the empty cell, NA, N/A, NaN and . "
                  "(comma-separated: 99,-99,9 or \"\" for the empty cell); numbers match any spelling (99, 99.0)")
      ->delimiter(',')
      ->type_name("LIST");
  sub->add_option("--encoding", a.encoding,
                  "text encoding of a CSV file: auto (UTF-8 when valid, UTF-16 by its byte-order mark, else "
                  "GB18030, which covers GBK and GB2312) or a name such as GB18030, UTF-16LE, CP1252")
      ->type_name("NAME");
  sub->add_option("--decimal", a.decimal,
                  "decimal mark of a CSV file: auto (a comma when the file is ;-delimited and its numbers use "
                  "commas), '.' or ','")
      ->check(CLI::IsMember({"auto", ".", ","}));
  sub->add_option("--sheet", a.sheet, "the sheet of an .xlsx workbook (default: the first)")->type_name("NAME");
}

namespace detail {

inline std::string lower_extension(const std::string& path) {
  const auto slash = path.find_last_of("/\\");
  const auto dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  std::string e = path.substr(dot + 1);
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return e;
}

/// Whether an encoding name is one of the wide encodings (UTF-16, UTF-32, UCS-2/4), whose text holds NUL bytes.
inline bool wide_encoding(std::string e) {
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  for (const char* w : {"utf-16", "utf16", "utf-32", "utf32", "ucs-2", "ucs2", "ucs-4", "ucs4"})
    if (e.rfind(w, 0) == 0) return true;
  return false;
}

/// What a binary file looks like from its first bytes, or "" for text.
inline std::string binary_kind(const std::string& head) {
  const auto starts = [&](const char* m, std::size_t n) { return head.size() >= n && head.compare(0, n, m, n) == 0; };
  if (starts("PK\x03\x04", 4)) return "a zip archive (an Excel .xlsx workbook? name it .xlsx)";
  if (starts("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
    return "an old binary Excel .xls workbook (open it in Excel or LibreOffice and save it as .xlsx or CSV)";
  if (starts("$FL2", 4) || starts("$FL3", 4)) return "an SPSS .sav file (name it .sav)";
  if (starts("%PDF", 4)) return "a PDF document";
  if (starts("\x1F\x8B", 2)) return "a gzip-compressed file (decompress it first)";
  const bool utf16 = starts("\xFF\xFE", 2) || starts("\xFE\xFF", 2);
  if (!utf16 && head.find('\0') != std::string::npos) {
    std::size_t odd = 0, even = 0;  // NULs of UTF-16 text sit on one side of each ASCII character
    for (std::size_t i = 0; i < head.size(); ++i)
      if (head[i] == '\0') ++(i % 2 ? odd : even);
    const std::size_t half = head.size() / 2;
    if (half > 0 && (odd == 0 || even == 0) && odd + even >= half / 2)
      return std::string("UTF-16 text without a byte-order mark (give --encoding ") + (even == 0 ? "UTF-16LE" : "UTF-16BE") + ")";
    return "a binary file (a NUL byte at offset " + std::to_string(head.find('\0')) + ")";
  }
  return "";
}

/// Typical "no answer" codes of questionnaires.
inline constexpr double typical_codes[] = {9, 99, 999, 9999, 98, 998, -1, -9, -99, -999, -9999};

/// Whether `code` lies far outside the answers [lo, hi]: at least 2, and at least a quarter of their range, beyond.
inline bool far_outside(double code, double lo, double hi) {
  const double gap = code > hi ? code - hi : code < lo ? lo - code : 0.0;
  return lo <= hi && gap >= 2 && gap >= 0.25 * (hi - lo);
}

}  // namespace detail

/// Reads a survey data file with the shared options; `o` carries the command's text columns (and a command's
/// own missing tokens, to which --missing-codes are added). info says what was read and assumed.
inline csat::survey::data_table<double> read_data(const std::string& path, const data_args& a,
                                                  csat::survey::csv_options o, data_read_info& info) {
  for (const auto& c : a.missing_codes)
    if (std::find(o.missing_tokens.begin(), o.missing_tokens.end(), c) == o.missing_tokens.end())
      o.missing_tokens.push_back(c);
  if (!a.missing_codes.empty()) {
    std::string list;
    for (const auto& c : a.missing_codes) list += (list.empty() ? "" : ", ") + (c.empty() ? "\"\"" : c);
    info.notes.push_back("missing-value codes: " + list + " (besides empty cells, NA, N/A, NaN and .)");
  }
  const std::string ext = detail::lower_extension(path);
  if (ext == "xlsx" || ext == "xlsm") {
    info.format = "xlsx";
    return read_xlsx(path, a.sheet, o, info);
  }
  if (ext == "xls")
    throw input_error(path + ": an old binary Excel .xls workbook is not read; open it in Excel or LibreOffice "
                             "and save it as .xlsx or CSV (UTF-8)");
  if (ext == "sav" || ext == "zsav" || ext == "por" || ext == "dta") {
    info.format = ext;
    return read_stat_file(path, o, info);
  }
  if (!a.sheet.empty()) throw usage_error("--sheet applies to .xlsx workbooks, not to " + path);
  std::string bytes = csat::detail::read_file_text(path, "csat");
  const std::string kind = detail::wide_encoding(a.encoding) ? "" : detail::binary_kind(bytes.substr(0, 4096));
  if (!kind.empty()) throw input_error(path + ": not a CSV text file: it looks like " + kind);
  info.format = "csv";
  std::string text = to_utf8(std::move(bytes), a.encoding, path, info);
  o.decimal = a.decimal == "," ? ',' : a.decimal == "." ? '.' : '\0';
  auto t = csat::survey::read_csv_text<double>(std::move(text), path, o);
  if (t.decimal == ',') info.notes.push_back("decimal commas (7,5 read as 7.5)");
  return t;
}

/// Warnings for numeric columns (all, or those in `columns`) holding a typical "no answer" code (9, 99, 999, 9999,
/// 98, 998, -1, -9, -99, -999, -9999) far outside their other answers (those that are not such codes): at least 2,
/// and at least a quarter of their range, beyond the nearest of them. One line per column and code, naming both,
/// the count and the option that declares it. Codes already declared are missing cells and not seen here. One
/// pass over each column.
inline std::vector<std::string> suspect_missing_codes(const csat::survey::data_table<double>& t,
                                                      const std::vector<std::string>& columns = {}) {
  const auto& codes = detail::typical_codes;
  constexpr std::size_t n_codes = std::size(detail::typical_codes);
  std::vector<std::string> out;
  for (Eigen::Index c = 0; c < t.cols(); ++c) {
    const std::string& name = t.names[static_cast<std::size_t>(c)];
    if (!columns.empty() && std::find(columns.begin(), columns.end(), name) == columns.end()) continue;
    const auto col = t.values.col(c);
    Eigen::Index count[n_codes] = {};
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (Eigen::Index i = 0; i < col.size(); ++i) {
      const double v = col(i);
      if (std::isnan(v)) continue;
      bool code = false;
      if ((v >= 9 || v <= -1) && v == std::floor(v))
        for (std::size_t k = 0; k < n_codes; ++k)
          if (v == codes[k]) { ++count[k]; code = true; break; }
      if (code) continue;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
    if (!(lo <= hi)) continue;
    for (std::size_t k = 0; k < n_codes; ++k) {
      if (count[k] == 0) continue;
      const double code = codes[k];
      if (!detail::far_outside(code, lo, hi)) continue;
      const std::string v = csat::detail::format_value(code);
      out.push_back("column \"" + name + "\" holds " + v + " in " + std::to_string(count[k]) +
                    (count[k] == 1 ? " row" : " rows") + ", far outside its other answers (" +
                    csat::detail::format_value(lo) + " to " + csat::detail::format_value(hi) +
                    "): a code for \"no answer\"? Declare it with --missing-codes " + v +
                    " (study file: [data] missing_codes = [\"" + v + "\"]), or it counts as an answer");
    }
  }
  return out;
}

/// A warning when a scale is given and every item's answers span less than half of it (1-5 answers on a declared
/// 1-10 scale index a top answer of 5 as 44): "" when the scale fits.
inline std::string scale_coverage_warning(const csat::survey::data_table<double>& t, const std::vector<std::string>& items,
                                          double lo, double hi, const std::string& how_to) {
  double all_lo = std::numeric_limits<double>::infinity(), all_hi = -all_lo;
  bool any = false;
  for (const auto& name : items) {
    if (!t.has(name)) continue;
    const auto col = t.values.col(t.index_of(name));
    double a = std::numeric_limits<double>::infinity(), b = -a;
    for (Eigen::Index i = 0; i < col.size(); ++i)
      if (!std::isnan(col(i))) { a = std::min(a, col(i)); b = std::max(b, col(i)); }
    if (!(a <= b)) continue;
    if (b - a >= 0.5 * (hi - lo)) return "";
    all_lo = std::min(all_lo, a);
    all_hi = std::max(all_hi, b);
    any = true;
  }
  if (!any) return "";
  return "every item's answers span less than half of the scale [" + csat::detail::format_value(lo) + ", " +
         csat::detail::format_value(hi) + "] (all answers lie in [" + csat::detail::format_value(all_lo) + ", " +
         csat::detail::format_value(all_hi) + "]): is the questionnaire's scale another? " + how_to;
}

/// The scale told by value labels (SPSS, Stata): when every one of `items` has at least two labeled values, the
/// lowest and highest of them (labels of typical "no answer" codes far outside the others left out); else NaNs.
inline std::pair<double, double> labeled_scale(const data_read_info& info, const std::vector<std::string>& items) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (items.empty()) return {nan, nan};
  const auto& codes = detail::typical_codes;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const auto& item : items) {
    const auto it = info.value_labels.find(item);
    if (it == info.value_labels.end()) return {nan, nan};
    std::vector<double> v;
    for (const auto& l : it->second) v.push_back(l.first);
    const auto is_code = [&](double x) {
      if (std::find(std::begin(codes), std::end(codes), x) == std::end(codes)) return false;
      double a = std::numeric_limits<double>::infinity(), b = -a;
      for (double y : v)
        if (y != x) { a = std::min(a, y); b = std::max(b, y); }
      return detail::far_outside(x, a, b);
    };
    std::vector<double> kept;
    for (double x : v)
      if (!is_code(x)) kept.push_back(x);
    if (kept.size() < 2) return {nan, nan};
    lo = std::min(lo, *std::min_element(kept.begin(), kept.end()));
    hi = std::max(hi, *std::max_element(kept.begin(), kept.end()));
  }
  return {lo, hi};
}

/// The column names of a data file (CSV in any encoding, .xlsx, SPSS, Stata), without reading its numbers.
inline std::vector<std::string> data_header(const std::string& path, const data_args& a) {
  csat::survey::csv_options o;
  o.numeric_columns = {std::string(1, '\0')};  // every column read as text
  data_read_info info;
  const std::string ext = detail::lower_extension(path);
  if (ext == "xlsx" || ext == "xlsm" || ext == "sav" || ext == "zsav" || ext == "por" || ext == "dta") {
    const auto t = read_data(path, a, o, info);
    std::vector<std::string> h = t.names;
    h.insert(h.end(), t.text_names.begin(), t.text_names.end());
    return h;
  }
  // the first line only (a line feed byte ends a line in UTF-8, GB18030 and the single-byte encodings alike;
  // UTF-16 is read whole)
  std::ifstream in(path, std::ios::binary);
  if (!in) throw input_error("cannot open data file " + path);
  std::string bytes(65536, '\0');
  in.read(&bytes[0], static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  const bool wide = detail::wide_encoding(a.encoding);
  const std::string kind = wide ? "" : detail::binary_kind(bytes.substr(0, 4096));
  if (!kind.empty()) throw input_error(path + ": not a CSV text file: it looks like " + kind);
  const bool utf16 = bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'));
  if (utf16 || wide) bytes = csat::detail::read_file_text(path, "csat");
  else if (const auto lf = bytes.find('\n'); lf != std::string::npos)
    bytes.resize(lf);
  else if (bytes.size() == 65536)
    bytes = csat::detail::read_file_text(path, "csat");  // a header longer than 64 KiB
  const std::string text = to_utf8(std::move(bytes), a.encoding, path, info);
  const auto eol = text.find('\n');
  std::string first = text.substr(0, eol);
  if (!first.empty() && first.back() == '\r') first.pop_back();
  csat::survey::csv_reader reader(std::move(first), path);
  csat::survey::csv_record rec;
  if (!reader.next(rec)) throw input_error("data file " + path + " is empty");
  for (auto& c : rec.fields) c = csat::detail::trim(c);
  return rec.fields;
}

/// One line for text output: "data: FILE (format, encoding; notes)".
inline std::string describe_read(const std::string& path, const data_read_info& info) {
  std::string s = path + " (" + info.format;
  if (info.format == "csv") s += ", " + info.encoding;
  if (!info.sheet.empty()) s += ", sheet " + info.sheet;
  s += ")";
  for (const auto& n : info.notes) s += "; " + n;
  return s;
}

/// JSON of what was read: {"file", "format", "encoding", "sheet", "decimal", "notes", "warnings"}.
inline nlohmann::json read_info_json(const std::string& path, const data_read_info& info,
                                     const std::vector<std::string>& warnings) {
  nlohmann::json j{{"file", path}, {"format", info.format}, {"notes", info.notes}, {"warnings", warnings}};
  j["encoding"] = info.format == "csv" ? nlohmann::json(info.encoding) : nlohmann::json(nullptr);
  j["sheet"] = info.sheet.empty() ? nlohmann::json(nullptr) : nlohmann::json(info.sheet);
  return j;
}

}  // namespace csat_cli
