// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
#include "lib/rules.h"

#include <toml++/toml.h>

#include <array>
#include <cstdint>
#include <utility>

#include "lib/hygiene.h"

namespace textwash::internal {
namespace {

// The categories a rule file may name; normalize is the built-in
// normalizers' own.
constexpr std::array<Category, 9> kAllCategories = {
    Category::kPaywall,     Category::kAd,    Category::kContact,
    Category::kBoilerplate, Category::kNoise, Category::kPii,
    Category::kRepeat,      Category::kLayout, Category::kUnicode};

constexpr std::array<RuleKind, 7> kFileRuleKinds = {
    RuleKind::kMarker, RuleKind::kLine,  RuleKind::kSentence, RuleKind::kSpan,
    RuleKind::kTail,   RuleKind::kScore, RuleKind::kContact};

std::string CategoryList() {
  std::string s;
  for (Category c : kAllCategories) {
    if (!s.empty()) s += ", ";
    s += CategoryName(c);
  }
  return s;
}

SourcePos PosOf(std::string_view file, const toml::source_region& region) {
  return SourcePos{std::string(file), static_cast<int>(region.begin.line),
                   static_cast<int>(region.begin.column)};
}

Status ErrorAt(const SourcePos& pos, std::string_view what) {
  return InvalidArgumentError(pos.ToString() + ": " + std::string(what));
}

bool ValidId(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// Reads an optional string key. Returns an error if it has another type.
Status GetString(std::string_view file, const toml::table& t,
                 std::string_view key, std::string* out, bool* present) {
  *present = false;
  const toml::node* n = t.get(key);
  if (n == nullptr) return Status::Ok();
  const auto* s = n->as_string();
  if (s == nullptr) {
    return ErrorAt(PosOf(file, n->source()),
                   "\"" + std::string(key) + "\" must be a string");
  }
  *out = s->get();
  *present = true;
  return Status::Ok();
}

Status GetBool(std::string_view file, const toml::table& t,
               std::string_view key, bool* out) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return Status::Ok();
  const auto* b = n->as_boolean();
  if (b == nullptr) {
    return ErrorAt(PosOf(file, n->source()),
                   "\"" + std::string(key) + "\" must be true or false");
  }
  *out = b->get();
  return Status::Ok();
}

// Reads the integer `key`, if there is one, into `*out`: it must be from
// `lo` to `hi`. `where` names the rule in the message.
Status GetInt(std::string_view file, const toml::table& t, std::string_view key,
              int64_t lo, int64_t hi, const std::string& where, int* out) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return Status::Ok();
  const auto* v = n->as_integer();
  if (v == nullptr || v->get() < lo || v->get() > hi) {
    return ErrorAt(PosOf(file, n->source()),
                   where + "\"" + std::string(key) + "\" must be an integer from " +
                       std::to_string(lo) + " to " + std::to_string(hi));
  }
  *out = static_cast<int>(v->get());
  return Status::Ok();
}

Status GetTerms(std::string_view file, const toml::table& t,
                std::string_view key, bool literal,
                std::vector<RuleTerm>* out) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return Status::Ok();
  const toml::array* a = n->as_array();
  if (a == nullptr) {
    return ErrorAt(PosOf(file, n->source()),
                   "\"" + std::string(key) + "\" must be an array of strings");
  }
  for (const toml::node& e : *a) {
    const auto* s = e.as_string();
    if (s == nullptr) {
      return ErrorAt(PosOf(file, e.source()),
                     "\"" + std::string(key) + "\" must hold only strings");
    }
    if (s->get().empty()) {
      return ErrorAt(PosOf(file, e.source()),
                     "empty " + std::string(literal ? "literal" : "pattern"));
    }
    out->push_back(RuleTerm{s->get(), literal, PosOf(file, e.source())});
  }
  return Status::Ok();
}

