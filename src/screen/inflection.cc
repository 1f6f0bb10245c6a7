#include "screen/inflection.h"

#include <initializer_list>

namespace vaksam::screen {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string chop(std::string_view s, size_t n) { return std::string(s.substr(0, s.size() >= n ? s.size() - n : 0)); }

// "bränn" + "de" -> "brände": a double consonant is simplified before a dental suffix.
std::string join_dental(const std::string& stem, std::string_view suffix) {
  if (stem.size() >= 2 && stem[stem.size() - 1] == stem[stem.size() - 2] &&
      (suffix[0] == 'd' || suffix[0] == 't'))
    return stem.substr(0, stem.size() - 1) + std::string(suffix);
  // "tvätt" + "t" -> "tvätt": no triple consonant
  if (!stem.empty() && stem.back() == 't' && suffix == "t") return stem;
  return stem + std::string(suffix);
}

void add(std::vector<std::string>& out, const std::string& stem, std::initializer_list<std::string_view> suffixes) {
  for (auto s : suffixes) out.push_back(stem + std::string(s));
}

void add_genitive(std::vector<std::string>& forms) {
  size_t n = forms.size();
  for (size_t i = 0; i < n; ++i)
    if (!ends_with(forms[i], "s")) forms.push_back(forms[i] + "s");
}

}  // namespace

std::vector<std::string> inflect(std::string_view lemma, std::string_view paradigm) {
  std::vector<std::string> f{std::string(lemma)};
  if (paradigm == "v1" && ends_with(lemma, "a")) {
    add(f, std::string(lemma), {"r", "de", "t", "d", "s", "des", "ts", "nde", "da"});
  } else if ((paradigm == "v2a" || paradigm == "v2b") && ends_with(lemma, "a")) {
    std::string stem = chop(lemma, 1);
    bool voiced = paradigm == "v2a";
    bool r_stem = ends_with(stem, "r");
    f.push_back(r_stem ? stem : stem + "er");                 // present
    f.push_back(ends_with(stem, "s") ? stem + "es" : stem + "s");  // passive
    f.push_back(stem + "ande");
    static constexpr std::string_view kVoiced[] = {"de", "t", "d", "da", "des", "ts"};
    static constexpr std::string_view kVoiceless[] = {"te", "t", "ta", "tes", "ts"};
    if (voiced)
      for (std::string_view sfx : kVoiced) f.push_back(join_dental(stem, sfx));
    else
      for (std::string_view sfx : kVoiceless) f.push_back(join_dental(stem, sfx));
    if (ends_with(stem, "s")) f.push_back(stem + "as");  // "låsas"
  } else if (paradigm == "v3") {
    add(f, std::string(lemma), {"r", "dde", "tt", "dd", "dda", "s", "ddes", "tts", "ende"});
  } else if (paradigm == "n1" && ends_with(lemma, "a")) {
    std::string stem = chop(lemma, 1);
    add(f, stem, {"an", "or", "orna"});
    add_genitive(f);
  } else if (paradigm == "n2") {
    std::string stem = ends_with(lemma, "e") ? chop(lemma, 1) : std::string(lemma);
    f.push_back(std::string(lemma) + (ends_with(lemma, "e") ? "n" : "en"));
    add(f, stem, {"ar", "arna"});
    add_genitive(f);
  } else if (paradigm == "n3") {
    std::string l(lemma);
    f.push_back(ends_with(l, "e") ? l + "n" : l + "en");
    f.push_back(ends_with(l, "e") ? l + "r" : l + "er");
    f.push_back(ends_with(l, "e") ? l + "rna" : l + "erna");
    add_genitive(f);
  } else if (paradigm == "n5") {
    std::string l(lemma);
    add(f, l, {"et", "en"});
    add_genitive(f);
  } else if (paradigm == "a") {
    std::string l(lemma);
    add(f, l, {"a", "e"});
    if (!ends_with(l, "t") && !ends_with(l, "d")) f.push_back(l + "t");  // "rädd" -> "rätt" is too ambiguous
  }
  return f;
}

}  // namespace vaksam::screen
