// csat describe DATA [--missing TOKENS | --missing-codes LIST] [--encoding NAME] [--decimal MARK] [--sheet NAME] [--text COL,...] [--scale NAME=COL1,COL2,...]... [--json]
// Per-column statistics and missing counts, and Cronbach's alpha of each named scale.
#include "cli.hpp"
#include "data_input.hpp"

#include <csat/survey/csv.hpp>
#include <csat/survey/missing.hpp>
#include <csat/survey/reliability.hpp>
#include <csat/survey/stats.hpp>

#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace {

struct describe_args {
  std::string data;
  std::string missing;
  bool missing_given = false;
  std::vector<std::string> text;
  std::vector<std::string> scales;
  bool json = false;
  csat_cli::data_args input;
};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) { out.push_back(cur); cur.clear(); }
    else cur += c;
  }
  out.push_back(cur);
  return out;
}

struct scale_spec {
  std::string name;
  std::vector<std::string> items;
};

scale_spec parse_scale(const std::string& arg) {
  const auto eq = arg.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == arg.size())
    throw CLI::ValidationError("--scale", "expected NAME=COL1,COL2,..., got '" + arg + "'");
  scale_spec s;
  s.name = arg.substr(0, eq);
  for (const auto& c : split(arg.substr(eq + 1), ',')) {
    const std::string t = csat::detail::trim(c);
    if (t.empty()) throw CLI::ValidationError("--scale", "empty column name in '" + arg + "'");
    s.items.push_back(t);
  }
  if (s.items.size() < 2)
    throw CLI::ValidationError("--scale", "scale '" + s.name + "' needs at least 2 columns, got '" + arg + "'");
  return s;
}

struct scale_outcome {
  scale_spec spec;
  csat::survey::missing_report<double> missing;
  csat::survey::reliability_result<double> rel;
};

