#include "ingest/text_decoder.h"

#include <gtest/gtest.h>

#include <string>

#include "common/error.h"

namespace vaksam::ingest {
namespace {

using namespace std::string_literals;

// Decodes `in` fed in pieces of `piece` bytes.
std::string decode(Encoding e, const std::string& in, size_t piece = 1 << 20,
                   Encoding* detected = nullptr) {
  TextDecoder decoder(e, "test.csv");
  std::string out;
  for (size_t i = 0; i < in.size(); i += piece) decoder.decode(in.substr(i, piece), out);
  decoder.finish(out);
  if (detected) *detected = decoder.detected();
  return out;
}

// The message of the vaksam::Error that decoding `in` throws, or "" if none.
std::string error_of(Encoding e, const std::string& in, size_t piece = 1 << 20) {
  try {
    decode(e, in, piece);
  } catch (const Error& err) {
    return err.what();
  }
  return "";
}

TEST(TextDecoder, Names) {
  EXPECT_EQ(name(Encoding::utf8), "UTF-8");
  EXPECT_EQ(name(Encoding::windows1252), "Windows-1252");
  EXPECT_EQ(name(Encoding::auto_detect), "auto");
}

TEST(TextDecoder, Utf8PassesThroughAndDropsBom) {
  EXPECT_EQ(decode(Encoding::utf8,
                   "\xEF\xBB\xBF"
                   "id;namn\n1;Åsa\n"),
            "id;namn\n1;Åsa\n");
  Encoding detected;
  EXPECT_EQ(decode(Encoding::auto_detect,
                   "\xEF\xBB\xBF"
                   "a",
                   1 << 20, &detected),
            "a");
  EXPECT_EQ(detected, Encoding::utf8);
  // A BOM only counts at the very start.
  EXPECT_EQ(decode(Encoding::utf8, "a\xEF\xBB\xBF"), "a\xEF\xBB\xBF");
}

TEST(TextDecoder, AsciiLeavesEncodingUndecided) {
  Encoding detected;
  EXPECT_EQ(decode(Encoding::auto_detect, "id;name\n1;x\n", 1 << 20, &detected), "id;name\n1;x\n");
  EXPECT_EQ(detected, Encoding::auto_detect);
}

TEST(TextDecoder, AutoDetectsUtf8AtFirstNonAscii) {
  Encoding detected;
  EXPECT_EQ(decode(Encoding::auto_detect, "id\nJönköping\n", 1 << 20, &detected),
            "id\nJönköping\n");
  EXPECT_EQ(detected, Encoding::utf8);
}

TEST(TextDecoder, AutoDetectsWindows1252) {
  Encoding detected;
  EXPECT_EQ(decode(Encoding::auto_detect, "x\xE5\xE4\xF6\xC5\xC4\xD6 \x80", 1 << 20, &detected),
            "xåäöÅÄÖ €");
  EXPECT_EQ(detected, Encoding::windows1252);
}

TEST(TextDecoder, Windows1252Table) {
  EXPECT_EQ(decode(Encoding::windows1252, "\x80\x82\x83\x84\x85\x86\x87\x88\x89\x8A\x8B\x8C\x8E"),
            "€‚ƒ„…†‡ˆ‰Š‹ŒŽ");
  EXPECT_EQ(
      decode(Encoding::windows1252, "\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9A\x9B\x9C\x9E\x9F"),
      "‘’“”•–—˜™š›œžŸ");
  EXPECT_EQ(decode(Encoding::windows1252, "\xA0\xA7\xB0\xBF\xC0\xD7\xDF\xE9\xFF"),
            "\u00A0§°¿À×ßéÿ");
  // Requested 1252 keeps bytes that look like a BOM as text.
  EXPECT_EQ(decode(Encoding::windows1252, "\xEF\xBB\xBF"), "ï»¿");
}

TEST(TextDecoder, UndefinedWindows1252BytesAreErrors) {
  for (const char* byte : {"\x81", "\x8D", "\x8F", "\x90", "\x9D"}) {
    const std::string message = error_of(Encoding::windows1252, std::string("ok\nx") + byte);
    EXPECT_NE(message.find("is not a character in Windows-1252"), std::string::npos) << message;
    EXPECT_NE(message.find("at line 2"), std::string::npos) << message;
  }
}

TEST(TextDecoder, MixedEncodingsNameTheLine) {
  // "å" in 1252, then "ö" in UTF-8 (C3 B6) two lines later.
  const std::string message = error_of(Encoding::auto_detect, "p\xE5\nx\nk\xC3\xB6k\n");
  EXPECT_NE(message.find("mixed encodings at line 3"), std::string::npos) << message;
  // A 1252 lead byte followed by a byte that cannot continue UTF-8 is fine.
  EXPECT_EQ(decode(Encoding::windows1252, "\xC5r \xD6l"), "År Öl");
}

TEST(TextDecoder, InvalidUtf8IsAnErrorNamingLineAndOffset) {
  const char* bad[] = {
      "\x80",              // continuation without lead
      "\xC0\x80",          // overlong NUL
      "\xC3\x41",          // truncated
      "\xE0\x80\x80",      // overlong
      "\xED\xA0\x80",      // surrogate
      "\xF4\x90\x80\x80",  // above U+10FFFF
      "\xF5\x80\x80\x80",  // bad lead byte
      "\xFF",
  };
  for (const char* b : bad) {
    const std::string message = error_of(Encoding::auto_detect, std::string("å\n\nab") + b + "\n");
    EXPECT_NE(message.find("invalid UTF-8 at line 3 (byte offset 6)"), std::string::npos)
        << message;
    EXPECT_EQ(message.find("test.csv:3: "), 0u) << message;
  }
}

TEST(TextDecoder, InputEndingInsideACharacterIsAnError) {
  const std::string message = error_of(Encoding::utf8, "a\nb\xE2\x82");
  EXPECT_NE(message.find("file ends in the middle of a character at line 2"), std::string::npos)
      << message;
  // In auto mode an unfinished first non-ASCII byte at the end means Windows-1252.
  EXPECT_EQ(decode(Encoding::auto_detect, "x\xC3"), "xÃ");
}

TEST(TextDecoder, NulIsBinaryData) {
  const std::string message = error_of(Encoding::auto_detect, "a\nb\n\0c"s);
  EXPECT_NE(message.find("binary data at line 3"), std::string::npos) << message;
}

TEST(TextDecoder, Utf16IsExplained) {
  const std::string message = error_of(Encoding::auto_detect, "\xFF\xFEi\0d\0"s);
  EXPECT_NE(message.find("UTF-16"), std::string::npos) << message;
}

TEST(TextDecoder, CharactersSplitAtAnyPointDecode) {
  const std::string utf8 =
      "\xEF\xBB\xBF"
      "a;å\n€;𝄞ö\r\nÅÄÖ";
  const std::string expected = utf8.substr(3);
  for (Encoding e : {Encoding::utf8, Encoding::auto_detect}) {
    EXPECT_EQ(decode(e, utf8, 1), expected);
    for (size_t split = 0; split <= utf8.size(); ++split) {
      TextDecoder decoder(e, "t");
      std::string out;
      decoder.decode(std::string_view(utf8).substr(0, split), out);
      decoder.decode(std::string_view(utf8).substr(split), out);
      decoder.finish(out);
      EXPECT_EQ(out, expected) << "split at " << split;
    }
  }
  const std::string cp1252 = "\xC5sa\n\xC2r\x80\xDF";
  for (size_t piece = 1; piece <= cp1252.size(); ++piece)
    EXPECT_EQ(decode(Encoding::auto_detect, cp1252, piece), "Åsa\nÂr€ß") << piece;
}

TEST(TextDecoder, LinesAreCountedAcrossChunks) {
  std::string in = "a\nb\nc\nd\n\xC3\xA5\n\xC3";
  const std::string message = error_of(Encoding::utf8, in + "x", 3);
  EXPECT_NE(message.find("invalid UTF-8 at line 6 (byte offset 11)"), std::string::npos) << message;
}

TEST(TextDecoder, TruncateUtf8KeepsWholeCharacters) {
  std::string s = "aå€";  // 1 + 2 + 3 bytes
  truncate_utf8(s, 5);
  EXPECT_EQ(s, "aå");
  s = "aå€";
  truncate_utf8(s, 2);
  EXPECT_EQ(s, "a");
  s = "aå€";
  truncate_utf8(s, 6);
  EXPECT_EQ(s, "aå€");
}

}  // namespace
}  // namespace vaksam::ingest
