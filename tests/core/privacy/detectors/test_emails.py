"""Email addresses, plain and spelled out."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aideon_desktop.core.privacy import scan
from aideon_desktop.core.privacy.detectors.emails import _EMAIL, _user_run_start


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


@pytest.mark.parametrize(
    "text",
    [
        "email me at jordan.pike at gmail dot com when it's done",
        "mon mail perso : claire.moreau [at] free [point] fr",
        "mój mail to ania.kowalska małpa wp kropka pl",
        "stuur de offerte naar joost.visser apenstaartje kpnmail punt nl",
        "min mejl är lisa.berg snabel-a telia punkt se",
        "o meu email é joao.pereira87 arroba sapo ponto pt",
        "メールはyuki.tanaka@gmail.comです",
    ],
)
def test_spelled_and_glued_emails_in_other_languages(text: str) -> None:
    assert emails(text)


@pytest.mark.parametrize(
    "text",
    [
        "Look at the point in time when it turned.",
        "It was a long day. We met at lunch. So it goes.",
    ],
)
def test_prose_with_at_and_point_is_no_email(text: str) -> None:
    assert not emails(text)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["jo", ".", "@", "x.de", " ", "-", "+", "é", "_", "9", "\n"]), max_size=60
    ),
    st.integers(0, 40),
)
def test_the_search_starts_where_an_address_can(parts: list[str], lo: int) -> None:
    """Searching from the user name's run before the first "@" finds what searching from the
    window's start finds (the detector skips the positions in between)."""
    text = "".join(parts)
    lo = min(lo, len(text))
    hi = len(text)
    whole = _EMAIL.search(text, lo, hi)
    skipped = _EMAIL.search(text, _user_run_start(text, lo, hi), hi)
    assert (whole and whole.span()) == (skipped and skipped.span())


@pytest.mark.parametrize(
    "text",
    [
        "пиши мне на ivan.petrov собака mail точка ru",  # Russian says "dog" for @
        "mail: ola.nordmann krøllalfa gmail punktum com",
        "η διεύθυνσή μου nikos.p παπάκι gmail τελεία com",
        "napište na jan.novak zavináč seznam tečka cz",
    ],
)
def test_an_address_spelled_with_the_local_words_for_at_and_dot(text: str) -> None:
    assert [f.detector for f in scan(text).findings] == ["email"]


def test_the_local_word_for_at_in_prose_is_no_address() -> None:
    assert not scan("Собака лает на точка сбора в 5 часов").sensitive


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("mon mail: claire.dupont84 @ orange . fr", "claire.dupont84 @ orange . fr"),
        ("schreib mir an tobi punkt krause at web punkt de", "tobi punkt krause at web punkt de"),
        ("my mail is jana @ gmail . com", "jana @ gmail . com"),
        ("mail me: tobi @ web . de", "tobi @ web . de"),
    ],
)
def test_addresses_typed_with_spaces_or_a_spelled_dot(text: str, address: str) -> None:
    assert emails(text) == [address]


@pytest.mark.parametrize(
    "text",
    [
        "look at the point in time",
        "see the punkt at the punkt de",
        "we met at the point . de",
        # a chat mention: "@" between spaces before a name, a country code that is a word
        "ping @ john . ok",
        "ask @ support . no idea",
        "hey @ team . de facto we ship friday",
    ],
)
def test_prose_with_at_and_point_is_no_address(text: str) -> None:
    assert emails(text) == []
