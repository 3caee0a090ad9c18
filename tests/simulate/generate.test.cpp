// Tests of include/csat/simulate/generate.hpp: synthetic respondents.
#include <csat/simulate/generate.hpp>
#include <csat/survey/missing.hpp>
#include <csat/survey/scale.hpp>
#include <csat/survey/stats.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

using namespace csat::simulate;
using Catch::Contains;

namespace {
survey_design<double> chain(double a = 0.6, double b = 0.5) {
  survey_design<double> d;
  auto& m = d.model;
  m.constructs = {"X", "M", "Y"};
  m.paths = Eigen::MatrixXd::Zero(3, 3);
  m.paths(1, 0) = a;
  m.paths(2, 1) = b;
  const double loads[] = {0.9, 0.8, 0.7};
  for (const char* con : {"X", "M", "Y"})
    for (int i = 0; i < 3; ++i) m.indicators.push_back({std::string(con) + std::to_string(i + 1), con, loads[i]});
  return d;
}

Eigen::MatrixXd sample_correlation(const Eigen::MatrixXd& x) {
  const Eigen::MatrixXd c = x.rowwise() - x.colwise().mean();
  const Eigen::MatrixXd cov = c.transpose() * c / double(x.rows() - 1);
  const Eigen::VectorXd sd = cov.diagonal().cwiseSqrt();
  return cov.array() / (sd * sd.transpose()).array();
}
}  // namespace

TEST_CASE("generate: the same seed gives the same survey, another seed another", "[simulate][generate]") {
  auto d = chain();
  d.missing_rate = 0.1;
  d.model.indicators[0].scale = response_scale::likert(5);
  d.model.indicators[1].scale = response_scale::power_5_grade();
  const auto a = generate(d, 300, 99), b = generate(d, 300, 99), c = generate(d, 300, 100);
  CHECK(a.data.values.isApprox(b.data.values) == false);  // NaN != NaN, so compare cell by cell below
  bool same = true, differ = false;
  for (Eigen::Index i = 0; i < a.data.values.size(); ++i) {
    const double x = a.data.values.data()[i], y = b.data.values.data()[i], z = c.data.values.data()[i];
    same = same && ((std::isnan(x) && std::isnan(y)) || x == y);
    differ = differ || !(x == z || (std::isnan(x) && std::isnan(z)));
  }
  CHECK(same);
  CHECK(differ);
  CHECK(a.data.text == b.data.text);
  CHECK(a.latent == b.latent);
  CHECK(a.missing_cells == b.missing_cells);
  CHECK(a.data.source == "<simulated, seed 99>");
}

TEST_CASE("generate: sample correlations recover the population correlations within sampling error", "[simulate][generate]") {
  const auto d = chain();
  const Eigen::Index n = 20000;
  const auto s = generate(d, n, 12345);
  const Eigen::MatrixXd pop = implied_correlation(d.model);
  const Eigen::MatrixXd r = sample_correlation(s.data.values);
  double worst = 0;
  for (Eigen::Index a = 0; a < pop.rows(); ++a)
    for (Eigen::Index b = 0; b < a; ++b) {
      const double se = (1 - pop(a, b) * pop(a, b)) / std::sqrt(double(n));
      worst = std::max(worst, std::abs(r(a, b) - pop(a, b)) / se);
    }
  INFO("largest deviation in standard errors: " << worst);
  CHECK(worst < 4.5);  // 36 correlations; 4.5 SE is far beyond what chance produces
  CHECK(worst > 0.1);  // and they are estimates, not copies
}

TEST_CASE("generate: latent scores have unit variance and the population latent correlations", "[simulate][generate]") {
  const auto d = chain(0.6, 0.5);
  const Eigen::Index n = 20000;
  const auto s = generate(d, n, 777);
  const auto lat = solve_latent(d.model);
  const Eigen::MatrixXd c = s.latent.rowwise() - s.latent.colwise().mean();
  const Eigen::MatrixXd cov = c.transpose() * c / double(n - 1);
  for (Eigen::Index j = 0; j < 3; ++j) {
    CHECK(std::abs(cov(j, j) - 1) < 4 * std::sqrt(2.0 / n));
    CHECK(std::abs(s.latent.col(j).mean()) < 4 / std::sqrt(double(n)));
  }
  const Eigen::MatrixXd r = sample_correlation(s.latent);
  CHECK(std::abs(r(1, 0) - 0.6) < 4 * (1 - 0.36) / std::sqrt(double(n)));
  CHECK(std::abs(r(2, 0) - lat.correlation(2, 0)) < 4 * (1 - 0.09) / std::sqrt(double(n)));
}

