#include "followup/plan_export.h"

#include "followup/plan.h"

namespace vaksam::followup {

namespace {

// A CSV field with ';' separators: quoted when it holds ';', '"' or a line break.
std::string field(const std::string& s) {
  if (s.find_first_of(";\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// Decimal comma, as Swedish Excel writes numbers.
std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  for (auto& c : s)
    if (c == '.') c = ',';
  return s;
}

}  // namespace

nlohmann::ordered_json plan_json(const store::PlanRecord& p, const std::vector<store::PlanItemRecord>& items) {
  nlohmann::ordered_json j;
  j["plan_id"] = p.plan_id;
  j["created_at"] = p.created_at;
  j["created_by"] = p.created_by;
  j["level"] = p.level;
  j["as_of"] = p.as_of;
  j["capacity"] = p.capacity;
  j["random_share"] = p.random_share;
  j["seed"] = p.seed;
  j["risk_run_id"] = p.risk_run_id ? nlohmann::ordered_json(p.risk_run_id) : nlohmann::ordered_json(nullptr);
  auto settings = nlohmann::ordered_json::parse(p.settings_json, nullptr, false);
  j["settings"] = settings.is_discarded() ? nlohmann::ordered_json::object() : settings;
  auto out = nlohmann::ordered_json::array();
  for (const auto& x : items)
    out.push_back({{"position", x.position},
                   {"id", x.entity_id},
                   {"name", x.name},
                   {"level", p.level},
                   {"region_code", x.region_code},
                   {"rank", x.rank},
                   {"score", x.score},
                   {"selection", x.selection},
                   {"inspection_type", inspection_type_of(x.selection)},
                   {"reason", x.reason}});
  j["items"] = std::move(out);
  return j;
}

std::string plan_csv(const store::PlanRecord& p, const std::vector<store::PlanItemRecord>& items) {
  std::string out = "plan_id;position;level;entity_id;name;region_code;selection;inspection_type;rank;score;reason\r\n";
  for (const auto& x : items)
    out += std::to_string(p.plan_id) + ";" + std::to_string(x.position) + ";" + p.level + ";" + field(x.entity_id) +
           ";" + field(x.name) + ";" + field(x.region_code) + ";" + x.selection + ";" + inspection_type_of(x.selection) +
           ";" + std::to_string(x.rank) + ";" + number(x.score) + ";" + field(x.reason) + "\r\n";
  return out;
}

std::string plan_inspections_csv(const store::PlanRecord& p, const std::vector<store::PlanItemRecord>& items) {
  std::string out = "inspection_id;inspection_type;unit_id;principal_id;started_date;decision_date;outcome;summary\r\n";
  for (const auto& x : items) {
    const bool unit = p.level == "unit";
    out += "PLAN" + std::to_string(p.plan_id) + "-" + std::to_string(x.position) + ";" +
           inspection_type_of(x.selection) + ";" + (unit ? field(x.entity_id) : "") + ";" +
           (unit ? "" : field(x.entity_id)) + ";;;ongoing;" +
           field("Plan " + std::to_string(p.plan_id) + ": " + x.reason) + "\r\n";
  }
  return out;
}

}  // namespace vaksam::followup
