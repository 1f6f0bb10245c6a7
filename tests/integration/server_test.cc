// The real `vaksam serve` over HTTP: every route × every role, the OpenAPI
// description, bad input of every kind (and that it changes nothing), sessions,
// CSRF, tokens, rate limits, audit of every access, a graceful stop with a write
// in flight, and readers during an import.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <set>
#include <thread>

#include "integration/server_harness.h"

namespace vaksam::testing {
namespace {

// Every byte but unreserved characters as %XX, so the server sees the value as given.
std::string percent_encode(const std::string& s) {
  std::string out;
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '.' || ch == '~') out += static_cast<char>(ch);
    else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", ch);
      out += buf;
    }
  }
  return out;
}

void exec_sql(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
}

class Server : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // A server that refuses a body mid-upload closes the connection: the client's
    // write then fails with EPIPE instead of killing the test with SIGPIPE.
    signal(SIGPIPE, SIG_IGN);
    database_ = new ServerDatabase();
    const std::string pw = database_->dir.write("pw2.txt", kPassword + "\n");
    ASSERT_EQ(run_vaksam(database_->dir, {"user", "add", "victim", "--role", "viewer", "--password-file", pw}).exit_code, 0);
    ASSERT_EQ(run_vaksam(database_->dir, {"user", "add", "limited", "--role", "analyst", "--password-file", pw}).exit_code, 0);
    ASSERT_EQ(run_vaksam(database_->dir, {"plan", "create", "--capacity", "2", "--seed", "5"}).exit_code, 0);  // plan 1
    ASSERT_EQ(run_vaksam(database_->dir, {"risk", "compute"}).exit_code, 0);  // risk run 1
    std::filesystem::create_directories(database_->dir.file("dist/assets"));
    database_->dir.write("dist/index.html", "<html>vaksam</html>");
    database_->dir.write("dist/assets/app.js", "console.log(1)");
    database_->dir.write("secret.txt", "TOPSECRET");
    server_ = new ServerProcess(*database_, {"--static", database_->dir.file("dist"), "--max-upload-mb", "1"});
    ASSERT_TRUE(server_->started()) << server_->errors();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete database_;
  }
  httplib::Client client() { return server_->client(); }
  std::string db() { return database_->db(); }

  static ServerDatabase* database_;
  static ServerProcess* server_;
};
ServerDatabase* Server::database_ = nullptr;
ServerProcess* Server::server_ = nullptr;

// --- the role matrix ---

