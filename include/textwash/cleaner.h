// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Cleaner: removes injected junk (paywall markers, ads, contact spam, site
// template text, repeated lines) from scraped text and says what it removed.
//
//   #include "textwash/textwash.h"
//
//   auto cleaner = textwash::Cleaner::Create(textwash::Options{});
//   if (!cleaner.ok()) return 2;                      // bad rule or option
//   textwash::Result r = (*cleaner)->Clean("意识形态##paidbegin##责任制\n");
//   // r.text == "意识形态责任制\n"
//   for (const textwash::Edit& e : r.edits) {
//     const textwash::RuleInfo& rule = (*cleaner)->rule(e.rule);
//     // e.begin == 12, e.end == 25, rule.id == "paywall.marker"
//   }
//
// UTF-8 AND OFFSETS
// Input is UTF-8 bytes; anything else is data too: invalid sequences become
// U+FFFD and are reported as edits. Every offset is a byte offset into the
// input given to Clean(). Edits never split a code point. Edits are sorted,
// do not overlap, and applying them to the input (ApplyEdits) reproduces
// Result::text exactly.
//
// THREAD SAFETY
// A Cleaner is immutable once created. Share one (std::shared_ptr<const
// Cleaner>) between any number of threads and call Clean() concurrently.
// (The built-in rules compile their regexes the first time a Clean() needs
// them, once, whichever thread that is, as RE2 builds its automata: what
// Clean() returns does not depend on it.)
#ifndef TEXTWASH_CLEANER_H_
#define TEXTWASH_CLEANER_H_

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "textwash/export.h"
#include "textwash/options.h"
#include "textwash/status.h"

namespace textwash {

namespace internal {
struct CleanerAccess;
struct PassReport;
}  // namespace internal

// What kind of junk an edit removed.
enum class Category {
  kPaywall,      // paywall and CMS markers and their placeholder texts
  kAd,           // advertising lines and sentences
  kContact,      // contact spam: phone, QQ, WeChat, e-mail, URLs in promotions
  kBoilerplate,  // site template text: download notices, footers, widgets
  kNoise,        // SEO keyword lines, anti-scraping jammer strings
  kPii,          // personal data masked or removed on request
  kRepeat,       // a later copy of a line
  kLayout,       // blank lines
  kUnicode,      // invalid UTF-8, invisible and control characters, newlines
  kNormalize,    // opt-in rewrites that keep the content: mojibake repair,
                 // traditional to simplified, Markdown, punctuation and width
};

// Returns "paywall", "ad", ... for `category`.
TEXTWASH_EXPORT std::string_view CategoryName(Category category);

// How a rule cuts once a pattern matches.
enum class RuleKind {
  kMarker,    // cut the match and the blanks around it; the text joins up
  kLine,      // remove the whole line
  kSentence,  // remove the sentence holding the match; the line stays
  kSpan,      // remove the match, or replace it with the rule's replacement
  kTail,      // remove from the match to the end of the line (a prompt that
              // cuts a sentence off and runs on to the line's end)
  kScore,     // add the rule's weight to the sentence; a sentence whose
              // weights reach the threshold goes (see Options)
  kContact,   // mark a contact (phone, QQ, WeChat, e-mail, URL, ...): it goes
              // with its sentence when a promotional cue is there too, and is
              // masked or removed everywhere on request (Options::pii)
  kStage,     // a built-in stage (unicode, repeats, layout, normalize), not a
              // rule file
};

// Returns "marker", "line", "sentence", "span", "tail", "score", "contact"
// or "stage".
TEXTWASH_EXPORT std::string_view RuleKindName(RuleKind kind);

// A rule as the Cleaner compiled it.
struct RuleInfo {
  std::string id;           // "paywall.marker"
  Category category;
  RuleKind kind;
  std::string source;       // "rules/zh_paywall.toml:12" or "my.toml:3"
  std::string description;  // free text from the rule file
};

// One change: input bytes [begin, end) became `replacement`.
struct Edit {
  size_t begin = 0;
  size_t end = 0;
  std::string replacement;  // usually empty
  Category category = Category::kLayout;
  int rule = -1;            // index for Cleaner::rule()

