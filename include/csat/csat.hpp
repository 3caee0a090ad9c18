#ifndef CSAT_CSAT_HPP
#define CSAT_CSAT_HPP

/// \file
/// Everything csat offers. Convenient for applications; csat's own headers never include it.

#include <csat/version.hpp>
#include <csat/core/core.hpp>
#include <csat/survey/survey.hpp>
#include <csat/model/model.hpp>
#include <csat/pls/pls.hpp>
#include <csat/sem/sem.hpp>
#include <csat/ahp/ahp.hpp>
#include <csat/fuzzy/fuzzy.hpp>
#include <csat/weights/weights.hpp>
#include <csat/simulate/simulate.hpp>
#include <csat/report/report.hpp>

#endif
