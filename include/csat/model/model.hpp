#ifndef CSAT_MODEL_MODEL_HPP
#define CSAT_MODEL_MODEL_HPP

/// \file
/// Umbrella header of csat::model: PLS model specification, builder API, presets.

#include <csat/core/core.hpp>
#include <csat/model/syntax.hpp>
#include <csat/model/specification.hpp>
#include <csat/model/presets.hpp>

#endif
