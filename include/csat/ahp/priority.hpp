#ifndef CSAT_AHP_PRIORITY_HPP
#define CSAT_AHP_PRIORITY_HPP

/// \file
/// Priority vectors of pairwise comparison matrices.
///
/// - EV (principal right eigenvector, Saaty 1977/1980): A w = λmax w, Σw = 1; computed by power iteration
///   to a tolerance (Perron–Frobenius: a positive matrix has a unique positive eigenvector).
/// - RGMM (row geometric mean, Crawford & Williams 1985): wᵢ ∝ (Πⱼ aᵢⱼ)^{1/n}.
/// - NCM (normalized column mean, "additive normalization"): wᵢ = (1/n) Σⱼ aᵢⱼ / Σₖ aₖⱼ.
/// - LLSM (logarithmic least squares): minimise Σ over known pairs of (ln aᵢⱼ − ln wᵢ + ln wⱼ)²; a Laplacian
///   linear system on the comparison graph. Equal to RGMM for complete matrices; defined for incomplete ones.
/// - Harker (1987): for incomplete matrices, the Perron vector of B (missing cells 0, bᵢᵢ = 1 + missing in row i).
///
/// All vectors are normalised to sum 1 and returned in input order.

#include <csat/config.hpp>
#include <csat/ahp/pairwise.hpp>
#include <csat/core/error.hpp>
#include <csat/core/validate.hpp>

#include <Eigen/Cholesky>

#include <cmath>
#include <string>

