// The follow-up and plan routes over HTTP: the shapes the dashboard reads, a status change
// that sticks, and bad input of every kind answered with a clear JSON error and no change.
#include <gtest/gtest.h>

#include "integration/server_harness.h"

namespace vaksam::testing {
namespace {

class FollowupServer : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    signal(SIGPIPE, SIG_IGN);
    database_ = new ServerDatabase();
    server_ = new ServerProcess(*database_);
    ASSERT_TRUE(server_->started()) << server_->errors();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete database_;
  }
  static ServerDatabase* database_;
  static ServerProcess* server_;
};
ServerDatabase* FollowupServer::database_ = nullptr;
ServerProcess* FollowupServer::server_ = nullptr;

TEST_F(FollowupServer, TheQueueAndAStatusChange) {
  auto c = server_->client();
  const Caller who = sign_in(c, "analyst-user");
  auto res = c.Get("/api/followup/queue", who.headers());
  ASSERT_TRUE(res && res->status == 200) << (res ? res->body : "");
  auto q = nlohmann::json::parse(res->body);
  ASSERT_FALSE(q["deficiencies"].empty());
  nlohmann::json d1;
  for (const auto& d : q["deficiencies"])
    if (d["deficiency_id"] == "D-2023-017-1") d1 = d;
  ASSERT_FALSE(d1.is_null()) << q.dump();
  EXPECT_EQ(d1["status"], "open");
  EXPECT_EQ(d1["bucket"], "overdue");  // deadline 2024-03-31, today 2026-01-15
  EXPECT_EQ(d1["unit_id"], "U-IFO-0180");
  EXPECT_FALSE(d1["next_step"].get<std::string>().empty());
  for (const char* key : {"category", "required_action", "deadline", "status_date", "reason", "legal_basis"})
    EXPECT_TRUE(d1.contains(key)) << key;

  res = c.Post("/api/followup/deficiencies/D-2023-017-1/status", who.headers(),
               R"({"status":"account_received","status_date":"2024-04-10","note":"sent late"})", "application/json");
  ASSERT_TRUE(res && res->status == 200) << (res ? res->body : "");
  EXPECT_EQ(nlohmann::json::parse(res->body)["previous_status"], "open");
  res = c.Get("/api/followup/queue", who.headers());
  for (const auto& d : nlohmann::json::parse(res->body)["deficiencies"])
    if (d["deficiency_id"] == "D-2023-017-1") EXPECT_EQ(d["status"], "account_received");
}

TEST_F(FollowupServer, BadInputIsRefusedClearlyAndChangesNothing) {
  auto c = server_->client();
  const Caller who = sign_in(c, "inspector-user");
  const std::string before = dump_data(database_->db());
  auto post = [&](const std::string& path, const std::string& body) {
    return c.Post(path, who.headers(), body, "application/json");
  };
  auto res = post("/api/followup/deficiencies/NOPE/status", R"({"status":"accepted","status_date":"2024-05-01"})");
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(error_code_of(res), "deficiency_not_found");
  // D-2023-017-2 is account_received: verified skips acceptance.
  res = post("/api/followup/deficiencies/D-2023-017-2/status", R"({"status":"verified","status_date":"2024-05-01"})");
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(error_code_of(res), "status_change_refused");
  EXPECT_NE(res->body.find("cannot go from account_received to verified"), std::string::npos) << res->body;
  res = post("/api/followup/deficiencies/D-2023-017-2/status",
             R"({"status":"not_accepted","status_date":"2024-05-01","deadline":"2023-01-01"})");
  EXPECT_EQ(res->status, 422);
  EXPECT_NE(res->body.find("before the decision date"), std::string::npos) << res->body;
  res = post("/api/followup/deficiencies/D-2023-017-2/status", R"({"status":"accepted","status_date":"2020-01-01"})");
  EXPECT_EQ(res->status, 422);
  res = post("/api/followup/deficiencies/D-2023-017-2/status", R"({"status":"done","status_date":"2024-05-01"})");
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(error_code_of(res), "invalid_field");
  res = post("/api/followup/deficiencies/D-2023-017-2/status",
             R"({"status":"accepted","status_date":"2024-05-01","by":"someone"})");
  EXPECT_EQ(res->status, 400);
  res = post("/api/plans", R"({"capacity":0,"random_share":0.1})");
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(error_code_of(res), "invalid_field");
  res = post("/api/plans", R"({"capacity":500,"random_share":0.1})");
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(error_code_of(res), "plan_refused");
  EXPECT_NE(res->body.find("is more than the"), std::string::npos) << res->body;
  res = post("/api/plans", R"({"capacity":2,"random_share":1.5})");
  EXPECT_EQ(res->status, 400);
  res = post("/api/plans", R"({"capacity":2,"random_share":0.1,"colour":"red"})");
  EXPECT_EQ(res->status, 400);
  res = c.Get("/api/followup/queue?bucket=late", who.headers());
  EXPECT_EQ(res->status, 400);
  res = c.Get("/api/followup/queue?sort=x", who.headers());
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(dump_data(database_->db()), before);
}

TEST_F(FollowupServer, APlanWithARandomShare) {
  auto c = server_->client();
  const Caller who = sign_in(c, "analyst-user");
  auto res = c.Post("/api/plans", who.headers(), R"({"capacity":4,"random_share":0.5,"seed":9,"level":"unit"})",
                    "application/json");
  ASSERT_TRUE(res && res->status == 201) << (res ? res->body : "");
  const auto plan = nlohmann::json::parse(res->body);
  ASSERT_EQ(plan["items"].size(), 4u);
  int random = 0;
  for (const auto& i : plan["items"]) {
    random += i["selection"] == "random";
    for (const char* key : {"id", "name", "rank", "score", "selection", "reason"}) EXPECT_TRUE(i.contains(key)) << key;
  }
  EXPECT_EQ(random, 2);
  res = c.Get("/api/plans", who.headers());
  ASSERT_EQ(res->status, 200);
  const auto list = nlohmann::json::parse(res->body)["plans"];
  ASSERT_FALSE(list.empty());
  EXPECT_EQ(list[0]["plan_id"], plan["plan_id"]);
  EXPECT_EQ(list[0]["capacity"], 4);
  EXPECT_DOUBLE_EQ(list[0]["random_share"].get<double>(), 0.5);
  for (const char* key : {"created_at", "created_by"}) EXPECT_TRUE(list[0].contains(key)) << key;
  res = c.Get("/api/plans/" + std::to_string(plan["plan_id"].get<int64_t>()), who.headers());
  EXPECT_EQ(res->status, 200);
  res = c.Get("/api/plans/999", who.headers());
  EXPECT_EQ(error_code_of(res), "plan_not_found");
}

}  // namespace
}  // namespace vaksam::testing
