// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
#include "lib/noise.h"

#include <unicode/ucnv.h>

#include <algorithm>
#include <array>
#include <bitset>
#include <cstdint>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "lib/stage_rules.h"
#include "lib/utf8.h"

namespace textwash::internal {
namespace {

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

// The space-separated tokens of `s`, in a buffer each thread reuses (no
// allocation per line); valid until the next call on the same thread.
const std::vector<std::string_view>& SplitTokens(std::string_view s) {
  thread_local std::vector<std::string_view> out;
  out.clear();
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// Symbol salad: many one- and two-character tokens, letters of both cases,
// and marks no prose puts there.
bool IsSymbolSalad(const std::vector<std::string_view>& tokens) {
  if (tokens.size() < 4) return false;
  size_t chars = 0, marks = 0, mixed = 0;
  bool upper = false, lower = false;
  for (std::string_view t : tokens) {
    chars += t.size();
    bool alnum = false, mark = false;
    for (char c : t) {
      if (IsAsciiLetter(c)) {
        (IsUpper(c) ? upper : lower) = true;
        alnum = true;
      } else if (IsAsciiDigit(c)) {
        alnum = true;
      } else {
        ++marks;
        mark = true;
      }
    }
    mixed += alnum && (mark || t.size() > 1);
  }
  return upper && lower && marks >= 2 && mixed >= 2 &&
         chars * 10 <= tokens.size() * 25;  // average token <= 2.5 chars
}

// A random token: letters whose case flips at least three times, and digits.
bool IsRandomToken(std::string_view t) {
  if (t.size() < 5 || t.size() > 12) return false;
  int switches = 0, digits = 0, letters = 0;
  int last_case = -1;
  size_t lower_run = 0, longest_lower_run = 0;
  for (char c : t) {
    if (IsAsciiDigit(c)) {
      ++digits;
      lower_run = 0;
    } else if (IsAsciiLetter(c)) {
      ++letters;
      const int cs = IsUpper(c) ? 1 : 0;
      if (last_case >= 0 && cs != last_case) ++switches;
      last_case = cs;
      lower_run = cs == 0 ? lower_run + 1 : 0;
      longest_lower_run = std::max(longest_lower_run, lower_run);
    } else {
      return false;
    }
  }
  // Words have runs of lower case (iPhone15Pro, PlayStation5); random
  // tokens flip case every letter or two.
  return digits >= 1 && letters >= 4 && switches >= 3 && longest_lower_run <= 2;
}

#if defined(__SSE2__)
inline __m128i Load16(const unsigned char* p) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}
#endif


// Returns the first position in [i, end) where four ASCII bytes start, or
// end. Shorter ASCII runs (digits and marks between CJK characters) are
// stepped over with the rest.
size_t FindAsciiRun(const unsigned char* p, size_t i, size_t end) {
#if defined(__SSE2__)
  // Bit k of starts(b) is set where the bytes b + k .. b + k + 3 are ASCII,
  // for k up to 60: the 64 bytes at b hold whole the runs that start there.
  auto starts = [p](size_t b) {
    uint64_t high = 0;
    for (int j = 0; j < 4; ++j) {
      high |= uint64_t{static_cast<unsigned>(_mm_movemask_epi8(Load16(p + b + 16 * j)))}
              << (16 * j);
    }
    const uint64_t ascii = ~high;
    return ascii & ascii >> 1 & ascii >> 2 & ascii >> 3 & ((uint64_t{1} << 61) - 1);
  };
  if (end - i >= 64) {
    for (; end - i >= 64; i += 61) {
      if (const uint64_t s = starts(i)) return i + __builtin_ctzll(s);
    }
    // The last 61 starts, less those before i, which have been looked at.
    const size_t b = end - 64;
    const uint64_t s = starts(b) & ~uint64_t{0} << (i - b);
    return s != 0 ? b + __builtin_ctzll(s) : end;
  }
  // The same for 16 starts, from the 19 bytes at b.
  auto starts16 = [p](size_t b) {
    const __m128i any = _mm_or_si128(_mm_or_si128(Load16(p + b), Load16(p + b + 1)),
                                     _mm_or_si128(Load16(p + b + 2), Load16(p + b + 3)));
    return ~static_cast<unsigned>(_mm_movemask_epi8(any)) & 0xFFFFu;
  };
  if (end - i >= 19) {
    for (; end - i >= 19; i += 16) {
      if (const unsigned s = starts16(i)) return i + __builtin_ctz(s);
    }
    const size_t b = end - 19;
    const unsigned s = starts16(b) & (0xFFFFu << (i - b));
    return s != 0 ? b + __builtin_ctz(s) : end;
  }
#endif
  // Every start before i has been looked at, so a run counted from i finds
  // the first start at i or after.
  for (size_t run = 0; i < end; ++i) {
    run = p[i] < 0x80 ? run + 1 : 0;
    if (run == 4) return i - 3;
  }
  return end;
}

// Counts the bytes of `run` that are spaces, and its tokens (maximal runs
// of other bytes).
void CountTokens(std::string_view run, size_t* tokens, size_t* spaces) {
  const auto* p = reinterpret_cast<const unsigned char*>(run.data());
  const size_t n = run.size();
  if (n == 0) {
    *tokens = *spaces = 0;
    return;
  }
  // The byte before the run counts as a space: a token may start at 0.
  size_t t = p[0] != ' ', s = p[0] == ' ';
  size_t k = 1;
#if defined(__SSE2__)
  // Per-lane counts, 16 bytes at a time; each lane adds at most one per
  // block, so they are summed into `totals` before 255 blocks.
  const __m128i blank = _mm_set1_epi8(' ');
  const __m128i zero = _mm_setzero_si128();
  __m128i lane_t = zero, lane_s = zero, totals_t = zero, totals_s = zero;
  int blocks = 0;
  for (; n - k >= 16; k += 16) {
    const __m128i here = _mm_cmpeq_epi8(Load16(p + k), blank);
    const __m128i before = _mm_cmpeq_epi8(Load16(p + k - 1), blank);
    lane_s = _mm_sub_epi8(lane_s, here);  // a match is -1
    lane_t = _mm_sub_epi8(lane_t, _mm_andnot_si128(here, before));
    if (++blocks == 255) {
      totals_s = _mm_add_epi64(totals_s, _mm_sad_epu8(lane_s, zero));
      totals_t = _mm_add_epi64(totals_t, _mm_sad_epu8(lane_t, zero));
      lane_s = lane_t = zero;
      blocks = 0;
    }
  }
  if (k < n && n >= 17) {
    // The last 16 bytes, of which the first 16 - (n - k) are counted.
    static constexpr unsigned char kLast[32] = {
        0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
        0,    0,    0,    0,    0,    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    const __m128i fresh = Load16(kLast + (n - k));
    const __m128i here = _mm_and_si128(_mm_cmpeq_epi8(Load16(p + n - 16), blank), fresh);
    const __m128i before = _mm_cmpeq_epi8(Load16(p + n - 17), blank);
    lane_s = _mm_sub_epi8(lane_s, here);
    lane_t = _mm_sub_epi8(lane_t, _mm_andnot_si128(here, _mm_and_si128(before, fresh)));
    k = n;
  }
  totals_s = _mm_add_epi64(totals_s, _mm_sad_epu8(lane_s, zero));
  totals_t = _mm_add_epi64(totals_t, _mm_sad_epu8(lane_t, zero));
  uint64_t sum[2];
  _mm_storeu_si128(reinterpret_cast<__m128i*>(sum), totals_s);
  s += sum[0] + sum[1];
  _mm_storeu_si128(reinterpret_cast<__m128i*>(sum), totals_t);
  t += sum[0] + sum[1];
#endif
  for (; k < n; ++k) {
    s += p[k] == ' ';
    t += p[k] != ' ' && p[k - 1] == ' ';
  }
  *tokens = t;
  *spaces = s;
}

// Appends a jammer cut for text[i, j), a whole ASCII run of `line` at least
// four bytes long, if it is one.
void CheckAsciiRun(std::string_view text, const Line& line, size_t i, size_t j,
                   std::vector<Cut>* cuts) {
  char32_t before = 0;  // the character before the ASCII run
  if (i > line.begin) DecodeUtf8Before(text, i, &before);
  char32_t after = 0;
  if (j < line.end) DecodeUtf8(text, j, &after);
  // Only runs glued to CJK text, or alone on their line: in Latin text
  // such runs may be code.
  const bool alone = i == line.begin && j == line.end;
  const bool glued = alone || (before != 0 && IsCjk(before)) ||
                     (after != 0 && IsCjk(after));
  if (!glued) return;
  std::string_view run = text.substr(i, j - i);
  // Count the tokens first: most runs are one number or word.
  size_t count, spaces;
  CountTokens(run, &count, &spaces);
  std::string_view only;
  if (count == 1) {
    const size_t a = run.find_first_not_of(' ');
    only = run.substr(a, run.find(' ', a) - a);
  }
  // Symbol salad has four tokens or more of 2.5 characters on average.
  const bool junk = (count == 1 && IsRandomToken(only)) ||
                    (count >= 4 && (run.size() - spaces) * 10 <= count * 25 &&
                     IsSymbolSalad(SplitTokens(run)));
  if (junk) {
    cuts->push_back(Cut{i, j, "", kRuleJammer, Category::kNoise, RuleKind::kMarker});
  }
}

// Returns true if the line is one ASCII run (of four bytes or more).
bool FindJammers(std::string_view text, const Line& line, std::vector<Cut>* cuts) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  // Each ASCII run of four bytes or more, found by its first four bytes: the
  // byte before it is non-ASCII (the end of the last run) or the line's
  // start, and in valid UTF-8 a run of ASCII bytes is a run of characters.
  for (size_t i = line.begin;;) {
    const size_t start = FindAsciiRun(p, i, line.end);
    if (start == line.end) return false;
    i = SkipAscii(p, start + 4, line.end);
    CheckAsciiRun(text, line, start, i, cuts);
    if (start == line.begin && i == line.end) return true;
  }
}

// Words that site templates use to pad tag runs.
bool IsSeoWord(std::string_view t) {
  static constexpr std::string_view kWords[] = {
      "范文", "大全", "范文大全", "模板", "范本", "免费下载", "下载", "精选",
      "汇编", "合集", "最新", "推荐", "排行榜", "排行", "总结", "计划", "心得",
      "读后感", "作文", "教案", "论文", "试卷", "报告", "方案"};
  for (std::string_view w : kWords) {
    if (t == w) return true;
  }
  return false;
}

// True if `a` and `b` share two consecutive CJK characters.
bool ShareCjkPair(std::string_view a, std::string_view b) {
  for (size_t i = 0; i + 6 <= a.size();) {
    char32_t c1, c2;
    const int l1 = DecodeUtf8(a, i, &c1);
    if (l1 <= 0) return false;
    const int l2 = i + l1 < a.size() ? DecodeUtf8(a, i + l1, &c2) : -1;
    if (l2 > 0 && IsCjk(c1) && IsCjk(c2) &&
        b.find(a.substr(i, l1 + l2)) != std::string_view::npos) {
      return true;
    }
    i += l1;
  }
  return false;
}

// True if p[0..2] is 。, ！, ？ or ”: in valid UTF-8 the three bytes are
// the character wherever they are.
inline bool IsSentenceEnd(const unsigned char* p) {
  return (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x82) ||
         (p[0] == 0xEF && p[1] == 0xBC && (p[2] == 0x81 || p[2] == 0x9F)) ||
         (p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x9D);
}

// Returns the end of the last sentence end (IsSentenceEnd) in p[begin, end),
// or begin if there is none; searched from the end, so that a paragraph
// costs only its last sentence.
size_t LastSentenceEnd(const unsigned char* p, size_t begin, size_t end) {
  size_t k = end;  // sentence ends that start at k - 3 or before are left
#if defined(__SSE2__)
  // The 16 starts k - 18 .. k - 3 at a time.
  for (; k - begin >= 18; k -= 16) {
    const unsigned char* b = p + k - 18;
    const __m128i b0 = Load16(b), b1 = Load16(b + 1), b2 = Load16(b + 2);
    auto eq = [](__m128i v, unsigned char c) {
      return _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(c)));
    };
    const __m128i full_stop = _mm_and_si128(_mm_and_si128(eq(b0, 0xE3), eq(b1, 0x80)),
                                            eq(b2, 0x82));
    const __m128i marks = _mm_and_si128(_mm_and_si128(eq(b0, 0xEF), eq(b1, 0xBC)),
                                        _mm_or_si128(eq(b2, 0x81), eq(b2, 0x9F)));
    const __m128i quote = _mm_and_si128(_mm_and_si128(eq(b0, 0xE2), eq(b1, 0x80)),
                                        eq(b2, 0x9D));
    const unsigned found =
        _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(full_stop, marks), quote));
    if (found != 0) return k - 18 + (31 - __builtin_clz(found)) + 3;
  }
