// The standard statistics report, after the inspectorate's own analyses of sex and
// vulnerability: (1) violence-related cases by sex, year and form of violence,
// with rates per population, the women/men rate ratio and trends; (2) seclusion
// (avskiljning) at SiS youth homes by sex and year per placed young person, with
// the girls/boys rate ratio and trends; (3) sex × disability among
// violence-related lex Sarah reports, with the difference in the share with a
// disability and tests of independence. Every table goes through disclosure
// control. Pure: a Dataset in, a StandardReport out.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "facts/dataset.h"
#include "tables/compare.h"
#include "tables/population.h"
#include "tables/table.h"
#include "tables/trend.h"

namespace vaksam::report {

struct ReportOptions {
  privacy::DisclosureOptions disclosure;
};

// A section is either built or, with a reason, not (e.g. no case is screened).
struct ViolenceSection {
  tables::TableResult by_sex_year;
  tables::RateComparison women_men;
  tables::TrendResult trend;
  tables::TableResult by_sex_category_year;
};

struct SeclusionSection {
  tables::TableResult by_sex_year;
  tables::RateComparison girls_boys;
  tables::TrendResult trend;
};

struct DisabilitySection {
  tables::TableResult sex_by_disability;
  tables::ProportionComparison women_men;
  tables::IndependenceTest independence;
};

struct StandardReport {
  std::optional<ViolenceSection> violence;
  std::string violence_missing;
  std::optional<SeclusionSection> seclusion;
  std::string seclusion_missing;
  std::optional<DisabilitySection> disability;
  std::string disability_missing;
  std::vector<std::string> notes;
};

StandardReport build_standard_report(const facts::Dataset& d, const tables::Population& population,
                                     const ReportOptions& options = {});

nlohmann::ordered_json to_json(const StandardReport& r);
std::string to_csv(const StandardReport& r);

}  // namespace vaksam::report
