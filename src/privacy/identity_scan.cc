#include "privacy/identity_scan.h"

#include <optional>

#include "privacy/identity_number.h"

namespace vaksam::privacy {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

size_t digit_run(std::string_view text, size_t from) {
  size_t end = from;
  while (end < text.size() && is_digit(text[end])) ++end;
  return end - from;
}

// What may stand between the date and the birth number, and what
// parse_identity_number should see in its place.
struct Separator {
  std::string_view bytes;
  char as;
};

constexpr Separator kSeparators[] = {
    {"-", '-'},
    {"+", '+'},
    {" ", '-'},
    {"\xC2\xA0", '-'},      // U+00A0 no-break space
    {"\xE2\x80\x91", '-'},  // U+2011 non-breaking hyphen
    {"\xE2\x80\x93", '-'},  // U+2013 en dash
};

// The end of a valid identity number that starts at `begin`, where a run of
// `run` digits starts; nullopt if there is none.
std::optional<size_t> match_at(std::string_view text, size_t begin, size_t run, const Date& today) {
  std::string candidate;
  size_t end;
  if (run == 10 || run == 12) {
    candidate = text.substr(begin, run);
    end = begin + run;
  } else if (run == 6 || run == 8) {
    const std::string_view rest = text.substr(begin + run);
    const Separator* sep = nullptr;
    for (const Separator& s : kSeparators) {
      if (rest.starts_with(s.bytes)) sep = &s;
    }
    if (sep == nullptr) return std::nullopt;
    const size_t tail = begin + run + sep->bytes.size();
    if (digit_run(text, tail) != 4) return std::nullopt;
    candidate.append(text.substr(begin, run)).append(1, sep->as).append(text.substr(tail, 4));
    end = tail + 4;
  } else {
    return std::nullopt;
  }
  if (!parse_identity_number(candidate, today).number) return std::nullopt;
  return end;
}

}  // namespace

std::vector<TextSpan> find_identity_numbers(std::string_view text, Date today) {
  std::vector<TextSpan> found;
  size_t i = 0;
  // Visit each maximal run of digits once, so no candidate starts or ends
  // inside a longer run.
  while (i < text.size()) {
    if (!is_digit(text[i])) {
      ++i;
      continue;
    }
    const size_t run = digit_run(text, i);
    if (std::optional<size_t> end = match_at(text, i, run, today)) {
      found.push_back(TextSpan{i, *end});
      i = *end;
    } else {
      i += run;
    }
  }
  return found;
}

std::string mask_identity_numbers(std::string_view text, Date today, std::string_view placeholder) {
  std::string out;
  out.reserve(text.size());
  size_t copied = 0;
  for (const TextSpan& span : find_identity_numbers(text, today)) {
    out.append(text.substr(copied, span.begin - copied)).append(placeholder);
    copied = span.end;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace vaksam::privacy
