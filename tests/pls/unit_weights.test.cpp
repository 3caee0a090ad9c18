// Issue 22: unit weights (model::mode::unit, seminr's `composite(..., weights = unit_weights)`, type "UNIT").
// Expected values: tests/reference/pls_unit_weights.R (seminr 2.3.2) → tests/reference/pls_unit_weights.csv; data
// in tests/data/ (seminr's own mobi, no ../shared needed).
#include <csat/model/specification.hpp>
#include <csat/pls/bootstrap.hpp>
#include <csat/pls/higher_order.hpp>
#include <csat/pls/quality.hpp>

#include <catch2/catch.hpp>

#include "support/shared.hpp"

#include <cmath>
#include <string>
#include <vector>

using Catch::Matchers::WithinAbs;

namespace {

const char* unit_ecsi_text =
    "Image        <~ 1*IMAG1 + 1*IMAG2 + 1*IMAG3 + 1*IMAG4 + 1*IMAG5\n"
    "Expectation  =~ CUEX1 + CUEX2 + CUEX3\n"
    "Quality      =~ PERQ1 + PERQ2 + PERQ3 + PERQ4 + PERQ5 + PERQ6 + PERQ7\n"
    "Value        <~ 1*PERV1 + 1*PERV2\n"
    "Satisfaction =~ CUSA1 + CUSA2 + CUSA3\n"
    "Complaints   =~ CUSCO\n"
    "Loyalty      =~ CUSL1 + CUSL2 + CUSL3\n"
    "Expectation  ~ Image\n"
    "Quality      ~ Expectation\n"
    "Value        ~ Expectation + Quality\n"
    "Satisfaction ~ Image + Expectation + Quality + Value\n"
    "Complaints   ~ Satisfaction\n"
    "Loyalty      ~ Image + Satisfaction + Complaints\n";

struct unit_ref_row {
  std::string model, kind, a, b;
  double value;
};

const std::vector<unit_ref_row>& reference() {
  static const std::vector<unit_ref_row> rows = [] {
    csat::survey::csv_options o;
    o.text_columns = {"model", "kind", "a", "b"};
    const auto t = csat::survey::read_csv(csat_test::source_path("tests/reference/pls_unit_weights.csv"), o);
    std::vector<unit_ref_row> out;
    for (Eigen::Index i = 0; i < t.rows(); ++i) {
      const auto u = static_cast<std::size_t>(i);
      out.push_back({t.text_column("model")[u], t.text_column("kind")[u], t.text_column("a")[u],
                     t.text_column("b")[u], t.values(i, t.index_of("value"))});
    }
    return out;
  }();
  return rows;
}

std::vector<unit_ref_row> rows_of(const std::string& model, const std::string& kind) {
  std::vector<unit_ref_row> out;
  for (const auto& r : reference())
    if (r.model == model && r.kind == kind) out.push_back(r);
  REQUIRE(!out.empty());
  return out;
}

const csat::survey::data_table<double>& unit_mobi() {
  static const auto t = csat::survey::read_csv(csat_test::source_path("tests/data/pls_mobi_full.csv"));
  return t;
}

double reliability_of(const csat::pls::reliability_result<double>& q, const std::string& kind, Eigen::Index k) {
  if (kind == "alpha") return q.alpha(k);
  if (kind == "rhoC") return q.rho_c(k);
  if (kind == "AVE") return q.ave(k);
  return q.rho_a(k);
}

}  // namespace

TEST_CASE("unit weights: the builder and the syntax give mode::unit", "[pls][unit]") {
  using csat::model::mode;
  CHECK(std::string(csat::model::to_string(mode::unit)) == "unit");
  csat::model::specification s;
  s.unit_weighted("Image", {"IMAG1", "IMAG2"}).composite("Value", {"PERV1", "PERV2"}, mode::unit).path("Image", "Value");
  CHECK(s.at("Image").mode == mode::unit);
  CHECK(s.at("Value").mode == mode::unit);
  const auto t = csat::model::from_syntax(unit_ecsi_text);
  CHECK(t.at("Image").mode == mode::unit);
  CHECK(t.at("Value").mode == mode::unit);
  CHECK(t.at("Expectation").mode == mode::A);
}

