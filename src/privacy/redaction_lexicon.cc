// The word lists behind redaction, in one hash table so that each word of a
// text is looked up once: the name gazetteers and cue lists in data/names/
// (embedded), municipality names, and the short closed lists below.
#include <array>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "privacy/redaction_internal.h"
#include "reference/embedded.h"

namespace vaksam::privacy::detail {

namespace {

// Open addressing over lower-cased UTF-8 keys.
class FlagMap {
 public:
  void add(std::string key, uint32_t flags) { pending_.emplace_back(std::move(key), flags); }

  void build() {
    size_t cap = 16;
    while (cap < pending_.size() * 2) cap *= 2;
    keys_.assign(cap, std::string());
    flags_.assign(cap, 0);
    tags_.assign(cap, 0);
    mask_ = cap - 1;
    for (auto& [key, flags] : pending_) {
      if (key.empty()) continue;
      const uint64_t full = hash(key);
      size_t h = full & mask_;
      while (!keys_[h].empty() && keys_[h] != key) h = (h + 1) & mask_;
      if (keys_[h].empty()) {
        keys_[h] = std::move(key);
        tags_[h] = static_cast<uint32_t>(full >> 32);
      }
      flags_[h] |= flags;
    }
    pending_.clear();
  }

  uint32_t get(std::string_view key) const {
    if (keys_.empty() || key.empty()) return 0;
    const uint64_t full = hash(key);
    const auto tag = static_cast<uint32_t>(full >> 32);
    size_t h = full & mask_;
    while (!keys_[h].empty()) {
      if (tags_[h] == tag && keys_[h] == key) return flags_[h];
      h = (h + 1) & mask_;
    }
    return 0;
  }

 private:
  static uint64_t hash(std::string_view s) {
    uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    return h ^ (h >> 29);
  }

