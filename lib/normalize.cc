// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
#include "lib/normalize.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>

#include "lib/edits.h"
#include "lib/text.h"
#include "lib/utf8.h"

namespace textwash::internal {
namespace {

bool IsAsciiAlnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

bool IsFullWidthAlnum(char32_t c) {
  return (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
         (c >= 0xFF41 && c <= 0xFF5A);
}

// An ASCII letter or digit, or a full-width one: the width stage makes these
// ASCII, so the other stages treat them alike.
bool IsAlnumLike(char32_t c) { return IsAsciiAlnum(c) || IsFullWidthAlnum(c); }

bool IsAsciiPunct(char32_t c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}

// White space for flanking rules; 0 stands for the line's edge.
bool IsSpaceOrEdge(char32_t c) {
  return c == 0 || c == '\n' || c == '\r' || IsHorizontalSpace(c);
}

bool IsPunctOrSymbol(char32_t c) {
  if (c < 0x80) return IsAsciiPunct(c);
  const int8_t type = u_charType(static_cast<UChar32>(c));
  return u_ispunct(static_cast<UChar32>(c)) || type == U_MATH_SYMBOL ||
         type == U_CURRENCY_SYMBOL || type == U_MODIFIER_SYMBOL ||
         type == U_OTHER_SYMBOL;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

char32_t CharAt(std::string_view text, size_t i, size_t end) {
  if (i >= end) return 0;
  char32_t c;
  DecodeUtf8(text, i, &c);
  return c;
}

char32_t CharBefore(std::string_view text, size_t i, size_t begin) {
  if (i <= begin) return 0;
  char32_t c;
  DecodeUtf8Before(text, i, &c);
  return c;
}

// If a code fence (three or more ` or ~, indented at most three spaces)
// starts `line`, returns its character and sets `*length`; else returns 0.
char FenceOf(std::string_view line, size_t* length) {
  size_t i = 0;
  while (i < line.size() && i < 3 && line[i] == ' ') ++i;
  if (i >= line.size() || (line[i] != '`' && line[i] != '~')) return 0;
  const char c = line[i];
  size_t j = i;
  while (j < line.size() && line[j] == c) ++j;
  if (j - i < 3) return 0;
  if (c == '`' && line.find('`', j) != std::string_view::npos) return 0;
  *length = j - i;
  return c;
}

enum class LineKind : uint8_t { kProse, kFenceOpen, kCode, kFenceClose };

// What each line is: prose, a code fence, or code between fences (to the
// end of the text when a fence is never closed).
std::vector<LineKind> MarkCode(std::string_view text, const std::vector<Line>& lines) {
  std::vector<LineKind> kinds(lines.size(), LineKind::kProse);
  char open = 0;
  size_t open_length = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = text.substr(lines[i].begin, lines[i].end - lines[i].begin);
    size_t length = 0;
    const char c = FenceOf(line, &length);
    if (open == 0) {
      if (c != 0) {
        open = c;
        open_length = length;
        kinds[i] = LineKind::kFenceOpen;
      }
    } else if (c == open && length >= open_length &&
               line.find_first_not_of(" \t`~") == std::string_view::npos) {
      open = 0;
      kinds[i] = LineKind::kFenceClose;
    } else {
      kinds[i] = LineKind::kCode;
    }
  }
  return kinds;
}

// An inline code span: text[begin, end), whose backtick runs are `run` long.
struct CodeSpan {
  size_t begin;
  size_t end;
  size_t run;
};

// The inline code spans of text[begin, end), in order: a run of backticks
// opens one that the next run of the same length closes. Linear in the
// length (each run length keeps a cursor into its runs).
std::vector<CodeSpan> FindCodeSpans(std::string_view text, size_t begin, size_t end) {
  struct Run {
    size_t pos;
    size_t length;
  };
  std::vector<Run> runs;
  for (size_t i = begin; i < end;) {
    if (text[i] != '`') {
      ++i;
      continue;
    }
    size_t n = 0;
    while (i + n < end && text[i + n] == '`') ++n;
    runs.push_back(Run{i, n});
    i += n;
  }
  std::unordered_map<size_t, std::vector<size_t>> by_length;  // run indices
  for (size_t r = 0; r < runs.size(); ++r) by_length[runs[r].length].push_back(r);
  std::unordered_map<size_t, size_t> cursor;  // by length: next index to try
  std::vector<CodeSpan> spans;
  for (size_t r = 0; r < runs.size(); ++r) {
    const std::vector<size_t>& same = by_length[runs[r].length];
    size_t& c = cursor[runs[r].length];
    while (c < same.size() && same[c] <= r) ++c;
    if (c == same.size()) continue;  // never closed: literal backticks
    const size_t close = same[c];
    spans.push_back(CodeSpan{runs[r].pos, runs[close].pos + runs[close].length, runs[r].length});
    r = close;
  }
  return spans;
}

// The code span that starts at `pos`, if any.
const CodeSpan* SpanAt(const std::vector<CodeSpan>& spans, size_t pos) {
  auto it = std::lower_bound(spans.begin(), spans.end(), pos,
                             [](const CodeSpan& s, size_t p) { return s.begin < p; });
  return it != spans.end() && it->begin == pos ? &*it : nullptr;
}

// If a bare URL (`scheme://…` or `www.…`) starts at text[i], returns where it
// ends; else returns i. A URL is ASCII (full-width letters and digits count
// as ASCII, as the width stage makes them so) and holds no backslash;
// trailing sentence punctuation and unbalanced closing brackets are not
// part of one.
size_t UrlEnd(std::string_view text, size_t i, size_t begin, size_t end) {
  if (IsAlnumLike(CharBefore(text, i, begin))) return i;
  size_t j = i;
  if (text.substr(i, 4) == "www.") {
    j = i + 4;
  } else {
    constexpr size_t kMaxSchemeLength = 32;
    while (j < end && j - i < kMaxSchemeLength &&
           (IsAsciiAlnum(static_cast<unsigned char>(text[j])) || text[j] == '+' ||
            text[j] == '-' || text[j] == '.')) {
      ++j;
    }
    if (j == i || !((text[i] >= 'A' && text[i] <= 'Z') || (text[i] >= 'a' && text[i] <= 'z')) ||
        text.substr(j, 3) != "://") {
      return i;
    }
    j += 3;
  }
  const size_t body = j;
  long long parens = 0, brackets = 0;  // opened minus closed
  while (j < end) {
    const unsigned char c = static_cast<unsigned char>(text[j]);
    if (c >= 0x80) {
      char32_t cp;
      const int len = DecodeUtf8(text, j, &cp);
      if (len <= 0 || !IsFullWidthAlnum(cp)) break;
      j += len;
      continue;
    }
    if (c <= ' ' || c == 0x7F || c == '<' || c == '>' || c == '"' || c == '`' || c == '\\') {
      break;
    }
    parens += c == '(' ? 1 : c == ')' ? -1 : 0;
    brackets += c == '[' ? 1 : c == ']' ? -1 : 0;
    ++j;
  }
  while (j > body) {
    const char c = text[j - 1];
    if (c == ')' || c == ']') {
      long long& open = c == ')' ? parens : brackets;
      if (open >= 0) break;
      ++open;
    } else if (std::string_view(".,;:!?*_~'").find(c) == std::string_view::npos) {
      break;
    }
    --j;
  }
  return j > body ? j : i;
}

// ---- Markdown -------------------------------------------------------------

// True if inline code `code` reads as the same text without its backticks,
// wherever it stands: it holds none of the characters Markdown reads inline
// (an `_` between ASCII letters or digits is fine: snake_case), and, at the
// start of a line, it starts with no block mark.
bool ReadsAsText(std::string_view code, bool line_start) {
  if (code.empty()) return false;
  if (line_start && std::string_view("#>-+=").find(code[0]) != std::string_view::npos) {
    return false;
  }
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '_') {
      if (i == 0 || i + 1 == code.size() || !IsAsciiAlnum(static_cast<unsigned char>(code[i - 1])) ||
          !IsAsciiAlnum(static_cast<unsigned char>(code[i + 1]))) {
        return false;
      }
    } else if (std::string_view("*~[]<>!`\\").find(c) != std::string_view::npos) {
      return false;
    }
  }
  return true;
}

struct MdEdit {
  size_t begin;
  size_t end;
  std::string_view replacement;  // a literal
};

class MarkdownStripper {
 public:
  // `labels`: those of the text's reference definitions, lower case; only
  // `[text][label]` with a defined label is a link.
  MarkdownStripper(std::string_view text, bool keep_link_urls,
                   const std::vector<std::string>* labels)
      : text_(text), keep_urls_(keep_link_urls), labels_(labels) {}

