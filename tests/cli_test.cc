// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// The command line, through RunCli() with string streams. The real binary is
// smoke-tested by tests/cmake/cli_smoke.cmake.
#ifdef TEXTWASH_HAVE_CLI

#include "tools/cli.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "tests/cli_test_util.h"
#include "tests/test_util.h"
#include "textwash/textwash.h"
#include "tools/jsonl.h"

namespace textwash {
namespace {

using testing::CliData;
using testing::CliOutput;
using testing::Contains;
using testing::RunWith;

using CliTest = testing::ScratchDirTest;

constexpr std::string_view kPaywalled = "意识形态##paidbegin##责任制\n";
constexpr std::string_view kPaywallCleaned = "意识形态责任制\n";

// ---- text format ------------------------------------------------------------

TEST(CliTextTest, CleansStdinAsOneDocument) {
  struct Case {
    const char* name;
    std::vector<std::string> args;
    std::string_view in;
    std::string_view want;
  };
  const Case cases[] = {
      {"marker", {}, kPaywalled, kPaywallCleaned},
      {"dash means stdin", {"-"}, kPaywalled, kPaywallCleaned},
      {"explicit clean", {"clean", "-"}, kPaywalled, kPaywallCleaned},
      {"newline added", {}, "意识形态##paidbegin##责任制", kPaywallCleaned},
      {"clean text unchanged",
       {},
       "干净的文本。\n第二行。\n",
       "干净的文本。\n第二行。\n"},
      {"empty input writes nothing", {}, "", ""},
      {"empty result writes nothing", {}, "##paidbegin##\n", ""},
      {"invalid UTF-8 repaired",
       {},
       "a\xFF"
       "b\n",
       "a\xEF\xBF\xBD"
       "b\n"},
      {"NUL passes with --keep-invisible",
       {"--keep-invisible"},
       std::string_view("a\0b\n", 4),
       std::string_view("a\0b\n", 4)},
      {"--format text on stdin",
       {"--format", "text"},
       kPaywalled,
       kPaywallCleaned},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const CliOutput r = RunWith(c.args, c.in);
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out, c.want);
    EXPECT_EQ(r.err, "");
  }
}

TEST_F(CliTest, CleansFilesInOrderEachEndingWithOneNewline) {
  const std::string a = WriteFile("a.txt", "意识形态##paidbegin##责任制");
  const std::string b = WriteFile("b.txt", "第二篇。\n");
  const std::string empty = WriteFile("empty.txt", "");
  const std::string c = WriteFile("c.txt", "第三篇##paidbegin##。\n");

  const CliOutput r = RunWith({a, b, empty, c});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "意识形态责任制\n第二篇。\n第三篇。\n");
  EXPECT_EQ(r.err, "");

  // `textwash FILE...` is `textwash clean FILE...`.
  EXPECT_EQ(RunWith({"clean", a, b, empty, c}).out, r.out);
}

TEST_F(CliTest, ReadsStdinWhereDashIsGiven) {
  const std::string a = WriteFile("a.txt", "一。\n");
  const std::string b = WriteFile("b.txt", "三。\n");
  const CliOutput r = RunWith({a, "-", b}, "二##paidbegin##。");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "一。\n二。\n三。\n");
}

TEST_F(CliTest, WritesOutputFile) {
  const std::string in = WriteFile("in.txt", kPaywalled);
  const std::string out = Path("out.txt");
  for (const char* flag : {"-o", "--output"}) {
    SCOPED_TRACE(flag);
    const CliOutput r = RunWith({in, flag, out});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(testing::ReadFileOrDie(out), kPaywallCleaned);
  }
}

TEST(CliTextTest, CleansGoldenSeedLikeTheGoldenTest) {
  const std::string dir = testing::DataDir() + "/golden/";
  const CliOutput r = RunWith({dir + "seed_001_5e55ffca6ee2661c.in.txt"});
  EXPECT_EQ(r.exit_code, 0);
  const std::string want =
      testing::ReadFileOrDie(dir + "seed_001_5e55ffca6ee2661c.want.txt");
  EXPECT_TRUE(r.out == want) << testing::LineDiff(want, r.out);
}

// ---- cleaning options -------------------------------------------------------