TEST_CASE("unit weights: ECSI on mobi with Image and Value unit-weighted reproduces seminr", "[pls][unit][reference]") {
  const auto spec = csat::model::from_syntax(unit_ecsi_text);
  const auto r = csat::pls::estimate(spec, unit_mobi());
  REQUIRE(r.converged);
  CHECK(r.iterations == static_cast<int>(rows_of("plain", "iterations")[0].value));

  // why they agree: the weights of a unit block are its unit weights scaled to a unit-variance composite,
  // 1/√(1ᵀR1), whatever the inner proxies say
  for (const std::string k : {"Image", "Value"}) {
    const auto kk = r.construct_index(k);
    std::vector<Eigen::Index> items;
    for (std::size_t i = 0; i < r.indicators.size(); ++i)
      if (r.block[i] == kk) items.push_back(static_cast<Eigen::Index>(i));
    double sum = 0;
    for (auto i : items)
      for (auto j : items) sum += r.indicator_correlations(i, j);
    for (auto i : items) CHECK_THAT(r.weights(i, kk), WithinAbs(1 / std::sqrt(sum), 1e-14));
  }

  for (const auto& x : rows_of("plain", "path")) CHECK_THAT(r.path(x.a, x.b), WithinAbs(x.value, 1e-6));
  for (const auto& x : rows_of("plain", "weight")) CHECK_THAT(r.weight(x.a), WithinAbs(x.value, 1e-6));
  for (const auto& x : rows_of("plain", "loading")) CHECK_THAT(r.loading(x.a), WithinAbs(x.value, 1e-6));
  for (const auto& x : rows_of("plain", "r2")) CHECK_THAT(r.r2(x.a), WithinAbs(x.value, 1e-6));
  for (const auto& x : rows_of("plain", "r2_adj")) CHECK_THAT(r.r2_adj(x.a), WithinAbs(x.value, 1e-6));

  const auto q = csat::pls::quality(r);
  for (const std::string kind : {"alpha", "rhoC", "AVE", "rhoA"})
    for (const auto& x : rows_of("plain", kind)) {
      INFO(kind << " of " << x.a);
      CHECK_THAT(reliability_of(q.reliability, kind, r.construct_index(x.a)), WithinAbs(x.value, 1e-6));
    }
  // ρ_A of a unit-weighted block is its standardized α (seminr computes ρ_A for UNIT from the equal weights)
  for (const std::string k : {"Image", "Value"})
    CHECK_THAT(q.reliability.rho_a(r.construct_index(k)), WithinAbs(q.reliability.alpha(r.construct_index(k)), 1e-12));
  for (const auto& x : rows_of("plain", "htmt"))
    CHECK_THAT(q.htmt(r.construct_index(x.a), r.construct_index(x.b)), WithinAbs(x.value, 1e-6));
  for (const auto& x : rows_of("plain", "f2"))
    CHECK_THAT(q.f_squared(r.construct_index(x.a), r.construct_index(x.b)), WithinAbs(x.value, 1e-6));
  for (const auto& x : rows_of("plain", "item_vif"))
    CHECK_THAT(q.item_vif(r.indicator_index(x.a)), WithinAbs(x.value, 1e-6));
  // unit blocks are judged as Mode A blocks: Image's AVE 0.478 is flagged
  bool image_ave = false;
  for (const auto& f : q.flags) image_ave = image_ave || (f.criterion == "ave" && f.subject == "Image");
  CHECK(image_ave);

  // the builder gives the same model
  csat::model::specification b;
  b.unit_weighted("Image", {"IMAG1", "IMAG2", "IMAG3", "IMAG4", "IMAG5"})
      .composite("Expectation", {"CUEX1", "CUEX2", "CUEX3"})
      .composite("Quality", {"PERQ1", "PERQ2", "PERQ3", "PERQ4", "PERQ5", "PERQ6", "PERQ7"})
      .composite("Value", {"PERV1", "PERV2"}, csat::model::mode::unit)
      .composite("Satisfaction", {"CUSA1", "CUSA2", "CUSA3"})
      .single_item("Complaints", "CUSCO")
      .composite("Loyalty", {"CUSL1", "CUSL2", "CUSL3"})
      .paths({"Image"}, {"Expectation", "Satisfaction", "Loyalty"})
      .paths({"Expectation"}, {"Quality", "Value", "Satisfaction"})
      .paths({"Quality"}, {"Value", "Satisfaction"})
      .paths({"Value"}, {"Satisfaction"})
      .paths({"Satisfaction"}, {"Complaints", "Loyalty"})
      .paths({"Complaints"}, {"Loyalty"});
  const auto rb = csat::pls::estimate(b, unit_mobi());
  CHECK((rb.paths - r.paths).cwiseAbs().maxCoeff() < 1e-12);
  CHECK((rb.weights - r.weights).cwiseAbs().maxCoeff() < 1e-12);
}

