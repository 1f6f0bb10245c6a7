#include "ingest/csv_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "common/error.h"

namespace vaksam::ingest {
namespace {

using Values = std::vector<std::string>;

struct Parsed {
  Values header;
  char delimiter = 0;
  Encoding encoding = Encoding::auto_detect;
  std::vector<RawRecord> records;
  uint64_t bytes_read = 0;
};

Parsed parse(const std::string& text, CsvOptions options = {}) {
  std::istringstream in(text);
  CsvReader reader(in, "cases.csv", options);
  Parsed p;
  p.header = reader.header();
  p.delimiter = reader.delimiter();
  RawRecord record;
  while (reader.next(record)) p.records.push_back(record);
  p.encoding = reader.encoding();
  p.bytes_read = reader.bytes_read();
  return p;
}

// The message of the vaksam::Error that reading all of `text` throws, or "" if none.
std::string error_of(const std::string& text, CsvOptions options = {}) {
  try {
    parse(text, options);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

TEST(CsvReader, DetectsSemicolon) {
  const Parsed p = parse("case_id;name;amount\n1;Anna;12,50\n");
  EXPECT_EQ(p.delimiter, ';');
  EXPECT_EQ(p.header, (Values{"case_id", "name", "amount"}));
  ASSERT_EQ(p.records.size(), 1u);
  EXPECT_EQ(p.records[0].values, (Values{"1", "Anna", "12,50"}));
  EXPECT_EQ(p.records[0].line, 2u);
  EXPECT_TRUE(p.records[0].names.empty());
}

TEST(CsvReader, DetectsComma) {
  const Parsed p = parse("case_id,name,\"note;x\"\n1,Anna,\"a;b\"\n");
  EXPECT_EQ(p.delimiter, ',');
  EXPECT_EQ(p.header, (Values{"case_id", "name", "note;x"}));
  ASSERT_EQ(p.records.size(), 1u);
  EXPECT_EQ(p.records[0].values, (Values{"1", "Anna", "a;b"}));
}

TEST(CsvReader, DetectsTab) {
  const Parsed p = parse("case_id\tname\tort, kommun\n1\tAnna, B\tLund\n");
  EXPECT_EQ(p.delimiter, '\t');
  EXPECT_EQ(p.header, (Values{"case_id", "name", "ort, kommun"}));
  ASSERT_EQ(p.records.size(), 1u);
  EXPECT_EQ(p.records[0].values, (Values{"1", "Anna, B", "Lund"}));
}

TEST(CsvReader, NoDelimiterMeansOneColumn) {
  const Parsed p = parse("case_id\n1\n2\n");
  EXPECT_EQ(p.delimiter, '\0');
  EXPECT_EQ(p.header, (Values{"case_id"}));
  ASSERT_EQ(p.records.size(), 2u);
  EXPECT_EQ(p.records[1].values, (Values{"2"}));
}

TEST(CsvReader, ExplicitDelimiterWins) {
  CsvOptions options;
  options.delimiter = ',';
  const Parsed p = parse("a;b,c\n1;2,3\n", options);
  EXPECT_EQ(p.header, (Values{"a;b", "c"}));
  EXPECT_EQ(p.records.at(0).values, (Values{"1;2", "3"}));
}

TEST(CsvReader, QuotedFieldWithNewlineAndDoubledQuotes) {
  const Parsed p = parse(
      "id;note;x\n"
      "1;\"first line\nsecond \"\"quoted\"\" line\n\";a\n"
      "2;\"semi;colon\";b\n"
      "3;plain;c\n");
  ASSERT_EQ(p.records.size(), 3u);
  EXPECT_EQ(p.records[0].values, (Values{"1", "first line\nsecond \"quoted\" line\n", "a"}));
  EXPECT_EQ(p.records[0].line, 2u);
  EXPECT_EQ(p.records[1].values, (Values{"2", "semi;colon", "b"}));
  EXPECT_EQ(p.records[1].line, 5u);
  EXPECT_EQ(p.records[2].line, 6u);
}

TEST(CsvReader, CrlfLineEnds) {
  const Parsed p = parse("id;note\r\n1;\"a\r\nb\"\r\n2;\r\n3;x\ry\r\n");
  EXPECT_EQ(p.header, (Values{"id", "note"}));
  ASSERT_EQ(p.records.size(), 3u);
  EXPECT_EQ(p.records[0].values, (Values{"1", "a\r\nb"}));  // quoted text is kept as is
  EXPECT_EQ(p.records[1].values, (Values{"2", ""}));
  EXPECT_EQ(p.records[1].line, 4u);
  EXPECT_EQ(p.records[2].values, (Values{"3", "x\ry"}));  // a lone CR is content
}

TEST(CsvReader, BomIsStripped) {
  const Parsed p = parse(
      "\xEF\xBB\xBF"
      "case_id;namn\n1;Åsa\n");
  ASSERT_EQ(p.header.size(), 2u);
  EXPECT_EQ(p.header[0], "case_id");
  EXPECT_EQ(p.records.at(0).values, (Values{"1", "Åsa"}));
  EXPECT_EQ(p.encoding, Encoding::utf8);
  EXPECT_EQ(p.bytes_read, 23u);
}

TEST(CsvReader, HeaderNamesAreTrimmedButValuesAreNot) {
  const Parsed p = parse(" id ;\t name\xC2\xA0;\"  x \"\n 1 ; a ;\" b \"\n");
  EXPECT_EQ(p.header, (Values{"id", "name", "x"}));
  EXPECT_EQ(p.records.at(0).values, (Values{" 1 ", " a ", " b "}));
}

TEST(CsvReader, Windows1252IsDecoded) {
  const Parsed p = parse("id;text\n1;\xE5\xE4\xF6\xC5\xC4\xD6\n2;\x80 100\n");
  EXPECT_EQ(p.encoding, Encoding::windows1252);
  ASSERT_EQ(p.records.size(), 2u);
  EXPECT_EQ(p.records[0].values[1], "åäöÅÄÖ");
  EXPECT_EQ(p.records[1].values[1], "€ 100");
}

TEST(CsvReader, InvalidUtf8AfterValidUtf8NamesTheLine) {
  const std::string message = error_of("id;ort\n1;Malmö\n2;Lund\n3;G\xF6teborg\n");
  EXPECT_TRUE(contains(message, "invalid UTF-8 at line 4")) << message;
  EXPECT_FALSE(contains(message, "teborg")) << message;
}

TEST(CsvReader, MixedEncodingsAreAnError) {
  const std::string message = error_of("id;ort\n1;Malm\xF6\n2;V\xC3\xA4xj\xC3\xB6\n");
  EXPECT_TRUE(contains(message, "mixed encodings at line 3")) << message;
}

TEST(CsvReader, CharacterSplitAcrossChunkBoundary) {
  const std::string head = "id;text\n1;";
  // Put "å" (C3 A5) so that the first chunk ends after C3, and "€" (E2 82 AC) across the next.
  std::string text = head + std::string(kReadChunkBytes - 1 - head.size(), 'a') + "å";
  text += std::string(2 * kReadChunkBytes - 2 - text.size(), 'b') + "€\n2;x\n";
  CsvOptions options;
  options.max_field_bytes = 4 * kReadChunkBytes;
  const Parsed p = parse(text, options);
  EXPECT_EQ(p.encoding, Encoding::utf8);
  ASSERT_EQ(p.records.size(), 2u);
  const std::string& v = p.records[0].values[1];
  ASSERT_EQ(v.size(), text.size() - head.size() - 5);
  EXPECT_EQ(v.substr(kReadChunkBytes - 1 - head.size(), 3), "åb");
  EXPECT_EQ(v.substr(v.size() - 4), "b€");
  EXPECT_EQ(p.records[1].values, (Values{"2", "x"}));
  EXPECT_EQ(p.records[1].line, 3u);
  EXPECT_EQ(p.bytes_read, text.size());
}

TEST(CsvReader, Windows1252LeadByteAtChunkBoundary) {
  // 0xC5 ("Å") is the last byte of the first chunk: telling it from UTF-8 needs the next byte.
  const std::string head = "id;text\n1;\xE5";
  std::string text = head + std::string(kReadChunkBytes - 1 - head.size(), 'a') + "\xC5r\n";
  const Parsed p = parse(text);
  EXPECT_EQ(p.encoding, Encoding::windows1252);
  ASSERT_EQ(p.records.size(), 1u);
  EXPECT_EQ(p.records[0].values[1].substr(0, 2), "å");
  const std::string& v = p.records[0].values[1];
  EXPECT_EQ(v.substr(v.size() - 3), "År");
}

TEST(CsvReader, EmptyFile) {
  EXPECT_TRUE(contains(error_of(""), "the file is empty")) << error_of("");
  EXPECT_TRUE(contains(error_of("\xEF\xBB\xBF"), "the file is empty"));
}

TEST(CsvReader, OnlyBlankLines) {
  const std::string message = error_of("\n\r\n  \n\t\r\n");
  EXPECT_TRUE(contains(message, "the file has no header line")) << message;
}

TEST(CsvReader, BlankLinesBeforeHeaderAndBetweenRecordsAreSkipped) {
  const Parsed p = parse("\n  \nid;name\n\n1;a\n\r\n\n2;b\n;\n\n");
  EXPECT_EQ(p.header, (Values{"id", "name"}));
  ASSERT_EQ(p.records.size(), 3u);
  EXPECT_EQ(p.records[0].values, (Values{"1", "a"}));
  EXPECT_EQ(p.records[0].line, 5u);
  EXPECT_EQ(p.records[1].values, (Values{"2", "b"}));
  EXPECT_EQ(p.records[1].line, 8u);
  EXPECT_EQ(p.records[2].values, (Values{"", ""}));  // only a delimiter: a record
  EXPECT_EQ(p.records[2].line, 9u);
}

TEST(CsvReader, UnbalancedQuotesNameTheStartLine) {
  const std::string message = error_of("id;note\n1;ok\n2;\"never closed\nmore\nsecret text\n");
  EXPECT_TRUE(contains(message,
                       "unbalanced quotes: the quoted field that starts at line 3 is "
                       "never closed"))
      << message;
  EXPECT_TRUE(contains(message, "note")) << message;  // the column name
  EXPECT_FALSE(contains(message, "secret")) << message;
}

TEST(CsvReader, TextAfterClosingQuote) {
  const std::string message = error_of("id;note;x\n1;\"a\nb\"c;secret\n");
  EXPECT_TRUE(contains(message, "unexpected character after closing quote at line 3, column 2"))
      << message;
  EXPECT_FALSE(contains(message, "secret")) << message;
}

TEST(CsvReader, StrayQuoteInUnquotedField) {
  const std::string message = error_of("id;note\n1;12\" secret\n");
  EXPECT_TRUE(contains(message, "unexpected quote at line 2, column 2")) << message;
  EXPECT_FALSE(contains(message, "secret")) << message;
}

TEST(CsvReader, OversizedFieldIsCutAndReadingGoesOn) {
  // 10 MB of text with line breaks and multi-byte characters, quoted.
  std::string big;
  while (big.size() < 10'000'000) big += "Ärendet gäller \"\"x\"\" och\nmer text ";
  const size_t big_lines = static_cast<size_t>(std::count(big.begin(), big.end(), '\n'));
  const std::string text = "id;note;x\n1;\"" + big + "\";after\n2;short;y\n";
  const Parsed p = parse(text);
  ASSERT_EQ(p.records.size(), 2u);
  const RawRecord& r = p.records[0];
  ASSERT_TRUE(r.oversized_field.has_value());
  EXPECT_EQ(*r.oversized_field, 1u);
  EXPECT_LE(r.values[1].size(), size_t{1} << 20);
  EXPECT_GE(r.values[1].size(), (size_t{1} << 20) - 3);
  EXPECT_EQ(r.values[1].substr(0, 16), "Ärendet gäller");
  EXPECT_EQ(r.values[2], "after");
  EXPECT_FALSE(p.records[1].oversized_field.has_value());
  EXPECT_EQ(p.records[1].values, (Values{"2", "short", "y"}));
  EXPECT_EQ(p.records[1].line, 3u + big_lines);
}

TEST(CsvReader, OversizedUnquotedFieldKeepsWholeCharacters) {
  CsvOptions options;
  options.max_field_bytes = 4;
  const Parsed p = parse("id;t\n1;aåäö\r\n2;abcd\r\n", options);
  ASSERT_EQ(p.records.size(), 2u);
  EXPECT_EQ(p.records[0].values[1], "aå");
  EXPECT_EQ(p.records[0].oversized_field, 1u);
  EXPECT_EQ(p.records[1].values[1], "abcd");
  EXPECT_FALSE(p.records[1].oversized_field.has_value());
}

TEST(CsvReader, TruncatedLastLineStillReturnsTheRecord) {
  Parsed p = parse("id;name\n1;a\n2;b");
  ASSERT_EQ(p.records.size(), 2u);
  EXPECT_EQ(p.records[1].values, (Values{"2", "b"}));
  p = parse("id;name\n1;\"a\"");
  ASSERT_EQ(p.records.size(), 1u);
  EXPECT_EQ(p.records[0].values, (Values{"1", "a"}));
  p = parse("id;name\n1;");
  ASSERT_EQ(p.records.size(), 1u);
  EXPECT_EQ(p.records[0].values, (Values{"1", ""}));
}

TEST(CsvReader, RecordsReuseStringsAndShrinkToTheRowWidth) {
  std::istringstream in("a;b;c\n1;2;3\n4\n");
  CsvReader reader(in, "t.csv");
  RawRecord r;
  ASSERT_TRUE(reader.next(r));
  EXPECT_EQ(r.values.size(), 3u);
  ASSERT_TRUE(reader.next(r));
  EXPECT_EQ(r.values, (Values{"4"}));
  EXPECT_EQ(r.line, 3u);
  EXPECT_FALSE(reader.next(r));
  EXPECT_FALSE(reader.next(r));
}

}  // namespace
}  // namespace vaksam::ingest
