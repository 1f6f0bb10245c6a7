#include "screen/categories.h"

#include <array>

namespace vaksam::screen {
namespace {

constexpr std::array<std::string_view, kCategoryCount> kCategoryNames = {
    "physical",          "sexual",      "psychological", "economic", "honour_related", "forced_marriage",
    "fgm",               "neglect",     "child_victim",  "child_witness", "staff_perpetrator",
    "co_resident",       "partner",     "family",        "elder_abuse",   "lethal_risk"};

constexpr std::array<std::string_view, kRiskMarkerCount> kMarkerNames = {
    "strangulation", "threat_to_kill", "weapon", "stalking", "separation", "escalation", "pregnancy",
    "child_present"};

constexpr std::array<std::string_view, 5> kExposedNames = {"woman", "person_with_disability", "hbtqi_person",
                                                           "elderly_person", "child"};

constexpr std::array<std::string_view, 10> kContextNames = {
    "negated", "pseudo", "possible", "denied", "alleged", "historical", "hypothetical", "generic", "question",
    "terminator"};

template <size_t N>
std::optional<uint32_t> bit_from(const std::array<std::string_view, N>& names, std::string_view name) {
  for (size_t i = 0; i < N; ++i)
    if (names[i] == name) return 1u << i;
  return std::nullopt;
}

template <size_t N>
std::vector<std::string> names_of(const std::array<std::string_view, N>& names, uint32_t bits) {
  std::vector<std::string> out;
  for (size_t i = 0; i < N; ++i)
    if (bits & (1u << i)) out.emplace_back(names[i]);
  return out;
}

}  // namespace

std::string_view category_name(int i) { return kCategoryNames.at(i); }
std::optional<uint32_t> category_from_name(std::string_view n) { return bit_from(kCategoryNames, n); }
std::vector<std::string> category_names(uint32_t bits) { return names_of(kCategoryNames, bits); }

std::string_view risk_marker_name(int i) { return kMarkerNames.at(i); }
std::optional<uint32_t> risk_marker_from_name(std::string_view n) { return bit_from(kMarkerNames, n); }
std::vector<std::string> risk_marker_names(uint32_t bits) { return names_of(kMarkerNames, bits); }

std::vector<std::string> exposed_role_names(uint32_t bits) { return names_of(kExposedNames, bits); }
std::optional<uint32_t> exposed_role_from_name(std::string_view n) { return bit_from(kExposedNames, n); }

std::string_view context_type_name(ContextType t) { return kContextNames.at(static_cast<size_t>(t)); }

std::optional<ContextType> context_type_from_name(std::string_view name) {
  for (size_t i = 0; i < kContextNames.size(); ++i)
    if (kContextNames[i] == name) return static_cast<ContextType>(i);
  return std::nullopt;
}

bool context_keeps_signal(ContextType t) {
  switch (t) {
    case ContextType::kNegated:
    case ContextType::kHypothetical:
    case ContextType::kGeneric:
    case ContextType::kQuestion:
      return false;
    default:
      return true;
  }
}

}  // namespace vaksam::screen