// Written by hand from docs/privacy.md: who may call what. "ok" means a 2xx answer;
// "no" a 403 forbidden. Without a session every route but the open ones says 401.
const std::map<std::string, std::map<std::string, std::string>> kMatrix = {
    // route                                   administrator analyst inspector viewer auditor
    {"GET /api/openapi.json", {{"administrator", "ok"}, {"analyst", "ok"}, {"inspector", "ok"}, {"viewer", "ok"}, {"auditor", "ok"}}},
    {"GET /api/health", {{"administrator", "ok"}, {"analyst", "ok"}, {"inspector", "ok"}, {"viewer", "ok"}, {"auditor", "ok"}}},
    {"POST /api/session", {{"administrator", "ok"}, {"analyst", "ok"}, {"inspector", "ok"}, {"viewer", "ok"}, {"auditor", "ok"}}},
    {"GET /api/session", {{"administrator", "ok"}, {"analyst", "ok"}, {"inspector", "ok"}, {"viewer", "ok"}, {"auditor", "ok"}}},
    {"DELETE /api/session", {{"administrator", "ok"}, {"analyst", "ok"}, {"inspector", "ok"}, {"viewer", "ok"}, {"auditor", "ok"}}},
    {"GET /api/overview", {{"administrator", "ok"}, {"analyst", "ok"}, {"inspector", "ok"}, {"viewer", "ok"}, {"auditor", "ok"}}},
    {"GET /api/cases/triage", {{"administrator", "ok"}, {"analyst", "ok"}, {"inspector", "ok"}, {"viewer", "no"}, {"auditor", "no"}}},
    {"GET /api/cases/{case_id}", {{"administrator", "ok"}, {"analyst", "ok"}, {"inspector", "ok"}, {"viewer", "no"}, {"auditor", "no"}}},
    {"POST /api/cases/{case_id}/feedback", {{"administrator", "ok"}, {"analyst", "ok"}, {"inspector", "ok"}, {"viewer", "no"}, {"auditor", "no"}}},
    {"POST /api/cases/{case_id}/triage", {{"administrator", "ok"}, {"analyst", "ok"}, {"inspector", "ok"}, {"viewer", "no"}, {"auditor", "no"}}},
    {"POST /api/imports", {{"administrator", "ok"}, {"analyst", "ok"}, {"inspector", "ok"}, {"viewer", "no"}, {"auditor", "no"}}},
    {"GET /api/imports", {{"administrator", "ok"}, {"analyst", "ok"}, {"inspector", "ok"}, {"viewer", "no"}, {"auditor", "no"}}},
    {"GET /api/audit", {{"administrator", "ok"}, {"analyst", "no"}, {"inspector", "no"}, {"viewer", "no"}, {"auditor", "ok"}}},
    {"GET /api/audit/verify", {{"administrator", "ok"}, {"analyst", "no"}, {"inspector", "no"}, {"viewer", "no"}, {"auditor", "ok"}}},
    {"GET /api/users", {{"administrator", "ok"}, {"analyst", "no"}, {"inspector", "no"}, {"viewer", "no"}, {"auditor", "no"}}},
    {"POST /api/users", {{"administrator", "ok"}, {"analyst", "no"}, {"inspector", "no"}, {"viewer", "no"}, {"auditor", "no"}}},
    {"POST /api/users/{name}/disable", {{"administrator", "ok"}, {"analyst", "no"}, {"inspector", "no"}, {"viewer", "no"}, {"auditor", "no"}}},
    {"POST /api/users/{name}/assignments", {{"administrator", "ok"}, {"analyst", "no"}, {"inspector", "no"}, {"viewer", "no"}, {"auditor", "no"}}},
    {"GET /api/followup/queue", {{"administrator", "ok"}, {"analyst", "ok"}, {"inspector", "ok"}, {"viewer", "no"}, {"auditor", "no"}}},
    {"POST /api/followup/deficiencies/{deficiency_id}/status", {{"administrator", "ok"}, {"analyst", "ok"}, {"inspector", "ok"}, {"viewer", "no"}, {"auditor", "no"}}},
    {"GET /api/plans", {{"administrator", "ok"}, {"analyst", "ok"}, {"inspector", "ok"}, {"viewer", "no"}, {"auditor", "no"}}},
    {"GET /api/plans/{plan_id}", {{"administrator", "ok"}, {"analyst", "ok"}, {"inspector", "ok"}, {"viewer", "no"}, {"auditor", "no"}}},
    {"POST /api/plans", {{"administrator", "ok"}, {"analyst", "ok"}, {"inspector", "ok"}, {"viewer", "no"}, {"auditor", "no"}}},
    {"GET /api/risk/run", {{"administrator", "ok"}, {"analyst", "ok"}, {"inspector", "ok"}, {"viewer", "no"}, {"auditor", "no"}}},
    {"GET /api/risk/ranking", {{"administrator", "ok"}, {"analyst", "ok"}, {"inspector", "ok"}, {"viewer", "no"}, {"auditor", "no"}}},
    {"GET /api/risk/entities/{level}/{id}", {{"administrator", "ok"}, {"analyst", "ok"}, {"inspector", "ok"}, {"viewer", "no"}, {"auditor", "no"}}},
    {"GET /api/risk/funnel/{indicator}", {{"administrator", "ok"}, {"analyst", "ok"}, {"inspector", "ok"}, {"viewer", "no"}, {"auditor", "no"}}},
    {"POST /api/risk/compute", {{"administrator", "ok"}, {"analyst", "ok"}, {"inspector", "ok"}, {"viewer", "no"}, {"auditor", "no"}}},
    {"GET /api/stats/report", {{"administrator", "ok"}, {"analyst", "ok"}, {"inspector", "ok"}, {"viewer", "ok"}, {"auditor", "ok"}}},
    {"GET /api/stats/table", {{"administrator", "ok"}, {"analyst", "ok"}, {"inspector", "ok"}, {"viewer", "ok"}, {"auditor", "ok"}}},
};

