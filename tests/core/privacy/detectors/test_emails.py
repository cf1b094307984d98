"""Email addresses, plain and spelled out."""

from __future__ import annotations

import pytest

from aideon_desktop.core.privacy import scan


def emails(text: str) -> list[str]:
    return [text[f.start : f.end] for f in scan(text).findings if f.detector == "email"]


@pytest.mark.parametrize(
    "text",
    [
        "write to priya.raman1987@outlook.com",
        "mail me: jo dot smith at gmail dot com",
        "reach me at k.wozniak (at) wp (dot) pl",
        "contact: anna.berg [at] telia [dot] se",
    ],
)
def test_emails(text: str) -> None:
    assert emails(text)


@pytest.mark.parametrize(
    "text",
    [
        "Use user@example.com in the docs",
        "noreply@github.com sent it",
        "meet me at home at six",
        "we arrived at the station at noon",
    ],
)
def test_not_personal_emails(text: str) -> None:
    assert not emails(text)
