// Compiled against an installed (or add_subdirectory'd) csat: includes everything and calls into it.
#include <csat/csat.hpp>

#include <cstring>
#include <iostream>

int main() {
  if (std::strcmp(csat::version_string, CSAT_EXPECTED_VERSION) != 0) {
    std::cerr << "csat version " << csat::version_string << ", expected " << CSAT_EXPECTED_VERSION << "\n";
    return 1;
  }
  try {
    Eigen::MatrixXd m(2, 3);
    m.setOnes();
    csat::detail::check_square("consumer", "m", m);
  } catch (const csat::invalid_argument& e) {
    std::cout << "csat " << csat::version_string << " ok: " << e.what() << "\n";
    return 0;
  }
  return 1;
}
