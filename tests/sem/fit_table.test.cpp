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

namespace {

// tests/reference/sem_parity_*.csv (written by sem_parity.R): lavaan's fit measures and estimates of `which`
struct parity_reference {
  csat::survey::data_table<double> fit = reference("sem_parity_fit.csv", {"model", "measure"});
  csat::survey::data_table<double> est = reference("sem_parity_estimates.csv", {"model", "lhs", "op", "rhs"});
};

const parity_reference& parity() {
  static const parity_reference r;
  return r;
}

// estimates (and SEs unless `se` is false) of lavaan model `which`, every row matched, relative tolerance
void check_parity_estimates(const csat::sem::sem_result& r, const std::string& which, double tol, bool se = true) {
  const auto& t = parity().est;
  const auto& model = t.text_column("model");
  const auto& lhs = t.text_column("lhs");
  const auto& op = t.text_column("op");
  const auto& rhs = t.text_column("rhs");
  int rows = 0, matched = 0;
  for (std::size_t i = 0; i < lhs.size(); ++i) {
    if (model[i] != which) continue;
    ++rows;
    const auto row = static_cast<Eigen::Index>(i);
    const int g = static_cast<int>(t.values(row, t.index_of("group"))) - 1;
    const double est = t.values(row, t.index_of("est")), s = t.values(row, t.index_of("se"));
    for (const auto& p : r.parameters) {
      if (p.group != g || p.op != op[i]) continue;
      if (!((p.lhs == lhs[i] && p.rhs == rhs[i]) || (p.op == "~~" && p.lhs == rhs[i] && p.rhs == lhs[i]))) continue;
      ++matched;
      INFO(which << ": " << lhs[i] << op[i] << rhs[i] << " group " << g + 1 << " est " << p.est << " lavaan " << est
                 << ", se " << p.se << " lavaan " << s);
      CHECK(std::abs(p.est - est) <= tol * std::max(1.0, std::abs(est)));
      if (se && p.free >= 0) CHECK(std::abs(p.se - s) <= tol * std::max(1.0, std::abs(s)));
      if (p.free < 0) CHECK(s == 0);
    }
  }
  CHECK(rows > 0);
  CHECK(matched == rows);
}

double parity_measure(const std::string& which, const std::string& name) { return measure(parity().fit, which, name); }

// the fit measures of lavaan model `which` (relative tolerance tol; RMSEA interval and SRMR as named)
void check_parity_fit(const csat::sem::sem_result& r, const std::string& which, double tol,
                      const std::vector<std::string>& names) {
  const auto& f = r.fit;
  const std::map<std::string, double> mine{
      {"chisq", f.chisq}, {"pvalue", f.pvalue}, {"baseline.chisq", f.baseline_chisq}, {"baseline.df", f.baseline_df},
      {"cfi", f.cfi}, {"tli", f.tli}, {"logl", f.loglik}, {"unrestricted.logl", f.unrestricted_loglik},
      {"aic", f.aic}, {"bic", f.bic}, {"bic2", f.bic2}, {"rmsea", f.rmsea}, {"rmsea.ci.lower", f.rmsea_ci_lower},
      {"rmsea.ci.upper", f.rmsea_ci_upper}, {"rmsea.pvalue", f.rmsea_pvalue}, {"srmr", f.srmr}};
  CHECK(f.npar == static_cast<int>(parity_measure(which, "npar")));
  CHECK(f.df == parity_measure(which, "df"));
  for (const auto& m : names) {
    INFO(which << " " << m << ": csat " << mine.at(m) << ", lavaan " << parity_measure(which, m));
    // lavaan's p-values are 1 - pchisq(): exactly 0 below about 1e-16, where csat gives the upper tail
    const double floor = m == "pvalue" || m == "rmsea.pvalue" ? 1e-15 : 0.0;
    CHECK(std::abs(mine.at(m) - parity_measure(which, m)) <= tol * std::abs(parity_measure(which, m)) + floor);
  }
}

const std::vector<std::string> all_measures{"chisq", "pvalue", "baseline.chisq", "baseline.df", "cfi", "tli", "logl",
                                            "unrestricted.logl", "aic", "bic", "bic2", "rmsea", "rmsea.ci.lower",
                                            "rmsea.ci.upper", "rmsea.pvalue", "srmr"};

csat::survey::data_table<double> hs_data() { return csat::survey::read_csv(csat_test::source_path("tests/data/sem_hs.csv")); }

}  // namespace

TEST_CASE("an intercept in one group switches the mean structure on, as lavaan", "[sem][means]") {
  const auto data = hs_data();
  std::string all = hs_model;
  for (int i = 1; i <= 9; ++i) all += "x" + std::to_string(i) + " ~ 1\n";
  csat::sem::sem_options on;
  on.model.meanstructure = true;
  for (const auto& c : std::vector<std::tuple<std::string, std::string, csat::sem::sem_options>>{
           {"ms_x2", std::string(hs_model) + "x2 ~ 1\n", {}}, {"ms_all", all, {}}, {"ms_option", hs_model, on}}) {
    const auto f = csat::sem::fit_table(std::get<1>(c), data, std::get<2>(c));
    const auto& r = f.result;
    INFO(std::get<0>(c));
    REQUIRE(r.status == csat::sem::fit_status::success);
    CHECK(f.model.meanstructure);
    CHECK(r.fit.df == 24);
    CHECK(r.fit.npar == 30);
    check_parity_fit(r, std::get<0>(c), 1e-5, all_measures);
    check_parity_estimates(r, std::get<0>(c), 1e-5);
    // nine free intercepts, equal to the sample means; latent means fixed to 0
    int intercepts = 0;
    for (const auto& p : r.parameters)
      if (p.op == "~1") {
        if (p.lhs[0] == 'x') {
          ++intercepts;
          CHECK(p.free >= 0);
        } else {
          CHECK(p.free < 0);
          CHECK(p.est == 0);
        }
      }
    CHECK(intercepts == 9);
  }
  // without an intercept and without the option: no mean structure, 21 parameters, the same chi-square
  const auto plain = csat::sem::fit_table(hs_model, data);
  CHECK_FALSE(plain.model.meanstructure);
  CHECK(plain.result.fit.npar == 21);
  CHECK_THAT(plain.result.fit.chisq, Catch::Matchers::WithinRel(parity_measure("ms_x2", "chisq"), 1e-5));
}

