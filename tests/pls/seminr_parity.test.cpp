// Issue 22: PLSc resamples whose disattenuated construct correlations exceed 1 are estimated and kept (seminr and
// cSEM solve such regular, non-positive-definite systems); only a truly singular system drops a resample, and only
// the statistics that do not exist. Expected values: tests/reference/pls_seminr_parity.R (seminr 2.3.2), data in
// tests/data/ (no ../shared needed).
#include <csat/pls/bootstrap.hpp>
#include <csat/pls/quality.hpp>
#include <csat/model/specification.hpp>

#include <catch2/catch.hpp>

#include "support/shared.hpp"

#include <cmath>
#include <random>
#include <string>
#include <vector>

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;

namespace {

const char* plsc_model_text =
    "Image =~ IMAG1 + IMAG2 + IMAG3 + IMAG4 + IMAG5\n"
    "Expectation =~ CUEX1 + CUEX2 + CUEX3\n"
    "Value =~ PERV1 + PERV2\n"
    "Satisfaction =~ CUSA1 + CUSA2 + CUSA3\n"
    "Satisfaction ~ Image + Expectation + Value\n";

csat::model::specification plsc_model() { return csat::model::from_syntax(plsc_model_text); }

struct ref_row {
  std::string kind, from, to;
  double original, mean, sd, n;
};

std::vector<ref_row> read_reference(const std::string& rel) {
  csat::survey::csv_options o;
  o.text_columns = {"kind", "from", "to"};
  const auto t = csat::survey::read_csv(csat_test::source_path(rel), o);
  std::vector<ref_row> out;
  const auto& kind = t.text_column("kind");
  const auto& from = t.text_column("from");
  const auto& to = t.text_column("to");
  for (Eigen::Index i = 0; i < t.rows(); ++i) {
    const auto u = static_cast<std::size_t>(i);
    out.push_back({kind[u], from[u], to[u], t.values(i, t.index_of("original")), t.values(i, t.index_of("mean")),
                   t.values(i, t.index_of("sd")), t.values(i, t.index_of("n"))});
  }
  return out;
}

template <class Summary>
const Summary* find(const std::vector<Summary>& v, const std::string& a, const std::string& b, bool unordered = false) {
  for (const auto& s : v)
    if ((s.from == a && s.to == b) || (unordered && s.from == b && s.to == a)) return &s;
  return nullptr;
}

}  // namespace

TEST_CASE("PLSc with correlations beyond 1: converged, regular, inadmissible (seminr)", "[pls][plsc][reference]") {
  const auto data = csat::survey::read_csv(csat_test::source_path("tests/data/pls_mobi.csv"));
  const auto idx = csat::pls::read_resample_indices(csat_test::source_path("tests/data/pls_mobi_boot_indices_plsc.csv"));
  const auto counts = csat::survey::read_csv(csat_test::source_path("tests/reference/pls_plsc_boot_mobi_counts.csv"));
  const auto ref = read_reference("tests/reference/pls_plsc_boot_mobi.csv");
  csat::pls::estimate_options o;
  o.consistent = true;
  auto resample = [&](Eigen::Index b) {
    csat::survey::data_table<double> t = data;
    t.lines.clear();
    for (Eigen::Index j = 0; j < idx.cols(); ++j) t.values.row(j) = data.values.row(idx(b, j));
    return t;
  };
  std::size_t checked = 0;
  {  // the full sample: admissible (smallest eigenvalue of the disattenuated matrix 0.077)
    const auto r = csat::pls::estimate(plsc_model(), data, o);
    CHECK(r.converged);
    CHECK(r.status == csat::pls::status::success);
    CHECK(r.admissible);
    for (const auto& x : ref) {
      INFO(x.kind << " " << x.from << " -> " << x.to);
      if (x.kind == "path") CHECK_THAT(r.path(x.from, x.to), WithinAbs(x.original, 1e-6));
      else if (x.kind == "loading") CHECK_THAT(r.loading(x.from), WithinAbs(x.original, 1e-6));
      else if (x.kind == "r2") CHECK_THAT(r.r2(x.from), WithinAbs(x.original, 1e-6));
      else continue;
      ++checked;
    }
  }
  {  // seminr's first resample with a non-positive-definite matrix: estimated, paths and R² as seminr's
    const auto first = static_cast<Eigen::Index>(counts.values(0, counts.index_of("first_not_positive_definite"))) - 1;
    const auto r = csat::pls::estimate(plsc_model(), resample(first), o);
    CHECK(r.converged);
    CHECK(r.status == csat::pls::status::success);
    CHECK_FALSE(r.admissible);
    bool not_pd = false;
    for (const auto& w : r.warnings) not_pd = not_pd || w.find("not positive definite") != std::string::npos;
    CHECK(not_pd);
    for (const auto& x : ref) {
      INFO(x.kind << " " << x.from << " -> " << x.to);
      if (x.kind == "resample_path") CHECK_THAT(r.path(x.from, x.to), WithinAbs(x.original, 1e-6));
      else if (x.kind == "resample_loading") CHECK_THAT(r.loading(x.from), WithinAbs(x.original, 1e-6));
      else if (x.kind == "resample_r2") CHECK_THAT(r.r2(x.from), WithinAbs(x.original, 1e-6));
      else continue;
      ++checked;
    }
  }
  CHECK(checked == 2 * (3 + 13 + 1));
  // resamples whose predecessors' disattenuated matrix itself is not positive definite (a Cholesky factorization
  // fails; csat used to call them singular): regular systems, solved as R's solve() solves them
  std::size_t indefinite = 0;
  for (Eigen::Index b = 0; b < idx.rows(); ++b) {
    const auto r = csat::pls::estimate(plsc_model(), resample(b), o);
    const Eigen::MatrixXd P = r.structural_correlations.topLeftCorner(3, 3);
    if (Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(P).eigenvalues()(0) > 0) continue;
    ++indefinite;
    INFO("resample " << b);
    CHECK(r.converged);
    CHECK(r.status == csat::pls::status::success);
    CHECK_FALSE(r.admissible);
    CHECK(r.paths.allFinite());
  }
  CHECK(indefinite > 5);
}

