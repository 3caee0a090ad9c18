#ifndef CSAT_AHP_ANALYSIS_HPP
#define CSAT_AHP_ANALYSIS_HPP

/// \file
/// One call for one pairwise matrix: weights by the chosen method, every consistency measure, and for an
/// incomplete matrix the completed matrix. The result records the method, completion, RI table and threshold.
///
/// Incomplete matrices are first completed (λ-optimal by default, or Harker, or LLSM; see incomplete.hpp).
/// The weights are then the method applied to the completed matrix, except LLSM, which always works on the
/// comparison graph. (EV of the Harker completion is Harker's vector; RGMM of the LLSM completion is the
/// LLSM vector.) The consistency measures are those of the completed matrix; Koczkodaj's index uses only
/// triads of given judgments; the Ágoston–Csató RIₙ,ₘ is used when ri.agoston_csato is set.

#include <csat/config.hpp>
#include <csat/ahp/consistency.hpp>
#include <csat/ahp/incomplete.hpp>
#include <csat/ahp/pairwise.hpp>
#include <csat/ahp/priority.hpp>

#include <string>
#include <vector>

namespace csat {
namespace ahp {

/// Options of analyze().
struct analysis_options {
  priority_method method = priority_method::eigenvector;
  consistency_options consistency{};
  completion_options completion{};
};

/// The full analysis of one pairwise matrix.
template <class Scalar = double>
struct analysis_result {
  std::vector<std::string> names;     ///< criterion names (may be empty)
  Eigen::VectorX<Scalar> weights;     ///< Σ = 1, input order
  priority_method method = priority_method::eigenvector;
  solver_status status = solver_status::success;  ///< worst of the iterative steps
  consistency_result<Scalar> consistency;
  bool completed = false;               ///< the input was incomplete
  completion_method completion = completion_method::lambda_optimal;
  Eigen::MatrixX<Scalar> matrix;        ///< the (completed) matrix the measures refer to
};

/// Analyses one pairwise matrix (the input is not modified).
template <class Scalar>
analysis_result<Scalar> analyze(const pairwise_matrix<Scalar>& pm, const analysis_options& o = {}) {
  analysis_result<Scalar> r;
  r.names = pm.names();
  r.method = o.method;
  r.completed = !pm.complete();
  r.completion = o.completion.method;
  auto c = complete(pm, o.completion);
  r.matrix = std::move(c.matrix);
  if (c.status != solver_status::success) r.status = c.status;
  r.consistency = consistency<Scalar>(r.matrix, o.consistency, pm.missing_pairs(),
                                      r.completed ? pm.known() : detail::bool_matrix());
  if (o.method == priority_method::llsm) {
    r.weights = llsm(pm);
  } else if (o.method == priority_method::eigenvector) {
    r.weights = r.consistency.perron_vector;  // the same Perron vector
  } else {
    r.weights = priorities<Scalar>(r.matrix, o.method, o.consistency.perron).weights;
  }
  if (r.consistency.status != solver_status::success) r.status = r.consistency.status;
  return r;
}

}  // namespace ahp
}  // namespace csat

#endif
