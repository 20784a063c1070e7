// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
#include "lib/text.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

#include "lib/utf8.h"

namespace textwash::internal {
namespace {

// How far to look for the other half of a bracket pair. Pairs further apart
// than this are taken as unpaired, so that one stray bracket cannot make a
// whole paragraph a single sentence.
constexpr size_t kMaxBracketSpan = 240;

constexpr bool IsTerminator(std::string_view text, size_t i, char32_t c, int len) {
  switch (c) {
    case U'。': case U'！': case U'？': case U'；': case U'!': case U'?':
    case U';': case U'…':
      return true;
    case U'.': case U'．': {
      // A full stop ends a sentence only before white space or the line end,
      // never inside 2.0.1 or example.com.
      const size_t next = i + len;
      return next >= text.size() || text[next] == ' ' || text[next] == '\n' ||
             text[next] == '\t';
    }
    default:
      return false;
  }
}

// Whether `c` may end a sentence: whether it does before a blank.
constexpr bool MayEndSentence(char32_t c) { return IsTerminator("x ", 0, c, 1); }

bool IsClauseMark(char32_t c) {
  return c == U'，' || c == U',' || c == U'；' || c == U';';
}

// Bracket and quote pairs, opener first.
constexpr std::pair<char32_t, char32_t> kPairs[] = {
    {U'【', U'】'}, {U'（', U'）'}, {U'(', U')'}, {U'[', U']'}, {U'《', U'》'},
    {U'「', U'」'}, {U'『', U'』'}, {U'“', U'”'}, {U'〔', U'〕'}, {U'［', U'］'},
};

// True unless `c` is surely no half of a pair: ASCII other than brackets,
// code points below U+2000 and the CJK ideographs, most of any text, need no
// look through kPairs.
constexpr bool MayBePairHalf(char32_t c) {
  if (c < 0x80) return c == '(' || c == ')' || c == '[' || c == ']';
  return c >= 0x2000 && (c < 0x4E00 || c > 0x9FFF);
}

constexpr bool AllPairHalvesPass() {
  for (const auto& pair : kPairs) {
    if (!MayBePairHalf(pair.first) || !MayBePairHalf(pair.second)) return false;
  }
  return true;
}
static_assert(AllPairHalvesPass(), "MayBePairHalf() must pass all of kPairs");

// SentenceAround steps over U+4000..U+9FFF (IsIdeographAt below): none of
// them may end a sentence or be half of a pair.
constexpr bool NoneMattersFrom4000To9FFF() {
  for (const auto& [open, close] : kPairs) {
    if ((open >= 0x4000 && open <= 0x9FFF) || (close >= 0x4000 && close <= 0x9FFF)) return false;
  }
  for (char32_t c = 0x4000; c <= 0x9FFF; ++c) {
    if (MayEndSentence(c)) return false;
  }
  return true;
}
static_assert(NoneMattersFrom4000To9FFF(), "IsIdeographAt() below skips U+4000..U+9FFF");

// Returns the closer of opener `c`, or 0 if `c` opens no pair.
char32_t CloserOf(char32_t c) {
  if (!MayBePairHalf(c)) return 0;
  for (const auto& [open, close] : kPairs) {
    if (c == open) return close;
  }
  return 0;
}

// Returns the opener of closer `c`, or 0 if `c` closes no pair.
char32_t OpenerOf(char32_t c) {
  if (!MayBePairHalf(c)) return 0;
  for (const auto& [open, close] : kPairs) {
    if (c == close) return open;
  }
  return 0;
}

// If text[i] opens a pair that closes within the line, returns the offset
// just past the closer; otherwise returns i.
size_t SkipPairForward(std::string_view text, size_t i, int len, char32_t open,
                       size_t line_end) {
  const char32_t close = CloserOf(open);
  const size_t limit = std::min(line_end, i + len + kMaxBracketSpan);
  int depth = 1;
  for (size_t j = i + len; j < limit;) {
    char32_t c;
    int l = DecodeUtf8(text, j, &c);
    if (l <= 0) l = 1;
    if (c == open && open != close) ++depth;
    if (c == close && --depth == 0) return j + l;
    j += l;
  }
  return i;
}

// If the character ending at `end` closes a pair opened within the line,
// returns the offset of the opener; otherwise returns `end`.
size_t SkipPairBackward(std::string_view text, size_t end, int len,
                        char32_t close, size_t line_begin) {
  const char32_t open = OpenerOf(close);
  const size_t start = end - len;
  const size_t limit =
      start > line_begin + kMaxBracketSpan ? start - kMaxBracketSpan : line_begin;
  int depth = 1;
  for (size_t j = start; j > limit;) {
    char32_t c;
    int l = DecodeUtf8Before(text, j, &c);
    j -= l;
    if (c == close && open != close) ++depth;
    if (c == open && --depth == 0) return j;
  }
  return end;
}

}  // namespace

void SplitLines(std::string_view text, std::vector<Line>* lines) {
  lines->clear();
  // Room for a document of ordinary lines at once, rather than by doubling
  // from one (a longer one grows from there).
  lines->reserve(std::min<size_t>(text.size() / 32 + 1, 4096));
  size_t b = 0;
  while (b < text.size()) {
    const void* nl = std::memchr(text.data() + b, '\n', text.size() - b);
    const size_t e =
        nl ? static_cast<size_t>(static_cast<const char*>(nl) - text.data())
           : text.size();
    lines->push_back(Line{b, e});
    b = e + 1;
  }
}

size_t LineIndexOf(const std::vector<Line>& lines, size_t offset) {
  auto it = std::upper_bound(
      lines.begin(), lines.end(), offset,
      [](size_t off, const Line& l) { return off < l.begin; });
  return it == lines.begin() ? 0 : static_cast<size_t>(it - lines.begin()) - 1;
}

bool IsListItem(std::string_view s) {
  size_t i = 0;
  char32_t c = 0;
  while (i < s.size()) {
    const int len = DecodeUtf8(s, i, &c);
    if (len <= 0 || !IsHorizontalSpace(c)) break;
    i += len;
  }
  if (i >= s.size()) return false;
  const size_t chars = CountCodePoints(s.substr(i));
  if (chars > 80) return false;
  switch (c) {
    case '-': case '*': case '>': case U'·': case U'•': case U'→': case U'▪':
    case U'●': case U'◆': case U'■': case U'»': case U'▶': case U'►':
      return true;
    default:
      break;
  }
  if (c >= '0' && c <= '9') {
    size_t j = i;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    if (j < s.size() && (s[j] == '.' || s[j] == ')' ||
                         s.substr(j, 3) == "\u3001")) {
      return true;
    }
  }
  char32_t last = 0;
  DecodeUtf8Before(s, s.size(), &last);
  const bool ends_sentence = last == '.' || last == '!' || last == '?' ||
                             last == U'。' || last == U'！' || last == U'？';
  return chars <= 60 && !ends_sentence;
}

bool IsBlank(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    char32_t c;
    int len = DecodeUtf8(s, i, &c);
    if (len <= 0 || !IsHorizontalSpace(c)) return false;
    i += len;
  }
  return true;
}

