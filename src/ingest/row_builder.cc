#include "ingest/row_builder.h"

#include <algorithm>

#include "common/text.h"
#include "ingest/field_parser.h"
#include "privacy/identity_number.h"

namespace vaksam::ingest {

namespace {

using model::FieldType;
using model::Value;

const std::string* text_of(const Value& v) { return std::get_if<std::string>(&v); }

}  // namespace

std::string age_band_for(int age) {
  if (age <= 5) return "0-5";
  if (age <= 12) return "6-12";
  if (age <= 17) return "13-17";
  if (age <= 24) return "18-24";
  if (age <= 44) return "25-44";
  if (age <= 64) return "45-64";
  if (age <= 79) return "65-79";
  return "80+";
}

RowBuilder::RowBuilder(const model::EntitySpec& spec, const privacy::Pseudonymizer& pseudonymizer,
                       ReferenceResolver& references, Date today)
    : spec_(spec), pseudonymizer_(pseudonymizer), references_(references), today_(today) {
  int next = 0;
  for (const auto& f : spec_.fields) stored_index_.push_back(f.in_store() ? next++ : -1);
}

size_t RowBuilder::stored_index(std::string_view field) const {
  auto i = spec_.field_index(field);
  return i && stored_index_[*i] >= 0 ? static_cast<size_t>(stored_index_[*i]) : SIZE_MAX;
}

BuiltRow RowBuilder::build(const std::vector<std::optional<std::string_view>>& raw) {
  BuiltRow row;
  row.values.resize(static_cast<size_t>(std::count_if(stored_index_.begin(), stored_index_.end(),
                                                      [](int i) { return i >= 0; })));
  std::optional<std::string_view> identity;
  for (size_t i = 0; i < spec_.fields.size(); ++i) {
    const auto& f = spec_.fields[i];
    if (f.type == FieldType::identity_number) {
      identity = raw[i];
      continue;
    }
    if (f.type == FieldType::pseudonym) continue;
    if (!raw[i]) {
      if (f.required) row.problems.push_back({std::string(f.name), "a value is required"});
      continue;
    }
    ParsedField parsed = parse_field(f, *raw[i], today_);
    if (!parsed.problem.empty()) {
      row.problems.push_back({std::string(f.name), parsed.problem});
      continue;
    }
    if (model::is_null(parsed.value) && f.required) {
      row.problems.push_back({std::string(f.name), "a value is required"});
      continue;
    }
    if (f.type == FieldType::reference && !model::is_null(parsed.value) &&
        !references_.exists(f.references, std::get<std::string>(parsed.value))) {
      row.problems.push_back({std::string(f.name), "refers to " + std::string(model::entity(f.references).name) +
                                                       " that are not in the store; import them first"});
      continue;
    }
    row.values[stored_index_[i]] = std::move(parsed.value);
  }
  derive_from_identity(identity, row);
  check_rules(row);
  return row;
}

void RowBuilder::derive_from_identity(const std::optional<std::string_view>& raw, BuiltRow& row) {
  if (!raw || trim(*raw).empty()) return;
  const std::string identity_field = [&] {
    for (const auto& f : spec_.fields)
      if (f.type == FieldType::identity_number) return std::string(f.name);
    return std::string();
  }();
  privacy::IdentityParse parsed = privacy::parse_identity_number(*raw, today_);
  if (!parsed.number) {
    row.problems.push_back(
        {identity_field, "not a valid personnummer or samordningsnummer: " +
                             std::string(privacy::describe(parsed.problem))});
    return;
  }
  const auto& number = *parsed.number;
  row.values[stored_index("subject_pseudonym")] = pseudonymizer_.pseudonym(number);
  Value& sex = row.values[stored_index("subject_sex")];
  if (model::is_null(sex)) sex = std::string(number.is_male() ? "male" : "female");
  Value& band = row.values[stored_index("subject_age_band")];
  if (model::is_null(band)) {
    // The age when the case arrived, not today: statistics are about the event.
    Date on = today_;
    if (auto received = spec_.field_index("received_date")) {
      if (const auto* d = text_of(row.values[stored_index_[*received]]))
        if (auto parsed_date = parse_iso_date(*d)) on = *parsed_date;
    }
    const int age = age_in_years(number.birth_date, on);
    if (age >= 0) band = age_band_for(age);
  }
}

void RowBuilder::check_rules(BuiltRow& row) {
  auto value = [&](std::string_view name) -> const Value* {
    size_t i = stored_index(name);
    return i == SIZE_MAX ? nullptr : &row.values[i];
  };
  auto text = [&](std::string_view name) -> const std::string* {
    const Value* v = value(name);
    return v ? text_of(*v) : nullptr;
  };
  auto problem = [&](std::string_view field, std::string why) {
    row.problems.push_back({std::string(field), std::move(why)});
  };

  switch (spec_.kind) {
    case model::EntityKind::principal: {
      const std::string* type = text("principal_type");
      if (type && *type == "municipality" && !text("kommunkod"))
        problem("kommunkod", "a municipality needs its kommunkod");
      if (type && *type == "region" && !text("region_code"))
        problem("region_code", "a region needs its region code");
      if (type && *type == "company" && !text("org_number"))
        problem("org_number", "a private provider needs its organisationsnummer");
      break;
    }
    case model::EntityKind::unit: {
      const std::string *opened = text("opened_date"), *closed = text("closed_date");
      if (opened && closed && *closed < *opened) problem("closed_date", "is before opened_date");
      break;
    }
    case model::EntityKind::case_record:
    case model::EntityKind::inspection: {
      const std::string* unit = text("unit_id");
      const std::string* principal = text("principal_id");
      if (!unit && !principal) {
        problem("unit_id", "give unit_id or principal_id (or both)");
        break;
      }
      if (unit) {
        auto owner = references_.principal_of_unit(*unit);
        if (owner && !principal) {
          row.values[stored_index("principal_id")] = *owner;
        } else if (owner && principal && *owner != *principal) {
          problem("principal_id", "does not match the principal of the unit");
        }
      }
      if (spec_.kind == model::EntityKind::inspection) {
        const std::string *started = text("started_date"), *decided = text("decision_date");
        if (started && decided && *decided < *started) problem("decision_date", "is before started_date");
      }
      break;
    }
    case model::EntityKind::deficiency:
    case model::EntityKind::indicator_value: break;
  }
}

}  // namespace vaksam::ingest
