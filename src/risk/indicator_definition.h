// Risk indicators as data: one JSON definition per indicator (data/indicators/*.indicator.json,
// compiled in; a folder of them can replace the built-in set). The definition says what is
// counted, against what, at which level, and which way is worse. See docs/risk-model.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vaksam::risk {

enum class Level { unit, principal, municipality, region };
enum class DataType { ratio, proportion, count, external };
enum class Direction { higher_is_worse, lower_is_worse, ambiguous };
enum class Source { cases, deficiencies, external };

// Which cases (or deficiencies) count. Empty lists mean "any".
struct CaseFilter {
  std::vector<uint8_t> kinds;       // indices into the case_kinds code list
  int violence = -1;                // -1 any, 0 not screened as violence, 1 screened as violence
  uint32_t categories_any = 0;      // screen::Category bits: at least one of them
  int min_severity = 0;             // 0 none .. 3 high
  bool handling_deficiency = false; // the text describes a failure in handling
};

// recurring: a finding in a category the principal was found deficient in at an earlier
// inspection, made within the indicator's period (docs/followup.md).
enum class DeficiencyFilter { open, overdue, all, recurring };

enum class Denominator {
  expected,    // indirect standardisation over unit type and size band
  population,  // residents of the area (municipality or region)
  cases,       // proportion: cases of the unit matching `base`
  none,        // a count signal: no comparison, saturating contribution
};

struct IndicatorDef {
  std::string id, name_sv, name_en, description_en;
  Level level = Level::unit;
  Source source = Source::cases;
  CaseFilter numerator;
  CaseFilter base;                  // for proportions: the cases the share is of
  DeficiencyFilter deficiencies = DeficiencyFilter::overdue;
  std::string external_id;          // Source::external: the imported indicator_id
  Denominator denominator = Denominator::expected;
  DataType type = DataType::ratio;
  Direction direction = Direction::higher_is_worse;
  std::string paired_with;          // ambiguous indicators: the harm indicator shown beside
  int period_months = 12;           // the window counted, before decay
  double weight = 1;                // in the composite priority; ambiguous ones have 0
  double threshold = 1.5;           // ratio: relative risk that counts as excess; proportion:
                                    // multiple of the national share; count: scale of saturation
  bool alarm = false;               // monitored month by month for early warning
  std::vector<std::string> unit_types;  // area indicators: the unit types they bear on ("" all)
};

// Parses one definition; throws vaksam::Error naming `origin` and the field at fault.
IndicatorDef parse_indicator(std::string_view json, std::string_view origin);

// The built-in definitions, sorted by id.
const std::vector<IndicatorDef>& builtin_indicators();
// Every *.indicator.json in `dir`, sorted by id; throws if none or one is invalid.
std::vector<IndicatorDef> load_indicators(const std::string& dir);

// Refuses a set that cannot be used: duplicate ids, a pair that points nowhere, weights
// that let one indicator dominate (more than `max_share` of the total weight).
void validate_indicators(const std::vector<IndicatorDef>& defs, double max_share);

std::string_view level_name(Level level);
Level level_from_name(std::string_view name);  // throws for an unknown level
std::string_view direction_name(Direction d);

}  // namespace vaksam::risk
