// Numerical robustness: scale invariance and row-order invariance of PLS, ML SEM and AHP group aggregation,
// and the report of nearly collinear latent variables (the ECSI model fitted by ML on mobi).
#include <csat/ahp/group.hpp>
#include <csat/model/presets.hpp>
#include <csat/pls/index.hpp>
#include <csat/sem/estimate.hpp>
#include <csat/survey/csv.hpp>

#include <catch2/catch.hpp>

#include "support/shared.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>
#include "support/models.hpp"
#include "robustness/robustness_data.hpp"

using Catch::Matchers::Contains;

using csat_test::ecsi;

using csat_test::segments;
using csat_test::columns;

namespace {

csat::survey::data_table<double> mobi() { return csat::survey::read_csv(csat_test::shared_path("data/mobi.csv")); }

// Largest |a - b| over the cells; NaN in both (exogenous R²) counts as equal, NaN in one as infinite.
template <class A, class B>
double max_diff(const A& a, const B& b) {
  REQUIRE(a.rows() == b.rows());
  REQUIRE(a.cols() == b.cols());
  double d = 0;
  for (Eigen::Index j = 0; j < a.cols(); ++j)
    for (Eigen::Index i = 0; i < a.rows(); ++i) {
      const double x = static_cast<double>(a(i, j)), y = static_cast<double>(b(i, j));
      if (std::isnan(x) && std::isnan(y)) continue;
      if (std::isnan(x) || std::isnan(y)) return std::numeric_limits<double>::infinity();
      d = std::max(d, std::abs(x - y));
    }
  return d;
}

// A fixed permutation of n rows: i -> (i * step + 11) mod n with gcd(step, n) = 1.
std::vector<Eigen::Index> permutation(Eigen::Index n, Eigen::Index step = 97) {
  std::vector<Eigen::Index> p(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) p[static_cast<std::size_t>(i)] = (i * step + 11) % n;
  return p;
}

csat::survey::data_table<double> permuted(const csat::survey::data_table<double>& t, const std::vector<Eigen::Index>& p) {
  auto out = t;
  for (std::size_t i = 0; i < p.size(); ++i) {
    out.values.row(static_cast<Eigen::Index>(i)) = t.values.row(p[i]);
    out.lines[i] = t.lines[static_cast<std::size_t>(p[i])];
  }
  return out;
}

const char* ecsi_sem_model =
    "Image        =~ IMAG1 + IMAG2 + IMAG3 + IMAG4 + IMAG5\n"
    "Expectation  =~ CUEX1 + CUEX2 + CUEX3\n"
    "Quality      =~ PERQ1 + PERQ2 + PERQ3 + PERQ4 + PERQ5 + PERQ6 + PERQ7\n"
    "Value        =~ PERV1 + PERV2\n"
    "Satisfaction =~ CUSA1 + CUSA2 + CUSA3\n"
    "Complaints   =~ CUSCO\n"
    "Loyalty      =~ CUSL1 + CUSL2 + CUSL3\n"
    "Expectation  ~ Image\n"
    "Quality      ~ Expectation\n"
    "Value        ~ Expectation + Quality\n"
    "Satisfaction ~ Image + Expectation + Quality + Value\n"
    "Complaints   ~ Satisfaction\n"
    "Loyalty      ~ Image + Satisfaction + Complaints\n"
    "CUSCO ~~ 0*CUSCO\n";


const csat::sem::parameter_estimate& find(const csat::sem::sem_result& r, const std::string& lhs, const std::string& op,
                                          const std::string& rhs) {
  for (const auto& p : r.parameters)
    if (p.lhs == lhs && p.op == op && p.rhs == rhs) return p;
  FAIL("parameter " << lhs << op << rhs << " not found");
  return r.parameters.front();
}

const char* segments_model = "sat =~ q1 + q2 + q3\nval =~ q4 + q5 + q6\nloy =~ q7 + q8 + q9\nloy ~ sat + val\n";

}  // namespace

