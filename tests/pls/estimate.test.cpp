// Tests of csat/pls/estimate.hpp: the ECSI model on mobi against seminr 2.3.2, PLSc, other schemes and modes
// against independent computations, simulation recovery, and every bad input.
#include <csat/pls/estimate.hpp>
#include <csat/model/presets.hpp>

#include <catch2/catch.hpp>

#include "support/shared.hpp"

#include <cmath>
#include <random>

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;

namespace {

// Reference values: seminr 2.3.2 on mobi.csv, ECSI, path weighting (../shared/reference/pls_mobi_ecsi.json).
struct ref_path { const char* from; const char* to; double value; };
struct ref_item { const char* construct; const char* indicator; double value; };
static const ref_path ref_paths[] = {
  {"Image", "Expectation", 0.5049139336292103},
  {"Image", "Satisfaction", 0.17873950011921827},
  {"Image", "Loyalty", 0.1957553331128282},
  {"Expectation", "Quality", 0.5567489623542684},
  {"Expectation", "Value", 0.04998839253566101},
  {"Expectation", "Satisfaction", 0.06252286953922809},
  {"Quality", "Value", 0.5583043794708173},
  {"Quality", "Satisfaction", 0.512023940041865},
  {"Value", "Satisfaction", 0.19476510419019358},
  {"Satisfaction", "Complaints", 0.5280662462571019},
  {"Satisfaction", "Loyalty", 0.4854776235999976},
  {"Complaints", "Loyalty", 0.06692606902887199},
};
static const ref_item ref_loadings[] = {
  {"Image", "IMAG1", 0.745208072912949},
  {"Image", "IMAG2", 0.5992003824715337},
  {"Image", "IMAG3", 0.5763589530651585},
  {"Image", "IMAG4", 0.7687616591655216},
  {"Image", "IMAG5", 0.7444524293743815},
  {"Expectation", "CUEX1", 0.7707671690323203},
  {"Expectation", "CUEX2", 0.6912454740137554},
  {"Expectation", "CUEX3", 0.6078126405934053},
  {"Quality", "PERQ1", 0.8031781252676569},
  {"Quality", "PERQ2", 0.6381464397772887},
  {"Quality", "PERQ3", 0.7837469183486577},
  {"Quality", "PERQ4", 0.7694797387892137},
  {"Quality", "PERQ5", 0.7547213588535264},
  {"Quality", "PERQ6", 0.7746433096822861},
  {"Quality", "PERQ7", 0.7798648287051223},
  {"Value", "PERV1", 0.9022112012066984},
  {"Value", "PERV2", 0.9396247771447958},
  {"Satisfaction", "CUSA1", 0.792412434110372},
  {"Satisfaction", "CUSA2", 0.8470214598350817},
  {"Satisfaction", "CUSA3", 0.8566926812865384},
  {"Complaints", "CUSCO", 0.9999999999999999},
  {"Loyalty", "CUSL1", 0.820413196007857},
  {"Loyalty", "CUSL2", 0.2020217093990034},
  {"Loyalty", "CUSL3", 0.9154362868436374},
};
static const ref_item ref_weights[] = {
  {"Image", "IMAG1", 0.30131215502841147},
  {"Image", "IMAG2", 0.2596911530525932},
  {"Image", "IMAG3", 0.2179230531320109},
  {"Image", "IMAG4", 0.32850356651619567},
  {"Image", "IMAG5", 0.32468140642224574},
  {"Expectation", "CUEX1", 0.5211806788583572},
  {"Expectation", "CUEX2", 0.4736796562027554},
  {"Expectation", "CUEX3", 0.44563424158966664},
  {"Quality", "PERQ1", 0.21317504216809727},
  {"Quality", "PERQ2", 0.14472169438276708},
  {"Quality", "PERQ3", 0.20001771132044502},
  {"Quality", "PERQ4", 0.1793994674569504},
  {"Quality", "PERQ5", 0.17863569156492956},
  {"Quality", "PERQ6", 0.1791207370561743},
  {"Quality", "PERQ7", 0.2154815249764497},
  {"Value", "PERV1", 0.4792824522835674},
  {"Value", "PERV2", 0.6040560198217142},
  {"Satisfaction", "CUSA1", 0.36486485832020576},
  {"Satisfaction", "CUSA2", 0.38315604112082874},
  {"Satisfaction", "CUSA3", 0.45096120072156554},
  {"Complaints", "CUSCO", 1.0},
  {"Loyalty", "CUSL1", 0.46066472841947825},
  {"Loyalty", "CUSL2", 0.1142695256258444},
  {"Loyalty", "CUSL3", 0.6543105856502358},
};
struct ref_r2 { const char* construct; double r2, r2_adj; };
static const ref_r2 ref_r_squared[] = {
  {"Expectation", 0.25493808037292265, 0.25193379843894237},
  {"Satisfaction", 0.6810782913894782, 0.675871406350939},
  {"Loyalty", 0.4569444546794268, 0.45032182607795634},
  {"Quality", 0.3099694070825545, 0.3071870256595002},
  {"Value", 0.34527894189814723, 0.33997755681230224},
  {"Complaints", 0.27885396043606603, 0.27594611350234044},
};
struct ref_total { const char* from; const char* to; double total, indirect; };
static const ref_total ref_total_effects[] = {
  {"Image", "Expectation", 0.5049139336292103, 0.0},
  {"Image", "Quality", 0.2811103086262748, 0.2811103086262748},
  {"Expectation", "Quality", 0.5567489623542684, 0.0},
  {"Image", "Value", 0.18218495233142395, 0.18218495233142395},
  {"Expectation", "Value", 0.36082377648388225, 0.31083538394822124},
  {"Quality", "Value", 0.5583043794708173, 0.0},
  {"Image", "Satisfaction", 0.389726647151981, 0.21098714703276275},
  {"Expectation", "Satisfaction", 0.417867547279263, 0.3553446777400349},
  {"Quality", "Satisfaction", 0.6207621506793402, 0.10873821063747513},
  {"Value", "Satisfaction", 0.19476510419019358, 0.0},
  {"Image", "Complaints", 0.20580148762791267, 0.20580148762791267},
  {"Expectation", "Complaints", 0.22066174712442246, 0.22066174712442246},
  {"Quality", "Complaints", 0.3278035387277246, 0.3278035387277246},
  {"Value", "Complaints", 0.10284887747158886, 0.10284887747158886},
  {"Satisfaction", "Complaints", 0.5280662462571019, 0.0},
  {"Image", "Loyalty", 0.39873238419299695, 0.20297705108016875},
  {"Expectation", "Loyalty", 0.21763336715277684, 0.21763336715277684},
  {"Quality", "Loyalty", 0.3233047359934299, 0.3233047359934299},
  {"Value", "Loyalty", 0.10143737101566666, 0.10143737101566666},
  {"Satisfaction", "Loyalty", 0.5208190216488177, 0.03534139804882008},
  {"Complaints", "Loyalty", 0.06692606902887199, 0.0},
};
// construct_scores_first3 (rows 1-3), columns in order Image, Expectation, Quality, Value, Satisfaction, Complaints, Loyalty
static const double ref_scores_first3[3][7] = {
  {-2.0010060438365005, -0.6287351652299134, -1.576592504251704, -2.196238240379815, -1.348478223767187, -0.029900397145009104, -0.7430768870959545},
  {1.5918081491259786, 1.7638000821362545, 1.5900225209424836, 1.854967695627999, 1.3949982592696542, 1.2892347710171645, 1.009046206785151},
  {-0.966607060068466, -0.4168143952020177, -0.6143898269389662, 0.21281812173988734, -0.10580001596371512, -0.4696121198657337, -0.5688831567530892},
};
// extra_plsc_reflective: every construct reflective() => seminr applies PLSc
static const ref_path ref_plsc_paths[] = {
  {"Image", "Expectation", 0.8632932242856741},
  {"Image", "Satisfaction", 0.1499129290383006},
  {"Image", "Loyalty", -0.090971978798019},
  {"Expectation", "Quality", 0.8710156623101666},
  {"Expectation", "Value", -0.054225459035691204},
  {"Expectation", "Satisfaction", 0.026745979862879327},
  {"Quality", "Value", 0.7213386810198957},
  {"Quality", "Satisfaction", 0.669320353808553},
  {"Value", "Satisfaction", 0.17826575893668647},
  {"Satisfaction", "Complaints", 0.5944590636039596},
  {"Satisfaction", "Loyalty", 0.9615201303808856},
  {"Complaints", "Loyalty", -0.03922512298314496},
};
static const ref_r2 ref_plsc_r_squared[] = {
  {"Expectation", 0.7452751910975552, 0.744248074932626},
  {"Satisfaction", 0.9273188309118063, 0.9261321995797542},
  {"Loyalty", 0.7348554479152261, 0.7316219777678508},
  {"Quality", 0.7586682839896182, 0.7576951722315117},
  {"Value", 0.4551304753295077, 0.45071857634432144},
  {"Complaints", 0.35338157830089645, 0.35077424595533546},
};
static const ref_item ref_plsc_loadings[] = {
  {"Image", "IMAG1", 0.6186733555439021},
  {"Image", "IMAG2", 0.5332144567780994},
  {"Image", "IMAG3", 0.4474535271198749},
  {"Image", "IMAG4", 0.6745044977875205},
  {"Image", "IMAG5", 0.6666565946369589},
  {"Expectation", "CUEX1", 0.5100415635596671},
  {"Expectation", "CUEX2", 0.4635557730291807},
  {"Expectation", "CUEX3", 0.43610976879266056},
  {"Quality", "PERQ1", 0.8050306492216346},
  {"Quality", "PERQ2", 0.5465245762378913},
  {"Quality", "PERQ3", 0.7553435259703252},
  {"Quality", "PERQ4", 0.6774811361031727},
  {"Quality", "PERQ5", 0.6745968256512553},
  {"Quality", "PERQ6", 0.6764285432986282},
  {"Quality", "PERQ7", 0.8137408121644538},
  {"Value", "PERV1", 0.7453360911991924},
  {"Value", "PERV2", 0.9393724943071416},
  {"Satisfaction", "CUSA1", 0.6706267445986225},
  {"Satisfaction", "CUSA2", 0.7042461960111642},
  {"Satisfaction", "CUSA3", 0.8288730336281921},
  {"Complaints", "CUSCO", 1.0},
  {"Loyalty", "CUSL1", 0.6088399387552896},
  {"Loyalty", "CUSL2", 0.1510249139810058},
  {"Loyalty", "CUSL3", 0.8647729950174822},
};
struct ref_rel { const char* construct; double alpha, rho_c, ave, rho_a; };
static const ref_rel ref_plsc_reliability[] = {
  {"Image", 0.7228345954270826, 0.7278319204169921, 0.35333527388353475, 0.7403285163886135},
  {"Expectation", 0.4519025559780629, 0.45979832375887597, 0.2217393605678197, 0.46205488772324904},
  {"Quality", 0.8770102452402352, 0.8765734590045337, 0.507299793052723, 0.8842464706685242},
  {"Value", 0.8236319793525735, 0.8347045803234201, 0.7189732859524559, 0.8549963367908282},
  {"Satisfaction", 0.7791950219185968, 0.7803151267529856, 0.5442444803477143, 0.7891015761965614},
  {"Complaints", 1.0, 1.0, 1.0, 1.0},
  {"Loyalty", 0.4723989628983812, 0.5867890202227436, 0.38044230952600705, 0.745733723579513},
};

csat::survey::data_table<double> mobi() { return csat::survey::read_csv(csat_test::shared_path("data/mobi.csv")); }

csat::model::specification ecsi() { return csat::model::ecsi(csat::model::mobi_indicators()); }

}  // namespace

