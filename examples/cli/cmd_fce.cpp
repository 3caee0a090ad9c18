// csat fce (--weights A.csv | --hierarchy H.hierarchy) (--membership R.csv | --data SURVEY.csv [--items COLS] | --kpi KPI.csv)...
//          [--operator weighted-average|zadeh|product-max|bounded-min|balanced] [--grades power|LIST]
//          [--normalize sum|none] [--rows require|normalize|as-is] [--codes LIST] [--json]
// Fuzzy comprehensive evaluation B = A ∘ R with the maximum-membership grade, its validity and the score: one level
// with the weights of A.csv, or every level of an AHP hierarchy file (csat ahp's format) whose local weights weight
// each node's children.
//
// A.csv: a header row of indicator names and one row of weights.
// R.csv: a header row of grade names (optionally preceded by an indicator-name column) and one row per indicator.
// SURVEY.csv: one row per respondent; the --items columns hold grade labels or codes (code j+1 = grade j unless
//   --codes says otherwise); empty, NA, N/A, NaN and . are missing.
// KPI.csv: columns indicator,value,<one knot per grade>: the grade partition of each quantitative indicator.
#include "cli.hpp"
#include "data_input.hpp"

#include <csat/ahp/hierarchy.hpp>
#include <csat/ahp/hierarchy_file.hpp>
#include <csat/fuzzy/ahp_evaluate.hpp>
#include <csat/fuzzy/compose.hpp>
#include <csat/fuzzy/evaluate.hpp>
#include <csat/fuzzy/grades.hpp>
#include <csat/fuzzy/interpret.hpp>
#include <csat/fuzzy/membership.hpp>
#include <csat/survey/csv.hpp>

#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace {

struct fce_args {
  std::string weights;
  std::string hierarchy;
  std::string membership;
  std::string data;
  std::string items;
  std::string kpi;
  std::string op = "weighted-average";
  std::string grades = "power";
  std::string normalize = "none";
  std::string rows = "require";
  std::string codes;
  bool json = false;
  csat_cli::data_args input;  // --missing-codes, --encoding, --decimal, --sheet for --data
};

std::vector<std::string> split_list(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) { out.push_back(csat::detail::trim(cur)); cur.clear(); }
    else cur += c;
  }
  out.push_back(csat::detail::trim(cur));
  return out;
}

// --grades power | NAME:SCORE,NAME:SCORE,... | NAME,NAME,... (scored 100 .. 0 evenly)
csat::fuzzy::grade_set parse_grades(const std::string& arg) {
  if (arg == "power") return csat::fuzzy::grade_set::power();
  std::vector<std::string> names;
  std::vector<double> scores;
  bool any_score = false, all_scores = true;
  for (const auto& part : split_list(arg, ',')) {
    const auto colon = part.rfind(':');
    if (colon == std::string::npos) {
      names.push_back(part);
      all_scores = false;
      continue;
    }
    any_score = true;
    names.push_back(csat::detail::trim(part.substr(0, colon)));
    const std::string sc = csat::detail::trim(part.substr(colon + 1));
    double v = 0;
    bool overflow = false;
    if (!csat::detail::parse_double(sc.data(), sc.data() + sc.size(), v, overflow))
      throw csat_cli::input_error("--grades: score " + csat::detail::quoted(sc) + " of grade " +
                                  csat::detail::quoted(names.back()) + " is not a number");
    scores.push_back(v);
  }
  if (any_score && !all_scores)
    throw csat_cli::input_error("--grades: give a score to every grade (NAME:SCORE,...) or to none");
  return any_score ? csat::fuzzy::grade_set(names, scores) : csat::fuzzy::grade_set::evenly_scored(names);
}

struct csv_text {
  std::string source;
  std::vector<csat::survey::csv_record> records;  // records[0] is the header
};

