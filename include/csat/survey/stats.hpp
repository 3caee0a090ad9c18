#ifndef CSAT_SURVEY_STATS_HPP
#define CSAT_SURVEY_STATS_HPP

/// \file
/// Item statistics and correlation matrices of survey data.
///
/// Per column, over the observed (non-NaN) cells, n of them, with mean x̄ and central moments
/// m_r = Σ(x − x̄)^r / n:
/// - sd = sqrt(Σ(x − x̄)² / (n − 1))                                        (NaN if n < 2)
/// - skewness G1 = g1 · sqrt(n(n − 1)) / (n − 2), g1 = m3 / m2^(3/2)        (NaN if n < 3 or m2 = 0)
/// - excess kurtosis G2 = (n − 1) / ((n − 2)(n − 3)) · ((n + 1) g2 + 6), g2 = m4 / m2² − 3
///                                                                          (NaN if n < 4 or m2 = 0)
/// G1 and G2 are the sample-adjusted estimators of SPSS, SAS, Excel (SKEW, KURT) and R's e1071 type 2
/// (Joanes & Gill 1998, "Comparing measures of sample skewness and kurtosis", The Statistician 47).
///
/// Correlations are Pearson's, from either pairwise-complete observations (each pair of columns uses the rows
/// where both are observed; R's use = "pairwise.complete.obs") or listwise-complete rows (rows with no NaN in
/// any column; use = "complete.obs"). A pair with fewer than 2 observations or a constant column gives NaN.

#include <csat/config.hpp>
#include <csat/core/error.hpp>
#include <csat/core/validate.hpp>
#include <csat/survey/csv.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace csat {
namespace survey {

/// Descriptive statistics of each column (observed cells only).
template <class Scalar = double>
struct item_statistics {
  std::vector<std::string> names;       ///< column names (empty for a plain matrix)
  Eigen::VectorX<Eigen::Index> n;       ///< observed cells
  Eigen::VectorX<Eigen::Index> missing; ///< missing (NaN) cells
  Eigen::VectorX<Scalar> mean;
  Eigen::VectorX<Scalar> sd;            ///< with n − 1
  Eigen::VectorX<Scalar> min;
  Eigen::VectorX<Scalar> max;
  Eigen::VectorX<Scalar> skewness;      ///< sample-adjusted G1
  Eigen::VectorX<Scalar> kurtosis;      ///< sample-adjusted excess kurtosis G2
};

namespace detail_stats {
/// 2^(e-1) with max_abs / 2^(e-1) in [1, 2): dividing by it is exact (no rounding) and keeps sums of values near
/// the largest double (1e308) and of their squares from overflowing; 1 for 0, NaN or infinity.
template <class Scalar>
Scalar power_of_two_scale(Scalar max_abs) {
  if (!(max_abs > Scalar(0)) || !std::isfinite(static_cast<double>(max_abs))) return Scalar(1);
  int e = 0;
  (void)std::frexp(static_cast<double>(max_abs), &e);
  return static_cast<Scalar>(std::ldexp(1.0, e - 1));
}

template <class Derived>
void check_no_infinity(const char* function, const Eigen::MatrixBase<Derived>& m) {
  for (Eigen::Index j = 0; j < m.cols(); ++j)
    for (Eigen::Index i = 0; i < m.rows(); ++i)
      if (std::isinf(static_cast<double>(m(i, j))))
        detail::throw_domain_error(function, detail::element_name("x", i, j), static_cast<double>(m(i, j)),
                                   "must be finite (NaN marks a missing cell)");
}
}  // namespace detail_stats

/// Statistics of every column of `x` (rows = respondents); NaN cells are missing and skipped.
template <class Derived>
item_statistics<typename Derived::Scalar> describe(const Eigen::MatrixBase<Derived>& x) {
  using Scalar = typename Derived::Scalar;
  using std::sqrt;
  detail_stats::check_no_infinity("csat::survey::describe", x);
  // each column is divided by a power of two near its largest magnitude (exact), so that values near 1e308
  // do not overflow the sums; mean, sd, min and max are scaled back, skewness and kurtosis are scale-free
  Eigen::MatrixX<Scalar> m = x;
  Eigen::VectorX<Scalar> unit(m.cols());
  for (Eigen::Index j = 0; j < m.cols(); ++j) {
    Scalar big(0);
    for (Eigen::Index i = 0; i < m.rows(); ++i)
      if (!std::isnan(static_cast<double>(m(i, j)))) big = std::max<Scalar>(big, std::abs(m(i, j)));
    unit(j) = detail_stats::power_of_two_scale(big);
    m.col(j) /= unit(j);
  }
  const Eigen::Index p = m.cols();
  const Scalar nan = std::numeric_limits<Scalar>::quiet_NaN();
  item_statistics<Scalar> s;
  s.n.resize(p); s.missing.resize(p); s.mean.resize(p); s.sd.resize(p); s.min.resize(p); s.max.resize(p);
  s.skewness.resize(p); s.kurtosis.resize(p);
  for (Eigen::Index j = 0; j < p; ++j) {
    Eigen::Index n = 0;
    Scalar sum(0), lo = nan, hi = nan;
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
      const Scalar v = m(i, j);
      if (std::isnan(static_cast<double>(v))) continue;
      sum += v;
      if (n == 0 || v < lo) lo = v;
      if (n == 0 || v > hi) hi = v;
      ++n;
    }
    s.n(j) = n;
    s.missing(j) = m.rows() - n;
    s.min(j) = lo * unit(j);
    s.max(j) = hi * unit(j);
    if (n == 0) { s.mean(j) = s.sd(j) = s.skewness(j) = s.kurtosis(j) = nan; continue; }
    const Scalar mean = sum / static_cast<Scalar>(n);
    Scalar m2(0), m3(0), m4(0);
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
      const Scalar v = m(i, j);
      if (std::isnan(static_cast<double>(v))) continue;
      const Scalar d = v - mean, d2 = d * d;
      m2 += d2; m3 += d2 * d; m4 += d2 * d2;
    }
    const Scalar nn = static_cast<Scalar>(n);
    s.mean(j) = mean * unit(j);
    s.sd(j) = n >= 2 ? Scalar(sqrt(m2 / (nn - 1)) * unit(j)) : nan;
    m2 /= nn; m3 /= nn; m4 /= nn;
    const bool varies = m2 > Scalar(0);
    if (n >= 3 && varies) {
      const Scalar g1 = m3 / (m2 * sqrt(m2));
      s.skewness(j) = g1 * sqrt(nn * (nn - 1)) / (nn - 2);
    } else {
      s.skewness(j) = nan;
    }
    if (n >= 4 && varies) {
      const Scalar g2 = m4 / (m2 * m2) - Scalar(3);
      s.kurtosis(j) = (nn - 1) / ((nn - 2) * (nn - 3)) * ((nn + 1) * g2 + Scalar(6));
    } else {
      s.kurtosis(j) = nan;
    }
  }
  return s;
}

