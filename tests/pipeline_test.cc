// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// The clean pipeline through RunCli(): threads, compression, --output-dir,
// rejected lines and the summary, reports, stats, --diff, --sample,
// dropping, progress, and the peak memory of the real binary.
#ifdef TEXTWASH_HAVE_CLI

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "tests/cli_test_util.h"
#include "tests/test_util.h"
#include "tools/cli.h"
#include "tools/jsonl.h"

namespace textwash {
namespace {

using testing::CliData;
using testing::CliOutput;
using testing::Contains;
using testing::RunWith;

// The stats JSON without its "timing" member, the only part that may differ
// from run to run.
std::string WithoutTiming(std::string_view stats_json) {
  const size_t at = stats_json.find(",\"timing\":");
  EXPECT_NE(at, std::string_view::npos) << stats_json;
  return std::string(stats_json.substr(0, at));
}

// The --stats text without its last ("throughput") line.
std::string WithoutThroughput(std::string_view err) {
  const size_t at = err.find("  throughput  ");
  EXPECT_NE(at, std::string_view::npos) << err;
  EXPECT_TRUE(Contains(err.substr(at), " MB/s, ")) << err;
  EXPECT_TRUE(Contains(err.substr(at), " docs/s, ")) << err;
  return std::string(err.substr(0, at));
}

using PipelineTest = testing::ScratchDirTest;

// About 3 MB of JSONL, so that it spans several batches: documents with
// junk, clean ones, blank lines and a bad line of each kind now and then.
std::string ManyDocuments() {
  std::string out;
  const std::string pad(2500, 'p');
  for (int i = 0; out.size() < 3'000'000; ++i) {
    switch (i % 50) {
      case 7:
        out += "not json\n";
        continue;
      case 17:
        out += "{\"id\":" + std::to_string(i) + ",\"body\":\"x\"}\n";
        continue;
      case 27:
        out += "{\"id\":" + std::to_string(i) + ",\"text\":[1]}\n";
        continue;
      case 37:
        out += "{\"text\":\"\xC3(\"}\n";
        continue;
      case 47:
        out += "  \n";
        continue;
      default:
        break;
    }
    out += "{\"id\":" + std::to_string(i) + ",\"text\":\"文档 " +
           std::to_string(i) + " 意识形态" +
           (i % 3 == 0 ? "##paidbegin##" : "") + "责任制\\n" +
           (i % 5 == 0 ? "\\u200b加微信 abc12345 领取资料\\n" : "") +
           (i % 11 == 0 ? "##paidbegin##" : "正文第二段。") +
           "\",\"pad\":\"" + pad + "\"}\n";
  }
  return out;
}

// ---- JSON done right ---------------------------------------------------------

TEST(PipelineJsonTest, TrickyEscapesGolden) {
  const std::string want = testing::ReadFileOrDie(CliData("tricky.want.jsonl"));
  for (const char* threads : {"1", "3"}) {
    SCOPED_TRACE(threads);
    const CliOutput r = RunWith({"-j", threads, CliData("tricky.jsonl")});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_TRUE(r.out == want) << testing::LineDiff(want, r.out);
  }
}

// ---- threads -------------------------------------------------------------------

TEST_F(PipelineTest, SameBytesForEveryThreadCount) {
  const std::string input = WriteFile("many.jsonl", ManyDocuments());
  struct Run {
    std::string out, err, report, dolma, stats;
  };
  const auto run = [&](const std::string& threads) {
    Run r;
    const std::string out = Path("out" + threads + ".jsonl");
    const std::string report = Path("report" + threads + ".jsonl");
    const std::string stats = Path("stats" + threads + ".json");
    const CliOutput cli = RunWith({"-j", threads, input, "-o", out,
                                   "--report", report, "--stats-json", stats,
                                   "--stats"});
    EXPECT_EQ(cli.exit_code, 1);
    r.out = Read(out);
    r.err = WithoutThroughput(cli.err);
    r.report = Read(report);
    r.stats = WithoutTiming(Read(stats));
    const std::string dolma = Path("dolma" + threads + ".jsonl");
    EXPECT_EQ(RunWith({"-j", threads, input, "-o", "/dev/null", "--report",
                       dolma, "--report-format", "dolma"})
                  .exit_code,
              1);
    r.dolma = Read(dolma);
    return r;
  };
  const Run one = run("1");
  EXPECT_GT(one.out.size(), 2'000'000u);
  EXPECT_TRUE(Contains(one.err, "many.jsonl:8: invalid JSON\n")) << one.err;
  for (const std::string threads : {"2", "4", "8"}) {
    SCOPED_TRACE(threads);
    const Run other = run(threads);
    EXPECT_TRUE(other.out == one.out);
    EXPECT_EQ(other.err, one.err);
    EXPECT_TRUE(other.report == one.report);
    EXPECT_TRUE(other.dolma == one.dolma);
    EXPECT_EQ(other.stats, one.stats);
  }

  // --on-error fail stops at the first bad line whatever the thread count.
  const CliOutput fail1 = RunWith({"-j", "1", "--on-error", "fail", input});
  const CliOutput fail4 = RunWith({"-j", "4", "--on-error", "fail", input});
  EXPECT_EQ(fail1.exit_code, 1);
  EXPECT_EQ(fail4.exit_code, 1);
  EXPECT_EQ(fail1.err, "textwash: " + input + ":8: invalid JSON\n");
  EXPECT_EQ(fail4.err, fail1.err);
  EXPECT_EQ(fail4.out, fail1.out);
  EXPECT_EQ(std::count(fail1.out.begin(), fail1.out.end(), '\n'), 7);
}

// ---- lines and batches ---------------------------------------------------------

// Lines ending at and around the size of a batch (1 MiB), lines longer than a
// batch, CRLF, blank and empty lines and a last line without a line break
// give what each line gives alone, with the right line numbers.
TEST_F(PipelineTest, LinesAroundTheBatchSizeAreEachReadWhole) {
  constexpr size_t kBatch = size_t{1} << 20;
  // A line of exactly `size` bytes, line break excluded.
  const auto padded = [](size_t size, std::string_view text) {
    const std::string head =
        "{\"text\":\"" + std::string(text) + "\",\"pad\":\"";
    return head + std::string(size - head.size() - 2, 'p') + "\"}";
  };
  const std::string small = "{\"text\":\"短##paidbegin##文\"}";
  const std::string big = padded(5 * kBatch / 2, "意识形态##paidbegin##责任制");
  for (const int delta : {-3, -2, -1, 0, 1, 2}) {
    for (const bool crlf : {false, true}) {
      SCOPED_TRACE(::testing::Message() << delta << (crlf ? " CRLF" : ""));
      const std::string eol = crlf ? "\r\n" : "\n";
      // The first line's line break is the last byte of the first batch's
      // buffer when `delta` is 0.
      const std::vector<std::string> lines = {
          padded(kBatch - eol.size() + delta, "第一##paidbegin##行"),
          small,
          "",
          "  ",
          "not json",
          big,
          padded(kBatch, "整##paidbegin##批"),
          small,
          small,
      };
      std::string input;
      std::string want;
      for (size_t i = 0; i < lines.size(); ++i) {
        const bool last = i + 1 == lines.size();
        input += lines[i] + (last ? "" : eol);
        const CliOutput alone =
            RunWith({"--format", "jsonl", "-"}, lines[i] + "\n");
        want += alone.out;
      }
      const std::string path = WriteFile("lines.jsonl", input);
      for (const char* threads : {"1", "3"}) {
        SCOPED_TRACE(threads);
        const CliOutput r = RunWith({"-j", threads, path, "--stats"});
        EXPECT_EQ(r.exit_code, 1);
        EXPECT_TRUE(r.out == want) << testing::LineDiff(want, r.out);
        EXPECT_TRUE(Contains(r.err, "textwash: " + path + ":5: invalid JSON\n"))
            << r.err;
        EXPECT_TRUE(Contains(
            r.err, "  bytes       " + std::to_string(input.size()) + " in, "))
            << r.err;
      }
    }
  }
}

// ---- compression ---------------------------------------------------------------

TEST_F(PipelineTest, GzipAndZstdRoundTrips) {
  const std::string plain = WriteFile("docs.jsonl", ManyDocuments());
  const CliOutput want = RunWith({plain});
  ASSERT_EQ(want.exit_code, 1);
  for (const char* suffix : {".gz", ".zst"}) {
    SCOPED_TRACE(suffix);
    // Written compressed (-o and --report by extension) ...
    const std::string packed = Path(std::string("clean.jsonl") + suffix);
    const std::string report = Path(std::string("report.jsonl") + suffix);
    CliOutput r = RunWith({plain, "-o", packed, "--report", report});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    const std::string raw = Read(packed);
    EXPECT_LT(raw.size(), want.out.size() / 4);
    EXPECT_NE(raw.substr(0, 2), want.out.substr(0, 2));
    // ... and read back: *.jsonl.gz and *.jsonl.zst are JSONL.
    r = RunWith({packed});
    EXPECT_EQ(r.exit_code, 1);  // the bad lines were kept as they were
    EXPECT_TRUE(r.out == want.out);
    const std::string plain_report = Path("report.jsonl");
    EXPECT_EQ(RunWith({plain, "-o", "/dev/null", "--report", plain_report})
                  .exit_code,
              1);
    // Read as text with every stage off, the report comes back as it was.
    r = RunWith({"--format", "text", "--no-default-rules", "--keep-invisible",
                 "--keep-newlines", "--no-layout", "--no-noise",
                 "--min-repeat-chars", "0", report});
    EXPECT_TRUE(r.out == Read(plain_report));
  }
}

TEST_F(PipelineTest, CompressedInputsOfEveryShape) {
  const std::string line1 = "{\"text\":\"意识形态##paidbegin##责任制\"}\n";
  const std::string line2 = "{\"text\":\"第二##paidbegin##篇\"}\n";
  const std::string a = Path("a.jsonl.gz");
  const std::string b = Path("b.jsonl.gz");
  WriteFile("a.jsonl", line1);
  WriteFile("b.jsonl", line2);
  ASSERT_EQ(RunWith({"--no-default-rules", Path("a.jsonl"), "-o", a}).exit_code,
            0);
  ASSERT_EQ(RunWith({"--no-default-rules", Path("b.jsonl"), "-o", b}).exit_code,
            0);
  // Two gzip members back to back are one gzip file, as with `cat`.
  const std::string both = WriteFile("both.jsonl.gz", Read(a) + Read(b));
  CliOutput r = RunWith({both});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "{\"text\":\"意识形态责任制\"}\n{\"text\":\"第二篇\"}\n");

