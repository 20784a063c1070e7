// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
#include "tools/learn.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <istream>
#include <map>
#include <memory>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "lib/utf8.h"
#include "tools/compress.h"
#include "tools/jsonl.h"

namespace textwash::cli {
namespace {

using internal::DecodeUtf8;

constexpr int kExitOk = 0;
constexpr int kExitBadInput = 1;
constexpr int kExitCannotRun = 2;

// A counts file: kMagic, the header, the entries in key order, a zero and
// kTrailer. Numbers are LEB128 varints, strings a varint length and bytes.
constexpr std::string_view kMagic = "textwash-counts 1\n";
constexpr std::string_view kTrailer = "end\n";

// Examples kept per unit, in input order.
constexpr size_t kExamples = 2;

// Runs merged at once; more are merged in rounds.
constexpr size_t kMaxFanIn = 64;

// ---------------------------------------------------------------------------
// Units and their normalized keys.

bool IsInvisible(char32_t c) {
  return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 ||
         c == 0xFEFF || c == 0x00AD;
}

// The blanks a key's single space stands for.
bool IsBlank(char32_t c) {
  return c == ' ' || c == '\t' || c == '\r' || c == 0xA0 || c == 0x3000;
}

bool IsDigit(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

// Writes the key of `unit` to `*key`: blanks trimmed, each run of blanks one
// space, invisible characters dropped and, with `fold_digits`, each run of
// digits one "0". Returns false when the unit is not counted: invalid UTF-8,
// or a key shorter than min_chars or longer than max_chars code points.
bool Normalize(std::string_view unit, const LearnOptions& options,
               std::string* key) {
  key->clear();
  uint64_t chars = 0;
  bool blank = false;
  bool digits = false;
  for (size_t i = 0; i < unit.size();) {
    char32_t c;
    const int length = DecodeUtf8(unit, i, &c);
    if (length < 0) return false;
    const std::string_view bytes = unit.substr(i, static_cast<size_t>(length));
    i += static_cast<size_t>(length);
    if (IsInvisible(c)) continue;
    if (IsBlank(c)) {
      blank = true;
      continue;
    }
    if (blank && !key->empty()) {
      key->push_back(' ');
      ++chars;
    }
    blank = false;
    if (options.fold_digits && IsDigit(c)) {
      if (!digits) {
        key->push_back('0');
        ++chars;
      }
      digits = true;
      continue;
    }
    digits = false;
    key->append(bytes);
    if (++chars > options.max_chars) return false;
  }
  return chars >= options.min_chars && chars <= options.max_chars;
}

bool EndsSentence(char32_t c) {
  return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B ||
         c == '!' || c == '?' || c == ';';
}

bool ClosesQuote(char32_t c) {
  return c == 0x201D || c == 0x2019 || c == 0x300D || c == 0x300F ||
         c == 0xFF09 || c == ')' || c == '"' || c == '\'';
}

// Calls `emit` with each unit of `text`: its lines, or the sentences of its
// lines. A sentence ends after 。！？；!?; or after '.' before a blank, with
// the closing quotes and brackets that follow.
template <typename Emit>
void ForEachUnit(std::string_view text, LearnUnit unit, Emit emit) {
  size_t line_begin = 0;
  while (line_begin <= text.size()) {
    size_t line_end = text.find('\n', line_begin);
    if (line_end == std::string_view::npos) line_end = text.size();
    const std::string_view line =
        text.substr(line_begin, line_end - line_begin);
    if (unit == LearnUnit::kLine) {
      emit(line);
    } else {
      size_t begin = 0;
      for (size_t i = 0; i < line.size();) {
        char32_t c;
        int length = DecodeUtf8(line, i, &c);
        i += static_cast<size_t>(length < 0 ? -length : length);
        const bool period =
            c == '.' && (i == line.size() || line[i] == ' ' || line[i] == '\t');
        if (!EndsSentence(c) && !period) continue;
        while (i < line.size()) {
          length = DecodeUtf8(line, i, &c);
          if (length < 0 || !ClosesQuote(c)) break;
          i += static_cast<size_t>(length);
        }
        emit(line.substr(begin, i - begin));
        begin = i;
      }
      if (begin < line.size()) emit(line.substr(begin));
    }
    line_begin = line_end + 1;
  }
}

// ---------------------------------------------------------------------------
// The table.

// What is known of one unit: the documents holding it, per group, and the
// ids of the first documents that held it.
struct Entry {
  uint64_t docs = 0;
  std::vector<std::pair<uint32_t, uint64_t>> groups;  // (group, docs)
  std::vector<std::string> examples;

  void AddDocument(uint32_t group, std::string_view id) {
    ++docs;
    if (groups.empty() || groups.back().first != group) {
      auto it = std::find_if(groups.begin(), groups.end(),
                             [group](const auto& g) { return g.first == group; });
      if (it == groups.end()) {
        groups.emplace_back(group, 0);
        it = groups.end() - 1;
      } else if (it != groups.end() - 1) {
        std::iter_swap(it, groups.end() - 1);  // the next document's group
        it = groups.end() - 1;                 // is most likely this one
      }
    }
    ++groups.back().second;
    if (examples.size() < kExamples) examples.emplace_back(id);
  }

  // Adds `other`, which comes later in input order.
  void Merge(Entry&& other) {
    docs += other.docs;
    groups.insert(groups.end(), other.groups.begin(), other.groups.end());
    for (std::string& example : other.examples) {
      if (examples.size() == kExamples) break;
      examples.push_back(std::move(example));
    }
  }

  // Sorts the groups and adds up the counts of a group listed twice.
  void Canonicalize() {
    std::sort(groups.begin(), groups.end());
    size_t out = 0;
    for (size_t i = 0; i < groups.size(); ++i) {
      if (out > 0 && groups[out - 1].first == groups[i].first) {
        groups[out - 1].second += groups[i].second;
      } else {
        groups[out++] = groups[i];
      }
    }
    groups.resize(out);
  }
};

// The groups of a corpus (one unnamed group without --group-by) and their
// document counts, plus what the counts were made with.
struct Header {
  std::string unit = "line";
  bool fold_digits = false;
  std::string field;
  std::string group_by;
  uint64_t min_chars = 0;
  uint64_t max_chars = 0;
  uint64_t documents = 0;
  uint64_t rejected = 0;
  std::vector<std::string> group_names;
  std::vector<uint64_t> group_docs;
  std::unordered_map<std::string, uint32_t> group_index;

  uint32_t Group(std::string_view name) {
    auto it = group_index.find(std::string(name));
    if (it != group_index.end()) return it->second;
    const auto index = static_cast<uint32_t>(group_names.size());
    group_names.emplace_back(name);
    group_docs.push_back(0);
    group_index.emplace(std::string(name), index);
    return index;
  }

  // What must agree for counts files to merge; "" when they do.
  std::string Mismatch(const Header& other) const {
    if (unit != other.unit) return "--unit " + other.unit + ", not " + unit;
    if (fold_digits != other.fold_digits) return "a different --fold-digits";
    if (field != other.field) return "--field " + other.field + ", not " + field;
    if (group_by != other.group_by) {
      return "--group-by '" + other.group_by + "', not '" + group_by + "'";
    }
    if (min_chars != other.min_chars || max_chars != other.max_chars) {
      return "different --min-chars or --max-chars";
    }
    return "";
  }
};

// ---------------------------------------------------------------------------
// Counts files.

void PutVarint(uint64_t value, std::string* out) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

void PutString(std::string_view value, std::string* out) {
  PutVarint(value.size(), out);
  out->append(value);
}

void EncodeHeader(const Header& header, std::string* out) {
  out->append(kMagic);
  PutString(header.unit, out);
  PutVarint(header.fold_digits ? 1 : 0, out);
  PutString(header.field, out);
  PutString(header.group_by, out);
  PutVarint(header.min_chars, out);
  PutVarint(header.max_chars, out);
  PutVarint(header.documents, out);
  PutVarint(header.rejected, out);
  PutVarint(header.group_names.size(), out);
  for (size_t i = 0; i < header.group_names.size(); ++i) {
    PutString(header.group_names[i], out);
    PutVarint(header.group_docs[i], out);
  }
}

void EncodeEntry(std::string_view key, const Entry& entry, std::string* out) {
  PutVarint(key.size() + 1, out);
  out->append(key);
  PutVarint(entry.docs, out);
  PutVarint(entry.examples.size(), out);
  for (const std::string& example : entry.examples) PutString(example, out);
  PutVarint(entry.groups.size(), out);
  for (const auto& [group, docs] : entry.groups) {
    PutVarint(group, out);
    PutVarint(docs, out);
  }
}

// Writes a counts file through a buffer.
class CountsWriter {
 public:
  // Returns "" or an error message.
  std::string Open(const std::string& path, const Header& header) {
    path_ = path;
    errno = 0;
    file_.open(path, std::ios::binary | std::ios::trunc);
    if (!file_.is_open()) return CannotWrite();
    EncodeHeader(header, &buffer_);
    return "";
  }

  void Add(std::string_view key, const Entry& entry) {
    EncodeEntry(key, entry, &buffer_);
    if (buffer_.size() >= (1 << 20)) Flush();
  }

  std::string Close() {
    PutVarint(0, &buffer_);
    buffer_.append(kTrailer);
    Flush();
    file_.close();
    return file_.fail() ? CannotWrite() : "";
  }

 private:
  void Flush() {
    file_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }

  std::string CannotWrite() const {
    return "cannot write " + path_ +
           (errno != 0 ? ": " + std::system_category().message(errno) : "");
  }

  std::string path_;
  std::ofstream file_;
  std::string buffer_;
};

// Reads a counts file entry by entry. Group numbers are translated into
// those of the merged header.
class CountsReader {
 public:
  // Opens `path` and reads its header. Returns "" or an error message.
  std::string Open(const std::string& path) {
    path_ = path;
    errno = 0;
    file_.open(path, std::ios::binary);
    if (!file_.is_open()) {
      return "cannot read " + path + ": " +
             (errno != 0 ? std::system_category().message(errno)
                         : "cannot open");
    }
    std::string magic(kMagic.size(), '\0');
    if (!ReadBytes(magic.size(), &magic) || magic != kMagic) {
      return path + ": not a counts file of textwash learn --counts-only";
    }
    uint64_t fold = 0;
    uint64_t groups = 0;
    if (!ReadString(&header_.unit) || !ReadVarint(&fold) ||
        !ReadString(&header_.field) || !ReadString(&header_.group_by) ||
        !ReadVarint(&header_.min_chars) || !ReadVarint(&header_.max_chars) ||
        !ReadVarint(&header_.documents) || !ReadVarint(&header_.rejected) ||
        !ReadVarint(&groups)) {
      return Truncated();
    }
    header_.fold_digits = fold != 0;
    for (uint64_t i = 0; i < groups; ++i) {
      std::string name;
      uint64_t docs = 0;
      if (!ReadString(&name) || !ReadVarint(&docs)) return Truncated();
      header_.group_names.push_back(std::move(name));
      header_.group_docs.push_back(docs);
    }
    return "";
  }

  const Header& header() const { return header_; }
  const std::string& path() const { return path_; }

  // Maps this file's group numbers into `merged`'s (adding its groups).
  void MapGroups(Header* merged) {
    for (const std::string& name : header_.group_names) {
      group_map_.push_back(merged->Group(name));
    }
  }

  // Keeps this file's group numbers: a run of this process numbers its
  // groups as the process does.
  void KeepGroups() {
    group_map_.resize(header_.group_names.size());
    for (size_t i = 0; i < group_map_.size(); ++i) {
      group_map_[i] = static_cast<uint32_t>(i);
    }
  }

  // Reads the next entry. Returns false at the end; then error() is "" or
  // what went wrong.
  bool Next(std::string* key, Entry* entry) {
    uint64_t key_length = 0;
    if (!ReadVarint(&key_length)) return Fail(Truncated());
    if (key_length == 0) {
      std::string trailer(kTrailer.size(), '\0');
      if (!ReadBytes(trailer.size(), &trailer) || trailer != kTrailer) {
        return Fail(Truncated());
      }
      return false;
    }
    uint64_t examples = 0;
    uint64_t groups = 0;
    *entry = Entry();
    if (!ReadBytes(key_length - 1, key) || !ReadVarint(&entry->docs) ||
        !ReadVarint(&examples) || examples > kExamples) {
      return Fail(Truncated());
    }
    entry->examples.resize(examples);
    for (std::string& example : entry->examples) {
      if (!ReadString(&example)) return Fail(Truncated());
    }
    if (!ReadVarint(&groups)) return Fail(Truncated());
    entry->groups.reserve(groups);
    for (uint64_t i = 0; i < groups; ++i) {
      uint64_t group = 0;
      uint64_t docs = 0;
      if (!ReadVarint(&group) || !ReadVarint(&docs) ||
          group >= group_map_.size()) {
        return Fail(Truncated());
      }
      entry->groups.emplace_back(group_map_[group], docs);
    }
    return true;
  }

  const std::string& error() const { return error_; }

 private:
  bool Fail(std::string error) {
    error_ = std::move(error);
    return false;
  }

  std::string Truncated() const { return path_ + ": truncated or corrupt"; }

  bool Fill() {
    if (begin_ < end_) return true;
    file_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    begin_ = 0;
    end_ = static_cast<size_t>(file_.gcount());
    return end_ > 0;
  }

  bool ReadVarint(uint64_t* value) {
    *value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (!Fill()) return false;
      const auto byte = static_cast<unsigned char>(buffer_[begin_++]);
      *value |= uint64_t{byte & 0x7Fu} << shift;
      if (byte < 0x80) return true;
    }
    return false;
  }

  bool ReadBytes(uint64_t size, std::string* out) {
    out->clear();
    while (out->size() < size) {
      if (!Fill()) return false;
      const size_t take = std::min<uint64_t>(end_ - begin_, size - out->size());
      out->append(buffer_.data() + begin_, take);
      begin_ += take;
    }
    return true;
  }

  bool ReadString(std::string* out) {
    uint64_t size = 0;
    return ReadVarint(&size) && size < (uint64_t{1} << 32) &&
           ReadBytes(size, out);
  }

  std::string path_;
  std::ifstream file_;
  std::vector<char> buffer_ = std::vector<char>(size_t{1} << 18);
  size_t begin_ = 0;
  size_t end_ = 0;
  Header header_;
  std::vector<uint32_t> group_map_;
  std::string error_;
};

// Merges counts files in key order and calls `emit(key, entry)` once per
// key, its groups sorted. Entries of the same key add up in the order of
// `readers` (the input order). Returns "" or an error message.
template <typename Emit>
std::string MergeCounts(std::vector<std::unique_ptr<CountsReader>>& readers,
                        Emit emit) {
  struct Head {
    std::string key;
    Entry entry;
    bool live = false;
  };
  std::vector<Head> heads(readers.size());
  for (size_t i = 0; i < readers.size(); ++i) {
    heads[i].live = readers[i]->Next(&heads[i].key, &heads[i].entry);
    if (!readers[i]->error().empty()) return readers[i]->error();
  }
  // The smallest key first, the earliest reader first among equal keys.
  auto later = [&heads](size_t a, size_t b) {
    const int order = heads[a].key.compare(heads[b].key);
    return order != 0 ? order > 0 : a > b;
  };
  std::vector<size_t> heap;
  for (size_t i = 0; i < heads.size(); ++i) {
    if (heads[i].live) heap.push_back(i);
  }
  std::make_heap(heap.begin(), heap.end(), later);
  std::string key;
  Entry entry;
  bool have = false;
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), later);
    const size_t i = heap.back();
    heap.pop_back();
    if (have && heads[i].key == key) {
      entry.Merge(std::move(heads[i].entry));
    } else {
      if (have) {
        entry.Canonicalize();
        emit(key, entry);
      }
      key.swap(heads[i].key);
      entry = std::move(heads[i].entry);
      have = true;
    }
    if (readers[i]->Next(&heads[i].key, &heads[i].entry)) {
      heap.push_back(i);
      std::push_heap(heap.begin(), heap.end(), later);
    } else if (!readers[i]->error().empty()) {
      return readers[i]->error();
    }
  }
  if (have) {
    entry.Canonicalize();
    emit(key, entry);
  }
  return "";
}

