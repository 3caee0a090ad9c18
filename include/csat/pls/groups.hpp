#ifndef CSAT_PLS_GROUPS_HPP
#define CSAT_PLS_GROUPS_HPP

/// \file
/// Multi-group comparison of a PLS path model: groups from a column of codes or text labels, one estimation
/// per group, and for every pair of groups
/// - PLS-MGA (Henseler, Ringle & Sinkovics 2009), with the p-value exactly as seminr 2.3.2 computes it;
/// - the permutation test of path differences (Chin & Dibbern 2010);
/// - the parametric test (Keil et al. 2000) and the Welch–Satterthwaite test (Sarstedt, Henseler & Ringle 2011)
///   with bootstrap standard errors;
/// - MICOM steps 1–3 (Henseler, Ringle & Sarstedt 2016): configural invariance, compositional invariance by
///   permutation, and equality of composite means and variances by permutation.
///
/// Every pair is tested on its own; with more than two groups the p-values are per comparison, not adjusted
/// for multiplicity (see group_result::caveat and docs/pls-groups.md).
///
/// Determinism: group g's resample b is bootstrap.hpp's draw_resample(seed, b) over the group's rows (the same
/// seed for every group, as seminr); permutation u of pair q is a partial Fisher–Yates shuffle driven by
/// mt19937_64 seeded from splitmix64(seed, q, u). Each resample and permutation is computed on its own and
/// written to its own row, so results are bit-identical for any number of threads.

#include <csat/config.hpp>
#include <csat/core/error.hpp>
#include <csat/core/parallel.hpp>
#include <csat/core/validate.hpp>
#include <csat/model/specification.hpp>
#include <csat/pls/bootstrap.hpp>
#include <csat/pls/estimate.hpp>
#include <csat/survey/csv.hpp>
#include <csat/survey/missing.hpp>

#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace csat {
namespace pls {

/// Cases assigned to groups by the values of one column.
struct group_split {
  std::string column;                             ///< the grouping column
  std::vector<std::string> labels;                ///< group labels, in order of first appearance
  std::vector<std::vector<Eigen::Index>> rows;    ///< per group: 0-based rows of the table, ascending
  std::vector<Eigen::Index> unlabelled;           ///< rows without a group value (empty text or NaN): left out

  std::size_t size() const { return labels.size(); }
};

/// Groups from a vector of labels (one per row); an empty label means "no group" and the row is left out.
inline group_split split_groups(const std::vector<std::string>& labels, const std::string& column = "group") {
  group_split s;
  s.column = column;
  std::map<std::string, std::size_t> pos;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const std::string& l = labels[i];
    if (l.empty()) {
      s.unlabelled.push_back(static_cast<Eigen::Index>(i));
      continue;
    }
    auto it = pos.find(l);
    if (it == pos.end()) {
      it = pos.emplace(l, s.labels.size()).first;
      s.labels.push_back(l);
      s.rows.emplace_back();
    }
    s.rows[it->second].push_back(static_cast<Eigen::Index>(i));
  }
  return s;
}

