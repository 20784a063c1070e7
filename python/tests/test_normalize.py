# Copyright 2026 The textwash Authors.
# SPDX-License-Identifier: Apache-2.0
"""The opt-in normalizers through the Python module: the same keyword
arguments as the library's Options, edits of category "normalize", pickling,
and the same output as the command line."""

import pickle

import pytest

import textwash
from conftest import run_cli

# One line for each normalizer, and what it becomes with that one on.
CASES = [
    ("fix_mojibake", "caf\u00c3\u00a9, don\u00e2\u20ac\u2122t\n", "caf\u00e9, don\u2019t\n",
     "normalize.mojibake"),
    ("to_simplified", "這是幾個繁體字\n", "这是几个繁体字\n", "normalize.t2s"),
    ("strip_markdown", "# Title\n\n**bold** [link](https://example.com) my_var\n",
     "Title\n\nbold link my_var\n", "normalize.markdown"),
    ("normalize_punct", "你好,世界!\nＡＢ１\n", "你好，世界！\nAB1\n", "normalize.punct"),
]


def test_normalize_is_the_last_category():
    assert textwash.CATEGORIES[-1] == "normalize"


@pytest.mark.parametrize("option,text,want,rule", CASES)
def test_each_option(option, text, want, rule):
    assert textwash.Cleaner().clean(text).text == text  # off by default
    cleaner = textwash.Cleaner(**{option: True})
    assert cleaner.options[option] is True
    result = cleaner.clean(text)
    assert result.text == want
    assert result.edits and all(e.category == "normalize" for e in result.edits)
    assert rule in {e.rule for e in result.edits}
    assert textwash.apply_edits(text, result.edits) == want
    assert cleaner.clean(want).text == want


def test_keep_link_urls():
    text = "see [docs](https://example.com/docs)\n"
    cleaner = textwash.Cleaner(strip_markdown=True, keep_link_urls=True)
    assert cleaner.clean(text).text == "see docs (https://example.com/docs)\n"
    with pytest.raises(ValueError, match="keep_link_urls needs strip_markdown"):
        textwash.Cleaner(keep_link_urls=True)


def test_options_survive_pickling():
    cleaner = textwash.Cleaner(fix_mojibake=True, to_simplified=True,
                               strip_markdown=True, keep_link_urls=True,
                               normalize_punct=True)
    copy = pickle.loads(pickle.dumps(cleaner))
    assert copy.options == cleaner.options
    text = "".join(case[1] for case in CASES)
    assert copy.clean(text) == cleaner.clean(text)


def test_same_output_as_the_cli(cli, tmp_path):
    text = "".join(case[1] for case in CASES)
    path = tmp_path / "in.txt"
    path.write_text(text, encoding="utf-8")
    flags = ["--fix-mojibake", "--to-simplified", "--strip-markdown",
             "--keep-link-urls", "--normalize-punct"]
    out = run_cli(cli, "clean", *flags, str(path)).stdout.decode()
    cleaner = textwash.Cleaner(fix_mojibake=True, to_simplified=True,
                               strip_markdown=True, keep_link_urls=True,
                               normalize_punct=True)
    assert out == cleaner.clean(text).text
