// Screens the cases in the store: reads their texts in batches, screens them on
// all cores, and stores each result with its evidence and the lexicon version.
#pragma once

#include <cstdint>
#include <functional>

#include "screen/screener.h"
#include "store/store.h"

namespace vaksam::pipeline {

struct ScreenCasesOptions {
  bool rescreen = false;  // every case, not only those never screened, changed since, or
                          // screened with another lexicon version
  unsigned threads = 0;   // 0: all cores
  size_t batch = 4096;    // cases per transaction: an interrupted run keeps its finished batches
  std::function<void(uint64_t done)> progress;
};

struct ScreenCasesReport {
  uint64_t screened = 0, violence = 0, handling_deficiency = 0, high_severity = 0;
  uint64_t text_bytes = 0;
  uint64_t invalid_utf8_cases = 0;  // texts with ill-formed UTF-8 that was replaced
  double seconds = 0;
};

ScreenCasesReport screen_cases(store::Store& store, const screen::Screener& screener,
                               const ScreenCasesOptions& options);

// The stored form of one result.
store::ScreeningRecord to_record(const std::string& case_id, int64_t case_version,
                                 const screen::ScreenResult& result);

}  // namespace vaksam::pipeline
