// The risk engine's results as JSON: what the CLI prints, the API serves and the store
// keeps with each run (docs/risk-model.md describes every field).
#pragma once

#include <nlohmann/json.hpp>

#include "risk/engine.h"
#include "store/store.h"

namespace vaksam::risk {

struct ExplainOptions {
  bool evidence = true;   // case ids behind each contribution
  bool intervals = true;  // posterior credible intervals per indicator
  size_t evidence_cases = 10;
};

// Everything that explains one entity's score.
nlohmann::ordered_json explanation_json(const RiskEngine& engine, const RiskResult& result, Level level,
                                        const EntityScore& score, const ExplainOptions& options);

// The run as a whole: model, indicator summaries, alarm calibration, k per level.
nlohmann::ordered_json summary_json(const RiskResult& result);

// Writes the run and every entity of every level (call inside a transaction, so that readers
// see the whole run or none); returns the run id.
// Evidence case ids are kept for the entities ranked within `evidence_top` at each level.
int64_t save_run(store::Store& store, const RiskEngine& engine, const RiskResult& result,
                 const std::string& actor, size_t evidence_top);

std::string month_label(int month_index);  // "2025-07"

}  // namespace vaksam::risk
