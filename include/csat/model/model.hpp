#ifndef CSAT_MODEL_MODEL_HPP
#define CSAT_MODEL_MODEL_HPP

/// \file
/// Umbrella header of csat::model.

#include <csat/core/core.hpp>

#endif