/// Statistics of the numeric columns of a table, with their names.
template <class Scalar>
item_statistics<Scalar> describe(const data_table<Scalar>& table) {
  item_statistics<Scalar> s = describe(table.values);
  s.names = table.names;
  return s;
}

/// How correlations treat missing cells.
enum class correlation_missing {
  pairwise,  ///< each pair uses the rows where both columns are observed
  listwise   ///< only rows with every column observed
};

/// A correlation matrix and the number of observations behind each entry.
template <class Scalar = double>
struct correlation_result {
  Eigen::MatrixX<Scalar> r;             ///< Pearson correlations (1 on the diagonal of a varying column)
  Eigen::MatrixX<Eigen::Index> n;       ///< observations used for each pair
  correlation_missing method = correlation_missing::pairwise;
};

/// Pearson correlation matrix of the columns of `x` (NaN = missing).
template <class Derived>
correlation_result<typename Derived::Scalar> correlation(const Eigen::MatrixBase<Derived>& x,
                                                         correlation_missing method = correlation_missing::pairwise) {
  using Scalar = typename Derived::Scalar;
  using std::sqrt;
  detail_stats::check_no_infinity("csat::survey::correlation", x);
  // columns divided by a power of two near their largest magnitude (exact; correlations are scale-free)
  Eigen::MatrixX<Scalar> m = x;
  for (Eigen::Index j = 0; j < m.cols(); ++j) {
    Scalar big(0);
    for (Eigen::Index i = 0; i < m.rows(); ++i)
      if (!std::isnan(static_cast<double>(m(i, j)))) big = std::max<Scalar>(big, std::abs(m(i, j)));
    m.col(j) /= detail_stats::power_of_two_scale(big);
  }
  const Eigen::Index p = m.cols(), rows = m.rows();
  const Scalar nan = std::numeric_limits<Scalar>::quiet_NaN();
  correlation_result<Scalar> out;
  out.method = method;
  out.r.setConstant(p, p, nan);
  out.n.setZero(p, p);

  // Observed-cell mask; with listwise, a row counts only if all its cells are observed.
  Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic> obs(rows, p);
  for (Eigen::Index j = 0; j < p; ++j)
    for (Eigen::Index i = 0; i < rows; ++i) obs(i, j) = !std::isnan(static_cast<double>(m(i, j)));
  if (method == correlation_missing::listwise)
    for (Eigen::Index i = 0; i < rows; ++i) {
      const bool all = obs.row(i).all();
      if (!all) obs.row(i).setConstant(false);
    }

  for (Eigen::Index a = 0; a < p; ++a)
    for (Eigen::Index b = a; b < p; ++b) {
      Eigen::Index n = 0;
      Scalar sa(0), sb(0);
      for (Eigen::Index i = 0; i < rows; ++i)
        if (obs(i, a) && obs(i, b)) { sa += m(i, a); sb += m(i, b); ++n; }
      out.n(a, b) = out.n(b, a) = n;
      if (n < 2) continue;
      const Scalar ma = sa / static_cast<Scalar>(n), mb = sb / static_cast<Scalar>(n);
      Scalar saa(0), sbb(0), sab(0);
      for (Eigen::Index i = 0; i < rows; ++i)
        if (obs(i, a) && obs(i, b)) {
          const Scalar da = m(i, a) - ma, db = m(i, b) - mb;
          saa += da * da; sbb += db * db; sab += da * db;
        }
      if (!(saa > Scalar(0) && sbb > Scalar(0))) continue;
      Scalar r = a == b ? Scalar(1) : Scalar(sab / sqrt(saa * sbb));
      if (r > Scalar(1)) r = Scalar(1);
      if (r < Scalar(-1)) r = Scalar(-1);
      out.r(a, b) = out.r(b, a) = r;
    }
  return out;
}

}  // namespace survey
}  // namespace csat

#endif
