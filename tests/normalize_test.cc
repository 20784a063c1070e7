// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// The opt-in normalizers, table by table with hard negatives: mojibake
// repair, traditional to simplified, Markdown, punctuation and width; how
// they sit with junk removal in one edit list; and that cleaning their
// output again changes nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <string_view>
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
};

// Options with only the normalizer under test: no rules, no noise, no
// repeats, so that each table shows that stage alone.
Options StageOnly() {
  Options o;
  o.default_rules = false;
  o.noise = false;
  o.min_repeat_chars = 0;
  return o;
}

// Checks each case, the Result contract, that every edit is the stage's,
// and that cleaning the output again changes nothing.
void RunCases(const Cleaner& cleaner, const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const Result r = cleaner.Clean(c.in);
    EXPECT_EQ(r.text, c.want);
    ExpectResultContract(cleaner, c.in, r);
    for (const Edit& e : r.edits) {
      EXPECT_EQ(e.category, Category::kNormalize) << cleaner.rule(e.rule).id;
    }
    if (c.in == c.want) EXPECT_TRUE(r.edits.empty());
    EXPECT_EQ(cleaner.Clean(r.text).text, r.text) << "not idempotent";
  }
}

std::vector<std::string> RuleIds(const Cleaner& cleaner, const Result& r) {
  std::vector<std::string> ids;
  for (const Edit& e : r.edits) ids.push_back(cleaner.rule(e.rule).id);
  return ids;
}

// ---- defaults, options, rules --------------------------------------------

// A text each normalizer would change.
constexpr std::string_view kEveryStage =
    "# 標題\n\n"
    "你好,世界。ＡＢＣ１２３ **bold** [link](https://example.com)\n"
    "caf\xC3\x83\xC2\xA9 au lait\n";

TEST(NormalizeTest, OffByDefaultAndTheDefaultOutputKeepsEveryCharacter) {
  const Options defaults;
  EXPECT_FALSE(defaults.fix_mojibake);
  EXPECT_FALSE(defaults.to_simplified);
  EXPECT_FALSE(defaults.strip_markdown);
  EXPECT_FALSE(defaults.keep_link_urls);
  EXPECT_FALSE(defaults.normalize_punct);
  auto cleaner = MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  const Result r = cleaner->Clean(kEveryStage);
  EXPECT_EQ(r.text, kEveryStage);
  EXPECT_TRUE(r.edits.empty());
}

TEST(NormalizeTest, EachStageIsABuiltInRuleOfCategoryNormalize) {
  auto cleaner = MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  EXPECT_EQ(CategoryName(Category::kNormalize), "normalize");
  for (const char* id : {"normalize.mojibake", "normalize.t2s", "normalize.markdown",
                         "normalize.punct", "normalize.width"}) {
    SCOPED_TRACE(id);
    const int index = cleaner->FindRule(id);
    ASSERT_GE(index, 0);
    EXPECT_EQ(cleaner->rule(index).category, Category::kNormalize);
    EXPECT_EQ(cleaner->rule(index).kind, RuleKind::kStage);
    EXPECT_EQ(cleaner->rule(index).source, "builtin");
  }
}

TEST(NormalizeTest, RuleFilesCannotUseTheNormalizeCategory) {
  const Status s = CheckRules("mine.toml",
                              "[[rule]]\nid = \"x\"\ncategory = \"normalize\"\n"
                              "kind = \"span\"\nliterals = [\"abc\"]\n");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("unknown category \"normalize\""), std::string::npos)
      << s.message();
}

