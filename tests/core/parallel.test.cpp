// Tests of csat/core/parallel.hpp: the threaded work loop behind resampling and cross-validation.
#include <csat/core/error.hpp>
#include <csat/core/parallel.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

TEST_CASE("parallel_for runs every task once, each writing its own slot, for any thread count", "[core][parallel]") {
  for (unsigned threads : {1u, 2u, 3u, 8u}) {
    INFO(threads << " threads");
    std::vector<int> hits(1000, 0);
    std::vector<unsigned> by(1000, 99);
    csat::detail::parallel_for(hits.size(), threads, [&](std::size_t i, unsigned w) {
      ++hits[i];
      by[i] = w;
    });
    for (std::size_t i = 0; i < hits.size(); ++i) {
      CHECK(hits[i] == 1);
      CHECK(by[i] < threads);
    }
  }
  bool ran = false;
  csat::detail::parallel_for(0, 4, [&](std::size_t, unsigned) { ran = true; });
  CHECK_FALSE(ran);
}

TEST_CASE("parallel_for reports the failure of the lowest-numbered failing task", "[core][parallel]") {
  for (unsigned threads : {1u, 2u, 8u}) {
    INFO(threads << " threads");
    for (int run = 0; run < 20; ++run) {
      std::atomic<std::size_t> done{0};
      auto task = [&](std::size_t i, unsigned) {
        if (i == 37 || i == 38 || i == 120) throw csat::domain_error("task " + std::to_string(i));
        done.fetch_add(1);
      };
      CHECK_THROWS_WITH(csat::detail::parallel_for(500, threads, task), "task 37");
      CHECK(done.load() >= 37);  // every task before the first failure ran
      CHECK(done.load() < 500);  // and the loop stopped early
    }
  }
}

TEST_CASE("parallel_for calls progress with the final count, from the calling thread", "[core][parallel]") {
  std::size_t last_done = 0, last_total = 0, calls = 0;
  csat::detail::parallel_for(
      64, 2, [](std::size_t, unsigned) {},
      [&](std::size_t d, std::size_t t) {
        CHECK(d <= t);
        last_done = d;
        last_total = t;
        ++calls;
      });
  CHECK(calls >= 1);
  CHECK(last_done == 64);
  CHECK(last_total == 64);
}

TEST_CASE("worker_count: requested, hardware's for 0, at least 1, at most the work", "[core][parallel]") {
  CHECK(csat::detail::worker_count(4, 100) == 4);
  CHECK(csat::detail::worker_count(4, 3) == 3);
  CHECK(csat::detail::worker_count(4, 0) == 1);
  CHECK(csat::detail::worker_count(0, 1000) >= 1);
}
