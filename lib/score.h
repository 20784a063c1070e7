// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// The ad stage: score and contact rules do not cut on their own; they leave
// signals, and this stage weighs the signals of each sentence.
//
// A sentence goes when its weights reach the threshold, when it holds a
// strong contact (phone, QQ, WeChat, 公众号) with a promotional cue (加, 联系,
// 扫码, ...) or an ad word, or a weak contact (URL, e-mail) with two signals
// besides. The clauses that go run from the first clause with a signal to the
// last: real text around them stays (`…能力不足。查找更多…请加【公众号：…】`
// keeps `…能力不足。`). Signals inside text already cut do not count. Lines
// with signals too weak to go are removed only inside a trailing block of
// junk at the end of the document.
#ifndef TEXTWASH_LIB_SCORE_H_
#define TEXTWASH_LIB_SCORE_H_

#include <string_view>
#include <vector>

#include "lib/layout.h"
#include "lib/text.h"
#include "textwash/cleaner.h"

namespace textwash::internal {

struct Signal {
  size_t begin;
  size_t end;
  size_t value_begin;  // contacts: the id or number itself, without a label
  size_t value_end;
  size_t line;
  int rule;
  Category category;
  int weight;    // score rules; 0 for contacts
  bool cue;      // a promotional cue
  bool contact;  // a contact (phone, QQ, WeChat, e-mail, URL, ...)
  int strength;  // contacts: 2 strong (phone, QQ, WeChat), 1 weak (URL,
                 // e-mail), 0 none (IP, ID card: masked, never an ad)
};

// Appends a cut for every sentence the signals condemn, and sets
// (*weak)[line] to the strongest rule of each line whose signals stay.
// `signals` must be sorted by begin. `weak` has one entry per line.
void ScoreSentences(std::string_view text, const std::vector<Line>& lines,
                    std::vector<Signal> signals, int threshold,
                    std::vector<Cut>* cuts, std::vector<Credit>* weak);

}  // namespace textwash::internal

#endif  // TEXTWASH_LIB_SCORE_H_
