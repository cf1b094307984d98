"""The shared scans of one prompt: value candidates, long tokens, sentences, nearby words."""

from __future__ import annotations

from aideon_desktop.core.privacy.context import ScanContext


def raws(text: str) -> list[str]:
    return [c.raw for c in ScanContext(text).candidates]


def test_candidates_are_runs_of_digit_bearing_tokens() -> None:
    assert raws("card 4539 1488 0343 6467, ok") == ["4539 1488 0343 6467"]
    assert raws("AB123456C here") == ["AB123456C"]
    assert raws("3CD5-FG7-HJ89") == ["3CD5-FG7-HJ89"]
    assert raws("55555555-K") == ["55555555-K"]
    assert raws("nino hh 01 02 03 d") == ["hh 01 02 03 d"]


def test_candidates_glued_to_identifiers_lose_the_glued_token() -> None:
    assert raws("abc_123 4539 1488 0343 6467.") == ["4539 1488 0343 6467"]


def test_candidate_compact_and_digits() -> None:
    (c,) = ScanContext("x de44-5001, ok").candidates
    assert c.compact == "DE445001" and c.digits == "445001"


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
