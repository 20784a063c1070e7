// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// The Hyperscan engine: every pattern of every rule in one block-mode
// database, compiled in prefilter mode so that any RE2 pattern is accepted
// (Hyperscan may widen what it cannot express exactly; RE2 decides later).
#include <hs.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "lib/scanner.h"

namespace textwash::internal {
namespace {

// Hyperscan scratch space may be used by one scan at a time. Each thread
// keeps one, grown on demand to fit every database it has scanned with, and
// freed when the thread ends. This is per-thread working memory, not shared
// state: the Cleaner itself stays immutable.
class ThreadScratch {
 public:
  ~ThreadScratch() {
    if (scratch_ != nullptr) hs_free_scratch(scratch_);
  }
  // Returns scratch space for `db`. hs_alloc_scratch costs as much as
  // scanning a small document, so it runs only when the database changes;
  // `renew` forces it (a database freed and another allocated at the same
  // address is caught by hs_scan, which then fails with HS_INVALID).
  hs_scratch_t* For(const hs_database_t* db, bool renew = false) {
    if (renew || db != last_db_) {
      if (hs_alloc_scratch(db, &scratch_) != HS_SUCCESS) return nullptr;
      last_db_ = db;
    }
    return scratch_;
  }

 private:
  hs_scratch_t* scratch_ = nullptr;
  const hs_database_t* last_db_ = nullptr;
};

thread_local ThreadScratch thread_scratch;

// Returns `regex` with its counted repeats made cheap to compile. Hyperscan
// unrolls a counted repeat into one copy of what it repeats per count, so
// `.{0,250}` in UTF-8 mode alone takes seconds to compile, `\p{Han}{999}`
// two, and a counted group of counted repeats multiplies the copies. As a
// prefilter the scanner may match more than the pattern, never less (RE2
// checks the exact pattern), so:
//  - bounds above kMaxBound are lowered to it ({999} becomes {16,}, {2,250}
//    becomes {2,});
//  - a counted repeat that would bring the copies of the pattern over
//    kMaxCopies keeps one copy ({m,n} becomes {0,} or {1,}): of a counted
//    group of counted repeats, ((?:x{10}){10}){10}, and of long sequences.
std::string WidenRepeats(const std::string& regex) {
  constexpr size_t kMaxBound = 16;
  constexpr size_t kMaxCopies = 80;
  std::string out;
  out.reserve(regex.size());
  bool in_class = false;
  // The copies counted repeats make, in each open group and at the top.
  std::vector<size_t> copies = {0};
  size_t last_group = 0;     // the copies inside the group just closed
  for (size_t i = 0; i < regex.size(); ++i) {
    const char c = regex[i];
    const size_t group = last_group;
    last_group = 0;
    if (c == '\\' && i + 1 < regex.size()) {
      if (regex[i + 1] == 'Q') {  // \Q...\E is literal text: copy it whole
        const size_t e = regex.find("\\E", i + 2);
        const size_t stop = e == std::string::npos ? regex.size() : e + 2;
        out.append(regex, i, stop - i);
        i = stop - 1;
        continue;
      }
      out += c;  // an escape: copy both characters
      out += regex[++i];
      continue;
    }
    if (in_class) {
      in_class = c != ']';
      out += c;
      continue;
    }
    if (c == '[') {
      in_class = true;
      out += c;
      // A ']' right after '[' or '[^' is a literal, not the end.
      if (i + 1 < regex.size() && regex[i + 1] == '^') out += regex[++i];
      if (i + 1 < regex.size() && regex[i + 1] == ']') out += regex[++i];
      continue;
    }
    if (c == '(') {
      copies.push_back(0);
    } else if (c == ')' && copies.size() > 1) {
      last_group = copies.back();
      copies.pop_back();
      copies.back() += last_group;  // one copy, unless a count follows
    } else if (c == '{') {
      // {m}, {m,} or {m,n}; anything else is a literal brace.
      size_t j = i + 1;
      size_t comma = std::string::npos;
      while (j < regex.size() && (std::isdigit(static_cast<unsigned char>(regex[j])) ||
                                  (regex[j] == ',' && comma == std::string::npos))) {
        if (regex[j] == ',') comma = j;
        ++j;
      }
      const size_t lower_end = comma == std::string::npos ? j : comma;
      if (j < regex.size() && regex[j] == '}' && lower_end > i + 1) {
        // Bounds too long to parse are over the limit too.
        auto bound = [&](size_t b, size_t e) {
          size_t value = 0;
          const auto [end, ec] = std::from_chars(regex.data() + b, regex.data() + e, value);
          return ec != std::errc() || end != regex.data() + e ? SIZE_MAX : value;
        };
        size_t lower = bound(i + 1, lower_end);
        size_t upper = comma == std::string::npos ? lower
                       : j == comma + 1          ? SIZE_MAX
                                                 : bound(comma + 1, j);
        if (lower > kMaxBound || (upper != SIZE_MAX && upper > kMaxBound)) {
          lower = std::min(lower, kMaxBound);
          upper = SIZE_MAX;
        }
        // What one copy costs: a group's inner copies, or one atom.
        const size_t unit = std::max<size_t>(group, 1);
        const size_t count = upper == SIZE_MAX ? lower + 1 : upper;
        const size_t before = copies.back() - (group > 0 ? group : 0);
        if (before + count * unit > kMaxCopies) {
          lower = std::min<size_t>(lower, 1);
          upper = SIZE_MAX;
        }
        copies.back() = before + (upper == SIZE_MAX ? lower + 1 : upper) * unit;
        out += '{';
        out += std::to_string(lower);
        if (upper != lower) {
          out += ',';
          if (upper != SIZE_MAX) out += std::to_string(upper);
        }
        out += '}';
        i = j;
        continue;
      }
    }
    out += c;
  }
  return out;
}

class HyperscanScanner final : public Scanner {
 public:
  ~HyperscanScanner() override {
    if (db_ != nullptr) hs_free_database(db_);
  }

