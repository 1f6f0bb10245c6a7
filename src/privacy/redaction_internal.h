// Internals of redaction.cc, shared by the detectors in redaction_*.cc.
// Not part of the module's interface.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/utf8.h"
#include "privacy/redaction.h"

namespace vaksam::privacy::detail {

// ---- UTF-8 ---------------------------------------------------------------

inline constexpr char32_t kInvalid = 0xFFFFFFFF;

struct CodePoint {
  char32_t cp;  // kInvalid for a byte that does not start a well-formed sequence
  size_t len;   // bytes consumed, at least 1
};

// Decodes the code point at `i` (< s.size()). Never reads past the end.
CodePoint decode_utf8(std::string_view s, size_t i);

// Letters of the Latin, Greek and Cyrillic scripts (what names in Swedish
// case files are written in).
bool is_letter(char32_t c);
bool is_upper(char32_t c);
char32_t to_lower(char32_t c);
using vaksam::append_utf8;  // common/utf8.h

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

// U+00A0 no-break space (C2 A0) at i.
inline bool nbsp_at(std::string_view s, size_t i) {
  return i + 1 < s.size() && s[i] == '\xC2' && s[i + 1] == '\xA0';
}
// U+2011 non-breaking hyphen or U+2013 en dash (E2 80 91 / E2 80 93) at i.
inline bool unicode_dash_at(std::string_view s, size_t i) {
  return i + 2 < s.size() && s[i] == '\xE2' && s[i + 1] == '\x80' && (s[i + 2] == '\x91' || s[i + 2] == '\x93');
}
inline bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The code point that ends just before `i`, or kInvalid at the start.
CodePoint decode_before(std::string_view s, size_t i);

// True if the letter or digit run that contains `i` would continue to the
// left, i.e. the code point before `i` is a letter or digit.
bool alnum_before(std::string_view s, size_t i);
bool alnum_at(std::string_view s, size_t i);

// ---- the lexicon (redaction_lexicon.cc) ------------------------------------

enum WordFlag : uint32_t {
  kFirstName = 1u << 0,     // data/names/sv_first_names.txt
  kSurname = 1u << 1,       // data/names/sv_surnames.txt
  kOrdinaryWord = 1u << 2,  // a name that is also a word (sv_name_words.txt)
  kNameCue = 1u << 3,       // a title, role or greeting before a name (sv_name_cues.txt)
  kSpeechVerb = 1u << 4,    // "säger", "berättar" (sv_name_verbs.txt)
  kFiniteVerb = 1u << 5,    // "har", "hotade" (sv_name_verbs.txt)
  kNotName = 1u << 6,       // pronouns, function words, organisations (sv_not_names.txt)
  kPlace = 1u << 7,         // a word of a municipality's name
  kPlacePrep = 1u << 8,     // "i", "från": a place may follow
  kPlaceNoun = 1u << 9,     // "kommun", "stad": a place comes before
  kInstitution = 1u << 10,  // "barnsjukhus", "skola"
  kParticle = 1u << 11,     // "von", "af", "al"
  kConjunction = 1u << 12,  // "och", "eller", "samt"
  kLex = 1u << 13,          // "lex" (Maria, Sarah)
  kEnligt = 1u << 14,       // "enligt"
  kRegion = 1u << 15,       // "region"
  kBox = 1u << 16,          // "box" (a post office box)
  kApartment = 1u << 17,    // "lgh", "lägenhet"
  kStreetWord = 1u << 18,   // "väg", "gata" written apart
  kRoadWord = 1u << 19,     // "riksväg", "motorvägen"
  kStreetNoun = 1u << 20,   // "genväg", "gågatan": common nouns on a street ending
  kStreetPrefix = 1u << 21, // "stora", "östra"
};

// The flags of a lower-cased word, 0 if it is in no list. Thread-safe; the
// lists are loaded on first use.
uint32_t lexicon_flags(std::string_view lower);

// ---- words ---------------------------------------------------------------

enum class WordCase : uint8_t {
  lower,        // "anna", "berg"
  capitalized,  // "Anna", "Lind-Hansson", also a single capital "A"
  all_caps,     // "ANNA", "IVO"
  mixed,        // "iPhone", "McDonald" (treated as capitalized when the first letter is)
};

struct Word {
  size_t begin;  // bytes in the text
  size_t end;
  uint32_t lower_begin;  // the lower-cased form in Words::lower
  uint32_t lower_len;
  WordCase wcase;
  bool sentence_initial;  // nothing but punctuation, quotes or bullets since . ! ? : ; or a line break
  bool has_hyphen;
};

// A word is a run of letters, with single hyphens between
// letters ("Lind-Hansson", "al-Hassan"). Letters glued to digits ("12B") are skipped.
struct Words {
  std::vector<Word> words;
  std::vector<uint32_t> flags;  // lexicon_flags of each word
  std::string lower;

  std::string_view lower_of(const Word& w) const {
    return std::string_view(lower).substr(w.lower_begin, w.lower_len);
  }
};

Words split_words(std::string_view text);

// Only spaces (and no-break spaces) between a and b.
bool only_spaces(std::string_view text, size_t a, size_t b);

// ---- detectors -----------------------------------------------------------

// Each appends what it finds to `out`; spans may overlap across detectors and
// are resolved in find_pii.
void find_identity_spans(std::string_view text, const Date& today, std::vector<Redaction>& out);
void find_org_numbers(std::string_view text, std::vector<Redaction>& out);
void find_phones(std::string_view text, std::vector<Redaction>& out);
void find_emails(std::string_view text, std::vector<Redaction>& out);
void find_addresses(std::string_view text, const Words& words, std::vector<Redaction>& out);
// Needs the addresses found so far: "Storgatan 1, 12345 Ort".
void find_postcodes(std::string_view text, const std::vector<Redaction>& taken,
                    std::vector<Redaction>& out);
// `taken` are the structured spans already accepted; names never overlap them.
void find_names(std::string_view text, const Words& words, const std::vector<Redaction>& taken,
                std::vector<Redaction>& out);

}  // namespace vaksam::privacy::detail
