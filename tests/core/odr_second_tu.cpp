// Second translation unit of the ODR test: includes everything csat offers once more.
#include <csat/csat.hpp>

int csat_odr_second_tu() { return CSAT_VERSION_MAJOR * 10000 + CSAT_VERSION_MINOR * 100 + CSAT_VERSION_PATCH; }
