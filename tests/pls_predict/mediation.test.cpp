// Tests of csat/pls/mediation.hpp: replaying seminr's 5000 resamples reproduces its specific and total indirect
// effects of ECSI on mobi; seeded draws equal bootstrap()'s and do not depend on the thread count; VAF and BCa
// by their definitions; chains naming unknown constructs or missing paths are rejected naming the culprit.
#include <csat/pls/mediation.hpp>
#include <csat/model/presets.hpp>

#include <catch2/catch.hpp>

#include "support/shared.hpp"

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "support/models.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;

using csat_test::ecsi;

namespace {


double quantile7(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const double h = (static_cast<double>(v.size()) - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

/// Efron's BCa interval by its definition: z0 from the share of draws below the original, the acceleration from
/// the jackknife values, the adjusted quantiles of the draws.
std::pair<double, double> bca_interval(const std::vector<double>& draws, const std::vector<double>& jack, double original,
                                       double confidence = 0.95) {
  const double nj = static_cast<double>(jack.size());
  double jm = 0;
  for (double v : jack) jm += v / nj;
  double s2 = 0, s3 = 0;
  for (double v : jack) {
    s2 += (jm - v) * (jm - v);
    s3 += (jm - v) * (jm - v) * (jm - v);
  }
  const double a = s3 / (6 * std::pow(s2, 1.5));
  const double below = static_cast<double>(std::count_if(draws.begin(), draws.end(), [&](double v) { return v < original; }));
  const boost::math::normal_distribution<double> N;
  const double z0 = boost::math::quantile(N, below / static_cast<double>(draws.size()));
  auto adj = [&](double q) {
    const double z = boost::math::quantile(N, q);
    return boost::math::cdf(N, z0 + (z0 + z) / (1 - a * (z0 + z)));
  };
  const double alpha = 1 - confidence;
  return {quantile7(draws, adj(alpha / 2)), quantile7(draws, adj(1 - alpha / 2))};
}

}  // namespace

TEST_CASE("replayed resamples reproduce seminr's specific and total indirect effects", "[pls][mediation][reference]") {
  CSAT_NEED_SHARED("reference/pls_beyond_mobi.json");
  CSAT_NEED_SHARED("data/mobi_boot_indices_seed123_n5000.csv");
  const auto data = csat::survey::read_csv(csat_test::shared_path("data/mobi.csv"));
  const auto idx = csat::pls::read_resample_indices(csat_test::shared_path("data/mobi_boot_indices_seed123_n5000.csv"));
  csat::pls::bootstrap_options bo;
  bo.threads = 2;
  const auto r = csat::pls::mediation_indices(ecsi(), data, {"Image -> Expectation -> Satisfaction"}, idx, {}, bo);
  CHECK(r.requested == 5000);
  CHECK(r.successful == 5000);
  CHECK(r.failed == 0);
  REQUIRE(r.specific.size() == 1);
  REQUIRE(r.totals.size() == 1);
  // seminr 2.3.2 specific_effect_significance(boot, "Image", "Expectation", "Satisfaction", alpha = 0.05)
  // (../shared/reference/pls_beyond_mobi.json, block indirect_effects.specific)
  const auto& s = r.specific[0];
  CHECK(s.chain == "Image -> Expectation -> Satisfaction");
  CHECK(s.effect.from == "Image");
  CHECK(s.effect.to == "Satisfaction");
  CHECK_THAT(s.effect.original, WithinAbs(0.03156866800083759, 1e-6));
  CHECK_THAT(s.effect.mean, WithinAbs(0.030195390573933098, 1e-6));
  CHECK_THAT(s.effect.sd, WithinAbs(0.025549250557798456, 1e-6));
  CHECK_THAT(s.effect.t, WithinAbs(1.2356005484161574, 1e-6));
  CHECK_THAT(s.effect.ci_lower, WithinAbs(-0.01848252926001778, 1e-6));
  CHECK_THAT(s.effect.ci_upper, WithinAbs(0.08301496752409582, 1e-6));
  // block indirect_effects.chain_path_bootstrap
  REQUIRE(s.links.size() == 2);
  CHECK(s.links[0].from == "Image");
  CHECK(s.links[0].to == "Expectation");
  CHECK_THAT(s.links[0].original, WithinAbs(0.5049139336292103, 1e-6));
  CHECK_THAT(s.links[0].mean, WithinAbs(0.5155219358888438, 1e-6));
  CHECK_THAT(s.links[0].sd, WithinAbs(0.056780612158925714, 1e-6));
  CHECK(s.links[1].from == "Expectation");
  CHECK(s.links[1].to == "Satisfaction");
  CHECK_THAT(s.links[1].original, WithinAbs(0.06252286953922809, 1e-6));
  CHECK_THAT(s.links[1].mean, WithinAbs(0.059239868203806556, 1e-6));
  CHECK_THAT(s.links[1].sd, WithinAbs(0.04925449420331575, 1e-6));
  // total_indirect_ci(boot, "Image", "Satisfaction", alpha = 0.05) (block indirect_effects.total_indirect_ci)
  const auto& t = r.totals[0];
  CHECK(t.from == "Image");
  CHECK(t.to == "Satisfaction");
  CHECK_THAT(t.indirect.original, WithinAbs(0.21098714703276275, 1e-6));
  CHECK_THAT(t.indirect.mean, WithinAbs(0.21597013158159734, 1e-6));
  CHECK_THAT(t.indirect.sd, WithinAbs(0.04136230582586305, 1e-6));
  CHECK_THAT(t.indirect.ci_lower, WithinAbs(0.13896028000582478, 1e-6));
  CHECK_THAT(t.indirect.ci_upper, WithinAbs(0.29977965396006157, 1e-6));
  // direct and total effect: seminr's bootstrap of the same resamples (pls_mobi_ecsi_bootstrap.json)
  CHECK_THAT(t.direct.mean, WithinAbs(0.18559514407288238, 1e-6));
  CHECK_THAT(t.direct.sd, WithinAbs(0.053655224243785285, 1e-6));
  CHECK_THAT(t.total.mean, WithinAbs(0.40156527565447975, 1e-6));
  CHECK_THAT(t.total.sd, WithinAbs(0.0605191102635425, 1e-6));
  CHECK_THAT(t.total.ci_lower, WithinAbs(0.27886346591964367, 1e-6));
  CHECK_THAT(t.total.ci_upper, WithinAbs(0.5155285276490105, 1e-6));
  // VAF = indirect / total, per resample
  CHECK_THAT(t.vaf.original, WithinAbs(0.21098714703276275 / 0.389726647151981, 1e-6));
  double vmean = 0;
  for (Eigen::Index b = 0; b < 5000; ++b) vmean += r.draws(b, 3) / r.draws(b, 5);
  CHECK_THAT(t.vaf.mean, WithinAbs(vmean / 5000, 1e-12));

  // BCa of the specific effect by its definition: z0 from the share below the original, acceleration from a
  // leave-one-out jackknife of full re-estimations
  std::vector<double> draws(5000), jack(250);
  for (Eigen::Index b = 0; b < 5000; ++b) draws[static_cast<std::size_t>(b)] = r.draws(b, 0);
  for (Eigen::Index i = 0; i < 250; ++i) {
    Eigen::MatrixXd X(249, data.values.cols());
    for (Eigen::Index a = 0, o = 0; a < 250; ++a)
      if (a != i) X.row(o++) = data.values.row(a);
    const auto e = csat::pls::estimate(ecsi(), X, data.names);
    jack[static_cast<std::size_t>(i)] = e.path("Image", "Expectation") * e.path("Expectation", "Satisfaction");
  }
  const auto bca = bca_interval(draws, jack, s.effect.original);
  CHECK(r.bca_computed);
  CHECK_THAT(s.effect.bca_lower, WithinAbs(bca.first, 1e-9));
  CHECK_THAT(s.effect.bca_upper, WithinAbs(bca.second, 1e-9));
  CHECK(s.effect.p > 0.2);  // t = 1.24 with 4999 df
  CHECK(s.effect.p < 0.25);
}

TEST_CASE("seeded mediation draws bootstrap()'s resamples for any thread count", "[pls][mediation][determinism]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto data = csat::survey::read_csv(csat_test::shared_path("data/mobi.csv"));
  const std::vector<std::string> chains = {"Image -> Expectation -> Quality -> Satisfaction -> Loyalty",
                                           "Quality -> Value -> Satisfaction", "Quality -> Satisfaction -> Loyalty"};
  csat::pls::bootstrap_options bo;
  bo.resamples = 300;
  bo.seed = 99;
  bo.threads = 1;
  const auto a = csat::pls::mediation(ecsi(), data, chains, {}, bo);
  bo.threads = 2;
  const auto b = csat::pls::mediation(ecsi(), data, chains, {}, bo);
  bo.threads = 8;
  const auto c = csat::pls::mediation(ecsi(), data, chains, {}, bo);
  CHECK(c.threads == 8);
  CHECK(a.draws == b.draws);
  CHECK(a.draws == c.draws);
  REQUIRE(a.specific.size() == 3);
  REQUIRE(a.totals.size() == 3);  // Image→Loyalty, Quality→Satisfaction, Quality→Loyalty
  CHECK(a.totals[1].from == "Quality");
  CHECK(a.totals[1].to == "Satisfaction");
  CHECK(a.specific[0].links.size() == 4);
  CHECK(a.specific[0].effect.bca_lower == c.specific[0].effect.bca_lower);
  // the same resamples as the PLS bootstrap with that seed: path draws agree
  bo.bca = false;
  const auto boot = csat::pls::bootstrap(ecsi(), data, {}, bo);
  const auto find_path = [&](const std::string& f, const std::string& t) {
    for (const auto& p : boot.paths)
      if (p.from == f && p.to == t) return p;
    FAIL("no path");
    return boot.paths[0];
  };
  CHECK(a.specific[1].links[0].mean == find_path("Quality", "Value").mean);
  CHECK(a.specific[1].links[1].sd == find_path("Value", "Satisfaction").sd);
  for (const auto& p : boot.indirect_effects)
    if (p.from == "Quality" && p.to == "Satisfaction") {
      CHECK_THAT(a.totals[1].indirect.mean, WithinAbs(p.mean, 1e-14));
      CHECK(a.totals[1].indirect.ci_lower == p.ci_lower);
    }
  // original specific effect = product of the estimated paths; two routes sum to the total indirect effect of
  // Quality on Satisfaction (its only indirect route is through Value)
  const auto& e = a.estimate;
  CHECK_THAT(a.specific[1].effect.original, WithinAbs(e.path("Quality", "Value") * e.path("Value", "Satisfaction"), 1e-14));
  CHECK_THAT(a.totals[1].indirect.original, WithinAbs(a.specific[1].effect.original, 1e-12));
  CHECK_THAT(csat::pls::specific_indirect_effect(e, {"Quality", "Value", "Satisfaction"}),
             WithinAbs(a.specific[1].effect.original, 1e-15));
  CHECK_THAT(a.totals[1].vaf.original, WithinAbs(a.totals[1].indirect.original / e.total_effect("Quality", "Satisfaction"), 1e-12));
}

TEST_CASE("bad chains are rejected naming the culprit", "[pls][mediation][errors]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto data = csat::survey::read_csv(csat_test::shared_path("data/mobi.csv"));
  csat::pls::bootstrap_options bo;
  bo.resamples = 10;
  bo.threads = 1;
  auto run = [&](const std::string& chain) { return csat::pls::mediation(ecsi(), data, {chain}, {}, bo); };
  CHECK_THROWS_AS(run("Image -> Expectaton -> Satisfaction"), csat::invalid_argument);
  CHECK_THROWS_WITH(run("Image -> Expectaton -> Satisfaction"), Contains("no construct named \"Expectaton\""));
  CHECK_THROWS_AS(run("Image -> Quality -> Satisfaction"), csat::invalid_argument);
  CHECK_THROWS_WITH(run("Image -> Quality -> Satisfaction"),
                    Contains("chain \"Image -> Quality -> Satisfaction\": the model has no path from \"Image\" to \"Quality\""));
  CHECK_THROWS_WITH(run("Image -> Satisfaction"), Contains("has no mediator"));
  CHECK_THROWS_WITH(run("Image ->  -> Satisfaction"), Contains("empty construct name (name 2)"));
  CHECK_THROWS_WITH(run("Image -> Expectation -> Image"), Contains("visits \"Image\" twice"));
  CHECK_THROWS_WITH(csat::pls::mediation(ecsi(), data, {}, {}, bo), Contains("no chain given"));
  csat::pls::estimate_options weighted;
  weighted.weights = "WEIGHT";
  CHECK_THROWS_AS(csat::pls::mediation(ecsi(), data, {"Image -> Expectation -> Satisfaction"}, weighted, bo),
                  csat::invalid_argument);
  CHECK_THROWS_WITH(csat::pls::mediation(ecsi(), data, {"Image -> Expectation -> Satisfaction"}, weighted, bo),
                    Contains("weight column \"WEIGHT\""));
  bo.resamples = 1;
  CHECK_THROWS_AS(run("Image -> Expectation -> Satisfaction"), csat::domain_error);
  CHECK_THROWS_WITH(run("Image -> Expectation -> Satisfaction"), Contains("the number of resamples = 1"));
  Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic> idx = csat::pls::resample_indices(250, 3, 1);
  idx(2, 5) = -1;
  CHECK_THROWS_WITH(csat::pls::mediation_indices(ecsi(), data, {"Image -> Expectation -> Satisfaction"}, idx),
                    Contains("resample indices[2,5] = -1"));
  const auto e = csat::pls::estimate(ecsi(), data);
  CHECK_THROWS_WITH(csat::pls::specific_indirect_effect(e, {"Value", "Quality", "Satisfaction"}),
                    Contains("no path from \"Value\" to \"Quality\""));
  CHECK(csat::pls::parse_chain("  Image->Expectation ->  Satisfaction ") ==
        std::vector<std::string>{"Image", "Expectation", "Satisfaction"});
}

TEST_CASE("weighted mediation draws the weighted bootstrap's resamples", "[pls][mediation][weights]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  auto data = csat::survey::read_csv(csat_test::shared_path("data/mobi.csv"));
  // a weight column: 0 for five rows (excluded), 1..3 otherwise
  data.names.push_back("w");
  data.values.conservativeResize(Eigen::NoChange, data.values.cols() + 1);
  for (Eigen::Index i = 0; i < data.rows(); ++i) data.values(i, data.values.cols() - 1) = i % 50 == 7 ? 0.0 : double(1 + i % 3);
  data.missing.push_back(0);
  csat::pls::estimate_options eo;
  eo.weights = "w";
  csat::pls::bootstrap_options bo;
  bo.resamples = 200;
  bo.seed = 5;
  bo.threads = 2;
  const auto m = csat::pls::mediation(ecsi(), data, {"Image -> Expectation -> Satisfaction"}, eo, bo);
  bo.threads = 1;
  const auto m1 = csat::pls::mediation(ecsi(), data, {"Image -> Expectation -> Satisfaction"}, eo, bo);
  CHECK(m.draws == m1.draws);
  CHECK(m.estimate.n_used == 245);
  bo.bca = false;
  const auto b = csat::pls::bootstrap(ecsi(), data, eo, bo);
  CHECK(b.weighted);
  CHECK_THAT(m.specific[0].effect.original,
             WithinAbs(b.estimate.path("Image", "Expectation") * b.estimate.path("Expectation", "Satisfaction"), 1e-14));
  for (const auto& p : b.paths)
    if (p.from == "Image" && p.to == "Expectation") CHECK(m.specific[0].links[0].mean == p.mean);
  for (const auto& p : b.indirect_effects)
    if (p.from == "Image" && p.to == "Satisfaction") CHECK_THAT(m.totals[0].indirect.sd, WithinAbs(p.sd, 1e-14));
  // weights change the estimate
  const auto u = csat::pls::estimate(ecsi(), data);
  CHECK(std::abs(m.specific[0].effect.original - u.path("Image", "Expectation") * u.path("Expectation", "Satisfaction")) > 1e-4);
  CHECK(m.bca_computed);
  CHECK(std::isfinite(m.specific[0].effect.bca_lower));
  // BCa by its definition: the acceleration from a leave-one-out jackknife of full weighted re-estimations (case
  // i left out = its weight set to 0); the library downdates the weighted moments instead
  const Eigen::Index wcol = data.values.cols() - 1;
  std::vector<double> jack;
  for (Eigen::Index i = 0; i < data.rows(); ++i) {
    if (data.values(i, wcol) == 0) continue;
    auto d = data;
    d.values(i, wcol) = 0;
    const auto e = csat::pls::estimate(ecsi(), d, eo);
    jack.push_back(e.path("Image", "Expectation") * e.path("Expectation", "Satisfaction"));
  }
  REQUIRE(jack.size() == 245);
  std::vector<double> draws;
  for (Eigen::Index b_ = 0; b_ < m.draws.rows(); ++b_) draws.push_back(m.draws(b_, 0));
  const auto bca = bca_interval(draws, jack, m.specific[0].effect.original);
  CHECK_THAT(m.specific[0].effect.bca_lower, WithinAbs(bca.first, 1e-9));
  CHECK_THAT(m.specific[0].effect.bca_upper, WithinAbs(bca.second, 1e-9));
}
