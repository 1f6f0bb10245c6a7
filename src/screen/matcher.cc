#include "screen/matcher.h"

#include <hs/hs.h>
#include <libstemmer.h>

#include <algorithm>
#include <bit>
#include <cstring>
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

// The ends or starts of the person noun phrases at a token: at most 7 (see np_ends).
struct SmallList {
  uint32_t v[8];
  uint32_t n = 0;
  void clear() { n = 0; }
  void push_back(uint32_t x) { v[n++] = x; }
  uint32_t* begin() { return v; }
  uint32_t* end() { return v + n; }
};

// A literal hit that starts or ends a word, with the token it lies in.
struct ResolvedHit {
  uint32_t literal, token, from, to;
};

class PatternMatcher {
 public:
  PatternMatcher(const Lexicon& lex, const AnalyzedText& t)
      : lex_(lex), t_(t), det_(lex.masks().det), pobj_(lex.masks().pobj), np_mod_(lex.masks().np_mod) {}

  int64_t id(uint32_t ti) const { return t_.ids[ti]; }
  bool in_class(uint32_t mask, uint32_t ti) const { return lex_.in_class_mask(mask, id(ti)); }

  bool words_match(const PatternElement& e, uint32_t ti) const {
    int64_t w = id(ti);
    if (w >= 0 && std::binary_search(e.words.begin(), e.words.end(), static_cast<uint32_t>(w))) return true;
    std::string_view tok = t_.token_text(ti);
    if (w < 0) {
      int32_t v = ti < t_.ascii_variants.size() ? t_.ascii_variants[ti] : lex_.token_info(tok).ascii;
      if (v >= 0) {
        const Lexicon::AsciiVariant& variant = lex_.ascii_variant(v);
        if (!variant.ambiguous || t_.diacritic_free)
          for (uint32_t a : variant.ids)
            if (std::binary_search(e.words.begin(), e.words.end(), a)) return true;
      }
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
  void np_ends(uint32_t ti, uint32_t lim, bool who, SmallList& out) {
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
  void np_starts(uint32_t end, uint32_t lo, bool who, SmallList& out) {
    out.clear();
    if (end <= lo) return;
    uint32_t head = end - 1;
    if (who && in_class(pobj_, head)) out.push_back(head);
    if (!person_head(head)) return;
    out.push_back(head);
    uint32_t s = head;
    for (int m = 0; m < 2 && s > lo && np_modifier(s - 1); ++m) out.push_back(--s);
    if (s > lo && in_class(det_, s - 1)) out.push_back(s - 1);
    out.n = static_cast<uint32_t>(std::unique(out.begin(), out.end()) - out.begin());  // already shortest first
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
      SmallList ends;
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
      SmallList starts;
      np_starts(end, lo, e.type == ElementType::kWho, starts);
      for (uint32_t s : starts)
        if (int64_t r = backward(p, ei - 1, s, lo); r >= 0) return r;
    } else if (end > lo && single(e, end - 1)) {
      if (int64_t r = backward(p, ei - 1, end - 1, lo); r >= 0) return r;
    }
    return e.min == 0 ? backward(p, ei - 1, end, lo) : -1;
  }

  void set_signal_sentences(const uint8_t* s) { signal_sentences_ = s; }

  // The patterns a literal hit at token `ti` anchors (its signal and blocklist uses, or its
  // context, deficiency and group uses).
  void on_literal(const ResolvedHit& h, std::vector<Match>& out, bool signals) {
    const LiteralUses& lu = lex_.literal_uses(h.literal);
    const AnchorLiteral::Use* first = lex_.flat_uses() + lu.begin + (signals ? 0 : lu.signal);
    const AnchorLiteral::Use* last = first + (signals ? lu.signal : lu.context);
    const uint32_t from = h.from, to = h.to, ti = h.token;
    const Token& tok = t_.seg.tokens[ti];
    for (const AnchorLiteral::Use* u = first; u != last; ++u) {
      const AnchorLiteral::Use& use = *u;
      if (!signals && use.local_cue && !signal_sentences_[tok.sentence])
        continue;  // a cue only acts on mentions in its own sentence
      if (use.ascii && use.ambiguous && !t_.diacritic_free) continue;
      bool ok = false;
      switch (use.how) {
        case 0: ok = from == tok.begin && to == tok.end; break;
        case 1: ok = to == tok.end && from >= tok.begin + 2; break;
        case 2: ok = from == tok.begin && to + 3 <= tok.end; break;
        case 3: ok = from == tok.begin && stem_of(t_.token_text(ti)) == lex_.literals()[h.literal].text; break;
      }
      if (!ok) continue;
      const Pattern& p = lex_.patterns()[use.pattern];
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
  const uint8_t* signal_sentences_ = nullptr;
};

// Per-thread buffers, so that screening a text allocates nothing for its matches.
struct MatchScratch {
  std::vector<std::pair<uint32_t, uint32_t>> hits;  // literal id, end offset, as Hyperscan reports them
  std::vector<ResolvedHit> resolved;
  std::vector<uint8_t> signal_sentence;
};

MatchScratch& match_scratch() {
  thread_local MatchScratch scratch;
  return scratch;
}

int on_hit(unsigned int id, unsigned long long, unsigned long long to, unsigned int, void* ctx) {
  static_cast<MatchScratch*>(ctx)->hits.emplace_back(id, static_cast<uint32_t>(to));
  return 0;
}

// Keeps the hits that start or end a word and lie inside one token, with that token, in the
// order Hyperscan reported them. Most hits of short literals are inside longer words ("om" in
// "kommun"): they go before the token is looked up.
void resolve_hits(const Lexicon& lex, const AnalyzedText& t, MatchScratch& sc) {
  sc.resolved.clear();
  const std::string& f = t.norm.folded;
  const auto& tokens = t.seg.tokens;
  const uint32_t count = static_cast<uint32_t>(tokens.size());
  uint32_t cursor = 0;  // the last token that begins at or before `from`, if any; hits come nearly in order
  for (auto [id, to] : sc.hits) {
    const LiteralUses& lu = lex.literal_uses(id);
    if (lu.signal == 0 && lu.context == 0) continue;
    uint32_t from = to - lu.length;
    bool starts_word = from == 0 || !word_byte(f[from - 1]);
    bool ends_word = to == f.size() || !word_byte(f[to]);
    if (!starts_word && !ends_word) continue;
    while (cursor + 1 < count && tokens[cursor + 1].begin <= from) ++cursor;
    while (cursor > 0 && tokens[cursor].begin > from) --cursor;
    if (tokens[cursor].begin > from) continue;  // before the first token
    if (to > tokens[cursor].end) continue;
    sc.resolved.push_back({id, cursor, from, to});
  }
}

}  // namespace

const PersonInfo* person_at(const Lexicon& lex, const AnalyzedText& t, uint32_t ti) {
  std::string_view tok = t.token_text(ti);
  int64_t w = t.ids[ti];
  if (w >= 0)
    if (const PersonInfo* p = lex.person(static_cast<uint32_t>(w))) return p;
  if (tok.size() < 7) return nullptr;  // a compound person word: 3+ bytes before a 4+ byte head
  uint32_t tail;  // the token's last four bytes
  std::memcpy(&tail, tok.data() + tok.size() - 4, 4);
  if constexpr (std::endian::native == std::endian::big) tail = __builtin_bswap32(tail);
  for (uint32_t k : lex.person_heads_ending_in(tok.back())) {  // in person_heads() order
    auto [value, mask] = lex.person_head_tail(k);
    if ((tail & mask) != value) continue;
    const auto& [head, id] = lex.person_heads()[k];
    if (tok.size() >= head.size() + 3 && ends_with(tok, head)) return lex.person(id);
  }
  return nullptr;
}

namespace {

// Every literal occurrence a pattern can use, found word by word instead of by scanning: a
// use needs the literal to be the whole token (how 0, 3), to begin it (2, 3) or to end it (1),
// so the token's own entry in the token table and walks of the prefix and suffix tries find
// them all. The same filter as resolve_hits() applies.
void token_hits(const Lexicon& lex, const AnalyzedText& t, MatchScratch& sc) {
  sc.resolved.clear();
  const std::string& f = t.norm.folded;
  const auto* bytes = reinterpret_cast<const unsigned char*>(f.data());
  const size_t n = f.size();
  const auto& tokens = t.seg.tokens;
  const detail::ByteTrie& prefixes = lex.prefix_literals();
  const detail::ByteTrie& suffixes = lex.suffix_literals();
  auto add = [&](int32_t literal, uint32_t ti, uint32_t from, uint32_t to) {
    const LiteralUses& lu = lex.literal_uses(static_cast<uint32_t>(literal));
    if (lu.signal == 0 && lu.context == 0) return;
    bool starts_word = from == 0 || !word_byte(f[from - 1]);
    bool ends_word = to == n || !word_byte(f[to]);
    if (!starts_word && !ends_word) return;
    sc.resolved.push_back({static_cast<uint32_t>(literal), ti, from, to});
  };
  for (uint32_t ti = 0; ti < tokens.size(); ++ti) {
    const uint32_t begin = tokens[ti].begin, end = tokens[ti].end;
    if (!prefixes.empty() && end - begin >= 2 && prefixes.may_start(bytes[begin], bytes[begin + 1])) {
      uint32_t node = 0;
      for (uint32_t k = begin; k + 1 < end; ++k) {  // proper prefixes
        node = prefixes.child(node, bytes[k]);
        if (!node) break;
        if (int32_t lit = prefixes.value(node); lit >= 0) add(lit, ti, begin, k + 1);
      }
    }
    if (int32_t lit = t.literal_ids[ti]; lit >= 0) add(lit, ti, begin, end);
    if (!suffixes.empty() && end - begin >= 2 && suffixes.may_start(bytes[end - 1], bytes[end - 2])) {
      uint32_t node = 0;
      for (uint32_t k = end; k - 1 > begin; --k) {  // proper suffixes
        node = suffixes.child(node, bytes[k - 1]);
        if (!node) break;
        if (int32_t lit = suffixes.value(node); lit >= 0) add(lit, ti, k - 1, end);
      }
    }
  }
}

// Matches from the hits in sc.resolved, sorted by position, one per pattern and span.
void match_hits(const Lexicon& lex, AnalyzedText& t, MatchScratch& sc, std::vector<Match>& out) {
  out.clear();
  PatternMatcher pm(lex, t);
  // Signals first; context, deficiency and group patterns only matter if there is one.
  for (const ResolvedHit& h : sc.resolved)
    if (lex.literal_uses(h.literal).signal) pm.on_literal(h, out, /*signals=*/true);
  if (out.empty()) return;
  sc.signal_sentence.assign(t.seg.sentences.size(), 0);
  for (const Match& m : out) sc.signal_sentence[m.sentence] = 1;
  pm.set_signal_sentences(sc.signal_sentence.data());
  for (const ResolvedHit& h : sc.resolved)
    if (lex.literal_uses(h.literal).context) pm.on_literal(h, out, /*signals=*/false);
  std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) {
    return a.first != b.first ? a.first < b.first : a.end != b.end ? a.end > b.end : a.pattern < b.pattern;
  });
}

// Drops all but one match of each pattern and span (one pattern can be reached through two
// anchor spellings, "våld" and "vald").
void unique_matches(std::vector<Match>& out) {
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Match& a, const Match& b) {
                          return a.pattern == b.pattern && a.first == b.first && a.end == b.end;
                        }),
            out.end());
}

