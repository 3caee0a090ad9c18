// Tests of csat/sem/estimate.hpp: ML estimates, SEs, standardized solutions, R² and fit measures against
// lavaan 0.6-14 (reference values copied from ../shared/reference/cbsem_*.json, named per block).
#include <csat/sem/estimate.hpp>
#include <csat/survey/csv.hpp>

#include <catch2/catch.hpp>

#include "support/models.hpp"
#include "support/shared.hpp"

#include <cmath>
#include <string>
#include <utility>
#include <vector>

using csat_test::hs_model;

namespace {

struct ref_row {
  const char* lhs;
  const char* op;
  const char* rhs;
  double est, se, std_all, std_all_se, std_lv, std_lv_se;
};

struct ref_fit {
  double chisq, df, pvalue, baseline_chisq, baseline_df, cfi, tli, logl, unrestricted_logl, aic, bic, bic2, rmsea,
      rmsea_ci_lower, rmsea_ci_upper, rmsea_pvalue, srmr, fmin, npar;
};

#include "estimate_refs.inc"

const char* pd_model =
    "# measurement model\n"
    "  ind60 =~ x1 + x2 + x3\n"
    "  dem60 =~ y1 + y2 + y3 + y4\n"
    "  dem65 =~ y5 + y6 + y7 + y8\n"
    "# regressions\n"
    "  dem60 ~ ind60\n"
    "  dem65 ~ ind60 + dem60\n"
    "# residual correlations\n"
    "  y1 ~~ y5\n"
    "  y2 ~~ y4 + y6\n"
    "  y3 ~~ y7\n"
    "  y4 ~~ y8\n"
    "  y6 ~~ y8\n";


const csat::sem::parameter_estimate& find(const csat::sem::sem_result& r, const std::string& lhs,
                                          const std::string& op, const std::string& rhs) {
  for (const auto& p : r.parameters)
    if (p.op == op && ((p.lhs == lhs && p.rhs == rhs) || (op == "~~" && p.lhs == rhs && p.rhs == lhs))) return p;
  FAIL("parameter " << lhs << op << rhs << " not found");
  return r.parameters.front();
}

// relative tolerance, absolute for reference values of 0
void check_close(double actual, double expected, double rel, const std::string& what) {
  INFO(what << ": actual " << actual << ", expected " << expected);
  if (expected == 0) CHECK(std::abs(actual) <= rel);
  else CHECK_THAT(actual, Catch::Matchers::WithinRel(expected, rel));
}

void check_against(const csat::sem::sem_result& r, const std::vector<ref_row>& rows, const ref_fit& f,
                   const std::vector<std::pair<std::string, double>>& r2) {
  REQUIRE(r.converged);
  REQUIRE(r.status == csat::sem::fit_status::success);
  CHECK(r.admissible);
  for (const auto& row : rows) {
    const auto& p = find(r, row.lhs, row.op, row.rhs);
    const std::string name = std::string(row.lhs) + row.op + row.rhs;
    check_close(p.est, row.est, 1e-5, name + " est");
    check_close(p.se, row.se, 1e-5, name + " se");
    check_close(p.std_all, row.std_all, 1e-5, name + " std.all");
    check_close(p.std_all_se, row.std_all_se, 1e-5, name + " std.all se");
    check_close(p.std_lv, row.std_lv, 1e-5, name + " std.lv");
    check_close(p.std_lv_se, row.std_lv_se, 1e-5, name + " std.lv se");
    if (p.free >= 0) check_close(p.pvalue, csat::sem::detail::pnorm_two_sided(row.est / row.se), 1e-4, name + " p");
  }
  const auto& x = r.fit;
  check_close(x.chisq, f.chisq, 1e-6, "chisq");
  CHECK(x.df == f.df);
  CHECK(x.npar == static_cast<int>(f.npar));
  check_close(x.pvalue, f.pvalue, 1e-6, "pvalue");
  check_close(x.baseline_chisq, f.baseline_chisq, 1e-6, "baseline chisq");
  CHECK(x.baseline_df == f.baseline_df);
  check_close(x.cfi, f.cfi, 1e-6, "cfi");
  check_close(x.tli, f.tli, 1e-6, "tli");
  check_close(x.loglik, f.logl, 1e-6, "logl");
  check_close(x.unrestricted_loglik, f.unrestricted_logl, 1e-6, "unrestricted logl");
  check_close(x.aic, f.aic, 1e-6, "aic");
  check_close(x.bic, f.bic, 1e-6, "bic");
  check_close(x.bic2, f.bic2, 1e-6, "bic2");
  check_close(x.rmsea, f.rmsea, 1e-6, "rmsea");
  check_close(x.rmsea_ci_lower, f.rmsea_ci_lower, 1e-6, "rmsea ci lower");
  check_close(x.rmsea_ci_upper, f.rmsea_ci_upper, 1e-6, "rmsea ci upper");
  check_close(x.rmsea_pvalue, f.rmsea_pvalue, 1e-6, "rmsea pvalue");
  check_close(x.srmr, f.srmr, 1e-6, "srmr");
  check_close(x.fmin, f.fmin, 1e-6, "fmin");
  for (const auto& e : r2) {
    bool found = false;
    for (const auto& q : r.r2)
      if (q.name == e.first) {
        found = true;
        check_close(q.value, e.second, 1e-5, "r2 " + e.first);
      }
    CHECK(found);
  }
  CHECK(r.r2.size() == r2.size());
}

csat::sem::sem_result fit_file(const char* model, const std::string& file, const csat::sem::model_options& mo = {}) {
  csat::survey::csv_options co;
  if (file.find("holzinger") != std::string::npos) co.text_columns = {"school"};
  const auto t = csat::survey::read_csv(csat_test::shared_path(file), co);
  const auto mdl = csat::sem::specify(model, mo);
  const auto s = csat::sem::make_sample(t.select(mdl.observed), mdl.observed);
  return csat::sem::fit(mdl, s);
}

}  // namespace

