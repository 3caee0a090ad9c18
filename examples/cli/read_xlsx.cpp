// .xlsx input (formats.hpp): libzip opens the workbook, expat parses its XML parts.
#include "formats.hpp"

#include "cli.hpp"

#if defined(CSAT_CLI_HAVE_XLSX)
#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <exception>
#include <limits>
#include <memory>
#include <unordered_map>
#endif

namespace csat_cli {

#if !defined(CSAT_CLI_HAVE_XLSX)
csat::survey::data_table<double> read_xlsx(const std::string& path, const std::string&,
                                            const csat::survey::csv_options&, data_read_info&) {
  throw input_error(path + ": this csat was built without .xlsx input (it needs libzip-dev and libexpat1-dev); "
                    "save the sheet as CSV (UTF-8) or rebuild after scripts/deps.sh");
}
#else
namespace {

std::string column_letters(std::uint32_t col) {
  std::string s;
  for (; col > 0; col = (col - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (col - 1) % 26));
  return s;
}

std::string cell_name(std::uint32_t row, std::uint32_t col) { return column_letters(col) + std::to_string(row); }

constexpr std::uint32_t max_rows = 1048576;
constexpr std::uint32_t max_cols = 16384;

// "C5" -> row 5, column 3; false if it is not a cell reference within Excel's limits.
bool parse_cell_ref(const std::string& ref, std::uint32_t& row, std::uint32_t& col) {
  std::size_t i = 0;
  std::uint64_t c = 0, r = 0;
  if (i < ref.size() && ref[i] == '$') ++i;
  const std::size_t letters = i;
  for (; i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i])); ++i) {
    c = c * 26 + static_cast<std::uint64_t>(std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
    if (c > max_cols) return false;
  }
  if (i == letters) return false;
  if (i < ref.size() && ref[i] == '$') ++i;
  const std::size_t digits = i;
  for (; i < ref.size() && ref[i] >= '0' && ref[i] <= '9'; ++i) {
    r = r * 10 + static_cast<std::uint64_t>(ref[i] - '0');
    if (r > max_rows) return false;
  }
  if (i == digits || i != ref.size() || r == 0) return false;
  row = static_cast<std::uint32_t>(r);
  col = static_cast<std::uint32_t>(c);
  return true;
}

// Sheet names with anything but letters, digits and _ are quoted as Excel writes them: 'My sheet'!C5.
std::string sheet_prefix(const std::string& sheet) {
  bool plain = !sheet.empty();
  for (unsigned char ch : sheet)
    if (!(std::isalnum(ch) || ch == '_' || ch >= 0x80)) plain = false;
  if (plain) return printable(sheet) + "!";
  std::string q = "'";
  for (char ch : sheet) q += ch == '\'' ? std::string("''") : std::string(1, ch);
  return printable(q + "'") + "!";
}

std::string local_name(const XML_Char* name) {
  const char* bar = std::strrchr(name, '|');
  return bar ? std::string(bar + 1) : std::string(name);
}

// The value of the attribute with that local name (any namespace), or nullptr.
const char* attribute(const XML_Char** attrs, const char* local) {
  for (std::size_t k = 0; attrs[k]; k += 2) {
    const char* bar = std::strrchr(attrs[k], '|');
    if (std::strcmp(bar ? bar + 1 : attrs[k], local) == 0) return attrs[k + 1];
  }
  return nullptr;
}

// Receives the events of one XML part. Handlers may throw; the exception ends the parse and is rethrown.
class xml_handler {
public:
  virtual ~xml_handler() = default;
  virtual void start(const std::string& name, const XML_Char** attrs) = 0;
  virtual void end(const std::string& name) = 0;
  virtual void text(const char*, int) {}
};

struct parse_state {
  XML_Parser parser;
  xml_handler* handler;
  std::exception_ptr error;
  bool doctype = false;
};

void on_start(void* ud, const XML_Char* name, const XML_Char** attrs) {
  auto* s = static_cast<parse_state*>(ud);
  try { s->handler->start(local_name(name), attrs); }
  catch (...) { s->error = std::current_exception(); XML_StopParser(s->parser, XML_FALSE); }
}

void on_end(void* ud, const XML_Char* name) {
  auto* s = static_cast<parse_state*>(ud);
  try { s->handler->end(local_name(name)); }
  catch (...) { s->error = std::current_exception(); XML_StopParser(s->parser, XML_FALSE); }
}