  // The edits of one line that is not code.
  void StripLine(Line line, std::vector<MdEdit>* out);

  // True if the whole line is syntax (a thematic break, a setext underline,
  // a reference definition whose URL goes).
  bool LineIsSyntax(Line line) const;

  // Appends the edits that strip `line` until stripping it again would
  // change nothing (`**- a**` holds a bullet once its emphasis goes), in
  // offsets of the text, and sets `*stripped` to what is left of the line.
  // Returns false, and appends nothing, if the line is syntax through and
  // through and goes whole.
  bool StripToFixedPoint(Line line, std::vector<Edit>* out, std::string* stripped) const;

  // True if code line `line` would read as Markdown outside its fence.
  bool ReadsAsMarkdown(Line line);

  // If `s` is a reference definition `[label]: url`, sets `*label`.
  static bool ParseDefinition(std::string_view s, std::string* label);

 private:
  struct Delim {
    size_t pos;    // of the run's first remaining character
    size_t count;  // characters left in the run
    char c;
    bool open;
    bool close;
    bool intraword;  // between two letters or digits (ASCII or full-width)
  };

  // Strips inline syntax in text[begin, end).
  void Inline(size_t begin, size_t end, size_t line_begin, size_t line_end,
              std::vector<MdEdit>* out);
  // Parses `[text](url)`, `[text][ref]` or `![alt](url)` whose `[` is at
  // `open`; on success appends its edits, strips its text and returns the
  // offset after it; else returns `open`.
  size_t Link(size_t open, bool image, size_t line_begin, size_t end,
              std::vector<MdEdit>* out);
  void Emphasis(std::vector<Delim>& delims, std::vector<MdEdit>* out);