TEST(CliOptionsTest, FlagsMapToOptions) {
  const std::string repeated =
      "This line is long enough to count as repeated.\n";
  const std::string twice = repeated + "middle\n" + repeated;
  const std::string email = "Write to someone@example.com about it.\n";
  struct Case {
    const char* name;
    std::vector<std::string> args;
    std::string in;
    std::string want;
  };
  const Case cases[] = {
      {"repeats removed", {}, twice, repeated + "middle\n"},
      {"--min-repeat-chars 0", {"--min-repeat-chars", "0"}, twice, twice},
      {"--min-repeat-chars above the line length",
       {"--min-repeat-chars=100"},
       twice,
       twice},
      {"invisible removed", {}, "a\u200Bb\n", "ab\n"},
      {"--keep-invisible", {"--keep-invisible"}, "a\u200Bb\n", "a\u200Bb\n"},
      {"newlines normalized", {}, "a\r\nb\r\n", "a\nb\n"},
      {"--keep-newlines", {"--keep-newlines"}, "a\r\nb\r\n", "a\r\nb\r\n"},
      {"layout", {}, "\n\na\n\n\n\nb\n\n", "a\n\nb\n"},
      {"--no-layout",
       {"--no-layout"},
       "\n\na\n\n\n\nb\n\n",
       "\n\na\n\n\n\nb\n\n"},
      {"noise removed", {}, "钓鱼的方法 hNl7Yx3 很有效。\n", "钓鱼的方法很有效。\n"},
      {"--no-noise", {"--no-noise"}, "钓鱼的方法 hNl7Yx3 很有效。\n",
       "钓鱼的方法 hNl7Yx3 很有效。\n"},
      {"--pii mask", {"--pii", "mask"}, "mail a.b@example.org\n", "mail <EMAIL>\n"},
      {"--no-default-rules",
       {"--no-default-rules"},
       std::string(kPaywalled),
       std::string(kPaywalled)},
      {"--pack",
       {"--pack", "contact"},
       std::string(kPaywalled),
       std::string(kPaywalled)},
      {"--pack twice",
       {"--pack", "contact", "--pack=zh_paywall"},
       std::string(kPaywalled),
       std::string(kPaywallCleaned)},
      {"--pii keep", {"--pii", "keep"}, email, email},
      {"--pii mask", {"--pii=mask"}, email, "Write to <EMAIL> about it.\n"},
      {"--disable-rule",
       {"--disable-rule", "paywall.marker"},
       std::string(kPaywalled),
       std::string(kPaywalled)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const CliOutput r = RunWith(c.args, c.in);
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out, c.want);
    EXPECT_EQ(r.err, "");
  }
}

TEST(CliOptionsTest, OptionsTheLibraryRejectsExitTwo) {
  CliOutput r = RunWith({"--pack", "no_such_pack"}, kPaywalled);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(r.err.starts_with("textwash: unknown rule pack \"no_such_pack\""))
      << r.err;

  r = RunWith({"--ad-threshold", "0"}, kPaywalled);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(r.err.starts_with("textwash: ")) << r.err;
}

// ---- rule files -------------------------------------------------------------

TEST(CliRulesTest, UserRulesOfEveryKind) {
  const std::string rules = CliData("user_rules.toml");
  const std::string in =
      "Alpha @@cut@@ beta\n"
      "Visit example.test for more\n"
      "好的内容。立即购买享受优惠！其他内容。\n"
      "Call 555-1234 today.\n";
  struct Case {
    const char* name;
    std::vector<std::string> args;
    std::string in;
    std::string want;
  };
  const Case cases[] = {
      {"user rules only",
       {"--no-default-rules", "--rules", rules},
       in,
       "Alpha beta\n"
       "好的内容。其他内容。\n"
       "Call [phone] today.\n"},
      {"user rules and built-in rules",
       {"--rules", rules},
       std::string(kPaywalled) + "Alpha @@cut@@ beta\n",
       std::string(kPaywallCleaned) + "Alpha beta\n"},
      {"--rules given twice",
       {"--no-default-rules", "--rules", rules,
        "--rules=" + CliData("more_rules.toml")},
       "Alpha @@cut@@ beta\n本文由网友上传\n",
       "Alpha beta\n"},
      {"--disable-rule on a user rule",
       {"--no-default-rules", "--rules", rules, "--disable-rule",
        "cli_test.marker"},
       "Alpha @@cut@@ beta\n",
       "Alpha @@cut@@ beta\n"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const CliOutput r = RunWith(c.args, c.in);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, c.want);
    EXPECT_EQ(r.err, "");
  }
}

TEST(CliRulesTest, BadRuleFileExitsTwoWithFileLineColumn) {
  const std::string bad = CliData("bad_category.toml");
  const CliOutput r = RunWith({"--rules", bad}, kPaywalled);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "textwash: " + bad +
                       ":7:12: unknown category \"adz\" (expected paywall, "
                       "ad, contact, boilerplate, noise, pii, repeat, layout, "
                       "unicode)\n");
}

TEST_F(CliTest, MissingRuleFileExitsTwo) {
  const std::string missing = Path("missing.toml");
  const CliOutput r = RunWith({"--rules", missing}, kPaywalled);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(r.err.starts_with("textwash: ")) << r.err;
  EXPECT_TRUE(Contains(r.err, missing)) << r.err;
}

TEST_F(CliTest, RulesCheck) {
  const std::string good = CliData("user_rules.toml");
  const std::string bad = CliData("bad_category.toml");
  const std::string missing = Path("missing.toml");
  const std::string bad_pattern = WriteFile("bad_pattern.toml", R"([[rule]]
id = "x.bad"
category = "ad"
kind = "span"
patterns = ['(abc']
)");
  const std::string bad_message =
      "textwash: " + bad +
      ":7:12: unknown category \"adz\" (expected paywall, ad, contact, "
      "boilerplate, noise, pii, repeat, layout, unicode)\n";

  CliOutput r = RunWith({"rules", "check", good});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, good + ": ok (4 rules)\n");
  EXPECT_EQ(r.err, "");

  r = RunWith({"rules", "check", bad});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, bad_message);

  // Every file is checked, in order.
  r = RunWith({"rules", "check", bad, good, missing});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, good + ": ok (4 rules)\n");
  EXPECT_EQ(r.err, bad_message + "textwash: cannot read " + missing +
                       ": No such file or directory\n");

  r = RunWith({"rules", "check", bad_pattern});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(r.err.starts_with("textwash: " + bad_pattern + ":")) << r.err;
  EXPECT_TRUE(Contains(r.err, "x.bad")) << r.err;
}