void run(const describe_args& a) {
  std::vector<scale_spec> specs;
  for (const auto& s : a.scales) specs.push_back(parse_scale(s));

  csat::survey::csv_options opt;
  if (a.missing_given) opt.missing_tokens = split(a.missing, ',');
  opt.text_columns = a.text;
  csat::survey::data_table<double> t;
  csat_cli::data_read_info info;
  try {
    t = csat_cli::read_data(a.data, a.input, opt, info);
  } catch (const csat::parse_error& e) {
    if (e.message().find("is not a number") == std::string::npos) throw;
    throw csat::parse_error(e.source(), e.line(), e.column(), e.text(),
                            e.message() + " (a column of labels can be declared with --text)");
  }

  for (const auto& s : specs)
    for (const auto& c : s.items)
      if (!t.has(c)) {
        const bool is_text = std::find(t.text_names.begin(), t.text_names.end(), c) != t.text_names.end();
        throw csat_cli::input_error("--scale " + s.name + ": column \"" + c + "\" " +
                                    (is_text ? "is a text column" : "is not in " + t.source));
      }

  const auto code_warnings = csat_cli::suspect_missing_codes(t);
  for (const auto& w : code_warnings) std::cerr << "csat describe: warning: " << w << "\n";
  const auto st = csat::survey::describe(t);
  std::vector<scale_outcome> outcomes;
  for (const auto& s : specs) {
    scale_outcome o;
    o.spec = s;
    // alpha needs complete rows: listwise deletion on this scale's items, reported below
    auto cleaned = csat::survey::listwise_delete(t, s.items);
    o.missing = cleaned.report;
    try {
      o.rel = csat::survey::cronbach_alpha(cleaned.data, s.items);
    } catch (const std::exception& e) {
      throw csat_cli::input_error("--scale " + s.name + ": " + e.what());
    }
    outcomes.push_back(std::move(o));
  }

  // text columns: level counts in order of appearance
  std::vector<std::vector<std::pair<std::string, std::size_t>>> levels(t.text_names.size());
  for (std::size_t k = 0; k < t.text_names.size(); ++k) {
    std::map<std::string, std::size_t> pos;
    for (const auto& v : t.text[k]) {
      auto it = pos.find(v);
      if (it == pos.end()) { pos.emplace(v, levels[k].size()); levels[k].push_back({v, 1}); }
      else ++levels[k][it->second].second;
    }
  }

  using csat_cli::number;
  if (a.json) {
    nlohmann::json j;
    j["source"] = t.source;
    j["data_read"] = csat_cli::read_info_json(a.data, info, code_warnings);
    j["rows"] = t.rows();
    j["numeric_columns"] = t.cols();
    j["text_columns"] = t.text_names.size();
    Eigen::Index total_missing = 0;
    for (auto m : t.missing) total_missing += m;
    j["missing_cells"] = total_missing;
    j["columns"] = nlohmann::json::array();
    for (Eigen::Index c = 0; c < t.cols(); ++c)
      j["columns"].push_back({{"name", t.names[static_cast<std::size_t>(c)]}, {"n", st.n(c)}, {"missing", st.missing(c)},
                              {"mean", number(st.mean(c))}, {"sd", number(st.sd(c))}, {"min", number(st.min(c))},
                              {"max", number(st.max(c))}, {"skewness", number(st.skewness(c))},
                              {"excess_kurtosis", number(st.kurtosis(c))}});
    j["text"] = nlohmann::json::array();
    for (std::size_t k = 0; k < t.text_names.size(); ++k) {
      nlohmann::json lv = nlohmann::json::object();
      for (const auto& l : levels[k]) lv[l.first] = l.second;
      j["text"].push_back({{"name", t.text_names[k]}, {"levels", lv}});
    }
    j["scales"] = nlohmann::json::array();
    for (const auto& o : outcomes) {
      nlohmann::json items = nlohmann::json::array();
      for (std::size_t i = 0; i < o.spec.items.size(); ++i) {
        const auto ii = static_cast<Eigen::Index>(i);
        items.push_back({{"name", o.spec.items[i]},
                         {"item_total_correlation", number(o.rel.item_total_correlation(ii))},
                         {"alpha_if_deleted", number(o.rel.alpha_if_deleted(ii))},
                         {"alpha_standardized_if_deleted", number(o.rel.alpha_standardized_if_deleted(ii))}});
      }
      nlohmann::json excluded = nlohmann::json::array();
      for (const auto& e : o.missing.excluded) excluded.push_back(e.line);
      j["scales"].push_back({{"name", o.spec.name},
                             {"n", o.rel.n_observations},
                             {"excluded_lines", excluded},
                             {"alpha", number(o.rel.alpha)},
                             {"alpha_standardized", number(o.rel.alpha_standardized)},
                             {"mean_inter_item_correlation", number(o.rel.mean_inter_item_correlation)},
                             {"items", items}});
    }
    csat_cli::print_json(j);
    return;
  }

  auto& out = std::cout;
  Eigen::Index total_missing = 0;
  for (auto m : t.missing) total_missing += m;
  out << t.source << ": " << t.rows() << " rows, " << t.cols() << " numeric columns";
  if (!t.text_names.empty())
    out << ", " << t.text_names.size() << (t.text_names.size() == 1 ? " text column" : " text columns");
  out << ", " << total_missing << " missing values\n";
  out << "read as " << csat_cli::describe_read(a.data, info) << "\n\n";
  csat_cli::table tab({"column", "n", "missing", "mean", "sd", "min", "max", "skewness", "kurtosis"});
  for (Eigen::Index c = 0; c < t.cols(); ++c)
    tab.add({t.names[static_cast<std::size_t>(c)], std::to_string(st.n(c)), std::to_string(st.missing(c)),
             csat_cli::fixed(st.mean(c)), csat_cli::fixed(st.sd(c)), csat_cli::fixed(st.min(c), 2),
             csat_cli::fixed(st.max(c), 2), csat_cli::fixed(st.skewness(c)), csat_cli::fixed(st.kurtosis(c))});
  tab.print(out);
  out << "(sd with n-1; skewness and excess kurtosis are the sample-adjusted G1 and G2)\n";
  for (std::size_t k = 0; k < t.text_names.size(); ++k) {
    out << "\ntext column " << t.text_names[k] << ":";
    for (const auto& l : levels[k]) out << "  " << (l.first.empty() ? "(empty)" : l.first) << " " << l.second;
    out << '\n';
  }
  for (const auto& o : outcomes) {
    out << "\nscale " << o.spec.name << ": " << o.spec.items.size() << " items, " << o.rel.n_observations
        << " complete rows";
    if (!o.missing.excluded.empty()) out << " (" << o.missing.summary() << ")";
    out << "\n  Cronbach's alpha " << csat_cli::fixed(o.rel.alpha) << " (raw), "
        << csat_cli::fixed(o.rel.alpha_standardized) << " (standardized); mean inter-item r "
        << csat_cli::fixed(o.rel.mean_inter_item_correlation) << "\n";
    csat_cli::table it({"item", "item-total r", "alpha if deleted", "std. alpha if deleted"});
    for (std::size_t i = 0; i < o.spec.items.size(); ++i) {
      const auto ii = static_cast<Eigen::Index>(i);
      it.add({o.spec.items[i], csat_cli::fixed(o.rel.item_total_correlation(ii)),
              csat_cli::fixed(o.rel.alpha_if_deleted(ii)), csat_cli::fixed(o.rel.alpha_standardized_if_deleted(ii))});
    }
    it.print(out, "  ");
  }
}

const csat_cli::registrar register_describe(
    "describe", "Describe survey data: per-column statistics, missing values, Cronbach's alpha of scales",
    [](CLI::App& sub) {
      auto a = std::make_shared<describe_args>();
      sub.add_option("DATA", a->data,
                     "survey data: CSV (header line; delimiter , ; or tab; any encoding), .xlsx, .sav/.zsav/.por "
                     "(SPSS), .dta (Stata)")
          ->required();
      csat_cli::add_data_options(&sub, a->input);
      auto* m = sub.add_option("--missing", a->missing,
                               "comma-separated missing-value tokens, replacing the default ',NA,N/A,NaN,.' "
                               "(an empty item stands for an empty cell)");
      sub.add_option("--text", a->text, "columns holding text (segment, channel); comma-separated or repeated")
          ->delimiter(',');
      sub.add_option("--scale", a->scales,
                     "a multi-item scale NAME=COL1,COL2,... for Cronbach's alpha (repeatable); rows missing one "
                     "of its items are excluded for that scale and reported");
      sub.add_flag("--json", a->json, "print JSON instead of tables");
      sub.callback([a, m] {
        a->missing_given = m->count() > 0;
        run(*a);
      });
    },
    10);

}  // namespace
