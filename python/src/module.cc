// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// textwash._textwash: the Python binding of textwash (pybind11). The package
// python/textwash/ re-exports it; see its docstrings and the README's Python
// section for the API.
//
// Strings cross the boundary as UTF-8; edits carry both byte offsets and
// code-point offsets (Python str indexes) into the input.
#include <pybind11/operators.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "textwash/textwash.h"
#include "tools/cli.h"
#include "tools/compress.h"
#include "tools/pipeline.h"

namespace py = pybind11;

namespace textwash::python {
namespace {

// ---- errors -------------------------------------------------------------------

// Raises the Python exception that fits `status`, with its exact message:
// FileNotFoundError for a rule file that cannot be read, ValueError for a
// bad rule file, pattern or option, RuntimeError for an internal error.
[[noreturn]] void Raise(const Status& status) {
  const std::string& message = status.message();
  switch (status.code()) {
    case StatusCode::kNotFound:
      if (message.starts_with("cannot read rule file ")) {
        PyErr_SetString(PyExc_FileNotFoundError, message.c_str());
      } else {
        PyErr_SetString(PyExc_ValueError, message.c_str());
      }
      break;
    case StatusCode::kInvalidArgument:
      PyErr_SetString(PyExc_ValueError, message.c_str());
      break;
    default:
      PyErr_SetString(PyExc_RuntimeError, message.c_str());
      break;
  }
  throw py::error_already_set();
}

// ---- strings ------------------------------------------------------------------

// The UTF-8 bytes of a str or bytes argument, kept alive by `owner`.
struct Utf8Text {
  py::object owner;
  std::string_view bytes;
  bool ascii = false;  // byte offsets are code-point offsets
};

// A str holding lone surrogates (json.loads makes them of a "\ud800" escape) as
// UTF-8 in which each surrogate is the single byte 0xFF: invalid UTF-8, which
// the library replaces with one U+FFFD and reports as one edit, and one lead
// byte, so that code-point offsets stay Python indexes.
PyObject* EncodeWithSurrogates(PyObject* str) {
  const Py_ssize_t length = PyUnicode_GET_LENGTH(str);
  const int kind = PyUnicode_KIND(str);
  const void* data = PyUnicode_DATA(str);
  std::string out;
  out.reserve(static_cast<size_t>(length) * 3);
  for (Py_ssize_t i = 0; i < length; ++i) {
    const Py_UCS4 c = PyUnicode_READ(kind, data, i);
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      out += static_cast<char>(0xFF);
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  PyObject* bytes =
      PyBytes_FromStringAndSize(out.data(), static_cast<Py_ssize_t>(out.size()));
  if (bytes == nullptr) throw py::error_already_set();
  return bytes;
}

Utf8Text ToUtf8(py::handle object) {
  Utf8Text text;
  PyObject* o = object.ptr();
  if (PyUnicode_Check(o)) {
    if (PyUnicode_READY(o) != 0) throw py::error_already_set();
    if (PyUnicode_IS_ASCII(o)) {
      Py_ssize_t size = 0;
      const char* data = PyUnicode_AsUTF8AndSize(o, &size);
      if (data == nullptr) throw py::error_already_set();
      text.owner = py::reinterpret_borrow<py::object>(object);
      text.bytes = std::string_view(data, static_cast<size_t>(size));
      text.ascii = true;
      return text;
    }
    PyObject* encoded = PyUnicode_AsUTF8String(o);
    if (encoded == nullptr) {
      if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
        throw py::error_already_set();
      }
      PyErr_Clear();
      encoded = EncodeWithSurrogates(o);
    }
    text.owner = py::reinterpret_steal<py::object>(encoded);
    o = encoded;
  } else if (PyBytes_Check(o)) {
    text.owner = py::reinterpret_borrow<py::object>(object);
  } else {
    throw py::type_error(std::string("expected str or bytes, got ") +
                         Py_TYPE(o)->tp_name);
  }
  text.bytes = std::string_view(PyBytes_AS_STRING(o),
                                static_cast<size_t>(PyBytes_GET_SIZE(o)));
  return text;
}

py::str ToStr(std::string_view utf8) {
  // The library writes valid UTF-8 only; "replace" is a guard, never a path.
  PyObject* s = PyUnicode_DecodeUTF8(utf8.data(),
                                     static_cast<Py_ssize_t>(utf8.size()),
                                     "replace");
  if (s == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(s);
}

// A path argument: str, bytes or os.PathLike, as the file system's bytes.
std::string PathOf(py::handle path) {
  return py::module_::import("os").attr("fsencode")(path).cast<std::string>();
}

// None, one path, or an iterable of paths.
std::vector<std::string> PathList(py::handle value) {
  std::vector<std::string> paths;
  if (value.is_none()) return paths;
  if (py::isinstance<py::str>(value) || py::isinstance<py::bytes>(value) ||
      py::hasattr(value, "__fspath__")) {
    paths.push_back(PathOf(value));
    return paths;
  }
  for (py::handle item : py::iter(value)) paths.push_back(PathOf(item));
  return paths;
}

// None, one string, or an iterable of strings.
std::vector<std::string> StringList(py::handle value, const char* what) {
  std::vector<std::string> strings;
  if (value.is_none()) return strings;
  if (py::isinstance<py::str>(value)) {
    strings.push_back(value.cast<std::string>());
    return strings;
  }
  for (py::handle item : py::iter(value)) {
    if (!py::isinstance<py::str>(item)) {
      throw py::type_error(std::string(what) + ": expected str items, got " +
                           Py_TYPE(item.ptr())->tp_name);
    }
    strings.push_back(item.cast<std::string>());
  }
  return strings;
}

// ---- results --------------------------------------------------------------------

// One edit as Python sees it: input[begin:end] became `replacement`.
struct PyEdit {
  int64_t begin = 0;       // code-point offsets into the input str
  int64_t end = 0;
  int64_t byte_begin = 0;  // byte offsets into its UTF-8
  int64_t byte_end = 0;
  py::str replacement;
  py::str category;
  py::str rule;

  bool operator==(const PyEdit& other) const {
    return begin == other.begin && end == other.end &&
           byte_begin == other.byte_begin && byte_end == other.byte_end &&
           replacement.equal(other.replacement) &&
           category.equal(other.category) && rule.equal(other.rule);
  }
};

struct PyResult {
  py::str text;
  py::list edits;
};

// Code-point offsets of a Result's edits, worked out without the GIL.
struct CleanOutput {
  Result result;
  std::vector<std::pair<int64_t, int64_t>> code_points;  // per edit
};

bool IsContinuationByte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Fills out->code_points for `input`. Edits are sorted and do not overlap;
// offsets past the end are clamped, as ApplyEdits does.
void CountCodePoints(const Utf8Text& input, CleanOutput* out) {
  const std::string_view bytes = input.bytes;
  out->code_points.clear();
  out->code_points.reserve(out->result.edits.size());
  size_t position = 0;
  int64_t code_points = 0;
  auto advance = [&](size_t to) {
    for (; position < to; ++position) {
      code_points += IsContinuationByte(bytes[position]) ? 0 : 1;
    }
    return code_points;
  };
  for (const Edit& edit : out->result.edits) {
    const size_t begin = std::clamp(edit.begin, position, bytes.size());
    const size_t end = std::clamp(edit.end, begin, bytes.size());
    if (input.ascii) {
      out->code_points.emplace_back(begin, end);
      position = end;
      continue;
    }
    const int64_t cp_begin = advance(begin);
    out->code_points.emplace_back(cp_begin, advance(end));
  }
}

// ---- the cleaner --------------------------------------------------------------

class PyCleaner {
 public:
  PyCleaner(Options options, py::dict arguments)
      : arguments_(std::move(arguments)) {
    StatusOr<std::shared_ptr<const Cleaner>> cleaner =
        Cleaner::Create(options);
    if (!cleaner.ok()) Raise(cleaner.status());
    cleaner_ = *std::move(cleaner);
    for (int i = 0; i < cleaner_->rule_count(); ++i) {
      rule_ids_.push_back(py::str(cleaner_->rule(i).id));
    }
    for (int c = 0; c <= static_cast<int>(Category::kNormalize); ++c) {
      category_names_.push_back(
          py::str(std::string(CategoryName(static_cast<Category>(c)))));
    }
  }

  const Cleaner& cleaner() const { return *cleaner_; }
  const py::dict& arguments() const { return arguments_; }

  PyResult Clean(const py::object& text) const {
    const Utf8Text input = ToUtf8(text);
    CleanOutput out;
    {
      py::gil_scoped_release release;
      cleaner_->Clean(input.bytes, &out.result);
      CountCodePoints(input, &out);
    }
    return ToPython(out);
  }

  py::list CleanBatch(const py::object& texts, int threads) const {
    if (threads < 0) throw py::value_error("threads must be >= 0");
    std::vector<Utf8Text> inputs;
    for (py::handle text : py::iter(texts)) inputs.push_back(ToUtf8(text));
    std::vector<CleanOutput> outs(inputs.size());
    size_t workers = threads > 0 ? static_cast<size_t>(threads)
                                 : std::max(1u, std::thread::hardware_concurrency());
    workers = std::min(workers, inputs.size());
    // The texts go to the workers in chunks, each cleaned by one
    // Cleaner::CleanBatch() call (faster than a Clean() per text). A chunk
    // holds about kChunkBytes, less when there is too little for every
    // worker to get a few.
    constexpr size_t kChunkBytes = size_t{256} << 10;
    size_t total = 0;
    for (const Utf8Text& t : inputs) total += t.bytes.size();
    const size_t chunk_bytes =
        std::max<size_t>(1, std::min(kChunkBytes, total / std::max<size_t>(1, 4 * workers)));
    std::vector<size_t> chunks{0};  // where each chunk starts, then the end
    for (size_t i = 0, bytes = 0; i < inputs.size(); ++i) {
      bytes += inputs[i].bytes.size();
      if (bytes >= chunk_bytes || i + 1 == inputs.size()) {
        chunks.push_back(i + 1);
        bytes = 0;
      }
    }
    {
      py::gil_scoped_release release;
      std::atomic<size_t> next{0};
      std::exception_ptr error;
      std::atomic<bool> failed{false};
      auto work = [&] {
        try {
          std::vector<std::string_view> views;
          std::vector<Result> results;
          for (size_t c; !failed && (c = next.fetch_add(1)) + 1 < chunks.size();) {
            views.clear();
            for (size_t i = chunks[c]; i < chunks[c + 1]; ++i) views.push_back(inputs[i].bytes);
            cleaner_->CleanBatch(views, &results);
            for (size_t i = chunks[c]; i < chunks[c + 1]; ++i) {
              std::swap(outs[i].result, results[i - chunks[c]]);
              CountCodePoints(inputs[i], &outs[i]);
            }
          }
        } catch (...) {
          if (!failed.exchange(true)) error = std::current_exception();
        }
      };
      // This thread is one of the workers. If no more threads can be had,
      // the ones there are do all the work.
      std::vector<std::thread> pool;
      for (size_t i = 1; i < workers; ++i) {
        try {
          pool.emplace_back(work);
        } catch (const std::system_error&) {
          break;
        }
      }
      work();
      for (std::thread& thread : pool) thread.join();
      if (error) std::rethrow_exception(error);
    }
    py::list results(inputs.size());
    for (size_t i = 0; i < outs.size(); ++i) {
      results[i] = py::cast(ToPython(outs[i]));
    }
    return results;
  }

  // Runs the CLI's pipeline on one file; see textwash.clean_file().
  py::tuple CleanFile(const std::string& input, const std::string& output,
                      const std::string& field, const std::string& format,
                      const std::string& on_error, bool drop_empty,
                      uint64_t min_chars, uint64_t sample, int threads,
                      const std::string& report,
                      const std::string& report_format) const {
    cli::PipelineOptions options;
    options.inputs = {input};
    if (format == "auto") {
      options.jsonl = {cli::WithoutCompressionSuffix(input).ends_with(".jsonl")};
    } else if (format == "jsonl" || format == "text") {
      options.jsonl = {format == "jsonl"};
    } else {
      throw py::value_error("format must be \"auto\", \"text\" or \"jsonl\", got \"" +
                            format + "\"");
    }
    if (on_error == "keep") {
      options.on_error = cli::OnError::kKeep;
    } else if (on_error == "skip") {
      options.on_error = cli::OnError::kSkip;
    } else if (on_error == "fail") {
      options.on_error = cli::OnError::kFail;
    } else {
      throw py::value_error("on_error must be \"keep\", \"skip\" or \"fail\", got \"" +
                            on_error + "\"");
    }
    if (report_format == "textwash") {
      options.report_format = cli::ReportFormat::kTextwash;
    } else if (report_format == "dolma") {
      options.report_format = cli::ReportFormat::kDolma;
    } else {
      throw py::value_error(
          "report_format must be \"textwash\" or \"dolma\", got \"" +
          report_format + "\"");
    }
    if (output.empty() || output == "-") {
      throw py::value_error("output must be a file path");
    }
    if (input == "-" || report == "-") {
      throw py::value_error("input and report must be file paths");
    }
    if (threads < 0) throw py::value_error("threads must be >= 0");
    options.output = output;
    options.field = field;
    options.drop_empty = drop_empty;
    options.min_chars = min_chars;
    options.sample = sample;
    options.report = report;
    options.stats_json = "-";  // written to `out` below
    options.threads = threads > 0
                          ? threads
                          : static_cast<int>(
                                std::max(1u, std::thread::hardware_concurrency()));
    std::istringstream in;
    std::ostringstream out;
    std::ostringstream err;
    int code;
    {
      py::gil_scoped_release release;
      code = cli::RunPipeline(*cleaner_, options, in, out, err);
    }
    return py::make_tuple(code, py::bytes(out.str()), py::bytes(err.str()));
  }

  py::list Rules() const;

 private:
  PyResult ToPython(const CleanOutput& out) const {
    PyResult result;
    result.text = ToStr(out.result.text);
    result.edits = py::list(out.result.edits.size());
    for (size_t i = 0; i < out.result.edits.size(); ++i) {
      const Edit& edit = out.result.edits[i];
      PyEdit e;
      e.begin = out.code_points[i].first;
      e.end = out.code_points[i].second;
      e.byte_begin = static_cast<int64_t>(edit.begin);
      e.byte_end = static_cast<int64_t>(edit.end);
      e.replacement = edit.replacement.empty() ? py::str("") : ToStr(edit.replacement);
      const int category = static_cast<int>(edit.category);
      e.category = category >= 0 && category < static_cast<int>(category_names_.size())
                       ? category_names_[category]
                       : py::str("");
      e.rule = edit.rule >= 0 && edit.rule < static_cast<int>(rule_ids_.size())
                   ? rule_ids_[edit.rule]
                   : py::str("");
      result.edits[i] = py::cast(std::move(e));
    }
    return result;
  }

  std::shared_ptr<const Cleaner> cleaner_;
  py::dict arguments_;  // what the Cleaner was made from, for pickling
  std::vector<py::str> rule_ids_;
  std::vector<py::str> category_names_;
};

struct PyRuleInfo {
  std::string id;
  std::string category;
  std::string kind;
  std::string source;
  std::string description;
};

py::list PyCleaner::Rules() const {
  py::list rules;
  for (int i = 0; i < cleaner_->rule_count(); ++i) {
    const RuleInfo& rule = cleaner_->rule(i);
    rules.append(py::cast(PyRuleInfo{
        rule.id, std::string(CategoryName(rule.category)),
        std::string(RuleKindName(rule.kind)), rule.source, rule.description}));
  }
  return rules;
}

PiiMode PiiModeOf(const std::string& value) {
  if (value == "keep") return PiiMode::kKeep;
  if (value == "mask") return PiiMode::kMask;
  if (value == "remove") return PiiMode::kRemove;
  throw py::value_error("pii must be \"keep\", \"mask\" or \"remove\", got \"" +
                        value + "\"");
}

// Cleaner(rules=None, *, rule_texts=None, default_rules=True, ...).
std::unique_ptr<PyCleaner> MakeCleaner(
    const py::object& rules, const py::object& rule_texts, bool default_rules,
    const py::object& packs, const py::object& disabled_rules,
    bool remove_invisible,
    bool normalize_newlines, int min_repeat_chars, bool layout, bool noise,
    int ad_threshold, const std::string& pii, bool fix_mojibake,
    bool to_simplified, bool strip_markdown, bool keep_link_urls,
    bool normalize_punct) {
  Options options;
  options.rule_files = PathList(rules);
  py::list texts;
  if (!rule_texts.is_none()) {
    for (py::handle item : py::iter(rule_texts)) {
      py::tuple pair = py::tuple(py::reinterpret_borrow<py::object>(item));
      if (pair.size() != 2 || !py::isinstance<py::str>(pair[0]) ||
          !py::isinstance<py::str>(pair[1])) {
        throw py::type_error("rule_texts: expected (name, text) pairs of str");
      }
      options.rule_texts.push_back(
          RuleText{pair[0].cast<std::string>(), pair[1].cast<std::string>()});
      texts.append(pair);
    }
  }
  options.default_rules = default_rules;
  options.packs = StringList(packs, "packs");
  options.disabled_rules = StringList(disabled_rules, "disabled_rules");
  options.remove_invisible = remove_invisible;
  options.normalize_newlines = normalize_newlines;
  options.min_repeat_chars = min_repeat_chars;
  options.layout = layout;
  options.noise = noise;
  options.ad_threshold = ad_threshold;
  options.pii = PiiModeOf(pii);
  options.fix_mojibake = fix_mojibake;
  options.to_simplified = to_simplified;
  options.strip_markdown = strip_markdown;
  options.keep_link_urls = keep_link_urls;
  options.normalize_punct = normalize_punct;

  py::dict arguments;
  py::list rule_paths;
  for (const std::string& path : options.rule_files) {
    rule_paths.append(py::module_::import("os").attr("fsdecode")(py::bytes(path)));
  }
  arguments["rules"] = rule_paths;
  arguments["rule_texts"] = texts;
  arguments["default_rules"] = default_rules;
  arguments["packs"] = py::cast(options.packs);
  arguments["disabled_rules"] = py::cast(options.disabled_rules);
  arguments["remove_invisible"] = remove_invisible;
  arguments["normalize_newlines"] = normalize_newlines;
  arguments["min_repeat_chars"] = min_repeat_chars;
  arguments["layout"] = layout;
  arguments["noise"] = noise;
  arguments["ad_threshold"] = ad_threshold;
  arguments["pii"] = pii;
  arguments["fix_mojibake"] = fix_mojibake;
  arguments["to_simplified"] = to_simplified;
  arguments["strip_markdown"] = strip_markdown;
  arguments["keep_link_urls"] = keep_link_urls;
  arguments["normalize_punct"] = normalize_punct;
  return std::make_unique<PyCleaner>(std::move(options), std::move(arguments));
}

std::unique_ptr<PyCleaner> CleanerFromArguments(const py::dict& a) {
  return MakeCleaner(a["rules"], a["rule_texts"], a["default_rules"].cast<bool>(),
                     a["packs"], a["disabled_rules"],
                     a["remove_invisible"].cast<bool>(),
                     a["normalize_newlines"].cast<bool>(),
                     a["min_repeat_chars"].cast<int>(), a["layout"].cast<bool>(),
                     a["noise"].cast<bool>(), a["ad_threshold"].cast<int>(),
                     a["pii"].cast<std::string>(), a["fix_mojibake"].cast<bool>(),
                     a["to_simplified"].cast<bool>(), a["strip_markdown"].cast<bool>(),
                     a["keep_link_urls"].cast<bool>(), a["normalize_punct"].cast<bool>());
}

std::string Repr(py::handle value) { return py::repr(value).cast<std::string>(); }

}  // namespace
}  // namespace textwash::python

PYBIND11_MODULE(_textwash, m) {
  using namespace textwash;
  using namespace textwash::python;
  m.doc() = "textwash: removes injected junk from scraped text (C++ binding)";
  m.attr("__version__") = TEXTWASH_VERSION_STRING;
  m.attr("engine") = std::string(Cleaner::engine());
  py::list categories;
  for (int c = 0; c <= static_cast<int>(Category::kNormalize); ++c) {
    categories.append(std::string(CategoryName(static_cast<Category>(c))));
  }
  m.attr("CATEGORIES") = py::tuple(categories);

  py::class_<PyEdit>(m, "Edit",
                     "One change: input[begin:end] became `replacement`.\n\n"
                     "begin and end are code-point offsets into the input str "
                     "(Python indexes); byte_begin and byte_end are offsets "
                     "into its UTF-8 bytes.")
      .def(py::init([](int64_t begin, int64_t end, int64_t byte_begin,
                       int64_t byte_end, py::str replacement, py::str category,
                       py::str rule) {
             return PyEdit{begin, end, byte_begin, byte_end,
                           std::move(replacement), std::move(category),
                           std::move(rule)};
           }),
           py::arg("begin"), py::arg("end"), py::arg("byte_begin"),
           py::arg("byte_end"), py::arg("replacement") = py::str(""),
           py::arg("category") = py::str(""), py::arg("rule") = py::str(""))
      .def_readonly("begin", &PyEdit::begin)
      .def_readonly("end", &PyEdit::end)
      .def_readonly("byte_begin", &PyEdit::byte_begin)
      .def_readonly("byte_end", &PyEdit::byte_end)
      .def_readonly("replacement", &PyEdit::replacement)
      .def_readonly("category", &PyEdit::category)
      .def_readonly("rule", &PyEdit::rule)
      .def("to_dict",
           [](const PyEdit& e) {
             py::dict d;
             d["begin"] = e.begin;
             d["end"] = e.end;
             d["byte_begin"] = e.byte_begin;
             d["byte_end"] = e.byte_end;
             d["replacement"] = e.replacement;
             d["category"] = e.category;
             d["rule"] = e.rule;
             return d;
           },
           "The edit as a dict (for JSON).")
      .def(py::self == py::self)
      .def("__repr__",
           [](const PyEdit& e) {
             std::string s = "Edit(begin=" + std::to_string(e.begin) +
                             ", end=" + std::to_string(e.end) +
                             ", byte_begin=" + std::to_string(e.byte_begin) +
                             ", byte_end=" + std::to_string(e.byte_end);
             if (py::len(e.replacement) > 0) {
               s += ", replacement=" + Repr(e.replacement);
             }
             return s + ", category=" + Repr(e.category) +
                    ", rule=" + Repr(e.rule) + ")";
           })
      .def(py::pickle(
          [](const PyEdit& e) {
            return py::make_tuple(e.begin, e.end, e.byte_begin, e.byte_end,
                                  e.replacement, e.category, e.rule);
          },
          [](py::tuple t) {
            if (t.size() != 7) throw std::runtime_error("bad Edit state");
            return PyEdit{t[0].cast<int64_t>(), t[1].cast<int64_t>(),
                          t[2].cast<int64_t>(), t[3].cast<int64_t>(),
                          t[4].cast<py::str>(), t[5].cast<py::str>(),
                          t[6].cast<py::str>()};
          }));

  py::class_<PyResult>(m, "Result",
                       "What Cleaner.clean() gives: the cleaned text and the "
                       "edits, sorted and non-overlapping, that turn the "
                       "input into it.")
      .def_readonly("text", &PyResult::text)
      .def_readonly("edits", &PyResult::edits)
      .def("__repr__",
           [](const PyResult& r) {
             return "Result(text=" + Repr(r.text) + ", edits=" + Repr(r.edits) +
                    ")";
           })
      .def("__eq__",
           [](const PyResult& a, py::handle b) {
             if (!py::isinstance<PyResult>(b)) return false;
             const PyResult& other = b.cast<const PyResult&>();
             return a.text.equal(other.text) && a.edits.equal(other.edits);
           })
      .def(py::pickle(
          [](const PyResult& r) { return py::make_tuple(r.text, r.edits); },
          [](py::tuple t) {
            if (t.size() != 2) throw std::runtime_error("bad Result state");
            return PyResult{t[0].cast<py::str>(), t[1].cast<py::list>()};
          }));
  // Results are compared by value, so they are not hashable.
  m.attr("Result").attr("__hash__") = py::none();
  m.attr("Edit").attr("__hash__") = py::none();

  py::class_<PyRuleInfo>(m, "RuleInfo", "A rule as the Cleaner compiled it.")
      .def_readonly("id", &PyRuleInfo::id)
      .def_readonly("category", &PyRuleInfo::category)
      .def_readonly("kind", &PyRuleInfo::kind)
      .def_readonly("source", &PyRuleInfo::source)
      .def_readonly("description", &PyRuleInfo::description)
      .def("__repr__", [](const PyRuleInfo& r) {
        return "RuleInfo(id=" + Repr(py::str(r.id)) +
               ", category=" + Repr(py::str(r.category)) +
               ", kind=" + Repr(py::str(r.kind)) +
               ", source=" + Repr(py::str(r.source)) + ")";
      });

  py::class_<PyCleaner>(
      m, "Cleaner",
      "Cleaner(rules=None, *, rule_texts=None, default_rules=True, "
      "packs=None, disabled_rules=None, remove_invisible=True, "
      "normalize_newlines=True, min_repeat_chars=20, layout=True, "
      "noise=True, ad_threshold=4, pii=\"keep\", fix_mojibake=False, "
      "to_simplified=False, strip_markdown=False, keep_link_urls=False, "
      "normalize_punct=False)\n\n"
      "Compiles the rules and options (those of textwash::Options) into an "
      "immutable cleaner that any number of threads may share. rules: rule "
      "file paths; rule_texts: (name, toml_text) pairs; pii: \"keep\", "
      "\"mask\" or \"remove\". Raises ValueError for a bad rule file "
      "(\"file:line:col: reason\") or option, FileNotFoundError for a rule "
      "file that cannot be read.")
      .def(py::init(&MakeCleaner), py::arg("rules") = py::none(), py::kw_only(),
           py::arg("rule_texts") = py::none(), py::arg("default_rules") = true,
           py::arg("packs") = py::none(), py::arg("disabled_rules") = py::none(),
           py::arg("remove_invisible") = true,
           py::arg("normalize_newlines") = true,
           py::arg("min_repeat_chars") = Options().min_repeat_chars,
           py::arg("layout") = true, py::arg("noise") = true,
           py::arg("ad_threshold") = Options().ad_threshold,
           py::arg("pii") = "keep", py::arg("fix_mojibake") = false,
           py::arg("to_simplified") = false, py::arg("strip_markdown") = false,
           py::arg("keep_link_urls") = false, py::arg("normalize_punct") = false)
      .def("clean", &PyCleaner::Clean, py::arg("text"),
           "Cleans `text` (str, or UTF-8 bytes) and returns a Result: the "
           "cleaned text and the edits. Never fails on any input; releases "
           "the GIL while it cleans.")
      .def("clean_batch", &PyCleaner::CleanBatch, py::arg("texts"),
           py::arg("threads") = 0,
           "Cleans each of `texts` on `threads` C++ threads sharing this "
           "Cleaner (0: one per core), without the GIL, and returns the "
           "Results in order: [self.clean(t) for t in texts].")
      .def("rules", &PyCleaner::Rules,
           "The rules, built-in stages (kind \"stage\") included, as "
           "RuleInfo (id, category, kind, source, description).")
      .def("_clean_file", &PyCleaner::CleanFile, py::arg("input"),
           py::arg("output"), py::arg("field"), py::arg("format"),
           py::arg("on_error"), py::arg("drop_empty"), py::arg("min_chars"),
           py::arg("sample"), py::arg("threads"), py::arg("report"),
           py::arg("report_format"))
      .def_property_readonly(
          "options",
          [](const PyCleaner& c) { return c.arguments().attr("copy")(); })
      .def("__repr__",
           [](const PyCleaner& c) {
             int rules = 0;
             for (int i = 0; i < c.cleaner().rule_count(); ++i) {
               rules += c.cleaner().rule(i).kind != RuleKind::kStage;
             }
             return "<textwash.Cleaner: " + std::to_string(rules) + " rules, " +
                    std::string(Cleaner::engine()) + ">";
           })
      .def(py::pickle(
          [](const PyCleaner& c) {
            return py::dict(c.arguments().attr("copy")());
          },
          [](py::dict arguments) { return CleanerFromArguments(arguments); }));

  m.def(
      "check_rules",
      [](const std::string& name, const std::string& text) {
        if (Status status = CheckRules(name, text); !status.ok()) Raise(status);
        // A Cleaner of this text alone says how many rules it holds, as
        // `textwash rules check` does.
        Options options;
        options.default_rules = false;
        options.rule_texts.push_back({name, text});
        StatusOr<std::shared_ptr<const Cleaner>> cleaner =
            Cleaner::Create(options);
        if (!cleaner.ok()) Raise(cleaner.status());
        int count = 0;
        for (int i = 0; i < (*cleaner)->rule_count(); ++i) {
          count += (*cleaner)->rule(i).kind != RuleKind::kStage;
        }
        return count;
      },
      py::arg("name"), py::arg("text"),
      "Checks a rule file's text as `textwash rules check` does: returns "
      "its number of rules, or raises ValueError (\"name:line:col: "
      "reason\").");

  m.def(
      "_run_cli",
      [](const std::vector<std::string>& args) {
        std::istringstream in;
        std::ostringstream out;
        std::ostringstream err;
        int code = 0;
        {
          py::gil_scoped_release release;
          code = RunCli(args, in, out, err);
        }
        return py::make_tuple(code, py::bytes(out.str()), py::bytes(err.str()));
      },
      py::arg("args"),
      "Runs the textwash command with `args` (no program name), standard "
      "input empty; returns (exit code, stdout bytes, stderr bytes).");

  m.def("builtin_packs", [] {
    py::dict packs;
    for (const Pack& pack : BuiltinPacks()) {
      packs[py::str(std::string(pack.name))] = py::str(std::string(pack.text));
    }
    return packs;
  }, "The built-in rule packs, {name: toml_text}, in the order they apply.");
}