TEST_CASE("exogenous covariates: lavaan's conditional log-likelihood (fixed.x) and the joint one",
          "[sem][fixed_x]") {
  const auto data = hs_data();
  const std::string mimic = std::string(hs_model) + "visual ~ sex + ageyr\n";
  for (const bool means : {false, true})
    for (const bool fixed_x : {true, false}) {
      csat::sem::sem_options o;
      o.model.meanstructure = means;
      o.model.fixed_x = fixed_x;
      const std::string which = std::string(means ? "mimic_ms" : "mimic") + (fixed_x ? "" : "_joint");
      INFO(which);
      const auto f = csat::sem::fit_table(mimic, data, o);
      const auto& r = f.result;
      REQUIRE(r.status == csat::sem::fit_status::success);
      check_parity_fit(r, which, 1e-5, all_measures);
      check_parity_estimates(r, which, 1e-5);
      // the covariates' variances and covariance: fixed to the sample values, or free (3 more parameters)
      for (const auto& p : r.parameters)
        if (p.op == "~~" && (p.lhs == "sex" || p.lhs == "ageyr")) CHECK((p.free >= 0) == !fixed_x);
    }
  // the figures lavaan reports: the joint and the conditional log-likelihood differ by the saturated log-likelihood
  // of (sex, ageyr), the same for H0 and H1
  csat::sem::sem_options joint;
  joint.model.fixed_x = false;
  const auto c = csat::sem::fit_table(mimic, data).result.fit;
  const auto j = csat::sem::fit_table(mimic, data, joint).result.fit;
  CHECK_THAT(c.loglik - j.loglik, Catch::Matchers::WithinRel(c.unrestricted_loglik - j.unrestricted_loglik, 1e-9));
  CHECK_THAT(c.chisq, Catch::Matchers::WithinRel(j.chisq, 1e-8));
  CHECK(j.npar == c.npar + 3);
  CHECK(c.aic < j.aic);
}

TEST_CASE("FIML fits groups with few complete rows and flags what depends on h1", "[sem][fiml]") {
  // group south: 25 rows, 20% of the cells missing, 5 complete rows; its saturated (h1) likelihood has no maximum
  // (EM drifts towards a singular covariance matrix; lavaan's chi-square is 105.68, 108.97 or 109.36 for
  // em.h1.tol 1e-4, its default, 1e-6), the model's likelihood has one
  csat::survey::csv_options co;
  co.text_columns = {"segment"};
  const auto data = csat::survey::read_csv(csat_test::source_path("tests/data/sem_groups_sparse.csv"), co);
  csat::sem::sem_options o;
  o.group = "segment";
  o.missing = csat::sem::missing_policy::fiml;
  const auto f = csat::sem::fit_table(seg_model, data, o);
  const auto& r = f.result;
  REQUIRE(r.status == csat::sem::fit_status::success);
  CHECK(r.group_labels == std::vector<std::string>{"north", "south"});
  CHECK(r.group_n == std::vector<Eigen::Index>{100, 25});
  check_parity_fit(r, "sparse_fiml", 1e-5, {"logl", "aic", "bic", "bic2"});
  check_parity_estimates(r, "sparse_fiml", 1e-4);
  CHECK(r.fit.df == parity_measure("sparse_fiml", "df"));
  // csat's EM (to 1e-13) reaches the singular limit, where the saturated log-likelihood is unbounded: no chi-square
  CHECK_FALSE(r.fit.h1_estimated);
  for (const double v : {r.fit.chisq, r.fit.pvalue, r.fit.unrestricted_loglik, r.fit.baseline_chisq, r.fit.cfi,
                         r.fit.tli, r.fit.rmsea, r.fit.rmsea_ci_upper, r.fit.srmr})
    CHECK(std::isnan(v));
  bool warned = false;
  for (const auto& w : r.warnings)
    if (w.find("group \"south\": the unrestricted (h1) model could not be estimated") != std::string::npos) {
      warned = true;
      CHECK_THAT(w, Contains("chi-square, its p-value, CFI, TLI, RMSEA and SRMR depend on it and are not available"));
    }
  CHECK(warned);
  CHECK(r.warnings.size() == 1);
  // the well-posed FIML case keeps its h1
  const auto hs = csat::sem::fit_table(hs_model, csat::survey::read_csv(csat_test::source_path("tests/data/sem_hs_missing.csv")),
                                       [] { csat::sem::sem_options x; x.missing = csat::sem::missing_policy::fiml; return x; }());
  CHECK(hs.result.fit.h1_estimated);
}
