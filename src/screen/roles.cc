#include "screen/roles.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <optional>

namespace vaksam::screen {
namespace {

// Swedish numerals one to twenty, as ages are often written out ("dotter på fyra år").
int numeral(std::string_view w) {
  static constexpr std::array<std::string_view, 21> kWords = {
      "noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio",
      "elva", "tolv", "tretton", "fjorton", "femton", "sexton", "sjutton", "arton", "nitton", "tjugo"};
  // Compare only the words with the same length, first and last byte (a key no two share).
  auto key = [](std::string_view x) {
    return static_cast<uint32_t>(x.size()) << 16 | static_cast<uint32_t>(static_cast<unsigned char>(x.front())) << 8 |
           static_cast<unsigned char>(x.back());
  };
  struct Index {
    std::array<std::array<int8_t, 8>, 256> by_first;  // word indexes by first byte, -1 ends
    std::array<uint32_t, 21> keys;
  };
  static const Index kIndex = [&] {
    Index ix;
    for (auto& b : ix.by_first) b.fill(-1);
    for (size_t i = 0; i < kWords.size(); ++i) {
      ix.keys[i] = key(kWords[i]);
      auto& b = ix.by_first[static_cast<unsigned char>(kWords[i].front())];
      size_t n = 0;
      while (b[n] >= 0) ++n;
      b[n] = static_cast<int8_t>(i);  // at most 6 words share a first byte
    }
    return ix;
  }();
  if (w.size() < 2 || w.size() > 7) return -1;  // the lengths of the words above and "en"
  uint32_t k = key(w);
  for (int8_t i : kIndex.by_first[static_cast<unsigned char>(w.front())]) {
    if (i < 0) break;
    if (kIndex.keys[i] == k && kWords[i] == w) return i;  // ascending, as the list
  }
  if (w == "en") return 1;
  return -1;
}

int number(std::string_view w) {
  if (!w.empty() && w.size() <= 3 && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    int v = 0;
    for (char c : w) v = v * 10 + (c - '0');
    return v;
  }
  return numeral(w);
}

bool starts_with(std::string_view s, std::string_view x) { return s.substr(0, x.size()) == x; }

// "87-årig", "15-åriga", "tvåårig", "treårigt": the age, or -1.
int compound_age(std::string_view w) {
  size_t pos = w.find("årig");
  if (pos == std::string_view::npos || pos == 0) return -1;
  std::string_view n = w.substr(0, pos);
  if (!n.empty() && n.back() == '-') n.remove_suffix(1);
  return number(n);
}

struct Entity {
  uint32_t token = 0;
  const PersonInfo* info = nullptr;
  char gender = '-';
  bool child = false, elderly = false, plural = false;
  bool kin_partner = false;   // "mammas pojkvän": a parent's partner
  bool possessed = false;     // preceded by a possessive ("min man")
  bool co_resident = false;   // "andra placerade ungdomar"
  bool co_parent = false;     // "barnens pappa"
};

class RoleFinder {
 public:
  RoleFinder(const Lexicon& lex, const AnalyzedText& t)
      : lex_(lex), t_(t), prep_(lex.masks().prep), pobj_(lex.masks().pobj), subj_(lex.masks().subj),
        poss_(lex.masks().poss), co_parent_(lex.masks().co_parent), co_mod_(lex.masks().co_mod),
        passive_(lex.masks().passive) {
    collect_entities();
    read_writer();
  }

