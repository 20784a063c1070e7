# Copyright 2026 The textwash Authors.
# SPDX-License-Identifier: Apache-2.0
"""textwash.clean_file() and merge_stats(): the CLI's pipeline, in-process."""

import json
import logging

import pytest

import textwash
from conftest import DATA, run_cli, without_timing

FLAGS = {"pii": "mask", "drop_empty": True, "min_chars": 3}
CLI_FLAGS = ["--pii", "mask", "--drop-empty", "--min-chars", "3"]


def test_clean_file_matches_the_cli(shards, cli, tmp_path):
    cleaner = textwash.Cleaner(pii="mask")
    for shard in shards:
        want = tmp_path / ("cli-" + shard.name)
        got = tmp_path / ("py-" + shard.name)
        want_stats = tmp_path / (shard.name + ".stats.json")
        run_cli(cli, "-q", "-j", "2", *CLI_FLAGS, "--stats-json", want_stats,
                shard, "-o", want, check_codes=(1,))
        stats = cleaner.clean_file(shard, got, drop_empty=True, min_chars=3,
                                   threads=3)
        assert got.read_bytes() == want.read_bytes(), shard.name
        assert without_timing(stats) == \
            without_timing(json.loads(want_stats.read_text()))
        assert stats["rejected"]["invalid_json"] == 1
        assert stats["rejected"]["invalid_utf8"] == 1
        assert stats["dropped"]["empty"] >= 1
        assert stats["edits"] > 0


def test_module_function_and_report(shards, cli, tmp_path):
    shard = shards[1]
    run_cli(cli, "-q", "--report", tmp_path / "want.report.jsonl",
            "--report-format", "dolma", "--on-error", "skip", shard,
            "-o", tmp_path / "want.jsonl", check_codes=(1,))
    stats = textwash.clean_file(
        shard, tmp_path / "got.jsonl", report=tmp_path / "got.report.jsonl",
        report_format="dolma", on_error="skip", threads=1)
    assert (tmp_path / "got.jsonl").read_bytes() == \
        (tmp_path / "want.jsonl").read_bytes()
    assert (tmp_path / "got.report.jsonl").read_bytes() == \
        (tmp_path / "want.report.jsonl").read_bytes()
    assert stats["rejected_written_unchanged"] == 0
    with pytest.raises(TypeError):
        textwash.clean_file(shard, tmp_path / "x.jsonl",
                            cleaner=textwash.Cleaner(), pii="mask")


def test_text_files_and_field_paths(cli, tmp_path):
    seed = next((DATA / "golden").glob("*.in.txt"))
    stats = textwash.clean_file(seed, tmp_path / "seed.txt")
    want = seed.with_name(seed.name.replace(".in.txt", ".want.txt"))
    assert (tmp_path / "seed.txt").read_bytes() == want.read_bytes()
    assert stats["documents"] == {"in": 1, "written": 1, "dropped": 0,
                                  "rejected": 0}
    tricky = DATA / "cli" / "tricky.jsonl"
    run_cli(cli, "--field", "meta.text", tricky, "-o", tmp_path / "want",
            check_codes=(1,))
    textwash.clean_file(tricky, tmp_path / "got", field="meta.text",
                        format="jsonl")
    assert (tmp_path / "got").read_bytes() == (tmp_path / "want").read_bytes()


def test_bad_lines_are_logged_or_raised(shards, tmp_path, caplog):
    shard = shards[0]
    with caplog.at_level(logging.WARNING, logger="textwash"):
        textwash.clean_file(shard, tmp_path / "out.jsonl")
    messages = [r.getMessage() for r in caplog.records]
    assert any(m.startswith(f"{shard}:") and m.endswith(": invalid UTF-8")
               for m in messages), messages
    assert any(": not a JSON object" in m for m in messages)
    with pytest.raises(ValueError, match=rf"^{shard}:\d+: "):
        textwash.clean_file(shard, tmp_path / "out.jsonl", on_error="fail")


def test_file_errors(shards, tmp_path):
    missing = tmp_path / "missing.jsonl"
    with pytest.raises(FileNotFoundError) as error:
        textwash.clean_file(missing, tmp_path / "out.jsonl")
    assert str(error.value) == \
        f"cannot read {missing}: No such file or directory"
    with pytest.raises(OSError, match=r"^cannot write .*no-dir/out\.jsonl: "):
        textwash.clean_file(shards[0], tmp_path / "no-dir" / "out.jsonl")
    with pytest.raises(ValueError, match="it is also an input file"):
        textwash.clean_file(shards[0], shards[0])
    with pytest.raises(IsADirectoryError):
        textwash.clean_file(tmp_path, tmp_path / "out.jsonl")
    with pytest.raises(ValueError, match='^on_error must be'):
        textwash.clean_file(shards[0], tmp_path / "o.jsonl", on_error="x")


def test_merge_stats_is_one_run_over_all_inputs(shards, cli, tmp_path):
    parts = []
    for shard in shards:
        path = tmp_path / (shard.name + ".json")
        run_cli(cli, "-q", *CLI_FLAGS, "--stats-json", path, "-o",
                tmp_path / "out", shard, check_codes=(1,))
        parts.append(json.loads(path.read_text()))
    whole = tmp_path / "all.json"
    run_cli(cli, "-q", *CLI_FLAGS, "--stats-json", whole, "--output-dir",
            tmp_path / "all", *shards, check_codes=(1,))
    want = json.loads(whole.read_text())
    merged = textwash.merge_stats(parts)
    assert without_timing(merged) == without_timing(want)
    assert list(merged) == list(want)
    assert merged["timing"]["wall_seconds"] >= 0
    assert textwash.merge_stats([])["documents"]["in"] == 0
