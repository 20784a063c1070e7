// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
#include "lib/numerals.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "lib/utf8.h"

namespace textwash::internal {
namespace {

enum Class : uint8_t { kOther, kNumeral, kSeparator };

// A run's separators: blanks, parentheses and the marks folding drops
// between digits, in ASCII and full-width forms.
constexpr bool IsAsciiSeparator(char32_t c) {
  return c == ' ' || c == '\t' || c == '(' || c == ')' || IsSeparatorMark(c);
}

constexpr std::array<uint8_t, 128> MakeAsciiClasses() {
  std::array<uint8_t, 128> t{};
  for (char32_t c = 0; c < 128; ++c) {
    t[c] = c >= '0' && c <= '9' ? kNumeral : IsAsciiSeparator(c) ? kSeparator : kOther;
  }
  return t;
}
constexpr std::array<uint8_t, 128> kAsciiClasses = MakeAsciiClasses();

// The class of `c`, from the definitions; ClassOf() below answers the same
// from a table for most characters.
constexpr Class ClassOfSlow(char32_t c) {
  if (c < 0x80) return static_cast<Class>(kAsciiClasses[c]);
  if (c - 0x4E00 < 0x5200) {  // unified ideographs
    return kNumeralIdeographs.test(c - 0x4E00) ? kNumeral : kOther;
  }
  if (c >= 0xFF01 && c <= 0xFF5E) {  // full-width forms of ASCII
    return static_cast<Class>(kAsciiClasses[c - 0xFEE0]);
  }
  if (c - 0x2460 < 9 || c == 0x24EA || NumeralValue(c) >= 0) return kNumeral;  // ①-⑨ ⓪ 〇
  return c == 0xA0 || c == 0x3000 || IsSeparatorMark(c) ? kSeparator : kOther;
}

// Bit c, for c < U+10000: c is a numeral or a separator. Those lie below
// U+3100 (ASCII, the marks, blanks, circled digits, 〇), among the unified
// ideographs and among the full-width forms: only those are looked at, which
// keeps the work of building the table at compile time small.
constexpr std::array<uint64_t, 0x10000 / 64> MakeMembers() {
  std::array<uint64_t, 0x10000 / 64> t{};
  auto add = [&](char32_t c) {
    if (ClassOfSlow(c) != kOther) t[c / 64] |= uint64_t{1} << (c % 64);
  };
  for (char32_t c = 0; c < 0x3100; ++c) add(c);
  for (char32_t c = 0x4E00; c < 0xA000; ++c) {
    if (kNumeralIdeographs.test(c - 0x4E00)) t[c / 64] |= uint64_t{1} << (c % 64);
  }
  for (char32_t c = 0xFF01; c <= 0xFF5E; ++c) add(c);
  return t;
}
constexpr std::array<uint64_t, 0x10000 / 64> kMembers = MakeMembers();

constexpr bool IsMember(char32_t c) { return ((kMembers[c / 64] >> (c % 64)) & 1) != 0; }

inline Class ClassOf(char32_t c) {
  if (c < 0x80) return static_cast<Class>(kAsciiClasses[c]);
  if (c < 0x10000 && !IsMember(c)) return kOther;
  return ClassOfSlow(c);
}

// The class and length of the character at s[i]; an ill-formed byte is
// kOther (length 1 or more).
inline Class ClassAt(std::string_view s, size_t i, size_t* len) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  if (p[0] < 0x80) {
    *len = 1;
    return static_cast<Class>(kAsciiClasses[p[0]]);
  }
  char32_t c;
  const int n = DecodeUtf8(s, i, &c);
  if (n <= 0) {
    *len = static_cast<size_t>(-n > 0 ? -n : 1);
    return kOther;
  }
  *len = static_cast<size_t>(n);
  return ClassOf(c);
}

// The class and start of the character that ends at s[end] (end > floor),
// not reaching before `floor`; kOther when it is ill-formed.
inline Class ClassBefore(std::string_view s, size_t end, size_t floor, size_t* start) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  if (p[end - 1] < 0x80) {
    *start = end - 1;
    return static_cast<Class>(kAsciiClasses[p[end - 1]]);
  }
  size_t lead = end - 1;
  while (lead > floor && end - lead < 4 && (p[lead] & 0xC0) == 0x80) --lead;
  size_t len;
  const Class k = ClassAt(s, lead, &len);
  *start = lead;
  return lead + len == end ? k : kOther;
}

