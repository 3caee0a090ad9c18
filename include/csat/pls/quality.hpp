#ifndef CSAT_PLS_QUALITY_HPP
#define CSAT_PLS_QUALITY_HPP

/// \file
/// Quality criteria of an estimated PLS path model (formulas and sources in docs/pls.md):
/// Cronbach's α, ρ_C, ρ_A, AVE, Fornell–Larcker, cross-loadings, HTMT (absolute-value and signed), item and
/// inner VIFs, f², SRMR, and a report flagging values against the usual thresholds.
/// Conventions follow seminr 2.3.2: α on indicator correlations; ρ_C and AVE from the loadings (also for
/// Mode B blocks); ρ_A = 1 for Mode B blocks; single items get 1 for all four measures; HTMT on |r|.
/// Unit-weighted blocks (model::mode::unit) are treated as Mode A blocks by every criterion: ρ_A from their fixed
/// weights (which makes it the standardized α), ρ_C and AVE from the loadings, as seminr treats its UNIT type; and,
/// csat's choice (seminr has neither), SRMR's λ_iλ_j within the block and the reliability flags, a unit-weighted
/// composite being the sum score of a scale.

#include <csat/config.hpp>
#include <csat/pls/estimate.hpp>

#include <Eigen/Cholesky>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace csat {
namespace pls {

/// Internal consistency and convergent validity per construct.
template <class Scalar = double>
struct reliability_result {
  std::vector<std::string> constructs;
  Eigen::VectorX<Scalar> alpha;  ///< Cronbach's α (standardized, on indicator correlations)
  Eigen::VectorX<Scalar> rho_c;  ///< composite reliability ρ_C (Dillon–Goldstein / Jöreskog)
  Eigen::VectorX<Scalar> rho_a;  ///< Dijkstra–Henseler ρ_A
  Eigen::VectorX<Scalar> ave;    ///< average variance extracted
};

namespace detail {

/// Block ranges of a result (indicators are stored block after block).
template <class Scalar>
layout layout_of(const estimate_result<Scalar>& r) {
  layout L;
  L.constructs = r.constructs;
  L.indicators = r.indicators;
  L.modes = r.modes;
  L.block = r.block;
  L.structure = r.structure;
  const Eigen::Index K = static_cast<Eigen::Index>(r.constructs.size());
  L.start.assign(static_cast<std::size_t>(K), 0);
  L.count.assign(static_cast<std::size_t>(K), 0);
  for (std::size_t i = r.block.size(); i-- > 0;) {
    L.start[static_cast<std::size_t>(r.block[i])] = static_cast<Eigen::Index>(i);
    ++L.count[static_cast<std::size_t>(r.block[i])];
  }
  L.predecessors.assign(static_cast<std::size_t>(K), {});
  for (Eigen::Index t = 0; t < K; ++t)
    for (Eigen::Index f = 0; f < K; ++f)
      if (r.structure(f, t)) L.predecessors[static_cast<std::size_t>(t)].push_back(f);
  return L;
}

/// HTMT (Henseler, Ringle & Sarstedt 2015) from the indicator correlations: mean heterotrait correlation over
/// the geometric mean of the two mean monotrait correlations; `absolute` uses |r| (seminr), otherwise signed r.
/// A single-item block has monotrait mean 1. Symmetric K×K, NaN on the diagonal.
template <class Scalar>
Eigen::MatrixX<Scalar> htmt_matrix(const layout& L, const Eigen::MatrixX<Scalar>& R, bool absolute) {
  using std::abs;
  using std::sqrt;
  const Eigen::Index K = L.K();
  auto val = [&](Eigen::Index i, Eigen::Index j) { return absolute ? Scalar(abs(R(i, j))) : R(i, j); };
  Eigen::VectorX<Scalar> mono(K);
  for (Eigen::Index k = 0; k < K; ++k) {
    const Eigen::Index s = L.start[static_cast<std::size_t>(k)], c = L.count[static_cast<std::size_t>(k)];
    if (c < 2) {
      mono(k) = 1;
      continue;
    }
    Scalar sum = 0;
    for (Eigen::Index i = 0; i < c; ++i)
      for (Eigen::Index j = i + 1; j < c; ++j) sum += val(s + i, s + j);
    mono(k) = sum / Scalar(c * (c - 1) / 2);
  }
  Eigen::MatrixX<Scalar> H = Eigen::MatrixX<Scalar>::Constant(K, K, std::numeric_limits<Scalar>::quiet_NaN());
  for (Eigen::Index a = 0; a < K; ++a)
    for (Eigen::Index b = a + 1; b < K; ++b) {
      const Eigen::Index sa = L.start[static_cast<std::size_t>(a)], ca = L.count[static_cast<std::size_t>(a)];
      const Eigen::Index sb = L.start[static_cast<std::size_t>(b)], cb = L.count[static_cast<std::size_t>(b)];
      Scalar sum = 0;
      for (Eigen::Index i = 0; i < ca; ++i)
        for (Eigen::Index j = 0; j < cb; ++j) sum += val(sa + i, sb + j);
      H(a, b) = H(b, a) = (sum / Scalar(ca * cb)) / sqrt(mono(a) * mono(b));
    }
  return H;
}

}  // namespace detail

/// α, ρ_C, ρ_A and AVE of every construct. With PLSc, ρ_C and AVE use the consistent loadings.
template <class Scalar>
reliability_result<Scalar> reliability(const estimate_result<Scalar>& r) {
  const detail::layout L = detail::layout_of(r);
  const Eigen::Index K = L.K();
  reliability_result<Scalar> q;
  q.constructs = r.constructs;
  q.alpha.resize(K);
  q.rho_c.resize(K);
  q.rho_a.resize(K);
  q.ave.resize(K);
  for (Eigen::Index k = 0; k < K; ++k) {
    const Eigen::Index s = L.start[static_cast<std::size_t>(k)], c = L.count[static_cast<std::size_t>(k)];
    if (c == 1) {
      q.alpha(k) = q.rho_c(k) = q.rho_a(k) = q.ave(k) = Scalar(1);
      continue;
    }
    const Scalar total = r.indicator_correlations.block(s, s, c, c).sum();
    q.alpha(k) = Scalar(c) / Scalar(c - 1) * (Scalar(1) - Scalar(c) / total);
    const Eigen::VectorX<Scalar> lam = r.loadings.block(s, k, c, 1);
    const Scalar sl = lam.sum(), err = (Scalar(1) - lam.array().square()).sum();
    q.rho_c(k) = sl * sl / (sl * sl + err);
    q.ave(k) = lam.squaredNorm() / Scalar(c);
    q.rho_a(k) = r.rho_a(k);
  }
  return q;
}

/// HTMT matrix (K×K, symmetric, NaN diagonal). `absolute = true` is seminr's |r| convention; `false` gives the
/// signed variant of Henseler et al. (2015) as cSEM computes it.
template <class Scalar>
Eigen::MatrixX<Scalar> htmt(const estimate_result<Scalar>& r, bool absolute = true) {
  return detail::htmt_matrix(detail::layout_of(r), r.indicator_correlations, absolute);
}

/// Fornell–Larcker matrix: √AVE on the diagonal, construct correlations below it, NaN above (as seminr).
template <class Scalar>
Eigen::MatrixX<Scalar> fornell_larcker(const estimate_result<Scalar>& r) {
  const auto q = reliability(r);
  const Eigen::Index K = static_cast<Eigen::Index>(r.constructs.size());
  Eigen::MatrixX<Scalar> F = Eigen::MatrixX<Scalar>::Constant(K, K, std::numeric_limits<Scalar>::quiet_NaN());
  for (Eigen::Index a = 0; a < K; ++a) {
    F(a, a) = std::sqrt(q.ave(a));
    for (Eigen::Index b = 0; b < a; ++b) F(a, b) = r.construct_correlations(a, b);
  }
  return F;
}

/// Cross-loadings: cor(indicator, composite) for every indicator and construct (p×K).
template <class Scalar>
Eigen::MatrixX<Scalar> cross_loadings(const estimate_result<Scalar>& r) {
  return r.cross_loadings;
}

/// Item VIFs: each indicator regressed on the other indicators of its block, VIF = [R_bb⁻¹]_ii (p-vector;
/// 1 for single items).
template <class Scalar>
Eigen::VectorX<Scalar> item_vif(const estimate_result<Scalar>& r) {
  const detail::layout L = detail::layout_of(r);
  Eigen::VectorX<Scalar> v = Eigen::VectorX<Scalar>::Ones(L.p());
  for (Eigen::Index k = 0; k < L.K(); ++k) {
    const Eigen::Index s = L.start[static_cast<std::size_t>(k)], c = L.count[static_cast<std::size_t>(k)];
    if (c < 2) continue;
    const Eigen::MatrixX<Scalar> S = r.indicator_correlations.block(s, s, c, c);
    Eigen::LDLT<Eigen::MatrixX<Scalar>> ldlt(S);
    const Eigen::MatrixX<Scalar> inv = ldlt.solve(Eigen::MatrixX<Scalar>::Identity(c, c));
    for (Eigen::Index i = 0; i < c; ++i)
      v(s + i) = ldlt.rcond() > Scalar(1e-13) ? inv(i, i) : std::numeric_limits<Scalar>::infinity();
  }
  return v;
}

/// Inner VIFs: for each endogenous construct `to`, the VIF of each predecessor `from` among its predecessors,
/// as K×K (from, to); NaN where there is no path. A single predecessor has VIF 1 (seminr prints NA).
template <class Scalar>
Eigen::MatrixX<Scalar> inner_vif(const estimate_result<Scalar>& r) {
  const detail::layout L = detail::layout_of(r);
  const Eigen::Index K = L.K();
  Eigen::MatrixX<Scalar> V = Eigen::MatrixX<Scalar>::Constant(K, K, std::numeric_limits<Scalar>::quiet_NaN());
  for (Eigen::Index t = 0; t < K; ++t) {
    const auto& P = L.predecessors[static_cast<std::size_t>(t)];
    const Eigen::Index q = static_cast<Eigen::Index>(P.size());
    if (q == 0) continue;
    Eigen::MatrixX<Scalar> S(q, q);
    for (Eigen::Index a = 0; a < q; ++a)
      for (Eigen::Index b = 0; b < q; ++b)
        S(a, b) = r.structural_correlations(P[static_cast<std::size_t>(a)], P[static_cast<std::size_t>(b)]);
    Eigen::LDLT<Eigen::MatrixX<Scalar>> ldlt(S);
    const Eigen::MatrixX<Scalar> inv = ldlt.solve(Eigen::MatrixX<Scalar>::Identity(q, q));
    for (Eigen::Index a = 0; a < q; ++a) V(P[static_cast<std::size_t>(a)], t) = inv(a, a);
  }
  return V;
}

namespace detail {

/// The layout without the constructs flagged in `drop` (and their indicators); `kept` receives the positions of
/// the remaining indicators in the old order (blocks stay contiguous and ordered).
inline layout drop_constructs(const layout& L, const std::vector<unsigned char>& drop, std::vector<Eigen::Index>& kept) {
  const Eigen::Index K = L.K();
  std::vector<Eigen::Index> new_k(static_cast<std::size_t>(K), -1);
  layout R;
  kept.clear();
  for (Eigen::Index k = 0; k < K; ++k) {
    const auto kk = static_cast<std::size_t>(k);
    if (drop[kk]) continue;
    new_k[kk] = static_cast<Eigen::Index>(R.constructs.size());
    R.constructs.push_back(L.constructs[kk]);
    R.modes.push_back(L.modes[kk]);
    R.start.push_back(static_cast<Eigen::Index>(R.indicators.size()));
    R.count.push_back(L.count[kk]);
    for (Eigen::Index i = L.start[kk]; i < L.start[kk] + L.count[kk]; ++i) {
      kept.push_back(i);
      R.indicators.push_back(L.indicators[static_cast<std::size_t>(i)]);
      R.block.push_back(new_k[kk]);
      if (static_cast<std::size_t>(i) < L.columns.size()) R.columns.push_back(L.columns[static_cast<std::size_t>(i)]);
    }
  }
  const Eigen::Index Kr = R.K();
  R.structure = Eigen::MatrixXi::Zero(Kr, Kr);
  R.predecessors.assign(static_cast<std::size_t>(Kr), {});
  for (Eigen::Index t = 0; t < K; ++t) {
    if (new_k[static_cast<std::size_t>(t)] < 0) continue;
    for (const auto f : L.predecessors[static_cast<std::size_t>(t)]) {
      if (new_k[static_cast<std::size_t>(f)] < 0) continue;
      R.structure(new_k[static_cast<std::size_t>(f)], new_k[static_cast<std::size_t>(t)]) = 1;
      R.predecessors[static_cast<std::size_t>(new_k[static_cast<std::size_t>(t)])].push_back(new_k[static_cast<std::size_t>(f)]);
    }
  }
  return R;
}

}  // namespace detail

/// Effect sizes f² = (R²_included − R²_excluded) / (1 − R²_included) for every path (K×K from, to; 0 elsewhere).
/// As seminr does (`fSquared`), R²_excluded comes from re-estimating the whole model (outer weights included)
/// without that path, on the same indicator correlations and with the same options. A construct that the dropped
/// path leaves without any path is left out of the reduced model (seminr re-estimates the structural model without
/// it); a target left without predecessors has R²_excluded = 0. A result that carries `precomputed_f_squared`
/// (a moderated model, whose interaction terms must be rebuilt in each reduced model) returns it.
template <class Scalar>
Eigen::MatrixX<Scalar> f_squared(const estimate_result<Scalar>& r) {
  const Eigen::Index K0 = static_cast<Eigen::Index>(r.constructs.size());
  if (r.precomputed_f_squared.rows() == K0 && r.precomputed_f_squared.cols() == K0) return r.precomputed_f_squared;
  const detail::layout L = detail::layout_of(r);
  const Eigen::Index K = L.K();
  Eigen::MatrixX<Scalar> F = Eigen::MatrixX<Scalar>::Zero(K, K);
  for (Eigen::Index t = 0; t < K; ++t) {
    const auto& P = L.predecessors[static_cast<std::size_t>(t)];
    for (std::size_t drop = 0; drop < P.size(); ++drop) {
      const Eigen::Index from = P[drop];
      detail::layout R = L;
      R.structure(from, t) = 0;
      R.predecessors[static_cast<std::size_t>(t)].erase(R.predecessors[static_cast<std::size_t>(t)].begin() +
                                                         static_cast<std::ptrdiff_t>(drop));
      Scalar r2x = 0;
      if (!R.predecessors[static_cast<std::size_t>(t)].empty()) {
        std::vector<unsigned char> isolated(static_cast<std::size_t>(K), 0);
        bool any = false;
        for (Eigen::Index k = 0; k < K; ++k) {
          isolated[static_cast<std::size_t>(k)] = R.structure.row(k).sum() + R.structure.col(k).sum() == 0;
          any = any || isolated[static_cast<std::size_t>(k)];
        }
        if (!any) {
          r2x = detail::fit_core("csat::pls::f_squared", R, r.indicator_correlations, r.n_used, r.options).r2(t);
        } else {
          std::vector<Eigen::Index> kept;
          const detail::layout S = detail::drop_constructs(R, isolated, kept);
          Eigen::MatrixX<Scalar> C(static_cast<Eigen::Index>(kept.size()), static_cast<Eigen::Index>(kept.size()));
          for (std::size_t a = 0; a < kept.size(); ++a)
            for (std::size_t b = 0; b < kept.size(); ++b)
              C(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b)) = r.indicator_correlations(kept[a], kept[b]);
          Eigen::Index ts = 0;
          for (Eigen::Index k = 0; k < t; ++k) ts += !isolated[static_cast<std::size_t>(k)];
          r2x = detail::fit_core("csat::pls::f_squared", S, C, r.n_used, r.options).r2(ts);
        }
      }
      F(from, t) = (r.r_squared(t) - r2x) / (Scalar(1) - r.r_squared(t));
    }
  }
  return F;
}

