# Copyright 2026 The textwash Authors.
# SPDX-License-Identifier: Apache-2.0
"""Opens pages written by `textwash review` in headless Chromium and checks
them as a reader would use them:

  - every edit of `textwash clean --report` is one marked span, with its rule
    and category, in its document;
  - hovering an edit shows its rule; clicking a rule in the table, a bar of
    the chart, typing in the search box (after the / key), Escape, j and n
    do what the page says; a #rule=...&q=... link opens that view;
  - documents holding </script> and <img onerror> run nothing and show as
    text; the page loads nothing but itself and logs no error;
  - `--only-rules learned.toml` marks exactly the lines a learned-style rule
    file names;
  - a full-page screenshot (PNG) is written.

Exit status 0 when all checks pass, 1 when one fails, 77 (skipped) when
Chromium is not installed, unless the CI environment variable is set: there
it must be (scripts/setup.sh installs it).

    review_page_test.py --textwash build/tools/textwash --work DIR
"""

import argparse
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cdp import Browser  # noqa: E402

SKIP = 77

# Documents with junk of several kinds; each is used several times with a
# different id and paragraph so that rules hit some documents and not others.
TEMPLATES = [
    "意识形态##paidbegin##责任制落实情况。\n\n\n\n第二段正文，讲的是{topic}。\n",
    "{topic}的最新进展。\n本文来源于网络，如有侵权请联系删除\n正文继续。\n",
    "Subscribe to continue reading\nThe council met on Tuesday about {topic}.\n"
    "Share this article\n",
    "Call 1 888 555 0120 now for a free quote on VPS hosting! "
    "The report on {topic} is out.\n",
    "加微信 abc12345 领取资料，{topic}全套课程免费送！\n真正的正文在这里。\n",
    "A clean paragraph about {topic} with nothing to remove.\n",
    "ADVERTISEMENT\nA long line that repeats itself, about {topic}.\n"
    "A long line that repeats itself, about {topic}.\n",
]
TOPICS = ["乡村振兴", "sourdough bread", "新能源汽车", "tax deadlines",
          "城市更新", "rare weather", "港口物流"]
# Untrusted text that must stay text.
HOSTILE = [
    "before </script><script>window.pwned=1</script> after ##paidbegin##\n",
    "<img src=x onerror=\"window.pwned=2\"> and "
    "<svg onload=\"window.pwned=3\"></svg> ##paidend##\n",
]
LEARNED = """[pack]
name = "learned"

[[rule]]
id = "learned.0001"
category = "boilerplate"
kind = "line"
literals = ["本文来源于网络，如有侵权请联系删除"]

[[rule]]
id = "learned.0002"
category = "boilerplate"
kind = "line"
literals = ["Share this article"]
"""
SEARCH_WORD = "sourdough"


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, condition, what, detail=""):
        if condition:
            self.passed += 1
            print(f"ok - {what}")
        else:
            self.failed += 1
            print(f"FAIL - {what}" + (f": {detail}" if detail else ""))
        return condition


def find_chromium(explicit):
    if explicit:
        return explicit
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def write_corpus(path):
    documents = []
    for i in range(42):
        template = TEMPLATES[i % len(TEMPLATES)]
        text = template.format(topic=TOPICS[(i * 3) % len(TOPICS)])
        documents.append({"id": f"d{i:02d}", "text": text})
    for i, text in enumerate(HOSTILE):
        documents.append({"id": f"<b>hostile-{i}</b>", "text": text})
    with open(path, "w", encoding="utf-8") as f:
        for document in documents:
            f.write(json.dumps(document, ensure_ascii=False) + "\n")
    return documents


def run(args):
    result = subprocess.run(args, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} exited {result.returncode}:\n"
                         f"{result.stderr}")
    return result


