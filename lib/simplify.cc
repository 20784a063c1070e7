// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
#include "lib/simplify.h"

#include <opencc/Config.hpp>
#include <opencc/ConversionChain.hpp>
#include <opencc/Converter.hpp>
#include <opencc/Segmentation.hpp>
#include <opencc/Segments.hpp>

#include <cstring>
#include <exception>
#include <string>
#include <utility>

#include "lib/utf8.h"

namespace textwash::internal {

struct Simplifier::Converter {
  opencc::ConverterPtr converter;
};

namespace {

// Appends the edits that turn `from` into `to`, one OpenCC segment at input
// offset `at`.
void DiffSegment(std::string_view from, std::string_view to, size_t at, int rule,
                 Category category, std::vector<Edit>* edits) {
  if (from == to) return;
  if (CountCodePoints(from) == CountCodePoints(to)) {
    // Character for character: one edit per changed character, so that a
    // later cut between two characters never splits an edit.
    for (size_t i = 0, j = 0; i < from.size();) {
      char32_t a, b;
      const int la = DecodeUtf8(from, i, &a);
      const int lb = DecodeUtf8(to, j, &b);
      if (a != b) {
        edits->push_back(Edit{at + i, at + i + la, std::string(to.substr(j, lb)),
                              category, rule});
      }
      i += la;
      j += lb;
    }
    return;
  }
  // A phrase changed its length: one edit between the common ends.
  size_t head = 0;
  while (head < from.size() && head < to.size() && from[head] == to[head]) ++head;
  while (head > 0 && (static_cast<unsigned char>(from[head]) & 0xC0) == 0x80) --head;
  size_t tail = 0;
  while (tail < from.size() - head && tail < to.size() - head &&
         from[from.size() - 1 - tail] == to[to.size() - 1 - tail]) {
    ++tail;
  }
  while (tail > 0 && (static_cast<unsigned char>(from[from.size() - tail]) & 0xC0) == 0x80) {
    --tail;
  }
  edits->push_back(Edit{at + head, at + from.size() - tail,
                        std::string(to.substr(head, to.size() - tail - head)), category,
                        rule});
}

}  // namespace

Simplifier::Simplifier(std::unique_ptr<const Converter> converter)
    : converter_(std::move(converter)) {}
Simplifier::~Simplifier() = default;

StatusOr<std::shared_ptr<const Simplifier>> Simplifier::Get() {
  using Result = StatusOr<std::shared_ptr<const Simplifier>>;
  // Loaded on first use and never destroyed, as Cleaners may outlive static
  // destructors.
  static const Result* const simplifier = []() -> const Result* {
    try {
      opencc::Config config;
      auto converter = std::make_unique<Converter>();
      converter->converter = config.NewFromFile("t2s.json");
      return new Result(std::make_shared<const Simplifier>(std::move(converter)));
    } catch (const std::exception& e) {
      return new Result(InternalError(
          std::string("cannot load OpenCC's t2s.json (Debian: libopencc-data): ") + e.what()));
    }
  }();
  return *simplifier;
}

bool Simplifier::FindEdits(std::string_view text, int rule, Category category,
                           std::vector<Edit>* edits) const {
  const size_t before = edits->size();
  const opencc::Converter& converter = *converter_->converter;
  size_t begin = 0;
  while (begin < text.size()) {
    // A line at a time; OpenCC reads C strings, so a NUL ends a piece too.
    size_t end = begin;
    bool ascii = true;
    while (end < text.size() && text[end] != '\n' && text[end] != '\0') {
      ascii = ascii && static_cast<unsigned char>(text[end]) < 0x80;
      ++end;
    }
    if (!ascii) {
      try {
        const opencc::SegmentsPtr from =
            converter.GetSegmentation()->Segment(std::string(text.substr(begin, end - begin)));
        const opencc::SegmentsPtr to = converter.GetConversionChain()->Convert(from);
        size_t at = begin;
        for (size_t k = 0; k < from->Length() && k < to->Length(); ++k) {
          const std::string_view a = from->At(k), b = to->At(k);
          DiffSegment(a, b, at, rule, category, edits);
          at += a.size();
        }
      } catch (const std::exception&) {
        // OpenCC throws on text it cannot read; such a line stays as it is.
      }
    }
    begin = end + 1;
  }
  return edits->size() > before;
}

}  // namespace textwash::internal
