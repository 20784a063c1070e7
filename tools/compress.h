// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Byte streams for the CLI that read and write gzip (.gz, zlib) and zstd
// (.zst, libzstd) as chosen by a file name, and a line reader on top.
//
//   std::ifstream file("shard.jsonl.zst", std::ios::binary);
//   std::unique_ptr<Source> source =
//       MakeSource(file, CompressionFor("shard.jsonl.zst"));
//   LineReader lines(source.get());
//   std::string line;
//   while (lines.ReadLine(&line)) { ... }
//   if (!source->error().empty()) { ... }
#ifndef TEXTWASH_TOOLS_COMPRESS_H_
#define TEXTWASH_TOOLS_COMPRESS_H_

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace textwash::cli {

enum class Compression { kNone, kGzip, kZstd };

// kGzip for names ending in ".gz", kZstd for ".zst", kNone otherwise.
Compression CompressionFor(std::string_view path);

// `path` without its ".gz" or ".zst" suffix.
std::string_view WithoutCompressionSuffix(std::string_view path);

// Uncompressed bytes read from an std::istream.
class Source {
 public:
  virtual ~Source() = default;
  // Reads up to `size` bytes into `data`. Returns 0 at the end of the data
  // or on an error (then error() says what went wrong).
  virtual size_t Read(char* data, size_t size) = 0;
  // "" or why reading failed ("truncated gzip data", ...).
  const std::string& error() const { return error_; }
  // How many bytes of the underlying (compressed) stream were consumed.
  uint64_t raw_bytes() const { return raw_bytes_; }

 protected:
  // Reads raw bytes from `in` into `buffer_`; false at the end or on error.
  bool Fill(std::istream& in);

  std::string error_;
  uint64_t raw_bytes_ = 0;
  static constexpr size_t kBufferBytes = size_t{1} << 18;
  std::vector<char> buffer_;  // empty until Fill() first needs it
  size_t buffer_begin_ = 0;
  size_t buffer_end_ = 0;
};

std::unique_ptr<Source> MakeSource(std::istream& in, Compression compression);

// Bytes written to an std::ostream, compressed as asked.
class Sink {
 public:
  virtual ~Sink() = default;
  // Returns false once writing failed.
  virtual bool Write(std::string_view bytes) = 0;
  // Ends the compressed stream and flushes. Returns false on failure.
  virtual bool Finish() = 0;
};

std::unique_ptr<Sink> MakeSink(std::ostream& out, Compression compression);

// Splits a Source into lines.
class LineReader {
 public:
  explicit LineReader(Source* source) : source_(source) {}
  // Replaces `*line` with the next line, without its "\n". Returns false at
  // the end of the data. A last line without "\n" is still a line.
  bool ReadLine(std::string* line);
  // Whether the line ReadLine() gave last ended with "\n".
  bool ended_with_newline() const { return ended_with_newline_; }

 private:
  Source* source_;
  std::vector<char> buffer_ = std::vector<char>(size_t{1} << 18);
  size_t begin_ = 0;
  size_t end_ = 0;
  bool at_end_ = false;
  bool ended_with_newline_ = false;
};

}  // namespace textwash::cli

#endif  // TEXTWASH_TOOLS_COMPRESS_H_