// A valid request for each route (the role decides the answer, not the input).
httplib::Result call_route(httplib::Client& c, const std::string& label, const Caller& who, const std::string& role) {
  const auto h = who.headers();
  const std::string method = label.substr(0, label.find(' ')), path = label.substr(label.find(' ') + 1);
  if (label == "POST /api/session")
    return c.Post(path, nlohmann::json({{"name", role + "-user"}, {"password", role.empty() ? "wrong" : kPassword}}).dump(),
                  "application/json");
  if (label == "POST /api/cases/{case_id}/feedback")
    return c.Post("/api/cases/C-2024-0001/feedback", h, R"({"target":"violence","verdict":"confirmed"})", "application/json");
  if (label == "POST /api/cases/{case_id}/triage")
    return c.Post("/api/cases/C-2024-0001/triage", h, R"({"decision":"no_action","reason":"role matrix"})",
                  "application/json");
  if (label == "POST /api/imports") {
    httplib::MultipartFormDataItems items = {{"file", read_file(example("units.csv")), "units.csv", "text/csv"}};
    return c.Post(path, h, items);
  }
  if (label == "POST /api/users")
    return c.Post(path, h, nlohmann::json({{"name", "new-" + role}, {"role", "viewer"}, {"password", kPassword}}).dump(),
                  "application/json");
  if (label == "POST /api/users/{name}/disable") return c.Post("/api/users/victim/disable", h, "", "text/plain");
  if (label == "POST /api/users/{name}/assignments")
    return c.Post("/api/users/inspector-user/assignments", h, R"({"unit_id":"U-IFO-0180"})", "application/json");
  if (label == "GET /api/cases/{case_id}") return c.Get("/api/cases/C-2024-0001", h);
  if (label == "POST /api/followup/deficiencies/{deficiency_id}/status") {
    // Each role that may takes the deficiency one step further (a repeated step would be refused).
    const std::string to = role == "administrator" ? "account_received" : role == "analyst" ? "accepted" : "verified";
    const std::string date = role == "administrator" ? "2024-03-01" : role == "analyst" ? "2024-04-01" : "2024-05-01";
    return c.Post("/api/followup/deficiencies/D-2023-017-1/status", h,
                  nlohmann::json({{"status", to}, {"status_date", date}}).dump(), "application/json");
  }
  if (label == "GET /api/risk/entities/{level}/{id}") return c.Get("/api/risk/entities/unit/U-IFO-0180", h);
  if (label == "GET /api/risk/funnel/{indicator}") return c.Get("/api/risk/funnel/violence_signals?level=unit", h);
  if (label == "POST /api/risk/compute") return c.Post(path, h, "{}", "application/json");
  if (label == "GET /api/plans/{plan_id}") return c.Get("/api/plans/1", h);  // made by `vaksam plan create` in setup
  if (label == "POST /api/plans")
    return c.Post(path, h, R"({"capacity":2,"random_share":0.5,"seed":3,"level":"unit"})", "application/json");
  if (method == "DELETE") return c.Delete(path, h);
  return c.Get(path, h);
}

