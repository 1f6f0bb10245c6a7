#include "privacy/identity_scan.h"

#include <gtest/gtest.h>

#include <string>

// All numbers below are fictitious test numbers.
namespace vaksam::privacy {
namespace {

constexpr Date kToday{2025, 6, 15};

// The span of the only occurrence of `needle` in `text`.
TextSpan span_of(std::string_view text, std::string_view needle) {
  const size_t at = text.find(needle);
  EXPECT_NE(at, std::string_view::npos) << needle;
  EXPECT_EQ(text.find(needle, at + 1), std::string_view::npos) << needle;
  return TextSpan{at, at + needle.size()};
}

void expect_spans(std::string_view text, const std::vector<TextSpan>& expected) {
  const std::vector<TextSpan> found = find_identity_numbers(text, kToday);
  ASSERT_EQ(found.size(), expected.size()) << text;
  for (size_t i = 0; i < found.size(); ++i) {
    EXPECT_EQ(found[i].begin, expected[i].begin) << "span " << i;
    EXPECT_EQ(found[i].end, expected[i].end) << "span " << i;
  }
}

TEST(IdentityScan, FindsNumbersInASwedishSentence) {
  const std::string text =
      "Patienten (811218-9876) vaccinerades 2023-01-15 och fick feber; "
      "anhörig 19121212-1212 ringde från 070-123 45 67.";
  const std::vector<TextSpan> found = find_identity_numbers(text, kToday);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].begin, 11u);
  EXPECT_EQ(found[0].end, 22u);
  EXPECT_EQ(text.substr(found[0].begin, found[0].end - found[0].begin), "811218-9876");
  EXPECT_EQ(text.substr(found[1].begin, found[1].end - found[1].begin), "19121212-1212");
}

TEST(IdentityScan, FindsEveryWrittenForm) {
  for (const char* number :
       {"811218-9876", "8112189876", "19811218-9876", "198112189876", "121212+1212",
        "811218 9876", "19811218 9876", "701063-2391", "811218\xC2\xA0" "9876",
        "811218\xE2\x80\x93" "9876", "811218\xE2\x80\x91" "9876"}) {
    const std::string text = std::string("Uppgift: ") + number + " enligt journal.";
    SCOPED_TRACE(text);
    expect_spans(text, {span_of(text, number)});
  }
}

TEST(IdentityScan, FindsNumbersAtTheEdgesAndSideBySide) {
  expect_spans("811218-9876", {{0, 11}});
  expect_spans("811218-9876,121212-1212", {{0, 11}, {12, 23}});
  expect_spans("(198112189876)", {{1, 13}});
  expect_spans("pnr:8112189876.", {{4, 14}});
}

TEST(IdentityScan, IgnoresDatesPhoneNumbersAndLongRuns) {
  for (const char* text :
       {"", "Dos given 2023-01-15, kontroll 2023-02-15.", "Ring 070-123 45 67 eller 08-123 456 78.",
        "0701234567", "Referens 1234567890123.", "1981121898760", "01981121898760",
        "0811218-9876", "811218-98760", "19811218-98760", "x19811218987612345",
        "811218--9876", "811218  9876", "81 12 18 98 76", "8112-18-9876"}) {
    SCOPED_TRACE(text);
    EXPECT_TRUE(find_identity_numbers(text, kToday).empty());
  }
}

TEST(IdentityScan, IgnoresLookalikesThatFailValidation) {
  for (const char* text :
       {"811218-9875", "19811218-9875", "8112189875", "230230-1235",  // check digit, then Feb 30
        "20300101-1232",                                              // born in the future
        "19811218+9876"}) {                                           // '+' with 12 digits
    SCOPED_TRACE(text);
    EXPECT_TRUE(find_identity_numbers(std::string("Nr ") + text + " här.", kToday).empty());
  }
}

TEST(IdentityScan, MaskKeepsUtf8AroundTheNumbers) {
  const std::string text =
      "Åsa (811218-9876) fick dos 2 på vårdcentralen i Örebro; "
      "samordningsnr 701063-2391, född 1970-10-03. Äntligen klart.";
  EXPECT_EQ(mask_identity_numbers(text, kToday),
            "Åsa ([PERSONNUMMER]) fick dos 2 på vårdcentralen i Örebro; "
            "samordningsnr [PERSONNUMMER], född 1970-10-03. Äntligen klart.");
}

TEST(IdentityScan, MaskUsesTheGivenPlaceholder) {
  EXPECT_EQ(mask_identity_numbers("åäö 198112189876 öäå", kToday, "***"), "åäö *** öäå");
  EXPECT_EQ(mask_identity_numbers("811218-9876", kToday, ""), "");
}

TEST(IdentityScan, MaskLeavesTextWithoutNumbersAlone) {
  const std::string text = "Inga nummer här: 2023-01-15, 070-123 45 67, 811218-9875.";
  EXPECT_EQ(mask_identity_numbers(text, kToday), text);
  EXPECT_EQ(mask_identity_numbers("", kToday), "");
}

TEST(IdentityScan, IgnoresBirthDatesInTheFuture) {
  // Valid check digit in both, but on 2025-06-15 only the 1925 birth date has happened.
  const std::string text = "nr 20251231-1230 och 19251231-1230";
  const std::vector<TextSpan> found = find_identity_numbers(text, kToday);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].begin, text.find("19251231"));
  // Ten digits are read as the person under 100, so the same number is found.
  expect_spans("251231-1230", {{0, 11}});
}

}  // namespace
}  // namespace vaksam::privacy
