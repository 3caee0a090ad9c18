// Data checks on the bundled power-supply survey: read the CSV with its text columns, look at missing answers,
// apply an explicit missing-data policy, rescale the 1-10 items to 0-100, and compute item statistics and
// Cronbach's alpha of each CSI construct. Run from the examples/ directory (as CTest does) or give the file.
//
//   survey_checks [data/power_survey.csv]
#include <csat/survey/survey.hpp>

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  const std::string file = argc > 1 ? argv[1] : "data/power_survey.csv";
  try {
    namespace sv = csat::survey;
    sv::csv_options options;
    options.text_columns = {"segment", "channel", "county"};
    const auto data = sv::read_csv(file, options);
    Eigen::Index missing = 0;
    for (auto m : data.missing) missing += m;
    std::printf("%s: %ld respondents, %ld numeric and %zu text columns, %ld missing answers\n", file.c_str(),
                static_cast<long>(data.rows()), static_cast<long>(data.cols()), data.text_names.size(),
                static_cast<long>(missing));

    const std::vector<std::pair<std::string, std::vector<std::string>>> scales{
        {"Image", {"IMG1", "IMG2", "IMG3"}},
        {"Expectation", {"EXP1", "EXP2", "EXP3"}},
        {"Quality", {"QUA1", "QUA2", "QUA3", "QUA4", "QUA5"}},
        {"Value", {"VAL1", "VAL2", "VAL3"}},
        {"Satisfaction", {"SAT1", "SAT2", "SAT3"}},
        {"Complaints", {"COM1", "COM2"}},
        {"Loyalty", {"LOY1", "LOY2", "LOY3"}}};
    std::vector<std::string> items;
    for (const auto& s : scales) items.insert(items.end(), s.second.begin(), s.second.end());

    // Estimators refuse incomplete data; the policy is chosen here, and its report says what it did.
    try {
      sv::require_complete(data, items, "survey_checks");
    } catch (const csat::domain_error& e) {
      std::printf("without a policy: %s\n", e.what());
    }
    const auto listwise = sv::listwise_delete(data, items);
    std::printf("%s\n", listwise.report.summary().c_str());
    const auto imputed = sv::mean_replace(data, items);
    std::printf("%s\n", imputed.report.summary().c_str());

    // 0-100 scores of the CSI items (ACSI convention: from the scale's end points 1 and 10)
    const auto scored = sv::rescale_to_100(listwise.data, items, sv::acsi_10);
    const auto stats = sv::describe(scored);
    std::printf("\n%-6s %7s %7s %8s %8s\n", "item", "mean", "sd", "skew", "kurt");
    for (const auto& it : items) {
      const Eigen::Index j = scored.index_of(it);
      std::printf("%-6s %7.2f %7.2f %8.3f %8.3f\n", it.c_str(), stats.mean(j), stats.sd(j), stats.skewness(j),
                  stats.kurtosis(j));
    }

    std::printf("\n%-13s %6s %8s %8s  %s\n", "construct", "items", "alpha", "std.a", "lowest item-total r");
    for (const auto& s : scales) {
      const auto r = sv::cronbach_alpha(listwise.data, s.second);
      Eigen::Index low = 0;
      r.item_total_correlation.minCoeff(&low);
      std::printf("%-13s %6zu %8.3f %8.3f  %s %.3f\n", s.first.c_str(), s.second.size(), r.alpha,
                  r.alpha_standardized, s.second[static_cast<std::size_t>(low)].c_str(),
                  r.item_total_correlation(low));
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "survey_checks: %s\n", e.what());
    return 1;
  }
  return 0;
}
