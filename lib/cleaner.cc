// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// The pipeline: hygiene -> scan -> exact matches -> cuts -> layout -> edits.
// Stages after hygiene work on the hygienic text; their edits are mapped
// back to input offsets at the end, and the output is made by applying the
// final edits to the input, so the two can never disagree.
#include <re2/re2.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <span>
#include <sstream>
#include <unordered_map>
#include <utility>

#include "lib/builtin.h"
#include "lib/edits.h"
#include "lib/fold.h"
#include "lib/hygiene.h"
#include "lib/layout.h"
#include "lib/mojibake.h"
#include "lib/noise.h"
#include "lib/normalize.h"
#include "lib/numerals.h"
#include "lib/rules.h"
#include "lib/scanner.h"
#include "lib/score.h"
#include "lib/simplify.h"
#include "lib/stage_rules.h"
#include "lib/text.h"
#include "lib/utf8.h"
#include "textwash/cleaner.h"

namespace textwash {

std::string_view CategoryName(Category category) {
  switch (category) {
    case Category::kPaywall: return "paywall";
    case Category::kAd: return "ad";
    case Category::kContact: return "contact";
    case Category::kBoilerplate: return "boilerplate";
    case Category::kNoise: return "noise";
    case Category::kPii: return "pii";
    case Category::kRepeat: return "repeat";
    case Category::kLayout: return "layout";
    case Category::kUnicode: return "unicode";
    case Category::kNormalize: return "normalize";
  }
  return "unknown";
}

std::string_view RuleKindName(RuleKind kind) {
  switch (kind) {
    case RuleKind::kMarker: return "marker";
    case RuleKind::kLine: return "line";
    case RuleKind::kSentence: return "sentence";
    case RuleKind::kSpan: return "span";
    case RuleKind::kTail: return "tail";
    case RuleKind::kScore: return "score";
    case RuleKind::kContact: return "contact";
    case RuleKind::kStage: return "stage";
  }
  return "unknown";
}

std::string ApplyEdits(std::string_view input, const std::vector<Edit>& edits) {
  // The exact size, so that a huge output is allocated once.
  size_t size = input.size();
  size_t at = 0;
  for (const Edit& e : edits) {
    const size_t b = std::min(std::max(e.begin, at), input.size());
    const size_t end = std::min(std::max(e.end, b), input.size());
    size += e.replacement.size() - (end - b);
    at = end;
  }
  std::string out;
  out.reserve(size);
  size_t pos = 0;
  for (const Edit& e : edits) {
    const size_t b = std::min(std::max(e.begin, pos), input.size());
    const size_t end = std::min(std::max(e.end, b), input.size());
    out.append(input.substr(pos, b - pos));
    out.append(e.replacement);
    pos = end;
  }
  out.append(input.substr(pos));
  return out;
}

namespace {

using internal::Cut;
using internal::Line;
using internal::RuleDef;
using internal::RulePack;
using internal::ScanHit;
using internal::Span;

using internal::PiiType;
using internal::Signal;
using internal::Validator;

// A regex compiled on first use, by one thread while the others wait. The
// built-in rules' regexes are compiled so: most rules never run one on a
// given text (the scanner locates literals itself, and rules without a hit
// run nothing), and compiling all of them took most of Create()'s time.
class LazyRegex {
 public:
  LazyRegex(std::string pattern, const RE2::Options& options)
      : pattern_(std::move(pattern)), options_(options) {}
  const RE2& get() const {
    std::call_once(once_, [this] { re_ = std::make_unique<RE2>(pattern_, options_); });
    return *re_;
  }

