// The route registry, parameter and body checks, and the OpenAPI document built
// from the real routes.
#include <gtest/gtest.h>

#include <set>

#include "server/api_error.h"
#include "server/json_schema.h"
#include "server/openapi.h"
#include "server/param_check.h"
#include "server/route_registry.h"
#include "server/routes.h"

namespace vaksam::server {
namespace {

Route route(std::string method, std::string path, std::vector<Param> params = {}) {
  Route r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.params = std::move(params);
  r.handler = [](Call&) { return Reply{}; };
  return r;
}

Param path_param(std::string name) { return {std::move(name), ParamIn::path, ParamType::string, ""}; }

std::string error_code(const std::function<void()>& f) {
  try {
    f();
  } catch (const ApiError& e) {
    return e.code();
  }
  return "none";
}

TEST(Registry, ALiteralSegmentBeatsAPlaceholderWhateverTheOrder) {
  RouteRegistry reg;
  reg.add(route("GET", "/api/cases/{case_id}", {path_param("case_id")}));
  reg.add(route("GET", "/api/cases/triage"));
  auto m = reg.match("GET", "/api/cases/triage");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->route->path, "/api/cases/triage");
  m = reg.match("GET", "/api/cases/C-1");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->path_params.at("case_id"), "C-1");
}

TEST(Registry, AnotherMethodOnAKnownPathIsTold) {
  RouteRegistry reg;
  reg.add(route("GET", "/api/overview"));
  bool known = false;
  EXPECT_FALSE(reg.match("POST", "/api/overview", &known));
  EXPECT_TRUE(known);
  EXPECT_FALSE(reg.match("GET", "/api/overview/x", &known));
  EXPECT_FALSE(known);
  EXPECT_FALSE(reg.match("GET", "/api/cases//feedback", &known));
}

TEST(Registry, MistakesInDeclaringRoutesStopTheStart) {
  RouteRegistry reg;
  reg.add(route("GET", "/api/a"));
  EXPECT_THROW(reg.add(route("GET", "/api/a")), std::logic_error);
  EXPECT_THROW(reg.add(route("GET", "/api/b/{id}")), std::logic_error);  // {id} not declared
  EXPECT_THROW(reg.add(route("GET", "api/c")), std::logic_error);
}

TEST(Params, UnknownRepeatedMistypedAndOutOfRangeParametersAreRefused) {
  std::vector<Param> declared = paging_params({"newest", "oldest"}, "newest", 50, 500);
  declared.push_back({"from", ParamIn::query, ParamType::date, ""});
  Param sev{"severity", ParamIn::query, ParamType::string_list, ""};
  sev.allowed = {"low", "high"};
  declared.push_back(sev);
  auto check = [&](std::multimap<std::string, std::string> q) {
    return error_code([&] { check_params(declared, q, {}); });
  };
  EXPECT_EQ(check({{"limti", "5"}}), "invalid_parameter");
  EXPECT_EQ(check({{"limit", "5"}, {"limit", "6"}}), "invalid_parameter");
  EXPECT_EQ(check({{"limit", "5x"}}), "invalid_parameter");
  EXPECT_EQ(check({{"limit", "0"}}), "invalid_parameter");
  EXPECT_EQ(check({{"limit", "501"}}), "invalid_parameter");
  EXPECT_EQ(check({{"offset", "-1"}}), "invalid_parameter");
  EXPECT_EQ(check({{"sort", "newest; DROP TABLE cases"}}), "invalid_parameter");
  EXPECT_EQ(check({{"from", "2024-13-01"}}), "invalid_parameter");
  EXPECT_EQ(check({{"from", "2024-01-01' OR 1=1"}}), "invalid_parameter");
  declared.push_back({"since", ParamIn::query, ParamType::timestamp, ""});
  EXPECT_EQ(check({{"since", "2026-01-15T10:00:00Z"}}), "none");
  EXPECT_EQ(check({{"since", "2026-01-15"}}), "none");
  EXPECT_EQ(check({{"since", "%"}}), "invalid_parameter");
  EXPECT_EQ(check({{"since", "2026-01-15T10:00:00Z' OR '1'='1"}}), "invalid_parameter");
  EXPECT_EQ(check({{"severity", "low,medium"}}), "invalid_parameter");
  EXPECT_EQ(check({{"severity", "low\nhigh"}}), "invalid_parameter");
  EXPECT_EQ(check({{"limit", "500"}, {"severity", "low,high"}, {"from", "2024-02-29"}}), "none");
}

