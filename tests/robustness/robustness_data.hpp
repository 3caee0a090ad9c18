// Data helpers shared by the robustness tests.
#ifndef CSAT_TESTS_ROBUSTNESS_DATA_HPP
#define CSAT_TESTS_ROBUSTNESS_DATA_HPP

#include "support/shared.hpp"

#include <csat/survey/csv.hpp>

#include <Eigen/Core>

#include <string>
#include <vector>

namespace csat_test {

/// The segments data of the ML SEM tests (in the repository), one group.
inline csat::survey::data_table<double> segments() {
  csat::survey::csv_options o;
  o.text_columns = {"segment"};
  return csat::survey::read_csv(source_path("tests/data/sem_segments.csv"), o);
}

/// The named columns of a data table, in the order given.
inline Eigen::MatrixXd columns(const csat::survey::data_table<double>& t, const std::vector<std::string>& names) {
  Eigen::MatrixXd x(t.rows(), static_cast<Eigen::Index>(names.size()));
  for (std::size_t j = 0; j < names.size(); ++j) x.col(static_cast<Eigen::Index>(j)) = t.values.col(t.index_of(names[j]));
  return x;
}

}  // namespace csat_test

#endif