  // Text files may be compressed too.
  const std::string text = Path("doc.txt.zst");
  ASSERT_EQ(RunWith({"-o", text}, "意识形态##paidbegin##责任制").exit_code, 0);
  r = RunWith({text});
  EXPECT_EQ(r.out, "意识形态责任制\n");

  // A cut-off file is an unreadable input.
  const std::string packed = Read(both);
  const std::string cut =
      WriteFile("cut.jsonl.gz", packed.substr(0, packed.size() - 10));
  r = RunWith({cut});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "textwash: cannot read " + cut + ": ")) << r.err;
  const std::string garbage = WriteFile("garbage.jsonl.zst", "not zstd at all");
  r = RunWith({garbage});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Contains(r.err, "textwash: cannot read " + garbage +
                                  ": invalid zstd data"))
      << r.err;
}

// ---- --output-dir --------------------------------------------------------------

TEST_F(PipelineTest, OutputDirWritesOneOutputPerInput) {
  std::filesystem::create_directories(dir_ / "in");
  const std::string a = WriteFile(
      "in/a.jsonl", "{\"text\":\"意识形态##paidbegin##责任制\"}\nbad\n");
  const std::string b_plain =
      WriteFile("b.jsonl", "{\"text\":\"二##paidbegin##二\"}\n");
  const std::string b = Path("in/b.jsonl.zst");
  ASSERT_EQ(RunWith({"--no-default-rules", b_plain, "-o", b}).exit_code, 0);
  const std::string c = WriteFile("in/c.txt", "三##paidbegin##三");
  const std::string empty = WriteFile("in/empty.jsonl", "");
  const std::string out_dir = Path("out/nested");

  const CliOutput r =
      RunWith({"-j", "2", "--output-dir", out_dir, a, b, c, empty});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "textwash: " + a + ":2: invalid JSON\n");
  EXPECT_EQ(Read(out_dir + "/a.jsonl"),
            "{\"text\":\"意识形态责任制\"}\nbad\n");
  EXPECT_EQ(RunWith({out_dir + "/b.jsonl.zst"}).out, "{\"text\":\"二二\"}\n");
  EXPECT_EQ(Read(out_dir + "/c.txt"), "三三\n");
  EXPECT_EQ(Read(out_dir + "/empty.jsonl"), "");

  // Two inputs of one name would write one file.
  const std::string other_a = WriteFile("a.jsonl", "{\"text\":\"x\"}\n");
  const CliOutput clash = RunWith({"--output-dir", out_dir, a, other_a});
  EXPECT_EQ(clash.exit_code, 2);
  EXPECT_EQ(clash.err,
            "textwash: --output-dir: two inputs are called a.jsonl\n");
  // Nor may an output overwrite its input.
  const CliOutput same = RunWith({"--output-dir", Path("in"), a});
  EXPECT_EQ(same.exit_code, 2);
  EXPECT_EQ(same.err, "textwash: cannot write " +
                          (std::filesystem::path(Path("in")) / "a.jsonl")
                              .string() +
                          ": it is also an input file\n");
}

