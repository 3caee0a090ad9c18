// Tests of csat/ahp/sensitivity.hpp: exact rank-reversal weights and the one-at-a-time table, checked by
// re-evaluating the hierarchy with the perturbed weights.
#include <csat/ahp/sensitivity.hpp>
#include <csat/ahp/hierarchy_file.hpp>

#include "support/shared.hpp"

#include <catch2/catch.hpp>

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
namespace ahp = csat::ahp;

namespace {
// the leader hierarchy with the goal's judgments replaced by direct weights
Eigen::VectorXd rescored(const ahp::hierarchy<double>& h0, const Eigen::VectorXd& base, int child, double p) {
  ahp::hierarchy<double> h = h0;
  Eigen::VectorXd w = base * ((1 - p) / (1 - base(child)));
  w(child) = p;
  for (Eigen::Index i = 0; i < w.size(); ++i) w(i) = std::max(w(i), 1e-300);
  h.set_weights(0, w);
  return ahp::evaluate(h).distributive;
}
}  // namespace

TEST_CASE("leader example: the weight of Experience at which Dick stops being first", "[ahp][sensitivity]") {
  const auto h = ahp::read_hierarchy(csat_test::source_path("examples/data/ahp_leader.hierarchy"));
  const auto r = ahp::evaluate(h);
  const int exp = h.child(0, "Experience"), cha = h.child(0, "Charisma");
  const auto s = ahp::sensitivity(r, exp, 21);
  CHECK(s.alternatives[static_cast<std::size_t>(s.top)] == "Dick");
  CHECK_THAT(s.base_weight, WithinAbs(0.54757, 5e-6));
  CHECK((s.base_scores - r.distributive).cwiseAbs().maxCoeff() < 1e-14);
  // decreasing Experience favours Tom (Charisma) at some weight below p0; no change upward (Dick leads Experience)
  REQUIRE(s.top_below >= 0);
  CHECK(s.alternatives[static_cast<std::size_t>(s.top_below)] == "Tom");
  CHECK(std::isnan(s.increase_threshold));
  const double p = s.decrease_threshold;
  CHECK(p > 0);
  CHECK(p < s.base_weight);
  const Eigen::VectorXd base = r.nodes[0].analysis.weights;
  const Eigen::VectorXd at = rescored(h, base, 0, p);
  CHECK_THAT(at(0), WithinAbs(at(1), 1e-12));  // Tom and Dick tie exactly at the threshold
  const Eigen::VectorXd below = rescored(h, base, 0, p - 1e-3);
  CHECK(below(0) > below(1));
  // the sweep equals re-evaluation
  for (Eigen::Index k = 1; k + 1 < s.grid.size(); k += 5) {
    const Eigen::VectorXd re = rescored(h, base, 0, s.grid(k));
    CHECK((s.scores.row(k).transpose() - re).cwiseAbs().maxCoeff() < 1e-12);
  }
  // Charisma: raising it makes Tom first
  const auto c = ahp::sensitivity(r, cha);
  REQUIRE(c.top_above >= 0);
  CHECK(c.alternatives[static_cast<std::size_t>(c.top_above)] == "Tom");
  const Eigen::VectorXd atc = rescored(h, base, 2, c.increase_threshold);
  CHECK_THAT(atc(0), WithinAbs(atc(1), 1e-12));
  // one-at-a-time table
  const auto t = ahp::perturbation_table(r, {-0.5, 0.5});
  CHECK(t.size() == 8);
  for (const auto& row : t) {
    const Eigen::Index ci = static_cast<Eigen::Index>(std::find(r.nodes[0].children.begin(), r.nodes[0].children.end(), row.node) -
                                                      r.nodes[0].children.begin());
    CHECK((row.scores - rescored(h, base, static_cast<int>(ci), row.weight)).cwiseAbs().maxCoeff() < 1e-12);
  }
  CHECK_THROWS_AS(ahp::sensitivity(r, 0), csat::invalid_argument);
  CHECK_THROWS_WITH(ahp::sensitivity(r, 99), Contains("node index 99"));
}
