// Issue 22: f² of moderated models by its definition, as seminr 2.3.2's fSquared computes it: the R² of the model
// re-estimated without the path, the interaction term rebuilt in the reduced model. Expected values:
// tests/reference/pls_moderation_f2.csv from tests/reference/pls_seminr_parity.R (seminr's corporate-reputation
// moderation model and the mobi model, every interaction method; the same models without interaction).
#include <csat/pls/moderation.hpp>
#include <csat/pls/quality.hpp>

#include <catch2/catch.hpp>

#include "support/shared.hpp"

#include <cmath>
#include <string>

using Catch::Matchers::WithinAbs;

namespace {

const char* corp_measurement =
    "COMP =~ comp_1 + comp_2 + comp_3\n"
    "LIKE =~ like_1 + like_2 + like_3\n"
    "CUSA =~ cusa\n"
    "SC =~ switch_1 + switch_2 + switch_3 + switch_4\n"
    "CUSL =~ cusl_1 + cusl_2 + cusl_3\n";
const char* mobi_measurement =
    "Image =~ IMAG1 + IMAG2 + IMAG3 + IMAG4 + IMAG5\n"
    "Expectation =~ CUEX1 + CUEX2 + CUEX3\n"
    "Satisfaction =~ CUSA1 + CUSA2 + CUSA3\n";

}  // namespace

TEST_CASE("f2 of moderated models: the reduced model re-estimated with its own interaction term (seminr)",
          "[pls][moderation][f2][reference]") {
  csat::survey::csv_options co;
  co.text_columns = {"dataset", "method", "from", "to"};
  const auto ref = csat::survey::read_csv(csat_test::source_path("tests/reference/pls_moderation_f2.csv"), co);
  const auto corp = csat::survey::read_csv(csat_test::source_path("tests/data/pls_corp_rep.csv"));
  const auto mobi = csat::survey::read_csv(csat_test::source_path("tests/data/pls_mobi.csv"));
  REQUIRE(corp.rows() == 344);
  const auto& dataset = ref.text_column("dataset");
  const auto& method = ref.text_column("method");
  const auto& from = ref.text_column("from");
  const auto& to = ref.text_column("to");
  std::size_t compared = 0, undefined = 0;
  for (Eigen::Index i = 0; i < ref.rows(); ++i) {
    const auto u = static_cast<std::size_t>(i);
    const bool is_corp = dataset[u] == "corp_rep";
    const auto& data = is_corp ? corp : mobi;
    const std::string measurement = is_corp ? corp_measurement : mobi_measurement;
    const double f2_ref = ref.values(i, ref.index_of("f2")), r2_ref = ref.values(i, ref.index_of("r2"));
    INFO(dataset[u] << " " << method[u] << ": " << from[u] << " -> " << to[u]);
    csat::pls::estimate_options eo;
    eo.missing = csat::survey::missing_policy::mean;  // seminr's mean_replacement of corp_rep_data's -99 cells
    double f2 = 0, r2 = 0;
    if (method[u] == "none") {
      const std::string structural = is_corp ? "CUSL ~ COMP + LIKE + CUSA + SC\n" : "Satisfaction ~ Image + Expectation\n";
      const auto r = csat::pls::estimate(csat::model::from_syntax(measurement + structural), data, eo);
      const auto F = csat::pls::f_squared(r);
      f2 = F(r.construct_index(from[u]), r.construct_index(to[u]));
      r2 = r.r2(to[u]);
    } else {
      const std::string structural =
          is_corp ? "CUSL ~ COMP + LIKE + CUSA + SC + CUSA:SC\n" : "Satisfaction ~ Image + Expectation + Image:Expectation\n";
      csat::pls::moderation_options mo;
      mo.method = csat::pls::interaction_method_from_string(method[u]);
      mo.estimation = eo;
      const auto m = csat::pls::estimate_moderation(csat::pls::parse_moderated(measurement + structural), data, mo);
      const auto q = csat::pls::quality(m.fit);  // what csat pls reports
      f2 = q.f_squared(m.fit.construct_index(from[u]), m.fit.construct_index(to[u]));
      r2 = m.fit.r2(to[u]);
      // every path of the moderated model has an entry (and only the paths)
      CHECK(q.f_squared.rows() == static_cast<Eigen::Index>(m.fit.constructs.size()));
    }
    CHECK_THAT(r2, WithinAbs(r2_ref, 1e-6));
    if (std::isnan(f2_ref)) {
      // the main effects of an interaction's iv and moderator on its outcome (seminr: NA)
      CHECK(std::isnan(f2));
      ++undefined;
    } else {
      CHECK_THAT(f2, WithinAbs(f2_ref, 1e-6));
      ++compared;
    }
  }
  CHECK(compared == 3 * 3 + 3 + 4 + 2);  // 3 methods x (COMP, LIKE, CUSA:SC; Image:Expectation); plain 4 + 2
  CHECK(undefined == 3 * 4);
}

TEST_CASE("f2 when a dropped path isolates a construct: the model re-estimated without it (seminr)",
          "[pls][f2]") {
  // the reduced model of Satisfaction ~ Image + Expectation without Image -> Satisfaction is
  // Satisfaction ~ Expectation, re-estimated (its outer weights change), not the regression on the old scores
  const auto mobi = csat::survey::read_csv(csat_test::source_path("tests/data/pls_mobi.csv"));
  const auto full = csat::pls::estimate(
      csat::model::from_syntax(std::string(mobi_measurement) + "Satisfaction ~ Image + Expectation\n"), mobi);
  const auto reduced = csat::pls::estimate(
      csat::model::from_syntax("Expectation =~ CUEX1 + CUEX2 + CUEX3\nSatisfaction =~ CUSA1 + CUSA2 + CUSA3\n"
                               "Satisfaction ~ Expectation\n"),
      mobi);
  const double r2 = full.r2("Satisfaction"), r2x = reduced.r2("Satisfaction");
  const auto F = csat::pls::f_squared(full);
  CHECK_THAT(F(full.construct_index("Image"), full.construct_index("Satisfaction")),
             WithinAbs((r2 - r2x) / (1 - r2), 1e-12));
  // the old shortcut (the regression on the full model's scores) differs
  const double c = full.construct_correlations(full.construct_index("Expectation"), full.construct_index("Satisfaction"));
  CHECK(std::abs((r2 - c * c) / (1 - r2) - F(full.construct_index("Image"), full.construct_index("Satisfaction"))) > 1e-6);
}
