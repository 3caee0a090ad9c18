// Tests of csat/sem/fit_table.hpp: FIML and listwise deletion on Holzinger-Swineford with 10% of the cells
// deleted, and multiple groups, against lavaan 0.6-14 (values made by tests/reference/sem_lavaan.R).
#include <csat/sem/fit_table.hpp>

#include <catch2/catch.hpp>

#include "support/shared.hpp"

#include <cmath>
#include <map>
#include <string>
#include "support/models.hpp"

using Catch::Contains;

using csat_test::hs_model;

namespace {

const char* seg_model = "sat =~ q1 + q2 + q3\nval =~ q4 + q5 + q6\nloy =~ q7 + q8 + q9\nloy ~ sat + val\n";

csat::survey::data_table<double> reference(const std::string& file, std::vector<std::string> text) {
  csat::survey::csv_options o;
  o.text_columns = std::move(text);
  return csat::survey::read_csv(csat_test::source_path("tests/reference/" + file), o);
}

// fit measure `name` of model `which` in a *_fit.csv written by sem_lavaan.R
double measure(const csat::survey::data_table<double>& t, const std::string& which, const std::string& name) {
  const auto& m = t.text_column("model");
  const auto& n = t.text_column("measure");
  for (std::size_t i = 0; i < m.size(); ++i)
    if (m[i] == which && n[i] == name) return t.values(static_cast<Eigen::Index>(i), t.index_of("value"));
  FAIL("no " << which << " " << name);
  return 0;
}

void check_estimates(const csat::sem::sem_result& r, const csat::survey::data_table<double>& ref, double tol) {
  const auto& lhs = ref.text_column("lhs");
  const auto& op = ref.text_column("op");
  const auto& rhs = ref.text_column("rhs");
  int matched = 0;
  for (std::size_t i = 0; i < lhs.size(); ++i) {
    const auto row = static_cast<Eigen::Index>(i);
    const int g = static_cast<int>(ref.values(row, ref.index_of("group"))) - 1;
    const double est = ref.values(row, ref.index_of("est")), se = ref.values(row, ref.index_of("se"));
    for (const auto& p : r.parameters) {
      if (p.group != g || p.op != op[i]) continue;
      if (!((p.lhs == lhs[i] && p.rhs == rhs[i]) || (p.op == "~~" && p.lhs == rhs[i] && p.rhs == lhs[i]))) continue;
      ++matched;
      INFO(lhs[i] << op[i] << rhs[i] << " group " << g + 1);
      CHECK(std::abs(p.est - est) <= tol * std::max(1.0, std::abs(est)));
      CHECK(std::abs(p.se - se) <= tol * std::max(1.0, std::abs(se)));
    }
  }
  CHECK(matched == static_cast<int>(lhs.size()));
}

}  // namespace

TEST_CASE("FIML on Holzinger-Swineford with 10% missing cells matches lavaan missing = \"ml\"", "[sem][fiml]") {
  const auto data = csat::survey::read_csv(csat_test::source_path("tests/data/sem_hs_missing.csv"));
  csat::sem::sem_options o;
  o.missing = csat::sem::missing_policy::fiml;
  const auto f = csat::sem::fit_table(hs_model, data, o);
  const auto& r = f.result;
  REQUIRE(r.converged);
  CHECK(r.n_used == 301);
  CHECK(r.n_dropped == 0);
  CHECK(f.model.meanstructure);
  CHECK(r.information == csat::sem::information_type::observed);
  check_estimates(r, reference("sem_hs_fiml_estimates.csv", {"lhs", "op", "rhs"}), 1e-4);
  const auto fit = reference("sem_hs_missing_fit.csv", {"model", "measure"});
  for (const char* m : {"chisq", "logl", "unrestricted.logl", "baseline.chisq", "cfi", "tli", "aic", "bic", "rmsea",
                        "rmsea.ci.lower", "rmsea.ci.upper", "rmsea.pvalue", "srmr", "pvalue"}) {
    const std::map<std::string, double> mine{
        {"chisq", r.fit.chisq}, {"logl", r.fit.loglik}, {"unrestricted.logl", r.fit.unrestricted_loglik},
        {"baseline.chisq", r.fit.baseline_chisq}, {"cfi", r.fit.cfi}, {"tli", r.fit.tli}, {"aic", r.fit.aic},
        {"bic", r.fit.bic}, {"rmsea", r.fit.rmsea}, {"rmsea.ci.lower", r.fit.rmsea_ci_lower},
        {"rmsea.ci.upper", r.fit.rmsea_ci_upper}, {"rmsea.pvalue", r.fit.rmsea_pvalue}, {"srmr", r.fit.srmr},
        {"pvalue", r.fit.pvalue}};
    INFO(m);
    CHECK_THAT(mine.at(m), Catch::Matchers::WithinRel(measure(fit, "fiml", m), 1e-4));
  }
  CHECK(r.fit.df == measure(fit, "fiml", "df"));
  CHECK(r.fit.npar == static_cast<int>(measure(fit, "fiml", "npar")));
}