  friend bool operator==(const Edit&, const Edit&) = default;
};

struct Result {
  std::string text;          // the cleaned text
  std::vector<Edit> edits;   // sorted by begin, non-overlapping
};

// Returns `input` with `edits` applied. `edits` must be sorted and must not
// overlap; offsets past the end of `input` are clamped.
TEXTWASH_EXPORT std::string ApplyEdits(std::string_view input,
                                       const std::vector<Edit>& edits);

class TEXTWASH_EXPORT Cleaner {
 public:
  // Compiles `options` and the rule packs it names into a Cleaner.
  // Returns an error, and builds nothing, when:
  //  - kNotFound: a rule file cannot be read, or a pack name is unknown;
  //  - kInvalidArgument: a rule file is not valid (the message starts with
  //    `file:line:column: `), a pattern does not compile (the message names
  //    the rule id and gives the engine's diagnosis), or an option is out of
  //    range.
  [[nodiscard]] static StatusOr<std::shared_ptr<const Cleaner>> Create(
      const Options& options);

  ~Cleaner();
  Cleaner(const Cleaner&) = delete;
  Cleaner& operator=(const Cleaner&) = delete;

  // Cleans `text`. Never fails and never throws on any input bytes.
  // Thread-safe.
  [[nodiscard]] Result Clean(std::string_view text) const;

  // Same as Clean(text), reusing the buffers of `*result` (its previous
  // contents are replaced). Use it in loops to avoid reallocating.
  void Clean(std::string_view text, Result* result) const;

  // Cleans each of `texts` into the result at the same index of `*results`
  // (resized to fit; the buffers of its results are reused): the same text
  // and edits as Clean() gives each. Faster than Clean() one text after the
  // other when the texts are many and small (web pages, JSONL records): the
  // first pass runs over about 64 KB of texts at a time, one stage after the
  // other, and in the rules' stage each rule over all of them before the
  // next, so that the scanner's tables and each rule's automaton stay in the
  // CPU cache. Thread-safe. `texts` must not point into `*results`.
  void CleanBatch(std::span<const std::string_view> texts, std::vector<Result>* results) const;

  // Returns the number of rules, built-in stages included.
  int rule_count() const;
  // Returns rule `index`, 0 <= index < rule_count().
  const RuleInfo& rule(int index) const;
  // Returns the index of the rule called `id`, or -1.
  int FindRule(std::string_view id) const;
  // Returns the options this Cleaner was created from.
  const Options& options() const;
  // Returns the name of the scanning engine: "hyperscan" or "re2".
  static std::string_view engine();

 private:
  friend struct internal::CleanerAccess;
  struct Impl;
  explicit Cleaner(std::unique_ptr<Impl> impl);
  // Clean(text, result) with at most `max_passes` passes. Sets `*settled`
  // (if not null) to false if it stopped there with more to look at.
  void CleanUpTo(std::string_view text, int max_passes, Result* result,
                 bool* settled) const;
  // The passes after the first, until one changes nothing or `max_passes`
  // have run: `*result` and `*report` are the first pass's over `text`.
  void LaterPasses(std::string_view text, int max_passes, internal::PassReport* report,
                   Result* result, bool* settled) const;
  // One pass of every stage over `input`. `previous`, if not null, is what
  // the pass that wrote `input` reported; then `result` gets the edits only,
  // not the text. `report` receives this pass's report.
  void CleanPass(std::string_view input, const internal::PassReport* previous,
                 Result* result, internal::PassReport* report) const;
  std::unique_ptr<Impl> impl_;
};

// A built-in rule pack: its name and TOML text, as embedded at build time.
struct Pack {
  std::string_view name;  // "zh_paywall"
  std::string_view text;
};

// Returns the built-in packs, in the order they are applied.
TEXTWASH_EXPORT std::vector<Pack> BuiltinPacks();

// Checks a rule file's text without building a Cleaner: parses it and
// compiles each pattern with every engine. `name` is used in messages.
[[nodiscard]] TEXTWASH_EXPORT Status CheckRules(std::string_view name,
                                                std::string_view text);

}  // namespace textwash

#endif  // TEXTWASH_CLEANER_H_
