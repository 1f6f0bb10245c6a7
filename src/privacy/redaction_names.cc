// Person names: a gazetteer of common first names and surnames
// (data/names/), read together with the word's case, its place in the
// sentence and the words around it (titles, roles, verbs of speech).
//
// Capitalisation is the strongest cue in Swedish, which writes only proper
// nouns with a capital inside a sentence. So a gazetteer name is a name
// wherever it stands, unless it is also an ordinary word (Rosa, Björn, Sten,
// Berg): then it needs a capital inside the sentence, or a cue. A word not in
// the gazetteer is a name only with a cue ("grannen Siham", "enligt Dragana",
// "Oksana säger") or next to a known name ("Nermin Hadžić").
#include <array>
#include <cstdint>

#include "privacy/redaction_internal.h"

namespace vaksam::privacy::detail {

namespace {

constexpr uint32_t kNameFlags = kFirstName | kSurname;

bool capitalized(const Word& w) { return w.wcase == WordCase::capitalized || w.wcase == WordCase::mixed; }
bool caseless(const Word& w) { return w.wcase == WordCase::lower || w.wcase == WordCase::all_caps; }

// Endings of definite nouns ("Polisen", "Boendet", "Föräldrarna",
// "Socialstyrelsens"): such a word is rarely a name.
bool definite_ending(std::string_view lw) {
  for (std::string_view e : {"en", "et", "rna", "ens", "ets", "rnas"}) {
    if (lw.size() > e.size() + 2 && lw.ends_with(e)) return true;
  }
  return false;
}

struct Info {
  uint32_t own = 0;    // flags of the word as written
  uint32_t name = 0;   // kFirstName / kSurname, also through a genitive or a hyphen
  bool ambiguous = false;
  bool genitive = false;
  bool candidate = false;  // may be an unknown name (capitalised, not a function word)
};

// Whether every hyphen-joined part of the word starts with a capital, a
// leading particle ("al-Hassan") aside.
bool parts_capitalized(std::string_view text, const Word& w, std::string_view lw) {
  size_t part_begin = w.begin;
  bool first = true;
  size_t lpos = 0;
  while (part_begin < w.end) {
    // Find the end of this part in the original text.
    size_t j = part_begin;
    while (j < w.end) {
      const CodePoint c = decode_utf8(text, j);
      if (c.cp == '-' || c.cp == 0x2011) break;
      j += c.len;
    }
    const size_t lend = lw.find('-', lpos);
    const std::string_view lpart = lw.substr(lpos, lend == std::string_view::npos ? lw.npos : lend - lpos);
    const CodePoint c = decode_utf8(text, part_begin);
    const bool upper = c.cp != kInvalid && is_upper(c.cp);
    if (!upper && !(first && (lexicon_flags(lpart) & kParticle))) return false;
    first = false;
    if (j >= w.end) break;
    part_begin = j + decode_utf8(text, j).len;
    lpos = lend == std::string_view::npos ? lw.size() : lend + 1;
  }
  return true;
}

Info classify(std::string_view text, const Word& w, std::string_view lw, uint32_t flags) {
  Info info;
  info.own = flags;
  info.name = info.own & kNameFlags;
  info.ambiguous = (info.own & kOrdinaryWord) != 0;
  if (info.name == 0 && lw.size() > 3 && lw.back() == 's') {
    const uint32_t base = lexicon_flags(lw.substr(0, lw.size() - 1));
    if (base & kNameFlags) {
      info.name = base & kNameFlags;
      info.ambiguous = info.ambiguous || (base & kOrdinaryWord);
      info.genitive = true;
    }
  }
  if (info.name == 0 && w.has_hyphen) {
    if (!parts_capitalized(text, w, lw) && w.wcase != WordCase::all_caps) return info;  // "Sarah-utredningen"
    size_t pos = 0;
    while (pos <= lw.size()) {
      size_t end = lw.find('-', pos);
      if (end == std::string_view::npos) end = lw.size();
      std::string_view part = lw.substr(pos, end - pos);
      uint32_t f = lexicon_flags(part);
      if (!(f & kNameFlags) && part.size() > 3 && part.back() == 's') {
        f = lexicon_flags(part.substr(0, part.size() - 1));
        if (f & kNameFlags) info.genitive = true;
      }
      if (f & kNameFlags) info.name |= kSurname;
      pos = end + 1;
    }
    if (info.name) info.ambiguous = false;
  }
  // Single letters are initials, handled when the name around them is known.
  if (info.name == 0 && capitalized(w) && decode_utf8(text, w.begin).len < w.end - w.begin &&
      !(info.own & (kNotName | kNameCue | kSpeechVerb | kFiniteVerb | kPlace))) {
    info.candidate = true;
  }
  return info;
}

// The gap between two words holds only spaces.
bool tight(std::string_view text, const Word& a, const Word& b) { return only_spaces(text, a.end, b.begin); }

// The gap after a cue: spaces, line breaks, and at most one ',' or ':'
// ("Anmälare: Lilja Berg", "Med vänlig hälsning,\nBjörn").
bool cue_gap(std::string_view text, const Word& a, const Word& b) {
  int marks = 0;
  for (size_t i = a.end; i < b.begin;) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
    } else if (c == ',' || c == ':') {
      if (++marks > 1) return false;
      ++i;
    } else if (nbsp_at(text, i)) {
      i += 2;
    } else {
      return false;
    }
  }
  return a.end < b.begin;
}

