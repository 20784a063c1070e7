// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// `textwash review`: one self-contained HTML page that shows what a rule set
// removes. It cleans every input document (through the clean pipeline, so
// inputs, formats and rules behave as in `textwash clean`), counts the
// removals of the whole run, and shows a sample of the documents with each
// removal marked in place.
//
//   ReviewSampler sampler(options);             // an Observer of the run
//   pipeline_options.observer = &sampler;
//   RunPipeline(cleaner, pipeline_options, in, discard, err);
//   std::string html = ReviewPage(sampler.TakeData(), cleaner);
//
// The page needs nothing beyond itself: its CSS and script are inline, its
// chart is inline SVG, and its Content-Security-Policy allows nothing else
// (no network, no other scripts), so a document's text can do no harm even
// if it holds markup: every byte of it is escaped.
#ifndef TEXTWASH_TOOLS_REVIEW_H_
#define TEXTWASH_TOOLS_REVIEW_H_

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "textwash/cleaner.h"
#include "tools/pipeline.h"
#include "tools/stats.h"

namespace textwash::cli {

struct ReviewOptions {
  std::string output;              // the page; "-" is standard output
  std::string title = "textwash review";
  uint64_t sample = 100;           // documents shown, at most
  uint64_t seed = 0;               // which documents the sample takes
  bool edited_only = false;        // sample only documents with edits
  size_t max_document_bytes = 100000;  // longer documents are shown cut
};

// A sampled document as the page shows it.
struct ReviewDocument {
  std::string input;         // file name
  size_t line = 0;           // JSONL line; 0 for a text file
  uint64_t index = 0;        // document index in the run
  std::string id;            // the record's "id", decoded; "" if none
  std::string text;          // the document, cut to max_document_bytes
  std::vector<Edit> edits;   // the edits that fall within `text`
  uint64_t bytes = 0;        // size of the whole document
  uint64_t edit_count = 0;   // edits of the whole document
  uint64_t bytes_removed = 0;  // by them
};

// Everything the page shows.
struct ReviewData {
  std::string title;
  std::vector<std::string> inputs;
  Stats stats;                   // the whole run
  uint64_t documents_edited = 0;
  uint64_t text_bytes_in = 0;    // documents' text before cleaning
  uint64_t text_bytes_out = 0;   // and after
  uint64_t sample = 0;           // as asked for
  bool edited_only = false;
  std::vector<ReviewDocument> documents;  // the sample, in input order
};

// Picks the sample while a run cleans: the `sample` documents (among those
// with edits, if asked) whose hash of (seed, index) is smallest. The choice
// depends on the input and the seed alone, not on the number of threads or
// on the order the workers finish in, and any document is as likely as any
// other to be picked.
class ReviewSampler : public Observer {
 public:
  ReviewSampler(const ReviewOptions& options,
                std::vector<std::string> inputs);

  void Cleaned(const CleanedDocument& document) override;
  void Finished(const Stats& stats) override;

  // The page's data, the sample in input order. Call once, after the run.
  ReviewData TakeData();

 private:
  struct Entry {
    uint64_t key = 0;
    uint64_t index = 0;  // breaks ties of `key`
    ReviewDocument document;
    bool operator<(const Entry& other) const;
  };

  const ReviewOptions options_;
  std::mutex mutex_;
  std::vector<Entry> kept_;  // a max-heap: the entry to drop next in front
  ReviewData data_;
};

// The page's priority for document `index`: a 64-bit mix of both.
uint64_t SampleKey(uint64_t seed, uint64_t index);

// How much of a document the page shows: `max_bytes`, moved back to a code
// point boundary, or on to the end of the edit that the limit falls in; all
// of it when it is no longer.
size_t ShownBytes(std::string_view text, const std::vector<Edit>& edits,
                  size_t max_bytes);

// Appends `text` to `*out` escaped for HTML text and attribute values: &, <,
// >, " and ' become character references, invalid UTF-8 becomes U+FFFD.
void AppendHtmlEscaped(std::string_view text, std::string* out);

// SHA-256 of `data`, base64-encoded, as a Content-Security-Policy hash
// source wants it.
std::string Sha256Base64(std::string_view data);

// The page. Each edit of each document is one element with class "edit",
// data-rule (the rule id) and data-cat (its category).
std::string ReviewPage(const ReviewData& data, const Cleaner& cleaner);

// Runs `textwash review`: cleans the inputs of `options` (whose output is
// discarded), writes the page to review.output. Returns the exit code as
// RunPipeline() does, or 2 when the page cannot be written.
int RunReview(const Cleaner& cleaner, PipelineOptions options,
              const ReviewOptions& review, std::istream& in, std::ostream& out,
              std::ostream& err);

}  // namespace textwash::cli

#endif  // TEXTWASH_TOOLS_REVIEW_H_
