// Tests of include/csat/survey/reliability.hpp: Cronbach's alpha and item analysis.
#include <csat/survey/reliability.hpp>

#include "support/shared.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace csat::survey;
using Catch::Contains;
using Catch::Matchers::WithinAbs;

namespace {
Eigen::MatrixXd small() {
  Eigen::MatrixXd p(6, 3);
  p << 4, 3, 4, 5, 5, 4, 3, 3, 2, 2, 2, 1, 5, 4, 5, 4, 4, 3;
  return p;
}
}  // namespace

TEST_CASE("reliability: standardized alpha of mobi PERQ1-PERQ7 equals seminr's Quality alpha to 1e-9",
          "[survey][reliability][shared][acceptance]") {
  CSAT_NEED_SHARED("reference/pls_mobi_ecsi.json");
  CSAT_NEED_SHARED("data/mobi.csv");
  // ../shared/reference/pls_mobi_ecsi.json, "reliability", construct "Quality", "alpha" (seminr on mobi)
  const double reference = 0.8770102452402352;
  const auto t = read_csv(csat_test::shared_path("data/mobi.csv"));
  const auto r = cronbach_alpha(t, {"PERQ1", "PERQ2", "PERQ3", "PERQ4", "PERQ5", "PERQ6", "PERQ7"});
  CHECK_THAT(r.alpha_standardized, WithinAbs(reference, 1e-9));
  CHECK(r.n_items == 7);
  CHECK(r.n_observations == 250);
}

TEST_CASE("reliability: raw alpha, item-total correlations and alpha if deleted of mobi PERQ match R",
          "[survey][reliability][shared]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto t = read_csv(csat_test::shared_path("data/mobi.csv"));
  const auto r = cronbach_alpha(t, {"PERQ1", "PERQ2", "PERQ3", "PERQ4", "PERQ5", "PERQ6", "PERQ7"});
  // R 4.2: k/(k-1)(1 - sum(diag(S))/sum(S)) with S = cov(); cor(x_i, rowSums - x_i)
  CHECK_THAT(r.alpha, WithinAbs(0.87240637142988797, 1e-12));
  const double itc[] = {0.70717248128354682, 0.53561667300815108, 0.67359491396432869, 0.68121521692141362,
                        0.65574375485355862, 0.68601928029775283, 0.66169957256405132};
  const double aid[] = {0.84912098031181760, 0.87181469354620467, 0.85120408920680746, 0.85013376229375404,
                        0.85458770669522732, 0.84960279791250193, 0.85304787775891333};
  for (int i = 0; i < 7; ++i) {
    CHECK_THAT(r.item_total_correlation(i), WithinAbs(itc[i], 1e-12));
    CHECK_THAT(r.alpha_if_deleted(i), WithinAbs(aid[i], 1e-12));
  }
  CHECK(r.items[6] == "PERQ7");
}

TEST_CASE("reliability: a small 3-item scale matches R", "[survey][reliability]") {
  const auto r = cronbach_alpha(small());
  CHECK_THAT(r.alpha, WithinAbs(0.93495934959349603, 1e-13));
  CHECK_THAT(r.alpha_standardized, WithinAbs(0.94565617793735601, 1e-13));
  CHECK_THAT(r.item_total_correlation(0), WithinAbs(0.99999999999999989, 1e-13));
  CHECK_THAT(r.item_total_correlation(1), WithinAbs(0.80439966653984374, 1e-13));
  CHECK_THAT(r.item_total_correlation(2), WithinAbs(0.85959356611197302, 1e-13));
  CHECK_THAT(r.alpha_if_deleted(0), WithinAbs(0.80487804878048785, 1e-13));
  CHECK_THAT(r.alpha_if_deleted(1), WithinAbs(0.96078431372549011, 1e-13));
  CHECK_THAT(r.alpha_if_deleted(2), WithinAbs(0.94285714285714284, 1e-13));
  CHECK(r.items.empty());
}

