#ifndef CSAT_SEM_SEM_HPP
#define CSAT_SEM_SEM_HPP

/// \file
/// Umbrella header of csat::sem: covariance-based structural equation modeling by maximum likelihood,
/// compatible with lavaan (see docs/sem.md).

#include <csat/core/core.hpp>
#include <csat/sem/engine.hpp>
#include <csat/sem/estimate.hpp>
#include <csat/sem/fit_table.hpp>
#include <csat/sem/invariance.hpp>
#include <csat/sem/model.hpp>
#include <csat/sem/modindices.hpp>
#include <csat/sem/sample.hpp>

#endif