 private:
  const std::string pattern_;
  const RE2::Options options_;
  mutable std::once_flag once_;
  mutable std::unique_ptr<RE2> re_;
};

// Returns a regex of `pattern`, compiled now unless `lazy`.
std::unique_ptr<LazyRegex> MakeRegex(std::string pattern, const RE2::Options& options,
                                     bool lazy) {
  auto re = std::make_unique<LazyRegex>(std::move(pattern), options);
  if (!lazy) (void)re->get();
  return re;
}

// What Clean() needs of a rule from a file.
struct CompiledRule {
  RuleKind kind;
  Category category;
  std::unique_ptr<LazyRegex> re;  // all terms of the rule, one alternation
  std::string replacement;
  bool fold = false;
  std::unique_ptr<LazyRegex> triggers;  // the raw-text triggers, if the rule has any
  size_t numeral_run = 0;  // > 0: a line with a run of this many numerals
  size_t short_line = 0;   // > 0: a line with 1 to this many solid bytes
  std::unique_ptr<LazyRegex> requirements;  // what a triggered line must also hold
  bool requirements_anchored = false;       // each starts with `^`
  int weight = 0;
  bool cue = false;
  PiiType pii = PiiType::kNone;
  int signal = 2;
  bool list = false;
  Validator validate = Validator::kNone;
  bool first_line_only = false;
  // Every term starts with `^`: on a line, only its start can match.
  bool line_anchored = false;
  // Every term is a literal the scanner locates exactly (ScanHit::length).
  bool exact = false;
};

// The most lines a list under a header may have.
constexpr size_t kMaxListItems = 20;

// A cut can make new junk: a line that a marker shared now matches a line
// rule, two lines are now copies, the title went and the next line is the
// title now. So each pass cleans what the last one wrote, until one changes
// nothing, and cleaning the output again changes nothing more. Only input
// built to nest junk deeper than the passes allow (a marker split by a
// marker split by a marker ...) is left with some. Passes after the first
// look only at what changed (see CleanPass).
constexpr int kMaxPasses = 8;

std::string_view MaskOf(PiiType type) {
  switch (type) {
    case PiiType::kEmail: return "<EMAIL>";
    case PiiType::kPhone: return "<PHONE>";
    case PiiType::kUrl: return "<URL>";
    case PiiType::kIp: return "<IP>";
    case PiiType::kId: return "<ID>";
    case PiiType::kNone: break;
  }
  return "";
}

// Checks a PRC resident ID number (GB 11643): 17 digits and an ISO 7064
// MOD 11-2 check character. Non-digits in `s` are ignored.
bool IsValidCnIdCard(std::string_view s) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6,
                                       3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[] = "10X98765432";
  std::string id;
  for (char c : s) {
    if ((c >= '0' && c <= '9') || c == 'x' || c == 'X') {
      id.push_back(c == 'x' ? 'X' : c);
    }
  }
  if (id.size() != 18) return false;
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    if (id[i] == 'X') return false;
    sum += (id[i] - '0') * kWeights[i];
  }
  return kCheck[sum % 11] == id[17];
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Checks a match of a rule with a validator. `text` is the hygienic text,
// [mb, me) the match in it, `matched` what the pattern saw.
bool Validate(Validator v, std::string_view text, size_t mb, size_t me,
              std::string_view matched) {
  const char before = mb > 0 ? text[mb - 1] : '\0';
  const char after = me < text.size() ? text[me] : '\0';
  switch (v) {
    case Validator::kNone:
      return true;
    case Validator::kCnIdCard:
      return IsValidCnIdCard(matched);
    case Validator::kIpv4: {
      const bool digit_dot_before = before == '.' && mb > 1 && IsDigit(text[mb - 2]);
      if (IsDigit(before) || digit_dot_before || after == '.' || IsDigit(after)) {
        return false;  // 1.2.3.4.5 and 10.1.2.3.4 are no addresses
      }
      // A version: v2.0.1.15, version 2.0.1.15, 版本号 2.0.1.15.
      size_t b = mb;
      while (b > 0 && (text[b - 1] == ' ' || text[b - 1] == ':')) --b;
      const std::string_view head = text.substr(0, b);
      return !(head.ends_with("v") || head.ends_with("V") ||
               head.ends_with("version") || head.ends_with("Version") ||
               head.ends_with("\u7248\u672C") || head.ends_with("\u7248\u672C\u53F7"));
    }
    case Validator::kEmail:
      return after != ':';
    case Validator::kDomain:  // part of an address or a longer name
      return before != '@' && before != '-' && before != '.' && before != '_';
  }
  return true;
}

// True if every match of `term` is the term's own bytes (so its length):
// a literal on one line, and if case is ignored, ASCII only.
bool IsExactLiteral(const internal::RuleTerm& term, bool ignore_case) {
  if (!term.literal || term.text.empty() || term.text.size() > UINT32_MAX / 2 ||
      term.text.find('\n') != std::string::npos) {
    return false;
  }
  if (!ignore_case) return true;
  // Ignoring case, the engine and RE2 agree on ASCII and on characters
  // that have no case at all: ideographs, kana, hangul, CJK and full-width
  // punctuation (not full-width letters, which do have case).
  for (size_t i = 0; i < term.text.size();) {
    char32_t c;
    const int len = internal::DecodeUtf8(term.text, i, &c);
    if (len <= 0) return false;
    const bool caseless =
        c < 0x80 || (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x30FF) ||
        (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
        (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
        (c >= 0xFF01 && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
        (c >= 0xFF5B && c <= 0xFF65) || (c >= 0x20000 && c <= 0x3FFFF);
    if (!caseless) return false;
    i += static_cast<size_t>(len);
  }
  return true;
}

// True if every top-level branch of `pattern` starts with `^`.
bool StartsAnchored(std::string_view pattern) {
  bool at_branch_start = true;
  int depth = 0;
  bool in_class = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (at_branch_start && c != '^') return false;
    at_branch_start = false;
    if (c == '\\') {
      if (i + 1 < pattern.size() && pattern[i + 1] == 'Q') return false;  // keep it simple
      ++i;
    } else if (in_class) {
      in_class = c != ']';
    } else if (c == '[') {
      in_class = true;
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') ++i;
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') ++i;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth == 0) {
      at_branch_start = true;
    }
  }
  return !at_branch_start && !pattern.empty();
}

// Combines terms into one RE2 alternation source.
std::string Alternation(const std::vector<internal::RuleTerm>& terms) {
  std::string out;
  for (const internal::RuleTerm& term : terms) {
    if (!out.empty()) out += '|';
    out += "(?:" + (term.literal ? RE2::QuoteMeta(term.text) : term.text) + ")";
  }
  return out;
}

RE2::Options ExactOptions(bool ignore_case) {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_never_nl(true);
  o.set_case_sensitive(!ignore_case);
  o.set_max_mem(int64_t{64} << 20);
  return o;
}

// True if `re` can match the empty string somewhere: such a pattern would
// cut nothing and match everywhere. An empty match depends only on the
// assertions it passes (^ $ \A \z \b \B), so it is tried between every
// kind of neighbour: text edge, line break, word and other character.
bool MatchesEmpty(const RE2& re) {
  static constexpr std::string_view kNeighbours[] = {"", "\n", "a", "。"};
  std::string probe;
  for (std::string_view before : kNeighbours) {
    for (std::string_view after : kNeighbours) {
      probe.assign(before).append(after);
      re2::StringPiece m;
      if (re.Match(probe, before.size(), probe.size(), RE2::ANCHOR_START, &m, 1) &&
          m.empty()) {
        return true;
      }
    }
  }
  return false;
}

StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return NotFoundError("cannot read rule file " + path + ": " +
                         std::strerror(errno));
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

struct Cleaner::Impl {
  Options options;
  std::vector<RuleInfo> rules;
  std::vector<CompiledRule> compiled;  // index: rule - kStageRuleCount
  std::unique_ptr<internal::Scanner> scanner;
  uint64_t scan_fingerprint = 0;
  // The rules with a numeral_run, and the shortest run they ask for.
  std::vector<int> numeral_rules;
  size_t min_numeral_run = 0;
  // The rules with a short_line, and the longest line they ask for.
  std::vector<int> short_line_rules;
  size_t max_short_line = 0;
  std::unordered_map<std::string, int> by_id;
  // The normalizers that need tables, when their options are on.
  std::shared_ptr<const internal::MojibakeRepair> mojibake;
  std::shared_ptr<const internal::Simplifier> simplifier;

  Status AddPack(const RulePack& pack, bool builtin,
                 std::vector<internal::ScanPattern>* scan,
                 std::map<std::string, std::string>* first_seen);
  Status CheckTerm(const internal::RuleTerm& term, bool ignore_case,
                   const std::string& origin) const;
  // Finds the cuts of the rules in `text`, looking only at `ranges` (whole
  // lines) when it is not null.
  void FindCuts(std::string_view text, const std::vector<Line>& lines,
                const std::vector<Span>* ranges, std::vector<Cut>* cuts,
                std::vector<internal::Credit>* weak) const;
  void CutsForMatch(std::string_view text, const Line& line, size_t mb,
                    size_t me, int rule, std::vector<Cut>* cuts) const;
  const CompiledRule& compiled_rule(int rule) const {
    return compiled[rule - internal::kStageRuleCount];
  }
  class RuleRun;
  // A pass (see Cleaner::CleanPass) in two halves, before and after the
  // rules' stage, with what is between them in a PassState.
  struct PassState;
  void BeginPass(std::string_view input, const internal::PassReport* previous,
                 PassState* st) const;
  void EndPass(std::string_view input, const internal::PassReport* previous, PassState* st,
               Result* result, internal::PassReport* report) const;
};

Status Cleaner::Impl::CheckTerm(const internal::RuleTerm& term,
                                bool ignore_case,
                                const std::string& origin) const {
  // A quoted, non-empty literal always compiles and never matches empty.
  if (term.literal) return Status::Ok();
  RE2 re(term.text, ExactOptions(ignore_case));
  if (!re.ok()) {
    std::string msg = origin + ": " + re.error();
    if (!re.error_arg().empty() &&
        re.error().find(re.error_arg()) == std::string::npos) {
      msg += ": " + re.error_arg();
    }
    return InvalidArgumentError(msg);
  }
  // Tried as the rules run it: ^ and $ at every line.
  const RE2 multiline("(?m)(?:" + term.text + ")", ExactOptions(ignore_case));
  if (MatchesEmpty(multiline.ok() ? multiline : re)) {
    return InvalidArgumentError(origin + ": matches the empty string");
  }
  return Status::Ok();
}

Status Cleaner::Impl::AddPack(const RulePack& pack, bool builtin,
                              std::vector<internal::ScanPattern>* scan,
                              std::map<std::string, std::string>* first_seen) {
  for (const RuleDef& def : pack.rules) {
    if (auto [it, fresh] = first_seen->emplace(def.id, def.pos.ToString());
        !fresh) {
      return InvalidArgumentError(def.pos.ToString() + ": duplicate rule id \"" +
                                  def.id + "\" (first defined at " +
                                  it->second + ")");
    }
    if (std::find(options.disabled_rules.begin(), options.disabled_rules.end(),
                  def.id) != options.disabled_rules.end()) {
      continue;
    }
    const int index = static_cast<int>(rules.size());
    auto origin = [&](const internal::RuleTerm& term, const char* what,
                      size_t n) {
      return term.pos.ToString() + ": rule \"" + def.id + "\": " + what + " " +
             std::to_string(n);
    };
    for (size_t t = 0; t < def.terms.size(); ++t) {
      const internal::RuleTerm& term = def.terms[t];
      const std::string where =
          origin(term, term.literal ? "literal" : "pattern", t + 1);
      // The built-in packs were checked when the library was built.
      if (!builtin) {
        if (Status s = CheckTerm(term, def.ignore_case || def.fold, where); !s.ok()) {
          return s;
        }
      }
      // A rule with triggers (or a numeral run, or short lines) is found
      // through them; its own terms run only on the lines they pick.
      if (def.triggers.empty() && def.numeral_run == 0 && def.short_line == 0) {
        scan->push_back(internal::ScanPattern{
            term.literal ? RE2::QuoteMeta(term.text) : term.text,
            def.ignore_case, index, where,
            IsExactLiteral(term, def.ignore_case)
                ? static_cast<uint32_t>(term.text.size())
                : 0,
            static_cast<uint32_t>(t)});
      }
    }
    CompiledRule rule;
    rule.kind = def.kind;
    rule.category = def.category;
    rule.replacement = def.replacement;
    rule.fold = def.fold;
    rule.weight = def.weight;
    rule.cue = def.cue;
    rule.pii = def.pii;
    rule.signal = def.signal;
    rule.list = def.list;
    rule.validate = def.validate;
    rule.first_line_only = def.first_line_only;
    rule.numeral_run = static_cast<size_t>(def.numeral_run);
    rule.short_line = static_cast<size_t>(def.short_line);
    if (def.short_line > 0) {
      short_line_rules.push_back(index);
      max_short_line = std::max(max_short_line, rule.short_line);
    }
    if (def.numeral_run > 0) {
      numeral_rules.push_back(index);
      min_numeral_run = min_numeral_run == 0
                            ? rule.numeral_run
                            : std::min(min_numeral_run, rule.numeral_run);
    }
    rule.exact = def.triggers.empty() && def.numeral_run == 0 && def.short_line == 0 &&
                 std::all_of(def.terms.begin(), def.terms.end(),
                             [&](const internal::RuleTerm& term) {
                               return IsExactLiteral(term, def.ignore_case);
                             });
    rule.line_anchored = std::all_of(
        def.terms.begin(), def.terms.end(), [](const internal::RuleTerm& term) {
          return !term.literal && StartsAnchored(term.text);
        });
    // Folded text is case folded already; its patterns ignore case too, so
    // that a pattern written with capitals still matches. The built-in
    // packs compiled when the library was built: theirs wait for first use.
    rule.re = MakeRegex("(?m)" + Alternation(def.terms),
                        ExactOptions(def.ignore_case || def.fold), builtin);
    if (!builtin && !rule.re->get().ok()) {
      return InvalidArgumentError(def.pos.ToString() + ": rule \"" + def.id +
                                  "\": " + rule.re->get().error());
    }
    for (size_t t = 0; t < def.triggers.size(); ++t) {
      const internal::RuleTerm& term = def.triggers[t];
      const std::string where = origin(term, "trigger", t + 1);
      if (!builtin) {
        if (Status s = CheckTerm(term, true, where); !s.ok()) return s;
      }
      scan->push_back(internal::ScanPattern{term.text, true, index, where});
    }
    if (!def.triggers.empty()) {
      rule.triggers =
          MakeRegex("(?m)" + Alternation(def.triggers), ExactOptions(true), builtin);
    }
    for (size_t t = 0; !builtin && t < def.requirements.size(); ++t) {
      const internal::RuleTerm& term = def.requirements[t];
      if (Status s = CheckTerm(term, true, origin(term, "requirement", t + 1)); !s.ok()) {
        return s;
      }
    }
    rule.requirements_anchored = std::all_of(
        def.requirements.begin(), def.requirements.end(),
        [](const internal::RuleTerm& term) { return StartsAnchored(term.text); });
    if (!def.requirements.empty()) {
      rule.requirements =
          MakeRegex("(?m)" + Alternation(def.requirements), ExactOptions(true), builtin);
    }
    rules.push_back(RuleInfo{def.id, def.category, def.kind,
                             def.pos.file + ":" + std::to_string(def.pos.line),
                             def.description});
    compiled.push_back(std::move(rule));
    by_id.emplace(def.id, index);
  }
  return Status::Ok();
}

void Cleaner::Impl::CutsForMatch(std::string_view text, const Line& line,
                                 size_t mb, size_t me, int rule,
                                 std::vector<Cut>* cuts) const {
  const CompiledRule& r = compiled_rule(rule);
  Span span{mb, me};
  std::string_view replacement = r.replacement;
  switch (r.kind) {
    case RuleKind::kLine:
      span = Span{line.begin, line.end};
      break;
    case RuleKind::kSentence: {
      // A pattern anchored at a sentence start (`(?:^|[.!?] )click here`)
      // begins with the previous sentence's end: step over it.
      size_t b = mb;
      while (b < me) {
        char32_t c;
        const int len = internal::DecodeUtf8(text, b, &c);
        if (len <= 0 || !(internal::IsHorizontalSpace(c) || c == '.' ||
                          c == '!' || c == '?' || c == U'。' || c == U'！' ||
                          c == U'？')) {
          break;
        }
        b += len;
      }
      span = internal::SentenceAround(text, line, b < me ? b : mb, me);
      break;
    }
    case RuleKind::kTail:
      span = Span{mb, line.end};
      while (span.begin > line.begin) {
        char32_t c;
        const int len = internal::DecodeUtf8Before(text, span.begin, &c);
        if (!internal::IsHorizontalSpace(c)) break;
        span.begin -= len;
      }
      break;
    case RuleKind::kMarker: {
      bool keep_space = false;
      span = internal::MarkerCut(text, line, mb, me, &keep_space);
      replacement = keep_space ? " " : "";
      break;
    }
    case RuleKind::kSpan:
    case RuleKind::kScore:
    case RuleKind::kContact:
    case RuleKind::kStage:
      break;
  }
  if (span.end > span.begin) {
    cuts->push_back(Cut{span.begin, span.end, replacement, rule, r.category, r.kind});
  }
}

namespace {

// The folded lines of one document, made on first use, in buffers reused
// from one document to the next. A folded byte takes 9 bytes (text and map
// back): past kMaxFoldedBytes of a huge document the lines folded so far
// are dropped, and folded again if another rule needs them.
struct FoldCache {
  static constexpr uint32_t kNotFolded = UINT32_MAX;
  static constexpr size_t kMaxFoldedBytes = size_t{4} << 20;

  std::vector<internal::FoldedLine> pool;
  std::vector<uint32_t> slot;  // by line: its entry in the pool, or kNotFolded
  size_t folds = 0;            // pool entries in use
  size_t folds_most = 0;       // the pool entries this document used
  size_t folded_bytes = 0;
  std::vector<size_t> folded_lines;  // the lines in the pool, in its order
  size_t held = 0;  // bytes of folded text the pool's buffers have room for

  // Line `li` folded.
  const internal::FoldedLine& Get(std::string_view text, const std::vector<Line>& lines,
                                  size_t li) {
    if (folds == 0 && slot.size() < lines.size()) slot.resize(lines.size(), kNotFolded);
    const Line& line = lines[li];
    if (slot[li] == kNotFolded) {
      if (folded_bytes > kMaxFoldedBytes) {
        for (size_t l : folded_lines) slot[l] = kNotFolded;
        folded_lines.clear();
        folds = folded_bytes = 0;
      }
      folded_lines.push_back(li);
      if (pool.size() <= folds) pool.resize(folds + 1);
      const size_t room = pool[folds].text.capacity();
      internal::FoldLine(text.substr(line.begin, line.end - line.begin), &pool[folds]);
      held += pool[folds].text.capacity() - room;
      slot[li] = static_cast<uint32_t>(folds++);
      folds_most = std::max(folds_most, folds);
      folded_bytes += line.end - line.begin;
    }
    return pool[slot[li]];
  }

  // Ready for the next document. Buffers a huge line or document grew are
  // not kept.
  void Reset() {
    for (size_t k = 0; k < folds_most; ++k) {
      if (pool[k].text.capacity() > (size_t{1} << 20)) {
        held -= pool[k].text.capacity();
        pool[k] = {};
      }
    }
    for (size_t l : folded_lines) slot[l] = kNotFolded;
    if (slot.size() > (size_t{1} << 20)) std::vector<uint32_t>().swap(slot);
    folded_lines.clear();
    folds = folds_most = folded_bytes = 0;
  }
};

// The numeral runs of one scanned range, in a buffer each thread reuses.
std::vector<internal::NumeralRun>& NumeralRunScratch() {
  thread_local std::vector<internal::NumeralRun> runs;
  return runs;
}

}  // namespace

// The rules over one document in one pass: the scan, then each rule the
// scan points at, in the order of the rules, then what the signals of
// score and contact rules decide. A document's run keeps all its state, so
// that CleanBatch() can run one rule over many documents before the next
// rule (the rule's regex then stays in the CPU cache), with the same result
// as running each document's rules in a row.
class Cleaner::Impl::RuleRun {
 public:
  RuleRun() = default;

  // Starts a run of `impl`'s rules over `text`, looking only at `ranges`
  // (whole lines) when it is not null. The buffers of the last run are
  // reused.
  void Start(const Impl& impl, std::string_view text, const std::vector<Line>* lines,
             const std::vector<Span>* ranges, std::vector<Cut>* cuts,
             std::vector<internal::Credit>* weak, FoldCache* folded) {
    impl_ = &impl;
    want_values_ = impl.options.pii != PiiMode::kKeep;
    text_ = text;
    lines_ = lines;
    cuts_ = cuts;
    weak_ = weak;
    folded_ = folded;
    // Scan offsets are 32-bit: a larger text is looked at whole.
    whole_ = Span{0, text.size()};
    if (ranges != nullptr && text.size() <= UINT32_MAX) {
      ranges_ = std::span<const Span>(*ranges);
    } else {
      ranges_ = std::span<const Span>(&whole_, 1);
    }
    hits_.clear();
    next_ = 0;
    first_line_ = 0;
    signals_.clear();
  }

  RuleRun(const RuleRun&) = delete;  // ranges_ may point into it
  RuleRun& operator=(const RuleRun&) = delete;

  // Finds the rules to run and where: the engine's hits and numeral runs.
  void Scan();
  // Whether a rule is left to run. Rules run in increasing order.
  bool rule_left() const { return next_ < hits_.size(); }
  // Runs the next rule where the scan points.
  void RunNextRule();
  // Appends (rule, doc) for each rule still to run, in the order they run.
  void ListRules(uint32_t doc, std::vector<std::pair<int, uint32_t>>* out) const {
    for (size_t k = next_; k < hits_.size(); ++k) {
      if (k == next_ || hits_[k].rule != hits_[k - 1].rule) out->emplace_back(hits_[k].rule, doc);
    }
  }
  // After the last rule: the lists under a header, and what the signals
  // decide.
  void Finish();
  // Bytes its buffers hold.
  size_t held() const {
    return hits_.capacity() * sizeof(ScanHit) + signals_.capacity() * sizeof(Signal);
  }

 private:
  const CompiledRule& compiled_rule(int rule) const { return impl_->compiled_rule(rule); }
  void Emit(int rule, size_t mb, size_t me, size_t vb, size_t ve, size_t li,
            std::string_view matched);
  template <typename OnMatch>
  void EachMatch(const RE2& re, std::string_view in, size_t begin, size_t end,
                 bool line_start_only, OnMatch&& on_match) const;
  size_t OnRawMatch(int rule, size_t mb, size_t me, size_t vb, size_t ve);
  void RunRaw(int rule, size_t begin, size_t end, bool line_start_only);
  void RunLine(int rule, size_t li);
  void RunFolded(int rule, size_t li);
  // Calls on_line(k, line) for each short-line rule short_line_rules[k]
  // and each line of `range` short enough for it, until it returns false.
  template <typename OnLine>
  void PickShortLines(const Span& range, OnLine&& on_line) const;
  // Appends the short lines of `rule` where its regex may match.
  void AddShortLines(int rule, std::vector<size_t>* candidate_lines) const;

  const Impl* impl_ = nullptr;
  bool want_values_ = false;
  std::string_view text_;
  const std::vector<Line>* lines_ = nullptr;
  std::vector<Cut>* cuts_ = nullptr;
  std::vector<internal::Credit>* weak_ = nullptr;
  FoldCache* folded_ = nullptr;
  Span whole_;
  std::span<const Span> ranges_;
  std::vector<ScanHit> hits_;  // sorted by rule, then end
  size_t next_ = 0;            // the first hit of the next rule
  size_t first_line_ = 0;      // the first line with text: the title, if any
  std::vector<Signal> signals_;
  // The term of a hit that says a short-line rule has lines to look at (no
  // term of a rule has this index), and which of them have one.
  static constexpr uint32_t kShortLines = UINT32_MAX;
  std::vector<char> short_hit_;
};

template <typename OnLine>
void Cleaner::Impl::RuleRun::PickShortLines(const Span& range, OnLine&& on_line) const {
  const std::vector<int>& rules = impl_->short_line_rules;
  if (rules.empty()) return;
  const std::vector<Line>& lines = *lines_;
  for (size_t li = internal::LineIndexOf(lines, range.begin);
       li < lines.size() && lines[li].begin < range.end; ++li) {
    if (lines[li].begin == lines[li].end) continue;
    const size_t solid = internal::CountSolidBytes(
        text_.substr(lines[li].begin, lines[li].end - lines[li].begin), impl_->max_short_line);
    if (solid == 0 || solid > impl_->max_short_line) continue;
    for (size_t k = 0; k < rules.size(); ++k) {
      if (solid <= compiled_rule(rules[k]).short_line && !on_line(k, li)) return;
    }
  }
}

// The short lines go through the rule's regex together, joined by the line
// breaks that end them in the text, a chunk of about 64 KB at a time: a
// document of many short lines costs a search per chunk rather than one per
// line. Each line keeps what stands around it in the text (a line break or
// the text's start or end), so a match on the line alone is a match in the
// chunk; a match in the chunk marks every line it touches, and RunLine then
// decides on each, as on any candidate line. Fold rules match the folded
// view, which the chunk is not: all their short lines are candidates.
void Cleaner::Impl::RuleRun::AddShortLines(int rule, std::vector<size_t>* candidate_lines) const {
  constexpr size_t kChunkBytes = size_t{64} << 10;
  const CompiledRule& r = compiled_rule(rule);
  const size_t k = static_cast<size_t>(
      std::lower_bound(impl_->short_line_rules.begin(), impl_->short_line_rules.end(), rule) -
      impl_->short_line_rules.begin());
  // Through references: a thread_local is looked up again on each use.
  thread_local std::string chunk_buffer;
  thread_local std::vector<std::pair<size_t, size_t>> starts_buffer;
  std::string& chunk = chunk_buffer;
  std::vector<std::pair<size_t, size_t>>& starts = starts_buffer;  // chunk offset, line
  chunk.clear();
  starts.clear();
  auto flush = [&] {
    if (r.fold) {
      for (const auto& [at, li] : starts) candidate_lines->push_back(li);
    } else {
      EachMatch(r.re->get(), chunk, 0, chunk.size(), false,
                [&](size_t mb, size_t me, size_t, size_t) -> size_t {
                  // The lines from the one mb is on to the one the match's
                  // last byte is on.
                  auto line_at = [&](size_t at) {
                    return std::upper_bound(starts.begin(), starts.end(), at,
                                            [](size_t a, const std::pair<size_t, size_t>& s) {
                                              return a < s.first;
                                            }) -
                           starts.begin() - 1;
                  };
                  const ptrdiff_t last = line_at(me > mb ? me - 1 : mb);
                  for (ptrdiff_t x = line_at(mb); x <= last; ++x) {
                    candidate_lines->push_back(starts[static_cast<size_t>(x)].second);
                  }
                  // On to the next line.
                  return static_cast<size_t>(last) + 1 < starts.size()
                             ? starts[static_cast<size_t>(last) + 1].first
                             : chunk.size();
                });
    }
    chunk.clear();
    starts.clear();
  };
  for (const Span& range : ranges_) {
    PickShortLines(range, [&](size_t picked, size_t li) {
      if (picked != k) return true;
      const Line& line = (*lines_)[li];
      starts.emplace_back(chunk.size(), li);
      chunk.append(text_, line.begin, line.end - line.begin);
      if (line.end < text_.size()) chunk += '\n';
      if (chunk.size() >= kChunkBytes) flush();
      return true;
    });
  }
  flush();
  if (chunk.capacity() > 4 * kChunkBytes) std::string().swap(chunk);
}

void Cleaner::Impl::RuleRun::Scan() {
  short_hit_.assign(impl_->short_line_rules.size(), 0);
  size_t short_hits = 0;
  std::vector<internal::NumeralRun>& runs = NumeralRunScratch();
  const std::vector<int>& numeral_rules = impl_->numeral_rules;
  for (const Span& range : ranges_) {
    const size_t first = hits_.size();
    const std::string_view part = text_.substr(range.begin, range.end - range.begin);
    impl_->scanner->Scan(part, &hits_);
    for (size_t k = first; k < hits_.size(); ++k) {
      if (hits_[k].end != ScanHit::kAnywhere) hits_[k].end += range.begin;
    }
    if (text_.size() > UINT32_MAX) continue;
    // One hit says that a short-line rule has lines to look at: RunNextRule
    // finds them again (a text of many short lines would otherwise need a
    // hit for each).
    PickShortLines(range, [&](size_t k, size_t) {
      if (!short_hit_[k]) {
        short_hit_[k] = true;
        hits_.push_back(ScanHit{impl_->short_line_rules[k], 0, 0, kShortLines});
        ++short_hits;
      }
      return short_hits < short_hit_.size();
    });
    if (numeral_rules.empty()) continue;
    runs.clear();
    internal::FindNumeralRuns(part, impl_->min_numeral_run, &runs);
    for (const internal::NumeralRun& run : runs) {
      for (int rule : numeral_rules) {
        if (run.count >= compiled_rule(rule).numeral_run) {
          hits_.push_back(ScanHit{rule, static_cast<uint32_t>(range.begin + run.end)});
        }
      }
    }
  }
  if (text_.size() > UINT32_MAX) {  // RunNextRule finds the runs and lines itself
    for (int rule : numeral_rules) hits_.push_back(ScanHit{rule, ScanHit::kAnywhere});
    for (int rule : impl_->short_line_rules) hits_.push_back(ScanHit{rule, ScanHit::kAnywhere});
  }
  if (hits_.empty()) return;
  std::sort(hits_.begin(), hits_.end(), [](const ScanHit& a, const ScanHit& b) {
    return a.rule != b.rule ? a.rule < b.rule : a.end < b.end;
  });
  while (first_line_ < lines_->size() &&
         internal::IsBlank(text_.substr((*lines_)[first_line_].begin,
                                        (*lines_)[first_line_].end - (*lines_)[first_line_].begin))) {
    ++first_line_;
  }
}

// A match of `rule` at text[mb, me) on line `li`, whose value (the part
// personal data masking replaces) is text[vb, ve); `matched` is what the
// pattern saw (folded text for fold rules).
void Cleaner::Impl::RuleRun::Emit(int rule, size_t mb, size_t me, size_t vb, size_t ve,
                                  size_t li, std::string_view matched) {
  const CompiledRule& r = compiled_rule(rule);
  if (r.first_line_only && li != first_line_) return;
  if (!Validate(r.validate, text_, mb, me, matched)) return;
  if (r.kind == RuleKind::kScore || r.kind == RuleKind::kContact) {
    signals_.push_back(Signal{mb, me, vb, ve, li, rule, r.category, r.weight, r.cue,
                              r.kind == RuleKind::kContact, r.signal});
    return;
  }
  impl_->CutsForMatch(text_, (*lines_)[li], mb, me, rule, cuts_);
}

// Runs `re` over in[begin, end), a whole number of lines, calling
// on_match(match_begin, match_end, value_begin, value_end) for each match,
// where the value is the first capturing group that took part (a contact
// rule's id after its label: `微信：(abc_2023)`), or the whole match.
// Only personal data masking uses the value: without it no group is asked
// for, and RE2 finds the match with its two DFA passes alone (groups take
// a third pass over the match, which allocates).
template <typename OnMatch>
void Cleaner::Impl::RuleRun::EachMatch(const RE2& re, std::string_view in, size_t begin,
                                       size_t end, bool line_start_only,
                                       OnMatch&& on_match) const {
  constexpr int kMaxGroups = 4;
  const int groups = want_values_ ? std::min(re.NumberOfCapturingGroups(), kMaxGroups) : 0;
  re2::StringPiece m[kMaxGroups + 1];
  size_t pos = begin;
  while (pos < end) {
    // A pattern anchored at the line start is tried there only, not
    // searched for along the whole line.
    if (!re.Match(in, pos, end, line_start_only ? RE2::ANCHOR_START : RE2::UNANCHORED, m,
                  groups + 1)) {
      break;
    }
    const size_t mb = static_cast<size_t>(m[0].data() - in.data());
    size_t me = mb + m[0].size();
    size_t vb = mb, ve = me;
    for (int g = 1; g <= groups; ++g) {
      if (m[g].data() != nullptr && !m[g].empty()) {
        vb = static_cast<size_t>(m[g].data() - in.data());
        ve = vb + m[g].size();
        break;
      }
    }
    const size_t next = on_match(mb, me, vb, ve);
    me = std::max(me, next);
    if (me <= pos) {  // an empty match: step over one character
      char32_t c;
      const int len = internal::DecodeUtf8(in, pos, &c);
      me = pos + (len > 0 ? len : 1);
    }
    pos = me;
    if (line_start_only) break;
  }
}

// A match of raw-text rule `rule` at text[mb, me); returns where to look for
// the next one.
size_t Cleaner::Impl::RuleRun::OnRawMatch(int rule, size_t mb, size_t me, size_t vb,
                                          size_t ve) {
  const CompiledRule& r = compiled_rule(rule);
  const size_t li = internal::LineIndexOf(*lines_, mb);
  Emit(rule, mb, me, vb, ve, li, text_.substr(mb, me - mb));
  // A line rule has done its work on this line; a sentence rule on its
  // sentence (looking again inside it would be quadratic).
  if (r.kind == RuleKind::kLine) return (*lines_)[li].end;
  if (r.kind == RuleKind::kSentence && !cuts_->empty() && cuts_->back().rule == rule) {
    // Resume at the sentence's end mark, which the next sentence's
    // pattern may start with (`(?:^|[.!?] )by continuing`).
    return std::max(me, internal::BeforeSentenceEnd(text_, me, cuts_->back().end));
  }
  return me;
}

// Exact matches of a raw-text rule over text[begin, end).
void Cleaner::Impl::RuleRun::RunRaw(int rule, size_t begin, size_t end,
                                    bool line_start_only) {
  EachMatch(compiled_rule(rule).re->get(), text_, begin, end, line_start_only,
            [&](size_t mb, size_t me, size_t vb, size_t ve) -> size_t {
              return OnRawMatch(rule, mb, me, vb, ve);
            });
}

// Raw-text rule `rule` on candidate line `li`. A line rule without a
// validator cuts the whole line whatever its match: whether there is one is
// enough, which RE2 tells with one forward pass that stops at the first
// match (finding where a match starts and ends takes two, and builds DFA
// states for both).
void Cleaner::Impl::RuleRun::RunLine(int rule, size_t li) {
  const CompiledRule& r = compiled_rule(rule);
  const Line& line = (*lines_)[li];
  if (r.kind != RuleKind::kLine || r.validate != Validator::kNone) {
    RunRaw(rule, line.begin, line.end, r.line_anchored);
    return;
  }
  if (r.re->get().Match(text_, line.begin, line.end,
                        r.line_anchored ? RE2::ANCHOR_START : RE2::UNANCHORED, nullptr, 0)) {
    OnRawMatch(rule, line.begin, line.end, line.begin, line.end);
  }
}

// Fold rule `rule` on candidate line `li`, folded on first use.
void Cleaner::Impl::RuleRun::RunFolded(int rule, size_t li) {
  const Line& line = (*lines_)[li];
  const internal::FoldedLine& f = folded_->Get(text_, *lines_, li);
  const CompiledRule& r = compiled_rule(rule);
  EachMatch(r.re->get(), f.text, 0, f.text.size(), r.line_anchored,
            [&](size_t fb, size_t fe, size_t fvb, size_t fve) -> size_t {
              if (fe > fb) {
                const auto [b, e] = f.ToInput(fb, fe);
                const auto [vb, ve] = f.ToInput(fvb, fve);
                Emit(rule, line.begin + b, line.begin + e, line.begin + vb, line.begin + ve, li,
                     std::string_view(f.text).substr(fb, fe - fb));
              }
              return fe;
            });
}

void Cleaner::Impl::RuleRun::RunNextRule() {
  const size_t i = next_;
  const int rule = hits_[i].rule;
  const CompiledRule& r = compiled_rule(rule);
  size_t j = i;
  while (j < hits_.size() && hits_[j].rule == rule) ++j;
  next_ = j;
  // A rule of literals the engine located exactly needs no regex: its
  // matches are taken leftmost first, and at one place in the order of its
  // terms, as the regex would take them.
  if (r.exact && hits_[i].length > 0) {
    std::sort(hits_.begin() + static_cast<ptrdiff_t>(i), hits_.begin() + static_cast<ptrdiff_t>(j),
              [](const ScanHit& a, const ScanHit& b) {
                const uint32_t ab = a.end - a.length, bb = b.end - b.length;
                return ab != bb ? ab < bb : a.term < b.term;
              });
    size_t pos = 0;
    for (size_t k = i; k < j; ++k) {
      const size_t mb = hits_[k].end - hits_[k].length;
      if (mb < pos) continue;
      pos = std::max<size_t>(hits_[k].end, OnRawMatch(rule, mb, hits_[k].end, mb, hits_[k].end));
    }
    return;
  }
  // The lines to look at: where the hits end, or, when the engine cannot say
  // where, every line (for rules with triggers or a numeral run, every line
  // they pick).
  thread_local std::vector<size_t> candidate_lines;  // of one rule at a time
  candidate_lines.clear();
  bool short_lines = false;
  for (size_t k = i; k < j && hits_[k].end != ScanHit::kAnywhere; ++k) {
    if (hits_[k].length == 0 && hits_[k].term == kShortLines) {
      short_lines = true;
      continue;
    }
    // The match ends at hits[k].end; its last byte is on this line.
    const size_t at = hits_[k].end > 0 ? hits_[k].end - 1 : 0;
    const size_t li = internal::LineIndexOf(*lines_, at);
    if (candidate_lines.empty() || candidate_lines.back() != li) candidate_lines.push_back(li);
  }
  if (hits_[j - 1].end == ScanHit::kAnywhere) {
    if (r.triggers == nullptr && r.numeral_run == 0 && r.short_line == 0) {
      for (const Span& range : ranges_) RunRaw(rule, range.begin, range.end, false);
      return;
    }
    std::vector<internal::NumeralRun>& runs = NumeralRunScratch();
    for (const Span& range : ranges_) {
      if (r.triggers != nullptr) {
        EachMatch(r.triggers->get(), text_, range.begin, range.end, false,
                  [&](size_t mb, size_t, size_t, size_t) -> size_t {
                    const size_t li = internal::LineIndexOf(*lines_, mb);
                    candidate_lines.push_back(li);
                    return (*lines_)[li].end;
                  });
      }
      if (r.numeral_run > 0 && text_.size() > UINT32_MAX) {
        runs.clear();
        internal::FindNumeralRuns(text_.substr(range.begin, range.end - range.begin),
                                  r.numeral_run, &runs);
        for (const internal::NumeralRun& run : runs) {
          candidate_lines.push_back(internal::LineIndexOf(*lines_, range.begin + run.end - 1));
        }
      }
    }
    short_lines = r.short_line > 0;
  }
  if (short_lines) AddShortLines(rule, &candidate_lines);
  if (hits_[j - 1].end == ScanHit::kAnywhere || short_lines) {
    // Lines from more than one source: in order, each once.
    std::sort(candidate_lines.begin(), candidate_lines.end());
    candidate_lines.erase(std::unique(candidate_lines.begin(), candidate_lines.end()),
                          candidate_lines.end());
  }
  for (size_t li : candidate_lines) {
    // A line with no requirement met is not looked at (nor folded).
    if (r.requirements != nullptr &&
        !r.requirements->get().Match(text_, (*lines_)[li].begin, (*lines_)[li].end,
                                     r.requirements_anchored ? RE2::ANCHOR_START
                                                             : RE2::UNANCHORED,
                                     nullptr, 0)) {
      continue;
    }
    if (r.fold) {
      RunFolded(rule, li);
    } else {
      RunLine(rule, li);
    }
  }
}

void Cleaner::Impl::RuleRun::Finish() {
  folded_->Reset();
  std::vector<Cut>& cuts = *cuts_;
  // A header such as `Recommended for you` takes the list below it along.
  const size_t header_cuts = cuts.size();
  for (size_t k = 0; k < header_cuts; ++k) {
    const Cut header = cuts[k];
    if (!compiled_rule(header.rule).list) continue;
    size_t li = internal::LineIndexOf(*lines_, header.begin);
    bool skipped_blank = false;
    for (size_t items = 0; ++li < lines_->size() && items < kMaxListItems;) {
      const Line& line = (*lines_)[li];
      const std::string_view body = text_.substr(line.begin, line.end - line.begin);
      if (internal::IsBlank(body)) {
        if (items > 0 || skipped_blank) break;
        skipped_blank = true;
        continue;
      }
      if (!internal::IsListItem(body)) break;
      cuts.push_back(Cut{line.begin, line.end, "", header.rule, header.category,
                         RuleKind::kLine});
      ++items;
    }
  }

  if (signals_.empty()) return;
  // Of two signals on the same text, the rule listed first comes first (and
  // is credited): the order does not depend on the order rules ran in.
  std::sort(signals_.begin(), signals_.end(), [](const Signal& a, const Signal& b) {
    return a.begin != b.begin ? a.begin < b.begin
           : a.end != b.end   ? a.end > b.end
                              : a.rule < b.rule;
  });
  const Options& options = impl_->options;
  internal::ScoreSentences(text_, *lines_, signals_, options.ad_threshold, cuts_, weak_);
  if (options.pii != PiiMode::kKeep) {
    for (const Signal& s : signals_) {
      if (!s.contact) continue;
      const CompiledRule& r = compiled_rule(s.rule);
      if (r.pii == PiiType::kNone) continue;  // a contact, but not personal data
      cuts.push_back(Cut{s.value_begin, s.value_end,
                         options.pii == PiiMode::kMask ? MaskOf(r.pii) : "", s.rule,
                         s.category, RuleKind::kSpan});
    }
  }
}

void Cleaner::Impl::FindCuts(std::string_view text, const std::vector<Line>& lines,
                             const std::vector<Span>* ranges, std::vector<Cut>* cuts,
                             std::vector<internal::Credit>* weak) const {
  // Reused by the thread's next document: no allocation once warm.
  thread_local FoldCache folded;
  thread_local RuleRun run;
  folded.Reset();  // clean already, unless the last run was cut short by a throw
  run.Start(*this, text, &lines, ranges, cuts, weak, &folded);
  run.Scan();
  while (run.rule_left()) run.RunNextRule();
  run.Finish();
}

Cleaner::Cleaner(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Cleaner::~Cleaner() = default;

StatusOr<std::shared_ptr<const Cleaner>> Cleaner::Create(const Options& options) {
  if (options.min_repeat_chars < 0) {
    return InvalidArgumentError("min_repeat_chars must be >= 0, got " +
                                std::to_string(options.min_repeat_chars));
  }
  if (options.ad_threshold < 1) {
    return InvalidArgumentError("ad_threshold must be >= 1, got " +
                                std::to_string(options.ad_threshold));
  }
  if (options.keep_link_urls && !options.strip_markdown) {
    return InvalidArgumentError("keep_link_urls needs strip_markdown");
  }
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (options.fix_mojibake) {
    auto mojibake = internal::MojibakeRepair::Get();
    if (!mojibake.ok()) return mojibake.status();
    impl->mojibake = *mojibake;
  }
  if (options.to_simplified) {
    auto simplifier = internal::Simplifier::Get();
    if (!simplifier.ok()) return simplifier.status();
    impl->simplifier = *simplifier;
  }
  for (const internal::StageRuleSpec& s : internal::kStageRules) {
    impl->rules.push_back(
        RuleInfo{s.id, s.category, RuleKind::kStage, "builtin", s.description});
    impl->by_id.emplace(s.id, static_cast<int>(impl->rules.size()) - 1);
  }

  std::vector<RuleText> sources;
  if (options.default_rules) {
    const std::vector<Pack> packs = BuiltinPacks();
    for (const std::string& name : options.packs) {
      const bool known = std::any_of(packs.begin(), packs.end(),
                                     [&](const Pack& p) { return p.name == name; });
      if (!known) {
        std::string names;
        for (const Pack& p : packs) names += (names.empty() ? "" : ", ") + std::string(p.name);
        return NotFoundError("unknown rule pack \"" + name +
                             "\" (built-in packs: " + names + ")");
      }
    }
    for (const Pack& p : packs) {
      if (options.packs.empty() ||
          std::find(options.packs.begin(), options.packs.end(), p.name) !=
              options.packs.end()) {
        sources.push_back(RuleText{"rules/" + std::string(p.name) + ".toml",
                                   std::string(p.text)});
      }
    }
  }
  const size_t builtin_sources = sources.size();
  for (const std::string& path : options.rule_files) {
    StatusOr<std::string> text = ReadFile(path);
    if (!text.ok()) return text.status();
    sources.push_back(RuleText{path, std::move(*text)});
  }
  for (const RuleText& rt : options.rule_texts) sources.push_back(rt);

  std::vector<internal::ScanPattern> scan;
  std::map<std::string, std::string> first_seen;
  for (size_t k = 0; k < sources.size(); ++k) {
    StatusOr<RulePack> pack = internal::ParseRuleFile(sources[k].name, sources[k].text);
    if (!pack.ok()) return pack.status();
    if (Status s = impl->AddPack(*pack, k < builtin_sources, &scan, &first_seen);
        !s.ok()) {
      return s;
    }
  }
  for (const std::string& id : options.disabled_rules) {
    if (first_seen.count(id) == 0) {
      return NotFoundError("disabled rule \"" + id + "\" does not exist");
    }
  }
  // The default rules' database was compiled at build time: load it.
  impl->scan_fingerprint = internal::Scanner::Fingerprint(scan);
  const bool builtin =
      impl->scan_fingerprint == internal::BuiltinScannerFingerprint();
  StatusOr<std::unique_ptr<internal::Scanner>> scanner = internal::Scanner::Create(
      scan, builtin ? internal::BuiltinScannerImage() : std::string_view());
  if (!scanner.ok()) return scanner.status();
  impl->scanner = std::move(*scanner);
  return std::shared_ptr<const Cleaner>(new Cleaner(std::move(impl)));
}

Result Cleaner::Clean(std::string_view text) const {
  Result r;
  Clean(text, &r);
  return r;
}

void Cleaner::Clean(std::string_view input, Result* result) const {
  CleanUpTo(input, kMaxPasses, result, nullptr);
}

void Cleaner::CleanUpTo(std::string_view input, int max_passes, Result* result,
                        bool* settled) const {
  internal::PassReport report;
  CleanPass(input, nullptr, result, &report);
  LaterPasses(input, max_passes, &report, result, settled);
}

void Cleaner::LaterPasses(std::string_view input, int max_passes, internal::PassReport* report,
                          Result* result, bool* settled) const {
  internal::PassReport next;
  Result again;
  bool done = !report->again;
  for (int pass = 1; pass < max_passes && !done; ++pass) {
    CleanPass(result->text, report, &again, &next);
    if (again.edits.empty()) {
      done = true;
      break;
    }
    result->edits = internal::ComposeEdits(std::move(result->edits), std::move(again.edits));
    std::string().swap(result->text);  // before the new output is made
    result->text = ApplyEdits(input, result->edits);
    std::swap(*report, next);
    done = !report->again;
  }
  if (settled != nullptr) *settled = done;
}

namespace {

// True if hygiene may find anything in text that a pass wrote. That text is
// hygienic text with cuts, and replacements that are hygienic too (rule
// files are checked for that); hygiene judges each character alone, but
// for ZWNJ and ZWJ, which go or stay by their neighbours, which cuts change.
bool MayNeedHygieneAgain(std::string_view text) {
  for (size_t i = text.find("\xE2\x80"); i != std::string_view::npos;
       i = text.find("\xE2\x80", i + 2)) {
    if (i + 2 < text.size() && (text[i + 2] == '\x8C' || text[i + 2] == '\x8D')) {
      return true;
    }
  }
  return false;
}

// The lines a pass after the first must look at (see CleanPass): the lines
// the last pass changed and the title, as `look` (by line) and `ranges`
// (runs of such lines). The other lines get the weak credits they had.
// Returns false, and sets nothing, when the last pass's report does not fit
// `lines`.
bool LinesToLookAt(std::string_view text, const std::vector<Line>& lines,
                   const internal::PassReport& previous, std::vector<bool>* look,
                   std::vector<Span>* ranges, std::vector<internal::Credit>* weak) {
  if (!previous.lines_known || previous.line_count != lines.size()) return false;
  look->assign(lines.size(), false);
  for (size_t i : previous.changed) (*look)[i] = true;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!internal::IsBlank(text.substr(lines[i].begin, lines[i].end - lines[i].begin))) {
      (*look)[i] = true;
      break;
    }
  }
  for (const auto& [i, credit] : previous.weak) {
    if (!(*look)[i]) (*weak)[i] = credit;
  }
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!(*look)[i]) continue;
    if (i > 0 && (*look)[i - 1]) {
      ranges->back().end = lines[i].end;
    } else {
      ranges->push_back(Span{lines[i].begin, lines[i].end});
    }
  }
  return true;
}

}  // namespace

