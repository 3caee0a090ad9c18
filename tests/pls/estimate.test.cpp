// Tests of csat/pls/estimate.hpp: the ECSI model on mobi against seminr 2.3.2, PLSc, other schemes and modes
// against independent computations, simulation recovery, and every bad input.
#include <csat/pls/estimate.hpp>
#include <csat/model/presets.hpp>

#include <catch2/catch.hpp>

#include "support/shared.hpp"

#include <cmath>
#include <random>
#include "support/models.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;

using csat_test::ecsi;

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
struct ref_plsc_rel { const char* construct; double alpha, rho_c, ave, rho_a; };
static const ref_plsc_rel ref_plsc_reliability[] = {
  {"Image", 0.7228345954270826, 0.7278319204169921, 0.35333527388353475, 0.7403285163886135},
  {"Expectation", 0.4519025559780629, 0.45979832375887597, 0.2217393605678197, 0.46205488772324904},
  {"Quality", 0.8770102452402352, 0.8765734590045337, 0.507299793052723, 0.8842464706685242},
  {"Value", 0.8236319793525735, 0.8347045803234201, 0.7189732859524559, 0.8549963367908282},
  {"Satisfaction", 0.7791950219185968, 0.7803151267529856, 0.5442444803477143, 0.7891015761965614},
  {"Complaints", 1.0, 1.0, 1.0, 1.0},
  {"Loyalty", 0.4723989628983812, 0.5867890202227436, 0.38044230952600705, 0.745733723579513},
};

csat::survey::data_table<double> mobi() { return csat::survey::read_csv(csat_test::shared_path("data/mobi.csv")); }


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

