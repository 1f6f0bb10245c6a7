// The funnel plot of one indicator at one level as JSON: the points (one per entity
// the indicator applies to) and the control limits over the range of denominators.
// What `vaksam risk funnel` prints and `GET /api/risk/funnel/{indicator}` serves:
// one place for the logic.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "risk/engine.h"

namespace vaksam::risk {

// Why there is no funnel plot (the message says which indicators there are, etc.).
class FunnelError : public Error {
 public:
  enum class Kind {
    unknown_indicator,  // no indicator with that id in the model
    no_funnel,          // a count or an external value
    too_few,            // applies to fewer than two entities at the level
  };
  FunnelError(Kind kind, const std::string& message) : Error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// Throws FunnelError::unknown_indicator or ::no_funnel before any work is done.
size_t funnel_indicator(const PriorityModel& model, const std::string& indicator);

// `result` from a RiskEngine::compute (rank intervals and sensitivity are not needed).
// `truncate`: tau2 from truncated instead of Winsorised z-scores.
nlohmann::ordered_json funnel_json(const RiskResult& result, const std::string& indicator, Level level,
                                   bool truncate);

}  // namespace vaksam::risk
