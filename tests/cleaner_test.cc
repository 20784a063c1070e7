// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// The Cleaner's stages, table by table: hygiene, paywall markers, repeats,
// layout, user rules of each kind, and the contract of every Result.
#include <gtest/gtest.h>
#include <algorithm>
#include <array>
#include <functional>

#include <random>
#include <string>
#include <thread>
#include <vector>

#include "tests/test_util.h"
#include "textwash/textwash.h"

namespace textwash {
namespace {

using testing::ExpectResultContract;
using testing::MakeCleaner;

struct Case {
  const char* name;
  std::string_view in;
  std::string_view want;
  std::vector<std::string> rules = {};  // rule ids expected in the edits
};

void RunCases(const Cleaner& cleaner, const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const Result r = cleaner.Clean(c.in);
    EXPECT_EQ(r.text, c.want);
    ExpectResultContract(cleaner, c.in, r);
    if (!c.rules.empty()) {
      std::vector<std::string> got;
      for (const Edit& e : r.edits) got.push_back(cleaner.rule(e.rule).id);
      EXPECT_EQ(got, c.rules);
    }
  }
}

TEST(CleanerTest, UnicodeHygiene) {
  auto cleaner = MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  RunCases(*cleaner, {
      {"invalid byte", "a\xFF" "b", "a\xEF\xBF\xBD" "b", {"unicode.invalid_utf8"}},
      {"truncated sequence", "中\xE4\xB8", "中\xEF\xBF\xBD", {"unicode.invalid_utf8"}},
      {"overlong is two subparts", "x\xC0\xAFy", "x\xEF\xBF\xBD\xEF\xBF\xBDy",
       {"unicode.invalid_utf8", "unicode.invalid_utf8"}},
      {"lone CR before CRLF", "a\r\r\nb", "a\n\nb", {"unicode.newline", "unicode.newline"}},
      {"line removed next to converted line breaks", "正文。\r##paidend##\r\r\n\r\n下文。",
       "正文。\n\n下文。"},
      {"surrogate", "a\xED\xA0\x80z", "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDz"},
      {"bom", "\xEF\xBB\xBFhello", "hello", {"unicode.bom"}},
      {"zero width in a word", "加\u200B微\u200B信", "加微信",
       {"unicode.invisible", "unicode.invisible"}},
      {"zero-width joiner between CJK", "微\u200D信", "微信"},
      {"soft hyphen", "pay\u00ADwall", "paywall"},
      {"emoji joiner stays", "👨\u200D👩\u200D👧", "👨\u200D👩\u200D👧", {}},
      {"persian non-joiner stays", "می\u200Cخواهم", "می\u200Cخواهم", {}},
      {"controls", std::string_view("a\x01" "b\x7F" "c\0d", 7), "abcd",
       {"unicode.control", "unicode.control", "unicode.control"}},
      {"a run of zero widths is one edit", "a\u200B\u200B\u2060b", "ab",
       {"unicode.invisible"}},
      {"c1 control", "a\xC2\x9B" "b", "ab", {"unicode.control"}},
      {"tab stays", "a\tb", "a\tb", {}},
      {"crlf", "one\r\ntwo\r\n", "one\ntwo\n", {"unicode.newline", "unicode.newline"}},
      {"lone cr", "one\rtwo", "one\ntwo", {"unicode.newline"}},
      {"form feed and line separator", "a\fb\u2028c", "a\nb\nc"},
      {"clean text is untouched", "第一段。\n\n第二段。\n", "第一段。\n\n第二段。\n", {}},
      {"empty", "", "", {}},
  });
}

TEST(CleanerTest, HygieneCanBeTurnedOff) {
  Options options;
  options.remove_invisible = false;
  options.normalize_newlines = false;
  auto cleaner = MakeCleaner(options);
  ASSERT_NE(cleaner, nullptr);
  RunCases(*cleaner, {
      {"zero width kept", "加\u200B微", "加\u200B微", {}},
      {"crlf kept", "a\r\nb", "a\r\nb", {}},
      {"invalid utf-8 is still replaced", "a\xFF", "a\xEF\xBF\xBD"},
  });
}

TEST(CleanerTest, PaywallMarkers) {
  auto cleaner = MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  RunCases(*cleaner, {
      {"mid-sentence marker joins the sentence",
       "意识形态##paidbegin##责任制落实不到位。\n", "意识形态责任制落实不到位。\n",
       {"paywall.marker"}},
      {"any case and blanks around", "三产辐射带动 ##PaidBegin## 能力不足。",
       "三产辐射带动能力不足。"},
      {"dollar form", "甲$$paidend$$乙", "甲乙"},
      {"pagebreak", "上文##pagebreak##下文", "上文下文"},
      {"blanks inside", "上文## paid begin ##下文", "上文下文"},
      {"between latin words one space stays", "the end ##pagebreak## of it",
       "the end of it"},
      {"glued latin words join", "pay##paidend##wall", "paywall"},
      {"line of only a marker goes", "第一段。\n##paidend##\n第二段。\n",
       "第一段。\n第二段。\n", {"paywall.marker"}},
      {"marker line with blanks goes", "第一段。\n  $$paidbegin$$ \t\n第二段。",
       "第一段。\n第二段。"},
      {"final marker line", "正文。\n\n\n##paidend##\n", "正文。\n",
       {"layout.blank_lines", "paywall.marker"}},
      {"placeholder text", "前文请替换付费标签内内容后文", "前文后文",
       {"paywall.placeholder"}},
      {"paid notice sentence", "这是正文。此文章为付费文章，请付费后阅读。下一句。",
       "这是正文。下一句。", {"paywall.notice"}},
      {"only junk", "##paidbegin##\n##paidend##\n", "", {"paywall.marker"}},
      {"not a marker", "价格为##100##元，paidbegin 不是标记。",
       "价格为##100##元，paidbegin 不是标记。", {}},
  });
}

TEST(CleanerTest, RepeatedLines) {
  auto cleaner = MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  const std::string twenty = "一二三四五六七八九十一二三四五六七八九十";  // 20 chars
  const std::string nineteen = "一二三四五六七八九十一二三四五六七八九";
  RunCases(*cleaner, {
      {"later copy goes", twenty + "\n正文。\n" + twenty + "\n",
       twenty + "\n正文。\n", {"repeat.line"}},
      {"short lines repeat freely", nineteen + "\n正文。\n" + nineteen + "\n",
       nineteen + "\n正文。\n" + nineteen + "\n", {}},
      {"copy with blanks around is a copy", twenty + "\n\u3000" + twenty + " \n",
       twenty + "\n"},
      {"indented code repeats freely",
       "  <li class=\"item\">one</li>\n  <li class=\"item\">one</li>\n",
       "  <li class=\"item\">one</li>\n  <li class=\"item\">one</li>\n", {}},
      {"fenced code repeats freely",
       "```\nprint('hello, world')  # greet\nprint('hello, world')  # greet\n```\n",
       "```\nprint('hello, world')  # greet\nprint('hello, world')  # greet\n```\n", {}},
      {"copies removed, blank runs collapse",
       "A paragraph of some length here.\n\nmiddle\n\nA paragraph of some length here.\n\nend\n",
       "A paragraph of some length here.\n\nmiddle\n\nend\n"},
  });
  Options options;
  options.min_repeat_chars = 0;
  auto keep = MakeCleaner(options);
  ASSERT_NE(keep, nullptr);
  RunCases(*keep, {{"0 turns it off", twenty + "\n" + twenty, twenty + "\n" + twenty, {}}});
  options.min_repeat_chars = 5;
  auto short_lines = MakeCleaner(options);
  ASSERT_NE(short_lines, nullptr);
  RunCases(*short_lines, {{"threshold is an option", "abcde\nabcde\nabcd\nabcd\n",
                           "abcde\nabcd\nabcd\n"}});
  // Lines one byte apart, at any offset in lines of any length, are no copies.
  for (size_t length = 5; length <= 40; ++length) {
    std::string line;
    for (size_t i = 0; i < length; ++i) line += static_cast<char>('a' + i % 26);
    std::string text = line + "\n";
    for (size_t k = 0; k < length; ++k) {
      std::string other = line;
      other[k] = 'Z';
      text += other + "\n";
    }
    SCOPED_TRACE(line);
    EXPECT_EQ(short_lines->Clean(text + line + "\n").text, text);
  }
}

TEST(CleanerTest, Layout) {
  auto cleaner = MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  RunCases(*cleaner, {
      {"leading and trailing blank lines", "\n\n \n正文。\n\n\n", "正文。\n",
       {"layout.blank_lines", "layout.blank_lines"}},
      {"blank runs collapse to one", "甲。\n\n\n\n乙。\n", "甲。\n\n乙。\n"},
      {"a single blank line stays", "甲。\n\n乙。", "甲。\n\n乙。", {}},
      {"blank line made of spaces stays as is", "甲。\n \t\n乙。", "甲。\n \t\n乙。", {}},
      {"only blank lines", "\n\n  \n", ""},
      {"content lines keep their blanks", "  缩进的段落。  \n", "  缩进的段落。  \n", {}},
      {"junk between blanks leaves one blank", "甲。\n\n##paidend##\n\n乙。\n",
       "甲。\n\n乙。\n"},
  });
  Options options;
  options.layout = false;
  auto raw = MakeCleaner(options);
  ASSERT_NE(raw, nullptr);
  RunCases(*raw, {{"layout off keeps blank lines", "\n甲。\n\n\n乙。\n\n",
                   "\n甲。\n\n\n乙。\n\n", {}}});
}

constexpr std::string_view kUserRules = R"toml(
[pack]
name = "test_site"

[[rule]]
id = "site.marker"
category = "boilerplate"
kind = "marker"
literals = ["<<AD>>"]

[[rule]]
id = "site.footer"
category = "boilerplate"
kind = "line"
patterns = ['^本文由.{1,20}上传']

[[rule]]
id = "site.promo"
category = "ad"
kind = "sentence"
literals = ["关注我们"]
ignore_case = true

[[rule]]
id = "site.mask"
category = "pii"
kind = "span"
patterns = ['\b[0-9]{3}-[0-9]{4}\b']
replacement = "<PHONE>"

[[rule]]
id = "site.shout"
category = "noise"
kind = "span"
patterns = ['(?i)buy now']

[[rule]]
id = "site.paywall"
category = "paywall"
kind = "tail"
literals = ["订阅后阅读全文"]

[[rule]]
id = "site.ad_word"
category = "ad"
kind = "score"
weight = 4
literals = ["特价促销"]

[[rule]]
id = "site.phone"
category = "contact"
kind = "contact"
pii = "phone"
patterns = ['\b[0-9]{3}-[0-9]{5}\b']

[[rule]]
id = "site.cue"
category = "ad"
kind = "score"
weight = 1
cue = true
literals = ["请致电"]
)toml";