// ---- bad input and the summary -------------------------------------------------

TEST_F(PipelineTest, EveryBadLineKindIsReportedAndTheSummaryBalances) {
  const std::string input = WriteFile(
      "bad.jsonl",
      "{\"text\":\"意识形态##paidbegin##责任制\"}\n"  // 1 written
      "not json\n"                                    // 2 invalid JSON
      "{\"text\":\"\xFF\"}\n"                         // 3 invalid UTF-8
      "[\"text\"]\n"                                  // 4 not an object
      "{\"body\":\"x\"}\n"                            // 5 missing field
      "{\"text\":\"a\",\"text\":\"b\"}\n"             // 6 duplicate
      "{\"text\":7}\n"                                // 7 not a string
      "\n"                                            // 8 blank: no document
      "{\"text\":\"##paidbegin##\"}\n"                // 9 dropped: empty
      "{\"text\":\"ab\"}\n"                           // 10 dropped: short
      "{\"text\":\"abcd\\u00e9\"}\n");                // 11 written
  const std::string messages =
      "textwash: " + input + ":2: invalid JSON\n" +
      "textwash: " + input + ":3: invalid UTF-8\n" +
      "textwash: " + input + ":4: not a JSON object\n" +
      "textwash: " + input + ":5: no field \"text\"\n" +
      "textwash: " + input + ":6: duplicate field \"text\"\n" +
      "textwash: " + input + ":7: field \"text\" is not a string\n";
  const std::string stats_json = Path("stats.json");
  const std::vector<std::string> args = {input,       "--drop-empty",
                                         "--min-chars", "3",
                                         "--stats",     "--stats-json",
                                         stats_json};

  struct Case {
    const char* on_error;
    std::string out;
    std::string written_unchanged;
  };
  const std::string bad_lines =
      "not json\n{\"text\":\"\xFF\"}\n[\"text\"]\n{\"body\":\"x\"}\n"
      "{\"text\":\"a\",\"text\":\"b\"}\n{\"text\":7}\n";
  const Case cases[] = {
      {"keep",
       "{\"text\":\"意识形态责任制\"}\n" + bad_lines +
           "\n{\"text\":\"abcd\\u00e9\"}\n",
       " (6 written unchanged)"},
      {"skip",
       "{\"text\":\"意识形态责任制\"}\n\n{\"text\":\"abcd\\u00e9\"}\n",
       " (0 written unchanged)"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.on_error);
    std::vector<std::string> with_mode = args;
    with_mode.push_back("--on-error=" + std::string(c.on_error));
    const CliOutput r = RunWith(with_mode);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, c.out);
    EXPECT_EQ(WithoutThroughput(r.err),
              messages +
                  "textwash: stats\n"
                  "  documents   10 in = 2 written + 2 dropped + 6 rejected\n"
                  "  dropped     empty 1, min_chars 1\n"
                  "  rejected    invalid_json 1, invalid_utf8 1, not_object "
                  "1, missing_field 1, duplicate_field 1, not_string 1" +
                  c.written_unchanged +
                  "\n"
                  "  bytes       " +
                  std::to_string(Read(input).size()) + " in, " +
                  std::to_string(c.out.size()) +
                  " out, 26 removed by 2 edits\n"
                  "  categories  paywall: 2 edits, 26 bytes\n"
                  "  top rules   paywall.marker: 2 edits, 26 bytes, e.g. "
                  "\"##paidbegin##\"\n");
  }

  // fail: stops at the first bad line; what came before is counted.
  const CliOutput r = RunWith({input, "--on-error", "fail", "--stats"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "{\"text\":\"意识形态责任制\"}\n");
  EXPECT_TRUE(r.err.starts_with(
      "textwash: " + input + ":2: invalid JSON\n"
      "textwash: stats\n"
      "  documents   2 in = 1 written + 0 dropped + 1 rejected\n"
      "  dropped     none\n"
      "  rejected    invalid_json 1 (0 written unchanged)\n"))
      << r.err;
}

