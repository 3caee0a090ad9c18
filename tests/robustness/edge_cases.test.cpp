// Numeric edge cases across the components: values near 1e308, infinities and NaN, overflowing numbers in every
// reader, zero variance, perfect collinearity, fewer rows than parameters, empty groups and segments, and
// pathological model text. Each either gives the right number or a typed, located error.
#include <csat/ahp/analysis.hpp>
#include <csat/ahp/hierarchy_file.hpp>
#include <csat/fuzzy/compose.hpp>
#include <csat/model/presets.hpp>
#include <csat/model/specification.hpp>
#include <csat/model/syntax.hpp>
#include <csat/pls/index.hpp>
#include <csat/sem/estimate.hpp>
#include <csat/survey/csv.hpp>
#include <csat/survey/reliability.hpp>
#include <csat/survey/scale.hpp>
#include <csat/survey/stats.hpp>
#include <csat/weights/objective.hpp>

#include <catch2/catch.hpp>

#include "support/shared.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <vector>
#include "robustness/robustness_data.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

using csat_test::segments;
using csat_test::columns;

namespace {

const double k_inf = std::numeric_limits<double>::infinity();
const double k_nan = std::numeric_limits<double>::quiet_NaN();

csat::survey::data_table<double> read(const std::string& text) { return csat::survey::read_csv_text(text, "t.csv"); }

// Five respondents, three items in ordinary units.
Eigen::MatrixXd items() {
  Eigen::MatrixXd x(5, 3);
  x << 4, 5, 3,  //
      2, 3, 2,   //
      5, 4, 5,   //
      3, 3, 2,   //
      1, 2, 1;
  return x;
}



}  // namespace

// ---- data files and survey statistics ------------------------------------------------------------------

TEST_CASE("csv: numbers near 1e308 are read exactly, beyond the largest double they are located errors",
          "[robustness][csv][extreme]") {
  const auto t = read("a,b\n1.7976931348623157e308,1\n-1e308,2\n0,4\n");
  CHECK(t.values(0, 0) == std::numeric_limits<double>::max());
  CHECK(t.values(1, 0) == -1e308);
  CHECK_THROWS_AS(read("a,b\n1.8e308,1\n"), csat::parse_error);
  CHECK_THROWS_WITH(read("a,b\n1,2\n3,1.8e308\n"), Contains("t.csv:3:3:") && Contains("\"1.8e308\"") && Contains("overflows"));
  // other malformed numbers: hexadecimal, two decimal points, a bare exponent, an embedded NUL byte
  CHECK_THROWS_WITH(read("a\n0x1A\n"), Contains("t.csv:2:1:") && Contains("\"0x1A\" is not a number"));
  CHECK_THROWS_WITH(read("a\n1.5.2\n"), Contains("t.csv:2:1:") && Contains("\"1.5.2\" is not a number"));
  CHECK_THROWS_WITH(read("a\n5e\n"), Contains("t.csv:2:1:") && Contains("\"5e\" is not a number"));
  CHECK_THROWS_AS(read(std::string("a\n1\0 2\n", 7)), csat::parse_error);
  // a file that is only a byte-order mark is empty
  CHECK_THROWS_WITH(read("\xEF\xBB\xBF"), Contains("t.csv:1:1:") && Contains("empty"));
}

