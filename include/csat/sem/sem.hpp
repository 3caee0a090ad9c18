#ifndef CSAT_SEM_SEM_HPP
#define CSAT_SEM_SEM_HPP

/// \file
/// Umbrella header of csat::sem.

#include <csat/core/core.hpp>

#endif
