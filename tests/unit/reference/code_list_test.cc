#include "reference/code_list.h"

#include <gtest/gtest.h>

namespace vaksam::reference {
namespace {

TEST(CodeList, ResolvesCodesLabelsAndAliasesIgnoringCase) {
  const auto& kinds = CodeList::builtin("case_kinds");
  EXPECT_EQ(kinds.resolve("lex_sarah"), "lex_sarah");
  EXPECT_EQ(kinds.resolve("Lex Sarah"), "lex_sarah");
  EXPECT_EQ(kinds.resolve("  LEX MARIA "), "lex_maria");
  EXPECT_EQ(kinds.resolve("Klagomål"), "complaint");
  EXPECT_EQ(kinds.resolve("KLAGOMÅL"), "complaint");
  EXPECT_EQ(kinds.resolve("Ej verkställt beslut"), "non_executed_decision");
  EXPECT_FALSE(kinds.resolve("lex_karin"));
  EXPECT_FALSE(kinds.resolve(""));
}

TEST(CodeList, EveryBuiltinListLoads) {
  for (const char* name : {"case_kinds", "principal_types", "unit_types", "sexes", "age_bands",
                           "vulnerabilities", "inspection_types", "inspection_outcomes",
                           "deficiency_categories", "deficiency_statuses"}) {
    const auto& list = CodeList::builtin(name);
    EXPECT_GE(list.codes().size(), 3u) << name;
    for (const auto& c : list.codes()) {
      EXPECT_EQ(list.resolve(c.code), c.code) << name;
      EXPECT_FALSE(c.sv.empty()) << name << " " << c.code;
      EXPECT_FALSE(c.en.empty()) << name << " " << c.code;
    }
  }
}

TEST(CodeList, UnknownListIsAnError) { EXPECT_THROW(CodeList::builtin("no_such_list"), std::exception); }

// The eight kinds of the domain, and seclusion (avskiljning) at SiS youth homes,
// which the statistics report follows by sex.
TEST(CodeList, CaseKindsAreTheNineOfTheDomain) {
  EXPECT_EQ(CodeList::builtin("case_kinds").codes_joined(),
            "complaint, tip, lex_sarah, lex_maria, non_executed_decision, survey_response, "
            "dialogue_input, other, seclusion");
  EXPECT_EQ(CodeList::builtin("case_kinds").resolve("Avskiljning"), "seclusion");
}

}  // namespace
}  // namespace vaksam::reference
