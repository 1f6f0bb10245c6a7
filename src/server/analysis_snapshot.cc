#include "server/analysis_snapshot.h"

#include <algorithm>
#include <atomic>

#include <nlohmann/json.hpp>

#include "report/standard_report.h"
#include "risk/funnel_report.h"
#include "risk/linkage.h"
#include "risk/priority_model.h"
#include "tables/population.h"

namespace vaksam::server {

namespace {

constexpr size_t kMaxAnswerBytes = size_t{256} << 20;  // cached answers per run

// The explanation as listed: without the case ids behind each contribution. A
// ranking is about organisations; which cases are behind a score (cases about
// people exposed to violence) leaves only with the profile, whose reads are audited.
nlohmann::ordered_json listed(const std::string& explanation_json) {
  auto j = nlohmann::ordered_json::parse(explanation_json);
  if (j.contains("contributions"))
    for (auto& c : j["contributions"]) c.erase("cases");
  return j;
}

}  // namespace

const risk::PriorityModel& server_risk_model() {
  static const risk::PriorityModel model = [] {
    auto m = risk::builtin_model();
    m.indicators = risk::builtin_indicators();
    risk::validate_model(m);
    return m;
  }();
  return model;
}

// --- the run ---

RunSnapshot::RunSnapshot(store::Store& store, store::RiskRun run) : run_(std::move(run)) {
  for (int l = 0; l < risk::kLevels; ++l) {
    const auto level = std::string(risk::level_name(static_cast<risk::Level>(l)));
    const auto first = store.risk_scores(run_.run_id, level, 0, 1);
    totals_[static_cast<size_t>(l)] =
        first.empty() ? 0 : nlohmann::json::parse(first[0].explanation_json).value("of", int64_t{0});
  }
  nlohmann::ordered_json j;
  j["run_id"] = run_.run_id;
  j["computed_at"] = run_.computed_at;
  j["computed_by"] = run_.computed_by;
  j["as_of"] = run_.as_of;
  j["model_version"] = run_.model_version;
  j["fingerprint"] = run_.fingerprint;
  nlohmann::ordered_json totals;
  for (int l = 0; l < risk::kLevels; ++l)
    totals[std::string(risk::level_name(static_cast<risk::Level>(l)))] = totals_[static_cast<size_t>(l)];
  j["entities"] = std::move(totals);
  j["summary"] = nlohmann::ordered_json::parse(run_.summary_json);
  run_json_ = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::shared_ptr<const RunSnapshot::Answer> RunSnapshot::cached(const std::string& key,
                                                               const std::function<Answer()>& make) {
  {
    std::lock_guard lock(mutex_);
    auto it = answers_.find(key);
    if (it != answers_.end()) return it->second;
  }
  auto answer = std::make_shared<const Answer>(make());  // outside the lock: two may build the same
  std::lock_guard lock(mutex_);
  const size_t bytes = answer->body.size() + key.size();
  if (answer_bytes_ + bytes > kMaxAnswerBytes) {
    answers_.clear();
    answer_bytes_ = 0;
  }
  if (answers_.emplace(key, answer).second) answer_bytes_ += bytes;
  return answer;
}

std::shared_ptr<const RunSnapshot::Answer> RunSnapshot::ranking(store::Store& store, risk::Level level, int64_t limit,
                                                                int64_t offset) {
  const std::string name(risk::level_name(level));
  return cached("ranking|" + name + "|" + std::to_string(limit) + "|" + std::to_string(offset), [&] {
    nlohmann::ordered_json j;
    j["run_id"] = run_.run_id;
    j["as_of"] = run_.as_of;
    j["model_version"] = run_.model_version;
    j["fingerprint"] = run_.fingerprint;
    j["level"] = name;
    j["paging"] = {{"total", total(level)}, {"limit", limit}, {"offset", offset}};
    auto entities = nlohmann::ordered_json::array();
    for (const auto& row :
         store.risk_scores(run_.run_id, name, static_cast<size_t>(offset), static_cast<size_t>(limit)))
      entities.push_back(listed(row.explanation_json));
    j["entities"] = std::move(entities);
    return Answer{j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), ""};
  });
}

// --- the data ---

DataSnapshot::DataSnapshot(store::Store& store, const std::optional<store::RiskRun>& run)
    : data_(facts::load_dataset(store)) {
  static std::atomic<uint64_t> generations{0};
  generation_ = ++generations;
  as_of_ = run ? facts::to_day(run->as_of) : facts::kNoDay;
  if (as_of_ == facts::kNoDay) as_of_ = data_.last_case;
  if (as_of_ == facts::kNoDay) return;
  last_month_ = facts::month_index(as_of_);
  const int first_month = last_month_ - kSeriesMonths + 1;
  const auto& c = data_.cases;

  // The entities a case or deficiency counts at: unit, principal, municipality, region.
  auto places = [&](uint32_t unit, uint32_t principal) {
    std::array<const std::string*, risk::kLevels> at{};
    if (unit != facts::kNone) {
      const auto& u = data_.units[unit];
      at[0] = &u.id;
      if (principal == facts::kNone) principal = u.principal;
      if (!u.kommunkod.empty()) at[2] = &u.kommunkod;
      if (!u.region_code.empty()) at[3] = &u.region_code;
    }
    if (principal != facts::kNone) {
      const auto& p = data_.principals[principal];
      at[1] = &p.id;
      if (unit == facts::kNone && p.type == "municipality" && !p.kommunkod.empty()) at[2] = &p.kommunkod;
      if (unit == facts::kNone && p.type == "region" && !p.region_code.empty()) at[3] = &p.region_code;
    }
    return at;
  };

  // Linked violence signals: cases screened as violence, an event linked over several
  // cases (risk/linkage.h) counted once, in the month of its first such case.
  const auto root = risk::link_cases(c, risk::builtin_model().linkage_days);
  std::vector<uint32_t> violent;
  for (uint32_t i = 0; i < c.size(); ++i)
    if (c.violence(i) && c.received[i] != facts::kNoDay && c.received[i] <= as_of_ &&
        facts::month_index(c.received[i]) >= first_month)
      violent.push_back(i);
  std::stable_sort(violent.begin(), violent.end(), [&](uint32_t a, uint32_t b) { return c.received[a] < c.received[b]; });
  std::vector<bool> counted(c.size(), false);
  for (uint32_t i : violent) {
    if (counted[root[i]]) continue;
    counted[root[i]] = true;
    const int m = facts::month_index(c.received[i]) - first_month;
    const auto at = places(c.unit[i], c.principal[i]);
    for (int l = 0; l < risk::kLevels; ++l)
      if (at[l]) {
        auto [it, added] = signals_[l].try_emplace(*at[l]);
        if (added) it->second.fill(0);
        ++it->second[m];
      }
  }

  for (uint32_t d = 0; d < data_.deficiencies.size(); ++d) {
    const auto& def = data_.deficiencies[d];
    if (def.inspection == facts::kNone) continue;
    const auto& in = data_.inspections[def.inspection];
    const auto at = places(in.unit, in.principal);
    for (int l = 0; l < risk::kLevels; ++l)
      if (at[l]) deficiencies_[l][*at[l]].push_back(d);
  }
  for (auto& level : deficiencies_)
    for (auto& [id, list] : level)
      std::stable_sort(list.begin(), list.end(), [&](uint32_t a, uint32_t b) {
        return data_.deficiencies[a].deadline > data_.deficiencies[b].deadline;
      });
}

const std::array<int32_t, kSeriesMonths>* DataSnapshot::signals(risk::Level level, const std::string& id) const {
  const auto& m = signals_[static_cast<size_t>(level)];
  auto it = m.find(id);
  return it == m.end() ? nullptr : &it->second;
}

const std::vector<uint32_t>* DataSnapshot::deficiencies(risk::Level level, const std::string& id) const {
  const auto& m = deficiencies_[static_cast<size_t>(level)];
  auto it = m.find(id);
  return it == m.end() ? nullptr : &it->second;
}

std::shared_ptr<const std::string> DataSnapshot::funnel(const std::string& indicator, risk::Level level) {
  const auto& model = server_risk_model();
  risk::funnel_indicator(model, indicator);  // unknown or without a funnel: before any work
  std::lock_guard lock(funnel_mutex_);
  const auto key = std::make_pair(indicator, static_cast<int>(level));
  auto it = funnels_.find(key);
  if (it != funnels_.end()) return it->second;
  if (!result_) {
    // As `vaksam risk funnel` computes it, at the run's as-of date.
    engine_ = std::make_unique<risk::RiskEngine>(data_, model);
    risk::ComputeOptions options;
    options.rank_intervals = false;
    options.sensitivity = false;
    result_ = engine_->compute(as_of_, options);
  }
  auto answer = std::make_shared<const std::string>(risk::funnel_json(*result_, indicator, level, false)
                                                        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  funnels_.emplace(key, answer);
  return answer;
}

std::shared_ptr<const std::string> DataSnapshot::stats_report() {
  std::lock_guard lock(stats_mutex_);
  if (!stats_report_) {
    static const tables::Population population = tables::Population::from_reference();
    const auto r = report::build_standard_report(data_, population, {});
    stats_report_ = std::make_shared<const std::string>(
        report::to_json(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  return stats_report_;
}

// --- the cache ---

std::shared_ptr<RunSnapshot> AnalysisCache::run(store::Store& store) {
  {
    std::lock_guard lock(mutex_);
    if (run_loaded_ && run_checked_ == forgotten_) return run_;
  }
  return check_run(store, false);
}

std::shared_ptr<RunSnapshot> AnalysisCache::check_run(store::Store& store, bool always) {
  std::lock_guard loading(run_load_mutex_);
  std::shared_ptr<RunSnapshot> current;
  uint64_t checking = 0;
  {
    std::lock_guard lock(mutex_);
    if (!always && run_loaded_ && run_checked_ == forgotten_) return run_;  // checked while this caller waited
    current = run_;
    checking = forgotten_;
  }
  auto latest = store.latest_risk_run();
  if (!latest) current.reset();
  else if (!current || current->run().run_id != latest->run_id) current = std::make_shared<RunSnapshot>(store, *latest);
  std::lock_guard lock(mutex_);
  run_ = current;
  run_loaded_ = true;
  run_checked_ = checking;
  return current;
}

AnalysisCache::DataKey AnalysisCache::data_key(store::Store& store) {
  DataKey k;
  if (auto r = store.latest_risk_run()) k.run_id = r->run_id;
  for (const auto& b : store.batches()) k.last_batch = std::max(k.last_batch, b.batch_id);
  k.status_changes = store.status_history().size();
  return k;
}

std::shared_ptr<DataSnapshot> AnalysisCache::data(store::Store& store) {
  {
    std::lock_guard lock(mutex_);
    if (data_ && data_checked_ == forgotten_) return data_;
  }
  return check_data(store, false);
}

std::shared_ptr<DataSnapshot> AnalysisCache::check_data(store::Store& store, bool always) {
  std::lock_guard loading(data_load_mutex_);
  std::shared_ptr<DataSnapshot> current;
  DataKey loaded;
  uint64_t checking = 0;
  {
    std::lock_guard lock(mutex_);
    if (!always && data_ && data_checked_ == forgotten_) return data_;  // checked while this caller waited
    current = data_;
    loaded = data_key_;
    checking = forgotten_;
  }
  const auto key = data_key(store);
  if (!current || !(key == loaded)) {
    const auto run = key.run_id ? store.risk_run(key.run_id) : std::nullopt;
    current = std::make_shared<DataSnapshot>(store, run);
  }
  std::lock_guard lock(mutex_);
  data_ = current;
  data_key_ = key;
  data_checked_ = checking;
  return current;
}

void AnalysisCache::forget() {
  std::lock_guard lock(mutex_);
  ++forgotten_;
}

}  // namespace vaksam::server
