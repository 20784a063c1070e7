// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
#include "tools/compress.h"

#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <istream>
#include <ostream>
#include <string>

namespace textwash::cli {
namespace {

constexpr size_t kOutChunk = size_t{1} << 18;

class PlainSource : public Source {
 public:
  explicit PlainSource(std::istream& in) : in_(in) {}

  // Reads straight into `data`, not through buffer_: the bytes need no
  // decoding, so a copy would gain nothing.
  size_t Read(char* data, size_t size) override {
    if (size == 0 || !in_.good()) return 0;
    in_.read(data, static_cast<std::streamsize>(size));
    const size_t n = static_cast<size_t>(in_.gcount());
    raw_bytes_ += n;
    if (in_.bad()) {
      error_ = "read error";
      return 0;
    }
    return n;
  }

 private:
  std::istream& in_;
};

class GzipSource : public Source {
 public:
  explicit GzipSource(std::istream& in) : in_(in) {
    // 15 + 32: a gzip or zlib header, detected.
    if (inflateInit2(&stream_, 15 + 32) != Z_OK) error_ = "cannot start zlib";
  }
  ~GzipSource() override { inflateEnd(&stream_); }

  size_t Read(char* data, size_t size) override {
    if (!error_.empty() || size == 0) return 0;
    size_t produced = 0;
    while (produced == 0) {
      // zlib may hold decoded bytes back when the output was full; those
      // come out without more input.
      if (stream_.avail_in == 0 && !pending_output_) {
        if (!Fill(in_)) {
          if (error_.empty() && in_member_) error_ = "truncated gzip data";
          return 0;
        }
        stream_.next_in = reinterpret_cast<Bytef*>(buffer_.data());
        stream_.avail_in = static_cast<uInt>(buffer_end_);
      }
      const size_t want = std::min<size_t>(size, 1u << 30);
      stream_.next_out = reinterpret_cast<Bytef*>(data);
      stream_.avail_out = static_cast<uInt>(want);
      in_member_ = true;
      const int rc = inflate(&stream_, Z_NO_FLUSH);
      produced = want - stream_.avail_out;
      pending_output_ = stream_.avail_out == 0;
      if (rc == Z_STREAM_END) {
        // A gzip file may hold several members, one after the other.
        in_member_ = false;
        inflateReset(&stream_);
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        error_ = "invalid gzip data";
        return 0;
      }
    }
    return produced;
  }

 private:
  std::istream& in_;
  z_stream stream_{};
  bool in_member_ = false;
  bool pending_output_ = false;
};

class ZstdSource : public Source {
 public:
  explicit ZstdSource(std::istream& in) : in_(in), stream_(ZSTD_createDStream()) {
    if (stream_ == nullptr) error_ = "cannot start zstd";
  }
  ~ZstdSource() override { ZSTD_freeDStream(stream_); }

  size_t Read(char* data, size_t size) override {
    if (!error_.empty() || size == 0) return 0;
    ZSTD_outBuffer out{data, size, 0};
    while (out.pos == 0) {
      if (buffer_begin_ == buffer_end_ && !pending_output_) {
        if (!Fill(in_)) {
          if (error_.empty() && in_frame_) error_ = "truncated zstd data";
          return 0;
        }
      }
      ZSTD_inBuffer in{buffer_.data(), buffer_end_, buffer_begin_};
      const size_t rc = ZSTD_decompressStream(stream_, &out, &in);
      buffer_begin_ = in.pos;
      if (ZSTD_isError(rc)) {
        error_ = std::string("invalid zstd data: ") + ZSTD_getErrorName(rc);
        return 0;
      }
      // rc == 0: a frame ended; more frames may follow.
      in_frame_ = rc != 0;
      // A full output buffer may leave decoded bytes inside zstd.
      pending_output_ = out.pos == out.size;
    }
    return out.pos;
  }

 private:
  std::istream& in_;
  ZSTD_DStream* stream_;
  bool in_frame_ = false;
  bool pending_output_ = false;
};

class PlainSink : public Sink {
 public:
  explicit PlainSink(std::ostream& out) : out_(out) {}
  bool Write(std::string_view bytes) override {
    out_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return static_cast<bool>(out_);
  }
  bool Finish() override { return static_cast<bool>(out_.flush()); }

 private:
  std::ostream& out_;
};

class GzipSink : public Sink {
 public:
  explicit GzipSink(std::ostream& out) : out_(out), chunk_(kOutChunk) {
    // 15 + 16: write a gzip header and trailer.
    ok_ = deflateInit2(&stream_, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                       Z_DEFAULT_STRATEGY) == Z_OK;
  }
  ~GzipSink() override { deflateEnd(&stream_); }

  bool Write(std::string_view bytes) override {
    while (ok_ && !bytes.empty()) {
      const size_t n = std::min<size_t>(bytes.size(), 1u << 30);
      ok_ = Deflate(bytes.substr(0, n), Z_NO_FLUSH);
      bytes.remove_prefix(n);
    }
    return ok_;
  }
  bool Finish() override {
    if (ok_) ok_ = Deflate({}, Z_FINISH);
    return ok_ && out_.flush();
  }

