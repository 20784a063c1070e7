#!/usr/bin/env python3
# Copyright 2026 The textwash Authors.
# SPDX-License-Identifier: Apache-2.0
"""Cleans JSONL shards on a Dask cluster and prints the merged stats.

    PYTHONPATH=build/python python3 examples/dask_clean.py --demo demo/
    PYTHONPATH=build/python python3 examples/dask_clean.py \\
        "crawl/*.jsonl.gz" clean/ --pii mask --workers 2
    PYTHONPATH=build/python python3 examples/dask_clean.py \\
        crawl/ clean/ --scheduler tcp://scheduler:8786

--demo DIR writes three small shards (plain, gzip and zstd JSONL, made of
examples/sample.txt and the golden seeds, with a bad line in each) into
DIR/in, cleans them into DIR/out on a 2-worker LocalCluster and prints the
stats. Without a scheduler address, a LocalCluster is started for the run.
"""

import argparse
import gzip
import json
import pathlib
import sys

import textwash
from textwash.dask import clean_shards

HERE = pathlib.Path(__file__).resolve().parent


def write_demo_shards(directory):
    """Writes demo shards into `directory`; returns their glob pattern."""
    directory.mkdir(parents=True, exist_ok=True)
    texts = [(HERE / "sample.txt").read_text(encoding="utf-8")]
    golden = HERE.parent / "tests" / "data" / "golden"
    texts += [p.read_text(encoding="utf-8")
              for p in sorted(golden.glob("*.in.txt"))]
    for shard in range(3):
        lines = [json.dumps({"id": f"{shard}-{i}", "text": text},
                            ensure_ascii=False)
                 for i, text in enumerate(texts)]
        lines.insert(1, '{"id": "broken", "text": ')  # counted as rejected
        data = ("\n".join(lines) + "\n").encode("utf-8")
        name = f"part-{shard:03d}.jsonl"
        if shard == 1:
            name += ".gz"
            data = gzip.compress(data, mtime=0)
        elif shard == 2:
            try:
                import zstandard
            except ImportError:  # python3-zstandard; the C++ side needs none
                pass
            else:
                name += ".zst"
                data = zstandard.ZstdCompressor().compress(data)
        (directory / name).write_bytes(data)
    return str(directory / "part-*.jsonl*")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("inputs", nargs="?",
                        help="a folder or glob of JSONL shards")
    parser.add_argument("output_dir", nargs="?")
    parser.add_argument("--demo", metavar="DIR",
                        help="write demo shards into DIR/in, clean into DIR/out")
    parser.add_argument("--scheduler", help="a Dask scheduler address")
    parser.add_argument("--workers", type=int, default=2,
                        help="LocalCluster workers (default 2)")
    parser.add_argument("--field", default="text")
    parser.add_argument("--pii", default="keep",
                        choices=["keep", "mask", "remove"])
    parser.add_argument("--rules", action="append", default=[],
                        help="an extra rule file; repeatable")
    parser.add_argument("--stats-json", help="also write the stats here")
    args = parser.parse_args()
    if args.demo:
        demo = pathlib.Path(args.demo)
        args.inputs = write_demo_shards(demo / "in")
        args.output_dir = str(demo / "out")
    elif not args.inputs or not args.output_dir:
        parser.error("give INPUTS and OUTPUT_DIR, or --demo DIR")

    stats = clean_shards(
        args.inputs, args.output_dir, scheduler=args.scheduler,
        n_workers=args.workers, field=args.field, pii=args.pii,
        rules=args.rules, stats_json=args.stats_json)

    documents = stats["documents"]
    print(f"textwash {textwash.__version__} ({textwash.engine}) on Dask: "
          f"{documents['in']} documents in = {documents['written']} written "
          f"+ {documents['dropped']} dropped + {documents['rejected']} "
          f"rejected")
    print(f"bytes: {stats['bytes']['in']} in, {stats['bytes']['out']} out, "
          f"{stats['bytes']['removed']} removed by {stats['edits']} edits")
    for name, counts in stats["categories"].items():
        print(f"  {name:<12} {counts['edits']:>5} edits "
              f"{counts['bytes_removed']:>8} bytes")
    for rule in stats["rules"][:5]:
        print(f"  {rule['rule']:<28} {rule['edits']:>5} edits, e.g. "
              f"{json.dumps(rule['example'], ensure_ascii=False)[:60]}")
    print(f"wrote {args.output_dir} in {stats['timing']['wall_seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
