// Tests of csat/pls/index.hpp: 0–100 indices, segment indices and IPMA, checked against direct computations of
// the definitions (rescaled items weighted by normalized unstandardized weights; OLS slopes on rescaled scores).
#include <csat/pls/index.hpp>
#include <csat/model/presets.hpp>

#include <catch2/catch.hpp>

#include "support/shared.hpp"

#include <Eigen/Cholesky>

#include <cmath>

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;

namespace {
struct fixture {
  csat::survey::data_table<double> data = csat::survey::read_csv(csat_test::shared_path("data/mobi.csv"));
  csat::pls::estimate_result<double> r =
      csat::pls::estimate(csat::model::ecsi(csat::model::mobi_indicators()), data);
};
}  // namespace

TEST_CASE("0-100 indices equal the mean of rescaled, weighted items", "[pls][index]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  fixture f;
  const auto idx = csat::pls::indices(f.r, 1.0, 10.0);
  // direct computation for every construct and every case: weights w_i / sd_i normalized to sum 1 in the block
  for (Eigen::Index k = 0; k < 7; ++k) {
    double usum = 0;
    for (std::size_t i = 0; i < f.r.indicators.size(); ++i)
      if (f.r.block[i] == k) usum += f.r.weights(Eigen::Index(i), k) / f.r.indicator_sds(Eigen::Index(i));
    double mean = 0;
    for (Eigen::Index row = 0; row < f.data.rows(); ++row) {
      double y = 0;
      for (std::size_t i = 0; i < f.r.indicators.size(); ++i) {
        if (f.r.block[i] != k) continue;
        const double u = f.r.weights(Eigen::Index(i), k) / f.r.indicator_sds(Eigen::Index(i)) / usum;
        y += u * 100.0 * (f.data.values(row, f.data.index_of(f.r.indicators[i])) - 1.0) / 9.0;
      }
      CHECK_THAT(idx.scores(row, k), WithinAbs(y, 1e-9));
      mean += y;
    }
    mean /= double(f.data.rows());
    CHECK_THAT(idx.index(k), WithinAbs(mean, 1e-9));
    CHECK(idx.index(k) > 0);
    CHECK(idx.index(k) < 100);
    CHECK_THAT(idx.rescaled_weights.col(k).sum(), WithinAbs(1.0, 1e-12));
  }
  // single item: the index is the rescaled mean of CUSCO (7.068 on 1-10)
  CHECK_THAT(idx.index_of("Complaints"), WithinAbs(100.0 * (7.068 - 1) / 9, 1e-9));
  CHECK_THAT(idx.indicator_performance(f.r.indicator_index("CUSCO")), WithinAbs(100.0 * (7.068 - 1) / 9, 1e-9));
  CHECK_THROWS_AS(idx.index_of("Nope"), csat::invalid_argument);
}

TEST_CASE("segment indices average the case scores of each segment", "[pls][index]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  fixture f;
  const auto idx = csat::pls::indices(f.r, 1.0, 10.0);
  std::vector<std::string> seg;
  for (Eigen::Index i = 0; i < f.data.rows(); ++i) seg.push_back(f.data.values(i, f.data.index_of("CUEX1")) < 8 ? "low" : "high");
  const auto s = csat::pls::segment_indices(idx, seg);
  REQUIRE(s.size() == 2);
  CHECK(s[0].segment == "low");  // row 1 has CUEX1 = 7
  CHECK(s[0].n + s[1].n == 250);
  const Eigen::Index sat = f.r.construct_index("Satisfaction");
  CHECK_THAT((s[0].index(sat) * double(s[0].n) + s[1].index(sat) * double(s[1].n)) / 250.0, WithinAbs(idx.index(sat), 1e-9));
  CHECK(s[1].index(f.r.construct_index("Expectation")) > s[0].index(f.r.construct_index("Expectation")));
  CHECK_THROWS_WITH(csat::pls::segment_indices(idx, std::vector<std::string>(3, "x")), Contains("labels has size 3"));
}

