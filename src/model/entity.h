// The domain model as data: one EntitySpec per kind of record the store holds.
// The same spec drives file validation, the store's SQL and the docs, so an
// entity's shape is defined in exactly one place (entity.cc).
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace vaksam::model {

enum class EntityKind { principal, unit, case_record, inspection, deficiency, indicator_value };

enum class FieldType {
  id,               // record identifier: 1-64 printable bytes
  text,             // free text up to max_bytes
  narrative,        // free text; identity numbers inside are masked at intake
  date,             // YYYY-MM-DD, a real date, not in the future
  integer,          // whole number >= 0
  decimal,          // decimal comma or point, spaces as thousands separators
  code,             // one value of code list `code_list`
  code_set,         // several values of `code_list`, separated by '|'
  kommunkod,        // 4 digits, an existing municipality
  region_code,      // 2 digits, an existing region (län)
  area_code,        // "00" (Sweden), a region code or a kommunkod
  org_number,       // organisationsnummer, checksum validated, stored NNNNNN-NNNN
  identity_number,  // personnummer/samordningsnummer: read, pseudonymised, never stored
  pseudonym,        // derived from identity_number; never read from a file
  period,           // YYYY, YYYY-Qn or YYYY-MM
  reference,        // id of a record of entity `references`
};

struct FieldSpec {
  std::string_view name;  // column name in files and in the store
  FieldType type;
  bool required = false;
  std::string_view code_list = {};  // for code and code_set
  EntityKind references = EntityKind::principal;  // for reference
  size_t max_bytes = 0;             // for text and narrative; 0 = default
  bool future_ok = false;           // for date: may lie after today (deadlines)
  std::string_view description = {};

  bool in_file() const { return type != FieldType::pseudonym; }
  bool in_store() const { return type != FieldType::identity_number; }
};

struct EntitySpec {
  EntityKind kind;
  std::string_view name;         // as on the command line and in docs: "cases"
  std::string_view table;        // the store's table
  std::vector<std::string_view> key;  // the natural key, in order
  std::vector<FieldSpec> fields;      // in file/column order

  const FieldSpec* field(std::string_view name) const;
  std::optional<size_t> field_index(std::string_view name) const;
};

// All entities, in dependency order (a record only refers to earlier ones).
std::span<const EntitySpec> all_entities();
const EntitySpec& entity(EntityKind kind);
const EntitySpec* entity_by_name(std::string_view name);

constexpr size_t kDefaultTextBytes = 4096;
constexpr size_t kMaxNarrativeBytes = 1 << 20;  // 1 MiB; documented in docs/formats.md

}  // namespace vaksam::model
