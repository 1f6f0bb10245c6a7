// E-mail addresses and street addresses.
#include <array>

#include "privacy/redaction_internal.h"

namespace vaksam::privacy::detail {

namespace {

// ---- e-mail ----------------------------------------------------------------

bool local_char(char32_t c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '%' || c == '+' || c == '-';
  }
  return c != kInvalid && is_letter(c);
}

bool domain_char(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  return c != kInvalid && is_letter(c);
}

bool iequals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

// The end of a domain name starting at `i` with at least two labels and an
// alphabetic top-level label, or 0.
size_t domain_end(std::string_view text, size_t i) {
  size_t j = i;
  int labels = 0;
  size_t last_label_begin = i;
  while (j < text.size()) {
    const size_t label_begin = j;
    while (j < text.size()) {
      const CodePoint c = decode_utf8(text, j);
      if (!domain_char(c.cp)) break;
      j += c.len;
    }
    if (j == label_begin) break;
    ++labels;
    last_label_begin = label_begin;
    if (j + 1 < text.size() && text[j] == '.') {
      const CodePoint next = decode_utf8(text, j + 1);
      if (domain_char(next.cp)) {
        ++j;
        continue;
      }
    }
    break;
  }
  // Trailing hyphens are not part of a label.
  while (j > last_label_begin && text[j - 1] == '-') --j;
  if (labels < 2 || j - last_label_begin < 2) return 0;
  for (size_t k = last_label_begin; k < j; ++k)
    if (!is_ascii_alpha(text[k])) return 0;
  return j;
}

// The start of the local part that ends at `end`, or `end` if there is none.
size_t local_begin(std::string_view text, size_t end) {
  size_t b = end;
  while (b > 0) {
    const CodePoint c = decode_before(text, b);
    if (c.cp == kInvalid || !local_char(c.cp)) break;
    b -= c.len;
  }
  while (b < end && (text[b] == '.' || text[b] == '-' || text[b] == '+')) ++b;
  return b;
}

// ---- addresses ---------------------------------------------------------------

struct Suffix {
  std::string_view text;
  bool strong;         // also an address in lower case when a house number follows
  bool needs_number = false;  // an address only with a house number ("Klostergården 2")
};

// Endings of Swedish street names.
constexpr std::array<Suffix, 31> kStreetSuffixes{{
    {"gatan", true},       {"gata", true},        {"vägen", true},     {"väg", true},
    {"gränd", true},       {"gränden", true},     {"stigen", true},    {"allén", true},
    {"allé", true},        {"backen", false, true},     {"backe", false, true},    {"slingan", false, true},
    {"slinga", false, true},     {"kroken", false, true},     {"torget", false},   {"torg", false},
    {"platsen", false},    {"plan", false},       {"leden", false, true},    {"gången", false, true},
    {"liden", false, true},      {"höjden", false, true},     {"kajen", false, true},    {"ringen", false, true},
    {"stråket", false, true},    {"esplanaden", false, true}, {"promenaden", false, true}, {"parken", false, true},
    {"hagen", false, true},      {"bryggan", false, true},    {"gården", false, true},
}};

size_t digits_at(std::string_view text, size_t i) {
  size_t j = i;
  while (j < text.size() && is_digit(text[j])) ++j;
  return j - i;
}

size_t space_len(std::string_view text, size_t i) {
  if (i < text.size() && text[i] == ' ') return 1;
  if (nbsp_at(text, i)) return 2;
  return 0;
}

bool letter_at(std::string_view text, size_t i) {
  if (i >= text.size()) return false;
  const CodePoint c = decode_utf8(text, i);
  return c.cp != kInvalid && is_letter(c.cp);
}

// "lgh 1102", "lgh. 1102", "lgh nr 1102", "lägenhet 1102": the end, or 0.
size_t apartment_end(std::string_view text, const Words& words, size_t k) {
  const Word& w = words.words[k];
  if (!(words.flags[k] & kApartment)) return 0;
  size_t j = w.end;
  if (j < text.size() && (text[j] == '.' || text[j] == ':')) ++j;
  size_t s = space_len(text, j);
  if (s == 0) return 0;
  j += s;
  for (std::string_view nr : {"nr.", "nr", "Nr.", "Nr", "nummer"}) {
    if (text.substr(j).starts_with(nr) && space_len(text, j + nr.size())) {
      j += nr.size() + space_len(text, j + nr.size());
      break;
    }
  }
  if (digits_at(text, j) != 4 || letter_at(text, j + 4)) return 0;
  if (j + 4 < text.size() && is_digit(text[j + 4])) return 0;
  return j + 4;
}

// The end of a house number ("12", "12B", "12 B", "12-14") after `i`, or 0.
size_t house_number_end(std::string_view text, size_t i) {
  size_t j = i + space_len(text, i);
  if (j == i) return 0;
  const size_t n = digits_at(text, j);
  if (n < 1 || n > 3) return 0;
  j += n;
  if (j < text.size() && text[j] == '-' && digits_at(text, j + 1) >= 1 && digits_at(text, j + 1) <= 3) {
    j += 1 + digits_at(text, j + 1);
  }
  if (j < text.size() && is_ascii_alpha(text[j]) && !letter_at(text, j + 1)) {
    ++j;  // "12B", "12b"
  } else if (space_len(text, j) && j + 1 < text.size() && text[j + 1] >= 'A' && text[j + 1] <= 'H' &&
             !letter_at(text, j + 2)) {
    j += 2;  // "12 B"
  }
  if (j < text.size() && (is_digit(text[j]) || letter_at(text, j))) return 0;
  // "Storgatan 12.5" or "Storgatan 12,5 %" are not house numbers.
  if (j + 1 < text.size() && (text[j] == ',' || text[j] == '.') && is_digit(text[j + 1])) return 0;
  return j;
}

// ", lgh 1102", " 3 tr" after a house number: the new end, or `end`.
size_t address_tail(std::string_view text, const Words& words, size_t end, size_t next_word) {
  size_t j = end;
  if (j < text.size() && text[j] == ',') ++j;
  const size_t s = space_len(text, j);
  if (s == 0) return end;
  j += s;
  if (next_word < words.words.size() && words.words[next_word].begin == j) {
    if (const size_t a = apartment_end(text, words, next_word)) return a;
  }
  // "nb" (nedre botten), "bv" (bottenvåning)
  for (std::string_view floor : {"nb", "bv", "NB", "BV"}) {
    if (text.substr(j).starts_with(floor) && !letter_at(text, j + floor.size()) &&
        !(j + floor.size() < text.size() && is_digit(text[j + floor.size()]))) {
      return j + floor.size();
    }
  }
  // "3 tr", "1 trappa", "2 trappor"
  const size_t n = digits_at(text, j);
  if (n >= 1 && n <= 2 && space_len(text, j + n)) {
    const size_t w = j + n + space_len(text, j + n);
    for (std::string_view tr : {"trappor", "trappa", "tr"}) {
      if (text.substr(w).starts_with(tr) && !letter_at(text, w + tr.size())) {
        const size_t e = w + tr.size();
        return e;
      }
    }
  }
  return end;
}

bool capitalized(const Word& w) { return w.wcase == WordCase::capitalized || w.wcase == WordCase::mixed; }

}  // namespace

