#include "privacy/pseudonymizer.h"

#include <gtest/gtest.h>

#include <string>

namespace vaksam::privacy {
namespace {

constexpr Date kToday{2025, 6, 15};

using Key = std::array<unsigned char, kPseudonymKeyBytes>;

Key key_filled_with(unsigned char first) {
  Key key;
  for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<unsigned char>(first + i);
  return key;
}

IdentityNumber number(const char* text) {
  IdentityParse p = parse_identity_number(text, kToday);
  EXPECT_TRUE(p.number) << text;
  return p.number.value_or(IdentityNumber{});
}

TEST(Pseudonymizer, HasTheDocumentedFormat) {
  const std::string p = Pseudonymizer(key_filled_with(1)).pseudonym(number("811218-9876"));
  ASSERT_EQ(p.size(), 2u + 32u);
  EXPECT_EQ(p.substr(0, 2), "p_");
  for (char c : p.substr(2)) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << p;
  EXPECT_EQ(p.find("811218"), std::string::npos);
}

TEST(Pseudonymizer, MatchesHmacSha256KnownAnswers) {
  // Computed independently (Python hmac): key bytes 1..32, message "198112189876".
  EXPECT_EQ(Pseudonymizer(key_filled_with(1)).pseudonym(number("811218-9876")),
            "p_b398df9ae88223daf82e2d554889d510");
  // RFC 4231 test case 2: HMAC pads a short key with zeros, so "Jefe" + 28 zero
  // bytes is the same key. The message goes in digits12 only to test the MAC.
  Key jefe{};
  jefe[0] = 'J', jefe[1] = 'e', jefe[2] = 'f', jefe[3] = 'e';
  IdentityNumber n{IdentityKind::personnummer, {}, "what do ya want for nothing?"};
  EXPECT_EQ(Pseudonymizer(jefe).pseudonym(n), "p_5bdcc146bf60754e6a042426089575c7");
}

TEST(Pseudonymizer, SameNumberSameKeySamePseudonym) {
  const Pseudonymizer a(key_filled_with(7));
  const Pseudonymizer b(key_filled_with(7));
  EXPECT_EQ(a.pseudonym(number("811218-9876")), a.pseudonym(number("811218-9876")));
  EXPECT_EQ(a.pseudonym(number("811218-9876")), b.pseudonym(number("811218-9876")));
  // Every written form of one number is one person.
  EXPECT_EQ(a.pseudonym(number("811218-9876")), a.pseudonym(number("198112189876")));
  const Pseudonymizer copy = a;
  EXPECT_EQ(copy.pseudonym(number("701063-2391")), a.pseudonym(number("701063-2391")));
}

TEST(Pseudonymizer, DiffersAcrossKeysAndNumbers) {
  const Pseudonymizer a(key_filled_with(7));
  const Pseudonymizer b(key_filled_with(8));
  Key one_bit = key_filled_with(7);
  one_bit[31] ^= 1;
  const Pseudonymizer c(one_bit);
  const IdentityNumber n = number("811218-9876");
  EXPECT_NE(a.pseudonym(n), b.pseudonym(n));
  EXPECT_NE(a.pseudonym(n), c.pseudonym(n));
  EXPECT_NE(a.pseudonym(n), a.pseudonym(number("19121212-1212")));
  EXPECT_NE(a.pseudonym(number("121212-1212")), a.pseudonym(number("121212+1212")));
}

}  // namespace
}  // namespace vaksam::privacy
