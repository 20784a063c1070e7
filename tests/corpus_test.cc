// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// The labelled corpus (tests/data/corpus, see its README): junk recall and
// content loss of the default rules, measured from the edit list.
#include <gtest/gtest.h>

#include <iostream>
#include <string>
#include <vector>

#include "tests/test_util.h"
#include "textwash/textwash.h"

namespace textwash {
namespace {

constexpr std::string_view kOpen = "\u27E6";   // ⟦
constexpr std::string_view kClose = "\u27E7";  // ⟧

struct Annotated {
  std::string text;        // the document, brackets stripped
  std::vector<bool> junk;  // per byte of `text`
};

Annotated Parse(std::string_view ann) {
  Annotated a;
  bool in_junk = false;
  for (size_t i = 0; i < ann.size();) {
    if (ann.substr(i, kOpen.size()) == kOpen) {
      in_junk = true;
      i += kOpen.size();
    } else if (ann.substr(i, kClose.size()) == kClose) {
      in_junk = false;
      i += kClose.size();
    } else {
      a.text.push_back(ann[i]);
      a.junk.push_back(in_junk);
      ++i;
    }
  }
  return a;
}

bool IsSpaceByte(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Counts code points that are not white space, by whether they are junk and
// whether the edits removed them.
struct Counts {
  size_t junk = 0, junk_removed = 0, content = 0, content_removed = 0;
  void Add(const Counts& o) {
    junk += o.junk;
    junk_removed += o.junk_removed;
    content += o.content;
    content_removed += o.content_removed;
  }
};

// Prints runs of code points that are junk and kept, or content and removed.
std::string Runs(const Annotated& a, const std::vector<bool>& removed, bool want_junk) {
  std::string out;
  std::string run;
  auto flush = [&] {
    if (!run.empty()) out += "    [" + run + "]\n";
    run.clear();
  };
  for (size_t i = 0; i < a.text.size(); ++i) {
    const bool bad = want_junk ? (a.junk[i] && !removed[i]) : (!a.junk[i] && removed[i]);
    if (bad && a.text[i] != '\n') {
      run.push_back(a.text[i]);
    } else if ((static_cast<unsigned char>(a.text[i]) & 0xC0) != 0x80) {
      flush();
    } else if (!run.empty()) {
      run.push_back(a.text[i]);
    }
  }
  flush();
  return out;
}

TEST(CorpusTest, RecallAndContentLoss) {
  auto cleaner = testing::MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  const auto files = testing::DataFiles(".txt");
  Counts total;
  size_t docs = 0, negatives = 0;
  std::string report;
  for (const auto& path : files) {
    if (path.string().find("/corpus/") == std::string::npos) continue;
    const Annotated a = Parse(testing::ReadFileOrDie(path));
    const Result r = cleaner->Clean(a.text);
    std::vector<bool> removed(a.text.size(), false);
    for (const Edit& e : r.edits) {
      for (size_t i = e.begin; i < e.end; ++i) removed[i] = true;
    }
    Counts c;
    bool has_junk = false;
    for (size_t i = 0; i < a.text.size(); ++i) {
      const auto b = static_cast<unsigned char>(a.text[i]);
      if ((b & 0xC0) == 0x80 || IsSpaceByte(b)) continue;  // count code points
      has_junk |= a.junk[i];
      if (a.junk[i]) {
        ++c.junk;
        c.junk_removed += removed[i];
      } else {
        ++c.content;
        c.content_removed += removed[i];
      }
    }
    ++docs;
    negatives += !has_junk;
    if (c.junk_removed < c.junk || c.content_removed > 0) {
      report += path.parent_path().filename().string() + "/" +
                path.filename().string() + ": junk kept " +
                std::to_string(c.junk - c.junk_removed) + "/" + std::to_string(c.junk) +
                ", content removed " + std::to_string(c.content_removed) + "\n";
      if (c.junk_removed < c.junk) report += "  kept junk:\n" + Runs(a, removed, true);
      if (c.content_removed > 0) report += "  lost content:\n" + Runs(a, removed, false);
    }
    total.Add(c);
  }
  ASSERT_GE(docs, 150u);
  ASSERT_GE(negatives, 50u);
  const double recall = static_cast<double>(total.junk_removed) / total.junk;
  const double loss = static_cast<double>(total.content_removed) / total.content;
  std::cout << "corpus: " << docs << " documents (" << negatives
            << " without junk), junk recall " << recall << " ("
            << total.junk_removed << "/" << total.junk << "), content loss " << loss
            << " (" << total.content_removed << "/" << total.content << ")\n";
  if (std::getenv("TEXTWASH_CORPUS_REPORT") != nullptr) std::cout << report;
  EXPECT_GE(recall, 0.98) << report;
  EXPECT_LE(loss, 0.001) << report;
}

}  // namespace
}  // namespace textwash