csv_text read_records(const std::string& path) {
  csv_text t;
  t.source = path;
  csat::survey::csv_reader reader(csat::detail::read_file_text(path, "csat fce"), path);
  csat::survey::csv_record r;
  while (reader.next(r)) t.records.push_back(r);
  if (t.records.empty()) throw csat::parse_error(path, 1, 1, "", "the file is empty (no header line)");
  for (auto& f : t.records[0].fields) f = csat::detail::trim(f);
  for (std::size_t k = 1; k < t.records.size(); ++k)
    if (t.records[k].fields.size() != t.records[0].fields.size()) {
      const auto& rec = t.records[k];
      throw csat::parse_error(path, rec.line, rec.columns.empty() ? 1 : rec.columns.back(), "",
                              "this row has " + std::to_string(rec.fields.size()) + " fields, but the header has " +
                                  std::to_string(t.records[0].fields.size()));
    }
  return t;
}

double number_at(const csv_text& t, std::size_t row, std::size_t col, const std::string& what) {
  const auto& rec = t.records[row];
  const std::string& f = rec.fields[col];
  double v = 0;
  bool overflow = false;
  if (!csat::detail::parse_double(f.data(), f.data() + f.size(), v, overflow))
    throw csat::parse_error(t.source, rec.lines[col], rec.columns[col], f,
                            what + ": " + csat::detail::quoted(csat::detail::trim(f)) + " is not a number");
  return v;
}

struct weights_file {
  std::vector<std::string> names;
  Eigen::RowVectorXd weights;
};

weights_file read_weights(const std::string& path) {
  const auto t = read_records(path);
  if (t.records.size() != 2)
    throw csat::parse_error(path, t.records.size() > 2 ? t.records[2].line : t.records[0].line, 1, "",
                            "expected a header row of indicator names and exactly one row of weights, found " +
                                std::to_string(t.records.size() - 1) + " data rows");
  weights_file w;
  w.names = t.records[0].fields;
  w.weights.resize(static_cast<Eigen::Index>(w.names.size()));
  for (std::size_t j = 0; j < w.names.size(); ++j)
    w.weights(static_cast<Eigen::Index>(j)) = number_at(t, 1, j, "weight of " + csat::detail::quoted(w.names[j]));
  return w;
}

using row_map = std::vector<std::pair<std::string, Eigen::RowVectorXd>>;

// R.csv: grade-name header (optionally after an indicator column).
row_map read_membership(const std::string& path, const csat::fuzzy::grade_set& g, const std::vector<std::string>& a_names,
                        bool& named) {
  const auto t = read_records(path);
  const auto& h = t.records[0].fields;
  const std::size_t m = g.size();
  named = h.size() == m + 1;
  if (h.size() != m && !named)
    throw csat::parse_error(path, t.records[0].line, 1, "",
                            "the header has " + std::to_string(h.size()) + " columns, but there are " +
                                std::to_string(m) + " grades (" + g.joined() + "), optionally after an indicator column");
  const std::size_t off = named ? 1 : 0;
  for (std::size_t j = 0; j < m; ++j)
    if (h[j + off] != g.name(j))
      throw csat::parse_error(path, t.records[0].line, t.records[0].columns[j + off], h[j + off],
                              "column " + csat::detail::quoted(h[j + off]) + " should be grade " + std::to_string(j) +
                                  " " + csat::detail::quoted(g.name(j)) + " (grades: " + g.joined() + ")");
  if (!named && t.records.size() - 1 != a_names.size())
    throw csat_cli::input_error("A/R dimension mismatch: " + std::to_string(a_names.size()) +
                                " weights, but " + path + " has " + std::to_string(t.records.size() - 1) +
                                " membership rows");
  row_map rows;
  for (std::size_t k = 1; k < t.records.size(); ++k) {
    const std::string item = named ? csat::detail::trim(t.records[k].fields[0]) : a_names[k - 1];
    Eigen::RowVectorXd r(static_cast<Eigen::Index>(m));
    for (std::size_t j = 0; j < m; ++j)
      r(static_cast<Eigen::Index>(j)) = number_at(t, k, j + off, "membership of " + csat::detail::quoted(item) + " in " +
                                                                  csat::detail::quoted(g.name(j)));
    rows.emplace_back(item, r);
  }
  return rows;
}

