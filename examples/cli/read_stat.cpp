// SPSS and Stata input (formats.hpp) through ReadStat.
#include "formats.hpp"

#include "cli.hpp"

#if defined(CSAT_CLI_HAVE_READSTAT)
#include <readstat.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#endif

namespace csat_cli {

#if !defined(CSAT_CLI_HAVE_READSTAT)
csat::survey::data_table<double> read_stat_file(const std::string& path, const csat::survey::csv_options&,
                                                data_read_info&) {
  throw input_error(path + ": this csat was built without SPSS/Stata input (it needs libreadstat-dev); "
                    "export the data as CSV (UTF-8) or rebuild after scripts/deps.sh");
}
#else
namespace {

std::string text_of(const char* s) { return s ? std::string(s) : std::string(); }

// The number a numeric value holds (any storage type).
double number_of(readstat_value_t v) {
  switch (readstat_value_type(v)) {
    case READSTAT_TYPE_INT8: return readstat_int8_value(v);
    case READSTAT_TYPE_INT16: return readstat_int16_value(v);
    case READSTAT_TYPE_INT32: return readstat_int32_value(v);
    case READSTAT_TYPE_FLOAT: return static_cast<double>(readstat_float_value(v));
    case READSTAT_TYPE_DOUBLE: return readstat_double_value(v);
    default: return std::numeric_limits<double>::quiet_NaN();
  }
}

struct variable {
  std::string name, label, label_set;
  bool numeric = true;
  bool as_text = false;
  std::vector<std::pair<double, double>> user_missing;  // SPSS discrete values (lo == hi) and ranges
  std::size_t user_missing_cells = 0;
  std::map<char, std::size_t> tagged_cells;  // Stata .a-.z
  std::vector<double> values;
  std::vector<std::string> text;
};

struct reader_state {
  const csat::survey::csv_options* options = nullptr;
  std::vector<double> numeric_tokens;
  std::vector<variable> vars;
  std::map<std::string, std::vector<std::pair<double, std::string>>> label_sets;
  std::size_t rows = 0;
  std::size_t reserve = 0;
  std::string messages;  // from ReadStat's error handler
  std::exception_ptr error;
};

int on_metadata(readstat_metadata_t* metadata, void* ctx) {
  auto* s = static_cast<reader_state*>(ctx);
  const int n = readstat_get_row_count(metadata);
  // a hint only: a damaged header must not make us reserve much memory
  s->reserve = n > 0 ? std::min<std::size_t>(static_cast<std::size_t>(n), 1000000) : 0;
  return READSTAT_HANDLER_OK;
}

int on_variable(int index, readstat_variable_t* v, const char* val_labels, void* ctx) {
  auto* s = static_cast<reader_state*>(ctx);
  try {
    if (index < 0) return READSTAT_HANDLER_ABORT;
    const auto k = static_cast<std::size_t>(index);
    if (s->vars.size() <= k) s->vars.resize(k + 1);
    variable& var = s->vars[k];
    var.name = text_of(readstat_variable_get_name(v));
    var.label = text_of(readstat_variable_get_label(v));
    var.label_set = text_of(val_labels);
    var.numeric = readstat_variable_get_type_class(v) == READSTAT_TYPE_CLASS_NUMERIC;
    var.as_text = !var.numeric || s->options->is_text(var.name);
    if (var.numeric) {
      const int nr = readstat_variable_get_missing_ranges_count(v);
      for (int r = 0; r < nr; ++r)
        var.user_missing.emplace_back(number_of(readstat_variable_get_missing_range_lo(v, r)),
                                      number_of(readstat_variable_get_missing_range_hi(v, r)));
    }
    if (var.as_text) var.text.reserve(s->reserve);
    else var.values.reserve(s->reserve);
    return READSTAT_HANDLER_OK;
  } catch (...) {
    s->error = std::current_exception();
    return READSTAT_HANDLER_ABORT;
  }
}

int on_value(int obs_index, readstat_variable_t* v, readstat_value_t value, void* ctx) {
  auto* s = static_cast<reader_state*>(ctx);
  try {
    const int index = readstat_variable_get_index(v);
    if (index < 0 || static_cast<std::size_t>(index) >= s->vars.size() || obs_index < 0) return READSTAT_HANDLER_ABORT;
    variable& var = s->vars[static_cast<std::size_t>(index)];
    const auto row = static_cast<std::size_t>(obs_index);
    s->rows = std::max(s->rows, row + 1);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (!var.numeric) {
      if (var.text.size() <= row) var.text.resize(row + 1);
      var.text[row] = csat::detail::trim(text_of(readstat_string_value(value)));
      return READSTAT_HANDLER_OK;
    }
    double x = nan;
    if (readstat_value_is_system_missing(value)) {
    } else if (readstat_value_is_tagged_missing(value)) {
      ++var.tagged_cells[readstat_value_tag(value)];
    } else if (readstat_value_is_defined_missing(value, v)) {
      ++var.user_missing_cells;
    } else {
      x = number_of(value);
      if (std::find(s->numeric_tokens.begin(), s->numeric_tokens.end(), x) != s->numeric_tokens.end()) x = nan;
    }
    if (var.as_text) {
      if (var.text.size() <= row) var.text.resize(row + 1);
      var.text[row] = std::isnan(x) ? std::string() : csat::detail::format_value(x);
    } else {
      if (var.values.size() <= row) var.values.resize(row + 1, nan);
      var.values[row] = x;
    }
    return READSTAT_HANDLER_OK;
  } catch (...) {
    s->error = std::current_exception();
    return READSTAT_HANDLER_ABORT;
  }
}

int on_value_label(const char* val_labels, readstat_value_t value, const char* label, void* ctx) {
  auto* s = static_cast<reader_state*>(ctx);
  try {
    if (!val_labels || readstat_value_type_class(value) != READSTAT_TYPE_CLASS_NUMERIC ||
        readstat_value_is_system_missing(value) || readstat_value_is_tagged_missing(value))
      return READSTAT_HANDLER_OK;
    s->label_sets[val_labels].emplace_back(number_of(value), text_of(label));
    return READSTAT_HANDLER_OK;
  } catch (...) {
    s->error = std::current_exception();
    return READSTAT_HANDLER_ABORT;
  }
}

void on_error(const char* message, void* ctx) {
  auto* s = static_cast<reader_state*>(ctx);
  try {
    std::string m = csat::detail::trim(text_of(message));
    while (!m.empty() && (m.back() == '\n' || m.back() == '\r' || m.back() == '.')) m.pop_back();
    if (!m.empty() && s->messages.size() < 400) s->messages += (s->messages.empty() ? "" : "; ") + m;
  } catch (...) {
  }
}

struct readstat_parser_freer {
  void operator()(readstat_parser_t* p) const { readstat_parser_free(p); }
};

std::string lower_extension(const std::string& path) {
  const auto slash = path.find_last_of("/\\");
  const auto dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  std::string e = path.substr(dot + 1);
  for (auto& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return e;
}

std::string format_number_list(const std::vector<std::pair<double, double>>& ranges) {
  std::string out;
  for (const auto& r : ranges) {
    out += out.empty() ? "" : ", ";
    if (r.first == r.second) out += csat::detail::format_value(r.first);
    else {
      const bool low = std::isinf(r.first), high = std::isinf(r.second);
      if (low) out += "up to " + csat::detail::format_value(r.second);
      else if (high) out += csat::detail::format_value(r.first) + " and above";
      else out += csat::detail::format_value(r.first) + " to " + csat::detail::format_value(r.second);
    }
  }
  return out;
}

}  // namespace

csat::survey::data_table<double> read_stat_file(const std::string& path, const csat::survey::csv_options& options,
                                                data_read_info& info) {
  const std::string ext = lower_extension(path);
  const bool stata = ext == "dta";
  const bool por = ext == "por";
  const char* kind = stata ? "Stata" : "SPSS";

  reader_state s;
  s.options = &options;
  for (const auto& tok : options.missing_tokens) {
    double x = 0;
    bool overflow = false;
    if (csat::detail::parse_double(tok.data(), tok.data() + tok.size(), x, overflow)) s.numeric_tokens.push_back(x);
  }

  std::unique_ptr<readstat_parser_t, readstat_parser_freer> parser(readstat_parser_init());
  if (!parser) throw std::bad_alloc();
  readstat_set_metadata_handler(parser.get(), on_metadata);
  readstat_set_variable_handler(parser.get(), on_variable);
  readstat_set_value_handler(parser.get(), on_value);
  readstat_set_value_label_handler(parser.get(), on_value_label);
  readstat_set_error_handler(parser.get(), on_error);

  const readstat_error_t err = stata ? readstat_parse_dta(parser.get(), path.c_str(), &s)
                               : por ? readstat_parse_por(parser.get(), path.c_str(), &s)
                                     : readstat_parse_sav(parser.get(), path.c_str(), &s);
  if (s.error) std::rethrow_exception(s.error);
  if (err != READSTAT_OK) {
    std::string what = text_of(readstat_error_message(err));
    if (!s.messages.empty()) what += " (" + s.messages + ")";
    throw input_error(path + ": cannot read the " + kind + " file: " + printable(what, 400));
  }
  if (s.vars.empty()) throw input_error(path + ": the " + std::string(kind) + " file has no variables");
  if (s.rows == 0) throw input_error(path + ": the " + std::string(kind) + " file has no data rows");

  csat::survey::data_table<double> t;
  t.source = path;
  std::unordered_set<std::string> seen;
  for (const auto& var : s.vars) {
    if (var.name.empty()) throw input_error(path + ": a variable of the " + std::string(kind) + " file has no name");
    if (!seen.insert(var.name).second)
      throw input_error(path + ": the variable name " + csat::detail::quoted(printable(var.name)) +
                        " occurs twice");
  }
  if (options.numeric_columns.empty())
    for (const auto& tc : options.text_columns)
      if (!seen.count(tc))
        throw input_error(path + ": text column " + csat::detail::quoted(printable(tc)) + " is not in " + path);

  const auto nrow = static_cast<Eigen::Index>(s.rows);
  std::size_t nnum = 0;
  for (const auto& var : s.vars) nnum += var.as_text ? 0 : 1;
  t.values.resize(nrow, static_cast<Eigen::Index>(nnum));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (auto& var : s.vars) {
    if (!var.label.empty()) info.variable_labels[var.name] = var.label;
    if (!var.label_set.empty()) {
      const auto ls = s.label_sets.find(var.label_set);
      if (ls != s.label_sets.end() && !ls->second.empty()) {
        auto labels = ls->second;
        std::stable_sort(labels.begin(), labels.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        info.value_labels[var.name] = std::move(labels);
      }
    }
    if (var.user_missing_cells > 0)
      info.notes.push_back(var.name + ": user-missing " + format_number_list(var.user_missing) + " (" +
                           std::to_string(var.user_missing_cells) +
                           (var.user_missing_cells == 1 ? " cell)" : " cells)"));
    if (!var.tagged_cells.empty()) {
      std::string tags;
      std::size_t cells = 0;
      for (const auto& tc : var.tagged_cells) {
        tags += (tags.empty() ? "." : ", .") + printable(std::string(1, tc.first));
        cells += tc.second;
      }
      info.notes.push_back(var.name + ": " + (stata ? "Stata extended missing " : "tagged missing ") + tags + " (" +
                           std::to_string(cells) + (cells == 1 ? " cell)" : " cells)"));
    }
    if (var.as_text) {
      var.text.resize(s.rows);
      t.text_names.push_back(var.name);
      t.text.push_back(std::move(var.text));
    } else {
      var.values.resize(s.rows, nan);
      const auto j = static_cast<Eigen::Index>(t.names.size());
      t.names.push_back(var.name);
      for (Eigen::Index i = 0; i < nrow; ++i) t.values(i, j) = var.values[static_cast<std::size_t>(i)];
      t.missing.push_back(t.values.col(j).array().isNaN().count());
      std::vector<double>().swap(var.values);
    }
  }
  t.lines.resize(s.rows);
  for (std::size_t i = 0; i < s.rows; ++i) t.lines[i] = i + 2;
  return t;
}
#endif

}  // namespace csat_cli
