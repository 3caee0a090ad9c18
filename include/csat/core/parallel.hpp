#ifndef CSAT_CORE_PARALLEL_HPP
#define CSAT_CORE_PARALLEL_HPP

/// \file
/// The work loop behind every threaded computation in csat (bootstrap, jackknife, permutation, cross-validation):
/// tasks 0 … count−1 handed out from a shared counter to a fixed set of threads. Each task writes only to its own
/// slot, so results never depend on the number of threads; when tasks fail, the error of the lowest-numbered
/// failing task is the one reported, which is again independent of thread count and scheduling.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <exception>
#include <functional>
#include <limits>
#include <mutex>
#include <thread>
#include <vector>

namespace csat {
namespace detail {

/// Threads to use for `work` tasks: `requested`, or the hardware's when 0; at least 1 and at most `work`.
inline unsigned worker_count(unsigned requested, std::size_t work) {
  const unsigned t = requested ? requested : std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(t, work)));
}

/// Runs task(i, worker) for i in [0, count) on `threads` threads (`worker` < threads names the thread, for
/// per-thread scratch space). An exception escaping a task stops the loop once the running tasks finish and is
/// rethrown: the one of the lowest task number. `progress(done, count)`, when given, is called from the calling
/// thread about every 100 ms and once at the end.
template <class Task>
void parallel_for(std::size_t count, unsigned threads, Task&& task,
                  const std::function<void(std::size_t, std::size_t)>& progress = {}) {
  if (count == 0) return;
  threads = static_cast<unsigned>(std::min<std::size_t>(std::max(1u, threads), count));
  std::atomic<std::size_t> next{0}, done{0};
  std::atomic<bool> failed{false};
  std::size_t fatal_index = std::numeric_limits<std::size_t>::max();
  std::exception_ptr fatal;
  std::mutex fatal_mutex;
  auto worker = [&](unsigned w) {
    for (;;) {
      const std::size_t i = next.fetch_add(1);
      if (i >= count) break;
      try {
        task(i, w);
      } catch (...) {
        std::lock_guard<std::mutex> lock(fatal_mutex);
        if (i < fatal_index) {
          fatal_index = i;
          fatal = std::current_exception();
        }
        failed.store(true);
        next.store(count);
      }
      done.fetch_add(1);
    }
  };
  if (threads == 1 && !progress) {
    worker(0);
  } else {
    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker, t);
    if (progress) {
      while (done.load() < count && !failed.load()) {
        progress(done.load(), count);
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
    for (auto& t : pool) t.join();
  }
  if (fatal) std::rethrow_exception(fatal);
  if (progress) progress(count, count);
}

}  // namespace detail
}  // namespace csat

#endif
