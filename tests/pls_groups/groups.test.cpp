// Tests of csat/pls/groups.hpp: seminr 2.3.2's PLS-MGA of ECSI on mobi (split CUEX1 < 8) replayed from its
// per-group resamples; permutation results identical for 1, 2 and 8 threads; simulated groups with and without a
// real path difference (power and false-positive rate); MICOM; group columns of text labels and numeric codes;
// typed errors for bad group columns.
#include <csat/pls/groups.hpp>
#include <csat/model/presets.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/shared.hpp"

#include <cmath>
#include <fstream>
#include <random>
#include <string>
#include <vector>
#include "support/models.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;

using csat_test::ecsi;

namespace {


nlohmann::json reference() {
  std::ifstream f(csat_test::shared_path("reference/pls_beyond_mobi.json"));
  return nlohmann::json::parse(f);
}

// mobi with the seminr condition CUEX1 < 8 as labels "lt8" (group 1) / "ge8" (group 2).
csat::pls::group_split cuex_split(const csat::survey::data_table<double>& data) {
  const auto c = data.values.col(data.index_of("CUEX1"));
  std::vector<std::string> labels;
  for (Eigen::Index i = 0; i < c.size(); ++i) labels.push_back(c(i) < 8 ? "lt8" : "ge8");
  return csat::pls::split_groups(labels, "CUEX1<8");
}

// Two-construct population X -> Y (three items each, loadings 0.8), n cases per group, path beta[g] in group g.
// Portable normals: Box–Muller on 53-bit uniforms from mt19937_64.
struct normal_source {
  std::mt19937_64 gen;
  bool has = false;
  double spare = 0;
  explicit normal_source(std::uint64_t seed) : gen(seed) {}
  double uniform() { return (static_cast<double>(gen() >> 11) + 0.5) * (1.0 / 9007199254740992.0); }
  double operator()() {
    if (has) { has = false; return spare; }
    const double u = uniform(), v = uniform();
    const double r = std::sqrt(-2 * std::log(u)), t = 6.283185307179586 * v;
    spare = r * std::sin(t);
    has = true;
    return r * std::cos(t);
  }
};

csat::model::specification xy_model() {
  csat::model::specification s;
  s.composite("X", {"x1", "x2", "x3"});
  s.composite("Y", {"y1", "y2", "y3"});
  s.path("X", "Y");
  return s;
}

csat::survey::data_table<double> two_groups(const std::vector<double>& beta, Eigen::Index n, std::uint64_t seed,
                                            double mean_shift = 0) {
  normal_source z(seed);
  const Eigen::Index G = static_cast<Eigen::Index>(beta.size());
  csat::survey::data_table<double> t;
  t.source = "<simulated>";
  t.names = {"x1", "x2", "x3", "y1", "y2", "y3"};
  t.values.resize(G * n, 6);
  t.text_names = {"segment"};
  t.text.assign(1, {});
  const double lam = 0.8, e = std::sqrt(1 - lam * lam);
  for (Eigen::Index g = 0; g < G; ++g)
    for (Eigen::Index i = 0; i < n; ++i) {
      const Eigen::Index r = g * n + i;
      const double x = z() + (g == 1 ? mean_shift : 0.0);
      const double y = beta[static_cast<std::size_t>(g)] * x + std::sqrt(1 - beta[static_cast<std::size_t>(g)] * beta[static_cast<std::size_t>(g)]) * z();
      for (int j = 0; j < 3; ++j) t.values(r, j) = lam * x + e * z();
      for (int j = 0; j < 3; ++j) t.values(r, 3 + j) = lam * y + e * z();
      t.text[0].push_back(g == 0 ? "residential" : g == 1 ? "commercial" : "industrial");
    }
  t.missing.assign(6, 0);
  return t;
}

}  // namespace

