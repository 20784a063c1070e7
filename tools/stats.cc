// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
#include "tools/stats.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "tools/jsonl.h"

namespace textwash::cli {
namespace {

// The longest example of a rule's removed text in --stats, in code points.
constexpr size_t kExampleCodePoints = 80;
// How many rules --stats lists (--stats-json lists all).
constexpr size_t kTopRules = 10;

constexpr std::array<std::string_view, kDropReasonCount> kDropNames = {
    "empty", "min_chars", "not_sampled"};

constexpr std::array<std::string_view, kRejectReasonCount> kRejectNames = {
    "invalid_json",  "invalid_utf8",    "not_object",
    "missing_field", "duplicate_field", "not_string"};

bool IsContinuationByte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// `text` cut to at most `limit` code points, with "…" when cut.
std::string Shorten(std::string_view text, size_t limit) {
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (IsContinuationByte(text[i])) continue;
    if (count++ == limit) return std::string(text.substr(0, i)) + "…";
  }
  return std::string(text);
}

template <size_t N>
uint64_t Sum(const std::array<uint64_t, N>& values) {
  uint64_t sum = 0;
  for (const uint64_t v : values) sum += v;
  return sum;
}

template <size_t N>
std::string JsonObjectOfCounts(const std::array<std::string_view, N>& names,
                               const std::array<uint64_t, N>& counts) {
  std::string out = "{";
  for (size_t i = 0; i < N; ++i) {
    if (i > 0) out += ',';
    out += '"';
    out += names[i];
    out += "\":";
    out += std::to_string(counts[i]);
  }
  out += '}';
  return out;
}

template <size_t N>
std::string TextCounts(const std::array<std::string_view, N>& names,
                       const std::array<uint64_t, N>& counts) {
  std::string out;
  for (size_t i = 0; i < N; ++i) {
    if (counts[i] == 0) continue;
    if (!out.empty()) out += ", ";
    out += std::string(names[i]) + " " + std::to_string(counts[i]);
  }
  return out.empty() ? "none" : out;
}

}  // namespace

std::vector<int> RulesByEdits(const Stats& stats, const Cleaner& cleaner) {
  std::vector<int> order;
  for (size_t i = 0; i < stats.rules.size(); ++i) {
    if (stats.rules[i].edits > 0) order.push_back(static_cast<int>(i));
  }
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    const RuleCount& x = stats.rules[a];
    const RuleCount& y = stats.rules[b];
    if (x.edits != y.edits) return x.edits > y.edits;
    if (x.bytes != y.bytes) return x.bytes > y.bytes;
    return cleaner.rule(a).id < cleaner.rule(b).id;
  });
  return order;
}

RejectReason ReasonOf(std::string_view message) {
  if (message.starts_with("invalid UTF-8")) return kRejectInvalidUtf8;
  if (message.starts_with("invalid JSON")) return kRejectInvalidJson;
  if (message.starts_with("not a JSON object")) return kRejectNotObject;
  if (message.starts_with("no field")) return kRejectMissingField;
  if (message.starts_with("duplicate field")) return kRejectDuplicateField;
  return kRejectNotString;
}

uint64_t CountCodePoints(std::string_view text) {
  uint64_t count = 0;
  for (const char c : text) count += IsContinuationByte(c) ? 0 : 1;
  return count;
}

std::string FormatDouble(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.*f", decimals, value);
  return buffer;
}

uint64_t Stats::dropped_total() const { return Sum(dropped); }
uint64_t Stats::rejected_total() const { return Sum(rejected); }
uint64_t Stats::edits_total() const { return Sum(category_edits); }
uint64_t Stats::bytes_removed_total() const { return Sum(category_bytes); }

void Stats::CountEdits(std::string_view input, const std::vector<Edit>& edits,
                int rule_count) {
  for (const Edit& edit : edits) {
    const size_t begin = std::min(edit.begin, input.size());
    const size_t end = std::clamp(edit.end, begin, input.size());
    const int category = static_cast<int>(edit.category);
    if (category >= 0 && category < kCategoryCount) {
      ++category_edits[category];
      category_bytes[category] += end - begin;
    }
    if (edit.rule < 0 || edit.rule >= rule_count) continue;
    if (rules.empty()) rules.resize(rule_count);
    RuleCount& rule = rules[edit.rule];
    if (rule.edits == 0) {
      rule.example = Shorten(input.substr(begin, end - begin),
                             kExampleCodePoints);
    }
    ++rule.edits;
    rule.bytes += end - begin;
  }
}

void Stats::Add(const Stats& other) {
  documents_in += other.documents_in;
  written += other.written;
  for (int i = 0; i < kDropReasonCount; ++i) dropped[i] += other.dropped[i];
  for (int i = 0; i < kRejectReasonCount; ++i) {
    rejected[i] += other.rejected[i];
  }
  rejected_written += other.rejected_written;
  bytes_in += other.bytes_in;
  bytes_out += other.bytes_out;
  for (int i = 0; i < kCategoryCount; ++i) {
    category_edits[i] += other.category_edits[i];
    category_bytes[i] += other.category_bytes[i];
  }
  if (other.rules.empty()) return;
  if (rules.empty()) rules.resize(other.rules.size());
  for (size_t i = 0; i < other.rules.size(); ++i) {
    const RuleCount& from = other.rules[i];
    if (from.edits == 0) continue;
    if (rules[i].edits == 0) rules[i].example = from.example;
    rules[i].edits += from.edits;
    rules[i].bytes += from.bytes;
  }
}


