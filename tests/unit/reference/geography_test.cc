#include "reference/geography.h"

#include <gtest/gtest.h>

#include <fstream>
#include <numeric>
#include <sstream>

namespace vaksam::reference {
namespace {

TEST(Geography, BuiltinHasAllMunicipalitiesAndRegions) {
  const auto& geo = Geography::builtin();
  EXPECT_EQ(geo.municipalities().size(), 290u);
  EXPECT_EQ(geo.regions().size(), 21u);
}

TEST(Geography, PopulationsAddUpToScbTotal) {
  const auto& geo = Geography::builtin();
  int64_t total = 0;
  for (const auto& m : geo.municipalities()) total += m.population;
  EXPECT_EQ(total, 10587710);  // SCB, Riket 31 Dec 2024
  int64_t regions = 0;
  for (const auto& r : geo.regions()) regions += r.population;
  EXPECT_EQ(regions, total);
}

TEST(Geography, LooksUpCodesWithLeadingZeros) {
  const auto& geo = Geography::builtin();
  const Municipality* m = geo.municipality("0114");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->name, "Upplands Väsby");
  EXPECT_EQ(m->region_code, "01");
  ASSERT_NE(geo.region("01"), nullptr);
  EXPECT_EQ(geo.region("01")->name, "Stockholms län");
  EXPECT_EQ(geo.municipality("114"), nullptr);
  EXPECT_EQ(geo.municipality("9999"), nullptr);
  EXPECT_EQ(geo.region("99"), nullptr);
}

TEST(Geography, EveryMunicipalityBelongsToAKnownRegion) {
  const auto& geo = Geography::builtin();
  for (const auto& m : geo.municipalities()) EXPECT_NE(geo.region(m.region_code), nullptr) << m.code;
}

TEST(Geography, BuiltinMatchesSharedReferenceWhenPresent) {
  std::ifstream shared(VAKSAM_SOURCE_DIR "/../shared/data/municipalities.csv");
  if (!shared) GTEST_SKIP() << "../shared/data is absent; the copy in data/reference is used alone";
  std::ifstream ours(VAKSAM_SOURCE_DIR "/data/reference/municipalities.csv");
  std::stringstream a, b;
  a << shared.rdbuf();
  b << ours.rdbuf();
  EXPECT_EQ(a.str(), b.str()) << "data/reference/municipalities.csv differs from ../shared/data";
}

}  // namespace
}  // namespace vaksam::reference