TEST_CASE("reliability: standardized alpha is the raw alpha of z-scored items", "[survey][reliability]") {
  Eigen::MatrixXd x = small();
  x.col(1) *= 10;  // rescaling an item changes raw alpha but not the standardized one
  const auto r = cronbach_alpha(x);
  Eigen::MatrixXd z = x.rowwise() - x.colwise().mean();
  for (Eigen::Index j = 0; j < z.cols(); ++j) z.col(j) /= std::sqrt(z.col(j).squaredNorm() / 5);
  const auto rz = cronbach_alpha(z);
  CHECK_THAT(rz.alpha, WithinAbs(r.alpha_standardized, 1e-13));
  CHECK_THAT(r.alpha_standardized, WithinAbs(0.94565617793735601, 1e-13));
  CHECK(std::abs(r.alpha - 0.93495934959349603) > 0.01);
  for (Eigen::Index i = 0; i < 3; ++i)
    CHECK_THAT(rz.alpha_if_deleted(i), WithinAbs(r.alpha_standardized_if_deleted(i), 1e-13));
}

TEST_CASE("reliability: two parallel items have alpha 1, two items leave alpha-if-deleted undefined",
          "[survey][reliability]") {
  Eigen::MatrixXd x(4, 2);
  x << 1, 1, 2, 2, 3, 3, 5, 5;
  const auto r = cronbach_alpha(x, {"a", "b"});
  CHECK_THAT(r.alpha, WithinAbs(1.0, 1e-14));
  CHECK_THAT(r.alpha_standardized, WithinAbs(1.0, 1e-14));
  CHECK_THAT(r.mean_inter_item_correlation, WithinAbs(1.0, 1e-14));
  CHECK(std::isnan(r.alpha_if_deleted(0)));
  CHECK(std::isnan(r.alpha_standardized_if_deleted(1)));
}

TEST_CASE("reliability: missing data are an error naming the line and column", "[survey][reliability]") {
  const auto t = read_csv_text<double>("a,b,c\n1,2,3\n2,NA,4\n3,3,5\n", "rel.csv");
  CHECK_THROWS_AS(cronbach_alpha(t, {"a", "b", "c"}), csat::domain_error);
  CHECK_THROWS_WITH(cronbach_alpha(t, {"a", "b", "c"}), Contains("rel.csv:3: column \"b\" is missing"));
  CHECK_NOTHROW(cronbach_alpha(listwise_delete(t).data, {"a", "b", "c"}));
  Eigen::MatrixXd x = small();
  x(2, 1) = std::nan("");
  CHECK_THROWS_WITH(cronbach_alpha(x, {"p", "q", "r"}), Contains("items[2,1] (column \"q\")"));
}

TEST_CASE("reliability: fewer than two items or rows, or unknown items, are invalid arguments",
          "[survey][reliability]") {
  CHECK_THROWS_AS(cronbach_alpha(Eigen::MatrixXd::Ones(5, 1)), csat::invalid_argument);
  CHECK_THROWS_WITH(cronbach_alpha(Eigen::MatrixXd::Ones(5, 1)), Contains("at least 2 items"));
  CHECK_THROWS_AS(cronbach_alpha(Eigen::MatrixXd::Ones(1, 3)), csat::invalid_argument);
  const auto t = read_csv_text<double>("a,b\n1,2\n2,1\n", "u.csv");
  CHECK_THROWS_WITH(cronbach_alpha(t, {"a", "zz"}), Contains("\"zz\"") && Contains("u.csv"));
  CHECK_THROWS_AS(cronbach_alpha(t, {"a"}), csat::invalid_argument);
  CHECK_THROWS_AS(cronbach_alpha(small(), {"x", "y"}), csat::invalid_argument);
}

TEST_CASE("reliability: a constant item is a domain_error naming it", "[survey][reliability]") {
  Eigen::MatrixXd x = small();
  x.col(2).setConstant(3);
  CHECK_THROWS_AS(cronbach_alpha(x), csat::domain_error);
  CHECK_THROWS_WITH(cronbach_alpha(x, {"p", "q", "r"}), Contains("item \"r\" = 0") && Contains("must be positive"));
  x(0, 1) = std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(cronbach_alpha(x), Contains("items[0,1] = inf"));
}
