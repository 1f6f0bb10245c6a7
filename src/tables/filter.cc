#include "tables/filter.h"

#include <algorithm>
#include <stdexcept>

#include "common/date.h"

namespace vaksam::tables {

namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return std::string(s);
}

MonthRange all_months(const facts::Dataset& d) {
  if (d.first_case == facts::kNoDay) return {};
  return {facts::month_index(d.first_case), facts::month_index(d.last_case)};
}

}  // namespace

Filter parse_filter(std::string_view text) {
  const size_t eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == text.size())
    throw std::invalid_argument("a filter is key=value[,value...], e.g. kind=lex_sarah or violence=yes; got '" +
                                std::string(text) + "'");
  Filter f{trim(text.substr(0, eq)), {}};
  if (f.key == "kind") f.key = "case_kind";
  std::string_view rest = text.substr(eq + 1);
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    std::string v = trim(rest.substr(0, comma));
    if (!v.empty()) f.values.push_back(v);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  if (f.values.empty()) throw std::invalid_argument("the filter '" + std::string(text) + "' has no value");
  return f;
}

std::string describe(const std::vector<Filter>& filters) {
  std::string out;
  for (const auto& f : filters) {
    out += (out.empty() ? "" : ", ") + f.key + "=";
    for (size_t k = 0; k < f.values.size(); ++k) out += (k ? "," : "") + f.values[k];
  }
  return out;
}

Selection select_cases(const facts::Dataset& d, const std::vector<Filter>& filters) {
  const size_t n = d.cases.size();
  std::vector<char> keep(n, 1);
  Selection s;
  for (size_t i = 0; i < n; ++i) s.screened += (d.cases.screen_flags[i] & facts::Cases::kScreened) ? 1 : 0;
  int from_month = -1, to_month = -1;
  std::vector<uint32_t> all(n);
  for (size_t i = 0; i < n; ++i) all[i] = static_cast<uint32_t>(i);
  for (const auto& f : filters) {
    if (f.key == "violence") {
      if (f.values.size() != 1 || (f.values[0] != "yes" && f.values[0] != "no"))
        throw std::invalid_argument("violence=yes or violence=no");
      if (s.screened == 0)
        throw std::invalid_argument("violence=" + f.values[0] +
                                    " needs screened cases, and none is screened: run `vaksam screen` first");
      const bool want = f.values[0] == "yes";
      for (size_t i = 0; i < n; ++i)
        if (!(d.cases.screen_flags[i] & facts::Cases::kScreened) || d.cases.violence(i) != want) keep[i] = 0;
      continue;
    }
    if (f.key == "from" || f.key == "to") {
      const facts::Day day = facts::to_day(f.values[0]);
      if (f.values.size() != 1 || day == facts::kNoDay)
        throw std::invalid_argument(f.key + "= takes one date, YYYY-MM-DD");
      for (size_t i = 0; i < n; ++i)
        if (f.key == "from" ? d.cases.received[i] < day : d.cases.received[i] > day) keep[i] = 0;
      (f.key == "from" ? from_month : to_month) = facts::month_index(day);
      continue;
    }
    const Axis a = make_axis(f.key, d, all_months(d), all);
    std::vector<char> wanted(a.categories.size(), 0);
    for (const auto& v : f.values) {
      size_t k = 0;
      while (k < a.categories.size() && a.categories[k].code != v) ++k;
      if (k == a.categories.size()) {
        std::string valid;
        for (size_t j = 0; j < a.categories.size() && j < 30; ++j) valid += (j ? ", " : "") + a.categories[j].code;
        if (a.categories.size() > 30) valid += ", …";
        throw std::invalid_argument("no " + f.key + " '" + v + "'; the values are " + valid);
      }
      wanted[k] = 1;
    }
    std::vector<int> vals;
    for (size_t i = 0; i < n; ++i) {
      if (!keep[i]) continue;
      vals.clear();
      a.values(d, i, vals);
      bool any = false;
      for (int k : vals) any = any || wanted[static_cast<size_t>(k)];
      if (!any) keep[i] = 0;
    }
  }
  for (size_t i = 0; i < n; ++i) {
    if (!keep[i]) continue;
    s.cases.push_back(static_cast<uint32_t>(i));
    if (d.cases.received[i] == facts::kNoDay) continue;
    const int m = facts::month_index(d.cases.received[i]);
    if (s.months.empty()) s.months = {m, m};
    s.months.first = std::min(s.months.first, m);
    s.months.last = std::max(s.months.last, m);
  }
  if (!s.months.empty()) s.observed = {s.months.first / 12 * 12, s.months.last / 12 * 12 + 11};
  if (from_month >= 0) s.observed.first = from_month;
  if (to_month >= 0) s.observed.last = to_month;
  if (s.months.empty() && (from_month < 0 || to_month < 0)) s.observed = {};
  return s;
}

}  // namespace vaksam::tables
