#include "screen/pattern.h"

namespace vaksam::screen {

std::vector<std::string> split_list(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t next = s.find(sep, pos);
    if (next == std::string_view::npos) next = s.size();
    std::string_view piece = s.substr(pos, next - pos);
    while (!piece.empty() && (piece.front() == ' ' || piece.front() == '\t')) piece.remove_prefix(1);
    while (!piece.empty() && (piece.back() == ' ' || piece.back() == '\t' || piece.back() == '\r'))
      piece.remove_suffix(1);
    if (!piece.empty()) out.emplace_back(piece);
    pos = next + 1;
  }
  return out;
}

}  // namespace vaksam::screen
