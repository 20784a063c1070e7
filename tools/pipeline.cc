// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
#include "tools/pipeline.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <istream>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "tools/compress.h"
#include "tools/jsonl.h"
#include "tools/stats.h"

namespace textwash::cli {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitBadInput = 1;
constexpr int kExitCannotRun = 2;

constexpr std::string_view kStdinName = "<stdin>";

// A batch is cut once it holds this many bytes of input and a whole line.
// Together with MaxBatchesInFlight() this bounds the memory a run needs,
// whatever the size of its input (and of its longest line).
constexpr size_t kBatchBytes = size_t{1} << 20;
// Input is read into a batch's buffer at most this much at a time, so that a
// batch that had to grow for a long line is cut soon after the line ends.
constexpr size_t kReadBytes = size_t{1} << 18;
// The progress line is redrawn at most this often.
constexpr auto kProgressInterval = std::chrono::milliseconds(250);

// The JSON parse walked the whole line for these, so the id it found holds.
bool IdIsKnown(RejectReason reason) {
  return reason == kRejectMissingField || reason == kRejectDuplicateField ||
         reason == kRejectNotString;
}

enum class LineKind : uint8_t { kBlank, kDocument, kNotSampled };

// Bytes of input, read straight into place, with kJsonlPadding bytes always
// allocated past the end of the room for them, so that a JSON line anywhere
// in it can be parsed where it is.
class InputBuffer {
 public:
  const char* data() const { return bytes_.get(); }
  char* data() { return bytes_.get(); }
  size_t size() const { return size_; }
  // How many bytes fit before the padding.
  size_t room() const { return room_; }
  // Sets the size; `size` <= room().
  void set_size(size_t size) { size_ = size; }

  // Makes room for at least `room` bytes, keeping the current ones.
  void Reserve(size_t room) {
    if (room <= room_) return;
    // Allocated without being set: only what was read is ever looked at,
    // except by simdjson, which reads the padding but does not depend on it.
    std::unique_ptr<char[]> bytes(new char[room + kJsonlPadding]);
    if (size_ > 0) std::memcpy(bytes.get(), bytes_.get(), size_);
    bytes_ = std::move(bytes);
    room_ = room;
  }

 private:
  std::unique_ptr<char[]> bytes_;
  size_t size_ = 0;
  size_t room_ = 0;
};

// Where a line is in a batch's buffer: [begin, end), without its line break.
struct LineSpan {
  size_t begin;
  size_t end;
};

// A run of lines of one input (or one whole text document), cleaned by one
// worker and written by the main thread.
struct Batch {
  size_t input = 0;
  bool jsonl = true;
  bool first_of_input = false;
  bool last_of_input = false;
  size_t first_line = 1;   // line number of the first line
  uint64_t first_doc = 0;  // index of the first document
  uint64_t raw_done = 0;   // input file bytes consumed once this was read
  // The input as read: the lines with their line breaks, and possibly, after
  // the last one, the start of a line that the next batch holds.
  InputBuffer data;
  std::vector<LineSpan> lines;
  std::vector<LineKind> kinds;
  uint64_t bytes_in = 0;

  // Filled by the worker.
  std::string out;
  std::string report;
  std::string messages;
  Stats stats;
  bool failed = false;  // stopped at a bad line (--on-error fail)
  std::string error;    // an exception thrown while cleaning
  bool done = false;    // guarded by WorkerPool::mutex_

  // Followed in memory by a NUL and more, kJsonlPadding readable bytes in
  // all.
  std::string_view line(size_t i) const {
    return std::string_view(data.data() + lines[i].begin,
                            lines[i].end - lines[i].begin);
  }
};

// Cleans batches. Each worker thread has its own; they share the Cleaner.
class Worker {
 public:
  Worker(const Cleaner& cleaner, const PipelineOptions& options,
         const std::vector<std::string>& names)
      : cleaner_(cleaner),
        options_(options),
        names_(names),
        parser_(options.field) {}

