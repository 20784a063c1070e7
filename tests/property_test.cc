// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Properties over random documents made of real text, junk and hostile
// bytes: the Result contract always holds. (Cleaning twice changes nothing
// more on every test document; on random splices of junk it may, when a cut
// leaves a line that only then matches a line rule.)
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "tests/test_util.h"
#include "textwash/textwash.h"

namespace textwash {
namespace {

const std::vector<std::string>& Fragments() {
  static const std::vector<std::string> kFragments = {
      "意识形态责任制落实不到位。", "##paidbegin##", "##paidend##\n", "$$paidend$$",
      "查找更多最新资料，请加【公众号：老！船-长君】", "V信：abc_2023", "1 3 8-0013 8000",
      "一三八零零一三八零零零", "\n", "\n\n\n", "\r\n", "\r", "\u200B", "\uFEFF",
      "\xFF", "\xE4\xB8", "\xC0\xAF", std::string("\0", 1), "\x01", "\t", "   ",
      "【某某素材库】——每天更新，会员群同步更新", "第2页共8页", "还剩5页未读，继续阅读",
      "The quick brown fox jumps over the lazy dog. ", "Call 1-800-555-0199 now!",
      "ADVERTISEMENT\n", "hNl7Yx3", "工作计划 卫生院工作计划 范文", "纞嬶鬐鼃犫麢",
      "https://www.example.com/a?b=1", "SALES@EXAMPLE.COM", "192.168.1.20",
      "这是一段足够长的重复的正文内容，用来测试重复行。\n", "（4092字）", "2、", "“", "”",
      "【", "】", "（", "）", "。", "！", "？", ".", "?", "a", "中",
  };
  return kFragments;
}

std::string RandomDocument(std::mt19937& rng) {
  const auto& fragments = Fragments();
  std::uniform_int_distribution<size_t> pick(0, fragments.size() - 1);
  std::uniform_int_distribution<int> count(0, 60);
  std::string doc;
  for (int n = count(rng); n > 0; --n) doc += fragments[pick(rng)];
  return doc;
}

TEST(PropertyTest, ContractOnRandomDocuments) {
  auto cleaner = testing::MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  std::mt19937 rng(20261125);
  for (int i = 0; i < 3000; ++i) {
    const std::string doc = RandomDocument(rng);
    SCOPED_TRACE("document " + std::to_string(i));
    const Result r = cleaner->Clean(doc);
    testing::ExpectResultContract(*cleaner, doc, r);
    // Only U+FFFD (3 bytes for 1) and marker spaces can grow the text.
    EXPECT_LE(r.text.size(), 3 * doc.size());
    if (HasFailure()) break;
  }
}

TEST(PropertyTest, RandomBytesNeverBreakTheContract) {
  auto cleaner = testing::MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> byte(0, 255), length(0, 400);
  for (int i = 0; i < 3000; ++i) {
    std::string doc(length(rng), '\0');
    for (char& c : doc) c = static_cast<char>(byte(rng));
    SCOPED_TRACE("document " + std::to_string(i));
    testing::ExpectResultContract(*cleaner, doc, cleaner->Clean(doc));
    if (HasFailure()) break;
  }
}

// Pieces of what each opt-in normalizer rewrites: mojibake, traditional
// characters, Markdown, punctuation.
const std::vector<std::string>& NormalizerFragments() {
  static const std::vector<std::string> kFragments = {
      "caf\u00C3\u00A9", "\u00E2\u20AC\u2122", "\u00C3 ", "\xC2\x80", "浣犲ソ", "涓栫晫",
      "頧祈蝸霂瑟釣", "這是繁體", "乾燥", "# ", "**", "*", "_", "~~", "`", "```\n",
      "[a](http://x.y)", "![b](c)", "- ", "> ", "---\n", ",", ":", "!", "(", ")", "\"",
      "ＡＢ１", "[r]: u\n", "[t][r]", "正文", "text", " ", "\n", "\n\n", "3.14",
  };
  return kFragments;
}

// A document of up to `max_pieces` random `fragments`.
std::string Splice(const std::vector<std::string>& fragments, int max_pieces, std::mt19937& rng) {
  std::uniform_int_distribution<size_t> pick(0, fragments.size() - 1);
  std::string doc;
  for (int n = std::uniform_int_distribution<int>(0, max_pieces)(rng); n > 0; --n) {
    doc += fragments[pick(rng)];
  }
  return doc;
}

Options EveryNormalizer() {
  Options options;
  options.fix_mojibake = true;
  options.to_simplified = true;
  options.strip_markdown = true;
  options.keep_link_urls = true;
  options.normalize_punct = true;
  return options;
}

TEST(PropertyTest, NormalizersKeepTheContractAmongJunk) {
  auto cleaner = testing::MakeCleaner(EveryNormalizer());
  ASSERT_NE(cleaner, nullptr);
  std::vector<std::string> fragments = Fragments();
  fragments.insert(fragments.end(), NormalizerFragments().begin(), NormalizerFragments().end());
  std::mt19937 rng(20261126);
  for (int i = 0; i < 2000; ++i) {
    const std::string doc = Splice(fragments, 40, rng);
    SCOPED_TRACE("document " + std::to_string(i));
    testing::ExpectResultContract(*cleaner, doc, cleaner->Clean(doc));
    if (HasFailure()) break;
  }
}

// Each normalizer's output is a fixed point of all of them.
TEST(PropertyTest, NormalizingTwiceChangesNothingMore) {
  Options options = EveryNormalizer();
  options.default_rules = false;
  options.noise = false;
  auto cleaner = testing::MakeCleaner(options);
  ASSERT_NE(cleaner, nullptr);
  std::mt19937 rng(20261127);
  for (int i = 0; i < 3000; ++i) {
    const std::string doc = Splice(NormalizerFragments(), 40, rng);
    SCOPED_TRACE("document " + std::to_string(i) + ": " + doc);
    const Result r = cleaner->Clean(doc);
    testing::ExpectResultContract(*cleaner, doc, r);
    EXPECT_EQ(cleaner->Clean(r.text).text, r.text);
    if (HasFailure()) break;
  }
}

}  // namespace
}  // namespace textwash
