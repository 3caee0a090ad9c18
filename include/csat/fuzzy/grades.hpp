#ifndef CSAT_FUZZY_GRADES_HPP
#define CSAT_FUZZY_GRADES_HPP

/// \file
/// Grade (comment) sets V = {v_1..v_m} of fuzzy comprehensive evaluation: names and scores.
///
/// - grade_set::power(): the five-grade scale of Chinese power-supply satisfaction surveys,
///   很满意 100 / 比较满意 80 / 基本满意 60 / 不太满意 40 / 很不满意 0.
/// - grade_set(names, scores): any k-grade set (k >= 2), names unique and non-empty, scores finite.

#include <csat/config.hpp>
#include <csat/core/error.hpp>
#include <csat/core/validate.hpp>

#include <cmath>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace csat {
namespace fuzzy {

/// An ordered set of grades with a name and a score each (the order is the column order of R and B).
class grade_set {
public:
  /// \param names  grade names, unique and non-empty (k >= 2)
  /// \param scores one finite score per grade (used by the weighted-average score)
  grade_set(std::vector<std::string> names, std::vector<double> scores)
      : m_names(std::move(names)), m_scores(std::move(scores)) {
    static const char* fn = "csat::fuzzy::grade_set";
    if (m_names.size() < 2)
      csat::detail::throw_invalid_argument(fn, "a grade set needs at least 2 grades, got " + std::to_string(m_names.size()));
    if (m_scores.size() != m_names.size())
      csat::detail::throw_invalid_argument(fn, "scores has size " + std::to_string(m_scores.size()) +
                                             ", but must have one score per grade (" +
                                             std::to_string(m_names.size()) + ")");
    for (std::size_t j = 0; j < m_names.size(); ++j) {
      if (m_names[j].empty()) csat::detail::throw_invalid_argument(fn, "grade " + std::to_string(j) + " has an empty name");
      for (std::size_t k = 0; k < j; ++k)
        if (m_names[k] == m_names[j])
          csat::detail::throw_invalid_argument(fn, "grade name " + csat::detail::quoted(m_names[j]) + " appears twice (grades " +
                                                 std::to_string(k) + " and " + std::to_string(j) + ")");
      if (!std::isfinite(m_scores[j]))
        csat::detail::throw_domain_error(fn, "score of grade " + csat::detail::quoted(m_names[j]), m_scores[j], "must be finite");
    }
  }

  /// Grades named `names` with scores 100·(k−1−j)/(k−1) (best first: 100 ... 0).
  static grade_set evenly_scored(std::vector<std::string> names) {
    std::vector<double> s(names.size(), 0.0);
    const std::size_t k = names.size();
    for (std::size_t j = 0; j < k && k > 1; ++j) s[j] = 100.0 * static_cast<double>(k - 1 - j) / static_cast<double>(k - 1);
    return grade_set(std::move(names), std::move(s));
  }

  /// The power-industry five-grade preset: 很满意 100, 比较满意 80, 基本满意 60, 不太满意 40, 很不满意 0.
  static grade_set power() {
    return grade_set({"很满意", "比较满意", "基本满意", "不太满意", "很不满意"}, {100, 80, 60, 40, 0});
  }

  std::size_t size() const { return m_names.size(); }
  const std::vector<std::string>& names() const { return m_names; }
  const std::vector<double>& scores() const { return m_scores; }
  const std::string& name(std::size_t j) const { return m_names.at(j); }
  double score(std::size_t j) const { return m_scores.at(j); }

  /// Scores as an Eigen vector.
  template <class Scalar = double>
  Eigen::VectorX<Scalar> score_vector() const {
    Eigen::VectorX<Scalar> s(static_cast<Eigen::Index>(m_scores.size()));
    for (std::size_t j = 0; j < m_scores.size(); ++j) s(static_cast<Eigen::Index>(j)) = static_cast<Scalar>(m_scores[j]);
    return s;
  }

  /// Index of a grade by name, or -1.
  std::ptrdiff_t find(const std::string& name) const {
    for (std::size_t j = 0; j < m_names.size(); ++j)
      if (m_names[j] == name) return static_cast<std::ptrdiff_t>(j);
    return -1;
  }

  /// Index of a grade by name; csat::invalid_argument naming the label if absent.
  std::size_t index_of(const std::string& name) const {
    const auto j = find(name);
    if (j < 0)
      csat::detail::throw_invalid_argument("csat::fuzzy::grade_set", "unknown grade " + csat::detail::quoted(name) +
                                                                   " (grades: " + joined() + ")");
    return static_cast<std::size_t>(j);
  }

  /// "a, b, c": the grade names for messages.
  std::string joined() const {
    std::string s;
    for (std::size_t j = 0; j < m_names.size(); ++j) s += (j ? ", " : "") + m_names[j];
    return s;
  }

  friend bool operator==(const grade_set& a, const grade_set& b) {
    return a.m_names == b.m_names && a.m_scores == b.m_scores;
  }
  friend bool operator!=(const grade_set& a, const grade_set& b) { return !(a == b); }

private:
  std::vector<std::string> m_names;
  std::vector<double> m_scores;
};

}  // namespace fuzzy
}  // namespace csat

#endif