  void Process(Batch* batch) {
    batch_ = batch;
    uint64_t doc = batch->first_doc;
    // Most lines are written back about as long as they were read.
    if (batch->jsonl && !options_.diff) {
      batch->out.reserve(batch->data.size());
    }
    if (batch->jsonl) ParseAndClean();
    for (size_t i = 0; i < batch->lines.size(); ++i) {
      const std::string_view line = batch->line(i);
      if (!batch->jsonl) {
        CleanDocument(line, doc++, "", 0);
        continue;
      }
      if (batch->kinds[i] == LineKind::kBlank) {
        if (!options_.diff) AppendLine(line);
        continue;
      }
      if (!CleanLine(line, batch->first_line + i, doc++)) break;
    }
    batch->stats.bytes_out = batch->out.size();
  }

 private:
  // Parses the batch's documents, and cleans those that parse with one
  // CleanBatch() call (each rule then runs over many documents in a row:
  // see Cleaner::CleanBatch); CleanLine() takes them in order.
  void ParseAndClean() {
    const Batch& batch = *batch_;
    size_t n = 0;
    for (size_t i = 0; i < batch.lines.size(); ++i) {
      if (batch.kinds[i] != LineKind::kDocument) continue;
      if (parsed_.size() <= n) parsed_.resize(n + 1);
      Parsed& p = parsed_[n++];
      // The batch's buffer has the padding simdjson needs after every line.
      p.status = parser_.ParseInPlace(batch.line(i), &p.field);
    }
    texts_.clear();
    for (size_t k = 0; k < n; ++k) {
      if (parsed_[k].status.ok()) texts_.push_back(parsed_[k].field.text);
    }
    cleaner_.CleanBatch(texts_, &cleaned_);
    next_parsed_ = next_cleaned_ = 0;
  }

  // Returns false to stop the batch (--on-error fail). Takes the next entry
  // of parsed_, and if it parsed, the next result of cleaned_.
  bool CleanLine(std::string_view line, size_t line_number, uint64_t doc) {
    Stats& stats = batch_->stats;
    ++stats.documents_in;
    if (batch_->kinds[line_number - batch_->first_line] ==
        LineKind::kNotSampled) {
      ++stats.dropped[kDropNotSampled];
      if (options_.report_format == ReportFormat::kDolma) {
        const bool parsed_ok = parser_.ParseInPlace(line, &field_).ok();
        WriteDolmaLine(doc, parsed_ok ? field_.id : "", {});
      }
      return true;
    }
    Parsed& p = parsed_[next_parsed_++];
    std::swap(field_, p.field);
    const Status& status = p.status;
    if (!status.ok()) {
      const RejectReason reason = ReasonOf(status.message());
      batch_->messages += "textwash: " + names_[batch_->input] + ":" +
                          std::to_string(line_number) + ": " +
                          status.message() + "\n";
      ++stats.rejected[reason];
      if (options_.on_error == OnError::kFail) {
        batch_->failed = true;
        return false;
      }
      if (options_.report_format == ReportFormat::kDolma) {
        WriteDolmaLine(doc, IdIsKnown(reason) ? field_.id : "", {});
      }
      if (options_.on_error == OnError::kKeep) {
        ++stats.rejected_written;
        if (!options_.diff) AppendLine(line);
      }
      return true;
    }
    std::swap(result_, cleaned_[next_cleaned_++]);
    CleanDocument(field_.text, doc, field_.id, line_number, line, /*cleaned=*/true);
    return true;
  }