TEST_CASE("PoliticalDemocracy from raw data matches lavaan", "[sem][reference]") {
  CSAT_NEED_SHARED("reference/cbsem_political_democracy.json");
  const auto r = fit_file(pd_model, "data/political_democracy.csv");
  check_against(r, pd_rows, pd_fit, pd_r2);
  CHECK(r.n_used == 75);
  CHECK(r.information == csat::sem::information_type::expected);
  CHECK(r.iterations > 0);
  CHECK(r.iterations < 100);
  // implied covariance x1,x1 and x1,x2 (implied_cov of the JSON)
  CHECK_THAT(r.implied_cov[0](0, 0), Catch::Matchers::WithinRel(0.5299864963518933, 1e-5));
  CHECK_THAT(r.implied_cov[0](0, 1), Catch::Matchers::WithinRel(0.9777578932882317, 1e-5));
}

TEST_CASE("PoliticalDemocracy from the covariance matrix equals the raw-data fit", "[sem][reference]") {
  CSAT_NEED_SHARED("data/political_democracy_cov_ndiv.csv");
  const auto c = csat::survey::read_csv(csat_test::shared_path("data/political_democracy_cov_ndiv.csv"),
                                        csat::survey::csv_options{',', {""}, {"var"}});
  const auto mdl = csat::sem::specify(pd_model);
  // reorder the matrix to the model's variable order
  Eigen::MatrixXd S(mdl.p(), mdl.p());
  const auto& rn = c.text_column("var");
  for (Eigen::Index i = 0; i < mdl.p(); ++i)
    for (Eigen::Index j = 0; j < mdl.p(); ++j) {
      const auto ri = std::find(rn.begin(), rn.end(), mdl.observed[static_cast<std::size_t>(i)]) - rn.begin();
      S(i, j) = c.values(ri, c.index_of(mdl.observed[static_cast<std::size_t>(j)]));
    }
  // the file has divisor N; lavaan's sample.cov convention takes divisor N-1 and rescales
  const auto s1 = csat::sem::make_sample_from_covariance(S, mdl.observed, 75, {}, true);
  check_against(csat::sem::fit(mdl, s1), pd_rows, pd_fit, pd_r2);
  const Eigen::MatrixXd S_unbiased = S * (75.0 / 74.0);
  const auto s2 = csat::sem::make_sample_from_covariance(S_unbiased, mdl.observed, 75);
  CHECK_THAT(csat::sem::fit(mdl, s2).fit.chisq, Catch::Matchers::WithinRel(pd_fit.chisq, 1e-6));
}

TEST_CASE("Holzinger-Swineford three-factor CFA matches lavaan", "[sem][reference]") {
  CSAT_NEED_SHARED("reference/cbsem_holzinger.json");
  const auto r = fit_file(hs_model, "data/holzinger_swineford_1939.csv");
  check_against(r, hs_rows, hs_fit, hs_r2);
  CHECK(r.warnings.empty());
}

TEST_CASE("std_lv parameterization gives the same fit and std.lv loadings", "[sem][reference]") {
  CSAT_NEED_SHARED("reference/cbsem_holzinger.json");
  csat::sem::model_options mo;
  mo.std_lv = true;
  const auto r = fit_file(hs_model, "data/holzinger_swineford_1939.csv", mo);
  REQUIRE(r.converged);
  CHECK_THAT(r.fit.chisq, Catch::Matchers::WithinRel(hs_fit.chisq, 1e-6));
  // the free loadings equal the std.lv loadings of the marker parameterization (HS visual=~x1 std.lv)
  CHECK_THAT(find(r, "visual", "=~", "x1").est, Catch::Matchers::WithinRel(0.8996199092343512, 1e-5));
  CHECK(find(r, "visual", "~~", "visual").est == 1.0);
  CHECK(find(r, "visual", "~~", "visual").free == -1);
  CHECK_THAT(find(r, "visual", "~~", "textual").est, Catch::Matchers::WithinRel(find(r, "visual", "~~", "textual").std_all, 1e-8));
}