Status ParseRule(std::string_view file, const toml::table& t, RuleDef* rule) {
  rule->pos = PosOf(file, t.source());
  static constexpr std::array<std::string_view, 21> kKeys = {
      "id",       "category", "kind",     "description", "literals",
      "patterns", "ignore_case", "replacement", "enabled", "fold",
      "triggers", "numeral_run", "short_line", "requires", "weight",
      "cue",      "pii",      "validate", "scope",    "signal",
      "list"};
  for (const auto& [key, value] : t) {
    bool known = false;
    for (std::string_view k : kKeys) known |= key.str() == k;
    if (!known) {
      return ErrorAt(PosOf(file, key.source()),
                     "unknown key \"" + std::string(key.str()) +
                         "\" in [[rule]] (expected id, category, kind, "
                         "description, literals, patterns, ignore_case, "
                         "replacement, enabled, fold, triggers, "
                         "numeral_run, short_line, requires, "
                         "weight, cue, "
                         "pii, validate, scope, signal, list)");
    }
  }
  bool present = false;
  if (Status s = GetString(file, t, "id", &rule->id, &present); !s.ok()) {
    return s;
  }
  if (!present) return ErrorAt(rule->pos, "rule has no \"id\"");
  if (!ValidId(rule->id)) {
    return ErrorAt(PosOf(file, t.get("id")->source()),
                   "rule id \"" + rule->id +
                       "\" may hold only letters, digits, '_', '.' and '-'");
  }
  const std::string where = "rule \"" + rule->id + "\": ";

  std::string category;
  if (Status s = GetString(file, t, "category", &category, &present);
      !s.ok()) {
    return s;
  }
  if (!present) return ErrorAt(rule->pos, where + "no \"category\"");
  if (!ParseCategory(category, &rule->category)) {
    return ErrorAt(PosOf(file, t.get("category")->source()),
                   "unknown category \"" + category + "\" (expected " +
                       CategoryList() + ")");
  }

  std::string kind;
  if (Status s = GetString(file, t, "kind", &kind, &present); !s.ok()) {
    return s;
  }
  if (!present) return ErrorAt(rule->pos, where + "no \"kind\"");
  bool kind_ok = false;
  for (RuleKind k : kFileRuleKinds) {
    if (kind == RuleKindName(k)) {
      rule->kind = k;
      kind_ok = true;
    }
  }
  if (!kind_ok) {
    return ErrorAt(PosOf(file, t.get("kind")->source()),
                   "unknown kind \"" + kind +
                       "\" (expected marker, line, sentence, span, tail, "
                       "score, contact)");
  }

  if (Status s = GetString(file, t, "description", &rule->description,
                           &present);
      !s.ok()) {
    return s;
  }
  if (Status s = GetTerms(file, t, "literals", true, &rule->terms); !s.ok()) {
    return s;
  }
  if (Status s = GetTerms(file, t, "patterns", false, &rule->terms); !s.ok()) {
    return s;
  }
  if (rule->terms.empty()) {
    return ErrorAt(rule->pos, where + "needs \"literals\" or \"patterns\"");
  }
  if (Status s = GetBool(file, t, "ignore_case", &rule->ignore_case);
      !s.ok()) {
    return s;
  }
  if (Status s = GetString(file, t, "replacement", &rule->replacement,
                           &present);
      !s.ok()) {
    return s;
  }
  if (present && rule->kind != RuleKind::kSpan) {
    return ErrorAt(PosOf(file, t.get("replacement")->source()),
                   where + "\"replacement\" is only for kind = \"span\"");
  }
  // The text a replacement writes stays one line and needs no hygiene, so
  // that cleaning the output again finds nothing new there.
  std::vector<Edit> hygiene;
  if (present && (rule->replacement.find('\n') != std::string::npos ||
                  FindHygieneEdits(rule->replacement, {}, &hygiene))) {
    return ErrorAt(PosOf(file, t.get("replacement")->source()),
                   where + "\"replacement\" may not hold line breaks, control "
                           "or invisible characters");
  }
  if (Status s = GetBool(file, t, "fold", &rule->fold); !s.ok()) return s;
  if (Status s = GetBool(file, t, "list", &rule->list); !s.ok()) return s;
  if (rule->list && rule->kind != RuleKind::kLine) {
    return ErrorAt(PosOf(file, t.get("list")->source()),
                   where + "\"list\" is only for kind = \"line\"");
  }
  if (Status s = GetTerms(file, t, "triggers", false, &rule->triggers);
      !s.ok()) {
    return s;
  }
  if (Status s = GetTerms(file, t, "requires", false, &rule->requirements);
      !s.ok()) {
    return s;
  }
  if (Status s = GetInt(file, t, "numeral_run", 1, kMaxNumeralRun, where, &rule->numeral_run);
      !s.ok()) {
    return s;
  }
  if (Status s = GetInt(file, t, "short_line", 1, kMaxShortLine, where, &rule->short_line);
      !s.ok()) {
    return s;
  }
  const bool picks_lines =
      !rule->triggers.empty() || rule->numeral_run > 0 || rule->short_line > 0;
  if (!rule->requirements.empty() && !picks_lines) {
    return ErrorAt(PosOf(file, t.get("requires")->source()),
                   where + "\"requires\" needs \"triggers\", \"numeral_run\" "
                           "or \"short_line\": it narrows the lines they pick");
  }
  if (rule->fold && !picks_lines) {
    return ErrorAt(rule->pos, where +
                                  "fold = true needs \"triggers\", \"numeral_run\" "
                                  "or \"short_line\": what picks the lines to fold");
  }
  if (const toml::node* n = t.get("weight")) {
    if (Status s = GetInt(file, t, "weight", 1, 100, where, &rule->weight); !s.ok()) return s;
    if (rule->kind != RuleKind::kScore) {
      return ErrorAt(PosOf(file, n->source()),
                     where + "\"weight\" is only for kind = \"score\"");
    }
  } else if (rule->kind == RuleKind::kScore) {
    return ErrorAt(rule->pos, where + "a score rule needs a \"weight\"");
  }
  if (Status s = GetBool(file, t, "cue", &rule->cue); !s.ok()) return s;
  if (rule->cue && rule->kind != RuleKind::kScore) {
    return ErrorAt(PosOf(file, t.get("cue")->source()),
                   where + "\"cue\" is only for kind = \"score\"");
  }
  std::string text;
  if (Status s = GetString(file, t, "pii", &text, &present); !s.ok()) return s;
  if (present) {
    static constexpr std::pair<std::string_view, PiiType> kPii[] = {
        {"email", PiiType::kEmail}, {"phone", PiiType::kPhone},
        {"url", PiiType::kUrl},     {"ip", PiiType::kIp},
        {"id", PiiType::kId}};
    for (const auto& [name, type] : kPii) {
      if (text == name) rule->pii = type;
    }
    if (rule->pii == PiiType::kNone) {
      return ErrorAt(PosOf(file, t.get("pii")->source()),
                     "unknown pii \"" + text +
                         "\" (expected email, phone, url, ip, id)");
    }
    if (rule->kind != RuleKind::kContact) {
      return ErrorAt(PosOf(file, t.get("pii")->source()),
                     where + "\"pii\" is only for kind = \"contact\"");
    }
  }
  if (Status s = GetString(file, t, "signal", &text, &present); !s.ok()) {
    return s;
  }
  if (present) {
    static constexpr std::pair<std::string_view, int> kSignals[] = {
        {"strong", 2}, {"weak", 1}, {"none", 0}};
    rule->signal = -1;
    for (const auto& [name, value] : kSignals) {
      if (text == name) rule->signal = value;
    }
    if (rule->signal < 0) {
      return ErrorAt(PosOf(file, t.get("signal")->source()),
                     "unknown signal \"" + text + "\" (expected strong, weak, none)");
    }
    if (rule->kind != RuleKind::kContact) {
      return ErrorAt(PosOf(file, t.get("signal")->source()),
                     where + "\"signal\" is only for kind = \"contact\"");
    }
  }
  if (Status s = GetString(file, t, "validate", &text, &present); !s.ok()) {
    return s;
  }
  if (present) {
    static constexpr std::pair<std::string_view, Validator> kValidators[] = {
        {"cn_id_card", Validator::kCnIdCard}, {"ipv4", Validator::kIpv4},
        {"email", Validator::kEmail},         {"domain", Validator::kDomain}};
    for (const auto& [name, v] : kValidators) {
      if (text == name) rule->validate = v;
    }
    if (rule->validate == Validator::kNone) {
      return ErrorAt(PosOf(file, t.get("validate")->source()),
                     "unknown validate \"" + text +
                         "\" (expected cn_id_card, ipv4, email, domain)");
    }
  }
  if (Status s = GetString(file, t, "scope", &text, &present); !s.ok()) {
    return s;
  }
  if (present) {
    if (text != "line" && text != "first_line") {
      return ErrorAt(PosOf(file, t.get("scope")->source()),
                     "unknown scope \"" + text + "\" (expected line, first_line)");
    }
    rule->first_line_only = text == "first_line";
  }
  return Status::Ok();
}

}  // namespace

