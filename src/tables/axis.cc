#include "tables/axis.h"

#include <cstdio>
#include <stdexcept>
#include <unordered_map>

#include "common/date.h"
#include "reference/code_list.h"
#include "reference/geography.h"
#include "screen/categories.h"

namespace vaksam::tables {

namespace {

using facts::kNoCode;
using facts::kNone;

std::vector<Category> from_list(std::string_view list) {
  std::vector<Category> out;
  for (const auto& c : reference::CodeList::builtin(list).codes()) out.push_back({c.code, c.sv, c.en});
  return out;
}

// The eight forms of violence are the categories of a table; perpetrators and
// who is exposed are other questions (and other bits).
constexpr int kFormBits = 8;
const char* const kFormSv[kFormBits] = {"Fysiskt våld", "Sexuellt våld", "Psykiskt våld", "Ekonomiskt våld",
                                        "Hedersrelaterat våld", "Tvångsäktenskap", "Könsstympning", "Försummelse"};
const char* const kFormEn[kFormBits] = {"Physical",       "Sexual",          "Psychological",
                                        "Economic",       "Honour-related",  "Forced marriage",
                                        "FGM",            "Neglect"};

std::string municipality_of(const facts::Dataset& d, size_t i) {
  const uint32_t u = d.cases.unit[i];
  if (u != kNone && !d.units[u].kommunkod.empty()) return d.units[u].kommunkod;
  const uint32_t p = d.cases.principal[i];
  if (p != kNone) return d.principals[p].kommunkod;
  return {};
}

std::string region_of(const facts::Dataset& d, size_t i) {
  const uint32_t u = d.cases.unit[i];
  if (u != kNone && !d.units[u].region_code.empty()) return d.units[u].region_code;
  const std::string m = municipality_of(d, i);
  if (!m.empty())
    if (const auto* x = reference::Geography::builtin().municipality(m)) return x->region_code;
  const uint32_t p = d.cases.principal[i];
  if (p != kNone) return d.principals[p].region_code;
  return {};
}

int find_code(const std::vector<Category>& cs, std::string_view code) {
  for (size_t k = 0; k < cs.size(); ++k)
    if (cs[k].code == code) return static_cast<int>(k);
  return -1;
}

// Index of the case's value among the categories, or -1 when it has none.
int single_value(const Axis& a, const facts::Dataset& d, size_t i) {
  const auto& c = d.cases;
  switch (a.dim) {
    case Dim::sex: return c.sex[i] == kNoCode ? -1 : c.sex[i];
    case Dim::age_band: return c.age_band[i] == kNoCode ? -1 : c.age_band[i];
    case Dim::case_kind: return c.kind[i] == kNoCode ? -1 : c.kind[i];
    case Dim::vulnerability_one: {
      const uint8_t bit = facts::code_index("vulnerabilities", a.marker);
      return (c.vulnerabilities[i] >> bit) & 1u ? 0 : 1;
    }
    case Dim::unit_type:
      return c.unit[i] == kNone ? -1 : find_code(a.categories, d.units[c.unit[i]].unit_type);
    case Dim::principal:
      return c.principal[i] == kNone ? -1 : find_code(a.categories, d.principals[c.principal[i]].id);
    case Dim::municipality: return find_code(a.categories, municipality_of(d, i));
    case Dim::region: return find_code(a.categories, region_of(d, i));
    case Dim::year:
    case Dim::quarter:
    case Dim::month: {
      if (c.received[i] == facts::kNoDay) return -1;
      const int m = facts::month_index(c.received[i]);
      const int p = a.dim == Dim::year ? m / 12 : a.dim == Dim::quarter ? m / 3 : m;
      const int k = p - a.period_origin;
      return k >= 0 && k < static_cast<int>(a.categories.size()) ? k : -1;
    }
    default: return -1;
  }
}

void add_periods(Axis& a, MonthRange r) {
  if (r.empty()) return;
  a.period_origin = a.dim == Dim::year ? r.first / 12 : a.dim == Dim::quarter ? r.first / 3 : r.first;
  char buf[16];
  if (a.dim == Dim::year) {
    for (int y = r.first / 12; y <= r.last / 12; ++y) a.categories.push_back({std::to_string(y), std::to_string(y), std::to_string(y)});
  } else if (a.dim == Dim::quarter) {
    for (int q = r.first / 3; q <= r.last / 3; ++q) {
      std::snprintf(buf, sizeof buf, "%04d-Q%d", q / 4, q % 4 + 1);
      a.categories.push_back({buf, buf, buf});
    }
  } else {
    for (int m = r.first; m <= r.last; ++m) {
      std::snprintf(buf, sizeof buf, "%04d-%02d", m / 12, m % 12 + 1);
      a.categories.push_back({buf, buf, buf});
    }
  }
}

}  // namespace

const std::vector<std::string>& axis_names() {
  static const std::vector<std::string> names = {
      "sex",      "age_band",     "vulnerability", "vulnerability:<marker>", "case_kind", "category", "unit_type",
      "principal", "municipality", "region",        "year",                   "quarter",   "month"};
  return names;
}

void Axis::values(const facts::Dataset& d, size_t i, std::vector<int>& out) const {
  if (dim == Dim::vulnerability) {
    for (size_t k = 0; k < categories.size(); ++k)
      if ((d.cases.vulnerabilities[i] >> k) & 1u) out.push_back(static_cast<int>(k));
    return;
  }
  if (dim == Dim::category) {
    for (int k = 0; k < kFormBits; ++k)
      if ((d.cases.categories[i] >> k) & 1u) out.push_back(k);
    return;
  }
  int k = single_value(*this, d, i);
  if (k < 0 || k >= static_cast<int>(categories.size()) ||
      (dim == Dim::sex && categories[static_cast<size_t>(k)].code == kUnknownCode)) {
    // Missing: the trailing "unknown" category if the axis has one.
    k = !categories.empty() && categories.back().code == kUnknownCode ? static_cast<int>(categories.size()) - 1 : -1;
  }
  if (k >= 0) out.push_back(k);
}

Axis make_axis(std::string_view name, const facts::Dataset& d, MonthRange months,
               const std::vector<uint32_t>& selected) {
  Axis a;
  a.name = std::string(name);
  std::string_view base = name.substr(0, name.find(':'));
  const bool has_marker = name.find(':') != std::string_view::npos;
  if (base == "kind") base = "case_kind";
  if (has_marker && base != "vulnerability")
    throw std::invalid_argument("only vulnerability takes a marker (vulnerability:disability); got '" + a.name + "'");
  if (base == "sex") {
    a.dim = Dim::sex, a.sv = "Kön", a.en = "Sex", a.splits_population = true;
    a.categories = from_list("sexes");
    a.categories.pop_back();  // "unknown" is added below only when needed
  } else if (base == "age_band") {
    a.dim = Dim::age_band, a.sv = "Åldersgrupp", a.en = "Age band", a.splits_population = true;
    a.categories = from_list("age_bands");
  } else if (base == "vulnerability" && has_marker) {
    a.marker = std::string(name.substr(name.find(':') + 1));
    if (auto code = reference::CodeList::builtin("vulnerabilities").resolve(a.marker)) a.marker = *code;
    else
      throw std::invalid_argument("no vulnerability marker '" + a.marker + "'; the markers are " +
                                  reference::CodeList::builtin("vulnerabilities").codes_joined());
    const auto& code = reference::CodeList::builtin("vulnerabilities").codes()[facts::code_index("vulnerabilities", a.marker)];
    a.dim = Dim::vulnerability_one, a.sv = code.sv, a.en = code.en, a.splits_population = true;
    a.categories = {{"yes", "Ja", "Yes"}, {"no", "Nej (eller inte angivet)", "No (or not recorded)"}};
  } else if (base == "vulnerability") {
    a.dim = Dim::vulnerability, a.sv = "Sårbarhet", a.en = "Vulnerability", a.multi_valued = true;
    a.splits_population = true;
    a.categories = from_list("vulnerabilities");
  } else if (base == "case_kind") {
    a.dim = Dim::case_kind, a.sv = "Ärendeslag", a.en = "Case kind";
    a.categories = from_list("case_kinds");
  } else if (base == "category") {
    a.dim = Dim::category, a.sv = "Våldsform", a.en = "Form of violence", a.multi_valued = true;
    for (int k = 0; k < kFormBits; ++k)
      a.categories.push_back({std::string(screen::category_name(k)), kFormSv[k], kFormEn[k]});
  } else if (base == "unit_type") {
    a.dim = Dim::unit_type, a.sv = "Verksamhetstyp", a.en = "Unit type";
    a.categories = from_list("unit_types");
  } else if (base == "principal") {
    a.dim = Dim::principal, a.sv = "Huvudman", a.en = "Principal";
    std::vector<char> seen(d.principals.size(), 0);
    for (uint32_t i : selected)
      if (d.cases.principal[i] != kNone) seen[d.cases.principal[i]] = 1;
    for (size_t p = 0; p < d.principals.size(); ++p)
      if (seen[p]) a.categories.push_back({d.principals[p].id, d.principals[p].name, d.principals[p].name});
  } else if (base == "municipality") {
    a.dim = Dim::municipality, a.sv = "Kommun", a.en = "Municipality", a.splits_population = true;
    for (const auto& m : reference::Geography::builtin().municipalities()) a.categories.push_back({m.code, m.name, m.name});
  } else if (base == "region") {
    a.dim = Dim::region, a.sv = "Län", a.en = "Region", a.splits_population = true;
    for (const auto& r : reference::Geography::builtin().regions()) a.categories.push_back({r.code, r.name, r.name});
  } else if (base == "year" || base == "quarter" || base == "month") {
    a.dim = base == "year" ? Dim::year : base == "quarter" ? Dim::quarter : Dim::month;
    a.sv = base == "year" ? "År" : base == "quarter" ? "Kvartal" : "Månad";
    a.en = base == "year" ? "Year" : base == "quarter" ? "Quarter" : "Month";
    a.splits_population = true;
    add_periods(a, months);
    if (a.categories.empty()) throw std::invalid_argument("no period to split by: no case has a received date in range");
  } else {
    std::string valid;
    for (const auto& n : axis_names()) valid += (valid.empty() ? "" : ", ") + n;
    throw std::invalid_argument("no dimension '" + a.name + "'; the dimensions are " + valid);
  }
  if (!a.multi_valued && a.dim != Dim::vulnerability_one) {
    // A trailing "unknown" only when some selected case has no value here.
    for (uint32_t i : selected) {
      const int k = single_value(a, d, i);
      if (k < 0 || (a.dim == Dim::sex && d.cases.sex[i] == facts::code_index("sexes", "unknown"))) {
        a.categories.push_back({std::string(kUnknownCode), "Okänt", "Unknown"});
        break;
      }
    }
  }
  return a;
}

}  // namespace vaksam::tables
