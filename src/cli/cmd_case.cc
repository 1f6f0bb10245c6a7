#include <cstdio>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/session.h"

namespace vaksam::cli {

// One case record with its text: an access to personal data, so it is audited.
int run_case(const Workspace& ws, const std::string& case_id, const std::string& only_field) {
  Session session = Session::open(ws);
  const auto& spec = model::entity(model::EntityKind::case_record);
  if (!only_field.empty() && (!spec.field(only_field) || !spec.field(only_field)->in_store())) {
    std::fprintf(stderr, "vaksam: cases have no stored field '%s'\n", only_field.c_str());
    return kUsage;
  }
  if (!session.store->field_of(spec, case_id, "case_id")) {
    std::fprintf(stderr, "vaksam: no case %s in %s\n", case_id.c_str(), ws.db_path.c_str());
    return kInputRefused;
  }
  session.audit->record_access(session.actor, "read_case_text", "case", case_id);
  if (!only_field.empty()) {
    std::fputs(model::to_text(*session.store->field_of(spec, case_id, only_field)).c_str(), stdout);
    return kOk;
  }
  for (const auto& f : spec.fields) {
    if (!f.in_store()) continue;
    std::printf("%s: %s\n", std::string(f.name).c_str(),
                model::to_text(*session.store->field_of(spec, case_id, f.name)).c_str());
  }
  return kOk;
}

}  // namespace vaksam::cli
