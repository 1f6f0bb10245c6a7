#include "tables/population.h"

#include <gtest/gtest.h>

#include "reference/geography.h"

namespace vaksam::tables {
namespace {

TEST(Population, NationalSharesAddUpAndSplitBySex) {
  EXPECT_NEAR(national_share("", ""), 1.0, 1e-12);
  EXPECT_NEAR(national_share("female", "") + national_share("male", ""), 1.0, 1e-12);
  double bands = 0;
  for (const char* b : {"0-5", "6-12", "13-17", "18-24", "25-44", "45-64", "65-79", "80+"}) bands += national_share("", b);
  EXPECT_NEAR(bands, 1.0, 1e-12);
  EXPECT_GT(national_share("female", "80+"), national_share("male", "80+")) << "more old women than men";
  EXPECT_EQ(national_share("unknown", ""), 0.0);
}

TEST(Population, FallbackSplitsTheReferenceTotalsAndSaysItIsApproximate) {
  const auto p = Population::from_reference();
  const auto* m = reference::Geography::builtin().municipality("0180");
  bool approximate = false;
  const auto women = p.persons("0180", 2024, "female", "", &approximate);
  ASSERT_TRUE(women);
  EXPECT_TRUE(approximate);
  EXPECT_NEAR(*women, static_cast<double>(m->population) * national_share("female", ""), 1e-6);
  EXPECT_FALSE(p.persons("9999", 2024, "", ""));
  EXPECT_NE(p.note(true).find("approximate"), std::string::npos);
}

TEST(Population, AnImportedTableIsExactAndUsesTheNearestYear) {
  const auto p = Population::from_csv(
      "area_code;year;sex;age_band;population\n"
      "0180;2023;female;25-44;1000\n0180;2023;male;25-44;900\n0180;2023;female;80+;300\n"
      "0180;2024;female;25-44;1100\n",
      "pop.csv");
  bool approximate = false;
  EXPECT_DOUBLE_EQ(*p.persons("0180", 2023, "female", "", &approximate), 1300);
  EXPECT_DOUBLE_EQ(*p.persons("0180", 2023, "", "25-44"), 1900);
  EXPECT_DOUBLE_EQ(*p.persons("0180", 2030, "female", "25-44"), 1100) << "nearest year";
  EXPECT_FALSE(approximate);
  // An area the table lacks falls back to the reference split.
  EXPECT_TRUE(p.persons("1280", 2023, "female", ""));
}

TEST(Population, MalformedFilesAreRefusedWithTheLine) {
  auto fails_with = [](const char* csv, const char* what) {
    try {
      Population::from_csv(csv, "pop.csv");
      ADD_FAILURE() << "accepted: " << csv;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
    }
  };
  fails_with("area;year\n", "header");
  fails_with("area_code;year;sex;age_band;population\n9999;2024;female;25-44;1\n", "pop.csv:2: unknown area");
  fails_with("area_code;year;sex;age_band;population\n0180;2024;woman;25-44;1\n", "sex must be");
  fails_with("area_code;year;sex;age_band;population\n0180;2024;female;25-44;-3\n", ">= 0");
  fails_with("area_code;year;sex;age_band;population\n0180;20x4;female;25-44;3\n", "year");
  fails_with("", "empty");
}

}  // namespace
}  // namespace vaksam::tables
