// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
#include "lib/utf8.h"

namespace textwash::internal {

int DecodeUtf8Slow(std::string_view s, size_t i, char32_t* cp) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  const size_t n = s.size() - i;
  const unsigned char b0 = p[0];
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  *cp = 0xFFFD;
  int len;
  char32_t c;
  // Valid ranges of the second byte follow Unicode table 3-7, so that
  // overlongs, surrogates and values past U+10FFFF are rejected at the
  // earliest byte (which is what makes the maximal subpart count right).
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    c = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    c = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    c = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return -1;
  }
  for (int k = 1; k < len; ++k) {
    if (static_cast<size_t>(k) >= n) return -k;
    const unsigned char b = p[k];
    if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return -k;
    c = (c << 6) | (b & 0x3F);
  }
  *cp = c;
  return len;
}

int DecodeUtf8BeforeSlow(std::string_view s, size_t end, char32_t* cp) {
  if (end == 0) {
    *cp = 0;
    return 0;
  }
  size_t b = end - 1;
  int steps = 0;
  while (b > 0 && steps < 3 &&
         (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) {
    --b;
    ++steps;
  }
  int len = DecodeUtf8(s, b, cp);
  if (len <= 0 || b + static_cast<size_t>(len) != end) {
    // Not valid UTF-8 here; treat the last byte as one unit.
    *cp = 0xFFFD;
    return 1;
  }
  return len;
}

size_t CountCodePoints(std::string_view s) {
  size_t n = 0;
  for (char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  return n;
}

}  // namespace textwash::internal
