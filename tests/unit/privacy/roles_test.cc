#include "privacy/roles.h"

#include <gtest/gtest.h>

namespace vaksam::privacy {
namespace {

TEST(Roles, NamesRoundTrip) {
  for (Role r : all_roles()) EXPECT_EQ(role_from_name(role_name(r)), r);
  EXPECT_FALSE(role_from_name("superuser"));
  EXPECT_EQ(all_roles().size(), 5u);
}

TEST(Roles, ViewerSeesOnlyAggregates) {
  const auto& p = permissions(Role::viewer);
  EXPECT_TRUE(p.aggregates);
  EXPECT_EQ(p.case_text, TextAccess::none);
  EXPECT_FALSE(p.case_records || p.pseudonyms || p.risk_and_followup || p.audit_trail || p.write || p.administer);
}

TEST(Roles, AnalystSeesRedactedPseudonymisedCases) {
  const auto& p = permissions(Role::analyst);
  EXPECT_EQ(p.case_text, TextAccess::redacted);
  EXPECT_TRUE(p.case_records && p.pseudonyms && p.risk_and_followup && p.write);
  EXPECT_FALSE(p.audit_trail || p.administer);
}

TEST(Roles, InspectorSeesFullTextOnlyWhenAssigned) {
  const auto& p = permissions(Role::inspector);
  EXPECT_EQ(p.case_text, TextAccess::full);
  EXPECT_TRUE(p.full_text_only_when_assigned);
  EXPECT_FALSE(p.audit_trail || p.administer);
}

TEST(Roles, AuditorSeesTheTrailButNoCaseContent) {
  const auto& p = permissions(Role::auditor);
  EXPECT_TRUE(p.audit_trail);
  EXPECT_EQ(p.case_text, TextAccess::none);
  EXPECT_FALSE(p.case_records || p.pseudonyms || p.write || p.administer);
}

TEST(Roles, OnlyTheAdministratorAdministers) {
  for (Role r : all_roles()) EXPECT_EQ(permissions(r).administer, r == Role::administrator) << role_name(r);
}

}  // namespace
}  // namespace vaksam::privacy
