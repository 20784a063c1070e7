// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// What the build embeds besides the packs' text (see embed_rules_main.cc):
// the scanner's compiled database for the default rules, so that a Cleaner
// with default options starts in milliseconds instead of compiling it.
#ifndef TEXTWASH_LIB_BUILTIN_H_
#define TEXTWASH_LIB_BUILTIN_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace textwash {
class Cleaner;
struct Result;
}  // namespace textwash

namespace textwash::internal {

// The scanner image of the default rules, and the fingerprint of the scan
// patterns it was made from ("" and 0 when the engine has no images).
std::string_view BuiltinScannerImage();
uint64_t BuiltinScannerFingerprint();

class Scanner;

// Gives the build step (and the benchmarks) what a Cleaner compiled, and
// the fuzzers Clean() with another limit on its passes.
struct CleanerAccess {
  static const Scanner& GetScanner(const Cleaner& cleaner);
  static uint64_t ScanFingerprint(const Cleaner& cleaner);
  static std::string ScannerImage(const Cleaner& cleaner);
  static void CleanUpTo(const Cleaner& cleaner, std::string_view text,
                        int max_passes, Result* result, bool* settled);
};

}  // namespace textwash::internal

#endif  // TEXTWASH_LIB_BUILTIN_H_