TEST_CASE("ECSI on mobi reproduces seminr: paths, loadings, weights, R2, total effects, scores", "[pls][reference]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto data = mobi();
  const auto r = csat::pls::estimate(ecsi(), data);
  CHECK(r.status == csat::pls::status::success);
  CHECK(r.converged);
  CHECK(r.iterations == 6);  // seminr's 0-based loop index
  CHECK(r.updates == 7);
  CHECK(r.final_change < 1e-7);
  CHECK_THAT(r.final_change, WithinAbs(8.755317262854057e-09, 1e-12));
  CHECK(r.n_used == 250);
  for (const auto& p : ref_paths) CHECK_THAT(r.path(p.from, p.to), WithinAbs(p.value, 1e-6));
  for (const auto& l : ref_loadings) CHECK_THAT(r.loading(l.indicator), WithinAbs(l.value, 1e-6));
  for (const auto& w : ref_weights) CHECK_THAT(r.weight(w.indicator), WithinAbs(w.value, 1e-6));
  for (const auto& q : ref_r_squared) {
    CHECK_THAT(r.r2(q.construct), WithinAbs(q.r2, 1e-6));
    CHECK_THAT(r.r2_adj(q.construct), WithinAbs(q.r2_adj, 1e-6));
  }
  for (const auto& t : ref_total_effects) {
    CHECK_THAT(r.total_effect(t.from, t.to), WithinAbs(t.total, 1e-6));
    CHECK_THAT(r.indirect_effects(r.construct_index(t.from), r.construct_index(t.to)), WithinAbs(t.indirect, 1e-6));
  }
  for (int i = 0; i < 3; ++i)
    for (int k = 0; k < 7; ++k) CHECK_THAT(r.scores(i, k), WithinAbs(ref_scores_first3[i][k], 1e-6));
  CHECK(std::isnan(r.r2("Image")));
  // tighter than required: the algorithm is the same, only rounding differs
  double worst = 0;
  for (const auto& p : ref_paths) worst = std::max(worst, std::abs(r.path(p.from, p.to) - p.value));
  for (const auto& l : ref_loadings) worst = std::max(worst, std::abs(r.loading(l.indicator) - l.value));
  CHECK(worst < 1e-10);
}

TEST_CASE("PLSc on mobi reproduces seminr's reflective() run", "[pls][reference][plsc]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  csat::pls::estimate_options o;
  o.consistent = true;
  const auto r = csat::pls::estimate(ecsi(), mobi(), o);
  CHECK(r.converged);
  CHECK(r.iterations == 6);
  for (const auto& p : ref_plsc_paths) CHECK_THAT(r.path(p.from, p.to), WithinAbs(p.value, 1e-6));
  for (const auto& q : ref_plsc_r_squared) {
    CHECK_THAT(r.r2(q.construct), WithinAbs(q.r2, 1e-6));
    CHECK_THAT(r.r2_adj(q.construct), WithinAbs(q.r2_adj, 1e-6));
  }
  for (const auto& l : ref_plsc_loadings) CHECK_THAT(r.loading(l.indicator), WithinAbs(l.value, 1e-6));
  for (const auto& q : ref_plsc_reliability) CHECK_THAT(r.rho_a(r.construct_index(q.construct)), WithinAbs(q.rho_a, 1e-6));
}
