// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// The multi-pattern scanner: one pass over a document that says which rules
// may match, and where. It is a prefilter: it may report rules that do not
// match in the end, never miss one that does. Exact spans come from RE2
// (see cleaner.cc), run only where the scanner points.
//
// Two engines implement it, chosen at build time (TEXTWASH_USE_HYPERSCAN):
//  - Hyperscan: reports the end offset of every candidate match, so RE2 runs
//    on candidate lines only;
//  - RE2::Set: reports which rules match somewhere, so RE2 runs over the
//    whole document for those rules only.
#ifndef TEXTWASH_LIB_SCANNER_H_
#define TEXTWASH_LIB_SCANNER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "textwash/status.h"

namespace textwash::internal {

struct ScanPattern {
  std::string regex;    // RE2 syntax (literals already escaped)
  bool ignore_case = false;
  int rule = 0;         // reported in hits
  std::string origin;   // "file:line:col: rule \"id\"", for messages
  // > 0: the pattern is a literal whose every match is this many bytes long,
  // so a hit's end locates the match exactly.
  uint32_t exact_length = 0;
  uint32_t term = 0;  // the pattern's place among its rule's terms
};

struct ScanHit {
  static constexpr uint32_t kAnywhere = UINT32_MAX;
  int rule;
  uint32_t end;  // end offset of a candidate match, or kAnywhere
  // > 0: an exact match of a literal, text[end - length, end), of the
  // rule's term `term`; 0: a candidate that the exact regex must confirm.
  uint32_t length = 0;
  uint32_t term = 0;
};

class Scanner {
 public:
  virtual ~Scanner() = default;

  // Compiles `patterns` (an empty list is fine). A pattern the engine
  // rejects gives kInvalidArgument naming its origin. `image`, when not
  // empty, is what Image() returned for the same patterns (the built-in
  // packs' database, made at build time): it is loaded instead of compiling
  // when the engine can; if it cannot, the patterns are compiled.
  static StatusOr<std::unique_ptr<Scanner>> Create(
      const std::vector<ScanPattern>& patterns, std::string_view image = {});

  // Returns the compiled form of the patterns, to pass to Create() later, or
  // "" if the engine has none.
  virtual std::string Image() const = 0;

  // Returns a fingerprint of `patterns`: an image fits the patterns with the
  // same fingerprint.
  static uint64_t Fingerprint(const std::vector<ScanPattern>& patterns);

  // Returns "hyperscan" or "re2".
  static std::string_view EngineName();

  // Appends candidate hits for `text` to `*hits`. Thread-safe.
  virtual void Scan(std::string_view text, std::vector<ScanHit>* hits) const = 0;
};

}  // namespace textwash::internal

#endif  // TEXTWASH_LIB_SCANNER_H_
