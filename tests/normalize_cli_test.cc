// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// The normalizer flags of `textwash clean`: each maps to its option, and
// their edits are counted and reported under the category normalize.
#ifdef TEXTWASH_HAVE_CLI

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/cli_test_util.h"
#include "tests/test_util.h"
#include "textwash/textwash.h"
#include "tools/cli.h"

namespace textwash {
namespace {

using testing::Contains;
using testing::RunWith;

TEST(CliNormalizeTest, FlagsMapToOptions) {
  struct Case {
    const char* name;
    std::vector<std::string> args;
    std::string in;
    std::string want;
  };
  const std::string mojibake = "caf\u00C3\u00A9 au lait\n";
  const std::string traditional = "這是繁體字\n";
  const std::string markdown = "## Title\n\nSee [docs](https://example.com) *now*.\n";
  const std::string punct = "你好,世界!\nＡＢ１２。\n";
  const Case cases[] = {
      {"mojibake kept by default", {}, mojibake, mojibake},
      {"--fix-mojibake", {"--fix-mojibake"}, mojibake, "café au lait\n"},
      {"traditional kept by default", {}, traditional, traditional},
      {"--to-simplified", {"--to-simplified"}, traditional, "这是繁体字\n"},
      {"Markdown kept by default", {}, markdown, markdown},
      {"--strip-markdown", {"--strip-markdown"}, markdown, "Title\n\nSee docs now.\n"},
      {"--keep-link-urls",
       {"--strip-markdown", "--keep-link-urls"},
       markdown,
       "Title\n\nSee docs (https://example.com) now.\n"},
      {"punctuation kept by default", {}, punct, punct},
      {"--normalize-punct", {"--normalize-punct"}, punct, "你好，世界！\nAB12。\n"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const testing::CliOutput r = RunWith(c.args, c.in);
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out, c.want);
    EXPECT_EQ(r.err, "");
  }
}

TEST(CliNormalizeTest, KeepLinkUrlsAloneIsAUsageError) {
  const testing::CliOutput r = RunWith({"--keep-link-urls"}, "x\n");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(Contains(r.err, "--keep-link-urls requires --strip-markdown")) << r.err;
}

TEST(CliNormalizeTest, HelpDocumentsTheFlags) {
  const testing::CliOutput r = RunWith({"clean", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* flag : {"--fix-mojibake", "--to-simplified", "--strip-markdown",
                           "--keep-link-urls", "--normalize-punct"}) {
    EXPECT_TRUE(Contains(r.out, flag)) << "missing: " << flag;
  }
}

TEST(CliNormalizeTest, StatsAndReportsCountTheCategory) {
  // --stats-json - writes the JSON after the output.
  const testing::CliOutput r = RunWith({"--normalize-punct", "--stats-json", "-"}, "你好,世界\n");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(r.out.starts_with("你好，世界\n")) << r.out;
  EXPECT_TRUE(Contains(r.out, R"("categories":{"normalize":{"edits":1,"bytes_removed":1}})"))
      << r.out;
  EXPECT_TRUE(Contains(r.out, R"({"rule":"normalize.punct","category":"normalize","edits":1,)"))
      << r.out;
  const testing::CliOutput dolma = RunWith(
      {"--normalize-punct", "--report", "-", "--report-format", "dolma"}, "你好,世界\n");
  EXPECT_EQ(dolma.exit_code, 0);
  EXPECT_TRUE(Contains(dolma.out, R"("textwash__normalize":[[2,3,1.0]])")) << dolma.out;
}

}  // namespace
}  // namespace textwash

#endif  // TEXTWASH_HAVE_CLI
