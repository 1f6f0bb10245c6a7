// Fictitious personal identity numbers for synthetic subjects: valid check
// digits, birth numbers 980-999 (a range set aside for test numbers), a birth
// date that fits the subject's age band, the sex digit that fits the sex.
#pragma once

#include <string>
#include <string_view>

#include "common/date.h"
#include "synth/rng.h"

namespace vaksam::synth {

// One of the written forms YYMMDD-NNNC, YYYYMMDD-NNNC or YYYYMMDDNNNC; now and then a
// samordningsnummer (day + 60). `sex` is "female", "male" or "" (any).
std::string fake_identity_number(Rng& rng, const Date& on, std::string_view age_band, std::string_view sex);

}  // namespace vaksam::synth