TEST(CliRulesTest, RulesListPrintsEachBuiltInRule) {
  const CliOutput r = RunWith({"rules", "list"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err, "");
  auto cleaner = testing::MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  std::string want;
  for (int i = 0; i < cleaner->rule_count(); ++i) {
    const RuleInfo& rule = cleaner->rule(i);
    if (rule.kind == RuleKind::kStage) continue;
    want += rule.id + "\t" + std::string(CategoryName(rule.category)) + "\t" +
            std::string(RuleKindName(rule.kind)) + "\t" + rule.source + "\n";
  }
  EXPECT_EQ(r.out, want);
  EXPECT_TRUE(Contains(r.out,
                       "paywall.marker\tpaywall\tmarker\t"
                       "rules/zh_paywall.toml:"))
      << r.out;
}

// ---- JSON Lines -------------------------------------------------------------

TEST(CliJsonlTest, SplicesCleanedFieldAndKeepsEveryOtherByte) {
  struct Case {
    const char* name;
    std::vector<std::string> args;
    std::string_view in;
    std::string_view want;
  };
  const Case cases[] = {
      {"escapes, key order and spacing",
       {"--format", "jsonl", "--keep-invisible"},
       R"({"id": 7,  "text":"意识形态##paidbegin##责任制\u0000\ud83d\ude00 \"q\" \\ \/ \u00e9 A\tB\n","meta" : {"a":[1,2.5e3,true,null],"text":"##paidbegin##"} })"
       "\n",
       R"({"id": 7,  "text":"意识形态责任制\u0000😀 \"q\" \\ / é A\tB\n","meta" : {"a":[1,2.5e3,true,null],"text":"##paidbegin##"} })"
       "\n"},
      {"unchanged line byte for byte",
       {"--format=jsonl"},
       R"(  {"text" : "clean \u00e9 \ud83d\ude00 \/ text" ,"x":1e400, "y": 123456789012345678901234567890}  )"
       "\n",
       R"(  {"text" : "clean \u00e9 \ud83d\ude00 \/ text" ,"x":1e400, "y": 123456789012345678901234567890}  )"
       "\n"},
      {"CRLF and no final newline",
       {"--format", "jsonl"},
       "{\"text\":\"意识形态##paidbegin##责任制\"}\r\n{\"text\":\"ok\"}\r\n"
       "{\"text\":\"last\"}",
       "{\"text\":\"意识形态责任制\"}\n{\"text\":\"ok\"}\n{\"text\":\"last\"}"
       "\n"},
      {"blank lines pass through",
       {"--format", "jsonl"},
       "\n  \n{\"text\":\"意识形态##paidbegin##责任制\"}\n\t\n",
       "\n  \n{\"text\":\"意识形态责任制\"}\n\t\n"},
      {"escaped key",
       {"--format", "jsonl"},
       R"({"te\u0078t":"意识形态##paidbegin##责任制"})"
       "\n",
       R"({"te\u0078t":"意识形态责任制"})"
       "\n"},
      {"field emptied",
       {"--format", "jsonl"},
       R"({"text":"##paidbegin##","n":1})"
       "\n",
       R"({"text":"","n":1})"
       "\n"},
      {"control characters escaped minimally",
       {"--format", "jsonl", "--keep-invisible", "--keep-newlines",
        "--no-layout"},
       R"({"text":"##paidbegin##a\u0001\b\f\r\n\u001f\u007f\u2028"})"
       "\n",
       R"({"text":"a\u0001\b\f\r\n\u001f)"
       "\x7F\u2028\"}\n"},
      {"--field a.b",
       {"--format", "jsonl", "--field", "a.b"},
       R"({"text":"##paidbegin##","a": {"c":"##paidbegin##", "b" :"意识形态##paidbegin##责任制" },"b":"##paidbegin##"})"
       "\n",
       R"({"text":"##paidbegin##","a": {"c":"##paidbegin##", "b" :"意识形态责任制" },"b":"##paidbegin##"})"
       "\n"},
      {"--field body",
       {"--format", "jsonl", "--field=body"},
       R"({"text":"##paidbegin##","body":"意识形态##paidbegin##责任制"})"
       "\n",
       R"({"text":"##paidbegin##","body":"意识形态责任制"})"
       "\n"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const CliOutput r = RunWith(c.args, c.in);
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out, c.want);
    EXPECT_EQ(r.err, "");
  }
}

