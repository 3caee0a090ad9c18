// csat study STUDY.toml [--out DIR]: the whole evaluation flow of a satisfaction study in one command —
// data checks, the PLS model with bootstrap, 0–100 indices overall and per segment and channel, AHP weights
// with consistency, rough-set + AHP combined weights, multi-level fuzzy evaluation per unit, IPMA priorities,
// SERVQUAL gaps, NPS and the ML-SEM fit of the same model — written as report.md, report.json and SVG pictures.
#include "cli.hpp"
#include "data_input.hpp"
#include "study_config.hpp"

#include <csat/version.hpp>

#include <csat/ahp/ahp.hpp>
#include <csat/fuzzy/fuzzy.hpp>
#include <csat/model/model.hpp>
#include <csat/pls/pls.hpp>
#include <csat/report/charts.hpp>
#include <csat/sem/sem.hpp>
#include <csat/simulate/random.hpp>
#include <csat/survey/survey.hpp>
#include <csat/weights/weights.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <sstream>

namespace csat_cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

[[noreturn]] void config_error(const study_config& c, std::size_t line, std::size_t col, const std::string& key,
                               const std::string& msg) {
  throw csat::parse_error(c.file, line, col, key, "key \"" + key + "\": " + msg);
}

// A seed for one (column, level, construct) stream: FNV-1a of the text mixed into the study seed. Unlike
// std::hash, it is the same on every standard library, so a seed gives the same intervals everywhere.
inline std::uint64_t stream_seed(std::uint64_t seed, const std::string& text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char ch : text) h = (h ^ ch) * 1099511628211ULL;
  return seed ^ h;
}

