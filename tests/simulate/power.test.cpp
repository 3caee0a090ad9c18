// Tests of include/csat/simulate/power.hpp: the design of the bundled example data.
#include <csat/simulate/power.hpp>
#include <csat/survey/stats.hpp>

#include "support/shared.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

using namespace csat::simulate;

TEST_CASE("power: the CSI population model is valid with the documented R-squared", "[simulate][power]") {
  const auto m = power_csi_model();
  CHECK(m.indicators.size() == 22);
  const auto lat = solve_latent(m);
  // docs/simulate.md: R² of Expectation .25, Quality .3025, Value .43, Satisfaction .5796, Complaints .16, Loyalty .4202
  CHECK(lat.r_squared(expectation) == Approx(0.25).margin(1e-12));
  CHECK(lat.r_squared(quality) == Approx(0.3025).margin(1e-12));
  CHECK(lat.r_squared(value) == Approx(0.43).margin(1e-4));
  CHECK(lat.r_squared(satisfaction) == Approx(0.5796).margin(1e-4));
  CHECK(lat.r_squared(complaints) == Approx(0.16).margin(1e-12));
  CHECK(lat.r_squared(loyalty) == Approx(0.4202).margin(1e-4));
  int paths = 0;
  for (Eigen::Index i = 0; i < 7; ++i)
    for (Eigen::Index j = 0; j < 7; ++j) paths += m.paths(i, j) != 0;
  CHECK(paths == 13);
}

TEST_CASE("power: the survey design yields the documented columns, segments and missing rate", "[simulate][power]") {
  const auto d = power_survey_design();
  const auto s = generate(d, 2000, 20240601);
  CHECK(s.data.rows() == 2000);
  CHECK(s.data.cols() == 1 + 22 + 10 + 1);
  CHECK(s.data.text_names == std::vector<std::string>{"segment", "channel", "county"});
  CHECK(s.columns.size() == 37);
  const double rate = double(s.missing_cells) / (2000.0 * 33);
  CHECK(std::abs(rate - 0.02) < 4 * std::sqrt(0.02 * 0.98 / (2000.0 * 33)));
  int residential = 0;
  for (const auto& g : s.data.text_column("segment")) residential += g == "residential";
  CHECK(std::abs(residential / 2000.0 - 0.70) < 4 * std::sqrt(0.21 / 2000));
  const auto st = csat::survey::describe(s.data);
  CHECK(st.min(s.data.index_of("RECOMMEND")) >= 0);
  CHECK(st.max(s.data.index_of("RECOMMEND")) <= 10);
  CHECK(st.max(s.data.index_of("SQE_REL")) <= 7);
  // SERVQUAL: expectations exceed perceptions on every dimension
  for (const auto& dim : servqual_dimensions())
    CHECK(st.mean(s.data.index_of("SQE_" + dim)) > st.mean(s.data.index_of("SQP_" + dim)));
}

TEST_CASE("power: county KPIs follow the county quality factors", "[simulate][power]") {
  const auto k = power_county_kpi();
  REQUIRE(k.rows() == 12);
  CHECK(k.text_column("county").front() == "Anping");
  const auto q = power_county_quality();
  Eigen::VectorXd qv(12);
  for (int i = 0; i < 12; ++i) qv(i) = q[static_cast<std::size_t>(i)];
  for (Eigen::Index i = 0; i < 12; ++i) {
    CHECK(k.values(i, 0) > 97);
    CHECK(k.values(i, 0) < 100);
    CHECK(k.values(i, 1) > 99.8);
    CHECK(k.values(i, 2) > 0);
  }
  Eigen::MatrixXd x(12, 2);
  x.col(0) = qv;
  x.col(1) = k.values.col(2);
  CHECK(csat::survey::correlation(x).r(0, 1) < -0.8);  // better counties, fewer outage minutes
  x.col(1) = k.values.col(3);
  CHECK(csat::survey::correlation(x).r(0, 1) > 0.6);   // and a higher 95598 answer rate
}

TEST_CASE("power: the bundled examples/data files are exactly what the generator writes", "[simulate][power]") {
  const std::string path = csat_test::source_path("examples/data/power_survey.csv");
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::stringstream file;
  file << in.rdbuf();
  const auto s = generate(power_survey_design(), 2000, 20240601);
  std::ostringstream os;
  csat::survey::csv_write_options w;
  w.columns = s.columns;
  csat::survey::write_csv(s.data, os, w);
  CHECK(file.str() == os.str());

  std::ifstream kin(csat_test::source_path("examples/data/county_kpi.csv"), std::ios::binary);
  REQUIRE(kin);
  std::stringstream kfile;
  kfile << kin.rdbuf();
  std::ostringstream ko;
  csat::survey::write_csv(power_county_kpi(), ko);
  CHECK(kfile.str() == ko.str());
}