namespace csat {
namespace ahp {

/// Priority derivation method.
enum class priority_method {
  eigenvector,  ///< principal right eigenvector (EV), the default
  rgmm,         ///< row geometric mean
  ncm,          ///< normalized column mean
  llsm          ///< logarithmic least squares on the comparison graph
};

/// "ev", "rgmm", "ncm", "llsm".
inline const char* to_string(priority_method m) {
  switch (m) {
    case priority_method::eigenvector: return "ev";
    case priority_method::rgmm: return "rgmm";
    case priority_method::ncm: return "ncm";
    case priority_method::llsm: return "llsm";
  }
  return "?";
}

/// Parses "ev" (or "eigenvector"), "rgmm" (or "geometric"), "ncm", "llsm"; csat::invalid_argument otherwise.
inline priority_method parse_priority_method(const std::string& s) {
  if (s == "ev" || s == "eigenvector") return priority_method::eigenvector;
  if (s == "rgmm" || s == "geometric") return priority_method::rgmm;
  if (s == "ncm") return priority_method::ncm;
  if (s == "llsm") return priority_method::llsm;
  csat::detail::throw_invalid_argument("csat::ahp::parse_priority_method",
                                       "method " + csat::detail::quoted(s) + " is not one of ev, rgmm, ncm, llsm");
}

/// Outcome of an iterative computation.
enum class solver_status { success, no_convergence, numerical_issue };

inline const char* to_string(solver_status s) {
  switch (s) {
    case solver_status::success: return "success";
    case solver_status::no_convergence: return "no_convergence";
    case solver_status::numerical_issue: return "numerical_issue";
  }
  return "?";
}

/// Settings of the power iteration.
struct perron_options {
  double tolerance = 1e-14;    ///< stop when max |Δwᵢ| ≤ tolerance · max wᵢ (or at rounding level)
  int max_iterations = 100000;
};

/// Perron root and vector of a nonnegative irreducible matrix.
template <class Scalar = double>
struct perron_result {
  Eigen::VectorX<Scalar> vector;  ///< Σ = 1, all > 0
  Scalar value = Scalar(0);       ///< the Perron root (λmax)
  int iterations = 0;
  solver_status status = solver_status::success;
};

/// Power iteration for the Perron pair of a nonnegative primitive matrix (positive reciprocal matrices,
/// Harker's B). `start` (optional, positive) speeds up convergence.
template <class Scalar>
perron_result<Scalar> perron(const Eigen::MatrixX<Scalar>& a, const Eigen::VectorX<Scalar>& start = Eigen::VectorX<Scalar>(),
                             const perron_options& options = {}) {
  using std::abs;
  const auto n = a.rows();
  perron_result<Scalar> r;
  Eigen::VectorX<Scalar> x = start.size() == n ? Eigen::VectorX<Scalar>(start / start.sum())
                                               : Eigen::VectorX<Scalar>::Constant(n, Scalar(1) / Scalar(n));
  Eigen::VectorX<Scalar> y(n);
  r.status = solver_status::no_convergence;
  for (int it = 1; it <= options.max_iterations; ++it) {
    y.noalias() = a * x;
    const Scalar s = y.sum();
    if (!(s > Scalar(0)) || !std::isfinite(static_cast<double>(s))) { r.status = solver_status::numerical_issue; break; }
    y /= s;
    const Scalar change = (y - x).cwiseAbs().maxCoeff();
    x.swap(y);
    r.iterations = it;
    r.value = s;
    if (change <= Scalar(options.tolerance) * x.maxCoeff() ||
        change <= Scalar(8) * Eigen::NumTraits<Scalar>::epsilon() * x.maxCoeff()) { r.status = solver_status::success; break; }
  }
  // λ from the final vector: Σ(Ax) with Σx = 1
  r.value = (a * x).sum();
  r.vector = x;
  return r;
}

/// Principal right eigenvector (EV) of a complete positive matrix, with λmax. Starts from the RGMM vector.
template <class Scalar>
perron_result<Scalar> eigenvector(const Eigen::MatrixX<Scalar>& a, const perron_options& options = {});

/// Row geometric mean (RGMM) of a complete positive matrix, normalised to sum 1.
template <class Scalar>
Eigen::VectorX<Scalar> rgmm(const Eigen::MatrixX<Scalar>& a) {
  using std::exp;
  using std::log;
  const auto n = a.rows();
  Eigen::VectorX<Scalar> y(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    Scalar s(0);
    for (Eigen::Index j = 0; j < n; ++j) s += log(a(i, j));
    y(i) = s / Scalar(n);
  }
  const Scalar m = y.maxCoeff();
  Eigen::VectorX<Scalar> w(n);
  for (Eigen::Index i = 0; i < n; ++i) w(i) = exp(y(i) - m);
  return w / w.sum();
}

template <class Scalar>
perron_result<Scalar> eigenvector(const Eigen::MatrixX<Scalar>& a, const perron_options& options) {
  return perron<Scalar>(a, rgmm<Scalar>(a), options);
}

/// Normalized column mean (NCM): the mean of the column-normalised matrix's rows.
template <class Scalar>
Eigen::VectorX<Scalar> ncm(const Eigen::MatrixX<Scalar>& a) {
  const auto n = a.rows();
  Eigen::VectorX<Scalar> w = Eigen::VectorX<Scalar>::Zero(n);
  for (Eigen::Index j = 0; j < n; ++j) w += a.col(j) / a.col(j).sum();
  w /= Scalar(n);
  return w / w.sum();
}

/// LLSM on the comparison graph of a (possibly incomplete) matrix: solves L y = b with L the graph Laplacian
/// and bᵢ = Σ_{known j} ln aᵢⱼ, normalised so that Σ exp(yᵢ) = 1. Equals RGMM when the matrix is complete.
template <class Scalar>
Eigen::VectorX<Scalar> llsm(const pairwise_matrix<Scalar>& pm) {
  using std::exp;
  using std::log;
  const auto n = pm.size();
  Eigen::MatrixX<Scalar> l = Eigen::MatrixX<Scalar>::Ones(n, n);  // L + 1·1ᵀ (fixes Σy = 0)
  Eigen::VectorX<Scalar> b = Eigen::VectorX<Scalar>::Zero(n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) {
      if (i == j || !pm.known(i, j)) continue;
      l(i, i) += Scalar(1);
      l(i, j) -= Scalar(1);
      b(i) += log(pm(i, j));
    }
  const Eigen::VectorX<Scalar> y = l.ldlt().solve(b);
  const Scalar m = y.maxCoeff();
  Eigen::VectorX<Scalar> w(n);
  for (Eigen::Index i = 0; i < n; ++i) w(i) = exp(y(i) - m);
  return w / w.sum();
}

/// Harker's matrix B of an incomplete matrix: missing cells 0, bᵢᵢ = 1 + (number missing in row i).
template <class Scalar>
Eigen::MatrixX<Scalar> harker_matrix(const pairwise_matrix<Scalar>& pm) {
  const auto n = pm.size();
  Eigen::MatrixX<Scalar> b = pm.values();
  for (Eigen::Index i = 0; i < n; ++i) {
    int missing = 0;
    for (Eigen::Index j = 0; j < n; ++j)
      if (j != i && !pm.known(i, j)) { b(i, j) = Scalar(0); ++missing; }
    b(i, i) = Scalar(1 + missing);
  }
  return b;
}

/// Harker's method: the Perron pair of harker_matrix(pm). For a complete matrix this is EV.
template <class Scalar>
perron_result<Scalar> harker(const pairwise_matrix<Scalar>& pm, const perron_options& options = {}) {
  return perron<Scalar>(harker_matrix(pm), llsm(pm), options);
}

/// A priority vector with its provenance.
template <class Scalar = double>
struct priority_result {
  Eigen::VectorX<Scalar> weights;  ///< Σ = 1, input order
  priority_method method = priority_method::eigenvector;
  solver_status status = solver_status::success;  ///< of the power iteration (EV only)
  int iterations = 0;
};

/// Priorities of a complete positive matrix by `method` (LLSM = RGMM for complete matrices).
template <class Scalar>
priority_result<Scalar> priorities(const Eigen::MatrixX<Scalar>& a, priority_method method = priority_method::eigenvector,
                                   const perron_options& options = {}) {
  priority_result<Scalar> r;
  r.method = method;
  switch (method) {
    case priority_method::eigenvector: {
      auto e = eigenvector<Scalar>(a, options);
      r.weights = std::move(e.vector);
      r.status = e.status;
      r.iterations = e.iterations;
      break;
    }
    case priority_method::rgmm:
    case priority_method::llsm: r.weights = rgmm<Scalar>(a); break;
    case priority_method::ncm: r.weights = ncm<Scalar>(a); break;
  }
  return r;
}

/// Priorities of a pairwise matrix. Complete: as above. Incomplete: LLSM and RGMM use the comparison graph
/// (LLSM), EV uses Harker's method; NCM needs a complete matrix (complete it first, see incomplete.hpp).
template <class Scalar>
priority_result<Scalar> priorities(const pairwise_matrix<Scalar>& pm, priority_method method = priority_method::eigenvector,
                                   const perron_options& options = {}) {
  if (pm.complete()) return priorities<Scalar>(pm.values(), method, options);
  priority_result<Scalar> r;
  r.method = method;
  switch (method) {
    case priority_method::eigenvector: {
      auto e = harker(pm, options);
      r.weights = std::move(e.vector);
      r.status = e.status;
      r.iterations = e.iterations;
      break;
    }
    case priority_method::rgmm:
    case priority_method::llsm: r.weights = llsm(pm); break;
    case priority_method::ncm:
      csat::detail::throw_invalid_argument("csat::ahp::priorities",
                                           "NCM needs a complete matrix, but " + std::to_string(pm.missing_pairs()) +
                                               " pairs are missing (complete it first or use ev, rgmm or llsm)");
  }
  return r;
}

}  // namespace ahp
}  // namespace csat

#endif
