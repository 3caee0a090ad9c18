// The study file (TOML) of `csat study`: what to read, which model to estimate, the AHP hierarchy with its
// judgments, the fuzzy evaluation, and where to write the report. Documented in docs/study-file.md.
// Every problem is a csat::parse_error naming the file, line, column and key.
#ifndef CSAT_CLI_STUDY_CONFIG_HPP
#define CSAT_CLI_STUDY_CONFIG_HPP

#include "toml_util.hpp"

#include <csat/core/error.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace csat_cli {

/// One AHP node: its children and how they are weighted.
struct study_ahp_node {
  std::string name;
  std::vector<std::string> children;
  std::vector<std::vector<double>> matrix;                 ///< one expert (or empty)
  struct expert { std::string name; double weight = 1; std::vector<std::vector<double>> matrix; };
  std::vector<expert> experts;                             ///< group judgments (or empty)
  std::vector<double> weights;                             ///< direct local weights (or empty)
  std::size_t line = 0, column = 0;                        ///< where the node's table starts
};

/// A KPI evaluated with a membership function for the fuzzy evaluation.
struct study_kpi {
  std::string leaf;                     ///< the hierarchy leaf it measures
  std::string column;                   ///< column of the KPI file
  std::string function;                 ///< "larger-is-better" | "smaller-is-better" | "triangular" | ...
  std::vector<double> breakpoints;      ///< grade partition (see docs/study-file.md)
  std::size_t line = 0, column_no = 0;
};

struct study_servqual_dimension {
  std::string name;
  std::vector<std::string> expectation, perception;
};

struct study_config {
  std::string file;                      ///< the study file as given
  std::filesystem::path base;            ///< its folder: relative paths are resolved from here
  std::string title = "Customer satisfaction study";
  std::string output = "csat-study-output";

  // [data]
  std::string data_file;
  std::size_t data_file_line = 0, data_file_column = 0;
  std::vector<std::string> missing_tokens{"", "NA", "N/A", "NaN", "."};
  std::string missing_policy = "listwise";  ///< listwise | mean
  std::string segment, channel, unit;       ///< text columns (optional)
  std::vector<std::string> missing_codes;   ///< [data] missing_codes: added to the missing tokens
  std::string encoding = "auto", decimal = "auto", sheet;  ///< [data] encoding, decimal, sheet
  /// where keys were written (line, column), for errors about their values: "data.segment", "fce.items.LEAF"
  std::map<std::string, std::pair<std::size_t, std::size_t>> where;

  // [scale] (optional: without it, the observed range of the model's items, said in the report)
  double scale_min = 1, scale_max = 10;
  bool scale_given = false;

  // [model]
  std::string model_syntax;
  std::size_t model_line = 0;               ///< line of model.syntax in the study file
  std::size_t model_first_line = 1;         ///< line of the study file where the syntax text starts
  std::string target;                        ///< IPMA target construct
  std::string scheme = "path";

  // [bootstrap]
  int resamples = 1000;
  unsigned long long seed = 20261123;
  int threads = 0;

  // [ahp]
  std::string ahp_goal;
  std::string ri_table = "saaty1980";
  bool allow_inconsistent = false;           ///< report judgment matrices above the CR threshold instead of stopping
  std::vector<study_ahp_node> ahp_nodes;

  // [weights] rough-set + AHP combination for the goal's criteria
  std::string combine_node;                  ///< the AHP node whose children get combined weights
  std::vector<std::string> decision_columns; ///< overall-satisfaction columns (their mean, graded: the decision)
  std::map<std::string, std::vector<std::string>> criterion_columns;  ///< criterion → survey columns
  double combine_alpha = 0.5;

  // [fce]
  std::string grades = "power";
  std::map<std::string, std::string> fce_items;   ///< hierarchy leaf → survey column
  std::vector<double> grade_cuts;                 ///< scale values separating grades (k−1, descending grades)
  std::string kpi_file, kpi_unit_column;
  std::vector<study_kpi> kpis;

  // [servqual], [nps], [sem]
  std::vector<study_servqual_dimension> servqual;
  std::string nps_column;
  bool sem = true;

  std::string resolve(const std::string& p) const {
    const std::filesystem::path q(p);
    return q.is_absolute() ? q.string() : (base / q).lexically_normal().string();
  }
};

