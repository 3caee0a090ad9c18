// Tests of weighted PLS (case/survey weights in csat/pls/estimate.hpp, bootstrap.hpp, index.hpp) and of the
// admissibility warnings: frequency weights against replicated rows, a stratified population recovered by design
// weights, every bad weight, the weighted bootstrap, and data built to trigger each warning.
#include <csat/pls/bootstrap.hpp>
#include <csat/pls/estimate.hpp>
#include <csat/pls/index.hpp>
#include <csat/model/presets.hpp>
#include <csat/simulate/generate.hpp>
#include <csat/simulate/power.hpp>

#include <catch2/catch.hpp>

#include "support/shared.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;

namespace {

using table = csat::survey::data_table<double>;

/// The PLS model of a simulated structural model: every construct Mode A on its items, its paths.
csat::model::specification model_of(const csat::simulate::structural_model<double>& m) {
  csat::model::specification s;
  for (const auto& c : m.constructs) {
    std::vector<std::string> items;
    for (const auto& i : m.indicators)
      if (i.construct == c) items.push_back(i.name);
    if (items.size() == 1)
      s.single_item(c, items.front());
    else
      s.composite(c, items);
  }
  const auto K = static_cast<Eigen::Index>(m.constructs.size());
  for (Eigen::Index from = 0; from < K; ++from)
    for (Eigen::Index to = 0; to < K; ++to)
      if (m.paths(to, from) != 0) s.path(m.constructs[std::size_t(from)], m.constructs[std::size_t(to)]);
  return s;
}

/// A complete simulated power-CSI survey (no missing answers) with a customer-group column "segment".
csat::simulate::simulated_survey<double> power_sample(Eigen::Index n, std::uint64_t seed) {
  auto d = csat::simulate::power_survey_design(0.0);
  d.model = csat::simulate::power_csi_model();
  d.segments.resize(1);  // customer group only
  return csat::simulate::generate(d, n, seed);
}

/// Rows of `t` repeated w_i times (w integer), in order.
table replicate(const table& t, const Eigen::VectorXd& w) {
  table out;
  out.source = t.source;
  out.names = t.names;
  out.text_names = t.text_names;
  out.text.assign(t.text.size(), {});
  const auto total = static_cast<Eigen::Index>(w.sum());
  out.values.resize(total, t.cols());
  Eigen::Index r = 0;
  for (Eigen::Index i = 0; i < t.rows(); ++i)
    for (int c = 0; c < int(w(i)); ++c) {
      out.values.row(r++) = t.values.row(i);
      out.lines.push_back(t.lines.empty() ? 0 : t.lines[std::size_t(i)]);
      for (std::size_t k = 0; k < t.text.size(); ++k) out.text[k].push_back(t.text[k][std::size_t(i)]);
    }
  out.missing.assign(t.names.size(), 0);
  return out;
}

void check_same(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, double tol, const char* what) {
  INFO(what);
  REQUIRE(a.rows() == b.rows());
  REQUIRE(a.cols() == b.cols());
  double worst = 0;
  for (Eigen::Index i = 0; i < a.size(); ++i) {
    const double x = a.data()[i], y = b.data()[i];
    if (std::isnan(x) && std::isnan(y)) continue;
    worst = std::max(worst, std::abs(x - y));
  }
  CHECK(worst <= tol);
}

void check_same_fit(const csat::pls::estimate_result<double>& a, const csat::pls::estimate_result<double>& b, double tol) {
  check_same(a.paths, b.paths, tol, "paths");
  check_same(a.weights, b.weights, tol, "weights");
  check_same(a.loadings, b.loadings, tol, "loadings");
  check_same(a.cross_loadings, b.cross_loadings, tol, "cross loadings");
  check_same(a.r_squared, b.r_squared, tol, "R2");
  check_same(a.total_effects, b.total_effects, tol, "total effects");
  check_same(a.rho_a, b.rho_a, tol, "rho_A");
  check_same(a.construct_correlations, b.construct_correlations, tol, "construct correlations");
  check_same(a.indicator_means, b.indicator_means, tol, "indicator means");
  check_same(a.indicator_sds, b.indicator_sds, tol, "indicator sds");
}

}  // namespace

