#include "screen/screener.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

#include "screen/analyzed_text.h"
#include "screen/matcher.h"
#include "screen/mention.h"
#include "screen/roles.h"

namespace vaksam::screen {
namespace {

constexpr int kTextWideScope = 100;  // a context rule with this scope covers the whole text
constexpr uint32_t kLethalMarkers = kStrangulation | kThreatToKill | kWeapon | kStalking;

uint32_t bit(ContextType t) { return 1u << static_cast<int>(t); }

bool overlaps(const Match& a, const Match& b) {
  return a.sentence == b.sentence && a.first < b.end && b.first < a.end;
}

bool contains(const Match& outer, const Match& inner) {
  return outer.sentence == inner.sentence && outer.first <= inner.first && inner.end <= outer.end;
}

// Cues after resolving overlaps: the longest cue wins, and pseudo-cues cancel what they cover.
// Indexed by sentence so that a long text stays linear.
struct Cues {
  std::vector<Match> active;                  // cues with an effect, by sentence
  std::vector<std::pair<uint32_t, uint32_t>> by_sentence;  // [begin, end) into active
  std::vector<uint32_t> text_wide;            // indexes into active of whole-text cues
  std::vector<uint32_t> terminators;          // token indices, sorted
};

void resolve_cues(const Lexicon& lex, const std::vector<Match>& cues, size_t sentences, Cues& out) {
  out.active.clear();
  out.text_wide.clear();
  out.terminators.clear();
  out.by_sentence.assign(sentences, {0, 0});
  auto rule = [&](const Match& m) -> const ContextRule& { return lex.context_rules()[lex.patterns()[m.pattern].owner]; };
  size_t begin = 0;
  while (begin < cues.size()) {  // matches come sorted by position, so a sentence is a run
    size_t end = begin;
    while (end < cues.size() && cues[end].sentence == cues[begin].sentence) ++end;
    uint32_t first_active = static_cast<uint32_t>(out.active.size());
    for (size_t i = begin; i < end; ++i) {
      const Match& c = cues[i];
      const ContextRule& r = rule(c);
      if (r.type == ContextType::kTerminator) {
        for (uint32_t k = c.first; k < c.end; ++k) out.terminators.push_back(k);
        continue;
      }
      bool covered = false;
      for (size_t j = begin; j < end && !covered; ++j) {
        if (i == j) continue;
        const Match& o = cues[j];
        const ContextRule& ro = rule(o);
        if (ro.type == ContextType::kTerminator) continue;
        bool longer = (o.end - o.first) > (c.end - c.first) || ((o.end - o.first) == (c.end - c.first) && j < i);
        if (contains(o, c) && longer) covered = true;
        if ((ro.type == ContextType::kPseudo || ro.type == ContextType::kPossible) && overlaps(o, c) &&
            r.type != ContextType::kPseudo && r.type != ContextType::kPossible)
          covered = true;
      }
      if (covered) continue;
      if (r.scope >= kTextWideScope) out.text_wide.push_back(static_cast<uint32_t>(out.active.size()));
      out.active.push_back(c);
    }
    if (cues[begin].sentence < sentences)
      out.by_sentence[cues[begin].sentence] = {first_active, static_cast<uint32_t>(out.active.size())};
    begin = end;
  }
  std::sort(out.terminators.begin(), out.terminators.end());
}

// A cue inside a mention is part of the term ("vågar inte gå hem") when its words are the
// pattern's own words, and a real cue when it fills a gap ("utsätts inte för våld").
bool part_of_term(const Lexicon& lex, const AnalyzedText& text, const Match& target, const Match& cue) {
  const Pattern& p = lex.patterns()[target.pattern];
  for (uint32_t k = cue.first; k < cue.end; ++k) {
    int64_t w = text.ids[k];
    bool literal = false;
    for (const auto& e : p.elements)
      if (e.type == ElementType::kWords && e.literal && w >= 0 &&
          std::binary_search(e.words.begin(), e.words.end(), static_cast<uint32_t>(w)))
        literal = true;
    if (!literal) return false;
  }
  return true;
}

bool terminated(const Cues& cues, uint32_t from, uint32_t to) {
  auto it = std::lower_bound(cues.terminators.begin(), cues.terminators.end(), from);
  return it != cues.terminators.end() && *it < to;
}

// The context rules whose scope covers the target match.
void apply_context(const Lexicon& lex, const AnalyzedText& text, const Cues& cues, const Match& target,
                   std::vector<uint32_t>* rules, uint32_t* contexts) {
  auto consider = [&](const Match& c) {
    uint32_t rule_index = lex.patterns()[c.pattern].owner;
    const ContextRule& r = lex.context_rules()[rule_index];
    if (r.type == ContextType::kPseudo) return;
    bool text_wide = r.scope >= kTextWideScope;
    if (c.sentence != target.sentence && !text_wide) return;
    if (target.first <= c.first && c.end <= target.end && part_of_term(lex, text, target, c)) return;
    bool in_scope = text_wide;
    if (!in_scope && r.forward && c.first < target.first) {
      uint32_t gap = c.end > target.first ? 0 : target.first - c.end;
      in_scope = gap <= static_cast<uint32_t>(r.scope) && !terminated(cues, c.end, target.first);
    }
    if (!in_scope && r.backward && c.end > target.end) {
      uint32_t gap = c.first < target.end ? 0 : c.first - target.end;
      in_scope = gap <= static_cast<uint32_t>(r.scope) && !terminated(cues, target.end, c.first);
    }
    if (!in_scope) return;
    if (std::find(rules->begin(), rules->end(), rule_index) == rules->end()) rules->push_back(rule_index);
    *contexts |= bit(r.type);
  };
  if (target.sentence < cues.by_sentence.size()) {
    auto [b, e] = cues.by_sentence[target.sentence];
    for (uint32_t i = b; i < e; ++i) consider(cues.active[i]);
  }
  for (uint32_t i : cues.text_wide)
    if (cues.active[i].sentence != target.sentence) consider(cues.active[i]);
  // A question: asked, not stated, unless the words sit in a clause of fact ("när han slog").
  const Sentence& s = text.seg.sentences[target.sentence];
  if (s.question) {
    bool factual = false;
    for (uint32_t k = s.first_token; k < target.first && !factual; ++k) {
      std::string_view w = text.token_text(k);
      factual = w == "när" || w == "att" || w == "eftersom" || w == "sedan" || w == "trots" || w == "då";
    }
    if (!factual) *contexts |= bit(ContextType::kQuestion);
  }
}

std::string slice(std::string_view original, uint32_t b, uint32_t e) {
  return std::string(original.substr(b, e - b));
}

Evidence make_evidence(const Lexicon& lex, const AnalyzedText& t, const Mention& m) {
  Evidence ev;
  const auto& toks = t.seg.tokens;
  auto [b, e] = t.norm.original_span(toks[m.match.first].begin, toks[m.match.end - 1].end);
  ev.begin = b;
  ev.end = e;
  ev.text = slice(t.original, b, e);
  ev.entry_id = lex.entries()[m.entry].id;
  if (m.match.in_compound) {
    auto [pb, pe] = t.norm.original_span(m.match.part_begin, m.match.part_end);
    ev.compound_part = slice(t.original, pb, pe);
  }
  for (uint32_t r : m.rules) {
    ev.rules.push_back(lex.context_rules()[r].id);
    ev.contexts.emplace_back(context_type_name(lex.context_rules()[r].type));
  }
  if (m.has(ContextType::kQuestion) &&
      std::find(ev.contexts.begin(), ev.contexts.end(), "question") == ev.contexts.end()) {
    ev.rules.emplace_back("question_mark");
    ev.contexts.emplace_back("question");
  }
  ev.categories = m.categories;
  ev.markers = m.markers;
  ev.weight = m.weight;
  ev.counted = m.counted;
  return ev;
}

double calibrate(const Lexicon& lex, double raw) {
  raw = std::clamp(raw, 1e-4, 1 - 1e-4);
  double z = lex.calibration_a() * std::log(raw / (1 - raw)) + lex.calibration_b();
  return 1 / (1 + std::exp(-z));
}

struct Split {
  std::vector<Match> signals, blocks, cues, deficiencies, groups;
};

void split(const Lexicon& lex, const std::vector<Match>& matches, Split& s) {
  s.signals.clear();
  s.blocks.clear();
  s.cues.clear();
  s.deficiencies.clear();
  s.groups.clear();
  for (const auto& m : matches) {
    switch (lex.patterns()[m.pattern].kind) {
      case PatternKind::kSignal: s.signals.push_back(m); break;
      case PatternKind::kBlock: s.blocks.push_back(m); break;
      case PatternKind::kCue: s.cues.push_back(m); break;
      case PatternKind::kDeficiency: s.deficiencies.push_back(m); break;
      case PatternKind::kGroup: s.groups.push_back(m); break;
    }
  }
}

// Per-thread buffers: screening a text allocates little beyond its result.
struct Scratch {
  AnalyzedText text;
  std::vector<Match> matches, kept;
  Split split;
  Cues cues;
  std::vector<Mention> mentions;
  std::vector<int32_t> sentence_head, sentence_tail, next_in_sentence;  // kept mentions by sentence
  struct Counted {
    uint32_t entry, order;
    std::string_view words;
    float weight;
  };
  std::vector<Counted> counted;
  std::vector<uint8_t> sentence_has_signal, mention_in, group_seen;
  std::vector<uint32_t> sentence_categories;

