// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// textwash_gen_corpus: writes a corpus of scraped-looking documents for
// benchmarks and tests. The same arguments give the same bytes, on every
// platform: the only randomness is std::mt19937_64 (whose output the standard
// fixes) read through the hand-written draws of class Rng below.
//
//   textwash_gen_corpus --lang zh --size 1G --junk 0.1 --seed 7 -o zh.jsonl
//
// Source material: the labelled corpus of tests/data/corpus/, embedded at
// build time (or read from --material DIR). Its text outside ⟦⟧ is split into
// titles, sentences and fragments (lines without an end mark: headings, list
// items), and its junk spans (inside ⟦⟧) go into pools by where they stood:
// whole lines, tails glued onto a paragraph, and spans inside a line.
//
// A document is a title line and then lines, each of which carries junk with
// probability --junk. The others are paragraphs of sentences drawn at random,
// most from one source document so that a document keeps to its title's
// topic, and none twice in a document unless a few draws in a row hit used
// ones; or, now and then, a fragment. A line that carries junk gets one of: a
// junk line from the pool; a generated ad with an obfuscated contact (mobile
// number split by spaces or dashes or in full-width digits, QQ, WeChat id,
// official account with punctuation inside, e-mail, URL; for English
// toll-free numbers, cookie, newsletter, share and paywall widgets); a
// paragraph with a junk tail; a paragraph with a paywall/CMS marker, a page
// footer or a pool span spliced into a sentence. Digit runs in pool junk are
// drawn anew, so that contacts vary. At --junk 0 there is no junk at all.
// --label wraps the junk in ⟦⟧, to measure recall on generated text.
//
// Paragraphs are separated by one line break, except in English JSONL
// documents, where a blank line separates them as on English pages. In text
// format documents are separated by a blank line; when --size is at most
// --doc-size there is exactly one document, of about --size bytes.
//
// The output is streamed through a 1 MiB buffer; the size given by --size is
// reached at the first document boundary at or after it. A summary line
// goes to stderr at the end.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "bench/material.h"

namespace textwash_bench {
namespace {

// ---- randomness ---------------------------------------------------------------

// Draws built on the raw 64-bit output of std::mt19937_64 only: the standard
// distributions differ between standard libraries.
class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}

  uint64_t Next() { return engine_(); }

  // Uniform in [0, n), n > 0, by rejection (no modulo bias).
  uint64_t Below(uint64_t n) {
    const uint64_t max = std::numeric_limits<uint64_t>::max();
    const uint64_t limit = max - (max % n + 1) % n;  // accept x <= limit
    uint64_t x;
    do {
      x = Next();
    } while (x > limit);
    return x % n;
  }

  // Uniform in [lo, hi].
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }

  // Uniform in [0, 1), 53 bits.
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

  // True with probability p; never for p <= 0.
  bool Chance(double p) { return Unit() < p; }

  template <typename T>
  const T& Pick(const std::vector<T>& v) { return v[Below(v.size())]; }
  template <size_t N>
  std::string Pick(const std::string_view (&a)[N]) { return std::string(a[Below(N)]); }

  // Index into `weights` with probability proportional to its weight.
  size_t Weighted(const std::vector<int>& weights) {
    int total = 0;
    for (int w : weights) total += w;
    int64_t x = static_cast<int64_t>(Below(static_cast<uint64_t>(total)));
    for (size_t i = 0; i < weights.size(); ++i) {
      x -= weights[i];
      if (x < 0) return i;
    }
    return weights.size() - 1;
  }

 private:
  std::mt19937_64 engine_;
};

// ---- UTF-8 ----------------------------------------------------------------------

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

size_t CountCodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += !IsContinuation(c);
  return n;
}

size_t CodePointLength(std::string_view s, size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  return std::min(len, s.size() - i);
}

bool StartsWith(std::string_view s, size_t at, std::string_view prefix) {
  return s.substr(at, prefix.size()) == prefix;
}

// Trims ASCII white space and U+3000 from both ends.
std::string_view Trim(std::string_view s) {
  constexpr std::string_view kIdeographicSpace = "\u3000";
  for (;;) {
    if (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
      s.remove_prefix(1);
    } else if (s.substr(0, 3) == kIdeographicSpace) {
      s.remove_prefix(3);
    } else {
      break;
    }
  }
  for (;;) {
    if (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
      s.remove_suffix(1);
    } else if (s.size() >= 3 && s.substr(s.size() - 3) == kIdeographicSpace) {
      s.remove_suffix(3);
    } else {
      break;
    }
  }
  return s;
}

std::vector<std::string_view> SplitLines(std::string_view s) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find('\n', start);
    if (end == std::string_view::npos) end = s.size();
    lines.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// ---- source material --------------------------------------------------------------

enum Lang { kZh = 0, kEn = 1, kMixed = 2 };
constexpr int kLangCount = 3;

// The content of one source document: its title, and where its sentences
// and fragments lie in the pool.
struct Source {
  std::string title;
  uint32_t sentence_begin = 0, sentence_end = 0;
  uint32_t fragment_begin = 0, fragment_end = 0;
};

// What one language offers. Mixed (code-mixed Chinese/English pages) falls
// back on the Chinese and English pools where its own are thin.
struct Pool {
  Lang lang = kZh;
  std::vector<Source> sources;  // those with a title and sentences
  std::vector<std::string> titles;
  std::vector<std::string> sentences;
  std::vector<uint32_t> sentence_cps;  // code points of each sentence
  std::vector<std::string> fragments;  // content lines without an end mark
  std::vector<std::string> junk_titles;  // glued onto the end of a title
  std::vector<std::string> junk_lines;   // whole lines (may hold line breaks)
  std::vector<std::string> junk_tails;   // glued onto the end of a line
  std::vector<std::string> junk_inline;  // inside a line
};

constexpr std::string_view kOpen = "\u27E6";   // ⟦
constexpr std::string_view kClose = "\u27E7";  // ⟧

// Sentence end marks; the closing quotes and brackets after one stay with it.
constexpr std::string_view kZhEnds[] = {"。", "！", "？", "!", "?"};
constexpr std::string_view kClosers[] = {"”", "’", "」", "』", "）", "》", ")", "\"", "'"};
// Words after which ". " does not end an English sentence.
constexpr std::string_view kAbbreviations[] = {
    "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Prof", "vs", "etc", "e.g", "i.e",
    "a.m", "p.m", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
    "Oct", "Nov", "Dec", "No", "Inc", "Co", "U.S", "Fig", "approx", "Mt"};

size_t MatchCloser(std::string_view s, size_t at) {
  for (std::string_view c : kClosers) {
    if (StartsWith(s, at, c)) return c.size();
  }
  return 0;
}