TEST(NormalizeTest, KeepLinkUrlsNeedsStripMarkdown) {
  Options o;
  o.keep_link_urls = true;
  const auto cleaner = Cleaner::Create(o);
  ASSERT_FALSE(cleaner.ok());
  EXPECT_EQ(cleaner.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(cleaner.status().message(), "keep_link_urls needs strip_markdown");
  o.strip_markdown = true;
  EXPECT_TRUE(Cleaner::Create(o).ok());
}

TEST(NormalizeTest, EditsNameTheirStage) {
  Options o = StageOnly();
  o.fix_mojibake = true;
  o.to_simplified = true;
  o.strip_markdown = true;
  o.normalize_punct = true;
  auto cleaner = MakeCleaner(o);
  ASSERT_NE(cleaner, nullptr);
  const Result r = cleaner->Clean(kEveryStage);
  EXPECT_EQ(r.text,
            "标题\n\n"
            "你好，世界。ABC123 bold link\n"
            "café au lait\n");
  ExpectResultContract(*cleaner, kEveryStage, r);
  EXPECT_EQ(RuleIds(*cleaner, r),
            (std::vector<std::string>{"normalize.markdown", "normalize.t2s", "normalize.t2s",
                                      "normalize.punct", "normalize.width",
                                      "normalize.markdown", "normalize.markdown",
                                      "normalize.markdown", "normalize.markdown",
                                      "normalize.mojibake"}));
  // Each edit covers exactly what it rewrote, in input offsets.
  const Edit& t2s = r.edits[1];
  EXPECT_EQ(kEveryStage.substr(t2s.begin, t2s.end - t2s.begin), "標");
  EXPECT_EQ(t2s.replacement, "标");
  const Edit& mojibake = r.edits.back();
  EXPECT_EQ(kEveryStage.substr(mojibake.begin, mojibake.end - mojibake.begin),
            "\xC3\x83\xC2\xA9");
  EXPECT_EQ(mojibake.replacement, "é");
}

// ---- punctuation and width ---------------------------------------------------

TEST(NormalizeTest, PunctuationBetweenCjkBecomesFullWidth) {
  Options o = StageOnly();
  o.normalize_punct = true;
  auto cleaner = MakeCleaner(o);
  ASSERT_NE(cleaner, nullptr);
  RunCases(*cleaner, {
      {"comma and bang", "你好,世界!", "你好，世界！"},
      {"each mark", "天气怎么样?去公园吧:好的;走吧。", "天气怎么样？去公园吧：好的；走吧。"},
      {"blanks around the mark go", "中文 , 英文", "中文，英文"},
      {"a run of marks", "真的吗?!", "真的吗？！"},
      {"at the line end", "标题:\n内容", "标题：\n内容"},
      {"quotes around CJK", "他说\"你好\"。", "他说“你好”。"},
      {"quotes and brackets", "\"中文\"是一种语言(汉语),很多人说。",
       "“中文”是一种语言（汉语），很多人说。"},
      {"mark inside quotes at the end", "\"你好吗?\"", "“你好吗？”"},
      {"kana and hangul count", "すし,ラーメン 한국어,문장", "すし，ラーメン 한국어，문장"},
      {"full-width letters and digits", "ＡＢＣ１２３和ｐｙｔｈｏｎ３", "ABC123和python3"},
      {"full-width digits in a number", "共１，０００元", "共1，000元"},
      // Hard negatives.
      {"English", "Hello, world! This is English: fine (really).",
       "Hello, world! This is English: fine (really)."},
      {"number", "圆周率是3.14,约等于22/7。", "圆周率是3.14,约等于22/7。"},
      {"time", "时间:10:30", "时间:10:30"},
      {"Latin on the right", "中文, English text", "中文, English text"},
      {"URL", "见http://a.com/x?y=1,z=2。", "见http://a.com/x?y=1,z=2。"},
      {"URL with a CJK path", "访问https://例子.com/路径?a=1", "访问https://例子.com/路径?a=1"},
      {"code call", "print(\"你好\") 和 f(中文)", "print(\"你好\") 和 f(中文)"},
      {"code assignment", "name = \"张三\"", "name = \"张三\""},
      {"inline code", "用`中文,代码`写", "用`中文,代码`写"},
      {"fenced code", "```\n中文,代码\n```", "```\n中文,代码\n```"},
      {"Latin before the bracket", "使用Python(一种语言)编程", "使用Python(一种语言)编程"},
      {"a:b", "a:b and x,y", "a:b and x,y"},
      {"full-width punctuation stays", "你好，世界！（注）", "你好，世界！（注）"},
      {"ideographic space stays", "\u3000\u3000段落开头", "\u3000\u3000段落开头"},
  });
}

// ---- Markdown -----------------------------------------------------------------

TEST(NormalizeTest, MarkdownSyntaxGoesItsTextStays) {
  Options o = StageOnly();
  o.strip_markdown = true;
  auto cleaner = MakeCleaner(o);
  ASSERT_NE(cleaner, nullptr);
  RunCases(*cleaner, {
      {"heading", "# Title\nbody", "Title\nbody"},
      {"closed heading", "## Title ##", "Title"},
      {"emphasis", "Some **bold** and *italic* and _under_ text",
       "Some bold and italic and under text"},
      {"nested emphasis", "This is **bold and *italic* inside** text.",
       "This is bold and italic inside text."},
      {"adjacent bold", "**Bold****MoreBold**", "BoldMoreBold"},
      {"strong with underscores", "__strong__ word", "strong word"},
      {"strike-through", "~~gone~~ stays", "gone stays"},
      {"CJK emphasis", "这是**重点**内容，和~~删除~~文本。", "这是重点内容，和删除文本。"},
      {"bullets", "- one\n* two\n+ three", "one\ntwo\nthree"},
      {"nested bullet and task box", "- a\n  - [ ] task\n  - [x] done", "a\n  task\n  done"},
      {"block quote", "> quoted **text**\n> > deeper", "quoted text\ndeeper"},
      {"link", "Check [Example](https://example.com \"Title\") now",
       "Check Example now"},
      {"link with parentheses in the URL", "[wiki](https://w.org/A_(b)) end", "wiki end"},
      {"image", "![logo](img.png) here", "logo here"},
      {"autolink", "<https://x.org> and <me@x.org>", "https://x.org and me@x.org"},
      {"reference link and definition", "Use [the ref][ref].\n\n[ref]: https://r.example",
       "Use the ref.\n"},
      {"thematic break", "a\n\n---\n\nb", "a\n\nb"},
      {"setext underline", "Title\n=====\nbody", "Title\nbody"},
      {"code fence", "a\n```\nplain code line\n```\nb", "a\nplain code line\nb"},
      {"inline code", "`x_y` and `code` here", "x_y and code here"},
      // Hard negatives.
      {"snake_case", "my_var_name and snake_case_too", "my_var_name and snake_case_too"},
      {"arithmetic", "2*3*4 = 24 and 2**8 = 256", "2*3*4 = 24 and 2**8 = 256"},
      {"spaced stars", "a * b * c", "a * b * c"},
      {"unclosed", "This is *italic text", "This is *italic text"},
      {"footnote stars", "Only $5* today. *Terms apply.", "Only $5* today. *Terms apply."},
      {"URL with underscores", "See https://example.com/_a_b_ now",
       "See https://example.com/_a_b_ now"},
      {"citations", "as shown [1][2] before", "as shown [1][2] before"},
      {"escapes stay", "\\*not emphasis\\*", "\\*not emphasis\\*"},
      {"ordered list", "1. first\n2. second", "1. first\n2. second"},
      {"inline code that reads as Markdown", "`*lit*` stays", "`*lit*` stays"},
      {"code that reads as Markdown keeps its fences",
       "```python\nx = a*b  # **not bold**\n```", "```python\nx = a*b  # **not bold**\n```"},
      {"hashtag", "#hashtag and #1", "#hashtag and #1"},
      {"phone", "+86 138 0013 8000", "+86 138 0013 8000"},
  });
}

TEST(NormalizeTest, KeepLinkUrls) {
  Options o = StageOnly();
  o.strip_markdown = true;
  o.keep_link_urls = true;
  auto cleaner = MakeCleaner(o);
  ASSERT_NE(cleaner, nullptr);
  RunCases(*cleaner, {
      {"link", "Check [Example](https://example.com \"Title\") now",
       "Check Example (https://example.com) now"},
      {"image", "![logo](img.png)", "logo (img.png)"},
      {"angle brackets", "[a](<https://x.org/a b>)", "a (https://x.org/a b)"},
      {"definitions stay", "[ref]: https://r.example", "[ref]: https://r.example"},
  });
}

TEST(NormalizeTest, MarkdownLinesThatGoTakeTheirBlankLinesWithThem) {
  Options o = StageOnly();
  o.strip_markdown = true;
  auto with_layout = MakeCleaner(o);
  o.layout = false;
  auto without_layout = MakeCleaner(o);
  ASSERT_NE(with_layout, nullptr);
  ASSERT_NE(without_layout, nullptr);
  constexpr std::string_view kIn = "---\n\ntext\n\n***\n\nmore\n\n# \n";
  EXPECT_EQ(with_layout->Clean(kIn).text, "text\n\nmore\n");
  EXPECT_EQ(without_layout->Clean(kIn).text, "\ntext\n\n\nmore\n\n\n");
}

// ---- traditional to simplified --------------------------------------------

TEST(NormalizeTest, TraditionalBecomesSimplifiedPhraseByPhrase) {
  Options o = StageOnly();
  o.to_simplified = true;
  auto cleaner = MakeCleaner(o);
  ASSERT_NE(cleaner, nullptr);
  RunCases(*cleaner, {
      {"sentence", "這是幾個繁體字，會被轉換爲簡體字", "这是几个繁体字，会被转换为简体字"},
      {"phrases", "頭髮和發展，乾燥與乾隆", "头发和发展，干燥与乾隆"},
      {"mixed", "繁體afadf字$#@#和简体字123*&種", "繁体afadf字$#@#和简体字123*&种"},
      {"lines", "臺灣\n香港\n", "台湾\n香港\n"},
      // Hard negatives.
      {"simplified", "如果本身都是简体字，就不会被转换", "如果本身都是简体字，就不会被转换"},
      {"English", "No Chinese here.", "No Chinese here."},
  });
}

// ---- mojibake ---------------------------------------------------------------------

TEST(NormalizeTest, MojibakeIsRepairedAndCorrectTextIsNot) {
  Options o = StageOnly();
  o.fix_mojibake = true;
  auto cleaner = MakeCleaner(o);
  ASSERT_NE(cleaner, nullptr);
  RunCases(*cleaner, {
      // Windows-1252 (C1 bytes it lacks read as Latin-1).
      {"accents", "caf\u00C3\u00A9 au lait, na\u00C3\u00AFve r\u00C3\u00A9sum\u00C3\u00A9",
       "café au lait, naïve résumé"},
      {"smart quotes and dash", "\u00E2\u20AC\u0153Smart quotes\u00E2\u20AC\xC2\x9D \u00E2\u20AC\u201D ok",
       "“Smart quotes” — ok"},
      {"German", "Stra\u00C3\u0178e und Gr\u00C3\u00B6\u00C3\u0178e", "Straße und Größe"},
      {"symbol", "I \u00E2\xC2\x9D\u00A4 it", "I ❤ it"},
      {"4-byte emoji", "ok \u00F0\u0178\u02DC\u20AC", "ok 😀"},
      {"Chinese", "\u00E4\u00B8\u00AD\u00E6\u2013\u2021\u00E7\u00BC\u2013\u00E7\u00A0\xC2\x81",
       "中文编码"},
      {"Chinese with a digit",
       "\u00E8\u00BF\u02DC\u00E5\u2030\u00A95\u00E9\u00A1\u00B5\u00E6\u0153\u00AA\u00E8\u00AF\u00BB",
       "还剩5页未读"},
      {"Latin-1 C1 controls", "l\u00E2\xC2\x80\xC2\x99intelligence", "l’intelligence"},
      {"garbled twice", "don\u00C3\u00A2\u00E2\u201A\u00AC\u00E2\u201E\u00A2t", "don’t"},
      {"a space that was a no-break space", "\u00C3 perturber la r\u00C3\u00A9flexion",
       "à perturber la réflexion"},
      {"line by line", "caf\u00C3\u00A9\nplain\nna\u00C3\u00AFve", "café\nplain\nnaïve"},
      // GBK and Big5.
      {"GBK", "鍖椾含甯傛湞闃冲尯浜烘皯娉曢櫌", "北京市朝阳区人民法院"},
      {"GBK with ASCII and full-width forms", "Q锛氶亣鍒伴棶棰樻壘璋侊紵", "Q：遇到问题找谁？"},
      {"GBK in a Markdown heading", "## 澶勭悊楸肩墖", "## 处理鱼片"},
      {"GBK short", "浣犲ソ涓栫晫", "你好世界"},
      {"Big5", "頧祈蝸霂瑟釣", "转载请注"},
      {"Big5 with a full-width letter", "靚Ｚ陝憭批振", "谢谢大家"},
      // Hard negatives.
      {"Chinese", "阿里巴巴集团在杭州。北京市朝阳区人民法院", "阿里巴巴集团在杭州。北京市朝阳区人民法院"},
      {"traditional Chinese", "繁體中文的亂碼問題，臺灣與香港。", "繁體中文的亂碼問題，臺灣與香港。"},
      {"French", "Ça va très bien, merci « à bientôt » — déjà vu",
       "Ça va très bien, merci « à bientôt » — déjà vu"},
      {"German", "»Straße« und Größe, Übermaß", "»Straße« und Größe, Übermaß"},
      {"Windows-1252 punctuation", "“Smart quotes” ‘single’ — dashes – and… ellipses™ €5",
       "“Smart quotes” ‘single’ — dashes – and… ellipses™ €5"},
      {"letters that would spell a CJK character", "café…» fin", "café…» fin"},
      {"Japanese", "日本語の文章です。東京は晴れています。", "日本語の文章です。東京は晴れています。"},
      {"Korean", "한국어 문장입니다.", "한국어 문장입니다."},
      {"Russian and Greek", "Привет, мир. Γειά σου κόσμε.", "Привет, мир. Γειά σου κόσμε."},
      {"Portuguese capitals", "SÃO PAULO É GRANDE", "SÃO PAULO É GRANDE"},
      {"a lone no-break-space candidate", "Ã perturber", "Ã perturber"},
      {"ASCII", "No problems", "No problems"},
  });
}

TEST(NormalizeTest, MojibakeLeavesIllFormedUtf8ToHygiene) {
  Options o = StageOnly();
  o.fix_mojibake = true;
  auto cleaner = MakeCleaner(o);
  ASSERT_NE(cleaner, nullptr);
  const std::string in = "caf\u00C3\u00A9 \xFF end";
  const Result r = cleaner->Clean(in);
  EXPECT_EQ(r.text, "café \uFFFD end");
  ExpectResultContract(*cleaner, in, r);
  EXPECT_EQ(RuleIds(*cleaner, r),
            (std::vector<std::string>{"normalize.mojibake", "unicode.invalid_utf8"}));
}

// ---- with junk removal ------------------------------------------------------------

TEST(NormalizeTest, RulesSeeTheRepairedAndSimplifiedText) {
  constexpr std::string_view kBody = "正文第一段内容，讲述了一个故事。\n";
  // The same junk line, garbled and in traditional characters: the default
  // rules (written in simplified Chinese) find it only after the repair.
  const std::string garbled =
      std::string(kBody) +
      "\u00E8\u00BF\u02DC\u00E5\u2030\u00A95\u00E9\u00A1\u00B5\u00E6\u0153\u00AA\u00E8\u00AF"
      "\u00BB\u00EF\u00BC\u0152\u00E7\u00BB\u00A7\u00E7\u00BB\xC2\xAD\u00E9\u02DC\u2026\u00E8"
      "\u00AF\u00BB\n";
  const std::string traditional = std::string(kBody) + "還剩5頁未讀，繼續閱讀\n";
  auto plain = MakeCleaner();
  ASSERT_NE(plain, nullptr);
  EXPECT_NE(plain->Clean(garbled).text, kBody);
  EXPECT_NE(plain->Clean(traditional).text, kBody);

  Options o;
  o.fix_mojibake = true;
  auto repair = MakeCleaner(o);
  o = Options();
  o.to_simplified = true;
  auto simplify = MakeCleaner(o);
  ASSERT_NE(repair, nullptr);
  ASSERT_NE(simplify, nullptr);
  for (const auto& [cleaner, in] : {std::pair{repair, garbled}, std::pair{simplify, traditional}}) {
    SCOPED_TRACE(in);
    const Result r = cleaner->Clean(in);
    EXPECT_EQ(r.text, kBody);
    ExpectResultContract(*cleaner, in, r);
    // The junk line goes as one edit of a junk rule, which took over the
    // normalizer's edits inside it.
    ASSERT_EQ(r.edits.size(), 1u);
    EXPECT_EQ(r.edits[0].begin, kBody.size());
    EXPECT_EQ(r.edits[0].end, in.size());
    EXPECT_NE(r.edits[0].category, Category::kNormalize);
  }
}

TEST(NormalizeTest, ConversionsStayOnTheTextTheRulesKeep) {
  Options o;
  o.to_simplified = true;
  o.normalize_punct = true;
  o.strip_markdown = true;
  auto cleaner = MakeCleaner(o);
  ASSERT_NE(cleaner, nullptr);
  const std::string in = "**這是正文**,內容很長。##paidbegin##後面還有,正文。\n關注微信公眾號：abc123\n";
  const Result r = cleaner->Clean(in);
  EXPECT_EQ(r.text, "这是正文，内容很长。后面还有，正文。\n");
  ExpectResultContract(*cleaner, in, r);
  // The marker and the junk line are removed by their rules; the
  // normalizers' edits lie only on the text that stays.
  std::vector<std::string> junk;
  for (const Edit& e : r.edits) {
    if (e.category != Category::kNormalize) junk.push_back(cleaner->rule(e.rule).id);
  }
  EXPECT_EQ(junk.size(), 2u);
}

TEST(NormalizeTest, ARuleCutInsideARepairedRunKeepsTheRestOfIt) {
  // "浣犲ソ" is one GBK run for "你好": a rule that cuts "好" cuts inside the
  // repair, and the edit list still reproduces the output.
  Options o = StageOnly();
  o.fix_mojibake = true;
  o.rule_texts.push_back({"cut.toml",
                          "[[rule]]\nid = \"cut.hao\"\ncategory = \"ad\"\nkind = \"span\"\n"
                          "literals = [\"好\"]\n"});
  auto cleaner = MakeCleaner(o);
  ASSERT_NE(cleaner, nullptr);
  const std::string in = "浣犲ソ涓栫晫";
  const Result r = cleaner->Clean(in);
  EXPECT_EQ(r.text, "你世界");
  ExpectResultContract(*cleaner, in, r);
  ASSERT_EQ(r.edits.size(), 2u);
  EXPECT_EQ(cleaner->rule(r.edits[0].rule).id, "cut.hao");
  EXPECT_EQ(in.substr(r.edits[0].begin, r.edits[0].end - r.edits[0].begin), "浣犲ソ");
  EXPECT_EQ(r.edits[0].replacement, "你");
  EXPECT_EQ(cleaner->rule(r.edits[1].rule).id, "normalize.mojibake");
}

// Long lines of what each stage looks for, unclosed or unpaired: every stage
// reads them in one pass (a stage that looked again from each candidate would
// take minutes here).
TEST(NormalizeTest, LongLinesOfSyntaxKeepTheContract) {
  Options o = StageOnly();
  o.fix_mojibake = true;
  o.to_simplified = true;
  o.strip_markdown = true;
  o.normalize_punct = true;
  auto cleaner = MakeCleaner(o);
  ASSERT_NE(cleaner, nullptr);
  for (const char* unit : {"[", "![", "[a](", "a* ", "_a ", "<", "`a``", "```` ``` `` ` ",
                           "中,", "\"中", "(中", "\u00C3\u00A9", "浣犲ソ", "http://x", ")",
                           "**a*b_c~~d`", "[a][", "\\*"}) {
    SCOPED_TRACE(unit);
    std::string line;
    while (line.size() < 200000) line += unit;
    line += "\n";
    const Result r = cleaner->Clean(line);
    ExpectResultContract(*cleaner, line, r);
  }
}

// ---- the README's examples ----------------------------------------------------

// Each row of the README's table | `option`, ... | `--flag` | `before` |
// `after` |: `before` becomes `after` with those options on.
TEST(NormalizeTest, TheReadmeExamplesHold) {
  const std::string readme = testing::ReadFileOrDie(TEXTWASH_SOURCE_DIR "/README.md");
  const size_t section = readme.find("\n## Opt-in normalizers\n");
  ASSERT_NE(section, std::string::npos);
  std::istringstream in(readme.substr(section, readme.find("\n## ", section + 1) - section));
  auto unquote = [](std::string_view cell) {
    while (!cell.empty() && cell.front() == ' ') cell.remove_prefix(1);
    while (!cell.empty() && cell.back() == ' ') cell.remove_suffix(1);
    EXPECT_TRUE(cell.size() >= 2 && cell.front() == '`' && cell.back() == '`') << cell;
    return std::string(cell.substr(1, cell.size() - 2));
  };
  int rows = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.starts_with("| `")) continue;
    SCOPED_TRACE(line);
    ASSERT_TRUE(line.ends_with(" |"));
    const std::string row = line.substr(2, line.size() - 4);  // without "| " and " |"
    std::vector<std::string> cells;
    for (size_t b = 0; b <= row.size();) {
      const size_t e = std::min(row.find(" | ", b), row.size());
      cells.push_back(row.substr(b, e - b));
      b = e + 3;
    }
    ASSERT_EQ(cells.size(), 4u);
    Options o = StageOnly();
    for (size_t b = 0; b < cells[0].size();) {
      size_t e = cells[0].find(',', b);
      if (e == std::string::npos) e = cells[0].size();
      const std::string option = unquote(cells[0].substr(b, e - b));
      b = e + 1;
      if (option == "fix_mojibake") o.fix_mojibake = true;
      else if (option == "to_simplified") o.to_simplified = true;
      else if (option == "strip_markdown") o.strip_markdown = true;
      else if (option == "keep_link_urls") o.keep_link_urls = true;
      else if (option == "normalize_punct") o.normalize_punct = true;
      else ADD_FAILURE() << "unknown option " << option;
    }
    auto cleaner = MakeCleaner(o);
    ASSERT_NE(cleaner, nullptr);
    EXPECT_EQ(cleaner->Clean(unquote(cells[2])).text, unquote(cells[3]));
    ++rows;
  }
  EXPECT_EQ(rows, 5);
}

// ---- all at once ------------------------------------------------------------------

TEST(NormalizeTest, EveryOptionOnKeepsTheContractAndIsIdempotentOnTheCorpus) {
  Options o;
  o.fix_mojibake = true;
  o.to_simplified = true;
  o.strip_markdown = true;
  o.keep_link_urls = true;
  o.normalize_punct = true;
  auto cleaner = MakeCleaner(o);
  ASSERT_NE(cleaner, nullptr);
  int documents = 0;
  for (const auto& path : testing::DataFiles(".txt")) {
    SCOPED_TRACE(path.string());
    const std::string in = testing::ReadFileOrDie(path);
    const Result r = cleaner->Clean(in);
    ExpectResultContract(*cleaner, in, r);
    const std::string again = cleaner->Clean(r.text).text;
    EXPECT_TRUE(again == r.text) << testing::LineDiff(r.text, again);
    ++documents;
  }
  EXPECT_GE(documents, 150);
}

}  // namespace
}  // namespace textwash
