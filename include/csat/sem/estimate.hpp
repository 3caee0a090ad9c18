#ifndef CSAT_SEM_ESTIMATE_HPP
#define CSAT_SEM_ESTIMATE_HPP

/// \file
/// Maximum-likelihood estimation of a covariance-based SEM (lavaan-compatible), with standard errors from
/// the expected information (observed information for FIML, as lavaan), z and p values, standardized
/// solutions (std.lv, std.all) with delta-method SEs, R², defined parameters and the fit measures
/// (chi², baseline, CFI, TLI, RMSEA with 90% CI and p-close, SRMR, log-likelihood, AIC, BIC).

#include <csat/sem/engine.hpp>
#include <csat/sem/model.hpp>
#include <csat/sem/sample.hpp>

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/non_central_chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/tools/roots.hpp>

#include <Eigen/Core>
#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>

#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace csat {
namespace sem {

/// Outcome of the optimizer (mirrors Eigen's ComputationInfo).
enum class fit_status {
  success,          ///< converged
  no_convergence,   ///< iteration limit reached
  numerical_issue   ///< no admissible step, or singular information matrix
};

inline const char* to_string(fit_status s) {
  switch (s) {
    case fit_status::success: return "success";
    case fit_status::no_convergence: return "no_convergence";
    case fit_status::numerical_issue: return "numerical_issue";
  }
  return "?";
}

/// Which information matrix the standard errors come from.
enum class information_type {
  automatic,  ///< lavaan's default: expected for complete data, observed with FIML
  expected,
  observed
};

/// Estimation options.
struct fit_options {
  int max_iterations = 1000;
  double tolerance = 1e-10;              ///< relative parameter change at which the optimizer stops
  information_type information = information_type::automatic;
  bool standard_errors = true;
  bool standardized = true;              ///< std.lv and std.all with delta-method SEs
  double collinear_correlation = 0.95;   ///< warn when a latent correlation exceeds this in absolute value
};

/// One row of the estimates (one per parameter and group; defined parameters have op ":=").
struct parameter_estimate {
  std::string lhs, op, rhs, label;
  int group = 0;            ///< 0-based
  int free = -1;            ///< free-parameter index (-1: fixed)
  bool user = false;
  double est = 0, se = 0, z = std::numeric_limits<double>::quiet_NaN(), pvalue = std::numeric_limits<double>::quiet_NaN();
  double std_lv = 0, std_lv_se = 0, std_all = 0, std_all_se = 0;
};

/// Fit measures (lavaan fitMeasures() names in the comments).
struct fit_indices {
  int npar = 0;                 ///< npar
  double ntotal = 0;            ///< ntotal
  double fmin = 0;              ///< fmin (chisq / 2N)
  double chisq = 0, df = 0, pvalue = 0;
  double baseline_chisq = 0, baseline_df = 0, baseline_pvalue = 0;
  double cfi = 0, tli = 0;
  double loglik = 0, unrestricted_loglik = 0;   ///< logl, unrestricted.logl
  double aic = 0, bic = 0, bic2 = 0;
  double rmsea = 0, rmsea_ci_lower = 0, rmsea_ci_upper = 0, rmsea_pvalue = 0;  ///< 90% CI, H0: rmsea <= 0.05
  double srmr = 0;              ///< srmr (Bentler)
  /// false when the unrestricted (h1) model of some group could not be estimated (FIML, see the warnings):
  /// chisq, pvalue, fmin, baseline_chisq, cfi, tli, unrestricted_loglik, rmsea* and srmr rest on it and are not
  /// reliable; npar, df, loglik, aic and bic do not depend on it
  bool h1_estimated = true;
};

/// R² of an endogenous variable.
struct r2_entry {
  std::string name;
  int group = 0;
  double value = 0;
};

/// The result of fit().
struct sem_result {
  std::vector<parameter_estimate> parameters;
  fit_indices fit;
  std::vector<r2_entry> r2;
  Eigen::VectorXd theta;                       ///< free parameters
  Eigen::MatrixXd vcov;                        ///< their covariance matrix
  std::vector<std::string> observed;           ///< variable order of the matrices below
  std::vector<std::string> group_labels;
  std::vector<Eigen::MatrixXd> implied_cov, sample_cov;
  std::vector<Eigen::VectorXd> implied_mean, sample_mean;
  fit_status status = fit_status::success;
  bool converged = false;
  int iterations = 0;
  bool admissible = true;                      ///< no negative variances, latent covariances PD
  std::vector<std::string> warnings;
  information_type information = information_type::expected;
  missing_policy missing = missing_policy::listwise;
  Eigen::Index n_total = 0, n_used = 0, n_dropped = 0;
  std::vector<Eigen::Index> group_n;
};

namespace detail {

/// Row roles for standardization: non-phantom latent index and observed index of lhs and rhs (-1 if not).
struct std_roles {
  std::vector<int> lhs_lv, rhs_lv, lhs_ov, rhs_ov;
};

inline std_roles make_roles(const engine& e) {
  const sem_model& mdl = e.model();
  const auto lv = [&](const std::string& n) {
    for (std::size_t k = 0; k < mdl.latent.size(); ++k)
      if (mdl.latent[k] == n && !mdl.is_phantom[k]) return static_cast<int>(k);
    return -1;
  };
  std_roles r;
  for (const auto& q : e.rows()) {
    r.lhs_lv.push_back(lv(q.lhs));
    r.rhs_lv.push_back(lv(q.rhs));
    r.lhs_ov.push_back(e.index_of(q.lhs));
    r.rhs_ov.push_back(e.index_of(q.rhs));
  }
  return r;
}

/// std.lv values (first R entries) and std.all values (next R entries) of all R rows.
inline Eigen::VectorXd std_values(const engine& e, const std_roles& roles, const Eigen::VectorXd& theta) {
  const auto& rows = e.rows();
  const sem_model& mdl = e.model();
  const auto R = static_cast<Eigen::Index>(rows.size());
  Eigen::VectorXd out = Eigen::VectorXd::Zero(2 * R);
  for (int g = 0; g < mdl.groups; ++g) {
    const group_matrices x = e.matrices(theta, g);
    for (Eigen::Index r = 0; r < R; ++r) {
      const parameter& q = rows[static_cast<std::size_t>(r)];
      if (q.group != g) continue;
      if (!x.ok) {
        out(r) = out(R + r) = std::numeric_limits<double>::quiet_NaN();
        continue;
      }
      const auto ru = static_cast<std::size_t>(r);
      const int ll = roles.lhs_lv[ru], rl = roles.rhs_lv[ru], lo = roles.lhs_ov[ru], ro = roles.rhs_ov[ru];
      // sd: latent -> sqrt(C_ii); observed -> sqrt(Sigma_ii) (std.all) or 1 (std.lv)
      const double sl_lv = ll >= 0 ? std::sqrt(x.C(ll, ll)) : 1.0;
      const double sr_lv = rl >= 0 ? std::sqrt(x.C(rl, rl)) : 1.0;
      const double sl_all = ll >= 0 ? sl_lv : (lo >= 0 ? std::sqrt(x.sigma(lo, lo)) : 1.0);
      const double sr_all = rl >= 0 ? sr_lv : (ro >= 0 ? std::sqrt(x.sigma(ro, ro)) : 1.0);
      const double v = e.row_value(q, theta);
      double a = v, b = v;
      if (q.op == "=~") {
        a = v * sl_lv / sr_lv;
        b = v * sl_all / sr_all;
      } else if (q.op == "~" || q.op == "<~") {
        a = v * sr_lv / sl_lv;
        b = v * sr_all / sl_all;
      } else if (q.op == "~1") {
        a = v / sl_lv;
        b = v / sl_all;
      } else if (q.op == "~~") {
        const bool lv = ll >= 0;
        if (q.lhs == q.rhs) {
          if (lv) a = v / (sl_lv * sl_lv);
          b = v / (sl_all * sl_all);
        } else {
          // residual correlation (lavaan): psi_ij / sqrt(psi_ii psi_jj), theta_ij / sqrt(theta_ii theta_jj)
          double vi = 0, vj = 0;
          if (q.matrix == matrix_id::theta) { vi = x.theta(q.row, q.row); vj = x.theta(q.col, q.col); }
          else { vi = x.psi(q.row, q.row); vj = x.psi(q.col, q.col); }
          const double rc = v / std::sqrt(vi * vj);
          if (lv) a = rc;
          b = rc;
        }
      }
      out(r) = a;
      out(R + r) = b;
    }
  }
  return out;
}

inline double pnorm_two_sided(double z) {
  if (!std::isfinite(z)) return std::numeric_limits<double>::quiet_NaN();
  const boost::math::normal_distribution<double> nd;
  return 2.0 * (1.0 - boost::math::cdf(nd, std::abs(z)));
}

/// Solves cdf(ncchisq(df, lambda), x) = p for lambda >= 0 (cdf decreases in lambda); 0 if cdf(0) < p.
inline double noncentrality_for(double x, double df, double p) {
  using boost::math::non_central_chi_squared_distribution;
  if (!std::isfinite(x) || !std::isfinite(df)) return std::numeric_limits<double>::quiet_NaN();
  const auto f = [&](double lambda) {
    if (lambda <= 0) return boost::math::cdf(boost::math::chi_squared_distribution<double>(df), x) - p;
    return boost::math::cdf(non_central_chi_squared_distribution<double>(df, lambda), x) - p;
  };
  if (f(0.0) < 0) return 0.0;
  double hi = std::max(1.0, x);
  while (f(hi) > 0 && hi < 1e8) hi *= 2;
  double lo = 0;
  boost::uintmax_t it = 200;
  const auto r = boost::math::tools::toms748_solve(f, lo, hi, boost::math::tools::eps_tolerance<double>(50), it);
  return 0.5 * (r.first + r.second);
}

inline double chisq_upper(double x, double df) {
  if (!(df > 0) || std::isnan(x) || !std::isfinite(df)) return std::numeric_limits<double>::quiet_NaN();
  if (x <= 0) return 1.0;
  if (std::isinf(x)) return 0.0;
  return boost::math::cdf(boost::math::complement(boost::math::chi_squared_distribution<double>(df), x));
}

/// Starting values: loadings from the marker covariances, residual variances half the observed variance,
/// latent variances half the marker variance, regressions and covariances 0, intercepts the sample means.
inline Eigen::VectorXd start_values(const engine& e) {
  const sem_model& mdl = e.model();
  const auto& rows = e.rows();
  Eigen::VectorXd theta = Eigen::VectorXd::Constant(mdl.n_free, std::numeric_limits<double>::quiet_NaN());
  for (int g = 0; g < mdl.groups; ++g) {
    const group_sample& gs = e.data().groups[static_cast<std::size_t>(g)];
    const Eigen::MatrixXd& S = gs.cov;
    // marker indicator of each latent: first =~ row with a fixed non-zero loading on an observed variable
    std::map<std::string, std::pair<int, double>> marker;
    std::map<std::string, int> first_ind;
    for (const auto& q : rows) {
      if (q.group != g || q.op != "=~") continue;
      const int i = e.index_of(q.rhs);
      if (i < 0) continue;
      if (!first_ind.count(q.lhs)) first_ind[q.lhs] = i;
      if (q.free < 0 && q.value != 0 && !marker.count(q.lhs)) marker[q.lhs] = {i, q.value};
    }
    std::vector<bool> is_indicator(static_cast<std::size_t>(e.p()), false);
    for (const auto& q : rows)
      if (q.group == g && q.op == "=~" && e.index_of(q.rhs) >= 0) is_indicator[static_cast<std::size_t>(e.index_of(q.rhs))] = true;
    const auto lv_var = [&](const std::string& f) {
      const auto it = marker.find(f);
      if (it == marker.end()) return 1.0;
      const double s = S(it->second.first, it->second.first);
      return 0.5 * s / (it->second.second * it->second.second);
    };
    for (const auto& q : rows) {
      if (q.group != g || q.free < 0) continue;
      if (!std::isnan(theta(q.free))) continue;
      double v = 0;
      if (q.has_start) {
        v = q.start;
      } else if (q.op == "=~") {
        const int i = e.index_of(q.rhs);
        const auto it = marker.find(q.lhs);
        if (i < 0) v = 1.0;
        else if (it != marker.end()) v = S(i, it->second.first) / (lv_var(q.lhs) * it->second.second);
        else {
          const int f = first_ind.count(q.lhs) ? first_ind[q.lhs] : i;
          v = std::sqrt(0.5 * S(i, i)) * (S(i, f) < 0 ? -1.0 : 1.0);
        }
        if (!std::isfinite(v)) v = 1.0;
      } else if (q.op == "~~" && q.lhs == q.rhs) {
        const int i = e.index_of(q.lhs);
        if (q.matrix == matrix_id::theta) v = 0.5 * S(i, i);
        else if (i >= 0) v = is_indicator[static_cast<std::size_t>(i)] ? 0.5 * S(i, i) : S(i, i);
        else v = mdl.options.std_lv ? 1.0 : lv_var(q.lhs);
      } else if (q.op == "~1") {
        const int i = e.index_of(q.lhs);
        v = (q.matrix == matrix_id::nu && i >= 0) ? gs.mean(i) : 0.0;
        if (q.matrix == matrix_id::alpha && i >= 0) v = gs.mean(i);
      } else if (q.op == "<~") {
        v = 1.0;
      } else {
        v = 0.0;
      }
      theta(q.free) = v;
    }
  }
  for (Eigen::Index k = 0; k < theta.size(); ++k)
    if (std::isnan(theta(k))) theta(k) = 0.0;
  return theta;
}

/// Restart values (lavaan's style of start): the latent variances 0.05, the residual variances half the observed
/// variances, and the free loadings of a factor with a marker indicator either 1 (fabin = false) or instrumental-
/// variable estimates (fabin = true, FABIN3 of Hägglund 1982): the loading of indicator j on a factor with marker
/// m (fixed loading c) and further indicators Z is c * (S_jZ S_ZZ^-1 S_Zm) / (S_mZ S_ZZ^-1 S_Zm); with two
/// indicators c * s_jm / ((s_jj + s_mm) / 2); with three whose covariances have a negative product, c; each bounded
/// by c * sqrt(s_jj / (0.1 s_mm)) (a factor variance of at least a tenth of the marker's); c where the ratio is
/// not finite. The other parameters keep the default starting values.
inline Eigen::VectorXd restart_values(const engine& e, bool fabin) {
  const sem_model& mdl = e.model();
  const auto& rows = e.rows();
  Eigen::VectorXd theta = start_values(e);
  std::vector<bool> done(static_cast<std::size_t>(theta.size()), false);
  for (int g = 0; g < mdl.groups; ++g) {
    const Eigen::MatrixXd& S = e.data().groups[static_cast<std::size_t>(g)].cov;
    std::map<std::string, std::pair<int, double>> marker;
    std::map<std::string, std::vector<int>> inds;
    for (const auto& q : rows) {
      if (q.group != g || q.op != "=~") continue;
      const int i = e.index_of(q.rhs);
      if (i < 0) continue;
      inds[q.lhs].push_back(i);
      if (q.free < 0 && q.value != 0 && !marker.count(q.lhs)) marker[q.lhs] = {i, q.value};
    }
    for (const auto& q : rows) {
      if (q.group != g || q.free < 0 || q.has_start) continue;
      const auto fu = static_cast<std::size_t>(q.free);
      if (done[fu]) continue;
      if (q.op == "=~") {
        const int j = e.index_of(q.rhs);
        const auto it = marker.find(q.lhs);
        if (j < 0 || it == marker.end()) continue;
        double v = 1.0;
        if (fabin) {
          const int m = it->second.first;
          const std::vector<int>& all = inds[q.lhs];
          std::vector<int> z;
          for (int i : all)
            if (i != m && i != j) z.push_back(i);
          if (all.size() == 2) {
            // two indicators: the second loading s_jm over the mean of the two variances
            const double r = S(j, m) / (0.5 * (S(j, j) + S(m, m)));
            if (std::isfinite(r)) v = r;
          } else if (all.size() == 3 && S(j, m) * S(m, z[0]) * S(j, z[0]) < 0) {
            v = 1.0;  // a negative triad of covariances: no factor to speak of, unit loadings
          } else if (!z.empty()) {
            const auto nz = static_cast<Eigen::Index>(z.size());
            Eigen::MatrixXd Szz(nz, nz);
            Eigen::VectorXd sjz(nz), smz(nz);
            for (Eigen::Index a = 0; a < nz; ++a) {
              sjz(a) = S(j, z[static_cast<std::size_t>(a)]);
              smz(a) = S(m, z[static_cast<std::size_t>(a)]);
              for (Eigen::Index b = 0; b < nz; ++b) Szz(a, b) = S(z[static_cast<std::size_t>(a)], z[static_cast<std::size_t>(b)]);
            }
            const Eigen::VectorXd w = Szz.ldlt().solve(smz);
            const double r = sjz.dot(w) / smz.dot(w);
            if (std::isfinite(r)) v = r;
          }
          // bounded as if the factor carried at least a tenth of the marker's variance
          const double bound = std::sqrt(S(j, j) / (0.1 * S(m, m)));
          if (std::isfinite(bound)) v = std::min(std::max(v, -bound), bound);
          v *= it->second.second;
        }
        theta(q.free) = v;
        done[fu] = true;
      } else if (q.op == "~~" && q.lhs == q.rhs) {
        const int i = e.index_of(q.lhs);
        if (q.matrix == matrix_id::theta) theta(q.free) = 0.5 * S(i, i);
        else if (i < 0 && !mdl.options.std_lv) theta(q.free) = 0.05;
        else continue;
        done[fu] = true;
      }
    }
  }
  return theta;
}

/// 1/sqrt|I_ii| (1 where the diagonal is 0 or not finite): the Jacobi scaling of an information matrix.
inline Eigen::VectorXd jacobi_units(const Eigen::MatrixXd& I) {
  Eigen::VectorXd u(I.rows());
  for (Eigen::Index i = 0; i < I.rows(); ++i) {
    const double v = std::abs(I(i, i));
    u(i) = v > 0 && std::isfinite(v) ? 1.0 / std::sqrt(v) : 1.0;
  }
  return u;
}

/// Fisher scoring with Armijo backtracking. Returns the iterations; sets status.
/// With `lower`, a projected search: every trial point is clipped to the lower bounds (variances kept positive).
inline int optimize(const engine& e, Eigen::VectorXd& theta, const fit_options& opt, fit_status& status,
                    std::vector<std::string>& warnings, const Eigen::VectorXd* lower = nullptr) {
  const int k = e.n_free();
  Eigen::VectorXd g(k), gn(k);
  double F = e.objective(theta, &g);
  if (!std::isfinite(F)) {
    // fall back to a diagonal start: residual variances = observed variances
    for (const auto& q : e.rows())
      if (q.free >= 0 && q.op == "=~") theta(q.free) = 1.0;
    F = e.objective(theta, &g);
    if (!std::isfinite(F)) {
      status = fit_status::numerical_issue;
      warnings.push_back("the implied covariance matrix is not positive definite at the starting values");
      return 0;
    }
  }
  status = fit_status::no_convergence;
  int it = 0;
  // Fisher scoring while the steps are large; then BFGS updates of the last information matrix (a secant
  // correction that turns the linear convergence of scoring into superlinear convergence near the optimum,
  // and saves the information products). With FIML the complete-data information serves as the scoring matrix.
  Eigen::MatrixXd I;
  bool secant = false;
  for (; it < opt.max_iterations; ++it) {
    if (k == 0) { status = fit_status::success; break; }
    if (!secant) I = e.information(theta, true);
    Eigen::VectorXd d;
    if (I.allFinite()) {
      // solve in Jacobi-scaled parameters (unit diagonal), so that the singularity test and the ridge do not
      // depend on the units of the variables: an indicator measured in units 1000 times smaller has
      // information entries 10^6..10^12 times larger, which an absolute threshold would take for singularity
      const Eigen::VectorXd u = detail::jacobi_units(I);
      const Eigen::MatrixXd J = u.asDiagonal() * I * u.asDiagonal();
      const Eigen::VectorXd h = u.cwiseProduct(g);
      const double scale = std::max(1e-300, J.diagonal().cwiseAbs().maxCoeff());
      Eigen::LDLT<Eigen::MatrixXd> ldlt(J);
      d = -u.cwiseProduct(ldlt.solve(h));
      if (ldlt.info() != Eigen::Success || !d.allFinite() || !(g.dot(d) < 0) ||
          !(ldlt.vectorD().minCoeff() > 1e-12 * scale)) {
        Eigen::MatrixXd R = J;
        R.diagonal().array() += 1e-6 * scale;
        d = -u.cwiseProduct(R.ldlt().solve(h));
        if (!d.allFinite() || !(g.dot(d) < 0)) d = -g;
      }
    } else {
      d = -g;
    }
    const double slope = g.dot(d);
    double t = 1.0, Fn = F;
    Eigen::VectorXd tn;
    bool accepted = false;
    for (int ls = 0; ls < 60; ++ls) {
      tn = theta + t * d;
      double decrease = t * slope;
      if (lower) {
        tn = tn.cwiseMax(*lower);
        decrease = g.dot(tn - theta);
      }
      Fn = e.objective(tn, &gn);
      if (std::isfinite(Fn) && Fn <= F + 1e-4 * decrease) { accepted = true; break; }
      t *= 0.5;
    }
    const Eigen::VectorXd s_step = lower ? Eigen::VectorXd(tn - theta) : Eigen::VectorXd(t * d);
    const double step = s_step.cwiseAbs().cwiseQuotient((theta.cwiseAbs().array() + 1.0).matrix()).maxCoeff();
    if (!accepted) {
      // no decrease possible: at the optimum up to rounding, or stuck
      const double gmax = g.cwiseAbs().maxCoeff();
      if (gmax < 1e-7 || -slope < 1e-20) status = fit_status::success;
      else {
        status = fit_status::numerical_issue;
        warnings.push_back("the line search found no decrease of the ML discrepancy (max |gradient| = " +
                           csat::detail::format_value(gmax) + ")");
      }
      break;
    }
    theta = tn;
    const double dF = F - Fn;
    F = Fn;
    // switch to secant updates once a full scoring step is taken and the steps are small
    const Eigen::VectorXd y = gn - g;
    const double sy = s_step.dot(y);
    if (!lower && (secant || (t == 1.0 && step < 1e-1 && I.allFinite()))) {
      const Eigen::VectorXd Is = I * s_step;
      const double sIs = s_step.dot(Is);
      if (sy > 1e-12 * s_step.norm() * y.norm() && sIs > 0) {
        I += y * y.transpose() / sy - Is * Is.transpose() / sIs;
        secant = true;
      } else {
        secant = false;  // curvature condition failed: back to the information matrix
      }
    }
    g = gn;
    if (step < opt.tolerance || (-slope < 1e-22 && dF <= 1e-16 * (1 + std::abs(F)))) {
      status = fit_status::success;
      ++it;
      break;
    }
  }
  if (status == fit_status::success && k > 0 && !lower) {
    // Polish: near the optimum F is flat to rounding, so the line search stops wherever rounding lets it;
    // scoring steps accepted on a smaller gradient (not on F) settle the estimates to the precision of the
    // gradient, which makes them independent of the order of the rows and of the units of the variables.
    // The curvature matrix of the last iteration (the information matrix or its secant update) serves for
    // every polishing step: one factorization, no further information products.
    const Eigen::MatrixXd Ip = I.size() == k * k && I.allFinite() ? I : e.information(theta, true);
    const Eigen::VectorXd u = Ip.allFinite() ? jacobi_units(Ip) : Eigen::VectorXd();
    Eigen::LDLT<Eigen::MatrixXd> ldlt;
    if (Ip.allFinite()) ldlt.compute(u.asDiagonal() * Ip * u.asDiagonal());
    for (int pol = 0; pol < 4 && Ip.allFinite(); ++pol) {
      const double gmax = g.cwiseAbs().maxCoeff();
      if (!(gmax > 0)) break;
      if (ldlt.info() != Eigen::Success) break;
      const Eigen::VectorXd d = -u.cwiseProduct(ldlt.solve(u.cwiseProduct(g)));
      if (!d.allFinite()) break;
      const Eigen::VectorXd tn = theta + d;
      const double Fn = e.objective(tn, &gn);
      if (!std::isfinite(Fn) || !(gn.cwiseAbs().maxCoeff() < gmax) || Fn > F + 1e-12 * (1 + std::abs(F))) break;
      theta = tn;
      g = gn;
      F = Fn;
    }
  }
  if (status == fit_status::no_convergence)
    warnings.push_back("the optimizer did not converge in " + std::to_string(opt.max_iterations) + " iterations");
  return it;
}

/// Lower bounds of the free parameters for a bounded run: every free variance (residual or factor) at least
/// 1e-4 times the largest sample variance of its group, every other parameter unbounded.
inline Eigen::VectorXd variance_bounds(const engine& e) {
  Eigen::VectorXd lower = Eigen::VectorXd::Constant(e.n_free(), -std::numeric_limits<double>::infinity());
  for (const auto& q : e.rows())
    if (q.free >= 0 && q.op == "~~" && q.lhs == q.rhs && (q.matrix == matrix_id::theta || q.matrix == matrix_id::psi))
      lower(q.free) = 1e-4 * e.data().groups[static_cast<std::size_t>(q.group)].cov.diagonal().cwiseAbs().maxCoeff();
  return lower;
}

/// A value for a warning: four significant digits ("-0.28", "-3.1e-05").
inline std::string four_digits(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

/// Names the variances of the final estimates that have drifted to more than 100 times the largest
/// sample variance of their group (a factor variance growing while a residual variance turns negative, or the
/// reverse). There the likelihood has no finite maximum: it keeps rising along a ridge (a factor that a small
/// group's data do not identify, its other loadings near 0), and any stopping point is arbitrary.
inline void warn_ridge(const engine& e, const Eigen::VectorXd& theta, std::vector<std::string>& warnings) {
  const sem_model& mdl = e.model();
  for (int g = 0; g < mdl.groups; ++g) {
    const double smax = e.data().groups[static_cast<std::size_t>(g)].cov.diagonal().cwiseAbs().maxCoeff();
    std::string names;
    for (const auto& q : e.rows()) {
      if (q.group != g || q.free < 0 || q.op != "~~" || q.lhs != q.rhs) continue;
      const double v = theta(q.free);
      if (std::abs(v) > 100 * smax)
        names += (names.empty() ? "" : ", ") + q.lhs + " ~~ " + q.rhs + " = " + four_digits(v);
    }
    if (names.empty()) continue;
    const std::string grp =
        mdl.groups > 1 ? " in group \"" + e.data().groups[static_cast<std::size_t>(g)].label + "\"" : std::string();
    warnings.push_back("variances drift without bound" + grp + " (" + names +
                       "): the likelihood has no finite maximum, the estimates stop at an arbitrary point of a "
                       "ridge (a factor the data do not identify, its other loadings near 0); constrain the model "
                       "(equal loadings across groups, fewer factors) rather than read these estimates");
  }
}

/// Numerical Jacobian (central differences) of f: R^k -> R^m at theta.
template <class F>
Eigen::MatrixXd jacobian(F&& f, const Eigen::VectorXd& theta, Eigen::Index m) {
  const Eigen::Index k = theta.size();
  Eigen::MatrixXd J(m, k);
  for (Eigen::Index j = 0; j < k; ++j) {
    const double h = 1e-6 * std::max(1.0, std::abs(theta(j)));
    Eigen::VectorXd tp = theta, tm = theta;
    tp(j) += h;
    tm(j) -= h;
    const Eigen::VectorXd fp = f(tp), fm = f(tm);
    J.col(j) = (fp - fm) / (2 * h);
  }
  return J;
}

}  // namespace detail

/// Fits a specified model to sample statistics by maximum likelihood. Non-convergence and inadmissible
/// solutions are reported in status/converged/admissible/warnings, not thrown. Throws
/// csat::invalid_argument when the sample does not match the model (variables, groups, means).
inline sem_result fit(const sem_model& mdl, const sample_data& data, const fit_options& opt = {}) {
  const char* fn = "csat::sem::fit";
  if (data.names != mdl.observed)
    csat::detail::throw_invalid_argument(fn, "the sample's variables do not match the model's observed variables");
  if (static_cast<int>(data.groups.size()) != mdl.groups)
    csat::detail::throw_invalid_argument(fn, "the sample has " + std::to_string(data.groups.size()) +
                                                 " group(s) but the model was specified for " + std::to_string(mdl.groups));
  if (data.fiml && !mdl.meanstructure)
    csat::detail::throw_invalid_argument(fn, "FIML needs a mean structure: specify the model with meanstructure = true");
  if (mdl.meanstructure && !data.has_means)
    csat::detail::throw_invalid_argument(fn, "the model has a mean structure but the sample has no means");

  detail::engine e(mdl, data);
  sem_result res;
  res.observed = mdl.observed;
  res.missing = data.missing;
  res.n_total = data.n_total;
  res.n_used = data.n_used;
  res.n_dropped = data.n_dropped;
  for (const auto& gs : data.groups) {
    res.group_labels.push_back(gs.label);
    res.group_n.push_back(gs.n);
  }
  if (data.n_dropped > 0)
    res.warnings.push_back(std::to_string(data.n_dropped) + " of " + std::to_string(data.n_total) +
                           " rows dropped (listwise deletion)");

  Eigen::VectorXd theta = detail::start_values(e);
  {
    std::vector<std::string> w;
    res.iterations = detail::optimize(e, theta, opt, res.status, w);
    // Restarts: from the marker-covariance starts, scoring can run into a degenerate valley (small groups: one
    // group's factor variance towards 0 while its loadings explode, lambda^2 psi finite) and stop there without
    // converging; lavaan starts the latent variances at 0.05 and the loadings at IV estimates and reaches the
    // optimum. When the first run does not converge, the optimizer restarts from those starts (FABIN3 loadings,
    // then unit loadings) and keeps the first converged run, else the run with the lowest discrepancy
    // (iterations: those of the run kept).
    // A "converged" run can also have stopped at such a degenerate point (steps tiny, the information matrix
    // singular there): restart then too, and take a restart only if it converges to a lower discrepancy.
    const auto singular_at = [&](const Eigen::VectorXd& t) {
      const Eigen::MatrixXd I = e.information(t, true);
      if (!I.allFinite()) return true;
      const Eigen::VectorXd u = detail::jacobi_units(I);
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(u.asDiagonal() * I * u.asDiagonal(), Eigen::EigenvaluesOnly);
      return !(es.eigenvalues()(0) > 1e-10 * es.eigenvalues().cwiseAbs().maxCoeff());
    };
    // A converged run can also end in a local optimum with a negative variance (a factor's in one small group)
    // where a proper optimum with a lower discrepancy exists: restart then as well.
    const auto improper_at = [&](const Eigen::VectorXd& t) {
      for (int g = 0; g < mdl.groups; ++g) {
        const detail::group_matrices x = e.matrices(t, g);
        if (!x.ok || (x.psi.diagonal().array() < 0).any() || (x.theta.diagonal().array() < 0).any()) return true;
      }
      return false;
    };
    const bool degenerate =
        res.status == fit_status::success && mdl.n_free > 0 && (singular_at(theta) || improper_at(theta));
    if ((res.status != fit_status::success || degenerate) && mdl.n_free > 0) {
      double F = e.objective(theta);
      const Eigen::VectorXd lower = detail::variance_bounds(e);
      for (int kind = 0; kind < 3; ++kind) {
        Eigen::VectorXd t2;
        t2 = detail::restart_values(e, kind != 1);
        fit_status s2 = fit_status::no_convergence;
        std::vector<std::string> w2;
        int it2 = 0;
        if (kind == 2) {
          // from the FABIN3 starts with every variance kept positive, then free
          std::vector<std::string> wb;
          it2 = detail::optimize(e, t2, opt, s2, wb, &lower);
        }
        fit_options rest = opt;  // the free run gets what the bounded run left of the iteration limit
        rest.max_iterations = opt.max_iterations - it2;
        if (rest.max_iterations > 0) it2 += detail::optimize(e, t2, rest, s2, w2);
        else s2 = fit_status::no_convergence;
        const double F2 = e.objective(t2);
        const bool is_lower = std::isfinite(F2) && F2 < F - 1e-10 * (1 + std::abs(F));
        if (degenerate ? (s2 == fit_status::success && is_lower)
                       : (s2 == fit_status::success || (std::isfinite(F2) && !(F2 >= F)))) {
          theta = t2;
          F = F2;
          res.status = s2;
          res.iterations = it2;
          w = w2;
          if (s2 == fit_status::success) break;
        }
      }
    }
    res.warnings.insert(res.warnings.end(), w.begin(), w.end());
    detail::warn_ridge(e, theta, res.warnings);
  }
  res.converged = res.status == fit_status::success;
  res.theta = theta;
  const int k = mdl.n_free;
  const double N = e.total_n();

  // ---- standard errors ----
  res.information = opt.information == information_type::automatic
                        ? (data.fiml ? information_type::observed : information_type::expected)
                        : opt.information;
  res.vcov = Eigen::MatrixXd::Constant(k, k, std::numeric_limits<double>::quiet_NaN());
  bool have_vcov = false;
  if (opt.standard_errors && k > 0 && std::isfinite(e.objective(theta))) {
    Eigen::MatrixXd I;
    if (res.information == information_type::expected) {
      I = e.information(theta);
    } else {
      I = detail::jacobian(
          [&](const Eigen::VectorXd& t) {
            Eigen::VectorXd gr(k);
            e.objective(t, &gr);
            return gr;
          },
          theta, k);
      I = 0.5 * (I + I.transpose()).eval();
    }
    if (I.allFinite()) {
      // singularity is judged on the Jacobi-scaled matrix, independent of the units of the variables
      const Eigen::VectorXd u = detail::jacobi_units(I);
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(u.asDiagonal() * I * u.asDiagonal());
      const double lmax = es.eigenvalues().cwiseAbs().maxCoeff();
      if (es.eigenvalues()(0) > 1e-10 * lmax) {
        res.vcov = u.asDiagonal() *
                   (es.eigenvectors() * es.eigenvalues().cwiseInverse().asDiagonal() * es.eigenvectors().transpose()) *
                   u.asDiagonal() / N;
        have_vcov = true;
      } else {
        // every direction of the (numerical) null space, not only the smallest eigenvalue's
        std::string involved;
        for (Eigen::Index c = 0; c < k && !(es.eigenvalues()(c) > 1e-10 * lmax); ++c) {
          const Eigen::VectorXd v = es.eigenvectors().col(c);
          for (const auto& q : e.rows())
            if (q.free >= 0 && std::abs(v(q.free)) > 0.2 && involved.find(parameter_name(q)) == std::string::npos)
              involved += (involved.empty() ? "" : ", ") + parameter_name(q);
        }
        res.warnings.push_back("the information matrix is singular: the model may not be identified (involved: " +
                               involved + ")");
        if (res.status == fit_status::success) res.status = fit_status::numerical_issue;
        res.converged = res.converged && true;
      }
    }
  }

  // ---- estimates ----
  const auto& rows = e.rows();
  const auto R = static_cast<Eigen::Index>(rows.size());
  std::vector<double> slv(rows.size(), 0.0), sall(rows.size(), 0.0);
  Eigen::MatrixXd Jlv, Jall;
  const detail::std_roles roles = detail::make_roles(e);
  if (opt.standardized) {
    const Eigen::VectorXd sv = detail::std_values(e, roles, theta);
    for (Eigen::Index r = 0; r < R; ++r) {
      slv[static_cast<std::size_t>(r)] = sv(r);
      sall[static_cast<std::size_t>(r)] = sv(R + r);
    }
    if (have_vcov) {
      const Eigen::MatrixXd J = detail::jacobian([&](const Eigen::VectorXd& t) { return detail::std_values(e, roles, t); },
                                                 theta, 2 * R);
      Jlv = J.topRows(R);
      Jall = J.bottomRows(R);
    }
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const parameter& q = rows[r];
    parameter_estimate pe;
    pe.lhs = q.lhs;
    pe.op = q.op;
    pe.rhs = q.rhs;
    pe.label = q.label;
    pe.group = q.group;
    pe.free = q.free;
    pe.user = q.user;
    pe.est = e.row_value(q, theta);
    if (q.free >= 0 && have_vcov) {
      pe.se = std::sqrt(res.vcov(q.free, q.free));
      pe.z = pe.est / pe.se;
      pe.pvalue = detail::pnorm_two_sided(pe.z);
    } else if (q.free >= 0) {
      pe.se = std::numeric_limits<double>::quiet_NaN();
    }
    if (opt.standardized) {
      pe.std_lv = slv[r];
      pe.std_all = sall[r];
      if (have_vcov) {
        const auto ri = static_cast<Eigen::Index>(r);
        pe.std_lv_se = std::sqrt(std::max(0.0, (Jlv.row(ri) * res.vcov * Jlv.row(ri).transpose())(0, 0)));
        pe.std_all_se = std::sqrt(std::max(0.0, (Jall.row(ri) * res.vcov * Jall.row(ri).transpose())(0, 0)));
        if (pe.std_lv_se < 1e-9 * std::max(1.0, std::abs(pe.std_lv))) pe.std_lv_se = 0;
        if (pe.std_all_se < 1e-9 * std::max(1.0, std::abs(pe.std_all))) pe.std_all_se = 0;
      } else {
        pe.std_lv_se = pe.std_all_se = std::numeric_limits<double>::quiet_NaN();
      }
    }
    res.parameters.push_back(pe);
  }

  // ---- defined parameters ----
  if (!mdl.defined.empty()) {
    const auto defined_values = [&](const Eigen::VectorXd& t, const std::vector<double>* stdv) {
      std::map<std::string, double> vals;
      for (std::size_t r = 0; r < rows.size(); ++r)
        if (!rows[r].label.empty() && !vals.count(rows[r].label))
          vals[rows[r].label] = stdv ? (*stdv)[r] : e.row_value(rows[r], t);
      Eigen::VectorXd out(static_cast<Eigen::Index>(mdl.defined.size()));
      for (std::size_t d = 0; d < mdl.defined.size(); ++d) {
        const double v = model::evaluate<double>(mdl.defined[d].expr, [&](const std::string& n) {
          const auto it = vals.find(n);
          if (it == vals.end())
            csat::detail::throw_invalid_argument(
                "csat::sem::fit", "defined parameter " + csat::detail::quoted(mdl.defined[d].name) + " uses " +
                                      csat::detail::quoted(n) + ", which is not a parameter label");
          return it->second;
        });
        vals[mdl.defined[d].name] = v;
        out(static_cast<Eigen::Index>(d)) = v;
      }
      return out;
    };
    const auto nd = static_cast<Eigen::Index>(mdl.defined.size());
    const Eigen::VectorXd dv = defined_values(theta, nullptr);
    Eigen::MatrixXd Jd, Jdl, Jda;
    Eigen::VectorXd dlv, dall;
    if (have_vcov) Jd = detail::jacobian([&](const Eigen::VectorXd& t) { return defined_values(t, nullptr); }, theta, nd);
    if (opt.standardized) {
      dlv = defined_values(theta, &slv);
      dall = defined_values(theta, &sall);
      if (have_vcov) {
        const auto split = [&](const Eigen::VectorXd& t, bool all) {
          const Eigen::VectorXd sv = detail::std_values(e, roles, t);
          const Eigen::VectorXd part = all ? Eigen::VectorXd(sv.tail(R)) : Eigen::VectorXd(sv.head(R));
          return std::vector<double>(part.data(), part.data() + part.size());
        };
        Jdl = detail::jacobian([&](const Eigen::VectorXd& t) {
          const auto sv = split(t, false);
          return defined_values(t, &sv);
        }, theta, nd);
        Jda = detail::jacobian([&](const Eigen::VectorXd& t) {
          const auto sv = split(t, true);
          return defined_values(t, &sv);
        }, theta, nd);
      }
    }
    for (Eigen::Index d = 0; d < nd; ++d) {
      parameter_estimate pe;
      pe.lhs = mdl.defined[static_cast<std::size_t>(d)].name;
      pe.op = ":=";
      pe.rhs = mdl.defined[static_cast<std::size_t>(d)].text;
      pe.label = pe.lhs;
      pe.user = true;
      pe.est = dv(d);
      if (have_vcov) {
        pe.se = std::sqrt(std::max(0.0, (Jd.row(d) * res.vcov * Jd.row(d).transpose())(0, 0)));
        pe.z = pe.est / pe.se;
        pe.pvalue = detail::pnorm_two_sided(pe.z);
      } else {
        pe.se = std::numeric_limits<double>::quiet_NaN();
      }
      if (opt.standardized) {
        pe.std_lv = dlv(d);
        pe.std_all = dall(d);
        if (have_vcov) {
          pe.std_lv_se = std::sqrt(std::max(0.0, (Jdl.row(d) * res.vcov * Jdl.row(d).transpose())(0, 0)));
          pe.std_all_se = std::sqrt(std::max(0.0, (Jda.row(d) * res.vcov * Jda.row(d).transpose())(0, 0)));
        }
      }
      res.parameters.push_back(pe);
    }
  }

  // ---- implied moments, R², admissibility ----
  for (int g = 0; g < mdl.groups; ++g) {
    const detail::group_matrices x = e.matrices(theta, g);
    const group_sample& gs = data.groups[static_cast<std::size_t>(g)];
    res.sample_cov.push_back(gs.cov);
    res.sample_mean.push_back(gs.mean);
    res.implied_cov.push_back(x.ok ? x.sigma : Eigen::MatrixXd::Constant(e.p(), e.p(), std::numeric_limits<double>::quiet_NaN()));
    res.implied_mean.push_back(x.ok ? x.mu : Eigen::VectorXd::Constant(e.p(), std::numeric_limits<double>::quiet_NaN()));
    if (!x.ok) {
      res.admissible = false;
      res.warnings.push_back("I - B is singular: the structural model has no solution");
      continue;
    }
    const std::string in_group = mdl.groups > 1 ? " in group " + csat::detail::quoted(gs.label) : std::string();
    // R²: indicators and endogenous variables
    for (std::size_t i = 0; i < mdl.observed.size(); ++i) {
      const auto ii = static_cast<Eigen::Index>(i);
      const int ph = mdl.phantom[i];
      bool endo = false;
      for (const auto& q : rows)
        if (q.group == g && ((q.op == "=~" && q.rhs == mdl.observed[i]) || (q.op == "~" && q.lhs == mdl.observed[i])))
          endo = true;
      if (!endo) continue;
      const double resid = ph >= 0 ? x.psi(ph, ph) : x.theta(ii, ii);
      res.r2.push_back({mdl.observed[i], g, 1.0 - resid / x.sigma(ii, ii)});
    }
    for (std::size_t f = 0; f < mdl.latent.size(); ++f) {
      if (mdl.is_phantom[f]) continue;
      bool endo = false;
      for (const auto& q : rows)
        if (q.group == g && ((q.op == "~" && q.lhs == mdl.latent[f]) || (q.op == "=~" && q.rhs == mdl.latent[f]))) endo = true;
      const auto fi = static_cast<Eigen::Index>(f);
      if (endo) res.r2.push_back({mdl.latent[f], g, 1.0 - x.psi(fi, fi) / x.C(fi, fi)});
    }
    for (Eigen::Index i = 0; i < e.p(); ++i)
      if (x.theta(i, i) < 0) {
        res.admissible = false;
        res.warnings.push_back("Heywood case: the residual variance of " + mdl.observed[static_cast<std::size_t>(i)] + in_group +
                               " is negative (" + detail::four_digits(x.theta(i, i)) + ")");
      }
    for (Eigen::Index f = 0; f < e.m(); ++f)
      if (x.psi(f, f) < 0) {
        res.admissible = false;
        res.warnings.push_back("Heywood case: the (residual) variance of " + mdl.latent[static_cast<std::size_t>(f)] + in_group +
                               " is negative (" + detail::four_digits(x.psi(f, f)) + ")");
      }
    // latent covariance matrix (non-phantom) positive definite, correlations not near +-1
    std::vector<Eigen::Index> lv;
    for (std::size_t f = 0; f < mdl.latent.size(); ++f)
      if (!mdl.is_phantom[f]) lv.push_back(static_cast<Eigen::Index>(f));
    if (!lv.empty()) {
      Eigen::MatrixXd P(static_cast<Eigen::Index>(lv.size()), static_cast<Eigen::Index>(lv.size()));
      for (std::size_t a = 0; a < lv.size(); ++a)
        for (std::size_t b = 0; b < lv.size(); ++b)
          P(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b)) = x.psi(lv[a], lv[b]);
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(P, Eigen::EigenvaluesOnly);
      bool zero_var = false;
      for (std::size_t a = 0; a < lv.size(); ++a) zero_var = zero_var || P(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(a)) == 0;
      if (!zero_var && es.eigenvalues()(0) < 0) {
        res.admissible = false;
        res.warnings.push_back("the covariance matrix of the latent variables" + in_group +
                               " is not positive definite (smallest eigenvalue " +
                               csat::detail::format_value(es.eigenvalues()(0)) + ")");
      }
      // correlations of the latent variables themselves (the implied C = A Psi A'), not of their
      // disturbances: constructs linked by a path near 1 are as collinear as correlated exogenous factors
      for (std::size_t a = 0; a < lv.size(); ++a)
        for (std::size_t b = a + 1; b < lv.size(); ++b) {
          const double c = x.C(lv[a], lv[b]);
          if (c == 0) continue;
          const double r = c / std::sqrt(x.C(lv[a], lv[a]) * x.C(lv[b], lv[b]));
          if (std::isfinite(r) && std::abs(r) > opt.collinear_correlation) {
            if (std::abs(r) > 1) res.admissible = false;
            res.warnings.push_back("latent variables " + mdl.latent[static_cast<std::size_t>(lv[a])] + " and " +
                                   mdl.latent[static_cast<std::size_t>(lv[b])] + in_group + " correlate " +
                                   csat::detail::format_value(std::round(r * 1e4) / 1e4) +
                                   (std::abs(r) > 1 ? ": an inadmissible solution" : ": nearly collinear factors"));
          }
        }
    }
  }

