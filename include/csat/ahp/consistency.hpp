#ifndef CSAT_AHP_CONSISTENCY_HPP
#define CSAT_AHP_CONSISTENCY_HPP

/// \file
/// Consistency of pairwise comparison matrices: λmax, CI, RI tables, CR and thresholds, GCI, Koczkodaj's
/// index and the Alonso–Lamata criterion. Every result records the RI table and threshold that produced it.
///
/// - CI = (λmax − n)/(n − 1), CR = CI / RIₙ (Saaty 1977, 1980); λmax is the Perron root whatever the
///   priority method.
/// - RI tables (random_index): Saaty 1980, Saaty 2005, 龚木森–许树柏 1986, Alonso–Lamata 2006 (with their
///   regression (1.7699n − 4.3513)/(n − 1) past n = 15), Donegan–Dodd 1991, or user-supplied.
/// - Thresholds: a fixed CR line (default 0.10) or Saaty's size-aware 0.05 (n = 3), 0.08 (n = 4), 0.10 (n ≥ 5).
///   n ≤ 2 is always consistent (CR = 0).
/// - GCI (Crawford & Williams 1985; Aguarón & Moreno-Jiménez 2003): with w = RGMM, eᵢⱼ = aᵢⱼwⱼ/wᵢ,
///   GCI = 2/((n−1)(n−2)) Σ_{i<j} ln² eᵢⱼ; thresholds 0.31 (n = 3), 0.35 (n = 4), 0.37 (n ≥ 5).
/// - Koczkodaj (1993): K = max over triads i<j<k of min(|1 − aᵢₖ/(aᵢⱼaⱼₖ)|, |1 − aᵢⱼaⱼₖ/aᵢₖ|).
/// - Alonso–Lamata (2006): accept iff λmax ≤ n + α(1.7699n − 4.3513), α = the CR threshold.
/// - Incomplete matrices (Ágoston & Csató 2022): optionally divide CI of the completed matrix by RIₙ,ₘ,
///   the random index for m missing pairs (see random_index_incomplete).