TEST(Params, DefaultsAreAppliedAndPathValuesChecked) {
  std::vector<Param> declared = paging_params({"newest"}, "newest", 50, 500);
  Param id = path_param("case_id");
  id.max_length = 10;
  declared.push_back(id);
  const auto q = check_params(declared, {}, {{"case_id", "C-1"}});
  EXPECT_EQ(q.integer("limit"), 50);
  EXPECT_EQ(q.integer("offset"), 0);
  EXPECT_EQ(q.text("sort"), "newest");
  EXPECT_EQ(q.text("case_id"), "C-1");
  EXPECT_EQ(error_code([&] { check_params(declared, {}, {{"case_id", "C-123456789012"}}); }), "invalid_parameter");
}

TEST(BodySchema, WrongTypesUnknownFieldsMissingFieldsAndLengthsAreRefused) {
  const auto schema = object_schema({{"decision", string_schema(40, 1, {"no_action", "forward"})},
                                     {"reason", string_schema(5, 1)},
                                     {"urgent", {{"type", "boolean"}}}},
                                    {"decision", "reason"});
  auto check = [&](const char* body) {
    return error_code([&] { validate_body(schema, nlohmann::json::parse(body)); });
  };
  EXPECT_EQ(check(R"({"decision":"no_action","reason":"ok"})"), "none");
  EXPECT_EQ(check(R"({"decision":"no_action","reason":"åäöåä"})"), "none");  // five characters, ten bytes
  EXPECT_EQ(check(R"({"decision":"no_action","reason":"sex ch"})"), "invalid_field");
  EXPECT_EQ(check(R"({"decision":"maybe","reason":"ok"})"), "invalid_field");
  EXPECT_EQ(check(R"({"decision":1,"reason":"ok"})"), "invalid_field");
  EXPECT_EQ(check(R"({"decision":"no_action"})"), "invalid_field");
  EXPECT_EQ(check(R"({"decision":"no_action","reason":"ok","extra":1})"), "invalid_field");
  EXPECT_EQ(check(R"({"decision":"no_action","reason":"ok","urgent":"yes"})"), "invalid_field");
  EXPECT_EQ(check(R"(["decision"])"), "invalid_field");
  EXPECT_EQ(check(R"({"decision":"no_action","reason":""})"), "invalid_field");
}

TEST(Errors, EveryCodeIsUniqueAndCarriesBothLanguages) {
  std::set<std::string> codes;
  for (const auto& e : error_catalogue()) {
    EXPECT_TRUE(codes.insert(std::string(e.code)).second) << e.code;
    EXPECT_GE(e.status, 400);
    EXPECT_FALSE(e.message_sv.empty());
    EXPECT_FALSE(e.message_en.empty());
  }
  const auto j = ApiError("forbidden", "x").to_json();
  EXPECT_EQ(j["error"]["code"], "forbidden");
  EXPECT_EQ(j["error"]["message_en"], "Your role may not do this: x");
  EXPECT_EQ(ApiError("payload_too_large").status(), 413);
}

TEST(OpenApi, EveryRegisteredRouteIsDescribedWithItsParametersAndAccess) {
  RouteRegistry reg;
  add_all_routes(reg);
  const auto doc = nlohmann::json::parse(openapi_document(reg, "test").dump());  // survives a round trip
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  EXPECT_TRUE(doc["info"].contains("title"));
  EXPECT_TRUE(doc["info"].contains("version"));
  std::set<std::string> operation_ids;
  size_t operations = 0;
  for (const auto& r : reg.routes()) {
    std::string method = r.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(c));
    ASSERT_TRUE(doc["paths"].contains(r.path)) << r.path;
    ASSERT_TRUE(doc["paths"][r.path].contains(method)) << r.method << " " << r.path;
    const auto& op = doc["paths"][r.path][method];
    ++operations;
    EXPECT_TRUE(operation_ids.insert(op["operationId"]).second);
    EXPECT_TRUE(op["responses"].contains(std::to_string(r.success_status))) << r.path;
    EXPECT_EQ(op["x-vaksam-access"], std::string(access_name(r.access)));
    EXPECT_EQ(op["x-vaksam-writes"], r.writes);
    for (const auto& p : r.params) {
      bool found = false;
      for (const auto& dp : op["parameters"]) found |= dp["name"] == p.name;
      EXPECT_TRUE(found) << r.path << " " << p.name;
    }
    if (!r.request_schema.is_null()) EXPECT_EQ(op["requestBody"]["content"]["application/json"]["schema"], r.request_schema);
  }
  size_t documented = 0;
  for (const auto& [path, methods] : doc["paths"].items()) documented += methods.size();
  EXPECT_EQ(documented, operations);  // nothing described that is not served
}

}  // namespace
}  // namespace vaksam::server