// KPI.csv: indicator,value,<knot per grade>
row_map read_kpis(const std::string& path, const csat::fuzzy::grade_set& g) {
  const auto t = read_records(path);
  const auto& h = t.records[0].fields;
  if (h.size() != g.size() + 2)
    throw csat::parse_error(path, t.records[0].line, 1, "",
                            "the header has " + std::to_string(h.size()) + " columns, but must be indicator,value and one knot column per grade (" +
                                std::to_string(g.size()) + ")");
  row_map rows;
  for (std::size_t k = 1; k < t.records.size(); ++k) {
    const std::string item = csat::detail::trim(t.records[k].fields[0]);
    const double x = number_at(t, k, 1, "value of " + csat::detail::quoted(item));
    std::vector<double> knots;
    for (std::size_t j = 0; j < g.size(); ++j) knots.push_back(number_at(t, k, j + 2, "knot of " + csat::detail::quoted(item)));
    const csat::fuzzy::grade_partition<double> p(item, knots);
    rows.emplace_back(item, p(x));
  }
  return rows;
}

// SURVEY (CSV in any encoding, .xlsx, SPSS, Stata): label or code cells in the item columns, read as text.
csat::fuzzy::survey_membership_result<double> read_survey(const std::string& path, const std::vector<std::string>& items,
                                                          const csat::fuzzy::grade_set& g,
                                                          csat::fuzzy::survey_options so, const csat_cli::data_args& input,
                                                          csat_cli::data_read_info& info) {
  csat::survey::csv_options o;
  o.numeric_columns = {std::string(1, '\0')};  // every column as text: labels and codes alike
  const auto t = csat_cli::read_data(path, input, o, info);
  for (const auto& c : input.missing_codes) so.missing_tokens.push_back(c);
  std::vector<std::vector<std::string>> cells;
  for (const auto& it : items) {
    if (std::find(t.text_names.begin(), t.text_names.end(), it) == t.text_names.end())
      throw csat_cli::input_error("--items: column " + csat::detail::quoted(it) + " is not in " + path);
    cells.push_back(t.text_column(it));
  }
  return csat::fuzzy::survey_membership_labels<double>(cells, g, items, so, t.lines, path);
}

// What reading --data found (format, encoding, notes): set once by run(), printed with the survey counts.
std::string survey_read_line;
nlohmann::json survey_read_json;

nlohmann::json survey_json(const csat::fuzzy::survey_membership_result<double>& sv) {
  nlohmann::json s;
  s["data_read"] = survey_read_json;
  s["items"] = sv.items;
  s["answered"] = std::vector<Eigen::Index>(sv.answered.data(), sv.answered.data() + sv.answered.size());
  s["missing"] = std::vector<Eigen::Index>(sv.missing.data(), sv.missing.data() + sv.missing.size());
  s["counts"] = nlohmann::json::array();
  for (Eigen::Index i = 0; i < sv.counts.rows(); ++i) {
    std::vector<Eigen::Index> c;
    for (Eigen::Index k = 0; k < sv.counts.cols(); ++k) c.push_back(sv.counts(i, k));
    s["counts"].push_back(c);
  }
  return s;
}

