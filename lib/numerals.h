// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Runs of numerals, the shape of every phone and ID number however it is
// written: 138 0013 8000, １３８-００１３-８０００, 一三八零零一三八零零零.
//
// A numeral is an ASCII or full-width digit, a circled digit (⓪①-⑨) or a
// Chinese numeral (〇零一二三四五六七八九壹贰叁肆伍陆柒捌玖两幺). A run of N
// numerals is N of them in a row on one line with at most two separators
// between two of them: blanks (space, tab, U+00A0, U+3000), the marks
// - _ . / ! * ~ | + # ^ ` ' " ( ) and their full-width forms, and
// · ‐ ‑ ‒ – — ― • ・ ‧. As a regex, with N = {n}:
//
//   NUMERAL(?:SEPARATOR{0,2}NUMERAL){n-1}
//
// Scanning for that pattern costs a regex engine a look at every digit and
// every 一 of a Chinese text; FindNumeralRuns finds the runs at a small
// fraction of that (see BENCHMARKS.md).
#ifndef TEXTWASH_LIB_NUMERALS_H_
#define TEXTWASH_LIB_NUMERALS_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace textwash::internal {

// The value of a Chinese numeral (〇零一二三四五六七八九壹贰叁肆伍陆柒捌玖两幺),
// or -1: folding makes it a digit inside a run of digits.
constexpr int NumeralValue(char32_t c) {
  switch (c) {
    case U'〇': case U'零': return 0;
    case U'一': case U'壹': case U'幺': return 1;
    case U'二': case U'贰': case U'两': return 2;
    case U'三': case U'叁': return 3;
    case U'四': case U'肆': return 4;
    case U'五': case U'伍': return 5;
    case U'六': case U'陆': return 6;
    case U'七': case U'柒': return 7;
    case U'八': case U'捌': return 8;
    case U'九': case U'玖': return 9;
    default: return -1;
  }
}

// The marks that split names and numbers (folding drops them inside a run
// of digits): - _ . / ! * ~ | + # ^ ` ' " and · ‐ ‑ ‒ – — ― • ・ ‧. Their
// full-width forms fold to them.
constexpr bool IsSeparatorMark(char32_t c) {
  switch (c) {
    case '-': case '_': case '.': case '/': case '!': case '*': case '~':
    case '|': case '+': case '#': case '^': case '`': case '\'': case '"':
    case 0xB7: case 0x2010: case 0x2011: case 0x2012: case 0x2013:
    case 0x2014: case 0x2015: case 0x2022: case 0x30FB: case 0x2027:
      return true;
    default:
      return false;
  }
}

// The unified ideographs (U+4E00..U+9FFF) that are Chinese numerals.
class NumeralIdeographs {
 public:
  constexpr NumeralIdeographs() {
    for (char32_t c = 0x4E00; c <= 0x9FFF; ++c) {
      if (NumeralValue(c) >= 0) bits_[(c - 0x4E00) / 64] |= uint64_t{1} << ((c - 0x4E00) % 64);
    }
  }
  // Whether U+4E00 + i is one, for i < 0x5200.
  constexpr bool test(char32_t i) const { return (bits_[i / 64] >> (i % 64)) & 1; }

 private:
  uint64_t bits_[0x5200 / 64] = {};
};
inline constexpr NumeralIdeographs kNumeralIdeographs;

struct NumeralRun {
  size_t end;    // the end of the last numeral of a run
  size_t count;  // how many numerals the longest run of its line holds
};

// Appends to `*runs`, in order, one NumeralRun for each line of `text` with a
// run of at least `min_count` numerals (min_count >= 1): `count` is the most
// numerals of a run on that line, `end` where one of its runs ends. `text` is
// UTF-8; an ill-formed byte is neither a numeral nor a separator, and a line
// break ends a run.
void FindNumeralRuns(std::string_view text, size_t min_count,
                     std::vector<NumeralRun>* runs);

}  // namespace textwash::internal

#endif  // TEXTWASH_LIB_NUMERALS_H_
