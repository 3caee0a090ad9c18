// Tests of csat/pls/higher_order.hpp and of the higher-order syntax of csat/model/specification.hpp: the
// two-stage model of ../shared/reference/pls_beyond_mobi.json (seminr 2.3.2) number by number, the
// repeated-indicator, disjoint and embedded variants against plain models built by hand, deeper hierarchies, the
// power-industry 4-level template, and every bad input.
#include <csat/pls/higher_order.hpp>
#include <csat/model/presets.hpp>
#include <csat/survey/csv.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/shared.hpp"

#include <cmath>
#include <fstream>
#include <random>
#include <string>
#include <vector>

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;

namespace {

using csat::model::specification;
using csat::pls::hoc_method;
using json = nlohmann::json;

const char* const service_model = R"(
Image        =~ IMAG1 + IMAG2 + IMAG3 + IMAG4 + IMAG5
Expectation  =~ CUEX1 + CUEX2 + CUEX3
Quality      =~ PERQ1 + PERQ2 + PERQ3 + PERQ4 + PERQ5 + PERQ6 + PERQ7
Value        =~ PERV1 + PERV2
Service      =~ Quality + Value
Satisfaction =~ CUSA1 + CUSA2 + CUSA3
Loyalty      =~ CUSL1 + CUSL2 + CUSL3
Expectation  ~ Image
Service      ~ Expectation
Satisfaction ~ Image + Expectation + Service
Loyalty      ~ Image + Satisfaction
)";

csat::survey::data_table<double> mobi() { return csat::survey::read_csv(csat_test::shared_path("data/mobi.csv")); }

json reference() {
  std::ifstream in(csat_test::shared_path("reference/pls_beyond_mobi.json"));
  return json::parse(in).at("higher_order");
}

const double tol = 1e-6;

/// Checks one plain fit against a seminr block (paths, weights, loadings, R², total and indirect effects,
/// the first ten scores, iterations). `fit_weight`/`fit_loading` read (construct, indicator).
template <class Weight, class Loading>
void check_block(const csat::pls::estimate_result<double>& fit, const json& ref, Weight fit_weight, Loading fit_loading) {
  CHECK(fit.iterations == ref.at("iterations").get<int>());
  CHECK(fit.converged);
  CHECK_THAT(fit.final_change, WithinAbs(ref.at("final_weight_diff").get<double>(), 1e-9));
  std::size_t count = 0;
  for (const auto& p : ref.at("path_coefficients")) {
    INFO(p.dump());
    CHECK_THAT(fit.path(p.at("from"), p.at("to")), WithinAbs(p.at("value").get<double>(), tol));
    ++count;
  }
  // no path beyond seminr's
  CHECK(static_cast<std::size_t>(fit.structure.sum()) == count);
  for (const auto& w : ref.at("outer_weights")) {
    INFO(w.dump());
    CHECK_THAT(fit_weight(w.at("construct").get<std::string>(), w.at("indicator").get<std::string>()),
               WithinAbs(w.at("value").get<double>(), tol));
  }
  for (const auto& l : ref.at("outer_loadings")) {
    INFO(l.dump());
    CHECK_THAT(fit_loading(l.at("construct").get<std::string>(), l.at("indicator").get<std::string>()),
               WithinAbs(l.at("value").get<double>(), tol));
  }
  for (const auto& r : ref.at("r_squared")) {
    INFO(r.dump());
    CHECK_THAT(fit.r2(r.at("construct")), WithinAbs(r.at("r2").get<double>(), tol));
    CHECK_THAT(fit.r2_adj(r.at("construct")), WithinAbs(r.at("r2_adj").get<double>(), tol));
  }
  for (const auto& e : ref.at("total_effects")) {
    INFO(e.dump());
    const auto f = fit.construct_index(e.at("from")), t = fit.construct_index(e.at("to"));
    CHECK_THAT(fit.total_effects(f, t), WithinAbs(e.at("total").get<double>(), tol));
    CHECK_THAT(fit.indirect_effects(f, t), WithinAbs(e.at("indirect").get<double>(), tol));
  }
  const auto& sc = ref.at("construct_scores_first10");
  for (std::size_t c = 0; c < sc.at("colnames").size(); ++c) {
    const auto k = fit.construct_index(sc.at("colnames")[c]);
    for (std::size_t i = 0; i < 10; ++i) {
      INFO(sc.at("colnames")[c].get<std::string>() << " row " << i);
      CHECK_THAT(fit.scores(static_cast<Eigen::Index>(i), k), WithinAbs(sc.at("rows")[i][c].get<double>(), tol));
    }
  }
  for (const auto& m : ref.at("construct_scores_colmeans").items()) {
    const auto k = fit.construct_index(m.key());
    CHECK_THAT(fit.scores.col(k).mean(), WithinAbs(m.value().get<double>(), 1e-12));
    const double sd = std::sqrt((fit.scores.col(k).array() - fit.scores.col(k).mean()).square().sum() /
                                static_cast<double>(fit.scores.rows() - 1));
    CHECK_THAT(sd, WithinAbs(ref.at("construct_scores_sd").at(m.key()).get<double>(), 1e-12));
  }
}

/// Weight of (construct, indicator) in a plain fit.
double weight_of(const csat::pls::estimate_result<double>& f, const std::string& c, const std::string& i) {
  const auto k = f.construct_index(c);
  for (std::size_t j = 0; j < f.indicators.size(); ++j)
    if (f.indicators[j] == i && f.block[j] == k) return f.weights(static_cast<Eigen::Index>(j), k);
  FAIL("no indicator " << i << " of " << c);
  return 0;
}
double loading_of(const csat::pls::estimate_result<double>& f, const std::string& c, const std::string& i) {
  const auto k = f.construct_index(c);
  for (std::size_t j = 0; j < f.indicators.size(); ++j)
    if (f.indicators[j] == i && f.block[j] == k) return f.loadings(static_cast<Eigen::Index>(j), k);
  FAIL("no indicator " << i << " of " << c);
  return 0;
}

