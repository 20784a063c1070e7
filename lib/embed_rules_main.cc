// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Build step: checks rules/*.toml with the library's own parser and compiler
// and writes them into a C++ source file, so that a broken built-in pack
// stops the build with file:line:column and no binary ships without its packs.
//
//   textwash_embed_rules OUTPUT.cc rules/a.toml rules/b.toml ...
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "lib/builtin.h"
#include "textwash/cleaner.h"

namespace textwash {
// The generator links the library without packs; the real definitions are in
// the file this program writes.
std::vector<Pack> BuiltinPacks() { return {}; }
namespace internal {
std::string_view BuiltinScannerImage() { return {}; }
uint64_t BuiltinScannerFingerprint() { return 0; }
}  // namespace internal
}  // namespace textwash

namespace {

std::string PackName(const std::string& path) {
  std::string base = path.substr(path.find_last_of('/') + 1);
  return base.substr(0, base.find('.'));
}

// Writes `bytes` as a string literal of three-digit octal escapes, which
// (unlike \x) cannot run into the next character.
void WriteBytes(std::ostream& out, const std::string& bytes) {
  static const char kDigits[] = "01234567";
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i % 32 == 0) out << (i == 0 ? "\n    \"" : "\"\n    \"");
    const auto b = static_cast<unsigned char>(bytes[i]);
    out << '\\' << kDigits[b >> 6] << kDigits[(b >> 3) & 7] << kDigits[b & 7];
  }
  out << (bytes.empty() ? "\"\"" : "\"");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: textwash_embed_rules OUTPUT.cc PACK.toml...\n";
    return 2;
  }
  textwash::Options options;
  options.default_rules = false;
  std::vector<std::string> names;
  for (int i = 2; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::cerr << argv[i] << ": cannot read\n";
      return 1;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    options.rule_texts.push_back({argv[i], ss.str()});
    names.push_back(PackName(argv[i]));
  }
  // All packs together: each must compile, and ids must be unique across them.
  auto cleaner = textwash::Cleaner::Create(options);
  if (!cleaner.ok()) {
    std::cerr << cleaner.status().message() << "\n";
    return 1;
  }
  using textwash::internal::CleanerAccess;
  const std::string image = CleanerAccess::ScannerImage(**cleaner);
  std::ostringstream out;
  out << "// Generated from rules/*.toml by textwash_embed_rules. Do not edit.\n"
         "#include \"lib/builtin.h\"\n#include \"textwash/cleaner.h\"\n\n"
         "namespace textwash {\nnamespace {\n";
  for (size_t i = 0; i < names.size(); ++i) {
    out << "constexpr char kPack" << i << "[] = ";
    WriteBytes(out, options.rule_texts[i].text);
    out << ";\n";
  }
  out << "constexpr char kScannerImage[] = ";
  WriteBytes(out, image);
  out << ";\n";
  out << "}  // namespace\n\nstd::vector<Pack> BuiltinPacks() {\n  return {\n";
  for (size_t i = 0; i < names.size(); ++i) {
    out << "      {\"" << names[i] << "\", {kPack" << i << ", "
        << options.rule_texts[i].text.size() << "}},\n";
  }
  out << "  };\n}\n\n"
      << "namespace internal {\n"
      << "std::string_view BuiltinScannerImage() {\n  return {kScannerImage, "
      << image.size() << "};\n}\n"
      << "uint64_t BuiltinScannerFingerprint() { return "
      << (image.empty() ? 0 : CleanerAccess::ScanFingerprint(**cleaner)) << "ULL; }\n"
      << "}  // namespace internal\n\n}  // namespace textwash\n";
  std::ofstream file(argv[1], std::ios::binary);
  file << out.str();
  if (!file) {
    std::cerr << argv[1] << ": cannot write\n";
    return 1;
  }
  return 0;
}
