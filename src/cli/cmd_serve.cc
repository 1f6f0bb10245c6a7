// `vaksam serve`: the REST API (and the dashboard's files) over HTTP. See docs/server.md.
#include <CLI/CLI.hpp>

#include <cstdio>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "privacy/keys.h"
#include "server/http_server.h"

namespace vaksam::cli {

CLI::App* add_serve_command(CLI::App& app, ServeArgs& args) {
  auto* serve = app.add_subcommand("serve", "the REST API and the dashboard over HTTP (stop with SIGTERM or Ctrl-C)");
  serve->add_option("--port", args.port, "TCP port (default 8080; 0 picks a free one)")->check(CLI::Range(0, 65535));
  serve->add_option("--bind", args.bind, "address to listen on (default 127.0.0.1: put a TLS proxy in front)");
  serve->add_option("--static", args.static_dir, "serve the built dashboard from this folder (web/dist)");
  serve->add_option("--threads", args.threads, "worker threads = concurrent connections served (default 64)")->check(CLI::Range(1, 256));
  serve->add_flag("--behind-proxy", args.behind_proxy,
                  "a TLS proxy on this machine forwards to us: trust X-Forwarded-For/-Proto from loopback, Secure cookies");
  serve->add_option("--tls-cert", args.tls_cert, "serve HTTPS directly with this certificate (PEM)");
  serve->add_option("--tls-key", args.tls_key, "... and this private key (PEM)");
  serve->add_option("--max-upload-mb", args.max_upload_mb, "largest import file (default 512)")->check(CLI::Range(1, 65536));
  serve->add_option("--session-idle-minutes", args.session_idle_minutes, "sign out after this long idle (default 30)")
      ->check(CLI::Range(1, 24 * 60));
  serve->add_option("--session-max-hours", args.session_max_hours, "sign out after this long in any case (default 12)")
      ->check(CLI::Range(1, 24 * 7));
  serve->footer(
      "Examples:\n"
      "  vaksam serve --db var/vaksam.db --port 8080\n"
      "  vaksam serve --static web/dist --behind-proxy      # nginx terminates TLS (docs/server.md)\n"
      "  vaksam serve --bind 0.0.0.0 --tls-cert cert.pem --tls-key key.pem --port 8443");
  return serve;
}

int run_serve(const Workspace& ws, const ServeArgs& args) {
  if (args.tls_cert.empty() != args.tls_key.empty()) {
    std::fprintf(stderr, "vaksam: give both --tls-cert and --tls-key, or neither\n");
    return kUsage;
  }
  server::ServerConfig config;
  config.db_path = ws.db_path;
  config.key_path = ws.key_path;
  config.anchor_path = ws.anchor_path;
  config.bind = args.bind;
  config.port = args.port;
  config.static_dir = args.static_dir;
  config.threads = args.threads;
  config.behind_proxy = args.behind_proxy;
  config.tls_cert = args.tls_cert;
  config.tls_key = args.tls_key;
  config.max_upload = static_cast<size_t>(args.max_upload_mb) * 1024 * 1024;
  config.session_idle_seconds = args.session_idle_minutes * 60;
  config.session_max_seconds = args.session_max_hours * 3600;
  // The key first: without it no text opens and no audit entry can be written.
  const auto keys = privacy::derive_keys(privacy::load_key_file(ws.key_path));
  return server::serve(config, keys, [&](int port) {
    std::printf("vaksam serve: listening on %s://%s:%d (database %s)\n", config.tls_cert.empty() ? "http" : "https",
                config.bind.c_str(), port, ws.db_path.c_str());
    std::fflush(stdout);
  });
}

}  // namespace vaksam::cli
