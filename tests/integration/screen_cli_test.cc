// Screening through the command line: screen the store, explain a flag, record
// an analyst's verdict, and re-screen only what is due.
#include <gtest/gtest.h>

#include "integration/cli_harness.h"

namespace vaksam::testing {
namespace {

class ScreenCli : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run_vaksam(dir_, {"init"}).exit_code, 0);
    auto r = run_vaksam(dir_, {"import", example("principals.csv"), example("units.csv"), example("cases.csv")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  std::string db() const { return dir_.file("v.db"); }
  TempDir dir_;
};

TEST_F(ScreenCli, ScreensEveryCaseOnceAndStoresTheEvidence) {
  auto r = run_vaksam(dir_, {"screen"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("screened 8 cases"), std::string::npos) << r.out;
  EXPECT_EQ(query_one(db(), "SELECT COUNT(*) FROM screenings"), "8");
  // "sambo slagit henne" in C-2024-0001 is partner violence; its evidence is stored with byte spans.
  EXPECT_EQ(query_one(db(), "SELECT violence FROM screenings WHERE case_id='C-2024-0001'"), "1");
  EXPECT_NE(run_vaksam(dir_, {"explain", "C-2024-0001", "--json"}).out.find("\"begin\""), std::string::npos);
  r = run_vaksam(dir_, {"screen"});
  EXPECT_NE(r.out.find("nothing to screen"), std::string::npos) << r.out;
  r = run_vaksam(dir_, {"screen", "--rescreen"});
  EXPECT_NE(r.out.find("screened 8 cases"), std::string::npos) << r.out;
}

TEST_F(ScreenCli, ExplainMarksTheWordsThatFired) {
  ASSERT_EQ(run_vaksam(dir_, {"screen"}).exit_code, 0);
  auto r = run_vaksam(dir_, {"explain", "C-2024-0001"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Violence: yes"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("⟦"), std::string::npos) << "evidence is marked in the text";
  EXPECT_NE(r.out.find("Evidence:"), std::string::npos);
  EXPECT_NE(r.out.find("partner"), std::string::npos) << r.out;
  r = run_vaksam(dir_, {"explain", "NO-SUCH-CASE"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no case NO-SUCH-CASE"), std::string::npos);
}

TEST_F(ScreenCli, AnalystVerdictsAreKeptAndReported) {
  ASSERT_EQ(run_vaksam(dir_, {"screen"}).exit_code, 0);
  EXPECT_EQ(run_vaksam(dir_, {"feedback", "C-2024-0001", "--confirm", "--user", "anna"}).exit_code, 0);
  EXPECT_EQ(run_vaksam(dir_, {"feedback", "C-2024-0002", "--reject", "--user", "anna", "--note", "fasthållning"}).exit_code, 0);
  EXPECT_EQ(run_vaksam(dir_, {"feedback", "C-2024-0001", "--target", "nonsense", "--confirm"}).exit_code, 2);
  EXPECT_EQ(run_vaksam(dir_, {"feedback", "C-2024-0001"}).exit_code, 2) << "--confirm or --reject is required";
  EXPECT_EQ(query_one(db(), "SELECT decided_by || ' ' || verdict FROM screening_feedback WHERE case_id='C-2024-0002'"),
            "anna rejected");
  auto r = run_vaksam(dir_, {"feedback"});
  EXPECT_NE(r.out.find("violence"), std::string::npos);
  EXPECT_NE(r.out.find("0.500"), std::string::npos) << r.out;  // one confirmed, one rejected
}

}  // namespace
}  // namespace vaksam::testing
