#ifndef CSAT_WEIGHTS_WEIGHTS_HPP
#define CSAT_WEIGHTS_WEIGHTS_HPP

/// \file
/// Umbrella header of csat::weights.

#include <csat/core/core.hpp>

#endif
