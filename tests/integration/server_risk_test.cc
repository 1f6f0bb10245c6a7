// The risk and statistics routes of `vaksam serve` against the command line on the
// same database: the ranked list is `vaksam risk top --json` (without evidence case
// ids), a profile is the stored explanation with signals and deficiencies (audited),
// a funnel is `vaksam risk funnel`, compute stores a run, the report is `vaksam stats
// report --format json`. Bad input of every kind gets a JSON error and changes nothing.
#include <gtest/gtest.h>

#include <set>

#include "integration/server_harness.h"

namespace vaksam::testing {
namespace {

class ServerRisk : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    database_ = new ServerDatabase();
    ASSERT_EQ(run_vaksam(database_->dir, {"risk", "compute"}).exit_code, 0);
    server_ = new ServerProcess(*database_);
    ASSERT_TRUE(server_->started()) << server_->errors();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete database_;
  }

  // GET as the administrator's API token; the parsed answer (null if not JSON).
  nlohmann::json get(const std::string& path, int want_status = 200) {
    auto c = server_->client();
    auto res = c.Get(path, bearer());
    EXPECT_TRUE(res) << path;
    if (!res) return nullptr;
    EXPECT_EQ(res->status, want_status) << path << " " << res->body.substr(0, 300);
    return nlohmann::json::parse(res->body, nullptr, false);
  }
  httplib::Headers bearer() const { return {{"Authorization", "Bearer " + database_->token}}; }
  nlohmann::json cli_json(const std::vector<std::string>& args) {
    auto r = run_vaksam(database_->dir, args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out, nullptr, false);
  }
  static nlohmann::json without_cases(nlohmann::json e) {
    for (auto& c : e["contributions"]) c.erase("cases");
    return e;
  }

  static ServerDatabase* database_;
  static ServerProcess* server_;
};
ServerDatabase* ServerRisk::database_ = nullptr;
ServerProcess* ServerRisk::server_ = nullptr;

TEST_F(ServerRisk, RankingIsWhatRiskTopPrintsAtEveryLevel) {
  for (const std::string level : {"unit", "principal", "municipality", "region"}) {
    auto cli = cli_json({"risk", "top", "--level", level, "--limit", "400", "--json"});
    auto api = get("/api/risk/ranking?level=" + level + "&limit=400");
    ASSERT_TRUE(api.is_object()) << level;
    for (const char* key : {"run_id", "as_of", "model_version", "fingerprint", "level"}) EXPECT_EQ(api[key], cli[key]) << key;
    ASSERT_EQ(api["entities"].size(), cli["entities"].size()) << level;
    EXPECT_EQ(api["paging"]["total"], cli["entities"].size() == 400 ? api["paging"]["total"] : nlohmann::json(cli["entities"].size()));
    for (size_t i = 0; i < cli["entities"].size(); ++i)
      EXPECT_EQ(api["entities"][i], without_cases(cli["entities"][i])) << level << " row " << i;
  }
  // 290 municipalities in one page, as the map asks; paging by offset.
  auto all = get("/api/risk/ranking?level=municipality&limit=290");
  EXPECT_EQ(all["entities"].size(), 290u);
  EXPECT_EQ(all["paging"], nlohmann::json({{"total", 290}, {"limit", 290}, {"offset", 0}}));
  auto page = get("/api/risk/ranking?level=municipality&limit=10&offset=20");
  ASSERT_EQ(page["entities"].size(), 10u);
  for (size_t i = 0; i < 10; ++i) EXPECT_EQ(page["entities"][i], all["entities"][20 + i]);
  EXPECT_EQ(get("/api/risk/ranking?level=municipality&limit=10&offset=5000")["entities"].size(), 0u);
  // The run summary: indicator names and the alarms expected by chance.
  auto run = get("/api/risk/run");
  EXPECT_EQ(run["run_id"], all["run_id"]);
  EXPECT_EQ(run["entities"]["municipality"], 290);
  EXPECT_TRUE(run["summary"]["alarms"].contains("expected_by_chance_per_month"));
  EXPECT_FALSE(run["summary"]["indicators"].empty());
}