// A pass after the first gets the text the last one wrote. Its lines are the
// lines of the last pass's text less the removed ones, and every stage but
// layout works one line at a time; so the lines the last pass left as they
// were hold no cut this pass would find (the last pass found none there),
// unless their context changed: the title may be another line now (it is
// looked at again), and weak credits count in the trailing block (they are
// carried over). This pass looks again only at the lines that changed, when
// nothing before the rules changed the text; layout looks at the whole text.
// The state of one pass over one document, between its stages.
struct Cleaner::Impl::PassState {
  std::vector<Edit> before;  // step 1's edits, in input offsets
  std::string repaired;
  std::string hygienic;
  std::string_view text;     // what step 2 reads: input, repaired or hygienic
  std::vector<Line> lines;
  std::vector<Cut> cuts;
  std::vector<internal::Credit> weak;
  std::vector<bool> look;    // empty: every line
  std::vector<Span> ranges;  // the lines to look at, when some_lines
  bool some_lines = false;

  // Empty, with the buffers kept.
  void Clear() {
    before.clear();
    repaired.clear();
    hygienic.clear();
    text = {};
    lines.clear();
    cuts.clear();
    weak.clear();
    look.clear();
    ranges.clear();
    some_lines = false;
  }
  // Bytes its buffers hold.
  size_t held() const {
    return before.capacity() * sizeof(Edit) + repaired.capacity() + hygienic.capacity() +
           lines.capacity() * sizeof(Line) + cuts.capacity() * sizeof(Cut) +
           weak.capacity() * sizeof(internal::Credit) + look.capacity() / 8 +
           ranges.capacity() * sizeof(Span);
  }
};

