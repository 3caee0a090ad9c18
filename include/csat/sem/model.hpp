#ifndef CSAT_SEM_MODEL_HPP
#define CSAT_SEM_MODEL_HPP

/// \file
/// The parameter table of a covariance-based SEM, built from the lavaan-style model syntax with lavaan's
/// defaults (sem()/cfa() in lavaan 0.6): the first loading of each factor fixed to 1 (or std_lv), residual
/// variances free, covariances among exogenous latent variables free, covariances among "pure" endogenous
/// variables free, exogenous observed covariates fixed to their sample moments (fixed.x), ov intercepts
/// free and latent intercepts fixed to 0 when there is a mean structure.
///
/// Every parameter maps to one cell of the LISREL-type matrices (all-y notation, as lavaan):
///   Sigma = Lambda (I - B)^-1 Psi (I - B)^-T Lambda' + Theta,   mu = nu + Lambda (I - B)^-1 alpha.
/// An observed variable that takes part in a regression gets a "phantom" latent variable with the same name
/// (loading 1, residual variance 0), so that all structural relations live in B and Psi.

#include <csat/core/error.hpp>
#include <csat/core/validate.hpp>
#include <csat/model/syntax.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace csat {
namespace sem {

/// The model matrix a parameter lives in.
enum class matrix_id { lambda, theta, psi, beta, nu, alpha };

/// One row of the parameter table (one per group for multiple-group models).
struct parameter {
  std::string lhs, op, rhs;   ///< as lavaan prints them: "=~", "~", "~~", "~1", "<~"
  int group = 0;              ///< 0-based group
  bool user = false;          ///< written in the model text (else added by a default rule)
  int free = -1;              ///< index into the free-parameter vector, -1 if fixed
  double value = 0;           ///< fixed value (or the value filled in at fit time for fixed.x rows)
  bool has_start = false;     ///< a user start() value
  double start = 0;
  std::string label;          ///< user label (shared labels = equality constraints)
  bool exo = false;           ///< fixed.x row: fixed to the sample moment at fit time
  matrix_id matrix = matrix_id::lambda;
  int row = 0, col = 0;       ///< the cell (symmetric matrices: row >= col not required)
};

/// A defined parameter `name := expression`.
struct defined_parameter {
  std::string name;
  std::string text;
  model::expression expr;
};

/// How to build the parameter table.
struct model_options {
  bool std_lv = false;            ///< fix latent variances to 1 and free all loadings (lavaan std.lv)
  /// lavaan fixed.x: fix variances/covariances/means of exogenous observed covariates to their sample values
  /// and report the log-likelihood (AIC, BIC) conditional on them; false: free parameters, joint likelihood
  bool fixed_x = true;
  bool meanstructure = false;     ///< add intercepts (lavaan meanstructure; forced on for several groups, FIML and `~ 1` in the model)
  int groups = 1;                 ///< number of groups
  /// lavaan group.equal: "loadings", "intercepts", "means", "residuals", "residual.covariances",
  /// "lv.variances", "lv.covariances", "regressions".
  std::vector<std::string> group_equal{};
  /// lavaan group.partial: parameters left free across groups although group_equal names their kind, written as
  /// in the syntax ("visual =~ x2", "x3 ~ 1", "x1 ~~ x4"; blanks do not matter, a covariance matches either order).
  std::vector<std::string> group_partial{};
};

/// A specified model: variable names, the parameter table and the defined parameters.
struct sem_model {
  std::string source;
  std::vector<std::string> observed;   ///< observed variables (data columns), in lavaan's order
  std::vector<std::string> latent;     ///< latent variables incl. phantoms (phantom k is named as its ov)
  std::vector<int> phantom;            ///< per observed variable: its phantom latent index, or -1
  std::vector<bool> is_phantom;        ///< per latent variable
  std::vector<bool> exogenous_x;       ///< per observed variable: an exogenous covariate (fixed.x)
  std::vector<parameter> parameters;
  std::vector<defined_parameter> defined;
  int n_free = 0;
  int groups = 1;
  bool meanstructure = false;
  model_options options;

