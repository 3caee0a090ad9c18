#ifndef CSAT_AHP_AHP_HPP
#define CSAT_AHP_AHP_HPP

/// \file
/// Umbrella header of csat::ahp: pairwise matrices, priorities, consistency, incomplete matrices,
/// diagnosis and repair, groups, hierarchies and sensitivity.

#include <csat/core/core.hpp>

#include <csat/ahp/pairwise.hpp>
#include <csat/ahp/priority.hpp>
#include <csat/ahp/consistency.hpp>
#include <csat/ahp/incomplete.hpp>
#include <csat/ahp/analysis.hpp>
#include <csat/ahp/group.hpp>
#include <csat/ahp/hierarchy.hpp>
#include <csat/ahp/hierarchy_file.hpp>
#include <csat/ahp/diagnosis.hpp>
#include <csat/ahp/sensitivity.hpp>
#include <csat/ahp/fuzzy_ahp.hpp>

#endif
