// The API's routes, one file per area. Adding a route: declare a Route (method,
// path, access, writes, params, schemas, handler) in the area's file and add it to
// the registry there; a new area gets an add_*_routes() here and a line in
// add_all_routes(). The OpenAPI description and the role matrix test pick it up.
#pragma once

#include "server/route_registry.h"

namespace vaksam::server {

void add_meta_routes(RouteRegistry& registry);      // openapi.json, health
void add_session_routes(RouteRegistry& registry);   // sign in, sign out, me
void add_overview_routes(RouteRegistry& registry);  // counts, screening, last import
void add_case_routes(RouteRegistry& registry);      // triage queue, a case, feedback, triage decisions
void add_import_routes(RouteRegistry& registry);    // upload a file, list batches
void add_audit_routes(RouteRegistry& registry);     // the audit trail (auditor)
void add_user_routes(RouteRegistry& registry);      // users and assignments (administrator)
void add_risk_routes(RouteRegistry& registry);      // risk run, ranking, profiles, funnels, compute
void add_statistics_routes(RouteRegistry& registry);  // the standard report, tables (aggregates)
void add_followup_routes(RouteRegistry& registry);  // follow-up queue, deficiency status changes
void add_plan_routes(RouteRegistry& registry);      // inspection plans: list, make, read

void add_all_routes(RouteRegistry& registry);

}  // namespace vaksam::server
