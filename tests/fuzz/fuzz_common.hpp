// Shared by the fuzz targets: a csat error is an expected outcome of malformed input; anything else
// (another exception type, a crash, undefined behaviour) is a bug and stops the fuzzer.
#ifndef CSAT_FUZZ_COMMON_HPP
#define CSAT_FUZZ_COMMON_HPP

#include <csat/core/error.hpp>

#include <cstdio>
#include <cstdlib>
#include <exception>

template <class F>
int csat_fuzz_run(F&& body) {
  try {
    body();
  } catch (const csat::invalid_argument&) {
  } catch (const csat::domain_error&) {
  } catch (const std::exception& e) {
    std::fprintf(stderr, "unexpected exception type: %s\n", e.what());
    std::abort();
  }
  return 0;
}

#endif
