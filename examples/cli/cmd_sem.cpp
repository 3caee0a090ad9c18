// csat sem --model MODEL (--data DATA.csv | --cov COV.csv --nobs N [--cov-divisor n|n-1])
//          [--missing listwise|fiml] [--group COL] [--invariance] [--std-lv] [--meanstructure]
//          [--fixed-x true|false] [--modindices] [--json]
// Covariance-based SEM by maximum likelihood (lavaan-compatible): estimates, SEs, standardized solutions,
// R², fit measures; with --group several groups, with --invariance the configural/metric/scalar sequence.
//
// MODEL: lavaan-style model text (=~, ~, ~~, ~ 1, :=, labels and fixed values).
// COV.csv: a header of variable names, optionally after a first column of row names; by default a
//   covariance with divisor N-1 (lavaan's sample.cov, rescaled by (N-1)/N); --cov-divisor n for divisor N.
#include "cli.hpp"
#include "data_input.hpp"

#include <csat/sem/fit_table.hpp>
#include <csat/sem/invariance.hpp>
#include <csat/sem/modindices.hpp>
#include <csat/survey/csv.hpp>

#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace {

struct sem_args {
  std::string model;
  std::string data;
  std::string cov;
  long nobs = 0;
  std::string cov_divisor = "n-1";
  std::string missing = "listwise";
  std::string group;
  bool invariance = false;
  std::vector<std::string> group_equal;    // --group-equal loadings,intercepts,...
  std::vector<std::string> group_partial;  // --group-partial "visual =~ x2,x3 ~ 1"
  bool std_lv = false;
  bool meanstructure = false;
  std::string fixed_x = "true";
  bool modindices = false;
  double mi_min = 3.84;
  bool json = false;
  csat_cli::data_args input;  // --missing-codes, --encoding, --decimal, --sheet
};

namespace sem = csat::sem;

// Reads a covariance matrix file into the model's variable order.
Eigen::MatrixXd read_covariance(const std::string& path, const std::vector<std::string>& observed) {
  std::string text = csat::detail::read_file_text(path, "csat sem --cov");
  csat::survey::csv_reader reader(text, path);
  csat::survey::csv_record header;
  if (!reader.next(header)) throw csat_cli::input_error("--cov: " + path + " is empty");
  csat::survey::csv_options o;
  o.delimiter = reader.delimiter();
  const std::string first = header.fields.empty() ? std::string() : header.fields[0];
  // row names in the first column when it is not a numeric column
  csat::survey::data_table<double> t;
  std::vector<std::string> rows;
  bool labeled = false;
  try {
    o.text_columns = {first};
    t = csat::survey::read_csv(path, o);
    if (t.cols() == t.rows()) {
      labeled = true;
      rows = t.text_column(first);
    }
  } catch (const csat::invalid_argument&) {
    labeled = false;
  }
  if (!labeled) {
    o.text_columns.clear();
    t = csat::survey::read_csv(path, o);
    rows = t.names;
  }
  if (t.cols() != t.rows())
    throw csat_cli::input_error("--cov: " + path + " has " + std::to_string(t.rows()) + " rows and " +
                                std::to_string(t.cols()) + " numeric columns, but a covariance matrix is square");
  const auto p = static_cast<Eigen::Index>(observed.size());
  Eigen::MatrixXd S(p, p);
  std::vector<Eigen::Index> ri(observed.size());
  for (std::size_t i = 0; i < observed.size(); ++i) {
    const auto it = std::find(rows.begin(), rows.end(), observed[i]);
    if (it == rows.end() || !t.has(observed[i]))
      throw csat_cli::input_error("--cov: observed variable " + csat::detail::quoted(observed[i]) +
                                  " of the model is not in " + path);
    ri[i] = it - rows.begin();
  }
  for (Eigen::Index i = 0; i < p; ++i)
    for (Eigen::Index j = 0; j < p; ++j)
      S(i, j) = t.values(ri[static_cast<std::size_t>(i)], t.index_of(observed[static_cast<std::size_t>(j)]));
  return S;
}

