// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// The textwash command: converts argv and hands over to RunCli().
#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "tools/cli.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  textwash::Terminal terminal;
  terminal.stdout_is_tty = ::isatty(STDOUT_FILENO) == 1;
  terminal.stderr_is_tty = ::isatty(STDERR_FILENO) == 1;
  return textwash::RunCli(args, std::cin, std::cout, std::cerr, terminal);
}