  Status Init(const std::vector<ScanPattern>& patterns, std::string_view image) {
    for (const ScanPattern& p : patterns) {
      if (all_rules_.empty() || all_rules_.back() != p.rule) {
        all_rules_.push_back(p.rule);
      }
      rule_of_.push_back(p.rule);
      rule_count_ = std::max(rule_count_, static_cast<size_t>(p.rule) + 1);
      exact_of_.push_back({p.exact_length, p.term});
    }
    if (patterns.empty()) return Status::Ok();
    if (hs_valid_platform() != HS_SUCCESS) {
      return InternalError(
          "Hyperscan does not run on this CPU (it needs SSSE3); build "
          "textwash with -DTEXTWASH_USE_HYPERSCAN=OFF");
    }
    if (!image.empty() &&
        hs_deserialize_database(image.data(), image.size(), &db_) == HS_SUCCESS) {
      return Status::Ok();
    }
    db_ = nullptr;
    std::vector<const char*> exprs;
    std::vector<unsigned> flags;
    std::vector<unsigned> ids;
    std::vector<std::string> widened;
    widened.reserve(patterns.size());
    for (const ScanPattern& p : patterns) widened.push_back(WidenRepeats(p.regex));
    for (size_t k = 0; k < patterns.size(); ++k) {
      const ScanPattern& p = patterns[k];
      exprs.push_back(widened[k].c_str());
      flags.push_back(HS_FLAG_UTF8 | HS_FLAG_PREFILTER | HS_FLAG_MULTILINE |
                      (p.ignore_case ? HS_FLAG_CASELESS : 0u));
      // Ids must be unique: Hyperscan's compile time grows quadratically
      // with the number of expressions sharing one id.
      ids.push_back(static_cast<unsigned>(ids.size()));
    }
    hs_compile_error_t* error = nullptr;
    if (hs_compile_multi(exprs.data(), flags.data(), ids.data(),
                         static_cast<unsigned>(exprs.size()), HS_MODE_BLOCK,
                         nullptr, &db_, &error) != HS_SUCCESS) {
      std::string message = "Hyperscan: ";
      if (error != nullptr) {
        if (error->expression >= 0 &&
            static_cast<size_t>(error->expression) < patterns.size()) {
          message = patterns[error->expression].origin + ": Hyperscan: ";
        }
        message += error->message;
        hs_free_compile_error(error);
      }
      db_ = nullptr;
      return InvalidArgumentError(message);
    }
    return Status::Ok();
  }

