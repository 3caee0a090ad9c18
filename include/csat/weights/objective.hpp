#ifndef CSAT_WEIGHTS_OBJECTIVE_HPP
#define CSAT_WEIGHTS_OBJECTIVE_HPP

/// \file
/// Objective indicator weights from a data matrix X (objects x indicators): the entropy weight method,
/// CRITIC (Diakoulaki, Mavrotas & Papayannakis 1995) and the coefficient of variation.
///
/// Entropy (min–max variant, pinned): x'_ij = (x_ij − min_j)/(max_j − min_j) for benefit indicators,
/// (max_j − x_ij)/(max_j − min_j) for cost indicators; p_ij = x'_ij / Σ_i x'_ij;
/// e_j = −(1/ln N) Σ_i p_ij ln p_ij (0 ln 0 = 0); d_j = 1 − e_j; w_j = d_j / Σ d_j.
/// The ratio variant uses x/Σx (benefit) and (1/x)/Σ(1/x) (cost) on positive data instead.
/// CRITIC: min–max orientation as above, σ_j the standard deviation of column j, r_jk the Pearson correlation,
/// C_j = σ_j Σ_k (1 − r_jk), w_j = C_j / Σ C_j.
/// Coefficient of variation: v_j = σ_j / |mean_j| on the raw data, w_j = v_j / Σ v_j.
/// (The standard deviation divisor, N or N−1, cancels in all normalized weights; N−1 is reported.)

