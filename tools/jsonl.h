// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// JSON Lines support for the CLI: find one string field in a JSON object line
// and splice a new value into the line, leaving every other byte as it was.
//
//   JsonlParser parser("text");
//   JsonlField field;
//   std::string line = R"({"id": 1, "text": "a\tb"})";
//   if (parser.Parse(&line, &field).ok()) {
//     // field.text == "a<TAB>b"; line[field.begin, field.end) == "\"a\\tb\""
//     std::string out = SpliceJsonString(line, field, "ab");
//     // out == R"({"id": 1, "text": "ab"})"
//   }
#ifndef TEXTWASH_TOOLS_JSONL_H_
#define TEXTWASH_TOOLS_JSONL_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "textwash/status.h"

namespace textwash::cli {

// Appends `text` to `*out` as a JSON string, quotes included. Escapes only
// what JSON requires: `"`, `\` and the control characters below U+0020 (as
// \n, \t, \r, \b, \f or \u00XX). Everything else, non-ASCII included, is
// written as UTF-8; invalid UTF-8 sequences become U+FFFD.
void AppendJsonString(std::string_view text, std::string* out);

// Reads the JSON string at the start of `json`, which must begin with its
// opening quote. Appends the decoded UTF-8 to `*out` unless `out` is null; an
// unpaired surrogate escape (\ud800) decodes to U+FFFD. Returns the length of
// the string in `json`, both quotes included, or nullopt if it is not a valid
// JSON string (bad escape, raw control character, no closing quote).
std::optional<size_t> ReadJsonString(std::string_view json, std::string* out);

// How many readable bytes JsonlParser::ParseInPlace() needs after a line.
inline constexpr size_t kJsonlPadding = 64;

// Where a JsonlParser found the field in a line.
struct JsonlField {
  size_t begin = 0;  // offset of the value's opening quote in the line
  size_t end = 0;    // offset just past its closing quote
  std::string text;  // the decoded value
  std::string id;    // raw JSON of a top-level "id" string or number, or ""
};

// Finds a string field, named by a dotted path ("text", "meta.body"), in
// lines that each hold one JSON object. Validates the whole line. Not
// thread-safe: use one parser per thread.
class JsonlParser {
 public:
  explicit JsonlParser(std::string_view field_path);
  ~JsonlParser();
  JsonlParser(const JsonlParser&) = delete;
  JsonlParser& operator=(const JsonlParser&) = delete;

  // Parses `*line` (one line, without its line break) and fills `*field`.
  // May grow the capacity of `*line`; its contents are not changed. Returns
  // kInvalidArgument with one of these messages when the line is unusable:
  //   invalid UTF-8
  //   invalid JSON[: reason]
  //   not a JSON object
  //   no field "PATH"
  //   duplicate field "PATH"
  //   field "PATH" is not a string
  Status Parse(std::string* line, JsonlField* field);

  // Like Parse(), for a line that is followed in memory by at least
  // kJsonlPadding readable bytes: a NUL, as after the contents of a
  // std::string, then any values (the next lines of a buffer, say). The line
  // is parsed where it is, without a copy. (simdjson looks at the byte after
  // the end of a malformed line, so it must be the same as for Parse().)
  Status ParseInPlace(std::string_view line, JsonlField* field);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Returns `line` with the field's value replaced by `text`, written as a JSON
// string by AppendJsonString().
std::string SpliceJsonString(std::string_view line, const JsonlField& field,
                             std::string_view text);

}  // namespace textwash::cli

#endif  // TEXTWASH_TOOLS_JSONL_H_