/// Largest absolute difference between two plain fits over paths, weights, loadings, R², total effects, scores.
double max_diff(const csat::pls::estimate_result<double>& a, const csat::pls::estimate_result<double>& b) {
  REQUIRE(a.constructs.size() == b.constructs.size());
  REQUIRE(a.indicators.size() == b.indicators.size());
  // map b's constructs onto a's
  const Eigen::Index K = static_cast<Eigen::Index>(a.constructs.size());
  std::vector<Eigen::Index> m(static_cast<std::size_t>(K));
  for (Eigen::Index k = 0; k < K; ++k) m[static_cast<std::size_t>(k)] = b.construct_index(a.constructs[static_cast<std::size_t>(k)]);
  double d = 0;
  for (Eigen::Index f = 0; f < K; ++f)
    for (Eigen::Index t = 0; t < K; ++t) {
      const auto bf = m[static_cast<std::size_t>(f)], bt = m[static_cast<std::size_t>(t)];
      d = std::max(d, std::abs(a.paths(f, t) - b.paths(bf, bt)));
      d = std::max(d, std::abs(a.total_effects(f, t) - b.total_effects(bf, bt)));
    }
  for (Eigen::Index k = 0; k < K; ++k) {
    const auto bk = m[static_cast<std::size_t>(k)];
    if (!std::isnan(a.r_squared(k))) d = std::max(d, std::abs(a.r_squared(k) - b.r_squared(bk)));
    d = std::max(d, (a.scores.col(k) - b.scores.col(bk)).cwiseAbs().maxCoeff());
  }
  for (std::size_t i = 0; i < a.indicators.size(); ++i) {
    const auto k = a.block[i], bk = m[static_cast<std::size_t>(k)];
    const auto j = static_cast<Eigen::Index>(i);
    // b's indicator i in the same block order
    d = std::max(d, std::abs(a.weights(j, k) - b.weights(j, bk)));
    d = std::max(d, std::abs(a.loadings(j, k) - b.loadings(j, bk)));
  }
  return d;
}

/// Columns of a table by name, as a matrix.
Eigen::MatrixXd columns_of(const csat::survey::data_table<double>& d, const std::vector<std::string>& names) {
  Eigen::MatrixXd X(d.rows(), static_cast<Eigen::Index>(names.size()));
  for (std::size_t j = 0; j < names.size(); ++j)
    X.col(static_cast<Eigen::Index>(j)) =
        d.values.col(static_cast<Eigen::Index>(std::find(d.names.begin(), d.names.end(), names[j]) - d.names.begin()));
  return X;
}

const std::vector<std::string> IMAG{"IMAG1", "IMAG2", "IMAG3", "IMAG4", "IMAG5"}, CUEX{"CUEX1", "CUEX2", "CUEX3"},
    PERQ{"PERQ1", "PERQ2", "PERQ3", "PERQ4", "PERQ5", "PERQ6", "PERQ7"}, PERV{"PERV1", "PERV2"},
    CUSA{"CUSA1", "CUSA2", "CUSA3"}, CUSL{"CUSL1", "CUSL2", "CUSL3"};

}  // namespace

TEST_CASE("higher-order syntax: a block naming constructs declares a higher-order construct", "[pls_hoc][syntax]") {
  const specification s = csat::model::from_syntax(service_model, "m.txt");
  REQUIRE(s.size() == 7);
  CHECK(s.has_higher_order());
  const auto& svc = s.at("Service");
  CHECK(svc.higher_order);
  CHECK(svc.mode == csat::model::mode::A);
  CHECK(svc.indicators == std::vector<std::string>{"Quality", "Value"});
  CHECK(svc.where.line == 6);
  CHECK_FALSE(s.at("Quality").higher_order);
  // dimensions are not indicators
  const auto items = s.indicators();
  CHECK(std::find(items.begin(), items.end(), "Quality") == items.end());
  CHECK(items.size() == 23);
  // <~ gives a Mode B higher-order construct; a HOC may be declared before its dimensions
  const specification b = csat::model::from_syntax("H <~ A + B\nA =~ a1 + a2\nB =~ b1 + b2\nC =~ c1\nC ~ H\n");
  CHECK(b.at("H").higher_order);
  CHECK(b.at("H").mode == csat::model::mode::B);
  // plain models are unchanged
  const specification p = csat::model::from_syntax("A =~ a1 + a2\nB =~ b1\nB ~ A\n");
  CHECK_FALSE(p.has_higher_order());
}