  std::string Image() const override {
    if (db_ == nullptr) return {};
    char* bytes = nullptr;
    size_t size = 0;
    if (hs_serialize_database(db_, &bytes, &size) != HS_SUCCESS) return {};
    std::string image(bytes, size);
    std::free(bytes);
    return image;
  }

  void Scan(std::string_view text, std::vector<ScanHit>* hits) const override {
    if (db_ == nullptr || text.empty()) return;
    hs_scratch_t* scratch = thread_scratch.For(db_);
    if (scratch == nullptr || text.size() > UINT32_MAX) {
      ReportAll(hits);
      return;
    }
    const size_t before = hits->size();
    thread_local std::vector<uint32_t> last_end;
    last_end.assign(rule_count_, kNoHit);
    MatchContext ctx{hits, rule_of_.data(), exact_of_.data(), text.data(),
                     last_end.data()};
    hs_error_t rc = hs_scan(db_, text.data(), static_cast<unsigned>(text.size()),
                            0, scratch, &OnMatch, &ctx);
    if (rc == HS_INVALID) {  // scratch made for another database
      hits->resize(before);
      scratch = thread_scratch.For(db_, /*renew=*/true);
      rc = scratch == nullptr ? HS_NOMEM
                              : hs_scan(db_, text.data(),
                                        static_cast<unsigned>(text.size()), 0,
                                        scratch, &OnMatch, &ctx);
    }
    if (rc != HS_SUCCESS) {
      hits->resize(before);
      ReportAll(hits);
    }
  }

 private:
  struct Exact {
    uint32_t length;
    uint32_t term;
  };
  static constexpr uint32_t kNoHit = UINT32_MAX;
  // The most bytes between two hits of a rule checked for a line break.
  static constexpr uint32_t kMaxLineCheck = 4096;

  struct MatchContext {
    std::vector<ScanHit>* hits;
    const int* rule_of;
    const Exact* exact_of;
    const char* text;
    uint32_t* last_end;  // by rule: where its last hit ended
  };

  static int OnMatch(unsigned id, unsigned long long /*from*/,
                     unsigned long long to, unsigned /*flags*/, void* arg) {
    auto* ctx = static_cast<MatchContext*>(arg);
    const Exact& e = ctx->exact_of[id];
    const int rule = ctx->rule_of[id];
    const auto end = static_cast<uint32_t>(to);
    if (e.length == 0) {
      // A candidate only says which line to look at: one per rule and line
      // is enough (a run of digits hits at every digit).
      uint32_t& last = ctx->last_end[rule];
      if (last != kNoHit && end >= last && end - last <= kMaxLineCheck) {
        const uint32_t a = last > 0 ? last - 1 : 0, b = end > 0 ? end - 1 : 0;
        if (std::memchr(ctx->text + a, '\n', b - a) == nullptr) {
          last = end;  // still that line: the next check starts here
          return 0;
        }
      }
      last = end;
    }
    ctx->hits->push_back(ScanHit{rule, end, e.length, e.term});
    return 0;
  }

  // When scanning cannot run, let RE2 look at everything: slower, never wrong.
  void ReportAll(std::vector<ScanHit>* hits) const {
    for (int rule : all_rules_) hits->push_back(ScanHit{rule, ScanHit::kAnywhere});
  }

  std::vector<int> all_rules_;  // each rule once, in pattern order
  size_t rule_count_ = 0;       // 1 + the highest rule index
  std::vector<int> rule_of_;    // Hyperscan id (pattern index) -> rule
  std::vector<Exact> exact_of_;  // Hyperscan id -> literal length and term
  hs_database_t* db_ = nullptr;
};

}  // namespace

std::string_view Scanner::EngineName() { return "hyperscan"; }

StatusOr<std::unique_ptr<Scanner>> Scanner::Create(
    const std::vector<ScanPattern>& patterns, std::string_view image) {
  auto scanner = std::make_unique<HyperscanScanner>();
  if (Status s = scanner->Init(patterns, image); !s.ok()) return s;
  return std::unique_ptr<Scanner>(std::move(scanner));
}

}  // namespace textwash::internal
