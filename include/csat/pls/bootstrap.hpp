#ifndef CSAT_PLS_BOOTSTRAP_HPP
#define CSAT_PLS_BOOTSTRAP_HPP

/// \file
/// Bootstrap of a PLS path model: paths, total and indirect effects, loadings, weights, R², HTMT and the 0–100
/// indices, each with mean, sd, t, two p-values, percentile and BCa intervals.
///
/// - Resample b (0-based) draws n row numbers uniformly with replacement from a Mersenne Twister (mt19937_64)
///   seeded by splitmix64(seed, b); every resample is estimated independently and its statistics are written to
///   row b, so the results are bit-identical for any number of threads.
/// - Given resample indices (for example another tool's draws) can be replayed exactly: bootstrap_indices().
/// - A resample is left out only where its statistics do not exist: a zero-variance indicator drops it entirely; a
///   collinear Mode B block or a singular path-scheme regression keeps only its HTMT; a truly singular structural
///   regression (exact zero pivot or reciprocal condition number below the machine epsilon, where R's solve() and
///   so seminr fail) drops its paths, effects and R² but keeps its loadings, weights and HTMT. Such resamples are
///   counted in `failed`. A regular system that is not positive definite (PLSc correlations beyond ±1) is estimated,
///   as seminr and cSEM do, and counted in `inadmissible`.
/// - Statistics: mean; sd with the B−1 divisor; t = original / sd; p = two-sided Student t with B−1 degrees of
///   freedom (Boost.Math); empirical p = min(1, 2·min(share ≤ 0, share ≥ 0)); percentile interval from R's quantile
///   type 7 (seminr's); BCa (Efron 1987) with the bias correction from the share of draws below the original
///   and the acceleration from a leave-one-out jackknife.

#include <csat/config.hpp>
#include <csat/core/error.hpp>
#include <csat/core/parallel.hpp>
#include <csat/core/validate.hpp>
#include <csat/pls/estimate.hpp>
#include <csat/pls/index.hpp>
#include <csat/pls/quality.hpp>
#include <csat/survey/csv.hpp>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace csat {
namespace pls {

/// Options of bootstrap().
struct bootstrap_options {
  std::size_t resamples = 5000;
  std::uint64_t seed = 123;
  /// Worker threads; 0 = std::thread::hardware_concurrency(). Results do not depend on it.
  unsigned threads = 0;
  /// Level of the percentile and BCa intervals.
  double confidence = 0.95;
  /// BCa intervals (a leave-one-out jackknife: n extra estimations on downdated correlations). Skipped (NaN)
  /// above bca_max_rows rows.
  bool bca = true;
  Eigen::Index bca_max_rows = 20000;
  /// Scale ends of the indicators for bootstrapping the 0–100 indices (NaN: no index statistics).
  double scale_min = std::numeric_limits<double>::quiet_NaN();
  double scale_max = std::numeric_limits<double>::quiet_NaN();
  /// Called from the calling thread about every 100 ms with (resamples done, total); may be empty.
  std::function<void(std::size_t, std::size_t)> progress{};
};

/// Bootstrap summary of one parameter.
template <class Scalar = double>
struct parameter_summary {
  std::string from;  ///< path/effect: source construct; loading/weight: indicator; R²/index: construct; HTMT: first
  std::string to;    ///< path/effect: target construct; loading/weight: construct; R²/index: ""; HTMT: second
  Scalar original = 0, mean = 0, sd = 0, t = 0;
  Scalar p = 0;            ///< two-sided, Student t with B−1 df
  Scalar p_empirical = 0;  ///< two-sided, from the share of draws on either side of 0
  Scalar ci_lower = 0, ci_upper = 0;    ///< percentile (type 7)
  Scalar bca_lower = 0, bca_upper = 0;  ///< bias-corrected and accelerated
};

/// Everything the bootstrap produced.
template <class Scalar = double>
struct bootstrap_result {
  estimate_result<Scalar> estimate;  ///< the full-sample estimation
  std::vector<parameter_summary<Scalar>> paths, total_effects, indirect_effects, loadings, weights, r_squared, htmt,
      index;
  std::size_t requested = 0;
  std::size_t successful = 0;
  std::size_t failed = 0;         ///< resamples of which some statistics were left out (see draws)
  std::size_t not_converged = 0;  ///< kept, but the iteration hit max_iterations
  std::string first_failure;      ///< message of the first failed resample (empty if none)
  unsigned threads = 1;
  bool bca_computed = false;
  double confidence = 0.95;
  /// Admissibility: the full-sample estimate's warnings, then one line counting the resamples whose solution was
  /// inadmissible (see estimate_result::warnings). Empty when everything was admissible.
  std::vector<std::string> warnings;
  std::size_t inadmissible = 0;  ///< successful resamples with at least one admissibility warning
  bool weighted = false;         ///< cases were resampled with their case weights (docs/pls-weights.md)
  /// B×m matrix of every statistic per resample (row b = resample b; NaN where a statistic of a failed resample was
  /// left out), columns in the order paths, total effects, indirect effects, loadings, weights, R², HTMT, index.
  /// Each summary uses the finite draws of its column.
  Eigen::MatrixX<Scalar> draws;
};

namespace detail {

using csat::detail::parallel_for;
using csat::detail::worker_count;

inline std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

/// Fills `rows` with n draws in [0, n) for resample b: mt19937_64 seeded from (seed, b), unbiased
/// rejection sampling (no implementation-defined distribution involved).
inline void draw_resample(std::uint64_t seed, std::size_t b, std::vector<Eigen::Index>& rows, Eigen::Index n) {
  std::mt19937_64 gen(splitmix64(splitmix64(seed) ^ (0xD1B54A32D192ED03ULL * (static_cast<std::uint64_t>(b) + 1))));
  const auto range = static_cast<std::uint64_t>(n);
  rows.resize(static_cast<std::size_t>(n));
  // rejection sampling: accept x <= limit, where limit + 1 is the largest multiple of range that fits
  const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
  const std::uint64_t limit = max - (max % range + 1) % range;
  for (auto& r : rows) {
    std::uint64_t x = gen();
    while (x > limit) x = gen();
    r = static_cast<Eigen::Index>(x % range);
  }
}

using resample_index_matrix = Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic>;

/// Checks resamples given as a B×n matrix of 0-based row numbers: n columns, every entry in [0, n).
/// `what` names them in the message (e.g. "resample indices of group \"north\"").
inline void check_resample_indices(const char* fn, const resample_index_matrix& given, Eigen::Index n,
                                   const std::string& what = "resample indices") {
  if (given.cols() != n)
    throw_invalid_argument(fn, what + " have " + std::to_string(given.cols()) + " columns, but the data have " +
                                   std::to_string(n) + " rows");
  for (Eigen::Index b = 0; b < given.rows(); ++b)
    for (Eigen::Index j = 0; j < given.cols(); ++j)
      if (given(b, j) < 0 || given(b, j) >= n)
        throw_domain_error(fn, element_name(what, b, j), given(b, j),
                           "must be a 0-based row number below " + std::to_string(n));
}

/// The rows of resample b: row b of `given` when there is one, else draw_resample(seed, b).
inline void resample_rows(std::uint64_t seed, std::size_t b, const resample_index_matrix* given, Eigen::Index n,
                          std::vector<Eigen::Index>& rows) {
  if (given) {
    rows.resize(static_cast<std::size_t>(n));
    for (Eigen::Index j = 0; j < n; ++j) rows[static_cast<std::size_t>(j)] = (*given)(static_cast<Eigen::Index>(b), j);
  } else {
    draw_resample(seed, b, rows, n);
  }
}

/// What happened to each resample of a resampling loop.
struct resample_outcomes {
  std::vector<unsigned char> ok, converged;
  std::vector<std::string> why;  ///< the failure message of each failed resample
  unsigned threads = 1;

