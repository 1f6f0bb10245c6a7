#include "server/route_helpers.h"

namespace vaksam::server {

nlohmann::json permissions_json(const privacy::Permissions& p) {
  const char* text = p.case_text == privacy::TextAccess::full       ? "full"
                     : p.case_text == privacy::TextAccess::redacted ? "redacted"
                                                                    : "none";
  return {{"case_text", text},
          {"full_text_only_when_assigned", p.full_text_only_when_assigned},
          {"case_records", p.case_records},
          {"pseudonyms", p.pseudonyms},
          {"aggregates", p.aggregates},
          {"risk_and_followup", p.risk_and_followup},
          {"audit_trail", p.audit_trail},
          {"write", p.write},
          {"administer", p.administer}};
}

nlohmann::json paging_json(int64_t total, int64_t limit, int64_t offset) {
  return {{"total", total}, {"limit", limit}, {"offset", offset}};
}

bool valid_user_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' || c == '@')) return false;
  return true;
}

nlohmann::json array_of(nlohmann::json item) { return {{"type", "array"}, {"items", std::move(item)}}; }

nlohmann::json object_with(nlohmann::json properties) {
  return {{"type", "object"}, {"properties", std::move(properties)}};
}

}  // namespace vaksam::server
