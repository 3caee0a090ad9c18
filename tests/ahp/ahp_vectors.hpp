// Test vectors of csat::ahp (published AHP examples; sources in each comment) and small helpers.
#ifndef CSAT_TESTS_AHP_VECTORS_HPP
#define CSAT_TESTS_AHP_VECTORS_HPP

#include <csat/ahp/pairwise.hpp>

#include <Eigen/Core>

#include <cmath>
#include <initializer_list>
#include <random>
#include <vector>

namespace ahp_test {

/// Complete matrix from the upper triangle in row order (a12, a13, ..., a1n, a23, ...).
inline Eigen::MatrixXd upper(std::initializer_list<double> u) {
  const auto m = static_cast<Eigen::Index>(u.size());
  Eigen::Index n = 1;
  while (n * (n - 1) / 2 < m) ++n;
  Eigen::MatrixXd a = Eigen::MatrixXd::Ones(n, n);
  auto it = u.begin();
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = i + 1; j < n; ++j) {
      a(i, j) = *it++;
      a(j, i) = 1.0 / a(i, j);
    }
  return a;
}

/// Row-major full matrix.
inline Eigen::MatrixXd rows(Eigen::Index n, std::initializer_list<double> v) {
  Eigen::MatrixXd a(n, n);
  auto it = v.begin();
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) a(i, j) = *it++;
  return a;
}

// V1: drinks consumption (Saaty 2008, Int. J. Services Sciences 1(1):83-98). coffee, wine, tea, beer, soda, milk, water.
inline Eigen::MatrixXd drinks() {
  return rows(7, {1,     9, 5,     2,     1,     1,     1. / 2,
                  1. / 9, 1, 1. / 3, 1. / 9, 1. / 9, 1. / 9, 1. / 9,
                  1. / 5, 3, 1,     1. / 3, 1. / 4, 1. / 3, 1. / 9,
                  1. / 2, 9, 3,     1,     1. / 2, 1,     1. / 3,
                  1,     9, 4,     2,     1,     2,     1. / 2,
                  1,     9, 3,     1,     1. / 2, 1,     1. / 3,
                  2,     9, 9,     3,     2,     3,     1});
}

// V2: leader example criteria (Wikipedia "AHP - leader example"): Exp, Edu, Cha, Age.
inline Eigen::MatrixXd leader_criteria() { return upper({4, 3, 7, 1. / 3, 3, 5}); }

// V4: cities criteria (Saaty 2008 IJSSci Table 3): Culture, Family, Housing, Jobs, Transport.
inline Eigen::MatrixXd cities_criteria() {
  return rows(5, {1,      1. / 5, 3,      1. / 2, 5,
                  5,      1,      7,      1,      7,
                  1. / 3, 1. / 7, 1,      1. / 4, 3,
                  2,      1,      4,      1,      7,
                  1. / 5, 1. / 7, 1. / 3, 1. / 7, 1});
}

// V7: pyAHP README television criteria (cost, efficiency, size, resolution, rating).
inline Eigen::MatrixXd television_criteria() {
  return rows(5, {1,      1,  3,      1. / 4, 2,
                  1,      1,  1. / 3, 2,      1. / 5,
                  1. / 3, 3,  1,      1. / 3, 5,
                  4,      .5, 3,      1,      5,
                  1. / 2, 5,  1. / 5, 1. / 5, 1});
}

/// A random reciprocal matrix with upper entries drawn from Saaty's scale 1/9..9.
inline Eigen::MatrixXd random_reciprocal(Eigen::Index n, std::mt19937_64& rng) {
  static const double scale[] = {1. / 9, 1. / 8, 1. / 7, 1. / 6, 1. / 5, 1. / 4, 1. / 3, 1. / 2, 1,
                                 2,      3,      4,      5,      6,      7,      8,      9};
  std::uniform_int_distribution<int> pick(0, 16);
  Eigen::MatrixXd a = Eigen::MatrixXd::Ones(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = i + 1; j < n; ++j) {
      a(i, j) = scale[pick(rng)];
      a(j, i) = 1.0 / a(i, j);
    }
  return a;
}

}  // namespace ahp_test

#endif
