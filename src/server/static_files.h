// Serving the built dashboard (web/dist): a request path maps to a file under the
// root only if no segment is "..", ".", empty or hidden, and the resolved file
// (symlinks followed) is still inside the root. Paths without a file fall back to
// index.html, so the single-page app's own routes load it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace vaksam::server {

struct StaticFile {
  std::filesystem::path path;
  std::string content_type;
};

class StaticFiles {
 public:
  explicit StaticFiles(const std::filesystem::path& root);  // throws if root is not a directory

  // The file for a decoded URL path, or nullopt (404). Never a file outside the root.
  std::optional<StaticFile> resolve(const std::string& url_path) const;

 private:
  std::optional<StaticFile> inside_root(const std::filesystem::path& candidate) const;
  std::filesystem::path root_;
};

std::string content_type_for(const std::filesystem::path& file);

}  // namespace vaksam::server