TEST_CASE("PLSc bootstrap keeps non-positive-definite resamples (seminr)", "[pls][plsc][bootstrap][reference]") {
  const auto data = csat::survey::read_csv(csat_test::source_path("tests/data/pls_mobi.csv"));
  const auto idx = csat::pls::read_resample_indices(csat_test::source_path("tests/data/pls_mobi_boot_indices_plsc.csv"));
  REQUIRE(idx.rows() == 100);
  REQUIRE(idx.cols() == 250);
  const auto counts = csat::survey::read_csv(csat_test::source_path("tests/reference/pls_plsc_boot_mobi_counts.csv"));
  const auto kept = static_cast<std::size_t>(counts.values(0, counts.index_of("kept")));
  const auto not_pd = static_cast<std::size_t>(counts.values(0, counts.index_of("not_positive_definite")));
  REQUIRE(kept == 100);  // seminr kept every resample
  REQUIRE(not_pd > 10);  // 22 of them have a disattenuated matrix that is not positive definite (seminr: -0.58 min)
  csat::pls::estimate_options o;
  o.consistent = true;
  csat::pls::bootstrap_options bo;
  bo.threads = 2;
  bo.bca = false;
  const auto b = csat::pls::bootstrap_indices(plsc_model(), data, idx, o, bo);
  CHECK(b.requested == 100);
  CHECK(b.failed == 0);
  CHECK(b.successful == kept);
  CHECK(b.first_failure.empty());
  // every resample with a non-positive-definite matrix is counted as inadmissible (others may be, for other reasons)
  CHECK(b.inadmissible >= not_pd);
  bool counted = false;
  for (const auto& w : b.warnings)
    counted = counted || w.find("of 100 resamples gave an inadmissible solution") != std::string::npos;
  CHECK(counted);
  const auto ref = read_reference("tests/reference/pls_plsc_boot_mobi.csv");
  std::size_t checked = 0;
  for (const auto& x : ref) {
    INFO(x.kind << " " << x.from << " -> " << x.to);
    const csat::pls::parameter_summary<double>* s = nullptr;
    if (x.kind == "path") s = find(b.paths, x.from, x.to);
    else if (x.kind == "total") s = find(b.total_effects, x.from, x.to);
    else if (x.kind == "loading") s = find(b.loadings, x.from, x.to);
    else if (x.kind == "weight") s = find(b.weights, x.from, x.to);
    else if (x.kind == "htmt") s = find(b.htmt, x.from, x.to, true);
    else continue;
    REQUIRE(s != nullptr);
    CHECK(x.n == 100);
    CHECK_THAT(s->original, WithinAbs(x.original, 1e-6));
    CHECK_THAT(s->mean, WithinAbs(x.mean, 1e-6));
    CHECK_THAT(s->sd, WithinAbs(x.sd, 1e-6));
    ++checked;
  }
  CHECK(checked == 3 + 3 + 13 + 13 + 6);
}

