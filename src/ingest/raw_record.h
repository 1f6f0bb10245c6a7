// One record as read from an input file, before any validation: all values are text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vaksam::ingest {

struct RawRecord {
  uint64_t line = 0;                // physical line where the record starts (1-based)
  std::vector<std::string> values;  // CSV: one per column in file order. JSONL: one per key
  std::vector<std::string> names;   // JSONL only: the key of each value (CSV: empty)
  // Index of the first value that was cut because it exceeded the reader's max_field_bytes.
  std::optional<size_t> oversized_field;
};

}  // namespace vaksam::ingest
