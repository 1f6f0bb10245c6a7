// A small hand-built analytic snapshot for the follow-up tests.
#pragma once

#include <string>

#include "facts/dataset.h"

namespace vaksam::followup::testing {

inline facts::Day day(const char* iso) { return facts::to_day(iso); }

struct Builder {
  facts::Dataset d;

  uint32_t principal(const std::string& id, const std::string& region = "01") {
    d.principals.push_back({id, "municipality", "Principal " + id, "0180", region});
    d.principal_index[id] = static_cast<uint32_t>(d.principals.size() - 1);
    return static_cast<uint32_t>(d.principals.size() - 1);
  }
  uint32_t unit(const std::string& id, uint32_t principal, const std::string& type = "ifo",
                const std::string& region = "01") {
    facts::Unit u;
    u.id = id;
    u.name = "Unit " + id;
    u.unit_type = type;
    u.principal = principal;
    u.region_code = region;
    d.units.push_back(u);
    d.unit_index[id] = static_cast<uint32_t>(d.units.size() - 1);
    return static_cast<uint32_t>(d.units.size() - 1);
  }
  uint32_t inspection(const std::string& id, uint32_t unit, const char* decided) {
    facts::Inspection i;
    i.id = id;
    i.unit = unit;
    i.principal = unit != facts::kNone ? d.units[unit].principal : facts::kNone;
    i.started = day(decided) - 60;
    i.decided = day(decided);
    d.inspections.push_back(i);
    return static_cast<uint32_t>(d.inspections.size() - 1);
  }
  // `history`: status, date pairs, oldest first; the last is the current status.
  uint32_t deficiency(const std::string& id, uint32_t inspection, const char* category, const char* deadline,
                      std::vector<std::pair<const char*, const char*>> history) {
    facts::Deficiency x;
    x.id = id;
    x.inspection = inspection;
    x.category = facts::code_index("deficiency_categories", category);
    x.deadline = deadline ? day(deadline) : facts::kNoDay;
    for (const auto& [status, date] : history) x.history.push_back({id, status, date, "test", 0});
    x.status = facts::code_index("deficiency_statuses", history.back().first);
    x.status_date = day(history.back().second);
    d.deficiencies.push_back(x);
    return static_cast<uint32_t>(d.deficiencies.size() - 1);
  }
  void add_case(uint32_t unit, facts::Day received) {
    auto& c = d.cases;
    c.id.push_back("C" + std::to_string(c.id.size()));
    c.kind.push_back(0);
    c.received.push_back(received);
    c.unit.push_back(unit);
    c.principal.push_back(d.units[unit].principal);
    c.subject.push_back(0);
    c.sex.push_back(facts::kNoCode);
    c.age_band.push_back(facts::kNoCode);
    c.vulnerabilities.push_back(0);
    c.screen_flags.push_back(0);
    c.severity.push_back(0);
    c.categories.push_back(0);
    c.score.push_back(0);
    if (d.first_case == facts::kNoDay || received < d.first_case) d.first_case = received;
    if (d.last_case == facts::kNoDay || received > d.last_case) d.last_case = received;
  }
};

}  // namespace vaksam::followup::testing