TEST_CASE("defined parameters get delta-method standard errors", "[sem][reference]") {
  CSAT_NEED_SHARED("data/political_democracy.csv");
  // indirect effect ind60 -> dem60 -> dem65; lavaan 0.6-14 on the same model gives est = a*b and
  // SE from the delta method: sqrt(b^2 var(a) + a^2 var(b) + 2ab cov(a,b)) with the vcov_expected entries
  const std::string text = std::string(pd_model) + "dem60 ~ a*ind60\n";
  const std::string t2 =
      "ind60 =~ x1 + x2 + x3\n dem60 =~ y1 + y2 + y3 + y4\n dem65 =~ y5 + y6 + y7 + y8\n"
      " dem60 ~ a*ind60\n dem65 ~ ind60 + b*dem60\n y1 ~~ y5\n y2 ~~ y4 + y6\n y3 ~~ y7\n y4 ~~ y8\n y6 ~~ y8\n"
      " ind := a*b\n";
  const auto r = fit_file(t2.c_str(), "data/political_democracy.csv");
  REQUIRE(r.converged);
  const auto& ind = find(r, "ind", ":=", "a*b");
  const double a = 1.483000540225424, b = 0.837344811202947;
  // vcov_expected of ../shared/reference/cbsem_political_democracy.json: var(a), var(b), cov(a,b)
  const double va = 0.3991486086680192 * 0.3991486086680192, vb = 0.09835095766814643 * 0.09835095766814643;
  const Eigen::MatrixXd& V = r.vcov;
  const int ia = find(r, "dem60", "~", "ind60").free, ib = find(r, "dem65", "~", "dem60").free;
  CHECK_THAT(V(ia, ia), Catch::Matchers::WithinRel(va, 1e-5));
  CHECK_THAT(V(ib, ib), Catch::Matchers::WithinRel(vb, 1e-5));
  const double se = std::sqrt(b * b * V(ia, ia) + a * a * V(ib, ib) + 2 * a * b * V(ia, ib));
  CHECK_THAT(ind.est, Catch::Matchers::WithinRel(a * b, 1e-5));
  CHECK_THAT(ind.se, Catch::Matchers::WithinRel(se, 1e-6));
  // standardized indirect effect = product of the standardized paths
  CHECK_THAT(ind.std_all, Catch::Matchers::WithinRel(find(r, "dem60", "~", "ind60").std_all *
                                                         find(r, "dem65", "~", "dem60").std_all, 1e-10));
  (void)text;
}

// ---- statuses and admissibility ---------------------------------------------------------------------------

namespace {

// correlation matrix with unit diagonal from the lower triangle given row-wise
Eigen::MatrixXd corr(int p, std::initializer_list<double> lower) {
  Eigen::MatrixXd R = Eigen::MatrixXd::Identity(p, p);
  auto it = lower.begin();
  for (int i = 1; i < p; ++i)
    for (int j = 0; j < i; ++j) R(i, j) = R(j, i) = *it++;
  return R;
}

// two factors with three indicators each (loadings 0.7) and factor correlation phi
Eigen::MatrixXd two_factor(double phi) {
  Eigen::MatrixXd L = Eigen::MatrixXd::Zero(6, 2);
  L.block(0, 0, 3, 1).setConstant(0.7);
  L.block(3, 1, 3, 1).setConstant(0.7);
  Eigen::Matrix2d P;
  P << 1, phi, phi, 1;
  Eigen::MatrixXd S = L * P * L.transpose();
  S.diagonal().setConstant(1.0);
  return S;
}

const std::vector<std::string> six{"x1", "x2", "x3", "x4", "x5", "x6"};

}  // namespace

TEST_CASE("a Heywood case is reported, not thrown", "[sem][status]") {
  // one factor, three indicators: lambda1^2 = r12 r13 / r23 = 1.28 > 1, so theta1 = -0.28
  const auto mdl = csat::sem::specify("f =~ x1 + x2 + x3\n");
  const auto s = csat::sem::make_sample_from_covariance(corr(3, {0.8, 0.8, 0.5}), mdl.observed, 200, {}, true);
  const auto r = csat::sem::fit(mdl, s);
  CHECK(r.converged);
  CHECK_FALSE(r.admissible);
  const auto& t = find(r, "x1", "~~", "x1");
  CHECK_THAT(t.est, Catch::Matchers::WithinAbs(1 - 1.28, 1e-8));
  REQUIRE_FALSE(r.warnings.empty());
  CHECK_THAT(r.warnings.front(), Catch::Contains("Heywood case: the residual variance of x1 is negative (-0.28"));
  CHECK(r.fit.df == 0);
  CHECK_THAT(r.fit.chisq, Catch::Matchers::WithinAbs(0, 1e-8));
}

