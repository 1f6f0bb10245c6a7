// Builds the stored values of one record from its raw text fields: parses each
// field, pseudonymises identity numbers, derives what can be derived, checks
// required fields, cross-field rules and references.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "model/entity.h"
#include "model/value.h"
#include "privacy/pseudonymizer.h"

namespace vaksam::ingest {

// What a row may refer to, answered by the store (or a fake in tests).
class ReferenceResolver {
 public:
  virtual ~ReferenceResolver() = default;
  virtual bool exists(model::EntityKind kind, std::string_view id) = 0;
  // The principal a unit belongs to, if the unit exists.
  virtual std::optional<std::string> principal_of_unit(std::string_view unit_id) = 0;
};

struct FieldProblem {
  std::string field;
  std::string reason;  // never quotes the value
};

struct BuiltRow {
  std::vector<model::Value> values;  // every stored field, in spec order
  std::vector<FieldProblem> problems;
  bool ok() const { return problems.empty(); }
};

class RowBuilder {
 public:
  RowBuilder(const model::EntitySpec& spec, const privacy::Pseudonymizer& pseudonymizer,
             ReferenceResolver& references, Date today);

  // `raw[i]` is the text of spec.fields[i], or nullopt if the file has no such column/key.
  BuiltRow build(const std::vector<std::optional<std::string_view>>& raw);

  // Index in BuiltRow::values of a stored field.
  size_t stored_index(std::string_view field) const;

 private:
  void derive_from_identity(const std::optional<std::string_view>& raw, BuiltRow& row);
  void check_rules(BuiltRow& row);

  const model::EntitySpec& spec_;
  const privacy::Pseudonymizer& pseudonymizer_;
  ReferenceResolver& references_;
  Date today_;
  std::vector<int> stored_index_;  // spec field -> index in values, -1 if not stored
};

// The age band (code of data/codes/age_bands.csv) of someone of this age.
std::string age_band_for(int age);

}  // namespace vaksam::ingest