TEST_CASE("MGA of ECSI on mobi (CUEX1 < 8) replays seminr 2.3.2 from its per-group resamples") {
  CSAT_NEED_SHARED("reference/pls_beyond_mobi.json");
  CSAT_NEED_SHARED("data/mobi_mga_cuex1lt8_group1_boot_indices_seed123_n1000.csv");
  const auto ref = reference()["mga"];
  const auto data = csat::survey::read_csv(csat_test::shared_path("data/mobi.csv"));
  const auto split = cuex_split(data);
  REQUIRE(split.size() == 2);
  CHECK(split.labels[0] == "lt8");
  CHECK(split.rows[0].size() == ref["n_group1"].get<std::size_t>());
  CHECK(split.rows[1].size() == ref["n_group2"].get<std::size_t>());
  for (std::size_t i = 0; i < split.rows[0].size(); ++i)
    CHECK(split.rows[0][i] + 1 == ref["group1_rows"][i].get<Eigen::Index>());
  const std::vector<Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic>> idx{
      csat::pls::read_resample_indices(csat_test::shared_path("data/mobi_mga_cuex1lt8_group1_boot_indices_seed123_n1000.csv")),
      csat::pls::read_resample_indices(csat_test::shared_path("data/mobi_mga_cuex1lt8_group2_boot_indices_seed123_n1000.csv"))};
  csat::pls::group_options go;
  go.permutations = 0;
  go.threads = 2;
  const auto r = csat::pls::compare_groups_indices(ecsi(), data, split, idx, {}, go);
  REQUIRE(r.groups.size() == 2);
  CHECK(r.henseler_J == 1000);
  CHECK(r.groups[0].boot_successful == 1000);
  CHECK(r.groups[1].boot_failed == 0);
  CHECK(r.caveat.empty());
  REQUIRE(r.comparisons.size() == ref["paths"].size());

  double worst = 0;
  auto near = [&](double got, double want) {
    worst = std::max(worst, std::abs(got - want));
    CHECK_THAT(got, WithinAbs(want, 1e-6));
  };
  for (const auto& rp : ref["paths"]) {
    const std::string from = rp["source"], to = rp["target"];
    const csat::pls::path_comparison<double>* c = nullptr;
    for (const auto& x : r.comparisons)
      if (x.from == from && x.to == to) c = &x;
    REQUIRE(c != nullptr);
    INFO(from << " -> " << to);
    CHECK(c->group_a == "lt8");
    near(c->beta_a, rp["group1_beta"]);
    near(c->beta_b, rp["group2_beta"]);
    near(c->diff, rp["diff"]);
    near(c->p_henseler, rp["pls_mga_p"]);
    const auto q = static_cast<Eigen::Index>(&*c - &r.comparisons[0]);
    near(r.groups[0].boot_mean(q), rp["group1_beta_mean"]);
    near(r.groups[1].boot_mean(q), rp["group2_beta_mean"]);
    CHECK(std::isnan(c->p_permutation));  // no permutations requested
    CHECK(c->p_parametric >= 0);
    CHECK(c->p_welch <= 1);
  }
  for (int g = 0; g < 2; ++g) {
    const auto& gb = ref[g == 0 ? "group1_bootstrap" : "group2_bootstrap"];
    for (const auto& e : gb) {
      const std::string path = e["path"];
      const auto arrow = path.find(" -> ");
      const std::string from = path.substr(0, arrow), to = path.substr(arrow + 4);
      Eigen::Index q = -1;
      for (std::size_t k = 0; k < r.path_from.size(); ++k)
        if (r.path_from[k] == from && r.path_to[k] == to) q = static_cast<Eigen::Index>(k);
      REQUIRE(q >= 0);
      INFO("group " << g + 1 << " " << path);
      near(r.groups[static_cast<std::size_t>(g)].boot_sd(q), e["boot_sd"]);
      near(r.groups[static_cast<std::size_t>(g)].boot_mean(q), e["boot_mean"]);
    }
    const auto& gm = ref[g == 0 ? "group1_model" : "group2_model"];
    const auto& est = r.groups[static_cast<std::size_t>(g)].estimate;
    CHECK(est.iterations == gm["iterations"].get<int>());
    for (const auto& e : gm["r_squared"]) near(est.r2(e["construct"]), e["r2"]);
    for (const auto& e : gm["r_squared"]) near(est.r2_adj(e["construct"]), e["r2_adj"]);
    for (const auto& e : gm["outer_weights"]) near(est.weight(e["indicator"]), e["value"]);
  }
  WARN("largest deviation from seminr's MGA block: " << worst);
}

