// Token patterns: the small language lexicon entries, context rules and deficiency rules are
// written in. See docs/screening.md for the syntax.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vaksam::screen {

enum class ElementType : uint8_t {
  kWords,   // one token from a set of forms (exact, or inside a compound)
  kStem,    // one token with this Snowball stem: the fallback for regular inflection
  kGap,     // 0..max arbitrary tokens
  kNp,      // a person noun phrase: [determiner] [0-2 modifiers] person-noun
  kWho,     // an object pronoun or a person noun phrase
  kNumber,  // a token with a digit
};

struct PatternElement {
  ElementType type = ElementType::kWords;
  uint8_t min = 1, max = 1;                 // how many times it occurs (optional: 0..1)
  bool literal = true;                      // words written in the pattern, not a <class>
  std::vector<uint32_t> words;              // kWords: sorted word ids of the exact forms
  std::vector<std::string> heads;           // forms that may end a compound ("-våld")
  std::vector<std::string> modifiers;       // forms that may begin a compound ("våld-")
  std::string stem;                         // kStem
};

enum class PatternKind : uint8_t { kSignal, kBlock, kCue, kDeficiency, kGroup };

struct Pattern {
  std::vector<PatternElement> elements;
  uint8_t anchor = 0;                       // element found by the literal scan
  PatternKind kind = PatternKind::kSignal;
  uint32_t owner = 0;                       // index of the entry, rule or group it belongs to
  std::string source;                       // as written in the data
};

// Splits "a | b" style lists, trimming blanks; empty pieces are dropped.
std::vector<std::string> split_list(std::string_view s, char sep);

}  // namespace vaksam::screen