TEST_CASE("describe and correlation: values near 1e308 give the right numbers, infinities are located errors",
          "[robustness][survey][extreme]") {
  const auto t = read("a,b\n1.7976931348623157e308,1\n-1e308,2\n0,4\n");
  const auto d = csat::survey::describe(t);
  // the same data in units of 1e300 give the reference values (no overflow there)
  Eigen::MatrixXd small = t.values;
  small.col(0) /= 1e300;
  const auto r = csat::survey::describe(small);
  CHECK(std::isfinite(d.mean(0)));
  CHECK_THAT(d.mean(0), WithinRel(r.mean(0) * 1e300, 1e-12));
  CHECK_THAT(d.mean(0), WithinRel((std::numeric_limits<double>::max() - 1e308) / 3, 1e-12));
  CHECK_THAT(d.sd(0), WithinRel(r.sd(0) * 1e300, 1e-12));
  CHECK_THAT(d.skewness(0), WithinAbs(r.skewness(0), 1e-12));
  CHECK(d.max(0) == std::numeric_limits<double>::max());
  const auto c = csat::survey::correlation(t.values);
  const auto cs = csat::survey::correlation(small);
  CHECK_THAT(c.r(0, 1), WithinAbs(cs.r(0, 1), 1e-12));
  CHECK(c.r(0, 1) < -0.3);  // it is -0.33, not 0
  // ordinary data give bit-identical results (the rescaling is by a power of two)
  Eigen::MatrixXd x = items();
  const auto dx = csat::survey::describe(x);
  CHECK(dx.mean(0) == 3.0);
  CHECK(dx.sd(0) == std::sqrt(2.5));
  // infinity is not a missing value: a domain error naming the cell
  x(1, 2) = k_inf;
  CHECK_THROWS_AS(csat::survey::describe(x), csat::domain_error);
  CHECK_THROWS_WITH(csat::survey::describe(x), Contains("x[1,2] = inf, but must be finite"));
  x(1, 2) = -k_inf;
  CHECK_THROWS_WITH(csat::survey::correlation(x), Contains("x[1,2] = -inf, but must be finite"));
  // NaN is missing; a column with no observed value has NaN statistics, not garbage
  const auto m = csat::survey::describe(read("a,b\n1,NA\n2,NA\n"));
  CHECK(m.n(1) == 0);
  CHECK(std::isnan(m.mean(1)));
  CHECK(std::isnan(m.sd(1)));
}

TEST_CASE("reliability: items near 1e308 give the alpha of the same items in ordinary units", "[robustness][survey][extreme]") {
  const Eigen::MatrixXd x = items();
  const auto a = csat::survey::cronbach_alpha(x);
  for (const double unit : {1e150, 1e200, 1e306}) {
    INFO("unit " << unit);
    const auto b = csat::survey::cronbach_alpha((x * unit).eval());
    CHECK_THAT(b.alpha, WithinAbs(a.alpha, 1e-12));
    CHECK_THAT(b.alpha_standardized, WithinAbs(a.alpha_standardized, 1e-12));
    CHECK(std::abs(b.item_total_correlation(0) - a.item_total_correlation(0)) < 1e-12);
  }
  Eigen::MatrixXd y = x;
  y(2, 1) = k_inf;
  CHECK_THROWS_AS(csat::survey::cronbach_alpha(y), csat::domain_error);
  CHECK_THROWS_WITH(csat::survey::cronbach_alpha(y), Contains("items[2,1] = inf"));
}

TEST_CASE("scale: a range whose width overflows is an invalid argument, values outside the range are located",
          "[robustness][survey][extreme]") {
  using csat::survey::scale_range;
  Eigen::MatrixXd x(2, 1);
  x << 1e308, -1e308;
  const scale_range wide{-1e308, 1e308}, ordinary{1, 10}, open_end{1, k_inf}, no_min{k_nan, 10};
  CHECK_THROWS_AS(csat::survey::rescale_to_100(x, wide), csat::invalid_argument);
  CHECK_THROWS_WITH(csat::survey::rescale_to_100(x, wide), Contains("too wide"));
  Eigen::MatrixXd z(2, 1);
  z << 5e305, -1e306;
  const scale_range widest{-1e306, 5e305};  // 100 x width = 1.5e308 is still finite
  const auto y = csat::survey::rescale_to_100(z, widest);
  CHECK_THAT(y(0, 0), WithinRel(100.0, 1e-15));
  CHECK(y(1, 0) == 0.0);
  CHECK_THROWS_AS(csat::survey::rescale_to_100(x, ordinary), csat::domain_error);
  CHECK_THROWS_WITH(csat::survey::rescale_to_100(x, ordinary), Contains("x[0,0] = 1e+308"));
  CHECK_THROWS_AS(csat::survey::rescale_to_100(x, open_end), csat::invalid_argument);
  CHECK_THROWS_AS(csat::survey::rescale_to_100(x, no_min), csat::invalid_argument);
}

// ---- objective weights and fuzzy evaluation ----------------------------------------------------------

