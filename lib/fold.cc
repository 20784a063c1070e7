// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
#include "lib/fold.h"

#include <algorithm>
#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "lib/numerals.h"
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

// What becomes of a character in the folded line.
enum class State : uint8_t {
  kKeep,   // its folded form
  kDrop,   // nothing
  kDigit,  // a numeral in a run of digits: the digit FoldLine wrote over the
           // first byte of its folded form
};

const icu::Normalizer2* NfkcCasefold() {
  UErrorCode status = U_ZERO_ERROR;
  // ICU owns the instance; it is immutable and safe to share.
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
  return U_SUCCESS(status) ? n : nullptr;
}

// NFKC_Casefold of one character, as UTF-8. FoldLine folds ASCII and the
// unified ideographs itself; the rest comes here.
void FoldChar(char32_t c, std::string* out) {
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

// The kind of a character FoldChar folded (neither ASCII nor a unified
// ideograph: FoldLine classifies those itself), from its folded form.
Kind KindOf(std::string_view folded, char32_t original) {
  if (folded.empty()) return Kind::kSpace;  // default-ignorable: dropped
  if (NumeralValue(original) >= 0) return Kind::kNumeral;  // 〇
  char32_t c;
  DecodeUtf8(folded, 0, &c);
  if (c >= '0' && c <= '9') return Kind::kDigit;
  if (IsHorizontalSpace(c) || IsHorizontalSpace(original)) return Kind::kSpace;
  if (IsSeparatorMark(c)) return Kind::kSep;
  if (IsCjk(c) && u_isalpha(static_cast<UChar32>(c))) return Kind::kCjk;
  if (u_isalnum(static_cast<UChar32>(c))) return Kind::kWord;
  return Kind::kOther;
}

// The kind of each ASCII character, after case folding.
constexpr std::array<Kind, 128> AsciiKinds() {
  std::array<Kind, 128> kinds{};
  for (char32_t c = 0; c < 128; ++c) {
    const char32_t f = c >= 'A' && c <= 'Z' ? c + 32 : c;
    kinds[c] = f >= '0' && f <= '9'       ? Kind::kDigit
               : f == ' ' || f == '\t'    ? Kind::kSpace
               : IsSeparatorMark(f)       ? Kind::kSep
               : f >= 'a' && f <= 'z'     ? Kind::kWord
                                          : Kind::kOther;
  }
  return kinds;
}
constexpr std::array<Kind, 128> kAsciiKinds = AsciiKinds();


// Folds the ASCII bytes from[0, r): each to its lower case in `to`, its
// kind by table, kept. Returns the kinds met (bit k: Kind k) when kSeen.
template <bool kSeen>
unsigned FoldAscii(const unsigned char* from, size_t r, Kind* kind, State* state, char* to) {
  unsigned seen = 0;
  for (size_t j = 0; j < r; ++j) {
    const Kind kd = kAsciiKinds[from[j]];
    kind[j] = kd;
    if constexpr (kSeen) seen |= 1u << static_cast<unsigned>(kd);
  }
  std::memset(state, static_cast<int>(State::kKeep), r);
  for (size_t j = 0; j < r; ++j) {
    const unsigned char c = from[j];
    to[j] = static_cast<char>(static_cast<unsigned>(c - 'A') < 26u ? c + 32 : c);
  }
  return seen;
}

// The first k in [from, n) with kind[k] == first or first + 1, or n: 16
// kinds a step where SSE2 is there (most units are neither, in the passes
// that look for digits or for blanks and marks).
size_t NextOfKinds(const Kind* kind, size_t from, size_t n, Kind first) {
  size_t k = from;
#if defined(__SSE2__)
  const __m128i lo = _mm_set1_epi8(static_cast<char>(first));
  const __m128i hi = _mm_set1_epi8(static_cast<char>(static_cast<int>(first) + 1));
  for (; k + 16 <= n; k += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(kind + k));
    const int hit = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, lo), _mm_cmpeq_epi8(v, hi)));
    if (hit != 0) return k + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(hit)));
  }
#endif
  const auto a = static_cast<unsigned>(first);
  while (k < n && static_cast<unsigned>(kind[k]) - a > 1u) ++k;
  return k;
}

