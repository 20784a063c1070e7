// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// The `textwash clean` run: reads documents in batches, cleans the batches on
// a pool of threads that share one Cleaner, and writes the results in input
// order, so the output is the same for any number of threads.
//
// Memory stays bounded: JSONL is read a batch of lines at a time and at most
// a fixed number of batches is in flight. A text file is one document and is
// read whole.
#ifndef TEXTWASH_TOOLS_PIPELINE_H_
#define TEXTWASH_TOOLS_PIPELINE_H_

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "textwash/cleaner.h"
#include "tools/stats.h"

namespace textwash::cli {

enum class OnError { kKeep, kSkip, kFail };
enum class ReportFormat { kTextwash, kDolma };

// A document as a run cleaned it, shown to an Observer.
struct CleanedDocument {
  std::string_view input;  // the input's name; "<stdin>" for standard input
  size_t line = 0;         // its line in a JSONL input; 0 in a text input
  uint64_t index = 0;      // counts documents over the run from 0
  std::string_view id;     // raw JSON of a JSONL record's "id", or ""
  std::string_view text;   // the document before cleaning
  const Result& result;    // what Clean() made of it
};

// Sees what a run cleans (the review page samples documents this way).
class Observer {
 public:
  virtual ~Observer() = default;
  // Called for each cleaned document, from the worker threads and in no set
  // order: implementations must be thread-safe.
  virtual void Cleaned(const CleanedDocument& document) = 0;
  // Called once at the end of the run, with its totals.
  virtual void Finished(const Stats& stats) = 0;
};

struct PipelineOptions {
  std::vector<std::string> inputs;  // "-" is standard input
  std::vector<bool> jsonl;          // per input: JSON Lines, or one document
  std::string output;               // "" or "-": standard output
  std::string output_dir;           // one output per input, same file name
  std::string field = "text";
  OnError on_error = OnError::kKeep;
  std::string report;
  ReportFormat report_format = ReportFormat::kTextwash;
  bool stats = false;               // print the summary to stderr
  std::string stats_json;
  bool diff = false;                // write a diff instead of the output
  bool color = false;               // mark the diff with ANSI colours
  uint64_t sample = 0;              // 0: every document
  bool drop_empty = false;
  uint64_t min_chars = 0;
  bool progress = false;
  int threads = 1;
  Observer* observer = nullptr;     // not owned; may be null
};

// Runs the clean command. Standard input is `in`, standard output `out`,
// diagnostics go to `err`. Returns the exit code (0, 1 or 2; see cli.h).
int RunPipeline(const Cleaner& cleaner, const PipelineOptions& options,
                std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace textwash::cli

#endif  // TEXTWASH_TOOLS_PIPELINE_H_
