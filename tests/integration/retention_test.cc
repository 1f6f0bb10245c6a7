// Retention: text goes first, then personal data, then whole records (their counts
// stay); a dry run and an interrupted purge remove nothing.
#include <gtest/gtest.h>

#include "integration/cli_harness.h"

namespace vaksam::testing {
namespace {

class Retention : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run_vaksam(dir_, {"init"}).exit_code, 0);
    ASSERT_EQ(run_vaksam(dir_, {"import", example("principals.csv"), example("units.csv"), example("cases.csv")})
                  .exit_code, 0);
    ASSERT_EQ(run_vaksam(dir_, {"screen"}).exit_code, 0);
    // "Today" is 2026-01-15 in these tests. Cutoffs: text 2024-05-24, personal data 2024-04-04,
    // records 2024-02-15, so C-2024-0001 (received 2024-02-12) goes whole.
    ASSERT_EQ(run_vaksam(dir_, {"retention", "set", "case_text", "601"}).exit_code, 0);
    ASSERT_EQ(run_vaksam(dir_, {"retention", "set", "personal_data", "651"}).exit_code, 0);
    ASSERT_EQ(run_vaksam(dir_, {"retention", "set", "case_records", "700"}).exit_code, 0);
  }
  std::string db() const { return dir_.file("v.db"); }
  TempDir dir_;
};

TEST_F(Retention, ShowListsTheCategories) {
  auto r = run_vaksam(dir_, {"retention", "show"});
  EXPECT_NE(r.out.find("case_text               601"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("superseded_versions"), std::string::npos);
  EXPECT_EQ(run_vaksam(dir_, {"retention", "set", "everything", "5"}).exit_code, 4);
}

TEST_F(Retention, PurgeRemovesTextFirstThenPersonalDataThenRecords) {
  auto r = run_vaksam(dir_, {"purge"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("whole cases received before 2024-02-15: 1"), std::string::npos) << r.out;
  EXPECT_EQ(query_one(db(), "SELECT COUNT(*) FROM cases WHERE case_id = 'C-2024-0001'"), "0");
  EXPECT_EQ(query_one(db(), "SELECT SUM(cases) FROM purged_case_counts"), "1");
  EXPECT_EQ(query_one(db(), "SELECT case_kind || ' ' || month FROM purged_case_counts"), "complaint 2024-02");
  // Received 2024-03-05 and 2024-04-18: text gone, the record stays.
  EXPECT_EQ(run_vaksam(dir_, {"case", "C-2024-0002", "--field", "narrative"}).out, "");
  EXPECT_EQ(run_vaksam(dir_, {"case", "C-2024-0003", "--field", "narrative"}).out, "");
  EXPECT_EQ(query_one(db(), "SELECT subject_pseudonym IS NULL FROM cases WHERE case_id = 'C-2024-0002'"), "1");
  EXPECT_EQ(query_one(db(), "SELECT violence FROM screenings WHERE case_id = 'C-2024-0003'"), "1")
      << "the flag stays for statistics";
  // Received 2024-05-02: text gone, pseudonym kept (personal data cutoff is earlier).
  EXPECT_EQ(query_one(db(), "SELECT subject_pseudonym IS NULL FROM cases WHERE case_id = 'C-2024-0004'"), "0");
  // Received 2024-08-21: untouched.
  EXPECT_NE(run_vaksam(dir_, {"case", "C-2024-0006", "--field", "narrative"}).out.find("struptag"), std::string::npos);
  EXPECT_EQ(query_one(db(), "SELECT COUNT(*) FROM audit_log WHERE action = 'purge'"), "1");
  EXPECT_EQ(run_vaksam(dir_, {"audit", "verify"}).exit_code, 0);
  // A second purge finds nothing more.
  r = run_vaksam(dir_, {"purge"});
  EXPECT_NE(r.out.find("whole cases received before 2024-02-15: 0"), std::string::npos) << r.out;
}

TEST_F(Retention, DryRunRemovesNothing) {
  const std::string before = dump_store(db());
  auto r = run_vaksam(dir_, {"purge", "--dry-run"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("would purge"), std::string::npos);
  EXPECT_NE(r.out.find("whole cases received before 2024-02-15: 1"), std::string::npos) << r.out;
  EXPECT_EQ(dump_store(db()), before);
}

TEST_F(Retention, APurgeInterruptedMidwayRemovesNothing) {
  const std::string before = dump_store(db());
  auto r = run_vaksam(dir_, {"purge"}, "VAKSAM_FAILPOINT=purge");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("stopped midway"), std::string::npos) << r.err;
  EXPECT_EQ(dump_store(db()), before);
  EXPECT_EQ(run_vaksam(dir_, {"purge"}).exit_code, 0);
  EXPECT_EQ(query_one(db(), "SELECT COUNT(*) FROM cases"), "7");
}

}  // namespace
}  // namespace vaksam::testing
