// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// The review page: its HTML writer (escaping, one marked span per edit, the
// CSP hashes), its sampler and `textwash review` through RunCli(). The page's
// behaviour in a browser is tested by tests/browser/review_page_test.py.
#ifdef TEXTWASH_HAVE_CLI

#include "tools/review.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tests/cli_test_util.h"
#include "textwash/textwash.h"

namespace textwash {
namespace {

using cli::ReviewData;
using cli::ReviewDocument;
using testing::CliData;
using testing::Contains;
using testing::RunWith;

using CliReviewTest = testing::ScratchDirTest;

size_t CountOf(std::string_view haystack, std::string_view needle) {
  size_t count = 0;
  for (size_t at = haystack.find(needle); at != std::string_view::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

// The values of attribute `name` on the marked edits, in page order.
std::vector<std::string> EditAttributes(std::string_view page,
                                        std::string_view name) {
  std::vector<std::string> values;
  const std::string key = std::string(name) + "=\"";
  for (size_t at = page.find("<span class=\"edit "); at != std::string::npos;
       at = page.find("<span class=\"edit ", at + 1)) {
    const size_t begin = page.find(key, at) + key.size();
    values.emplace_back(page.substr(begin, page.find('"', begin) - begin));
  }
  return values;
}

std::shared_ptr<const Cleaner> MakeCleaner(const Options& options) {
  StatusOr<std::shared_ptr<const Cleaner>> cleaner = Cleaner::Create(options);
  EXPECT_TRUE(cleaner.ok()) << cleaner.status().message();
  return *cleaner;
}

// A page of `texts`, each cleaned by `cleaner`, as the sampler keeps them.
std::string PageOf(const Cleaner& cleaner,
                   const std::vector<std::string>& texts,
                   std::vector<Edit>* all_edits = nullptr) {
  ReviewData data;
  data.title = "t";
  data.inputs = {"in.jsonl"};
  for (size_t i = 0; i < texts.size(); ++i) {
    const Result result = cleaner.Clean(texts[i]);
    data.stats.CountEdits(texts[i], result.edits, cleaner.rule_count());
    ++data.stats.documents_in;
    ReviewDocument document;
    document.input = "in.jsonl";
    document.line = i + 1;
    document.index = i;
    document.text = texts[i];
    document.edits = result.edits;
    document.bytes = texts[i].size();
    document.edit_count = result.edits.size();
    data.documents.push_back(document);
    if (all_edits != nullptr) {
      all_edits->insert(all_edits->end(), result.edits.begin(),
                        result.edits.end());
    }
  }
  return cli::ReviewPage(data, cleaner);
}

// The page after its style and script, for failure messages.
std::string_view Body(std::string_view page) {
  const size_t body = page.find("<body>");
  return body == std::string_view::npos ? page : page.substr(body);
}

// The text between `open` and the next `close`.
std::string Between(std::string_view text, std::string_view open,
                    std::string_view close) {
  const size_t begin = text.find(open);
  if (begin == std::string_view::npos) return "";
  const size_t end = text.find(close, begin + open.size());
  return std::string(text.substr(begin + open.size(),
                                 end - begin - open.size()));
}

// ---- the HTML writer --------------------------------------------------------

TEST(ReviewHtmlTest, EscapesMarkupQuotesAndInvalidUtf8) {
  std::string out;
  cli::AppendHtmlEscaped("<a href='x' title=\"y\">&amp;</a>中\xFF!", &out);
  EXPECT_EQ(out,
            "&lt;a href=&#39;x&#39; title=&quot;y&quot;&gt;&amp;amp;&lt;/a&gt;"
            "中\xEF\xBF\xBD!");
}

TEST(ReviewHtmlTest, Sha256MatchesKnownDigests) {
  // Lengths around the padding boundaries (55, 56, 64) and several blocks.
  EXPECT_EQ(cli::Sha256Base64(""),
            "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  EXPECT_EQ(cli::Sha256Base64("abc"),
            "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
  EXPECT_EQ(cli::Sha256Base64(std::string(55, 'a')),
            "n0OQ+NMMLdkuyfCVtl4rmumwqSWlJY4kHJ8ekQ9zQxg=");
  EXPECT_EQ(cli::Sha256Base64(std::string(56, 'a')),
            "s1Q5pKxvCUi21vnjxq8PX1kM4g8b3nCQ73lwaG7Gc4o=");
  EXPECT_EQ(cli::Sha256Base64(std::string(64, 'a')),
            "/+BU/nrgy23GXDr5th1SCfQ5hR20PQulmXM33xVGaOs=");
  EXPECT_EQ(cli::Sha256Base64(std::string(1000, 'a')),
            "Qe3s5C1j6Nm/UVqbppMuHCDLyfWl0TRkWttdsblzfqM=");
  EXPECT_EQ(cli::Sha256Base64("意识形态"),
            "RL67Z7Fa+SQH1YOErE5S3n1iLD746Qf9GB1NPuIz7LY=");
}

TEST(ReviewHtmlTest, OneMarkedSpanPerEditWithItsRuleAndCategory) {
  const std::shared_ptr<const Cleaner> cleaner = MakeCleaner(Options());
  std::vector<Edit> edits;
  const std::string page = PageOf(
      *cleaner,
      {"意识形态##paidbegin##责任制\n\n\n第二段\n",
       "Plain text with nothing to remove.\n",
       "Subscribe to continue reading\nBody text.\n##paidend##\n"},
      &edits);
  ASSERT_GE(edits.size(), 3u);
  EXPECT_EQ(CountOf(page, "<span class=\"edit "), edits.size());
  std::vector<std::string> rules;
  std::vector<std::string> categories;
  for (const Edit& edit : edits) {
    rules.push_back(cleaner->rule(edit.rule).id);
    categories.emplace_back(CategoryName(edit.category));
  }
  EXPECT_EQ(EditAttributes(page, "data-rule"), rules);
  EXPECT_EQ(EditAttributes(page, "data-cat"), categories);
  // The removed text stays visible, struck through, with its rule on hover.
  EXPECT_TRUE(Contains(page, "<del>##paidbegin##</del>")) << Body(page);
  EXPECT_TRUE(Contains(page, "title=\"paywall.marker · paywall · rules/"));
  EXPECT_EQ(CountOf(page, "<details class=\"doc\""), 3u);
}

TEST(ReviewHtmlTest, ReplacementsAreShownAfterTheRemovedText) {
  Options options;
  options.pii = PiiMode::kMask;
  const std::shared_ptr<const Cleaner> cleaner = MakeCleaner(options);
  const std::string page =
      PageOf(*cleaner, {"Write to zhang.san@example.com today.\n"});
  EXPECT_TRUE(Contains(page,
                       "<del>zhang.san@example.com</del><ins>&lt;EMAIL&gt;"
                       "</ins>"))
      << Body(page);
}

TEST(ReviewHtmlTest, DocumentsRulesAndNamesCannotInjectMarkup) {
  // Markup in a document, in a rule's id source and description, in the
  // title, the input's name and a record's id must all come out as text.
  const std::string hostile =
      "</script><script>window.pwned=1</script>"
      "<img src=x onerror=\"window.pwned=2\"><!-- ' \" &amp; -->";
  Options options;
  options.rule_texts.push_back(
      {"evil\"><script>x</script>.toml",
       "[[rule]]\n"
       "id = \"test.img\"\n"
       "category = \"ad\"\n"
       "kind = \"span\"\n"
       "description = \"<b onmouseover=alert(1)>bold</b>\"\n"
       "literals = [\"<img src=x onerror=\\\"window.pwned=2\\\">\"]\n"});
  const std::shared_ptr<const Cleaner> cleaner = MakeCleaner(options);
  ReviewData data;
  data.title = "<script>alert('title')</script>";
  data.inputs = {"<img src=y onerror=alert(3)>.jsonl"};
  const std::string text = "before " + hostile + " after\n";
  const Result result = cleaner->Clean(text);
  ASSERT_EQ(result.edits.size(), 1u);
  EXPECT_EQ(cleaner->rule(result.edits[0].rule).id, "test.img");
  data.stats.CountEdits(text, result.edits, cleaner->rule_count());
  ReviewDocument document;
  document.input = data.inputs[0];
  document.id = "<svg onload=alert(4)>";
  document.text = text;
  document.edits = result.edits;
  document.bytes = text.size();
  document.edit_count = 1;
  data.documents.push_back(document);
  const std::string page = cli::ReviewPage(data, *cleaner);

  // The page's own script is the only script, and nothing else is an
  // element: every < of the untrusted text was escaped.
  EXPECT_EQ(CountOf(page, "<script"), 1u);
  EXPECT_EQ(CountOf(page, "</script"), 1u);
  EXPECT_EQ(CountOf(page, "<img"), 0u);
  EXPECT_EQ(CountOf(page, "<svg onload"), 0u);
  EXPECT_EQ(CountOf(page, "<b "), 0u);
  EXPECT_EQ(CountOf(page, "<!--"), 0u);
  EXPECT_TRUE(Contains(page, "&lt;/script&gt;&lt;script&gt;window.pwned=1"));
  EXPECT_TRUE(Contains(
      page, "<del>&lt;img src=x onerror=&quot;window.pwned=2&quot;&gt;</del>"));
  EXPECT_TRUE(Contains(page, "data-desc=\"&lt;b onmouseover=alert(1)&gt;"));
  EXPECT_TRUE(Contains(page, "evil&quot;&gt;&lt;script&gt;x&lt;/script&gt;"));
  EXPECT_TRUE(Contains(page, "&lt;svg onload=alert(4)&gt;"));
  EXPECT_TRUE(Contains(page, "<title>&lt;script&gt;alert(&#39;title&#39;)"));
}

TEST(ReviewHtmlTest, CspHashesAreThoseOfTheInlineStyleAndScript) {
  const std::shared_ptr<const Cleaner> cleaner = MakeCleaner(Options());
  const std::string page = PageOf(*cleaner, {"a##paidbegin##b\n"});
  const std::string csp = Between(page, "Content-Security-Policy\" content=\"",
                                  "\"");
  EXPECT_TRUE(csp.starts_with("default-src 'none'; ")) << csp;
  const std::string style = Between(page, "<style>", "</style>");
  const std::string script = Between(page, "<script>", "</script>");
  ASSERT_FALSE(style.empty());
  ASSERT_FALSE(script.empty());
  EXPECT_TRUE(Contains(csp, "style-src 'sha256-" + cli::Sha256Base64(style) +
                                "'"))
      << csp;
  EXPECT_TRUE(Contains(csp, "script-src 'sha256-" +
                                cli::Sha256Base64(script) + "'"))
      << csp;
  // Self-contained: no URL to load anything from.
  EXPECT_FALSE(Contains(page, "src=\"http"));
  EXPECT_FALSE(Contains(page, "href=\"http"));
  EXPECT_FALSE(Contains(page, "@import"));
  EXPECT_FALSE(Contains(page, "url("));
}

TEST(ReviewHtmlTest, InvisibleAndInvalidRemovalsAreLabelled) {
  const std::shared_ptr<const Cleaner> cleaner = MakeCleaner(Options());
  std::vector<Edit> edits;
  const std::string page =
      PageOf(*cleaner, {"zero\xE2\x80\x8Bwidth and bad \xFF byte\r\n"}, &edits);
  EXPECT_TRUE(Contains(page, "<del><span class=\"cp\">U+200B</span></del>"))
      << Body(page);
  EXPECT_TRUE(Contains(page, "<del><span class=\"cp\">\\xFF</span></del>"))
      << Body(page);
  // CRLF became LF: the page keeps the document's one line break.
  EXPECT_TRUE(Contains(page,
                       "<del><span class=\"cp\">CR</span><span class=\"cp "
                       "nl\">↵</span>\n</del><ins><span class=\"cp nl\">↵"
                       "</span></ins>"))
      << Body(page);
  EXPECT_EQ(CountOf(page, "<span class=\"edit "), edits.size());
}

TEST(ReviewHtmlTest, ChartAndTableCountTheWholeRun) {
  const std::shared_ptr<const Cleaner> cleaner = MakeCleaner(Options());
  ReviewData data;
  const std::string text = "a##paidbegin##b\nc##paidbegin##d\n";
  const Result result = cleaner->Clean(text);
  ASSERT_EQ(result.edits.size(), 2u);
  for (int i = 0; i < 3; ++i) {
    data.stats.CountEdits(text, result.edits, cleaner->rule_count());
  }
  data.stats.documents_in = 3;
  const std::string page = cli::ReviewPage(data, *cleaner);
  // 6 edits of 13 bytes each, none in the (empty) sample.
  EXPECT_TRUE(Contains(page, "data-cat=\"paywall\" tabindex=\"0\" "
                             "role=\"button\" aria-label=\"paywall: 78 bytes "
                             "removed by 6 edits\""))
      << Body(page);
  EXPECT_TRUE(Contains(page, "data-rule=\"paywall.marker\" title=\"rules/"))
      << Body(page);
  EXPECT_TRUE(Contains(page, "<td class=\"num\">6</td><td class=\"num\">78"
                             "</td><td class=\"num\">0</td>"))
      << Body(page);
  EXPECT_TRUE(Contains(page, "No documents to show.")) << Body(page);
}

// ---- the sampler ------------------------------------------------------------

// Feeds documents `order` to a sampler; odd ones have an edit.
std::vector<uint64_t> Sampled(const cli::ReviewOptions& options,
                              const std::vector<uint64_t>& order) {
  cli::ReviewSampler sampler(options, {"in"});
  Result edited;
  edited.edits.push_back(Edit{0, 1, "", Category::kAd, 0});
  const Result untouched;
  for (const uint64_t index : order) {
    sampler.Cleaned(cli::CleanedDocument{"in", index + 1, index, "", "x",
                                         index % 2 ? edited : untouched});
  }
  std::vector<uint64_t> indexes;
  for (const ReviewDocument& document : sampler.TakeData().documents) {
    indexes.push_back(document.index);
  }
  return indexes;
}

TEST(ReviewSamplerTest, SampleDependsOnSeedAndInputNotOnOrder) {
  std::vector<uint64_t> order(1000);
  for (uint64_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<uint64_t> reversed(order.rbegin(), order.rend());
  cli::ReviewOptions options;
  options.sample = 25;
  const std::vector<uint64_t> forward = Sampled(options, order);
  EXPECT_EQ(forward.size(), 25u);
  EXPECT_TRUE(std::is_sorted(forward.begin(), forward.end()));
  EXPECT_EQ(Sampled(options, reversed), forward);
  // Spread over the input, not its first documents.
  EXPECT_GT(forward.back(), 500u);
  options.seed = 7;
  const std::vector<uint64_t> other = Sampled(options, order);
  EXPECT_EQ(other.size(), 25u);
  EXPECT_NE(other, forward);
  options.edited_only = true;
  for (const uint64_t index : Sampled(options, order)) {
    EXPECT_EQ(index % 2, 1u) << index;
  }
  options.sample = 5000;
  EXPECT_EQ(Sampled(options, order).size(), 500u);
}

TEST(ReviewSamplerTest, CountsEveryDocumentNotOnlyTheSample) {
  cli::ReviewOptions options;
  options.sample = 1;
  cli::ReviewSampler sampler(options, {"in"});
  Result result;
  result.text = "ab";
  result.edits.push_back(Edit{0, 1, "", Category::kAd, 0});
  for (uint64_t i = 0; i < 4; ++i) {
    sampler.Cleaned(cli::CleanedDocument{"in", 0, i, "\"d\\u0031\"", "abc",
                                         result});
  }
  const ReviewData data = sampler.TakeData();
  EXPECT_EQ(data.documents_edited, 4u);
  EXPECT_EQ(data.text_bytes_in, 12u);
  EXPECT_EQ(data.text_bytes_out, 8u);
  ASSERT_EQ(data.documents.size(), 1u);
  EXPECT_EQ(data.documents[0].id, "d1");  // the JSON string, decoded
}

TEST(ReviewSamplerTest, ShownBytesKeepCodePointsAndEditsWhole) {
  const std::string text = "中文中文中文";  // 18 bytes
  EXPECT_EQ(cli::ShownBytes(text, {}, 100), 18u);
  EXPECT_EQ(cli::ShownBytes(text, {}, 7), 6u);  // back to a boundary
  EXPECT_EQ(cli::ShownBytes(text, {}, 6), 6u);
  const std::vector<Edit> edits = {Edit{3, 12, "", Category::kAd, 0}};
  EXPECT_EQ(cli::ShownBytes(text, edits, 7), 12u);  // on to the edit's end
  EXPECT_EQ(cli::ShownBytes(text, edits, 3), 3u);
}

TEST(ReviewSamplerTest, LongDocumentsAreCutAndSaySo) {
  cli::ReviewOptions options;
  options.max_document_bytes = 10;
  cli::ReviewSampler sampler(options, {"in"});
  const std::string text = "0123456789abcdefghij";
  Result result;
  result.edits = {Edit{2, 4, "", Category::kAd, 0},
                  Edit{8, 12, "", Category::kAd, 0},
                  Edit{15, 16, "", Category::kAd, 0}};
  sampler.Cleaned(cli::CleanedDocument{"in", 0, 0, "", text, result});
  ReviewData data = sampler.TakeData();
  ASSERT_EQ(data.documents.size(), 1u);
  const ReviewDocument& document = data.documents[0];
  EXPECT_EQ(document.text, "0123456789ab");
  EXPECT_EQ(document.edits.size(), 2u);
  EXPECT_EQ(document.edit_count, 3u);
  EXPECT_EQ(document.bytes, 20u);
  const std::shared_ptr<const Cleaner> cleaner = MakeCleaner(Options());
  const std::string page = cli::ReviewPage(data, *cleaner);
  EXPECT_EQ(CountOf(page, "<span class=\"edit "), 2u);
  EXPECT_TRUE(Contains(page, "Shown: the first 12 B of 20 B; 1 more edits are "
                             "not shown."))
      << Body(page);
  // The card's header counts the whole document.
  EXPECT_TRUE(Contains(page, "3 edits · 7 B of 20 B")) << Body(page);
}

// ---- textwash review --------------------------------------------------------

// How many edits `textwash clean --report` lists for `args`.
size_t ReportedEdits(std::vector<std::string> args, const std::string& report) {
  args.insert(args.begin(), "clean");
  args.insert(args.end(), {"-o", report + ".out", "--report", report});
  const testing::CliOutput r = RunWith(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return CountOf(testing::ReadFileOrDie(report), "{\"begin\":");
}

TEST_F(CliReviewTest, MarksEveryEditOfJsonlAndTextInputs) {
  const std::string jsonl = Path("docs.jsonl.gz");
  ASSERT_EQ(RunWith({"--no-default-rules", CliData("tricky.jsonl"), "-o",
                     jsonl})
                .exit_code,
            0);
  const std::string text =
      WriteFile("page.txt", "标题\n意识形态##paidbegin##责任制\n\n\n\n正文\n");
  const std::vector<std::string> inputs = {jsonl, text};
  const size_t edits = ReportedEdits(inputs, Path("report.jsonl"));
  ASSERT_GT(edits, 3u);

  const std::string page_path = Path("review.html");
  std::vector<std::string> args = {"review", "-o", page_path, "--sample",
                                   "1000"};
  args.insert(args.end(), inputs.begin(), inputs.end());
  const testing::CliOutput r = RunWith(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::string page = Read(page_path);
  EXPECT_EQ(CountOf(page, "<span class=\"edit "), edits);
  EXPECT_TRUE(Contains(page, "<span class=\"doc-id\">e1</span>")) << Body(page);
  EXPECT_TRUE(Contains(page, "docs.jsonl.gz:1</span>")) << Body(page);
  EXPECT_TRUE(Contains(page, "page.txt</span>")) << Body(page);
  EXPECT_TRUE(Contains(page, "<dt>Files</dt><dd>2</dd>")) << Body(page);
}

TEST_F(CliReviewTest, SamePageForAnyThreadCountAndTheSeedPicksTheSample) {
  std::string corpus;
  for (int i = 0; i < 300; ++i) {
    corpus += "{\"id\":" + std::to_string(i) + ",\"text\":\"第" +
              std::to_string(i) + "段##paidbegin##正文\"}\n";
  }
  const std::string input = WriteFile("corpus.jsonl", corpus);
  auto page = [&](const std::string& name,
                  std::vector<std::string> extra) {
    std::vector<std::string> args = {"review", input, "-o", Path(name),
                                     "--sample", "20"};
    args.insert(args.end(), extra.begin(), extra.end());
    EXPECT_EQ(RunWith(args).exit_code, 0);
    return Read(Path(name));
  };
  const std::string one = page("a.html", {"-j", "1"});
  EXPECT_EQ(page("b.html", {"-j", "3"}), one);
  EXPECT_EQ(CountOf(one, "<details class=\"doc\""), 20u);
  EXPECT_EQ(CountOf(one, "<span class=\"edit "), 20u);
  EXPECT_TRUE(Contains(one, "<dt>Documents</dt><dd>300</dd>"));
  EXPECT_NE(page("c.html", {"--seed", "9"}), one);
}

TEST_F(CliReviewTest, OnlyRulesShowsWhatLearnedRulesWouldRemove) {
  // A file as `textwash learn` writes it: boilerplate line rules with
  // literal lines.
  const std::string learned = WriteFile(
      "learned.toml",
      "[pack]\nname = \"learned\"\n\n"
      "[[rule]]\nid = \"learned.0001\"\ncategory = \"boilerplate\"\n"
      "kind = \"line\"\nliterals = [\"本站所有文章均来自网络\"]\n\n"
      "[[rule]]\nid = \"learned.0002\"\ncategory = \"boilerplate\"\n"
      "kind = \"line\"\nliterals = [\"Share on Weibo | Print\"]\n");
  const std::string input = WriteFile(
      "corpus.jsonl",
      "{\"id\":\"a\",\"text\":\"正文一##paidbegin##\\n本站所有文章均来自网络\\n\"}\n"
      "{\"id\":\"b\",\"text\":\"Body.\\r\\nShare on Weibo | Print\\n\\n\\n\"}\n"
      "{\"id\":\"c\",\"text\":\"本站所有文章均来自网络\\nShare on Weibo | "
      "Print\\n尾\"}\n"
      "{\"id\":\"d\",\"text\":\"nothing learned here\\u200b\"}\n");
  const testing::CliOutput r = RunWith(
      {"review", "--only-rules", learned, input, "-o", Path("r.html")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string page = Read(Path("r.html"));
  const std::vector<std::string> rules = EditAttributes(page, "data-rule");
  EXPECT_EQ(rules, (std::vector<std::string>{"learned.0001", "learned.0002",
                                             "learned.0001", "learned.0002"}));
  for (const std::string& category : EditAttributes(page, "data-cat")) {
    EXPECT_EQ(category, "boilerplate");
  }
  EXPECT_TRUE(Contains(page, "Rules: learned.toml")) << Body(page);

  // With --no-default-rules --rules, the stages (newlines, blank lines,
  // invisible characters) show their edits too.
  ASSERT_EQ(RunWith({"review", "--no-default-rules", "--rules", learned, input,
                     "-o", Path("all.html")})
                .exit_code,
            0);
  const std::vector<std::string> all =
      EditAttributes(Read(Path("all.html")), "data-rule");
  EXPECT_EQ(std::count(all.begin(), all.end(), "learned.0001"), 2);
  EXPECT_GT(all.size(), rules.size());

  const testing::CliOutput bad = RunWith({"review", "--only-rules", learned,
                                          "--pack", "zh_paywall", input, "-o",
                                          Path("x.html")});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(Contains(bad.err, "--only-rules leaves out the built-in packs"))
      << bad.err;
}

TEST_F(CliReviewTest, ShowsTheProposalsOfTextwashLearnInPlace) {
  // 12 of 15 documents end with the site's notice; learn proposes it, and
  // the page marks those 12 lines and nothing else.
  std::string corpus;
  for (int i = 0; i < 15; ++i) {
    corpus += "{\"id\":\"p" + std::to_string(i) + "\",\"text\":\"第" +
              std::to_string(i) + "篇正文，内容各不相同。\\n" +
              (i < 12 ? "本站声明：转载请注明出处\\n" : "") + "\"}\n";
  }
  const std::string input = WriteFile("corpus.jsonl", corpus);
  const std::string learned = Path("learned.toml");
  testing::CliOutput r = RunWith({"learn", input, "-o", learned});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunWith({"review", "--only-rules", learned, input, "-o", Path("r.html")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string page = Read(Path("r.html"));
  EXPECT_EQ(EditAttributes(page, "data-rule"),
            std::vector<std::string>(12, "learned.0001"));
  EXPECT_EQ(CountOf(page, "<del>本站声明：转载请注明出处<span class=\"cp "
                          "nl\">↵</span>\n</del>"),
            12u)
      << Body(page);
  // Its description (counts and examples) is there for the tooltip.
  EXPECT_TRUE(Contains(page, "data-desc=\"in 12 of 15 documents")) << Body(page);
}

TEST_F(CliReviewTest, BadLinesAreReportedAndThePageIsStillWritten) {
  const std::string input = WriteFile(
      "corpus.jsonl",
      "{\"text\":\"a##paidbegin##b\"}\nnot json\n{\"text\":5}\n");
  const testing::CliOutput r =
      RunWith({"review", input, "-o", Path("r.html")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, "corpus.jsonl:2: invalid JSON")) << r.err;
  EXPECT_TRUE(Contains(r.err, "corpus.jsonl:3: field \"text\" is not a string"))
      << r.err;
  const std::string page = Read(Path("r.html"));
  EXPECT_EQ(CountOf(page, "<span class=\"edit "), 1u);
  EXPECT_TRUE(Contains(page, "<dt>Rejected</dt><dd>2")) << Body(page);
}

TEST_F(CliReviewTest, UsageAndFileErrorsExitTwo) {
  const std::string input = WriteFile("in.txt", "a##paidbegin##b\n");
  testing::CliOutput r = RunWith({"review", input});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "--output is required")) << r.err;

  r = RunWith({"review", input, "-o", Path("no/such/dir/r.html")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "cannot write " + Path("no/such/dir/r.html")))
      << r.err;

  r = RunWith({"review", Path("missing.txt"), "-o", Path("r.html")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "cannot read " + Path("missing.txt"))) << r.err;
  EXPECT_FALSE(std::filesystem::exists(Path("r.html")));

  r = RunWith({"review", input, "-o", input});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "it is also an input file")) << r.err;
  EXPECT_EQ(Read(input), "a##paidbegin##b\n");

  r = RunWith({"review", input, "-o", Path("r.html"), "--max-doc-bytes", "0"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST_F(CliReviewTest, CompressedPageAndHelp) {
  const std::string input = WriteFile("in.txt", "a##paidbegin##b\n");
  ASSERT_EQ(RunWith({"review", input, "-o", Path("r.html.gz")}).exit_code, 0);
  // Read back through clean, which decompresses what it reads.
  const testing::CliOutput back = RunWith(
      {"--no-default-rules", "--keep-newlines", "--no-layout", "--format",
       "text", Path("r.html.gz")});
  EXPECT_EQ(back.exit_code, 0) << back.err;
  EXPECT_TRUE(back.out.starts_with("<!DOCTYPE html>"));
  EXPECT_EQ(CountOf(back.out, "<span class=\"edit "), 1u);

  EXPECT_TRUE(Contains(RunWith({"--help"}).out, "review"));
  const testing::CliOutput help = RunWith({"review", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* flag : {"-o,--output", "--sample", "--seed",
                           "--edited-only", "--max-doc-bytes", "--title",
                           "--only-rules", "--rules", "--no-default-rules",
                           "--pack", "--disable-rule", "--field", "--format",
                           "-j,--threads", "--no-layout"}) {
    EXPECT_TRUE(Contains(help.out, flag)) << flag;
  }
}

TEST_F(CliReviewTest, StandardInputToStandardOutput) {
  const testing::CliOutput r =
      RunWith({"review", "-o", "-"}, "意识形态##paidbegin##责任制\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("<!DOCTYPE html>"));
  EXPECT_EQ(CountOf(r.out, "<span class=\"edit "), 1u);
  EXPECT_TRUE(Contains(r.out, "&lt;stdin&gt;")) << Body(r.out);
}

}  // namespace
}  // namespace textwash

#endif  // TEXTWASH_HAVE_CLI
