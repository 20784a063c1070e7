# Copyright 2026 The textwash Authors.
# SPDX-License-Identifier: Apache-2.0
"""textwash.Cleaner: clean(), clean_batch(), edits, options, errors."""

import os
import pickle
import re
import threading
import time

import pytest

import textwash
from conftest import DATA, GOLDEN, REPO, run_cli, seeds

# Chinese, English and emoji around a paywall marker, an ad sentence with a
# contact, a zero-width space and an e-mail address.
MIXED = (
    "😀 第一段：意识形态##paidbegin##责任制落实情况。🎉 emoji 👍🏽 end\n"
    "Zero\u200bwidth 中文 and 🚀 rockets.\n"
    "\n\n\n"
    "重要通知！加微信 abc12345 领取资料，扫码关注公众号。\n"
    "联系作者：zhang.san@example.com 😀\n"
)


def test_version_and_engine():
    header = (REPO / "include" / "textwash" / "textwash.h").read_text()
    want = re.search(r'TEXTWASH_VERSION_STRING "([^"]+)"', header).group(1)
    assert textwash.__version__ == want
    assert textwash.engine in ("hyperscan", "re2")
    if "TEXTWASH_ENGINE" in os.environ:  # set by the ctest entry
        assert textwash.engine == os.environ["TEXTWASH_ENGINE"]
    assert textwash.CATEGORIES[0] == "paywall"
    assert "unicode" in textwash.CATEGORIES


def test_paywall_marker_example(cleaner):
    text = "意识形态##paidbegin##责任制\n"
    result = cleaner.clean(text)
    assert result.text == "意识形态责任制\n"
    [edit] = result.edits
    assert (edit.begin, edit.end) == (4, 17)
    assert (edit.byte_begin, edit.byte_end) == (12, 25)
    assert text[edit.begin:edit.end] == "##paidbegin##"
    assert (edit.category, edit.rule, edit.replacement) == (
        "paywall", "paywall.marker", "")


@pytest.mark.parametrize("name,text,want", seeds(), ids=lambda v: str(v)[:8])
def test_golden_seeds(cleaner, name, text, want):
    result = cleaner.clean(text)
    # The CLI writes a text document with one final newline.
    got = result.text if result.text.endswith("\n") else result.text + "\n"
    assert got == want, name
    assert textwash.apply_edits(text, result.edits) == result.text
    assert textwash.apply_edits(text.encode(), result.edits) == \
        result.text.encode()
    assert cleaner.clean(text.encode()) == result


def test_golden_seeds_match_the_cli(cleaner, cli, tmp_path):
    for name, text, _ in seeds():
        out = tmp_path / name
        run_cli(cli, GOLDEN / name, "-o", out)
        got = cleaner.clean(text).text
        if not got.endswith("\n"):
            got += "\n"
        assert out.read_bytes() == got.encode(), name


def test_code_point_offsets_on_cjk_and_emoji(cleaner):
    result = cleaner.clean(MIXED)
    data = MIXED.encode()
    assert len(result.edits) >= 4
    removed = [MIXED[e.begin:e.end] for e in result.edits]
    assert "##paidbegin##" in removed
    assert "\u200b" in removed
    assert any("加微信" in r for r in removed)
    for edit in result.edits:
        # The str slice and the byte slice are the same text ...
        assert MIXED[edit.begin:edit.end] == \
            data[edit.byte_begin:edit.byte_end].decode()
        # ... and the code-point offset counts the characters before it.
        assert len(data[:edit.byte_begin].decode()) == edit.begin
    # Emoji (4 bytes, 1 code point) come before the edits, so the two kinds
    # of offsets differ.
    assert all(e.begin < e.byte_begin for e in result.edits)
    assert textwash.apply_edits(MIXED, result.edits) == result.text
    assert "意识形态责任制" in result.text
    assert "🚀 rockets" in result.text


def test_edits_are_sorted_and_do_not_overlap(cleaner):
    for _, text, _ in seeds():
        edits = cleaner.clean(text).edits
        for a, b in zip(edits, edits[1:]):
            assert a.end <= b.begin and a.byte_end <= b.byte_begin


def test_lone_surrogate_is_one_replacement_character(cleaner):
    text = "a\ud800😀b##paidbegin##c\n"
    result = cleaner.clean(text)
    assert result.text == "a\ufffd😀bc\n"
    first = result.edits[0]
    assert (first.begin, first.end, first.replacement, first.rule) == (
        1, 2, "\ufffd", "unicode.invalid_utf8")
    assert text[result.edits[1].begin:result.edits[1].end] == "##paidbegin##"
    assert textwash.apply_edits(text, result.edits) == result.text


def test_invalid_utf8_bytes(cleaner):
    result = cleaner.clean(b"ab\xffcd\n")
    assert result.text == "ab\ufffdcd\n"
    assert result.edits[0].byte_begin == 2 and result.edits[0].byte_end == 3


