"""Where a value ends: word characters that glue to it, and those that do not.

Chinese, Japanese, Korean and Thai are written without spaces, so a number or key sits right
against the words around it ("携帯は090-1234-5678です", "제 번호는 010-1234-5678입니다").
Python's ``\\w`` counts those scripts as word characters, so a pattern bounded by ``(?![\\w])``
never finds such a value.  ``GLUE`` is a word character of a spaced script (Latin, Greek,
Cyrillic…, digits, "_"), and ``cjk_aware`` rewrites a pattern's negative look-arounds on ``\\w`` to
use it instead.
"""

from __future__ import annotations

import re

# Unspaced scripts: Thai, CJK punctuation, kana, CJK ideographs, Hangul, fullwidth forms.
UNSPACED = "\u0e00-\u0e7f\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
GLUE = rf"[^\W{UNSPACED}]"
_LOOKAROUND = re.compile(r"\(\?(<?)!\[\\w([^\]]*)\]\)")


def cjk_aware(pattern: str) -> str:
    """``pattern`` with each ``(?<![\\w…])`` / ``(?![\\w…])`` bounded by ``GLUE`` instead of
    ``\\w`` (the other characters of the class keep their meaning)."""

    def rewrite(m: re.Match[str]) -> str:
        behind, rest = m.group(1), m.group(2)
        glue = f"(?{behind}!{GLUE})"
        return glue if not rest else f"(?{behind}![{rest}]){glue}"

    return _LOOKAROUND.sub(rewrite, pattern)


def glued(ch: str) -> bool:
    """Is ``ch`` a character a value cannot end against (a letter of a spaced script, a digit
    or "_")?"""
    return (ch.isalnum() or ch == "_") and not ("\u0e00" <= ch <= "\u0e7f" or ch >= "\u2e80")
