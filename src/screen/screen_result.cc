#include "screen/screen_result.h"

#include <nlohmann/json.hpp>

namespace vaksam::screen {

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::kNone: return "none";
    case Severity::kLow: return "low";
    case Severity::kModerate: return "moderate";
    case Severity::kHigh: return "high";
  }
  return "none";
}

std::string ScreenResult::to_json() const {
  nlohmann::json j;
  j["violence"] = violence;
  j["score"] = score;
  j["categories"] = category_names();
  j["lethal_risk_markers"] = risk_marker_names(markers);
  j["exposed"] = exposed_role_names(exposed);
  j["severity"] = std::string(severity_name(severity));
  j["negated"] = negated;
  j["historical"] = historical;
  j["hypothetical"] = hypothetical;
  j["alleged"] = alleged;
  j["handling_deficiency"] = handling_deficiency;
  j["lexicon_version"] = lexicon_version;
  j["evidence"] = nlohmann::json::array();
  for (const auto& e : evidence) {
    j["evidence"].push_back({{"begin", e.begin},
                             {"end", e.end},
                             {"text", e.text},
                             {"entry", e.entry_id},
                             {"compound_part", e.compound_part},
                             {"rules", e.rules},
                             {"contexts", e.contexts},
                             {"categories", screen::category_names(e.categories)},
                             {"counted", e.counted}});
  }
  j["deficiencies"] = nlohmann::json::array();
  for (const auto& d : deficiencies)
    j["deficiencies"].push_back({{"begin", d.begin}, {"end", d.end}, {"text", d.text}, {"rule", d.rule_id}});
  if (invalid_utf8) {
    j["invalid_utf8"] = invalid_utf8;
    j["invalid_utf8_offsets"] = invalid_utf8_offsets;
  }
  // Spans are cut on code point boundaries of the repaired text; replace anything ill-formed.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace vaksam::screen
