// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// The built-in stages' rules. They come first in every Cleaner's rule table,
// at these fixed indices, so the stages can name them without a lookup.
#ifndef TEXTWASH_LIB_STAGE_RULES_H_
#define TEXTWASH_LIB_STAGE_RULES_H_

#include "textwash/cleaner.h"

namespace textwash::internal {

enum StageRule : int {
  kRuleInvalidUtf8 = 0,
  kRuleBom,
  kRuleInvisible,
  kRuleControl,
  kRuleNewline,
  kRuleRepeatLine,
  kRuleBlankLines,
  kRuleJammer,
  kRuleTagRun,
  kRuleRareRun,
  kRuleChunkNumber,
  kRuleMojibake,
  kRuleToSimplified,
  kRuleMarkdown,
  kRulePunct,
  kRuleWidth,
  kStageRuleCount,
};

struct StageRuleSpec {
  const char* id;
  Category category;
  const char* description;
};

inline constexpr StageRuleSpec kStageRules[kStageRuleCount] = {
    {"unicode.invalid_utf8", Category::kUnicode,
     "an ill-formed UTF-8 sequence becomes U+FFFD"},
    {"unicode.bom", Category::kUnicode, "byte order mark at the start"},
    {"unicode.invisible", Category::kUnicode,
     "zero-width and other invisible format characters"},
    {"unicode.control", Category::kUnicode,
     "control characters other than tab and line break"},
    {"unicode.newline", Category::kUnicode,
     "CRLF, CR, VT, FF, NEL, U+2028 and U+2029 become LF"},
    {"repeat.line", Category::kRepeat,
     "a later exact copy of a line of min_repeat_chars or more characters"},
    {"layout.blank_lines", Category::kLayout,
     "leading, trailing and repeated blank lines"},
    {"noise.jammer", Category::kNoise,
     "random ASCII strings forum software glues into CJK lines to jam copying"},
    {"noise.tag_run", Category::kNoise,
     "SEO tag words appended to a paragraph or set on a line of their own"},
    {"noise.rare_chars", Category::kNoise,
     "runs of rare ideographs that anti-scraping templates sprinkle in"},
    {"layout.chunk_number", Category::kLayout,
     "a page-chunk number that split a word across blank lines: 管理\\n\\n3、制度"},
    {"normalize.mojibake", Category::kNormalize,
     "UTF-8 text that was decoded as Windows-1252, GBK or Big5: â€™ becomes ’ "
     "(fix_mojibake)"},
    {"normalize.t2s", Category::kNormalize,
     "traditional Chinese becomes simplified, phrase by phrase (to_simplified)"},
    {"normalize.markdown", Category::kNormalize,
     "Markdown syntax goes, its text stays (strip_markdown)"},
    {"normalize.punct", Category::kNormalize,
     "half-width , ; : ? ! ( ) \" between CJK characters become full-width "
     "(normalize_punct)"},
    {"normalize.width", Category::kNormalize,
     "full-width ASCII letters and digits become half-width (normalize_punct)"},
};

}  // namespace textwash::internal

#endif  // TEXTWASH_LIB_STAGE_RULES_H_
