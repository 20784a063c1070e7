// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Fuzzes the rule-file parser and compiler: Cleaner::Create() with the input
// as a user rule file (Options::rule_texts), alone or (first byte odd) after
// a small rule file of its own, so that ids can clash. A file is
// either rejected with a message that says where (`fuzz.toml:line:col: `)
// or compiles into a Cleaner that cleans a sample text, and the rule text
// itself, within the Result contract.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "textwash/textwash.h"

namespace {

constexpr std::string_view kSample =
    "意识形态##paidbegin##责任制\n"
    "加微信 abc_2023 领取资料，联系电话 138-0013-8000\n"
    "Click here to subscribe! Call 1-800-555-0199 now.\n"
    "第2页共8页\n\n\n"
    "The quick brown fox jumps over the lazy dog.\n";

// Ids a fuzzed file may define again.
constexpr std::string_view kFirst = R"toml(
[[rule]]
id = "a"
category = "ad"
kind = "line"
literals = ["x"]
[[rule]]
id = "paywall.marker"
category = "paywall"
kind = "marker"
patterns = ['##paid(?:begin|end)##']
)toml";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  textwash::Options options;
  options.default_rules = false;  // the built-in packs would compile each run
  if ((data[0] & 1) != 0) options.rule_texts.push_back({"first.toml", std::string(kFirst)});
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  options.rule_texts.push_back({"fuzz.toml", std::string(text)});
  auto cleaner = textwash::Cleaner::Create(options);
  if (!cleaner.ok()) {
    const std::string& message = cleaner.status().message();
    TEXTWASH_FUZZ_CHECK(cleaner.status().code() ==
                        textwash::StatusCode::kInvalidArgument);
    TEXTWASH_FUZZ_CHECK(message.rfind("fuzz.toml:", 0) == 0);
    return 0;
  }
  for (std::string_view input : {kSample, text}) {
    textwash::fuzz::CheckResult(**cleaner, input, (*cleaner)->Clean(input));
  }
  return 0;
}
