// What a successful import does: encodings, re-import as a no-op, history of
// changed records, reject files, and all-or-nothing even when killed.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "integration/cli_harness.h"

namespace vaksam::testing {
namespace {

const std::string kHeader =
    "case_id;case_kind;received_date;unit_id;principal_id;subject_pnr;subject_sex;subject_age_band;"
    "vulnerabilities;narrative\n";

class Import : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run_vaksam(dir_, {"init"}).exit_code, 0);
    auto r = run_vaksam(dir_, {"import", example("units.csv"), example("principals.csv")});
    ASSERT_EQ(r.exit_code, 0) << r.err;  // given in the wrong order on purpose
  }
  std::string db() const { return dir_.file("v.db"); }
  TempDir dir_;
};

TEST_F(Import, InitCreatesAPrivateKeyAndRefusesToOverwrite) {
  struct stat st {};
  ASSERT_EQ(::stat(dir_.file("v.db.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  auto r = run_vaksam(dir_, {"init"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("already exists"), std::string::npos) << r.err;
}

TEST_F(Import, AllExamplesImportAndStatusCountsThem) {
  auto r = run_vaksam(dir_, {"import", example("deficiencies.csv"), example("cases.csv"), example("cases.jsonl"),
                             example("inspections.csv"), example("indicators.csv")});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  auto s = run_vaksam(dir_, {"status", "--json"});
  ASSERT_EQ(s.exit_code, 0);
  EXPECT_NE(s.out.find("\"cases\": 10"), std::string::npos) << s.out;
  EXPECT_NE(s.out.find("\"lex_sarah\": 2"), std::string::npos) << s.out;
  EXPECT_NE(s.out.find("\"first\": \"2024-02-12\""), std::string::npos) << s.out;
  EXPECT_EQ(query_one(db(), "SELECT COUNT(*) FROM deficiency_status_history"), "2");
  EXPECT_EQ(query_one(db(), "SELECT value FROM indicator_values WHERE area_code='0180'"), "112.4");
  EXPECT_EQ(query_one(db(), "SELECT denominator FROM indicator_values WHERE indicator_id='U30750'"), "10000.0");
}

TEST_F(Import, ReimportingTheSameFilesChangesNothing) {
  const std::vector<std::string> files{example("cases.csv"), example("cases.jsonl"), example("inspections.csv"),
                                       example("deficiencies.csv"), example("indicators.csv")};
  std::vector<std::string> args{"import"};
  args.insert(args.end(), files.begin(), files.end());
  ASSERT_EQ(run_vaksam(dir_, args).exit_code, 0);
  const std::string before = dump_store(db());
  auto r = run_vaksam(dir_, args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("cases, 8 rows: 0 new, 0 changed, 8 unchanged"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("no changes"), std::string::npos);
  EXPECT_EQ(dump_store(db()), before);
}

TEST_F(Import, AChangedRowUpdatesTheRecordAndKeepsTheEarlierVersion) {
  const std::string v1 = kHeader + "C1;complaint;2024-02-12;U-IFO-0180;;;female;25-44;;Första versionen.\n" +
                         "C2;tip;2024-02-13;U-IFO-0180;;;;;;Oförändrad.\n";
  ASSERT_EQ(run_vaksam(dir_, {"import", dir_.write("v1.csv", v1)}).exit_code, 0);
  const std::string v2 = kHeader + "C1;complaint;2024-02-12;U-IFO-0180;;;female;25-44;;Andra versionen.\n" +
                         "C2;tip;2024-02-13;U-IFO-0180;;;;;;Oförändrad.\n" +
                         "C3;tip;2024-02-14;U-IFO-0180;;;;;;Ny.\n";
  auto r = run_vaksam(dir_, {"import", dir_.write("v2.csv", v2)});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("3 rows: 1 new, 1 changed, 1 unchanged, 0 rejected"), std::string::npos) << r.out;
  EXPECT_EQ(run_vaksam(dir_, {"case", "C1", "--field", "narrative"}).out, "Andra versionen.");
  EXPECT_EQ(query_one(db(), "SELECT version FROM cases WHERE case_id='C1'"), "2");
  EXPECT_EQ(query_one(db(), "SELECT version FROM cases_history WHERE case_id='C1'"), "1");
  EXPECT_EQ(query_one(db(), "SELECT COUNT(*) FROM cases_history"), "1");
  // The earlier version's text is kept, sealed like the current one.
  EXPECT_EQ(query_one(db(), "SELECT instr(narrative, 'versionen') FROM cases_history WHERE case_id='C1'"), "0");
  EXPECT_NE(query_one(db(), "SELECT length(narrative) FROM cases_history WHERE case_id='C1'"), "NULL");
}

TEST_F(Import, WindowsCodePageIsDecoded) {
  // "Våld mot äldre, även hot" in Windows-1252.
  std::string row = "C1;complaint;2024-02-12;U-IFO-0180;;;;;;V\xE5ld mot \xE4ldre, \xE4ven hot \x96 \x80\n";
  auto r = run_vaksam(dir_, {"import", dir_.write("cp1252.csv", kHeader + row)});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Windows-1252"), std::string::npos) << r.out;
  EXPECT_EQ(run_vaksam(dir_, {"case", "C1", "--field", "narrative"}).out, "Våld mot äldre, även hot – €");
}

TEST_F(Import, ByteOrderMarkAndCommaDelimiterAndCrlf) {
  std::string content = "\xEF\xBB\xBF" "case_id,case_kind,received_date,unit_id,narrative\r\n"
                        "C1,lex_sarah,2024-02-12,U-LSS-0180-1,\"Text med komma, och \"\"citat\"\"\"\r\n";
  auto r = run_vaksam(dir_, {"import", dir_.write("bom.csv", content)});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(run_vaksam(dir_, {"case", "C1", "--field", "narrative"}).out, "Text med komma, och \"citat\"");
  EXPECT_EQ(query_one(db(), "SELECT principal_id FROM cases"), "K0180");  // taken from the unit
}

TEST_F(Import, RejectFileImportsTheValidRowsAndListsTheOthers) {
  const std::string content = kHeader + "C1;complaint;2024-02-12;U-IFO-0180;;;;;;Giltig.\n" +
                              "C2;complaint;2024-02-30;U-IFO-0180;;850314-9828;;;;Ogiltigt datum.\n" +
                              "C3;complaint;2024-02-14;U-IFO-0180;;;;;;Giltig.\n";
  const std::string rejects = dir_.file("rejected.csv");
  auto r = run_vaksam(dir_, {"import", "--reject-file", rejects, dir_.write("cases.csv", content)});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_EQ(query_one(db(), "SELECT group_concat(case_id) FROM (SELECT case_id FROM cases ORDER BY 1)"), "C1,C3");
  const std::string rejected = read_file(rejects);
  EXPECT_NE(rejected.find("reject_line;reject_reason"), std::string::npos) << rejected;
  EXPECT_NE(rejected.find("C2;complaint;2024-02-30;U-IFO-0180;;;"), std::string::npos) << rejected;
  EXPECT_NE(rejected.find(";3;\"received_date: not a valid date"), std::string::npos) << rejected;
  EXPECT_EQ(rejected.find("850314"), std::string::npos) << "a raw identity number reached the reject file";
}

TEST_F(Import, DryRunWritesNothing) {
  const std::string before = dump_store(db());
  auto r = run_vaksam(dir_, {"import", "--dry-run", example("cases.csv")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("dry run"), std::string::npos);
  EXPECT_EQ(dump_store(db()), before);
}

TEST_F(Import, KilledInTheMiddleLeavesTheStoreAsItWas) {
  std::string content = kHeader;
  content.reserve(200u << 20);
  const std::string narrative(400, 'x');
  for (int i = 0; i < 250000; ++i)
    content += "K" + std::to_string(i) + ";complaint;2024-02-12;U-IFO-0180;;;;;;" + narrative + "\n";
  const std::string path = dir_.write("big.csv", content);
  content.clear();
  const std::string before = dump_store(db());
  pid_t pid = fork();
  if (pid == 0) {
    execl(VAKSAM_BINARY, VAKSAM_BINARY, "--db", db().c_str(), "import", path.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Kill once the import has written rows inside its open transaction: the WAL or,
  // for a bulk load under a rollback journal, the database file itself has grown.
  auto size_of = [](const std::string& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 ? static_cast<long long>(st.st_size) : 0LL;
  };
  const long long db_before = size_of(db());
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    if (size_of(db() + "-wal") > (8 << 20) || size_of(db()) - db_before > (8 << 20)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  int status = 0;
  if (waitpid(pid, &status, WNOHANG) == pid) GTEST_SKIP() << "the import finished before it could be killed";
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  // The next vaksam to open the store rolls the interrupted transaction back.
  auto r = run_vaksam(dir_, {"status"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(query_one(db(), "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(dump_store(db()), before);
  // And the store takes the same file whole afterwards.
  r = run_vaksam(dir_, {"import", path});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(query_one(db(), "SELECT COUNT(*) FROM cases"), "250000");
}

}  // namespace
}  // namespace vaksam::testing
