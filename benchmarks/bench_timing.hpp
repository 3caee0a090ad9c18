// Timing helpers shared by the benchmark programs: wall time, CPU time of the thread or the process (the machine
// may be shared, and wall time then includes waiting), and the median of repeated runs.
#ifndef CSAT_BENCHMARKS_BENCH_TIMING_HPP
#define CSAT_BENCHMARKS_BENCH_TIMING_HPP

#include <algorithm>
#include <chrono>
#include <ctime>
#include <vector>

namespace csat_bench {

using clock_type = std::chrono::steady_clock;

inline double seconds_since(clock_type::time_point t0) {
  return std::chrono::duration<double>(clock_type::now() - t0).count();
}

inline double cpu_seconds(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}
inline double thread_cpu() { return cpu_seconds(CLOCK_THREAD_CPUTIME_ID); }
inline double process_cpu() { return cpu_seconds(CLOCK_PROCESS_CPUTIME_ID); }

/// The upper median (the middle element after sorting; for an even count the larger of the two middle ones).
inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace csat_bench

#endif
