#ifndef CSAT_PLS_PLS_HPP
#define CSAT_PLS_PLS_HPP

/// \file
/// Umbrella header of csat::pls.

#include <csat/core/core.hpp>

#endif
