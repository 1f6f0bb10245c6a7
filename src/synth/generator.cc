#include "synth/generator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "common/date.h"
#include "common/error.h"
#include "reference/geography.h"
#include "synth/csv_out.h"
#include "synth/distributions.h"
#include "synth/fake_identity.h"
#include "synth/narrative.h"
#include "synth/seclusion.h"

namespace vaksam::synth {

namespace {

// ---- Volumes ----------------------------------------------------------------

// Which unit types a stream of cases reaches, with their shares of its volume.
struct Stream {
  const char* volume;  // key of national_volumes()
  const char* kind;    // the case kind written
  std::vector<std::pair<const char*, double>> shares;
  bool municipal_only = false;  // only units run by a municipality
};

const std::vector<Stream>& streams() {
  static const std::vector<Stream> s = {
      {"lex_sarah", "lex_sarah",
       {{"lss_group_home", .30}, {"sabo", .28}, {"hvb", .12}, {"sis_youth_home", .08}, {"home_care", .12},
        {"ifo", .07}, {"sheltered_housing", .03}}},
      {"lex_maria", "lex_maria",
       {{"primary_care", .30}, {"emergency_department", .30}, {"psychiatry", .25}, {"maternity_care", .15}}},
      {"complaint_health_care", "complaint",
       {{"primary_care", .35}, {"emergency_department", .25}, {"psychiatry", .25}, {"maternity_care", .15}}},
      {"complaint_social_services", "complaint",
       {{"ifo", .40}, {"lss_group_home", .15}, {"sabo", .20}, {"hvb", .10}, {"sis_youth_home", .10},
        {"sheltered_housing", .05}}},
      {"non_executed_decision", "non_executed_decision", {{"ifo", .55}, {"lss_group_home", .45}}, true},
      {"tip", "tip",
       {{"ifo", .30}, {"lss_group_home", .12}, {"sabo", .12}, {"hvb", .10}, {"sis_youth_home", .06},
        {"sheltered_housing", .05}, {"home_care", .05}, {"primary_care", .08}, {"emergency_department", .06},
        {"psychiatry", .04}, {"maternity_care", .02}}},
      {"other", "other", {{"ifo", .4}, {"sabo", .2}, {"primary_care", .2}, {"lss_group_home", .2}}},
  };
  return s;
}

// Principal-level streams: survey answers and dialogue notes per municipality.
constexpr const char* kPrincipalKinds[] = {"survey_response", "dialogue_input"};

// ---- Case content -------------------------------------------------------------

struct Template {
  std::vector<const char*> categories;
  double weight;
};

const std::vector<Template>& templates_for(const std::string& unit_type) {
  static const std::map<std::string, std::vector<Template>> by_type = {
      {"ifo",
       {{{"physical", "psychological", "partner"}, 3},
        {{"psychological", "partner"}, 2},
        {{"physical", "partner", "child_witness"}, 2},
        {{"physical", "child_victim", "family"}, 2},
        {{"psychological", "honour_related", "family"}, 1},
        {{"forced_marriage", "honour_related", "family"}, .4},
        {{"fgm", "honour_related", "child_victim", "family"}, .2},
        {{"economic", "psychological", "partner"}, .8},
        {{"neglect", "child_victim", "family"}, 1},
        {{"sexual", "partner"}, .6}}},
      {"sheltered_housing",
       {{{"physical", "psychological", "partner"}, 4},
        {{"physical", "partner", "child_witness"}, 2},
        {{"psychological", "honour_related", "family"}, 1},
        {{"economic", "partner"}, .5}}},
      {"lss_group_home",
       {{{"physical", "staff_perpetrator"}, 3},
        {{"physical", "co_resident"}, 3},
        {{"psychological", "staff_perpetrator"}, 2},
        {{"sexual", "co_resident"}, .8},
        {{"economic", "staff_perpetrator"}, .6},
        {{"neglect", "staff_perpetrator"}, .8}}},
      {"sabo",
       {{{"physical", "elder_abuse", "staff_perpetrator"}, 3},
        {{"psychological", "elder_abuse", "staff_perpetrator"}, 2},
        {{"economic", "elder_abuse", "family"}, 1},
        {{"physical", "elder_abuse", "co_resident"}, 2},
        {{"neglect", "elder_abuse", "staff_perpetrator"}, 1}}},
      {"home_care",
       {{{"physical", "elder_abuse", "family"}, 2},
        {{"economic", "elder_abuse", "family"}, 2},
        {{"psychological", "elder_abuse", "staff_perpetrator"}, 1},
        {{"neglect", "elder_abuse", "family"}, 1}}},
      {"hvb",
       {{{"physical", "child_victim", "staff_perpetrator"}, 2},
        {{"physical", "co_resident", "child_victim"}, 3},
        {{"sexual", "co_resident", "child_victim"}, 1},
        {{"psychological", "staff_perpetrator", "child_victim"}, 1},
        {{"psychological", "honour_related", "family", "child_victim"}, .6}}},
      {"sis_youth_home",
       {{{"physical", "child_victim", "staff_perpetrator"}, 3},
        {{"psychological", "child_victim", "staff_perpetrator"}, 3},
        {{"physical", "co_resident", "child_victim"}, 2},
        {{"sexual", "staff_perpetrator", "child_victim"}, .5}}},
      {"maternity_care",
       {{{"physical", "partner", "lethal_risk"}, 2},
        {{"psychological", "partner"}, 2},
        {{"forced_marriage", "honour_related", "family"}, .5},
        {{"fgm", "honour_related"}, .5}}},
      {"health",
       {{{"physical", "partner"}, 4},
        {{"physical", "partner", "lethal_risk"}, 1},
        {{"physical", "family"}, 1.5},
        {{"sexual", "partner"}, 1},
        {{"physical", "elder_abuse", "family"}, 1},
        {{"physical", "child_victim", "family"}, 1},
        {{"physical", "staff_perpetrator"}, .8}}},
  };
  auto it = by_type.find(unit_type);
  return it != by_type.end() ? it->second : by_type.at("health");
}

double violence_share(const std::string& kind, const std::string& unit_type) {
  if (unit_type == "sheltered_housing") return 0.7;
  if (kind == "complaint") return 0.30;
  if (kind == "tip") return 0.50;
  if (kind == "lex_sarah") return 0.45;
  if (kind == "lex_maria") return 0.20;
  if (kind == "non_executed_decision") return 0.12;
  if (kind == "survey_response") return 0.10;
  if (kind == "dialogue_input") return 0.50;
  return 0.20;
}

template <typename T>
const T& weighted_pick(Rng& rng, const std::vector<T>& items) {
  double total = 0;
  for (const auto& t : items) total += t.weight;
  double x = rng.uniform() * total;
  for (const auto& t : items)
    if ((x -= t.weight) < 0) return t;
  return items.back();
}

std::string pick_age_band(Rng& rng, const std::string& unit_type, bool child) {
  static constexpr const char* kChild[] = {"0-5", "6-12", "13-17"};
  static constexpr const char* kAdult[] = {"18-24", "25-44", "25-44", "25-44", "45-64", "45-64", "65-79"};
  if (unit_type == "sis_youth_home") return "13-17";
  if (unit_type == "hvb") return rng.chance(0.8) ? "13-17" : rng.chance(0.5) ? "6-12" : "18-24";
  if (unit_type == "sabo" || unit_type == "home_care") return rng.chance(0.6) ? "80+" : "65-79";
  if (unit_type == "maternity_care") return rng.chance(0.2) ? "18-24" : "25-44";
  if (unit_type == "lss_group_home") return rng.chance(0.2) ? "18-24" : rng.chance(0.6) ? "25-44" : "45-64";
  if (child) return kChild[rng.below(3)];
  return kAdult[rng.below(std::size(kAdult))];
}

bool has(const std::vector<const char*>& v, std::string_view x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// ---- Inspections and deficiencies ------------------------------------------------

struct DeficiencyEvent {
  int64_t day;  // days since epoch
  std::string status;
};

struct Deficiency {
  std::string id, inspection_id, category, legal_basis, action;
  int64_t decided = 0, deadline = 0;
  std::vector<DeficiencyEvent> events;
  size_t unit = 0;
};

constexpr const char* kCategories[] = {"risk_assessment",   "children_not_noticed", "investigation_documentation",
                                       "long_term_support", "self_monitoring",      "competence_quality",
                                       "collaboration",     "non_execution"};

const char* legal_basis(std::string_view category, bool health_care) {
  if (health_care) {
    if (category == "risk_assessment") return "SOSFS 2014:4 4 kap. 1 §, HSL 5 kap. 1 §";
    if (category == "self_monitoring") return "SOSFS 2011:9 5 kap. 2 §";
    if (category == "competence_quality") return "PSL 3 kap. 3 §";
    return "HSL 5 kap. 1 §";
  }
  if (category == "risk_assessment") return "SOSFS 2014:4 4 kap. 2 §";
  if (category == "children_not_noticed") return "SoL 5 kap. 11 §, SOSFS 2014:4 5 kap.";
  if (category == "investigation_documentation") return "SoL 11 kap. 1 och 5 §§";
  if (category == "long_term_support") return "SOSFS 2014:4 6 kap.";
  if (category == "self_monitoring") return "SOSFS 2011:9 5 kap. 2 §";
  if (category == "competence_quality") return "SOSFS 2014:4 3 kap. 1 §";
  if (category == "collaboration") return "SoL 5 kap. 1 d §";
  return "SoL 16 kap. 6 f §";
}

const char* required_action(std::string_view category) {
  if (category == "risk_assessment")
    return "Säkerställ att en strukturerad riskbedömning görs och dokumenteras i varje ärende där våld förekommer.";
  if (category == "children_not_noticed")
    return "Säkerställ att barn som upplevt eller bevittnat våld uppmärksammas, får sin situation utredd och erbjuds stöd.";
  if (category == "investigation_documentation")
    return "Säkerställ att utredningar om våld genomförs skyndsamt och dokumenteras fullständigt.";
  if (category == "long_term_support")
    return "Säkerställ att våldsutsatta erbjuds långsiktigt stöd och att insatserna följs upp.";
  if (category == "self_monitoring")
    return "Inför egenkontroll som följer upp arbetet med våld i nära relationer.";
  if (category == "competence_quality")
    return "Säkerställ att personalen har kunskap om våld och dess konsekvenser och att rutinerna är kända.";
  if (category == "collaboration")
    return "Säkerställ att samverkan med hälso- och sjukvården, polisen och andra aktörer fungerar i enskilda ärenden.";
  return "Säkerställ att beviljade beslut verkställs utan dröjsmål.";
}

struct InspectionRecord {
  std::string id;
  size_t unit = 0;
  std::string type;
  int64_t started = 0, decided = -1;
  bool found = false;
  double true_risk = 1.0;
  std::string outcome;
};

std::string iso(int64_t day) { return Date::from_days_since_epoch(day).iso(); }

// ---- The generator ---------------------------------------------------------------------

class Generator {
 public:
  explicit Generator(const SynthOptions& o) : o_(o), root_(o.seed) {
    last_year_ = o.end_year ? o.end_year : today().year - 1;
    first_year_ = last_year_ - o.years + 1;
    months_ = o.years * 12;
    end_day_ = Date{last_year_, 12, 31}.days_since_epoch();
    WorldOptions wo;
    wo.months = months_;
    wo.planted_units = o.planted_units;
    wo.planted_principals = o.planted_principals;
    wo.planted_handling = o.planted_handling;
    world_ = World::build(root_.fork("world"), wo);
    remedied_.assign(world_.units.size(), -1);
    signals_.assign(world_.units.size(), std::vector<int>(12, 0));
    complaints_.assign(world_.units.size(), std::vector<int>(3, 0));
  }

  SynthSummary run() {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(fs::path(o_.out_dir) / "truth", ec);
    if (ec) throw Error({o_.out_dir, 0, ""}, "cannot create the folder: " + ec.message());
    summary_.first_year = first_year_;
    summary_.last_year = last_year_;
    write_principals_and_units();
    compute_rates();
    CsvOut cases(path("cases.csv"),
                 "case_id;case_kind;received_date;unit_id;principal_id;subject_pnr;subject_sex;subject_age_band;"
                 "vulnerabilities;narrative");
    CsvOut case_truth(path("truth/cases.csv"),
                      "case_id;violence;categories;mention;handling_deficiency;hard_negative;planted_problem_active");
    CsvOut inspections(path("inspections.csv"),
                       "inspection_id;inspection_type;unit_id;principal_id;started_date;decision_date;outcome;summary");
    CsvOut inspection_truth(path("truth/inspections.csv"), "inspection_id;unit_id;selection;true_risk;found");
    Rng case_rng = root_.fork("cases"), text_rng = root_.fork("narratives"), inspect_rng = root_.fork("inspections");
    for (int m = 0; m < months_; ++m) {
      generate_cases(m, case_rng, text_rng, cases, case_truth);
      generate_inspections(m, inspect_rng, inspections, inspection_truth);
      if (o_.progress) o_.progress(static_cast<double>(m + 1) / months_);
    }
    cases.close();
    case_truth.close();
    inspections.close();
    inspection_truth.close();
    write_deficiencies();
    write_indicators();
    write_planted_truth();
    write_seclusion_stream();
    return summary_;
  }

 private:
  std::string path(const std::string& name) const { return (std::filesystem::path(o_.out_dir) / name).string(); }

  int year_of(int month) const { return first_year_ + month / 12; }

  void write_principals_and_units() {
    CsvOut p(path("principals.csv"), "principal_id;principal_type;name;org_number;kommunkod;region_code");
    for (const auto& x : world_.principals) {
      p.field(x.id).field(x.type).field(x.name).field(x.org_number).field(x.kommunkod).field(x.region_code).end_row();
      ++summary_.principals;
    }
    p.close();
    CsvOut u(path("units.csv"), "unit_id;name;unit_type;principal_id;kommunkod;capacity;opened_date;closed_date");
    CsvOut t(path("truth/units.csv"), "unit_id;unit_type;principal_id;frailty;planted");
    for (const auto& x : world_.units) {
      u.field(x.id).field(x.name).field(x.type).field(world_.principals[x.principal].id).field(x.kommunkod);
      u.field(x.capacity ? std::to_string(x.capacity) : "").field("").field("").end_row();
      t.field(x.id).field(x.type).field(world_.principals[x.principal].id).field(x.frailty, 4);
      t.field(x.has_problem ? "1" : "0").end_row();
      ++summary_.units;
    }
  }

  // Expected cases per unit and month at risk 1, for every stream.
  void compute_rates() {
    rates_.assign(world_.units.size(), {});
    for (size_t s = 0; s < streams().size(); ++s) {
      const auto& stream = streams()[s];
      const double per_year = national_volumes().at(stream.volume) * o_.scale;
      for (const auto& [type, share] : stream.shares) {
        // Normalised by the frailty-weighted exposure, so the expected national total is the
        // target whatever the draw of frailties; planted problems come on top.
        double exposure = 0;
        for (const auto& u : world_.units)
          if (u.type == type && eligible(stream, u)) exposure += u.exposure * u.frailty;
        if (exposure <= 0) continue;
        for (size_t i = 0; i < world_.units.size(); ++i) {
          const auto& u = world_.units[i];
          if (u.type == type && eligible(stream, u))
            rates_[i].push_back({s, per_year * share * u.exposure / exposure / 12.0});
        }
      }
    }
  }

  bool eligible(const Stream& s, const Unit& u) const {
    return !s.municipal_only || world_.principals[u.principal].type == "municipality";
  }

  static double season(int month) { return 1.0 + 0.12 * std::sin(6.283185307179586 * ((month % 12) - 2) / 12.0); }
  // A slow trend of 1.5 % a year, centred on the middle year.
  double trend(int month) const { return 1.0 + 0.015 * ((month / 12) - (months_ / 12 - 1) / 2.0); }

  // A planted incident problem stops when a deficiency at the unit was verified as remedied.
  double risk(size_t unit, int month) const {
    const Unit& u = world_.units[unit];
    if (remedied_[unit] >= 0 && month > remedied_[unit]) return u.frailty;
    return u.risk(month);
  }
  bool handling_active(size_t unit, int month) const {
    const Unit& u = world_.units[unit];
    return u.has_problem && u.problem.kind == PlantedProblem::Kind::handling && month >= u.problem.onset_month &&
           !(remedied_[unit] >= 0 && month > remedied_[unit]);
  }

  void generate_cases(int month, Rng& rng, Rng& text_rng, CsvOut& out, CsvOut& truth) {
    const int year = year_of(month), mon = month % 12 + 1;
    const double seasonal = season(month) * trend(month);
    for (auto& s : signals_) s[month % 12] = 0;
    for (auto& c : complaints_) c[month % 3] = 0;
    for (size_t i = 0; i < world_.units.size(); ++i) {
      const double r = risk(i, month);
      for (const auto& [stream, rate] : rates_[i]) {
        double mean = rate * seasonal * r;
        const std::string kind = streams()[stream].kind;
        if (kind == "non_executed_decision" && handling_active(i, month)) mean *= world_.units[i].problem.factor;
        const int n = poisson(rng, mean);
        for (int k = 0; k < n; ++k) write_case(month, year, mon, i, kind, rng, text_rng, out, truth);
      }
    }
    // Survey answers and dialogue notes, per municipality, in proportion to the population.
    const auto& geo = reference::Geography::builtin();
    double population = 0;
    for (const auto& m : geo.municipalities()) population += static_cast<double>(m.population);
    for (size_t p = 0; p < geo.municipalities().size(); ++p) {
      const double share = static_cast<double>(geo.municipalities()[p].population) / population;
      for (const char* kind : kPrincipalKinds) {
        const double mean = national_volumes().at(kind) * o_.scale * share / 12.0 * seasonal;
        const int n = poisson(rng, mean);
        for (int k = 0; k < n; ++k) write_case(month, year, mon, SIZE_MAX, kind, rng, text_rng, out, truth, p);
      }
    }
  }

  void write_case(int month, int year, int mon, size_t unit, const std::string& kind, Rng& rng, Rng& text_rng,
                  CsvOut& out, CsvOut& truth, size_t principal_index = 0) {
    const Unit* u = unit == SIZE_MAX ? nullptr : &world_.units[unit];
    const std::string unit_type = u ? u->type : "";
    const Date received{year, mon, 1 + static_cast<int>(rng.below(static_cast<uint64_t>(days_in_month(year, mon))))};
    const bool planted_active = u && u->has_problem && u->planted_multiplier(month) > 1.0 &&
                                !(remedied_[unit] >= 0 && month > remedied_[unit]);

    NarrativeRequest req;
    req.case_kind = kind;
    req.unit_type = unit_type;
    double p_violence = violence_share(kind, unit_type);
    if (planted_active) p_violence = std::min(0.9, p_violence * 1.3);
    req.violence = rng.chance(p_violence);
    std::vector<const char*> categories;
    if (req.violence) {
      categories = weighted_pick(rng, templates_for(unit_type)).categories;
      if (has(categories, "partner") && !has(categories, "lethal_risk") && rng.chance(0.15))
        categories.push_back("lethal_risk");
      req.mention = rng.chance(0.10) ? Mention::historical : Mention::plain;
    } else {
      const double x = rng.uniform();
      const bool routine_kind = kind == "survey_response" || kind == "dialogue_input" || kind == "complaint";
      if (x < 0.20) req.mention = Mention::negated;
      else if (x < 0.35 && routine_kind) req.mention = Mention::hypothetical;
      else if (x < 0.55) req.hard_negative = true;
    }
    for (const char* c : categories) req.categories.push_back(c);
    const bool handling = u && handling_active(unit, month);
    req.handling_deficiency = kind == "non_executed_decision" ||
                              (req.violence && rng.chance(handling ? 0.8 : 0.35)) ||
                              (req.mention == Mention::hypothetical && rng.chance(0.6)) ||
                              (!req.violence && handling && rng.chance(0.4));

    // Who the case is about.
    const bool child = has(categories, "child_victim") || has(categories, "child_witness");
    std::string sex;
    const double f = unit_type == "sis_youth_home" ? 0.30 + 0.06 * (year - first_year_)  // the widening gap
                     : has(categories, "partner")   ? 0.88
                     : has(categories, "elder_abuse") ? 0.65
                     : unit_type == "maternity_care"  ? 1.0
                                                      : 0.52;
    if (kind != "survey_response" && kind != "dialogue_input") {
      const double x = rng.uniform();
      sex = x < 0.04 ? "" : x < 0.04 + 0.96 * f ? "female" : "male";
    }
    std::string band = sex.empty() && !u ? "" : pick_age_band(rng, unit_type, child);
    req.subject_sex = sex;
    req.age_band = band;
    std::string vulnerabilities;
    auto add_vulnerability = [&](const char* v) { vulnerabilities += (vulnerabilities.empty() ? "" : "|") + std::string(v); };
    if (!band.empty()) {
      if (unit_type == "lss_group_home" || rng.chance(0.06)) add_vulnerability("disability");
      if (band == "80+" || band == "65-79") add_vulnerability("elderly");
      if (band == "0-5" || band == "6-12" || band == "13-17") add_vulnerability("child");
      if (rng.chance(0.15)) add_vulnerability("foreign_background");
      if (rng.chance(0.03)) add_vulnerability("hbtqi");
      if (rng.chance(unit_type == "psychiatry" ? 0.7 : 0.08)) add_vulnerability("mental_illness");
      if (unit_type == "maternity_care" && rng.chance(0.8)) add_vulnerability("pregnancy");
      if (unit_type == "sheltered_housing" && rng.chance(0.5)) add_vulnerability("protected_identity");
    }
    // Identity numbers on about a third of the cases about one person; the import pseudonymises them.
    std::string pnr;
    if (!band.empty() && rng.chance(0.35)) pnr = fake_identity_number(rng, received, band, sex);

    const std::string text = write_narrative(req, text_rng);
    char id[24];
    std::snprintf(id, sizeof id, "C%09lld", static_cast<long long>(++summary_.cases));
    const std::string& principal =
        u ? world_.principals[u->principal].id : world_.principals[principal_index].id;  // municipalities come first
    out.field(id).field(kind).field(received.iso()).field(u ? u->id : "").field(u ? "" : principal);
    out.field(pnr).field(sex).field(band).field(vulnerabilities).field(text).end_row();

    std::string cats;
    for (const char* c : categories) cats += (cats.empty() ? "" : "|") + std::string(c);
    static constexpr const char* kMention[] = {"plain", "negated", "historical", "hypothetical"};
    truth.field(id).field(req.violence ? "1" : "0").field(cats).field(kMention[static_cast<int>(req.mention)]);
    truth.field(req.handling_deficiency ? "1" : "0").field(req.hard_negative ? "1" : "0");
    truth.field(planted_active ? "1" : "0").end_row();

    ++summary_.cases_by_kind_and_year[kind][year];
    if (u) {
      ++signals_[unit][month % 12];
      if (kind == "complaint") ++complaints_[unit][month % 3];
    }
  }

  // Inspections: a random share independent of risk (for unbiased validation), the rest
  // chosen by signals, complaints and open deficiencies, as an inspectorate would.
  void generate_inspections(int month, Rng& rng, CsvOut& out, CsvOut& truth) {
    // The inspectorate's capacity, not the case volume: above scale 1 it stays at 600 a year.
    const int per_month = std::max(1, static_cast<int>(std::lround(600.0 * std::min(1.0, o_.scale) / 12.0)));
    const int year = year_of(month), mon = month % 12 + 1;
    std::vector<double> by_signals(world_.units.size()), by_complaints(world_.units.size());
    double total_signals = 0, total_complaints = 0;
    for (size_t i = 0; i < world_.units.size(); ++i) {
      int s = 0, c = 0;
      for (int v : signals_[i]) s += v;
      for (int v : complaints_[i]) c += v;
      total_signals += by_signals[i] = s + 0.2;
      total_complaints += by_complaints[i] = c;
    }
    auto draw = [&](const std::vector<double>& weights, double total) {
      double x = rng.uniform() * total;
      for (size_t i = 0; i < weights.size(); ++i)
        if ((x -= weights[i]) < 0) return i;
      return weights.size() - 1;
    };
    for (int k = 0; k < per_month; ++k) {
      const double x = rng.uniform();
      std::string selection;
      size_t unit;
      if (x < 0.15) {
        selection = "random", unit = rng.below(world_.units.size());
      } else if (x < 0.40 && total_complaints > 0) {
        selection = "complaint", unit = draw(by_complaints, total_complaints);
      } else if (x < 0.55 && !open_units_.empty()) {
        selection = "follow_up", unit = open_units_[rng.below(open_units_.size())];
      } else {
        selection = "risk_based", unit = draw(by_signals, total_signals);
      }
      InspectionRecord in;
      char id[24];
      std::snprintf(id, sizeof id, "T%07lld", static_cast<long long>(++summary_.inspections));
      in.id = id;
      in.unit = unit;
      in.type = selection;
      in.started = Date{year, mon, 1 + static_cast<int>(rng.below(28))}.days_since_epoch();
      in.true_risk = risk(unit, month) * (handling_active(unit, month) ? world_.units[unit].problem.factor : 1.0);
      // Findings are an imperfect measure of the true risk.
      in.found = rng.chance(logistic(-0.3 + 1.3 * std::log(in.true_risk) + 0.6 * normal(rng)));
      const int64_t decided = in.started + 30 + static_cast<int64_t>(rng.below(90));
      in.decided = decided <= end_day_ ? decided : -1;
      in.outcome = in.decided < 0 ? "ongoing"
                   : !in.found    ? "no_deficiencies"
                   : rng.chance(0.85) ? "deficiencies"
                   : rng.chance(0.8)  ? "injunction"
                                      : "fine";
      const Unit& u = world_.units[unit];
      out.field(in.id).field(selection).field(u.id).field("").field(iso(in.started));
      out.field(in.decided >= 0 ? iso(in.decided) : "").field(in.outcome);
      out.field("Tillsyn av " + u.name + " med inriktning på arbetet mot våld i nära relationer.").end_row();
      truth.field(in.id).field(u.id).field(selection).field(in.true_risk, 3).field(in.found ? "1" : "0").end_row();
      if (in.found && in.decided >= 0) add_deficiencies(in, month, rng);
    }
  }

  void add_deficiencies(const InspectionRecord& in, int month, Rng& rng) {
    const Unit& u = world_.units[in.unit];
    const bool handling = handling_active(in.unit, month);
    const int n = 1 + poisson(rng, 0.7);
    for (int k = 0; k < n; ++k) {
      Deficiency d;
      char id[32];
      std::snprintf(id, sizeof id, "%s-%d", in.id.c_str(), k + 1);
      d.id = id;
      d.inspection_id = in.id;
      d.unit = in.unit;
      d.category = handling && rng.chance(0.7) ? kCategories[rng.below(2)] : kCategories[rng.below(8)];
      if (handling && d.category == std::string("risk_assessment") && rng.chance(0.3)) d.category = "non_execution";
      d.legal_basis = legal_basis(d.category, is_health_care(u.type));
      d.action = required_action(d.category);
      d.decided = in.decided;
      d.deadline = in.decided + 90;
      d.events.push_back({in.decided, "open"});
      // The principal's account: on time, late, or never.
      const double x = rng.uniform();
      if (x < 0.08) {
        d.events.push_back({d.deadline + 60, "escalated"});
      } else {
        const int64_t account = d.deadline + (x < 0.30 ? 15 + static_cast<int64_t>(rng.below(75))
                                                       : -static_cast<int64_t>(rng.below(30)));
        d.events.push_back({account, "account_received"});
        if (rng.chance(0.75)) {
          d.events.push_back({account + 20 + static_cast<int64_t>(rng.below(40)), "accepted"});
          if (rng.chance(0.5)) {
            const int64_t verified = d.events.back().day + 60 + static_cast<int64_t>(rng.below(120));
            d.events.push_back({verified, "verified"});
            // A verified remedy ends the unit's planted problem: supervision that worked.
            const Date v = Date::from_days_since_epoch(verified);
            const int verified_month = (v.year - first_year_) * 12 + v.month - 1;
            if (u.has_problem && (remedied_[in.unit] < 0 || verified_month < remedied_[in.unit]))
              remedied_[in.unit] = verified_month;
          }
        } else {
          d.events.push_back({account + 30, "not_accepted"});
          d.events.push_back({account + 60, "escalated"});
        }
      }
      if (std::find(open_units_.begin(), open_units_.end(), in.unit) == open_units_.end())
        open_units_.push_back(in.unit);
      deficiencies_.push_back(std::move(d));
    }
  }

  // One snapshot per year, as a yearly export would be: importing them in order
  // builds each deficiency's status history through the real import.
  void write_deficiencies() {
    CsvOut history(path("truth/deficiency_history.csv"), "deficiency_id;status;date");
    for (const auto& d : deficiencies_)
      for (const auto& e : d.events)
        if (e.day <= end_day_) history.field(d.id).field(e.status).field(iso(e.day)).end_row();
    for (int year = first_year_; year <= last_year_; ++year) {
      const int64_t cut = Date{year, 12, 31}.days_since_epoch();
      CsvOut out(path("deficiencies-" + std::to_string(year) + ".csv"),
                 "deficiency_id;inspection_id;category;legal_basis;required_action;deadline;status;status_date");
      for (const auto& d : deficiencies_) {
        if (d.decided > cut) continue;
        const DeficiencyEvent* last = &d.events.front();
        for (const auto& e : d.events)
          if (e.day <= cut) last = &e;
        out.field(d.id).field(d.inspection_id).field(d.category).field(d.legal_basis).field(d.action);
        out.field(iso(d.deadline)).field(last->status).field(iso(last->day)).end_row();
      }
    }
    summary_.deficiencies = static_cast<int64_t>(deficiencies_.size());
  }

  // External indicators per municipality and year, related to the true risk of its
  // social services plus noise: a routine for asking about violence, and trained staff.
  void write_indicators() {
    const auto& geo = reference::Geography::builtin();
    Rng rng = root_.fork("indicators");
    CsvOut out(path("indicators.csv"), "indicator_id;area_code;period;value;denominator;source");
    for (const auto& m : geo.municipalities()) {
      double frailty = 0;
      int n = 0;
      for (const auto& u : world_.units)
        if (u.kommunkod == m.code && (u.type == "ifo" || u.type == "lss_group_home")) frailty += u.frailty, ++n;
      const double excess = n ? frailty / n - 1.0 : 0.0;
      const double level = normal(rng) * 0.4;
      for (int year = first_year_; year <= last_year_; ++year) {
        const int t = year - first_year_;
        const bool routine = rng.chance(logistic(0.8 + 0.15 * t - 1.2 * excess + level + 0.3 * normal(rng)));
        out.field("VINR_RUTIN_FRAGA").field(m.code).field(std::to_string(year)).field(routine ? "1" : "0");
        out.field("").field("synthetic, after Öppna jämförelser").end_row();
        const double trained = 100.0 * logistic(-0.3 + 0.2 * t - 0.8 * excess + level + 0.3 * normal(rng));
        out.field("VINR_PERSONAL_UTBILDAD").field(m.code).field(std::to_string(year)).field(trained, 1);
        out.field("100").field("synthetic").end_row();
        summary_.indicator_values += 2;
      }
    }
  }

  void write_planted_truth() {
    CsvOut out(path("truth/planted.csv"),
               "unit_id;principal_id;scope;kind;shape;onset_month;factor;unit_type;capacity;remedied_month");
    auto month_text = [&](int month) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-%02d", year_of(month), month % 12 + 1);
      return std::string(buf);
    };
    for (size_t i = 0; i < world_.units.size(); ++i) {
      const Unit& u = world_.units[i];
      if (!u.has_problem) continue;
      out.field(u.id).field(world_.principals[u.principal].id).field(u.problem.scope);
      out.field(u.problem.kind == PlantedProblem::Kind::incidents ? "incidents" : "handling");
      out.field(u.problem.shape == PlantedProblem::Shape::step ? "step" : "ramp");
      out.field(month_text(u.problem.onset_month)).field(u.problem.factor, 2).field(u.type);
      out.field(u.capacity ? std::to_string(u.capacity) : "");
      out.field(remedied_[i] >= 0 && remedied_[i] < months_ ? month_text(remedied_[i]) : "").end_row();
    }
  }

  // Seclusions at SiS youth homes and their denominator, from their own stream.
  void write_seclusion_stream() {
    const auto s = write_seclusions(world_, {first_year_, o_.years, o_.scale, o_.out_dir}, root_.fork("seclusion"));
    summary_.seclusions = s.events;
    summary_.indicator_values += s.placement_rows;
    for (const auto& [year, n] : s.events_by_year) summary_.cases_by_kind_and_year["seclusion"][year] = n;
  }

  const SynthOptions& o_;
  Rng root_;
  World world_;
  int first_year_ = 0, last_year_ = 0, months_ = 0;
  int64_t end_day_ = 0;
  std::vector<std::vector<std::pair<size_t, double>>> rates_;  // per unit: (stream, monthly rate)
  std::vector<int> remedied_;                                  // month a planted problem ended, or -1
  std::vector<std::vector<int>> signals_;                      // cases per unit, last 12 months
  std::vector<std::vector<int>> complaints_;                   // complaints per unit, last 3 months
  std::vector<size_t> open_units_;
  std::vector<Deficiency> deficiencies_;
  SynthSummary summary_;
};

}  // namespace

const std::map<std::string, double>& national_volumes() {
  static const std::map<std::string, double> v = {
      // From data/reference/national_lan_facts.csv (IVO): means of 2021-2023.
      {"lex_sarah", 1163.0},
      {"lex_maria", 2100.0},
      {"complaint_health_care", 54.0 * 105.877},  // 54 per 100,000 inhabitants (2018) x 10,587,710
      {"non_executed_decision", 15000.0},
      // Assumptions (no figure in the facts): see docs/synthetic-data.md.
      {"complaint_social_services", 2500.0},
      {"tip", 2000.0},
      {"survey_response", 300.0},
      {"dialogue_input", 100.0},
      {"other", 150.0},
  };
  return v;
}

SynthSummary generate(const SynthOptions& options) {
  if (options.years < 1 || options.years > 50) throw Error("--years must be between 1 and 50");
  if (!(options.scale > 0) || options.scale > 1000) throw Error("--scale must be above 0 and at most 1000");
  if (options.out_dir.empty()) throw Error("--out is required");
  return Generator(options).run();
}

}  // namespace vaksam::synth
