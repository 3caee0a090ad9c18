#ifndef CSAT_VERSION_HPP
#define CSAT_VERSION_HPP

/// \file
/// csat's version; equal to the CMake project version (checked by tests/core/version.test.cpp).

#define CSAT_VERSION_MAJOR 0
#define CSAT_VERSION_MINOR 1
#define CSAT_VERSION_PATCH 0
#define CSAT_VERSION_STRING "0.1.0"

namespace csat {
/// The library version as "MAJOR.MINOR.PATCH".
inline constexpr const char* version_string = CSAT_VERSION_STRING;
}  // namespace csat

#endif