bool preceded_by_saint(std::string_view text, size_t begin) {
  const std::string_view before = text.substr(0, begin);
  for (std::string_view s : {"S:t ", "s:t ", "S:ta ", "Sankt ", "sankt ", "Sankta ", "sankta "}) {
    if (before.ends_with(s)) return true;
  }
  return false;
}

size_t letter_len(std::string_view text, size_t i) {
  if (i >= text.size()) return 0;
  const CodePoint c = decode_utf8(text, i);
  return c.cp != kInvalid && is_letter(c.cp) ? c.len : 0;
}

bool upper_letter_at(std::string_view text, size_t i, size_t* len) {
  if (i >= text.size()) return false;
  const CodePoint c = decode_utf8(text, i);
  if (c.cp == kInvalid || !is_letter(c.cp) || !is_upper(c.cp)) return false;
  *len = c.len;
  return true;
}

}  // namespace

void find_names(std::string_view text, const Words& words, const std::vector<Redaction>& taken,
                std::vector<Redaction>& out) {
  const std::vector<Word>& ws = words.words;
  const size_t n = ws.size();
  if (n == 0) return;

  std::vector<Info> info(n);
  std::vector<bool> blocked(n, false);
  size_t t = 0;
  for (size_t k = 0; k < n; ++k) {
    info[k] = classify(text, ws[k], words.lower_of(ws[k]), words.flags[k]);
    // Words inside an e-mail address, a phone number or a street address.
    while (t < taken.size() && taken[t].end <= ws[k].begin) ++t;
    for (size_t u = t; u < taken.size() && taken[u].begin < ws[k].end; ++u) {
      if (taken[u].end > ws[k].begin) blocked[k] = true;
    }
  }

  auto lw = [&](size_t k) { return words.lower_of(ws[k]); };
  auto own = [&](size_t k) { return info[k].own; };
  // A cue right before word k: a title, a role or a greeting.
  auto cue_before = [&](size_t k) {
    return k > 0 && (own(k - 1) & kNameCue) && !blocked[k - 1] && cue_gap(text, ws[k - 1], ws[k]);
  };
  auto enligt_before = [&](size_t k) { return k > 0 && (own(k - 1) & kEnligt) && tight(text, ws[k - 1], ws[k]); };
  auto speech_before = [&](size_t k) {
    return k > 0 && (own(k - 1) & kSpeechVerb) && tight(text, ws[k - 1], ws[k]) && !ws[k].sentence_initial;
  };
  auto next_tight = [&](size_t k) { return k + 1 < n && tight(text, ws[k], ws[k + 1]) && !blocked[k + 1]; };
  auto verb_after = [&](size_t k, uint32_t which) { return next_tight(k) && (own(k + 1) & which); };
  auto known_name_after = [&](size_t k) {
    return next_tight(k) && info[k + 1].name != 0 && !info[k + 1].ambiguous &&
           (capitalized(ws[k + 1]) || caseless(ws[k]));
  };
  auto capitalized_name_after = [&](size_t k) {
    return next_tight(k) && info[k + 1].name != 0 && capitalized(ws[k + 1]);
  };

  // "Evy och Kennet": a capitalised word joined by "och" to a name.
  auto conjunction = [&](size_t k) { return (own(k) & kConjunction) != 0; };
  auto coordinated = [&](size_t k, const std::vector<bool>& decided) {
    if (k >= 2 && decided[k - 2] && conjunction(k - 1) && tight(text, ws[k - 2], ws[k - 1]) &&
        tight(text, ws[k - 1], ws[k])) {
      return true;
    }
    return k + 2 < n && conjunction(k + 1) && tight(text, ws[k], ws[k + 1]) && tight(text, ws[k + 1], ws[k + 2]) &&
           !blocked[k + 2] && info[k + 2].name != 0 && capitalized(ws[k + 2]);
  };

  // "Tyko, 12 år", "Ask, fyra år", "Lilly (8 år)": only people have an age.
  auto age_after = [&](size_t k) {
    size_t i = ws[k].end;
    if (i < text.size() && (text[i] == ',' || text[i] == '(')) {
      ++i;
    } else if (i + 1 < text.size() && text[i] == ' ' && text[i + 1] == '(') {
      i += 2;
    } else {
      return false;
    }
    while (i < text.size() && text[i] == ' ') ++i;
    size_t j = i;
    while (j < text.size() && is_digit(text[j])) ++j;
    if (j == i) {
      // A number word: "fyra år", "tolv år".
      static constexpr std::array<std::string_view, 19> kNumbers{
          "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv",
          "tretton", "fjorton", "femton", "sexton", "sjutton", "arton", "nitton"};
      bool number = false;
      for (std::string_view w : kNumbers) {
        if (text.substr(i).starts_with(w) && !letter_len(text, i + w.size())) {
          number = true;
          j = i + w.size();
        }
      }
      if (!number) return false;
    } else if (j - i > 3) {
      return false;
    }
    const std::string_view rest = text.substr(j);
    return rest.starts_with(" år") || rest.starts_with("\xC2\xA0år") || rest.starts_with(" mån");
  };

  bool caseless_text = true;
  for (const Word& w : ws) caseless_text = caseless_text && caseless(w);

  std::vector<bool> name(n, false);
  for (size_t k = 0; k < n; ++k) {
    if (blocked[k] || (info[k].name == 0 && !info[k].candidate)) continue;
    const Word& w = ws[k];
    const Info& in_k = info[k];
    const bool prev_name = k > 0 && name[k - 1] && tight(text, ws[k - 1], w) && !info[k - 1].genitive;
    // "Erik von Otter": a particle between a name and this word.
    const bool after_particle = k > 1 && name[k - 2] && (own(k - 1) & kParticle) && tight(text, ws[k - 2], ws[k - 1]) &&
                                tight(text, ws[k - 1], w);

    // Not a person in any case.
    if (k > 0 && (own(k - 1) & kLex)) continue;  // lex Maria, lex Sarah
    if (preceded_by_saint(text, w.begin)) continue;
    if (next_tight(k) && (own(k + 1) & kPlaceNoun)) continue;  // "Bergs kommun"
    if (k > 0 && (own(k - 1) & kRegion) && tight(text, ws[k - 1], w)) continue;
    if (in_k.name && (own(k) & kPlace) && k > 0 && (own(k - 1) & kPlacePrep) && tight(text, ws[k - 1], w) &&
        !capitalized_name_after(k)) {
      continue;  // "i Lund", "från Mark"
    }

    bool is_name = false;
    if (in_k.name && !in_k.ambiguous) {
      is_name = true;
    } else if (in_k.name) {
      if (capitalized(w) && !w.sentence_initial) {
        is_name = true;
      } else if (capitalized(w)) {
        is_name = cue_before(k) || capitalized_name_after(k) || age_after(k) ||
                  (!(own(k) & kNotName) && verb_after(k, kSpeechVerb | kFiniteVerb));
      } else if (caseless_text) {
        // No capitals anywhere: case tells nothing, so lean on the neighbours.
        is_name = !(own(k) & kNotName) && (cue_before(k) || enligt_before(k) || prev_name ||
                                           known_name_after(k) || verb_after(k, kSpeechVerb));
      } else {
        // The text uses capitals, so a lower-case "björn" is a word unless a
        // role stands right before it ("sonen björn") or a first name ("mattias berg").
        is_name = !(own(k) & kNotName) &&
                  ((k > 0 && (own(k - 1) & kNameCue) && tight(text, ws[k - 1], w)) || prev_name);
      }
    } else if (in_k.candidate) {
      const bool def = definite_ending(lw(k));
      if (cue_before(k)) {
        is_name = !(def && w.sentence_initial);
      } else if (prev_name || after_particle) {
        is_name = true;
      } else if (!def) {
        is_name = enligt_before(k) || speech_before(k) || verb_after(k, kSpeechVerb) || age_after(k) ||
                  (!w.sentence_initial && w.wcase == WordCase::capitalized && !lw(k).ends_with("an") &&
                   verb_after(k, kFiniteVerb)) ||
                  (!w.sentence_initial && coordinated(k, name)) ||
                  (known_name_after(k) && !w.sentence_initial) ||
                  (known_name_after(k) && capitalized(ws[k + 1]) && (info[k + 1].name & kSurname) != 0);
      }
    }
    name[k] = is_name;
  }

  // "Deqa och Ifrah har berättat": a capitalised word joined by "och" to a
  // name found above, now that both sides are known.
  for (size_t k = 0; k < n; ++k) {
    if (name[k] || blocked[k] || !info[k].candidate || definite_ending(lw(k)) || ws[k].wcase != WordCase::capitalized) {
      continue;
    }
    const bool left = k >= 2 && name[k - 2] && conjunction(k - 1) && tight(text, ws[k - 2], ws[k - 1]) &&
                      tight(text, ws[k - 1], ws[k]);
    const bool right = k + 2 < n && name[k + 2] && conjunction(k + 1) && tight(text, ws[k], ws[k + 1]) &&
                       tight(text, ws[k + 1], ws[k + 2]);
    if (left || right) name[k] = true;
  }

  // Merge neighbouring name words into one span per person.
  for (size_t k = 0; k < n;) {
    if (!name[k]) {
      ++k;
      continue;
    }
    size_t last = k;
    while (true) {
      if (last + 1 < n && name[last + 1] && tight(text, ws[last], ws[last + 1]) && !info[last].genitive) {
        ++last;
      } else if (last + 2 < n && name[last + 2] && (own(last + 1) & kParticle) &&
                 tight(text, ws[last], ws[last + 1]) && tight(text, ws[last + 1], ws[last + 2])) {
        last += 2;
      } else {
        break;
      }
    }
    size_t begin = ws[k].begin;
    size_t end = ws[last].end;
    // "Astrid Lindgrens barnsjukhus" names a place.
    if (last > k && info[last].genitive && last + 1 < n && tight(text, ws[last], ws[last + 1]) &&
        (own(last + 1) & kInstitution)) {
      k = last + 1;
      continue;
    }
    // An initial before or after: "A. Svensson", "Anna K."
    size_t len = 0;
    if (begin >= 3 && text[begin - 1] == ' ' && text[begin - 2] == '.') {
      const CodePoint c = decode_before(text, begin - 2);
      const size_t at = begin - 2 - (c.cp == kInvalid ? 0 : c.len);
      if (c.cp != kInvalid && is_letter(c.cp) && is_upper(c.cp) && (at == 0 || !alnum_before(text, at))) begin = at;
    }
    if (end + 2 < text.size() && text[end] == ' ' && upper_letter_at(text, end + 1, &len) &&
        end + 1 + len < text.size() && text[end + 1 + len] == '.' && letter_len(text, end + 1 + len + 1) == 0) {
      end = end + 1 + len + 1;
    }
    // A genitive apostrophe: "Lars'", "Idris'", "Anna's".
    if (end < text.size() && (text[end] == '\'' || text.substr(end).starts_with("\xE2\x80\x99"))) {
      const size_t a = text[end] == '\'' ? 1 : 3;
      if (end + a < text.size() && text[end + a] == 's' && letter_len(text, end + a + 1) == 0) {
        end += a + 1;
      } else if (letter_len(text, end + a) == 0) {
        end += a;
      }
    }
    out.push_back({begin, end, PiiType::name});
    k = last + 1;
  }
}

}  // namespace vaksam::privacy::detail