TEST_F(Server, EveryRouteAnswersEveryRoleAsTheRolesTableSays) {
  auto c = client();
  auto doc = c.Get("/api/openapi.json");
  ASSERT_TRUE(doc && doc->status == 200);
  std::set<std::string> served;
  const auto described = nlohmann::json::parse(doc->body);
  for (const auto& [path, methods] : described["paths"].items())
    for (const auto& [method, op] : methods.items()) {
      std::string m = method;
      for (auto& ch : m) ch = static_cast<char>(std::toupper(ch));
      served.insert(m + " " + path);
    }
  std::set<std::string> expected;
  for (const auto& [label, roles] : kMatrix) expected.insert(label);
  ASSERT_EQ(served, expected) << "a route was added or removed: give it a row in kMatrix";

  std::vector<std::string> order(served.begin(), served.end());
  std::stable_partition(order.begin(), order.end(), [](const auto& l) { return l != "DELETE /api/session"; });
  for (const auto& role : kRoles) {
    Caller who = sign_in(c, role + "-user");
    ASSERT_FALSE(who.cookie.empty()) << role;
    for (const auto& label : order) {
      auto res = call_route(c, label, who, role);
      ASSERT_TRUE(res) << label;
      const std::string want = kMatrix.at(label).at(role);
      if (want == "ok") EXPECT_TRUE(res->status >= 200 && res->status < 300) << role << " " << label << " " << res->status << " " << res->body;
      else {
        EXPECT_EQ(res->status, 403) << role << " " << label;
        EXPECT_EQ(error_code_of(res), "forbidden") << role << " " << label;
      }
      if (label == "GET /api/overview")
        EXPECT_EQ(nlohmann::json::parse(res->body)["aggregates_suppressed"], role == "viewer" || role == "auditor") << role;
    }
    // After signing out, the old cookie opens nothing.
    auto after = c.Get("/api/session", who.headers());
    EXPECT_EQ(after->status, 401) << role;
  }
  // Nobody signed in: the open routes answer, every other says 401.
  for (const auto& label : order) {
    auto res = call_route(c, label, Caller{}, "");
    ASSERT_TRUE(res) << label;
    const bool open = label == "GET /api/openapi.json" || label == "GET /api/health";
    if (open) EXPECT_EQ(res->status, 200) << label;
    else EXPECT_EQ(res->status, 401) << label << " " << res->body;  // sign-in with a wrong password too
  }
}

TEST_F(Server, CaseTextIsFullRedactedOrWithheldByRoleAndAssignment) {
  auto c = client();
  auto text_of = [&](const std::string& role, const std::string& case_id) {
    Caller who = sign_in(c, role + "-user");
    auto res = c.Get("/api/cases/" + case_id, who.headers());
    return res ? nlohmann::json::parse(res->body) : nlohmann::json();
  };
  const std::string full_text = read_file(example("cases.csv"));
  auto admin = text_of("administrator", "C-2024-0001");
  EXPECT_EQ(admin["text_access"], "full");
  auto analyst = text_of("analyst", "C-2024-0001");
  EXPECT_EQ(analyst["text_access"], "redacted");
  // The inspector is assigned U-IFO-0180 (C-2024-0001) but not U-LSS-0180-1 (C-2024-0002).
  EXPECT_EQ(text_of("inspector", "C-2024-0001")["text_access"], "full");
  auto other = text_of("inspector", "C-2024-0002");
  EXPECT_EQ(other["text_access"], "redacted");
  EXPECT_EQ(other["narrative"].get<std::string>().find("Personal har"), 0u);
  // Evidence quotes come from the text the caller sees.
  for (const auto* j : {&admin, &analyst}) {
    const std::string narrative = (*j)["narrative"];
    for (const auto& e : (*j)["screening"]["evidence"])
      EXPECT_EQ(narrative.substr(e["begin"], e["end"].get<size_t>() - e["begin"].get<size_t>()), e["text"]);
  }
  EXPECT_EQ(error_code_of(c.Get("/api/cases/C-2024-0001", sign_in(c, "viewer-user").headers())), "forbidden");
  EXPECT_EQ(error_code_of(c.Get("/api/cases/NO-SUCH", sign_in(c, "analyst-user").headers())), "case_not_found");
}

TEST_F(Server, EveryReadOfACaseAndEveryRefusalIsInTheAuditTrail) {
  auto c = client();
  Caller analyst = sign_in(c, "analyst-user");
  ASSERT_EQ(c.Get("/api/cases/C-2024-0003", analyst.headers())->status, 200);
  EXPECT_EQ(query_one(db(), "SELECT action || ' ' || origin FROM audit_log WHERE actor = 'analyst-user' AND "
                            "object_id = 'C-2024-0003' ORDER BY seq DESC LIMIT 1"),
            "read_case_text_redacted http@127.0.0.1");
  Caller viewer = sign_in(c, "viewer-user");
  ASSERT_EQ(c.Get("/api/cases/triage", viewer.headers())->status, 403);
  EXPECT_EQ(query_one(db(), "SELECT details FROM audit_log WHERE actor = 'viewer-user' AND action = 'access_refused' "
                            "ORDER BY seq DESC LIMIT 1"),
            "status=403 code=forbidden");
  ASSERT_EQ(c.Post("/api/session", R"({"name":"analyst-user","password":"not it at all"})", "application/json")->status, 401);
  EXPECT_NE(query_one(db(), "SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in_failed'"), "0");
  EXPECT_NE(query_one(db(), "SELECT COUNT(*) FROM audit_log WHERE action = 'read_triage_queue'"), "<none>");
  // The trail still verifies with everything the server wrote into it.
  auto auditor = sign_in(c, "auditor-user");
  auto v = c.Get("/api/audit/verify", auditor.headers());
  EXPECT_EQ(nlohmann::json::parse(v->body)["intact"], true) << v->body;
}

