#ifndef CSAT_SEM_ENGINE_HPP
#define CSAT_SEM_ENGINE_HPP

/// \file
/// The ML discrepancy of a specified model against sample statistics, its analytic gradient and the
/// expected (Fisher) information, computed by missing-data pattern (one pattern for complete data).
///
///   F(theta) = sum_g sum_k (n_k / N) * 1/2 [ log|Sigma_oo| + tr(S_k Sigma_oo^-1) + d_k' Sigma_oo^-1 d_k ]
///
/// where d_k = mean_k - mu_o and the mean term is dropped without a mean structure. For complete data,
/// F minus its value at Sigma = S is lavaan's fmin = 1/2 [log|Sigma| + tr(S Sigma^-1) - log|S| - p].

#include <csat/sem/model.hpp>
#include <csat/sem/sample.hpp>

#include <Eigen/Core>
#include <Eigen/Cholesky>
#include <Eigen/LU>

#include <cmath>
#include <limits>
#include <utility>
#include <vector>

namespace csat {
namespace sem {
namespace detail {

/// The model matrices of one group.
struct group_matrices {
  Eigen::MatrixXd lambda, theta, psi, beta;
  Eigen::VectorXd nu, alpha;
  // derived
  Eigen::MatrixXd A;      ///< (I - B)^-1
  Eigen::MatrixXd M;      ///< Lambda A
  Eigen::MatrixXd C;      ///< A Psi A' (total latent covariance)
  Eigen::MatrixXd sigma;  ///< implied covariance
  Eigen::VectorXd eta;    ///< A alpha (latent means)
  Eigen::VectorXd mu;     ///< implied means
  bool ok = true;
};

/// Evaluation context: model, sample, and per-row parameter values for fixed parameters (fixed.x filled in).
class engine {
public:
  engine(const sem_model& mdl, const sample_data& data) : m_model(mdl), m_data(data) {
    m_rows = mdl.parameters;
    m_N = static_cast<double>(data.n_used);
    m_means = mdl.meanstructure;
    // fill fixed.x rows with sample moments
    for (auto& q : m_rows) {
      if (!q.exo) continue;
      const group_sample& gs = data.groups[static_cast<std::size_t>(q.group)];
      const int a = index_of(q.lhs), b = q.op == "~~" ? index_of(q.rhs) : -1;
      q.value = q.op == "~~" ? gs.cov(a, b) : gs.mean(a);
    }
  }

  const sem_model& model() const { return m_model; }
  const sample_data& data() const { return m_data; }
  const std::vector<parameter>& rows() const { return m_rows; }
  double total_n() const { return m_N; }
  bool means() const { return m_means; }
  Eigen::Index p() const { return m_model.p(); }
  Eigen::Index m() const { return m_model.m(); }
  int n_free() const { return m_model.n_free; }

  int index_of(const std::string& ov) const {
    for (std::size_t i = 0; i < m_model.observed.size(); ++i)
      if (m_model.observed[i] == ov) return static_cast<int>(i);
    return -1;
  }

  /// Value of every row given the free parameters.
  double row_value(const parameter& q, const Eigen::VectorXd& theta) const {
    return q.free >= 0 ? theta(q.free) : q.value;
  }

