// Tests of csat/sem/model.hpp: the lavaan-style parameter table and the identification checks.
#include <csat/sem/model.hpp>

#include <catch2/catch.hpp>

#include <string>

using Catch::Contains;

namespace {

const csat::sem::parameter* row(const csat::sem::sem_model& m, const std::string& lhs, const std::string& op,
                                const std::string& rhs, int group = 0) {
  for (const auto& q : m.parameters)
    if (q.lhs == lhs && q.op == op && q.rhs == rhs && q.group == group) return &q;
  return nullptr;
}

}  // namespace

TEST_CASE("CFA defaults follow lavaan's cfa(): marker loadings, free variances and factor covariances", "[sem]") {
  const auto m = csat::sem::specify("visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9\n");
  CHECK(m.p() == 9);
  CHECK(m.m() == 3);
  // 24 rows and 21 free parameters, as the parameter_table of cbsem_holzinger.json
  CHECK(m.parameters.size() == 24);
  CHECK(m.n_free == 21);
  CHECK(m.degrees_of_freedom() == 24);
  REQUIRE(row(m, "visual", "=~", "x1"));
  CHECK(row(m, "visual", "=~", "x1")->free == -1);
  CHECK(row(m, "visual", "=~", "x1")->value == 1.0);
  CHECK(row(m, "visual", "=~", "x2")->free == 0);
  CHECK(row(m, "x1", "~~", "x1")->free >= 0);
  CHECK(row(m, "x1", "~~", "x1")->matrix == csat::sem::matrix_id::theta);
  CHECK(row(m, "visual", "~~", "textual")->free >= 0);
  CHECK(row(m, "visual", "~~", "textual")->matrix == csat::sem::matrix_id::psi);
  CHECK(row(m, "visual", "~~", "visual")->user == false);
}

TEST_CASE("SEM defaults follow lavaan's sem() on PoliticalDemocracy", "[sem]") {
  const auto m = csat::sem::specify(
      "ind60 =~ x1 + x2 + x3\n dem60 =~ y1 + y2 + y3 + y4\n dem65 =~ y5 + y6 + y7 + y8\n"
      "dem60 ~ ind60\n dem65 ~ ind60 + dem60\n y1 ~~ y5\n y2 ~~ y4 + y6\n y3 ~~ y7\n y4 ~~ y8\n y6 ~~ y8\n");
  // 34 rows, 31 free, df 35 (cbsem_political_democracy.json)
  CHECK(m.parameters.size() == 34);
  CHECK(m.n_free == 31);
  CHECK(m.degrees_of_freedom() == 35);
  CHECK(m.observed == std::vector<std::string>{"x1", "x2", "x3", "y1", "y2", "y3", "y4", "y5", "y6", "y7", "y8"});
  CHECK(row(m, "dem60", "~", "ind60")->matrix == csat::sem::matrix_id::beta);
  // endogenous latent variables do not covary by default; exogenous ind60 has nothing to covary with
  CHECK(row(m, "dem60", "~~", "dem65") == nullptr);
  CHECK(row(m, "y2", "~~", "y4")->free >= 0);
}

TEST_CASE("modifiers: fixed, freed, labels, starts and equality constraints", "[sem]") {
  const auto m = csat::sem::specify("f =~ NA*x1 + a*x2 + a*x3 + 0.5*x4 + start(2)*x5\nf ~~ 1*f\nx1 ~~ x2\n b := a*2\n");
  CHECK(row(m, "f", "=~", "x1")->free >= 0);
  CHECK(row(m, "f", "=~", "x2")->free == row(m, "f", "=~", "x3")->free);
  CHECK(row(m, "f", "=~", "x2")->label == "a");
  CHECK(row(m, "f", "=~", "x4")->free == -1);
  CHECK(row(m, "f", "=~", "x4")->value == 0.5);
  CHECK(row(m, "f", "=~", "x5")->has_start);
  CHECK(row(m, "f", "=~", "x5")->start == 2.0);
  CHECK(row(m, "f", "~~", "f")->free == -1);
  CHECK(row(m, "f", "~~", "f")->value == 1.0);
  CHECK(row(m, "x1", "~~", "x2")->free >= 0);
  // x1 (NA), a (x2 = x3), x5, 5 residual variances, x1~~x2
  CHECK(m.n_free == 1 + 1 + 1 + 5 + 1);
  REQUIRE(m.defined.size() == 1);
  CHECK(m.defined[0].name == "b");

  const auto e = csat::sem::specify("f =~ x1 + b1*x2 + b2*x3 + x4\n b1 == b2\n");
  CHECK(row(e, "f", "=~", "x2")->free == row(e, "f", "=~", "x3")->free);
}

