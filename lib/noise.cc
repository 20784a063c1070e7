// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
#include "lib/noise.h"

#include <unicode/ucnv.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <bitset>
#include <string>

#include "lib/stage_rules.h"
#include "lib/utf8.h"

namespace textwash::internal {
namespace {

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

std::vector<std::string_view> SplitTokens(std::string_view s) {
  std::vector<std::string_view> out;
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

void FindJammers(std::string_view text, const Line& line, std::vector<Cut>* cuts) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  size_t i = line.begin;
  while (i < line.end) {
    if (p[i] >= 0x80) {  // step over the character (the text is valid UTF-8)
      i += p[i] >= 0xF0 ? 4 : p[i] >= 0xE0 ? 3 : p[i] >= 0xC0 ? 2 : 1;
      continue;
    }
    size_t j = i;
    while (j < line.end && p[j] < 0x80) ++j;
    if (j - i < 4) {
      i = j;
      continue;
    }
    char32_t before = 0;  // the character before the ASCII run
    if (i > line.begin) DecodeUtf8Before(text, i, &before);
    char32_t after = 0;
    if (j < line.end) DecodeUtf8(text, j, &after);
    // Only runs glued to CJK text, or alone on their line: in Latin text
    // such runs may be code.
    const bool alone = i == line.begin && j == line.end;
    const bool glued = alone || (before != 0 && IsCjk(before)) ||
                       (after != 0 && IsCjk(after));
    if (glued) {
      std::string_view run = text.substr(i, j - i);
      // Count the tokens first: most runs are one number or word.
      size_t count = 0, spaces = 0;
      std::string_view only;
      for (size_t a = 0; a < run.size();) {
        while (a < run.size() && run[a] == ' ') ++a, ++spaces;
        size_t b = a;
        while (b < run.size() && run[b] != ' ') ++b;
        if (b > a && ++count == 1) only = run.substr(a, b - a);
        a = b;
      }
      // Symbol salad has four tokens or more of 2.5 characters on average.
      const bool junk = (count == 1 && IsRandomToken(only)) ||
                        (count >= 4 && (run.size() - spaces) * 10 <= count * 25 &&
                         IsSymbolSalad(SplitTokens(run)));
      if (junk) {
        cuts->push_back(Cut{i, j, "", kRuleJammer, Category::kNoise, RuleKind::kMarker});
      }
    }
    i = j;
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

void FindTagRun(std::string_view text, const Line& line, std::vector<Cut>* cuts) {
  // The tail of the line after its last sentence end, or the whole line:
  // found from the end, so that a paragraph costs only its last sentence.
  size_t start = line.begin;
  bool has_space = false, has_cjk = false;
  for (size_t i = line.end; i > line.begin;) {
    char32_t c;
    const int len = DecodeUtf8Before(text, i, &c);
    if (c == U'\u3002' || c == U'\uFF01' || c == U'\uFF1F' || c == U'\u201D') {
      start = i;
      break;
    }
    has_space = has_space || c == ' ' || c == 0x3000;
    has_cjk = has_cjk || c >= 0x80;
    i -= len;
  }
  // Tags are separated by spaces, and two of them at least are CJK.
  if (!has_space || !has_cjk) return;
  if (line.end - start < 8) return;
  // Tokens split by ASCII or ideographic spaces; each must be CJK letters,
  // Latin letters or digits only.
  std::vector<std::string_view> tokens;
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

// GB2312 holds the 6,763 characters of everyday simplified text, Big5 the
// 13,060 of traditional text. Built once, then only read.
const HanSet& Gb2312() {
  static const HanSet set = LoadHanSet("gb2312", 0xB0, 0xF7, 0xA1, 0xFE);
  return set;
}
const HanSet& Big5() {
  static const HanSet set = LoadHanSet("big5", 0xA4, 0xF9, 0x40, 0xFE);
  return set;
}

// The fewest characters a run of rare ideographs needs to count as noise.
constexpr size_t kMinRareRun = 4;

// Runs of ideographs no everyday text uses (纞嬶鬐鼃犫麢): none of them in
// GB2312 and most not in Big5, so traditional text is never taken for one.
void FindRareRuns(std::string_view text, const Line& line, std::vector<Cut>* cuts) {
  const HanSet& gb = Gb2312();
  const HanSet& big5 = Big5();
  size_t run_begin = line.begin, run = 0, not_big5 = 0;
  auto close = [&](size_t end) {
    if (run >= kMinRareRun && not_big5 * 2 >= run) {
      cuts->push_back(Cut{run_begin, end, "", kRuleRareRun, Category::kNoise,
                          RuleKind::kMarker});
    }
    run = 0;
    not_big5 = 0;
  };
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  for (size_t i = line.begin; i < line.end;) {
    const unsigned char b = p[i];
    // Only lead bytes 0xE4..0xE9 start a character of U+4E00..U+9FFF; the
    // rest is stepped over whole (the text is valid UTF-8).
    if (b < 0xE4 || b > 0xE9 || i + 3 > line.end) {
      if (run > 0) close(i);
      i += b < 0xC0 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
      continue;
    }
    const char32_t c = DecodeThreeBytes(p + i);
    if (c >= 0x4E00 && !gb.test(c - 0x4E00)) {
      if (run == 0) run_begin = i;
      ++run;
      not_big5 += !big5.test(c - 0x4E00);
    } else if (run > 0) {
      close(i);
    }
    i += 3;
  }
  close(line.end);
}

// True if text[begin, end) is all ASCII; eight bytes at a time.
bool IsAscii(std::string_view text, size_t begin, size_t end) {
  size_t i = begin;
  uint64_t high = 0;
  for (; i + 8 <= end; i += 8) {
    uint64_t w;
    std::memcpy(&w, text.data() + i, 8);
    high |= w;
  }
  for (; i < end; ++i) high |= static_cast<unsigned char>(text[i]);
  return (high & 0x8080808080808080ULL) == 0;
}

}  // namespace

void FindNoise(std::string_view text, const Line& line, std::vector<Cut>* cuts) {
  FindJammers(text, line, cuts);
  // Tag runs need CJK tokens, rare runs ideographs: neither is in ASCII.
  if (IsAscii(text, line.begin, line.end)) return;
  FindTagRun(text, line, cuts);
  FindRareRuns(text, line, cuts);
}

}  // namespace textwash::internal
