#ifndef CSAT_SEM_INVARIANCE_HPP
#define CSAT_SEM_INVARIANCE_HPP

/// \file
/// Measurement invariance across groups (customer segments): configural, metric (equal loadings) and
/// scalar (equal loadings and intercepts, latent means free in all but the first group) models, compared
/// by chi-square difference tests (lavaan's lavTestLRT for standard ML: the difference of the chi-squares
/// on the difference of the degrees of freedom).

#include <csat/sem/fit_table.hpp>

#include <string>
#include <vector>

namespace csat {
namespace sem {

/// One model of the sequence with its test against the previous one.
struct invariance_step {
  std::string name;            ///< "configural", "metric", "scalar"
  std::vector<std::string> group_equal;
  sem_result result;
  double chisq_diff = 0;       ///< chi-square minus that of the previous step (NaN for the first)
  double df_diff = 0;
  double pvalue_diff = 0;      ///< upper tail of chi2(df_diff) at chisq_diff
};

/// The configural -> metric -> scalar sequence.
struct invariance_result {
  std::vector<invariance_step> steps;
  std::vector<std::string> group_labels;
};

/// Fits the configural, metric and scalar models on `t` with groups from `options.group` (required).
inline invariance_result test_invariance(const model::syntax& syn, const survey::data_table<double>& t,
                                         sem_options options) {
  if (options.group.empty())
    csat::detail::throw_invalid_argument("csat::sem::test_invariance", "options.group names no group column");
  invariance_result out;
  const std::vector<std::pair<std::string, std::vector<std::string>>> seq{
      {"configural", {}}, {"metric", {"loadings"}}, {"scalar", {"loadings", "intercepts"}}};
  for (const auto& s : seq) {
    options.model.group_equal = s.second;
    table_fit f = fit_table(syn, t, options);
    invariance_step st;
    st.name = s.first;
    st.group_equal = s.second;
    st.result = std::move(f.result);
    if (out.steps.empty()) {
      st.chisq_diff = st.df_diff = st.pvalue_diff = std::numeric_limits<double>::quiet_NaN();
      out.group_labels = st.result.group_labels;
    } else {
      const auto& prev = out.steps.back().result.fit;
      st.chisq_diff = st.result.fit.chisq - prev.chisq;
      st.df_diff = st.result.fit.df - prev.df;
      st.pvalue_diff = detail::chisq_upper(std::max(0.0, st.chisq_diff), st.df_diff);
    }
    out.steps.push_back(std::move(st));
  }
  return out;
}

/// Parses `text` and calls test_invariance(const model::syntax&, ...).
inline invariance_result test_invariance(const std::string& text, const survey::data_table<double>& t,
                                         const sem_options& options, const std::string& source = "<model>") {
  return test_invariance(model::parse_syntax(text, source), t, options);
}

}  // namespace sem
}  // namespace csat

#endif