constexpr size_t kBlock = 64;

// Bit k is set when p[k] is an ASCII digit, for k < n <= kBlock.
uint64_t DigitMask(const unsigned char* p, size_t n) {
#if defined(__SSE2__)
  if (n == kBlock) {
    const __m128i zero = _mm_set1_epi8('0'), nine = _mm_set1_epi8(9);
    auto digits = [&](int k) -> uint64_t {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
      const __m128i d = _mm_sub_epi8(v, zero);
      return static_cast<uint32_t>(
          _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(d, nine), d)));
    };
    return digits(0) | digits(1) << 16 | digits(2) << 32 | digits(3) << 48;
  }
#endif
  uint64_t mask = 0;
  for (size_t k = 0; k < n; ++k) {
    if (static_cast<unsigned char>(p[k] - '0') <= 9) mask |= uint64_t{1} << k;
  }
  return mask;
}

// Whether p[0, kBlock) holds a byte beyond ASCII.
bool HasHighByte(const unsigned char* p) {
#if defined(__SSE2__)
  const auto load = [&](int k) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
  };
  return _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(load(0), load(1)),
                                        _mm_or_si128(load(2), load(3)))) != 0;
#else
  uint64_t any = 0;
  for (size_t k = 0; k < kBlock; k += 8) {
    uint64_t w;
    std::memcpy(&w, p + k, 8);
    any |= w;
  }
  return (any & 0x8080808080808080u) != 0;
#endif
}

// The class of the character at p[i] if it is ASCII or a well-formed
// three-byte sequence (or i == n: kOther), else kUnknown: a cheap look for
// the common cases, which Visit() confirms.
constexpr Class kUnknown = static_cast<Class>(3);
inline Class QuickClass(const unsigned char* p, size_t n, size_t i) {
  if (i == n) return kOther;
  const unsigned char c = p[i];
  if (c < 0x80) return static_cast<Class>(kAsciiClasses[c]);
  if (c >= 0xE1 && c <= 0xEF && c != 0xED && n - i >= 3 &&
      (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
    return ClassOf(DecodeThreeBytes(p + i));
  }
  return kUnknown;
}

// The same for the character that ends at p[end] (end > floor).
inline Class QuickClassBefore(const unsigned char* p, size_t floor, size_t end) {
  if (p[end - 1] < 0x80) return static_cast<Class>(kAsciiClasses[p[end - 1]]);
  if (end - floor >= 3 && (p[end - 1] & 0xC0) == 0x80 && (p[end - 2] & 0xC0) == 0x80 &&
      p[end - 3] >= 0xE1 && p[end - 3] <= 0xEF && p[end - 3] != 0xED) {
    return ClassOf(DecodeThreeBytes(p + end - 3));
  }
  return kUnknown;
}

// Whether no numeral follows p[i] within two separators (p[i] is where the
// digits end), by the cheap look of QuickClass: no run goes on past them.
inline bool Closed(const unsigned char* p, size_t n, size_t i) {
  for (int seps = 0; seps < 3; ++seps) {
    const Class k = QuickClass(p, n, i);
    if (k != kSeparator) return k == kOther;
    i += p[i] < 0x80 ? 1 : 3;  // QuickClass knows separators of one or three bytes
  }
  return true;
}

// The same before p[end] (where the digits start), looking back to `floor`.
inline bool ClosedBefore(const unsigned char* p, size_t floor, size_t end) {
  for (int seps = 0; seps < 3; ++seps) {
    if (end == floor) return true;
    const Class k = QuickClassBefore(p, floor, end);
    if (k != kSeparator) return k == kOther;
    end -= p[end - 1] < 0x80 ? 1 : 3;
  }
  return true;
}

// Whether no line break stands between two runs' ends, a <= b: the runs are
// on one line.
bool SameLine(std::string_view text, size_t a, size_t b) {
  return std::memchr(text.data() + a, '\n', b - a) == nullptr;
}

// The runs one pass found, from runs[from] on, one per line: a run on the
// line of the last one makes that one the line's longest.
struct RunList {
  std::string_view text;
  std::vector<NumeralRun>* runs;
  size_t from;

  void Add(NumeralRun run) {
    if (runs->size() > from) {
      NumeralRun& last = runs->back();
      if (SameLine(text, last.end, run.end)) {
        last = NumeralRun{run.end, std::max(last.count, run.count)};
        return;
      }
    }
    runs->push_back(run);
  }
};

// Looks at the stretch of numerals and separators holding the byte `at`
// (at >= *done), if any, appends its runs of at least `min_count` numerals to
// `*runs`, and moves `*done` past it. text[0, *done) is looked at already and
// *done is the start of a character that is neither.
void Visit(std::string_view text, size_t at, size_t min_count, size_t* done,
           RunList* runs) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t floor = *done;
  size_t b = at;
  // To its character's start (three bytes back at most: past them is an
  // ill-formed sequence, kOther).
  while (b > floor && at - b < 3 && (p[b] & 0xC0) == 0x80) --b;
  size_t len;
  if (ClassAt(text, b, &len) == kOther) return;
  // Back to the stretch's start; it cannot go on before `floor`.
  for (size_t start; b > floor && ClassBefore(text, b, floor, &start) != kOther;) {
    b = start;
  }
  // Forward through the stretch, counting each run.
  size_t count = 0, gap = 0, last_end = 0;
  size_t q = b;
  while (q < text.size()) {
    size_t l;
    const Class k = ClassAt(text, q, &l);
    if (k == kOther) break;
    if (k == kNumeral) {
      ++count;
      gap = 0;
      last_end = q + l;
    } else if (count > 0 && ++gap > 2) {
      if (count >= min_count) runs->Add(NumeralRun{last_end, count});
      count = 0;
    }
    q += l;
  }
  if (count >= min_count) runs->Add(NumeralRun{last_end, count});
  *done = q;
}

}  // namespace