  // Cleans one document: a JSONL record's field (`line` holds the record,
  // `field_` where the field is in it, `line_number` says where it is) or a
  // whole text file (`line_number` 0).
  // `result_` holds its result already when `cleaned`.
  void CleanDocument(std::string_view text, uint64_t doc, std::string_view id,
                     size_t line_number, std::string_view line = {}, bool cleaned = false) {
    Stats& stats = batch_->stats;
    if (!batch_->jsonl) {
      ++stats.documents_in;
      if (batch_->kinds[0] == LineKind::kNotSampled) {
        ++stats.dropped[kDropNotSampled];
        if (options_.report_format == ReportFormat::kDolma) {
          WriteDolmaLine(doc, "", {});
        }
        return;
      }
    }
    if (!cleaned) cleaner_.Clean(text, &result_);
    stats.CountEdits(text, result_.edits, cleaner_.rule_count());
    if (options_.observer != nullptr) {
      options_.observer->Cleaned(CleanedDocument{
          names_[batch_->input], line_number, doc, id, text, result_});
    }
    WriteReport(text, doc, id);

    if (options_.drop_empty && result_.text.empty()) {
      ++stats.dropped[kDropEmpty];
      return;
    }
    if (options_.min_chars > 0 &&
        CountCodePoints(result_.text) < options_.min_chars) {
      ++stats.dropped[kDropMinChars];
      return;
    }
    ++stats.written;
    if (options_.diff) {
      if (result_.text != text) WriteDiff(text, id, line_number);
      return;
    }
    std::string& out = batch_->out;
    if (!batch_->jsonl) {
      // The file is the batch's one document: its text is handed over, not
      // copied, so that a huge file is not held once more.
      if (out.empty()) {
        out.swap(result_.text);
      } else {
        out += result_.text;
      }
      if (!out.empty() && out.back() != '\n') out += '\n';
      return;
    }
    if (result_.text == field_.text) {
      AppendLine(line);
      return;
    }
    out.append(line.substr(0, field_.begin));
    AppendJsonString(result_.text, &out);
    out.append(line.substr(field_.end));
    out += '\n';
  }

  void AppendLine(std::string_view line) {
    batch_->out.append(line);
    batch_->out += '\n';
  }

  std::string_view RuleId(int index) const {
    if (index < 0 || index >= cleaner_.rule_count()) return "";
    return cleaner_.rule(index).id;
  }

  void WriteReport(std::string_view input, uint64_t doc, std::string_view id) {
    if (options_.report.empty()) return;
    if (options_.report_format == ReportFormat::kDolma) {
      WriteDolmaLine(doc, id, input);
      return;
    }
    std::string& line = batch_->report;
    line += "{\"doc\":" + std::to_string(doc);
    if (!id.empty()) {
      line += ",\"id\":";
      line += id;
    }
    line += ",\"edits\":[";
    size_t position = 0;
    uint64_t code_points = 0;
    for (size_t i = 0; i < result_.edits.size(); ++i) {
      const Edit& edit = result_.edits[i];
      const size_t begin = std::clamp(edit.begin, position, input.size());
      const size_t end = std::clamp(edit.end, begin, input.size());
      const uint64_t cp_begin =
          code_points + CountCodePoints(input.substr(position, begin - position));
      const uint64_t cp_end =
          cp_begin + CountCodePoints(input.substr(begin, end - begin));
      position = end;
      code_points = cp_end;
      if (i > 0) line += ',';
      line += "{\"begin\":" + std::to_string(edit.begin) +
              ",\"end\":" + std::to_string(edit.end) +
              ",\"cp_begin\":" + std::to_string(cp_begin) +
              ",\"cp_end\":" + std::to_string(cp_end) + ",\"category\":";
      AppendJsonString(CategoryName(edit.category), &line);
      line += ",\"rule\":";
      AppendJsonString(RuleId(edit.rule), &line);
      line += ",\"removed\":";
      AppendJsonString(input.substr(begin, end - begin), &line);
      if (!edit.replacement.empty()) {
        line += ",\"replacement\":";
        AppendJsonString(edit.replacement, &line);
      }
      line += '}';
    }
    line += "]}\n";
  }