TEST_CASE("unit weights: PLSc disattenuates unit blocks by their rho_A and keeps their loadings (seminr)",
          "[pls][unit][plsc][reference]") {
  const auto spec = csat::model::from_syntax(unit_ecsi_text);
  csat::pls::estimate_options o;
  o.consistent = true;
  const auto r = csat::pls::estimate(spec, unit_mobi(), o);
  REQUIRE(r.converged);
  for (const auto& x : rows_of("plsc", "path")) CHECK_THAT(r.path(x.a, x.b), WithinAbs(x.value, 1e-6));
  for (const auto& x : rows_of("plsc", "loading")) CHECK_THAT(r.loading(x.a), WithinAbs(x.value, 1e-6));
  for (const auto& x : rows_of("plsc", "weight")) CHECK_THAT(r.weight(x.a), WithinAbs(x.value, 1e-6));
  for (const auto& x : rows_of("plsc", "r2")) CHECK_THAT(r.r2(x.a), WithinAbs(x.value, 1e-6));
  const auto q = csat::pls::reliability(r);
  for (const std::string kind : {"alpha", "rhoC", "AVE", "rhoA"})
    for (const auto& x : rows_of("plsc", kind)) {
      INFO(kind << " of " << x.a);
      CHECK_THAT(reliability_of(q, kind, r.construct_index(x.a)), WithinAbs(x.value, 1e-6));
    }
  // the unit block's loadings are the plain ones (cor(item, composite)); its correlations are disattenuated
  const auto plain = csat::pls::estimate(spec, unit_mobi());
  CHECK_THAT(r.loading("IMAG1"), WithinAbs(plain.loading("IMAG1"), 1e-12));
  const auto i = r.construct_index("Image"), e = r.construct_index("Expectation");
  CHECK_THAT(r.structural_correlations(i, e),
             WithinAbs(plain.construct_correlations(i, e) / std::sqrt(r.rho_a(i) * r.rho_a(e)), 1e-12));
}

TEST_CASE("unit weights: a unit-weighted higher-order composite, two-stage (seminr's higher_composite)",
          "[pls][unit][hoc][reference]") {
  const auto spec = csat::model::from_syntax(
      "Image =~ IMAG1 + IMAG2 + IMAG3 + IMAG4 + IMAG5\n"
      "Expectation =~ CUEX1 + CUEX2 + CUEX3\n"
      "Quality =~ PERQ1 + PERQ2 + PERQ3 + PERQ4 + PERQ5 + PERQ6 + PERQ7\n"
      "Value =~ PERV1 + PERV2\n"
      "Service <~ 1*Quality + 1*Value\n"
      "Satisfaction =~ CUSA1 + CUSA2 + CUSA3\n"
      "Expectation ~ Image\n"
      "Service ~ Expectation\n"
      "Satisfaction ~ Image + Service\n");
  CHECK(spec.at("Service").mode == csat::model::mode::unit);
  CHECK(spec.at("Service").higher_order);
  const auto h = csat::pls::estimate_higher_order(spec, unit_mobi());
  const auto& f = h.final_fit();
  for (const auto& x : rows_of("hoc", "path")) CHECK_THAT(f.path(x.a, x.b), WithinAbs(x.value, 1e-6));
  for (const auto& x : rows_of("hoc", "r2")) CHECK_THAT(f.r2(x.a), WithinAbs(x.value, 1e-6));
  for (const auto& x : rows_of("hoc", "weight")) {
    CHECK_THAT(h.row(x.b, x.a).weight, WithinAbs(x.value, 1e-6));
    CHECK(h.row(x.b, x.a).type == "HOCunit");
  }
  for (const auto& x : rows_of("hoc", "loading")) CHECK_THAT(h.row(x.b, x.a).loading, WithinAbs(x.value, 1e-6));
  const auto k = static_cast<Eigen::Index>(h.index_of("Service"));
  for (const std::string kind : {"alpha", "rhoC", "AVE", "rhoA"})
    for (const auto& x : rows_of("hoc", kind)) {
      INFO(kind);
      CHECK_THAT(reliability_of(h.reliability, kind, k), WithinAbs(x.value, 1e-6));
    }
}

