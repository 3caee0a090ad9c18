#ifndef CSAT_PLS_ESTIMATE_HPP
#define CSAT_PLS_ESTIMATE_HPP

/// \file
/// PLS path modeling (Wold 1982; Lohmöller 1989), with the numerical conventions of seminr 2.3.2.
///
/// - Indicators are standardized with the n−1 standard deviation; all outer weights start at 1; after every
///   update the weights are rescaled so that each composite has unit variance (n−1).
/// - Each iteration: composites → inner proxies (path, factorial or centroid scheme) → outer update
///   (Mode A: w = cov(z, proxy); Mode B: w = R_bb⁻¹ cor(z, proxy); single item and unit weights: w = 1, i.e.
///   fixed weights that only the rescaling touches).
/// - Stop when Σ|w_new − w_old| < tolerance (default 1e-7), at most max_iterations + 1 updates (default 300);
///   `iterations` is the 0-based index of the last update, as seminr stores it; `updates` = iterations + 1.
///   Non-convergence is reported in `status`, never thrown.
/// - Loadings = cor(indicator, composite); paths = OLS of each endogenous composite on its predecessors;
///   R², adjusted R², total effects Σ_{k≥1} Bᵏ and indirect effects.
/// - Optional PLSc (Dijkstra & Henseler 2015) for Mode A blocks; unit-weighted blocks are disattenuated by their
///   ρ_A (= standardized α) but keep their loadings, as seminr's PLSc does.
///
/// Internally the algorithm works on the indicator correlation matrix (every step of PLS is a function of it),
/// computed in one chunked pass over the data from optional row indices (resampling) and optional case weights;
/// scores are formed at the end. See docs/pls.md for every formula and its source.

#include <csat/config.hpp>
#include <csat/core/error.hpp>
#include <csat/core/validate.hpp>
#include <csat/model/specification.hpp>
#include <csat/survey/csv.hpp>
#include <csat/survey/missing.hpp>

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <Eigen/LU>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

namespace csat {
namespace pls {

/// Inner weighting scheme.
enum class inner_scheme {
  path,       ///< predecessors: OLS coefficients; successors: correlations (Lohmöller 1989)
  factorial,  ///< correlation for every adjacent pair
  centroid    ///< sign of the correlation for every adjacent pair (Wold 1982; Tenenhaus et al. 2005)
};

inline const char* to_string(inner_scheme s) {
  switch (s) {
    case inner_scheme::factorial: return "factorial";
    case inner_scheme::centroid: return "centroid";
    default: return "path";
  }
}

/// Outcome of the estimation. Admissibility (PLSc correlations beyond ±1, a construct correlation matrix that is not
/// positive definite, ...) is no part of it: see estimate_result::admissible and warnings.
enum class status {
  success,         ///< converged, every system regular
  no_convergence,  ///< max_iterations reached; the last weights are reported
  numerical_issue  ///< a singular system (as R's solve() sees it) inside the inner scheme or the structural regressions
};

inline const char* to_string(status s) {
  switch (s) {
    case status::no_convergence: return "no_convergence";
    case status::numerical_issue: return "numerical_issue";
    default: return "success";
  }
}

/// Options of estimate().
struct estimate_options {
  inner_scheme scheme = inner_scheme::path;
  /// Last 0-based iteration index (seminr's maxIt): at most max_iterations + 1 outer updates.
  int max_iterations = 300;
  /// Stop when the sum of absolute weight changes falls below this (seminr: 10^−stopCriterion, 1e-7).
  double tolerance = 1e-7;
  /// Consistent PLS (PLSc, Dijkstra & Henseler 2015) for every Mode A block of two or more indicators (unit-weighted
  /// blocks: correlations disattenuated by ρ_A, loadings kept, as seminr).
  bool consistent = false;
  /// Missing-data policy applied to the indicator columns before estimation; `none` requires complete data.
  survey::missing_policy missing = survey::missing_policy::none;
  /// Name of a numeric column of the data table holding case (survey) weights; empty = unweighted. Weights must be
  /// finite and non-negative; zero-weight rows are excluded (and reported); see docs/pls-weights.md.
  std::string weights = "";
};

/// Everything estimated. Matrices over constructs are K×K with rows = from, columns = to.
template <class Scalar = double>
struct estimate_result {
  std::vector<std::string> constructs;   ///< K construct names, model order
  std::vector<std::string> indicators;   ///< p indicator names, block after block
  std::vector<model::mode> modes;        ///< per construct
  std::vector<Eigen::Index> block;       ///< per indicator: its construct
  Eigen::MatrixXi structure;             ///< K×K: 1 where a path from row to column exists

  Eigen::MatrixX<Scalar> weights;        ///< p×K outer weights (standardized indicators → unit-variance composites)
  Eigen::MatrixX<Scalar> loadings;       ///< p×K outer loadings (zero outside the block); PLSc-corrected if consistent
  Eigen::MatrixX<Scalar> cross_loadings; ///< p×K cor(indicator, composite) for every pair
  Eigen::MatrixX<Scalar> scores;         ///< n×K standardized composite scores
  Eigen::MatrixX<Scalar> construct_correlations;  ///< K×K correlations of the composites
  Eigen::MatrixX<Scalar> structural_correlations; ///< K×K the correlations the paths are estimated from
                                                  ///< (= construct_correlations; PLSc: disattenuated)
  Eigen::MatrixX<Scalar> indicator_correlations;  ///< p×p
  Eigen::VectorX<Scalar> indicator_means;          ///< p, of the data used
  Eigen::VectorX<Scalar> indicator_sds;            ///< p, n−1 divisor

  Eigen::MatrixX<Scalar> paths;          ///< K×K path coefficients
  Eigen::MatrixX<Scalar> total_effects;  ///< K×K Σ_{k≥1} Bᵏ
  Eigen::MatrixX<Scalar> indirect_effects;  ///< total − direct
  Eigen::VectorX<Scalar> r_squared;      ///< K, NaN for exogenous constructs
  Eigen::VectorX<Scalar> r_squared_adj;  ///< K, NaN for exogenous constructs
  Eigen::VectorX<Scalar> rho_a;          ///< K, Dijkstra–Henseler ρ_A (1 for Mode B and single items; for unit
                                         ///< weights it equals the standardized Cronbach's α)

  int iterations = 0;          ///< 0-based index of the last outer update (seminr's `iterations`)
  int updates = 0;             ///< outer updates performed = iterations + 1
  Scalar final_change = 0;     ///< Σ|Δw| of the last update
  bool converged = false;      ///< the PLS iteration reached its tolerance (whatever the structural step did)
  pls::status status = pls::status::success;  ///< numerical_issue also when the iteration converged but a
                                              ///< structural regression is singular (its paths are NaN)
  bool admissible = true;      ///< warnings.empty(): reported separately from convergence and status
  inner_scheme scheme = inner_scheme::path;
  bool consistent = false;
  estimate_options options{};                ///< the options of the estimation (re-estimations use them)

  Eigen::Index n_used = 0;                    ///< rows estimated on
  survey::missing_report<Scalar> missing;    ///< what the missing-data policy did

  /// Admissibility warnings (loadings or reliabilities above 1, a construct correlation matrix that is not
  /// positive definite, PLSc correlations beyond ±1 or negative variances); empty when the solution is admissible.
  std::vector<std::string> warnings;