void FindNumeralRuns(std::string_view text, size_t min_count,
                     std::vector<NumeralRun>* runs) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  min_count = std::max<size_t>(min_count, 1);
  const size_t first = runs->size();
  RunList with_digits{text, runs, first};

  // Runs with an ASCII digit, through their digits. Most digits stand in
  // short groups between letters or ideographs (2023年): those are passed
  // over after a look at the characters on either side.
  size_t done = 0;
  for (size_t i = 0; i < n;) {
    const size_t m = std::min(kBlock, n - i);
    uint64_t look = DigitMask(p + i, m);
    while (look != 0) {
      const size_t at = i + static_cast<size_t>(__builtin_ctzll(look));
      look &= look - 1;
      if (at < done) continue;
      size_t q = at + 1;
      while (q < n && static_cast<unsigned char>(p[q] - '0') <= 9) ++q;
      if (q - at < min_count && Closed(p, n, q) && ClosedBefore(p, done, at)) {
        done = q;
      } else {
        Visit(text, at, min_count, &done, &with_digits);
      }
      // The digits before `done` are looked at (done > at >= i).
      look = done - i >= kBlock ? 0 : look & ~((uint64_t{1} << (done - i)) - 1);
    }
    i = std::max(i + m, done);
  }
  const size_t middle = runs->size();
  RunList without{text, runs, middle};

  // Runs without: min_count three-byte numerals and what stands between
  // them, at least 3 * min_count bytes. A look at the character that starts
  // at or up to two bytes after every (3 * min_count - 2)th byte lands on
  // each.
  const size_t stride = 3 * min_count - 2;
  done = 0;
  // Looks at the character at or up to two bytes after `at`.
  auto sample = [&](size_t at) {
    // Most characters are neither numeral nor separator: ASCII letters, and
    // in CJK text ideographs, told apart here without a call or a branch on
    // where the character starts.
    size_t b = at;     // where the character sampled starts
    Class k = kUnknown;  // its class, if known
    if (n - at >= 8) {
      uint64_t w;
      std::memcpy(&w, p + at, 8);
      // The character at or up to two bytes after `at` (three: ill-formed,
      // kUnknown), decoded as if it had three bytes, and whether it is
      // plainly neither: an ASCII character of class kOther, or a
      // three-byte one outside the table. Both are worked out without a
      // branch, whichever the character is: which it is, and whether it is a
      // member, follow no pattern a branch predictor could learn.
      const uint64_t heads = ((w & 0xC0C0C0) ^ 0x808080) | (uint64_t{1} << 24);
      const unsigned skip = static_cast<unsigned>(__builtin_ctzll(heads)) / 8;
      const uint64_t x = w >> (8 * skip);
      const auto cp = static_cast<char32_t>(((x & 0x0F) << 12) | ((x >> 2) & 0x0FC0) |
                                            ((x >> 16) & 0x3F));
      const unsigned ascii = (w & 0x80) == 0;
      const unsigned three = (x & 0xF0) == 0xE0;
      const unsigned ascii_other = kAsciiClasses[w & 0x7F] == kOther;
      const unsigned three_other = !IsMember(cp);
      if ((ascii & ascii_other) | (three & three_other)) return;
      // A three-byte character, or what would be one: an ill-formed sequence
      // is neither numeral nor separator, whatever it reads as (Visit()
      // decodes it again).
      b = at + skip;
      if (ascii) {
        k = static_cast<Class>(kAsciiClasses[w & 0x7F]);
      } else if (three) {
        k = ClassOf(cp);
      }
    } else {
      if (p[at] < 0x80) {
        k = static_cast<Class>(kAsciiClasses[p[at]]);
        if (k == kOther) return;
      } else {
        while (b < n && b - at < 3 && (p[b] & 0xC0) == 0x80) ++b;
        if (b == n) return;
        if (p[b] >= 0xE0 && p[b] <= 0xEF && n - b >= 3) {
          const char32_t cp = DecodeThreeBytes(p + b);
          if (!IsMember(cp)) return;
          k = ClassOf(cp);
        }
      }
    }
    // Inside a run, a separator stands between two members, and a numeral
    // (of two or more) beside one: a blank between words, or 一 in 统一的,
    // is passed over.
    if (k != kUnknown && min_count > 1) {
      const size_t e = b + (p[b] < 0x80 ? 1 : 3);
      const Class before = b > done ? QuickClassBefore(p, done, b) : kOther;
      const Class after = QuickClass(p, n, e);
      if (k == kSeparator ? before == kOther || after == kOther
                          : before == kOther && after == kOther) {
        return;
      }
    }
    if (b >= done) Visit(text, b, min_count, &done, &without);
  };
  // A block of ASCII holds no part of a run without ASCII digits: such a
  // run's numerals are never more than six bytes apart.
  size_t at = 0;
  for (size_t i = 0; i < n; i += kBlock) {
    const size_t end = std::min(n, i + kBlock);
    if (at >= end) continue;
    if (end - i == kBlock && !HasHighByte(p + i)) {
      at += (end - at + stride - 1) / stride * stride;
      continue;
    }
    for (; at < end; at += stride) {
      sample(at);
      if (done > at + stride) at = done - stride;  // the next sample: at `done`
    }
  }

  // Both ways found runs on a line: the longest is the line's.
  if (middle > first && runs->size() > middle) {
    std::inplace_merge(runs->begin() + static_cast<ptrdiff_t>(first),
                       runs->begin() + static_cast<ptrdiff_t>(middle), runs->end(),
                       [](const NumeralRun& a, const NumeralRun& b) { return a.end < b.end; });
    size_t w = first;
    for (size_t k = first + 1; k < runs->size(); ++k) {
      NumeralRun& last = (*runs)[w];
      const NumeralRun run = (*runs)[k];
      if (SameLine(text, last.end, run.end)) {
        last = NumeralRun{run.end, std::max(last.count, run.count)};
      } else {
        (*runs)[++w] = run;
      }
    }
    runs->resize(w + 1);
  }
}

}  // namespace textwash::internal
