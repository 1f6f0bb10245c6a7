// What a route requires of the caller, in terms of the role permissions defined in
// privacy/roles.h (the one place access is defined). Pure.
#pragma once

#include <string_view>

#include "privacy/roles.h"

namespace vaksam::server {

enum class Access {
  open,          // anyone, signed in or not (sign-in, the OpenAPI description)
  signed_in,     // any role (own session, suppressed aggregates)
  case_records,  // individual cases, flags and evidence (Permissions::case_records)
  case_write,    // change something about a case (case_records and write)
  write,         // import and other writes (Permissions::write)
  risk,          // rankings, unit profiles, follow-up (Permissions::risk_and_followup)
  audit_trail,   // the audit trail (Permissions::audit_trail)
  administer,    // users and assignments (Permissions::administer)
};

bool allows(Access access, const privacy::Permissions& permissions);
std::string_view access_name(Access access);

}  // namespace vaksam::server
