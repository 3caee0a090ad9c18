#ifndef CSAT_SIMULATE_STRUCTURAL_HPP
#define CSAT_SIMULATE_STRUCTURAL_HPP

/// \file
/// Population structural models for simulation: latent variables related by a recursive system with standardized
/// path coefficients, and reflective indicators with standardized loadings.
///
/// Latent model (all latent variances 1):
///   exogenous constructs ξ ~ N(0, Φ_ξ) with Φ_ξ a correlation matrix;
///   endogenous constructs, in causal order, η_i = Σ_j b_ij η_j + ζ_i, with the residual variance
///   ψ_i = 1 − b_i' Φ_P b_i (P = the predecessors of i, Φ_P their correlations) so that Var(η_i) = 1;
///   Cov(η_i, η_j) = Σ_p b_ip Cov(η_p, η_j) for every construct j placed before i.
/// Indicators: x = λ η + sqrt(1 − λ²) ε with ε ~ N(0, 1) independent, so Var(x) = 1 and corr(x, η) = λ.
/// The implied indicator correlation matrix is Σ = Λ Φ Λ' off the diagonal and 1 on it.
///
/// pls_population() gives what PLS path modeling (mode A, path weighting scheme) estimates from a correlation
/// matrix in the limit of infinite samples: the population values a PLS bootstrap interval should cover (PLS
/// composites are not the latent variables, so these differ from the latent-level loadings and paths).

#include <csat/config.hpp>
#include <csat/core/error.hpp>
#include <csat/core/validate.hpp>

#include <Eigen/Cholesky>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace csat {
namespace simulate {

/// How a continuous response becomes an answer.
/// - points = 0: continuous (no discretization).
/// - points = k: categories lowest, lowest + 1, ..., lowest + k − 1; the answer is lowest + (number of thresholds
///   below the continuous response). Without explicit thresholds, the k − 1 equal-probability quantiles of the
///   standard normal distribution are used, so an item with location 0 is spread evenly over the categories and
///   a positive location shifts answers up (satisfaction data are usually skewed towards the top).
/// - labels (optional, k of them): the answer is written as text labels[answer − lowest] (e.g. the 5-grade labels).
struct response_scale {
  int points = 0;
  int lowest = 1;
  std::vector<double> thresholds{};
  std::vector<std::string> labels{};

  /// No discretization.
  static response_scale continuous() { return {}; }
  /// A k-point scale lowest..lowest + k − 1 with equal-probability normal thresholds.
  static response_scale likert(int points, int lowest = 1) { return {points, lowest, {}, {}}; }
  /// The power-industry five grades as text: 1 很不满意, 2 不太满意, 3 基本满意, 4 比较满意, 5 很满意.
  static response_scale power_5_grade() {
    return {5, 1, {}, {"很不满意", "不太满意", "基本满意", "比较满意", "很满意"}};
  }
};

/// A reflective indicator: its column name, its construct, its standardized loading, and how it is answered.
template <class Scalar = double>
struct indicator_spec {
  std::string name;
  std::string construct;
  Scalar loading{};
  Scalar location{};          ///< shift of the continuous response before discretization (in SD units)
  response_scale scale{};     ///< continuous by default
};

/// A population model: constructs, standardized paths, correlations of the exogenous constructs, indicators.
template <class Scalar = double>
struct structural_model {
  using matrix = Eigen::MatrixX<Scalar>;  ///< (a non-deduced parameter type for functions taking a model)
  std::vector<std::string> constructs;
  /// paths(i, j) = standardized effect of construct j on construct i (0 = no path); must be recursive.
  Eigen::MatrixX<Scalar> paths;
  /// Correlations among the exogenous constructs (k x k; only exogenous pairs are used); empty = uncorrelated.
  Eigen::MatrixX<Scalar> exogenous_correlation;
  std::vector<indicator_spec<Scalar>> indicators;