TEST_CASE("higher-order syntax and model errors name the culprit", "[pls_hoc][syntax][errors]") {
  using csat::model::from_syntax;
  const std::string dims = "Q =~ q1 + q2\nV =~ v1 + v2\nE =~ e1 + e2\n";
  // referring to itself
  CHECK_THROWS_AS(from_syntax(dims + "S =~ S + Q + V\nS ~ E\n", "m.txt"), csat::parse_error);
  CHECK_THROWS_WITH(from_syntax(dims + "S =~ S + Q + V\nS ~ E\n", "m.txt"),
                    Contains("m.txt:4:6") && Contains("higher-order construct \"S\" names itself as a dimension"));
  // an unknown construct among constructs (a typo reads as an indicator: the block mixes both)
  CHECK_THROWS_AS(from_syntax(dims + "S =~ Q + Vx\nS ~ E\n", "m.txt"), csat::parse_error);
  CHECK_THROWS_WITH(from_syntax(dims + "S =~ Q + Vx\nS ~ E\n", "m.txt"),
                    Contains("m.txt:4:10") && Contains("block \"S\" mixes constructs (\"Q\") and indicators (\"Vx\")"));
  // one dimension
  CHECK_THROWS_AS(from_syntax(dims + "S =~ Q\nS ~ E\n", "m.txt"), csat::invalid_argument);
  CHECK_THROWS_WITH(from_syntax(dims + "S =~ Q\nS ~ E\n", "m.txt"),
                    Contains("m.txt:4:1: higher-order construct \"S\" has one dimension (\"Q\")"));
  // a cycle among higher-order constructs
  CHECK_THROWS_AS(from_syntax(dims + "A =~ B + Q\nB =~ A + V\nE ~ A\n", "m.txt"), csat::invalid_argument);
  CHECK_THROWS_WITH(from_syntax(dims + "A =~ B + Q\nB =~ A + V\nE ~ A\n", "m.txt"),
                    Contains("the higher-order constructs form a cycle") && Contains("A -> B -> A"));
  // a dimension with its own structural path
  CHECK_THROWS_AS(from_syntax(dims + "S =~ Q + V\nS ~ E\nQ ~ E\n", "m.txt"), csat::invalid_argument);
  CHECK_THROWS_WITH(from_syntax(dims + "S =~ Q + V\nS ~ E\nQ ~ E\n", "m.txt"),
                    Contains("m.txt:6:5: path \"E\" -> \"Q\": construct \"Q\" is a dimension of higher-order construct \"S\""));
  // a dimension of two higher-order constructs
  CHECK_THROWS_WITH(from_syntax(dims + "S =~ Q + V\nT =~ Q + E\nS ~ T\n", "m.txt"),
                    Contains("m.txt:5:1: construct \"Q\" is a dimension of two higher-order constructs: \"S\" and \"T\""));
  // a dimension listed twice
  CHECK_THROWS_WITH(from_syntax(dims + "S =~ Q + V + Q\nS ~ E\n", "m.txt"), Contains("lists dimension \"Q\" twice"));
  // a higher-order construct outside the structural model
  CHECK_THROWS_WITH(from_syntax(dims + "S =~ Q + V\nV2 =~ w1 + w2\nV2 ~ E\n", "m.txt"),
                    Contains("m.txt:4:1: construct \"S\" is isolated"));

  // the builder API: unknown dimension, itself
  specification u;
  u.add_construct("Q", {"q1", "q2"}).add_construct("E", {"e1", "e2"}).higher_order("S", {"Q", "Ghost"}).path("E", "S");
  CHECK_THROWS_AS(u.validate(), csat::invalid_argument);
  CHECK_THROWS_WITH(u.validate(), Contains("higher-order construct \"S\" names unknown construct \"Ghost\""));
  specification self;
  self.add_construct("Q", {"q1", "q2"}).add_construct("E", {"e1", "e2"}).higher_order("S", {"Q", "S"}).path("E", "S");
  CHECK_THROWS_WITH(self.validate(), Contains("higher-order construct \"S\" names itself as a dimension"));

  // the plain estimator refuses a higher-order model, naming the construct
  Eigen::MatrixXd X = Eigen::MatrixXd::Random(30, 6);
  const std::vector<std::string> cols{"q1", "q2", "v1", "v2", "e1", "e2"};
  const specification hoc = from_syntax(dims + "S =~ Q + V\nS ~ E\n", "m.txt");
  CHECK_THROWS_AS(csat::pls::estimate(hoc, X, cols), csat::invalid_argument);
  CHECK_THROWS_WITH(csat::pls::estimate(hoc, X, cols),
                    Contains("m.txt:4:1: construct \"S\" is higher-order") && Contains("estimate_higher_order"));
  // an item that is not a data column
  const std::vector<std::string> cols2{"q1", "q2", "v1", "vv", "e1", "e2"};
  CHECK_THROWS_AS(csat::pls::estimate_higher_order(hoc, X, cols2), csat::invalid_argument);
  CHECK_THROWS_WITH(csat::pls::estimate_higher_order(hoc, X, cols2),
                    Contains("m.txt:2:1: indicator \"v2\" of construct \"V\" is not a column of the data"));
  // missing cells without a policy name the cell; a policy handles them
  Eigen::MatrixXd Y = X;
  Y(4, 2) = std::nan("");
  CHECK_THROWS_AS(csat::pls::estimate_higher_order(hoc, Y, cols), csat::domain_error);
  CHECK_THROWS_WITH(csat::pls::estimate_higher_order(hoc, Y, cols), Contains("v1"));
  csat::pls::hoc_options lw;
  lw.estimation.missing = csat::survey::missing_policy::listwise;
  CHECK(csat::pls::estimate_higher_order(hoc, Y, cols, lw).final_fit().n_used == 29);
}