void find_emails(std::string_view text, std::vector<Redaction>& out) {
  size_t from = 0;
  while (from < text.size()) {
    // The next '@' or written-out "(at)" / "[at]".
    size_t at = std::string_view::npos, marker_len = 0;
    for (size_t k = from; k < text.size(); ++k) {
      if (text[k] == '@') {
        at = k;
        marker_len = 1;
        break;
      }
      if ((text[k] == '(' || text[k] == '[') && k + 4 <= text.size() &&
          (iequals_ascii(text.substr(k, 4), "(at)") || iequals_ascii(text.substr(k, 4), "[at]"))) {
        at = k;
        marker_len = 4;
        break;
      }
    }
    if (at == std::string_view::npos) break;
    size_t local_end = at;
    size_t domain_begin = at + marker_len;
    if (marker_len == 4) {
      if (local_end > 0 && text[local_end - 1] == ' ') --local_end;
      if (domain_begin < text.size() && text[domain_begin] == ' ') ++domain_begin;
    }
    const size_t b = local_begin(text, local_end);
    const size_t e = b < local_end ? domain_end(text, domain_begin) : 0;
    if (b < local_end && e > 0) {
      out.push_back({b, e, PiiType::email});
      from = e;
    } else {
      from = at + marker_len;
    }
  }
}

