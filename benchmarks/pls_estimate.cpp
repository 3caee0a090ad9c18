// Benchmarks of csat::pls (figures go to docs/performance.md, section PLS):
//   1. one ECSI estimation on mobi (250 x 24), in-process, median of 2000 runs
//   2. 5000 bootstrap resamples of ECSI on mobi with 1 and 2 threads (percentile only, and with BCa)
//   3. reading a 1,000,000 x 24 CSV and estimating ECSI on it, with the process's peak resident memory
// Usage: bench_pls_estimate [small|big|all]   (default all; "big" first so the peak memory is its own)
#include <csat/model/presets.hpp>
#include <csat/pls/bootstrap.hpp>
#include <csat/pls/estimate.hpp>
#include <csat/survey/csv.hpp>

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "bench_timing.hpp"

using csat_bench::clock_type;
using csat_bench::seconds_since;
using csat_bench::thread_cpu;
using csat_bench::process_cpu;
using csat_bench::median;

namespace {

double peak_rss_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return double(u.ru_maxrss) / 1024.0;
}

// ECSI-like survey answers on 1..10 from a latent model, so the big estimation is a realistic one.
void write_big_csv(const std::string& path, long rows) {
  const auto items = csat::model::mobi_indicators();
  const std::vector<std::vector<std::string>> blocks{items.image, items.expectation, items.quality, items.value,
                                                     items.satisfaction, items.complaints, items.loyalty};
  std::mt19937_64 gen(42);
  std::normal_distribution<double> N;
  std::FILE* f = std::fopen(path.c_str(), "w");
  bool first = true;
  for (const auto& b : blocks)
    for (const auto& c : b) {
      std::fprintf(f, "%s%s", first ? "" : ",", c.c_str());
      first = false;
    }
  std::fprintf(f, "\n");
  std::string line;
  for (long i = 0; i < rows; ++i) {
    const double img = N(gen), exp = 0.5 * img + 0.85 * N(gen), qual = 0.55 * exp + 0.8 * N(gen);
    const double val = 0.55 * qual + 0.8 * N(gen), sat = 0.2 * img + 0.5 * qual + 0.2 * val + 0.6 * N(gen);
    const double com = 0.5 * sat + 0.85 * N(gen), loy = 0.2 * img + 0.5 * sat + 0.8 * N(gen);
    const double lv[7] = {img, exp, qual, val, sat, com, loy};
    line.clear();
    for (std::size_t k = 0; k < blocks.size(); ++k)
      for (std::size_t j = 0; j < blocks[k].size(); ++j) {
        const double x = 7.0 + 1.6 * (0.8 * lv[k] + 0.6 * N(gen));
        const int v = std::max(1, std::min(10, int(std::lround(x))));
        if (!line.empty()) line += ',';
        line += std::to_string(v);
      }
    line += '\n';
    std::fputs(line.c_str(), f);
  }
  std::fclose(f);
}

void small() {
  const std::string path = std::string(CSAT_SOURCE_DIR) + "/../shared/data/mobi.csv";
  const auto data = csat::survey::read_csv(path);
  const auto spec = csat::model::ecsi(csat::model::mobi_indicators());
  std::vector<double> t, tc;
  for (int i = 0; i < 2000; ++i) {
    const auto t0 = clock_type::now();
    const double c0 = thread_cpu();
    const auto r = csat::pls::estimate(spec, data);
    tc.push_back(thread_cpu() - c0);
    t.push_back(seconds_since(t0));
    if (!r.converged) std::printf("not converged!\n");
  }
  std::printf("ECSI on mobi (250 x 24), one estimation: wall median %.1f us (min %.1f us), CPU median %.1f us, "
              "over 2000 runs\n",
              median(t) * 1e6, *std::min_element(t.begin(), t.end()) * 1e6, median(tc) * 1e6);
  for (unsigned threads : {1u, 2u})
    for (bool bca : {false, true}) {
      csat::pls::bootstrap_options bo;
      bo.resamples = 5000;
      bo.seed = 123;
      bo.threads = threads;
      bo.bca = bca;
      std::vector<double> tb, tcpu;
      for (int rep = 0; rep < 5; ++rep) {
        const auto t0 = clock_type::now();
        const double c0 = process_cpu();
        const auto b = csat::pls::bootstrap(spec, data, {}, bo);
        tcpu.push_back(process_cpu() - c0);
        tb.push_back(seconds_since(t0));
        if (b.successful != 5000) std::printf("failures: %zu\n", b.failed);
      }
      std::printf("bootstrap 5000 resamples, %u thread%s%s: wall median %.3f s (min %.3f s), CPU %.3f s "
                  "(CPU / threads %.3f s), 5 runs\n",
                  threads, threads > 1 ? "s" : "", bca ? ", with BCa (250 jackknife fits)" : ", percentile only",
                  median(tb), *std::min_element(tb.begin(), tb.end()), median(tcpu), median(tcpu) / threads);
    }
}

void big() {
  const std::string path = "/tmp/csat_bench_pls_1m.csv";
  const long rows = 1000000;
  write_big_csv(path, rows);
  const double rss_before = peak_rss_mib();
  const auto spec = csat::model::ecsi(csat::model::mobi_indicators());
  std::vector<double> tr, te;
  for (int rep = 0; rep < 3; ++rep) {
    const auto t0 = clock_type::now();
    const auto data = csat::survey::read_csv(path);
    const double read = seconds_since(t0);
    const auto t1 = clock_type::now();
    const auto r = csat::pls::estimate(spec, data);
    te.push_back(seconds_since(t1));
    tr.push_back(read);
    if (!r.converged || r.n_used != rows) std::printf("unexpected result\n");
  }
  const double numeric_mib = double(rows) * 24 * 8 / (1024.0 * 1024.0);
  std::printf("1,000,000 x 24 CSV: read median %.3f s, estimate median %.3f s, total %.3f s (3 runs)\n", median(tr),
              median(te), median(tr) + median(te));
  std::printf("peak resident memory %.0f MiB (before reading %.0f MiB); numeric data %.0f MiB; peak / data = %.2f\n",
              peak_rss_mib(), rss_before, numeric_mib, peak_rss_mib() / numeric_mib);
  std::remove(path.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  const std::string what = argc > 1 ? argv[1] : "all";
  if (what == "big" || what == "all") big();
  if (what == "small" || what == "all") small();
  return 0;
}
