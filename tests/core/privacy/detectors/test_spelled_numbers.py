"""Numbers dictated digit by digit in words, after a phone label or a word for "number"."""

from __future__ import annotations

import pytest

from aideon_desktop.core.privacy import scan


def spelled(text: str) -> list[str]:
    return [text[f.start : f.end] for f in scan(text).findings if f.detector == "spelled_number"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "my personal number for emergencies: zero seven two six two four three three nine.",
            "zero seven two six two four three three nine",
        ),
        (
            "meine Nummer: null eins sieben zwei, drei vier fünf, sechs sieben acht neun.",
            "null eins sieben zwei, drei vier fünf, sechs sieben acht neun",
        ),
        (
            "Llámame al seis uno dos, tres cuatro cinco, seis siete ocho",
            "seis uno dos, tres cuatro cinco, seis siete ocho",
        ),
    ],
)
def test_a_number_said_in_words(text: str, value: str) -> None:
    assert spelled(text) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "Teach my kid to count: one two three four five six seven eight nine ten.",
        "My number one priority: one two three, go!",
        "zero seven two six two four three three nine",  # no label: words alone are no number
    ],
)
def test_counting_and_unlabelled_words_are_not(text: str) -> None:
    assert not spelled(text)
