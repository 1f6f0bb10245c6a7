#include "privacy/identity_number.h"

#include <gtest/gtest.h>

#include <string>

// All numbers below are fictitious test numbers or built from invented digits.
namespace vaksam::privacy {
namespace {

constexpr Date kToday{2025, 6, 15};

// Independent of the code under test: the textbook right-to-left Luhn check,
// used to build numbers with a correct check digit from nine digits.
bool luhn_valid(const std::string& digits) {
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int v = *it - '0';
    if (twice) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
    sum += v;
    twice = !twice;
  }
  return sum % 10 == 0;
}

std::string with_check(const std::string& nine) {
  for (char c = '0'; c <= '9'; ++c) {
    if (luhn_valid(nine + c)) return nine + c;
  }
  return {};
}

// "YYMMDDNNN" -> "YYMMDD<sep>NNNC"
std::string short_form(const std::string& nine, const std::string& sep) {
  const std::string ten = with_check(nine);
  return ten.substr(0, 6) + sep + ten.substr(6);
}

IdentityProblem problem_of(const std::string& text, Date today = kToday) {
  return parse_identity_number(text, today).problem;
}

TEST(IdentityNumber, TestHelperAgreesWithKnownNumbers) {
  EXPECT_TRUE(luhn_valid("8112189876"));
  EXPECT_TRUE(luhn_valid("1212121212"));
  EXPECT_TRUE(luhn_valid("7010632391"));
  EXPECT_FALSE(luhn_valid("8112189875"));
  EXPECT_EQ(luhn_check_digit("811218987"), '6');
  EXPECT_EQ(luhn_check_digit("121212121"), '2');
  EXPECT_EQ(luhn_check_digit("701063239"), '1');
  EXPECT_EQ(luhn_check_digit("556016068"), '0');
}

TEST(IdentityNumber, AcceptsEveryWrittenForm) {
  for (const char* text : {"811218-9876", "8112189876", "19811218-9876", "198112189876",
                           "  811218-9876\n", "\t198112189876 "}) {
    SCOPED_TRACE(text);
    const IdentityParse p = parse_identity_number(text, kToday);
    ASSERT_TRUE(p.number.has_value());
    EXPECT_EQ(p.problem, IdentityProblem::none);
    EXPECT_EQ(p.number->kind, IdentityKind::personnummer);
    EXPECT_EQ(p.number->birth_date, (Date{1981, 12, 18}));
    EXPECT_EQ(p.number->digits12, "198112189876");
  }
}

TEST(IdentityNumber, ExplicitCenturyIsKept) {
  const IdentityParse p = parse_identity_number("19121212-1212", kToday);
  ASSERT_TRUE(p.number);
  EXPECT_EQ(p.number->birth_date, (Date{1912, 12, 12}));
  EXPECT_EQ(p.number->digits12, "191212121212");

  const IdentityParse q = parse_identity_number("201212121212", kToday);
  ASSERT_TRUE(q.number);
  EXPECT_EQ(q.number->birth_date, (Date{2012, 12, 12}));
}

TEST(IdentityNumber, TenDigitsMeanUnderOneHundred) {
  const IdentityParse p = parse_identity_number("121212-1212", kToday);
  ASSERT_TRUE(p.number);
  EXPECT_EQ(p.number->birth_date, (Date{2012, 12, 12}));
  EXPECT_EQ(p.number->digits12, "201212121212");
  // The same digits seen from 2010 cannot be 2012 yet.
  const IdentityParse q = parse_identity_number("1212121212", Date{2010, 1, 1});
  ASSERT_TRUE(q.number);
  EXPECT_EQ(q.number->birth_date, (Date{1912, 12, 12}));
}

TEST(IdentityNumber, PlusMeansOneHundredOrOlder) {
  const IdentityParse p = parse_identity_number("121212+1212", kToday);
  ASSERT_TRUE(p.number);
  EXPECT_EQ(p.number->birth_date, (Date{1912, 12, 12}));
  EXPECT_EQ(p.number->digits12, "191212121212");
  EXPECT_GE(age_in_years(p.number->birth_date, kToday), 100);
}

TEST(IdentityNumber, CenturyRuleAtTheHundredthBirthday) {
  // Born today: 0 years old, not in the future.
  auto p = parse_identity_number(short_form("250615123", "-"), kToday);
  ASSERT_TRUE(p.number);
  EXPECT_EQ(p.number->birth_date, (Date{2025, 6, 15}));

  // Turns 100 today: with '+' it is 1925; with '-' it must be this year's child.
  p = parse_identity_number(short_form("250615123", "+"), kToday);
  ASSERT_TRUE(p.number);
  EXPECT_EQ(p.number->birth_date, (Date{1925, 6, 15}));
  EXPECT_EQ(age_in_years(p.number->birth_date, kToday), 100);

  // Turns 100 tomorrow: still 99, so '-' gives 1925 and '+' a century earlier.
  p = parse_identity_number(short_form("250616123", "-"), kToday);
  ASSERT_TRUE(p.number);
  EXPECT_EQ(p.number->birth_date, (Date{1925, 6, 16}));
  EXPECT_EQ(age_in_years(p.number->birth_date, kToday), 99);
  p = parse_identity_number(with_check("250616123"), kToday);
  ASSERT_TRUE(p.number);
  EXPECT_EQ(p.number->birth_date, (Date{1925, 6, 16}));
  p = parse_identity_number(short_form("250616123", "+"), kToday);
  ASSERT_TRUE(p.number);
  EXPECT_EQ(p.number->birth_date, (Date{1825, 6, 16}));
}

TEST(IdentityNumber, PlusIsRefusedWithTwelveDigits) {
  EXPECT_EQ(problem_of("19121212+1212"), IdentityProblem::bad_format);
}

TEST(IdentityNumber, Samordningsnummer) {
  for (const char* text : {"701063-2391", "7010632391", "19701063-2391", "197010632391"}) {
    SCOPED_TRACE(text);
    const IdentityParse p = parse_identity_number(text, kToday);
    ASSERT_TRUE(p.number);
    EXPECT_EQ(p.number->kind, IdentityKind::samordningsnummer);
    EXPECT_EQ(p.number->birth_date, (Date{1970, 10, 3}));
    EXPECT_EQ(p.number->digits12, "197010632391");  // keeps day + 60
  }
  // Day 91 = the 31st; day 60 and 92 are neither kind.
  const IdentityParse p = parse_identity_number(short_form("800191123", "-"), kToday);
  ASSERT_TRUE(p.number);
  EXPECT_EQ(p.number->birth_date, (Date{1980, 1, 31}));
  EXPECT_EQ(problem_of(short_form("800160123", "-")), IdentityProblem::bad_date);
  EXPECT_EQ(problem_of(short_form("800192123", "-")), IdentityProblem::bad_date);
}

TEST(IdentityNumber, SexFromThirdDigitOfBirthNumber) {
  auto male = parse_identity_number("811218-9876", kToday);  // birth number 987: 7 is odd
  ASSERT_TRUE(male.number);
  EXPECT_TRUE(male.number->is_male());
  auto female = parse_identity_number(short_form("811218988", "-"), kToday);
  ASSERT_TRUE(female.number);
  EXPECT_FALSE(female.number->is_male());
  auto female_sam = parse_identity_number(short_form("701063240", "-"), kToday);
  ASSERT_TRUE(female_sam.number);
  EXPECT_FALSE(female_sam.number->is_male());
}

TEST(IdentityNumber, RefusesImpossibleDates) {
  // Each has a correct check digit, so only the date can be at fault.
  EXPECT_EQ(problem_of(short_form("230230123", "-")), IdentityProblem::bad_date);  // Feb 30
  EXPECT_EQ(problem_of("20" + with_check("230230123")), IdentityProblem::bad_date);
  EXPECT_EQ(problem_of(short_form("231301123", "-")), IdentityProblem::bad_date);  // month 13
  EXPECT_EQ(problem_of(short_form("230001123", "-")), IdentityProblem::bad_date);  // month 0
  EXPECT_EQ(problem_of(short_form("230100123", "-")), IdentityProblem::bad_date);  // day 0
  EXPECT_EQ(problem_of(short_form("230132123", "-")), IdentityProblem::bad_date);  // day 32
  EXPECT_EQ(problem_of(short_form("230290123", "-")), IdentityProblem::bad_date);  // Feb 30 + 60
  EXPECT_EQ(problem_of("00000000" + with_check("000000123").substr(6)),
            IdentityProblem::bad_date);
}

TEST(IdentityNumber, LeapDayDependsOnTheCentury) {
  const std::string leap = with_check("000229123");
  EXPECT_EQ(problem_of("20" + leap), IdentityProblem::none);
  EXPECT_EQ(problem_of("19" + leap), IdentityProblem::bad_date);  // 1900 was not a leap year
  auto p = parse_identity_number(leap.substr(0, 6) + "-" + leap.substr(6), kToday);
  ASSERT_TRUE(p.number);
  EXPECT_EQ(p.number->birth_date, (Date{2000, 2, 29}));
  EXPECT_EQ(problem_of(leap.substr(0, 6) + "+" + leap.substr(6)), IdentityProblem::bad_date);
}

TEST(IdentityNumber, RefusesWrongCheckDigit) {
  for (char c = '0'; c <= '9'; ++c) {
    const std::string text = std::string("811218-987") + c;
    SCOPED_TRACE(text);
    EXPECT_EQ(problem_of(text), c == '6' ? IdentityProblem::none : IdentityProblem::bad_checksum);
  }
  EXPECT_EQ(problem_of("19121212-1213"), IdentityProblem::bad_checksum);
  EXPECT_EQ(problem_of("701063-2392"), IdentityProblem::bad_checksum);
  // Swapped neighbours are caught too.
  EXPECT_EQ(problem_of("811218-9786"), IdentityProblem::bad_checksum);
}

TEST(IdentityNumber, RefusesBirthDatesInTheFuture) {
  EXPECT_EQ(problem_of("20" + with_check("300101123")), IdentityProblem::in_future);
  EXPECT_EQ(problem_of("20" + with_check("250616123")), IdentityProblem::in_future);
  EXPECT_EQ(problem_of("20" + with_check("250615123")), IdentityProblem::none);
  EXPECT_EQ(problem_of("20" + with_check("250676123")), IdentityProblem::in_future);  // samordn.
  EXPECT_EQ(problem_of("19811218-9876", Date{1981, 12, 17}), IdentityProblem::in_future);
}

TEST(IdentityNumber, RefusesMalformedText) {
  EXPECT_EQ(problem_of(""), IdentityProblem::empty);
  EXPECT_EQ(problem_of(" \t\n"), IdentityProblem::empty);
  for (const char* text :
       {"81121-89876", "811218--9876", "811218 9876", "811218/9876", "81121898761",
        "811218987", "1981121898761", "811218-987", "811218-98765", "8112189-876",
        "811218-9876x", "x811218-9876", "abcdef-ghij", "81121a-9876", "-8112189876",
        "8112189876-", "1981-1218-9876", "19811218 9876", "811218\xE2\x80\x93" "9876",
        "8 1 1 2 1 8 9 8 7 6", "+811218-9876"}) {
    SCOPED_TRACE(text);
    EXPECT_EQ(problem_of(text), IdentityProblem::bad_format);
  }
}

TEST(IdentityNumber, DescriptionsNeverEchoDigits) {
  const IdentityProblem all[] = {IdentityProblem::none,         IdentityProblem::empty,
                                 IdentityProblem::bad_format,   IdentityProblem::bad_date,
                                 IdentityProblem::bad_checksum, IdentityProblem::in_future};
  for (IdentityProblem p : all) {
    const std::string_view text = describe(p);
    EXPECT_FALSE(text.empty());
    EXPECT_EQ(text.find_first_of("0123456789"), std::string_view::npos) << text;
  }
  EXPECT_EQ(describe(IdentityProblem::bad_checksum), "the check digit does not match");
  // Distinct reasons, so the user can tell them apart.
  for (IdentityProblem a : all) {
    for (IdentityProblem b : all) {
      if (a != b) {
        EXPECT_NE(describe(a), describe(b));
      }
    }
  }
}

TEST(IdentityNumber, FailedParseCarriesNoNumber) {
  const IdentityParse p = parse_identity_number("811218-9875", kToday);
  EXPECT_FALSE(p.number.has_value());
  EXPECT_EQ(p.problem, IdentityProblem::bad_checksum);
  EXPECT_EQ(describe(p.problem).find("811218"), std::string_view::npos);
}

}  // namespace
}  // namespace vaksam::privacy