  // A Dolma attribute line: the edits of `input` (none when it is empty) as
  // code-point spans, one key per category, in category order.
  void WriteDolmaLine(uint64_t doc, std::string_view id,
                      std::string_view input) {
    if (options_.report.empty()) return;
    std::string& line = batch_->report;
    line += "{\"id\":";
    if (id.empty()) {
      line += "\"" + std::to_string(doc) + "\"";
    } else {
      line += id;
    }
    line += ",\"attributes\":{";
    if (!input.empty()) {
      std::array<std::string, kCategoryCount> spans;
      size_t position = 0;
      uint64_t code_points = 0;
      for (const Edit& edit : result_.edits) {
        const size_t begin = std::clamp(edit.begin, position, input.size());
        const size_t end = std::clamp(edit.end, begin, input.size());
        const uint64_t cp_begin = code_points + CountCodePoints(input.substr(
                                                    position, begin - position));
        const uint64_t cp_end =
            cp_begin + CountCodePoints(input.substr(begin, end - begin));
        position = end;
        code_points = cp_end;
        std::string& list = spans[static_cast<int>(edit.category)];
        list += list.empty() ? "[" : ",";
        list += '[';
        list += std::to_string(cp_begin);
        list += ',';
        list += std::to_string(cp_end);
        list += ",1.0]";
      }
      bool first = true;
      for (int c = 0; c < kCategoryCount; ++c) {
        if (spans[c].empty()) continue;
        if (!first) line += ',';
        first = false;
        line += "\"textwash__";
        line += CategoryName(static_cast<Category>(c));
        line += "\":" + spans[c] + "]";
      }
    }
    line += "}}\n";
  }

  // The input with its removals marked, under a header naming the document.
  void WriteDiff(std::string_view input, std::string_view id,
                 size_t line_number) {
    const bool color = options_.color;
    std::string& out = batch_->out;
    out += color ? "\x1b[1m--- " : "--- ";
    out += names_[batch_->input];
    if (line_number > 0) out += ":" + std::to_string(line_number);
    if (!id.empty()) {
      out += " id ";
      out += id;
    }
    out += color ? "\x1b[0m\n" : "\n";
    size_t position = 0;
    for (const Edit& edit : result_.edits) {
      const size_t begin = std::clamp(edit.begin, position, input.size());
      const size_t end = std::clamp(edit.end, begin, input.size());
      out.append(input.substr(position, begin - position));
      if (end > begin) {
        out += color ? "\x1b[31m" : "[-";
        out.append(input.substr(begin, end - begin));
        out += color ? "\x1b[0m" : "-]";
      }
      if (!edit.replacement.empty()) {
        out += color ? "\x1b[32m" : "{+";
        out += edit.replacement;
        out += color ? "\x1b[0m" : "+}";
      }
      position = end;
    }
    out.append(input.substr(position));
    if (out.back() != '\n') out += '\n';
  }

  const Cleaner& cleaner_;
  const PipelineOptions& options_;
  const std::vector<std::string>& names_;
  JsonlParser parser_;
  Batch* batch_ = nullptr;

  // Buffers reused from one document to the next.
  JsonlField field_;
  Result result_;
  // A batch's documents, parsed, and the results of those that parsed.
  struct Parsed {
    Status status;
    JsonlField field;
  };
  std::vector<Parsed> parsed_;
  std::vector<std::string_view> texts_;
  std::vector<Result> cleaned_;
  size_t next_parsed_ = 0;   // the entry of parsed_ for the next document line
  size_t next_cleaned_ = 0;  // the result of the next one that parsed
};

// Worker threads taking batches from a queue. The destructor stops and joins
// them.
class WorkerPool {
 public:
  WorkerPool(int threads, const Cleaner& cleaner,
             const PipelineOptions& options,
             const std::vector<std::string>& names) {
    for (int i = 0; i < threads; ++i) {
      threads_.emplace_back([this, &cleaner, &options, &names] {
        Worker worker(cleaner, options, names);
        Loop(worker);
      });
    }
  }
  ~WorkerPool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      closing_ = true;
    }
    work_ready_.notify_all();
    for (std::thread& thread : threads_) thread.join();
  }
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void Submit(Batch* batch) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      queue_.push_back(batch);
    }
    work_ready_.notify_one();
  }

  void Wait(const Batch* batch) {
    std::unique_lock<std::mutex> lock(mutex_);
    batch_done_.wait(lock, [batch] { return batch->done; });
  }

 private:
  void Loop(Worker& worker) {
    while (true) {
      Batch* batch;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        work_ready_.wait(lock, [this] { return closing_ || !queue_.empty(); });
        if (queue_.empty()) return;
        batch = queue_.front();
        queue_.pop_front();
      }
      try {
        worker.Process(batch);
      } catch (const std::exception& e) {
        batch->error = e.what();
      } catch (...) {
        batch->error = "unknown error";
      }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        batch->done = true;
      }
      batch_done_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable batch_done_;
  std::deque<Batch*> queue_;
  bool closing_ = false;
  std::vector<std::thread> threads_;
};