TEST_CASE("objective weights: an indicator near 1e308 gets the weight it has in ordinary units", "[robustness][weights][extreme]") {
  Eigen::MatrixXd x(4, 3);
  x << 99.2, 12, 3.1,  //
      98.7, 15, 2.2,   //
      99.9, 9, 4.0,    //
      97.5, 11, 3.3;
  Eigen::MatrixXd y = x;
  y.col(0) *= 1e306;
  y.col(2) *= 1e-300;
  csat::weights::objective_options o;
  o.criteria = {csat::weights::criterion::benefit, csat::weights::criterion::cost, csat::weights::criterion::benefit};
  const auto ea = csat::weights::entropy_weights(x, o), eb = csat::weights::entropy_weights(y, o);
  CHECK((ea.weights - eb.weights).cwiseAbs().maxCoeff() < 1e-12);
  const auto ca = csat::weights::critic_weights(x, o), cb = csat::weights::critic_weights(y, o);
  CHECK((ca.weights - cb.weights).cwiseAbs().maxCoeff() < 1e-12);
  const auto va = csat::weights::variation_weights(x, o), vb = csat::weights::variation_weights(y, o);
  CHECK((va.weights - vb.weights).cwiseAbs().maxCoeff() < 1e-12);
  CHECK_THAT(vb.mean(0), WithinRel(va.mean(0) * 1e306, 1e-12));
  CHECK_THAT(vb.sd(0), WithinRel(va.sd(0) * 1e306, 1e-12));
  // ordinary data: unchanged results (the rescaling is by powers of two)
  CHECK(va.mean(1) == 11.75);
  // infinity and NaN are located errors
  y(2, 1) = k_inf;
  CHECK_THROWS_AS(csat::weights::entropy_weights(y, o), csat::domain_error);
  CHECK_THROWS_WITH(csat::weights::entropy_weights(y, o), Contains("indicator 1, object 2: value = inf, but must be finite"));
  y(2, 1) = k_nan;
  CHECK_THROWS_WITH(csat::weights::critic_weights(y, o), Contains("indicator 1, object 2: value = nan"));
}

TEST_CASE("fuzzy composition: NaN, infinite or all-zero weights and memberships are domain errors naming the item",
          "[robustness][fuzzy][extreme]") {
  namespace fz = csat::fuzzy;
  Eigen::MatrixXd r(2, 3);
  r << 0.2, 0.5, 0.3, 0.1, 0.6, 0.3;
  fz::compose_options<> o;
  o.items = {"speed", "courtesy"};
  Eigen::RowVectorXd a(2);
  a << 0.5, k_nan;
  CHECK_THROWS_AS(fz::compose(a, r, o), csat::domain_error);
  CHECK_THROWS_WITH(fz::compose(a, r, o), Contains("weight of item 1 (\"courtesy\") = nan"));
  a << k_inf, 0.5;
  CHECK_THROWS_WITH(fz::compose(a, r, o), Contains("weight of item 0 (\"speed\") = inf"));
  a << 0, 0;
  CHECK_THROWS_WITH(fz::compose(a, r, o), Contains("sum of weights (speed, courtesy) = 0"));
  a << 0.5, 0.5;
  Eigen::MatrixXd q = r;
  q(0, 1) = k_nan;
  o.rows = fz::row_policy::normalize;  // even when rows are normalized
  CHECK_THROWS_WITH(fz::compose(a, q, o), Contains("membership of item 0 (\"speed\") in grade 1 = nan"));
  q = r;
  q.row(1).setZero();
  CHECK_THROWS_WITH(fz::compose(a, q, o), Contains("membership row of item 1 (\"courtesy\") = 0"));
  q = r;
  q(1, 2) = 1e308;
  CHECK_THROWS_WITH(fz::compose(a, q, o), Contains("membership of item 1 (\"courtesy\") in grade 2 = 1e+308"));
}

// ---- AHP ---------------------------------------------------------------------------------------------

