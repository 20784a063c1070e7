// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Rule files: the TOML format of docs/rule_format.md, parsed into RuleDefs.
#ifndef TEXTWASH_LIB_RULES_H_
#define TEXTWASH_LIB_RULES_H_

#include <string>
#include <string_view>
#include <vector>

#include "textwash/cleaner.h"
#include "textwash/status.h"

namespace textwash::internal {

// Where something stands in a rule file, for messages: "file:line:column".
struct SourcePos {
  std::string file;
  int line = 0;
  int column = 0;
  std::string ToString() const;
};

// A literal or a pattern, with where it was written.
struct RuleTerm {
  std::string text;
  bool literal = false;
  SourcePos pos;
};

// What a contact rule finds, for masking ("<EMAIL>", ...).
enum class PiiType { kNone, kEmail, kPhone, kUrl, kIp, kId };

// A check a match must pass besides its pattern: a check digit, or the
// context around the match, which RE2 (no lookaround) cannot look at.
enum class Validator {
  kNone,
  kCnIdCard,  // the MOD 11-2 check digit of a PRC ID number holds
  kIpv4,      // not part of a longer dotted number or a version (v2.0.1.15)
  kEmail,     // not followed by `:path` (git@host:repo is no address)
  kDomain,    // not right after `@`, `-`, `.` or `_` (part of a longer name)
};

// The longest numeral_run a rule may ask for.
constexpr int kMaxNumeralRun = 100;
// The most bytes a short_line rule may ask for.
constexpr int kMaxShortLine = 200;

struct RuleDef {
  std::string id;
  Category category = Category::kBoilerplate;
  RuleKind kind = RuleKind::kLine;
  std::string description;
  std::vector<RuleTerm> terms;     // literals first, then patterns
  bool ignore_case = false;
  std::string replacement;
  bool fold = false;               // terms match the folded view (fold.h)
  std::vector<RuleTerm> triggers;  // raw-text terms that send a line to fold
  // > 0: a line with a run of this many numerals (numerals.h) is looked at
  // too, as a line a trigger hits is.
  int numeral_run = 0;
  // > 0: a line with 1 to this many bytes other than spaces and tabs is
  // looked at too, as a line a trigger hits is (a whole-line label, whose
  // words are too common to scan for).
  int short_line = 0;
  // "requires": raw-text terms a line a trigger, the numeral run or the
  // short line picks must also match, one of them at least, before the rule
  // looks at it (a condition too slow to scan for). Only with one of those.
  std::vector<RuleTerm> requirements;
  int weight = 0;                  // score rules
  bool cue = false;                // score rules: a promotional cue
  PiiType pii = PiiType::kNone;    // contact rules
  int signal = 2;                  // contact rules: 2 strong, 1 weak, 0 none
  Validator validate = Validator::kNone;
  bool list = false;               // line rules: the list below goes too
  bool first_line_only = false;    // scope = "first_line"
  SourcePos pos;  // of the [[rule]] table
};

struct RulePack {
  std::string name;
  std::string description;
  std::vector<RuleDef> rules;
};

// Parses a rule file. `file` names it in messages and in RuleDef::pos.
// Errors are kInvalidArgument with a `file:line:column: ` prefix.
StatusOr<RulePack> ParseRuleFile(std::string_view file, std::string_view text);

// Parses "paywall", "ad", ... into `*category`. Returns false if unknown.
bool ParseCategory(std::string_view name, Category* category);

}  // namespace textwash::internal

#endif  // TEXTWASH_LIB_RULES_H_
