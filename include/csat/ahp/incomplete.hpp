#ifndef CSAT_AHP_INCOMPLETE_HPP
#define CSAT_AHP_INCOMPLETE_HPP

/// \file
/// Completing incomplete pairwise comparison matrices.
///
/// - λ-optimal completion (Bozóki, Fülöp & Rónyai, Math. Comput. Modelling 52:318–333, 2010): the missing
///   entries minimise λmax. With aᵢⱼ = exp(xᵢⱼ), λmax is convex in x and the optimum is unique when the
///   comparison graph is connected. Solved by cyclic coordinate descent; each one-dimensional problem solves
///   ∂λmax/∂xᵢⱼ = vᵢwⱼaᵢⱼ − vⱼwᵢaⱼᵢ = 0 (v, w the left and right Perron vectors, vᵀw = 1) by a bracketing
///   root finder (TOMS 748).
/// - Harker (1987): missing aᵢⱼ = wᵢ/wⱼ with w from Harker's method (then EV of the completed matrix = w).
/// - LLSM: missing aᵢⱼ = wᵢ/wⱼ with w from LLSM on the comparison graph (then RGMM of the completed matrix = w).
///
/// The input is never modified; the completed matrix is returned.

#include <csat/config.hpp>
#include <csat/ahp/pairwise.hpp>
#include <csat/ahp/priority.hpp>
#include <csat/core/error.hpp>
#include <csat/core/validate.hpp>

#include <boost/math/tools/toms748_solve.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