def test_clean_rejects_other_types(cleaner):
    with pytest.raises(TypeError, match="expected str or bytes, got int"):
        cleaner.clean(12)
    with pytest.raises(TypeError):
        cleaner.clean_batch(["ok", None])


def batch_texts():
    texts = [text for _, text, _ in seeds()]
    texts += [p.read_text() for p in sorted((DATA / "corpus").rglob("*.txt"))]
    texts += [MIXED, "", "plain text\n", "a\ud800b", "意识形态##paidbegin##责任制"]
    for line in (DATA / "cli" / "tricky.jsonl").read_text().splitlines():
        if line.strip():
            import json
            texts.append(json.loads(line)["text"])
    return texts


@pytest.mark.parametrize("threads", [0, 1, 2, 3, 64])
def test_clean_batch_equals_clean(cleaner, threads):
    texts = batch_texts() * 3
    want = [cleaner.clean(t) for t in texts]
    got = cleaner.clean_batch(texts, threads=threads)
    assert got == want
    assert [r.text for r in got] == [w.text for w in want]


def test_clean_batch_takes_any_iterable(cleaner):
    texts = batch_texts()
    assert cleaner.clean_batch(iter(texts), threads=2) == \
        [cleaner.clean(t) for t in texts]
    assert cleaner.clean_batch([], threads=4) == []
    with pytest.raises(ValueError):
        cleaner.clean_batch(texts, threads=-1)


