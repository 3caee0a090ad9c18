// Generates csat's bundled example data from the documented population model (docs/simulate.md).
//
//   simulate_power_survey                 prints a summary of the survey it would write (a smoke test)
//   simulate_power_survey OUTDIR          writes OUTDIR/power_survey.csv and OUTDIR/county_kpi.csv
//   simulate_power_survey --population    prints the PLS population values of the bundled design
//                                         (from a 1,000,000-respondent draw without missing answers)
#include <csat/simulate/simulate.hpp>
#include <csat/survey/stats.hpp>

#include <cstdio>
#include <iostream>
#include <string>

namespace {

constexpr Eigen::Index respondents = 2000;
constexpr std::uint64_t seed = 20240601;

void summary(const csat::simulate::simulated_survey<double>& s) {
  const auto& t = s.data;
  std::printf("power_survey.csv: %ld respondents, %zu columns (%ld numeric, %zu text), %ld missing answers (%.2f%%)\n",
              static_cast<long>(t.rows()), s.columns.size(), static_cast<long>(t.cols()), t.text_names.size(),
              static_cast<long>(s.missing_cells),
              100.0 * static_cast<double>(s.missing_cells) / static_cast<double>(t.rows() * (t.cols() - 1)));
  const auto st = csat::survey::describe(t);
  std::printf("%-10s %6s %7s %6s\n", "item", "mean", "sd", "miss");
  for (Eigen::Index j = 1; j < t.cols(); ++j)
    std::printf("%-10s %6.2f %7.3f %6ld\n", t.names[static_cast<std::size_t>(j)].c_str(), st.mean(j), st.sd(j),
                static_cast<long>(st.missing(j)));
  for (std::size_t k = 0; k < t.text_names.size(); ++k) {
    std::printf("%s:", t.text_names[k].c_str());
    std::vector<std::pair<std::string, int>> counts;
    for (const auto& v : t.text[k]) {
      auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == v; });
      if (it == counts.end()) counts.push_back({v, 1});
      else ++it->second;
    }
    for (const auto& c : counts) std::printf("  %s %d", c.first.c_str(), c.second);
    std::printf("\n");
  }
}

void population() {
  using namespace csat::simulate;
  const auto design = power_survey_design(0.0);
  const auto csi = power_csi_model();
  const auto lat = solve_latent(csi);
  const Eigen::Index n = 1000000;
  const auto pls = answer_pls_population(design, csi, n, 1);
  const auto big = generate(design, n, 1);
  const auto pls_cont = pls_population(csi, implied_correlation(csi));
  std::printf("PLS population values (mode A, path weighting), %s after %d iterations\n",
              pls.converged ? "converged" : "NOT converged", pls.iterations);
  std::printf("%-28s %8s %12s %12s\n", "path", "latent", "PLS cont.", "PLS answers");
  for (Eigen::Index i = 0; i < 7; ++i)
    for (Eigen::Index j = 0; j < 7; ++j)
      if (csi.paths(i, j) != 0)
        std::printf("%-28s %8.3f %12.4f %12.4f\n",
                    (csi.constructs[static_cast<std::size_t>(j)] + " -> " + csi.constructs[static_cast<std::size_t>(i)]).c_str(),
                    csi.paths(i, j), pls_cont.paths(i, j), pls.paths(i, j));
  std::printf("%-28s %8s %12s %12s\n", "R²", "latent", "PLS cont.", "PLS answers");
  for (Eigen::Index i = 0; i < 7; ++i)
    std::printf("%-28s %8.4f %12.4f %12.4f\n", csi.constructs[static_cast<std::size_t>(i)].c_str(), lat.r_squared(i),
                pls_cont.r_squared(i), pls.r_squared(i));
  std::printf("%-28s %8s %12s %12s\n", "loading", "latent", "PLS cont.", "PLS answers");
  for (std::size_t a = 0; a < csi.indicators.size(); ++a)
    std::printf("%-28s %8.3f %12.4f %12.4f\n", csi.indicators[a].name.c_str(), csi.indicators[a].loading,
                pls_cont.loadings(static_cast<Eigen::Index>(a)), pls.loadings(static_cast<Eigen::Index>(a)));
  // SERVQUAL gaps and NPS in the population (answer scale)
  const auto st = csat::survey::describe(big.data);
  std::printf("SERVQUAL population means (1-7): dimension, expectation, perception, gap\n");
  for (const auto& d : servqual_dimensions()) {
    const double e = st.mean(big.data.index_of("SQE_" + d)), p = st.mean(big.data.index_of("SQP_" + d));
    std::printf("  %s %.3f %.3f %.3f\n", d.c_str(), e, p, p - e);
  }
  const auto rec = big.data.values.col(big.data.index_of("RECOMMEND"));
  const double promoters = static_cast<double>((rec.array() >= 9).count()) / static_cast<double>(n);
  const double detractors = static_cast<double>((rec.array() <= 6).count()) / static_cast<double>(n);
  std::printf("RECOMMEND: promoters %.4f, detractors %.4f, NPS %.2f\n", promoters, detractors,
              100 * (promoters - detractors));
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc > 1 && std::string(argv[1]) == "--population") {
      population();
      return 0;
    }
    const auto survey = csat::simulate::generate(csat::simulate::power_survey_design(), respondents, seed);
    if (argc < 2) {
      summary(survey);
      return 0;
    }
    const std::string dir = argv[1];
    csat::survey::csv_write_options w;
    w.columns = survey.columns;
    csat::survey::write_csv(survey.data, dir + "/power_survey.csv", w);
    csat::survey::write_csv(csat::simulate::power_county_kpi(), dir + "/county_kpi.csv");
    std::printf("wrote %s/power_survey.csv (%ld respondents) and %s/county_kpi.csv (12 counties)\n", dir.c_str(),
                static_cast<long>(survey.data.rows()), dir.c_str());
  } catch (const std::exception& e) {
    std::cerr << "simulate_power_survey: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
