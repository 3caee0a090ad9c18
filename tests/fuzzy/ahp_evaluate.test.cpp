// Tests of csat/fuzzy/ahp_evaluate.hpp: FCE over an AHP hierarchy, so AHP local/global weights plug in directly.
#include <csat/fuzzy/ahp_evaluate.hpp>

#include <catch2/catch.hpp>
#include "support/check.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
namespace fz = csat::fuzzy;
namespace ahp = csat::ahp;

using csat_test::row;
using csat_test::vec;


TEST_CASE("F2 through an AHP hierarchy with direct weights reproduces the published B", "[fuzzy][ahp][reference]") {
  ahp::hierarchy<> h("年终考核");
  const auto blocks = h.add(0, {"工作绩效", "工作态度", "工作能力", "学习特长"});
  h.set_weights(0, vec({0.4, 0.3, 0.2, 0.1}));
  h.add(blocks[0], {"u11", "u12", "u13", "u14"});
  h.set_weights(blocks[0], vec({0.2, 0.3, 0.3, 0.2}));
  h.add(blocks[1], {"u21", "u22", "u23", "u24", "u25"});
  h.set_weights(blocks[1], vec({0.3, 0.2, 0.1, 0.2, 0.2}));
  h.add(blocks[2], {"u31", "u32", "u33", "u34", "u35"});
  h.set_weights(blocks[2], vec({0.1, 0.2, 0.3, 0.2, 0.2}));
  h.add(blocks[3], {"u41", "u42", "u43", "u44"});
  h.set_weights(blocks[3], vec({0.3, 0.2, 0.2, 0.3}));
  fz::leaf_rows<> rows{
      {"u11", row({0.8, 0.15, 0.05, 0, 0})},   {"u12", row({0.2, 0.6, 0.1, 0.1, 0})},
      {"u13", row({0.5, 0.4, 0.1, 0, 0})},     {"u14", row({0.1, 0.3, 0.5, 0.05, 0.05})},
      {"u21", row({0.3, 0.5, 0.15, 0.05, 0})}, {"u22", row({0.2, 0.2, 0.4, 0.1, 0.1})},
      {"u23", row({0.4, 0.4, 0.1, 0.1, 0})},   {"u24", row({0.1, 0.3, 0.3, 0.2, 0.1})},
      {"u25", row({0.3, 0.2, 0.2, 0.2, 0.1})}, {"u31", row({0.1, 0.3, 0.5, 0.1, 0})},
      {"u32", row({0.2, 0.3, 0.3, 0.1, 0.1})}, {"u33", row({0.2, 0.3, 0.35, 0.15, 0})},
      {"u34", row({0.1, 0.3, 0.4, 0.1, 0.1})}, {"u35", row({0.1, 0.4, 0.3, 0.1, 0.1})},
      {"u41", row({0.3, 0.4, 0.2, 0.1, 0})},   {"u42", row({0.1, 0.4, 0.3, 0.1, 0.1})},
      {"u43", row({0.2, 0.3, 0.4, 0.1, 0})},   {"u44", row({0.4, 0.3, 0.2, 0.1, 0})}};
  const auto e = fz::evaluate(h, rows, fz::grade_set::power());
  const double want[5] = {0.288, 0.354, 0.2355, 0.0865, 0.036};
  for (Eigen::Index j = 0; j < 5; ++j) CHECK_THAT(e.root().b(j), WithinAbs(want[j], 1e-12));
  CHECK_THAT(e.find("u33").global_weight, WithinAbs(0.06, 1e-15));
  CHECK_THAT(e.root().reading.score, WithinAbs(74.71, 1e-12));

  // a missing leaf row and a row that matches no leaf
  auto fewer = rows;
  fewer.erase("u42");
  CHECK_THROWS_AS(fz::evaluate(h, fewer, fz::grade_set::power()), csat::invalid_argument);
  CHECK_THROWS_WITH(fz::evaluate(h, fewer, fz::grade_set::power()),
                    Contains("leaf \"年终考核/学习特长/u42\" of the AHP hierarchy has no membership row"));
  auto extra = rows;
  extra["u99"] = row({1, 0, 0, 0, 0});
  CHECK_THROWS_WITH(fz::evaluate(h, extra, fz::grade_set::power()), Contains("membership row \"u99\" matches no leaf"));
}

TEST_CASE("AHP judgments give the FCE weights: global weights and the root B agree", "[fuzzy][ahp]") {
  // goal -> {服务质量, 供电质量}; judgments over the criteria and over each block's indicators
  ahp::hierarchy<> h("供电服务");
  const auto c = h.add(0, std::vector<std::string>{"服务质量", "供电质量"});
  Eigen::MatrixXd top(2, 2);
  top << 1, 2, 0.5, 1;
  h.set_judgments(0, ahp::pairwise_matrix<>(top));
  h.add(c[0], {"服务态度", "办电效率", "95598热线"});
  Eigen::MatrixXd s(3, 3);
  s << 1, 3, 2, 1.0 / 3, 1, 0.5, 0.5, 2, 1;
  h.set_judgments(c[0], ahp::pairwise_matrix<>(s));
  h.add(c[1], std::vector<std::string>{"电压合格率", "户均停电时间"});
  Eigen::MatrixXd q(2, 2);
  q << 1, 1.0 / 3, 3, 1;
  h.set_judgments(c[1], ahp::pairwise_matrix<>(q));
  const auto a = ahp::evaluate(h);
  fz::leaf_rows<> rows{{"服务态度", row({0.4, 0.4, 0.2, 0, 0})},
                       {"办电效率", row({0.3, 0.4, 0.2, 0.1, 0})},
                       {"供电服务/服务质量/95598热线", row({0.5, 0.3, 0.1, 0.1, 0})},
                       {"电压合格率", row({0, 0.4, 0.6, 0, 0})},
                       {"户均停电时间", row({0, 0.5, 0.5, 0, 0})}};
  const auto e = fz::evaluate(a, rows, fz::grade_set::power());
  // under M(.,+) without normalization the root B is the global-weight average of the leaf rows
  Eigen::RowVectorXd want = Eigen::RowVectorXd::Zero(5);
  for (std::size_t k = 0; k < a.leaves.size(); ++k) {
    const auto& leaf = a.nodes[static_cast<std::size_t>(a.leaves[k])];
    const auto& ev = e.find(leaf.name);
    CHECK_THAT(ev.global_weight, WithinAbs(leaf.global_weight, 1e-14));
    want += leaf.global_weight * ev.b;
  }
  for (Eigen::Index j = 0; j < 5; ++j) CHECK_THAT(e.root().b(j), WithinAbs(want(j), 1e-14));
  CHECK_THAT(e.find("服务质量").local_weight, WithinAbs(2.0 / 3, 1e-12));
  CHECK_THAT(e.find("户均停电时间").local_weight, WithinAbs(0.75, 1e-12));
}
