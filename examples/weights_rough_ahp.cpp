// Objective and combined weights for service-quality indicators:
// entropy, CRITIC and coefficient of variation on KPI data of six service halls; rough-set significance from a
// customer decision table (indicator grades -> overall satisfaction grade); the rough-set judgment matrix combined
// with the experts' AHP matrix; linear and multiplicative combination.
#include <csat/weights/weights.hpp>

#include <cstdio>
#include <string>
#include <vector>

namespace w = csat::weights;

namespace {
void print(const char* label, const Eigen::VectorXd& v) {
  std::printf("  %-34s", label);
  for (Eigen::Index j = 0; j < v.size(); ++j) std::printf("  %.4f", v(j));
  std::printf("\n");
}
}  // namespace

int main() {
  const std::vector<std::string> names{"服务态度", "办电效率", "停电感知"};

  // KPI-like data of six halls: courtesy score (benefit), days to connect (cost), outage hours (cost)
  Eigen::MatrixXd x(6, 3);
  x << 92, 5.5, 6.1,
       88, 3.2, 8.4,
       95, 7.8, 4.9,
       85, 4.1, 12.3,
       90, 6.0, 7.7,
       97, 2.9, 9.8;
  w::objective_options oo;
  oo.criteria = {w::criterion::benefit, w::criterion::cost, w::criterion::cost};
  oo.names = names;
  std::printf("Objective weights (%s, %s, %s):\n", names[0].c_str(), names[1].c_str(), names[2].c_str());
  const auto ent = w::entropy_weights(x, oo);
  print("entropy (min-max)", ent.weights);
  print("CRITIC", w::critic_weights(x, oo).weights);
  print("coefficient of variation", w::variation_weights(x, oo).weights);

  // Decision table: indicator grades (1 best) and overall satisfaction grade of ten customers
  w::decision_table t;
  t.conditions.resize(10, 3);
  t.conditions << 1, 1, 1,  1, 1, 2,  1, 2, 1,  2, 2, 1,  2, 2, 2,  2, 1, 1,  3, 2, 2,  3, 1, 2,  2, 1, 2,  1, 2, 2;
  t.decision.resize(10);
  t.decision << 1, 1, 1, 2, 2, 2, 3, 2, 2, 2;
  t.attributes = names;
  const auto rs = w::rough_set_weights(t);
  std::printf("\nRough set: gamma_C(D) = %.2f\n", rs.dependency);
  print("gamma without the attribute", rs.dependency_without);
  print("significance", rs.significance);
  print("rough-set weights", rs.weights);

  // Experts' AHP matrix, combined with the rough-set judgment matrix
  Eigen::MatrixXd expert(3, 3);
  expert << 1, 3, 5,
            1.0 / 3, 1, 2,
            1.0 / 5, 1.0 / 2, 1;
  w::combined_judgment_options co;
  co.names = names;
  const auto c = w::combine_judgments(expert, rs.significance, co);
  std::printf("\nRough-set judgment matrix (range transform, b_m = 9):\n");
  for (Eigen::Index i = 0; i < 3; ++i)
    std::printf("  %8.4f %8.4f %8.4f\n", c.objective_matrix(i, 0), c.objective_matrix(i, 1), c.objective_matrix(i, 2));
  std::printf("Combined matrix (alpha = %.1f, element-wise geometric mean):\n", c.alpha);
  for (Eigen::Index i = 0; i < 3; ++i)
    std::printf("  %8.4f %8.4f %8.4f\n", c.combined_matrix(i, 0), c.combined_matrix(i, 1), c.combined_matrix(i, 2));
  print("AHP (experts) weights", c.subjective_weights);
  print("rough-set matrix weights", c.objective_weights);
  print("combined-matrix weights", c.weights);
  std::printf("  combined: lambda_max %.6f  CI %.6f  RI %.2f  CR %.6f (%s)\n", c.lambda_max, c.ci, c.ri, c.cr,
              c.consistent ? "consistent" : "not consistent");

  print("linear 0.5 AHP + 0.5 entropy", w::combine_linear(c.subjective_weights, ent.weights, 0.5, names));
  print("multiplicative AHP x entropy", w::combine_multiplicative(c.subjective_weights, ent.weights, names));
  return 0;
}