// Splits one content line into sentences. Returns false when the line has no
// end mark at all (a heading, a list item, a byline): a fragment.
bool SplitSentences(std::string_view line, Lang lang, std::vector<std::string>* out) {
  std::vector<std::string> found;
  size_t start = 0;
  size_t i = 0;
  bool any_end = false;
  while (i < line.size()) {
    size_t end_len = 0;
    if (lang == kEn) {
      const char c = line[i];
      if (c == '.' || c == '?' || c == '!') {
        end_len = 1;
        // The word before a '.': an abbreviation or an initial keeps going.
        if (c == '.') {
          size_t w = i;
          while (w > start && line[w - 1] != ' ' && line[w - 1] != '(') --w;
          const std::string_view word = line.substr(w, i - w);
          bool abbreviation = word.size() == 1 && word[0] >= 'A' && word[0] <= 'Z';
          for (std::string_view a : kAbbreviations) abbreviation |= word == a;
          if (abbreviation) end_len = 0;
        }
      }
    } else {
      for (std::string_view e : kZhEnds) {
        if (StartsWith(line, i, e)) {
          end_len = e.size();
          break;
        }
      }
    }
    if (end_len == 0) {
      i += CodePointLength(line, i);
      continue;
    }
    size_t j = i + end_len;
    while (size_t n = MatchCloser(line, j)) j += n;
    if (lang == kEn) {
      // An English sentence ends at a mark followed by a space and a capital,
      // a digit or a quote, or by the end of the line.
      if (j < line.size()) {
        if (line[j] != ' ' || j + 1 >= line.size()) {
          i = j;
          continue;
        }
        const char next = line[j + 1];
        if (!((next >= 'A' && next <= 'Z') || (next >= '0' && next <= '9') ||
              next == '"' || StartsWith(line, j + 1, "“"))) {
          i = j;
          continue;
        }
      }
    }
    any_end = true;
    const std::string_view sentence = Trim(line.substr(start, j - start));
    if (!sentence.empty()) found.emplace_back(sentence);
    start = j;
    i = j;
  }
  if (!any_end) return false;
  const std::string_view rest = Trim(line.substr(start));
  if (!rest.empty()) {
    // A tail without an end mark ("如下：") still reads as a sentence.
    found.emplace_back(rest);
  }
  // Very short pieces ("3." before a step, "是。") join the next sentence,
  // or the one before when they come last.
  const std::string_view joiner = lang == kEn ? " " : "";
  std::string pending;
  const size_t first = out->size();
  for (auto& s : found) {
    if (CountCodePoints(s) < 4) {
      if (!pending.empty()) pending += joiner;
      pending += s;
      continue;
    }
    if (!pending.empty()) s = pending + std::string(joiner) + s;
    pending.clear();
    out->push_back(std::move(s));
  }
  if (!pending.empty()) {
    if (out->size() > first) {
      out->back() += joiner;
      out->back() += pending;
    } else {
      out->push_back(std::move(pending));
    }
  }
  return true;
}

// Where a junk span stood in its line.
enum class SpanPlace { kLine, kTail, kInline };

void AddDocument(std::string_view text, Pool* pool) {
  // Cut the document into content (junk removed) and junk spans.
  std::string content;
  size_t at = 0;
  while (at < text.size()) {
    const size_t open = text.find(kOpen, at);
    if (open == std::string_view::npos) {
      content.append(text.substr(at));
      break;
    }
    content.append(text.substr(at, open - at));
    const size_t body = open + kOpen.size();
    size_t close = text.find(kClose, body);
    if (close == std::string_view::npos) close = text.size();
    const std::string_view span = text.substr(body, close - body);
    const bool at_line_start = open == 0 || text[open - 1] == '\n';
    const size_t after = std::min(text.size(), close + kClose.size());
    const bool at_line_end = after == text.size() || text[after] == '\n';
    // A tail on the title line (a word count): for titles only.
    const size_t first = content.find_first_not_of(" \t\r\n");
    const bool on_first_line =
        first != std::string::npos && content.find('\n', first) == std::string::npos;
    const SpanPlace place = at_line_start ? SpanPlace::kLine
                            : at_line_end ? SpanPlace::kTail
                                          : SpanPlace::kInline;
    const std::string_view trimmed = Trim(span);
    if (trimmed.find_first_not_of("\n") != std::string_view::npos) {
      switch (place) {
        case SpanPlace::kLine: pool->junk_lines.emplace_back(trimmed); break;
        case SpanPlace::kTail:
          (on_first_line ? pool->junk_titles : pool->junk_tails).emplace_back(span);
          break;
        case SpanPlace::kInline: pool->junk_inline.emplace_back(span); break;
      }
    }
    at = after;
  }

  Source source;
  source.sentence_begin = static_cast<uint32_t>(pool->sentences.size());
  source.fragment_begin = static_cast<uint32_t>(pool->fragments.size());
  bool have_title = false;
  bool in_code = false;
  for (std::string_view raw : SplitLines(content)) {
    const std::string_view line = Trim(raw);
    if (line.substr(0, 3) == "```") {
      in_code = !in_code;
      continue;
    }
    if (in_code || line.empty()) continue;
    if (!have_title) {
      source.title = line;
      have_title = true;
      continue;
    }
    const size_t before = pool->sentences.size();
    if (!SplitSentences(line, pool->lang == kEn ? kEn : kZh, &pool->sentences)) {
      pool->fragments.emplace_back(line);
    }
    for (size_t i = before; i < pool->sentences.size(); ++i) {
      pool->sentence_cps.push_back(
          static_cast<uint32_t>(CountCodePoints(pool->sentences[i])));
    }
  }
  source.sentence_end = static_cast<uint32_t>(pool->sentences.size());
  source.fragment_end = static_cast<uint32_t>(pool->fragments.size());
  if (have_title && source.sentence_end > source.sentence_begin) {
    pool->titles.push_back(source.title);
    pool->sources.push_back(std::move(source));
  }
}

std::optional<Lang> GroupLang(std::string_view group) {
  if (group.substr(0, 2) == "zh") return kZh;
  if (group.substr(0, 2) == "en") return kEn;
  if (group.substr(0, 5) == "mixed") return kMixed;
  return std::nullopt;
}

struct Material {
  Pool pools[kLangCount];
};