 private:
  bool Deflate(std::string_view bytes, int flush) {
    stream_.next_in =
        reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    stream_.avail_in = static_cast<uInt>(bytes.size());
    while (true) {
      stream_.next_out = reinterpret_cast<Bytef*>(chunk_.data());
      stream_.avail_out = static_cast<uInt>(chunk_.size());
      const int rc = deflate(&stream_, flush);
      if (rc == Z_STREAM_ERROR) return false;
      out_.write(chunk_.data(),
                 static_cast<std::streamsize>(chunk_.size() - stream_.avail_out));
      if (!out_) return false;
      if (flush == Z_FINISH ? rc == Z_STREAM_END
                            : stream_.avail_in == 0 && stream_.avail_out != 0) {
        return true;
      }
    }
  }

  std::ostream& out_;
  std::vector<char> chunk_;
  z_stream stream_{};
  bool ok_ = false;
};

class ZstdSink : public Sink {
 public:
  explicit ZstdSink(std::ostream& out)
      : out_(out), chunk_(ZSTD_CStreamOutSize()), stream_(ZSTD_createCCtx()) {
    ok_ = stream_ != nullptr;
  }
  ~ZstdSink() override { ZSTD_freeCCtx(stream_); }

  bool Write(std::string_view bytes) override {
    if (ok_) ok_ = Compress(bytes, ZSTD_e_continue);
    return ok_;
  }
  bool Finish() override {
    if (ok_) ok_ = Compress({}, ZSTD_e_end);
    return ok_ && out_.flush();
  }

 private:
  bool Compress(std::string_view bytes, ZSTD_EndDirective mode) {
    ZSTD_inBuffer in{bytes.data(), bytes.size(), 0};
    while (true) {
      ZSTD_outBuffer out{chunk_.data(), chunk_.size(), 0};
      const size_t rc = ZSTD_compressStream2(stream_, &out, &in, mode);
      if (ZSTD_isError(rc)) return false;
      out_.write(chunk_.data(), static_cast<std::streamsize>(out.pos));
      if (!out_) return false;
      if (mode == ZSTD_e_end ? rc == 0 : in.pos == in.size) return true;
    }
  }

  std::ostream& out_;
  std::vector<char> chunk_;
  ZSTD_CCtx* stream_;
  bool ok_ = false;
};

}  // namespace

Compression CompressionFor(std::string_view path) {
  if (path.ends_with(".gz")) return Compression::kGzip;
  if (path.ends_with(".zst")) return Compression::kZstd;
  return Compression::kNone;
}

std::string_view WithoutCompressionSuffix(std::string_view path) {
  switch (CompressionFor(path)) {
    case Compression::kGzip:
      return path.substr(0, path.size() - 3);
    case Compression::kZstd:
      return path.substr(0, path.size() - 4);
    case Compression::kNone:
      break;
  }
  return path;
}

bool Source::Fill(std::istream& in) {
  buffer_begin_ = buffer_end_ = 0;
  if (!in.good()) return false;
  // Only sources that decode read through the buffer: made on first use.
  if (buffer_.empty()) buffer_.resize(kBufferBytes);
  in.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_end_ = static_cast<size_t>(in.gcount());
  raw_bytes_ += buffer_end_;
  if (in.bad()) {
    error_ = "read error";
    return false;
  }
  return buffer_end_ > 0;
}

std::unique_ptr<Source> MakeSource(std::istream& in, Compression compression) {
  switch (compression) {
    case Compression::kGzip:
      return std::make_unique<GzipSource>(in);
    case Compression::kZstd:
      return std::make_unique<ZstdSource>(in);
    case Compression::kNone:
      break;
  }
  return std::make_unique<PlainSource>(in);
}

std::unique_ptr<Sink> MakeSink(std::ostream& out, Compression compression) {
  switch (compression) {
    case Compression::kGzip:
      return std::make_unique<GzipSink>(out);
    case Compression::kZstd:
      return std::make_unique<ZstdSink>(out);
    case Compression::kNone:
      break;
  }
  return std::make_unique<PlainSink>(out);
}

bool LineReader::ReadLine(std::string* line) {
  line->clear();
  ended_with_newline_ = false;
  bool any = false;
  while (true) {
    if (begin_ == end_) {
      if (at_end_) return any;
      begin_ = 0;
      end_ = source_->Read(buffer_.data(), buffer_.size());
      if (end_ == 0) {
        at_end_ = true;
        return any;
      }
    }
    any = true;
    const char* start = buffer_.data() + begin_;
    const void* newline = std::memchr(start, '\n', end_ - begin_);
    if (newline != nullptr) {
      const size_t n = static_cast<const char*>(newline) - start;
      line->append(start, n);
      begin_ += n + 1;
      ended_with_newline_ = true;
      return true;
    }
    line->append(start, end_ - begin_);
    begin_ = end_;
  }
}

}  // namespace textwash::cli
