// A throw-away PostgreSQL server for tests: initdb into a fresh directory under /tmp,
// started with pg_ctl on a unix socket only (listen_addresses=''), fsync off. Each
// test gets a fresh database in it.
//
// Under ctest the server is started once for the whole run by a fixture
// (pg_test_cluster start, see tests/CMakeLists.txt), which names it in the file
// $VAKSAM_TEST_PG_STATE; a test executable run by hand starts its own once and
// stops it at exit. PostgreSQL refuses to run as root: as root (CI) the server runs
// as the `postgres` system user that the Debian package creates.
//
// The PostgreSQL tests are required: if the server cannot be started, shared()
// throws with a message saying why, and the tests fail.
#pragma once

#include <libpq-fe.h>
#include <pwd.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace vaksam::testing {

class PostgresCluster {
 public:
  static constexpr const char* kUser = "vaksam_test";  // the cluster's superuser

  // The server this process uses (see the header comment).
  static PostgresCluster& shared() {
    static std::unique_ptr<PostgresCluster> cluster = [] {
      const char* state = std::getenv("VAKSAM_TEST_PG_STATE");
      if (state && std::filesystem::exists(state)) return attach(state);
      return start();
    }();
    return *cluster;
  }

  // Creates a new directory under /tmp, initialises a cluster in it and starts it.
  static std::unique_ptr<PostgresCluster> start() {
    const std::string bin = bindir();
    std::string pattern = "/tmp/vaksam-pg-XXXXXX";
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("PostgreSQL tests: cannot create a directory in /tmp");
    auto cluster = std::unique_ptr<PostgresCluster>(new PostgresCluster(pattern, true));
    const std::string as = run_as_prefix();
    if (!as.empty()) run("chown postgres: " + quote(pattern), "giving the cluster directory to the postgres user");
    run(as + quote(bin + "/initdb") + " -D " + quote(cluster->data_dir()) + " -U " + kUser +
            " --auth=trust --no-sync --no-locale -E UTF8",
        "initdb");
    const std::string options = "-c listen_addresses='' -c unix_socket_directories='" + pattern +
                                "' -c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                                "-c max_connections=60 -c shared_buffers=64MB";
    try {
      run(as + quote(bin + "/pg_ctl") + " -D " + quote(cluster->data_dir()) + " -l " +
              quote(pattern + "/server.log") + " -w -t 60 -o " + quote(options) + " start",
          "pg_ctl start");
    } catch (const std::runtime_error& e) {
      std::ifstream log(pattern + "/server.log");
      std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
      throw std::runtime_error(std::string(e.what()) + "\nserver log:\n" + text);
    }
    cluster->running_ = true;
    return cluster;
  }

  // The server another process started and named in `state_file` (its directory).
  static std::unique_ptr<PostgresCluster> attach(const std::string& state_file) {
    std::ifstream in(state_file);
    std::string dir;
    std::getline(in, dir);
    if (dir.empty()) throw std::runtime_error("PostgreSQL tests: " + state_file + " names no cluster");
    auto cluster = std::unique_ptr<PostgresCluster>(new PostgresCluster(dir, false));
    cluster->running_ = true;  // stop() stops it; the destructor leaves it to its owner
    return cluster;
  }

  ~PostgresCluster() {
    if (owner_) stop();
  }
  PostgresCluster(const PostgresCluster&) = delete;
  PostgresCluster& operator=(const PostgresCluster&) = delete;

  void stop() {
    if (running_) {
      try {
        run(run_as_prefix() + quote(bindir() + "/pg_ctl") + " -D " + quote(data_dir()) + " -m immediate -w stop",
            "pg_ctl stop");
      } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
      }
      running_ = false;
    }
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  void keep_running() { owner_ = false; }  // for the ctest fixture: another process stops it

  const std::string& dir() const { return dir_; }  // also the unix socket directory
  std::string data_dir() const { return dir_ + "/data"; }