Timing TimingOf(const Stats& stats, double seconds) {
  Timing timing;
  timing.seconds = seconds;
  if (seconds > 0) {
    timing.mb_per_second = static_cast<double>(stats.bytes_in) / 1e6 / seconds;
    timing.docs_per_second =
        static_cast<double>(stats.documents_in) / seconds;
  }
  return timing;
}

std::string StatsText(const Stats& stats, const Cleaner& cleaner,
                      const Timing& timing) {
  const uint64_t edits = stats.edits_total();
  const uint64_t removed = stats.bytes_removed_total();
  std::string out = "textwash: stats\n";
  out += "  documents   " + std::to_string(stats.documents_in) + " in = " +
         std::to_string(stats.written) + " written + " +
         std::to_string(stats.dropped_total()) + " dropped + " +
         std::to_string(stats.rejected_total()) + " rejected\n";
  out += "  dropped     " + TextCounts(kDropNames, stats.dropped) + "\n";
  out += "  rejected    " + TextCounts(kRejectNames, stats.rejected);
  if (stats.rejected_total() > 0) {
    out += " (" + std::to_string(stats.rejected_written) +
           " written unchanged)";
  }
  out += "\n";
  out += "  bytes       " + std::to_string(stats.bytes_in) + " in, " +
         std::to_string(stats.bytes_out) + " out, " + std::to_string(removed) +
         " removed by " + std::to_string(edits) + " edits\n";
  bool first = true;
  for (int c = 0; c < kCategoryCount; ++c) {
    if (stats.category_edits[c] == 0) continue;
    out += first ? "  categories  " : "              ";
    first = false;
    out += std::string(CategoryName(static_cast<Category>(c))) + ": " +
           std::to_string(stats.category_edits[c]) + " edits, " +
           std::to_string(stats.category_bytes[c]) + " bytes\n";
  }
  const std::vector<int> rules = RulesByEdits(stats, cleaner);
  for (size_t i = 0; i < rules.size() && i < kTopRules; ++i) {
    const RuleCount& count = stats.rules[rules[i]];
    std::string example;
    AppendJsonString(count.example, &example);
    out += i == 0 ? "  top rules   " : "              ";
    out += cleaner.rule(rules[i]).id + ": " + std::to_string(count.edits) +
           " edits, " + std::to_string(count.bytes) + " bytes, e.g. " +
           example + "\n";
  }
  out += "  throughput  " + FormatDouble(timing.mb_per_second, 2) + " MB/s, " +
         FormatDouble(timing.docs_per_second, 0) + " docs/s, " +
         FormatDouble(timing.seconds, 3) + " s\n";
  return out;
}

std::string StatsJson(const Stats& stats, const Cleaner& cleaner,
                      const Timing& timing) {
  const uint64_t edits = stats.edits_total();
  const uint64_t removed = stats.bytes_removed_total();
  std::string out = "{\"documents\":{\"in\":" +
                    std::to_string(stats.documents_in) +
                    ",\"written\":" + std::to_string(stats.written) +
                    ",\"dropped\":" + std::to_string(stats.dropped_total()) +
                    ",\"rejected\":" + std::to_string(stats.rejected_total()) +
                    "}";
  out += ",\"dropped\":" + JsonObjectOfCounts(kDropNames, stats.dropped);
  out += ",\"rejected\":" + JsonObjectOfCounts(kRejectNames, stats.rejected);
  out += ",\"rejected_written_unchanged\":" +
         std::to_string(stats.rejected_written);
  out += ",\"bytes\":{\"in\":" + std::to_string(stats.bytes_in) +
         ",\"out\":" + std::to_string(stats.bytes_out) +
         ",\"removed\":" + std::to_string(removed) + "}";
  out += ",\"edits\":" + std::to_string(edits);
  out += ",\"categories\":{";
  bool first = true;
  for (int c = 0; c < kCategoryCount; ++c) {
    if (stats.category_edits[c] == 0) continue;
    if (!first) out += ',';
    first = false;
    out += '"';
    out += CategoryName(static_cast<Category>(c));
    out += "\":{\"edits\":" + std::to_string(stats.category_edits[c]) +
           ",\"bytes_removed\":" + std::to_string(stats.category_bytes[c]) +
           "}";
  }
  out += "},\"rules\":[";
  first = true;
  for (const int rule : RulesByEdits(stats, cleaner)) {
    const RuleCount& count = stats.rules[rule];
    if (!first) out += ',';
    first = false;
    out += "{\"rule\":";
    AppendJsonString(cleaner.rule(rule).id, &out);
    out += ",\"category\":";
    AppendJsonString(CategoryName(cleaner.rule(rule).category), &out);
    out += ",\"edits\":" + std::to_string(count.edits) +
           ",\"bytes_removed\":" + std::to_string(count.bytes) +
           ",\"example\":";
    AppendJsonString(count.example, &out);
    out += "}";
  }
  out += "],\"timing\":{\"wall_seconds\":" + FormatDouble(timing.seconds, 3) +
         ",\"mb_per_second\":" + FormatDouble(timing.mb_per_second, 3) +
         ",\"docs_per_second\":" + FormatDouble(timing.docs_per_second, 1) +
         "}}\n";
  return out;
}

}  // namespace textwash::cli