// An output file (or standard output) and the compression over it.
struct Output {
  std::string name;
  std::ofstream file;
  std::unique_ptr<Sink> sink;
};

std::string OpenOutput(const std::string& path, std::ostream& standard,
                       Output* output) {
  output->name = path.empty() || path == "-" ? "standard output" : path;
  if (path.empty() || path == "-") {
    output->sink = MakeSink(standard, Compression::kNone);
    return "";
  }
  errno = 0;
  output->file.open(path, std::ios::binary | std::ios::trunc);
  if (!output->file.is_open()) {
    return "cannot write " + path + ": " +
           (errno != 0 ? std::system_category().message(errno)
                       : "cannot open");
  }
  output->sink = MakeSink(output->file, CompressionFor(path));
  return "";
}

// Picks documents evenly: document floor(k * total / sample) for k in
// [0, sample), so the choice depends on the input alone.
class Sampler {
 public:
  Sampler(uint64_t sample, uint64_t total) : sample_(sample), total_(total) {}

  // Called with document indexes in increasing order.
  bool Selected(uint64_t doc) {
    if (sample_ == 0 || total_ <= sample_) return true;
    while (next_ < sample_ && Pick(next_) < doc) ++next_;
    return next_ < sample_ && Pick(next_) == doc;
  }

 private:
  uint64_t Pick(uint64_t k) const {
    return static_cast<uint64_t>(static_cast<unsigned __int128>(k) * total_ /
                                 sample_);
  }
  uint64_t sample_;
  uint64_t total_;
  uint64_t next_ = 0;
};

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

class Pipeline {
 public:
  Pipeline(const Cleaner& cleaner, const PipelineOptions& options,
           std::istream& in, std::ostream& out, std::ostream& err)
      : cleaner_(cleaner), options_(options), in_(in), out_(out), err_(err) {
    for (const std::string& input : options.inputs) {
      names_.push_back(input == "-" ? std::string(kStdinName) : input);
    }
  }

  int Run() {
    start_ = std::chrono::steady_clock::now();
    if (int code = OpenOutputs(); code != kExitOk) return code;
    if (options_.sample > 0) {
      if (int code = CountDocuments(); code != kExitOk) return code;
    }
    sampler_ = Sampler(options_.sample, total_documents_);
    for (const std::string& input : options_.inputs) {
      std::error_code error;
      const uintmax_t size = std::filesystem::file_size(input, error);
      if (input != "-" && !error) total_raw_ += size;  // pipes have none
    }
    {
      WorkerPool pool(std::max(1, options_.threads), cleaner_, options_,
                      names_);
      pool_ = &pool;
      for (size_t i = 0; i < options_.inputs.size() && !stopped_; ++i) {
        ReadInput(i);
      }
      while (!in_flight_.empty()) WriteFront();
      pool_ = nullptr;
    }
    // Even after an error, what was written is ended properly, so that a
    // compressed output can be read up to there.
    FinishOutputs();
    ShowProgress(/*final=*/true);
    const auto elapsed = std::chrono::steady_clock::now() - start_;
    const Timing timing =
        TimingOf(stats_, std::chrono::duration<double>(elapsed).count());
    if (options_.stats) err_ << StatsText(stats_, cleaner_, timing);
    if (!options_.stats_json.empty()) WriteStatsJson(timing);
    if (options_.observer != nullptr) options_.observer->Finished(stats_);
    if (exit_code_ == kExitOk && stats_.rejected_total() > 0) {
      exit_code_ = kExitBadInput;
    }
    return exit_code_;
  }

 private:
  void Fail(int code, const std::string& message) {
    if (!message.empty()) err_ << "textwash: " << message << '\n';
    if (exit_code_ != kExitCannotRun) exit_code_ = code;
    stopped_ = true;
  }

