#ifndef CSAT_SIMULATE_GENERATE_HPP
#define CSAT_SIMULATE_GENERATE_HPP

/// \file
/// Synthetic survey respondents drawn from a population structural model (structural.hpp), with segments that
/// differ in latent means and paths, discretization to answer scales, and missing answers.
///
/// For each respondent, in this order (the order fixes the stream of random numbers, so a seed gives the same
/// survey everywhere):
/// 1. one level of every segmentation (customer group, channel, county, ...) by its shares;
/// 2. latent scores: exogenous ξ = α_ξ + L z (L the Cholesky factor of their correlations), then endogenous
///    η_i = α_i + Σ_j b_ij η_j + sqrt(ψ_i) ζ_i in causal order, where b = base paths + the path shifts of the
///    respondent's levels, α = the sum of the levels' intercepts, and ψ is solved per combination of levels so
///    that every latent variance is 1 within each cell (the segment means shift by α through the paths);
/// 3. indicators x = λ η + sqrt(1 − λ²) ε, answered as location + x through the indicator's response scale;
/// 4. each answer independently missing with probability `missing_rate` (missing completely at random).

#include <csat/config.hpp>
#include <csat/core/error.hpp>
#include <csat/core/validate.hpp>
#include <csat/simulate/random.hpp>
#include <csat/simulate/structural.hpp>
#include <csat/survey/csv.hpp>

