"""AnyCase: a case-insensitive pattern asked of ASCII text in lower case, without the flag,
answers as the pattern does; a pattern that would answer otherwise is searched as it is."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aideon_desktop.core.privacy import drafting, sentences
from aideon_desktop.core.privacy.any_case import AnyCase
from aideon_desktop.core.privacy.detectors import topics


def _in_use() -> list[AnyCase]:
    """The patterns the scan asks through AnyCase."""
    words = [sentences._subject_words_any_case(k) for k in ("second_person", "dutch_cues")]
    return [
        sentences._NEGATED,
        sentences._MODAL_QUESTION,
        sentences._HYPOTHETICAL,
        drafting._hypothetical_any_case(),
        *words,
        *topics._SECOND_CUES,
    ]


def _words_of(any_case: AnyCase) -> list[str]:
    """Pieces of the pattern's own words, for texts that hit it and nearly hit it."""
    return [w for w in re.findall(r"[a-z' ]{2,}", any_case.pattern.pattern) if w.strip()]


def test_the_patterns_in_use_take_the_lower_case_path() -> None:
    assert all(p.lowered is not None for p in _in_use())


PIECES = st.sampled_from(
    [" ", "  ", ",", ".", "'", "-", "\n", "1", "12", "€", "$", "x", "I", "If", "NOT", "Tax", "é"]
)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_found_answers_as_the_pattern_searched(data: st.DataObject) -> None:
    for any_case in _in_use():
        words = _words_of(any_case)
        pieces = data.draw(st.lists(st.sampled_from(words) | PIECES, max_size=8))
        cases = data.draw(st.lists(st.booleans(), min_size=len(pieces), max_size=len(pieces)))
        text = "".join(p.upper() if up else p for p, up in zip(pieces, cases, strict=True))
        assert any_case.found(text) == (any_case.pattern.search(text) is not None), text


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
@settings(max_examples=300, deadline=None)
def test_any_ascii_text(text: str) -> None:
    for any_case in _in_use():
        assert any_case.found(text) == (any_case.pattern.search(text) is not None)


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        (r"\bCourt\b", "the COURT", True),  # a capital in the pattern
        (r"[A-Z]x", "ax", True),  # a class of capitals
        (r"s(?-i:x)", "SX", False),  # a part that keeps its case
        (r"\u017ftop", "STOP", True),  # the long s matches "s" under IGNORECASE
        (r"\u212ailo", "kilo", True),  # the Kelvin sign matches "k"
    ],
)
def test_patterns_it_cannot_lower_are_searched_as_they_are(
    pattern: str, text: str, found: bool
) -> None:
    any_case = AnyCase(re.compile(pattern, re.IGNORECASE))
    assert any_case.lowered is None
    assert any_case.found(text) is found


def test_a_pattern_without_the_flag_is_searched_as_it_is() -> None:
    any_case = AnyCase(re.compile(r"court"))
    assert any_case.lowered is None and not any_case.found("COURT")