#endif
  for (; k - begin >= 3; --k) {
    if (IsSentenceEnd(p + k - 3)) return k;
  }
  return begin;
}

void FindTagRun(std::string_view text, const Line& line, std::vector<Cut>* cuts) {
  // The tail of the line after its last sentence end, or the whole line.
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t start = LastSentenceEnd(p, line.begin, line.end);
  if (line.end - start < 8) return;
  // Tags are separated by spaces, and two of them at least are CJK.
  const std::string_view tail = text.substr(start, line.end - start);
  if (SkipAscii(p, start, line.end) == line.end) return;
  if (tail.find(' ') == std::string_view::npos &&
      tail.find("\u3000") == std::string_view::npos) {
    return;
  }
  // Tokens split by ASCII or ideographic spaces; each must be CJK letters,
  // Latin letters or digits only.
  thread_local std::vector<std::string_view> tokens;  // reused: no allocation per line
  tokens.clear();
  size_t tok_begin = SIZE_MAX;
  size_t cjk_tokens = 0;
  bool cjk_in_token = false;
  for (size_t i = start; i <= line.end;) {
    char32_t c = ' ';
    int len = 1;
    if (i < line.end) {
      len = DecodeUtf8(text, i, &c);
      if (len <= 0) return;
    }
    if (c == ' ' || c == 0x3000 || i == line.end) {
      if (tok_begin != SIZE_MAX) {
        tokens.push_back(text.substr(tok_begin, i - tok_begin));
        if (CountCodePoints(tokens.back()) > 12) return;
        cjk_tokens += cjk_in_token;
      }
      tok_begin = SIZE_MAX;
      cjk_in_token = false;
      if (i == line.end) break;
    } else {
      const bool ok = IsCjk(c) ? (c >= 0x3400 && c <= 0x9FFF) : (c < 0x80 && (IsAsciiLetter(static_cast<char>(c)) || IsAsciiDigit(static_cast<char>(c))));
      if (!ok) return;
      cjk_in_token |= IsCjk(c);
      if (tok_begin == SIZE_MAX) tok_begin = i;
    }
    i += len;
  }
  // Past this many tokens the line is a list, not tags (and pairing every
  // token with every other would be quadratic).
  constexpr size_t kMaxTags = 32;
  if (tokens.size() < 3 || tokens.size() > kMaxTags || cjk_tokens < 2) return;
  bool seo = false, shared = false;
  for (size_t a = 0; a < tokens.size(); ++a) {
    seo |= IsSeoWord(tokens[a]);
    for (size_t b = a + 1; b < tokens.size(); ++b) {
      if (tokens[a] == tokens[b]) return;  // a refrain, not tags
      shared |= ShareCjkPair(tokens[a], tokens[b]) || ShareCjkPair(tokens[b], tokens[a]);
    }
  }
  // A line of its own needs an SEO word (北京大学 清华大学 复旦大学 is a list
  // of names); tags glued after a paragraph's last sentence may just share
  // words with each other.
  const bool glued = start > line.begin;
  if (!(seo || (glued && shared))) return;
  cuts->push_back(Cut{start, line.end, "", kRuleTagRun, Category::kNoise, RuleKind::kSpan});
}

