// A typed field value after validation: what the store binds and hashes.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

namespace vaksam::model {

// monostate is SQL NULL (an optional field left empty).
using Value = std::variant<std::monostate, std::string, int64_t, double>;

inline bool is_null(const Value& v) { return std::holds_alternative<std::monostate>(v); }

// Text for display and for reject files; "" for NULL. Doubles use '.'.
std::string to_text(const Value& v);

}  // namespace vaksam::model