def thread_count():
    return len(os.listdir("/proc/self/task"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"),
                    reason="needs /proc to count threads")
def test_clean_batch_runs_on_threads_without_the_gil(cleaner):
    # While clean_batch runs, a Python thread counts this process's threads:
    # it gets to run only if the GIL is released, and it sees the workers
    # (the calling thread is one of them).
    texts = [text for _, text, _ in seeds()] * 60
    threads = 4
    for _attempt in range(5):
        stop = threading.Event()
        seen = []
        polls = [0]

        def watch():
            while not stop.is_set():
                seen.append(thread_count())
                polls[0] += 1
                time.sleep(0.0005)

        watcher = threading.Thread(target=watch)
        watcher.start()
        time.sleep(0.01)
        baseline = thread_count()  # this thread and the watcher
        polls_before = polls[0]
        results = cleaner.clean_batch(texts, threads=threads)
        polls_during = polls[0] - polls_before
        stop.set()
        watcher.join()
        assert len(results) == len(texts)
        if max(seen) >= baseline + threads - 1 and polls_during >= 3:
            break
    assert max(seen) >= baseline + threads - 1, (baseline, max(seen))
    assert polls_during >= 3


def test_clean_releases_the_gil_for_one_document(cleaner):
    text = "".join(text for _, text, _ in seeds()) * 40
    done = threading.Event()
    ticks = [0]

    def tick():
        while not done.is_set():
            ticks[0] += 1
            time.sleep(0.0005)

    ticker = threading.Thread(target=tick)
    ticker.start()
    time.sleep(0.01)
    before = ticks[0]
    cleaner.clean(text)
    during = ticks[0] - before
    done.set()
    ticker.join()
    assert during >= 2


def test_bad_rule_file_message_has_file_line_column():
    path = str(DATA / "cli" / "bad_category.toml")
    with pytest.raises(ValueError) as error:
        textwash.Cleaner(rules=[path])
    assert str(error.value).startswith(path + ":7:12: unknown category")


def test_errors_carry_the_library_message(tmp_path):
    missing = str(tmp_path / "missing.toml")
    with pytest.raises(FileNotFoundError) as error:
        textwash.Cleaner(rules=missing)
    assert str(error.value) == \
        f"cannot read rule file {missing}: No such file or directory"
    with pytest.raises(ValueError, match=r'^unknown rule pack "nope" '
                       r"\(built-in packs: ads, contact, "):
        textwash.Cleaner(packs=["nope"])
    with pytest.raises(ValueError, match='^disabled rule "no.such" does not'):
        textwash.Cleaner(disabled_rules=["no.such"])
    with pytest.raises(ValueError, match="^ad_threshold must be >= 1, got 0"):
        textwash.Cleaner(ad_threshold=0)
    with pytest.raises(ValueError, match='^pii must be "keep", "mask"'):
        textwash.Cleaner(pii="hide")
    with pytest.raises(TypeError):
        textwash.Cleaner(no_such_option=True)
    with pytest.raises(TypeError):
        textwash.Cleaner(rule_texts=[("only a name",)])


def test_bad_rule_text_message():
    text = '[[rule]]\nid = "x.y"\ncategory = "ad"\nkind = "marker"\n' \
           'patterns = ["("]\n'
    with pytest.raises(ValueError, match=r"^my\.toml:|x\.y"):
        textwash.Cleaner(default_rules=False, rule_texts=[("my.toml", text)])
    with pytest.raises(ValueError) as error:
        textwash.check_rules("bad.toml", '[[rule]]\nid = "a.b"\n'
                             'category = "adz"\nkind = "line"\n'
                             'literals = ["x"]\n')
    assert re.match(r'^bad\.toml:3:12: unknown category "adz"',
                    str(error.value)), str(error.value)


def test_check_rules_counts_like_the_cli(cli):
    path = DATA / "cli" / "user_rules.toml"
    count = textwash.check_rules(str(path), path.read_text())
    out = run_cli(cli, "rules", "check", path).stdout.decode()
    assert out == f"{path}: ok ({count} rules)\n"


def test_rules_list_matches_the_cli(cleaner, cli):
    rules = cleaner.rules()
    listed = [r for r in rules if r.kind != "stage"]
    out = run_cli(cli, "rules", "list").stdout.decode().splitlines()
    assert [f"{r.id}\t{r.category}\t{r.kind}\t{r.source}" for r in listed] \
        == out
    marker = next(r for r in rules if r.id == "paywall.marker")
    assert (marker.category, marker.kind) == ("paywall", "marker")
    assert marker.source.startswith("rules/zh_paywall.toml:")
    assert any(r.kind == "stage" and r.id == "layout.blank_lines"
               for r in rules)
    packs = textwash.builtin_packs()
    assert set(packs) == \
        {"ads", "contact", "en_boilerplate", "zh_paywall", "zh_site"}
    assert all("[[rule]]" in text for text in packs.values())


def test_pii_option():
    text = "会议纪要已发送。如有疑问请写信给 zhang.san@example.com 谢谢。\n"
    keep = textwash.Cleaner().clean(text)
    assert "zhang.san@example.com" in keep.text
    masked = textwash.Cleaner(pii="mask").clean(text)
    assert "<EMAIL>" in masked.text
    assert "zhang.san@example.com" not in masked.text
    [edit] = masked.edits
    assert text[edit.begin:edit.end] == "zhang.san@example.com"
    assert (edit.replacement, edit.rule) == ("<EMAIL>", "contact.email")
    removed = textwash.Cleaner(pii="remove").clean(text)
    assert "zhang.san" not in removed.text and "<EMAIL>" not in removed.text


def test_stage_options():
    text = "a\u200bb\r\n\r\n\r\n\r\nsame line that repeats itself here\n" \
           "same line that repeats itself here\n"
    default = textwash.Cleaner().clean(text).text
    assert default == "ab\n\nsame line that repeats itself here\n"
    assert "\u200b" in textwash.Cleaner(remove_invisible=False).clean(
        text).text
    assert "\r\n" in textwash.Cleaner(normalize_newlines=False).clean(
        text).text
    assert textwash.Cleaner(min_repeat_chars=0).clean(text).text.count(
        "same line") == 2
    assert "\n\n\n" in textwash.Cleaner(layout=False).clean(text).text


def test_rule_options():
    text = "意识形态##paidbegin##责任制\n"
    # (Rule sets other than the default one are compiled when the Cleaner is
    # made, which takes seconds for all the packs: these tests use few.)
    assert textwash.Cleaner(packs=["zh_paywall"],
                            disabled_rules=["paywall.marker"]).clean(
        text).text == text
    assert textwash.Cleaner(packs=["zh_paywall"]).clean(text).text == \
        "意识形态责任制\n"
    assert textwash.Cleaner(packs=["ads"]).clean(text).text == text
    assert textwash.Cleaner(default_rules=False).clean(text).text == text
    mine = textwash.Cleaner(
        default_rules=False, rules=[str(DATA / "cli" / "user_rules.toml")])
    assert mine.clean("a@@cut@@b 555-1234\n").text == "ab [phone]\n"
    inline = textwash.Cleaner(
        default_rules=False,
        rule_texts=[("inline.toml", (DATA / "cli" / "user_rules.toml")
                     .read_text())])
    result = inline.clean("a@@cut@@b\n")
    assert result.text == "ab\n"
    assert result.edits[0].rule == "cli_test.marker"
    assert any(r.source == "inline.toml:6" for r in inline.rules())


def test_options_round_trip_and_pickle():
    cleaner = textwash.Cleaner(
        [str(DATA / "cli" / "user_rules.toml")], pii="mask",
        packs=["zh_paywall"], min_repeat_chars=5,
        disabled_rules=["cli_test.line"])
    assert cleaner.options["pii"] == "mask"
    assert cleaner.options["rules"] == [str(DATA / "cli" / "user_rules.toml")]
    copy = pickle.loads(pickle.dumps(cleaner))
    assert copy.options == cleaner.options
    text = MIXED + "a@@cut@@b 555-1234\n"
    assert copy.clean(text) == cleaner.clean(text)
    result = cleaner.clean(text)
    assert pickle.loads(pickle.dumps(result)) == result
    assert result.edits[0].to_dict()["rule"] == result.edits[0].rule
    assert "Edit(begin=" in repr(result.edits[0])
