#ifndef CSAT_PLS_MEDIATION_HPP
#define CSAT_PLS_MEDIATION_HPP

/// \file
/// Mediation in a PLS path model: specific indirect effects along a chain of constructs, total indirect effects
/// and the variance accounted for (VAF), each bootstrapped (Preacher & Hayes 2008; Zhao, Lynch & Chen 2010;
/// Nitzl, Roldán & Cepeda 2016; Hair et al. 2017 for the VAF).
///
/// - Specific indirect effect of a chain A → M₁ → … → C: the product of the path coefficients along it,
///   b_{A,M₁} b_{M₁,…} … b_{…,C} (seminr's specific_effect_significance()).
/// - Total indirect effect of A on C: total effect − direct path, T_{AC} − b_{AC} with T = Σ_{k≥1} Bᵏ (seminr's
///   total_indirect_ci()); VAF = total indirect / total effect.
/// - Resamples are drawn exactly as by bootstrap() (mt19937_64 seeded from splitmix64(seed, b)), or replayed from
///   given 0-based indices (e.g. another tool's draws), so the same seed or file gives the same resamples as the
///   PLS bootstrap; results are identical for any number of threads.
/// - Statistics per effect as in bootstrap(): mean, sd (B−1), t = original / sd, Student-t p with B−1 df,
///   empirical p, percentile interval (R's quantile type 7) and BCa (Efron 1987; jackknife acceleration).
///   Resamples that cannot be estimated are counted in `failed` and left out. VAF draws whose total effect is 0
///   (VAF undefined) are left out of the VAF summary only.
/// - Case weights (estimate_options::weights): cases with a positive weight are resampled uniformly and keep
///   their weights, as in bootstrap() (docs/pls-weights.md); the BCa jackknife then recomputes each leave-one-out
///   weighted moment matrix.