  RoleFindings run(const std::vector<Mention>& mentions) {
    RoleFindings f;
    bool partner_violence = false, partner_current = false, child_victim_seen = false;
    for (const Mention& m : mentions) {
      if (!m.counted) continue;
      const Sentence& s = t_.seg.sentences[m.match.sentence];
      bool passive = is_passive(m, s);
      std::optional<Entity> perp = find_perpetrator(m, s, passive);
      std::optional<Entity> victim = find_victim(m, s, passive);
      uint32_t cats = 0;
      if (perp && perp->co_resident) cats |= kCoResident;
      if (perp && perp->info && perp->info->perpetrator) {
        uint32_t role = perp->co_parent ? kPartner : perp->info->perpetrator;
        if (role == kPartner && perp->info->needs_possessive && !perp->possessed) role = 0;
        if (role == kPartner && perp->kin_partner) role = victim && victim->child ? kFamily : kPartner;
        if (role == kFamily && victim && victim->info &&
            ((perp->info->father && victim->info->mother) || (perp->info->mother && victim->info->father)))
          role = kPartner;
        cats |= role;
        if (role == kPartner) {
          partner_violence = true;
          if (!perp->info->ex && !m.has(ContextType::kHistorical)) partner_current = true;
        }
      }
      if (victim) {
        if (victim->child) cats |= kChildVictim;
        if (victim->elderly) cats |= kElderAbuse;
        if (victim->gender == 'f') f.exposed |= kWoman;
      }
      if (cats & kChildVictim) child_victim_seen = true;
      f.categories |= cats;
    }
    for (const auto& e : entities_) {
      f.child_in_text |= e.child;
      f.elderly_in_text |= e.elderly && !e.info->elderly;  // an age, not "mormor"
    }
    f.child_in_text |= writer_child_;
    if (f.categories & kChildVictim) f.exposed |= kChild;
    if (f.categories & kElderAbuse) f.exposed |= kElderlyPerson;
    // A child who lives where a parent is abused, or who saw it.
    if (partner_violence && (witness_marker_ || (partner_current && (child_in_household_ || writer_child_) &&
                                                 !child_victim_seen)))
      f.categories |= kChildWitness;
    return f;
  }

  void set_witness_marker(bool w) { witness_marker_ = w; }

 private:
  bool in(uint32_t mask, uint32_t t) const { return lex_.in_class_mask(mask, t_.ids[t]); }

  int age_near(uint32_t p) const {
    const Sentence& s = t_.seg.sentences[t_.seg.tokens[p].sentence];
    if (p > s.first_token) {
      int a = compound_age(t_.token_text(p - 1));
      if (a >= 0) return a;
    }
    for (uint32_t k = p + 1; k < s.end_token && k <= p + 4; ++k) {
      int a = age_at(t_, k, lex_);
      if (a >= 0) return a;
      if (persons_[k]) break;
    }
    return -1;
  }

  void collect_entities() {
    const auto& toks = t_.seg.tokens;
    persons_.resize(toks.size());
    for (uint32_t i = 0; i < toks.size(); ++i) persons_[i] = person_at(lex_, t_, i);
    for (uint32_t i = 0; i < toks.size(); ++i) {
      const PersonInfo* info = persons_[i];
      if (!info) continue;
      // "mammas" in "mammas pojkvän" belongs to the next word
      if (i + 1 < toks.size() && toks[i + 1].sentence == toks[i].sentence && t_.token_text(i).back() == 's' &&
          persons_[i + 1])
        continue;
      Entity e;
      e.token = i;
      e.info = info;
      e.gender = info->gender;
      e.plural = info->plural;
      int age = age_near(i);
      e.child = info->child || (age >= 0 && age < 18);
      e.elderly = info->elderly || age >= 65;
      if (age >= 18) e.child = false;
      if (i > 0 && (t_.token_text(i - 1) == "vuxna" || t_.token_text(i - 1) == "vuxen")) e.child = false;
      // "två andra placerade ungdomar": a fellow resident
      for (uint32_t k = i >= 2 ? i - 2 : 0; k < i; ++k)
        if (toks[k].sentence == toks[i].sentence && in(co_mod_, k) && !info->perpetrator) e.co_resident = true;
      if (i > 0 && toks[i - 1].sentence == toks[i].sentence) {
        e.possessed = in(poss_, i - 1);
        // "barnens pappa": the other parent, a partner or former partner
        if ((info->father || info->mother) && in(co_parent_, i - 1)) e.kin_partner = e.co_parent = true;
        const PersonInfo* before = persons_[i - 1];
        if (before && (before->mother || before->father) && info->perpetrator == kPartner) e.kin_partner = true;
        if (before && t_.token_text(i - 1).back() == 's') e.possessed = true;
      }
      if (e.child) child_in_household_ = true;
      entities_.push_back(e);
    }
  }

