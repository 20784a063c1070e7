// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// `textwash learn`: finds the lines (or sentences) that a corpus repeats from
// document to document, the way a site repeats its header, footer and ads,
// and writes them as a rule file for review.
//
// One streaming pass counts, for each normalized unit, the documents it
// occurs in and, with a group field, the documents of each group. The table
// lives in memory up to a budget; beyond it, it is written out as a sorted
// run and the runs are merged at the end, so memory stays bounded on any
// corpus and every count is exact. A counts file (`--counts-only`) is such a
// sorted table; counts files of shards merge into the counts of their union.
//
//   learn:  documents -> [runs] -> merged table -> thresholds -> learned.toml
//   shards: documents -> shard.counts;  shard.counts... -> merge -> learned.toml
#ifndef TEXTWASH_TOOLS_LEARN_H_
#define TEXTWASH_TOOLS_LEARN_H_

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace textwash::cli {

enum class LearnUnit { kLine, kSentence };

struct LearnOptions {
  std::vector<std::string> inputs;  // documents, or counts files with merge
  std::vector<bool> jsonl;          // per input: JSON Lines, or one document
  std::string output;               // "" or "-": standard output
  std::string field = "text";       // JSONL: the text field (dotted path)
  std::string group_by;             // JSONL: the group field, or "" for none
  LearnUnit unit = LearnUnit::kLine;
  bool fold_digits = false;         // every run of digits counts as one "0"
  uint64_t min_chars = 4;           // shorter units are not counted
  uint64_t max_chars = 300;         // nor longer ones
  bool counts_only = false;         // write the counts, not the rules
  bool merge = false;               // the inputs are counts files

  // Thresholds: a unit is proposed when all three hold.
  uint64_t min_docs = 10;
  double min_share = 0.2;  // documents holding it / documents of its groups
  uint64_t min_groups = 1;

  std::string allow;     // a file of lines never proposed
  std::string review;    // also write a Markdown listing here
  std::string id_prefix = "learned";
  uint64_t memory_mb = 256;  // the counting table's budget
  std::string tmp_dir;       // for runs; "" is the system's temp directory
};

// Runs `textwash learn`. Standard input is `in`, standard output `out`;
// diagnostics, each prefixed "textwash: ", go to `err`. Returns the exit code
// (0, 1 or 2; see cli.h): a bad JSONL line is reported as FILE:LINE: REASON,
// counted as rejected and leaves exit code 1; the rest is still counted.
int RunLearn(const LearnOptions& options, std::istream& in, std::ostream& out,
             std::ostream& err);

}  // namespace textwash::cli

#endif  // TEXTWASH_TOOLS_LEARN_H_