void on_text(void* ud, const XML_Char* text, int len) {
  auto* s = static_cast<parse_state*>(ud);
  try { s->handler->text(text, len); }
  catch (...) { s->error = std::current_exception(); XML_StopParser(s->parser, XML_FALSE); }
}

// Workbook parts never declare a document type; refusing one keeps entity expansion out.
void on_doctype(void* ud, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  auto* s = static_cast<parse_state*>(ud);
  s->doctype = true;
  XML_StopParser(s->parser, XML_FALSE);
}

struct zip_closer {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct zip_file_closer {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
struct expat_parser_freer {
  void operator()(XML_ParserStruct* p) const { XML_ParserFree(p); }
};

class workbook {
public:
  explicit workbook(const std::string& path) : m_path(path) {
    int code = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &code);
    if (!z) {
      if (code == ZIP_ER_NOENT || code == ZIP_ER_OPEN || code == ZIP_ER_READ)
        throw input_error(path + ": cannot open the file: " + zip_message(code));
      throw input_error(path + ": not an .xlsx workbook (" + zip_message(code) + ")");
    }
    m_zip.reset(z);
  }

  const std::string& path() const { return m_path; }

  bool has(const std::string& part) const { return zip_name_locate(m_zip.get(), part.c_str(), ZIP_FL_NOCASE) >= 0; }

  // The uncompressed size of a part (0 if absent or unknown).
  std::uint64_t size(const std::string& part) const {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(m_zip.get(), part.c_str(), ZIP_FL_NOCASE, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) return 0;
    return st.size;
  }

  // Streams a part through expat; false if the part is absent.
  bool parse(const std::string& part, xml_handler& handler) const {
    const zip_int64_t index = zip_name_locate(m_zip.get(), part.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return false;
    std::unique_ptr<zip_file_t, zip_file_closer> file(zip_fopen_index(m_zip.get(), static_cast<zip_uint64_t>(index), 0));
    if (!file)
      throw input_error(m_path + ": the workbook part " + part + " cannot be read: " +
                        printable(zip_strerror(m_zip.get())));
    std::unique_ptr<XML_ParserStruct, expat_parser_freer> parser(XML_ParserCreateNS(nullptr, '|'));
    if (!parser) throw std::bad_alloc();
    parse_state state{parser.get(), &handler, nullptr};
    XML_SetUserData(parser.get(), &state);
    XML_SetElementHandler(parser.get(), on_start, on_end);
    XML_SetCharacterDataHandler(parser.get(), on_text);
    XML_SetStartDoctypeDeclHandler(parser.get(), on_doctype);
    std::vector<char> buffer(1 << 16);
    for (;;) {
      const zip_int64_t n = zip_fread(file.get(), buffer.data(), buffer.size());
      if (n < 0)
        throw input_error(m_path + ": the workbook part " + part + " is damaged: " +
                          printable(zip_file_strerror(file.get())));
      const bool last = n == 0;
      if (XML_Parse(parser.get(), buffer.data(), static_cast<int>(n), last ? XML_TRUE : XML_FALSE) ==
          XML_STATUS_ERROR) {
        if (state.error) std::rethrow_exception(state.error);
        if (state.doctype)
          throw input_error(m_path + ": the workbook part " + part + " declares a document type, which .xlsx parts "
                                     "do not");
        throw input_error(m_path + ": the workbook part " + part + " is not well-formed XML (line " +
                          std::to_string(XML_GetCurrentLineNumber(parser.get())) + ", column " +
                          std::to_string(XML_GetCurrentColumnNumber(parser.get()) + 1) + ": " +
                          XML_ErrorString(XML_GetErrorCode(parser.get())) + ")");
      }
      if (state.error) std::rethrow_exception(state.error);
      if (last) break;
    }
    return true;
  }

private:
  static std::string zip_message(int code) {
    zip_error_t e;
    zip_error_init_with_code(&e, code);
    std::string s = zip_error_strerror(&e);
    zip_error_fini(&e);
    return printable(s, 80);
  }

  std::string m_path;
  std::unique_ptr<zip_t, zip_closer> m_zip;
};

// xl/workbook.xml: the sheets in order, with their relationship ids.
class workbook_handler : public xml_handler {
public:
  struct sheet { std::string name, rid; };
  std::vector<sheet> sheets;
  void start(const std::string& name, const XML_Char** attrs) override {
    if (name != "sheet") return;
    const char* n = attribute(attrs, "name");
    const char* id = attribute(attrs, "id");
    sheets.push_back({n ? n : "", id ? id : ""});
  }
  void end(const std::string&) override {}
};

// xl/_rels/workbook.xml.rels: relationship id -> target and type.
class rels_handler : public xml_handler {
public:
  std::unordered_map<std::string, std::pair<std::string, std::string>> targets;
  void start(const std::string& name, const XML_Char** attrs) override {
    if (name != "Relationship") return;
    const char* id = attribute(attrs, "Id");
    const char* target = attribute(attrs, "Target");
    const char* type = attribute(attrs, "Type");
    if (id && target) targets[id] = {target, type ? type : ""};
  }
  void end(const std::string&) override {}
};

// Text of <t> elements inside an element (a shared string <si> or an inline string <is>), rich-text runs
// included, phonetic runs (<rPh>) left out.
class string_collector {
public:
  void start(const std::string& name) {
    if (name == "rPh") ++m_phonetic;
    else if (name == "t" && m_phonetic == 0) m_in_t = true;
  }
  void end(const std::string& name) {
    if (name == "rPh") --m_phonetic;
    else if (name == "t") m_in_t = false;
  }
  void text(const char* s, int len) {
    if (m_in_t) value.append(s, static_cast<std::size_t>(len));
  }
  void reset() { value.clear(); m_in_t = false; m_phonetic = 0; }
  std::string value;

private:
  bool m_in_t = false;
  int m_phonetic = 0;
};

class shared_strings_handler : public xml_handler {
public:
  std::vector<std::string> strings;
  void start(const std::string& name, const XML_Char**) override {
    if (name == "si") { m_in_si = true; m_text.reset(); }
    else if (m_in_si) m_text.start(name);
  }
  void end(const std::string& name) override {
    if (name == "si") { strings.push_back(std::move(m_text.value)); m_in_si = false; m_text.reset(); }
    else if (m_in_si) m_text.end(name);
  }
  void text(const char* s, int len) override {
    if (m_in_si) m_text.text(s, len);
  }

private:
  bool m_in_si = false;
  string_collector m_text;
};

struct cell {
  std::uint32_t row, col;
  char kind;  // 'n' number, 'b' boolean, 's' text, 'e' error value
  double number;
  std::string text;  // text; for numbers the written value
};

// A worksheet part: the cells with values, and the merged ranges.
class sheet_handler : public xml_handler {
public:
  sheet_handler(const std::string& path, const std::string& prefix, const std::vector<std::string>& shared)
      : m_path(path), m_prefix(prefix), m_shared(shared) {}

