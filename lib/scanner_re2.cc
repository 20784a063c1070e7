// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// The RE2::Set engine, for platforms without Hyperscan.
#include <re2/re2.h>
#include <re2/set.h>

#include "lib/scanner.h"

namespace textwash::internal {
namespace {

class Re2SetScanner final : public Scanner {
 public:
  Re2SetScanner(const RE2::Options& options) : set_(options, RE2::UNANCHORED) {}

  Status Init(const std::vector<ScanPattern>& patterns) {
    for (const ScanPattern& p : patterns) {
      std::string error;
      // (?m): ^ and $ match at every line, as they do for the exact matcher.
      const std::string regex =
          (p.ignore_case ? "(?mi:" : "(?m:") + p.regex + ")";
      if (set_.Add(regex, &error) < 0) {
        return InvalidArgumentError(p.origin + ": " + error);
      }
      rules_.push_back(p.rule);
    }
    if (!set_.Compile()) {
      return InvalidArgumentError("RE2::Set: patterns too large to compile");
    }
    return Status::Ok();
  }

  void Scan(std::string_view text, std::vector<ScanHit>* hits) const override {
    if (rules_.empty()) return;
    std::vector<int> matched;
    RE2::Set::ErrorInfo info;
    if (!set_.Match(text, &matched, &info) &&
        info.kind != RE2::Set::kNoError) {
      // Out of DFA memory: say every rule may match, so none is missed.
      matched.clear();
      for (size_t i = 0; i < rules_.size(); ++i) {
        matched.push_back(static_cast<int>(i));
      }
    }
    for (int m : matched) hits->push_back(ScanHit{rules_[m], ScanHit::kAnywhere});
  }

  // RE2::Set compiles in milliseconds; there is nothing to keep.
  std::string Image() const override { return {}; }

 private:
  RE2::Set set_;
  std::vector<int> rules_;  // set index -> rule
};

}  // namespace

std::string_view Scanner::EngineName() { return "re2"; }

StatusOr<std::unique_ptr<Scanner>> Scanner::Create(
    const std::vector<ScanPattern>& patterns, std::string_view /*image*/) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_never_nl(true);
  options.set_max_mem(int64_t{256} << 20);
  auto scanner = std::make_unique<Re2SetScanner>(options);
  if (Status s = scanner->Init(patterns); !s.ok()) return s;
  return std::unique_ptr<Scanner>(std::move(scanner));
}

}  // namespace textwash::internal
