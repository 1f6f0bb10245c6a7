// The quality targets, measured on the labelled dev set (shared/screening/dev-set.jsonl).
// A regression in the lexicon or the rules fails here.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>

#include "screen/evaluation.h"

namespace vaksam::screen {
namespace {

const char* kDevSet = VAKSAM_SOURCE_DIR "/../shared/screening/dev-set.jsonl";

class DevSet : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (std::filesystem::exists(kDevSet)) report_ = new EvalReport(evaluate_file(kDevSet, Screener()));
  }
  static void TearDownTestSuite() {
    delete report_;
    report_ = nullptr;
  }
  void SetUp() override {
    if (!report_) GTEST_SKIP() << "dev set not found at " << kDevSet << " (shared/ is not checked out beside the repo)";
  }
  static EvalReport* report_;
};
EvalReport* DevSet::report_ = nullptr;

TEST_F(DevSet, PrintsTheReport) {
  std::cout << format_report(*report_);
  EXPECT_EQ(report_->items, 400);
  EXPECT_EQ(report_->skipped_lines, 0);
}

TEST_F(DevSet, ViolenceF1) { EXPECT_GE(report_->engine.violence.f1(), 0.93); }
TEST_F(DevSet, MacroCategoryF1) { EXPECT_GE(report_->engine.macro_category_f1, 0.85); }
TEST_F(DevSet, NegatedGroupAccuracy) { EXPECT_GE(report_->engine.negated_group.accuracy(), 0.95); }
TEST_F(DevSet, HandlingDeficiencyF1) { EXPECT_GE(report_->engine.handling_deficiency.f1(), 0.85); }
TEST_F(DevSet, EvidenceSpanRecall) { EXPECT_GE(report_->engine.evidence_recall(), 0.90); }

TEST_F(DevSet, EngineBeatsTheKeywordBaseline) {
  EXPECT_GT(report_->engine.violence.f1(), report_->baseline.violence.f1());
  EXPECT_GT(report_->engine.negated_group.accuracy(), report_->baseline.negated_group.accuracy());
}

}  // namespace
}  // namespace vaksam::screen