// Step 1 of a pass, and the lines step 2 looks at.
void Cleaner::Impl::BeginPass(std::string_view input, const internal::PassReport* previous,
                              PassState* st) const {
  const Options& o = options;
  // 1. Mojibake repair (it needs the C1 controls hygiene removes) and
  // hygiene on the raw input, then traditional to simplified, so that the
  // rules see the repaired, simplified text. `before` holds these edits, in
  // input offsets; `text` is the result.
  std::string_view base = input;
  if (mojibake != nullptr &&
      mojibake->FindEdits(input, internal::kRuleMojibake, Category::kNormalize, &st->before)) {
    st->repaired = ApplyEdits(input, st->before);
    base = st->repaired;
  }
  std::vector<Edit> hygiene;
  std::string_view text = base;
  if ((previous == nullptr || MayNeedHygieneAgain(base)) &&
      internal::FindHygieneEdits(base, {o.remove_invisible, o.normalize_newlines}, &hygiene)) {
    st->hygienic = ApplyEdits(base, hygiene);
    text = st->hygienic;
  }
  st->before = internal::ComposeEdits(std::move(st->before), std::move(hygiene));
  std::vector<Edit> simplify;
  if (simplifier != nullptr &&
      simplifier->FindEdits(text, internal::kRuleToSimplified, Category::kNormalize,
                            &simplify)) {
    std::string simplified = ApplyEdits(text, simplify);
    st->hygienic = std::move(simplified);
    text = st->hygienic;
    st->before = internal::ComposeEdits(std::move(st->before), std::move(simplify));
  }
  st->text = text;

  // 2. Rules and layout, on that text: its lines.
  internal::SplitLines(text, &st->lines);
  st->weak.assign(st->lines.size(), internal::Credit{});
  st->some_lines = previous != nullptr && st->before.empty() &&
                   LinesToLookAt(text, st->lines, *previous, &st->look, &st->ranges, &st->weak);
}