TEST_F(ServerRisk, ProfileHasTheExplanationSignalsDeficienciesAndEvidenceAndIsAudited) {
  auto cli = cli_json({"risk", "top", "--level", "unit", "--limit", "100", "--json"});
  nlohmann::json row;
  for (const auto& e : cli["entities"])
    if (e["id"] == "U-IFO-0180") row = e;
  ASSERT_TRUE(row.is_object());
  auto p = get("/api/risk/entities/unit/U-IFO-0180");
  ASSERT_TRUE(p.is_object());
  EXPECT_EQ(p["entity"], row);  // with the evidence case ids
  std::set<std::string> evidence;
  for (const auto& c : row["contributions"])
    for (const auto& id : c["cases"]) evidence.insert(id);
  EXPECT_EQ(p["evidence_cases"].size(), evidence.size());
  for (const auto& id : p["evidence_cases"]) EXPECT_TRUE(evidence.count(id));
  // 36 months ending with the run's as-of month; the unit's violence cases are in it.
  ASSERT_EQ(p["time_series"].size(), 36u);
  EXPECT_EQ(p["time_series"].back()["month"], p["as_of"].get<std::string>().substr(0, 7));
  int signals = 0;
  for (const auto& m : p["time_series"]) signals += m["signals"].get<int>();
  EXPECT_GT(signals, 0);
  // examples/deficiencies.csv: two deficiencies from inspection I-2023-017 of this unit.
  std::set<std::string> defs;
  for (const auto& d : p["deficiencies"]) {
    defs.insert(d["deficiency_id"]);
    EXPECT_EQ(d["inspection_id"], "I-2023-017");
    for (const char* key : {"category", "deadline", "status"}) EXPECT_TRUE(d[key].is_string()) << key;
  }
  EXPECT_EQ(defs, (std::set<std::string>{"D-2023-017-1", "D-2023-017-2"}));
  EXPECT_EQ(p["deficiencies_total"], 2);
  EXPECT_EQ(query_one(database_->db(), "SELECT action || ' ' || object_type || ' ' || object_id FROM audit_log "
                                       "ORDER BY seq DESC LIMIT 1"),
            "read_risk_profile unit U-IFO-0180");
  // Other levels: a municipality by its code.
  auto m = get("/api/risk/entities/municipality/" + get("/api/risk/ranking?level=municipality&limit=1")["entities"][0]["id"].get<std::string>());
  EXPECT_EQ(m["level"], "municipality");
  EXPECT_EQ(m["time_series"].size(), 36u);
}

TEST_F(ServerRisk, FunnelIsWhatRiskFunnelPrints) {
  for (const std::string indicator : {"violence_signals", "violence_share"})
    for (const std::string level : {"unit", "principal"}) {
      auto cli = cli_json({"risk", "funnel", indicator, "--level", level});
      auto api = get("/api/risk/funnel/" + indicator + "?level=" + level);
      EXPECT_EQ(api, cli) << indicator << " " << level;
    }
  // In the examples, violence signals reach only one municipality: no funnel, either way.
  EXPECT_NE(run_vaksam(database_->dir, {"risk", "funnel", "violence_signals", "--level", "municipality"}).exit_code, 0);
  EXPECT_EQ(get("/api/risk/funnel/violence_signals?level=municipality", 422)["error"]["code"], "no_funnel");
}

TEST_F(ServerRisk, StatisticsReportIsWhatStatsReportPrintsForEveryRole) {
  auto cli = cli_json({"stats", "report", "--format", "json"});
  auto c = server_->client();
  for (const std::string role : {"analyst", "viewer", "auditor"}) {
    auto res = c.Get("/api/stats/report", sign_in(c, role + "-user").headers());
    ASSERT_TRUE(res && res->status == 200) << role;
    EXPECT_EQ(nlohmann::json::parse(res->body), cli) << role;
  }
  auto t = get("/api/stats/table?by=year&where=" + std::string("violence%3Dyes"));
  EXPECT_EQ(t, cli_json({"stats", "table", "--by", "year", "--where", "violence=yes", "--format", "json"}));
}

TEST_F(ServerRisk, ViewerAndAuditorSeeNoRiskRoutes) {
  auto c = server_->client();
  for (const std::string role : {"viewer", "auditor"}) {
    const auto who = sign_in(c, role + "-user");
    for (const std::string path : {"/api/risk/run", "/api/risk/ranking", "/api/risk/entities/unit/U-IFO-0180",
                                   "/api/risk/funnel/violence_signals"})
      EXPECT_EQ(error_code_of(c.Get(path, who.headers())), "forbidden") << role << " " << path;
  }
}

TEST_F(ServerRisk, BadInputGetsAJsonErrorAndChangesNothing) {
  const std::string before = dump_data(database_->db());
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"/api/risk/ranking?level=ward", "invalid_parameter"},
      {"/api/risk/ranking?level=unit%27%3B%20DROP%20TABLE%20risk_scores%3B--", "invalid_parameter"},
      {"/api/risk/ranking?limit=0", "invalid_parameter"},
      {"/api/risk/ranking?limit=10001", "invalid_parameter"},
      {"/api/risk/ranking?limit=-1", "invalid_parameter"},
      {"/api/risk/ranking?limit=ten", "invalid_parameter"},
      {"/api/risk/ranking?offset=-5", "invalid_parameter"},
      {"/api/risk/ranking?colour=red", "invalid_parameter"},
      {"/api/risk/entities/ward/U-IFO-0180", "invalid_parameter"},
      {"/api/risk/entities/unit/NO-SUCH-UNIT", "entity_not_found"},
      {"/api/risk/entities/unit/U%27%20OR%20%271%27%3D%271", "entity_not_found"},
      {"/api/risk/entities/principal/U-IFO-0180", "entity_not_found"},
      {"/api/risk/entities/unit/" + std::string(101, 'x'), "invalid_parameter"},
      {"/api/risk/funnel/no_such_indicator", "indicator_not_found"},
      {"/api/risk/funnel/x%27%20OR%201%3D1--", "indicator_not_found"},
      {"/api/risk/funnel/open_deficiencies", "no_funnel"},  // a count
      {"/api/risk/funnel/violence_signals?level=ward", "invalid_parameter"},
      {"/api/stats/table?by=bogus", "invalid_parameter"},
      {"/api/stats/table?where=nonsense", "invalid_parameter"},
      {"/api/stats/table?denominator=everyone", "invalid_parameter"},
  };
  auto c = server_->client();
  for (const auto& [path, code] : cases) {
    auto res = c.Get(path, bearer());
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->get_header_value("Content-Type").rfind("application/json", 0), 0u) << path;
    EXPECT_EQ(error_code_of(res), code) << path << " " << res->status;
  }
  for (const std::string body : {R"({"as_of":"2024-13-45"})", R"({"as_of":"yesterday"})", R"({"k":-1})",
                                 R"({"k":"ten"})", R"({"colour":"red"})", R"([1,2])", "not json"}) {
    auto res = c.Post("/api/risk/compute", bearer(), body, "application/json");
    ASSERT_TRUE(res) << body;
    EXPECT_EQ(res->status, 400) << body << " " << res->body;
  }
  EXPECT_EQ(dump_data(database_->db()), before) << "a refused request changed the store";
}

