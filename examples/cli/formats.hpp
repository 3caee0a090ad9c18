// Survey files other than UTF-8 CSV: text in other encodings, Excel workbooks, SPSS and Stata files. Each reader
// lives in its own translation unit (encoding.cpp, read_xlsx.cpp, read_stat.cpp) and is built only when its
// library was found; without it the function throws csat_cli::input_error naming the Debian package to install.
#pragma once

#include <csat/survey/csv.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace csat_cli {

/// What reading a data file found out and assumed; printed with the results and kept in JSON.
struct data_read_info {
  std::string format = "csv";      ///< "csv", "xlsx", "sav", "zsav", "por", "dta"
  std::string encoding = "UTF-8";  ///< the encoding the text was read in (transcoded to UTF-8 when another)
  std::string sheet;               ///< xlsx: the sheet read
  std::vector<std::string> notes;  ///< one line each: what was converted, declared or assumed
  /// SPSS/Stata variable labels by column name
  std::map<std::string, std::string> variable_labels;
  /// SPSS/Stata value labels by column name: (value, label), ascending by value
  std::map<std::string, std::vector<std::pair<double, std::string>>> value_labels;
};

/// Text of a data file as UTF-8. `encoding` "auto": valid UTF-8 (with or without BOM) is kept, a UTF-16 BOM selects
/// UTF-16, anything else is read as GB18030 (which covers GBK and GB2312); any other value is an iconv name used
/// as given. info.encoding says which was used. csat::parse_error naming the source, line, column and byte offset
/// when the bytes are not valid in the encoding (auto: naming every encoding tried).
std::string to_utf8(std::string bytes, const std::string& encoding, const std::string& source, data_read_info& info);

/// Whether to_utf8 can transcode (iconv was found when the program was built).
bool have_transcoding();

/// The first sheet (or `sheet`) of an .xlsx workbook as a data table: the first row holds the column names,
/// numbers, shared and inline strings, booleans (1/0) and dates (as their serial numbers) are read; text cells
/// in numeric columns must be missing tokens; errors name the cell ("Sheet1!C5").
csat::survey::data_table<double> read_xlsx(const std::string& path, const std::string& sheet,
                                            const csat::survey::csv_options& options, data_read_info& info);

/// An SPSS (.sav, .zsav, .por) or Stata (.dta) file: numeric variables as columns, string variables as text
/// columns; system-missing, user-missing values and ranges (SPSS) and extended missing values (Stata) are NaN and
/// listed in info.notes; options.missing_tokens that are numbers are missing as well; variable and value labels
/// in info.
csat::survey::data_table<double> read_stat_file(const std::string& path, const csat::survey::csv_options& options,
                                                data_read_info& info);

/// Which optional formats this build reads, and which Debian packages the others need (for `csat --version`
/// and error messages).
std::vector<std::pair<std::string, bool>> optional_formats();

}  // namespace csat_cli