namespace detail {

/// A numeric group code as a label: integers without decimals ("1", "95598"), others with up to 15 digits.
inline std::string code_label(double v) {
  if (std::isnan(v)) return {};
  if (std::floor(v) == v && std::abs(v) < 1e15) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

}  // namespace detail

/// Groups from a column of `data`: a text column (labels such as "residential", "95598") or a numeric column of
/// codes (1, 2, 3 become the labels "1", "2", "3"). Rows with an empty label or a missing code are left out and
/// listed in group_split::unlabelled. An unknown column is a csat::invalid_argument naming it.
template <class Scalar>
group_split split_groups(const survey::data_table<Scalar>& data, const std::string& column) {
  const auto t = std::find(data.text_names.begin(), data.text_names.end(), column);
  if (t != data.text_names.end()) {
    std::vector<std::string> labels = data.text[static_cast<std::size_t>(t - data.text_names.begin())];
    for (auto& l : labels) l = csat::detail::trim(l);
    return split_groups(labels, column);
  }
  if (!data.has(column))
    csat::detail::throw_invalid_argument("csat::pls::split_groups",
                                         "group column " + csat::detail::quoted(column) + " is not in " +
                                             (data.source.empty() ? std::string("the data") : data.source));
  const auto col = data.values.col(data.index_of(column));
  std::vector<std::string> labels(static_cast<std::size_t>(col.size()));
  for (Eigen::Index i = 0; i < col.size(); ++i) labels[static_cast<std::size_t>(i)] = detail::code_label(static_cast<double>(col(i)));
  return split_groups(labels, column);
}

/// Options of compare_groups().
struct group_options {
  /// Bootstrap resamples per group (PLS-MGA, parametric and Welch tests); 0 = none (those p-values are NaN).
  std::size_t resamples = 5000;
  /// Permutations per pair of groups (permutation test and MICOM); 0 = none.
  std::size_t permutations = 5000;
  std::uint64_t seed = 123;
  /// Worker threads; 0 = std::thread::hardware_concurrency(). Results do not depend on it.
  unsigned threads = 0;
  /// Smallest group accepted. The effective minimum is the larger of this and what the model needs
  /// (most predecessors of a construct + 2; largest Mode B block + 1).
  Eigen::Index min_group_size = 10;
  /// MICOM: run steps 2 and 3 (they share the permutations of the permutation test).
  bool micom = true;
  /// Significance level of MICOM's permutation quantiles (step 2: the alpha quantile of c; step 3: the
  /// alpha/2 and 1 − alpha/2 quantiles of the differences).
  double alpha = 0.05;
};

/// One group: its cases, its estimation and its bootstrap of the path coefficients.
template <class Scalar = double>
struct group_fit {
  std::string label;
  std::vector<Eigen::Index> rows;       ///< 0-based rows of the input table
  estimate_result<Scalar> estimate;     ///< the model estimated on this group alone
  /// B×P bootstrap draws of the paths (columns in group_result::path_from/path_to order; NaN rows = failed).
  Eigen::MatrixX<Scalar> boot_paths;
  Eigen::VectorX<Scalar> boot_mean, boot_sd;  ///< P, over the successful resamples (sd: B−1 divisor)
  std::size_t boot_successful = 0, boot_failed = 0;
};

/// One path compared between two groups (a = the earlier group label, b = the later one).
template <class Scalar = double>
struct path_comparison {
  std::string from, to, group_a, group_b;
  std::size_t a = 0, b = 0;           ///< group positions
  Scalar beta_a = 0, beta_b = 0;
  Scalar diff = 0;                    ///< beta_a − beta_b
  Scalar se_a = 0, se_b = 0;          ///< bootstrap standard deviations
  /// PLS-MGA (seminr 2.3.2): 1 − #{(2 m_a − β*_a,i) − (2 m_b − β*_b,j) > 0} / J² over the first J resamples of
  /// each group, m = their bootstrap means. One-sided: small when β_a > β_b, large when β_a < β_b.
  Scalar p_henseler = 0;
  Scalar p_henseler_two_sided = 0;    ///< 2 min(p, 1 − p)
  Scalar p_permutation = 0;           ///< two-sided, (1 + #{|d*| ≥ |d|}) / (1 + permutations)
  Scalar t_parametric = 0, df_parametric = 0, p_parametric = 0;  ///< Keil et al. 2000, two-sided
  Scalar t_welch = 0, df_welch = 0, p_welch = 0;                 ///< Welch–Satterthwaite, two-sided
};

/// MICOM steps 2 and 3 for one composite of one pair of groups.
template <class Scalar = double>
struct micom_composite {
  std::string construct;
  /// Step 2: c = correlation of the composites formed with group a's and group b's weights on the pooled data.
  Scalar c = 0, c_quantile = 0, p_c = 0;  ///< c_quantile = the alpha quantile of the permuted c; p one-sided
  bool compositional_invariance = false;  ///< c ≥ c_quantile
  /// Step 3a: mean of the pooled-weight composite in a minus in b (pooled standardization).
  Scalar mean_diff = 0, mean_lower = 0, mean_upper = 0, p_mean = 0;
  bool equal_mean = false;
  /// Step 3b: log(var_a) − log(var_b) of the same composite.
  Scalar log_var_ratio = 0, var_lower = 0, var_upper = 0, p_var = 0;
  bool equal_var = false;
};

/// MICOM for one pair of groups.
template <class Scalar = double>
struct micom_pair {
  std::string group_a, group_b;
  std::size_t a = 0, b = 0;
  /// Step 1: same model, indicators, data treatment and algorithm settings by construction; true when both
  /// group estimations converged.
  bool configural = false;
  std::vector<micom_composite<Scalar>> composites;
  bool partial_invariance = false;  ///< configural and compositional invariance for every composite
  bool full_invariance = false;     ///< partial, and equal means and variances for every composite
};

/// Everything compare_groups() computed.
template <class Scalar = double>
struct group_result {
  std::string column;
  std::vector<group_fit<Scalar>> groups;            ///< in order of first appearance of the label
  std::vector<std::string> path_from, path_to;      ///< the P structural paths (model order)
  /// Pair-major (pairs (0,1), (0,2), ..., (1,2), ...), path-minor.
  std::vector<path_comparison<Scalar>> comparisons;
  std::vector<micom_pair<Scalar>> micom;            ///< one per pair when options.micom and permutations > 0
  std::size_t resamples = 0;                        ///< per group (requested; replayed: those of the first group)
  /// Smallest number of successful resamples over the groups (PLS-MGA uses the smaller J of each pair).
  std::size_t henseler_J = 0;
  std::size_t permutations = 0;                     ///< per pair (requested)
  std::vector<std::size_t> permutations_failed;     ///< per pair: permutations that could not be estimated
  std::vector<Eigen::Index> unlabelled;             ///< rows without a group value (left out)
  survey::missing_report<Scalar> missing;           ///< the missing-data policy applied to the pooled data
  unsigned threads = 1;
  std::string caveat;                               ///< the multiple-comparison note (empty for two groups)
};

namespace detail {

inline std::uint64_t permutation_seed(std::uint64_t seed, std::size_t pair, std::size_t u) {
  return splitmix64(splitmix64(seed ^ 0x6A09E667F3BCC909ULL) ^
                    splitmix64(0xBB67AE8584CAA73BULL * (static_cast<std::uint64_t>(pair) + 1)) ^
                    (0xD1B54A32D192ED03ULL * (static_cast<std::uint64_t>(u) + 1)));
}

/// Permutation u of pair q: positions 0..n−1 shuffled so that the first `first` are uniformly chosen
/// (partial Fisher–Yates; unbiased rejection sampling for each index).
inline void draw_permutation(std::uint64_t seed, std::size_t pair, std::size_t u, std::vector<Eigen::Index>& perm,
                             Eigen::Index n, Eigen::Index first) {
  std::mt19937_64 gen(permutation_seed(seed, pair, u));
  perm.resize(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) perm[static_cast<std::size_t>(i)] = i;
  const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
  for (Eigen::Index i = 0; i < first && i < n - 1; ++i) {
    const auto range = static_cast<std::uint64_t>(n - i);
    const std::uint64_t limit = max - (max % range + 1) % range;
    std::uint64_t x = gen();
    while (x > limit) x = gen();
    std::swap(perm[static_cast<std::size_t>(i)], perm[static_cast<std::size_t>(i + static_cast<Eigen::Index>(x % range))]);
  }
}

/// Correlation matrix of a subset of the rows of the (pooled-standardized) data Z from the subset's sums s and
/// cross-products C (p×p, full): cov = (C − s sᵀ / n) / (n − 1). False when a variance is (near) zero.
template <class Scalar>
bool cor_from_sums(const Eigen::VectorX<Scalar>& s, const Eigen::MatrixX<Scalar>& C, Eigen::Index n,
                   Eigen::MatrixX<Scalar>& R) {
  using std::sqrt;
  const Eigen::Index p = s.size();
  R.resize(p, p);
  const Scalar nn = Scalar(n);
  Eigen::VectorX<Scalar> sd(p);
  for (Eigen::Index j = 0; j < p; ++j) {
    const Scalar v = (C(j, j) - s(j) * s(j) / nn) / (nn - 1);
    if (!(v > Scalar(1e-20))) return false;
    sd(j) = sqrt(v);
  }
  for (Eigen::Index a = 0; a < p; ++a)
    for (Eigen::Index b = 0; b < p; ++b)
      R(a, b) = a == b ? Scalar(1) : ((C(a, b) - s(a) * s(b) / nn) / (nn - 1)) / (sd(a) * sd(b));
  return true;
}

/// Henseler's PLS-MGA p-value as seminr 2.3.2 evaluates it: 1 − #{((2 m_a − x_i) − 2 m_b) + y_j > 0} / J².
/// Counted exactly in O(J log J): u + y > 0 in floating point iff y > −u (IEEE rounding keeps the sign of an
/// exact sum and gives +0 only for an exact zero).
template <class Scalar>
Scalar henseler_p(const std::vector<Scalar>& x, const std::vector<Scalar>& y, Scalar ma, Scalar mb) {
  const std::size_t J = std::min(x.size(), y.size());
  if (J == 0) return std::numeric_limits<Scalar>::quiet_NaN();
  std::vector<Scalar> ys(y.begin(), y.begin() + static_cast<std::ptrdiff_t>(J));
  std::sort(ys.begin(), ys.end());
  double count = 0;
  for (std::size_t i = 0; i < J; ++i) {
    const Scalar u = ((Scalar(2) * ma - x[i]) - Scalar(2) * mb);
    const auto it = std::upper_bound(ys.begin(), ys.end(), -u);
    count += static_cast<double>(ys.end() - it);
  }
  const double J2 = static_cast<double>(J) * static_cast<double>(J);
  return Scalar(1 - count / J2);
}

template <class Scalar>
Scalar two_sided_t_p(Scalar t, Scalar df) {
  if (!std::isfinite(static_cast<double>(t)) || !(df > 0)) return std::numeric_limits<Scalar>::quiet_NaN();
  boost::math::students_t_distribution<double> td(static_cast<double>(df));
  return Scalar(2 * boost::math::cdf(boost::math::complement(td, std::abs(static_cast<double>(t)))));
}

/// The permutation engine of one pair of groups: pooled-standardized data, pooled sums and cross-products,
/// pooled scores (MICOM step 3), and per permutation the two groups' fits.
template <class Scalar>
struct pair_permutation {
  Eigen::MatrixX<Scalar> Z;              ///< n×p pooled-standardized indicators (a rows, then b rows)
  Eigen::VectorX<Scalar> s_total;        ///< p column sums of Z (≈ 0)
  Eigen::MatrixX<Scalar> C_total;        ///< p×p ZᵀZ
  Eigen::MatrixX<Scalar> R_pool;         ///< p×p pooled correlations
  Eigen::MatrixX<Scalar> scores;         ///< n×K pooled-weight composite scores (step 3)
  Eigen::VectorX<Scalar> score_sum, score_sq;  ///< K
  Eigen::Index n_a = 0, n_b = 0;
};

/// Statistics of one assignment: positions `sel` (n_s of them, group a if `sel_is_a`, else group b).
/// out = [P path differences | K c | K mean differences | K log variance ratios].
template <class Scalar>
void assignment_stats(const char* fn, const layout& L, const estimate_options& eopt,
                      const std::vector<std::pair<Eigen::Index, Eigen::Index>>& paths, const pair_permutation<Scalar>& pp,
                      const Eigen::Index* sel, Eigen::Index n_s, bool sel_is_a, bool micom, Eigen::MatrixX<Scalar>& buf,
                      Eigen::VectorX<Scalar>& out) {
  using std::log;
  using std::sqrt;
  const Eigen::Index p = L.p(), K = L.K(), n = pp.Z.rows();
  const Eigen::Index P = static_cast<Eigen::Index>(paths.size());
  buf.resize(n_s, p);
  for (Eigen::Index j = 0; j < p; ++j) {  // column by column: contiguous reads of the column-major Z
    const auto zc = pp.Z.col(j);
    for (Eigen::Index r = 0; r < n_s; ++r) buf(r, j) = zc(sel[r]);
  }
  Eigen::VectorX<Scalar> s1 = buf.colwise().sum().transpose();
  Eigen::MatrixX<Scalar> C1 = Eigen::MatrixX<Scalar>::Zero(p, p);
  C1.template selfadjointView<Eigen::Lower>().rankUpdate(buf.transpose());
  C1.template triangularView<Eigen::StrictlyUpper>() = C1.transpose();
  const Eigen::VectorX<Scalar> s2 = pp.s_total - s1;
  const Eigen::MatrixX<Scalar> C2 = pp.C_total - C1;
  Eigen::MatrixX<Scalar> R1, R2;
  if (!cor_from_sums(s1, C1, n_s, R1) || !cor_from_sums(s2, C2, n - n_s, R2))
    throw estimation_failure("an indicator has zero variance in a permuted group");
  const core_fit<Scalar> f1 = fit_core(fn, L, R1, n_s, eopt);
  const core_fit<Scalar> f2 = fit_core(fn, L, R2, n - n_s, eopt);
  if (f1.st == status::numerical_issue || f2.st == status::numerical_issue)
    throw estimation_failure("a singular system in a permuted group");
  const core_fit<Scalar>& fa = sel_is_a ? f1 : f2;
  const core_fit<Scalar>& fb = sel_is_a ? f2 : f1;
  out.resize(P + (micom ? 3 * K : 0));
  for (Eigen::Index q = 0; q < P; ++q) {
    const auto& e = paths[static_cast<std::size_t>(q)];
    out(q) = fa.B(e.first, e.second) - fb.B(e.first, e.second);
  }
  if (!micom) return;
  for (Eigen::Index k = 0; k < K; ++k) {
    const Eigen::Index s = L.start[static_cast<std::size_t>(k)], c = L.count[static_cast<std::size_t>(k)];
    const auto wa = fa.W.block(s, k, c, 1);
    const auto wb = fb.W.block(s, k, c, 1);
    const auto Rk = pp.R_pool.block(s, s, c, c);
    const Scalar ab = (wa.transpose() * Rk * wb).value();
    const Scalar aa = (wa.transpose() * Rk * wa).value();
    const Scalar bb = (wb.transpose() * Rk * wb).value();
    out(P + k) = ab / sqrt(aa * bb);
  }
  // step 3 on the fixed pooled scores
  Eigen::VectorX<Scalar> sum1 = Eigen::VectorX<Scalar>::Zero(K), sq1 = Eigen::VectorX<Scalar>::Zero(K);
  for (Eigen::Index k = 0; k < K; ++k) {
    const auto sc = pp.scores.col(k);
    Scalar sm = 0, sq = 0;
    for (Eigen::Index r = 0; r < n_s; ++r) {
      const Scalar x = sc(sel[r]);
      sm += x;
      sq += x * x;
    }
    sum1(k) = sm;
    sq1(k) = sq;
  }
  const Eigen::Index n2 = n - n_s;
  for (Eigen::Index k = 0; k < K; ++k) {
    const Scalar m1 = sum1(k) / Scalar(n_s), m2 = (pp.score_sum(k) - sum1(k)) / Scalar(n2);
    const Scalar v1 = (sq1(k) - Scalar(n_s) * m1 * m1) / Scalar(n_s - 1);
    const Scalar v2 = ((pp.score_sq(k) - sq1(k)) - Scalar(n2) * m2 * m2) / Scalar(n2 - 1);
    const Scalar ma = sel_is_a ? m1 : m2, mb = sel_is_a ? m2 : m1;
    const Scalar va = sel_is_a ? v1 : v2, vb = sel_is_a ? v2 : v1;
    out(P + K + k) = ma - mb;
    out(P + 2 * K + k) = log(va) - log(vb);
  }
}

}  // namespace detail

namespace detail {

template <class Scalar>
group_result<Scalar> compare_groups_impl(const model::specification& spec, const survey::data_table<Scalar>& data,
                                         const group_split& split, const estimate_options& eopt_in,
                                         const group_options& gopt,
                                         const std::vector<Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic>>* given) {
  const char* fn = "csat::pls::compare_groups";
  const layout L = make_layout(spec, data.names);
  const Eigen::Index G = static_cast<Eigen::Index>(split.size());
  const std::string col = csat::detail::quoted(split.column);
  if (G == 0)
    throw_invalid_argument(fn, "group column " + col + " has no group value in any row");
  if (G == 1)
    throw_invalid_argument(fn, "group column " + col + " holds a single group " + csat::detail::quoted(split.labels[0]) + " (" +
                                   std::to_string(split.rows[0].size()) +
                                   " cases); a comparison needs at least two groups");
  if (given && static_cast<Eigen::Index>(given->size()) != G)
    throw_invalid_argument(fn, "resample indices were given for " + std::to_string(given->size()) +
                                   " groups, but column " + col + " has " + std::to_string(G));
  if (!(gopt.alpha > 0 && gopt.alpha < 1)) throw_domain_error(fn, "options.alpha", gopt.alpha, "must lie in (0, 1)");
  for (const auto& rows : split.rows)
    for (auto r : rows)
      if (r < 0 || r >= data.rows())
        throw_invalid_argument(fn, "group row " + std::to_string(r) + " is outside the data (" +
                                       std::to_string(data.rows()) + " rows)");

  // missing data: the policy is applied once to the pooled indicator columns
  group_result<Scalar> out;
  out.column = split.column;
  out.unlabelled = split.unlabelled;
  std::vector<Eigen::Index> new_row(static_cast<std::size_t>(data.rows()));
  for (Eigen::Index i = 0; i < data.rows(); ++i) new_row[static_cast<std::size_t>(i)] = i;
  const survey::data_table<Scalar>* clean = &data;
  survey::missing_result<Scalar> cleaned;
  bool any_missing = false;
  for (auto c : L.columns) any_missing = any_missing || data.values.col(c).hasNaN();
  if (any_missing) {
    cleaned = survey::apply_missing_policy(data, eopt_in.missing, L.indicators);
    out.missing = cleaned.report;
    clean = &cleaned.data;
    std::size_t e = 0;
    Eigen::Index k = 0;
    for (Eigen::Index i = 0; i < data.rows(); ++i) {
      if (e < cleaned.report.excluded.size() && cleaned.report.excluded[e].row == i) {
        new_row[static_cast<std::size_t>(i)] = -1;
        ++e;
      } else {
        new_row[static_cast<std::size_t>(i)] = k++;
      }
    }
  } else {
    out.missing.policy = eopt_in.missing;
    out.missing.columns = L.indicators;
    out.missing.rows_before = out.missing.rows_after = data.rows();
  }
  estimate_options eopt = eopt_in;
  eopt.missing = survey::missing_policy::none;

  // group sizes
  Eigen::Index need = gopt.min_group_size;
  std::string why = "the documented minimum (options.min_group_size)";
  for (Eigen::Index k = 0; k < L.K(); ++k) {
    const auto np = static_cast<Eigen::Index>(L.predecessors[static_cast<std::size_t>(k)].size());
    if (np + 2 > need) {
      need = np + 2;
      why = "construct " + csat::detail::quoted(L.constructs[static_cast<std::size_t>(k)]) + " has " + std::to_string(np) + " predecessors";
    }
    if (L.modes[static_cast<std::size_t>(k)] == model::mode::B && L.count[static_cast<std::size_t>(k)] + 1 > need) {
      need = L.count[static_cast<std::size_t>(k)] + 1;
      why = "Mode B block " + csat::detail::quoted(L.constructs[static_cast<std::size_t>(k)]) + " has " +
            std::to_string(L.count[static_cast<std::size_t>(k)]) + " indicators";
    }
  }
  need = std::max<Eigen::Index>(need, 3);
  std::vector<std::vector<Eigen::Index>> crow(static_cast<std::size_t>(G));  // rows of the cleaned data
  for (Eigen::Index g = 0; g < G; ++g) {
    for (auto r : split.rows[static_cast<std::size_t>(g)])
      if (new_row[static_cast<std::size_t>(r)] >= 0) crow[static_cast<std::size_t>(g)].push_back(new_row[static_cast<std::size_t>(r)]);
    const auto ng = static_cast<Eigen::Index>(crow[static_cast<std::size_t>(g)].size());
    if (ng < need)
      throw_invalid_argument(fn, "group " + csat::detail::quoted(split.labels[static_cast<std::size_t>(g)]) + " of column " + col +
                                     " has " + std::to_string(ng) + " cases" +
                                     (ng != static_cast<Eigen::Index>(split.rows[static_cast<std::size_t>(g)].size())
                                          ? " after the missing-data policy"
                                          : "") +
                                     ", but at least " + std::to_string(need) + " are needed (" + why + ")");
  }

  const unsigned threads = worker_count(gopt.threads, std::numeric_limits<std::size_t>::max());
  out.threads = threads;
  out.resamples = given ? static_cast<std::size_t>(given->front().rows()) : gopt.resamples;
  out.permutations = gopt.permutations;

  // paths in model order
  std::vector<std::pair<Eigen::Index, Eigen::Index>> paths;
  for (const auto& pth : spec.structural_paths()) {
    paths.push_back({spec.find(pth.from), spec.find(pth.to)});
    out.path_from.push_back(pth.from);
    out.path_to.push_back(pth.to);
  }
  const Eigen::Index P = static_cast<Eigen::Index>(paths.size());
  const Scalar nan = std::numeric_limits<Scalar>::quiet_NaN();

  // per group: estimation
  std::vector<survey::data_table<Scalar>> tables(static_cast<std::size_t>(G));
  for (Eigen::Index g = 0; g < G; ++g) {
    const auto& rows = crow[static_cast<std::size_t>(g)];
    const auto ng = static_cast<Eigen::Index>(rows.size());
    auto& gt = tables[static_cast<std::size_t>(g)];
    gt.source = clean->source + " (group " + csat::detail::quoted(split.labels[static_cast<std::size_t>(g)]) + ")";
    gt.names = L.indicators;
    gt.values.resize(ng, L.p());
    gt.missing.assign(static_cast<std::size_t>(L.p()), 0);
    for (Eigen::Index j = 0; j < L.p(); ++j)
      for (Eigen::Index i = 0; i < ng; ++i)
        gt.values(i, j) = clean->values(rows[static_cast<std::size_t>(i)], L.columns[static_cast<std::size_t>(j)]);
    for (Eigen::Index i = 0; i < ng; ++i) {
      const auto r = static_cast<std::size_t>(rows[static_cast<std::size_t>(i)]);
      gt.lines.push_back(r < clean->lines.size() ? clean->lines[r] : 0);
    }
    group_fit<Scalar> gf;
    gf.label = split.labels[static_cast<std::size_t>(g)];
    for (auto r : split.rows[static_cast<std::size_t>(g)])
      if (new_row[static_cast<std::size_t>(r)] >= 0) gf.rows.push_back(r);
    try {
      gf.estimate = estimate(spec, gt, eopt);
    } catch (const csat::invalid_argument& e) {
      throw_invalid_argument(fn, "group " + csat::detail::quoted(gf.label) + " (" + std::to_string(ng) + " cases): " + e.what());
    } catch (const csat::domain_error& e) {
      throw csat::domain_error(std::string(fn) + ": group " + csat::detail::quoted(gf.label) + " (" + std::to_string(ng) +
                               " cases): " + e.what());
    }
    if (given)
      check_resample_indices(fn, (*given)[static_cast<std::size_t>(g)], ng,
                             "resample indices of group " + csat::detail::quoted(gf.label));
    const std::size_t B = given ? static_cast<std::size_t>((*given)[static_cast<std::size_t>(g)].rows()) : gopt.resamples;
    gf.boot_paths = Eigen::MatrixX<Scalar>::Constant(static_cast<Eigen::Index>(B), P, nan);
    gf.boot_mean = Eigen::VectorX<Scalar>::Constant(P, nan);
    gf.boot_sd = Eigen::VectorX<Scalar>::Constant(P, nan);
    out.groups.push_back(std::move(gf));
  }

  // bootstrap of every group in one loop: task t = (group g, resample b); resample b of group g is
  // draw_resample(seed, b) over the group's cases (bootstrap.hpp's draws) or the given positions
  {
    std::vector<std::size_t> offset(static_cast<std::size_t>(G) + 1, 0);
    for (Eigen::Index g = 0; g < G; ++g)
      offset[static_cast<std::size_t>(g) + 1] =
          offset[static_cast<std::size_t>(g)] + static_cast<std::size_t>(out.groups[static_cast<std::size_t>(g)].boot_paths.rows());
    const std::size_t tasks = offset.back();
    std::vector<Eigen::Index> idcols(static_cast<std::size_t>(L.p()));
    for (Eigen::Index j = 0; j < L.p(); ++j) idcols[static_cast<std::size_t>(j)] = j;
    std::vector<std::vector<Eigen::Index>> rows_w(threads);
    parallel_for(tasks, threads, [&](std::size_t t, unsigned w) {
      const std::size_t g = static_cast<std::size_t>(std::upper_bound(offset.begin(), offset.end(), t) - offset.begin()) - 1;
      const std::size_t b = t - offset[g];
      const auto& X = tables[g].values;
      const Eigen::Index ng = X.rows();
      auto& rows = rows_w[w];
      resample_rows(gopt.seed, b, given ? &(*given)[g] : nullptr, ng, rows);
      try {
        const moments<Scalar> mb = compute_moments(X, idcols, rows.data(), ng);
        check_moments(fn, L, mb);
        const core_fit<Scalar> fb = fit_core(fn, L, mb.cor, mb.n, eopt);
        if (fb.st == status::numerical_issue) return;
        auto& D = out.groups[g].boot_paths;
        Eigen::VectorX<Scalar> row(P);
        for (Eigen::Index q = 0; q < P; ++q) row(q) = fb.B(paths[static_cast<std::size_t>(q)].first, paths[static_cast<std::size_t>(q)].second);
        if (row.allFinite()) D.row(static_cast<Eigen::Index>(b)) = row.transpose();
      } catch (const csat::invalid_argument&) {
      } catch (const csat::domain_error&) {
      }
    });
    for (auto& gf : out.groups) {
      const Eigen::Index B = gf.boot_paths.rows();
      for (Eigen::Index b = 0; b < B; ++b) {
        if (gf.boot_paths.row(b).allFinite()) ++gf.boot_successful;
        else ++gf.boot_failed;
      }
      if (gf.boot_successful < 2) continue;
      // mean and sd (B−1) over the successful resamples, summed in resample order as bootstrap.hpp does
      for (Eigen::Index q = 0; q < P; ++q) {
        Scalar sum = 0;
        for (Eigen::Index b = 0; b < B; ++b)
          if (!std::isnan(static_cast<double>(gf.boot_paths(b, q)))) sum += gf.boot_paths(b, q);
        const Scalar mean = sum / Scalar(gf.boot_successful);
        Scalar ss = 0;
        for (Eigen::Index b = 0; b < B; ++b)
          if (!std::isnan(static_cast<double>(gf.boot_paths(b, q)))) ss += (gf.boot_paths(b, q) - mean) * (gf.boot_paths(b, q) - mean);
        gf.boot_mean(q) = mean;
        gf.boot_sd(q) = std::sqrt(ss / Scalar(gf.boot_successful - 1));
      }
    }
  }

  // successful resamples per group (in order) for PLS-MGA
  std::vector<std::vector<Eigen::Index>> okrows(static_cast<std::size_t>(G));
  std::size_t J = std::numeric_limits<std::size_t>::max();
  for (Eigen::Index g = 0; g < G; ++g) {
    const auto& gf = out.groups[static_cast<std::size_t>(g)];
    for (Eigen::Index b = 0; b < gf.boot_paths.rows(); ++b)
      if (gf.boot_paths.row(b).allFinite()) okrows[static_cast<std::size_t>(g)].push_back(b);
    J = std::min(J, okrows[static_cast<std::size_t>(g)].size());
  }
  out.henseler_J = J;

  // permutations per pair
  const std::size_t U = gopt.permutations;
  const bool micom = gopt.micom && U > 0;
  const Eigen::Index K = L.K(), p = L.p();
  std::size_t pair = 0;
  for (Eigen::Index a = 0; a < G; ++a)
    for (Eigen::Index b = a + 1; b < G; ++b, ++pair) {
      const auto& ga = out.groups[static_cast<std::size_t>(a)];
      const auto& gb = out.groups[static_cast<std::size_t>(b)];
      const auto& ra = crow[static_cast<std::size_t>(a)];
      const auto& rb = crow[static_cast<std::size_t>(b)];
      const Eigen::Index na = static_cast<Eigen::Index>(ra.size()), nb = static_cast<Eigen::Index>(rb.size()), n = na + nb;
      const Eigen::Index m = P + (micom ? 3 * K : 0);
      Eigen::MatrixX<Scalar> perm_stats;
      Eigen::VectorX<Scalar> observed;
      std::size_t failed = 0;
      if (U > 0) {
        pair_permutation<Scalar> pp;
        pp.n_a = na;
        pp.n_b = nb;
        std::vector<Eigen::Index> pooled(ra);
        pooled.insert(pooled.end(), rb.begin(), rb.end());
        const moments<Scalar> mp = compute_moments(clean->values, L.columns, pooled.data(), n);
        pp.Z.resize(n, p);
        for (Eigen::Index j = 0; j < p; ++j) {
          const auto c = clean->values.col(L.columns[static_cast<std::size_t>(j)]);
          for (Eigen::Index i = 0; i < n; ++i) pp.Z(i, j) = (c(pooled[static_cast<std::size_t>(i)]) - mp.mean(j)) / mp.sd(j);
        }
        pp.s_total = pp.Z.colwise().sum().transpose();
        pp.C_total = Eigen::MatrixX<Scalar>::Zero(p, p);
        pp.C_total.template selfadjointView<Eigen::Lower>().rankUpdate(pp.Z.transpose());
        pp.C_total.template triangularView<Eigen::StrictlyUpper>() = pp.C_total.transpose();
        pp.R_pool = mp.cor;
        if (micom) {
          core_fit<Scalar> fp;
          try {
            check_moments(fn, L, mp);
            fp = fit_core(fn, L, mp.cor, n, eopt);
          } catch (const csat::domain_error& e) {
            throw csat::domain_error(std::string(fn) + ": pooled groups " + csat::detail::quoted(ga.label) + " and " + csat::detail::quoted(gb.label) +
                                     ": " + e.what());
          }
          pp.scores = pp.Z * fp.W;
          pp.score_sum = pp.scores.colwise().sum().transpose();
          pp.score_sq = pp.scores.colwise().squaredNorm().transpose();
        }
        // observed statistics: the identity assignment (a = positions 0..na−1)
        {
          std::vector<Eigen::Index> ident(static_cast<std::size_t>(n));
          for (Eigen::Index i = 0; i < n; ++i) ident[static_cast<std::size_t>(i)] = i;
          Eigen::MatrixX<Scalar> buf;
          try {
            const bool a_small = na <= nb;
            assignment_stats(fn, L, eopt, paths, pp, a_small ? ident.data() : ident.data() + na, a_small ? na : nb, a_small,
                             micom, buf, observed);
          } catch (const estimation_failure& e) {
            throw csat::domain_error(std::string(fn) + ": groups " + csat::detail::quoted(ga.label) + " and " + csat::detail::quoted(gb.label) + ": " +
                                     e.what());
          }
        }
        perm_stats = Eigen::MatrixX<Scalar>::Constant(static_cast<Eigen::Index>(U), m, nan);
        std::vector<unsigned char> ok(U, 0);
        const unsigned T = threads;
        std::vector<Eigen::MatrixX<Scalar>> bufs(T);
        std::vector<std::vector<Eigen::Index>> perms(T);
        std::vector<Eigen::VectorX<Scalar>> rowv(T);
        const bool a_small = na <= nb;
        const std::size_t pair_id = pair;
        parallel_for(U, T, [&](std::size_t u, unsigned w) {
          auto& perm = perms[w];
          // the smaller group is drawn; the other is the rest
          draw_permutation(gopt.seed, pair_id, u, perm, n, a_small ? na : nb);
          try {
            assignment_stats(fn, L, eopt, paths, pp, perm.data(), a_small ? na : nb, a_small, micom, bufs[w], rowv[w]);
            if (!rowv[w].allFinite()) return;
            perm_stats.row(static_cast<Eigen::Index>(u)) = rowv[w].transpose();
            ok[u] = 1;
          } catch (const estimation_failure&) {
          } catch (const csat::domain_error&) {
          } catch (const csat::invalid_argument&) {
          }
        });
        for (auto o : ok) failed += !o;
      }
      out.permutations_failed.push_back(failed);

      // per path comparisons
      const Scalar n1 = Scalar(na), n2 = Scalar(nb);
      std::vector<Scalar> xa, yb, v;
      for (Eigen::Index q = 0; q < P; ++q) {
        path_comparison<Scalar> pc;
        pc.from = out.path_from[static_cast<std::size_t>(q)];
        pc.to = out.path_to[static_cast<std::size_t>(q)];
        pc.group_a = ga.label;
        pc.group_b = gb.label;
        pc.a = static_cast<std::size_t>(a);
        pc.b = static_cast<std::size_t>(b);
        const auto& e = paths[static_cast<std::size_t>(q)];
        pc.beta_a = ga.estimate.paths(e.first, e.second);
        pc.beta_b = gb.estimate.paths(e.first, e.second);
        pc.diff = pc.beta_a - pc.beta_b;
        pc.se_a = ga.boot_sd(q);
        pc.se_b = gb.boot_sd(q);
        // PLS-MGA over the first J successful resamples of each group, means over those J (seminr)
        pc.p_henseler = pc.p_henseler_two_sided = nan;
        const std::size_t Jab = std::min(okrows[static_cast<std::size_t>(a)].size(), okrows[static_cast<std::size_t>(b)].size());
        if (Jab >= 1) {
          xa.clear();
          yb.clear();
          Scalar ma = 0, mb = 0;
          for (std::size_t i = 0; i < Jab; ++i) {
            xa.push_back(ga.boot_paths(okrows[static_cast<std::size_t>(a)][i], q));
            yb.push_back(gb.boot_paths(okrows[static_cast<std::size_t>(b)][i], q));
            ma += xa.back();
            mb += yb.back();
          }
          ma /= Scalar(Jab);
          mb /= Scalar(Jab);
          pc.p_henseler = henseler_p(xa, yb, ma, mb);
          pc.p_henseler_two_sided = Scalar(2) * std::min(pc.p_henseler, Scalar(1) - pc.p_henseler);
        }
        // parametric (Keil et al. 2000) and Welch–Satterthwaite (Sarstedt, Henseler & Ringle 2011)
        {
          using std::sqrt;
          const Scalar s1 = pc.se_a * pc.se_a, s2 = pc.se_b * pc.se_b;
          const Scalar pooled = sqrt((n1 - 1) * (n1 - 1) / (n1 + n2 - 2) * s1 + (n2 - 1) * (n2 - 1) / (n1 + n2 - 2) * s2) *
                                sqrt(Scalar(1) / n1 + Scalar(1) / n2);
          pc.t_parametric = pc.diff / pooled;
          pc.df_parametric = n1 + n2 - 2;
          pc.p_parametric = two_sided_t_p(pc.t_parametric, pc.df_parametric);
          const Scalar u1 = (n1 - 1) / n1 * s1, u2 = (n2 - 1) / n2 * s2;
          pc.t_welch = pc.diff / sqrt(u1 + u2);
          pc.df_welch = (u1 + u2) * (u1 + u2) / ((n1 - 1) / (n1 * n1) * s1 * s1 + (n2 - 1) / (n2 * n2) * s2 * s2) - 2;
          pc.p_welch = two_sided_t_p(pc.t_welch, pc.df_welch);
        }
        // permutation test (Chin & Dibbern 2010)
        pc.p_permutation = nan;
        if (U > 0 && failed < U) {
          std::size_t ge = 0, cnt = 0;
          const Scalar d = std::abs(observed(q));
          for (std::size_t u = 0; u < U; ++u) {
            const Scalar du = perm_stats(static_cast<Eigen::Index>(u), q);
            if (std::isnan(static_cast<double>(du))) continue;
            ++cnt;
            ge += std::abs(du) >= d;
          }
          pc.p_permutation = Scalar(static_cast<double>(1 + ge) / static_cast<double>(1 + cnt));
        }
        out.comparisons.push_back(pc);
      }

      // MICOM
      if (micom) {
        micom_pair<Scalar> mp;
        mp.group_a = ga.label;
        mp.group_b = gb.label;
        mp.a = static_cast<std::size_t>(a);
        mp.b = static_cast<std::size_t>(b);
        mp.configural = ga.estimate.converged && gb.estimate.converged;
        mp.partial_invariance = mp.configural;
        bool all_equal = true;
        auto column = [&](Eigen::Index c) {
          v.clear();
          for (std::size_t u = 0; u < U; ++u) {
            const Scalar x = perm_stats(static_cast<Eigen::Index>(u), c);
            if (!std::isnan(static_cast<double>(x))) v.push_back(x);
          }
          std::sort(v.begin(), v.end());
        };
        auto two_sided = [&](Scalar obs) {
          std::size_t ge = 0;
          for (auto x : v) ge += std::abs(x) >= std::abs(obs);
          return Scalar(static_cast<double>(1 + ge) / static_cast<double>(1 + v.size()));
        };
        for (Eigen::Index k = 0; k < K; ++k) {
          micom_composite<Scalar> mc;
          mc.construct = L.constructs[static_cast<std::size_t>(k)];
          mc.c = observed(P + k);
          column(P + k);
          mc.c_quantile = quantile7(v, gopt.alpha);
          std::size_t le = 0;
          for (auto x : v) le += x <= mc.c;
          mc.p_c = Scalar(static_cast<double>(1 + le) / static_cast<double>(1 + v.size()));
          mc.compositional_invariance = !(mc.c < mc.c_quantile);
          mc.mean_diff = observed(P + K + k);
          column(P + K + k);
          mc.mean_lower = quantile7(v, gopt.alpha / 2);
          mc.mean_upper = quantile7(v, 1 - gopt.alpha / 2);
          mc.p_mean = two_sided(mc.mean_diff);
          mc.equal_mean = mc.mean_diff >= mc.mean_lower && mc.mean_diff <= mc.mean_upper;
          mc.log_var_ratio = observed(P + 2 * K + k);
          column(P + 2 * K + k);
          mc.var_lower = quantile7(v, gopt.alpha / 2);
          mc.var_upper = quantile7(v, 1 - gopt.alpha / 2);
          mc.p_var = two_sided(mc.log_var_ratio);
          mc.equal_var = mc.log_var_ratio >= mc.var_lower && mc.log_var_ratio <= mc.var_upper;
          mp.partial_invariance = mp.partial_invariance && mc.compositional_invariance;
          all_equal = all_equal && mc.equal_mean && mc.equal_var;
          mp.composites.push_back(mc);
        }
        mp.full_invariance = mp.partial_invariance && all_equal;
        out.micom.push_back(std::move(mp));
      }
    }
  if (G > 2) {
    const std::size_t pairs = static_cast<std::size_t>(G * (G - 1) / 2);
    out.caveat = std::to_string(G) + " groups give " + std::to_string(pairs) +
                 " pairwise comparisons per path; the p-values are per comparison and not adjusted for multiple "
                 "testing (Bonferroni: compare with alpha / " + std::to_string(pairs) + ")";
  }
  return out;
}

}  // namespace detail

/// Compares the groups of `split` (rows of `data`): one estimation and bootstrap per group, then for every pair
/// PLS-MGA, the permutation test, the parametric and Welch tests, and MICOM. The missing-data policy of `eopt` is
/// applied once to the pooled indicator columns. Errors (csat::invalid_argument): fewer than two groups, a group
/// smaller than the minimum (naming the group and its size); a group whose estimation fails is named in the
/// message of the csat::domain_error.
template <class Scalar>
group_result<Scalar> compare_groups(const model::specification& spec, const survey::data_table<Scalar>& data,
                                    const group_split& split, const estimate_options& eopt = {},
                                    const group_options& gopt = {}) {
  return detail::compare_groups_impl(spec, data, split, eopt, gopt, nullptr);
}

/// Compares the groups of column `column` of `data` (text labels or numeric codes; see split_groups()).
template <class Scalar>
group_result<Scalar> compare_groups(const model::specification& spec, const survey::data_table<Scalar>& data,
                                    const std::string& column, const estimate_options& eopt = {},
                                    const group_options& gopt = {}) {
  return detail::compare_groups_impl(spec, data, split_groups(data, column), eopt, gopt, nullptr);
}

/// As compare_groups(), but the per-group bootstrap replays given resamples: `resamples[g]` is B_g×n_g, 0-based
/// positions within group g's rows (for example seminr's draws read by read_resample_indices());
/// group_options::resamples is ignored.
template <class Scalar>
group_result<Scalar> compare_groups_indices(
    const model::specification& spec, const survey::data_table<Scalar>& data, const group_split& split,
    const std::vector<Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic>>& resamples,
    const estimate_options& eopt = {}, const group_options& gopt = {}) {
  return detail::compare_groups_impl(spec, data, split, eopt, gopt, &resamples);
}

}  // namespace pls
}  // namespace csat

#endif