// ---- other schemes and modes against an independent implementation ------------------------------------------
// The reference implementation below follows the textbook description of the PLS algorithm (Lohmöller 1989;
// Tenenhaus, Esposito Vinzi, Chatelin & Lauro 2005, section 2) on the standardized data matrix itself:
// composites Y = Z W standardized, inner proxies V = Y E standardized, Mode A w = Z_b' v / (n-1),
// Mode B w = (Z_b' Z_b)^-1 Z_b' v, rescaling to unit-variance composites; paths by OLS on the final scores.
// csat's estimator instead works on the indicator correlation matrix, so the two share no code.
namespace {

struct direct_fit {
  Eigen::MatrixXd W, Y, B;
  int iterations = 0;
};

Eigen::MatrixXd standardize(const Eigen::MatrixXd& X) {
  const Eigen::RowVectorXd mean = X.colwise().mean();
  Eigen::MatrixXd Z = X.rowwise() - mean;
  for (Eigen::Index j = 0; j < Z.cols(); ++j) Z.col(j) /= std::sqrt(Z.col(j).squaredNorm() / double(Z.rows() - 1));
  return Z;
}

direct_fit direct_pls(const Eigen::MatrixXd& X, const std::vector<int>& block, const std::vector<char>& modes,
                      const Eigen::MatrixXi& S, const std::string& scheme) {
  const Eigen::Index n = X.rows(), p = X.cols(), K = S.rows();
  const Eigen::MatrixXd Z = standardize(X);
  Eigen::MatrixXd W = Eigen::MatrixXd::Zero(p, K);
  for (Eigen::Index i = 0; i < p; ++i) W(i, block[std::size_t(i)]) = 1;
  direct_fit out;
  for (int it = 0; it <= 300; ++it) {
    const Eigen::MatrixXd Y = standardize(Z * W);
    const Eigen::MatrixXd C = Y.transpose() * Y / double(n - 1);
    Eigen::MatrixXd E = Eigen::MatrixXd::Zero(K, K);
    for (Eigen::Index k = 0; k < K; ++k) {
      std::vector<Eigen::Index> pred;
      for (Eigen::Index j = 0; j < K; ++j) {
        if (!S(j, k) && !S(k, j)) continue;
        if (scheme == "factorial") E(j, k) = C(j, k);
        else if (scheme == "centroid") E(j, k) = C(j, k) > 0 ? 1 : -1;
        else if (S(k, j)) E(j, k) = C(j, k);  // successor
        else pred.push_back(j);
      }
      if (!pred.empty()) {  // path scheme: regression of Y_k on its predecessors
        Eigen::MatrixXd P(n, Eigen::Index(pred.size()));
        for (std::size_t a = 0; a < pred.size(); ++a) P.col(Eigen::Index(a)) = Y.col(pred[a]);
        const Eigen::VectorXd b = (P.transpose() * P).ldlt().solve(P.transpose() * Y.col(k));
        for (std::size_t a = 0; a < pred.size(); ++a) E(pred[a], k) = b(Eigen::Index(a));
      }
    }
    const Eigen::MatrixXd V = standardize(Y * E);
    Eigen::MatrixXd Wn = Eigen::MatrixXd::Zero(p, K);
    for (Eigen::Index k = 0; k < K; ++k) {
      std::vector<Eigen::Index> items;
      for (Eigen::Index i = 0; i < p; ++i)
        if (block[std::size_t(i)] == k) items.push_back(i);
      Eigen::MatrixXd Zb(n, Eigen::Index(items.size()));
      for (std::size_t a = 0; a < items.size(); ++a) Zb.col(Eigen::Index(a)) = Z.col(items[a]);
      Eigen::VectorXd w;
      if (items.size() == 1) w = Eigen::VectorXd::Ones(1);
      else if (modes[std::size_t(k)] == 'B') w = (Zb.transpose() * Zb).ldlt().solve(Zb.transpose() * V.col(k));
      else w = Zb.transpose() * V.col(k) / double(n - 1);
      w /= std::sqrt((Zb * w).squaredNorm() / double(n - 1));
      for (std::size_t a = 0; a < items.size(); ++a) Wn(items[a], k) = w(Eigen::Index(a));
    }
    const double change = (Wn - W).cwiseAbs().sum();
    W = Wn;
    out.iterations = it;
    if (change < 1e-7) break;
  }
  out.W = W;
  out.Y = Z * W;
  out.B = Eigen::MatrixXd::Zero(K, K);
  for (Eigen::Index k = 0; k < K; ++k) {
    std::vector<Eigen::Index> pred;
    for (Eigen::Index j = 0; j < K; ++j)
      if (S(j, k)) pred.push_back(j);
    if (pred.empty()) continue;
    Eigen::MatrixXd P(n, Eigen::Index(pred.size()));
    for (std::size_t a = 0; a < pred.size(); ++a) P.col(Eigen::Index(a)) = out.Y.col(pred[a]);
    const Eigen::VectorXd b = (P.transpose() * P).ldlt().solve(P.transpose() * out.Y.col(k));
    for (std::size_t a = 0; a < pred.size(); ++a) out.B(pred[a], k) = b(Eigen::Index(a));
  }
  return out;
}

}  // namespace

