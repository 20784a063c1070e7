// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Anti-scraping and SEO noise found by character statistics, not by words:
//  - jammer strings: random ASCII that forum software (Discuz and the like)
//    glues into CJK lines, either symbol salad (` 5 M: Z. ^, f8 K& ]4 i `) or
//    one random token (`hNl7Yx3`);
//  - tag runs: space-separated keywords appended to a paragraph or set on a
//    line of their own (`…。工作计划 卫生院工作计划 范文`);
//  - runs of rare ideographs that no everyday text uses (`纞嬶鬐鼃犫麢`).
#ifndef TEXTWASH_LIB_NOISE_H_
#define TEXTWASH_LIB_NOISE_H_

#include <string_view>
#include <vector>

#include "lib/layout.h"
#include "lib/text.h"

namespace textwash::internal {

// Appends cuts for the noise in `line` of `text`.
void FindNoise(std::string_view text, const Line& line, std::vector<Cut>* cuts);

}  // namespace textwash::internal

#endif  // TEXTWASH_LIB_NOISE_H_
