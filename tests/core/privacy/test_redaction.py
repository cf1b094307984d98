"""Redaction masks whole private records; restore puts them back; topics are never masked."""

from __future__ import annotations

import pytest

from aideon_desktop.core.privacy import StreamRestorer, redact, restore, scan


def masked(text: str) -> tuple[str, dict[str, str]]:
    return redact(text, scan(text).findings)


def test_card_with_expiry_and_code_is_masked_whole() -> None:
    text = "Pay with 4539 1488 0343 6467, exp 12/27, CVV 737 please"
    out, mapping = masked(text)
    for value in ("4539", "12/27", "737"):
        assert value not in out
    assert restore(out, mapping) == text


def test_card_followed_by_expiry_and_code_without_labels() -> None:
    text = "5308 5941 1842 7855 09/28 703 - is this card still valid?"
    out, _mapping = masked(text)
    assert "09/28" not in out and "703" not in out and "5308" not in out


def test_cardholder_name_is_masked() -> None:
    text = "Book the hotel with 4319252063607043, name on card Jasper Selwood"
    out, _mapping = masked(text)
    assert "Jasper" not in out and "4319" not in out


@pytest.mark.parametrize(
    "text",
    [
        "Ship it to 12 Oak Street, Springfield, IL 62704 before Friday.",
        "I live at 12 Oak Street, Springfield, IL 62704.",
    ],
)
def test_whole_address_is_masked(text: str) -> None:
    out, mapping = masked(text)
    assert "Springfield" not in out and "62704" not in out and "Oak" not in out
    assert restore(out, mapping) == text


def test_topics_are_not_maskable() -> None:
    text = "I was diagnosed with depression and my card 4539 1488 0343 6467 pays the therapist"
    out, mapping = masked(text)
    assert "depression" in out and "4539" not in out
    assert all(not p.startswith("[HEALTH") for p in mapping)


def test_same_value_same_placeholder_and_streaming_restore() -> None:
    text = "Card 4539 1488 0343 6467, again 4539 1488 0343 6467"
    out, mapping = masked(text)
    assert out.count("[CARD_1]") == 2
    restorer = StreamRestorer(mapping)
    pieces = ["Your ", "[CA", "RD_1] ", "was charged"]
    assert (
        "".join(restorer.feed(p) for p in pieces) + restorer.flush()
        == f"Your {mapping['[CARD_1]']} was charged"
    )


def test_masks_the_users_original_characters() -> None:
    text = "card 4539\u00a01488\u200b0343\u20116467 ok"
    out, mapping = masked(text)
    assert out == "card [CARD_1] ok"
    assert mapping["[CARD_1]"] == "4539\u00a01488\u200b0343\u20116467"