  std::vector<cell> cells;
  std::vector<std::string> merged;

  void start(const std::string& name, const XML_Char** attrs) override {
    if (m_in_cell) {
      if (name == "v") { m_in_v = true; m_has_v = true; }
      else if (name == "is") { m_in_is = true; m_has_is = true; m_inline.reset(); }
      else if (m_in_is) m_inline.start(name);
      return;
    }
    if (name == "sheetData") { m_in_data = true; return; }
    if (name == "mergeCell") {
      const char* ref = attribute(attrs, "ref");
      if (ref) merged.push_back(ref);
      return;
    }
    if (!m_in_data) return;
    if (name == "row") {
      const char* r = attribute(attrs, "r");
      if (r) {
        std::uint32_t row = 0, col = 0;
        if (!parse_cell_ref("A" + std::string(r), row, col) || row <= m_row)
          throw input_error(m_path + ": " + m_prefix + ": invalid row number " + printable(r) + " in the sheet part");
        m_row = row;
      } else {
        ++m_row;
      }
      m_col = 0;
      return;
    }
    if (name == "c") {
      m_in_cell = true;
      m_has_v = m_has_is = false;
      m_v.clear();
      m_inline.reset();
      const char* r = attribute(attrs, "r");
      if (r) {
        std::uint32_t row = 0, col = 0;
        if (!parse_cell_ref(r, row, col))
          throw input_error(m_path + ": " + m_prefix + printable(r) + ": invalid cell reference in row " +
                            std::to_string(m_row));
        if (row != m_row)
          throw input_error(m_path + ": " + m_prefix + printable(r) + ": the cell is written in row " +
                            std::to_string(m_row));
        m_col = col;
      } else {
        if (m_row == 0 || m_col >= max_cols)
          throw input_error(m_path + ": " + m_prefix + ": a cell without a reference outside the sheet");
        ++m_col;
      }
      const char* t = attribute(attrs, "t");
      m_type = t ? t : "n";
    }
  }