TEST_CASE("integer frequency weights equal the unweighted fit on replicated rows", "[pls][weights]") {
  const auto sim = power_sample(300, 20261123);
  const auto spec = model_of(csat::simulate::power_csi_model());
  // weights 0..3: zero-weight rows are excluded, weight 2 doubles a row
  csat::simulate::engine g(77);
  Eigen::VectorXd w(sim.data.rows());
  for (Eigen::Index i = 0; i < w.size(); ++i) w(i) = double(csat::simulate::uniform_below(g, 4));
  const Eigen::Index zeros = (w.array() == 0).count();
  REQUIRE(zeros > 0);
  const table rep = replicate(sim.data, w);

  for (const bool consistent : {false, true})
    for (const auto scheme : {csat::pls::inner_scheme::path, csat::pls::inner_scheme::factorial}) {
      CAPTURE(consistent, csat::pls::to_string(scheme));
      csat::pls::estimate_options o;
      o.consistent = consistent;
      o.scheme = scheme;
      const auto rw = csat::pls::estimate(spec, sim.data, w, o);
      const auto ru = csat::pls::estimate(spec, rep, o);
      CHECK(rw.weighted);
      CHECK_FALSE(ru.weighted);
      CHECK(rw.converged);
      CHECK(rw.n_used == sim.data.rows() - zeros);
      CHECK(rw.zero_weight_rows.size() == std::size_t(zeros));
      CHECK(rw.zero_weight_lines.size() == std::size_t(zeros));
      CHECK_THAT(rw.weight_sum, WithinAbs(w.sum(), 1e-9));
      check_same_fit(rw, ru, 1e-10);
      // indices overall and per segment
      const auto iw = csat::pls::indices(rw, 1.0, 10.0);
      const auto iu = csat::pls::indices(ru, 1.0, 10.0);
      check_same(iw.index, iu.index, 1e-10, "indices");
      std::vector<std::string> labels_w, labels_u = rep.text_column("segment");
      const auto& seg = sim.data.text_column("segment");
      for (Eigen::Index i = 0; i < w.size(); ++i)
        if (w(i) > 0) labels_w.push_back(seg[std::size_t(i)]);
      const auto sw = csat::pls::segment_indices(iw, labels_w, rw.case_weights);
      const auto su = csat::pls::segment_indices(iu, labels_u);
      REQUIRE(sw.size() == su.size());
      REQUIRE(sw.size() == 4);
      for (std::size_t s = 0; s < sw.size(); ++s) {
        CHECK(sw[s].segment == su[s].segment);
        CHECK_THAT(sw[s].weight_sum, WithinAbs(double(su[s].n), 1e-9));
        check_same(sw[s].index, su[s].index, 1e-10, "segment indices");
      }
      // scores of a kept row equal those of its (first) copy
      Eigen::Index r = 0, k = 0;
      for (Eigen::Index i = 0; i < w.size(); ++i) {
        if (w(i) == 0) continue;
        CHECK((rw.scores.row(k) - ru.scores.row(r)).cwiseAbs().maxCoeff() <= 1e-10);
        r += Eigen::Index(w(i));
        ++k;
      }
    }
  // the weight column by name gives the same fit, and is recorded in the result
  table withw = sim.data;
  withw.names.push_back("w");
  withw.values.conservativeResize(Eigen::NoChange, withw.cols() + 1);
  withw.values.col(withw.cols() - 1) = w;
  withw.missing.push_back(0);
  csat::pls::estimate_options o;
  o.weights = "w";
  const auto rc = csat::pls::estimate(spec, withw, o);
  check_same_fit(rc, csat::pls::estimate(spec, rep), 1e-10);
  CHECK(rc.weight_column == "w");
  CHECK(rc.zero_weight_lines.front() == sim.data.lines[std::size_t(rc.zero_weight_rows.front())]);
  // weights scaled by a constant change nothing but the weight sum
  const auto rs = csat::pls::estimate(spec, sim.data, (w * 0.37).eval());
  check_same(rs.paths, rc.paths, 1e-10, "scaled weights: paths");
  check_same(csat::pls::indices(rs, 1.0, 10.0).index, csat::pls::indices(rc, 1.0, 10.0).index, 1e-10,
             "scaled weights: indices");
  // the matrix overloads: a weight vector, or the weight column named in the options
  const auto rm = csat::pls::estimate(spec, sim.data.values, sim.data.names, w);
  check_same(rm.paths, rc.paths, 0, "matrix overload");
  const auto rmo = csat::pls::estimate(spec, withw.values, withw.names, o);
  check_same(rmo.paths, rc.paths, 0, "matrix overload, weight column");
  CHECK(rmo.weighted);
  // a weighted bootstrap by column name equals the one with the vector
  csat::pls::bootstrap_options bo;
  bo.resamples = 20;
  bo.threads = 1;
  bo.bca = false;
  const auto bc = csat::pls::bootstrap(spec, withw, o, bo);
  const auto bv = csat::pls::bootstrap(spec, sim.data, w, {}, bo);
  CHECK(bc.weighted);
  CHECK((bc.draws.array() == bv.draws.array()).all());
}

