// The ECSI model written in csat's lavaan-style syntax, estimated on the mobi survey when it is available
// (../../shared/data/mobi.csv from examples/), with PLSc as an option; otherwise the parsed model is listed.
#include <csat/model/specification.hpp>
#include <csat/pls/estimate.hpp>
#include <csat/pls/quality.hpp>
#include <csat/survey/csv.hpp>

#include <cstdio>
#include <fstream>

int main() {
  const char* text = R"(
# ECSI (mobile phone survey): Mode A blocks, Complaints a single item
Image        =~ IMAG1 + IMAG2 + IMAG3 + IMAG4 + IMAG5
Expectation  =~ CUEX1 + CUEX2 + CUEX3
Quality      =~ PERQ1 + PERQ2 + PERQ3 + PERQ4 + PERQ5 + PERQ6 + PERQ7
Value        =~ PERV1 + PERV2
Satisfaction =~ CUSA1 + CUSA2 + CUSA3
Complaints   =~ CUSCO
Loyalty      =~ CUSL1 + CUSL2 + CUSL3
Expectation  ~ Image
Quality      ~ Expectation
Value        ~ Expectation + Quality
Satisfaction ~ Image + Expectation + Quality + Value
Complaints   ~ Satisfaction
Loyalty      ~ Image + Satisfaction + Complaints
)";
  const auto spec = csat::model::from_syntax(text, "ecsi");
  std::printf("%zu constructs, %zu paths\n", spec.size(), spec.structural_paths().size());
  const char* path = "../../shared/data/mobi.csv";
  if (!std::ifstream(path)) {
    for (const auto& c : spec.constructs())
      std::printf("  %-12s Mode %s, %zu indicators\n", c.name.c_str(), csat::model::to_string(c.mode), c.indicators.size());
    std::printf("(mobi.csv not found; nothing estimated)\n");
    return 0;
  }
  const auto data = csat::survey::read_csv(path);
  for (bool consistent : {false, true}) {
    csat::pls::estimate_options o;
    o.consistent = consistent;
    const auto r = csat::pls::estimate(spec, data, o);
    const auto rel = csat::pls::reliability(r);
    std::printf("%s: Quality -> Satisfaction %.4f, R2(Satisfaction) %.4f, rho_C(Image) %.4f\n",
                consistent ? "PLSc" : "PLS ", r.path("Quality", "Satisfaction"), r.r2("Satisfaction"),
                rel.rho_c(r.construct_index("Image")));
  }
  return 0;
}
