// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// What the fuzz targets check besides "does not crash": the contract of
// Cleaner::Clean() (cleaner.h). A broken property prints what broke and
// aborts, which libFuzzer reports as a crash and saves the input.
#ifndef TEXTWASH_FUZZ_FUZZ_CHECK_H_
#define TEXTWASH_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "lib/utf8.h"
#include "textwash/textwash.h"

#define TEXTWASH_FUZZ_CHECK(cond)                                         \
  do {                                                                    \
    if (!(cond)) {                                                        \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,         \
                   __LINE__, #cond);                                      \
      std::abort();                                                       \
    }                                                                     \
  } while (false)

namespace textwash::fuzz {

// The length of the well-formed UTF-8 sequence at s[i] (shortest form, no
// surrogates, at most U+10FFFF), or 0 if there is none.
inline size_t ValidSequenceAt(std::string_view s, size_t i) {
  char32_t c;
  const int len = i < s.size() ? internal::DecodeUtf8(s, i, &c) : 0;
  return len > 0 ? static_cast<size_t>(len) : 0;
}

inline bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const size_t len = ValidSequenceAt(s, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

// Checks `r`, the result of cleaning `input`: edits sorted, inside the
// input, non-overlapping, never splitting a valid code point, naming real
// rules, reproducing the output; output valid UTF-8 and no longer than the
// input unless an edit's replacement is longer than what it replaces.
inline void CheckResult(const Cleaner& cleaner, std::string_view input,
                        const Result& r) {
  // Offsets where a valid code point starts, or an invalid byte is.
  auto boundary = [&](size_t p) {
    if (p == 0 || p >= input.size()) return p <= input.size();
    for (size_t back = 1; back <= 3 && back <= p; ++back) {
      const size_t len = ValidSequenceAt(input, p - back);
      if (len > back) return false;  // p is inside that code point
    }
    return true;
  };
  size_t prev_end = 0;
  bool grows = false;
  for (const Edit& e : r.edits) {
    TEXTWASH_FUZZ_CHECK(prev_end <= e.begin);
    TEXTWASH_FUZZ_CHECK(e.begin <= e.end);
    TEXTWASH_FUZZ_CHECK(e.end <= input.size());
    TEXTWASH_FUZZ_CHECK(e.begin < e.end || !e.replacement.empty());
    TEXTWASH_FUZZ_CHECK(boundary(e.begin) && boundary(e.end));
    TEXTWASH_FUZZ_CHECK(e.rule >= 0 && e.rule < cleaner.rule_count());
    TEXTWASH_FUZZ_CHECK(e.category == cleaner.rule(e.rule).category);
    grows = grows || e.replacement.size() > e.end - e.begin;
    prev_end = e.end;
  }
  TEXTWASH_FUZZ_CHECK(ApplyEdits(input, r.edits) == r.text);
  TEXTWASH_FUZZ_CHECK(IsValidUtf8(r.text));
  TEXTWASH_FUZZ_CHECK(r.text.size() <= input.size() || grows);
}

}  // namespace textwash::fuzz

#endif  // TEXTWASH_FUZZ_FUZZ_CHECK_H_