TEST_F(CliTest, FormatFollowsFileNameUnlessGiven) {
  const std::string line = "{\"text\":\"意识形态##paidbegin##责任制\"}\n";
  const std::string jsonl = WriteFile("docs.jsonl", line);
  const std::string text = WriteFile("docs.txt", line);

  CliOutput r = RunWith({jsonl, text});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out,
            "{\"text\":\"意识形态责任制\"}\n"
            "{\"text\":\"意识形态责任制\"}\n");

  // As text, the JSON is just text: the marker goes, the rest stays.
  r = RunWith({"--format", "text", jsonl});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "{\"text\":\"意识形态责任制\"}\n");

  r = RunWith({"--format", "jsonl", text}, "");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "{\"text\":\"意识形态责任制\"}\n");

  // Standard input is text unless --format says otherwise.
  r = RunWith({}, "{\"text\":\"a\\u00e9\"}");
  EXPECT_EQ(r.out, "{\"text\":\"a\\u00e9\"}\n");
  r = RunWith({"--format", "jsonl"}, "{\"text\":\"a\\u00e9##paidbegin##\"}");
  EXPECT_EQ(r.out, "{\"text\":\"aé\"}\n");
}

// One good line, then one bad line of each kind, then a good line.
constexpr std::string_view kMixedJsonl =
    "{\"text\":\"意识形态##paidbegin##责任制\"}\n"   // 1
    "not json\n"                                     // 2
    "[1,2]\n"                                        // 3
    "\"a string\"\n"                                 // 4
    "{\"title\":\"x\"}\n"                            // 5
    "{\"text\":5}\n"                                 // 6
    "{\"text\":null}\n"                              // 7
    "{\"text\":{\"a\":\"b\"}}\n"                     // 8
    "{\"text\":\"a\",\"text\":\"b\"}\n"              // 9
    "{\"text\":\"bad \\q escape\"}\n"                // 10
    "{\"text\":\"a\"} x\n"                           // 11
    "{\"text\":\"a\",}\n"                            // 12
    "{\"text\":\"a\tb\"}\n"                          // 13
    "{\"text\":\"\xFF\"}\n"                          // 14
    "{\"text\":\"unclosed}\n"                        // 15
    "{\"x\":tru,\"text\":\"a\"}\n"                   // 16
    "{\"x\":01,\"text\":\"a\"}\n"                    // 17
    "\n"                                             // 18
    "{\"text\":\"意识形态##paidbegin##责任制\"}\n";  // 19

constexpr std::string_view kMixedErrors =
    "NAME:2: invalid JSON\n"
    "NAME:3: not a JSON object\n"
    "NAME:4: not a JSON object\n"
    "NAME:5: no field \"text\"\n"
    "NAME:6: field \"text\" is not a string\n"
    "NAME:7: field \"text\" is not a string\n"
    "NAME:8: field \"text\" is not a string\n"
    "NAME:9: duplicate field \"text\"\n"
    "NAME:10: invalid JSON: bad string\n"
    "NAME:11: invalid JSON\n"
    "NAME:12: invalid JSON\n"
    "NAME:13: invalid JSON: control character in a string\n"
    "NAME:14: invalid UTF-8\n"
    "NAME:15: invalid JSON: unclosed string\n"
    "NAME:16: invalid JSON\n"
    "NAME:17: invalid JSON\n";

// kMixedErrors as `err` reads for input `name`.
std::string MixedErrors(std::string_view name) {
  std::string out;
  std::istringstream lines{std::string(kMixedErrors)};
  for (std::string line; std::getline(lines, line);) {
    out += "textwash: " + std::string(name) + line.substr(4) + "\n";
  }
  return out;
}

