# Copyright 2026 The textwash Authors.
# SPDX-License-Identifier: Apache-2.0
"""textwash.dask.clean_shards on a 2-worker LocalCluster: the same bytes and
the same stats as the textwash command on the same shards."""

import gzip
import json
import time

import pytest
import zstandard

from conftest import DATA, run_cli, without_timing

distributed = pytest.importorskip("distributed")
from textwash.dask import clean_shards, find_shards  # noqa: E402


def read_all(directory):
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def decompress(name, data):
    if name.endswith(".gz"):
        return gzip.decompress(data)
    if name.endswith(".zst"):
        return zstandard.ZstdDecompressor().decompressobj().decompress(data)
    return data


def test_local_cluster_matches_the_cli(shards, cli, tmp_path):
    cli_out = tmp_path / "cli"
    cli_stats = tmp_path / "cli.stats.json"
    run_cli(cli, "-q", "-j", "2", "--pii", "mask", "--drop-empty",
            "--output-dir", cli_out, "--stats-json", cli_stats, *shards,
            check_codes=(1,))

    start = time.monotonic()
    stats = clean_shards(str(shards[0].parent / "shard-*.jsonl*"),
                         tmp_path / "dask", n_workers=2, processes=True,
                         pii="mask", drop_empty=True,
                         stats_json=tmp_path / "dask.stats.json")
    seconds = time.monotonic() - start
    print(f"clean_shards on a 2-worker LocalCluster: {seconds:.1f} s")

    want = read_all(cli_out)
    got = read_all(tmp_path / "dask")
    assert list(got) == [s.name for s in shards]
    for name in want:
        assert got[name] == want[name], name  # compressed bytes too
        plain = decompress(name, got[name])
        assert plain.count(b"\n") > 20
    want_stats = json.loads(cli_stats.read_text())
    assert without_timing(stats) == without_timing(want_stats)
    assert json.loads((tmp_path / "dask.stats.json").read_text()) == stats
    # The shards held every kind of trouble.
    assert all(count == len(shards) for count in stats["rejected"].values())
    assert stats["dropped"]["empty"] >= len(shards)
    assert stats["categories"]["paywall"]["edits"] > 0
    assert stats["categories"]["contact"]["edits"] > 0
    assert any(b"<EMAIL>" in decompress(n, d) or b"<PHONE>" in decompress(n, d)
               for n, d in got.items())  # pii="mask" went through
    assert stats["documents"]["in"] == stats["documents"]["written"] + \
        stats["documents"]["dropped"] + stats["documents"]["rejected"]


def test_scheduler_address_rules_and_reports(shards, cli, tmp_path):
    rules = DATA / "cli" / "user_rules.toml"
    # Two packs and a rule file: a rule set compiled at run time, and quickly.
    packs = ["--pack", "zh_paywall", "--pack", "ads"]
    cli_out = tmp_path / "cli"
    cli_stats = tmp_path / "cli.stats.json"
    # One run per shard for the reports, which --output-dir does not split.
    cli_out.mkdir()
    for shard in shards:
        run_cli(cli, "-q", *packs, "--rules", rules, "--on-error", "skip",
                "--min-chars", "40", "--report", tmp_path / ("r-" + shard.name),
                "--report-format", "dolma", "-o", cli_out / shard.name, shard,
                check_codes=(1,))
    run_cli(cli, "-q", *packs, "--rules", rules, "--on-error", "skip",
            "--min-chars", "40", "--stats-json", cli_stats, "--output-dir",
            tmp_path / "cli-all", *shards, check_codes=(1,))

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1,
                                  processes=True,
                                  dashboard_address=None) as cluster:
        stats = clean_shards(
            shards[0].parent, tmp_path / "dask",
            scheduler=cluster.scheduler_address, rules=[str(rules)],
            packs=["zh_paywall", "ads"],
            on_error="skip", min_chars=40, report_dir=tmp_path / "reports",
            report_format="dolma")
    assert read_all(tmp_path / "dask") == read_all(cli_out)
    assert without_timing(stats) == \
        without_timing(json.loads(cli_stats.read_text()))
    for shard in shards:
        assert (tmp_path / "reports" / shard.name).read_bytes() == \
            (tmp_path / ("r-" + shard.name)).read_bytes()
    assert stats["rejected_written_unchanged"] == 0
    assert stats["dropped"]["min_chars"] > 0


def test_errors_before_any_task(shards, tmp_path):
    with pytest.raises(ValueError, match="two inputs are called"):
        clean_shards([shards[0], shards[0]], tmp_path / "out",
                     client=object())
    with pytest.raises(ValueError, match="it is also an input file"):
        clean_shards(shards[0], shards[0].parent, client=object())
    with pytest.raises(ValueError, match='^pii must be'):
        clean_shards(shards[0], tmp_path / "out", client=object(), pii="x")
    with pytest.raises(FileNotFoundError, match="no file matches"):
        clean_shards(str(tmp_path / "none-*.jsonl"), tmp_path / "out",
                     client=object())
    assert find_shards(shards[0].parent) == [str(s) for s in shards]
    assert find_shards([shards[1], str(shards[0])]) == \
        [str(shards[1]), str(shards[0])]


def test_learn_shards_matches_the_cli(cli, tmp_path):
    from textwash.dask import learn_shards
    from test_learn import write_corpus

    shards = [write_corpus(tmp_path / f"part-{i}.jsonl", documents=40,
                           sites=4, start=40 * i) for i in range(3)]
    run_cli(cli, "learn", "--group-by", "src", "--min-docs", "5",
            "-o", tmp_path / "cli.toml", *shards)
    summary = learn_shards(str(tmp_path / "part-*.jsonl"),
                           tmp_path / "dask.toml",
                           counts_dir=tmp_path / "counts", n_workers=2,
                           group_by="src", min_docs=5)
    assert summary == "120 documents, 8 lines proposed"
    assert (tmp_path / "dask.toml").read_bytes() == \
        (tmp_path / "cli.toml").read_bytes()
    assert sorted(p.name for p in (tmp_path / "counts").iterdir()) == \
        [s.name + ".counts" for s in shards]
