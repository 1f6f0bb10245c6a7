#include <cstdio>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "store/open_store.h"

namespace vaksam::cli {

int run_status(const Workspace& ws, bool json) {
  auto store = store::open_store(ws.db_path, store::OpenMode::open_existing);
  const store::Status st = store->status();
  if (json) {
    nlohmann::ordered_json out;
    out["database"] = ws.db_name;
    out["schema_version"] = st.schema_version;
    for (const auto& c : st.counts) {
      if (c.kind.empty()) out["counts"][c.entity] = c.count;
      else out["cases_by_kind"][c.kind] = c.count;
    }
    if (st.first_received) out["cases_received"] = {{"first", *st.first_received}, {"last", *st.last_received}};
    if (st.last_batch) {
      const auto& b = *st.last_batch;
      out["last_import"] = {{"batch_id", b.batch_id}, {"entity", b.info.entity}, {"file", b.info.file_name},
                            {"finished_at", b.finished_at}, {"new", b.counts.added},
                            {"changed", b.counts.changed}, {"unchanged", b.counts.unchanged},
                            {"rejected", b.counts.rejected}};
    }
    std::printf("%s\n", out.dump(2).c_str());
    return kOk;
  }
  std::printf("database: %s (schema version %d)\n", ws.db_name.c_str(), st.schema_version);
  for (const auto& c : st.counts) {
    if (!c.kind.empty()) continue;
    std::printf("  %-24s %10lld\n", c.entity.c_str(), static_cast<long long>(c.count));
    for (const auto& k : st.counts)  // cases by kind, under the cases line
      if (k.entity == c.entity && !k.kind.empty())
        std::printf("    %-22s %10lld\n", k.kind.c_str(), static_cast<long long>(k.count));
  }
  if (st.first_received)
    std::printf("cases received: %s to %s\n", st.first_received->c_str(), st.last_received->c_str());
  if (st.last_batch) {
    const auto& b = *st.last_batch;
    std::printf("last import: batch %lld, %s from %s at %s (%llu new, %llu changed, %llu rejected)\n",
                static_cast<long long>(b.batch_id), b.info.entity.c_str(), b.info.file_name.c_str(),
                b.finished_at.c_str(), static_cast<unsigned long long>(b.counts.added),
                static_cast<unsigned long long>(b.counts.changed),
                static_cast<unsigned long long>(b.counts.rejected));
  } else {
    std::printf("last import: none yet\n");
  }
  return kOk;
}

}  // namespace vaksam::cli
