// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// textwash_memscan: the ceiling for end-to-end throughput. Reads FILE in
// 1 MB blocks with read(2) and counts line breaks with memchr, which is about
// the least any tool that reads the file line by line must do.
//
//   textwash_memscan [--validate-utf8] FILE
//
// prints one line: `bytes N lines N seconds S MB/s R` (MB = 1e6 bytes).
// With --validate-utf8 it also checks UTF-8 with a plain scalar loop (a
// second, higher-work reference) and appends `utf8 valid|invalid`.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

// A streaming scalar UTF-8 validator (RFC 3629: no overlongs, no surrogates,
// nothing above U+10FFFF); a sequence may span blocks.
class Utf8Validator {
 public:
  void Feed(const unsigned char* p, size_t n) {
    for (size_t i = 0; i < n; ++i) {
      const unsigned char b = p[i];
      if (need_ == 0) {
        if (b < 0x80) continue;
        if (b >= 0xC2 && b <= 0xDF) {
          need_ = 1;
          lo_ = 0x80, hi_ = 0xBF;
        } else if (b >= 0xE0 && b <= 0xEF) {
          need_ = 2;
          lo_ = b == 0xE0 ? 0xA0 : 0x80;
          hi_ = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
          need_ = 3;
          lo_ = b == 0xF0 ? 0x90 : 0x80;
          hi_ = b == 0xF4 ? 0x8F : 0xBF;
        } else {
          valid_ = false;
        }
      } else {
        if (b < lo_ || b > hi_) {
          valid_ = false;
          need_ = 0;
          --i;  // read this byte again as a lead byte
          continue;
        }
        lo_ = 0x80, hi_ = 0xBF;
        --need_;
      }
    }
  }
  bool valid() const { return valid_ && need_ == 0; }

 private:
  int need_ = 0;
  unsigned char lo_ = 0x80, hi_ = 0xBF;
  bool valid_ = true;
};

int Usage() {
  std::fprintf(stderr, "usage: textwash_memscan [--validate-utf8] FILE\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  bool validate = false;
  const char* path = nullptr;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--validate-utf8") == 0) {
      validate = true;
    } else if (std::strcmp(argv[i], "-h") == 0 || std::strcmp(argv[i], "--help") == 0) {
      Usage();
      return 0;
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      return Usage();
    } else if (path == nullptr) {
      path = argv[i];
    } else {
      return Usage();
    }
  }
  if (path == nullptr) return Usage();

  const int fd = ::open(path, O_RDONLY);
  if (fd < 0) {
    std::fprintf(stderr, "textwash_memscan: %s: %s\n", path, std::strerror(errno));
    return 2;
  }
  constexpr size_t kBlock = 1 << 20;
  std::vector<unsigned char> block(kBlock);
  uint64_t bytes = 0;
  uint64_t lines = 0;
  Utf8Validator utf8;
  const auto start = std::chrono::steady_clock::now();
  for (;;) {
    const ssize_t n = ::read(fd, block.data(), kBlock);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::fprintf(stderr, "textwash_memscan: %s: %s\n", path, std::strerror(errno));
      ::close(fd);
      return 2;
    }
    if (n == 0) break;
    bytes += static_cast<uint64_t>(n);
    const unsigned char* p = block.data();
    const unsigned char* end = p + n;
    while (const void* hit = std::memchr(p, '\n', static_cast<size_t>(end - p))) {
      ++lines;
      p = static_cast<const unsigned char*>(hit) + 1;
    }
    if (validate) utf8.Feed(block.data(), static_cast<size_t>(n));
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ::close(fd);
  std::printf("bytes %llu lines %llu seconds %.3f MB/s %.1f",
              static_cast<unsigned long long>(bytes), static_cast<unsigned long long>(lines),
              seconds, seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0.0);
  if (validate) std::printf(" utf8 %s", utf8.valid() ? "valid" : "invalid");
  std::printf("\n");
  return 0;
}
