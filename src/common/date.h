// Calendar dates (proleptic Gregorian, no time zone) as used in case files.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vaksam {

struct Date {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31

  auto operator<=>(const Date&) const = default;

  // Days since 1970-01-01; negative before.
  int64_t days_since_epoch() const;
  static Date from_days_since_epoch(int64_t days);

  // ISO 8601, YYYY-MM-DD.
  std::string iso() const;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);
bool is_valid_date(int year, int month, int day);

// Parses YYYY-MM-DD (also YYYYMMDD). Returns nullopt for anything else,
// including well-formed but impossible dates such as 2023-02-30.
std::optional<Date> parse_iso_date(std::string_view text);

// Today's date in UTC, overridable with VAKSAM_TODAY=YYYY-MM-DD so that
// tests and demos about "the future" are repeatable.
Date today();

// The current time in UTC as ISO 8601, e.g. 2026-11-23T09:10:00Z (for records and logs).
std::string utc_timestamp();

// Whole years from `birth` to `on` (the person's age on that day).
int age_in_years(const Date& birth, const Date& on);

}  // namespace vaksam
