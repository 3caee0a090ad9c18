#ifndef CSAT_AHP_FUZZY_AHP_HPP
#define CSAT_AHP_FUZZY_AHP_HPP

/// \file
/// Fuzzy AHP with triangular fuzzy numbers (TFN (l, m, u), l ≤ m ≤ u).
///
/// - fuzzify(): a crisp judgment a ≥ 1 becomes (max(1, a − s), a, a + s), 1 stays (1, 1, 1), and a < 1 is the
///   reciprocal of the fuzzified 1/a: (1/(b + s), 1/b, 1/max(1, b − s)) with b = 1/a.
/// - Buckley (1985, Fuzzy Sets Syst. 17:233–247): fuzzy row geometric means r̃ᵢ = ((Πⱼlᵢⱼ)^{1/n}, (Πⱼmᵢⱼ)^{1/n},
///   (Πⱼuᵢⱼ)^{1/n}), w̃ᵢ = (lᵢ/Σu, mᵢ/Σm, uᵢ/Σl), defuzzified by the centroid (l + m + u)/3 and normalised. The default.
/// - Chang's extent analysis (1996, EJOR 95:649–655): Sᵢ = Σⱼ M̃ᵢⱼ ⊗ (ΣᵢΣⱼ M̃ᵢⱼ)⁻¹, V(Sₐ ≥ S_b) = 1 if mₐ ≥ m_b, 0 if
///   l_b ≥ uₐ, else (l_b − uₐ)/((mₐ − uₐ) − (m_b − l_b)); dᵢ = minₖ V(Sᵢ ≥ Sₖ), normalised. Known defect (Wang, Luo &
///   Hua 2008, EJOR 186:735–747): it can give zero weights and does not estimate the true weights; the result says
///   how many criteria got weight 0.

#include <csat/config.hpp>
#include <csat/ahp/pairwise.hpp>
#include <csat/core/error.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace csat {
namespace ahp {

/// A triangular fuzzy number.
template <class Scalar = double>
struct tfn {
  Scalar l = Scalar(1), m = Scalar(1), u = Scalar(1);
};

/// A square matrix of TFNs, row-major.
template <class Scalar = double>
struct fuzzy_matrix {
  Eigen::Index n = 0;
  std::vector<tfn<Scalar>> cells;
  const tfn<Scalar>& operator()(Eigen::Index i, Eigen::Index j) const { return cells[static_cast<std::size_t>(i * n + j)]; }
  tfn<Scalar>& operator()(Eigen::Index i, Eigen::Index j) { return cells[static_cast<std::size_t>(i * n + j)]; }
};

/// Fuzzifies a complete crisp matrix with spread s (see the file comment).
template <class Scalar>
fuzzy_matrix<Scalar> fuzzify(const pairwise_matrix<Scalar>& pm, Scalar spread = Scalar(1)) {
  if (!pm.complete())
    csat::detail::throw_invalid_argument("csat::ahp::fuzzify", std::to_string(pm.missing_pairs()) + " pairs are missing");
  fuzzy_matrix<Scalar> f;
  f.n = pm.size();
  f.cells.resize(static_cast<std::size_t>(f.n * f.n));
  auto up = [&](Scalar a) {
    using std::abs;
    if (abs(a - Scalar(1)) <= Scalar(1e-12)) return tfn<Scalar>{Scalar(1), Scalar(1), Scalar(1)};
    return tfn<Scalar>{std::max(Scalar(1), a - spread), a, a + spread};
  };
  for (Eigen::Index i = 0; i < f.n; ++i)
    for (Eigen::Index j = 0; j < f.n; ++j) {
      const Scalar a = pm(i, j);
      if (a >= Scalar(1)) f(i, j) = up(a);
      else {
        const tfn<Scalar> b = up(Scalar(1) / a);
        f(i, j) = {Scalar(1) / b.u, Scalar(1) / b.m, Scalar(1) / b.l};
      }
    }
  return f;
}

/// Result of a fuzzy AHP derivation.
template <class Scalar = double>
struct fuzzy_priority_result {
  std::vector<tfn<Scalar>> fuzzy_weights;  ///< Buckley: w̃ᵢ; Chang: the synthetic extents Sᵢ
  Eigen::VectorX<Scalar> weights;          ///< crisp, Σ = 1
  int zero_weights = 0;                    ///< criteria with weight 0 (Chang's defect)
};

/// Buckley's fuzzy geometric mean method with centroid defuzzification.
template <class Scalar>
fuzzy_priority_result<Scalar> buckley(const fuzzy_matrix<Scalar>& f) {
  using std::pow;
  const auto n = f.n;
  std::vector<tfn<Scalar>> r(static_cast<std::size_t>(n));
  Scalar sl(0), sm(0), su(0);
  for (Eigen::Index i = 0; i < n; ++i) {
    Scalar pl(1), pm_(1), pu(1);
    for (Eigen::Index j = 0; j < n; ++j) { pl *= f(i, j).l; pm_ *= f(i, j).m; pu *= f(i, j).u; }
    const Scalar e = Scalar(1) / Scalar(n);
    r[static_cast<std::size_t>(i)] = {pow(pl, e), pow(pm_, e), pow(pu, e)};
    sl += r[static_cast<std::size_t>(i)].l;
    sm += r[static_cast<std::size_t>(i)].m;
    su += r[static_cast<std::size_t>(i)].u;
  }
  fuzzy_priority_result<Scalar> out;
  out.weights.resize(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto& x = r[static_cast<std::size_t>(i)];
    out.fuzzy_weights.push_back({x.l / su, x.m / sm, x.u / sl});
    const auto& w = out.fuzzy_weights.back();
    out.weights(i) = (w.l + w.m + w.u) / Scalar(3);
  }
  out.weights /= out.weights.sum();
  return out;
}

/// Chang's extent analysis (use with care: see the file comment).
template <class Scalar>
fuzzy_priority_result<Scalar> chang(const fuzzy_matrix<Scalar>& f) {
  const auto n = f.n;
  Scalar tl(0), tm(0), tu(0);
  std::vector<tfn<Scalar>> row(static_cast<std::size_t>(n), tfn<Scalar>{0, 0, 0});
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) {
      auto& s = row[static_cast<std::size_t>(i)];
      s.l += f(i, j).l; s.m += f(i, j).m; s.u += f(i, j).u;
      tl += f(i, j).l; tm += f(i, j).m; tu += f(i, j).u;
    }
  fuzzy_priority_result<Scalar> out;
  for (const auto& s : row) out.fuzzy_weights.push_back({s.l / tu, s.m / tm, s.u / tl});
  auto v = [](const tfn<Scalar>& a, const tfn<Scalar>& b) {  // V(a ≥ b)
    if (a.m >= b.m) return Scalar(1);
    if (b.l >= a.u) return Scalar(0);
    return (b.l - a.u) / ((a.m - a.u) - (b.m - b.l));
  };
  out.weights.resize(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    Scalar d(1);
    for (Eigen::Index k = 0; k < n; ++k)
      if (k != i) d = std::min(d, v(out.fuzzy_weights[static_cast<std::size_t>(i)], out.fuzzy_weights[static_cast<std::size_t>(k)]));
    out.weights(i) = d;
    if (d == Scalar(0)) ++out.zero_weights;
  }
  out.weights /= out.weights.sum();
  return out;
}

}  // namespace ahp
}  // namespace csat

#endif