void print_survey(const csat::fuzzy::survey_membership_result<double>& sv, const csat::fuzzy::grade_set& g) {
  std::cout << "Survey data: " << survey_read_line << "\n";
  std::vector<std::string> head{"item", "answered", "missing"};
  for (const auto& n : g.names()) head.push_back(n);
  csat_cli::table t(head);
  for (Eigen::Index i = 0; i < sv.counts.rows(); ++i) {
    std::vector<std::string> row{sv.items[static_cast<std::size_t>(i)], std::to_string(sv.answered(i)),
                                 std::to_string(sv.missing(i))};
    for (Eigen::Index k = 0; k < sv.counts.cols(); ++k) row.push_back(std::to_string(sv.counts(i, k)));
    t.add(row);
  }
  std::cout << "Survey responses per grade:\n";
  t.print(std::cout, "  ");
  std::cout << '\n';
}

std::vector<double> to_vector(const Eigen::RowVectorXd& v) { return std::vector<double>(v.data(), v.data() + v.size()); }

// Every level of an AHP hierarchy: the AHP local weights weight each node's children.
void run_hierarchy(const fce_args& a, const csat::ahp::hierarchy<double>& h, const row_map& rows,
                   const csat::fuzzy::grade_set& g, csat::fuzzy::composition op, csat::fuzzy::normalization norm,
                   csat::fuzzy::row_policy rp, const csat::fuzzy::survey_membership_result<double>* survey) {
  namespace fz = csat::fuzzy;
  const auto aw = csat::ahp::evaluate(h);
  fz::leaf_rows<double> lr;
  for (const auto& p : rows) lr[p.first] = p.second;
  fz::evaluate_options<double> eo;
  eo.op = op;
  eo.normalize = norm;
  eo.leaf_rows = rp;
  const auto e = fz::evaluate(aw, lr, g, eo);
  const auto& root = e.root();
  if (a.json) {
    nlohmann::json j;
    j["operator"] = fz::to_string(op);
    j["operator_notation"] = fz::notation(op);
    j["normalize"] = fz::to_string(norm);
    j["rows"] = fz::to_string(rp);
    j["grades"] = nlohmann::json::array();
    for (std::size_t k = 0; k < g.size(); ++k) j["grades"].push_back({{"name", g.name(k)}, {"score", g.score(k)}});
    j["ahp_total_cr"] = aw.total_cr;
    j["b"] = to_vector(root.b);
    j["b_normalized"] = to_vector(root.b_normalized);
    j["score"] = root.reading.score;
    j["max_grade"] = root.reading.max_grade;
    j["max_grade_name"] = root.reading.max_grade_name;
    j["validity"] = csat_cli::number(root.reading.validity);
    j["validity_band"] = fz::to_string(root.reading.band);
    j["tie"] = root.reading.tie;
    j["nodes"] = nlohmann::json::array();
    for (const auto& n : e.nodes)
      j["nodes"].push_back({{"name", n.name}, {"path", n.path}, {"depth", n.depth}, {"leaf", n.leaf},
                            {"local_weight", n.local_weight}, {"global_weight", n.global_weight},
                            {"b", to_vector(n.b)}, {"b_normalized", to_vector(n.b_normalized)},
                            {"score", n.reading.score}, {"max_grade", n.reading.max_grade},
                            {"max_grade_name", n.reading.max_grade_name},
                            {"validity", csat_cli::number(n.reading.validity)}, {"tie", n.reading.tie}});
    if (survey) j["survey"] = survey_json(*survey);
    csat_cli::print_json(j);
    return;
  }
  std::cout << "Fuzzy comprehensive evaluation over the AHP hierarchy " << a.hierarchy << ", operator "
            << fz::to_string(op) << " " << fz::notation(op) << ", normalization " << fz::to_string(norm) << ", "
            << aw.leaves.size() << " indicators, " << g.size() << " grades (AHP total CR "
            << csat_cli::fixed(aw.total_cr, 4) << ")\n\n";
  if (survey) print_survey(*survey, g);
  std::vector<std::string> head{"node", "local", "global"};
  for (const auto& n : g.names()) head.push_back(n);
  head.push_back("grade");
  head.push_back("alpha");
  head.push_back("score");
  csat_cli::table t(head);
  for (const auto& n : e.nodes) {
    std::vector<std::string> row{std::string(2 * static_cast<std::size_t>(n.depth), ' ') + n.name,
                                 csat_cli::fixed(n.local_weight, 4), csat_cli::fixed(n.global_weight, 4)};
    for (Eigen::Index k = 0; k < n.b.size(); ++k) row.push_back(csat_cli::fixed(n.b(k), 4));
    row.push_back(n.reading.max_grade_name + (n.reading.tie ? " (tie)" : ""));
    row.push_back(std::isinf(n.reading.validity) ? std::string("inf") : csat_cli::fixed(n.reading.validity, 3));
    row.push_back(csat_cli::fixed(n.reading.score, 2));
    t.add(row);
  }
  t.print(std::cout, "  ");
  std::cout << "\n" << root.name << ": maximum-membership grade " << root.reading.max_grade_name << " (grade "
            << root.reading.max_grade << ")" << (root.reading.tie ? ", tied with another grade" : "")
            << ", validity alpha " << (std::isinf(root.reading.validity) ? std::string("inf") : csat_cli::fixed(root.reading.validity, 3))
            << " (" << fz::to_string(root.reading.band) << "), score " << csat_cli::fixed(root.reading.score, 2) << '\n';
}

