# Copyright 2026 The textwash Authors.
# SPDX-License-Identifier: Apache-2.0
"""textwash.learn: the bytes of `textwash learn`, errors as exceptions."""

import json
import logging

import pytest

import textwash
from conftest import run_cli


def write_corpus(path, documents=60, sites=3, start=0):
    """JSONL whose sites each repeat a header and a footer line."""
    with open(path, "w", encoding="utf-8") as file:
        for d in range(start, start + documents):
            site = d % sites
            text = "\n".join([
                f"站点{site}导航：首页 | 新闻 | 论坛",
                f"正文第{d}段，内容各不相同。",
                f"Footer of site {site}: all rights reserved",
            ])
            file.write(json.dumps({"id": f"d{d}", "src": f"s{site}",
                                   "text": text}, ensure_ascii=False) + "\n")
    return path


def test_learn_writes_what_the_command_writes(cli, tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl")
    run_cli(cli, "learn", corpus, "--group-by", "src", "--review",
            tmp_path / "cli.md", "-o", tmp_path / "cli.toml")
    summary = textwash.learn(corpus, tmp_path / "py.toml", group_by="src",
                             review=tmp_path / "py.md")
    assert summary == "60 documents, 6 lines proposed"
    assert (tmp_path / "py.toml").read_bytes() == \
        (tmp_path / "cli.toml").read_bytes()
    assert (tmp_path / "py.md").read_bytes() == \
        (tmp_path / "cli.md").read_bytes()
    # The rules are a normal rule file that cleans the corpus.
    rules = (tmp_path / "py.toml").read_text(encoding="utf-8")
    assert textwash.check_rules("learned.toml", rules) == 6
    cleaner = textwash.Cleaner(default_rules=False,
                               rule_texts=[("learned.toml", rules)])
    result = cleaner.clean("站点1导航：首页 | 新闻 | 论坛\n正文\n")
    assert result.text == "正文\n"
    assert result.edits[0].category == "boilerplate"


def test_counts_of_parts_merge_into_the_whole(tmp_path):
    whole = write_corpus(tmp_path / "whole.jsonl", documents=90)
    parts = [write_corpus(tmp_path / f"p{i}.jsonl", documents=30,
                          start=30 * i) for i in range(3)]
    textwash.learn(whole, tmp_path / "whole.toml", group_by="src",
                   min_share=0.5)
    counts = []
    for part in parts:
        counts.append(tmp_path / (part.name + ".counts"))
        summary = textwash.learn(part, counts[-1], counts_only=True,
                                 group_by="src")
        assert summary == f"30 documents, counts written to {counts[-1]}"
    textwash.learn(counts, tmp_path / "merged.toml", merge=True,
                   min_share=0.5)
    assert (tmp_path / "merged.toml").read_bytes() == \
        (tmp_path / "whole.toml").read_bytes()


def test_errors_raise(tmp_path, caplog):
    corpus = write_corpus(tmp_path / "c.jsonl")
    with pytest.raises(FileNotFoundError, match="cannot read .*missing"):
        textwash.learn(tmp_path / "missing.jsonl", tmp_path / "x.toml")
    with pytest.raises(ValueError, match="--unit"):
        textwash.learn(corpus, tmp_path / "x.toml", unit="word")
    with pytest.raises(ValueError, match="not a counts file"):
        textwash.learn(corpus, tmp_path / "x.toml", merge=True)
    with pytest.raises(TypeError, match="min_doc"):
        textwash.learn(corpus, tmp_path / "x.toml", min_doc=3)
    with pytest.raises(OSError, match="cannot write"):
        textwash.learn(corpus, tmp_path / "no" / "such" / "dir.toml")

    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(corpus.read_bytes() + b"{oops\n")
    with caplog.at_level(logging.WARNING, logger="textwash"):
        summary = textwash.learn(bad, tmp_path / "x.toml")
    assert summary == "60 documents (1 rejected), 6 lines proposed"
    assert any(f"{bad}:61: invalid JSON" in r.getMessage()
               for r in caplog.records)