TEST_CASE("AHP: judgments near 1e308 give the closed-form CR, beyond the largest double they are located errors",
          "[robustness][ahp][extreme]") {
  // n = 3: lambda_max = 1 + (ac/b)^(1/3) + (b/(ac))^(1/3) for a = a12, b = a13, c = a23
  const auto m = csat::ahp::read_pairwise_csv_text("A,B,C\n1,1e300,1\n,1,1\n,,1\n", "m.csv");
  const auto r = csat::ahp::analyze(m);
  const double lambda = 1 + 1e100 + 1e-100;
  CHECK_THAT(r.consistency.lambda_max, WithinRel(lambda, 1e-9));
  CHECK_THAT(r.consistency.cr, WithinRel((lambda - 3) / 2 / r.consistency.ri, 1e-9));
  CHECK_FALSE(r.consistency.consistent);
  CHECK_THAT(r.weights.sum(), WithinAbs(1.0, 1e-12));
  CHECK(r.weights.allFinite());
  const auto h = csat::ahp::read_pairwise_csv_text("A,B\n1,1.7976931348623157e308\n,1\n", "m.csv");
  CHECK(csat::ahp::analyze(h).weights.allFinite());
  CHECK_THROWS_AS(csat::ahp::read_pairwise_csv_text("A,B\n1,1e400\n,1\n", "m.csv"), csat::parse_error);
  CHECK_THROWS_WITH(csat::ahp::read_pairwise_csv_text("A,B\n1,1e400\n,1\n", "m.csv"),
                    Contains("m.csv:2:3: pairwise[0,1] (A vs B): \"1e400\" is not a number"));
  CHECK_THROWS_WITH(csat::ahp::read_pairwise_csv_text("A,B\n1,1e-400\n,1\n", "m.csv"),
                    Contains("m.csv:2:3: pairwise[0,1] (A vs B) = 0, but must be finite and positive"));
  CHECK_THROWS_WITH(csat::ahp::read_pairwise_csv_text("A,B\n1,inf\n,1\n", "m.csv"), Contains("m.csv:2:3:") && Contains("\"inf\""));
  // hierarchy files: direct weights near 1e308 normalize; words for infinity and NaN are located errors
  const auto hw = csat::ahp::evaluate(csat::ahp::read_hierarchy_text("goal: G\n[G]\nchildren: A, B\nweights: 1e308, 1e308\n", "h.txt"));
  REQUIRE(hw.leaf_weights.size() == 2);
  CHECK_THAT(hw.leaf_weights(0), WithinAbs(0.5, 1e-15));
  CHECK_THAT(hw.leaf_weights(1), WithinAbs(0.5, 1e-15));
  CHECK_THROWS_AS(csat::ahp::read_hierarchy_text("goal: G\n[G]\nchildren: A, B\nweights: inf, 1\n", "h.txt"), csat::parse_error);
  CHECK_THROWS_WITH(csat::ahp::read_hierarchy_text("goal: G\n[G]\nchildren: A, B\nweights: nan, 1\n", "h.txt"),
                    Contains("h.txt:4:10: \"nan\" is not a number"));
  CHECK_THROWS_WITH(csat::ahp::read_hierarchy_text("goal: G\n[G]\nchildren: A, B\nupper: 1e999\n", "h.txt"), Contains("h.txt:4:"));
}

// ---- model text ----------------------------------------------------------------------------------------

