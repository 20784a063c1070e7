#!/usr/bin/env python3
# Copyright 2026 The textwash Authors.
# SPDX-License-Identifier: Apache-2.0
"""Imports the peers' contact test cases (e-mail, URL, IP, phone) for textwash.

    python3 scripts/import_peer_cases.py [CASES_JSONL] [OUT_JSONL]

CASES_JSONL defaults to /work/shared/peers/cases.jsonl (the peer cases, with
OPS.md beside it describing each op); OUT_JSONL to
tests/data/peers/contact_cases.jsonl, read by tests/peers_test.cc.

Each output line is one JSON object:
  source         the peer case's `source` (owner/repo:path:line), or
                 "peers/OPS.md: ..." for the few cases taken from OPS.md's
                 list of known peer errors
  peer, op       the peer op
  input          the text
  peer_expected  what the peer produces
  mode           "remove" or "mask": the textwash Options::pii to run with
  want           what textwash must produce in that mode
  note           why `want` differs from `peer_expected` (empty when it
                 does not)

`want` follows these rules:
  - every real e-mail, URL, IP or phone the peer catches is caught: cut in
    mode remove, replaced by <EMAIL>, <PHONE>, <URL>, <IP> in mode mask; the
    rest of the text stays byte for byte;
  - the peer's placeholders (datatrove's EMAIL/IP, data-juicer's <LINKS>,
    NeMo's `*` runs) are written as textwash's;
  - the peer errors of OPS.md are not repeated (unknown schemes and `word:`
    are no links, version numbers and digit runs are no IPs, text glued
    after a URL is not part of it);
  - textwash catches what it documents beyond the peer: upper-case domains,
    URLs and bare domains in datatrove's texts, private IPs;
  - on the malformed addresses of datatrove's "invalid" lists the peer's
    reading (which substring is an address) is kept.

The output starts with `#` comment lines listing what was skipped; the test
skips them. Standard library only.
"""

import collections
import ipaddress
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_IN = "/work/shared/peers/cases.jsonl"
DEFAULT_OUT = os.path.join(HERE, "..", "tests", "data", "peers", "contact_cases.jsonl")

# ---- datatrove PIIFormatter, re-run with textwash's placeholders ----------------
# The regexes of src/datatrove/pipeline/formatters/pii.py (OPS.md).
DT_EMAIL = re.compile(
    r"\b[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z0-9]"
    r"(?:[A-Za-z0-9-]*[A-Za-z0-9])?|\[(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\.){3}"
    r"(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?|[A-Za-z0-9-]*[A-Za-z0-9]:)])")
DT_IP = re.compile(
    r"(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\.){3}"
    r"(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)")


def datatrove(text, email_repl, ip_repl, only_public=True):
    """datatrove's PIIFormatter: e-mails first, then (public) IPs."""
    text = DT_EMAIL.sub(email_repl, text)

    def ip(m):
        try:
            addr = ipaddress.ip_address(m.group(0))
        except ValueError:
            return m.group(0)
        return ip_repl if (addr.is_global or not only_public) else m.group(0)

    return DT_IP.sub(ip, text)


# ---- selection -------------------------------------------------------------------
DJ_OPS = {"clean_email_mapper", "clean_links_mapper", "clean_ip_mapper"}
DJ_PLACEHOLDER = {"<EMAIL>": "<EMAIL>", "<IP>": "<IP>", "<LINKS>": "<URL>"}
# NeMo PII entity types textwash detects, and its placeholder for each.
NEMO_ENTITIES = {"EMAIL_ADDRESS": "<EMAIL>", "IP_ADDRESS": "<IP>",
                 "PHONE_NUMBER": "<PHONE>", "URL": "<URL>"}
NEMO_SKIP_WHY = {
    "ADDRESS": "postal addresses: textwash detects no addresses",
    "PERSON": "person names (spaCy NER): textwash detects no names",
    "DATE_TIME": "dates (spaCy NER): not contacts, textwash keeps dates",
    "CREDIT_CARD": "credit card numbers: textwash detects no card numbers",
    "US_SSN": "US social security numbers: textwash detects no SSNs",
}

