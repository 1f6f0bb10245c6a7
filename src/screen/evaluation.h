// Measuring the screener on a labelled JSON Lines set in the dev-set format
// (shared/screening/README.md), next to a naive keyword baseline.
#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

#include "screen/categories.h"
#include "screen/screener.h"

namespace vaksam::screen {

struct BinaryScore {
  int tp = 0, fp = 0, fn = 0, tn = 0;
  void add(bool expected, bool predicted);
  double precision() const;
  double recall() const;
  double f1() const;
  double accuracy() const;
};

struct GroupScore {
  int n = 0, correct = 0;  // violence flag right
  double accuracy() const { return n ? static_cast<double>(correct) / n : 0; }
};

// Every figure, for one system (the engine or the baseline).
struct SystemScores {
  BinaryScore violence;
  std::array<BinaryScore, kCategoryCount> categories{};
  double macro_category_f1 = 0;          // mean F1 over the categories
  BinaryScore handling_deficiency;
  GroupScore negated_group;              // violence=false, negated=true: must be predicted false
  GroupScore hypothetical_group;         // violence=false, hypothetical=true: predicted false
  GroupScore historical_items;           // violence=true, historical=true: predicted true
  BinaryScore historical_flag;           // the historical modifier, on the positives
  int evidence_total = 0, evidence_recalled = 0;
  double evidence_recall() const { return evidence_total ? static_cast<double>(evidence_recalled) / evidence_total : 0; }
  std::map<std::string, GroupScore> by_group;        // positive, negated, hypothetical, negative
  std::map<std::string, GroupScore> by_source_kind;  // complaint, tip, ...
  double brier = 0;                      // mean squared error of the score against the label
};

// One item the engine got wrong on the violence flag.
struct EvalError {
  std::string id;
  bool expected = false;
  double score = 0;
  std::string text;
};

struct EvalReport {
  std::string path;
  std::string lexicon_version;
  int items = 0;
  int skipped_lines = 0;                 // unparseable lines
  SystemScores engine, baseline;
  std::vector<EvalError> errors;
  std::vector<std::pair<double, double>> calibration;  // per score decile: mean score, observed rate
};

// Reads a JSONL file of labelled items and scores the screener and the baseline on it.
// Throws std::runtime_error if the file cannot be read.
EvalReport evaluate_file(const std::string& path, const Screener& screener);
// The same, for JSONL text already in memory.
EvalReport evaluate_jsonl(const std::string& jsonl, const Screener& screener);

// A plain-text report: engine and baseline side by side.
std::string format_report(const EvalReport& report);

}  // namespace vaksam::screen
