// Tests of include/csat/survey/csv.hpp: reading survey data from CSV.
#include <csat/survey/csv.hpp>

#include "support/shared.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>
#include <string>

using csat::survey::csv_options;
using csat::survey::read_csv;
using csat::survey::read_csv_text;
using Catch::Contains;

namespace {

csat::survey::data_table<double> read(const std::string& text, const csv_options& o = {}) {
  return read_csv_text<double>(text, "t.csv", o);
}

// The parse_error thrown by reading `text`; fails the test if none is thrown.
csat::parse_error error_of(const std::string& text, const csv_options& o = {}) {
  try {
    read(text, o);
  } catch (const csat::parse_error& e) {
    return e;
  }
  FAIL("no csat::parse_error for input: " << text);
  return csat::parse_error("", 0, 0, "", "");
}

}  // namespace

TEST_CASE("csv: numeric table with names, values and source lines", "[survey][csv]") {
  const auto t = read("a,b,c\n1,2,3\n4.5,-5,6e2\n");
  REQUIRE(t.cols() == 3);
  REQUIRE(t.rows() == 2);
  CHECK(t.names == std::vector<std::string>{"a", "b", "c"});
  CHECK(t.values(1, 0) == 4.5);
  CHECK(t.values(1, 1) == -5);
  CHECK(t.values(1, 2) == 600);
  CHECK(t.lines == std::vector<std::size_t>{2, 3});
  CHECK(t.source == "t.csv");
  CHECK(t.missing == std::vector<Eigen::Index>{0, 0, 0});
}

TEST_CASE("csv: RFC 4180 quoted fields with commas, doubled quotes and line breaks", "[survey][csv]") {
  csv_options o;
  o.text_columns = {"note"};
  const auto t = read("id,note,\"score\"\n1,\"a, b\",\"5\"\n2,\"say \"\"hi\"\"\",4\n3,\"two\nlines\",3\n4,plain,2\n", o);
  REQUIRE(t.rows() == 4);
  CHECK(t.names == std::vector<std::string>{"id", "score"});
  const auto& note = t.text_column("note");
  CHECK(note[0] == "a, b");
  CHECK(note[1] == "say \"hi\"");
  CHECK(note[2] == "two\nlines");
  CHECK(t.values(0, 1) == 5);  // a quoted number is a number
  // the row after a two-line field starts on line 6
  CHECK(t.lines == std::vector<std::size_t>{2, 3, 4, 6});
}

TEST_CASE("csv: CRLF line ends, with and without a final line break", "[survey][csv]") {
  const auto t = read("a,b\r\n1,2\r\n3,4\r\n");
  REQUIRE(t.rows() == 2);
  CHECK(t.names[1] == "b");
  CHECK(t.values(1, 1) == 4);
  const auto u = read("a,b\r\n1,2\r\n3,\"4\"\r");
  REQUIRE(u.rows() == 2);
  CHECK(u.values(1, 1) == 4);
  const auto v = read("a,b\n1,2\n3,4");
  CHECK(v.values(1, 1) == 4);
}

TEST_CASE("csv: a UTF-8 byte-order mark is skipped", "[survey][csv]") {
  const auto t = read("\xEF\xBB\xBFq1,q2\n1,2\n");
  CHECK(t.names[0] == "q1");
  CHECK(t.index_of("q1") == 0);
  // and error columns do not count it
  const auto e = error_of("\xEF\xBB\xBFq1,q2\nx,2\n");
  CHECK(e.line() == 2);
  CHECK(e.column() == 1);
}

TEST_CASE("csv: UTF-8 (Chinese) column names", "[survey][csv]") {
  const auto t = read("满意度1,满意度2,忠诚度\n5,4,3\n");
  CHECK(t.names == std::vector<std::string>{"满意度1", "满意度2", "忠诚度"});
  CHECK(t.values(0, t.index_of("满意度2")) == 4);
  CHECK_THROWS_WITH(read("满意度1,满意度2\n5,很好\n"), Contains("\"满意度2\"") && Contains("很好"));
}

