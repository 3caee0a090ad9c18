// The flagship data: PLS bootstrap intervals on the bundled survey cover the population values of the
// generator's design, and the bootstrap is the same for any thread count.
#include <csat/model/specification.hpp>
#include <csat/pls/bootstrap.hpp>
#include <csat/survey/csv.hpp>
#include <csat/survey/missing.hpp>

#include <catch2/catch.hpp>

#include "support/shared.hpp"

#include <map>
#include <string>

namespace {

const char* power_model = R"(
Image        =~ IMG1 + IMG2 + IMG3
Expectation  =~ EXP1 + EXP2 + EXP3
Quality      =~ QUA1 + QUA2 + QUA3 + QUA4 + QUA5
Value        =~ VAL1 + VAL2 + VAL3
Satisfaction =~ SAT1 + SAT2 + SAT3
Complaints   =~ COM1 + COM2
Loyalty      =~ LOY1 + LOY2 + LOY3
Expectation  ~ Image
Quality      ~ Expectation
Value        ~ Image + Expectation + Quality
Satisfaction ~ Image + Expectation + Quality + Value
Complaints   ~ Satisfaction
Loyalty      ~ Image + Satisfaction + Complaints
)";

csat::survey::data_table<double> power_data() {
  csat::survey::csv_options o;
  o.text_columns = {"segment", "channel", "county"};
  return csat::survey::read_csv(csat_test::source_path("examples/data/power_survey.csv"), o);
}

}  // namespace

TEST_CASE("flagship: bootstrap 95% intervals cover the PLS population paths of the generator", "[study][coverage]") {
  const auto spec = csat::model::from_syntax(power_model);
  const auto data = power_data();
  csat::pls::estimate_options eo;
  eo.missing = csat::survey::missing_policy::listwise;  // as examples/power_study/study.toml
  csat::pls::bootstrap_options bo;
  bo.resamples = 1000;
  bo.seed = 20261123;
  bo.bca = false;
  const auto boot = csat::pls::bootstrap(spec, data, eo, bo);
  REQUIRE(boot.estimate.n_used == 1275);  // docs/simulate.md: listwise keeps 1,275 of 2,000 rows
  REQUIRE(boot.failed == 0);
  // "PLS population, answers" in docs/simulate.md: answer_pls_population(power_survey_design(0),
  // power_csi_model(), 1000000, 1) — what PLS estimates on this design as n grows (Monte Carlo error ~0.001).
  const std::map<std::pair<std::string, std::string>, double> population{
      {{"Image", "Expectation"}, 0.3899},        {{"Expectation", "Quality"}, 0.4345},
      {{"Image", "Value"}, 0.1709},              {{"Expectation", "Value"}, 0.1133},
      {{"Quality", "Value"}, 0.4421},            {{"Image", "Satisfaction"}, 0.1694},
      {{"Expectation", "Satisfaction"}, 0.0763}, {{"Quality", "Satisfaction"}, 0.4154},
      {{"Value", "Satisfaction"}, 0.2482},       {{"Satisfaction", "Complaints"}, -0.3262},
      {{"Image", "Loyalty"}, 0.2179},            {{"Satisfaction", "Loyalty"}, 0.3957},
      {{"Complaints", "Loyalty"}, -0.0939}};
  REQUIRE(boot.paths.size() == population.size());
  int covered = 0;
  for (const auto& p : boot.paths) {
    const double v = population.at({p.from, p.to});
    INFO(p.from << " -> " << p.to << ": population " << v << ", interval [" << p.ci_lower << ", " << p.ci_upper << "]");
    CHECK(p.ci_lower < p.ci_upper);
    if (v >= p.ci_lower && v <= p.ci_upper) ++covered;
  }
  // acceptance: at least 90% of the paths (12 of 13)
  CHECK(covered >= 12);
  // and the latent paths are NOT what PLS estimates: Image -> Expectation is 0.50 in the latent model
  for (const auto& p : boot.paths)
    if (p.from == "Image" && p.to == "Expectation") CHECK(p.ci_upper < 0.50);
}

TEST_CASE("flagship: the bootstrap gives identical results for 1, 2 and 8 threads", "[study][determinism]") {
  const auto spec = csat::model::from_syntax(power_model);
  const auto data = power_data();
  csat::pls::estimate_options eo;
  eo.missing = csat::survey::missing_policy::listwise;
  csat::pls::bootstrap_options bo;
  bo.resamples = 200;
  bo.seed = 7;
  bo.bca = false;
  bo.scale_min = 1;
  bo.scale_max = 10;
  bo.threads = 1;
  const auto a = csat::pls::bootstrap(spec, data, eo, bo);
  bo.threads = 2;
  const auto b = csat::pls::bootstrap(spec, data, eo, bo);
  bo.threads = 8;
  const auto c = csat::pls::bootstrap(spec, data, eo, bo);
  REQUIRE(a.draws.rows() == 200);
  // bit-identical draws (NaN-free here), so every summary is identical too
  CHECK((a.draws.array() == b.draws.array()).all());
  CHECK((a.draws.array() == c.draws.array()).all());
  for (std::size_t q = 0; q < a.index.size(); ++q) {
    CHECK(a.index[q].ci_lower == c.index[q].ci_lower);
    CHECK(a.index[q].sd == c.index[q].sd);
  }
  // a different seed gives different draws
  bo.seed = 8;
  const auto d = csat::pls::bootstrap(spec, data, eo, bo);
  CHECK(!(a.draws.array() == d.draws.array()).all());
}