// Fills the pools from the embedded corpus, or from DIR/<group>/*.txt.
bool LoadMaterial(const std::string& dir, Material* m) {
  for (int l = 0; l < kLangCount; ++l) m->pools[l].lang = static_cast<Lang>(l);
  if (dir.empty()) {
    for (size_t i = 0; i < kMaterialFileCount; ++i) {
      if (auto lang = GroupLang(kMaterialFiles[i].group)) {
        AddDocument(kMaterialFiles[i].text, &m->pools[*lang]);
      }
    }
  } else {
    namespace fs = std::filesystem;
    std::error_code ec;
    std::vector<fs::path> files;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end;
         it.increment(ec)) {
      if (it->is_regular_file() && it->path().extension() == ".txt") {
        files.push_back(it->path());
      }
    }
    if (ec) {
      std::cerr << "textwash_gen_corpus: " << dir << ": " << ec.message() << "\n";
      return false;
    }
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
      auto lang = GroupLang(path.parent_path().filename().string());
      if (!lang) continue;
      std::ifstream in(path, std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      if (!in) {
        std::cerr << "textwash_gen_corpus: cannot read " << path.string() << "\n";
        return false;
      }
      AddDocument(ss.str(), &m->pools[*lang]);
    }
  }
  // Code-mixed pages show Chinese and English junk alike.
  Pool& mixed = m->pools[kMixed];
  for (Lang other : {kZh, kEn}) {
    const Pool& p = m->pools[other];
    mixed.junk_lines.insert(mixed.junk_lines.end(), p.junk_lines.begin(), p.junk_lines.end());
    mixed.junk_tails.insert(mixed.junk_tails.end(), p.junk_tails.begin(), p.junk_tails.end());
    mixed.junk_inline.insert(mixed.junk_inline.end(), p.junk_inline.begin(),
                             p.junk_inline.end());
  }
  for (int l = 0; l < kLangCount; ++l) {
    const Pool& p = m->pools[l];
    if (p.sources.empty()) {
      std::cerr << "textwash_gen_corpus: no "
                << (l == kZh ? "zh" : l == kEn ? "en" : "mixed")
                << " material (titles and sentences) found\n";
      return false;
    }
  }
  return true;
}

// ---- generated junk ----------------------------------------------------------------

constexpr std::string_view kFullwidthDigits[] = {"０", "１", "２", "３", "４",
                                                 "５", "６", "７", "８", "９"};
constexpr std::string_view kHanDigits[] = {"零", "一", "二", "三", "四",
                                           "五", "六", "七", "八", "九"};

// A digit as ASCII, full-width or Chinese numeral; returns its byte length
// (0 if `s[at]` is no digit) and sets *kind and *value.
size_t DigitAt(std::string_view s, size_t at, int* kind, int* value) {
  const char c = s[at];
  if (c >= '0' && c <= '9') {
    *kind = 0;
    *value = c - '0';
    return 1;
  }
  // Full-width digits are EF BC 90-99; the numerals' lead bytes E3-E9.
  const auto lead = static_cast<unsigned char>(c);
  if (lead < 0xE3 || lead > 0xEF || at + 3 > s.size()) return 0;
  for (int d = 0; d < 10; ++d) {
    if (StartsWith(s, at, kFullwidthDigits[d])) {
      *kind = 1;
      *value = d;
      return 3;
    }
    if (StartsWith(s, at, kHanDigits[d])) {
      *kind = 2;
      *value = d;
      return 3;
    }
  }
  if (StartsWith(s, at, "〇")) {
    *kind = 2;
    *value = 0;
    return 3;
  }
  return 0;
}

std::string_view DigitText(int kind, int value) {
  static constexpr std::string_view kAscii[] = {"0", "1", "2", "3", "4",
                                                "5", "6", "7", "8", "9"};
  return kind == 0 ? kAscii[value] : kind == 1 ? kFullwidthDigits[value] : kHanDigits[value];
}

// Draws the digits of every contact-like number in `s` anew: a run of at
// least 7 digits of one kind, possibly split by single spaces or dashes
// (`1 3 8-0013 8000`, `１３８…`, `一三八…`). The first digit stays; an
// 11-digit run starting with 1 keeps a mobile prefix (13x-19x). Dates
// (2024-04-19) stay as they are.
std::string Revary(std::string_view s, Rng& rng) {
  std::string out;
  size_t at = 0;
  while (at < s.size()) {
    int kind, value;
    size_t len = DigitAt(s, at, &kind, &value);
    if (len == 0) {
      const size_t n = CodePointLength(s, at);
      out.append(s.substr(at, n));
      at += n;
      continue;
    }
    // Collect the run: digits of this kind, single separators between them.
    struct Digit {
      size_t at, len;
    };
    std::vector<Digit> digits;
    std::vector<int> groups{0};
    size_t end = at;
    for (;;) {
      int k, v;
      const size_t n = DigitAt(s, end, &k, &v);
      if (n == 0 || k != kind) break;
      digits.push_back({end, n});
      ++groups.back();
      end += n;
      if (end + 1 < s.size() && (s[end] == ' ' || s[end] == '-')) {
        int k2, v2;
        const size_t n2 = DigitAt(s, end + 1, &k2, &v2);
        if (n2 != 0 && k2 == kind) {
          ++end;
          groups.push_back(0);
        }
      }
    }
    const bool date = groups.size() >= 2 && groups[0] == 4 && groups[1] <= 2;
    if (digits.size() < 7 || date) {
      out.append(s.substr(at, end - at));
      at = end;
      continue;
    }
    int first = 0;
    DigitAt(s, digits[0].at, &kind, &first);
    size_t copied = at;
    for (size_t i = 0; i < digits.size(); ++i) {
      out.append(s.substr(copied, digits[i].at - copied));
      int d;
      if (i == 0) {
        d = first;
      } else if (i == 1 && first == 1 && digits.size() == 11) {
        d = static_cast<int>(rng.Between(3, 9));
      } else {
        d = static_cast<int>(rng.Below(10));
      }
      out.append(DigitText(kind, d));
      copied = digits[i].at + digits[i].len;
    }
    out.append(s.substr(copied, end - copied));
    at = end;
  }
  return out;
}

std::string Digits(Rng& rng, int n, bool leading_nonzero = true) {
  std::string s;
  for (int i = 0; i < n; ++i) {
    s += static_cast<char>('0' + (i == 0 && leading_nonzero ? rng.Between(1, 9) : rng.Below(10)));
  }
  return s;
}

// Writes ASCII digits in `digits` as full-width or Chinese numerals.
std::string Widen(std::string_view digits, int kind) {
  std::string s;
  for (char c : digits) {
    if (c >= '0' && c <= '9') {
      s.append(DigitText(kind, c - '0'));
    } else {
      s += c;
    }
  }
  return s;
}