void run(const fce_args& a) {
  namespace fz = csat::fuzzy;
  const auto g = parse_grades(a.grades);
  const auto op = fz::parse_composition(a.op);
  const auto norm = fz::parse_normalization(a.normalize);
  fz::row_policy rp = fz::row_policy::require_unit_sum;
  if (a.rows == "normalize") rp = fz::row_policy::normalize;
  else if (a.rows == "as-is") rp = fz::row_policy::as_is;
  else if (a.rows != "require") throw csat_cli::input_error("--rows must be require, normalize or as-is, not " + csat::detail::quoted(a.rows));
  if (a.membership.empty() && a.data.empty() && a.kpi.empty())
    throw csat_cli::input_error("give the membership rows: --membership R.csv, --data SURVEY.csv or --kpi KPI.csv");

  if (a.weights.empty() == a.hierarchy.empty())
    throw csat_cli::input_error("give the weights with exactly one of --weights A.csv or --hierarchy FILE");
  weights_file w;
  std::unique_ptr<csat::ahp::hierarchy<double>> h;
  if (!a.weights.empty()) {
    w = read_weights(a.weights);
  } else {
    h = std::make_unique<csat::ahp::hierarchy<double>>(csat::ahp::read_hierarchy(a.hierarchy));
    for (int k : h->leaves()) w.names.push_back(h->node(k).name);
  }
  const std::string wsource = a.weights.empty() ? a.hierarchy : a.weights;
  row_map rows;
  bool named = true;
  if (!a.membership.empty()) {
    auto r = read_membership(a.membership, g, w.names, named);
    rows.insert(rows.end(), r.begin(), r.end());
  }
  if (!a.kpi.empty()) {
    auto r = read_kpis(a.kpi, g);
    rows.insert(rows.end(), r.begin(), r.end());
  }
  std::unique_ptr<fz::survey_membership_result<double>> survey;
  csat_cli::data_read_info read_info;
  if (!a.data.empty()) {
    fz::survey_options so;
    if (!a.codes.empty())
      for (const auto& c : split_list(a.codes, ',')) {
        double v = 0;
        bool overflow = false;
        if (!csat::detail::parse_double(c.data(), c.data() + c.size(), v, overflow))
          throw csat_cli::input_error("--codes: " + csat::detail::quoted(c) + " is not a number");
        so.codes.push_back(v);
      }
    std::vector<std::string> items = a.items.empty() ? std::vector<std::string>() : split_list(a.items, ',');
    if (items.empty()) {  // the indicators not given by other sources
      for (const auto& n : w.names)
        if (std::none_of(rows.begin(), rows.end(), [&](const auto& p) { return p.first == n; })) items.push_back(n);
    }
    survey = std::make_unique<fz::survey_membership_result<double>>(read_survey(a.data, items, g, so, a.input, read_info));
    survey_read_line = csat_cli::describe_read(a.data, read_info);
    survey_read_json = csat_cli::read_info_json(a.data, read_info, {});
    for (std::size_t i = 0; i < items.size(); ++i)
      rows.emplace_back(items[i], survey->membership.row(static_cast<Eigen::Index>(i)));
  }
  for (std::size_t k = 0; k < rows.size(); ++k)
    for (std::size_t q = 0; q < k; ++q)
      if (rows[q].first == rows[k].first)
        throw csat_cli::input_error("indicator " + csat::detail::quoted(rows[k].first) + " has two membership rows");
  if (h) {
    run_hierarchy(a, *h, rows, g, op, norm, rp, survey.get());
    return;
  }
  // order the rows by A.csv
  for (std::size_t k = 0; k < rows.size(); ++k)
    if (std::find(w.names.begin(), w.names.end(), rows[k].first) == w.names.end())
      throw csat_cli::input_error("A/R dimension mismatch: a membership row is given for " + csat::detail::quoted(rows[k].first) +
                                  ", which is not an indicator of " + wsource);
  const auto m = static_cast<Eigen::Index>(g.size());
  Eigen::MatrixXd r(static_cast<Eigen::Index>(w.names.size()), m);
  for (std::size_t i = 0; i < w.names.size(); ++i) {
    const auto f = std::find_if(rows.begin(), rows.end(), [&](const auto& p) { return p.first == w.names[i]; });
    if (f == rows.end())
      throw csat_cli::input_error("A/R dimension mismatch: indicator " + csat::detail::quoted(w.names[i]) + " of " + wsource +
                                  " has no membership row");
    r.row(static_cast<Eigen::Index>(i)) = f->second;
  }

  fz::compose_options<double> co;
  co.op = op;
  co.normalize = norm;
  co.rows = rp;
  co.items = w.names;
  co.grades = g.names();
  const auto res = fz::compose(w.weights, r, co);
  const auto in = fz::interpret(res.evaluated(), g);

  if (a.json) {
    nlohmann::json j;
    j["operator"] = fz::to_string(op);
    j["operator_notation"] = fz::notation(op);
    j["normalize"] = fz::to_string(norm);
    j["rows"] = fz::to_string(rp);
    j["max_row_deviation"] = res.max_row_deviation;
    j["grades"] = nlohmann::json::array();
    for (std::size_t k = 0; k < g.size(); ++k) j["grades"].push_back({{"name", g.name(k)}, {"score", g.score(k)}});
    j["indicators"] = w.names;
    j["weights"] = std::vector<double>(w.weights.data(), w.weights.data() + w.weights.size());
    j["membership"] = nlohmann::json::array();
    for (Eigen::Index i = 0; i < r.rows(); ++i) {
      const Eigen::RowVectorXd row = r.row(i);
      j["membership"].push_back(std::vector<double>(row.data(), row.data() + row.size()));
    }
    if (survey) j["survey"] = survey_json(*survey);
    j["b"] = std::vector<double>(res.b.data(), res.b.data() + res.b.size());
    j["b_normalized"] = std::vector<double>(res.b_normalized.data(), res.b_normalized.data() + res.b_normalized.size());
    j["score"] = in.score;
    j["max_grade"] = in.max_grade;
    j["max_grade_name"] = in.max_grade_name;
    j["validity"] = csat_cli::number(in.validity);  // null when infinite (a single grade holds all membership)
    j["validity_band"] = fz::to_string(in.band);
    j["tie"] = in.tie;
    csat_cli::print_json(j);
    return;
  }
  std::cout << "Fuzzy comprehensive evaluation, operator " << fz::to_string(op) << " " << fz::notation(op)
            << ", normalization " << fz::to_string(norm) << ", " << w.names.size() << " indicators, " << g.size()
            << " grades\n\n";
  if (survey) print_survey(*survey, g);
  {
    std::vector<std::string> head{"indicator", "weight"};
    for (const auto& n : g.names()) head.push_back(n);
    csat_cli::table t(head);
    for (Eigen::Index i = 0; i < r.rows(); ++i) {
      std::vector<std::string> row{w.names[static_cast<std::size_t>(i)], csat_cli::fixed(w.weights(i), 4)};
      for (Eigen::Index k = 0; k < m; ++k) row.push_back(csat_cli::fixed(r(i, k), 4));
      t.add(row);
    }
    std::cout << "Membership matrix R:\n";
    t.print(std::cout, "  ");
  }
  {
    std::vector<std::string> head{""};
    for (const auto& n : g.names()) head.push_back(n);
    csat_cli::table t(head);
    std::vector<std::string> b{"B"}, bn{"B normalized"}, sc{"grade score"};
    for (Eigen::Index k = 0; k < m; ++k) {
      b.push_back(csat_cli::fixed(res.b(k), 4));
      bn.push_back(csat_cli::fixed(res.b_normalized(k), 4));
      sc.push_back(csat_cli::fixed(g.score(static_cast<std::size_t>(k)), 0));
    }
    t.add(b);
    t.add(bn);
    t.add(sc);
    std::cout << "\nEvaluation B = A o R:\n";
    t.print(std::cout, "  ");
  }
  std::cout << "\nmaximum-membership grade: " << in.max_grade_name << " (grade " << in.max_grade << ")"
            << (in.tie ? ", tied with another grade" : "") << "\nvalidity alpha: "
            << (std::isinf(in.validity) ? std::string("inf") : csat_cli::fixed(in.validity, 3)) << " ("
            << fz::to_string(in.band) << ")\nscore: " << csat_cli::fixed(in.score, 2) << '\n';
}

