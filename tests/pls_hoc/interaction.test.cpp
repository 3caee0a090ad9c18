// Issue 22: a two-stage higher-order construct together with an interaction term, as seminr 2.3.2 combines
// higher_composite(..., method = two_stage) with interaction_term(): the higher-order stages of the main-effects
// model first, then the interaction on the final stage's model (a HOC's items being its dimension scores).
// f² (seminr's fSquared) and the bootstrap are checked as well.
// Expected values: tests/reference/pls_interaction_combos.csv (kinds a_* and b_*) from
// tests/reference/pls_interaction_combos.R, every interaction method.
#include <csat/pls/moderation.hpp>

#include <catch2/catch.hpp>

#include "support/shared.hpp"

#include <cmath>
#include <string>

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;

namespace {

const char* const measurement =
    "Image        =~ IMAG1 + IMAG2 + IMAG3 + IMAG4 + IMAG5\n"
    "Expectation  =~ CUEX1 + CUEX2 + CUEX3\n"
    "Quality      =~ PERQ1 + PERQ2 + PERQ3 + PERQ4 + PERQ5 + PERQ6 + PERQ7\n"
    "Value        =~ PERV1 + PERV2\n"
    "Service      =~ Quality + Value\n"
    "Satisfaction =~ CUSA1 + CUSA2 + CUSA3\n"
    "Expectation  ~ Image\n";
const char* const structural_a = "Satisfaction ~ Image + Service + Image:Service\n";
const char* const structural_b = "Satisfaction ~ Image + Expectation + Service + Image:Expectation\n";

struct combo_reference {
  csat::survey::data_table<double> t;
  combo_reference() {
    csat::survey::csv_options co;
    co.text_columns = {"kind", "method", "from", "to"};
    t = csat::survey::read_csv(csat_test::source_path("tests/reference/pls_interaction_combos.csv"), co);
  }
  template <class F>
  std::size_t each(const std::string& kind, const std::string& method, F f) const {
    std::size_t n = 0;
    for (Eigen::Index i = 0; i < t.rows(); ++i) {
      const auto u = static_cast<std::size_t>(i);
      if (t.text_column("kind")[u] != kind || t.text_column("method")[u] != method) continue;
      f(t.text_column("from")[u], t.text_column("to")[u], t.values(i, t.index_of("value")));
      ++n;
    }
    return n;
  }
};

const combo_reference& combo_ref() {
  static const combo_reference r;
  return r;
}

constexpr double combo_tol = 1e-6;

void check_model(const std::string& prefix, const std::string& structural, const std::string& method) {
  INFO("model " << prefix << structural << "method " << method);
  const auto data = csat::survey::read_csv(csat_test::source_path("tests/data/pls_mobi_hoc.csv"));
  csat::pls::moderation_options o;
  o.method = csat::pls::interaction_method_from_string(method);
  const auto r = csat::pls::estimate_higher_order_moderation(csat::pls::parse_moderated(measurement + structural),
                                                             data, o);
  const auto& h = r.higher_order;
  const auto& f = r.moderation.fit;
  REQUIRE(h.stages.size() == 2);
  CHECK(f.converged);
  combo_ref().each(prefix + "iterations", method, [&](auto&, auto&, double v) { CHECK(f.iterations == static_cast<int>(v)); });
  CHECK(combo_ref().each(prefix + "path", method, [&](const std::string& from, const std::string& to, double v) {
    INFO("path " << from << " -> " << to);
    CHECK_THAT(f.path(from, to), WithinAbs(v, combo_tol));
  }) == static_cast<std::size_t>(f.structure.sum()));
  // seminr's combined measurement model: the dimensions' items from stage 1, everything else from the final model
  // (the HOC on its dimension scores, the interaction items built from them)
  std::size_t dims = 0;
  auto measured = [&](const std::string& kind, bool loading) {
    return combo_ref().each(prefix + kind, method, [&](const std::string& item, const std::string& construct, double v) {
      INFO(kind << " " << item << " on " << construct);
      const bool dimension = construct == "Quality" || construct == "Value";
      if (dimension) {
        ++dims;
        const auto& row = h.row(construct, item);
        CHECK(row.stage == 0);
        CHECK_THAT(loading ? row.loading : row.weight, WithinAbs(v, combo_tol));
      } else {
        CHECK(f.constructs[static_cast<std::size_t>(f.block[static_cast<std::size_t>(f.indicator_index(item))])] ==
              construct);
        CHECK_THAT(loading ? f.loading(item) : f.weight(item), WithinAbs(v, combo_tol));
      }
    });
  };
  CHECK(measured("loading", true) == f.indicators.size() + 9);
  CHECK(measured("weight", false) == f.indicators.size() + 9);
  CHECK(dims == 18);
  combo_ref().each(prefix + "r2", method, [&](const std::string& k, auto&, double v) { CHECK_THAT(f.r2(k), WithinAbs(v, combo_tol)); });
  combo_ref().each(prefix + "r2_adj", method, [&](const std::string& k, auto&, double v) { CHECK_THAT(f.r2_adj(k), WithinAbs(v, combo_tol)); });
  // reliability: the final constructs from the moderated fit, the dimensions from their stage
  const auto& q = r.moderation.reliability;
  auto rel = [&](const std::string& k, int which) {
    for (std::size_t i = 0; i < q.constructs.size(); ++i)
      if (q.constructs[i] == k) {
        const auto e = static_cast<Eigen::Index>(i);
        return which == 0 ? q.alpha(e) : which == 1 ? q.rho_c(e) : which == 2 ? q.ave(e) : q.rho_a(e);
      }
    const auto e = static_cast<Eigen::Index>(h.index_of(k));
    const auto& hr = h.reliability;
    return which == 0 ? hr.alpha(e) : which == 1 ? hr.rho_c(e) : which == 2 ? hr.ave(e) : hr.rho_a(e);
  };
  int which = 0;
  for (const char* kind : {"alpha", "rho_c", "ave", "rho_a"}) {
    CHECK(combo_ref().each(prefix + kind, method, [&](const std::string& k, auto&, double v) {
      INFO(kind << " " << k);
      CHECK_THAT(rel(k, which), WithinAbs(v, combo_tol));
    }) == 7);
    ++which;
  }
  combo_ref().each(prefix + "score1", method, [&](const std::string& k, auto&, double v) {
    CHECK_THAT(f.scores(0, f.construct_index(k)), WithinAbs(v, combo_tol));
  });
  // f² as seminr's fSquared: the whole procedure re-run without the path (NaN for the interaction's factors)
  const auto& F = f.precomputed_f_squared;
  const std::size_t nf = combo_ref().each(prefix + "f2", method, [&](const std::string& from, const std::string& to, double v) {
    INFO("f2 " << from << " -> " << to);
    const double x = F(f.construct_index(from), f.construct_index(to));
    if (std::isnan(v)) CHECK(std::isnan(x));
    else CHECK_THAT(x, WithinAbs(v, combo_tol));
  });
  if (prefix == "a_") CHECK(nf == 4);
  // the first stage of the two-stage interaction method is the final main-effects stage
  if (r.moderation.has_first_stage)
    CHECK((r.moderation.first_stage.paths - h.final_fit().paths).cwiseAbs().maxCoeff() < 1e-12);
}

}  // namespace