TEST_CASE("csv: columns are counted in characters, not bytes, after UTF-8 text", "[survey][csv]") {
  csv_options o;
  o.text_columns = {"渠道"};
  const auto e = error_of("渠道,q1\n营业厅,x\n", o);
  CHECK(e.line() == 2);
  CHECK(e.column() == 5);  // 营 业 厅 , x
  CHECK(e.text() == "x");
}

TEST_CASE("csv: semicolon delimiter is detected", "[survey][csv]") {
  const auto t = read("a;b;c\n1;2.5;3\n");
  REQUIRE(t.cols() == 3);
  CHECK(t.values(0, 1) == 2.5);
}

TEST_CASE("csv: tab delimiter is detected", "[survey][csv]") {
  const auto t = read("a\tb\tc\n1\t2\t3\n4\t5\t6\n");
  REQUIRE(t.cols() == 3);
  CHECK(t.values(1, 2) == 6);
}

TEST_CASE("csv: an explicit delimiter overrides detection, other delimiters are rejected", "[survey][csv]") {
  csv_options o;
  o.delimiter = ';';
  const auto t = read("a,b;c\n1;2\n", o);  // "a,b" is one name
  CHECK(t.names == std::vector<std::string>{"a,b", "c"});
  o.delimiter = '|';
  CHECK_THROWS_AS(read("a|b\n1|2\n", o), csat::invalid_argument);
  CHECK_THROWS_WITH(read("a|b\n1|2\n", o), Contains("delimiter") && Contains("|"));
}

TEST_CASE("csv: default missing tokens become NaN and are counted per column", "[survey][csv]") {
  const auto t = read("a,b,c\n,NA,1\nN/A,NaN,2\n.,3, \n");
  CHECK(std::isnan(t.values(0, 0)));
  CHECK(std::isnan(t.values(1, 0)));
  CHECK(std::isnan(t.values(2, 0)));
  CHECK(std::isnan(t.values(0, 1)));
  CHECK(std::isnan(t.values(1, 1)));
  CHECK(t.values(2, 1) == 3);
  CHECK(std::isnan(t.values(2, 2)));  // a blank cell (spaces only) is empty
  CHECK(t.missing == std::vector<Eigen::Index>{3, 2, 1});
}

TEST_CASE("csv: configurable missing tokens, including numeric codes", "[survey][csv]") {
  csv_options o;
  o.missing_tokens = {"-99", "999", "缺失"};
  const auto t = read("a,b\n-99,1\n2,999\n缺失,3\n", o);
  CHECK(std::isnan(t.values(0, 0)));
  CHECK(std::isnan(t.values(1, 1)));
  CHECK(std::isnan(t.values(2, 0)));
  CHECK(t.missing == std::vector<Eigen::Index>{2, 1});
  // with these tokens an empty cell or NA is no longer missing: an error, not a silent NaN
  CHECK_THROWS_AS(read("a,b\nNA,1\n", o), csat::parse_error);
  CHECK_THROWS_WITH(read("a,b\n1,\n", o), Contains("t.csv:2:3") && Contains("\"b\""));
}

TEST_CASE("csv: text columns are kept as text, trimmed", "[survey][csv]") {
  csv_options o;
  o.text_columns = {"segment", "channel"};
  const auto t = read("segment,q1,channel\n residential ,4,95598\ncommercial,5,online\n", o);
  CHECK(t.names == std::vector<std::string>{"q1"});
  CHECK(t.text_names == std::vector<std::string>{"segment", "channel"});
  CHECK(t.text_column("segment")[0] == "residential");
  CHECK(t.text_column("channel")[0] == "95598");
  CHECK(t.text_column("channel")[1] == "online");
}

TEST_CASE("csv: a text column that is not in the file is an error", "[survey][csv]") {
  csv_options o;
  o.text_columns = {"segment"};
  CHECK_THROWS_AS(read("a,b\n1,2\n", o), csat::invalid_argument);
  CHECK_THROWS_WITH(read("a,b\n1,2\n", o), Contains("\"segment\"") && Contains("t.csv"));
}

