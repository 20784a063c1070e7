// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
#include "lib/fold.h"

#include <algorithm>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "lib/utf8.h"

namespace textwash::internal {
namespace {

enum class Kind : uint8_t {
  kDigit,    // 0-9 after NFKC
  kNumeral,  // a Chinese numeral: a digit only inside a run of digits
  kCjk,
  kWord,     // Latin and other letters
  kSpace,
  kSep,      // marks used to split names and numbers: - _ . / · ! * ~ | ...
  kOther,    // punctuation that separates clauses, symbols
};

// One input character. Its folded form is buf[fb, fb + fl) (see FoldLine),
// line's buffer, or the digit `digit` when a numeral became one.
struct Unit {
  uint32_t fb, fl;
  uint32_t begin, end;
  Kind kind;
  bool drop = false;
  char digit = 0;
};

int NumeralValue(char32_t c) {
  switch (c) {
    case U'〇': case U'零': return 0;
    case U'一': case U'壹': case U'幺': return 1;
    case U'二': case U'贰': case U'两': return 2;
    case U'三': case U'叁': return 3;
    case U'四': case U'肆': return 4;
    case U'五': case U'伍': return 5;
    case U'六': case U'陆': return 6;
    case U'七': case U'柒': return 7;
    case U'八': case U'捌': return 8;
    case U'九': case U'玖': return 9;
    default: return -1;
  }
}

bool IsSeparatorMark(char32_t c) {
  switch (c) {
    case '-': case '_': case '.': case '/': case '!': case '*': case '~':
    case '|': case '+': case '#': case '^': case '`': case '\'': case '"':
    case 0xB7: case 0x2010: case 0x2011: case 0x2012: case 0x2013:
    case 0x2014: case 0x2015: case 0x2022: case 0x30FB: case 0x2027:
      return true;
    default:
      return false;
  }
}

const icu::Normalizer2* NfkcCasefold() {
  UErrorCode status = U_ZERO_ERROR;
  // ICU owns the instance; it is immutable and safe to share.
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
  return U_SUCCESS(status) ? n : nullptr;
}

// NFKC_Casefold of one character, as UTF-8.
void FoldChar(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    return;
  }
  if (c >= 0x4E00 && c <= 0x9FFF) {  // unified ideographs are inert
    AppendUtf8(c, out);
    return;
  }
  static const icu::Normalizer2* const kNorm = NfkcCasefold();
  if (kNorm == nullptr || kNorm->isInert(static_cast<UChar32>(c))) {
    AppendUtf8(c, out);
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString s(static_cast<UChar32>(c));
  icu::UnicodeString folded = kNorm->normalize(s, status);
  if (U_FAILURE(status)) {
    AppendUtf8(c, out);
    return;
  }
  folded.toUTF8String(*out);
}

Kind KindOf(std::string_view folded, char32_t original) {
  if (folded.empty()) return Kind::kSpace;  // default-ignorable: dropped
  if (NumeralValue(original) >= 0) return Kind::kNumeral;
  // Fast paths: unified ideographs are letters and fold to themselves; ASCII
  // is classified by hand.
  if (original >= 0x4E00 && original <= 0x9FFF) return Kind::kCjk;
  if (original < 0x80) {
    const char32_t c = static_cast<unsigned char>(folded[0]);
    if (c >= '0' && c <= '9') return Kind::kDigit;
    if (c == ' ' || c == '\t') return Kind::kSpace;
    if (IsSeparatorMark(c)) return Kind::kSep;
    if ((c >= 'a' && c <= 'z')) return Kind::kWord;
    return Kind::kOther;
  }
  char32_t c;
  DecodeUtf8(folded, 0, &c);
  if (c >= '0' && c <= '9') return Kind::kDigit;
  if (IsHorizontalSpace(c) || IsHorizontalSpace(original)) return Kind::kSpace;
  if (IsSeparatorMark(c)) return Kind::kSep;
  if (IsCjk(c) && u_isalpha(static_cast<UChar32>(c))) return Kind::kCjk;
  if (u_isalnum(static_cast<UChar32>(c))) return Kind::kWord;
  return Kind::kOther;
}

// Minimum number of digits (numerals included) for a run to count as a
// number: short runs such as 一一 or 三三两两 stay words.
constexpr int kMinDigitRun = 5;

}  // namespace

void FoldLine(std::string_view line, FoldedLine* out) {
  // Reused by each thread's calls: no allocation per line once warm.
  thread_local std::vector<Unit> units;
  thread_local std::string buf;  // the folded forms, one after another
  thread_local std::vector<size_t> groups;
  thread_local std::vector<uint32_t> prev_word, next_word;
  units.clear();
  buf.clear();
  for (size_t i = 0; i < line.size();) {
    char32_t c;
    int len = DecodeUtf8(line, i, &c);
    if (len <= 0) len = -len;
    Unit u;
    u.fb = static_cast<uint32_t>(buf.size());
    if (c >= 0x4E00 && c <= 0x9FFF && len == 3) {
      buf.append(line.data() + i, 3);  // unified ideographs fold to themselves
    } else {
      FoldChar(c, &buf);
    }
    u.fl = static_cast<uint32_t>(buf.size()) - u.fb;
    u.begin = static_cast<uint32_t>(i);
    u.end = static_cast<uint32_t>(i + len);
    u.kind = KindOf(std::string_view(buf).substr(u.fb, u.fl), c);
    if (u.fl == 0) u.drop = true;
    units.push_back(u);
    i += len;
  }
  auto folded = [&](const Unit& u) {
    return u.digit != 0 ? std::string_view(&u.digit, 1)
                        : std::string_view(buf).substr(u.fb, u.fl);
  };
  const size_t n = units.size();
  // Digit runs: digits and numerals with at most two separators or blanks
  // between them. In a long enough run numerals become digits and the
  // separators go.
  for (size_t i = 0; i < n;) {
    if (units[i].kind != Kind::kDigit && units[i].kind != Kind::kNumeral) {
      ++i;
      continue;
    }
    size_t j = i, last = i;
    int digits = 0;
    while (j < n) {
      if (units[j].kind == Kind::kDigit || units[j].kind == Kind::kNumeral) {
        ++digits;
        last = j;
        ++j;
        continue;
      }
      size_t gap = j;
      while (gap < n && gap - j < 2 &&
             (units[gap].kind == Kind::kSpace || units[gap].kind == Kind::kSep)) {
        ++gap;
      }
      if (gap > j && gap < n &&
          (units[gap].kind == Kind::kDigit || units[gap].kind == Kind::kNumeral)) {
        j = gap;
        continue;
      }
      break;
    }
    // Dotted groups of at most three digits are an IP address or a version
    // (192.168.1.20, 2.0.1.15), and a four-digit year followed by groups of
    // one or two is a date (2023-05-12 10:30): not a phone number split up.
    bool dotted = false;
    groups.assign(1, 0);
    for (size_t k = i; k <= last; ++k) {
      if (units[k].kind == Kind::kDigit || units[k].kind == Kind::kNumeral) {
        ++groups.back();
      } else if (groups.back() > 0) {
        dotted |= folded(units[k]) == ".";
        groups.push_back(0);
      }
    }
    const size_t longest_group = *std::max_element(groups.begin(), groups.end());
    const bool date = groups.size() >= 3 && groups[0] == 4 &&
                      std::all_of(groups.begin() + 1, groups.end(),
                                  [](size_t g) { return g >= 1 && g <= 2; });
    if (digits >= kMinDigitRun && !(dotted && longest_group <= 3) && !date) {
      for (size_t k = i; k <= last; ++k) {
        Unit& u = units[k];
        if (u.kind == Kind::kNumeral) {
          u.digit = static_cast<char>('0' + [&] {
            char32_t c;
            DecodeUtf8(line, u.begin, &c);
            return NumeralValue(c);
          }());
          u.kind = Kind::kDigit;
        } else if (u.kind == Kind::kSpace || u.kind == Kind::kSep) {
          u.drop = true;
        }
      }
    }
    i = last + 1;
  }
  // Blanks go unless they keep two words or two numbers apart; marks go
  // between two CJK characters, where they only serve to split a name.
  // The nearest unit before and after each one that is neither a blank nor
  // a mark (a dropped unit is a blank), found in two passes so that a long
  // run of marks costs no more than its length.
  constexpr uint32_t kNone = UINT32_MAX;
  auto is_word = [&](size_t m) {
    return !units[m].drop && units[m].kind != Kind::kSpace && units[m].kind != Kind::kSep;
  };
  prev_word.assign(n, kNone);
  next_word.assign(n, kNone);
  for (size_t k = 1; k < n; ++k) {
    prev_word[k] = is_word(k - 1) ? static_cast<uint32_t>(k - 1) : prev_word[k - 1];
  }
  for (size_t k = n; k-- > 1;) {
    next_word[k - 1] = is_word(k) ? static_cast<uint32_t>(k) : next_word[k];
  }
  auto neighbour = [&](size_t k, int step) -> const Unit* {
    const uint32_t m = step < 0 ? prev_word[k] : next_word[k];
    return m == kNone ? nullptr : &units[m];
  };
  for (size_t k = 0; k < n; ++k) {
    Unit& u = units[k];
    if (u.drop || (u.kind != Kind::kSpace && u.kind != Kind::kSep)) continue;
    const Unit* prev = k > 0 ? neighbour(k, -1) : nullptr;
    const Unit* next = neighbour(k, 1);
    if (u.kind == Kind::kSpace) {
      auto alnum = [](const Unit* x) {
        return x != nullptr && (x->kind == Kind::kWord || x->kind == Kind::kDigit);
      };
      u.drop = !(alnum(prev) && alnum(next));
    } else {
      const bool prev_cjk = prev && prev->kind == Kind::kCjk;
      const bool next_cjk = next && next->kind == Kind::kCjk;
      u.drop = prev_cjk && next_cjk;
    }
  }
  out->text.clear();
  out->begin.clear();
  out->end.clear();
  for (const Unit& u : units) {
    if (u.drop) continue;
    const std::string_view f = folded(u);
    out->text += f;
    out->begin.insert(out->begin.end(), f.size(), u.begin);
    out->end.insert(out->end.end(), f.size(), u.end);
  }
}

}  // namespace textwash::internal
