// The error every user-facing failure is reported with: what went wrong and where.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace vaksam {

// Where in an input a problem was found. Empty parts are left out when printed.
struct Location {
  std::string file;
  uint64_t line = 0;  // 1-based physical line; 0 if not known
  std::string field;
};

std::string to_string(const Location& where);

// An error the user can act on. Its message never contains personal data.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
  Error(Location where, const std::string& message);

  const Location& where() const { return where_; }
  // The reason alone, without the location prefix.
  const std::string& reason() const { return reason_; }

 private:
  Location where_;
  std::string reason_;
};

}  // namespace vaksam