  // ---- fit measures ----
  fit_indices& fi = res.fit;
  fi.npar = k;
  fi.ntotal = N;
  const int G = mdl.groups;
  const double p = static_cast<double>(e.p());
  fi.loglik = e.loglik(theta);
  fi.unrestricted_loglik = 0;
  for (const auto& gs : data.groups) {
    fi.unrestricted_loglik += gs.h1_loglik;
    if (!gs.h1_problem.empty()) {
      fi.h1_estimated = false;
      res.warnings.push_back(gs.h1_problem +
                             (std::isfinite(gs.h1_loglik) ? " and are not reliable" : " and are not available (NaN)") +
                             " (the estimates, SEs, log-likelihood, AIC and BIC of the model are)");
    }
  }
  fi.chisq = std::max(0.0, 2.0 * (fi.unrestricted_loglik - fi.loglik));
  if (!data.fiml) fi.chisq = 2.0 * (fi.unrestricted_loglik - fi.loglik);
  fi.fmin = fi.chisq / (2.0 * N);
  fi.df = mdl.degrees_of_freedom();
  if (!std::isfinite(fi.unrestricted_loglik)) fi.chisq = std::numeric_limits<double>::quiet_NaN();
  if (!std::isfinite(fi.chisq) && fi.h1_estimated) {
    // e.g. a fixed value so large that the implied covariance matrix overflows
    if (res.status == fit_status::success) res.status = fit_status::numerical_issue;
    res.warnings.push_back("the chi-square is not finite (" + csat::detail::format_value(fi.chisq) +
                           "): the implied covariance matrix is degenerate at the estimates");
  }
  fi.pvalue = detail::chisq_upper(fi.chisq, fi.df);
  // exogenous observed covariates: their covariances stay free in the baseline model, also with fixed.x = false
  // (lavaan 0.6-14: the same baseline chi-square and df either way)
  std::vector<int> xs;
  for (std::size_t i = 0; i < mdl.exogenous_x.size(); ++i)
    if (mdl.exogenous_x[i]) xs.push_back(static_cast<int>(i));
  // baseline: independence model (exogenous covariates keep their sample covariances)
  {
    double ll_b = 0;
    for (const auto& gs : data.groups) {
      if (!data.fiml) {
        Eigen::MatrixXd Sb = gs.cov.diagonal().asDiagonal();
        for (int a : xs)
          for (int b : xs) Sb(a, b) = gs.cov(a, b);
        Eigen::LLT<Eigen::MatrixXd> llt(Sb);
        const double logdet = 2.0 * llt.matrixLLT().diagonal().array().log().sum();
        const double tr = llt.solve(gs.cov).trace();
        ll_b += -0.5 * static_cast<double>(gs.n) * (p * detail::log_2pi + logdet + tr);
      } else {
        for (Eigen::Index j = 0; j < e.p(); ++j) {
          double n = 0, s1 = 0, s2 = 0;
          for (const auto& pt : gs.patterns)
            for (std::size_t a = 0; a < pt.observed.size(); ++a)
              if (pt.observed[a] == j) {
                const auto aa = static_cast<Eigen::Index>(a);
                const double w = static_cast<double>(pt.n);
                n += w;
                s1 += w * pt.mean(aa);
                s2 += w * (pt.cov(aa, aa) + pt.mean(aa) * pt.mean(aa));
              }
          const double v = s2 / n - (s1 / n) * (s1 / n);
          ll_b += -0.5 * n * (detail::log_2pi + std::log(v) + 1.0);
        }
      }
    }
    const double px = static_cast<double>(xs.size());
    fi.baseline_chisq = 2.0 * (fi.unrestricted_loglik - ll_b);
    fi.baseline_df = G * (p * (p + 1) / 2 - px * (px + 1) / 2 - (p - px));
    fi.baseline_pvalue = detail::chisq_upper(fi.baseline_chisq, fi.baseline_df);
  }
  {
    const double t1 = std::max(0.0, fi.chisq - fi.df);
    const double t2 = std::max({fi.chisq - fi.df, fi.baseline_chisq - fi.baseline_df, 0.0});
    fi.cfi = (t1 == 0 && t2 == 0) ? 1.0 : 1.0 - t1 / t2;
    if (fi.df > 0 && fi.baseline_df > 0) {
      const double b = fi.baseline_chisq / fi.baseline_df;
      fi.tli = (b - fi.chisq / fi.df) / (b - 1.0);
    } else {
      fi.tli = 1.0;
    }
  }
  // fixed.x (lavaan's default): the covariates' moments are not modelled, so lavaan reports the log-likelihood
  // of the other variables given the covariates: the joint one minus the saturated log-likelihood of the
  // covariates' marginal distribution, -n/2 [p_x log 2pi + log|S_xx| + p_x] per group (S_xx the sample
  // covariance with divisor n, with FIML the EM estimate). Same for the unrestricted model, so chi-square is
  // unchanged; AIC and BIC follow. With fixed_x = false the covariates' moments are free parameters and the
  // log-likelihood is the joint one.
  if (mdl.options.fixed_x && !xs.empty()) {
    const auto px = static_cast<Eigen::Index>(xs.size());
    for (const auto& gs : data.groups) {
      Eigen::MatrixXd Sxx(px, px);
      for (Eigen::Index a = 0; a < px; ++a)
        for (Eigen::Index b = 0; b < px; ++b) Sxx(a, b) = gs.cov(xs[static_cast<std::size_t>(a)], xs[static_cast<std::size_t>(b)]);
      const double ll_x = detail::saturated_loglik(Sxx, gs.n);
      fi.loglik -= ll_x;
      fi.unrestricted_loglik -= ll_x;
    }
  }
  fi.aic = -2.0 * fi.loglik + 2.0 * k;
  fi.bic = -2.0 * fi.loglik + k * std::log(N);
  fi.bic2 = -2.0 * fi.loglik + k * std::log((N + 2.0) / 24.0);
  if (fi.df > 0) {
    const double sg = std::sqrt(static_cast<double>(G));
    fi.rmsea = std::sqrt(std::max(0.0, (fi.chisq - fi.df) / (N * fi.df))) * sg;
    const double lo = detail::noncentrality_for(fi.chisq, fi.df, 0.95);
    const double hi = detail::noncentrality_for(fi.chisq, fi.df, 0.05);
    fi.rmsea_ci_lower = std::sqrt(lo / (N * fi.df)) * sg;
    fi.rmsea_ci_upper = std::sqrt(hi / (N * fi.df)) * sg;
    const double ncp = N * fi.df * 0.05 * 0.05 / G;
    fi.rmsea_pvalue = std::isfinite(fi.chisq)
        ? 1.0 - boost::math::cdf(boost::math::non_central_chi_squared_distribution<double>(fi.df, ncp), fi.chisq)
        : std::numeric_limits<double>::quiet_NaN();
  } else {
    fi.rmsea = fi.rmsea_ci_lower = fi.rmsea_ci_upper = 0;
    fi.rmsea_pvalue = std::numeric_limits<double>::quiet_NaN();
  }
  // SRMR (Bentler): residuals scaled by the sample standard deviations; means included with a mean structure
  {
    double acc = 0;
    for (int g = 0; g < G; ++g) {
      const Eigen::MatrixXd& S = res.sample_cov[static_cast<std::size_t>(g)];
      const Eigen::MatrixXd& Sig = res.implied_cov[static_cast<std::size_t>(g)];
      const Eigen::VectorXd sd = S.diagonal().cwiseSqrt();
      double ss = 0, cnt = 0;
      for (Eigen::Index i = 0; i < e.p(); ++i)
        for (Eigen::Index j = 0; j <= i; ++j) {
          const double r = (S(i, j) - Sig(i, j)) / (sd(i) * sd(j));
          ss += r * r;
          cnt += 1;
        }
      if (mdl.meanstructure)
        for (Eigen::Index i = 0; i < e.p(); ++i) {
          const double r = (res.sample_mean[static_cast<std::size_t>(g)](i) - res.implied_mean[static_cast<std::size_t>(g)](i)) / sd(i);
          ss += r * r;
          cnt += 1;
        }
      acc += static_cast<double>(data.groups[static_cast<std::size_t>(g)].n) / N * std::sqrt(ss / cnt);
    }
    fi.srmr = acc;
  }
  if (!std::isfinite(fi.unrestricted_loglik)) {
    // no h1 (a singular EM estimate, see the warnings): nothing that compares with it exists
    const double nan = std::numeric_limits<double>::quiet_NaN();
    fi.chisq = fi.pvalue = fi.fmin = fi.baseline_chisq = fi.baseline_pvalue = fi.cfi = fi.tli = nan;
    fi.rmsea = fi.rmsea_ci_lower = fi.rmsea_ci_upper = fi.rmsea_pvalue = fi.srmr = nan;
  }
  return res;
}

}  // namespace sem
}  // namespace csat

#endif
