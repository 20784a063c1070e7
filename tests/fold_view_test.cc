// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// The folded view seen through a rule: obfuscated text matches, and the cut
// lands on exactly the original characters, whatever surrounds them.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "tests/test_util.h"
#include "textwash/textwash.h"

namespace textwash {
namespace {

std::shared_ptr<const Cleaner> RulesOnly(std::string toml) {
  return testing::RulesOnly(std::move(toml), "fold.toml");
}

std::shared_ptr<const Cleaner> NumberCleaner() {
  return RulesOnly(R"([[rule]]
id = "t.number"
category = "contact"
kind = "marker"
fold = true
triggers = ['[0-9０-９一三八零]']
patterns = ['13800138000']
)");
}

// Pieces of context with no digit and no numeral, of every kind the folder
// treats apart: ASCII words and marks, ideographs, full-width forms and
// punctuation (U+FF0C and U+FF4C share a slot of the folder's cache of ICU
// results, as do U+FF21 and U+FF61), characters whose NFKC form is longer
// (ﷺ is 33 bytes folded, ㍿ four), zero-width characters, other scripts.
const std::vector<std::string>& ContextPieces() {
  static const std::vector<std::string> pieces = {
      "word", "Call", " ", "  ", "\t", "-", ".", "/", "_", "!", "(", "）",
      "文", "字", "资料", "请", "，", "ｌ", "Ａ", "｡", "：", "。", "！", "ﬁ",
      "ﷺ", "㍿", "\u200b", "\u00ad", "é", "É", "ẞ", "가", "ア", "ｱ", "𠀀",
      "·", "—", "　", "×", "°", "™"};
  return pieces;
}

// Forms of 13800138000 the folded view reads as that number.
const std::vector<std::string>& NumberForms() {
  static const std::vector<std::string> forms = {
      "13800138000", "138 0013 8000", "1 3 8-0013 8000", "１３８００１３８０００",
      "一三八零零一三八零零零", "138.0013.8000", "138—0013—8000", "1３8 零0 13８000"};
  return forms;
}

// Characters and what the folded view makes of them; "" when they go.
struct Piece {
  const char* text;
  const char* folded;
};
const std::vector<Piece>& FoldedPieces() {
  static const std::vector<Piece> pieces = {
      {"ﬁ", "fi"}, {"ｌ", "l"}, {"l", "l"}, {"，", ","}, {"Ａ", "a"}, {"A", "a"},
      {"｡", "。"}, {"：", ":"}, {"㍿", "株式会社"}, {"É", "é"}, {"ẞ", "ss"},
      {"ｱ", "ア"}, {"Ｖ", "v"}, {"™", "tm"}, {"Ж", "ж"}, {"\u200b", ""},
      {" ", ""}, {"-", ""}, {"·", ""}, {"　", ""}, {"x y", "x y"},
      {"x\u200b y", "x y"}, {"x -y", "x -y"}, {"ＡＢ　ｃ", "ab c"}};
  return pieces;
}

// One rule per folded form: 甲<folded>乙, with id t.<index of its first
// piece>.
std::shared_ptr<const Cleaner> PieceCleaner() {
  std::string rules;
  const auto& pieces = FoldedPieces();
  for (size_t k = 0; k < pieces.size(); ++k) {
    size_t first = 0;  // one rule for each folded form
    while (std::string_view(pieces[first].folded) != pieces[k].folded) ++first;
    if (first != k) continue;
    rules += "[[rule]]\nid = \"t." + std::to_string(k) +
             "\"\ncategory = \"contact\"\nkind = \"marker\"\nfold = true\n"
             "triggers = ['甲']\npatterns = ['甲" + std::string(pieces[k].folded) + "乙']\n";
  }
  return RulesOnly(rules);
}

TEST(FoldViewTest, EachCharacterFoldsAndMapsBackInAnyOrder) {
  auto cleaner = PieceCleaner();
  ASSERT_NE(cleaner, nullptr);
  const auto& pieces = FoldedPieces();
  std::mt19937 rng(5);
  // Lines of 甲<piece>乙 segments between filler: each segment is one cut
  // of exactly its bytes. Pieces recur in every order, so a folded form
  // kept from one character is never taken for another's.
  for (int round = 0; round < 3000; ++round) {
    std::string line;
    std::vector<std::pair<size_t, size_t>> want;
    std::vector<std::string> ids;
    for (int k = static_cast<int>(rng() % 6) + 1; k > 0; --k) {
      line += rng() % 2 ? "文" : "word文";
      const size_t begin = line.size();
      const size_t piece = rng() % pieces.size();
      line += std::string("甲") + pieces[piece].text + "乙";
      want.emplace_back(begin, line.size());
      // Pieces that fold to the same form are found by the first such rule.
      size_t first = 0;
      while (std::string_view(pieces[first].folded) != pieces[piece].folded) ++first;
      ids.push_back("t." + std::to_string(first));
    }
    line += "字";
    Result r = cleaner->Clean(line);
    ASSERT_EQ(r.edits.size(), want.size()) << line;
    for (size_t k = 0; k < want.size(); ++k) {
      EXPECT_EQ(r.edits[k].begin, want[k].first) << line;
      EXPECT_EQ(r.edits[k].end, want[k].second) << line;
      EXPECT_EQ(cleaner->rule(r.edits[k].rule).id, ids[k]) << line;
    }
  }
}

TEST(FoldViewTest, CutsLandOnTheOriginalCharactersInAnyContext) {
  auto cleaner = NumberCleaner();
  ASSERT_NE(cleaner, nullptr);
  const auto& pieces = ContextPieces();
  const auto& forms = NumberForms();
  std::mt19937 rng(11);
  for (int round = 0; round < 3000; ++round) {
    std::string before, after;
    for (int k = static_cast<int>(rng() % 12); k > 0; --k) before += pieces[rng() % pieces.size()];
    for (int k = static_cast<int>(rng() % 12); k > 0; --k) after += pieces[rng() % pieces.size()];
    // A word next to the number must not read as part of it: a blank or a
    // CJK character keeps them apart.
    const std::string form = forms[rng() % forms.size()];
    const std::string line = before + "文" + form + "字" + after;
    const size_t begin = before.size() + 3;
    Result r = cleaner->Clean(line);
    ASSERT_EQ(r.edits.size(), 1u) << line;
    EXPECT_EQ(r.edits[0].begin, begin) << line;
    EXPECT_EQ(r.edits[0].end, begin + form.size()) << line;
    EXPECT_EQ(r.text, before + "文字" + after) << line;
  }
}

TEST(FoldViewTest, ALongLineBeforeChangesNothingForTheNext) {
  auto cleaner = NumberCleaner();
  ASSERT_NE(cleaner, nullptr);
  // A long line of characters that fold to more bytes than they have, then
  // short lines: buffers the folder reuses must not carry anything over.
  std::string long_line;
  for (int k = 0; k < 20000; ++k) long_line += k % 3 == 0 ? "ﷺ" : k % 3 == 1 ? "㍿" : "ＡＢ";
  long_line += "文1 3 8 0 0 1 3 8 0 0 0字";
  const std::string doc = long_line + "\n文１３８００１３８０００字\n";
  Result r = cleaner->Clean(doc);
  ASSERT_EQ(r.edits.size(), 2u);
  EXPECT_EQ(doc.substr(r.edits[0].begin, r.edits[0].end - r.edits[0].begin),
            "1 3 8 0 0 1 3 8 0 0 0");
  EXPECT_EQ(doc.substr(r.edits[1].begin, r.edits[1].end - r.edits[1].begin),
            "１３８００１３８０００");
  for (const std::string& form : NumberForms()) {
    Result s = cleaner->Clean("ﷺ" + form + "ﷺ");
    ASSERT_EQ(s.edits.size(), 1u) << form;
    EXPECT_EQ(s.edits[0].begin, std::string("ﷺ").size()) << form;
    EXPECT_EQ(s.edits[0].end, std::string("ﷺ").size() + form.size()) << form;
  }
}

TEST(FoldViewTest, DatesAddressesAndShortRunsAreNotNumbers) {
  auto cleaner = NumberCleaner();
  ASSERT_NE(cleaner, nullptr);
  // Dotted groups of three digits at most and dates keep their separators
  // in the folded view, so they never read as one long number.
  for (const char* text : {"138.001.380.00", "2013-8-0 13 8000", "2013-08-01 38:00",
                           "一三八 零零", "13800 dogs and 138000 cats"}) {
    EXPECT_TRUE(cleaner->Clean(text).edits.empty()) << text;
  }
}

// A line of ASCII alone is folded by a shorter path (each character one
// byte in, one byte out). With an ideograph after its last word it takes
// the other path: the cuts must be the same, for numbers split up or not, dates,
// addresses, runs of blanks and marks, and lines longer than the folder's
// first buffers.
TEST(FoldViewTest, AsciiLinesFoldAsLinesWithOtherCharacters) {
  auto cleaner = NumberCleaner();
  ASSERT_NE(cleaner, nullptr);
  const std::vector<std::string> pieces = {
      "word", "Call", " ", "  ", "\t", "-", ".", "/", "_", "!", "(", ")", "7",
      "13800138000", "138 0013 8000", "1 3 8-0013 8000", "138.0013.8000", "2013-08-01",
      "192.168.1.20", "12345", "1", "38", "00"};
  std::mt19937 rng(20261126);
  int cut = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string line;
    const int count = round % 100 == 0 ? 3000 : static_cast<int>(rng() % 40) + 1;
    for (int k = 0; k < count; ++k) line += pieces[rng() % pieces.size()];
    line += "word";  // so that no cut reaches the end, where 文 goes
    const Result ascii = cleaner->Clean(line);
    const Result other = cleaner->Clean(line + "文");
    EXPECT_EQ(ascii.edits, other.edits) << line;
    EXPECT_EQ(ascii.text + "文", other.text) << line;
    cut += !ascii.edits.empty();
    if (HasFailure()) return;
  }
  EXPECT_GT(cut, 300);
}

}  // namespace
}  // namespace textwash