TEST_CASE("Mode B, single items and the factorial, centroid and path schemes match a direct implementation",
          "[pls][schemes]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto data = mobi();
  // ECSI with Quality and Value formative (Mode B) and Complaints a single item
  csat::model::specification s;
  const auto items = csat::model::mobi_indicators();
  s.reflective("Image", items.image).reflective("Expectation", items.expectation);
  s.formative("Quality", items.quality).formative("Value", items.value);
  s.reflective("Satisfaction", items.satisfaction).single_item("Complaints", "CUSCO").reflective("Loyalty", items.loyalty);
  const auto ecsi_model = ecsi();
  for (const auto& p : ecsi_model.structural_paths()) s.path(p.from, p.to);
  const auto names = s.indicators();
  const Eigen::MatrixXd X = data.select(names);
  std::vector<int> block;
  std::vector<char> modes;
  for (std::size_t k = 0; k < s.size(); ++k) {
    for (std::size_t i = 0; i < s.constructs()[k].indicators.size(); ++i) block.push_back(int(k));
    modes.push_back(s.constructs()[k].mode == csat::model::mode::B ? 'B' : 'A');
  }
  Eigen::MatrixXi S = Eigen::MatrixXi::Zero(7, 7);
  for (const auto& p : s.structural_paths()) S(s.find(p.from), s.find(p.to)) = 1;

  using csat::pls::inner_scheme;
  for (auto scheme : {inner_scheme::path, inner_scheme::factorial, inner_scheme::centroid}) {
    const std::string name = csat::pls::to_string(scheme);
    INFO("scheme " << name);
    csat::pls::estimate_options o;
    o.scheme = scheme;
    const auto r = csat::pls::estimate(s, data, o);
    const auto d = direct_pls(X, block, modes, S, name);
    CHECK(r.converged);
    CHECK(r.iterations == d.iterations);
    CHECK((r.weights - d.W).cwiseAbs().maxCoeff() < 1e-9);
    CHECK((r.paths - d.B).cwiseAbs().maxCoeff() < 1e-9);
    CHECK((r.scores - d.Y).cwiseAbs().maxCoeff() < 1e-9);
    // loadings = cor(item, score), computed here from the direct scores
    const Eigen::MatrixXd Z = standardize(X);
    for (std::size_t i = 0; i < names.size(); ++i) {
      const Eigen::Index k = block[i];
      const double l = Z.col(Eigen::Index(i)).dot(d.Y.col(k)) / double(X.rows() - 1);
      CHECK_THAT(r.loadings(Eigen::Index(i), k), WithinAbs(l, 1e-9));
    }
  }
  // the schemes give (slightly) different answers, so the comparison above is not vacuous
  csat::pls::estimate_options f;
  f.scheme = inner_scheme::factorial;
  csat::pls::estimate_options c;
  c.scheme = inner_scheme::centroid;
  const auto rf = csat::pls::estimate(s, data, f), rc = csat::pls::estimate(s, data, c), rp = csat::pls::estimate(s, data);
  CHECK(std::abs(rf.weight("PERQ1") - rp.weight("PERQ1")) > 1e-6);
  CHECK(std::abs(rc.weight("PERQ1") - rf.weight("PERQ1")) > 1e-6);
}

TEST_CASE("simulation: PLSc recovers known population paths, PLS attenuates them", "[pls][simulation]") {
  // Common-factor population: Xi -> Eta1 (0.5), Xi -> Eta2 (0.3), Eta1 -> Eta2 (0.4); latent variances 1;
  // three indicators per construct with loadings 0.9, 0.8, 0.7. n = 5000, fixed seed.
  std::mt19937_64 gen(20240601);
  std::normal_distribution<double> N;
  const int n = 5000;
  const double b1 = 0.5, b2 = 0.3, b3 = 0.4;
  const double var_eta2_expl = b2 * b2 + b3 * b3 + 2 * b2 * b3 * b1;
  const double lam[3] = {0.9, 0.8, 0.7};
  Eigen::MatrixXd X(n, 9);
  for (int i = 0; i < n; ++i) {
    const double xi = N(gen);
    const double e1 = b1 * xi + std::sqrt(1 - b1 * b1) * N(gen);
    const double e2 = b2 * xi + b3 * e1 + std::sqrt(1 - var_eta2_expl) * N(gen);
    const double lv[3] = {xi, e1, e2};
    for (int k = 0; k < 3; ++k)
      for (int j = 0; j < 3; ++j) X(i, 3 * k + j) = lam[j] * lv[k] + std::sqrt(1 - lam[j] * lam[j]) * N(gen);
  }
  csat::model::specification s;
  s.reflective("Xi", {"x1", "x2", "x3"}).reflective("Eta1", {"y1", "y2", "y3"}).reflective("Eta2", {"z1", "z2", "z3"});
  s.path("Xi", "Eta1").path("Xi", "Eta2").path("Eta1", "Eta2");
  const std::vector<std::string> cols{"x1", "x2", "x3", "y1", "y2", "y3", "z1", "z2", "z3"};
  csat::pls::estimate_options o;
  o.consistent = true;
  const auto r = csat::pls::estimate(s, X, cols, o);
  // standard errors at n = 5000 are about 0.015; allow 3 of them
  CHECK_THAT(r.path("Xi", "Eta1"), WithinAbs(b1, 0.045));
  CHECK_THAT(r.path("Xi", "Eta2"), WithinAbs(b2, 0.045));
  CHECK_THAT(r.path("Eta1", "Eta2"), WithinAbs(b3, 0.045));
  CHECK_THAT(r.loading("x1"), WithinAbs(0.9, 0.03));
  CHECK_THAT(r.loading("z3"), WithinAbs(0.7, 0.03));
  const auto plain = csat::pls::estimate(s, X, cols);
  CHECK(plain.path("Xi", "Eta1") < b1 - 0.05);  // measurement error attenuates PLS composites' correlation
}

