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
  add_risk_routes(registry);
  add_statistics_routes(registry);
  add_followup_routes(registry);
  add_plan_routes(registry);
}

}  // namespace vaksam::server
