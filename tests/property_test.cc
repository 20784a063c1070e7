// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Properties of Clean() over every test input (tests/data: golden, corpus,
// peers, cli) and over random documents made of real text, junk and hostile
// bytes:
//  - the Result contract: edits sorted, non-overlapping, inside the input,
//    reproducing the output (ApplyEdits); the output is valid UTF-8;
//  - the output is never longer than the input unless an edit's replacement
//    is longer than what it replaces (U+FFFD for one bad byte, a mask);
//  - cleaning the output again changes nothing;
//  - the command gives the same bytes for every thread count;
//  - CleanBatch() gives each text what Clean() gives it.
// Cleaning the output again changes nothing as long as Clean() settles
// within its passes, that is unless junk nests more than eight levels deep
// (NestedJunkSettlesWithinEightPasses).
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "tests/test_util.h"
#include "textwash/textwash.h"
#ifdef TEXTWASH_HAVE_CLI
#include "tests/cli_test_util.h"
#include "tools/jsonl.h"
#endif

namespace textwash {
namespace {

// Checks every property above but the thread count for cleaning `input`.
void ExpectProperties(const Cleaner& cleaner, std::string_view input) {
  const Result r = cleaner.Clean(input);
  testing::ExpectResultContract(cleaner, input, r);
  bool grows = false;
  for (const Edit& e : r.edits) grows = grows || e.replacement.size() > e.end - e.begin;
  if (!grows) EXPECT_LE(r.text.size(), input.size());
  const Result again = cleaner.Clean(r.text);
  EXPECT_TRUE(again.text == r.text) << testing::LineDiff(r.text, again.text);
  EXPECT_TRUE(again.edits.empty());
}

// Every test input: each file under tests/data whole, and each JSON string of
// each line of its .jsonl files (inputs, expectations and peers' outputs).
std::vector<std::pair<std::string, std::string>> EveryTestInput() {
  std::vector<std::pair<std::string, std::string>> inputs;
  for (const auto& path : testing::DataFiles("")) {
    const std::string text = testing::ReadFileOrDie(path);
    const std::string name = path.lexically_relative(testing::DataDir()).string();
    inputs.emplace_back(name, text);
#ifdef TEXTWASH_HAVE_CLI
    if (path.extension() != ".jsonl") continue;
    for (size_t q = text.find('"'); q != std::string::npos; q = text.find('"', q)) {
      std::string value;
      const auto length = cli::ReadJsonString(std::string_view(text).substr(q), &value);
      if (!length) {
        ++q;
        continue;
      }
      if (value.size() > 1) inputs.emplace_back(name + " @" + std::to_string(q), value);
      q += *length;
    }
#endif
  }
  return inputs;
}

// The defaults, masking, removal without repeats, and user rules without
// layout.
std::vector<Options> SeveralOptionSets() {
  std::vector<Options> sets(4);
  sets[1].pii = PiiMode::kMask;
  sets[2].pii = PiiMode::kRemove;
  sets[2].min_repeat_chars = 0;
  sets[3].rule_files = {testing::DataDir() + "/cli/user_rules.toml"};
  sets[3].layout = false;
  return sets;
}

TEST(PropertyTest, EveryTestInputUnderSeveralOptionSets) {
  const auto inputs = EveryTestInput();
  EXPECT_GT(inputs.size(), 150u);
  const std::vector<Options> sets = SeveralOptionSets();
  for (size_t k = 0; k < sets.size(); ++k) {
    SCOPED_TRACE("option set " + std::to_string(k));
    auto cleaner = testing::MakeCleaner(sets[k]);
    ASSERT_NE(cleaner, nullptr);
    for (const auto& [name, text] : inputs) {
      SCOPED_TRACE(name);
      ExpectProperties(*cleaner, text);
      if (HasFailure()) return;
    }
  }
}

// Each pass of Clean() cuts one level of markers nested in markers; it runs
// at most eight.
TEST(PropertyTest, NestedJunkSettlesWithinEightPasses) {
  auto cleaner = testing::MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  auto nested = [](int depth) {
    std::string marker = "##paidbegin##";
    for (int d = 1; d < depth; ++d) marker = "##pai" + marker + "dbegin##";
    return "意识形态" + marker + "责任制\n";
  };
  for (int depth = 1; depth <= 8; ++depth) {
    SCOPED_TRACE("depth " + std::to_string(depth));
    const Result r = cleaner->Clean(nested(depth));
    EXPECT_EQ(r.text, "意识形态责任制\n");
    ExpectProperties(*cleaner, nested(depth));
  }
  const Result deeper = cleaner->Clean(nested(9));
  EXPECT_EQ(deeper.text, "意识形态##paidbegin##责任制\n");
  testing::ExpectResultContract(*cleaner, nested(9), deeper);
}

#ifdef TEXTWASH_HAVE_CLI
// Every test input as a JSONL document: the command writes the same bytes
// with 1, 2 and 4 threads, and each document as Clean() cleans it.
class PropertyCliTest : public testing::ScratchDirTest {};

TEST_F(PropertyCliTest, SameOutputForEveryThreadCount) {
  const auto inputs = EveryTestInput();
  std::string jsonl;
  for (const auto& [name, text] : inputs) {
    jsonl += "{\"text\":";
    cli::AppendJsonString(text, &jsonl);
    jsonl += "}\n";
  }
  const std::string input = WriteFile("inputs.jsonl", jsonl);
  std::string want;
  auto cleaner = testing::MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  for (const auto& [name, text] : inputs) {
    want += "{\"text\":";
    cli::AppendJsonString(cleaner->Clean(text).text, &want);
    want += "}\n";
  }
  for (const char* threads : {"1", "2", "4"}) {
    SCOPED_TRACE(std::string("-j ") + threads);
    const std::string out = Path(std::string("out") + threads + ".jsonl");
    const testing::CliOutput cli = testing::RunWith({"-j", threads, input, "-o", out});
    EXPECT_EQ(cli.exit_code, 0) << cli.err;
    EXPECT_TRUE(testing::ReadFileOrDie(out) == want);
  }
}
#endif  // TEXTWASH_HAVE_CLI

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

TEST(PropertyTest, RandomDocuments) {
  auto cleaner = testing::MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  std::mt19937 rng(20261125);
  for (int i = 0; i < 3000; ++i) {
    const std::string doc = RandomDocument(rng);
    SCOPED_TRACE("document " + std::to_string(i) + ": " + doc);
    ExpectProperties(*cleaner, doc);
    if (HasFailure()) break;
  }
}

TEST(PropertyTest, RandomBytes) {
  auto cleaner = testing::MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> byte(0, 255), length(0, 400);
  for (int i = 0; i < 3000; ++i) {
    std::string doc(length(rng), '\0');
    for (char& c : doc) c = static_cast<char>(byte(rng));
    SCOPED_TRACE("document " + std::to_string(i));
    ExpectProperties(*cleaner, doc);
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

// CleanBatch() runs each stage over a group of texts, and each rule over
// every text of the group before the next rule: each text still gets what
// Clean() gives it, whatever its neighbours, under every option set.
TEST(PropertyTest, CleanBatchGivesWhatCleanGives) {
  std::vector<std::string> texts;
  for (auto& [name, text] : EveryTestInput()) texts.push_back(std::move(text));
  std::mt19937 rng(20261126);
  for (int i = 0; i < 1500; ++i) texts.push_back(RandomDocument(rng));
  for (int i = 0; i < 300; ++i) texts.push_back(Splice(NormalizerFragments(), 40, rng));
  for (int i = 0; i < 300; ++i) {
    std::string doc(std::uniform_int_distribution<size_t>(0, 400)(rng), '\0');
    for (char& c : doc) c = static_cast<char>(std::uniform_int_distribution<int>(0, 255)(rng));
    texts.push_back(doc);
  }
  texts.push_back("意识形态##pai##pai##paidbegin##dbegin##dbegin##责任制\n");  // three passes
  texts.push_back("");
  texts.push_back("\n\n");
  // Texts bigger than a group (1 MB), among the others.
  std::string big;
  while (big.size() < (size_t{3} << 19)) big += RandomDocument(rng) + "\n";
  texts.insert(texts.begin() + 700, big);
  texts.insert(texts.begin() + 701, big.substr(0, (size_t{1} << 20) - 100));
  std::shuffle(texts.begin() + 1000, texts.end(), rng);
  const std::vector<std::string_view> views(texts.begin(), texts.end());

  std::vector<Options> sets = SeveralOptionSets();
  sets.push_back(EveryNormalizer());
  sets.emplace_back().noise = false;
  sets.back().pii = PiiMode::kMask;
  for (size_t k = 0; k < sets.size(); ++k) {
    SCOPED_TRACE("option set " + std::to_string(k));
    auto cleaner = testing::MakeCleaner(sets[k]);
    ASSERT_NE(cleaner, nullptr);
    std::vector<Result> want(views.size());
    for (size_t i = 0; i < views.size(); ++i) cleaner->Clean(views[i], &want[i]);
    // All at once, then in slices of random sizes into the same results
    // (whose buffers hold another text's result).
    std::vector<Result> got;
    cleaner->CleanBatch(views, &got);
    ASSERT_EQ(got.size(), views.size());
    for (size_t i = 0; i < views.size(); ++i) {
      SCOPED_TRACE("text " + std::to_string(i));
      EXPECT_TRUE(got[i].text == want[i].text) << testing::LineDiff(want[i].text, got[i].text);
      EXPECT_EQ(got[i].edits, want[i].edits);
      if (HasFailure()) return;
    }
    std::vector<Result> slice;
    for (size_t first = 0; first < views.size();) {
      const size_t n = std::min(views.size() - first,
                                std::uniform_int_distribution<size_t>(0, 300)(rng));
      cleaner->CleanBatch(std::span(views).subspan(first, n), &slice);
      ASSERT_EQ(slice.size(), n);
      for (size_t i = 0; i < n; ++i) {
        SCOPED_TRACE("text " + std::to_string(first + i));
        EXPECT_TRUE(slice[i].text == want[first + i].text);
        EXPECT_EQ(slice[i].edits, want[first + i].edits);
        if (HasFailure()) return;
      }
      first += n;
    }
  }
}


}  // namespace
}  // namespace textwash
