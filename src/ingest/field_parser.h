// Turns one raw text value into a typed, normalised value, or says why it can't.
// Pure: the reasons never quote the value, which may hold personal data.
#pragma once

#include <string>
#include <string_view>

#include "common/date.h"
#include "model/entity.h"
#include "model/value.h"

namespace vaksam::ingest {

struct ParsedField {
  model::Value value;   // monostate when the raw text is empty
  std::string problem;  // empty when the value is valid
};

// Parses `raw` as field `field`. Empty text (after trimming) gives a NULL value;
// whether that is allowed is the row's business. identity_number and pseudonym
// fields are not handled here (see row_builder.h).
ParsedField parse_field(const model::FieldSpec& field, std::string_view raw, const Date& today);

constexpr size_t kMaxIdBytes = 64;

}  // namespace vaksam::ingest