/// Model-implied indicator correlations: within a Mode A (or unit-weighted) block λ_i λ_j; within Mode B blocks the
/// observed correlations; between blocks a and b λ_i λ_j ρ_ab (ρ = structural correlations, a saturated structural model).
template <class Scalar>
Eigen::MatrixX<Scalar> implied_correlations(const estimate_result<Scalar>& r) {
  const Eigen::Index p = static_cast<Eigen::Index>(r.indicators.size());
  Eigen::MatrixX<Scalar> M(p, p);
  for (Eigen::Index i = 0; i < p; ++i)
    for (Eigen::Index j = 0; j < p; ++j) {
      const Eigen::Index a = r.block[static_cast<std::size_t>(i)], b = r.block[static_cast<std::size_t>(j)];
      const Scalar li = r.loadings(i, a), lj = r.loadings(j, b);
      if (i == j) M(i, j) = 1;
      else if (a != b) M(i, j) = li * lj * r.structural_correlations(a, b);
      else if (r.modes[static_cast<std::size_t>(a)] == model::mode::B) M(i, j) = r.indicator_correlations(i, j);
      else M(i, j) = li * lj;
    }
  return M;
}

/// Standardized root mean square residual between observed and implied indicator correlations, over the
/// p(p+1)/2 elements of the lower triangle with the diagonal (Hu & Bentler 1999; Henseler et al. 2014).
template <class Scalar>
Scalar srmr(const estimate_result<Scalar>& r) {
  const Eigen::MatrixX<Scalar> M = implied_correlations(r);
  const Eigen::Index p = M.rows();
  Scalar ss = 0;
  for (Eigen::Index i = 0; i < p; ++i)
    for (Eigen::Index j = 0; j <= i; ++j) {
      const Scalar d = r.indicator_correlations(i, j) - M(i, j);
      ss += d * d;
    }
  return std::sqrt(ss / Scalar(p * (p + 1) / 2));
}