def reported_rules(textwash, corpus, work):
    """The rule ids of each document's edits, per `clean --report`."""
    report = os.path.join(work, "report.jsonl")
    run([textwash, "clean", corpus, "-o", os.path.join(work, "clean.jsonl"),
         "--report", report])
    rules = {}
    with open(report, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            rules[record["doc"]] = [e["rule"] for e in record["edits"]]
    return rules


def png_size_and_rows(path):
    """The width, height and number of distinct pixel rows of a PNG."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return 0, 0, 0
    width, height = struct.unpack(">II", data[16:24])
    idat = b""
    at = 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        if kind == b"IDAT":
            idat += data[at + 8:at + 8 + length]
        at += 12 + length
    raw = zlib.decompress(idat)
    stride = len(raw) // height
    rows = {raw[r * stride + 1:(r + 1) * stride] for r in range(height)}
    return width, height, len(rows)


def marked(page):
    """Rule ids of the marked edits of the shown documents."""
    return page.evaluate("""[...document.querySelectorAll(
        'details.doc:not([hidden]) .edit:not(.off)')].map(e => e.dataset.rule)""")


def shown_ids(page):
    return page.evaluate("""[...document.querySelectorAll(
        'details.doc:not([hidden])')].map(d => d.id)""")


def check_page(checks, page, url, documents, rules):
    page.navigate(url)
    checks.check(page.evaluate("document.documentElement.dataset.ready") == "1",
                 "the page's script ran (its CSP hash matches)")

    # Every edit is one marked span, in its document, in order.
    total = sum(len(r) for r in rules.values())
    per_document = page.evaluate("""Object.fromEntries(
        [...document.querySelectorAll('details.doc')].map(d => [d.id,
          [...d.querySelectorAll('.edit')].map(e => e.dataset.rule)]))""")
    checks.check(len(marked(page)) == total and total > 40,
                 f"{total} edits of --report, {total} marked spans",
                 f"page has {len(marked(page))}")
    expected = {f"doc-{doc}": r for doc, r in rules.items()}
    checks.check(per_document == expected,
                 "each document's spans name the rules --report gives, "
                 "in order")
    categories = page.evaluate("""[...document.querySelectorAll('.edit')]
        .every(e => e.classList.contains('c-' + e.dataset.cat))""")
    checks.check(categories, "each span is coloured by its category")

    # Untrusted text is text.
    checks.check(page.evaluate("window.pwned === undefined"),
                 "</script>, <img onerror> and <svg onload> ran nothing")
    checks.check(page.evaluate(
        "document.querySelectorAll('img, iframe, object, embed, "
        ".text svg, .text script').length") == 0,
                 "no element came from a document's text")
    checks.check(page.evaluate("document.scripts.length") == 1,
                 "the page's own script is its only script")
    texts = page.evaluate(
        "[...document.querySelectorAll('.text')].map(t => t.textContent)")
    checks.check(any("</script><script>window.pwned=1</script>" in t
                     for t in texts) and
                 any('<img src=x onerror="window.pwned=2">' in t
                     for t in texts),
                 "hostile markup shows as text")
    checks.check(page.evaluate("""[...document.querySelectorAll('.doc-id')]
        .some(e => e.textContent === '<b>hostile-0</b>')"""),
                 "a hostile id shows as text")

    # Hover.
    page.hover('.edit[data-rule="paywall.marker"]')
    tip = page.evaluate("""(() => { const t = document.getElementById('tip');
        return t && !t.hidden ? t.textContent : null; })()""")
    checks.check(tip is not None and "paywall.marker" in tip and
                 "paywall" in tip and "zh_paywall.toml" in tip,
                 "hovering an edit shows its rule, category and source",
                 repr(tip))

    # Filter by a rule: click it in the table.
    counts = {}
    for doc_rules in rules.values():
        for rule in set(doc_rules):
            counts[rule] = counts.get(rule, 0) + 1
    rule = next(r for r, n in sorted(counts.items(), key=lambda x: -x[1])
                if 1 < n < len(documents) and
                page.evaluate(f"!!document.querySelector("
                              f"'.rules .rule-link[data-rule=\"{r}\"]')"))
    with_rule = sorted(f"doc-{d}" for d, r in rules.items() if rule in r)
    page.click(f'.rules .rule-link[data-rule="{rule}"]')
    shown = marked(page)
    checks.check(shown and set(shown) == {rule} and
                 len(shown) == sum(r.count(rule) for r in rules.values()),
                 f"clicking rule {rule} leaves only its {len(shown)} edits "
                 "marked", str(sorted(set(shown))))
    checks.check(sorted(shown_ids(page)) == with_rule,
                 f"... and only the {len(with_rule)} documents that have it")
    checks.check(page.evaluate("document.querySelectorAll("
                               "'.edit:not(.off)').length") == len(shown),
                 "... and the other rules' edits are unmarked")
    checks.check(f"rule={rule}" in page.evaluate("location.hash"),
                 "... and the view is in the URL")

    page.press("Escape")
    checks.check(len(marked(page)) == total and
                 len(shown_ids(page)) == len(documents),
                 "Escape clears the filter")

    # Filter by a category: select its bar in the chart.
    page.click('.chart .bar[data-cat="boilerplate"]')
    shown = marked(page)
    want = page.evaluate("""[...document.querySelectorAll('.edit')]
        .filter(e => e.dataset.cat === 'boilerplate').length""")
    checks.check(shown and len(shown) == want and page.evaluate("""
        [...document.querySelectorAll('details.doc:not([hidden]) .edit:not(.off)')]
        .every(e => e.dataset.cat === 'boilerplate')"""),
                 f"clicking the boilerplate bar marks its {want} edits only")
    page.press("Escape")

    # Search, from the keyboard.
    page.press("/")
    checks.check(page.evaluate("document.activeElement.id") == "q",
                 "/ focuses the search box")
    page.type_text(SEARCH_WORD.upper())
    want = sorted(f"doc-{i}" for i, d in enumerate(documents)
                  if SEARCH_WORD in d["text"].lower())
    checks.check(want and sorted(shown_ids(page)) == want,
                 f"searching {SEARCH_WORD.upper()} shows the {len(want)} "
                 "documents that hold it, in any case")
    matches = page.evaluate(
        "CSS.highlights.has('tw-search') ? "
        "CSS.highlights.get('tw-search').size : 0")
    checks.check(matches >= len(want), f"... with {matches} matches lit")
    page.press("Escape")  # leaves the box
    page.press("Escape")  # clears
    checks.check(len(shown_ids(page)) == len(documents),
                 "Escape leaves the box, and again clears the search")

    # Keys: n goes to an edit (and shows its tooltip), j to a document.
    page.press("n")
    checks.check(page.evaluate("""document.activeElement.classList.contains('edit')
        && !document.getElementById('tip').hidden"""),
                 "n focuses the first edit and shows its rule")
    page.press("j")
    checks.check(page.evaluate("document.activeElement.tagName") == "SUMMARY",
                 "j focuses a document")

    # A link to a view, opened afresh.
    page.navigate("about:blank")
    page.navigate(url + f"#rule={rule}&q={SEARCH_WORD}")
    both = sorted(d for d in with_rule
                  if SEARCH_WORD in documents[int(d[4:])]["text"].lower())
    checks.check(sorted(shown_ids(page)) == both and
                 page.evaluate("document.getElementById('rule').value") ==
                 rule and
                 page.evaluate("document.getElementById('q').value") ==
                 SEARCH_WORD,
                 f"#rule=...&q=... opens that view ({len(both)} documents)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--textwash", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--chromium")
    args = parser.parse_args()

    chromium = find_chromium(args.chromium)
    if chromium is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            print("FAIL - Chromium is required in CI: scripts/setup.sh "
                  "installs the Debian package chromium")
            return 1
        print("SKIP - Chromium is not installed (the Debian package "
              "chromium; scripts/setup.sh installs it)")
        return SKIP

    work = args.work
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    corpus = os.path.join(work, "corpus.jsonl")
    documents = write_corpus(corpus)
    rules = reported_rules(args.textwash, corpus, work)
    page_path = os.path.join(work, "review.html")
    run([args.textwash, "review", corpus, "-o", page_path, "--sample", "1000",
         "--title", "textwash review: test corpus"])
    learned = os.path.join(work, "learned.toml")
    with open(learned, "w", encoding="utf-8") as f:
        f.write(LEARNED)
    learned_page = os.path.join(work, "learned.html")
    run([args.textwash, "review", "--only-rules", learned, corpus, "-o",
         learned_page])

    checks = Checks()
    with tempfile.TemporaryDirectory() as profile:
        with Browser(chromium, profile) as browser:
            page = browser.open_page(width=1280, height=900)
            url = "file://" + os.path.abspath(page_path)
            check_page(checks, page, url, documents, rules)

            errors = [e for e in page.events("Log.entryAdded")
                      if e["entry"]["level"] == "error"]
            errors += page.events("Runtime.exceptionThrown")
            errors += [e for e in page.events("Runtime.consoleAPICalled")
                       if e["type"] in ("error", "warning")]
            checks.check(not errors, "no script error, CSP violation or "
                         "console warning", json.dumps(errors)[:2000])
            requests = {e["request"]["url"].split("#")[0]
                        for e in page.events("Network.requestWillBeSent")}
            checks.check(requests == {url},
                         "the page loads nothing but itself", str(requests))

            screenshot = os.path.join(work, "review.png")
            page.navigate(url)
            page.screenshot(screenshot)
            width, height, rows = png_size_and_rows(screenshot)
            checks.check(width == 1280 and height > 2000 and rows > 100,
                         f"full-page screenshot {screenshot}: {width}x{height}"
                         f", {rows} distinct rows")

            # The proposals of a learned rule file, in place.
            page.navigate("file://" + os.path.abspath(learned_page))
            want = sum(line in LEARNED.split('"')
                       for d in documents for line in d["text"].split("\n"))
            got = marked(page)
            checks.check(
                got and len(got) == want and
                all(r.startswith("learned.") for r in got) and
                page.evaluate("""[...document.querySelectorAll('.edit')]
                    .every(e => e.dataset.cat === 'boilerplate')"""),
                f"--only-rules learned.toml marks the {want} learned lines "
                "and nothing else", str(got))

    print(f"{checks.passed} passed, {checks.failed} failed")
    return 0 if checks.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