TEST_CASE("unit weights: replaying seminr's 30 resamples gives its bootstrap means and sds",
          "[pls][unit][bootstrap][reference]") {
  const auto spec = csat::model::from_syntax(unit_ecsi_text);
  const auto idx = csat::pls::read_resample_indices(csat_test::source_path("tests/data/pls_mobi_boot_indices_unit.csv"));
  REQUIRE(idx.rows() == 30);
  const auto b = csat::pls::bootstrap_indices(spec, unit_mobi(), idx);
  CHECK(b.successful == 30);
  auto find = [](const std::vector<csat::pls::parameter_summary<double>>& v, const std::string& from,
                 const std::string& to) -> const csat::pls::parameter_summary<double>& {
    for (const auto& s : v)
      if (s.from == from && s.to == to) return s;
    FAIL("no summary " << from << " -> " << to);
    return v.front();
  };
  for (const auto& x : rows_of("boot", "path_mean")) CHECK_THAT(find(b.paths, x.a, x.b).mean, WithinAbs(x.value, 1e-6));
  for (const auto& x : rows_of("boot", "path_sd")) CHECK_THAT(find(b.paths, x.a, x.b).sd, WithinAbs(x.value, 1e-6));
  for (const auto& x : rows_of("boot", "weight_mean"))
    CHECK_THAT(find(b.weights, x.a, x.b).mean, WithinAbs(x.value, 1e-6));
  for (const auto& x : rows_of("boot", "weight_sd")) CHECK_THAT(find(b.weights, x.a, x.b).sd, WithinAbs(x.value, 1e-6));
  // within every resample the unit weights stay equal: IMAG1's and IMAG5's draws have the same mean and sd
  CHECK_THAT(find(b.weights, "IMAG1", "Image").sd, WithinAbs(find(b.weights, "IMAG5", "Image").sd, 1e-14));
}

TEST_CASE("unit weights: repeated indicators give the HOC equal weights on all its items, formed from its dimensions",
          "[pls][unit][hoc]") {
  const auto spec = csat::model::from_syntax(
      "Image =~ IMAG1 + IMAG2 + IMAG3 + IMAG4 + IMAG5\n"
      "Quality =~ PERQ1 + PERQ2 + PERQ3 + PERQ4 + PERQ5 + PERQ6 + PERQ7\n"
      "Value =~ PERV1 + PERV2\n"
      "Service <~ 1*Quality + 1*Value\n"
      "Satisfaction =~ CUSA1 + CUSA2 + CUSA3\n"
      "Service ~ Image\n"
      "Satisfaction ~ Image + Service\n");
  csat::pls::hoc_options o;
  o.method = csat::pls::hoc_method::repeated_indicators;
  const auto h = csat::pls::estimate_higher_order(spec, unit_mobi(), o);
  const auto& f = h.final_fit();
  const auto s = f.construct_index("Service");
  // the dimensions point into the unit-weighted HOC (as for Mode B), not the other way
  CHECK(f.structure(f.construct_index("Quality"), s) == 1);
  CHECK(f.structure(f.construct_index("Value"), s) == 1);
  CHECK(f.structure(s, f.construct_index("Quality")) == 0);
  // its block is the nine items of Quality and Value with the weight 1/√(1ᵀR1)
  std::vector<Eigen::Index> items;
  for (std::size_t i = 0; i < f.indicators.size(); ++i)
    if (f.block[i] == s) items.push_back(static_cast<Eigen::Index>(i));
  REQUIRE(items.size() == 9);
  double sum = 0;
  for (auto i : items)
    for (auto j : items) sum += f.indicator_correlations(i, j);
  for (auto i : items) CHECK_THAT(f.weights(i, s), WithinAbs(1 / std::sqrt(sum), 1e-14));
  for (const auto& m : h.measurement)
    if (m.construct == "Service") CHECK(m.type == "HOCunit");
}

TEST_CASE("unit weights: a negative alpha is an inadmissible rho_A", "[pls][unit][admissibility]") {
  // a1 and a2 correlate negatively: the unit-weighted sum has standardized α = ρ_A < 0
  const Eigen::Index n = 60;
  Eigen::MatrixXd x(n, 4);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double t = static_cast<double>(i);
    x(i, 0) = std::sin(t);
    x(i, 1) = -std::sin(t) + 0.5 * std::cos(3 * t);
    x(i, 2) = std::sin(t) + 0.3 * std::cos(5 * t);
    x(i, 3) = std::sin(t) + 0.3 * std::sin(7 * t);
  }
  const auto spec = csat::model::from_syntax("A <~ 1*a1 + 1*a2\nB =~ b1 + b2\nB ~ A\n");
  const auto r = csat::pls::estimate(spec, x, {"a1", "a2", "b1", "b2"});
  const auto q = csat::pls::reliability(r);
  const auto a = r.construct_index("A");
  CHECK(q.alpha(a) < 0);
  CHECK_THAT(r.rho_a(a), WithinAbs(q.alpha(a), 1e-12));
  CHECK_FALSE(r.admissible);
  bool named = false;
  for (const auto& w : r.warnings) named = named || w.find("rho_A of construct \"A\"") != std::string::npos;
  CHECK(named);
}