size_t CountLongSolidBytes(std::string_view s, size_t most) {
  size_t count = 0;
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' ');
  const __m128i tab = _mm_set1_epi8('\t');
  const __m128i one = _mm_set1_epi8(1);
  for (; i + 16 <= s.size() && count <= most; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    // 1 in each solid byte, summed by the two halves' sums of absolute
    // differences (a popcount would be a library call without -mpopcnt).
    const __m128i solid = _mm_andnot_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, space), _mm_cmpeq_epi8(v, tab)), one);
    const __m128i sums = _mm_sad_epu8(solid, _mm_setzero_si128());
    count += static_cast<size_t>(_mm_cvtsi128_si32(sums) + _mm_extract_epi16(sums, 4));
  }
#endif
  for (; i < s.size() && count <= most; ++i) count += s[i] != ' ' && s[i] != '\t';
  return count;
}

namespace {

// ASCII characters that neither end a sentence nor are half of a pair (all
// but . ! ? ; ( ) [ ]): SentenceAround steps over them, and over the
// ideographs below, without decoding them or asking what they are.
constexpr std::array<bool, 128> PlainAscii() {
  std::array<bool, 128> plain{};
  for (char32_t c = 0; c < 128; ++c) plain[c] = !MayEndSentence(c) && !MayBePairHalf(c);
  return plain;
}
constexpr std::array<bool, 128> kPlainAscii = PlainAscii();

// Whether text[i, i + 3) is a character from U+4000 to U+9FFF (CJK
// ideographs, most of Chinese text), which neither ends a sentence (see
// IsTerminator) nor is half of a pair. i + 3 <= text.size().
inline bool IsIdeographAt(std::string_view text, size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data()) + i;
  return p[0] >= 0xE4 && p[0] <= 0xE9 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80;
}

