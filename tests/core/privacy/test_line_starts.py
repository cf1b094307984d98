"""LineStartPattern: a multi-line pattern searched from the line breaks (and the characters)
it can start at gives the match the pattern's own search gives."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from aideon_desktop.core.privacy.line_starts import LineStartPattern
from aideon_desktop.core.privacy.sentences import _record_field, _salutation

ROOT = Path(__file__).resolve().parents[3]
PIECES = [
    "\n", "\n\n", "{", ",", ", ", " ", "\t", "-", "* ", "• ", '"', "'", ":", "：", "=",
    "Patient", "patient", "Name", "NAME", "full name", "Enfant", "Applicant", "Dear", "dear",
    "Sehr geehrte", "Frau", "Ms.", "M.", "Customer", "Re", "Subject: x", "Leon Fischer",
    "Hugo Martin", "J. Okoro", "田中太郎", "Tanya Brooks", "x", "hello world", "12",
]  # fmt: skip


def _same(search: LineStartPattern, text: str, pos: int, end: int) -> None:
    want = search.pattern.search(text, pos, end)
    got = search.search(text, pos, end)
    assert (want and (want.span(), want.group())) == (got and (got.span(), got.group()))


def test_the_patterns_are_the_ones_written_before() -> None:
    """The record-field and salutation patterns keep their text (the search changed, not
    what they match)."""
    field = _record_field().pattern.pattern
    assert field.startswith(r"(?:^[ \t\-*•]*|[{,][ \t]*)[\"']?(?i:")
    assert _salutation().pattern.pattern.startswith(r"(?:^[ \t]*(?:[^\n:]{1,30}:[ \t]*)?)(?i:")
    assert _record_field().pattern.flags & re.MULTILINE


def test_record_fields_and_salutations_in_the_projects_own_cases() -> None:
    rows = (ROOT / "tests" / "data" / "privacy_own_cases.jsonl").read_text(encoding="utf-8")
    texts = [json.loads(line)["prompt"] for line in rows.splitlines() if line.strip()]
    texts.append('Patient: Leon Fischer\nDear Ms. Tanya Brooks,\n{"applicant": "J. Okoro"}')
    for search in (_record_field(), _salutation()):
        found = 0
        for text in texts:
            breaks = [i + 1 for i, ch in enumerate(text) if ch == "\n"]
            for pos in [*range(0, len(text), 7), *breaks]:
                for end in (len(text), min(len(text), pos + 40)):
                    _same(search, text, pos, end)
            found += search.search(text) is not None
        assert found  # the texts hold what the pattern looks for


def test_a_window_that_opens_where_a_line_starts() -> None:
    """``^`` holds at a window's first position when a line break is right before it (and at
    the string's start), not at any other first position."""
    text = "Note\nPatient: Leon Fischer\nDear Ms. Tanya Brooks,"
    for search in (_record_field(), _salutation()):
        for pos in range(len(text)):
            _same(search, text, pos, len(text))
    assert _record_field().search(text, 5).group() == "Patient: Leon Fischer"
    assert _record_field().search(text, 6) is None
    assert _salutation().search(text, 27).start() == 27


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24), st.integers(0, 60), st.integers(0, 80))
def test_any_text_any_window(pieces: list[str], pos: int, length: int) -> None:
    text = "".join(pieces)
    breaks = [i for i, ch in enumerate(text) if ch == "\n"]
    for search in (_record_field(), _salutation()):
        _same(search, text, pos, pos + length)
        _same(search, text, 0, len(text))
        for at in breaks:  # a window opening on a line break, or right after it
            _same(search, text, at, len(text))
            _same(search, text, at + 1, len(text))
