// The hand-worked decision table of the rough-set tests: 10 customers' grades of 服务态度 (s), 办电效率 (e),
// 停电感知 (o); decision = overall satisfaction grade. Attribute significances (1.0, 0.4, 0.2).
#ifndef CSAT_TESTS_WEIGHTS_DECISION_TABLE_EXAMPLE_HPP
#define CSAT_TESTS_WEIGHTS_DECISION_TABLE_EXAMPLE_HPP

#include <csat/weights/rough_set.hpp>

namespace csat_test {

inline csat::weights::decision_table example_table() {
  csat::weights::decision_table t;
  t.conditions.resize(10, 3);
  t.conditions << 1, 1, 1,  1, 1, 2,  1, 2, 1,  2, 2, 1,  2, 2, 2,  2, 1, 1,  3, 2, 2,  3, 1, 2,  2, 1, 2,  1, 2, 2;
  t.decision.resize(10);
  t.decision << 1, 1, 1, 2, 2, 2, 3, 2, 2, 2;
  t.attributes = {"服务态度", "办电效率", "停电感知"};
  return t;
}

}  // namespace csat_test

#endif