TEST(CliJsonlTest, BadLinesAreReportedAndKeptSkippedOrFatal) {
  std::string kept;  // every line, the good ones cleaned
  std::string good;  // the good and blank lines only
  {
    std::istringstream lines{std::string(kMixedJsonl)};
    int number = 0;
    for (std::string line; std::getline(lines, line);) {
      ++number;
      const bool is_good = number == 1 || number == 18 || number == 19;
      if (number == 1 || number == 19) line = "{\"text\":\"意识形态责任制\"}";
      kept += line + "\n";
      if (is_good) good += line + "\n";
    }
  }
  struct Case {
    const char* name;
    std::vector<std::string> args;
    int exit_code;
    std::string out;
    std::string err;
  };
  const Case cases[] = {
      {"keep by default", {}, 1, kept, MixedErrors("<stdin>")},
      {"--on-error keep",
       {"--on-error", "keep"},
       1,
       kept,
       MixedErrors("<stdin>")},
      {"--on-error=skip", {"--on-error=skip"}, 1, good, MixedErrors("<stdin>")},
      {"--on-error fail",
       {"--on-error", "fail"},
       1,
       "{\"text\":\"意识形态责任制\"}\n",
       "textwash: <stdin>:2: invalid JSON\n"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::vector<std::string> args = {"--format", "jsonl"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const CliOutput r = RunWith(args, kMixedJsonl);
    EXPECT_EQ(r.exit_code, c.exit_code);
    EXPECT_EQ(r.out, c.out);
    EXPECT_EQ(r.err, c.err);
  }
}

TEST_F(CliTest, BadLinesAreReportedWithFileName) {
  const std::string first = WriteFile("first.jsonl", "{\"text\":\"a\"}\n");
  const std::string mixed = WriteFile("mixed.jsonl", kMixedJsonl);
  const CliOutput r = RunWith({first, mixed, "--on-error", "skip"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, MixedErrors(mixed));
  EXPECT_EQ(r.out,
            "{\"text\":\"a\"}\n"
            "{\"text\":\"意识形态责任制\"}\n"
            "\n"
            "{\"text\":\"意识形态责任制\"}\n");
}

TEST(CliJsonlTest, NestedFieldErrors) {
  struct Case {
    std::string_view line;
    std::string_view err;
  };
  const Case cases[] = {
      {R"({"a":{"c":"x"}})", "textwash: <stdin>:1: no field \"a.b\"\n"},
      {R"({"a":"b"})", "textwash: <stdin>:1: no field \"a.b\"\n"},
      {R"({"text":"x"})", "textwash: <stdin>:1: no field \"a.b\"\n"},
      {R"({"a":{"b":1}})",
       "textwash: <stdin>:1: field \"a.b\" is not a string\n"},
      {R"({"a":{"b":"x"},"a":{"b":"y"}})",
       "textwash: <stdin>:1: duplicate field \"a.b\"\n"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.line);
    const CliOutput r =
        RunWith({"--format", "jsonl", "--field", "a.b"}, c.line);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, std::string(c.line) + "\n");
    EXPECT_EQ(r.err, c.err);
  }
}

TEST(CliJsonlTest, DeepNestingIsAnErrorNotACrash) {
  const std::string deep = "{\"text\":\"x\",\"a\":" + std::string(5000, '[') +
                           std::string(5000, ']') + "}";
  const CliOutput r = RunWith({"--format", "jsonl"}, deep);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, deep + "\n");
  EXPECT_EQ(r.err, "textwash: <stdin>:1: invalid JSON: nested too deeply\n");
}

// ---- --report ---------------------------------------------------------------

// A line parsed where it is, with a NUL and whatever bytes after it, reads as
// the same line parsed alone.
TEST(CliJsonlTest, ParseInPlaceIgnoresTheBytesAfterTheLine) {
  const std::vector<std::string> lines = {
      R"({"id":7,"text":"a\tb"})",
      R"({"text":"x"} )",
      R"({"text":"x")",
      R"({"text":"x"}})",
      R"({"text":"x",)",
      R"({"text":)",
      R"({"text")",
      R"({"a":[1,2},"text":"x"})",
      R"({"a":{"b":1)",
      "[1,",
      "{",
      R"({"text":1})",
      R"({"body":"x"})",
      R"({"text":"x","text":"y"})",
      R"("text")",
      "1",
      "12",
      "tru",
      "true",
      "nul",
      "[1,2]",
      "",
      " ",
      "{\"text\":\"\xC3(\"}",
      "{\"text\":\"\xE4\xB8",
  };
  std::vector<std::string> afters;
  for (const std::string more :
       {std::string(cli::kJsonlPadding, '\0'),
        std::string(cli::kJsonlPadding, ' '),
        std::string(cli::kJsonlPadding, '"'),
        std::string(cli::kJsonlPadding, '}'),
        std::string(cli::kJsonlPadding, ']'),
        std::string(cli::kJsonlPadding, ','),
        std::string(cli::kJsonlPadding, '7'),
        "e" + std::string(cli::kJsonlPadding, 'e'),
        "\n{\"text\":\"next\"}\n" + std::string(cli::kJsonlPadding, '\x80')}) {
    afters.push_back(std::string(1, '\0') + more);
  }
  cli::JsonlParser parser("text");
  for (const std::string& line : lines) {
    std::string alone = line;
    cli::JsonlField want;
    const Status want_status = parser.Parse(&alone, &want);
    for (const std::string& after : afters) {
      SCOPED_TRACE(::testing::PrintToString(line + after));
      const std::string buffer = line + after;
      cli::JsonlField field;
      const Status status = parser.ParseInPlace(
          std::string_view(buffer.data(), line.size()), &field);
      EXPECT_EQ(status.ok(), want_status.ok());
      EXPECT_EQ(status.message(), want_status.message());
      EXPECT_EQ(field.begin, want.begin);
      EXPECT_EQ(field.end, want.end);
      EXPECT_EQ(field.text, want.text);
      EXPECT_EQ(field.id, want.id);
    }
  }
}

// Bad bytes are their own reason wherever they are in the line, whatever
// else is wrong with it.
TEST(CliJsonlTest, InvalidUtf8AnywhereInALineIsItsOwnReason) {
  const std::vector<std::string> bad_bytes = {
      "\xFF",              // never in UTF-8
      "\x80",              // a continuation byte alone
      "\xC3",              // a lead byte cut short
      "\xE4\xB8",          // a three-byte character cut short
      "\xC0\x80",          // overlong NUL
      "\xE0\x80\xAF",      // overlong '/'
      "\xED\xA0\x80",      // a surrogate
      "\xF4\x90\x80\x80",  // past U+10FFFF
  };
  const std::vector<std::string> lines = {
      R"({"text":"@"})",                  // the field's value
      R"({"text":"ok","id":"@"})",        // another field's value
      R"({"@":1,"text":"ok"})",           // a key
      R"({"a":{"b":["@"]},"text":"ok"})",  // nested
      R"({"text":"ok"}@)",                // after the object
      R"({"text":"ok",@})",               // between tokens
      R"({"text":"@)",                    // and the string is not closed
      R"({"text":7,"x":"@"})",            // and the field is not a string
      R"({"body":"@"})",                  // and the field is missing
      R"(["@"])",                         // and it is not an object
      R"("@")",
      "@",
  };
  cli::JsonlParser parser("text");
  for (const std::string& bad : bad_bytes) {
    for (const std::string& pattern : lines) {
      std::string line = pattern;
      line.replace(line.find('@'), 1, bad);
      SCOPED_TRACE(::testing::PrintToString(line));
      std::string buffer = line + std::string(cli::kJsonlPadding + 1, '\0');
      cli::JsonlField field;
      const Status status =
          parser.ParseInPlace(std::string_view(buffer.data(), line.size()), &field);
      EXPECT_EQ(status.message(), "invalid UTF-8");
      std::string alone = line;
      EXPECT_EQ(parser.Parse(&alone, &field).message(), "invalid UTF-8");
    }
  }
  // And a line that is valid UTF-8 is not taken for one that is not.
  std::string buffer = "{\"text\":\"\xF4\x8F\xBF\xBF \xEF\xBB\xBF\"}" +
                       std::string(cli::kJsonlPadding + 1, '\0');
  cli::JsonlField field;
  EXPECT_TRUE(parser
                  .ParseInPlace(std::string_view(buffer.data(), buffer.find('\0')),
                                &field)
                  .ok());
  EXPECT_EQ(field.text, "\xF4\x8F\xBF\xBF \xEF\xBB\xBF");
}

