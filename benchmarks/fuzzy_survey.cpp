// Benchmark: membership matrices from 10 million survey responses (500 000 respondents x 20 items, 5 grades,
// about 1 % missing) plus a three-level fuzzy evaluation, on one core. Goal: <= 1 s.
// Also: the same from CSV text (csat::survey::read_csv, then survey_membership), for information.
#include <csat/fuzzy/fuzzy.hpp>
#include <csat/survey/csv.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "bench_timing.hpp"

namespace fz = csat::fuzzy;

using csat_bench::median;

namespace {

template <class F>
double seconds(F&& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Three levels below the root: 2 criteria x 2 sub-criteria x 5 indicators = 20 leaves.
fz::fce_node<> tree(const Eigen::MatrixXd& r) {
  fz::fce_node<> root{"overall", 1, {}, {}};
  const double cw[2] = {0.6, 0.4}, sw[2] = {0.55, 0.45}, iw[5] = {0.3, 0.25, 0.2, 0.15, 0.1};
  Eigen::Index item = 0;
  for (int c = 0; c < 2; ++c) {
    fz::fce_node<> crit{"criterion " + std::to_string(c), cw[c], {}, {}};
    for (int s = 0; s < 2; ++s) {
      fz::fce_node<> sub{"sub " + std::to_string(c) + "." + std::to_string(s), sw[s], {}, {}};
      for (int i = 0; i < 5; ++i, ++item)
        sub.children.push_back({"q" + std::to_string(item + 1), iw[i], r.row(item), {}});
      crit.children.push_back(sub);
    }
    root.children.push_back(crit);
  }
  return root;
}

}  // namespace

int main() {
  const Eigen::Index respondents = 500000, items = 20;
  const auto grades = fz::grade_set::power();
  std::vector<std::string> names;
  for (Eigen::Index i = 0; i < items; ++i) names.push_back("q" + std::to_string(i + 1));

  // deterministic responses: a linear congruential generator, skewed towards the better grades
  Eigen::MatrixXd x(respondents, items);
  std::uint64_t state = 12345;
  const double cum[5] = {0.35, 0.70, 0.88, 0.96, 1.0};
  for (Eigen::Index j = 0; j < items; ++j)
    for (Eigen::Index i = 0; i < respondents; ++i) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      const double u = static_cast<double>(state >> 11) * (1.0 / 9007199254740992.0);
      if (u < 0.01) { x(i, j) = std::numeric_limits<double>::quiet_NaN(); continue; }
      const double v = (u - 0.01) / 0.99;
      int g = 0;
      while (g < 4 && v >= cum[g]) ++g;
      x(i, j) = g + 1;
    }

  const int repeats = 7;
  std::vector<double> t_member, t_eval, t_total;
  double score = 0;
  Eigen::Index missing = 0;
  for (int k = 0; k < repeats; ++k) {
    fz::survey_membership_result<double> s;
    fz::evaluation_result<double> e;
    const double a = seconds([&] { s = fz::survey_membership(x, grades, names); });
    const double b = seconds([&] { e = fz::evaluate(tree(s.membership), grades); });
    t_member.push_back(a);
    t_eval.push_back(b);
    t_total.push_back(a + b);
    score = e.root().reading.score;
    missing = s.missing.sum();
  }
  std::printf("fuzzy_survey: %lld respondents x %lld items = %lld responses, 5 grades, %lld missing\n",
              static_cast<long long>(respondents), static_cast<long long>(items),
              static_cast<long long>(respondents * items), static_cast<long long>(missing));
  std::printf("  membership matrix (codes in memory)   median %.3f s (min %.3f, max %.3f) over %d runs\n",
              median(t_member), *std::min_element(t_member.begin(), t_member.end()),
              *std::max_element(t_member.begin(), t_member.end()), repeats);
  std::printf("  3-level evaluation (20 leaves)         median %.6f s\n", median(t_eval));
  std::printf("  total                                  median %.3f s   (goal <= 1 s)   root score %.4f\n",
              median(t_total), score);

  // the same from CSV text, for information (parsing dominates)
  std::string text;
  for (Eigen::Index j = 0; j < items; ++j) text += (j ? "," : "") + names[static_cast<std::size_t>(j)];
  text += '\n';
  for (Eigen::Index i = 0; i < respondents; ++i) {
    for (Eigen::Index j = 0; j < items; ++j) {
      if (j) text += ',';
      if (!std::isnan(x(i, j))) text += static_cast<char>('0' + static_cast<int>(x(i, j)));
    }
    text += '\n';
  }
  std::vector<double> t_csv;
  for (int k = 0; k < 3; ++k)
    t_csv.push_back(seconds([&] {
      const auto t = csat::survey::read_csv_text<double>(text, "bench.csv");
      const auto s = fz::survey_membership(t, names, grades);
      const auto e = fz::evaluate(tree(s.membership), grades);
      score = e.root().reading.score;
    }));
  std::printf("  from CSV text (%.1f MB): read_csv + membership + evaluation  median %.3f s\n",
              static_cast<double>(text.size()) / 1e6, median(t_csv));
  return 0;
}
