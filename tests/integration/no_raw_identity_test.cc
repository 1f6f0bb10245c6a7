// After importing a file full of identity numbers, none of them is anywhere:
// not in the database (nor its WAL), the reject file, or what vaksam printed.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "integration/cli_harness.h"
#include "privacy/identity_number.h"

namespace vaksam::testing {
namespace {

struct Number {
  std::string twelve;  // YYYYMMDDNNNC
  std::string ten() const { return twelve.substr(2); }
  std::string dashed10() const { return twelve.substr(2, 6) + "-" + twelve.substr(8); }
  std::string dashed12() const { return twelve.substr(0, 8) + "-" + twelve.substr(8); }
};

// Fictitious numbers: birth numbers 980-999 are set aside for tests.
std::vector<Number> make_numbers(int n, std::mt19937& rng) {
  std::vector<Number> out;
  for (int i = 0; i < n; ++i) {
    const int year = 1935 + static_cast<int>(rng() % 80), month = 1 + static_cast<int>(rng() % 12);
    int day = 1 + static_cast<int>(rng() % 28);
    if (i % 5 == 0) day += 60;  // samordningsnummer
    char date[16];
    std::snprintf(date, sizeof date, "%04d%02d%02d", year, month, day);
    const std::string serial = std::to_string(980 + static_cast<int>(rng() % 20));
    const std::string nine = std::string(date).substr(2) + serial;
    out.push_back({std::string(date) + serial + vaksam::privacy::luhn_check_digit(nine)});
  }
  return out;
}

TEST(NoRawIdentityNumber, AnywhereAfterImportingAFileFullOfThem) {
  TempDir dir;
  ASSERT_EQ(run_vaksam(dir, {"init"}).exit_code, 0);
  ASSERT_EQ(run_vaksam(dir, {"import", example("principals.csv"), example("units.csv")}).exit_code, 0);
  std::mt19937 rng(20261123);
  const auto numbers = make_numbers(300, rng);
  std::string csv =
      "case_id;case_kind;received_date;unit_id;principal_id;subject_pnr;subject_sex;subject_age_band;"
      "vulnerabilities;narrative\n";
  for (size_t i = 0; i < numbers.size(); ++i) {
    const Number& n = numbers[i];
    const std::string field = i % 3 == 0 ? n.dashed10() : i % 3 == 1 ? n.dashed12() : n.twelve;
    const std::string other = numbers[(i + 1) % numbers.size()].dashed10();
    // Every tenth row is invalid (a bad date), so it lands in the reject file.
    const std::string date = i % 10 == 9 ? "2024-02-30" : "2024-03-01";
    csv += "N" + std::to_string(i) + ";complaint;" + date + ";U-IFO-0180;;" + field + ";;;;" +
           "Anmälaren (pnr " + n.ten() + ") uppger att grannen " + other + " och " +
           numbers[(i + 2) % numbers.size()].dashed12() + " hörde bråk.\n";
  }
  const std::string rejects = dir.file("rejected.csv");
  auto r = run_vaksam(dir, {"import", "--reject-file", rejects, dir.write("cases.csv", csv)});
  ASSERT_EQ(r.exit_code, 3) << r.err;
  EXPECT_EQ(query_one(dir.file("v.db"), "SELECT COUNT(*) FROM cases"), "270");
  EXPECT_EQ(query_one(dir.file("v.db"), "SELECT COUNT(DISTINCT subject_pseudonym) FROM cases"), "270");
  std::filesystem::remove(dir.file("cases.csv"));  // the input itself of course holds them

  std::string everything = r.out + r.err;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
    if (entry.path().filename() != "cases.csv") everything += read_file(entry.path().string());
  ASSERT_GT(everything.size(), 50000u);
  EXPECT_NE(everything.find("[PERSONNUMMER]"), std::string::npos);
  for (const auto& n : numbers) {
    for (const std::string& form : {n.twelve, n.ten(), n.dashed10(), n.dashed12()})
      ASSERT_EQ(everything.find(form), std::string::npos) << "found a raw identity number in the output";
  }
}

TEST(NoRawIdentityNumber, SexAndAgeBandAreDerivedBeforeTheNumberIsDropped) {
  TempDir dir;
  ASSERT_EQ(run_vaksam(dir, {"init"}).exit_code, 0);
  ASSERT_EQ(run_vaksam(dir, {"import", example("principals.csv"), example("units.csv")}).exit_code, 0);
  // 850314-9828: a woman (8 is even), 38 on 2024-02-12. 19900374-9869: a samordningsnummer, a woman.
  const std::string csv =
      "case_id;case_kind;received_date;unit_id;subject_pnr\n"
      "A;complaint;2024-02-12;U-IFO-0180;850314-9828\n"
      "B;complaint;2024-02-12;U-IFO-0180;19900374-9869\n"
      "C;complaint;2024-02-12;U-IFO-0180;850314-9828\n";
  ASSERT_EQ(run_vaksam(dir, {"import", dir.write("c.csv", csv)}).exit_code, 0);
  EXPECT_EQ(query_one(dir.file("v.db"), "SELECT subject_sex || ' ' || subject_age_band FROM cases WHERE case_id='A'"),
            "female 25-44");
  EXPECT_EQ(query_one(dir.file("v.db"), "SELECT subject_sex || ' ' || subject_age_band FROM cases WHERE case_id='B'"),
            "female 25-44");
  // The same person gets the same pseudonym.
  EXPECT_EQ(query_one(dir.file("v.db"), "SELECT COUNT(DISTINCT subject_pseudonym) FROM cases"), "2");
}

}  // namespace
}  // namespace vaksam::testing
