# Copyright 2026 The textwash Authors.
# SPDX-License-Identifier: Apache-2.0
"""textwash: removes injected junk (ads, contact spam, paywall markers, site
boilerplate) from scraped Chinese and English text, and says what it removed.

    import textwash

    cleaner = textwash.Cleaner(pii="mask")
    result = cleaner.clean("意识形态##paidbegin##责任制\\n")
    result.text                      # '意识形态责任制\\n'
    for e in result.edits:           # begin/end: code points (str indexes)
        print(e.begin, e.end, e.category, e.rule, e.replacement)
    textwash.apply_edits(text, result.edits) == result.text

    results = cleaner.clean_batch(texts, threads=0)   # C++ threads, no GIL
    stats = textwash.clean_file("in.jsonl.gz", "out.jsonl.gz", pii="mask")

A Cleaner is immutable: share one between threads. It pickles as the
options it was made from (rule files are read again where it is unpickled).
Errors raise ValueError (bad rule file: "file:line:col: reason", bad
option), FileNotFoundError (a rule file or input that cannot be read),
OSError (an output that cannot be written) or RuntimeError (a bug).

    textwash.learn("crawl/*.jsonl", "learned.toml", group_by="url",
                   review="learned.md")   # the corpus's own boilerplate

textwash.dask cleans folders of JSONL shards on a Dask cluster, and learns
their boilerplate there.
"""

import json as _json
import logging as _logging
import os as _os

try:
    from textwash._textwash import (
        CATEGORIES,
        Cleaner,
        Edit,
        Result,
        RuleInfo,
        __version__,
        _run_cli,
        builtin_packs,
        check_rules,
        engine,
    )
except ImportError as _error:  # pragma: no cover - depends on the build
    raise ImportError(
        "textwash's compiled extension (textwash/_textwash*.so) was not found "
        "next to " + __file__ + ": build it with CMake (it is laid out in "
        "<build>/python) and put that directory on PYTHONPATH, or install it "
        "with `cmake --install`") from _error

__all__ = [
    "CATEGORIES",
    "Cleaner",
    "Edit",
    "Result",
    "RuleInfo",
    "__version__",
    "apply_edits",
    "builtin_packs",
    "check_rules",
    "clean_file",
    "engine",
    "learn",
    "merge_stats",
]

_logger = _logging.getLogger("textwash")

# The keyword arguments of clean_file() that are not Cleaner options.
_FILE_ARGUMENTS = ("field", "format", "on_error", "drop_empty", "min_chars",
                   "sample", "threads", "report", "report_format")


def apply_edits(text, edits):
    """Returns `text` with `edits` applied: what clean(text).text is.

    For a str, the edits' code-point offsets (begin, end) are used; for
    bytes, their byte offsets (byte_begin, byte_end) into the UTF-8.
    """
    if isinstance(text, (bytes, bytearray)):
        parts = []
        position = 0
        for edit in edits:
            begin = min(max(edit.byte_begin, position), len(text))
            parts.append(bytes(text[position:begin]))
            parts.append(edit.replacement.encode("utf-8"))
            position = min(max(edit.byte_end, begin), len(text))
        parts.append(bytes(text[position:]))
        return b"".join(parts)
    parts = []
    position = 0
    for edit in edits:
        begin = min(max(edit.begin, position), len(text))
        parts.append(text[position:begin])
        parts.append(edit.replacement)
        position = min(max(edit.end, begin), len(text))
    parts.append(text[position:])
    return "".join(parts)


def _strip_prefix(line):
    return line[len("textwash: "):] if line.startswith("textwash: ") else line


