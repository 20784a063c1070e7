// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Fuzzes Cleaner::Clean() on arbitrary bytes. Every input is cleaned with
// the default options; the input less its first byte is cleaned again with
// one of several option sets (PII masking, stages off, a user rule of every
// kind, the opt-in normalizers), picked by that byte. Checks the Result
// contract, and that cleaning the output again changes nothing. The input
// cut at its NUL bytes is also cleaned by one CleanBatch() call, which must
// give each piece what Clean() gives it.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_check.h"
#include "lib/builtin.h"
#include "textwash/textwash.h"

namespace {

using textwash::Cleaner;
using textwash::Options;

constexpr int kMaxPasses = 8;  // Clean()'s own limit

// A rule of every kind, with a replacement longer than its match, folding,
// a list header, a first-line rule and validators.
constexpr std::string_view kUserRules = R"toml(
[[rule]]
id = "f.marker"
category = "paywall"
kind = "marker"
literals = ["@@cut@@", "##"]
[[rule]]
id = "f.line"
category = "boilerplate"
kind = "line"
patterns = ['^(?:Related|相关阅读)[:：]?$']
list = true
[[rule]]
id = "f.title"
category = "boilerplate"
kind = "line"
scope = "first_line"
literals = ["Home"]
[[rule]]
id = "f.sentence"
category = "ad"
kind = "sentence"
literals = ["立即购买", "buy now"]
ignore_case = true
[[rule]]
id = "f.span"
category = "pii"
kind = "span"
patterns = ['\d{3}-\d{4}']
replacement = "[a phone number]"
[[rule]]
id = "f.tail"
category = "boilerplate"
kind = "tail"
literals = ["Read more", "阅读全文"]
[[rule]]
id = "f.score"
category = "ad"
kind = "score"
weight = 2
literals = ["优惠", "discount", "加"]
[[rule]]
id = "f.cue"
category = "ad"
kind = "score"
weight = 1
cue = true
literals = ["联系", "call"]
[[rule]]
id = "f.wechat"
category = "contact"
kind = "contact"
fold = true
triggers = ['[微薇威v][ \t\p{P}]{0,2}信']
patterns = ['(?:微信|v信)[:：]?([a-z0-9_-]{5,20})']
pii = "id"
[[rule]]
id = "f.ip"
category = "contact"
kind = "contact"
patterns = ['\b\d{1,3}(?:\.\d{1,3}){3}\b']
pii = "ip"
signal = "none"
validate = "ipv4"
)toml";

std::vector<std::shared_ptr<const Cleaner>> MakeCleaners() {
  std::vector<Options> sets(10);
  sets[1].pii = textwash::PiiMode::kMask;
  sets[2].pii = textwash::PiiMode::kRemove;
  sets[3].layout = false;
  sets[3].noise = false;
  sets[4].remove_invisible = false;
  sets[4].normalize_newlines = false;
  sets[5].min_repeat_chars = 0;
  sets[5].ad_threshold = 1;
  sets[6].default_rules = false;
  sets[6].rule_texts.push_back({"fuzz_rules.toml", std::string(kUserRules)});
  sets[7].default_rules = false;
  sets[7].rule_texts.push_back({"fuzz_rules.toml", std::string(kUserRules)});
  sets[7].pii = textwash::PiiMode::kMask;
  sets[7].min_repeat_chars = 0;
  for (Options* o : {&sets[8], &sets[9]}) {
    o->fix_mojibake = true;
    o->to_simplified = true;
    o->strip_markdown = true;
    o->normalize_punct = true;
  }
  sets[9].keep_link_urls = true;
  sets[9].default_rules = false;
  std::vector<std::shared_ptr<const Cleaner>> cleaners;
  for (const Options& o : sets) {
    auto cleaner = Cleaner::Create(o);
    if (!cleaner.ok()) {
      std::fprintf(stderr, "%s\n", cleaner.status().ToString().c_str());
      std::abort();
    }
    cleaners.push_back(*cleaner);
  }
  return cleaners;
}

// Checks that cleaning the output of `r` again changes nothing, once the
// passes of Clean() settle (they do within its limit but on input that
// nests junk deeper; then with a higher limit).
void CheckIdempotent(const Cleaner& cleaner, std::string_view input,
                     const textwash::Result& r, bool settled) {
  textwash::Result deep;
  const textwash::Result* settled_result = &r;
  if (!settled) {
    textwash::internal::CleanerAccess::CleanUpTo(cleaner, input, 1000, &deep,
                                                 &settled);
    if (!settled) return;
    textwash::fuzz::CheckResult(cleaner, input, deep);
    settled_result = &deep;
  }
  const textwash::Result again = cleaner.Clean(settled_result->text);
  TEXTWASH_FUZZ_CHECK(again.edits.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<std::shared_ptr<const Cleaner>> cleaners = MakeCleaners();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  // Clean() is CleanUpTo() with its own limit; this also says if it settled.
  textwash::Result r;
  bool settled = false;
  textwash::internal::CleanerAccess::CleanUpTo(*cleaners[0], input, kMaxPasses, &r,
                                               &settled);
  textwash::fuzz::CheckResult(*cleaners[0], input, r);
  CheckIdempotent(*cleaners[0], input, r, settled);
  if (size > 0) {
    const Cleaner& cleaner = *cleaners[1 + data[0] % (cleaners.size() - 1)];
    const std::string_view rest = input.substr(1);
    // Into buffers that held another result: the same as a fresh Result.
    textwash::Result reused = r;
    textwash::internal::CleanerAccess::CleanUpTo(cleaner, rest, kMaxPasses, &reused,
                                                 &settled);
    textwash::fuzz::CheckResult(cleaner, rest, reused);
    CheckIdempotent(cleaner, rest, reused, settled);

    std::vector<std::string_view> pieces;
    for (size_t from = 0;;) {
      const size_t nul = rest.find('\0', from);
      pieces.push_back(rest.substr(from, nul == std::string_view::npos ? nul : nul - from));
      if (nul == std::string_view::npos) break;
      from = nul + 1;
    }
    std::vector<textwash::Result> batch(1, r);  // buffers that held a result
    cleaner.CleanBatch(pieces, &batch);
    TEXTWASH_FUZZ_CHECK(batch.size() == pieces.size());
    for (size_t k = 0; k < pieces.size(); ++k) {
      const textwash::Result one = cleaner.Clean(pieces[k]);
      TEXTWASH_FUZZ_CHECK(batch[k].text == one.text);
      TEXTWASH_FUZZ_CHECK(batch[k].edits == one.edits);
    }
  }
  return 0;
}