// ---------------------------------------------------------------------------
// Counting.

// Counts units of documents in a table that is written out as a sorted run
// whenever it outgrows its budget.
class Counter {
 public:
  Counter(const LearnOptions& options, Header* header)
      : options_(options), header_(header) {
    budget_ = options.memory_mb << 20;
  }

  ~Counter() {
    for (const std::string& run : runs_) {
      std::error_code ignored;
      std::filesystem::remove(run, ignored);
    }
  }

  // Counts one document. Returns "" or an error message (a run could not be
  // written).
  std::string Add(std::string_view text, std::string_view id,
                  std::string_view group_name) {
    const uint32_t group = header_->Group(group_name);
    ++header_->documents;
    ++header_->group_docs[group];
    seen_.clear();
    ForEachUnit(text, options_.unit, [&](std::string_view unit) {
      if (!Normalize(unit, options_, &key_) || key_.empty()) return;
      if (!seen_.insert(key_).second) return;  // once per document
      auto [it, added] = table_.try_emplace(key_);
      if (added) bytes_ += key_.size() + kEntryBytes;
      const size_t examples = it->second.examples.size();
      const size_t groups = it->second.groups.size();
      it->second.AddDocument(group, id);
      if (it->second.examples.size() > examples) bytes_ += id.size() + 32;
      if (it->second.groups.size() > groups) bytes_ += 16;
    });
    if (bytes_ > budget_) return Spill();
    return "";
  }

