// Models used by several test files.
#ifndef CSAT_TESTS_SUPPORT_MODELS_HPP
#define CSAT_TESTS_SUPPORT_MODELS_HPP

#include <csat/model/presets.hpp>

namespace csat_test {

/// The ECSI model with the indicators of the mobi data (seminr's and plspm's example).
inline csat::model::specification ecsi() { return csat::model::ecsi(csat::model::mobi_indicators()); }

/// The three-factor Holzinger–Swineford model of lavaan's tutorial.
inline constexpr const char* hs_model = "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9\n";

}  // namespace csat_test

#endif
