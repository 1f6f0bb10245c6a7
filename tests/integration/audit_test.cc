// The audit trail records accesses and changes, and `vaksam audit verify` names
// the first entry that was altered, removed or reordered in the database itself.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "integration/cli_harness.h"

namespace vaksam::testing {
namespace {

void exec_sql(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  sqlite3_close(db);
}

class Audit : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run_vaksam(dir_, {"init"}).exit_code, 0);
    ASSERT_EQ(run_vaksam(dir_, {"import", example("principals.csv"), example("units.csv"), example("cases.csv")})
                  .exit_code, 0);
    ASSERT_EQ(run_vaksam(dir_, {"screen"}).exit_code, 0);
    ASSERT_EQ(run_vaksam(dir_, {"explain", "C-2024-0001"}).exit_code, 0);
    ASSERT_EQ(run_vaksam(dir_, {"explain", "C-2024-0003"}).exit_code, 0);
    ASSERT_EQ(run_vaksam(dir_, {"feedback", "C-2024-0001", "--confirm"}).exit_code, 0);
  }
  std::string db() const { return dir_.file("v.db"); }
  // Tampering "by hand": the triggers that keep the trail append-only are dropped first.
  void tamper(const std::string& sql) {
    exec_sql(db(), "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; " + sql);
  }
  TempDir dir_;
};

TEST_F(Audit, EveryAccessAndChangeIsRecordedAndTheChainVerifies) {
  // init, 3 imports, screen, 2 reads of case texts, 1 feedback.
  EXPECT_EQ(query_one(db(), "SELECT COUNT(*) FROM audit_log"), "8");
  EXPECT_EQ(query_one(db(), "SELECT group_concat(action, ',') FROM (SELECT action FROM audit_log ORDER BY seq)"),
            "init,import,import,import,screen,read_case_text,read_case_text,screening_feedback");
  EXPECT_EQ(query_one(db(), "SELECT object_id FROM audit_log WHERE seq = 6"), "C-2024-0001");
  EXPECT_NE(query_one(db(), "SELECT origin FROM audit_log WHERE seq = 6").find("cli@"), std::string::npos);
  auto r = run_vaksam(dir_, {"audit", "verify"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("intact: 8 entries"), std::string::npos) << r.out;
}

TEST_F(Audit, SqlCannotChangeTheTrail) {
  sqlite3* handle = nullptr;
  sqlite3_open(db().c_str(), &handle);
  EXPECT_NE(sqlite3_exec(handle, "UPDATE audit_log SET actor = 'x' WHERE seq = 2", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(handle, "DELETE FROM audit_log WHERE seq = 2", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(handle);
}

TEST_F(Audit, AnAlteredEntryIsNamed) {
  tamper("UPDATE audit_log SET object_id = 'C-2024-0002' WHERE seq = 6;");
  auto r = run_vaksam(dir_, {"audit", "verify"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_NE(r.out.find("entry 6 was altered"), std::string::npos) << r.out;
}

TEST_F(Audit, ARemovedEntryIsNamed) {
  tamper("DELETE FROM audit_log WHERE seq = 7;");
  auto r = run_vaksam(dir_, {"audit", "verify"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_NE(r.out.find("entries 7 to 7 were removed"), std::string::npos) << r.out;
}

TEST_F(Audit, ReorderedEntriesAreNamed) {
  // Swap the contents of entries 6 and 7 (who read which case, and when).
  tamper("CREATE TEMP TABLE t AS SELECT * FROM audit_log WHERE seq IN (6, 7);"
         "DELETE FROM audit_log WHERE seq IN (6, 7);"
         "INSERT INTO audit_log SELECT 13 - seq, at, actor, action, object_type, object_id, origin, details, "
         "prev_mac, mac FROM t;");
  auto r = run_vaksam(dir_, {"audit", "verify"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_NE(r.out.find("entry 6"), std::string::npos) << r.out;
}

TEST_F(Audit, ATruncatedTrailIsCaughtByTheAnchor) {
  tamper("DELETE FROM audit_log WHERE seq >= 7;");
  auto r = run_vaksam(dir_, {"audit", "verify"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_NE(r.out.find("truncated"), std::string::npos) << r.out;
}

TEST_F(Audit, ShowFiltersAndIsItselfRecorded) {
  auto r = run_vaksam(dir_, {"audit", "show", "--object-type", "case", "--object", "C-2024-0003"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("read_case_text"), std::string::npos);
  EXPECT_EQ(r.out.find("C-2024-0001"), std::string::npos) << "filtered by object";
  EXPECT_EQ(query_one(db(), "SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1"), "read_audit_trail");
  r = run_vaksam(dir_, {"audit", "show", "--since", "2999-01-01"});
  EXPECT_EQ(r.out.find("read_case_text"), std::string::npos);
  EXPECT_EQ(run_vaksam(dir_, {"audit", "verify"}).exit_code, 0);
}

TEST_F(Audit, AMissingOrWrongKeyStopsEverythingAndWritesNothing) {
  const std::string before = dump_store(db());
  std::filesystem::rename(dir_.file("v.db.key"), dir_.file("elsewhere.key"));
  auto r = run_vaksam(dir_, {"explain", "C-2024-0001"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_NE(r.err.find("v.db.key"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "") << "no text is shown without the key";
  // Another installation's key opens nothing here.
  TempDir other;
  ASSERT_EQ(run_vaksam(other, {"init"}).exit_code, 0);
  r = run_vaksam(dir_, {"--key-file", other.file("v.db.key"), "case", "C-2024-0001"});
  EXPECT_EQ(r.exit_code, 4) << r.out;
  EXPECT_NE(r.err.find("does not belong to this database"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(dump_store(db()), before);
}

}  // namespace
}  // namespace vaksam::testing