  /// Builds the matrices of group g; ok = false if I - B is singular.
  group_matrices matrices(const Eigen::VectorXd& theta, int g) const {
    const Eigen::Index p = this->p(), m = this->m();
    group_matrices x;
    x.lambda = Eigen::MatrixXd::Zero(p, m);
    x.theta = Eigen::MatrixXd::Zero(p, p);
    x.psi = Eigen::MatrixXd::Zero(m, m);
    x.beta = Eigen::MatrixXd::Zero(m, m);
    x.nu = Eigen::VectorXd::Zero(p);
    x.alpha = Eigen::VectorXd::Zero(m);
    for (Eigen::Index i = 0; i < p; ++i)
      if (m_model.phantom[static_cast<std::size_t>(i)] >= 0) x.lambda(i, m_model.phantom[static_cast<std::size_t>(i)]) = 1.0;
    for (const auto& q : m_rows) {
      if (q.group != g) continue;
      const double v = row_value(q, theta);
      switch (q.matrix) {
        case matrix_id::lambda: x.lambda(q.row, q.col) = v; break;
        case matrix_id::theta: x.theta(q.row, q.col) = v; x.theta(q.col, q.row) = v; break;
        case matrix_id::psi: x.psi(q.row, q.col) = v; x.psi(q.col, q.row) = v; break;
        case matrix_id::beta: x.beta(q.row, q.col) = v; break;
        case matrix_id::nu: x.nu(q.row) = v; break;
        case matrix_id::alpha: x.alpha(q.row) = v; break;
      }
    }
    if (m > 0) {
      const Eigen::MatrixXd IB = Eigen::MatrixXd::Identity(m, m) - x.beta;
      Eigen::PartialPivLU<Eigen::MatrixXd> lu(IB);
      const double det = lu.determinant();
      if (!(std::abs(det) > 1e-12) || !std::isfinite(det)) {
        x.ok = false;
        return x;
      }
      x.A = lu.inverse();
    } else {
      x.A = Eigen::MatrixXd(0, 0);
    }
    x.M = x.lambda * x.A;
    x.C = x.A * x.psi * x.A.transpose();
    x.sigma = x.M * x.psi * x.M.transpose() + x.theta;
    x.sigma = 0.5 * (x.sigma + x.sigma.transpose()).eval();
    x.eta = x.A * x.alpha;
    x.mu = x.nu + x.lambda * x.eta;
    return x;
  }

  /// F(theta) (see the file comment); +inf where Sigma is not positive definite. With `grad`, also dF/dtheta.
  double objective(const Eigen::VectorXd& theta, Eigen::VectorXd* grad = nullptr,
                   std::vector<std::pair<Eigen::MatrixXd, Eigen::VectorXd>>* sigma_grad = nullptr) const {
    double F = 0;
    if (sigma_grad) sigma_grad->clear();
    if (sigma_grad && !grad) {
      Eigen::VectorXd tmp(n_free());
      return objective(theta, &tmp, sigma_grad);
    }
    if (grad) grad->setZero(n_free());
    for (int g = 0; g < m_model.groups; ++g) {
      const group_matrices x = matrices(theta, g);
      if (!x.ok) return std::numeric_limits<double>::infinity();
      const group_sample& gs = m_data.groups[static_cast<std::size_t>(g)];
      Eigen::MatrixXd Gs = Eigen::MatrixXd::Zero(p(), p());
      Eigen::VectorXd h = Eigen::VectorXd::Zero(p());
      for (const auto& pt : gs.patterns) {
        const Eigen::Index po = static_cast<Eigen::Index>(pt.observed.size());
        const bool all = po == p();
        Eigen::MatrixXd S(po, po);
        Eigen::VectorXd d(po);
        if (all) {
          S = x.sigma;
          d = pt.mean - x.mu;
        } else {
          for (Eigen::Index a = 0; a < po; ++a) {
            d(a) = pt.mean(a) - x.mu(pt.observed[a]);
            for (Eigen::Index b = 0; b < po; ++b) S(a, b) = x.sigma(pt.observed[a], pt.observed[b]);
          }
        }
        Eigen::LLT<Eigen::MatrixXd> llt(S);
        if (llt.info() != Eigen::Success) return std::numeric_limits<double>::infinity();
        const Eigen::VectorXd ld = llt.matrixLLT().diagonal();
        if (!(ld.minCoeff() > 0)) return std::numeric_limits<double>::infinity();
        const double logdet = 2.0 * ld.array().log().sum();
        const Eigen::MatrixXd Si = llt.solve(Eigen::MatrixXd::Identity(po, po));
        const double w = static_cast<double>(pt.n) / m_N;
        double f = logdet + Si.cwiseProduct(pt.cov).sum();
        Eigen::VectorXd Sid;
        if (m_means) {
          Sid = Si * d;
          f += d.dot(Sid);
        }
        F += 0.5 * w * f;
        if (grad) {
          Eigen::MatrixXd inner = S - pt.cov;
          if (m_means) inner -= d * d.transpose();
          const Eigen::MatrixXd Go = 0.5 * w * Si * inner * Si;
          if (all) {
            Gs += Go;
            if (m_means) h -= w * Sid;
          } else {
            for (Eigen::Index a = 0; a < po; ++a) {
              if (m_means) h(pt.observed[a]) -= w * Sid(a);
              for (Eigen::Index b = 0; b < po; ++b) Gs(pt.observed[a], pt.observed[b]) += Go(a, b);
            }
          }
        }
      }
      if (grad) chain(x, Gs, h, g, *grad);
      if (sigma_grad) sigma_grad->emplace_back(Gs, h);
    }
    if (!std::isfinite(F)) return std::numeric_limits<double>::infinity();
    return F;
  }

