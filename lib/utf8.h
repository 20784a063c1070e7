// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Small UTF-8 and character-class helpers used on the hot path. They work on
// bytes and code points directly; ICU is used where tables are needed.
#ifndef TEXTWASH_LIB_UTF8_H_
#define TEXTWASH_LIB_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace textwash::internal {

// Decodes the code point at `s[i]`. Returns its length in bytes (1 to 4) and
// stores it in `*cp`. For an ill-formed sequence returns the negated length
// of its maximal subpart (-1 to -3), as Unicode's "U+FFFD substitution of
// maximal subparts" counts them, and stores U+FFFD. `i < s.size()`.
// Decodes a well-formed three-byte sequence p[0..2].
inline char32_t DecodeThreeBytes(const unsigned char* p) {
  return (char32_t{p[0] & 0x0Fu} << 12) | (char32_t{p[1] & 0x3Fu} << 6) |
         (p[2] & 0x3Fu);
}

// Appends code point `c` (at most U+10FFFF, no surrogate) as UTF-8.
inline void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

int DecodeUtf8Slow(std::string_view s, size_t i, char32_t* cp);
inline int DecodeUtf8(std::string_view s, size_t i, char32_t* cp) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  const unsigned char b0 = p[0];
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  // The common case of CJK text: a well-formed three-byte sequence with a
  // lead byte that needs no range check on its second byte.
  if (b0 >= 0xE1 && b0 <= 0xEF && b0 != 0xED && s.size() - i >= 3 &&
      (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
    *cp = DecodeThreeBytes(p);
    return 3;
  }
  return DecodeUtf8Slow(s, i, cp);
}

// Decodes the code point that ends just before `s[end]`, assuming valid
// UTF-8. Returns its length in bytes (0 when end == 0).
int DecodeUtf8BeforeSlow(std::string_view s, size_t end, char32_t* cp);
inline int DecodeUtf8Before(std::string_view s, size_t end, char32_t* cp) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  if (end > 0 && p[end - 1] < 0x80) {
    *cp = p[end - 1];
    return 1;
  }
  if (end >= 3 && p[end - 3] >= 0xE1 && p[end - 3] <= 0xEF && p[end - 3] != 0xED &&
      (p[end - 2] & 0xC0) == 0x80 && (p[end - 1] & 0xC0) == 0x80) {
    *cp = DecodeThreeBytes(p + end - 3);
    return 3;
  }
  return DecodeUtf8BeforeSlow(s, end, cp);
}

// Returns the number of code points in valid UTF-8 `s`.
size_t CountCodePoints(std::string_view s);

// Returns the first position in p[i, end) that is not ASCII, or end: 16
// bytes a step where SSE2 is there.
inline size_t SkipAscii(const unsigned char* p, size_t i, size_t end) {
#if defined(__SSE2__)
  const auto high_bits = [&](size_t at) {
    return static_cast<unsigned>(
        _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at))));
  };
  if (end - i >= 16) {
    for (; end - i >= 16; i += 16) {
      if (const unsigned high = high_bits(i); high != 0) return i + __builtin_ctz(high);
    }
    // The last 16 bytes, again in part: the bytes before i are ASCII.
    const unsigned high = high_bits(end - 16);
    return high != 0 ? end - 16 + __builtin_ctz(high) : end;
  }
#endif
  while (i < end && p[i] < 0x80) ++i;
  return i;
}

// Han, kana, hangul, CJK punctuation and full-width forms: scripts written
// without spaces between words.
inline bool IsCjk(char32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
         (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF);
}

// Spaces that separate words on one line (not line breaks).
inline bool IsHorizontalSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == 0xA0 || c == 0x3000 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F ||
         c == 0x1680;
}

}  // namespace textwash::internal

#endif  // TEXTWASH_LIB_UTF8_H_
