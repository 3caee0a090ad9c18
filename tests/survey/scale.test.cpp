// Tests of include/csat/survey/scale.hpp: 0-100 rescaling, reverse coding, label scales.
#include <csat/survey/scale.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using namespace csat::survey;
using Catch::Contains;

TEST_CASE("scale: ACSI 1-10 items rescale linearly to 0-100", "[survey][scale]") {
  Eigen::MatrixXd x(1, 4);
  x << 1, 10, 5.5, 7;
  const Eigen::MatrixXd y = rescale_to_100(x, acsi_10);
  CHECK(y(0, 0) == 0);
  CHECK(y(0, 1) == 100);
  CHECK(y(0, 2) == Approx(50));
  CHECK(y(0, 3) == Approx(600.0 / 9));
}

TEST_CASE("scale: 1-5 and 1-7 scales rescale from their theoretical end points", "[survey][scale]") {
  Eigen::MatrixXd x(2, 1);
  x << 2, 4;
  CHECK(rescale_to_100(x, likert_5)(0, 0) == Approx(25));
  CHECK(rescale_to_100(x, likert_5)(1, 0) == Approx(75));
  CHECK(rescale_to_100(x, likert_7)(0, 0) == Approx(100.0 / 6));
  CHECK(rescale_to_100(x, likert_7)(1, 0) == Approx(50));
  CHECK(rescale_to_100(x, rating_0_10)(1, 0) == Approx(40));
  CHECK(rescale_to_100(x, scale_range{0, 4})(1, 0) == Approx(100));
}

TEST_CASE("scale: missing cells stay missing when rescaled", "[survey][scale]") {
  Eigen::MatrixXf x(1, 2);
  x << std::nanf(""), 3.0f;
  const Eigen::MatrixXf y = rescale_to_100(x, likert_5);
  CHECK(std::isnan(y(0, 0)));
  CHECK(y(0, 1) == Approx(50.0f));
}

TEST_CASE("scale: a value outside the scale is a domain_error naming the matrix cell", "[survey][scale]") {
  Eigen::MatrixXd x(2, 2);
  x << 1, 2, 3, 11;
  CHECK_THROWS_AS(rescale_to_100(x, acsi_10), csat::domain_error);
  CHECK_THROWS_WITH(rescale_to_100(x, acsi_10), Contains("csat::survey::rescale_to_100: x[1,1] = 11") &&
                                                    Contains("[1, 10]"));
  x(1, 1) = 0;
  CHECK_THROWS_WITH(rescale_to_100(x, acsi_10), Contains("x[1,1] = 0"));
}

TEST_CASE("scale: rescaling table columns names the line and column of an out-of-range value", "[survey][scale]") {
  const auto t = read_csv_text<double>("a,b,c\n1,2,3\n5,6,9\n", "s.csv");
  const auto r = rescale_to_100(t, {"a", "b"}, likert_7);
  CHECK(r.values(1, 0) == Approx(400.0 / 6));
  CHECK(r.values(1, 2) == 9);  // c untouched
  CHECK_THROWS_AS(rescale_to_100(t, {}, likert_7), csat::domain_error);
  CHECK_THROWS_WITH(rescale_to_100(t, {}, likert_7), Contains("s.csv:3: column \"c\" = 9") && Contains("[1, 7]"));
  CHECK_THROWS_AS(rescale_to_100(t, {"zz"}, likert_7), csat::invalid_argument);
}

TEST_CASE("scale: check_in_range names the first off-scale cell and skips missing cells", "[survey][scale]") {
  const auto t = read_csv_text<double>("a,b,c\n1,,3\n5,6,9\n7,0,1\n", "s.csv");
  CHECK_NOTHROW(check_in_range(t, {"a"}, likert_7));
  CHECK_NOTHROW(check_in_range(t, {"a", "b"}, scale_range{0, 7}));  // the empty cell is not checked
  CHECK_THROWS_AS(check_in_range(t, {}, likert_7), csat::domain_error);
  // row by row: line 3, column c comes before line 4, column b
  CHECK_THROWS_WITH(check_in_range(t, {}, likert_7),
                    Contains("s.csv:3: column \"c\" = 9") && Contains("must lie in the scale range [1, 7]"));
  CHECK_THROWS_WITH(check_in_range(t, {"a", "b"}, likert_7), Contains("s.csv:4: column \"b\" = 0"));
  CHECK_THROWS_AS(check_in_range(t, {"zz"}, likert_7), csat::invalid_argument);
  CHECK_THROWS_AS(check_in_range(t, {"a"}, scale_range{3, 3}), csat::invalid_argument);
}

TEST_CASE("scale: an invalid scale range is an invalid argument", "[survey][scale]") {
  Eigen::MatrixXd x = Eigen::MatrixXd::Ones(1, 1);
  CHECK_THROWS_AS(rescale_to_100(x, scale_range{5, 5}), csat::invalid_argument);
  CHECK_THROWS_WITH(rescale_to_100(x, scale_range{5, 1}), Contains("[5, 1]"));
  CHECK_THROWS_AS(reverse_code(x, scale_range{0, std::nan("")}), csat::invalid_argument);
}