TEST_CASE("two-stage HOC on mobi reproduces seminr: stage 2, combined measurement, reliability", "[pls_hoc][reference]") {
  CSAT_NEED_SHARED("reference/pls_beyond_mobi.json");
  const json ref = reference();
  const auto data = mobi();
  const auto r = csat::pls::estimate_higher_order(csat::model::from_syntax(service_model), data);
  REQUIRE(r.stages.size() == 2);
  CHECK(r.converged);
  CHECK(r.higher_order == ref.at("hoc_constructs").get<std::vector<std::string>>());
  REQUIRE(r.dimensions.size() == 1);
  CHECK(r.dimensions[0] == ref.at("dimensions").get<std::vector<std::string>>());
  const auto& fin = r.final_fit();
  CHECK(fin.constructs == ref.at("constructs").get<std::vector<std::string>>());
  // the combined measurement model (dimension items from stage 1, everything else from stage 2)
  check_block(fin, ref,
              [&](const std::string& c, const std::string& i) { return r.row(c, i).weight; },
              [&](const std::string& c, const std::string& i) { return r.row(c, i).loading; });
  CHECK(r.measurement.size() == ref.at("outer_weights").size());
  for (const auto& w : ref.at("outer_weights")) CHECK(r.row(w.at("construct"), w.at("indicator")).type == w.at("type").get<std::string>());
  // reliability of lower- and higher-order constructs
  REQUIRE(r.constructs.size() == ref.at("reliability").size());
  for (const auto& q : ref.at("reliability")) {
    INFO(q.dump());
    const auto k = static_cast<Eigen::Index>(r.index_of(q.at("construct")));
    CHECK_THAT(r.reliability.alpha(k), WithinAbs(q.at("alpha").get<double>(), tol));
    CHECK_THAT(r.reliability.rho_c(k), WithinAbs(q.at("rhoC").get<double>(), tol));
    CHECK_THAT(r.reliability.ave(k), WithinAbs(q.at("AVE").get<double>(), tol));
    CHECK_THAT(r.reliability.rho_a(k), WithinAbs(q.at("rhoA").get<double>(), tol));
  }
  // the HOC's weights and loadings on the dimension scores are the final stage's
  for (const auto& w : ref.at("hoc_outer_weights_on_dimension_scores"))
    CHECK_THAT(weight_of(fin, w.at("construct"), w.at("indicator")), WithinAbs(w.at("value").get<double>(), tol));
  for (const auto& l : ref.at("hoc_outer_loadings_on_dimension_scores"))
    CHECK_THAT(loading_of(fin, l.at("construct"), l.at("indicator")), WithinAbs(l.at("value").get<double>(), tol));
  // the dimension columns of the stage-2 data are the stage-1 scores
  const auto& cols = ref.at("stage2_data_dimension_columns_first10");
  const auto& s1 = r.stages[0].fit;
  for (std::size_t c = 0; c < cols.at("colnames").size(); ++c)
    for (std::size_t i = 0; i < 10; ++i)
      CHECK_THAT(s1.scores(static_cast<Eigen::Index>(i), s1.construct_index(cols.at("colnames")[c])),
                 WithinAbs(cols.at("rows")[i][c].get<double>(), tol));
  // seminr's consistency checks hold here too: HOC score = standardized dimension scores times the weights
  const Eigen::Index svc = fin.construct_index("Service");
  const Eigen::VectorXd rebuilt = s1.scores.col(s1.construct_index("Quality")) * weight_of(fin, "Service", "Quality") +
                                  s1.scores.col(s1.construct_index("Value")) * weight_of(fin, "Service", "Value");
  CHECK((rebuilt - fin.scores.col(svc)).cwiseAbs().maxCoeff() < 1e-12);
  // final stage HTMT is over the final constructs; LOC HTMT over every lower-order construct
  CHECK(r.final_htmt.rows() == 5);
  CHECK(r.lower_order == std::vector<std::string>{"Image", "Expectation", "Quality", "Value", "Satisfaction", "Loyalty"});
  CHECK_THAT(r.lower_order_htmt(2, 3), WithinAbs(csat::pls::htmt(s1)(s1.construct_index("Quality"), s1.construct_index("Value")), 1e-15));
  CHECK(r.lower_order_htmt(2, 3) > 0.5);
}

TEST_CASE("two-stage HOC on mobi reproduces seminr: the stage-1 model", "[pls_hoc][reference]") {
  CSAT_NEED_SHARED("reference/pls_beyond_mobi.json");
  const json ref = reference().at("stage1");
  const auto r = csat::pls::estimate_higher_order(csat::model::from_syntax(service_model), mobi());
  const auto& s1 = r.stages[0];
  CHECK(s1.name == "stage 1");
  std::vector<std::string> names = s1.fit.constructs, want = ref.at("constructs").get<std::vector<std::string>>();
  std::sort(names.begin(), names.end());
  std::sort(want.begin(), want.end());
  CHECK(names == want);
  check_block(s1.fit, ref, [&](const std::string& c, const std::string& i) { return weight_of(s1.fit, c, i); },
              [&](const std::string& c, const std::string& i) { return loading_of(s1.fit, c, i); });
  for (const auto& q : ref.at("reliability")) {
    INFO(q.dump());
    const auto k = s1.fit.construct_index(q.at("construct"));
    CHECK_THAT(s1.reliability.alpha(k), WithinAbs(q.at("alpha").get<double>(), tol));
    CHECK_THAT(s1.reliability.rho_c(k), WithinAbs(q.at("rhoC").get<double>(), tol));
    CHECK_THAT(s1.reliability.ave(k), WithinAbs(q.at("AVE").get<double>(), tol));
    CHECK_THAT(s1.reliability.rho_a(k), WithinAbs(q.at("rhoA").get<double>(), tol));
  }
}

