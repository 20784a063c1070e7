// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Mojibake repair: text that was UTF-8, decoded as Windows-1252 (or
// Latin-1), GBK or Big5, and encoded as UTF-8 again. `â€™` was `’`,
// `æ–‡` and `鏂囨湰` were `文`.
//
// Each line is read as a sequence of units: a few characters whose bytes in
// one of the legacy encodings spell well-formed UTF-8 and end on a character
// boundary. Real text almost never holds such runs; a line is repaired when
// the characters its units stand for pass the statistics of that encoding:
//  - Windows-1252: each repaired character is a letter, digit, punctuation
//    mark or symbol of a common script or block (no controls, combining
//    marks or unassigned code points); CJK characters only where the line
//    holds at least two such units (`café…»` keeps its `é…»`, which would
//    spell U+917B). `Ã ` becomes `à ` (the UTF-8 of
//    `à ` is C3 A0 20, and tools that turn the no-break space A0 into a
//    space and collapse spaces leave `Ã `), but only beside another repair
//    on the line.
//  - GBK and Big5: the repaired units hold at least two Han characters, at
//    least 70% of them common ones (GB2312 level 1 or Big5 frequent), and
//    that share is at least 30 points above the share in the garbled text,
//    whose characters come from all over the rare end of the tables.
// A line may be repaired up to three times (text garbled twice).
//
// The tables of the legacy encodings come from ICU's converters, built once
// per process.
#ifndef TEXTWASH_LIB_MOJIBAKE_H_
#define TEXTWASH_LIB_MOJIBAKE_H_

#include <memory>
#include <string_view>
#include <vector>

#include "textwash/cleaner.h"
#include "textwash/status.h"

namespace textwash::internal {

class MojibakeRepair {
 public:
  // Returns the process's repairer, building its tables on the first call;
  // an error if ICU lacks one of the converters.
  static StatusOr<std::shared_ptr<const MojibakeRepair>> Get();

  // Appends the repairs of `text` to `*edits` (sorted, non-overlapping,
  // credited to `rule` and `category`). Ill-formed UTF-8 is left alone.
  // Returns true if it appended any.
  bool FindEdits(std::string_view text, int rule, Category category,
                 std::vector<Edit>* edits) const;

  struct Tables;
  explicit MojibakeRepair(std::unique_ptr<const Tables> tables);
  ~MojibakeRepair();

 private:
  std::unique_ptr<const Tables> tables_;
};

}  // namespace textwash::internal

#endif  // TEXTWASH_LIB_MOJIBAKE_H_
