#ifndef CSAT_PLS_PREDICT_HPP
#define CSAT_PLS_PREDICT_HPP

/// \file
/// PLSpredict (Shmueli, Ray, Velasquez Estrada & Chatla 2016; Shmueli et al. 2019): out-of-sample prediction of
/// the indicators of the endogenous constructs by k-fold or leave-one-out cross-validation, with the
/// conventions of seminr 2.3.2's predict_pls().
///
/// - Each fold re-estimates the model on the training rows (the options of the full estimation) and predicts
///   the held-out rows: indicators standardized with the training means and n−1 standard deviations, scores
///   ξ = z W, then the technique — direct antecedents (DA: ξ̂_k = Σ_j ξ_j b_jk from the scores of the
///   predecessors) or earliest antecedents (EA: endogenous scores in causal order from the exogenous scores only,
///   ξ̂_k = Σ_j ξ̂_j b_jk) — then x̂_i = λ_i ξ̂_{block(i)}, unstandardized with the training means and sds.
/// - Linear-model benchmark (LM), as seminr: every indicator of an endogenous construct is regressed by OLS with
///   intercept on ALL other model indicators outside its own block (not only those of the antecedent constructs,
///   as Shmueli et al. 2019 describe it), on the training rows.
/// - Indicator-mean benchmark (IA): the training mean; Q²predict = 1 − Σ(y − ŷ)² / Σ(y − ȳ_train)².
/// - In-sample prediction of row r: the mean over the folds in which r was a training row of that fold model's
///   prediction for r (seminr's PLS_in_sample / lm_in_sample).
/// - Every fold prediction is an affine map of the case's indicator vector; the training moments come from the
///   full-sample centered cross-products minus the held-out rows (no pass over the training rows), so
///   leave-one-out costs n small PLS fits on p×p correlation matrices.
/// - k folds: a seeded permutation (mt19937_64 seeded from splitmix64(seed, repetition)), cut into k contiguous
///   groups of near-equal size; repetitions average the predictions (seminr's reps). Results are identical for
///   any number of threads. Leave-one-out needs no permutation.
/// - CVPAT (Liengaard et al. 2021): per case the average squared prediction error over the items of a construct
///   (and over all endogenous items); D_i = loss_benchmark − loss_PLS; t = mean(D) / (sd(D)/√n), one-sided p
///   (H1: PLS predicts better) from Student t with n−1 df, against IA and LM.

#include <csat/config.hpp>
#include <csat/core/error.hpp>
#include <csat/core/parallel.hpp>
#include <csat/core/validate.hpp>
#include <csat/pls/bootstrap.hpp>
#include <csat/pls/estimate.hpp>
#include <csat/survey/csv.hpp>
#include <csat/survey/missing.hpp>

#include <boost/math/distributions/students_t.hpp>

#include <Eigen/Cholesky>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace csat {
namespace pls {

/// How endogenous scores are predicted from the held-out case's scores.
enum class predict_technique {
  direct_antecedent,   ///< DA: from the scores of the direct predecessors (seminr predict_DA)
  earliest_antecedent  ///< EA: from the exogenous scores only, in causal order (seminr predict_EA)
};

inline const char* to_string(predict_technique t) {
  return t == predict_technique::earliest_antecedent ? "earliest_antecedent" : "direct_antecedent";
}

/// Options of predict().
struct predict_options {
  /// Number of folds; 0 (or the number of rows) = leave-one-out.
  Eigen::Index folds = 10;
  /// Repetitions of k-fold cross-validation with fresh permutations (ignored for leave-one-out).
  std::size_t repetitions = 1;
  std::uint64_t seed = 123;
  predict_technique technique = predict_technique::direct_antecedent;
  /// Worker threads; 0 = std::thread::hardware_concurrency(). Results do not depend on it.
  unsigned threads = 0;
  /// CVPAT loss-difference tests against the IA and LM benchmarks.
  bool cvpat = false;
};

/// Prediction metrics of one indicator (raw units).
template <class Scalar = double>
struct indicator_prediction {
  std::string indicator, construct;
  Scalar rmse = 0, mae = 0, q2_predict = 0;        ///< PLS, out of sample
  Scalar lm_rmse = 0, lm_mae = 0, lm_q2_predict = 0;  ///< linear-model benchmark, out of sample
  Scalar ia_rmse = 0, ia_mae = 0;                  ///< indicator-mean benchmark (training means)
  Scalar is_rmse = 0, is_mae = 0;                  ///< PLS, in sample
  Scalar lm_is_rmse = 0, lm_is_mae = 0;            ///< LM, in sample
};

/// Prediction metrics of one endogenous construct: pooled over its indicators, and of its composite score
/// (standardized units; the actual score of a held-out case is z W of the fold model, the benchmark is the
/// training mean 0).
template <class Scalar = double>
struct construct_prediction {
  std::string construct;
  Scalar rmse = 0, mae = 0, q2_predict = 0;           ///< indicators pooled, PLS out of sample
  Scalar lm_rmse = 0, lm_mae = 0, lm_q2_predict = 0;  ///< indicators pooled, LM
  Scalar score_rmse = 0, score_mae = 0, score_q2_predict = 0;  ///< composite score
};

/// One CVPAT test: average loss difference benchmark − PLS (positive: PLS predicts better).
template <class Scalar = double>
struct cvpat_test {
  std::string construct;  ///< "" = all endogenous indicators
  std::string benchmark;  ///< "IA" or "LM"
  Scalar pls_loss = 0, benchmark_loss = 0, difference = 0, t = 0, p = 0;
};

/// Everything predict() produced. Prediction matrices are n×q over the rows of the data used (after the
/// missing-data policy) and the q indicators of the endogenous constructs, in model order.
template <class Scalar = double>
struct predict_result {
  estimate_result<Scalar> estimate;  ///< the full-sample estimation
  predict_technique technique = predict_technique::direct_antecedent;
  bool leave_one_out = false;
  Eigen::Index folds = 0;
  std::size_t repetitions = 1;
  std::uint64_t seed = 0;
  unsigned threads = 1;
  std::size_t not_converged = 0;  ///< fold estimations that hit max_iterations (kept)