TEST_CASE("unit weights reproduce the unweighted estimate", "[pls][weights]") {
  const auto sim = power_sample(200, 5);
  const auto spec = model_of(csat::simulate::power_csi_model());
  const auto ru = csat::pls::estimate(spec, sim.data);
  const auto rw = csat::pls::estimate(spec, sim.data, Eigen::VectorXd::Ones(sim.data.rows()).eval());
  check_same_fit(rw, ru, 1e-12);
  CHECK(rw.zero_weight_rows.empty());
  CHECK(ru.case_weights.size() == 0);
  CHECK(rw.case_weights.size() == 200);
}

TEST_CASE("design weights recover the index of a stratified population; the unweighted sample is biased",
          "[pls][weights][simulation]") {
  // Population: the power CSI model with four customer groups of very different satisfaction, shares 70/15/10/5 %.
  csat::simulate::survey_design<double> d;
  d.model = csat::simulate::power_csi_model();
  using namespace csat::simulate;
  auto shift = [](std::vector<std::pair<int, double>> v) {
    Eigen::VectorXd a = Eigen::VectorXd::Zero(7);
    for (const auto& e : v) a(e.first) = e.second;
    return a;
  };
  segmentation<double> group{"segment", {}};
  group.levels.push_back({"residential", 0.70, shift({{image, 0.3}, {quality, 0.3}, {satisfaction, 0.3}}), {}});
  group.levels.push_back({"commercial", 0.15, shift({{value, -0.5}}), {}});
  group.levels.push_back({"industrial", 0.10, shift({{image, -0.6}, {quality, -0.8}, {satisfaction, -0.6}}), {}});
  group.levels.push_back({"agricultural", 0.05, shift({{image, -0.8}, {quality, -1.0}, {satisfaction, -0.8}}), {}});
  d.segments = {group};
  const Eigen::Index N = 40000;
  const auto pop = generate(d, N, 424242);
  const auto spec = model_of(d.model);
  const auto rp = csat::pls::estimate(spec, pop.data);
  const auto ip = csat::pls::indices(rp, 1.0, 10.0);

  // Disproportionate stratified sample: 200 cases from every group (simple random sampling within strata).
  const std::size_t per = 200;
  std::vector<std::vector<Eigen::Index>> strata(4);
  for (Eigen::Index i = 0; i < N; ++i) strata[pop.level[0][std::size_t(i)]].push_back(i);
  engine g(99);
  std::vector<Eigen::Index> rows;
  std::vector<double> wv;
  for (auto& s : strata) {
    REQUIRE(s.size() > per);
    for (std::size_t j = 0; j < per; ++j) {  // partial Fisher–Yates
      const std::size_t k = j + std::size_t(uniform_below(g, s.size() - j));
      std::swap(s[j], s[k]);
      rows.push_back(s[j]);
      wv.push_back(double(s.size()) / double(per) / (double(N) / double(4 * per)));  // N_h/n_h, scaled to sum n
    }
  }
  table sample;
  sample.source = "<stratified sample>";
  sample.names = pop.data.names;
  sample.values.resize(Eigen::Index(rows.size()), pop.data.cols());
  for (std::size_t r = 0; r < rows.size(); ++r) sample.values.row(Eigen::Index(r)) = pop.data.values.row(rows[r]);
  sample.missing.assign(sample.names.size(), 0);
  const Eigen::VectorXd w = Eigen::Map<const Eigen::VectorXd>(wv.data(), Eigen::Index(wv.size()));
  CHECK_THAT(w.sum(), WithinAbs(800.0, 1e-9));

  const auto ru = csat::pls::estimate(spec, sample);
  csat::pls::bootstrap_options bo;
  bo.resamples = 300;
  bo.seed = 11;
  bo.threads = 2;
  bo.bca = false;
  bo.scale_min = 1;
  bo.scale_max = 10;
  const auto bw = csat::pls::bootstrap(spec, sample, w, {}, bo);
  CHECK(bw.weighted);
  CHECK(bw.failed == 0);
  const auto iw = csat::pls::indices(bw.estimate, 1.0, 10.0);
  const auto iu = csat::pls::indices(ru, 1.0, 10.0);
  // Population indices (seed 424242): Image 72.4, Expectation 74.0, Quality 67.2, Value 60.1, Satisfaction 68.6,
  // Complaints 24.2, Loyalty 70.0; weighted sample 72.9, 74.3, 66.4, 59.8, 69.6, 22.5, 69.3 (bootstrap se 1.1–1.3);
  // unweighted 64.9, 71.2, 54.4, 50.6, 50.3, 29.0, 60.1.
  for (Eigen::Index k = 0; k < 7; ++k) {
    const std::string c = rp.constructs[std::size_t(k)];
    const double se = bw.index[std::size_t(k)].sd;  // bootstrap standard error of the weighted index
    const double truth = ip.index(k);
    CAPTURE(c, truth, iw.index(k), iu.index(k), se);
    CHECK(se > 0.5);
    CHECK(se < 2.0);
    CHECK(std::abs(iw.index(k) - truth) < 2.5 * se);  // within sampling error
    if (c != "Expectation" && c != "Complaints")
      CHECK(iu.index(k) - truth < -4 * se);  // unweighted: biased toward the small, less satisfied groups
    CHECK_THAT(bw.index[std::size_t(k)].original, WithinAbs(iw.index(k), 1e-10));
  }
  // the weighted per-segment indices estimate each group's population index
  std::vector<std::string> labels;
  const auto& names = pop.data.text_column("segment");
  for (auto r : rows) labels.push_back(names[std::size_t(r)]);
  const auto sw = csat::pls::segment_indices(iw, labels, bw.estimate.case_weights);
  REQUIRE(sw.size() == 4);
  const auto sp = csat::pls::segment_indices(ip, names);
  const Eigen::Index sat = rp.construct_index("Satisfaction");
  for (const auto& s : sw) {
    CHECK(s.n == 200);
    for (const auto& t : sp)
      if (t.segment == s.segment) {
        CAPTURE(s.segment, s.index(sat), t.index(sat));
        CHECK(std::abs(s.index(sat) - t.index(sat)) < 5.0);  // about 3.5 standard errors of a mean of 200
        CHECK_THAT(s.weight_sum, WithinAbs(200 * double(t.n) / 200.0 * 800.0 / double(N), 1e-9));
      }
  }
}

