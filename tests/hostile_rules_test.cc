// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Hostile rule files: catastrophic and huge patterns, huge literal lists,
// patterns that match the empty string, invalid UTF-8, duplicate ids, bad
// replacements, deep nesting. Each is rejected with a message that says
// where (file:line:column and the rule), or compiles and cleans; none may
// hang (ctest's timeout would catch it; nothing here is timed).
// RulesTest.BadRuleFilesSayWhereAndWhy has the plainer cases (an empty
// pattern or literal, `a*`, `^`, an id defined twice in one file).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/test_util.h"
#include "textwash/textwash.h"

namespace textwash {
namespace {

std::string Rule(std::string_view id, std::string_view kind, std::string_view terms) {
  return "[[rule]]\nid = \"" + std::string(id) + "\"\ncategory = \"ad\"\nkind = \"" +
         std::string(kind) + "\"\n" + std::string(terms) + "\n";
}

StatusOr<std::shared_ptr<const Cleaner>> Compile(std::string_view text,
                                                 bool default_rules = false) {
  Options options;
  options.default_rules = default_rules;
  options.rule_texts.push_back({"h.toml", std::string(text)});
  return Cleaner::Create(options);
}

// Patterns that make backtracking engines take exponential time. RE2 and
// Hyperscan do not backtrack: the rules compile, and a line built to
// trigger them is cleaned in one pass.
TEST(HostileRulesTest, CatastrophicPatternsRunInLinearTime) {
  const std::vector<std::string> patterns = {
      "(a+)+$",       "(a|aa)+b",           "(x+x+)+y",       "(?:a*)*b",
      "(a|a?)+c",     "(.*a){20}z",         "(?:\\w+\\s?)+!!$", "(?:.{0,16}){16}z",
      "^(\\d+)*\\.$", "(?:[^\\n]*,)*\\n?x"};
  std::string terms = "patterns = [";
  for (const std::string& p : patterns) terms += "'" + p + "', ";
  terms += "]";
  auto cleaner = Compile(Rule("h.catastrophic", "line", terms));
  ASSERT_TRUE(cleaner.ok()) << cleaner.status().message();
  // Long runs that almost match, a line that matches, one that does not.
  const std::string almost = "keep " + std::string(100'000, 'a') + "!\n" +
                             std::string(50'000, '1') + ".!\n";
  const std::string text = almost + std::string(10'000, 'x') + "y\nkeep this line\n";
  const Result r = (*cleaner)->Clean(text);
  testing::ExpectResultContract(**cleaner, text, r);
  EXPECT_TRUE(r.text == almost + "keep this line\n");
}

// Counted repeats that would unroll into huge automata compile: the
// scanner widens them (RE2 still matches exactly), and RE2 refuses what is
// beyond its limits with the rule's place and id.
TEST(HostileRulesTest, HugeCountedRepeatsCompileOrNameTheRule) {
  const std::vector<std::string> patterns = {
      "\\p{Han}{999}x",
      "[\\p{Han}a]{1000}",
      "(?:[^\\n]{0,16}x){50}",
      "(?:(?:\\p{Han}{10}){10}){10}",
      "(?:ab|cd|ef){500}",
      "\\p{Han}{16}\\p{Han}{16}\\p{Han}{16}\\p{Han}{16}\\p{Han}{16}\\p{Han}{16}",
      ".{0,1000}广告.{0,1000}"};
  std::string terms = "patterns = [";
  for (const std::string& p : patterns) terms += "'" + p + "', ";
  terms += "]";
  auto cleaner = Compile(Rule("h.repeats", "span", terms));
  ASSERT_TRUE(cleaner.ok()) << cleaner.status().message();
  const std::string text = "一二三四五广告六七八\n" + std::string(999, 'y') + "\n";
  const Result r = (*cleaner)->Clean(text);
  testing::ExpectResultContract(**cleaner, text, r);
  EXPECT_TRUE(r.text == std::string(999, 'y') + "\n");

  auto too_big = Compile(Rule("h.too_big", "span", "patterns = ['((a{16}){16}){16}']"));
  ASSERT_FALSE(too_big.ok());
  EXPECT_EQ(too_big.status().message(),
            "h.toml:5:13: rule \"h.too_big\": pattern 1: invalid repetition size: {16}");
}

// A rule of 100,000 literals compiles; it takes seconds and some hundreds
// of megabytes (README), and then costs no more per byte than a short list.
TEST(HostileRulesTest, AHundredThousandLiterals) {
  std::string text = "[[rule]]\nid = \"h.many\"\ncategory = \"ad\"\nkind = \"sentence\"\n"
                     "literals = [\n";
  for (int i = 0; i < 100'000; ++i) text += "'广告词" + std::to_string(i) + "号',\n";
  text += "]\n";
  auto cleaner = Compile(text);
  ASSERT_TRUE(cleaner.ok()) << cleaner.status().message();
  const Result r = (*cleaner)->Clean("正文第一句。快来买广告词99999号吧！正文第二句。\n广告词100000号\n");
  EXPECT_EQ(r.text, "正文第一句。正文第二句。\n广告词100000号\n");
}

// A pattern that matches the empty string anywhere would match everywhere:
// each is refused, whatever assertion it hides behind.
TEST(HostileRulesTest, PatternsThatMatchTheEmptyStringAreRefused) {
  for (const char* pattern :
       {"a*", "x?", "(?:)", "(?:a|)", "\\b", "\\B", "$", "\\A", "\\z", "(?m)^$",
        "(?m)$\\B", "(?m)^\\b", "(?m)\\B$", "(?s:.*)", "[^a]{0,3}", "(?i)(?:ab){0}"}) {
    SCOPED_TRACE(pattern);
    auto cleaner = Compile(Rule("h.empty", "line", "patterns = ['x', '" + std::string(pattern) +
                                                       "']"));
    ASSERT_FALSE(cleaner.ok());
    EXPECT_EQ(cleaner.status().message(),
              "h.toml:5:18: rule \"h.empty\": pattern 2: matches the empty string");
  }
}

// Invalid UTF-8 anywhere in a rule file is refused where it is.
TEST(HostileRulesTest, InvalidUtf8IsRefusedWhereItIs) {
  const std::string head = "[[rule]]\nid = \"h.utf8\"\ncategory = \"ad\"\nkind = \"line\"\n";
  const struct {
    const char* name;
    std::string text;
    std::string where;
  } cases[] = {
      {"in a literal", head + "literals = ['ok', 'a\xFF']\n", "h.toml:5:20"},
      {"overlong", head + "patterns = ['\xC0\xAF']\n", "h.toml:5:13"},
      {"a surrogate", head + "literals = ['\xED\xA0\x80']\n", "h.toml:5:13"},
      {"in a comment", "# \xE4\xB8\n" + head + "literals = ['x']\n", "h.toml:1:2"},
      {"a lone continuation byte", head + "description = '\x80'\nliterals = ['x']\n",
       "h.toml:5:15"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto cleaner = Compile(c.text);
    ASSERT_FALSE(cleaner.ok());
    EXPECT_EQ(cleaner.status().message(), c.where + ": Encountered invalid utf-8 sequence");
  }
}

// An id may be defined once over every file, built-in packs included.
TEST(HostileRulesTest, DuplicateIdsAcrossFilesNameBothPlaces) {
  Options options;
  options.default_rules = false;
  options.rule_texts.push_back({"a.toml", Rule("h.same", "line", "literals = ['x']")});
  options.rule_texts.push_back(
      {"b.toml", "# the same id again\n" + Rule("h.same", "line", "literals = ['y']")});
  auto cleaner = Cleaner::Create(options);
  ASSERT_FALSE(cleaner.ok());
  EXPECT_EQ(cleaner.status().message(),
            "b.toml:2:1: duplicate rule id \"h.same\" (first defined at a.toml:1:1)");
  // Disabling it leaves the id taken.
  options.disabled_rules = {"h.same"};
  cleaner = Cleaner::Create(options);
  ASSERT_FALSE(cleaner.ok());
  EXPECT_EQ(cleaner.status().message().rfind("b.toml:2:1: duplicate rule id", 0), 0u)
      << cleaner.status().message();
}

// A replacement is written into the text: it must stay on its line and
// need no hygiene, or cleaning the output again would change it.
TEST(HostileRulesTest, ReplacementsMustBeOneCleanLine) {
  for (const char* replacement : {"a\\nb", "\\r", "zero\\u200Bwidth", "\\u0007", "\\u2028",
                                  "\\u0085"}) {
    SCOPED_TRACE(replacement);
    auto cleaner = Compile(Rule("h.repl", "span",
                                "literals = ['x']\nreplacement = \"" + std::string(replacement) +
                                    "\""));
    ASSERT_FALSE(cleaner.ok());
    EXPECT_EQ(cleaner.status().message(),
              "h.toml:6:15: rule \"h.repl\": \"replacement\" may not hold line breaks, "
              "control or invisible characters");
  }
  EXPECT_TRUE(Compile(Rule("h.repl", "span", "literals = ['x']\nreplacement = '[链接]'")).ok());
}

// Nesting deep enough to exhaust a recursive parser's stack is refused.
TEST(HostileRulesTest, DeepNestingIsRefused) {
  for (int depth : {300, 100'000}) {
    SCOPED_TRACE(depth);
    const std::string nested =
        "x = " + std::string(depth, '[') + std::string(depth, ']') + "\n";
    auto cleaner = Compile(nested);
    ASSERT_FALSE(cleaner.ok());
    EXPECT_EQ(cleaner.status().message().rfind("h.toml:1:", 0), 0u)
        << cleaner.status().message();
  }
  const std::string tables = "a = " + std::string(100'000, '{') + "\n";
  auto cleaner = Compile(tables);
  ASSERT_FALSE(cleaner.ok());
  EXPECT_EQ(cleaner.status().message().rfind("h.toml:1:", 0), 0u) << cleaner.status().message();
}

}  // namespace
}  // namespace textwash