// --- OpenAPI ---

TEST_F(Server, TheOpenApiDescriptionIsValidAndComplete) {
  auto c = client();
  auto res = c.Get("/api/openapi.json");
  ASSERT_EQ(res->status, 200);
  EXPECT_NE(res->get_header_value("Content-Type").find("application/json"), std::string::npos);
  auto doc = nlohmann::json::parse(res->body);  // throws if not JSON
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  for (const char* k : {"title", "version"}) EXPECT_TRUE(doc["info"].contains(k));
  EXPECT_TRUE(doc["components"]["schemas"].contains("Error"));
  ASSERT_FALSE(doc["paths"].empty());
  std::set<std::string> ids;
  for (const auto& [path, methods] : doc["paths"].items()) {
    EXPECT_EQ(path.rfind("/api/", 0), 0u);
    for (const auto& [method, op] : methods.items()) {
      EXPECT_TRUE(std::set<std::string>({"get", "post", "put", "patch", "delete"}).count(method)) << method;
      EXPECT_TRUE(ids.insert(op["operationId"]).second);
      EXPECT_FALSE(op["responses"].empty());
      EXPECT_TRUE(op.contains("summary"));
      // Every {placeholder} is a declared path parameter.
      for (size_t at = path.find('{'); at != std::string::npos; at = path.find('{', at + 1)) {
        const std::string name = path.substr(at + 1, path.find('}', at) - at - 1);
        bool declared = false;
        for (const auto& p : op["parameters"]) declared |= p["name"] == name && p["in"] == "path" && p["required"] == true;
        EXPECT_TRUE(declared) << path << " " << name;
      }
      for (const auto& [code, r] : op["responses"].items()) EXPECT_TRUE(r.contains("description")) << path << code;
    }
  }
}

// --- bad input ---

TEST_F(Server, BadBodiesGetClearErrorsAndChangeNothing) {
  auto c = client();
  Caller analyst = sign_in(c, "analyst-user");
  const std::string before = dump_data(db());
  const std::string url = "/api/cases/C-2024-0002/triage";
  auto post = [&](const std::string& body, const char* type = "application/json") {
    return c.Post(url, analyst.headers(), body, type);
  };
  EXPECT_EQ(error_code_of(post("{\"decision\": \"no_action\", ")), "malformed_json");
  EXPECT_EQ(error_code_of(post(" ")), "malformed_json");
  EXPECT_EQ(error_code_of(post(R"({"decision": 5, "reason": []})")), "invalid_field");
  EXPECT_EQ(error_code_of(post(R"({"decision": "shrug", "reason": "x"})")), "invalid_field");
  EXPECT_EQ(error_code_of(post(R"({"decision": "forward", "reason": "x"})")), "invalid_field");  // to whom?
  EXPECT_EQ(error_code_of(post(R"({"decision": "no_action", "reason": "x", "by": "someone else"})")), "invalid_field");
  EXPECT_EQ(error_code_of(post(R"({"decision": "no_action", "reason": "x"})", "text/plain")), "unsupported_media_type");
  auto huge = post(R"({"decision":"no_action","reason":")" + std::string(200000, 'a') + "\"}");
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->status, 413);
  EXPECT_EQ(error_code_of(huge), "payload_too_large");
  httplib::MultipartFormDataItems big = {{"file", std::string(2 * 1024 * 1024, 'x'), "cases.csv", "text/csv"}};
  auto upload = c.Post("/api/imports", analyst.headers(), big);
  // Refused from its Content-Length before it is read: the client either reads the
  // 413 or finds the connection closed while it is still sending.
  EXPECT_TRUE(!upload || upload->status == 413) << upload->status;
  httplib::MultipartFormDataItems traversal = {{"file", "a;b\n1;2\n", "../../etc/passwd.csv", "text/csv"}};
  auto refused = c.Post("/api/imports", analyst.headers(), traversal);
  EXPECT_EQ(refused->status, 422) << refused->body;  // imported as "passwd.csv", and refused for its header
  EXPECT_EQ(dump_data(db()), before);
}

