#include "risk/indicator_definition.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "common/error.h"
#include "reference/code_list.h"
#include "reference/embedded.h"
#include "screen/categories.h"

namespace vaksam::risk {

namespace {

using nlohmann::json;

[[noreturn]] void fail(std::string_view origin, const std::string& what) {
  throw Error(std::string(origin) + ": " + what);
}

template <typename Enum>
Enum enum_of(const json& j, const char* field, std::initializer_list<std::pair<const char*, Enum>> names,
             Enum fallback, std::string_view origin) {
  if (!j.contains(field)) return fallback;
  if (!j[field].is_string()) fail(origin, std::string("'") + field + "' must be a string");
  auto v = j[field].get<std::string>();
  std::string allowed;
  for (const auto& [n, e] : names) {
    if (v == n) return e;
    allowed += (allowed.empty() ? "" : ", ") + std::string(n);
  }
  fail(origin, std::string("'") + field + "' is '" + v + "'; expected one of " + allowed);
}

uint8_t case_kind(const std::string& code, std::string_view origin) {
  const auto& codes = reference::CodeList::builtin("case_kinds").codes();
  for (size_t i = 0; i < codes.size(); ++i)
    if (codes[i].code == code) return static_cast<uint8_t>(i);
  fail(origin, "unknown case kind '" + code + "'; expected one of " +
                   reference::CodeList::builtin("case_kinds").codes_joined());
}

CaseFilter filter_of(const json& j, std::string_view origin) {
  CaseFilter f;
  if (!j.is_object()) fail(origin, "a case filter must be an object");
  for (const auto& [key, value] : j.items()) {
    if (key == "kinds") {
      for (const auto& k : value) f.kinds.push_back(case_kind(k.get<std::string>(), origin));
    } else if (key == "violence") {
      f.violence = value.get<bool>() ? 1 : 0;
    } else if (key == "categories_any") {
      for (const auto& c : value) {
        auto bit = screen::category_from_name(c.get<std::string>());
        if (!bit) fail(origin, "unknown violence category '" + c.get<std::string>() + "'");
        f.categories_any |= *bit;
      }
    } else if (key == "min_severity") {
      static const std::map<std::string, int> sev{{"none", 0}, {"low", 1}, {"moderate", 2}, {"high", 3}};
      auto it = sev.find(value.get<std::string>());
      if (it == sev.end()) fail(origin, "min_severity must be none, low, moderate or high");
      f.min_severity = it->second;
    } else if (key == "handling_deficiency") {
      f.handling_deficiency = value.get<bool>();
    } else {
      fail(origin, "unknown filter field '" + key + "'");
    }
  }
  return f;
}

}  // namespace

IndicatorDef parse_indicator(std::string_view text, std::string_view origin) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    fail(origin, std::string("not valid JSON: ") + e.what());
  }
  if (!j.is_object()) fail(origin, "a definition must be a JSON object");
  static const std::set<std::string> known{"id", "name_sv", "name_en", "description_en", "level", "source",
                                           "numerator", "base", "deficiencies", "external_id", "denominator",
                                           "type", "direction", "paired_with", "period_months", "weight",
                                           "threshold", "alarm", "unit_types"};
  for (const auto& [key, _] : j.items())
    if (!known.count(key)) fail(origin, "unknown field '" + key + "'");
  try {
    IndicatorDef d;
    for (const char* f : {"id", "name_sv", "name_en"})
      if (!j.contains(f) || !j[f].is_string() || j[f].get<std::string>().empty())
        fail(origin, std::string("'") + f + "' is required");
    d.id = j["id"];
    d.name_sv = j["name_sv"];
    d.name_en = j["name_en"];
    d.description_en = j.value("description_en", "");
    d.level = enum_of(j, "level",
                      {{"unit", Level::unit}, {"principal", Level::principal},
                       {"municipality", Level::municipality}, {"region", Level::region}},
                      Level::unit, origin);
    d.source = enum_of(j, "source",
                       {{"cases", Source::cases}, {"deficiencies", Source::deficiencies},
                        {"external", Source::external}},
                       Source::cases, origin);
    if (j.contains("numerator")) d.numerator = filter_of(j["numerator"], origin);
    if (j.contains("base")) d.base = filter_of(j["base"], origin);
    d.deficiencies = enum_of(j, "deficiencies",
                             {{"open", DeficiencyFilter::open}, {"overdue", DeficiencyFilter::overdue},
                              {"all", DeficiencyFilter::all}, {"recurring", DeficiencyFilter::recurring}},
                             DeficiencyFilter::overdue, origin);
    d.external_id = j.value("external_id", "");
    d.denominator = enum_of(j, "denominator",
                            {{"expected", Denominator::expected}, {"population", Denominator::population},
                             {"cases", Denominator::cases}, {"none", Denominator::none}},
                            Denominator::expected, origin);
    d.type = enum_of(j, "type",
                     {{"ratio", DataType::ratio}, {"proportion", DataType::proportion},
                      {"count", DataType::count}, {"external", DataType::external}},
                     DataType::ratio, origin);
    d.direction = enum_of(j, "direction",
                          {{"higher_is_worse", Direction::higher_is_worse},
                           {"lower_is_worse", Direction::lower_is_worse}, {"ambiguous", Direction::ambiguous}},
                          Direction::higher_is_worse, origin);
    d.paired_with = j.value("paired_with", "");
    d.period_months = j.value("period_months", 12);
    d.weight = j.value("weight", 1.0);
    d.threshold = j.value("threshold", d.type == DataType::count ? 1.0 : 1.5);
    d.alarm = j.value("alarm", false);
    if (j.contains("unit_types"))
      for (const auto& t : j["unit_types"]) d.unit_types.push_back(t.get<std::string>());

    if (d.period_months < 1 || d.period_months > 120) fail(origin, "period_months must be 1..120");
    if (!(d.weight >= 0)) fail(origin, "weight must be 0 or more");
    if (!(d.threshold > 0)) fail(origin, "threshold must be above 0");
    if (d.direction == Direction::ambiguous) {
      if (d.paired_with.empty()) fail(origin, "an ambiguous indicator needs 'paired_with' (its harm indicator)");
      if (d.weight != 0) fail(origin, "an ambiguous indicator is shown, not ranked on: its weight must be 0");
    }
    if (d.source == Source::external) {
      if (d.external_id.empty()) fail(origin, "an external indicator needs 'external_id'");
      if (d.type != DataType::external) fail(origin, "an external indicator has type 'external'");
      if (d.level != Level::municipality && d.level != Level::region)
        fail(origin, "an external indicator is at municipality or region level");
    }
    if (d.type == DataType::proportion && d.denominator != Denominator::cases)
      fail(origin, "a proportion has denominator 'cases' (the share of the base cases)");
    if (d.type == DataType::count && d.denominator != Denominator::none)
      fail(origin, "a count signal has denominator 'none'");
    if (d.denominator == Denominator::population && d.level == Level::unit)
      fail(origin, "a population denominator needs level municipality or region");
    if (d.alarm && (d.type != DataType::ratio || d.level != Level::unit))
      fail(origin, "early warning ('alarm') is for unit-level ratio indicators");
    for (const auto& t : d.unit_types)
      if (!reference::CodeList::builtin("unit_types").resolve(t)) fail(origin, "unknown unit type '" + t + "'");
    return d;
  } catch (const json::exception& e) {
    fail(origin, std::string("a field has the wrong type: ") + e.what());
  }
}