TEST_CASE("csv: blank lines are skipped and counted, and rows keep their source lines", "[survey][csv]") {
  const auto t = read("a,b\n\n1,2\n\r\n3,4\n\n");
  REQUIRE(t.rows() == 2);
  CHECK(t.lines == std::vector<std::size_t>{3, 5});
  CHECK(t.blank_lines_skipped == 3);
}

TEST_CASE("csv: a non-numeric cell is a parse_error naming file:line:column, column and text", "[survey][csv]") {
  const std::string text = "q1,q2,q3\n1,2,3\n4,abc,6\n";
  CHECK_THROWS_AS(read(text), csat::parse_error);
  CHECK_THROWS_AS(read(text), csat::invalid_argument);
  CHECK_THROWS_WITH(read(text), Contains("t.csv:3:3:") && Contains("\"q2\"") && Contains("\"abc\""));
  const auto e = error_of(text);
  CHECK(e.source() == "t.csv");
  CHECK(e.line() == 3);
  CHECK(e.column() == 3);
  CHECK(e.text() == "abc");
}

TEST_CASE("csv: the line of an error after a multi-line quoted field is the physical line", "[survey][csv]") {
  csv_options o;
  o.text_columns = {"note"};
  const auto e = error_of("note,q\n\"a\nb\nc\",1\nx,2,\n", o);  // row 2 starts on line 5 and has 3 fields
  CHECK(e.line() == 5);
  const auto f = error_of("note,q\n\"a\nb\",oops\n", o);
  CHECK(f.line() == 3);
  CHECK(f.column() == 4);
  CHECK(f.text() == "oops");
}

TEST_CASE("csv: infinity and nan words are not numbers", "[survey][csv]") {
  for (const char* w : {"inf", "Infinity", "-inf", "nan", "1,5", "0x10", "--1", "+", "-", "1e", "five"}) {
    INFO(w);
    CHECK_THROWS_AS(read(std::string("a\n\"") + w + "\"\n"), csat::parse_error);
  }
  const auto t = read("a\n+3\n.5\n-0.25\n1E3\n 7 \n");
  CHECK(t.values(0, 0) == 3);
  CHECK(t.values(1, 0) == 0.5);
  CHECK(t.values(2, 0) == -0.25);
  CHECK(t.values(3, 0) == 1000);
  CHECK(t.values(4, 0) == 7);
}

TEST_CASE("csv: a row with too many fields names the extra field and the last column", "[survey][csv]") {
  const std::string text = "q1,q2,q3\n1,2,3\n4,5,6,7\n";
  CHECK_THROWS_AS(read(text), csat::parse_error);
  CHECK_THROWS_WITH(read(text), Contains("t.csv:3:7:") && Contains("4 fields") && Contains("header has 3") &&
                                    Contains("\"7\"") && Contains("\"q3\""));
}

TEST_CASE("csv: a row with too few fields names its last field and the missing column", "[survey][csv]") {
  const std::string text = "q1,q2,q3\n1,2,3\n4,5\n";
  CHECK_THROWS_AS(read(text), csat::parse_error);
  CHECK_THROWS_WITH(read(text), Contains("t.csv:3:3:") && Contains("2 fields") && Contains("\"5\"") &&
                                    Contains("\"q2\"") && Contains("\"q3\" is missing"));
  const auto e = error_of("a,b,c,d\n1\n");
  CHECK(e.line() == 2);
  CHECK(e.column() == 1);
  CHECK(std::string(e.what()).find("later ones are missing") != std::string::npos);
}

TEST_CASE("csv: duplicate column names are an error naming both positions", "[survey][csv]") {
  const std::string text = "q1,q2,q1\n1,2,3\n";
  CHECK_THROWS_AS(read(text), csat::parse_error);
  CHECK_THROWS_WITH(read(text), Contains("t.csv:1:7:") && Contains("duplicate column name \"q1\"") &&
                                    Contains("1st column"));
  // names are compared after trimming
  CHECK_THROWS_AS(read("q1, q1\n1,2\n"), csat::parse_error);
}