def _clean_file(self, input, output, *, field="text", format="auto",
                on_error="keep", drop_empty=False, min_chars=0, sample=0,
                threads=0, report=None, report_format="textwash"):
    """Cleans the file `input` into `output` with the CLI's own pipeline and
    returns what `textwash --stats-json` would write, as a dict.

    The output is byte for byte what `textwash [FLAGS] input -o output`
    writes: JSONL (`*.jsonl`, `*.jsonl.gz`, `*.jsonl.zst`; or
    format="jsonl") has its `field` cleaned and every other byte kept;
    other files are one text document. `*.gz` and `*.zst` files are read and
    written compressed. The keyword arguments are the CLI's flags:
    on_error ("keep", "skip", "fail"), drop_empty, min_chars, sample,
    threads (0: one per core), report (a file path) and report_format
    ("textwash" or "dolma").

    A bad JSONL line is logged as a warning "FILE:LINE: REASON" on the
    "textwash" logger and counted under stats["rejected"]; with
    on_error="fail" it raises ValueError instead. An input that cannot be
    read raises FileNotFoundError (or OSError); an output that cannot be
    written, OSError. The GIL is released while the file is cleaned.
    """
    input = _os.fsdecode(input)
    output = _os.fsdecode(output)
    report = "" if report is None else _os.fsdecode(report)
    if _os.path.isdir(input):
        raise IsADirectoryError("cannot read " + input + ": Is a directory")
    for path in (output, report):
        if path and _os.path.exists(path) and _os.path.exists(input) and \
                _os.path.samefile(path, input):
            raise ValueError("cannot write " + path +
                             ": it is also an input file")
    code, stats, messages = self._clean_file(
        input, output, field, format, on_error, bool(drop_empty),
        int(min_chars), int(sample), int(threads), report, report_format)
    lines = [_strip_prefix(line) for line in
             messages.decode("utf-8", "replace").splitlines() if line]
    if code == 2:
        message = lines[-1] if lines else "cannot clean " + input
        if message.startswith("cannot read " + input + ":") and \
                not _os.path.exists(input):
            raise FileNotFoundError(message)
        if message.startswith("internal error"):
            raise RuntimeError(message)
        raise OSError(message)
    if code == 1 and on_error == "fail":
        raise ValueError(lines[0] if lines else "bad line in " + input)
    for line in lines:
        _logger.warning("%s", line)
    return _json.loads(stats.decode("utf-8"))


_clean_file.__name__ = "clean_file"
_clean_file.__qualname__ = "Cleaner.clean_file"
Cleaner.clean_file = _clean_file


def clean_file(input, output, **kwargs):
    """Cleaner(**options).clean_file(input, output, **arguments).

    Takes the Cleaner options (rules, pii, ...) and the clean_file arguments
    (field, on_error, ...) as keyword arguments, or an existing Cleaner as
    cleaner=. Returns the --stats-json dict.
    """
    cleaner = kwargs.pop("cleaner", None)
    arguments = {k: kwargs.pop(k) for k in _FILE_ARGUMENTS if k in kwargs}
    if cleaner is None:
        cleaner = Cleaner(**kwargs)
    elif kwargs:
        raise TypeError("clean_file: Cleaner options (" + ", ".join(kwargs) +
                        ") and cleaner= exclude each other")
    return cleaner.clean_file(input, output, **arguments)


def _add_counts(into, counts):
    for key, value in counts.items():
        into[key] = into.get(key, 0) + value


def merge_stats(stats, wall_seconds=None):
    """Adds up --stats-json dicts (from clean_file() or `textwash
    --stats-json`), given in input order, into one of the same shape: what
    one run over all those inputs would have written. Each rule's example
    is the first one in that order.

    "timing" is worked out from `wall_seconds`, by default the sum of the
    parts' wall_seconds.
    """
    merged = {
        "documents": {"in": 0, "written": 0, "dropped": 0, "rejected": 0},
        "dropped": {},
        "rejected": {},
        "rejected_written_unchanged": 0,
        "bytes": {"in": 0, "out": 0, "removed": 0},
        "edits": 0,
        "categories": {},
        "rules": [],
    }
    categories = {}
    rules = {}
    seconds = 0.0
    for part in stats:
        _add_counts(merged["documents"], part["documents"])
        _add_counts(merged["dropped"], part["dropped"])
        _add_counts(merged["rejected"], part["rejected"])
        merged["rejected_written_unchanged"] += \
            part["rejected_written_unchanged"]
        _add_counts(merged["bytes"], part["bytes"])
        merged["edits"] += part["edits"]
        for name, counts in part["categories"].items():
            _add_counts(categories.setdefault(name, {}), counts)
        for rule in part["rules"]:
            into = rules.get(rule["rule"])
            if into is None:
                rules[rule["rule"]] = dict(rule)
            else:
                into["edits"] += rule["edits"]
                into["bytes_removed"] += rule["bytes_removed"]
        seconds += part.get("timing", {}).get("wall_seconds", 0.0)
    order = {name: i for i, name in enumerate(CATEGORIES)}
    merged["categories"] = {
        name: categories[name] for name in
        sorted(categories, key=lambda n: (order.get(n, len(order)), n))}
    merged["rules"] = sorted(
        rules.values(),
        key=lambda r: (-r["edits"], -r["bytes_removed"], r["rule"]))
    if wall_seconds is None:
        wall_seconds = seconds
    merged["timing"] = {
        "wall_seconds": round(wall_seconds, 3),
        "mb_per_second": round(merged["bytes"]["in"] / 1e6 / wall_seconds, 3)
        if wall_seconds > 0 else 0.0,
        "docs_per_second":
        round(merged["documents"]["in"] / wall_seconds, 1)
        if wall_seconds > 0 else 0.0,
    }
    return merged


