// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
#include "tools/cli.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <exception>
#include <filesystem>
#include <fstream>
#include <istream>
#include <limits>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "textwash/textwash.h"
#include "tools/jsonl.h"

namespace textwash {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitBadInput = 1;
constexpr int kExitCannotRun = 2;

constexpr std::string_view kStdinName = "<stdin>";

constexpr char kDescription[] =
    "textwash removes injected junk (paywall markers, ads, contact spam, site\n"
    "template text, repeated lines) from scraped text.\n"
    "`textwash [FLAGS] FILE...` is short for `textwash clean [FLAGS] FILE...`.";

constexpr char kExitCodes[] =
    "Exit codes:\n"
    "  0  done\n"
    "  1  some input was bad (each case is reported on stderr as FILE:LINE);\n"
    "     the rest was processed\n"
    "  2  could not run: usage error, bad rule file (FILE:LINE:COL),\n"
    "     unreadable input file or unwritable output file";

enum class Format { kAuto, kText, kJsonl };
enum class OnError { kKeep, kSkip, kFail };

// Everything the command line says.
struct Flags {
  // textwash clean
  std::vector<std::string> files;
  std::string output;
  Format format = Format::kAuto;
  std::string field = "text";
  OnError on_error = OnError::kKeep;
  std::vector<std::string> rule_files;
  bool no_default_rules = false;
  std::vector<std::string> disabled_rules;
  std::vector<std::string> packs;
  int min_repeat_chars = Options().min_repeat_chars;
  int ad_threshold = Options().ad_threshold;
  PiiMode pii = PiiMode::kKeep;
  bool keep_invisible = false;
  bool keep_newlines = false;
  bool no_layout = false;
  bool no_noise = false;
  std::string report;

