// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Chaining edit lists: the stages each edit the text the stage before left,
// and the Cleaner reports one list in the offsets of its input.
#ifndef TEXTWASH_LIB_EDITS_H_
#define TEXTWASH_LIB_EDITS_H_

#include <vector>

#include "textwash/cleaner.h"

namespace textwash::internal {

// Returns the edits of `first` (on a text A) and `second` (on
// B = ApplyEdits(A, first)) as one list on A: sorted, non-overlapping, and
// ApplyEdits(A, result) == ApplyEdits(B, second). Both lists must be sorted
// and non-overlapping.
//  - An edit of `second` takes over the edits of `first` whose output lies
//    inside it, and deletions of `first` that touch its end; the merged edit
//    keeps the rule and category of the `second` edit.
//  - An edit of `second` that starts or ends inside the replacement of a
//    `first` edit covers that edit whole, and keeps the part of its
//    replacement outside the `second` edit.
//  - Everything else of `first` and `second` passes unchanged (with `second`'s
//    offsets moved to A).
std::vector<Edit> ComposeEdits(std::vector<Edit> first, std::vector<Edit> second);

}  // namespace textwash::internal

#endif  // TEXTWASH_LIB_EDITS_H_
