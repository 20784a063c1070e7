// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// The folded view of a line: what obfuscated junk looks like once the
// obfuscation is undone, with a map back to the line's bytes.
//
//   NFKC with case folding      ＶＸ, Ｖ信, １３８ -> vx, v信, 138
//   Chinese numerals in runs    一三八零零一三八零零零 -> 13800138000
//   separators in digit runs    1 3 8-0013 8000 -> 13800138000
//   blanks and in-name marks    加 微 信, 老！船-长君 -> 加微信, 老船长君
//   invisible characters        dropped
//
// Blanks between two Latin words or numbers stay, so words stay apart. Only
// lines the scanner points at are folded: folding costs as much per byte as
// the whole scan.
#ifndef TEXTWASH_LIB_FOLD_H_
#define TEXTWASH_LIB_FOLD_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace textwash::internal {

struct FoldedLine {
  std::string text;
  // For each byte of `text`, the input range [begin, end) of the character
  // it came from, relative to the folded input.
  std::vector<uint32_t> begin;
  std::vector<uint32_t> end;

  // Returns the input range of folded bytes [fb, fe), fe > fb.
  std::pair<uint32_t, uint32_t> ToInput(size_t fb, size_t fe) const {
    return {begin[fb], end[fe - 1]};
  }
};

// Folds `line` (valid UTF-8, no line break) into `*out`.
void FoldLine(std::string_view line, FoldedLine* out);

}  // namespace textwash::internal

#endif  // TEXTWASH_LIB_FOLD_H_