TEST_CASE("scale invariance: an indicator times 1000 leaves PLS standardized results unchanged to 1e-9",
          "[robustness][invariance][pls]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto data = mobi();
  auto big = data;
  big.values.col(big.index_of("IMAG1")) *= 1000.0;
  big.values.col(big.index_of("PERQ4")) *= 1000.0;
  for (const bool consistent : {false, true}) {
    INFO("PLSc " << consistent);
    csat::pls::estimate_options o;
    o.consistent = consistent;
    const auto a = csat::pls::estimate(ecsi(), data, o);
    const auto b = csat::pls::estimate(ecsi(), big, o);
    REQUIRE(a.converged);
    REQUIRE(b.converged);
    CHECK(a.iterations == b.iterations);
    CHECK(max_diff(a.paths, b.paths) < 1e-9);
    CHECK(max_diff(a.weights, b.weights) < 1e-9);
    CHECK(max_diff(a.loadings, b.loadings) < 1e-9);
    CHECK(max_diff(a.r_squared, b.r_squared) < 1e-9);
    CHECK(max_diff(a.r_squared_adj, b.r_squared_adj) < 1e-9);
    CHECK(max_diff(a.total_effects, b.total_effects) < 1e-9);
    CHECK(max_diff(a.rho_a, b.rho_a) < 1e-9);
    CHECK(max_diff(a.scores, b.scores) < 1e-9);
    // the unstandardized summaries scale with the indicator, as they must
    const Eigen::Index i = a.indicator_index("IMAG1");
    CHECK_THAT(b.indicator_means(i), Catch::Matchers::WithinRel(1000.0 * a.indicator_means(i), 1e-12));
    CHECK_THAT(b.indicator_sds(i), Catch::Matchers::WithinRel(1000.0 * a.indicator_sds(i), 1e-12));
  }
  // The 0-100 index rescales each indicator with its own scale ends: multiplying the ends by 1000 together
  // with the data gives the same indices; the index of the block does not see the unit of measurement.
  const auto a = csat::pls::estimate(ecsi(), data);
  const auto b = csat::pls::estimate(ecsi(), big);
  const Eigen::Index p = static_cast<Eigen::Index>(b.indicators.size());
  Eigen::VectorXd lo = Eigen::VectorXd::Constant(p, 1.0), hi = Eigen::VectorXd::Constant(p, 10.0);
  lo(b.indicator_index("IMAG1")) = 1000.0;
  hi(b.indicator_index("IMAG1")) = 10000.0;
  lo(b.indicator_index("PERQ4")) = 1000.0;
  hi(b.indicator_index("PERQ4")) = 10000.0;
  const auto ia = csat::pls::indices(a, 1.0, 10.0);
  const auto ib = csat::pls::indices(b, lo, hi);
  CHECK(max_diff(ia.index, ib.index) < 1e-9);
  CHECK(max_diff(ia.indicator_performance, ib.indicator_performance) < 1e-9);
  CHECK(max_diff(ia.rescaled_weights, ib.rescaled_weights) < 1e-9);
  CHECK(max_diff(ia.scores, ib.scores) < 1e-9);
}

TEST_CASE("scale invariance: an indicator times 1000 leaves ML SEM std.all, R² and fit unchanged to 1e-9",
          "[robustness][invariance][sem]") {
  const auto t = segments();
  const auto mdl = csat::sem::specify(segments_model);
  Eigen::MatrixXd x = columns(t, mdl.observed);
  Eigen::MatrixXd y = x;
  y.col(1) *= 1000.0;  // q2, not the marker
  y.col(6) *= 1000.0;  // q7, the marker of loy
  const auto a = csat::sem::fit(mdl, csat::sem::make_sample(x, mdl.observed));
  const auto b = csat::sem::fit(mdl, csat::sem::make_sample(y, mdl.observed));
  REQUIRE(a.converged);
  REQUIRE(b.converged);
  REQUIRE(a.parameters.size() == b.parameters.size());
  for (std::size_t k = 0; k < a.parameters.size(); ++k) {
    const auto& pa = a.parameters[k];
    const auto& pb = b.parameters[k];
    INFO(pa.lhs << pa.op << pa.rhs);
    CHECK(std::abs(pa.std_all - pb.std_all) < 1e-9);
    CHECK(std::abs(pa.std_all_se - pb.std_all_se) < 1e-7);  // a standard error: a derivative, less precise
    if (pa.free >= 0) CHECK(std::abs(pa.z - pb.z) < 1e-6);   // fixed parameters have no z
  }
  REQUIRE(a.r2.size() == b.r2.size());
  for (std::size_t k = 0; k < a.r2.size(); ++k) CHECK(std::abs(a.r2[k].value - b.r2[k].value) < 1e-9);
  CHECK(std::abs(a.fit.chisq - b.fit.chisq) < 1e-9);
  CHECK(std::abs(a.fit.cfi - b.fit.cfi) < 1e-9);
  CHECK(std::abs(a.fit.rmsea - b.fit.rmsea) < 1e-9);
  CHECK(std::abs(a.fit.srmr - b.fit.srmr) < 1e-9);
  // the raw loading of q2 is 1000 times larger
  CHECK_THAT(find(b, "sat", "=~", "q2").est, Catch::Matchers::WithinRel(1000.0 * find(a, "sat", "=~", "q2").est, 1e-8));
}

