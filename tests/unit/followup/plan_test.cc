#include "followup/plan.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "common/error.h"

namespace vaksam::followup {
namespace {

std::vector<PlanCandidate> ranked(size_t n) {
  std::vector<PlanCandidate> out;
  for (size_t i = 0; i < n; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "U%04zu", i);
    out.push_back({id, std::string("Unit ") + id, i % 2 ? "01" : "14", static_cast<int64_t>(i + 1), 100.0 - i * 0.01, ""});
  }
  return out;
}

TEST(Plan, CapacityIsFilledByLotFollowUpAndRank) {
  const auto c = ranked(1000);
  PlanOptions o;
  o.capacity = 100;
  o.random_share = 0.1;
  o.follow_up_share = 0.05;
  std::vector<FollowUpNeed> needs = {{"U0500", "escalated"}, {"U0001", "accepted, verify"}, {"NOPE", "unknown"}};
  const auto plan = make_plan(c, needs, o);
  ASSERT_EQ(plan.size(), 100u);
  std::map<std::string, int> by;
  std::set<std::string> ids;
  for (const auto& i : plan) {
    ++by[i.selection];
    EXPECT_TRUE(ids.insert(i.id).second) << "twice: " << i.id;
    EXPECT_FALSE(i.reason.empty());
  }
  EXPECT_EQ(by["random"], 10);
  EXPECT_EQ(by["follow_up"], 2);
  EXPECT_EQ(by["priority"], 88);
  // The priority items are the best ranked not already chosen.
  int64_t last = 0;
  for (const auto& i : plan)
    if (i.selection == "priority") {
      EXPECT_GT(i.rank, last);
      last = i.rank;
    }
  EXPECT_LE(last, 100);
}

TEST(Plan, TheLotIsReproducibleAndIndependentOfTheRanking) {
  auto c = ranked(500);
  PlanOptions o;
  o.capacity = 50;
  o.random_share = 0.2;
  o.seed = 42;
  auto random_ids = [&](const std::vector<PlanCandidate>& cands) {
    std::vector<std::string> out;
    for (const auto& i : make_plan(cands, {}, o))
      if (i.selection == "random") out.push_back(i.id);
    return out;
  };
  const auto a = random_ids(c);
  EXPECT_EQ(a.size(), 10u);
  EXPECT_EQ(a, random_ids(c));
  // Reverse the ranking (and the order given): the same entities are drawn.
  auto reversed = c;
  for (auto& x : reversed) x.rank = 501 - x.rank;
  std::reverse(reversed.begin(), reversed.end());
  EXPECT_EQ(a, random_ids(reversed));
  o.seed = 43;
  EXPECT_NE(a, random_ids(c));
}

TEST(Plan, TheLotCoversTheWholeRangeOfRisk) {
  // Over many seeds every entity is about equally likely to be drawn, whatever its rank.
  const auto c = ranked(100);
  PlanOptions o;
  o.capacity = 10;
  o.random_share = 1.0;
  o.follow_up_share = 0;
  std::vector<int> drawn(100, 0);
  for (uint64_t seed = 1; seed <= 2000; ++seed) {
    o.seed = seed;
    for (const auto& i : make_plan(c, {}, o)) ++drawn[i.rank - 1];
  }
  int top = 0, bottom = 0;
  for (int i = 0; i < 50; ++i) top += drawn[i], bottom += drawn[50 + i];
  EXPECT_NEAR(top / 20000.0, 0.5, 0.02);  // 20,000 draws in all; sd of the share is 0.0035
  for (int n : drawn) EXPECT_GT(n, 120);  // expected 200 each
}

TEST(Plan, PerRegionCapacities) {
  const auto c = ranked(100);
  PlanOptions o;
  o.capacity_by_region = {{"01", 5}, {"14", 3}};
  o.random_share = 0.2;
  const auto plan = make_plan(c, {}, o);
  ASSERT_EQ(plan.size(), 8u);
  std::map<std::string, int> per;
  for (const auto& i : plan) ++per[i.region_code];
  EXPECT_EQ(per["01"], 5);
  EXPECT_EQ(per["14"], 3);
}

TEST(Plan, BadRequestsAreRefusedWithAReason) {
  const auto c = ranked(20);
  PlanOptions o;
  o.capacity = 0;
  EXPECT_EQ(check_plan(c, o).value_or(""), "the capacity must be at least 1");
  o.capacity = 21;
  EXPECT_EQ(check_plan(c, o).value_or(""), "the capacity 21 is more than the 20 entities that can be inspected");
  o.capacity = 20;
  EXPECT_FALSE(check_plan(c, o));
  o.random_share = 1.5;
  EXPECT_TRUE(check_plan(c, o));
  o.random_share = 0.1;
  auto dup = c;
  dup.push_back(c[3]);
  EXPECT_EQ(check_plan(dup, o).value_or(""), "the entity U0003 appears twice");
  o.capacity = 0;
  o.capacity_by_region = {{"99", 1}};
  EXPECT_EQ(check_plan(c, o).value_or(""), "the capacity 1 of region 99 is more than its 0 entities");
  EXPECT_THROW(make_plan(c, {}, o), Error);
}

TEST(Plan, ExecutedPlansComeBackAsInspectionTypes) {
  EXPECT_EQ(inspection_type_of("random"), "random");
  EXPECT_EQ(inspection_type_of("priority"), "risk_based");
  EXPECT_EQ(inspection_type_of("follow_up"), "follow_up");
}

}  // namespace
}  // namespace vaksam::followup