TEST_CASE("model syntax: numbers beyond the largest double and pathological nesting are located parse errors",
          "[robustness][model][extreme]") {
  using csat::model::parse_syntax;
  CHECK_THROWS_AS(parse_syntax("f =~ 1e400*x1 + x2 + x3\n", "m.lav"), csat::parse_error);
  CHECK_THROWS_WITH(parse_syntax("f =~ 1e400*x1 + x2 + x3\n", "m.lav"), Contains("m.lav:1:6:") && Contains("\"1e400\" overflows a double"));
  CHECK_THROWS_WITH(parse_syntax("f =~ x1 + x2\nd := 2 * 1e999\n", "m.lav"), Contains("m.lav:2:10:") && Contains("overflows"));
  CHECK_NOTHROW(parse_syntax("f =~ 1e308*x1 + x2 + x3\n", "m.lav"));
  // deep nesting used to overflow the stack; now it is a parse error at the offending token
  const std::string deep = "f =~ x1 + x2\nd := " + std::string(100000, '(') + "1" + std::string(100000, ')') + "\n";
  CHECK_THROWS_AS(parse_syntax(deep, "m.lav"), csat::parse_error);
  CHECK_THROWS_WITH(parse_syntax(deep, "m.lav"), Contains("m.lav:2:") && Contains("nested more than 200 levels"));
  const std::string minus = "f =~ x1 + x2\nd := " + std::string(5000, '-') + "1\n";
  CHECK_THROWS_WITH(parse_syntax(minus, "m.lav"), Contains("nested more than 200 levels"));
  std::string chain = "f =~ x1 + x2\nd := 1";
  for (int i = 0; i < 20000; ++i) chain += "+1";
  CHECK_THROWS_WITH(parse_syntax(chain + "\n", "m.lav"), Contains("more than 10000 operators"));
  // a left-deep chain at the limit parses, evaluates and lists its names (building it once copied the
  // left subtree at every operator: 5e7 node copies, about a minute under the sanitizers)
  std::string limit = "f =~ x1 + x2\nd := 1";
  for (int i = 0; i < 10000; ++i) limit += "-a";
  const auto at_limit = parse_syntax(limit + "\n", "m.lav");
  REQUIRE(at_limit.statements.size() == 2);
  CHECK(csat::model::evaluate<double>(at_limit.statements[1].rhs_expr, [](const std::string&) { return 0.5; }) == -4999.0);
  std::vector<std::string> names;
  csat::model::collect_names(at_limit.statements[1].rhs_expr, names);
  CHECK(names.size() == 10000);
  // ordinary nesting is fine
  CHECK_NOTHROW(parse_syntax("f =~ x1 + x2\nd := " + std::string(50, '(') + "1" + std::string(50, ')') + "\n", "m.lav"));
  std::string ok = "f =~ x1 + x2\nd := 1";
  for (int i = 0; i < 500; ++i) ok += "+1";
  CHECK_NOTHROW(parse_syntax(ok + "\n", "m.lav"));
}

// ---- ML SEM ----------------------------------------------------------------------------------------------

TEST_CASE("ML SEM: a fixed value near 1e308 is a reported numerical issue, not an exception", "[robustness][sem][extreme]") {
  const auto t = segments();
  const auto mdl = csat::sem::specify("sat =~ q1 + 1e308*q2 + q3\n");
  const auto s = csat::sem::make_sample(columns(t, mdl.observed), mdl.observed);
  csat::sem::sem_result r;
  REQUIRE_NOTHROW(r = csat::sem::fit(mdl, s));
  CHECK(r.status != csat::sem::fit_status::success);
  CHECK_FALSE(r.warnings.empty());
}

TEST_CASE("ML SEM: fewer rows than variables, empty and one-row groups, extreme and infinite data are located errors",
          "[robustness][sem][extreme]") {
  const auto t = segments();
  const auto mdl = csat::sem::specify("sat =~ q1 + q2 + q3\nval =~ q4 + q5 + q6\nloy =~ q7 + q8 + q9\n");
  const Eigen::MatrixXd x = columns(t, mdl.observed);
  // 5 rows for 9 variables: the sample covariance matrix is singular
  CHECK_THROWS_AS(csat::sem::make_sample(x.topRows(5), mdl.observed), csat::domain_error);
  CHECK_THROWS_WITH(csat::sem::make_sample(x.topRows(5), mdl.observed), Contains("sample covariance matrix is singular"));
  // groups: a label without rows, a group with one row
  std::vector<int> g(static_cast<std::size_t>(x.rows()));
  for (std::size_t i = 0; i < g.size(); ++i) g[i] = static_cast<int>(i % 2);
  CHECK_THROWS_AS(csat::sem::make_sample(x, mdl.observed, g, {"a", "b", "c"}), csat::domain_error);
  CHECK_THROWS_WITH(csat::sem::make_sample(x, mdl.observed, g, {"a", "b", "c"}), Contains("group \"c\" has 0 usable rows"));
  std::vector<int> one(static_cast<std::size_t>(x.rows()), 0);
  one[7] = 1;
  CHECK_THROWS_WITH(csat::sem::make_sample(x, mdl.observed, one, {"a", "b"}), Contains("group \"b\" has 1 usable rows"));
  // a variable whose variance overflows is named; infinity is a located cell
  Eigen::MatrixXd y = x;
  y.col(3) *= 1e300;
  CHECK_THROWS_AS(csat::sem::make_sample(y, mdl.observed), csat::domain_error);
  CHECK_THROWS_WITH(csat::sem::make_sample(y, mdl.observed), Contains("variable \"q4\" has a non-finite variance"));
  y = x;
  y(4, 2) = -k_inf;
  CHECK_THROWS_WITH(csat::sem::make_sample(y, mdl.observed), Contains("x[4,2] = -inf, but must be finite"));
}