// True if two sorted matches of one pattern and span differ otherwise (the anchor token, the
// compound part): which of them survives unique_matches() then depends on the order of the
// hits before sorting.
bool order_sensitive(const std::vector<Match>& out) {
  for (size_t i = 1; i < out.size(); ++i) {
    const Match& a = out[i - 1];
    const Match& b = out[i];
    if (a.pattern == b.pattern && a.first == b.first && a.end == b.end &&
        (a.sentence != b.sentence || a.anchor_token != b.anchor_token || a.part_begin != b.part_begin ||
         a.part_end != b.part_end || a.in_compound != b.in_compound || a.ascii != b.ascii))
      return true;
  }
  return false;
}

// The reference path: a Hyperscan scan of the whole text, the hits in the order it reports them.
void scan_matches(const Lexicon& lex, AnalyzedText& t, MatchScratch& sc, std::vector<Match>& out) {
  out.clear();
  sc.hits.clear();
  hs_scratch_t* scratch = thread_scratch(lex.database());
  // Hyperscan takes at most 4 GiB per call; screened texts are far smaller.
  hs_error_t rc = hs_scan(lex.database(), t.norm.folded.data(), static_cast<unsigned>(t.norm.folded.size()), 0,
                          scratch, on_hit, &sc);
  if (rc != HS_SUCCESS) throw std::runtime_error("Hyperscan scan failed");
  if (sc.hits.empty()) return;
  resolve_hits(lex, t, sc);
  match_hits(lex, t, sc, out);
}

}  // namespace