  std::string_view text_;
  bool keep_urls_;
  const std::vector<std::string>* labels_;
  // Of the line being stripped: where its text starts after its block marks,
  // its code spans, its `[` `]` pairs (outside code spans, escapes
  // honoured; sorted by `[`), and the first `>` after some offset up to
  // which there is none.
  size_t content_start_ = 0;
  std::vector<CodeSpan> code_spans_;
  std::vector<std::pair<size_t, size_t>> brackets_;
  size_t next_gt_ = 0;
};

bool MarkdownStripper::LineIsSyntax(Line line) const {
  const std::string_view s = text_.substr(line.begin, line.end - line.begin);
  size_t i = 0;
  while (i < s.size() && i < 3 && s[i] == ' ') ++i;
  if (i >= s.size()) return false;
  const char c = s[i];
  if (c == '-' || c == '*' || c == '_') {  // ---, * * *, ___
    size_t marks = 0;
    for (size_t j = i; j < s.size(); ++j) {
      if (s[j] == c) {
        ++marks;
      } else if (s[j] != ' ' && s[j] != '\t') {
        return false;
      }
    }
    return marks >= 3;
  }
  if (c == '=') {  // a setext underline
    const size_t end = std::min(s.find_first_not_of('=', i), s.size());
    return end - i >= 3 && s.find_first_not_of(" \t", end) == std::string_view::npos;
  }
  std::string label;
  return !keep_urls_ && ParseDefinition(s, &label);
}

bool MarkdownStripper::ParseDefinition(std::string_view s, std::string* label) {
  size_t i = 0;
  while (i < s.size() && i < 3 && s[i] == ' ') ++i;
  if (i >= s.size() || s[i] != '[') return false;
  const size_t close = s.find(']', i + 1);
  if (close == std::string_view::npos || close == i + 1 || close + 1 >= s.size() ||
      s[close + 1] != ':' || s.substr(i + 1, close - i - 1).find('[') != std::string_view::npos ||
      s.find_first_not_of(" \t", close + 2) == std::string_view::npos) {
    return false;
  }
  *label = Lower(s.substr(i + 1, close - i - 1));
  return true;
}

bool MarkdownStripper::StripToFixedPoint(Line line, std::vector<Edit>* out,
                                         std::string* stripped) const {
  // Each round strips the line the last one left, as a text of its own.
  constexpr int kMaxRounds = 8;
  stripped->assign(text_.substr(line.begin, line.end - line.begin));
  std::vector<Edit> edits;  // in offsets of the line
  std::vector<MdEdit> md;
  for (int round = 0; round < kMaxRounds; ++round) {
    MarkdownStripper strip(*stripped, keep_urls_, labels_);
    const Line whole{0, stripped->size()};
    if (strip.LineIsSyntax(whole)) return false;
    md.clear();
    strip.StripLine(whole, &md);
    std::sort(md.begin(), md.end(),
              [](const MdEdit& a, const MdEdit& b) { return a.begin < b.begin; });
    std::vector<Edit> more;
    for (const MdEdit& e : md) {
      if (e.begin == e.end && e.replacement.empty()) continue;
      if (!more.empty() && e.replacement.empty() && more.back().end == e.begin &&
          more.back().replacement.empty()) {
        more.back().end = e.end;  // adjacent deletions make one edit
        continue;
      }
      more.push_back(Edit{e.begin, e.end, std::string(e.replacement)});
    }
    if (more.empty()) break;
    std::string next = ApplyEdits(*stripped, more);
    size_t fence = 0;
    if (FenceOf(next, &fence) != 0) break;  // `> ```` stays: no new code fence
    *stripped = std::move(next);
    edits = ComposeEdits(std::move(edits), std::move(more));
  }
  for (Edit& e : edits) {
    e.begin += line.begin;
    e.end += line.begin;
    out->push_back(std::move(e));
  }
  return true;
}

bool MarkdownStripper::ReadsAsMarkdown(Line line) {
  const std::string_view s = text_.substr(line.begin, line.end - line.begin);
  std::string label;
  size_t fence = 0;
  if (IsBlank(s)) return false;
  if (LineIsSyntax(line) || ParseDefinition(s, &label) || FenceOf(s, &fence) != 0) return true;
  std::vector<MdEdit> edits;
  StripLine(line, &edits);
  return !edits.empty();
}

void MarkdownStripper::StripLine(Line line, std::vector<MdEdit>* out) {
  size_t q = line.begin;
  while (q < line.end && (text_[q] == ' ' || text_[q] == '\t')) ++q;
  auto skip_blanks = [&](size_t p) {
    while (p < line.end && (text_[p] == ' ' || text_[p] == '\t')) ++p;
    return p;
  };
  auto blank_or_end = [&](size_t p) {
    return p >= line.end || text_[p] == ' ' || text_[p] == '\t';
  };
  bool heading = false;
  while (q < line.end && !heading) {
    const char c = text_[q];
    if (c == '>') {  // block quote
      const size_t next = q + 1 < line.end && text_[q + 1] == ' ' ? q + 2 : q + 1;
      out->push_back(MdEdit{q, next, ""});
      q = next;
    } else if (c == '#') {  // ATX heading
      size_t n = 0;
      while (q + n < line.end && text_[q + n] == '#') ++n;
      if (n > 6 || !blank_or_end(q + n)) break;
      const size_t next = skip_blanks(q + n);
      out->push_back(MdEdit{q, next, ""});
      q = next;
      heading = true;
    } else if ((c == '-' || c == '*' || c == '+') && q + 1 < line.end &&
               (text_[q + 1] == ' ' || text_[q + 1] == '\t')) {  // bullet
      size_t next = skip_blanks(q + 1);
      const std::string_view box = text_.substr(next, 3);
      if ((box == "[ ]" || box == "[x]" || box == "[X]") && blank_or_end(next + 3)) {
        next = skip_blanks(next + 3);
      }
      out->push_back(MdEdit{q, next, ""});
      q = next;
    } else {
      break;
    }
  }
  size_t end = line.end;
  if (heading) {  // a closing sequence: `## Title ##`
    size_t e = end;
    while (e > q && (text_[e - 1] == ' ' || text_[e - 1] == '\t')) --e;
    size_t h = e;
    while (h > q && text_[h - 1] == '#') --h;
    if (h < e && (h == q || text_[h - 1] == ' ' || text_[h - 1] == '\t')) {
      size_t b = h;
      while (b > q && (text_[b - 1] == ' ' || text_[b - 1] == '\t')) --b;
      out->push_back(MdEdit{b, e, ""});
      end = b;
    }
  }
  content_start_ = q;
  code_spans_ = FindCodeSpans(text_, q, end);
  brackets_.clear();
  std::vector<size_t> opens;
  for (size_t i = q, span = 0; i < end; ++i) {
    while (span < code_spans_.size() && code_spans_[span].begin < i) ++span;
    if (span < code_spans_.size() && code_spans_[span].begin == i) {
      i = code_spans_[span++].end - 1;
    } else if (text_[i] == '\\') {
      ++i;
    } else if (text_[i] == '[') {
      opens.push_back(i);
    } else if (text_[i] == ']' && !opens.empty()) {
      brackets_.emplace_back(opens.back(), i);
      opens.pop_back();
    }
  }
  std::sort(brackets_.begin(), brackets_.end());
  next_gt_ = q;
  Inline(q, end, line.begin, line.end, out);
}

void MarkdownStripper::Inline(size_t begin, size_t end, size_t line_begin,
                              size_t line_end, std::vector<MdEdit>* out) {
  std::vector<Delim> delims;
  size_t i = begin;
  while (i < end) {
    const char c = text_[i];
    if (c == '\\' && i + 1 < end && IsAsciiPunct(static_cast<unsigned char>(text_[i + 1]))) {
      i += 2;  // an escaped character is text
      continue;
    }
    if (c == '`') {
      const CodeSpan* span = SpanAt(code_spans_, i);
      if (span == nullptr) {
        while (i < end && text_[i] == '`') ++i;
        continue;
      }
      // The backticks go when the code cannot read as Markdown without them.
      const size_t run = span->run, close = span->end - run;
      size_t b = i + run, e = close;
      if (e - b >= 2 && text_[b] == ' ' && text_[e - 1] == ' ' &&
          text_.substr(b, e - b).find_first_not_of(' ') != std::string_view::npos) {
        ++b;
        --e;
      }
      if (ReadsAsText(text_.substr(b, e - b), i == content_start_)) {
        out->push_back(MdEdit{i, b, ""});
        out->push_back(MdEdit{e, close + run, ""});
      }
      i = close + run;
      continue;
    }
    if (c == '<') {  // autolink
      if (next_gt_ <= i) next_gt_ = std::min(text_.find('>', i + 1), text_.size());
      const size_t close = next_gt_;
      if (close < end) {
        const std::string_view inner = text_.substr(i + 1, close - i - 1);
        const bool url = UrlEnd(text_, i + 1, i + 1, close) == close;
        const bool mail = inner.find('@') != std::string_view::npos &&
                          inner.find_first_of(" \t<") == std::string_view::npos;
        if (url || mail) {
          out->push_back(MdEdit{i, i + 1, ""});
          out->push_back(MdEdit{close, close + 1, ""});
          i = close + 1;
          continue;
        }
      }
    }
    if (c == '!' && i + 1 < end && text_[i + 1] == '[') {
      const size_t next = Link(i + 1, true, line_begin, end, out);
      if (next != i + 1) {
        i = next;
        continue;
      }
    }
    if (c == '[') {
      const size_t next = Link(i, false, line_begin, end, out);
      if (next != i) {
        i = next;
        continue;
      }
    }
    if (const size_t url = UrlEnd(text_, i, line_begin, end); url != i) {
      i = url;
      continue;
    }
    if (c == '*' || c == '_' || c == '~') {
      size_t n = 0;
      while (i + n < end && text_[i + n] == c) ++n;
      const char32_t before = CharBefore(text_, i, line_begin);
      const char32_t after = CharAt(text_, i + n, line_end);
      // CommonMark's flanking rules. A run between two ASCII letters or
      // digits is no delimiter if it is `_`, `~` or a single `*`
      // (snake_case_name, 2*3*4); a longer run of `*` there only pairs
      // with a run outside a word (`**Bold****More**`, not `2**8 + x**`).
      const bool left = !IsSpaceOrEdge(after) &&
                        (!IsPunctOrSymbol(after) || IsSpaceOrEdge(before) || IsPunctOrSymbol(before));
      const bool right = !IsSpaceOrEdge(before) &&
                         (!IsPunctOrSymbol(before) || IsSpaceOrEdge(after) || IsPunctOrSymbol(after));
      const bool intraword = IsAlnumLike(before) && IsAlnumLike(after);
      if ((!intraword || (c == '*' && n >= 2)) && (c != '~' || n == 2)) {
        delims.push_back(Delim{i, n, c, left, right, intraword});
      }
      i += n;
      continue;
    }
    char32_t cp;
    const int len = DecodeUtf8(text_, i, &cp);
    i += len > 0 ? len : 1;
  }
  Emphasis(delims, out);
}

size_t MarkdownStripper::Link(size_t open, bool image, size_t line_begin, size_t end,
                              std::vector<MdEdit>* out) {
  // The matching `]` (see StripLine).
  auto it = std::lower_bound(brackets_.begin(), brackets_.end(), open,
                             [](const std::pair<size_t, size_t>& b, size_t p) { return b.first < p; });
  if (it == brackets_.end() || it->first != open) return open;
  const size_t close = it->second;
  if (close + 1 >= end) return open;
  const size_t mark = image ? open - 1 : open;
  // How far a reference label or a destination and title may reach: longer
  // ones are text, so that a line of brackets takes linear time.
  constexpr size_t kMaxLabel = 999, kMaxDestination = 2048;
  if (text_[close + 1] == '[') {  // [text][ref], [text][]
    const size_t ref_end =
        text_.substr(0, std::min(end, close + 2 + kMaxLabel)).find(']', close + 2);
    if (ref_end == std::string_view::npos) return open;
    const std::string_view ref = ref_end == close + 2
                                     ? text_.substr(open + 1, close - open - 1)
                                     : text_.substr(close + 2, ref_end - close - 2);
    if (std::find(labels_->begin(), labels_->end(), Lower(ref)) == labels_->end()) return open;
    out->push_back(MdEdit{mark, open + 1, ""});
    Inline(open + 1, close, line_begin, end, out);
    out->push_back(MdEdit{close, ref_end + 1, ""});
    return ref_end + 1;
  }
  if (text_[close + 1] != '(') return open;
  // The destination: <...>, or a run without blanks and with balanced
  // parentheses; then an optional title; then `)`.
  end = std::min(end, close + 2 + kMaxDestination);
  size_t j = close + 2;
  while (j < end && (text_[j] == ' ' || text_[j] == '\t')) ++j;
  size_t url_begin = j, url_end = j;
  if (j < end && text_[j] == '<') {
    const size_t gt = text_.find('>', j + 1);
    if (gt == std::string_view::npos || gt >= end) return open;
    url_begin = j + 1;
    url_end = gt;
    j = gt + 1;
  } else {
    int parens = 0;
    while (j < end) {
      const char c = text_[j];
      if (c == ' ' || c == '\t') break;
      if (c == '(') ++parens;
      if (c == ')' && parens-- == 0) break;
      if (c == '\\') ++j;
      ++j;
    }
    url_end = std::min(j, end);
  }
  while (j < end && (text_[j] == ' ' || text_[j] == '\t')) ++j;
  if (j < end && (text_[j] == '"' || text_[j] == '\'' || text_[j] == '(')) {
    const char quote = text_[j] == '(' ? ')' : text_[j];
    const size_t q = text_.find(quote, j + 1);
    if (q == std::string_view::npos || q >= end) return open;
    j = q + 1;
    while (j < end && (text_[j] == ' ' || text_[j] == '\t')) ++j;
  }
  if (j >= end || text_[j] != ')') return open;
  out->push_back(MdEdit{mark, open + 1, ""});
  Inline(open + 1, close, line_begin, end, out);
  const std::string_view url = text_.substr(url_begin, url_end - url_begin);
  if (keep_urls_ && !url.empty()) {
    // `[text](url "title")` becomes `text (url)`.
    out->push_back(MdEdit{close, url_begin, " ("});
    if (url_end < j) out->push_back(MdEdit{url_end, j + 1, ")"});
    else out->push_back(MdEdit{j, j + 1, ")"});
  } else {
    out->push_back(MdEdit{close, j + 1, ""});
  }
  return j + 1;
}

// Matches delimiter runs the way CommonMark's "process emphasis" does: each
// closer takes the nearest opener of its character before it; both lose two
// characters if both have two, else one; delimiters between them are
// dropped. Spent and dropped delimiters leave the list, and where a closer
// found no opener the next closer of its kind does not look again, so a
// line of many delimiters takes linear time.
void MarkdownStripper::Emphasis(std::vector<Delim>& delims, std::vector<MdEdit>* out) {
  constexpr size_t kNone = SIZE_MAX;
  const size_t n = delims.size();
  std::vector<size_t> prev(n);  // the previous delimiter still in the list
  for (size_t k = 0; k < n; ++k) prev[k] = k == 0 ? kNone : k - 1;
  // By character and intraword flag: openers before this index are no match.
  std::unordered_map<int, size_t> bottom;
  for (size_t k = 0; k < n; ++k) {
    Delim& closer = delims[k];
    if (!closer.close) continue;
    const int kind = closer.c * 2 + (closer.intraword ? 1 : 0);
    const size_t floor = bottom.count(kind) != 0 ? bottom[kind] : 0;
    while (closer.count > 0) {
      size_t o = kNone;
      for (size_t m = prev[k]; m != kNone && m >= floor; m = prev[m]) {
        const Delim& d = delims[m];
        if (d.c == closer.c && d.open && d.count > 0 && !(d.intraword && closer.intraword) &&
            (d.c != '~' || (d.count == 2 && closer.count == 2))) {
          o = m;
          break;
        }
      }
      if (o == kNone) {
        bottom[kind] = k;
        break;
      }
      Delim& opener = delims[o];
      const size_t use = opener.count >= 2 && closer.count >= 2 ? 2 : 1;
      opener.count -= use;
      out->push_back(MdEdit{opener.pos + opener.count, opener.pos + opener.count + use, ""});
      out->push_back(MdEdit{closer.pos, closer.pos + use, ""});
      closer.pos += use;
      closer.count -= use;
      // The delimiters between them, and a spent opener, leave the list.
      prev[k] = opener.count > 0 ? o : prev[o];
    }
  }
}

// ---- punctuation and width -----------------------------------------------

// Han, kana, hangul, and the CJK and full-width punctuation that is not
// converted here: what counts as "CJK" around a mark.
bool IsCjkContext(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) {  // full-width ASCII
    return !IsAsciiAlnum(c - 0xFEE0);
  }
  return (c >= 0x3001 && c <= 0x303F) || (c >= 0x3040 && c <= 0x30FF) ||
         (c >= 0x31F0 && c <= 0x31FF) || (c >= 0x3400 && c <= 0x9FFF) ||
         (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF) ||
         (c >= 0x3130 && c <= 0x318F) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF61 && c <= 0xFF65) ||
         (c >= 0x20000 && c <= 0x3FFFF);
}

