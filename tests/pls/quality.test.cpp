// Tests of csat/pls/quality.hpp: reliability, HTMT, Fornell–Larcker, cross-loadings, VIFs and f² of the ECSI
// model on mobi against seminr 2.3.2; signed HTMT and SRMR against direct computations of their definitions.
#include <csat/pls/quality.hpp>
#include <csat/model/presets.hpp>

#include <catch2/catch.hpp>

#include "support/shared.hpp"

#include <cmath>

using Catch::Matchers::WithinAbs;

namespace {

// Reference values: seminr 2.3.2 on mobi.csv, ECSI, path weighting (../shared/reference/pls_mobi_ecsi.json).
struct ref_rel { const char* construct; double alpha, rho_c, ave, rho_a; };
static const ref_rel ref_reliability[] = {
  {"Image", 0.7228345954270826, 0.8188786730733523, 0.4783539442542747, 0.7403285163886135},
  {"Expectation", 0.4519025559780629, 0.7332355585003877, 0.48044618008924234, 0.46205488772324904},
  {"Quality", 0.8770102452402352, 0.9046924219112127, 0.5766500025333628, 0.8842464706685242},
  {"Value", 0.8236319793525735, 0.9179754113733783, 0.8484398867036204, 0.8549963367908282},
  {"Satisfaction", 0.7791950219185968, 0.8712532327082462, 0.6930950564412653, 0.7891015761965614},
  {"Complaints", 1.0, 1.0, 1.0, 1.0},
  {"Loyalty", 0.4723989628983812, 0.7217055557044929, 0.5173047261741294, 0.745733723579513},
};
struct ref_pair { const char* a; const char* b; double value; };
static const ref_pair ref_htmt[] = {
  {"Image", "Expectation", 0.8880304275092503},
  {"Image", "Quality", 0.9287063894617346},
  {"Image", "Value", 0.651659392487802},
  {"Image", "Satisfaction", 0.9101009237827413},
  {"Image", "Complaints", 0.5447313460130205},
  {"Image", "Loyalty", 0.8669965980267245},
  {"Expectation", "Quality", 0.8783368741972071},
  {"Expectation", "Value", 0.588628982316289},
  {"Expectation", "Satisfaction", 0.8651081935531532},
  {"Expectation", "Complaints", 0.3829522746699919},
  {"Expectation", "Loyalty", 0.7704142605032885},
  {"Quality", "Value", 0.6732519893686835},
  {"Quality", "Satisfaction", 0.9536360119334804},
  {"Quality", "Complaints", 0.5638964407936113},
  {"Quality", "Loyalty", 0.759320187689022},
  {"Value", "Satisfaction", 0.7408089277593948},
  {"Value", "Complaints", 0.3867673334019354},
  {"Value", "Loyalty", 0.7973165892560711},
  {"Satisfaction", "Complaints", 0.5881732335060802},
  {"Satisfaction", "Loyalty", 0.9566456745914533},
  {"Complaints", "Loyalty", 0.5612585398239481},
};
// vif_items
static const ref_pair ref_item_vif[] = {
  {"Image", "IMAG1", 1.4684007415789926},
  {"Image", "IMAG2", 1.2251189672426368},
  {"Image", "IMAG3", 1.2587651550091883},
  {"Image", "IMAG4", 1.5104034015114465},
  {"Image", "IMAG5", 1.4031447897667566},
  {"Expectation", "CUEX1", 1.160772004502825},
  {"Expectation", "CUEX2", 1.1206041983846116},
  {"Expectation", "CUEX3", 1.0496162401672728},
  {"Quality", "PERQ1", 2.027099380219863},
  {"Quality", "PERQ2", 1.4909388427726762},
  {"Quality", "PERQ3", 2.1047532306662866},
  {"Quality", "PERQ4", 2.01259204974574},
  {"Quality", "PERQ5", 1.8227879711850632},
  {"Quality", "PERQ6", 2.0028965156957756},
  {"Quality", "PERQ7", 2.006180392846304},
  {"Value", "PERV1", 1.9615825404770404},
  {"Value", "PERV2", 1.9615825404770404},
  {"Satisfaction", "CUSA1", 1.5050041700844488},
  {"Satisfaction", "CUSA2", 1.7619772319147722},
  {"Satisfaction", "CUSA3", 1.6444628021509284},
  {"Complaints", "CUSCO", 1.0},
  {"Loyalty", "CUSL1", 1.4154401962711876},
  {"Loyalty", "CUSL2", 1.0104894893200906},
  {"Loyalty", "CUSL3", 1.4270519073869208},
};
// vif_antecedents (entries that seminr reports as NA, single antecedents, are left out): {to, from, vif}
static const ref_pair ref_inner_vif[] = {
  {"Satisfaction", "Image", 2.3723500875757075},
  {"Satisfaction", "Expectation", 1.4886729540980206},
  {"Satisfaction", "Quality", 2.8417531115620314},
  {"Satisfaction", "Value", 1.5513742695329664},
  {"Loyalty", "Image", 1.986614172074859},
  {"Loyalty", "Satisfaction", 2.13251865559301},
  {"Loyalty", "Complaints", 1.4324114979937574},
  {"Value", "Expectation", 1.4492111078321985},
  {"Value", "Quality", 1.4492111078321985},
};
// f_squared (rows = from, columns = to), non-zero entries: {from, to, f2}
static const ref_pair ref_f2[] = {
  {"Image", "Expectation", 0.34217032659584284},
  {"Image", "Satisfaction", 0.04252128544657662},
  {"Image", "Loyalty", 0.03075423658381826},
  {"Expectation", "Quality", 0.44921110783219853},
  {"Expectation", "Value", 0.0025302129006009775},
  {"Expectation", "Satisfaction", 0.008097613349280351},
  {"Quality", "Value", 0.3286705952511211},
  {"Quality", "Satisfaction", 0.2850279409945319},
  {"Value", "Satisfaction", 0.07609907575971388},
  {"Satisfaction", "Complaints", 0.38668167768720574},
  {"Satisfaction", "Loyalty", 0.20624701293025866},
  {"Complaints", "Loyalty", 0.007014151479725261},
};
// fornell_larcker: diagonal sqrt(AVE), lower triangle construct correlations
static const double ref_fornell_larcker[7][7] = {
  {0.6916313644234728, NAN, NAN, NAN, NAN, NAN, NAN},
  {0.5049139336292103, 0.6931422509768412, NAN, NAN, NAN, NAN, NAN},
  {0.7487428210316718, 0.5567489623542683, 0.7593747444663688, NAN, NAN, NAN, NAN},
  {0.5091273598504696, 0.3608237764838826, 0.5861353651448047, 0.9211079669092112, NAN, NAN, NAN},
  {0.692842660710108, 0.508115611379376, 0.7948221157922817, 0.6084413509499575, 0.8325233068456794, NAN, NAN},
  {0.47527913768168173, 0.25784087919626353, 0.531576025060195, 0.35511567783038683, 0.5280662462571017, 1.0, NAN},
  {0.563923505939538, 0.37983085547709305, 0.5378885914340092, 0.5294688092823521, 0.656446667490904, 0.41632884128359654, 0.7192389909996046},
};
// cross_loadings, rows = IMAG1 IMAG2 IMAG3 IMAG4 IMAG5 CUEX1 CUEX2 CUEX3 PERQ1 PERQ2 PERQ3 PERQ4 PERQ5 PERQ6 PERQ7 PERV1 PERV2 CUSA1 CUSA2 CUSA3 CUSCO CUSL1 CUSL2 CUSL3
static const double ref_cross_loadings[24][7] = {
  {0.745208072912949, 0.35038684353079996, 0.5711207719640499, 0.39660853344436786, 0.5488148967052137, 0.4229073479884806, 0.35460396452590137},
  {0.5992003824715338, 0.3797991079672146, 0.4970577210556259, 0.2747033038552807, 0.41743045324445976, 0.18811378406233772, 0.30423228609976105},
  {0.5763589530651585, 0.28484324099919606, 0.3674497419795962, 0.33859576298746136, 0.33200900946960843, 0.20655308546604884, 0.30808862335229403},
  {0.7687616591655216, 0.3703709975118128, 0.5731977412282626, 0.47619166578487737, 0.5481747311968308, 0.4401174195882254, 0.45865872159454085},
  {0.7444524293743815, 0.3602471400026016, 0.5519331327052893, 0.27124401171347734, 0.5132578927231705, 0.3369694247664058, 0.49359139627291926},
  {0.3518837798950298, 0.7707671690323203, 0.4359985673508568, 0.29426647423572644, 0.37136469750836926, 0.1830846433583008, 0.27122081563093353},
  {0.40846818039065486, 0.6912454740137554, 0.34807979659202254, 0.17974323549299093, 0.3644942314576129, 0.22454747968346706, 0.3199453317124081},
  {0.2873114925602083, 0.6078126405934055, 0.36944336699296615, 0.2744785976208451, 0.3184539937437715, 0.12579178679047912, 0.19505729996590868},
  {0.6344491439205165, 0.5124809628072374, 0.803178125267657, 0.469638039341664, 0.6790512024449081, 0.38005324621979997, 0.4769145787295992},
  {0.4295543797397408, 0.3189587405542316, 0.6381464397772886, 0.3079284880697608, 0.48932281929125165, 0.300387478087145, 0.3450385228437943},
  {0.6278230316253548, 0.4341000671674199, 0.7837469183486577, 0.4736006846059488, 0.6455886780937962, 0.47213377663662254, 0.4716960607895768},
  {0.4962207029519273, 0.39114242540062366, 0.7694797387892137, 0.3948552614512952, 0.5998544507115556, 0.37895360833545433, 0.3680092632772086},
  {0.6083560007407605, 0.41931490687878153, 0.7547213588535264, 0.4649293321363511, 0.5234849354000546, 0.38904864594207517, 0.3771201291100921},
  {0.5679871870398496, 0.4452795136458411, 0.7746433096822861, 0.4106735649085161, 0.5484578894899635, 0.4180123559552377, 0.3429163895044236},
  {0.5862146470772213, 0.41617820528457816, 0.7798648287051223, 0.5535409623759928, 0.6996131378804301, 0.4654400199656669, 0.45075308654703966},
  {0.3947590223874377, 0.3107896812063041, 0.47361139040775896, 0.9022112012066984, 0.4877511981398571, 0.2874168688484904, 0.42941285054640227},
  {0.5296301618415795, 0.35074186661268486, 0.5945503806530128, 0.9396247771447958, 0.6202583010625767, 0.35983718226195605, 0.5358091875748917},
  {0.577376513139282, 0.4921530245138349, 0.6422164585039675, 0.41130356303215676, 0.7924124341103721, 0.3338146465314481, 0.5039733427621995},
  {0.5232379557984969, 0.3975900952404564, 0.6697291403788425, 0.49162850250196, 0.8470214598350817, 0.4159814140691171, 0.4965190985765825},
  {0.6246579015833081, 0.39073698725111156, 0.6738697965862097, 0.5987226917632907, 0.8566926812865384, 0.547460003999457, 0.6260410265530562},
  {0.4752791376816817, 0.2578408791962635, 0.531576025060195, 0.3551156778303868, 0.5280662462571016, 1.0, 0.4163288412835965},
  {0.4340520665540478, 0.2945414852085915, 0.39399053499870723, 0.4128230295371474, 0.45586015545039044, 0.23734160626784717, 0.8204131960078572},
  {0.09974538229067331, 0.0929765304013989, 0.06261850318882392, 0.1383096180086944, 0.10756431036491398, 0.12204119075629279, 0.20202170939900344},
  {0.5388468088322351, 0.3568971728156213, 0.5337460063054561, 0.4944001108196863, 0.6635329759061837, 0.4478734597023489, 0.9154362868436375},
};
static const char* const ref_cross_rows[24] = {"IMAG1", "IMAG2", "IMAG3", "IMAG4", "IMAG5", "CUEX1", "CUEX2", "CUEX3", "PERQ1", "PERQ2", "PERQ3", "PERQ4", "PERQ5", "PERQ6", "PERQ7", "PERV1", "PERV2", "CUSA1", "CUSA2", "CUSA3", "CUSCO", "CUSL1", "CUSL2", "CUSL3"};

csat::pls::estimate_result<double> ecsi_fit(bool consistent = false) {
  csat::pls::estimate_options o;
  o.consistent = consistent;
  return csat::pls::estimate(csat::model::ecsi(csat::model::mobi_indicators()),
                             csat::survey::read_csv(csat_test::shared_path("data/mobi.csv")), o);
}

}  // namespace

