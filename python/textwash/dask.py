# Copyright 2026 The textwash Authors.
# SPDX-License-Identifier: Apache-2.0
"""Cleans shards of JSONL (plain, .gz or .zst) on a Dask cluster.

    from textwash.dask import clean_shards

    stats = clean_shards("crawl/*.jsonl.gz", "clean/", pii="mask")
    stats = clean_shards("crawl/", "clean/", scheduler="tcp://host:8786")

Each shard is one task, which runs textwash.clean_file(): the same C++
pipeline as `textwash --output-dir OUT SHARD...`, so every output shard has
the input's name and compression and the same bytes the command writes.
The per-shard --stats-json dicts are merged (textwash.merge_stats) into
one, as a single `textwash --stats-json` run over all the shards would
write it.

learn_shards() learns the shards' boilerplate the same way: each task
counts one shard (`textwash learn --counts-only`), and the counts are merged
(`textwash learn --merge`) into the rules one `textwash learn` over all the
shards would write.

Needs the distributed package (Debian: python3-distributed). With no
scheduler or client, a LocalCluster is started for the call and closed
after it. On a remote cluster the workers need textwash importable, and the
inputs and the output directory on storage they all see.
"""

import glob as _glob
import json as _json
import os as _os
import threading as _threading
import time as _time

import textwash as _textwash

__all__ = ["clean_shards", "find_shards", "learn_shards"]

# What a folder given as input holds: the files the CLI reads as JSONL.
_SHARD_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst")

# clean_shards() arguments passed to clean_file() for each shard.
_FILE_ARGUMENTS = ("field", "format", "on_error", "drop_empty", "min_chars")


def find_shards(inputs):
    """The shard paths that `inputs` names, in order: a folder (its *.jsonl,
    *.jsonl.gz and *.jsonl.zst files, sorted), a glob pattern (its matches,
    sorted), a file, or a list of these."""
    if isinstance(inputs, (str, bytes, _os.PathLike)):
        inputs = [inputs]
    shards = []
    for item in inputs:
        item = _os.fsdecode(item)
        if _os.path.isdir(item):
            shards.extend(sorted(
                _os.path.join(item, name) for name in _os.listdir(item)
                if name.endswith(_SHARD_SUFFIXES) and
                _os.path.isfile(_os.path.join(item, name))))
        elif _glob.has_magic(item):
            matches = sorted(_glob.glob(item))
            if not matches:
                raise FileNotFoundError("no file matches " + item)
            shards.extend(matches)
        else:
            shards.append(item)
    return shards


# One Cleaner per worker process and set of options: compiling the rules
# costs about 0.1 s, cleaning a shard usually much more.
_cleaners = {}
_cleaners_lock = _threading.Lock()


def _cleaner(options):
    key = _json.dumps(options, sort_keys=True)
    with _cleaners_lock:
        cleaner = _cleaners.get(key)
        if cleaner is None:
            cleaner = _textwash.Cleaner(**options)
            _cleaners[key] = cleaner
        return cleaner


def _clean_shard(input, output, report, options, arguments):
    """The task: cleans one shard, returns its --stats-json dict."""
    return _cleaner(options).clean_file(input, output, report=report,
                                        **arguments)


def _rule_texts(options):
    """Reads the rule files on this machine and passes them as rule_texts,
    under their paths, so that workers need no copy of them."""
    options = dict(options)
    rules = options.pop("rules", None)
    if rules is None:
        return options
    if isinstance(rules, (str, bytes, _os.PathLike)):
        rules = [rules]
    texts = []
    for path in rules:
        path = _os.fsdecode(path)
        try:
            with open(path, encoding="utf-8", newline="") as file:
                texts.append((path, file.read()))
        except OSError as error:
            raise FileNotFoundError("cannot read rule file " + path + ": " +
                                    (error.strerror or str(error))) from error
    options["rule_texts"] = texts + [tuple(t) for t in
                                     options.get("rule_texts") or []]
    return options


def _map(function, arguments, *, scheduler, client, n_workers,
         threads_per_worker, processes):
    """Runs function(*args) for each tuple of `arguments` (a list of
    columns) on the cluster and returns the results in order. With no client
    or scheduler, a LocalCluster is started for the call and closed after."""
    from distributed import Client, LocalCluster

    cluster = None
    own_client = None
    try:
        if client is None:
            if scheduler is None:
                cluster = LocalCluster(
                    n_workers=n_workers, threads_per_worker=threads_per_worker,
                    processes=processes, dashboard_address=None)
                scheduler = cluster
            client = own_client = Client(scheduler)
        futures = client.map(function, *arguments, pure=False)
        return client.gather(futures)
    finally:
        if own_client is not None:
            own_client.close()
        if cluster is not None:
            cluster.close()