TEST_CASE("csv: an empty column name is an error", "[survey][csv]") {
  CHECK_THROWS_AS(read("q1,,q3\n1,2,3\n"), csat::parse_error);
  CHECK_THROWS_WITH(read("q1,,q3\n1,2,3\n"), Contains("t.csv:1:4:") && Contains("2nd column name is empty"));
  CHECK_THROWS_WITH(read("q1,q2,\n1,2,\n"), Contains("t.csv:1:7:") && Contains("3rd column name is empty"));
}

TEST_CASE("csv: an empty input is an error", "[survey][csv]") {
  for (const char* text : {"", "\n\n", "\r\n", "\xEF\xBB\xBF"}) {
    CHECK_THROWS_AS(read(text), csat::parse_error);
    CHECK_THROWS_WITH(read(text), Contains("t.csv:1:1:") && Contains("empty"));
  }
}

TEST_CASE("csv: a header-only input is an error", "[survey][csv]") {
  CHECK_THROWS_AS(read("a,b,c\n"), csat::parse_error);
  CHECK_THROWS_WITH(read("a,b,c\n\n"), Contains("t.csv:1:1:") && Contains("no data rows"));
}

TEST_CASE("csv: a value that overflows a double is an error, underflow is not", "[survey][csv]") {
  const std::string text = "a,b\n1,2\n3,1e400\n";
  CHECK_THROWS_AS(read(text), csat::parse_error);
  CHECK_THROWS_WITH(read(text), Contains("t.csv:3:3:") && Contains("\"b\"") && Contains("\"1e400\"") &&
                                    Contains("overflows a double"));
  CHECK_THROWS_WITH(read("a\n-2e308\n"), Contains("overflows"));
  const auto t = read("a\n1e-400\n-0.00000000001e-399\n123.5e-400\n");
  CHECK(t.values(0, 0) == 0);
  CHECK(t.values(1, 0) == 0);
  CHECK(t.values(2, 0) == 0);
  CHECK_THROWS_WITH(read("a\n0.001e312\n"), Contains("overflows"));   // 1e309
  CHECK_THROWS_WITH(read("a\n12345e305\n"), Contains("overflows"));
}

TEST_CASE("csv: an unclosed quote is an error at the opening quote", "[survey][csv]") {
  const std::string text = "a,b\n1,2\n3,\"4\n5,6\n";
  CHECK_THROWS_AS(read(text), csat::parse_error);
  CHECK_THROWS_WITH(read(text), Contains("t.csv:3:3:") && Contains("not closed"));
  const auto e = error_of(text);
  CHECK(e.text() == "\"");
}

TEST_CASE("csv: text after a closing quote is an error", "[survey][csv]") {
  const std::string text = "a,b\n\"1\"x,2\n";
  CHECK_THROWS_AS(read(text), csat::parse_error);
  CHECK_THROWS_WITH(read(text), Contains("t.csv:2:4:") && Contains("after a closing quote") && Contains("\"x\""));
}

TEST_CASE("csv: read_csv from a file names the file in errors", "[survey][csv]") {
  const std::string ok = csat_test::source_path("tests/data/survey_small.csv");
  csv_options o;
  o.text_columns = {"segment"};
  const auto t = read_csv(ok, o);
  CHECK(t.source == ok);
  CHECK(t.rows() == 8);
  CHECK(t.cols() == 5);
  CHECK(t.missing == std::vector<Eigen::Index>{0, 1, 1, 0, 0});
  const std::string bad = csat_test::source_path("tests/data/survey_text_cell.csv");
  CHECK_THROWS_WITH(read_csv(bad), Contains(bad + ":3:3:") && Contains("\"q2\"") && Contains("\"abc\""));
  CHECK_THROWS_AS(read_csv(std::string("/nonexistent/x.csv")), csat::invalid_argument);
  CHECK_THROWS_WITH(read_csv(std::string("/nonexistent/x.csv")), Contains("cannot open") && Contains("/nonexistent/x.csv"));
}

