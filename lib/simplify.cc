// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
#include "lib/simplify.h"

#include <opencc/Config.hpp>
#include <opencc/Conversion.hpp>
#include <opencc/ConversionChain.hpp>
#include <opencc/Converter.hpp>
#include <opencc/Dict.hpp>
#include <opencc/DictEntry.hpp>
#include <opencc/Lexicon.hpp>
#include <opencc/Segmentation.hpp>
#include <opencc/Segments.hpp>

#include <exception>
#include <string>
#include <unordered_set>
#include <utility>

#include "lib/utf8.h"

namespace textwash::internal {

namespace {

std::u32string CodePoints(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    char32_t c;
    const int len = DecodeUtf8(s, i, &c);
    out.push_back(c);
    i += len > 0 ? len : 1;
  }
  return out;
}

}  // namespace

struct Simplifier::Converter {
  opencc::ConverterPtr converter;
  // The characters that a dictionary entry converts to something else. A
  // line without any of them converts to itself, and OpenCC, which is slow,
  // is not asked.
  std::vector<bool> changed_bmp = std::vector<bool>(0x10000);
  std::unordered_set<char32_t> changed_astral;

  explicit Converter(opencc::ConverterPtr c) : converter(std::move(c)) {
    for (const opencc::ConversionPtr& conversion :
         converter->GetConversionChain()->GetConversions()) {
      const opencc::LexiconPtr lexicon = conversion->GetDict()->GetLexicon();
      for (const auto& entry : *lexicon) {
        const std::u32string key = CodePoints(entry->Key());
        const std::u32string value = CodePoints(entry->GetDefault());
        for (size_t i = 0; i < key.size(); ++i) {
          if (key.size() == value.size() && key[i] == value[i]) continue;
          if (key[i] < 0x10000) {
            changed_bmp[key[i]] = true;
          } else {
            changed_astral.insert(key[i]);
          }
        }
      }
    }
  }

  // True if OpenCC may change `line`.
  bool MayChange(std::string_view line) const {
    for (size_t i = 0; i < line.size();) {
      if (static_cast<unsigned char>(line[i]) < 0x80) {
        ++i;
        continue;
      }
      char32_t c;
      const int len = DecodeUtf8(line, i, &c);
      if (c < 0x10000 ? changed_bmp[c] : changed_astral.count(c) != 0) return true;
      i += len > 0 ? len : 1;
    }
    return false;
  }
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
      auto converter = std::make_unique<Converter>(config.NewFromFile("t2s.json"));
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
  const opencc::Converter& converter = *converter_->converter;  // const: thread-safe
  size_t begin = 0;
  while (begin < text.size()) {
    // A line at a time; OpenCC reads C strings, so a NUL ends a piece too.
    size_t end = begin;
    while (end < text.size() && text[end] != '\n' && text[end] != '\0') ++end;
    if (converter_->MayChange(text.substr(begin, end - begin))) {
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
