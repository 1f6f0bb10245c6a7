// Hand-built analytic snapshots with known counts, for the tables and report tests.
#pragma once

#include <string>
#include <vector>

#include "facts/dataset.h"
#include "screen/categories.h"

namespace vaksam::testing {

struct CaseSpec {
  std::string kind = "lex_sarah";
  std::string date = "2024-03-15";
  std::string sex = "female";  // "" = not recorded
  std::string age_band = "25-44";
  std::vector<std::string> vulnerabilities;
  bool screened = true, violence = true;
  uint32_t categories = screen::kPhysical;
  uint32_t unit = 0;
};

class DatasetBuilder {
 public:
  DatasetBuilder() {
    d_.principals.push_back({"K0180", "municipality", "Stockholms kommun", "0180", "01"});
    d_.principals.push_back({"SIS", "state", "SiS", "", ""});
    d_.units.push_back({"U1", "Enhet 1", "ifo", 0, "0180", "01"});
    d_.units.push_back({"U2", "Ungdomshem", "sis_youth_home", 1, "1280", "12"});
  }

  DatasetBuilder& add(const CaseSpec& c, int times = 1) {
    for (int k = 0; k < times; ++k) {
      auto& x = d_.cases;
      x.id.push_back("C" + std::to_string(x.id.size()));
      x.kind.push_back(facts::code_index("case_kinds", c.kind));
      x.received.push_back(facts::to_day(c.date));
      x.unit.push_back(c.unit);
      x.principal.push_back(d_.units[c.unit].principal);
      x.subject.push_back(0);
      x.sex.push_back(facts::code_index("sexes", c.sex));
      x.age_band.push_back(facts::code_index("age_bands", c.age_band));
      uint32_t bits = 0;
      for (const auto& v : c.vulnerabilities) bits |= 1u << facts::code_index("vulnerabilities", v);
      x.vulnerabilities.push_back(bits);
      x.screen_flags.push_back(c.screened ? facts::Cases::kScreened | (c.violence ? facts::Cases::kViolence : 0) : 0);
      x.severity.push_back(0);
      x.categories.push_back(c.violence ? c.categories : 0);
      x.score.push_back(0);
      const facts::Day day = x.received.back();
      if (d_.first_case == facts::kNoDay || day < d_.first_case) d_.first_case = day;
      if (d_.last_case == facts::kNoDay || day > d_.last_case) d_.last_case = day;
    }
    return *this;
  }

  DatasetBuilder& indicator(const std::string& id, const std::string& period, double value) {
    d_.indicator_values.push_back({id, "00", period, value, -1, "test"});
    return *this;
  }

  const facts::Dataset& get() const { return d_; }

 private:
  facts::Dataset d_;
};

}  // namespace vaksam::testing
