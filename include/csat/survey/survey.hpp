#ifndef CSAT_SURVEY_SURVEY_HPP
#define CSAT_SURVEY_SURVEY_HPP

/// \file
/// Umbrella header of csat::survey: reading data, missing-data policies, scales, item statistics.

#include <csat/core/core.hpp>
#include <csat/survey/csv.hpp>

#endif
