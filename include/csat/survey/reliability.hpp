#ifndef CSAT_SURVEY_RELIABILITY_HPP
#define CSAT_SURVEY_RELIABILITY_HPP

/// \file
/// Internal consistency of a multi-item scale: Cronbach's α (raw and standardized), corrected item–total
/// correlations and α if an item is deleted.
///
/// For k items with covariance matrix S (n − 1 denominator) and correlation matrix R:
/// - raw α = k / (k − 1) · (1 − Σ S_ii / Σ_ij S_ij)                      (Cronbach 1951)
/// - standardized α = k r̄ / (1 + (k − 1) r̄), r̄ the mean off-diagonal correlation
///   (the α of the z-scored items; what SPSS reports as "based on standardized items" and SmartPLS/seminr
///   report as Cronbach's α of a construct)
/// - corrected item–total correlation of item i: corr(x_i, Σ_{l≠i} x_l)
/// - α if item deleted: raw α of the other k − 1 items (NaN when k = 2)
/// The data must be complete (see missing.hpp); NaN is a csat::domain_error naming the cell.

#include <csat/config.hpp>
#include <csat/core/error.hpp>
#include <csat/core/validate.hpp>
#include <csat/survey/csv.hpp>
#include <csat/survey/missing.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace csat {
namespace survey {

/// Reliability of one scale.
template <class Scalar = double>
struct reliability_result {
  std::vector<std::string> items;               ///< item names (empty for a plain matrix)
  Eigen::Index n_items = 0;
  Eigen::Index n_observations = 0;
  Scalar alpha{};                               ///< raw Cronbach's α
  Scalar alpha_standardized{};                  ///< α of standardized items
  Scalar mean_inter_item_correlation{};         ///< r̄
  Eigen::VectorX<Scalar> item_total_correlation;  ///< corrected item–total correlation per item
  Eigen::VectorX<Scalar> alpha_if_deleted;        ///< raw α without each item
  Eigen::VectorX<Scalar> alpha_standardized_if_deleted;  ///< standardized α without each item
};

namespace detail_reliability {
template <class Scalar>
Scalar raw_alpha(const Eigen::MatrixX<Scalar>& cov, const std::vector<Eigen::Index>& keep) {
  const Scalar k = static_cast<Scalar>(keep.size());
  Scalar diag(0), total(0);
  for (auto a : keep) {
    diag += cov(a, a);
    for (auto b : keep) total += cov(a, b);
  }
  return k / (k - 1) * (Scalar(1) - diag / total);
}
template <class Scalar>
Scalar standardized_alpha(const Eigen::MatrixX<Scalar>& cor, const std::vector<Eigen::Index>& keep) {
  const Scalar k = static_cast<Scalar>(keep.size());
  Scalar off(0);
  for (auto a : keep)
    for (auto b : keep)
      if (a != b) off += cor(a, b);
  const Scalar rbar = off / (k * (k - 1));
  return k * rbar / (Scalar(1) + (k - 1) * rbar);
}
}  // namespace detail_reliability

/// Cronbach's α and item analysis of the columns of `items` (rows = respondents, complete data).
/// `names` (optional) name the items in errors and in the result.
/// Throws csat::invalid_argument for fewer than 2 items or 2 rows, csat::domain_error for a NaN or infinite cell
/// or an item with zero variance.
template <class Derived>
reliability_result<typename Derived::Scalar> cronbach_alpha(const Eigen::MatrixBase<Derived>& items,
                                                            const std::vector<std::string>& names = {}) {
  using Scalar = typename Derived::Scalar;
  using std::sqrt;
  const char* function = "csat::survey::cronbach_alpha";
  Eigen::MatrixX<Scalar> x = items;
  const Eigen::Index k = x.cols(), n = x.rows();
  if (k < 2)
    detail::throw_invalid_argument(function, "items has " + std::to_string(k) + " column(s), but α needs at least 2 items");
  if (n < 2)
    detail::throw_invalid_argument(function, "items has " + std::to_string(n) + " row(s), but α needs at least 2");
  if (!names.empty()) detail::check_size(function, "names", static_cast<Eigen::Index>(names.size()), k);
  require_complete(function, "items", x, names);
  detail::check_finite(function, "items", x);
  // α, its variants and the correlations are unchanged when every item is divided by the same number; a power
  // of two near the largest magnitude divides exactly and keeps values near 1e308 from overflowing the covariances
  if (x.size() > 0 && x.cwiseAbs().maxCoeff() > Scalar(0)) {
    int e = 0;
    (void)std::frexp(static_cast<double>(x.cwiseAbs().maxCoeff()), &e);
    x /= static_cast<Scalar>(std::ldexp(1.0, e - 1));  // 2^(e-1) itself never overflows
  }

  const Eigen::RowVectorX<Scalar> mean = x.colwise().mean();
  const Eigen::MatrixX<Scalar> centered = x.rowwise() - mean;
  const Eigen::MatrixX<Scalar> cov = (centered.adjoint() * centered) / static_cast<Scalar>(n - 1);
  for (Eigen::Index j = 0; j < k; ++j)
    if (!(cov(j, j) > Scalar(0)))
      detail::throw_domain_error(function, "variance of " +
                                               (names.empty() ? "column " + std::to_string(j) + " of items"
                                                              : "item " + detail::quoted(names[static_cast<std::size_t>(j)])),
                                 static_cast<double>(cov(j, j)), "must be positive (a constant item has no reliability)");
  const Eigen::VectorX<Scalar> sd = cov.diagonal().array().sqrt();
  const Eigen::MatrixX<Scalar> cor = cov.array() / (sd * sd.transpose()).array();

  reliability_result<Scalar> r;
  r.items = names;
  r.n_items = k;
  r.n_observations = n;
  std::vector<Eigen::Index> all;
  for (Eigen::Index j = 0; j < k; ++j) all.push_back(j);
  r.alpha = detail_reliability::raw_alpha(cov, all);
  r.alpha_standardized = detail_reliability::standardized_alpha(cor, all);
  r.mean_inter_item_correlation = (cor.sum() - static_cast<Scalar>(k)) / static_cast<Scalar>(k * (k - 1));

  r.item_total_correlation.resize(k);
  r.alpha_if_deleted.resize(k);
  r.alpha_standardized_if_deleted.resize(k);
  const Scalar nan = std::numeric_limits<Scalar>::quiet_NaN();
  const Scalar total_var = cov.sum();
  for (Eigen::Index i = 0; i < k; ++i) {
    // rest score = total − item i: var(rest) = total − 2 Σ_l S_il + S_ii; cov(item, rest) = Σ_l S_il − S_ii
    const Scalar row_sum = cov.row(i).sum();
    const Scalar var_rest = total_var - Scalar(2) * row_sum + cov(i, i);
    const Scalar cov_rest = row_sum - cov(i, i);
    r.item_total_correlation(i) = var_rest > Scalar(0) ? Scalar(cov_rest / sqrt(cov(i, i) * var_rest)) : nan;
    if (k > 2) {
      std::vector<Eigen::Index> keep;
      for (Eigen::Index j = 0; j < k; ++j)
        if (j != i) keep.push_back(j);
      r.alpha_if_deleted(i) = detail_reliability::raw_alpha(cov, keep);
      r.alpha_standardized_if_deleted(i) = detail_reliability::standardized_alpha(cor, keep);
    } else {
      r.alpha_if_deleted(i) = r.alpha_standardized_if_deleted(i) = nan;
    }
  }
  return r;
}

/// Cronbach's α of the named numeric columns of a table. Missing cells are an error naming the source line and
/// column (apply listwise_delete() or mean_replace() first).
template <class Scalar>
reliability_result<Scalar> cronbach_alpha(const data_table<Scalar>& table, const std::vector<std::string>& items) {
  if (items.size() < 2)
    detail::throw_invalid_argument("csat::survey::cronbach_alpha", "a scale needs at least 2 items, got " +
                                                                       std::to_string(items.size()));
  for (const auto& it : items) table.index_of(it);
  require_complete(table, items, "csat::survey::cronbach_alpha");
  return cronbach_alpha(table.select(items), items);
}

}  // namespace survey
}  // namespace csat

#endif
