// Tests of csat/pls/moderation.hpp: the three interaction methods against seminr 2.3.2 on mobi, simple slopes
// against a hand computation, the slope plot's labels, and every bad input.
#include <csat/pls/moderation.hpp>
#include <csat/report/charts.hpp>

#include <catch2/catch.hpp>

#include "reference.hpp"
#include "support/shared.hpp"

#include <cmath>
#include <random>
#include <string>

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;

namespace {

const char* const mobi_model =
    "Image        =~ IMAG1 + IMAG2 + IMAG3 + IMAG4 + IMAG5\n"
    "Expectation  =~ CUEX1 + CUEX2 + CUEX3\n"
    "Satisfaction =~ CUSA1 + CUSA2 + CUSA3\n"
    "Satisfaction ~ Image + Expectation + Image:Expectation\n";

csat::survey::data_table<double> mobi() { return csat::survey::read_csv(csat_test::shared_path("data/mobi.csv")); }

csat::pls::moderation_result<double> fit(csat::pls::interaction_method m) {
  csat::pls::moderation_options o;
  o.method = m;
  return csat::pls::estimate_moderation(csat::pls::parse_moderated(mobi_model), mobi(), o);
}

constexpr double tol = 1e-6;

void check_against(const modref::method_ref& ref, const csat::pls::moderation_result<double>& r) {
  const auto& f = r.fit;
  CHECK(f.converged);
  CHECK(f.iterations == ref.iterations);
  CHECK_THAT(f.final_change, WithinAbs(ref.final_change, 1e-12));
  for (const auto& p : ref.paths) {
    INFO("path " << p.from << " -> " << p.to);
    CHECK_THAT(f.path(p.from, p.to), WithinAbs(p.value, tol));
    CHECK_THAT(f.total_effect(p.from, p.to), WithinAbs(p.value, tol));
  }
  CHECK_THAT(f.r2("Satisfaction"), WithinAbs(ref.r2, tol));
  CHECK_THAT(f.r2_adj("Satisfaction"), WithinAbs(ref.r2_adj, tol));
  REQUIRE(f.indicators.size() == ref.weights.size());
  for (const auto& w : ref.weights) {
    INFO("weight " << w.indicator);
    CHECK(f.constructs[static_cast<std::size_t>(f.block[static_cast<std::size_t>(f.indicator_index(w.indicator))])] ==
          w.construct);
    CHECK_THAT(f.weight(w.indicator), WithinAbs(w.value, tol));
  }
  for (const auto& l : ref.loadings) {
    INFO("loading " << l.indicator);
    CHECK_THAT(f.loading(l.indicator), WithinAbs(l.value, tol));
  }
  for (const auto& q : ref.reliability) {
    INFO("reliability " << q.construct);
    const auto k = f.construct_index(q.construct);
    CHECK_THAT(r.reliability.alpha(k), WithinAbs(q.alpha, tol));
    CHECK_THAT(r.reliability.rho_c(k), WithinAbs(q.rho_c, tol));
    CHECK_THAT(r.reliability.ave(k), WithinAbs(q.ave, tol));
    CHECK_THAT(r.reliability.rho_a(k), WithinAbs(q.rho_a, tol));
  }
  const char* cols[4] = {"Image", "Expectation", "Image:Expectation", "Satisfaction"};
  for (std::size_t i = 0; i < ref.scores_first10.size(); ++i)
    for (int c = 0; c < 4; ++c) {
      INFO("score row " << i << " " << cols[c]);
      CHECK_THAT(f.scores(static_cast<Eigen::Index>(i), f.construct_index(cols[c])), WithinAbs(ref.scores_first10[i][static_cast<std::size_t>(c)], tol));
    }
  for (const auto& s : ref.score_sd) {
    INFO("score sd " << s.name);
    const auto col = f.scores.col(f.construct_index(s.name));
    const double mean = col.mean();
    const double sd = std::sqrt((col.array() - mean).square().sum() / double(col.size() - 1));
    CHECK_THAT(mean, WithinAbs(0, 1e-12));
    CHECK_THAT(sd, WithinAbs(s.value, tol));
  }
  REQUIRE(r.interactions.size() == 1);
  const auto& ir = r.interaction("Image:Expectation");
  CHECK(ir.iv == "Image");
  CHECK(ir.moderator == "Expectation");
  CHECK_THAT(ir.adjustment, WithinAbs(ref.adjustment, tol));
  REQUIRE(ir.items.size() == ref.item_cor.size());
  for (std::size_t j = 0; j < ir.items.size(); ++j) {
    INFO("interaction item " << ir.items[j]);
    CHECK(ir.items[j] == ref.item_cor[j].name);
    CHECK_THAT(ir.item_correlations(static_cast<Eigen::Index>(j)), WithinAbs(ref.item_cor[j].value, tol));
    CHECK_THAT(ir.item_means(static_cast<Eigen::Index>(j)), WithinAbs(ref.item_mean[j].value, tol));
    CHECK_THAT(ir.item_sds(static_cast<Eigen::Index>(j)), WithinAbs(ref.item_sd[j].value, tol));
    for (std::size_t i = 0; i < ref.item_first3.size(); ++i)
      CHECK_THAT(ir.item_data(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)), WithinAbs(ref.item_first3[i][j], tol));
  }
}

}  // namespace

