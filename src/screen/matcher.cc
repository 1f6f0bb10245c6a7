#include "screen/matcher.h"

#include <hs/hs.h>
#include <libstemmer.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <unordered_set>

namespace vaksam::screen {
namespace {

// Hyperscan scratch for this thread, reallocated when a thread meets another database.
hs_scratch_t* thread_scratch(const hs_database_t* db) {
  struct Holder {
    std::vector<std::pair<const hs_database_t*, hs_scratch_t*>> items;
    ~Holder() {
      for (auto& [d, s] : items) hs_free_scratch(s);
    }
  };
  thread_local Holder holder;
  for (auto& [d, s] : holder.items)
    if (d == db) return s;
  hs_scratch_t* s = nullptr;
  if (hs_alloc_scratch(db, &s) != HS_SUCCESS) throw std::runtime_error("Hyperscan: cannot allocate scratch");
  holder.items.emplace_back(db, s);
  return s;
}

// The Snowball stemmer is not thread-safe: one per thread.
std::string_view stem_of(std::string_view word) {
  struct Holder {
    sb_stemmer* s = sb_stemmer_new("swedish", "UTF_8");
    ~Holder() { sb_stemmer_delete(s); }
  };
  thread_local Holder holder;
  const sb_symbol* out = sb_stemmer_stem(holder.s, reinterpret_cast<const sb_symbol*>(word.data()),
                                         static_cast<int>(word.size()));
  return std::string_view(reinterpret_cast<const char*>(out), sb_stemmer_length(holder.s));
}

// A byte that may be part of a word: ASCII letters and digits, and any byte of a non-ASCII
// character (the token check that follows is exact).
inline bool word_byte(char c) {
  auto b = static_cast<unsigned char>(c);
  return b >= 0x80 || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z');
}

bool ends_with(std::string_view s, std::string_view x) { return s.size() >= x.size() && s.substr(s.size() - x.size()) == x; }
bool starts_with(std::string_view s, std::string_view x) { return s.size() >= x.size() && s.substr(0, x.size()) == x; }

class PatternMatcher {
 public:
  PatternMatcher(const Lexicon& lex, const AnalyzedText& t)
      : lex_(lex), t_(t), det_(lex.class_mask("det")), pobj_(lex.class_mask("pobj")),
        np_mod_(lex.class_mask("np_mod")) {}

  int64_t id(uint32_t ti) const { return t_.ids[ti]; }
  bool in_class(uint32_t mask, uint32_t ti) const { return lex_.in_class_mask(mask, id(ti)); }

  bool words_match(const PatternElement& e, uint32_t ti) const {
    int64_t w = id(ti);
    if (w >= 0 && std::binary_search(e.words.begin(), e.words.end(), static_cast<uint32_t>(w))) return true;
    std::string_view tok = t_.token_text(ti);
    if (w < 0) {
      bool ambiguous = false;
      if (const auto* ids = lex_.ascii_ids(tok, &ambiguous); ids && (!ambiguous || t_.diacritic_free))
        for (uint32_t a : *ids)
          if (std::binary_search(e.words.begin(), e.words.end(), a)) return true;
    }
    for (const auto& h : e.heads)
      if (tok.size() >= h.size() + 2 && ends_with(tok, h)) return true;
    for (const auto& m : e.modifiers)
      if (tok.size() >= m.size() + 3 && starts_with(tok, m)) return true;
    return false;
  }

  bool single(const PatternElement& e, uint32_t ti) {
    switch (e.type) {
      case ElementType::kWords: return words_match(e, ti);
      case ElementType::kStem: return stem_of(t_.token_text(ti)) == e.stem;
      case ElementType::kNumber: return t_.seg.tokens[ti].has_digit;
      default: return false;
    }
  }

  bool np_modifier(uint32_t ti) {
    if (t_.seg.tokens[ti].has_digit || in_class(np_mod_, ti)) return true;
    std::string_view tok = t_.token_text(ti);  // a genitive person word: "mammas", "kvinnans"
    if (tok.size() > 2 && tok.back() == 's') {
      int64_t w = lex_.word_id(tok);
      return w >= 0 && lex_.person(static_cast<uint32_t>(w)) != nullptr;
    }
    return false;
  }

  bool person_head(uint32_t ti) { return person_at(lex_, t_, ti) != nullptr; }