TEST_CASE("Henseler's p-value equals the direct J x J count, seminr's order of operations") {
  std::mt19937_64 g(7);
  std::vector<double> x, y;
  for (int i = 0; i < 300; ++i) {
    x.push_back(static_cast<double>(g() % 1000) / 1000.0);
    y.push_back(static_cast<double>(g() % 1000) / 1000.0 + 0.05);
  }
  double ma = 0, mb = 0;
  for (auto v : x) ma += v;
  for (auto v : y) mb += v;
  ma /= 300;
  mb /= 300;
  double count = 0;
  for (auto xi : x)
    for (auto yj : y) count += (2 * ma - xi - 2 * mb + yj) > 0;
  CHECK(csat::pls::detail::henseler_p(x, y, ma, mb) == 1 - count / (300.0 * 300.0));
}

TEST_CASE("permutation test, MICOM and seeded bootstrap are identical for 1, 2 and 8 threads") {
  const auto data = two_groups({0.3, 0.5}, 80, 11);
  csat::pls::group_options go;
  go.resamples = 60;
  go.permutations = 150;
  go.seed = 99;
  go.threads = 1;
  const auto r1 = csat::pls::compare_groups(xy_model(), data, "segment", {}, go);
  go.threads = 2;
  const auto r2 = csat::pls::compare_groups(xy_model(), data, "segment", {}, go);
  go.threads = 8;
  const auto r8 = csat::pls::compare_groups(xy_model(), data, "segment", {}, go);
  for (const auto* r : {&r2, &r8}) {
    REQUIRE(r->comparisons.size() == r1.comparisons.size());
    for (std::size_t i = 0; i < r1.comparisons.size(); ++i) {
      CHECK(r->comparisons[i].p_permutation == r1.comparisons[i].p_permutation);
      CHECK(r->comparisons[i].p_henseler == r1.comparisons[i].p_henseler);
      CHECK(r->comparisons[i].p_welch == r1.comparisons[i].p_welch);
    }
    for (std::size_t g = 0; g < 2; ++g)
      CHECK((r->groups[g].boot_paths.array() == r1.groups[g].boot_paths.array()).all());
    REQUIRE(r->micom.size() == 1);
    for (std::size_t k = 0; k < 2; ++k) {
      const auto& a = r->micom[0].composites[k];
      const auto& b = r1.micom[0].composites[k];
      CHECK(a.c == b.c);
      CHECK(a.c_quantile == b.c_quantile);
      CHECK(a.p_c == b.p_c);
      CHECK(a.mean_lower == b.mean_lower);
      CHECK(a.var_upper == b.var_upper);
      CHECK(a.p_mean == b.p_mean);
    }
  }
  // a different seed gives different permutations
  go.seed = 100;
  const auto rs = csat::pls::compare_groups(xy_model(), data, "segment", {}, go);
  CHECK(rs.micom[0].composites[0].c_quantile != r1.micom[0].composites[0].c_quantile);
}

