// Tests of csat/sem/modindices.hpp against lavaan 0.6-14's modindices() on the Holzinger-Swineford CFA
// (tests/reference/sem_hs_modindices.csv, made by tests/reference/sem_lavaan.R).
#include <csat/sem/fit_table.hpp>
#include <csat/sem/modindices.hpp>

#include <catch2/catch.hpp>

#include "support/shared.hpp"

TEST_CASE("modification indices and EPCs match lavaan on Holzinger-Swineford", "[sem][reference]") {
  CSAT_NEED_SHARED("data/holzinger_swineford_1939.csv");
  csat::survey::csv_options co;
  co.text_columns = {"school"};
  const auto t = csat::survey::read_csv(csat_test::shared_path("data/holzinger_swineford_1939.csv"), co);
  const auto mdl = csat::sem::specify("visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9\n");
  const auto s = csat::sem::make_sample(t.select(mdl.observed), mdl.observed);
  const auto r = csat::sem::fit(mdl, s);
  const auto mi = csat::sem::modification_indices(mdl, s, r);
  csat::survey::csv_options ro;
  ro.text_columns = {"lhs", "op", "rhs"};
  const auto ref = csat::survey::read_csv(csat_test::source_path("tests/reference/sem_hs_modindices.csv"), ro);
  REQUIRE(mi.size() == static_cast<std::size_t>(ref.rows()));
  for (std::size_t i = 0; i < mi.size(); ++i) {
    const auto row = static_cast<Eigen::Index>(i);
    INFO(mi[i].lhs << mi[i].op << mi[i].rhs);
    CHECK(mi[i].lhs == ref.text_column("lhs")[i]);
    CHECK(mi[i].op == ref.text_column("op")[i]);
    CHECK(mi[i].rhs == ref.text_column("rhs")[i]);
    CHECK_THAT(mi[i].mi, Catch::Matchers::WithinRel(ref.values(row, ref.index_of("mi")), 1e-4));
    CHECK_THAT(mi[i].epc, Catch::Matchers::WithinRel(ref.values(row, ref.index_of("epc")), 1e-4));
  }
}