// How many bytes of plain characters (see above) there are from j on, one
// character's worth at most; 0 if the character at j may matter.
inline size_t PlainAt(std::string_view text, size_t j, size_t line_end) {
  const auto b = static_cast<unsigned char>(text[j]);
  if (b < 0x80) return kPlainAscii[b] ? 1 : 0;
  return line_end - j >= 3 && IsIdeographAt(text, j) ? 3 : 0;
}

// The same for the character that ends at j.
inline size_t PlainBefore(std::string_view text, size_t j, size_t line_begin) {
  const auto b = static_cast<unsigned char>(text[j - 1]);
  if (b < 0x80) return kPlainAscii[b] ? 1 : 0;
  return j - line_begin >= 3 && IsIdeographAt(text, j - 3) ? 3 : 0;
}

// SentenceAround, with the steps over plain characters when kShortcuts.
template <bool kShortcuts>
Span SentenceAroundImpl(std::string_view text, Line line, size_t begin, size_t end) {
  // Backward from the match to the end of the previous sentence.
  size_t sb = line.begin;
  for (size_t j = begin; j > line.begin;) {
    if (kShortcuts) {
      if (const size_t plain = PlainBefore(text, j, line.begin); plain > 0) {
        j -= plain;
        continue;
      }
    }
    char32_t c;
    const int len = DecodeUtf8Before(text, j, &c);
    if (OpenerOf(c) != 0) {
      // `。”` ends a sentence too: the quote closes after the end mark.
      char32_t before;
      const int blen = DecodeUtf8Before(text, j - len, &before);
      if (j - len > line.begin && blen > 0 &&
          IsTerminator(text, j - len - blen, before, blen)) {
        sb = j;
        break;
      }
      const size_t opener = SkipPairBackward(text, j, len, c, line.begin);
      if (opener != j) {
        j = opener;
        continue;
      }
    }
    if (IsTerminator(text, j - len, c, len)) {
      sb = j;
      break;
    }
    j -= len;
  }
  // Forward from the sentence start to the first sentence end at or after
  // the match's end; pairs are skipped whole.
  size_t se = line.end;
  for (size_t j = sb; j < line.end;) {
    if (kShortcuts) {
      if (const size_t plain = PlainAt(text, j, line.end); plain > 0) {
        j += plain;
        continue;
      }
    }
    char32_t c;
    int len = DecodeUtf8(text, j, &c);
    if (len <= 0) len = 1;
    if (CloserOf(c) != 0) {
      const size_t past = SkipPairForward(text, j, len, c, line.end);
      if (past != j) {
        j = past;
        continue;
      }
    }
    if (j + len >= end && IsTerminator(text, j, c, len)) {
      // Take the whole run of terminators ("？！", "……").
      size_t k = j + len;
      while (k < line.end) {
        char32_t c2;
        int l2 = DecodeUtf8(text, k, &c2);
        if (l2 <= 0 || !IsTerminator(text, k, c2, l2)) break;
        k += l2;
      }
      se = k;
      break;
    }
    j += len;
  }
  if (se < end) se = end;
  // Blanks after the sentence go with it; at the line end, those before.
  while (se < line.end) {
    char32_t c;
    int len = DecodeUtf8(text, se, &c);
    if (len <= 0 || !IsHorizontalSpace(c)) break;
    se += len;
  }
  if (se == line.end) {
    while (sb > line.begin) {
      char32_t c;
      int len = DecodeUtf8Before(text, sb, &c);
      if (!IsHorizontalSpace(c)) break;
      sb -= len;
    }
  } else {
    while (sb < begin) {
      char32_t c;
      int len = DecodeUtf8(text, sb, &c);
      if (len <= 0 || !IsHorizontalSpace(c)) break;
      sb += len;
    }
  }
  return Span{sb, se};
}

}  // namespace