#include <csat/config.hpp>
#include <csat/core/error.hpp>
#include <csat/core/validate.hpp>
#include <csat/pls/bootstrap.hpp>
#include <csat/pls/estimate.hpp>
#include <csat/survey/csv.hpp>
#include <csat/survey/missing.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace csat {
namespace pls {

/// A bootstrapped specific indirect effect along one chain.
template <class Scalar = double>
struct indirect_effect {
  std::string chain;                                ///< "A -> M -> C"
  std::vector<std::string> constructs;              ///< A, M, …, C
  parameter_summary<Scalar> effect;                 ///< product of the paths (from = A, to = C)
  std::vector<parameter_summary<Scalar>> links;     ///< each path of the chain, in order
};

/// Bootstrapped total indirect effect, direct path, total effect and VAF between two constructs.
template <class Scalar = double>
struct total_indirect_effect {
  std::string from, to;
  parameter_summary<Scalar> indirect, direct, total, vaf;
};

/// Everything mediation() produced.
template <class Scalar = double>
struct mediation_result {
  estimate_result<Scalar> estimate;                     ///< the full-sample estimation
  std::vector<indirect_effect<Scalar>> specific;        ///< one per chain, in the order given
  std::vector<total_indirect_effect<Scalar>> totals;    ///< one per distinct (first, last) pair of the chains
  std::size_t requested = 0, successful = 0, failed = 0, not_converged = 0;
  std::string first_failure;
  unsigned threads = 1;
  bool bca_computed = false;
  double confidence = 0.95;
  /// B×m per-resample statistics (NaN rows for failed resamples): per chain its effect then its links, then per
  /// pair indirect, direct, total, VAF.
  Eigen::MatrixX<Scalar> draws;
};

/// Splits "A -> B -> C" into its construct names (blanks around names are ignored). A chain needs at least one
/// mediator (three names); csat::invalid_argument otherwise or for an empty name.
inline std::vector<std::string> parse_chain(const std::string& text) {
  const char* fn = "csat::pls::parse_chain";
  std::vector<std::string> out;
  std::size_t pos = 0;
  for (;;) {
    const std::size_t arrow = text.find("->", pos);
    std::string name = text.substr(pos, arrow == std::string::npos ? std::string::npos : arrow - pos);
    const auto b = name.find_first_not_of(" \t"), e = name.find_last_not_of(" \t");
    name = b == std::string::npos ? std::string() : name.substr(b, e - b + 1);
    if (name.empty())
      csat::detail::throw_invalid_argument(fn, "chain " + csat::detail::quoted(text) + " has an empty construct name (name " +
                                                   std::to_string(out.size() + 1) + ")");
    out.push_back(name);
    if (arrow == std::string::npos) break;
    pos = arrow + 2;
  }
  if (out.size() < 3)
    csat::detail::throw_invalid_argument(fn, "chain " + csat::detail::quoted(text) +
                                                 " has no mediator: an indirect effect needs at least three constructs, "
                                                 "as in \"A -> M -> C\"");
  return out;
}

/// Joins construct names into "A -> B -> C".
inline std::string chain_text(const std::vector<std::string>& chain) {
  std::string s;
  for (std::size_t i = 0; i < chain.size(); ++i) s += (i ? " -> " : "") + chain[i];
  return s;
}

namespace detail {

/// Resolves a chain against the model: construct indices; errors name the unknown construct or the missing path.
inline std::vector<Eigen::Index> resolve_chain(const char* fn, const std::vector<std::string>& constructs,
                                               const Eigen::MatrixXi& structure, const std::vector<std::string>& chain) {
  const std::string where = "chain " + quoted(chain_text(chain));
  if (chain.size() < 3)
    throw_invalid_argument(fn, where + " has no mediator: an indirect effect needs at least three constructs");
  std::vector<Eigen::Index> idx;
  for (const auto& name : chain) {
    const auto it = std::find(constructs.begin(), constructs.end(), name);
    if (it == constructs.end()) throw_invalid_argument(fn, where + ": no construct named " + quoted(name));
    const auto k = static_cast<Eigen::Index>(it - constructs.begin());
    if (std::find(idx.begin(), idx.end(), k) != idx.end())
      throw_invalid_argument(fn, where + " visits " + quoted(name) + " twice");
    idx.push_back(k);
  }
  for (std::size_t i = 0; i + 1 < idx.size(); ++i)
    if (!structure(idx[i], idx[i + 1]))
      throw_invalid_argument(fn, where + ": the model has no path from " + quoted(chain[i]) + " to " +
                                     quoted(chain[i + 1]));
  return idx;
}

struct mediation_plan {
  std::vector<std::vector<Eigen::Index>> chains;
  std::vector<std::pair<Eigen::Index, Eigen::Index>> pairs;
  Eigen::Index size() const {
    Eigen::Index m = 4 * static_cast<Eigen::Index>(pairs.size());
    for (const auto& c : chains) m += static_cast<Eigen::Index>(c.size());  // effect + (len − 1) links
    return m;
  }
};

template <class Scalar, class Row>
void mediation_stats(const mediation_plan& plan, const Eigen::MatrixX<Scalar>& B, const Eigen::MatrixX<Scalar>& T,
                     Row&& out) {
  Eigen::Index c = 0;
  for (const auto& ch : plan.chains) {
    Scalar prod(1);
    for (std::size_t i = 0; i + 1 < ch.size(); ++i) prod *= B(ch[i], ch[i + 1]);
    out(c++) = prod;
    for (std::size_t i = 0; i + 1 < ch.size(); ++i) out(c++) = B(ch[i], ch[i + 1]);
  }
  for (const auto& pr : plan.pairs) {
    const Scalar t = T(pr.first, pr.second), d = B(pr.first, pr.second);
    out(c++) = t - d;
    out(c++) = d;
    out(c++) = t;
    out(c++) = t != Scalar(0) ? (t - d) / t : std::numeric_limits<Scalar>::quiet_NaN();
  }
}

template <class Scalar>
mediation_result<Scalar> run_mediation(const layout& L, const Eigen::MatrixX<Scalar>& X, estimate_result<Scalar> original,
                                       const std::vector<std::vector<std::string>>& chains,
                                       const estimate_options& eopt, const bootstrap_options& bopt,
                                       const Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic>* given,
                                       const Scalar* case_weights = nullptr) {
  const char* fn = "csat::pls::mediation";
  const Eigen::Index n = X.rows();
  if (chains.empty()) throw_invalid_argument(fn, "no chain given");
  mediation_plan plan;
  for (const auto& ch : chains) {
    plan.chains.push_back(resolve_chain(fn, L.constructs, L.structure, ch));
    const std::pair<Eigen::Index, Eigen::Index> pr{plan.chains.back().front(), plan.chains.back().back()};
    if (std::find(plan.pairs.begin(), plan.pairs.end(), pr) == plan.pairs.end()) plan.pairs.push_back(pr);
  }
  if (!(bopt.confidence > 0 && bopt.confidence < 1))
    throw_domain_error(fn, "options.confidence", bopt.confidence, "must lie in (0, 1)");
  const std::size_t B = given ? static_cast<std::size_t>(given->rows()) : bopt.resamples;
  if (B < 2) throw_domain_error(fn, "the number of resamples", B, "must be at least 2");
  if (given) check_resample_indices(fn, *given, n);
  const Eigen::Index m = plan.size();
  const Scalar nan = std::numeric_limits<Scalar>::quiet_NaN();
  const moments<Scalar> m0 = compute_moments(X, L.columns, nullptr, 0, case_weights);
  const core_fit<Scalar> f0 = fit_core(fn, L, m0.cor, m0.n, eopt);
  Eigen::VectorX<Scalar> orig(m);
  mediation_stats(plan, f0.B, f0.T, orig);

  mediation_result<Scalar> out;
  out.requested = B;
  out.confidence = bopt.confidence;
  out.draws = Eigen::MatrixX<Scalar>::Constant(static_cast<Eigen::Index>(B), m, nan);
  // the columns that must be finite for a resample to count (VAF may be undefined)
  std::vector<unsigned char> must(static_cast<std::size_t>(m), 1);
  {
    Eigen::Index c = 0;
    for (const auto& ch : plan.chains) c += static_cast<Eigen::Index>(ch.size());
    for (std::size_t i = 0; i < plan.pairs.size(); ++i) must[static_cast<std::size_t>(c + 4 * static_cast<Eigen::Index>(i) + 3)] = 0;
  }
  auto finite_row = [&](const Eigen::VectorX<Scalar>& row) {
    for (Eigen::Index c = 0; c < m; ++c)
      if (must[static_cast<std::size_t>(c)] && !std::isfinite(static_cast<double>(row(c)))) return false;
    return true;
  };

  const resample_outcomes res = run_resamples(
      B, bopt.threads, bopt.seed, given, n, out.draws,
      [&](std::size_t, unsigned, const std::vector<Eigen::Index>& rows, Eigen::VectorX<Scalar>& row) {
        const moments<Scalar> mb = compute_moments(X, L.columns, rows.data(), n, case_weights);
        check_moments(fn, L, mb);
        const core_fit<Scalar> fb = fit_core(fn, L, mb.cor, mb.n, eopt);
        if (fb.st == status::numerical_issue) throw estimation_failure("a singular system in the estimation");
        mediation_stats(plan, fb.B, fb.T, row);
        if (!finite_row(row)) throw estimation_failure("a statistic is not finite");
        return fb.converged;
      },
      bopt.progress);
  out.threads = res.threads;
  res.tally(out);
  const auto& ok = res.ok;

  // BCa acceleration: leave-one-out jackknife on downdated moments, as bootstrap() (weighted too)
  Eigen::VectorX<Scalar> accel = Eigen::VectorX<Scalar>::Constant(m, nan);
  out.bca_computed = bopt.bca && n <= bopt.bca_max_rows && n > 3;
  if (out.bca_computed)
    accel = downdate_jackknife_acceleration(
        L, X, m0, case_weights, m,
        [&](const Eigen::MatrixX<Scalar>& Ri, Eigen::Index ni, const Eigen::VectorX<Scalar>&,
            const Eigen::VectorX<Scalar>&, Eigen::VectorX<Scalar>& row) {
          const core_fit<Scalar> fi = fit_core(fn, L, Ri, ni, eopt);
          if (fi.st == status::numerical_issue) return false;
          mediation_stats(plan, fi.B, fi.T, row);
          return true;
        });

  std::vector<Scalar> v;
  v.reserve(B);
  Eigen::Index c = 0;
  auto take = [&](const std::string& from, const std::string& to) {
    v.clear();
    for (std::size_t b = 0; b < B; ++b)
      if (ok[b] && std::isfinite(static_cast<double>(out.draws(static_cast<Eigen::Index>(b), c))))
        v.push_back(out.draws(static_cast<Eigen::Index>(b), c));
    auto s = summarize(v, orig(c), accel(c), bopt.confidence, out.bca_computed);
    s.from = from;
    s.to = to;
    ++c;
    return s;
  };
  const auto& cn = L.constructs;
  auto nm = [&](Eigen::Index k) -> const std::string& { return cn[static_cast<std::size_t>(k)]; };
  for (std::size_t q = 0; q < plan.chains.size(); ++q) {
    const auto& ch = plan.chains[q];
    indirect_effect<Scalar> e;
    e.constructs = chains[q];
    e.chain = chain_text(chains[q]);
    e.effect = take(nm(ch.front()), nm(ch.back()));
    for (std::size_t i = 0; i + 1 < ch.size(); ++i) e.links.push_back(take(nm(ch[i]), nm(ch[i + 1])));
    out.specific.push_back(std::move(e));
  }
  for (const auto& pr : plan.pairs) {
    total_indirect_effect<Scalar> t;
    t.from = nm(pr.first);
    t.to = nm(pr.second);
    t.indirect = take(t.from, t.to);
    t.direct = take(t.from, t.to);
    t.total = take(t.from, t.to);
    t.vaf = take(t.from, t.to);
    out.totals.push_back(std::move(t));
  }
  out.estimate = std::move(original);
  return out;
}

template <class Scalar>
mediation_result<Scalar> mediation_table(const model::specification& spec, const survey::data_table<Scalar>& data,
                                         const std::vector<std::string>& chains, const estimate_options& eopt,
                                         const bootstrap_options& bopt,
                                         const Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic>* given) {
  std::vector<std::vector<std::string>> parsed;
  for (const auto& c : chains) parsed.push_back(parse_chain(c));
  const layout L = make_layout(spec, data.names);
  for (const auto& ch : parsed) resolve_chain("csat::pls::mediation", L.constructs, L.structure, ch);  // fail early
  if (!eopt.weights.empty()) {
    // weighted: cases with a positive weight are resampled uniformly and keep their weights, as bootstrap()
    const char* fn = "csat::pls::estimate";
    const weighted_data<Scalar> wd =
        prepare_weighted(fn, L, data, weight_column("csat::pls::mediation", data, eopt.weights), eopt.weights, eopt);
    auto original = estimate_prepared(fn, L, data, wd, eopt.weights, eopt);
    return run_mediation(L, wd.values(data), std::move(original), parsed, eopt, bopt, given, wd.w.data());
  }
  auto original = estimate(spec, data, eopt);
  if (original.missing.excluded.empty() && original.missing.imputed.empty())
    return run_mediation(L, data.values, std::move(original), parsed, eopt, bopt, given);
  const auto cleaned = survey::apply_missing_policy(data, eopt.missing, L.indicators);
  return run_mediation(L, cleaned.data.values, std::move(original), parsed, eopt, bopt, given);
}

}  // namespace detail

/// The specific indirect effect of `chain` (construct names, first to last) in an estimated model: the product
/// of its paths. csat::invalid_argument naming an unknown construct or a missing path.
template <class Scalar>
Scalar specific_indirect_effect(const estimate_result<Scalar>& r, const std::vector<std::string>& chain) {
  const auto idx = detail::resolve_chain("csat::pls::specific_indirect_effect", r.constructs, r.structure, chain);
  Scalar prod(1);
  for (std::size_t i = 0; i + 1 < idx.size(); ++i) prod *= r.paths(idx[i], idx[i + 1]);
  return prod;
}

/// Bootstraps the specific indirect effects of `chains` ("A -> M -> C", see parse_chain) and the total indirect
/// effects and VAF between their ends, with seeded resamples drawn as by bootstrap() (bopt.resamples, seed,
/// threads, confidence, bca; the index scale fields are ignored).
template <class Scalar>
mediation_result<Scalar> mediation(const model::specification& spec, const survey::data_table<Scalar>& data,
                                   const std::vector<std::string>& chains, const estimate_options& eopt = {},
                                   const bootstrap_options& bopt = {}) {
  return detail::mediation_table(spec, data, chains, eopt, bopt, nullptr);
}

/// As mediation(), replaying given resamples: `indices` is B×n, 0-based row numbers (see read_resample_indices).
template <class Scalar>
mediation_result<Scalar> mediation_indices(const model::specification& spec, const survey::data_table<Scalar>& data,
                                           const std::vector<std::string>& chains,
                                           const Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic>& indices,
                                           const estimate_options& eopt = {}, const bootstrap_options& bopt = {}) {
  return detail::mediation_table(spec, data, chains, eopt, bopt, &indices);
}

}  // namespace pls
}  // namespace csat

#endif
