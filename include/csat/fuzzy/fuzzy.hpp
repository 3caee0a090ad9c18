#ifndef CSAT_FUZZY_FUZZY_HPP
#define CSAT_FUZZY_FUZZY_HPP

/// \file
/// Umbrella header of csat::fuzzy.

#include <csat/core/core.hpp>

#endif