#include <csat/config.hpp>
#include <csat/core/error.hpp>
#include <csat/core/validate.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace csat {
namespace weights {

/// Whether larger (benefit) or smaller (cost) values of an indicator are better.
enum class criterion { benefit, cost };

/// Data normalization of the entropy method.
enum class entropy_normalization {
  min_max,  ///< (x − min)/(max − min), reversed for cost indicators (the default; the textbook form)
  ratio     ///< x/Σx for benefit, (1/x)/Σ(1/x) for cost; requires positive data
};

/// Options shared by the objective methods.
struct objective_options {
  std::vector<criterion> criteria{};     ///< per indicator; empty = all benefit
  std::vector<std::string> names{};      ///< indicator names for messages; empty = "indicator j"
  entropy_normalization entropy = entropy_normalization::min_max;
};

/// Entropy weights with the intermediate quantities.
template <class Scalar = double>
struct entropy_result {
  Eigen::VectorX<Scalar> weights;     ///< w_j, Σ = 1
  Eigen::VectorX<Scalar> entropy;     ///< e_j in [0, 1]
  Eigen::VectorX<Scalar> divergence;  ///< d_j = 1 − e_j
  Eigen::MatrixX<Scalar> shares;      ///< p_ij
};

/// CRITIC weights with the intermediate quantities.
template <class Scalar = double>
struct critic_result {
  Eigen::VectorX<Scalar> weights;      ///< w_j, Σ = 1
  Eigen::VectorX<Scalar> sd;           ///< σ_j of the oriented, min–max scaled column (N−1 divisor)
  Eigen::MatrixX<Scalar> correlation;  ///< r_jk
  Eigen::VectorX<Scalar> information;  ///< C_j = σ_j Σ_k (1 − r_jk)
};

/// Coefficient-of-variation weights.
template <class Scalar = double>
struct variation_result {
  Eigen::VectorX<Scalar> weights;  ///< w_j, Σ = 1
  Eigen::VectorX<Scalar> mean;
  Eigen::VectorX<Scalar> sd;       ///< N−1 divisor
  Eigen::VectorX<Scalar> cv;       ///< σ_j / |mean_j|
};

namespace detail {

inline std::string indicator_label(const std::vector<std::string>& names, Eigen::Index j) {
  std::string s = "indicator " + std::to_string(j);
  if (static_cast<std::size_t>(j) < names.size() && !names[static_cast<std::size_t>(j)].empty())
    s += " (" + csat::detail::quoted(names[static_cast<std::size_t>(j)]) + ")";
  return s;
}

template <class Derived>
Eigen::MatrixX<typename Derived::Scalar> checked_data(const char* fn, const Eigen::MatrixBase<Derived>& x,
                                                      const objective_options& o, Eigen::Index min_rows,
                                                      Eigen::VectorX<typename Derived::Scalar>* units = nullptr) {
  using Scalar = typename Derived::Scalar;
  Eigen::MatrixX<Scalar> m = x;
  if (m.cols() == 0) csat::detail::throw_invalid_argument(fn, "the data matrix has no indicators");
  if (m.rows() < min_rows)
    csat::detail::throw_invalid_argument(fn, "the data matrix has " + std::to_string(m.rows()) +
                                                 " objects, but at least " + std::to_string(min_rows) + " are needed");
  if (!o.criteria.empty()) csat::detail::check_size(fn, "criteria", static_cast<Eigen::Index>(o.criteria.size()), m.cols());
  if (!o.names.empty()) csat::detail::check_size(fn, "names", static_cast<Eigen::Index>(o.names.size()), m.cols());
  for (Eigen::Index j = 0; j < m.cols(); ++j)
    for (Eigen::Index i = 0; i < m.rows(); ++i)
      if (!std::isfinite(static_cast<double>(m(i, j))))
        csat::detail::throw_domain_error(fn, indicator_label(o.names, j) + ", object " + std::to_string(i) + ": value",
                                         static_cast<double>(m(i, j)), "must be finite");
  // Every method is unchanged when an indicator is multiplied by a positive number. Each column is divided by
  // a power of two near its largest magnitude (exact, so ordinary data give identical results),
  // so that values near 1e308 do not overflow max − min, sums or squares.
  if (units) units->resize(m.cols());
  for (Eigen::Index j = 0; j < m.cols(); ++j) {
    const double big = static_cast<double>(m.col(j).cwiseAbs().maxCoeff());
    Scalar u(1);
    if (big > 0) {
      int e = 0;
      (void)std::frexp(big, &e);
      u = static_cast<Scalar>(std::ldexp(1.0, e - 1));  // 2^(e-1) itself never overflows
    }
    m.col(j) /= u;
    if (units) (*units)(j) = u;
  }
  return m;
}

inline criterion criterion_of(const objective_options& o, Eigen::Index j) {
  return o.criteria.empty() ? criterion::benefit : o.criteria[static_cast<std::size_t>(j)];
}

/// Min–max scaling oriented by criterion; a constant column is a domain error naming the indicator.
template <class Scalar>
Eigen::MatrixX<Scalar> min_max(const char* fn, const Eigen::MatrixX<Scalar>& x, const objective_options& o) {
  Eigen::MatrixX<Scalar> z(x.rows(), x.cols());
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    const Scalar lo = x.col(j).minCoeff(), hi = x.col(j).maxCoeff();
    if (!(hi > lo))
      csat::detail::throw_domain_error(fn, indicator_label(o.names, j) + ": range max − min", static_cast<double>(hi - lo),
                                       "must be positive (the indicator is constant and carries no information)");
    for (Eigen::Index i = 0; i < x.rows(); ++i)
      z(i, j) = criterion_of(o, j) == criterion::benefit ? (x(i, j) - lo) / (hi - lo) : (hi - x(i, j)) / (hi - lo);
  }
  return z;
}

template <class Scalar>
Eigen::VectorX<Scalar> column_sd(const Eigen::MatrixX<Scalar>& z) {
  using std::sqrt;
  Eigen::VectorX<Scalar> sd(z.cols());
  for (Eigen::Index j = 0; j < z.cols(); ++j) {
    const Scalar mu = z.col(j).mean();
    sd(j) = sqrt((z.col(j).array() - mu).square().sum() / Scalar(z.rows() - 1));
  }
  return sd;
}

}  // namespace detail

