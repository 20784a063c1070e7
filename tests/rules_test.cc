// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Rule files: what a bad one says, whole message included.
#include <gtest/gtest.h>

#include <string>

#include "textwash/textwash.h"

namespace textwash {
namespace {

struct BadRules {
  const char* name;
  std::string text;
  std::string message;
};

constexpr std::string_view kHead =
    "[[rule]]\nid = \"t.r\"\ncategory = \"ad\"\nkind = \"line\"\n";

TEST(RulesTest, BadRuleFilesSayWhereAndWhy) {
  const std::string head(kHead);
  const std::vector<BadRules> cases = {
      {"toml syntax", "[[rule]\nid = 1\n",
       "bad.toml:1:8: Error while parsing table header: expected ']', saw '\\n'"},
      {"unknown category", "[[rule]]\nid = \"t.r\"\ncategory = \"adz\"\nkind = \"line\"\nliterals = [\"x\"]\n",
       "bad.toml:3:12: unknown category \"adz\" (expected paywall, ad, contact, "
       "boilerplate, noise, pii, repeat, layout, unicode)"},
      {"unknown kind", "[[rule]]\nid = \"t.r\"\ncategory = \"ad\"\nkind = \"para\"\nliterals = [\"x\"]\n",
       "bad.toml:4:8: unknown kind \"para\" (expected marker, line, sentence, span, "
       "tail, score, contact)"},
      {"fold without triggers", head + "literals = ['x']\nfold = true\n",
       "bad.toml:1:1: rule \"t.r\": fold = true needs \"triggers\", \"numeral_run\" or "
       "\"short_line\": what picks the lines to fold"},
      {"numeral run not a number", head + "literals = ['x']\nnumeral_run = '7'\n",
       "bad.toml:6:15: rule \"t.r\": \"numeral_run\" must be an integer from 1 to 100"},
      {"numeral run of none", head + "literals = ['x']\nnumeral_run = 0\n",
       "bad.toml:6:15: rule \"t.r\": \"numeral_run\" must be an integer from 1 to 100"},
      {"numeral run too long", head + "literals = ['x']\nfold = true\nnumeral_run = 101\n",
       "bad.toml:7:15: rule \"t.r\": \"numeral_run\" must be an integer from 1 to 100"},
      {"short line not a number", head + "literals = ['x']\nshort_line = 2.5\n",
       "bad.toml:6:14: rule \"t.r\": \"short_line\" must be an integer from 1 to 200"},
      {"short line of none", head + "literals = ['x']\nshort_line = 0\n",
       "bad.toml:6:14: rule \"t.r\": \"short_line\" must be an integer from 1 to 200"},
      {"short line too long", head + "literals = ['x']\nshort_line = 201\n",
       "bad.toml:6:14: rule \"t.r\": \"short_line\" must be an integer from 1 to 200"},
      {"empty trigger", head + "literals = ['x']\ntriggers = ['']\n",
       "bad.toml:6:13: empty pattern"},
      {"score without weight",
       "[[rule]]\nid = \"t.r\"\ncategory = \"ad\"\nkind = \"score\"\nliterals = ['x']\n",
       "bad.toml:1:1: rule \"t.r\": a score rule needs a \"weight\""},
      {"weight out of range",
       "[[rule]]\nid = \"t.r\"\ncategory = \"ad\"\nkind = \"score\"\nliterals = ['x']\nweight = 0\n",
       "bad.toml:6:10: rule \"t.r\": \"weight\" must be an integer from 1 to 100"},
      {"unknown pii", head + "literals = ['x']\npii = 'fax'\n",
       "bad.toml:6:7: unknown pii \"fax\" (expected email, phone, url, ip, id)"},
      {"bad trigger", head + "literals = ['x']\nfold = true\ntriggers = ['(']\n",
       "bad.toml:7:13: rule \"t.r\": trigger 1: missing ): ("},
      {"requires without triggers", head + "literals = ['x']\nrequires = ['y']\n",
       "bad.toml:6:12: rule \"t.r\": \"requires\" needs \"triggers\", \"numeral_run\" or "
       "\"short_line\": it narrows the lines they pick"},
      {"bad requirement", head + "literals = ['x']\ntriggers = ['x']\nrequires = ['x', '[']\n",
       "bad.toml:7:18: rule \"t.r\": requirement 2: missing ]: ["},
      {"empty-matching requirement", head + "literals = ['x']\ntriggers = ['x']\nrequires = ['y?']\n",
       "bad.toml:7:13: rule \"t.r\": requirement 1: matches the empty string"},
      {"missing id", "[[rule]]\ncategory = \"ad\"\nkind = \"line\"\nliterals = [\"x\"]\n",
       "bad.toml:1:1: rule has no \"id\""},
      {"bad id", "[[rule]]\nid = \"a b\"\ncategory = \"ad\"\nkind = \"line\"\nliterals = [\"x\"]\n",
       "bad.toml:2:6: rule id \"a b\" may hold only letters, digits, '_', '.' and '-'"},
      {"no terms", head, "bad.toml:1:1: rule \"t.r\": needs \"literals\" or \"patterns\""},
      {"typo in a key", head + "pattern = ['x']\n",
       "bad.toml:5:1: unknown key \"pattern\" in [[rule]] (expected id, category, "
       "kind, description, literals, patterns, ignore_case, replacement, enabled, "
       "fold, triggers, numeral_run, short_line, requires, weight, cue, pii, validate, "
       "scope, "
       "signal, list)"},
      {"patterns not an array", head + "patterns = 'x'\n",
       "bad.toml:5:12: \"patterns\" must be an array of strings"},
      {"non-string literal", head + "literals = ['x', 3]\n",
       "bad.toml:5:18: \"literals\" must hold only strings"},
      {"empty literal", head + "literals = ['']\n", "bad.toml:5:13: empty literal"},
      {"bad regex", head + "patterns = ['ok', '(abc']\n",
       "bad.toml:5:19: rule \"t.r\": pattern 2: missing ): (abc"},
      {"empty-matching pattern", head + "patterns = ['a*']\n",
       "bad.toml:5:13: rule \"t.r\": pattern 1: matches the empty string"},
      {"anchor-only pattern", head + "patterns = ['^']\n",
       "bad.toml:5:13: rule \"t.r\": pattern 1: matches the empty string"},
      {"replacement outside span", head + "literals = ['x']\nreplacement = 'y'\n",
       "bad.toml:6:15: rule \"t.r\": \"replacement\" is only for kind = \"span\""},
      {"duplicate id", head + "literals = ['x']\n" + head + "literals = ['y']\n",
       "bad.toml:6:1: duplicate rule id \"t.r\" (first defined at bad.toml:1:1)"},
      {"unknown table", "[rules]\n", "bad.toml:1:2: unknown table \"rules\" (expected [pack] and [[rule]])"},
      {"invalid utf-8", "[[rule]]\nid = \"\xFF\"\n", "bad.toml:2:6: Encountered invalid utf-8 sequence"},
  };
  for (const BadRules& c : cases) {
    SCOPED_TRACE(c.name);
    const Status s = CheckRules("bad.toml", c.text);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(s.message(), c.message);
  }
}

TEST(RulesTest, DuplicateOfBuiltinId) {
  Options options;
  options.rule_texts.push_back(
      {"mine.toml", "[[rule]]\nid = \"paywall.marker\"\ncategory = \"ad\"\n"
                    "kind = \"line\"\nliterals = ['x']\n"});
  auto cleaner = Cleaner::Create(options);
  ASSERT_FALSE(cleaner.ok());
  EXPECT_EQ(cleaner.status().message().rfind(
                "mine.toml:1:1: duplicate rule id \"paywall.marker\" (first defined at "
                "rules/zh_paywall.toml:",
                0),
            0u)
      << cleaner.status().message();
}

TEST(RulesTest, GoodFileChecks) {
  EXPECT_TRUE(CheckRules("ok.toml", "[pack]\nname = \"x\"\n").ok());
  EXPECT_TRUE(CheckRules("ok.toml", std::string(kHead) + "literals = ['x']\n").ok());
  EXPECT_TRUE(CheckRules("ok.toml", std::string(kHead) +
                                        "patterns = ['\\p{Han}{2,}网']\nenabled = false\n")
                  .ok());
}

TEST(RulesTest, DisabledRuleStaysOut) {
  Options options;
  options.default_rules = false;
  options.rule_texts.push_back(
      {"x.toml", std::string(kHead) + "literals = ['junk']\nenabled = false\n"});
  auto cleaner = Cleaner::Create(options);
  ASSERT_TRUE(cleaner.ok());
  EXPECT_EQ((*cleaner)->Clean("junk\n").text, "junk\n");
}

TEST(RulesTest, EveryBuiltinPackChecks) {
  for (const Pack& pack : BuiltinPacks()) {
    SCOPED_TRACE(std::string(pack.name));
    const Status s = CheckRules(pack.name, pack.text);
    EXPECT_TRUE(s.ok()) << s.message();
  }
}

// Braces inside a character class are literal: the scanner must neither
// choke on them nor read them as a repeat (and so miss a match).
TEST(RulesTest, BracesInsideClassesAreLiteral) {
  Options options;
  options.default_rules = false;
  options.rule_texts.push_back(
      {"b.toml", std::string(kHead) +
                     "patterns = ['a[{0,99999999999999999999}]b', 'Z[{1,20}]Z', "
                     "'\\Q{0,99}\\E']\n"});
  auto cleaner = Cleaner::Create(options);
  ASSERT_TRUE(cleaner.ok()) << cleaner.status().message();
  EXPECT_EQ((*cleaner)->Clean("keep\nZ2Z\nkeep\na9b\nx{0,99}y\n").text, "keep\nkeep\n");
}

// A raw-text rule with triggers runs its patterns only on the lines a
// trigger hits: the scanner looks for the triggers, not for the patterns.
TEST(RulesTest, TriggersPickTheLinesOfARawRule) {
  Options options;
  options.default_rules = false;
  options.rule_texts.push_back(
      {"t.toml", std::string(kHead) +
                     "triggers = ['views']\npatterns = ['^[0-9]{4}-[0-9]{2}-[0-9]{2}.*$']\n"});
  auto cleaner = Cleaner::Create(options);
  ASSERT_TRUE(cleaner.ok()) << cleaner.status().message();
  EXPECT_EQ((*cleaner)->Clean("a\n2024-01-02 12 views\nb\n2024-01-02 no trigger here\n").text,
            "a\nb\n2024-01-02 no trigger here\n");
}

TEST(RulesTest, LargeLiteralListCompiles) {
  std::string text = std::string(kHead) + "literals = [";
  for (int i = 0; i < 20000; ++i) text += "'term" + std::to_string(i) + "x',";
  text += "]\n";
  Options options;
  options.default_rules = false;
  options.rule_texts.push_back({"big.toml", text});
  auto cleaner = Cleaner::Create(options);
  ASSERT_TRUE(cleaner.ok()) << cleaner.status().message();
  EXPECT_EQ((*cleaner)->Clean("keep\nhas term12345x here\nkeep too\n").text,
            "keep\nkeep too\n");
}

}  // namespace
}  // namespace textwash