namespace detail_study {

inline double judgment(const toml_view& v, const toml::node& n, const std::string& key) {
  if (n.is_integer()) return static_cast<double>(n.as_integer()->get());
  if (n.is_floating_point()) return n.as_floating_point()->get();
  if (n.is_string()) {  // "1/3"
    const std::string s = n.as_string()->get();
    const auto slash = s.find('/');
    try {
      std::size_t used = 0;
      if (slash == std::string::npos) {
        const double x = std::stod(s, &used);
        if (used == s.size()) return x;
      } else {
        const double a = std::stod(s.substr(0, slash), &used);
        const std::string den = s.substr(slash + 1);
        std::size_t used2 = 0;
        const double b = std::stod(den, &used2);
        if (used == slash && used2 == den.size() && b != 0) return a / b;
      }
    } catch (const std::exception&) {
    }
    v.fail(&n, key, "\"" + s + "\" is not a judgment (a number or a fraction such as \"1/3\")");
  }
  v.fail(&n, key, "judgments must be numbers or fractions such as \"1/3\"");
}

inline std::vector<std::vector<double>> matrix(const toml_view& v, const std::string& key) {
  const auto* n = v.node(key);
  const auto* a = n ? n->as_array() : nullptr;
  if (!a) v.fail(n, key, "must be an array of rows, e.g. [[1, 3], [\"1/3\", 1]]");
  std::vector<std::vector<double>> m;
  for (const auto& row : *a) {
    const auto* r = row.as_array();
    if (!r) v.fail(&row, key, "each row must be an array");
    std::vector<double> out;
    for (const auto& c : *r) out.push_back(judgment(v, c, key));
    if (!m.empty() && out.size() != m.front().size())
      v.fail(&row, key, "row " + std::to_string(m.size() + 1) + " has " + std::to_string(out.size()) +
                            " judgments, but row 1 has " + std::to_string(m.front().size()));
    m.push_back(std::move(out));
  }
  return m;
}

}  // namespace detail_study

