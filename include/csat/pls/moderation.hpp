#ifndef CSAT_PLS_MODERATION_HPP
#define CSAT_PLS_MODERATION_HPP

/// \file
/// Moderation in PLS path models: interaction terms `Y ~ X + M + X:M` estimated by the two-stage, the
/// product-indicator or the orthogonalizing approach (Henseler & Chin 2010), with the numerical conventions
/// of seminr 2.3.2, and simple slopes of X at M = −1 sd, mean, +1 sd (Aiken & West 1991).
///
/// - parse_moderated() takes the interaction terms out of the `~` statements of a parsed model; the rest is the
///   main-effects model built by model::from_syntax. Errors are csat::parse_error at the term's line:column.
/// - estimate_moderation() builds the interaction items, estimates the full model with the interaction
///   construct `X:M` as a Mode A block, then rescales the interaction score as seminr does (adjustment factor
///   adj = Σ sd(item_j)|l_j| / Σ|l_j|): scores, loadings and path coefficients of the interaction construct are
///   reported on that scale; R², weights and correlations are unaffected. With PLSc (estimation.consistent) the
///   paths are re-estimated from the disattenuated construct correlations, the interaction's ρ_A being 1 (seminr).
/// - simple_slopes(): slope of X on Y at moderator level m is β_X + β_XM·m.
///
/// Formulas, sources and the conventions are in docs/pls-moderation.md.

#include <csat/config.hpp>
#include <csat/core/error.hpp>
#include <csat/core/parallel.hpp>
#include <csat/model/specification.hpp>
#include <csat/model/syntax.hpp>
#include <csat/pls/bootstrap.hpp>
#include <csat/pls/estimate.hpp>
#include <csat/pls/higher_order.hpp>
#include <csat/pls/quality.hpp>
#include <csat/survey/csv.hpp>
#include <csat/survey/missing.hpp>

#include <Eigen/QR>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace csat {
namespace pls {

/// How the interaction construct X:M is measured.
enum class interaction_method {
  two_stage,          ///< one item: product of the first-stage (main-effects model) scores of X and M
  product_indicator,  ///< all products of the standardized X items with the standardized M items
  orthogonal          ///< the products, each replaced by its residual on all X and M items (with intercept)
};

/// "two-stage", "product-indicator" or "orthogonal".
inline const char* to_string(interaction_method m) {
  switch (m) {
    case interaction_method::product_indicator: return "product-indicator";
    case interaction_method::orthogonal: return "orthogonal";
    default: return "two-stage";
  }
}

/// Parses "two-stage", "product-indicator" or "orthogonal" (underscores accepted); csat::invalid_argument otherwise.
inline interaction_method interaction_method_from_string(const std::string& s) {
  std::string t = s;
  for (auto& c : t)
    if (c == '_') c = '-';
  if (t == "two-stage") return interaction_method::two_stage;
  if (t == "product-indicator") return interaction_method::product_indicator;
  if (t == "orthogonal") return interaction_method::orthogonal;
  csat::detail::throw_invalid_argument("csat::pls::interaction_method_from_string",
                                       "interaction method " + csat::detail::quoted(s) +
                                           " is not one of two-stage, product-indicator, orthogonal");
}

/// One interaction term X:M and the constructs it predicts.
struct interaction_term {
  std::string iv;                     ///< X, the first factor (its items form the outer loop of the products)
  std::string moderator;              ///< M, the second factor
  std::vector<std::string> outcomes;  ///< constructs regressed on X:M
  model::location where{};            ///< where the term was first written

  /// The construct name "X:M".
  std::string name() const { return iv + ":" + moderator; }
};

/// A model with interaction terms: the main-effects model plus the terms.
struct moderated_model {
  model::specification main;                  ///< every construct and every path except the interactions
  std::vector<interaction_term> interactions; ///< in order of first appearance
};

namespace detail {

inline std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace detail

/// Splits a parsed model into its main-effects model and its interaction terms `X:M` (right-hand side of `~`).
/// csat::parse_error at the term's line:column for: an interaction term in a measurement statement (`=~`, `<~`),
/// a three-way (or higher) term, a modifier on a term, a construct interacting with itself, a factor that is not a
/// declared construct, an outcome that is a factor of its own term, and the same term written twice for one outcome
/// (also as M:X). The main-effects model is built by model::from_syntax (its errors are located the same way).
inline moderated_model parse_moderated(const model::syntax& parsed) {
  using csat::detail::quoted;
  auto fail = [&](std::size_t line, std::size_t column, const std::string& what, const std::string& message) {
    throw csat::parse_error(parsed.source, line, column, what, message);
  };
  struct pending {
    model::term t;
    std::string outcome;
    std::size_t line, column;  // of the statement
  };
  std::vector<pending> terms;
  model::syntax main = parsed;
  main.statements.clear();
  for (const auto& st : parsed.statements) {
    if (st.oper == model::op::regression) {
      model::statement copy = st;
      copy.rhs.clear();
      for (const auto& t : st.rhs) {
        if (t.factors.size() > 1) {
          if (t.factors.size() > 2)
            fail(t.line, t.column, t.name,
                 "three-way interaction " + quoted(t.name) + " is not supported (only two-way terms X:M)");
          if (!t.mod.empty() || !t.group_mods.empty())
            fail(t.line, t.column, t.name, "modifier on interaction term " + quoted(t.name) + " is not supported");
          terms.push_back({t, st.lhs, st.line, st.column});
        } else {
          copy.rhs.push_back(t);
        }
      }
      if (!copy.rhs.empty()) main.statements.push_back(std::move(copy));
    } else {
      for (const auto& t : st.rhs)
        if (t.factors.size() > 1)
          fail(t.line, t.column, t.name,
               "interaction term " + quoted(t.name) + " outside a ~ statement: interaction terms go on the " +
                   "right-hand side of a structural statement (Y ~ X + M + X:M)");
      main.statements.push_back(st);
    }
  }
  moderated_model out;
  out.main = model::from_syntax(main);
  for (const auto& p : terms) {
    const auto& t = p.t;
    const std::string& a = t.factors[0];
    const std::string& b = t.factors[1];
    const std::size_t col_b = t.column + detail::code_points(a) + 1;
    if (a == b)
      fail(t.line, t.column, t.name,
           "interaction of construct " + quoted(a) + " with itself (" + quoted(t.name) +
               "); quadratic terms are not supported");
    if (out.main.find(a) < 0)
      fail(t.line, t.column, a, "unknown construct " + quoted(a) + " in interaction term " + quoted(t.name));
    if (out.main.find(b) < 0)
      fail(t.line, col_b, b, "unknown construct " + quoted(b) + " in interaction term " + quoted(t.name));
    if (out.main.find(p.outcome) < 0)
      fail(p.line, p.column, p.outcome,
           "unknown construct " + quoted(p.outcome) + " regressed on interaction term " + quoted(t.name));
    if (p.outcome == a || p.outcome == b)
      fail(t.line, t.column, t.name,
           "construct " + quoted(p.outcome) + " is regressed on its own interaction term " + quoted(t.name));
    interaction_term* found = nullptr;
    for (auto& it : out.interactions) {
      if (it.iv == a && it.moderator == b) found = &it;
      if (it.iv == b && it.moderator == a)
        fail(t.line, t.column, t.name,
             "interaction term " + quoted(t.name) + " is the interaction " + quoted(it.name()) + " written at " +
                 it.where.prefix().substr(0, it.where.prefix().size() - 2) + "; write it one way only");
    }
    if (!found) {
      out.interactions.push_back({a, b, {}, model::location{parsed.source, t.line, t.column}});
      found = &out.interactions.back();
    }
    for (const auto& o : found->outcomes)
      if (o == p.outcome)
        fail(t.line, t.column, t.name,
             "interaction term " + quoted(t.name) + " is listed twice for " + quoted(p.outcome));
    found->outcomes.push_back(p.outcome);
  }
  return out;
}

/// Parses model text (model::parse_syntax) and splits it as parse_moderated(const syntax&).
inline moderated_model parse_moderated(const std::string& text, const std::string& source = "<model>") {
  return parse_moderated(model::parse_syntax(text, source));
}

/// Options of estimate_moderation().
struct moderation_options {
  interaction_method method = interaction_method::two_stage;
  /// Scheme, iterations, tolerance and missing-data policy of both stages; `consistent` applies PLSc to the full
  /// model as seminr does with interaction terms (consistent_moderation(); the first stage stays plain PLS).
  estimate_options estimation{};
};

/// What was built for one interaction construct.
template <class Scalar = double>
struct interaction_result {
  std::string name;                         ///< "X:M"
  std::string iv, moderator;
  std::vector<std::string> outcomes;
  std::vector<std::string> items;           ///< item names: "X:M_intxn" (two-stage) or "x_g:m_h"
  Eigen::MatrixX<Scalar> item_data;         ///< n×m the items as built (before standardization)
  Eigen::VectorX<Scalar> item_means;        ///< m
  Eigen::VectorX<Scalar> item_sds;          ///< m, n−1 divisor
  Eigen::VectorX<Scalar> item_correlations; ///< m, cor(item, unadjusted score) (the loadings before adjustment)
  Scalar adjustment = 1;                    ///< adj = Σ sd_j |l_j| / Σ |l_j|: the sd of the reported score
};

/// Everything estimate_moderation() computes.
template <class Scalar = double>
struct moderation_result {
  interaction_method method = interaction_method::two_stage;
  /// The full model (constructs of the main model, then the interaction constructs "X:M"). Scores, loadings,
  /// cross-loadings, paths and total/indirect effects of the interaction constructs are on the adjusted scale;
  /// weights, correlations and R² are as estimated; rho_a is 1 for interaction constructs (seminr).
  estimate_result<Scalar> fit;
  reliability_result<Scalar> reliability;        ///< of `fit` (seminr's conventions, see docs)
  std::vector<interaction_result<Scalar>> interactions;
  bool has_first_stage = false;                   ///< two-stage only
  estimate_result<Scalar> first_stage;            ///< the main-effects model (two-stage only)

