#include "facts/dataset.h"

#include <xxhash.h>

#include <algorithm>

#include "common/date.h"
#include "model/entity.h"
#include "reference/code_list.h"
#include "reference/geography.h"
#include "screen/categories.h"

namespace vaksam::facts {

namespace {

using model::Value;

std::string text(const Value& v) { return model::is_null(v) ? std::string() : model::to_text(v); }

// Reads `fields` of every record of `entity`.
template <typename Visit>
void read(store::Store& store, model::EntityKind kind, std::initializer_list<std::string_view> fields,
          Visit visit) {
  std::vector<std::string_view> names(fields);
  store.for_each_record(model::entity(kind), names, [&](std::span<const Value> row) { visit(row); });
}

uint8_t severity_index(std::string_view name) {
  if (name == "low") return 1;
  if (name == "moderate") return 2;
  if (name == "high") return 3;
  return 0;
}

uint32_t bits_of(std::string_view list, std::string_view joined) {
  uint32_t bits = 0;
  size_t start = 0;
  while (start <= joined.size()) {
    size_t end = joined.find('|', start);
    if (end == std::string_view::npos) end = joined.size();
    auto part = joined.substr(start, end - start);
    if (!part.empty()) {
      uint8_t i = code_index(list, part);
      if (i != kNoCode) bits |= 1u << i;
    }
    start = end + 1;
  }
  return bits;
}

uint32_t category_bits(std::string_view joined) {
  uint32_t bits = 0;
  size_t start = 0;
  while (start <= joined.size()) {
    size_t end = joined.find('|', start);
    if (end == std::string_view::npos) end = joined.size();
    if (auto b = screen::category_from_name(joined.substr(start, end - start))) bits |= *b;
    start = end + 1;
  }
  return bits;
}

}  // namespace

Day to_day(std::string_view iso) {
  auto d = parse_iso_date(iso);
  return d ? static_cast<Day>(d->days_since_epoch()) : kNoDay;
}

std::string day_iso(Day day) { return day == kNoDay ? "" : Date::from_days_since_epoch(day).iso(); }

int year_of(Day day) { return Date::from_days_since_epoch(day).year; }

int month_index(Day day) {
  auto d = Date::from_days_since_epoch(day);
  return d.year * 12 + d.month - 1;
}

uint8_t code_index(std::string_view list, std::string_view code) {
  const auto& codes = reference::CodeList::builtin(list).codes();
  for (size_t i = 0; i < codes.size(); ++i)
    if (codes[i].code == code) return static_cast<uint8_t>(i);
  return kNoCode;
}

const std::string& code_at(std::string_view list, uint8_t index) {
  static const std::string empty;
  const auto& codes = reference::CodeList::builtin(list).codes();
  return index < codes.size() ? codes[index].code : empty;
}

uint32_t Dataset::unit_of(std::string_view id) const {
  auto it = unit_index.find(std::string(id));
  return it == unit_index.end() ? kNone : it->second;
}

uint32_t Dataset::principal_of(std::string_view id) const {
  auto it = principal_index.find(std::string(id));
  return it == principal_index.end() ? kNone : it->second;
}

Dataset load_dataset(store::Store& store) {
  using K = model::EntityKind;
  Dataset d;
  const auto& geo = reference::Geography::builtin();

  read(store, K::principal, {"principal_id", "principal_type", "name", "kommunkod", "region_code"},
       [&](auto row) {
         d.principal_index.emplace(text(row[0]), static_cast<uint32_t>(d.principals.size()));
         d.principals.push_back({text(row[0]), text(row[1]), text(row[2]), text(row[3]), text(row[4])});
       });

  read(store, K::unit,
       {"unit_id", "name", "unit_type", "principal_id", "kommunkod", "capacity", "opened_date", "closed_date"},
       [&](auto row) {
         Unit u{text(row[0]), text(row[1]), text(row[2]), d.principal_of(text(row[3])), text(row[4])};
         if (const auto* m = geo.municipality(u.kommunkod)) u.region_code = m->region_code;
         if (const auto* c = std::get_if<int64_t>(&row[5])) u.capacity = *c;
         u.opened = to_day(text(row[6]));
         u.closed = to_day(text(row[7]));
         d.unit_index.emplace(u.id, static_cast<uint32_t>(d.units.size()));
         d.units.push_back(std::move(u));
       });

  auto& c = d.cases;
  read(store, K::case_record,
       {"case_id", "case_kind", "received_date", "unit_id", "principal_id", "subject_pseudonym", "subject_sex",
        "subject_age_band", "vulnerabilities"},
       [&](auto row) {
         d.case_index.emplace(text(row[0]), static_cast<uint32_t>(c.id.size()));
         c.id.push_back(text(row[0]));
         c.kind.push_back(code_index("case_kinds", text(row[1])));
         Day day = to_day(text(row[2]));
         c.received.push_back(day);
         uint32_t unit = d.unit_of(text(row[3]));
         c.unit.push_back(unit);
         uint32_t principal = d.principal_of(text(row[4]));
         if (principal == kNone && unit != kNone) principal = d.units[unit].principal;
         c.principal.push_back(principal);
         auto pseudonym = text(row[5]);
         c.subject.push_back(pseudonym.empty() ? 0 : XXH3_64bits(pseudonym.data(), pseudonym.size()) | 1);
         c.sex.push_back(code_index("sexes", text(row[6])));
         c.age_band.push_back(code_index("age_bands", text(row[7])));
         c.vulnerabilities.push_back(bits_of("vulnerabilities", text(row[8])));
         if (day != kNoDay) {
           if (d.first_case == kNoDay || day < d.first_case) d.first_case = day;
           if (d.last_case == kNoDay || day > d.last_case) d.last_case = day;
         }
       });
  const size_t n = c.id.size();
  c.screen_flags.assign(n, 0);
  c.severity.assign(n, 0);
  c.categories.assign(n, 0);
  c.score.assign(n, 0.0f);
  store.for_each_screening([&](const store::ScreeningSummary& s) {
    auto it = d.case_index.find(s.case_id);
    if (it == d.case_index.end()) return;
    size_t i = it->second;
    c.screen_flags[i] = Cases::kScreened | (s.violence ? Cases::kViolence : 0) |
                        (s.handling_deficiency ? Cases::kHandlingDeficiency : 0);
    c.severity[i] = severity_index(s.severity);
    c.categories[i] = category_bits(s.categories);
    c.score[i] = static_cast<float>(s.score);
  });

  std::unordered_map<std::string, uint32_t> inspection_index;
  read(store, K::inspection,
       {"inspection_id", "inspection_type", "unit_id", "principal_id", "started_date", "decision_date", "outcome"},
       [&](auto row) {
         Inspection x{text(row[0]), code_index("inspection_types", text(row[1])), d.unit_of(text(row[2])),
                      d.principal_of(text(row[3]))};
         if (x.principal == kNone && x.unit != kNone) x.principal = d.units[x.unit].principal;
         x.started = to_day(text(row[4]));
         x.decided = to_day(text(row[5]));
         x.outcome = code_index("inspection_outcomes", text(row[6]));
         inspection_index.emplace(x.id, static_cast<uint32_t>(d.inspections.size()));
         d.inspections.push_back(std::move(x));
       });

  std::unordered_map<std::string, uint32_t> deficiency_index;
  read(store, K::deficiency,
       {"deficiency_id", "inspection_id", "category", "legal_basis", "required_action", "deadline", "status",
        "status_date"},
       [&](auto row) {
         Deficiency x{text(row[0])};
         auto it = inspection_index.find(text(row[1]));
         x.inspection = it == inspection_index.end() ? kNone : it->second;
         x.category = code_index("deficiency_categories", text(row[2]));
         x.legal_basis = text(row[3]);
         x.required_action = text(row[4]);
         x.deadline = to_day(text(row[5]));
         x.status = code_index("deficiency_statuses", text(row[6]));
         x.status_date = to_day(text(row[7]));
         deficiency_index.emplace(x.id, static_cast<uint32_t>(d.deficiencies.size()));
         d.deficiencies.push_back(std::move(x));
       });
  for (auto& change : store.status_history()) {
    auto it = deficiency_index.find(change.deficiency_id);
    if (it != deficiency_index.end()) d.deficiencies[it->second].history.push_back(std::move(change));
  }

  read(store, K::indicator_value, {"indicator_id", "area_code", "period", "value", "denominator", "source"},
       [&](auto row) {
         IndicatorValue v{text(row[0]), text(row[1]), text(row[2])};
         if (const auto* x = std::get_if<double>(&row[3])) v.value = *x;
         else if (const auto* i = std::get_if<int64_t>(&row[3])) v.value = static_cast<double>(*i);
         if (const auto* x = std::get_if<double>(&row[4])) v.denominator = *x;
         else if (const auto* i = std::get_if<int64_t>(&row[4])) v.denominator = static_cast<double>(*i);
         v.source = text(row[5]);
         d.indicator_values.push_back(std::move(v));
       });
  return d;
}

}  // namespace vaksam::facts