TEST_CASE("a real path difference between simulated groups is detected by every test") {
  // beta 0.3 vs 0.75, 150 cases per group: the difference is about 4 standard errors
  csat::pls::group_options go;
  go.resamples = 300;
  go.permutations = 300;
  go.threads = 2;
  int detected_perm = 0, detected_welch = 0, detected_henseler = 0;
  const int reps = 10;
  for (int rep = 0; rep < reps; ++rep) {
    const auto data = two_groups({0.3, 0.75}, 150, 1000 + static_cast<std::uint64_t>(rep));
    go.seed = static_cast<std::uint64_t>(rep);
    const auto r = csat::pls::compare_groups(xy_model(), data, "segment", {}, go);
    REQUIRE(r.comparisons.size() == 1);
    const auto& c = r.comparisons[0];
    CHECK(c.group_a == "residential");
    CHECK(c.diff < -0.2);
    detected_perm += c.p_permutation < 0.05;
    detected_welch += c.p_welch < 0.05;
    detected_henseler += c.p_henseler_two_sided < 0.05;
    if (rep == 0) {
      CHECK(c.p_parametric < 0.05);
      CHECK(c.p_henseler > 0.975);  // one-sided: beta_a < beta_b puts it near 1
      CHECK(c.p_henseler_two_sided < 0.05);
    }
  }
  CHECK(detected_perm >= 9);
  CHECK(detected_welch >= 9);
  CHECK(detected_henseler >= 9);
  WARN("detected in " << reps << " samples: permutation " << detected_perm << ", Welch " << detected_welch
                      << ", Henseler " << detected_henseler);
}

TEST_CASE("without a path difference the tests keep the nominal 5% false-positive rate") {
  // 400 simulated pairs of groups from one population; at alpha = 0.05 the rejection rate has a Monte-Carlo sd
  // of sqrt(.05 * .95 / 400) = 0.011, so it must lie in 0.05 +- 3 sd = [0.017, 0.083].
  const int reps = 400;
  csat::pls::group_options go;
  go.resamples = 100;
  go.permutations = 99;
  go.threads = 1;
  go.micom = false;
  int rej_perm = 0, rej_par = 0, rej_welch = 0, rej_hen = 0;
  for (int rep = 0; rep < reps; ++rep) {
    const auto data = two_groups({0.4, 0.4}, 80, 5000 + static_cast<std::uint64_t>(rep));
    go.seed = 77 + static_cast<std::uint64_t>(rep);
    const auto r = csat::pls::compare_groups(xy_model(), data, "segment", {}, go);
    const auto& c = r.comparisons[0];
    rej_perm += c.p_permutation <= 0.05;
    rej_par += c.p_parametric < 0.05;
    rej_welch += c.p_welch < 0.05;
    rej_hen += c.p_henseler_two_sided < 0.05;
  }
  const double lo = 0.017 * reps, hi = 0.083 * reps;
  WARN("rejections out of " << reps << ": permutation " << rej_perm << ", parametric " << rej_par << ", Welch "
                            << rej_welch << ", Henseler " << rej_hen);
  CHECK(rej_perm >= lo);
  CHECK(rej_perm <= hi);
  CHECK(rej_par >= lo);
  CHECK(rej_par <= hi);
  CHECK(rej_welch >= lo);
  CHECK(rej_welch <= hi);
  CHECK(rej_hen <= hi);
}

TEST_CASE("MICOM: one population is invariant, a shifted composite mean is found") {
  csat::pls::group_options go;
  go.resamples = 0;
  go.permutations = 500;
  go.threads = 2;
  SECTION("same population") {
    const auto data = two_groups({0.5, 0.5}, 200, 21);
    const auto r = csat::pls::compare_groups(xy_model(), data, "segment", {}, go);
    REQUIRE(r.micom.size() == 1);
    const auto& m = r.micom[0];
    CHECK(m.configural);
    for (const auto& c : m.composites) {
      CHECK(c.c > 0.99);
      CHECK(c.c <= 1.0 + 1e-12);
      CHECK(c.c_quantile > 0.95);
      CHECK(c.mean_lower < 0);
      CHECK(c.mean_upper > 0);
      CHECK(c.var_lower < 0);
      CHECK(c.var_upper > 0);
      CHECK(c.p_c > 0);
      CHECK(c.p_c <= 1);
    }
    // no bootstrap: MGA, parametric and Welch are NaN, the permutation test is there
    CHECK(std::isnan(r.comparisons[0].p_henseler));
    CHECK(std::isnan(r.comparisons[0].p_welch));
    CHECK(r.comparisons[0].p_permutation > 0);
  }
  SECTION("group 2 has a higher mean of X") {
    const auto data = two_groups({0.5, 0.5}, 200, 22, 0.6);
    const auto r = csat::pls::compare_groups(xy_model(), data, "segment", {}, go);
    const auto& x = r.micom[0].composites[0];
    CHECK(x.construct == "X");
    CHECK(x.compositional_invariance);
    CHECK(x.mean_diff < -0.3);  // a (residential) minus b (commercial), in pooled sd units
    CHECK_FALSE(x.equal_mean);
    CHECK(x.p_mean < 0.01);
    CHECK_FALSE(r.micom[0].full_invariance);
    CHECK(r.micom[0].partial_invariance);
  }
}