  Eigen::Index p() const { return static_cast<Eigen::Index>(observed.size()); }
  Eigen::Index m() const { return static_cast<Eigen::Index>(latent.size()); }
  /// Number of fixed.x sample moments per group (excluded from the degrees of freedom, as lavaan).
  int exo_moments() const {
    int nx = static_cast<int>(std::count(exogenous_x.begin(), exogenous_x.end(), true));
    if (!options.fixed_x) return 0;
    return nx * (nx + 1) / 2 + (meanstructure ? nx : 0);
  }
  /// Sample moments in all groups, minus fixed.x moments.
  int moments() const {
    const int pp = static_cast<int>(p());
    return groups * (pp * (pp + 1) / 2 + (meanstructure ? pp : 0) - exo_moments());
  }
  int degrees_of_freedom() const { return moments() - n_free; }
};

namespace detail {

inline std::string where(const std::string& source, std::size_t line, std::size_t column) {
  return (source.empty() ? std::string("<model>") : source) + ":" + std::to_string(line) + ":" +
         std::to_string(column) + ": ";
}

inline bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

inline void add_unique(std::vector<std::string>& v, const std::string& s) {
  if (!contains(v, s)) v.push_back(s);
}

/// Union-find over parameter rows (equality constraints).
struct disjoint_sets {
  std::vector<int> parent;
  explicit disjoint_sets(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  int find(int i) { return parent[i] == i ? i : parent[i] = find(parent[i]); }
  void unite(int a, int b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

}  // namespace detail

/// Builds the parameter table of `syn` with lavaan's defaults. Throws csat::parse_error (located at the
/// statement) for constructs ML SEM does not support, and csat::invalid_argument for unidentified models
/// (a latent variable without scale, a formative block without a fixed weight, more free parameters than
/// sample moments).
inline sem_model specify(const model::syntax& syn, const model_options& options = {}) {
  const char* fn = "csat::sem::specify";
  using model::op;
  sem_model mdl;
  mdl.source = syn.source;
  mdl.options = options;
  mdl.groups = options.groups;
  // as lavaan: a mean structure with several groups, on request, or as soon as the model text has an
  // intercept (`y ~ 1`); then every observed intercept is free and latent means are fixed to 0
  mdl.meanstructure = options.meanstructure || options.groups > 1;
  for (const auto& s : syn.statements)
    if (s.oper == op::regression)
      for (const auto& t : s.rhs) mdl.meanstructure = mdl.meanstructure || t.intercept();
  if (options.groups < 1)
    csat::detail::throw_invalid_argument(fn, "options.groups = " + std::to_string(options.groups) + ", but must be >= 1");
  for (const auto& ge : options.group_equal) {
    static const std::vector<std::string> known{"loadings", "intercepts", "means", "residuals",
                                                "residual.covariances", "lv.variances", "lv.covariances",
                                                "regressions"};
    if (!detail::contains(known, ge))
      csat::detail::throw_invalid_argument(fn, "group_equal entry " + csat::detail::quoted(ge) +
                                                   " is not one of loadings, intercepts, means, residuals, "
                                                   "residual.covariances, lv.variances, lv.covariances, regressions");
  }

  // group.partial entries, normalized to lhs + op + rhs without blanks ("x3~1" for an intercept)
  std::vector<std::string> partial;
  for (const auto& gp : options.group_partial) {
    std::string e;
    for (char c : gp)
      if (!std::isspace(static_cast<unsigned char>(c))) e += c;
    bool ok = false;
    for (const char* o : {"=~", "~~", "<~", "~"}) {
      const auto at = e.find(o);
      if (at == std::string::npos) continue;
      const std::string l = e.substr(0, at), r = e.substr(at + std::char_traits<char>::length(o));
      ok = !l.empty() && !r.empty() && r.find('~') == std::string::npos;
      break;
    }
    if (!ok)
      csat::detail::throw_invalid_argument(fn, "group_partial entry " + csat::detail::quoted(gp) +
                                                   " is not a parameter written as in the syntax (e.g. \"visual =~ x2\", "
                                                   "\"x3 ~ 1\", \"x1 ~~ x4\")");
    partial.push_back(e);
  }

  // ---- pass 1: names -------------------------------------------------------------------------------
  std::vector<std::string> latent_names, indicators, others, formative;
  for (const auto& s : syn.statements) {
    if (s.oper == op::measured_by || s.oper == op::composed_of) {
      detail::add_unique(latent_names, s.lhs);
      if (s.oper == op::composed_of) detail::add_unique(formative, s.lhs);
    }
  }
  std::vector<std::string> reg_lhs, reg_rhs;
  for (const auto& s : syn.statements) {
    const std::string at = detail::where(syn.source, s.line, s.column);
    switch (s.oper) {
      case op::measured_by:
      case op::composed_of:
      case op::regression:
      case op::covariance:
        for (const auto& t : s.rhs) {
          if (t.interaction())
            throw parse_error(syn.source, t.line, t.column, t.name,
                              "interaction term " + csat::detail::quoted(t.name) +
                                  " is not supported by ML SEM (build a product indicator instead)");
          if (!t.group_mods.empty() && static_cast<int>(t.group_mods.size()) != mdl.groups)
            throw parse_error(syn.source, t.line, t.column, t.name,
                              "c(...) has " + std::to_string(t.group_mods.size()) + " values but the model has " +
                                  std::to_string(mdl.groups) + " group(s)");
          if (t.intercept()) {
            if (s.oper != op::regression) throw parse_error(syn.source, t.line, t.column, "1", "an intercept needs '~ 1'");
            if (s.rhs.size() != 1)
              throw parse_error(syn.source, t.line, t.column, "1",
                                "write the intercept in its own statement (" + s.lhs + " ~ 1)");
            continue;
          }
          if (s.oper == op::measured_by && !detail::contains(latent_names, t.name)) detail::add_unique(indicators, t.name);
          if (!detail::contains(latent_names, t.name)) detail::add_unique(others, t.name);
          if (s.oper == op::regression) detail::add_unique(reg_rhs, t.name);
          if (s.oper == op::composed_of) detail::add_unique(reg_rhs, t.name);
        }
        if (!detail::contains(latent_names, s.lhs)) detail::add_unique(others, s.lhs);
        if (s.oper == op::regression && !(s.rhs.size() == 1 && s.rhs[0].intercept())) detail::add_unique(reg_lhs, s.lhs);
        break;
      case op::defined:
        mdl.defined.push_back({s.lhs, s.rhs_text, s.rhs_expr});
        break;
      case op::equal:
        if (s.lhs_expr.type != model::expression::kind::name || s.rhs_expr.type != model::expression::kind::name)
          throw parse_error(syn.source, s.line, s.column, s.lhs,
                            "only equality constraints between two labels (a == b) are supported by ML SEM");
        break;
      case op::less:
      case op::greater:
        throw parse_error(syn.source, s.line, s.column, s.lhs,
                          "inequality constraints are not supported by ML SEM");
    }
    (void)at;
  }
  // observed: indicators first (in order of appearance), then the other observed names
  for (const auto& n : indicators) detail::add_unique(mdl.observed, n);
  for (const auto& n : others) detail::add_unique(mdl.observed, n);
  const auto ov_index = [&](const std::string& n) {
    return static_cast<int>(std::find(mdl.observed.begin(), mdl.observed.end(), n) - mdl.observed.begin());
  };
  const auto is_latent = [&](const std::string& n) { return detail::contains(latent_names, n); };
  if (mdl.observed.empty())
    csat::detail::throw_invalid_argument(fn, syn.source + ": the model has no observed variables");

  // phantoms: ov in regressions or formative blocks; then ov covarying with a phantom/latent
  const int p = static_cast<int>(mdl.observed.size());
  std::vector<bool> needs(p, false);
  for (const auto& n : reg_lhs) if (!is_latent(n)) needs[ov_index(n)] = true;
  for (const auto& n : reg_rhs) if (!is_latent(n)) needs[ov_index(n)] = true;
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& s : syn.statements) {
      if (s.oper != op::covariance) continue;
      for (const auto& t : s.rhs) {
        if (t.name == s.lhs) continue;
        const bool l_lv = is_latent(s.lhs) || needs[ov_index(s.lhs)];
        const bool r_lv = is_latent(t.name) || needs[ov_index(t.name)];
        if (l_lv && !r_lv) { needs[ov_index(t.name)] = true; changed = true; }
        if (r_lv && !l_lv) { needs[ov_index(s.lhs)] = true; changed = true; }
      }
    }
  }
  mdl.latent = latent_names;
  mdl.is_phantom.assign(latent_names.size(), false);
  mdl.phantom.assign(p, -1);
  for (int i = 0; i < p; ++i)
    if (needs[i]) {
      mdl.phantom[i] = static_cast<int>(mdl.latent.size());
      mdl.latent.push_back(mdl.observed[i]);
      mdl.is_phantom.push_back(true);
    }
  const auto lv_index = [&](const std::string& n) {
    if (is_latent(n))
      return static_cast<int>(std::find(latent_names.begin(), latent_names.end(), n) - latent_names.begin());
    return mdl.phantom[ov_index(n)];
  };
  const auto as_lv = [&](const std::string& n) { return is_latent(n) || mdl.phantom[ov_index(n)] >= 0; };