/// Reads and checks a study file (structure and types; names are checked against the data when the study runs).
inline study_config load_study_config(const std::string& path) {
  study_config c;
  c.file = path;
  c.base = std::filesystem::path(path).parent_path();
  const toml::table doc = toml_view::parse_file(path);
  const toml_view root(doc, path, "");

  c.title = root.string("title", c.title);
  c.output = root.string("output", c.output);

  const auto data = root.table("data");
  if (!data) root.fail(nullptr, "data", "is required (a [data] table with file = \"...\")");
  c.data_file = data->string("file");
  c.data_file_line = data->node("file")->source().begin.line;
  c.data_file_column = data->node("file")->source().begin.column;
  c.missing_tokens = data->strings("missing", c.missing_tokens);
  c.missing_policy = data->string("policy", c.missing_policy);
  if (c.missing_policy != "listwise" && c.missing_policy != "mean")
    data->fail(data->node("policy"), "policy", "= \"" + c.missing_policy + "\", but must be \"listwise\" or \"mean\"");
  c.segment = data->string("segment", "");
  c.channel = data->string("channel", "");
  c.unit = data->string("unit", "");
  c.missing_codes = data->strings("missing_codes", {});
  c.encoding = data->string("encoding", c.encoding);
  c.decimal = data->string("decimal", c.decimal);
  if (c.decimal != "auto" && c.decimal != "." && c.decimal != ",")
    data->fail(data->node("decimal"), "decimal", "= \"" + c.decimal + "\", but must be \"auto\", \".\" or \",\"");
  c.sheet = data->string("sheet", "");
  for (const char* k : {"segment", "channel", "unit"})
    if (const auto* n = data->node(k)) c.where[std::string("data.") + k] = {n->source().begin.line, n->source().begin.column};
  data->reject_unknown();

  if (const auto s = root.table("scale")) {
    c.scale_given = true;
    c.scale_min = s->number("min", c.scale_min);
    c.scale_max = s->number("max", c.scale_max);
    if (!(c.scale_min < c.scale_max)) s->fail(s->node("max"), "max", "must be greater than scale.min");
    s->reject_unknown();
  }

  const auto model = root.table("model");
  if (!model) root.fail(nullptr, "model", "is required (a [model] table with syntax = \"\"\"...\"\"\")");
  c.model_syntax = model->string("syntax");
  c.model_line = model->node("syntax")->source().begin.line;
  {  // the first line of the syntax text: the line after `syntax = """` when the string starts with a line break
    std::ifstream in(path, std::ios::binary);
    std::string line;
    for (std::size_t k = 0; k < c.model_line && std::getline(in, line); ++k) {
    }
    std::size_t at = line.find("\"\"\"");
    if (at == std::string::npos) at = line.find("'''");
    c.model_first_line = c.model_line;
    if (at != std::string::npos && line.find_first_not_of(" \t\r", at + 3) == std::string::npos)
      c.model_first_line = c.model_line + 1;
  }
  c.target = model->string("target", "");
  c.scheme = model->string("scheme", c.scheme);
  if (c.scheme != "path" && c.scheme != "factorial" && c.scheme != "centroid")
    model->fail(model->node("scheme"), "scheme", "= \"" + c.scheme + "\", but must be path, factorial or centroid");
  model->reject_unknown();

  if (const auto b = root.table("bootstrap")) {
    c.resamples = static_cast<int>(b->integer("resamples", 0, 1000000, c.resamples));
    c.seed = static_cast<unsigned long long>(b->integer("seed", 0, (1LL << 62), static_cast<long long>(c.seed)));
    c.threads = static_cast<int>(b->integer("threads", 0, 1024, c.threads));
    b->reject_unknown();
  }

  if (const auto a = root.table("ahp")) {
    c.ahp_goal = a->string("goal");
    c.ri_table = a->string("ri", c.ri_table);
    c.allow_inconsistent = a->boolean("allow_inconsistent", false);
    for (const auto& n : a->tables("node")) {
      study_ahp_node node;
      node.name = n.string("name");
      node.children = n.strings("children");
      int ways = 0;
      if (n.has("matrix")) { node.matrix = detail_study::matrix(n, "matrix"); ++ways; }
      if (n.has("weights")) { node.weights = n.numbers("weights"); ++ways; }
      for (const auto& e : n.tables("expert")) {
        study_ahp_node::expert ex;
        ex.name = e.string("name", "expert " + std::to_string(node.experts.size() + 1));
        ex.weight = e.number("weight", 1.0);
        ex.matrix = detail_study::matrix(e, "matrix");
        e.reject_unknown();
        node.experts.push_back(std::move(ex));
      }
      if (!node.experts.empty()) ++ways;
      if (ways != 1)
        n.fail_here("node \"" + node.name + "\" needs exactly one of matrix = [[...]], weights = [...] or [[ahp.node.expert]] tables");
      n.reject_unknown();
      node.line = n.node("name")->source().begin.line;
      node.column = n.node("name")->source().begin.column;
      c.ahp_nodes.push_back(std::move(node));
    }
    a->reject_unknown();
  }

  if (const auto w = root.table("weights")) {
    c.combine_node = w->string("node");
    c.decision_columns = w->strings("decision");
    c.combine_alpha = w->number("alpha", c.combine_alpha);
    if (!(c.combine_alpha >= 0 && c.combine_alpha <= 1))
      w->fail(w->node("alpha"), "alpha", "must lie in [0, 1]");
    if (const auto cr = w->table("criteria"))
      for (const auto& [k, v] : cr->entries()) c.criterion_columns[k] = cr->strings(k);
    w->reject_unknown();
  }

  if (const auto f = root.table("fce")) {
    c.grades = f->string("grades", c.grades);
    if (const auto it = f->table("items"))
      for (const auto& [k, v] : it->entries()) {
        c.fce_items[k] = it->string(k);
        c.where["fce.items." + k] = {v->source().begin.line, v->source().begin.column};
      }
    if (f->has("cuts")) c.grade_cuts = f->numbers("cuts");
    c.kpi_file = f->string("kpi_file", "");
    c.kpi_unit_column = f->string("kpi_unit", "");
    for (const auto& k : f->tables("kpi")) {
      study_kpi kpi;
      kpi.leaf = k.string("leaf");
      kpi.column = k.string("column");
      kpi.function = k.string("function");
      kpi.breakpoints = k.numbers("breakpoints");
      kpi.line = k.node("leaf")->source().begin.line;
      kpi.column_no = k.node("leaf")->source().begin.column;
      k.reject_unknown();
      c.kpis.push_back(std::move(kpi));
    }
    if (!c.kpis.empty() && c.kpi_file.empty()) f->fail(nullptr, "kpi_file", "is required when [[fce.kpi]] tables are given");
    f->reject_unknown();
  }

  if (const auto s = root.table("servqual")) {
    for (const auto& d : s->tables("dimension")) {
      study_servqual_dimension dim;
      dim.name = d.string("name");
      dim.expectation = d.strings("expectation");
      dim.perception = d.strings("perception");
      if (dim.expectation.size() != dim.perception.size())
        d.fail(d.node("perception"), "perception", "must list as many items as expectation (" +
                                                       std::to_string(dim.expectation.size()) + ")");
      d.reject_unknown();
      c.servqual.push_back(std::move(dim));
    }
    s->reject_unknown();
  }
  if (const auto n = root.table("nps")) {
    c.nps_column = n->string("column");
    n->reject_unknown();
  }
  if (const auto s = root.table("sem")) {
    c.sem = s->boolean("enabled", true);
    s->reject_unknown();
  }
  root.reject_unknown();
  return c;
}

}  // namespace csat_cli

#endif
