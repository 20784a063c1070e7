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
      // A rule with triggers (or a numeral run) is found through them; its
      // own terms run only on the lines they pick.
      if (def.triggers.empty() && def.numeral_run == 0) {
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
    if (def.numeral_run > 0) {
      numeral_rules.push_back(index);
      min_numeral_run = min_numeral_run == 0
                            ? rule.numeral_run
                            : std::min(min_numeral_run, rule.numeral_run);
    }
    rule.exact = def.triggers.empty() && def.numeral_run == 0 &&
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

void Cleaner::Impl::FindCuts(std::string_view text,
                             const std::vector<Line>& lines,
                             const std::vector<Span>* ranges,
                             std::vector<Cut>* cuts,
                             std::vector<internal::Credit>* weak) const {
  // Scan offsets are 32-bit: a larger text is looked at whole.
  if (text.size() > UINT32_MAX) ranges = nullptr;
  thread_local std::vector<Span> whole(1);  // no allocation per call
  whole[0] = Span{0, text.size()};
  if (ranges == nullptr) ranges = &whole;
  std::vector<ScanHit> hits;
  hits.reserve(64);  // a document's hits, most often: one allocation
  thread_local std::vector<internal::NumeralRun> runs;
  for (const Span& range : *ranges) {
    const size_t first = hits.size();
    const std::string_view part = text.substr(range.begin, range.end - range.begin);
    scanner->Scan(part, &hits);
    for (size_t k = first; k < hits.size(); ++k) {
      if (hits[k].end != ScanHit::kAnywhere) hits[k].end += range.begin;
    }
    if (numeral_rules.empty() || text.size() > UINT32_MAX) continue;
    runs.clear();
    internal::FindNumeralRuns(part, min_numeral_run, &runs);
    for (const internal::NumeralRun& run : runs) {
      for (int rule : numeral_rules) {
        if (run.count >= compiled_rule(rule).numeral_run) {
          hits.push_back(ScanHit{rule, static_cast<uint32_t>(range.begin + run.end)});
        }
      }
    }
  }
  if (text.size() > UINT32_MAX) {  // FindCuts finds the runs itself
    for (int rule : numeral_rules) hits.push_back(ScanHit{rule, ScanHit::kAnywhere});
  }
  if (hits.empty()) return;
  std::sort(hits.begin(), hits.end(), [](const ScanHit& a, const ScanHit& b) {
    return a.rule != b.rule ? a.rule < b.rule : a.end < b.end;
  });
  size_t first_line = 0;  // the first line with text: the title, if any
  while (first_line < lines.size() &&
         internal::IsBlank(text.substr(lines[first_line].begin,
                                       lines[first_line].end - lines[first_line].begin))) {
    ++first_line;
  }
  std::vector<Signal> signals;
  // A match of `rule` at text[mb, me) on line `li`; `matched` is what the
  // pattern saw (folded text for fold rules).
  // A match of `rule` at text[mb, me) on line `li`, whose value (the part
  // personal data masking replaces) is text[vb, ve); `matched` is what the
  // pattern saw (folded text for fold rules).
  auto emit = [&](int rule, size_t mb, size_t me, size_t vb, size_t ve,
                  size_t li, std::string_view matched) {
    const CompiledRule& r = compiled_rule(rule);
    if (r.first_line_only && li != first_line) return;
    if (!Validate(r.validate, text, mb, me, matched)) return;
    if (r.kind == RuleKind::kScore || r.kind == RuleKind::kContact) {
      signals.push_back(Signal{mb, me, vb, ve, li, rule, r.category, r.weight,
                               r.cue, r.kind == RuleKind::kContact, r.signal});
      return;
    }
    CutsForMatch(text, lines[li], mb, me, rule, cuts);
  };
  // Runs `re` over in[begin, end), a whole number of lines, calling
  // on_match(match_begin, match_end, value_begin, value_end) for each match,
  // where the value is the first capturing group that took part (a contact
  // rule's id after its label: `微信：(abc_2023)`), or the whole match.
  // Only personal data masking uses the value: without it no group is asked
  // for, and RE2 finds the match with its two DFA passes alone (groups take
  // a third pass over the match, which allocates).
  const bool want_values = options.pii != PiiMode::kKeep;
  auto each_match = [&](const RE2& re, std::string_view in, size_t begin,
                        size_t end, bool line_start_only, auto&& on_match) {
    constexpr int kMaxGroups = 4;
    const int groups =
        want_values ? std::min(re.NumberOfCapturingGroups(), kMaxGroups) : 0;
    re2::StringPiece m[kMaxGroups + 1];
    size_t pos = begin;
    while (pos < end) {
      // A pattern anchored at the line start is tried there only, not
      // searched for along the whole line.
      if (!re.Match(in, pos, end, line_start_only ? RE2::ANCHOR_START : RE2::UNANCHORED,
                    m, groups + 1)) {
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
  };
  // A match of raw-text rule `rule` at text[mb, me); returns where to look
  // for the next one.
  auto on_raw_match = [&](int rule, size_t mb, size_t me, size_t vb,
                          size_t ve) -> size_t {
    const CompiledRule& r = compiled_rule(rule);
    const size_t li = internal::LineIndexOf(lines, mb);
    emit(rule, mb, me, vb, ve, li, text.substr(mb, me - mb));
    // A line rule has done its work on this line; a sentence rule on its
    // sentence (looking again inside it would be quadratic).
    if (r.kind == RuleKind::kLine) return lines[li].end;
    if (r.kind == RuleKind::kSentence && !cuts->empty() && cuts->back().rule == rule) {
      // Resume at the sentence's end mark, which the next sentence's
      // pattern may start with (`(?:^|[.!?] )by continuing`).
      return std::max(me, internal::BeforeSentenceEnd(text, me, cuts->back().end));
    }
    return me;
  };
  // Exact matches of a raw-text rule over text[begin, end).
  auto run_raw = [&](int rule, size_t begin, size_t end, bool line_start_only) {
    each_match(compiled_rule(rule).re->get(), text, begin, end, line_start_only,
               [&](size_t mb, size_t me, size_t vb, size_t ve) -> size_t {
                 return on_raw_match(rule, mb, me, vb, ve);
               });
  };
  // Raw-text rule `rule` on candidate line `li`. A line rule without a
  // validator cuts the whole line whatever its match: whether there is one
  // is enough, which RE2 tells with one forward pass that stops at the
  // first match (finding where a match starts and ends takes two, and builds
  // DFA states for both).
  auto run_line = [&](int rule, size_t li) {
    const CompiledRule& r = compiled_rule(rule);
    const Line& line = lines[li];
    if (r.kind != RuleKind::kLine || r.validate != Validator::kNone) {
      run_raw(rule, line.begin, line.end, r.line_anchored);
      return;
    }
    if (r.re->get().Match(text, line.begin, line.end,
                          r.line_anchored ? RE2::ANCHOR_START : RE2::UNANCHORED, nullptr, 0)) {
      on_raw_match(rule, line.begin, line.end, line.begin, line.end);
    }
  };
  // Folded lines, made on first use, in buffers each thread reuses. A
  // folded byte takes 9 bytes (text and map back): past kMaxFoldedBytes of
  // a huge document the lines folded so far are dropped, and folded again
  // if another rule needs them.
  constexpr uint32_t kNotFolded = UINT32_MAX;
  constexpr size_t kMaxFoldedBytes = size_t{4} << 20;
  thread_local std::vector<internal::FoldedLine> fold_pool;
  thread_local std::vector<uint32_t> fold_slot;  // by line
  size_t folds = 0;
  size_t folds_most = 0;  // the pool entries this document used
  size_t folded_bytes = 0;
  std::vector<size_t> folded_lines;  // the lines in the pool, in its order
  auto run_folded = [&](int rule, size_t li) {
    if (folds == 0 && fold_slot.size() < lines.size()) {
      fold_slot.resize(lines.size(), kNotFolded);
    }
    const Line& line = lines[li];
    if (fold_slot[li] == kNotFolded) {
      if (folded_bytes > kMaxFoldedBytes) {
        for (size_t l : folded_lines) fold_slot[l] = kNotFolded;
        folded_lines.clear();
        folds = folded_bytes = 0;
      }
      folded_lines.push_back(li);
      if (fold_pool.size() <= folds) fold_pool.resize(folds + 1);
      internal::FoldLine(text.substr(line.begin, line.end - line.begin), &fold_pool[folds]);
      fold_slot[li] = static_cast<uint32_t>(folds++);
      folds_most = std::max(folds_most, folds);
      folded_bytes += line.end - line.begin;
    }
    const internal::FoldedLine& f = fold_pool[fold_slot[li]];
    const CompiledRule& r = compiled_rule(rule);
    each_match(r.re->get(), f.text, 0, f.text.size(), r.line_anchored,
               [&](size_t fb, size_t fe, size_t fvb, size_t fve) -> size_t {
                 if (fe > fb) {
                   const auto [b, e] = f.ToInput(fb, fe);
                   const auto [vb, ve] = f.ToInput(fvb, fve);
                   emit(rule, line.begin + b, line.begin + e, line.begin + vb,
                        line.begin + ve, li,
                        std::string_view(f.text).substr(fb, fe - fb));
                 }
                 return fe;
               });
  };

  std::vector<size_t> candidate_lines;  // of one rule; reused by the next
  for (size_t i = 0; i < hits.size();) {
    const int rule = hits[i].rule;
    const CompiledRule& r = compiled_rule(rule);
    size_t j = i;
    while (j < hits.size() && hits[j].rule == rule) ++j;
    // A rule of literals the engine located exactly needs no regex: its
    // matches are taken leftmost first, and at one place in the order of
    // its terms, as the regex would take them.
    if (r.exact && hits[i].length > 0) {
      std::sort(hits.begin() + static_cast<ptrdiff_t>(i),
                hits.begin() + static_cast<ptrdiff_t>(j),
                [](const ScanHit& a, const ScanHit& b) {
                  const uint32_t ab = a.end - a.length, bb = b.end - b.length;
                  return ab != bb ? ab < bb : a.term < b.term;
                });
      size_t pos = 0;
      for (size_t k = i; k < j; ++k) {
        const size_t mb = hits[k].end - hits[k].length;
        if (mb < pos) continue;
        pos = std::max<size_t>(hits[k].end,
                               on_raw_match(rule, mb, hits[k].end, mb, hits[k].end));
      }
      i = j;
      continue;
    }
    // The lines to look at: where the hits end, or, when the engine cannot
    // say where, every line (for rules with triggers or a numeral run, every
    // line they pick).
    candidate_lines.clear();
    for (size_t k = i; k < j && hits[k].end != ScanHit::kAnywhere; ++k) {
      // The match ends at hits[k].end; its last byte is on this line.
      const size_t at = hits[k].end > 0 ? hits[k].end - 1 : 0;
      const size_t li = internal::LineIndexOf(lines, at);
      if (candidate_lines.empty() || candidate_lines.back() != li) {
        candidate_lines.push_back(li);
      }
    }
    if (hits[j - 1].end == ScanHit::kAnywhere) {
      if (r.triggers == nullptr && r.numeral_run == 0) {
        for (const Span& range : *ranges) run_raw(rule, range.begin, range.end, false);
        i = j;
        continue;
      }
      for (const Span& range : *ranges) {
        if (r.triggers != nullptr) {
          each_match(r.triggers->get(), text, range.begin, range.end, false,
                     [&](size_t mb, size_t, size_t, size_t) -> size_t {
            const size_t li = internal::LineIndexOf(lines, mb);
            candidate_lines.push_back(li);
            return lines[li].end;
          });
        }
        if (r.numeral_run > 0 && text.size() > UINT32_MAX) {
          runs.clear();
          internal::FindNumeralRuns(text.substr(range.begin, range.end - range.begin),
                                    r.numeral_run, &runs);
          for (const internal::NumeralRun& run : runs) {
            candidate_lines.push_back(internal::LineIndexOf(lines, range.begin + run.end - 1));
          }
        }
      }
      // Lines from more than one source: in order, each once.
      std::sort(candidate_lines.begin(), candidate_lines.end());
      candidate_lines.erase(std::unique(candidate_lines.begin(), candidate_lines.end()),
                            candidate_lines.end());
    }
    for (size_t li : candidate_lines) {
      // A line with no requirement met is not looked at (nor folded).
      if (r.requirements != nullptr &&
          !r.requirements->get().Match(text, lines[li].begin, lines[li].end,
                                       r.requirements_anchored ? RE2::ANCHOR_START
                                                               : RE2::UNANCHORED,
                                       nullptr, 0)) {
        continue;
      }
      if (r.fold) {
        run_folded(rule, li);
      } else {
        run_line(rule, li);
      }
    }
    i = j;
  }

  // Buffers a huge line or document grew are not kept for the next one.
  for (size_t k = 0; k < folds_most; ++k) {
    if (fold_pool[k].text.capacity() > (size_t{1} << 20)) fold_pool[k] = {};
  }
  for (size_t l : folded_lines) fold_slot[l] = kNotFolded;  // clean for the next one
  if (fold_slot.size() > (size_t{1} << 20)) std::vector<uint32_t>().swap(fold_slot);

  // A header such as `Recommended for you` takes the list below it along.
  const size_t header_cuts = cuts->size();
  for (size_t k = 0; k < header_cuts; ++k) {
    const Cut header = (*cuts)[k];
    if (!compiled_rule(header.rule).list) continue;
    size_t li = internal::LineIndexOf(lines, header.begin);
    bool skipped_blank = false;
    for (size_t items = 0; ++li < lines.size() && items < kMaxListItems;) {
      const Line& line = lines[li];
      const std::string_view body = text.substr(line.begin, line.end - line.begin);
      if (internal::IsBlank(body)) {
        if (items > 0 || skipped_blank) break;
        skipped_blank = true;
        continue;
      }
      if (!internal::IsListItem(body)) break;
      cuts->push_back(Cut{line.begin, line.end, "", header.rule, header.category,
                          RuleKind::kLine});
      ++items;
    }
  }

  if (signals.empty()) return;
  // Of two signals on the same text, the rule listed first comes first (and
  // is credited): the order does not depend on the order rules ran in.
  std::sort(signals.begin(), signals.end(), [](const Signal& a, const Signal& b) {
    return a.begin != b.begin ? a.begin < b.begin
           : a.end != b.end   ? a.end > b.end
                              : a.rule < b.rule;
  });
  internal::ScoreSentences(text, lines, signals, options.ad_threshold, cuts, weak);
  if (options.pii != PiiMode::kKeep) {
    for (const Signal& s : signals) {
      if (!s.contact) continue;
      const CompiledRule& r = compiled_rule(s.rule);
      if (r.pii == PiiType::kNone) continue;  // a contact, but not personal data
      cuts->push_back(Cut{s.value_begin, s.value_end,
                          options.pii == PiiMode::kMask ? MaskOf(r.pii) : "",
                          s.rule, s.category, RuleKind::kSpan});
    }
  }
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
  // A cut can make new junk: a line that a marker shared now matches a line
  // rule, two lines are now copies, the title went and the next line is the
  // title now. So each pass cleans what the last one wrote, until one
  // changes nothing, and cleaning the output again changes nothing more.
  // Only input built to nest junk deeper than the passes allow (a marker
  // split by a marker split by a marker ...) is left with some. Passes after
  // the first look only at what changed (see CleanPass).
  constexpr int kMaxPasses = 8;
  CleanUpTo(input, kMaxPasses, result, nullptr);
}

void Cleaner::CleanUpTo(std::string_view input, int max_passes, Result* result,
                        bool* settled) const {
  internal::PassReport report, next;
  Result again;
  CleanPass(input, nullptr, result, &report);
  bool done = !report.again;
  for (int pass = 1; pass < max_passes && !done; ++pass) {
    CleanPass(result->text, &report, &again, &next);
    if (again.edits.empty()) {
      done = true;
      break;
    }
    result->edits = internal::ComposeEdits(std::move(result->edits), std::move(again.edits));
    std::string().swap(result->text);  // before the new output is made
    result->text = ApplyEdits(input, result->edits);
    std::swap(report, next);
    done = !report.again;
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
void Cleaner::CleanPass(std::string_view input, const internal::PassReport* previous,
                        Result* result, internal::PassReport* report) const {
  result->text.clear();
  result->edits.clear();
  const Options& o = impl_->options;

  // 1. Mojibake repair (it needs the C1 controls hygiene removes) and
  // hygiene on the raw input, then traditional to simplified, so that the
  // rules see the repaired, simplified text. `before` holds these edits, in
  // input offsets; `text` is the result.
  std::vector<Edit> before;
  std::string repaired;
  std::string_view base = input;
  if (impl_->mojibake != nullptr &&
      impl_->mojibake->FindEdits(input, internal::kRuleMojibake, Category::kNormalize,
                                 &before)) {
    repaired = ApplyEdits(input, before);
    base = repaired;
  }
  std::vector<Edit> hygiene;
  std::string hygienic;
  std::string_view text = base;
  if ((previous == nullptr || MayNeedHygieneAgain(base)) &&
      internal::FindHygieneEdits(
          base, {o.remove_invisible, o.normalize_newlines}, &hygiene)) {
    hygienic = ApplyEdits(base, hygiene);
    text = hygienic;
  }
  before = internal::ComposeEdits(std::move(before), std::move(hygiene));
  std::vector<Edit> simplify;
  if (impl_->simplifier != nullptr &&
      impl_->simplifier->FindEdits(text, internal::kRuleToSimplified, Category::kNormalize,
                                   &simplify)) {
    std::string simplified = ApplyEdits(text, simplify);
    hygienic = std::move(simplified);
    text = hygienic;
    before = internal::ComposeEdits(std::move(before), std::move(simplify));
  }

  // 2. Rules and layout, on that text.
  std::vector<Line> lines;
  internal::SplitLines(text, &lines);
  std::vector<Cut> cuts;
  std::vector<internal::Credit> weak(lines.size());
  std::vector<bool> look;  // empty: every line
  std::vector<Span> ranges;
  const bool some_lines = previous != nullptr && before.empty() &&
                          LinesToLookAt(text, lines, *previous, &look, &ranges, &weak);
  if (!lines.empty()) impl_->FindCuts(text, lines, some_lines ? &ranges : nullptr, &cuts, &weak);
  if (o.noise) {
    for (size_t i = 0; i < lines.size(); ++i) {
      if (look.empty() || look[i]) internal::FindNoise(text, lines[i], &cuts);
    }
  }
  internal::ResolveCuts(&cuts);
  std::vector<Edit> later;
  internal::AssembleEdits(text, lines, cuts, weak, {o.min_repeat_chars, o.layout},
                          &later, report);

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
  result->edits = internal::ComposeEdits(std::move(before), std::move(later));
  // The output of a later pass is made by the caller, from the first input.
  if (previous != nullptr) return;
  // The text the stages read is freed first: a huge document is then held
  // twice at most (input and output), not three times.
  std::string().swap(hygienic);
  std::string().swap(repaired);
  result->text = ApplyEdits(input, result->edits);
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