  // Merges the runs and the table and calls `emit(key, entry)` per key in
  // key order. Returns "" or an error message.
  // How many times the table was written out as a run.
  uint64_t spills() const { return spills_; }

  template <typename Emit>
  std::string Finish(Emit emit) {
    if (runs_.empty()) {
      for (const auto* item : SortedTable()) {
        Entry entry = item->second;
        entry.Canonicalize();
        emit(item->first, entry);
      }
      return "";
    }
    if (!table_.empty()) {
      if (std::string error = Spill(); !error.empty()) return error;
    }
    // Merge in rounds of kMaxFanIn runs, oldest first, so that examples stay
    // in input order.
    while (runs_.size() > kMaxFanIn) {
      std::vector<std::string> batch(runs_.begin(), runs_.begin() + kMaxFanIn);
      const std::string merged = NewRunPath();
      std::string error = MergeRuns(batch, merged);
      if (!error.empty()) return error;
      for (const std::string& run : batch) {
        std::error_code ignored;
        std::filesystem::remove(run, ignored);
      }
      runs_.erase(runs_.begin(), runs_.begin() + kMaxFanIn);
      runs_.insert(runs_.begin(), merged);
    }
    std::vector<std::unique_ptr<CountsReader>> readers;
    if (std::string error = OpenRuns(runs_, &readers); !error.empty()) {
      return error;
    }
    return MergeCounts(readers, emit);
  }