TEST_F(Server, UnknownRoutesAndMethodsAreJsonErrors) {
  auto c = client();
  auto res = c.Get("/api/nothing/here");
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(error_code_of(res), "not_found");
  res = c.Post("/api/overview", "{}", "application/json");
  EXPECT_EQ(res->status, 405);
  EXPECT_EQ(error_code_of(res), "method_not_allowed");
  res = c.Get("/api/cases/triage?limit=10&limit=20", sign_in(c, "analyst-user").headers());
  EXPECT_EQ(error_code_of(res), "invalid_parameter");
}

TEST_F(Server, TheDashboardIsServedButNothingOutsideItsFolder) {
  auto c = client();
  auto res = c.Get("/");
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "<html>vaksam</html>");
  EXPECT_EQ(c.Get("/cases/C-2024-0001")->body, "<html>vaksam</html>");  // the app's own route
  EXPECT_EQ(c.Get("/assets/app.js")->body, "console.log(1)");
  EXPECT_EQ(c.Get("/assets/missing.js")->status, 404);
  for (const char* path : {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt",
                           "/..%2fsecret.txt", "/assets/..%2f..%2fsecret.txt", "/%2e%2e%2f%2e%2e%2fsecret.txt",
                           "/.%2e/secret.txt", "/assets/%5c..%5c..%5csecret.txt"}) {
    auto r = c.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->body.find("TOPSECRET"), std::string::npos) << path;
    EXPECT_NE(r->status, 200) << path;
  }
}

TEST_F(Server, SqlMetacharactersInEveryFilterAreHarmless) {
  auto c = client();
  Caller admin = sign_in(c, "administrator-user");
  const std::string before = dump_data(db());
  auto doc = nlohmann::json::parse(c.Get("/api/openapi.json")->body);
  const std::vector<std::string> nasty = {"' OR '1'='1", "x'; DROP TABLE cases; --", "%", "_", "\" OR 1=1 --",
                                          "1) UNION SELECT narrative FROM cases --", "\\", "low,high'--"};
  int tried = 0;
  for (const auto& [path, methods] : doc["paths"].items()) {
    if (!methods.contains("get") || path.find('{') != std::string::npos) continue;
    for (const auto& p : methods["get"]["parameters"]) {
      if (p["in"] != "query") continue;
      for (const auto& value : nasty) {
        auto res = c.Get(path + "?" + p["name"].get<std::string>() + "=" + percent_encode(value), admin.headers());
        ASSERT_TRUE(res);
        ++tried;
        // Either refused as invalid, or taken as a literal value that matches nothing.
        EXPECT_TRUE(res->status == 400 || res->status == 200) << path << " " << p["name"] << " " << res->status;
        if (res->status == 400) {
          EXPECT_EQ(error_code_of(res), "invalid_parameter");
        } else {
          auto j = nlohmann::json::parse(res->body);
          if (j.contains("paging")) EXPECT_EQ(j["paging"]["total"], 0) << path << " " << p["name"] << "=" << value;
        }
      }
    }
  }
  EXPECT_GT(tried, 50);
  auto res = c.Get("/api/cases/" + percent_encode("C-2024-0001' OR '1'='1"), admin.headers());
  EXPECT_EQ(error_code_of(res), "case_not_found");
  EXPECT_EQ(dump_data(db()), before);
  EXPECT_EQ(query_one(db(), "PRAGMA integrity_check"), "ok");
}

// --- sessions, CSRF, tokens, rate limits ---

