"""The shared scans of one prompt: value candidates, long tokens, sentences, nearby words."""

from __future__ import annotations

import random

from aideon_desktop.core.privacy.context import _SENTENCE_END, ScanContext


def test_long_tokens_and_where_an_anchor_is() -> None:
    ctx = ScanContext("short and then ghp_abcdefghijklmnopqrstuvwxyz0123456789 and more text")
    assert len(ctx.long_tokens) == 1
    assert ctx.tokens_holding(["ghp_"]) == ctx.long_tokens
    assert ctx.tokens_holding(["nothing"]) == []


def test_sentence_bounds() -> None:
    ctx = ScanContext("First one. Second one here! Third")
    start, end = ctx.sentence_bounds(ctx.text.index("Second"))
    assert ctx.text[start:end].strip() == "Second one here!"


def test_reference_numbers_are_recognised_by_their_label() -> None:
    text = "Order number 4539 1488 0343 6467"
    ctx = ScanContext(text)
    assert ctx.reference_number(text.index("4539"))
    assert not ScanContext("card 4539 1488 0343 6467").reference_number(5)


def test_test_framing() -> None:
    text = "In our unit tests we use 4111111111111111"
    ctx = ScanContext(text)
    assert ctx.test_framed(text.index("4111"), len(text))


def test_a_stop_after_an_abbreviation_ends_no_sentence() -> None:
    for text in (
        "Dr. Weber says my tumor is back.",
        "Sdr. Budi baru di-PHK dan punya utang banyak.",
        "z.B. meine Nummer geht nicht.",
    ):
        assert ScanContext(text).sentence_bounds(len(text) - 3) == (0, len(text))
    text = "I saw the doctor. He said rest."
    assert ScanContext(text).sentence_bounds(len(text) - 3)[0] == text.index("He")


def _sentence_bounds_by_the_long_scan(ctx: ScanContext, pos: int) -> tuple[int, int]:
    """sentence_bounds as it was written before its short first look (the reference)."""
    text, start, lo = ctx.text, 0, max(0, pos - 600)
    for m in _SENTENCE_END.finditer(text, lo, pos + 1):
        if m.end() <= pos:
            start = m.end()
    if start == 0 and lo > 0:
        start = lo
    nxt = _SENTENCE_END.search(text, pos + 1, pos + 2000)
    return start, nxt.end() if nxt else min(len(text), pos + 2000)


def test_sentence_bounds_look_near_first_and_find_what_the_long_scan_finds() -> None:
    """A position's sentence is looked for in the last 120 characters first: it must start
    where the 600-character scan says, in runs of stops and white space, abbreviations, CJK
    stops and sentences longer than either reach."""
    rng = random.Random(11)
    pieces = [
        "word",
        "Dr.",
        "z.B.",
        ". ",
        "! ",
        "? ",
        "; ",
        "\n",
        "\n\n  ",
        "  ",
        "。",
        "e.g.",
        "x",
    ]
    for _ in range(300):
        text = "".join(
            rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randrange(1, 400))
        )
        ctx = ScanContext(text)
        for pos in range(0, len(ctx.text), 7):
            assert ctx.sentence_bounds(pos) == _sentence_bounds_by_the_long_scan(ctx, pos)
