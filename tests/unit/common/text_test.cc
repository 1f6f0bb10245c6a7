#include "common/text.h"

#include <gtest/gtest.h>

namespace vaksam {
namespace {

TEST(Text, TrimRemovesSpacesAndNoBreakSpaces) {
  EXPECT_EQ(trim("  a b \t"), "a b");
  EXPECT_EQ(trim("\xC2\xA0" "12" "\xC2\xA0"), "12");
  EXPECT_EQ(trim("\xE2\x80\xAF" "x"), "x");
  EXPECT_EQ(trim("   "), "");
}

TEST(Text, FoldsSwedishCapitals) {
  EXPECT_EQ(fold_case_sv("ÅÄÖ Éé ABC"), "åäö éé abc");
  EXPECT_EQ(fold_case_sv("åäö"), "åäö");
}

TEST(Text, SplitKeepsEmptyParts) {
  auto parts = split("a||b|", '|');
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[1], "");
  EXPECT_EQ(parts[2], "b");
}

TEST(Text, FindsControlCharacters) {
  EXPECT_FALSE(has_control_chars("rad 1\nrad 2\ttab"));
  EXPECT_TRUE(has_control_chars(std::string("a\0b", 3)));
  EXPECT_TRUE(has_control_chars("a\x1b" "b"));
}

}  // namespace
}  // namespace vaksam
