// `vaksam stats table|compare|trend|report`: sex-disaggregated tables, comparisons
// and trends from the analytic snapshot, every table through disclosure control.
// A thin shell over src/tables and src/report.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/session.h"
#include "common/error.h"
#include "facts/dataset.h"
#include "report/standard_report.h"
#include "tables/compare.h"
#include "tables/csv.h"
#include "tables/json.h"
#include "tables/table.h"
#include "tables/trend.h"

namespace vaksam::cli {

namespace {

tables::Population load_population(const std::string& file) {
  if (file.empty()) return tables::Population::from_reference();
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::invalid_argument("cannot read the population file " + file);
  std::stringstream ss;
  ss << in.rdbuf();
  return tables::Population::from_csv(ss.str(), file);
}

tables::TableSpec table_spec(const StatsArgs& a) {
  tables::TableSpec s;
  s.dimensions = a.by;
  for (const auto& w : a.where) s.filters.push_back(tables::parse_filter(w));
  s.no_sex = a.no_sex;
  if (a.denominator == "none") s.denominator.kind = tables::DenominatorKind::none;
  else if (a.denominator == "placements") s.denominator = tables::sis_placements_denominator();
  else if (a.denominator != "population")
    throw std::invalid_argument("--denominator is population, placements or none");
  if (a.threshold < 1) throw std::invalid_argument("--threshold must be at least 1");
  s.disclosure.threshold = a.threshold;
  return s;
}

// "sex=female,male" -> (sex, female, male).
std::tuple<std::string, std::string, std::string> parse_groups(const std::string& text) {
  const auto f = tables::parse_filter(text);
  if (f.values.size() != 2) throw std::invalid_argument("--groups is DIMENSION=A,B, e.g. sex=female,male");
  return {f.key, f.values[0], f.values[1]};
}

void print(const nlohmann::ordered_json& j) { std::printf("%s\n", j.dump(2).c_str()); }
void print(const std::string& s) { std::fwrite(s.data(), 1, s.size(), stdout); }

void warn_if_suppressed(const tables::TableResult& t) {
  if (t.all_suppressed)
    std::fprintf(stderr, "vaksam stats: every non-zero cell of the table is suppressed (too few cases at this "
                         "level of detail); use fewer dimensions or filters\n");
}

}  // namespace

int run_stats(const Workspace& ws, const StatsArgs& a) {
  const bool json = a.format == "json";
  if (!json && a.format != "csv") {
    std::fprintf(stderr, "vaksam stats: --format is csv or json\n");
    return kUsage;
  }
  try {
    const tables::Population population = load_population(a.population_file);
    // Validate the arguments before the (slow) load.
    tables::TableSpec spec = a.action == "report" ? tables::TableSpec{} : table_spec(a);
    Session session = Session::open(ws);
    const facts::Dataset d = facts::load_dataset(*session.store);
    if (d.cases.size() == 0) {
      std::fprintf(stderr, "vaksam stats: the store has no cases; import some first\n");
      return kUsage;
    }
    if (a.action == "report") {
      report::ReportOptions o;
      if (a.threshold < 1) throw std::invalid_argument("--threshold must be at least 1");
      o.disclosure.threshold = a.threshold;
      const auto r = report::build_standard_report(d, population, o);
      if (json) print(report::to_json(r));
      else print(report::to_csv(r));
      return kOk;
    }
    if (a.action == "trend") {
      bool has_year = false;
      for (const auto& b : spec.dimensions) has_year = has_year || b == "year";
      if (!has_year) spec.dimensions.push_back("year");
    }
    const tables::TableResult t = tables::build_table(d, spec, population);
    warn_if_suppressed(t);
    if (a.action == "table") {
      if (json) print(tables::to_json(t));
      else print(tables::to_csv(t));
      return kOk;
    }
    if (a.action == "trend") {
      const auto tr = tables::fit_trends(t);
      if (json) print(nlohmann::ordered_json{{"table", tables::to_json(t)}, {"trend", tables::to_json(tr)}});
      else print(tables::to_csv(t) + "\n" + tables::to_csv(tr));
      return kOk;
    }
    // compare
    if (a.groups.empty()) throw std::invalid_argument("stats compare needs --groups, e.g. --groups sex=female,male");
    const auto [dim, ga, gb] = parse_groups(a.groups);
    if (a.outcome.empty()) {
      const auto c = tables::compare_rates(t, dim, ga, gb);
      if (json) print(nlohmann::ordered_json{{"table", tables::to_json(t)}, {"comparison", tables::to_json(c)}});
      else print(tables::to_csv(t) + "\n" + tables::to_csv(c));
      return kOk;
    }
    const auto o = tables::parse_filter(a.outcome);
    if (o.values.size() != 1) throw std::invalid_argument("--outcome is DIMENSION=CODE, e.g. vulnerability:disability=yes");
    const auto c = tables::compare_proportions(t, dim, ga, gb, o.key, o.values[0]);
    const auto ind = tables::independence_test(t, dim, o.key);
    if (json)
      print(nlohmann::ordered_json{
          {"table", tables::to_json(t)}, {"comparison", tables::to_json(c)}, {"independence", tables::to_json(ind)}});
    else
      print(tables::to_csv(t) + "\n" + tables::to_csv(c) + "\n" + tables::to_csv(ind));
    return kOk;
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "vaksam stats: %s\n", e.what());
    return kUsage;
  }
}

}  // namespace vaksam::cli
