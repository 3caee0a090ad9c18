#ifndef CSAT_WEIGHTS_WEIGHTS_HPP
#define CSAT_WEIGHTS_WEIGHTS_HPP

/// \file
/// Umbrella header of csat::weights: objective and combined indicator weights.
///
/// - objective.hpp: entropy weights, CRITIC, coefficient of variation.
/// - rough_set.hpp: decision tables, dependency, attribute significance and rough-set weights, discretization.
/// - combine.hpp: linear, multiplicative and game-theoretic combination; the rough-set judgment matrix combined
///   with an AHP judgment matrix, with eigenvector weights and consistency ratio.

#include <csat/core/core.hpp>
#include <csat/weights/combine.hpp>
#include <csat/weights/objective.hpp>
#include <csat/weights/rough_set.hpp>

#endif
