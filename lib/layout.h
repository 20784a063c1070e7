// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// The last stages: turn the cuts that rules asked for into edits, line by
// line, removing repeated lines and blank-line runs on the way.
#ifndef TEXTWASH_LIB_LAYOUT_H_
#define TEXTWASH_LIB_LAYOUT_H_

#include <string_view>
#include <utility>
#include <vector>

#include "lib/text.h"
#include "textwash/cleaner.h"

namespace textwash::internal {

// A removal a rule asked for, in the offsets of the hygienic text. Each cut
// lies within one line.
struct Cut {
  size_t begin;
  size_t end;
  std::string_view replacement;  // points into the Cleaner's rules
  int rule;
  Category category;
  RuleKind kind;
};

// The rule, and its category, to credit with a removal.
struct Credit {
  int rule = -1;
  Category category = Category::kLayout;
};

// What a pass of Clean() tells the next one about the text it wrote, by
// index of the lines of that text.
struct PassReport {
  bool again = false;        // it cut, joined or rewrote text: look again
  bool lines_known = false;  // the fields below describe that text's lines
  size_t line_count = 0;
  std::vector<size_t> changed;  // lines edits cut inside or joined, sorted
  std::vector<std::pair<size_t, Credit>> weak;  // weak credits, by line
};

struct LayoutOptions {
  int min_repeat_chars = 20;  // 0: keep repeated lines
  bool layout = true;         // blank-line handling
};

// Appends the final edits for `text` to `*edits`, in order. `cuts` must be
// sorted by begin and must not overlap (see ResolveCuts).
//  - A line that cuts leave blank goes whole, with its line break, and is
//    credited to its main cut's rule.
//  - A later exact copy of a non-blank line of min_repeat_chars or more
//    characters goes (rule repeat.line).
//  - Blank lines at the start and end go, and each run of blank lines
//    shrinks to one (rule layout.blank_lines).
//  - At the end of the document, a block of removed lines, blank lines and
//    lines with weak ad signals (`weak[line].rule` >= 0) goes
//    whole, weak lines included, if it holds at least one removed line.
// If `report` is not null, its line fields describe the lines of
// ApplyEdits(text, edits) (a last line that the edits leave empty counts).
void AssembleEdits(std::string_view text, const std::vector<Line>& lines,
                   const std::vector<Cut>& cuts, const std::vector<Credit>& weak,
                   const LayoutOptions& options, std::vector<Edit>* edits,
                   PassReport* report = nullptr);

// Sorts `*cuts` and merges overlapping ones. Where cuts overlap, the union
// goes and is credited to the cut of the strongest kind (line, then sentence,
// then span and marker), the longer one on a tie.
void ResolveCuts(std::vector<Cut>* cuts);

}  // namespace textwash::internal

#endif  // TEXTWASH_LIB_LAYOUT_H_