TEST_CASE("disjoint two-stage equals two plain models built by hand", "[pls_hoc][independent]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto data = mobi();
  const auto r = csat::pls::estimate_higher_order(csat::model::from_syntax(service_model), data);
  // stage 1 by hand: Service replaced by Quality and Value
  specification a;
  a.composite("Image", IMAG).composite("Expectation", CUEX).composite("Quality", PERQ).composite("Value", PERV);
  a.composite("Satisfaction", CUSA).composite("Loyalty", CUSL);
  a.path("Image", "Expectation").paths({"Expectation"}, {"Quality", "Value"});
  a.paths({"Image", "Expectation", "Quality", "Value"}, {"Satisfaction"}).paths({"Image", "Satisfaction"}, {"Loyalty"});
  const auto f1 = csat::pls::estimate(a, data);
  CHECK(max_diff(r.stages[0].fit, f1) < 1e-9);
  // stage 2 by hand: the data with the two score columns appended
  std::vector<std::string> names = data.names;
  names.push_back("Quality_score");
  names.push_back("Value_score");
  Eigen::MatrixXd X(data.rows(), data.cols() + 2);
  X << data.values, f1.scores.col(f1.construct_index("Quality")), f1.scores.col(f1.construct_index("Value"));
  specification b;
  b.composite("Image", IMAG).composite("Expectation", CUEX).composite("Service", {"Quality_score", "Value_score"});
  b.composite("Satisfaction", CUSA).composite("Loyalty", CUSL);
  b.path("Image", "Expectation").path("Expectation", "Service");
  b.paths({"Image", "Expectation", "Service"}, {"Satisfaction"}).paths({"Image", "Satisfaction"}, {"Loyalty"});
  const auto f2 = csat::pls::estimate(b, X, names);
  CHECK(max_diff(r.final_fit(), f2) < 1e-9);
  CHECK(r.final_fit().indicators[8] == "Quality");  // the HOC's indicators are named after the dimensions
  // combined reliability: Quality from stage 1, Service from stage 2
  const auto q1 = csat::pls::reliability(f1), q2 = csat::pls::reliability(f2);
  const auto kq = static_cast<Eigen::Index>(r.index_of("Quality")), ks = static_cast<Eigen::Index>(r.index_of("Service"));
  CHECK_THAT(r.reliability.rho_a(kq), WithinAbs(q1.rho_a(f1.construct_index("Quality")), 1e-12));
  CHECK_THAT(r.reliability.rho_c(ks), WithinAbs(q2.rho_c(f2.construct_index("Service")), 1e-12));
  CHECK_THAT(r.reliability.alpha(ks), WithinAbs(q2.alpha(f2.construct_index("Service")), 1e-12));
}

TEST_CASE("repeated indicators equal the plain model with the items repeated, built by hand", "[pls_hoc][independent]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto data = mobi();
  csat::pls::hoc_options o;
  o.method = hoc_method::repeated_indicators;
  const auto spec = csat::model::from_syntax(service_model);
  const auto r = csat::pls::estimate_higher_order(spec, data, o);
  REQUIRE(r.stages.size() == 1);
  CHECK(r.stages[0].name == "repeated indicators");
  // by hand: copies of PERQ1-7 and PERV1-2 under other names measure Service; Service -> Quality, Value
  std::vector<std::string> names = data.names, copies;
  for (const auto* v : {&PERQ, &PERV})
    for (const auto& i : *v) {
      names.push_back(i + "_copy");
      copies.push_back(i + "_copy");
    }
  Eigen::MatrixXd X(data.rows(), data.cols() + 9);
  X << data.values, columns_of(data, PERQ), columns_of(data, PERV);
  specification h;
  h.composite("Image", IMAG).composite("Expectation", CUEX).composite("Quality", PERQ).composite("Value", PERV);
  h.composite("Service", copies).composite("Satisfaction", CUSA).composite("Loyalty", CUSL);
  h.path("Image", "Expectation").path("Expectation", "Service");
  h.paths({"Image", "Expectation", "Service"}, {"Satisfaction"}).paths({"Image", "Satisfaction"}, {"Loyalty"});
  h.paths({"Service"}, {"Quality", "Value"});
  const auto f = csat::pls::estimate(h, X, names);
  CHECK(max_diff(r.final_fit(), f) < 1e-9);
  // the HOC rows carry the item names; the combined view has all seven constructs
  CHECK(r.row("Service", "PERQ3").type == "HOCA");
  CHECK_THAT(r.row("Service", "PERQ3").weight, WithinAbs(weight_of(f, "Service", "PERQ3_copy"), 1e-9));
  CHECK(r.constructs.size() == 7);
  CHECK_THAT(r.reliability.ave(static_cast<Eigen::Index>(r.index_of("Service"))),
             WithinAbs(csat::pls::reliability(f).ave(f.construct_index("Service")), 1e-12));
  // the HOC explains its dimensions: Service -> Quality is large
  CHECK(r.final_fit().path("Service", "Quality") > 0.8);

  // Mode B HOC: the paths go dimension -> HOC and the HOC block uses regression weights
  const auto specB = csat::model::from_syntax(std::string(service_model).replace(std::string(service_model).find("Service      =~"), 15, "Service      <~"));
  CHECK(specB.at("Service").mode == csat::model::mode::B);
  const auto rb = csat::pls::estimate_higher_order(specB, data, o);
  specification hb;
  hb.composite("Image", IMAG).composite("Expectation", CUEX).composite("Quality", PERQ).composite("Value", PERV);
  hb.formative("Service", copies).composite("Satisfaction", CUSA).composite("Loyalty", CUSL);
  hb.path("Image", "Expectation").path("Expectation", "Service");
  hb.paths({"Image", "Expectation", "Service"}, {"Satisfaction"}).paths({"Image", "Satisfaction"}, {"Loyalty"});
  hb.paths({"Quality", "Value"}, {"Service"});
  const auto fb = csat::pls::estimate(hb, X, names);
  CHECK(max_diff(rb.final_fit(), fb) < 1e-9);
  CHECK(rb.row("Service", "PERV1").type == "HOCB");
}

