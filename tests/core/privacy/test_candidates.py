"""The shared scan of value candidates: runs of digit-bearing tokens, sorted once into groups."""

from __future__ import annotations

from aideon_desktop.core.privacy.candidates import find_candidates, group_candidates


def raws(text: str) -> list[str]:
    return [c.raw for c in find_candidates(text)]


def test_runs_of_digit_bearing_tokens() -> None:
    assert raws("card 4539 1488 0343 6467, ok") == ["4539 1488 0343 6467"]
    assert raws("AB123456C here") == ["AB123456C"]
    assert raws("3CD5-FG7-HJ89") == ["3CD5-FG7-HJ89"]
    assert raws("55555555-K") == ["55555555-K"]
    assert raws("nino hh 01 02 03 d") == ["hh 01 02 03 d"]
    assert raws("to 221 Elm Road") == ["221"]  # a lower-case word is not an ID prefix


def test_tokens_glued_to_identifiers_are_dropped() -> None:
    assert raws("abc_123 4539 1488 0343 6467.") == ["4539 1488 0343 6467"]


def test_compact_digits_and_tokens() -> None:
    (c,) = find_candidates("x de44-5001, ok")
    assert c.compact == "DE445001" and c.digits == "445001"
    assert c.tokens == [(2, 6), (7, 11)]


def test_a_wall_of_digits_is_no_candidate() -> None:
    assert raws("1" * 500) == []


def test_groups() -> None:
    text = "call (212) 555-0198, ip 81.2.69.160, sort 20-00-00, IBAN DE44 5001, flat 12"
    groups = group_candidates(text, find_candidates(text))
    assert [c.raw for c in groups["dotted"]] == ["81.2.69.160"]
    assert [c.raw for c in groups["dashed"]] == ["20-00-00"]
    assert [c.raw for c in groups["iban"]] == ["DE44 5001"]
    assert "12" in [c.raw for c in groups["short"]]
    assert "212" in [c.raw for c in groups["phone"]]


def test_runs_end_against_cjk_text() -> None:
    assert raws("携帯は090-1234-5678です") == ["090-1234-5678"]
    assert raws("我的手机号是138 0013 8000，请") == ["138 0013 8000"]


def test_a_colon_joins_digit_groups_but_not_a_time() -> None:
    """ "3123:4567:8909" is one value (an Aadhaar number as some forms print it); the two-digit
    groups of a time are not."""
    assert [c.raw for c in find_candidates("id 3123:4567:8909 ok")] == ["3123:4567:8909"]
    assert find_candidates("id 3123:4567:8909")[0].compact == "312345678909"
    assert [c.raw for c in find_candidates("at 12:30:45")] == ["12", "30", "45"]


def test_a_one_letter_group_between_digit_groups_stays_in_the_run() -> None:
    assert [c.raw for c in find_candidates("SVNR 65 070803 A 019")] == ["65 070803 A 019"]
