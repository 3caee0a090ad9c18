// Benchmark: reading a large survey CSV (1,000,000 respondents x 24 items on a 1-10 scale) with
// csat::survey::read_csv, and the peak resident memory of the process.
//
//   bench_survey_csv [rows] [repeats]
//
// Prints the file size, the median read time over the repeats, the throughput and the peak RSS
// (getrusage ru_maxrss) relative to the size of the numeric data (rows x 24 doubles).
#include <csat/survey/csv.hpp>
#include <csat/survey/stats.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace {

double peak_rss_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

}  // namespace

int main(int argc, char** argv) {
  const long rows = argc > 1 ? std::atol(argv[1]) : 1000000;
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 3;
  const int cols = 24;
  const std::string path = "/tmp/csat_bench_survey_" + std::to_string(rows) + ".csv";

  {  // write the file in a streaming way so that generating it does not raise the peak memory
    std::ofstream out(path, std::ios::binary);
    for (int j = 0; j < cols; ++j) out << (j ? "," : "") << "Q" << (j + 1);
    out << '\n';
    std::mt19937_64 eng(42);
    std::string line;
    for (long i = 0; i < rows; ++i) {
      line.clear();
      const int base = static_cast<int>(eng() % 6);  // a respondent effect, so items correlate
      for (int j = 0; j < cols; ++j) {
        const int v = 1 + base + static_cast<int>(eng() % 5);
        if (j) line += ',';
        line += std::to_string(v);
      }
      line += '\n';
      out << line;
    }
  }
  std::ifstream probe(path, std::ios::binary | std::ios::ate);
  const double file_mib = static_cast<double>(probe.tellg()) / (1024.0 * 1024.0);
  const double rss_before = peak_rss_mib();

  std::vector<double> times;
  double checksum = 0;
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto t = csat::survey::read_csv(path);
    const auto t1 = std::chrono::steady_clock::now();
    times.push_back(std::chrono::duration<double>(t1 - t0).count());
    checksum += t.values.sum();
    if (t.rows() != rows || t.cols() != cols) {
      std::fprintf(stderr, "unexpected shape %ld x %ld\n", static_cast<long>(t.rows()), static_cast<long>(t.cols()));
      return 1;
    }
  }
  std::sort(times.begin(), times.end());
  const double median = times[times.size() / 2];
  const double numeric_mib = static_cast<double>(rows) * cols * sizeof(double) / (1024.0 * 1024.0);
  const double rss = peak_rss_mib();

  // item statistics over the whole table, as `csat describe` computes them
  const auto t = csat::survey::read_csv(path);
  const auto s0 = std::chrono::steady_clock::now();
  const auto st = csat::survey::describe(t.values);
  const auto s1 = std::chrono::steady_clock::now();

  std::printf("read_csv: %ld rows x %d columns, file %.1f MiB\n", rows, cols, file_mib);
  std::printf("  median of %d: %.3f s  (min %.3f, max %.3f)  %.0f MiB/s\n", repeats, median, times.front(),
              times.back(), file_mib / median);
  std::printf("  numeric data %.1f MiB; peak RSS %.1f MiB (%.2f x numeric data; %.1f MiB before reading)\n",
              numeric_mib, rss, rss / numeric_mib, rss_before);
  std::printf("describe (mean, sd, min, max, G1, G2 of 24 columns): %.3f s\n",
              std::chrono::duration<double>(s1 - s0).count());
  std::printf("  checksum %.0f, mean(Q1) %.4f\n", checksum, st.mean(0));
  std::remove(path.c_str());
  return 0;
}
