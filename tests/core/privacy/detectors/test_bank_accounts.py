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


def test_a_routing_number_in_its_own_grouping_alone_is_bank_details() -> None:
    """ "3222-7162-7" (routing symbol, institution, check digit) as the whole message, a line or
    a table cell: someone handing over their bank's routing number."""
    for text in (
        "3222-7162-7",
        "0711-0130-7",
        "bank details:\n3222 7162 7\n",
        "id,aba\n1,3222-7162-7",
    ):
        assert ("us_bank_account", text.strip().split("\n")[-1].split(",")[-1]) in found(text)


def test_a_routing_number_named_by_a_routing_word_counts_without_its_account() -> None:
    assert found("my bank's routing is 322271627, is that the right one for wires?")
    assert found("Routing: 3222-7162-7")


def test_routing_lookalikes_are_not_bank_details() -> None:
    assert not found("4210-4211-1")  # fails the check digit
    assert not found("322271627")  # nine bare digits alone: too many numbers pass
    assert not found("part no. 3222-7162-7 is out of stock")
    assert not found("9922-7162-0")  # no Federal Reserve routing symbol opens with 99