// Which CJK unified ideographs (U+4E00..U+9FFF) a legacy character set has.
using HanSet = std::bitset<0x5200>;

HanSet LoadHanSet(const char* charset, unsigned lead_lo, unsigned lead_hi,
                  unsigned trail_lo, unsigned trail_hi) {
  HanSet set;
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(charset, &status);
  if (U_FAILURE(status)) return set;
  for (unsigned lead = lead_lo; lead <= lead_hi; ++lead) {
    for (unsigned trail = trail_lo; trail <= trail_hi; ++trail) {
      const char bytes[2] = {static_cast<char>(lead), static_cast<char>(trail)};
      UChar out[4];
      status = U_ZERO_ERROR;
      const int32_t n = ucnv_toUChars(conv, out, 4, bytes, 2, &status);
      if (U_SUCCESS(status) && n == 1 && out[0] >= 0x4E00 && out[0] <= 0x9FFF) {
        set.set(out[0] - 0x4E00);
      }
    }
  }
  ucnv_close(conv);
  return set;
}

// What FindRareRuns needs to know of a code point U+4000..U+9FFF (the ones
// three-byte lead bytes 0xE4..0xE9 start), one byte each.
enum : uint8_t {
  kRare = 1,     // an ideograph (U+4E00 or above) outside GB2312
  kNotBig5 = 2,  // rare, and not in Big5 either
};
struct RarityTables {
  std::array<uint8_t, 0x6000> flags{};  // by code point - 0x4000
  // The same kRare flags by the last two bytes as one little-endian 16-bit
  // number less 0x8080: bit lead - 0xE4 is set if the ideograph is rare.
  // One load of the two bytes finds them.
  std::array<uint8_t, 0x4000> rare_by_tail{};
};

