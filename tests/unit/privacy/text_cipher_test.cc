#include "privacy/text_cipher.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace vaksam::privacy {
namespace {

TEST(TextCipher, SealsAndOpensBoundToItsContext) {
  const Key k = random_key();
  TextCipher cipher({{1, k}});
  const std::string text = "Hon berättade att sambon slog henne. Åäö €";
  const std::string sealed = cipher.seal(text, "cases.narrative/C1");
  EXPECT_TRUE(TextCipher::is_sealed(sealed));
  EXPECT_EQ(sealed.find("sambon"), std::string::npos);
  EXPECT_EQ(sealed.size(), text.size() + 4 + 4 + 24 + 16);
  EXPECT_EQ(cipher.open(sealed, "cases.narrative/C1"), text);
  EXPECT_THROW(cipher.open(sealed, "cases.narrative/C2"), Error) << "moved to another record";
  EXPECT_NE(cipher.seal(text, "x"), cipher.seal(text, "x")) << "a fresh nonce each time";
  EXPECT_EQ(cipher.open(cipher.seal("", "x"), "x"), "");
}

TEST(TextCipher, DetectsAlterationAndTheWrongKey) {
  TextCipher cipher({{1, random_key()}});
  std::string sealed = cipher.seal("text", "c");
  sealed[sealed.size() - 3] ^= 1;
  EXPECT_THROW(cipher.open(sealed, "c"), Error);
  TextCipher other({{1, random_key()}});
  EXPECT_THROW(other.open(cipher.seal("text", "c"), "c"), Error);
  EXPECT_THROW(cipher.open("not sealed at all", "c"), Error);
}

TEST(TextCipher, NewestGenerationSealsOlderOnesStillOpen) {
  const Key k1 = random_key(), k2 = random_key();
  TextCipher old_cipher({{1, k1}});
  const std::string sealed1 = old_cipher.seal("gammal", "c");
  TextCipher both({{1, k1}, {2, k2}});
  EXPECT_EQ(both.current_generation(), 2u);
  EXPECT_EQ(TextCipher::generation_of(both.seal("ny", "c")), 2u);
  EXPECT_EQ(both.open(sealed1, "c"), "gammal");
  TextCipher only_new({{2, k2}});
  EXPECT_THROW(only_new.open(sealed1, "c"), Error) << "a retired generation is gone";
}

TEST(TextCipher, KeysAreWrappedUnderTheWrappingKey) {
  const Key data = random_key(), wrapping = random_key();
  const std::string wrapped = wrap_key(data, wrapping, 3);
  EXPECT_EQ(unwrap_key(wrapped, wrapping, 3), data);
  EXPECT_THROW(unwrap_key(wrapped, random_key(), 3), Error);
  EXPECT_THROW(unwrap_key(wrapped, wrapping, 4), Error) << "the generation is bound in";
}

}  // namespace
}  // namespace vaksam::privacy
