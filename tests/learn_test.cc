// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Tests of `textwash learn` on a generated corpus whose boilerplate is known:
// 20 sites, each with its own header, navigation, footer and ad lines, and
// content lines of which some repeat by chance across sites.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "tests/cli_test_util.h"
#include "textwash/textwash.h"

namespace textwash::testing {
namespace {

constexpr int kSites = 20;
constexpr int kDocuments = 10000;

struct Document {
  std::string id;
  std::string site;
  std::vector<std::string> lines;
  std::vector<bool> boilerplate;  // per line
};

struct Corpus {
  std::vector<Document> documents;
  std::map<std::string, uint64_t> site_line_docs;  // the truth
  std::set<std::string> content_lines;

  // The corpus as JSONL, `select` choosing the documents and `keep` the
  // lines of each.
  template <typename Select, typename Keep>
  std::string Jsonl(Select select, Keep keep) const {
    std::string out;
    for (size_t d = 0; d < documents.size(); ++d) {
      if (!select(d)) continue;
      const Document& doc = documents[d];
      std::string text;
      // Each line but the last ends with a line break, which goes with it.
      for (size_t i = 0; i < doc.lines.size(); ++i) {
        if (!keep(doc, i)) continue;
        text += doc.lines[i];
        if (i + 1 < doc.lines.size()) text += "\\n";
      }
      out += "{\"id\": \"" + doc.id + "\", \"site\": \"https://" + doc.site +
             "/a/" + std::to_string(d) + "\", \"text\": \"" + text + "\"}\n";
    }
    return out;
  }
  std::string Jsonl() const {
    return Jsonl([](size_t) { return true; },
                 [](const Document&, size_t) { return true; });
  }
};

// Text that does not repeat: random characters or words.
std::string ChineseSentence(std::mt19937& random) {
  static const std::u32string kPool =
      U"的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会"
      U"可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度"
      U"家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它";
  std::uniform_int_distribution<size_t> length(12, 40);
  std::uniform_int_distribution<size_t> pick(0, kPool.size() - 1);
  std::u32string sentence;
  for (size_t n = length(random); n > 0; --n) sentence += kPool[pick(random)];
  sentence += U'。';
  std::string out;
  for (const char32_t c : sentence) {
    // All of kPool and 。 are three-byte characters.
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

std::string EnglishSentence(std::mt19937& random) {
  static const std::vector<std::string> kWords = {
      "river", "market", "policy", "green", "quickly", "system", "people",
      "report", "across", "winter", "measure", "local", "energy", "city",
      "school", "between", "water", "growth", "often", "signal", "north",
      "study", "early", "trade", "simple", "model", "paper", "light"};
  std::uniform_int_distribution<size_t> length(8, 20);
  std::uniform_int_distribution<size_t> pick(0, kWords.size() - 1);
  std::string out = "The";
  for (size_t n = length(random); n > 0; --n) out += " " + kWords[pick(random)];
  return out + ".";
}

// The site lines: each with the probability that a page of its site has it.
struct SiteLine {
  std::string text;
  double probability;
};

std::vector<SiteLine> SiteLines(int site) {
  static const char* const kZh[] = {"东方", "南山", "西岭", "北辰", "中原",
                                    "长江", "黄河", "泰山", "华山", "嵩山"};
  static const char* const kEn[] = {"Harbor", "Summit", "Meadow", "Canyon",
                                    "Prairie", "Glacier", "Delta", "Ridge",
                                    "Lagoon", "Mesa"};
  if (site < 10) {
    const std::string name = kZh[site];
    return {
        {"【" + name + "文库】首页 | 资讯 | 文档 | 论坛 | 登录注册", 1.0},
        {"当前位置：首页 > " + name + "频道 > 正文", 0.7},
        {"Copyright © 2026 " + name + "网 版权所有 京ICP备" +
             std::to_string(10000 + site) + "号",
         0.9},
        {"关注" + name + "公众号，每天推送精选好文", 0.3},
    };
  }
  const std::string name = kEn[site - 10];
  return {
      {"Home | News | Sports | Opinion | " + name + " Weekly", 1.0},
      {"Subscribe to the " + name + " newsletter for weekly updates", 0.7},
      {"© 2026 " + name + " Media Group. All rights reserved.", 0.9},
      {"Advertisement: try " + name + " Premium free for 30 days", 0.3},
  };
}

// Content lines that repeat by chance: common phrases and short headings,
// each in a few percent of the documents of every site of its language.
const std::vector<std::string>& ChanceLines(bool chinese) {
  static const std::vector<std::string> kZh = {
      "这是一个值得深入思考的问题。", "总的来说，效果还是不错的。",
      "希望对大家有所帮助。", "一、研究背景", "二、主要内容", "三、结论与展望"};
  static const std::vector<std::string> kEn = {
      "Thanks for reading.", "In other words, it depends.",
      "Let us take a closer look.", "Introduction", "Background",
      "Conclusion"};
  return chinese ? kZh : kEn;
}

Corpus MakeCorpus() {
  Corpus corpus;
  std::mt19937 random(20261125);
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  std::uniform_int_distribution<int> content_lines(3, 8);
  for (int d = 0; d < kDocuments; ++d) {
    const int site = d % kSites;
    const bool chinese = site < 10;
    Document doc;
    doc.id = "doc-" + std::to_string(d);
    doc.site = "site" + std::to_string(site) + ".example";
    const std::vector<SiteLine> site_lines = SiteLines(site);
    auto add = [&doc](const std::string& line, bool boilerplate) {
      doc.lines.push_back(line);
      doc.boilerplate.push_back(boilerplate);
    };
    std::vector<bool> has(site_lines.size());
    for (size_t i = 0; i < site_lines.size(); ++i) {
      has[i] = coin(random) < site_lines[i].probability;
      if (has[i]) ++corpus.site_line_docs[site_lines[i].text];
    }
    if (has[0]) add(site_lines[0].text, true);
    if (has[1]) add(site_lines[1].text, true);
    const int n = content_lines(random);
    for (int i = 0; i < n; ++i) {
      std::string line = chinese ? ChineseSentence(random)
                                 : EnglishSentence(random);
      corpus.content_lines.insert(line);
      add(line, false);
      if (i == n / 2 && has[3]) add(site_lines[3].text, true);
    }
    for (const std::string& line : ChanceLines(chinese)) {
      if (coin(random) < 0.12) {
        corpus.content_lines.insert(line);
        add(line, false);
      }
    }
    if (has[2]) add(site_lines[2].text, true);
    corpus.documents.push_back(std::move(doc));
  }
  return corpus;
}

const Corpus& TheCorpus() {
  static const Corpus* const corpus = new Corpus(MakeCorpus());
  return *corpus;
}

// The (line, document count) pairs of a learned rule file, read from the
// comments above each rule.
std::map<std::string, uint64_t> Proposed(const std::string& toml) {
  std::map<std::string, uint64_t> proposed;
  std::istringstream in(toml);
  std::string line;
  std::string previous;
  while (std::getline(in, line)) {
    constexpr std::string_view kDocs = "# documents = ";
    if (line.starts_with(kDocs) && previous.starts_with("# ")) {
      proposed[previous.substr(2)] =
          std::stoull(line.substr(kDocs.size()));
    }
    previous = line;
  }
  return proposed;
}

int CountRules(std::string_view toml) {
  int count = 0;
  for (size_t at = toml.find("[[rule]]"); at != std::string_view::npos;
       at = toml.find("[[rule]]", at + 1)) {
    ++count;
  }
  return count;
}

class LearnTest : public ScratchDirTest {
 protected:
  std::string CorpusFile() {
    return WriteFile("corpus.jsonl", TheCorpus().Jsonl());
  }
};

TEST_F(LearnTest, ProposesEverySiteLineWithItsExactCountAndNoContentLine) {
  const Corpus& corpus = TheCorpus();
  const std::string input = CorpusFile();
  const std::string learned = Path("learned.toml");
  const CliOutput run =
      RunWith({"learn", input, "--group-by", "site", "-o", learned});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string toml = Read(learned);

  // Every site line, with the number of documents that hold it; nothing else.
  const std::map<std::string, uint64_t> proposed = Proposed(toml);
  EXPECT_EQ(proposed, corpus.site_line_docs);
  EXPECT_EQ(CountRules(toml), kSites * 4);
  for (const std::string& line : corpus.content_lines) {
    EXPECT_FALSE(proposed.contains(line)) << line;
  }
  EXPECT_TRUE(Contains(toml, "category = \"boilerplate\"")) << toml;
  EXPECT_TRUE(Contains(toml, "e.g. doc-0, doc-20")) << toml;
  EXPECT_TRUE(Contains(run.err, "10000 documents, 80 lines proposed"))
      << run.err;

  // The file is a normal rule file.
  const CliOutput check = RunWith({"rules", "check", learned});
  EXPECT_EQ(check.exit_code, 0) << check.err;
  EXPECT_EQ(check.out, learned + ": ok (80 rules)\n");
}

TEST_F(LearnTest, CleanWithTheLearnedRulesRemovesTheSiteLinesAndNothingElse) {
  const Corpus& corpus = TheCorpus();
  const std::string input = CorpusFile();
  const std::string learned = Path("learned.toml");
  ASSERT_EQ(
      RunWith({"learn", input, "--group-by", "site", "-o", learned}).exit_code,
      0);
  const CliOutput clean = RunWith({"clean", "--no-default-rules", "--rules",
                                   learned, input, "-o", Path("out.jsonl")});
  ASSERT_EQ(clean.exit_code, 0) << clean.err;
  const std::string want = corpus.Jsonl(
      [](size_t) { return true; },
      [](const Document& doc, size_t i) { return !doc.boilerplate[i]; });
  const std::string got = Read(Path("out.jsonl"));
  std::istringstream got_lines(got);
  std::istringstream want_lines(want);
  std::string got_line;
  std::string want_line;
  int differences = 0;
  while (std::getline(want_lines, want_line)) {
    std::getline(got_lines, got_line);
    if (got_line != want_line && ++differences <= 3) {
      ADD_FAILURE() << "got  " << got_line << "\nwant " << want_line;
    }
  }
  EXPECT_EQ(differences, 0);
  EXPECT_EQ(got.size(), want.size());

  // With the built-in rules as well, every learned edit is a site line.
  StatusOr<std::shared_ptr<const Cleaner>> cleaner = Cleaner::Create(
      Options{.default_rules = false, .rule_files = {learned}});
  ASSERT_TRUE(cleaner.ok()) << cleaner.status().ToString();
  for (const std::string& line : corpus.content_lines) {
    EXPECT_EQ((*cleaner)->Clean(line + "\n").text, line + "\n");
  }
  for (const auto& [line, docs] : corpus.site_line_docs) {
    const Result result = (*cleaner)->Clean("  " + line + "\u3000\n");
    EXPECT_EQ(result.text, "") << line;
    ASSERT_FALSE(result.edits.empty());
    EXPECT_EQ(result.edits[0].category, Category::kBoilerplate);
  }
}

TEST_F(LearnTest, CountsAreTheSameWhenTheTableSpillsToDisk) {
  const std::string input = CorpusFile();
  const CliOutput whole = RunWith({"learn", input, "--group-by", "site",
                                   "--min-docs", "2", "--min-share", "0"});
  ASSERT_EQ(whole.exit_code, 0) << whole.err;
  const CliOutput spilled =
      RunWith({"learn", input, "--group-by", "site", "--min-docs", "2",
               "--min-share", "0", "--memory", "1", "--tmp-dir", Path("")});
  ASSERT_EQ(spilled.exit_code, 0) << spilled.err;
  EXPECT_TRUE(Contains(spilled.err, "written out")) << spilled.err;
  EXPECT_FALSE(Contains(whole.err, "written out")) << whole.err;
  EXPECT_EQ(spilled.out, whole.out);
  // The chance lines are counted too, once lowered thresholds let them in.
  EXPECT_TRUE(Contains(whole.out, "# Introduction\n")) << whole.out;
  // The runs are removed.
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    EXPECT_FALSE(entry.path().string().ends_with(".counts")) << entry.path();
  }
}

TEST_F(LearnTest, ShardCountsMergeIntoTheCountsOfTheWholeCorpus) {
  const Corpus& corpus = TheCorpus();
  const std::string whole_file = CorpusFile();
  std::vector<std::string> counts;
  for (int shard = 0; shard < 3; ++shard) {
    const std::string input = WriteFile(
        "shard" + std::to_string(shard) + ".jsonl",
        corpus.Jsonl([shard](size_t d) { return d * 3 / kDocuments == shard; },
                     [](const Document&, size_t) { return true; }));
    counts.push_back(Path("shard" + std::to_string(shard) + ".counts"));
    const CliOutput run = RunWith({"learn", "--counts-only", input,
                                   "--group-by", "site", "-o", counts.back()});
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
  const CliOutput whole =
      RunWith({"learn", whole_file, "--group-by", "site", "--review",
               Path("whole.md")});
  ASSERT_EQ(whole.exit_code, 0) << whole.err;

  std::vector<std::string> merge = {"learn", "--merge"};
  merge.insert(merge.end(), counts.begin(), counts.end());
  merge.insert(merge.end(), {"--review", Path("merged.md")});
  const CliOutput merged = RunWith(merge);
  ASSERT_EQ(merged.exit_code, 0) << merged.err;
  EXPECT_EQ(merged.out, whole.out);
  EXPECT_EQ(Read(Path("merged.md")), Read(Path("whole.md")));

  // Merging counts files into one counts file, then proposing, is the same.
  std::vector<std::string> sum = {"learn", "--merge", "--counts-only", "-o",
                                  Path("sum.counts"), counts[0], counts[1]};
  ASSERT_EQ(RunWith(sum).exit_code, 0);
  const CliOutput again =
      RunWith({"learn", "--merge", Path("sum.counts"), counts[2]});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, whole.out);
}

TEST_F(LearnTest, ThresholdsAllowListAndReview) {
  const std::string input = CorpusFile();
  const std::string allow =
      WriteFile("allow.txt",
                "Home | News | Sports | Opinion | Harbor Weekly\n"
                "  当前位置：首页 >   东方频道 > 正文  \n\n");
  const CliOutput run =
      RunWith({"learn", input, "--group-by", "site", "--allow", allow,
               "--review", Path("review.md")});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(CountRules(run.out), kSites * 4 - 2);
  EXPECT_FALSE(Contains(run.out, "Harbor Weekly")) << run.out;
  EXPECT_FALSE(Contains(run.out, "东方频道")) << run.out;

  const std::string review = Read(Path("review.md"));
  EXPECT_TRUE(Contains(review, "78 lines proposed from 10000 documents in 20 "
                               "groups by `site`"))
      << review;
  EXPECT_TRUE(Contains(review, "2 held back by the allow-list")) << review;
  EXPECT_TRUE(Contains(review, "| learned.0001 | 500 | 1.0000 | 1 | "))
      << review;
  // Markdown syntax in a line is escaped.
  EXPECT_TRUE(Contains(review, "Home \\| News \\| Sports")) << review;

  // Sorted by document count: the headers (in every page of their site)
  // come first.
  const std::map<std::string, uint64_t> proposed = Proposed(run.out);
  std::vector<uint64_t> order;
  std::istringstream in(run.out);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("# documents = ")) {
      order.push_back(std::stoull(line.substr(14)));
    }
  }
  EXPECT_TRUE(std::is_sorted(order.rbegin(), order.rend()));