TEST(CleanerTest, UserRulesOfEachKind) {
  Options options;
  options.default_rules = false;
  options.rule_texts.push_back({"site.toml", std::string(kUserRules)});
  auto cleaner = MakeCleaner(options);
  ASSERT_NE(cleaner, nullptr);
  RunCases(*cleaner, {
      {"marker", "前<<AD>>后", "前后", {"site.marker"}},
      {"line", "正文。\n本文由网友小王上传到本站\n下文。", "正文。\n下文。", {"site.footer"}},
      {"line pattern anchored at line start", "正文，本文由网友上传。", "正文，本文由网友上传。", {}},
      {"sentence", "真实内容。欢迎关注我们的账号，每天更新！后续内容。",
       "真实内容。后续内容。", {"site.promo"}},
      {"sentence at line end takes the blank before", "Real text. Then 关注我们 now.",
       "Real text."},
      {"span with replacement", "call 555-1234 today", "call <PHONE> today", {"site.mask"}},
      {"span removal", "Great deal, BUY NOW!", "Great deal, !", {"site.shout"}},
      {"tail", "投资者需要关注成交量订阅后阅读全文，首月9.9元", "投资者需要关注成交量",
       {"site.paywall"}},
      {"score", "正文。本店特价促销中。下文。", "正文。下文。", {"site.ad_word"}},
      {"contact with a cue", "正文。请致电123-45678。下文。", "正文。下文。", {"site.phone"}},
      {"contact alone stays", "电话123-45678。", "电话123-45678。", {}},
      {"default rules are off", "甲##paidbegin##乙", "甲##paidbegin##乙", {}},
  });
  const int idx = cleaner->FindRule("site.footer");
  ASSERT_GE(idx, 0);
  EXPECT_EQ(cleaner->rule(idx).category, Category::kBoilerplate);
  EXPECT_EQ(cleaner->rule(idx).kind, RuleKind::kLine);
  EXPECT_EQ(cleaner->rule(idx).source, "site.toml:11");
}