TEST_CASE("generate: k-point scales with default thresholds spread a centred item evenly", "[simulate][generate]") {
  auto d = chain();
  for (auto& ind : d.model.indicators) ind.scale = response_scale::likert(7);
  d.model.indicators[1].location = 1.0;
  const Eigen::Index n = 14000;
  const auto s = generate(d, n, 5);
  std::vector<int> count(7, 0);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double v = s.data.values(i, 0);
    REQUIRE(v == std::round(v));
    REQUIRE(v >= 1);
    REQUIRE(v <= 7);
    ++count[static_cast<std::size_t>(v) - 1];
  }
  for (int c : count) CHECK(std::abs(c / double(n) - 1.0 / 7) < 4 * std::sqrt((1.0 / 7) * (6.0 / 7) / n));
  // a positive location shifts answers up: mean of the standard normal quantized, shifted by one SD
  CHECK(s.data.values.col(1).mean() > s.data.values.col(0).mean() + 1.0);
}

TEST_CASE("generate: explicit thresholds and the lowest category", "[simulate][generate]") {
  auto d = chain();
  d.model.indicators[0].scale = response_scale{3, 0, {-0.5, 0.5}, {}};
  const auto s = generate(d, 50, 1);
  for (Eigen::Index i = 0; i < 50; ++i) {
    const double x = s.continuous(i, 0), v = s.data.values(i, 0);
    CHECK(v == (x > 0.5 ? 2.0 : x > -0.5 ? 1.0 : 0.0));
  }
}

TEST_CASE("generate: 5-grade labels are text answers that the survey label scale reads back", "[simulate][generate]") {
  auto d = chain();
  d.model.indicators[2].scale = response_scale::power_5_grade();
  d.model.indicators[2].location = 0.5;
  const auto s = generate(d, 400, 8);
  REQUIRE(s.data.text_names == std::vector<std::string>{"X3"});
  CHECK(s.data.cols() == 8);
  const auto mapped = csat::survey::apply_label_scale(s.data, {"X3"}, csat::survey::power_5_grade());
  const Eigen::Index j = mapped.index_of("X3");
  for (Eigen::Index i = 0; i < 400; ++i) {
    const double x = 0.5 + s.continuous(i, 2);
    const double v = mapped.values(i, j);
    CHECK((v == 0 || v == 40 || v == 60 || v == 80 || v == 100));
    if (x > 0.8416212335729143) CHECK(v == 100);  // above the 80% normal quantile: 很满意
    if (x <= -0.8416212335729143) CHECK(v == 0);
  }
}

TEST_CASE("generate: answers are missing at the chosen rate and counted", "[simulate][generate]") {
  auto d = chain();
  d.missing_rate = 0.05;
  const Eigen::Index n = 10000;
  const auto s = generate(d, n, 31);
  const double cells = double(n) * 9;
  const Eigen::Index nan_cells = (s.data.values.array() != s.data.values.array()).count();
  CHECK(nan_cells == s.missing_cells);
  Eigen::Index counted = 0;
  for (auto m : s.data.missing) counted += m;
  CHECK(counted == nan_cells);
  CHECK(std::abs(double(nan_cells) / cells - 0.05) < 4 * std::sqrt(0.05 * 0.95 / cells));
  CHECK_THROWS_AS(csat::survey::require_complete(s.data), csat::domain_error);
}

TEST_CASE("generate: segments have their shares, mean shifts and paths", "[simulate][generate]") {
  auto d = chain(0.5, 0.5);
  segmentation<double> seg{"group", {}};
  seg.levels.push_back({"base", 0.6, {}, {}});
  Eigen::VectorXd shift = Eigen::VectorXd::Zero(3);
  shift(0) = 0.5;  // X mean +0.5, propagating to M (+0.25) and Y (+0.125)
  Eigen::MatrixXd dpath = Eigen::MatrixXd::Zero(3, 3);
  dpath(1, 0) = 0.3;  // X -> M is 0.8 in this group
  seg.levels.push_back({"shifted", 0.4, shift, dpath});
  d.segments = {seg};
  const Eigen::Index n = 30000;
  const auto s = generate(d, n, 4242);
  REQUIRE(s.data.text_names == std::vector<std::string>{"group"});
  Eigen::Index n1 = 0;
  double mx[2] = {0, 0}, mm[2] = {0, 0}, sxx[2] = {0, 0}, sxm[2] = {0, 0}, smm[2] = {0, 0};
  Eigen::Index cnt[2] = {0, 0};
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto g = s.level[0][static_cast<std::size_t>(i)];
    CHECK(s.data.text[0][static_cast<std::size_t>(i)] == (g ? "shifted" : "base"));
    n1 += g;
    mx[g] += s.latent(i, 0); mm[g] += s.latent(i, 1); ++cnt[g];
  }
  CHECK(std::abs(double(n1) / double(n) - 0.4) < 4 * std::sqrt(0.24 / double(n)));
  for (int g = 0; g < 2; ++g) { mx[g] /= double(cnt[g]); mm[g] /= double(cnt[g]); }
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto g = s.level[0][static_cast<std::size_t>(i)];
    const double dx = s.latent(i, 0) - mx[g], dm = s.latent(i, 1) - mm[g];
    sxx[g] += dx * dx; sxm[g] += dx * dm; smm[g] += dm * dm;
  }
  const double se1 = 4 / std::sqrt(double(cnt[1])), se0 = 4 / std::sqrt(double(cnt[0]));
  CHECK(std::abs(mx[1] - 0.5) < se1);
  CHECK(std::abs(mx[0]) < se0);
  CHECK(std::abs(mm[1] - 0.5 * 0.8) < se1);  // M = 0.8·X + ... in the shifted group
  CHECK(std::abs(sxm[1] / sxx[1] - 0.8) < se1);
  CHECK(std::abs(sxm[0] / sxx[0] - 0.5) < se0);
  CHECK(std::abs(smm[1] / double(cnt[1] - 1) - 1) < 4 * std::sqrt(2.0 / double(cnt[1])));  // variance 1 within the cell
}

