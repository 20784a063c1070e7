#!/usr/bin/env python3
# Copyright 2026 The textwash Authors.
# SPDX-License-Identifier: Apache-2.0
"""Imports the peers' normalizer test cases (encoding repair, Markdown,
traditional to simplified, punctuation) for textwash's opt-in normalizers.

    python3 scripts/import_peer_normalize_cases.py [CASES_JSONL] [OUT_JSONL]

CASES_JSONL defaults to /work/shared/peers/cases.jsonl (OPS.md beside it
describes each op); OUT_JSONL to tests/data/peers/normalize_cases.jsonl, read
by tests/peers_test.cc.

Each output line is one JSON object of strings:
  source         the peer case's `source`, or "peers/OPS.md: ..." for the
                 peer errors OPS.md lists
  peer, op       the peer op
  input          the text
  peer_expected  what the peer produces ("" with a `check` below when its
                 test asserts a property, not a text)
  check          the peer test's property check, e.g. `not_contains "â"`,
                 or ""
  option         the textwash option to turn on: fix_mojibake,
                 strip_markdown, to_simplified or normalize_punct
  want           what textwash must produce with that option alone on (and
                 no rules, so that only the normalizer is seen)
  note           why `want` differs from `peer_expected` (empty when not)

`want` follows these rules:
  - encoding repair gives back the text before it was garbled; what ftfy
    does beyond that (uncurling quotes, which data-juicer's default and
    NeMo's test turn on; HTML entities) is not encoding repair, and the
    curly quote the writer typed stays;
  - control characters go, as textwash's default hygiene has it;
  - Markdown syntax goes and its text stays: a link keeps its text, not its
    URL; snake_case names and arithmetic stay (the OPS.md errors);
  - t2s follows OpenCC's t2s as the peer does; the other conversion modes
    are out of scope;
  - punctuation: textwash makes full-width letters and digits half-width
    and keeps CJK punctuation full-width, where the peer makes it ASCII.

The output starts with `#` comment lines listing what was skipped and why.
Standard library and scripts/import_peer_cases.py only.
"""

import collections
import json
import os
import sys

from import_peer_cases import write_cases

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_IN = "/work/shared/peers/cases.jsonl"
DEFAULT_OUT = os.path.join(HERE, "..", "tests", "data", "peers", "normalize_cases.jsonl")

OPTION = {
    "fix_unicode_mapper": "fix_mojibake",
    "FTFYFormatter": "fix_mojibake",
    "UnicodeReformatter": "fix_mojibake",
    "MarkdownRemover": "strip_markdown",
    "chinese_convert_mapper": "to_simplified",
    "punctuation_normalization_mapper": "normalize_punct",
}

NOTE_UNCURL = ("encoding repair gives back the writer's curly apostrophe; the peer also "
               "uncurls quotes (ftfy uncurl_quotes), which is not encoding repair")
NOTE_LINK = "the link keeps its text and loses its URL; the peer keeps only the URL"

# (op, input) -> (want, note), written from the rules above.
WANT = {
    ("fix_unicode_mapper", "The Mona Lisa doesnÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢t have eyebrows."):
        ("The Mona Lisa doesn\u2019t have eyebrows.", NOTE_UNCURL),
    ("UnicodeReformatter", "The Mona Lisa doesnÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢t have eyebrows."):
        ("The Mona Lisa doesn\u2019t have eyebrows.", NOTE_UNCURL),
    ("UnicodeReformatter", "l\u2019humanitÃ©"): ("l\u2019humanité", NOTE_UNCURL),
    ("FTFYFormatter", "l\u00e2\u0080\u0099intelligence"): ("l\u2019intelligence", ""),
    ("FTFYFormatter", "hello\u0000world"): ("helloworld", ""),
    ("MarkdownRemover", "Link: [Google](https://google.com)"): ("Link: Google", NOTE_LINK),
    ("MarkdownRemover",
     "This is **bold**, *italic*, and _underline_, check [Example](https://example.com)"):
        ("This is bold, italic, and underline, check Example", NOTE_LINK),
    ("MarkdownRemover", "Check [Link](https://example.com)"): ("Check Link", NOTE_LINK),
    ("punctuation_normalization_mapper",
     "，。、„”“«»１」「《》´∶：？！（）；–—．～’…━〈〉【】％►"):
        ("，。、„”“«»1」「《》´∶：？！（）；–—．～’…━〈〉【】％►",
         "only the full-width digit becomes half-width; Chinese punctuation stays full-width, "
         "where the peer makes all of it ASCII"),
}