TEST_CASE("IPMA importance is the unstandardized total effect on rescaled scores", "[pls][index][ipma]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  fixture f;
  const auto idx = csat::pls::indices(f.r, 1.0, 10.0);
  const auto m = csat::pls::ipma(f.r, idx, "Complaints");
  // Complaints has one predecessor (Satisfaction): its total effects equal Satisfaction's path times the chain, so
  // check Satisfaction's importance against the OLS slope of rescaled Complaints on rescaled Satisfaction.
  const Eigen::Index s = f.r.construct_index("Satisfaction"), c = f.r.construct_index("Complaints");
  const Eigen::VectorXd x = idx.scores.col(s), y = idx.scores.col(c);
  const double slope = ((x.array() - x.mean()) * (y.array() - y.mean())).sum() / (x.array() - x.mean()).square().sum();
  const csat::pls::ipma_entry* e = nullptr;
  for (const auto& q : m.constructs)
    if (q.name == "Satisfaction") e = &q;
  REQUIRE(e != nullptr);
  CHECK_THAT(e->importance, WithinAbs(slope, 1e-9));
  CHECK_THAT(e->performance, WithinAbs(idx.index(s), 1e-12));
  CHECK_THAT(m.target_performance, WithinAbs(idx.index(c), 1e-12));
  // Image reaches Complaints only through Satisfaction (and Expectation...): importance = T * usum ratio
  for (const auto& q : m.constructs) {
    const Eigen::Index j = f.r.construct_index(q.name);
    CHECK_THAT(q.importance, WithinAbs(f.r.total_effects(j, c) * idx.weight_sum(j) / idx.weight_sum(c), 1e-12));
  }
  CHECK(m.constructs.size() == 5);  // Image, Expectation, Quality, Value, Satisfaction
  for (std::size_t i = 1; i < m.constructs.size(); ++i) CHECK(m.constructs[i - 1].priority >= m.constructs[i].priority);
  // indicators: rescaled weight times the construct's importance; Loyalty's items do not affect Complaints
  for (const auto& q : m.indicators) CHECK(q.construct != "Loyalty");
  CHECK(m.indicators.size() == 20);
  // multi-predictor target: importance against a multiple regression on rescaled scores (direct effects only)
  const auto ml = csat::pls::ipma(f.r, idx, "Loyalty");
  Eigen::MatrixXd X(250, 3);
  X.col(0) = idx.scores.col(f.r.construct_index("Image"));
  X.col(1) = idx.scores.col(s);
  X.col(2) = idx.scores.col(c);
  Eigen::VectorXd yl = idx.scores.col(f.r.construct_index("Loyalty"));
  const Eigen::MatrixXd Xc = X.rowwise() - X.colwise().mean();
  const Eigen::VectorXd yc = yl.array() - yl.mean();
  const Eigen::VectorXd b = (Xc.transpose() * Xc).ldlt().solve(Xc.transpose() * yc);
  for (const auto& q : ml.constructs)
    if (q.name == "Complaints") CHECK_THAT(q.importance, WithinAbs(b(2), 1e-9));  // Complaints -> Loyalty is direct only
}

TEST_CASE("index scale errors name the indicator", "[pls][index][errors]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  fixture f;
  CHECK_THROWS_AS(csat::pls::indices(f.r, 10.0, 1.0), csat::domain_error);
  CHECK_THROWS_WITH(csat::pls::indices(f.r, 10.0, 1.0), Contains("scale of indicator \"IMAG1\" is [10, 1]"));
  Eigen::VectorXd lo = Eigen::VectorXd::Ones(24), hi = Eigen::VectorXd::Constant(24, 10);
  hi(3) = std::nan("");
  CHECK_THROWS_WITH(csat::pls::indices(f.r, lo, hi), Contains("\"IMAG4\""));
  CHECK_THROWS_WITH(csat::pls::indices(f.r, Eigen::VectorXd(Eigen::VectorXd::Ones(3)), hi), Contains("scale_min has size 3"));
  // data on another scale (mobi is 1-10, means about 7-8): an error naming the indicator, not indices above 100
  REQUIRE(f.r.indicator_means(0) > 5);
  CHECK_THROWS_AS(csat::pls::indices(f.r, 1.0, 5.0), csat::domain_error);
  CHECK_THROWS_WITH(csat::pls::indices(f.r, 1.0, 5.0),
                    Contains("indicator \"IMAG1\" has mean " + csat::detail::format_value(f.r.indicator_means(0)) +
                             ", outside its scale [1, 5]"));
  hi = Eigen::VectorXd::Constant(24, 10);
  lo(9) = f.r.indicator_means(9) + 0.5;  // one indicator's scale starts above its mean
  CHECK_THROWS_WITH(csat::pls::indices(f.r, lo, hi), Contains("indicator \"" + f.r.indicators[9] + "\" has mean"));
  lo(9) = f.r.indicator_means(9);  // a mean at a scale end is on the scale
  CHECK_NOTHROW(csat::pls::indices(f.r, lo, hi));
}

TEST_CASE("the default IPMA target is Satisfaction, else the final outcome, never an interaction term",
          "[pls][index][ipma]") {
  csat::pls::estimate_result<double> r;
  auto set = [&r](std::vector<std::string> names, std::vector<std::pair<int, int>> paths) {
    r.constructs = std::move(names);
    const auto K = static_cast<Eigen::Index>(r.constructs.size());
    r.structure = Eigen::MatrixXi::Zero(K, K);
    for (const auto& p : paths) r.structure(p.first, p.second) = 1;
  };
  // the corporate-reputation moderation model: CUSL ~ COMP + LIKE + CUSA + SC + CUSA:SC (interaction listed last)
  set({"COMP", "LIKE", "CUSA", "SC", "CUSL", "CUSA:SC"}, {{0, 4}, {1, 4}, {2, 4}, {3, 4}, {5, 4}});
  CHECK(csat::pls::default_ipma_target(r) == "CUSL");
  // the ECSI chain: Satisfaction is the target although Loyalty comes later and is the final outcome
  set({"Image", "Satisfaction", "Loyalty"}, {{0, 1}, {1, 2}});
  CHECK(csat::pls::default_ipma_target(r) == "Satisfaction");
  // a construct named Satisfaction that nothing explains is not chosen
  set({"Satisfaction", "Quality", "Loyalty", "Complaints"}, {{0, 2}, {1, 2}, {2, 3}});
  CHECK(csat::pls::default_ipma_target(r) == "Complaints");
  // every explained construct explains another (a cycle, which estimate() rejects): the last explained one
  set({"A", "B", "C"}, {{0, 1}, {1, 2}, {2, 1}});
  CHECK(csat::pls::default_ipma_target(r) == "C");
  set({"A", "B"}, {});
  CHECK_THROWS_WITH(csat::pls::default_ipma_target(r), Contains("no structural path"));
}
