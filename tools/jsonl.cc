// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
#include "tools/jsonl.h"

#include <simdjson.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lib/utf8.h"

namespace textwash::cli {
namespace {

namespace ondemand = simdjson::ondemand;

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";
constexpr std::string_view kJsonWhitespace = " \t\n\r";
// Deeper lines are rejected rather than walked: this bounds the recursion in
// WalkValue() and stays below the parser's maximum depth (1024), which
// simdjson asserts in debug builds.
constexpr int kMaxNesting = 1000;

// Returns the length of the valid UTF-8 sequence starting at text[i], or 0.
size_t Utf8SequenceLength(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) -> unsigned {
    return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0;
  };
  const auto cont = [&](size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
    const unsigned b = byte(k);
    return b >= lo && b <= hi;
  };
  const unsigned b0 = byte(0);
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
  if (b0 == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
  if (b0 == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
  if (b0 >= 0xE1 && b0 <= 0xEF) return cont(1) && cont(2) ? 3 : 0;
  if (b0 == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xF1 && b0 <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

// Reads the four hex digits of a \u escape at json[i].
std::optional<uint32_t> ReadHex4(std::string_view json, size_t i) {
  if (i + 4 > json.size()) return std::nullopt;
  uint32_t value = 0;
  for (size_t k = i; k < i + 4; ++k) {
    const char c = json[k];
    uint32_t digit;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      digit = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      digit = c - 'A' + 10;
    } else {
      return std::nullopt;
    }
    value = value * 16 + digit;
  }
  return value;
}

bool IsHighSurrogate(uint32_t cp) { return cp >= 0xD800 && cp <= 0xDBFF; }
bool IsLowSurrogate(uint32_t cp) { return cp >= 0xDC00 && cp <= 0xDFFF; }

std::string_view TrimTrailingWhitespace(std::string_view s) {
  const size_t end = s.find_last_not_of(kJsonWhitespace);
  return end == std::string_view::npos ? std::string_view()
                                       : s.substr(0, end + 1);
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Checks the JSON number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
// simdjson would reject valid numbers it cannot represent (1e400, huge
// integers); those are valid JSON and pass through untouched.
bool IsJsonNumber(std::string_view s) {
  size_t i = 0;
  const auto digits = [&] {
    const size_t start = i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

std::string InvalidJsonReason(simdjson::error_code code) {
  switch (code) {
    case simdjson::UTF8_ERROR:
      return "invalid JSON: not valid UTF-8";
    case simdjson::UNESCAPED_CHARS:
      return "invalid JSON: control character in a string";
    case simdjson::UNCLOSED_STRING:
      return "invalid JSON: unclosed string";
    case simdjson::DEPTH_ERROR:
      return "invalid JSON: nested too deeply";
    default:
      return "invalid JSON";
  }
}

// Returns the offset of the first byte at or after `i` that a JSON string
// cannot hold as it is: '"', '\\' or a control character below U+0020;
// s.size() if there is none. Strings are mostly long runs of other bytes, so
// those are skipped 16 at a time where SSE2 is available.
size_t FindSpecialByte(std::string_view s, size_t i) {
  const char* data = s.data();
  const size_t size = s.size();
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i last_control = _mm_set1_epi8(0x1F);
  for (; i + 16 <= size; i += 16) {
    const __m128i bytes =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
    // An unsigned byte is at most 0x1F exactly when max(byte, 0x1F) is 0x1F.
    const __m128i control =
        _mm_cmpeq_epi8(_mm_max_epu8(bytes, last_control), last_control);
    const __m128i special = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(bytes, quote),
                     _mm_cmpeq_epi8(bytes, backslash)),
        control);
    const int mask = _mm_movemask_epi8(special);
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  for (; i < size; ++i) {
    const unsigned char c = static_cast<unsigned char>(data[i]);
    if (c < 0x20 || c == '"' || c == '\\') return i;
  }
  return size;
}

// Appends the JSON escape of `c`, one of the bytes FindSpecialByte() stops at.
void AppendEscape(unsigned char c, std::string* out) {
  switch (c) {
    case '"':
      out->append("\\\"");
      break;
    case '\\':
      out->append("\\\\");
      break;
    case '\n':
      out->append("\\n");
      break;
    case '\t':
      out->append("\\t");
      break;
    case '\r':
      out->append("\\r");
      break;
    case '\b':
      out->append("\\b");
      break;
    case '\f':
      out->append("\\f");
      break;
    default: {
      constexpr char kHex[] = "0123456789abcdef";
      out->append("\\u00");
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 0xF]);
    }
  }
}

// AppendJsonString() for text that is not valid UTF-8: each byte is looked
// at, and the bytes of invalid sequences become U+FFFD one by one.
void AppendJsonStringRepairingUtf8(std::string_view text, std::string* out) {
  out->reserve(out->size() + text.size() + 2);
  out->push_back('"');
  size_t run = 0;  // start of the bytes not copied yet
  size_t i = 0;
  const auto flush = [&] { out->append(text.substr(run, i - run)); };
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const size_t length = Utf8SequenceLength(text, i);
      if (length > 0) {
        i += length;
        continue;
      }
      flush();
      out->append(kReplacementCharacter);
      run = ++i;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    flush();
    AppendEscape(c, out);
    run = ++i;
  }
  flush();
  out->push_back('"');
}

}  // namespace

void AppendJsonString(std::string_view text, std::string* out) {
  // The cleaner's output is always valid UTF-8; checked once up front, it
  // leaves only the bytes FindSpecialByte() stops at to escape.
  if (!simdjson::validate_utf8(text.data(), text.size())) {
    AppendJsonStringRepairingUtf8(text, out);
    return;
  }
  out->reserve(out->size() + text.size() + 2);
  out->push_back('"');
  size_t run = 0;  // start of the bytes not copied yet
  while (true) {
    const size_t i = FindSpecialByte(text, run);
    out->append(text.data() + run, i - run);
    if (i == text.size()) break;
    AppendEscape(static_cast<unsigned char>(text[i]), out);
    run = i + 1;
  }
  out->push_back('"');
}

std::optional<size_t> ReadJsonString(std::string_view json, std::string* out) {
  if (json.empty() || json[0] != '"') return std::nullopt;
  size_t run = 1;  // start of the bytes not copied yet
  size_t i = 1;
  const auto flush = [&] {
    if (out != nullptr) out->append(json.substr(run, i - run));
  };
  const auto append = [&](std::string_view s) {
    if (out != nullptr) out->append(s);
  };
  while (true) {
    i = FindSpecialByte(json, i);
    if (i == json.size()) break;
    const unsigned char c = static_cast<unsigned char>(json[i]);
    if (c == '"') {
      flush();
      return i + 1;
    }
    if (c < 0x20) return std::nullopt;
    flush();
    if (i + 1 >= json.size()) return std::nullopt;
    switch (json[i + 1]) {
      case '"':
        append("\"");
        break;
      case '\\':
        append("\\");
        break;
      case '/':
        append("/");
        break;
      case 'b':
        append("\b");
        break;
      case 'f':
        append("\f");
        break;
      case 'n':
        append("\n");
        break;
      case 'r':
        append("\r");
        break;
      case 't':
        append("\t");
        break;
      case 'u': {
        std::optional<uint32_t> cp = ReadHex4(json, i + 2);
        if (!cp) return std::nullopt;
        i += 4;
        if (IsHighSurrogate(*cp)) {
          std::optional<uint32_t> low;
          if (json.substr(i + 2, 2) == "\\u") low = ReadHex4(json, i + 4);
          if (low && IsLowSurrogate(*low)) {
            cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
            i += 6;
          } else {
            cp = 0xFFFD;
          }
        } else if (IsLowSurrogate(*cp)) {
          cp = 0xFFFD;
        }
        if (out != nullptr) internal::AppendUtf8(*cp, out);
        break;
      }
      default:
        return std::nullopt;
    }
    i += 2;
    run = i;
  }
  return std::nullopt;
}

std::string SpliceJsonString(std::string_view line, const JsonlField& field,
                             std::string_view text) {
  std::string out;
  out.reserve(line.size() - (field.end - field.begin) + text.size() + 2);
  out.append(line.substr(0, field.begin));
  AppendJsonString(text, &out);
  out.append(line.substr(field.end));
  return out;
}

static_assert(kJsonlPadding >= simdjson::SIMDJSON_PADDING);

// Walks the whole document with simdjson On Demand, validating every value
// (On Demand alone only checks what it is asked for) and noting where the
// field's value token starts and ends in the line.

struct JsonlParser::Impl {
  explicit Impl(std::string_view field_path) {
    quoted_path.append(1, '"').append(field_path).append(1, '"');
    size_t start = 0;
    while (true) {
      const size_t dot = field_path.find('.', start);
      path.emplace_back(field_path.substr(start, dot - start));
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
  }

  // `json` is the line, with at least SIMDJSON_PADDING bytes allocated
  // after it.
  Status Parse(simdjson::padded_string_view json, JsonlField* field) {
    line = json;
    result = field;
    result->begin = result->end = 0;
    result->text.clear();
    result->id.clear();
    matches = 0;
    match_is_string = false;
    error.clear();
    // simdjson's first stage checks the UTF-8 of the whole line, and fails
    // on bad bytes; a walk that got through needs no second check. A line
    // that failed is checked, so that bad bytes get their own reason,
    // whatever else is wrong with it.
    if (!WalkDocument(json)) {
      if (!simdjson::validate_utf8(line.data(), line.size())) {
        return InvalidArgumentError("invalid UTF-8");
      }
      return InvalidArgumentError(error);
    }
    if (matches == 0) return InvalidArgumentError("no field " + quoted_path);
    if (matches > 1) {
      return InvalidArgumentError("duplicate field " + quoted_path);
    }
    if (!match_is_string) {
      return InvalidArgumentError("field " + quoted_path + " is not a string");
    }
    return Status::Ok();
  }

  bool Fail(std::string reason) {
    error = std::move(reason);
    return false;
  }
  bool Fail(simdjson::error_code code) { return Fail(InvalidJsonReason(code)); }

  size_t Offset(const char* p) const {
    return static_cast<size_t>(p - line.data());
  }

  bool WalkDocument(simdjson::padded_string_view json) {
    ondemand::document doc;
    if (auto code = parser.iterate(json).get(doc)) return Fail(code);
    ondemand::json_type type;
    if (auto code = doc.type().get(type)) return Fail(code);
    if (type == ondemand::json_type::object ||
        type == ondemand::json_type::array) {
      if (type == ondemand::json_type::object) {
        ondemand::object object;
        if (auto code = doc.get_object().get(object)) return Fail(code);
        if (!WalkObject(object, 0, 1)) return false;
      } else {
        ondemand::array array;
        if (auto code = doc.get_array().get(array)) return Fail(code);
        if (!WalkArray(array, 1)) return false;
      }
      // Anything after the closing bracket is trailing content.
      if (doc.current_location().error() != simdjson::OUT_OF_BOUNDS) {
        return Fail("invalid JSON");
      }
    } else {
      std::string_view token;
      if (auto code = doc.raw_json_token().get(token)) return Fail(code);
      if (token.data() + token.size() != line.data() + line.size()) {
        return Fail("invalid JSON");
      }
      if (!CheckScalar(token, type)) return false;
    }
    if (type != ondemand::json_type::object) return Fail("not a JSON object");
    return true;
  }

  // `depth` is the number of path components matched on the way to this
  // object, or -1 when it is off the path.
  bool WalkObject(ondemand::object& object, int depth, int nesting) {
    for (auto field_or_error : object) {
      ondemand::field field;
      if (auto code = std::move(field_or_error).get(field)) return Fail(code);
      key.clear();
      const size_t key_begin = Offset(field.key().raw()) - 1;
      if (!ReadJsonString(line.substr(key_begin), &key)) {
        return Fail("invalid JSON: bad string");
      }
      ondemand::value& value = field.value();
      int child_depth = -1;
      if (depth >= 0 && key == path[depth]) {
        if (static_cast<size_t>(depth) + 1 == path.size()) {
          if (!TakeMatch(value, nesting + 1)) return false;
          continue;
        }
        child_depth = depth + 1;
      }
      if (depth == 0 && key == "id" && result->id.empty() && !TakeId(value)) {
        return false;
      }
      if (!WalkValue(value, child_depth, nesting + 1)) return false;
    }
    return true;
  }

  bool WalkArray(ondemand::array& array, int nesting) {
    for (auto element_or_error : array) {
      ondemand::value element;
      if (auto code = std::move(element_or_error).get(element)) {
        return Fail(code);
      }
      if (!WalkValue(element, -1, nesting + 1)) return false;
    }
    return true;
  }

  bool WalkValue(ondemand::value& value, int depth, int nesting) {
    ondemand::json_type type;
    if (auto code = value.type().get(type)) return Fail(code);
    const bool container = type == ondemand::json_type::object ||
                           type == ondemand::json_type::array;
    if (container && nesting > kMaxNesting) return Fail(simdjson::DEPTH_ERROR);
    switch (type) {
      case ondemand::json_type::object: {
        ondemand::object object;
        if (auto code = value.get_object().get(object)) return Fail(code);
        return WalkObject(object, depth, nesting);
      }
      case ondemand::json_type::array: {
        ondemand::array array;
        if (auto code = value.get_array().get(array)) return Fail(code);
        return WalkArray(array, nesting);
      }
      default:
        return CheckScalar(value.raw_json_token(), type);
    }
  }

  // `token` is simdjson's raw token: the scalar and the blanks after it.
  bool CheckScalar(std::string_view token, ondemand::json_type type) {
    token = TrimTrailingWhitespace(token);
    bool ok = false;
    switch (type) {
      case ondemand::json_type::string:
        ok = ReadJsonString(line.substr(Offset(token.data())), nullptr) ==
             token.size();
        break;
      case ondemand::json_type::number:
        ok = IsJsonNumber(token);
        break;
      case ondemand::json_type::boolean:
        ok = token == "true" || token == "false";
        break;
      case ondemand::json_type::null:
        ok = token == "null";
        break;
      default:
        break;
    }
    return ok ||
           Fail(type == ondemand::json_type::string ? "invalid JSON: bad string"
                                                    : "invalid JSON");
  }

  bool TakeMatch(ondemand::value& value, int nesting) {
    ++matches;
    ondemand::json_type type;
    if (auto code = value.type().get(type)) return Fail(code);
    if (matches == 1 && type == ondemand::json_type::string) {
      const std::string_view token = value.raw_json_token();
      const size_t begin = Offset(token.data());
      std::optional<size_t> length =
          ReadJsonString(line.substr(begin), &result->text);
      if (!length) return Fail("invalid JSON: bad string");
      match_is_string = true;
      result->begin = begin;
      result->end = begin + *length;
      return true;
    }
    return WalkValue(value, -1, nesting);
  }

  bool TakeId(ondemand::value& value) {
    ondemand::json_type type;
    if (auto code = value.type().get(type)) return Fail(code);
    if (type == ondemand::json_type::string ||
        type == ondemand::json_type::number) {
      result->id = TrimTrailingWhitespace(value.raw_json_token());
    }
    return true;
  }

  std::string quoted_path;  // the field path in quotes, for messages
  std::vector<std::string> path;
  ondemand::parser parser;

  // The state of one Parse() call.
  std::string_view line;
  JsonlField* result = nullptr;
  int matches = 0;
  bool match_is_string = false;
  std::string key;
  std::string error;
};

JsonlParser::JsonlParser(std::string_view field_path)
    : impl_(std::make_unique<Impl>(field_path)) {}

JsonlParser::~JsonlParser() = default;

Status JsonlParser::Parse(std::string* line, JsonlField* field) {
  line->reserve(line->size() + simdjson::SIMDJSON_PADDING);
  return impl_->Parse(simdjson::padded_string_view(line->data(), line->size(),
                                                   line->capacity()),
                      field);
}

Status JsonlParser::ParseInPlace(std::string_view line, JsonlField* field) {
  return impl_->Parse(simdjson::padded_string_view(line.data(), line.size(),
                                                   line.size() + kJsonlPadding),
                      field);
}

}  // namespace textwash::cli