  // exogenous observed covariates: predictors never explained and not indicators
  mdl.exogenous_x.assign(p, false);
  for (const auto& n : reg_rhs)
    if (!is_latent(n) && !detail::contains(reg_lhs, n) && !detail::contains(indicators, n) &&
        !detail::contains(formative, n)) {
      bool in_formative = false;
      for (const auto& s : syn.statements)
        if (s.oper == op::composed_of)
          for (const auto& t : s.rhs) in_formative = in_formative || t.name == n;
      if (!in_formative) mdl.exogenous_x[ov_index(n)] = true;
    }

  // ---- pass 2: parameter rows -----------------------------------------------------------------------
  std::vector<parameter>& rows = mdl.parameters;
  std::map<std::tuple<std::string, std::string, std::string, int>, std::size_t> seen;
  const auto key = [](const std::string& l, const std::string& o, const std::string& r, int g) {
    if (o == "~~" && r < l) return std::make_tuple(r, o, l, g);
    return std::make_tuple(l, o, r, g);
  };
  const auto place = [&](parameter& q) {
    // maps lhs/op/rhs to a matrix cell
    if (q.op == "=~") {
      const int f = lv_index(q.lhs);
      if (is_latent(q.rhs) || mdl.phantom[ov_index(q.rhs)] >= 0) {
        q.matrix = matrix_id::beta; q.row = lv_index(q.rhs); q.col = f;
      } else {
        q.matrix = matrix_id::lambda; q.row = ov_index(q.rhs); q.col = f;
      }
    } else if (q.op == "~" || q.op == "<~") {
      q.matrix = matrix_id::beta; q.row = lv_index(q.lhs); q.col = lv_index(q.rhs);
    } else if (q.op == "~~") {
      if (as_lv(q.lhs)) {
        q.matrix = matrix_id::psi; q.row = lv_index(q.lhs); q.col = lv_index(q.rhs);
      } else {
        q.matrix = matrix_id::theta; q.row = ov_index(q.lhs); q.col = ov_index(q.rhs);
      }
    } else {  // ~1
      if (as_lv(q.lhs)) { q.matrix = matrix_id::alpha; q.row = lv_index(q.lhs); }
      else { q.matrix = matrix_id::nu; q.row = ov_index(q.lhs); }
      q.col = 0;
    }
  };
  const auto add = [&](parameter q) -> parameter* {
    const auto k = key(q.lhs, q.op, q.rhs, q.group);
    const auto it = seen.find(k);
    if (it != seen.end()) return nullptr;
    place(q);
    seen[k] = rows.size();
    rows.push_back(std::move(q));
    return &rows.back();
  };
  std::vector<int> first_loading_seen;  // latent indices whose first indicator was handled

