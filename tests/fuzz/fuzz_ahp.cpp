// Fuzz target: the AHP readers — a pairwise matrix from CSV text, and a whole hierarchy file. The input's first
// byte chooses the reader; whatever parses is also analysed and evaluated.
#include "fuzz_common.hpp"

#include <csat/ahp/ahp.hpp>

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  return csat_fuzz_run([&] {
    // a smaller work bound for the λ-optimal completion than the default (5e8 multiply-adds, about 0.3 s
    // optimized but a minute under the sanitizers): wildly inconsistent incomplete matrices then end in
    // no_convergence within ~0.1 s, which exercises that path instead of stalling the campaign
    csat::ahp::analysis_options ao;
    ao.completion.max_work = 2e7;
    if (data[0] & 1) {
      const auto m = csat::ahp::read_pairwise_csv_text(text, "fuzz.csv");
      const auto a = csat::ahp::analyze(m, ao);
      if (!(a.weights.sum() > 0.999 && a.weights.sum() < 1.001)) std::abort();
    } else {
      const auto h = csat::ahp::read_hierarchy_text(text, "fuzz.hierarchy");
      csat::ahp::hierarchy_options ho;
      ho.analysis = ao;
      (void)csat::ahp::evaluate(h, ho);
    }
  });
}
