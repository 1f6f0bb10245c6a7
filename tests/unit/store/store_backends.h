// The store's backends as the contract tests see them: open a fresh store, open it
// again, and look at the raw database beside the Store interface (to check what the
// interface alone cannot show: history rows, indexes, refusals by triggers).
#pragma once

#include <libpq-fe.h>
#include <sqlite3.h>

#include <memory>
#include <set>
#include <string>

#include "store/postgres_store.h"
#include "store/sqlite_store.h"
#include "support/postgres_cluster.h"
#include "support/temp_dir.h"

namespace vaksam::store {

class Backend {
 public:
  virtual ~Backend() = default;
  virtual std::unique_ptr<Store> open(OpenMode mode) = 0;
  // The first row of a query, its columns joined by '|' (NULL as "NULL"); "<none>"
  // if no row; throws std::runtime_error with the database's message if refused.
  virtual std::string query(const std::string& sql) = 0;
  virtual std::set<std::string> columns_of(const std::string& table) = 0;
  virtual int index_count(const std::string& table) = 0;  // secondary indexes
};

class SqliteBackend final : public Backend {
 public:
  std::unique_ptr<Store> open(OpenMode mode) override { return open_sqlite(dir_.file("v.db"), mode); }

  std::string query(const std::string& sql) override {
    sqlite3* db = nullptr;
    sqlite3_open(dir_.file("v.db").c_str(), &db);
    sqlite3_stmt* s = nullptr;
    std::string out = "<none>";
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
      std::string m = sqlite3_errmsg(db);
      sqlite3_close(db);
      throw std::runtime_error(m);
    }
    const int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
      out.clear();
      for (int c = 0; c < sqlite3_column_count(s); ++c) {
        const auto* p = sqlite3_column_text(s, c);
        out += (c ? "|" : "") + std::string(p ? reinterpret_cast<const char*>(p) : "NULL");
      }
    }
    std::string error = rc == SQLITE_ROW || rc == SQLITE_DONE ? "" : sqlite3_errmsg(db);
    sqlite3_finalize(s);
    sqlite3_close(db);
    if (!error.empty()) throw std::runtime_error(error);
    return out;
  }

  std::set<std::string> columns_of(const std::string& table) override {
    std::set<std::string> out;
    sqlite3* db = nullptr;
    sqlite3_open(dir_.file("v.db").c_str(), &db);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, ("PRAGMA table_info(" + table + ")").c_str(), -1, &s, nullptr);
    while (sqlite3_step(s) == SQLITE_ROW) out.insert(reinterpret_cast<const char*>(sqlite3_column_text(s, 1)));
    sqlite3_finalize(s);
    sqlite3_close(db);
    return out;
  }

  int index_count(const std::string& table) override {
    return std::stoi(query("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                           "AND tbl_name = '" + table + "'"));
  }

 private:
  testing::TempDir dir_;
};

class PostgresBackend final : public Backend {
 public:
  PostgresBackend() : uri_(testing::PostgresCluster::shared().create_database()) {}
  ~PostgresBackend() override {
    try {
      testing::PostgresCluster::shared().drop_database(uri_);
    } catch (...) {  // the cluster goes away with the test run anyway
    }
  }

  std::unique_ptr<Store> open(OpenMode mode) override { return open_postgres(uri_, mode); }
  const std::string& uri() const { return uri_; }

  std::string query(const std::string& sql) override {
    PGconn* c = PQconnectdb(uri_.c_str());
    PGresult* r = PQexec(c, sql.c_str());
    std::string out = "<none>", error;
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0) {
      out.clear();
      for (int col = 0; col < PQnfields(r); ++col)
        out += (col ? "|" : "") + std::string(PQgetisnull(r, 0, col) ? "NULL" : PQgetvalue(r, 0, col));
    } else if (PQresultStatus(r) != PGRES_TUPLES_OK && PQresultStatus(r) != PGRES_COMMAND_OK) {
      error = PQresultErrorMessage(r);
    }
    PQclear(r);
    PQfinish(c);
    if (!error.empty()) throw std::runtime_error(error);
    return out;
  }

  std::set<std::string> columns_of(const std::string& table) override {
    std::set<std::string> out;
    PGconn* c = PQconnectdb(uri_.c_str());
    PGresult* r = PQexec(c, ("SELECT column_name FROM information_schema.columns WHERE table_schema = "
                             "current_schema() AND table_name = '" + table + "'").c_str());
    for (int i = 0; i < PQntuples(r); ++i) out.insert(PQgetvalue(r, i, 0));
    PQclear(r);
    PQfinish(c);
    return out;
  }

  int index_count(const std::string& table) override {
    return std::stoi(query("SELECT COUNT(*) FROM pg_index x WHERE x.indrelid = '" + table +
                           "'::regclass AND NOT x.indisprimary AND NOT x.indisunique"));
  }

 private:
  std::string uri_;
};

inline std::unique_ptr<Backend> make_backend(const std::string& name) {
  if (name == "postgresql") return std::make_unique<PostgresBackend>();
  return std::make_unique<SqliteBackend>();
}

}  // namespace vaksam::store