TEST_CASE("reliability of ECSI on mobi equals seminr", "[pls][quality][reference]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto r = ecsi_fit();
  const auto q = csat::pls::reliability(r);
  for (const auto& x : ref_reliability) {
    const auto k = r.construct_index(x.construct);
    CHECK_THAT(q.alpha(k), WithinAbs(x.alpha, 1e-6));
    CHECK_THAT(q.rho_c(k), WithinAbs(x.rho_c, 1e-6));
    CHECK_THAT(q.ave(k), WithinAbs(x.ave, 1e-6));
    CHECK_THAT(q.rho_a(k), WithinAbs(x.rho_a, 1e-6));
  }
}

TEST_CASE("HTMT, Fornell-Larcker, cross-loadings, VIFs and f2 equal seminr", "[pls][quality][reference]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto r = ecsi_fit();
  const auto H = csat::pls::htmt(r);
  for (const auto& x : ref_htmt) {
    CHECK_THAT(H(r.construct_index(x.a), r.construct_index(x.b)), WithinAbs(x.value, 1e-6));
    CHECK_THAT(H(r.construct_index(x.b), r.construct_index(x.a)), WithinAbs(x.value, 1e-6));
  }
  const auto F = csat::pls::fornell_larcker(r);
  for (int a = 0; a < 7; ++a)
    for (int b = 0; b < 7; ++b) {
      if (std::isnan(ref_fornell_larcker[a][b])) CHECK(std::isnan(F(a, b)));
      else CHECK_THAT(F(a, b), WithinAbs(ref_fornell_larcker[a][b], 1e-6));
    }
  const auto C = csat::pls::cross_loadings(r);
  for (int i = 0; i < 24; ++i)
    for (int k = 0; k < 7; ++k) CHECK_THAT(C(r.indicator_index(ref_cross_rows[i]), k), WithinAbs(ref_cross_loadings[i][k], 1e-6));
  const auto v = csat::pls::item_vif(r);
  for (const auto& x : ref_item_vif) CHECK_THAT(v(r.indicator_index(x.b)), WithinAbs(x.value, 1e-6));
  const auto V = csat::pls::inner_vif(r);
  for (const auto& x : ref_inner_vif) CHECK_THAT(V(r.construct_index(x.b), r.construct_index(x.a)), WithinAbs(x.value, 1e-6));
  CHECK(V(r.construct_index("Image"), r.construct_index("Expectation")) == Approx(1.0));  // seminr: NA
  const auto f2 = csat::pls::f_squared(r);
  int nonzero = 0;
  for (const auto& x : ref_f2) {
    CHECK_THAT(f2(r.construct_index(x.a), r.construct_index(x.b)), WithinAbs(x.value, 1e-6));
    ++nonzero;
  }
  CHECK(nonzero == 12);
  CHECK(f2(r.construct_index("Loyalty"), r.construct_index("Image")) == 0);
}