 private:
  // What an entry costs beyond its key, its examples and its groups: the
  // hash node, the key's and the entry's headers.
  static constexpr size_t kEntryBytes = 160;

  using Item = std::pair<const std::string, Entry>;

  std::vector<const Item*> SortedTable() const {
    std::vector<const Item*> items;
    items.reserve(table_.size());
    for (const Item& item : table_) items.push_back(&item);
    std::sort(items.begin(), items.end(),
              [](const Item* a, const Item* b) { return a->first < b->first; });
    return items;
  }

  std::string NewRunPath() {
    const std::filesystem::path dir =
        options_.tmp_dir.empty() ? std::filesystem::temp_directory_path()
                                 : std::filesystem::path(options_.tmp_dir);
    return (dir / ("textwash-learn-" + std::to_string(::getpid()) + "-" +
                   std::to_string(reinterpret_cast<uintptr_t>(this)) + "-" +
                   std::to_string(next_run_++) + ".counts"))
        .string();
  }

  std::string Spill() {
    const std::string path = NewRunPath();
    CountsWriter writer;
    if (std::string error = writer.Open(path, *header_); !error.empty()) {
      return error + " (a run of textwash learn; see --tmp-dir)";
    }
    runs_.push_back(path);
    ++spills_;
    for (const auto* item : SortedTable()) {
      Entry entry = item->second;
      entry.Canonicalize();
      writer.Add(item->first, entry);
    }
    table_.clear();
    bytes_ = 0;
    if (std::string error = writer.Close(); !error.empty()) {
      return error + " (a run of textwash learn; see --tmp-dir)";
    }
    return "";
  }

