// Tests of lavaan's group.equal and group.partial (sem::model_options::group_equal / group_partial): metric, scalar
// and strict invariance written with group_equal equal the same models written with labels, and both equal
// lavaan 0.6-14; a partial scalar model frees the named parameters (values made by tests/reference/sem_group_equal.R).
#include <csat/sem/fit_table.hpp>

#include <catch2/catch.hpp>

#include "support/models.hpp"
#include "support/shared.hpp"

#include <cmath>
#include <string>
#include <vector>

using Catch::Contains;

namespace {

csat::survey::data_table<double> hs_school() {
  csat::survey::csv_options o;
  o.text_columns = {"school"};
  return csat::survey::read_csv(csat_test::source_path("tests/data/sem_hs_school.csv"), o);
}

csat::survey::data_table<double> group_equal_reference(const std::string& file, std::vector<std::string> text) {
  csat::survey::csv_options o;
  o.text_columns = std::move(text);
  return csat::survey::read_csv(csat_test::source_path("tests/reference/" + file), o);
}

double lavaan_measure(const std::string& model, const std::string& name) {
  static const auto t = group_equal_reference("sem_group_equal_fit.csv", {"model", "measure"});
  const auto& m = t.text_column("model");
  const auto& n = t.text_column("measure");
  for (std::size_t i = 0; i < m.size(); ++i)
    if (m[i] == model && n[i] == name) return t.values(static_cast<Eigen::Index>(i), t.index_of("value"));
  FAIL("no " << model << " " << name << " in sem_group_equal_fit.csv");
  return 0;
}

csat::sem::table_fit fit_equal(const std::string& text, std::vector<std::string> equal,
                               std::vector<std::string> partial = {}) {
  csat::sem::sem_options o;
  o.group = "school";
  o.model.group_equal = std::move(equal);
  o.model.group_partial = std::move(partial);
  return csat::sem::fit_table(text, hs_school(), o);
}

void check_fit(const csat::sem::table_fit& f, const std::string& lavaan_model) {
  INFO(lavaan_model);
  const auto& fi = f.result.fit;
  CHECK(fi.npar == static_cast<int>(lavaan_measure(lavaan_model, "npar")));
  CHECK(fi.df == lavaan_measure(lavaan_model, "df"));
  for (const auto& m : std::vector<std::pair<const char*, double>>{
           {"chisq", fi.chisq}, {"cfi", fi.cfi}, {"rmsea", fi.rmsea}, {"logl", fi.loglik}}) {
    const double want = lavaan_measure(lavaan_model, m.first);
    INFO(m.first << ": csat " << m.second << ", lavaan " << want);
    CHECK(std::abs(m.second - want) <= 1e-5 * std::max(1.0, std::abs(want)));
  }
}

// the constraints of group_equal written with labels: c(a, a) gives both schools one parameter
const char* labelled_loadings =
    "visual =~ x1 + c(l2, l2)*x2 + c(l3, l3)*x3\n"
    "textual =~ x4 + c(l5, l5)*x5 + c(l6, l6)*x6\n"
    "speed =~ x7 + c(l8, l8)*x8 + c(l9, l9)*x9\n";

std::string labelled(const char* op_text, const char* prefix) {
  std::string s;
  for (int i = 1; i <= 9; ++i) {
    const std::string x = "x" + std::to_string(i), l = prefix + std::to_string(i);
    s += x + op_text + "c(" + l + ", " + l + ")*" + (std::string(op_text) == " ~ " ? "1" : x) + "\n";
  }
  return s;
}

const char* free_second_means = "visual ~ c(0, NA)*1\ntextual ~ c(0, NA)*1\nspeed ~ c(0, NA)*1\n";

}  // namespace

