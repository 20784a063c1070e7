// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
#include "lib/hygiene.h"

#include <array>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "lib/stage_rules.h"
#include "lib/utf8.h"

namespace textwash::internal {
namespace {

constexpr std::string_view kReplacementChar = "\xEF\xBF\xBD";

#if defined(__SSE2__)
constexpr bool kBlocks = true;  // FindHygieneEdits skips 16-byte blocks
#else
constexpr bool kBlocks = false;
#endif

// Bytes that need a look: non-ASCII, and ASCII controls other than \t, \n.
constexpr std::array<bool, 256> MakeSpecialTable() {
  std::array<bool, 256> t{};
  for (int b = 0; b < 256; ++b) {
    t[b] = b >= 0x80 || b == 0x7F || (b < 0x20 && b != '\t' && b != '\n');
  }
  return t;
}
constexpr std::array<bool, 256> kSpecial = MakeSpecialTable();

// ZWJ and ZWNJ shape Arabic, Persian and Indic words and join emoji; they are
// removed only where they sit between ASCII or CJK characters (or a line
// edge), which is where they serve to hide words from filters.
bool IsJoinerContext(char32_t c) {
  return c == 0 || c < 0x80 || IsCjk(c);
}

// True if the well-formed sequence b0 b1 b2 (b0 >= 0xE1) is a character
// hygiene leaves alone: not U+180E, U+200B..U+200D, U+2028/U+2029,
// U+2060..U+2064 or U+FEFF, and no surrogate (0xED) or 4-byte lead.
inline bool IsPlainThreeByte(unsigned char b0, unsigned char b1, unsigned char b2) {
  switch (b0) {
    case 0xE1:
      return !(b1 == 0xA0 && b2 == 0x8E);
    case 0xE2:
      return !((b1 == 0x80 && ((b2 >= 0x8B && b2 <= 0x8D) || b2 == 0xA8 || b2 == 0xA9)) ||
               (b1 == 0x81 && b2 >= 0xA0 && b2 <= 0xA4));
    case 0xED:
      return false;
    case 0xEF:
      return !(b1 == 0xBB && b2 == 0xBF);
    default:
      return b0 <= 0xEF;
  }
}

#if defined(__SSE2__)
// What FindHygieneEdits needs to know of 16 bytes to skip them, one bit per
// byte.
struct BlockMasks {
  unsigned ok;     // plain: see ClassifyBlock
  unsigned leads;  // lead bytes 0xE3..0xEF
  unsigned conts;  // continuation bytes 0x80..0xBF
};

inline __m128i Load16(const unsigned char* b) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(b));
}

// The printable ASCII bytes 0x20..0x7E of `v`: the bytes that v + 1 takes to
// 0x21..0x7F (as signed bytes).
inline __m128i Printable(__m128i v) {
  return _mm_cmpgt_epi8(_mm_add_epi8(v, _mm_set1_epi8(1)), _mm_set1_epi8(0x20));
}

// True if the 16 bytes at `b` are printable ASCII.
inline bool AllPrintable(const unsigned char* b) {
  return _mm_movemask_epi8(Printable(Load16(b))) == 0xFFFF;
}

// Classifies the 16 bytes at `b` (b[-1] must be readable too). A byte is ok
// if it is printable ASCII (not \t or \n either, which are rarer than the
// time to look for them), a continuation byte, or a lead 0xE3..0xEF. Leads
// 0xE3..0xEF but 0xED take any continuation bytes, so with two of them they
// make a well-formed character, and none hygiene acts on but U+FEFF (EF BB
// BF). Not ok, then: 0xED (a surrogate may follow), and 0xBB after 0xEF.
inline BlockMasks ClassifyBlock(const unsigned char* b) {
  auto splat = [](unsigned char c) { return _mm_set1_epi8(static_cast<char>(c)); };
  const __m128i v = Load16(b);
  const __m128i printable = Printable(v);
  // 0x80..0xBF: the signed bytes below (signed) 0xC0.
  const __m128i cont = _mm_cmplt_epi8(v, splat(0xC0));
  // 0xE3..0xEF: the bytes that v + 0x9D takes to 0x80..0x8C.
  const __m128i lead = _mm_cmplt_epi8(_mm_add_epi8(v, splat(0x9D)), splat(0x8D));
  const __m128i before = Load16(b - 1);
  const __m128i bom = _mm_and_si128(_mm_cmpeq_epi8(v, splat(0xBB)),
                                    _mm_cmpeq_epi8(before, splat(0xEF)));
  const __m128i odd = _mm_or_si128(_mm_cmpeq_epi8(v, splat(0xED)), bom);
  const __m128i ok = _mm_andnot_si128(odd, _mm_or_si128(printable, _mm_or_si128(lead, cont)));
  return {static_cast<unsigned>(_mm_movemask_epi8(ok)),
          static_cast<unsigned>(_mm_movemask_epi8(lead)),
          static_cast<unsigned>(_mm_movemask_epi8(cont))};
}
#endif

class Collector {
 public:
  explicit Collector(std::vector<Edit>* edits) : edits_(edits) {}

  void Add(size_t begin, size_t end, std::string_view replacement, int rule) {
    // Adjacent deletions by one rule make one edit. Replacements stay one per
    // character, so that every later stage's cut between two characters of
    // the hygienic text falls between two edits, never inside one.
    if (!edits_->empty() && replacement.empty()) {
      Edit& last = edits_->back();
      if (last.end == begin && last.rule == rule && last.replacement.empty() &&
          mine_ > 0) {
        last.end = end;
        return;
      }
    }
    Edit e;
    e.begin = begin;
    e.end = end;
    e.replacement.assign(replacement);
    e.category = kStageRules[rule].category;
    e.rule = rule;
    edits_->push_back(std::move(e));
    ++mine_;
  }
  bool any() const { return mine_ > 0; }

