// An open-addressing hash table from a folded word to what the lexicon knows of it, built once
// with the lexicon: one probe per token instead of std::unordered_map's hashing. Internal.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace vaksam::screen::detail {

struct TokenInfo {
  int32_t word = -1;     // lexicon word id, or -1
  int32_t literal = -1;  // the anchor literal (Lexicon::literals()) spelt exactly so, or -1
  int32_t ascii = -1;    // the lexicon words it spells without å/ä/ö (Lexicon::ascii_variant()), or -1
  uint8_t flags = 0;     // TokenFlags
};

enum TokenFlags : uint8_t {
  kDiacriticFreeMarker = 1,  // "ar", "pa": the text is written without å/ä/ö
};

// Two words loaded from a string that, with its length, tell apart any two strings of up to 16
// bytes (the first and last 8 bytes, the first and last 4, or the bytes themselves), and that
// hash it. Most words are under 16 bytes: the table compares them without reading the key.
struct WordLoads {
  uint64_t a = 0, b = 0;

  explicit WordLoads(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const size_t n = s.size();
    if (n >= 8) {
      std::memcpy(&a, p, 8);
      std::memcpy(&b, p + n - 8, 8);
    } else if (n >= 4) {
      uint32_t x, y;
      std::memcpy(&x, p, 4);
      std::memcpy(&y, p + n - 4, 4);
      a = x;
      b = y;
    } else if (n > 0) {
      a = (uint64_t{p[0]} << 16) | (uint64_t{p[n / 2]} << 8) | p[n - 1];
    }
  }

  uint64_t hash(size_t n, std::string_view s) const {
    uint64_t x = a;
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    for (size_t k = 8; k + 8 < n; k += 8) {  // the middle of a long word
      uint64_t v;
      std::memcpy(&v, p + k, 8);
      x = (x ^ v) * 0x9E3779B97F4A7C15ULL + (x >> 29);
    }
    uint64_t h = (x ^ 0xA0761D6478BD642FULL) * (b ^ 0xE7037ED1A0B428DBULL ^ n);
    h ^= h >> 32;
    h *= 0x8EBC6AF09C88C6E3ULL;
    return h ^ (h >> 29);
  }
};

inline uint64_t hash_word(std::string_view s) { return WordLoads(s).hash(s.size(), s); }

class TokenTable {
 public:
  // Adds or updates the entry of `key`; returns it.
  TokenInfo& insert(std::string_view key) {
    if ((count_ + 1) * 2 > slots_.size()) grow();
    WordLoads w(key);
    Slot& s = probe(key, w, w.hash(key.size(), key));
    if (s.len == kEmpty) {
      s.a = w.a;
      s.b = w.b;
      s.offset = static_cast<uint32_t>(pool_.size());
      s.len = static_cast<uint32_t>(key.size());
      pool_.append(key);
      ++count_;
    }
    return s.info;
  }

  TokenInfo find(std::string_view key) const {
    if (slots_.empty()) return {};
    WordLoads w(key);
    for (size_t i = w.hash(key.size(), key) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.len == kEmpty) return {};
      if (s.a == w.a && s.b == w.b && s.len == key.size() &&
          (key.size() <= 16 || std::memcmp(pool_.data() + s.offset, key.data(), key.size()) == 0))
        return s.info;
    }
  }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  struct Slot {
    uint64_t a = 0, b = 0;  // WordLoads of the key
    uint32_t len = kEmpty, offset = 0;
    TokenInfo info;
  };

  Slot& probe(std::string_view key, const WordLoads& w, uint64_t h) {
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.len == kEmpty) return s;
      if (s.a == w.a && s.b == w.b && s.len == key.size() &&
          std::memcmp(pool_.data() + s.offset, key.data(), key.size()) == 0)
        return s;
    }
  }

  void grow() {
    std::vector<Slot> old = std::move(slots_);
    size_t size = std::max<size_t>(64, old.size() * 2);
    slots_.assign(size, Slot{});
    mask_ = size - 1;
    for (const Slot& s : old) {
      if (s.len == kEmpty) continue;
      std::string_view key(pool_.data() + s.offset, s.len);
      WordLoads w(key);
      Slot& d = probe(key, w, w.hash(key.size(), key));
      d = s;
    }
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0, count_ = 0;
  std::string pool_;
};

}  // namespace vaksam::screen::detail
