// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
#include "lib/fold.h"

#include <algorithm>
#include <array>
#include <cstring>

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

// One input character: input bytes [begin, next unit's begin), folded to
// buf[fb, next unit's fb) (see FoldLine), or to the digit `digit` when a
// numeral became one. Units lie one after another in both, so a unit keeps
// only where it starts (12 bytes a character).
struct Unit {
  uint32_t begin, fb;
  Kind kind;
  bool drop;
  char digit;
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


// The buffers FoldLine reuses.
struct FoldScratch {
  std::vector<Unit> units;
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
};

// Minimum number of digits (numerals included) for a run to count as a
// number: short runs such as 一一 or 三三两两 stay words.
constexpr int kMinDigitRun = 5;

}  // namespace

void FoldLine(std::string_view line, FoldedLine* out) {
  // Reused by each thread's calls: no allocation per line once warm. An
  // ASCII letter or an ideograph folds to as many bytes as it has: buf is
  // sized once for those, grown only for characters whose NFKC form is
  // longer. A unit is 12 bytes per character, so units grow with the
  // characters met rather than one per byte up front (a 100 MB line of
  // Chinese has 33 million). Used through plain pointers below (a
  // thread_local is looked up again on each use).
  thread_local FoldScratch scratch;
  FoldScratch& s = scratch;
  // A unit per character, and one after the last that ends it.
  if (s.units.size() < std::min<size_t>(line.size(), 4096) + 1) {
    s.units.resize(std::min<size_t>(line.size(), 4096) + 1);
  }
  if (s.buf.size() < line.size()) s.buf.resize(line.size());
  Unit* units = s.units.data();
  size_t units_room = s.units.size();
  char* buf = s.buf.data();  // the folded forms, one after another
  std::string& one = s.one;  // the folded form of one character
  std::vector<size_t>& groups = s.groups;
  const auto* p = reinterpret_cast<const unsigned char*>(line.data());
  size_t n = 0;       // units
  size_t bl = 0;      // bytes of buf in use
  unsigned kinds_seen = 0;  // bit k: a unit of Kind k
  // Runs of ASCII and of ideographs, the bulk of most lines, are folded a
  // run at a time, through locals: a store through char* may alias
  // anything in memory, so that the compiler would reload what a loop over
  // members uses after each byte written.
  // The unified ideograph (U+4E00..U+9FFF) at i, or 0.
  auto ideograph_at = [&](size_t i) -> char32_t {
    if (p[i] < 0xE4 || p[i] > 0xE9 || line.size() - i < 3 ||
        (p[i + 1] & 0xC0) != 0x80 || (p[i + 2] & 0xC0) != 0x80) {
      return 0;
    }
    const char32_t c = DecodeThreeBytes(p + i);
    return c >= 0x4E00 ? c : 0;
  };
  for (size_t i = 0; i < line.size();) {
    if (n + 1 == units_room) {  // room for this unit and the last one
      s.units.resize(2 * units_room);
      units = s.units.data();
      units_room = s.units.size();
    }
    // As many characters as the units have room for.
    const size_t room = units_room - 1 - n;
    const unsigned char b = p[i];
    if (b < 0x80) {  // ASCII: lower case, classified by a table
      const size_t stop = std::min(line.size(), i + room);
      Unit* run = units + n;
      char* to = buf + bl;
      unsigned seen = 0;
      size_t k = i;
      do {
        const unsigned char c = p[k];
        const Kind kind = kAsciiKinds[c];
        run[k - i] =
            Unit{static_cast<uint32_t>(k), static_cast<uint32_t>(bl + (k - i)), kind, false, 0};
        to[k - i] = static_cast<char>(static_cast<unsigned>(c - 'A') < 26u ? c + 32 : c);
        seen |= 1u << static_cast<unsigned>(kind);
      } while (++k < stop && p[k] < 0x80);
      n += k - i;
      bl += k - i;
      kinds_seen |= seen;
      i = k;
      continue;
    }
    if (char32_t c = ideograph_at(i); c != 0) {  // ideographs fold to themselves
      const size_t stop = std::min(line.size(), i + 3 * room);
      Unit* run = units + n;
      const size_t first = i;
      unsigned seen = 0;
      size_t k = i;
      do {
        const Kind kind = kNumeralIdeographs.test(c - 0x4E00) ? Kind::kNumeral : Kind::kCjk;
        run[(k - first) / 3] = Unit{static_cast<uint32_t>(k),
                                    static_cast<uint32_t>(bl + (k - first)), kind, false, 0};
        seen |= 1u << static_cast<unsigned>(kind);
        k += 3;
      } while (k < stop && (c = ideograph_at(k)) != 0);
      std::memcpy(buf + bl, p + first, k - first);
      n += (k - first) / 3;
      bl += k - first;
      kinds_seen |= seen;
      i = k;
      continue;
    }
    Unit& u = units[n++];
    u.fb = static_cast<uint32_t>(bl);
    u.begin = static_cast<uint32_t>(i);
    u.drop = false;
    u.digit = 0;
    char32_t c;
    int len = DecodeUtf8(line, i, &c);
    if (len <= 0) len = -len;
    // The folded form and its kind, from the cache or from ICU.
    FoldScratch::Cached& cached = s.cache[c % s.cache.size()];
    const char* folded_form = cached.bytes;
    size_t folded_size = cached.size;
    Kind kind = cached.kind;
    if (cached.c != c) {
      one.clear();
      FoldChar(c, &one);
      kind = KindOf(one, c);
      folded_form = one.data();
      folded_size = one.size();
      if (one.size() <= sizeof(cached.bytes)) {
        cached.c = c;
        cached.size = static_cast<uint8_t>(one.size());
        cached.kind = kind;
        std::memcpy(cached.bytes, one.data(), one.size());
      }
    }
    // The rest of the line may still need a byte per byte of input.
    if (s.buf.size() < bl + folded_size + (line.size() - i)) {
      s.buf.resize(bl + folded_size + (line.size() - i));
      buf = s.buf.data();
    }
    std::memcpy(buf + bl, folded_form, folded_size);
    bl += folded_size;
    u.kind = kind;
    if (folded_size == 0) u.drop = true;
    kinds_seen |= 1u << static_cast<unsigned>(u.kind);
    i += len;
  }
  units[n].begin = static_cast<uint32_t>(line.size());
  units[n].fb = static_cast<uint32_t>(bl);
  // Unit k's folded form.
  auto folded = [&](size_t k) {
    const Unit& u = units[k];
    return u.digit != 0 ? std::string_view(&u.digit, 1)
                        : std::string_view(buf + u.fb, units[k + 1].fb - u.fb);
  };
  // Digit runs: digits and numerals with at most two separators or blanks
  // between them. In a long enough run numerals become digits and the
  // separators go.
  auto seen = [&](Kind kind) { return (kinds_seen >> static_cast<unsigned>(kind)) & 1; };
  const bool numbers = seen(Kind::kDigit) || seen(Kind::kNumeral);
  for (size_t i = 0; numbers && i < n;) {
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
        dotted |= folded(k) == ".";
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
  // Each looks at the nearest unit before and after it that is neither a
  // blank nor a mark (a dropped unit is a blank): the one before is kept on
  // the way, the one after is found once for each run of such units, so
  // that a long run of marks costs no more than its length.
  if (seen(Kind::kSpace) || seen(Kind::kSep)) {
    auto is_word = [&](size_t m) {
      return !units[m].drop && units[m].kind != Kind::kSpace && units[m].kind != Kind::kSep;
    };
    const Unit* prev = nullptr;
    size_t after = 0;  // the next word at or after k, or n; valid while > k
    for (size_t k = 0; k < n; ++k) {
      Unit& u = units[k];
      if (u.drop || (u.kind != Kind::kSpace && u.kind != Kind::kSep)) {
        // Only blanks and marks change here, and they are never words.
        if (is_word(k)) prev = &u;
        continue;
      }
      if (after <= k) {
        after = k + 1;
        while (after < n && !is_word(after)) ++after;
      }
      const Unit* next = after < n ? &units[after] : nullptr;
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
  }
  // The output is at most as long as buf: a numeral that became a digit is
  // shorter. Written through pointers, then cut to size.
  if (out->text.size() < bl) out->text.resize(bl);
  if (out->begin.size() < bl) out->begin.resize(bl);
  if (out->end.size() < bl) out->end.resize(bl);
  char* text = out->text.data();
  uint32_t* begin = out->begin.data();
  uint32_t* end = out->end.data();
  size_t o = 0;
  for (size_t k = 0; k < n; ++k) {
    const Unit& u = units[k];
    if (u.drop) continue;
    const uint32_t ub = u.begin, ue = units[k + 1].begin;
    const uint32_t fl = units[k + 1].fb - u.fb;
    if (fl == 1 || u.digit != 0) {
      text[o] = u.digit != 0 ? u.digit : buf[u.fb];
      begin[o] = ub;
      end[o] = ue;
      ++o;
      continue;
    }
    if (fl == 3) {  // an ideograph
      std::memcpy(text + o, buf + u.fb, 3);
      begin[o] = begin[o + 1] = begin[o + 2] = ub;
      end[o] = end[o + 1] = end[o + 2] = ue;
      o += 3;
      continue;
    }
    for (uint32_t b = 0; b < fl; ++b, ++o) {
      text[o] = buf[u.fb + b];
      begin[o] = ub;
      end[o] = ue;
    }
  }
  out->text.resize(o);
  out->begin.resize(o);
  out->end.resize(o);
  // What a huge line grew is not kept for the lines after it.
  if (s.units.size() > (size_t{1} << 20)) s.units = {};
  if (s.buf.size() > (size_t{1} << 22)) s.buf = {};
}

}  // namespace textwash::internal
