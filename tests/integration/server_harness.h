// Starts the real `vaksam serve` on a free port over a database built from
// examples/*.csv (screened, with one account per role and an API token), and talks
// HTTP to it with cpp-httplib's client.
#pragma once

#include <httplib.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "integration/cli_harness.h"

extern char** environ;

namespace vaksam::testing {

inline const std::string kPassword = "correct horse battery staple";
inline const std::vector<std::string> kRoles = {"administrator", "analyst", "inspector", "viewer", "auditor"};

// The database: examples imported and screened; users "<role>-user" (the inspector
// assigned to unit U-IFO-0180) and an API token for the administrator.
class ServerDatabase {
 public:
  ServerDatabase() {
    EXPECT_EQ(run_vaksam(dir, {"init"}).exit_code, 0);
    std::vector<std::string> files = {"import"};
    for (const char* f : {"principals.csv", "units.csv", "cases.csv", "inspections.csv", "deficiencies.csv"})
      files.push_back(example(f));
    EXPECT_EQ(run_vaksam(dir, files).exit_code, 0);
    EXPECT_EQ(run_vaksam(dir, {"screen"}).exit_code, 0);
    const std::string password_file = dir.write("password.txt", kPassword + "\n");
    for (const auto& role : kRoles)
      EXPECT_EQ(run_vaksam(dir, {"user", "add", role + "-user", "--role", role, "--password-file", password_file})
                    .exit_code, 0);
    EXPECT_EQ(run_vaksam(dir, {"user", "assign", "inspector-user", "--unit", "U-IFO-0180"}).exit_code, 0);
    auto r = run_vaksam(dir, {"user", "token", "administrator-user", "--label", "tests"});
    EXPECT_EQ(r.exit_code, 0);
    token = r.out.substr(0, r.out.find('\n'));
  }
  std::string db() const { return dir.file("v.db"); }

  TempDir dir;
  std::string token;
};

// `vaksam serve --port 0 …` as a child process; stopped with SIGTERM.
class ServerProcess {
 public:
  explicit ServerProcess(const ServerDatabase& database, std::vector<std::string> extra = {},
                         std::vector<std::string> env = {})
      : out_(database.dir.file("serve.out")), err_(database.dir.file("serve.err")) {
    std::vector<std::string> args = {VAKSAM_BINARY, "--db", database.db(), "serve", "--port", "0", "--threads", "4"};
    for (auto& e : extra) args.push_back(e);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_strings = {"VAKSAM_TODAY=2026-01-15"};
    for (auto& e : env) env_strings.push_back(e);
    for (char** e = environ; *e; ++e) env_strings.emplace_back(*e);
    std::vector<char*> envp;
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 2, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (posix_spawn(&pid_, VAKSAM_BINARY, &actions, nullptr, argv.data(), envp.data()) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
    const std::regex listening("listening on https?://[^:]+:([0-9]+)");
    for (int i = 0; i < 200 && pid_ > 0 && port_ == 0; ++i) {
      std::smatch m;
      const std::string out = read_file(out_);
      if (std::regex_search(out, m, listening)) port_ = std::stoi(m[1]);
      else std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ~ServerProcess() { stop(); }

  int port() const { return port_; }
  bool started() const { return port_ > 0; }
  std::string errors() const { return read_file(err_); }

  // SIGTERM, then the exit code (-1 if it did not exit within 10 s).
  int stop() {
    if (pid_ <= 0) return exit_code_;
    kill(pid_, SIGTERM);
    for (int i = 0; i < 200; ++i) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        pid_ = -1;
        return exit_code_;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
    return exit_code_ = -1;
  }
  void signal_term() const { kill(pid_, SIGTERM); }

  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(30);
    return c;
  }

 private:
  std::string out_, err_;
  pid_t pid_ = -1;
  int port_ = 0;
  int exit_code_ = -1;
};

// A signed-in caller: a session cookie and its CSRF token, an API token, or nobody.
struct Caller {
  std::string cookie, csrf, bearer;

  httplib::Headers headers(bool with_csrf = true) const {
    httplib::Headers h;
    if (!cookie.empty()) h.emplace("Cookie", cookie);
    if (!csrf.empty() && with_csrf) h.emplace("X-CSRF-Token", csrf);
    if (!bearer.empty()) h.emplace("Authorization", "Bearer " + bearer);
    return h;
  }
};

inline Caller sign_in(httplib::Client& client, const std::string& name, const std::string& password = kPassword) {
  nlohmann::json body = {{"name", name}, {"password", password}};
  auto res = client.Post("/api/session", body.dump(), "application/json");
  Caller c;
  if (!res || res->status != 200) return c;
  const std::string set_cookie = res->get_header_value("Set-Cookie");
  c.cookie = set_cookie.substr(0, set_cookie.find(';'));
  c.csrf = nlohmann::json::parse(res->body)["csrf_token"];
  return c;
}

inline std::string error_code_of(const httplib::Result& res) {
  if (!res) return "<no response>";
  auto j = nlohmann::json::parse(res->body, nullptr, false);
  if (j.is_discarded() || !j.contains("error")) return "<not an error: " + res->body.substr(0, 80) + ">";
  return j["error"]["code"];
}

// The store without what every request may touch (the audit trail, session times):
// equal dumps mean no data changed.
inline std::string dump_data(const std::string& db_path) {
  std::string dump = dump_store(db_path), out;
  bool skip = false;
  size_t at = 0;
  while (at < dump.size()) {
    size_t end = dump.find('\n', at);
    if (end == std::string::npos) end = dump.size();
    const std::string line = dump.substr(at, end - at);
    if (line.rfind("== ", 0) == 0) skip = line == "== audit_log" || line == "== sessions" || line == "== api_tokens";
    if (!skip) out += line + "\n";
    at = end + 1;
  }
  return out;
}

}  // namespace vaksam::testing
