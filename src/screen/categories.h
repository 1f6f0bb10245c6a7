// The screening vocabulary: categories (the dev set's names), risk markers and context types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vaksam::screen {

// Violence categories as bits. The order is the dev set's fixed order.
enum Category : uint32_t {
  kPhysical = 1u << 0,
  kSexual = 1u << 1,
  kPsychological = 1u << 2,
  kEconomic = 1u << 3,
  kHonourRelated = 1u << 4,
  kForcedMarriage = 1u << 5,
  kFgm = 1u << 6,
  kNeglect = 1u << 7,
  kChildVictim = 1u << 8,
  kChildWitness = 1u << 9,
  kStaffPerpetrator = 1u << 10,
  kCoResident = 1u << 11,
  kPartner = 1u << 12,
  kFamily = 1u << 13,
  kElderAbuse = 1u << 14,
  kLethalRisk = 1u << 15,
};
inline constexpr int kCategoryCount = 16;
inline constexpr uint32_t kFormCategories =
    kPhysical | kSexual | kPsychological | kEconomic | kHonourRelated | kForcedMarriage | kFgm | kNeglect;
inline constexpr uint32_t kPerpetratorCategories = kStaffPerpetrator | kCoResident | kPartner | kFamily;

// Dev-set name of the category with bit index i ("physical", ..., "lethal_risk").
std::string_view category_name(int i);
std::optional<uint32_t> category_from_name(std::string_view name);
// Names of the set bits, in the fixed order.
std::vector<std::string> category_names(uint32_t bits);

// Lethal-risk markers (FREDA/PATRIARK/SARA/DASH). The first five make `lethal_risk`;
// separation counts only together with escalation; the rest are reported, not scored.
enum RiskMarker : uint32_t {
  kStrangulation = 1u << 0,
  kThreatToKill = 1u << 1,
  kWeapon = 1u << 2,
  kStalking = 1u << 3,
  kSeparation = 1u << 4,
  kEscalation = 1u << 5,
  kPregnancy = 1u << 6,
  kChildPresent = 1u << 7,
};
inline constexpr int kRiskMarkerCount = 8;
std::string_view risk_marker_name(int i);
std::optional<uint32_t> risk_marker_from_name(std::string_view name);
std::vector<std::string> risk_marker_names(uint32_t bits);

// Who is exposed, beyond the categories: reported, not evaluated.
enum ExposedRole : uint32_t {
  kWoman = 1u << 0,
  kPersonWithDisability = 1u << 1,
  kHbtqiPerson = 1u << 2,
  kElderlyPerson = 1u << 3,
  kChild = 1u << 4,
};
std::vector<std::string> exposed_role_names(uint32_t bits);
std::optional<uint32_t> exposed_role_from_name(std::string_view name);

// What a context rule says about a violence mention in its scope (NegEx/ConText).
enum class ContextType : uint8_t {
  kNegated,       // an examiner or the person found nothing, or it was ruled out: suppresses
  kPseudo,        // looks like a cue but is not one ("inte bara"): cancels cues it overlaps
  kPossible,      // "kan inte uteslutas": a pseudo-negation that leaves the mention possible
  kDenied,        // the accused denies ("förnekar", "nekar till"): the allegation still counts
  kAlleged,       // uncertainty and reported speech ("misstänkt", "ska ha", "uppges"): counts
  kHistorical,    // a closed past ("som barn", "för tio år sedan", "inte längre"): counts
  kHypothetical,  // routines, plans, conditions ("rutin för", "vid misstanke om", "om"): suppresses
  kGeneric,       // a population, not an identified person ("många kvinnor"): suppresses
  kQuestion,      // asked, not stated ("frågade om"): suppresses
  kTerminator,    // ends the scope of other cues ("men", "dock", "däremot")
};
std::string_view context_type_name(ContextType t);
std::optional<ContextType> context_type_from_name(std::string_view name);
// True if a mention under this context still signals violence.
bool context_keeps_signal(ContextType t);

}  // namespace vaksam::screen
