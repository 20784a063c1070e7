// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
#include "lib/score.h"

#include <algorithm>

#include "lib/utf8.h"

namespace textwash::internal {
namespace {

// True if [begin, end) lies inside one of `spans` (sorted by begin, merged).
bool Covered(const std::vector<Span>& spans, size_t begin, size_t end) {
  auto it = std::upper_bound(spans.begin(), spans.end(), begin,
                             [](size_t b, const Span& s) { return b < s.begin; });
  return it != spans.begin() && std::prev(it)->end >= end;
}

// The longest question that may hook an ad (`Need cheap cabinets fast?`).
constexpr size_t kMaxHookChars = 40;

// Returns where an ad sentence starting at `begin` really starts: before a
// short question just ahead of it on the line, which is how ads open
// (`想系统学习容器技术？点击这里领取…`, `Looking for a deal? Call …`).
size_t WithHook(std::string_view text, const Line& line, size_t begin) {
  size_t end = begin;
  char32_t c = 0;
  int len = 0;
  while (end > line.begin) {
    len = DecodeUtf8Before(text, end, &c);
    if (!IsHorizontalSpace(c)) break;
    end -= len;
  }
  if (end == line.begin || !(c == '?' || c == U'？')) return begin;
  const Span question = SentenceAround(text, line, end - len, end);
  if (question.begin >= end ||
      CountCodePoints(text.substr(question.begin, end - question.begin)) >
          kMaxHookChars) {
    return begin;
  }
  return question.begin;
}

}  // namespace

void ScoreSentences(std::string_view text, const std::vector<Line>& lines,
                    std::vector<Signal> signals, int threshold,
                    std::vector<Cut>* cuts, std::vector<Credit>* weak) {
  // Text other rules cut already says nothing about what is left.
  std::vector<Span> cut;
  for (const Cut& c : *cuts) cut.push_back(Span{c.begin, c.end});
  std::sort(cut.begin(), cut.end(),
            [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::vector<Span> merged;
  for (const Span& s : cut) {
    if (!merged.empty() && s.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, s.end);
    } else {
      merged.push_back(s);
    }
  }
  signals.erase(std::remove_if(signals.begin(), signals.end(),
                               [&](const Signal& s) {
                                 return Covered(merged, s.begin, s.end);
                               }),
                signals.end());

  size_t i = 0;
  while (i < signals.size()) {
    const Line& line = lines[signals[i].line];
    Span sentence = SentenceAround(text, line, signals[i].begin, signals[i].end);
    // The signals of this sentence.
    size_t j = i + 1;
    while (j < signals.size() && signals[j].line == signals[i].line &&
           signals[j].begin < sentence.end) {
      // Only a signal that runs past the sentence can move its end: calling
      // SentenceAround for every signal would be quadratic in long lines.
      if (signals[j].end > sentence.end) {
        const Span s = SentenceAround(text, line, signals[j].begin, signals[j].end);
        sentence.end = std::max(sentence.end, s.end);
      }
      ++j;
    }
    int score = 0;
    int strong = 0;  // the weight of words that count 2 or more
    int cues = 0;    // distinct promotional cues
    int contact = 0;
    size_t heaviest = i;  // the word that weighs most
    size_t contact_at = j;  // the strongest contact, if any
    for (size_t k = i; k < j; ++k) {
      const Signal& s = signals[k];
      // A word counts once per sentence, however often it repeats, and of
      // overlapping words (下载 in 免费下载) only the heaviest counts.
      bool counted = false;
      for (size_t m = i; m < j && !counted; ++m) {
        const Signal& o = signals[m];
        if (m == k || o.weight == 0) continue;
        const bool overlap = o.begin < s.end && s.begin < o.end;
        const bool outweighs =
            o.weight > s.weight ||
            (o.weight == s.weight &&
             (o.end - o.begin > s.end - s.begin ||
              (o.end - o.begin == s.end - s.begin && m < k)));
        const bool same = m < k && o.rule == s.rule &&
                          text.substr(o.begin, o.end - o.begin) ==
                              text.substr(s.begin, s.end - s.begin);
        counted = (overlap && outweighs) || same;
      }
      if (!counted) {
        score += s.weight;
        if (s.weight >= 2) strong += s.weight;
        cues += s.cue;
      }
      if (s.contact && s.strength > contact) {
        contact = s.strength;
        contact_at = k;
      }
      if (s.weight > signals[heaviest].weight) heaviest = k;
    }
    // Weak words (weight 1) only tip a sentence that has a stronger reason.
    const int promo = strong + cues;
    // Words alone condemn a sentence when one of them weighs the threshold;
    // medium words that add up to it need a cue or a contact besides.
    const bool by_words = score >= threshold && strong > 0 &&
                          (signals[heaviest].weight >= threshold || cues > 0 ||
                           contact > 0);
    const bool junk =
        by_words || (contact == 2 && promo >= 1) || (contact == 1 && promo >= 2);
    // Credit the words when they condemn the sentence alone, else the contact.
    const size_t best = by_words || contact_at == j ? heaviest : contact_at;
    if (!junk) {
      // Standing signals strong enough to go with a trailing block of junk.
      if (score >= 2 || (contact > 0 && score > 0)) {
        Credit& w = (*weak)[signals[i].line];
        if (w.rule < 0) w = Credit{signals[best].rule, signals[best].category};
      }
      i = j;
      continue;
    }
    // Cut the clauses from the first signal to the last; real text around
    // them in the same sentence stays.
    size_t last_end = 0;
    for (size_t k = i; k < j; ++k) last_end = std::max(last_end, signals[k].end);
    size_t mark = sentence.begin;
    const size_t clause =
        ClauseStart(text, line, sentence.begin, signals[i].begin, &mark);
    const size_t clause_end = ClauseEnd(text, line, last_end, sentence.end);
    const bool text_before =
        clause > sentence.begin &&
        !IsBlank(text.substr(sentence.begin, mark - sentence.begin));
    const size_t tail = BeforeSentenceEnd(text, clause_end, sentence.end);
    const bool text_after = clause_end < sentence.end && tail > clause_end + 1;
    Span span = sentence;
    if (!text_before) span.begin = WithHook(text, line, sentence.begin);
    if (text_before && text_after) {
      span = Span{mark, clause_end};  // a clause in the middle, with its mark
    } else if (text_before) {
      span = Span{mark, BeforeSentenceEnd(text, mark, sentence.end)};
    } else if (text_after) {
      char32_t c;  // the clause mark goes with the clauses before it
      const int len = DecodeUtf8(text, clause_end, &c);
      span = Span{clause, clause_end + (len > 0 ? len : 1)};
    }
    // A cut that runs to the end of the line takes the blanks before it.
    if (IsBlank(text.substr(span.end, line.end - span.end))) {
      while (span.begin > line.begin) {
        char32_t c;
        const int len = DecodeUtf8Before(text, span.begin, &c);
        if (!IsHorizontalSpace(c)) break;
        span.begin -= len;
      }
    }
    if (span.end > span.begin) {
      const Signal& b = signals[best];
      cuts->push_back(Cut{span.begin, span.end, "", b.rule, b.category,
                          RuleKind::kSentence});
    }
    i = j;
  }
}

}  // namespace textwash::internal
