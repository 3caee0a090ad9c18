#ifndef CSAT_MODEL_PRESETS_HPP
#define CSAT_MODEL_PRESETS_HPP

/// \file
/// The structural models of the customer-satisfaction indices, with indicator names supplied by the user.
///
/// - acsi(): American Customer Satisfaction Index (Fornell, Johnson, Anderson, Cha & Bryant 1996, "The American
///   Customer Satisfaction Index: nature, purpose, and findings", Journal of Marketing 60(4)): Expectation,
///   Quality, Value, Satisfaction, Complaints, Loyalty; nine paths.
/// - ecsi(): European Customer Satisfaction Index (ECSI Technical Committee 1998; Tenenhaus, Esposito Vinzi,
///   Chatelin & Lauro 2005, Computational Statistics & Data Analysis 48) as estimated on the mobi data:
///   Image added as an exogenous driver of Expectation, Satisfaction and Loyalty; twelve paths.
/// - power_csi(): the power-supply customer-satisfaction model: image, expectation, perceived quality,
///   perceived value, satisfaction, complaints, loyalty, with the ECSI structure plus Image -> Value.
///
/// - power_csi_hierarchy(): the power-industry 4-level indicator system (index → six structural variables →
///   sub-indicators → questionnaire items) as a model with higher-order constructs, filled with the caller's
///   sub-indicator and item names.
///
/// Every construct is Mode A (a block of one indicator becomes a single item) unless the caller overrides
/// the mode afterwards by building the model by hand. The construct names are fixed (see docs/model.md).

#include <csat/model/specification.hpp>

#include <csat/core/error.hpp>

#include <string>
#include <utility>
#include <vector>

