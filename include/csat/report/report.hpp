#ifndef CSAT_REPORT_REPORT_HPP
#define CSAT_REPORT_REPORT_HPP

/// \file
/// Umbrella header of csat::report: SVG pictures of a study (path diagram, IPMA map, intervals, grade
/// distributions).

#include <csat/core/core.hpp>
#include <csat/report/charts.hpp>
#include <csat/report/svg.hpp>

#endif