  std::vector<std::pair<std::string, uint32_t>> pending_;
  std::vector<std::string> keys_;
  std::vector<uint32_t> flags_;
  std::vector<uint32_t> tags_;  // the upper half of each key's hash, checked before the key
  size_t mask_ = 0;
};

std::string lower_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const CodePoint c = decode_utf8(s, i);
    if (c.cp == kInvalid) {
      out.push_back(s[i]);
    } else {
      append_utf8(out, to_lower(c.cp));
    }
    i += c.len;
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// One entry a line; '#' starts a comment line.
template <typename F>
void for_each_line(std::string_view file, F f) {
  size_t pos = 0;
  while (pos < file.size()) {
    size_t nl = file.find('\n', pos);
    if (nl == std::string_view::npos) nl = file.size();
    const std::string_view line = trim(file.substr(pos, nl - pos));
    pos = nl + 1;
    if (!line.empty() && line.front() != '#') f(line);
  }
}

struct Closed {
  uint32_t flag;
  std::initializer_list<std::string_view> words;
};

// Short closed lists that belong to the grammar rather than to the data.
const Closed kClosedLists[] = {
    // After these a capitalised word may be a place: "i Lund", "från Mark".
    {kPlacePrep, {"i", "från", "till", "mot", "utanför", "nära", "vid", "genom", "via", "kring", "runt", "ur",
                  "inom", "norr", "söder", "öster", "väster", "om"}},
    // Before these a capitalised word is a place: "Bergs kommun".
    {kPlaceNoun, {"kommun", "kommuns", "stad", "stads", "län", "läns", "församling", "socken", "region"}},
    // Institutions named after people: "Astrid Lindgrens barnsjukhus".
    {kInstitution, {"barnsjukhus", "sjukhus", "skola", "gymnasium", "vårdcentral", "stiftelse", "minne", "park",
                    "plats", "torg", "väg", "gata", "gård", "kyrka", "församling", "institut"}},
    // Joining the parts of a name: "Erik von Otter", "Ahmed al-Hassan".
    {kParticle, {"von", "af", "van", "der", "de", "da", "di", "al", "el", "bin", "ibn", "abu"}},
    {kConjunction, {"och", "eller", "samt"}},
    {kLex, {"lex"}},
    {kEnligt, {"enligt"}},
    {kRegion, {"region"}},
    {kBox, {"box"}},
    {kApartment, {"lgh", "lägenhet", "lägenhetsnummer", "lgh-nr", "lgh-nummer"}},
    // Street words written apart: "Karl Johans väg", "Gröna gatan 4".
    {kStreetWord, {"väg", "gata", "gränd", "torg", "allé", "stig", "backe", "plan", "vägen", "gatan", "gränden",
                   "torget", "allén", "stigen", "backen", "platsen"}},
    // Road numbers, not addresses: "riksväg 40".
    {kRoadWord, {"motorväg", "motorvägen", "riksväg", "riksvägen", "länsväg", "länsvägen", "europaväg",
                 "europavägen", "landsväg", "landsvägen"}},
    // Common nouns on a street ending; a street only when capitalised.
    {kStreetNoun, {"genväg",      "genvägen",   "omväg",       "omvägen",   "utväg",     "utvägen",
                   "hemväg",      "hemvägen",   "skolväg",     "skolvägen", "gångväg",   "gångvägen",
                   "cykelväg",    "cykelvägen", "grusväg",     "grusvägen", "skogsväg",  "skogsvägen",
                   "bilväg",      "bilvägen",   "gågata",      "gågatan",   "bakgata",   "bakgatan",
                   "sidogata",    "sidogatan",  "tvärgata",    "tvärgatan", "arbetsplatsen",
                   "parkeringsplatsen", "hållplatsen", "busshållplatsen", "lekplatsen"}},
    // Belonging to a street name before it: "Stora Nygatan", "Östra Hamngatan".
    {kStreetPrefix, {"stora", "lilla", "gamla", "nya", "östra", "västra", "norra", "södra", "övre", "nedre",
                     "yttre", "inre", "sankt"}},
};

FlagMap load_lexicon() {
  FlagMap map;
  auto load = [&](std::string_view file, uint32_t flag) {
    for_each_line(embedded::file(file), [&](std::string_view l) { map.add(lower_utf8(l), flag); });
  };
  load("sv_first_names.txt", kFirstName);
  load("sv_surnames.txt", kSurname);
  load("sv_name_words.txt", kOrdinaryWord);
  load("sv_name_cues.txt", kNameCue);
  load("sv_not_names.txt", kNotName);
  // Verbs: "@speech" and "@finite" open the two sections.
  uint32_t section = kSpeechVerb;
  for_each_line(embedded::file("sv_name_verbs.txt"), [&](std::string_view l) {
    if (l.starts_with("@speech")) {
      section = kSpeechVerb;
    } else if (l.starts_with("@finite")) {
      section = kFiniteVerb;
    } else {
      map.add(lower_utf8(l), section);
    }
  });
  // Municipality names, word by word ("Upplands Väsby" gives "väsby").
  bool header = true;
  for_each_line(embedded::file("municipalities.csv"), [&](std::string_view l) {
    if (header) {
      header = false;
      return;
    }
    const size_t a = l.find(',');
    const size_t b = a == std::string_view::npos ? a : l.find(',', a + 1);
    if (b == std::string_view::npos) return;
    const std::string name = lower_utf8(l.substr(a + 1, b - a - 1));
    size_t start = 0;
    for (size_t i = 0; i <= name.size(); ++i) {
      if (i == name.size() || name[i] == ' ' || name[i] == '-') {
        if (i - start >= 3) map.add(name.substr(start, i - start), kPlace);
        start = i + 1;
      }
    }
  });
  for (const Closed& list : kClosedLists) {
    for (std::string_view w : list.words) map.add(std::string(w), list.flag);
  }
  map.build();
  return map;
}

}  // namespace

uint32_t lexicon_flags(std::string_view lower) {
  static const FlagMap map = load_lexicon();
  return map.get(lower);
}

}  // namespace vaksam::privacy::detail
