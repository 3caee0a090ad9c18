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
/// Every construct is Mode A (a block of one indicator becomes a single item) unless the caller overrides
/// the mode afterwards by building the model by hand. The construct names are fixed (see docs/model.md).

#include <csat/model/specification.hpp>

#include <string>
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

}  // namespace model
}  // namespace csat

#endif
