// Access to ../shared (reference outputs of other tools, public data sets).
// Tests that need it call CSAT_NEED_SHARED(); when it is absent they print "CSAT-SKIPPED: ..." and return,
// and CTest reports them as skipped (SKIP_REGULAR_EXPRESSION), so the skip is visible.
#ifndef CSAT_TESTS_SUPPORT_SHARED_HPP
#define CSAT_TESTS_SUPPORT_SHARED_HPP

#include <fstream>
#include <iostream>
#include <string>

namespace csat_test {

inline std::string shared_path(const std::string& rel) { return std::string(CSAT_SHARED_DIR) + "/" + rel; }
inline std::string source_path(const std::string& rel) { return std::string(CSAT_SOURCE_DIR) + "/" + rel; }

inline bool shared_available(const std::string& rel) {
  std::ifstream f(shared_path(rel));
  return static_cast<bool>(f);
}

}  // namespace csat_test

#define CSAT_NEED_SHARED(rel)                                                                              \
  do {                                                                                                     \
    if (!csat_test::shared_available(rel)) {                                                               \
      std::cout << "CSAT-SKIPPED: " << csat_test::shared_path(rel) << " is absent; reference test not run" \
                << std::endl;                                                                              \
      WARN("CSAT-SKIPPED: " << csat_test::shared_path(rel) << " is absent");                               \
      return;                                                                                              \
    }                                                                                                      \
  } while (0)

#endif