TEST_CASE("bad case weights are errors naming the row, its line and the value", "[pls][weights][errors]") {
  const auto sim = power_sample(60, 3);
  const auto spec = model_of(csat::simulate::power_csi_model());
  const auto& data = sim.data;
  const std::size_t line3 = data.lines[3];
  Eigen::VectorXd w = Eigen::VectorXd::Ones(data.rows());
  w(3) = -1.5;
  CHECK_THROWS_AS(csat::pls::estimate(spec, data, w), csat::domain_error);
  CHECK_THROWS_WITH(csat::pls::estimate(spec, data, w),
                    Contains("case weight of row 3 (line " + std::to_string(line3) + ") = -1.5") &&
                        Contains("finite and non-negative"));
  w(3) = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_AS(csat::pls::estimate(spec, data, w), csat::domain_error);
  CHECK_THROWS_WITH(csat::pls::estimate(spec, data, w), Contains("row 3") && Contains("= nan"));
  w(3) = std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(csat::pls::estimate(spec, data, w), Contains("row 3") && Contains("= inf"));
  CHECK_THROWS_AS(csat::pls::bootstrap(spec, data, w), csat::domain_error);
  w.setZero();
  CHECK_THROWS_AS(csat::pls::estimate(spec, data, w), csat::domain_error);
  CHECK_THROWS_WITH(csat::pls::estimate(spec, data, w), Contains("every case weight is zero (60 rows)"));
  w.setConstant(0.01);
  CHECK_THROWS_AS(csat::pls::estimate(spec, data, w), csat::domain_error);
  CHECK_THROWS_WITH(csat::pls::estimate(spec, data, w), Contains("sum to 0.6") && Contains("above 1"));
  CHECK_THROWS_AS(csat::pls::estimate(spec, data, Eigen::VectorXd::Ones(59).eval()), csat::invalid_argument);
  CHECK_THROWS_WITH(csat::pls::estimate(spec, data, Eigen::VectorXd::Ones(59).eval()),
                    Contains("case weights have 59 entries, but the data have 60 rows"));

  // by column name: an unknown column, a text column, a bad value naming the column
  csat::pls::estimate_options o;
  o.weights = "wt";
  CHECK_THROWS_AS(csat::pls::estimate(spec, data, o), csat::invalid_argument);
  CHECK_THROWS_WITH(csat::pls::estimate(spec, data, o), Contains("weight column \"wt\" is not in"));
  CHECK_THROWS_AS(csat::pls::bootstrap(spec, data, o), csat::invalid_argument);
  o.weights = "segment";
  CHECK_THROWS_WITH(csat::pls::estimate(spec, data, o), Contains("weight column \"segment\" is a text column"));
  table t = data;
  t.names.push_back("wt");
  t.values.conservativeResize(Eigen::NoChange, t.cols() + 1);
  t.values.col(t.cols() - 1).setOnes();
  t.values(7, t.cols() - 1) = -2;
  t.missing.push_back(0);
  o.weights = "wt";
  CHECK_THROWS_AS(csat::pls::estimate(spec, t, o), csat::domain_error);
  CHECK_THROWS_WITH(csat::pls::estimate(spec, t, o),
                    Contains("case weight \"wt\" of row 7 (line " + std::to_string(data.lines[7]) + ") = -2"));
  // a missing weight is a NaN weight
  t.values(7, t.cols() - 1) = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_WITH(csat::pls::estimate(spec, t, o), Contains("case weight \"wt\" of row 7") && Contains("= nan"));
  // segment_indices with a bad weight
  const auto r = csat::pls::estimate(spec, data);
  const auto idx = csat::pls::indices(r, 1.0, 10.0);
  Eigen::VectorXd sw = Eigen::VectorXd::Ones(data.rows());
  sw(5) = -1;
  CHECK_THROWS_AS(csat::pls::segment_indices(idx, data.text_column("segment"), sw), csat::domain_error);
  CHECK_THROWS_WITH(csat::pls::segment_indices(idx, data.text_column("segment"), sw), Contains("case_weights[5] = -1"));
}