  // textwash rules check
  std::vector<std::string> files_to_check;
};

// The subcommands other than clean, to see whether the command line chose one.
struct Commands {
  CLI::App* rules_check = nullptr;
  CLI::App* rules_list = nullptr;
};

// The standard streams of one RunCli() call.
struct Streams {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

// Breaks `text` into lines of at most `width` columns for --help; CLI11
// indents the lines it finds.
std::string Wrap(std::string_view text, size_t width = 50) {
  std::string out;
  size_t line_length = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    if (line_length > 0 && line_length + 1 + word.size() > width) {
      out += '\n';
      line_length = 0;
    } else if (line_length > 0) {
      out += ' ';
      ++line_length;
    }
    out += word;
    line_length += word.size();
    start = end + 1;
  }
  return out;
}

// Returns the names of the built-in packs, comma-separated.
std::string PackNames() {
  std::string names;
  for (const Pack& pack : BuiltinPacks()) {
    if (!names.empty()) names += ", ";
    names += pack.name;
  }
  return names;
}

Commands DefineCommands(CLI::App& app, Flags& flags) {
  app.set_help_flag();
  app.set_help_all_flag("-h,--help", "Print this help and exit");
  app.set_version_flag("--version", "textwash " TEXTWASH_VERSION_STRING,
                       "Print the version and exit");
  app.footer(kExitCodes);
  app.require_subcommand(0, 1);
  app.get_formatter()->column_width(26);

  Commands commands;
  CLI::App* clean = app.add_subcommand(
      "clean", "Clean documents and write them out (the default command)");
  clean
      ->add_option("FILE", flags.files,
                   Wrap("Input files, read in order; none or - reads "
                        "standard input. A text file is one document; a "
                        ".jsonl file holds one JSON object per line"))
      ->type_name("");
  clean
      ->add_option("-o,--output", flags.output,
                   "Write to FILE instead of standard output")
      ->type_name("FILE");
  clean
      ->add_option_function<std::string>(
          "--format",
          [&flags](const std::string& value) {
            flags.format = value == "text"    ? Format::kText
                           : value == "jsonl" ? Format::kJsonl
                                              : Format::kAuto;
          },
          Wrap("text: each input is one document. jsonl: one JSON object "
               "per line; its --field is cleaned, every other byte of the "
               "line is kept. auto: jsonl for files named *.jsonl, text "
               "otherwise"))
      ->check(CLI::IsMember({"auto", "text", "jsonl"}))
      ->type_name("FORMAT")
      ->default_str("auto");
  clean
      ->add_option("--field", flags.field,
                   Wrap("JSONL: the string field to clean; a dotted path a.b "
                        "reaches field b of object a"))
      ->type_name("NAME")
      ->capture_default_str();
  clean
      ->add_option_function<std::string>(
          "--on-error",
          [&flags](const std::string& value) {
            flags.on_error = value == "skip"   ? OnError::kSkip
                             : value == "fail" ? OnError::kFail
                                               : OnError::kKeep;
          },
          Wrap("JSONL: what to do with a bad line (not JSON, not an "
               "object, field missing or not a string) once it is reported "
               "as FILE:LINE: keep it unchanged, skip it, or fail (stop "
               "with exit code 1)"))
      ->check(CLI::IsMember({"keep", "skip", "fail"}))
      ->type_name("ACTION")
      ->default_str("keep");
  clean
      ->add_option("--rules", flags.rule_files,
                   Wrap("Add the rules in FILE (TOML, see "
                        "docs/rule_format.md); repeatable"))
      ->type_name("FILE")
      ->allow_extra_args(false);
  clean->add_flag("--no-default-rules", flags.no_default_rules,
                  Wrap("Leave out the built-in rules; use only the --rules "
                       "files"));
  clean
      ->add_option("--pack", flags.packs,
                   Wrap("Use only the built-in pack NAME (" + PackNames() +
                        "); repeatable; by default every pack is used"))
      ->type_name("NAME")
      ->allow_extra_args(false);
  clean
      ->add_option("--disable-rule", flags.disabled_rules,
                   Wrap("Leave out the rule called ID, built-in or not; "
                        "repeatable"))
      ->type_name("ID")
      ->allow_extra_args(false);
  clean
      ->add_option("--min-repeat-chars", flags.min_repeat_chars,
                   Wrap("Remove later exact copies of a line at least N "
                        "characters long; 0 keeps every copy"))
      ->type_name("N")
      ->check(CLI::Range(0, std::numeric_limits<int>::max()).description(""))
      ->capture_default_str();
  clean
      ->add_option("--ad-threshold", flags.ad_threshold,
                   Wrap("Remove a sentence once the ad rules that match it "
                        "weigh N in all"))
      ->type_name("N")
      ->capture_default_str();
  clean
      ->add_option_function<std::string>(
          "--pii",
          [&flags](const std::string& value) {
            flags.pii = value == "mask"     ? PiiMode::kMask
                        : value == "remove" ? PiiMode::kRemove
                                            : PiiMode::kKeep;
          },
          Wrap("Contacts outside ads (e-mail, phone, URL, IP, ID number): "
               "keep them, mask them as <EMAIL>, <PHONE>, <URL>, <IP>, <ID>, "
               "or remove them"))
      ->check(CLI::IsMember({"keep", "mask", "remove"}))
      ->type_name("MODE")
      ->default_str("keep");
  clean->add_flag("--no-noise", flags.no_noise,
                  Wrap("Keep jammer strings, SEO tag runs and runs of rare "
                       "ideographs (found by character statistics)"));
  clean->add_flag("--keep-invisible", flags.keep_invisible,
                  Wrap("Keep BOM, zero-width and control characters"));
  clean->add_flag("--keep-newlines", flags.keep_newlines,
                  Wrap("Keep CRLF, CR, VT, FF, NEL, U+2028 and U+2029 line "
                       "breaks instead of turning them into LF"));
  clean->add_flag("--no-layout", flags.no_layout,
                  Wrap("Keep blank lines as they are; by default lines left "
                       "empty by edits go, runs of blank lines become one, "
                       "and leading and trailing blank lines go"));
  clean
      ->add_option("--report", flags.report,
                   Wrap("Write what was removed to FILE, one JSON line per "
                        "document: {\"doc\":INDEX, \"id\":ID, \"edits\":[{"
                        "\"begin\", \"end\", \"category\", \"rule\", "
                        "\"removed\"}]}. INDEX counts documents from 0; ID "
                        "is a JSONL record's top-level \"id\"; begin and end "
                        "are byte offsets into the document's text"))
      ->type_name("FILE");

  CLI::App* rules = app.add_subcommand(
      "rules", "Check rule files or list the built-in rules");
  rules->require_subcommand(1);
  commands.rules_check = rules->add_subcommand(
      "check", Wrap("Check the rule files FILE...: print `FILE: ok (N "
                    "rules)`, or the error as FILE:LINE:COL and exit with 2"));
  commands.rules_check
      ->add_option("FILE", flags.files_to_check, "Rule files (TOML)")
      ->type_name("")
      ->required();
  commands.rules_list = rules->add_subcommand(
      "list", Wrap("List the built-in rules, one per line: id, category, "
                   "kind and source, separated by tabs"));
  return commands;
}

// `textwash FILE` means `textwash clean FILE`: everything but a subcommand
// or a top-level flag goes to clean.
bool NeedsDefaultCommand(const std::vector<std::string>& args) {
  if (args.empty()) return true;
  const std::string& first = args.front();
  return first != "clean" && first != "rules" && first != "-h" &&
         first != "--help" && first != "--version";
}

void PrintError(std::ostream& err, std::string_view message) {
  err << "textwash: " << message << '\n';
}

std::string SystemErrorMessage(int error_number) {
  return std::system_category().message(error_number);
}

// Opens `path` for binary reading. Returns "" or an error message.
std::string OpenForReading(const std::string& path, std::ifstream* file) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) {
    return "cannot read " + path + ": " + SystemErrorMessage(EISDIR);
  }
  errno = 0;
  file->open(path, std::ios::binary);
  if (!file->is_open()) {
    return "cannot read " + path + ": " +
           (errno != 0 ? SystemErrorMessage(errno) : "cannot open");
  }
  return "";
}

