// Tests of csat/ahp/analysis.hpp: one call per matrix, with provenance, complete and incomplete.
#include <csat/ahp/analysis.hpp>

#include "ahp_vectors.hpp"

#include <catch2/catch.hpp>

using Catch::Matchers::WithinAbs;
namespace ahp = csat::ahp;
using pm = ahp::pairwise_matrix<double>;

TEST_CASE("analyze a complete matrix records method, table and threshold", "[ahp][analysis]") {
  ahp::analysis_options o;
  o.consistency.ri.table = ahp::ri_table::saaty2005;
  const auto r = ahp::analyze(pm(ahp_test::drinks()), o);
  CHECK(r.method == ahp::priority_method::eigenvector);
  CHECK(r.consistency.table == ahp::ri_table::saaty2005);
  CHECK(r.consistency.threshold == 0.10);
  CHECK_FALSE(r.completed);
  CHECK_THAT(r.weights(6), WithinAbs(0.32679, 5e-6));
  CHECK_THAT(r.consistency.cr, WithinAbs(0.021806, 1e-6));
  o.method = ahp::priority_method::rgmm;
  const auto g = ahp::analyze(pm(ahp_test::drinks()), o);
  CHECK_THAT(g.weights(6), WithinAbs(0.32432, 5e-6));
  CHECK_THAT(g.consistency.lambda_max, WithinAbs(7.176629, 1e-6));  // lambda is the Perron root for every method
  o.method = ahp::priority_method::ncm;
  CHECK(ahp::analyze(pm(ahp_test::drinks()), o).method == ahp::priority_method::ncm);
}

TEST_CASE("analyze an incomplete matrix: completion, weights and CR (V5)", "[ahp][analysis]") {
  Eigen::MatrixXd a = ahp_test::upper({1, 5, 2, 3, 4, 0.75});
  ahp::detail::bool_matrix known = ahp::detail::bool_matrix::Constant(4, 4, true);
  known(2, 3) = known(3, 2) = false;
  const pm p(a, known);
  ahp::analysis_options o;
  o.consistency.ri.table = ahp::ri_table::donegan_dodd;
  const auto r = ahp::analyze(p, o);
  CHECK(r.completed);
  CHECK(r.completion == ahp::completion_method::lambda_optimal);
  CHECK_THAT(r.matrix(2, 3), WithinAbs(0.730297, 1e-6));
  CHECK_THAT(r.weights(0), WithinAbs(0.37379, 5e-6));
  CHECK_THAT(r.consistency.lambda_max, WithinAbs(4.092367, 1e-6));
  CHECK_THAT(r.consistency.cr, WithinAbs(0.037158, 1e-6));  // published .0372
  CHECK(r.consistency.missing_pairs == 1);
  CHECK_FALSE(r.consistency.ri_corrected);
  // complete version (published .3742 .3917 .0991 .1349, CR(DD) .0372)
  const auto full = ahp::analyze(pm(a), o);
  CHECK_THAT(full.weights(0), WithinAbs(0.37423, 5e-6));
  CHECK_THAT(full.weights(3), WithinAbs(0.13492, 5e-6));
  CHECK_THAT(full.consistency.lambda_max, WithinAbs(4.092460, 1e-6));
  CHECK_THAT(full.consistency.cr, WithinAbs(0.037195, 1e-6));
  // Harker + EV gives Harker's vector; LLSM works on the graph
  o.completion.method = ahp::completion_method::harker;
  CHECK_THAT(ahp::analyze(p, o).weights(2), WithinAbs(0.0982, 5e-5));
  o.method = ahp::priority_method::llsm;
  CHECK((ahp::analyze(p, o).weights - ahp::llsm(p)).cwiseAbs().maxCoeff() < 1e-15);
  // Agoston-Csato correction: RI(4,1) = 0.583
  o = {};
  o.consistency.ri.agoston_csato = true;
  const auto c = ahp::analyze(p, o);
  CHECK(c.consistency.ri_corrected);
  CHECK_THAT(c.consistency.cr, WithinAbs(c.consistency.ci / 0.583, 1e-15));
}
