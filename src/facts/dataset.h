// The analytic snapshot: every current record the risk engine, statistics and
// follow-up read, loaded once from the store into compact columns (no case text).
// Codes are indices into the built-in code lists; dates are days since 1970-01-01.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/store.h"

namespace vaksam::facts {

using Day = int32_t;
inline constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
inline constexpr Day kNoDay = std::numeric_limits<Day>::min();
inline constexpr uint8_t kNoCode = 0xFF;

Day to_day(std::string_view iso);  // kNoDay for "" or an invalid date
std::string day_iso(Day day);      // "" for kNoDay
int year_of(Day day);
int month_index(Day day);  // year*12 + month-1: a running month number

struct Principal {
  std::string id, type, name, kommunkod, region_code;
};

struct Unit {
  std::string id, name, unit_type;
  uint32_t principal = kNone;
  std::string kommunkod, region_code;  // region_code from the municipality
  int64_t capacity = -1;               // -1: not given
  Day opened = kNoDay, closed = kNoDay;
};

// Cases, one column per field; row i is one case.
struct Cases {
  std::vector<std::string> id;
  std::vector<uint8_t> kind;        // index into CodeList "case_kinds"
  std::vector<Day> received;
  std::vector<uint32_t> unit;       // index into Dataset::units, or kNone
  std::vector<uint32_t> principal;  // index into Dataset::principals, or kNone
  std::vector<uint64_t> subject;    // hash of the pseudonym; 0 if none
  std::vector<uint8_t> sex;         // index into "sexes", or kNoCode
  std::vector<uint8_t> age_band;    // index into "age_bands", or kNoCode
  std::vector<uint32_t> vulnerabilities;  // bit i: code i of "vulnerabilities"
  // Screening (if screened): flags, severity (0 none .. 3 high), category bits, score.
  std::vector<uint8_t> screen_flags;
  std::vector<uint8_t> severity;
  std::vector<uint32_t> categories;  // screen::Category bits
  std::vector<float> score;

  static constexpr uint8_t kScreened = 1, kViolence = 2, kHandlingDeficiency = 4;
  size_t size() const { return id.size(); }
  bool violence(size_t i) const { return screen_flags[i] & kViolence; }
};

struct Inspection {
  std::string id;
  uint8_t type = kNoCode;  // "inspection_types"
  uint32_t unit = kNone, principal = kNone;
  Day started = kNoDay, decided = kNoDay;
  uint8_t outcome = kNoCode;  // "inspection_outcomes"
};

struct Deficiency {
  std::string id;
  uint32_t inspection = kNone;
  uint8_t category = kNoCode;  // "deficiency_categories"
  std::string legal_basis, required_action;
  Day deadline = kNoDay;
  uint8_t status = kNoCode;  // "deficiency_statuses"
  Day status_date = kNoDay;
  std::vector<store::StatusChange> history;  // by date
};

struct IndicatorValue {
  std::string indicator_id, area_code, period;
  double value = 0;
  double denominator = -1;  // -1: not given
  std::string source;
};

struct Dataset {
  std::vector<Principal> principals;
  std::vector<Unit> units;
  Cases cases;
  std::vector<Inspection> inspections;
  std::vector<Deficiency> deficiencies;
  std::vector<IndicatorValue> indicator_values;
  Day first_case = kNoDay, last_case = kNoDay;  // range of received dates

  std::unordered_map<std::string, uint32_t> unit_index, principal_index, case_index;

  uint32_t unit_of(std::string_view id) const;       // kNone if unknown
  uint32_t principal_of(std::string_view id) const;  // kNone if unknown
};

// Reads every current record (and screening summary) from the store.
Dataset load_dataset(store::Store& store);

// Index of `code` in the built-in list `list`, or kNoCode.
uint8_t code_index(std::string_view list, std::string_view code);
const std::string& code_at(std::string_view list, uint8_t index);

}  // namespace vaksam::facts