std::string SourcePos::ToString() const {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

bool ParseCategory(std::string_view name, Category* category) {
  for (Category c : kAllCategories) {
    if (name == CategoryName(c)) {
      *category = c;
      return true;
    }
  }
  return false;
}

StatusOr<RulePack> ParseRuleFile(std::string_view file, std::string_view text) {
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    return ErrorAt(PosOf(file, e.source()), e.description());
  }
  RulePack pack;
  for (const auto& [key, value] : root) {
    if (key.str() != "pack" && key.str() != "rule") {
      return ErrorAt(PosOf(file, key.source()),
                     "unknown table \"" + std::string(key.str()) +
                         "\" (expected [pack] and [[rule]])");
    }
  }
  if (const toml::node* n = root.get("pack")) {
    const toml::table* t = n->as_table();
    if (t == nullptr) {
      return ErrorAt(PosOf(file, n->source()), "\"pack\" must be a table");
    }
    for (const auto& [key, value] : *t) {
      if (key.str() != "name" && key.str() != "description") {
        return ErrorAt(PosOf(file, key.source()),
                       "unknown key \"" + std::string(key.str()) +
                           "\" in [pack] (expected name, description)");
      }
    }
    bool present = false;
    if (Status s = GetString(file, *t, "name", &pack.name, &present); !s.ok()) {
      return s;
    }
    if (Status s =
            GetString(file, *t, "description", &pack.description, &present);
        !s.ok()) {
      return s;
    }
  }
  if (const toml::node* n = root.get("rule")) {
    const toml::array* rules = n->as_array();
    if (rules == nullptr) {
      return ErrorAt(PosOf(file, n->source()),
                     "\"rule\" must be an array of tables: write [[rule]]");
    }
    for (const toml::node& r : *rules) {
      const toml::table* t = r.as_table();
      if (t == nullptr) {
        return ErrorAt(PosOf(file, r.source()), "a rule must be a table");
      }
      // `enabled = false` keeps a rule in the file but out of the Cleaner.
      bool enabled = true;
      if (Status s = GetBool(file, *t, "enabled", &enabled); !s.ok()) return s;
      RuleDef rule;
      if (Status s = ParseRule(file, *t, &rule); !s.ok()) return s;
      if (enabled) pack.rules.push_back(std::move(rule));
    }
  }
  if (pack.name.empty()) {
    std::string_view base = file;
    if (size_t slash = base.find_last_of('/'); slash != base.npos) {
      base.remove_prefix(slash + 1);
    }
    if (size_t dot = base.find('.'); dot != base.npos) base = base.substr(0, dot);
    pack.name = std::string(base);
  }
  return pack;
}

}  // namespace textwash::internal
