// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
#include "lib/layout.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "lib/stage_rules.h"
#include "lib/utf8.h"

namespace textwash::internal {
namespace {

int Strength(RuleKind kind) {
  switch (kind) {
    case RuleKind::kLine:
      return 3;
    case RuleKind::kSentence:
      return 2;
    default:
      return 1;
  }
}

// True if `a` should be credited over `b` when they overlap.
bool Stronger(const Cut& a, const Cut& b) {
  if (Strength(a.kind) != Strength(b.kind)) {
    return Strength(a.kind) > Strength(b.kind);
  }
  return a.end - a.begin > b.end - b.begin;
}

enum class Fate : uint8_t {
  kKeep,          // the line stays, with its cuts applied
  kRemoveByCut,   // its cuts left it blank: it goes whole
  kRemoveWeak,    // its weak ad signals go with a trailing block of junk
  kRemoveRepeat,  // a copy of an earlier line
  kRemoveBlank,   // a blank line at an edge or in a run
};

// A hash of a line for finding repeats. Equal lines hash alike, which is all
// the search needs: lines with one hash are compared byte for byte. It takes
// eight or sixteen bytes a step, several times faster than std::hash on long
// lines.
uint64_t HashLine(std::string_view s) {
  constexpr uint64_t kMultiplier = 0x9E3779B97F4A7C15;  // 2^64 / golden ratio
  constexpr uint64_t kOther = 0xD6E8FEB86659FD93;
  const auto word_at = [&](size_t i) {
    uint64_t word;
    std::memcpy(&word, s.data() + i, 8);
    return word;
  };
  uint64_t h = s.size() * kMultiplier;
  size_t i = 0;
#if defined(__SIZEOF_INT128__)
  // Both halves of a full 64 x 64-bit product: every bit of the two words
  // reaches the hash in one multiply.
  for (; i + 16 <= s.size(); i += 16) {
    const unsigned __int128 product =
        static_cast<unsigned __int128>(word_at(i) ^ kOther) *
        (word_at(i + 8) ^ h);
    h = static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
  }
#endif
  const auto mix = [&](uint64_t word) {
    h = (h ^ word) * kMultiplier;
    h ^= h >> 32;  // so that high bits reach the low ones as well
  };
  for (; i + 8 <= s.size(); i += 8) mix(word_at(i));
  if (i < s.size()) {
    uint64_t word = 0;
    std::memcpy(&word, s.data() + i, s.size() - i);
    mix(word);
  }
  return h;
}

std::string_view TrimBlanks(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e) {
    char32_t c;
    int len = DecodeUtf8(s, b, &c);
    if (len <= 0 || !IsHorizontalSpace(c)) break;
    b += len;
  }
  while (e > b) {
    char32_t c;
    int len = DecodeUtf8Before(s, e, &c);
    if (!IsHorizontalSpace(c)) break;
    e -= len;
  }
  return s.substr(b, e - b);
}

// True if a page-chunk number split a word across lines: line `i` stops in
// the middle of a sentence (it ends with an ideograph, no end mark), blank
// lines follow, then a line that starts with a chunk number (`3、制度…`, or
// `2` on a line of its own before the text goes on). Sets `*join_to` to the
// offset where the word goes on and `*next` to that line.
bool FindChunkJoin(std::string_view text, const std::vector<Line>& lines,
                   const std::vector<Fate>& fate, const std::vector<bool>& blank,
                   size_t i, size_t* join_to, size_t* next) {
  constexpr size_t kMinLineChars = 40;
  const Line& line = lines[i];
  char32_t last;
  DecodeUtf8Before(text, line.end, &last);
  if (!(last >= 0x4E00 && last <= 0x9FFF)) return false;
  size_t j = i + 1;
  while (j < lines.size() && blank[j]) ++j;
  if (j == i + 1 || j >= lines.size() || fate[j] != Fate::kKeep) return false;
  // A code point takes at most 4 bytes: long lines need no counting.
  const size_t line_size = line.end - line.begin;
  if (line_size < 4 * kMinLineChars &&
      CountCodePoints(text.substr(line.begin, line_size)) < kMinLineChars) {
    return false;
  }
  const Line& chunk = lines[j];
  size_t p = chunk.begin;
  while (p < chunk.end && p - chunk.begin < 3 && text[p] >= '0' && text[p] <= '9') ++p;
  if (p == chunk.begin || (p < chunk.end && text[p] >= '0' && text[p] <= '9')) {
    return false;
  }
  // Chunks are numbered from 2 on: a 1 starts a list of the text's own.
  if (p == chunk.begin + 1 && text[chunk.begin] <= '1') return false;
  auto starts_with_ideograph = [&](size_t at, size_t end) {
    if (at >= end) return false;
    char32_t c;
    DecodeUtf8(text, at, &c);
    return c >= 0x4E00 && c <= 0x9FFF;
  };
  if (text.substr(p, 3) == "\u3001" && starts_with_ideograph(p + 3, chunk.end)) {
    *join_to = p + 3;  // `3、制度`
    *next = j;
    return true;
  }
  if (p != chunk.end) return false;
  size_t k = j + 1;  // `2` alone on its line; the text goes on below
  while (k < lines.size() && blank[k]) ++k;
  if (k >= lines.size() || fate[k] != Fate::kKeep ||
      !starts_with_ideograph(lines[k].begin, lines[k].end)) {
    return false;
  }
  *join_to = lines[k].begin;
  *next = k;
  return true;
}

}  // namespace

