#include "report/standard_report.h"

#include "tables/csv.h"
#include "tables/json.h"

namespace vaksam::report {

using namespace vaksam::tables;

namespace {

size_t count_screened(const facts::Dataset& d) {
  size_t n = 0;
  for (size_t i = 0; i < d.cases.size(); ++i) n += (d.cases.screen_flags[i] & facts::Cases::kScreened) ? 1 : 0;
  return n;
}

size_t count_kind(const facts::Dataset& d, std::string_view kind) {
  const uint8_t k = facts::code_index("case_kinds", kind);
  size_t n = 0;
  for (size_t i = 0; i < d.cases.size(); ++i) n += d.cases.kind[i] == k ? 1 : 0;
  return n;
}

TableSpec spec(std::vector<std::string> dims, std::vector<std::string> filters, std::string sv, std::string en,
               const ReportOptions& o) {
  TableSpec s;
  s.dimensions = std::move(dims);
  for (const auto& f : filters) s.filters.push_back(parse_filter(f));
  s.title_sv = std::move(sv);
  s.title_en = std::move(en);
  s.disclosure = o.disclosure;
  return s;
}

}  // namespace

StandardReport build_standard_report(const facts::Dataset& d, const Population& population,
                                     const ReportOptions& o) {
  StandardReport r;
  const size_t screened = count_screened(d);
  r.notes.push_back("Violence-related means that the screening of the case's text found violence (vaksam screen); " +
                    std::to_string(screened) + " of " + std::to_string(d.cases.size()) + " cases are screened.");

  if (screened == 0) {
    r.violence_missing = r.disability_missing =
        "no case is screened, so no case is known to be violence-related: run `vaksam screen` first";
  } else {
    ViolenceSection v;
    v.by_sex_year = build_table(d,
                                spec({"sex", "year"}, {"violence=yes"}, "Våldsrelaterade ärenden efter kön och år",
                                     "Violence-related cases by sex and year", o),
                                population);
    v.women_men = compare_rates(v.by_sex_year, "sex", "female", "male");
    v.trend = fit_trends(v.by_sex_year);
    v.by_sex_category_year = build_table(
        d,
        spec({"sex", "category", "year"}, {"violence=yes"}, "Våldsrelaterade ärenden efter kön, våldsform och år",
             "Violence-related cases by sex, form of violence and year", o),
        population);
    r.violence = std::move(v);

    TableSpec ds = spec({"sex", "vulnerability:disability"}, {"kind=lex_sarah", "violence=yes"},
                        "Våldsrelaterade lex Sarah-anmälningar efter kön och funktionsnedsättning",
                        "Violence-related lex Sarah reports by sex and disability", o);
    ds.denominator.kind = DenominatorKind::none;
    DisabilitySection s;
    s.sex_by_disability = build_table(d, ds, population);
    if (s.sex_by_disability.cases_selected == 0) {
      r.disability_missing = "no violence-related lex Sarah report";
    } else {
      s.women_men = compare_proportions(s.sex_by_disability, "sex", "female", "male", "vulnerability:disability", "yes");
      s.independence = independence_test(s.sex_by_disability, "sex", "vulnerability:disability");
      r.disability = std::move(s);
    }
  }

  if (count_kind(d, "seclusion") == 0) {
    r.seclusion_missing = "no case of kind seclusion (avskiljning) is in the store";
  } else {
    TableSpec ss = spec({"sex", "year"}, {"kind=seclusion"}, "Avskiljningar vid SiS särskilda ungdomshem efter kön och år",
                        "Seclusions at SiS youth homes by sex and year", o);
    ss.denominator = sis_placements_denominator();
    SeclusionSection s;
    s.by_sex_year = build_table(d, ss, population);
    if (!s.by_sex_year.rates) {
      r.seclusion_missing = "the seclusion table has no rates";
    } else {
      s.girls_boys = compare_rates(s.by_sex_year, "sex", "female", "male");
      s.trend = fit_trends(s.by_sex_year);
      bool any_denominator = false;
      for (const auto& c : s.by_sex_year.cells) any_denominator = any_denominator || c.person_years.has_value();
      if (!any_denominator)
        r.seclusion_missing = "no denominator: the indicator values SIS_PLACERADE_FLICKOR and SIS_PLACERADE_POJKAR "
                              "(young people placed, area 00, per year) are not in the store";
      else
        r.seclusion = std::move(s);
    }
  }
  return r;
}

nlohmann::ordered_json to_json(const StandardReport& r) {
  nlohmann::ordered_json j;
  j["report"] = "standard";
  j["title_sv"] = "Könsuppdelad statistik: våld, avskiljning och funktionsnedsättning";
  j["title_en"] = "Sex-disaggregated statistics: violence, seclusion and disability";
  j["notes"] = r.notes;
  if (r.violence)
    j["violence"] = {{"by_sex_year", to_json(r.violence->by_sex_year)},
                     {"women_men", to_json(r.violence->women_men)},
                     {"trend", to_json(r.violence->trend)},
                     {"by_sex_category_year", to_json(r.violence->by_sex_category_year)}};
  else
    j["violence"] = {{"unavailable", r.violence_missing}};
  if (r.seclusion)
    j["seclusion"] = {{"by_sex_year", to_json(r.seclusion->by_sex_year)},
                      {"girls_boys", to_json(r.seclusion->girls_boys)},
                      {"trend", to_json(r.seclusion->trend)}};
  else
    j["seclusion"] = {{"unavailable", r.seclusion_missing}};
  if (r.disability)
    j["disability"] = {{"sex_by_disability", to_json(r.disability->sex_by_disability)},
                       {"women_men", to_json(r.disability->women_men)},
                       {"independence", to_json(r.disability->independence)}};
  else
    j["disability"] = {{"unavailable", r.disability_missing}};
  return j;
}

std::string to_csv(const StandardReport& r) {
  std::string out = "# Könsuppdelad statistik: våld, avskiljning och funktionsnedsättning\n";
  for (const auto& n : r.notes) out += "# " + n + "\n";
  out += "\n# == 1. Våldsrelaterade ärenden / Violence-related cases\n";
  if (r.violence) {
    out += tables::to_csv(r.violence->by_sex_year) + "\n" + tables::to_csv(r.violence->women_men) + "\n" +
           tables::to_csv(r.violence->trend) + "\n" + tables::to_csv(r.violence->by_sex_category_year);
  } else {
    out += "# not available: " + r.violence_missing + "\n";
  }
  out += "\n# == 2. Avskiljning vid SiS / Seclusion at SiS youth homes\n";
  if (r.seclusion) {
    out += tables::to_csv(r.seclusion->by_sex_year) + "\n" + tables::to_csv(r.seclusion->girls_boys) + "\n" +
           tables::to_csv(r.seclusion->trend);
  } else {
    out += "# not available: " + r.seclusion_missing + "\n";
  }
  out += "\n# == 3. Lex Sarah: kön × funktionsnedsättning / sex × disability\n";
  if (r.disability) {
    out += tables::to_csv(r.disability->sex_by_disability) + "\n" + tables::to_csv(r.disability->women_men) + "\n" +
           tables::to_csv(r.disability->independence);
  } else {
    out += "# not available: " + r.disability_missing + "\n";
  }
  return out;
}

}  // namespace vaksam::report