TEST_CASE("weights follow the missing-data policy and zero-weight rows", "[pls][weights][missing]") {
  auto sim = power_sample(250, 8);
  const auto spec = model_of(csat::simulate::power_csi_model());
  table t = sim.data;
  const Eigen::Index img1 = t.index_of("IMG1"), sat2 = t.index_of("SAT2");
  t.values(4, img1) = std::numeric_limits<double>::quiet_NaN();
  t.values(90, sat2) = std::numeric_limits<double>::quiet_NaN();
  t.values(120, sat2) = std::numeric_limits<double>::quiet_NaN();  // also a zero-weight row
  Eigen::VectorXd w(t.rows());
  for (Eigen::Index i = 0; i < w.size(); ++i) w(i) = 0.5 + double(i % 5);
  w(120) = 0;
  w(121) = 0;
  // with no policy, a missing cell in a used row is an error naming its line; zero-weight rows do not count
  CHECK_THROWS_AS(csat::pls::estimate(spec, t, w), csat::domain_error);
  CHECK_THROWS_WITH(csat::pls::estimate(spec, t, w), Contains(":" + std::to_string(t.lines[4]) + ": indicator \"IMG1\""));
  csat::pls::estimate_options o;
  o.missing = csat::survey::missing_policy::listwise;
  const auto r = csat::pls::estimate(spec, t, w, o);
  REQUIRE(r.zero_weight_rows == std::vector<Eigen::Index>{120, 121});
  REQUIRE(r.missing.excluded.size() == 2);
  CHECK(r.missing.excluded[0].row == 4);
  CHECK(r.missing.excluded[1].row == 90);
  CHECK(r.n_used == 250 - 4);
  // the same fit with the rows removed by hand
  std::vector<Eigen::Index> keep;
  for (Eigen::Index i = 0; i < t.rows(); ++i)
    if (i != 4 && i != 90 && i != 120 && i != 121) keep.push_back(i);
  Eigen::MatrixXd X(Eigen::Index(keep.size()), t.cols());
  Eigen::VectorXd wk(Eigen::Index(keep.size()));
  for (std::size_t j = 0; j < keep.size(); ++j) {
    X.row(Eigen::Index(j)) = t.values.row(keep[j]);
    wk(Eigen::Index(j)) = w(keep[j]);
  }
  const auto r2 = csat::pls::estimate(spec, X, t.names, wk);
  check_same_fit(r, r2, 1e-12);
  check_same(r.case_weights, wk, 0, "aligned weights");
}

