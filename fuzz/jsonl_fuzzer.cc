// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Fuzzes the JSONL reader (tools/jsonl.h). Each line of the input is parsed
// for the field "text" (first byte even) or "meta.body" (odd). A line the
// parser accepts must locate a JSON string that ReadJsonString() decodes to
// the same text, and splicing a value in must give a line that parses to
// that value. Any text written by AppendJsonString() must read back as its
// valid-UTF-8 form.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "tools/jsonl.h"

namespace {

using textwash::cli::AppendJsonString;
using textwash::cli::JsonlField;
using textwash::cli::JsonlParser;
using textwash::cli::ReadJsonString;
using textwash::cli::SpliceJsonString;

void CheckLine(JsonlParser& parser, std::string line) {
  const std::string original = line;
  JsonlField field;
  const textwash::Status status = parser.Parse(&line, &field);
  TEXTWASH_FUZZ_CHECK(line == original);  // the parser leaves it alone
  if (!status.ok()) {
    TEXTWASH_FUZZ_CHECK(status.code() == textwash::StatusCode::kInvalidArgument);
    TEXTWASH_FUZZ_CHECK(!status.message().empty());
    return;
  }
  TEXTWASH_FUZZ_CHECK(textwash::fuzz::IsValidUtf8(line));
  TEXTWASH_FUZZ_CHECK(field.begin < field.end && field.end <= line.size());
  std::string decoded;
  const std::optional<size_t> length =
      ReadJsonString(std::string_view(line).substr(field.begin), &decoded);
  TEXTWASH_FUZZ_CHECK(length.has_value() && *length == field.end - field.begin);
  TEXTWASH_FUZZ_CHECK(decoded == field.text);
  TEXTWASH_FUZZ_CHECK(textwash::fuzz::IsValidUtf8(field.text));

  // Splice a different value in: the line still parses, to that value, and
  // everything outside the field is as it was.
  const std::string value = field.text.empty() ? "x\n\"\\" : field.text.substr(1);
  std::string spliced = SpliceJsonString(line, field, value);
  TEXTWASH_FUZZ_CHECK(spliced.compare(0, field.begin, line, 0, field.begin) == 0);
  TEXTWASH_FUZZ_CHECK(std::string_view(spliced).ends_with(
      std::string_view(line).substr(field.end)));
  JsonlField again;
  const textwash::Status reparsed = parser.Parse(&spliced, &again);
  TEXTWASH_FUZZ_CHECK(reparsed.ok());
  std::string json, want;  // the value, invalid UTF-8 replaced
  AppendJsonString(value, &json);
  TEXTWASH_FUZZ_CHECK(ReadJsonString(json, &want) == json.size());
  TEXTWASH_FUZZ_CHECK(again.text == want);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static JsonlParser text_parser("text");
  static JsonlParser nested_parser("meta.body");
  JsonlParser& parser = (data[0] & 1) != 0 ? nested_parser : text_parser;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);

  // The writer and reader agree on any bytes.
  std::string json;
  AppendJsonString(input, &json);
  std::string decoded;
  TEXTWASH_FUZZ_CHECK(ReadJsonString(json, &decoded) == json.size());
  TEXTWASH_FUZZ_CHECK(textwash::fuzz::IsValidUtf8(decoded));
  if (textwash::fuzz::IsValidUtf8(input)) TEXTWASH_FUZZ_CHECK(decoded == input);

  for (size_t b = 0; b <= input.size();) {
    size_t e = input.find('\n', b);
    if (e == std::string_view::npos) e = input.size();
    CheckLine(parser, std::string(input.substr(b, e - b)));
    b = e + 1;
  }
  return 0;
}