TEST_F(Server, AnExpiredSessionIsRefusedAndMustSignInAgain) {
  auto c = client();
  Caller analyst = sign_in(c, "analyst-user");
  ASSERT_EQ(c.Get("/api/session", analyst.headers())->status, 200);
  exec_sql(db(), "UPDATE sessions SET last_seen_at = '2000-01-01T00:00:00Z'");  // idle for decades
  auto res = c.Get("/api/cases/triage", analyst.headers());
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(error_code_of(res), "session_expired");
  Caller again = sign_in(c, "analyst-user");
  exec_sql(db(), "UPDATE sessions SET expires_at = '2000-01-01T00:00:00Z'");  // past its absolute end
  EXPECT_EQ(error_code_of(c.Get("/api/session", again.headers())), "session_expired");
  EXPECT_EQ(error_code_of(c.Get("/api/session", {{"Cookie", "vaksam_session=made-up"}})), "session_expired");
}

TEST_F(Server, StateChangesNeedTheCsrfTokenUnlessCalledWithAnApiToken) {
  auto c = client();
  Caller analyst = sign_in(c, "analyst-user");
  const std::string before = dump_data(db());
  const std::string body = R"({"decision":"initiate_supervision","reason":"csrf test"})";
  auto res = c.Post("/api/cases/C-2024-0003/triage", analyst.headers(false), body, "application/json");
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(error_code_of(res), "csrf_token_missing");
  Caller forged = analyst;
  forged.csrf = "not-the-token";
  EXPECT_EQ(error_code_of(c.Post("/api/cases/C-2024-0003/triage", forged.headers(), body, "application/json")),
            "csrf_token_missing");
  Caller viewer = sign_in(c, "viewer-user");
  EXPECT_EQ(error_code_of(c.Post("/api/cases/C-2024-0003/triage", viewer.headers(), body, "application/json")), "forbidden");
  EXPECT_EQ(dump_data(db()), before);
  // A system with an API token sends no cookie and needs no CSRF token.
  Caller system{"", "", database_->token};
  res = c.Post("/api/cases/C-2024-0003/triage", system.headers(), body, "application/json");
  EXPECT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(query_one(db(), "SELECT decided_by || ' ' || decision FROM triage_decisions WHERE reason = 'csrf test'"),
            "administrator-user initiate_supervision");
  EXPECT_EQ(error_code_of(c.Get("/api/overview", Caller{"", "", "vks_wrong"}.headers())), "invalid_token");
}

TEST_F(Server, RepeatedWrongPasswordsLockTheAccountForAWhile) {
  auto c = client();
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(error_code_of(c.Post("/api/session", R"({"name":"limited","password":"wrong password"})", "application/json")),
              "invalid_credentials");
  auto res = c.Post("/api/session", nlohmann::json({{"name", "limited"}, {"password", kPassword}}).dump(), "application/json");
  EXPECT_EQ(res->status, 429);
  EXPECT_GT(std::stoi(res->get_header_value("Retry-After")), 0);
  EXPECT_FALSE(sign_in(c, "analyst-user").cookie.empty());  // another account is not locked
  // The cookie and the stored session: only a digest is kept.
  auto ok = c.Post("/api/session", nlohmann::json({{"name", "auditor-user"}, {"password", kPassword}}).dump(), "application/json");
  const std::string set_cookie = ok->get_header_value("Set-Cookie");
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
  const std::string value = set_cookie.substr(set_cookie.find('=') + 1, set_cookie.find(';') - set_cookie.find('=') - 1);
  EXPECT_EQ(query_one(db(), "SELECT COUNT(*) FROM sessions WHERE token_hash = '" + value + "'"), "0");
}

// --- stopping and concurrency ---

