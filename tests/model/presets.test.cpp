// Tests of csat/model/presets.hpp: the ACSI, ECSI and power-supply CSI structures.
#include <csat/model/presets.hpp>

#include <catch2/catch.hpp>

using csat::model::mode;

namespace {
bool has_path(const csat::model::specification& s, const std::string& f, const std::string& t) {
  for (const auto& p : s.structural_paths())
    if (p.from == f && p.to == t) return true;
  return false;
}
}  // namespace

TEST_CASE("ACSI preset has Fornell et al.'s six constructs and nine paths", "[model][presets]") {
  const auto s = csat::model::acsi({{"e1", "e2"}, {"q1", "q2"}, {"v1", "v2"}, {"s1", "s2", "s3"}, {"c1"}, {"l1", "l2"}});
  CHECK_NOTHROW(s.validate());
  CHECK(s.construct_names() ==
        std::vector<std::string>{"Expectation", "Quality", "Value", "Satisfaction", "Complaints", "Loyalty"});
  CHECK(s.structural_paths().size() == 9);
  CHECK(has_path(s, "Expectation", "Satisfaction"));
  CHECK(has_path(s, "Complaints", "Loyalty"));
  CHECK_FALSE(has_path(s, "Expectation", "Loyalty"));
  CHECK(s.at("Complaints").mode == mode::single_item);
  CHECK(s.at("Satisfaction").mode == mode::A);
}

TEST_CASE("ECSI and power-supply CSI presets", "[model][presets]") {
  const auto e = csat::model::ecsi(csat::model::mobi_indicators());
  CHECK_NOTHROW(e.validate());
  CHECK(e.size() == 7);
  CHECK(e.structural_paths().size() == 12);
  CHECK(has_path(e, "Image", "Loyalty"));
  CHECK(e.indicators().size() == 24);
  const auto p = csat::model::power_csi(csat::model::mobi_indicators());
  CHECK_NOTHROW(p.validate());
  CHECK(p.structural_paths().size() == 13);
  CHECK(has_path(p, "Image", "Value"));
  // a missing block is caught by validation
  auto items = csat::model::mobi_indicators();
  items.value.clear();
  CHECK_THROWS_WITH(csat::model::ecsi(items).validate(), Catch::Matchers::Contains("\"Value\" has an empty block"));
}
