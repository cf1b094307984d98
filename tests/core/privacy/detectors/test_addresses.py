"""Street addresses and the whole address record."""

from __future__ import annotations

import pytest

from aideon_desktop.core.privacy import scan


def addresses(text: str) -> list[str]:
    return [text[f.start : f.end] for f in scan(text).findings if f.category == "contact"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("I live at 12 Oak Street, Springfield, IL 62704.", "12 Oak Street, Springfield, IL 62704"),
        ("Meine Adresse: Lindenstraße 14, 50674 Köln.", "Lindenstraße 14, 50674 Köln"),
        ("send it to 221 Elm Road please, my flat", "221 Elm Road"),
        ("Vivo en Calle Mayor 12, Madrid", "Calle Mayor 12, Madrid"),
    ],
)
def test_addresses_whole(text: str, value: str) -> None:
    assert value in addresses(text), scan(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "Who lives at 10 Downing Street?",
        "The White House is at 1600 Pennsylvania Avenue NW, Washington, DC 20500.",
        "We stayed 3 nights and drove 2 lanes over.",
    ],
)
def test_public_or_no_address(text: str) -> None:
    assert not addresses(text)


@pytest.mark.parametrize(
    "text",
    [
        "na casa da minha sogra, Rua Oscar Freire 1120, apto 84, São Paulo.",
        "Gör en lapp till grannarna: vi har fest – Anna, Sveavägen 64, lgh 1102.",
        "Escribe a mi abuela: vive en Calle Mayor 12, 3º izq, Madrid.",
    ],
)
def test_a_flat_number_or_a_relation_makes_an_address_a_home(text: str) -> None:
    found = [f for f in scan(text).findings if f.detector == "street_address"]
    assert found


def test_the_flat_number_is_part_of_the_record() -> None:
    text = "na casa da minha sogra, Rua Oscar Freire 1120, apto 84, São Paulo."
    (f,) = [f for f in scan(text).findings if f.detector == "street_address"]
    assert "apto 84" in text[f.start : f.end]


def test_a_lower_case_german_street_before_its_post_code() -> None:
    text = "wohne jetzt in der lindenstr 14, 50674 koeln, 3. og"
    assert addresses(text) == ["lindenstr 14, 50674"]
    assert addresses("der umweg 5 minuten") == []
    assert addresses("nimm den feldweg 3 km bis 12345 dorf") == []


def test_an_addy_is_an_address() -> None:
    assert addresses("my addy is 14 maple crt apt 3b springfield")
    assert addresses("whats ur addy") == []
