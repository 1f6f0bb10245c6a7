#include <cstdio>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/session.h"
#include "common/date.h"
#include "privacy/redaction.h"

namespace vaksam::cli {

// One case record with its text: an access to personal data, so it is audited.
int run_case(const Workspace& ws, const std::string& case_id, const std::string& only_field, bool redacted) {
  Session session = Session::open(ws);
  const auto& spec = model::entity(model::EntityKind::case_record);
  if (!only_field.empty() && (!spec.field(only_field) || !spec.field(only_field)->in_store())) {
    std::fprintf(stderr, "vaksam: cases have no stored field '%s'\n", only_field.c_str());
    return kUsage;
  }
  if (!session.store->field_of(spec, case_id, "case_id")) {
    std::fprintf(stderr, "vaksam: no case %s in %s\n", case_id.c_str(), ws.db_name.c_str());
    return kInputRefused;
  }
  session.audit->record_access(session.actor, redacted ? "read_case_text_redacted" : "read_case_text", "case",
                               case_id);
  // What an analyst sees: identifiers replaced by typed placeholders.
  auto shown = [&](const model::FieldSpec& f) {
    std::string v = model::to_text(*session.store->field_of(spec, case_id, f.name));
    if (redacted && f.type == model::FieldType::narrative) v = privacy::redact(v, privacy::find_pii(v, today()));
    return v;
  };
  if (!only_field.empty()) {
    std::fputs(shown(*spec.field(only_field)).c_str(), stdout);
    return kOk;
  }
  for (const auto& f : spec.fields)
    if (f.in_store()) std::printf("%s: %s\n", std::string(f.name).c_str(), shown(f).c_str());
  return kOk;
}

}  // namespace vaksam::cli