void find_addresses(std::string_view text, const Words& words, std::vector<Redaction>& out) {
  const std::vector<Word>& ws = words.words;
  for (size_t k = 0; k < ws.size(); ++k) {
    const Word& w = ws[k];
    const std::string_view lw = words.lower_of(w);
    const uint32_t flags = words.flags[k];

    // Most words are lower case with no number after them: no address.
    bool digit_follows = false;
    for (size_t i = w.end; i < text.size() && i < w.end + 6 && !digit_follows; ++i) digit_follows = is_digit(text[i]);
    if (!capitalized(w) && !digit_follows && w.wcase != WordCase::all_caps &&
        !(k > 0 && capitalized(ws[k - 1]) && (flags & kStreetWord))) {
      continue;
    }
    if (const size_t e = apartment_end(text, words, k)) {
      out.push_back({w.begin, e, PiiType::address});
      continue;
    }
    if ((flags & kBox) && w.wcase != WordCase::lower) {
      const size_t s = space_len(text, w.end);
      const size_t n = s ? digits_at(text, w.end + s) : 0;
      if (n >= 1 && n <= 5 && !letter_at(text, w.end + s + n) &&
          !(w.end + s + n < text.size() && is_digit(text[w.end + s + n]))) {
        out.push_back({w.begin, w.end + s + n, PiiType::address});
      }
      continue;
    }

    size_t begin = w.begin;
    bool street = false;
    bool number_required = false;
    if ((flags & kStreetWord) && k > 0 && capitalized(ws[k - 1]) && only_spaces(text, ws[k - 1].end, w.begin)) {
      // "Karl Johans väg 5": take up to three capitalised words before.
      size_t first = k - 1;
      while (first > 0 && k - first < 3 && capitalized(ws[first - 1]) &&
             only_spaces(text, ws[first - 1].end, ws[first].begin) && !ws[first].sentence_initial) {
        --first;
      }
      begin = ws[first].begin;
      street = true;
      number_required = lw.size() > 4 && (lw.ends_with("en") || lw.ends_with("an") || lw.ends_with("et") ||
                                          lw.ends_with("én")) ;
      if (lw == "plan" || lw == "backe" || lw == "stig") number_required = true;
    } else if (!(flags & kRoadWord) && (capitalized(w) || !(flags & kStreetNoun))) {
      // Every street ending ends in one of these bytes ('é' ends in 0xA9).
      const char last = lw.empty() ? '\0' : lw.back();
      const bool may_end_street = last == 'n' || last == 'a' || last == 'g' || last == 'd' || last == 't' ||
                                  last == 'e' || last == static_cast<char>(0xA9);
      for (const Suffix& s : kStreetSuffixes) {
        if (!may_end_street) break;
        if (!lw.ends_with(s.text) || lw.size() < s.text.size() + 2) continue;
        const size_t house = house_number_end(text, w.end);
        if (s.needs_number) {
          street = house > 0 && capitalized(w);
        } else if (capitalized(w)) {
          street = house > 0 || !w.sentence_initial;
        } else {
          street = house > 0 && s.strong;
        }
        break;
      }
    }
    if (!street) continue;
    const size_t house = house_number_end(text, w.end);
    if (number_required && house == 0) continue;
    // "Stora Nygatan", "Östra Hamngatan"
    size_t first = k;
    while (first > 0 && only_spaces(text, ws[first - 1].end, ws[first].begin) &&
           ws[first - 1].wcase != WordCase::lower && (words.flags[first - 1] & kStreetPrefix) &&
           ws[first - 1].begin < begin) {
      --first;
      begin = ws[first].begin;
    }
    // An abbreviated prefix: "Ö. Långgatan", "V. Storgatan", "St. Nygatan".
    if (first > 0 && only_spaces(text, ws[first - 1].end + 1, ws[first].begin) && ws[first - 1].end < text.size() &&
        text[ws[first - 1].end] == '.' && ws[first - 1].wcase != WordCase::lower) {
      const std::string_view abbr = words.lower_of(ws[first - 1]);
      if (abbr == "ö" || abbr == "v" || abbr == "n" || abbr == "s" || abbr == "st" || abbr == "l" || abbr == "g") {
        begin = ws[first - 1].begin;
      }
    }
    size_t end = w.end;
    if (house > 0) {
      size_t next = k + 1;
      while (next < ws.size() && ws[next].begin < house) ++next;
      end = address_tail(text, words, house, next);
    }
    out.push_back({begin, end, PiiType::address});
  }
}

}  // namespace vaksam::privacy::detail