  /// Gradient of the free parameters of group g given dF/dSigma (G) and dF/dmu (h), accumulated into grad.
  void chain(const group_matrices& x, const Eigen::MatrixXd& G, const Eigen::VectorXd& h, int g,
             Eigen::VectorXd& grad) const {
    const Eigen::MatrixXd LC = x.lambda * x.C;   // p x m
    const Eigen::MatrixXd GLC = G * LC;          // dF/dLambda / 2
    const Eigen::MatrixXd MtGLC = x.M.transpose() * GLC;  // dF/dB / 2
    const Eigen::MatrixXd MtGM = x.M.transpose() * G * x.M;
    Eigen::VectorXd Mth;
    if (m_means) Mth = x.M.transpose() * h;
    for (const auto& q : m_rows) {
      if (q.group != g || q.free < 0) continue;
      grad(q.free) += cell_gradient(x, q, G, h, GLC, MtGLC, MtGM, Mth);
    }
  }

  /// dF/d(cell) of every row of group g (free or not), given dF/dSigma and dF/dmu of that group.
  std::vector<double> row_gradients(const group_matrices& x, const std::vector<parameter>& rows, int g,
                                    const Eigen::MatrixXd& G, const Eigen::VectorXd& h) const {
    const Eigen::MatrixXd LC = x.lambda * x.C;
    const Eigen::MatrixXd GLC = G * LC;
    const Eigen::MatrixXd MtGLC = x.M.transpose() * GLC;
    const Eigen::MatrixXd MtGM = x.M.transpose() * G * x.M;
    Eigen::VectorXd Mth;
    if (m_means) Mth = x.M.transpose() * h;
    std::vector<double> out(rows.size(), 0.0);
    for (std::size_t r = 0; r < rows.size(); ++r)
      if (rows[r].group == g) out[r] = cell_gradient(x, rows[r], G, h, GLC, MtGLC, MtGM, Mth);
    return out;
  }

  double cell_gradient(const group_matrices& x, const parameter& q, const Eigen::MatrixXd& G,
                       const Eigen::VectorXd& h, const Eigen::MatrixXd& GLC, const Eigen::MatrixXd& MtGLC,
                       const Eigen::MatrixXd& MtGM, const Eigen::VectorXd& Mth) const {
    const int i = q.row, j = q.col;
    switch (q.matrix) {
      case matrix_id::theta: return i == j ? G(i, i) : 2.0 * G(i, j);
      case matrix_id::psi: return i == j ? MtGM(i, i) : 2.0 * MtGM(i, j);
      case matrix_id::lambda: return 2.0 * GLC(i, j) + (m_means ? h(i) * x.eta(j) : 0.0);
      case matrix_id::beta: return 2.0 * MtGLC(i, j) + (m_means ? Mth(i) * x.eta(j) : 0.0);
      case matrix_id::nu: return m_means ? h(i) : 0.0;
      case matrix_id::alpha: return m_means ? Mth(i) : 0.0;
    }
    return 0;
  }

  /// dmu of one cell (zero without a mean structure).
  void cell_derivative_mean(const group_matrices& x, const parameter& q, Eigen::VectorXd& dmu) const {
    dmu.setZero(this->p());
    if (!m_means) return;
    const int i = q.row, j = q.col;
    switch (q.matrix) {
      case matrix_id::lambda: dmu(i) = x.eta(j); break;
      case matrix_id::beta: dmu = x.M.col(i) * x.eta(j); break;
      case matrix_id::nu: dmu(i) = 1.0; break;
      case matrix_id::alpha: dmu = x.M.col(i); break;
      default: break;
    }
  }

