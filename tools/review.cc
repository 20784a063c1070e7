// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
#include "tools/review.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "lib/utf8.h"
#include "textwash/textwash.h"
#include "tools/compress.h"
#include "tools/jsonl.h"
#include "tools/review_assets.h"  // generated: kReviewCss, kReviewJs

namespace textwash::cli {
namespace {

constexpr int kExitCannotRun = 2;

// How many rules the table lists, and how many of them it shows before a
// "more" button; the rule filter offers every rule of the sample.
constexpr size_t kTableRules = 30;
constexpr size_t kTableRulesShown = 10;

// The chart's geometry, in SVG user units (CSS pixels at full width).
constexpr int kChartLabelWidth = 110;
constexpr int kChartBarWidth = 480;
constexpr int kChartValueWidth = 170;
constexpr int kChartRowHeight = 30;

// ---- SHA-256 (FIPS 180-4), for the Content-Security-Policy hashes ----------

constexpr std::array<uint32_t, 64> kSha256Rounds = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

uint32_t RotateRight(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

void Sha256Block(const unsigned char* block, std::array<uint32_t, 8>* state) {
  std::array<uint32_t, 64> w;
  for (int i = 0; i < 16; ++i) {
    w[i] = (uint32_t{block[4 * i]} << 24) | (uint32_t{block[4 * i + 1]} << 16) |
           (uint32_t{block[4 * i + 2]} << 8) | uint32_t{block[4 * i + 3]};
  }
  for (int i = 16; i < 64; ++i) {
    const uint32_t s0 = RotateRight(w[i - 15], 7) ^
                        RotateRight(w[i - 15], 18) ^ (w[i - 15] >> 3);
    const uint32_t s1 = RotateRight(w[i - 2], 17) ^ RotateRight(w[i - 2], 19) ^
                        (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  std::array<uint32_t, 8> v = *state;
  for (int i = 0; i < 64; ++i) {
    const uint32_t s1 =
        RotateRight(v[4], 6) ^ RotateRight(v[4], 11) ^ RotateRight(v[4], 25);
    const uint32_t choice = (v[4] & v[5]) ^ (~v[4] & v[6]);
    const uint32_t t1 = v[7] + s1 + choice + kSha256Rounds[i] + w[i];
    const uint32_t s0 =
        RotateRight(v[0], 2) ^ RotateRight(v[0], 13) ^ RotateRight(v[0], 22);
    const uint32_t majority = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
    const uint32_t t2 = s0 + majority;
    v = {t1 + t2, v[0], v[1], v[2], v[3] + t1, v[4], v[5], v[6]};
  }
  for (int i = 0; i < 8; ++i) (*state)[i] += v[i];
}

std::array<unsigned char, 32> Sha256(std::string_view data) {
  std::array<uint32_t, 8> state = {0x6a09e667, 0xbb67ae85, 0x3c6ef372,
                                   0xa54ff53a, 0x510e527f, 0x9b05688c,
                                   0x1f83d9ab, 0x5be0cd19};
  const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
  size_t full = data.size() / 64 * 64;
  for (size_t i = 0; i < full; i += 64) Sha256Block(bytes + i, &state);
  // The tail, a 1 bit, zeros and the length in bits fill one or two blocks.
  std::array<unsigned char, 128> tail{};
  const size_t rest = data.size() - full;
  std::copy(bytes + full, bytes + data.size(), tail.begin());
  tail[rest] = 0x80;
  const size_t tail_size = rest < 56 ? 64 : 128;
  const uint64_t bits = uint64_t{data.size()} * 8;
  for (int i = 0; i < 8; ++i) {
    tail[tail_size - 1 - i] = static_cast<unsigned char>(bits >> (8 * i));
  }
  for (size_t i = 0; i < tail_size; i += 64) Sha256Block(&tail[i], &state);
  std::array<unsigned char, 32> digest;
  for (int i = 0; i < 32; ++i) {
    digest[i] = static_cast<unsigned char>(state[i / 4] >> (24 - 8 * (i % 4)));
  }
  return digest;
}

std::string Base64(const unsigned char* data, size_t size) {
  static constexpr char kDigits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < size; i += 3) {
    const uint32_t n = (uint32_t{data[i]} << 16) |
                       (i + 1 < size ? uint32_t{data[i + 1]} << 8 : 0) |
                       (i + 2 < size ? uint32_t{data[i + 2]} : 0);
    out += kDigits[(n >> 18) & 63];
    out += kDigits[(n >> 12) & 63];
    out += i + 1 < size ? kDigits[(n >> 6) & 63] : '=';
    out += i + 2 < size ? kDigits[n & 63] : '=';
  }
  return out;
}

// ---- text ------------------------------------------------------------------

// Characters that show nothing, or that reorder or join what is around them:
// in the page they are written as labels (U+200B), so that a removal of one
// can be seen and kept ones cannot reorder the page's text.
bool IsInvisible(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xAD || c == 0x34F ||
         c == 0x61C || c == 0x115F || c == 0x1160 || c == 0x17B4 ||
         c == 0x17B5 || (c >= 0x180B && c <= 0x180F) ||
         (c >= 0x200B && c <= 0x200F) || (c >= 0x2028 && c <= 0x202E) ||
         (c >= 0x2060 && c <= 0x206F) || c == 0x3164 || c == 0xFEFF ||
         c == 0xFFA0 || (c >= 0xFFF0 && c <= 0xFFF8) ||
         (c >= 0xE0000 && c <= 0xE0FFF);
}

// Variation selectors belong to the character before them (emoji, CJK
// variants); they are labelled only where they were removed.
bool IsVariationSelector(char32_t c) { return c >= 0xFE00 && c <= 0xFE0F; }

void AppendLabel(std::string_view label, std::string* out) {
  *out += "<span class=\"cp\">";
  *out += label;
  *out += "</span>";
}

std::string CodePointLabel(char32_t c) {
  if (c == '\r') return "CR";
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "U+%04X", static_cast<unsigned>(c));
  return buffer;
}

// Appends `bytes`, one printable character, escaped for HTML.
void AppendHtmlCharacter(std::string_view bytes, std::string* out) {
  switch (bytes.front()) {
    case '&': *out += "&amp;"; break;
    case '<': *out += "&lt;"; break;
    case '>': *out += "&gt;"; break;
    case '"': *out += "&quot;"; break;
    case '\'': *out += "&#39;"; break;
    default: out->append(bytes);
  }
}

// Which part of a document some text is.
enum class Part {
  kKept,
  kRemoved,
  kInserted,  // an edit's replacement
};

// Appends document text: escaped, invisible characters as labels. A line
// break in removed text is marked ↵ before it; in inserted text it is only
// marked, so that the page keeps the document's own lines. Invalid UTF-8 in
// removed text shows each byte as \xHH; kept text has none, as the Cleaner
// replaces it, but would show U+FFFD.
void AppendDocumentText(std::string_view text, Part part, std::string* out) {
  const bool removed = part == Part::kRemoved;
  size_t i = 0;
  while (i < text.size()) {
    char32_t c;
    const int length = internal::DecodeUtf8(text, i, &c);
    if (length < 0) {
      for (int k = 0; k < -length; ++k) {
        char buffer[8];
        std::snprintf(buffer, sizeof(buffer), "\\x%02X",
                      static_cast<unsigned char>(text[i + k]));
        if (removed) AppendLabel(buffer, out);
      }
      if (!removed) *out += "\xEF\xBF\xBD";
      i += -length;
      continue;
    }
    if (c == '\n') {
      if (part != Part::kKept) *out += "<span class=\"cp nl\">↵</span>";
      if (part != Part::kInserted) *out += '\n';
    } else if (c == '\t') {
      *out += '\t';
    } else if (IsInvisible(c) || (removed && IsVariationSelector(c))) {
      AppendLabel(CodePointLabel(c), out);
    } else {
      AppendHtmlCharacter(text.substr(i, length), out);
    }
    i += length;
  }
}

// The language a document's text is most likely in, for the browser's choice
// of CJK glyphs: "ja" with kana, "ko" with hangul, "zh" with other Han, ""
// otherwise. Looks at the first 4 KB.
std::string_view GuessCjkLanguage(std::string_view text) {
  bool han = false;
  text = text.substr(0, 4096);
  for (size_t i = 0; i < text.size();) {
    char32_t c;
    const int length = internal::DecodeUtf8(text, i, &c);
    i += length < 0 ? -length : length;
    if (c >= 0x3040 && c <= 0x30FF) return "ja";
    if (c >= 0xAC00 && c <= 0xD7AF) return "ko";
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)) {
      han = true;
    }
  }
  return han ? "zh" : "";
}

// ---- numbers ---------------------------------------------------------------

// 12345 as "12,345".
std::string Count(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// 1234567 as "1.23 MB" (powers of 1000, three significant digits).
std::string Bytes(uint64_t n) {
  if (n < 1000) return std::to_string(n) + " B";
  static constexpr std::array<std::string_view, 4> kUnits = {"KB", "MB", "GB",
                                                             "TB"};
  double value = static_cast<double>(n) / 1000;
  size_t unit = 0;
  while (value >= 1000 && unit + 1 < kUnits.size()) {
    value /= 1000;
    ++unit;
  }
  return FormatDouble(value, value < 10 ? 2 : value < 100 ? 1 : 0) + " " +
         std::string(kUnits[unit]);
}

std::string Percent(uint64_t part, uint64_t whole) {
  if (whole == 0) return "0%";
  const double percent = 100.0 * static_cast<double>(part) /
                         static_cast<double>(whole);
  return FormatDouble(percent, percent < 10 ? 1 : 0) + "%";
}

std::string Escaped(std::string_view text) {
  std::string out;
  AppendHtmlEscaped(text, &out);
  return out;
}

std::string CategoryClass(Category category) {
  return "c-" + std::string(CategoryName(category));
}

// ---- the page --------------------------------------------------------------

class PageWriter {
 public:
  PageWriter(const ReviewData& data, const Cleaner& cleaner)
      : data_(data), cleaner_(cleaner) {
    for (const ReviewDocument& document : data_.documents) {
      for (const Edit& edit : document.edits) {
        if (edit.rule < 0 || edit.rule >= cleaner_.rule_count()) continue;
        ++sample_rule_edits_[edit.rule];
        ++sample_category_edits_[static_cast<int>(edit.category)];
      }
    }
  }

  std::string Write() {
    const std::string css(kReviewCss);
    const std::string js(kReviewJs);
    out_ += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
            "<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, "
            "initial-scale=1\">\n";
    // Nothing but the inline style and script below may load or run.
    out_ += "<meta http-equiv=\"Content-Security-Policy\" content=\""
            "default-src 'none'; style-src 'sha256-" +
            Sha256Base64(css) + "'; script-src 'sha256-" + Sha256Base64(js) +
            "'; base-uri 'none'; form-action 'none'\">\n";
    out_ += "<meta name=\"generator\" content=\"textwash " +
            std::string(TEXTWASH_VERSION_STRING) + "\">\n";
    out_ += "<title>" + Escaped(data_.title) + "</title>\n";
    out_ += "<style>" + css + "</style>\n</head>\n<body>\n";
    WriteHeader();
    out_ += "<main>\n";
    WriteOverview();
    WriteToolbar();
    WriteDocuments();
    out_ += "</main>\n";
    WriteFooter();
    out_ += "<script>" + js + "</script>\n</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  const RuleInfo* Rule(int index) const {
    if (index < 0 || index >= cleaner_.rule_count()) return nullptr;
    return &cleaner_.rule(index);
  }

  // What the Cleaner was built from, in words.
  std::string RulesInWords() const {
    const Options& options = cleaner_.options();
    std::string words;
    if (options.default_rules) {
      words = options.packs.empty() ? "built-in packs" : "built-in packs ";
      for (size_t i = 0; i < options.packs.size(); ++i) {
        words += (i > 0 ? ", " : "") + options.packs[i];
      }
    }
    for (const std::string& file : options.rule_files) {
      words += (words.empty() ? "" : " + ") +
               std::filesystem::path(file).filename().string();
    }
    if (words.empty()) words = "no rule files";
    if (!options.disabled_rules.empty()) {
      words += " (" + Count(options.disabled_rules.size()) + " disabled)";
    }
    return words;
  }

  void WriteStat(std::string_view name, const std::string& value,
                 const std::string& detail = "") {
    out_ += "<div class=\"stat\"><dt>";
    out_ += name;
    out_ += "</dt><dd>" + value;
    if (!detail.empty()) out_ += " <small>" + detail + "</small>";
    out_ += "</dd></div>\n";
  }

  void WriteHeader() {
    const Stats& stats = data_.stats;
    out_ += "<header class=\"top\">\n<h1>" + Escaped(data_.title) + "</h1>\n";
    out_ += "<p class=\"sub\">Rules: " + Escaped(RulesInWords()) +
            " · engine " + std::string(Cleaner::engine()) + " · textwash " +
            TEXTWASH_VERSION_STRING + "</p>\n";
    out_ += "<dl class=\"stats\">\n";
    WriteStat("Files", Count(data_.inputs.size()));
    WriteStat("Documents", Count(stats.documents_in));
    WriteStat("With edits", Count(data_.documents_edited),
              Percent(data_.documents_edited, stats.documents_in));
    WriteStat("Sampled", Count(data_.documents.size()),
              data_.edited_only ? "with edits" : "");
    WriteStat("Text in", Bytes(data_.text_bytes_in));
    WriteStat("Text out", Bytes(data_.text_bytes_out));
    WriteStat("Removed", Bytes(stats.bytes_removed_total()),
              Percent(stats.bytes_removed_total(), data_.text_bytes_in));
    WriteStat("Edits", Count(stats.edits_total()));
    if (stats.rejected_total() > 0) {
      WriteStat("Rejected", Count(stats.rejected_total()), "bad lines");
    }
    out_ += "</dl>\n<details class=\"inputs\"><summary>Inputs</summary><ul>";
    for (const std::string& input : data_.inputs) {
      out_ += "<li>" + Escaped(input) + "</li>";
    }
    out_ += "</ul></details>\n</header>\n";
  }

  void WriteOverview() {
    out_ += "<section class=\"overview\">\n";
    WriteChart();
    WriteRuleTable();
    out_ += "</section>\n";
  }

  // A bar per category that removed anything, most bytes first.
  void WriteChart() {
    const Stats& stats = data_.stats;
    std::vector<int> categories;
    for (int c = 0; c < kCategoryCount; ++c) {
      if (stats.category_edits[c] > 0) categories.push_back(c);
    }
    std::stable_sort(categories.begin(), categories.end(), [&](int a, int b) {
      return stats.category_bytes[a] > stats.category_bytes[b];
    });
    out_ += "<div class=\"panel\"><h2>Removed, by category</h2>\n";
    if (categories.empty()) {
      out_ += "<p class=\"empty\">Nothing was removed.</p></div>\n";
      return;
    }
    const uint64_t most = std::max<uint64_t>(
        1, stats.category_bytes[static_cast<size_t>(categories.front())]);
    const int height = kChartRowHeight * static_cast<int>(categories.size());
    const int width = kChartLabelWidth + kChartBarWidth + kChartValueWidth;
    out_ += "<svg class=\"chart\" viewBox=\"0 0 " + std::to_string(width) +
            " " + std::to_string(height) +
            "\" role=\"group\" aria-label=\"Bytes removed by category\">\n";
    for (size_t row = 0; row < categories.size(); ++row) {
      const int c = categories[row];
      const auto category = static_cast<Category>(c);
      const std::string name(CategoryName(category));
      const uint64_t bytes = stats.category_bytes[c];
      const int bar = std::max<int>(
          2, static_cast<int>(static_cast<double>(bytes) / most *
                              kChartBarWidth));
      const int y = kChartRowHeight * static_cast<int>(row);
      const std::string summary = name + ": " + Count(bytes) +
                                  " bytes removed by " +
                                  Count(stats.category_edits[c]) + " edits";
      out_ += "<g class=\"bar " + CategoryClass(category) +
              "\" data-cat=\"" + name +
              "\" tabindex=\"0\" role=\"button\" aria-label=\"" + summary +
              "\"><title>" + summary + "</title>";
      out_ += "<rect class=\"hit\" x=\"0\" y=\"" + std::to_string(y) +
              "\" width=\"" + std::to_string(width) + "\" height=\"" +
              std::to_string(kChartRowHeight) + "\" rx=\"6\"/>";
      out_ += "<text class=\"label\" x=\"8\" y=\"" + std::to_string(y + 19) +
              "\">" + name + "</text>";
      out_ += "<rect class=\"fill\" x=\"" + std::to_string(kChartLabelWidth) +
              "\" y=\"" + std::to_string(y + 7) + "\" width=\"" +
              std::to_string(bar) + "\" height=\"16\" rx=\"3\"/>";
      out_ += "<text class=\"value\" x=\"" +
              std::to_string(kChartLabelWidth + bar + 8) + "\" y=\"" +
              std::to_string(y + 19) + "\">" + Bytes(bytes) + " · " +
              Count(stats.category_edits[c]) + "</text></g>\n";
    }
    out_ += "</svg>\n<p class=\"note\">Bytes removed over all " +
            Count(stats.documents_in) +
            " documents · edits after the dot. Select a bar to filter.</p>"
            "</div>\n";
  }

  // A button that filters the documents to one rule.
  std::string RuleButton(const RuleInfo& rule) const {
    const std::string id = Escaped(rule.id);
    return "<button type=\"button\" class=\"rule-link\" data-rule=\"" + id +
           "\" title=\"" + Escaped(rule.source) + "\">" + id + "</button>";
  }

  void WriteRuleTable() {
    const Stats& stats = data_.stats;
    const std::vector<int> order = RulesByEdits(stats, cleaner_);
    out_ += "<div class=\"panel\"><h2>Top rules</h2>\n";
    if (order.empty()) {
      out_ += "<p class=\"empty\">No rule removed anything.</p></div>\n";
      return;
    }
    out_ += "<div class=\"table-wrap\"><table class=\"rules\">\n<thead><tr>"
            "<th scope=\"col\">Rule</th><th scope=\"col\">Category</th>"
            "<th scope=\"col\" class=\"num\">Edits</th>"
            "<th scope=\"col\" class=\"num\">Bytes</th>"
            "<th scope=\"col\" class=\"num\">In sample</th>"
            "<th scope=\"col\">Example</th></tr></thead>\n<tbody>\n";
    for (size_t i = 0; i < order.size() && i < kTableRules; ++i) {
      if (i == kTableRulesShown) {
        out_ += "</tbody>\n<tbody class=\"more\" hidden>\n";
      }
      const RuleInfo& rule = cleaner_.rule(order[i]);
      const RuleCount& count = stats.rules[order[i]];
      const auto in_sample = sample_rule_edits_.find(order[i]);
      out_ += "<tr><td>" + RuleButton(rule) + "</td><td><span class=\"chip " +
              CategoryClass(rule.category) + "\">" +
              std::string(CategoryName(rule.category)) +
              "</span></td><td class=\"num\">" + Count(count.edits) +
              "</td><td class=\"num\">" + Count(count.bytes) +
              "</td><td class=\"num\">" +
              Count(in_sample == sample_rule_edits_.end() ? 0
                                                          : in_sample->second) +
              "</td><td class=\"example\"><span class=\"ex " +
              CategoryClass(rule.category) + "\">";
      AppendDocumentText(count.example, Part::kRemoved, &out_);
      out_ += "</span></td></tr>\n";
    }
    out_ += "</tbody></table></div>\n";
    if (order.size() > kTableRulesShown) {
      const size_t more = std::min(order.size(), kTableRules) - kTableRulesShown;
      out_ += "<button type=\"button\" class=\"more-rules\" "
              "aria-expanded=\"false\">Show " + Count(more) + " more</button>";
    }
    if (order.size() > kTableRules) {
      out_ += "<p class=\"note\">" + Count(order.size() - kTableRules) +
              " more rules removed something; the rule filter lists every "
              "rule seen in the sample.</p>\n";
    }
    out_ += "</div>\n";
  }

  void WriteToolbar() {
    out_ += "<section class=\"docs\" aria-label=\"Documents\">\n"
            "<div class=\"toolbar\" role=\"search\">\n"
            "<input type=\"search\" id=\"q\" placeholder=\"Search the "
            "documents  ( / )\" aria-label=\"Search the documents\" "
            "autocomplete=\"off\" spellcheck=\"false\">\n"
            "<select id=\"cat\" aria-label=\"Category\">"
            "<option value=\"\">All categories</option>";
    for (int c = 0; c < kCategoryCount; ++c) {
      if (sample_category_edits_[c] == 0) continue;
      const std::string name(CategoryName(static_cast<Category>(c)));
      out_ += "<option value=\"" + name + "\">" + name + " (" +
              Count(sample_category_edits_[c]) + ")</option>";
    }
    out_ += "</select>\n<select id=\"rule\" aria-label=\"Rule\">"
            "<option value=\"\">All rules</option>";
    // Every rule of the sample or of the table, by id; the options also give
    // the tooltips their category, kind, source and description.
    std::map<std::string, int> rules;
    for (const auto& [index, count] : sample_rule_edits_) {
      rules[cleaner_.rule(index).id] = index;
    }
    const std::vector<int> order = RulesByEdits(data_.stats, cleaner_);
    for (size_t i = 0; i < order.size() && i < kTableRules; ++i) {
      rules[cleaner_.rule(order[i]).id] = order[i];
    }
    for (const auto& [id, index] : rules) {
      const RuleInfo& rule = cleaner_.rule(index);
      const auto count = sample_rule_edits_.find(index);
      out_ += "<option value=\"" + Escaped(id) + "\" data-cat=\"" +
              std::string(CategoryName(rule.category)) + "\" data-kind=\"" +
              std::string(RuleKindName(rule.kind)) + "\" data-src=\"" +
              Escaped(rule.source) + "\" data-desc=\"" +
              Escaped(rule.description) + "\">" + Escaped(id) + " (" +
              Count(count == sample_rule_edits_.end() ? 0 : count->second) +
              ")</option>";
    }
    out_ += "</select>\n"
            "<label class=\"check\"><input type=\"checkbox\" id=\"edited\"> "
            "Only with edits</label>\n"
            "<span class=\"buttons\"><button type=\"button\" id=\"clear\">"
            "Clear</button><button type=\"button\" id=\"expand\">Expand all"
            "</button><button type=\"button\" id=\"collapse\">Collapse all"
            "</button></span>\n"
            "<p id=\"status\" role=\"status\" aria-live=\"polite\">" +
            Count(data_.documents.size()) + " documents</p>\n</div>\n";
  }

  void WriteDocuments() {
    if (data_.documents.empty()) {
      out_ += "<p class=\"empty\">No documents to show";
      out_ += data_.edited_only ? ": none has an edit.</p>\n" : ".</p>\n";
    }
    for (const ReviewDocument& document : data_.documents) {
      WriteDocument(document);
    }
    out_ += "</section>\n";
  }

  void WriteDocument(const ReviewDocument& document) {
    std::array<uint64_t, kCategoryCount> categories{};
    for (const Edit& edit : document.edits) {
      ++categories[static_cast<int>(edit.category)];
    }
    const std::string index = std::to_string(document.index);
    std::string where = document.input;
    if (document.line > 0) where += ":" + std::to_string(document.line);
    const std::string name =
        document.id.empty() ? "#" + index : document.id;
    out_ += "<details class=\"doc\" open id=\"doc-" + index +
            "\" data-id=\"" + Escaped(name) + "\" data-edits=\"" +
            std::to_string(document.edits.size()) + "\">\n<summary>";
    out_ += "<span class=\"doc-id\">" + Escaped(name) + "</span>";
    out_ += "<span class=\"doc-where\">" + Escaped(where) + "</span>";
    out_ += "<span class=\"doc-cats\">";
    for (int c = 0; c < kCategoryCount; ++c) {
      if (categories[c] == 0) continue;
      const auto category = static_cast<Category>(c);
      out_ += "<span class=\"chip " + CategoryClass(category) + "\">" +
              std::string(CategoryName(category)) + " " +
              Count(categories[c]) + "</span>";
    }
    out_ += "</span><span class=\"doc-meta\">";
    out_ += document.edit_count == 0
                ? "no edits"
                : Count(document.edit_count) +
                      (document.edit_count == 1 ? " edit · " : " edits · ") +
                      Bytes(document.bytes_removed) + " of " +
                      Bytes(document.bytes);
    out_ += "</span></summary>\n<div class=\"text\"";
    if (const std::string_view lang = GuessCjkLanguage(document.text);
        !lang.empty()) {
      out_ += " lang=\"";
      out_ += lang;
      out_ += '"';
    }
    out_ += '>';
    WriteText(document);
    out_ += "</div>\n";
    if (document.text.size() < document.bytes) {
      out_ += "<p class=\"cut\">Shown: the first " +
              Bytes(document.text.size()) + " of " + Bytes(document.bytes);
      if (document.edit_count > document.edits.size()) {
        out_ += "; " + Count(document.edit_count - document.edits.size()) +
                " more edits are not shown";
      }
      out_ += ".</p>\n";
    }
    out_ += "</details>\n";
  }

  // The text with each edit in place: what it removed struck through, what
  // it put instead after it.
  void WriteText(const ReviewDocument& document) {
    const std::string_view text = document.text;
    size_t position = 0;
    for (const Edit& edit : document.edits) {
      const size_t begin = std::clamp(edit.begin, position, text.size());
      const size_t end = std::clamp(edit.end, begin, text.size());
      AppendDocumentText(text.substr(position, begin - position), Part::kKept,
                         &out_);
      const RuleInfo* rule = Rule(edit.rule);
      const std::string id = rule == nullptr ? "" : Escaped(rule->id);
      const std::string category(CategoryName(edit.category));
      out_ += "<span class=\"edit c-" + category + "\" data-rule=\"" + id +
              "\" data-cat=\"" + category + "\" tabindex=\"-1\" title=\"" +
              id + " · " + category;
      if (rule != nullptr) out_ += " · " + Escaped(rule->source);
      out_ += "\"><del>";
      AppendDocumentText(text.substr(begin, end - begin), Part::kRemoved,
                         &out_);
      out_ += "</del>";
      if (!edit.replacement.empty()) {
        out_ += "<ins>";
        AppendDocumentText(edit.replacement, Part::kInserted, &out_);
        out_ += "</ins>";
      }
      out_ += "</span>";
      position = end;
    }
    AppendDocumentText(text.substr(position), Part::kKept, &out_);
  }

  void WriteFooter() {
    out_ += "<footer>\n<p class=\"keys\"><kbd>/</kbd> search · <kbd>j</kbd> "
            "<kbd>k</kbd> next, previous document · <kbd>n</kbd> <kbd>p</kbd> "
            "next, previous edit · <kbd>o</kbd> open or close · click an "
            "edit to show only its rule · <kbd>Esc</kbd> clear</p>\n"
            "<p>Written by textwash " TEXTWASH_VERSION_STRING
            ". Struck-through text is what the rules remove; text after it "
            "on green is what they put instead.</p>\n</footer>\n";
  }

  const ReviewData& data_;
  const Cleaner& cleaner_;
  std::map<int, uint64_t> sample_rule_edits_;
  std::array<uint64_t, kCategoryCount> sample_category_edits_{};
  std::string out_;
};

// Discards what is written to it: review needs the run, not its output.
class NullBuffer : public std::streambuf {
 protected:
  int overflow(int c) override { return traits_type::not_eof(c); }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

// A JSONL record's "id" as the page shows it: a string decoded, a number as
// it is written.
std::string DecodeId(std::string_view raw) {
  if (raw.empty() || raw.front() != '"') return std::string(raw);
  std::string decoded;
  if (!ReadJsonString(raw, &decoded)) return std::string(raw);
  return decoded;
}

}  // namespace

uint64_t SampleKey(uint64_t seed, uint64_t index) {
  // splitmix64's finalizer over both, so that nearby indexes spread out.
  auto mix = [](uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  };
  return mix(mix(seed + 0x9e3779b97f4a7c15ULL) ^ index);
}

size_t ShownBytes(std::string_view text, const std::vector<Edit>& edits,
                  size_t max_bytes) {
  if (text.size() <= max_bytes) return text.size();
  for (const Edit& edit : edits) {
    if (edit.begin < max_bytes && edit.end > max_bytes) {
      return std::min(edit.end, text.size());
    }
  }
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  return cut;
}

void AppendHtmlEscaped(std::string_view text, std::string* out) {
  size_t i = 0;
  while (i < text.size()) {
    char32_t c;
    const int length = internal::DecodeUtf8(text, i, &c);
    if (length < 0) {
      *out += "\xEF\xBF\xBD";
      i += -length;
      continue;
    }
    AppendHtmlCharacter(text.substr(i, length), out);
    i += length;
  }
}

std::string Sha256Base64(std::string_view data) {
  const std::array<unsigned char, 32> digest = Sha256(data);
  return Base64(digest.data(), digest.size());
}

bool ReviewSampler::Entry::operator<(const Entry& other) const {
  return std::pair(key, index) < std::pair(other.key, other.index);
}

ReviewSampler::ReviewSampler(const ReviewOptions& options,
                             std::vector<std::string> inputs)
    : options_(options) {
  data_.title = options.title;
  data_.inputs = std::move(inputs);
  data_.sample = options.sample;
  data_.edited_only = options.edited_only;
}

void ReviewSampler::Cleaned(const CleanedDocument& document) {
  const bool edited = !document.result.edits.empty();
  const uint64_t key = SampleKey(options_.seed, document.index);
  std::lock_guard<std::mutex> lock(mutex_);
  data_.text_bytes_in += document.text.size();
  data_.text_bytes_out += document.result.text.size();
  if (edited) ++data_.documents_edited;
  if (options_.sample == 0 || (options_.edited_only && !edited)) return;
  if (kept_.size() == options_.sample &&
      std::pair(key, document.index) >=
          std::pair(kept_.front().key, kept_.front().index)) {
    return;
  }
  Entry entry;
  entry.key = key;
  entry.index = document.index;
  ReviewDocument& kept = entry.document;
  kept.input = std::string(document.input);
  kept.line = document.line;
  kept.index = document.index;
  kept.id = DecodeId(document.id);
  kept.bytes = document.text.size();
  kept.edit_count = document.result.edits.size();
  for (const Edit& edit : document.result.edits) {
    kept.bytes_removed += edit.end - edit.begin;
  }
  const size_t shown = ShownBytes(document.text, document.result.edits,
                                  options_.max_document_bytes);
  kept.text.assign(document.text.substr(0, shown));
  for (const Edit& edit : document.result.edits) {
    if (edit.begin >= shown) break;
    kept.edits.push_back(edit);
  }
  kept_.push_back(std::move(entry));
  std::push_heap(kept_.begin(), kept_.end());
  if (kept_.size() > options_.sample) {
    std::pop_heap(kept_.begin(), kept_.end());
    kept_.pop_back();
  }
}

void ReviewSampler::Finished(const Stats& stats) {
  std::lock_guard<std::mutex> lock(mutex_);
  data_.stats = stats;
}

ReviewData ReviewSampler::TakeData() {
  std::lock_guard<std::mutex> lock(mutex_);
  for (Entry& entry : kept_) data_.documents.push_back(std::move(entry.document));
  kept_.clear();
  std::sort(data_.documents.begin(), data_.documents.end(),
            [](const ReviewDocument& a, const ReviewDocument& b) {
              return a.index < b.index;
            });
  return std::move(data_);
}

std::string ReviewPage(const ReviewData& data, const Cleaner& cleaner) {
  return PageWriter(data, cleaner).Write();
}

int RunReview(const Cleaner& cleaner, PipelineOptions options,
              const ReviewOptions& review, std::istream& in, std::ostream& out,
              std::ostream& err) {
  const bool to_stdout = review.output.empty() || review.output == "-";
  // Opened first, so that an unwritable path fails before the run.
  std::ofstream file;
  if (!to_stdout) {
    errno = 0;
    file.open(review.output, std::ios::binary | std::ios::trunc);
    if (!file.is_open()) {
      err << "textwash: cannot write " << review.output << ": "
          << (errno != 0 ? std::system_category().message(errno)
                         : "cannot open")
          << '\n';
      return kExitCannotRun;
    }
  }
  std::vector<std::string> names;
  for (const std::string& input : options.inputs) {
    names.push_back(input == "-" ? "<stdin>" : input);
  }
  ReviewSampler sampler(review, std::move(names));
  options.observer = &sampler;
  options.output.clear();
  NullBuffer null_buffer;
  std::ostream discard(&null_buffer);
  const int code = RunPipeline(cleaner, options, in, discard, err);
  if (code == kExitCannotRun) {
    if (!to_stdout) {
      file.close();
      std::error_code ignored;
      std::filesystem::remove(review.output, ignored);
    }
    return code;
  }
  const std::string page = ReviewPage(sampler.TakeData(), cleaner);
  // review.html.gz and review.html.zst are compressed, as clean's outputs.
  const std::unique_ptr<Sink> sink =
      to_stdout ? MakeSink(out, Compression::kNone)
                : MakeSink(file, CompressionFor(review.output));
  if (!sink->Write(page) || !sink->Finish()) {
    err << "textwash: cannot write "
        << (to_stdout ? std::string("standard output") : review.output)
        << '\n';
    return kExitCannotRun;
  }
  return code;
}

}  // namespace textwash::cli