  std::string OpenRuns(const std::vector<std::string>& runs,
                       std::vector<std::unique_ptr<CountsReader>>* readers) {
    for (const std::string& run : runs) {
      readers->push_back(std::make_unique<CountsReader>());
      if (std::string error = readers->back()->Open(run); !error.empty()) {
        return error;
      }
      readers->back()->KeepGroups();
    }
    return "";
  }

  // Merges `runs` into the run `path`.
  std::string MergeRuns(const std::vector<std::string>& runs,
                        const std::string& path) {
    std::vector<std::unique_ptr<CountsReader>> readers;
    if (std::string error = OpenRuns(runs, &readers); !error.empty()) {
      return error;
    }
    CountsWriter writer;
    if (std::string error = writer.Open(path, *header_); !error.empty()) {
      return error;
    }
    std::string error = MergeCounts(
        readers, [&writer](std::string_view key, const Entry& entry) {
          writer.Add(key, entry);
        });
    if (!error.empty()) return error;
    return writer.Close();
  }

  const LearnOptions& options_;
  Header* header_;
  size_t budget_ = 0;
  size_t bytes_ = 0;
  std::unordered_map<std::string, Entry> table_;
  std::unordered_set<std::string> seen_;
  std::string key_;
  std::vector<std::string> runs_;
  int next_run_ = 0;
  uint64_t spills_ = 0;
};

// ---------------------------------------------------------------------------
// Reading documents.

std::string DecodeId(std::string_view raw) {
  if (raw.empty() || raw.front() != '"') return std::string(raw);
  std::string id;
  if (!ReadJsonString(raw, &id)) return std::string(raw);
  return id;
}

// A URL's host, so that --group-by url groups by site; any other value as
// it is.
std::string GroupName(std::string_view value) {
  for (std::string_view scheme : {"http://", "https://"}) {
    if (value.size() > scheme.size() &&
        std::equal(scheme.begin(), scheme.end(), value.begin(),
                   [](char a, char b) {
                     return a == (b >= 'A' && b <= 'Z' ? b + 32 : b);
                   })) {
      std::string_view host = value.substr(scheme.size());
      host = host.substr(0, host.find_first_of("/?#"));
      if (const size_t at = host.rfind('@'); at != std::string_view::npos) {
        host.remove_prefix(at + 1);
      }
      std::string name(host.substr(0, host.find(':')));
      for (char& c : name) c = (c >= 'A' && c <= 'Z') ? c + 32 : c;
      return name;
    }
  }
  return std::string(value);
}