TEST_CASE("observed regressions: phantom latent variables and fixed.x covariates", "[sem]") {
  const auto m = csat::sem::specify("f =~ y1 + y2 + y3\n f ~ x1 + x2\n");
  CHECK(m.exogenous_x == std::vector<bool>{false, false, false, true, true});
  CHECK(m.phantom[3] >= 0);
  CHECK(row(m, "x1", "~~", "x1")->exo);
  CHECK(row(m, "x1", "~~", "x1")->free == -1);
  CHECK(row(m, "x1", "~~", "x2")->exo);
  CHECK(row(m, "f", "~", "x1")->matrix == csat::sem::matrix_id::beta);
  // free: 2 loadings, 2 regressions, 3 residual variances, f residual variance; df = 15 - 3 - 8 = 4
  CHECK(m.n_free == 8);
  CHECK(m.degrees_of_freedom() == 4);
  csat::sem::model_options o;
  o.fixed_x = false;
  const auto m2 = csat::sem::specify("f =~ y1 + y2 + y3\n f ~ x1 + x2\n", o);
  CHECK(m2.n_free == 11);
  CHECK(m2.degrees_of_freedom() == 4);
}

TEST_CASE("mean structure and groups: intercepts, group.equal and latent means", "[sem]") {
  csat::sem::model_options o;
  o.groups = 3;
  o.group_equal = {"loadings", "intercepts"};
  const auto m = csat::sem::specify("f =~ x1 + x2 + x3\n", o);
  CHECK(m.meanstructure);
  CHECK(row(m, "f", "=~", "x2", 0)->free == row(m, "f", "=~", "x2", 2)->free);
  CHECK(row(m, "x1", "~1", "", 0)->free == row(m, "x1", "~1", "", 1)->free);
  CHECK(row(m, "f", "~1", "", 0)->free == -1);
  CHECK(row(m, "f", "~1", "", 1)->free >= 0);
  CHECK(row(m, "x1", "~~", "x1", 0)->free != row(m, "x1", "~~", "x1", 1)->free);
  // per group: 3 residual variances + f variance; shared: 2 loadings + 3 intercepts; means in groups 2, 3
  CHECK(m.n_free == 3 * 4 + 5 + 2);
  CHECK(m.moments() == 3 * 9);

  o.group_equal = {"loadings"};
  const auto c = csat::sem::specify("f =~ x1 + c(l1, l2, l3)*x2 + x3\n", o);
  CHECK(row(c, "f", "=~", "x2", 0)->label == "l1");
  CHECK(row(c, "f", "=~", "x2", 2)->label == "l3");
  CHECK(row(c, "f", "=~", "x2", 0)->free != row(c, "f", "=~", "x2", 1)->free);
}

TEST_CASE("identification errors name the construct", "[sem]") {
  csat::sem::model_options o;
  CHECK_THROWS_AS(csat::sem::specify("f =~ NA*x1 + x2 + x3\n"), csat::invalid_argument);
  CHECK_THROWS_WITH(csat::sem::specify("f =~ NA*x1 + x2 + x3\n"), Contains("latent variable \"f\" has no scale"));
  CHECK_THROWS_AS(csat::sem::specify("f =~ x1 + x2\n"), csat::invalid_argument);
  CHECK_THROWS_WITH(csat::sem::specify("f =~ x1 + x2\n"),
                    Contains("not identified: 4 free parameters but only 3 sample moments"));
  CHECK_THROWS_AS(csat::sem::specify("f <~ x1 + x2 + x3\n y ~ f\n"), csat::invalid_argument);
  CHECK_THROWS_WITH(csat::sem::specify("f <~ x1 + x2 + x3\n y ~ f\n"),
                    Contains("formative construct \"f\" is not identified: no weight is fixed"));
  CHECK_NOTHROW(csat::sem::specify("f <~ 1*x1 + x2 + x3\n y1 ~ f\n y2 ~ f\n"));
}

TEST_CASE("unsupported syntax is a located parse error", "[sem]") {
  CHECK_THROWS_AS(csat::sem::specify("f =~ x1 + x2 + x3\n y ~ f + f:x1\n"), csat::parse_error);
  CHECK_THROWS_WITH(csat::sem::specify("f =~ x1 + x2 + x3\n y ~ f + f:x1\n", {}, "m.lav"),
                    Contains("m.lav:2:10: interaction term \"f:x1\" is not supported"));
  CHECK_THROWS_WITH(csat::sem::specify("f =~ x1 + a*x2 + x3\n a > 0\n"), Contains("inequality constraints"));
  CHECK_THROWS_WITH(csat::sem::specify("f =~ x1 + a*x2 + x3\n a == c\n", {}, "m"),
                    Contains("m:2:7: label \"c\" does not name a free parameter"));
  CHECK_THROWS_WITH(csat::sem::specify("f =~ x1 + x2 + x3\n f =~ x2\n", {}, "m"), Contains("m:2:7: parameter f =~ x2 is specified twice"));
  csat::sem::model_options o;
  o.groups = 2;
  CHECK_THROWS_WITH(csat::sem::specify("f =~ x1 + c(1, 2, 3)*x2 + x3\n", o, "m"),
                    Contains("m:1:22: c(...) has 3 values but the model has 2 group(s)"));
  o.group_equal = {"loading"};
  CHECK_THROWS_AS(csat::sem::specify("f =~ x1 + x2 + x3\n", o), csat::invalid_argument);
  CHECK_THROWS_WITH(csat::sem::specify("f =~ x1 + x2 + x3\n", o), Contains("group_equal entry \"loading\""));
}