TEST(CleanerTest, UserRulesAddToDefaults) {
  Options options;
  options.rule_texts.push_back({"site.toml", std::string(kUserRules)});
  auto cleaner = MakeCleaner(options);
  ASSERT_NE(cleaner, nullptr);
  EXPECT_EQ(cleaner->Clean("甲##paidbegin##乙<<AD>>丙").text, "甲乙丙");
}

TEST(CleanerTest, DisabledRules) {
  Options options;
  options.disabled_rules = {"paywall.marker"};
  auto cleaner = MakeCleaner(options);
  ASSERT_NE(cleaner, nullptr);
  EXPECT_EQ(cleaner->Clean("甲##paidbegin##乙").text, "甲##paidbegin##乙");
  EXPECT_EQ(cleaner->FindRule("paywall.marker"), -1);

  options.disabled_rules = {"no.such.rule"};
  auto bad = Cleaner::Create(options);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "disabled rule \"no.such.rule\" does not exist");
}

TEST(CleanerTest, PacksByName) {
  ASSERT_FALSE(BuiltinPacks().empty());
  Options options;
  options.packs = {"zh_paywall"};
  EXPECT_TRUE(Cleaner::Create(options).ok());
  options.packs = {"nope"};
  auto bad = Cleaner::Create(options);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kNotFound);
  EXPECT_NE(bad.status().message().find("unknown rule pack \"nope\""), std::string::npos);
}

TEST(CleanerTest, BuiltinRulesAreListed) {
  auto cleaner = MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  const int idx = cleaner->FindRule("paywall.marker");
  ASSERT_GE(idx, 0);
  EXPECT_EQ(cleaner->rule(idx).source.rfind("rules/zh_paywall.toml:", 0), 0u);
  EXPECT_EQ(cleaner->rule(cleaner->FindRule("repeat.line")).kind, RuleKind::kStage);
  EXPECT_EQ(Cleaner::engine(), TEXTWASH_ENGINE_NAME);
}

TEST(CleanerTest, SharedAcrossThreads) {
  auto cleaner = MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  std::string doc;
  for (int i = 0; i < 200; ++i) {
    doc += "第" + std::to_string(i) + "段正文##paidbegin##继续。\n\n\n";
    doc += "重复的一行内容，足够长，会被当作重复行删除。\n";
  }
  const Result want = cleaner->Clean(doc);
  std::vector<std::thread> threads;
  std::vector<int> same(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      Result r;
      for (int k = 0; k < 20; ++k) {
        cleaner->Clean(doc, &r);
        same[t] += r.text == want.text && r.edits == want.edits;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(same, std::vector<int>(4, 20));
}

// The built-in rules compile their regexes on first use: threads that all
// start on a fresh Cleaner at once race to compile the same ones, and each
// must still get what one thread gets.
TEST(CleanerTest, FirstUseFromManyThreadsAtOnce) {
  std::string doc;
  for (int i = 0; i < 20; ++i) {
    doc += "第" + std::to_string(i) + "段##paidbegin##正文。查找更多资料，请加微信：abc_" +
           std::to_string(1000 + i) + "，电话 138 0013 8000。\n";
    doc += "还剩" + std::to_string(i + 2) + "页未读，继续阅读\n";
    doc += "Subscribe to continue reading. Follow us on twitter.\n";
    doc += "Copyright © 2024 Example Inc. All rights reserved.\n";
  }
  const Result want = MakeCleaner()->Clean(doc);
  ASSERT_NE(want.text, doc);
  for (int round = 0; round < 5; ++round) {
    auto cleaner = MakeCleaner();
    ASSERT_NE(cleaner, nullptr);
    std::vector<std::thread> threads;
    std::vector<int> same(4, 0);
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        const Result r = cleaner->Clean(doc);
        same[t] = r.text == want.text && r.edits == want.edits;
      });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(same, std::vector<int>(4, 1)) << "round " << round;
  }
}

// Cleaners come and go in one thread, small and large; each new one may get
// the memory of the last. Every one must still find its own rules.
TEST(CleanerTest, ManyCleanersInOneThread) {
  for (int round = 0; round < 20; ++round) {
    Options options;
    std::string junk = "甲##paidbegin##乙\n";
    std::string want = "甲乙\n";
    if (round % 2 == 1) {  // a small database of the user's own rules
      options.default_rules = false;
      junk = "junk" + std::to_string(round) + "x\n";
      want = "";
      std::string rules =
          "[[rule]]\nid = \"t.r\"\ncategory = \"ad\"\nkind = \"line\"\nliterals = [";
      for (int k = 0; k <= round; ++k) rules += "'junk" + std::to_string(k) + "x',";
      options.rule_texts.push_back({"r.toml", rules + "]\n"});
    }
    auto cleaner = MakeCleaner(options);
    ASSERT_NE(cleaner, nullptr);
    EXPECT_EQ(cleaner->Clean("keep\n" + junk).text, "keep\n" + want) << round;
  }
}

TEST(CleanerTest, ReusedResultIsReplaced) {
  auto cleaner = MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  Result r;
  cleaner->Clean("甲##paidbegin##乙\n", &r);
  cleaner->Clean("plain\n", &r);
  EXPECT_EQ(r.text, "plain\n");
  EXPECT_TRUE(r.edits.empty());
}

