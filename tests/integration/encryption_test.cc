// Free text at rest is sealed: a copy of the database file shows none of it, and
// rotating the data key seals every text again and retires the old key.
#include <gtest/gtest.h>

#include <filesystem>

#include "integration/cli_harness.h"

namespace vaksam::testing {
namespace {

class Encryption : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run_vaksam(dir_, {"init"}).exit_code, 0);
    ASSERT_EQ(run_vaksam(dir_, {"import", example("principals.csv"), example("units.csv"), example("cases.csv"),
                                example("inspections.csv")})
                  .exit_code, 0);
    ASSERT_EQ(run_vaksam(dir_, {"screen"}).exit_code, 0);
  }
  // Everything on disk that belongs to the database, as a thief copying it would get it.
  std::string database_bytes() const {
    std::string all;
    for (const char* suffix : {"", "-wal", "-journal"})
      if (std::filesystem::exists(dir_.file(std::string("v.db") + suffix)))
        all += read_file(dir_.file(std::string("v.db") + suffix));
    return all;
  }
  TempDir dir_;
};

TEST_F(Encryption, ACopiedDatabaseFileShowsNoText) {
  const std::string bytes = database_bytes();
  ASSERT_GT(bytes.size(), 10000u);
  // Phrases from the example narratives and inspection summaries, and evidence the screening stored.
  for (const char* phrase : {"sambo slagit henne", "riskbedömning gjordes", "avskiljning", "giftas bort",
                             "Granskning av socialtjänstens", "struptag"})
    EXPECT_EQ(bytes.find(phrase), std::string::npos) << phrase;
  // The owner of the key reads them.
  auto r = run_vaksam(dir_, {"case", "C-2024-0001", "--field", "narrative"});
  EXPECT_NE(r.out.find("sambo slagit henne"), std::string::npos) << r.err;
  EXPECT_NE(run_vaksam(dir_, {"explain", "C-2024-0006"}).out.find("struptag"), std::string::npos);
}

TEST_F(Encryption, RotationSealsEveryTextAgainAndRetiresTheOldKey) {
  const std::string before = query_one(dir_.file("v.db"), "SELECT hex(narrative) FROM cases WHERE case_id='C-2024-0001'");
  auto r = run_vaksam(dir_, {"key", "rotate"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // 8 narratives, 2 of 3 inspection summaries (one is empty), 8 screening results.
  EXPECT_NE(r.out.find("generation 2: 18 texts"), std::string::npos) << r.out;
  EXPECT_EQ(query_one(dir_.file("v.db"), "SELECT group_concat(generation) FROM data_keys"), "2");
  EXPECT_NE(query_one(dir_.file("v.db"), "SELECT hex(narrative) FROM cases WHERE case_id='C-2024-0001'"), before);
  EXPECT_NE(run_vaksam(dir_, {"case", "C-2024-0001", "--field", "narrative"}).out.find("sambo slagit henne"),
            std::string::npos);
  EXPECT_NE(run_vaksam(dir_, {"explain", "C-2024-0006", "--json"}).out.find("\"evidence\""), std::string::npos);
  EXPECT_EQ(run_vaksam(dir_, {"audit", "verify"}).exit_code, 0);
  EXPECT_EQ(query_one(dir_.file("v.db"), "SELECT object_id FROM audit_log WHERE action = 'rotate_data_key'"), "2");
  const std::string bytes = database_bytes();
  EXPECT_EQ(bytes.find("sambo slagit henne"), std::string::npos);
}

}  // namespace
}  // namespace vaksam::testing

namespace vaksam::testing {
namespace {

TEST(RedactedView, NamesAndNumbersAreReplacedForAnalysts) {
  TempDir dir;
  ASSERT_EQ(run_vaksam(dir, {"init"}).exit_code, 0);
  ASSERT_EQ(run_vaksam(dir, {"import", example("principals.csv"), example("units.csv")}).exit_code, 0);
  const std::string csv =
      "case_id;case_kind;received_date;unit_id;narrative\n"
      "R1;complaint;2024-02-12;U-IFO-0180;\"Undersköterskan Karin Lindqvist ringde från 070-123 45 67 och "
      "berättade att Leila, som bor på Storgatan 12 i 123 45 Norrby, hade blåmärken.\"\n";
  ASSERT_EQ(run_vaksam(dir, {"import", dir.write("c.csv", csv)}).exit_code, 0);
  auto full = run_vaksam(dir, {"case", "R1", "--field", "narrative"}).out;
  EXPECT_NE(full.find("Karin Lindqvist"), std::string::npos);
  auto redacted = run_vaksam(dir, {"case", "R1", "--field", "narrative", "--redacted"}).out;
  for (const char* gone : {"Karin", "Lindqvist", "070-123 45 67", "Storgatan 12", "123 45", "Leila"})
    EXPECT_EQ(redacted.find(gone), std::string::npos) << gone << " in: " << redacted;
  for (const char* placeholder : {"[NAMN]", "[TELEFON]", "[ADRESS]", "[POSTNUMMER]"})
    EXPECT_NE(redacted.find(placeholder), std::string::npos) << placeholder << " in: " << redacted;
  EXPECT_NE(redacted.find("blåmärken"), std::string::npos);
  EXPECT_EQ(query_one(dir.file("v.db"), "SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1"),
            "read_case_text_redacted");
}

}  // namespace
}  // namespace vaksam::testing
