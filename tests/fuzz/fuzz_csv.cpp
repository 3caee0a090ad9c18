// Fuzz target: the CSV reader (quoting, delimiters, missing tokens, text columns, numbers).
#include "fuzz_common.hpp"

#include <csat/survey/csv.hpp>

#include <cmath>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  return csat_fuzz_run([&] {
    csat::survey::csv_options opt;
    if (!text.empty() && (text[0] & 1)) opt.text_columns = {"g"};
    auto t = csat::survey::read_csv_text(text, "fuzz.csv", opt);
    // invariants: shapes agree, missing counts match the NaNs
    if (t.values.cols() != static_cast<Eigen::Index>(t.names.size())) std::abort();
    if (t.lines.size() != static_cast<std::size_t>(t.values.rows())) std::abort();
    for (Eigen::Index j = 0; j < t.values.cols(); ++j) {
      Eigen::Index nan = 0;
      for (Eigen::Index i = 0; i < t.values.rows(); ++i) nan += std::isnan(t.values(i, j)) ? 1 : 0;
      if (nan != t.missing[static_cast<std::size_t>(j)]) std::abort();
    }
  });
}
