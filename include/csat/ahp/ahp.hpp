#ifndef CSAT_AHP_AHP_HPP
#define CSAT_AHP_AHP_HPP

/// \file
/// Umbrella header of csat::ahp.

#include <csat/core/core.hpp>

#endif