TEST_CASE("two-stage interaction reproduces seminr 2.3.2 on mobi") {
  CSAT_NEED_SHARED("reference/pls_beyond_mobi.json");
  const auto r = fit(csat::pls::interaction_method::two_stage);
  CHECK(r.method == csat::pls::interaction_method::two_stage);
  check_against(modref::two_stage(), r);
  // the two-stage loading is the adjustment factor itself
  CHECK_THAT(r.fit.loading("Image:Expectation_intxn"), WithinAbs(r.interactions[0].adjustment, 1e-12));
}

TEST_CASE("two-stage first stage is seminr's main-effects model") {
  CSAT_NEED_SHARED("reference/pls_beyond_mobi.json");
  const auto r = fit(csat::pls::interaction_method::two_stage);
  const auto ref = modref::first_stage();
  REQUIRE(r.has_first_stage);
  const auto& f = r.first_stage;
  CHECK(f.constructs.size() == 3);
  CHECK(f.iterations == ref.iterations);
  for (const auto& p : ref.paths) CHECK_THAT(f.path(p.from, p.to), WithinAbs(p.value, tol));
  CHECK_THAT(f.r2("Satisfaction"), WithinAbs(ref.r2, tol));
  CHECK_THAT(f.r2_adj("Satisfaction"), WithinAbs(ref.r2_adj, tol));
  REQUIRE(f.indicators.size() == ref.weights.size());
  for (const auto& w : ref.weights) CHECK_THAT(f.weight(w.indicator), WithinAbs(w.value, tol));
  for (std::size_t i = 0; i < ref.iv_scores.size(); ++i) {
    CHECK_THAT(f.scores(static_cast<Eigen::Index>(i), f.construct_index("Image")), WithinAbs(ref.iv_scores[i], tol));
    CHECK_THAT(f.scores(static_cast<Eigen::Index>(i), f.construct_index("Expectation")), WithinAbs(ref.moderator_scores[i], tol));
  }
  // the interaction item is exactly the product of the first-stage scores
  const Eigen::VectorXd prod = f.scores.col(f.construct_index("Image")).cwiseProduct(f.scores.col(f.construct_index("Expectation")));
  CHECK((r.interactions[0].item_data.col(0) - prod).cwiseAbs().maxCoeff() == 0.0);
  // and the adjusted interaction score is that item centred (single item: adj = sd(item))
  const Eigen::VectorXd centred = prod.array() - prod.mean();
  CHECK((r.fit.scores.col(r.fit.construct_index("Image:Expectation")) - centred).cwiseAbs().maxCoeff() < 1e-12);
}

TEST_CASE("product-indicator interaction reproduces seminr 2.3.2 on mobi") {
  CSAT_NEED_SHARED("reference/pls_beyond_mobi.json");
  const auto r = fit(csat::pls::interaction_method::product_indicator);
  CHECK_FALSE(r.has_first_stage);
  check_against(modref::product_indicator(), r);
}