const std::vector<IndicatorDef>& builtin_indicators() {
  static const std::vector<IndicatorDef> defs = [] {
    std::vector<IndicatorDef> out;
    for (auto name : embedded::names())
      if (name.ends_with(".indicator.json")) out.push_back(parse_indicator(embedded::file(name), name));
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return out;
  }();
  return defs;
}

std::vector<IndicatorDef> load_indicators(const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<IndicatorDef> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw Error(dir + ": not a folder of indicator definitions");
  for (const auto& entry : fs::directory_iterator(dir)) {
    auto path = entry.path().string();
    if (!path.ends_with(".indicator.json")) continue;
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    out.push_back(parse_indicator(ss.str(), path));
  }
  if (out.empty()) throw Error(dir + ": no *.indicator.json files");
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return out;
}

void validate_indicators(const std::vector<IndicatorDef>& defs, double max_share) {
  std::set<std::string> ids;
  double total = 0;
  for (const auto& d : defs) {
    if (!ids.insert(d.id).second) throw Error("indicator '" + d.id + "' is defined twice");
    total += d.weight;
  }
  for (const auto& d : defs) {
    if (!d.paired_with.empty() && !ids.count(d.paired_with))
      throw Error("indicator '" + d.id + "' is paired with '" + d.paired_with + "', which is not defined");
    if (total > 0 && d.weight / total > max_share + 1e-12)
      throw Error("indicator '" + d.id + "' has " + std::to_string(static_cast<int>(100 * d.weight / total)) +
                  " % of the total weight; no single indicator may have more than " +
                  std::to_string(static_cast<int>(100 * max_share)) + " %");
  }
  if (total <= 0) throw Error("no indicator has a weight above 0: nothing to rank on");
}

std::string_view level_name(Level level) {
  switch (level) {
    case Level::unit: return "unit";
    case Level::principal: return "principal";
    case Level::municipality: return "municipality";
    case Level::region: return "region";
  }
  return "unit";
}

Level level_from_name(std::string_view name) {
  for (Level l : {Level::unit, Level::principal, Level::municipality, Level::region})
    if (level_name(l) == name) return l;
  throw Error("unknown level '" + std::string(name) + "'; expected unit, principal, municipality or region");
}

std::string_view direction_name(Direction d) {
  switch (d) {
    case Direction::higher_is_worse: return "higher_is_worse";
    case Direction::lower_is_worse: return "lower_is_worse";
    case Direction::ambiguous: return "ambiguous";
  }
  return "ambiguous";
}

}  // namespace vaksam::risk
