#include "privacy/redaction.h"

#include <algorithm>

#include "privacy/redaction_internal.h"

namespace vaksam::privacy {

std::string_view placeholder(PiiType type) {
  switch (type) {
    case PiiType::personnummer:
      return "[PERSONNUMMER]";
    case PiiType::samordningsnummer:
      return "[SAMORDNINGSNUMMER]";
    case PiiType::org_number:
      return "[ORGNR]";
    case PiiType::phone:
      return "[TELEFON]";
    case PiiType::email:
      return "[E-POST]";
    case PiiType::address:
      return "[ADRESS]";
    case PiiType::postcode:
      return "[POSTNUMMER]";
    case PiiType::name:
      return "[NAMN]";
  }
  return "[UPPGIFT]";
}

std::string_view type_name(PiiType type) {
  switch (type) {
    case PiiType::personnummer:
      return "personnummer";
    case PiiType::samordningsnummer:
      return "samordningsnummer";
    case PiiType::org_number:
      return "org_number";
    case PiiType::phone:
      return "phone";
    case PiiType::email:
      return "email";
    case PiiType::address:
      return "address";
    case PiiType::postcode:
      return "postcode";
    case PiiType::name:
      return "name";
  }
  return "unknown";
}

std::optional<PiiType> parse_pii_type(std::string_view name) {
  for (PiiType t : kAllPiiTypes) {
    if (type_name(t) == name) return t;
  }
  return std::nullopt;
}

namespace {

// Lower wins when detectors disagree about the same bytes: an e-mail address
// contains names, an identity number looks like a phone number, an address
// contains a name ("Karl Johans väg 5").
int priority(PiiType t) {
  switch (t) {
    case PiiType::email:
      return 0;
    case PiiType::personnummer:
    case PiiType::samordningsnummer:
      return 1;
    case PiiType::org_number:
      return 2;
    case PiiType::phone:
      return 3;
    case PiiType::address:
      return 4;
    case PiiType::postcode:
      return 5;
    case PiiType::name:
      return 6;
  }
  return 9;
}

bool overlaps_any(const std::vector<Redaction>& accepted, const Redaction& r) {
  for (const Redaction& a : accepted) {
    if (r.begin < a.end && a.begin < r.end) return true;
  }
  return false;
}

// Adds the candidates to `accepted` in priority order, longest first, skipping
// any that overlap a span accepted before.
void accept(std::vector<Redaction>& accepted, std::vector<Redaction> candidates) {
  std::sort(candidates.begin(), candidates.end(), [](const Redaction& a, const Redaction& b) {
    if (priority(a.type) != priority(b.type)) return priority(a.type) < priority(b.type);
    if (a.end - a.begin != b.end - b.begin) return a.end - a.begin > b.end - b.begin;
    return a.begin < b.begin;
  });
  for (const Redaction& c : candidates) {
    if (c.begin < c.end && !overlaps_any(accepted, c)) accepted.push_back(c);
  }
}

}  // namespace

std::vector<Redaction> find_pii(std::string_view text, const Date& today) {
  using namespace detail;
  std::vector<Redaction> accepted;
  if (text.empty()) return accepted;

  // Structured identifiers first; each stage sees what the earlier ones took.
  std::vector<Redaction> candidates;
  find_emails(text, candidates);
  find_identity_spans(text, today, candidates);
  find_org_numbers(text, candidates);
  find_phones(text, candidates);
  accept(accepted, std::move(candidates));

  const Words words = split_words(text);
  candidates.clear();
  find_addresses(text, words, candidates);
  accept(accepted, std::move(candidates));

  candidates.clear();
  find_postcodes(text, accepted, candidates);
  accept(accepted, std::move(candidates));

  candidates.clear();
  find_names(text, words, accepted, candidates);
  accept(accepted, std::move(candidates));

  std::sort(accepted.begin(), accepted.end());
  return accepted;
}

std::string redact(std::string_view text, const std::vector<Redaction>& spans) {
  std::string out;
  out.reserve(text.size());
  size_t copied = 0;
  for (const Redaction& r : spans) {
    if (r.begin < copied || r.end > text.size() || r.begin >= r.end) continue;
    out.append(text.substr(copied, r.begin - copied)).append(placeholder(r.type));
    copied = r.end;
  }
  out.append(text.substr(copied));
  return out;
}

// ---- shared text helpers ---------------------------------------------------

namespace detail {

CodePoint decode_utf8(std::string_view s, size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return {b0, 1};
  size_t len;
  char32_t cp;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    cp = b0 & 0x0F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    cp = b0 & 0x07;
  } else {
    return {kInvalid, 1};
  }
  if (i + len > s.size()) return {kInvalid, 1};
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return {kInvalid, 1};
    cp = (cp << 6) | (b & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are invalid.
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return {kInvalid, 1};
  }
  return {cp, len};
}

CodePoint decode_before(std::string_view s, size_t i) {
  if (i == 0) return {kInvalid, 0};
  // A code point is at most 4 bytes; find the lead byte.
  size_t start = i - 1;
  while (start > 0 && i - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  CodePoint c = decode_utf8(s, start);
  if (start + c.len != i) return {kInvalid, 1};
  return c;
}

bool is_letter(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (c >= 0xC0 && c <= 0x24F) return c != 0xD7 && c != 0xF7;
  if (c >= 0x370 && c <= 0x3FF) return c != 0x37E && c != 0x387;  // Greek
  if (c >= 0x400 && c <= 0x4FF) return c < 0x482 || c > 0x489;     // Cyrillic
  if (c >= 0x1E00 && c <= 0x1EFF) return true;                      // Latin Extended Additional (Vietnamese)
  return false;
}

bool is_upper(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  if (c >= 0xC0 && c <= 0xDE) return c != 0xD7;
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c % 2 == 0;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return c % 2 == 1;
  if (c == 0x178) return true;
  if (c >= 0x391 && c <= 0x3AB) return true;
  if (c >= 0x400 && c <= 0x42F) return true;
  if (c >= 0x1E00 && c <= 0x1EFF) return c % 2 == 0;
  return false;
}

char32_t to_lower(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (!is_upper(c)) return c;
  if (c >= 0xC0 && c <= 0xDE) return c + 0x20;
  if (c == 0x130) return 'i';  // İ
  if (c == 0x178) return 0xFF;
  if (c >= 0x100 && c <= 0x17E) return c + 1;
  if (c >= 0x391 && c <= 0x3AB) return c + 0x20;
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c >= 0x1E00 && c <= 0x1EFF) return c + 1;
  return c;
}

bool alnum_before(std::string_view s, size_t i) {
  if (i == 0) return false;
  if (is_digit(s[i - 1])) return true;
  const CodePoint c = decode_before(s, i);
  return c.cp != kInvalid && is_letter(c.cp);
}

bool alnum_at(std::string_view s, size_t i) {
  if (i >= s.size()) return false;
  if (is_digit(s[i])) return true;
  const CodePoint c = decode_utf8(s, i);
  return c.cp != kInvalid && is_letter(c.cp);
}

bool only_spaces(std::string_view text, size_t a, size_t b) {
  if (a >= b) return a == b;
  for (size_t i = a; i < b;) {
    if (text[i] == ' ' || text[i] == '\t') {
      ++i;
    } else if (nbsp_at(text, i)) {
      i += 2;
    } else {
      return false;
    }
  }
  return true;
}

Words split_words(std::string_view text) {
  Words w;
  w.words.reserve(text.size() / 5 + 1);
  w.flags.reserve(text.size() / 5 + 1);
  w.lower.reserve(text.size());
  size_t i = 0;
  // Whether the next word opens a sentence, a line or a field: nothing but
  // spaces, quotes, brackets, dashes or bullets since . ! ? : ; or a line break.
  bool opens = true;
  while (i < text.size()) {
    const CodePoint c = decode_utf8(text, i);
    if (c.cp == kInvalid || !is_letter(c.cp) || (i > 0 && is_digit(text[i - 1]))) {
      // Letters glued to digits ("12B", "4B") are not words.
      if (c.cp != kInvalid && is_letter(c.cp)) {
        size_t j = i;
        while (j < text.size()) {
          const CodePoint d = decode_utf8(text, j);
          if (d.cp == kInvalid || !is_letter(d.cp)) break;
          j += d.len;
        }
        i = j;
        opens = false;
        continue;
      }
      switch (c.cp) {
        case '.': case '!': case '?': case ':': case ';': case '\n': case '\r':
          opens = true;
          break;
        case ' ': case '\t': case 0xA0: case '"': case '\'': case '(': case '[': case '*': case '/':
        case '-': case 0x2013: case 0x2014: case 0x2022: case 0x201C: case 0x201D: case 0x2018:
        case 0x2019: case 0xAB: case 0xBB:
          break;
        default:
          opens = false;
      }
      i += c.len;
      continue;
    }
    Word word{};
    word.begin = i;
    word.lower_begin = static_cast<uint32_t>(w.lower.size());
    size_t letters = 0, uppers = 0;
    bool first_upper = false;
    size_t j = i;
    while (j < text.size()) {
      const char a = text[j];
      if ((a >= 'a' && a <= 'z') || (a >= 'A' && a <= 'Z')) {  // ASCII fast path
        if (a <= 'Z') {
          ++uppers;
          if (letters == 0) first_upper = true;
        }
        ++letters;
        w.lower.push_back(static_cast<char>(a | 0x20));  // within the reserved capacity
        ++j;
        continue;
      }
      const CodePoint d = decode_utf8(text, j);
      if (d.cp != kInvalid && is_letter(d.cp)) {
        if (is_upper(d.cp)) {
          ++uppers;
          if (letters == 0) first_upper = true;
        }
        ++letters;
        append_utf8(w.lower, to_lower(d.cp));
        j += d.len;
        continue;
      }
      // A hyphen between two letters keeps the word going.
      size_t joiner = 0;
      if (d.cp == '-' || d.cp == 0x2011) joiner = d.len;
      if (joiner > 0 && j + joiner < text.size()) {
        const CodePoint e = decode_utf8(text, j + joiner);
        if (e.cp != kInvalid && is_letter(e.cp)) {
          w.lower.push_back('-');
          word.has_hyphen = true;
          j += joiner;
          continue;
        }
      }
      break;
    }
    word.end = j;
    word.lower_len = static_cast<uint32_t>(w.lower.size() - word.lower_begin);
    if (letters >= 2 && uppers == letters) {
      word.wcase = WordCase::all_caps;
    } else if (first_upper) {
      word.wcase = uppers == 1 || word.has_hyphen ? WordCase::capitalized : WordCase::mixed;
    } else {
      word.wcase = WordCase::lower;
    }
    word.sentence_initial = opens;
    opens = false;
    w.words.push_back(word);
    w.flags.push_back(lexicon_flags(w.lower_of(word)));
    i = j;
  }
  return w;
}

}  // namespace detail
}  // namespace vaksam::privacy
