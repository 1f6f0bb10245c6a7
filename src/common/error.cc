#include "common/error.h"

namespace vaksam {

std::string to_string(const Location& w) {
  std::string out = w.file;
  if (w.line > 0) out += (out.empty() ? "line " : ":") + std::to_string(w.line);
  if (!w.field.empty()) out += (out.empty() ? "field " : ": field ") + w.field;
  return out;
}

Error::Error(Location where, const std::string& message)
    : std::runtime_error(to_string(where).empty() ? message : to_string(where) + ": " + message),
      where_(std::move(where)),
      reason_(message) {}

}  // namespace vaksam
