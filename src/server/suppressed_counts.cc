#include "server/suppressed_counts.h"

#include <vector>

#include "privacy/disclosure.h"

namespace vaksam::server {

nlohmann::json breakdown_json(const std::map<std::string, int64_t>& cells, bool suppress) {
  nlohmann::json out = {{"total", 0}, {"cells", nlohmann::json::object()}};
  int64_t total = 0;
  for (const auto& [label, n] : cells) total += n;
  if (!suppress || cells.empty()) {
    out["total"] = total;
    for (const auto& [label, n] : cells) out["cells"][label] = n;
    return out;
  }
  std::vector<std::string> labels;
  std::vector<int64_t> counts;
  for (const auto& [label, n] : cells) {
    labels.push_back(label);
    counts.push_back(n);
  }
  const privacy::CountTable table({privacy::flat_dimension("category", labels)}, counts);
  const auto protected_table = privacy::protect_table(table);
  auto value = [&](size_t cell) -> nlohmann::json {
    const auto v = protected_table.released(cell);
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  out["total"] = value(0);
  for (size_t i = 0; i < labels.size(); ++i) out["cells"][labels[i]] = value(i + 1);
  return out;
}

}  // namespace vaksam::server
