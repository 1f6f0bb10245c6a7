// `vaksam stats` on the synthetic data through the real binary: synth -> import ->
// screen -> stats report, its structure, its suppression marks, and the planted
// rise in girls' seclusion; bad input gives clear messages and exit code 2.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>

#include "integration/cli_harness.h"

namespace vaksam::testing {
namespace {

class StatsCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    make_synthetic_store(*dir_, {"--seed", "1", "--years", "5", "--end-year", "2025", "--scale", "0.05"});
    if (HasFatalFailure()) return;
    // Before screening, the report says what is missing and still shows seclusion.
    unscreened_ = new RunResult(run_vaksam(*dir_, {"stats", "report", "--format", "json"}));
    ASSERT_EQ(run_vaksam(*dir_, {"screen", "--threads", "1"}).exit_code, 0);
  }
  static void TearDownTestSuite() {
    delete unscreened_;
    delete dir_;
  }
  static nlohmann::json json_of(const RunResult& r) { return nlohmann::json::parse(r.out); }

  static TempDir* dir_;
  static RunResult* unscreened_;
};
TempDir* StatsCli::dir_ = nullptr;
RunResult* StatsCli::unscreened_ = nullptr;

// Every cell of a table: suppressed ones show ".." and no number or rate; shown ones a count.
int check_cells(const nlohmann::json& table) {
  int suppressed = 0;
  for (const auto& c : table["cells"]) {
    if (c["suppressed"].get<bool>()) {
      ++suppressed;
      EXPECT_TRUE(c["count"].is_null());
      EXPECT_EQ(c["display"], "..");
      if (c.contains("rate")) EXPECT_TRUE(c["rate"].is_null() && c["rate_lower"].is_null());
    } else {
      EXPECT_TRUE(c["count"].is_number_integer());
    }
  }
  return suppressed;
}

TEST_F(StatsCli, ReportBeforeScreeningSaysToScreen) {
  ASSERT_EQ(unscreened_->exit_code, 0) << unscreened_->err;
  const auto j = json_of(*unscreened_);
  EXPECT_NE(j["violence"]["unavailable"].get<std::string>().find("vaksam screen"), std::string::npos);
  EXPECT_TRUE(j["seclusion"].contains("by_sex_year"));
}

TEST_F(StatsCli, ReportHasItsSectionsAndSuppressesSmallCells) {
  const auto r = run_vaksam(*dir_, {"stats", "report", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = json_of(r);
  for (const char* k : {"violence", "seclusion", "disability"}) ASSERT_FALSE(j[k].contains("unavailable")) << k;
  EXPECT_EQ(j["violence"]["by_sex_year"]["dimensions"][0]["name"], "sex");
  EXPECT_TRUE(j["violence"]["by_sex_year"]["rates"].get<bool>());
  int suppressed = 0;
  for (const auto* t : {&j["violence"]["by_sex_year"], &j["violence"]["by_sex_category_year"],
                        &j["seclusion"]["by_sex_year"], &j["disability"]["sex_by_disability"]})
    suppressed += check_cells(*t);
  EXPECT_GT(suppressed, 0) << "at scale 0.05 some forms of violence and groups are rare";
  EXPECT_EQ(r.out.find("NaN"), std::string::npos);

  const auto csv = run_vaksam(*dir_, {"stats", "report"});
  ASSERT_EQ(csv.exit_code, 0);
  EXPECT_NE(csv.out.find(";..;"), std::string::npos) << "suppressed cells are marked";
  EXPECT_EQ(csv.out.find("nan"), std::string::npos);
}

TEST_F(StatsCli, TheGirlsSeclusionRiseIsVisible) {
  const auto j = json_of(run_vaksam(*dir_, {"stats", "report", "--format", "json"}));
  const auto& strata = j["seclusion"]["girls_boys"]["strata"];
  const auto& last = strata.back();
  EXPECT_EQ(last["stratum"]["label_en"], "2025");
  ASSERT_TRUE(last["available"].get<bool>()) << last.dump();
  EXPECT_GT(last["ci_lower"].get<double>(), 1.0) << "girls/boys rate ratio in the last year";
  // The girls' trend is upward; the boys' interval covers no change.
  const auto& trend = j["seclusion"]["trend"]["strata"];
  ASSERT_EQ(trend.size(), 3u);
  EXPECT_EQ(trend[1]["stratum"]["label_en"], "Female");
  EXPECT_GT(trend[1]["rate_ratio_per_year"].get<double>(), 1.1);
  EXPECT_LT(trend[2]["ci"]["lower"].get<double>(), 1.0);
}

TEST_F(StatsCli, TableCompareAndTrendCommands) {
  auto r = run_vaksam(*dir_, {"stats", "table", "--by", "year", "--where", "kind=lex_sarah", "--where", "violence=yes"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("sex;year;label;count;person_years;rate;rate_lower;rate_upper\n") != std::string::npos, true)
      << r.out;
  r = run_vaksam(*dir_, {"stats", "table", "--by", "region", "--no-sex", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(json_of(r)["sex_disaggregated"].get<bool>());
  r = run_vaksam(*dir_, {"stats", "compare", "--by", "year", "--groups", "sex=female,male", "--where",
                         "kind=seclusion", "--denominator", "placements", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json_of(r)["comparison"]["kind"], "rate_ratio");
  r = run_vaksam(*dir_, {"stats", "trend", "--where", "kind=seclusion", "--denominator", "placements"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("rate_ratio_per_year"), std::string::npos);
}

TEST_F(StatsCli, BadInputIsAUsageErrorWithAClearMessage) {
  auto r = run_vaksam(*dir_, {"stats", "table", "--by", "colour"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no dimension 'colour'"), std::string::npos) << r.err;
  r = run_vaksam(*dir_, {"stats", "table", "--where", "kind=lex_karin"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no case_kind 'lex_karin'"), std::string::npos) << r.err;
  r = run_vaksam(*dir_, {"stats", "compare", "--by", "vulnerability:disability", "--groups", "sex=female,male"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no rates"), std::string::npos) << r.err;
  r = run_vaksam(*dir_, {"stats", "table", "--where", "municipality=2184", "--where", "kind=seclusion"});
  EXPECT_EQ(r.exit_code, 0) << r.err;  // an empty selection: zeros and a note
  EXPECT_NE(r.out.find("No case matches"), std::string::npos);
}

}  // namespace
}  // namespace vaksam::testing
