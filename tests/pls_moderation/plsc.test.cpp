// Issue 22: PLSc (consistent PLS) with an interaction term, as seminr 2.3.2 estimates it (estimate_pls with
// reflective() constructs plus interaction_term(): simplePLS, the interaction adjustment, then PLSc() with the
// interaction's ρ_A coerced to 1, paths from the disattenuated correlations, loadings corrected for the reflective
// blocks only), every interaction method, and its bootstrap replayed on seminr's resamples. Expected values:
// tests/reference/pls_interaction_combos.csv from tests/reference/pls_interaction_combos.R.
#include <csat/pls/moderation.hpp>
#include <csat/pls/quality.hpp>

#include <catch2/catch.hpp>

#include "support/shared.hpp"

#include <cmath>
#include <string>

using Catch::Matchers::WithinAbs;

namespace {

const char* const model_text =
    "Image        =~ IMAG1 + IMAG2 + IMAG3 + IMAG4 + IMAG5\n"
    "Expectation  =~ CUEX1 + CUEX2 + CUEX3\n"
    "Satisfaction =~ CUSA1 + CUSA2 + CUSA3\n"
    "Satisfaction ~ Image + Expectation + Image:Expectation\n";

struct plsc_reference {
  csat::survey::data_table<double> t;
  plsc_reference() {
    csat::survey::csv_options co;
    co.text_columns = {"kind", "method", "from", "to"};
    t = csat::survey::read_csv(csat_test::source_path("tests/reference/pls_interaction_combos.csv"), co);
  }
  // every row of `kind` for `method`: (from, to, column value)
  template <class F>
  std::size_t each(const std::string& kind, const std::string& method, F f, const char* column = "value") const {
    std::size_t n = 0;
    for (Eigen::Index i = 0; i < t.rows(); ++i) {
      const auto u = static_cast<std::size_t>(i);
      if (t.text_column("kind")[u] != kind || t.text_column("method")[u] != method) continue;
      f(t.text_column("from")[u], t.text_column("to")[u], t.values(i, t.index_of(column)), i);
      ++n;
    }
    return n;
  }
};

const plsc_reference& plsc_ref() {
  static const plsc_reference r;
  return r;
}

csat::survey::data_table<double> plsc_mobi() {
  return csat::survey::read_csv(csat_test::source_path("tests/data/pls_mobi.csv"));
}

csat::pls::moderation_options plsc(const std::string& method) {
  csat::pls::moderation_options o;
  o.method = csat::pls::interaction_method_from_string(method);
  o.estimation.consistent = true;
  return o;
}

constexpr double plsc_tol = 1e-6;

}  // namespace

