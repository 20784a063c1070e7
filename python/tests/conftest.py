# Copyright 2026 The textwash Authors.
# SPDX-License-Identifier: Apache-2.0
"""Shared fixtures. The ctest entries (tests/cmake/python.cmake) run these
tests with PYTHONPATH=<build>/python and pass the built binaries as
TEXTWASH_CLI and TEXTWASH_GEN_CORPUS; run by hand, the binaries are looked
for in the build tree the imported textwash comes from."""

import os
import pathlib
import subprocess

import pytest

import textwash

REPO = pathlib.Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
GOLDEN = DATA / "golden"


def _binary(variable, relative):
    path = os.environ.get(variable)
    if not path:
        # <build>/python/textwash/__init__.py -> <build>/RELATIVE
        build = pathlib.Path(textwash.__file__).resolve().parents[2]
        path = str(build / relative)
    if not os.access(path, os.X_OK):
        pytest.fail(f"{variable}: no executable at {path} (build it first)")
    return path


@pytest.fixture(scope="session")
def cli():
    """The path of the built `textwash` command."""
    return _binary("TEXTWASH_CLI", "tools/textwash")


@pytest.fixture(scope="session")
def gen_corpus():
    """The path of the built corpus generator."""
    return _binary("TEXTWASH_GEN_CORPUS", "bench/textwash_gen_corpus")


@pytest.fixture(scope="session")
def cleaner():
    return textwash.Cleaner()


def run_cli(cli, *args, check_codes=(0,)):
    """Runs the textwash command; returns its CompletedProcess."""
    process = subprocess.run([cli, *map(str, args)], capture_output=True,
                             timeout=120)
    assert process.returncode in check_codes, process.stderr.decode()
    return process


def seeds():
    """(name, input str, wanted str) of each golden seed."""
    out = []
    for path in sorted(GOLDEN.glob("*.in.txt")):
        want = path.with_name(path.name.replace(".in.txt", ".want.txt"))
        out.append((path.name, path.read_bytes().decode("utf-8"),
                    want.read_bytes().decode("utf-8")))
    assert len(out) >= 5
    return out


def without_timing(stats):
    return {k: v for k, v in stats.items() if k != "timing"}


# Lines no cleaner can use, one per reject reason, and blank lines.
BAD_LINES = [
    b'{"id":"bad-json","text": "unclosed}',
    b"[1, 2, 3]",
    b'{"id":"no-text","body":"a document without the field"}',
    b'{"id":"number","text":12}',
    b'{"text":"first","text":"second"}',
    b'{"id":"bad-utf8","text":"\xff\xfe not UTF-8"}',
    b"",
    b"   ",
]


def make_shards(gen_corpus, directory, specs):
    """Writes JSONL shards into `directory`: generated documents with the
    golden seeds, bad lines, documents that clean to nothing and escapes
    mixed in. `specs` holds (file name, generator arguments, CRLF?) tuples;
    names ending in .gz or .zst are compressed. Returns the paths."""
    import gzip
    import json
    import random

    import zstandard

    directory.mkdir(parents=True, exist_ok=True)
    extra = [json.dumps({"id": name, "text": text}, ensure_ascii=ascii)
             .encode() for ascii in (False, True)
             for name, text, _ in seeds()]
    extra += [
        b'{"id":"empty","text":"##paidbegin##"}',
        b'{"id":"short","text":"ok##paidbegin##"}',
        '{"id":"esc","meta":{"text":"x"},"text":"a\\u200bb \\ud83d\\ude00 '
        '\\"q\\" \\/ ##paidbegin##\\t end","n":[1,2.5e3]}'.encode(),
        '  {"text" : "spaced 中文##paidbegin##文字" ,"z":null}  '.encode(),
    ]
    paths = []
    for index, (name, arguments, crlf) in enumerate(specs):
        process = subprocess.run(
            [gen_corpus, *arguments, "-o", "-"], capture_output=True,
            check=True, timeout=120)
        lines = process.stdout.splitlines()
        rng = random.Random(index)
        for line in BAD_LINES + extra:
            lines.insert(rng.randrange(len(lines) + 1), line)
        data = b"\r\n".join(lines) if crlf else b"\n".join(lines)
        if index % 2 == 0:
            data += b"\n"  # the others end without a line break
        path = directory / name
        if name.endswith(".gz"):
            data = gzip.compress(data, mtime=0)
        elif name.endswith(".zst"):
            data = zstandard.ZstdCompressor().compress(data)
        path.write_bytes(data)
        paths.append(path)
    return paths


SHARD_SPECS = [
    ("shard-000.jsonl", ["--lang", "zh", "--size", "150K", "--seed", "1"],
     False),
    ("shard-001.jsonl.gz", ["--lang", "en", "--size", "150K", "--seed", "2"],
     False),
    ("shard-002.jsonl.zst",
     ["--lang", "mixed", "--size", "150K", "--seed", "3"], True),
    ("shard-003.jsonl.gz",
     ["--lang", "zh", "--size", "80K", "--seed", "4", "--junk", "0.3"],
     False),
]


@pytest.fixture(scope="session")
def shards(gen_corpus, tmp_path_factory):
    """Four generated shards (plain, gzip, zstd) in a folder of their own."""
    return make_shards(gen_corpus, tmp_path_factory.mktemp("shards") / "in",
                       SHARD_SPECS)