// ---- PLS ---------------------------------------------------------------------------------------------

TEST_CASE("PLS: infinite cells, perfectly collinear constructs and segment labels", "[robustness][pls][extreme]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto data = csat::survey::read_csv(csat_test::shared_path("data/mobi.csv"));
  const auto ecsi = csat::model::ecsi(csat::model::mobi_indicators());
  {  // an infinite cell in a matrix given directly: a domain error naming the indicator
    Eigen::MatrixXd x = data.values;
    const Eigen::Index j = data.index_of("PERQ3");
    x(3, j) = k_inf;
    CHECK_THROWS_AS(csat::pls::estimate(ecsi, x, data.names), csat::domain_error);
    CHECK_THROWS_WITH(csat::pls::estimate(ecsi, x, data.names), Contains("\"PERQ3\", row 4 of the data: the value inf"));
  }
  {  // a column near 1e307: the sums overflow, and the message says so instead of calling it constant
    Eigen::MatrixXd x = data.values;
    x.col(data.index_of("CUSL2")) *= 1e307;
    CHECK_THROWS_AS(csat::pls::estimate(ecsi, x, data.names), csat::domain_error);
    CHECK_THROWS_WITH(csat::pls::estimate(ecsi, x, data.names),
                      Contains("\"CUSL2\"") && Contains("overflow double arithmetic"));
  }
  {  // 0-100 indices: scale ends whose width overflows are a domain error
    const auto r = csat::pls::estimate(ecsi, data);
    CHECK_THROWS_AS(csat::pls::indices(r, -1e308, 1e308), csat::domain_error);
    CHECK_THROWS_WITH(csat::pls::indices(r, -1e308, 1e308), Contains("finite width"));
  }
  {  // two constructs measured by identical indicators: the structural regression is singular, reported as a status
    auto t = data;
    t.values.col(t.index_of("CUSA1")) = t.values.col(t.index_of("PERQ1"));
    t.values.col(t.index_of("CUSA2")) = t.values.col(t.index_of("PERQ2"));
    csat::model::specification s;
    s.reflective("A", {"PERQ1", "PERQ2"}).reflective("B", {"CUSA1", "CUSA2"}).reflective("C", {"CUSL1", "CUSL3"});
    s.path("A", "C").path("B", "C");
    csat::pls::estimate_result<double> r;
    REQUIRE_NOTHROW(r = csat::pls::estimate(s, t));
    CHECK(r.status == csat::pls::status::numerical_issue);
    CHECK(std::isnan(r.path("A", "C")));
  }
  {  // segments: only labels that occur, none empty, the counts add up; an empty label is a segment of its own
    const auto r = csat::pls::estimate(ecsi, data);
    const auto idx = csat::pls::indices(r, 1.0, 10.0);
    std::vector<std::string> labels(static_cast<std::size_t>(data.rows()), "x");
    labels[0] = "";
    labels[1] = "y";
    const auto seg = csat::pls::segment_indices(idx, labels);
    REQUIRE(seg.size() == 3);
    Eigen::Index total = 0;
    for (const auto& s : seg) {
      CHECK(s.n > 0);
      CHECK(s.index.allFinite());
      total += s.n;
    }
    CHECK(total == data.rows());
    CHECK(seg[0].segment.empty());
    CHECK_THROWS_AS(csat::pls::segment_indices(idx, std::vector<std::string>(3, "x")), csat::invalid_argument);
  }
}
