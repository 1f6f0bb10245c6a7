#include "common/date.h"

#include <gtest/gtest.h>

namespace vaksam {
namespace {

TEST(Date, ParsesIsoAndCompact) {
  EXPECT_EQ(parse_iso_date("2023-01-15"), (Date{2023, 1, 15}));
  EXPECT_EQ(parse_iso_date("20230115"), (Date{2023, 1, 15}));
}

TEST(Date, RefusesImpossibleDates) {
  EXPECT_FALSE(parse_iso_date("2023-02-30"));
  EXPECT_FALSE(parse_iso_date("2023-02-29"));
  EXPECT_TRUE(parse_iso_date("2024-02-29"));
  EXPECT_FALSE(parse_iso_date("1900-02-29"));
  EXPECT_TRUE(parse_iso_date("2000-02-29"));
  EXPECT_FALSE(parse_iso_date("2023-13-01"));
  EXPECT_FALSE(parse_iso_date("2023-1-5"));
  EXPECT_FALSE(parse_iso_date("15/01/2023"));
  EXPECT_FALSE(parse_iso_date(""));
}

TEST(Date, EpochDaysRoundTrip) {
  EXPECT_EQ((Date{1970, 1, 1}).days_since_epoch(), 0);
  EXPECT_EQ((Date{2000, 3, 1}).days_since_epoch(), 11017);
  for (int64_t d = -800000; d < 800000; d += 997) {
    EXPECT_EQ(Date::from_days_since_epoch(d).days_since_epoch(), d);
  }
}

TEST(Date, AgeCountsBirthdays) {
  EXPECT_EQ(age_in_years({1990, 6, 15}, {2020, 6, 14}), 29);
  EXPECT_EQ(age_in_years({1990, 6, 15}, {2020, 6, 15}), 30);
}

}  // namespace
}  // namespace vaksam
