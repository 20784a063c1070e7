// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
#include "lib/scanner.h"

namespace textwash::internal {

uint64_t Scanner::Fingerprint(const std::vector<ScanPattern>& patterns) {
  // FNV-1a over everything that shapes the compiled form.
  uint64_t h = 14695981039346656037ULL;
  auto mix = [&h](std::string_view bytes) {
    for (unsigned char c : bytes) {
      h ^= c;
      h *= 1099511628211ULL;
    }
  };
  mix(EngineName());
  for (const ScanPattern& p : patterns) {
    mix(p.regex);
    const std::string tail = "\x1f" + std::to_string(p.ignore_case) + "\x1f" +
                             std::to_string(p.rule) + "\x1e";
    mix(tail);
  }
  return h;
}

}  // namespace textwash::internal
