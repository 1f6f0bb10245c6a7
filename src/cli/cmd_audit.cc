#include <cstdio>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/session.h"

namespace vaksam::cli {

int run_audit_verify(const Workspace& ws) {
  Session session = Session::open(ws);
  const auto check = session.audit->verify();
  const auto anchor = session.audit->read_anchor();
  if (!check.ok) {
    std::printf("audit trail NOT intact (%lld entries): %s\n", static_cast<long long>(check.entries),
                check.problem.c_str());
    return kVerificationFailed;
  }
  std::printf("audit trail intact: %lld entries, every MAC and link verified", static_cast<long long>(check.entries));
  if (anchor) std::printf("; the anchor outside the database confirms entry %lld", static_cast<long long>(anchor->seq));
  else std::printf("; no anchor file (%s), so a cut-off end could not be checked", ws.anchor_path.c_str());
  std::printf("\n");
  return kOk;
}

int run_audit_show(const Workspace& ws, const store::AuditFilter& filter) {
  Session session = Session::open(ws);
  const auto entries = session.store->audit_entries(filter);
  // Reading the trail shows who saw whose data: that is itself recorded.
  session.audit->record_access(session.actor, "read_audit_trail", "audit_trail", "",
                               "actor=" + filter.actor + " object=" + filter.object_type + ":" + filter.object_id +
                                   " since=" + filter.since + " until=" + filter.until);
  std::printf("%6s  %-20s  %-12s  %-20s  %-24s  %-18s  %s\n", "seq", "at", "actor", "action", "object", "origin",
              "details");
  for (const auto& e : entries)
    std::printf("%6lld  %-20s  %-12s  %-20s  %-24s  %-18s  %s\n", static_cast<long long>(e.seq), e.at.c_str(),
                e.actor.c_str(), e.action.c_str(), (e.object_type + (e.object_id.empty() ? "" : ":" + e.object_id)).c_str(),
                e.origin.c_str(), e.details.c_str());
  if (entries.size() == filter.limit) std::printf("(first %zu entries; use --limit)\n", filter.limit);
  return kOk;
}

}  // namespace vaksam::cli