bool IsBlankLine(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// Counts the documents of every input. Returns the exit code so far.
int CountInputs(const LearnOptions& options, Counter* counter, Header* header,
                std::istream& in, std::ostream& err) {
  int exit_code = kExitOk;
  JsonlParser text_parser(options.field);
  std::unique_ptr<JsonlParser> group_parser;
  if (!options.group_by.empty()) {
    group_parser = std::make_unique<JsonlParser>(options.group_by);
  }
  JsonlField field;
  JsonlField group;
  std::string line;
  for (size_t i = 0; i < options.inputs.size(); ++i) {
    const std::string& input = options.inputs[i];
    const std::string name = input == "-" ? "<stdin>" : input;
    std::ifstream file;
    if (input != "-") {
      errno = 0;
      file.open(input, std::ios::binary);
      if (!file.is_open()) {
        err << "textwash: cannot read " << input << ": "
            << (errno != 0 ? std::system_category().message(errno)
                           : "cannot open")
            << '\n';
        return kExitCannotRun;
      }
    }
    std::unique_ptr<Source> source = MakeSource(
        input == "-" ? in : file,
        input == "-" ? Compression::kNone : CompressionFor(input));
    if (!options.jsonl[i]) {
      std::string text;
      char buffer[1 << 16];
      while (const size_t n = source->Read(buffer, sizeof(buffer))) {
        text.append(buffer, n);
      }
      if (!source->error().empty()) {
        err << "textwash: cannot read " << name << ": " << source->error()
            << '\n';
        return kExitCannotRun;
      }
      if (std::string error = counter->Add(text, name, ""); !error.empty()) {
        err << "textwash: " << error << '\n';
        return kExitCannotRun;
      }
      continue;
    }
    LineReader lines(source.get());
    uint64_t number = 0;
    while (lines.ReadLine(&line)) {
      ++number;
      if (IsBlankLine(line)) continue;
      if (Status status = text_parser.Parse(&line, &field); !status.ok()) {
        err << "textwash: " << name << ':' << number << ": "
            << status.message() << '\n';
        ++header->rejected;
        exit_code = kExitBadInput;
        continue;
      }
      // A document without the group field is in the unnamed group.
      std::string group_name;
      if (group_parser != nullptr) {
        if (Status status = group_parser->Parse(&line, &group); status.ok()) {
          group_name = GroupName(group.text);
        } else if (!status.message().starts_with("no field")) {
          err << "textwash: " << name << ':' << number << ": "
              << status.message() << " (--group-by)\n";
          ++header->rejected;
          exit_code = kExitBadInput;
          continue;
        }
      }
      const std::string id = field.id.empty()
                                 ? name + ":" + std::to_string(number)
                                 : DecodeId(field.id);
      if (std::string error = counter->Add(field.text, id, group_name);
          !error.empty()) {
        err << "textwash: " << error << '\n';
        return kExitCannotRun;
      }
    }
    if (!source->error().empty()) {
      err << "textwash: cannot read " << name << ": " << source->error()
          << '\n';
      return kExitCannotRun;
    }
  }
  return exit_code;
}

// ---------------------------------------------------------------------------
// Proposals.

struct Proposal {
  std::string key;
  uint64_t docs = 0;
  uint64_t group_docs = 0;  // documents of the groups it occurs in
  size_t groups = 0;
  std::vector<std::string> examples;

  double share() const {
    return group_docs == 0 ? 0.0
                           : static_cast<double>(docs) /
                                 static_cast<double>(group_docs);
  }
};

// Keeps the entries that pass the thresholds and are not allowed.
class Proposer {
 public:
  Proposer(const LearnOptions& options, const Header& header,
           const std::unordered_set<std::string>& allowed)
      : options_(options), header_(header), allowed_(allowed) {}

  void Add(std::string_view key, const Entry& entry) {
    if (entry.docs < options_.min_docs ||
        entry.groups.size() < options_.min_groups) {
      return;
    }
    Proposal proposal;
    proposal.docs = entry.docs;
    proposal.groups = entry.groups.size();
    for (const auto& [group, docs] : entry.groups) {
      proposal.group_docs += header_.group_docs[group];
    }
    if (proposal.share() < options_.min_share) return;
    proposal.key = std::string(key);
    if (allowed_.contains(proposal.key)) {
      ++allowed_hits_;
      return;
    }
    proposal.examples = entry.examples;
    proposals_.push_back(std::move(proposal));
  }

  // The proposals, most documents first.
  std::vector<Proposal> Take() {
    std::stable_sort(proposals_.begin(), proposals_.end(),
                     [](const Proposal& a, const Proposal& b) {
                       return a.docs > b.docs;
                     });
    return std::move(proposals_);
  }

  uint64_t allowed_hits() const { return allowed_hits_; }

 private:
  const LearnOptions& options_;
  const Header& header_;
  const std::unordered_set<std::string>& allowed_;
  std::vector<Proposal> proposals_;
  uint64_t allowed_hits_ = 0;
};

// IsBlank() as a character class.
constexpr std::string_view kBlanks = "[ \\t\\r\\x{a0}\\x{3000}]";

// The RE2 pattern that matches the units whose key is `key`.
std::string KeyPattern(std::string_view key, bool fold_digits) {
  std::string pattern;
  for (const char c : key) {
    if (c == ' ') {
      pattern.append(kBlanks).push_back('+');
    } else if (fold_digits && c == '0') {
      pattern += "[0-9\\x{ff10}-\\x{ff19}]+";
    } else if (static_cast<unsigned char>(c) < 0x80 &&
               !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
                 (c >= 'a' && c <= 'z'))) {
      pattern.push_back('\\');
      pattern.push_back(c);
    } else {
      pattern.push_back(c);
    }
  }
  return pattern;
}

// `value` as a TOML string: a basic string when nothing needs escaping, a
// literal string when it can be one, else a basic string with escapes.
std::string TomlString(std::string_view value) {
  const bool plain = std::none_of(value.begin(), value.end(), [](char c) {
    return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
  });
  if (plain) return "\"" + std::string(value) + "\"";
  if (value.find_first_of("'\n\r") == std::string_view::npos &&
      std::none_of(value.begin(), value.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 && c != '\t';
      })) {
    return "'" + std::string(value) + "'";
  }
  std::string out = "\"";
  for (const char c : value) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char hex[8];
          std::snprintf(hex, sizeof(hex), "\\u%04X", c);
          out += hex;
        } else {
          out.push_back(c);
        }
    }
  }
  return out + "\"";
}

std::string FormatShare(double share) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(4) << share;
  return out.str();
}

std::string Thresholds(const LearnOptions& options) {
  return "--min-docs " + std::to_string(options.min_docs) + " --min-share " +
         FormatShare(options.min_share) + " --min-groups " +
         std::to_string(options.min_groups);
}

std::string RuleId(const LearnOptions& options, size_t rank, size_t count) {
  std::string number = std::to_string(rank + 1);
  const size_t width = std::max<size_t>(4, std::to_string(count).size());
  number.insert(0, width - number.size(), '0');
  return options.id_prefix + "." + number;
}