  void end(const std::string& name) override {
    if (m_in_cell) {
      if (name == "v") { m_in_v = false; return; }
      if (name == "is") { m_in_is = false; return; }
      if (m_in_is) { m_inline.end(name); return; }
      if (name == "c") { m_in_cell = false; finish_cell(); }
      return;
    }
    if (name == "sheetData") m_in_data = false;
  }

  void text(const char* s, int len) override {
    if (m_in_v) m_v.append(s, static_cast<std::size_t>(len));
    else if (m_in_is) m_inline.text(s, len);
  }

private:
  void finish_cell() {
    const auto where = [&] { return m_prefix + cell_name(m_row, m_col); };  // only for an error
    cell c{m_row, m_col, 's', 0.0, std::string()};
    if (m_type == "inlineStr") {
      if (!m_has_is && !m_has_v) return;
      c.text = m_has_is ? m_inline.value : m_v;
    } else {
      if (!m_has_v) return;  // formatting only
      if (m_type == "s") {
        const std::string v = csat::detail::trim(m_v);
        std::size_t k = 0;
        bool ok = !v.empty() && v.size() < 12;
        for (char ch : v) ok = ok && ch >= '0' && ch <= '9';
        if (ok) k = static_cast<std::size_t>(std::stoull(v));
        if (!ok || k >= m_shared.size())
          throw csat::parse_error(m_path, m_row, m_col, m_v,
                                  where() + ": shared string " + printable(m_v, 80) + " does not exist (the workbook has " +
                                      std::to_string(m_shared.size()) + ")");
        c.text = m_shared[k];
      } else if (m_type == "str") {
        c.text = m_v;
      } else if (m_type == "b") {
        const std::string v = csat::detail::trim(m_v);
        if (v != "0" && v != "1")
          throw csat::parse_error(m_path, m_row, m_col, m_v, where() + ": invalid boolean " + printable(m_v, 80));
        c.kind = 'b';
        c.number = v == "1" ? 1.0 : 0.0;
        c.text = v;
      } else if (m_type == "e") {
        c.kind = 'e';
        c.text = m_v;
      } else if (m_type == "n") {
        double x = 0;
        bool overflow = false;
        if (!csat::detail::parse_double(m_v.data(), m_v.data() + m_v.size(), x, overflow))
          throw csat::parse_error(m_path, m_row, m_col, m_v,
                                  where() + (overflow ? ": the number " + printable(m_v, 80) + " overflows a double"
                                                    : ": invalid number " + printable(m_v, 80)));
        c.kind = 'n';
        c.number = x;
        c.text = csat::detail::trim(m_v);
      } else {  // "d" (ISO 8601 date text) and anything unknown: text
        c.text = m_v;
      }
    }
    if (c.kind == 's' && csat::detail::trim(c.text).empty()) return;  // an empty string is an empty cell
    cells.push_back(std::move(c));
  }