// Percentile (R quantile type 7) of sorted values.
inline double quantile7(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double h = (static_cast<double>(sorted.size()) - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const auto hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

struct group_index {
  std::string group, construct;
  Eigen::Index n = 0;
  double index = 0, lower = 0, upper = 0;
};

std::string fmt(double v, int d = 3) { return fixed(v, d); }

std::string md_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::string s = "|";
  for (const auto& h : header) s += " " + h + " |";
  s += "\n|";
  for (std::size_t j = 0; j < header.size(); ++j) s += j == 0 ? " --- |" : " ---: |";
  s += "\n";
  for (const auto& r : rows) {
    s += "|";
    for (const auto& c : r) s += " " + c + " |";
    s += "\n";
  }
  return s;
}

int run_study(const std::string& study_file, const std::string& out_override, bool quiet) {
  const auto t0 = std::chrono::steady_clock::now();
  study_config c = load_study_config(study_file);
  const fs::path out_dir = out_override.empty() ? fs::path(c.resolve(c.output)) : fs::path(out_override);
  json J;
  std::ostringstream md;
  J["title"] = c.title;
  J["study_file"] = c.file;
  md << "# " << c.title << "\n\n";
  md << "Produced by csat " << CSAT_VERSION_STRING << " from `" << c.file << "`.\n\n";

  // ---- 1. data ----------------------------------------------------------------------------------------
  csat::survey::csv_options copt;
  copt.missing_tokens = c.missing_tokens;
  const std::string data_path = c.resolve(c.data_file);
  if (!fs::exists(data_path))
    throw csat::parse_error(c.file, c.data_file_line, c.data_file_column, "data.file", "key \"data.file\": data file " + csat::detail::quoted(data_path) + " does not exist");
  data_args input;
  input.missing_codes = c.missing_codes;
  input.encoding = c.encoding;
  input.decimal = c.decimal;
  input.sheet = c.sheet;
  {  // a label column the data do not have: the study file's line and key
    const auto header = data_header(data_path, input);
    for (const auto& [key, col] : {std::pair<const char*, const std::string*>{"data.segment", &c.segment},
                                   {"data.channel", &c.channel}, {"data.unit", &c.unit}})
      if (!col->empty()) {
        if (std::find(header.begin(), header.end(), *col) == header.end()) {
          const auto w = c.where.count(key) ? c.where.at(key) : std::pair<std::size_t, std::size_t>{0, 0};
          config_error(c, w.first, w.second, key, "column " + csat::detail::quoted(*col) + " is not in " + data_path);
        }
        copt.text_columns.push_back(*col);
      }
  }
  data_read_info read_info;
  const auto raw = read_data(data_path, input, copt, read_info);

  // the syntax is parsed with the study file's name and line numbers, so every model error points into it
  const csat::model::specification spec =
      csat::model::from_syntax(std::string(c.model_first_line - 1, '\n') + c.model_syntax, c.file);
  std::vector<std::string> indicators;
  for (const auto& k : spec.constructs())
    for (const auto& i : k.indicators) indicators.push_back(i);
  for (const auto& i : indicators)
    if (!raw.has(i)) {
      std::size_t line = c.model_line, col = 1;
      for (const auto& k : spec.constructs())
        if (std::find(k.indicators.begin(), k.indicators.end(), i) != k.indicators.end() && k.where.line) {
          line = k.where.line;
          col = k.where.column;
        }
      config_error(c, line, col, "model.syntax", "indicator " + csat::detail::quoted(i) + " is not a column of " + data_path);
    }
  auto code_warnings = suspect_missing_codes(raw, indicators);
  if (c.scale_given) {
    const std::string cover = scale_coverage_warning(raw, indicators, c.scale_min, c.scale_max, "give its ends in [scale]");
    if (!cover.empty()) code_warnings.push_back(cover);
  }
  for (const auto& w : code_warnings) std::cerr << "csat study: warning: " << w << "\n";
  std::string scale_source = c.scale_given ? "[scale]" : "the observed range of the model's items";
  if (!c.scale_given) {  // the value labels of an SPSS or Stata file tell the questionnaire's scale
    const auto labeled = labeled_scale(read_info, indicators);
    if (std::isfinite(labeled.first)) {
      c.scale_min = labeled.first;
      c.scale_max = labeled.second;
      c.scale_given = true;
      scale_source = "the value labels of the data file";
    }
  }
  if (!c.scale_given) {  // no [scale]: the observed range of the model's items, said in the report
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const auto& i : indicators) {
      const auto col = raw.values.col(raw.index_of(i));
      for (Eigen::Index r = 0; r < col.size(); ++r)
        if (!std::isnan(col(r))) { lo = std::min(lo, col(r)); hi = std::max(hi, col(r)); }
    }
    if (!(lo < hi)) config_error(c, 0, 0, "scale", "the model's items have no range to index on (give [scale] min and max)");
    c.scale_min = lo;
    c.scale_max = hi;
    std::cout << "Note: no [scale] in " << c.file << ": indices use the observed range of the model's items ["
              << csat::detail::format_value(lo) << ", " << csat::detail::format_value(hi) << "]\n";
  }
  // every answer on the study's scale (an answer off it would give indices outside 0-100): the data file's line
  csat::survey::check_in_range(raw, indicators, {c.scale_min, c.scale_max});


  const auto policy = c.missing_policy == "mean" ? csat::survey::missing_policy::mean
                                                 : csat::survey::missing_policy::listwise;
  const auto cleaned = csat::survey::apply_missing_policy(raw, policy, indicators);
  const auto& data = cleaned.data;
  const Eigen::Index n = data.rows();
  J["data"] = {{"file", data_path}, {"rows", raw.rows()}, {"rows_used", n},
               {"rows_excluded", static_cast<Eigen::Index>(cleaned.report.excluded.size())},
               {"missing_policy", c.missing_policy},
               {"read", read_info_json(data_path, read_info, code_warnings)},
               {"scale", {{"min", c.scale_min}, {"max", c.scale_max},
                          {"source", scale_source}}}};
  md << "## Data\n\n" << raw.rows() << " respondents in `" << data_path << "`; " << n << " used in the model ("
     << cleaned.report.excluded.size() << " excluded by " << c.missing_policy << " deletion of incomplete model items";
  if (policy == csat::survey::missing_policy::mean) md << ", cells imputed by item means";
  md << ").\n\n";
  md << "Read as " << describe_read(data_path, read_info) << ". Indices are on 0–100 from the scale ["
     << csat::detail::format_value(c.scale_min) << ", " << csat::detail::format_value(c.scale_max) << "]"
     << (scale_source == "[scale]" ? std::string(" of `[scale]`")
         : scale_source == "the value labels of the data file" ? ", from " + scale_source
         : std::string(", the observed range of the model's items (the study file gives no `[scale]`)"))
     << ".\n\n";
  for (const auto& w : code_warnings) md << "> **Warning:** " << w << "\n\n";

  // item reliability per block
  std::vector<std::vector<std::string>> rel_rows;
  json rel = json::object();
  for (const auto& k : spec.constructs()) {
    if (k.indicators.size() < 2) continue;
    const auto a = csat::survey::cronbach_alpha(data, k.indicators);
    rel[k.name] = {{"alpha", number(a.alpha)}, {"alpha_standardized", number(a.alpha_standardized)}, {"items", k.indicators.size()}};
    rel_rows.push_back({k.name, std::to_string(k.indicators.size()), fmt(a.alpha), fmt(a.alpha_standardized), a.alpha >= 0.7 ? "ok" : "low"});
  }
  J["data"]["cronbach_alpha"] = rel;
  md << "### Reliability of the questionnaire blocks\n\n" << md_table({"Construct", "Items", "α", "α (std.)", "≥ 0.7"}, rel_rows) << "\n";

  // ---- 2. PLS -------------------------------------------------------------------------------------------
  csat::pls::estimate_options eo;
  eo.scheme = c.scheme == "factorial" ? csat::pls::inner_scheme::factorial
              : c.scheme == "centroid" ? csat::pls::inner_scheme::centroid : csat::pls::inner_scheme::path;
  csat::pls::bootstrap_options bo;
  bo.resamples = static_cast<std::size_t>(c.resamples);
  bo.seed = c.seed;
  bo.threads = static_cast<unsigned>(c.threads);
  bo.scale_min = c.scale_min;
  bo.scale_max = c.scale_max;
  bo.bca = false;
  // resamples are drawn from the rows left by the missing-data policy (applied above, so none here)
  const auto boot = csat::pls::bootstrap(spec, data, eo, bo);
  const auto& fit = boot.estimate;
  const auto K = static_cast<Eigen::Index>(fit.constructs.size());
  const auto indices = csat::pls::indices(fit, c.scale_min, c.scale_max);
  const Eigen::MatrixXd& idx = indices.scores;
  std::vector<double> index(indices.index.data(), indices.index.data() + K);
  const int B = c.resamples;
  const auto failed = boot.failed;

  json paths = json::array();
  std::vector<std::vector<std::string>> path_rows;
  std::vector<csat::report::diagram_edge> edges;
  for (const auto& q : boot.paths) {
    paths.push_back({{"from", q.from}, {"to", q.to}, {"estimate", q.original}, {"mean", number(q.mean)}, {"sd", number(q.sd)},
                     {"t", number(q.t)}, {"p", number(q.p)}, {"ci_lower", number(q.ci_lower)}, {"ci_upper", number(q.ci_upper)}});
    path_rows.push_back({q.from + " → " + q.to, fmt(q.original), fmt(q.sd), fmt(q.t, 2), fmt(q.p, 4),
                         "[" + fmt(q.ci_lower) + ", " + fmt(q.ci_upper) + "]"});
    edges.push_back({q.from, q.to, q.original, q.p});
  }
  json r2 = json::object(), ind = json::object();
  std::vector<csat::report::diagram_node> nodes;
  std::vector<std::vector<std::string>> index_rows;
  for (Eigen::Index k = 0; k < K; ++k) {
    const auto& name = fit.constructs[static_cast<std::size_t>(k)];
    if (std::isfinite(fit.r_squared(k))) r2[name] = fit.r_squared(k);
    double lo = std::numeric_limits<double>::quiet_NaN(), hi = lo;
    for (const auto& q : boot.index)
      if (q.from == name) { lo = q.ci_lower; hi = q.ci_upper; }
    ind[name] = {{"index", index[static_cast<std::size_t>(k)]}, {"ci_lower", number(lo)}, {"ci_upper", number(hi)}};
    nodes.push_back({name, fit.r_squared(k), index[static_cast<std::size_t>(k)]});
    index_rows.push_back({name, fmt(index[static_cast<std::size_t>(k)], 1), "[" + fmt(lo, 1) + ", " + fmt(hi, 1) + "]",
                          std::isfinite(fit.r_squared(k)) ? fmt(fit.r_squared(k)) : "–"});
  }
  J["pls"] = {{"scheme", c.scheme}, {"converged", fit.converged}, {"iterations", fit.iterations}, {"n_used", fit.n_used},
              {"paths", paths}, {"r2", r2}, {"index", ind},
              {"bootstrap", {{"resamples", B}, {"seed", c.seed}, {"failed", failed}, {"threads", boot.threads}}}};
  md << "## The satisfaction model (PLS path modeling)\n\n"
     << "Estimated on " << fit.n_used << " respondents, " << c.scheme << " weighting scheme, "
     << (fit.converged ? "converged" : "NOT converged") << " after " << fit.updates << " outer updates. "
     << "Bootstrap: " << B << " resamples (seed " << c.seed << "), " << failed << " failed.\n\n"
     << "![path diagram](path_diagram.svg)\n\n"
     << md_table({"Path", "Estimate", "SD", "t", "p", "95% CI"}, path_rows) << "\n"
     << "### 0–100 indices\n\n" << md_table({"Construct", "Index", "95% CI", "R²"}, index_rows) << "\n";

  // ---- 3. indices by segment and channel ---------------------------------------------------------------
  std::vector<group_index> groups;
  json by_group = json::object();
  for (const auto* col : {&c.segment, &c.channel}) {
    if (col->empty()) continue;
    const auto& labels = data.text_column(*col);
    std::vector<std::string> levels;
    for (const auto& l : labels)
      if (std::find(levels.begin(), levels.end(), l) == levels.end()) levels.push_back(l);
    json gj = json::object();
    for (const auto& level : levels) {
      std::vector<Eigen::Index> rows;
      for (Eigen::Index i = 0; i < n; ++i)
        if (labels[static_cast<std::size_t>(i)] == level) rows.push_back(i);
      json lj = {{"n", rows.size()}};
      for (Eigen::Index k = 0; k < K; ++k) {
        const auto& name = fit.constructs[static_cast<std::size_t>(k)];
        double m = 0;
        for (auto i : rows) m += idx(i, k);
        m /= static_cast<double>(rows.size());
        // percentile interval of the group mean over bootstrap resamples of the group's respondents
        std::vector<double> bm;
        csat::simulate::engine g(stream_seed(c.seed, *col + "/" + level + "/" + name));
        for (int b = 0; b < std::max(200, std::min(B, 2000)); ++b) {
          double s = 0;
          for (std::size_t q = 0; q < rows.size(); ++q) s += idx(rows[static_cast<std::size_t>(csat::simulate::uniform_below(g, rows.size()))], k);
          bm.push_back(s / static_cast<double>(rows.size()));
        }
        std::sort(bm.begin(), bm.end());
        groups.push_back({level, name, static_cast<Eigen::Index>(rows.size()), m, quantile7(bm, 0.025), quantile7(bm, 0.975)});
        lj[name] = {{"index", m}, {"ci_lower", quantile7(bm, 0.025)}, {"ci_upper", quantile7(bm, 0.975)}};
      }
      gj[level] = lj;
    }
    by_group[*col] = gj;
  }
  J["index_by_group"] = by_group;
  if (!groups.empty()) {
    md << "### Indices by customer group and channel\n\n![indices by group](indices_by_group.svg)\n\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& gi : groups)
      if (!c.target.empty() ? gi.construct == c.target : true)
        rows.push_back({gi.group, gi.construct, std::to_string(gi.n), fmt(gi.index, 1), "[" + fmt(gi.lower, 1) + ", " + fmt(gi.upper, 1) + "]"});
    md << md_table({"Group", "Construct", "n", "Index", "95% CI"}, rows) << "\n";
  }

  // ---- 4. IPMA ------------------------------------------------------------------------------------------
  std::vector<csat::report::ipma_point> ipma;
  json ipma_j = json::array();
  std::string target = c.target.empty() ? csat::pls::default_ipma_target(fit) : c.target;
  (void)fit.construct_index(target);  // an unknown target construct is an error naming it
  {
    const auto im = csat::pls::ipma(fit, indices, target);
    json pr = json::array();
    std::vector<std::vector<std::string>> rows;
    int rank = 0;
    for (const auto& e : im.constructs) {
      ipma_j.push_back({{"construct", e.name}, {"importance", e.importance}, {"performance", e.performance}, {"priority", e.priority}});
      // constructs that lower the target (e.g. complaints) are reported but not drawn or ranked: raising
      // their 0-100 score is not an improvement
      if (e.importance <= 0) continue;
      ipma.push_back({e.name, e.importance, e.performance});
      pr.push_back(e.name);
      rows.push_back({std::to_string(++rank), e.name, fmt(e.importance), fmt(e.performance, 1)});
    }
    json items = json::array();
    for (const auto& e : im.indicators)
      items.push_back({{"indicator", e.name}, {"construct", e.construct}, {"importance", e.importance}, {"performance", e.performance}});
    J["ipma"] = {{"target", target}, {"target_performance", im.target_performance}, {"constructs", ipma_j}, {"indicators", items}, {"priorities", pr}};
    md << "## Improvement priorities (importance–performance map)\n\nTarget: **" << target
       << "** (performance " << fmt(im.target_performance, 1) << "). Importance is the unstandardized total effect on the target's 0–100 score; "
          "performance the mean 0–100 index. Priorities are ranked by importance × (100 − performance), the gain in the target "
          "if the gap were closed; constructs with a negative total effect (such as complaints) are listed in report.json but not ranked.\n\n"
       << "![IPMA](ipma.svg)\n\n" << md_table({"Priority", "Construct", "Importance", "Performance"}, rows) << "\n";
    std::vector<std::vector<std::string>> irows;
    for (std::size_t q = 0; q < im.indicators.size() && irows.size() < 5; ++q)
      if (im.indicators[q].importance > 0)
        irows.push_back({im.indicators[q].name, im.indicators[q].construct, fmt(im.indicators[q].importance, 4), fmt(im.indicators[q].performance, 1)});
    md << "Indicators with the highest priority:\n\n" << md_table({"Indicator", "Construct", "Importance", "Performance"}, irows) << "\n";
  }

  // ---- 5. AHP -------------------------------------------------------------------------------------------
  std::unique_ptr<csat::ahp::hierarchy<double>> H;
  std::unique_ptr<csat::ahp::hierarchy_result<double>> HR;
  if (!c.ahp_nodes.empty()) {
    H = std::make_unique<csat::ahp::hierarchy<double>>(c.ahp_goal);
    std::map<std::string, int> idmap{{c.ahp_goal, 0}};
    for (const auto& nd : c.ahp_nodes) {
      const auto it = idmap.find(nd.name);
      if (it == idmap.end())
        config_error(c, nd.line, nd.column, "ahp.node.name",
                     "node " + csat::detail::quoted(nd.name) + " is neither the goal nor a child listed by an earlier node");
      for (const auto& ch : nd.children) {
        if (idmap.count(ch)) config_error(c, nd.line, nd.column, "ahp.node.children", "node " + csat::detail::quoted(ch) + " appears twice in the hierarchy");
        idmap[ch] = H->add(it->second, ch);
      }
      const auto size = static_cast<Eigen::Index>(nd.children.size());
      auto to_matrix = [&](const std::vector<std::vector<double>>& m, const std::string& key) {
        if (static_cast<Eigen::Index>(m.size()) != size || (size > 0 && static_cast<Eigen::Index>(m[0].size()) != size))
          config_error(c, nd.line, nd.column, key, "node " + csat::detail::quoted(nd.name) + " has " + std::to_string(size) +
                                                       " children, but its matrix is " + std::to_string(m.size()) + "x" +
                                                       std::to_string(m.empty() ? 0 : m[0].size()));
        Eigen::MatrixXd a(size, size);
        for (Eigen::Index i = 0; i < size; ++i)
          for (Eigen::Index j = 0; j < size; ++j) a(i, j) = m[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
        try {
          return csat::ahp::pairwise_matrix<double>(a, nd.children);
        } catch (const std::exception& e) {
          config_error(c, nd.line, nd.column, key, "node " + csat::detail::quoted(nd.name) + ": " + e.what());
        }
      };
      if (!nd.matrix.empty()) H->set_judgments(it->second, to_matrix(nd.matrix, "ahp.node.matrix"));
      else if (!nd.weights.empty()) {
        if (static_cast<Eigen::Index>(nd.weights.size()) != size)
          config_error(c, nd.line, nd.column, "ahp.node.weights", "node " + csat::detail::quoted(nd.name) + " has " + std::to_string(size) + " children but " + std::to_string(nd.weights.size()) + " weights");
        H->set_weights(it->second, Eigen::Map<const Eigen::VectorXd>(nd.weights.data(), size));
      } else {
        std::vector<csat::ahp::pairwise_matrix<double>> ms;
        std::vector<double> ws;
        std::vector<std::string> names;
        for (const auto& e : nd.experts) { ms.push_back(to_matrix(e.matrix, "ahp.node.expert.matrix")); ws.push_back(e.weight); names.push_back(e.name); }
        H->set_group_judgments(it->second, ms, ws, names);
      }
    }
    csat::ahp::hierarchy_options ho;
    ho.analysis.consistency.ri.table = csat::ahp::parse_ri_table(c.ri_table);
    HR = std::make_unique<csat::ahp::hierarchy_result<double>>(csat::ahp::evaluate(*H, ho));
    // an inconsistent judgment matrix stops the study (unless ahp.allow_inconsistent), naming the judgment to revisit
    for (std::size_t k = 0; k < HR->nodes.size() && !c.allow_inconsistent; ++k) {
      const auto& nr = HR->nodes[k];
      if (!nr.has_judgments || nr.analysis.consistency.consistent) continue;
      const study_ahp_node* cfg = &c.ahp_nodes.front();
      for (const auto& nd : c.ahp_nodes)
        if (nd.name == nr.name) cfg = &nd;
      std::string advice;
      try {
        const auto dg = csat::ahp::diagnose(csat::ahp::pairwise_matrix<double>(nr.analysis.matrix, cfg->children));
        if (!dg.judgments.empty()) {
          const auto& w = dg.judgments.front();
          advice = "; revisit " + cfg->children[static_cast<std::size_t>(w.i)] + " vs " +
                   cfg->children[static_cast<std::size_t>(w.j)] + " = " + csat::detail::format_value(w.value) +
                   " (suggested " + csat::detail::format_value(w.suggested) + ", CR would be " + fmt(w.cr_if_suggested, 3) + ")";
        }
      } catch (const std::exception&) {
      }
      config_error(c, cfg->line, cfg->column, "ahp.node",
                   "node " + csat::detail::quoted(nr.name) + ": CR = " + fmt(nr.analysis.consistency.cr, 4) + " exceeds " +
                       fmt(nr.analysis.consistency.threshold, 2) + advice + " (set ahp.allow_inconsistent = true to report instead)");
    }
    json nodes_j = json::array();
    std::vector<std::vector<std::string>> rows;
    for (std::size_t k = 0; k < HR->nodes.size(); ++k) {
      const auto& nd = HR->nodes[k];
      json nj = {{"name", nd.name}, {"local_weight", nd.local_weight}, {"global_weight", nd.global_weight}};
      if (nd.has_judgments) {
        nj["cr"] = nd.analysis.consistency.cr;
        nj["consistent"] = nd.analysis.consistency.consistent;
        rows.push_back({nd.name, std::to_string(nd.children.size()), fmt(nd.analysis.consistency.lambda_max, 4),
                        fmt(nd.analysis.consistency.cr, 4), nd.analysis.consistency.consistent ? "yes" : "**no**"});
      }
      nodes_j.push_back(nj);
    }
    J["ahp"] = {{"goal", c.ahp_goal}, {"ri_table", c.ri_table}, {"total_cr", HR->total_cr}, {"consistent", HR->total_consistent}, {"nodes", nodes_j}};
    md << "## AHP weights of the indicator system\n\nRandom-index table: " << c.ri_table << ". Total hierarchy CR = "
       << fmt(HR->total_cr, 4) << (HR->total_consistent ? " (acceptable)" : " (**too inconsistent**)") << ".\n\n"
       << md_table({"Judgment matrix", "n", "λmax", "CR", "CR ≤ 0.10"}, rows) << "\n";
    std::vector<std::vector<std::string>> wrows;
    for (const auto& nd : HR->nodes)
      if (nd.children.empty()) wrows.push_back({nd.path, fmt(nd.local_weight, 4), fmt(nd.global_weight, 4)});
    md << md_table({"Indicator", "Local weight", "Global weight"}, wrows) << "\n";
  }

  // ---- 6. rough-set + AHP combined weights ----------------------------------------------------------
  // The criteria of node `weights.node` get combined weights: the rough-set significance of each criterion's
  // graded survey score for the graded decision (overall satisfaction) builds an objective judgment matrix,
  // which is combined with the AHP matrix by the element-wise weighted geometric mean.
  auto grade_of = [&](double v) {  // 0 = best grade, by the cut points (descending)
    int g = 0;
    for (double cut : c.grade_cuts) {
      if (v >= cut) return g;
      ++g;
    }
    return g;
  };
  std::map<std::string, double> combined_local;  // criterion -> combined local weight
  std::string combined_node;
  if (!c.criterion_columns.empty() && H && HR) {
    if (c.grade_cuts.empty()) config_error(c, 0, 0, "fce.cuts", "is required to grade survey answers for the rough-set weights");
    combined_node = c.combine_node;
    const int node = H->find(combined_node);
    if (node < 0) config_error(c, 0, 0, "weights.node", "node " + csat::detail::quoted(combined_node) + " is not in the AHP hierarchy");
    const auto& hn = H->node(node);
    if (hn.judgments.empty()) config_error(c, 0, 0, "weights.node", "node " + csat::detail::quoted(combined_node) + " has no pairwise judgments to combine with");
    std::vector<std::string> crit;
    for (int ch : hn.children) crit.push_back(H->node(ch).name);
    csat::weights::decision_table dt;
    dt.conditions.resize(n, static_cast<Eigen::Index>(crit.size()));
    dt.decision.resize(n);
    dt.attributes = crit;
    for (std::size_t q = 0; q < crit.size(); ++q) {
      const auto it = c.criterion_columns.find(crit[q]);
      if (it == c.criterion_columns.end()) config_error(c, 0, 0, "weights.criteria", "criterion " + csat::detail::quoted(crit[q]) + " of node " + csat::detail::quoted(combined_node) + " has no survey columns");
      const Eigen::MatrixXd cols = raw.select(it->second);
      for (Eigen::Index i = 0; i < n; ++i) {
        double m = 0; int cnt = 0;
        for (Eigen::Index j = 0; j < cols.cols(); ++j) {
          const double v = data.values(i, data.index_of(it->second[static_cast<std::size_t>(j)]));
          if (!std::isnan(v)) { m += v; ++cnt; }
        }
        dt.conditions(i, static_cast<Eigen::Index>(q)) = cnt ? grade_of(m / cnt) : static_cast<int>(c.grade_cuts.size()) + 1;
      }
    }
    for (Eigen::Index i = 0; i < n; ++i) {
      double m = 0; int cnt = 0;
      for (const auto& col : c.decision_columns) {
        const double v = data.values(i, data.index_of(col));
        if (!std::isnan(v)) { m += v; ++cnt; }
      }
      dt.decision(i) = cnt ? grade_of(m / cnt) : static_cast<int>(c.grade_cuts.size()) + 1;
    }
    const auto agg = csat::ahp::analyze(HR->nodes[static_cast<std::size_t>(node)].has_judgments
                                            ? csat::ahp::pairwise_matrix<double>(HR->nodes[static_cast<std::size_t>(node)].analysis.matrix, crit)
                                            : csat::ahp::pairwise_matrix<double>(Eigen::MatrixXd::Identity(static_cast<Eigen::Index>(crit.size()), static_cast<Eigen::Index>(crit.size())), crit));
    const auto rs = csat::weights::rough_set_weights(dt);
    csat::weights::combined_judgment_options co;
    co.alpha = c.combine_alpha;
    co.names = crit;
    const auto cj = csat::weights::combine_judgments(agg.matrix, rs.significance, co);
    json cjj = json::array();
    std::vector<std::vector<std::string>> rows;
    for (std::size_t q = 0; q < crit.size(); ++q) {
      const auto qi = static_cast<Eigen::Index>(q);
      combined_local[crit[q]] = cj.weights(qi);
      cjj.push_back({{"criterion", crit[q]}, {"ahp", cj.subjective_weights(qi)}, {"rough_set_significance", rs.significance(qi)},
                     {"rough_set", cj.objective_weights(qi)}, {"combined", cj.weights(qi)}});
      rows.push_back({crit[q], fmt(cj.subjective_weights(qi), 4), fmt(rs.significance(qi), 4), fmt(cj.objective_weights(qi), 4), fmt(cj.weights(qi), 4)});
    }
    J["combined_weights"] = {{"node", combined_node}, {"alpha", c.combine_alpha}, {"dependency", rs.dependency},
                             {"criteria", cjj}, {"cr", cj.cr}, {"consistent", cj.consistent},
                             {"subjective_cr", cj.subjective_cr}, {"objective_cr", cj.objective_cr}};
    md << "## Combined subjective and objective weights\n\nUnder **" << combined_node
       << "**, the rough-set significance of each criterion (survey answers graded by the cut points "
       << "; decision: overall satisfaction) gives an objective judgment matrix, combined with the AHP matrix by "
          "the weighted geometric mean (α = " << fmt(c.combine_alpha, 2) << "). Dependency γ = " << fmt(rs.dependency, 4)
       << "; CR of the combined matrix = " << fmt(cj.cr, 4) << (cj.consistent ? " (acceptable)" : " (**too inconsistent**)") << ".\n\n"
       << md_table({"Criterion", "AHP", "Rough-set σ", "Rough-set weight", "Combined"}, rows) << "\n";
  }

  // ---- 7. fuzzy comprehensive evaluation per unit --------------------------------------------------------
  std::vector<csat::report::distribution_row> fce_rows;
  std::vector<std::string> grade_names;
  if (H && HR && !c.unit.empty() && (!c.fce_items.empty() || !c.kpis.empty())) {
    const auto grades = csat::fuzzy::grade_set::power();
    grade_names = grades.names();
    if (c.grade_cuts.size() + 1 != grades.size())
      config_error(c, 0, 0, "fce.cuts", "needs " + std::to_string(grades.size() - 1) + " cut points for " + std::to_string(grades.size()) + " grades");
    // KPI values per unit
    std::map<std::string, std::map<std::string, double>> kpi;  // unit -> leaf -> value
    std::vector<std::string> units;
    if (!c.kpis.empty()) {
      csat::survey::csv_options ko;
      ko.text_columns = {c.kpi_unit_column};
      const std::string kpath = c.resolve(c.kpi_file);
      if (!fs::exists(kpath)) config_error(c, 0, 0, "fce.kpi_file", "KPI file " + csat::detail::quoted(kpath) + " does not exist");
      const auto kt = csat::survey::read_csv(kpath, ko);
      const auto& u = kt.text_column(c.kpi_unit_column);
      for (const auto& k : c.kpis) {
        if (!kt.has(k.column)) config_error(c, k.line, k.column_no, "fce.kpi.column", "column " + csat::detail::quoted(k.column) + " is not in " + kpath);
        const auto j = kt.index_of(k.column);
        for (Eigen::Index i = 0; i < kt.rows(); ++i) kpi[u[static_cast<std::size_t>(i)]][k.leaf] = kt.values(i, j);
      }
      for (const auto& x : u) units.push_back(x);
    }
    const auto& unit_col = data.text_column(c.unit);
    if (units.empty())
      for (const auto& x : unit_col)
        if (std::find(units.begin(), units.end(), x) == units.end()) units.push_back(x);
    std::map<std::string, const study_kpi*> kpi_of;
    for (const auto& k : c.kpis) kpi_of[k.leaf] = &k;
    // validate leaves
    for (const auto& nd : HR->nodes)
      if (nd.children.empty() && !kpi_of.count(nd.name) && !c.fce_items.count(nd.name))
        config_error(c, 0, 0, "fce.items", "hierarchy leaf " + csat::detail::quoted(nd.name) + " has neither a survey column ([fce.items]) nor a KPI ([[fce.kpi]])");
    for (const auto& [leaf, col] : c.fce_items)
      if (!data.has(col)) {
        const auto w = c.where.count("fce.items." + leaf) ? c.where.at("fce.items." + leaf) : std::pair<std::size_t, std::size_t>{0, 0};
        config_error(c, w.first, w.second, "fce.items", "column " + csat::detail::quoted(col) + " (for " + csat::detail::quoted(leaf) + ") is not in the data");
      }

    std::vector<std::string> names;
    std::vector<Eigen::RowVectorXd> bs;
    json units_j = json::array();
    for (const auto& unit : units) {
      std::vector<Eigen::Index> rows;
      for (Eigen::Index i = 0; i < n; ++i)
        if (unit_col[static_cast<std::size_t>(i)] == unit) rows.push_back(i);
      std::function<csat::fuzzy::fce_node<double>(int)> build = [&](int k) {
        const auto& nd = HR->nodes[static_cast<std::size_t>(k)];
        csat::fuzzy::fce_node<double> f;
        f.name = nd.name;
        f.weight = nd.local_weight;
        const auto parent_name = nd.parent >= 0 ? HR->nodes[static_cast<std::size_t>(nd.parent)].name : std::string();
        if (parent_name == combined_node && combined_local.count(nd.name)) f.weight = combined_local[nd.name];
        if (nd.children.empty()) {
          f.membership = Eigen::RowVectorXd::Zero(static_cast<Eigen::Index>(grades.size()));
          if (const auto it = kpi_of.find(nd.name); it != kpi_of.end()) {
            const auto ku = kpi.find(unit);
            if (ku == kpi.end() || !ku->second.count(nd.name))
              config_error(c, it->second->line, it->second->column_no, "fce.kpi", "no value of " + csat::detail::quoted(nd.name) + " for unit " + csat::detail::quoted(unit));
            std::vector<double> knots = it->second->breakpoints;
            csat::fuzzy::grade_partition<double> gp(nd.name, knots);
            f.membership = gp(ku->second.at(nd.name));
          } else {
            const auto col = data.index_of(c.fce_items.at(nd.name));
            double answered = 0;
            for (auto i : rows) {
              const double v = data.values(i, col);
              if (std::isnan(v)) continue;
              f.membership(grade_of(v)) += 1;
              answered += 1;
            }
            if (answered == 0) throw csat::domain_error("csat study: unit " + csat::detail::quoted(unit) + " has no answers for " + csat::detail::quoted(nd.name));
            f.membership /= answered;
          }
        }
        for (int ch : nd.children) f.children.push_back(build(ch));
        return f;
      };
      const auto tree = build(0);
      const auto ev = csat::fuzzy::evaluate(tree, grades);
      const auto& root = ev.root();
      names.push_back(unit);
      bs.push_back(root.b_normalized);
      json bj = json::array();
      for (Eigen::Index g = 0; g < root.b_normalized.size(); ++g) bj.push_back(root.b_normalized(g));
      json crit = json::object();
      for (int ch : HR->nodes[0].children) {
        const auto& ce = ev.find(HR->nodes[static_cast<std::size_t>(ch)].name);
        crit[ce.name] = {{"grade", ce.reading.max_grade_name}, {"score", ce.reading.score}};
      }
      units_j.push_back({{"unit", unit}, {"respondents", rows.size()}, {"b", bj}, {"grade", root.reading.max_grade_name},
                         {"max_grade", root.reading.max_grade}, {"validity", number(root.reading.validity)},
                         {"score", root.reading.score}, {"criteria", crit}});
      std::vector<double> shares(root.b_normalized.data(), root.b_normalized.data() + root.b_normalized.size());
      fce_rows.push_back({unit, shares, root.reading.max_grade_name + " · " + fmt(root.reading.score, 1)});
    }
    // rank by score
    std::vector<std::size_t> order(units_j.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return units_j[a]["score"].get<double>() > units_j[b]["score"].get<double>(); });
    json ranked = json::array();
    std::vector<std::vector<std::string>> rows;
    std::vector<csat::report::distribution_row> sorted_rows;
    int rank = 0;
    for (auto q : order) {
      auto u = units_j[q];
      u["rank"] = ++rank;
      ranked.push_back(u);
      sorted_rows.push_back(fce_rows[q]);
      std::string b;
      for (const auto& x : u["b"]) b += (b.empty() ? "" : " ") + fmt(x.get<double>(), 3);
      rows.push_back({std::to_string(rank), u["unit"].get<std::string>(), u["grade"].get<std::string>(), fmt(u["score"].get<double>(), 1),
                      u["validity"].is_null() ? "∞" : fmt(u["validity"].get<double>(), 2), b});
    }
    fce_rows = sorted_rows;
    J["fce"] = {{"grades", grade_names}, {"scores", {100, 80, 60, 40, 0}}, {"operator", "weighted-average"}, {"units", ranked}};
    md << "## Fuzzy comprehensive evaluation by " << c.unit << "\n\nGrades 很满意 100, 比较满意 80, 基本满意 60, 不太满意 40, "
          "很不满意 0; operator M(·,⊕) (weighted average) at every level; survey answers graded by the cut points; KPIs by their "
          "grade partitions; weights from the AHP hierarchy"
       << (combined_node.empty() ? "" : " (combined weights under " + combined_node + ")") << ".\n\n"
       << "![FCE grades](fce_grades.svg)\n\n"
       << md_table({"Rank", "Unit", "Grade", "Score", "Validity", "B (很满意 … 很不满意)"}, rows) << "\n";
  }

  // ---- 8. SERVQUAL gaps and NPS ---------------------------------------------------------------------------
  if (!c.servqual.empty()) {
    json sq = json::array();
    std::vector<std::vector<std::string>> rows;
    for (const auto& d : c.servqual) {
      double e = 0, p = 0;
      Eigen::Index ne = 0, np = 0;
      for (std::size_t q = 0; q < d.expectation.size(); ++q) {
        for (const auto* pair : {&d.expectation[q], &d.perception[q]}) {
          if (!raw.has(*pair)) throw csat::parse_error(c.file, 0, 0, "servqual", "key \"servqual.dimension\": column " + csat::detail::quoted(*pair) + " is not in the data");
        }
        const auto je = raw.index_of(d.expectation[q]), jp = raw.index_of(d.perception[q]);
        for (Eigen::Index i = 0; i < raw.rows(); ++i) {
          if (!std::isnan(raw.values(i, je))) { e += raw.values(i, je); ++ne; }
          if (!std::isnan(raw.values(i, jp))) { p += raw.values(i, jp); ++np; }
        }
      }
      e /= static_cast<double>(ne);
      p /= static_cast<double>(np);
      sq.push_back({{"dimension", d.name}, {"expectation", e}, {"perception", p}, {"gap", p - e}, {"n_expectation", ne}, {"n_perception", np}});
      rows.push_back({d.name, fmt(e, 2), fmt(p, 2), fmt(p - e, 2)});
    }
    J["servqual"] = sq;
    md << "## SERVQUAL gaps (perception − expectation)\n\nMeans over all answers (missing answers skipped); a negative gap is "
          "a shortfall against expectations.\n\n"
       << md_table({"Dimension", "Expectation", "Perception", "Gap"}, rows) << "\n";
  }
  if (!c.nps_column.empty()) {
    if (!raw.has(c.nps_column)) config_error(c, 0, 0, "nps.column", "column " + csat::detail::quoted(c.nps_column) + " is not in the data");
    const auto j = raw.index_of(c.nps_column);
    Eigen::Index prom = 0, det = 0, answered = 0;
    for (Eigen::Index i = 0; i < raw.rows(); ++i) {
      const double v = raw.values(i, j);
      if (std::isnan(v)) continue;
      ++answered;
      if (v >= 9) ++prom;
      else if (v <= 6) ++det;
    }
    const double sp = 100.0 * static_cast<double>(prom) / static_cast<double>(answered);
    const double sd = 100.0 * static_cast<double>(det) / static_cast<double>(answered);
    J["nps"] = {{"column", c.nps_column}, {"answered", answered}, {"promoters_percent", sp}, {"detractors_percent", sd}, {"nps", sp - sd}};
    md << "## Willingness to recommend\n\n" << answered << " answers to `" << c.nps_column << "` (0–10): " << fmt(sp, 1)
       << "% would recommend (9–10), " << fmt(sd, 1) << "% are detractors (0–6); net promoter score " << fmt(sp - sd, 1) << ".\n\n";
  }

  // ---- 9. ML SEM cross-check -------------------------------------------------------------------------------
  if (c.sem) {
    std::string text;  // the same model with every block reflective (=~)
    for (const auto& k : spec.constructs()) {
      text += k.name + " =~ ";
      for (std::size_t q = 0; q < k.indicators.size(); ++q) text += (q ? " + " : "") + k.indicators[q];
      text += "\n";
    }
    for (const auto& k : spec.constructs()) {
      std::string rhs;
      for (const auto& pth : spec.structural_paths())
        if (pth.to == k.name) rhs += (rhs.empty() ? "" : " + ") + pth.from;
      if (!rhs.empty()) text += k.name + " ~ " + rhs + "\n";
    }
    json sj;
    try {
      const auto m = csat::sem::specify(text);
      const auto sample = csat::sem::make_sample(data.select(fit.indicators), fit.indicators);
      const auto r = csat::sem::fit(m, sample);
      sj = {{"converged", r.converged}, {"admissible", r.admissible}, {"status", csat::sem::to_string(r.status)},
            {"chisq", r.fit.chisq}, {"df", r.fit.df}, {"pvalue", r.fit.pvalue}, {"cfi", r.fit.cfi}, {"tli", r.fit.tli},
            {"rmsea", r.fit.rmsea}, {"srmr", r.fit.srmr}};
      sj["warnings"] = r.warnings;
      md << "## Cross-check by covariance-based SEM (maximum likelihood)\n\nThe same model with reflective blocks: "
         << (r.converged ? "converged" : "**did not converge**") << (r.admissible ? ", admissible" : ", **inadmissible**")
         << "; χ² = " << fmt(r.fit.chisq, 2) << " on " << r.fit.df << " df, CFI = " << fmt(r.fit.cfi) << ", TLI = " << fmt(r.fit.tli)
         << ", RMSEA = " << fmt(r.fit.rmsea) << ", SRMR = " << fmt(r.fit.srmr) << ".\n";
      for (const auto& w : r.warnings) md << "\n- " << w;
      md << "\n\n";
    } catch (const std::exception& e) {
      sj = {{"error", e.what()}};
      md << "## Cross-check by covariance-based SEM\n\nNot available: " << e.what() << "\n\n";
    }
    J["sem"] = sj;
  }

  (void)quiet;
  // ---- outputs ------------------------------------------------------------------------------------------
  fs::create_directories(out_dir);
  const auto diagram = csat::report::path_diagram(nodes, edges, c.title);
  std::ofstream((out_dir / "path_diagram.svg").string()) << diagram.svg;
  std::ofstream((out_dir / "path_diagram.dot").string()) << csat::report::path_diagram_dot(nodes, edges);
  if (!ipma.empty()) std::ofstream((out_dir / "ipma.svg").string()) << csat::report::ipma_map(ipma, "Importance-performance map", target).svg;
  if (!fce_rows.empty())
    std::ofstream((out_dir / "fce_grades.svg").string()) << csat::report::distribution_chart(fce_rows, grade_names, "FCE grade distribution by " + c.unit).svg;
  if (!groups.empty()) {
    std::vector<csat::report::interval_row> rows;
    for (const auto& gi : groups) rows.push_back({gi.construct, gi.group, gi.index, gi.lower, gi.upper});
    std::ofstream((out_dir / "indices_by_group.svg").string()) << csat::report::interval_chart(rows, "0-100 indices by customer group and channel (95% bootstrap intervals)").svg;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  J["seconds"] = seconds;
  std::ofstream((out_dir / "report.json").string()) << json_text(J) << "\n";
  std::ofstream((out_dir / "report.md").string()) << md.str();

  // summary
  std::cout << c.title << "\n\n";
  table t({"Construct", "Index", "95% CI", "R²"});
  for (const auto& r : index_rows) t.add(r);
  t.print(std::cout, "  ");
  if (J.contains("ipma")) {
    std::cout << "\nTop improvement priorities for " << target << ":";
    int shown = 0;
    for (const auto& p : J["ipma"]["priorities"])
      if (shown++ < 3) std::cout << (shown > 1 ? ", " : " ") << shown << ". " << p.get<std::string>();
    std::cout << "\n";
  }
  if (J.contains("ahp")) {
    std::cout << "AHP: total CR " << fmt(J["ahp"]["total_cr"].get<double>(), 4) << "; per matrix:";
    for (const auto& nd : J["ahp"]["nodes"])
      if (nd.contains("cr")) std::cout << " " << nd["name"].get<std::string>() << " " << fmt(nd["cr"].get<double>(), 3);
    std::cout << "\n";
  }
  if (J.contains("fce")) {
    std::cout << "FCE by " << c.unit << ":";
    for (const auto& u : J["fce"]["units"])
      std::cout << " " << u["unit"].get<std::string>() << " " << u["grade"].get<std::string>() << " " << fmt(u["score"].get<double>(), 1) << ";";
    std::cout << "\n";
  }
  std::cout << "\nReport: " << (out_dir / "report.md").string() << " (" << fmt(seconds, 1) << " s)\n";
  return 0;
}

const registrar register_study(
    "study", "Run a whole satisfaction study from a TOML study file and write a report",
    [](CLI::App& sub) {
      auto file = std::make_shared<std::string>();
      auto out = std::make_shared<std::string>();
      auto quiet = std::make_shared<bool>(false);
      sub.add_option("STUDY", *file, "the study file (TOML; see docs/study-file.md)")->required();
      sub.add_option("--out", *out, "output folder (default: the study file's `output`)");
      sub.add_flag("--quiet", *quiet, "print only where the report is");
      sub.callback([file, out, quiet] { run_study(*file, *out, *quiet); });
    },
    90);

}  // namespace
}  // namespace csat_cli
