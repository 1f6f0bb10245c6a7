#include "privacy/org_number.h"

#include <gtest/gtest.h>

namespace vaksam::privacy {
namespace {

TEST(OrgNumber, AcceptsEveryWrittenForm) {
  for (const char* text : {"556016-0680", "5560160680", "16556016-0680", "165560160680",
                           " 556016-0680\n"}) {
    SCOPED_TRACE(text);
    EXPECT_EQ(normalize_org_number(text), "556016-0680");
  }
}

TEST(OrgNumber, AcceptsPublicSectorNumbers) {
  // 2 in the first position: state, county and municipal bodies; Luhn 2.
  EXPECT_EQ(normalize_org_number("2120000142"), "212000-0142");
  EXPECT_EQ(normalize_org_number("16212000-0142"), "212000-0142");
}

TEST(OrgNumber, RefusesWrongCheckDigit) {
  for (char c = '0'; c <= '9'; ++c) {
    const std::string text = std::string("556016-068") + c;
    SCOPED_TRACE(text);
    EXPECT_EQ(normalize_org_number(text).has_value(), c == '0');
  }
  EXPECT_FALSE(normalize_org_number("212000-0143"));
}

TEST(OrgNumber, RefusesThirdDigitBelowTwo) {
  // Both pass the Luhn check; the "month" 00 and 12 make them natural persons.
  EXPECT_FALSE(normalize_org_number("550016-0683"));
  EXPECT_FALSE(normalize_org_number("811218-9876"));  // a personnummer
  EXPECT_FALSE(normalize_org_number("16811218-9876"));
}

TEST(OrgNumber, RefusesMalformedText) {
  for (const char* text : {"", "   ", "556016-068", "556016-06800", "55601-60680", "556016+0680",
                           "556016 0680", "17556016-0680", "19556016-0680", "1655601-60680",
                           "5560160680x", "55601a-0680", "556016--0680", "16-556016-0680"}) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(normalize_org_number(text));
  }
}

}  // namespace
}  // namespace vaksam::privacy
