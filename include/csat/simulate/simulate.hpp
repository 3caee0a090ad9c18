#ifndef CSAT_SIMULATE_SIMULATE_HPP
#define CSAT_SIMULATE_SIMULATE_HPP

/// \file
/// Umbrella header of csat::simulate: synthetic surveys with known population parameters.
///
/// - random.hpp: portable uniform, normal and categorical variates on std::mt19937_64.
/// - structural.hpp: population models (standardized paths and loadings), implied correlations, PLS population values.
/// - generate.hpp: respondents with segments, discretization to answer scales and missing answers.
/// - power.hpp: the design of the bundled power-supply survey and county KPIs.

#include <csat/core/core.hpp>
#include <csat/simulate/generate.hpp>
#include <csat/simulate/power.hpp>
#include <csat/simulate/random.hpp>
#include <csat/simulate/structural.hpp>

#endif
