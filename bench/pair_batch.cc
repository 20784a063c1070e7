// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// textwash_pair_batch: Clean() one document after the other against
// CleanBatch(), timed in pairs. On a shared machine whose speed drifts from
// one second to the next, two benchmarks run one after the other compare
// badly; here the two ways clean the same slice of documents back to back,
// the order alternating from round to round, and each round gives a ratio.
//
//   textwash_pair_batch FILE.jsonl [ROUNDS] [SLICE]
//
// FILE holds one JSON object with a "text" string per line (the output of
// textwash_gen_corpus --format jsonl). Each round cleans every document both
// ways, SLICE documents (default 1024) at a time. Prints each round's ratio
// (Clean() time / CleanBatch() time), sorted, then the overall MB/s of each.
// Exits 1 if a document's result differs between the two.
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "textwash/textwash.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: textwash_pair_batch FILE.jsonl [ROUNDS] [SLICE]\n");
    return 2;
  }
  const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  const size_t slice = argc > 3 ? std::max(1, std::atoi(argv[3])) : 1024;
  simdjson::padded_string json;
  if (simdjson::padded_string::load(argv[1]).get(json)) {
    std::fprintf(stderr, "textwash_pair_batch: cannot read %s\n", argv[1]);
    return 2;
  }
  std::vector<std::string> docs;
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document_stream stream;
  if (parser.iterate_many(json).get(stream)) {
    std::fprintf(stderr, "textwash_pair_batch: %s is not JSONL\n", argv[1]);
    return 2;
  }
  for (auto doc : stream) {
    std::string_view text;
    if (doc["text"].get_string().get(text)) {
      std::fprintf(stderr, "textwash_pair_batch: a line of %s has no \"text\" string\n",
                   argv[1]);
      return 2;
    }
    docs.emplace_back(text);
  }
  auto created = textwash::Cleaner::Create(textwash::Options{});
  if (!created.ok()) {
    std::fprintf(stderr, "textwash_pair_batch: %s\n", created.status().message().c_str());
    return 2;
  }
  const textwash::Cleaner& cleaner = **created;
  const std::vector<std::string_view> views(docs.begin(), docs.end());
  size_t bytes = 0;
  for (const std::string& d : docs) bytes += d.size();

  using Clock = std::chrono::steady_clock;
  double one_total = 0, batch_total = 0;
  std::vector<double> ratios;
  std::vector<textwash::Result> one(slice), batch;
  for (int round = 0; round < rounds; ++round) {
    double one_time = 0, batch_time = 0;
    for (size_t first = 0; first < views.size(); first += slice) {
      const size_t n = std::min(slice, views.size() - first);
      for (int side = 0; side < 2; ++side) {
        const bool batched = (side ^ (round & 1)) == 1;
        const auto start = Clock::now();
        if (batched) {
          cleaner.CleanBatch(std::span(views).subspan(first, n), &batch);
        } else {
          for (size_t k = 0; k < n; ++k) cleaner.Clean(views[first + k], &one[k]);
        }
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        (batched ? batch_time : one_time) += seconds;
      }
      for (size_t k = 0; k < n; ++k) {
        if (one[k].text != batch[k].text || one[k].edits != batch[k].edits) {
          std::fprintf(stderr, "textwash_pair_batch: document %zu differs\n", first + k);
          return 1;
        }
      }
    }
    ratios.push_back(one_time / batch_time);
    one_total += one_time;
    batch_total += batch_time;
  }
  std::sort(ratios.begin(), ratios.end());
  std::printf("documents %zu bytes %zu rounds %d slice %zu\nratios (Clean/CleanBatch):",
              docs.size(), bytes, rounds, slice);
  for (double r : ratios) std::printf(" %.3f", r);
  std::printf("\nmedian %.3f  Clean %.1f MB/s  CleanBatch %.1f MB/s\n",
              ratios[ratios.size() / 2], static_cast<double>(bytes) * rounds / one_total / 1e6,
              static_cast<double>(bytes) * rounds / batch_total / 1e6);
  return 0;
}