TEST_CASE("orthogonal interaction reproduces seminr 2.3.2 on mobi") {
  CSAT_NEED_SHARED("reference/pls_beyond_mobi.json");
  const auto r = fit(csat::pls::interaction_method::orthogonal);
  check_against(modref::orthogonal(), r);
  // orthogonalized items are uncorrelated with every Image and Expectation item
  const auto& ir = r.interactions[0];
  const auto data = mobi();
  for (const char* item : {"IMAG1", "IMAG5", "CUEX1", "CUEX3"}) {
    const Eigen::VectorXd x = data.values.col(data.index_of(item));
    for (Eigen::Index j = 0; j < ir.item_data.cols(); ++j)
      CHECK(std::abs((x.array() - x.mean()).matrix().dot(ir.item_data.col(j))) < 1e-9);
  }
}

TEST_CASE("simple slopes: hand computation") {
  CSAT_NEED_SHARED("reference/pls_beyond_mobi.json");
  const auto r = fit(csat::pls::interaction_method::two_stage);
  const auto s = csat::pls::simple_slopes(r, "Image:Expectation", "Satisfaction");
  CHECK(s.iv == "Image");
  CHECK(s.moderator == "Expectation");
  REQUIRE(s.rows.size() == 3);
  // seminr: Image 0.5864518775630913, Expectation 0.2150434643450016, Image*Expectation -0.04344967732452272
  // slope(m) = 0.5864518775630913 + (-0.04344967732452272) m; intercept(m) = 0.2150434643450016 m
  CHECK(s.rows[0].level == "-1 SD");
  CHECK(s.rows[1].level == "Mean");
  CHECK(s.rows[2].level == "+1 SD");
  CHECK_THAT(s.rows[0].slope, WithinAbs(0.62990155488761402, tol));
  CHECK_THAT(s.rows[1].slope, WithinAbs(0.5864518775630913, tol));
  CHECK_THAT(s.rows[2].slope, WithinAbs(0.54300220023856858, tol));
  CHECK_THAT(s.rows[0].intercept, WithinAbs(-0.2150434643450016, tol));
  CHECK_THAT(s.rows[1].intercept, WithinAbs(0.0, 1e-15));
  CHECK_THAT(s.rows[2].intercept, WithinAbs(0.2150434643450016, tol));
  // the nine points of seminr's slope_analysis(): y = b_X x + b_XM x m + b_M m at x, m in {-1, 0, 1}
  CHECK_THAT(s.predict(0, -1), WithinAbs(-0.2150434643450016 - 0.62990155488761402, tol));
  CHECK_THAT(s.predict(2, 1), WithinAbs(0.2150434643450016 + 0.54300220023856858, tol));
  // all simple-slopes tables at once
  const auto all = csat::pls::simple_slopes(r);
  REQUIRE(all.size() == 1);
  CHECK(all[0].outcome == "Satisfaction");
}

TEST_CASE("simple slopes: the slope is the derivative of the fitted two-stage regression") {
  CSAT_NEED_SHARED("reference/pls_beyond_mobi.json");
  // OLS of Satisfaction on Image, Expectation and the centred product of the scores: dY/dX = b_X + b_XM m
  const auto r = fit(csat::pls::interaction_method::two_stage);
  const auto& f = r.fit;
  const Eigen::Index n = f.scores.rows();
  Eigen::MatrixXd D(n, 4);
  D.col(0).setOnes();
  D.col(1) = f.scores.col(f.construct_index("Image"));
  D.col(2) = f.scores.col(f.construct_index("Expectation"));
  D.col(3) = f.scores.col(f.construct_index("Image:Expectation"));
  const Eigen::VectorXd y = f.scores.col(f.construct_index("Satisfaction"));
  const Eigen::VectorXd b = D.colPivHouseholderQr().solve(y);
  const auto s = csat::pls::simple_slopes(r, "Image:Expectation", "Satisfaction");
  CHECK_THAT(b(1) + b(3) * 1.0, WithinAbs(s.rows[2].slope, 1e-10));
  CHECK_THAT(b(1) - b(3), WithinAbs(s.rows[0].slope, 1e-10));
}

