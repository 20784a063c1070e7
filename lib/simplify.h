// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Traditional to simplified Chinese with OpenCC's `t2s` configuration:
// phrases first (`乾燥` becomes `干燥`, `乾隆` stays), then characters.
#ifndef TEXTWASH_LIB_SIMPLIFY_H_
#define TEXTWASH_LIB_SIMPLIFY_H_

#include <memory>
#include <string_view>
#include <vector>

#include "textwash/cleaner.h"
#include "textwash/status.h"

namespace textwash::internal {

class Simplifier {
 public:
  // Returns the process's converter, loading OpenCC's t2s dictionaries on the
  // first call; an error if OpenCC cannot load them.
  static StatusOr<std::shared_ptr<const Simplifier>> Get();

  // Appends the conversions of `text` (valid UTF-8) to `*edits`: one edit per
  // converted character where a phrase keeps its length, else one per
  // phrase; sorted, credited to `rule` and `category`. Returns true if it
  // appended any.
  bool FindEdits(std::string_view text, int rule, Category category,
                 std::vector<Edit>* edits) const;

  struct Converter;
  explicit Simplifier(std::unique_ptr<const Converter> converter);
  ~Simplifier();

 private:
  std::unique_ptr<const Converter> converter_;
};

}  // namespace textwash::internal

#endif  // TEXTWASH_LIB_SIMPLIFY_H_
