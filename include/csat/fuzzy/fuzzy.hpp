#ifndef CSAT_FUZZY_FUZZY_HPP
#define CSAT_FUZZY_FUZZY_HPP

/// \file
/// Umbrella header of csat::fuzzy: fuzzy comprehensive evaluation (模糊综合评价).
///
/// - grades.hpp: grade sets with names and scores (the power-industry five-grade preset).
/// - membership.hpp: membership matrices from survey responses and from membership functions (KPIs).
/// - compose.hpp: B = A ∘ R under M(∧,∨), M(·,∨), M(∧,⊕), M(·,⊕), the balanced operator or a user t-norm/t-conorm.
/// - interpret.hpp: maximum-membership grade, validity index, weighted score, ranking of units.
/// - evaluate.hpp: multi-level evaluation over a tree of any depth.
/// - ahp_evaluate.hpp: the same over a csat::ahp hierarchy (AHP local and global weights plug in).

#include <csat/core/core.hpp>
#include <csat/fuzzy/ahp_evaluate.hpp>
#include <csat/fuzzy/compose.hpp>
#include <csat/fuzzy/evaluate.hpp>
#include <csat/fuzzy/grades.hpp>
#include <csat/fuzzy/interpret.hpp>
#include <csat/fuzzy/membership.hpp>

#endif
