// The real `vaksam` binary on PostgreSQL (a server the tests start, see
// tests/support/postgres_cluster.h): the same commands give the same results as on
// SQLite, a failing import leaves the database as it was, and the key file must be named.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <fstream>

#include "integration/cli_harness.h"
#include "support/postgres_cluster.h"

namespace vaksam::testing {
namespace {

// Every row of every table of the database, in a stable order: equal dumps mean an
// unchanged store.
std::string dump_postgres(const std::string& uri) {
  PGconn* c = PQconnectdb(uri.c_str());
  std::string out;
  PGresult* tables = PQexec(c, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1");
  for (int t = 0; t < PQntuples(tables); ++t) {
    const std::string name = PQgetvalue(tables, t, 0);
    out += "== " + name + "\n";
    PGresult* rows = PQexec(c, ("SELECT * FROM " + name + " ORDER BY 1, 2").c_str());
    for (int i = 0; i < PQntuples(rows); ++i) {
      for (int col = 0; col < PQnfields(rows); ++col)
        out += (PQgetisnull(rows, i, col) ? std::string("NULL") : std::string(PQgetvalue(rows, i, col))) + "|";
      out += "\n";
    }
    PQclear(rows);
  }
  PQclear(tables);
  PQfinish(c);
  return out;
}

std::string query_postgres(const std::string& uri, const std::string& sql) {
  PGconn* c = PQconnectdb(uri.c_str());
  PGresult* r = PQexec(c, sql.c_str());
  std::string out = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "<none>";
  PQclear(r);
  PQfinish(c);
  return out;
}

class PostgresCli : public ::testing::Test {
 protected:
  void SetUp() override { uri_ = database_ = PostgresCluster::shared().create_database(); }
  void TearDown() override { PostgresCluster::shared().drop_database(database_); }

  // `vaksam --db <uri> --key-file <dir>/pg.key args...`
  RunResult run(const std::vector<std::string>& args, const std::string& env = "") {
    std::string cmd = "VAKSAM_TODAY=2026-01-15 " + env + " " + VAKSAM_BINARY + " --db " + shell_quote(uri_) +
                      " --key-file " + shell_quote(dir_.file("pg.key"));
    for (const auto& a : args) cmd += " " + shell_quote(a);
    cmd += " >" + shell_quote(dir_.file("out.txt")) + " 2>" + shell_quote(dir_.file("err.txt"));
    RunResult r;
    const int status = std::system(cmd.c_str());
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_file(dir_.file("out.txt"));
    r.err = read_file(dir_.file("err.txt"));
    return r;
  }

  std::vector<std::string> import_examples() {
    return {"import",          example("deficiencies.csv"), example("cases.csv"), example("cases.jsonl"),
            example("units.csv"), example("inspections.csv"), example("indicators.csv"), example("principals.csv")};
  }

  std::string uri_;       // as given to vaksam
  std::string database_;  // as created
  TempDir dir_;
};

// The parts of `status --json` that describe the data (not the database's name or the time).
std::string data_part(const std::string& status_json) {
  const auto from = status_json.find("\"counts\""), to = status_json.find("\"last_import\"");
  return status_json.substr(from, to == std::string::npos ? std::string::npos : to - from);
}

TEST_F(PostgresCli, InitImportStatusAndScreenGiveTheSameAsSqlite) {
  TempDir lite;
  ASSERT_EQ(run_vaksam(lite, {"init"}).exit_code, 0);
  ASSERT_EQ(run_vaksam(lite, import_examples()).exit_code, 0);
  const auto lite_status = run_vaksam(lite, {"status", "--json"});
  const auto lite_screen = run_vaksam(lite, {"screen"});
  ASSERT_EQ(lite_screen.exit_code, 0) << lite_screen.err;

  auto r = run({"init"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("schema version"), std::string::npos) << r.out;
  r = run(import_examples());  // in the wrong order: units before principals, as SQLite copes with
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto status = run({"status", "--json"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("\"cases\": 10"), std::string::npos) << status.out;
  EXPECT_EQ(data_part(status.out), data_part(lite_status.out));
  const auto screen = run({"screen"});
  ASSERT_EQ(screen.exit_code, 0) << screen.err;
  // "screened N cases with lexicon L in T s (R MB/s): <flags>": all but the timing must agree.
  auto without_timing = [](const std::string& out) { return out.substr(0, out.find(" in ")) + out.substr(out.find("):")); };
  EXPECT_NE(screen.out.find("screened 10 cases"), std::string::npos) << screen.out;
  EXPECT_EQ(without_timing(screen.out), without_timing(lite_screen.out));

  const std::string flags = "SELECT COUNT(*) || '/' || SUM(CASE WHEN violence THEN 1 ELSE 0 END) FROM screenings";
  const std::string lite_flags = "SELECT COUNT(*) || '/' || SUM(violence) FROM screenings";
  EXPECT_EQ(query_postgres(uri_, flags), query_one(lite.file("v.db"), lite_flags));
  EXPECT_EQ(query_postgres(uri_, "SELECT COUNT(*) FROM deficiency_status_history"), "2");
  EXPECT_EQ(query_postgres(uri_, "SELECT value FROM indicator_values WHERE area_code='0180'"), "112.4");
  // Narratives are sealed at rest here too.
  // ("VKS1" is the sealed-text magic, privacy/text_cipher.cc.)
  EXPECT_EQ(query_postgres(uri_, "SELECT COUNT(*) > 0 AND bool_and(position('\\x564b5331'::bytea IN narrative) = 1) "
                                 "FROM cases WHERE narrative IS NOT NULL"),
            "t");
  // The audit trail, with its anchor beside the key file, verifies.
  const auto verify = run({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_TRUE(std::filesystem::exists(dir_.file("pg.key.audit-anchor")));
  // A second init refuses to touch the database.
  EXPECT_NE(run({"init"}).exit_code, 0);
}

TEST_F(PostgresCli, AFailingImportLeavesTheStoreUnchanged) {
  ASSERT_EQ(run({"init"}).exit_code, 0);
  ASSERT_EQ(run({"import", example("principals.csv"), example("units.csv"), example("cases.csv")}).exit_code, 0);
  const std::string before = dump_postgres(uri_);

  // Large enough (16 MiB and more) to be a bulk load, streamed with COPY, and bad at the end.
  std::string cases = read_file(example("cases.csv"));
  const std::string header = cases.substr(0, cases.find('\n') + 1);
  std::ofstream big(dir_.file("big.csv"), std::ios::binary);
  big << header;
  const std::string narrative(600, 'x');
  for (int i = 0; i < 30000; ++i)
    big << "B" << i << ";complaint;2025-03-01;U-IFO-0180;;;;;;\"" << narrative << "\"\n";
  big << "B-bad;complaint;2025-13-01;U-IFO-0180;;;;;;\"ogiltigt datum\"\n";
  big.close();
  ASSERT_GE(std::filesystem::file_size(dir_.file("big.csv")), 16u << 20);
  auto r = run({"import", dir_.file("big.csv")});
  EXPECT_NE(r.exit_code, 0) << r.out;
  EXPECT_EQ(dump_postgres(uri_), before);

  // The same file without the bad row goes in whole.
  std::string text = read_file(dir_.file("big.csv"));
  text.erase(text.find("B-bad"));
  std::ofstream(dir_.file("good.csv"), std::ios::binary) << text;
  r = run({"import", dir_.file("good.csv")});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(query_postgres(uri_, "SELECT COUNT(*) FROM cases WHERE case_id LIKE 'B%'"), "30000");
  // And a re-import of it changes nothing.
  const std::string after = dump_postgres(uri_);
  r = run({"import", dir_.file("good.csv")});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(dump_postgres(uri_), after);
}

TEST_F(PostgresCli, TheKeyFileMustBeNamed) {
  std::string cmd = "VAKSAM_KEY_FILE= " + std::string(VAKSAM_BINARY) + " --db " + shell_quote(uri_) + " init 2>" +
                    shell_quote(dir_.file("err.txt"));
  EXPECT_NE(std::system(cmd.c_str()), 0);
  const std::string err = read_file(dir_.file("err.txt"));
  EXPECT_NE(err.find("--key-file"), std::string::npos) << err;
  EXPECT_EQ(query_postgres(uri_, "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'"), "0");
}

TEST_F(PostgresCli, APasswordInTheLocationIsNeverShown) {
  // Trust authentication ignores the password; it must not appear anywhere vaksam writes.
  const std::string secret = "hemligt-losen-123";
  uri_.insert(uri_.find(":///") + 3, std::string(PostgresCluster::kUser) + ":" + secret + "@");
  uri_.erase(uri_.find("&user="));
  ASSERT_EQ(run({"init"}).exit_code, 0) << read_file(dir_.file("err.txt"));
  const auto status = run({"status"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("***"), std::string::npos) << status.out;
  EXPECT_EQ(status.out.find(secret), std::string::npos);
  EXPECT_EQ(dump_postgres(uri_).find(secret), std::string::npos);
}

}  // namespace
}  // namespace vaksam::testing
