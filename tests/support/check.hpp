// Small helpers shared by the unit tests: vectors from literals and entry-by-entry comparisons.
#ifndef CSAT_TESTS_SUPPORT_CHECK_HPP
#define CSAT_TESTS_SUPPORT_CHECK_HPP

#include <catch2/catch.hpp>

#include <Eigen/Core>

#include <cmath>
#include <initializer_list>

namespace csat_test {

inline Eigen::RowVectorXd row(std::initializer_list<double> v) {
  Eigen::RowVectorXd r(static_cast<Eigen::Index>(v.size()));
  Eigen::Index j = 0;
  for (double x : v) r(j++) = x;
  return r;
}

inline Eigen::VectorXd vec(std::initializer_list<double> v) { return row(v).transpose(); }

/// Every entry of `got` within `tol` of `want`, with the entry number and both values on failure.
template <class Derived>
void check_entries(const Eigen::DenseBase<Derived>& got, std::initializer_list<double> want, double tol) {
  REQUIRE(got.size() == static_cast<Eigen::Index>(want.size()));
  Eigen::Index j = 0;
  for (double w : want) {
    const double g = got(j);
    INFO("entry " << j << ": got " << g << ", want " << w);
    CHECK(std::abs(g - w) <= tol);
    ++j;
  }
}

inline void check_vector(const Eigen::VectorXd& got, std::initializer_list<double> want, double tol) {
  check_entries(got, want, tol);
}

inline void check_row(const Eigen::RowVectorXd& got, std::initializer_list<double> want, double tol = 1e-12) {
  check_entries(got, want, tol);
}

}  // namespace csat_test

#endif