TEST_CASE("signed HTMT and SRMR follow their definitions", "[pls][quality]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto r = ecsi_fit();
  // Signed HTMT by the definition, computed here from the indicator correlations directly: Value (PERV1, PERV2)
  // against Loyalty (CUSL1..3). CUSL2 correlates weakly, so the signed and absolute variants may differ.
  const auto& R = r.indicator_correlations;
  const auto v1 = r.indicator_index("PERV1"), v2 = r.indicator_index("PERV2");
  const auto l1 = r.indicator_index("CUSL1");
  double hetero = 0;
  for (auto i : {v1, v2})
    for (auto j : {l1, l1 + 1, l1 + 2}) hetero += R(i, j);
  hetero /= 6;
  const double mono_v = R(v1, v2);
  const double mono_l = (R(l1, l1 + 1) + R(l1, l1 + 2) + R(l1 + 1, l1 + 2)) / 3;
  const auto Hs = csat::pls::htmt(r, false);
  CHECK_THAT(Hs(r.construct_index("Value"), r.construct_index("Loyalty")), WithinAbs(hetero / std::sqrt(mono_v * mono_l), 1e-12));
  // SRMR by its definition with an implied matrix built element by element
  double ss = 0;
  const auto p = static_cast<Eigen::Index>(r.indicators.size());
  for (Eigen::Index i = 0; i < p; ++i)
    for (Eigen::Index j = 0; j < i; ++j) {
      const auto a = r.block[static_cast<std::size_t>(i)], b = r.block[static_cast<std::size_t>(j)];
      const double implied = r.loadings(i, a) * r.loadings(j, b) * (a == b ? 1.0 : r.construct_correlations(a, b));
      ss += (R(i, j) - implied) * (R(i, j) - implied);
    }
  const double srmr = std::sqrt(ss / double(p * (p + 1) / 2));
  CHECK_THAT(csat::pls::srmr(r), WithinAbs(srmr, 1e-12));
  CHECK(srmr > 0.03);
  CHECK(srmr < 0.15);
}