TEST_CASE("embedded two-stage: stage 1 is the repeated-indicator model, stage 2 its dimension scores", "[pls_hoc][independent]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto data = mobi();
  const auto spec = csat::model::from_syntax(service_model);
  csat::pls::hoc_options rep, emb;
  rep.method = hoc_method::repeated_indicators;
  emb.method = hoc_method::embedded_two_stage;
  const auto r1 = csat::pls::estimate_higher_order(spec, data, rep);
  const auto e = csat::pls::estimate_higher_order(spec, data, emb);
  REQUIRE(e.stages.size() == 2);
  CHECK(max_diff(e.stages[0].fit, r1.final_fit()) == 0);
  const auto& s1 = r1.final_fit();
  std::vector<std::string> names = data.names;
  names.push_back("Q_emb");
  names.push_back("V_emb");
  Eigen::MatrixXd X(data.rows(), data.cols() + 2);
  X << data.values, s1.scores.col(s1.construct_index("Quality")), s1.scores.col(s1.construct_index("Value"));
  specification b;
  b.composite("Image", IMAG).composite("Expectation", CUEX).composite("Service", {"Q_emb", "V_emb"});
  b.composite("Satisfaction", CUSA).composite("Loyalty", CUSL);
  b.path("Image", "Expectation").path("Expectation", "Service");
  b.paths({"Image", "Expectation", "Service"}, {"Satisfaction"}).paths({"Image", "Satisfaction"}, {"Loyalty"});
  const auto f2 = csat::pls::estimate(b, X, names);
  CHECK(max_diff(e.final_fit(), f2) < 1e-9);
  // embedded and disjoint agree closely on this data, but not exactly (the dimension scores differ)
  const auto d = csat::pls::estimate_higher_order(spec, data);
  const double diff = std::abs(d.final_fit().path("Service", "Satisfaction") - e.final_fit().path("Service", "Satisfaction"));
  CHECK(diff > 1e-6);
  CHECK(diff < 0.05);
  // the dimension reliability in the combined view comes from the repeated-indicator stage
  CHECK(e.home[e.index_of("Quality")] == 0);
  CHECK(e.home[e.index_of("Service")] == 1);
}

TEST_CASE("a third-order construct: one stage per level (disjoint), by hand", "[pls_hoc][independent]") {
  // simulated data: three LOCs under two second-order constructs under one third-order index, and an outcome
  std::mt19937_64 rng(20261123);
  std::normal_distribution<double> N;
  const Eigen::Index n = 400;
  std::vector<std::string> names;
  Eigen::MatrixXd X(n, 14);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double g = N(rng);
    const double h1 = 0.8 * g + 0.6 * N(rng), h2 = 0.7 * g + 0.71 * N(rng);
    const double l[4] = {0.8 * h1 + 0.6 * N(rng), 0.75 * h1 + 0.66 * N(rng), 0.8 * h2 + 0.6 * N(rng), 0.7 * h2 + 0.71 * N(rng)};
    const double y = 0.6 * g + 0.8 * N(rng);
    for (int k = 0; k < 4; ++k)
      for (int j = 0; j < 3; ++j) X(i, 3 * k + j) = l[k] + 0.7 * N(rng);
    X(i, 12) = y + 0.5 * N(rng);
    X(i, 13) = y + 0.5 * N(rng);
  }
  for (const char* c : {"a", "b", "c", "d"})
    for (int j = 1; j <= 3; ++j) names.push_back(std::string(c) + std::to_string(j));
  names.push_back("y1");
  names.push_back("y2");
  const auto spec = csat::model::from_syntax(
      "A =~ a1 + a2 + a3\nB =~ b1 + b2 + b3\nC =~ c1 + c2 + c3\nD =~ d1 + d2 + d3\n"
      "H1 =~ A + B\nH2 =~ C + D\nG =~ H1 + H2\nY =~ y1 + y2\nY ~ G\n");
  const auto r = csat::pls::estimate_higher_order(spec, X, names);
  REQUIRE(r.stages.size() == 3);
  CHECK(r.level == std::vector<int>{3, 1, 1, 1, 1, 1, 2, 2});  // G, Y, then the dimensions A B C D H1 H2 in declaration order
  CHECK(r.constructs == std::vector<std::string>{"G", "Y", "A", "B", "C", "D", "H1", "H2"});
  // stage 1 by hand: A, B, C, D -> Y
  specification s1;
  s1.composite("A", {"a1", "a2", "a3"}).composite("B", {"b1", "b2", "b3"}).composite("C", {"c1", "c2", "c3"});
  s1.composite("D", {"d1", "d2", "d3"}).composite("Y", {"y1", "y2"}).paths({"A", "B", "C", "D"}, {"Y"});
  const auto f1 = csat::pls::estimate(s1, X, names);
  CHECK(max_diff(r.stages[0].fit, f1) < 1e-9);
  // stage 2: H1 = (A, B scores), H2 = (C, D scores) -> Y
  Eigen::MatrixXd X2(n, 6);
  X2 << f1.scores.col(0), f1.scores.col(1), f1.scores.col(2), f1.scores.col(3), X.col(12), X.col(13);
  const std::vector<std::string> n2{"sA", "sB", "sC", "sD", "y1", "y2"};
  specification s2;
  s2.composite("H1", {"sA", "sB"}).composite("H2", {"sC", "sD"}).composite("Y", {"y1", "y2"}).paths({"H1", "H2"}, {"Y"});
  const auto f2 = csat::pls::estimate(s2, X2, n2);
  CHECK(max_diff(r.stages[1].fit, f2) < 1e-9);
  // stage 3: G = (H1, H2 scores) -> Y
  Eigen::MatrixXd X3(n, 4);
  X3 << f2.scores.col(0), f2.scores.col(1), X.col(12), X.col(13);
  specification s3;
  s3.composite("G", {"sH1", "sH2"}).composite("Y", {"y1", "y2"}).path("G", "Y");
  const auto f3 = csat::pls::estimate(s3, X3, {"sH1", "sH2", "y1", "y2"});
  CHECK(max_diff(r.final_fit(), f3) < 1e-9);
  CHECK(r.home[r.index_of("A")] == 0);
  CHECK(r.home[r.index_of("H1")] == 1);
  CHECK(r.final_fit().path("G", "Y") > 0.4);
  // repeated indicators on the same hierarchy: G is measured by all twelve items
  csat::pls::hoc_options o;
  o.method = hoc_method::repeated_indicators;
  const auto rr = csat::pls::estimate_higher_order(spec, X, names, o);
  const auto& fr = rr.final_fit();
  CHECK(fr.structure.sum() == 1 + 2 + 4);
  long g_items = 0;
  for (auto b : fr.block) g_items += b == fr.construct_index("G");
  CHECK(g_items == 12);
}

