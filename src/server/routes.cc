#include "server/routes.h"

namespace vaksam::server {

void add_all_routes(RouteRegistry& registry) {
  add_meta_routes(registry);
  add_session_routes(registry);
  add_overview_routes(registry);
  add_case_routes(registry);
  add_import_routes(registry);
  add_audit_routes(registry);
  add_user_routes(registry);
  // Next: add_risk_routes (rankings, unit profiles, funnels), add_followup_routes,
  // add_statistics_routes, each in its own routes_*.cc.
}

}  // namespace vaksam::server
