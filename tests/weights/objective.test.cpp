// Tests of csat/weights/objective.hpp: entropy (reference vector E1 of ahp_fce.md D.3 and a hand-worked table),
// CRITIC and coefficient of variation (values computed independently from the textbook formulas).
#include <csat/weights/objective.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
namespace w = csat::weights;

namespace {
Eigen::MatrixXd kpis() {
  // 4 service units x (voltage rate %, outage minutes, answer rate index)
  Eigen::MatrixXd x(4, 3);
  x << 99.2, 120, 3.1,
       98.5, 300, 2.0,
       99.8, 60, 4.5,
       97.9, 500, 1.2;
  return x;
}
w::objective_options bcb() {
  w::objective_options o;
  o.criteria = {w::criterion::benefit, w::criterion::cost, w::criterion::benefit};
  o.names = {"电压合格率", "户均停电时间", "接通率"};
  return o;
}
}  // namespace

TEST_CASE("entropy weights: reference vector E1 (min-max, benefit/cost)", "[weights][entropy][reference]") {
  Eigen::MatrixXd x = kpis().leftCols(2);
  w::objective_options o;
  o.criteria = {w::criterion::benefit, w::criterion::cost};
  const auto r = w::entropy_weights(x, o);
  CHECK_THAT(r.weights(0), WithinAbs(0.531371, 5e-7));
  CHECK_THAT(r.weights(1), WithinAbs(0.468629, 5e-7));
  CHECK_THAT(r.weights.sum(), WithinAbs(1.0, 1e-15));
  CHECK_THAT(r.divergence(0), WithinAbs(1 - r.entropy(0), 1e-15));
  CHECK_THAT(r.shares.col(0).sum(), WithinAbs(1.0, 1e-15));
}

TEST_CASE("entropy weights on a hand-worked table of grades", "[weights][entropy]") {
  // the condition attributes of the decision table in rough_set.test.cpp, as numbers (benefit)
  Eigen::MatrixXd g(10, 3);
  g << 1, 1, 1,  1, 1, 2,  1, 2, 1,  2, 2, 1,  2, 2, 2,  2, 1, 1,  3, 2, 2,  3, 1, 2,  2, 1, 2,  1, 2, 2;
  // column 0: scaled (0,0,0,.5,.5,.5,1,1,.5,0), p = 1/8 four times and 1/4 twice: e = 2.5 ln 2 / ln 10
  // column 1: five ones, p = 1/5: e = ln 5 / ln 10; column 2: six ones: e = ln 6 / ln 10
  const double l10 = std::log(10.0);
  const double e0 = 2.5 * std::log(2.0) / l10, e1 = std::log(5.0) / l10, e2 = std::log(6.0) / l10;
  const double d = (1 - e0) + (1 - e1) + (1 - e2);
  const auto r = w::entropy_weights(g);
  CHECK_THAT(r.entropy(0), WithinAbs(e0, 1e-14));
  CHECK_THAT(r.entropy(1), WithinAbs(e1, 1e-14));
  CHECK_THAT(r.entropy(2), WithinAbs(e2, 1e-14));
  CHECK_THAT(r.weights(0), WithinAbs((1 - e0) / d, 1e-14));
  CHECK_THAT(r.weights(1), WithinAbs((1 - e1) / d, 1e-14));
  CHECK_THAT(r.weights(2), WithinAbs((1 - e2) / d, 1e-14));
}

TEST_CASE("entropy, CRITIC and CV weights on a KPI table", "[weights][objective]") {
  const auto e = w::entropy_weights(kpis(), bcb());
  CHECK_THAT(e.weights(0), WithinAbs(0.3338151899973206, 1e-13));
  CHECK_THAT(e.weights(1), WithinAbs(0.2943993426346687, 1e-13));
  CHECK_THAT(e.weights(2), WithinAbs(0.3717854673680107, 1e-13));
  auto o = bcb();
  o.entropy = w::entropy_normalization::ratio;
  const auto er = w::entropy_weights(kpis(), o);
  CHECK_THAT(er.weights(0), WithinAbs(6.772649552164057e-05, 1e-13));
  CHECK_THAT(er.weights(1), WithinAbs(0.7240685318240409, 1e-12));
  const auto c = w::critic_weights(kpis(), bcb());
  CHECK_THAT(c.weights(0), WithinAbs(0.17175266982533957, 1e-13));
  CHECK_THAT(c.weights(1), WithinAbs(0.46288288836115443, 1e-13));
  CHECK_THAT(c.weights(2), WithinAbs(0.365364441813506, 1e-13));
  CHECK_THAT(c.sd(1), WithinAbs(0.45055062730906836, 1e-13));
  CHECK_THAT(c.correlation(1, 1), WithinAbs(1.0, 1e-14));
  const auto v = w::variation_weights(kpis(), bcb());
  CHECK_THAT(v.weights(0), WithinAbs(0.0062065715170607615, 1e-13));
  CHECK_THAT(v.weights(1), WithinAbs(0.6005405333621986, 1e-13));
  CHECK_THAT(v.weights(2), WithinAbs(0.3932528951207406, 1e-13));
}

TEST_CASE("objective weights reject constant, non-finite and mis-sized inputs naming the indicator", "[weights][objective]") {
  Eigen::MatrixXd x = kpis();
  x.col(2).setConstant(3);
  CHECK_THROWS_AS(w::entropy_weights(x, bcb()), csat::domain_error);
  CHECK_THROWS_WITH(w::entropy_weights(x, bcb()), Contains("indicator 2 (\"接通率\"): range max − min = 0"));
  CHECK_THROWS_AS(w::critic_weights(x, bcb()), csat::domain_error);
  x = kpis();
  x(1, 0) = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_WITH(w::entropy_weights(x, bcb()), Contains("indicator 0 (\"电压合格率\"), object 1: value = nan"));
  x = kpis();
  x.col(0) << 1, -1, 1, -1;
  CHECK_THROWS_WITH(w::variation_weights(x, bcb()), Contains("indicator 0 (\"电压合格率\"): mean = 0"));
  auto o = bcb();
  o.entropy = w::entropy_normalization::ratio;
  CHECK_THROWS_WITH(w::entropy_weights(x, o), Contains("object 1: value = -1, but must be positive"));
  o.criteria.pop_back();
  CHECK_THROWS_AS(w::entropy_weights(kpis(), o), csat::invalid_argument);
  CHECK_THROWS_AS(w::entropy_weights(kpis().topRows(1)), csat::invalid_argument);
}