  void read_writer() {
    const auto& toks = t_.seg.tokens;
    for (uint32_t i = 0; i + 2 < toks.size(); ++i) {
      if (t_.token_text(i) != "jag" || t_.token_text(i + 1) != "är") continue;
      for (uint32_t k = i + 2; k < toks.size() && k <= i + 6 && toks[k].sentence == toks[i].sentence; ++k) {
        int a = compound_age(t_.token_text(k));
        if (a < 0 && toks[k].has_digit) a = number(t_.token_text(k));
        if (a >= 0) {
          writer_age_ = a;
          break;
        }
      }
      if (writer_age_ >= 0) break;
    }
    writer_child_ = writer_age_ >= 0 && writer_age_ < 18;
  }

  Entity writer() const {
    Entity e;
    e.child = writer_child_;
    e.elderly = writer_age_ >= 65;
    return e;
  }

  // The entity a pronoun at token t refers to: the last person of its gender before it.
  std::optional<Entity> resolve(uint32_t t) const {
    std::string_view w = t_.token_text(t);
    if (w == "jag" || w == "mig" || w == "mej") return writer();
    char g = (w == "hon" || w == "henne") ? 'f' : (w == "han" || w == "honom") ? 'm' : '?';
    bool plural = w == "de" || w == "dem" || w == "dom";
    // the entities before t, nearest first; a pronoun looks back a bounded distance
    auto end = std::lower_bound(entities_.begin(), entities_.end(), t,
                                [](const Entity& e, uint32_t tok) { return e.token < tok; });
    int looked = 0;
    for (auto it = std::make_reverse_iterator(end); it != entities_.rend() && looked < 40; ++it, ++looked) {
      if (plural && !it->plural) continue;
      if (!plural && it->plural) continue;
      if (g != '?' && it->gender != '-' && it->gender != g) continue;
      return *it;
    }
    return std::nullopt;
  }

  std::optional<Entity> entity_at(uint32_t t) const {
    auto it = std::lower_bound(entities_.begin(), entities_.end(), t,
                               [](const Entity& e, uint32_t tok) { return e.token < tok; });
    if (it != entities_.end() && it->token == t) return *it;
    if (in(pobj_, t) || in(subj_, t)) return resolve(t);
    return std::nullopt;
  }

  bool is_passive(const Mention& m, const Sentence& s) const {
    uint32_t from = m.match.first >= s.first_token + 3 ? m.match.first - 3 : s.first_token;
    for (uint32_t k = from; k <= m.match.anchor_token && k < m.match.end; ++k)
      if (in(passive_, k)) return true;
    std::string_view a = t_.token_text(m.match.anchor_token);
    return a.size() > 5 && (a.ends_with("ats") || a.ends_with("ades") || a.ends_with("des") || a.ends_with("tes") ||
                            a.ends_with("ts") || a.ends_with("gs"));
  }