TEST_CASE("a singular structural system drops the paths, not the loadings and HTMT", "[pls][bootstrap][errors]") {
  // B's items copy A's except in row 0: a resample without row 0 has two identical composites A and B, so the
  // regression of C on A and B is exactly singular (R's solve() fails: seminr drops such a resample). The factorial
  // scheme has no regression inside the iteration, so the weights, loadings and HTMT of that resample exist.
  std::mt19937 gen(11);
  std::normal_distribution<double> nd;
  const int n = 40;
  csat::survey::data_table<double> t;
  t.names = {"a1", "a2", "b1", "b2", "c1", "c2"};
  t.values.resize(n, 6);
  for (int i = 0; i < n; ++i) {
    const double f = nd(gen), g = nd(gen);
    t.values(i, 0) = f + 0.6 * nd(gen);
    t.values(i, 1) = f + 0.6 * nd(gen);
    t.values(i, 2) = i == 0 ? t.values(i, 0) + 3.0 : t.values(i, 0);
    t.values(i, 3) = i == 0 ? t.values(i, 1) - 2.0 : t.values(i, 1);
    t.values(i, 4) = 0.5 * f + g + 0.6 * nd(gen);
    t.values(i, 5) = 0.5 * f + g + 0.6 * nd(gen);
  }
  t.missing.assign(6, 0);
  csat::model::specification s;
  s.reflective("A", {"a1", "a2"}).reflective("B", {"b1", "b2"}).reflective("C", {"c1", "c2"});
  s.path("A", "C").path("B", "C");
  csat::pls::estimate_options o;
  o.scheme = csat::pls::inner_scheme::factorial;
  // without row 0 the system is singular: a numerical issue, although the iteration converged
  csat::survey::data_table<double> t0 = t;
  t0.values = t.values.bottomRows(n - 1);
  t0.lines.clear();
  const auto r0 = csat::pls::estimate(s, t0, o);
  CHECK(r0.converged);
  CHECK(r0.status == csat::pls::status::numerical_issue);
  CHECK(std::isnan(r0.path("A", "C")));
  CHECK(r0.loadings.allFinite());
  csat::pls::bootstrap_options bo;
  bo.resamples = 200;
  bo.threads = 2;
  bo.bca = false;
  const auto b = csat::pls::bootstrap(s, t, o, bo);
  // P(row 0 not drawn) = (39/40)^40 = 0.363
  CHECK(b.failed > 40);
  CHECK(b.failed < 110);
  CHECK(b.successful + b.failed == 200);
  CHECK_THAT(b.first_failure, Contains("a singular structural regression (left out: paths, effects and R²)"));
  const Eigen::Index path_col = 0;                                   // A -> C
  const Eigen::Index loading_col = static_cast<Eigen::Index>(b.paths.size() + b.total_effects.size() +
                                                             b.indirect_effects.size());  // a1 on A
  const Eigen::Index htmt_col = b.draws.cols() - 3;                  // A / B (no index columns)
  Eigen::Index finite_paths = 0, finite_loadings = 0, finite_htmt = 0;
  double sum_path = 0, sum_loading = 0;
  for (Eigen::Index i = 0; i < b.draws.rows(); ++i) {
    if (std::isfinite(b.draws(i, path_col))) {
      ++finite_paths;
      sum_path += b.draws(i, path_col);
    }
    if (std::isfinite(b.draws(i, loading_col))) {
      ++finite_loadings;
      sum_loading += b.draws(i, loading_col);
    }
    finite_htmt += std::isfinite(b.draws(i, htmt_col));
  }
  CHECK(static_cast<std::size_t>(finite_paths) == b.successful);  // the singular resamples' paths are dropped
  CHECK(finite_loadings == 200);                                   // their loadings are kept
  CHECK(finite_htmt == 200);                                       // and their HTMT
  REQUIRE(b.loadings[0].from == "a1");
  CHECK_THAT(b.loadings[0].mean, WithinAbs(sum_loading / 200.0, 1e-12));
  CHECK_THAT(b.paths[0].mean, WithinAbs(sum_path / double(finite_paths), 1e-12));
  REQUIRE(b.htmt[0].from == "A");
  REQUIRE(b.htmt[0].to == "B");
}
