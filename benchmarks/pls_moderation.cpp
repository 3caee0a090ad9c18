// Benchmarks of csat::pls moderation (figures go to docs/performance.md, section "PLS: moderation"):
//   1. one estimation of Satisfaction ~ Image + Expectation + Image:Expectation on mobi (250 rows) per method,
//      median of 1000 runs
//   2. 5000 bootstrap resamples of the whole procedure per method, 1 and 2 threads (with the BCa jackknife)
#include <csat/pls/moderation.hpp>
#include <csat/survey/csv.hpp>

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "bench_timing.hpp"

using csat_bench::clock_type;
using csat_bench::seconds_since;
using csat_bench::process_cpu;
using csat_bench::median;

int main() {
  const std::string path = std::string(CSAT_SOURCE_DIR) + "/../shared/data/mobi.csv";
  const auto data = csat::survey::read_csv(path);
  const auto model = csat::pls::parse_moderated(
      "Image        =~ IMAG1 + IMAG2 + IMAG3 + IMAG4 + IMAG5\n"
      "Expectation  =~ CUEX1 + CUEX2 + CUEX3\n"
      "Satisfaction =~ CUSA1 + CUSA2 + CUSA3\n"
      "Satisfaction ~ Image + Expectation + Image:Expectation\n");
  const csat::pls::interaction_method methods[3] = {csat::pls::interaction_method::two_stage,
                                                    csat::pls::interaction_method::product_indicator,
                                                    csat::pls::interaction_method::orthogonal};
  for (auto method : methods) {
    csat::pls::moderation_options mo;
    mo.method = method;
    std::vector<double> t;
    double sink = 0;
    for (int r = 0; r < 1000; ++r) {
      const auto t0 = clock_type::now();
      const auto fit = csat::pls::estimate_moderation(model, data, mo);
      t.push_back(seconds_since(t0));
      sink += fit.fit.paths(0, 0);
    }
    std::printf("%-18s one estimation: median %.1f us (min %.1f us)%s\n", csat::pls::to_string(method),
                1e6 * median(t), 1e6 * *std::min_element(t.begin(), t.end()), sink > 1e300 ? "!" : "");
    for (unsigned threads : {1u, 2u}) {
      csat::pls::bootstrap_options bo;
      bo.resamples = 5000;
      bo.threads = threads;
      std::vector<double> w;
      double cpu = 0;
      for (int r = 0; r < 3; ++r) {
        const double c0 = process_cpu();
        const auto t0 = clock_type::now();
        const auto b = csat::pls::bootstrap_moderation(model, data, mo, bo);
        w.push_back(seconds_since(t0));
        cpu = process_cpu() - c0;
        sink += b.paths[0].sd;
      }
      std::printf("%-18s 5000 resamples + BCa jackknife, %u thread(s): median %.3f s wall (last run %.3f s CPU)\n",
                  csat::pls::to_string(method), threads, median(w), cpu);
    }
  }
  return 0;
}