  /// Index of a construct; csat::invalid_argument naming it if unknown.
  Eigen::Index index_of(const std::string& name) const {
    const auto it = std::find(constructs.begin(), constructs.end(), name);
    if (it == constructs.end())
      detail::throw_invalid_argument("csat::simulate::structural_model",
                                     "construct " + detail::quoted(name) + " is not in the model");
    return static_cast<Eigen::Index>(it - constructs.begin());
  }
  /// Whether construct i has no incoming path.
  bool exogenous(Eigen::Index i) const { return (paths.row(i).array() == Scalar(0)).all(); }
};

/// The latent covariance structure implied by a structural model.
template <class Scalar = double>
struct latent_solution {
  std::vector<Eigen::Index> order;          ///< exogenous constructs first, then endogenous in causal order
  Eigen::MatrixX<Scalar> correlation;       ///< latent correlation matrix (variances 1)
  Eigen::VectorX<Scalar> residual_variance; ///< ψ_i (1 for exogenous constructs)
  Eigen::VectorX<Scalar> r_squared;         ///< 1 − ψ_i for endogenous constructs, 0 for exogenous
  Eigen::MatrixX<Scalar> exogenous_cholesky;  ///< lower Cholesky factor of the exogenous correlations (in `order`)
  Eigen::Index n_exogenous = 0;
};

/// Solves the latent structure of `model` with path matrix `paths` (the model's own by default).
/// Throws csat::invalid_argument for shapes, a non-zero diagonal or a cycle, and csat::domain_error for
/// non-finite paths, an invalid exogenous correlation matrix, or paths that explain 100% or more of a
/// construct's variance.
template <class Scalar>
latent_solution<Scalar> solve_latent(const structural_model<Scalar>& model,
                                     const typename structural_model<Scalar>::matrix& paths) {
  const char* function = "csat::simulate::solve_latent";
  const auto k = static_cast<Eigen::Index>(model.constructs.size());
  if (k == 0) detail::throw_invalid_argument(function, "the model has no constructs");
  detail::check_square(function, "paths", paths);
  detail::check_size(function, "paths", paths.rows(), k);
  detail::check_finite(function, "paths", paths);
  for (Eigen::Index i = 0; i < k; ++i)
    if (paths(i, i) != Scalar(0))
      detail::throw_invalid_argument(function, "paths[" + std::to_string(i) + "," + std::to_string(i) + "] = " +
                                                   detail::format_any(paths(i, i)) + ": construct " +
                                                   detail::quoted(model.constructs[static_cast<std::size_t>(i)]) +
                                                   " cannot affect itself");
  latent_solution<Scalar> s;
  std::vector<bool> placed(static_cast<std::size_t>(k), false);
  auto is_exo = [&](Eigen::Index i) { return (paths.row(i).array() == Scalar(0)).all(); };
  for (Eigen::Index i = 0; i < k; ++i)
    if (is_exo(i)) { s.order.push_back(i); placed[static_cast<std::size_t>(i)] = true; }
  s.n_exogenous = static_cast<Eigen::Index>(s.order.size());
  if (s.n_exogenous == 0)
    detail::throw_invalid_argument(function, "every construct has an incoming path, so the paths form a cycle");
  while (static_cast<Eigen::Index>(s.order.size()) < k) {
    bool progress = false;
    for (Eigen::Index i = 0; i < k; ++i) {
      if (placed[static_cast<std::size_t>(i)]) continue;
      bool ready = true;
      for (Eigen::Index j = 0; j < k; ++j)
        if (paths(i, j) != Scalar(0) && !placed[static_cast<std::size_t>(j)]) ready = false;
      if (ready) { s.order.push_back(i); placed[static_cast<std::size_t>(i)] = true; progress = true; }
    }
    if (!progress) {
      for (Eigen::Index i = 0; i < k; ++i)
        if (!placed[static_cast<std::size_t>(i)])
          detail::throw_invalid_argument(function, "the paths form a cycle through construct " +
                                                       detail::quoted(model.constructs[static_cast<std::size_t>(i)]) +
                                                       " (the model must be recursive)");
    }
  }

  s.correlation = Eigen::MatrixX<Scalar>::Identity(k, k);
  s.residual_variance = Eigen::VectorX<Scalar>::Ones(k);
  s.r_squared = Eigen::VectorX<Scalar>::Zero(k);
  const Eigen::Index ne = s.n_exogenous;
  Eigen::MatrixX<Scalar> phi_exo = Eigen::MatrixX<Scalar>::Identity(ne, ne);
  if (model.exogenous_correlation.size() > 0) {
    detail::check_square(function, "exogenous_correlation", model.exogenous_correlation);
    detail::check_size(function, "exogenous_correlation", model.exogenous_correlation.rows(), k);
    for (Eigen::Index a = 0; a < ne; ++a)
      for (Eigen::Index b = 0; b < ne; ++b) {
        const Eigen::Index i = s.order[static_cast<std::size_t>(a)], j = s.order[static_cast<std::size_t>(b)];
        const Scalar v = model.exogenous_correlation(i, j);
        if (i == j) continue;
        if (!(std::abs(static_cast<double>(v)) < 1) || v != model.exogenous_correlation(j, i))
          detail::throw_domain_error(function, detail::element_name("exogenous_correlation", i, j),
                                     static_cast<double>(v), "must be symmetric and lie in (-1, 1)");
        phi_exo(a, b) = v;
      }
  }
  Eigen::LLT<Eigen::MatrixX<Scalar>> llt(phi_exo);
  if (llt.info() != Eigen::Success)
    detail::throw_domain_error(function, "the correlation matrix of the exogenous constructs is not positive definite");
  s.exogenous_cholesky = llt.matrixL();
  for (Eigen::Index a = 0; a < ne; ++a)
    for (Eigen::Index b = 0; b < ne; ++b)
      s.correlation(s.order[static_cast<std::size_t>(a)], s.order[static_cast<std::size_t>(b)]) = phi_exo(a, b);

  for (Eigen::Index pos = ne; pos < k; ++pos) {
    const Eigen::Index i = s.order[static_cast<std::size_t>(pos)];
    Scalar explained(0);
    for (Eigen::Index p = 0; p < k; ++p)
      for (Eigen::Index q = 0; q < k; ++q)
        if (paths(i, p) != Scalar(0) && paths(i, q) != Scalar(0))
          explained += paths(i, p) * s.correlation(p, q) * paths(i, q);
    if (!(explained < Scalar(1)))
      detail::throw_domain_error(function,
                                 "variance of construct " + detail::quoted(model.constructs[static_cast<std::size_t>(i)]) +
                                     " explained by its paths",
                                 static_cast<double>(explained),
                                 "must be below 1 (the residual variance 1 - R² must be positive)");
    s.residual_variance(i) = Scalar(1) - explained;
    s.r_squared(i) = explained;
    for (Eigen::Index before = 0; before < pos; ++before) {
      const Eigen::Index j = s.order[static_cast<std::size_t>(before)];
      Scalar c(0);
      for (Eigen::Index p = 0; p < k; ++p)
        if (paths(i, p) != Scalar(0)) c += paths(i, p) * s.correlation(p, j);
      s.correlation(i, j) = s.correlation(j, i) = c;
    }
  }
  return s;
}

/// Solves the latent structure with the model's own paths.
template <class Scalar>
latent_solution<Scalar> solve_latent(const structural_model<Scalar>& model) {
  return solve_latent(model, model.paths);
}

/// Checks the indicators (names unique, constructs known, |loading| <= 1, scales valid) and returns the
/// construct index of each indicator.
template <class Scalar>
std::vector<Eigen::Index> check_indicators(const structural_model<Scalar>& model) {
  const char* function = "csat::simulate::check_indicators";
  std::vector<Eigen::Index> block;
  for (std::size_t a = 0; a < model.indicators.size(); ++a) {
    const auto& ind = model.indicators[a];
    if (ind.name.empty()) detail::throw_invalid_argument(function, "indicator " + std::to_string(a) + " has no name");
    for (std::size_t b = 0; b < a; ++b)
      if (model.indicators[b].name == ind.name)
        detail::throw_invalid_argument(function, "indicator name " + detail::quoted(ind.name) + " appears twice");
    const auto it = std::find(model.constructs.begin(), model.constructs.end(), ind.construct);
    if (it == model.constructs.end())
      detail::throw_invalid_argument(function, "indicator " + detail::quoted(ind.name) + " measures construct " +
                                                   detail::quoted(ind.construct) + ", which is not in the model");
    block.push_back(static_cast<Eigen::Index>(it - model.constructs.begin()));
    if (!(std::abs(static_cast<double>(ind.loading)) <= 1))
      detail::throw_domain_error(function, "loading of " + detail::quoted(ind.name), static_cast<double>(ind.loading),
                                 "must lie in [-1, 1] (a standardized loading)");
    if (!std::isfinite(static_cast<double>(ind.location)))
      detail::throw_domain_error(function, "location of " + detail::quoted(ind.name),
                                 static_cast<double>(ind.location), "must be finite");
    const auto& sc = ind.scale;
    if (sc.points < 0 || sc.points == 1)
      detail::throw_invalid_argument(function, "indicator " + detail::quoted(ind.name) + ": a scale needs 0 "
                                                   "(continuous) or at least 2 points, not " +
                                                   std::to_string(sc.points));
    if (!sc.thresholds.empty()) {
      if (static_cast<int>(sc.thresholds.size()) != sc.points - 1)
        detail::throw_invalid_argument(function, "indicator " + detail::quoted(ind.name) + ": " +
                                                     std::to_string(sc.thresholds.size()) + " thresholds for " +
                                                     std::to_string(sc.points) + " points (need points - 1)");
      for (std::size_t t = 1; t < sc.thresholds.size(); ++t)
        if (!(sc.thresholds[t] > sc.thresholds[t - 1]))
          detail::throw_domain_error(function, "thresholds of " + detail::quoted(ind.name) + "[" + std::to_string(t) + "]",
                                     sc.thresholds[t], "must increase");
    }
    if (!sc.labels.empty() && static_cast<int>(sc.labels.size()) != sc.points)
      detail::throw_invalid_argument(function, "indicator " + detail::quoted(ind.name) + ": " +
                                                   std::to_string(sc.labels.size()) + " labels for " +
                                                   std::to_string(sc.points) + " points");
  }
  return block;
}

/// The population correlation matrix of the (continuous) indicators: λ_a λ_b corr(η_a, η_b) off the diagonal, 1 on it.
template <class Scalar>
Eigen::MatrixX<Scalar> implied_correlation(const structural_model<Scalar>& model) {
  const auto block = check_indicators(model);
  const auto lat = solve_latent(model);
  const auto p = static_cast<Eigen::Index>(model.indicators.size());
  Eigen::MatrixX<Scalar> s(p, p);
  for (Eigen::Index a = 0; a < p; ++a)
    for (Eigen::Index b = 0; b < p; ++b)
      s(a, b) = a == b ? Scalar(1)
                       : model.indicators[static_cast<std::size_t>(a)].loading *
                             model.indicators[static_cast<std::size_t>(b)].loading *
                             lat.correlation(block[static_cast<std::size_t>(a)], block[static_cast<std::size_t>(b)]);
  return s;
}

/// PLS path-model values in the population (infinite sample).
template <class Scalar = double>
struct pls_population_result {
  Eigen::VectorX<Scalar> weights;        ///< outer weights (composites standardized), per indicator
  Eigen::VectorX<Scalar> loadings;       ///< corr(indicator, its composite)
  Eigen::MatrixX<Scalar> composite_correlation;
  Eigen::MatrixX<Scalar> paths;          ///< paths(i, j): OLS coefficient of composite j for composite i
  Eigen::VectorX<Scalar> r_squared;
  int iterations = 0;
  bool converged = false;
};

/// PLS path modeling (mode A outer weights, path weighting inner scheme, as in seminr and SmartPLS) run on a
/// population correlation matrix `sigma` of the indicators (in the order of model.indicators), with the model's
/// path structure (its non-zero entries). The fixed point is what PLS estimates from infinitely many respondents.
template <class Scalar>
pls_population_result<Scalar> pls_population(const structural_model<Scalar>& model,
                                              const typename structural_model<Scalar>::matrix& sigma,
                                              double tolerance = 1e-12, int max_iterations = 1000) {
  const char* function = "csat::simulate::pls_population";
  using std::sqrt;
  const auto block = check_indicators(model);
  const auto p = static_cast<Eigen::Index>(model.indicators.size());
  const auto k = static_cast<Eigen::Index>(model.constructs.size());
  detail::check_square(function, "sigma", sigma);
  detail::check_size(function, "sigma", sigma.rows(), p);
  detail::check_finite(function, "sigma", sigma);
  solve_latent(model);  // validates the structure (recursive, shapes)
  for (Eigen::Index c = 0; c < k; ++c)
    if (std::find(block.begin(), block.end(), c) == block.end())
      detail::throw_invalid_argument(function, "construct " + detail::quoted(model.constructs[static_cast<std::size_t>(c)]) +
                                                   " has no indicator");
  // W: p x k, column c nonzero on the indicators of block c
  Eigen::MatrixX<Scalar> W = Eigen::MatrixX<Scalar>::Zero(p, k);
  for (Eigen::Index a = 0; a < p; ++a) W(a, block[static_cast<std::size_t>(a)]) = Scalar(1);
  auto normalize = [&](Eigen::MatrixX<Scalar>& w) {
    for (Eigen::Index c = 0; c < k; ++c) {
      const Scalar v = (w.col(c).transpose() * sigma * w.col(c))(0, 0);
      w.col(c) /= sqrt(v);
    }
  };
  normalize(W);
  const auto& B = model.paths;
  auto regress = [&](const Eigen::MatrixX<Scalar>& R, Eigen::Index i, std::vector<Eigen::Index>& preds) {
    preds.clear();
    for (Eigen::Index j = 0; j < k; ++j)
      if (B(i, j) != Scalar(0)) preds.push_back(j);
    const auto np = static_cast<Eigen::Index>(preds.size());
    Eigen::MatrixX<Scalar> Rpp(np, np);
    Eigen::VectorX<Scalar> rpi(np);
    for (Eigen::Index a = 0; a < np; ++a) {
      rpi(a) = R(preds[static_cast<std::size_t>(a)], i);
      for (Eigen::Index b = 0; b < np; ++b) Rpp(a, b) = R(preds[static_cast<std::size_t>(a)], preds[static_cast<std::size_t>(b)]);
    }
    return Eigen::VectorX<Scalar>(Rpp.ldlt().solve(rpi));
  };
  pls_population_result<Scalar> out;
  std::vector<Eigen::Index> preds;
  for (out.iterations = 1; out.iterations <= max_iterations; ++out.iterations) {
    const Eigen::MatrixX<Scalar> R = W.transpose() * sigma * W;
    Eigen::MatrixX<Scalar> E = Eigen::MatrixX<Scalar>::Zero(k, k);  // E(j, i): weight of composite j in proxy of i
    for (Eigen::Index i = 0; i < k; ++i)
      for (Eigen::Index j = 0; j < k; ++j)
        if (B(i, j) != Scalar(0) || B(j, i) != Scalar(0)) E(j, i) = R(j, i);
    for (Eigen::Index i = 0; i < k; ++i) {
      const Eigen::VectorX<Scalar> beta = regress(R, i, preds);
      for (std::size_t a = 0; a < preds.size(); ++a) E(preds[a], i) = beta(static_cast<Eigen::Index>(a));
    }
    const Eigen::MatrixX<Scalar> C = sigma * W * E;  // C(a, i) = cov(indicator a, proxy of i)
    Eigen::MatrixX<Scalar> Wn = Eigen::MatrixX<Scalar>::Zero(p, k);
    for (Eigen::Index a = 0; a < p; ++a) {
      const Eigen::Index c = block[static_cast<std::size_t>(a)];
      Wn(a, c) = C(a, c);
    }
    normalize(Wn);
    const Scalar change = (Wn - W).cwiseAbs().maxCoeff();
    W = Wn;
    if (static_cast<double>(change) < tolerance) { out.converged = true; break; }
  }
  if (out.iterations > max_iterations) out.iterations = max_iterations;
  out.composite_correlation = W.transpose() * sigma * W;
  out.weights.resize(p);
  out.loadings.resize(p);
  const Eigen::MatrixX<Scalar> SW = sigma * W;
  for (Eigen::Index a = 0; a < p; ++a) {
    out.weights(a) = W(a, block[static_cast<std::size_t>(a)]);
    out.loadings(a) = SW(a, block[static_cast<std::size_t>(a)]);
  }
  out.paths = Eigen::MatrixX<Scalar>::Zero(k, k);
  out.r_squared = Eigen::VectorX<Scalar>::Zero(k);
  for (Eigen::Index i = 0; i < k; ++i) {
    const Eigen::VectorX<Scalar> beta = regress(out.composite_correlation, i, preds);
    Scalar r2(0);
    for (std::size_t a = 0; a < preds.size(); ++a) {
      out.paths(i, preds[a]) = beta(static_cast<Eigen::Index>(a));
      r2 += beta(static_cast<Eigen::Index>(a)) * out.composite_correlation(preds[a], i);
    }
    out.r_squared(i) = r2;
  }
  return out;
}

}  // namespace simulate
}  // namespace csat

#endif