# ---- cases where `want` is not the peer's output (with textwash's placeholders) ----
# (op, input, mode) -> (want, note). Written from the rules in the docstring,
# not from what textwash happens to do.
NOTE_URL_ONE = "the whole string is one ftp:// URL and goes as one; the peer takes only "
OVERRIDES = {
    # data-juicer clean_email_mapper
    ("clean_email_mapper", "ftp://examplema-nièrdash@hqbchd.ckdhnfes.cds", "remove"):
        ("", NOTE_URL_ONE + "the ASCII e-mail after `è` (the user name has a non-ASCII letter)"),
    ("clean_email_mapper", "ftp://examplema-nièrdash@hqbchd.ckdhnfes.cds", "mask"):
        ("<URL>", NOTE_URL_ONE + "the ASCII e-mail after `è` (the user name has a non-ASCII letter)"),
    # data-juicer clean_links_mapper
    ("clean_links_mapper", "abcd://ef is a sample for test", "remove"):
        ("abcd://ef is a sample for test",
         "peer over-deletes `abcd://ef` (no known scheme) as a link (OPS.md)"),
    ("clean_links_mapper", "abcd://ef is a sample for test", "mask"):
        ("abcd://ef is a sample for test",
         "peer over-deletes `abcd://ef` (no known scheme) as a link (OPS.md)"),
    ("clean_links_mapper", "This is a test,http测试://www.example.com/file.html?param1=value1", "remove"):
        ("This is a test,http测试://",
         "`http测试:` is no scheme, the peer takes it for one as `\\w` is Unicode (OPS.md); "
         "only the www. URL after it goes"),
    # data-juicer clean_ip_mapper
    ("clean_ip_mapper", "ftp://example.com/188.46.244.216my-page.html", "remove"):
        ("", NOTE_URL_ONE + "the IP inside its path"),
    ("clean_ip_mapper", "ftp://example.com/188.46.244.216my-page.html", "mask"):
        ("<URL>", NOTE_URL_ONE + "the IP inside its path"),
    # datatrove PIIFormatter: what textwash catches beyond it, and one peer error
    ("PIIFormatter", "ref: http://codefool.tumblr.com/post/15288874550/list-of-valid-and-invalid-email-addresses", "mask"):
        ("ref: <URL>", "textwash also masks URLs; the peer handles only e-mails and IPs"),
    ("PIIFormatter", "email.example.com", "mask"):
        ("<URL>", "textwash masks bare domains (contact.domain); the peer handles only e-mails and IPs"),
    ("PIIFormatter", "email@111.222.333.44444", "mask"):
        ("email@111.222.333.44444",
         "no address: the last label is numeric and 111.222.333.44444 is no IP "
         "(the peer's own test lists it as invalid; its regex masks it anyway)"),
}
NOTE_PRIVATE_IP = ("textwash masks private and loopback IPs too, as NeMo (10.41.21.72) and "
                   "data-juicer do; datatrove keeps non-global IPs (only_remove_public_ips)")
NOTE_ZERO_NET = "kept like the peer: 0.0.0.0/8 is no host address, and 0.1.2.3 reads as a version number"

# NeMo's multiple.txt line 1 mixes names and dates (not detected) with an
# e-mail and a phone (detected): it is kept, with only those two masked.
NEMO_MULTIPLE_1 = (
    "Hello, I am David. I was born on December 5, 1983. My email is <EMAIL> and you can call me on <PHONE>",
    "only the e-mail and the phone are masked: textwash detects no names (David) or dates")

