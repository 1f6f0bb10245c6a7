// Errors the API returns: a stable code, an HTTP status, and a message in Swedish
// and English. Handlers throw ApiError; the dispatcher turns it into
// {"error":{"code":"…","message_sv":"…","message_en":"…"}}. Codes never change
// meaning once shipped (clients and the dashboard switch on them).
#pragma once

#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace vaksam::server {

struct ErrorKind {
  std::string_view code;
  int status;
  std::string_view message_sv, message_en;
};

// Every code the API can return, for the OpenAPI description and the docs.
std::span<const ErrorKind> error_catalogue();

class ApiError : public std::runtime_error {
 public:
  // `code` must be in the catalogue. `detail` (a field or parameter name, never a
  // value the client sent) is appended to both messages.
  explicit ApiError(std::string_view code, std::string detail = "");

  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::string& message_sv() const { return message_sv_; }
  const std::string& message_en() const { return message_en_; }
  nlohmann::json to_json() const;

 private:
  int status_;
  std::string code_, message_sv_, message_en_;
};

}  // namespace vaksam::server