TEST_CASE("weighted bootstrap: deterministic, unit weights equal the unweighted bootstrap, replayable",
          "[pls][weights][bootstrap]") {
  const auto sim = power_sample(150, 21);
  const auto spec = model_of(csat::simulate::power_csi_model());
  csat::pls::bootstrap_options bo;
  bo.resamples = 60;
  bo.seed = 5;
  bo.scale_min = 1;
  bo.scale_max = 10;
  bo.threads = 1;
  // unit weights: the weighted code path (moments and the weighted jackknife of BCa) equals the unweighted one
  const auto bu = csat::pls::bootstrap(spec, sim.data, {}, bo);
  const auto b1 = csat::pls::bootstrap(spec, sim.data, Eigen::VectorXd::Ones(150).eval(), {}, bo);
  check_same(b1.draws, bu.draws, 1e-11, "draws");
  REQUIRE(b1.paths.size() == bu.paths.size());
  for (std::size_t i = 0; i < bu.paths.size(); ++i) {
    CHECK_THAT(b1.paths[i].bca_lower, WithinAbs(bu.paths[i].bca_lower, 1e-9));
    CHECK_THAT(b1.paths[i].bca_upper, WithinAbs(bu.paths[i].bca_upper, 1e-9));
  }
  for (std::size_t i = 0; i < bu.index.size(); ++i) CHECK_THAT(b1.index[i].bca_lower, WithinAbs(bu.index[i].bca_lower, 1e-9));

  // real weights: identical for 1 and 3 threads; replaying the drawn indices gives the same draws
  Eigen::VectorXd w(150);
  for (Eigen::Index i = 0; i < 150; ++i) w(i) = i % 7 == 0 ? 0.0 : 0.4 + 0.3 * double(i % 4);
  const auto c1 = csat::pls::bootstrap(spec, sim.data, w, {}, bo);
  bo.threads = 3;
  const auto c3 = csat::pls::bootstrap(spec, sim.data, w, {}, bo);
  CHECK(c1.weighted);
  CHECK(c1.estimate.zero_weight_rows.size() == 22);
  CHECK((c1.draws.array() == c3.draws.array()).all());
  const auto idx = csat::pls::resample_indices(c1.estimate.n_used, bo.resamples, bo.seed);
  const auto c2 = csat::pls::bootstrap_indices(spec, sim.data, w, idx, {}, bo);
  CHECK((c1.draws.array() == c2.draws.array()).all());
  // the weighted BCa acceleration: jackknife of the weighted fit by explicit leave-one-out re-estimation
  const auto& r = c1.estimate;
  const Eigen::Index n = r.n_used;
  table kept;
  kept.names = sim.data.names;
  kept.values.resize(n, sim.data.cols());
  Eigen::VectorXd wk(n);
  for (Eigen::Index i = 0, k = 0; i < 150; ++i)
    if (w(i) > 0) {
      kept.values.row(k) = sim.data.values.row(i);
      wk(k++) = w(i);
    }
  kept.missing.assign(kept.names.size(), 0);
  const Eigen::Index path0 = r.construct_index(c1.paths[0].from), path1 = r.construct_index(c1.paths[0].to);
  Eigen::VectorXd jack(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    Eigen::VectorXd wi = wk;
    wi(i) = 0;
    jack(i) = csat::pls::estimate(spec, kept, wi).paths(path0, path1);
  }
  const double mj = jack.mean();
  const double s2 = (mj - jack.array()).square().sum(), s3 = (mj - jack.array()).cube().sum();
  const double accel = s3 / (6 * std::pow(s2, 1.5));
  // BCa from that acceleration, with the summarize() of the library
  std::vector<double> v;
  for (Eigen::Index b = 0; b < c1.draws.rows(); ++b) v.push_back(c1.draws(b, 0));
  const auto s = csat::pls::detail::summarize(v, c1.paths[0].original, accel, 0.95, true);
  CHECK_THAT(c1.paths[0].bca_lower, WithinAbs(s.bca_lower, 1e-9));
  CHECK_THAT(c1.paths[0].bca_upper, WithinAbs(s.bca_upper, 1e-9));
}

