// Benchmarks of csat::sem (ML SEM): median wall time of repeated runs.
//   1. PoliticalDemocracy (Bollen 1989, 75 rows): specify + sample moments + fit with SEs, standardized
//      solutions and fit measures, from ../shared/data/political_democracy.csv when present, else skipped.
//   2. 1,000,000 simulated rows of a 3-factor CFA (9 indicators): covariance + fit.
//   3. FIML: 10,000 simulated rows with 10% of the cells missing: patterns + EM (h1) + fit + observed-information SEs.
#include <csat/sem/fit_table.hpp>
#include <csat/survey/csv.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <limits>
#include <random>
#include <vector>

namespace {

double median_ms(const std::function<void()>& f, int repeats) {
  std::vector<double> t;
  for (int r = 0; r < repeats; ++r) {
    const auto a = std::chrono::steady_clock::now();
    f();
    const auto b = std::chrono::steady_clock::now();
    t.push_back(std::chrono::duration<double, std::milli>(b - a).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

// rows of a 3-factor model: loadings 1, 0.8, 0.9 per factor, factor correlations 0.4, residual sd 0.6
Eigen::MatrixXd simulate(Eigen::Index n, double missing, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> z;
  std::uniform_real_distribution<double> u;
  Eigen::MatrixXd x(n, 9);
  const double lam[3] = {1.0, 0.8, 0.9};
  for (Eigen::Index i = 0; i < n; ++i) {
    const double common = z(rng);
    double f[3];
    for (double& v : f) v = 0.632 * common + 0.775 * z(rng);
    for (int k = 0; k < 3; ++k)
      for (int j = 0; j < 3; ++j) x(i, 3 * k + j) = 2.0 + lam[j] * f[k] + 0.6 * z(rng);
  }
  if (missing > 0)
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index j = 0; j < 9; ++j)
        if (u(rng) < missing) x(i, j) = std::numeric_limits<double>::quiet_NaN();
  return x;
}

const char* cfa = "f1 =~ x1 + x2 + x3\nf2 =~ x4 + x5 + x6\nf3 =~ x7 + x8 + x9\n";

}  // namespace

int main() {
  namespace sem = csat::sem;
  const std::string pd_path = std::string(CSAT_SOURCE_DIR) + "/../shared/data/political_democracy.csv";
  if (std::ifstream(pd_path)) {
    const auto t = csat::survey::read_csv(pd_path);
    const char* pd =
        "ind60 =~ x1 + x2 + x3\n dem60 =~ y1 + y2 + y3 + y4\n dem65 =~ y5 + y6 + y7 + y8\n"
        "dem60 ~ ind60\n dem65 ~ ind60 + dem60\n y1 ~~ y5\n y2 ~~ y4 + y6\n y3 ~~ y7\n y4 ~~ y8\n y6 ~~ y8\n";
    double chisq = 0;
    int iterations = 0;
    const double ms = median_ms([&] {
      const auto f = sem::fit_table(pd, t);
      chisq = f.result.fit.chisq;
      iterations = f.result.iterations;
    }, 201);
    std::printf("PoliticalDemocracy fit (75 rows, 31 parameters, SEs, std, fit measures): %.3f ms  (chisq %.4f, %d iterations)\n",
                ms, chisq, iterations);
    sem::sem_options o;
    o.estimation.standardized = false;
    const double ms2 = median_ms([&] { (void)sem::fit_table(pd, t, o); }, 201);
    std::printf("PoliticalDemocracy fit without standardized solutions: %.3f ms\n", ms2);
  } else {
    std::printf("PoliticalDemocracy: %s absent, skipped\n", pd_path.c_str());
  }

  {
    const Eigen::MatrixXd x = simulate(1000000, 0.0, 1);
    const auto mdl = sem::specify(cfa);
    double chisq = 0;
    const double ms = median_ms([&] {
      const auto s = sem::make_sample(x, mdl.observed);
      chisq = sem::fit(mdl, s).fit.chisq;
    }, 9);
    const double cov_ms = median_ms([&] { (void)sem::make_sample(x, mdl.observed); }, 9);
    std::printf("1,000,000 rows x 9: covariance + fit %.1f ms (covariance alone %.1f ms; chisq %.2f)\n", ms, cov_ms, chisq);
  }

  {
    const Eigen::MatrixXd x = simulate(10000, 0.10, 2);
    sem::model_options mo;
    mo.meanstructure = true;
    const auto mdl = sem::specify(cfa, mo);
    double chisq = 0;
    int it = 0;
    std::size_t patterns = 0;
    const double ms = median_ms([&] {
      const auto s = sem::make_sample(x, mdl.observed, {}, {}, sem::missing_policy::fiml);
      patterns = s.groups[0].patterns.size();
      const auto r = sem::fit(mdl, s);
      chisq = r.fit.chisq;
      it = r.iterations;
    }, 11);
    std::printf("FIML 10,000 rows x 9, 10%% missing (%zu patterns): %.1f ms (chisq %.3f, %d iterations)\n", patterns, ms,
                chisq, it);
  }
  return 0;
}