TEST_F(CliTest, ReportListsEditsPerDocument) {
  const std::string jsonl =
      WriteFile("docs.jsonl",
                "{\"id\": \"d1\", \"text\":\"意识形态##paidbegin##责任制\"}\n"
                "{\"text\":\"clean\"}\n"
                "bad\n"
                "{\"id\":42,\"text\":\"意识形态##paidbegin##责任制\"}\n");
  const std::string text = WriteFile("doc.txt", kPaywalled);
  const std::string report = Path("report.jsonl");
  const CliOutput r = RunWith({"--report", report, jsonl, text});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(
      testing::ReadFileOrDie(report),
      R"({"doc":0,"id":"d1","edits":[{"begin":12,"end":25,"cp_begin":4,"cp_end":17,"category":"paywall","rule":"paywall.marker","removed":"##paidbegin##"}]})"
      "\n"
      R"({"doc":1,"edits":[]})"
      "\n"
      R"({"doc":3,"id":42,"edits":[{"begin":12,"end":25,"cp_begin":4,"cp_end":17,"category":"paywall","rule":"paywall.marker","removed":"##paidbegin##"}]})"
      "\n"
      R"({"doc":4,"edits":[{"begin":12,"end":25,"cp_begin":4,"cp_end":17,"category":"paywall","rule":"paywall.marker","removed":"##paidbegin##"}]})"
      "\n");
}

// ---- usage, help, version, I/O errors ---------------------------------------

TEST(CliUsageTest, HelpDocumentsEveryFlagAndTheExitCodes) {
  const char* const kExpected[] = {
      // Commands and flags.
      "-h,--help", "--version", "clean", "-o,--output", "--format", "--field",
      "--on-error", "--rules", "--no-default-rules", "--pack", "--disable-rule",
      "--min-repeat-chars", "--ad-threshold", "--pii", "--keep-invisible",
      "--keep-newlines", "--no-layout", "--no-noise", "--report",
      "--report-format", "--output-dir", "-j,--threads", "--stats",
      "--stats-json", "--diff", "--color", "--sample", "--drop-empty",
      "--min-chars", "-q,--quiet", ".jsonl.gz", ".zst", "rules", "check",
      "list",
      // Exit codes.
      "Exit codes:", "  0  done", "  1  some input was bad",
      "  2  could not run"};
  for (const char* flag : {"--help", "-h"}) {
    SCOPED_TRACE(flag);
    const CliOutput r = RunWith({flag});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.err, "");
    for (const char* text : kExpected) {
      EXPECT_TRUE(Contains(r.out, text)) << "missing: " << text;
    }
  }
  const CliOutput clean_help = RunWith({"clean", "--help"});
  EXPECT_EQ(clean_help.exit_code, 0);
  EXPECT_TRUE(Contains(clean_help.out, "--on-error")) << clean_help.out;
  EXPECT_TRUE(Contains(clean_help.out, "Exit codes:")) << clean_help.out;
}

