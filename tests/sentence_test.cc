// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// SentenceAround() steps over ASCII letters and CJK ideographs (U+4000 to
// U+9FFF) without decoding them: they neither end a sentence nor are half of
// a pair. Where it finds a sentence's ends must not depend on that
// shortcut: it gives what SentenceAroundStepByStep(), which decodes and
// looks at every character, gives.
#include <gtest/gtest.h>

#include <random>
#include <utility>
#include <string>
#include <vector>

#include "lib/text.h"

namespace textwash::internal {
namespace {

// Pieces of lines: ideographs (U+4E00, U+5E7F, U+544A, the ends of the range
// stepped over, U+4000 and U+9FFF), sentence ends, pairs, blanks, letters,
// other characters, and bytes that only look like the start of an ideograph
// (a lead byte with too few continuation bytes after it).
const std::vector<std::string>& Pieces() {
  static const std::vector<std::string> kPieces = {
      "一", "广告", "䀀", "鿿", "。", "！", "？", "；", "…", "．", ".", "!", "?", " ",
      "\t", "　", "（", "）", "【", "】", "“", "”", "(", ")", "[", "]", "《", "》", "a",
      "b.c", "Zz", "~", "ー", "é", "\xE4", "\xE4\xB8", "\xE9\x80", "\x80", "，",
  };
  return kPieces;
}

TEST(SentenceTest, ShortcutsChangeNothing) {
  std::mt19937 rng(20261126);
  const auto& pieces = Pieces();
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1);
  int checked = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string line;
    for (int n = std::uniform_int_distribution<int>(1, 40)(rng); n > 0; --n) {
      line += pieces[pick(rng)];
    }
    // A match at the start of a piece, up to the end of another.
    std::vector<size_t> starts{0};
    for (size_t k = 1; k < line.size(); ++k) {
      if ((static_cast<unsigned char>(line[k]) & 0xC0) != 0x80) starts.push_back(k);
    }
    std::uniform_int_distribution<size_t> at(0, starts.size() - 1);
    size_t begin = starts[at(rng)], end = starts[at(rng)];
    if (begin > end) std::swap(begin, end);
    // Within a text: the line between two others.
    const std::string text = "前。\n" + line + "\n后。";
    const size_t off = std::string("前。\n").size();
    const Line l{off, off + line.size()};
    const Span a = SentenceAround(text, l, off + begin, off + end);
    const Span b = SentenceAroundStepByStep(text, l, off + begin, off + end);
    ASSERT_EQ(a.begin, b.begin) << line << " [" << begin << ", " << end << ")";
    ASSERT_EQ(a.end, b.end) << line << " [" << begin << ", " << end << ")";
    checked += a.begin != l.begin || a.end != l.end;
  }
  // Most lines hold sentence ends: the sentences found are not whole lines.
  EXPECT_GT(checked, 10000);
}

}  // namespace
}  // namespace textwash::internal