/// Thresholds of the quality report.
struct quality_thresholds {
  double alpha = 0.7, rho_c = 0.7, rho_a = 0.7, ave = 0.5;
  double htmt = 0.85;          ///< conservative; 0.90 for conceptually similar constructs
  double htmt_liberal = 0.90;
  double vif = 5.0;
  double srmr = 0.08;
};

/// One flagged value of the report.
struct quality_flag {
  std::string criterion;  ///< "alpha", "rho_c", "ave", "htmt", "item_vif", "inner_vif", "fornell_larcker", "srmr"
  std::string subject;    ///< construct, "A / B", indicator, ...
  double value;
  std::string rule;       ///< e.g. ">= 0.7"
};

/// All criteria in one place, with the values that miss their thresholds.
template <class Scalar = double>
struct quality_result {
  reliability_result<Scalar> reliability;
  Eigen::MatrixX<Scalar> htmt, htmt_signed, fornell_larcker, cross_loadings, inner_vif, f_squared;
  Eigen::VectorX<Scalar> item_vif;
  Scalar srmr = 0;
  std::vector<quality_flag> flags;
};

template <class Scalar>
quality_result<Scalar> quality(const estimate_result<Scalar>& r, const quality_thresholds& t = {}) {
  quality_result<Scalar> q;
  q.reliability = reliability(r);
  q.htmt = htmt(r, true);
  q.htmt_signed = htmt(r, false);
  q.fornell_larcker = fornell_larcker(r);
  q.cross_loadings = cross_loadings(r);
  q.inner_vif = inner_vif(r);
  q.f_squared = f_squared(r);
  q.item_vif = item_vif(r);
  q.srmr = srmr(r);
  const Eigen::Index K = static_cast<Eigen::Index>(r.constructs.size());
  auto flag = [&](const char* c, const std::string& s, Scalar v, const std::string& rule) {
    q.flags.push_back({c, s, static_cast<double>(v), rule});
  };
  const std::string ge = ">= ", lt = "< ";
  for (Eigen::Index k = 0; k < K; ++k) {
    const std::string& name = r.constructs[static_cast<std::size_t>(k)];
    const model::mode md = r.modes[static_cast<std::size_t>(k)];
    const bool reflective = md == model::mode::A || md == model::mode::unit;
    if (!reflective) continue;  // reliability thresholds apply to Mode A and unit-weighted (sum-score) blocks
    if (q.reliability.alpha(k) < t.alpha) flag("alpha", name, q.reliability.alpha(k), ge + detail::format_value(t.alpha));
    if (q.reliability.rho_c(k) < t.rho_c) flag("rho_c", name, q.reliability.rho_c(k), ge + detail::format_value(t.rho_c));
    if (q.reliability.rho_a(k) < t.rho_a) flag("rho_a", name, q.reliability.rho_a(k), ge + detail::format_value(t.rho_a));
    if (q.reliability.ave(k) < t.ave) flag("ave", name, q.reliability.ave(k), ge + detail::format_value(t.ave));
    for (Eigen::Index b = 0; b < k; ++b)
      if (std::abs(q.fornell_larcker(k, b)) > q.fornell_larcker(k, k))
        flag("fornell_larcker", name + " / " + r.constructs[static_cast<std::size_t>(b)], q.fornell_larcker(k, b),
             "|r| < sqrt(AVE) = " + detail::format_value(static_cast<double>(q.fornell_larcker(k, k))));
  }
  for (Eigen::Index a = 0; a < K; ++a)
    for (Eigen::Index b = a + 1; b < K; ++b)
      if (q.htmt(a, b) >= t.htmt)
        flag("htmt", r.constructs[static_cast<std::size_t>(a)] + " / " + r.constructs[static_cast<std::size_t>(b)],
             q.htmt(a, b),
             lt + detail::format_value(t.htmt) + (q.htmt(a, b) < t.htmt_liberal ? " (conservative; below the liberal " +
                                                                                       detail::format_value(t.htmt_liberal) + ")"
                                                                                 : ""));
  for (std::size_t i = 0; i < r.indicators.size(); ++i)
    if (q.item_vif(static_cast<Eigen::Index>(i)) >= t.vif)
      flag("item_vif", r.indicators[i], q.item_vif(static_cast<Eigen::Index>(i)), lt + detail::format_value(t.vif));
  for (Eigen::Index a = 0; a < K; ++a)
    for (Eigen::Index b = 0; b < K; ++b)
      if (q.inner_vif(a, b) >= t.vif)
        flag("inner_vif", r.constructs[static_cast<std::size_t>(a)] + " -> " + r.constructs[static_cast<std::size_t>(b)],
             q.inner_vif(a, b), lt + detail::format_value(t.vif));
  if (q.srmr >= t.srmr) flag("srmr", "model", q.srmr, lt + detail::format_value(t.srmr));
  return q;
}

}  // namespace pls
}  // namespace csat

#endif