TEST_CASE("slope plot: SVG with three lines and no overlapping labels") {
  CSAT_NEED_SHARED("reference/pls_beyond_mobi.json");
  const auto r = fit(csat::pls::interaction_method::product_indicator);
  const auto s = csat::pls::simple_slopes(r, "Image:Expectation", "Satisfaction");
  std::vector<csat::report::slope_line> lines;
  for (const auto& row : s.rows) lines.push_back({row.level, row.moderator, row.intercept, row.slope});
  const auto fig = csat::report::simple_slope_plot(lines, s.iv, s.outcome, s.moderator);
  CHECK(fig.first_overlap() == std::make_pair(-1, -1));
  CHECK(fig.svg.find("<svg") != std::string::npos);
  CHECK(fig.svg.find("Expectation at -1 SD") != std::string::npos);
  CHECK(fig.svg.find("Expectation at +1 SD") != std::string::npos);
  for (const auto& b : fig.labels) {
    CHECK(b.x >= 0);
    CHECK(b.x + b.width <= fig.width);
  }
  // crossing lines with long CJK names still place every label apart
  std::vector<csat::report::slope_line> crossing = {{"低 (-1 SD)", -1, 0.3, -0.2}, {"中 (均值)", 0, 0.0, 0.1},
                                                    {"高 (+1 SD)", 1, -0.3, 0.4}};
  const auto f2 = csat::report::simple_slope_plot(crossing, "企业形象感知综合指标", "客户满意度", "客户期望水平");
  CHECK(f2.first_overlap() == std::make_pair(-1, -1));
  CHECK_THROWS_AS(csat::report::simple_slope_plot({}, "X", "Y", "M"), csat::invalid_argument);
  CHECK_THROWS_AS(csat::report::simple_slope_plot({{"a", 0, std::nan(""), 1}}, "X", "Y", "M"), csat::domain_error);
}

TEST_CASE("parse_moderated splits the interaction terms off") {
  const auto m = csat::pls::parse_moderated(
      "A =~ a1 + a2\nB =~ b1 + b2\nY =~ y1 + y2\nZ =~ z1\nY ~ A + B + A:B\nZ ~ Y + A:B + B\n", "m.txt");
  REQUIRE(m.interactions.size() == 1);
  CHECK(m.interactions[0].name() == "A:B");
  CHECK(m.interactions[0].outcomes == std::vector<std::string>{"Y", "Z"});
  CHECK(m.interactions[0].where.line == 5);
  CHECK(m.interactions[0].where.column == 13);
  CHECK(m.main.structural_paths().size() == 4);
  CHECK(m.main.size() == 4);
  CHECK(csat::pls::interaction_method_from_string("product_indicator") == csat::pls::interaction_method::product_indicator);
  CHECK(csat::pls::interaction_method_from_string("orthogonal") == csat::pls::interaction_method::orthogonal);
  CHECK(std::string(csat::pls::to_string(csat::pls::interaction_method::two_stage)) == "two-stage");
  CHECK_THROWS_AS(csat::pls::interaction_method_from_string("three-stage"), csat::invalid_argument);
  CHECK_THROWS_WITH(csat::pls::interaction_method_from_string("three-stage"), Contains("\"three-stage\""));
}