TEST_CASE("group_equal: metric, scalar and strict invariance as lavaan's group.equal and as labels",
          "[sem][groups][group_equal]") {
  const auto metric = fit_equal(csat_test::hs_model, {"loadings"});
  check_fit(metric, "metric");
  check_fit(fit_equal(labelled_loadings, {}), "metric_labels");
  CHECK(std::abs(metric.result.fit.chisq - fit_equal(labelled_loadings, {}).result.fit.chisq) < 1e-8);

  const std::string scalar_labels = std::string(labelled_loadings) + labelled(" ~ ", "i") + free_second_means;
  const auto scalar = fit_equal(csat_test::hs_model, {"loadings", "intercepts"});
  check_fit(scalar, "scalar");
  const auto scalar_l = fit_equal(scalar_labels, {});
  check_fit(scalar_l, "scalar_labels");
  CHECK(std::abs(scalar.result.fit.chisq - scalar_l.result.fit.chisq) < 1e-6);

  const auto strict = fit_equal(csat_test::hs_model, {"loadings", "intercepts", "residuals"});
  check_fit(strict, "strict");
  const auto strict_l = fit_equal(scalar_labels + labelled(" ~~ ", "r"), {});
  check_fit(strict_l, "strict_labels");
  CHECK(std::abs(strict.result.fit.chisq - strict_l.result.fit.chisq) < 1e-6);
}

TEST_CASE("group_partial frees the named parameters of group_equal's kinds, as lavaan's group.partial",
          "[sem][groups][group_equal]") {
  const auto f = fit_equal(csat_test::hs_model, {"loadings", "intercepts"}, {"x3 ~ 1", "visual=~x2"});
  check_fit(f, "partial");
  const auto ref = group_equal_reference("sem_group_equal_estimates.csv", {"lhs", "op", "rhs"});
  int matched = 0;
  for (Eigen::Index i = 0; i < ref.rows(); ++i) {
    const auto k = static_cast<std::size_t>(i);
    const int g = static_cast<int>(ref.values(i, ref.index_of("group"))) - 1;
    const std::string op = ref.text_column("op")[k], lhs = ref.text_column("lhs")[k], rhs = ref.text_column("rhs")[k];
    for (const auto& p : f.result.parameters) {
      if (p.group != g || p.op != op || p.lhs != lhs || (op != "~1" && p.rhs != rhs)) continue;
      ++matched;
      const double est = ref.values(i, ref.index_of("est")), se = ref.values(i, ref.index_of("se"));
      INFO(lhs << " " << op << " " << rhs << " group " << g + 1);
      CHECK(std::abs(p.est - est) <= 1e-5 * std::max(1.0, std::abs(est)));
      CHECK(std::abs(p.se - se) <= 1e-5 * std::max(1.0, std::abs(se)));
    }
  }
  CHECK(matched == ref.rows());
  // the freed parameters differ between the schools, the tied ones do not
  auto est = [&](const char* lhs, const char* op, const char* rhs, int g) {
    for (const auto& p : f.result.parameters)
      if (p.group == g && p.lhs == lhs && p.op == op && p.rhs == rhs) return p.est;
    FAIL("no parameter " << lhs << op << rhs);
    return 0.0;
  };
  CHECK(est("visual", "=~", "x2", 0) != est("visual", "=~", "x2", 1));
  CHECK(est("x3", "~1", "", 0) != est("x3", "~1", "", 1));
  CHECK(est("visual", "=~", "x3", 0) == est("visual", "=~", "x3", 1));
  CHECK(est("x1", "~1", "", 0) == est("x1", "~1", "", 1));
  // a covariance may be named either way round; an entry naming no parameter, or not a parameter, is an error
  CHECK_NOTHROW(fit_equal(csat_test::hs_model + std::string("x1 ~~ x4\n"), {"loadings", "residual.covariances"},
                          {"x4 ~~ x1"}));
  CHECK_THROWS_WITH(fit_equal(csat_test::hs_model, {"loadings"}, {"visual =~ x9"}),
                    Contains("group_partial entry \"visual =~ x9\" names no parameter of the model"));
  CHECK_THROWS_WITH(fit_equal(csat_test::hs_model, {"loadings"}, {"x3"}),
                    Contains("group_partial entry \"x3\" is not a parameter written as in the syntax"));
}