void ResolveCuts(std::vector<Cut>* cuts) {
  if (cuts->size() < 2) return;
  std::sort(cuts->begin(), cuts->end(), [](const Cut& a, const Cut& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  size_t out = 0;
  for (size_t i = 1; i < cuts->size(); ++i) {
    Cut& cur = (*cuts)[out];
    const Cut& next = (*cuts)[i];
    if (next.begin < cur.end) {
      const size_t end = std::max(cur.end, next.end);
      if (Stronger(next, cur)) {
        const size_t begin = cur.begin;
        cur = next;
        cur.begin = begin;
      }
      cur.end = end;
    } else {
      (*cuts)[++out] = next;
    }
  }
  cuts->resize(out + 1);
}

void AssembleEdits(std::string_view text, const std::vector<Line>& lines,
                   const std::vector<Cut>& cuts, const std::vector<Credit>& weak,
                   const LayoutOptions& options, std::vector<Edit>* edits,
                   PassReport* report) {
  const size_t n = lines.size();
  // A byte and a bit per line: 50 million short lines are a document too.
  std::vector<Fate> fate(n, Fate::kKeep);
  std::vector<bool> blank(n);
  // Lines that may be repeats, by hash: sorted after the first pass, so that
  // finding copies allocates nothing per line.
  thread_local std::vector<std::pair<uint64_t, size_t>> keyed;  // hash, line
  keyed.clear();
  const size_t min_repeat = options.min_repeat_chars > 0
                                ? static_cast<size_t>(options.min_repeat_chars)
                                : 0;

  // Lines that cuts leave blank, and repeated lines.
  size_t c = 0;  // first cut not before the current line
  bool in_code = false;  // inside a ``` or ~~~ fence, where lines repeat
  for (size_t i = 0; i < n; ++i) {
    const Line& line = lines[i];
    const std::string_view body = text.substr(line.begin, line.end - line.begin);
    const size_t first_cut = c;
    while (c < cuts.size() && cuts[c].begin < line.end) ++c;
    blank[i] = IsBlank(body);
    if (blank[i]) continue;
    const std::string_view trimmed = TrimBlanks(body);
    const bool fence = trimmed.rfind("```", 0) == 0 || trimmed.rfind("~~~", 0) == 0;
    in_code = in_code != fence;
    if (c > first_cut) {
      // Does anything but white space survive the cuts?
      bool survives = false;
      bool any_line_cut = false;
      size_t pos = line.begin;
      for (size_t k = first_cut; k < c; ++k) {
        const Cut& cut = cuts[k];
        survives = survives || !IsBlank(text.substr(pos, cut.begin - pos)) ||
                   !IsBlank(cut.replacement);
        any_line_cut = any_line_cut || cut.kind == RuleKind::kLine;
        pos = cut.end;
      }
      survives = survives || !IsBlank(text.substr(pos, line.end - pos));
      if (!survives && (options.layout || any_line_cut)) {
        fate[i] = Fate::kRemoveByCut;
        continue;
      }
    }
    // Lines indented with ASCII blanks are code or quotes, where repeats are
    // the text itself (CJK paragraphs indent with U+3000).
    const bool indented = body.size() >= 2 && (body[0] == '\t' ||
                                               (body[0] == ' ' && body[1] == ' '));
    if (min_repeat > 0 && !in_code && !fence && !indented &&
        body.size() >= min_repeat) {
      const std::string_view key = trimmed;
      // A code point takes at most 4 bytes: long keys need no counting.
      if (key.size() >= 4 * min_repeat ||
          (key.size() >= min_repeat && CountCodePoints(key) >= min_repeat)) {
        keyed.emplace_back(HashLine(key), i);
      }
    }
  }
  // A line is a repeat if an earlier line is the same. Lines with one hash
  // are in line order; each is compared with the first line of every text
  // seen under that hash (one text, unless hashes collide).
  auto key_of = [&](size_t i) {
    return TrimBlanks(text.substr(lines[i].begin, lines[i].end - lines[i].begin));
  };
  std::sort(keyed.begin(), keyed.end());
  thread_local std::vector<size_t> firsts;
  for (size_t a = 0; a < keyed.size();) {
    size_t b = a + 1;
    while (b < keyed.size() && keyed[b].first == keyed[a].first) ++b;
    firsts.assign(1, keyed[a].second);
    for (size_t k = a + 1; k < b; ++k) {
      const size_t line = keyed[k].second;
      const std::string_view key = key_of(line);
      bool copy = false;
      for (size_t f : firsts) {
        if (key_of(f) == key) {
          copy = true;
          break;
        }
      }
      if (copy) {
        fate[line] = Fate::kRemoveRepeat;
      } else {
        firsts.push_back(line);
      }
    }
    a = b;
  }

  // The trailing block of junk.
  if (options.layout && !weak.empty()) {
    size_t start = n;
    bool has_junk = false;
    while (start > 0) {
      const size_t i = start - 1;
      const bool removed = fate[i] != Fate::kKeep;
      if (!(removed || blank[i] || weak[i].rule >= 0)) break;
      has_junk = has_junk || fate[i] == Fate::kRemoveByCut;
      start = i;
    }
    if (has_junk) {
      for (size_t i = start; i < n; ++i) {
        if (fate[i] == Fate::kKeep && !blank[i] && weak[i].rule >= 0) {
          fate[i] = Fate::kRemoveWeak;
        }
      }
    }
  }

  // Blank lines: none at the edges, one at most in a row.
  if (options.layout) {
    bool content_seen = false;
    bool last_kept_blank = false;
    size_t trailing_blank = SIZE_MAX;
    for (size_t i = 0; i < n; ++i) {
      if (fate[i] != Fate::kKeep) continue;
      if (blank[i]) {
        if (!content_seen || last_kept_blank) {
          fate[i] = Fate::kRemoveBlank;
        } else {
          last_kept_blank = true;
          trailing_blank = i;
        }
        continue;
      }
      content_seen = true;
      last_kept_blank = false;
      trailing_blank = SIZE_MAX;
    }
    if (trailing_blank != SIZE_MAX) fate[trailing_blank] = Fate::kRemoveBlank;
  }

  if (report != nullptr) {
    report->line_count = 0;
    report->changed.clear();
    report->weak.clear();
  }
  size_t joined_to = 0;  // text before this offset is covered by a join
  bool joined = false;   // this line goes on the output line of the last one
  c = 0;  // again: the first cut not before the current line
  for (size_t i = 0; i < n; ++i) {
    const Line& line = lines[i];
    while (c < cuts.size() && cuts[c].begin < line.begin) ++c;  // lines joined over
    const size_t first_cut = c;
    while (c < cuts.size() && cuts[c].begin < line.end) ++c;
    if (fate[i] == Fate::kKeep) {
      const size_t edits_before = edits->size();
      for (size_t k = first_cut; k < c; ++k) {
        const Cut& cut = cuts[k];
        if (cut.begin < joined_to) continue;
        edits->push_back(Edit{cut.begin, cut.end, std::string(cut.replacement),
                              cut.category, cut.rule});
      }
      size_t next = 0;
      const bool joins = options.layout && !blank[i] &&
                         FindChunkJoin(text, lines, fate, blank, i, &joined_to, &next);
      if (joins) {
        edits->push_back(Edit{line.end, joined_to, "", Category::kLayout,
                              kRuleChunkNumber});
      }
      if (report != nullptr) {
        if (!joined && !weak.empty() && weak[i].rule >= 0) {
          report->weak.emplace_back(report->line_count, weak[i]);
        }
        if (!joined) ++report->line_count;
        const size_t out = report->line_count - 1;
        if ((joined || edits->size() > edits_before) &&
            (report->changed.empty() || report->changed.back() != out)) {
          report->changed.push_back(out);
        }
      }
      joined = joins;
      // Go on with the line the word continues on; its cuts inside the join
      // are skipped there.
      if (joins) i = next - 1;
      continue;
    }
    Edit e;
    e.begin = line.begin;
    e.end = line.end < text.size() ? line.end + 1 : line.end;
    if (fate[i] == Fate::kRemoveByCut) {  // by the strongest of its cuts
      size_t best = first_cut;
      for (size_t k = first_cut + 1; k < c; ++k) {
        if (Stronger(cuts[k], cuts[best])) best = k;
      }
      e.rule = cuts[best].rule;
      e.category = cuts[best].category;
    } else if (fate[i] == Fate::kRemoveWeak) {
      e.rule = weak[i].rule;
      e.category = weak[i].category;
    } else {
      e.rule = fate[i] == Fate::kRemoveRepeat ? kRuleRepeatLine : kRuleBlankLines;
      e.category = kStageRules[e.rule].category;
    }
    // Consecutive lines removed by the same rule make one edit.
    if (!edits->empty() && edits->back().end == e.begin &&
        edits->back().rule == e.rule && edits->back().replacement.empty()) {
      edits->back().end = e.end;
      continue;
    }
    edits->push_back(std::move(e));
  }
}

}  // namespace textwash::internal