def clean_shards(inputs, output_dir, *, scheduler=None, client=None,
                 n_workers=None, threads_per_worker=1, processes=True,
                 threads_per_shard=1, report_dir=None,
                 report_format="textwash", stats_json=None, **options):
    """Cleans every shard of `inputs` into `output_dir`, one Dask task per
    shard, and returns the merged --stats-json dict.

    inputs: a folder, a glob pattern, a file or a list of them (find_shards).
    output_dir: created if missing; each shard is written there under its
        own name (a.jsonl.zst gives output_dir/a.jsonl.zst, zstd again).
    scheduler: a scheduler address ("tcp://host:8786"); client: a
        distributed.Client to use. With neither, a LocalCluster of
        n_workers processes (threads when processes=False) with
        threads_per_worker threads each is started and closed after.
    threads_per_shard: the pipeline's threads within one task (-j).
    report_dir: also write each shard's report there, under the shard's
        name, in report_format ("textwash" or "dolma"): what `textwash
        --report` writes for that shard alone (documents counted from 0).
    stats_json: also write the merged stats to this file as one JSON line.
    options: the Cleaner options (rules, rule_texts, default_rules, packs,
        disabled_rules, pii, ...) and the per-file flags field, format,
        on_error, drop_empty, min_chars (see Cleaner.clean_file). There is
        no sample: the command samples over all its inputs at once.
        Rule files are read here and sent along as text.

    Raises, before any task runs, when two shards have the same file name,
    an output would overwrite its input, or the options are bad; a task's
    error (an unreadable shard, say) is raised here as the task raised it.
    """
    start = _time.monotonic()
    shards = find_shards(inputs)
    output_dir = _os.fsdecode(output_dir)
    arguments = {k: options.pop(k) for k in _FILE_ARGUMENTS if k in options}
    arguments["threads"] = threads_per_shard
    arguments["report_format"] = report_format
    options = _rule_texts(options)
    # Bad options fail here, not on a worker; threads of this process (a
    # LocalCluster with processes=False) reuse this Cleaner.
    _cleaner(options)

    names = set()
    outputs = []
    reports = []
    for shard in shards:
        name = _os.path.basename(shard)
        if name in names:
            raise ValueError("two inputs are called " + name)
        names.add(name)
        outputs.append(_os.path.join(output_dir, name))
        reports.append(_os.path.join(_os.fsdecode(report_dir), name)
                       if report_dir is not None else None)
    _os.makedirs(output_dir, exist_ok=True)
    if report_dir is not None:
        _os.makedirs(report_dir, exist_ok=True)
    for shard, output, report in zip(shards, outputs, reports):
        for path in (output, report):
            if path and _os.path.exists(path) and _os.path.exists(shard) and \
                    _os.path.samefile(path, shard):
                raise ValueError("cannot write " + path +
                                 ": it is also an input file")

    parts = _map(_clean_shard, [shards, outputs, reports,
                                [options] * len(shards),
                                [arguments] * len(shards)],
                 scheduler=scheduler, client=client, n_workers=n_workers,
                 threads_per_worker=threads_per_worker, processes=processes)
    merged = _textwash.merge_stats(parts,
                                   wall_seconds=_time.monotonic() - start)
    if stats_json is not None:
        with open(stats_json, "w", encoding="utf-8") as file:
            file.write(_json.dumps(merged, ensure_ascii=False,
                                   separators=(",", ":")) + "\n")
    return merged


# learn_shards() arguments that shape the counts (each task's) and that
# choose among them (the merge's).
_COUNT_ARGUMENTS = ("format", "field", "group_by", "unit", "fold_digits",
                    "min_chars", "max_chars", "memory_mb", "tmp_dir")
_PROPOSE_ARGUMENTS = ("min_docs", "min_share", "min_groups", "allow",
                      "review", "id_prefix")


def _count_shard(shard, counts, arguments):
    return _textwash.learn(shard, counts, counts_only=True, **arguments)


def learn_shards(inputs, output, *, counts_dir, scheduler=None, client=None,
                 n_workers=None, threads_per_worker=1, processes=True,
                 **options):
    """Learns the boilerplate of every shard of `inputs` and writes the
    proposed rules to `output`: the bytes `textwash learn SHARD... -o
    output` writes. Returns its summary line.

    Each shard is one Dask task that writes its counts to counts_dir
    (created if missing; on storage the workers and this process all see)
    as SHARD_NAME.counts; this process then merges them in shard order.
    inputs, scheduler, client, n_workers, threads_per_worker and processes
    are as for clean_shards(). options are textwash.learn()'s: format,
    field, group_by, unit, fold_digits, min_chars, max_chars, memory_mb and
    tmp_dir go to the tasks; min_docs, min_share, min_groups, allow, review
    and id_prefix to the merge.
    """
    shards = find_shards(inputs)
    counts_dir = _os.fsdecode(counts_dir)
    count = {k: options.pop(k) for k in _COUNT_ARGUMENTS if k in options}
    propose = {k: options.pop(k) for k in _PROPOSE_ARGUMENTS if k in options}
    if options:
        raise TypeError("learn_shards() got unexpected keyword arguments: " +
                        ", ".join(options))
    counts = []
    for shard in shards:
        name = _os.path.basename(shard) + ".counts"
        if _os.path.join(counts_dir, name) in counts:
            raise ValueError("two inputs are called " + _os.path.basename(shard))
        counts.append(_os.path.join(counts_dir, name))
    _os.makedirs(counts_dir, exist_ok=True)
    _map(_count_shard, [shards, counts, [count] * len(shards)],
         scheduler=scheduler, client=client, n_workers=n_workers,
         threads_per_worker=threads_per_worker, processes=processes)
    return _textwash.learn(counts, output, merge=True, **propose)
