#include "server/http_server.h"

#include <httplib.h>
#include <signal.h>
#include <sys/socket.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

#include "server/api_error.h"
#include "server/dispatcher.h"
#include "server/routes.h"
#include "server/server_context.h"

namespace vaksam::server {

namespace {

bool is_api(const std::string& path) { return path == "/api" || path.rfind("/api/", 0) == 0; }

HttpRequest to_request(const httplib::Request& req, bool tls) {
  HttpRequest r;
  r.method = req.method;
  r.path = req.path;
  for (const auto& [k, v] : req.params) r.query.emplace(k, v);
  for (const auto& [k, v] : req.headers) {
    std::string lower = k;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers.emplace(lower, v);
  }
  r.body = req.body;
  for (const auto& [field, f] : req.files) r.uploads.push_back({field, f.filename, f.content_type, f.content});
  r.remote_addr = req.remote_addr;
  r.tls = tls;
  return r;
}

void send(const HttpReply& reply, httplib::Response& res) {
  res.status = reply.status;
  for (const auto& [k, v] : reply.headers) res.set_header(k, v);
  if (reply.status != 204) res.set_content(reply.body, reply.content_type.c_str());
}

void send_error(const char* code, httplib::Response& res) { send(error_reply(ApiError(code)), res); }

void serve_static(const ServerContext& server, const httplib::Request& req, httplib::Response& res) {
  const auto* files = server.static_files();
  const auto file = files && (req.method == "GET" || req.method == "HEAD") ? files->resolve(req.path) : std::nullopt;
  if (!file) return send_error(req.method == "GET" || req.method == "HEAD" ? "not_found" : "method_not_allowed", res);
  std::ifstream in(file->path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  res.status = 200;
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
  // index.html must be fetched anew (it names the current assets); hashed assets may be cached.
  res.set_header("Cache-Control", file->path.filename() == "index.html" ? "no-cache" : "public, max-age=3600");
  res.set_content(content.str(), file->content_type.c_str());
}

// cpp-httplib listens with a backlog of 5 (a compile-time constant of Debian's
// library): 64 clients connecting at once would see SYN retries of a second or
// more. Listening again on the bound socket raises the backlog.
template <class Base>
class WideBacklog : public Base {
 public:
  using Base::Base;
  void widen_backlog(int backlog) { ::listen(this->svr_sock_, backlog); }
};

// SIGTERM and SIGINT are blocked in every thread and taken by one waiting thread,
// which stops the server from outside the signal context.
class SignalStopper {
 public:
  explicit SignalStopper(std::function<void()> stop) {
    sigemptyset(&set_);
    sigaddset(&set_, SIGTERM);
    sigaddset(&set_, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
    thread_ = std::thread([this, stop = std::move(stop)] {
      timespec wait{0, 200 * 1000 * 1000};
      while (!done_) {
        if (sigtimedwait(&set_, nullptr, &wait) > 0) {
          std::fprintf(stderr, "vaksam serve: stopping: finishing the requests in flight\n");
          stop();
          return;
        }
      }
    });
  }
  ~SignalStopper() {
    done_ = true;
    thread_.join();
  }

 private:
  sigset_t set_;
  std::atomic<bool> done_{false};
  std::thread thread_;
};

}  // namespace

int serve(const ServerConfig& config, const privacy::KeySet& keys, const std::function<void(int port)>& on_listening) {
  signal(SIGPIPE, SIG_IGN);
  ServerContext context(config, keys);
  add_all_routes(context.registry());

  const bool tls = !config.tls_cert.empty() && !config.tls_key.empty();
  std::unique_ptr<httplib::Server> server;
  std::function<void()> widen;
  if (tls) {
    auto s = std::make_unique<WideBacklog<httplib::SSLServer>>(config.tls_cert.c_str(), config.tls_key.c_str());
    if (!s->is_valid()) throw std::runtime_error("cannot load the TLS certificate or key");
    widen = [p = s.get()] { p->widen_backlog(1024); };
    server = std::move(s);
  } else {
    auto s = std::make_unique<WideBacklog<httplib::Server>>();
    widen = [p = s.get()] { p->widen_backlog(1024); };
    server = std::move(s);
  }
  auto& svr = *server;
  const size_t threads = config.threads;
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  svr.set_read_timeout(config.read_timeout_seconds);
  svr.set_write_timeout(config.write_timeout_seconds);
  svr.set_keep_alive_timeout(config.keep_alive_seconds);
  svr.set_keep_alive_max_count(1000);
  svr.set_tcp_nodelay(true);
  // The hard ceiling for any body; each route's own limit is checked from
  // Content-Length before the body is read (below).
  svr.set_payload_max_length(std::max(config.max_upload, config.max_json_body));

  svr.set_pre_routing_handler([&context](const httplib::Request& req, httplib::Response& res) {
    if (!is_api(req.path)) return httplib::Server::HandlerResponse::Unhandled;
    // Without a length (or chunks) the library would read a body until the client
    // closes: a request that holds a worker until the read timeout.
    const bool may_have_body = req.method == "POST" || req.method == "PUT" || req.method == "PATCH";
    if (may_have_body && !req.has_header("Content-Length") && !req.has_header("Transfer-Encoding")) {
      send_error("length_required", res);
      res.set_header("Connection", "close");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (!req.has_header("Content-Length")) return httplib::Server::HandlerResponse::Unhandled;
    const auto match = context.registry().match(req.method, req.path);
    if (!match) return httplib::Server::HandlerResponse::Unhandled;
    const auto length = std::strtoull(req.get_header_value("Content-Length").c_str(), nullptr, 10);
    if (length > body_limit(context.config(), *match->route)) {
      send_error("payload_too_large", res);
      res.set_header("Connection", "close");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  auto handle = [&context, tls](const httplib::Request& req, httplib::Response& res) {
    if (is_api(req.path)) send(dispatch(context, to_request(req, tls)), res);
    else serve_static(context, req, res);
  };
  svr.Get(".*", handle);
  svr.Delete(".*", httplib::Server::Handler(handle));
  svr.Options(".*", handle);
  svr.Post(".*", httplib::Server::Handler(handle));
  svr.Put(".*", httplib::Server::Handler(handle));
  svr.Patch(".*", httplib::Server::Handler(handle));
  // What the library answers itself (a malformed request, a body over the ceiling)
  // still comes as the API's JSON error.
  svr.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    const int status = res.status;
    send_error(status == 413 ? "payload_too_large" : status == 404 ? "not_found" : status >= 500 ? "internal" : "bad_request", res);
    res.status = status;
    return httplib::Server::HandlerResponse::Handled;
  }));
  svr.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
    std::fprintf(stderr, "vaksam serve: %s %s failed\n", req.method.c_str(), req.path.c_str());
    send_error("internal", res);
  });

  int port = config.port;
  if (port == 0) port = svr.bind_to_any_port(config.bind);
  else if (!svr.bind_to_port(config.bind, port)) port = -1;
  if (port <= 0) throw std::runtime_error("cannot listen on " + config.bind + ":" + std::to_string(config.port));
  widen();
  SignalStopper stopper([&] {
    context.stopping = true;
    svr.stop();
  });
  context.start_background();
  on_listening(port);
  svr.listen_after_bind();  // returns after stop(), once the worker pool has finished every request
  std::fprintf(stderr, "vaksam serve: stopped\n");
  return 0;
}

}  // namespace vaksam::server
