// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// The opt-in format normalizers that run on the text junk removal keeps:
// Markdown stripping, and CJK-aware punctuation and width. Each appends its
// edits (sorted, non-overlapping, in offsets of the text it is given) and
// returns true if it appended any. The text is valid UTF-8 with LF breaks.
#ifndef TEXTWASH_LIB_NORMALIZE_H_
#define TEXTWASH_LIB_NORMALIZE_H_

#include <string_view>
#include <vector>

#include "textwash/cleaner.h"

namespace textwash::internal {

// Markdown syntax goes, the text it marks up stays:
//  - heading marks (`## `), block quotes (`> `), bullets (`- `, `* `, `+ `)
//    and task boxes (`[ ] `) at the start of a line; ordered list numbers
//    stay, as they are part of the text;
//  - thematic breaks (`---`, `***`) and setext underlines (`===`) go whole;
//  - emphasis and strike-through delimiters (`**`, `*`, `__`, `_`, `~~`),
//    when they open and close a span as CommonMark reads them, except that
//    a delimiter touching an ASCII letter or digit on its outside is no
//    delimiter: `snake_case_name` and `2*3*4` stay;
//  - links `[text](url)` and `[text][ref]` become their text, images
//    `![alt](url)` their alt text; with `keep_link_urls` the URL stays
//    after the text in parentheses; reference definitions (`[ref]: url`)
//    go unless URLs are kept; autolinks `<https://…>` lose their brackets;
//  - code fence lines (```` ``` ````, `~~~`) go and the code between them
//    stays untouched; inline code loses its backticks when its text reads
//    the same without them (`a_b`), and keeps them when not (`*x*`);
//  - bare URLs are never touched; backslash escapes stay, so that a second
//    pass cannot read the escaped characters as syntax.
// With `layout` (Options::layout), lines the edits leave blank go whole, and
// blank lines the removed lines leave at an edge or in a row go too.
bool FindMarkdownEdits(std::string_view text, bool keep_link_urls, bool layout,
                       int rule, Category category, std::vector<Edit>* edits);

// Punctuation and width the way Chinese text wants them:
//  - full-width ASCII letters and digits become half-width (`width_rule`);
//  - a run of half-width `,;:?!` whose nearest characters are CJK on the
//    left and CJK or the line end on the right becomes `，；：？！`, and
//    the ASCII blanks around it go (`punct_rule`);
//  - a pair of `(` `)` or of straight double quotes becomes `（）` or `“”`
//    when the text inside starts and ends with CJK and the nearest
//    characters outside are CJK or line ends (`punct_rule`).
// "Nearest" skips blanks and the punctuation this stage converts, so the
// result does not depend on what it converted already. Fenced and inline
// code and URLs are left alone; so is anything between Latin letters or
// digits (`3.14`, `a:b`, `f(x)`, English sentences).
bool FindPunctEdits(std::string_view text, int punct_rule, int width_rule,
                    Category category, std::vector<Edit>* edits);

}  // namespace textwash::internal

#endif  // TEXTWASH_LIB_NORMALIZE_H_