  std::optional<Entity> find_perpetrator(const Mention& m, const Sentence& s, bool passive) const {
    const Match& x = m.match;
    // an agent: "slagen av sin man", "hot från familjen" (but "misshandel av en boende" names
    // the victim: "av" is an agent only after a passive)
    uint32_t stop = std::min<uint32_t>(s.end_token, x.end + 4);
    for (uint32_t k = x.anchor_token + 1; k < stop; ++k) {
      std::string_view w = t_.token_text(k);
      if (w != "från" && !(w == "av" && passive)) continue;
      for (uint32_t j = k + 1; j < s.end_token && j <= k + 4; ++j)
        if (auto e = entity_at(j)) return e;
    }
    // a genitive: "pappans våld", "makens hot"
    if (x.anchor_token > s.first_token) {
      uint32_t g = x.anchor_token - 1;
      if (t_.token_text(g).back() == 's')
        if (auto e = entity_at(g); e && e->info) return e;
    }
    if (passive || m.weight < 0.5) return std::nullopt;  // an injury or a sign names no agent
    // a subject after the verb: "bröt han min näsa", "slog de honom"
    if (x.anchor_token + 1 < s.end_token && in(subj_, x.anchor_token + 1) &&
        t_.token_text(x.anchor_token + 1) != "man")
      if (auto e = resolve(x.anchor_token + 1)) return e;
    // the nearest person before the verb that is not governed by a preposition
    uint32_t lo = x.first >= s.first_token + 10 ? x.first - 10 : s.first_token;
    for (uint32_t k = x.first; k-- > lo;) {
      if (k > s.first_token && in(prep_, k - 1)) continue;
      if (in(pobj_, k)) continue;
      if (in(subj_, k)) {
        if (t_.token_text(k) == "man") continue;
        return resolve(k);
      }
      if (auto e = entity_at(k)) return e;
    }
    return std::nullopt;
  }

  std::optional<Entity> find_victim(const Mention& m, const Sentence& s, bool passive) const {
    const Match& x = m.match;
    if (passive) {
      uint32_t lo = x.first >= s.first_token + 10 ? x.first - 10 : s.first_token;
      for (uint32_t k = x.first; k-- > lo;) {
        if (k > s.first_token && in(prep_, k - 1)) continue;
        if (auto e = entity_at(k)) return e;
      }
      return std::nullopt;
    }
    uint32_t stop = std::min<uint32_t>(s.end_token, std::max<uint32_t>(x.end, x.anchor_token + 5));
    for (uint32_t k = x.anchor_token + 1; k < stop; ++k) {
      std::string_view w = t_.token_text(k);
      if (w == "från" || (w == "av" && passive)) break;
      if (auto e = entity_at(k)) return e;
    }
    return std::nullopt;
  }

  const Lexicon& lex_;
  const AnalyzedText& t_;
  const uint32_t prep_, pobj_, subj_, poss_, co_parent_, co_mod_, passive_;  // class masks
  std::vector<Entity> entities_;
  std::vector<const PersonInfo*> persons_;  // person_at() of every token
  int writer_age_ = -1;
  bool writer_child_ = false;
  bool child_in_household_ = false;
  bool witness_marker_ = false;
};

}  // namespace

int age_at(const AnalyzedText& t, uint32_t k, const Lexicon& lex) {
  (void)lex;
  int a = compound_age(t.token_text(k));
  if (a >= 0) return a;
  const auto& toks = t.seg.tokens;
  int n = number(t.token_text(k));
  if (n < 0 || k + 1 >= toks.size() || toks[k + 1].sentence != toks[k].sentence) return -1;
  std::string_view unit = t.token_text(k + 1);
  std::string_view prev = k > 0 && toks[k - 1].sentence == toks[k].sentence ? t.token_text(k - 1) : "";
  static constexpr std::array<std::string_view, 12> kDuration = {"i", "för", "sedan", "under", "efter", "inom",
                                                                  "om", "än", "varje", "per", "senaste", "på"};
  bool after_duration_word = std::find(kDuration.begin(), kDuration.end(), prev) != kDuration.end();
  if (unit == "år" || unit == "års") {
    if (after_duration_word && prev != "på") return -1;
    return n;
  }
  if (starts_with(unit, "månad") || starts_with(unit, "veck")) {
    bool gammal = k + 2 < toks.size() && starts_with(t.token_text(k + 2), "gaml");
    bool apposition = toks[k].punct_before & kComma;
    return gammal || apposition ? 0 : -1;
  }
  return -1;
}

RoleFindings find_roles(const Lexicon& lexicon, const AnalyzedText& text, const std::vector<Mention>& mentions) {
  RoleFinder finder(lexicon, text);
  bool witness = false;
  for (const Mention& m : mentions)
    if (m.markers & kChildPresent) witness = true;
  finder.set_witness_marker(witness);
  return finder.run(mentions);
}

}  // namespace vaksam::screen