# Cases from OPS.md's "Known over-deletions and misses" that no peer test has.
OPS_SOURCE = "peers/OPS.md: Known over-deletions and misses of the peers' default rules"
OPS_CASES = [
    # (peer, op, input, peer_expected, mode, want, note)
    ("nemo-curator", "UrlRemover",
     "详情请访问https://www.example.com/a?b=1了解更多内容。下一句正常。", "详情请访问", "remove",
     "详情请访问了解更多内容。下一句正常。",
     "peer's `\\S+` eats the CJK text after the URL (OPS.md; data-juicer leaves `详情请访问https://`); "
     "a URL ends where CJK text starts"),
    ("data-juicer", "clean_links_mapper", "Note:this is not a link.", " is not a link.", "remove",
     "Note:this is not a link.", "peer over-deletes `Note:this` as a link (OPS.md)"),
    ("data-juicer", "clean_ip_mapper", "版本号 2.0.1.15", "版本号 ", "remove",
     "版本号 2.0.1.15", "textwash keeps version numbers; the peer deletes them (OPS.md)"),
    ("data-juicer", "clean_ip_mapper", "1.2.3.256", "6", "remove",
     "1.2.3.256", "256 is no octet; the peer has no boundaries and cuts 1.2.3.25 (OPS.md)"),
    ("data-juicer", "clean_ip_mapper", "1.2.3.4.5", ".5", "remove",
     "1.2.3.4.5", "five numbers are no IP (a version or section number); the peer cuts 1.2.3.4 (OPS.md)"),
    ("data-juicer", "clean_email_mapper", "Foo@Example.COM", "Foo@Example.COM", "mask",
     "<EMAIL>", "textwash masks upper-case e-mails the peer misses (lower-case-only domain, OPS.md)"),
    ("datatrove", "PIIFormatter", "邮箱foo@qq.com联系我们", "邮箱foo@qq.com联系我们", "mask",
     "邮箱<EMAIL>联系我们", "textwash masks e-mails glued to Chinese; the peer's `\\b` misses them (OPS.md)"),
    ("dolma", "pii_regex_v2", "13812345678", "13812345678", "mask",
     "<PHONE>", "textwash masks Chinese mobiles; the peer's phone regex is US-only (OPS.md)"),
    ("Yulan-GARDEN/ZHEM", "REGEX_ZHPHONE", "138 1234 5678", "138 1234 5678", "mask",
     "<PHONE>", "textwash masks spaced mobiles the peer misses (OPS.md)"),
    ("Yulan-GARDEN/ZHEM", "REGEX_ZHPHONE", "订单号20231115", "订单号<PHONE>", "mask",
     "订单号20231115", "an order number is no phone; the peer masks it (OPS.md; "
     "peer_expected written with textwash's placeholder)"),
]