  /// Counts into a result's successful / failed / not_converged / first_failure.
  template <class Result>
  void tally(Result& out) const {
    for (std::size_t b = 0; b < ok.size(); ++b) {
      if (ok[b]) {
        ++out.successful;
        out.not_converged += !converged[b];
      } else {
        ++out.failed;
        if (out.first_failure.empty()) out.first_failure = "resample " + std::to_string(b) + ": " + why[b];
      }
    }
  }
};

/// The resampling loop of every PLS bootstrap: for b in [0, B), `stat(b, w, rows, row)` computes the statistics
/// of the resample with those rows into `row` and returns whether the estimation converged; the row is stored as
/// draws.row(b). `w` < worker_count(threads, B) names the thread, for per-thread scratch space. A csat::invalid_argument or csat::domain_error from `stat` marks resample b failed with its
/// message (draws.row(b) stays NaN); any other exception stops everything and is rethrown. Results depend on b
/// only, never on the number of threads.
template <class Scalar, class Stat>
resample_outcomes run_resamples(std::size_t B, unsigned threads, std::uint64_t seed, const resample_index_matrix* given,
                                Eigen::Index n, Eigen::MatrixX<Scalar>& draws, Stat&& stat,
                                const std::function<void(std::size_t, std::size_t)>& progress = {}) {
  resample_outcomes o;
  o.ok.assign(B, 0);
  o.converged.assign(B, 0);
  o.why.assign(B, std::string());
  o.threads = worker_count(threads, B);
  std::vector<std::vector<Eigen::Index>> rows(o.threads);
  std::vector<Eigen::VectorX<Scalar>> row(o.threads, Eigen::VectorX<Scalar>(draws.cols()));
  parallel_for(
      B, o.threads,
      [&](std::size_t b, unsigned w) {
        try {
          resample_rows(seed, b, given, n, rows[w]);
          const bool conv = stat(b, w, rows[w], row[w]);
          draws.row(static_cast<Eigen::Index>(b)) = row[w].transpose();
          o.ok[b] = 1;
          o.converged[b] = conv;
        } catch (const csat::invalid_argument& e) {
          o.why[b] = e.what();
        } catch (const csat::domain_error& e) {
          o.why[b] = e.what();
        }
      },
      progress);
  return o;
}

/// Efron's BCa acceleration per column of a jackknife matrix (row i = the statistics without case i):
/// a = Σ d³ / (6 (Σ d²)^{3/2}), d = mean − estimate_i. Non-finite entries do not count; fewer than 3 usable
/// rows in a column give NaN.
template <class Scalar>
Eigen::VectorX<Scalar> jackknife_acceleration(const Eigen::MatrixX<Scalar>& jack) {
  using std::pow;
  const Eigen::Index n = jack.rows(), m = jack.cols();
  Eigen::VectorX<Scalar> accel = Eigen::VectorX<Scalar>::Constant(m, std::numeric_limits<Scalar>::quiet_NaN());
  for (Eigen::Index c = 0; c < m; ++c) {
    Scalar mean = 0;
    Eigen::Index cnt = 0;
    for (Eigen::Index i = 0; i < n; ++i)
      if (std::isfinite(static_cast<double>(jack(i, c)))) {
        mean += jack(i, c);
        ++cnt;
      }
    if (cnt < 3) continue;
    mean /= Scalar(cnt);
    Scalar s2 = 0, s3 = 0;
    for (Eigen::Index i = 0; i < n; ++i)
      if (std::isfinite(static_cast<double>(jack(i, c)))) {
        const Scalar d = mean - jack(i, c);
        s2 += d * d;
        s3 += d * d * d;
      }
    accel(c) = s2 > 0 ? s3 / (Scalar(6) * pow(s2, Scalar(1.5))) : Scalar(0);
  }
  return accel;
}

/// BCa acceleration from a leave-one-out jackknife on moments: the correlations, means and sds without case i
/// come from a rank-one downdate of the full-sample moments `m0` of `X` (columns L.columns), O(p²) per case.
/// Weighted, leaving case i out removes its weight w_i: with W = Σw, (W − w_i − 1) R₋ᵢ ∝ (W − 1) R − w_i W/(W − w_i)
/// zᵢzᵢᵀ on the standardized data. `stat(R_i, n_i, mean_i, sd_i, row)` writes the m statistics of that fit into
/// row and returns whether they count; a case whose fit throws a csat error, or whose downdated moments are
/// degenerate, does not count.
template <class Scalar, class Stat>
Eigen::VectorX<Scalar> downdate_jackknife_acceleration(const layout& L, const Eigen::MatrixX<Scalar>& X,
                                                       const moments<Scalar>& m0, const Scalar* case_weights,
                                                       Eigen::Index m, Stat&& stat) {
  const Eigen::Index n = X.rows(), p = L.p();
  Eigen::MatrixX<Scalar> jack = Eigen::MatrixX<Scalar>::Constant(n, m, std::numeric_limits<Scalar>::quiet_NaN());
  Eigen::VectorX<Scalar> z(p), mean_i(p), sd_i(p), row(m);
  Eigen::MatrixX<Scalar> C(p, p), Ri(p, p);
  Scalar wtot = Scalar(n);
  if (case_weights) {
    wtot = Scalar(0);
    for (Eigen::Index i = 0; i < n; ++i) wtot += case_weights[i];
  }
  for (Eigen::Index i = 0; i < n; ++i) {
    const Scalar wi = case_weights ? case_weights[i] : Scalar(1);
    if (!(wtot - wi - Scalar(1) > Scalar(0))) continue;
    for (Eigen::Index j = 0; j < p; ++j) z(j) = (X(i, L.columns[static_cast<std::size_t>(j)]) - m0.mean(j)) / m0.sd(j);
    C = m0.cor * (wtot - 1) - z * z.transpose() * (wi * wtot / (wtot - wi));
    const Eigen::VectorX<Scalar> dg = C.diagonal().cwiseSqrt();
    if (!(dg.minCoeff() > Scalar(0))) continue;
    for (Eigen::Index a = 0; a < p; ++a)
      for (Eigen::Index b = 0; b < p; ++b) Ri(a, b) = a == b ? Scalar(1) : C(a, b) / (dg(a) * dg(b));
    for (Eigen::Index j = 0; j < p; ++j) {
      mean_i(j) = (wtot * m0.mean(j) - wi * X(i, L.columns[static_cast<std::size_t>(j)])) / (wtot - wi);
      sd_i(j) = m0.sd(j) * dg(j) / std::sqrt(wtot - wi - Scalar(1));
    }
    try {
      if (stat(static_cast<const Eigen::MatrixX<Scalar>&>(Ri), n - 1, static_cast<const Eigen::VectorX<Scalar>&>(mean_i),
               static_cast<const Eigen::VectorX<Scalar>&>(sd_i), row))
        jack.row(i) = row.transpose();
    } catch (const csat::domain_error&) {
    } catch (const csat::invalid_argument&) {
    }
  }
  return jackknife_acceleration(jack);
}

/// Which statistics are bootstrapped, in the order of bootstrap_result::draws.
struct stat_plan {
  std::vector<std::pair<Eigen::Index, Eigen::Index>> paths, totals, indirects, htmt;
  std::vector<Eigen::Index> endogenous;
  bool index = false;
  Eigen::Index size(Eigen::Index p, Eigen::Index K) const {
    return static_cast<Eigen::Index>(paths.size() + totals.size() + indirects.size() + endogenous.size() +
                                     htmt.size()) + 2 * p + (index ? K : 0);
  }
};

inline stat_plan make_plan(const layout& L, bool index) {
  stat_plan s;
  const Eigen::Index K = L.K();
  Eigen::MatrixXi S = L.structure, reach = Eigen::MatrixXi::Zero(K, K), reach2 = Eigen::MatrixXi::Zero(K, K);
  Eigen::MatrixXi Pk = S;
  for (Eigen::Index step = 1; step <= K && !Pk.isZero(0); ++step) {
    for (Eigen::Index a = 0; a < K; ++a)
      for (Eigen::Index b = 0; b < K; ++b)
        if (Pk(a, b)) {
          reach(a, b) = 1;
          if (step >= 2) reach2(a, b) = 1;
        }
    Pk = (Pk * S).eval();
  }
  for (Eigen::Index a = 0; a < K; ++a)
    for (Eigen::Index b = 0; b < K; ++b) {
      if (S(a, b)) s.paths.push_back({a, b});
      if (reach(a, b)) s.totals.push_back({a, b});
      if (reach2(a, b)) s.indirects.push_back({a, b});
    }
  for (Eigen::Index k = 0; k < K; ++k)
    if (!L.predecessors[static_cast<std::size_t>(k)].empty()) s.endogenous.push_back(k);
  for (Eigen::Index a = 0; a < K; ++a)
    for (Eigen::Index b = a + 1; b < K; ++b) s.htmt.push_back({a, b});
  s.index = index;
  return s;
}

template <class Scalar, class Row>
void fill_stats(const stat_plan& s, const layout& L, const core_fit<Scalar>& f, const Eigen::MatrixX<Scalar>& R,
                const Eigen::VectorX<Scalar>& mean, const Eigen::VectorX<Scalar>& sd, const Eigen::VectorX<Scalar>& lo,
                const Eigen::VectorX<Scalar>& hi, Row&& out) {
  Eigen::Index c = 0;
  for (const auto& e : s.paths) out(c++) = f.B(e.first, e.second);
  for (const auto& e : s.totals) out(c++) = f.T(e.first, e.second);
  for (const auto& e : s.indirects) out(c++) = f.T(e.first, e.second) - f.B(e.first, e.second);
  for (Eigen::Index i = 0; i < L.p(); ++i) out(c++) = f.loadings(i, L.block[static_cast<std::size_t>(i)]);
  for (Eigen::Index i = 0; i < L.p(); ++i) out(c++) = f.W(i, L.block[static_cast<std::size_t>(i)]);
  for (auto k : s.endogenous) out(c++) = f.r2(k);
  if (!s.htmt.empty()) {
    const Eigen::MatrixX<Scalar> H = htmt_matrix(L, R, true);
    for (const auto& e : s.htmt) out(c++) = H(e.first, e.second);
  }
  if (s.index) {
    Eigen::MatrixX<Scalar> U;
    Eigen::VectorX<Scalar> usum, idx;
    index_core(L.block, L.K(), f.W, mean, sd, lo, hi, U, usum, idx);
    for (Eigen::Index k = 0; k < L.K(); ++k) out(c++) = idx(k);
  }
}

/// R's quantile type 7 of sorted values.
template <class Scalar>
Scalar quantile7(const std::vector<Scalar>& sorted, double prob) {
  if (sorted.empty() || !(prob >= 0 && prob <= 1)) return std::numeric_limits<Scalar>::quiet_NaN();
  const double h = (static_cast<double>(sorted.size()) - 1) * prob;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + Scalar(h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

template <class Scalar>
parameter_summary<Scalar> summarize(std::vector<Scalar> v, Scalar original, Scalar accel, double confidence,
                                    bool bca) {
  using std::sqrt;
  const Scalar nan = std::numeric_limits<Scalar>::quiet_NaN();
  parameter_summary<Scalar> s;
  s.original = original;
  const std::size_t B = v.size();
  if (B < 2) {
    s.mean = s.sd = s.t = s.p = s.p_empirical = s.ci_lower = s.ci_upper = s.bca_lower = s.bca_upper = nan;
    return s;
  }
  Scalar sum = 0;
  for (auto x : v) sum += x;
  s.mean = sum / Scalar(B);
  Scalar ss = 0;
  for (auto x : v) ss += (x - s.mean) * (x - s.mean);
  s.sd = sqrt(ss / Scalar(B - 1));
  s.t = original / s.sd;
  if (std::isfinite(static_cast<double>(s.t))) {
    boost::math::students_t_distribution<double> td(static_cast<double>(B - 1));
    s.p = Scalar(2 * boost::math::cdf(boost::math::complement(td, std::abs(static_cast<double>(s.t)))));
  } else {
    s.p = nan;
  }
  std::size_t le0 = 0, ge0 = 0, below = 0;
  for (auto x : v) {
    le0 += x <= 0;
    ge0 += x >= 0;
    below += x < original;
  }
  s.p_empirical = Scalar(std::min(1.0, 2.0 * static_cast<double>(std::min(le0, ge0)) / static_cast<double>(B)));
  std::sort(v.begin(), v.end());
  const double alpha = 1 - confidence;
  s.ci_lower = quantile7(v, alpha / 2);
  s.ci_upper = quantile7(v, 1 - alpha / 2);
  s.bca_lower = s.bca_upper = nan;
  if (bca && std::isfinite(static_cast<double>(accel)) && below > 0 && below < B) {
    const boost::math::normal_distribution<double> N;
    const double z0 = boost::math::quantile(N, static_cast<double>(below) / static_cast<double>(B));
    const double a = static_cast<double>(accel);
    auto adj = [&](double q) {
      const double z = boost::math::quantile(N, q);
      return boost::math::cdf(N, z0 + (z0 + z) / (1 - a * (z0 + z)));
    };
    s.bca_lower = quantile7(v, adj(alpha / 2));
    s.bca_upper = quantile7(v, adj(1 - alpha / 2));
  }
  return s;
}

/// The bootstrap proper on cleaned data `X` (columns as in L.columns); `given` = B×n 0-based indices or null.
template <class Scalar>
bootstrap_result<Scalar> run_bootstrap(const layout& L, const Eigen::MatrixX<Scalar>& X, estimate_result<Scalar> original,
                                       const estimate_options& eopt, const bootstrap_options& bopt,
                                       const Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic>* given,
                                       const Scalar* case_weights = nullptr) {
  const char* fn = "csat::pls::bootstrap";
  const Eigen::Index n = X.rows(), p = L.p(), K = L.K();
  const bool want_index = std::isfinite(bopt.scale_min) || std::isfinite(bopt.scale_max);
  Eigen::VectorX<Scalar> lo, hi;
  if (want_index) {
    lo = Eigen::VectorX<Scalar>::Constant(p, Scalar(bopt.scale_min));
    hi = Eigen::VectorX<Scalar>::Constant(p, Scalar(bopt.scale_max));
    check_scale(fn, L.indicators, lo, hi);
  }
  if (!(bopt.confidence > 0 && bopt.confidence < 1))
    throw_domain_error(fn, "options.confidence", bopt.confidence, "must lie in (0, 1)");
  const std::size_t B = given ? static_cast<std::size_t>(given->rows()) : bopt.resamples;
  if (B < 2) throw_domain_error(fn, "the number of resamples", B, "must be at least 2");
  if (given) check_resample_indices(fn, *given, n);
  const stat_plan plan = make_plan(L, want_index);
  const Eigen::Index m = plan.size(p, K);
  const Scalar nan = std::numeric_limits<Scalar>::quiet_NaN();

  // statistics of the original estimate (same code path as the resamples)
  const moments<Scalar> m0 = compute_moments(X, L.columns, nullptr, 0, case_weights);
  const core_fit<Scalar> f0 = fit_core(fn, L, m0.cor, m0.n, eopt);
  Eigen::VectorX<Scalar> orig(m);
  fill_stats(plan, L, f0, m0.cor, m0.mean, m0.sd, lo, hi, orig);

  bootstrap_result<Scalar> out;
  out.requested = B;
  out.confidence = bopt.confidence;
  out.draws = Eigen::MatrixX<Scalar>::Constant(static_cast<Eigen::Index>(B), m, nan);
  out.weighted = case_weights != nullptr;
  std::vector<unsigned char> admissible(B, 1);
  std::vector<std::string> inadmissible_why(B), partial_why(B);
  // column groups of a draw row (stat_plan order): structural = paths, total and indirect effects, R²;
  // measurement = loadings, weights, 0-100 indices; HTMT (a function of the indicator correlations alone)
  const Eigen::Index n_eff = static_cast<Eigen::Index>(plan.paths.size() + plan.totals.size() + plan.indirects.size());
  const Eigen::Index at_r2 = n_eff + 2 * p, n_r2 = static_cast<Eigen::Index>(plan.endogenous.size());
  const Eigen::Index at_htmt = at_r2 + n_r2, n_htmt = static_cast<Eigen::Index>(plan.htmt.size());
  const Eigen::Index at_index = at_htmt + n_htmt;
  resample_outcomes res = run_resamples(
      B, bopt.threads, bopt.seed, given, n, out.draws,
      [&](std::size_t b, unsigned, const std::vector<Eigen::Index>& rows, Eigen::VectorX<Scalar>& row) {
        const moments<Scalar> mb = compute_moments(X, L.columns, rows.data(), n, case_weights);
        check_moments(fn, L, mb);  // zero variance: nothing of the resample can be computed
        core_fit<Scalar> fb;
        bool weights_ok = true;
        try {
          fb = fit_core(fn, L, mb.cor, mb.n, eopt);
          weights_ok = !fb.singular_inner;
        } catch (const estimation_failure& e) {  // a collinear Mode B block
          weights_ok = false;
          partial_why[b] = e.what();
        }
        if (weights_ok) {
          fill_stats(plan, L, fb, mb.cor, mb.mean, mb.sd, lo, hi, row);
        } else {
          // the outer weights do not exist; the resample's HTMT does (it needs the indicator correlations only)
          row.setConstant(nan);
          if (n_htmt > 0) {
            const Eigen::MatrixX<Scalar> H = htmt_matrix(L, mb.cor, true);
            for (Eigen::Index e = 0; e < n_htmt; ++e)
              row(at_htmt + e) = H(plan.htmt[static_cast<std::size_t>(e)].first, plan.htmt[static_cast<std::size_t>(e)].second);
          }
          if (partial_why[b].empty())
            partial_why[b] = "a singular system in the path-scheme inner weighting (only the HTMT of this resample is kept)";
          return false;
        }
        // A resample is dropped from a group of statistics only when that group cannot be computed: a truly
        // singular structural regression (R's solve() fails there too) drops its paths, effects and R², never its
        // loadings, weights and HTMT. A regular but not positive definite PLSc system is estimated (seminr, cSEM)
        // and counted as inadmissible below.
        auto blank = [&](Eigen::Index from, Eigen::Index count) {
          bool finite = true;
          for (Eigen::Index c = from; c < from + count; ++c) finite = finite && std::isfinite(static_cast<double>(row(c)));
          if (finite) return false;
          row.segment(from, count).setConstant(nan);
          return true;
        };
        bool structural_gone = fb.singular_structure;
        if (structural_gone) {
          row.head(n_eff).setConstant(nan);
          row.segment(at_r2, n_r2).setConstant(nan);
        } else {
          const bool effects_gone = blank(0, n_eff), r2_gone = blank(at_r2, n_r2);  // both blanked: no ||
          structural_gone = effects_gone || r2_gone;
          if (structural_gone) {
            row.head(n_eff).setConstant(nan);
            row.segment(at_r2, n_r2).setConstant(nan);
          }
        }
        const bool loadings_gone = blank(n_eff, 2 * p), index_gone = blank(at_index, row.size() - at_index);
        const bool measurement_gone = loadings_gone || index_gone;
        const bool htmt_gone = blank(at_htmt, n_htmt);
        if (structural_gone || measurement_gone || htmt_gone) {
          std::string what;
          auto add = [&](const char* w) { what += (what.empty() ? "" : ", ") + std::string(w); };
          if (structural_gone) add("paths, effects and R²");
          if (measurement_gone) add("loadings, weights and indices");
          if (htmt_gone) add("HTMT");
          partial_why[b] = (fb.singular_structure ? std::string("a singular structural regression")
                                                  : std::string("a statistic that is not finite")) +
                           " (left out: " + what + ")";
        }
        const auto warn = admissibility_warnings(L, fb, eopt.consistent);
        if (!warn.empty()) {
          admissible[b] = 0;
          inadmissible_why[b] = warn.front();
        }
        return fb.converged;
      },
      bopt.progress);
  // resamples of which a group of statistics was left out count as failed (their other statistics are kept)
  for (std::size_t b = 0; b < B; ++b)
    if (res.ok[b] && !partial_why[b].empty()) {
      res.ok[b] = 0;
      res.why[b] = partial_why[b];
    }
  out.threads = res.threads;
  res.tally(out);
  const auto& ok = res.ok;
  std::string first_inadmissible;
  for (std::size_t b = 0; b < B; ++b)
    if (ok[b] && !admissible[b]) {
      ++out.inadmissible;
      if (first_inadmissible.empty()) first_inadmissible = "resample " + std::to_string(b) + ": " + inadmissible_why[b];
    }

  out.warnings = original.warnings;
  if (out.inadmissible > 0)
    out.warnings.push_back(std::to_string(out.inadmissible) + " of " + std::to_string(out.successful) +
                           " resamples gave an inadmissible solution (first: " + first_inadmissible + ")");

  // jackknife acceleration for BCa: leave-one-out moments by a rank-one downdate (weighted too)
  Eigen::VectorX<Scalar> accel = Eigen::VectorX<Scalar>::Constant(m, nan);
  out.bca_computed = bopt.bca && n <= bopt.bca_max_rows && n > 3;
  if (out.bca_computed)
    accel = downdate_jackknife_acceleration(
        L, X, m0, case_weights, m,
        [&](const Eigen::MatrixX<Scalar>& Ri, Eigen::Index ni, const Eigen::VectorX<Scalar>& mean_i,
            const Eigen::VectorX<Scalar>& sd_i, Eigen::VectorX<Scalar>& row) {
          const core_fit<Scalar> fi = fit_core(fn, L, Ri, ni, eopt);
          if (fi.st == status::numerical_issue) return false;
          fill_stats(plan, L, fi, Ri, mean_i, sd_i, lo, hi, row);
          return static_cast<bool>(row.allFinite());
        });

  std::vector<Scalar> v;
  v.reserve(B);
  Eigen::Index c = 0;
  auto take = [&](std::vector<parameter_summary<Scalar>>& dst, const std::string& from, const std::string& to) {
    v.clear();
    for (std::size_t b = 0; b < B; ++b)  // every resample for which this statistic could be computed
      if (std::isfinite(static_cast<double>(out.draws(static_cast<Eigen::Index>(b), c))))
        v.push_back(out.draws(static_cast<Eigen::Index>(b), c));
    auto s = summarize(v, orig(c), accel(c), bopt.confidence, out.bca_computed);
    s.from = from;
    s.to = to;
    dst.push_back(s);
    ++c;
  };
  const auto& cn = L.constructs;
  const auto& in = L.indicators;
  auto nm = [](const std::vector<std::string>& v_, Eigen::Index k) -> const std::string& { return v_[static_cast<std::size_t>(k)]; };
  for (const auto& e : plan.paths) take(out.paths, nm(cn, e.first), nm(cn, e.second));
  for (const auto& e : plan.totals) take(out.total_effects, nm(cn, e.first), nm(cn, e.second));
  for (const auto& e : plan.indirects) take(out.indirect_effects, nm(cn, e.first), nm(cn, e.second));
  for (Eigen::Index i = 0; i < p; ++i) take(out.loadings, nm(in, i), nm(cn, L.block[static_cast<std::size_t>(i)]));
  for (Eigen::Index i = 0; i < p; ++i) take(out.weights, nm(in, i), nm(cn, L.block[static_cast<std::size_t>(i)]));
  for (auto k : plan.endogenous) take(out.r_squared, nm(cn, k), "");
  for (const auto& e : plan.htmt) take(out.htmt, nm(cn, e.first), nm(cn, e.second));
  if (plan.index)
    for (Eigen::Index k = 0; k < K; ++k) take(out.index, nm(cn, k), "");
  out.estimate = std::move(original);
  return out;
}

/// Weighted bootstrap: cases (rows with a positive weight, after the missing-data policy) are resampled with
/// replacement, uniformly, and each drawn case keeps its weight (docs/pls-weights.md).
template <class Scalar>
bootstrap_result<Scalar> bootstrap_weighted(const model::specification& spec, const survey::data_table<Scalar>& data,
                                            const Eigen::VectorX<Scalar>& weights, const std::string& column,
                                            const estimate_options& eopt, const bootstrap_options& bopt,
                                            const Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic>* given) {
  const char* fn = "csat::pls::estimate";
  const layout L = make_layout(spec, data.names);
  const weighted_data<Scalar> wd = prepare_weighted(fn, L, data, weights, column, eopt);
  auto original = estimate_prepared(fn, L, data, wd, column, eopt);
  return run_bootstrap(L, wd.values(data), std::move(original), eopt, bopt, given, wd.w.data());
}

template <class Scalar>
bootstrap_result<Scalar> bootstrap_table(const model::specification& spec, const survey::data_table<Scalar>& data,
                                         const estimate_options& eopt, const bootstrap_options& bopt,
                                         const Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic>* given) {
  if (!eopt.weights.empty()) {
    make_layout(spec, data.names);  // model errors first
    return bootstrap_weighted(spec, data, weight_column("csat::pls::bootstrap", data, eopt.weights), eopt.weights, eopt,
                              bopt, given);
  }
  auto original = estimate(spec, data, eopt);
  const layout L = make_layout(spec, data.names);
  if (original.missing.excluded.empty() && original.missing.imputed.empty())
    return run_bootstrap(L, data.values, std::move(original), eopt, bopt, given);
  const auto cleaned = survey::apply_missing_policy(data, eopt.missing, L.indicators);
  return run_bootstrap(L, cleaned.data.values, std::move(original), eopt, bopt, given);
}

}  // namespace detail

/// The resample indices bootstrap() draws for `seed` (B×n, 0-based), for saving or inspection.
inline Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic> resample_indices(Eigen::Index n, std::size_t resamples,
                                                                                   std::uint64_t seed) {
  Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic> out(static_cast<Eigen::Index>(resamples), n);
  std::vector<Eigen::Index> rows;
  for (std::size_t b = 0; b < resamples; ++b) {
    detail::draw_resample(seed, b, rows, n);
    for (Eigen::Index j = 0; j < n; ++j) out(static_cast<Eigen::Index>(b), j) = rows[static_cast<std::size_t>(j)];
  }
  return out;
}

/// Bootstraps `spec` on `data` with seeded resamples. The missing-data policy of `eopt` is applied once to the
/// whole data set; resamples are drawn from the cleaned rows (n_used).
template <class Scalar>
bootstrap_result<Scalar> bootstrap(const model::specification& spec, const survey::data_table<Scalar>& data,
                                   const estimate_options& eopt = {}, const bootstrap_options& bopt = {}) {
  return detail::bootstrap_table(spec, data, eopt, bopt, nullptr);
}

/// Bootstraps with given resamples: `indices` is B×n, 0-based row numbers of the (cleaned) data, one resample per
/// row; bootstrap_options::resamples and seed are ignored.
template <class Scalar>
bootstrap_result<Scalar> bootstrap_indices(const model::specification& spec, const survey::data_table<Scalar>& data,
                                           const Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic>& indices,
                                           const estimate_options& eopt = {}, const bootstrap_options& bopt = {}) {
  return detail::bootstrap_table(spec, data, eopt, bopt, &indices);
}

/// Weighted bootstrap with one case weight per row of `data` (estimate_options::weights is ignored): rows with a
/// positive weight are resampled uniformly with replacement and keep their weights (docs/pls-weights.md).
template <class Scalar>
bootstrap_result<Scalar> bootstrap(const model::specification& spec, const survey::data_table<Scalar>& data,
                                   const Eigen::VectorX<Scalar>& case_weights, const estimate_options& eopt = {},
                                   const bootstrap_options& bopt = {}) {
  estimate_options opt = eopt;
  opt.weights.clear();
  return detail::bootstrap_weighted(spec, data, case_weights, std::string(), opt, bopt, nullptr);
}

/// Weighted bootstrap replaying given resamples (0-based rows of the data after zero-weight rows and the
/// missing-data policy removed theirs).
template <class Scalar>
bootstrap_result<Scalar> bootstrap_indices(const model::specification& spec, const survey::data_table<Scalar>& data,
                                           const Eigen::VectorX<Scalar>& case_weights,
                                           const Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic>& indices,
                                           const estimate_options& eopt = {}, const bootstrap_options& bopt = {}) {
  estimate_options opt = eopt;
  opt.weights.clear();
  return detail::bootstrap_weighted(spec, data, case_weights, std::string(), opt, bopt, &indices);
}

/// Reads resample indices from delimited text without a header: one resample per line, `n` row numbers each
/// (1-based when `one_based`, as R writes them). Returns them 0-based. Errors name the line and column.
inline Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic> read_resample_indices(const std::string& path,
                                                                                        bool one_based = true) {
  const char* fn = "csat::pls::read_resample_indices";
  survey::csv_reader reader(csat::detail::read_file_text(path, fn), path);
  survey::csv_record rec;
  std::vector<Eigen::Index> values;
  std::size_t width = 0, rows = 0;
  while (reader.next(rec)) {
    if (rows == 0) width = rec.fields.size();
    if (rec.fields.size() != width)
      throw csat::parse_error(path, rec.line, 1, "", "resample has " + std::to_string(rec.fields.size()) +
                                                         " row numbers, but the first has " + std::to_string(width));
    for (std::size_t j = 0; j < width; ++j) {
      const std::string& t = rec.fields[j];
      char* end = nullptr;
      const long long v = std::strtoll(t.c_str(), &end, 10);
      if (t.empty() || end != t.c_str() + t.size() || (one_based ? v < 1 : v < 0))
        throw csat::parse_error(path, rec.lines[j], rec.columns[j], t,
                                "row number " + csat::detail::quoted(t) + " is not a " +
                                    (one_based ? "positive (1-based)" : "non-negative (0-based)") + " integer");
      values.push_back(static_cast<Eigen::Index>(one_based ? v - 1 : v));
    }
    ++rows;
  }
  if (rows == 0) throw csat::parse_error(path, 0, 0, "", "no resample in the file");
  Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic> out(static_cast<Eigen::Index>(rows),
                                                                  static_cast<Eigen::Index>(width));
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t j = 0; j < width; ++j)
      out(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(j)) = values[r * width + j];
  return out;
}

}  // namespace pls
}  // namespace csat

#endif