  const std::string& m_path;
  const std::string& m_prefix;
  const std::vector<std::string>& m_shared;
  bool m_in_data = false, m_in_cell = false, m_in_v = false, m_in_is = false, m_has_v = false, m_has_is = false;
  std::uint32_t m_row = 0, m_col = 0;
  std::string m_type, m_v;
  string_collector m_inline;
};

// The part a relationship target names, relative to xl/ unless absolute; ".." steps resolved.
std::string resolve_target(const std::string& target) {
  std::string full = !target.empty() && target[0] == '/' ? target.substr(1) : "xl/" + target;
  std::vector<std::string> parts;
  std::size_t at = 0;
  while (at <= full.size()) {
    const std::size_t slash = std::min(full.find('/', at), full.size());
    const std::string p = full.substr(at, slash - at);
    if (p == "..") { if (!parts.empty()) parts.pop_back(); }
    else if (!p.empty() && p != ".") parts.push_back(p);
    at = slash + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

}  // namespace

csat::survey::data_table<double> read_xlsx(const std::string& path, const std::string& sheet,
                                            const csat::survey::csv_options& options, data_read_info& info) {
  workbook book(path);
  workbook_handler wb;
  if (!book.parse("xl/workbook.xml", wb))
    throw input_error(path + ": not an .xlsx workbook (a zip archive without xl/workbook.xml)");
  if (wb.sheets.empty()) throw input_error(path + ": the workbook has no sheets");
  std::size_t which = 0;
  if (!sheet.empty()) {
    which = wb.sheets.size();
    for (std::size_t k = 0; k < wb.sheets.size(); ++k)
      if (wb.sheets[k].name == sheet) { which = k; break; }
    if (which == wb.sheets.size()) {
      std::string names;
      for (const auto& s : wb.sheets) names += (names.empty() ? "" : ", ") + csat::detail::quoted(printable(s.name));
      throw input_error(path + ": no sheet named " + csat::detail::quoted(printable(sheet)) +
                        "; the workbook's sheets are " + names);
    }
  }
  const auto& chosen = wb.sheets[which];
  info.sheet = chosen.name;
  const std::string prefix = sheet_prefix(chosen.name);

  rels_handler rels;
  if (!book.parse("xl/_rels/workbook.xml.rels", rels))
    throw input_error(path + ": the workbook part xl/_rels/workbook.xml.rels is missing");
  const auto rel = rels.targets.find(chosen.rid);
  if (rel == rels.targets.end())
    throw input_error(path + ": sheet " + csat::detail::quoted(printable(chosen.name)) +
                      " has no entry in xl/_rels/workbook.xml.rels");
  const std::string& type = rel->second.second;
  if (type.size() >= 10 && type.compare(type.size() - 10, 10, "chartsheet") == 0)
    throw input_error(path + ": sheet " + csat::detail::quoted(printable(chosen.name)) +
                      " is a chart sheet, not a table of cells");
  const std::string part = resolve_target(rel->second.first);

  shared_strings_handler sst;
  if (book.has("xl/sharedStrings.xml")) book.parse("xl/sharedStrings.xml", sst);

  sheet_handler sh(path, prefix, sst.strings);
  // a cell takes 20 bytes or more of sheet XML (<c r="A2"><v>5</v></c>): room for all of them, at most 16M, at once
  sh.cells.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(book.size(part) / 20, 1u << 24)));
  if (!book.parse(part, sh))
    throw input_error(path + ": the workbook part " + printable(part) + " (sheet " +
                      csat::detail::quoted(printable(chosen.name)) + ") is missing");

  auto& cells = sh.cells;
  if (cells.empty())
    throw input_error(path + ": sheet " + csat::detail::quoted(printable(chosen.name)) + " is empty");
  const auto before = [](const cell& a, const cell& b) { return a.row != b.row ? a.row < b.row : a.col < b.col; };
  if (!std::is_sorted(cells.begin(), cells.end(), before))  // spreadsheets write cells in order; sort otherwise
    std::stable_sort(cells.begin(), cells.end(), before);
  for (std::size_t k = 1; k < cells.size(); ++k)
    if (cells[k].row == cells[k - 1].row && cells[k].col == cells[k - 1].col)
      throw csat::parse_error(path, cells[k].row, cells[k].col, "",
                              prefix + cell_name(cells[k].row, cells[k].col) + ": the cell is written twice");

  const std::uint32_t header_row = cells.front().row;
  std::uint32_t first_col = max_cols, last_col = 0;
  for (const auto& c : cells) {
    first_col = std::min(first_col, c.col);
    last_col = std::max(last_col, c.col);
  }

  for (const auto& m : sh.merged) {
    const auto colon = m.find(':');
    std::uint32_t r1 = 0, c1 = 0, r2 = 0, c2 = 0;
    if (colon == std::string::npos || !parse_cell_ref(m.substr(0, colon), r1, c1) ||
        !parse_cell_ref(m.substr(colon + 1), r2, c2))
      continue;
    if (r1 <= header_row && header_row <= r2 && c1 <= last_col && c2 >= first_col)
      throw csat::parse_error(path, header_row, std::max(c1, first_col), "",
                              prefix + printable(m) + ": merged header cells; every column needs its own name in "
                                                      "row " + std::to_string(header_row));
  }

