// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// The textwash command line, as a function the tests can call.
//
//   textwash [clean] [FLAGS] [FILE...]   clean documents (the default command)
//   textwash rules check FILE...         validate rule files
//   textwash rules list                  list the built-in rules
//   textwash learn [FLAGS] [FILE...]     propose the corpus's boilerplate
//   textwash review [FLAGS] [FILE...]    an HTML page of what is removed
//
// `textwash --help` documents every flag. Exit codes:
//   0  done
//   1  some input was bad (each case reported as FILE:LINE: REASON), the
//      rest was processed
//   2  could not run: usage error, bad rule file, unreadable input file or
//      unwritable output file
#ifndef TEXTWASH_TOOLS_CLI_H_
#define TEXTWASH_TOOLS_CLI_H_

#include <iosfwd>
#include <string>
#include <vector>

namespace textwash {

// What the standard streams are connected to. The progress line needs stderr
// to be a terminal, and --diff colours its marks when stdout is one.
struct Terminal {
  bool stdout_is_tty = false;
  bool stderr_is_tty = false;
};

// Runs the textwash command with `args` (argv without the program name).
// Standard input is `in`, standard output `out`; diagnostics, each prefixed
// "textwash: ", go to `err`. Returns the exit code. Never throws.
int RunCli(const std::vector<std::string>& args, std::istream& in,
           std::ostream& out, std::ostream& err,
           const Terminal& terminal = Terminal());

}  // namespace textwash

#endif  // TEXTWASH_TOOLS_CLI_H_
