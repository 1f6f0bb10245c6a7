// The roles of vaksam and what each may see: the one place access is defined.
// The server enforces it on every request; the CLI acts as an administrator.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace vaksam::privacy {

enum class Role { administrator, analyst, inspector, viewer, auditor };

// How much of a case's free text a role sees.
enum class TextAccess {
  none,      // no case texts at all
  redacted,  // identifiers replaced by typed placeholders ([NAMN], [TELEFON], ...)
  full,      // the original text
};

struct Permissions {
  TextAccess case_text = TextAccess::none;
  bool full_text_only_when_assigned = false;  // full text only for cases and units assigned to the user
  bool case_records = false;   // individual cases (pseudonymised), screening flags, evidence
  bool pseudonyms = false;     // the subject's keyed pseudonym (links cases about one person)
  bool aggregates = true;      // suppressed statistics (every role)
  bool risk_and_followup = false;  // rankings, unit profiles, deficiencies
  bool audit_trail = false;    // read the audit trail
  bool write = false;          // import, screen, give feedback, change statuses
  bool administer = false;     // users, keys, retention, purge
};

const Permissions& permissions(Role role);

std::string_view role_name(Role role);
std::optional<Role> role_from_name(std::string_view name);
std::span<const Role> all_roles();

}  // namespace vaksam::privacy
