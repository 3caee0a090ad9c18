// Benchmarks of csat::pls prediction and mediation (figures go to docs/performance.md, section PLS: prediction
// and mediation):
//   1. PLSpredict leave-one-out (250 fold models, DA, LM benchmark, in-sample predictions) of ECSI on mobi,
//      1 and 2 threads, median of 200 runs
//   2. PLSpredict 10-fold x 10 repetitions with CVPAT, median of 50 runs
//   3. mediation with 5000 seeded resamples (one chain and its total indirect effect, with BCa), 1 and 2 threads
// Usage: bench_pls_predict
#include <csat/model/presets.hpp>
#include <csat/pls/mediation.hpp>
#include <csat/pls/predict.hpp>
#include <csat/survey/csv.hpp>

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "bench_timing.hpp"

using csat_bench::clock_type;
using csat_bench::seconds_since;
using csat_bench::process_cpu;
using csat_bench::median;

namespace {

template <class F>
void time_it(const char* what, int repeats, F&& f) {
  std::vector<double> wall, cpu;
  for (int i = 0; i < repeats; ++i) {
    const double c0 = process_cpu();
    const auto t0 = clock_type::now();
    f();
    wall.push_back(seconds_since(t0));
    cpu.push_back(process_cpu() - c0);
  }
  std::printf("%-58s median wall %9.3f ms   median cpu %9.3f ms   (min wall %.3f ms, %d runs)\n", what,
              1e3 * median(wall), 1e3 * median(cpu), 1e3 * *std::min_element(wall.begin(), wall.end()), repeats);
}

}  // namespace

int main() {
  const std::string path = std::string(CSAT_SOURCE_DIR) + "/../shared/data/mobi.csv";
  const auto data = csat::survey::read_csv(path);
  const auto spec = csat::model::ecsi(csat::model::mobi_indicators());
  double sink = 0;

  for (unsigned threads : {1u, 2u}) {
    csat::pls::predict_options po;
    po.folds = 0;
    po.threads = threads;
    const std::string label = "PLSpredict LOO ECSI/mobi (250 folds), " + std::to_string(threads) + " thread(s)";
    time_it(label.c_str(), 200, [&] { sink += csat::pls::predict(spec, data, po).items[0].rmse; });
  }
  {
    csat::pls::predict_options po;
    po.folds = 10;
    po.repetitions = 10;
    po.cvpat = true;
    po.threads = 2;
    time_it("PLSpredict 10-fold x 10 reps + CVPAT, 2 threads", 50,
            [&] { sink += csat::pls::predict(spec, data, po).items[0].rmse; });
  }
  for (unsigned threads : {1u, 2u}) {
    csat::pls::bootstrap_options bo;
    bo.resamples = 5000;
    bo.threads = threads;
    const std::string label = "mediation 5000 resamples + BCa, " + std::to_string(threads) + " thread(s)";
    time_it(label.c_str(), 5, [&] {
      sink += csat::pls::mediation(spec, data, {"Image -> Expectation -> Satisfaction"}, {}, bo).specific[0].effect.sd;
    });
  }
  std::printf("(checksum %.6f)\n", sink);
  return 0;
}
