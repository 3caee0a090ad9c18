#ifndef CSAT_SEM_SAMPLE_HPP
#define CSAT_SEM_SAMPLE_HPP

/// \file
/// Sample statistics for ML SEM: per group the covariance matrix with divisor N and the means (complete
/// data), or the missing-data patterns with their own moments (FIML); the unrestricted (h1) estimates,
/// by EM when cells are missing (lavaan's missing = "ml").

#include <csat/core/error.hpp>
#include <csat/core/validate.hpp>

#include <Eigen/Core>
#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace csat {
namespace sem {

/// What to do with missing cells.
enum class missing_policy {
  listwise,  ///< drop every row with a missing model variable (reported in n_dropped)
  fiml       ///< full-information ML: case-wise likelihood by missing-data pattern, with a mean structure
};

/// The rows of one group sharing a missing-data pattern, with their moments (divisor n).
struct missing_pattern {
  std::vector<int> observed;   ///< indices of the observed variables
  Eigen::Index n = 0;          ///< rows
  Eigen::VectorXd mean;        ///< mean of the observed variables
  Eigen::MatrixXd cov;         ///< covariance of the observed variables, divisor n
};

/// Sample statistics of one group.
struct group_sample {
  std::string label;                     ///< group label ("" for a single group)
  Eigen::Index n = 0;                    ///< rows used
  Eigen::MatrixXd cov;                   ///< covariance (divisor n); with FIML the EM estimate (h1)
  Eigen::VectorXd mean;                  ///< means; with FIML the EM estimate (h1)
  std::vector<missing_pattern> patterns; ///< one complete pattern without missing data
  double h1_loglik = 0;                  ///< log-likelihood of the unrestricted model
  int em_iterations = 0;                 ///< EM iterations for h1 (FIML)
  /// FIML: why the unrestricted (h1) model could not be estimated (EM estimate singular or nearly so, EM not
  /// converged); empty when it could. The model itself is fitted; chi-square and what depends on it are not reliable.
  std::string h1_problem;
};

/// Sample statistics of all groups, variables in the model's order.
struct sample_data {
  std::vector<std::string> names;
  std::vector<group_sample> groups;
  Eigen::Index n_total = 0;    ///< rows in the input
  Eigen::Index n_used = 0;     ///< rows used
  Eigen::Index n_dropped = 0;  ///< rows dropped (listwise)
  missing_policy missing = missing_policy::listwise;
  bool has_means = true;       ///< false for a covariance matrix given without means
  bool fiml = false;           ///< patterns with missing cells are present (FIML)
};

namespace detail {

constexpr double log_2pi = 1.8378770664093454835606594728112;

/// Unrestricted log-likelihood of complete data: -n/2 [p log 2pi + log|S| + p].
inline double saturated_loglik(const Eigen::MatrixXd& S, Eigen::Index n) {
  Eigen::LLT<Eigen::MatrixXd> llt(S);
  const double logdet = 2.0 * llt.matrixLLT().diagonal().array().log().sum();
  const double p = static_cast<double>(S.rows());
  return -0.5 * static_cast<double>(n) * (p * log_2pi + logdet + p);
}

/// Smallest eigenvalue of the correlation matrix of S (positive variances); `involved` names the variables with a
/// loading above 0.1 on its eigenvector.
inline double smallest_correlation_eigenvalue(const Eigen::MatrixXd& S, const std::vector<std::string>& names,
                                              std::string& involved) {
  const Eigen::VectorXd sd = S.diagonal().cwiseSqrt();
  const Eigen::MatrixXd R = sd.cwiseInverse().asDiagonal() * S * sd.cwiseInverse().asDiagonal();
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(R);
  if (es.info() != Eigen::Success) return std::numeric_limits<double>::quiet_NaN();
  const Eigen::VectorXd v = es.eigenvectors().col(0);
  involved.clear();
  for (Eigen::Index j = 0; j < v.size(); ++j)
    if (std::abs(v(j)) > 0.1) involved += (involved.empty() ? "" : ", ") + names[static_cast<std::size_t>(j)];
  return es.eigenvalues()(0);
}

/// Checks that a covariance matrix is positive definite; names the offending variables.
inline void check_covariance(const char* fn, const Eigen::MatrixXd& S, const std::vector<std::string>& names,
                             const std::string& what) {
  for (Eigen::Index j = 0; j < S.rows(); ++j) {
    if (!std::isfinite(S(j, j)))
      csat::detail::throw_domain_error(fn, what + ": variable " + csat::detail::quoted(names[j]) + " has a non-finite variance");
    if (!(S(j, j) > 0))
      csat::detail::throw_domain_error(fn, what + ": variable " + csat::detail::quoted(names[j]) + " has variance " +
                                               csat::detail::format_value(S(j, j)) + ", but must vary");
  }
  std::string involved;
  const double lmin = smallest_correlation_eigenvalue(S, names, involved);
  if (!(lmin > 1e-10))
    csat::detail::throw_domain_error(fn, what + ": the sample covariance matrix is singular (smallest eigenvalue of the "
                                             "correlation matrix " + csat::detail::format_value(lmin) +
                                             "): collinear variables " + involved);
}

/// EM estimate of the unrestricted mean and covariance from missing-data patterns (Little & Rubin 2002, ch. 8),
/// computed from the pattern moments. Returns the iterations used.
inline int em_saturated(const std::vector<missing_pattern>& pats, Eigen::Index p, Eigen::VectorXd& mu,
                        Eigen::MatrixXd& sigma, int max_iter = 10000, double tol = 1e-13) {
  Eigen::Index n = 0;
  for (const auto& pt : pats) n += pt.n;
  int it = 0;
  for (; it < max_iter; ++it) {
    Eigen::VectorXd t1 = Eigen::VectorXd::Zero(p);
    Eigen::MatrixXd t2 = Eigen::MatrixXd::Zero(p, p);
    for (const auto& pt : pats) {
      const Eigen::Index po = static_cast<Eigen::Index>(pt.observed.size());
      std::vector<int> mis;
      for (int j = 0, k = 0; j < p; ++j) {
        if (k < po && pt.observed[k] == j) { ++k; continue; }
        mis.push_back(j);
      }
      const Eigen::Index pm = static_cast<Eigen::Index>(mis.size());
      const double w = static_cast<double>(pt.n);
      // complete-data moments of this pattern: E[x] and E[xx'] given x_o
      Eigen::VectorXd xm(p);
      Eigen::MatrixXd xx(p, p);
      Eigen::MatrixXd Soo(po, po), Smo(pm, po), Smm(pm, pm);
      Eigen::VectorXd muo(po), mum(pm);
      for (Eigen::Index a = 0; a < po; ++a) {
        muo(a) = mu(pt.observed[a]);
        for (Eigen::Index b = 0; b < po; ++b) Soo(a, b) = sigma(pt.observed[a], pt.observed[b]);
        for (Eigen::Index b = 0; b < pm; ++b) Smo(b, a) = sigma(mis[b], pt.observed[a]);
      }
      for (Eigen::Index a = 0; a < pm; ++a) {
        mum(a) = mu(mis[a]);
        for (Eigen::Index b = 0; b < pm; ++b) Smm(a, b) = sigma(mis[a], mis[b]);
      }
      // observed second moment about zero: cov + mean mean'
      const Eigen::MatrixXd Exx_o = pt.cov + pt.mean * pt.mean.transpose();
      Eigen::MatrixXd B(pm, po), C(pm, pm);
      if (po > 0 && pm > 0) {
        Eigen::LLT<Eigen::MatrixXd> llt(Soo);
        B = llt.solve(Smo.transpose()).transpose();
        C = Smm - B * Smo.transpose();
      } else {
        B.setZero();
        C = Smm;
      }
      const Eigen::VectorXd c0 = mum - B * muo;  // E[x_m | x_o] = c0 + B x_o
      Eigen::VectorXd em(pm);
      if (pm > 0) em = c0 + B * pt.mean;
      for (Eigen::Index a = 0; a < po; ++a) xm(pt.observed[a]) = pt.mean(a);
      for (Eigen::Index a = 0; a < pm; ++a) xm(mis[a]) = em(a);
      // E[x_o x_o'] = Exx_o ; E[x_m x_o'] = c0 mean_o' + B Exx_o ; E[x_m x_m'] = C + c0 c0' + c0 (B mo)' + B mo c0' + B Exx_o B'
      for (Eigen::Index a = 0; a < po; ++a)
        for (Eigen::Index b = 0; b < po; ++b) xx(pt.observed[a], pt.observed[b]) = Exx_o(a, b);
      if (pm > 0) {
        const Eigen::MatrixXd mo = c0 * pt.mean.transpose() + B * Exx_o;
        const Eigen::VectorXd Bm = B * pt.mean;
        const Eigen::MatrixXd mm = C + c0 * c0.transpose() + c0 * Bm.transpose() + Bm * c0.transpose() +
                                   B * Exx_o * B.transpose();
        for (Eigen::Index a = 0; a < pm; ++a) {
          for (Eigen::Index b = 0; b < po; ++b) {
            xx(mis[a], pt.observed[b]) = mo(a, b);
            xx(pt.observed[b], mis[a]) = mo(a, b);
          }
          for (Eigen::Index b = 0; b < pm; ++b) xx(mis[a], mis[b]) = mm(a, b);
        }
      }
      t1 += w * xm;
      t2 += w * xx;
    }
    const Eigen::VectorXd mu_new = t1 / static_cast<double>(n);
    Eigen::MatrixXd sigma_new = t2 / static_cast<double>(n) - mu_new * mu_new.transpose();
    sigma_new = 0.5 * (sigma_new + sigma_new.transpose()).eval();
    const double change = std::max((mu_new - mu).cwiseAbs().maxCoeff(), (sigma_new - sigma).cwiseAbs().maxCoeff());
    mu = mu_new;
    sigma = sigma_new;
    if (change < tol) { ++it; break; }
  }
  return it;
}

/// Log-likelihood of mu/sigma over the patterns (normal, case-wise).
inline double pattern_loglik(const std::vector<missing_pattern>& pats, const Eigen::VectorXd& mu,
                             const Eigen::MatrixXd& sigma) {
  double ll = 0;
  for (const auto& pt : pats) {
    const Eigen::Index po = static_cast<Eigen::Index>(pt.observed.size());
    Eigen::MatrixXd S(po, po);
    Eigen::VectorXd d(po);
    for (Eigen::Index a = 0; a < po; ++a) {
      d(a) = pt.mean(a) - mu(pt.observed[a]);
      for (Eigen::Index b = 0; b < po; ++b) S(a, b) = sigma(pt.observed[a], pt.observed[b]);
    }
    Eigen::LLT<Eigen::MatrixXd> llt(S);
    const double logdet = 2.0 * llt.matrixLLT().diagonal().array().log().sum();
    const Eigen::MatrixXd Si = llt.solve(Eigen::MatrixXd::Identity(po, po));
    const double tr = (Si.cwiseProduct(pt.cov)).sum();
    ll += -0.5 * static_cast<double>(pt.n) *
          (static_cast<double>(po) * log_2pi + logdet + tr + d.dot(Si * d));
  }
  return ll;
}

}  // namespace detail

/// Sample statistics from raw data: `x` has one column per name (model order) and NaN for missing cells;
/// `group` gives each row's 0-based group (empty: one group) and `labels` the group labels.
/// Listwise drops incomplete rows; FIML groups rows by missing pattern (rows with no observed value are
/// dropped, as lavaan does). Throws csat::domain_error for singular data, naming the variables.
inline sample_data make_sample(const Eigen::MatrixXd& x, const std::vector<std::string>& names,
                               const std::vector<int>& group = {}, const std::vector<std::string>& labels = {},
                               missing_policy missing = missing_policy::listwise) {
  const char* fn = "csat::sem::make_sample";
  csat::detail::check_size(fn, "names", static_cast<Eigen::Index>(names.size()), x.cols());
  if (!group.empty()) csat::detail::check_size(fn, "group", static_cast<Eigen::Index>(group.size()), x.rows());
  const int G = group.empty() ? 1 : std::max<int>(1, static_cast<int>(labels.size()));
  const Eigen::Index p = x.cols();
  if (x.array().isInf().any())
    for (Eigen::Index i = 0; i < x.rows(); ++i)
      for (Eigen::Index j = 0; j < p; ++j)
        if (std::isinf(x(i, j)))
          csat::detail::throw_domain_error(fn, csat::detail::element_name("x", i, j) + " = " +
                                                   csat::detail::format_value(x(i, j)) + ", but must be finite (NaN marks missing)");
  sample_data out;
  out.names = names;
  out.missing = missing;
  out.n_total = x.rows();
  out.groups.resize(static_cast<std::size_t>(G));
  for (int g = 0; g < G; ++g) {
    group_sample& gs = out.groups[static_cast<std::size_t>(g)];
    gs.label = labels.empty() ? std::string() : labels[static_cast<std::size_t>(g)];
    if (group.empty() && !x.hasNaN()) {
      // fast path: complete data in one group
      missing_pattern pt;
      for (int j = 0; j < static_cast<int>(p); ++j) pt.observed.push_back(j);
      pt.n = x.rows();
      if (pt.n < 2) csat::detail::throw_domain_error(fn, "data has " + std::to_string(pt.n) + " usable rows, but needs at least 2");
      pt.mean = x.colwise().mean().transpose();
      // centered cross products, in row blocks that stay in cache
      pt.cov = Eigen::MatrixXd::Zero(p, p);
      const Eigen::Index block = 2048;
      Eigen::MatrixXd c;
      for (Eigen::Index r0 = 0; r0 < pt.n; r0 += block) {
        const Eigen::Index nb = std::min(block, pt.n - r0);
        c = x.middleRows(r0, nb).rowwise() - pt.mean.transpose();
        pt.cov.noalias() += c.transpose() * c;
      }
      pt.cov /= static_cast<double>(pt.n);
      gs.n = pt.n;
      gs.mean = pt.mean;
      gs.cov = pt.cov;
      gs.patterns.push_back(std::move(pt));
      out.n_used = gs.n;
      detail::check_covariance(fn, gs.cov, names, "data");
      gs.h1_loglik = detail::saturated_loglik(gs.cov, gs.n);
      return out;
    }
    std::map<std::vector<int>, std::vector<Eigen::Index>> by_pattern;
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      if (!group.empty() && group[static_cast<std::size_t>(i)] != g) continue;
      std::vector<int> obs;
      for (Eigen::Index j = 0; j < p; ++j)
        if (!std::isnan(x(i, j))) obs.push_back(static_cast<int>(j));
      if (obs.empty() || (missing == missing_policy::listwise && static_cast<Eigen::Index>(obs.size()) < p)) {
        ++out.n_dropped;
        continue;
      }
      by_pattern[obs].push_back(i);
    }
    // complete pattern first, then the others in a fixed order (deterministic)
    std::vector<std::pair<std::vector<int>, std::vector<Eigen::Index>>> ordered(by_pattern.begin(), by_pattern.end());
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    for (const auto& kv : ordered) {
      missing_pattern pt;
      pt.observed = kv.first;
      pt.n = static_cast<Eigen::Index>(kv.second.size());
      const Eigen::Index po = static_cast<Eigen::Index>(pt.observed.size());
      pt.mean = Eigen::VectorXd::Zero(po);
      for (Eigen::Index r : kv.second)
        for (Eigen::Index a = 0; a < po; ++a) pt.mean(a) += x(r, pt.observed[a]);
      pt.mean /= static_cast<double>(pt.n);
      pt.cov = Eigen::MatrixXd::Zero(po, po);
      Eigen::VectorXd d(po);
      for (Eigen::Index r : kv.second) {
        for (Eigen::Index a = 0; a < po; ++a) d(a) = x(r, pt.observed[a]) - pt.mean(a);
        pt.cov.selfadjointView<Eigen::Lower>().rankUpdate(d);
      }
      pt.cov = pt.cov.selfadjointView<Eigen::Lower>();
      pt.cov /= static_cast<double>(pt.n);
      gs.n += pt.n;
      gs.patterns.push_back(std::move(pt));
    }
    const std::string what = gs.label.empty() ? std::string("data") : "group " + csat::detail::quoted(gs.label);
    if (gs.n < 2) csat::detail::throw_domain_error(fn, what + " has " + std::to_string(gs.n) + " usable rows, but needs at least 2");
    out.n_used += gs.n;
    if (gs.patterns.size() == 1 && static_cast<Eigen::Index>(gs.patterns[0].observed.size()) == p) {
      gs.mean = gs.patterns[0].mean;
      gs.cov = gs.patterns[0].cov;
      detail::check_covariance(fn, gs.cov, names, what);
      gs.h1_loglik = detail::saturated_loglik(gs.cov, gs.n);
    } else {
      out.fiml = true;
      // observed-value moments per variable as the EM start, and a variance check
      Eigen::VectorXd s1 = Eigen::VectorXd::Zero(p), s2 = Eigen::VectorXd::Zero(p);
      Eigen::VectorXd cnt = Eigen::VectorXd::Zero(p);
      for (const auto& pt : gs.patterns)
        for (std::size_t a = 0; a < pt.observed.size(); ++a) {
          const int j = pt.observed[a];
          const double w = static_cast<double>(pt.n);
          cnt(j) += w;
          s1(j) += w * pt.mean(static_cast<Eigen::Index>(a));
          s2(j) += w * (pt.cov(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(a)) +
                        pt.mean(static_cast<Eigen::Index>(a)) * pt.mean(static_cast<Eigen::Index>(a)));
        }
      for (Eigen::Index j = 0; j < p; ++j)
        if (cnt(j) < 2)
          csat::detail::throw_domain_error(fn, what + ": variable " + csat::detail::quoted(names[j]) + " has " +
                                                   std::to_string(static_cast<long>(cnt(j))) + " observed values, but needs at least 2");
      Eigen::VectorXd mu = s1.cwiseQuotient(cnt);
      Eigen::MatrixXd sigma = (s2.cwiseQuotient(cnt) - mu.cwiseProduct(mu)).asDiagonal();
      for (Eigen::Index j = 0; j < p; ++j)
        if (!(sigma(j, j) > 0))
          csat::detail::throw_domain_error(fn, what + ": variable " + csat::detail::quoted(names[j]) + " has variance 0, but must vary");
      const int em_max = 10000;
      gs.em_iterations = detail::em_saturated(gs.patterns, p, mu, sigma, em_max);
      gs.mean = mu;
      gs.cov = sigma;
      // Full-information ML needs no complete rows and no positive definite h1: as lavaan, a group whose EM
      // estimate is singular or nearly so (few complete rows: the saturated likelihood may have no maximum, EM
      // drifts towards a singular matrix) is fitted, and the h1 problem is reported with the measures that use h1.
      std::string involved;
      const double lmin = detail::smallest_correlation_eigenvalue(gs.cov, names, involved);
      if (!(lmin > 1e-5) || gs.em_iterations >= em_max) {
        gs.h1_problem = what + ": the unrestricted (h1) model could not be estimated: the EM estimate of the "
                        "covariance matrix is " + std::string(lmin > 1e-10 ? "nearly singular" : "singular") +
                        " (smallest eigenvalue of its correlation matrix " + csat::detail::format_value(lmin) +
                        ", variables " + involved + ")" +
                        (gs.em_iterations >= em_max ? ", EM did not converge in " + std::to_string(em_max) + " iterations"
                                                     : std::string()) +
                        "; chi-square, its p-value, CFI, TLI, RMSEA and SRMR depend on it";
      }
      // a singular EM estimate has no log-likelihood (the saturated likelihood grows without bound towards it)
      gs.h1_loglik = lmin > 1e-10 ? detail::pattern_loglik(gs.patterns, mu, sigma)
                                  : std::numeric_limits<double>::quiet_NaN();
    }
  }
  return out;
}

