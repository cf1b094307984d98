"""Does a case-insensitive word pattern occur in a text?  Asked of ASCII text, faster.

Under ``re.IGNORECASE`` the regex engine enters every alternative of an alternation at every
position it tries (its quick test of an alternative's first letter only works case-sensitively),
so a list of words (``\\b(?:court|tribunal|judge|…)``) costs a dozen tries a character.  For an
ASCII text the same question is answered by the pattern without the flag over the text in lower
case: an ASCII letter's only case partner is the other ASCII letter, and a pattern written in
lower case (``AnyCase`` checks it) matches a lower-cased letter exactly where it matched either
case.  Text with other characters is searched as before.
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from typing import Any


def _folds_to_ascii(code: int) -> bool:
    """Does the character match an ASCII one under IGNORECASE (the Kelvin sign "K" matches
    "k", the long "ſ" matches "s")?"""
    ch = re.escape(chr(code))
    return any(re.fullmatch(ch, chr(x), re.IGNORECASE) for x in range(128))


def _same_on_lowered(code: int) -> bool:
    """Does a literal match a lower-cased ASCII character where, under IGNORECASE, it matched
    the character?  Not for capitals, nor for characters that fold to an ASCII one."""
    if code < 128:
        return not ("A" <= chr(code) <= "Z")
    return not _folds_to_ascii(code)


def _check(items: Any) -> None:
    """Raise ValueError unless every literal and class of the parsed pattern answers the same
    for a lower-cased ASCII text without the flag as for the text with it."""
    for op, av in items:
        _check_item(op, av)
        for part in _parts(op, av):
            _check(part)


def _check_item(op: Any, av: Any) -> None:
    """One literal, class or group flag of a parsed pattern (its parts are ``_parts``)."""
    if op in (sre.LITERAL, sre.NOT_LITERAL) and not _same_on_lowered(av):
        raise ValueError(f"AnyCase needs a pattern in lower case, not {chr(av)!r}")
    if op is sre.IN:
        for item_op, item in av:
            if item_op is sre.LITERAL and not _same_on_lowered(item):
                raise ValueError(f"AnyCase needs a class in lower case, not {chr(item)!r}")
            if item_op is sre.RANGE and (item[1] >= 128 or (item[0] <= 90 and item[1] >= 65)):
                raise ValueError("AnyCase needs classes of lower-case ASCII ranges")
    if op is sre.SUBPATTERN and av[2] & re.IGNORECASE:  # "(?-i:…)": a part that keeps its case
        raise ValueError("AnyCase needs the whole pattern to ignore case")


_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def _parts(op: Any, av: Any) -> list[Any]:
    """The sub-patterns a parsed item holds (groups, branches, repeats, assertions)."""
    if op is sre.SUBPATTERN:
        return [av[3]]
    if op is sre.BRANCH:
        return list(av[1])
    if op in _REPEATS:
        return [av[2]]
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return [av[1]]
    if op is sre.ATOMIC_GROUP:
        return [av]
    if op is sre.GROUPREF_EXISTS:
        return [av[1]] if av[2] is None else [av[1], av[2]]
    return []


class AnyCase:
    """``pattern`` (compiled with re.IGNORECASE): ``found(text)`` is ``pattern.search(text) is
    not None``.  A pattern not written in lower case (``lowered`` is None then) is always
    searched as it is."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.lowered: re.Pattern[str] | None = None
        try:
            if not pattern.flags & re.IGNORECASE:
                raise ValueError("AnyCase is for a pattern compiled with re.IGNORECASE")
            _check(sre_parse.parse(pattern.pattern, pattern.flags))
        except ValueError:
            return
        self.lowered = re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)

    def found(self, text: str) -> bool:
        if self.lowered is not None and text.isascii():
            return self.lowered.search(text.lower()) is not None
        return self.pattern.search(text) is not None