  // header
  const std::size_t ncols = last_col - first_col + 1;
  std::vector<std::string> header(ncols);
  std::size_t at = 0;
  for (; at < cells.size() && cells[at].row == header_row; ++at) {
    const cell& c = cells[at];
    header[c.col - first_col] = csat::detail::trim(c.text);
  }
  csat::survey::data_table<double> t;
  t.source = path;
  std::vector<int> kind(ncols, 0);
  std::vector<std::size_t> slot(ncols, 0);
  std::unordered_map<std::string, std::uint32_t> seen;
  for (std::size_t k = 0; k < ncols; ++k) {
    const auto col = static_cast<std::uint32_t>(first_col + k);
    const std::string where = prefix + cell_name(header_row, col);
    if (header[k].empty())
      throw csat::parse_error(path, header_row, col, "",
                              where + ": the column name is empty (row " + std::to_string(header_row) +
                                  " holds the column names, columns " + column_letters(first_col) + " to " +
                                  column_letters(last_col) + ")");
    const auto ins = seen.emplace(header[k], col);
    if (!ins.second)
      throw csat::parse_error(path, header_row, col, header[k],
                              where + ": duplicate column name " + csat::detail::quoted(printable(header[k])) +
                                  " (also " + prefix + cell_name(header_row, ins.first->second) + ")");
    const bool is_text = options.is_text(header[k]);
    kind[k] = is_text ? 1 : 0;
    if (is_text) { slot[k] = t.text_names.size(); t.text_names.push_back(header[k]); }
    else { slot[k] = t.names.size(); t.names.push_back(header[k]); }
  }
  if (options.numeric_columns.empty())
    for (const auto& tc : options.text_columns)
      if (!seen.count(tc))
        throw input_error(path + ": text column " + csat::detail::quoted(printable(tc)) + " is not in sheet " +
                          csat::detail::quoted(printable(chosen.name)));

  // data rows: every row below the header that holds a value
  std::vector<std::uint32_t> rows;
  for (std::size_t k = at; k < cells.size(); ++k)
    if (rows.empty() || rows.back() != cells[k].row) rows.push_back(cells[k].row);
  if (rows.empty())
    throw csat::parse_error(path, header_row, first_col, "",
                            prefix + cell_name(header_row, first_col) +
                                ": the sheet has a header row but no data rows");
  const auto nrow = static_cast<Eigen::Index>(rows.size());
  const auto nnum = static_cast<Eigen::Index>(t.names.size());
  t.values = Eigen::MatrixXd::Constant(nrow, nnum, std::numeric_limits<double>::quiet_NaN());
  t.text.assign(t.text_names.size(), std::vector<std::string>(rows.size()));
  t.missing.assign(t.names.size(), 0);
  t.lines.assign(rows.begin(), rows.end());
  for (std::size_t k = 1; k < rows.size(); ++k) t.blank_lines_skipped += rows[k] - rows[k - 1] - 1;
  t.blank_lines_skipped += rows.front() - header_row - 1;

  std::vector<std::string> tokens;
  std::vector<double> numeric_tokens;
  for (const auto& tok : options.missing_tokens) {
    tokens.push_back(csat::detail::trim(tok));
    double x = 0;
    bool overflow = false;
    if (csat::detail::parse_double(tok.data(), tok.data() + tok.size(), x, overflow)) numeric_tokens.push_back(x);
  }
  const auto is_token = [&](const std::string& s) {
    return std::find(tokens.begin(), tokens.end(), csat::detail::trim(s)) != tokens.end();
  };

  Eigen::Index i = 0;
  for (std::size_t k = at; k < cells.size(); ++k) {
    const cell& c = cells[k];
    while (rows[static_cast<std::size_t>(i)] != c.row) ++i;
    const std::size_t pos = c.col - first_col;
    if (kind[pos] == 1) {
      t.text[slot[pos]][static_cast<std::size_t>(i)] = csat::detail::trim(c.text);
      continue;
    }
    const auto j = static_cast<Eigen::Index>(slot[pos]);
    if (c.kind == 'n' || c.kind == 'b') {
      if (std::find(numeric_tokens.begin(), numeric_tokens.end(), c.number) == numeric_tokens.end())
        t.values(i, j) = c.number;
      continue;
    }
    if (is_token(c.text)) continue;
    const std::string where = prefix + cell_name(c.row, c.col);
    double x = 0;
    bool overflow = false;
    const bool number_as_text = csat::detail::parse_double(c.text.data(), c.text.data() + c.text.size(), x, overflow);
    throw csat::parse_error(path, c.row, c.col, c.text,
                            where + ": column " + csat::detail::quoted(printable(t.names[slot[pos]])) + ": " +
                                (c.kind == 'e' ? "the error value " : "the text ") +
                                csat::detail::quoted(printable(c.text, 80)) +
                                (number_as_text ? " is a number stored as text (format the column as numbers)"
                                                : " is not a number or a missing-value token"));
  }
  for (Eigen::Index j = 0; j < nnum; ++j) t.missing[static_cast<std::size_t>(j)] = t.values.col(j).array().isNaN().count();
  return t;
}
#endif

}  // namespace csat_cli
