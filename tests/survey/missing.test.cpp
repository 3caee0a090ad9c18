// Tests of include/csat/survey/missing.hpp: explicit missing-data policies.
#include <csat/survey/missing.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using namespace csat::survey;
using Catch::Contains;

namespace {
data_table<double> sample() {
  csv_options o;
  o.text_columns = {"seg"};
  // lines: header 1, rows on 2..6 (line 4 blank, so rows are on 2,3,5,6,7)
  return read_csv_text<double>("seg,a,b,c\nr,1,2,3\nc,NA,5,6\n\nr,7,,9\ni,10,11,12\na,,NA,15\n", "m.csv", o);
}
}  // namespace

TEST_CASE("missing: listwise deletion drops incomplete rows and reports their lines and columns", "[survey][missing]") {
  const auto t = sample();
  REQUIRE(t.lines == std::vector<std::size_t>{2, 3, 5, 6, 7});
  const auto r = listwise_delete(t);
  CHECK(r.data.rows() == 2);
  CHECK(r.data.lines == std::vector<std::size_t>{2, 6});
  CHECK(r.data.values(1, 0) == 10);
  CHECK(r.data.text_column("seg") == std::vector<std::string>{"r", "i"});
  CHECK(r.data.missing == std::vector<Eigen::Index>{0, 0, 0});
  CHECK(r.report.policy == missing_policy::listwise);
  CHECK(r.report.rows_before == 5);
  CHECK(r.report.rows_after == 2);
  REQUIRE(r.report.excluded.size() == 3);
  CHECK(r.report.excluded[0].row == 1);
  CHECK(r.report.excluded[0].line == 3);
  CHECK(r.report.excluded[0].columns == std::vector<std::string>{"a"});
  CHECK(r.report.excluded[1].line == 5);
  CHECK(r.report.excluded[1].columns == std::vector<std::string>{"b"});
  CHECK(r.report.excluded[2].line == 7);
  CHECK(r.report.excluded[2].columns == std::vector<std::string>{"a", "b"});
  CHECK(r.report.summary() == "listwise deletion excluded 3 of 5 rows (lines 3, 5, 7)");
}

TEST_CASE("missing: listwise deletion on chosen columns keeps the others as they are", "[survey][missing]") {
  const auto r = listwise_delete(sample(), {"b"});
  CHECK(r.data.rows() == 3);
  CHECK(r.data.lines == std::vector<std::size_t>{2, 3, 6});
  CHECK(std::isnan(r.data.values(1, 0)));  // column a still missing on line 3
  CHECK(r.data.missing == std::vector<Eigen::Index>{1, 0, 0});
  CHECK(r.report.columns == std::vector<std::string>{"b"});
  CHECK(r.report.excluded.size() == 2);
}

TEST_CASE("missing: listwise deletion that leaves no row is an error", "[survey][missing]") {
  const auto t = read_csv_text<double>("a,b\n1,NA\nNA,2\n", "all.csv");
  CHECK_THROWS_AS(listwise_delete(t), csat::domain_error);
  CHECK_THROWS_WITH(listwise_delete(t), Contains("all.csv") && Contains("no complete row"));
}

TEST_CASE("missing: mean replacement fills cells with the column mean and reports each cell", "[survey][missing]") {
  const auto t = sample();
  const auto r = mean_replace(t);
  CHECK(r.data.rows() == 5);
  CHECK(r.data.values(1, 0) == Approx(6.0));  // mean of 1, 7, 10
  CHECK(r.data.values(4, 0) == Approx(6.0));
  CHECK(r.data.values(2, 1) == Approx(6.0));  // mean of 2, 5, 11
  CHECK(r.data.missing == std::vector<Eigen::Index>{0, 0, 0});
  CHECK(r.report.cells_imputed == 4);
  REQUIRE(r.report.imputed.size() == 2);
  CHECK(r.report.imputed[0].column == "a");
  CHECK(r.report.imputed[0].value == Approx(6.0));
  CHECK(r.report.imputed[0].lines == std::vector<std::size_t>{3, 7});
  CHECK(r.report.imputed[1].column == "b");
  CHECK(r.report.imputed[1].rows == std::vector<Eigen::Index>{2, 4});
  CHECK(r.report.summary() == "mean replacement imputed 4 cells in 2 columns: a 2 (mean 6); b 2 (mean 6)");
}

TEST_CASE("missing: mean replacement of a column with no observed value is an error", "[survey][missing]") {
  const auto t = read_csv_text<double>("a,b\n1,NA\n2,NA\n", "e.csv");
  CHECK_THROWS_AS(mean_replace(t), csat::domain_error);
  CHECK_THROWS_WITH(mean_replace(t), Contains("\"b\"") && Contains("e.csv") && Contains("no observed value"));
  CHECK_NOTHROW(mean_replace(t, {"a"}));
}

TEST_CASE("missing: require_complete names the first missing cell with its line and column", "[survey][missing]") {
  const auto t = sample();
  CHECK_THROWS_AS(require_complete(t), csat::domain_error);
  CHECK_THROWS_WITH(require_complete(t, {}, "csat::pls::estimate"),
                    Contains("csat::pls::estimate: m.csv:3: column \"a\" is missing") &&
                        Contains("missing-data policy"));
  CHECK_THROWS_WITH(require_complete(t, {"b", "c"}), Contains("m.csv:5: column \"b\""));
  CHECK_NOTHROW(require_complete(t, {"c"}));
}

TEST_CASE("missing: require_complete on a matrix names the cell, column name and line", "[survey][missing]") {
  Eigen::MatrixXd x(2, 2);
  x << 1, 2, 3, std::nan("");
  CHECK_THROWS_AS(require_complete("csat::sem::fit", "data", x), csat::domain_error);
  CHECK_THROWS_WITH(require_complete("csat::sem::fit", "data", x), Contains("csat::sem::fit: data[1,1] (column 1)"));
  CHECK_THROWS_WITH(require_complete("f", "data", x, {"x1", "x2"}, {2, 9}),
                    Contains("data[1,1] (column \"x2\", line 9) is missing"));
  x(1, 1) = 4;
  CHECK_NOTHROW(require_complete("f", "data", x));
}

TEST_CASE("missing: apply_missing_policy dispatches, and none requires complete data", "[survey][missing]") {
  const auto t = sample();
  CHECK(apply_missing_policy(t, missing_policy::listwise).data.rows() == 2);
  CHECK(apply_missing_policy(t, missing_policy::mean).report.cells_imputed == 4);
  CHECK_THROWS_AS(apply_missing_policy(t, missing_policy::none), csat::domain_error);
  const auto r = apply_missing_policy(t, missing_policy::none, {"c"});
  CHECK(r.data.rows() == 5);
  CHECK(r.report.summary() == "no missing-data policy applied");
  CHECK(std::string(to_string(missing_policy::mean)) == "mean");
}

TEST_CASE("missing: unknown columns are invalid arguments", "[survey][missing]") {
  const auto t = sample();
  CHECK_THROWS_AS(listwise_delete(t, {"zz"}), csat::invalid_argument);
  CHECK_THROWS_WITH(mean_replace(t, {"zz"}), Contains("\"zz\""));
  CHECK_THROWS_WITH(require_complete(t, {"seg"}), Contains("text column"));
}
