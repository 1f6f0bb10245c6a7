// `vaksam risk` through the real binary on synthetic data: compute stores an explained run,
// top lists it with contributions that sum to the score, funnel gives plot data, backtest
// compares with the baselines; bad input gets clear messages and changes nothing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "integration/cli_harness.h"

namespace vaksam::testing {
namespace {

class RiskCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    make_synthetic_store(*dir_, {"--seed", "3", "--years", "4", "--end-year", "2025", "--scale", "0.1"});
    if (HasFatalFailure()) return;
    ASSERT_EQ(run_vaksam(*dir_, {"screen", "--threads", "2"}).exit_code, 0);
  }
  static void TearDownTestSuite() { delete dir_; }
  static TempDir* dir_;
};
TempDir* RiskCli::dir_ = nullptr;

TEST_F(RiskCli, TopBeforeAnyComputeSaysWhatToDo) {
  // Runs first (declaration order): no run stored yet.
  auto r = run_vaksam(*dir_, {"risk", "top"});
  if (r.exit_code == 0) GTEST_SKIP() << "a run was already computed by an earlier test";
  EXPECT_NE(r.err.find("vaksam risk compute"), std::string::npos) << r.err;
}

TEST_F(RiskCli, ComputeStoresAnExplainedReproducibleRun) {
  auto r = run_vaksam(*dir_, {"risk", "compute", "--json", "--as-of", "2025-12-31"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto summary = nlohmann::json::parse(r.out);
  const std::string fingerprint = summary["fingerprint"];
  EXPECT_EQ(fingerprint.size(), 32u);
  EXPECT_GT(summary["alarms"]["units_monitored"].get<int>(), 0);
  EXPECT_GE(summary["alarms"]["expected_by_chance_per_month"].get<double>(), 0);
  EXPECT_EQ(query_one(dir_->file("v.db"), "SELECT COUNT(*) FROM risk_scores WHERE run_id = " +
                                                   summary["run_id"].dump() + " AND level = 'region'"),
            "21");

  auto top = run_vaksam(*dir_, {"risk", "top", "--json", "--limit", "15"});
  ASSERT_EQ(top.exit_code, 0) << top.err;
  auto j = nlohmann::json::parse(top.out);
  ASSERT_EQ(j["entities"].size(), 15u);
  int previous_rank = 0;
  double previous_score = 1e9;
  for (const auto& e : j["entities"]) {
    double sum = 0;
    for (const auto& c : e["contributions"]) sum += c["points"].get<double>();
    EXPECT_NEAR(sum, e["score"].get<double>(), 1e-3 * (1 + e["contributions"].size()));
    EXPECT_EQ(e["rank"].get<int>(), previous_rank + 1);
    EXPECT_LE(e["score"].get<double>(), previous_score + 1e-9);
    EXPECT_LE(e["rank_interval"][0].get<int>(), e["rank"].get<int>());
    EXPECT_GE(e["rank_interval"][1].get<int>(), e["rank"].get<int>());
    EXPECT_FALSE(e["freshness"]["data_through"].get<std::string>().empty());
    previous_rank = e["rank"];
    previous_score = e["score"];
  }
  // Every case id named as evidence exists and belongs to that unit.
  const auto& first = j["entities"][0];
  for (const auto& c : first["contributions"])
    if (c.contains("cases"))
      for (const auto& id : c["cases"])
        if (c["indicator"] != "user_voice" && c["indicator"] != "vinr_routine")
          EXPECT_EQ(query_one(dir_->file("v.db"), "SELECT unit_id FROM cases WHERE case_id = '" +
                                                           id.get<std::string>() + "'"),
                    first["id"].get<std::string>());

  // The same inputs give the same fingerprint and the same order.
  auto again = run_vaksam(*dir_, {"risk", "compute", "--json", "--as-of", "2025-12-31"});
  EXPECT_EQ(nlohmann::json::parse(again.out)["fingerprint"], fingerprint);
  auto top2 = nlohmann::json::parse(run_vaksam(*dir_, {"risk", "top", "--json", "--limit", "15"}).out);
  for (size_t i = 0; i < 15; ++i) EXPECT_EQ(top2["entities"][i]["id"], j["entities"][i]["id"]);
  // ... and the recompute is in the audit trail.
  EXPECT_NE(run_vaksam(*dir_, {"audit", "show", "--object-type", "risk_run"}).out.find("risk_compute"),
            std::string::npos);
}

TEST_F(RiskCli, FunnelGivesPointsAndLimitsForAPlot) {
  auto r = run_vaksam(*dir_, {"risk", "funnel", "violence_signals"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_GT(j["points"].size(), 50u);
  ASSERT_EQ(j["limits"].size(), 101u);
  for (const auto& l : j["limits"]) {
    EXPECT_LE(l["lcl998"].get<double>(), l["lcl95"].get<double>());
    EXPECT_LE(l["lcl95"].get<double>(), 1.0 + 1e-9);
    EXPECT_GE(l["ucl95"].get<double>(), 1.0 - 1e-9);
    EXPECT_LE(l["ucl95"].get<double>(), l["ucl998"].get<double>());
  }
}

TEST_F(RiskCli, BacktestComparesWithTheBaselines) {
  auto r = run_vaksam(*dir_, {"risk", "backtest", "--truth", dir_->file("synth") + "/truth", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["methods"].size(), 4u);
  EXPECT_EQ(j["methods"][0]["method"], "composite");
  EXPECT_EQ(j["methods"][3]["method"], "random");
  EXPECT_GT(j["origins"].get<int>(), 20);
  EXPECT_EQ(j["detection_delay"].size(), 3u);
  EXPECT_EQ(j["calibration"].size(), 5u);
  // The composite finds planted problems better than chance.
  EXPECT_GT(j["methods"][0]["auc_planted"].get<double>(), 0.55);
}

TEST_F(RiskCli, BadInputGetsAClearMessageAndChangesNothing) {
  const std::string before = dump_store(dir_->file("v.db"));
  auto r = run_vaksam(*dir_, {"risk", "funnel", "no_such_indicator"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("no indicator 'no_such_indicator'"), std::string::npos) << r.err;
  r = run_vaksam(*dir_, {"risk", "funnel", "overdue_deficiencies"});
  EXPECT_NE(r.err.find("no funnel plot"), std::string::npos) << r.err;
  r = run_vaksam(*dir_, {"risk", "top", "--level", "county"});
  EXPECT_NE(r.err.find("unknown level 'county'"), std::string::npos) << r.err;
  r = run_vaksam(*dir_, {"risk", "compute", "--as-of", "2025-02-30"});
  EXPECT_NE(r.err.find("not a date"), std::string::npos) << r.err;
  r = run_vaksam(*dir_, {"risk", "backtest", "--truth", dir_->file("nowhere")});
  EXPECT_NE(r.err.find("cannot read"), std::string::npos) << r.err;
  // A broken indicator definition names the file and the field.
  std::filesystem::create_directories(dir_->file("ind"));
  {
    std::ofstream f(dir_->file("ind") + "/x.indicator.json");
    f << R"({"id":"x","name_sv":"x","name_en":"x","weight":"heavy"})";
  }
  r = run_vaksam(*dir_, {"risk", "compute", "--indicators", dir_->file("ind")});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("x.indicator.json"), std::string::npos) << r.err;
  EXPECT_EQ(dump_store(dir_->file("v.db")), before);
}

}  // namespace
}  // namespace vaksam::testing