  /// dSigma and dmu of one cell (for the information matrix and modification indices).
  void cell_derivative(const group_matrices& x, const parameter& q, Eigen::MatrixXd& dS, Eigen::VectorXd& dmu) const {
    const Eigen::Index p = this->p();
    dS.setZero(p, p);
    dmu.setZero(p);
    const int i = q.row, j = q.col;
    switch (q.matrix) {
      case matrix_id::theta:
        dS(i, j) += 1.0;
        if (i != j) dS(j, i) += 1.0;
        break;
      case matrix_id::psi: {
        const Eigen::VectorXd mi = x.M.col(i), mj = x.M.col(j);
        dS = mi * mj.transpose();
        if (i != j) dS += mj * mi.transpose();
        break;
      }
      case matrix_id::lambda: {
        const Eigen::VectorXd v = x.lambda * x.C.col(j);
        dS.row(i) += v.transpose();
        dS.col(i) += v;
        dmu(i) = x.eta(j);
        break;
      }
      case matrix_id::beta: {
        const Eigen::VectorXd v = x.lambda * x.C.col(j);
        const Eigen::VectorXd mi = x.M.col(i);
        dS = mi * v.transpose() + v * mi.transpose();
        dmu = mi * x.eta(j);
        break;
      }
      case matrix_id::nu: dmu(i) = 1.0; break;
      case matrix_id::alpha: dmu = x.M.col(i); break;
    }
    if (!m_means) dmu.setZero();
  }

  /// dSigma of one cell as a symmetric rank-2 form x y' + y x' (see cell_derivative): theta(i,j): e_i e_j',
  /// psi(i,j): M_i M_j', lambda(i,j): e_i (Lambda C)_j, beta(i,j): M_i (Lambda C)_j; diagonal cells halve y.
  /// Mean parameters (nu, alpha) have x = y = 0.
  void cell_factors(const group_matrices& x, const parameter& q, Eigen::Ref<Eigen::VectorXd> a,
                    Eigen::Ref<Eigen::VectorXd> b) const {
    a.setZero();
    b.setZero();
    const int i = q.row, j = q.col;
    switch (q.matrix) {
      case matrix_id::theta:
        a(i) = 1.0;
        b(j) = i == j ? 0.5 : 1.0;
        break;
      case matrix_id::psi:
        a = x.M.col(i);
        b = (i == j ? 0.5 : 1.0) * x.M.col(j);
        break;
      case matrix_id::lambda:
        a(i) = 1.0;
        b.noalias() = x.lambda * x.C.col(j);
        break;
      case matrix_id::beta:
        a = x.M.col(i);
        b.noalias() = x.lambda * x.C.col(j);
        break;
      default: break;
    }
  }

