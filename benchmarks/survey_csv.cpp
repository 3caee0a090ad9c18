// Benchmark: reading a large survey CSV (1,000,000 respondents x 24 items on a 1-10 scale) with
// csat::survey::read_csv, then a PLS estimation of the ECSI model on it, and the peak resident memory.
//
//   bench_survey_csv [rows] [repeats]
//
// The data are drawn by csat::simulate from an ECSI population model whose 24 indicators carry the mobi names
// (so csat::model::ecsi(mobi_indicators()) applies), written in chunks so that generating them does not raise
// the peak memory. Prints the file size, the median read time over the repeats, the throughput, the PLS time
// and the peak RSS (getrusage ru_maxrss) relative to the size of the numeric data (rows x 24 doubles).
#include <csat/model/presets.hpp>
#include <csat/pls/estimate.hpp>
#include <csat/simulate/generate.hpp>
#include <csat/survey/csv.hpp>
#include <csat/survey/stats.hpp>

#include <sstream>

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

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         1e-6 * static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

}  // namespace

int main(int argc, char** argv) {
  const long rows = argc > 1 ? std::atol(argv[1]) : 1000000;
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 3;
  const int cols = 24;
  const std::string path = "/tmp/csat_bench_survey_" + std::to_string(rows) + ".csv";

  {  // write the file in chunks so that generating it does not raise the peak memory
    const auto items = csat::model::mobi_indicators();
    csat::simulate::survey_design<double> d;
    auto& m = d.model;
    m.constructs = {"Image", "Expectation", "Quality", "Value", "Satisfaction", "Complaints", "Loyalty"};
    m.paths = Eigen::MatrixXd::Zero(7, 7);
    auto add_path = [&](int from, int to, double b) { m.paths(to, from) = b; };
    add_path(0, 1, 0.5); add_path(0, 4, 0.2); add_path(0, 6, 0.25); add_path(1, 2, 0.55); add_path(1, 3, 0.1);
    add_path(1, 4, 0.05);
    add_path(2, 3, 0.5); add_path(2, 4, 0.45); add_path(3, 4, 0.25); add_path(4, 5, -0.4); add_path(4, 6, 0.45);
    add_path(5, 6, -0.1);
    const std::vector<std::vector<std::string>> blocks{items.image, items.expectation, items.quality, items.value,
                                                       items.satisfaction, items.complaints, items.loyalty};
    for (std::size_t b = 0; b < blocks.size(); ++b)
      for (const auto& name : blocks[b])
        m.indicators.push_back({name, m.constructs[b], 0.8, 0.5, csat::simulate::response_scale::likert(10)});
    std::ofstream out(path, std::ios::binary);
    const long chunk = 100000;
    for (long done = 0, c = 0; done < rows; done += chunk, ++c) {
      const auto s = csat::simulate::generate(d, std::min(chunk, rows - done), 42 + static_cast<std::uint64_t>(c));
      std::ostringstream os;
      csat::survey::write_csv(s.data, os);
      const std::string text = os.str();
      out << (done == 0 ? text : text.substr(text.find('\n') + 1));
    }
  }
  std::ifstream probe(path, std::ios::binary | std::ios::ate);
  const double file_mib = static_cast<double>(probe.tellg()) / (1024.0 * 1024.0);
  const double rss_before = peak_rss_mib();

  std::vector<double> times, cpu;
  double checksum = 0;
  for (int r = 0; r < repeats; ++r) {
    const double c0 = cpu_seconds();
    const auto t0 = std::chrono::steady_clock::now();
    const auto t = csat::survey::read_csv(path);
    const auto t1 = std::chrono::steady_clock::now();
    times.push_back(std::chrono::duration<double>(t1 - t0).count());
    cpu.push_back(cpu_seconds() - c0);
    checksum += t.values.sum();
    if (t.rows() != rows || t.cols() != cols) {
      std::fprintf(stderr, "unexpected shape %ld x %ld\n", static_cast<long>(t.rows()), static_cast<long>(t.cols()));
      return 1;
    }
  }
  std::sort(times.begin(), times.end());
  std::sort(cpu.begin(), cpu.end());
  const double median = times[times.size() / 2];
  const double numeric_mib = static_cast<double>(rows) * cols * sizeof(double) / (1024.0 * 1024.0);
  const double rss = peak_rss_mib();

  // item statistics and a PLS estimation over the whole table
  const auto t = csat::survey::read_csv(path);
  const auto s0 = std::chrono::steady_clock::now();
  const auto st = csat::survey::describe(t.values);
  const auto s1 = std::chrono::steady_clock::now();
  const auto spec = csat::model::ecsi(csat::model::mobi_indicators());
  const double pc0 = cpu_seconds();
  const auto p0 = std::chrono::steady_clock::now();
  const auto fit = csat::pls::estimate(spec, t);
  const auto p1 = std::chrono::steady_clock::now();
  const double pls_cpu = cpu_seconds() - pc0;
  const double pls_s = std::chrono::duration<double>(p1 - p0).count();
  const double rss_all = peak_rss_mib();
  std::printf("read_csv: %ld rows x %d columns, file %.1f MiB\n", rows, cols, file_mib);
  std::printf("  median of %d: %.3f s  (min %.3f, max %.3f)  %.0f MiB/s\n", repeats, median, times.front(),
              times.back(), file_mib / median);
  std::printf("  CPU time (user + system) median %.3f s (min %.3f)\n", cpu[cpu.size() / 2], cpu.front());
  std::printf("  numeric data %.1f MiB; peak RSS %.1f MiB (%.2f x numeric data; %.1f MiB before reading)\n",
              numeric_mib, rss, rss / numeric_mib, rss_before);
  std::printf("describe (mean, sd, min, max, G1, G2 of 24 columns): %.3f s\n",
              std::chrono::duration<double>(s1 - s0).count());
  std::printf("PLS (ECSI, path weighting) on all rows: %.3f s (CPU %.3f s), %d iterations, Satisfaction -> Loyalty %.4f\n",
              pls_s, pls_cpu, fit.iterations, fit.path("Satisfaction", "Loyalty"));
  std::printf("read_csv + PLS: %.3f s; peak RSS over everything %.1f MiB (%.2f x numeric data)\n", median + pls_s,
              rss_all, rss_all / numeric_mib);
  std::printf("  checksum %.0f, mean(first column) %.4f\n", checksum, st.mean(0));
  std::remove(path.c_str());
  return 0;
}