TEST_CASE("listwise deletion drops incomplete rows, reports them and matches lavaan", "[sem][fiml]") {
  const auto data = csat::survey::read_csv(csat_test::source_path("tests/data/sem_hs_missing.csv"));
  const auto f = csat::sem::fit_table(hs_model, data);
  const auto& r = f.result;
  REQUIRE(r.converged);
  CHECK(r.n_used == 117);
  CHECK(r.n_dropped == 184);
  REQUIRE(!r.warnings.empty());
  CHECK_THAT(r.warnings.front(), Contains("184 of 301 rows dropped (listwise deletion)"));
  check_estimates(r, reference("sem_hs_listwise_estimates.csv", {"lhs", "op", "rhs"}), 1e-5);
  const auto fit = reference("sem_hs_missing_fit.csv", {"model", "measure"});
  CHECK_THAT(r.fit.chisq, Catch::Matchers::WithinRel(measure(fit, "listwise", "chisq"), 1e-6));
  CHECK_THAT(r.fit.cfi, Catch::Matchers::WithinRel(measure(fit, "listwise", "cfi"), 1e-6));
  CHECK_THAT(r.fit.rmsea_ci_upper, Catch::Matchers::WithinRel(measure(fit, "listwise", "rmsea.ci.upper"), 1e-6));
}

TEST_CASE("three customer segments: configural, metric and scalar fits match lavaan", "[sem][groups]") {
  csat::survey::csv_options co;
  co.text_columns = {"segment"};
  const auto data = csat::survey::read_csv(csat_test::source_path("tests/data/sem_segments.csv"), co);
  const auto fit = reference("sem_segments_fit.csv", {"model", "measure"});
  for (const auto& step : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"configural", {}}, {"metric", {"loadings"}}, {"scalar", {"loadings", "intercepts"}}}) {
    csat::sem::sem_options o;
    o.group = "segment";
    o.model.group_equal = step.second;
    const auto f = csat::sem::fit_table(seg_model, data, o);
    const auto& r = f.result;
    INFO(step.first);
    REQUIRE(r.converged);
    CHECK(r.group_labels == std::vector<std::string>{"residential", "commercial", "industrial"});
    CHECK(r.group_n == std::vector<Eigen::Index>{220, 180, 150});
    CHECK_THAT(r.fit.chisq, Catch::Matchers::WithinRel(measure(fit, step.first, "chisq"), 1e-6));
    CHECK(r.fit.df == measure(fit, step.first, "df"));
    CHECK(r.fit.npar == static_cast<int>(measure(fit, step.first, "npar")));
    CHECK_THAT(r.fit.loglik, Catch::Matchers::WithinRel(measure(fit, step.first, "logl"), 1e-8));
    CHECK_THAT(r.fit.baseline_chisq, Catch::Matchers::WithinRel(measure(fit, step.first, "baseline.chisq"), 1e-6));
    CHECK_THAT(r.fit.tli, Catch::Matchers::WithinRel(measure(fit, step.first, "tli"), 1e-6));
    CHECK_THAT(r.fit.rmsea_ci_upper, Catch::Matchers::WithinRel(measure(fit, step.first, "rmsea.ci.upper"), 1e-5));
    CHECK_THAT(r.fit.rmsea_pvalue, Catch::Matchers::WithinRel(measure(fit, step.first, "rmsea.pvalue"), 1e-6));
    CHECK_THAT(r.fit.srmr, Catch::Matchers::WithinRel(measure(fit, step.first, "srmr"), 1e-4));
    if (step.first == "scalar") check_estimates(r, reference("sem_segments_scalar_estimates.csv", {"lhs", "op", "rhs"}), 1e-4);
  }
}

TEST_CASE("fit_table reports bad input with the offending name", "[sem]") {
  csat::survey::csv_options co;
  co.text_columns = {"segment"};
  const auto data = csat::survey::read_csv(csat_test::source_path("tests/data/sem_segments.csv"), co);
  CHECK_THROWS_AS(csat::sem::fit_table("f =~ q1 + q2 + q10\n", data), csat::invalid_argument);
  CHECK_THROWS_WITH(csat::sem::fit_table("f =~ q1 + q2 + q10\n", data),
                    Contains("observed variable \"q10\" of the model is not a numeric column of"));
  csat::sem::sem_options o;
  o.group = "region";
  CHECK_THROWS_WITH(csat::sem::fit_table(seg_model, data, o), Contains("group column \"region\" is not in"));
  CHECK_THROWS_AS(csat::sem::fit_table("f =~ q1 + q2 +\n", data, {}, "m.lav"), csat::parse_error);
}
