#include "server/static_files.h"

#include <stdexcept>

#include "server/route_registry.h"

namespace vaksam::server {

namespace fs = std::filesystem;

StaticFiles::StaticFiles(const fs::path& root) {
  std::error_code ec;
  root_ = fs::canonical(root, ec);
  if (ec || !fs::is_directory(root_)) throw std::runtime_error("--static " + root.string() + ": not a directory");
}

std::string content_type_for(const fs::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".geojson") return "application/geo+json";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::optional<StaticFile> StaticFiles::inside_root(const fs::path& candidate) const {
  std::error_code ec;
  const fs::path real = fs::canonical(candidate, ec);
  if (ec || !fs::is_regular_file(real, ec)) return std::nullopt;
  // A symlink inside the root may point outside it: compare the real paths.
  auto r = root_.begin();
  auto p = real.begin();
  for (; r != root_.end(); ++r, ++p)
    if (p == real.end() || *p != *r) return std::nullopt;
  return StaticFile{real, content_type_for(real)};
}

std::optional<StaticFile> StaticFiles::resolve(const std::string& url_path) const {
  if (url_path.empty() || url_path[0] != '/') return std::nullopt;
  if (url_path.find('\0') != std::string::npos || url_path.find('\\') != std::string::npos) return std::nullopt;
  fs::path relative;
  const auto segments = split_path(url_path);
  for (size_t i = 0; i < segments.size(); ++i) {
    const auto& s = segments[i];
    if (s.empty() && i + 1 == segments.size()) break;  // trailing slash
    // "..", "." and hidden files (".env", ".git") are never served.
    if (s.empty() || s[0] == '.') return std::nullopt;
    relative /= s;
  }
  if (relative.empty()) return inside_root(root_ / "index.html");
  if (auto f = inside_root(root_ / relative)) return f;
  // An app route ("/cases/C-1") has no file: the app's index.html handles it. A
  // missing asset ("/assets/x.js") is a real 404.
  if (!relative.has_extension()) return inside_root(root_ / "index.html");
  return std::nullopt;
}

}  // namespace vaksam::server