TEST_CASE("MICOM's permutation tests keep their nominal 5% rate in one population") {
  // 200 samples x 2 composites: each rate has a Monte-Carlo sd of about sqrt(.05 * .95 / 400) = 0.011
  csat::pls::group_options go;
  go.resamples = 0;
  go.permutations = 99;
  go.threads = 1;
  int rc = 0, rm = 0, rv = 0;
  const int reps = 200;
  for (int rep = 0; rep < reps; ++rep) {
    go.seed = static_cast<std::uint64_t>(rep);
    const auto r = csat::pls::compare_groups(xy_model(), two_groups({0.5, 0.5}, 100, 300 + static_cast<std::uint64_t>(rep)),
                                             "segment", {}, go);
    for (const auto& c : r.micom[0].composites) {
      rc += !c.compositional_invariance;
      rm += !c.equal_mean;
      rv += !c.equal_var;
    }
  }
  WARN("non-invariance out of " << 2 * reps << ": compositional " << rc << ", mean " << rm << ", variance " << rv);
  for (int x : {rc, rm, rv}) {
    CHECK(x >= 0.017 * 2 * reps);
    CHECK(x <= 0.083 * 2 * reps);
  }
}

TEST_CASE("groups from numeric codes and from text labels, three groups give three pairs and the caveat") {
  auto data = two_groups({0.3, 0.5, 0.7}, 60, 31);
  csat::pls::group_options go;
  go.resamples = 50;
  go.permutations = 50;
  go.threads = 2;
  const auto r = csat::pls::compare_groups(xy_model(), data, "segment", {}, go);
  REQUIRE(r.groups.size() == 3);
  CHECK(r.groups[2].label == "industrial");
  CHECK(r.groups[1].rows.size() == 60);
  REQUIRE(r.comparisons.size() == 3);
  CHECK(r.comparisons[1].group_a == "residential");
  CHECK(r.comparisons[1].group_b == "industrial");
  CHECK(r.comparisons[2].group_a == "commercial");
  CHECK(r.micom.size() == 3);
  CHECK_THAT(r.caveat, Contains("3 pairwise comparisons") && Contains("not adjusted"));

  // the same groups as numeric codes 95598 / 2 / 3 in a numeric column; one row without a code is left out
  data.names.push_back("channel");
  data.values.conservativeResize(Eigen::NoChange, 7);
  for (Eigen::Index i = 0; i < data.rows(); ++i) data.values(i, 6) = i < 60 ? 95598 : i < 120 ? 2 : 3;
  data.values(5, 6) = std::nan("");
  data.missing.push_back(1);
  const auto split = csat::pls::split_groups(data, "channel");
  REQUIRE(split.labels == std::vector<std::string>{"95598", "2", "3"});
  CHECK(split.unlabelled == std::vector<Eigen::Index>{5});
  const auto rc = csat::pls::compare_groups(xy_model(), data, split, {}, go);
  CHECK(rc.groups[0].rows.size() == 59);
  CHECK(rc.unlabelled.size() == 1);
  CHECK(rc.groups[1].estimate.path("X", "Y") == r.groups[1].estimate.path("X", "Y"));
  CHECK(csat::pls::detail::code_label(2.5) == "2.5");
}