TEST(CleanerTest, OptionsAreChecked) {
  Options options;
  options.min_repeat_chars = -1;
  auto bad = Cleaner::Create(options);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message(), "min_repeat_chars must be >= 0, got -1");
}

TEST(CleanerTest, MissingRuleFile) {
  Options options;
  options.rule_files = {"/nonexistent/rules.toml"};
  auto bad = Cleaner::Create(options);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(bad.status().message(),
            "cannot read rule file /nonexistent/rules.toml: No such file or directory");
}

TEST(CleanerTest, ApplyEditsClampsAndReplaces) {
  std::vector<Edit> edits = {{1, 2, "X", Category::kAd, 0}, {3, 99, "", Category::kAd, 0}};
  EXPECT_EQ(ApplyEdits("abcdef", edits), "aXc");
}

// Literals the scanner locates by itself (no regex) must cut exactly what
// the same words written as patterns cut, ignoring case too: CJK words,
// ASCII, and full-width letters (which have case, so go through RE2).
TEST(CleanerTest, CaselessLiteralsCutWhatTheirPatternsCut) {
  // The first rule's words have no case or are ASCII: the scanner locates
  // them. The second's are full-width letters, which RE2 checks.
  const std::vector<std::vector<std::string>> rules = {
      {"代写", "代写代发", "vip会员", "【推广】", "扫码—关注", "限時"}, {"ＡＤ广告", "Ｋ线图"}};
  auto make = [&](bool literals) {
    Options options;
    options.default_rules = false;
    options.layout = false;
    options.noise = false;
    options.min_repeat_chars = 0;
    std::string text;
    for (size_t r = 0; r < rules.size(); ++r) {
      text += "[[rule]]\nid = \"t.words" + std::to_string(r) +
              "\"\ncategory = \"ad\"\nkind = \"marker\"\nignore_case = true\n";
      text += literals ? "literals = [" : "patterns = [";
      for (const std::string& w : rules[r]) text += "'" + w + "', ";
      text += "]\n";
    }
    options.rule_texts.push_back({"words.toml", text});
    return MakeCleaner(options);
  };
  auto by_literals = make(true);
  auto by_patterns = make(false);
  ASSERT_NE(by_literals, nullptr);
  ASSERT_NE(by_patterns, nullptr);
  const std::vector<std::string> pieces = {
      "代写", "代写代发", "代", "写", "代发", "VIP会员", "Vip会员", "vip会员", "ＡＤ广告",
      "ａｄ广告", "Ａｄ广告", "AD广告", "【推广】", "扫码—关注", "Ｋ线图", "ｋ线图", "K线图",
      "限時", "限时", "正文", "，", " ", "\n", "text"};
  std::mt19937 rng(3);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    for (int k = static_cast<int>(rng() % 10) + 1; k > 0; --k) text += pieces[rng() % pieces.size()];
    const Result a = by_literals->Clean(text);
    const Result b = by_patterns->Clean(text);
    EXPECT_EQ(a.text, b.text) << text;
    ASSERT_EQ(a.edits.size(), b.edits.size()) << text;
    for (size_t k = 0; k < a.edits.size(); ++k) {
      EXPECT_EQ(a.edits[k].begin, b.edits[k].begin) << text;
      EXPECT_EQ(a.edits[k].end, b.edits[k].end) << text;
    }
  }
  // Leftmost first, then the first term listed: 代写 before 代写代发.
  EXPECT_EQ(by_literals->Clean("买ａｄ广告和VIP会员代写代发").text, "买和代发");
}


// Options with the built-in packs as rule files, each edited by `edit`
// (text in, text out): to compare the packs with a variant of themselves.
Options EditedBuiltinPacks(Options options,
                           const std::function<std::string(std::string)>& edit) {
  options.default_rules = false;
  for (const Pack& pack : BuiltinPacks()) {
    options.rule_texts.push_back(
        {"rules/" + std::string(pack.name) + ".toml", edit(std::string(pack.text))});
  }
  return options;
}

// Returns rule file `text` with each `key = ...` (one line, or an array
// over several) replaced by `replacement`, counting them in `*replaced`.
std::string ReplaceKey(const std::string& text, std::string_view key,
                       std::string_view replacement, size_t* replaced) {
  const std::string start = std::string(key) + " = ";
  std::string out;
  bool in_array = false;  // inside an array over several lines
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    end = end == std::string::npos ? text.size() : end + 1;
    const std::string_view line = std::string_view(text).substr(pos, end - pos);
    if (line.substr(0, start.size()) == start) {
      ++*replaced;
      out += replacement;
      in_array = line == start + "[\n";
    } else if (in_array) {
      in_array = line != "]\n";
    } else {
      out += line;
    }
    pos = end;
  }
  return out;
}

std::string WithoutRequires(const std::string& text, size_t* dropped) {
  return ReplaceKey(text, "requires", "", dropped);
}

// Each `numeral_run = N` becomes a trigger that hits every line with a
// character.
std::string WithEveryLineTriggered(const std::string& text, size_t* replaced) {
  return ReplaceKey(text, "numeral_run", "triggers = ['.']\n", replaced);
}