TEST_CASE("generate: invalid designs are errors naming what is wrong", "[simulate][generate]") {
  auto d = chain();
  CHECK_THROWS_AS(generate(d, 0, 1), csat::invalid_argument);
  d.missing_rate = 1.0;
  CHECK_THROWS_AS(generate(d, 10, 1), csat::domain_error);
  CHECK_THROWS_WITH(generate(d, 10, 1), Contains("missing_rate = 1"));
  d.missing_rate = 0;
  d.segments = {{"g", {{"a", 0.0, {}, {}}}}};
  CHECK_THROWS_WITH(generate(d, 10, 1), Contains("share of level \"a\" of \"g\" = 0"));
  Eigen::MatrixXd bad = Eigen::MatrixXd::Zero(3, 3);
  bad(2, 0) = 0.2;  // X -> Y is not a path of the model
  d.segments = {{"g", {{"a", 1.0, {}, bad}}}};
  CHECK_THROWS_AS(generate(d, 10, 1), csat::invalid_argument);
  CHECK_THROWS_WITH(generate(d, 10, 1), Contains("X -> Y, which is not in the model"));
  Eigen::MatrixXd big = Eigen::MatrixXd::Zero(3, 3);
  big(1, 0) = 0.5;  // X -> M becomes 1.1
  d.segments = {{"g", {{"strong", 1.0, {}, big}}}};
  CHECK_THROWS_AS(generate(d, 10, 1), csat::domain_error);
  CHECK_THROWS_WITH(generate(d, 10, 1), Contains("segment cell (strong)") && Contains("\"M\""));
  d.segments = {{"X1", {{"a", 1.0, {}, {}}}}};
  CHECK_THROWS_WITH(generate(d, 10, 1), Contains("column name \"X1\" is used twice"));
}

TEST_CASE("generate: a simulated survey round-trips through write_csv and read_csv", "[simulate][generate]") {
  auto d = chain();
  d.missing_rate = 0.1;
  d.id_column = "id";
  d.model.indicators[0].scale = response_scale::likert(10);
  d.model.indicators[4].scale = response_scale::power_5_grade();
  d.segments = {{"channel", {{"95598 hotline", 1, {}, {}}, {"service hall", 1, {}, {}}, {"online, app", 1, {}, {}}}}};
  const auto s = generate(d, 200, 3);
  std::ostringstream os;
  csat::survey::csv_write_options w;
  w.columns = s.columns;
  csat::survey::write_csv(s.data, os, w);
  CHECK(os.str().substr(0, 20) == "id,channel,X1,X2,X3,");
  csat::survey::csv_options r;
  r.text_columns = {"channel", "M2"};
  const auto back = csat::survey::read_csv_text<double>(os.str(), "sim.csv", r);
  REQUIRE(back.rows() == 200);
  CHECK(back.text_column("channel") == s.data.text_column("channel"));
  CHECK(back.text_column("M2") == s.data.text_column("M2"));
  for (const auto& name : s.data.names) {
    const auto a = s.data.values.col(s.data.index_of(name)), b = back.values.col(back.index_of(name));
    for (Eigen::Index i = 0; i < 200; ++i) REQUIRE(((std::isnan(a(i)) && std::isnan(b(i))) || a(i) == b(i)));
  }
  CHECK(back.missing == s.data.missing);
  CHECK(back.values(199, back.index_of("id")) == 200);
}

TEST_CASE("generate: PLS values of continuous answers converge to the PLS population values", "[simulate][generate]") {
  const auto d = chain(0.6, 0.5);
  const auto exact = pls_population(d.model, implied_correlation(d.model));
  const auto mc = answer_pls_population(d, d.model, 100000, 9);
  CHECK(mc.converged);
  CHECK(std::abs(mc.paths(1, 0) - exact.paths(1, 0)) < 0.01);
  CHECK(std::abs(mc.paths(2, 1) - exact.paths(2, 1)) < 0.01);
  CHECK(std::abs(mc.loadings(0) - exact.loadings(0)) < 0.01);
  CHECK(exact.paths(1, 0) < 0.6);  // composites attenuate the latent path
  auto coarse = d;
  for (auto& ind : coarse.model.indicators) ind.scale = response_scale::likert(3);
  const auto disc = answer_pls_population(coarse, d.model, 100000, 9);
  CHECK(disc.paths(1, 0) < mc.paths(1, 0) - 0.02);  // coarse 3-point answers attenuate further
  auto other = d.model;
  other.indicators[0].name = "nope";
  CHECK_THROWS_WITH(answer_pls_population(d, other, 10, 1), Contains("\"nope\""));
}
