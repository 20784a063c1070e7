// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
#include "lib/mojibake.h"

#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <utility>

#include "lib/edits.h"
#include "lib/utf8.h"

namespace textwash::internal {
namespace {

enum Codec { kCp1252, kGbk, kBig5, kCodecCount };

// ICU's names; "GBK" and "Big5" are Microsoft's code pages 936 and 950, which
// is what garbles text on Windows.
constexpr const char* kConverterNames[kCodecCount] = {"windows-1252", "GBK", "Big5"};

// The longest run of repaired characters one unit may stand for before its
// bytes meet a character boundary again.
constexpr int kMaxUnitChars = 8;
// How often a line is repaired again (text garbled twice or more).
constexpr int kMaxRounds = 8;

// Code points a repair may produce: the letters, marks of punctuation and
// symbols of the scripts and blocks real text is written in.
bool PlausibleRepair(char32_t c) {
  if (c == 0xFFFD) return false;
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_CONTROL_CHAR:
    case U_FORMAT_CHAR:
    case U_PRIVATE_USE_CHAR:
    case U_SURROGATE:
    case U_UNASSIGNED:
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
      return false;
    default:
      break;
  }
  return (c >= 0xA0 && c <= 0x24F) ||      // Latin-1, Latin Extended-A and -B
         (c >= 0x370 && c <= 0x52F) ||     // Greek, Cyrillic
         (c >= 0x590 && c <= 0x6FF) ||     // Hebrew, Arabic
         (c >= 0x1E00 && c <= 0x1EFF) ||   // Latin Extended Additional
         (c >= 0x2000 && c <= 0x2BFF) ||   // punctuation, symbols, dingbats
         (c >= 0x2E80 && c <= 0x9FFF) ||   // CJK, kana
         (c >= 0xAC00 && c <= 0xD7AF) ||   // Hangul
         (c >= 0xF900 && c <= 0xFAFF) ||   // CJK compatibility ideographs
         (c >= 0xFE30 && c <= 0xFE4F) ||   // CJK compatibility forms
         (c >= 0xFF00 && c <= 0xFFEF) ||   // full-width forms
         (c >= 0x1F000 && c <= 0x1FAFF);   // emoji
}

bool IsHan(char32_t c) {
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
}

// A character of the line being looked at.
struct Char {
  char32_t cp;    // U+FFFD for an ill-formed byte sequence
  uint32_t begin;  // byte offset in the line
  uint32_t end;
  bool valid;
};

// A run of characters [first, last) whose legacy bytes spell `text`.
struct Unit {
  size_t first;
  size_t last;
  std::string text;
  bool weak = false;  // `Ã ` read as `à `: kept only beside other repairs
};

}  // namespace

struct MojibakeRepair::Tables {
  // The legacy bytes of each BMP code point, by encoding: 0 for none, one
  // byte below 0x100, else lead << 8 | trail.
  std::array<std::vector<uint16_t>, kCodecCount> bytes;

  uint16_t Encode(Codec codec, char32_t c) const {
    return c < 0x10000 ? bytes[codec][c] : 0;
  }
  // GB2312 level 1 or Big5's frequent characters: the ideographs everyday
  // text is mostly made of.
  bool IsCommonHan(char32_t c) const {
    const uint16_t g = Encode(kGbk, c);
    const uint16_t b = Encode(kBig5, c);
    return (g >= 0xB0A1 && g <= 0xD7FE && (g & 0xFF) >= 0xA1) ||
           (b >= 0xA440 && b <= 0xC67E);
  }
};

namespace {

// Fills `*table` from what each legacy byte and byte pair decodes to with
// ICU's converter `name`.
Status FillTable(const char* name, bool pairs, std::vector<uint16_t>* table) {
  UErrorCode error = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(name, &error);
  if (U_FAILURE(error)) {
    return InternalError(std::string("ICU has no converter \"") + name +
                         "\": " + u_errorName(error));
  }
  ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr,
                      &error);
  table->resize(0x10000);
  auto add = [&](const char* src, int32_t length, uint16_t code) {
    UChar out[4];
    UErrorCode e = U_ZERO_ERROR;
    const int32_t n = ucnv_toUChars(cnv, out, 4, src, length, &e);
    if (U_FAILURE(e) || n != 1 || U16_IS_SURROGATE(out[0]) || out[0] < 0x80) return;
    if ((*table)[out[0]] == 0) (*table)[out[0]] = code;
  };
  for (int b = 0x80; b <= 0xFF; ++b) {
    const char one = static_cast<char>(b);
    add(&one, 1, static_cast<uint16_t>(b));
  }
  for (int lead = 0x81; pairs && lead <= 0xFE; ++lead) {
    for (int trail = 0x40; trail <= 0xFE; ++trail) {
      const char two[2] = {static_cast<char>(lead), static_cast<char>(trail)};
      add(two, 2, static_cast<uint16_t>(lead << 8 | trail));
    }
  }
  ucnv_close(cnv);
  return Status::Ok();
}