# learn() arguments and the `textwash learn` flags they become; booleans are
# flags without a value.
_LEARN_FLAGS = {
    "format": "--format", "field": "--field", "group_by": "--group-by",
    "unit": "--unit", "fold_digits": "--fold-digits",
    "min_chars": "--min-chars", "max_chars": "--max-chars",
    "min_docs": "--min-docs", "min_share": "--min-share",
    "min_groups": "--min-groups", "allow": "--allow", "review": "--review",
    "id_prefix": "--id-prefix", "counts_only": "--counts-only",
    "merge": "--merge", "memory_mb": "--memory", "tmp_dir": "--tmp-dir",
}


def learn(inputs, output, **options):
    """Runs `textwash learn` on `inputs` (a path or a list of paths: JSONL,
    text, .gz, .zst; counts files with merge=True) and writes the proposed
    rules (or, with counts_only=True, the counts) to `output`.

    The keyword arguments are the command's flags: format, field, group_by,
    unit ("line" or "sentence"), fold_digits, min_chars, max_chars,
    min_docs, min_share, min_groups, allow (a file), review (a Markdown
    file), id_prefix, counts_only, merge, memory_mb, tmp_dir. The output is
    byte for byte what the command writes.

    Returns the command's summary line ("N documents, M lines proposed").
    A bad JSONL line is logged as a warning "FILE:LINE: REASON" on the
    "textwash" logger; an input that cannot be read raises
    FileNotFoundError, a bad option ValueError, anything else that stops
    the command OSError. The GIL is released while it runs.
    """
    if isinstance(inputs, (str, bytes, _os.PathLike)):
        inputs = [inputs]
    args = ["learn", "-o", _os.fsdecode(output)]
    for key, value in options.items():
        if key not in _LEARN_FLAGS:
            raise TypeError("learn() got an unexpected keyword argument '" +
                            key + "'")
        if value is None or value is False:
            continue
        if value is True:
            args.append(_LEARN_FLAGS[key])
        else:
            args += [_LEARN_FLAGS[key], _os.fsdecode(value)
                     if isinstance(value, (bytes, _os.PathLike)) else
                     str(value)]
    args.append("--")
    args += [_os.fsdecode(path) for path in inputs]
    code, _, messages = _run_cli(args)
    lines = [_strip_prefix(line) for line in
             messages.decode("utf-8", "replace").splitlines() if line]
    if code == 2:
        errors = [line for line in lines
                  if not line.startswith("run 'textwash --help'")]
        message = errors[0] if errors else "textwash learn failed"
        if message.startswith("cannot read ") and any(
                message.startswith("cannot read " + _os.fsdecode(p) + ":") and
                not _os.path.exists(p) for p in inputs):
            raise FileNotFoundError(message)
        if message.startswith("internal error"):
            raise RuntimeError(message)
        if message.startswith("cannot write") or \
                message.startswith("cannot read"):
            raise OSError(message)
        raise ValueError(message)
    summary = ""
    for line in lines:
        if line.startswith("learn: "):
            summary = line[len("learn: "):]
        else:
            _logger.warning("%s", line)
    return summary
