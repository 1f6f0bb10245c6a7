// How `vaksam serve` runs: where, how many threads, limits and timeouts, and how
// sessions behave. Defaults are safe for a single machine behind a TLS proxy.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace vaksam::server {

struct ServerConfig {
  std::string db_path, key_path, anchor_path;
  std::string bind = "127.0.0.1";  // loopback unless told otherwise: put a TLS proxy in front
  int port = 8080;                 // 0: any free port (printed at start)
  std::string static_dir;          // the built dashboard (web/dist); empty: none
  // cpp-httplib keeps a worker per open keep-alive connection: as many threads as
  // concurrent clients are expected (a dashboard opens a few per user).
  size_t threads = 64;
  int read_timeout_seconds = 30, write_timeout_seconds = 30, keep_alive_seconds = 5;
  size_t max_json_body = 64 * 1024;         // JSON request bodies
  size_t max_upload = 512ull * 1024 * 1024;  // an import file
  int64_t session_idle_seconds = 30 * 60;    // signed out after this long without a request
  int64_t session_max_seconds = 12 * 3600;   // and after this long in any case
  // Behind a TLS-terminating reverse proxy on this machine: trust its
  // X-Forwarded-For and X-Forwarded-Proto (only from a loopback peer) and mark the
  // cookie Secure.
  bool behind_proxy = false;
  std::string tls_cert, tls_key;  // both set: serve HTTPS directly (OpenSSL)
  std::string version = "0.1.0";
};

}  // namespace vaksam::server
