#ifndef CSAT_CORE_CORE_HPP
#define CSAT_CORE_CORE_HPP

/// \file
/// Umbrella header of csat's core: errors, shared checkers and the threaded work loop.

#include <csat/core/error.hpp>
#include <csat/core/parallel.hpp>
#include <csat/core/validate.hpp>

#endif
