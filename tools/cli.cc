// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
#include "tools/cli.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdint>
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
#include <thread>
#include <vector>

#include "textwash/textwash.h"
#include "tools/compress.h"
#include "tools/jsonl.h"
#include "tools/learn.h"
#include "tools/pipeline.h"
#include "tools/review.h"

namespace textwash {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitCannotRun = 2;

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
using cli::OnError;

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
  bool fix_mojibake = false;
  bool to_simplified = false;
  bool strip_markdown = false;
  bool keep_link_urls = false;
  bool normalize_punct = false;
  std::string report;
  cli::ReportFormat report_format = cli::ReportFormat::kTextwash;
  std::string output_dir;
  int threads = 0;  // 0: one per core
  bool stats = false;
  std::string stats_json;
  bool diff = false;
  std::string color = "auto";
  uint64_t sample = 0;
  bool quiet = false;
  bool drop_empty = false;
  uint64_t min_chars = 0;

  // textwash rules check
  std::vector<std::string> files_to_check;

  // textwash review (with clean's input, rule and -o flags above)
  cli::ReviewOptions review;
  std::vector<std::string> only_rule_files;

  // textwash learn; its inputs, --format and --field are clean's
  cli::LearnOptions learn;
};

// The subcommands other than clean, to see whether the command line chose one.
struct Commands {
  CLI::App* rules_check = nullptr;
  CLI::App* rules_list = nullptr;
  CLI::App* learn = nullptr;
  CLI::App* review = nullptr;
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

// The inputs, as clean and review read them: FILE..., --format, --field.
void AddInputFlags(CLI::App* command, Flags& flags) {
  command
      ->add_option("FILE", flags.files,
                   Wrap("Input files, read in order; none or - reads "
                        "standard input. A text file is one document; a "
                        ".jsonl file holds one JSON object per line; *.gz "
                        "and *.zst files are decompressed"))
      ->type_name("");
  command
      ->add_option_function<std::string>(
          "--format",
          [&flags](const std::string& value) {
            flags.format = value == "text"    ? Format::kText
                           : value == "jsonl" ? Format::kJsonl
                                              : Format::kAuto;
          },
          Wrap("text: each input is one document. jsonl: one JSON object "
               "per line; its --field is cleaned, every other byte of the "
               "line is kept. auto: jsonl for files named *.jsonl, "
               "*.jsonl.gz or *.jsonl.zst, text otherwise. Files named *.gz "
               "(gzip) or *.zst (zstd) are decompressed, and -o, "
               "--output-dir and --report files so named are compressed"))
      ->check(CLI::IsMember({"auto", "text", "jsonl"}))
      ->type_name("FORMAT")
      ->default_str("auto");
  command
      ->add_option("--field", flags.field,
                   Wrap("JSONL: the string field to clean; a dotted path a.b "
                        "reaches field b of object a"))
      ->type_name("NAME")
      ->capture_default_str();
}

// The flags that make the Cleaner, shared by clean and review.
void AddCleanerFlags(CLI::App* command, Flags& flags) {
  command
      ->add_option("--rules", flags.rule_files,
                   Wrap("Add the rules in FILE (TOML, see "
                        "docs/rule_format.md); repeatable"))
      ->type_name("FILE")
      ->allow_extra_args(false);
  command->add_flag("--no-default-rules", flags.no_default_rules,
                    Wrap("Leave out the built-in rules; use only the --rules "
                         "files"));
  command
      ->add_option("--pack", flags.packs,
                   Wrap("Use only the built-in pack NAME (" + PackNames() +
                        "); repeatable; by default every pack is used"))
      ->type_name("NAME")
      ->allow_extra_args(false);
  command
      ->add_option("--disable-rule", flags.disabled_rules,
                   Wrap("Leave out the rule called ID, built-in or not; "
                        "repeatable"))
      ->type_name("ID")
      ->allow_extra_args(false);
  command
      ->add_option("--min-repeat-chars", flags.min_repeat_chars,
                   Wrap("Remove later exact copies of a line at least N "
                        "characters long; 0 keeps every copy"))
      ->type_name("N")
      ->check(CLI::Range(0, std::numeric_limits<int>::max()).description(""))
      ->capture_default_str();
  command
      ->add_option("--ad-threshold", flags.ad_threshold,
                   Wrap("Remove a sentence once the ad rules that match it "
                        "weigh N in all"))
      ->type_name("N")
      ->capture_default_str();
  command
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
  command->add_flag("--no-noise", flags.no_noise,
                    Wrap("Keep jammer strings, SEO tag runs and runs of rare "
                         "ideographs (found by character statistics)"));
  command->add_flag("--keep-invisible", flags.keep_invisible,
                    Wrap("Keep BOM, zero-width and control characters"));
  command->add_flag("--keep-newlines", flags.keep_newlines,
                    Wrap("Keep CRLF, CR, VT, FF, NEL, U+2028 and U+2029 line "
                         "breaks instead of turning them into LF"));
  command->add_flag("--no-layout", flags.no_layout,
                    Wrap("Keep blank lines as they are; by default lines left "
                         "empty by edits go, runs of blank lines become one, "
                         "and leading and trailing blank lines go"));
  command->add_flag("--fix-mojibake", flags.fix_mojibake,
                    Wrap("Repair UTF-8 text that was decoded as Windows-1252, "
                         "Latin-1, GBK or Big5 (\u00E2\u20AC\u2122 becomes "
                         "\u2019), line by line, where the repair is "
                         "plausible"));
  command->add_flag("--to-simplified", flags.to_simplified,
                    Wrap("Convert traditional Chinese to simplified with "
                         "OpenCC's t2s, phrase by phrase"));
  CLI::Option* strip_markdown = command->add_flag(
      "--strip-markdown", flags.strip_markdown,
      Wrap("Drop Markdown syntax (headings, emphasis, bullets, links, images, "
           "code fences) and keep its text; snake_case and 2*3*4 stay"));
  command
      ->add_flag("--keep-link-urls", flags.keep_link_urls,
                 Wrap("With --strip-markdown: [text](url) becomes \"text "
                      "(url)\" instead of \"text\""))
      ->needs(strip_markdown);
  command->add_flag("--normalize-punct", flags.normalize_punct,
                    Wrap("Half-width , ; : ? ! ( ) \" between CJK characters "
                         "become full-width, full-width ASCII letters and "
                         "digits half-width; Latin text, numbers, URLs and "
                         "code stay"));
}

void AddThreadsFlag(CLI::App* command, Flags& flags) {
  command
      ->add_option("-j,--threads", flags.threads,
                   Wrap("Clean on N threads (default: one per core); the "
                        "output is the same for every N"))
      ->type_name("N")
      ->check(CLI::Range(1, 1024).description(""));
}

// textwash learn: its flags go straight into flags.learn.
CLI::App* DefineLearn(CLI::App& app, Flags& flags) {
  cli::LearnOptions& learn = flags.learn;
  CLI::App* command = app.add_subcommand(
      "learn",
      Wrap("Learn a corpus's own boilerplate: count in how many documents "
           "(and groups) each line occurs and write the lines that repeat "
           "as a rule file to review, then use with clean --rules"));
  AddInputFlags(command, flags);
  command
      ->add_option("-o,--output", learn.output,
                   "Write the rules (or the counts) to FILE")
      ->type_name("FILE");
  command
      ->add_option("--group-by", learn.group_by,
                   Wrap("JSONL: the field naming each document's source "
                        "(a site, a domain); a URL counts as its host. "
                        "Share and group counts are taken per group"))
      ->type_name("NAME");
  command
      ->add_option_function<std::string>(
          "--unit",
          [&learn](const std::string& value) {
            learn.unit = value == "sentence" ? cli::LearnUnit::kSentence
                                             : cli::LearnUnit::kLine;
          },
          Wrap("Count lines (rules of kind line) or sentences (rules of "
               "kind sentence)"))
      ->check(CLI::IsMember({"line", "sentence"}))
      ->type_name("UNIT")
      ->default_str("line");
  command->add_flag("--fold-digits", learn.fold_digits,
                    Wrap("Count every run of digits as the same, so "
                         "`浏览 123 次` and `浏览 4567 次` are one line"));
  command
      ->add_option("--min-chars", learn.min_chars,
                   Wrap("Count only units of at least N code points"))
      ->type_name("N")
      ->capture_default_str();
  command
      ->add_option("--max-chars", learn.max_chars,
                   Wrap("Count only units of at most N code points"))
      ->type_name("N")
      ->capture_default_str();
  command
      ->add_option("--min-docs", learn.min_docs,
                   Wrap("Propose units found in at least N documents"))
      ->type_name("N")
      ->capture_default_str();
  command
      ->add_option("--min-share", learn.min_share,
                   Wrap("Propose units found in at least this share of the "
                        "documents of the groups they occur in (of all "
                        "documents without --group-by)"))
      ->type_name("F")
      ->check(CLI::Range(0.0, 1.0).description(""))
      ->capture_default_str();
  command
      ->add_option("--min-groups", learn.min_groups,
                   Wrap("Propose units found in at least N groups"))
      ->type_name("N")
      ->capture_default_str();
  command
      ->add_option("--allow", learn.allow,
                   Wrap("Never propose the lines of FILE (one per line)"))
      ->type_name("FILE");
  command
      ->add_option("--review", learn.review,
                   Wrap("Also write the proposals as a Markdown table"))
      ->type_name("FILE.md");
  command
      ->add_option("--id-prefix", learn.id_prefix,
                   Wrap("Rule ids are PREFIX.0001, PREFIX.0002, ...; the "
                        "pack is named PREFIX"))
      ->type_name("PREFIX")
      ->capture_default_str();
  command->add_flag("--counts-only", learn.counts_only,
                    Wrap("Write the counts (a binary file for --merge), not "
                         "the rules: count shards apart"));
  command->add_flag("--merge", learn.merge,
                    Wrap("The inputs are counts files: add them up, then "
                         "propose (or, with --counts-only, write the sum)"));
  command
      ->add_option("--memory", learn.memory_mb,
                   Wrap("Keep the counting table under about MB megabytes; "
                        "beyond it, sorted runs go to --tmp-dir"))
      ->type_name("MB")
      ->check(CLI::PositiveNumber.description(""))
      ->capture_default_str();
  command
      ->add_option("--tmp-dir", learn.tmp_dir,
                   Wrap("Where runs go (default: the system's temporary "
                        "directory)"))
      ->type_name("DIR");
  return command;
}

// textwash review: clean's inputs and rules, a page instead of the output.
CLI::App* DefineReview(CLI::App& app, Flags& flags) {
  cli::ReviewOptions& review = flags.review;
  CLI::App* command = app.add_subcommand(
      "review",
      Wrap("Write one HTML page that shows what the rules remove: a sample "
           "of the documents with each removal marked in place, a chart of "
           "bytes removed per category, the top rules, and filters. It needs "
           "nothing but a browser (no network)"));
  AddInputFlags(command, flags);
  command
      ->add_option("-o,--output", flags.output,
                   Wrap("Write the page to FILE (- for standard output)"))
      ->type_name("FILE")
      ->required();
  command
      ->add_option("--sample", review.sample,
                   Wrap("Show N documents picked at random (by --seed); the "
                        "chart and the table count every document"))
      ->type_name("N")
      ->capture_default_str();
  command
      ->add_option("--seed", review.seed,
                   Wrap("Which documents --sample picks; the same seed and "
                        "input give the same page"))
      ->type_name("N")
      ->capture_default_str();
  command->add_flag("--edited-only", review.edited_only,
                    Wrap("Sample only documents that have edits"));
  command
      ->add_option("--max-doc-bytes", review.max_document_bytes,
                   Wrap("Show at most about N bytes of each document (the "
                        "page says what was cut)"))
      ->type_name("N")
      ->check(CLI::Range(size_t{1}, std::numeric_limits<size_t>::max())
                  .description(""))
      ->capture_default_str();
  command
      ->add_option("--title", review.title, "The page's title")
      ->type_name("TEXT")
      ->capture_default_str();
  command
      ->add_option("--only-rules", flags.only_rule_files,
                   Wrap("Show what the rules in FILE alone remove (such as "
                        "the proposals of `textwash learn`): like --rules "
                        "FILE with --no-default-rules and every built-in "
                        "stage off; repeatable"))
      ->type_name("FILE")
      ->allow_extra_args(false);
  AddCleanerFlags(command, flags);
  AddThreadsFlag(command, flags);
  return command;
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
  AddInputFlags(clean, flags);
  clean
      ->add_option("-o,--output", flags.output,
                   "Write to FILE instead of standard output")
      ->type_name("FILE");
  clean
      ->add_option_function<std::string>(
          "--on-error",
          [&flags](const std::string& value) {
            flags.on_error = value == "skip"   ? OnError::kSkip
                             : value == "fail" ? OnError::kFail
                                               : OnError::kKeep;
          },
          Wrap("JSONL: what to do with a bad line (invalid UTF-8, not JSON, "
               "not an object, field missing, duplicated or not a string) "
               "once it is reported as FILE:LINE: REASON: keep it (write it "
               "unchanged), skip it (leave it out), or fail (stop there "
               "with exit code 1). Either way it counts as rejected"))
      ->check(CLI::IsMember({"keep", "skip", "fail"}))
      ->type_name("ACTION")
      ->default_str("keep");
  AddCleanerFlags(clean, flags);
  clean
      ->add_option("--output-dir", flags.output_dir,
                   Wrap("Write one output per input file into DIR (created "
                        "if missing), under the input's file name"))
      ->type_name("DIR");
  AddThreadsFlag(clean, flags);
  clean
      ->add_option("--report", flags.report,
                   Wrap("Write what was removed to FILE, one JSON line per "
                        "document: {\"doc\":INDEX, \"id\":ID, \"edits\":[{"
                        "\"begin\", \"end\", \"cp_begin\", \"cp_end\", "
                        "\"category\", \"rule\", \"removed\"}]}. INDEX "
                        "counts documents from 0; ID is a JSONL record's "
                        "top-level \"id\"; begin and end are byte offsets, "
                        "cp_begin and cp_end code-point offsets into the "
                        "document's text"))
      ->type_name("FILE");
  clean
      ->add_option_function<std::string>(
          "--report-format",
          [&flags](const std::string& value) {
            flags.report_format = value == "dolma"
                                      ? cli::ReportFormat::kDolma
                                      : cli::ReportFormat::kTextwash;
          },
          Wrap("textwash: the --report lines above. dolma: Dolma attribute "
               "lines, one per input document, {\"id\":ID, \"attributes\":"
               "{\"textwash__CATEGORY\":[[START, END, 1.0], ...]}} with "
               "code-point offsets; a document without an id gets its "
               "INDEX, as a string"))
      ->check(CLI::IsMember({"textwash", "dolma"}))
      ->type_name("FORMAT")
      ->default_str("textwash");
  clean->add_flag("--stats", flags.stats,
                  Wrap("At the end, print a summary to stderr: documents in = "
                       "written + dropped + rejected, by reason; bytes in and "
                       "out; edits and bytes removed per category and per "
                       "rule, with an example; throughput"));
  clean
      ->add_option("--stats-json", flags.stats_json,
                   Wrap("Write the --stats summary to FILE as JSON; timing "
                        "is under \"timing\", the rest depends on the input "
                        "alone"))
      ->type_name("FILE");
  clean->add_flag("--diff", flags.diff,
                  Wrap("Instead of the output, write each changed document "
                       "after a `--- FILE[:LINE] [id ID]` line, its removals "
                       "marked [-removed-] and replacements {+new+} (in "
                       "colour on a terminal)"));
  clean
      ->add_option("--color", flags.color,
                   Wrap("--diff colours: auto (when standard output is a "
                        "terminal), always or never"))
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->type_name("WHEN")
      ->capture_default_str();
  clean
      ->add_option("--sample", flags.sample,
                   Wrap("Clean only N documents spread evenly over the input "
                        "(document floor(k*TOTAL/N) for k < N, after a first "
                        "pass that counts them; needs input files); the "
                        "others are dropped as not_sampled"))
      ->type_name("N")
      ->check(CLI::Range(uint64_t{1}, std::numeric_limits<uint64_t>::max())
                  .description(""));
  clean->add_flag("--drop-empty", flags.drop_empty,
                  Wrap("Drop documents that are empty once cleaned (JSONL: "
                       "the line is not written; text: the file gives no "
                       "output)"));
  clean
      ->add_option("--min-chars", flags.min_chars,
                   Wrap("Drop documents shorter than N code points once "
                        "cleaned"))
      ->type_name("N")
      ->check(CLI::NonNegativeNumber.description(""));
  clean->add_flag("-q,--quiet", flags.quiet,
                  Wrap("No progress line (shown on stderr when it is a "
                       "terminal and the inputs are files)"));

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
  commands.learn = DefineLearn(app, flags);
  commands.review = DefineReview(app, flags);
  return commands;
}

// `textwash FILE` means `textwash clean FILE`: everything but a subcommand
// or a top-level flag goes to clean.
bool NeedsDefaultCommand(const std::vector<std::string>& args) {
  if (args.empty()) return true;
  const std::string& first = args.front();
  return first != "clean" && first != "rules" && first != "learn" &&
         first != "review" &&
         first != "-h" &&
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
  options.fix_mojibake = flags.fix_mojibake;
  options.to_simplified = flags.to_simplified;
  options.strip_markdown = flags.strip_markdown;
  options.keep_link_urls = flags.keep_link_urls;
  options.normalize_punct = flags.normalize_punct;
  return options;
}

Format ResolveFormat(Format format, std::string_view input) {
  if (format != Format::kAuto) return format;
  return input != "-" &&
                 cli::WithoutCompressionSuffix(input).ends_with(".jsonl")
             ? Format::kJsonl
             : Format::kText;
}

// Refuses, before anything is written, what would fail or lose data half way:
// an unreadable input, or an output that would overwrite an input.
int CheckFiles(const Flags& flags, const std::vector<std::string>& inputs,
               const Streams& streams) {
  for (const std::string& input : inputs) {
    std::ifstream file;
    if (input == "-") continue;
    if (std::string error = OpenForReading(input, &file); !error.empty()) {
      PrintError(streams.err, error);
      return kExitCannotRun;
    }
  }
  std::vector<std::string> written = {flags.output, flags.report,
                                      flags.stats_json};
  if (!flags.output_dir.empty()) {
    std::error_code error;
    std::filesystem::create_directories(flags.output_dir, error);
    if (error) {
      PrintError(streams.err,
                 "cannot write " + flags.output_dir + ": " + error.message());
      return kExitCannotRun;
    }
    std::vector<std::string> names;
    for (const std::string& input : inputs) {
      const std::string name =
          std::filesystem::path(input).filename().string();
      if (std::find(names.begin(), names.end(), name) != names.end()) {
        PrintError(streams.err, "--output-dir: two inputs are called " + name);
        return kExitCannotRun;
      }
      names.push_back(name);
      written.push_back(
          (std::filesystem::path(flags.output_dir) / name).string());
    }
  }
  // Opening an output truncates it, so it must not be one of the inputs.
  for (const std::string& path : written) {
    for (const std::string& input : inputs) {
      std::error_code ignored;
      if (!path.empty() && path != "-" && input != "-" &&
          std::filesystem::equivalent(path, input, ignored)) {
        PrintError(streams.err,
                   "cannot write " + path + ": it is also an input file");
        return kExitCannotRun;
      }
    }
  }
  return kExitOk;
}

// Combinations of flags that cannot work, reported as usage errors.
std::string CheckFlagCombinations(const Flags& flags,
                                  const std::vector<std::string>& inputs) {
  const bool reads_stdin =
      std::find(inputs.begin(), inputs.end(), "-") != inputs.end();
  if (!flags.output_dir.empty()) {
    if (!flags.output.empty()) return "--output-dir and -o exclude each other";
    if (reads_stdin) return "--output-dir needs input files, not stdin";
    if (flags.diff) return "--output-dir and --diff exclude each other";
  }
  if (flags.sample > 0 && reads_stdin) {
    return "--sample needs input files, not stdin: it reads them twice";
  }
  return "";
}

// The pipeline options that clean and review share: inputs, their formats,
// the JSONL field and the threads.
cli::PipelineOptions InputOptions(const Flags& flags,
                                  const std::vector<std::string>& inputs) {
  cli::PipelineOptions options;
  options.inputs = inputs;
  for (const std::string& input : inputs) {
    options.jsonl.push_back(ResolveFormat(flags.format, input) ==
                            Format::kJsonl);
  }
  options.field = flags.field;
  options.threads = flags.threads > 0
                        ? flags.threads
                        : static_cast<int>(std::max(
                              1u, std::thread::hardware_concurrency()));
  return options;
}

int RunClean(const Flags& flags, const Streams& streams,
             const Terminal& terminal) {
  std::vector<std::string> inputs = flags.files;
  if (inputs.empty()) inputs.push_back("-");
  if (std::string error = CheckFlagCombinations(flags, inputs);
      !error.empty()) {
    PrintError(streams.err, error);
    PrintError(streams.err, "run 'textwash --help' for usage");
    return kExitCannotRun;
  }

  StatusOr<std::shared_ptr<const Cleaner>> cleaner =
      Cleaner::Create(MakeOptions(flags));
  if (!cleaner.ok()) {
    PrintError(streams.err, cleaner.status().message());
    return kExitCannotRun;
  }
  if (int code = CheckFiles(flags, inputs, streams); code != kExitOk) {
    return code;
  }

  cli::PipelineOptions options = InputOptions(flags, inputs);
  options.output = flags.output;
  options.output_dir = flags.output_dir;
  options.on_error = flags.on_error;
  options.report = flags.report;
  options.report_format = flags.report_format;
  options.stats = flags.stats;
  options.stats_json = flags.stats_json;
  options.diff = flags.diff;
  const bool diff_to_terminal =
      terminal.stdout_is_tty && (flags.output.empty() || flags.output == "-");
  options.color = flags.color == "always" ||
                  (flags.color == "auto" && diff_to_terminal);
  options.sample = flags.sample;
  options.drop_empty = flags.drop_empty;
  options.min_chars = flags.min_chars;
  const bool reads_stdin =
      std::find(inputs.begin(), inputs.end(), "-") != inputs.end();
  options.progress = terminal.stderr_is_tty && !reads_stdin && !flags.quiet;
  return cli::RunPipeline(**cleaner, options, streams.in, streams.out,
                          streams.err);
}

int RunReviewCommand(const Flags& flags, const Streams& streams) {
  std::vector<std::string> inputs = flags.files;
  if (inputs.empty()) inputs.push_back("-");
  Options options = MakeOptions(flags);
  if (!flags.only_rule_files.empty()) {
    if (!flags.packs.empty()) {
      PrintError(streams.err,
                 "--only-rules leaves out the built-in packs; drop --pack");
      PrintError(streams.err, "run 'textwash --help' for usage");
      return kExitCannotRun;
    }
    // Only what the rule files remove: no pack, no stage of the Cleaner's
    // own (invalid UTF-8 is still replaced; see options.h).
    options.default_rules = false;
    options.rule_files.insert(options.rule_files.end(),
                              flags.only_rule_files.begin(),
                              flags.only_rule_files.end());
    options.remove_invisible = false;
    options.normalize_newlines = false;
    options.min_repeat_chars = 0;
    options.layout = false;
    options.noise = false;
  }
  StatusOr<std::shared_ptr<const Cleaner>> cleaner = Cleaner::Create(options);
  if (!cleaner.ok()) {
    PrintError(streams.err, cleaner.status().message());
    return kExitCannotRun;
  }
  if (int code = CheckFiles(flags, inputs, streams); code != kExitOk) {
    return code;
  }
  cli::ReviewOptions review = flags.review;
  review.output = flags.output;
  return cli::RunReview(**cleaner, InputOptions(flags, inputs), review,
                        streams.in, streams.out, streams.err);
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

int RunLearnCommand(Flags& flags, const Streams& streams) {
  cli::LearnOptions& learn = flags.learn;
  learn.inputs = flags.files;
  learn.field = flags.field;
  if (learn.inputs.empty()) learn.inputs.push_back("-");
  if (learn.merge &&
      std::find(learn.inputs.begin(), learn.inputs.end(), "-") !=
          learn.inputs.end()) {
    PrintError(streams.err, "--merge needs counts files, not stdin");
    return kExitCannotRun;
  }
  for (const std::string& input : learn.inputs) {
    learn.jsonl.push_back(ResolveFormat(flags.format, input) ==
                          Format::kJsonl);
  }
  for (const std::string& written : {learn.output, learn.review}) {
    for (const std::string& input : learn.inputs) {
      std::error_code ignored;
      if (!written.empty() && written != "-" && input != "-" &&
          std::filesystem::equivalent(written, input, ignored)) {
        PrintError(streams.err,
                   "cannot write " + written + ": it is also an input file");
        return kExitCannotRun;
      }
    }
  }
  return cli::RunLearn(learn, streams.in, streams.out, streams.err);
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

int Run(const std::vector<std::string>& args, const Streams& streams,
        const Terminal& terminal) {
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
  if (commands.learn->parsed()) return RunLearnCommand(flags, streams);
  if (commands.review->parsed()) return RunReviewCommand(flags, streams);
  return RunClean(flags, streams, terminal);
}

}  // namespace

int RunCli(const std::vector<std::string>& args, std::istream& in,
           std::ostream& out, std::ostream& err, const Terminal& terminal) {
  try {
    return Run(args, Streams{in, out, err}, terminal);
  } catch (const std::exception& e) {
    PrintError(err, std::string("internal error: ") + e.what());
  } catch (...) {
    PrintError(err, "internal error");
  }
  return kExitCannotRun;
}

}  // namespace textwash
