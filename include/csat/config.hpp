#ifndef CSAT_CONFIG_HPP
#define CSAT_CONFIG_HPP

/// \file
/// Compile-time requirements shared by every csat header.

#if __cplusplus < 201703L && !(defined(_MSVC_LANG) && _MSVC_LANG >= 201703L)
#error "csat needs C++17 or later"
#endif

#include <Eigen/Core>

#if !EIGEN_VERSION_AT_LEAST(3, 4, 0)
#error "csat needs Eigen 3.4 or later"
#endif

#include <boost/version.hpp>
#if BOOST_VERSION < 107400
#error "csat needs Boost (Boost.Math) 1.74 or later"
#endif

#endif