/// Entropy weights of the columns of X (objects x indicators).
template <class Derived>
entropy_result<typename Derived::Scalar> entropy_weights(const Eigen::MatrixBase<Derived>& data,
                                                         const objective_options& options = {}) {
  using Scalar = typename Derived::Scalar;
  using std::log;
  static const char* fn = "csat::weights::entropy_weights";
  const Eigen::MatrixX<Scalar> x = detail::checked_data(fn, data, options, 2);
  const Eigen::Index n = x.rows(), k = x.cols();
  Eigen::MatrixX<Scalar> z;
  if (options.entropy == entropy_normalization::min_max) {
    z = detail::min_max(fn, x, options);
  } else {
    z.resize(n, k);
    for (Eigen::Index j = 0; j < k; ++j)
      for (Eigen::Index i = 0; i < n; ++i) {
        if (!(x(i, j) > Scalar(0)))
          csat::detail::throw_domain_error(fn, detail::indicator_label(options.names, j) + ", object " + std::to_string(i) + ": value",
                                           static_cast<double>(data.derived()(i, j)), "must be positive for the ratio normalization");
        z(i, j) = detail::criterion_of(options, j) == criterion::benefit ? x(i, j) : Scalar(1) / x(i, j);
      }
  }
  entropy_result<Scalar> r;
  r.shares.resize(n, k);
  r.entropy.resize(k);
  const Scalar inv_log_n = Scalar(1) / log(Scalar(n));
  for (Eigen::Index j = 0; j < k; ++j) {
    const Scalar s = z.col(j).sum();
    Scalar e(0);
    for (Eigen::Index i = 0; i < n; ++i) {
      const Scalar p = z(i, j) / s;
      r.shares(i, j) = p;
      if (p > Scalar(0)) e -= p * log(p);
    }
    r.entropy(j) = e * inv_log_n;
  }
  r.divergence = Eigen::VectorX<Scalar>::Ones(k) - r.entropy;
  const Scalar total = r.divergence.sum();
  if (!(total > Scalar(0)))
    csat::detail::throw_domain_error(fn, "sum of divergences 1 − e_j", static_cast<double>(total),
                                     "must be positive (every indicator is uniformly distributed)");
  r.weights = r.divergence / total;
  return r;
}

/// CRITIC weights of the columns of X (objects x indicators).
template <class Derived>
critic_result<typename Derived::Scalar> critic_weights(const Eigen::MatrixBase<Derived>& data,
                                                       const objective_options& options = {}) {
  using Scalar = typename Derived::Scalar;
  static const char* fn = "csat::weights::critic_weights";
  const Eigen::MatrixX<Scalar> x = detail::checked_data(fn, data, options, 3);
  const Eigen::MatrixX<Scalar> z = detail::min_max(fn, x, options);
  const Eigen::Index n = z.rows(), k = z.cols();
  critic_result<Scalar> r;
  r.sd = detail::column_sd(z);
  Eigen::MatrixX<Scalar> c = z.rowwise() - z.colwise().mean();
  r.correlation = (c.transpose() * c) / Scalar(n - 1);
  for (Eigen::Index a = 0; a < k; ++a)
    for (Eigen::Index b = 0; b < k; ++b) r.correlation(a, b) /= r.sd(a) * r.sd(b);
  r.information.resize(k);
  for (Eigen::Index j = 0; j < k; ++j) r.information(j) = r.sd(j) * (Scalar(k) - r.correlation.col(j).sum());
  const Scalar total = r.information.sum();
  if (!(total > Scalar(0)))
    csat::detail::throw_domain_error(fn, "sum of information C_j", static_cast<double>(total), "must be positive");
  r.weights = r.information / total;
  return r;
}

/// Coefficient-of-variation weights of the columns of X (objects x indicators), on the raw values.
template <class Derived>
variation_result<typename Derived::Scalar> variation_weights(const Eigen::MatrixBase<Derived>& data,
                                                             const objective_options& options = {}) {
  using Scalar = typename Derived::Scalar;
  using std::abs;
  static const char* fn = "csat::weights::variation_weights";
  Eigen::VectorX<Scalar> units;
  const Eigen::MatrixX<Scalar> x = detail::checked_data(fn, data, options, 2, &units);
  variation_result<Scalar> r;
  r.mean = x.colwise().mean().transpose();
  r.sd = detail::column_sd(x);
  r.cv.resize(x.cols());
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    if (!(abs(r.mean(j)) > Scalar(0)))
      csat::detail::throw_domain_error(fn, detail::indicator_label(options.names, j) + ": mean", static_cast<double>(r.mean(j)),
                                       "must be non-zero for a coefficient of variation");
    r.cv(j) = r.sd(j) / abs(r.mean(j));
  }
  const Scalar total = r.cv.sum();
  if (!(total > Scalar(0)))
    csat::detail::throw_domain_error(fn, "sum of coefficients of variation", static_cast<double>(total),
                                     "must be positive (every indicator is constant)");
  r.weights = r.cv / total;
  r.mean = r.mean.cwiseProduct(units);
  r.sd = r.sd.cwiseProduct(units);
  return r;
}

}  // namespace weights
}  // namespace csat

#endif
