// Tests of csat/ahp/fuzzy_ahp.hpp: Buckley and Chang on the fuzzified leader criteria (illustrative vector FA1 of the
// reference notes: no published anchor; it shows Chang's zero weights).
#include <csat/ahp/fuzzy_ahp.hpp>
#include <csat/ahp/priority.hpp>

#include "ahp_vectors.hpp"

#include <catch2/catch.hpp>

using Catch::Matchers::WithinAbs;
namespace ahp = csat::ahp;

TEST_CASE("FA1: Chang gives zero weights, Buckley does not", "[ahp][fuzzy_ahp]") {
  const auto f = ahp::fuzzify(ahp::pairwise_matrix<double>(ahp_test::leader_criteria()));
  CHECK(f(0, 1).l == 3);
  CHECK(f(0, 1).u == 5);
  CHECK_THAT(f(1, 2).l, WithinAbs(0.25, 1e-15));  // 1/3 -> (1/4, 1/3, 1/2)
  CHECK_THAT(f(1, 2).u, WithinAbs(0.5, 1e-15));
  const auto c = ahp::chang(f);
  const double s[4][3] = {{0.3221, 0.4903, 0.7425}, {0.0926, 0.1498, 0.2406}, {0.1946, 0.3051, 0.4744}, {0.0414, 0.0548, 0.0791}};
  for (int i = 0; i < 4; ++i) {
    CHECK_THAT(c.fuzzy_weights[static_cast<std::size_t>(i)].l, WithinAbs(s[i][0], 5e-5));
    CHECK_THAT(c.fuzzy_weights[static_cast<std::size_t>(i)].m, WithinAbs(s[i][1], 5e-5));
    CHECK_THAT(c.fuzzy_weights[static_cast<std::size_t>(i)].u, WithinAbs(s[i][2], 5e-5));
  }
  CHECK_THAT(c.weights(0), WithinAbs(0.6891, 5e-5));
  CHECK(c.weights(1) == 0);
  CHECK_THAT(c.weights(2), WithinAbs(0.3109, 5e-5));
  CHECK(c.weights(3) == 0);
  CHECK(c.zero_weights == 2);
  const auto b = ahp::buckley(f);
  CHECK_THAT(b.weights(0), WithinAbs(0.5393, 5e-5));
  CHECK_THAT(b.weights(1), WithinAbs(0.1306, 5e-5));
  CHECK_THAT(b.weights(2), WithinAbs(0.2728, 5e-5));
  CHECK_THAT(b.weights(3), WithinAbs(0.0573, 5e-5));
  CHECK(b.zero_weights == 0);
  // a crisp (spread 0) matrix gives back RGMM
  const auto crisp = ahp::buckley(ahp::fuzzify(ahp::pairwise_matrix<double>(ahp_test::leader_criteria()), 0.0));
  CHECK((crisp.weights - ahp::rgmm<double>(ahp_test::leader_criteria())).cwiseAbs().maxCoeff() < 1e-12);
}