TEST_CASE("scale: reverse coding maps x to min + max - x", "[survey][scale]") {
  Eigen::MatrixXd x(1, 4);
  x << 1, 2, 5, std::nan("");
  const Eigen::MatrixXd y = reverse_code(x, likert_5);
  CHECK(y(0, 0) == 5);
  CHECK(y(0, 1) == 4);
  CHECK(y(0, 2) == 1);
  CHECK(std::isnan(y(0, 3)));
  CHECK_THROWS_WITH(reverse_code(x * 2, likert_5), Contains("x[0,2] = 10"));
}

TEST_CASE("scale: reverse coding table columns", "[survey][scale]") {
  const auto t = read_csv_text<double>("q1,q2r\n1,7\n4,NA\n", "r.csv");
  const auto r = reverse_code(t, {"q2r"}, likert_7);
  CHECK(r.values(0, 1) == 1);
  CHECK(std::isnan(r.values(1, 1)));
  CHECK(r.values(0, 0) == 1);
  CHECK_THROWS_AS(reverse_code(t, {}, likert_7), csat::invalid_argument);
  CHECK_THROWS_WITH(reverse_code(t, {"q2r"}, likert_5), Contains("r.csv:2: column \"q2r\" = 7"));
}

TEST_CASE("scale: the power-industry 5-grade preset maps labels to 100/80/60/40/0", "[survey][scale]") {
  const label_scale s = power_5_grade();
  REQUIRE(s.levels().size() == 5);
  CHECK(s.find("很满意")->score == 100);
  CHECK(s.find("比较满意")->score == 80);
  CHECK(s.find("基本满意")->score == 60);
  CHECK(s.find("不太满意")->score == 40);
  CHECK(s.find("很不满意")->score == 0);
  CHECK(s.find(" 很满意 ")->code == 5);
  CHECK(s.find("满意") == nullptr);
}

TEST_CASE("scale: the 5-grade preset accepts codes 5..1 as text or numbers", "[survey][scale]") {
  const label_scale s = power_5_grade();
  CHECK(s.find("5")->score == 100);
  CHECK(s.find("1")->score == 0);
  CHECK(s.find(4.0)->score == 80);
  CHECK(s.find(2.0)->label == "不太满意");
  CHECK(s.find(2.5) == nullptr);
  CHECK(s.find(6.0) == nullptr);
  CHECK(s.find("0") == nullptr);
}

TEST_CASE("scale: applying a label scale to text and numeric columns of a table", "[survey][scale]") {
  csv_options o;
  o.text_columns = {"服务态度"};
  const auto t = read_csv_text<double>("服务态度,供电质量\n很满意,4\n基本满意,NA\nNA,1\n3,5\n", "p.csv", o);
  const auto r = apply_label_scale(t, {"服务态度", "供电质量"}, power_5_grade());
  CHECK(r.names == std::vector<std::string>{"供电质量", "服务态度"});
  CHECK(r.text_names.empty());
  CHECK(r.values(0, 0) == 80);
  CHECK(std::isnan(r.values(1, 0)));
  CHECK(r.values(2, 0) == 0);
  CHECK(r.values(3, 0) == 100);
  CHECK(r.values(0, 1) == 100);
  CHECK(r.values(1, 1) == 60);
  CHECK(std::isnan(r.values(2, 1)));
  CHECK(r.values(3, 1) == 60);
  CHECK(r.missing == std::vector<Eigen::Index>{1, 1});
}

TEST_CASE("scale: an answer that is not on the label scale names the line, column and text", "[survey][scale]") {
  csv_options o;
  o.text_columns = {"q"};
  const auto t = read_csv_text<double>("q,n\n很满意,5\n满意,6\n", "p.csv", o);
  CHECK_THROWS_AS(apply_label_scale(t, {"q"}, power_5_grade()), csat::domain_error);
  CHECK_THROWS_WITH(apply_label_scale(t, {"q"}, power_5_grade()),
                    Contains("p.csv:3: column \"q\" = \"满意\"") && Contains("很满意/5"));
  CHECK_THROWS_WITH(apply_label_scale(t, {"n"}, power_5_grade()), Contains("p.csv:3: column \"n\" = \"6\""));
  CHECK_THROWS_AS(apply_label_scale(t, {}, power_5_grade()), csat::invalid_argument);
}

TEST_CASE("scale: user-defined label scales, validated on construction", "[survey][scale]") {
  const label_scale yn("yes_no", {{"是", 1, 100}, {"否", 0, 0}});
  CHECK(yn.find("是")->score == 100);
  CHECK(yn.find(0.0)->label == "否");
  CHECK(yn.name() == "yes_no");
  CHECK_THROWS_AS(label_scale("d", {{"a", 1, 1}, {"a", 2, 2}}), csat::invalid_argument);
  CHECK_THROWS_WITH(label_scale("d", {{"a", 1, 1}, {"b", 1, 2}}), Contains("code 1 appears twice"));
  CHECK_THROWS_WITH(label_scale("d", {{"a", 1, 1}}), Contains("at least two levels"));
  CHECK_THROWS_AS(label_scale("d", {{"a", 1, 1}, {"b", 2, std::nan("")}}), csat::domain_error);
}