Span SentenceAround(std::string_view text, Line line, size_t begin, size_t end) {
  return SentenceAroundImpl<true>(text, line, begin, end);
}

Span SentenceAroundStepByStep(std::string_view text, Line line, size_t begin, size_t end) {
  return SentenceAroundImpl<false>(text, line, begin, end);
}

size_t ClauseStart(std::string_view text, Line line, size_t sentence_begin,
                   size_t pos, size_t* mark) {
  for (size_t j = pos; j > sentence_begin;) {
    char32_t c;
    const int len = DecodeUtf8Before(text, j, &c);
    if (OpenerOf(c) != 0) {
      const size_t opener = SkipPairBackward(text, j, len, c, line.begin);
      if (opener != j && opener >= sentence_begin) {
        j = opener;
        continue;
      }
    }
    if (IsClauseMark(c)) {
      *mark = j - len;
      return j;
    }
    j -= len;
  }
  *mark = sentence_begin;
  return sentence_begin;
}

size_t ClauseEnd(std::string_view text, Line line, size_t pos,
                 size_t sentence_end) {
  for (size_t j = pos; j < sentence_end;) {
    char32_t c;
    int len = DecodeUtf8(text, j, &c);
    if (len <= 0) len = 1;
    if (CloserOf(c) != 0) {
      const size_t past = SkipPairForward(text, j, len, c, line.end);
      if (past != j && past <= sentence_end) {
        j = past;
        continue;
      }
    }
    if (IsClauseMark(c)) return j;
    j += len;
  }
  return sentence_end;
}

size_t BeforeSentenceEnd(std::string_view text, size_t begin, size_t end) {
  while (end > begin) {
    char32_t c;
    const int len = DecodeUtf8Before(text, end, &c);
    if (!IsHorizontalSpace(c) && !IsTerminator(text, end - len, c, len) &&
        !(c == '.' || c == U'．')) {
      break;
    }
    end -= len;
  }
  return end;
}

Span MarkerCut(std::string_view text, Line line, size_t begin, size_t end,
               bool* keep_space) {
  size_t b = begin, e = end;
  bool spaced = false;
  char32_t c = 0;
  while (b > line.begin) {
    int len = DecodeUtf8Before(text, b, &c);
    if (!IsHorizontalSpace(c)) break;
    b -= len;
    spaced = true;
  }
  while (e < line.end) {
    int len = DecodeUtf8(text, e, &c);
    if (len <= 0 || !IsHorizontalSpace(c)) break;
    e += len;
    spaced = true;
  }
  char32_t prev = 0, next = 0;
  if (b > line.begin) DecodeUtf8Before(text, b, &prev);
  if (e < line.end) DecodeUtf8(text, e, &next);
  *keep_space = spaced && prev != 0 && next != 0 && !IsCjk(prev) && !IsCjk(next);
  return Span{b, e};
}

}  // namespace textwash::internal