#include <boost/math/distributions/normal.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace csat {
namespace simulate {

/// One level of a segmentation: its name, its share of respondents, and how it changes the population.
template <class Scalar = double>
struct segment_level {
  std::string name;
  double share = 1;
  Eigen::VectorX<Scalar> intercepts{};  ///< added to the latent means (k values in SD units; empty = none)
  Eigen::MatrixX<Scalar> path_shift{};  ///< added to the base paths (k x k; empty = none; zero where no path)
};

/// A way of splitting respondents (customer group, channel, county): a text column and its levels.
template <class Scalar = double>
struct segmentation {
  std::string column;
  std::vector<segment_level<Scalar>> levels;
};

/// Everything that defines a synthetic survey.
template <class Scalar = double>
struct survey_design {
  structural_model<Scalar> model;
  std::vector<segmentation<Scalar>> segments{};
  double missing_rate = 0;      ///< probability that an answer is missing (MCAR), in [0, 1)
  std::string id_column = "";   ///< a numeric respondent id column 1..n (none if empty)
};

/// A simulated survey and the values behind it.
template <class Scalar = double>
struct simulated_survey {
  survey::data_table<Scalar> data;   ///< id, indicators (numeric, or text for labelled scales), segment columns
  Eigen::MatrixX<Scalar> latent;     ///< respondents x constructs (the true latent scores)
  Eigen::MatrixX<Scalar> continuous; ///< respondents x indicators, before discretization and missingness
  std::vector<std::vector<std::size_t>> level;  ///< level[s][i]: level index of respondent i in segmentation s
  Eigen::Index missing_cells = 0;
  std::uint64_t seed = 0;
  /// Column order for writing: id, segment columns, then indicators in model order.
  std::vector<std::string> columns;
};

namespace detail_generate {

inline std::vector<double> default_thresholds(int points) {
  std::vector<double> t;
  const boost::math::normal_distribution<double> n01;
  for (int m = 1; m < points; ++m) t.push_back(boost::math::quantile(n01, static_cast<double>(m) / points));
  return t;
}

template <class Scalar>
struct cell_model {
  Eigen::MatrixX<Scalar> paths;
  Eigen::VectorX<Scalar> intercepts;
  latent_solution<Scalar> latent;
};

}  // namespace detail_generate

/// Draws `n` respondents from `design` with the engine seeded by `seed`.
/// Throws csat::invalid_argument / csat::domain_error for an invalid design (naming the construct, indicator,
/// segment level or value).
template <class Scalar>
simulated_survey<Scalar> generate(const survey_design<Scalar>& design, Eigen::Index n, std::uint64_t seed) {
  const char* function = "csat::simulate::generate";
  using std::sqrt;
  const auto& model = design.model;
  const auto block = check_indicators(model);
  const auto k = static_cast<Eigen::Index>(model.constructs.size());
  const auto p = static_cast<Eigen::Index>(model.indicators.size());
  if (n < 1) detail::throw_invalid_argument(function, "n = " + std::to_string(n) + ", but must be at least 1");
  if (p == 0) detail::throw_invalid_argument(function, "the model has no indicators");
  if (!(design.missing_rate >= 0 && design.missing_rate < 1))
    detail::throw_domain_error(function, "missing_rate", design.missing_rate, "must lie in [0, 1)");
  solve_latent(model);  // the base model must be valid on its own

  // segmentations: shares -> cumulative, shapes
  std::vector<std::vector<double>> cumulative;
  for (const auto& seg : design.segments) {
    if (seg.column.empty() || seg.levels.empty())
      detail::throw_invalid_argument(function, "a segmentation needs a column name and at least one level");
    double total = 0;
    for (const auto& l : seg.levels) {
      if (!(std::isfinite(l.share) && l.share > 0))
        detail::throw_domain_error(function, "share of level " + detail::quoted(l.name) + " of " + detail::quoted(seg.column),
                                   l.share, "must be finite and positive");
      if (l.intercepts.size() != 0) detail::check_size(function, ("intercepts of " + l.name).c_str(), l.intercepts.size(), k);
      if (l.path_shift.size() != 0) {
        detail::check_size(function, ("path_shift rows of " + l.name).c_str(), l.path_shift.rows(), k);
        detail::check_size(function, ("path_shift columns of " + l.name).c_str(), l.path_shift.cols(), k);
        for (Eigen::Index i = 0; i < k; ++i)
          for (Eigen::Index j = 0; j < k; ++j)
            if (l.path_shift(i, j) != Scalar(0) && model.paths(i, j) == Scalar(0))
              detail::throw_invalid_argument(function, "level " + detail::quoted(l.name) + " shifts the path " +
                                                           model.constructs[static_cast<std::size_t>(j)] + " -> " +
                                                           model.constructs[static_cast<std::size_t>(i)] +
                                                           ", which is not in the model");
      }
      total += l.share;
    }
    std::vector<double> cum;
    double run = 0;
    for (const auto& l : seg.levels) { run += l.share / total; cum.push_back(run); }
    cum.back() = 1.0;
    cumulative.push_back(cum);
  }

  // one latent model per combination of levels
  std::vector<std::size_t> radix;
  std::size_t cells = 1;
  for (const auto& seg : design.segments) { radix.push_back(cells); cells *= seg.levels.size(); }
  std::vector<detail_generate::cell_model<Scalar>> cell(cells);
  for (std::size_t c = 0; c < cells; ++c) {
    Eigen::MatrixX<Scalar> paths = model.paths;
    Eigen::VectorX<Scalar> alpha = Eigen::VectorX<Scalar>::Zero(k);
    std::string name;
    for (std::size_t s = 0; s < design.segments.size(); ++s) {
      const auto& l = design.segments[s].levels[(c / radix[s]) % design.segments[s].levels.size()];
      if (l.path_shift.size() != 0) paths += l.path_shift;
      if (l.intercepts.size() != 0) alpha += l.intercepts;
      name += (s ? ", " : "") + l.name;
    }
    try {
      cell[c].latent = solve_latent(model, paths);
    } catch (const csat::domain_error& e) {
      detail::throw_domain_error(function, "segment cell (" + name + "): " + e.what());
    }
    cell[c].paths = paths;
    cell[c].intercepts = alpha;
  }

  // discretization
  std::vector<std::vector<double>> thresholds(static_cast<std::size_t>(p));
  for (Eigen::Index a = 0; a < p; ++a) {
    const auto& sc = model.indicators[static_cast<std::size_t>(a)].scale;
    if (sc.points >= 2) thresholds[static_cast<std::size_t>(a)] = sc.thresholds.empty() ? detail_generate::default_thresholds(sc.points) : sc.thresholds;
  }

  simulated_survey<Scalar> out;
  out.seed = seed;
  out.latent.resize(n, k);
  out.continuous.resize(n, p);
  out.level.assign(design.segments.size(), std::vector<std::size_t>(static_cast<std::size_t>(n)));
  auto& t = out.data;
  t.source = "<simulated, seed " + std::to_string(seed) + ">";
  std::vector<Eigen::Index> numeric_col(static_cast<std::size_t>(p), -1), text_col(static_cast<std::size_t>(p), -1);
  if (!design.id_column.empty()) t.names.push_back(design.id_column);
  for (Eigen::Index a = 0; a < p; ++a) {
    const auto& ind = model.indicators[static_cast<std::size_t>(a)];
    if (ind.scale.labels.empty()) { numeric_col[static_cast<std::size_t>(a)] = static_cast<Eigen::Index>(t.names.size()); t.names.push_back(ind.name); }
    else { text_col[static_cast<std::size_t>(a)] = static_cast<Eigen::Index>(t.text_names.size()); t.text_names.push_back(ind.name); }
  }
  const std::size_t first_segment_text = t.text_names.size();
  for (const auto& seg : design.segments) t.text_names.push_back(seg.column);
  // names must be unique across indicators, id and segment columns
  {
    std::vector<std::string> all = t.names;
    all.insert(all.end(), t.text_names.begin(), t.text_names.end());
    for (std::size_t a = 0; a < all.size(); ++a)
      for (std::size_t b = 0; b < a; ++b)
        if (all[a] == all[b]) detail::throw_invalid_argument(function, "column name " + detail::quoted(all[a]) + " is used twice");
  }
  t.values.resize(n, static_cast<Eigen::Index>(t.names.size()));
  t.text.assign(t.text_names.size(), std::vector<std::string>(static_cast<std::size_t>(n)));
  t.missing.assign(t.names.size(), 0);
  t.lines.resize(static_cast<std::size_t>(n));

  engine g(seed);
  normal_generator normal;
  const Scalar nan = std::numeric_limits<Scalar>::quiet_NaN();
  Eigen::VectorX<Scalar> z(k), eta(k);
  for (Eigen::Index i = 0; i < n; ++i) {
    std::size_t c = 0;
    for (std::size_t s = 0; s < design.segments.size(); ++s) {
      const std::size_t lv = categorical(g, cumulative[s]);
      out.level[s][static_cast<std::size_t>(i)] = lv;
      c += lv * radix[s];
      t.text[first_segment_text + s][static_cast<std::size_t>(i)] = design.segments[s].levels[lv].name;
    }
    const auto& cm = cell[c];
    const auto& lat = cm.latent;
    const Eigen::Index ne = lat.n_exogenous;
    for (Eigen::Index e = 0; e < ne; ++e) z(e) = static_cast<Scalar>(normal(g));
    for (Eigen::Index e = 0; e < ne; ++e) {
      Scalar v(0);
      for (Eigen::Index f = 0; f <= e; ++f) v += lat.exogenous_cholesky(e, f) * z(f);
      const Eigen::Index ci = lat.order[static_cast<std::size_t>(e)];
      eta(ci) = cm.intercepts(ci) + v;
    }
    for (Eigen::Index pos = ne; pos < k; ++pos) {
      const Eigen::Index ci = lat.order[static_cast<std::size_t>(pos)];
      Scalar v = cm.intercepts(ci);
      for (Eigen::Index j = 0; j < k; ++j)
        if (cm.paths(ci, j) != Scalar(0)) v += cm.paths(ci, j) * eta(j);
      eta(ci) = v + Scalar(sqrt(lat.residual_variance(ci))) * static_cast<Scalar>(normal(g));
    }
    out.latent.row(i) = eta.transpose();
    if (!design.id_column.empty()) t.values(i, 0) = static_cast<Scalar>(i + 1);
    for (Eigen::Index a = 0; a < p; ++a) {
      const auto& ind = model.indicators[static_cast<std::size_t>(a)];
      const Scalar lambda = ind.loading;
      const Scalar x = lambda * eta(block[static_cast<std::size_t>(a)]) +
                       Scalar(sqrt(Scalar(1) - lambda * lambda)) * static_cast<Scalar>(normal(g));
      out.continuous(i, a) = x;
      const Scalar y = ind.location + x;
      Scalar answer = y;
      const auto& th = thresholds[static_cast<std::size_t>(a)];
      if (ind.scale.points >= 2) {
        int cat = 0;
        while (cat < static_cast<int>(th.size()) && static_cast<double>(y) > th[static_cast<std::size_t>(cat)]) ++cat;
        answer = static_cast<Scalar>(ind.scale.lowest + cat);
      }
      const bool missing = design.missing_rate > 0 && uniform01(g) < design.missing_rate;
      if (missing) ++out.missing_cells;
      if (numeric_col[static_cast<std::size_t>(a)] >= 0) {
        const Eigen::Index col = numeric_col[static_cast<std::size_t>(a)];
        t.values(i, col) = missing ? nan : answer;
        if (missing) ++t.missing[static_cast<std::size_t>(col)];
      } else {
        const int code = static_cast<int>(answer) - ind.scale.lowest;
        t.text[static_cast<std::size_t>(text_col[static_cast<std::size_t>(a)])][static_cast<std::size_t>(i)] =
            missing ? std::string() : ind.scale.labels[static_cast<std::size_t>(code)];
      }
    }
    t.lines[static_cast<std::size_t>(i)] = static_cast<std::size_t>(i) + 2;  // as written with a header line
  }
  if (!design.id_column.empty()) out.columns.push_back(design.id_column);
  for (const auto& seg : design.segments) out.columns.push_back(seg.column);
  for (const auto& ind : model.indicators) out.columns.push_back(ind.name);
  return out;
}

/// PLS population values of a design as answered: draws `n` respondents from `design` without missing answers,
/// takes the Pearson correlations of the indicators of `pls_model` (a model whose indicator names are columns of
/// the survey, e.g. the CSI items only) as they were answered (discretized, pooled over segments), and runs
/// pls_population() on them. With n large (10^6) the Monte Carlo error is about 0.001; these are the values a
/// PLS estimate on data from `design` converges to, which bootstrap intervals should cover.
template <class Scalar>
pls_population_result<Scalar> answer_pls_population(const survey_design<Scalar>& design,
                                                    const structural_model<Scalar>& pls_model, Eigen::Index n,
                                                    std::uint64_t seed) {
  survey_design<Scalar> complete = design;
  complete.missing_rate = 0;
  const auto s = generate(complete, n, seed);
  const auto p = static_cast<Eigen::Index>(pls_model.indicators.size());
  Eigen::MatrixX<Scalar> x(n, p);
  for (Eigen::Index a = 0; a < p; ++a) {
    const auto& name = pls_model.indicators[static_cast<std::size_t>(a)].name;
    if (!s.data.has(name))
      detail::throw_invalid_argument("csat::simulate::answer_pls_population",
                                     "indicator " + detail::quoted(name) + " is not a numeric column of the design");
    x.col(a) = s.data.values.col(s.data.index_of(name));
  }
  const Eigen::RowVectorX<Scalar> mean = x.colwise().mean();
  x.rowwise() -= mean;
  const Eigen::MatrixX<Scalar> cov = x.transpose() * x / static_cast<Scalar>(n - 1);
  const Eigen::VectorX<Scalar> sd = cov.diagonal().cwiseSqrt();
  const Eigen::MatrixX<Scalar> r = cov.array() / (sd * sd.transpose()).array();
  return pls_population(pls_model, r);
}

}  // namespace simulate
}  // namespace csat

#endif
