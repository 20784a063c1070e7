// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Helpers shared by the command-line tests: RunCli() with string streams,
// and a fixture with a scratch directory of its own per test.
#ifndef TEXTWASH_TESTS_CLI_TEST_UTIL_H_
#define TEXTWASH_TESTS_CLI_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "tests/test_util.h"
#include "tools/cli.h"

namespace textwash::testing {

inline bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

struct CliOutput {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the CLI on `args` with `stdin_text` as standard input.
inline CliOutput RunWith(const std::vector<std::string>& args,
                         std::string_view stdin_text = "",
                         const Terminal& terminal = Terminal()) {
  std::istringstream in{std::string(stdin_text)};
  std::ostringstream out;
  std::ostringstream err;
  CliOutput result;
  result.exit_code = RunCli(args, in, out, err, terminal);
  result.out = out.str();
  result.err = err.str();
  return result;
}

// The path of a fixture under tests/data/cli/.
inline std::string CliData(std::string_view name) {
  return DataDir() + "/cli/" + std::string(name);
}

// Each test gets its own scratch directory, removed afterwards.
class ScratchDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const ::testing::TestInfo* info =
        ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("textwash_" + std::string(info->test_suite_name()) + "_" +
            info->name() + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    ASSERT_TRUE(std::filesystem::create_directories(dir_)) << dir_;
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  // Writes `bytes` to `name` in the scratch directory; returns its path.
  std::string WriteFile(std::string_view name, std::string_view bytes) {
    const std::string path = Path(name);
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  std::string Path(std::string_view name) const {
    return (dir_ / std::string(name)).string();
  }
  static std::string Read(const std::string& path) { return ReadFileOrDie(path); }

  std::filesystem::path dir_;
};

#ifdef TEXTWASH_CLI_BINARY
// Runs the textwash binary with `args`; returns its exit code and peak RSS.
struct ChildRun {
  int exit_code = -1;
  long max_rss_kb = 0;
};

inline ChildRun RunBinary(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  std::string binary = TEXTWASH_CLI_BINARY;
  argv.push_back(binary.data());
  std::vector<std::string> copies = args;
  for (std::string& arg : copies) argv.push_back(arg.data());
  argv.push_back(nullptr);
  ChildRun run;
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  int status = 0;
  struct rusage usage {};
  if (pid < 0 || ::wait4(pid, &status, 0, &usage) != pid) return run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.max_rss_kb = usage.ru_maxrss;
  return run;
}
#endif  // TEXTWASH_CLI_BINARY

}  // namespace textwash::testing

#endif  // TEXTWASH_TESTS_CLI_TEST_UTIL_H_
