"""Phone numbers: international, national with a label, or NANP-shaped."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aideon_desktop.core.privacy import scan
from aideon_desktop.core.privacy.detectors.phones import (
    _NUMBER_WORD,
    _NUMBER_WORDS,
    number_word_before,
)


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


@pytest.mark.parametrize(
    "text",
    [
        "携帯は090-1234-5678です",
        "我的手机号是138 0013 8000，请帮我填表",
        "제 전화번호는 010-1234-5678입니다",
        "Confirmar com a Juliana pelo (41) 96857-1296.",
        "Anna, 073-595 68 32, lgh 1102.",
        "Rappelle Julie au 06 12 34 56 78 demain",
        "Rückfragen an Jonas, 0171 2345678.",
        "My international one is +44 (20) 7123 4567",
    ],
)
def test_phones_glued_to_cjk_and_in_national_format(text: str) -> None:
    assert [f for f in scan(text).findings if f.detector == "phone"]


def test_a_stretch_of_a_longer_code_is_no_phone() -> None:
    assert not [f for f in scan("BA39 A290 0794 0102 8494").findings if f.detector == "phone"]
    assert not [f for f in scan("NL91 ABNA 0417 1643 01").findings if f.detector == "phone"]


@pytest.mark.parametrize(
    "text",
    [
        "Is the main switchboard of St Thomas' Hospital still 020 7188 7188?",
        "Ist die Telefonseelsorge noch unter 0800 111 0 111 erreichbar?",
        "Le numéro du service client de la SNCF, c'est toujours le 09 70 60 99 70 ?",
        "¿El teléfono de atención al cliente de Iberia sigue siendo el 901 111 500?",
    ],
)
def test_an_organisations_published_line_is_public(text: str) -> None:
    assert not scan(text).sensitive


def test_a_line_the_writer_calls_their_own_stays_private() -> None:
    assert phones("Not the helpline - my personal number is 07700 912 345, call me there.")


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["my", "mi ", "mein ", "number", "Nummer", "numéro", "número", "NR", "n", "ú", " ", "7"]
        ),
        max_size=20,
    )
)
def test_the_number_word_check_agrees_with_its_pattern(parts: list[str]) -> None:
    before = "".join(parts).lower()
    assert number_word_before(before) == bool(_NUMBER_WORD.search(before))


def test_every_number_word_passes_the_first_look() -> None:
    """'mi número' once slipped past a first look that knew only "nu" and "nr"."""
    for word in _NUMBER_WORDS:
        assert number_word_before(f"aquí tienes mi {word}: ".lower()), word


@pytest.mark.parametrize(
    "text",
    [
        "Ring til mig på 21 48 27 93",  # Danish: eight digits in pairs, no trunk 0
        "мой телефон 8 (916) 482-37-15",
        "WA saya 0812-4819-2735",  # Indonesian WhatsApp
        "मेरा फोन नंबर 98481 27935 है",
    ],
)
def test_a_labelled_number_of_the_labels_other_countries(text: str) -> None:
    assert [f.detector for f in scan(text).findings] == ["phone"]


@pytest.mark.parametrize("text", ["Lotto: 12 34 56 78 90", "Order 0532 481 27 93 shipped"])
def test_pairs_without_a_phone_label_are_no_phone(text: str) -> None:
    assert not scan(text).sensitive


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("hmu at 07700 9 00 482 whenever", "07700 9 00 482"),
        ("meine handynr 0176 / 238 44 91, ruf an", "0176 / 238 44 91"),
        ("meu zap é (11) 9 8742-3310", "(11) 9 8742-3310"),
        ("мой номер 8 916 482 19 07 пиши", "8 916 482 19 07"),
        ("मेरा नंबर 99301 57628 है", "99301 57628"),
    ],
)
def test_numbers_after_chat_labels(text: str, number: str) -> None:
    assert phones(text) == [number]


@pytest.mark.parametrize(
    "text",
    ["hmu when ur free", "call me at 5 pm", "am 12/05/2024 um 3", "seite 3/4 von 12/2024"],
)
def test_no_phone_in_chat_without_one(text: str) -> None:
    assert phones(text) == []
