// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// The Unicode hygiene stage: invalid UTF-8, BOM, invisible and control
// characters, line breaks. It runs first, on the raw input; every later stage
// sees its output, which is valid UTF-8 with LF line breaks.
#ifndef TEXTWASH_LIB_HYGIENE_H_
#define TEXTWASH_LIB_HYGIENE_H_

#include <string_view>
#include <vector>

#include "textwash/cleaner.h"

namespace textwash::internal {

struct HygieneOptions {
  bool remove_invisible = true;
  bool normalize_newlines = true;
};

// Appends the hygiene edits of `in` to `*edits` (sorted, non-overlapping,
// in input offsets). Returns true if it appended any.
bool FindHygieneEdits(std::string_view in, const HygieneOptions& options,
                      std::vector<Edit>* edits);

}  // namespace textwash::internal

#endif  // TEXTWASH_LIB_HYGIENE_H_