// ---------------------------------------------------------------------------------------------------------------
// Admissibility warnings

namespace {

/// Data with blocks X = {x1, x2}, Y = {y1, y2}, Z = {z1, z2}; X → Y, Z → Y. `kind` picks the defect.
table defect_data(int kind, Eigen::Index n, std::uint64_t seed) {
  csat::simulate::engine g(seed);
  csat::simulate::normal_generator z;
  table t;
  t.source = "<defect>";
  t.names = {"x1", "x2", "y1", "y2", "z1", "z2"};
  t.values.resize(n, 6);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double a = z(g), b = z(g), e = z(g), u = z(g), f = z(g);
    double x1, x2, y1, y2, z1, z2;
    if (kind == 0) {
      // x1 carries Y, x2 mostly x1's noise: cor(x1, x2) ≈ .57, cor(x2, Y) ≈ .1 → Mode A weights about 7 : 1, and
      // ρ_A = (w1² + w2²)² r / (w1 w2) ≈ 3.5
      y1 = a + 0.4 * z(g);
      y2 = a + 0.4 * z(g);
      x1 = 0.7 * a + 0.71 * e;
      x2 = 0.7 * e + 0.1 * a + 0.7 * u;
      z1 = 0.4 * a + f + 0.5 * z(g);
      z2 = 0.4 * a + f + 0.5 * z(g);
    } else if (kind == 1) {
      // X and Y measure the same two weakly related facets: low reliability, composites strongly correlated
      const double c = 0.3 * a + std::sqrt(1 - 0.09) * b;
      x1 = a + 0.5 * z(g);
      x2 = c + 0.5 * z(g);
      y1 = a + 0.5 * z(g);
      y2 = c + 0.5 * z(g);
      z1 = f + 0.5 * z(g);
      z2 = f + 0.5 * z(g);
    } else {
      // Z duplicates X exactly: the construct correlation matrix is singular
      x1 = a + 0.5 * z(g);
      x2 = a + 0.5 * z(g);
      y1 = a + b + 0.5 * z(g);
      y2 = a + b + 0.5 * z(g);
      z1 = x1;
      z2 = x2;
    }
    t.values.row(i) << x1, x2, y1, y2, z1, z2;
    t.lines.push_back(std::size_t(i) + 2);
  }
  t.missing.assign(6, 0);
  return t;
}

csat::model::specification defect_model() {
  csat::model::specification s;
  s.composite("X", {"x1", "x2"}).composite("Y", {"y1", "y2"}).composite("Z", {"z1", "z2"});
  s.path("X", "Y").path("Z", "Y");
  return s;
}

