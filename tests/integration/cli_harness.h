// Runs the real `vaksam` binary and inspects what it left behind.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace vaksam::testing {

struct RunResult {
  int exit_code = -1;
  std::string out, err;
};

inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs `vaksam --db <db> args...` with stdout and stderr captured; `env` is put
// before the command (e.g. "VAKSAM_FAILPOINT=purge").
inline RunResult run_vaksam(const TempDir& dir, const std::vector<std::string>& args, const std::string& env = "") {
  std::string cmd = "VAKSAM_TODAY=2026-01-15 " + env + " " + VAKSAM_BINARY + " --db " +
                    shell_quote(dir.file("v.db"));
  for (const auto& a : args) cmd += " " + shell_quote(a);
  cmd += " >" + shell_quote(dir.file("out.txt")) + " 2>" + shell_quote(dir.file("err.txt"));
  RunResult r;
  const int status = std::system(cmd.c_str());
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(dir.file("out.txt"));
  r.err = read_file(dir.file("err.txt"));
  return r;
}

// Every row of every table, in a stable order: equal dumps mean an unchanged store.
inline std::string dump_store(const std::string& db_path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return "<no db>";
  std::string out;
  std::vector<std::string> tables;
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name", -1, &s, nullptr);
  while (sqlite3_step(s) == SQLITE_ROW) tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
  sqlite3_finalize(s);
  for (const auto& t : tables) {
    out += "== " + t + "\n";
    std::string sql = "SELECT * FROM \"" + t + "\" ORDER BY 1, 2";
    sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr);
    while (sqlite3_step(s) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(s); ++c) {
        const void* p = sqlite3_column_blob(s, c);
        out += p ? std::string(static_cast<const char*>(p), sqlite3_column_bytes(s, c)) : "NULL";
        out += '|';
      }
      out += '\n';
    }
    sqlite3_finalize(s);
  }
  sqlite3_close(db);
  return out;
}

// One value from the store (first column of the first row), or "<none>".
inline std::string query_one(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* s = nullptr;
  std::string out = "<none>";
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
    const void* p = sqlite3_column_blob(s, 0);
    out = p ? std::string(static_cast<const char*>(p), sqlite3_column_bytes(s, 0)) : "NULL";
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return out;
}

inline std::string example(const std::string& name) {
  return std::string(VAKSAM_SOURCE_DIR) + "/examples/" + name;
}

// `vaksam synth` with `synth_args` into dir/synth, then `init` and one `import` of every
// generated file (in name order, so yearly deficiency snapshots come in order). Fails the
// calling test with the command's messages if a step fails.
inline void make_synthetic_store(const TempDir& dir, std::vector<std::string> synth_args) {
  const std::string out = dir.file("synth");
  synth_args.insert(synth_args.begin(), "synth");
  synth_args.insert(synth_args.end(), {"--out", out});
  auto r = run_vaksam(dir, synth_args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(run_vaksam(dir, {"init"}).exit_code, 0);
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(out))
    if (e.path().extension() == ".csv") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  files.insert(files.begin(), "import");
  r = run_vaksam(dir, files);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
}

}  // namespace vaksam::testing
