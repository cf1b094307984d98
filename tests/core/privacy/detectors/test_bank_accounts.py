"""Bank details without an IBAN: routing/account pairs and UK sort codes."""

from __future__ import annotations

from aideon_desktop.core.privacy import scan


def found(text: str) -> list[tuple[str, str]]:
    return [
        (f.detector, text[f.start : f.end])
        for f in scan(text).findings
        if f.category == "bank_account"
    ]


def test_us_routing_and_account() -> None:
    text = "Set up direct deposit: routing 021000021, account 4455667788, checking."
    assert ("us_bank_account", "021000021") in found(text)
    assert ("us_bank_account", "4455667788") in found(text)


def test_routing_number_alone_in_other_context_is_not_bank() -> None:
    assert not [
        d for d, _v in found("The answer to puzzle 7 is 021000021.") if d == "us_bank_account"
    ]


def test_uk_sort_code_and_account() -> None:
    text = "sort code 20-00-00, account number 55779911"
    values = [v for _d, v in found(text)]
    assert "20-00-00" in values and "55779911" in values