// The rest of step 2, once the rules have run, and the steps after it.
void Cleaner::Impl::EndPass(std::string_view input, const internal::PassReport* previous,
                            PassState* st, Result* result, internal::PassReport* report) const {
  const Options& o = options;
  const std::string_view text = st->text;
  const std::vector<Line>& lines = st->lines;
  std::vector<Cut>& cuts = st->cuts;
  if (o.noise) {
    for (size_t i = 0; i < lines.size(); ++i) {
      if (st->look.empty() || st->look[i]) internal::FindNoise(text, lines[i], &cuts);
    }
  }
  internal::ResolveCuts(&cuts);
  std::vector<Edit> later;
  internal::AssembleEdits(text, lines, cuts, st->weak, {o.min_repeat_chars, o.layout}, &later,
                          report);

  // 3. The format normalizers, on the text the rules keep.
  if (o.strip_markdown || o.normalize_punct) {
    std::string kept = ApplyEdits(text, later);
    std::vector<Edit> more;
    if (o.strip_markdown &&
        internal::FindMarkdownEdits(kept, o.keep_link_urls, o.layout, internal::kRuleMarkdown,
                                    Category::kNormalize, &more)) {
      kept = ApplyEdits(kept, more);
      later = internal::ComposeEdits(std::move(later), std::move(more));
      more.clear();
    }
    if (o.normalize_punct &&
        internal::FindPunctEdits(kept, internal::kRulePunct, internal::kRuleWidth,
                                 Category::kNormalize, &more)) {
      later = internal::ComposeEdits(std::move(later), std::move(more));
    }
  }

  // What the next pass needs: whether anything but blank lines went, and
  // which lines changed (unknown after the format normalizers).
  report->again = std::any_of(later.begin(), later.end(), [](const Edit& e) {
    return e.rule != internal::kRuleBlankLines;
  });
  report->lines_known = !(o.strip_markdown || o.normalize_punct);

  // 4. Back to input offsets. An edit of the rules takes over the edits of
  // step 1 inside it and those that touch its end.
  result->edits = internal::ComposeEdits(std::move(st->before), std::move(later));
  // The output of a later pass is made by the caller, from the first input.
  if (previous != nullptr) return;
  // The text the stages read is freed first: a huge document is then held
  // twice at most (input and output), not three times.
  std::string().swap(st->hygienic);
  std::string().swap(st->repaired);
  result->text = ApplyEdits(input, result->edits);
}

