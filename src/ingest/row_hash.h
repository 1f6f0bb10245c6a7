// A digest of a record's stored values: equal digests mean an unchanged record,
// which is how a re-import is recognised as a no-op.
#pragma once

#include <span>
#include <string>

#include "model/value.h"

namespace vaksam::ingest {

// 16 bytes of XXH3-128 over a length-prefixed, typed encoding of the values.
std::string row_hash(std::span<const model::Value> values);

}  // namespace vaksam::ingest