TEST(ServerLifecycle, SigtermLetsAWriteInFlightFinishAndCommit) {
  signal(SIGPIPE, SIG_IGN);
  ServerDatabase database;
  ServerProcess server(database, {}, {"VAKSAM_FAILPOINT=slow_write"});
  ASSERT_TRUE(server.started()) << server.errors();
  std::atomic<int> status{0};
  std::thread writer([&] {
    auto c = server.client();
    Caller system{"", "", database.token};
    auto res = c.Post("/api/cases/C-2024-0001/triage", system.headers(),
                      R"({"decision":"forward","reason":"in flight","forwarded_to":"IVO avdelning öst"})",
                      "application/json");
    status = res ? res->status : -1;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the write is under way (it takes 1.5 s)
  server.signal_term();
  writer.join();
  EXPECT_EQ(status.load(), 201);
  EXPECT_EQ(server.stop(), 0) << server.errors();
  EXPECT_EQ(query_one(database.db(), "SELECT reason FROM triage_decisions"), "in flight");
  EXPECT_EQ(run_vaksam(database.dir, {"audit", "verify"}).exit_code, 0);
  httplib::Client late("127.0.0.1", server.port());
  EXPECT_FALSE(late.Get("/api/health"));  // no longer listening
}

TEST(ServerLifecycle, ReadersAreAnsweredWhileAnImportRuns) {
  TempDir dir;
  ASSERT_EQ(run_vaksam(dir, {"synth", "--seed", "5", "--scale", "0.05", "--years", "2", "--out", dir.file("synth")}).exit_code, 0);
  ASSERT_EQ(run_vaksam(dir, {"init"}).exit_code, 0);
  ASSERT_EQ(run_vaksam(dir, {"import", dir.file("synth/principals.csv"), dir.file("synth/units.csv")}).exit_code, 0);
  const std::string pw = dir.write("pw.txt", kPassword + "\n");
  ASSERT_EQ(run_vaksam(dir, {"user", "add", "anna", "--role", "analyst", "--password-file", pw}).exit_code, 0);
  auto token = run_vaksam(dir, {"user", "token", "anna"}).out;
  token = token.substr(0, token.find('\n'));
  // Started through the shell (this database is not a ServerDatabase).
  const std::string cmd = "VAKSAM_TODAY=2026-01-15 " + std::string(VAKSAM_BINARY) + " --db " + shell_quote(dir.file("v.db")) +
                          " serve --port 0 --threads 8 >" + shell_quote(dir.file("serve.out")) + " 2>&1 & echo $! >" +
                          shell_quote(dir.file("pid"));
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  int port = 0;
  for (int i = 0; i < 200 && !port; ++i) {
    std::smatch m;
    const std::string out = read_file(dir.file("serve.out"));
    if (std::regex_search(out, m, std::regex(":([0-9]+) \\(database"))) port = std::stoi(m[1]);
    else std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_GT(port, 0) << read_file(dir.file("serve.out"));
  const pid_t pid = std::stoi(read_file(dir.file("pid")));
  Caller anna{"", "", token};

  std::atomic<bool> importing{true};
  std::atomic<int> answered{0}, failed{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t)
    readers.emplace_back([&, t] {
      httplib::Client c("127.0.0.1", port);
      c.set_read_timeout(30);
      while (importing) {
        auto res = c.Get(t % 2 ? "/api/overview" : "/api/session", anna.headers());
        (res && res->status == 200 ? answered : failed)++;
      }
    });
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(120);
  httplib::MultipartFormDataItems items = {{"file", read_file(dir.file("synth/cases.csv")), "cases.csv", "text/csv"}};
  auto res = c.Post("/api/imports", anna.headers(), items);
  importing = false;
  for (auto& r : readers) r.join();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(failed.load(), 0);
  EXPECT_GT(answered.load(), 10);
  auto queue = c.Get("/api/cases/triage?limit=1", anna.headers());
  EXPECT_EQ(queue->status, 200);
  // The overview's figures are refreshed in the background; after an import through
  // the server that happens at once, so within a second or so they count the cases.
  const auto imported = nlohmann::json::parse(res->body)["new"].get<int64_t>();
  ASSERT_GT(imported, 0);
  int64_t counted = -1;
  for (int i = 0; i < 100 && counted != imported; ++i) {
    auto overview = c.Get("/api/overview", anna.headers());
    ASSERT_EQ(overview->status, 200);
    counted = nlohmann::json::parse(overview->body)["counts"].value("cases", int64_t{-1});
    if (counted != imported) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(counted, imported) << "the overview did not count the imported cases within 5 s";
  kill(pid, SIGTERM);
  for (int i = 0; i < 100 && kill(pid, 0) == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_NE(kill(pid, 0), 0);
  EXPECT_EQ(run_vaksam(dir, {"audit", "verify"}).exit_code, 0);
}

}  // namespace
}  // namespace vaksam::testing
