// The textbook FCE examples (司守奎 & 孙玺菁, 数学建模算法与应用, ch. 14): the one-level staff appraisal under the
// four composition operators, and the two-level appraisal with the published result B = (0.288, 0.354, 0.2355,
// 0.0865, 0.036).
#include <csat/fuzzy/fuzzy.hpp>

#include <cstdio>
#include <string>
#include <vector>

namespace fz = csat::fuzzy;

namespace {
Eigen::RowVectorXd row(std::initializer_list<double> v) {
  Eigen::RowVectorXd r(static_cast<Eigen::Index>(v.size()));
  Eigen::Index j = 0;
  for (double x : v) r(j++) = x;
  return r;
}
void print(const char* label, const Eigen::RowVectorXd& b) {
  std::printf("%s(", label);
  for (Eigen::Index j = 0; j < b.size(); ++j) std::printf("%s%.4f", j ? ", " : "", b(j));
  std::printf(")");
}
fz::fce_node<> leaf(const char* name, double w, std::initializer_list<double> r) { return {name, w, row(r), {}}; }
}  // namespace

int main() {
  const fz::grade_set grades({"优秀", "良好", "一般", "较差", "差"}, {100, 80, 60, 40, 0});

  // ---- one level: A = (0.25, 0.2, 0.25, 0.3) over 政治表现, 工作能力, 工作态度, 工作成绩 ----
  Eigen::RowVectorXd a(4);
  a << 0.25, 0.2, 0.25, 0.3;
  Eigen::MatrixXd r(4, 5);
  r << 0.1, 0.5, 0.4, 0, 0,
       0.2, 0.5, 0.2, 0.1, 0,
       0.2, 0.5, 0.3, 0, 0,
       0.2, 0.6, 0.2, 0, 0;
  std::printf("One level (example 14.2):\n");
  for (auto op : {fz::composition::zadeh, fz::composition::product_max, fz::composition::bounded_min,
                  fz::composition::weighted_average}) {
    fz::compose_options<> o;
    o.op = op;
    o.normalize = fz::normalization::sum;
    const auto b = fz::compose(a, r, o);
    const auto in = fz::interpret(b.evaluated(), grades);
    std::printf("  %-8s ", fz::notation(op));
    print("B = ", b.b);
    print("  B' = ", b.b_normalized);
    std::printf("  %s  alpha %.3f  score %.2f\n", in.max_grade_name.c_str(), in.validity, in.score);
  }

  // ---- two levels -----------------------------------------------------------------------------------------
  fz::fce_node<> b1{"工作绩效", 0.4, {}, {leaf("u11", 0.2, {0.8, 0.15, 0.05, 0, 0}), leaf("u12", 0.3, {0.2, 0.6, 0.1, 0.1, 0}),
                                          leaf("u13", 0.3, {0.5, 0.4, 0.1, 0, 0}), leaf("u14", 0.2, {0.1, 0.3, 0.5, 0.05, 0.05})}};
  fz::fce_node<> b2{"工作态度", 0.3, {}, {leaf("u21", 0.3, {0.3, 0.5, 0.15, 0.05, 0}), leaf("u22", 0.2, {0.2, 0.2, 0.4, 0.1, 0.1}),
                                          leaf("u23", 0.1, {0.4, 0.4, 0.1, 0.1, 0}), leaf("u24", 0.2, {0.1, 0.3, 0.3, 0.2, 0.1}),
                                          leaf("u25", 0.2, {0.3, 0.2, 0.2, 0.2, 0.1})}};
  fz::fce_node<> b3{"工作能力", 0.2, {}, {leaf("u31", 0.1, {0.1, 0.3, 0.5, 0.1, 0}), leaf("u32", 0.2, {0.2, 0.3, 0.3, 0.1, 0.1}),
                                          leaf("u33", 0.3, {0.2, 0.3, 0.35, 0.15, 0}), leaf("u34", 0.2, {0.1, 0.3, 0.4, 0.1, 0.1}),
                                          leaf("u35", 0.2, {0.1, 0.4, 0.3, 0.1, 0.1})}};
  fz::fce_node<> b4{"学习特长", 0.1, {}, {leaf("u41", 0.3, {0.3, 0.4, 0.2, 0.1, 0}), leaf("u42", 0.2, {0.1, 0.4, 0.3, 0.1, 0.1}),
                                          leaf("u43", 0.2, {0.2, 0.3, 0.4, 0.1, 0}), leaf("u44", 0.3, {0.4, 0.3, 0.2, 0.1, 0})}};
  const fz::fce_node<> root{"年终考核", 1, {}, {b1, b2, b3, b4}};
  std::printf("\nTwo levels, M(·,⊕):\n");
  const auto e = fz::evaluate(root, grades);
  for (const auto& n : e.nodes)
    if (!n.leaf) {
      std::printf("  %*s%s  ", 2 * n.depth, "", n.name.c_str());
      print("B = ", n.b);
      std::printf("  %s%s  alpha %.3f  score %.2f\n", n.reading.max_grade_name.c_str(), n.reading.tie ? " (tie)" : "",
                  n.reading.validity, n.reading.score);
    }
  fz::evaluate_options<> zo;
  zo.op = fz::composition::zadeh;
  const auto z = fz::evaluate(root, grades, zo);
  print("\nTwo levels, M(∧,∨): B = ", z.root().b);
  std::printf("%s\n", z.root().reading.tie ? "  tie: the maximum-membership principle does not decide" : "");
  return 0;
}