#include <csat/config.hpp>
#include <csat/ahp/pairwise.hpp>
#include <csat/ahp/priority.hpp>
#include <csat/core/error.hpp>
#include <csat/core/validate.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace csat {
namespace ahp {

/// Which random-index table divides CI.
enum class ri_table {
  saaty1980,      ///< Saaty, The Analytic Hierarchy Process (1980); n ≤ 15 (the default)
  saaty2005,      ///< Saaty, Theory and Applications of the Analytic Network Process (2005), p. 31; n ≤ 15
  gong_xu,        ///< 龚木森 & 许树柏 (1986), the table of Chinese textbooks; n ≤ 15
  alonso_lamata,  ///< Alonso & Lamata, IJUFKS 14(4):445–459 (2006); regression past n = 15
  donegan_dodd,   ///< Donegan & Dodd, Math. Comput. Modelling 15(10):135–137 (1991); n ≤ 100 (interpolated)
  custom          ///< user-supplied (ri_options::custom)
};

/// "saaty1980", "saaty2005", "gong-xu", "alonso-lamata", "donegan-dodd", "custom".
inline const char* to_string(ri_table t) {
  switch (t) {
    case ri_table::saaty1980: return "saaty1980";
    case ri_table::saaty2005: return "saaty2005";
    case ri_table::gong_xu: return "gong-xu";
    case ri_table::alonso_lamata: return "alonso-lamata";
    case ri_table::donegan_dodd: return "donegan-dodd";
    case ri_table::custom: return "custom";
  }
  return "?";
}

/// The source of a table, for reports.
inline const char* ri_source(ri_table t) {
  switch (t) {
    case ri_table::saaty1980: return "Saaty (1980), The Analytic Hierarchy Process";
    case ri_table::saaty2005: return "Saaty (2005), Theory and Applications of the Analytic Network Process, p. 31";
    case ri_table::gong_xu: return "Gong Musen & Xu Shubai (1986)";
    case ri_table::alonso_lamata:
      return "Alonso & Lamata (2006), IJUFKS 14(4):445-459; (1.7699n-4.3513)/(n-1) for n > 15";
    case ri_table::donegan_dodd: return "Donegan & Dodd (1991), Math. Comput. Modelling 15(10):135-137";
    case ri_table::custom: return "user-supplied";
  }
  return "?";
}

/// Parses the names of to_string(ri_table) (also "saaty" = saaty1980, "gong_xu", "alonso_lamata", "donegan_dodd", "dd").
inline ri_table parse_ri_table(const std::string& s) {
  if (s == "saaty1980" || s == "saaty") return ri_table::saaty1980;
  if (s == "saaty2005") return ri_table::saaty2005;
  if (s == "gong-xu" || s == "gong_xu") return ri_table::gong_xu;
  if (s == "alonso-lamata" || s == "alonso_lamata") return ri_table::alonso_lamata;
  if (s == "donegan-dodd" || s == "donegan_dodd" || s == "dd") return ri_table::donegan_dodd;
  csat::detail::throw_invalid_argument(
      "csat::ahp::parse_ri_table",
      "RI table " + csat::detail::quoted(s) + " is not one of saaty1980, saaty2005, gong-xu, alonso-lamata, donegan-dodd");
}

/// Random-index selection.
struct ri_options {
  ri_table table = ri_table::saaty1980;
  /// For ri_table::custom: custom[n] is RIₙ (custom[0], custom[1], custom[2] are ignored and taken as 0).
  std::vector<double> custom{};
  /// Divide by Ágoston–Csató's RIₙ,ₘ for incomplete matrices (m missing pairs) instead of RIₙ.
  bool agoston_csato = false;
};

namespace detail {
// RIₙ for n = 1..15 (index n − 1).
inline const double* ri_values(ri_table t) {
  static const double s1980[15] = {0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59};
  static const double s2005[15] = {0, 0, 0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59};
  static const double gx[15] = {0, 0, 0.52, 0.89, 1.12, 1.26, 1.36, 1.41, 1.46, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59};
  static const double al[15] = {0,      0,      0.5245, 0.8815, 1.1086, 1.2479, 1.3417, 1.4056,
                                1.4499, 1.4854, 1.5141, 1.5365, 1.5551, 1.5713, 1.5838};
  static const double dd[15] = {0,      0,      0.4914, 0.8286, 1.0591, 1.1797, 1.2519, 1.3171,
                                1.3733, 1.4055, 1.4213, 1.4497, 1.4643, 1.4822, 1.4969};
  switch (t) {
    case ri_table::saaty1980: return s1980;
    case ri_table::saaty2005: return s2005;
    case ri_table::gong_xu: return gx;
    case ri_table::alonso_lamata: return al;
    case ri_table::donegan_dodd: return dd;
    default: return nullptr;
  }
}
}  // namespace detail

/// RIₙ from the selected table. Throws csat::invalid_argument when the table does not cover n.
inline double random_index(Eigen::Index n, const ri_options& o = {}) {
  const char* fn = "csat::ahp::random_index";
  if (n < 1) csat::detail::throw_invalid_argument(fn, "n = " + std::to_string(n) + ", but must be at least 1");
  if (n <= 2) return 0.0;
  if (o.table == ri_table::custom) {
    if (static_cast<std::size_t>(n) >= o.custom.size())
      csat::detail::throw_invalid_argument(fn, "the user-supplied RI table has entries up to n = " +
                                                   std::to_string(o.custom.empty() ? 0 : o.custom.size() - 1) +
                                                   ", but n = " + std::to_string(n));
    const double v = o.custom[static_cast<std::size_t>(n)];
    if (!(std::isfinite(v) && v > 0))
      csat::detail::throw_domain_error(fn, "custom RI[" + std::to_string(n) + "]", v, "must be finite and positive");
    return v;
  }
  if (n <= 15) return detail::ri_values(o.table)[n - 1];
  const double nd = static_cast<double>(n);
  if (o.table == ri_table::alonso_lamata) return (1.7699 * nd - 4.3513) / (nd - 1.0);
  if (o.table == ri_table::donegan_dodd && n <= 100) {
    // Published points past 15, linearly interpolated in between. The n = 90 value printed in some
    // transcriptions (1.6213) breaks monotonicity and is not used.
    static const int ns[] = {15, 16, 20, 25, 30, 40, 50, 60, 70, 80, 100};
    static const double vs[] = {1.4969, 1.5078, 1.5371, 1.5619, 1.5772, 1.5976, 1.6102, 1.6178, 1.6237, 1.6277, 1.6339};
    for (int k = 1; k < 11; ++k)
      if (n <= ns[k]) {
        const double f = (nd - ns[k - 1]) / double(ns[k] - ns[k - 1]);
        return vs[k - 1] + f * (vs[k] - vs[k - 1]);
      }
  }
  csat::detail::throw_invalid_argument(fn, std::string("the RI table ") + to_string(o.table) + " covers n <= " +
                                               (o.table == ri_table::donegan_dodd ? "100" : "15") + ", but n = " +
                                               std::to_string(n) + " (alonso-lamata extends to any n)");
}

/// RIₙ,ₘ for a matrix with m missing pairs (Ágoston & Csató, Omega 108:102576, 2022). Uses the paper's
/// simulated values for n = 4 (m = 1, 2, 3: 0.583, 0.306, 0.053) and otherwise the paper's linear
/// approximation RIₙ,ₘ = (1 − 2m/((n−1)(n−2)))·RIₙ with RIₙ from `o.table`. For a spanning tree (the
/// completion is consistent) the value is 0 and the CR is reported as 0.
inline double random_index_incomplete(Eigen::Index n, Eigen::Index m, const ri_options& o = {}) {
  const double ri = random_index(n, o);
  if (m <= 0 || n <= 2) return ri;
  if (n == 4 && m <= 3) {
    static const double t4[3] = {0.583, 0.306, 0.053};
    return t4[m - 1];
  }
  const double f = 1.0 - 2.0 * double(m) / (double(n - 1) * double(n - 2));
  return f > 0 ? f * ri : 0.0;
}

/// How the CR is judged.
enum class threshold_rule {
  fixed,       ///< CR ≤ value (default 0.10)
  saaty_sized  ///< Saaty: 0.05 for n = 3, 0.08 for n = 4, 0.10 for n ≥ 5
};

inline const char* to_string(threshold_rule r) { return r == threshold_rule::fixed ? "fixed" : "saaty"; }

struct threshold_options {
  threshold_rule rule = threshold_rule::fixed;
  double value = 0.10;  ///< the line for threshold_rule::fixed
};

/// The CR line for a matrix of size n (0 for n ≤ 2 is never used: such matrices are always consistent).
inline double cr_threshold(Eigen::Index n, const threshold_options& t = {}) {
  if (t.rule == threshold_rule::fixed) return t.value;
  if (n <= 3) return 0.05;
  if (n == 4) return 0.08;
  return 0.10;
}

/// Aguarón & Moreno-Jiménez (2003) GCI thresholds: 0.31 (n = 3), 0.35 (n = 4), 0.37 (n ≥ 5).
inline double gci_threshold(Eigen::Index n) { return n <= 3 ? 0.31 : (n == 4 ? 0.35 : 0.37); }

/// Options of consistency().
struct consistency_options {
  ri_options ri{};
  threshold_options threshold{};
  perron_options perron{};
};

/// Every consistency measure of one (complete or completed) matrix, with provenance.
template <class Scalar = double>
struct consistency_result {
  Eigen::Index n = 0;
  Scalar lambda_max = Scalar(0);   ///< Perron root of the (completed) matrix
  Scalar ci = Scalar(0);           ///< (λmax − n)/(n − 1); 0 for n ≤ 2
  double ri = 0;                   ///< the RI used (RIₙ,ₘ when corrected)
  Scalar cr = Scalar(0);           ///< CI / RI; 0 for n ≤ 2
  ri_table table = ri_table::saaty1980;
  bool ri_corrected = false;       ///< Ágoston–Csató RIₙ,ₘ used
  Eigen::Index missing_pairs = 0;  ///< m
  threshold_rule rule = threshold_rule::fixed;
  double threshold = 0.10;         ///< the CR line applied
  bool consistent = true;          ///< CR ≤ threshold (always for n ≤ 2)
  Scalar gci = Scalar(0);          ///< geometric consistency index (RGMM)
  double gci_threshold = 0.37;
  bool gci_consistent = true;
  Scalar koczkodaj = Scalar(0);    ///< Koczkodaj's index (over triads of known judgments)
  Scalar alonso_lamata_lambda = Scalar(0);  ///< λ line n + α(1.7699n − 4.3513)
  bool alonso_lamata_consistent = true;
  solver_status status = solver_status::success;  ///< of the Perron computation
  Eigen::VectorX<Scalar> perron_vector;             ///< the principal eigenvector behind λmax (Σ = 1)
};

namespace detail {
// ln aᵢⱼ for i < j (the lower triangle is its negative), the RGMM log-weights y (Σy = 0) and the GCI from them:
// one logarithm per pair.
template <class Scalar>
struct log_pairs {
  Eigen::MatrixX<Scalar> l;  // l(i,j) = ln aᵢⱼ, antisymmetric
  Eigen::VectorX<Scalar> y;  // row means of l
  explicit log_pairs(const Eigen::MatrixX<Scalar>& a) : l(a.rows(), a.rows()), y(a.rows()) {
    using std::log;
    const auto n = a.rows();
    for (Eigen::Index j = 0; j < n; ++j) {
      l(j, j) = Scalar(0);
      for (Eigen::Index i = 0; i < j; ++i) {
        l(i, j) = log(a(i, j));
        l(j, i) = -l(i, j);
      }
    }
    y = l.rowwise().sum() / Scalar(n);
  }
  Scalar gci() const {
    const auto n = l.rows();
    if (n <= 2) return Scalar(0);
    Scalar s(0);
    for (Eigen::Index j = 0; j < n; ++j)
      for (Eigen::Index i = 0; i < j; ++i) {
        const Scalar e = l(i, j) + y(j) - y(i);
        s += e * e;
      }
    return Scalar(2) * s / (Scalar(n - 1) * Scalar(n - 2));
  }
  Eigen::VectorX<Scalar> weights() const {
    using std::exp;
    Eigen::VectorX<Scalar> w(y.size());
    const Scalar m = y.maxCoeff();
    for (Eigen::Index i = 0; i < y.size(); ++i) w(i) = exp(y(i) - m);
    return w / w.sum();
  }
};
}  // namespace detail

/// GCI of a complete positive reciprocal matrix (RGMM weights); 0 for n ≤ 2.
template <class Scalar>
Scalar gci(const Eigen::MatrixX<Scalar>& a) {
  return detail::log_pairs<Scalar>(a).gci();
}

/// Koczkodaj's index over the triads whose three judgments are known (all triads if `known` is empty).
template <class Scalar>
Scalar koczkodaj(const Eigen::MatrixX<Scalar>& a, const detail::bool_matrix& known = detail::bool_matrix()) {
  using std::abs;
  using std::min;
  using std::max;
  const auto n = a.rows();
  const bool all = known.size() == 0;
  Scalar k(0);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = i + 1; j < n; ++j) {
      if (!all && !known(i, j)) continue;
      for (Eigen::Index l = j + 1; l < n; ++l) {
        if (!all && (!known(j, l) || !known(i, l))) continue;
        const Scalar p = a(i, j) * a(j, l);
        const Scalar v = min(abs(Scalar(1) - a(i, l) / p), abs(Scalar(1) - p / a(i, l)));
        k = max(k, v);
      }
    }
  return k;
}