def select(cases):
    """Returns (selected rows, skipped {op: Counter(reason)}, selected {op: n})."""
    rows, skipped, chosen = [], collections.defaultdict(collections.Counter), collections.Counter()

    def add(c, peer_expected, mode, want, note=""):
        key = (c["op"], c["input"], mode)
        if key in OVERRIDES:
            want, note = OVERRIDES[key]
        rows.append(collections.OrderedDict(
            source=c["source"], peer=c["peer"], op=c["op"], input=c["input"],
            peer_expected=peer_expected, mode=mode, want=want, note=note))
        chosen[c["op"]] += 1

    for c in cases:
        op = c["op"]
        if c["peer"] == "data-juicer" and op in DJ_OPS:
            repl = c["params"].get("repl", "")
            if repl == "":
                add(c, c["expected"], "remove", c["expected"])
            else:
                mine = DJ_PLACEHOLDER[repl]
                note = (f"peer writes {repl}, textwash {mine}"
                        if mine != repl and repl in c["expected"] else "")
                add(c, c["expected"], "mask", c["expected"].replace(repl, mine), note)
        elif op == "PIIFormatter":
            if "derived" not in c:
                skipped[op]["whole test text; every line of it is a case of its own (`derived`), and "
                            "textwash's layout stage collapses its blank-line runs"] += 1
                continue
            params = c["params"]
            # Check the transcription against the test, then re-run with ours.
            assert datatrove(c["input"], params["email_replacement"], params["ip_replacement"]) \
                == c["expected"], c["source"]
            want = datatrove(c["input"], "<EMAIL>", "<IP>")
            note = "; ".join(f"peer writes {p}, textwash <{p}>" for p in ("EMAIL", "IP")
                             if f"<{p}>" in want)
            everywhere = datatrove(c["input"], "<EMAIL>", "<IP>", only_public=False)
            if everywhere != want:
                if c["input"].startswith("0."):
                    note = NOTE_ZERO_NET
                else:
                    want, note = everywhere, NOTE_PRIVATE_IP
            add(c, c["expected"], "mask", want, note)
        elif op == "UrlRemover":
            add(c, c["expected"], "remove", c["expected"])
        elif op in ("PiiDeidentifier", "PiiModifier"):
            entities = c["params"].get("supported_entities")
            if entities == "ALL(default)" or entities is None:
                if c["source"].endswith("multiple.txt:1"):
                    want, note = NEMO_MULTIPLE_1
                    add(c, c["expected"], "mask", want, note)
                elif op == "PiiModifier":
                    skipped[op][NEMO_SKIP_WHY["PERSON"]] += 1
                else:
                    skipped[op]["US_SSN and ADDRESS only: textwash detects neither"] += 1
                continue
            (entity,) = entities
            if entity not in NEMO_ENTITIES:
                skipped[op][NEMO_SKIP_WHY[entity]] += 1
                continue
            # Each run of `*` is one detected span: write our placeholder.
            want = re.sub(r"\*+", NEMO_ENTITIES[entity], c["expected"])
            add(c, c["expected"], "mask", want, f"peer masks with `*` runs, textwash writes {NEMO_ENTITIES[entity]}")
        else:
            skipped["(other ops)"][op] += 1
    for peer, op, text, peer_expected, mode, want, note in OPS_CASES:
        rows.append(collections.OrderedDict(
            source=OPS_SOURCE, peer=peer, op=op, input=text, peer_expected=peer_expected,
            mode=mode, want=want, note=note))
        chosen["OPS.md"] += 1
    return rows, skipped, chosen


def main(argv):
    src = argv[1] if len(argv) > 1 else DEFAULT_IN
    out = argv[2] if len(argv) > 2 else DEFAULT_OUT
    with open(src, encoding="utf-8") as f:
        cases = [json.loads(line) for line in f if line.strip()]
    rows, skipped, chosen = select(cases)
    used = {(op, text, mode) for op, text, mode in OVERRIDES}
    have = {(r["op"], r["input"], r["mode"]) for r in rows}
    assert used <= have, used - have  # every override names a real case

    header = [
        "Peer contact cases for tests/peers_test.cc: e-mail, URL, IP and phone.",
        "Generated by scripts/import_peer_cases.py from /work/shared/peers/cases.jsonl",
        "(see OPS.md there); do not edit by hand. Lines starting with # are comments.",
        "",
        "Selected, per op:",
    ]
    for op, n in sorted(chosen.items()):
        header.append(f"  {op}: {n}")
    header += ["", "Skipped, per op and why:"]
    for op in sorted(skipped):
        if op == "(other ops)":
            continue
        for why, n in sorted(skipped[op].items()):
            header.append(f"  {op}: {n}: {why}")
    others = skipped.get("(other ops)", {})
    header.append(f"  {sum(others.values())} cases of {len(others)} other ops "
                  "(HTML, unicode, repeats, LaTeX, markdown, filters, taggers, ...): not contacts")
    write_cases(out, header, rows, summary_from=4)
    return 0


def write_cases(out, header, rows, summary_from):
    """Writes `header` as `#` lines, then `rows` as JSON lines, to `out`, and
    prints what it wrote with the header from line `summary_from` on."""
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for line in header:
            f.write(("# " + line).rstrip() + "\n")
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} cases to {os.path.relpath(out)}")
    for line in header[summary_from:]:
        print(line)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