const csat_cli::registrar register_fce(
    "fce", "fuzzy comprehensive evaluation B = A o R (one level, or every level of an AHP hierarchy): grade, validity, 0-100 score",
    [](CLI::App& sub) {
      auto a = std::make_shared<fce_args>();
      auto* wopt = sub.add_option("--weights", a->weights, "A.csv: header of indicator names, one row of weights");
      sub.add_option("--hierarchy", a->hierarchy, "AHP hierarchy file (csat ahp format): multi-level evaluation with its local weights")
          ->excludes(wopt);
      sub.add_option("--membership", a->membership, "R.csv: header of grade names (optionally after an indicator column), one row per indicator");
      sub.add_option("--data", a->data,
                     "survey data (CSV in any encoding, .xlsx, .sav/.zsav/.por, .dta): grade labels or codes per respondent");
      csat_cli::add_data_options(&sub, a->input);
      sub.add_option("--items", a->items, "comma-separated survey columns (default: the indicators of A.csv without other rows)");
      sub.add_option("--kpi", a->kpi, "KPI CSV: indicator,value and one knot per grade (grade partition)");
      sub.add_option("--operator", a->op, "weighted-average (M(.,+), default), zadeh (M(^,v)), product-max (M(.,v)), bounded-min (M(^,+)), balanced");
      sub.add_option("--grades", a->grades, "power (default: 很满意 100 .. 很不满意 0), NAME:SCORE,... or NAME,...");
      sub.add_option("--normalize", a->normalize, "B as composed (none, default) or divided by its sum (sum)");
      sub.add_option("--rows", a->rows, "rows of R not summing to 1: require (error, default), normalize, as-is");
      sub.add_option("--codes", a->codes, "survey code of each grade, comma-separated (default 1,2,...)");
      sub.add_flag("--json", a->json, "JSON output");
      sub.callback([a] { run(*a); });
    },
    60);

}  // namespace
