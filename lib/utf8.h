// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Small UTF-8 and character-class helpers used on the hot path. They work on
// bytes and code points directly; ICU is used where tables are needed.
#ifndef TEXTWASH_LIB_UTF8_H_
#define TEXTWASH_LIB_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace textwash::internal {

// Decodes the code point at `s[i]`. Returns its length in bytes (1 to 4) and
// stores it in `*cp`. For an ill-formed sequence returns the negated length
// of its maximal subpart (-1 to -3), as Unicode's "U+FFFD substitution of
// maximal subparts" counts them, and stores U+FFFD. `i < s.size()`.
int DecodeUtf8(std::string_view s, size_t i, char32_t* cp);

// Decodes the code point that ends just before `s[end]`, assuming valid
// UTF-8. Returns its length in bytes (0 when end == 0).
int DecodeUtf8Before(std::string_view s, size_t end, char32_t* cp);

// Returns the number of code points in valid UTF-8 `s`.
size_t CountCodePoints(std::string_view s);

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