StatusOr<std::unique_ptr<const MojibakeRepair::Tables>> BuildTables() {
  auto tables = std::make_unique<MojibakeRepair::Tables>();
  for (int codec = 0; codec < kCodecCount; ++codec) {
    if (Status s = FillTable(kConverterNames[codec], codec != kCp1252,
                             &tables->bytes[codec]);
        !s.ok()) {
      return s;
    }
  }
  // Text decoded as Latin-1 holds C1 controls where Windows-1252 has its
  // punctuation (`â\u0080\u0099` for `’`).
  if (Status s = FillTable("ISO-8859-1", false, &tables->bytes[kCp1252]); !s.ok()) {
    return s;
  }
  return std::unique_ptr<const MojibakeRepair::Tables>(std::move(tables));
}

// Tries to read a unit of `codec` at chars[first]: the character's legacy
// bytes, and those of the characters after it, decoded as UTF-8 until they
// end on a character boundary.
bool ReadUnit(const MojibakeRepair::Tables& tables, Codec codec,
              const std::vector<Char>& chars, size_t first, Unit* unit) {
  size_t j = first;  // the character the next byte comes from
  bool second = false;  // the next byte is the second of a two-byte character
  // The next legacy byte, or -1.
  auto next_byte = [&]() -> int {
    if (j >= chars.size() || !chars[j].valid) return -1;
    const uint16_t code = tables.Encode(codec, chars[j].cp);
    if (code == 0) return -1;
    if (code < 0x100) {
      ++j;
      return code;
    }
    if (!second) {
      second = true;
      return code >> 8;
    }
    second = false;
    ++j;
    return code & 0xFF;
  };
  std::string text;
  for (int decoded = 0; decoded < kMaxUnitChars; ++decoded) {
    const int lead = next_byte();
    if (lead < 0xC2 || lead > 0xF4) return false;
    const int length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char seq[4] = {static_cast<char>(lead)};
    for (int m = 1; m < length; ++m) {
      const int b = next_byte();
      if (b < 0x80 || b > 0xBF) return false;
      seq[m] = static_cast<char>(b);
    }
    char32_t c;
    if (DecodeUtf8(std::string_view(seq, length), 0, &c) != length ||
        !PlausibleRepair(c)) {
      return false;
    }
    text.append(seq, length);
    if (!second) {
      unit->first = first;
      unit->last = j;
      unit->text = std::move(text);
      return true;
    }
  }
  return false;
}

// The units of `codec` in `chars` that pass the encoding's statistics.
std::vector<Unit> FindUnits(const MojibakeRepair::Tables& tables, Codec codec,
                            const std::vector<Char>& chars) {
  std::vector<Unit> units;
  for (size_t i = 0; i < chars.size();) {
    Unit unit;
    if (codec == kCp1252 && chars[i].cp == 0xC3 && i + 1 < chars.size() &&
        chars[i + 1].cp == ' ') {
      // `Ã ` was `à `: UTF-8 C3 A0 20, whose no-break space A0 became a
      // space and merged with the one after it.
      units.push_back(Unit{i, i + 1, "\u00E0", true});
      ++i;
    } else if (chars[i].cp >= 0x80 && ReadUnit(tables, codec, chars, i, &unit)) {
      i = unit.last;
      units.push_back(std::move(unit));
    } else {
      ++i;
    }
  }
  if (units.empty()) return units;
  auto has_cjk = [](std::string_view s) {
    for (size_t p = 0; p < s.size();) {
      char32_t c;
      p += DecodeUtf8(s, p, &c);
      if (IsCjk(c)) return true;
    }
    return false;
  };
  if (codec == kCp1252) {
    // Units that spell CJK characters count only if there are two or more:
    // real text next to a CJK line can hold one by chance (`é’’` spells
    // U+9492).
    const size_t cjk_units = std::count_if(units.begin(), units.end(),
                                           [&](const Unit& u) { return has_cjk(u.text); });
    if (cjk_units < 2) std::erase_if(units, [&](const Unit& u) { return has_cjk(u.text); });
    const bool strong = std::any_of(units.begin(), units.end(),
                                    [](const Unit& u) { return !u.weak; });
    if (!strong) units.clear();
    return units;
  }
  // GBK, Big5: the share of common Han characters, before and after. A unit
  // of common characters only that would become fewer common ones (CJK
  // punctuation counts as common here) is real text beside the garbled part
  // of a line (`一` is GBK D2 BB, which spells U+04BB `һ`): it stays, and
  // does not count.
  size_t before = 0, before_common = 0, after = 0, after_common = 0;
  std::erase_if(units, [&](const Unit& u) {
    size_t common = 0, common_after = 0;
    for (size_t i = u.first; i < u.last; ++i) common += tables.IsCommonHan(chars[i].cp);
    for (size_t p = 0; p < u.text.size();) {
      char32_t c;
      p += DecodeUtf8(u.text, p, &c);
      common_after += tables.IsCommonHan(c) || (c >= 0x3000 && c <= 0x303F) ||
                      (c >= 0xFF00 && c <= 0xFFEF);
    }
    return common == u.last - u.first && common_after < common;
  });
  for (const Unit& u : units) {
    for (size_t i = u.first; i < u.last; ++i) {
      if (IsHan(chars[i].cp)) {
        ++before;
        before_common += tables.IsCommonHan(chars[i].cp);
      }
    }
    for (size_t p = 0; p < u.text.size();) {
      char32_t c;
      p += DecodeUtf8(u.text, p, &c);
      if (IsHan(c)) {
        ++after;
        after_common += tables.IsCommonHan(c);
      }
    }
  }
  // At least 70% common after, and that share at least 30 points above the
  // share before: after_common / after - before_common / before >= 0.3.
  bool common = after >= 2 && after_common * 10 >= after * 7;
  if (common && before > 0) {
    const long long gain = static_cast<long long>(after_common * before) -
                           static_cast<long long>(before_common * after);
    common = gain * 10 >= static_cast<long long>(3 * after * before);
  }
  if (!common) units.clear();
  return units;
}