// The marks this stage converts, in either form, and blanks: skipped when
// looking for a mark's neighbours.
bool IsTransparent(char32_t c) {
  switch (c) {
    case ',': case ';': case ':': case '?': case '!': case '(': case ')': case '"':
    case U'，': case U'；': case U'：': case U'？': case U'！': case U'（': case U'）':
    case U'“': case U'”': case ' ': case '\t': case 0x3000:
      return true;
    default:
      return false;
  }
}

std::string_view FullWidthMark(char c) {
  switch (c) {
    case ',': return "\uFF0C";
    case ';': return "\uFF1B";
    case ':': return "\uFF1A";
    case '?': return "\uFF1F";
    case '!': return "\uFF01";
    case '(': return "\uFF08";
    case ')': return "\uFF09";
    default: return "";
  }
}

bool IsHalfWidthMark(char32_t c) {
  return c == ',' || c == ';' || c == ':' || c == '?' || c == '!';
}

// Appends the punctuation and width edits of one line of prose.
void PunctLine(std::string_view text, Line line, int punct_rule, int width_rule,
               Category category, std::vector<Edit>* edits) {
  struct Char {
    size_t begin;
    size_t end;
    char32_t cp;
    bool skipped = false;  // in inline code or a URL
  };
  std::vector<Char> chars;
  for (size_t i = line.begin; i < line.end;) {
    char32_t c;
    const int len = DecodeUtf8(text, i, &c);
    const size_t n = len > 0 ? len : 1;
    chars.push_back(Char{i, i + n, c});
    i += n;
  }
  // Inline code and URLs stay as they are.
  const std::vector<CodeSpan> spans = FindCodeSpans(text, line.begin, line.end);
  for (size_t k = 0, span = 0; k < chars.size();) {
    const size_t at = chars[k].begin;
    size_t skip_end = at;
    while (span < spans.size() && spans[span].begin < at) ++span;
    if (span < spans.size() && spans[span].begin == at) {
      skip_end = spans[span++].end;
    } else if (chars[k].cp != '`') {
      skip_end = UrlEnd(text, at, line.begin, line.end);
    }
    if (skip_end == at) {
      ++k;
      continue;
    }
    while (k < chars.size() && chars[k].begin < skip_end) chars[k++].skipped = true;
  }
  // The nearest significant character before each character, and at or
  // after it (0 at the line's edge).
  auto significant = [&](const Char& c) { return c.skipped || !IsTransparent(c.cp); };
  const size_t n = chars.size();
  std::vector<char32_t> left(n + 1, 0), right(n + 1, 0);
  for (size_t k = 0; k < n; ++k) {
    left[k + 1] = significant(chars[k]) ? chars[k].cp : left[k];
  }
  for (size_t k = n; k-- > 0;) {
    right[k] = significant(chars[k]) ? chars[k].cp : right[k + 1];
  }
  auto cjk_or_edge = [](char32_t c) { return c == 0 || IsCjkContext(c); };

  std::vector<Edit> out;
  auto add = [&](size_t b, size_t e, std::string replacement, int rule) {
    out.push_back(Edit{b, e, std::move(replacement), category, rule});
  };
  // Bracket and quote pairs: CJK just inside both ends, CJK or the edge
  // outside.
  auto cjk_pair = [&](size_t open, size_t close) {
    return left[close] != 0 && IsCjkContext(left[close]) && right[open + 1] != 0 &&
           IsCjkContext(right[open + 1]) && cjk_or_edge(left[open]) &&
           cjk_or_edge(right[close + 1]);
  };
  std::vector<size_t> parens;
  size_t quote = SIZE_MAX;
  for (size_t k = 0; k < n; ++k) {
    const char32_t c = chars[k].cp;
    if (chars[k].skipped || (c != '(' && c != ')' && c != '"')) continue;
    if (c == '(') {
      parens.push_back(k);
    } else if (c == ')') {
      if (parens.empty()) continue;
      const size_t open = parens.back();
      parens.pop_back();
      if (cjk_pair(open, k)) {
        add(chars[open].begin, chars[open].end, "\uFF08", punct_rule);
        add(chars[k].begin, chars[k].end, "\uFF09", punct_rule);
      }
    } else if (quote == SIZE_MAX) {
      quote = k;
    } else {
      if (cjk_pair(quote, k)) {
        add(chars[quote].begin, chars[quote].end, "\u201C", punct_rule);
        add(chars[k].begin, chars[k].end, "\u201D", punct_rule);
      }
      quote = SIZE_MAX;
    }
  }
  // Full-width letters and digits, and runs of , ; : ? !
  size_t done = line.begin;  // the end of the last run converted
  for (size_t k = 0; k < n;) {
    if (chars[k].skipped) {
      ++k;
      continue;
    }
    size_t e = k;
    if (IsFullWidthAlnum(chars[k].cp)) {
      std::string ascii;
      while (e < n && !chars[e].skipped && IsFullWidthAlnum(chars[e].cp)) {
        ascii.push_back(static_cast<char>(chars[e++].cp - 0xFEE0));
      }
      add(chars[k].begin, chars[e - 1].end, std::move(ascii), width_rule);
      k = e;
      continue;
    }
    while (e < n && !chars[e].skipped && IsHalfWidthMark(chars[e].cp)) ++e;
    if (e == k) {
      ++k;
      continue;
    }
    if (left[k] != 0 && IsCjkContext(left[k]) && cjk_or_edge(right[e])) {
      // The blanks around the run go with it, but not those at the line's end.
      size_t b = k;
      while (b > 0 && chars[b - 1].begin >= done &&
             (chars[b - 1].cp == ' ' || chars[b - 1].cp == '\t')) {
        --b;
      }
      size_t f = e;
      while (f < n && (chars[f].cp == ' ' || chars[f].cp == '\t')) ++f;
      if (f == n) f = e;
      std::string marks;
      for (size_t m = k; m < e; ++m) marks += FullWidthMark(static_cast<char>(chars[m].cp));
      const size_t end = f < n ? chars[f].begin : line.end;
      add(chars[b].begin, end, std::move(marks), punct_rule);
      done = end;
      k = f;
      continue;
    }
    k = e;
  }
  std::sort(out.begin(), out.end(),
            [](const Edit& a, const Edit& b) { return a.begin < b.begin; });
  for (Edit& e : out) edits->push_back(std::move(e));
}

}  // namespace

