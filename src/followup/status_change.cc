#include "followup/status_change.h"

#include "model/entity.h"

namespace vaksam::followup {

namespace {

std::string text_of(const std::optional<model::Value>& v) {
  if (!v || std::holds_alternative<std::monostate>(*v)) return "";
  return model::to_text(*v);
}

}  // namespace

DeficiencyState stored_state(store::Store& store, const std::string& id) {
  const auto& deficiencies = model::entity(model::EntityKind::deficiency);
  const auto status = store.field_of(deficiencies, id, "status");
  if (!status) throw StatusRefused(StatusRefused::Why::not_found, "deficiency " + id + ": there is no such deficiency");
  DeficiencyState s;
  s.id = id;
  s.status = text_of(status);
  s.status_date = text_of(store.field_of(deficiencies, id, "status_date"));
  s.deadline = text_of(store.field_of(deficiencies, id, "deadline"));
  const std::string inspection = text_of(store.field_of(deficiencies, id, "inspection_id"));
  if (!inspection.empty())
    s.decision_date =
        text_of(store.field_of(model::entity(model::EntityKind::inspection), inspection, "decision_date"));
  return s;
}

DeficiencyState change_status(store::Store& store, const std::string& id, const StatusRequest& request,
                              const std::string& changed_by, const std::string& note, const std::string& today) {
  DeficiencyState before = stored_state(store, id);
  if (auto refusal = check_status_change(before, request, today)) {
    StatusRefused::Why why = StatusRefused::Why::transition;
    switch (refusal->kind) {
      case RefusalKind::unknown_status: why = StatusRefused::Why::unknown_status; break;
      case RefusalKind::transition: why = StatusRefused::Why::transition; break;
      case RefusalKind::date: why = StatusRefused::Why::date; break;
      case RefusalKind::deadline: why = StatusRefused::Why::deadline; break;
    }
    throw StatusRefused(why, refusal->message);
  }
  store::DeficiencyStatusUpdate u{id, request.status, request.status_date, changed_by, request.deadline, note};
  if (!store.set_deficiency_status(u))
    throw StatusRefused(StatusRefused::Why::not_found, "deficiency " + id + ": there is no such deficiency");
  return before;
}

}  // namespace vaksam::followup
