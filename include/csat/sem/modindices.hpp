#ifndef CSAT_SEM_MODINDICES_HPP
#define CSAT_SEM_MODINDICES_HPP

/// \file
/// Modification indices and expected parameter changes (Sörbom 1989; lavaan's modindices()): for every
/// fixed-to-zero parameter that could be added (cross-loadings, residual covariances of observed variables,
/// covariances of latent variables), the score test
///   MI = N g^2 / V,  EPC = -g / V,  V = I_cc - I_cf I_ff^-1 I_fc
/// where g = dF/dtheta_c at the estimates and I is the expected information per observation.

#include <csat/sem/engine.hpp>
#include <csat/sem/estimate.hpp>

#include <Eigen/Core>
#include <Eigen/Cholesky>

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace csat {
namespace sem {

/// One candidate parameter.
struct modification_index {
  std::string lhs, op, rhs;
  int group = 0;
  double mi = 0;    ///< chi-square (1 df) decrease expected when the parameter is freed
  double epc = 0;   ///< expected parameter change
};

/// Modification indices of a fitted model, in lavaan's order (=~ by factor, then ~~ among observed
/// variables, then ~~ among latent variables). Needs the model and sample the result was fitted with.
inline std::vector<modification_index> modification_indices(const sem_model& mdl, const sample_data& data,
                                                            const sem_result& res) {
  detail::engine e(mdl, data);
  const Eigen::VectorXd& theta = res.theta;
  std::set<std::tuple<std::string, std::string, std::string, int>> present;
  for (const auto& q : mdl.parameters) {
    present.insert({q.lhs, q.op, q.rhs, q.group});
    if (q.op == "~~") present.insert({q.rhs, q.op, q.lhs, q.group});
  }
  std::vector<parameter> cand;
  std::vector<bool> indicator(static_cast<std::size_t>(mdl.p()), false);
  for (const auto& q : mdl.parameters)
    if (q.op == "=~" && q.matrix == matrix_id::lambda) indicator[static_cast<std::size_t>(q.row)] = true;
  for (int g = 0; g < mdl.groups; ++g) {
    for (std::size_t f = 0; f < mdl.latent.size(); ++f) {
      if (mdl.is_phantom[f]) continue;
      for (std::size_t i = 0; i < mdl.observed.size(); ++i) {
        if (!indicator[i] || mdl.phantom[i] >= 0 || present.count({mdl.latent[f], "=~", mdl.observed[i], g})) continue;
        parameter q;
        q.lhs = mdl.latent[f]; q.op = "=~"; q.rhs = mdl.observed[i]; q.group = g;
        q.matrix = matrix_id::lambda; q.row = static_cast<int>(i); q.col = static_cast<int>(f);
        cand.push_back(q);
      }
    }
    for (std::size_t i = 0; i < mdl.observed.size(); ++i)
      for (std::size_t j = i + 1; j < mdl.observed.size(); ++j) {
        if (mdl.phantom[i] >= 0 || mdl.phantom[j] >= 0) continue;
        if (present.count({mdl.observed[i], "~~", mdl.observed[j], g})) continue;
        parameter q;
        q.lhs = mdl.observed[i]; q.op = "~~"; q.rhs = mdl.observed[j]; q.group = g;
        q.matrix = matrix_id::theta; q.row = static_cast<int>(i); q.col = static_cast<int>(j);
        cand.push_back(q);
      }
    for (std::size_t a = 0; a < mdl.latent.size(); ++a)
      for (std::size_t b = a + 1; b < mdl.latent.size(); ++b) {
        if (mdl.is_phantom[a] || mdl.is_phantom[b]) continue;
        if (present.count({mdl.latent[a], "~~", mdl.latent[b], g})) continue;
        parameter q;
        q.lhs = mdl.latent[a]; q.op = "~~"; q.rhs = mdl.latent[b]; q.group = g;
        q.matrix = matrix_id::psi; q.row = static_cast<int>(a); q.col = static_cast<int>(b);
        cand.push_back(q);
      }
  }
  std::vector<modification_index> out;
  if (cand.empty()) return out;
  // gradient of the candidates
  std::vector<std::pair<Eigen::MatrixXd, Eigen::VectorXd>> gh;
  if (!std::isfinite(e.objective(theta, nullptr, &gh))) return out;
  std::vector<double> gc(cand.size(), 0.0);
  for (int g = 0; g < mdl.groups; ++g) {
    const detail::group_matrices x = e.matrices(theta, g);
    const std::vector<double> rg = e.row_gradients(x, cand, g, gh[static_cast<std::size_t>(g)].first,
                                                   gh[static_cast<std::size_t>(g)].second);
    for (std::size_t c = 0; c < cand.size(); ++c)
      if (cand[c].group == g) gc[c] = rg[c];
  }
  // information of free parameters and candidates
  std::vector<parameter> all = e.rows();
  const int k = mdl.n_free;
  for (std::size_t c = 0; c < cand.size(); ++c) {
    parameter q = cand[c];
    q.free = k + static_cast<int>(c);
    all.push_back(q);
  }
  const int K = k + static_cast<int>(cand.size());
  const Eigen::MatrixXd I = e.information(theta, all, K, [](const parameter& q) { return q.free; });
  const Eigen::MatrixXd Iff = I.topLeftCorner(k, k);
  const Eigen::MatrixXd Ifc = I.topRightCorner(k, K - k);
  Eigen::LDLT<Eigen::MatrixXd> ldlt(Iff);
  const Eigen::MatrixXd X = ldlt.solve(Ifc);
  const double N = e.total_n();
  for (std::size_t c = 0; c < cand.size(); ++c) {
    const auto cc = static_cast<Eigen::Index>(c);
    const double V = I(k + cc, k + cc) - Ifc.col(cc).dot(X.col(cc));
    modification_index m;
    m.lhs = cand[c].lhs;
    m.op = cand[c].op;
    m.rhs = cand[c].rhs;
    m.group = cand[c].group;
    if (V > 1e-10 * std::max(1.0, I(k + cc, k + cc))) {
      m.mi = N * gc[c] * gc[c] / V;
      m.epc = -gc[c] / V;
    } else {
      m.mi = m.epc = std::numeric_limits<double>::quiet_NaN();
    }
    out.push_back(m);
  }
  return out;
}

}  // namespace sem
}  // namespace csat

#endif