TEST(CliUsageTest, Version) {
  const CliOutput r = RunWith({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "textwash " TEXTWASH_VERSION_STRING "\n");
  EXPECT_EQ(r.out, "textwash 0.1.0\n");
  EXPECT_EQ(r.err, "");
}

TEST(CliUsageTest, UsageErrorsExitTwo) {
  const std::vector<std::string> cases[] = {
      {"--bogus"},
      {"clean", "--bogus"},
      {"--format", "xml"},
      {"--on-error", "ignore"},
      {"--pii", "hide"},
      {"--ad-threshold", "high"},
      {"--min-repeat-chars", "-1"},
      {"--min-repeat-chars", "many"},
      {"--rules"},
      {"rules"},
      {"rules", "check"},
      {"rules", "bogus"},
      {"rules", "list", "extra"},
      {"-j", "0"},
      {"--threads", "many"},
      {"--report-format", "csv"},
      {"--color", "sometimes"},
      {"--sample", "0"},
      {"--min-chars", "-3"},
      {"--output-dir", "d", "-o", "x"},
      {"--output-dir", "d"},
      {"--sample", "3"},
  };
  for (const std::vector<std::string>& args : cases) {
    SCOPED_TRACE(::testing::PrintToString(args));
    const CliOutput r = RunWith(args, kPaywalled);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_TRUE(r.err.starts_with("textwash: ")) << r.err;
    EXPECT_TRUE(Contains(r.err, "textwash: run 'textwash --help' for usage\n"))
        << r.err;
  }
  EXPECT_EQ(RunWith({"--bogus"}).err,
            "textwash: The following argument was not expected: --bogus\n"
            "textwash: run 'textwash --help' for usage\n");
}

TEST_F(CliTest, UnreadableInputExitsTwoBeforeWritingAnything) {
  const std::string good = WriteFile("good.txt", kPaywalled);
  const std::string missing = Path("missing.txt");
  const std::string out = Path("out.txt");
  CliOutput r = RunWith({good, missing, "-o", out});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "textwash: cannot read " + missing +
                       ": No such file or directory\n");
  EXPECT_FALSE(std::filesystem::exists(out));

  r = RunWith({dir_.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "textwash: cannot read " + dir_.string() + ": Is a directory\n");
}

TEST_F(CliTest, UnwritableOutputExitsTwo) {
  const std::string out = Path("no/such/dir/out.txt");
  const CliOutput r = RunWith({"-o", out}, kPaywalled);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "textwash: cannot write " + out + ": No such file or directory\n");
}

TEST_F(CliTest, OutputThatIsAnInputIsRefused) {
  const std::string in = WriteFile("in.txt", kPaywalled);
  for (const char* flag : {"-o", "--report"}) {
    SCOPED_TRACE(flag);
    const CliOutput r = RunWith({in, flag, in});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err,
              "textwash: cannot write " + in + ": it is also an input file\n");
    EXPECT_EQ(testing::ReadFileOrDie(in), kPaywalled);
  }
}

// ---- JSON strings -----------------------------------------------------------

TEST(CliJsonStringTest, AppendJsonStringEscapesMinimally) {
  struct Case {
    std::string_view in;
    std::string_view want;
  };
  const Case cases[] = {
      {"", R"("")"},
      {"plain", R"("plain")"},
      {"\"\\/", R"("\"\\/")"},
      {"\n\t\r\b\f", R"("\n\t\r\b\f")"},
      {std::string_view("\0\x01\x1F\x7F", 4), "\"\\u0000\\u0001\\u001f\x7F\""},
      {"é😀\u2028", "\"é😀\u2028\""},
      {"a\xFF"
       "b\xC3",
       "\"a\xEF\xBF\xBD"
       "b\xEF\xBF\xBD\""},
      {"\xED\xA0\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.in);
    std::string out = "prefix:";
    cli::AppendJsonString(c.in, &out);
    EXPECT_EQ(out, "prefix:" + std::string(c.want));
  }
}

TEST(CliJsonStringTest, ReadJsonString) {
  struct Case {
    std::string_view json;
    std::optional<size_t> length;
    std::string_view want;
  };
  const Case cases[] = {
      {R"("")", 2, ""},
      {R"("abc" tail)", 5, "abc"},
      {R"("\"\\\/\b\f\n\r\t")", 18, "\"\\/\b\f\n\r\t"},
      {R"("\u00e9\u4e2d")", 14, "é中"},
      {R"("\ud83d\ude00")", 14, "😀"},
      {R"("\ud800x")", 9, "\xEF\xBF\xBDx"},
      {R"("\udc00")", 8, "\xEF\xBF\xBD"},
      {R"("\ud83d\u0041")", 14,
       "\xEF\xBF\xBD"
       "A"},
      {R"("\u0000")", 8, std::string_view("\0", 1)},
      {R"("\q")", std::nullopt, ""},
      {R"("\u12")", std::nullopt, ""},
      {R"("\u12g4")", std::nullopt, ""},
      {"\"a\tb\"", std::nullopt, ""},
      {R"("unclosed)", std::nullopt, ""},
      {R"(x"")", std::nullopt, ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.json);
    std::string out;
    EXPECT_EQ(cli::ReadJsonString(c.json, &out), c.length);
    if (c.length) {
      EXPECT_EQ(out, c.want);
      EXPECT_EQ(cli::ReadJsonString(c.json, nullptr), c.length);
    }
  }
}