/// All consistency measures of a complete positive matrix. `missing_pairs` > 0 means the matrix was
/// completed from an incomplete one (used by the Ágoston–Csató correction); `known` restricts Koczkodaj's
/// triads to given judgments.
template <class Scalar>
consistency_result<Scalar> consistency(const Eigen::MatrixX<Scalar>& a, const consistency_options& o = {},
                                       Eigen::Index missing_pairs = 0,
                                       const detail::bool_matrix& known = detail::bool_matrix()) {
  csat::detail::check_square("csat::ahp::consistency", "pairwise", a);
  const auto n = a.rows();
  consistency_result<Scalar> r;
  r.n = n;
  r.table = o.ri.table;
  r.rule = o.threshold.rule;
  r.missing_pairs = missing_pairs;
  r.threshold = cr_threshold(n, o.threshold);
  r.gci_threshold = gci_threshold(n);
  const detail::log_pairs<Scalar> lp(a);
  const auto e = perron<Scalar>(a, lp.weights(), o.perron);
  r.status = e.status;
  r.lambda_max = e.value;
  r.perron_vector = e.vector;
  const double nd = static_cast<double>(n);
  const double alpha = o.threshold.rule == threshold_rule::fixed ? o.threshold.value : 0.10;
  r.alonso_lamata_lambda = Scalar(nd + alpha * (1.7699 * nd - 4.3513));
  if (n <= 2) {
    r.lambda_max = Scalar(n);
    r.ri = 0;
    r.alonso_lamata_lambda = Scalar(n);
    return r;  // always consistent
  }
  r.ci = (r.lambda_max - Scalar(n)) / Scalar(n - 1);
  if (r.ci < Scalar(0)) r.ci = Scalar(0);  // rounding below n for consistent matrices
  if (o.ri.agoston_csato && missing_pairs > 0) {
    r.ri_corrected = true;
    r.ri = random_index_incomplete(n, missing_pairs, o.ri);
  } else {
    r.ri = random_index(n, o.ri);
  }
  r.cr = r.ri > 0 ? r.ci / Scalar(r.ri) : Scalar(0);
  r.consistent = static_cast<double>(r.cr) <= r.threshold;
  r.gci = lp.gci();
  r.gci_consistent = static_cast<double>(r.gci) <= r.gci_threshold;
  r.koczkodaj = koczkodaj<Scalar>(a, known);
  r.alonso_lamata_consistent = r.lambda_max <= r.alonso_lamata_lambda;
  return r;
}

/// Consistency of a complete pairwise matrix (incomplete ones: complete them first, see analysis.hpp).
template <class Scalar>
consistency_result<Scalar> consistency(const pairwise_matrix<Scalar>& pm, const consistency_options& o = {}) {
  if (!pm.complete())
    csat::detail::throw_invalid_argument("csat::ahp::consistency",
                                         std::to_string(pm.missing_pairs()) +
                                             " pairs are missing; complete the matrix first (csat::ahp::complete or analyze)");
  return consistency<Scalar>(pm.values(), o);
}

}  // namespace ahp
}  // namespace csat

#endif