// The buffers FoldLine reuses. A character is a unit: units[k] began at
// input byte begin[k] and was folded to buf[fb[k], fb[k + 1]); the arrays
// have one entry more, after the last unit, for where the last one ends.
// Parallel arrays rather than one record per unit: each pass below reads
// what it needs, mostly a byte per character.
struct FoldScratch {
  std::vector<uint32_t> begin;
  std::vector<uint32_t> fb;
  std::vector<Kind> kind;
  std::vector<State> state;
  std::string buf;
  std::string one;
  std::vector<size_t> groups;
  // The folded forms of the last characters that needed ICU, by code point
  // (full-width punctuation recurs on every line of Chinese text).
  struct Cached {
    char32_t c = 0;  // 0: empty (ASCII never gets here)
    uint8_t size = 0;
    Kind kind = Kind::kOther;
    char bytes[10];
  };
  std::array<Cached, 64> cache;

  size_t room() const { return begin.size(); }
  // Room for at least `units` entries (amortized: at least doubles).
  void Grow(size_t units) {
    const size_t size = std::max(units, 2 * begin.size());
    begin.resize(size);
    fb.resize(size);
    kind.resize(size);
    state.resize(size);
  }
  // What a huge line grew is not kept for the lines after it.
  void Trim() {
    if (begin.size() > (size_t{1} << 20)) {
      begin = {};
      fb = {};
      kind = {};
      state = {};
    }
    if (buf.size() > (size_t{1} << 22)) buf = {};
  }
};

// Minimum number of digits (numerals included) for a run to count as a
// number: short runs such as 一一 or 三三两两 stay words.
constexpr int kMinDigitRun = 5;

}  // namespace