void Cleaner::CleanPass(std::string_view input, const internal::PassReport* previous,
                        Result* result, internal::PassReport* report) const {
  result->text.clear();
  result->edits.clear();
  Impl::PassState st;
  impl_->BeginPass(input, previous, &st);
  if (!st.lines.empty()) {
    impl_->FindCuts(st.text, st.lines, st.some_lines ? &st.ranges : nullptr, &st.cuts,
                    &st.weak);
  }
  impl_->EndPass(input, previous, &st, result, report);
}

void Cleaner::CleanBatch(std::span<const std::string_view> texts,
                         std::vector<Result>* results) const {
  results->resize(texts.size());
  // Texts go in groups of about kGroupBytes: enough lines for each rule to
  // run over several in a row, and few enough that the group's passes hold
  // little between their stages. A text that big or bigger gains nothing
  // and goes alone.
  constexpr size_t kGroupBytes = size_t{64} << 10;
  constexpr size_t kMaxGroupTexts = 1024;
  // What a group's passes hold, reused by the thread's next group: a
  // group's texts are cleaned with no more allocations than one text is.
  struct Group {
    std::vector<Impl::PassState> passes;  // not moved once a pass begins
    std::vector<internal::PassReport> reports;
    std::vector<std::unique_ptr<Impl::RuleRun>> runs;
    std::vector<FoldCache> folds;
    std::vector<std::pair<int, uint32_t>> order;  // (rule, text in group)

    size_t Held() const {
      size_t bytes = 0;
      for (const Impl::PassState& st : passes) bytes += st.held();
      for (const internal::PassReport& r : reports) {
        bytes += r.changed.capacity() * sizeof(size_t) +
                 r.weak.capacity() * sizeof(std::pair<size_t, internal::Credit>);
      }
      for (const auto& run : runs) bytes += run->held();
      for (const FoldCache& f : folds) {
        bytes += f.held * 9 + f.slot.capacity() * sizeof(uint32_t) +
                 f.pool.capacity() * sizeof(internal::FoldedLine);
      }
      return bytes;
    }
  };
  constexpr size_t kMaxHeld = size_t{8} << 20;
  thread_local Group g;
  for (size_t first = 0; first < texts.size();) {
    size_t last = first, bytes = 0;
    while (last < texts.size() && last - first < kMaxGroupTexts &&
           (last == first || bytes + texts[last].size() <= kGroupBytes)) {
      bytes += texts[last++].size();
    }
    const size_t n = last - first;
    if (n == 1) {
      Clean(texts[first], &(*results)[first]);
      first = last;
      continue;
    }
    if (g.passes.size() < n) {
      g.passes.resize(n);
      g.reports.resize(n);
      g.folds.resize(n);
      while (g.runs.size() < n) g.runs.push_back(std::make_unique<Impl::RuleRun>());
    }
    // The first pass of each text, one stage at a time over the group, and
    // in the rules' stage one rule at a time.
    g.order.clear();
    for (size_t k = 0; k < n; ++k) {
      Result& result = (*results)[first + k];
      result.text.clear();
      result.edits.clear();
      Impl::PassState& st = g.passes[k];
      st.Clear();
      impl_->BeginPass(texts[first + k], nullptr, &st);
      if (st.lines.empty()) continue;
      g.folds[k].Reset();  // as in FindCuts
      g.runs[k]->Start(*impl_, st.text, &st.lines, nullptr, &st.cuts, &st.weak, &g.folds[k]);
      g.runs[k]->Scan();
      g.runs[k]->ListRules(static_cast<uint32_t>(k), &g.order);
    }
    std::sort(g.order.begin(), g.order.end());
    for (const auto& [rule, k] : g.order) g.runs[k]->RunNextRule();
    for (size_t k = 0; k < n; ++k) {
      Impl::PassState& st = g.passes[k];
      if (!st.lines.empty()) g.runs[k]->Finish();
      impl_->EndPass(texts[first + k], nullptr, &st, &(*results)[first + k], &g.reports[k]);
    }
    // The passes after the first, one text at a time: few texts need one.
    for (size_t k = 0; k < n; ++k) {
      LaterPasses(texts[first + k], kMaxPasses, &g.reports[k], &(*results)[first + k], nullptr);
    }
    first = last;
    // Each text of a group leaves its buffers for the text at its place in
    // the next group; past kMaxHeld bytes in all (texts with many lines or
    // long folded ones met at many places) they all go.
    if (g.Held() > kMaxHeld) g = Group{};
  }
}