SKIP = {
    ("FTFYFormatter", "price &gt; 10"): "HTML entities: not encoding repair",
}

OPS_SOURCE = "peers/OPS.md: MarkdownRemover"
OPS_CASES = [
    # (input, peer_expected, want, note)
    ("my_var_name stays", "myvarname stays", "my_var_name stays",
     "snake_case is no emphasis; the peer's `_(.*?)_` eats its underscores (OPS.md)"),
    ("2*3*4 = 24", "234 = 24", "2*3*4 = 24",
     "arithmetic is no emphasis; the peer's `\\*(.*?)\\*` eats the stars (OPS.md)"),
]


def select(cases):
    rows, skipped = [], collections.Counter()

    def add(c, want, note, check=""):
        rows.append(collections.OrderedDict(
            source=c["source"], peer=c["peer"], op=c["op"], input=c["input"],
            peer_expected=c["expected"] or "", check=check, option=OPTION[c["op"]],
            want=want, note=note))

    for c in cases:
        op = c["op"]
        if op not in OPTION:
            continue
        key = (op, c["input"])
        if key in SKIP:
            skipped[f"{op}: {SKIP[key]}"] += 1
            continue
        if op == "chinese_convert_mapper" and c["params"].get("mode") != "t2s":
            skipped[f"{op}: modes other than t2s (s2t, tw2s, t2jp, ...): textwash "
                    "converts t2s only"] += 1
            continue
        check = ""
        if "check" in c:
            check = f'{c["check"]["type"]} {json.dumps(c["check"]["value"], ensure_ascii=False)}'
        if key in WANT:
            want, note = WANT[key]
        else:
            assert c["expected"] is not None, key
            want, note = c["expected"], ""
        add(c, want, note, check)
    for text, peer_expected, want, note in OPS_CASES:
        rows.append(collections.OrderedDict(
            source=OPS_SOURCE, peer="nemo-curator", op="MarkdownRemover", input=text,
            peer_expected=peer_expected, check="", option="strip_markdown", want=want,
            note=note))
    used = {k for k in WANT} | {k for k in SKIP}
    have = {(c["op"], c["input"]) for c in cases}
    assert used <= have, used - have  # every override names a real case
    return rows, skipped


def main(argv):
    src = argv[1] if len(argv) > 1 else DEFAULT_IN
    out = argv[2] if len(argv) > 2 else DEFAULT_OUT
    with open(src, encoding="utf-8") as f:
        cases = [json.loads(line) for line in f if line.strip()]
    rows, skipped = select(cases)
    header = [
        "Peer normalizer cases for tests/peers_test.cc: encoding repair, Markdown,",
        "traditional to simplified, punctuation. Generated by",
        "scripts/import_peer_normalize_cases.py from /work/shared/peers/cases.jsonl",
        "(see OPS.md there); do not edit by hand. Lines starting with # are comments.",
        "",
        "Selected, per option:",
    ]
    for option, n in sorted(collections.Counter(r["option"] for r in rows).items()):
        header.append(f"  {option}: {n}")
    header += ["", "Skipped, and why:"]
    for why, n in sorted(skipped.items()):
        header.append(f"  {n}: {why}")
    write_cases(out, header, rows, summary_from=5)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