// ---- bad input ---------------------------------------------------------------------------------------------
TEST_CASE("bad input: typed errors naming the culprit", "[pls][errors]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto data = mobi();
  const char* fn = "csat::pls::estimate";
  {  // unknown indicator
    auto items = csat::model::mobi_indicators();
    items.loyalty.push_back("CUSL9");
    CHECK_THROWS_AS(csat::pls::estimate(csat::model::ecsi(items), data), csat::invalid_argument);
    CHECK_THROWS_WITH(csat::pls::estimate(csat::model::ecsi(items), data),
                      Contains("indicator \"CUSL9\" of construct \"Loyalty\" is not a column of the data"));
  }
  {  // the matrix overloads (unweighted and weighted): the matrix and its column names must agree
    std::vector<std::string> names = data.names;
    names.pop_back();
    const std::string msg = "data has " + std::to_string(data.cols()) + " columns, but " +
                            std::to_string(data.cols() - 1) + " column names were given";
    CHECK_THROWS_AS(csat::pls::estimate(ecsi(), data.values, names), csat::invalid_argument);
    CHECK_THROWS_WITH(csat::pls::estimate(ecsi(), data.values, names), Contains(fn) && Contains(msg));
    const Eigen::VectorXd w = Eigen::VectorXd::Ones(data.rows());
    CHECK_THROWS_WITH(csat::pls::estimate(ecsi(), data.values, names, w), Contains(fn) && Contains(msg));
  }
  {  // specification errors surface unchanged
    auto s = ecsi();
    s.path("Loyalty", "Image");
    CHECK_THROWS_WITH(csat::pls::estimate(s, data), Contains("cyclic"));
  }
  {  // zero-variance indicator
    auto t = data;
    t.values.col(t.index_of("PERQ4")).setConstant(7);
    CHECK_THROWS_AS(csat::pls::estimate(ecsi(), t), csat::domain_error);
    CHECK_THROWS_WITH(csat::pls::estimate(ecsi(), t),
                      Contains("indicator \"PERQ4\" of construct \"Quality\" has zero variance (every value is 7)"));
  }
  {  // perfectly collinear Mode B block
    auto t = data;
    t.values.col(t.index_of("PERQ3")) = t.values.col(t.index_of("PERQ1")) + t.values.col(t.index_of("PERQ2"));
    csat::model::specification s;
    const auto items = csat::model::mobi_indicators();
    s.reflective("Image", items.image).formative("Quality", items.quality).reflective("Satisfaction", items.satisfaction);
    s.path("Image", "Satisfaction").path("Quality", "Satisfaction");
    CHECK_THROWS_AS(csat::pls::estimate(s, t), csat::domain_error);
    CHECK_THROWS_WITH(csat::pls::estimate(s, t), Contains("Mode B block \"Quality\" is perfectly collinear"));
    CHECK_THROWS_WITH(csat::pls::estimate(s, t), Contains("PERQ1, PERQ2, PERQ3"));
    // the same block in Mode A is fine
    csat::model::specification a;
    a.reflective("Image", items.image).reflective("Quality", items.quality).reflective("Satisfaction", items.satisfaction);
    a.path("Image", "Satisfaction").path("Quality", "Satisfaction");
    CHECK_NOTHROW(csat::pls::estimate(a, t));
  }
  {  // too few rows: Satisfaction has 4 predecessors, so 6 rows are needed
    auto t = data;
    t.values.conservativeResize(5, Eigen::NoChange);
    t.lines.resize(5);
    CHECK_THROWS_AS(csat::pls::estimate(ecsi(), t), csat::invalid_argument);
    CHECK_THROWS_WITH(csat::pls::estimate(ecsi(), t),
                      Contains("the data have 5 rows, but at least 6 are needed (construct \"Satisfaction\" has 4 predecessors)"));
  }
  {  // non-convergence is a status
    csat::pls::estimate_options o;
    o.max_iterations = 2;
    const auto r = csat::pls::estimate(ecsi(), data, o);
    CHECK(r.status == csat::pls::status::no_convergence);
    CHECK_FALSE(r.converged);
    CHECK(r.iterations == 2);
    CHECK(r.updates == 3);
    CHECK(r.final_change > 1e-7);
    CHECK(std::string(csat::pls::to_string(r.status)) == "no_convergence");
    o.max_iterations = -1;
    CHECK_THROWS_WITH(csat::pls::estimate(ecsi(), data, o), Contains("options.max_iterations = -1"));
    o.max_iterations = 300;
    o.tolerance = 0;
    CHECK_THROWS_AS(csat::pls::estimate(ecsi(), data, o), csat::domain_error);
  }
  {  // NaN without a missing policy names line and column; the policies carry their report
    auto t = data;
    t.values(9, t.index_of("CUSA2")) = std::nan("");
    t.missing[std::size_t(t.index_of("CUSA2"))] = 1;
    CHECK_THROWS_AS(csat::pls::estimate(ecsi(), t), csat::domain_error);
    CHECK_THROWS_WITH(csat::pls::estimate(ecsi(), t), Contains(":11: column \"CUSA2\" is missing"));
    csat::pls::estimate_options o;
    o.missing = csat::survey::missing_policy::listwise;
    const auto r = csat::pls::estimate(ecsi(), t, o);
    CHECK(r.n_used == 249);
    REQUIRE(r.missing.excluded.size() == 1);
    CHECK(r.missing.excluded[0].line == 11);
    o.missing = csat::survey::missing_policy::mean;
    const auto m = csat::pls::estimate(ecsi(), t, o);
    CHECK(m.n_used == 250);
    CHECK(m.missing.cells_imputed == 1);
    // the matrix overload names the cell
    const Eigen::MatrixXd X = t.values;
    CHECK_THROWS_WITH(csat::pls::estimate(ecsi(), X, t.names), Contains("data[9,"));
    CHECK_THROWS_WITH(csat::pls::estimate(ecsi(), X, t.names), Contains("(column \"CUSA2\")"));
    o.missing = csat::survey::missing_policy::listwise;
    CHECK(csat::pls::estimate(ecsi(), X, t.names, o).n_used == 249);
    CHECK_THROWS_WITH(csat::pls::estimate(ecsi(), X, {"a", "b"}), Contains("data has 24 columns, but 2 column names"));
  }
  (void)fn;
}

TEST_CASE("estimation works in float as well", "[pls]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto data = mobi();
  const Eigen::MatrixXf X = data.values.cast<float>();
  csat::pls::estimate_options o;
  o.tolerance = 1e-5;  // Σ|Δw| below 1e-7 is beyond float's resolution for 24 weights
  const auto r = csat::pls::estimate(ecsi(), X, data.names, o);
  CHECK(r.converged);
  CHECK_THAT(double(r.path("Image", "Expectation")), WithinAbs(0.5049139336292103, 1e-4));
}
