"""Unicode classes spelled out for the Basic Multilingual Plane, and the test for other text."""

from __future__ import annotations

import re

import pytest

from aideon_desktop.core.privacy.bmp_classes import OpeningClass, beyond_bmp, spelled_out


@pytest.mark.parametrize("cls", [r"[^\w]", r"\d", r"\w"])
def test_the_spelled_out_class_matches_what_the_class_matches(cls: str) -> None:
    spelled, original = re.compile(spelled_out(cls)), re.compile(cls)
    for cp in range(0x10000):
        ch = chr(cp)
        assert bool(spelled.fullmatch(ch)) == bool(original.fullmatch(ch)), hex(cp)


def test_spelled_out_digits_hold_other_scripts_digits() -> None:
    digits = re.compile(spelled_out(r"\d"))
    assert digits.fullmatch("٣") and digits.fullmatch("7") and not digits.fullmatch("x")


def test_beyond_bmp() -> None:
    assert beyond_bmp("ok 🙂")
    assert beyond_bmp("ok 🙂", 0, 4)
    assert not beyond_bmp("ok 🙂", 0, 3)
    assert not beyond_bmp("naïve café, 私の")
    assert not beyond_bmp("plain")
    assert not beyond_bmp("lone \ud800 surrogate")


def test_an_opening_class_runs_as_written_beyond_the_bmp() -> None:
    digits = OpeningClass(r"\d", r"\d")
    assert digits.for_text("call 12") is digits.within_bmp
    assert digits.for_text("call 𝟙𝟚 🙂") is digits.anywhere
    assert digits.anywhere.search("𝟙𝟚").group() == "𝟙𝟚"  # mathematical digits are \d
    assert [m.span() for m in digits.within_bmp.finditer("a 12 ٣٤ b")] == [
        m.span() for m in digits.anywhere.finditer("a 12 ٣٤ b")
    ]