// Appends the repairs of one round on `line` to `*edits`, in line offsets.
bool RepairOnce(const MojibakeRepair::Tables& tables, std::string_view line,
                std::vector<Edit>* edits) {
  std::vector<Char> chars;
  bool any_non_ascii = false;
  for (size_t p = 0; p < line.size();) {
    char32_t c;
    const int len = DecodeUtf8(line, p, &c);
    const int n = len > 0 ? len : -len;
    chars.push_back(Char{c, static_cast<uint32_t>(p), static_cast<uint32_t>(p + n), len > 0});
    any_non_ascii = any_non_ascii || c >= 0x80;
    p += n;
  }
  if (!any_non_ascii) return false;
  std::vector<Unit> best;
  size_t best_chars = 0;
  for (int codec = 0; codec < kCodecCount; ++codec) {
    std::vector<Unit> units = FindUnits(tables, static_cast<Codec>(codec), chars);
    size_t covered = 0;
    for (const Unit& u : units) covered += u.last - u.first;
    if (covered > best_chars) {
      best_chars = covered;
      best = std::move(units);
    }
  }
  for (Unit& u : best) {
    Edit e;
    e.begin = chars[u.first].begin;
    e.end = chars[u.last - 1].end;
    e.replacement = std::move(u.text);
    edits->push_back(std::move(e));
  }
  return !best.empty();
}

}  // namespace

MojibakeRepair::MojibakeRepair(std::unique_ptr<const Tables> tables)
    : tables_(std::move(tables)) {}
MojibakeRepair::~MojibakeRepair() = default;

StatusOr<std::shared_ptr<const MojibakeRepair>> MojibakeRepair::Get() {
  using Result = StatusOr<std::shared_ptr<const MojibakeRepair>>;
  // Built on first use and never destroyed, as Cleaners may outlive static
  // destructors.
  static const Result* const repairer = [] {
    StatusOr<std::unique_ptr<const Tables>> tables = BuildTables();
    if (!tables.ok()) return new Result(tables.status());
    return new Result(std::make_shared<const MojibakeRepair>(std::move(*tables)));
  }();
  return *repairer;
}

bool MojibakeRepair::FindEdits(std::string_view text, int rule, Category category,
                               std::vector<Edit>* edits) const {
  const size_t before = edits->size();
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(begin, end - begin);
    std::vector<Edit> line_edits;
    std::string repaired;
    for (int round = 0; round < kMaxRounds; ++round) {
      std::vector<Edit> more;
      if (!RepairOnce(*tables_, round == 0 ? line : std::string_view(repaired), &more)) {
        break;
      }
      repaired = ApplyEdits(round == 0 ? line : std::string_view(repaired), more);
      line_edits = ComposeEdits(std::move(line_edits), std::move(more));
    }
    for (Edit& e : line_edits) {
      e.begin += begin;
      e.end += begin;
      e.category = category;
      e.rule = rule;
      edits->push_back(std::move(e));
    }
    begin = end + 1;
  }
  return edits->size() > before;
}

}  // namespace textwash::internal