TEST_CASE("quality report flags values against the thresholds", "[pls][quality]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto q = csat::pls::quality(ecsi_fit());
  auto flagged = [&](const std::string& c, const std::string& s) {
    for (const auto& f : q.flags)
      if (f.criterion == c && f.subject == s) return true;
    return false;
  };
  CHECK(flagged("ave", "Image"));           // 0.478 < 0.5
  CHECK(flagged("alpha", "Loyalty"));       // 0.472 < 0.7
  CHECK(flagged("htmt", "Image / Expectation"));  // 0.888 >= 0.85
  CHECK_FALSE(flagged("alpha", "Quality"));  // 0.90
  CHECK_FALSE(flagged("item_vif", "PERQ1"));
  CHECK(q.reliability.alpha.size() == 7);
}

TEST_CASE("PLSc reliability: rho_C and AVE from the consistent loadings equal seminr", "[pls][quality][reference][plsc]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  // seminr 2.3.2, extra_plsc_reflective.reliability in ../shared/reference/pls_mobi_ecsi.json
  const auto r = ecsi_fit(true);
  const auto q = csat::pls::reliability(r);
  const auto k = r.construct_index("Image");
  CHECK_THAT(q.alpha(k), WithinAbs(0.7228345954270826, 1e-6));
  CHECK_THAT(q.rho_c(k), WithinAbs(0.7278319204169921, 1e-6));
  CHECK_THAT(q.ave(k), WithinAbs(0.35333527388353475, 1e-6));
  CHECK_THAT(q.rho_a(k), WithinAbs(0.7403285163886135, 1e-6));
  const auto l = r.construct_index("Loyalty");
  CHECK_THAT(q.rho_c(l), WithinAbs(0.5867890202227436, 1e-6));
  CHECK_THAT(q.ave(l), WithinAbs(0.38044230952600705, 1e-6));
}