TEST_CASE("bad interaction terms are located errors") {
  const std::string blocks = "A =~ a1 + a2\nB =~ b1 + b2\nY =~ y1 + y2\n";
  auto parse = [&](const std::string& last) { return csat::pls::parse_moderated(blocks + last, "m.txt"); };
  // a construct with itself
  CHECK_THROWS_AS(parse("Y ~ A + B + A:A\n"), csat::parse_error);
  CHECK_THROWS_WITH(parse("Y ~ A + B + A:A\n"), Contains("m.txt:4:13") && Contains("\"A\" with itself"));
  // unknown constructs, each at its own column
  CHECK_THROWS_AS(parse("Y ~ A + B + A:Q\n"), csat::parse_error);
  CHECK_THROWS_WITH(parse("Y ~ A + B + A:Q\n"), Contains("m.txt:4:15") && Contains("unknown construct \"Q\""));
  CHECK_THROWS_WITH(parse("Y ~ A + B + Q:B\n"), Contains("m.txt:4:13") && Contains("unknown construct \"Q\""));
  // outside a ~ statement
  CHECK_THROWS_AS(parse("Y ~ A + B\nC =~ c1 + A:B\n"), csat::parse_error);
  CHECK_THROWS_WITH(parse("Y ~ A + B\nC =~ c1 + A:B\n"), Contains("m.txt:5:11") && Contains("outside a ~ statement"));
  CHECK_THROWS_WITH(parse("Y ~ A + B\nC <~ c1 + A:B\n"), Contains("m.txt:5:11") && Contains("outside a ~ statement"));
  // three-way
  CHECK_THROWS_AS(parse("Y ~ A + B + A:B:Y\n"), csat::parse_error);
  CHECK_THROWS_WITH(parse("Y ~ A + B + A:B:Y\n"), Contains("m.txt:4:13") && Contains("three-way"));
  // twice, also reversed
  CHECK_THROWS_WITH(parse("Y ~ A + B + A:B + A:B\n"), Contains("m.txt:4:19") && Contains("listed twice"));
  CHECK_THROWS_WITH(parse("Y ~ A + B + A:B + B:A\n"), Contains("m.txt:4:19") && Contains("m.txt:4:13"));
  // outcome is a factor; modifier
  CHECK_THROWS_WITH(parse("Y ~ A + B\nA ~ A:B\n"), Contains("m.txt:5:5") && Contains("its own interaction"));
  CHECK_THROWS_WITH(parse("Y ~ A + B + c*A:B\n"), Contains("m.txt:4:15") && Contains("modifier"));
  // unknown outcome (a statement with interactions only)
  CHECK_THROWS_WITH(parse("Y ~ A + B\nW ~ A:B\n"), Contains("m.txt:5:1") && Contains("unknown construct \"W\""));
}

TEST_CASE("bad estimation inputs") {
  const auto m = csat::pls::parse_moderated(mobi_model);
  Eigen::MatrixXd X = Eigen::MatrixXd::Random(40, 11);
  const std::vector<std::string> names = {"IMAG1", "IMAG2", "IMAG3", "IMAG4", "IMAG5", "CUEX1",
                                          "CUEX2", "CUEX3", "CUSA1", "CUSA2", "CUSA3"};
  // PLSc is supported (tests/pls_moderation/plsc.test.cpp), case weights are not
  csat::pls::moderation_options w;
  w.estimation.weights = "wt";
  CHECK_THROWS_AS(csat::pls::estimate_moderation(m, X, names, w), csat::invalid_argument);
  CHECK_THROWS_WITH(csat::pls::estimate_moderation(m, X, names, w), Contains("case weights (column \"wt\")"));
  // the matrix and its column names must agree
  const std::vector<std::string> ten(names.begin(), names.end() - 1);
  CHECK_THROWS_AS(csat::pls::estimate_moderation(m, X, ten), csat::invalid_argument);
  CHECK_THROWS_WITH(csat::pls::estimate_moderation(m, X, ten),
                    Contains("csat::pls::estimate_moderation") && Contains("data has 11 columns, but 10 column names were given"));
  // a missing cell with no missing-data policy names its row and column
  X(7, 6) = std::nan("");
  CHECK_THROWS_WITH(csat::pls::estimate_moderation(m, X, names), Contains("CUEX2"));
  // mean replacement makes it estimable
  csat::pls::moderation_options mean;
  mean.estimation.missing = csat::survey::missing_policy::mean;
  for (auto method : {csat::pls::interaction_method::two_stage, csat::pls::interaction_method::product_indicator,
                      csat::pls::interaction_method::orthogonal}) {
    mean.method = method;
    const auto r = csat::pls::estimate_moderation(m, X, names, mean);
    CHECK(r.fit.missing.cells_imputed == 1);
    CHECK(r.fit.scores.allFinite());
  }
  // a model without interaction term; simple slopes of an unknown term or outcome
  CHECK_THROWS_WITH(csat::pls::estimate_moderation(csat::pls::parse_moderated(
                                                       "A =~ IMAG1 + IMAG2\nB =~ CUEX1 + CUEX2\nB ~ A\n"),
                                                   X, names, mean),
                    Contains("no interaction term"));
  const auto r = csat::pls::estimate_moderation(m, X, names, mean);
  CHECK_THROWS_WITH(csat::pls::simple_slopes(r, "Expectation:Image", "Satisfaction"), Contains("Image:Expectation"));
  CHECK_THROWS_WITH(csat::pls::simple_slopes(r, "Image:Expectation", "Image"), Contains("no path to \"Image\""));
}