/// Sample statistics from a covariance matrix (one group) with `n` observations. As lavaan's
/// sample.cov.rescale, `cov` is taken to have divisor n - 1 and is rescaled by (n - 1)/n unless
/// `divisor_n` is true. `means` may be empty (no mean structure possible).
inline sample_data make_sample_from_covariance(const Eigen::MatrixXd& cov, const std::vector<std::string>& names,
                                               Eigen::Index n, const Eigen::VectorXd& means = {},
                                               bool divisor_n = false) {
  const char* fn = "csat::sem::make_sample_from_covariance";
  csat::detail::check_square(fn, "cov", cov);
  csat::detail::check_size(fn, "names", static_cast<Eigen::Index>(names.size()), cov.rows());
  for (Eigen::Index i = 0; i < cov.rows(); ++i)
    for (Eigen::Index j = 0; j < cov.cols(); ++j) {
      if (!std::isfinite(cov(i, j)))
        csat::detail::throw_domain_error(fn, csat::detail::element_name("cov", i, j) + " = " +
                                                 csat::detail::format_value(cov(i, j)) + ", but must be finite");
      if (std::abs(cov(i, j) - cov(j, i)) > 1e-8 * (1 + std::abs(cov(i, j))))
        csat::detail::throw_domain_error(fn, csat::detail::element_name("cov", i, j) + " = " +
                                                 csat::detail::format_value(cov(i, j)) + ", but must equal cov[" +
                                                 std::to_string(j) + "," + std::to_string(i) + "] = " +
                                                 csat::detail::format_value(cov(j, i)));
    }
  if (n < 2) csat::detail::throw_domain_error(fn, "n = " + std::to_string(n) + ", but must be >= 2");
  if (means.size() != 0) csat::detail::check_size(fn, "means", means.size(), cov.rows());
  sample_data out;
  out.names = names;
  out.n_total = out.n_used = n;
  out.has_means = means.size() != 0;
  group_sample gs;
  gs.n = n;
  gs.cov = divisor_n ? cov : Eigen::MatrixXd(cov * (static_cast<double>(n - 1) / static_cast<double>(n)));
  gs.cov = 0.5 * (gs.cov + gs.cov.transpose()).eval();
  gs.mean = out.has_means ? means : Eigen::VectorXd::Zero(cov.rows());
  detail::check_covariance(fn, gs.cov, names, "cov");
  missing_pattern pt;
  for (int j = 0; j < static_cast<int>(cov.rows()); ++j) pt.observed.push_back(j);
  pt.n = n;
  pt.mean = gs.mean;
  pt.cov = gs.cov;
  gs.patterns.push_back(std::move(pt));
  gs.h1_loglik = detail::saturated_loglik(gs.cov, n);
  out.groups.push_back(std::move(gs));
  return out;
}

}  // namespace sem
}  // namespace csat

#endif
