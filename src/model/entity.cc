#include "model/entity.h"

namespace vaksam::model {

namespace {

using F = FieldType;
using E = EntityKind;

std::vector<EntitySpec> make_entities() {
  std::vector<EntitySpec> all;
  all.push_back(
      {E::principal,
       "principals",
       "principals",
       {"principal_id"},
       {
           {.name = "principal_id", .type = F::id, .required = true},
           {.name = "principal_type",
            .type = F::code,
            .required = true,
            .code_list = "principal_types"},
           {.name = "name", .type = F::text, .required = true, .max_bytes = 300},
           {.name = "org_number", .type = F::org_number},
           {.name = "kommunkod",
            .type = F::kommunkod,
            .description = "required for a municipality"},
           {.name = "region_code", .type = F::region_code, .description = "required for a region"},
       }});
  all.push_back(
      {E::unit,
       "units",
       "units",
       {"unit_id"},
       {
           {.name = "unit_id", .type = F::id, .required = true},
           {.name = "name", .type = F::text, .required = true, .max_bytes = 300},
           {.name = "unit_type", .type = F::code, .required = true, .code_list = "unit_types"},
           {.name = "principal_id", .type = F::reference, .required = true},
           {.name = "kommunkod", .type = F::kommunkod, .required = true},
           {.name = "capacity", .type = F::integer, .description = "places, beds or similar"},
           {.name = "opened_date", .type = F::date},
           {.name = "closed_date", .type = F::date},
       }});
  all.push_back(
      {E::case_record,
       "cases",
       "cases",
       {"case_id"},
       {
           {.name = "case_id", .type = F::id, .required = true},
           {.name = "case_kind", .type = F::code, .required = true, .code_list = "case_kinds"},
           {.name = "received_date", .type = F::date, .required = true},
           {.name = "unit_id", .type = F::reference, .references = E::unit},
           {.name = "principal_id",
            .type = F::reference,
            .description = "taken from the unit if left empty"},
           {.name = "subject_pnr", .type = F::identity_number, .description = "never stored"},
           {.name = "subject_pseudonym", .type = F::pseudonym},
           {.name = "subject_sex",
            .type = F::code,
            .code_list = "sexes",
            .description = "derived from subject_pnr if empty"},
           {.name = "subject_age_band",
            .type = F::code,
            .code_list = "age_bands",
            .description = "derived from subject_pnr if empty"},
           {.name = "vulnerabilities", .type = F::code_set, .code_list = "vulnerabilities"},
           {.name = "narrative", .type = F::narrative, .max_bytes = kMaxNarrativeBytes},
       }});
  all.push_back({E::inspection,
                 "inspections",
                 "inspections",
                 {"inspection_id"},
                 {
                     {.name = "inspection_id", .type = F::id, .required = true},
                     {.name = "inspection_type",
                      .type = F::code,
                      .required = true,
                      .code_list = "inspection_types"},
                     {.name = "unit_id", .type = F::reference, .references = E::unit},
                     {.name = "principal_id",
                      .type = F::reference,
                      .description = "taken from the unit if left empty"},
                     {.name = "started_date", .type = F::date, .required = true},
                     {.name = "decision_date", .type = F::date},
                     {.name = "outcome",
                      .type = F::code,
                      .required = true,
                      .code_list = "inspection_outcomes"},
                     {.name = "summary", .type = F::narrative, .max_bytes = 65536},
                 }});
  all.push_back(
      {E::deficiency,
       "deficiencies",
       "deficiencies",
       {"deficiency_id"},
       {
           {.name = "deficiency_id", .type = F::id, .required = true},
           {.name = "inspection_id",
            .type = F::reference,
            .required = true,
            .references = E::inspection},
           {.name = "category",
            .type = F::code,
            .required = true,
            .code_list = "deficiency_categories"},
           {.name = "legal_basis",
            .type = F::text,
            .required = true,
            .max_bytes = 300,
            .description = "e.g. 'SOSFS 2014:4 4 kap. 2 §'"},
           {.name = "required_action", .type = F::text, .required = true, .max_bytes = 4000},
           {.name = "deadline", .type = F::date, .future_ok = true, .description = "may lie in the future"},
           {.name = "status",
            .type = F::code,
            .required = true,
            .code_list = "deficiency_statuses"},
           {.name = "status_date", .type = F::date, .required = true},
       }});
  all.push_back({E::indicator_value,
                 "indicators",
                 "indicator_values",
                 {"indicator_id", "area_code", "period"},
                 {
                     {.name = "indicator_id",
                      .type = F::id,
                      .required = true,
                      .description = "e.g. a Kolada KPI id such as N07402"},
                     {.name = "area_code", .type = F::area_code, .required = true},
                     {.name = "period", .type = F::period, .required = true},
                     {.name = "value", .type = F::decimal, .required = true},
                     {.name = "denominator", .type = F::decimal},
                     {.name = "source", .type = F::text, .max_bytes = 300},
                 }});
  return all;
}

const std::vector<EntitySpec>& entities() {
  static const std::vector<EntitySpec> all = make_entities();
  return all;
}

}  // namespace

const FieldSpec* EntitySpec::field(std::string_view n) const {
  for (const auto& f : fields)
    if (f.name == n) return &f;
  return nullptr;
}

std::optional<size_t> EntitySpec::field_index(std::string_view n) const {
  for (size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == n) return i;
  return std::nullopt;
}

std::span<const EntitySpec> all_entities() { return entities(); }

const EntitySpec& entity(EntityKind kind) {
  for (const auto& e : entities())
    if (e.kind == kind) return e;
  return entities().front();  // unreachable: every kind has a spec
}

const EntitySpec* entity_by_name(std::string_view name) {
  for (const auto& e : entities())
    if (e.name == name || e.table == name) return &e;
  return nullptr;
}

}  // namespace vaksam::model