TEST_CASE("PLSc with an interaction term reproduces seminr (every method)", "[pls][moderation][plsc][reference]") {
  const auto model = csat::pls::parse_moderated(model_text);
  const auto data = plsc_mobi();
  for (const std::string method : {"two-stage", "product-indicator", "orthogonal"}) {
    INFO("method " << method);
    const auto m = csat::pls::estimate_moderation(model, data, plsc(method));
    const auto& f = m.fit;
    CHECK(f.consistent);
    CHECK(f.converged);
    plsc_ref().each("iterations", method, [&](auto&, auto&, double v, auto) { CHECK(f.iterations == static_cast<int>(v)); });
    CHECK(plsc_ref().each("path", method, [&](const std::string& from, const std::string& to, double v, auto) {
      INFO("path " << from << " -> " << to);
      CHECK_THAT(f.path(from, to), WithinAbs(v, plsc_tol));
      CHECK_THAT(f.total_effect(from, to), WithinAbs(v, plsc_tol));
    }) == 3);
    // PLSc moves every path away from plain PLS, and the interaction's is the standardized coefficient on the
    // disattenuated correlations, not per unit of the adjusted score: without PLSc csat reproduces seminr's
    // plain paths, which differ from these by more than 0.01
    const auto p = csat::pls::estimate_moderation(model, data, [&] {
      auto o = plsc(method);
      o.estimation.consistent = false;
      return o;
    }());
    CHECK(plsc_ref().each("plain_path", method, [&](const std::string& from, const std::string& to, double v, auto) {
      INFO("plain path " << from << " -> " << to);
      CHECK_THAT(p.fit.path(from, to), WithinAbs(v, plsc_tol));
      CHECK(std::abs(p.fit.path(from, to) - f.path(from, to)) > 0.009);
    }) == 3);
    CHECK(plsc_ref().each("loading", method, [&](const std::string& item, const std::string& construct, double v, auto) {
      INFO("loading " << item << " on " << construct);
      CHECK(f.constructs[static_cast<std::size_t>(f.block[static_cast<std::size_t>(f.indicator_index(item))])] ==
            construct);
      CHECK_THAT(f.loading(item), WithinAbs(v, plsc_tol));
    }) == f.indicators.size());
    CHECK(plsc_ref().each("weight", method, [&](const std::string& item, const std::string&, double v, auto) {
      INFO("weight " << item);
      CHECK_THAT(f.weight(item), WithinAbs(v, plsc_tol));
    }) == f.indicators.size());
    plsc_ref().each("r2", method, [&](const std::string& k, auto&, double v, auto) { CHECK_THAT(f.r2(k), WithinAbs(v, plsc_tol)); });
    plsc_ref().each("r2_adj", method, [&](const std::string& k, auto&, double v, auto) { CHECK_THAT(f.r2_adj(k), WithinAbs(v, plsc_tol)); });
    const auto& q = m.reliability;
    auto at = [&](const std::string& k) {
      for (std::size_t i = 0; i < q.constructs.size(); ++i)
        if (q.constructs[i] == k) return static_cast<Eigen::Index>(i);
      FAIL("no construct " << k);
      return Eigen::Index(-1);
    };
    CHECK(plsc_ref().each("rho_a", method, [&](const std::string& k, auto&, double v, auto) {
      INFO("rho_A " << k);
      CHECK_THAT(q.rho_a(at(k)), WithinAbs(v, plsc_tol));
    }) == 4);
    plsc_ref().each("rho_c", method, [&](const std::string& k, auto&, double v, auto) { INFO("rho_C " << k); CHECK_THAT(q.rho_c(at(k)), WithinAbs(v, plsc_tol)); });
    plsc_ref().each("ave", method, [&](const std::string& k, auto&, double v, auto) { INFO("AVE " << k); CHECK_THAT(q.ave(at(k)), WithinAbs(v, plsc_tol)); });
    plsc_ref().each("alpha", method, [&](const std::string& k, auto&, double v, auto) { INFO("alpha " << k); CHECK_THAT(q.alpha(at(k)), WithinAbs(v, plsc_tol)); });
    // f² of the interaction: the reduced model (no interaction) re-estimated with PLSc
    plsc_ref().each("f2", method, [&](const std::string& from, const std::string& to, double v, auto) {
      const auto F = csat::pls::f_squared(f);
      CHECK_THAT(F(f.construct_index(from), f.construct_index(to)), WithinAbs(v, plsc_tol));
    });
    // the simple slopes use the PLSc paths
    const auto s = csat::pls::simple_slopes(m, "Image:Expectation", "Satisfaction");
    CHECK_THAT(s.rows[0].slope, WithinAbs(f.path("Image", "Satisfaction") - f.path("Image:Expectation", "Satisfaction"), 1e-15));
  }
}

TEST_CASE("PLSc moderation bootstrap replays seminr's resamples", "[pls][moderation][plsc][bootstrap][reference]") {
  const auto model = csat::pls::parse_moderated(model_text);
  const auto data = plsc_mobi();
  const auto idx = csat::pls::read_resample_indices(csat_test::source_path("tests/data/pls_mobi_boot_indices_plsc_int.csv"));
  REQUIRE(idx.rows() == 30);
  for (const std::string method : {"two-stage", "product-indicator", "orthogonal"}) {
    INFO("method " << method);
    csat::pls::bootstrap_options bo;
    bo.bca = false;
    bo.threads = 1;
    const auto b = csat::pls::bootstrap_moderation_indices(model, data, idx, plsc(method), bo);
    plsc_ref().each("boot_kept", method, [&](auto&, auto&, double v, auto) { CHECK(b.successful == static_cast<std::size_t>(v)); });
    CHECK(plsc_ref().each("boot_path", method, [&](const std::string& from, const std::string& to, double v, Eigen::Index i) {
      INFO("bootstrap path " << from << " -> " << to);
      const auto& t = plsc_ref().t;
      const csat::pls::parameter_summary<double>* s = nullptr;
      for (const auto& x : b.paths)
        if (x.from == from && x.to == to) s = &x;
      REQUIRE(s);
      CHECK_THAT(s->original, WithinAbs(v, plsc_tol));
      CHECK_THAT(s->mean, WithinAbs(t.values(i, t.index_of("mean")), plsc_tol));
      CHECK_THAT(s->sd, WithinAbs(t.values(i, t.index_of("sd")), plsc_tol));
    }) == 3);
  }
}
