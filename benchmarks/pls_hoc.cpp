// Benchmark of csat::pls::estimate_higher_order (figures go to docs/performance.md, section "PLS: higher-order
// constructs"): the two-stage Service model of pls_beyond_mobi.json on mobi (250 x 23 items) by the disjoint and
// embedded two-stage approaches and by repeated indicators, and the plain ECSI fit for comparison; median wall
// and thread-CPU time of 500 runs each; then bootstrap_higher_order with 5000 resamples on 1 and 2 threads.
// Usage: bench_pls_hoc [path/to/mobi.csv]   (default ../shared/data/mobi.csv relative to the source tree)
#include <csat/model/presets.hpp>
#include <csat/pls/estimate.hpp>
#include <csat/pls/higher_order.hpp>
#include <csat/survey/csv.hpp>

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "bench_timing.hpp"

using csat_bench::thread_cpu;

namespace {

template <class F>
void time_it(const char* label, int runs, F&& f) {
  std::vector<double> wall, cpu;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = thread_cpu();
    f();
    cpu.push_back(thread_cpu() - c0);
    wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  std::printf("%-40s median wall %8.1f us   median thread CPU %8.1f us   (%d runs)\n", label,
              1e6 * wall[wall.size() / 2], 1e6 * cpu[cpu.size() / 2], runs);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : std::string(CSAT_SOURCE_DIR) + "/../shared/data/mobi.csv";
  const auto data = csat::survey::read_csv(path);
  const auto spec = csat::model::from_syntax(R"(
Image        =~ IMAG1 + IMAG2 + IMAG3 + IMAG4 + IMAG5
Expectation  =~ CUEX1 + CUEX2 + CUEX3
Quality      =~ PERQ1 + PERQ2 + PERQ3 + PERQ4 + PERQ5 + PERQ6 + PERQ7
Value        =~ PERV1 + PERV2
Service      =~ Quality + Value
Satisfaction =~ CUSA1 + CUSA2 + CUSA3
Loyalty      =~ CUSL1 + CUSL2 + CUSL3
Expectation  ~ Image
Service      ~ Expectation
Satisfaction ~ Image + Expectation + Service
Loyalty      ~ Image + Satisfaction
)");
  const int runs = 500;
  double sink = 0;
  time_it("plain ECSI estimate (reference)", runs, [&] {
    sink += csat::pls::estimate(csat::model::ecsi(csat::model::mobi_indicators()), data).paths.sum();
  });
  const std::pair<const char*, csat::pls::hoc_method> methods[] = {
      {"HOC two-stage (disjoint)", csat::pls::hoc_method::two_stage},
      {"HOC two-stage (embedded)", csat::pls::hoc_method::embedded_two_stage},
      {"HOC repeated indicators", csat::pls::hoc_method::repeated_indicators}};
  for (const auto& m : methods) {
    csat::pls::hoc_options o;
    o.method = m.second;
    time_it(m.first, runs, [&] { sink += csat::pls::estimate_higher_order(spec, data, o).final_fit().paths.sum(); });
  }
  // bootstrap of the whole two-stage procedure, 5000 resamples, 1 and 2 threads (median of 3)
  for (unsigned threads : {1u, 2u}) {
    csat::pls::bootstrap_options bo;
    bo.resamples = 5000;
    bo.threads = threads;
    std::vector<double> wall;
    for (int rep = 0; rep < 3; ++rep) {
      const auto t0 = std::chrono::steady_clock::now();
      sink += csat::pls::bootstrap_higher_order(spec, data, {}, bo).paths[0].sd;
      wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(wall.begin(), wall.end());
    std::printf("HOC two-stage bootstrap, 5000 resamples, %u thread(s): median wall %.3f s\n", threads, wall[1]);
  }
  std::printf("(checksum %.6f)\n", sink);
}