TEST_CASE("power-industry 4-level template: index, six structural variables, sub-indicators, items", "[pls_hoc][preset]") {
  using csat::model::sub_indicator;
  csat::model::power_csi_levels lv;
  lv.image = {{"Brand", {"im1", "im2"}}, {"Responsibility", {"im3", "im4"}}};
  lv.expectation = {{"Expect", {"ex1", "ex2"}}};
  lv.quality = {{"Reliability", {"q1", "q2"}}, {"VoltageQuality", {"q3", "q4"}}, {"ServiceHall", {"q5", "q6"}}};
  lv.value = {{"PriceFairness", {"v1", "v2"}}};
  lv.satisfaction = {{"Overall", {"s1", "s2"}}};
  lv.loyalty = {{"Stay", {"l1", "l2"}}};
  const specification s = csat::model::power_csi_hierarchy(lv);
  CHECK(s.has_higher_order());
  CHECK(s.at("Image").higher_order);
  CHECK(s.at("Quality").indicators == std::vector<std::string>{"Reliability", "VoltageQuality", "ServiceHall"});
  CHECK_FALSE(s.at("Expectation").higher_order);  // one sub-indicator: measured by its items directly
  CHECK(s.at("Expectation").indicators == std::vector<std::string>{"ex1", "ex2"});
  CHECK(s.structural_paths().size() == 11);
  // estimate it on simulated data with that structure
  std::mt19937_64 rng(7);
  std::normal_distribution<double> N;
  const auto items = s.indicators();
  REQUIRE(items.size() == 18);
  const Eigen::Index n = 300;
  Eigen::MatrixXd X(n, 18);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double im = N(rng), ex = 0.5 * im + 0.87 * N(rng), q = 0.5 * ex + 0.87 * N(rng);
    const double v = 0.3 * im + 0.4 * q + 0.8 * N(rng), sat = 0.3 * im + 0.4 * q + 0.3 * v + 0.6 * N(rng);
    const double l = 0.6 * sat + 0.8 * N(rng);
    // items in declaration order: Brand, Responsibility, Expectation, Reliability, VoltageQuality, ServiceHall, ...
    const double lat[18] = {im, im, im, im, ex, ex, q, q, q, q, q, q, v, v, sat, sat, l, l};
    for (Eigen::Index j = 0; j < 18; ++j) X(i, j) = lat[j] + 0.6 * N(rng);
  }
  const auto r = csat::pls::estimate_higher_order(s, X, items);
  CHECK(r.converged);
  CHECK(r.final_fit().constructs.size() == 6);
  CHECK(r.final_fit().path("Satisfaction", "Loyalty") > 0.3);
  // bad templates name the culprit
  csat::model::power_csi_levels bad = lv;
  bad.value.clear();
  CHECK_THROWS_AS(csat::model::power_csi_hierarchy(bad), csat::invalid_argument);
  CHECK_THROWS_WITH(csat::model::power_csi_hierarchy(bad), Contains("structural variable \"Value\" has no sub-indicator"));
  bad = lv;
  bad.quality[1].items.clear();
  CHECK_THROWS_WITH(csat::model::power_csi_hierarchy(bad), Contains("sub-indicator \"VoltageQuality\" of \"Quality\" has no item"));
  bad = lv;
  bad.index = "CSI";
  CHECK_THROWS_WITH(csat::model::power_csi_hierarchy(bad), Contains("index construct \"CSI\""));
}

