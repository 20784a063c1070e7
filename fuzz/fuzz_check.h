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

// The length of the UTF-8 sequence at s[i] if it is valid (shortest form,
// no surrogates, at most U+10FFFF), else 0.
inline size_t ValidSequenceAt(std::string_view s, size_t i) {
  const auto b = [&](size_t k) -> unsigned {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0;
  };
  const auto cont = [&](size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
    return b(k) >= lo && b(k) <= hi;
  };
  const unsigned b0 = b(0);
  if (i >= s.size()) return 0;
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
  if (b0 == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
  if (b0 == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
  if (b0 >= 0xE1 && b0 <= 0xEF) return cont(1) && cont(2) ? 3 : 0;
  if (b0 == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xF1 && b0 <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
  return 0;
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