void FoldLine(std::string_view line, FoldedLine* out) {
  // Reused by each thread's calls: no allocation per line once warm. An
  // ASCII letter or an ideograph folds to as many bytes as it has: buf is
  // sized once for those, grown only for characters whose NFKC form is
  // longer. The units grow with the characters met rather than one per byte
  // up front (a 100 MB line of Chinese has 33 million). Used through plain
  // pointers below (a thread_local is looked up again on each use).
  thread_local FoldScratch scratch;
  FoldScratch& s = scratch;
  if (s.room() < std::min<size_t>(line.size(), 4096) + 1) {
    s.Grow(std::min<size_t>(line.size(), 4096) + 1);
  }
  if (s.buf.size() < line.size()) s.buf.resize(line.size());
  uint32_t* begin = nullptr;
  uint32_t* fb = nullptr;
  Kind* kind = nullptr;
  State* state = nullptr;
  size_t room = 0;  // units the arrays hold, the one after the last included
  auto arrays = [&] {
    begin = s.begin.data();
    fb = s.fb.data();
    kind = s.kind.data();
    state = s.state.data();
    room = s.room();
  };
  arrays();
  char* buf = s.buf.data();  // the folded forms, one after another
  std::string& one = s.one;  // the folded form of one character
  std::vector<size_t>& groups = s.groups;
  const auto* p = reinterpret_cast<const unsigned char*>(line.data());
  const size_t size = line.size();
  size_t n = 0;       // units
  size_t bl = 0;      // bytes of buf in use
  unsigned kinds_seen = 0;  // bit k: a unit of Kind k
  // A line of ASCII alone (most English lines): unit k is byte k, folded to
  // buf[k], so that begin and fb, which say just that, are not written.
  const bool ascii = SkipAscii(p, 0, size) == size;
  if (ascii) {
    if (room < size + 1) {
      s.Grow(size + 1);
      arrays();
    }
    FoldAscii<false>(p, size, kind, state, buf);
    // Which kinds are there only lets the passes below be skipped: an
    // English line has blanks and marks, and most folded ones digits.
    kinds_seen = ~0u;
    n = bl = size;
  }
  // The unified ideograph (U+4E00..U+9FFF) at i, or 0.
  auto ideograph_at = [&](size_t i) -> char32_t {
    if (p[i] < 0xE4 || p[i] > 0xE9 || size - i < 3 || (p[i + 1] & 0xC0) != 0x80 ||
        (p[i + 2] & 0xC0) != 0x80) {
      return 0;
    }
    const char32_t c = DecodeThreeBytes(p + i);
    return c >= 0x4E00 ? c : 0;
  };
  // Runs of ASCII and of ideographs, the bulk of most lines, are folded a
  // run at a time, each array in a loop of its own.
  for (size_t i = ascii ? size : 0; i < size;) {
    if (n + 1 == room) {  // room for this unit and the one after the last
      s.Grow(2 * room);
      arrays();
    }
    // As many characters as the arrays have room for.
    const size_t units_left = room - 1 - n;
    if (p[i] < 0x80) {  // ASCII: lower case, classified by a table
      const size_t stop = std::min(size, i + units_left);
      const size_t k = SkipAscii(p, i + 1, stop);
      const size_t r = k - i;
      for (size_t j = 0; j < r; ++j) begin[n + j] = static_cast<uint32_t>(i + j);
      for (size_t j = 0; j < r; ++j) fb[n + j] = static_cast<uint32_t>(bl + j);
      kinds_seen |= FoldAscii<true>(p + i, r, kind + n, state + n, buf + bl);
      n += r;
      bl += r;
      i = k;
      continue;
    }
    if (char32_t c = ideograph_at(i); c != 0) {  // ideographs fold to themselves
      const size_t stop = std::min(size, i + 3 * units_left);
      const size_t first = i;
      unsigned seen = 0;
      size_t k = i;
      size_t u = n;
      do {
        const Kind kd = kNumeralIdeographs.test(c - 0x4E00) ? Kind::kNumeral : Kind::kCjk;
        begin[u] = static_cast<uint32_t>(k);
        fb[u] = static_cast<uint32_t>(bl + (k - first));
        kind[u] = kd;
        state[u] = State::kKeep;
        seen |= 1u << static_cast<unsigned>(kd);
        ++u;
        k += 3;
      } while (k < stop && (c = ideograph_at(k)) != 0);
      std::memcpy(buf + bl, p + first, k - first);
      n = u;
      bl += k - first;
      kinds_seen |= seen;
      i = k;
      continue;
    }
    begin[n] = static_cast<uint32_t>(i);
    fb[n] = static_cast<uint32_t>(bl);
    char32_t c;
    int len = DecodeUtf8(line, i, &c);
    if (len <= 0) len = -len;
    // The folded form and its kind, from the cache or from ICU.
    FoldScratch::Cached& cached = s.cache[c % s.cache.size()];
    const char* folded_form = cached.bytes;
    size_t folded_size = cached.size;
    Kind kd = cached.kind;
    if (cached.c != c) {
      one.clear();
      FoldChar(c, &one);
      kd = KindOf(one, c);
      folded_form = one.data();
      folded_size = one.size();
      if (one.size() <= sizeof(cached.bytes)) {
        cached.c = c;
        cached.size = static_cast<uint8_t>(one.size());
        cached.kind = kd;
        std::memcpy(cached.bytes, one.data(), one.size());
      }
    }
    // The rest of the line may still need a byte per byte of input.
    if (s.buf.size() < bl + folded_size + (size - i)) {
      s.buf.resize(bl + folded_size + (size - i));
      buf = s.buf.data();
    }
    std::memcpy(buf + bl, folded_form, folded_size);
    bl += folded_size;
    kind[n] = kd;
    state[n] = folded_size == 0 ? State::kDrop : State::kKeep;
    kinds_seen |= 1u << static_cast<unsigned>(kd);
    ++n;
    i += len;
  }
  if (!ascii) {
    begin[n] = static_cast<uint32_t>(size);
    fb[n] = static_cast<uint32_t>(bl);
  }
  static_assert(static_cast<int>(Kind::kNumeral) == static_cast<int>(Kind::kDigit) + 1 &&
                static_cast<int>(Kind::kSep) == static_cast<int>(Kind::kSpace) + 1);
  auto in = [](Kind k, Kind first) {
    return static_cast<unsigned>(static_cast<int>(k) - static_cast<int>(first)) <= 1u;
  };
  auto is_number = [&](size_t k) { return in(kind[k], Kind::kDigit); };  // or numeral
  // A blank or a mark; units folded to nothing are blanks too, and become
  // nothing else, so that every unit that is not a gap is a word.
  auto is_gap = [&](size_t k) { return in(kind[k], Kind::kSpace); };
  // Digit runs: digits and numerals with at most two separators or blanks
  // between them. In a long enough run numerals become digits and the
  // separators go.
  auto seen = [&](Kind k) { return (kinds_seen >> static_cast<unsigned>(k)) & 1; };
  const bool numbers = seen(Kind::kDigit) || seen(Kind::kNumeral);
  for (size_t i = 0; numbers && i < n;) {
    i = NextOfKinds(kind, i, n, Kind::kDigit);  // or numeral
    if (i == n) break;
    size_t j = i, last = i;
    int digits = 0;
    while (j < n) {
      if (is_number(j)) {
        ++digits;
        last = j;
        ++j;
        continue;
      }
      size_t gap = j;
      while (gap < n && gap - j < 2 && is_gap(gap)) ++gap;
      if (gap > j && gap < n && is_number(gap)) {
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
      if (is_number(k)) {
        ++groups.back();
      } else if (groups.back() > 0) {
        dotted |= ascii ? buf[k] == '.' : fb[k + 1] - fb[k] == 1 && buf[fb[k]] == '.';
        groups.push_back(0);
      }
    }
    const size_t longest_group = *std::max_element(groups.begin(), groups.end());
    const bool date = groups.size() >= 3 && groups[0] == 4 &&
                      std::all_of(groups.begin() + 1, groups.end(),
                                  [](size_t g) { return g >= 1 && g <= 2; });
    if (digits >= kMinDigitRun && !(dotted && longest_group <= 3) && !date) {
      for (size_t k = i; k <= last; ++k) {
        if (kind[k] == Kind::kNumeral) {
          char32_t c;
          DecodeUtf8(line, begin[k], &c);
          buf[fb[k]] = static_cast<char>('0' + NumeralValue(c));
          kind[k] = Kind::kDigit;
          state[k] = State::kDigit;
        } else if (is_gap(k)) {
          state[k] = State::kDrop;
        }
      }
    }
    i = last + 1;
  }
  // Blanks go unless they keep two words or two numbers apart; marks go
  // between two CJK characters, where they only serve to split a name. Each
  // looks at the nearest word before and after it, which for a run of gaps
  // are the units on either side of the run.
  if (seen(Kind::kSpace) || seen(Kind::kSep)) {
    constexpr size_t kNone = SIZE_MAX;
    auto alnum = [&](size_t x) {
      return x != kNone && (kind[x] == Kind::kWord || kind[x] == Kind::kDigit);
    };
    auto cjk = [&](size_t x) { return x != kNone && kind[x] == Kind::kCjk; };
    for (size_t k = 0; k < n;) {
      k = NextOfKinds(kind, k, n, Kind::kSpace);  // or a mark
      if (k == n) break;
      size_t end = k + 1;
      while (end < n && is_gap(end)) ++end;
      const size_t prev = k > 0 ? k - 1 : kNone;
      const size_t next = end < n ? end : kNone;
      const bool keep_blanks = alnum(prev) && alnum(next);
      const bool drop_marks = cjk(prev) && cjk(next);
      for (; k < end; ++k) {
        if (state[k] == State::kDrop) continue;
        if (kind[k] == Kind::kSpace ? !keep_blanks : drop_marks) state[k] = State::kDrop;
      }
    }
  }
  // The output is at most as long as buf: a numeral that became a digit is
  // shorter. Written through pointers, then cut to size.
  if (out->text.size() < bl) out->text.resize(bl);
  if (out->begin.size() < bl) out->begin.resize(bl);
  if (out->end.size() < bl) out->end.resize(bl);
  char* text = out->text.data();
  uint32_t* out_begin = out->begin.data();
  uint32_t* out_end = out->end.data();
  size_t o = 0;
  if (ascii) {  // the runs of kept units between dropped ones, whole
    for (size_t k = 0; k < n;) {
      const auto* drop = static_cast<const State*>(
          std::memchr(state + k, static_cast<int>(State::kDrop), n - k));
      const size_t end = drop == nullptr ? n : static_cast<size_t>(drop - state);
      std::memcpy(text + o, buf + k, end - k);
      for (size_t j = 0; j < end - k; ++j) out_begin[o + j] = static_cast<uint32_t>(k + j);
      for (size_t j = 0; j < end - k; ++j) out_end[o + j] = static_cast<uint32_t>(k + j + 1);
      o += end - k;
      k = end + 1;
    }
  } else {
    for (size_t k = 0; k < n; ++k) {
      const State st = state[k];
      if (st == State::kDrop) continue;
      const uint32_t ub = begin[k], ue = begin[k + 1];
      const uint32_t fl = st == State::kDigit ? 1 : fb[k + 1] - fb[k];
      if (fl == 1) {
        text[o] = buf[fb[k]];
        out_begin[o] = ub;
        out_end[o] = ue;
        ++o;
        continue;
      }
      if (fl == 3) {  // an ideograph
        std::memcpy(text + o, buf + fb[k], 3);
        out_begin[o] = out_begin[o + 1] = out_begin[o + 2] = ub;
        out_end[o] = out_end[o + 1] = out_end[o + 2] = ue;
        o += 3;
        continue;
      }
      for (uint32_t b = 0; b < fl; ++b, ++o) {
        text[o] = buf[fb[k] + b];
        out_begin[o] = ub;
        out_end[o] = ue;
      }
    }
  }
  out->text.resize(o);
  out->begin.resize(o);
  out->end.resize(o);
  s.Trim();
}

}  // namespace textwash::internal
