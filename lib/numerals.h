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
#include <string_view>
#include <vector>

namespace textwash::internal {

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
