"""Phone numbers: international, national with a label, or NANP-shaped."""

from __future__ import annotations

import pytest

from aideon_desktop.core.privacy import scan


def phones(text: str) -> list[str]:
    return [text[f.start : f.end] for f in scan(text).findings if f.detector == "phone"]


@pytest.mark.parametrize(
    "text",
    [
        "Call me on +44 7700 900 418 after six.",
        "Ruf mich an unter 0151 23456789.",
        "Mon portable : 06 12 34 56 78",
        "my number is (212) 555-0198",
        "My Japanese number is 090-1234-5678",
    ],
)
def test_phones(text: str) -> None:
    assert phones(text)


@pytest.mark.parametrize(
    "text",
    [
        "Lottery numbers 04 12 19 33 41 45",
        "Version 1.2.3.4 is out",
        "Order number 4155550198 has shipped",
        "In the screenplay he says: call me - 555-0143.",
    ],
)
def test_not_phones(text: str) -> None:
    assert not phones(text)


def test_service_numbers_are_not_personal() -> None:
    assert not phones("Call our support line 0800 123 4567 (free from UK landlines).")
    assert not phones("Our hotline is 1-800-555-0199, open 24/7")