std::string Describe(const Proposal& p, const Header& header) {
  std::string text = "in " + std::to_string(p.docs) + " of " +
                     std::to_string(header.documents) + " documents (share " +
                     FormatShare(p.share()) + " of its " +
                     std::to_string(p.groups) +
                     (p.groups == 1 ? " group" : " groups") + ")";
  if (!p.examples.empty()) {
    text += "; e.g. ";
    for (size_t i = 0; i < p.examples.size(); ++i) {
      if (i > 0) text += ", ";
      text += p.examples[i];
    }
  }
  return text;
}

std::string RulesToml(const std::vector<Proposal>& proposals,
                      const LearnOptions& options, const Header& header) {
  const bool line = header.unit == "line";
  std::string out;
  out += "# Boilerplate learned by textwash learn: the " + header.unit +
         "s that\n# documents repeat. Review them, delete what is content, "
         "then apply:\n#   textwash clean --rules THIS_FILE ...\n";
  out += "# " + std::to_string(header.documents) + " documents";
  if (!header.group_by.empty()) {
    out += " in " + std::to_string(header.group_names.size()) +
           " groups by \"" + header.group_by + "\"";
  }
  out += "; " + Thresholds(options) + "; " +
         std::to_string(proposals.size()) + " proposed.\n\n";
  out += "[pack]\nname = " + TomlString(options.id_prefix) + "\n";
  out += "description = " +
         TomlString("Boilerplate learned from " +
                    std::to_string(header.documents) + " documents") +
         "\n";
  for (size_t i = 0; i < proposals.size(); ++i) {
    const Proposal& p = proposals[i];
    out += "\n# " + p.key + "\n";
    out += "# documents = " + std::to_string(p.docs) +
           ", share = " + FormatShare(p.share()) +
           ", groups = " + std::to_string(p.groups) + "\n";
    out += "[[rule]]\nid = " + TomlString(RuleId(options, i, proposals.size())) +
           "\n";
    out += "category = \"boilerplate\"\n";
    out += line ? "kind = \"line\"\n" : "kind = \"sentence\"\n";
    out += "description = " + TomlString(Describe(p, header)) + "\n";
    std::string pattern = KeyPattern(p.key, header.fold_digits);
    if (line) {
      pattern = "^" + std::string(kBlanks) + "*" + pattern +
                std::string(kBlanks) + "*$";
    }
    out += "patterns = [" + TomlString(pattern) + "]\n";
  }
  return out;
}

std::string MarkdownCell(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '|' || c == '\\' || c == '`' || c == '*' || c == '_' ||
        c == '<' || c == '[' || c == ']') {
      out.push_back('\\');
    }
    out.push_back(c);
  }
  return out;
}

std::string ReviewMarkdown(const std::vector<Proposal>& proposals,
                           const LearnOptions& options, const Header& header,
                           uint64_t allowed_hits) {
  std::string out = "# Learned boilerplate\n\n";
  out += std::to_string(proposals.size()) + " " + header.unit +
         (proposals.size() == 1 ? "" : "s") + " proposed from " +
         std::to_string(header.documents) + " documents";
  if (!header.group_by.empty()) {
    out += " in " + std::to_string(header.group_names.size()) +
           " groups by `" + header.group_by + "`";
  }
  out += " (" + Thresholds(options) + "; " + std::to_string(allowed_hits) +
         " held back by the allow-list).\n\n";
  out += "Share: the documents holding the " + header.unit +
         " among the documents of the groups it occurs in.\n\n";
  out += "| rule | documents | share | groups | examples | " + header.unit +
         " |\n|---|---:|---:|---:|---|---|\n";
  for (size_t i = 0; i < proposals.size(); ++i) {
    const Proposal& p = proposals[i];
    std::string examples;
    for (size_t j = 0; j < p.examples.size(); ++j) {
      if (j > 0) examples += ", ";
      examples += p.examples[j];
    }
    out += "| " + RuleId(options, i, proposals.size()) + " | " +
           std::to_string(p.docs) + " | " + FormatShare(p.share()) + " | " +
           std::to_string(p.groups) + " | " + MarkdownCell(examples) + " | " +
           MarkdownCell(p.key) + " |\n";
  }
  return out;
}

// Reads the allow-list: one line per entry, normalized like the units.
std::string ReadAllowList(const LearnOptions& options, const Header& header,
                          std::unordered_set<std::string>* allowed) {
  std::ifstream file(options.allow, std::ios::binary);
  if (!file.is_open()) {
    return "cannot read " + options.allow + ": " +
           (errno != 0 ? std::system_category().message(errno)
                       : "cannot open");
  }
  LearnOptions normalize = options;
  normalize.fold_digits = header.fold_digits;
  normalize.min_chars = 0;
  normalize.max_chars = UINT64_MAX;
  std::string line;
  std::string key;
  while (std::getline(file, line)) {
    if (Normalize(line, normalize, &key) && !key.empty()) allowed->insert(key);
  }
  return file.bad() ? "cannot read " + options.allow : "";
}

