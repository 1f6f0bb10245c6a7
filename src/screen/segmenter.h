// Sentence splitting and tokenisation of normalised text. Pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "screen/normalized_text.h"

namespace vaksam::screen {

// Lets maps keyed by std::string be searched with a string_view, without allocating.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Punctuation seen between a token and the one before it.
enum PunctBits : uint8_t {
  kComma = 1,   // , or ;
  kColon = 2,   // a free-standing :
  kQuote = 4,   // ' or "
  kParen = 8,   // ( ) [ ]
  kDash = 16,   // a dash between words
};

// A word: letters and digits, joined by inner '-', ':' or '.' ("15-årig", "tv:n", "t.ex").
struct Token {
  uint32_t begin = 0, end = 0;  // byte range in NormalizedText::folded
  uint32_t sentence = 0;
  uint8_t punct_before = 0;     // PunctBits
  bool has_digit = false;
  bool capitalised = false;     // first letter upper case in the original
};

struct Sentence {
  uint32_t begin = 0, end = 0;          // byte range in folded text
  uint32_t first_token = 0, end_token = 0;
  bool question = false;                // ends with '?'
};

// Swedish abbreviations that end in a full stop. A `closing` one ("m.m.", "etc.") may end a
// sentence; the others ("t.ex.", "bl.a.", "ca.") never do.
class Abbreviations {
 public:
  // One folded abbreviation per line without its final '.', optionally followed by "closing".
  static Abbreviations parse(std::string_view lines);
  // nullptr-like: 0 = not an abbreviation, 1 = never ends a sentence, 2 = may end one.
  int kind(std::string_view folded_word) const;

 private:
  std::unordered_map<std::string, int, StringHash, std::equal_to<>> kinds_;
};

struct Segmentation {
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
};

Segmentation segment(const NormalizedText& text, std::string_view original, const Abbreviations& abbrev);
// The same into `seg`, reusing its buffers.
void segment_into(const NormalizedText& text, std::string_view original, const Abbreviations& abbrev,
                  Segmentation& seg);

// True for letters, digits and combining marks: the characters words are made of.
bool is_word_char(char32_t c);

}  // namespace vaksam::screen
