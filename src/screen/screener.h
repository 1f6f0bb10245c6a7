// The Swedish violence screening engine: text in, ScreenResult out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "screen/lexicon.h"
#include "screen/screen_result.h"

namespace vaksam::screen {

class Screener {
 public:
  // Uses the lexicon compiled into the binary.
  Screener();
  explicit Screener(const Lexicon& lexicon);

  // Screens one text. Never throws on bad input: invalid UTF-8 is repaired and reported.
  // Thread-safe: one Screener may serve any number of threads.
  ScreenResult screen(std::string_view text) const;

  // The naive baseline: any lexicon term, no context rules, no blocklist.
  ScreenResult screen_keywords(std::string_view text) const;

  const Lexicon& lexicon() const { return lexicon_; }

 private:
  const Lexicon& lexicon_;
};

// Screens texts on `threads` threads (0: all cores); results in input order.
std::vector<ScreenResult> screen_all(const Screener& screener, const std::vector<std::string_view>& texts,
                                     unsigned threads = 0);

}  // namespace vaksam::screen