// Opens `path` for binary writing. Returns "" or an error message.
std::string OpenForWriting(const std::string& path, std::ofstream* file) {
  errno = 0;
  file->open(path, std::ios::binary | std::ios::trunc);
  if (!file->is_open()) {
    return "cannot write " + path + ": " +
           (errno != 0 ? SystemErrorMessage(errno) : "cannot open");
  }
  return "";
}

// Reads the rest of `in` into `*text`. Returns false on a read error.
bool ReadAll(std::istream& in, std::string* text) {
  text->clear();
  char buffer[1 << 16];
  while (in.read(buffer, sizeof(buffer)) || in.gcount() > 0) {
    text->append(buffer, static_cast<size_t>(in.gcount()));
  }
  return !in.bad();
}

Options MakeOptions(const Flags& flags) {
  Options options;
  options.default_rules = !flags.no_default_rules;
  options.rule_files = flags.rule_files;
  options.disabled_rules = flags.disabled_rules;
  options.remove_invisible = !flags.keep_invisible;
  options.normalize_newlines = !flags.keep_newlines;
  options.packs = flags.packs;
  options.min_repeat_chars = flags.min_repeat_chars;
  options.ad_threshold = flags.ad_threshold;
  options.pii = flags.pii;
  options.layout = !flags.no_layout;
  options.noise = !flags.no_noise;
  return options;
}

Format ResolveFormat(Format format, std::string_view input) {
  if (format != Format::kAuto) return format;
  return input != "-" && input.ends_with(".jsonl") ? Format::kJsonl
                                                   : Format::kText;
}

// Cleans documents one at a time, in order, and writes them out.
class CleanRun {
 public:
  CleanRun(const Cleaner& cleaner, const Flags& flags, std::ostream& out,
           std::ostream& err, std::ostream* report)
      : cleaner_(cleaner),
        flags_(flags),
        out_(out),
        err_(err),
        report_(report),
        parser_(flags.field) {}

  // Cleans `in` as one document. Returns kExitOk, or the exit code to stop
  // with.
  int CleanText(std::istream& in, std::string_view name) {
    if (!ReadAll(in, &text_)) {
      PrintError(err_, "cannot read " + std::string(name));
      return kExitCannotRun;
    }
    cleaner_.Clean(text_, &result_);
    WriteReport(text_, "");
    ++document_index_;
    out_ << result_.text;
    if (!result_.text.empty() && result_.text.back() != '\n') out_ << '\n';
    return kExitOk;
  }

  // Cleans `in` as JSON Lines, one document per line. Returns kExitOk, or
  // the exit code to stop with.
  int CleanJsonl(std::istream& in, std::string_view name) {
    for (size_t line_number = 1; std::getline(in, line_); ++line_number) {
      if (!line_.empty() && line_.back() == '\r') line_.pop_back();
      if (line_.find_first_not_of(" \t\r") == std::string::npos) {
        WriteLine(line_);
        continue;
      }
      const Status status = parser_.Parse(&line_, &field_);
      if (!status.ok()) {
        PrintError(err_, std::string(name) + ":" + std::to_string(line_number) +
                             ": " + status.message());
        bad_input_ = true;
        ++document_index_;
        if (flags_.on_error == OnError::kFail) return kExitBadInput;
        if (flags_.on_error == OnError::kKeep) WriteLine(line_);
        continue;
      }
      cleaner_.Clean(field_.text, &result_);
      WriteReport(field_.text, field_.id);
      ++document_index_;
      if (result_.text == field_.text) {
        WriteLine(line_);
      } else {
        WriteLine(cli::SpliceJsonString(line_, field_, result_.text));
      }
    }
    if (in.bad()) {
      PrintError(err_, "cannot read " + std::string(name));
      return kExitCannotRun;
    }
    return kExitOk;
  }