// A Chinese mobile number (13x-19x) in one of the ways ads hide them.
std::string CnMobile(Rng& rng) {
  std::string d = "1";
  d += static_cast<char>('0' + rng.Between(3, 9));
  d += Digits(rng, 9, false);
  switch (rng.Below(9)) {
    case 0: return d;
    case 1: return d.substr(0, 3) + " " + d.substr(3, 4) + " " + d.substr(7);
    case 2: return d.substr(0, 3) + "-" + d.substr(3, 4) + "-" + d.substr(7);
    case 3: {  // every digit apart
      std::string s;
      for (size_t i = 0; i < d.size(); ++i) {
        if (i) s += ' ';
        s += d[i];
      }
      return s;
    }
    case 4: return Widen(d, 1);
    case 5: return Widen(d.substr(0, 3) + " " + d.substr(3, 4) + " " + d.substr(7), 1);
    case 6: return Widen(d, 2);
    case 7: {  // separators at random places, as in `1 3 8-0013 8000`
      std::string s;
      for (size_t i = 0; i < d.size(); ++i) {
        if (i && rng.Chance(0.3)) s += rng.Chance(0.5) ? ' ' : '-';
        s += d[i];
      }
      return s;
    }
    default: return "+86 " + d.substr(0, 3) + " " + d.substr(3, 4) + " " + d.substr(7);
  }
}

std::string QqNumber(Rng& rng) {
  const std::string d = Digits(rng, static_cast<int>(rng.Between(6, 10)));
  switch (rng.Below(4)) {
    case 0: return Widen(d, 1);
    case 1: {
      std::string s;
      for (size_t i = 0; i < d.size(); ++i) {
        if (i && i % 3 == 0) s += ' ';
        s += d[i];
      }
      return s;
    }
    default: return d;
  }
}

constexpr std::string_view kPinyin[] = {
    "xiao", "ming", "wen", "ku", "bi", "gan", "zi", "lao", "chuan", "zhang",
    "shu", "chong", "fan", "cai", "liao", "gong", "kao", "jiao", "yu", "hao",
    "wu", "mei", "shi", "tian", "zhi", "ke", "xue", "ban", "lun", "yun"};

