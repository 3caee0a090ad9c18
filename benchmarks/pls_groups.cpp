// Benchmarks of csat::pls multi-group comparison (figures go to docs/performance.md, section "PLS: multi-group"):
//   1. PLS-MGA of ECSI on mobi split by CUEX1 < 8 (108 / 142 cases): 5000 bootstrap resamples per group,
//      Henseler, parametric and Welch tests (no permutations), 1 and 2 threads
//   2. MICOM with 5000 permutations (and the permutation test of the paths, which shares them) on two groups of
//      1,000 cases (ECSI; rows drawn from mobi with replacement plus a little noise), 1 and 2 threads
//   3. everything at once on the mobi split: 5000 resamples per group and 5000 permutations with MICOM, 2 threads
// Each figure is the median of `repeats` runs (default 5) in wall time and process CPU time.
// Usage: bench_pls_groups [repeats]
#include <csat/model/presets.hpp>
#include <csat/pls/groups.hpp>
#include <csat/survey/csv.hpp>

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "bench_timing.hpp"

using csat_bench::process_cpu;
using csat_bench::median;

namespace {

void measure(const char* what, int repeats, const std::function<void()>& run) {
  std::vector<double> wall, cpu;
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = process_cpu();
    run();
    cpu.push_back(process_cpu() - c0);
    wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  std::printf("%-78s wall %8.3f s   cpu %8.3f s\n", what, median(wall), median(cpu));
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  const std::string path = std::string(CSAT_SOURCE_DIR) + "/../shared/data/mobi.csv";
  csat::survey::data_table<double> mobi;
  try {
    mobi = csat::survey::read_csv(path);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_pls_groups: %s\n", e.what());
    return 1;
  }
  const auto spec = csat::model::ecsi(csat::model::mobi_indicators());

  // 1. MGA on the mobi split
  std::vector<std::string> labels;
  const auto cuex1 = mobi.values.col(mobi.index_of("CUEX1"));
  for (Eigen::Index i = 0; i < cuex1.size(); ++i) labels.push_back(cuex1(i) < 8 ? "lt8" : "ge8");
  const auto split = csat::pls::split_groups(labels, "CUEX1<8");
  for (unsigned threads : {1u, 2u}) {
    csat::pls::group_options go;
    go.resamples = 5000;
    go.permutations = 0;
    go.threads = threads;
    const std::string what = "MGA, ECSI on mobi 108/142, 5000 resamples per group, " + std::to_string(threads) + " thread(s)";
    measure(what.c_str(), repeats, [&] { (void)csat::pls::compare_groups(spec, mobi, split, {}, go); });
  }

  // 2. MICOM on two groups of 1,000
  csat::survey::data_table<double> big;
  big.source = "<mobi rows resampled>";
  big.names = mobi.names;
  big.values.resize(2000, mobi.cols());
  std::mt19937_64 gen(42);
  std::normal_distribution<double> noise(0.0, 0.3);
  for (Eigen::Index i = 0; i < 2000; ++i) {
    const auto r = static_cast<Eigen::Index>(gen() % static_cast<std::uint64_t>(mobi.rows()));
    for (Eigen::Index j = 0; j < mobi.cols(); ++j) big.values(i, j) = mobi.values(r, j) + noise(gen);
  }
  big.missing.assign(static_cast<std::size_t>(mobi.cols()), 0);
  big.text_names = {"group"};
  big.text.assign(1, {});
  for (Eigen::Index i = 0; i < 2000; ++i) big.text[0].push_back(i < 1000 ? "a" : "b");
  for (unsigned threads : {1u, 2u}) {
    csat::pls::group_options go;
    go.resamples = 0;
    go.permutations = 5000;
    go.micom = true;
    go.threads = threads;
    const std::string what = "MICOM + permutation test, ECSI, 2 x 1000 cases, 5000 permutations, " +
                             std::to_string(threads) + " thread(s)";
    measure(what.c_str(), repeats, [&] { (void)csat::pls::compare_groups(spec, big, "group", {}, go); });
  }

  // 3. everything on the mobi split
  {
    csat::pls::group_options go;
    go.resamples = 5000;
    go.permutations = 5000;
    go.micom = true;
    go.threads = 2;
    measure("MGA + permutation + MICOM, mobi 108/142, 5000 resamples and 5000 permutations, 2 threads", repeats,
            [&] { (void)csat::pls::compare_groups(spec, mobi, split, {}, go); });
  }
  return 0;
}