std::string section_of(const sem::parameter_estimate& p, const sem::sem_model& m) {
  if (p.op == "=~") return "Latent variables";
  if (p.op == "<~") return "Composites";
  if (p.op == "~") return "Regressions";
  if (p.op == "~1") return "Intercepts";
  if (p.op == ":=") return "Defined parameters";
  (void)m;
  return p.lhs == p.rhs ? "Variances" : "Covariances";
}

void print_fit(const sem::sem_result& r) {
  const auto& f = r.fit;
  // measures resting on an unrestricted model that could not be estimated (FIML, see the warnings)
  const std::string h1 = f.h1_estimated ? "" : "   (h1 not estimated: unreliable, see warnings)";
  std::cout << "\nModel test (user model):\n"
            << "  Chi-square                 " << csat_cli::fixed(f.chisq, 3) << h1 << "\n"
            << "  Degrees of freedom         " << f.df << "\n"
            << "  P-value (Chi-square)       " << csat_cli::fixed(f.pvalue, 3) << h1 << "\n"
            << "\nModel test (baseline model):\n"
            << "  Chi-square                 " << csat_cli::fixed(f.baseline_chisq, 3) << h1 << "\n"
            << "  Degrees of freedom         " << f.baseline_df << "\n"
            << "\nUser model versus baseline model:\n"
            << "  Comparative Fit Index (CFI)    " << csat_cli::fixed(f.cfi, 3) << h1 << "\n"
            << "  Tucker-Lewis Index (TLI)       " << csat_cli::fixed(f.tli, 3) << h1 << "\n"
            << "\nLoglikelihood and information criteria:\n"
            << "  Loglikelihood user model (H0)      " << csat_cli::fixed(f.loglik, 3) << "\n"
            << "  Loglikelihood unrestricted (H1)    " << csat_cli::fixed(f.unrestricted_loglik, 3) << h1 << "\n"
            << "  Akaike (AIC)                       " << csat_cli::fixed(f.aic, 3) << "\n"
            << "  Bayesian (BIC)                     " << csat_cli::fixed(f.bic, 3) << "\n"
            << "\nRoot Mean Square Error of Approximation:\n"
            << "  RMSEA                          " << csat_cli::fixed(f.rmsea, 3) << h1 << "\n"
            << "  90 Percent confidence interval " << csat_cli::fixed(f.rmsea_ci_lower, 3) << " "
            << csat_cli::fixed(f.rmsea_ci_upper, 3) << h1 << "\n"
            << "  P-value H0: RMSEA <= 0.050     " << csat_cli::fixed(f.rmsea_pvalue, 3) << h1 << "\n"
            << "\nStandardized Root Mean Square Residual:\n"
            << "  SRMR                           " << csat_cli::fixed(f.srmr, 3) << h1 << "\n";
}

