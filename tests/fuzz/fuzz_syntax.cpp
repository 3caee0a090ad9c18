// Fuzz target: the lavaan-style model syntax parser.
#include "fuzz_common.hpp"

#include <csat/model/syntax.hpp>

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  return csat_fuzz_run([&] {
    const auto s = csat::model::parse_syntax(text, "fuzz.model");
    for (const auto& st : s.statements) {
      if (st.lhs.empty() && st.oper != csat::model::op::equal && st.oper != csat::model::op::less &&
          st.oper != csat::model::op::greater)
        std::abort();
      if (st.oper == csat::model::op::defined) {
        std::vector<std::string> names;
        csat::model::collect_names(st.rhs_expr, names);
        (void)csat::model::evaluate<double>(st.rhs_expr, [](const std::string&) { return 0.5; });
      }
    }
  });
}