  // A libpq URI for database `name` of this cluster.
  std::string uri(const std::string& name) const {
    return "postgresql:///" + name + "?host=" + dir_ + "&user=" + kUser;
  }

  // A new, empty database; returns its URI.
  std::string create_database() {
    static std::atomic<int> counter{0};
    const std::string name = "vaksam_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + "_" +
                             std::to_string(std::random_device{}() % 1000000);
    admin("CREATE DATABASE " + name + " TEMPLATE template0");
    return uri(name);
  }

  void drop_database(const std::string& database_uri) {
    const auto slash = database_uri.find(":///"), question = database_uri.find('?');
    admin("DROP DATABASE IF EXISTS " + database_uri.substr(slash + 4, question - slash - 4) + " WITH (FORCE)");
  }

  // Runs one statement as the superuser in the maintenance database.
  void admin(const std::string& sql) const {
    PGconn* c = PQconnectdb(uri("postgres").c_str());
    if (PQstatus(c) != CONNECTION_OK) {
      std::string m = PQerrorMessage(c);
      PQfinish(c);
      throw std::runtime_error("PostgreSQL tests: cannot connect to the test server in " + dir_ + ": " + m);
    }
    PGresult* r = PQexec(c, sql.c_str());
    std::string error = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK
                            ? ""
                            : PQresultErrorMessage(r);
    PQclear(r);
    PQfinish(c);
    if (!error.empty()) throw std::runtime_error("PostgreSQL tests: " + sql + ": " + error);
  }

  // The server binaries: $VAKSAM_PG_BINDIR, else the newest /usr/lib/postgresql/<v>/bin.
  static std::string bindir() {
    if (const char* env = std::getenv("VAKSAM_PG_BINDIR"); env && *env) {
      if (std::filesystem::exists(std::string(env) + "/initdb")) return env;
      throw std::runtime_error(std::string("PostgreSQL tests: VAKSAM_PG_BINDIR=") + env + " holds no initdb");
    }
    std::string best;
    int best_version = -1;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", ec)) {
      const auto bin = entry.path() / "bin";
      if (!std::filesystem::exists(bin / "initdb") || !std::filesystem::exists(bin / "pg_ctl")) continue;
      const int version = std::atoi(entry.path().filename().c_str());
      if (version > best_version) best_version = version, best = bin.string();
    }
    if (best.empty())
      throw std::runtime_error(
          "PostgreSQL tests: no PostgreSQL server binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin. "
          "These tests are required: install the Debian package postgresql (scripts/install-deps does), "
          "or point VAKSAM_PG_BINDIR at the binaries.");
    return best;
  }

 private:
  PostgresCluster(std::string dir, bool owner) : dir_(std::move(dir)), owner_(owner) {}

  // PostgreSQL refuses to run as root, so root runs it as the postgres user.
  static std::string run_as_prefix() {
    if (::geteuid() != 0) return "";
    if (!::getpwnam("postgres"))
      throw std::runtime_error(
          "PostgreSQL tests: running as root, and there is no postgres system user to run the server as "
          "(the Debian package postgresql creates it)");
    return "runuser -u postgres -- ";
  }

  static std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
  }

  // Runs a shell command; throws with its output if it fails.
  static void run(const std::string& command, const std::string& what) {
    std::FILE* p = ::popen((command + " 2>&1").c_str(), "r");
    if (!p) throw std::runtime_error("PostgreSQL tests: cannot run " + what);
    std::string output;
    char buf[512];
    while (size_t n = std::fread(buf, 1, sizeof buf, p)) output.append(buf, n);
    const int status = ::pclose(p);
    if (status != 0)
      throw std::runtime_error("PostgreSQL tests: " + what + " failed (" + command + "):\n" + output);
  }

  std::string dir_;
  bool owner_;
  bool running_ = false;
};

}  // namespace vaksam::testing
