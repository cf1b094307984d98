"""Values end against CJK, Thai and kana text; Latin letters still glue."""

from __future__ import annotations

import re

from aideon_desktop.core.privacy.boundaries import cjk_aware, glued


def test_lookarounds_on_word_characters_are_rewritten() -> None:
    pattern = re.compile(cjk_aware(r"(?<![\w-])\d{3}-\d{4}(?![\w])"))
    assert pattern.search("携帯は090-1234です").group() == "090-1234"
    assert pattern.search("전화 010-1234입니다").group() == "010-1234"
    assert not pattern.search("abc090-1234")
    assert not pattern.search("x-090-1234")
    assert not pattern.search("090-1234z")


def test_other_patterns_are_left_alone() -> None:
    assert cjk_aware(r"(?<=[:=])\w+") == r"(?<=[:=])\w+"


def test_glued() -> None:
    assert glued("a") and glued("é") and glued("7") and glued("_") and glued("ж")
    assert (
        not glued("は")
        and not glued("是")
        and not glued("입")
        and not glued("ก")
        and not glued(" ")
    )
