#include <cstdio>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/session.h"
#include "common/date.h"
#include <map>

namespace vaksam::cli {

int run_retention_show(const Workspace& ws) {
  Session session = Session::open(ws);
  std::printf("%-20s %6s  %s\n", "category", "days", "what");
  for (const auto& r : session.store->retention_rules())
    std::printf("%-20s %6lld  %s\n", r.category.c_str(), static_cast<long long>(r.days), r.description.c_str());
  return kOk;
}

int run_retention_set(const Workspace& ws, const std::string& category, int64_t days) {
  Session session = Session::open(ws);
  store::Transaction tx(*session.store);
  session.store->set_retention(category, days);
  session.audit->record(session.actor, "set_retention", "retention_policy", category, std::to_string(days) + " days");
  tx.commit();
  session.audit->publish();
  std::printf("retention of %s: %lld days\n", category.c_str(), static_cast<long long>(days));
  return kOk;
}

// Everything in one transaction: an interrupted purge removes nothing.
int run_purge(const Workspace& ws, bool dry_run) {
  Session session = Session::open(ws);
  const Date today = vaksam::today();
  std::map<std::string, std::string> cutoffs;
  for (const auto& r : session.store->retention_rules())
    cutoffs[r.category] = Date::from_days_since_epoch(today.days_since_epoch() - r.days).iso();
  store::Transaction tx(*session.store, store::WriteKind::bulk);
  const auto c = session.store->purge(cutoffs);
  const std::string summary = "texts=" + std::to_string(c.texts) + " screening_evidence=" +
                              std::to_string(c.screening_evidence) + " personal_data=" +
                              std::to_string(c.personal_data) + " case_records=" + std::to_string(c.case_records) +
                              " superseded_versions=" + std::to_string(c.superseded_versions);
  std::printf("%s (today %s):\n", dry_run ? "would purge" : "purged", today.iso().c_str());
  std::printf("  texts of cases received before %s: %lld (and the evidence of %lld screenings)\n",
              cutoffs["case_text"].c_str(), static_cast<long long>(c.texts),
              static_cast<long long>(c.screening_evidence));
  std::printf("  pseudonyms and markers of cases received before %s: %lld\n", cutoffs["personal_data"].c_str(),
              static_cast<long long>(c.personal_data));
  std::printf("  whole cases received before %s: %lld (their counts kept in purged_case_counts)\n",
              cutoffs["case_records"].c_str(), static_cast<long long>(c.case_records));
  std::printf("  earlier versions superseded before %s: %lld\n", cutoffs["superseded_versions"].c_str(),
              static_cast<long long>(c.superseded_versions));
  if (dry_run) return kOk;  // the transaction rolls back
  session.audit->record(session.actor, "purge", "retention", today.iso(), summary);
  tx.commit();
  session.audit->publish();
  return kOk;
}

}  // namespace vaksam::cli