TEST_CASE("csv: read_csv from a stream", "[survey][csv]") {
  std::istringstream in("x;y\n1;2\n");
  const auto t = read_csv(in, "survey-stream");
  CHECK(t.source == "survey-stream");
  CHECK(t.values(0, 1) == 2);
  std::istringstream bad("x;y\n1;z\n");
  CHECK_THROWS_WITH(read_csv(bad, "survey-stream"), Contains("survey-stream:2:3:"));
}

TEST_CASE("csv: data_table lookups name the column and the source", "[survey][csv]") {
  csv_options o;
  o.text_columns = {"seg"};
  const auto t = read("seg,a,b\nx,1,2\ny,3,4\n", o);
  CHECK(t.has("a"));
  CHECK_FALSE(t.has("seg"));
  const Eigen::MatrixXd s = t.select({"b", "a"});
  CHECK(s(1, 0) == 4);
  CHECK(s(1, 1) == 3);
  CHECK_THROWS_AS(t.index_of("zz"), csat::invalid_argument);
  CHECK_THROWS_WITH(t.index_of("zz"), Contains("\"zz\"") && Contains("t.csv"));
  CHECK_THROWS_WITH(t.index_of("seg"), Contains("text column"));
  CHECK_THROWS_WITH(t.text_column("a"), Contains("\"a\""));
}

TEST_CASE("csv: the csv_reader reports line and column of each field", "[survey][csv]") {
  csat::survey::csv_reader r("a,\"b\nc\",d\ne,f,g\n", "r.csv");
  csat::survey::csv_record rec;
  REQUIRE(r.next(rec));
  CHECK(rec.fields == std::vector<std::string>{"a", "b\nc", "d"});
  CHECK(rec.columns == std::vector<std::size_t>{1, 3, 4});
  CHECK(rec.lines == std::vector<std::size_t>{1, 1, 2});
  CHECK(rec.quoted == std::vector<bool>{false, true, false});
  REQUIRE(r.next(rec));
  CHECK(rec.line == 3);
  CHECK_FALSE(r.next(rec));
  CHECK(r.delimiter() == ',');
}

TEST_CASE("csv: reading into float", "[survey][csv]") {
  const auto t = read_csv_text<float>("a,b\n0.1,NA\n", "f.csv");
  CHECK(t.values(0, 0) == 0.1f);
  CHECK(std::isnan(t.values(0, 1)));
}

TEST_CASE("csv: mobi.csv reads as 250 rows x 24 columns with no missing values", "[survey][csv][shared]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto t = read_csv(csat_test::shared_path("data/mobi.csv"));
  CHECK(t.rows() == 250);
  REQUIRE(t.cols() == 24);
  CHECK(t.names.front() == "CUEX1");
  CHECK(t.names.back() == "PERV2");
  for (auto m : t.missing) CHECK(m == 0);
  CHECK(t.values(0, 0) == 7);
  CHECK(t.values(1, 0) == 10);
  CHECK(t.lines.back() == 251);
}

TEST_CASE("csv: write_csv quotes fields that need it and writes missing cells as given", "[survey][csv]") {
  csv_options o;
  o.text_columns = {"note"};
  const auto t = read("note,x,y\n\"a, b\",1.5,NA\n\"say \"\"hi\"\"\",2,3\nplain,1e20,0.1\n", o);
  std::ostringstream os;
  csat::survey::write_csv(t, os);
  CHECK(os.str() == "note,x,y\n\"a, b\",1.5,\n\"say \"\"hi\"\"\",2,3\nplain,1e+20,0.1\n");
  csat::survey::csv_write_options w;
  w.columns = {"y", "note"};
  w.delimiter = ';';
  w.missing = "NA";
  w.line_end = "\r\n";
  std::ostringstream os2;
  csat::survey::write_csv(t, os2, w);
  CHECK(os2.str() == "y;note\r\nNA;a, b\r\n3;\"say \"\"hi\"\"\"\r\n0.1;plain\r\n");
  const auto back = read(os.str(), o);  // and it reads back
  CHECK(back.text_column("note") == t.text_column("note"));
  CHECK(back.values(2, 0) == 1e20);
  w.columns = {"zz"};
  CHECK_THROWS_AS(csat::survey::write_csv(t, os2, w), csat::invalid_argument);
  CHECK_THROWS_WITH(csat::survey::write_csv(t, std::string("/nonexistent/dir/x.csv")), Contains("cannot write"));
}