  // Ends of the person noun phrases that start at ti (shortest first).
  void np_ends(uint32_t ti, uint32_t lim, bool who, std::vector<uint32_t>& out) {
    out.clear();
    if (ti >= lim) return;
    if (who && in_class(pobj_, ti)) out.push_back(ti + 1);
    for (uint32_t s = ti; s <= ti + 1 && s < lim; ++s) {
      if (s > ti && !in_class(det_, ti)) break;
      for (uint32_t m = 0; m <= 2 && s + m < lim; ++m) {
        if (m > 0 && !np_modifier(s + m - 1)) break;
        if (person_head(s + m)) out.push_back(s + m + 1);
      }
    }
    std::sort(out.begin(), out.end());
  }

  // Starts of the person noun phrases that end just before `end` (shortest first).
  void np_starts(uint32_t end, uint32_t lo, bool who, std::vector<uint32_t>& out) {
    out.clear();
    if (end <= lo) return;
    uint32_t head = end - 1;
    if (who && in_class(pobj_, head)) out.push_back(head);
    if (!person_head(head)) return;
    out.push_back(head);
    uint32_t s = head;
    for (int m = 0; m < 2 && s > lo && np_modifier(s - 1); ++m) out.push_back(--s);
    if (s > lo && in_class(det_, s - 1)) out.push_back(s - 1);
    out.erase(std::unique(out.begin(), out.end()), out.end());  // already shortest first
  }

  int64_t forward(const Pattern& p, size_t ei, uint32_t ti, uint32_t lim) {
    if (ei == p.elements.size()) return ti;
    const auto& e = p.elements[ei];
    if (e.type == ElementType::kGap) {
      for (uint32_t k = 0; k <= e.max && ti + k <= lim; ++k)
        if (int64_t r = forward(p, ei + 1, ti + k, lim); r >= 0) return r;
      return -1;
    }
    if (e.type == ElementType::kNp || e.type == ElementType::kWho) {
      std::vector<uint32_t> ends;
      np_ends(ti, lim, e.type == ElementType::kWho, ends);
      for (uint32_t end : ends)
        if (int64_t r = forward(p, ei + 1, end, lim); r >= 0) return r;
    } else if (ti < lim && single(e, ti)) {
      if (int64_t r = forward(p, ei + 1, ti + 1, lim); r >= 0) return r;
    }
    return e.min == 0 ? forward(p, ei + 1, ti, lim) : -1;
  }

  int64_t backward(const Pattern& p, int ei, uint32_t end, uint32_t lo) {
    if (ei < 0) return end;
    const auto& e = p.elements[ei];
    if (e.type == ElementType::kGap) {
      for (uint32_t k = 0; k <= e.max && end >= lo + k; ++k)
        if (int64_t r = backward(p, ei - 1, end - k, lo); r >= 0) return r;
      return -1;
    }
    if (e.type == ElementType::kNp || e.type == ElementType::kWho) {
      std::vector<uint32_t> starts;
      np_starts(end, lo, e.type == ElementType::kWho, starts);
      for (uint32_t s : starts)
        if (int64_t r = backward(p, ei - 1, s, lo); r >= 0) return r;
    } else if (end > lo && single(e, end - 1)) {
      if (int64_t r = backward(p, ei - 1, end - 1, lo); r >= 0) return r;
    }
    return e.min == 0 ? backward(p, ei - 1, end, lo) : -1;
  }

  void set_signal_sentences(const std::vector<bool>* s) { signal_sentences_ = s; }

