// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// `numeral_run = N` picks exactly the lines with N numerals in a row, at most
// two separators between two of them, as docs/rule_format.md defines them:
// checked against a plain character-by-character count on random lines of
// numerals, separators and other characters, in every form.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "tests/test_util.h"
#include "textwash/textwash.h"

namespace textwash {
namespace {

// The definition, written out.
const std::vector<std::string> kNumerals = {
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "０", "１", "５", "９",
    "⓪", "①", "⑤", "⑨", "〇", "零", "一", "二", "三", "四", "五", "六", "七",
    "八", "九", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖", "两", "幺"};
const std::vector<std::string> kSeparators = {
    " ", "\t", "\u00A0", "\u3000", "-", "_", ".", "/", "!", "*", "~", "|", "+",
    "#", "^", "`", "'", "\"", "(", ")", "·", "‐", "‑", "‒", "–", "—", "―", "•",
    "・", "‧", "－", "＿", "．", "／", "！", "＊", "～", "｜", "＋", "＃", "＾",
    "｀", "＇", "＂", "（", "）"};
// Neither: letters, ideographs next to the numerals in the tables, marks
// that are not separators, a numeral-like ⑩ and a mathematical digit.
const std::vector<std::string> kOthers = {
    "a", "x", ",", ":", "，", "。", "：", "年", "统", "的", "号", "丁", "丐",
    "丙", "⑩", "\xF0\x9D\x9F\x8F" /* U+1D7CF */, "\u00B6", "\u2016", "\u30FC"};

enum Kind { kOther, kNumeral, kSeparator };

struct Piece {
  std::string text;
  Kind kind;
};

// The most numerals of one run on `line`.
size_t LongestRun(const std::vector<Piece>& line) {
  size_t best = 0, count = 0, gap = 0;
  for (const Piece& p : line) {
    if (p.kind == kNumeral) {
      ++count;
      gap = 0;
      best = std::max(best, count);
    } else if (p.kind == kSeparator) {
      if (count > 0 && ++gap > 2) count = 0;
    } else {
      count = 0;
    }
  }
  return best;
}

// Which bytes of `text` the edits of `result` remove.
std::vector<bool> RemovedBytes(const std::string& text, const Result& result) {
  std::vector<bool> removed(text.size(), false);
  for (const Edit& e : result.edits) {
    for (size_t k = e.begin; k < e.end; ++k) removed[k] = true;
  }
  return removed;
}

std::shared_ptr<const Cleaner> LineCleaner(int run) {
  return testing::RulesOnly(
      "[[rule]]\nid = \"t.run\"\ncategory = \"contact\"\nkind = \"line\"\n"
      "patterns = ['.']\nnumeral_run = " + std::to_string(run) + "\n");
}

TEST(NumeralRunTest, PicksExactlyTheLinesWithARunThatLong) {
  std::mt19937 rng(5);
  auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  int picked = 0, passed = 0;
  for (int run : {1, 2, 3, 5, 7, 11, 17}) {
    auto cleaner = LineCleaner(run);
    ASSERT_NE(cleaner, nullptr);
    for (int round = 0; round < 200; ++round) {
      std::string text;
      std::vector<size_t> longest;  // by line
      const int lines = 1 + static_cast<int>(rng() % 40);
      for (int l = 0; l < lines; ++l) {
        std::vector<Piece> line;
        // Lines of all lengths, some long enough to span many blocks; runs
        // drawn mostly from one kind of numeral, as real numbers are.
        const int pieces = static_cast<int>(rng() % (rng() % 8 == 0 ? 400 : 40));
        const int flavor = static_cast<int>(rng() % 4);
        for (int k = 0; k < pieces; ++k) {
          const unsigned r = rng() % 10;
          if (r < 5) {
            std::string n = pick(kNumerals);
            if (flavor == 1) n = kNumerals[rng() % 10];          // ASCII
            if (flavor == 2) n = kNumerals[18 + rng() % 22];     // CJK and circled
            line.push_back({n, kNumeral});
          } else if (r < 8) {
            line.push_back({pick(kSeparators), kSeparator});
          } else {
            line.push_back({pick(kOthers), kOther});
          }
        }
        for (const Piece& p : line) text += p.text;
        text += "\n";
        longest.push_back(LongestRun(line));
      }
      const Result result = cleaner->Clean(text);
      const std::vector<bool> removed = RemovedBytes(text, result);
      size_t in_pos = 0;
      for (size_t l = 0; l < longest.size(); ++l) {
        const size_t in_end = text.find('\n', in_pos);
        bool all = in_end > in_pos;
        for (size_t k = in_pos; k < in_end; ++k) all = all && removed[k];
        const bool expect = longest[l] >= static_cast<size_t>(run);
        EXPECT_EQ(all, expect) << "run " << run << ", longest " << longest[l] << ": "
                               << text.substr(in_pos, in_end - in_pos);
        picked += expect;
        passed += !expect && in_end > in_pos;
        in_pos = in_end + 1;
      }
    }
  }
  // Both kinds of lines were drawn, many times.
  EXPECT_GT(picked, 1000);
  EXPECT_GT(passed, 1000);
}

// A run is found wherever it starts: at the text's start and end, after a
// long stretch of separators or of other characters, whatever the byte
// offset modulo the sampling stride.
TEST(NumeralRunTest, FindsRunsAtEveryOffset) {
  auto cleaner = LineCleaner(7);
  ASSERT_NE(cleaner, nullptr);
  for (const std::string& numeral : {std::string("3"), std::string("三"), std::string("３")}) {
    for (const std::string& filler : {std::string("x"), std::string("统"), std::string(" ")}) {
      // Seven numerals side by side (the shortest such run, which the
      // sampling must still land on) or with blanks between.
      for (int lead = 0; lead < 140; ++lead) {
        std::string run;
        for (int k = 0; k < 7; ++k) run += numeral + (lead % 2 == 0 || k % 2 == 0 ? "" : "　");
        std::string line;
        for (int k = 0; k < lead; ++k) line += filler;
        const std::string text = line + run + "\n" + line + run.substr(0, run.size() - numeral.size());
        const std::vector<bool> removed = RemovedBytes(text, cleaner->Clean(text));
        const size_t first_end = text.find('\n');
        for (size_t k = 0; k < text.size(); ++k) {
          if (k == first_end) continue;  // the line break may go with its line
          ASSERT_EQ(removed[k], k < first_end)
              << numeral << " after " << lead << " of " << filler << ", byte " << k;
        }
      }
    }
  }
}

}  // namespace
}  // namespace textwash
