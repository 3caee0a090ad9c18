// Tests of csat/sem/invariance.hpp: the configural -> metric -> scalar sequence on three simulated customer
// segments against lavaan 0.6-14's lavTestLRT (tests/reference/sem_segments_lrt.csv, made by sem_lavaan.R).
#include <csat/sem/invariance.hpp>

#include <catch2/catch.hpp>

#include "support/shared.hpp"

TEST_CASE("invariance sequence chi-square differences match lavTestLRT", "[sem][groups]") {
  csat::survey::csv_options co;
  co.text_columns = {"segment"};
  const auto data = csat::survey::read_csv(csat_test::source_path("tests/data/sem_segments.csv"), co);
  csat::sem::sem_options o;
  o.group = "segment";
  const auto inv = csat::sem::test_invariance(
      "sat =~ q1 + q2 + q3\nval =~ q4 + q5 + q6\nloy =~ q7 + q8 + q9\nloy ~ sat + val\n", data, o);
  REQUIRE(inv.steps.size() == 3);
  csat::survey::csv_options ro;
  ro.text_columns = {"model"};
  const auto ref = csat::survey::read_csv(csat_test::source_path("tests/reference/sem_segments_lrt.csv"), ro);
  for (Eigen::Index i = 0; i < 3; ++i) {
    const auto& st = inv.steps[static_cast<std::size_t>(i)];
    INFO(st.name);
    CHECK(st.name == ref.text_column("model")[static_cast<std::size_t>(i)]);
    REQUIRE(st.result.converged);
    CHECK_THAT(st.result.fit.chisq, Catch::Matchers::WithinRel(ref.values(i, ref.index_of("chisq")), 1e-6));
    CHECK(st.result.fit.df == ref.values(i, ref.index_of("df")));
    if (i == 0) {
      CHECK(std::isnan(st.chisq_diff));
    } else {
      CHECK_THAT(st.chisq_diff, Catch::Matchers::WithinRel(ref.values(i, ref.index_of("chisq_diff")), 1e-5));
      CHECK(st.df_diff == ref.values(i, ref.index_of("df_diff")));
      CHECK_THAT(st.pvalue_diff, Catch::Matchers::WithinRel(ref.values(i, ref.index_of("p")), 1e-5));
    }
  }
  CHECK(inv.group_labels.size() == 3);
  CHECK_THROWS_AS(csat::sem::test_invariance("f =~ q1 + q2 + q3\n", data, {}), csat::invalid_argument);
}