  int OpenOutputs() {
    if (options_.output_dir.empty()) {
      if (std::string error = OpenOutput(options_.output, out_, &output_);
          !error.empty()) {
        err_ << "textwash: " << error << '\n';
        return kExitCannotRun;
      }
    }
    if (!options_.report.empty()) {
      if (std::string error = OpenOutput(options_.report, out_, &report_);
          !error.empty()) {
        err_ << "textwash: " << error << '\n';
        return kExitCannotRun;
      }
    }
    return kExitOk;
  }

  void FinishOutputs() {
    for (Output* output : {&output_, &report_}) {
      if (output->sink == nullptr) continue;
      if (!output->sink->Finish()) {
        Fail(kExitCannotRun, "cannot write " + output->name);
      }
      output->sink = nullptr;
    }
  }

  void WriteStatsJson(const Timing& timing) {
    Output file;
    if (std::string error = OpenOutput(options_.stats_json, out_, &file);
        !error.empty()) {
      Fail(kExitCannotRun, error);
      return;
    }
    if (!file.sink->Write(StatsJson(stats_, cleaner_, timing)) ||
        !file.sink->Finish()) {
      Fail(kExitCannotRun, "cannot write " + file.name);
    }
  }

  // Opens input `index`; null (after reporting) when it cannot be read.
  std::unique_ptr<Source> OpenInput(size_t index, std::ifstream* file) {
    const std::string& input = options_.inputs[index];
    if (input == "-") return MakeSource(in_, Compression::kNone);
    errno = 0;
    file->open(input, std::ios::binary);
    if (!file->is_open()) {
      Fail(kExitCannotRun,
           "cannot read " + input + ": " +
               (errno != 0 ? std::system_category().message(errno)
                           : "cannot open"));
      return nullptr;
    }
    return MakeSource(*file, CompressionFor(input));
  }

  // The first pass of --sample: how many documents there are.
  int CountDocuments() {
    for (size_t i = 0; i < options_.inputs.size(); ++i) {
      if (!options_.jsonl[i]) {
        ++total_documents_;
        continue;
      }
      std::ifstream file;
      std::unique_ptr<Source> source = OpenInput(i, &file);
      if (source == nullptr) return exit_code_;
      LineReader lines(source.get());
      std::string line;
      while (lines.ReadLine(&line)) total_documents_ += IsBlank(line) ? 0 : 1;
      if (!source->error().empty()) {
        err_ << "textwash: cannot read " << names_[i] << ": "
             << source->error() << '\n';
        return kExitCannotRun;
      }
    }
    return kExitOk;
  }

  std::unique_ptr<Batch> NewBatch(size_t input, size_t first_line) {
    auto batch = std::make_unique<Batch>();
    batch->input = input;
    batch->jsonl = options_.jsonl[input];
    batch->first_line = first_line;
    batch->first_doc = next_doc_;
    return batch;
  }

  // The kind of the next line; a document gets the next index.
  LineKind KindOf(std::string_view line) {
    if (IsBlank(line)) return LineKind::kBlank;
    return NextDocument();
  }
  LineKind NextDocument() {
    return sampler_.Selected(next_doc_++) ? LineKind::kDocument
                                          : LineKind::kNotSampled;
  }