TEST_CASE("0-100 indices of lower- and higher-order constructs on the item scale", "[pls_hoc][index]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto data = mobi();
  const auto r = csat::pls::estimate_higher_order(csat::model::from_syntax(service_model), data);
  const auto idx = csat::pls::indices(r, 1.0, 10.0);
  REQUIRE(idx.constructs == r.constructs);
  // a lower-order construct: the plain index of its home stage
  const auto& s1 = r.stages[0].fit;
  const auto i1 = csat::pls::indices(s1, 1.0, 10.0);
  CHECK_THAT(idx.index_of("Quality"), WithinAbs(i1.index_of("Quality"), 1e-12));
  // a construct of the final stage on items: the plain index of the final fit. The final fit's Service block holds
  // dimension scores (mean 0), on no questionnaire scale: indices() rejects the 1-10 scale for them, so they get
  // any range around their mean here (Service's index is checked below, from the dimensions)
  const auto& fin = r.final_fit();
  CHECK_THROWS_WITH(csat::pls::indices(fin, 1.0, 10.0), Contains("indicator \"Quality\" has mean"));
  Eigen::VectorXd lo = Eigen::VectorXd::Constant(static_cast<Eigen::Index>(fin.indicators.size()), 1.0);
  Eigen::VectorXd hi = Eigen::VectorXd::Constant(lo.size(), 10.0);
  for (const char* d : {"Quality", "Value"}) {
    const Eigen::Index j = fin.indicator_index(d);
    lo(j) = fin.indicator_means(j) - 1;
    hi(j) = fin.indicator_means(j) + 1;
  }
  CHECK_THAT(idx.index_of("Image"), WithinAbs(csat::pls::indices(fin, lo, hi).index_of("Image"), 1e-12));
  // the HOC: the dimension indices averaged with weights w_S,d * (sum of the dimension's unstandardized weights)
  double num = 0, den = 0;
  for (const char* d : {"Quality", "Value"}) {
    const double a = weight_of(fin, "Service", d) * i1.weight_sum(s1.construct_index(d));
    num += a * i1.index_of(d);
    den += a;
  }
  CHECK_THAT(idx.index_of("Service"), WithinAbs(num / den, 1e-10));
  CHECK(idx.index_of("Service") > 50);
  CHECK(idx.index_of("Service") < 90);
  // each case's 0-100 Service score is the rescaled-weight average of its items
  const auto il = csat::pls::item_level(r);
  const Eigen::Index ks = static_cast<Eigen::Index>(r.index_of("Service"));
  for (Eigen::Index row : {Eigen::Index(0), Eigen::Index(17), Eigen::Index(249)}) {
    double sc = 0;
    for (std::size_t i = 0; i < il.indicators.size(); ++i)
      if (il.block[i] == ks) {
        const double x = data.values(row, static_cast<Eigen::Index>(std::find(data.names.begin(), data.names.end(), il.indicators[i]) - data.names.begin()));
        sc += idx.rescaled_weights(static_cast<Eigen::Index>(i), ks) * 100.0 * (x - 1.0) / 9.0;
      }
    CHECK_THAT(idx.scores(row, ks), WithinAbs(sc, 1e-10));
  }
  // the Service block on the items holds the nine items of its dimensions
  long items = 0;
  for (auto b : il.block) items += b == ks;
  CHECK(items == 9);
}

TEST_CASE("higher-order estimation: unsupported case weights and admissibility warnings are reported", "[pls_hoc][errors]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  csat::pls::hoc_options o;
  o.estimation.weights = "CUSCO";
  CHECK_THROWS_AS(csat::pls::estimate_higher_order(csat::model::from_syntax(service_model), mobi(), o), csat::invalid_argument);
  CHECK_THROWS_WITH(csat::pls::estimate_higher_order(csat::model::from_syntax(service_model), mobi(), o),
                    Contains("case weights (column \"CUSCO\") are not supported with higher-order constructs"));
  {  // the matrix overload: the matrix and its column names must agree
    const auto t = mobi();
    std::vector<std::string> names = t.names;
    names.push_back("extra");
    CHECK_THROWS_AS(csat::pls::estimate_higher_order(csat::model::from_syntax(service_model), t.values, names),
                    csat::invalid_argument);
    CHECK_THROWS_WITH(csat::pls::estimate_higher_order(csat::model::from_syntax(service_model), t.values, names),
                      Contains("data has " + std::to_string(t.cols()) + " columns, but " +
                               std::to_string(t.cols() + 1) + " column names were given"));
  }
  const auto r = csat::pls::estimate_higher_order(csat::model::from_syntax(service_model), mobi());
  std::size_t n = 0;
  for (const auto& s : r.stages) n += s.fit.warnings.size();
  CHECK(r.warnings.size() == n);
}

TEST_CASE("bootstrap of a higher-order model: every stage re-run, identical for any thread count, replayable", "[pls_hoc][bootstrap]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto data = mobi();
  const auto spec = csat::model::from_syntax(service_model);
  csat::pls::bootstrap_options bo;
  bo.resamples = 120;
  bo.seed = 99;
  bo.threads = 1;
  const auto b1 = csat::pls::bootstrap_higher_order(spec, data, {}, bo);
  bo.threads = 2;
  const auto b2 = csat::pls::bootstrap_higher_order(spec, data, {}, bo);
  CHECK(b1.successful == 120);
  CHECK(b1.threads == 1);
  CHECK(b2.threads == 2);
  CHECK((b1.draws.array() == b2.draws.array()).all());
  REQUIRE(b1.paths.size() == 7);
  for (const auto& p : b1.paths) {
    INFO(p.from << " -> " << p.to);
    CHECK(p.sd > 0);
    CHECK(p.ci_lower <= p.original);
    CHECK(p.original <= p.ci_upper);
  }
  CHECK(b1.weights.size() == b1.estimate.measurement.size());
  // replay: the drawn rows of resample 3, given explicitly, and that resample estimated by hand
  std::vector<Eigen::Index> rows;
  csat::pls::detail::draw_resample(99, 3, rows, data.rows());
  Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic> given(1, data.rows());
  for (Eigen::Index i = 0; i < data.rows(); ++i) given(0, i) = rows[static_cast<std::size_t>(i)];
  const auto g = csat::pls::bootstrap_higher_order(spec, data, {}, bo, &given);
  CHECK((g.draws.row(0).array() == b1.draws.row(3).array()).all());
  Eigen::MatrixXd Xb(data.rows(), data.cols());
  for (Eigen::Index i = 0; i < data.rows(); ++i) Xb.row(i) = data.values.row(rows[static_cast<std::size_t>(i)]);
  const auto byhand = csat::pls::estimate_higher_order(spec, Xb, data.names);
  for (std::size_t k = 0; k < g.paths.size(); ++k)
    CHECK_THAT(g.draws(0, static_cast<Eigen::Index>(k)), WithinAbs(byhand.final_fit().path(g.paths[k].from, g.paths[k].to), 1e-12));
  // bad replay input names the resample
  given(0, 5) = 250;
  CHECK_THROWS_AS(csat::pls::bootstrap_higher_order(spec, data, {}, bo, &given), csat::domain_error);
  CHECK_THROWS_WITH(csat::pls::bootstrap_higher_order(spec, data, {}, bo, &given), Contains("resample indices[0,5] = 250"));
}
