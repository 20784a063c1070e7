// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Helpers shared by the tests: test data, invariants, readable diffs.
#ifndef TEXTWASH_TESTS_TEST_UTIL_H_
#define TEXTWASH_TESTS_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "textwash/textwash.h"

namespace textwash::testing {

// True in builds with AddressSanitizer, whose shadow memory makes peak RSS
// say nothing about textwash's own.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kAddressSanitizer = true;
#else
inline constexpr bool kAddressSanitizer = false;
#endif
#else
inline constexpr bool kAddressSanitizer = false;
#endif

inline std::string DataDir() { return TEXTWASH_TEST_DATA_DIR; }

inline std::string ReadFileOrDie(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every file under tests/data whose name ends with `suffix`, sorted.
inline std::vector<std::filesystem::path> DataFiles(std::string_view suffix) {
  std::vector<std::filesystem::path> out;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(DataDir())) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.size() >= suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      out.push_back(entry.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A Cleaner with default options plus `rules` (TOML text) if given.
inline std::shared_ptr<const Cleaner> MakeCleaner(Options options = {}) {
  auto cleaner = Cleaner::Create(options);
  EXPECT_TRUE(cleaner.ok()) << cleaner.status().ToString();
  return cleaner.ok() ? *cleaner : nullptr;
}

// A Cleaner of the rules in `toml` (named `file` in messages) only: no stage
// adds edits of its own.
inline std::shared_ptr<const Cleaner> RulesOnly(std::string toml,
                                                std::string file = "rules.toml") {
  Options options;
  options.default_rules = false;
  options.remove_invisible = false;
  options.noise = false;
  options.layout = false;
  options.min_repeat_chars = 0;
  options.rule_texts.push_back({std::move(file), std::move(toml)});
  return MakeCleaner(options);
}

inline bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (int k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

// Checks the contract of Clean(): edits sorted, non-overlapping, inside the
// input, naming real rules, and reproducing the output; output valid UTF-8.
inline void ExpectResultContract(const Cleaner& cleaner, std::string_view input,
                                 const Result& r) {
  size_t prev_end = 0;
  for (size_t i = 0; i < r.edits.size(); ++i) {
    const Edit& e = r.edits[i];
    SCOPED_TRACE("edit " + std::to_string(i));
    EXPECT_LE(prev_end, e.begin);
    EXPECT_LE(e.begin, e.end);
    EXPECT_LE(e.end, input.size());
    EXPECT_TRUE(e.begin < e.end || !e.replacement.empty());
    ASSERT_GE(e.rule, 0);
    ASSERT_LT(e.rule, cleaner.rule_count());
    EXPECT_EQ(e.category, cleaner.rule(e.rule).category);
    prev_end = e.end;
  }
  EXPECT_EQ(ApplyEdits(input, r.edits), r.text);
  EXPECT_TRUE(IsValidUtf8(r.text));
}

// A line diff, good enough to see where two texts part.
inline std::string LineDiff(std::string_view want, std::string_view got) {
  auto split = [](std::string_view s) {
    std::vector<std::string_view> lines;
    size_t b = 0;
    while (b <= s.size()) {
      size_t e = s.find('\n', b);
      if (e == s.npos) e = s.size();
      lines.push_back(s.substr(b, e - b));
      b = e + 1;
    }
    return lines;
  };
  const auto w = split(want), g = split(got);
  std::ostringstream out;
  size_t i = 0;
  while (i < w.size() && i < g.size() && w[i] == g[i]) ++i;
  size_t tw = w.size(), tg = g.size();
  while (tw > i && tg > i && w[tw - 1] == g[tg - 1]) --tw, --tg;
  out << "@@ line " << i + 1 << " @@\n";
  for (size_t k = i; k < tw; ++k) out << "-" << w[k] << "\n";
  for (size_t k = i; k < tg; ++k) out << "+" << g[k] << "\n";
  return out.str();
}

}  // namespace textwash::testing

#endif  // TEXTWASH_TESTS_TEST_UTIL_H_