// The digit rules' numeral runs (eleven numerals for a mobile number,
// seventeen for an ID number, seven for other phones) only spare folding:
// the built-in packs with every line folded for them find the same numbers,
// obfuscated ones included, on lines of scattered digits, numerals and the
// marks folding drops between them.
TEST(CleanerTest, DigitRunsChangeNothingButSpeed) {
  Options with;
  with.pii = PiiMode::kMask;
  size_t replaced = 0;
  const Options without = EditedBuiltinPacks(
      with, [&](std::string text) { return WithEveryLineTriggered(text, &replaced); });
  ASSERT_GE(replaced, 4u);
  auto a = MakeCleaner(with);
  auto b = MakeCleaner(without);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  const std::vector<std::string> digits = {
      "1", "1", "3", "8", "0", "5", "9", "2", "7", "4", "6", "１", "３", "８", "０",
      "①", "③", "⑧", "⓪", "一", "三", "八", "零", "〇", "幺", "壹", "两", "九"};
  const std::vector<std::string> marks = {
      "", "", "", "", " ", "-", "*", "~", ".", "·", "\u3000", "—", "／", "|", "+",
      "(", ")", "）", "，", "x", "年", "号"};
  const std::vector<std::string> starts = {"",  "13", "一八", "0",    "(0",  "（0", "+",
                                           "+86 ", "400", "800", "(5", "(555) ", "1-", "（010）"};
  const std::vector<std::string> around = {
      "电话", "订单号", "身份证", "热线", "请拨打", "，", "。", "手机：", "tel ", "加微信", ""};
  std::mt19937 rng(11);
  int phones = 0, ids = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text = around[rng() % around.size()];
    const int runs = static_cast<int>(rng() % 3) + 1;
    for (int r = 0; r < runs; ++r) {
      if (rng() % 5 == 0) {  // a valid ID number, marks between its digits
        // One draw per statement: the order of operands is the compiler's.
        std::string id = std::to_string(110000 + rng() % 800000);
        id += std::to_string(1950 + rng() % 70);
        id += "0" + std::to_string(1 + rng() % 9);
        id += "1" + std::to_string(rng() % 9);
        id += std::to_string(100 + rng() % 900);
        static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int k = 0; k < 17; ++k) sum += (id[k] - '0') * kWeights[k];
        id += "10X98765432"[sum % 11];
        for (char c : id) {
          text += c;
          if (rng() % 4 == 0) text += marks[rng() % 10];
        }
        text += around[rng() % around.size()];
        continue;
      }
      if (rng() % 4 == 0) {  // a well-formed number, marks between its digits
        auto d = [&](char lo) { return static_cast<char>(lo + rng() % ('9' - lo + 1)); };
        // The first digits of a landline, international, North American or
        // mobile number ('a' to 'c': a digit drawn from 1, 2 or 3 to 9).
        static constexpr std::array<std::pair<const char*, int>, 5> kStarts = {
            {{"(0b0)", 8}, {"0b00", 7}, {"+b0", 9}, {"(c00)c", 6}, {"1d", 9}}};
        const auto& [start, more] = kStarts[rng() % kStarts.size()];
        std::string n;
        for (const char* c = start; *c != '\0'; ++c) {
          n += *c == '0' ? d('0') : *c == 'b' ? d('1') : *c == 'c' ? d('2') : *c == 'd' ? d('3') : *c;
        }
        for (int k = 0; k < more; ++k) n += d('0');
        for (char c : n) {
          if (c >= '0' && c <= '9' && rng() % 8 == 0) {
            text += "\xEF\xBC";  // the full-width digit
            text += static_cast<char>(0x90 + (c - '0'));
          } else {
            text += c;
          }
          if (rng() % 4 == 0) text += marks[rng() % 10];
        }
        text += around[rng() % around.size()];
        continue;
      }
      const int n = static_cast<int>(rng() % 20) + 3;
      // Most runs start as a mobile (1, then 3 to 9), landline, service or
      // international number would.
      text += starts[rng() % starts.size()];
      for (int k = 0; k < n; ++k) {
        text += digits[rng() % digits.size()];
        if (rng() % 3 == 0) text += marks[rng() % marks.size()];
        if (rng() % 4 == 0) text += marks[rng() % marks.size()];
      }
      text += around[rng() % around.size()];
    }
    text += "\n";
    const Result ra = a->Clean(text);
    const Result rb = b->Clean(text);
    ASSERT_EQ(ra.text, rb.text) << text;
    ASSERT_EQ(ra.edits, rb.edits) << text;
    phones += ra.text.find("<PHONE>") != std::string::npos;
    ids += ra.text.find("<ID>") != std::string::npos;
  }
  // The lines did hold numbers to find.
  EXPECT_GT(phones, 400);
  EXPECT_GT(ids, 5);
}

// A mobile number is also a well-formed North American one: two contact
// rules match the same text. The cut is credited to the rule listed first,
// however many signals the document holds.
TEST(CleanerTest, SameTextCreditsTheRuleListedFirst) {
  auto cleaner = MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  std::string text;
  for (int k = 0; k < 40; ++k) {
    text += "需要完整版的朋友请加热线：164975386" + std::to_string(10 + k) + "，备注“讲话稿”。\n";
    text += "正文第" + std::to_string(k) + "段，讲的是别的事情。\n";
  }
  const Result r = cleaner->Clean(text);
  int credited = 0;
  for (const Edit& e : r.edits) {
    if (e.category != Category::kContact) continue;
    EXPECT_EQ(cleaner->rule(e.rule).id, "contact.cn_mobile") << text.substr(e.begin, e.end - e.begin);
    ++credited;
  }
  EXPECT_EQ(credited, 40);
}

// The address-line rule requires a line to start, past blanks, invisible
// characters and a bracket, with h, w or a character beyond ASCII, as its
// folded pattern does: without the requirement it removes the same lines of
// random addresses, names, brackets and prose around them.
TEST(CleanerTest, AddressLineRequirementChangesNothingButSpeed) {
  size_t dropped = 0;
  const Options without = EditedBuiltinPacks(
      Options(), [&](std::string text) { return WithoutRequires(text, &dropped); });
  auto a = MakeCleaner();
  auto b = MakeCleaner(without);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  const std::vector<std::vector<std::string>> parts = {
      {"", "", " ", "\t", "\u3000", "\u200b", "\u00ad"},
      {"", "", "(", "[", "{", "【", "「", "（", "［", "｛", "·"},
      {"", "", " ", "\u3000"},
      {"", "百度", "官网", "本站", "Visit ", "Home: ", "See ", "h", "W", "ｗ", "Ｈ", "1 "},
      {"", "", " "},
      {"", "www.", "ｗｗｗ．", "WWW.", "http://", "https://www.", "Http://", "ｈｔｔｐ：／／"},
      {"example", "baidu", "ｅｘａｍｐｌｅ", "a-b", "Abc", "x.y"},
      {".com", ".cn", "．ｃｏｍ", ".org", ".COM", ".net"},
      {"", "", "/", "】", ")", "」", "］", " ", " now", "。", " 欢迎访问"}};
  std::mt19937 rng(23);
  int removed = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string line;
    for (const auto& choices : parts) line += choices[rng() % choices.size()];
    const std::string text = "正文第一行。\n" + line + "\n正文最后一行。\n";
    const Result ra = a->Clean(text);
    const Result rb = b->Clean(text);
    ASSERT_EQ(ra.text, rb.text) << line;
    ASSERT_EQ(ra.edits, rb.edits) << line;
    removed += ra.text.find(line) == std::string::npos;
  }
  EXPECT_GT(removed, 600);
}

