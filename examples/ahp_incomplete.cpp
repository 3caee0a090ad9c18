// Incomplete pairwise matrices: the 4x4 of Bozoki, Fulop & Ronyai (2010) with one judgment missing, completed
// three ways, and the CR with and without the Agoston-Csato RI correction.
#include <csat/ahp/ahp.hpp>

#include <cstdio>

namespace ahp = csat::ahp;

int main() {
  const auto m = ahp::read_pairwise_csv("data/ahp_incomplete.csv");
  std::printf("%d criteria, %d judgment(s) missing\n\n", int(m.size()), int(m.missing_pairs()));
  std::printf("%-15s %9s %8s %8s %8s %8s %10s %8s\n", "completion", "a_cd", "w_a", "w_b", "w_c", "w_d", "lambda", "CR(DD)");
  for (auto cm : {ahp::completion_method::lambda_optimal, ahp::completion_method::harker, ahp::completion_method::llsm}) {
    ahp::analysis_options o;
    o.completion.method = cm;
    o.consistency.ri.table = ahp::ri_table::donegan_dodd;
    if (cm == ahp::completion_method::llsm) o.method = ahp::priority_method::llsm;
    const auto r = ahp::analyze(m, o);
    std::printf("%-15s %9.6f %8.5f %8.5f %8.5f %8.5f %10.6f %8.5f\n", ahp::to_string(cm), r.matrix(2, 3), r.weights(0),
                r.weights(1), r.weights(2), r.weights(3), r.consistency.lambda_max, r.consistency.cr);
  }
  ahp::analysis_options o;
  o.consistency.ri.agoston_csato = true;
  const auto r = ahp::analyze(m, o);
  std::printf("\nSaaty 1980 RI(4) = %.3f gives CR %.5f; Agoston-Csato RI(4,1) = %.3f gives CR %.5f\n",
              ahp::random_index(4), r.consistency.ci / ahp::random_index(4), r.consistency.ri, r.consistency.cr);
  return 0;
}