TEST_CASE("bad group columns are typed errors naming the column, the group and its size") {
  auto data = two_groups({0.3, 0.5}, 60, 41);
  csat::pls::group_options go;
  go.resamples = 20;
  go.permutations = 20;
  CHECK_THROWS_AS(csat::pls::compare_groups(xy_model(), data, "region", {}, go), csat::invalid_argument);
  CHECK_THROWS_WITH(csat::pls::compare_groups(xy_model(), data, "region", {}, go),
                    Contains("group column \"region\" is not in <simulated>"));
  // a single group
  for (auto& l : data.text[0]) l = "residential";
  CHECK_THROWS_AS(csat::pls::compare_groups(xy_model(), data, "segment", {}, go), csat::invalid_argument);
  CHECK_THROWS_WITH(csat::pls::compare_groups(xy_model(), data, "segment", {}, go),
                    Contains("single group \"residential\" (120 cases)"));
  // a group of 4 cases
  for (std::size_t i = 0; i < 4; ++i) data.text[0][i] = "agricultural";
  CHECK_THROWS_AS(csat::pls::compare_groups(xy_model(), data, "segment", {}, go), csat::invalid_argument);
  CHECK_THROWS_WITH(csat::pls::compare_groups(xy_model(), data, "segment", {}, go),
                    Contains("group \"agricultural\" of column \"segment\" has 4 cases, but at least 10 are needed"));
  // the documented minimum can be lowered, but not below what the model needs (3 for X -> Y)
  go.min_group_size = 2;
  for (std::size_t i = 2; i < 4; ++i) data.text[0][i] = "residential";
  CHECK_THROWS_WITH(csat::pls::compare_groups(xy_model(), data, "segment", {}, go),
                    Contains("has 2 cases, but at least 3 are needed"));
  // a group in which an indicator is constant: named with its group
  data = two_groups({0.3, 0.5}, 60, 42);
  for (Eigen::Index i = 60; i < 120; ++i) data.values(i, 4) = 3;
  go.min_group_size = 10;
  CHECK_THROWS_AS(csat::pls::compare_groups(xy_model(), data, "segment", {}, go), csat::domain_error);
  CHECK_THROWS_WITH(csat::pls::compare_groups(xy_model(), data, "segment", {}, go),
                    Contains("group \"commercial\" (60 cases)") && Contains("\"y2\""));
  // resample files for the wrong number of groups
  data = two_groups({0.3, 0.5}, 60, 43);
  std::vector<Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic>> one{csat::pls::resample_indices(60, 5, 1)};
  CHECK_THROWS_WITH(csat::pls::compare_groups_indices(xy_model(), data, csat::pls::split_groups(data, "segment"), one, {}, go),
                    Contains("resample indices were given for 1 groups, but column \"segment\" has 2"));
}

TEST_CASE("missing indicator values: the policy is applied to the pooled data, then the groups are formed") {
  auto data = two_groups({0.3, 0.5}, 40, 51);
  data.values(3, 1) = std::nan("");
  data.missing[1] = 1;
  csat::pls::group_options go;
  go.resamples = 20;
  go.permutations = 20;
  go.threads = 2;
  CHECK_THROWS_AS(csat::pls::compare_groups(xy_model(), data, "segment", {}, go), csat::domain_error);
  CHECK_THROWS_WITH(csat::pls::compare_groups(xy_model(), data, "segment", {}, go), Contains("x2"));
  csat::pls::estimate_options eo;
  eo.missing = csat::survey::missing_policy::listwise;
  const auto r = csat::pls::compare_groups(xy_model(), data, "segment", eo, go);
  REQUIRE(r.missing.excluded.size() == 1);
  CHECK(r.missing.excluded[0].row == 3);
  CHECK(r.groups[0].rows.size() == 39);
  CHECK(r.groups[0].rows[3] == 4);  // rows of the input table
  CHECK(r.groups[0].estimate.n_used == 39);
  CHECK(r.groups[1].estimate.n_used == 40);
  go.min_group_size = 40;
  CHECK_THROWS_WITH(csat::pls::compare_groups(xy_model(), data, "segment", eo, go),
                    Contains("group \"residential\" of column \"segment\" has 39 cases after the missing-data policy"));
}