namespace csat {
namespace ahp {

/// How missing judgments are filled.
enum class completion_method {
  lambda_optimal,  ///< minimise λmax (Bozóki–Fülöp–Rónyai 2010), the default
  harker,          ///< wᵢ/wⱼ from Harker's method
  llsm             ///< wᵢ/wⱼ from LLSM on the comparison graph
};

inline const char* to_string(completion_method m) {
  switch (m) {
    case completion_method::lambda_optimal: return "lambda-optimal";
    case completion_method::harker: return "harker";
    case completion_method::llsm: return "llsm";
  }
  return "?";
}

inline completion_method parse_completion_method(const std::string& s) {
  if (s == "lambda-optimal" || s == "lambda_optimal" || s == "optimal") return completion_method::lambda_optimal;
  if (s == "harker") return completion_method::harker;
  if (s == "llsm") return completion_method::llsm;
  csat::detail::throw_invalid_argument("csat::ahp::parse_completion_method",
                                       "completion " + csat::detail::quoted(s) +
                                           " is not one of lambda-optimal, harker, llsm");
}

struct completion_options {
  completion_method method = completion_method::lambda_optimal;
  double tolerance = 1e-10;  ///< λ-optimal: stop when no log-entry moves more than this in a sweep
  int max_sweeps = 10000;    ///< λ-optimal: coordinate sweeps
  /// λ-optimal: work of all power iterations together, counted as n² + 8n + 100 per iteration (its multiply-adds
  /// and a fixed cost). When it is spent the completion stops with status no_convergence and the (reciprocal,
  /// complete) matrix reached so far. The default is a fraction of a second of work: a moderately inconsistent
  /// 25×25 matrix with 113 missing pairs converges well within it (18 sweeps, 0.06 s), a pathological 5×5 that
  /// never converges stops after 0.12 s instead of running 10000 sweeps (16 s).
  double max_work = 5e8;
  perron_options perron{};
};

/// A completed matrix with provenance.
template <class Scalar = double>
struct completion_result {
  Eigen::MatrixX<Scalar> matrix;  ///< complete, reciprocal; known cells unchanged
  completion_method method = completion_method::lambda_optimal;
  Eigen::Index missing_pairs = 0;
  int sweeps = 0;  ///< λ-optimal coordinate sweeps
  solver_status status = solver_status::success;
};

namespace detail {

// ∂λmax/∂x for aᵢⱼ = eˣ, aⱼᵢ = e⁻ˣ at the current matrix.
// `ok` turns false when a power iteration does not converge (then the value is not to be trusted).
// `work` adds the work of its power iterations (see completion_options::max_work).
template <class Scalar>
Scalar lambda_gradient(const Eigen::MatrixX<Scalar>& a, Eigen::Index i, Eigen::Index j, Eigen::VectorX<Scalar>& w,
                       Eigen::VectorX<Scalar>& v, const perron_options& po, bool& ok, double& work) {
  const auto pw = perron<Scalar>(a, w, po);
  w = pw.vector;
  const Eigen::MatrixX<Scalar> at = a.transpose();
  const auto pv = perron<Scalar>(at, v, po);
  v = pv.vector;
  const double n = static_cast<double>(a.rows());
  work += static_cast<double>(pw.iterations + pv.iterations + 2) * (n * n + 8 * n + 100);
  if (pw.status != solver_status::success || pv.status != solver_status::success) ok = false;
  const Scalar vw = v.dot(w);
  const Scalar d = (v(i) * w(j) * a(i, j) - v(j) * w(i) * a(j, i)) / vw;
  using std::isfinite;
  if (!isfinite(static_cast<double>(d))) ok = false;
  return d;
}

template <class Scalar>
Scalar lambda_gradient(const Eigen::MatrixX<Scalar>& a, Eigen::Index i, Eigen::Index j, Eigen::VectorX<Scalar>& w,
                       Eigen::VectorX<Scalar>& v, const perron_options& po) {
  bool ok = true;
  double work = 0;
  return lambda_gradient<Scalar>(a, i, j, w, v, po, ok, work);
}

}  // namespace detail

/// Completes an incomplete matrix (a complete one is returned as it is).
template <class Scalar>
completion_result<Scalar> complete(const pairwise_matrix<Scalar>& pm, const completion_options& o = {}) {
  using std::exp;
  using std::log;
  completion_result<Scalar> r;
  r.method = o.method;
  r.missing_pairs = pm.missing_pairs();
  const auto n = pm.size();
  Eigen::MatrixX<Scalar> a = pm.values();
  if (pm.complete()) {
    r.matrix = a;
    return r;
  }
  if (!(o.max_work > 0))
    csat::detail::throw_domain_error("csat::ahp::complete", "options.max_work", o.max_work, "must be positive");
  Eigen::VectorX<Scalar> w = o.method == completion_method::harker ? harker(pm, o.perron).vector : llsm(pm);
  std::vector<std::pair<Eigen::Index, Eigen::Index>> cells;
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = i + 1; j < n; ++j)
      if (!pm.known(i, j)) {
        cells.emplace_back(i, j);
        a(i, j) = w(i) / w(j);
        a(j, i) = w(j) / w(i);
      }
  if (o.method != completion_method::lambda_optimal) {
    r.matrix = a;
    return r;
  }
  // cyclic coordinate descent on x = ln aᵢⱼ, starting from the LLSM completion
  Eigen::VectorX<Scalar> pw = w, pv = Eigen::VectorX<Scalar>::Constant(n, Scalar(1) / Scalar(n));
  r.status = solver_status::no_convergence;
  // Each gradient needs two Perron vectors. On wildly inconsistent matrices (judgments such as 1e80 next to
  // 1e-27) the power iteration can stall; the completion then stops with a numerical_issue status and the
  // LLSM-started matrix reached so far, instead of running for hours. Bounded work: at most 5000 power
  // iterations per Perron vector.
  perron_options po = o.perron;
  po.max_iterations = std::min(po.max_iterations, 5000);
  // Bounded work as well: once options.max_work work units are spent, g() returns 0 at once (ends every
  // search), the cell being searched keeps its value and the completion stops with no_convergence.
  bool ok_perron = true, spent = false;
  double work = 0;
  for (int sweep = 1; sweep <= o.max_sweeps && ok_perron; ++sweep) {
    Scalar moved(0);
    for (const auto& c : cells) {
      const Eigen::Index i = c.first, j = c.second;
      const Scalar x0 = log(a(i, j));
      auto g = [&](Scalar x) {
        if (work > o.max_work) {
          spent = true;
          ok_perron = false;
          return Scalar(0);
        }
        a(i, j) = exp(x);
        a(j, i) = exp(-x);
        return detail::lambda_gradient<Scalar>(a, i, j, pw, pv, po, ok_perron, work);
      };
      const Scalar g0 = g(x0);
      if (!ok_perron) {
        a(i, j) = exp(x0);
        a(j, i) = exp(-x0);
        break;
      }
      if (g0 == Scalar(0)) continue;
      // bracket the root of the increasing derivative
      Scalar step(0.5);
      Scalar lo = x0, hi = x0, glo = g0, ghi = g0;
      bool ok = true;
      if (g0 > 0) {
        for (int k = 0; k < 60 && glo > 0; ++k) { hi = lo; ghi = glo; lo = lo - step; glo = g(lo); step *= 2; }
        ok = glo <= 0;
      } else {
        for (int k = 0; k < 60 && ghi < 0; ++k) { lo = hi; glo = ghi; hi = hi + step; ghi = g(hi); step *= 2; }
        ok = ghi >= 0;
      }
      if (!ok) { r.status = solver_status::numerical_issue; a(i, j) = exp(x0); a(j, i) = exp(-x0); continue; }
      Scalar x = lo;
      if (glo == Scalar(0)) x = lo;
      else if (ghi == Scalar(0)) x = hi;
      else {
        std::uintmax_t iters = 200;
        auto tol = [](Scalar l, Scalar h) { using std::abs; return abs(h - l) <= Scalar(1e-13) * (Scalar(1) + abs(l)); };
        const auto br = boost::math::tools::toms748_solve(g, lo, hi, glo, ghi, tol, iters);
        x = (br.first + br.second) / Scalar(2);
      }
      if (!ok_perron) x = x0;  // a stalled power iteration inside the search: keep the cell where it was
      a(i, j) = exp(x);
      a(j, i) = exp(-x);
      using std::abs;
      moved = std::max(moved, Scalar(abs(x - x0)));
      if (!ok_perron) break;
    }
    r.sweeps = sweep;
    if (!ok_perron) {
      r.status = spent ? solver_status::no_convergence : solver_status::numerical_issue;
      break;
    }
    if (moved <= Scalar(o.tolerance)) {
      if (r.status != solver_status::numerical_issue) r.status = solver_status::success;
      break;
    }
  }
  r.matrix = a;
  return r;
}

}  // namespace ahp
}  // namespace csat

#endif
