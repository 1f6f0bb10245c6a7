// libFuzzer target for the text layer and the screener: any bytes in, no crash, and every
// reported span must lie inside the input on code point boundaries of the repaired text.
// Not part of the normal build; see docs/screening.md for how to build and run it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "screen/analyzed_text.h"
#include "screen/lexicon.h"
#include "screen/normalized_text.h"
#include "screen/screener.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  vaksam::screen::NormalizedText n = vaksam::screen::normalize_text(input);
  if (n.to_original.size() != n.folded.size() + 1) std::abort();
  for (size_t i = 1; i < n.to_original.size(); ++i)
    if (n.to_original[i] < n.to_original[i - 1] || n.to_original[i] > size) std::abort();

  static const vaksam::screen::Screener screener;
  vaksam::screen::AnalyzedText t = vaksam::screen::analyze(input, screener.lexicon());
  for (const auto& tok : t.seg.tokens)
    if (tok.begin >= tok.end || tok.end > t.norm.folded.size()) std::abort();
  vaksam::screen::ScreenResult r = screener.screen(input);
  for (const auto& e : r.evidence)
    if (e.begin > e.end || e.end > size || input.substr(e.begin, e.end - e.begin) != e.text) std::abort();
  (void)r.to_json();
  return 0;
}