bool FindMarkdownEdits(std::string_view text, bool keep_link_urls, bool layout,
                       int rule, Category category, std::vector<Edit>* edits) {
  std::vector<Line> lines;
  SplitLines(text, &lines);
  const std::vector<LineKind> kinds = MarkCode(text, lines);
  // The labels of the reference definitions, from the lines as they are,
  // then from the lines as they are stripped (`- [r]: url`), until no new
  // label turns up.
  std::vector<std::string> labels;
  std::string label;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (kinds[i] == LineKind::kProse &&
        MarkdownStripper::ParseDefinition(
            text.substr(lines[i].begin, lines[i].end - lines[i].begin), &label)) {
      labels.push_back(label);
    }
  }
  std::vector<Edit> line_edits;  // each line's, in order
  std::vector<size_t> first(lines.size() + 1);
  std::vector<bool> gone(lines.size()), blank(lines.size());
  std::string stripped;
  for (bool new_labels = true; new_labels;) {
    new_labels = false;
    MarkdownStripper stripper(text, keep_link_urls, &labels);
    // Code fences go only if no code could read as Markdown without them and
    // every fence is closed; else all stay, so that a later pass neither
    // strips code nor pairs the fences another way.
    bool strip_fences = true;
    for (size_t i = 0; i < lines.size() && strip_fences; ++i) {
      if (kinds[i] == LineKind::kCode) {
        strip_fences = !stripper.ReadsAsMarkdown(lines[i]);
      } else if (kinds[i] == LineKind::kFenceOpen) {
        strip_fences = std::find(kinds.begin() + static_cast<ptrdiff_t>(i), kinds.end(),
                                 LineKind::kFenceClose) != kinds.end();
      }
    }
    // Each line's edits, and whether the line goes whole.
    line_edits.clear();
    for (size_t i = 0; i < lines.size(); ++i) {
      const Line& line = lines[i];
      first[i] = line_edits.size();
      blank[i] = IsBlank(text.substr(line.begin, line.end - line.begin));
      gone[i] = false;
      if (kinds[i] != LineKind::kProse) {
        gone[i] = strip_fences && kinds[i] != LineKind::kCode;
      } else if (!blank[i]) {
        const size_t from = line_edits.size();
        gone[i] = !stripper.StripToFixedPoint(line, &line_edits, &stripped) ||
                  // A line the edits leave blank goes, as layout would have it.
                  (layout && line_edits.size() > from && IsBlank(stripped));
        if (line_edits.size() > from && MarkdownStripper::ParseDefinition(stripped, &label) &&
            std::find(labels.begin(), labels.end(), label) == labels.end()) {
          labels.push_back(label);
          new_labels = true;
        }
      }
    }
  }
  first[lines.size()] = line_edits.size();
  if (layout) {
    // No blank line at either end or after another one, as before.
    size_t last_kept = SIZE_MAX;  // the last line that stays
    for (size_t i = 0; i < lines.size(); ++i) {
      if (gone[i]) continue;
      if (blank[i] && (last_kept == SIZE_MAX || blank[last_kept])) {
        gone[i] = true;
        continue;
      }
      last_kept = i;
    }
    for (size_t i = lines.size(); i-- > 0;) {
      if (gone[i]) continue;
      if (!blank[i]) break;
      gone[i] = true;
    }
  }
  const size_t before = edits->size();
  auto push = [&](Edit e) {
    // Adjacent deletions make one edit.
    if (e.replacement.empty() && edits->size() > before && edits->back().end == e.begin &&
        edits->back().replacement.empty()) {
      edits->back().end = e.end;
      return;
    }
    edits->push_back(std::move(e));
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    const Line& line = lines[i];
    if (gone[i]) {
      push(Edit{line.begin, line.end < text.size() ? line.end + 1 : line.end, "", category, rule});
      continue;
    }
    for (size_t k = first[i]; k < first[i + 1]; ++k) {
      Edit& e = line_edits[k];
      e.category = category;
      e.rule = rule;
      push(std::move(e));
    }
  }
  return edits->size() > before;
}

bool FindPunctEdits(std::string_view text, int punct_rule, int width_rule,
                    Category category, std::vector<Edit>* edits) {
  std::vector<Line> lines;
  SplitLines(text, &lines);
  const std::vector<LineKind> kinds = MarkCode(text, lines);
  const size_t before = edits->size();
  for (size_t i = 0; i < lines.size(); ++i) {
    if (kinds[i] != LineKind::kProse) continue;
    const std::string_view body = text.substr(lines[i].begin, lines[i].end - lines[i].begin);
    // Only lines with CJK or full-width text have anything to convert.
    if (std::all_of(body.begin(), body.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
      continue;
    }
    PunctLine(text, lines[i], punct_rule, width_rule, category, edits);
  }
  return edits->size() > before;
}

}  // namespace textwash::internal