void print_text(const sem::sem_model& m, const sem::sem_result& r, const std::vector<sem::modification_index>* mi,
                const sem_args& a, const std::string& data_line = "") {
  std::cout << "csat sem: ML estimation (lavaan-compatible), " << (r.converged ? "converged" : "NOT converged")
            << " after " << r.iterations << " iterations (status " << sem::to_string(r.status) << ")\n\n"
            << "  Number of free parameters      " << r.fit.npar << "\n"
            << "  Number of observations         " << r.n_used;
  if (r.n_total != r.n_used) std::cout << " used of " << r.n_total;
  if (!data_line.empty()) std::cout << "\n  Data                           " << data_line;
  std::cout << "\n  Missing data                   "
            << (r.missing == sem::missing_policy::fiml ? "fiml" : "listwise") << "\n"
            << "  Standard errors                "
            << (r.information == sem::information_type::observed ? "observed" : "expected") << " information\n";
  if (m.groups > 1)
    for (std::size_t g = 0; g < r.group_labels.size(); ++g)
      std::cout << "  Group " << g + 1 << " " << r.group_labels[g] << ": " << r.group_n[g] << " observations\n";
  print_fit(r);
  std::cout << "\nParameter estimates:\n";
  for (int g = 0; g < m.groups; ++g) {
    if (m.groups > 1) std::cout << "\nGroup " << g + 1 << " [" << r.group_labels[static_cast<std::size_t>(g)] << "]:\n";
    for (const char* sec : {"Latent variables", "Composites", "Regressions", "Covariances", "Intercepts", "Variances",
                            "Defined parameters"}) {
      csat_cli::table t({"", "", "", "Estimate", "Std.Err", "z-value", "P(>|z|)", "Std.lv", "Std.all"});
      int n = 0;
      for (const auto& p : r.parameters) {
        const bool defined = p.op == ":=";
        if (defined ? g != m.groups - 1 : p.group != g) continue;
        if (section_of(p, m) != sec) continue;
        const bool fixed = p.free < 0 && !defined;
        t.add({p.lhs + (p.label.empty() || defined ? "" : " (" + p.label + ")"), p.op, p.rhs,
               csat_cli::fixed(p.est, 3), fixed ? "" : csat_cli::fixed(p.se, 3), fixed ? "" : csat_cli::fixed(p.z, 3),
               fixed ? "" : csat_cli::fixed(p.pvalue, 3), csat_cli::fixed(p.std_lv, 3), csat_cli::fixed(p.std_all, 3)});
        ++n;
      }
      if (n == 0) continue;
      std::cout << "\n" << sec << ":\n";
      t.print(std::cout, "  ");
    }
    csat_cli::table t2({"", "R-square"});
    int n = 0;
    for (const auto& e : r.r2)
      if (e.group == g) {
        t2.add({e.name, csat_cli::fixed(e.value, 3)});
        ++n;
      }
    if (n > 0) {
      std::cout << "\nR-square:\n";
      t2.print(std::cout, "  ");
    }
  }
  if (mi) {
    std::vector<sem::modification_index> s;
    for (const auto& x : *mi)
      if (x.mi >= a.mi_min) s.push_back(x);
    std::stable_sort(s.begin(), s.end(), [](const auto& x, const auto& y) { return x.mi > y.mi; });
    std::cout << "\nModification indices (MI >= " << csat_cli::fixed(a.mi_min, 2) << "):\n";
    csat_cli::table t({"", "", "", "group", "MI", "EPC"});
    for (const auto& x : s)
      t.add({x.lhs, x.op, x.rhs, std::to_string(x.group + 1), csat_cli::fixed(x.mi, 3), csat_cli::fixed(x.epc, 3)});
    t.print(std::cout, "  ");
  }
  if (!r.warnings.empty()) {
    std::cout << "\nWarnings:\n";
    for (const auto& w : r.warnings) std::cout << "  " << w << "\n";
  }
}

nlohmann::json fit_json(const sem::fit_indices& f) {
  using csat_cli::number;
  return {{"npar", f.npar}, {"chisq", number(f.chisq)}, {"df", number(f.df)}, {"pvalue", number(f.pvalue)},
          {"baseline_chisq", number(f.baseline_chisq)}, {"baseline_df", number(f.baseline_df)},
          {"cfi", number(f.cfi)}, {"tli", number(f.tli)}, {"rmsea", number(f.rmsea)},
          {"rmsea_ci_lower", number(f.rmsea_ci_lower)}, {"rmsea_ci_upper", number(f.rmsea_ci_upper)},
          {"rmsea_pvalue", number(f.rmsea_pvalue)}, {"srmr", number(f.srmr)}, {"aic", number(f.aic)},
          {"bic", number(f.bic)}, {"bic2", number(f.bic2)}, {"loglik", number(f.loglik)},
          {"unrestricted_loglik", number(f.unrestricted_loglik)}, {"fmin", number(f.fmin)},
          {"h1_estimated", f.h1_estimated}};
}

