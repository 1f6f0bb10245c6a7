// The overview: what is in the store, what screening found, and the last import.
// Roles that see only aggregates get every breakdown through disclosure control.
#include "server/route_helpers.h"
#include "server/routes.h"
#include "server/server_context.h"
#include "server/suppressed_counts.h"

namespace vaksam::server {

namespace {

Reply overview(Call& call) {
  const auto figures = call.server.overview_figures().get(*call.db.store);
  const auto& f = *figures;
  const bool suppress = !call.permissions().case_records;  // aggregates only
  nlohmann::json out;
  out["as_of"] = f.as_of;
  out["aggregates_suppressed"] = suppress;
  std::map<std::string, int64_t> kinds;
  for (const auto& c : f.status.counts) {
    if (c.kind.empty() && c.entity != "cases") out["counts"][c.entity] = c.count;
    else if (!c.kind.empty()) kinds[c.kind] = c.count;
  }
  out["cases_by_kind"] = breakdown_json(kinds, suppress);
  out["counts"]["cases"] = out["cases_by_kind"]["total"];
  if (f.status.first_received)
    out["cases_received"] = {{"first", *f.status.first_received}, {"last", *f.status.last_received}};
  const auto& s = f.screening;
  out["screening"] = {{"screened", s.screened},
                      {"violence_by_severity", breakdown_json(s.violence_by_severity, suppress)},
                      {"handling_deficiency", breakdown_json({{"handling_deficiency", s.handling_deficiency}},
                                                             suppress)["total"]}};
  out["screening"]["violence"] = out["screening"]["violence_by_severity"]["total"];
  out["violence_by_month"] = breakdown_json(s.violence_by_month, suppress);
  if (f.status.last_batch) {
    const auto& b = *f.status.last_batch;
    out["last_import"] = {{"batch_id", b.batch_id}, {"entity", b.info.entity}, {"finished_at", b.finished_at},
                          {"new", b.counts.added},  {"changed", b.counts.changed}, {"rejected", b.counts.rejected}};
    if (!suppress) out["last_import"]["file"] = b.info.file_name;
  } else {
    out["last_import"] = nullptr;
  }
  return Reply{200, out, {}};
}

}  // namespace

void add_overview_routes(RouteRegistry& registry) {
  nlohmann::json breakdown = object_with({{"total", {{"type", "integer"}, {"nullable", true}}},
                                          {"cells", {{"type", "object"}}}});
  Route r;
  r.method = "GET";
  r.path = "/api/overview";
  r.summary = "Counts by entity and case kind, screening results, violence-flagged cases by month, last import "
              "(suppressed aggregates for viewer and auditor; values suppressed as null)";
  r.tag = "overview";
  r.access = Access::signed_in;
  r.response_schema = object_with({{"as_of", {{"type", "string"}}},
                                   {"aggregates_suppressed", {{"type", "boolean"}}},
                                   {"counts", {{"type", "object"}}},
                                   {"cases_by_kind", breakdown},
                                   {"screening", {{"type", "object"}}},
                                   {"violence_by_month", breakdown},
                                   {"last_import", {{"type", "object"}, {"nullable", true}}}});
  r.handler = overview;
  registry.add(std::move(r));
}

}  // namespace vaksam::server