  void on_literal(uint32_t lit_id, uint32_t to, std::vector<Match>& out, bool signals) {
    const AnchorLiteral& lit = lex_.literals()[lit_id];
    const auto& uses = signals ? lit.uses : lit.context_uses;
    if (uses.empty()) return;
    uint32_t from = to - static_cast<uint32_t>(lit.text.size());
    // Most hits of short literals are inside longer words ("om" in "kommun"): reject them
    // before looking up the token, unless some use of the literal allows a compound.
    const std::string& f = t_.norm.folded;
    bool starts_word = from == 0 || !word_byte(f[from - 1]);
    bool ends_word = to == f.size() || !word_byte(f[to]);
    if (!starts_word && !ends_word) return;
    const auto& tokens = t_.seg.tokens;
    auto it = std::upper_bound(tokens.begin(), tokens.end(), from,
                               [](uint32_t off, const Token& tok) { return off < tok.begin; });
    if (it == tokens.begin()) return;
    uint32_t ti = static_cast<uint32_t>(it - tokens.begin() - 1);
    const Token& tok = tokens[ti];
    if (to > tok.end) return;
    for (const auto& use : uses) {
      const Pattern& pat = lex_.patterns()[use.pattern];
      if (!signals && pat.kind == PatternKind::kCue && !(*signal_sentences_)[tok.sentence] &&
          lex_.context_rules()[pat.owner].scope < 100)
        continue;  // a cue only acts on mentions in its own sentence
      if (use.ascii && use.ambiguous && !t_.diacritic_free) continue;
      bool whole = from == tok.begin && to == tok.end;
      bool ok = false;
      switch (use.how) {
        case 0: ok = whole; break;
        case 1: ok = to == tok.end && from >= tok.begin + 2; break;
        case 2: ok = from == tok.begin && to + 3 <= tok.end; break;
        case 3: ok = from == tok.begin && stem_of(t_.token_text(ti)) == lit.text; break;
      }
      if (!ok) continue;
      const Pattern& p = pat;
      const Sentence& s = t_.seg.sentences[tok.sentence];
      int64_t end = forward(p, p.anchor + 1, ti + 1, s.end_token);
      if (end < 0) continue;
      int64_t start = backward(p, static_cast<int>(p.anchor) - 1, ti, s.first_token);
      if (start < 0) continue;
      Match m;
      m.pattern = use.pattern;
      m.sentence = tok.sentence;
      m.first = static_cast<uint32_t>(start);
      m.end = static_cast<uint32_t>(end);
      m.anchor_token = ti;
      m.part_begin = from;
      m.part_end = to;
      m.in_compound = use.how == 1 || use.how == 2;
      m.ascii = use.ascii;
      out.push_back(m);
    }
  }

 private:
  const Lexicon& lex_;
  const AnalyzedText& t_;
  uint32_t det_, pobj_, np_mod_;
  const std::vector<bool>* signal_sentences_ = nullptr;
};

struct ScanState {
  std::vector<std::pair<uint32_t, uint32_t>> hits;  // literal id, end offset
};

int on_hit(unsigned int id, unsigned long long, unsigned long long to, unsigned int, void* ctx) {
  static_cast<ScanState*>(ctx)->hits.emplace_back(id, static_cast<uint32_t>(to));
  return 0;
}

}  // namespace

const PersonInfo* person_at(const Lexicon& lex, const AnalyzedText& t, uint32_t ti) {
  std::string_view tok = t.token_text(ti);
  int64_t w = t.ids[ti];
  if (w >= 0)
    if (const PersonInfo* p = lex.person(static_cast<uint32_t>(w))) return p;
  if (tok.size() < 7) return nullptr;  // a compound person word: 3+ bytes before a 4+ byte head
  for (const auto& [head, id] : lex.person_heads())
    if (tok.size() >= head.size() + 3 && tok.back() == head.back() && ends_with(tok, head)) return lex.person(id);
  return nullptr;
}

std::vector<Match> find_matches(const Lexicon& lex, AnalyzedText& t) {
  std::vector<Match> out;
  if (t.norm.folded.empty() || t.seg.tokens.empty()) return out;
  ScanState state;
  hs_scratch_t* scratch = thread_scratch(lex.database());
  // Hyperscan takes at most 4 GiB per call; screened texts are far smaller.
  hs_error_t rc = hs_scan(lex.database(), t.norm.folded.data(), static_cast<unsigned>(t.norm.folded.size()), 0,
                          scratch, on_hit, &state);
  if (rc != HS_SUCCESS) throw std::runtime_error("Hyperscan scan failed");
  if (state.hits.empty()) return out;
  t.ids.resize(t.seg.tokens.size());
  for (uint32_t i = 0; i < t.seg.tokens.size(); ++i) t.ids[i] = lex.word_id(t.token_text(i));
  PatternMatcher pm(lex, t);
  // Signals first; context, deficiency and group patterns only matter if there is one.
  for (auto [id, to] : state.hits) pm.on_literal(id, to, out, /*signals=*/true);
  if (out.empty()) return out;
  std::vector<bool> signal_sentence(t.seg.sentences.size(), false);
  for (const Match& m : out) signal_sentence[m.sentence] = true;
  pm.set_signal_sentences(&signal_sentence);
  for (auto [id, to] : state.hits) pm.on_literal(id, to, out, /*signals=*/false);
  std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) {
    return a.first != b.first ? a.first < b.first : a.end != b.end ? a.end > b.end : a.pattern < b.pattern;
  });
  // One pattern can be reached through two anchor spellings ("våld" and "vald"): keep one.
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Match& a, const Match& b) {
                          return a.pattern == b.pattern && a.first == b.first && a.end == b.end;
                        }),
            out.end());
  return out;
}

}  // namespace vaksam::screen