TEST_CASE("nearly collinear factors and correlations beyond 1 are flagged", "[sem][status]") {
  const auto mdl = csat::sem::specify("f1 =~ x1 + x2 + x3\nf2 =~ x4 + x5 + x6\n");
  {
    const auto s = csat::sem::make_sample_from_covariance(two_factor(0.98), six, 300, {}, true);
    const auto r = csat::sem::fit(mdl, s);
    CHECK(r.converged);
    CHECK(r.admissible);
    REQUIRE(r.warnings.size() == 1);
    CHECK_THAT(r.warnings[0], Catch::Contains("latent variables f1 and f2 correlate 0.98: nearly collinear factors"));
  }
  {
    const auto s = csat::sem::make_sample_from_covariance(two_factor(1.03), six, 300, {}, true);
    const auto r = csat::sem::fit(mdl, s);
    CHECK(r.converged);
    CHECK_FALSE(r.admissible);
    bool npd = false, beyond = false;
    for (const auto& w : r.warnings) {
      npd = npd || w.find("covariance matrix of the latent variables is not positive definite") != std::string::npos;
      beyond = beyond || w.find("correlate 1.03: an inadmissible solution") != std::string::npos;
    }
    CHECK(npd);
    CHECK(beyond);
  }
}

TEST_CASE("the iteration limit gives no_convergence with a message", "[sem][status]") {
  const auto mdl = csat::sem::specify("f1 =~ x1 + x2 + x3\nf2 =~ x4 + x5 + x6\n");
  const auto s = csat::sem::make_sample_from_covariance(two_factor(0.5), six, 300, {}, true);
  csat::sem::fit_options o;
  o.max_iterations = 1;
  const auto r = csat::sem::fit(mdl, s, o);
  CHECK_FALSE(r.converged);
  CHECK(r.status == csat::sem::fit_status::no_convergence);
  CHECK(r.iterations == 1);
  REQUIRE_FALSE(r.warnings.empty());
  CHECK_THAT(r.warnings.back(), Catch::Contains("did not converge in 1 iterations"));
  // with the default limit the same model converges
  CHECK(csat::sem::fit(mdl, s).converged);
}

TEST_CASE("an empirically unidentified model is a numerical_issue naming the parameters", "[sem][status]") {
  // f1 has two indicators and no covariance with f2: four parameters for three moments of its block
  const auto mdl = csat::sem::specify("f1 =~ x1 + x2\nf2 =~ x3 + x4 + x5 + x6\nf1 ~~ 0*f2\n");
  CHECK(mdl.degrees_of_freedom() > 0);
  const auto s = csat::sem::make_sample_from_covariance(two_factor(0.0), six, 300, {}, true);
  const auto r = csat::sem::fit(mdl, s);
  CHECK(r.status == csat::sem::fit_status::numerical_issue);
  bool found = false;
  for (const auto& w : r.warnings)
    found = found || (w.find("information matrix is singular") != std::string::npos && w.find("f1=~x2") != std::string::npos);
  CHECK(found);
  CHECK(std::isnan(find(r, "f1", "=~", "x2").se));
}

TEST_CASE("fit rejects a sample that does not match the model", "[sem][status]") {
  const auto mdl = csat::sem::specify("f1 =~ x1 + x2 + x3\nf2 =~ x4 + x5 + x6\n");
  const std::vector<std::string> other{"x1", "x2", "x3", "x4", "x5", "x7"};
  const auto s = csat::sem::make_sample_from_covariance(two_factor(0.5), other, 300, {}, true);
  CHECK_THROWS_AS(csat::sem::fit(mdl, s), csat::invalid_argument);
  CHECK_THROWS_WITH(csat::sem::fit(mdl, s), Catch::Contains("do not match the model's observed variables"));
  csat::sem::model_options mo;
  mo.meanstructure = true;
  const auto m2 = csat::sem::specify("f1 =~ x1 + x2 + x3\nf2 =~ x4 + x5 + x6\n", mo);
  const auto s2 = csat::sem::make_sample_from_covariance(two_factor(0.5), six, 300, {}, true);
  CHECK_THROWS_WITH(csat::sem::fit(m2, s2), Catch::Contains("mean structure but the sample has no means"));
}
