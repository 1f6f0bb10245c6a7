// Every kind of bad input gets a clear message naming file, line and field, and
// leaves the store exactly as it was.
#include <gtest/gtest.h>

#include "integration/cli_harness.h"

namespace vaksam::testing {
namespace {

const std::string kHeader =
    "case_id;case_kind;received_date;unit_id;principal_id;subject_pnr;subject_sex;subject_age_band;"
    "vulnerabilities;narrative\n";
const std::string kGoodRow = "C1;complaint;2024-02-12;U-IFO-0180;;;female;25-44;;Ett klagomål.\n";

class BadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run_vaksam(dir_, {"init"}).exit_code, 0);
    auto r = run_vaksam(dir_, {"import", example("principals.csv"), example("units.csv")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    before_ = dump_store(dir_.file("v.db"));
  }

  // Imports `content` as `name`; expects a refusal whose stderr holds every one of `expected`.
  RunResult expect_refused(const std::string& name, const std::string& content,
                           const std::vector<std::string>& expected, std::vector<std::string> extra = {}) {
    const std::string path = dir_.write(name, content);
    std::vector<std::string> args{"import"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(path);
    RunResult r = run_vaksam(dir_, args);
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    for (const auto& e : expected) EXPECT_NE(r.err.find(e), std::string::npos) << "missing '" << e << "' in:\n" << r.err;
    EXPECT_NE(r.err.find(name), std::string::npos) << "the message must name the file:\n" << r.err;
    EXPECT_EQ(dump_store(dir_.file("v.db")), before_) << "the store changed";
    return r;
  }

  TempDir dir_;
  std::string before_;
};

TEST_F(BadInput, TruncatedRow) {
  expect_refused("cases.csv", kHeader + kGoodRow + "C2;complaint;2024-02-1", {":3:", "expected 10 values but found 3"});
}

TEST_F(BadInput, TruncatedInsideQuotedField) {
  expect_refused("cases.csv", kHeader + kGoodRow + "C2;complaint;2024-02-12;U-IFO-0180;;;;;;\"Texten bröts av mitt i",
                 {"unbalanced quotes", "line 3"});
}

TEST_F(BadInput, WrongDelimiter) {
  std::string content = kHeader + kGoodRow;
  for (char& c : content)
    if (c == ';') c = '|';
  expect_refused("cases.csv", content, {"delimiter"});
}

TEST_F(BadInput, UnbalancedQuotes) {
  expect_refused("cases.csv", kHeader + "C1;complaint;2024-02-12;U-IFO-0180;;;;;;\"Citat utan slut\n" + kGoodRow,
                 {"unbalanced quotes", "line 2"});
}

TEST_F(BadInput, InvalidUtf8) {
  expect_refused("cases.csv", kHeader + "C1;complaint;2024-02-12;U-IFO-0180;;;;;;Våld \xC3\x28 här\n",
                 {"invalid UTF-8", "line 2"});
}

TEST_F(BadInput, EmptyFile) { expect_refused("cases.csv", "", {"empty"}); }

TEST_F(BadInput, FileOfEmptyLines) { expect_refused("cases.csv", "\n\n\r\n  \n\n", {"no header"}); }

TEST_F(BadInput, HeaderMissingARequiredColumn) {
  expect_refused("cases.csv", "case_id;case_kind;unit_id\nC1;complaint;U-IFO-0180\n",
                 {":1:", "received_date", "missing"}, {"--entity", "cases"});
}

TEST_F(BadInput, UnknownColumn) {
  expect_refused("cases.csv",
                 "case_id;case_kind;received_date;unit_id;favourite_colour\nC1;complaint;2024-02-12;U-IFO-0180;blå\n",
                 {":1:", "unknown column 'favourite_colour'"});
}

TEST_F(BadInput, DuplicateIdsInOneFile) {
  expect_refused("cases.csv", kHeader + kGoodRow + kGoodRow, {":3:", "case_id", "same case_id as line 2"});
}

TEST_F(BadInput, ImpossibleDate) {
  expect_refused("cases.csv", kHeader + "C1;complaint;2023-02-30;U-IFO-0180;;;;;;x\n",
                 {":2:", "field received_date", "not a valid date"});
}

TEST_F(BadInput, FutureDate) {
  expect_refused("cases.csv", kHeader + "C1;complaint;2026-02-01;U-IFO-0180;;;;;;x\n",
                 {":2:", "field received_date", "lies in the future"});
}

TEST_F(BadInput, InvalidPersonnummerIsNamedButNotQuoted) {
  // 850314-9829: the check digit should be 8.
  auto r = expect_refused("cases.csv", kHeader + "C1;complaint;2024-02-12;U-IFO-0180;;850314-9829;;;;x\n",
                          {":2:", "field subject_pnr", "check digit"});
  EXPECT_EQ(r.err.find("850314"), std::string::npos);
  EXPECT_EQ(r.out.find("850314"), std::string::npos);
}

TEST_F(BadInput, UnknownKommunkod) {
  expect_refused("units.csv",
                 "unit_id;name;unit_type;principal_id;kommunkod\nU9;Gruppbostad X;lss_group_home;K0180;9999\n",
                 {":2:", "field kommunkod", "no municipality has the kommunkod 9999"});
}

TEST_F(BadInput, UnknownCodeListsTheAllowedValues) {
  expect_refused("cases.csv", kHeader + "C1;lex_karin;2024-02-12;U-IFO-0180;;;;;;x\n",
                 {":2:", "field case_kind", "lex_sarah"});
}

TEST_F(BadInput, ReferenceToAMissingUnit) {
  expect_refused("cases.csv", kHeader + "C1;complaint;2024-02-12;U-NOPE;;;;;;x\n",
                 {":2:", "field unit_id", "not in the store"});
}

TEST_F(BadInput, TenMegabyteNarrativeIsRefusedWithTheLimit) {
  std::string huge(10 * 1024 * 1024, 'a');
  expect_refused("cases.csv", kHeader + "C1;complaint;2024-02-12;U-IFO-0180;;;;;;" + huge + "\n" + kGoodRow,
                 {":2:", "field narrative", "limit of 1048576 bytes"});
}

TEST_F(BadInput, NarrativeJustUnderTheLimitIsAccepted) {
  std::string big(1024 * 1024 - 16, 'a');
  const std::string path = dir_.write("cases.csv", kHeader + "C1;complaint;2024-02-12;U-IFO-0180;;;;;;" + big + "\n");
  auto r = run_vaksam(dir_, {"import", path});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(run_vaksam(dir_, {"case", "C1", "--field", "narrative"}).out.size(), big.size());
}

TEST_F(BadInput, OneBadRowRefusesTheWholeFile) {
  std::string rows = kHeader;
  for (int i = 0; i < 50; ++i) rows += "C" + std::to_string(i) + ";complaint;2024-02-12;U-IFO-0180;;;;;;x\n";
  rows += "C99;complaint;2024-13-01;U-IFO-0180;;;;;;x\n";
  expect_refused("cases.csv", rows, {":52:", "received_date"});
}

TEST_F(BadInput, MissingFile) {
  auto r = run_vaksam(dir_, {"import", dir_.file("no-such-file.csv")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no-such-file.csv"), std::string::npos);
  EXPECT_NE(r.err.find("cannot open"), std::string::npos);
  EXPECT_EQ(dump_store(dir_.file("v.db")), before_);
}

TEST_F(BadInput, JsonLinesMalformedLine) {
  expect_refused("cases.jsonl",
                 "{\"case_id\": \"C1\", \"case_kind\": \"tip\", \"received_date\": \"2024-01-02\", \"unit_id\": \"U-IFO-0180\"}\n"
                 "{\"case_id\": \"C2\", \"case_kind\": \"tip\",\n",
                 {"line 2"});
}

}  // namespace
}  // namespace vaksam::testing
