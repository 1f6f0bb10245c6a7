// Statistics: the standard report and ad-hoc tables, aggregates only, every table
// through disclosure control (small cells suppressed so that none can be recomputed),
// so every role may read them (privacy::Permissions::aggregates). Served from the
// analysis snapshot; the report is computed once per data version.
#include <stdexcept>

#include "server/analysis_snapshot.h"
#include "server/api_error.h"
#include "server/route_helpers.h"
#include "server/routes.h"
#include "server/server_context.h"
#include "tables/denominator.h"
#include "tables/json.h"
#include "tables/table.h"

namespace vaksam::server {

namespace {

std::shared_ptr<DataSnapshot> require_data(Call& call) {
  auto data = call.server.analysis().data(*call.db.store);
  if (data->data().cases.size() == 0) throw ApiError("no_data");
  return data;
}

Reply report(Call& call) {
  Reply r;
  r.raw_body = *require_data(call)->stats_report();
  return r;
}

// "case_kind=lex_sarah;violence=yes" -> two filters.
std::vector<tables::Filter> filters_of(const std::string& text) {
  std::vector<tables::Filter> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(';', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(tables::parse_filter(std::string_view(text).substr(start, end - start)));
    start = end + 1;
  }
  return out;
}

Reply table(Call& call) {
  const auto data = require_data(call);
  static const tables::Population population = tables::Population::from_reference();
  tables::TableSpec spec;
  try {
    spec.dimensions = call.query.list("by");
    spec.filters = filters_of(call.query.text("where"));
    spec.no_sex = call.query.flag("no_sex").value_or(false);
    const std::string denominator = call.query.text("denominator");
    if (denominator == "none") spec.denominator.kind = tables::DenominatorKind::none;
    else if (denominator == "placements") spec.denominator = tables::sis_placements_denominator();
    const auto t = tables::build_table(data->data(), spec, population);
    Reply r;
    r.raw_body = tables::to_json(t).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return r;
  } catch (const std::invalid_argument& e) {
    throw ApiError("invalid_parameter", e.what());
  }
}

}  // namespace

void add_statistics_routes(RouteRegistry& registry) {
  Route r;
  r.method = "GET";
  r.path = "/api/stats/report";
  r.summary = "The standard statistics report, as `vaksam stats report --format json` prints it: sex-disaggregated "
              "tables through disclosure control (suppressed cells null)";
  r.tag = "statistics";
  r.access = Access::signed_in;
  r.response_schema = {{"type", "object"}};
  r.handler = report;
  registry.add(std::move(r));

  Route t;
  t.method = "GET";
  t.path = "/api/stats/table";
  t.summary = "One table of cases by dimensions (split by sex unless no_sex), with filters, as `vaksam stats table "
              "--format json` prints it, through disclosure control";
  t.tag = "statistics";
  t.access = Access::signed_in;
  Param by{"by", ParamIn::query, ParamType::string_list, "comma-separated dimensions, e.g. year,case_kind"};
  by.max_length = 200;
  Param where{"where", ParamIn::query, ParamType::string,
              "filters separated by ';', each DIMENSION=CODE[,CODE…], e.g. case_kind=lex_sarah;violence=yes"};
  where.max_length = 500;
  Param denominator{"denominator", ParamIn::query, ParamType::string, "population (default), placements or none"};
  denominator.allowed = {"population", "placements", "none"};
  denominator.default_value = "population";
  t.params = {by, where, denominator, {"no_sex", ParamIn::query, ParamType::boolean, "leave out the split by sex"}};
  t.response_schema = {{"type", "object"}};
  t.handler = table;
  registry.add(std::move(t));
}

}  // namespace vaksam::server
