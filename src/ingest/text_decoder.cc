#include "ingest/text_decoder.h"

#include <algorithm>
#include <cassert>
#include <cstdio>
#include <cstring>

#include "common/error.h"

namespace vaksam::ingest {

namespace {

constexpr uint64_t kHighBits = 0x8080808080808080ull;
constexpr uint64_t kLowBits = 0x0101010101010101ull;

// Index of the first byte at or after `i` that is NUL or not ASCII, or `n`. Eight bytes at a
// time, since almost all input is ASCII.
size_t skip_ascii(const unsigned char* p, size_t i, size_t n) {
  while (i + 8 <= n) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    const uint64_t has_zero = (w - kLowBits) & ~w & kHighBits;
    if ((w & kHighBits) | has_zero) break;
    i += 8;
  }
  while (i < n && p[i] != 0 && p[i] < 0x80) ++i;
  return i;
}

// Length of the valid UTF-8 sequence at p (n bytes available); 0 if it is valid so far but
// incomplete; -1 if invalid (bad lead byte, overlong, surrogate, above U+10FFFF).
int utf8_sequence(const unsigned char* p, size_t n) {
  const unsigned char c = p[0];
  size_t len;
  unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return -1;
  }
  for (size_t k = 1; k < len; ++k) {
    if (k >= n) return 0;
    const unsigned char b = p[k];
    if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return -1;
  }
  return static_cast<int>(len);
}

// Windows-1252 0x80-0x9F; 0 marks the five undefined bytes. 0xA0-0xFF equal Latin-1.
constexpr char16_t k1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80-87
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,       // 88-8F
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90-97
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,  // 98-9F
};

void append_utf8(char32_t cp, std::string& out) {
  if (cp < 0x800) {
    const char b[2] = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(b, 2);
  } else {
    const char b[3] = {static_cast<char>(0xE0 | (cp >> 12)),
                       static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                       static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(b, 3);
  }
}

uint64_t count_newlines(const unsigned char* p, size_t n) {
  uint64_t count = 0;
  const unsigned char* end = p + n;
  while ((p = static_cast<const unsigned char*>(std::memchr(p, '\n', end - p)))) {
    ++count;
    ++p;
  }
  return count;
}

const char* const kBinary = "binary data";
const char* const kBinaryAdvice =
    ": the file contains a NUL byte, so it is not a text file (a file saved as \"Unicode text\" "
    "must be saved as \"CSV UTF-8\" instead)";
const char* const kInvalidUtf8Advice =
    "; save the file as UTF-8 or Windows-1252, or pass --encoding";

}  // namespace

std::string_view name(Encoding e) {
  switch (e) {
    case Encoding::utf8:
      return "UTF-8";
    case Encoding::windows1252:
      return "Windows-1252";
    case Encoding::auto_detect:
      break;
  }
  return "auto";
}

void truncate_utf8(std::string& s, size_t max_bytes) {
  if (s.size() <= max_bytes) return;
  s.resize(max_bytes);
  // Find where the last character starts and drop it if it lost bytes.
  size_t start = s.size();
  while (start > 0 && s.size() - start < 4) {
    --start;
    if ((static_cast<unsigned char>(s[start]) & 0xC0) != 0x80) break;
  }
  if (start == s.size()) return;
  const unsigned char lead = static_cast<unsigned char>(s[start]);
  const size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  if (s.size() - start < need) s.resize(start);
}

TextDecoder::TextDecoder(Encoding requested, std::string file_name_for_errors)
    : encoding_(requested), file_(std::move(file_name_for_errors)) {}

void TextDecoder::decode(std::string_view in, std::string& out) {
  auto p = reinterpret_cast<const unsigned char*>(in.data());
  size_t n = in.size();
  if (pending_size_ > 0) {
    // Complete the held-back character with the first bytes of `in`.
    unsigned char tmp[8];
    const size_t k = pending_size_;
    const size_t m = std::min(n, sizeof tmp - k);
    std::memcpy(tmp, pending_, k);
    std::memcpy(tmp + k, p, m);
    const size_t used = run(tmp, k + m, false, out);
    if (used < k) {  // `in` was too short to complete it
      pending_size_ = k + m - used;
      assert(pending_size_ <= sizeof pending_);
      std::memmove(pending_, tmp + used, pending_size_);
      return;
    }
    p += used - k;
    n -= used - k;
    pending_size_ = 0;
  }
  const size_t used = run(p, n, false, out);
  pending_size_ = n - used;
  assert(pending_size_ <= sizeof pending_);
  std::memcpy(pending_, p + used, pending_size_);
}

void TextDecoder::finish(std::string& out) {
  if (pending_size_ == 0) return;
  unsigned char tmp[sizeof pending_];
  const size_t k = pending_size_;
  std::memcpy(tmp, pending_, k);
  pending_size_ = 0;
  run(tmp, k, true, out);
}