  // A huge text leaves huge buffers behind: give them back rather than keep them per thread.
  void trim() {
    if (text.norm.folded.capacity() > (size_t{4} << 20)) *this = Scratch();
  }
};

Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

Mention to_mention(const Lexicon& lex, const Match& m) {
  Mention x;
  x.match = m;
  x.entry = lex.patterns()[m.pattern].owner;
  const LexiconEntry& e = lex.entries()[x.entry];
  x.categories = e.categories;
  x.markers = e.markers;
  x.exposed = e.exposed;
  x.weight = e.weight;
  return x;
}

}  // namespace

Screener::Screener() : lexicon_(Lexicon::builtin()) {}
Screener::Screener(const Lexicon& lexicon) : lexicon_(lexicon) {}

ScreenResult Screener::screen(std::string_view input) const {
  const Lexicon& lex = lexicon_;
  ScreenResult r;
  r.lexicon_version = lex.version();
  Scratch& sc = scratch();
  AnalyzedText& t = sc.text;
  analyze_into(input, lex, t);
  r.invalid_utf8 = t.norm.invalid_sequences;
  r.invalid_utf8_offsets = t.norm.invalid_offsets;
  find_matches_into(lex, t, sc.matches);
  Split& sp = sc.split;
  split(lex, sc.matches, sp);
  Cues& cues = sc.cues;
  resolve_cues(lex, sp.cues, t.seg.sentences.size(), cues);

  // Mentions: signals not cancelled by one of their entry's false friends; a mention inside a
  // longer one is folded into it (the longer entry is the more specific reading).
  std::vector<Mention>& mentions = sc.mentions;
  mentions.clear();
  {
    std::vector<Match>& kept = sc.kept;
    kept.clear();
    for (const Match& m : sp.signals) {
      uint32_t entry = lex.patterns()[m.pattern].owner;
      bool blocked = std::any_of(sp.blocks.begin(), sp.blocks.end(), [&](const Match& b) {
        return lex.patterns()[b.pattern].owner == entry && overlaps(b, m);
      });
      if (!blocked) kept.push_back(m);
    }
    // Longest first; of equal spans a whole word before a compound part, then the stronger entry.
    std::stable_sort(kept.begin(), kept.end(), [&](const Match& a, const Match& b) {
      if ((a.end - a.first) != (b.end - b.first)) return (a.end - a.first) > (b.end - b.first);
      if (a.in_compound != b.in_compound) return !a.in_compound;
      return lex.entries()[lex.patterns()[a.pattern].owner].weight >
             lex.entries()[lex.patterns()[b.pattern].owner].weight;
    });
    // The mentions kept so far in each sentence, in the order they were kept (a linked list).
    if (!kept.empty()) {
      sc.sentence_head.assign(t.seg.sentences.size(), -1);
      sc.sentence_tail.assign(t.seg.sentences.size(), -1);
      sc.next_in_sentence.clear();
    }
    for (const Match& m : kept) {
      Mention x = to_mention(lex, m);
      bool folded = false;
      for (int32_t bi = sc.sentence_head[m.sentence]; bi >= 0; bi = sc.next_in_sentence[bi]) {
        Mention& big = mentions[bi];
        if (!contains(big.match, m)) continue;
        if (big.weight > 0) {
          big.categories |= x.categories;
          big.markers |= x.markers;
          big.exposed |= x.exposed;
        }
        folded = true;
        break;
      }
      if (!folded) {
        auto mi = static_cast<int32_t>(mentions.size());
        sc.next_in_sentence.push_back(-1);
        if (sc.sentence_tail[m.sentence] >= 0) sc.next_in_sentence[sc.sentence_tail[m.sentence]] = mi;
        else sc.sentence_head[m.sentence] = mi;
        sc.sentence_tail[m.sentence] = mi;
        mentions.push_back(std::move(x));
      }
    }
    std::sort(mentions.begin(), mentions.end(), [](const Mention& a, const Mention& b) {
      return a.match.first != b.match.first ? a.match.first < b.match.first : a.match.end > b.match.end;
    });
  }

  for (Mention& m : mentions) {
    apply_context(lex, t, cues, m.match, &m.rules, &m.contexts);
    bool keeps = true;
    for (int ct = 0; ct <= static_cast<int>(ContextType::kTerminator); ++ct)
      if ((m.contexts & (1u << ct)) && !context_keeps_signal(static_cast<ContextType>(ct))) keeps = false;
    m.counted = keeps && m.weight > 0;
  }

  // Score: mentions combine as independent evidence (noisy-OR). An entry counts at most twice,
  // and the same words repeated count once.
  // (Sorted rather than tabled by entry: the same products in the same order, entries in index
  // order and each one's two strongest first.)
  auto& counted = sc.counted;
  counted.clear();
  for (const Mention& m : mentions) {
    if (!m.counted) continue;
    std::string_view words = std::string_view(t.norm.folded).substr(
        t.seg.tokens[m.match.first].begin, t.seg.tokens[m.match.end - 1].end - t.seg.tokens[m.match.first].begin);
    counted.push_back({m.entry, static_cast<uint32_t>(counted.size()), words, m.weight});
  }
  // The same words of an entry count once: the first of them.
  std::sort(counted.begin(), counted.end(), [](const Scratch::Counted& a, const Scratch::Counted& b) {
    if (a.entry != b.entry) return a.entry < b.entry;
    if (a.words != b.words) return a.words < b.words;
    return a.order < b.order;
  });
  counted.erase(std::unique(counted.begin(), counted.end(),
                            [](const Scratch::Counted& a, const Scratch::Counted& b) {
                              return a.entry == b.entry && a.words == b.words;
                            }),
                counted.end());
  std::sort(counted.begin(), counted.end(), [](const Scratch::Counted& a, const Scratch::Counted& b) {
    return a.entry != b.entry ? a.entry < b.entry : a.weight > b.weight;
  });
  double none = 1;
  for (size_t i = 0; i < counted.size();) {
    size_t k = i;
    for (; k < counted.size() && counted[k].entry == counted[i].entry; ++k)
      if (k - i < 2) none *= 1 - counted[k].weight;
    i = k;
  }
  double raw = 1 - none;
  r.violence = raw >= 0.5;
  r.score = calibrate(lex, raw);

  if (r.violence) {
    uint32_t markers = 0;
    auto& sentence_has_signal = sc.sentence_has_signal;
    auto& sentence_categories = sc.sentence_categories;
    sentence_has_signal.assign(t.seg.sentences.size(), 0);
    sentence_categories.assign(t.seg.sentences.size(), 0);
    for (const Mention& m : mentions)
      if (m.counted) {
        r.categories |= m.categories;
        markers |= m.markers;
        r.exposed |= m.exposed;
        sentence_has_signal[m.match.sentence] = 1;
        sentence_categories[m.match.sentence] |= m.categories;
      }
    // Qualifiers (weight 0): categories for the signals in their sentence, or in the text.
    for (const Mention& m : mentions) {
      if (m.weight > 0 || (!m.categories && !m.markers)) continue;
      bool suppressed = m.has(ContextType::kNegated) || m.has(ContextType::kHypothetical);
      if (suppressed) continue;
      const LexiconEntry& q = lex.entries()[m.entry];
      if (q.requires_category && !(sentence_categories[m.match.sentence] & q.requires_category)) continue;
      if (q.text_scope || sentence_has_signal[m.match.sentence]) {
        r.categories |= m.categories;
        markers |= m.markers;
        r.exposed |= m.exposed;
      }
    }
    RoleFindings roles = find_roles(lex, t, mentions);
    r.categories |= roles.categories;
    r.exposed |= roles.exposed;
    // No victim found: a child or an older person named in the text is the likely one, unless
    // the violence is between partners (then a child is a witness).
    if (!(r.categories & (kPartner | kChildVictim)) && roles.child_in_text) r.categories |= kChildVictim;
    if (!(r.categories & (kElderAbuse | kChildVictim)) && roles.elderly_in_text) r.categories |= kElderAbuse;
    if ((markers & kLethalMarkers) || ((markers & kSeparation) && (markers & kEscalation)))
      r.categories |= kLethalRisk;
    r.markers = markers;
    if (r.categories & kChildWitness) r.markers |= kChildPresent;
  }

  for (const Mention& m : mentions) {
    if (m.weight <= 0) continue;
    if (m.has(ContextType::kNegated) || m.has(ContextType::kDenied)) r.negated = true;
    if (m.counted && (m.has(ContextType::kAlleged) || m.has(ContextType::kDenied))) r.alleged = true;
  }
  if (r.violence) {
    r.historical = true;
    for (const Mention& m : mentions)
      if (m.counted && !m.has(ContextType::kHistorical)) r.historical = false;
  } else {
    r.hypothetical = !r.negated && !mentions.empty();
  }

  // Handling deficiency: a failure pattern near a violence mention (any, even a suppressed one).
  if (!mentions.empty()) {
    auto& mention_in = sc.mention_in;
    mention_in.assign(t.seg.sentences.size(), 0);
    for (const Mention& m : mentions) mention_in[m.match.sentence] = 1;
    auto& group_seen = sc.group_seen;
    group_seen.assign(lex.groups().size(), 0);
    for (const Match& g : sp.groups) group_seen[lex.patterns()[g.pattern].owner] = 1;
    for (const Match& d : sp.deficiencies) {
      const DeficiencyRule& rule = lex.deficiency_rules()[lex.patterns()[d.pattern].owner];
      if (!rule.requires_group.empty()) {
        auto it = std::find(lex.groups().begin(), lex.groups().end(), rule.requires_group);
        if (!group_seen[it - lex.groups().begin()]) continue;
      }
      std::vector<uint32_t> rules;
      uint32_t contexts = 0;
      apply_context(lex, t, cues, d, &rules, &contexts);
      if (contexts & bit(ContextType::kNegated)) continue;  // "inga brister": a routine failure is still one
      bool near = rule.reach == DeficiencyRule::kText || mention_in[d.sentence] ||
                  (rule.reach == DeficiencyRule::kNear &&
                   ((d.sentence > 0 && mention_in[d.sentence - 1]) ||
                    (d.sentence + 1 < mention_in.size() && mention_in[d.sentence + 1])));
      if (!near) continue;
      r.handling_deficiency = true;
      auto [b, e] = t.norm.original_span(t.seg.tokens[d.first].begin, t.seg.tokens[d.end - 1].end);
      r.deficiencies.push_back({b, e, slice(t.original, b, e), rule.id});
    }
  }

  if (r.violence) {
    uint32_t c = r.categories;
    if ((c & kLethalRisk) || ((c & kChildVictim) && (c & (kPhysical | kSexual))) || (c & kFgm))
      r.severity = Severity::kHigh;
    else if (c & (kPhysical | kSexual | kHonourRelated | kForcedMarriage))
      r.severity = Severity::kModerate;
    else
      r.severity = Severity::kLow;
  }

  for (int pass = 0; pass < 2; ++pass)
    for (const Mention& m : mentions)
      if (m.weight > 0 && m.counted == (pass == 0)) r.evidence.push_back(make_evidence(lex, t, m));
  sc.trim();
  return r;
}

ScreenResult Screener::screen_keywords(std::string_view input) const {
  const Lexicon& lex = lexicon_;
  ScreenResult r;
  r.lexicon_version = lex.version();
  Scratch& sc = scratch();
  AnalyzedText& t = sc.text;
  analyze_into(input, lex, t);
  r.invalid_utf8 = t.norm.invalid_sequences;
  find_matches_into(lex, t, sc.matches);
  Split& sp = sc.split;
  split(lex, sc.matches, sp);
  for (const Match& m : sp.signals) {
    Mention x = to_mention(lex, m);
    if (x.weight <= 0) continue;
    x.counted = true;
    r.violence = true;
    r.categories |= x.categories;
    r.evidence.push_back(make_evidence(lex, t, x));
  }
  if ((r.categories & kFormCategories) == 0) r.categories = r.violence ? r.categories : 0;
  r.score = r.violence ? 1 : 0;
  r.handling_deficiency = !sp.deficiencies.empty();
  sc.trim();
  return r;
}

std::vector<ScreenResult> screen_all(const Screener& screener, const std::vector<std::string_view>& texts,
                                     unsigned threads) {
  std::vector<ScreenResult> out(texts.size());
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, std::max<size_t>(1, texts.size()));
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < texts.size();) out[i] = screener.screen(texts[i]);
  };
  std::vector<std::thread> pool;
  for (unsigned k = 1; k < threads; ++k) pool.emplace_back(work);
  work();
  for (auto& th : pool) th.join();
  return out;
}

}  // namespace vaksam::screen