// The WeChat rule's triggers want v or w right before x, or before 信 across
// blanks, because folding joins them only so: whatever its old triggers,
// which took any two marks or blanks between them (and so every English
// "w." and "v "), found on random text of such pieces, these find too. They
// find more: the old ones missed a no-break or ideographic space before 信.
TEST(CleanerTest, WeChatTriggersFindWhatTheLooseOnesFound) {
  Options with;
  with.pii = PiiMode::kMask;
  const std::string tight =
      "  '[vwｖｗＶＷ]\\p{Cf}{0,2}[xｘＸ]',\n"
      "  '[vwｖｗＶＷ][\\t\\p{Zs}\\p{Cf}]{0,2}信',\n";
  const std::string loose =
      "  '[vVwW][ \\t\\p{P}]{0,2}[xXｘＸ信]',\n"
      "  '(?:ｖ|Ｖ|ｗ|Ｗ)[ \\t\\p{P}]{0,2}[xXｘＸ信]',\n";
  int replaced = 0;
  const Options without = EditedBuiltinPacks(with, [&](std::string text) {
    const size_t at = text.find(tight);
    if (at != std::string::npos) {
      text.replace(at, tight.size(), loose);
      ++replaced;
    }
    return text;
  });
  ASSERT_EQ(replaced, 1);
  auto a = MakeCleaner(with);
  auto b = MakeCleaner(without);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  // A label (v or w, a gap, x or 信, maybe 号 or id, maybe a colon) and an id.
  const std::vector<std::string> before = {"", "加", "的", "Hello ", "new ", "how. "};
  const std::vector<std::string> first = {"v", "V", "w", "W", "ｖ", "Ｖ", "ｗ", "Ｗ", "微"};
  const std::vector<std::string> gap = {" ", "\t", "\u3000", "\u00a0", ".", "-", "！",
                                        "·", "*", "\u00ad", "\u200b"};
  const std::vector<std::string> second = {"x", "X", "ｘ", "Ｘ", "信"};
  const std::vector<std::string> after = {"", "", "号", "id", "：", ":", " "};
  std::mt19937 rng(17);
  int ids = 0, more = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string text = before[rng() % before.size()];
    text += first[rng() % first.size()];
    for (int k = static_cast<int>(rng() % 3); k > 0; --k) text += gap[rng() % gap.size()];
    text += second[rng() % second.size()];
    for (int k = static_cast<int>(rng() % 3); k > 0; --k) text += after[rng() % after.size()];
    text += "abc_12345 有事\n";
    const Result ra = a->Clean(text);
    const Result rb = b->Clean(text);
    // What the loose triggers removed, these remove too: the same edit, or
    // one that takes it in (a contact now found makes its sentence an ad).
    for (const Edit& e : rb.edits) {
      ASSERT_TRUE(std::any_of(ra.edits.begin(), ra.edits.end(), [&](const Edit& f) {
        return f == e || (f.begin <= e.begin && e.end <= f.end && f.end > f.begin);
      })) << text;
    }
    ids += rb.text.find("<ID>") != std::string::npos;
    more += ra.edits != rb.edits;
    if (ra.edits != rb.edits) {
      EXPECT_TRUE(text.find("\u00a0") != std::string::npos ||
                  text.find("\u3000") != std::string::npos)
          << text;
    }
  }
  EXPECT_GT(ids, 200);
  EXPECT_GT(more, 0);
}

// Cleans `rounds` lines from `make_line`, each between a title and a line
// of text, with the built-in rules and with the same rules where `triggers`
// (a whole line of a built-in pack, such as `triggers = [...]`) is replaced
// by a trigger that picks every line: the edits must be the same. Returns
// how many of the lines `rule` removed something from, or -1 on a failure.
int RemovedAlikeWhenEveryLineIsPicked(const std::string& triggers, std::string_view rule,
                                      int rounds,
                                      const std::function<std::string(std::mt19937&)>& make_line) {
  int replaced = 0;
  const Options every_line = EditedBuiltinPacks(Options(), [&](std::string text) {
    const size_t at = text.find(triggers);
    if (at != std::string::npos) {
      text.replace(at, triggers.size(), "triggers = ['.']\n");
      ++replaced;
    }
    return text;
  });
  if (replaced != 1) {
    ADD_FAILURE() << "not one line of the built-in packs: " << triggers;
    return -1;
  }
  const auto a = MakeCleaner();
  const auto b = MakeCleaner(every_line);
  if (a == nullptr || b == nullptr) return -1;
  std::mt19937 rng(20261126);
  int removed = 0;
  for (int round = 0; round < rounds; ++round) {
    const std::string line = make_line(rng);
    const std::string text = "标题\n" + line + "\n正文。\n";
    const Result ra = a->Clean(text);
    const Result rb = b->Clean(text);
    EXPECT_EQ(ra.edits, rb.edits) << line;
    if (ra.edits != rb.edits) return -1;
    removed += std::any_of(rb.edits.begin(), rb.edits.end(),
                           [&](const Edit& e) { return b->rule(e.rule).id == rule; });
  }
  return removed;
}