int Cleaner::rule_count() const { return static_cast<int>(impl_->rules.size()); }
const RuleInfo& Cleaner::rule(int index) const { return impl_->rules.at(index); }
int Cleaner::FindRule(std::string_view id) const {
  auto it = impl_->by_id.find(std::string(id));
  return it == impl_->by_id.end() ? -1 : it->second;
}
const Options& Cleaner::options() const { return impl_->options; }
std::string_view Cleaner::engine() { return internal::Scanner::EngineName(); }

uint64_t internal::CleanerAccess::ScanFingerprint(const Cleaner& cleaner) {
  return cleaner.impl_->scan_fingerprint;
}

const internal::Scanner& internal::CleanerAccess::GetScanner(const Cleaner& cleaner) {
  return *cleaner.impl_->scanner;
}

void internal::CleanerAccess::CleanUpTo(const Cleaner& cleaner, std::string_view text,
                                        int max_passes, Result* result, bool* settled) {
  cleaner.CleanUpTo(text, max_passes, result, settled);
}

std::string internal::CleanerAccess::ScannerImage(const Cleaner& cleaner) {
  return cleaner.impl_->scanner->Image();
}

Status CheckRules(std::string_view name, std::string_view text) {
  Options options;
  options.default_rules = false;
  options.rule_texts.push_back(RuleText{std::string(name), std::string(text)});
  StatusOr<std::shared_ptr<const Cleaner>> cleaner = Cleaner::Create(options);
  return cleaner.ok() ? Status::Ok() : cleaner.status();
}

}  // namespace textwash
