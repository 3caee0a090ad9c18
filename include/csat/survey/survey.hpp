#ifndef CSAT_SURVEY_SURVEY_HPP
#define CSAT_SURVEY_SURVEY_HPP

/// \file
/// Umbrella header of csat::survey: reading data, missing-data policies, scales, item statistics, reliability.

#include <csat/core/core.hpp>
#include <csat/survey/csv.hpp>
#include <csat/survey/missing.hpp>
#include <csat/survey/reliability.hpp>
#include <csat/survey/scale.hpp>
#include <csat/survey/stats.hpp>

#endif