  bool bad_input() const { return bad_input_; }

 private:
  void WriteLine(std::string_view line) { out_ << line << '\n'; }

  std::string_view RuleId(int index) const {
    if (index < 0 || index >= cleaner_.rule_count()) return "";
    return cleaner_.rule(index).id;
  }

  // Writes the report line of the document just cleaned from `input`.
  void WriteReport(std::string_view input, std::string_view id) {
    if (report_ == nullptr) return;
    std::string line = "{\"doc\":" + std::to_string(document_index_);
    if (!id.empty()) {
      line += ",\"id\":";
      line += id;
    }
    line += ",\"edits\":[";
    for (size_t i = 0; i < result_.edits.size(); ++i) {
      const Edit& edit = result_.edits[i];
      const size_t begin = std::min(edit.begin, input.size());
      const size_t end = std::clamp(edit.end, begin, input.size());
      if (i > 0) line += ',';
      line += "{\"begin\":" + std::to_string(edit.begin) +
              ",\"end\":" + std::to_string(edit.end) + ",\"category\":";
      cli::AppendJsonString(CategoryName(edit.category), &line);
      line += ",\"rule\":";
      cli::AppendJsonString(RuleId(edit.rule), &line);
      line += ",\"removed\":";
      cli::AppendJsonString(input.substr(begin, end - begin), &line);
      if (!edit.replacement.empty()) {
        line += ",\"replacement\":";
        cli::AppendJsonString(edit.replacement, &line);
      }
      line += '}';
    }
    line += "]}\n";
    *report_ << line;
  }

  const Cleaner& cleaner_;
  const Flags& flags_;
  std::ostream& out_;
  std::ostream& err_;
  std::ostream* report_;
  cli::JsonlParser parser_;
  size_t document_index_ = 0;
  bool bad_input_ = false;

  // Buffers reused from one document to the next.
  std::string text_;
  std::string line_;
  cli::JsonlField field_;
  Result result_;
};

int RunClean(const Flags& flags, const Streams& streams) {
  StatusOr<std::shared_ptr<const Cleaner>> cleaner =
      Cleaner::Create(MakeOptions(flags));
  if (!cleaner.ok()) {
    PrintError(streams.err, cleaner.status().message());
    return kExitCannotRun;
  }

  std::vector<std::string> inputs = flags.files;
  if (inputs.empty()) inputs.push_back("-");
  // Check every input up front so that a typo does not leave half an output.
  for (const std::string& input : inputs) {
    std::ifstream file;
    if (input == "-") continue;
    if (std::string error = OpenForReading(input, &file); !error.empty()) {
      PrintError(streams.err, error);
      return kExitCannotRun;
    }
  }

  // Opening the output truncates it, so it must not be one of the inputs.
  for (const std::string* written : {&flags.output, &flags.report}) {
    for (const std::string& input : inputs) {
      std::error_code ignored;
      if (!written->empty() && input != "-" &&
          std::filesystem::equivalent(*written, input, ignored)) {
        PrintError(streams.err,
                   "cannot write " + *written + ": it is also an input file");
        return kExitCannotRun;
      }
    }
  }

  std::ofstream output_file;
  const bool to_file = !flags.output.empty() && flags.output != "-";
  if (to_file) {
    if (std::string error = OpenForWriting(flags.output, &output_file);
        !error.empty()) {
      PrintError(streams.err, error);
      return kExitCannotRun;
    }
  }
  std::ofstream report_file;
  if (!flags.report.empty()) {
    if (std::string error = OpenForWriting(flags.report, &report_file);
        !error.empty()) {
      PrintError(streams.err, error);
      return kExitCannotRun;
    }
  }
  std::ostream& out = to_file ? output_file : streams.out;

  CleanRun run(**cleaner, flags, out, streams.err,
               flags.report.empty() ? nullptr : &report_file);
  int exit_code = kExitOk;
  for (const std::string& input : inputs) {
    const bool is_stdin = input == "-";
    std::ifstream file;
    if (!is_stdin) {
      if (std::string error = OpenForReading(input, &file); !error.empty()) {
        PrintError(streams.err, error);
        exit_code = kExitCannotRun;
        break;
      }
    }
    std::istream& source = is_stdin ? streams.in : file;
    const std::string_view name = is_stdin ? kStdinName : input;
    exit_code = ResolveFormat(flags.format, input) == Format::kJsonl
                    ? run.CleanJsonl(source, name)
                    : run.CleanText(source, name);
    if (exit_code != kExitOk) break;
  }

  if (!out.flush()) {
    PrintError(streams.err,
               "cannot write " + (to_file ? flags.output : "standard output"));
    return kExitCannotRun;
  }
  if (!flags.report.empty() && !report_file.flush()) {
    PrintError(streams.err, "cannot write " + flags.report);
    return kExitCannotRun;
  }
  if (exit_code == kExitOk && run.bad_input()) exit_code = kExitBadInput;
  return exit_code;
}