  for (int g = 0; g < mdl.groups; ++g) {
    std::set<std::string> scaled_first;
    for (const auto& s : syn.statements) {
      if (s.oper == op::defined || s.oper == op::equal || s.oper == op::less || s.oper == op::greater) continue;
      bool first_term = true;
      for (const auto& t : s.rhs) {
        parameter q;
        q.group = g;
        q.user = true;
        q.lhs = s.lhs;
        q.rhs = t.intercept() ? "" : t.name;
        q.op = t.intercept() ? "~1" : model::to_string(s.oper);
        const model::modifier& mod = t.group_mods.empty() ? t.mod : t.group_mods[static_cast<std::size_t>(g)];
        q.free = 0;  // free unless fixed below
        if (s.oper == op::measured_by && first_term && !options.std_lv && !mod.free && !mod.fixed) {
          q.free = -1;
          q.value = 1.0;
        }
        if (mod.fixed) { q.free = -1; q.value = *mod.fixed; }
        if (mod.free) q.free = 0;
        if (mod.start) { q.has_start = true; q.start = *mod.start; }
        q.label = mod.label;
        first_term = false;
        const auto k = key(q.lhs, q.op, q.rhs, g);
        if (seen.count(k))
          throw parse_error(syn.source, t.line, t.column, t.name,
                            "parameter " + q.lhs + " " + q.op + " " + (t.intercept() ? std::string("1") : t.name) +
                                " is specified twice");
        add(q);
      }
    }
    // residual variances of observed variables, variances of latent variables
    for (int i = 0; i < p; ++i) {
      const std::string& n = mdl.observed[i];
      parameter q;
      q.group = g; q.lhs = n; q.op = "~~"; q.rhs = n; q.free = 0;
      if (mdl.exogenous_x[i] && options.fixed_x) { q.free = -1; q.exo = true; }
      add(q);
    }
    for (const auto& f : latent_names) {
      parameter q;
      q.group = g; q.lhs = f; q.op = "~~"; q.rhs = f; q.free = 0;
      if (detail::contains(formative, f)) { q.free = -1; q.value = 0; }
      else if (options.std_lv) { q.free = -1; q.value = 1; }
      add(q);
    }
    // covariances among exogenous latent variables
    std::vector<std::string> lvx;
    for (const auto& f : latent_names)
      if (!detail::contains(reg_lhs, f) && !detail::contains(formative, f)) lvx.push_back(f);
    for (std::size_t a = 0; a < lvx.size(); ++a)
      for (std::size_t b = a + 1; b < lvx.size(); ++b) {
        parameter q;
        q.group = g; q.lhs = lvx[a]; q.op = "~~"; q.rhs = lvx[b]; q.free = 0;
        add(q);
      }
    // covariances among pure endogenous variables
    std::vector<std::string> pure_y;
    for (const auto& n : reg_lhs)
      if (!detail::contains(reg_rhs, n) && !detail::contains(formative, n)) pure_y.push_back(n);
    for (std::size_t a = 0; a < pure_y.size(); ++a)
      for (std::size_t b = a + 1; b < pure_y.size(); ++b) {
        parameter q;
        q.group = g; q.lhs = pure_y[a]; q.op = "~~"; q.rhs = pure_y[b]; q.free = 0;
        add(q);
      }
    // covariances among exogenous covariates: fixed to the sample values (fixed.x) or free
    for (int a = 0; a < p; ++a)
      for (int b = a + 1; b < p; ++b)
        if (mdl.exogenous_x[a] && mdl.exogenous_x[b]) {
          parameter q;
          q.group = g; q.lhs = mdl.observed[a]; q.op = "~~"; q.rhs = mdl.observed[b]; q.free = 0;
          if (options.fixed_x) { q.free = -1; q.exo = true; }
          add(q);
        }
    // intercepts
    if (mdl.meanstructure) {
      const bool lv_means_free = g > 0 && detail::contains(options.group_equal, "intercepts");
      for (int i = 0; i < p; ++i) {
        parameter q;
        q.group = g; q.lhs = mdl.observed[i]; q.op = "~1"; q.free = 0;
        if (mdl.exogenous_x[i] && options.fixed_x) { q.free = -1; q.exo = true; }
        add(q);
      }
      for (const auto& f : latent_names) {
        parameter q;
        q.group = g; q.lhs = f; q.op = "~1";
        q.free = lv_means_free && !detail::contains(formative, f) ? 0 : -1;
        q.value = 0;
        add(q);
      }
    }
  }