TEST_CASE("two-stage HOC with an interaction of the HOC reproduces seminr", "[pls][hoc][moderation][reference]") {
  for (const std::string method : {"two-stage", "product-indicator", "orthogonal"}) check_model("a_", structural_a, method);
}

TEST_CASE("two-stage HOC with an interaction of two first-order constructs reproduces seminr",
          "[pls][hoc][moderation][reference]") {
  for (const std::string method : {"two-stage", "product-indicator", "orthogonal"}) check_model("b_", structural_b, method);
}

TEST_CASE("HOC with interaction terms: bad combinations", "[pls][hoc][moderation]") {
  const auto data = csat::survey::read_csv(csat_test::source_path("tests/data/pls_mobi_hoc.csv"));
  const auto m = csat::pls::parse_moderated(std::string(measurement) + structural_a);
  CHECK_THROWS_AS(csat::pls::estimate_higher_order_moderation(m, data, {}, csat::pls::hoc_method::repeated_indicators),
                  csat::invalid_argument);
  CHECK_THROWS_WITH(csat::pls::estimate_higher_order_moderation(m, data, {}, csat::pls::hoc_method::repeated_indicators),
                    Contains("two-stage"));
  const auto dim = csat::pls::parse_moderated(std::string(measurement) +
                                              "Satisfaction ~ Image + Service + Image:Quality\n", "m.txt");
  CHECK_THROWS_WITH(csat::pls::estimate_higher_order_moderation(dim, data),
                    Contains("m.txt:8:") && Contains("\"Quality\" is a dimension of higher-order construct \"Service\""));
}

TEST_CASE("HOC with an interaction term: bootstrap replays seminr's resamples", "[pls][hoc][moderation][bootstrap][reference]") {
  const auto data = csat::survey::read_csv(csat_test::source_path("tests/data/pls_mobi_hoc.csv"));
  const auto m = csat::pls::parse_moderated(std::string(measurement) + structural_a);
  const auto idx = csat::pls::read_resample_indices(csat_test::source_path("tests/data/pls_mobi_hoc_boot_indices.csv"));
  REQUIRE(idx.rows() == 20);
  for (const std::string method : {"two-stage", "product-indicator", "orthogonal"}) {
    INFO("method " << method);
    csat::pls::moderation_options o;
    o.method = csat::pls::interaction_method_from_string(method);
    csat::pls::bootstrap_options bo;
    bo.threads = 2;
    const auto r = csat::pls::bootstrap_higher_order_moderation(m, data, o, bo, csat::pls::hoc_method::two_stage, &idx);
    const auto& b = r.bootstrap;
    combo_ref().each("a_boot_kept", method, [&](auto&, auto&, double v) { CHECK(b.successful == static_cast<std::size_t>(v)); });
    const auto& t = combo_ref().t;
    std::size_t n = 0;
    for (Eigen::Index i = 0; i < t.rows(); ++i) {
      const auto u = static_cast<std::size_t>(i);
      if (t.text_column("kind")[u] != "a_boot_path" || t.text_column("method")[u] != method) continue;
      const auto& from = t.text_column("from")[u];
      const auto& to = t.text_column("to")[u];
      INFO("bootstrap path " << from << " -> " << to);
      const csat::pls::parameter_summary<double>* s = nullptr;
      for (const auto& x : b.paths)
        if (x.from == from && x.to == to) s = &x;
      REQUIRE(s);
      CHECK_THAT(s->original, WithinAbs(t.values(i, t.index_of("value")), combo_tol));
      CHECK_THAT(s->mean, WithinAbs(t.values(i, t.index_of("mean")), combo_tol));
      CHECK_THAT(s->sd, WithinAbs(t.values(i, t.index_of("sd")), combo_tol));
      ++n;
    }
    CHECK(n == 4);
    // the slope draws are β_X + β_XM·m of each resample's path draws
    CHECK(b.simple_slopes.size() == 3);
  }
}