  std::vector<std::string> indicators;  ///< q predicted indicators
  std::vector<std::string> constructs;  ///< endogenous constructs
  std::vector<Eigen::Index> indicator_construct;  ///< per predicted indicator: index into `constructs`
  Eigen::MatrixXi fold;                 ///< n×repetitions 0-based fold of each row

  Eigen::MatrixX<Scalar> actual;        ///< n×q
  Eigen::MatrixX<Scalar> pls_predictions, lm_predictions, ia_predictions;  ///< out of sample
  Eigen::MatrixX<Scalar> pls_in_sample, lm_in_sample;
  Eigen::MatrixX<Scalar> score_actual, score_predictions;  ///< n×(endogenous constructs)

  std::vector<indicator_prediction<Scalar>> items;
  std::vector<construct_prediction<Scalar>> construct_metrics;
  std::vector<cvpat_test<Scalar>> cvpat;

  const indicator_prediction<Scalar>& item(const std::string& name) const {
    for (const auto& m : items)
      if (m.indicator == name) return m;
    csat::detail::throw_invalid_argument("csat::pls::predict_result", "no predicted indicator named " +
                                                                          csat::detail::quoted(name));
  }
  Eigen::Index indicator_index(const std::string& name) const {
    for (std::size_t i = 0; i < indicators.size(); ++i)
      if (indicators[i] == name) return static_cast<Eigen::Index>(i);
    csat::detail::throw_invalid_argument("csat::pls::predict_result", "no predicted indicator named " +
                                                                          csat::detail::quoted(name));
  }
};

namespace detail {

/// Unbiased integer in [0, n) by rejection of the incomplete top range.
inline std::uint64_t bounded_draw(std::mt19937_64& g, std::uint64_t n) {
  const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
  const std::uint64_t limit = max - (max % n + 1) % n;
  std::uint64_t x = g();
  while (x > limit) x = g();
  return x % n;
}

/// Fold of every row for repetition `rep`: a seeded permutation cut into k contiguous groups.
inline std::vector<int> draw_folds(std::uint64_t seed, std::size_t rep, Eigen::Index n, Eigen::Index k) {
  std::mt19937_64 gen(splitmix64(splitmix64(seed ^ 0x5EEDF01DULL) ^ (0xA0761D6478BD642FULL * (rep + 1))));
  std::vector<Eigen::Index> perm(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) perm[static_cast<std::size_t>(i)] = i;
  for (Eigen::Index i = n - 1; i > 0; --i) {  // Fisher–Yates
    const auto j = static_cast<Eigen::Index>(bounded_draw(gen, static_cast<std::uint64_t>(i + 1)));
    std::swap(perm[static_cast<std::size_t>(i)], perm[static_cast<std::size_t>(j)]);
  }
  std::vector<int> fold(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i)
    fold[static_cast<std::size_t>(perm[static_cast<std::size_t>(i)])] = static_cast<int>((i * k) / n);
  return fold;
}

/// The affine prediction maps of one fold model: ŷ = x A + c over the p model indicators x.
template <class Scalar>
struct fold_maps {
  Eigen::MatrixX<Scalar> pls, lm, score_actual, score_pred;
  Eigen::RowVectorX<Scalar> pls_c, lm_c, score_actual_c, score_pred_c, ia;
  bool converged = true;
};

/// What stays fixed across folds: the endogenous constructs, their indicators and the LM predictor sets.
struct predict_plan {
  std::vector<Eigen::Index> endo;        ///< endogenous constructs (layout indices)
  std::vector<Eigen::Index> items;       ///< predicted indicators (layout indices)
  std::vector<Eigen::Index> item_endo;   ///< per predicted indicator: index into endo
  std::vector<bool> exogenous;           ///< per construct
};

inline predict_plan make_predict_plan(const layout& L) {
  predict_plan P;
  P.exogenous.assign(static_cast<std::size_t>(L.K()), false);
  for (Eigen::Index k = 0; k < L.K(); ++k) {
    if (L.predecessors[static_cast<std::size_t>(k)].empty()) {
      P.exogenous[static_cast<std::size_t>(k)] = true;
      continue;
    }
    P.endo.push_back(k);
    for (Eigen::Index i = 0; i < L.count[static_cast<std::size_t>(k)]; ++i) {
      P.items.push_back(L.start[static_cast<std::size_t>(k)] + i);
      P.item_endo.push_back(static_cast<Eigen::Index>(P.endo.size() - 1));
    }
  }
  return P;
}

/// Builds the prediction maps of a fold from its training moments.
template <class Scalar>
fold_maps<Scalar> fold_model(const char* fn, const layout& L, const predict_plan& P, const moments<Scalar>& m,
                             const estimate_options& eopt, predict_technique technique) {
  const Eigen::Index K = L.K(), p = L.p(), q = static_cast<Eigen::Index>(P.items.size());
  const Eigen::Index ke = static_cast<Eigen::Index>(P.endo.size());
  check_moments(fn, L, m);
  core_fit<Scalar> f = fit_core(fn, L, m.cor, m.n, eopt);
  if (f.st == status::numerical_issue)
    throw csat::domain_error(std::string(fn) + ": a singular system in the estimation");
  fold_maps<Scalar> out;
  out.converged = f.converged;
  // score propagation P (K×K): ξ̂ = ξ Pm
  Eigen::MatrixX<Scalar> D = Eigen::MatrixX<Scalar>::Zero(K, K);
  for (Eigen::Index k = 0; k < K; ++k)
    if (P.exogenous[static_cast<std::size_t>(k)]) D(k, k) = Scalar(1);
  Eigen::MatrixX<Scalar> Pm;
  if (technique == predict_technique::direct_antecedent) {
    Pm = D + f.B;  // endogenous columns: B(:,k); exogenous columns: the score itself
  } else {
    Pm = D;  // causal order: after step s every construct at depth ≤ s is predicted from exogenous scores
    for (Eigen::Index s = 0; s < K; ++s) Pm = D + Pm * f.B;
  }
  const Eigen::MatrixX<Scalar> Wu = m.sd.cwiseInverse().asDiagonal() * f.W;  // x ↦ scores (minus offset)
  const Eigen::MatrixX<Scalar> WP = Wu * Pm;                                  // p×K
  out.pls.resize(p, q);
  out.pls_c.resize(q);
  out.ia.resize(q);
  for (Eigen::Index j = 0; j < q; ++j) {
    const Eigen::Index i = P.items[static_cast<std::size_t>(j)];
    const Eigen::Index k = L.block[static_cast<std::size_t>(i)];
    out.pls.col(j) = WP.col(k) * (f.loadings(i, k) * m.sd(i));
    out.pls_c(j) = m.mean(i) - m.mean.dot(out.pls.col(j));
    out.ia(j) = m.mean(i);
  }
  out.score_actual.resize(p, ke);
  out.score_pred.resize(p, ke);
  out.score_actual_c.resize(ke);
  out.score_pred_c.resize(ke);
  for (Eigen::Index e = 0; e < ke; ++e) {
    const Eigen::Index k = P.endo[static_cast<std::size_t>(e)];
    out.score_actual.col(e) = Wu.col(k);
    out.score_pred.col(e) = WP.col(k);
    out.score_actual_c(e) = -m.mean.dot(Wu.col(k));
    out.score_pred_c(e) = -m.mean.dot(WP.col(k));
  }
  // LM benchmark: OLS with intercept of each item of an endogenous construct on all indicators outside its block.
  // On the standardized scale the coefficients of block Y on the rest S are −P_SY P_YY⁻¹ with P = R⁻¹ (the
  // conditional mean of Y given S), so one p×p factorization serves every construct; a singular R falls back to
  // one regression per construct, which names the construct whose predictors are collinear.
  out.lm = Eigen::MatrixX<Scalar>::Zero(p, q);
  out.lm_c.resize(q);
  Eigen::LLT<Eigen::MatrixX<Scalar>> llt(m.cor);
  bool full = llt.info() == Eigen::Success;
  if (full) {
    const auto dg = llt.matrixLLT().diagonal();
    for (Eigen::Index i = 0; i < p; ++i) full = full && dg(i) * dg(i) > Scalar(1e-10);
  }
  Eigen::MatrixX<Scalar> Prec;
  if (full) {
    Prec = Eigen::MatrixX<Scalar>::Identity(p, p);
    llt.solveInPlace(Prec);
    full = Prec.allFinite();
  }
  for (Eigen::Index e = 0; e < ke; ++e) {
    const Eigen::Index k = P.endo[static_cast<std::size_t>(e)];
    const Eigen::Index c0 = L.start[static_cast<std::size_t>(k)], cn = L.count[static_cast<std::size_t>(k)];
    if (cn == p) continue;  // no predictor outside the block
    Eigen::MatrixX<Scalar> beta(p, cn);  // standardized coefficients, rows = all indicators (zero inside the block)
    if (full) {
      const Eigen::MatrixX<Scalar> Pyy = Prec.block(c0, c0, cn, cn);
      Eigen::LLT<Eigen::MatrixX<Scalar>> py(Pyy);
      beta = -Prec.middleCols(c0, cn) * py.solve(Eigen::MatrixX<Scalar>::Identity(cn, cn));
      beta.middleRows(c0, cn).setZero();
    } else {
      std::vector<Eigen::Index> S;
      for (Eigen::Index i = 0; i < p; ++i)
        if (L.block[static_cast<std::size_t>(i)] != k) S.push_back(i);
      const Eigen::Index s = static_cast<Eigen::Index>(S.size());
      Eigen::MatrixX<Scalar> Rss(s, s), Rsy(s, cn);
      for (Eigen::Index a = 0; a < s; ++a) {
        for (Eigen::Index b = 0; b < s; ++b) Rss(a, b) = m.cor(S[static_cast<std::size_t>(a)], S[static_cast<std::size_t>(b)]);
        for (Eigen::Index b = 0; b < cn; ++b) Rsy(a, b) = m.cor(S[static_cast<std::size_t>(a)], c0 + b);
      }
      Eigen::LDLT<Eigen::MatrixX<Scalar>> ldlt(Rss);
      if (ldlt.info() != Eigen::Success || !(ldlt.rcond() > Scalar(1e-13)))
        throw csat::domain_error(std::string(fn) + ": the linear-model benchmark of construct " +
                                 quoted(L.constructs[static_cast<std::size_t>(k)]) +
                                 " has collinear predictors (their correlation matrix is singular)");
      const Eigen::MatrixX<Scalar> b = ldlt.solve(Rsy);
      beta.setZero();
      for (Eigen::Index a = 0; a < s; ++a) beta.row(S[static_cast<std::size_t>(a)]) = b.row(a);
    }
    for (Eigen::Index j = 0; j < q; ++j) {
      const Eigen::Index i = P.items[static_cast<std::size_t>(j)];
      if (L.block[static_cast<std::size_t>(i)] != k) continue;
      Scalar c = m.mean(i);
      for (Eigen::Index x = 0; x < p; ++x) {
        if (L.block[static_cast<std::size_t>(x)] == k) continue;
        const Scalar b = beta(x, i - c0) * m.sd(i) / m.sd(x);
        out.lm(x, j) = b;
        c -= b * m.mean(x);
      }
      out.lm_c(j) = c;
    }
  }
  return out;
}

template <class Scalar>
predict_result<Scalar> run_predict(const layout& L, const Eigen::MatrixX<Scalar>& X, estimate_result<Scalar> original,
                                   const estimate_options& eopt, const predict_options& popt,
                                   const Eigen::MatrixXi* given_folds) {
  const char* fn = "csat::pls::predict";
  using std::abs;
  using std::sqrt;
  const Eigen::Index n = X.rows(), p = L.p();
  const predict_plan P = make_predict_plan(L);
  const Eigen::Index q = static_cast<Eigen::Index>(P.items.size()), ke = static_cast<Eigen::Index>(P.endo.size());
  if (ke == 0) throw_invalid_argument(fn, "the model has no endogenous construct to predict");

  predict_result<Scalar> out;
  out.technique = popt.technique;
  out.seed = popt.seed;
  // fold assignment
  Eigen::Index k = 0;
  if (given_folds) {
    if (given_folds->rows() != n)
      throw_invalid_argument(fn, "the fold assignment has " + std::to_string(given_folds->rows()) +
                                     " rows, but the data have " + std::to_string(n));
    if (given_folds->cols() < 1) throw_invalid_argument(fn, "the fold assignment has no column");
    if (given_folds->minCoeff() < 0)
      for (Eigen::Index r = 0; r < n; ++r)
        for (Eigen::Index c = 0; c < given_folds->cols(); ++c)
          if ((*given_folds)(r, c) < 0)
            throw_domain_error(fn, element_name("folds", r, c), (*given_folds)(r, c), "must be a 0-based fold number");
    k = given_folds->maxCoeff() + 1;
    out.fold = *given_folds;
    out.leave_one_out = false;
  } else {
    const Eigen::Index folds = popt.folds == 0 ? n : popt.folds;
    if (folds < 2 || folds > n)
      throw_domain_error(fn, "options.folds", popt.folds,
                         "must be 0 (leave-one-out) or between 2 and the number of rows (" + std::to_string(n) + ")");
    if (popt.repetitions < 1) throw_domain_error(fn, "options.repetitions", popt.repetitions, "must be at least 1");
    k = folds;
    out.leave_one_out = folds == n;
    const std::size_t reps = out.leave_one_out ? 1 : popt.repetitions;
    out.fold.resize(n, static_cast<Eigen::Index>(reps));
    for (std::size_t r = 0; r < reps; ++r) {
      if (out.leave_one_out) {
        for (Eigen::Index i = 0; i < n; ++i) out.fold(i, 0) = static_cast<int>(i);
      } else {
        const auto f = draw_folds(popt.seed, r, n, k);
        for (Eigen::Index i = 0; i < n; ++i) out.fold(i, static_cast<Eigen::Index>(r)) = f[static_cast<std::size_t>(i)];
      }
    }
  }
  const std::size_t reps = static_cast<std::size_t>(out.fold.cols());
  out.folds = k;
  out.repetitions = reps;
  // members of each fold, per repetition
  std::vector<std::vector<std::vector<Eigen::Index>>> members(reps, std::vector<std::vector<Eigen::Index>>(static_cast<std::size_t>(k)));
  for (std::size_t r = 0; r < reps; ++r)
    for (Eigen::Index i = 0; i < n; ++i)
      members[r][static_cast<std::size_t>(out.fold(i, static_cast<Eigen::Index>(r)))].push_back(i);
  for (std::size_t r = 0; r < reps; ++r)
    for (Eigen::Index f = 0; f < k; ++f)
      if (members[r][static_cast<std::size_t>(f)].empty())
        throw_invalid_argument(fn, "fold " + std::to_string(f) + (reps > 1 ? " of repetition " + std::to_string(r) : "") +
                                       " has no rows");

  // full-sample centered cross-products: training moments are obtained by removing the held-out rows
  const Eigen::VectorX<Scalar> mu = [&] {
    Eigen::VectorX<Scalar> v(p);
    for (Eigen::Index j = 0; j < p; ++j) v(j) = X.col(L.columns[static_cast<std::size_t>(j)]).mean();
    return v;
  }();
  Eigen::MatrixX<Scalar> Xc(n, p);  // the model indicators, centered by the full-sample means
  for (Eigen::Index j = 0; j < p; ++j) Xc.col(j) = X.col(L.columns[static_cast<std::size_t>(j)]).array() - mu(j);
  Eigen::MatrixX<Scalar> M = Eigen::MatrixX<Scalar>::Zero(p, p);
  M.template selfadjointView<Eigen::Lower>().rankUpdate(Xc.transpose());
  M.template triangularView<Eigen::StrictlyUpper>() = M.transpose();
  Eigen::MatrixX<Scalar> Xm(n, p);  // raw model indicators in layout order
  for (Eigen::Index j = 0; j < p; ++j) Xm.col(j) = X.col(L.columns[static_cast<std::size_t>(j)]);

  const std::size_t tasks = reps * static_cast<std::size_t>(k);
  std::vector<fold_maps<Scalar>> maps(tasks);
  const unsigned threads = worker_count(popt.threads, tasks);
  out.threads = threads;
  std::vector<Eigen::MatrixX<Scalar>> T_w(threads), C_w(threads);
  parallel_for(tasks, threads, [&](std::size_t t, unsigned w) {
    Eigen::MatrixX<Scalar>& T = T_w[w];
    Eigen::MatrixX<Scalar>& C = C_w[w];
    const std::size_t r = t / static_cast<std::size_t>(k);
    const Eigen::Index f = static_cast<Eigen::Index>(t % static_cast<std::size_t>(k));
    const auto& test = members[r][static_cast<std::size_t>(f)];
    const Eigen::Index nt = static_cast<Eigen::Index>(test.size()), ntr = n - nt;
    const auto where = [&] {
      return std::string(fn) + ": fold " + std::to_string(f) + (reps > 1 ? " of repetition " + std::to_string(r) : "") +
             " (" + std::to_string(ntr) + " training rows) cannot be estimated: ";
    };
    try {
      T.resize(nt, p);
      for (Eigen::Index a = 0; a < nt; ++a) T.row(a) = Xc.row(test[static_cast<std::size_t>(a)]);
      const Eigen::VectorX<Scalar> d = -T.colwise().sum().transpose() / Scalar(ntr);
      C.resize(p, p);  // M − Σ_test x̃x̃′ − n_train d d′ (few held-out rows: plain loops beat a product kernel)
      for (Eigen::Index b = 0; b < p; ++b)
        for (Eigen::Index a = b; a < p; ++a) {
          Scalar v = M(a, b) - Scalar(ntr) * d(a) * d(b);
          for (Eigen::Index u = 0; u < nt; ++u) v -= T(u, a) * T(u, b);
          C(a, b) = C(b, a) = v;
        }
      bool cancelled = false;  // a training variance lost to cancellation: recompute from the rows
      for (Eigen::Index j = 0; j < p; ++j) cancelled = cancelled || !(C(j, j) > Scalar(1e-8) * M(j, j));
      if (cancelled) {
        std::vector<Eigen::Index> rows;
        rows.reserve(static_cast<std::size_t>(ntr));
        for (Eigen::Index i = 0; i < n; ++i)
          if (out.fold(i, static_cast<Eigen::Index>(r)) != static_cast<int>(f)) rows.push_back(i);
        maps[t] = fold_model(fn, L, P, compute_moments(X, L.columns, rows.data(), ntr), eopt, popt.technique);
        return;
      }
      moments<Scalar> m;
      m.n = ntr;
      m.mean = mu + d;
      m.sd = (C.diagonal().array().max(Scalar(0)) / Scalar(ntr - 1)).sqrt().matrix();
      m.cor.resize(p, p);
      for (Eigen::Index a = 0; a < p; ++a)
        for (Eigen::Index b = 0; b < p; ++b)
          m.cor(a, b) = a == b ? Scalar(1) : C(a, b) / (Scalar(ntr - 1) * m.sd(a) * m.sd(b));
      maps[t] = fold_model(fn, L, P, m, eopt, popt.technique);
    } catch (const csat::domain_error& e) {
      throw csat::domain_error(where() + e.what());
    } catch (const csat::invalid_argument& e) {
      throw csat::invalid_argument(where() + e.what());
    }
  });

  // predictions (averaged over repetitions), in fold order: identical for any thread count
  out.actual.resize(n, q);
  for (Eigen::Index j = 0; j < q; ++j) out.actual.col(j) = Xm.col(P.items[static_cast<std::size_t>(j)]);
  out.pls_predictions = Eigen::MatrixX<Scalar>::Zero(n, q);
  out.lm_predictions = Eigen::MatrixX<Scalar>::Zero(n, q);
  out.ia_predictions = Eigen::MatrixX<Scalar>::Zero(n, q);
  out.pls_in_sample = Eigen::MatrixX<Scalar>::Zero(n, q);
  out.lm_in_sample = Eigen::MatrixX<Scalar>::Zero(n, q);
  out.score_actual = Eigen::MatrixX<Scalar>::Zero(n, ke);
  out.score_predictions = Eigen::MatrixX<Scalar>::Zero(n, ke);
  Eigen::MatrixX<Scalar> pls_oos(n, q), lm_oos(n, q);
  for (std::size_t r = 0; r < reps; ++r) {
    Eigen::MatrixX<Scalar> sumA = Eigen::MatrixX<Scalar>::Zero(p, q), sumL = Eigen::MatrixX<Scalar>::Zero(p, q);
    Eigen::RowVectorX<Scalar> sumAc = Eigen::RowVectorX<Scalar>::Zero(q), sumLc = Eigen::RowVectorX<Scalar>::Zero(q);
    for (Eigen::Index f = 0; f < k; ++f) {
      const auto& fm = maps[r * static_cast<std::size_t>(k) + static_cast<std::size_t>(f)];
      out.not_converged += !fm.converged;
      sumA += fm.pls;
      sumL += fm.lm;
      sumAc += fm.pls_c;
      sumLc += fm.lm_c;
      for (Eigen::Index i : members[r][static_cast<std::size_t>(f)]) {
        const auto x = Xm.row(i);
        pls_oos.row(i).noalias() = x * fm.pls;
        pls_oos.row(i) += fm.pls_c;
        lm_oos.row(i).noalias() = x * fm.lm;
        lm_oos.row(i) += fm.lm_c;
        out.ia_predictions.row(i) += fm.ia;
        out.score_actual.row(i) += x * fm.score_actual + fm.score_actual_c;
        out.score_predictions.row(i) += x * fm.score_pred + fm.score_pred_c;
      }
    }
    out.pls_predictions += pls_oos;
    out.lm_predictions += lm_oos;
    // in sample: mean over the other k−1 fold models = (all k maps − the row's own fold map) / (k − 1)
    const Scalar km1 = Scalar(k - 1);
    Eigen::MatrixX<Scalar> all = Xm * sumA;
    all.rowwise() += sumAc;
    out.pls_in_sample += (all - pls_oos) / km1;
    all.noalias() = Xm * sumL;
    all.rowwise() += sumLc;
    out.lm_in_sample += (all - lm_oos) / km1;
  }
  if (reps > 1) {
    const Scalar R = Scalar(reps);
    out.pls_predictions /= R;
    out.lm_predictions /= R;
    out.ia_predictions /= R;
    out.pls_in_sample /= R;
    out.lm_in_sample /= R;
    out.score_actual /= R;
    out.score_predictions /= R;
  }

  // metrics
  for (auto e : P.endo) out.constructs.push_back(L.constructs[static_cast<std::size_t>(e)]);
  for (Eigen::Index j = 0; j < q; ++j) {
    out.indicators.push_back(L.indicators[static_cast<std::size_t>(P.items[static_cast<std::size_t>(j)])]);
    out.indicator_construct.push_back(P.item_endo[static_cast<std::size_t>(j)]);
  }
  const Eigen::MatrixX<Scalar> rp = out.actual - out.pls_predictions, rl = out.actual - out.lm_predictions,
                               ri = out.actual - out.ia_predictions, rpi = out.actual - out.pls_in_sample,
                               rli = out.actual - out.lm_in_sample;
  const Scalar nn = Scalar(n);
  for (Eigen::Index j = 0; j < q; ++j) {
    indicator_prediction<Scalar> m;
    m.indicator = out.indicators[static_cast<std::size_t>(j)];
    m.construct = out.constructs[static_cast<std::size_t>(out.indicator_construct[static_cast<std::size_t>(j)])];
    const Scalar ssi = ri.col(j).squaredNorm();
    m.rmse = sqrt(rp.col(j).squaredNorm() / nn);
    m.mae = rp.col(j).cwiseAbs().sum() / nn;
    m.q2_predict = Scalar(1) - rp.col(j).squaredNorm() / ssi;
    m.lm_rmse = sqrt(rl.col(j).squaredNorm() / nn);
    m.lm_mae = rl.col(j).cwiseAbs().sum() / nn;
    m.lm_q2_predict = Scalar(1) - rl.col(j).squaredNorm() / ssi;
    m.ia_rmse = sqrt(ssi / nn);
    m.ia_mae = ri.col(j).cwiseAbs().sum() / nn;
    m.is_rmse = sqrt(rpi.col(j).squaredNorm() / nn);
    m.is_mae = rpi.col(j).cwiseAbs().sum() / nn;
    m.lm_is_rmse = sqrt(rli.col(j).squaredNorm() / nn);
    m.lm_is_mae = rli.col(j).cwiseAbs().sum() / nn;
    out.items.push_back(m);
  }
  const Eigen::MatrixX<Scalar> rs = out.score_actual - out.score_predictions;
  for (Eigen::Index e = 0; e < ke; ++e) {
    construct_prediction<Scalar> c;
    c.construct = out.constructs[static_cast<std::size_t>(e)];
    Scalar sp = 0, sl = 0, si = 0, ap = 0, al = 0;
    Eigen::Index cnt = 0;
    for (Eigen::Index j = 0; j < q; ++j) {
      if (out.indicator_construct[static_cast<std::size_t>(j)] != e) continue;
      sp += rp.col(j).squaredNorm();
      sl += rl.col(j).squaredNorm();
      si += ri.col(j).squaredNorm();
      ap += rp.col(j).cwiseAbs().sum();
      al += rl.col(j).cwiseAbs().sum();
      cnt += n;
    }
    c.rmse = sqrt(sp / Scalar(cnt));
    c.mae = ap / Scalar(cnt);
    c.q2_predict = Scalar(1) - sp / si;
    c.lm_rmse = sqrt(sl / Scalar(cnt));
    c.lm_mae = al / Scalar(cnt);
    c.lm_q2_predict = Scalar(1) - sl / si;
    c.score_rmse = sqrt(rs.col(e).squaredNorm() / nn);
    c.score_mae = rs.col(e).cwiseAbs().sum() / nn;
    c.score_q2_predict = Scalar(1) - rs.col(e).squaredNorm() / out.score_actual.col(e).squaredNorm();
    out.construct_metrics.push_back(c);
  }
  if (popt.cvpat) {
    const boost::math::students_t_distribution<double> td(static_cast<double>(n - 1));
    auto test = [&](const std::string& name, const std::string& bench, const Eigen::MatrixX<Scalar>& rb, Eigen::Index e) {
      Eigen::VectorX<Scalar> lp = Eigen::VectorX<Scalar>::Zero(n), lb = Eigen::VectorX<Scalar>::Zero(n);
      Eigen::Index cnt = 0;
      for (Eigen::Index j = 0; j < q; ++j) {
        if (e >= 0 && out.indicator_construct[static_cast<std::size_t>(j)] != e) continue;
        lp += rp.col(j).cwiseAbs2();
        lb += rb.col(j).cwiseAbs2();
        ++cnt;
      }
      lp /= Scalar(cnt);
      lb /= Scalar(cnt);
      const Eigen::VectorX<Scalar> D = lb - lp;
      cvpat_test<Scalar> t;
      t.construct = name;
      t.benchmark = bench;
      t.pls_loss = lp.mean();
      t.benchmark_loss = lb.mean();
      t.difference = D.mean();
      const Scalar sd = sqrt((D.array() - t.difference).square().sum() / Scalar(n - 1));
      t.t = t.difference / (sd / sqrt(nn));
      t.p = std::isfinite(static_cast<double>(t.t))
                ? Scalar(boost::math::cdf(boost::math::complement(td, static_cast<double>(t.t))))
                : std::numeric_limits<Scalar>::quiet_NaN();
      out.cvpat.push_back(t);
    };
    for (Eigen::Index e = -1; e < ke; ++e) {
      const std::string name = e < 0 ? std::string() : out.constructs[static_cast<std::size_t>(e)];
      test(name, "IA", ri, e);
      test(name, "LM", rl, e);
    }
  }
  out.estimate = std::move(original);
  return out;
}

template <class Scalar>
predict_result<Scalar> predict_table(const model::specification& spec, const survey::data_table<Scalar>& data,
                                     const predict_options& popt, const estimate_options& eopt,
                                     const Eigen::MatrixXi* folds) {
  if (!eopt.weights.empty())
    throw_invalid_argument("csat::pls::predict", "case weights (column " + quoted(eopt.weights) +
                                                     ") are not supported by PLSpredict; predict unweighted");
  auto original = estimate(spec, data, eopt);
  const layout L = make_layout(spec, data.names);
  if (original.missing.excluded.empty() && original.missing.imputed.empty())
    return run_predict(L, data.values, std::move(original), eopt, popt, folds);
  const auto cleaned = survey::apply_missing_policy(data, eopt.missing, L.indicators);
  return run_predict(L, cleaned.data.values, std::move(original), eopt, popt, folds);
}

}  // namespace detail

/// PLSpredict of `spec` on `data`: k-fold (options.folds, repetitions, seed) or leave-one-out (folds = 0)
/// cross-validation with the DA or EA technique, the LM and indicator-mean benchmarks and optional CVPAT.
/// The missing-data policy of `eopt` is applied once; rows then refer to the cleaned data.
template <class Scalar>
predict_result<Scalar> predict(const model::specification& spec, const survey::data_table<Scalar>& data,
                               const predict_options& popt = {}, const estimate_options& eopt = {}) {
  return detail::predict_table(spec, data, popt, eopt, nullptr);
}

/// PLSpredict with a given fold assignment: n×R 0-based fold numbers (one column per repetition), e.g. the
/// `fold` of an earlier result; options.folds, repetitions and seed are ignored.
template <class Scalar>
predict_result<Scalar> predict_folds(const model::specification& spec, const survey::data_table<Scalar>& data,
                                     const Eigen::MatrixXi& folds, const predict_options& popt = {},
                                     const estimate_options& eopt = {}) {
  return detail::predict_table(spec, data, popt, eopt, &folds);
}

}  // namespace pls
}  // namespace csat

#endif
