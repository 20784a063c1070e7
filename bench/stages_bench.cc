// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Microbenchmarks: each stage of Clean() alone, Clean() as a whole, and how
// its cost grows with document size, rule count, junk density and hostile
// inputs. Throughput is in input bytes per second.
//
// The corpora come from textwash_gen_corpus (run at start-up, so the numbers
// are for the same bytes on every machine): Chinese and English documents of
// about 4 KB with junk on 10% of lines, unless a benchmark says otherwise.
//
//   textwash_bench [--benchmark_filter=REGEX] [--corpus_mb=N]
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "lib/builtin.h"
#include "lib/fold.h"
#include "lib/hygiene.h"
#include "lib/layout.h"
#include "lib/noise.h"
#include "lib/numerals.h"
#include "lib/scanner.h"
#include "lib/text.h"
#include "textwash/textwash.h"

namespace {

using textwash::Cleaner;
using textwash::Options;
using textwash::Result;

size_t g_corpus_mb = 8;

// Runs the generator and returns the texts of the documents it wrote.
std::vector<std::string> Generate(const std::string& args) {
  const std::string command = std::string(TEXTWASH_GEN_CORPUS) +
                              " --format jsonl " + args + " 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run " + command);
  std::string jsonl;
  char buf[1 << 16];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) jsonl.append(buf, n);
  if (pclose(pipe) != 0) throw std::runtime_error("failed: " + command);
  std::vector<std::string> docs;
  simdjson::ondemand::parser parser;
  size_t pos = 0;
  while (pos < jsonl.size()) {
    size_t end = jsonl.find('\n', pos);
    if (end == std::string::npos) end = jsonl.size();
    simdjson::padded_string line(jsonl.data() + pos, end - pos);
    simdjson::ondemand::document doc = parser.iterate(line);
    std::string_view text = doc["text"].get_string();
    docs.emplace_back(text);
    pos = end + 1;
  }
  return docs;
}

// Corpora by generator arguments, made once.
const std::vector<std::string>& Corpus(const std::string& lang, double junk = 0.1,
                                       const std::string& doc_size = "4K") {
  static std::mutex mu;
  static std::map<std::string, std::vector<std::string>> cache;
  const std::string args = "--lang " + lang + " --junk " + std::to_string(junk) +
                           " --doc-size " + doc_size + " --seed 7 --size " +
                           std::to_string(g_corpus_mb) + "M";
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(args);
  if (it == cache.end()) it = cache.emplace(args, Generate(args)).first;
  return it->second;
}

size_t TotalBytes(const std::vector<std::string>& docs) {
  size_t n = 0;
  for (const std::string& d : docs) n += d.size();
  return n;
}

const Cleaner& DefaultCleaner() {
  static const std::shared_ptr<const Cleaner> cleaner = [] {
    auto c = Cleaner::Create(Options{});
    if (!c.ok()) throw std::runtime_error(c.status().message());
    return *c;
  }();
  return *cleaner;
}

const char* LangOf(const benchmark::State& state) {
  return state.range(0) == 0 ? "zh" : "en";
}

// Runs `per_doc` on every document of `docs` per iteration and reports the
// bytes processed.
template <typename PerDoc>
void OverCorpus(benchmark::State& state, const std::vector<std::string>& docs,
                PerDoc&& per_doc) {
  for (auto _ : state) {
    for (const std::string& doc : docs) per_doc(doc);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes(docs)));
}

// ---- Clean() as a whole ----------------------------------------------------

