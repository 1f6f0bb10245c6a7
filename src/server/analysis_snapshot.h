// What the risk and statistics routes read, loaded once and shared by every request:
// the latest stored risk run (immutable once committed) and the analytic dataset
// (facts::Dataset) with what the unit profiles need from it. Answers that depend
// only on these are cached with them. Both are reloaded in the background when a new
// risk run or import batch (or a deficiency status change) appears; while a reload
// runs, requests keep being answered from the previous snapshot.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "facts/dataset.h"
#include "risk/engine.h"
#include "risk/priority_model.h"
#include "store/store.h"

namespace vaksam::server {

inline constexpr int kSeriesMonths = 36;  // the unit profile's time series

// The built-in model and indicators, as `vaksam risk compute` uses them by default.
const risk::PriorityModel& server_risk_model();

// One stored risk run. Immutable; page answers are cached in it.
class RunSnapshot {
 public:
  RunSnapshot(store::Store& store, store::RiskRun run);

  const store::RiskRun& run() const { return run_; }
  const std::string& run_json() const { return run_json_; }  // GET /api/risk/run, serialised
  int64_t total(risk::Level level) const { return totals_[static_cast<size_t>(level)]; }

  // An answer built from this run (and a data snapshot): serialised, with a note for
  // the audit trail.
  struct Answer {
    std::string body, note;
  };
  // The answer cached under `key`, or make() once and cached (bounded in bytes).
  std::shared_ptr<const Answer> cached(const std::string& key, const std::function<Answer()>& make);

  // The serialised ranking answer for a page; built once per (level, limit, offset).
  std::shared_ptr<const Answer> ranking(store::Store& store, risk::Level level, int64_t limit, int64_t offset);

 private:
  store::RiskRun run_;
  std::string run_json_;
  std::array<int64_t, risk::kLevels> totals_{};
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const Answer>> answers_;
  size_t answer_bytes_ = 0;
};

// The dataset as of one data version, with per-entity signals and deficiencies.
class DataSnapshot {
 public:
  DataSnapshot(store::Store& store, const std::optional<store::RiskRun>& run);

  const facts::Dataset& data() const { return data_; }
  uint64_t generation() const { return generation_; }  // distinct for every snapshot loaded
  facts::Day as_of() const { return as_of_; }  // the run's as-of date, else the newest case
  int last_month() const { return last_month_; }

  // Linked violence signals a month, the last kSeriesMonths months up to as_of (oldest
  // first); nullptr if the entity has none in that window.
  const std::array<int32_t, kSeriesMonths>* signals(risk::Level level, const std::string& id) const;
  // Indices into data().deficiencies of the entity's deficiencies (newest deadline first).
  const std::vector<uint32_t>* deficiencies(risk::Level level, const std::string& id) const;

  // The funnel answer (serialised) for an indicator and level, computed once. Throws
  // risk::FunnelError.
  std::shared_ptr<const std::string> funnel(const std::string& indicator, risk::Level level);
  // `vaksam stats report --format json`, serialised, computed once.
  std::shared_ptr<const std::string> stats_report();

 private:
  facts::Dataset data_;
  uint64_t generation_ = 0;
  facts::Day as_of_ = facts::kNoDay;
  int last_month_ = 0;
  std::array<std::unordered_map<std::string, std::array<int32_t, kSeriesMonths>>, risk::kLevels> signals_;
  std::array<std::unordered_map<std::string, std::vector<uint32_t>>, risk::kLevels> deficiencies_;

  std::mutex funnel_mutex_;  // the lazily computed answers below
  std::unique_ptr<risk::RiskEngine> engine_;
  std::optional<risk::RiskResult> result_;
  std::map<std::pair<std::string, int>, std::shared_ptr<const std::string>> funnels_;
  std::mutex stats_mutex_;
  std::shared_ptr<const std::string> stats_report_;
};

// The current snapshots. refresh_run() and refresh_data() (run in the background, see
// BackgroundRefresh) look for a newer run and new data and load them; requests take what is current
// and never wait for a reload, except for the very first load and after forget(),
// which makes the next request check at once (after a write in this server whose
// result the writer expects to see).
class AnalysisCache {
 public:
  // nullptr when there is no risk run.
  std::shared_ptr<RunSnapshot> run(store::Store& store);
  std::shared_ptr<DataSnapshot> data(store::Store& store);
  void refresh_run(store::Store& store) { check_run(store, true); }
  void refresh_data(store::Store& store) { check_data(store, true); }
  void forget();

 private:
  struct DataKey {
    int64_t run_id = 0, last_batch = 0;
    size_t status_changes = 0;
    bool operator==(const DataKey&) const = default;
  };
  static DataKey data_key(store::Store& store);
  // `always`: check even if another caller checked since the last forget().
  std::shared_ptr<RunSnapshot> check_run(store::Store& store, bool always);
  std::shared_ptr<DataSnapshot> check_data(store::Store& store, bool always);

  std::mutex mutex_;  // guards the members below, never held over a store read
  uint64_t forgotten_ = 0;  // forget() calls so far
  std::shared_ptr<RunSnapshot> run_;
  bool run_loaded_ = false;
  uint64_t run_checked_ = 0;  // the value of forgotten_ when the run was last checked
  std::shared_ptr<DataSnapshot> data_;
  DataKey data_key_;
  uint64_t data_checked_ = 0;

  std::mutex run_load_mutex_, data_load_mutex_;  // one check (and load) at a time
};

}  // namespace vaksam::server