// GB2312 holds the 6,763 characters of everyday simplified text, Big5 the
// 13,060 of traditional text. Built once, then only read.
const RarityTables& Rarity() {
  static const RarityTables tables = [] {
    const HanSet gb = LoadHanSet("gb2312", 0xB0, 0xF7, 0xA1, 0xFE);
    const HanSet big5 = LoadHanSet("big5", 0xA4, 0xF9, 0x40, 0xFE);
    RarityTables t;
    for (size_t k = 0; k < gb.size(); ++k) {
      if (gb.test(k)) continue;
      const size_t c = 0x4E00 + k;
      t.flags[c - 0x4000] = kRare | (big5.test(k) ? 0 : kNotBig5);
      const size_t lead = c >> 12, b1 = (c >> 6) & 0x3F, b2 = c & 0x3F;
      t.rare_by_tail[b2 << 8 | b1] |= static_cast<uint8_t>(1u << (lead - 4));
    }
    return t;
  }();
  return tables;
}

inline bool IsIdeographLead(unsigned char b) { return b >= 0xE4 && b <= 0xE9; }

// The fewest characters a run of rare ideographs needs to count as noise.
constexpr size_t kMinRareRun = 4;

// A run of four rare ideographs spans twelve bytes, its leads at q, q + 3,
// q + 6 and q + 9; one of them is 0, 1 or 2 bytes past a multiple of twelve
// from the line's start. Only ideographs whose lead sits there are looked
// up; a rare one is then followed both ways to the ends of its run.
constexpr size_t kSamplePeriod = 3 * kMinRareRun;
static_assert(kMinRareRun == 4, "FindRareRuns' sample mask is for runs of 4");

