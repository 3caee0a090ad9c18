// ACSI with csat: specify the model, estimate it by PLS, read off the 0-100 indices, check quality, bootstrap
// the paths and list the action priorities (IPMA). The survey is simulated here (fixed seed) so the example runs
// anywhere: 600 customers answering 1-10 questions, with a residential and a commercial segment.
#include <csat/model/presets.hpp>
#include <csat/pls/bootstrap.hpp>
#include <csat/pls/estimate.hpp>
#include <csat/pls/index.hpp>
#include <csat/pls/quality.hpp>

#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

int main() {
  // 1. The ACSI model (Fornell et al. 1996) with our questionnaire's item names.
  const auto spec = csat::model::acsi({{"exp1", "exp2", "exp3"},
                                       {"qual1", "qual2", "qual3"},
                                       {"val1", "val2"},
                                       {"sat1", "sat2", "sat3"},
                                       {"compl"},
                                       {"loy1", "loy2"}});

  // 2. A simulated survey: latent scores from the ACSI structure, answers on 1..10.
  const int n = 600;
  std::mt19937_64 gen(2024);
  std::normal_distribution<double> N;
  const std::vector<std::string> names = spec.indicators();
  Eigen::MatrixXd X(n, static_cast<Eigen::Index>(names.size()));
  std::vector<std::string> segment;
  for (int i = 0; i < n; ++i) {
    const bool commercial = i % 3 == 0;
    const double e = N(gen), q = 0.6 * e + 0.8 * N(gen), v = 0.3 * e + 0.5 * q + 0.75 * N(gen);
    const double s = 0.1 * e + 0.5 * q + 0.3 * v + 0.6 * N(gen) - (commercial ? 0.3 : 0.0);
    const double c = -0.5 * s + 0.85 * N(gen), l = 0.6 * s - 0.2 * c + 0.7 * N(gen);
    const double lv[6] = {e, q, v, s, c, l};
    Eigen::Index col = 0;
    for (std::size_t k = 0; k < spec.size(); ++k)
      for (std::size_t j = 0; j < spec.constructs()[k].indicators.size(); ++j) {
        const double x = 7.2 + 1.5 * (0.85 * lv[k] + 0.5 * N(gen));
        X(i, col++) = std::max(1.0, std::min(10.0, std::round(x)));
      }
    segment.push_back(commercial ? "commercial" : "residential");
  }

  // 3. Estimate (path weighting, Mode A) and report.
  const auto r = csat::pls::estimate(spec, X, names);
  std::printf("converged: %s after %d outer updates\n", r.converged ? "yes" : "no", r.updates);
  for (const auto& p : spec.structural_paths())
    std::printf("  %-12s -> %-12s %6.3f\n", p.from.c_str(), p.to.c_str(), r.path(p.from, p.to));
  std::printf("R2(Satisfaction) = %.3f\n", r.r2("Satisfaction"));

  // 4. 0-100 indices from the 1..10 scale, overall and per segment.
  const auto idx = csat::pls::indices(r, 1.0, 10.0);
  for (std::size_t k = 0; k < r.constructs.size(); ++k)
    std::printf("  %-12s index %5.1f\n", r.constructs[k].c_str(), idx.index(static_cast<Eigen::Index>(k)));
  for (const auto& s : csat::pls::segment_indices(idx, segment))
    std::printf("  segment %-11s (n = %3ld): Satisfaction = %.1f\n", s.segment.c_str(), static_cast<long>(s.n),
                s.index(r.construct_index("Satisfaction")));

  // 5. Quality criteria.
  const auto q = csat::pls::quality(r);
  std::printf("SRMR %.3f; %zu values outside the usual thresholds\n", q.srmr, q.flags.size());
  for (const auto& f : q.flags) std::printf("  %s %s = %.3f (rule %s)\n", f.criterion.c_str(), f.subject.c_str(), f.value, f.rule.c_str());

  // 6. Bootstrap the paths (seeded; same answer for any number of threads).
  csat::survey::data_table<double> table;
  table.names = names;
  table.values = X;
  table.missing.assign(names.size(), 0);
  csat::pls::bootstrap_options bo;
  bo.resamples = 500;
  bo.seed = 7;
  const auto b = csat::pls::bootstrap(spec, table, {}, bo);
  std::printf("bootstrap: %zu of %zu resamples\n", b.successful, b.requested);
  for (const auto& s : b.paths)
    std::printf("  %-12s -> %-12s %6.3f  sd %.3f  95%% CI [%6.3f, %6.3f]\n", s.from.c_str(), s.to.c_str(), s.original,
                s.sd, s.ci_lower, s.ci_upper);

  // 7. Action priorities for Satisfaction.
  const auto m = csat::pls::ipma(r, idx, "Satisfaction");
  std::printf("IPMA for Satisfaction (%.1f):\n", m.target_performance);
  for (const auto& e : m.constructs)
    std::printf("  %-12s importance %.3f  performance %.1f\n", e.name.c_str(), e.importance, e.performance);
  return r.converged && b.failed == 0 ? 0 : 1;
}