  // ---- pass 3: free indices with equality constraints ----------------------------------------------
  const std::size_t nrow = rows.size();
  detail::disjoint_sets sets(nrow);
  std::map<std::string, int> label_row;
  for (std::size_t r = 0; r < nrow; ++r) {
    if (rows[r].free < 0 || rows[r].label.empty()) continue;
    const auto it = label_row.find(rows[r].label);
    if (it == label_row.end()) label_row[rows[r].label] = static_cast<int>(r);
    else sets.unite(it->second, static_cast<int>(r));
  }
  for (const auto& s : syn.statements) {
    if (s.oper != op::equal) continue;
    const auto a = label_row.find(s.lhs_expr.name), b = label_row.find(s.rhs_expr.name);
    const auto& bad = a == label_row.end() ? s.lhs_expr : s.rhs_expr;
    if (a == label_row.end() || b == label_row.end())
      throw parse_error(syn.source, bad.line, bad.column, bad.name,
                        "label " + csat::detail::quoted(bad.name) + " does not name a free parameter");
    sets.unite(a->second, b->second);
  }
  // group.equal ties: row in group g tied to the same row in group 0
  const auto category = [&](const parameter& q) -> std::string {
    if (q.op == "=~") return "loadings";
    if (q.op == "~" || q.op == "<~") return "regressions";
    if (q.op == "~1") return (is_latent(q.lhs) ? "means" : "intercepts");
    if (q.op == "~~") {
      const bool lv = is_latent(q.lhs);
      if (q.lhs == q.rhs) return lv ? "lv.variances" : "residuals";
      return lv ? "lv.covariances" : "residual.covariances";
    }
    return "";
  };
  // a row is written "lhs op rhs" ("x3~1" for an intercept); a covariance either way round
  const auto names_row = [](const std::string& e, const parameter& q) {
    if (q.op == "~1") return e == q.lhs + "~1";
    return e == q.lhs + q.op + q.rhs || (q.op == "~~" && e == q.rhs + "~~" + q.lhs);
  };
  const auto in_partial = [&](const parameter& q) {
    for (const auto& e : partial)
      if (names_row(e, q)) return true;
    return false;
  };
  for (std::size_t k = 0; k < partial.size(); ++k) {
    bool found = false;
    for (std::size_t r = 0; r < nrow && !found; ++r) found = names_row(partial[k], rows[r]);
    if (!found)
      csat::detail::throw_invalid_argument(fn, "group_partial entry " + csat::detail::quoted(options.group_partial[k]) +
                                                   " names no parameter of the model");
  }
  if (mdl.groups > 1 && !options.group_equal.empty()) {
    for (std::size_t r = 0; r < nrow; ++r) {
      const parameter& q = rows[r];
      if (q.group == 0 || q.free < 0 || !q.label.empty() || q.exo) continue;
      if (!detail::contains(options.group_equal, category(q)) || in_partial(q)) continue;
      const auto it = seen.find(key(q.lhs, q.op, q.rhs, 0));
      if (it == seen.end() || rows[it->second].free < 0) continue;
      sets.unite(static_cast<int>(it->second), static_cast<int>(r));
    }
  }
  std::map<int, int> root_index;
  int next = 0;
  for (std::size_t r = 0; r < nrow; ++r) {
    if (rows[r].free < 0) continue;
    const int root = sets.find(static_cast<int>(r));
    auto it = root_index.find(root);
    if (it == root_index.end()) it = root_index.emplace(root, next++).first;
    rows[r].free = it->second;
  }
  mdl.n_free = next;