// Runs of ideographs no everyday text uses (纞嬶鬐鼃犫麢): none of them in
// GB2312 and most not in Big5, so traditional text is never taken for one.
void FindRareRuns(std::string_view text, const Line& line, std::vector<Cut>* cuts) {
  const RarityTables& rarity = Rarity();
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  // The flags of the ideograph at q (IsIdeographLead(p[q])). In valid UTF-8
  // such a lead starts a three-byte character, inside the line.
  auto flags = [&](size_t q) { return rarity.flags[DecodeThreeBytes(p + q) - 0x4000]; };
  // flags(q) & kRare, from one table load.
  auto rare = [&](size_t q) {
    const unsigned tail = (p[q + 1] | p[q + 2] << 8) - 0x8080u;
    return (rarity.rare_by_tail[tail] >> (p[q] - 0xE4)) & 1;
  };
  // Appends the cut for the run of rare ideographs around the one at q, if
  // it is noise; returns the run's end.
  auto examine = [&](size_t q) {
    size_t begin = q, end = q + 3, not_big5 = (flags(q) & kNotBig5) != 0;
    while (begin - line.begin >= 3 && IsIdeographLead(p[begin - 3])) {
      const uint8_t f = flags(begin - 3);
      if (!(f & kRare)) break;
      begin -= 3;
      not_big5 += (f & kNotBig5) != 0;
    }
    while (line.end - end >= 3 && IsIdeographLead(p[end])) {
      const uint8_t f = flags(end);
      if (!(f & kRare)) break;
      end += 3;
      not_big5 += (f & kNotBig5) != 0;
    }
    const size_t run = (end - begin) / 3;
    if (run >= kMinRareRun && not_big5 * 2 >= run) {
      cuts->push_back(Cut{begin, end, "", kRuleRareRun, Category::kNoise,
                          RuleKind::kMarker});
    }
    return end;
  };
  size_t done = line.begin;  // runs before this have been looked at
  size_t k = line.begin;     // the next sample period starts here
#if defined(__SSE2__)
  // 48 bytes (four sample periods) at a time: a mask of the ideograph leads
  // among the bytes 0, 1, 2, 12, 13, 14, 24, 25, 26, 36, 37 and 38. The
  // sample bits run on to bit 50, so that shifted by less than a period
  // they still cover 48 bytes.
  constexpr uint64_t kSamples = 0x7007007007007;
  constexpr uint64_t kBlock = (uint64_t{1} << 48) - 1;
  const __m128i lo = _mm_set1_epi8(static_cast<char>(0xE4));
  const __m128i span = _mm_set1_epi8(0xE9 - 0xE4);
  auto leads = [&](size_t b) -> uint64_t {
    const __m128i d = _mm_sub_epi8(Load16(p + b), lo);
    return static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(d, span), d)));
  };
  // The bits of positions b + bit at or after `from`.
  auto at_or_after = [](size_t b, size_t from) {
    return from <= b ? ~uint64_t{0} : from - b >= 64 ? 0 : ~uint64_t{0} << (from - b);
  };
  // Looks at the samples of `m`, the bits of positions b + bit.
  auto look = [&](size_t b, uint64_t m) {
    while (m != 0) {
      const size_t q = b + __builtin_ctzll(m);
      if (!rare(q)) {
        m &= m - 1;
        continue;
      }
      done = examine(q);
      m &= at_or_after(b, done);
    }
  };
  if (line.end - k >= 48) {
    for (; line.end - k >= 48; k += 48) {
      const uint64_t m = leads(k) | leads(k + 16) << 16 | leads(k + 32) << 32;
      look(k, m & kSamples & kBlock & at_or_after(k, done));
    }
    if (k < line.end) {
      // The last 48 bytes, less the ones before k, which have been looked
      // at; their samples are shifted by where b falls in a period.
      const size_t b = line.end - 48;
      const uint64_t m = leads(b) | leads(b + 16) << 16 | leads(b + 32) << 32;
      look(b, m & (kSamples >> (b - line.begin) % kSamplePeriod) & kBlock &
                  at_or_after(b, std::max(k, done)));
      return;
    }
  }
#endif
  for (; k < line.end; k += kSamplePeriod) {
    for (size_t q = k; q < k + 3 && q < line.end; ++q) {
      if (q >= done && IsIdeographLead(p[q]) && line.end - q >= 3 && rare(q)) {
        done = examine(q);
      }
    }
  }
}

}  // namespace

void FindNoise(std::string_view text, const Line& line, std::vector<Cut>* cuts) {
  const bool ascii_line = FindJammers(text, line, cuts);
  // Tag runs need CJK tokens, rare runs ideographs: neither is in ASCII.
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  if (ascii_line || SkipAscii(p, line.begin, line.end) == line.end) return;
  FindTagRun(text, line, cuts);
  FindRareRuns(text, line, cuts);
}

}  // namespace textwash::internal