bool has_warning(const std::vector<std::string>& w, const std::string& a, const std::string& b = "") {
  for (const auto& s : w)
    if (s.find(a) != std::string::npos && s.find(b) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("admissible solutions carry no warnings", "[pls][admissibility]") {
  const auto sim = power_sample(300, 4);
  const auto spec = model_of(csat::simulate::power_csi_model());
  CHECK(csat::pls::estimate(spec, sim.data).warnings.empty());
  csat::pls::estimate_options o;
  o.consistent = true;
  const auto r = csat::pls::estimate(spec, sim.data, o);
  INFO((r.warnings.empty() ? std::string() : r.warnings.front()));
  CHECK(r.warnings.empty());
}

TEST_CASE("rho_A above 1 and PLSc loadings above 1 are reported", "[pls][admissibility]") {
  const auto data = defect_data(0, 400, 1);
  const auto r = csat::pls::estimate(defect_model(), data);
  INFO(r.rho_a.transpose());
  REQUIRE(r.rho_a(0) > 1);
  CHECK(has_warning(r.warnings, "rho_A of construct \"X\" is ", "above 1"));
  CHECK_FALSE(has_warning(r.warnings, "loading"));  // PLS loadings are correlations
  csat::pls::estimate_options o;
  o.consistent = true;
  const auto c = csat::pls::estimate(defect_model(), data, o);
  INFO(c.loadings);
  REQUIRE(c.loadings(0, 0) > 1);
  CHECK(has_warning(c.warnings, "loading of indicator \"x1\" on construct \"X\" is ", "beyond ±1"));
  CHECK(has_warning(c.warnings, "error variance 1 − λ² = -"));
  CHECK(has_warning(c.warnings, "rho_C of construct \"X\"", "above 1"));
  CHECK(has_warning(c.warnings, "rho_A of construct \"X\"", "PLSc cannot disattenuate it"));
  // the bootstrap carries the warnings and counts the inadmissible resamples
  csat::pls::bootstrap_options bo;
  bo.resamples = 40;
  bo.threads = 2;
  bo.bca = false;
  const auto b = csat::pls::bootstrap(defect_model(), data, o, bo);
  CHECK(b.inadmissible > 0);
  CHECK(has_warning(b.warnings, "loading of indicator \"x1\""));
  CHECK(has_warning(b.warnings, "of " + std::to_string(b.successful) + " resamples gave an inadmissible solution"));
}

TEST_CASE("PLSc correlations beyond 1, negative residual variances and a non-positive-definite matrix are reported",
          "[pls][admissibility]") {
  const auto data = defect_data(1, 400, 2);
  csat::pls::estimate_options o;
  o.consistent = true;
  const auto r = csat::pls::estimate(defect_model(), data, o);
  INFO(r.structural_correlations);
  REQUIRE(r.structural_correlations(0, 1) > 1);
  CHECK(has_warning(r.warnings, "PLSc disattenuated correlation of \"X\" and \"Y\" is ", "beyond ±1"));
  CHECK(has_warning(r.warnings, "PLSc residual variance of construct \"Y\" is -", "negative (R² = "));
  CHECK(has_warning(r.warnings, "the PLSc (disattenuated) construct correlation matrix is not positive definite"));
  // the plain PLS fit of the same data is admissible
  const auto p = csat::pls::estimate(defect_model(), data);
  INFO((p.warnings.empty() ? std::string() : p.warnings.front()));
  CHECK(p.warnings.empty());

  // a construct that duplicates another: singular construct correlations, even without PLSc
  const auto dup = csat::pls::estimate(defect_model(), defect_data(2, 300, 3));
  CHECK(has_warning(dup.warnings, "the construct correlation matrix is not positive definite (smallest eigenvalue"));
}

TEST_CASE("ECSI on mobi: unit weights keep seminr's estimates; the reference fit is admissible",
          "[pls][weights][reference]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto data = csat::survey::read_csv(csat_test::shared_path("data/mobi.csv"));
  const auto spec = csat::model::ecsi(csat::model::mobi_indicators());
  const auto r = csat::pls::estimate(spec, data);
  const auto rw = csat::pls::estimate(spec, data, Eigen::VectorXd::Ones(data.rows()).eval());
  check_same_fit(rw, r, 1e-12);
  // seminr 2.3.2 (../shared/reference/pls_mobi_ecsi.json): Image -> Expectation
  CHECK_THAT(rw.path("Image", "Expectation"), WithinAbs(0.5049139336292103, 1e-6));
  INFO((r.warnings.empty() ? std::string() : r.warnings.front()));
  CHECK(r.warnings.empty());
}