namespace csat {
namespace model {

/// Indicator names of the ACSI constructs.
struct acsi_indicators {
  std::vector<std::string> expectation, quality, value, satisfaction, complaints, loyalty;
};

/// Indicator names of the ECSI and power-supply CSI constructs.
struct ecsi_indicators {
  std::vector<std::string> image, expectation, quality, value, satisfaction, complaints, loyalty;
};

/// Adds a Mode A block, or a single item when the block has one indicator (used by the presets).
inline void add_preset_block(specification& s, const char* name, const std::vector<std::string>& items) {
  s.add_construct(name, items, items.size() == 1 ? mode::single_item : mode::A);
}

/// ACSI (Fornell et al. 1996): Expectation -> Quality, Value, Satisfaction; Quality -> Value, Satisfaction;
/// Value -> Satisfaction; Satisfaction -> Complaints, Loyalty; Complaints -> Loyalty.
inline specification acsi(const acsi_indicators& items) {
  specification s;
  add_preset_block(s, "Expectation", items.expectation);
  add_preset_block(s, "Quality", items.quality);
  add_preset_block(s, "Value", items.value);
  add_preset_block(s, "Satisfaction", items.satisfaction);
  add_preset_block(s, "Complaints", items.complaints);
  add_preset_block(s, "Loyalty", items.loyalty);
  s.path("Expectation", "Quality").path("Expectation", "Value").path("Expectation", "Satisfaction");
  s.path("Quality", "Value").path("Quality", "Satisfaction");
  s.path("Value", "Satisfaction");
  s.path("Satisfaction", "Complaints").path("Satisfaction", "Loyalty");
  s.path("Complaints", "Loyalty");
  return s;
}

/// ECSI as in seminr's mobi demonstration (the reference model of csat's tests): the ACSI paths plus
/// Image -> Expectation, Satisfaction, Loyalty.
inline specification ecsi(const ecsi_indicators& items) {
  specification s;
  add_preset_block(s, "Image", items.image);
  add_preset_block(s, "Expectation", items.expectation);
  add_preset_block(s, "Quality", items.quality);
  add_preset_block(s, "Value", items.value);
  add_preset_block(s, "Satisfaction", items.satisfaction);
  add_preset_block(s, "Complaints", items.complaints);
  add_preset_block(s, "Loyalty", items.loyalty);
  s.path("Image", "Expectation").path("Image", "Satisfaction").path("Image", "Loyalty");
  s.path("Expectation", "Quality").path("Expectation", "Value").path("Expectation", "Satisfaction");
  s.path("Quality", "Value").path("Quality", "Satisfaction");
  s.path("Value", "Satisfaction");
  s.path("Satisfaction", "Complaints").path("Satisfaction", "Loyalty");
  s.path("Complaints", "Loyalty");
  return s;
}

/// The power-supply CSI model: the ECSI structure with the corporate image of the utility also driving
/// perceived value (Image -> Value), thirteen paths.
inline specification power_csi(const ecsi_indicators& items) {
  specification s = ecsi(items);
  s.path("Image", "Value");
  return s;
}

/// The mobi data set's indicator names for ecsi() / power_csi() (IMAG1-5, CUEX1-3, PERQ1-7, PERV1-2, CUSA1-3,
/// CUSCO, CUSL1-3).
inline ecsi_indicators mobi_indicators() {
  return {{"IMAG1", "IMAG2", "IMAG3", "IMAG4", "IMAG5"},
          {"CUEX1", "CUEX2", "CUEX3"},
          {"PERQ1", "PERQ2", "PERQ3", "PERQ4", "PERQ5", "PERQ6", "PERQ7"},
          {"PERV1", "PERV2"},
          {"CUSA1", "CUSA2", "CUSA3"},
          {"CUSCO"},
          {"CUSL1", "CUSL2", "CUSL3"}};
}

/// One sub-indicator (third level of the power-industry indicator system): a lower-order construct measured by
/// questionnaire items (fourth level).
struct sub_indicator {
  std::string name;                 ///< construct name, e.g. "Reliability" or "供电可靠性"
  std::vector<std::string> items;   ///< data columns
};

/// The power-industry 4-level indicator system, level by level:
///   1. the index: the 0–100 customer-satisfaction index, reported as the index of the construct named by `index`
///      (csat::pls::construct_indices on the estimated model; by default Satisfaction);
///   2. six structural variables: Image, Expectation, Quality, Value, Satisfaction, Loyalty;
///   3. sub-indicators: the lower-order constructs of each structural variable;
///   4. items: the questionnaire columns of each sub-indicator.
/// A structural variable with two or more sub-indicators becomes a higher-order construct formed from them; with
/// exactly one, it is measured directly by that sub-indicator's items (the sub-indicator's name is then unused).
struct power_csi_levels {
  std::vector<sub_indicator> image, expectation, quality, value, satisfaction, loyalty;
  std::string index = "Satisfaction";  ///< the structural variable whose 0–100 score is the index (level 1)
  model::mode higher_order_mode = model::mode::A;  ///< how each structural variable is formed from its sub-indicators
};

/// The power-industry 4-level template as a PLS model with higher-order constructs: the six structural variables
/// with the paths of power_csi() that do not involve Complaints (Image -> Expectation, Value, Satisfaction,
/// Loyalty; Expectation -> Quality, Value, Satisfaction; Quality -> Value, Satisfaction; Value -> Satisfaction;
/// Satisfaction -> Loyalty), each structural variable formed from its sub-indicators. Estimate it with
/// csat::pls::estimate_higher_order(). Throws csat::invalid_argument naming a structural variable without
/// sub-indicators, a sub-indicator without items, or a sub-indicator named like a structural variable.
inline specification power_csi_hierarchy(const power_csi_levels& levels) {
  const char* fn = "csat::model::power_csi_hierarchy";
  const std::pair<const char*, const std::vector<sub_indicator>*> vars[] = {
      {"Image", &levels.image},   {"Expectation", &levels.expectation},   {"Quality", &levels.quality},
      {"Value", &levels.value},   {"Satisfaction", &levels.satisfaction}, {"Loyalty", &levels.loyalty}};
  bool index_known = false;
  for (const auto& v : vars) index_known = index_known || levels.index == v.first;
  if (!index_known)
    csat::detail::throw_invalid_argument(fn, "index construct " + csat::detail::quoted(levels.index) +
                                                 " is not one of the six structural variables");
  specification s;
  for (const auto& v : vars) {
    const auto& subs = *v.second;
    if (subs.empty())
      csat::detail::throw_invalid_argument(fn, std::string("structural variable ") + csat::detail::quoted(v.first) +
                                                   " has no sub-indicator");
    for (const auto& sub : subs) {
      if (sub.items.empty())
        csat::detail::throw_invalid_argument(fn, "sub-indicator " + csat::detail::quoted(sub.name) + " of " +
                                                     csat::detail::quoted(v.first) + " has no item");
      if (subs.size() > 1)
        for (const auto& w : vars)
          if (sub.name == w.first)
            csat::detail::throw_invalid_argument(fn, "sub-indicator " + csat::detail::quoted(sub.name) + " of " +
                                                         csat::detail::quoted(v.first) +
                                                         " has the name of a structural variable");
    }
    if (subs.size() == 1) {
      add_preset_block(s, v.first, subs[0].items);
      continue;
    }
    std::vector<std::string> dims;
    for (const auto& sub : subs) {
      add_preset_block(s, sub.name.c_str(), sub.items);
      dims.push_back(sub.name);
    }
    s.higher_order(v.first, dims, levels.higher_order_mode);
  }
  s.path("Image", "Expectation").path("Image", "Value").path("Image", "Satisfaction").path("Image", "Loyalty");
  s.path("Expectation", "Quality").path("Expectation", "Value").path("Expectation", "Satisfaction");
  s.path("Quality", "Value").path("Quality", "Satisfaction");
  s.path("Value", "Satisfaction");
  s.path("Satisfaction", "Loyalty");
  return s;
}

}  // namespace model
}  // namespace csat

#endif