void BM_Clean(benchmark::State& state) {
  const auto& docs = Corpus(LangOf(state));
  const Cleaner& cleaner = DefaultCleaner();
  Result result;
  OverCorpus(state, docs, [&](const std::string& doc) {
    cleaner.Clean(doc, &result);
    benchmark::DoNotOptimize(result.text.data());
  });
  state.SetLabel(LangOf(state));
}
BENCHMARK(BM_Clean)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// The same documents through CleanBatch(), all in one call (it takes them
// about 1 MB at a time): the same results, each rule run over a group of
// documents before the next.
void BM_CleanBatch(benchmark::State& state) {
  const auto& docs = Corpus(LangOf(state));
  const Cleaner& cleaner = DefaultCleaner();
  const std::vector<std::string_view> views(docs.begin(), docs.end());
  std::vector<Result> results;
  for (auto _ : state) {
    cleaner.CleanBatch(views, &results);
    benchmark::DoNotOptimize(results.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes(docs)));
  state.SetLabel(LangOf(state));
}
BENCHMARK(BM_CleanBatch)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// Each document cleaned twice in a row, both counted: the second Clean()
// finds what the first used in the caches (the scanner's database, the
// automata of the rules the document runs, the text) and the branch
// predictors trained on the same text. Against BM_Clean's time it bounds
// what a document following another costs: the second run takes
// 2 * t(twice) - t(once), and would take t(once) if nothing carried over.
void BM_CleanTwice(benchmark::State& state) {
  const auto& docs = Corpus(LangOf(state));
  const Cleaner& cleaner = DefaultCleaner();
  Result result;
  for (auto _ : state) {
    for (const std::string& doc : docs) {
      cleaner.Clean(doc, &result);
      benchmark::DoNotOptimize(result.text.data());
      cleaner.Clean(doc, &result);
      benchmark::DoNotOptimize(result.text.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(2 * state.iterations() * TotalBytes(docs)));
  state.SetLabel(LangOf(state));
}
BENCHMARK(BM_CleanTwice)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// Two threads share one Cleaner, each cleaning the whole corpus: compare the
// bytes per second with one thread's.
void BM_CleanThreads(benchmark::State& state) {
  const auto& docs = Corpus("zh");
  const Cleaner& cleaner = DefaultCleaner();
  Result result;
  OverCorpus(state, docs, [&](const std::string& doc) {
    cleaner.Clean(doc, &result);
    benchmark::DoNotOptimize(result.text.data());
  });
}
BENCHMARK(BM_CleanThreads)->Threads(1)->Threads(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// ---- start-up --------------------------------------------------------------

// Cleaner::Create with the default rules (its scanner database is loaded
// from the build; the rules' regexes wait for first use). Arg 1: and the
// first Clean() of one document of each language, which compiles the regexes
// of the rules it runs.
void BM_Create(benchmark::State& state) {
  const bool clean = state.range(0) == 1;
  const std::string& zh = Corpus("zh").front();
  const std::string& en = Corpus("en").front();
  for (auto _ : state) {
    auto cleaner = Cleaner::Create(Options());
    if (!cleaner.ok()) {
      state.SkipWithError(cleaner.status().ToString().c_str());
      return;
    }
    if (clean) {
      benchmark::DoNotOptimize((*cleaner)->Clean(zh).text.data());
      benchmark::DoNotOptimize((*cleaner)->Clean(en).text.data());
    }
  }
  state.SetLabel(clean ? "create + first Clean() of a zh and an en document" : "create");
}
BENCHMARK(BM_Create)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// ---- stages ----------------------------------------------------------------

void BM_StageHygiene(benchmark::State& state) {
  const auto& docs = Corpus(LangOf(state));
  std::vector<textwash::Edit> edits;
  OverCorpus(state, docs, [&](const std::string& doc) {
    edits.clear();
    benchmark::DoNotOptimize(textwash::internal::FindHygieneEdits(doc, {}, &edits));
  });
  state.SetLabel(LangOf(state));
}
BENCHMARK(BM_StageHygiene)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_StageSplitLines(benchmark::State& state) {
  const auto& docs = Corpus(LangOf(state));
  std::vector<textwash::internal::Line> lines;
  OverCorpus(state, docs, [&](const std::string& doc) {
    textwash::internal::SplitLines(doc, &lines);
    benchmark::DoNotOptimize(lines.data());
  });
  state.SetLabel(LangOf(state));
}
BENCHMARK(BM_StageSplitLines)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_StageScan(benchmark::State& state) {
  const auto& docs = Corpus(LangOf(state));
  const textwash::internal::Scanner& scanner =
      textwash::internal::CleanerAccess::GetScanner(DefaultCleaner());
  std::vector<textwash::internal::ScanHit> hits;
  size_t total_hits = 0;
  OverCorpus(state, docs, [&](const std::string& doc) {
    hits.clear();
    scanner.Scan(doc, &hits);
    total_hits += hits.size();
  });
  state.counters["hits_per_MB"] = benchmark::Counter(
      static_cast<double>(total_hits) * 1e6 /
      static_cast<double>(state.iterations() * TotalBytes(docs)));
  state.SetLabel(std::string(LangOf(state)) + " " + std::string(Cleaner::engine()));
}
BENCHMARK(BM_StageScan)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// The numeral runs of the phone and ID rules (the shortest they ask for,
// seven numerals), found as Clean() finds them beside the scan.
void BM_StageNumeralRuns(benchmark::State& state) {
  const auto& docs = Corpus(LangOf(state));
  std::vector<textwash::internal::NumeralRun> runs;
  size_t total_runs = 0;
  OverCorpus(state, docs, [&](const std::string& doc) {
    runs.clear();
    textwash::internal::FindNumeralRuns(doc, 7, &runs);
    total_runs += runs.size();
  });
  state.counters["runs_per_MB"] = benchmark::Counter(
      static_cast<double>(total_runs) * 1e6 /
      static_cast<double>(state.iterations() * TotalBytes(docs)));
  state.SetLabel(LangOf(state));
}
BENCHMARK(BM_StageNumeralRuns)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// Folding every line: the cost per byte when a line is folded. Clean() folds
// only the lines a fold rule's trigger hits.
void BM_StageFoldEveryLine(benchmark::State& state) {
  const auto& docs = Corpus(LangOf(state));
  textwash::internal::FoldedLine folded;
  std::vector<textwash::internal::Line> lines;
  OverCorpus(state, docs, [&](const std::string& doc) {
    textwash::internal::SplitLines(doc, &lines);
    for (const auto& line : lines) {
      textwash::internal::FoldLine(
          std::string_view(doc).substr(line.begin, line.end - line.begin), &folded);
      benchmark::DoNotOptimize(folded.text.data());
    }
  });
  state.SetLabel(LangOf(state));
}
BENCHMARK(BM_StageFoldEveryLine)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_StageNoise(benchmark::State& state) {
  const auto& docs = Corpus(LangOf(state));
  std::vector<textwash::internal::Line> lines;
  std::vector<textwash::internal::Cut> cuts;
  OverCorpus(state, docs, [&](const std::string& doc) {
    textwash::internal::SplitLines(doc, &lines);
    cuts.clear();
    for (const auto& line : lines) textwash::internal::FindNoise(doc, line, &cuts);
    benchmark::DoNotOptimize(cuts.data());
  });
  state.SetLabel(LangOf(state));
}
BENCHMARK(BM_StageNoise)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// Layout with no cuts: repeats, blank lines, chunk joins.
void BM_StageLayout(benchmark::State& state) {
  const auto& docs = Corpus(LangOf(state));
  std::vector<textwash::internal::Line> lines;
  std::vector<textwash::internal::Cut> cuts;
  std::vector<textwash::Edit> edits;
  OverCorpus(state, docs, [&](const std::string& doc) {
    textwash::internal::SplitLines(doc, &lines);
    std::vector<textwash::internal::Credit> weak(lines.size());
    edits.clear();
    textwash::internal::AssembleEdits(doc, lines, cuts, weak, {}, &edits);
    benchmark::DoNotOptimize(edits.data());
  });
  state.SetLabel(LangOf(state));
}
BENCHMARK(BM_StageLayout)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// The floor: copying the bytes once.
void BM_Memcpy(benchmark::State& state) {
  const auto& docs = Corpus("zh");
  std::string out;
  OverCorpus(state, docs, [&](const std::string& doc) {
    out.assign(doc);
    benchmark::DoNotOptimize(out.data());
  });
}
BENCHMARK(BM_Memcpy)->Unit(benchmark::kMillisecond);

// ---- growth ----------------------------------------------------------------

// Document size: one document of 1 KB ... 100 MB (the corpus's documents
// joined, then cut at a line end).
void BM_DocSize(benchmark::State& state) {
  const size_t size = static_cast<size_t>(state.range(0));
  static std::map<size_t, std::string> docs;
  std::string& doc = docs[size];
  if (doc.empty()) {
    const auto& corpus = Corpus("zh");
    while (doc.size() < size) {
      for (const std::string& d : corpus) {
        doc += d;
        doc += "\n\n";
        if (doc.size() >= size) break;
      }
    }
    const size_t cut = doc.rfind('\n', size);
    doc.resize(cut == std::string::npos ? size : cut + 1);
  }
  const Cleaner& cleaner = DefaultCleaner();
  Result result;
  for (auto _ : state) {
    cleaner.Clean(doc, &result);
    benchmark::DoNotOptimize(result.text.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * doc.size()));
}
BENCHMARK(BM_DocSize)
    ->Arg(1 << 10)->Arg(10 << 10)->Arg(100 << 10)->Arg(1 << 20)->Arg(10 << 20)
    ->Arg(100 << 20)
    ->Unit(benchmark::kMillisecond);

// Rule count: the default rules plus N user rules (half literals, half
// patterns), over the Chinese corpus.
std::string UserRules(int n) {
  std::string text = "[pack]\nname = \"bench\"\n";
  for (int i = 0; i < n; ++i) {
    const std::string id = std::to_string(i);
    text += "[[rule]]\nid = \"bench.r" + id + "\"\ncategory = \"ad\"\n";
    if (i % 2 == 0) {
      text += "kind = \"line\"\nliterals = [\"广告词" + id + "号\"]\n";
    } else {
      text += "kind = \"span\"\npatterns = ['站点" + id + "[0-9]{2,4}号']\n";
    }
  }
  return text;
}

void BM_RuleCount(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  Options options;
  options.rule_texts.push_back({"bench.toml", UserRules(n)});
  auto cleaner = Cleaner::Create(options);
  if (!cleaner.ok()) {
    state.SkipWithError(cleaner.status().message().c_str());
    return;
  }
  const auto& docs = Corpus("zh");
  Result result;
  OverCorpus(state, docs, [&](const std::string& doc) {
    (*cleaner)->Clean(doc, &result);
    benchmark::DoNotOptimize(result.text.data());
  });
}
BENCHMARK(BM_RuleCount)->Arg(10)->Arg(100)->Arg(1000)->Arg(10000)
    ->Unit(benchmark::kMillisecond)->Iterations(3);

// Junk density: share of lines carrying junk, in percent.
void BM_JunkDensity(benchmark::State& state) {
  const auto& docs = Corpus("zh", static_cast<double>(state.range(0)) / 100.0);
  const Cleaner& cleaner = DefaultCleaner();
  Result result;
  OverCorpus(state, docs, [&](const std::string& doc) {
    cleaner.Clean(doc, &result);
    benchmark::DoNotOptimize(result.text.data());
  });
}
BENCHMARK(BM_JunkDensity)->Arg(0)->Arg(10)->Arg(25)->Arg(50)->Unit(benchmark::kMillisecond);

// ---- hostile inputs ----------------------------------------------------------
// Each at 1, 10 and 100 MB: bytes per second must stay flat (linear time).

std::string Hostile(int kind, size_t size) {
  std::string s;
  s.reserve(size + 64);
  switch (kind) {
    case 0: {  // one line: Chinese prose with no line break
      const auto& corpus = Corpus("zh");
      while (s.size() < size) {
        for (const std::string& d : corpus) {
          for (char c : d) s += c == '\n' ? ' ' : c;
          if (s.size() >= size) break;
        }
      }
      break;
    }
    case 1:  // one-character lines
      while (s.size() < size) s += "a\n";
      break;
    case 2: {  // all junk: ad, contact and marker lines over and over
      const std::string junk =
          "【哒哒素材库】——每天更新材料1000多篇，有意加入请联系微信：dada_2023\n"
          "##paidbegin##关注公众号：老！船-长君，QQ：１２３４５６７８９\n"
          "本文由用户上传，仅供参考，如有侵权请联系删除。电话：138 0013 8000\n";
      while (s.size() < size) s += junk;
      break;
    }
    case 3:  // all digits, one line
      while (s.size() < size) s += "1380013800";
      break;
    case 4:  // all separators
      while (s.size() < size) s += "- —·. ";
      break;
  }
  return s;
}

void BM_Hostile(benchmark::State& state) {
  static const char* kNames[] = {"one_line", "one_char_lines", "all_junk",
                                 "all_digits", "all_separators"};
  const int kind = static_cast<int>(state.range(0));
  const size_t size = static_cast<size_t>(state.range(1)) << 20;
  const std::string input = Hostile(kind, size);
  const Cleaner& cleaner = DefaultCleaner();
  Result result;
  for (auto _ : state) {
    cleaner.Clean(input, &result);
    benchmark::DoNotOptimize(result.text.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input.size()));
  state.SetLabel(kNames[kind]);
}
BENCHMARK(BM_Hostile)
    ->ArgsProduct({{0, 1, 2, 3, 4}, {1, 10, 100}})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

}  // namespace

int main(int argc, char** argv) {
  // Our own flag first; Google Benchmark rejects flags it does not know.
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a.rfind("--corpus_mb=", 0) == 0) {
      g_corpus_mb = std::strtoul(argv[i] + 12, nullptr, 10);
      continue;
    }
    args.push_back(argv[i]);
  }
  int n = static_cast<int>(args.size());
  benchmark::Initialize(&n, args.data());
  if (benchmark::ReportUnrecognizedArguments(n, args.data())) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