int CountRules(const Cleaner& cleaner) {
  int count = 0;
  for (int i = 0; i < cleaner.rule_count(); ++i) {
    if (cleaner.rule(i).kind != RuleKind::kStage) ++count;
  }
  return count;
}

int RunRulesCheck(const Flags& flags, const Streams& streams) {
  int exit_code = kExitOk;
  for (const std::string& path : flags.files_to_check) {
    std::ifstream file;
    std::string text;
    if (std::string error = OpenForReading(path, &file); !error.empty()) {
      PrintError(streams.err, error);
      exit_code = kExitCannotRun;
      continue;
    }
    if (!ReadAll(file, &text)) {
      PrintError(streams.err, "cannot read " + path);
      exit_code = kExitCannotRun;
      continue;
    }
    if (Status status = CheckRules(path, text); !status.ok()) {
      PrintError(streams.err, status.message());
      exit_code = kExitCannotRun;
      continue;
    }
    // A Cleaner of this file alone tells how many rules it holds.
    Options options;
    options.default_rules = false;
    options.rule_texts.push_back({path, std::move(text)});
    StatusOr<std::shared_ptr<const Cleaner>> cleaner = Cleaner::Create(options);
    if (!cleaner.ok()) {
      PrintError(streams.err, cleaner.status().message());
      exit_code = kExitCannotRun;
      continue;
    }
    const int count = CountRules(**cleaner);
    streams.out << path << ": ok (" << count
                << (count == 1 ? " rule)\n" : " rules)\n");
  }
  return exit_code;
}

int RunRulesList(const Streams& streams) {
  StatusOr<std::shared_ptr<const Cleaner>> cleaner = Cleaner::Create(Options());
  if (!cleaner.ok()) {
    PrintError(streams.err, cleaner.status().message());
    return kExitCannotRun;
  }
  for (int i = 0; i < (*cleaner)->rule_count(); ++i) {
    const RuleInfo& rule = (*cleaner)->rule(i);
    if (rule.kind == RuleKind::kStage) continue;
    streams.out << rule.id << '\t' << CategoryName(rule.category) << '\t'
                << RuleKindName(rule.kind) << '\t' << rule.source << '\n';
  }
  return kExitOk;
}

// --help and --version end parsing with an "error" whose exit code is 0;
// CLI11 prints those to `out`.
int HandleParseError(const CLI::App& app, const CLI::ParseError& error,
                     const Streams& streams) {
  if (error.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
    return app.exit(error, streams.out, streams.err);
  }
  PrintError(streams.err, error.what());
  PrintError(streams.err, "run 'textwash --help' for usage");
  return kExitCannotRun;
}

int Run(const std::vector<std::string>& args, const Streams& streams) {
  Flags flags;
  CLI::App app(kDescription, "textwash");
  const Commands commands = DefineCommands(app, flags);

  // CLI11 takes the arguments last to first.
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  if (NeedsDefaultCommand(args)) reversed.push_back("clean");
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& error) {
    return HandleParseError(app, error, streams);
  }
  if (commands.rules_check->parsed()) return RunRulesCheck(flags, streams);
  if (commands.rules_list->parsed()) return RunRulesList(streams);
  return RunClean(flags, streams);
}

}  // namespace

int RunCli(const std::vector<std::string>& args, std::istream& in,
           std::ostream& out, std::ostream& err) {
  try {
    return Run(args, Streams{in, out, err});
  } catch (const std::exception& e) {
    PrintError(err, std::string("internal error: ") + e.what());
  } catch (...) {
    PrintError(err, "internal error");
  }
  return kExitCannotRun;
}

}  // namespace textwash