  void ReadInput(size_t index) {
    std::ifstream file;
    std::unique_ptr<Source> source = OpenInput(index, &file);
    if (source == nullptr) return;
    const uint64_t raw_before = raw_done_;
    std::unique_ptr<Batch> batch = NewBatch(index, 1);
    batch->first_of_input = true;
    if (!options_.jsonl[index]) {
      std::error_code error;
      const uintmax_t size =
          std::filesystem::file_size(options_.inputs[index], error);
      const bool sized =
          !error && options_.inputs[index] != "-" &&
          CompressionFor(options_.inputs[index]) == Compression::kNone;
      ReadText(source.get(), sized ? size : 0, batch.get());
    } else {
      batch->data.Reserve(kBatchBytes);
      size_t line_begin = 0;  // where the line being read starts
      size_t line_number = 0;
      while (true) {
        InputBuffer& data = batch->data;
        if (data.size() == data.room()) data.Reserve(2 * data.room());
        const size_t n =
            source->Read(data.data() + data.size(),
                         std::min(kReadBytes, data.room() - data.size()));
        if (n == 0) break;
        // Only the new bytes are searched: a long line is read in many
        // pieces.
        size_t scan = data.size();
        const size_t read_end = scan + n;
        data.set_size(read_end);
        while (const void* newline =
                   std::memchr(data.data() + scan, '\n', read_end - scan)) {
          const size_t line_end = static_cast<size_t>(
              static_cast<const char*>(newline) - data.data());
          AddLine(batch.get(), line_begin, line_end, /*newline=*/true);
          line_begin = scan = line_end + 1;
          ++line_number;
        }
        if (read_end < kBatchBytes || batch->lines.empty()) continue;
        // Cut the batch after its last whole line; the next one starts with
        // the rest of what was read.
        std::unique_ptr<Batch> next = NewBatch(index, line_number + 1);
        const size_t rest = read_end - line_begin;
        next->data.Reserve(std::max(kBatchBytes, rest + kReadBytes));
        std::memcpy(next->data.data(), data.data() + line_begin, rest);
        next->data.set_size(rest);
        data.set_size(line_begin);
        batch->raw_done = raw_before + source->raw_bytes();
        Submit(std::move(batch));
        if (stopped_) return;
        batch = std::move(next);
        line_begin = 0;
      }
      // A last line without a line break (or cut short by a read error).
      if (line_begin < batch->data.size()) {
        AddLine(batch.get(), line_begin, batch->data.size(), /*newline=*/false);
      }
    }
    if (!source->error().empty()) {
      // What was read before the error is still written.
      Submit(std::move(batch));
      while (!in_flight_.empty() && !stopped_) WriteFront();
      Fail(kExitCannotRun,
           "cannot read " + names_[index] + ": " + source->error());
      return;
    }
    raw_done_ = raw_before + source->raw_bytes();
    batch->raw_done = raw_done_;
    batch->last_of_input = true;
    Submit(std::move(batch));
  }

  // Adds the line at [begin, end) of `batch`'s buffer, before its line break
  // if `newline`; a "\r" before the break is not part of the line. The byte
  // after the line becomes a NUL, as JsonlParser::ParseInPlace() needs.
  void AddLine(Batch* batch, size_t begin, size_t end, bool newline) {
    batch->bytes_in += end - begin + (newline ? 1 : 0);
    char* data = batch->data.data();
    if (end > begin && data[end - 1] == '\r') --end;
    data[end] = '\0';
    batch->lines.push_back(LineSpan{begin, end});
    batch->kinds.push_back(KindOf(batch->line(batch->lines.size() - 1)));
  }

  // Reads a whole text file into `batch`, as its one document. Stops early on
  // a read error (source->error() says which). `size_hint` is the expected
  // size, or 0.
  void ReadText(Source* source, uintmax_t size_hint, Batch* batch) {
    InputBuffer& data = batch->data;
    // One more byte, so that the read that finds the end has room.
    data.Reserve(std::max<uintmax_t>(kReadBytes, size_hint + 1));
    while (true) {
      if (data.size() == data.room()) data.Reserve(2 * data.room());
      const size_t n =
          source->Read(data.data() + data.size(), data.room() - data.size());
      if (n == 0) break;
      data.set_size(data.size() + n);
    }
    batch->bytes_in = data.size();
    batch->kinds.push_back(NextDocument());
    batch->lines.push_back(LineSpan{0, data.size()});
  }

  size_t MaxBatchesInFlight() const {
    return static_cast<size_t>(std::clamp(2 * options_.threads + 2, 4, 32));
  }

  void Submit(std::unique_ptr<Batch> batch) {
    pool_->Submit(batch.get());
    in_flight_.push_back(std::move(batch));
    while (in_flight_.size() >= MaxBatchesInFlight() && !stopped_) {
      WriteFront();
    }
  }