  const interaction_result<Scalar>& interaction(const std::string& name) const {
    for (const auto& i : interactions)
      if (i.name == name) return i;
    csat::detail::throw_invalid_argument("csat::pls::moderation_result", "no interaction term named " +
                                                                             csat::detail::quoted(name));
  }
};

namespace detail {

template <class Scalar>
Eigen::VectorX<Scalar> column_sd(const Eigen::MatrixX<Scalar>& X, Eigen::VectorX<Scalar>& mean) {
  using std::sqrt;
  const Scalar n = Scalar(X.rows());
  mean = X.colwise().sum().transpose() / n;
  Eigen::VectorX<Scalar> sd(X.cols());
  for (Eigen::Index j = 0; j < X.cols(); ++j)
    sd(j) = sqrt((X.col(j).array() - mean(j)).square().sum() / (n - Scalar(1)));
  return sd;
}

/// The products of the standardized (n−1 sd) X items with the standardized M items, X item outer loop.
template <class Scalar>
Eigen::MatrixX<Scalar> product_items(const Eigen::MatrixX<Scalar>& Xi, const Eigen::MatrixX<Scalar>& Mi) {
  Eigen::VectorX<Scalar> mx, mm;
  const Eigen::VectorX<Scalar> sx = column_sd(Xi, mx), sm = column_sd(Mi, mm);
  const Eigen::Index n = Xi.rows();
  Eigen::MatrixX<Scalar> P(n, Xi.cols() * Mi.cols());
  for (Eigen::Index g = 0; g < Xi.cols(); ++g)
    for (Eigen::Index h = 0; h < Mi.cols(); ++h)
      P.col(g * Mi.cols() + h) = ((Xi.col(g).array() - mx(g)) / sx(g)) * ((Mi.col(h).array() - mm(h)) / sm(h));
  return P;
}

/// Residuals of every column of P on [1, Xi, Mi] (ordinary least squares, column-pivoting QR).
template <class Scalar>
Eigen::MatrixX<Scalar> orthogonalize(const Eigen::MatrixX<Scalar>& P, const Eigen::MatrixX<Scalar>& Xi,
                                     const Eigen::MatrixX<Scalar>& Mi) {
  const Eigen::Index n = P.rows();
  Eigen::MatrixX<Scalar> D(n, 1 + Xi.cols() + Mi.cols());
  D.col(0).setOnes();
  D.middleCols(1, Xi.cols()) = Xi;
  D.rightCols(Mi.cols()) = Mi;
  const Eigen::ColPivHouseholderQR<Eigen::MatrixX<Scalar>> qr(D);
  const Eigen::MatrixX<Scalar> coef = qr.solve(P);
  return P - D * coef;
}

}  // namespace detail

namespace detail {

inline void check_moderation(const char* fn, const moderated_model& model, const moderation_options& options) {
  if (model.interactions.empty())
    csat::detail::throw_invalid_argument(fn, "the model has no interaction term (write Y ~ X + M + X:M)");
  if (!options.estimation.weights.empty())
    csat::detail::throw_invalid_argument(fn, "case weights (column " + csat::detail::quoted(options.estimation.weights) +
                                             ") are not supported with interaction terms");
}

/// PLSc of a moderated fit as seminr's `PLSc()` (Dijkstra & Henseler 2015) treats a model with interaction terms:
/// ρ_A of every Mode A block of two or more items from the PLS weights, but 1 for an interaction construct (seminr
/// coerces it: the interaction block is a composite, built from products); every construct correlation divided by
/// √(ρ_A,j ρ_A,k); paths, R² and total effects from the disattenuated correlations by OLS, so the interaction's
/// coefficient is the standardized one (not per unit of the adjusted score: seminr overwrites the PLS paths);
/// loadings λ = w·√ρ_A / (wᵀw) for the main Mode A blocks, the interaction block keeping its adjusted loadings
/// (seminr corrects only reflective() blocks). Weights and scores stay those of PLS. `r` is the fit of PLS with the
/// interaction scores already adjusted; `unadjusted` its loadings before the adjustment (for the admissibility
/// checks, which see l_j for the interaction block as without PLSc).
template <class Scalar>
void consistent_moderation(const layout& L, const std::vector<bool>& interaction,
                           const Eigen::MatrixX<Scalar>& unadjusted, estimate_result<Scalar>& r) {
  using std::sqrt;
  const Eigen::Index K = L.K();
  core_fit<Scalar> f;
  f.rho_a = r.rho_a;
  f.loadings = unadjusted;
  for (Eigen::Index k = 0; k < K; ++k) {
    const auto kk = static_cast<std::size_t>(k);
    if (interaction[kk] || !(L.modes[kk] == model::mode::A && L.count[kk] > 1)) continue;
    const Eigen::Index s = L.start[kk], m = L.count[kk];
    const Scalar ww = r.weights.block(s, k, m, 1).squaredNorm();
    r.loadings.block(s, k, m, 1) = r.weights.block(s, k, m, 1) * (sqrt(r.rho_a(k)) / ww);
    f.loadings.block(s, k, m, 1) = r.loadings.block(s, k, m, 1);
  }
  f.Rc = r.construct_correlations;
  for (Eigen::Index a = 0; a < K; ++a)
    for (Eigen::Index b = 0; b < K; ++b)
      if (a != b) f.Rc(a, b) /= sqrt(r.rho_a(a) * r.rho_a(b));
  const bool regular = structural(L, f.Rc, r.n_used, f.B, f.r2, f.r2_adj, f.T);
  r.structural_correlations = f.Rc;
  r.paths = f.B;
  r.total_effects = f.T;
  r.indirect_effects = f.T - f.B;
  r.r_squared = f.r2;
  r.r_squared_adj = f.r2_adj;
  if (!regular && r.status == status::success) r.status = status::numerical_issue;
  r.consistent = true;
  r.options.consistent = true;
  r.warnings = admissibility_warnings(L, f, true);
  r.admissible = r.warnings.empty();
}

/// The estimation proper on complete data: `X` holds the main model's indicators, column j = Lm.indicators[j]
/// (Lm.columns = 0..p−1). Shared by estimate_moderation() and the bootstrap.
template <class Scalar>
moderation_result<Scalar> moderation_core(const char* fn, const moderated_model& model, const layout& Lm,
                                          const Eigen::MatrixX<Scalar>& X, const moderation_options& options) {
  using std::abs;
  const Eigen::Index n = X.rows();
  moderation_result<Scalar> out;
  out.method = options.method;
  // PLS proper; with PLSc the correction follows below (the interaction block is a composite, not a common factor).
  // The first stage is plain PLS as well (seminr's simplePLS): PLSc would not change its scores.
  estimate_options plain = options.estimation;
  plain.consistent = false;
  if (options.method == interaction_method::two_stage) {
    out.first_stage = estimate_columns(fn, Lm, X, plain);
    out.has_first_stage = true;
  }

  // the interaction items
  auto items_of = [&](const std::string& construct) {
    const auto k = static_cast<std::size_t>(model.main.find(construct));
    return Eigen::MatrixX<Scalar>(X.middleCols(Lm.start[k], Lm.count[k]));
  };
  Eigen::Index extra = 0;
  for (const auto& t : model.interactions) {
    interaction_result<Scalar> ir;
    ir.name = t.name();
    ir.iv = t.iv;
    ir.moderator = t.moderator;
    ir.outcomes = t.outcomes;
    if (options.method == interaction_method::two_stage) {
      const Eigen::Index a = model.main.find(t.iv), b = model.main.find(t.moderator);
      ir.item_data = out.first_stage.scores.col(a).cwiseProduct(out.first_stage.scores.col(b));
      ir.items.push_back(ir.name + "_intxn");
    } else {
      const Eigen::MatrixX<Scalar> Xi = items_of(t.iv), Mi = items_of(t.moderator);
      ir.item_data = product_items(Xi, Mi);
      if (options.method == interaction_method::orthogonal) ir.item_data = orthogonalize(ir.item_data, Xi, Mi);
      for (const auto& g : model.main.at(t.iv).indicators)
        for (const auto& h : model.main.at(t.moderator).indicators) ir.items.push_back(g + ":" + h);
    }
    ir.item_sds = column_sd(ir.item_data, ir.item_means);
    extra += ir.item_data.cols();
    out.interactions.push_back(std::move(ir));
  }

  // the full model on [main indicators | interaction items]
  const Eigen::Index pm = Lm.p();
  Eigen::MatrixX<Scalar> Z(n, pm + extra);
  std::vector<std::string> names = Lm.indicators;
  Z.leftCols(pm) = X;
  model::specification full;
  for (const auto& c : model.main.constructs()) full.add_construct(c.name, c.indicators, c.mode, c.where);
  Eigen::Index at = pm;
  for (const auto& ir : out.interactions) {
    Z.middleCols(at, ir.item_data.cols()) = ir.item_data;
    at += ir.item_data.cols();
    names.insert(names.end(), ir.items.begin(), ir.items.end());
    full.add_construct(ir.name, ir.items, ir.items.size() == 1 ? model::mode::single_item : model::mode::A);
  }
  for (const auto& p : model.main.structural_paths()) full.add_path(p.from, p.to, p.where);
  for (std::size_t i = 0; i < model.interactions.size(); ++i)
    for (const auto& o : model.interactions[i].outcomes) full.add_path(out.interactions[i].name, o, model.interactions[i].where);
  const layout L = make_layout(full, names);
  out.fit = estimate_columns(fn, L, Z, plain);

  // seminr's adjustment of the interaction scores: multiply by adj = Σ sd_j |l_j| / Σ |l_j|
  auto& r = out.fit;
  const Eigen::Index K = L.K();
  Eigen::VectorX<Scalar> c = Eigen::VectorX<Scalar>::Ones(K);
  std::vector<bool> interaction(static_cast<std::size_t>(K), false);
  for (auto& ir : out.interactions) {
    const Eigen::Index k = r.construct_index(ir.name);
    const Eigen::Index s = L.start[static_cast<std::size_t>(k)], m = L.count[static_cast<std::size_t>(k)];
    ir.item_correlations = r.loadings.block(s, k, m, 1);
    Scalar num(0), den(0);
    for (Eigen::Index j = 0; j < m; ++j) {
      num += ir.item_sds(j) * Scalar(abs(ir.item_correlations(j)));
      den += Scalar(abs(ir.item_correlations(j)));
    }
    ir.adjustment = num / den;
    c(k) = ir.adjustment;
    r.rho_a(k) = Scalar(1);
    interaction[static_cast<std::size_t>(k)] = true;
  }
  const Eigen::MatrixX<Scalar> unadjusted_loadings = r.loadings;
  for (Eigen::Index k = 0; k < K; ++k) {
    if (c(k) == Scalar(1)) continue;
    r.scores.col(k) *= c(k);
    r.loadings.col(k) *= c(k);
    r.cross_loadings.col(k) *= c(k);
  }
  if (options.estimation.consistent) {
    consistent_moderation(L, interaction, unadjusted_loadings, r);
  } else {
    // coefficients per unit of the rescaled scores: B' = C⁻¹ B C (and the same for total effects)
    for (Eigen::Index a = 0; a < K; ++a)
      for (Eigen::Index b = 0; b < K; ++b) {
        r.paths(a, b) *= c(b) / c(a);
        r.total_effects(a, b) *= c(b) / c(a);
      }
    r.indirect_effects = r.total_effects - r.paths;
  }
  out.reliability = reliability(r);
  return out;
}

/// The model without the path from -> to, as f² needs it (shared by moderation_f_squared and
/// hoc_moderation_f_squared): the remaining paths, the interactions that keep an outcome, the constructs these name
/// (a construct the dropped path isolates is left out), whether `to` keeps a predecessor, and whether `from` is a
/// factor of an interaction on `to` (then f² is undefined). The caller adds the constructs it needs.
struct f_squared_cut {
  bool component = false;
  bool to_explained = false;
  std::vector<model::path> paths;
  std::vector<interaction_term> interactions;
  std::vector<std::string> used;
};

inline f_squared_cut reduce_for_f_squared(const moderated_model& model, const std::string& from, const std::string& to) {
  auto has = [](const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  f_squared_cut c;
  for (const auto& it : model.interactions)
    c.component = c.component || (has(it.outcomes, to) && (it.iv == from || it.moderator == from));
  if (c.component) return c;
  for (const auto& pth : model.main.structural_paths())
    if (!(pth.from == from && pth.to == to)) c.paths.push_back(pth);
  for (auto it : model.interactions) {
    if (it.name() == from) it.outcomes.erase(std::remove(it.outcomes.begin(), it.outcomes.end(), to), it.outcomes.end());
    if (!it.outcomes.empty()) c.interactions.push_back(std::move(it));
  }
  for (const auto& pth : c.paths) {
    c.used.push_back(pth.from);
    c.used.push_back(pth.to);
    c.to_explained = c.to_explained || pth.to == to;
  }
  for (const auto& it : c.interactions) {
    c.used.push_back(it.iv);
    c.used.push_back(it.moderator);
    c.used.insert(c.used.end(), it.outcomes.begin(), it.outcomes.end());
    c.to_explained = c.to_explained || has(it.outcomes, to);
  }
  return c;
}

/// f² of every path of a moderated model by its definition, as seminr's `fSquared` computes it: R²_excluded is the
/// R² of the outcome in the model re-estimated without the path, with every interaction term rebuilt in that reduced
/// model (two-stage: from the reduced model's own first stage); a construct the dropped path leaves without any path
/// is left out, and an interaction whose last outcome is dropped disappears (the reduced model may then have no
/// interaction term: plain PLS). The main effect of an interaction's iv or moderator on an outcome of that
/// interaction has no f² (NaN; seminr: NA): the reduced model would keep the product without one of its factors.
/// A reduced model that cannot be estimated gives NaN. `X` and `Lm` as for moderation_core().
template <class Scalar>
Eigen::MatrixX<Scalar> moderation_f_squared(const char* fn, const moderated_model& model, const layout& Lm,
                                            const Eigen::MatrixX<Scalar>& X, const moderation_options& options,
                                            const estimate_result<Scalar>& full) {
  const Scalar nan = std::numeric_limits<Scalar>::quiet_NaN();
  const Eigen::Index K = static_cast<Eigen::Index>(full.constructs.size());
  Eigen::MatrixX<Scalar> F = Eigen::MatrixX<Scalar>::Zero(K, K);
  auto has = [](const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  for (Eigen::Index a = 0; a < K; ++a)
    for (Eigen::Index t = 0; t < K; ++t) {
      if (!full.structure(a, t)) continue;
      const std::string& from = full.constructs[static_cast<std::size_t>(a)];
      const std::string& to = full.constructs[static_cast<std::size_t>(t)];
      const auto cut = reduce_for_f_squared(model, from, to);
      if (cut.component) {
        F(a, t) = nan;
        continue;
      }
      const Scalar r2 = full.r_squared(t);
      if (!cut.to_explained) {  // no predecessor left: R²_excluded = 0
        F(a, t) = r2 / (Scalar(1) - r2);
        continue;
      }
      moderated_model red;
      red.interactions = cut.interactions;
      const auto& paths = cut.paths;
      const auto& used = cut.used;
      for (const auto& c : model.main.constructs())
        if (has(used, c.name)) red.main.add_construct(c.name, c.indicators, c.mode, c.where);
      for (const auto& pth : paths) red.main.add_path(pth.from, pth.to, pth.where);
      try {
        layout Lr = make_layout(red.main, Lm.indicators);
        Eigen::MatrixX<Scalar> Xr(X.rows(), Lr.p());
        for (Eigen::Index j = 0; j < Lr.p(); ++j) {
          Xr.col(j) = X.col(Lr.columns[static_cast<std::size_t>(j)]);
          Lr.columns[static_cast<std::size_t>(j)] = j;
        }
        Scalar r2x;
        if (red.interactions.empty()) {
          const auto fr = estimate_columns(fn, Lr, Xr, options.estimation);
          r2x = fr.r2(to);
        } else {
          const auto mr = moderation_core(fn, red, Lr, Xr, options);
          r2x = mr.fit.r2(to);
        }
        F(a, t) = (r2 - r2x) / (Scalar(1) - r2);
      } catch (const std::invalid_argument&) {  // e.g. an interaction factor left without a main path
        F(a, t) = nan;
      } catch (const std::domain_error&) {
        F(a, t) = nan;
      }
    }
  return F;
}

/// The complete indicator data of the main model after the missing-data policy: column j = indicator j of the
/// returned layout (columns 0..p−1), and the missing-data report.
template <class Scalar>
struct moderation_data {
  layout L;
  Eigen::MatrixX<Scalar> X;
  survey::missing_report<Scalar> missing;
};

template <class Scalar>
moderation_data<Scalar> prepare_moderation_data(const char* fn, const moderated_model& model,
                                                const survey::data_table<Scalar>& data, const moderation_options& options) {
  moderation_data<Scalar> d;
  d.L = make_layout(model.main, data.names);
  const std::vector<std::string> cols = d.L.indicators;
  bool any_missing = false;
  for (auto c : d.L.columns)
    if (data.values.col(c).hasNaN()) any_missing = true;
  auto gather = [&](const survey::data_table<Scalar>& t) {
    d.L = make_layout(model.main, t.names);
    d.X.resize(t.rows(), d.L.p());
    for (Eigen::Index j = 0; j < d.L.p(); ++j) {
      d.X.col(j) = t.values.col(d.L.columns[static_cast<std::size_t>(j)]);
      d.L.columns[static_cast<std::size_t>(j)] = j;
    }
  };
  if (any_missing) {
    if (options.estimation.missing == survey::missing_policy::none) survey::require_complete(data, cols, fn);
    auto cleaned = survey::apply_missing_policy(data, options.estimation.missing, cols);
    gather(cleaned.data);
    d.missing = std::move(cleaned.report);
  } else {
    gather(data);
    d.missing.policy = options.estimation.missing;
    d.missing.columns = cols;
    d.missing.rows_before = d.missing.rows_after = data.rows();
  }
  return d;
}

}  // namespace detail

/// Estimates a model with interaction terms on a data table (columns by name). The missing-data policy of
/// options.estimation is applied to the indicator columns first (once, for both stages). With
/// options.estimation.consistent, PLSc as seminr applies it to a moderated model (detail::consistent_moderation).
/// Throws csat::invalid_argument for case weights (options.estimation.weights) and the errors of pls::estimate
/// (unknown columns, zero variance, ...).
template <class Scalar>
moderation_result<Scalar> estimate_moderation(const moderated_model& model, const survey::data_table<Scalar>& data,
                                              const moderation_options& options = {}) {
  const char* fn = "csat::pls::estimate_moderation";
  detail::check_moderation(fn, model, options);
  const auto d = detail::prepare_moderation_data(fn, model, data, options);
  auto out = detail::moderation_core(fn, model, d.L, d.X, options);
  out.fit.precomputed_f_squared = detail::moderation_f_squared(fn, model, d.L, d.X, options, out.fit);
  out.fit.missing = d.missing;
  if (out.has_first_stage) out.first_stage.missing = d.missing;
  return out;
}

/// A model with higher-order constructs and interaction terms (estimate_higher_order_moderation()).
template <class Scalar = double>
struct hoc_moderation_result {
  /// The higher-order estimation of the main-effects model: its first stage gives the dimension scores; its last
  /// stage is the main-effects stage 2 (the first stage of the two-stage interaction method).
  hoc_result<Scalar> higher_order;
  /// The final model: stage 2 (each two-stage HOC a block of its dimensions' scores) with the interaction terms.
  /// fit.precomputed_f_squared: f² by seminr's definition, the whole procedure re-run per reduced model
  /// (detail::hoc_moderation_f_squared); NaN when not computed (with_f_squared = false, e.g. bootstrap resamples).
  moderation_result<Scalar> moderation;
};

template <class Scalar>
hoc_moderation_result<Scalar> estimate_higher_order_moderation(const moderated_model& model,
                                                               const survey::data_table<Scalar>& data,
                                                               const moderation_options& options = {},
                                                               hoc_method hoc = hoc_method::two_stage,
                                                               bool with_f_squared = true);

namespace detail {

/// f² of a model with higher-order constructs and interaction terms, as seminr's fSquared: the whole procedure
/// (higher-order stages and interaction terms) re-run on the model without the path; NaN for the main effects of an
/// interaction's factors on its outcome; R²_excluded = 0 when the outcome is left without predecessors; a construct
/// the dropped path isolates is left out (with its dimensions); NaN when a reduced model cannot be estimated.
template <class Scalar>
Eigen::MatrixX<Scalar> hoc_moderation_f_squared(const moderated_model& model, const survey::data_table<Scalar>& data,
                                                const moderation_options& options, hoc_method hoc,
                                                const estimate_result<Scalar>& full) {
  const Scalar nan = std::numeric_limits<Scalar>::quiet_NaN();
  const Eigen::Index K = static_cast<Eigen::Index>(full.constructs.size());
  Eigen::MatrixX<Scalar> F = Eigen::MatrixX<Scalar>::Constant(K, K, Scalar(0));
  auto has = [](const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  for (Eigen::Index a = 0; a < K; ++a)
    for (Eigen::Index t = 0; t < K; ++t) {
      if (!full.structure(a, t)) continue;
      const std::string& from = full.constructs[static_cast<std::size_t>(a)];
      const std::string& to = full.constructs[static_cast<std::size_t>(t)];
      const auto cut = reduce_for_f_squared(model, from, to);
      if (cut.component) {
        F(a, t) = nan;
        continue;
      }
      const Scalar r2 = full.r_squared(t);
      if (!cut.to_explained) {  // no predecessor left: R²_excluded = 0
        F(a, t) = r2 / (Scalar(1) - r2);
        continue;
      }
      moderated_model red;
      red.interactions = cut.interactions;
      const auto& paths = cut.paths;
      std::vector<std::string> used = cut.used;
      // the dimensions of every used HOC are used too (any depth; constructs are declared before their HOC)
      const auto& cs = model.main.constructs();
      for (std::size_t pass = 0; pass < cs.size(); ++pass)
        for (const auto& c : cs)
          if (c.higher_order && has(used, c.name))
            for (const auto& d : c.indicators)
              if (!has(used, d)) used.push_back(d);
      for (const auto& c : cs)
        if (has(used, c.name)) {
          if (c.higher_order) red.main.higher_order(c.name, c.indicators, c.mode, c.where);
          else red.main.add_construct(c.name, c.indicators, c.mode, c.where);
        }
      for (const auto& pth : paths) red.main.add_path(pth.from, pth.to, pth.where);
      try {
        Scalar r2x;
        if (red.interactions.empty()) {
          hoc_options ho;
          ho.method = hoc;
          ho.estimation = options.estimation;
          const auto hr = estimate_higher_order(red.main, data, ho);
          r2x = hr.final_fit().r2(to);
        } else {
          r2x = estimate_higher_order_moderation(red, data, options, hoc, false).moderation.fit.r2(to);
        }
        F(a, t) = (r2 - r2x) / (Scalar(1) - r2);
      } catch (const std::invalid_argument&) {
        F(a, t) = nan;
      } catch (const std::domain_error&) {
        F(a, t) = nan;
      }
    }
  return F;
}

}  // namespace detail

/// Estimates a model with higher-order constructs and interaction terms as seminr 2.3.2 combines
/// higher_composite(..., method = two_stage) with interaction_term(): first the higher-order stages of the model
/// without its interaction terms (estimate_higher_order(model.main, ...) with `hoc`: two-stage, the disjoint
/// approach, or embedded), then the interaction terms on the final stage's model, whose HOC blocks consist of the
/// dimension scores: a product-indicator or orthogonalized interaction with a HOC multiplies the items of the other
/// factor with the HOC's dimension scores; the two-stage method's first stage is that final main-effects stage.
/// The missing-data policy is applied once to every item column. csat::invalid_argument for the repeated-indicator
/// method, for an interaction factor that is a dimension of a HOC (it is no construct of the structural model),
/// for case weights and a model without interaction term; the errors of estimate_higher_order and
/// estimate_moderation otherwise. With `with_f_squared` (default), f² of every path as seminr's fSquared.
template <class Scalar>
hoc_moderation_result<Scalar> estimate_higher_order_moderation(const moderated_model& model,
                                                               const survey::data_table<Scalar>& data,
                                                               const moderation_options& options, hoc_method hoc,
                                                               bool with_f_squared) {
  const char* fn = "csat::pls::estimate_higher_order_moderation";
  detail::check_moderation(fn, model, options);
  if (hoc == hoc_method::repeated_indicators)
    csat::detail::throw_invalid_argument(fn, "interaction terms with higher-order constructs need a two-stage method "
                                             "(seminr: higher_composite(..., method = two_stage)), not repeated indicators");
  for (const auto& c : model.main.constructs())
    if (c.higher_order)
      for (const auto& d : c.indicators)
        for (const auto& t : model.interactions)
          if (t.iv == d || t.moderator == d)
            csat::detail::throw_invalid_argument(
                fn, t.where.prefix() + "interaction term " + csat::detail::quoted(t.name()) + ": construct " +
                        csat::detail::quoted(d) + " is a dimension of higher-order construct " +
                        csat::detail::quoted(c.name) + " and takes part in the structural model only through it");
  // the missing-data policy, once, on every item column
  const auto items = detail::hoc_item_columns(fn, model.main, data.names);
  std::vector<std::string> cols;
  bool any_missing = false;
  for (const auto& blk : items)
    for (auto c : blk) {
      cols.push_back(data.names[c]);
      any_missing = any_missing || data.values.col(static_cast<Eigen::Index>(c)).hasNaN();
    }
  survey::data_table<Scalar> cleaned;
  survey::missing_report<Scalar> report;
  if (any_missing) {
    if (options.estimation.missing == survey::missing_policy::none) survey::require_complete(data, cols, fn);
    auto c = survey::apply_missing_policy(data, options.estimation.missing, cols);
    cleaned = std::move(c.data);
    report = std::move(c.report);
  } else {
    report.policy = options.estimation.missing;
    report.columns = cols;
    report.rows_before = report.rows_after = data.rows();
  }
  const survey::data_table<Scalar>& used = any_missing ? cleaned : data;
  hoc_moderation_result<Scalar> out;
  hoc_options ho;
  ho.method = hoc;
  ho.estimation = options.estimation;
  ho.estimation.missing = survey::missing_policy::none;
  out.higher_order = estimate_higher_order(model.main, used, ho);
  const auto& h = out.higher_order;
  // the final stage's data: items from the data, a two-stage HOC's dimension scores from their home stage
  const auto& fin = h.stages.back();
  moderated_model m2;
  m2.main = fin.model;
  m2.interactions = model.interactions;
  std::vector<std::string> names;
  for (const auto& c : fin.model.constructs()) names.insert(names.end(), c.indicators.begin(), c.indicators.end());
  Eigen::MatrixX<Scalar> X(used.rows(), static_cast<Eigen::Index>(names.size()));
  Eigen::Index j = 0;
  for (const auto& c : fin.model.constructs()) {
    const bool on_scores = h.on_dimension_scores[h.index_of(c.name)] != 0;
    for (const auto& ind : c.indicators) {
      if (on_scores) {
        const auto& f = h.stage_of(ind).fit;
        X.col(j++) = f.scores.col(f.construct_index(ind));
      } else {
        X.col(j++) = used.values.col(used.index_of(ind));
      }
    }
  }
  detail::layout L = detail::make_layout(m2.main, names);
  moderation_options mo = options;
  mo.estimation.missing = survey::missing_policy::none;
  out.moderation = detail::moderation_core(fn, m2, L, X, mo);
  const Eigen::Index K = static_cast<Eigen::Index>(out.moderation.fit.constructs.size());
  out.moderation.fit.precomputed_f_squared =
      Eigen::MatrixX<Scalar>::Constant(K, K, std::numeric_limits<Scalar>::quiet_NaN());
  if (with_f_squared) out.moderation.fit.precomputed_f_squared = detail::hoc_moderation_f_squared(model, used, mo, hoc, out.moderation.fit);
  out.moderation.fit.missing = report;
  if (out.moderation.has_first_stage) out.moderation.first_stage.missing = report;
  return out;
}

/// Matrix form: columns named by `columns`.
template <class Derived>
moderation_result<typename Derived::Scalar> estimate_moderation(const moderated_model& model,
                                                                const Eigen::MatrixBase<Derived>& data,
                                                                const std::vector<std::string>& columns,
                                                                const moderation_options& options = {}) {
  return estimate_moderation(model, csat::detail::table_from_matrix("csat::pls::estimate_moderation", data, columns),
                             options);
}

/// The fit of a moderated model restricted to the constructs of the main-effects model (interaction constructs
/// and their items removed), e.g. for 0–100 indices and the IPMA, which have no meaning for an interaction
/// construct. Paths, total effects and R² of the remaining constructs are those of the moderated model (an
/// interaction construct only sends paths, so no total effect between main constructs runs through it).
template <class Scalar>
estimate_result<Scalar> without_interactions(const moderation_result<Scalar>& m) {
  const auto& r = m.fit;
  std::vector<Eigen::Index> keep_k, keep_i;
  for (std::size_t k = 0; k < r.constructs.size(); ++k) {
    bool inter = false;
    for (const auto& i : m.interactions) inter = inter || i.name == r.constructs[k];
    if (!inter) keep_k.push_back(static_cast<Eigen::Index>(k));
  }
  std::vector<Eigen::Index> new_k(r.constructs.size(), -1);
  for (std::size_t a = 0; a < keep_k.size(); ++a) new_k[static_cast<std::size_t>(keep_k[a])] = static_cast<Eigen::Index>(a);
  for (std::size_t i = 0; i < r.indicators.size(); ++i)
    if (new_k[static_cast<std::size_t>(r.block[i])] >= 0) keep_i.push_back(static_cast<Eigen::Index>(i));
  const Eigen::Index K = static_cast<Eigen::Index>(keep_k.size()), p = static_cast<Eigen::Index>(keep_i.size());
  estimate_result<Scalar> out = r;
  out.precomputed_f_squared.resize(0, 0);  // f² of the moderated model; the restricted fit recomputes its own
  auto sub = [&](const Eigen::MatrixX<Scalar>& M, const std::vector<Eigen::Index>& rows, const std::vector<Eigen::Index>& cols) {
    Eigen::MatrixX<Scalar> o(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(cols.size()));
    for (std::size_t a = 0; a < rows.size(); ++a)
      for (std::size_t b = 0; b < cols.size(); ++b) o(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b)) = M(rows[a], cols[b]);
    return o;
  };
  std::vector<Eigen::Index> all_rows(static_cast<std::size_t>(r.scores.rows()));
  for (std::size_t i = 0; i < all_rows.size(); ++i) all_rows[i] = static_cast<Eigen::Index>(i);
  out.constructs.clear();
  out.modes.clear();
  for (auto k : keep_k) {
    out.constructs.push_back(r.constructs[static_cast<std::size_t>(k)]);
    out.modes.push_back(r.modes[static_cast<std::size_t>(k)]);
  }
  out.indicators.clear();
  out.block.clear();
  for (auto i : keep_i) {
    out.indicators.push_back(r.indicators[static_cast<std::size_t>(i)]);
    out.block.push_back(new_k[static_cast<std::size_t>(r.block[static_cast<std::size_t>(i)])]);
  }
  out.structure.resize(K, K);
  for (Eigen::Index a = 0; a < K; ++a)
    for (Eigen::Index b = 0; b < K; ++b) out.structure(a, b) = r.structure(keep_k[static_cast<std::size_t>(a)], keep_k[static_cast<std::size_t>(b)]);
  out.weights = sub(r.weights, keep_i, keep_k);
  out.loadings = sub(r.loadings, keep_i, keep_k);
  out.cross_loadings = sub(r.cross_loadings, keep_i, keep_k);
  out.scores = sub(r.scores, all_rows, keep_k);
  out.construct_correlations = sub(r.construct_correlations, keep_k, keep_k);
  out.structural_correlations = sub(r.structural_correlations, keep_k, keep_k);
  out.indicator_correlations = sub(r.indicator_correlations, keep_i, keep_i);
  out.paths = sub(r.paths, keep_k, keep_k);
  out.total_effects = sub(r.total_effects, keep_k, keep_k);
  out.indirect_effects = sub(r.indirect_effects, keep_k, keep_k);
  out.indicator_means.resize(p);
  out.indicator_sds.resize(p);
  out.r_squared.resize(K);
  out.r_squared_adj.resize(K);
  out.rho_a.resize(K);
  for (Eigen::Index i = 0; i < p; ++i) {
    out.indicator_means(i) = r.indicator_means(keep_i[static_cast<std::size_t>(i)]);
    out.indicator_sds(i) = r.indicator_sds(keep_i[static_cast<std::size_t>(i)]);
  }
  for (Eigen::Index k = 0; k < K; ++k) {
    out.r_squared(k) = r.r_squared(keep_k[static_cast<std::size_t>(k)]);
    out.r_squared_adj(k) = r.r_squared_adj(keep_k[static_cast<std::size_t>(k)]);
    out.rho_a(k) = r.rho_a(keep_k[static_cast<std::size_t>(k)]);
  }
  return out;
}

/// One line of the simple-slopes table.
template <class Scalar = double>
struct simple_slope {
  std::string level;        ///< "-1 SD", "Mean", "+1 SD"
  Scalar moderator = 0;     ///< moderator score (standardized): −1, 0, +1
  Scalar slope = 0;         ///< β_X + β_XM·m
  Scalar intercept = 0;     ///< β_M·m: the line is ŷ = intercept + slope·x (scores in sd units)
};

/// Simple slopes of X on Y at three moderator levels.
template <class Scalar = double>
struct simple_slopes_result {
  std::string iv, moderator, interaction, outcome;
  Scalar b_iv = 0, b_moderator = 0, b_interaction = 0;  ///< the path coefficients to `outcome` (0 if no path)
  std::vector<simple_slope<Scalar>> rows;               ///< at m = −1, 0, +1

  /// ŷ of line `row` at x (in sd units of X).
  Scalar predict(std::size_t row, Scalar x) const { return rows.at(row).intercept + rows.at(row).slope * x; }
};

/// Simple slopes of interaction `name` ("X:M") on `outcome` from the path coefficients (as seminr's
/// slope_analysis): slope(m) = β_X + β_XM·m, intercept(m) = β_M·m, m ∈ {−1, 0, +1}, where β_XM is the coefficient
/// per unit of the adjusted interaction score. csat::invalid_argument for an unknown term or an outcome that the
/// term does not predict.
template <class Scalar>
simple_slopes_result<Scalar> simple_slopes(const moderation_result<Scalar>& r, const std::string& name,
                                           const std::string& outcome) {
  const char* fn = "csat::pls::simple_slopes";
  const interaction_result<Scalar>* ir = nullptr;
  for (const auto& i : r.interactions)
    if (i.name == name) ir = &i;
  if (!ir) {
    std::string known;
    for (const auto& i : r.interactions) known += (known.empty() ? "" : ", ") + i.name;
    csat::detail::throw_invalid_argument(fn, "no interaction term named " + csat::detail::quoted(name) +
                                                 " (the model has " + known + ")");
  }
  bool predicts = false;
  for (const auto& o : ir->outcomes) predicts = predicts || o == outcome;
  if (!predicts)
    csat::detail::throw_invalid_argument(fn, "interaction term " + csat::detail::quoted(name) + " has no path to " +
                                                 csat::detail::quoted(outcome));
  const auto& f = r.fit;
  const Eigen::Index y = f.construct_index(outcome);
  simple_slopes_result<Scalar> s;
  s.iv = ir->iv;
  s.moderator = ir->moderator;
  s.interaction = ir->name;
  s.outcome = outcome;
  s.b_iv = f.paths(f.construct_index(ir->iv), y);
  s.b_moderator = f.paths(f.construct_index(ir->moderator), y);
  s.b_interaction = f.paths(f.construct_index(ir->name), y);
  const char* labels[3] = {"-1 SD", "Mean", "+1 SD"};
  for (int i = 0; i < 3; ++i) {
    simple_slope<Scalar> row;
    row.level = labels[i];
    row.moderator = Scalar(i - 1);
    row.slope = s.b_iv + s.b_interaction * row.moderator;
    row.intercept = s.b_moderator * row.moderator;
    s.rows.push_back(row);
  }
  return s;
}

/// Simple slopes of every interaction term on every outcome it predicts.
template <class Scalar>
std::vector<simple_slopes_result<Scalar>> simple_slopes(const moderation_result<Scalar>& r) {
  std::vector<simple_slopes_result<Scalar>> out;
  for (const auto& i : r.interactions)
    for (const auto& o : i.outcomes) out.push_back(simple_slopes(r, i.name, o));
  return out;
}

/// Bootstrap summary of one simple slope.
template <class Scalar = double>
struct slope_summary {
  std::string interaction, outcome, level;  ///< e.g. "Image:Expectation", "Satisfaction", "-1 SD"
  parameter_summary<Scalar> summary;        ///< from = interaction, to = outcome
};

/// Bootstrap of a moderated model: every resample repeats the whole procedure (missing-data policy once on the
/// full data; then, per resample, first stage, interaction items, orthogonalization, stage 2 and the adjustment).
template <class Scalar = double>
struct moderation_bootstrap_result {
  moderation_result<Scalar> estimate;                  ///< the full-sample estimation
  std::vector<parameter_summary<Scalar>> paths;        ///< every structural path of the full model (adjusted scale)
  std::vector<slope_summary<Scalar>> simple_slopes;    ///< per (interaction, outcome): −1 SD, Mean, +1 SD
  std::size_t requested = 0, successful = 0, failed = 0, not_converged = 0;
  std::string first_failure;                           ///< why the first failed resample failed
  unsigned threads = 1;
  bool bca_computed = false;
  double confidence = 0.95;
  Eigen::MatrixX<Scalar> draws;                        ///< B×m: paths, then slopes; NaN rows for failed resamples
};

namespace detail {

/// The bootstrapped statistics of one fit: paths (structure order: to-major, then from), then the slopes.
template <class Scalar>
void moderation_stats(const moderation_result<Scalar>& r, Eigen::VectorX<Scalar>& out) {
  const auto& f = r.fit;
  const Eigen::Index K = static_cast<Eigen::Index>(f.constructs.size());
  std::vector<Scalar> v;
  for (Eigen::Index b = 0; b < K; ++b)
    for (Eigen::Index a = 0; a < K; ++a)
      if (f.structure(a, b)) v.push_back(f.paths(a, b));
  for (const auto& s : simple_slopes(r))
    for (const auto& row : s.rows) v.push_back(row.slope);
  out = Eigen::Map<const Eigen::VectorX<Scalar>>(v.data(), static_cast<Eigen::Index>(v.size()));
}

template <class Scalar>
moderation_bootstrap_result<Scalar> run_moderation_bootstrap(
    const moderated_model& model, const survey::data_table<Scalar>& data, const moderation_options& mopt,
    const bootstrap_options& bopt, const Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic>* given) {
  const char* fn = "csat::pls::bootstrap_moderation";
  check_moderation(fn, model, mopt);
  if (!(bopt.confidence > 0 && bopt.confidence < 1))
    throw_domain_error(fn, "options.confidence", bopt.confidence, "must lie in (0, 1)");
  const auto d = prepare_moderation_data(fn, model, data, mopt);
  const Eigen::Index n = d.X.rows(), p = d.X.cols();
  const std::size_t B = given ? static_cast<std::size_t>(given->rows()) : bopt.resamples;
  if (B < 2) throw_domain_error(fn, "the number of resamples", B, "must be at least 2");
  if (given) check_resample_indices(fn, *given, n);
  moderation_bootstrap_result<Scalar> out;
  out.estimate = moderation_core(fn, model, d.L, d.X, mopt);
  out.estimate.fit.precomputed_f_squared = moderation_f_squared(fn, model, d.L, d.X, mopt, out.estimate.fit);
  out.estimate.fit.missing = d.missing;
  if (out.estimate.has_first_stage) out.estimate.first_stage.missing = d.missing;
  Eigen::VectorX<Scalar> orig;
  moderation_stats(out.estimate, orig);
  const Eigen::Index m = orig.size();
  const Scalar nan = std::numeric_limits<Scalar>::quiet_NaN();
  out.requested = B;
  out.confidence = bopt.confidence;
  out.draws = Eigen::MatrixX<Scalar>::Constant(static_cast<Eigen::Index>(B), m, nan);

  // one resample: the rows, then the whole procedure; result depends on b only (any thread count)
  auto one = [&](const std::vector<Eigen::Index>& rows, Eigen::MatrixX<Scalar>& Xb, Eigen::VectorX<Scalar>& stat,
                 bool& converged) {
    Xb.resize(static_cast<Eigen::Index>(rows.size()), p);
    for (Eigen::Index j = 0; j < p; ++j)
      for (std::size_t i = 0; i < rows.size(); ++i) Xb(static_cast<Eigen::Index>(i), j) = d.X(rows[i], j);
    const auto rb = moderation_core(fn, model, d.L, Xb, mopt);
    converged = rb.fit.converged && (!rb.has_first_stage || rb.first_stage.converged);
    moderation_stats(rb, stat);
    return rb.fit.status != status::numerical_issue && stat.size() == m && stat.allFinite();
  };

  // per-thread scratch: the resampled data (the jackknife below reuses it)
  const unsigned workers = worker_count(bopt.threads, std::max<std::size_t>(B, static_cast<std::size_t>(n)));
  std::vector<Eigen::MatrixX<Scalar>> Xb_w(workers);
  const resample_outcomes res = run_resamples(
      B, bopt.threads, bopt.seed, given, n, out.draws,
      [&](std::size_t, unsigned w, const std::vector<Eigen::Index>& rows, Eigen::VectorX<Scalar>& stat) {
        bool converged = false;
        if (!one(rows, Xb_w[w], stat, converged)) throw estimation_failure("singular system or non-finite estimate");
        return converged;
      },
      bopt.progress);
  out.threads = res.threads;
  res.tally(out);
  const auto& ok = res.ok;

  // BCa acceleration from a leave-one-out jackknife of the whole procedure
  Eigen::VectorX<Scalar> accel = Eigen::VectorX<Scalar>::Constant(m, nan);
  out.bca_computed = bopt.bca && n <= bopt.bca_max_rows && n > 3;
  if (out.bca_computed) {
    Eigen::MatrixX<Scalar> jack = Eigen::MatrixX<Scalar>::Constant(n, m, nan);
    // per-thread scratch: the kept rows, the resampled data and the statistics
    std::vector<std::vector<Eigen::Index>> rows_w(res.threads, std::vector<Eigen::Index>(static_cast<std::size_t>(n - 1)));
    std::vector<Eigen::VectorX<Scalar>> stat_w(res.threads);
    parallel_for(static_cast<std::size_t>(n), res.threads, [&](std::size_t ii, unsigned w) {
      const auto i = static_cast<Eigen::Index>(ii);
      auto& rows = rows_w[w];
      for (Eigen::Index r = 0, k = 0; r < n; ++r)
        if (r != i) rows[static_cast<std::size_t>(k++)] = r;
      try {
        bool converged = false;
        if (one(rows, Xb_w[w], stat_w[w], converged)) jack.row(i) = stat_w[w].transpose();
      } catch (const csat::domain_error&) {
      } catch (const csat::invalid_argument&) {
      }
    });
    accel = jackknife_acceleration(jack);
  }

  std::vector<Scalar> v;
  v.reserve(B);
  auto summary_of = [&](Eigen::Index c) {
    v.clear();
    for (std::size_t b = 0; b < B; ++b)
      if (ok[b]) v.push_back(out.draws(static_cast<Eigen::Index>(b), c));
    return summarize(v, orig(c), accel(c), bopt.confidence, out.bca_computed);
  };
  const auto& f = out.estimate.fit;
  const Eigen::Index K = static_cast<Eigen::Index>(f.constructs.size());
  Eigen::Index c = 0;
  for (Eigen::Index b = 0; b < K; ++b)
    for (Eigen::Index a = 0; a < K; ++a)
      if (f.structure(a, b)) {
        auto s = summary_of(c++);
        s.from = f.constructs[static_cast<std::size_t>(a)];
        s.to = f.constructs[static_cast<std::size_t>(b)];
        out.paths.push_back(std::move(s));
      }
  for (const auto& sl : simple_slopes(out.estimate))
    for (const auto& row : sl.rows) {
      slope_summary<Scalar> ss;
      ss.interaction = sl.interaction;
      ss.outcome = sl.outcome;
      ss.level = row.level;
      ss.summary = summary_of(c++);
      ss.summary.from = sl.interaction;
      ss.summary.to = sl.outcome;
      out.simple_slopes.push_back(std::move(ss));
    }
  return out;
}

}  // namespace detail

/// Bootstraps a moderated model with seeded resamples (the scheme of pls::bootstrap: resample b is drawn from
/// (seed, b) alone, so results are identical for any thread count). Summaries (mean, sd, t, p, percentile and BCa
/// intervals, as pls::bootstrap) of every path, the interaction paths on the adjusted scale included, and of the
/// simple slopes. bootstrap_options::scale_min/scale_max are not used.
template <class Scalar>
moderation_bootstrap_result<Scalar> bootstrap_moderation(const moderated_model& model,
                                                         const survey::data_table<Scalar>& data,
                                                         const moderation_options& mopt = {},
                                                         const bootstrap_options& bopt = {}) {
  return detail::run_moderation_bootstrap(model, data, mopt, bopt, nullptr);
}

/// The same with given resamples: `indices` is B×n, 0-based row numbers of the data after the missing-data policy
/// (e.g. read_resample_indices() of a 1-based file).
template <class Scalar>
moderation_bootstrap_result<Scalar> bootstrap_moderation_indices(
    const moderated_model& model, const survey::data_table<Scalar>& data,
    const Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic>& indices, const moderation_options& mopt = {},
    const bootstrap_options& bopt = {}) {
  return detail::run_moderation_bootstrap(model, data, mopt, bopt, &indices);
}

/// Bootstrap of estimate_higher_order_moderation().
template <class Scalar = double>
struct hoc_moderation_bootstrap_result {
  hoc_moderation_result<Scalar> estimate;          ///< the full-sample estimation
  /// paths and simple slopes of the final (moderated) model as bootstrap_moderation() reports them;
  /// bootstrap.estimate = estimate.moderation. No BCa (NaN).
  moderation_bootstrap_result<Scalar> bootstrap;
};

/// Bootstraps a model with higher-order constructs and interaction terms: every resample re-runs the whole
/// procedure (the higher-order stages, the interaction items, the final model), as seminr's bootstrap_model re-runs
/// estimate_pls. The missing-data policy is applied once; resamples are drawn as pls::bootstrap() draws them
/// (seeded per resample: identical for any thread count) or replayed from `given` (B×n, 0-based rows).
template <class Scalar>
hoc_moderation_bootstrap_result<Scalar> bootstrap_higher_order_moderation(
    const moderated_model& model, const survey::data_table<Scalar>& data, const moderation_options& mopt = {},
    const bootstrap_options& bopt = {}, hoc_method hoc = hoc_method::two_stage,
    const Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic>* given = nullptr) {
  const char* fn = "csat::pls::bootstrap_higher_order_moderation";
  detail::check_moderation(fn, model, mopt);
  if (!(bopt.confidence > 0 && bopt.confidence < 1))
    detail::throw_domain_error(fn, "options.confidence", bopt.confidence, "must lie in (0, 1)");
  hoc_moderation_bootstrap_result<Scalar> out;
  out.estimate = estimate_higher_order_moderation(model, data, mopt, hoc);
  // the item columns after the missing-data policy
  const auto items = detail::hoc_item_columns(fn, model.main, data.names);
  survey::data_table<Scalar> used;
  bool any_missing = false;
  for (const auto& blk : items)
    for (auto c : blk) {
      used.names.push_back(data.names[c]);
      any_missing = any_missing || data.values.col(static_cast<Eigen::Index>(c)).hasNaN();
    }
  if (any_missing) {
    used = survey::apply_missing_policy(data, mopt.estimation.missing, used.names).data;
  } else {
    used.values.resize(data.rows(), static_cast<Eigen::Index>(used.names.size()));
    for (std::size_t j = 0; j < used.names.size(); ++j)
      used.values.col(static_cast<Eigen::Index>(j)) = data.values.col(data.index_of(used.names[j]));
  }
  std::vector<Eigen::Index> cols;
  for (const auto& nm : used.names) cols.push_back(used.index_of(nm));
  const Eigen::Index n = used.values.rows();
  const std::size_t B = given ? static_cast<std::size_t>(given->rows()) : bopt.resamples;
  if (B < 2) detail::throw_domain_error(fn, "the number of resamples", B, "must be at least 2");
  if (given) detail::check_resample_indices(fn, *given, n);
  auto& bs = out.bootstrap;
  bs.estimate = out.estimate.moderation;
  Eigen::VectorX<Scalar> orig;
  detail::moderation_stats(bs.estimate, orig);
  const Eigen::Index m = orig.size();
  const Scalar nan = std::numeric_limits<Scalar>::quiet_NaN();
  bs.requested = B;
  bs.confidence = bopt.confidence;
  bs.draws = Eigen::MatrixX<Scalar>::Constant(static_cast<Eigen::Index>(B), m, nan);
  moderation_options o = mopt;
  o.estimation.missing = survey::missing_policy::none;
  const unsigned workers = detail::worker_count(bopt.threads, B);
  std::vector<survey::data_table<Scalar>> tb_w(workers);
  const detail::resample_outcomes res = detail::run_resamples(
      B, bopt.threads, bopt.seed, given, n, bs.draws,
      [&](std::size_t, unsigned w, const std::vector<Eigen::Index>& rows, Eigen::VectorX<Scalar>& stat) {
        auto& tb = tb_w[w];
        tb.names = used.names;
        tb.values.resize(n, used.values.cols());
        for (Eigen::Index i = 0; i < n; ++i) tb.values.row(i) = used.values.row(rows[static_cast<std::size_t>(i)]);
        const auto rb = estimate_higher_order_moderation(model, tb, o, hoc, false);
        detail::moderation_stats(rb.moderation, stat);
        if (rb.moderation.fit.status == status::numerical_issue || stat.size() != m || !stat.allFinite())
          throw detail::estimation_failure("singular system or non-finite estimate");
        return rb.moderation.fit.converged && rb.higher_order.converged &&
               (!rb.moderation.has_first_stage || rb.moderation.first_stage.converged);
      },
      bopt.progress);
  bs.threads = res.threads;
  res.tally(bs);
  std::vector<Scalar> v;
  auto summary_of = [&](Eigen::Index c) {
    v.clear();
    for (std::size_t b = 0; b < B; ++b)
      if (res.ok[b]) v.push_back(bs.draws(static_cast<Eigen::Index>(b), c));
    return detail::summarize(v, orig(c), nan, bopt.confidence, false);
  };
  const auto& f = bs.estimate.fit;
  const Eigen::Index K = static_cast<Eigen::Index>(f.constructs.size());
  Eigen::Index c = 0;
  for (Eigen::Index b = 0; b < K; ++b)
    for (Eigen::Index a = 0; a < K; ++a)
      if (f.structure(a, b)) {
        auto s = summary_of(c++);
        s.from = f.constructs[static_cast<std::size_t>(a)];
        s.to = f.constructs[static_cast<std::size_t>(b)];
        bs.paths.push_back(std::move(s));
      }
  for (const auto& sl : simple_slopes(bs.estimate))
    for (const auto& row : sl.rows) {
      slope_summary<Scalar> ss;
      ss.interaction = sl.interaction;
      ss.outcome = sl.outcome;
      ss.level = row.level;
      ss.summary = summary_of(c++);
      ss.summary.from = sl.interaction;
      ss.summary.to = sl.outcome;
      bs.simple_slopes.push_back(std::move(ss));
    }
  return out;
}

}  // namespace pls
}  // namespace csat

#endif