// Strings are scanned a block of bytes at a time: every kind of byte that
// needs an escape or a repair is tried at each offset of the first blocks,
// in strings shorter and longer than a block.
TEST(CliJsonStringTest, AppendJsonStringAtEveryOffset) {
  struct Case {
    std::string_view in;
    std::string_view want;
  };
  const Case cases[] = {
      {"\"", R"(\")"},
      {"\\", R"(\\)"},
      {"\n", R"(\n)"},
      {"\t", R"(\t)"},
      {"\r", R"(\r)"},
      {"\b", R"(\b)"},
      {"\f", R"(\f)"},
      {std::string_view("\0", 1), R"(\u0000)"},
      {"\x01", R"(\u0001)"},
      {"\x1F", R"(\u001f)"},
      {" ", " "},
      {"/", "/"},
      {"\x7F", "\x7F"},
      {"\xC2\x80", "\xC2\x80"},
      {"é", "é"},
      {"中", "中"},
      {"😀", "😀"},
      {"\xFF", "\xEF\xBF\xBD"},
      {"\xE4\xB8", "\xEF\xBF\xBD\xEF\xBF\xBD"},  // cut short
      {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
  };
  for (const Case& c : cases) {
    for (size_t before = 0; before <= 40; ++before) {
      for (size_t after : {0, 1, 2, 15, 16, 17, 33}) {
        const std::string in =
            std::string(before, 'a') + std::string(c.in) + std::string(after, 'b');
        SCOPED_TRACE(in);
        std::string out = "x";
        cli::AppendJsonString(in, &out);
        EXPECT_EQ(out, "x\"" + std::string(before, 'a') + std::string(c.want) +
                           std::string(after, 'b') + "\"");
      }
    }
  }
  // Runs of escapes, and multibyte characters across block edges.
  for (size_t before = 0; before <= 20; ++before) {
    const std::string pad(before, 'a');
    std::string out;
    cli::AppendJsonString(pad + std::string(40, '"'), &out);
    std::string want = "\"" + pad;
    for (int i = 0; i < 40; ++i) want += "\\\"";
    EXPECT_EQ(out, want + "\"");
    std::string text = pad;
    for (int i = 0; i < 12; ++i) text += "中é😀";
    out.clear();
    cli::AppendJsonString(text, &out);
    EXPECT_EQ(out, "\"" + text + "\"");
  }
}

TEST(CliJsonStringTest, ReadJsonStringAtEveryOffset) {
  struct Case {
    std::string_view json;
    std::string_view want;
  };
  const Case escapes[] = {
      {R"(\")", "\""},
      {R"(\\)", "\\"},
      {R"(\/)", "/"},
      {R"(\b)", "\b"},
      {R"(\f)", "\f"},
      {R"(\n)", "\n"},
      {R"(\r)", "\r"},
      {R"(\t)", "\t"},
      {R"(\u00e9)", "é"},
      {R"(\u4E2D)", "中"},
      {R"(\u0000)", std::string_view("\0", 1)},
      {R"(\ud83d\ude00)", "😀"},
      {R"(\ud83d)", "\xEF\xBF\xBD"},
      {R"(\ud83dx)", "\xEF\xBF\xBDx"},
      {R"(\udc00)", "\xEF\xBF\xBD"},
      {"\x7F", "\x7F"},
      {"中😀", "中😀"},
  };
  const std::string_view invalid[] = {
      "\n", "\t", std::string_view("\0", 1), "\x1F",
      R"(\q)", R"(\u12g4)", R"(\U0041)", R"(\x41)",
  };
  for (size_t before = 0; before <= 40; ++before) {
    const std::string pad(before, 'a');
    for (size_t after : {0, 1, 2, 15, 16, 17, 33}) {
      const std::string tail(after, 'b');
      for (const Case& c : escapes) {
        const std::string json =
            "\"" + pad + std::string(c.json) + tail + "\"\\q\n";
        SCOPED_TRACE(json);
        std::string out = "x";
        EXPECT_EQ(cli::ReadJsonString(json, &out), json.size() - 3);
        EXPECT_EQ(out, "x" + pad + std::string(c.want) + tail);
        EXPECT_EQ(cli::ReadJsonString(json, nullptr), json.size() - 3);
      }
      for (std::string_view bad : invalid) {
        const std::string json = "\"" + pad + std::string(bad) + tail + "\"";
        SCOPED_TRACE(json);
        std::string out;
        EXPECT_EQ(cli::ReadJsonString(json, &out), std::nullopt);
        EXPECT_EQ(cli::ReadJsonString(json, nullptr), std::nullopt);
      }
    }
    // Strings that end too soon: unclosed, or inside an escape.
    for (std::string_view end : {"", "\\", R"(\u)", R"(\u12)", R"(\u123)"}) {
      const std::string json = "\"" + pad + std::string(end);
      SCOPED_TRACE(json);
      EXPECT_EQ(cli::ReadJsonString(json, nullptr), std::nullopt);
    }
    // A surrogate pair whose second half is cut short stays a lone one.
    const std::string json = "\"" + pad + R"(\ud83d\ude0")";
    std::string out;
    EXPECT_EQ(cli::ReadJsonString(json, &out), std::nullopt) << json;
  }
}

}  // namespace
}  // namespace textwash

#endif  // TEXTWASH_HAVE_CLI
