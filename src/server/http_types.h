// A request and a reply as the API sees them, independent of the HTTP library, so
// that dispatching can be tested without a socket.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace vaksam::server {

struct Upload {
  std::string field, filename, content_type, content;
};

struct HttpRequest {
  std::string method, path;                     // path decoded, without the query
  std::multimap<std::string, std::string> query;  // decoded
  std::multimap<std::string, std::string> headers;  // names lower-case
  std::string body;
  std::vector<Upload> uploads;  // multipart/form-data parts
  std::string remote_addr;
  bool tls = false;  // the connection itself is TLS

  // The first value of a header (name in lower case), or "".
  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? "" : it->second;
  }
};

struct HttpReply {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace vaksam::server