TEST_CASE("row order: a permutation of the rows gives identical PLS estimates", "[robustness][invariance][pls]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto data = mobi();
  const auto perm = permutation(data.rows());
  const auto shuffled = permuted(data, perm);
  const auto a = csat::pls::estimate(ecsi(), data);
  const auto b = csat::pls::estimate(ecsi(), shuffled);
  CHECK(a.iterations == b.iterations);
  CHECK(max_diff(a.paths, b.paths) < 1e-12);
  CHECK(max_diff(a.weights, b.weights) < 1e-12);
  CHECK(max_diff(a.loadings, b.loadings) < 1e-12);
  CHECK(max_diff(a.r_squared, b.r_squared) < 1e-12);
  CHECK(max_diff(a.total_effects, b.total_effects) < 1e-12);
  CHECK(max_diff(a.indicator_means, b.indicator_means) < 1e-12);
  // scores follow their rows
  double d = 0;
  for (std::size_t i = 0; i < perm.size(); ++i)
    d = std::max(d, (b.scores.row(static_cast<Eigen::Index>(i)) - a.scores.row(perm[i])).cwiseAbs().maxCoeff());
  CHECK(d < 1e-12);
  const auto ia = csat::pls::indices(a, 1.0, 10.0), ib = csat::pls::indices(b, 1.0, 10.0);
  CHECK(max_diff(ia.index, ib.index) < 1e-12);
}

TEST_CASE("row order: a permutation of the rows gives identical ML SEM estimates and fit", "[robustness][invariance][sem]") {
  const auto t = segments();
  const auto mdl = csat::sem::specify(segments_model);
  const Eigen::MatrixXd x = columns(t, mdl.observed);
  const auto perm = permutation(x.rows(), 101);
  Eigen::MatrixXd y(x.rows(), x.cols());
  for (std::size_t i = 0; i < perm.size(); ++i) y.row(static_cast<Eigen::Index>(i)) = x.row(perm[i]);
  const auto a = csat::sem::fit(mdl, csat::sem::make_sample(x, mdl.observed));
  const auto b = csat::sem::fit(mdl, csat::sem::make_sample(y, mdl.observed));
  REQUIRE(a.converged);
  REQUIRE(b.converged);
  for (std::size_t k = 0; k < a.parameters.size(); ++k) {
    INFO(a.parameters[k].lhs << a.parameters[k].op << a.parameters[k].rhs);
    // the optimizer stops where the gradient is zero to rounding: estimates agree to ~1e-12 (1e-11 allowed)
    CHECK(std::abs(a.parameters[k].est - b.parameters[k].est) < 1e-11);
    CHECK(std::abs(a.parameters[k].se - b.parameters[k].se) < 1e-11);
    CHECK(std::abs(a.parameters[k].std_all - b.parameters[k].std_all) < 1e-11);
  }
  CHECK(std::abs(a.fit.chisq - b.fit.chisq) < 1e-12 * std::max(1.0, a.fit.chisq));
  CHECK(std::abs(a.fit.loglik - b.fit.loglik) < 1e-12 * std::abs(a.fit.loglik));
  CHECK(std::abs(a.fit.cfi - b.fit.cfi) < 1e-12);
  CHECK(std::abs(a.fit.rmsea - b.fit.rmsea) < 1e-12);
  CHECK(std::abs(a.fit.srmr - b.fit.srmr) < 1e-12);
  // FIML with missing cells: rows of the same pattern are pooled, so their order does not matter either
  const auto hs = csat::survey::read_csv(csat_test::source_path("tests/data/sem_hs_missing.csv"));
  csat::sem::model_options mo;
  mo.meanstructure = true;
  const auto hm = csat::sem::specify("visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9\n", mo);
  const Eigen::MatrixXd hx = columns(hs, hm.observed);
  const auto hp = permutation(hx.rows(), 97);
  Eigen::MatrixXd hy(hx.rows(), hx.cols());
  for (std::size_t i = 0; i < hp.size(); ++i) hy.row(static_cast<Eigen::Index>(i)) = hx.row(hp[i]);
  const auto fa = csat::sem::fit(hm, csat::sem::make_sample(hx, hm.observed, {}, {}, csat::sem::missing_policy::fiml));
  const auto fb = csat::sem::fit(hm, csat::sem::make_sample(hy, hm.observed, {}, {}, csat::sem::missing_policy::fiml));
  REQUIRE(fa.converged);
  CHECK(std::abs(fa.fit.chisq - fb.fit.chisq) < 1e-9);
  for (std::size_t k = 0; k < fa.parameters.size(); ++k) CHECK(std::abs(fa.parameters[k].est - fb.parameters[k].est) < 1e-9);
}

