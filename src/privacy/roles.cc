#include "privacy/roles.h"

namespace vaksam::privacy {

namespace {

constexpr Role kRoles[] = {Role::administrator, Role::analyst, Role::inspector, Role::viewer, Role::auditor};

// Least privilege: an analyst works with pseudonymised, redacted cases; only an
// inspector reads full texts, and only for their own cases; an auditor sees who
// did what but no case content; a viewer sees suppressed aggregates only.
const Permissions kAdministrator{TextAccess::full, false, true, true, true, true, true, true, true};
const Permissions kAnalyst{TextAccess::redacted, false, true, true, true, true, false, true, false};
const Permissions kInspector{TextAccess::full, true, true, true, true, true, false, true, false};
const Permissions kViewer{TextAccess::none, false, false, false, true, false, false, false, false};
const Permissions kAuditor{TextAccess::none, false, false, false, true, false, true, false, false};

}  // namespace

const Permissions& permissions(Role role) {
  switch (role) {
    case Role::administrator: return kAdministrator;
    case Role::analyst: return kAnalyst;
    case Role::inspector: return kInspector;
    case Role::viewer: return kViewer;
    case Role::auditor: return kAuditor;
  }
  return kViewer;
}

std::string_view role_name(Role role) {
  switch (role) {
    case Role::administrator: return "administrator";
    case Role::analyst: return "analyst";
    case Role::inspector: return "inspector";
    case Role::viewer: return "viewer";
    case Role::auditor: return "auditor";
  }
  return "viewer";
}

std::optional<Role> role_from_name(std::string_view name) {
  for (Role r : kRoles)
    if (role_name(r) == name) return r;
  return std::nullopt;
}

std::span<const Role> all_roles() { return kRoles; }

}  // namespace vaksam::privacy