  // ---- identification ------------------------------------------------------------------------------
  for (int g = 0; g < mdl.groups; ++g) {
    for (const auto& f : latent_names) {
      const bool is_form = detail::contains(formative, f);
      bool scaled = false, has_ind = false;
      for (const auto& q : rows) {
        if (q.group != g) continue;
        if (q.lhs == f && q.op == (is_form ? "<~" : "=~")) {
          has_ind = true;
          if (q.free < 0 && q.value != 0) scaled = true;
        }
        if (!is_form && q.op == "~~" && q.lhs == f && q.rhs == f && q.free < 0 && q.value != 0) scaled = true;
      }
      if (is_form && !scaled)
        csat::detail::throw_invalid_argument(
            fn, syn.source + ": formative construct " + csat::detail::quoted(f) +
                    " is not identified: no weight is fixed (write e.g. " + f + " <~ 1*item + ...)");
      if (!is_form && has_ind && !scaled)
        csat::detail::throw_invalid_argument(
            fn, syn.source + ": latent variable " + csat::detail::quoted(f) +
                    " has no scale: fix a loading (" + f + " =~ 1*item) or its variance (" + f + " ~~ 1*" + f +
                    "), or use std_lv");
    }
  }
  if (mdl.degrees_of_freedom() < 0)
    csat::detail::throw_invalid_argument(
        fn, syn.source + ": the model is not identified: " + std::to_string(mdl.n_free) +
                " free parameters but only " + std::to_string(mdl.moments()) + " sample moments (t-rule), df = " +
                std::to_string(mdl.degrees_of_freedom()));
  return mdl;
}

/// Parses `text` and specifies the model (see specify(const model::syntax&, const model_options&)).
inline sem_model specify(const std::string& text, const model_options& options = {},
                         const std::string& source = "<model>") {
  return specify(model::parse_syntax(text, source), options);
}

/// "lhs op rhs" of a parameter, as lavaan prints it ("visual=~x2", "x1~~x1", "y1~1").
inline std::string parameter_name(const parameter& q) { return q.lhs + q.op + q.rhs; }

}  // namespace sem
}  // namespace csat

#endif
