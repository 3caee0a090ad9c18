// The header version equals the CMake project version, and csat.hpp links from two translation units.
#include <csat/csat.hpp>

#include <catch2/catch.hpp>

#include <string>

int csat_odr_second_tu();  // defined in odr_second_tu.cpp, which includes every header again

TEST_CASE("version.hpp matches the CMake project version", "[core][version]") {
  const std::string v = std::to_string(CSAT_VERSION_MAJOR) + "." + std::to_string(CSAT_VERSION_MINOR) + "." +
                        std::to_string(CSAT_VERSION_PATCH);
  CHECK(v == CSAT_TEST_PROJECT_VERSION);
  CHECK(std::string(csat::version_string) == CSAT_TEST_PROJECT_VERSION);
}

TEST_CASE("csat.hpp included in two translation units links (no non-inline definitions)", "[core][odr]") {
  CHECK(csat_odr_second_tu() == CSAT_VERSION_MAJOR * 10000 + CSAT_VERSION_MINOR * 100 + CSAT_VERSION_PATCH);
}
