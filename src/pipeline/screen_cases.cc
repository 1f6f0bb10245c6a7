#include "pipeline/screen_cases.h"

#include <chrono>

namespace vaksam::pipeline {

store::ScreeningRecord to_record(const std::string& case_id, int64_t case_version,
                                 const screen::ScreenResult& r) {
  store::ScreeningRecord rec;
  rec.case_id = case_id;
  rec.case_version = case_version;
  rec.lexicon_version = r.lexicon_version;
  rec.violence = r.violence;
  rec.score = r.score;
  rec.severity = std::string(screen::severity_name(r.severity));
  rec.handling_deficiency = r.handling_deficiency;
  for (const auto& c : r.category_names()) rec.categories += (rec.categories.empty() ? "" : "|") + c;
  rec.result_json = r.to_json();
  return rec;
}

ScreenCasesReport screen_cases(store::Store& store, const screen::Screener& screener,
                               const ScreenCasesOptions& options) {
  ScreenCasesReport report;
  const auto start = std::chrono::steady_clock::now();
  std::string after;
  for (;;) {
    const auto batch = store.cases_to_screen(options.rescreen, screener.lexicon().version(), after, options.batch);
    if (batch.empty()) break;
    std::vector<std::string_view> texts;
    texts.reserve(batch.size());
    for (const auto& c : batch) texts.push_back(c.narrative);
    const auto results = screen::screen_all(screener, texts, options.threads);
    store::Transaction tx(store);
    for (size_t i = 0; i < batch.size(); ++i) {
      const auto& r = results[i];
      store.save_screening(to_record(batch[i].case_id, batch[i].case_version, r));
      report.violence += r.violence;
      report.handling_deficiency += r.handling_deficiency;
      report.high_severity += r.severity == screen::Severity::kHigh;
      report.invalid_utf8_cases += r.invalid_utf8 > 0;
      report.text_bytes += batch[i].narrative.size();
    }
    tx.commit();
    report.screened += batch.size();
    after = batch.back().case_id;
    if (options.progress) options.progress(report.screened);
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace vaksam::pipeline
