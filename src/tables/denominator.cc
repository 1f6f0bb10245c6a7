#include "tables/denominator.h"

namespace vaksam::tables {

namespace {

std::optional<double> indicator_persons(const DenominatorSpec& spec, const facts::Dataset& d, const std::string& sex,
                                        int year) {
  double sum = 0;
  int found = 0, wanted = 0;
  for (const auto& [s, id] : spec.indicator_by_sex) {
    if (!sex.empty() && sex != s) continue;
    ++wanted;
    const std::string period = std::to_string(year);
    for (const auto& v : d.indicator_values)
      if (v.indicator_id == id && v.area_code == "00" && v.period == period) {
        sum += v.value;
        ++found;
        break;
      }
  }
  if (wanted == 0 || found < wanted) return std::nullopt;
  return sum;
}

}  // namespace

DenominatorSpec sis_placements_denominator() {
  DenominatorSpec s;
  s.kind = DenominatorKind::indicator;
  s.indicator_by_sex = {{"female", "SIS_PLACERADE_FLICKOR"}, {"male", "SIS_PLACERADE_POJKAR"}};
  s.label_sv = "placerade unga vid SiS särskilda ungdomshem";
  s.label_en = "young people placed at SiS youth homes";
  s.per = 100;
  return s;
}

std::optional<double> person_years(const DenominatorSpec& spec, const Population& population,
                                   const facts::Dataset& d, const CellScope& scope, bool* approximate) {
  if (spec.kind == DenominatorKind::none || scope.undefined || scope.months.empty()) return std::nullopt;
  double total = 0;
  for (int y = scope.months.first / 12; y <= scope.months.last / 12; ++y) {
    const int from = std::max(scope.months.first, y * 12), to = std::min(scope.months.last, y * 12 + 11);
    const double share = (to - from + 1) / 12.0;
    std::optional<double> n;
    if (spec.kind == DenominatorKind::population)
      n = population.persons(scope.area, y, scope.sex, scope.age_band, approximate);
    else
      n = indicator_persons(spec, d, scope.sex, y);
    if (!n) return std::nullopt;
    total += *n * share;
  }
  return total;
}

std::string rate_obstacle(const DenominatorSpec& spec, const Axis& axis) {
  if (spec.kind == DenominatorKind::none) return "no denominator was asked for";
  if (axis.dim == Dim::vulnerability || axis.dim == Dim::vulnerability_one)
    return "the population with each vulnerability marker is not known, so rates split by " + axis.name +
           " cannot be given";
  if (spec.kind == DenominatorKind::indicator &&
      (axis.dim == Dim::age_band || axis.dim == Dim::municipality || axis.dim == Dim::region))
    return "the denominator (" + spec.label_en + ") is by sex and year only, not by " + axis.name;
  return "";
}

}  // namespace vaksam::tables