  // Lines in 20 groups: with --min-share 0 the chance lines come in; with
  // --min-groups 2 the site lines (each in one group) go.
  const CliOutput spread =
      RunWith({"learn", input, "--group-by", "site", "--min-share", "0",
               "--min-groups", "2"});
  ASSERT_EQ(spread.exit_code, 0) << spread.err;
  EXPECT_EQ(CountRules(spread.out), 12) << spread.out;
  EXPECT_TRUE(Contains(spread.out, "# 希望对大家有所帮助。\n")) << spread.out;
  EXPECT_FALSE(Contains(spread.out, "文库】")) << spread.out;

  // Without groups, the share is of the whole corpus.
  const CliOutput flat = RunWith({"learn", input, "--min-share", "0.04"});
  ASSERT_EQ(flat.exit_code, 0) << flat.err;
  EXPECT_TRUE(Contains(flat.out, "share 0.0500 of its 1 group")) << flat.out;
}

TEST_F(LearnTest, SentencesGluedToContentAreLearnedAndCutAlone) {
  std::string jsonl;
  for (int d = 0; d < 40; ++d) {
    jsonl += "{\"id\": " + std::to_string(d) +
             ", \"text\": \"第" + std::to_string(d) +
             "段正文内容各不相同。本文来源于网络，如有侵权请联系删除。\\n"
             "Unique line " + std::to_string(d) +
             " stays. Read more at our site!\"}\n";
  }
  const std::string input = WriteFile("glued.jsonl", jsonl);
  const CliOutput lines = RunWith({"learn", input});
  ASSERT_EQ(lines.exit_code, 0) << lines.err;
  EXPECT_EQ(CountRules(lines.out), 0) << lines.out;

  const std::string learned = Path("learned.toml");
  const CliOutput sentences =
      RunWith({"learn", input, "--unit", "sentence", "-o", learned});
  ASSERT_EQ(sentences.exit_code, 0) << sentences.err;
  const std::string toml = Read(learned);
  EXPECT_EQ(CountRules(toml), 2) << toml;
  EXPECT_TRUE(Contains(toml, "kind = \"sentence\"")) << toml;
  EXPECT_TRUE(Contains(toml, "# 本文来源于网络，如有侵权请联系删除。\n"));
  EXPECT_TRUE(Contains(toml, "# Read more at our site!\n"));
  EXPECT_TRUE(Contains(toml, "e.g. 0, 1")) << toml;

  const CliOutput clean = RunWith(
      {"clean", "--no-default-rules", "--rules", learned, input});
  ASSERT_EQ(clean.exit_code, 0) << clean.err;
  EXPECT_TRUE(Contains(
      clean.out,
      "{\"id\": 7, \"text\": \"第7段正文内容各不相同。\\nUnique line 7 stays.\"}"))
      << clean.out;
}

TEST_F(LearnTest, FoldDigitsCountsNumbersAsOne) {
  std::string jsonl;
  for (int d = 0; d < 30; ++d) {
    jsonl += "{\"text\": \"浏览 " + std::to_string(d * 37) + " 次，评论 " +
             std::to_string(d % 7) + " 条\\n正文" + std::to_string(d) +
             "\"}\n";
  }
  const std::string input = WriteFile("views.jsonl", jsonl);
  EXPECT_EQ(CountRules(RunWith({"learn", input}).out), 0);
  const std::string learned = Path("learned.toml");
  const CliOutput run =
      RunWith({"learn", input, "--fold-digits", "-o", learned});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string toml = Read(learned);
  EXPECT_EQ(CountRules(toml), 1) << toml;
  EXPECT_TRUE(Contains(toml, "# 浏览 0 次，评论 0 条\n")) << toml;
  // No id field: examples are FILE:LINE.
  EXPECT_TRUE(Contains(toml, "e.g. " + input + ":1, " + input + ":2")) << toml;

  StatusOr<std::shared_ptr<const Cleaner>> cleaner = Cleaner::Create(
      Options{.default_rules = false, .rule_files = {learned}});
  ASSERT_TRUE(cleaner.ok()) << cleaner.status().ToString();
  EXPECT_EQ((*cleaner)->Clean("浏览 123456 次，评论 ９ 条\n正文\n").text,
            "正文\n");
  EXPECT_EQ((*cleaner)->Clean("浏览次，评论 9 条\n").text,
            "浏览次，评论 9 条\n");
}

TEST_F(LearnTest, GroupByUrlGroupsBySite) {
  std::string jsonl;
  for (int d = 0; d < 20; ++d) {
    jsonl += "{\"url\": \"" +
             std::string(d % 2 == 0 ? "https://A.example.com:8080/p?"
                                    : "http://user@b.example.org/") +
             std::to_string(d) + "\", \"text\": \"" +
             (d % 2 == 0 ? "Site A footer line" : "Site B footer line") +
             "\\nbody " + std::to_string(d) + "\"}\n";
  }
  const std::string input = WriteFile("urls.jsonl", jsonl);
  const CliOutput run = RunWith({"learn", input, "--group-by", "url",
                                 "--min-docs", "5", "--review", "-"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(Contains(run.out, "in 2 groups by `url`")) << run.out;
  EXPECT_EQ(CountRules(run.out), 2) << run.out;
  EXPECT_TRUE(Contains(run.out, "share 1.0000 of its 1 group")) << run.out;
}

TEST_F(LearnTest, BadInputIsReportedAndTheRestCounted) {
  std::string jsonl;
  for (int d = 0; d < 12; ++d) {
    jsonl += "{\"text\": \"Repeated footer of the site\\nline " +
             std::to_string(d) + "\"}\n";
  }
  jsonl += "not json\n";
  jsonl += "{\"body\": \"no text field\"}\n";
  jsonl += "\n";
  jsonl += "{\"text\": \"bad group\", \"g\": 3}\n";
  const std::string input = WriteFile("bad.jsonl", jsonl);
  const CliOutput run = RunWith({"learn", input, "--group-by", "g"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(Contains(run.err, input + ":13: invalid JSON")) << run.err;
  EXPECT_TRUE(Contains(run.err, input + ":14: no field \"text\"")) << run.err;
  EXPECT_TRUE(Contains(run.err,
                       input + ":16: field \"g\" is not a string (--group-by)"))
      << run.err;
  EXPECT_TRUE(Contains(run.err, "12 documents (3 rejected)")) << run.err;
  EXPECT_EQ(CountRules(run.out), 1) << run.out;
}

TEST_F(LearnTest, BadCountsFilesAndFlagsAreRefused) {
  const std::string input = WriteFile(
      "a.jsonl", "{\"text\": \"Repeated footer of the site\"}\n");
  const std::string lines = Path("lines.counts");
  const std::string sentences = Path("sentences.counts");
  ASSERT_EQ(RunWith({"learn", "--counts-only", input, "-o", lines}).exit_code,
            0);
  ASSERT_EQ(RunWith({"learn", "--counts-only", "--unit", "sentence", input,
                     "-o", sentences})
                .exit_code,
            0);
  CliOutput run = RunWith({"learn", "--merge", lines, sentences});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(Contains(run.err, sentences + ": counted with --unit sentence, "
                                            "not line"))
      << run.err;

  const std::string bytes = Read(lines);
  const std::string truncated =
      WriteFile("truncated.counts", bytes.substr(0, bytes.size() - 3));
  run = RunWith({"learn", "--merge", truncated});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(Contains(run.err, truncated + ": truncated or corrupt"))
      << run.err;

  run = RunWith({"learn", "--merge", input});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(Contains(run.err, input + ": not a counts file")) << run.err;

  run = RunWith({"learn", "--counts-only", input});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(Contains(run.err, "--counts-only needs -o FILE")) << run.err;

  run = RunWith({"learn", input, "-o", input});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(Contains(run.err, "it is also an input file")) << run.err;

  run = RunWith({"learn", input, "--min-share", "1.5"});
  EXPECT_EQ(run.exit_code, 2);

  run = RunWith({"learn", Path("missing.jsonl")});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(Contains(run.err, "cannot read " + Path("missing.jsonl")))
      << run.err;
}

TEST_F(LearnTest, TextFilesAreOneDocumentEach) {
  std::vector<std::string> args = {"learn", "--min-docs", "3"};
  for (int d = 0; d < 3; ++d) {
    args.push_back(WriteFile("page" + std::to_string(d) + ".txt",
                             "Body " + std::to_string(d) +
                                 "\r\nShared closing line here\r\n"));
  }
  const CliOutput run = RunWith(args);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(CountRules(run.out), 1) << run.out;
  EXPECT_TRUE(Contains(run.out, "# Shared closing line here\n")) << run.out;
  EXPECT_TRUE(Contains(run.out, "e.g. " + args[3] + ", " + args[4]))
      << run.out;
}

}  // namespace
}  // namespace textwash::testing