nlohmann::json result_json(const sem::sem_model& m, const sem::sem_result& r) {
  using csat_cli::number;
  nlohmann::json ps = nlohmann::json::array();
  for (const auto& p : r.parameters) {
    nlohmann::json j{{"lhs", p.lhs}, {"op", p.op}, {"rhs", p.rhs}, {"est", number(p.est)},
                     {"se", p.free >= 0 || p.op == ":=" ? number(p.se) : nlohmann::json(nullptr)},
                     {"z", number(p.z)}, {"p", number(p.pvalue)}, {"std_lv", number(p.std_lv)},
                     {"std_all", number(p.std_all)}, {"std_all_se", number(p.std_all_se)},
                     {"free", p.free >= 0}, {"label", p.label}};
    if (m.groups > 1 && p.op != ":=") j["group"] = r.group_labels[static_cast<std::size_t>(p.group)];
    ps.push_back(j);
  }
  nlohmann::json r2 = nlohmann::json::array();
  for (const auto& e : r.r2) {
    nlohmann::json j{{"name", e.name}, {"r2", number(e.value)}};
    if (m.groups > 1) j["group"] = r.group_labels[static_cast<std::size_t>(e.group)];
    r2.push_back(j);
  }
  nlohmann::json out{{"parameters", ps},
                     {"fit", fit_json(r.fit)},
                     {"r2", r2},
                     {"converged", r.converged},
                     {"status", sem::to_string(r.status)},
                     {"admissible", r.admissible},
                     {"iterations", r.iterations},
                     {"n_used", r.n_used},
                     {"n_total", r.n_total},
                     {"n_dropped", r.n_dropped},
                     {"missing", r.missing == sem::missing_policy::fiml ? "fiml" : "listwise"},
                     {"information", r.information == sem::information_type::observed ? "observed" : "expected"},
                     {"warnings", r.warnings}};
  if (m.groups > 1) {
    nlohmann::json gs = nlohmann::json::array();
    for (std::size_t g = 0; g < r.group_labels.size(); ++g) gs.push_back({{"label", r.group_labels[g]}, {"n", r.group_n[g]}});
    out["groups"] = gs;
  }
  return out;
}