  // Waits for the oldest batch and writes it out.
  void WriteFront() {
    std::unique_ptr<Batch> batch = std::move(in_flight_.front());
    in_flight_.pop_front();
    pool_->Wait(batch.get());
    if (stopped_) return;  // after a failure, later batches are not written
    if (!batch->error.empty()) {
      Fail(kExitCannotRun, "internal error: " + batch->error);
      return;
    }
    if (batch->first_of_input && !options_.output_dir.empty()) {
      const std::string path =
          (std::filesystem::path(options_.output_dir) /
           std::filesystem::path(options_.inputs[batch->input]).filename())
              .string();
      output_ = Output();
      if (std::string error = OpenOutput(path, out_, &output_);
          !error.empty()) {
        Fail(kExitCannotRun, error);
        return;
      }
    }
    if (!batch->messages.empty()) {
      if (progress_shown_) err_ << "\r\x1b[K";
      err_ << batch->messages;
    }
    batch->stats.bytes_in = batch->bytes_in;
    stats_.Add(batch->stats);
    if (!output_.sink->Write(batch->out)) {
      Fail(kExitCannotRun, "cannot write " + output_.name);
      return;
    }
    if (report_.sink && !report_.sink->Write(batch->report)) {
      Fail(kExitCannotRun, "cannot write " + report_.name);
      return;
    }
    if (batch->failed) {
      Fail(kExitBadInput, "");
      return;
    }
    if (batch->last_of_input && !options_.output_dir.empty()) {
      const bool finished = output_.sink->Finish();
      output_.sink = nullptr;
      if (!finished) {
        Fail(kExitCannotRun, "cannot write " + output_.name);
        return;
      }
    }
    raw_written_ = batch->raw_done;
    ShowProgress(/*final=*/false);
  }

  // Redraws the progress line on stderr, at most every kProgressInterval;
  // `final` erases it.
  void ShowProgress(bool final) {
    if (!options_.progress) return;
    const auto now = std::chrono::steady_clock::now();
    if (final) {
      if (progress_shown_) err_ << "\r\x1b[K" << std::flush;
      return;
    }
    if (progress_shown_ && now - last_progress_ < kProgressInterval) return;
    progress_shown_ = true;
    last_progress_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double mb_done = static_cast<double>(raw_written_) / 1e6;
    const double mb_total = static_cast<double>(total_raw_) / 1e6;
    const double rate = seconds > 0 ? mb_done / seconds : 0;
    std::string line = "\rtextwash: " + FormatDouble(mb_done, 1) + " of " +
                       FormatDouble(mb_total, 1) + " MB";
    if (total_raw_ > 0) {
      line += " (" + FormatDouble(100.0 * mb_done / mb_total, 0) + "%)";
    }
    line += ", " +
            FormatDouble(seconds > 0 ? stats_.documents_in / seconds : 0, 0) +
            " docs/s, " + FormatDouble(rate, 1) + " MB/s, ETA ";
    if (rate > 0) {
      const auto eta =
          static_cast<uint64_t>(std::max(0.0, mb_total - mb_done) / rate);
      char buffer[32];
      std::snprintf(buffer, sizeof(buffer), "%llu:%02llu",
                    static_cast<unsigned long long>(eta / 60),
                    static_cast<unsigned long long>(eta % 60));
      line += buffer;
    } else {
      line += "?";
    }
    err_ << line << "\x1b[K" << std::flush;
  }

  const Cleaner& cleaner_;
  const PipelineOptions& options_;
  std::istream& in_;
  std::ostream& out_;
  std::ostream& err_;
  std::vector<std::string> names_;

  WorkerPool* pool_ = nullptr;
  std::deque<std::unique_ptr<Batch>> in_flight_;
  Output output_;
  Output report_;
  Stats stats_;
  int exit_code_ = kExitOk;
  bool stopped_ = false;

  uint64_t total_documents_ = 0;
  Sampler sampler_{0, 0};
  uint64_t next_doc_ = 0;

  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_progress_;
  bool progress_shown_ = false;
  uint64_t total_raw_ = 0;
  uint64_t raw_done_ = 0;
  uint64_t raw_written_ = 0;
};

}  // namespace

int RunPipeline(const Cleaner& cleaner, const PipelineOptions& options,
                std::istream& in, std::ostream& out, std::ostream& err) {
  return Pipeline(cleaner, options, in, out, err).Run();
}

}  // namespace textwash::cli