void find_matches_into(const Lexicon& lex, AnalyzedText& t, std::vector<Match>& out) {
  out.clear();
  if (t.norm.folded.empty() || t.seg.tokens.empty()) return;
  MatchScratch& sc = match_scratch();
  struct Trim {  // a huge text leaves huge buffers behind: give them back
    MatchScratch& s;
    ~Trim() {
      if (s.hits.capacity() + s.resolved.capacity() > (size_t{1} << 20)) s = MatchScratch();
    }
  } trim{sc};
  if (t.ids.size() != t.seg.tokens.size()) {  // not made by analyze()
    t.ids.resize(t.seg.tokens.size());
    for (uint32_t i = 0; i < t.seg.tokens.size(); ++i) t.ids[i] = lex.word_id(t.token_text(i));
  }
  if (t.literal_ids.size() == t.seg.tokens.size()) {
    // The same hits as a scan finds, in another order. The order changes nothing unless two
    // matches of one pattern and span differ (rare: a word that is an anchor both whole and as
    // a compound head): then the scan decides, as it always did.
    token_hits(lex, t, sc);
    match_hits(lex, t, sc, out);
    if (!order_sensitive(out)) {
      unique_matches(out);
      return;
    }
  }
  scan_matches(lex, t, sc, out);
  unique_matches(out);
}

void detail::find_matches_by_scan(const Lexicon& lex, AnalyzedText& t, std::vector<Match>& out) {
  out.clear();
  if (t.norm.folded.empty() || t.seg.tokens.empty()) return;
  if (t.ids.size() != t.seg.tokens.size()) {
    t.ids.resize(t.seg.tokens.size());
    for (uint32_t i = 0; i < t.seg.tokens.size(); ++i) t.ids[i] = lex.word_id(t.token_text(i));
  }
  MatchScratch& sc = match_scratch();
  scan_matches(lex, t, sc, out);
  unique_matches(out);
}

std::vector<Match> find_matches(const Lexicon& lex, AnalyzedText& t) {
  std::vector<Match> out;
  find_matches_into(lex, t, out);
  return out;
}

}  // namespace vaksam::screen
