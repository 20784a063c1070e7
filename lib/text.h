// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Lines and sentences of a document that has been through the hygiene stage
// (valid UTF-8, LF line breaks).
#ifndef TEXTWASH_LIB_TEXT_H_
#define TEXTWASH_LIB_TEXT_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace textwash::internal {

// A line: text[begin, end), without its '\n' (which, if any, is at `end`).
struct Line {
  size_t begin;
  size_t end;
};

struct Span {
  size_t begin;
  size_t end;
};

// Replaces `*lines` with the lines of `text`. A final line without '\n' counts;
// an empty tail after the last '\n' does not.
void SplitLines(std::string_view text, std::vector<Line>* lines);

// Returns the index of the line holding byte `offset` (the line whose
// [begin, end] contains it). `lines` must not be empty.
size_t LineIndexOf(const std::vector<Line>& lines, size_t offset);

// Returns true if line `s` looks like an item of a link list: it starts with
// a bullet or a number (`- `, `· `, `→ `, `1. `, `2、`), or it is short and
// does not end like a sentence.
bool IsListItem(std::string_view s);

// Returns true if `s` holds only horizontal white space (or nothing).
bool IsBlank(std::string_view s);

// Returns how many bytes of `s` are neither a space nor a tab, or some
// number above `most` once there are more than `most`: a long line costs
// little more than a short one.
size_t CountLongSolidBytes(std::string_view s, size_t most);
inline size_t CountSolidBytes(std::string_view s, size_t most) {
  if (s.size() > 16) return CountLongSolidBytes(s, most);
  size_t count = 0;
  for (char c : s) count += c != ' ' && c != '\t';
  return count;
}

// Returns the sentence of `line` that holds the match [begin, end): from just
// after the previous sentence end (。！？!?；; or '.' before a space) to just
// after the next one, or to the edges of the line. Sentence ends inside a
// bracket or quote pair that closes on the line do not count, so that
// `请加【公众号：老！船-长君】` is one sentence. White space after the sentence
// goes with it; when the sentence runs to the end of the line, the white space
// before it goes instead.
Span SentenceAround(std::string_view text, Line line, size_t begin, size_t end);
// The same, decoding and looking at every character on the way (SentenceAround
// steps over letters and ideographs, which can neither end a sentence nor
// open or close a pair): for tests.
Span SentenceAroundStepByStep(std::string_view text, Line line, size_t begin, size_t end);

// Returns where the clause holding `pos` starts within the sentence that
// starts at `sentence_begin`: just after the last clause mark (，,；;) before
// `pos` outside bracket pairs, or `sentence_begin`. Sets `*mark` to the
// offset of that clause mark (or sentence_begin when there is none).
size_t ClauseStart(std::string_view text, Line line, size_t sentence_begin,
                   size_t pos, size_t* mark);

// Returns the offset of the first clause mark (，,；;) at or after `pos` and
// before `sentence_end`, outside bracket pairs, or `sentence_end`.
size_t ClauseEnd(std::string_view text, Line line, size_t pos,
                 size_t sentence_end);

// Returns `end` moved back over trailing white space and the run of sentence
// end marks (。！？…) before it, but not before `begin`.
size_t BeforeSentenceEnd(std::string_view text, size_t begin, size_t end);

// Returns the cut for a marker matched at [begin, end): the match and the
// horizontal white space around it. Sets `*keep_space` when one space must
// stay to keep two words apart (both neighbours are non-CJK and there was
// white space around the marker).
Span MarkerCut(std::string_view text, Line line, size_t begin, size_t end,
               bool* keep_space);

}  // namespace textwash::internal

#endif  // TEXTWASH_LIB_TEXT_H_