// The meta-line rule's trigger wants a line that starts, past blanks, with a
// date or one of the words its patterns start with: on random lines of
// labels, dates, times, words and separators, the rule removes what it
// removes when it looks at every line.
TEST(CleanerTest, MetaLineTriggerPicksEveryLineThePatternsMatch) {
  const std::string trigger =
      "triggers = ['^[ \\t　]*(?:发布|更新|上传|时间|日期|浏览|阅|来源|作者|"
      "[0-9]{4}[-/.年][0-9]{1,2}[-/.月])']\n";
  // A meta line: blanks, a label, a date and time, fields of a word and a
  // value; then, one time in three, a piece put in anywhere or in place of
  // its start.
  const std::vector<std::vector<std::string>> parts = {
      {"", " ", "　", "\t"},
      {"", "", "发布时间：", "更新日期:", "上传时间 ：", "时间：", "日期:"},
      {"2023-05-12", "2023年5月12日", "2023/5/1", "2023.05.12", "", "2023-5", "5月12日"},
      {"", " 10:30", " 10:30:15"},
      {" ", " · ", " | ", ""},
  };
  const std::vector<std::string> words = {"来源", "作者", "编辑", "点击", "阅读", "浏览", "阅",
                                          "转", "浏览次数", "阅读量", "发布者", "信息来源",
                                          "发布时间", "更新时间", "发布日期"};
  const std::vector<std::string> values = {"：新华社", ":张三", " 123", "1.2万", "3k次",
                                           "：本站", "：2023-05-12", "：正文。还有"};
  const std::vector<std::string> pieces = {" ", "　", "正文", "abc", "2023", "：", "·", "1",
                                           "发布", "上传", "日期", "浏览", "来源", "。"};
  const int removed = RemovedAlikeWhenEveryLineIsPicked(
      trigger, "site.meta_line", 8000, [&](std::mt19937& rng) {
    std::string line;
    for (const auto& options : parts) line += options[rng() % options.size()];
    for (int k = 1 + static_cast<int>(rng() % 3); k > 0; --k) {
      line += words[rng() % words.size()] + values[rng() % values.size()] +
              (rng() % 2 ? " " : " · ");
    }
    if (rng() % 3 == 0) {
      const std::string& piece = pieces[rng() % pieces.size()];
      if (rng() % 2) {
        size_t at = rng() % (line.size() + 1);
        while (at < line.size() && (static_cast<unsigned char>(line[at]) & 0xC0) == 0x80) ++at;
        line.insert(at, piece);
      } else {
        line = piece + line.substr(std::min(line.size(), size_t{rng() % 12}));
      }
    }
    // Without the continuation bytes a cut may leave at its start.
    std::string valid;
    for (size_t i = 0; i < line.size(); ++i) {
      if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80 || !valid.empty()) valid += line[i];
    }
    return valid;
  });
  EXPECT_GT(removed, 2000);
}

// The breadcrumb rule's triggers want the starts of its first two patterns
// (您, 当前位置, 所在位置 or 首页 past blanks) or a separator of the third: on
// random breadcrumbs and near misses, the rule removes what it removes when
// it looks at every line.
TEST(CleanerTest, BreadcrumbTriggersPickEveryLineThePatternsMatch) {
  const std::string trigger =
      "triggers = ['^[ \\t]*(?:您|当前位置|所在位置|首页)', '>', '＞', '»']\n";
  const std::vector<std::string> starts = {"", " ", "\t", "　", "您", "您现在的位置", "您当前的位置",
                                           "您的位置", "当前位置", "所在位置", "首页", "位置",
                                           "网站首页", "新闻"};
  const std::vector<std::string> marks = {"：", ":", " ", "", ">", " > ", "＞", "»", "/", "→", "。"};
  const std::vector<std::string> names = {"首页", "新闻", "国内", "正文", "Home", "abc", "政策法规",
                                          "2023", "新闻中心", "的"};
  const int removed = RemovedAlikeWhenEveryLineIsPicked(
      trigger, "site.breadcrumb", 8000, [&](std::mt19937& rng) {
    std::string line = starts[rng() % starts.size()];
    if (rng() % 2) line = starts[rng() % 4] + line;  // blanks before
    for (int k = static_cast<int>(rng() % 6); k > 0; --k) {
      line += marks[rng() % marks.size()] + names[rng() % names.size()];
    }
    return line;
  });
  EXPECT_GT(removed, 600);
}

// The page counter's triggers want 页 before 共 or 第, or /N页, one of which
// each of its patterns has: on random counters and near misses spliced into
// a sentence, the rule removes what it removes when it looks at every line.
TEST(CleanerTest, PageCounterTriggersPickEveryLineThePatternsMatch) {
  const std::string trigger =
      "triggers = ['页[ \\t]*[,，/、(（]?[ \\t]*[共第]', '/[ \\t]*[0-9]+[ \\t]*页']\n";
  // A counter, piece by piece (第 1 页，共 3 页; 共3页/第1页; 第1/3页; 第1页(共3页)),
  // then, one time in two, a piece dropped or replaced by a near miss.
  const std::vector<std::vector<std::string>> parts = {
      {"第", "共"},  {"", " ", "\t"}, {"1", "12"},
      {"", " ", "　"}, {"页", "页", "/"}, {"", " ", ",", "，", "/", "、", "(", "（"},
      {"共", "第"},  {"", " ", "\t"}, {"3", "20"},
      {"", " "},     {"页", "页)", "页）"},
  };
  const std::vector<std::string> misses = {"", "十", "三", "篇", "章", "。", "a", "页", "1"};
  const std::vector<std::string> around = {"", "正文", "如下。", "见", "abc ", "2023年"};
  const int removed = RemovedAlikeWhenEveryLineIsPicked(
      trigger, "site.page_counter", 8000, [&](std::mt19937& rng) {
    std::vector<std::string> counter;
    for (const auto& options : parts) counter.push_back(options[rng() % options.size()]);
    if (rng() % 2) counter[rng() % counter.size()] = misses[rng() % misses.size()];
    std::string line = around[rng() % around.size()];
    for (const std::string& piece : counter) line += piece;
    line += around[rng() % around.size()];
    return line;
  });
  EXPECT_GT(removed, 600);
}