size_t TextDecoder::run(const unsigned char* p, size_t n, bool at_end, std::string& out) {
  size_t i = 0;
  if (at_start_ && encoding_ != Encoding::windows1252) {
    static constexpr unsigned char kBom[] = {0xEF, 0xBB, 0xBF};
    size_t k = 0;
    while (k < 3 && k < n && p[k] == kBom[k]) ++k;
    if (k == n && !at_end) return 0;  // may still become a BOM
    if (n == 1 && !at_end && (p[0] == 0xFF || p[0] == 0xFE)) return 0;
    if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
      throw Error(
          Location{file_, 1},
          "the file is saved as UTF-16 (\"Unicode text\"); save it as \"CSV UTF-8\" instead");
    }
    if (k == 3) {
      i = 3;
      if (encoding_ == Encoding::auto_detect) encoding_ = Encoding::utf8;
    }
  }
  at_start_ = false;

  if (encoding_ == Encoding::auto_detect) {
    const size_t start = i;
    i = skip_ascii(p, i, n);
    out.append(reinterpret_cast<const char*>(p) + start, i - start);
    if (i < n && p[i] == 0) fail(p, i, kBinary, kBinaryAdvice);
    if (i < n) {
      const int len = utf8_sequence(p + i, n - i);
      if (len == 0 && !at_end) {
        consumed(p, i);
        return i;
      }
      encoding_ = len > 0 ? Encoding::utf8 : Encoding::windows1252;
    }
  }
  if (encoding_ == Encoding::utf8) i = run_utf8(p, i, n, at_end, out);
  if (encoding_ == Encoding::windows1252) i = run_1252(p, i, n, at_end, out);
  consumed(p, i);
  return i;
}

size_t TextDecoder::run_utf8(const unsigned char* p, size_t i, size_t n, bool at_end,
                             std::string& out) {
  const size_t start = i;
  while (i < n) {
    i = skip_ascii(p, i, n);
    if (i == n) break;
    if (p[i] == 0) fail(p, i, kBinary, kBinaryAdvice);
    const int len = utf8_sequence(p + i, n - i);
    if (len > 0) {
      i += static_cast<size_t>(len);
    } else if (len == 0 && !at_end) {
      break;
    } else if (len == 0) {
      fail(p, i, "file ends in the middle of a character",
           "; the file may be cut off, or not be saved as UTF-8");
    } else {
      fail(p, i, "invalid UTF-8", kInvalidUtf8Advice);
    }
  }
  // Valid UTF-8 is its own output.
  out.append(reinterpret_cast<const char*>(p) + start, i - start);
  return i;
}

size_t TextDecoder::run_1252(const unsigned char* p, size_t i, size_t n, bool at_end,
                             std::string& out) {
  while (i < n) {
    const size_t j = skip_ascii(p, i, n);
    out.append(reinterpret_cast<const char*>(p) + i, j - i);
    i = j;
    if (i == n) break;
    const unsigned char c = p[i];
    if (c == 0) fail(p, i, kBinary, kBinaryAdvice);
    // A valid 2-byte UTF-8 sequence in 1252 text ("Ã¥" for "å") is almost always UTF-8 text
    // pasted into the file; converting it would silently garble it.
    if (c >= 0xC2 && c <= 0xDF) {
      if (i + 1 == n) {
        if (!at_end) break;  // need the next byte to tell
      } else if (p[i + 1] >= 0x80 && p[i + 1] <= 0xBF) {
        fail(p, i, "mixed encodings",
             ": the file is read as Windows-1252 but this line contains UTF-8 text; save the "
             "whole file in one encoding, or pass --encoding");
      }
    }
    if (c >= 0xA0) {
      append_utf8(c, out);
    } else if (k1252[c - 0x80] != 0) {
      append_utf8(k1252[c - 0x80], out);
    } else {
      char byte[8];
      std::snprintf(byte, sizeof byte, "0x%02X", c);
      fail(p, i, std::string("byte ") + byte,
           " is not a character in Windows-1252; save the file as UTF-8, or pass --encoding");
    }
    ++i;
  }
  return i;
}

void TextDecoder::consumed(const unsigned char* p, size_t n) {
  offset_ += n;
  line_ += count_newlines(p, n);
}

void TextDecoder::fail(const unsigned char* p, size_t i, const std::string& what,
                       const std::string& advice) const {
  const uint64_t line = line_ + count_newlines(p, i);
  throw Error(Location{file_, line}, what + " at line " + std::to_string(line) + " (byte offset " +
                                         std::to_string(offset_ + i) + ")" + advice);
}

}  // namespace vaksam::ingest