  /// Expected information (per observation, weighted by n_g/N) of the parameters given as rows:
  /// `index(row)` returns the column of a row (or -1 to skip). Size k x k.
  /// With `complete_only`, every group counts as one complete pattern of all its rows (the complete-data
  /// information: exact without missing data, a cheap scoring matrix with FIML).
  ///
  /// I_ab = 1/2 tr(S^-1 dS_a S^-1 dS_b) + dmu_a' S^-1 dmu_b. Every cell's dS is a rank-2 form x y' + y x', so
  /// with the S^-1 inner products <u, v> = u' S^-1 v of all x and y (one Gram matrix of 2T vectors for T cells)
  /// 1/2 tr(...) = <y_a, x_b><y_b, x_a> + <y_a, y_b><x_a, x_b>: O(p T^2) instead of O(p^2 T^2).
  template <class Index>
  Eigen::MatrixXd information(const Eigen::VectorXd& theta, const std::vector<parameter>& rows, int k,
                              Index index, bool complete_only = false) const {
    Eigen::MatrixXd I = Eigen::MatrixXd::Zero(k, k);
    const Eigen::Index p = this->p();
    for (int g = 0; g < m_model.groups; ++g) {
      const group_matrices x = matrices(theta, g);
      if (!x.ok) return Eigen::MatrixXd::Constant(k, k, std::numeric_limits<double>::quiet_NaN());
      // the cells of this group: their columns, rank-2 factors (Z = [x_1..x_T y_1..y_T]) and mean derivatives
      std::vector<int> col;
      for (const auto& q : rows)
        if (q.group == g && index(q) >= 0) col.push_back(index(q));
      const auto T = static_cast<Eigen::Index>(col.size());
      if (T == 0) continue;
      Eigen::MatrixXd Z(p, 2 * T), Dm;
      if (m_means) Dm = Eigen::MatrixXd::Zero(p, k);
      {
        Eigen::Index t = 0;
        Eigen::MatrixXd ds;
        Eigen::VectorXd dmu;
        for (const auto& q : rows) {
          if (q.group != g || index(q) < 0) continue;
          cell_factors(x, q, Z.col(t), Z.col(T + t));
          if (m_means && (q.matrix == matrix_id::nu || q.matrix == matrix_id::alpha || q.matrix == matrix_id::lambda ||
                          q.matrix == matrix_id::beta)) {
            cell_derivative_mean(x, q, dmu);
            Dm.col(index(q)) += dmu;
          }
          ++t;
        }
      }
      const group_sample& gs = m_data.groups[static_cast<std::size_t>(g)];
      std::vector<missing_pattern> one;
      if (complete_only && gs.patterns.size() > 1) {
        one.resize(1);
        for (int j = 0; j < static_cast<int>(p); ++j) one[0].observed.push_back(j);
        one[0].n = gs.n;
      }
      Eigen::MatrixXd Y, G, Ym;
      for (const auto& pt : one.empty() ? gs.patterns : one) {
        const Eigen::Index po = static_cast<Eigen::Index>(pt.observed.size());
        const bool all = po == p;
        Eigen::MatrixXd S(po, po), Zo, Dmo;
        if (all) {
          S = x.sigma;
        } else {
          for (Eigen::Index a = 0; a < po; ++a)
            for (Eigen::Index b = 0; b < po; ++b) S(a, b) = x.sigma(pt.observed[a], pt.observed[b]);
          Zo.resize(po, 2 * T);
          for (Eigen::Index a = 0; a < po; ++a) Zo.row(a) = Z.row(pt.observed[a]);
          if (m_means) {
            Dmo.resize(po, k);
            for (Eigen::Index a = 0; a < po; ++a) Dmo.row(a) = Dm.row(pt.observed[a]);
          }
        }
        Eigen::LLT<Eigen::MatrixXd> llt(S);
        if (llt.info() != Eigen::Success) return Eigen::MatrixXd::Constant(k, k, std::numeric_limits<double>::quiet_NaN());
        const double w = static_cast<double>(pt.n) / m_N;
        // Gram matrix of S^-1 inner products: G = (L^-1 Z)'(L^-1 Z)
        Y = llt.matrixL().solve(all ? Z : Zo);
        G.noalias() = Y.transpose() * Y;
        for (Eigen::Index a = 0; a < T; ++a) {
          const auto ca = col[static_cast<std::size_t>(a)];
          for (Eigen::Index b = 0; b <= a; ++b) {
            const double v = w * (G(T + a, b) * G(T + b, a) + G(T + a, T + b) * G(a, b));
            const auto cb = col[static_cast<std::size_t>(b)];
            I(ca, cb) += v;
            if (a != b) I(cb, ca) += v;
          }
        }
        if (m_means) {
          Ym = llt.matrixL().solve(all ? Dm : Dmo);
          I.noalias() += w * (Ym.transpose() * Ym);
        }
      }
    }
    return I;
  }

  /// Expected information of the free parameters.
  Eigen::MatrixXd information(const Eigen::VectorXd& theta, bool complete_only = false) const {
    return information(theta, m_rows, n_free(), [](const parameter& q) { return q.free; }, complete_only);
  }

  /// Log-likelihood of the model (sum over groups and patterns).
  double loglik(const Eigen::VectorXd& theta) const {
    // F = sum (n_k/N) 1/2 [logdet + tr + mean] ; loglik = -N F - 1/2 sum n_k p_k log 2pi
    double c = 0;
    for (const auto& gs : m_data.groups)
      for (const auto& pt : gs.patterns) c += static_cast<double>(pt.n) * static_cast<double>(pt.observed.size());
    return -m_N * objective(theta) - 0.5 * c * log_2pi;
  }

private:
  const sem_model& m_model;
  const sample_data& m_data;
  std::vector<parameter> m_rows;
  double m_N = 0;
  bool m_means = false;
};

}  // namespace detail
}  // namespace sem
}  // namespace csat

#endif