TEST_CASE("without_interactions keeps the main constructs of the moderated fit") {
  CSAT_NEED_SHARED("reference/pls_beyond_mobi.json");
  const auto r = fit(csat::pls::interaction_method::product_indicator);
  const auto m = csat::pls::without_interactions(r);
  CHECK(m.constructs == std::vector<std::string>{"Image", "Expectation", "Satisfaction"});
  CHECK(m.indicators.size() == 11);
  CHECK(m.weights.rows() == 11);
  CHECK(m.weights.cols() == 3);
  CHECK(m.scores.cols() == 3);
  CHECK(m.structure.sum() == 2);
  CHECK_THAT(m.path("Image", "Satisfaction"), WithinAbs(0.604720382939361, tol));
  CHECK_THAT(m.r2("Satisfaction"), WithinAbs(0.543446242009632, tol));
  CHECK(m.weight("CUSA3") == r.fit.weight("CUSA3"));
  CHECK(m.indicator_sds(10) == r.fit.indicator_sds(r.fit.indicator_index(m.indicators[10])));
  CHECK(m.block.back() == 2);
  CHECK((m.scores.col(2) - r.fit.scores.col(r.fit.construct_index("Satisfaction"))).cwiseAbs().maxCoeff() == 0.0);
}

TEST_CASE("bootstrap of a moderated model: identical for 1, 2 and 8 threads and when replayed") {
  CSAT_NEED_SHARED("reference/pls_beyond_mobi.json");
  const auto model = csat::pls::parse_moderated(mobi_model);
  const auto data = mobi();
  for (auto method : {csat::pls::interaction_method::two_stage, csat::pls::interaction_method::product_indicator,
                      csat::pls::interaction_method::orthogonal}) {
    csat::pls::moderation_options mo;
    mo.method = method;
    csat::pls::bootstrap_options bo;
    bo.resamples = 40;
    bo.seed = 7;
    bo.threads = 1;
    const auto b1 = csat::pls::bootstrap_moderation(model, data, mo, bo);
    bo.threads = 2;
    const auto b2 = csat::pls::bootstrap_moderation(model, data, mo, bo);
    bo.threads = 8;
    const auto b8 = csat::pls::bootstrap_moderation(model, data, mo, bo);
    CHECK(b1.successful == 40);
    CHECK(b1.failed == 0);
    CHECK(b1.draws == b2.draws);
    CHECK(b1.draws == b8.draws);
    const auto idx = csat::pls::resample_indices(250, 40, 7);
    const auto br = csat::pls::bootstrap_moderation_indices(model, data, idx, mo, bo);
    CHECK(br.draws == b1.draws);
    // the full-sample estimate is estimate_moderation's
    const auto r = csat::pls::estimate_moderation(model, data, mo);
    REQUIRE(b1.paths.size() == 3);
    for (const auto& s : b1.paths) CHECK(s.original == r.fit.path(s.from, s.to));
    CHECK(b1.paths[2].from == "Image:Expectation");
    CHECK(b1.paths[2].sd > 0);
    CHECK(b1.paths[2].ci_lower < b1.paths[2].ci_upper);
    // every resample's slopes are b_X + b_XM m of that resample's paths
    REQUIRE(b1.simple_slopes.size() == 3);
    CHECK(b1.simple_slopes[0].level == "-1 SD");
    CHECK(b1.simple_slopes[2].summary.original == csat::pls::simple_slopes(r, "Image:Expectation", "Satisfaction").rows[2].slope);
    for (Eigen::Index b = 0; b < b1.draws.rows(); ++b)
      for (int lvl = 0; lvl < 3; ++lvl)
        CHECK_THAT(b1.draws(b, 3 + lvl), WithinAbs(b1.draws(b, 0) + (lvl - 1) * b1.draws(b, 2), 1e-14));
    CHECK(b1.bca_computed);
    CHECK(std::isfinite(b1.simple_slopes[1].summary.bca_lower));
  }
}