// Writes `text` to `path` ("" or "-": `out`). Returns "" or an error message.
std::string WriteText(const std::string& path, std::string_view text,
                      std::ostream& out) {
  if (path.empty() || path == "-") {
    out << text;
    out.flush();
    return out ? "" : "cannot write to standard output";
  }
  errno = 0;
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (file.is_open()) {
    file.write(text.data(), static_cast<std::streamsize>(text.size()));
    file.close();
  }
  if (!file.fail()) return "";
  return "cannot write " + path +
         (errno != 0 ? ": " + std::system_category().message(errno) : "");
}

}  // namespace

int RunLearn(const LearnOptions& options, std::istream& in, std::ostream& out,
             std::ostream& err) {
  auto fail = [&err](const std::string& message) {
    err << "textwash: " << message << '\n';
    return kExitCannotRun;
  };
  if (options.counts_only && (options.output.empty() || options.output == "-")) {
    return fail("--counts-only needs -o FILE");
  }
  if (options.merge && options.inputs.empty()) {
    return fail("--merge needs counts files");
  }

  Header header;
  std::vector<std::unique_ptr<CountsReader>> readers;
  std::unique_ptr<Counter> counter;
  int exit_code = kExitOk;
  if (options.merge) {
    for (const std::string& input : options.inputs) {
      readers.push_back(std::make_unique<CountsReader>());
      if (std::string error = readers.back()->Open(input); !error.empty()) {
        return fail(error);
      }
      const Header& part = readers.back()->header();
      if (readers.size() == 1) {
        header.unit = part.unit;
        header.fold_digits = part.fold_digits;
        header.field = part.field;
        header.group_by = part.group_by;
        header.min_chars = part.min_chars;
        header.max_chars = part.max_chars;
      } else if (std::string why = header.Mismatch(part); !why.empty()) {
        return fail(input + ": counted with " + why + " (as " +
                    options.inputs.front() + " was); counts merge only when "
                    "made alike");
      }
      header.documents += part.documents;
      header.rejected += part.rejected;
      readers.back()->MapGroups(&header);
      for (size_t g = 0; g < part.group_names.size(); ++g) {
        header.group_docs[header.Group(part.group_names[g])] +=
            part.group_docs[g];
      }
    }
  } else {
    header.unit = options.unit == LearnUnit::kLine ? "line" : "sentence";
    header.fold_digits = options.fold_digits;
    header.field = options.field;
    header.group_by = options.group_by;
    header.min_chars = options.min_chars;
    header.max_chars = options.max_chars;
    counter = std::make_unique<Counter>(options, &header);
    exit_code = CountInputs(options, counter.get(), &header, in, err);
    if (exit_code == kExitCannotRun) return exit_code;
  }
  // With --merge the header says how the units were normalized; the
  // allow-list is normalized the same way.
  LearnOptions effective = options;
  effective.fold_digits = header.fold_digits;

  // The merged stream of entries, from the counter or the counts files.
  auto for_each_entry = [&](auto emit) -> std::string {
    if (counter != nullptr) return counter->Finish(emit);
    return MergeCounts(readers, emit);
  };

  if (options.counts_only) {
    CountsWriter writer;
    if (std::string error = writer.Open(options.output, header);
        !error.empty()) {
      return fail(error);
    }
    std::string error = for_each_entry(
        [&writer](std::string_view key, const Entry& entry) {
          writer.Add(key, entry);
        });
    if (error.empty()) error = writer.Close();
    if (!error.empty()) return fail(error);
    err << "textwash: learn: " << header.documents << " documents";
    if (header.rejected > 0) err << " (" << header.rejected << " rejected)";
    err << ", counts written to " << options.output << '\n';
    return exit_code;
  }

  std::unordered_set<std::string> allowed;
  if (!options.allow.empty()) {
    if (std::string error = ReadAllowList(effective, header, &allowed);
        !error.empty()) {
      return fail(error);
    }
  }
  Proposer proposer(effective, header, allowed);
  if (std::string error = for_each_entry(
          [&proposer](std::string_view key, const Entry& entry) {
            proposer.Add(key, entry);
          });
      !error.empty()) {
    return fail(error);
  }
  const std::vector<Proposal> proposals = proposer.Take();
  if (std::string error =
          WriteText(options.output, RulesToml(proposals, effective, header), out);
      !error.empty()) {
    return fail(error);
  }
  if (!options.review.empty()) {
    if (std::string error = WriteText(
            options.review,
            ReviewMarkdown(proposals, effective, header, proposer.allowed_hits()),
            out);
        !error.empty()) {
      return fail(error);
    }
  }
  err << "textwash: learn: " << header.documents << " documents";
  if (header.rejected > 0) err << " (" << header.rejected << " rejected)";
  err << ", " << proposals.size() << ' ' << header.unit
      << (proposals.size() == 1 ? "" : "s") << " proposed";
  if (counter != nullptr && counter->spills() > 0) {
    err << " (the table outgrew --memory and was written out "
        << counter->spills() << " times)";
  }
  err << '\n';
  return exit_code;
}

}  // namespace textwash::cli