// Last in this suite: it adds a run.
TEST_F(ServerRisk, ZComputeStoresANewRunThatReadersSeeAtOnce) {
  const auto before = get("/api/risk/run");
  auto c = server_->client();
  auto res = c.Post("/api/risk/compute", bearer(), R"({"k":3})", "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  const auto summary = nlohmann::json::parse(res->body);
  EXPECT_EQ(summary["run_id"], before["run_id"].get<int64_t>() + 1);
  EXPECT_EQ(summary["k"]["unit"], 3);
  EXPECT_EQ(get("/api/risk/run")["run_id"], summary["run_id"]);
  const auto cli = cli_json({"risk", "top", "--json", "--limit", "5"});
  const auto api = get("/api/risk/ranking?limit=5");
  EXPECT_EQ(api["run_id"], cli["run_id"]);
  for (size_t i = 0; i < cli["entities"].size(); ++i) EXPECT_EQ(api["entities"][i], without_cases(cli["entities"][i]));
  EXPECT_EQ(query_one(database_->db(), "SELECT action || ' ' || object_id || ' ' || actor FROM audit_log WHERE "
                                       "action = 'risk_compute' ORDER BY seq DESC LIMIT 1"),
            "risk_compute " + summary["run_id"].dump() + " administrator-user");
  EXPECT_EQ(run_vaksam(database_->dir, {"audit", "verify"}).exit_code, 0);
}

TEST(ServerRiskWithoutRun, RoutesSayThereIsNoRunYet) {
  ServerDatabase database;  // imported and screened, no risk run
  ServerProcess server(database);
  ASSERT_TRUE(server.started()) << server.errors();
  auto c = server.client();
  const httplib::Headers h = {{"Authorization", "Bearer " + database.token}};
  EXPECT_EQ(error_code_of(c.Get("/api/risk/ranking", h)), "no_risk_run");
  EXPECT_EQ(error_code_of(c.Get("/api/risk/run", h)), "no_risk_run");
  EXPECT_EQ(error_code_of(c.Get("/api/risk/entities/unit/U-IFO-0180", h)), "no_risk_run");
  // A funnel needs the data only.
  EXPECT_EQ(c.Get("/api/risk/funnel/violence_signals", h)->status, 200);
  auto res = c.Post("/api/risk/compute", h, "{}", "application/json");
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(c.Get("/api/risk/ranking", h)->status, 200);
}

// A run stored by another process (`vaksam risk compute` beside the server) is found by
// the background refresh, which looks every two seconds, and served without a restart.
TEST(ServerRiskWithoutRun, ARunComputedBesideTheServerIsServedWithinSeconds) {
  ServerDatabase database;
  ServerProcess server(database);
  ASSERT_TRUE(server.started()) << server.errors();
  auto c = server.client();
  const httplib::Headers h = {{"Authorization", "Bearer " + database.token}};
  ASSERT_EQ(error_code_of(c.Get("/api/risk/run", h)), "no_risk_run");
  ASSERT_EQ(run_vaksam(database.dir, {"risk", "compute"}).exit_code, 0);
  const auto stored = query_one(database.db(), "SELECT MAX(run_id) FROM risk_runs");
  const auto started = std::chrono::steady_clock::now();
  int status = 0;
  std::string body;
  while (status != 200 && std::chrono::steady_clock::now() - started < std::chrono::seconds(10)) {
    auto res = c.Get("/api/risk/run", h);
    ASSERT_TRUE(res);
    status = res->status;
    body = res->body;
    if (status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(status, 200) << "the run was not served within 10 s: " << body;
  EXPECT_EQ(nlohmann::json::parse(body)["run_id"].dump(), stored);
  EXPECT_EQ(c.Get("/api/risk/entities/unit/U-IFO-0180", h)->status, 200);
}

}  // namespace
}  // namespace vaksam::testing