TEST_CASE("bootstrap of a moderated model: bad input") {
  CSAT_NEED_SHARED("reference/pls_beyond_mobi.json");
  const auto model = csat::pls::parse_moderated(mobi_model);
  const auto data = mobi();
  csat::pls::bootstrap_options bo;
  bo.resamples = 1;
  CHECK_THROWS_AS(csat::pls::bootstrap_moderation(model, data, {}, bo), csat::domain_error);
  Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic> idx = csat::pls::resample_indices(250, 3, 1);
  idx(1, 5) = 250;
  CHECK_THROWS_WITH(csat::pls::bootstrap_moderation_indices(model, data, idx), Contains("[1,5]") && Contains("250"));
  CHECK_THROWS_WITH(csat::pls::bootstrap_moderation_indices(model, data, csat::pls::resample_indices(200, 3, 1)),
                    Contains("200 columns"));
}

namespace {

// n cases: latent X, M ~ N(0, 1) independent, Y = 0.4 X + 0.3 M + g X M + e (var(Y) about 1), three indicators
// per construct with loading 0.8 (indicator = 0.8 latent + 0.6 noise).
Eigen::MatrixXd simulate_moderation(int n, double g, unsigned seed) {
  std::mt19937_64 gen(seed);
  std::normal_distribution<double> z(0.0, 1.0);
  Eigen::MatrixXd D(n, 9);
  const double ve = 1.0 - 0.16 - 0.09 - g * g;
  for (int i = 0; i < n; ++i) {
    const double x = z(gen), m = z(gen);
    const double y = 0.4 * x + 0.3 * m + g * x * m + std::sqrt(ve) * z(gen);
    const double lat[3] = {x, m, y};
    for (int c = 0; c < 3; ++c)
      for (int k = 0; k < 3; ++k) D(i, 3 * c + k) = 0.8 * lat[c] + 0.6 * z(gen);
  }
  return D;
}

const char* const sim_model = "X =~ x1 + x2 + x3\nM =~ m1 + m2 + m3\nY =~ y1 + y2 + y3\nY ~ X + M + X:M\n";
const std::vector<std::string> sim_names = {"x1", "x2", "x3", "m1", "m2", "m3", "y1", "y2", "y3"};

}  // namespace

TEST_CASE("simulation: a real interaction is detected by every method, a null one is not") {
  const auto model = csat::pls::parse_moderated(sim_model);
  const Eigen::MatrixXd with = simulate_moderation(600, 0.3, 11), without = simulate_moderation(600, 0.0, 12);
  csat::survey::data_table<double> tw, t0;
  tw.names = t0.names = sim_names;
  tw.values = with;
  t0.values = without;
  csat::pls::bootstrap_options bo;
  bo.resamples = 300;
  bo.seed = 5;
  bo.threads = 2;
  bo.bca = false;
  for (auto method : {csat::pls::interaction_method::two_stage, csat::pls::interaction_method::product_indicator,
                      csat::pls::interaction_method::orthogonal}) {
    INFO(csat::pls::to_string(method));
    csat::pls::moderation_options mo;
    mo.method = method;
    const auto b = csat::pls::bootstrap_moderation(model, tw, mo, bo);
    const auto& p = b.paths[2];
    REQUIRE(p.from == "X:M");
    // attenuated by the composites' unreliability, but clearly positive
    CHECK(p.original > 0.15);
    CHECK(p.original < 0.35);
    CHECK(p.ci_lower > 0);
    // simple slopes fan out: steeper at +1 sd than at -1 sd, both near 0.4 -/+ the interaction
    const auto s = csat::pls::simple_slopes(b.estimate, "X:M", "Y");
    CHECK(s.rows[2].slope - s.rows[0].slope > 0.3);
    const auto b0 = csat::pls::bootstrap_moderation(model, t0, mo, bo);
    CHECK(std::abs(b0.paths[2].original) < 0.08);
    CHECK(b0.paths[2].ci_lower < 0);
    CHECK(b0.paths[2].ci_upper > 0);
  }
}