 private:
  std::vector<Edit>* edits_;
  size_t mine_ = 0;
};

}  // namespace

bool FindHygieneEdits(std::string_view in, const HygieneOptions& options,
                      std::vector<Edit>* edits) {
  Collector out(edits);
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  size_t i = 0;
  // Well-formed three-byte characters that are none of the special ones
  // (most of CJK text) are stepped over without decoding.
  auto plain = [&](size_t k) {
    return k + 3 <= n && p[k] >= 0xE1 && (p[k + 1] & 0xC0) == 0x80 &&
           (p[k + 2] & 0xC0) == 0x80 && IsPlainThreeByte(p[k], p[k + 1], p[k + 2]);
  };
  while (i < n) {
#if defined(__SSE2__)
    // Skip plain text 16 bytes at a time: ok bytes (ClassifyBlock) with
    // exactly the two bytes after each lead being continuation bytes. A
    // character may span two blocks: `carry` holds the bytes its lead wants
    // at the start of the next block. The block loop stops at the character
    // of the first other byte, and steps over it here if hygiene keeps it
    // (\n, and characters such as “ and ”).
    const size_t start = i;
    unsigned carry = 0;
    // Not at the very start: ClassifyBlock reads the byte before the block.
    const size_t last = n >= 16 ? n - 16 : 0;
    bool stuck = false;  // at a byte the code below looks at
    while (i > 0 && i <= last && !stuck) {
      // Latin text first, with a cheaper test; then any plain text, up to
      // the next byte the block loop stops at.
      while (i <= last && AllPrintable(p + i)) i += 16;
      while (i <= last) {
        const BlockMasks m = ClassifyBlock(p + i);
        const unsigned wanted = m.leads << 1 | m.leads << 2 | carry;
        const unsigned bad = (~m.ok | (m.conts ^ wanted)) & 0xFFFF;
        if (bad == 0) {
          carry = wanted >> 16;
          i += 16;
          continue;
        }
        carry = 0;
        i += static_cast<size_t>(__builtin_ctz(bad));
        // Back to the lead of a character the bad byte is in; the bytes
        // since `start` are ok, so a byte >= 0xC0 among them is a lead.
        if (i > start && p[i - 1] >= 0xC0) {
          i -= 1;
        } else if (i - start >= 2 && p[i - 2] >= 0xC0) {
          i -= 2;
        }
        if (!kSpecial[p[i]]) {
          ++i;
        } else if (plain(i)) {
          i += 3;
        } else {
          stuck = true;
        }
        break;
      }
    }
    // Back to the lead of a character the last block did not hold whole.
    if (carry != 0) i -= carry == 3 ? 1 : 2;
#endif
    // Skip ordinary ASCII eight bytes at a time.
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      // Any byte >= 0x80, or < 0x20, or 0x7F?
      const uint64_t high = w & 0x8080808080808080ULL;
      const uint64_t low = (w - 0x2020202020202020ULL) & ~w & 0x8080808080808080ULL;
      const uint64_t del = ((w ^ 0x7F7F7F7F7F7F7F7FULL) - 0x0101010101010101ULL) &
                           ~(w ^ 0x7F7F7F7F7F7F7F7FULL) & 0x8080808080808080ULL;
      if (high | low | del) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char b = p[i];
    if (!kSpecial[b]) {
      ++i;
      continue;
    }
    if (b < 0x80) {
      if (b == '\r') {
        if (options.normalize_newlines) {
          const size_t len = (i + 1 < n && p[i + 1] == '\n') ? 2 : 1;
          out.Add(i, i + len, "\n", kRuleNewline);
          i += len;
        } else {
          ++i;
        }
      } else if (b == '\v' || b == '\f') {
        if (options.normalize_newlines) out.Add(i, i + 1, "\n", kRuleNewline);
        ++i;
      } else {
        if (options.remove_invisible) out.Add(i, i + 1, "", kRuleControl);
        ++i;
      }
      continue;
    }
    if (plain(i)) {
      // Runs of them are the common case; with SSE2, the loop at the top
      // takes the runs of most of them.
      do i += 3; while (!kBlocks && plain(i));
      continue;
    }
    char32_t c;
    const int len = DecodeUtf8(in, i, &c);
    if (len < 0) {
      out.Add(i, i - len, kReplacementChar, kRuleInvalidUtf8);
      i -= len;
      continue;
    }
    const size_t end = i + len;
    if (c == 0x85 || c == 0x2028 || c == 0x2029) {
      if (options.normalize_newlines) out.Add(i, end, "\n", kRuleNewline);
    } else if (options.remove_invisible) {
      if (c == 0xFEFF && i == 0) {
        out.Add(i, end, "", kRuleBom);
      } else if (c == 0xFEFF || c == 0x200B || c == 0x00AD || c == 0x180E ||
                 (c >= 0x2060 && c <= 0x2064)) {
        out.Add(i, end, "", kRuleInvisible);
      } else if (c == 0x200C || c == 0x200D) {
        char32_t prev = 0, next = 0;
        DecodeUtf8Before(in, i, &prev);
        if (end < n) DecodeUtf8(in, end, &next);
        if (IsJoinerContext(prev) && IsJoinerContext(next)) {
          out.Add(i, end, "", kRuleInvisible);
        }
      } else if (c >= 0x80 && c <= 0x9F) {
        out.Add(i, end, "", kRuleControl);
      }
    }
    i = end;
  }
  return out.any();
}

}  // namespace textwash::internal
