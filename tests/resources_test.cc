// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Resource bounds of one huge document (README, "Limits"): the command's
// peak memory grows by at most 5 bytes per byte of the document and 32 per
// line of it, plus 50 MB, over its peak on a one-line input. Each test runs
// the binary in a child process and reads its peak RSS from getrusage;
// nothing is timed (BM_Hostile in bench/stages_bench.cc shows that time
// grows linearly).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "tests/cli_test_util.h"
#include "tests/test_util.h"

namespace textwash {
namespace {

#ifdef TEXTWASH_CLI_BINARY
class ResourceTest : public testing::ScratchDirTest {
 protected:
  void SetUp() override {
    if (testing::kAddressSanitizer) GTEST_SKIP() << "RSS under AddressSanitizer";
    ScratchDirTest::SetUp();
  }

  // Cleans `path` as one text document; expects the peak RSS to stay within
  // the bound for `bytes` and `lines` over a run on a one-line document.
  void ExpectWithinBound(const std::string& path, uint64_t bytes, uint64_t lines) {
    const std::string small = WriteFile("small.txt", "x\n");
    const testing::ChildRun baseline =
        testing::RunBinary({"--format", "text", small, "-o", "/dev/null"});
    ASSERT_EQ(baseline.exit_code, 0);
    const std::string out = Path("out.txt");
    const testing::ChildRun run = testing::RunBinary({"--format", "text", path, "-o", out});
    ASSERT_EQ(run.exit_code, 0);
    EXPECT_GT(std::filesystem::file_size(out), 0u);
    const long growth_kb = run.max_rss_kb - baseline.max_rss_kb;
    const long bound_kb = static_cast<long>((5 * bytes + 32 * lines) / 1024) + 50 * 1024;
    std::cout << "peak RSS " << run.max_rss_kb << " KB on " << bytes << " bytes, "
              << lines << " lines (growth " << growth_kb << " KB, bound " << bound_kb
              << " KB)\n";
    EXPECT_LT(growth_kb, bound_kb);
  }
};

TEST_F(ResourceTest, OneLargeDocument) {
  // 64 MB of the corpus's documents with their junk, one document.
  std::string material;
  for (const auto& path : testing::DataFiles(".txt")) {
    if (path.string().find("/corpus/") != std::string::npos) {
      material += testing::ReadFileOrDie(path);
    }
  }
  ASSERT_GT(material.size(), 100'000u);
  const std::string path = Path("big.txt");
  uint64_t bytes = 0, lines = 0;
  {
    std::ofstream out(path, std::ios::binary);
    for (int copy = 0; bytes < 64'000'000; ++copy) {
      // Numbered, so that not every line is a repeat.
      const std::string header = "第" + std::to_string(copy) + "份\n";
      out << header << material << "\n";
      bytes += header.size() + material.size() + 1;
    }
    ASSERT_TRUE(out.good());
  }
  const std::string text = testing::ReadFileOrDie(path);
  for (char c : text) lines += c == '\n';
  ExpectWithinBound(path, bytes, lines);
}

TEST_F(ResourceTest, TenMillionOneCharacterLines) {
  const std::string path = Path("lines.txt");
  constexpr uint64_t kLines = 10'000'000;
  {
    std::ofstream out(path, std::ios::binary);
    const std::string chunk = [] {
      std::string s;
      for (int i = 0; i < 1000; ++i) s += "a\n";
      return s;
    }();
    for (uint64_t i = 0; i < kLines / 1000; ++i) out << chunk;
    ASSERT_TRUE(out.good());
  }
  ExpectWithinBound(path, 2 * kLines, kLines);
}
#endif  // TEXTWASH_CLI_BINARY

}  // namespace
}  // namespace textwash