std::string WechatId(Rng& rng) {
  std::string s(rng.Pick(kPinyin));
  if (rng.Chance(0.5)) s += rng.Pick(kPinyin);
  switch (rng.Below(3)) {
    case 0: s += "_" + std::to_string(rng.Between(2015, 2025)); break;
    case 1: s += std::to_string(rng.Between(10, 9999)); break;
    default: s += "_" + Digits(rng, 3); break;
  }
  if (rng.Chance(0.2)) s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

constexpr std::string_view kAccountChars[] = {
    "老", "船", "长", "君", "笔", "杆", "子", "书", "虫", "小", "阁", "公", "文",
    "材", "料", "帮", "范", "文", "库", "学", "霸", "笔", "记", "职", "场", "达",
    "人", "知", "秋", "好", "物", "志", "教", "研", "社", "星", "辰", "读"};
constexpr std::string_view kAccountPunct[] = {"！", "-", "·", "_", "~", "丨", "•", "!"};

// An official-account (公众号) name with punctuation inside: 老！船-长君.
std::string AccountName(Rng& rng) {
  const int n = static_cast<int>(rng.Between(3, 5));
  std::string s;
  for (int i = 0; i < n; ++i) {
    if (i && rng.Chance(0.45)) s.append(rng.Pick(kAccountPunct));
    s.append(rng.Pick(kAccountChars));
  }
  return s;
}

std::string CnEmail(Rng& rng) {
  static constexpr std::string_view kDomains[] = {"163.com", "126.com", "qq.com",
                                                  "sina.com", "foxmail.com", "139.com"};
  std::string user = rng.Chance(0.4) ? Digits(rng, static_cast<int>(rng.Between(6, 10)))
                                     : std::string(rng.Pick(kPinyin)) + rng.Pick(kPinyin) +
                                           std::to_string(rng.Between(1, 999));
  std::string s = user + "@" + std::string(rng.Pick(kDomains));
  if (rng.Chance(0.15)) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return s;
}

std::string SiteName(Rng& rng) {
  std::string s(rng.Pick(kPinyin));
  s += rng.Pick(kPinyin);
  if (rng.Chance(0.3)) s += "-" + std::string(rng.Pick(kPinyin));
  return s;
}

std::string CnUrl(Rng& rng) {
  static constexpr std::string_view kTlds[] = {".com", ".cn", ".net", ".com.cn", ".top", ".cc"};
  const std::string host = SiteName(rng) + std::string(rng.Pick(kTlds));
  switch (rng.Below(4)) {
    case 0: return "www." + host;
    case 1: return "https://www." + host + "/item?id=" + Digits(rng, 4) + "&from=pc";
    case 2: return "http://" + host + "/" + std::string(rng.Pick(kPinyin)) + "/" + Digits(rng, 5) + ".html";
    default: return host;
  }
}

// A contact an ad asks you to use, with its label.
std::string CnContact(Rng& rng) {
  static constexpr std::string_view kPhoneLabels[] = {"联系电话：", "电话：", "手机：", "热线：",
                                                      "联系：", "Tel：", "电话/微信同号："};
  static constexpr std::string_view kQqLabels[] = {"QQ：", "QQ:", "扣扣：", "Q群：", "qq群",
                                                   "企鹅：", "QQ群号："};
  static constexpr std::string_view kWxLabels[] = {"微信：", "V信：", "vx：", "威信：",
                                                   "薇信：", "wx:", "微 信：", "加V："};
  switch (rng.Below(6)) {
    case 0:
    case 1: return std::string(rng.Pick(kPhoneLabels)) + CnMobile(rng);
    case 2: return std::string(rng.Pick(kQqLabels)) + QqNumber(rng);
    case 3: return std::string(rng.Pick(kWxLabels)) + WechatId(rng);
    case 4: {
      const std::string name = AccountName(rng);
      switch (rng.Below(3)) {
        case 0: return "【公众号：" + name + "】";
        case 1: return "公 众 号：" + name;
        default: return "公众号「" + name + "」";
      }
    }
    default: return rng.Chance(0.5) ? "邮箱：" + CnEmail(rng) : CnUrl(rng);
  }
}

// A Chinese ad sentence with an obfuscated contact.
std::string CnAd(Rng& rng) {
  static constexpr std::string_view kWords[] = {"资料", "范文", "材料", "模板", "讲话稿",
                                                "全文", "答案", "课件", "合集", "原文"};
  static constexpr std::string_view kBrands[] = {"笔杆子素材库", "公文素材网", "范文精选",
                                                 "青春范文汇", "教研资料站", "好物推荐官"};
  const std::string c = CnContact(rng);
  const std::string w(rng.Pick(kWords));
  switch (rng.Below(12)) {
    case 0: return "查找更多最新" + w + "，请加" + c;
    case 1: return "更多精品" + w + "请关注" + c + "，回复“" + w + "”免费获取。";
    case 2: return "需要完整版" + w + "的朋友请加" + c + "，备注“" + w + "”。";
    case 3: return "有意者请联系" + c + "，备注“" + w + "”";
    case 4: return "代写各类述职报告、年终总结，质量保证，" + c;
    case 5: return "进群领取全套" + w + "，" + c + "，每日更新。";
    case 6: return "【" + std::string(rng.Pick(kBrands)) + "】——每日更新各类" + w +
                   "，会员群+网盘群同步推送，有意加入请联系" + c;
    case 7: return "如需" + w + "及原始数据请发邮件至" + CnEmail(rng) + "索取，付费后24小时内发送。";
    case 8: return "扫码添加客服" + c + "，每日免费领取最新" + w + "！";
    case 9: return "详情请访问" + CnUrl(rng) + "了解更多优惠。";
    case 10: return "专业代写论文、" + w + "，" + c + "，价格优惠，欢迎咨询！";
    default: return "免费下载" + w + "TXT请关注" + c + "，回复“" + w + "”获取";
  }
}

// Chinese site template lines: navigation, widgets, links.
std::string CnSiteLine(Rng& rng, const Pool& pool) {
  static constexpr std::string_view kSections[] = {"财经", "体育", "社会", "教育",
                                                   "科技", "文库", "范文", "健康"};
  switch (rng.Below(6)) {
    case 0: return "您现在的位置：首页 > " + std::string(rng.Pick(kSections)) + " > 正文";
    case 1: return "上一篇：" + rng.Pick(pool.titles) + "　下一篇：" + rng.Pick(pool.titles);
    case 2: return "相关阅读：" + rng.Pick(pool.titles);
    case 3: return "分享到：微信　微博　QQ空间　豆瓣";
    case 4: return "本文档由用户上传，如有侵权请联系删除。下载后可编辑";
    default: return "阅读量：" + std::to_string(rng.Between(100, 99999)) + "　点赞：" +
                    std::to_string(rng.Between(0, 999));
  }
}

// A US toll-free number, the 555-01XX line numbers being the fictional ones.
std::string TollFree(Rng& rng) {
  static constexpr std::string_view kPrefixes[] = {"800", "888", "877", "866", "855", "844"};
  const std::string p(rng.Pick(kPrefixes));
  const std::string line = "01" + Digits(rng, 2, false);
  switch (rng.Below(4)) {
    case 0: return "1-" + p + "-555-" + line;
    case 1: return "(" + p + ") 555-" + line;
    case 2: return p + ".555." + line;
    default: return "1 " + p + " 555 " + line;
  }
}

std::string EnEmail(Rng& rng) {
  static constexpr std::string_view kUsers[] = {"deals", "support", "info", "sales",
                                                "hello", "offers", "team", "help"};
  static constexpr std::string_view kDomains[] = {"gmail.com", "outlook.com", "yahoo.com",
                                                  "mail.com", "protonmail.com"};
  if (rng.Chance(0.5)) {
    return std::string(rng.Pick(kUsers)) + "@" + SiteName(rng) + ".com";
  }
  return SiteName(rng) + std::to_string(rng.Between(1, 99)) + "@" + std::string(rng.Pick(kDomains));
}

std::string EnUrl(Rng& rng) {
  static constexpr std::string_view kTlds[] = {".com", ".net", ".io", ".shop", ".co"};
  const std::string host = SiteName(rng) + std::string(rng.Pick(kTlds));
  switch (rng.Below(3)) {
    case 0: return "www." + host;
    case 1: return "https://" + host + "/offer?ref=" + Digits(rng, 5);
    default: return "https://www." + host + "/deals";
  }
}

// An English ad sentence with a contact, or a call to action: it may stand
// on its own line or be glued onto a paragraph.
std::string EnAd(Rng& rng) {
  static constexpr std::string_view kThings[] = {"VPS hosting", "audio gear", "home insurance",
                                                 "solar panels", "meal kits", "running shoes",
                                                 "web templates", "car parts"};
  static constexpr std::string_view kBrands[] = {"Daily Ledger", "Metro Times", "TechBrief",
                                                 "HomeCook", "Garden Weekly", "Finance Now"};
  const std::string thing = rng.Pick(kThings);
  switch (rng.Below(9)) {
    case 0: return "Call " + TollFree(rng) + " now for a free quote on " + thing + "!";
    case 1: return "Looking for a better deal on " + thing + "? Call " + TollFree(rng) + " today!";
    case 2: return "Questions about your order? Email " + EnEmail(rng) + " or call " + TollFree(rng) + ".";
    case 3: return "Visit " + EnUrl(rng) + " for " + std::to_string(rng.Between(2, 8) * 10) +
                   "% off " + thing + " — this week only!";
    case 4: return "Sign up for the " + rng.Pick(kBrands) +
                   " newsletter and get the latest news in your inbox!";
    case 5: return "Follow us on Twitter @" + SiteName(rng) + " for more tips!";
    case 6: return "Click here to download our free " + thing + " buying guide (PDF)!";
    case 7: return "Subscribe now and get " + std::to_string(rng.Between(2, 12)) +
                   " months for $1 — cancel anytime.";
    default: return "Limited time offer: save " + std::to_string(rng.Between(1, 6) * 10) + "% at " +
                    EnUrl(rng) + ". Contact " + EnEmail(rng) + " for details.";
  }
}

// An English page widget line: paywall, cookie banner, share and ad labels,
// related links, footer; or an ad.
std::string EnJunkLine(Rng& rng, const Pool& pool) {
  static constexpr std::string_view kBrands[] = {"Daily Ledger", "Metro Times", "TechBrief",
                                                 "HomeCook", "Garden Weekly", "Finance Now"};
  switch (rng.Below(12)) {
    case 0: return "Subscribe to continue reading";
    case 1: return "You have " + std::to_string(rng.Between(1, 5)) +
                   " free articles left this month. Subscribe for unlimited access.";
    case 2: return "We use cookies to improve your experience on our site. By continuing to browse, "
                   "you agree to our use of cookies.";
    case 3: return "This site uses cookies to analyse traffic and personalise content. Accept all cookies";
    case 4: return "Share this article: Facebook Twitter LinkedIn Email";
    case 5: return rng.Chance(0.5) ? "Advertisement" : "ADVERTISEMENT";
    case 6: return "Recommended for you: " + rng.Pick(pool.titles) + " | " + rng.Pick(pool.titles);
    case 7: return "All rights reserved © " + std::to_string(rng.Between(2015, 2025)) + " " +
                   rng.Pick(kBrands);
    default: return EnAd(rng);
  }
}

std::string PaywallMarker(Rng& rng) {
  static constexpr std::string_view kMarkers[] = {
      "##paidbegin##", "##paidend##", "$$paidbegin$$", "$$paidend$$",
      "##pagebreak##", "$$pagebreak$$", "##PAIDBEGIN##", "## pagebreak ##"};
  return std::string(rng.Pick(kMarkers));
}

std::string PageFooter(Rng& rng, Lang lang) {
  const int64_t total = rng.Between(2, 40);
  const std::string page = std::to_string(rng.Between(1, total));
  const std::string of = std::to_string(total);
  if (lang == kEn) return "Page " + page + " of " + of;
  switch (rng.Below(3)) {
    case 0: return "第" + page + "页共" + of + "页";
    case 1: return "第 " + page + " 页 共 " + of + " 页";
    default: return "第" + page + "页/共" + of + "页";
  }
}

// ---- documents -------------------------------------------------------------------

struct Settings {
  Lang lang = kZh;
  bool mixed = false;       // --lang mixed: each document picks its language
  uint64_t size = 0;        // total bytes
  uint64_t doc_size = 4096;
  double junk = 0.1;
  uint64_t seed = 1;
  bool jsonl = true;
  int line_chars = 0;       // 0: by language
  bool label = false;       // wrap junk in ⟦⟧
};

class DocumentMaker {
 public:
  DocumentMaker(const Material& m, const Settings& s, Rng& rng)
      : material_(m), settings_(s), rng_(rng) {
    for (int l = 0; l < kLangCount; ++l) {
      last_use_[l].assign(m.pools[l].sentences.size(), 0);
      last_use_[kLangCount + l].assign(m.pools[l].fragments.size(), 0);
    }
  }

  uint64_t lines() const { return lines_; }
  uint64_t junk_lines() const { return junk_lines_; }
  uint64_t junk_bytes() const { return junk_bytes_; }
  uint64_t label_bytes() const { return total_label_bytes_; }

  // Writes one document of about `target` bytes into *out.
  void Make(uint64_t target, std::string* out) {
    out_ = out;
    out_->clear();
    label_bytes_ = 0;
    ++serial_;
    Lang lang = settings_.lang;
    if (settings_.mixed) {
      const uint64_t r = rng_.Below(10);
      lang = r < 4 ? kZh : r < 8 ? kEn : kMixed;
    }
    pool_ = &material_.pools[lang];
    // Most sentences come from one source document, so that a document
    // keeps to a topic; the rest from anywhere in the pool.
    source_ = &rng_.Pick(pool_->sources);
    line_chars_ = settings_.line_chars > 0 ? settings_.line_chars : lang == kEn ? 300 : 120;
    separator_ = (lang == kEn && settings_.jsonl) ? "\n\n" : "\n";

    // The title; with junk, a word-count suffix (Chinese) or a site line
    // above it.
    std::string title = source_->title;
    if (rng_.Chance(settings_.junk)) {
      if (lang != kEn && rng_.Chance(0.5)) {
        const std::string suffix =
            !pool_->junk_titles.empty() && rng_.Chance(0.5)
                ? Revary(rng_.Pick(pool_->junk_titles), rng_)
                : "（" + std::to_string(rng_.Between(800, 9999)) + "字）";
        LineWith(title, std::string::npos, suffix);
      } else {
        JunkOnly(lang == kEn ? EnJunkLine(rng_, *pool_) : CnSiteLine(rng_, *pool_));
        Line(title);
      }
    } else {
      Line(title);
    }
    while (out_->size() - label_bytes_ < target) {
      if (rng_.Chance(settings_.junk)) {
        JunkLine();
      } else if (!pool_->fragments.empty() && rng_.Chance(0.08)) {
        Line(Fragment());
      } else {
        Line(Paragraph());
      }
    }
  }

 private:
  // Appends a line (or a block of lines), of which `junk_bytes` are junk.
  void Line(std::string_view text, size_t junk_bytes = 0) {
    if (!out_->empty()) out_->append(separator_);
    out_->append(text);
    const uint64_t n = 1 + static_cast<uint64_t>(std::count(text.begin(), text.end(), '\n'));
    lines_ += n;
    if (junk_bytes > 0) {
      junk_lines_ += n;
      junk_bytes_ += junk_bytes;
    }
  }
  void JunkOnly(const std::string& text) {
    if (!settings_.label) return Line(text, text.size());
    Line(Labelled(text), text.size());
  }

  // Appends a paragraph with `junk` inserted at byte `at` (npos: the end).
  void LineWith(std::string paragraph, size_t at, const std::string& junk) {
    paragraph.insert(std::min(at, paragraph.size()), settings_.label ? Labelled(junk) : junk);
    Line(paragraph, junk.size());
  }

  // --label: junk wrapped in ⟦⟧; the brackets do not count towards the size,
  // so that the text is otherwise the same as without --label.
  std::string Labelled(std::string_view junk) {
    label_bytes_ += kOpen.size() + kClose.size();
    total_label_bytes_ += kOpen.size() + kClose.size();
    std::string s(kOpen);
    s.append(junk);
    s.append(kClose);
    return s;
  }

  // The pool a paragraph draws from: code-mixed pages mix in Chinese and
  // English paragraphs, their own being few.
  const Pool& SentencePool() {
    if (pool_->lang != kMixed || rng_.Chance(0.5)) return *pool_;
    return material_.pools[rng_.Chance(0.6) ? kZh : kEn];
  }

  // Draws an index in [begin, end) not yet used in this document, in a few
  // tries; false (and a used index) when they all fail.
  bool Fresh(size_t begin, size_t end, uint32_t tag, size_t* index) {
    for (int attempt = 0; attempt < 8; ++attempt) {
      *index = begin + rng_.Below(end - begin);
      uint64_t& last = last_use_[tag][*index];
      if (last != serial_) {
        last = serial_;
        return true;
      }
    }
    return false;
  }

  // An unused item, from the source document's [begin, end) with
  // probability `local`, else (or when those are used up) from [0, count).
  // The pools are large, so a repeat is rare; and as lines are made of
  // several sentences, one does not repeat a line.
  size_t Draw(size_t begin, size_t end, size_t count, double local, uint32_t tag) {
    size_t index;
    if (end > begin && rng_.Chance(local) && Fresh(begin, end, tag, &index)) return index;
    Fresh(0, count, tag, &index);
    return index;
  }

  std::string Fragment() {
    const Source& src = *source_;
    return pool_->fragments[Draw(src.fragment_begin, src.fragment_end,
                                 pool_->fragments.size(), 0.7, kLangCount + pool_->lang)];
  }

  // Sentences up to about line_chars_ code points (0.5x to 1.5x).
  std::string Paragraph() {
    const Pool& p = SentencePool();
    const bool local = &p == pool_;
    const std::string_view joiner = p.lang == kEn ? " " : "";
    const double target = line_chars_ * (0.5 + rng_.Unit());
    std::string s;
    double chars = 0;
    for (;;) {
      const size_t i = Draw(source_->sentence_begin, source_->sentence_end,
                            p.sentences.size(), local ? 0.6 : 0.0, p.lang);
      const double cps = p.sentence_cps[i];
      // Stop where the length is closest to the target.
      if (!s.empty() && chars + cps / 2 > target) break;
      if (!s.empty()) s.append(joiner);
      s.append(p.sentences[i]);
      chars += cps;
      if (chars >= target) break;
    }
    return s;
  }

  // A byte offset inside `s` (in its middle three fifths) at a code point
  // boundary; with `word`, just after a space if there is one.
  size_t SplicePoint(const std::string& s, bool word) {
    if (s.size() < 5) return s.size();
    size_t at = s.size() / 5 + rng_.Below(s.size() * 3 / 5 + 1);
    while (at < s.size() && IsContinuation(s[at])) ++at;
    if (word) {
      const size_t space = s.find(' ', at);
      if (space != std::string::npos && space + 1 < s.size()) at = space + 1;
    }
    return at;
  }

  void JunkLine() {
    const Pool& p = *pool_;
    const bool en = p.lang == kEn;
    // Kinds: pool line, generated line, tail, marker, footer, pool inline.
    static const std::vector<int> kZhWeights = {25, 25, 20, 10, 10, 10};
    static const std::vector<int> kEnWeights = {35, 25, 20, 10, 5, 5};
    switch (rng_.Weighted(en ? kEnWeights : kZhWeights)) {
      case 0:
        if (!p.junk_lines.empty()) {
          JunkOnly(Revary(rng_.Pick(p.junk_lines), rng_));
          return;
        }
        [[fallthrough]];
      case 1:
        if (en) {
          JunkOnly(EnJunkLine(rng_, p));
        } else {
          JunkOnly(rng_.Chance(0.7) ? CnAd(rng_) : CnSiteLine(rng_, p));
        }
        return;
      case 2: {  // a junk sentence glued onto the paragraph
        const bool pooled = !p.junk_tails.empty() && rng_.Chance(en ? 0.5 : 0.4);
        const std::string tail = pooled ? Revary(rng_.Pick(p.junk_tails), rng_)
                                 : en   ? EnAd(rng_)
                                        : CnAd(rng_);
        LineWith(Paragraph() + (en ? " " : ""), std::string::npos, tail);
        return;
      }
      case 3: {  // a paywall/CMS marker, inside a sentence or on its own
        const std::string marker = PaywallMarker(rng_);
        if (rng_.Chance(0.2)) {
          JunkOnly(marker);
          return;
        }
        std::string s = Paragraph();
        const size_t at = SplicePoint(s, en);
        LineWith(std::move(s), at, marker);
        return;
      }
      case 4: {  // a page footer spliced into a sentence
        std::string s = Paragraph();
        const size_t at = SplicePoint(s, en);
        LineWith(std::move(s), at, en ? PageFooter(rng_, kEn) + " " : PageFooter(rng_, kZh));
        return;
      }
      default: {  // a span from the pool inside a sentence
        const std::string junk = p.junk_inline.empty() ? PaywallMarker(rng_)
                                                       : Revary(rng_.Pick(p.junk_inline), rng_);
        std::string s = Paragraph();
        const size_t at = SplicePoint(s, en);
        LineWith(std::move(s), at, junk);
        return;
      }
    }
  }

  const Material& material_;
  const Settings& settings_;
  Rng& rng_;
  const Pool* pool_ = nullptr;
  const Source* source_ = nullptr;
  std::string* out_ = nullptr;
  int line_chars_ = 120;
  std::string_view separator_ = "\n";
  // By tag (sentences of language L: L; fragments: 3 + L), the serial
  // number of the document that last used each item.
  std::vector<uint64_t> last_use_[2 * kLangCount];
  uint64_t serial_ = 0;
  uint64_t lines_ = 0;
  uint64_t junk_lines_ = 0;
  uint64_t junk_bytes_ = 0;
  size_t label_bytes_ = 0;  // bytes of ⟦⟧ in the current document
  uint64_t total_label_bytes_ = 0;
};

// ---- output ----------------------------------------------------------------------

class Writer {
 public:
  explicit Writer(std::FILE* file) : file_(file) { buffer_.reserve(kCapacity + 65536); }

  void Append(std::string_view s) {
    buffer_.append(s);
    if (buffer_.size() >= kCapacity) Flush();
  }

  // Appends `s` as the body of a JSON string: escapes '"', '\\' and the
  // control characters; UTF-8 passes through.
  void AppendJsonBody(std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    size_t run = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      // Skip 8 bytes at a time while none of them needs an escape.
      while (i + 8 <= s.size() && !NeedsEscape8(s.data() + i)) i += 8;
      if (i >= s.size()) break;
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      buffer_.append(s.data() + run, i - run);
      run = i + 1;
      switch (c) {
        case '"': buffer_.append("\\\""); break;
        case '\\': buffer_.append("\\\\"); break;
        case '\n': buffer_.append("\\n"); break;
        case '\t': buffer_.append("\\t"); break;
        case '\r': buffer_.append("\\r"); break;
        default: {
          const char esc[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
          buffer_.append(esc, sizeof esc);
        }
      }
    }
    buffer_.append(s.data() + run, s.size() - run);
    if (buffer_.size() >= kCapacity) Flush();
  }

  // Whether any of the 8 bytes at `p` is below 0x20, '"' or '\\' (SWAR: a
  // byte b is below n, for n <= 0x80, iff (b - n) & ~b has its top bit set).
  static bool NeedsEscape8(const char* p) {
    constexpr uint64_t kOnes = 0x0101010101010101ULL;
    constexpr uint64_t kHigh = 0x8080808080808080ULL;
    uint64_t w;
    std::memcpy(&w, p, 8);
    const auto below = [&](uint64_t x, uint64_t n) { return (x - kOnes * n) & ~x & kHigh; };
    return (below(w, 0x20) | below(w ^ (kOnes * '"'), 1) | below(w ^ (kOnes * '\\'), 1)) != 0;
  }

  bool Flush() {
    if (!buffer_.empty()) {
      if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) ok_ = false;
      written_ += buffer_.size();
      buffer_.clear();
    }
    return ok_;
  }

  uint64_t bytes() const { return written_ + buffer_.size(); }
  bool ok() const { return ok_; }

 private:
  static constexpr size_t kCapacity = 1 << 20;
  std::FILE* file_;
  std::string buffer_;
  uint64_t written_ = 0;
  bool ok_ = true;
};