// ---- --report ------------------------------------------------------------------

// Decodes the JSON string at the start of `json`.
std::string JsonString(std::string_view json) {
  std::string out;
  EXPECT_TRUE(cli::ReadJsonString(json, &out).has_value()) << json;
  return out;
}

// The code points of UTF-8 `text`.
std::u32string CodePoints(std::string_view text) {
  std::u32string out;
  for (size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    const int length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t cp = length == 1 ? b : b & (0x7F >> length);
    for (int k = 1; k < length; ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    out += cp;
    i += length;
  }
  return out;
}

TEST_F(PipelineTest, ReportOffsetsPointAtTheRemovedText) {
  const std::vector<std::string> texts = {
      "意识形态##paidbegin##责任制\n😀 emoji first##paidbegin##\n",
      "Visit our site\u200b today. 加微信 abc12345 领取资料\n正文。\n正文。\n",
      "plain text, nothing to remove\n",
      "\u00e9\u00e9##paidbegin##\r\n\r\n\r\n\r\nend\n",
  };
  std::string input;
  for (size_t i = 0; i < texts.size(); ++i) {
    input += "{\"id\":\"d" + std::to_string(i) + "\",\"text\":";
    cli::AppendJsonString(texts[i], &input);
    input += "}\n";
  }
  const std::string jsonl = WriteFile("docs.jsonl", input);
  const std::string report = Path("report.jsonl");
  ASSERT_EQ(RunWith({jsonl, "--report", report}).exit_code, 0);

  const std::regex edit_pattern(
      R"re(\{"begin":(\d+),"end":(\d+),"cp_begin":(\d+),"cp_end":(\d+),"category":"([a-z]+)","rule":"([a-z_.0-9]+)","removed":)re");
  std::istringstream lines(Read(report));
  size_t doc = 0;
  int edits = 0;
  for (std::string line; std::getline(lines, line); ++doc) {
    SCOPED_TRACE(line);
    ASSERT_LT(doc, texts.size());
    const std::string& text = texts[doc];
    const std::u32string cps = CodePoints(text);
    EXPECT_TRUE(line.starts_with("{\"doc\":" + std::to_string(doc) +
                                 ",\"id\":\"d" + std::to_string(doc) +
                                 "\",\"edits\":["));
    for (auto it = std::sregex_iterator(line.begin(), line.end(), edit_pattern);
         it != std::sregex_iterator(); ++it) {
      const std::smatch& m = *it;
      const size_t begin = std::stoul(m[1]);
      const size_t end = std::stoul(m[2]);
      const size_t cp_begin = std::stoul(m[3]);
      const size_t cp_end = std::stoul(m[4]);
      const std::string removed =
          JsonString(std::string_view(line).substr(m.position(0) + m.length(0)));
      ASSERT_LE(end, text.size());
      EXPECT_EQ(text.substr(begin, end - begin), removed);
      ASSERT_LE(cp_end, cps.size());
      EXPECT_EQ(cps.substr(cp_begin, cp_end - cp_begin), CodePoints(removed));
      EXPECT_EQ(CodePoints(text.substr(0, begin)).size(), cp_begin);
      ++edits;
    }
  }
  EXPECT_EQ(doc, texts.size());
  EXPECT_GE(edits, 6);
}

TEST_F(PipelineTest, DolmaAttributes) {
  const std::string jsonl = WriteFile(
      "docs.jsonl",
      "{\"id\":\"a\",\"text\":\"😀意识##paidbegin##形态\\n\\n\\n\\nend\"}\n"
      "{\"text\":\"clean\"}\n"
      "bad\n"
      "{\"id\":7,\"text\":\"x\\u200by\"}\n");
  const std::string report = Path("attributes.jsonl");
  const CliOutput r =
      RunWith({jsonl, "--report", report, "--report-format", "dolma"});
  EXPECT_EQ(r.exit_code, 1);
  // One line per input document, in order, so Dolma's mixer can line them
  // up; code-point offsets; one key per category present.
  EXPECT_EQ(
      Read(report),
      "{\"id\":\"a\",\"attributes\":{\"textwash__paywall\":[[3,16,1.0]],"
      "\"textwash__layout\":[[20,22,1.0]]}}\n"
      "{\"id\":\"1\",\"attributes\":{}}\n"
      "{\"id\":\"2\",\"attributes\":{}}\n"
      "{\"id\":7,\"attributes\":{\"textwash__unicode\":[[1,2,1.0]]}}\n");
}

// ---- --stats-json --------------------------------------------------------------

TEST_F(PipelineTest, StatsJson) {
  const std::string jsonl = WriteFile(
      "docs.jsonl",
      "{\"text\":\"意识形态##paidbegin##责任制##paidend##\"}\n"
      "{\"text\":\"a\\u200bb\"}\n"
      "{\"x\":1}\n");
  const std::string stats = Path("stats.json");
  const CliOutput r = RunWith({jsonl, "--stats-json", stats, "-j", "2"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "textwash: " + jsonl + ":3: no field \"text\"\n");
  const std::string json = Read(stats);
  EXPECT_EQ(
      WithoutTiming(json),
      "{\"documents\":{\"in\":3,\"written\":2,\"dropped\":0,\"rejected\":1},"
      "\"dropped\":{\"empty\":0,\"min_chars\":0,\"not_sampled\":0},"
      "\"rejected\":{\"invalid_json\":0,\"invalid_utf8\":0,\"not_object\":0,"
      "\"missing_field\":1,\"duplicate_field\":0,\"not_string\":0},"
      "\"rejected_written_unchanged\":1,"
      "\"bytes\":{\"in\":" +
          std::to_string(Read(jsonl).size()) + ",\"out\":" +
          std::to_string(r.out.size()) +
          ",\"removed\":27},"
          "\"edits\":3,"
          "\"categories\":{\"paywall\":{\"edits\":2,\"bytes_removed\":24},"
          "\"unicode\":{\"edits\":1,\"bytes_removed\":3}},"
          "\"rules\":["
          "{\"rule\":\"paywall.marker\",\"category\":\"paywall\",\"edits\":2,"
          "\"bytes_removed\":24,\"example\":\"##paidbegin##\"},"
          "{\"rule\":\"unicode.invisible\",\"category\":\"unicode\","
          "\"edits\":1,\"bytes_removed\":3,\"example\":\"\u200b\"}]");
  const std::regex timing(
      R"re(,"timing":\{"wall_seconds":[0-9.]+,"mb_per_second":[0-9.]+,"docs_per_second":[0-9.]+\}\}
)re");
  EXPECT_TRUE(std::regex_match(json.substr(WithoutTiming(json).size()), timing))
      << json;
}

// ---- --diff and --sample -------------------------------------------------------

TEST_F(PipelineTest, DiffMarksRemovalsAndReplacements) {
  const std::string jsonl = WriteFile(
      "docs.jsonl",
      "{\"id\":\"a\",\"text\":\"意识形态##paidbegin##责任制\"}\n"
      "{\"text\":\"unchanged\"}\n"
      "{\"id\":3,\"text\":\"mail a.b@example.org now\"}\n");
  const std::string text = WriteFile("doc.txt", "一##paidbegin##二");
  CliOutput r = RunWith({"--diff", "--pii", "mask", jsonl, text});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "--- " + jsonl + ":1 id \"a\"\n"
            "意识形态[-##paidbegin##-]责任制\n"
            "--- " + jsonl + ":3 id 3\n"
            "mail [-a.b@example.org-]{+<EMAIL>+} now\n"
            "--- " + text + "\n"
            "一[-##paidbegin##-]二\n");

  // On a terminal, colours instead of brackets.
  Terminal terminal;
  terminal.stdout_is_tty = true;
  r = RunWith({"--diff", "--pii", "mask", jsonl}, "", terminal);
  EXPECT_TRUE(Contains(r.out, "意识形态\x1b[31m##paidbegin##\x1b[0m责任制\n"))
      << r.out;
  EXPECT_TRUE(Contains(r.out, "\x1b[31ma.b@example.org\x1b[0m\x1b[32m<EMAIL>"))
      << r.out;
  EXPECT_EQ(RunWith({"--diff", "--color", "never", jsonl}, "", terminal).out,
            RunWith({"--diff", jsonl}).out);
  EXPECT_EQ(RunWith({"--diff", "--color", "always", jsonl}).out,
            RunWith({"--diff", jsonl}, "", terminal).out);
}

TEST_F(PipelineTest, SamplePicksDocumentsEvenly) {
  std::string lines[2];
  for (int i = 0; i < 10; ++i) {
    lines[i < 4 ? 0 : 1] += "{\"id\":" + std::to_string(i) +
                            ",\"text\":\"d" + std::to_string(i) +
                            "##paidbegin##\"}\n";
    if (i == 4) lines[1] += "\n";  // blank lines are not documents
  }
  const std::string first = WriteFile("first.jsonl", lines[0]);
  const std::string rest = WriteFile("rest.jsonl", lines[1]);
  // Documents floor(k * 10 / 3) = 0, 3, 6, across both files.
  const CliOutput r = RunWith({"--sample", "3", "--stats", first, rest});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "{\"id\":0,\"text\":\"d0\"}\n"
            "{\"id\":3,\"text\":\"d3\"}\n"
            "\n"
            "{\"id\":6,\"text\":\"d6\"}\n");
  EXPECT_TRUE(Contains(r.err,
                       "  documents   10 in = 3 written + 7 dropped + 0 "
                       "rejected\n  dropped     not_sampled 7\n"))
      << r.err;
  EXPECT_EQ(RunWith({"--sample", "3", "-j", "4", first, rest}).out, r.out);
  // More than there are: all of them.
  EXPECT_EQ(RunWith({"--sample", "50", first, rest}).out,
            RunWith({first, rest}).out);
  // With --diff, the sampled documents that changed.
  EXPECT_EQ(RunWith({"--sample", "2", "--diff", first, rest}).out,
            "--- " + first + ":1 id 0\nd0[-##paidbegin##-]\n"
            "--- " + rest + ":3 id 5\nd5[-##paidbegin##-]\n");
  // Both passes see the same documents; stdin cannot be read twice.
  const CliOutput stdin_run = RunWith({"--sample", "2", "--format", "jsonl"});
  EXPECT_EQ(stdin_run.exit_code, 2);
  EXPECT_TRUE(stdin_run.err.starts_with(
      "textwash: --sample needs input files, not stdin"))
      << stdin_run.err;
}

