// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// What a clean run did, for --stats and --stats-json: documents in, written,
// dropped and rejected by reason, bytes, and edits by category and by rule.
//
//   Stats stats;
//   stats.CountEdits(text, result.edits, cleaner.rule_count());
//   ++stats.documents_in;
//   ++stats.written;
//   std::cerr << StatsText(stats, cleaner, TimingOf(stats, seconds));
#ifndef TEXTWASH_TOOLS_STATS_H_
#define TEXTWASH_TOOLS_STATS_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "textwash/cleaner.h"

namespace textwash::cli {

constexpr int kCategoryCount = static_cast<int>(Category::kNormalize) + 1;

// Why a document was not written.
enum DropReason { kDropEmpty, kDropMinChars, kDropNotSampled, kDropReasonCount };
// Why a JSONL line could not be cleaned.
enum RejectReason {
  kRejectInvalidJson,
  kRejectInvalidUtf8,
  kRejectNotObject,
  kRejectMissingField,
  kRejectDuplicateField,
  kRejectNotString,
  kRejectReasonCount
};
// Maps a JsonlParser::Parse() message to its reason.
RejectReason ReasonOf(std::string_view message);

// Counts code points; on invalid UTF-8 each stray byte counts as one.
uint64_t CountCodePoints(std::string_view text);

// `value` with `decimals` digits after the point.
std::string FormatDouble(double value, int decimals);

struct RuleCount {
  uint64_t edits = 0;
  uint64_t bytes = 0;
  std::string example;  // the first text the rule removed
};

// What a run, or one batch of it, did. Batches are added up in input order,
// so the totals, and the examples, do not depend on the number of threads.
struct Stats {
  uint64_t documents_in = 0;
  uint64_t written = 0;
  std::array<uint64_t, kDropReasonCount> dropped{};
  std::array<uint64_t, kRejectReasonCount> rejected{};
  uint64_t rejected_written = 0;  // kept unchanged (--on-error keep)
  uint64_t bytes_in = 0;
  uint64_t bytes_out = 0;
  std::array<uint64_t, kCategoryCount> category_edits{};
  std::array<uint64_t, kCategoryCount> category_bytes{};
  std::vector<RuleCount> rules;  // by rule index; empty until an edit

  uint64_t dropped_total() const;
  uint64_t rejected_total() const;
  uint64_t edits_total() const;          // over all categories
  uint64_t bytes_removed_total() const;  // over all categories

  // Counts `edits`, made on `input`, by category and by rule.
  void CountEdits(std::string_view input, const std::vector<Edit>& edits,
                  int rule_count);
  // Adds `other`, which comes after what this holds in the input.
  void Add(const Stats& other);
};

struct Timing {
  double seconds = 0;
  double mb_per_second = 0;
  double docs_per_second = 0;
};

Timing TimingOf(const Stats& stats, double seconds);

// The indexes of the rules that made edits, most edits first (then most
// bytes, then by id).
std::vector<int> RulesByEdits(const Stats& stats, const Cleaner& cleaner);

// The --stats summary: lines for stderr, the first "textwash: stats".
std::string StatsText(const Stats& stats, const Cleaner& cleaner,
                      const Timing& timing);

// The --stats-json object, on one line. Everything but its "timing" member
// depends on the input alone.
std::string StatsJson(const Stats& stats, const Cleaner& cleaner,
                      const Timing& timing);

}  // namespace textwash::cli

#endif  // TEXTWASH_TOOLS_STATS_H_