TEST_CASE("csv: a quote inside an unquoted field is kept as text", "[survey][csv]") {
  csv_options o;
  o.text_columns = {"a"};
  // the stray quote also throws off the record count used to size the table, which must then grow
  const auto t = read("a,b\nx\"y,1\n2,3\n4,5\n6,7\n", o);
  REQUIRE(t.rows() == 4);
  CHECK(t.text_column("a")[0] == "x\"y");
  CHECK(t.values(3, 0) == 7);
  CHECK(t.lines == std::vector<std::size_t>{2, 3, 4, 5});
  CHECK_THROWS_WITH(read("a,b\n1,x\"y\n"), Contains("t.csv:2:3:") && Contains("\"x\"y\""));
}

TEST_CASE("csv: numeric missing codes match the value however it is written", "[survey][csv]") {
  csv_options o;
  o.missing_tokens = {"", "99", "-9"};
  const auto t = read("a,b\n99.0,1\n 99 ,-9.00\n9.9e1,2\n98,3\n", o);
  CHECK(std::isnan(t.values(0, 0)));
  CHECK(std::isnan(t.values(1, 0)));
  CHECK(std::isnan(t.values(1, 1)));
  CHECK(std::isnan(t.values(2, 0)));
  CHECK(t.values(3, 0) == 98);
  CHECK(t.missing == std::vector<Eigen::Index>{3, 1});
}

TEST_CASE("csv: decimal commas, given or detected in semicolon-delimited files", "[survey][csv]") {
  csv_options o;
  o.decimal = ',';
  const auto t = read("a;b\n7,5;1\n-0,25;2\n", o);
  CHECK(t.decimal == ',');
  CHECK(t.values(0, 0) == 7.5);
  CHECK(t.values(1, 0) == -0.25);
  // a '.' in a decimal-comma file is an error naming the cell, not a thousands separator
  CHECK_THROWS_WITH(read("a;b\n1.234,5;1\n", o), Contains("t.csv:2:1") && Contains("decimal commas"));
  // with ',' as the delimiter a decimal comma cannot be told from a field break
  CHECK_THROWS_AS(read("a,b\n7,5\n", o), csat::invalid_argument);

  csv_options detect;
  detect.decimal = '\0';
  const auto d = read("a;b\n7,5;1\n8;2,25\n", detect);
  CHECK(d.decimal == ',');
  CHECK(d.values(1, 1) == 2.25);
  // a decimal point anywhere: points, and a comma then says what it might be
  CHECK_THROWS_WITH(read("a;b\n7.5;1\n8;2,25\n", detect), Contains("t.csv:3:3") && Contains("a decimal comma?"));
  CHECK(read("a,b\n7,5\n", detect).decimal == '.');           // ','-delimited: points
  // the default reads points, and a decimal comma is an error that says what to do
  CHECK_THROWS_WITH(read("a;b\n7,5;1\n"), Contains("t.csv:2:1") && Contains("a decimal comma?"));
}

TEST_CASE("csv: numeric_columns reads only those as numbers, every other column as text", "[survey][csv]") {
  csv_options o;
  o.numeric_columns = {"q1", "q3", "absent"};
  const auto t = read("id,q1,seg,q3\nA7,1,居民,2\nB8,3,企业,4\n", o);
  CHECK(t.names == std::vector<std::string>{"q1", "q3"});
  CHECK(t.text_names == std::vector<std::string>{"id", "seg"});
  CHECK(t.text_column("seg")[1] == "企业");
  CHECK(t.values(1, 1) == 4);
  CHECK(o.is_text("id"));
  CHECK_FALSE(o.is_text("q3"));
}