// The ad label rule looks at lines of at most 20 bytes besides blanks: on
// random labels and near misses, with blanks of every length around and
// inside them, it removes what it removes when it looks at every line.
TEST(CleanerTest, AdLabelShortLinesPickEveryLineThePatternsMatch) {
  const std::vector<std::string> blanks = {"", " ", "\t", "  \t ", std::string(30, ' '),
                                           std::string(17, '\t')};
  const std::vector<std::string> labels = {
      "Advertisement", "ADVERTISEMENTS", "advertisement", "Sponsored", "sponsored content",
      "SPONSORED CONTENT", "sponsored" + std::string(20, ' ') + "content", "Paid content",
      "Promoted", "Ad", "AD", "ads", "Ads", "Add", "Adverts", "Sponsored content by Acme Co",
      "Advertisement feature", "Read", "bad"};
  const std::vector<std::string> ends = {"", ":", ".", " :", "!", ": more", "..."};
  const int removed = RemovedAlikeWhenEveryLineIsPicked(
      "short_line = 20\n", "en.ad_label", 6000, [&](std::mt19937& rng) {
    const std::string line = blanks[rng() % blanks.size()] + labels[rng() % labels.size()] +
                             blanks[rng() % blanks.size()] + ends[rng() % ends.size()] +
                             blanks[rng() % blanks.size()];
    return line;
  });
  EXPECT_GT(removed, 1500);
}

// `short_line = N` picks the lines with 1 to N bytes besides spaces and tabs,
// however many blanks they hold; the rule's patterns decide on those.
TEST(CleanerTest, ShortLinePicksLinesByTheirSolidBytes) {
  Options options;
  options.default_rules = false;
  options.rule_texts.push_back(
      {"r.toml",
       "[[rule]]\nid = \"t.short\"\ncategory = \"boilerplate\"\nkind = \"line\"\n"
       "short_line = 5\npatterns = ['^[ \\t]*x[x \\t]*$']\n"});
  auto cleaner = MakeCleaner(options);
  ASSERT_NE(cleaner, nullptr);
  const std::string many(40, ' ');
  const std::vector<std::string> picked = {"x", "xxxxx", " x x x x x ",
                                           many + "xx" + many + "x" + many, "\tx\tx\t" + many,
                                           std::string(20, '\t') + "x"};
  for (const std::string& line : picked) {
    EXPECT_EQ(cleaner->Clean("keep\n" + line + "\nkeep\n").text, "keep\nkeep\n") << line;
  }
  const std::vector<std::string> not_picked = {"xxxxxx", " x x x x x x", many + "xxx" + many + "xxx",
                                               std::string(44, 'x')};
  for (const std::string& line : not_picked) {
    const std::string text = "keep\n" + line + "\nkeep\n";
    EXPECT_EQ(cleaner->Clean(text).text, text) << line;
  }
}

// The short lines of a document go through the regex together: what a
// short-line rule removes from a document of many lines (over 64 KB of them,
// in the order they come) is what it removes from each line alone, and a
// line at the end of the text is one there (`\z`).
TEST(CleanerTest, ShortLinesAreLookedAtAsAlone) {
  Options options;
  options.default_rules = false;
  options.layout = false;
  options.min_repeat_chars = 0;
  options.rule_texts.push_back(
      {"r.toml",
       "[[rule]]\nid = \"t.short\"\ncategory = \"boilerplate\"\nkind = \"line\"\n"
       "short_line = 6\npatterns = ['^[ \\t]*x[x \\t]*$', '^y', 'z\\z', '\\bw\\b']\n"});
  auto cleaner = MakeCleaner(options);
  ASSERT_NE(cleaner, nullptr);
  const std::vector<std::string> pieces = {"x", "y", "z", "w", " ", "\t", "q", "文", "ww"};
  std::mt19937 rng(20261126);
  std::string doc, kept;
  int removed = 0;
  while (doc.size() < 200000) {
    std::string line;
    for (int k = static_cast<int>(rng() % 9); k > 0; --k) line += pieces[rng() % pieces.size()];
    const bool alone = cleaner->Clean(line + "\n").text.empty();
    doc += line + "\n";
    if (!alone) kept += line + "\n";
    removed += alone;
  }
  EXPECT_EQ(cleaner->Clean(doc).text, kept);
  EXPECT_GT(removed, 3000);
  // z ends the text only on the last line, without a line break after it.
  EXPECT_EQ(cleaner->Clean("qz\nz").text, "qz\n");
  EXPECT_EQ(cleaner->Clean("z\nqz\n").text, "z\nqz\n");
}

// A rule's `requires` narrows the lines its triggers hit: a line goes on to
// the rule's patterns only if it also matches a requirement.
TEST(CleanerTest, RequiresNarrowsTheLinesATriggerHits) {
  Options options;
  options.default_rules = false;
  options.rule_texts.push_back(
      {"r.toml",
       "[[rule]]\nid = \"t.views\"\ncategory = \"boilerplate\"\nkind = \"line\"\n"
       "triggers = ['views']\nrequires = ['[0-9]{3,} views']\n"
       "patterns = ['^[0-9]{4}-[0-9]{2}-[0-9]{2}']\n"
       "[[rule]]\nid = \"t.folded\"\ncategory = \"contact\"\nkind = \"span\"\n"
       "fold = true\ntriggers = ['微']\nrequires = ['[微薇][ \\t]*信']\n"
       "patterns = ['微信[0-9]+']\n"
       "[[rule]]\nid = \"t.anchored\"\ncategory = \"boilerplate\"\nkind = \"line\"\n"
       "triggers = ['views']\nrequires = ['^[ \\t]*[0-9]+ views']\npatterns = ['views']\n"});
  auto cleaner = MakeCleaner(options);
  ASSERT_NE(cleaner, nullptr);
  EXPECT_EQ(cleaner->Clean("2024-01-02 12 views\n2024-01-02 123 views\nkeep\n").text,
            "2024-01-02 12 views\nkeep\n");
  // The second line has the trigger but not the requirement: it is not
  // folded, so its 微-信 is not read as 微信 (as the first line's 微 信 is).
  EXPECT_EQ(cleaner->Clean("加微 信12345吧\n加微-信12345吧\n").text,
            "加吧\n加微-信12345吧\n");
  // A requirement anchored at the line start is tried there only.
  EXPECT_EQ(cleaner->Clean("12 views\nkeep\n  7 views today\nsee 12 views\n").text,
            "keep\nsee 12 views\n");
}

}  // namespace
}  // namespace textwash