// "4K", "10M", "1G" (powers of 1024; an optional trailing B or iB) or bytes.
std::optional<uint64_t> ParseSize(std::string s) {
  if (s.size() >= 2 && (s.substr(s.size() - 2) == "iB" || s.substr(s.size() - 2) == "ib")) {
    s.resize(s.size() - 2);
  } else if (s.size() >= 2 && (s.back() == 'B' || s.back() == 'b') &&
             !std::isdigit(static_cast<unsigned char>(s[s.size() - 2]))) {
    s.pop_back();
  }
  if (s.empty()) return std::nullopt;
  uint64_t unit = 1;
  switch (std::toupper(static_cast<unsigned char>(s.back()))) {
    case 'K': unit = uint64_t{1} << 10; break;
    case 'M': unit = uint64_t{1} << 20; break;
    case 'G': unit = uint64_t{1} << 30; break;
    case 'T': unit = uint64_t{1} << 40; break;
    default: break;
  }
  if (unit != 1) s.pop_back();
  if (s.empty()) return std::nullopt;
  uint64_t value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    if (value > (std::numeric_limits<uint64_t>::max() - 9) / 10) return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  if (value > std::numeric_limits<uint64_t>::max() / unit) return std::nullopt;
  return value * unit;
}

int Run(int argc, char** argv) {
  CLI::App app{
      "Writes a deterministic corpus of scraped-looking documents (content from\n"
      "tests/data/corpus with junk injected) for benchmarks and tests. The same\n"
      "arguments give the same bytes.",
      "textwash_gen_corpus"};
  std::string lang = "zh";
  std::string size_text = "10M";
  std::string doc_size_text = "4K";
  std::string format = "jsonl";
  std::string output = "-";
  std::string material_dir;
  Settings settings;
  app.add_option("--lang", lang, "Language of the documents: zh, en, or mixed (zh, en and "
                                 "code-mixed documents)")
      ->check(CLI::IsMember({"zh", "en", "mixed"}))
      ->capture_default_str();
  app.add_option("--size", size_text,
                 "Total output bytes (suffix K, M, G: powers of 1024); output stops at the "
                 "first document boundary at or after it")
      ->capture_default_str();
  app.add_option("--doc-size", doc_size_text,
                 "Mean document size in bytes; each document is 0.5x to 1.5x of it")
      ->capture_default_str();
  app.add_option("--junk", settings.junk, "Fraction of lines that carry injected junk, 0 to 1")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  app.add_option("--seed", settings.seed, "Seed of the random generator")->capture_default_str();
  app.add_option("--format", format,
                 "jsonl: one {\"id\":\"doc-N\",\"text\":...} object per line; text: documents "
                 "separated by a blank line")
      ->check(CLI::IsMember({"jsonl", "text"}))
      ->capture_default_str();
  app.add_option("--line-chars", settings.line_chars,
                 "Mean paragraph length in characters (default: 120 for Chinese, 300 for "
                 "English)")
      ->check(CLI::Range(1, 1 << 20));
  app.add_option("--material", material_dir,
                 "Read the source material from DIR/<group>/*.txt (groups zh*, en*, mixed*; "
                 "junk inside U+27E6 U+27E7) instead of the built-in copy of "
                 "tests/data/corpus");
  app.add_flag("--label", settings.label,
               "Wrap the injected junk in U+27E6 U+27E7 as tests/data/corpus does, to measure "
               "recall; the text is otherwise the same, and --size counts it without them");
  app.add_option("-o,--output", output, "Output file; - for standard output")
      ->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  const auto size = ParseSize(size_text);
  const auto doc_size = ParseSize(doc_size_text);
  if (!size || *size == 0) {
    std::cerr << "textwash_gen_corpus: bad --size \"" << size_text << "\"\n";
    return 2;
  }
  if (!doc_size || *doc_size == 0) {
    std::cerr << "textwash_gen_corpus: bad --doc-size \"" << doc_size_text << "\"\n";
    return 2;
  }
  settings.size = *size;
  settings.doc_size = *doc_size;
  settings.mixed = lang == "mixed";
  settings.lang = lang == "en" ? kEn : kZh;
  settings.jsonl = format == "jsonl";

  Material material;
  if (!LoadMaterial(material_dir, &material)) return 2;

  std::FILE* file = stdout;
  if (output != "-") {
    file = std::fopen(output.c_str(), "wb");
    if (file == nullptr) {
      std::cerr << "textwash_gen_corpus: " << output << ": " << std::strerror(errno) << "\n";
      return 2;
    }
  }

  Rng rng(settings.seed);
  DocumentMaker maker(material, settings, rng);
  Writer writer(file);
  std::string text;
  uint64_t docs = 0;
  const bool single = settings.size <= settings.doc_size;
  do {
    // Documents vary from 0.5x to 1.5x of --doc-size; a single document is
    // as large as --size.
    const uint64_t target =
        single ? settings.size
               : static_cast<uint64_t>(static_cast<double>(settings.doc_size) * (0.5 + rng.Unit()));
    maker.Make(target, &text);
    if (settings.jsonl) {
      writer.Append("{\"id\":\"doc-" + std::to_string(docs) + "\",\"text\":\"");
      writer.AppendJsonBody(text);
      writer.Append("\"}\n");
    } else {
      if (docs > 0) writer.Append("\n");
      writer.Append(text);
      writer.Append("\n");
    }
    ++docs;
  } while (!single && writer.bytes() - maker.label_bytes() < settings.size && writer.ok());

  bool ok = writer.Flush();
  if (file == stdout) {
    ok = std::fflush(file) == 0 && ok;
  } else {
    ok = std::fclose(file) == 0 && ok;
  }
  if (!ok) {
    std::cerr << "textwash_gen_corpus: cannot write " << (output == "-" ? "output" : output)
              << ": " << std::strerror(errno) << "\n";
    return 1;
  }
  const double share = maker.lines() ? 100.0 * static_cast<double>(maker.junk_lines()) /
                                           static_cast<double>(maker.lines())
                                     : 0.0;
  char percent[32];
  std::snprintf(percent, sizeof percent, "%.1f%%", share);
  std::cerr << "textwash_gen_corpus: " << docs << " documents, " << writer.bytes()
            << " bytes, " << maker.junk_lines() << " junk lines injected (of "
            << maker.lines() << " lines, " << percent << "), " << maker.junk_bytes()
            << " junk bytes\n";
  return 0;
}

}  // namespace
}  // namespace textwash_bench

int main(int argc, char** argv) { return textwash_bench::Run(argc, argv); }
