// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Options: everything a Cleaner is compiled from, in one aggregate.
//
//   textwash::Options options;
//   options.rule_files = {"site_footers.toml"};
//   options.min_repeat_chars = 30;
//
// Field                    Default  Meaning
// default_rules            true     use the built-in rule packs (rules/*.toml)
// packs                    {}       built-in packs to use, by name; empty = all
// rule_files               {}       extra rule files (TOML), read at Create()
// rule_texts               {}       extra rule files given as text
// disabled_rules           {}       ids of rules from rule files (built-in
//                                   packs too) to leave out; the stages
//                                   below are turned off by their options
// remove_invisible         true     drop BOM, zero-width and control characters
// normalize_newlines       true     CRLF, CR, VT, FF, NEL, U+2028/9 become LF
// min_repeat_chars         20       later exact copies of a line at least this
//                                   many characters long go; 0 turns it off
// layout                   true     drop lines left empty by edits, collapse
//                                   runs of blank lines to one, drop leading
//                                   and trailing blank lines
// noise                    true     cut jammer strings and SEO tag runs,
//                                   found by character statistics
// ad_threshold             4        a sentence whose score rules weigh this
//                                   much goes (a contact with a promotional
//                                   cue goes whatever the weight)
// pii                      kKeep    contacts outside promotions: kKeep leaves
//                                   them, kMask writes <EMAIL>, <PHONE>,
//                                   <URL>, <IP>, <ID> instead, kRemove cuts
//
// The normalizers below rewrite content instead of removing junk; they are
// off by default, and their edits (category kNormalize) are in the edit list
// like any other.
// fix_mojibake             false    repair UTF-8 text that was decoded as
//                                   Windows-1252, Latin-1, GBK or Big5
//                                   (â€™ -> ’, æ–‡ -> 文), line by line, where
//                                   the repaired characters are plausible;
//                                   runs first, so the rules see the repair
// to_simplified            false    traditional to simplified Chinese with
//                                   OpenCC's t2s (phrase level); runs before
//                                   the rules, its edits stay only on the
//                                   text they keep
// strip_markdown           false    drop Markdown syntax (headings, emphasis,
//                                   bullets, links, images, code fences) and
//                                   keep its text; snake_case and 2*3*4 stay
// keep_link_urls           false    with strip_markdown: [text](url) becomes
//                                   "text (url)" instead of "text"
// normalize_punct          false    , ; : ? ! ( ) " between CJK characters
//                                   become ，；：？！（）“”, full-width ASCII
//                                   letters and digits half-width; Latin
//                                   text, numbers, URLs and code stay
//
// Invalid UTF-8 is always replaced by U+FFFD: textwash never passes it on.
#ifndef TEXTWASH_OPTIONS_H_
#define TEXTWASH_OPTIONS_H_

#include <string>
#include <vector>

namespace textwash {

// A rule file given as text. `name` is used in error messages and in
// RuleInfo::source, as a path would be.
struct RuleText {
  std::string name;
  std::string text;
};

// What to do with contacts (e-mail, phone, URL, IP, ID card numbers) that
// are not part of an ad.
enum class PiiMode { kKeep, kMask, kRemove };

struct Options {
  bool default_rules = true;
  std::vector<std::string> packs;
  std::vector<std::string> rule_files;
  std::vector<RuleText> rule_texts;
  std::vector<std::string> disabled_rules;
  bool remove_invisible = true;
  bool normalize_newlines = true;
  int min_repeat_chars = 20;
  bool layout = true;
  bool noise = true;
  int ad_threshold = 4;
  PiiMode pii = PiiMode::kKeep;
  bool fix_mojibake = false;
  bool to_simplified = false;
  bool strip_markdown = false;
  bool keep_link_urls = false;
  bool normalize_punct = false;
};

}  // namespace textwash

#endif  // TEXTWASH_OPTIONS_H_