TEST_CASE("row order: AHP group aggregation does not depend on the order of the experts", "[robustness][invariance][ahp]") {
  using pm = csat::ahp::pairwise_matrix<double>;
  auto upper = [](std::vector<double> u) {
    const Eigen::Index n = u.size() == 3 ? 3 : 4;
    Eigen::MatrixXd a = Eigen::MatrixXd::Ones(n, n);
    std::size_t k = 0;
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index j = i + 1; j < n; ++j) {
        a(i, j) = u[k++];
        a(j, i) = 1.0 / a(i, j);
      }
    return a;
  };
  // four experts on four criteria, one with a missing judgment, one inconsistent
  Eigen::MatrixXd m3 = upper({3, 5, 7, 2, 3, 2});
  csat::ahp::detail::bool_matrix known = csat::ahp::detail::bool_matrix::Constant(4, 4, true);
  known(0, 3) = known(3, 0) = false;
  const std::vector<pm> experts{pm(upper({2, 4, 6, 2, 3, 1.5})), pm(upper({1. / 2, 3, 4, 5, 2, 1. / 3})), pm(m3, known),
                                pm(upper({9, 1. / 9, 9, 1. / 9, 9, 1. / 9}))};
  const std::vector<double> w{1, 2, 0.5, 1.5};
  const std::vector<std::size_t> order{2, 0, 3, 1};
  std::vector<pm> reordered;
  std::vector<double> rw;
  for (std::size_t e : order) {
    reordered.push_back(experts[e]);
    rw.push_back(w[e]);
  }
  for (const auto method : {csat::ahp::priority_method::eigenvector, csat::ahp::priority_method::rgmm}) {
    for (const bool exclude : {false, true}) {
      INFO("method " << csat::ahp::to_string(method) << ", exclude inconsistent " << exclude);
      csat::ahp::group_options o;
      o.analysis.method = method;
      o.exclude_inconsistent = exclude;
      o.expert_weights = w;
      const auto a = csat::ahp::group_analysis(experts, o);
      o.expert_weights = rw;
      const auto b = csat::ahp::group_analysis(reordered, o);
      CHECK(max_diff(a.aggregated.values(), b.aggregated.values()) < 1e-12);
      CHECK(max_diff(a.aij.weights, b.aij.weights) < 1e-12);
      CHECK(max_diff(a.aip_geometric, b.aip_geometric) < 1e-12);
      CHECK(max_diff(a.aip_arithmetic, b.aip_arithmetic) < 1e-12);
      CHECK(std::abs(a.aij.consistency.cr - b.aij.consistency.cr) < 1e-12);
      // each expert's own result moves with the expert
      for (std::size_t k = 0; k < order.size(); ++k)
        CHECK(max_diff(a.experts[order[k]].weights, b.experts[k].weights) < 1e-15);
      std::vector<int> mapped;
      for (int e : b.excluded) mapped.push_back(static_cast<int>(order[static_cast<std::size_t>(e)]));
      std::sort(mapped.begin(), mapped.end());
      CHECK(mapped == a.excluded);
    }
  }
}

TEST_CASE("nearly collinear factors: ECSI by ML on mobi reports latent correlations near 0.995",
          "[robustness][collinear][sem]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto t = mobi();
  const auto mdl = csat::sem::specify(ecsi_sem_model);
  const auto s = csat::sem::make_sample(columns(t, mdl.observed), mdl.observed);
  const auto r = csat::sem::fit(mdl, s);
  REQUIRE(r.converged);
  CHECK(r.status == csat::sem::fit_status::success);
  // Quality has Expectation as its only predictor: its standardized path is their correlation
  const double rho = find(r, "Quality", "~", "Expectation").std_all;
  CHECK(rho > 0.99);
  CHECK(rho < 1.0);
  CHECK_THAT(rho, Catch::Matchers::WithinAbs(0.9948, 5e-5));
  // ... and the result says so instead of printing the paths silently
  std::string all;
  for (const auto& w : r.warnings) all += w + "\n";
  INFO(all);
  CHECK_THAT(all, Contains("latent variables Expectation and Quality correlate 0.9948: nearly collinear factors"));
  CHECK_THAT(all, Contains("latent variables Image and Expectation correlate 0.9879: nearly collinear factors"));
  // the unstable consequence: standardized paths beyond 1 in absolute value for Value and Loyalty
  CHECK(std::abs(find(r, "Value", "~", "Expectation").std_all) > 1);
  // the threshold is an option; above the largest correlation nothing is reported
  csat::sem::fit_options o;
  o.collinear_correlation = 0.999;
  const auto q = csat::sem::fit(mdl, s, o);
  for (const auto& w : q.warnings) CHECK_THAT(w, !Contains("nearly collinear"));
  // with a single indicator's error variance left free, the model is not identified: also a reported status
  std::string free_text = ecsi_sem_model;
  free_text.erase(free_text.find("CUSCO ~~ 0*CUSCO\n"));
  const auto u = csat::sem::fit(csat::sem::specify(free_text), s);
  CHECK(u.status != csat::sem::fit_status::success);
  CHECK_FALSE(u.warnings.empty());
}