void run(const sem_args& a) {
  csat_cli::data_read_info model_info;  // a model file saved as GBK or UTF-16 is read like a data file
  const std::string text = csat_cli::to_utf8(csat::detail::read_file_text(a.model, "csat sem --model"), "auto", a.model, model_info);
  const csat::model::syntax syn = csat::model::parse_syntax(text, a.model);
  sem::sem_options o;
  o.model.std_lv = a.std_lv;
  o.model.meanstructure = a.meanstructure;
  o.model.fixed_x = a.fixed_x == "true";
  o.missing = a.missing == "fiml" ? sem::missing_policy::fiml : sem::missing_policy::listwise;
  o.group = a.group;
  if ((!a.group_equal.empty() || !a.group_partial.empty()) && a.group.empty())
    throw csat_cli::usage_error("--group-equal and --group-partial need --group COL");
  if (!a.group_equal.empty() && a.invariance)
    throw csat_cli::usage_error("--group-equal and --invariance exclude each other (--invariance fits its own sequence)");
  o.model.group_equal = a.group_equal;
  o.model.group_partial = a.group_partial;
  if (a.data.empty() == a.cov.empty()) throw csat_cli::input_error("give either --data or --cov (with --nobs)");
  if (!a.cov.empty()) {
    if (a.nobs < 2) throw csat_cli::input_error("--cov needs --nobs N (the number of observations, at least 2)");
    if (!a.group.empty() || a.missing == "fiml" || a.invariance)
      throw csat_cli::input_error("--group, --invariance and --missing fiml need raw data (--data)");
    const sem::sem_model m = sem::specify(syn, o.model);
    if (m.meanstructure)
      throw csat_cli::input_error("a mean structure (--meanstructure or an intercept `~ 1` in the model) needs raw "
                                  "data (--data): a covariance matrix has no means");
    const Eigen::MatrixXd S = read_covariance(a.cov, m.observed);
    const sem::sample_data s = sem::make_sample_from_covariance(S, m.observed, a.nobs, {}, a.cov_divisor == "n");
    const sem::sem_result r = sem::fit(m, s, o.estimation);
    std::vector<sem::modification_index> mi;
    if (a.modindices) mi = sem::modification_indices(m, s, r);
    if (a.json) {
      auto j = result_json(m, r);
      if (a.modindices) {
        j["modindices"] = nlohmann::json::array();
        for (const auto& x : mi)
          j["modindices"].push_back({{"lhs", x.lhs}, {"op", x.op}, {"rhs", x.rhs}, {"mi", csat_cli::number(x.mi)}, {"epc", csat_cli::number(x.epc)}});
      }
      csat_cli::print_json(j);
    } else {
      print_text(m, r, a.modindices ? &mi : nullptr, a);
    }
    return;
  }
  // columns the model does not name (and the group column) are read as text, so labels do not stop the reader
  csat::survey::csv_options co;
  {
    std::vector<std::string> names;
    for (const auto& st : syn.statements) {
      names.push_back(st.lhs);
      for (const auto& t : st.rhs) names.push_back(t.name);
    }
    for (const auto& f : csat_cli::data_header(a.data, a.input))
      if (f == a.group || std::find(names.begin(), names.end(), f) == names.end()) co.text_columns.push_back(f);
  }
  csat_cli::data_read_info read_info;
  const auto data = csat_cli::read_data(a.data, a.input, co, read_info);
  const auto code_warnings = csat_cli::suspect_missing_codes(data);
  for (const auto& w : code_warnings) std::cerr << "csat sem: warning: " << w << "\n";
  if (a.invariance) {
    if (a.group.empty()) throw csat_cli::input_error("--invariance needs --group COL");
    const sem::invariance_result inv = sem::test_invariance(syn, data, o);
    if (a.json) {
      nlohmann::json steps = nlohmann::json::array();
      for (const auto& st : inv.steps)
        steps.push_back({{"model", st.name}, {"group_equal", st.group_equal}, {"fit", fit_json(st.result.fit)},
                         {"converged", st.result.converged}, {"chisq_diff", csat_cli::number(st.chisq_diff)},
                         {"df_diff", csat_cli::number(st.df_diff)}, {"pvalue_diff", csat_cli::number(st.pvalue_diff)},
                         {"warnings", st.result.warnings}});
      csat_cli::print_json({{"groups", inv.group_labels}, {"invariance", steps}});
    } else {
      std::cout << "csat sem: measurement invariance across " << inv.group_labels.size() << " groups of " << a.group << "\n\n";
      csat_cli::table t({"model", "npar", "chisq", "df", "CFI", "RMSEA", "SRMR", "chisq diff", "df diff", "p"});
      for (const auto& st : inv.steps) {
        const auto& f = st.result.fit;
        const bool first = std::isnan(st.chisq_diff);
        t.add({st.name + (st.result.converged ? "" : " (not converged)"), std::to_string(f.npar),
               csat_cli::fixed(f.chisq, 3), csat_cli::fixed(f.df, 0), csat_cli::fixed(f.cfi, 3),
               csat_cli::fixed(f.rmsea, 3), csat_cli::fixed(f.srmr, 3), first ? "" : csat_cli::fixed(st.chisq_diff, 3),
               first ? "" : csat_cli::fixed(st.df_diff, 0), first ? "" : csat_cli::fixed(st.pvalue_diff, 4)});
      }
      t.print(std::cout, "  ");
    }
    return;
  }
  const sem::table_fit f = sem::fit_table(syn, data, o);
  std::vector<sem::modification_index> mi;
  if (a.modindices) {
    // modification indices need the sample statistics again
    std::vector<std::string> labels;
    std::vector<int> groups;
    if (!a.group.empty()) groups = sem::group_rows(data, a.group, labels);
    Eigen::MatrixXd x = data.select(f.model.observed);
    for (std::size_t i = 0; i < groups.size(); ++i)
      if (groups[i] < 0) x.row(static_cast<Eigen::Index>(i)).setConstant(std::numeric_limits<double>::quiet_NaN());
    const sem::sample_data s = sem::make_sample(x, f.model.observed, groups, labels, o.missing);
    mi = sem::modification_indices(f.model, s, f.result);
  }
  if (a.json) {
    auto j = result_json(f.model, f.result);
    j["data_read"] = csat_cli::read_info_json(a.data, read_info, code_warnings);
    if (a.modindices) {
      j["modindices"] = nlohmann::json::array();
      for (const auto& x : mi)
        j["modindices"].push_back({{"lhs", x.lhs}, {"op", x.op}, {"rhs", x.rhs}, {"group", x.group + 1},
                                   {"mi", csat_cli::number(x.mi)}, {"epc", csat_cli::number(x.epc)}});
    }
    csat_cli::print_json(j);
  } else {
    print_text(f.model, f.result, a.modindices ? &mi : nullptr, a, csat_cli::describe_read(a.data, read_info));
  }
}

