// Benchmarks of weighted PLS and the admissibility check (figures go to docs/performance.md, "PLS: survey weights"):
//   1. one ECSI estimation on mobi (250 x 24), unweighted and with case weights (0.5..2), CPU median of 2000 runs
//   2. 5000 bootstrap resamples, 1 and 2 threads, percentile only, unweighted and weighted (median of 3 runs)
//   3. the admissibility check alone (warnings of one fitted model), median of 20000 calls
#include <csat/model/presets.hpp>
#include <csat/pls/bootstrap.hpp>
#include <csat/pls/estimate.hpp>
#include <csat/survey/csv.hpp>

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "bench_timing.hpp"

using csat_bench::clock_type;
using csat_bench::seconds_since;
using csat_bench::thread_cpu;
using csat_bench::process_cpu;
using csat_bench::median;

int main() {
  const std::string path = std::string(CSAT_SOURCE_DIR) + "/../shared/data/mobi.csv";
  const auto data = csat::survey::read_csv(path);
  const auto spec = csat::model::ecsi(csat::model::mobi_indicators());
  std::mt19937_64 gen(7);
  std::uniform_real_distribution<double> U(0.5, 2.0);
  Eigen::VectorXd w(data.rows());
  for (Eigen::Index i = 0; i < w.size(); ++i) w(i) = U(gen);

  for (const bool weighted : {false, true}) {
    std::vector<double> tc;
    for (int i = 0; i < 2000; ++i) {
      const double c0 = thread_cpu();
      const auto r = weighted ? csat::pls::estimate(spec, data, w) : csat::pls::estimate(spec, data);
      tc.push_back(thread_cpu() - c0);
      if (!r.converged) std::printf("not converged!\n");
    }
    std::printf("ECSI on mobi, one estimation, %s: CPU median %.1f us (2000 runs)\n",
                weighted ? "weighted" : "unweighted", median(tc) * 1e6);
  }
  for (unsigned threads : {1u, 2u})
    for (const bool weighted : {false, true}) {
      csat::pls::bootstrap_options bo;
      bo.resamples = 5000;
      bo.seed = 123;
      bo.threads = threads;
      bo.bca = false;
      std::vector<double> tb, tcpu;
      for (int rep = 0; rep < 3; ++rep) {
        const auto t0 = clock_type::now();
        const double c0 = process_cpu();
        const auto b = weighted ? csat::pls::bootstrap(spec, data, w, {}, bo) : csat::pls::bootstrap(spec, data, {}, bo);
        tcpu.push_back(process_cpu() - c0);
        tb.push_back(seconds_since(t0));
        if (b.successful != 5000) std::printf("failures: %zu\n", b.failed);
      }
      std::printf("bootstrap 5000 resamples, %u thread%s, %s: wall median %.3f s, CPU %.3f s (3 runs)\n", threads,
                  threads > 1 ? "s" : "", weighted ? "weighted" : "unweighted", median(tb), median(tcpu));
    }
  {
    const auto L = csat::pls::detail::make_layout(spec, data.names);
    const auto m = csat::pls::detail::compute_moments(data.values, L.columns, nullptr, 0);
    const auto f = csat::pls::detail::fit_core("bench", L, m.cor, m.n, csat::pls::estimate_options{});
    std::vector<double> tc;
    std::size_t count = 0;
    for (int i = 0; i < 20000; ++i) {
      const double c0 = thread_cpu();
      count += csat::pls::detail::admissibility_warnings(L, f, false).size();
      tc.push_back(thread_cpu() - c0);
    }
    std::printf("admissibility check of the ECSI fit (7 constructs, 24 indicators): CPU median %.2f us (%zu warnings)\n",
                median(tc) * 1e6, count);
  }
  return 0;
}
