// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Golden files: tests/data/golden/NAME.in.txt must clean to NAME.want.txt,
// byte for byte. TEXTWASH_UPDATE_GOLDEN=1 rewrites the .want.txt files (review
// the diff before committing); CI never sets it.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "tests/test_util.h"
#include "textwash/textwash.h"

namespace textwash {
namespace {

using testing::DataFiles;
using testing::ReadFileOrDie;

// What the CLI does in text mode: the document ends with one newline.
std::string AsTextOutput(std::string s) {
  if (!s.empty() && s.back() != '\n') s += '\n';
  return s;
}

TEST(GoldenTest, EveryGoldenFile) {
  auto cleaner = testing::MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  const auto inputs = DataFiles(".in.txt");
  ASSERT_GE(inputs.size(), 5u);
  const bool update = std::getenv("TEXTWASH_UPDATE_GOLDEN") != nullptr;
  for (const auto& in_path : inputs) {
    std::string want_path = in_path.string();
    want_path.replace(want_path.size() - 7, 7, ".want.txt");
    SCOPED_TRACE(in_path.filename().string());
    const std::string got = AsTextOutput(cleaner->Clean(ReadFileOrDie(in_path)).text);
    if (update) {
      std::ofstream(want_path, std::ios::binary) << got;
      continue;
    }
    const std::string want = ReadFileOrDie(want_path);
    EXPECT_TRUE(got == want) << testing::LineDiff(want, got);
  }
}

// True if `small` can be read out of `big` by deleting bytes from it.
bool IsSubsequence(std::string_view small, std::string_view big) {
  size_t i = 0;
  for (char c : big) {
    if (i < small.size() && small[i] == c) ++i;
  }
  return i == small.size();
}

// The seeds with paywall markers lose every marker and keep every character
// of the expected text, whatever else the other stages do.
TEST(GoldenTest, SeedsLoseMarkersAndKeepContent) {
  auto cleaner = testing::MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  for (const char* seed : {"seed_001_5e55ffca6ee2661c", "seed_003_7b69468aeeb3f112"}) {
    SCOPED_TRACE(seed);
    const std::string dir = testing::DataDir() + "/golden/";
    const std::string in = ReadFileOrDie(dir + seed + ".in.txt");
    ASSERT_NE(in.find("##paidbegin##"), std::string::npos);
    const Result r = cleaner->Clean(in);
    EXPECT_EQ(r.text.find("paidbegin"), std::string::npos);
    EXPECT_EQ(r.text.find("paidend"), std::string::npos);
    const std::string want = ReadFileOrDie(dir + seed + ".want.txt");
    EXPECT_TRUE(IsSubsequence(want, AsTextOutput(r.text)));
    int markers = 0;
    for (const Edit& e : r.edits) markers += cleaner->rule(e.rule).id == "paywall.marker";
    EXPECT_GE(markers, 2);
  }
}

// The contract of Clean() over every input the tests hold.
TEST(GoldenTest, ContractHoldsOnEveryTestInput) {
  auto cleaner = testing::MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  for (const char* suffix : {".in.txt", ".jsonl", ".txt"}) {
    for (const auto& path : DataFiles(suffix)) {
      SCOPED_TRACE(path.string());
      const std::string input = ReadFileOrDie(path);
      const Result r = cleaner->Clean(input);
      testing::ExpectResultContract(*cleaner, input, r);
      // Cleaning is idempotent.
      EXPECT_EQ(cleaner->Clean(r.text).text, r.text);
    }
  }
}

}  // namespace
}  // namespace textwash
