# Copyright 2026 The textwash Authors.
# SPDX-License-Identifier: Apache-2.0
"""The code blocks of the README's Python section run as they are."""

import re

from conftest import REPO


def python_blocks():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Python\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_readme_python_section_runs(capsys):
    blocks = python_blocks()
    assert len(blocks) >= 3
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {"__name__": "readme"})
    out = capsys.readouterr().out
    assert "6 19 '##paidbegin##' '' paywall paywall.marker" in out
    assert "31 52 'zhang.san@example.com' '<EMAIL>' contact contact.email" in out
