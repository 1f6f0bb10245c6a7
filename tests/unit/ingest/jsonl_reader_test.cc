#include "ingest/jsonl_reader.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "common/error.h"

namespace vaksam::ingest {
namespace {

using Values = std::vector<std::string>;

std::vector<RawRecord> parse(const std::string& text, JsonlOptions options = {}) {
  std::istringstream in(text);
  JsonlReader reader(in, "cases.jsonl", options);
  std::vector<RawRecord> records;
  RawRecord record;
  while (reader.next(record)) records.push_back(record);
  EXPECT_EQ(reader.bytes_read(), text.size());
  return records;
}

// The message of the vaksam::Error that reading all of `text` throws, or "" if none.
std::string error_of(const std::string& text, JsonlOptions options = {}) {
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

TEST(JsonlReader, ValuesOfEachTypeBecomeText) {
  const auto records =
      parse(R"({"case_id": "A-1", "age": 42, "neg": -7, "big": 18446744073709551615, "score": 2.5,)"
            R"( "whole": 3.0, "tiny": 1e-7, "ok": true, "bad": false, "namn": "Åsa \"Ö\""})"
            "\n");
  ASSERT_EQ(records.size(), 1u);
  const RawRecord& r = records[0];
  EXPECT_EQ(r.line, 1u);
  EXPECT_EQ(r.names, (Values{"case_id", "age", "neg", "big", "score", "whole", "tiny", "ok", "bad",
                             "namn"}));
  EXPECT_EQ(r.values, (Values{"A-1", "42", "-7", "18446744073709551615", "2.5", "3", "1e-07",
                              "true", "false", "Åsa \"Ö\""}));
  EXPECT_FALSE(r.oversized_field.has_value());
}

TEST(JsonlReader, ArraysOfScalarsAreJoined) {
  const auto records = parse(R"({"codes": ["F32", 7, true, null, 1.5], "none": [], "id": "x"})");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].names, (Values{"codes", "none", "id"}));
  EXPECT_EQ(records[0].values, (Values{"F32|7|true|1.5", "", "x"}));
}

TEST(JsonlReader, NullOmitsTheKey) {
  const auto records = parse("{\"a\": null, \"b\": \"1\", \"c\": null}\n{\"a\": \"2\"}\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].names, (Values{"b"}));
  EXPECT_EQ(records[0].values, (Values{"1"}));
  EXPECT_EQ(records[1].names, (Values{"a"}));
  EXPECT_EQ(records[1].values, (Values{"2"}));
}

TEST(JsonlReader, NestedObjectsAreAnError) {
  std::string message =
      error_of("{\"id\": 1}\n{\"id\": 2, \"address\": {\"street\": \"secret\"}}\n");
  EXPECT_TRUE(contains(message, "field 'address' at line 2: nested objects are not supported"))
      << message;
  EXPECT_FALSE(contains(message, "secret")) << message;
  message = error_of("{\"m\": [[1, 2]]}\n");
  EXPECT_TRUE(contains(message, "field 'm' at line 1: nested objects are not supported"))
      << message;
  message = error_of("{\"m\": [{\"a\": 1}]}\n");
  EXPECT_TRUE(contains(message, "field 'm' at line 1: nested")) << message;
}

TEST(JsonlReader, MalformedLineNamesTheLine) {
  std::string message = error_of("{\"id\": 1}\n\n{\"id\": secret}\n");
  EXPECT_TRUE(contains(message, "malformed JSON at line 3, column 8")) << message;
  EXPECT_FALSE(contains(message, "secret")) << message;
  message = error_of("{\"id\": 1}\n{\"note\": \"secret text\n");
  EXPECT_TRUE(contains(message, "malformed JSON at line 2")) << message;
  EXPECT_FALSE(contains(message, "secret")) << message;
  message = error_of("{\"a\": 1} {\"b\": 2}\n");
  EXPECT_TRUE(contains(message, "malformed JSON at line 1")) << message;
}

TEST(JsonlReader, LineThatIsNotAnObject) {
  for (const char* line : {"[1, 2]", "\"secret\"", "42", "null"}) {
    const std::string message = error_of(std::string("{}\n") + line + "\n");
    EXPECT_TRUE(contains(message, "line 2 is not a JSON object")) << message;
    EXPECT_FALSE(contains(message, "secret")) << message;
  }
}

TEST(JsonlReader, DuplicateKeyIsAnError) {
  const std::string message = error_of("{\"id\": 1, \"id\": 2}\n");
  EXPECT_TRUE(contains(message, "field 'id' occurs twice at line 1")) << message;
}

TEST(JsonlReader, BlankLinesAreSkipped) {
  const auto records = parse("\n{\"id\": 1}\r\n  \n\t\r\n{\"id\": 2}");  // no final line break
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].line, 2u);
  EXPECT_EQ(records[1].line, 5u);
  EXPECT_EQ(records[1].values, (Values{"2"}));
}

TEST(JsonlReader, OverlongLineIsAnError) {
  JsonlOptions options;
  options.max_line_bytes = 100;
  const std::string ok = "{\"n\": \"" + std::string(80, 'x') + "\"}\n";
  const std::string long_line = "{\"n\": \"" + std::string(200, 'x') + "\"}\n";
  EXPECT_EQ(parse(ok + ok, options).size(), 2u);
  const std::string message = error_of(ok + ok + long_line, options);
  EXPECT_TRUE(contains(message, "line 3 is longer than the limit of 100 bytes")) << message;
}

TEST(JsonlReader, OverlongLineAcrossChunksIsAnError) {
  // The default limit, with a line that outgrows it over several chunks.
  const std::string text = "{\"id\": 1}\n{\"n\": \"" + std::string(5 << 20, 'x') + "\"}\n";
  const std::string message = error_of(text);
  EXPECT_TRUE(contains(message, "line 2 is longer than the limit of 4194304 bytes")) << message;
}

TEST(JsonlReader, LineSpanningChunksIsRead) {
  JsonlOptions options;
  options.max_field_bytes = 2 * kReadChunkBytes;
  const std::string note(kReadChunkBytes + 1000, 'y');
  const auto records =
      parse("{\"id\": 1}\n{\"note\": \"å" + note + "\", \"id\": 2}\n{\"id\": 3}\n", options);
  ASSERT_EQ(records.size(), 3u);
  ASSERT_EQ(records[1].values.size(), 2u);
  EXPECT_TRUE(records[1].values[0] == "å" + note);  // not EXPECT_EQ: a failure would print 1 MB
  EXPECT_EQ(records[1].values[1], "2");
  EXPECT_FALSE(records[1].oversized_field.has_value());
  EXPECT_EQ(records[1].line, 2u);
  EXPECT_EQ(records[2].line, 3u);
}

TEST(JsonlReader, OversizedStringSetsTheFieldAndKeepsTheKey) {
  JsonlOptions options;
  options.max_field_bytes = 5;
  const auto records =
      parse("{\"id\": 1, \"note\": \"abcåä\", \"x\": \"12345\"}\n{\"id\": 2}\n", options);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].names, (Values{"id", "note", "x"}));
  EXPECT_EQ(records[0].values, (Values{"1", "abcå", "12345"}));
  EXPECT_EQ(records[0].oversized_field, 1u);
  EXPECT_FALSE(records[1].oversized_field.has_value());
}

TEST(JsonlReader, InvalidUtf8NamesTheLine) {
  const std::string message = error_of("{\"id\": 1}\n{\"ort\": \"G\xF6teborg\"}\n");
  EXPECT_TRUE(contains(message, "invalid UTF-8 at line 2")) << message;
}

}  // namespace
}  // namespace vaksam::ingest
