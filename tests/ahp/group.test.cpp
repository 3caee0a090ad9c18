// Tests of csat/ahp/group.hpp: AIJ, AIP, AIJ = geometric AIP under RGMM, compatibility, exclusion.
#include <csat/ahp/group.hpp>

#include "ahp_vectors.hpp"

#include <catch2/catch.hpp>

#include <random>

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
namespace ahp = csat::ahp;
using pm = ahp::pairwise_matrix<double>;

TEST_CASE("AIJ is the weighted geometric mean; missing judgments use those who gave them", "[ahp][group]") {
  const pm a(ahp_test::upper({2, 4, 2})), b(ahp_test::upper({8, 4, 1. / 2}));
  const auto g = ahp::aggregate_judgments<double>({a, b}, {3, 1});
  CHECK_THAT(g(0, 1), WithinAbs(std::pow(2.0, 0.75) * std::pow(8.0, 0.25), 1e-12));
  CHECK_THAT(g(1, 0) * g(0, 1), WithinAbs(1.0, 1e-12));
  ahp::detail::bool_matrix k = ahp::detail::bool_matrix::Constant(3, 3, true);
  k(0, 2) = k(2, 0) = false;
  const pm c(ahp_test::upper({2, 4, 2}), k);
  const auto h = ahp::aggregate_judgments<double>({c, b});
  CHECK(h.complete());
  CHECK_THAT(h(0, 2), WithinAbs(4.0, 1e-12));  // only b judged it
  CHECK_THROWS_WITH(ahp::aggregate_judgments<double>({a, pm(ahp_test::leader_criteria())}),
                    Contains("expert 1's matrix is 4x4, but expert 0's is 3x3"));
  CHECK_THROWS_AS(ahp::aggregate_judgments<double>({a, b}, {1, -1}), csat::domain_error);
  CHECK_THROWS_WITH(ahp::aggregate_judgments<double>({a, b}, {1}), Contains("expert_weights has 1 entries, but there are 2 experts"));
  CHECK_THROWS_AS(ahp::aggregate_judgments<double>({}), csat::invalid_argument);
}

TEST_CASE("under RGMM, AIJ equals geometric AIP (Barzilai & Golany 1994); under EV they differ", "[ahp][group]") {
  std::mt19937_64 rng(5);
  std::vector<pm> ex{pm(ahp_test::leader_criteria())};
  for (int e = 0; e < 4; ++e) ex.emplace_back(ahp_test::random_reciprocal(4, rng));
  const std::vector<double> w{2, 1, 1, 0.5, 3};
  ahp::group_options o;
  o.expert_weights = w;
  o.analysis.method = ahp::priority_method::rgmm;
  const auto r = ahp::group_analysis(ex, o);
  CHECK((r.aij.weights - r.aip_geometric).cwiseAbs().maxCoeff() < 1e-12);
  o.analysis.method = ahp::priority_method::eigenvector;
  const auto s = ahp::group_analysis(ex, o);
  CHECK((s.aij.weights - s.aip_geometric).cwiseAbs().maxCoeff() > 1e-6);
  // AIP arithmetic by definition
  Eigen::VectorXd m = Eigen::VectorXd::Zero(4);
  for (std::size_t e = 0; e < ex.size(); ++e) m += w[e] / 7.5 * s.experts[e].weights;
  CHECK((s.aip_arithmetic - m / m.sum()).cwiseAbs().maxCoeff() < 1e-12);
}

TEST_CASE("each expert's CR, leaving out inconsistent experts, compatibility", "[ahp][group]") {
  const pm e1(ahp_test::upper({2, 4, 2})), e2(ahp_test::upper({3, 5, 2})), bad(ahp_test::upper({9, 1. / 9, 9}));
  ahp::group_options o;
  const auto all = ahp::group_analysis<double>({e1, e2, bad}, o);
  CHECK(all.excluded.empty());
  REQUIRE(all.experts.size() == 3);
  CHECK_THAT(all.experts[0].consistency.cr, WithinAbs(0.0, 1e-12));
  CHECK_FALSE(all.experts[2].consistency.consistent);
  CHECK_FALSE(all.consensus);
  o.exclude_inconsistent = true;
  const auto kept = ahp::group_analysis<double>({e1, e2, bad}, o);
  REQUIRE(kept.excluded == std::vector<int>{2});
  CHECK(kept.weights_used == std::vector<double>{0.5, 0.5, 0.0});
  CHECK_THAT(kept.aggregated(0, 1), WithinAbs(std::sqrt(6.0), 1e-12));
  CHECK(kept.consensus);
  // compatibility: 1 for an expert whose matrix is consistent with the group weights
  const Eigen::VectorXd w = Eigen::Vector3d(4, 2, 1) / 7.0;
  CHECK_THAT(ahp::compatibility(e1, w), WithinAbs(1.0, 1e-12));
  CHECK(ahp::compatibility(bad, w) > 1.1);
}