  /// f² (K×K, from × to) computed by an estimator whose reduced models cannot be re-estimated from this result
  /// alone (a moderated model: the interaction term is rebuilt in every reduced model); empty otherwise, and then
  /// f_squared() (quality.hpp) re-estimates the reduced models itself.
  Eigen::MatrixX<Scalar> precomputed_f_squared;

  // Case weights (weighted PLS; all empty/zero for an unweighted fit).
  bool weighted = false;
  std::string weight_column;                  ///< the weight column's name ("" when a vector was given)
  Eigen::VectorX<Scalar> case_weights;        ///< n_used weights of the rows estimated on (empty when unweighted)
  Scalar weight_sum = 0;                      ///< Σ w over the rows estimated on
  std::vector<Eigen::Index> zero_weight_rows; ///< 0-based input rows excluded for a zero weight
  std::vector<std::size_t> zero_weight_lines; ///< their source lines (data tables read from a file), else empty

  Eigen::Index construct_index(const std::string& name) const {
    for (std::size_t k = 0; k < constructs.size(); ++k)
      if (constructs[k] == name) return static_cast<Eigen::Index>(k);
    detail::throw_invalid_argument("csat::pls::estimate_result", "no construct named " + detail::quoted(name));
  }
  Eigen::Index indicator_index(const std::string& name) const {
    for (std::size_t i = 0; i < indicators.size(); ++i)
      if (indicators[i] == name) return static_cast<Eigen::Index>(i);
    detail::throw_invalid_argument("csat::pls::estimate_result", "no indicator named " + detail::quoted(name));
  }
  Scalar path(const std::string& from, const std::string& to) const {
    return paths(construct_index(from), construct_index(to));
  }
  Scalar total_effect(const std::string& from, const std::string& to) const {
    return total_effects(construct_index(from), construct_index(to));
  }
  Scalar loading(const std::string& indicator) const {
    const auto i = indicator_index(indicator);
    return loadings(i, block[static_cast<std::size_t>(i)]);
  }
  Scalar weight(const std::string& indicator) const {
    const auto i = indicator_index(indicator);
    return weights(i, block[static_cast<std::size_t>(i)]);
  }
  Scalar r2(const std::string& construct) const { return r_squared(construct_index(construct)); }
  Scalar r2_adj(const std::string& construct) const { return r_squared_adj(construct_index(construct)); }
  /// Number of predecessors of construct k.
  Eigen::Index predecessor_count(Eigen::Index k) const { return structure.col(k).sum(); }
};

namespace detail {

using csat::detail::check_size;
using csat::detail::element_name;
using csat::detail::format_value;
using csat::detail::quoted;
using csat::detail::throw_domain_error;
using csat::detail::throw_invalid_argument;

/// The model resolved against the data columns: blocks as contiguous ranges of the indicator order.
struct layout {
  std::vector<std::string> constructs;
  std::vector<std::string> indicators;
  std::vector<model::mode> modes;
  std::vector<Eigen::Index> start, count;  ///< per construct
  std::vector<Eigen::Index> block;         ///< per indicator
  std::vector<Eigen::Index> columns;       ///< per indicator: column in the data
  std::vector<std::vector<Eigen::Index>> predecessors;  ///< per construct, in path order
  Eigen::MatrixXi structure;               ///< K×K

