"""The shared scans of one prompt: value candidates, long tokens, sentences, nearby words."""

from __future__ import annotations

from aideon_desktop.core.privacy.context import ScanContext


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