const csat_cli::registrar register_sem(
    "sem", "covariance-based SEM by maximum likelihood (lavaan-compatible): estimates, fit, groups, FIML",
    [](CLI::App& sub) {
      auto a = std::make_shared<sem_args>();
      sub.add_option("--model", a->model, "model file in lavaan syntax (=~ ~ ~~ ~1 := labels, fixed values)")->required();
      sub.add_option("--data", a->data,
                     "raw data (one column per observed variable): CSV in any encoding, .xlsx, .sav/.zsav/.por, .dta");
      csat_cli::add_data_options(&sub, a->input);
      sub.add_option("--cov", a->cov, "covariance matrix CSV (header of names, optional first column of row names)");
      sub.add_option("--nobs", a->nobs, "number of observations behind --cov");
      sub.add_option("--cov-divisor", a->cov_divisor, "divisor of --cov: n-1 (default, rescaled as lavaan) or n")
          ->check(CLI::IsMember({"n", "n-1"}));
      sub.add_option("--missing", a->missing, "listwise (default) or fiml")->check(CLI::IsMember({"listwise", "fiml"}));
      sub.add_option("--group", a->group, "group column (text or numbers): one model per group");
      sub.add_flag("--invariance", a->invariance, "with --group: configural, metric and scalar models with chi-square difference tests");
      sub.add_option("--group-equal", a->group_equal,
                     "with --group: parameters equal across groups (lavaan group.equal), comma-separated: loadings, "
                     "intercepts, means, residuals, residual.covariances, lv.variances, lv.covariances, regressions")
          ->delimiter(',')
          ->check(CLI::IsMember({"loadings", "intercepts", "means", "residuals", "residual.covariances",
                                 "lv.variances", "lv.covariances", "regressions"}));
      sub.add_option("--group-partial", a->group_partial,
                     "with --group-equal: parameters left free across groups (lavaan group.partial), comma-separated, "
                     "written as in the model: \"visual =~ x2,x3 ~ 1\"")
          ->delimiter(',');
      sub.add_flag("--std-lv", a->std_lv, "identify factors by unit variances instead of marker loadings");
      sub.add_flag("--meanstructure", a->meanstructure,
                   "free intercepts of the observed variables, latent means 0 (lavaan meanstructure = TRUE; "
                   "on by itself with --group, --missing fiml or an intercept `y ~ 1` in the model)");
      sub.add_option("--fixed-x", a->fixed_x,
                     "true (default, lavaan's fixed.x = TRUE): exogenous covariates keep their sample moments and "
                     "the log-likelihood, AIC and BIC are conditional on them; false: their variances, covariances "
                     "(and means) are free parameters and the log-likelihood is the joint one")
          ->check(CLI::IsMember({"true", "false"}));
      sub.add_flag("--modindices", a->modindices, "modification indices with expected parameter changes");
      sub.add_option("--mi-min", a->mi_min, "smallest modification index printed (default 3.84)");
      sub.add_flag("--json", a->json, "JSON output");
      sub.callback([a] { run(*a); });
    },
    35);

}  // namespace
