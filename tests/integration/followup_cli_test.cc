// Follow-up and planning through the real `vaksam` on a synthetic dataset: the queue, status
// changes (checked, audited, refused without a trace), plans with a random share that is
// reproducible, an exported plan that comes back through import, and the effect of
// supervision against the planted truth.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "integration/cli_harness.h"

namespace vaksam::testing {
namespace {

// A synthetic dataset, imported (not screened: follow-up needs no screening).
class FollowupCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    make_synthetic_store(*dir_, {"--seed", "1", "--years", "5", "--end-year", "2025", "--scale", "0.05"});
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string db() { return dir_->file("v.db"); }
  static nlohmann::json json_of(const RunResult& r) { return nlohmann::json::parse(r.out); }
  static TempDir* dir_;
};
TempDir* FollowupCli::dir_ = nullptr;

TEST_F(FollowupCli, TheQueueHasEveryOpenDeficiencyWithANextStep) {
  auto r = run_vaksam(*dir_, {"followup", "queue", "--as-of", "2025-12-31", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto q = json_of(r);
  const auto not_verified = query_one(db(), "SELECT COUNT(*) FROM deficiencies WHERE status <> 'verified'");
  EXPECT_EQ(std::to_string(q["total"].get<int>()), not_verified);
  ASSERT_FALSE(q["deficiencies"].empty());
  std::set<std::string> buckets;
  for (const auto& d : q["deficiencies"]) {
    buckets.insert(d["bucket"]);
    EXPECT_FALSE(d["next_step"].get<std::string>().empty());
    EXPECT_FALSE(d["reason"].get<std::string>().empty());
    if (d["bucket"] == "overdue" && d["status"] == "open")
      EXPECT_LT(d["deadline"].get<std::string>(), "2025-12-31") << d.dump();
    if (d["bucket"] == "recurring") EXPECT_GE(d["recurrences"].get<int>(), 2);
  }
  EXPECT_TRUE(buckets.count("overdue"));
  r = run_vaksam(*dir_, {"followup", "queue", "--bucket", "overdue", "--limit", "3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("next:"), std::string::npos);
}

TEST_F(FollowupCli, StatusChangesAreCheckedAuditedAndRefusedWithoutATrace) {
  const std::string id = query_one(db(), "SELECT deficiency_id FROM deficiencies WHERE status = 'open' "
                                         "ORDER BY deficiency_id LIMIT 1");
  ASSERT_FALSE(id.empty());
  const std::string date = query_one(db(), "SELECT status_date FROM deficiencies WHERE deficiency_id = '" + id + "'");
  const std::string decided = query_one(db(), "SELECT i.decision_date FROM deficiencies d JOIN inspections i USING "
                                              "(inspection_id) WHERE d.deficiency_id = '" + id + "'");
  const std::string before = dump_store(db());
  auto r = run_vaksam(*dir_, {"followup", "status", id, "--to", "verified", "--date", date});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("deficiency " + id + ": cannot go from open to verified"), std::string::npos) << r.err;
  r = run_vaksam(*dir_, {"followup", "status", "NO-SUCH-1", "--to", "account_received", "--date", date});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no such deficiency"), std::string::npos) << r.err;
  r = run_vaksam(*dir_, {"followup", "status", id, "--to", "escalated", "--date", date, "--deadline", "2000-01-01"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("is before the decision date " + decided), std::string::npos) << r.err;
  r = run_vaksam(*dir_, {"followup", "status", id, "--to", "account_received", "--date", "2001-01-01"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(dump_store(db()), before) << "a refused change must leave the store as it was";

  r = run_vaksam(*dir_, {"followup", "status", id, "--to", "account_received", "--date", date, "--note", "kom in"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(query_one(db(), "SELECT status FROM deficiencies WHERE deficiency_id = '" + id + "'"), "account_received");
  EXPECT_EQ(query_one(db(), "SELECT COUNT(*) FROM deficiency_status_history WHERE deficiency_id = '" + id +
                                "' AND status = 'account_received' AND batch_id IS NULL AND note = 'kom in'"),
            "1");
  EXPECT_EQ(query_one(db(), "SELECT COUNT(*) FROM audit_log WHERE action = 'deficiency_status' AND object_id = '" +
                                id + "'"),
            "1");
  EXPECT_EQ(run_vaksam(*dir_, {"audit", "verify"}).exit_code, 0);
}

TEST_F(FollowupCli, PlansHaveARandomShareThatIsReproducibleAndComeBackThroughImport) {
  const std::string units = query_one(db(), "SELECT COUNT(*) FROM units");
  const std::string before = dump_store(db());
  auto r = run_vaksam(*dir_, {"plan", "create", "--capacity", "0"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("the capacity must be at least 1"), std::string::npos) << r.err;
  r = run_vaksam(*dir_, {"plan", "create", "--capacity", std::to_string(std::stoi(units) + 1)});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("is more than the " + units + " entities"), std::string::npos) << r.err;
  EXPECT_EQ(dump_store(db()), before);

  r = run_vaksam(*dir_, {"plan", "create", "--capacity", "40", "--random-share", "0.2", "--seed", "4", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto p1 = json_of(r);
  ASSERT_EQ(p1["items"].size(), 40u);
  std::map<std::string, int> by;
  std::vector<std::string> random1;
  std::set<std::string> ids;
  for (const auto& i : p1["items"]) {
    ++by[i["selection"]];
    if (i["selection"] == "random") random1.push_back(i["id"]);
    EXPECT_TRUE(ids.insert(i["id"]).second);
    EXPECT_FALSE(i["reason"].get<std::string>().empty());
  }
  EXPECT_EQ(by["random"], 8);
  EXPECT_GT(by["priority"], 20);
  // The same seed draws the same units.
  r = run_vaksam(*dir_, {"plan", "create", "--capacity", "40", "--random-share", "0.2", "--seed", "4", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> random2;
  const auto p2 = json_of(r);
  for (const auto& i : p2["items"])
    if (i["selection"] == "random") random2.push_back(i["id"]);
  EXPECT_EQ(random1, random2);
  EXPECT_EQ(query_one(db(), "SELECT COUNT(*) FROM audit_log WHERE action = 'plan_create'"), "2");
  r = run_vaksam(*dir_, {"plan", "list", "--json"});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(json_of(r)["plans"].size(), 2u);

  // Export as an inspections file, "execute" it (dates, outcome), import it back.
  const int64_t plan_id = p1["plan_id"];
  const std::string file = dir_->file("plan-inspections.csv");
  r = run_vaksam(*dir_, {"plan", "export", std::to_string(plan_id), "--format", "inspections", "--out", file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::stringstream filled;
  std::istringstream in(read_file(file));
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (header) {
      filled << line << "\n";
      header = false;
      continue;
    }
    // inspection_id;inspection_type;unit_id;principal_id;started_date;decision_date;outcome;summary
    const auto pos = line.find(";;;ongoing;");
    ASSERT_NE(pos, std::string::npos) << line;
    filled << line.substr(0, pos) << ";2026-01-05;;ongoing;" << line.substr(pos + 11) << "\n";
  }
  std::ofstream(dir_->file("executed.csv")) << filled.str();
  r = run_vaksam(*dir_, {"import", "--entity", "inspections", dir_->file("executed.csv")});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(query_one(db(), "SELECT COUNT(*) FROM inspections WHERE inspection_id LIKE 'PLAN" + std::to_string(plan_id) +
                                "-%' AND inspection_type = 'random'"),
            "8");
  EXPECT_EQ(query_one(db(), "SELECT COUNT(*) FROM inspections WHERE inspection_id LIKE 'PLAN" +
                                std::to_string(plan_id) + "-%'"),
            "40");
}

TEST_F(FollowupCli, TheEffectSaysPlainlyWhenCountsAreTooSmall) {
  auto r = run_vaksam(*dir_, {"followup", "effect", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto e = json_of(r);
  EXPECT_TRUE(e.contains("overall"));
  for (const auto& ev : e["events"]) {
    const auto n = ev["signals_before"].get<int>() + ev["signals_after"].get<int>();
    if (n < 10) EXPECT_EQ(ev["verdict"], "too_few_to_tell") << ev.dump();
  }
  r = run_vaksam(*dir_, {"followup", "effect"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("by deficiency category"), std::string::npos);
}

}  // namespace
}  // namespace vaksam::testing

namespace vaksam::testing {
namespace {

// The default-size synthetic dataset: planted problems end when a deficiency at the unit is
// verified (truth/planted.csv, remedied_month); the effect must be recovered within its interval.
TEST(FollowupEffect, ThePlantedRemedyEffectIsRecoveredOnTheSyntheticDataset) {
  TempDir dir;
  make_synthetic_store(dir, {"--seed", "1", "--end-year", "2025"});
  if (HasFatalFailure()) return;
  const std::string out = dir.file("synth");
  auto r = run_vaksam(dir, {"followup", "effect", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto effect = nlohmann::json::parse(r.out);
  // truth: unit -> (onset month, factor, shape, remedied month) as running month numbers.
  struct Planted { int onset, remedied; double factor; bool ramp; };
  std::map<std::string, Planted> planted;
  std::istringstream in(read_file(out + "/truth/planted.csv"));
  std::string line;
  std::getline(in, line);
  auto month = [](const std::string& ym) { return std::stoi(ym.substr(0, 4)) * 12 + std::stoi(ym.substr(5, 2)) - 1; };
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, ';');) f.push_back(x);
    if (f.size() < 10 || f[9].empty()) continue;
    std::replace(f[6].begin(), f[6].end(), ',', '.');
    planted[f[0]] = {month(f[5]), month(f[9]), std::stod(f[6]), f[4] == "ramp"};
  }
  ASSERT_GE(planted.size(), 5u);
  size_t events = 0, covered = 0, clear_drops = 0;
  for (const auto& e : effect["events"]) {
    auto it = planted.find(e["unit_id"]);
    const int m = month(e["date"].get<std::string>().substr(0, 7));
    if (it == planted.end() || m != it->second.remedied) continue;
    // The planted multiplier over the before window, against 1 after the remedy.
    const auto& p = it->second;
    double sum = 0;
    for (int t = m - 12; t < m; ++t)
      sum += t < p.onset ? 1 : p.ramp ? 1 + (p.factor - 1) * std::min(1.0, (t - p.onset + 1) / 12.0) : p.factor;
    const double truth = 12 / sum;
    ++events;
    const double lo = e["did_ci"][0].get<double>(), hi = e["did_ci"][1].get<double>();
    covered += lo <= truth && truth <= hi;
    clear_drops += e["verdict"] == "fewer_signals";
    EXPECT_TRUE(lo <= truth && truth <= hi) << e.dump() << " truth " << truth;
  }
  EXPECT_GE(events, 5u);
  EXPECT_GE(covered + 1, events);  // 95 % intervals: at most one miss
  EXPECT_GE(clear_drops, 3u);
  // Most remedies are at units without a planted problem: overall, no change.
  EXPECT_LE(effect["overall"]["ci"][0].get<double>(), 1.0);
  EXPECT_GE(effect["overall"]["ci"][1].get<double>(), 1.0);
}

}  // namespace
}  // namespace vaksam::testing
