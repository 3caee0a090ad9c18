// One pairwise matrix: priorities by four methods, every consistency measure under every RI table,
// which judgments are inconsistent, and a minimal repair. Data: Saaty's drinks matrix (Saaty 2008) and
// the pyAHP README "television" criteria.
#include <csat/ahp/ahp.hpp>

#include <cstdio>

namespace ahp = csat::ahp;

int main() {
  const auto drinks = ahp::read_pairwise_csv("data/ahp_drinks.csv");
  std::printf("drinks (n = %d)\n%-8s %8s %8s %8s %8s\n", int(drinks.size()), "", "EV", "RGMM", "NCM", "LLSM");
  const auto ev = ahp::priorities(drinks, ahp::priority_method::eigenvector).weights;
  const auto gm = ahp::priorities(drinks, ahp::priority_method::rgmm).weights;
  const auto nc = ahp::priorities(drinks, ahp::priority_method::ncm).weights;
  const auto ll = ahp::priorities(drinks, ahp::priority_method::llsm).weights;
  for (Eigen::Index i = 0; i < drinks.size(); ++i)
    std::printf("%-8s %8.5f %8.5f %8.5f %8.5f\n", drinks.name(i).c_str(), ev(i), gm(i), nc(i), ll(i));

  std::printf("\n%-14s %8s %10s %8s\n", "RI table", "RI(7)", "CR", "verdict");
  for (auto t : {ahp::ri_table::saaty1980, ahp::ri_table::saaty2005, ahp::ri_table::gong_xu,
                 ahp::ri_table::alonso_lamata, ahp::ri_table::donegan_dodd}) {
    ahp::consistency_options o;
    o.ri.table = t;
    const auto c = ahp::consistency(drinks, o);
    std::printf("%-14s %8.4f %10.6f %8s\n", ahp::to_string(t), c.ri, c.cr, c.consistent ? "ok" : "FAIL");
  }
  const auto c = ahp::consistency(drinks);
  std::printf("lambda_max %.6f  CI %.6f  GCI %.6f  Koczkodaj %.6f\n", c.lambda_max, c.ci, c.gci, c.koczkodaj);

  const auto tv = ahp::read_pairwise_csv("data/ahp_television.csv");
  ahp::diagnosis_options d;
  d.top = 3;
  const auto diag = ahp::diagnose(tv, d);
  std::printf("\ntelevision criteria: CR %.4f, GCI %.4f, Koczkodaj %.4f\n", diag.analysis.consistency.cr,
              diag.analysis.consistency.gci, diag.analysis.consistency.koczkodaj);
  std::printf("%-26s %6s %8s %9s %9s %8s\n", "judgment", "a_ij", "epsilon", "best fit", "suggested", "new CR");
  for (std::size_t k = 0; k < 3; ++k) {
    const auto& j = diag.judgments[k];
    const std::string label = tv.name(j.i) + " vs " + tv.name(j.j);
    std::printf("%-26s %6.3f %8.4f %9.4f %9.4f %8.4f\n", label.c_str(), j.value, j.epsilon, j.best_fit, j.suggested,
                j.cr_if_suggested);
  }
  const auto rep = ahp::repair(tv);
  std::printf("repair: CR %.4f -> %.4f with %d change(s):\n", rep.cr_before, rep.cr_after, int(rep.changes.size()));
  for (const auto& ch : rep.changes)
    std::printf("  %s vs %s: %.4f -> %.4f (CR %.4f)\n", tv.name(ch.i).c_str(), tv.name(ch.j).c_str(), ch.from, ch.to,
                ch.cr_after);
  return 0;
}