// ---- dropping ------------------------------------------------------------------

TEST_F(PipelineTest, DropEmptyAndShortDocuments) {
  const std::string jsonl = WriteFile(
      "docs.jsonl",
      "{\"text\":\"##paidbegin##\"}\n"
      "{\"text\":\"中文##paidbegin##\"}\n"
      "{\"text\":\"长一点的中文\"}\n");
  CliOutput r = RunWith({jsonl, "--drop-empty", "--stats"});
  EXPECT_EQ(r.out, "{\"text\":\"中文\"}\n{\"text\":\"长一点的中文\"}\n");
  EXPECT_TRUE(Contains(r.err, "3 in = 2 written + 1 dropped + 0 rejected\n"
                              "  dropped     empty 1\n"))
      << r.err;
  // Code points, not bytes: 中文 is 2 characters, 6 bytes.
  r = RunWith({jsonl, "--min-chars", "3", "--stats"});
  EXPECT_EQ(r.out, "{\"text\":\"长一点的中文\"}\n");
  EXPECT_TRUE(Contains(r.err, "3 in = 1 written + 2 dropped + 0 rejected\n"
                              "  dropped     min_chars 2\n"))
      << r.err;
  r = RunWith({jsonl, "--min-chars", "3", "--drop-empty", "--stats"});
  EXPECT_TRUE(Contains(r.err, "  dropped     empty 1, min_chars 1\n"))
      << r.err;

  // A text file that is dropped writes nothing.
  const std::string a = WriteFile("a.txt", "##paidbegin##");
  const std::string b = WriteFile("b.txt", "短");
  const std::string c = WriteFile("c.txt", "够长的文本");
  r = RunWith({a, b, c, "--drop-empty", "--min-chars", "2", "--stats"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "够长的文本\n");
  EXPECT_TRUE(Contains(r.err, "3 in = 1 written + 2 dropped + 0 rejected\n"
                              "  dropped     empty 1, min_chars 1\n"))
      << r.err;
}

// ---- progress ------------------------------------------------------------------

TEST_F(PipelineTest, ProgressOnlyOnATerminalForFiles) {
  const std::string jsonl = WriteFile("docs.jsonl", ManyDocuments());
  Terminal terminal;
  terminal.stderr_is_tty = true;
  CliOutput r = RunWith({jsonl, "-o", "/dev/null", "--on-error", "skip"}, "",
                        terminal);
  EXPECT_EQ(r.exit_code, 1);
  const std::regex progress(
      R"re(\rtextwash: [0-9.]+ of [0-9.]+ MB \([0-9]+%\), [0-9]+ docs/s, [0-9.]+ MB/s, ETA ([0-9]+:[0-9]{2}|\?)\x1b\[K)re");
  EXPECT_TRUE(std::regex_search(r.err, progress)) << r.err;
  EXPECT_TRUE(r.err.ends_with("\r\x1b[K")) << r.err;
  // Each bad line is reported on a line of its own: the progress line is
  // erased first.
  const std::string message = "textwash: " + jsonl + ":";
  int messages = 0;
  for (size_t at = r.err.find(message); at != std::string::npos;
       at = r.err.find(message, at + 1), ++messages) {
    const std::string_view before = std::string_view(r.err).substr(0, at);
    EXPECT_TRUE(before.empty() || before.ends_with("\n") ||
                before.ends_with("\r\x1b[K"))
        << r.err.substr(at > 40 ? at - 40 : 0, 80);
  }
  EXPECT_GT(messages, 10);

  for (const auto& [args, tty] :
       std::vector<std::pair<std::vector<std::string>, bool>>{
           {{jsonl, "-o", "/dev/null", "-q"}, true},
           {{jsonl, "-o", "/dev/null", "--quiet"}, true},
           {{jsonl, "-o", "/dev/null"}, false},
           {{"--format", "jsonl", "-o", "/dev/null"}, true}}) {
    Terminal t;
    t.stderr_is_tty = tty;
    r = RunWith(args, "{\"text\":\"x\"}\n", t);
    EXPECT_FALSE(Contains(r.err, "\r")) << ::testing::PrintToString(args);
    EXPECT_FALSE(Contains(r.err, "MB/s")) << ::testing::PrintToString(args);
  }
}

// ---- peak memory ---------------------------------------------------------------

#ifdef TEXTWASH_CLI_BINARY
using testing::ChildRun;
using testing::RunBinary;

TEST_F(PipelineTest, PeakMemoryStaysBoundedOnAHugeInput) {
  // AddressSanitizer keeps freed memory in quarantine (each batch's buffer
  // among it), so RSS says nothing about textwash's own there.
  if (testing::kAddressSanitizer) GTEST_SKIP() << "RSS under AddressSanitizer";
  // 256 MB of JSONL against a bound of 64 MiB of growth over the RSS of a
  // run on a one-line input. Most of each line is a field that is not cleaned,
  // so the run is quick, yet every byte is read, batched and written.
  constexpr uint64_t kInputBytes = 256'000'000;
  constexpr long kBoundKb = 64 * 1024;
  const std::string big = Path("big.jsonl");
  uint64_t lines = 0;
  {
    std::ofstream out(big, std::ios::binary);
    const std::string pad(16000, 'x');
    uint64_t written = 0;
    std::string line;
    for (; written < kInputBytes; ++lines) {
      line = "{\"id\":" + std::to_string(lines) + ",\"text\":\"第" +
             std::to_string(lines) + "篇##paidbegin##正文\",\"pad\":\"" + pad +
             "\"}\n";
      out << line;
      written += line.size();
    }
    ASSERT_TRUE(out.good());
  }
  const std::string small = WriteFile("small.jsonl", "{\"text\":\"x\"}\n");
  const ChildRun baseline = RunBinary({"-j", "2", small, "-o", "/dev/null"});
  ASSERT_EQ(baseline.exit_code, 0);
  const ChildRun run = RunBinary({"-j", "2", big, "-o", Path("out.jsonl"),
                                  "--report", "/dev/null"});
  ASSERT_EQ(run.exit_code, 0);
  // Every line came out, less its marker.
  EXPECT_EQ(std::filesystem::file_size(Path("out.jsonl")),
            std::filesystem::file_size(big) - 13 * lines);
  const long growth = run.max_rss_kb - baseline.max_rss_kb;
  std::cout << "peak RSS " << run.max_rss_kb << " KB on "
            << std::filesystem::file_size(big) / 1000000 << " MB of input ("
            << baseline.max_rss_kb << " KB on one line; growth " << growth
            << " KB, bound " << kBoundKb << " KB)\n";
  EXPECT_LT(growth, kBoundKb);
  EXPECT_GT(static_cast<long>(kInputBytes / 1024), 3 * kBoundKb);
}
#endif  // TEXTWASH_CLI_BINARY

}  // namespace
}  // namespace textwash

#endif  // TEXTWASH_HAVE_CLI
