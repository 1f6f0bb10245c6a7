#include "synth/fake_identity.h"

#include <cstdio>

#include "privacy/identity_number.h"

namespace vaksam::synth {

namespace {

// The lowest and highest age of an age band code.
void age_range(std::string_view band, int& lo, int& hi) {
  lo = 18, hi = 80;
  if (band.empty()) return;
  if (band == "80+") {
    lo = 80, hi = 99;
    return;
  }
  const auto dash = band.find('-');
  lo = std::stoi(std::string(band.substr(0, dash)));
  hi = std::stoi(std::string(band.substr(dash + 1)));
}

}  // namespace

std::string fake_identity_number(Rng& rng, const Date& on, std::string_view age_band, std::string_view sex) {
  int lo, hi;
  age_range(age_band, lo, hi);
  // A birth date that makes the person lo..hi years old on `on`.
  const int64_t latest = Date{on.year - lo, on.month, on.day > 28 ? 28 : on.day}.days_since_epoch();
  const int64_t earliest = Date{on.year - hi - 1, on.month, on.day > 28 ? 28 : on.day}.days_since_epoch() + 1;
  const Date birth = Date::from_days_since_epoch(earliest + static_cast<int64_t>(rng.below(
                                                               static_cast<uint64_t>(latest - earliest + 1))));
  const bool coordination = rng.chance(0.03);
  int serial = 980 + static_cast<int>(rng.below(20));
  const bool male = sex == "male" || (sex.empty() && rng.chance(0.5));
  if ((serial % 2 == 1) != male) serial += serial == 999 ? -1 : 1;  // the last birth digit is odd for men
  char nine[16];
  std::snprintf(nine, sizeof nine, "%02d%02d%02d%03d", birth.year % 100, birth.month,
                birth.day + (coordination ? 60 : 0), serial);
  const char check = privacy::luhn_check_digit(nine);
  const std::string ten = std::string(nine) + check;
  const std::string century = std::to_string(birth.year / 100);
  // The 10-digit form leaves the century to the reader's "today": keep it for people well under 100.
  const int form = on.year - birth.year < 90 ? static_cast<int>(rng.below(3)) : 1 + static_cast<int>(rng.below(2));
  switch (form) {
    case 0: return ten.substr(0, 6) + "-" + ten.substr(6);
    case 1: return century + ten.substr(0, 6) + "-" + ten.substr(6);
    default: return century + ten;
  }
}

}  // namespace vaksam::synth