  Eigen::Index K() const { return static_cast<Eigen::Index>(constructs.size()); }
  Eigen::Index p() const { return static_cast<Eigen::Index>(indicators.size()); }
};

/// Validates `spec` against the data column names and lays it out.
inline layout make_layout(const model::specification& spec, const std::vector<std::string>& columns) {
  spec.validate();
  std::unordered_map<std::string, Eigen::Index> column_of;
  column_of.reserve(columns.size());
  for (std::size_t j = columns.size(); j-- > 0;) column_of[columns[j]] = static_cast<Eigen::Index>(j);  // first wins
  layout L;
  const auto& cs = spec.constructs();
  const Eigen::Index K = static_cast<Eigen::Index>(cs.size());
  L.structure = Eigen::MatrixXi::Zero(K, K);
  for (Eigen::Index k = 0; k < K; ++k) {
    const auto& c = cs[static_cast<std::size_t>(k)];
    L.constructs.push_back(c.name);
    L.modes.push_back(c.indicators.size() == 1 ? model::mode::single_item : c.mode);
    L.start.push_back(static_cast<Eigen::Index>(L.indicators.size()));
    L.count.push_back(static_cast<Eigen::Index>(c.indicators.size()));
    for (const auto& ind : c.indicators) {
      const auto it = column_of.find(ind);
      if (it == column_of.end()) spec.validate(columns);  // throws naming the indicator
      L.indicators.push_back(ind);
      L.block.push_back(k);
      L.columns.push_back(it->second);
    }
  }
  L.predecessors.assign(static_cast<std::size_t>(K), {});
  for (const auto& pth : spec.structural_paths()) {
    const auto f = spec.find(pth.from), t = spec.find(pth.to);
    L.structure(f, t) = 1;
    L.predecessors[static_cast<std::size_t>(t)].push_back(f);
  }
  return L;
}

/// Means, standard deviations (n−1, or Σw−1 with case weights) and the correlation matrix of the selected
/// columns, over all rows or the given rows (repeats allowed: a resample), in one chunked pass after the means.
template <class Scalar>
struct moments {
  Eigen::Index n = 0;
  Eigen::VectorX<Scalar> mean, sd;
  Eigen::MatrixX<Scalar> cor;
};

template <class Derived>
moments<typename Derived::Scalar> compute_moments(const Eigen::MatrixBase<Derived>& data,
                                                  const std::vector<Eigen::Index>& columns,
                                                  const Eigen::Index* rows, Eigen::Index n_rows,
                                                  const typename Derived::Scalar* case_weights = nullptr) {
  using Scalar = typename Derived::Scalar;
  using std::sqrt;
  const auto& X = data.derived();
  const Eigen::Index p = static_cast<Eigen::Index>(columns.size());
  const Eigen::Index n = rows ? n_rows : X.rows();
  moments<Scalar> m;
  m.n = n;
  m.mean = Eigen::VectorX<Scalar>::Zero(p);
  Scalar wsum(0);
  // column by column: contiguous reads of the column-major data
  for (Eigen::Index j = 0; j < p; ++j) {
    const auto col = X.col(columns[static_cast<std::size_t>(j)]);
    Scalar sum(0);
    if (case_weights) {
      for (Eigen::Index r = 0; r < n; ++r) {
        const Eigen::Index i = rows ? rows[r] : r;
        sum += case_weights[i] * col(i);
      }
    } else if (rows) {
      for (Eigen::Index r = 0; r < n; ++r) sum += col(rows[r]);
    } else {
      sum = col.sum();
    }
    m.mean(j) = sum;
  }
  if (case_weights)
    for (Eigen::Index r = 0; r < n; ++r) wsum += case_weights[rows ? rows[r] : r];
  else
    wsum = Scalar(n);
  m.mean /= wsum;
  constexpr Eigen::Index chunk = 1024;
  Eigen::MatrixX<Scalar> buf(std::min(chunk, std::max<Eigen::Index>(n, 1)), p);
  Eigen::MatrixX<Scalar> C = Eigen::MatrixX<Scalar>::Zero(p, p);
  Eigen::VectorX<Scalar> sw;  // √w of the chunk's rows
  if (case_weights) sw.resize(buf.rows());
  for (Eigen::Index r0 = 0; r0 < n; r0 += chunk) {
    const Eigen::Index len = std::min(chunk, n - r0);
    if (case_weights)
      for (Eigen::Index r = 0; r < len; ++r) sw(r) = sqrt(case_weights[rows ? rows[r0 + r] : r0 + r]);
    for (Eigen::Index j = 0; j < p; ++j) {
      const auto col = X.col(columns[static_cast<std::size_t>(j)]);
      const Scalar mj = m.mean(j);
      if (rows) {
        for (Eigen::Index r = 0; r < len; ++r) buf(r, j) = col(rows[r0 + r]) - mj;
      } else {
        buf.col(j).head(len) = col.segment(r0, len).array() - mj;
      }
      if (case_weights) buf.col(j).head(len).array() *= sw.head(len).array();
    }
    C.template selfadjointView<Eigen::Lower>().rankUpdate(buf.topRows(len).transpose());
  }
  C.template triangularView<Eigen::StrictlyUpper>() = C.transpose();
  const Scalar denom = wsum - Scalar(1);
  m.sd = (C.diagonal().array() / denom).sqrt().matrix();
  m.cor = C;
  for (Eigen::Index a = 0; a < p; ++a)
    for (Eigen::Index b = 0; b < p; ++b) m.cor(a, b) = C(a, b) / (denom * m.sd(a) * m.sd(b));
  for (Eigen::Index a = 0; a < p; ++a) m.cor(a, a) = Scalar(1);
  return m;
}

/// Thrown inside resampling when a resample cannot be estimated (it is then counted as failed).
struct estimation_failure : csat::domain_error {
  using csat::domain_error::domain_error;
};

/// Checks the sample size and the variances; throws naming the culprit.
template <class Scalar>
void check_moments(const char* fn, const layout& L, const moments<Scalar>& m) {
  using std::abs;
  Eigen::Index need = 3;
  std::string why = "PLS needs at least 3 rows";
  for (Eigen::Index k = 0; k < L.K(); ++k) {
    const auto np = static_cast<Eigen::Index>(L.predecessors[static_cast<std::size_t>(k)].size());
    if (np + 2 > need) {
      need = np + 2;
      why = "construct " + quoted(L.constructs[static_cast<std::size_t>(k)]) + " has " + std::to_string(np) +
            " predecessors";
    }
    if (L.modes[static_cast<std::size_t>(k)] == model::mode::B && L.count[static_cast<std::size_t>(k)] + 1 > need) {
      need = L.count[static_cast<std::size_t>(k)] + 1;
      why = "Mode B block " + quoted(L.constructs[static_cast<std::size_t>(k)]) + " has " +
            std::to_string(L.count[static_cast<std::size_t>(k)]) + " indicators";
    }
  }
  if (m.n < need)
    throw_invalid_argument(fn, "the data have " + std::to_string(m.n) + " rows, but at least " +
                                   std::to_string(need) + " are needed (" + why + ")");
  for (Eigen::Index j = 0; j < L.p(); ++j) {
    const Scalar sd = m.sd(j);
    const bool overflow = !std::isfinite(static_cast<double>(m.mean(j))) || !std::isfinite(static_cast<double>(sd));
    if (!overflow && sd > Scalar(1e-12) * std::max(Scalar(1), Scalar(abs(m.mean(j))))) continue;
    const std::string which = "indicator " + quoted(L.indicators[static_cast<std::size_t>(j)]) + " of construct " +
                              quoted(L.constructs[static_cast<std::size_t>(L.block[static_cast<std::size_t>(j)])]);
    if (overflow)
      throw_domain_error(fn, which + " has mean " + format_value(static_cast<double>(m.mean(j))) +
                                 " and standard deviation " + format_value(static_cast<double>(sd)) +
                                 ": its values overflow double arithmetic (magnitudes near 1e308); rescale the column");
    throw_domain_error(fn, which + " has zero variance (every value is " + format_value(static_cast<double>(m.mean(j))) +
                               "); drop it or the construct");
  }
}

/// Dijkstra–Henseler ρ_A of one block from its correlation matrix S and weights w scaled to a unit-variance
/// composite: (w'w)² · w'(S − diag S)w / w'(ww' − diag(ww'))w.
template <class Scalar>
Scalar rho_a_block(const Eigen::MatrixX<Scalar>& S, const Eigen::VectorX<Scalar>& w) {
  const Scalar ww = w.squaredNorm();
  Eigen::MatrixX<Scalar> S0 = S;
  S0.diagonal().setZero();
  const Scalar num = w.dot(S0 * w);
  const Scalar den = ww * ww - w.array().pow(4).sum();
  return ww * ww * num / den;
}

/// The PLS algorithm and the structural estimates on a correlation matrix: everything except scores.
template <class Scalar>
struct core_fit {
  Eigen::MatrixX<Scalar> W;        ///< p×K weights
  Eigen::MatrixX<Scalar> RW;       ///< p×K cor(indicator, composite)
  Eigen::MatrixX<Scalar> Rc;       ///< K×K composite correlations (PLSc: disattenuated)
  Eigen::MatrixX<Scalar> loadings; ///< p×K (PLSc-corrected for consistent blocks)
  Eigen::MatrixX<Scalar> B, T;     ///< paths, total effects
  Eigen::VectorX<Scalar> r2, r2_adj, rho_a;
  int iterations = 0;
  Scalar change = 0;
  bool converged = false;
  status st = status::success;
  bool singular_inner = false;      ///< a path-scheme regression of the iteration was singular (weights unusable)
  bool singular_structure = false;  ///< a structural regression was singular (its paths NaN; weights usable)
};

/// Solves A b = y by LU with partial pivoting, as R's solve() (LAPACK dgesv): false when A is singular, i.e. an
/// exact zero pivot or a reciprocal condition number (1-norm estimate, LAPACK dgecon's) below the machine epsilon,
/// R's `tol = .Machine$double.eps`; A need not be positive definite (a PLSc matrix of disattenuated correlations
/// beyond ±1 is not, and seminr and cSEM estimate with it).
template <class Scalar>
bool solve_lu(const Eigen::MatrixX<Scalar>& A, const Eigen::VectorX<Scalar>& y, Eigen::VectorX<Scalar>& b) {
  if (!A.allFinite() || !y.allFinite()) return false;
  const Eigen::PartialPivLU<Eigen::MatrixX<Scalar>> lu(A);
  const auto d = lu.matrixLU().diagonal();
  for (Eigen::Index i = 0; i < d.size(); ++i)
    if (d(i) == Scalar(0)) return false;
  if (!(lu.rcond() >= Eigen::NumTraits<Scalar>::epsilon())) return false;
  b = lu.solve(y);
  return b.allFinite();
}

/// Solves the normal equations Rxx b = rxy (a correlation matrix). A positive definite Rxx is solved by Cholesky
/// (pivots above 1e-13 relative to the unit diagonal); otherwise by solve_lu(), which fails only when Rxx is
/// singular (seminr's solve() fails there too). A matrix that is not positive definite but regular (PLSc) is solved.
template <class Scalar>
bool solve_normal(const Eigen::MatrixX<Scalar>& Rxx, const Eigen::VectorX<Scalar>& rxy, Eigen::VectorX<Scalar>& b) {
  Eigen::LLT<Eigen::MatrixX<Scalar>> llt(Rxx);
  bool pd = llt.info() == Eigen::Success;
  const auto d = llt.matrixLLT().diagonal();
  for (Eigen::Index i = 0; pd && i < d.size(); ++i) pd = d(i) * d(i) > Scalar(1e-13);
  if (pd) {
    b = llt.solve(rxy);
    if (b.allFinite()) return true;
  }
  return solve_lu(Rxx, rxy, b);
}

/// Structural model on construct correlations: paths, R², adjusted R² and total effects.
template <class Scalar>
bool structural(const layout& L, const Eigen::MatrixX<Scalar>& Rc, Eigen::Index n, Eigen::MatrixX<Scalar>& B,
                Eigen::VectorX<Scalar>& r2, Eigen::VectorX<Scalar>& r2_adj, Eigen::MatrixX<Scalar>& T) {
  const Eigen::Index K = L.K();
  const Scalar nan = std::numeric_limits<Scalar>::quiet_NaN();
  B = Eigen::MatrixX<Scalar>::Zero(K, K);
  r2 = Eigen::VectorX<Scalar>::Constant(K, nan);
  r2_adj = Eigen::VectorX<Scalar>::Constant(K, nan);
  bool ok = true;
  for (Eigen::Index k = 0; k < K; ++k) {
    const auto& P = L.predecessors[static_cast<std::size_t>(k)];
    if (P.empty()) continue;
    const Eigen::Index q = static_cast<Eigen::Index>(P.size());
    Eigen::MatrixX<Scalar> Rxx(q, q);
    Eigen::VectorX<Scalar> rxy(q), b;
    for (Eigen::Index a = 0; a < q; ++a) {
      rxy(a) = Rc(P[static_cast<std::size_t>(a)], k);
      for (Eigen::Index c = 0; c < q; ++c) Rxx(a, c) = Rc(P[static_cast<std::size_t>(a)], P[static_cast<std::size_t>(c)]);
    }
    if (!solve_normal(Rxx, rxy, b)) {
      ok = false;
      b = Eigen::VectorX<Scalar>::Constant(q, nan);
    }
    for (Eigen::Index a = 0; a < q; ++a) B(P[static_cast<std::size_t>(a)], k) = b(a);
    r2(k) = b.dot(rxy);
    r2_adj(k) = Scalar(1) - (Scalar(1) - r2(k)) * Scalar(n - 1) / Scalar(n - q - 1);
  }
  T = Eigen::MatrixX<Scalar>::Zero(K, K);
  Eigen::MatrixX<Scalar> Bk = B;
  for (Eigen::Index step = 0; step < K && !Bk.isZero(0); ++step) {
    T += Bk;
    Bk = (Bk * B).eval();
  }
  return ok;
}

template <class Scalar>
core_fit<Scalar> fit_core(const char* fn, const layout& L, const Eigen::MatrixX<Scalar>& R, Eigen::Index n,
                          const estimate_options& opt) {
  using std::abs;
  using std::sqrt;
  const Eigen::Index K = L.K(), p = L.p();
  core_fit<Scalar> f;
  f.rho_a = Eigen::VectorX<Scalar>::Ones(K);

  // Mode B blocks: factor R_bb once; a (near) singular block is a perfectly collinear block.
  std::vector<Eigen::LDLT<Eigen::MatrixX<Scalar>>> modeb(static_cast<std::size_t>(K));
  for (Eigen::Index k = 0; k < K; ++k) {
    if (L.modes[static_cast<std::size_t>(k)] != model::mode::B) continue;
    const Eigen::Index s = L.start[static_cast<std::size_t>(k)], c = L.count[static_cast<std::size_t>(k)];
    auto& ldlt = modeb[static_cast<std::size_t>(k)];
    ldlt.compute(R.block(s, s, c, c));
    if (ldlt.info() != Eigen::Success || !(ldlt.rcond() > Scalar(1e-12))) {
      std::string items;
      for (Eigen::Index i = 0; i < c; ++i) items += (i ? ", " : "") + L.indicators[static_cast<std::size_t>(s + i)];
      throw estimation_failure(std::string(fn) + ": Mode B block " + quoted(L.constructs[static_cast<std::size_t>(k)]) +
                               " is perfectly collinear (indicators " + items +
                               "): its correlation matrix is singular, so regression weights do not exist");
    }
  }

  // R W exploiting the block structure of W: column k only needs the columns of R in block k
  auto times_R = [&](const Eigen::MatrixX<Scalar>& Wm, Eigen::MatrixX<Scalar>& out) {
    for (Eigen::Index k = 0; k < K; ++k) {
      const Eigen::Index s = L.start[static_cast<std::size_t>(k)], c = L.count[static_cast<std::size_t>(k)];
      out.col(k).noalias() = R.middleCols(s, c) * Wm.col(k).segment(s, c);
    }
  };

  Eigen::MatrixX<Scalar> W = Eigen::MatrixX<Scalar>::Zero(p, K);
  for (Eigen::Index k = 0; k < K; ++k)
    W.block(L.start[static_cast<std::size_t>(k)], k, L.count[static_cast<std::size_t>(k)], 1).setOnes();

  Eigen::MatrixX<Scalar> E(K, K), DE(K, K), Wnew(p, K), C(K, K), Rc(K, K), RW(p, K), RWn(p, K), G(p, K);
  Eigen::VectorX<Scalar> d(K);
  // workspaces of the path scheme's regressions, one per endogenous construct
  std::vector<Eigen::MatrixX<Scalar>> Rxx(static_cast<std::size_t>(K));
  std::vector<Eigen::VectorX<Scalar>> rxy(static_cast<std::size_t>(K)), beta(static_cast<std::size_t>(K));
  // built in place: a default-constructed Eigen::LLT leaves its info member unset, and copying it is undefined
  std::vector<Eigen::LLT<Eigen::MatrixX<Scalar>>> llt;
  llt.reserve(static_cast<std::size_t>(K));
  for (Eigen::Index k = 0; k < K; ++k) {
    const auto q = static_cast<Eigen::Index>(L.predecessors[static_cast<std::size_t>(k)].size());
    Rxx[static_cast<std::size_t>(k)].resize(q, q);
    rxy[static_cast<std::size_t>(k)].resize(q);
    beta[static_cast<std::size_t>(k)].resize(q);
    llt.emplace_back(q);
  }
  times_R(W, RW);
  f.st = status::no_convergence;
  for (int it = 0; it <= opt.max_iterations; ++it) {
    // composites: covariance, standardization
    C.noalias() = W.transpose() * RW;
    d = C.diagonal().array().sqrt().matrix();
    for (Eigen::Index a = 0; a < K; ++a)
      for (Eigen::Index b = 0; b < K; ++b) Rc(a, b) = C(a, b) / (d(a) * d(b));
    // inner weights: E(j, k) = weight of composite j in the proxy of construct k
    E.setZero();
    for (Eigen::Index k = 0; k < K; ++k)
      for (Eigen::Index j = 0; j < K; ++j) {
        const bool pred = L.structure(j, k) != 0, succ = L.structure(k, j) != 0;
        if (!pred && !succ) continue;
        switch (opt.scheme) {
          case inner_scheme::factorial: E(j, k) = Rc(j, k); break;
          case inner_scheme::centroid: E(j, k) = Rc(j, k) > 0 ? Scalar(1) : (Rc(j, k) < 0 ? Scalar(-1) : Scalar(0)); break;
          default: E(j, k) = succ ? Rc(j, k) : Scalar(0); break;
        }
      }
    if (opt.scheme == inner_scheme::path) {
      for (Eigen::Index k = 0; k < K; ++k) {
        const auto& P = L.predecessors[static_cast<std::size_t>(k)];
        if (P.empty()) continue;
        const auto kk = static_cast<std::size_t>(k);
        const Eigen::Index q = static_cast<Eigen::Index>(P.size());
        for (Eigen::Index a = 0; a < q; ++a) {
          rxy[kk](a) = Rc(P[static_cast<std::size_t>(a)], k);
          for (Eigen::Index c = 0; c < q; ++c)
            Rxx[kk](a, c) = Rc(P[static_cast<std::size_t>(a)], P[static_cast<std::size_t>(c)]);
        }
        llt[kk].compute(Rxx[kk]);
        bool ok = llt[kk].info() == Eigen::Success;
        if (ok) {
          const auto dg = llt[kk].matrixLLT().diagonal();
          for (Eigen::Index i = 0; i < q; ++i) ok = ok && dg(i) * dg(i) > Scalar(1e-13);
        }
        if (ok) {
          beta[kk] = llt[kk].solve(rxy[kk]);
          ok = beta[kk].allFinite();
        }
        if (!ok) ok = solve_lu(Rxx[kk], rxy[kk], beta[kk]);  // not positive definite: singular only as for solve()
        if (!ok) {
          f.st = status::numerical_issue;
          f.singular_inner = true;
          beta[kk].setZero();
        }
        for (Eigen::Index a = 0; a < q; ++a) E(P[static_cast<std::size_t>(a)], k) = beta[kk](a);
      }
    }
    if (f.st == status::numerical_issue) {
      f.iterations = it;
      break;
    }
    // cov(z, proxy) = R W D⁻¹ E  (the proxies' own scale does not matter after rescaling)
    DE.noalias() = d.cwiseInverse().asDiagonal() * E;
    G.noalias() = RW * DE;
    Wnew.setZero();
    for (Eigen::Index k = 0; k < K; ++k) {
      const Eigen::Index s = L.start[static_cast<std::size_t>(k)], c = L.count[static_cast<std::size_t>(k)];
      switch (L.modes[static_cast<std::size_t>(k)]) {
        case model::mode::B: Wnew.block(s, k, c, 1) = modeb[static_cast<std::size_t>(k)].solve(G.block(s, k, c, 1)); break;
        case model::mode::single_item: Wnew(s, k) = Scalar(1); break;
        case model::mode::unit: Wnew.block(s, k, c, 1).setOnes(); break;  // fixed: only the rescaling below acts
        default: Wnew.block(s, k, c, 1) = G.block(s, k, c, 1); break;
      }
    }
    // rescale to unit-variance composites: var_k = w_kᵀ (R W)_k
    times_R(Wnew, RWn);
    for (Eigen::Index k = 0; k < K; ++k) {
      const Eigen::Index s = L.start[static_cast<std::size_t>(k)], c = L.count[static_cast<std::size_t>(k)];
      const Scalar inv = Scalar(1) / sqrt(Wnew.col(k).segment(s, c).dot(RWn.col(k).segment(s, c)));
      Wnew.col(k).segment(s, c) *= inv;
      RWn.col(k) *= inv;
    }
    if (!Wnew.allFinite()) {
      f.st = status::numerical_issue;
      f.singular_inner = true;
      f.iterations = it;
      break;
    }
    f.change = (Wnew - W).cwiseAbs().sum();
    W.swap(Wnew);
    RW.swap(RWn);
    f.iterations = it;
    if (f.change < Scalar(opt.tolerance)) {
      f.st = status::success;
      break;
    }
  }
  f.converged = f.st == status::success;
  f.W = W;
  f.RW.resize(p, K);
  times_R(W, f.RW);
  f.Rc = W.transpose() * f.RW;
  f.loadings = Eigen::MatrixX<Scalar>::Zero(p, K);
  for (Eigen::Index k = 0; k < K; ++k) {
    const Eigen::Index s = L.start[static_cast<std::size_t>(k)], c = L.count[static_cast<std::size_t>(k)];
    f.loadings.block(s, k, c, 1) = f.RW.block(s, k, c, 1);
    // ρ_A of Mode A and unit-weighted blocks (seminr's rho_A() computes it for types A, C, HOCA and UNIT)
    const model::mode md = L.modes[static_cast<std::size_t>(k)];
    if ((md == model::mode::A || md == model::mode::unit) && c > 1) {
      const Eigen::MatrixX<Scalar> S = R.block(s, s, c, c);
      const Eigen::VectorX<Scalar> w = W.block(s, k, c, 1);
      f.rho_a(k) = rho_a_block(S, w);
    }
  }
  if (opt.consistent) {
    // PLSc: loadings λ = w·√ρ_A / (w'w) of Mode A blocks; construct correlations disattenuated by √(ρ_A,j ρ_A,k)
    // for every construct, unit-weighted ones included (seminr's PLSc divides by the ρ_A of every construct and
    // corrects the loadings of its common factors only).
    for (Eigen::Index k = 0; k < K; ++k) {
      if (!(L.modes[static_cast<std::size_t>(k)] == model::mode::A && L.count[static_cast<std::size_t>(k)] > 1)) continue;
      const Eigen::Index s = L.start[static_cast<std::size_t>(k)], c = L.count[static_cast<std::size_t>(k)];
      const Scalar ww = W.block(s, k, c, 1).squaredNorm();
      f.loadings.block(s, k, c, 1) = W.block(s, k, c, 1) * (sqrt(f.rho_a(k)) / ww);
    }
    for (Eigen::Index a = 0; a < K; ++a)
      for (Eigen::Index b = 0; b < K; ++b)
        if (a != b) f.Rc(a, b) /= sqrt(f.rho_a(a) * f.rho_a(b));
  }
  // a singular structural system is a numerical issue of the estimation, not of the iteration: `converged` keeps
  // saying whether the PLS iteration reached its tolerance
  f.singular_structure = !structural(L, f.Rc, n, f.B, f.r2, f.r2_adj, f.T);
  if (f.singular_structure && f.st == status::success) f.st = status::numerical_issue;
  return f;
}

/// Admissibility of a fitted model: every violated condition as one readable line.
/// - a loading with |λ| > 1 (its indicator's error variance 1 − λ² would be negative: a Heywood case);
/// - ρ_A > 1 or ρ_A ≤ 0 (Mode A and unit-weighted blocks of two or more indicators), ρ_C > 1 (from the reported
///   loadings);
/// - a construct correlation matrix (the one the paths are estimated from) that is not positive definite
///   (Cholesky fails, or the smallest eigenvalue ≤ 1e-10, checked when a Cholesky pivot is below 1e-3);
/// - PLSc: a disattenuated construct correlation beyond ±1, and a negative structural residual variance
///   (R² > 1) of an endogenous construct.
template <class Scalar>
std::vector<std::string> admissibility_warnings(const layout& L, const core_fit<Scalar>& f, bool consistent) {
  using std::abs;
  std::vector<std::string> out;
  auto num = [](Scalar v) { return format_value(static_cast<double>(v)); };
  auto cname = [&](Eigen::Index k) { return quoted(L.constructs[static_cast<std::size_t>(k)]); };
  const Eigen::Index K = L.K();
  for (Eigen::Index k = 0; k < K; ++k) {
    const Eigen::Index s = L.start[static_cast<std::size_t>(k)], c = L.count[static_cast<std::size_t>(k)];
    Scalar sl(0), err(0);
    for (Eigen::Index i = s; i < s + c; ++i) {
      const Scalar l = f.loadings(i, k);
      sl += l;
      err += Scalar(1) - l * l;
      if (abs(l) > Scalar(1))
        out.push_back("loading of indicator " + quoted(L.indicators[static_cast<std::size_t>(i)]) + " on construct " +
                      cname(k) + " is " + num(l) + ", beyond ±1 (its error variance 1 − λ² = " + num(Scalar(1) - l * l) +
                      " is negative)");
    }
    const model::mode md = L.modes[static_cast<std::size_t>(k)];
    if (!((md == model::mode::A || md == model::mode::unit) && c > 1)) continue;
    const Scalar ra = f.rho_a(k);
    if (!(ra <= Scalar(1)) || !(ra > Scalar(0)))
      out.push_back("rho_A of construct " + cname(k) + " is " + num(ra) +
                    (ra > Scalar(1) ? ", above 1" : ", not positive") +
                    (consistent ? " (PLSc cannot disattenuate it)" : ""));
    const Scalar rc = sl * sl / (sl * sl + err);
    if (rc > Scalar(1) || !std::isfinite(static_cast<double>(rc)))
      out.push_back("rho_C of construct " + cname(k) + " is " + num(rc) + ", above 1");
  }
  bool finite = f.Rc.allFinite();
  if (consistent) {
    for (Eigen::Index a = 0; a < K; ++a)
      for (Eigen::Index b = a + 1; b < K; ++b)
        if (!(abs(f.Rc(a, b)) <= Scalar(1)))
          out.push_back("PLSc disattenuated correlation of " + cname(a) + " and " + cname(b) + " is " + num(f.Rc(a, b)) +
                        ", beyond ±1");
    for (Eigen::Index k = 0; k < K; ++k)
      if (!L.predecessors[static_cast<std::size_t>(k)].empty() && f.r2(k) > Scalar(1))
        out.push_back("PLSc residual variance of construct " + cname(k) + " is " + num(Scalar(1) - f.r2(k)) +
                      ", negative (R² = " + num(f.r2(k)) + ")");
  }
  if (K > 1) {
    if (!finite) {
      out.push_back("the construct correlation matrix has non-finite entries");
    } else {
      // cheap test first (this runs for every bootstrap resample): a Cholesky factor with pivots above 1e-10
      const Eigen::LLT<Eigen::MatrixX<Scalar>> llt(f.Rc);
      bool pd = llt.info() == Eigen::Success;
      for (Eigen::Index k = 0; pd && k < K; ++k) pd = llt.matrixLLT()(k, k) * llt.matrixLLT()(k, k) > Scalar(1e-10);
      Scalar ev(0);
      if (pd) {
        // pivots bound the smallest eigenvalue only from above: confirm near the threshold
        Scalar minpiv = llt.matrixLLT()(0, 0) * llt.matrixLLT()(0, 0);
        for (Eigen::Index k = 1; k < K; ++k)
          minpiv = std::min(minpiv, Scalar(llt.matrixLLT()(k, k) * llt.matrixLLT()(k, k)));
        if (minpiv < Scalar(1e-3)) {
          Eigen::SelfAdjointEigenSolver<Eigen::MatrixX<Scalar>> es(f.Rc, Eigen::EigenvaluesOnly);
          ev = es.eigenvalues()(0);
          pd = es.info() == Eigen::Success && ev > Scalar(1e-10);
        }
      } else {
        Eigen::SelfAdjointEigenSolver<Eigen::MatrixX<Scalar>> es(f.Rc, Eigen::EigenvaluesOnly);
        ev = es.eigenvalues()(0);
        pd = es.info() == Eigen::Success && ev > Scalar(1e-10);
      }
      if (!pd)
        out.push_back(std::string(consistent ? "the PLSc (disattenuated) " : "the ") +
                      "construct correlation matrix is not positive definite (smallest eigenvalue " + num(ev) + ")");
    }
  }
  return out;
}

/// The core estimation on a selection of data columns: shared by estimate() and the resampling procedures.
template <class Derived>
estimate_result<typename Derived::Scalar> estimate_columns(const char* fn, const layout& L,
                                                           const Eigen::MatrixBase<Derived>& data,
                                                           const estimate_options& opt,
                                                           const typename Derived::Scalar* case_weights = nullptr) {
  using Scalar = typename Derived::Scalar;
  const auto& X = data.derived();
  if (opt.max_iterations < 0)
    throw_domain_error(fn, "options.max_iterations", opt.max_iterations, "must be >= 0");
  if (!(opt.tolerance > 0)) throw_domain_error(fn, "options.tolerance", opt.tolerance, "must be positive");
  const moments<Scalar> m = compute_moments(X, L.columns, nullptr, 0, case_weights);
  if (!m.mean.allFinite() || !m.sd.allFinite()) {  // name an infinite or NaN cell before blaming the sums
    for (Eigen::Index j = 0; j < L.p(); ++j) {
      const auto col = L.columns[static_cast<std::size_t>(j)];
      for (Eigen::Index i = 0; i < X.rows(); ++i)
        if (!std::isfinite(static_cast<double>(X(i, col))))
          throw_domain_error(fn, "indicator " + quoted(L.indicators[static_cast<std::size_t>(j)]) + ", row " +
                                     std::to_string(i + 1) + " of the data: the value " +
                                     format_value(static_cast<double>(X(i, col))) +
                                     " is not a finite number (missing values must be resolved by the missing-data policy first)");
    }
  }
  check_moments(fn, L, m);
  core_fit<Scalar> f;
  try {
    f = fit_core(fn, L, m.cor, m.n, opt);
  } catch (const estimation_failure& e) {
    throw csat::domain_error(e.what());
  }
  estimate_result<Scalar> r;
  r.constructs = L.constructs;
  r.indicators = L.indicators;
  r.modes = L.modes;
  r.block = L.block;
  r.structure = L.structure;
  r.weights = f.W;
  r.loadings = f.loadings;
  r.cross_loadings = f.RW;
  r.construct_correlations = f.W.transpose() * f.RW;
  r.structural_correlations = f.Rc;
  r.indicator_correlations = m.cor;
  r.indicator_means = m.mean;
  r.indicator_sds = m.sd;
  r.paths = f.B;
  r.total_effects = f.T;
  r.indirect_effects = f.T - f.B;
  r.r_squared = f.r2;
  r.r_squared_adj = f.r2_adj;
  r.rho_a = f.rho_a;
  r.iterations = f.iterations;
  r.updates = f.iterations + 1;
  r.final_change = f.change;
  r.converged = f.converged;
  r.status = f.st;
  r.scheme = opt.scheme;
  r.consistent = opt.consistent;
  r.options = opt;
  r.n_used = m.n;
  r.warnings = admissibility_warnings(L, f, opt.consistent);
  r.admissible = r.warnings.empty();
  if (case_weights) {
    r.weighted = true;
    r.case_weights = Eigen::Map<const Eigen::VectorX<Scalar>>(case_weights, X.rows());
    r.weight_sum = r.case_weights.sum();
  }
  // scores = Z W = X Wu − 1 (mean' Wu), Wu = diag(1/sd) W, accumulated column by column (no copy of the data)
  const Eigen::Index K = L.K(), p = L.p(), n = X.rows();
  const Eigen::MatrixX<Scalar> Wu = m.sd.cwiseInverse().asDiagonal() * f.W;
  const Eigen::RowVectorX<Scalar> offset = m.mean.transpose() * Wu;
  r.scores.resize(n, K);
  r.scores.rowwise() = -offset;
  for (Eigen::Index j = 0; j < p; ++j) {
    const Eigen::Index k = L.block[static_cast<std::size_t>(j)];
    r.scores.col(k) += X.col(L.columns[static_cast<std::size_t>(j)]) * Wu(j, k);
  }
  return r;
}

/// Validates case weights: finite and non-negative (else csat::domain_error naming the row, its source line when
/// known, and the value), not all zero.
template <class Scalar>
void check_case_weights(const char* fn, const Scalar* w, Eigen::Index n, const std::string& column,
                        const std::vector<std::size_t>& lines) {
  const std::string what = column.empty() ? std::string("case weight") : "case weight " + quoted(column);
  Scalar sum(0);
  for (Eigen::Index i = 0; i < n; ++i) {
    const Scalar v = w[i];
    if (!(std::isfinite(static_cast<double>(v)) && v >= Scalar(0))) {
      std::string where = what + " of row " + std::to_string(i);
      if (static_cast<std::size_t>(i) < lines.size() && lines[static_cast<std::size_t>(i)] > 0)
        where += " (line " + std::to_string(lines[static_cast<std::size_t>(i)]) + ")";
      throw_domain_error(fn, where + " = " + format_value(static_cast<double>(v)) +
                                 ", but case weights must be finite and non-negative");
    }
    sum += v;
  }
  if (!(sum > Scalar(0)))
    throw_domain_error(fn, "every " + what + " is zero (" + std::to_string(n) + " rows): no case to estimate on");
}

/// The data of a weighted estimation: zero-weight rows dropped, then the missing-data policy applied; the
/// weights aligned with the remaining rows. `owns` = a reduced copy was made (else the input table is used as is).
template <class Scalar>
struct weighted_data {
  bool owns = false;
  survey::data_table<Scalar> table;
  Eigen::VectorX<Scalar> w;
  std::vector<Eigen::Index> zero_rows;
  std::vector<std::size_t> zero_lines;
  survey::missing_report<Scalar> report;
  const Eigen::MatrixX<Scalar>& values(const survey::data_table<Scalar>& input) const {
    return owns ? table.values : input.values;
  }
};

template <class Scalar>
weighted_data<Scalar> prepare_weighted(const char* fn, const layout& L, const survey::data_table<Scalar>& data,
                                       const Eigen::VectorX<Scalar>& weights, const std::string& column,
                                       const estimate_options& opt) {
  const Eigen::Index n = data.rows();
  if (weights.size() != n)
    throw_invalid_argument(fn, "case weights have " + std::to_string(weights.size()) + " entries, but the data have " +
                                   std::to_string(n) + " rows");
  check_case_weights(fn, weights.data(), n, column, data.lines);
  weighted_data<Scalar> out;
  std::vector<Eigen::Index> keep;
  keep.reserve(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) {
    if (weights(i) > Scalar(0)) {
      keep.push_back(i);
    } else {
      out.zero_rows.push_back(i);
      if (static_cast<std::size_t>(i) < data.lines.size()) out.zero_lines.push_back(data.lines[static_cast<std::size_t>(i)]);
    }
  }
  bool any_missing = false;
  for (auto c : L.columns)
    for (auto i : keep) any_missing = any_missing || std::isnan(static_cast<double>(data.values(i, c)));
  if (any_missing && opt.missing == survey::missing_policy::none) {
    for (auto i : keep)
      for (Eigen::Index j = 0; j < L.p(); ++j)
        if (std::isnan(static_cast<double>(data.values(i, L.columns[static_cast<std::size_t>(j)])))) {
          std::string where = "row " + std::to_string(i);
          if (static_cast<std::size_t>(i) < data.lines.size())
            where = data.source + ":" + std::to_string(data.lines[static_cast<std::size_t>(i)]);
          throw_domain_error(fn, where + ": indicator " + quoted(L.indicators[static_cast<std::size_t>(j)]) +
                                     " is missing; choose a missing-data policy (listwise or mean)");
        }
  }
  if (out.zero_rows.empty() && !any_missing) {
    out.w = weights;
    out.report.policy = opt.missing;
    out.report.columns = L.indicators;
    out.report.rows_before = out.report.rows_after = n;
    return out;
  }
  survey::data_table<Scalar> sub;
  const survey::data_table<Scalar>* use = &data;
  Eigen::VectorX<Scalar> wsub = weights;
  if (!out.zero_rows.empty()) {
    const Eigen::Index m = static_cast<Eigen::Index>(keep.size());
    sub.source = data.source;
    sub.names = data.names;
    sub.text_names = data.text_names;
    sub.values.resize(m, data.cols());
    wsub.resize(m);
    sub.text.assign(data.text.size(), {});
    for (Eigen::Index r = 0; r < m; ++r) {
      const Eigen::Index i = keep[static_cast<std::size_t>(r)];
      sub.values.row(r) = data.values.row(i);
      wsub(r) = weights(i);
      if (static_cast<std::size_t>(i) < data.lines.size()) sub.lines.push_back(data.lines[static_cast<std::size_t>(i)]);
      for (std::size_t t = 0; t < data.text.size(); ++t)
        if (static_cast<std::size_t>(i) < data.text[t].size()) sub.text[t].push_back(data.text[t][static_cast<std::size_t>(i)]);
    }
    csat::detail::recount_missing(sub);
    use = &sub;
  }
  out.owns = true;
  if (any_missing) {
    auto cleaned = survey::apply_missing_policy(*use, opt.missing, L.indicators);
    // rows kept by the policy (listwise deletion drops rows; mean replacement keeps all)
    std::vector<unsigned char> dropped(static_cast<std::size_t>(use->rows()), 0);
    for (auto& e : cleaned.report.excluded) {
      dropped[static_cast<std::size_t>(e.row)] = 1;
      if (!out.zero_rows.empty()) e.row = keep[static_cast<std::size_t>(e.row)];  // back to input rows
    }
    out.w.resize(cleaned.data.rows());
    Eigen::Index r = 0;
    for (Eigen::Index i = 0; i < use->rows(); ++i)
      if (!dropped[static_cast<std::size_t>(i)]) out.w(r++) = wsub(i);
    out.table = std::move(cleaned.data);
    out.report = std::move(cleaned.report);
  } else {
    out.w = std::move(wsub);
    out.table = std::move(sub);
    out.report.policy = opt.missing;
    out.report.columns = L.indicators;
    out.report.rows_before = out.report.rows_after = out.table.rows();
  }
  return out;
}

/// Checks the weight sum of the rows estimated on: the weighted standardization divides by Σw − 1.
template <class Scalar>
void check_weight_sum(const char* fn, const Eigen::VectorX<Scalar>& w) {
  const Scalar s = w.sum();
  if (!(s > Scalar(1)))
    throw_domain_error(fn, "the case weights of the rows estimated on sum to " + format_value(static_cast<double>(s)) +
                               ", but the weighted standardization (divisor sum - 1) needs a sum above 1; "
                               "scale the weights, e.g. to sum to the sample size");
}

/// Weighted estimation on prepared data.
template <class Scalar>
estimate_result<Scalar> estimate_prepared(const char* fn, const layout& L, const survey::data_table<Scalar>& data,
                                          const weighted_data<Scalar>& wd, const std::string& column,
                                          const estimate_options& options) {
  check_weight_sum(fn, wd.w);
  auto r = estimate_columns(fn, L, wd.values(data), options, wd.w.data());
  r.missing = wd.report;
  r.weight_column = column;
  r.zero_weight_rows = wd.zero_rows;
  r.zero_weight_lines = wd.zero_lines;
  return r;
}

/// Weighted estimation on a data table with the weights given per input row.
template <class Scalar>
estimate_result<Scalar> estimate_weighted(const char* fn, const layout& L, const survey::data_table<Scalar>& data,
                                          const Eigen::VectorX<Scalar>& weights, const std::string& column,
                                          const estimate_options& options) {
  const weighted_data<Scalar> wd = prepare_weighted(fn, L, data, weights, column, options);
  return estimate_prepared(fn, L, data, wd, column, options);
}

/// The weight column of a table: a numeric column (csat::invalid_argument naming it when absent or textual).
template <class Scalar>
Eigen::VectorX<Scalar> weight_column(const char* fn, const survey::data_table<Scalar>& data, const std::string& name) {
  const auto it = std::find(data.names.begin(), data.names.end(), name);
  if (it == data.names.end()) {
    const bool is_text = std::find(data.text_names.begin(), data.text_names.end(), name) != data.text_names.end();
    throw_invalid_argument(fn, "weight column " + quoted(name) +
                                   (is_text ? " is a text column; case weights must be numeric"
                                            : " is not in " + (data.source.empty() ? std::string("the data") : data.source)));
  }
  return data.values.col(it - data.names.begin());
}

}  // namespace detail

/// Estimates `spec` on a data table (columns by name). The missing-data policy of `options` is applied to the
/// indicator columns first (its report is carried into the result); with `none`, a missing cell is a
/// csat::domain_error naming its line and column.
template <class Scalar>
estimate_result<Scalar> estimate(const model::specification& spec, const survey::data_table<Scalar>& data,
                                 const estimate_options& options = {}) {
  const char* fn = "csat::pls::estimate";
  const detail::layout L = detail::make_layout(spec, data.names);
  if (!options.weights.empty())
    return detail::estimate_weighted(fn, L, data, detail::weight_column(fn, data, options.weights), options.weights,
                                     options);
  const std::vector<std::string> cols = L.indicators;
  bool any_missing = false;
  for (auto c : L.columns)  // the cells themselves, not the table's counts (which a caller may not have filled)
    if (data.values.col(c).hasNaN()) any_missing = true;
  if (!any_missing) {
    auto r = detail::estimate_columns(fn, L, data.values, options);
    r.missing.policy = options.missing;
    r.missing.columns = cols;
    r.missing.rows_before = r.missing.rows_after = data.rows();
    return r;
  }
  if (options.missing == survey::missing_policy::none) survey::require_complete(data, cols, fn);
  auto cleaned = survey::apply_missing_policy(data, options.missing, cols);
  auto r = detail::estimate_columns(fn, L, cleaned.data.values, options);
  r.missing = std::move(cleaned.report);
  return r;
}

/// Estimates `spec` on a matrix whose columns are named by `columns`. NaN cells are handled by the missing
/// policy of `options` (with `none`, the first one is a csat::domain_error naming its row and column).
template <class Derived>
estimate_result<typename Derived::Scalar> estimate(const model::specification& spec, const Eigen::MatrixBase<Derived>& data,
                                                   const std::vector<std::string>& columns,
                                                   const estimate_options& options = {}) {
  using Scalar = typename Derived::Scalar;
  const char* fn = "csat::pls::estimate";
  csat::detail::check_column_names(fn, data.cols(), columns);
  const detail::layout L = detail::make_layout(spec, columns);
  bool any_missing = false;
  for (auto c : L.columns) any_missing = any_missing || data.col(c).hasNaN();
  if (!any_missing && options.weights.empty()) {
    auto r = detail::estimate_columns(fn, L, data, options);
    r.missing.policy = options.missing;
    r.missing.columns = L.indicators;
    r.missing.rows_before = r.missing.rows_after = data.rows();
    return r;
  }
  if (any_missing && options.missing == survey::missing_policy::none && options.weights.empty()) {
    Eigen::MatrixX<Scalar> sel(data.rows(), L.p());
    for (Eigen::Index j = 0; j < L.p(); ++j) sel.col(j) = data.col(L.columns[static_cast<std::size_t>(j)]);
    survey::require_complete(fn, "data", sel, L.indicators);
  }
  return estimate(spec, csat::detail::table_from_matrix(fn, data, columns), options);
}

/// Weighted PLS on a data table with one case weight per row (survey/design or frequency weights; see
/// docs/pls-weights.md). Zero weights exclude their rows (listed in the result); negative or non-finite weights
/// are a csat::domain_error naming the row and its source line. `options.weights` (a column name) is ignored here.
template <class Scalar>
estimate_result<Scalar> estimate(const model::specification& spec, const survey::data_table<Scalar>& data,
                                 const Eigen::VectorX<Scalar>& case_weights, const estimate_options& options = {}) {
  const char* fn = "csat::pls::estimate";
  const detail::layout L = detail::make_layout(spec, data.names);
  estimate_options opt = options;
  opt.weights.clear();
  return detail::estimate_weighted(fn, L, data, case_weights, std::string(), opt);
}

/// Weighted PLS on a matrix whose columns are named by `columns`, one case weight per row.
template <class Derived>
estimate_result<typename Derived::Scalar> estimate(const model::specification& spec, const Eigen::MatrixBase<Derived>& data,
                                                   const std::vector<std::string>& columns,
                                                   const Eigen::VectorX<typename Derived::Scalar>& case_weights,
                                                   const estimate_options& options = {}) {
  return estimate(spec, csat::detail::table_from_matrix("csat::pls::estimate", data, columns), case_weights, options);
}

}  // namespace pls
}  // namespace csat

#endif
