#ifndef CSAT_SIMULATE_SIMULATE_HPP
#define CSAT_SIMULATE_SIMULATE_HPP

/// \file
/// Umbrella header of csat::simulate.

#include <csat/core/core.hpp>

#endif
