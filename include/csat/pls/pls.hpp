#ifndef CSAT_PLS_PLS_HPP
#define CSAT_PLS_PLS_HPP

/// \file
/// Umbrella header of csat::pls: PLS path modeling, quality criteria, bootstrap, 0–100 indices, IPMA, moderation,
/// multi-group comparison, higher-order constructs, prediction (PLSpredict) and mediation.

#include <csat/core/core.hpp>
#include <csat/pls/estimate.hpp>
#include <csat/pls/quality.hpp>
#include <csat/pls/index.hpp>
#include <csat/pls/bootstrap.hpp>
#include <csat/pls/groups.hpp>
#include <csat/pls/moderation.hpp>
#include <csat/pls/higher_order.hpp>
#include <csat/pls/predict.hpp>
#include <csat/pls/mediation.hpp>

#endif
