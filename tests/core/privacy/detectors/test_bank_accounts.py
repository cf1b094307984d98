"""Bank details without an IBAN: routing/account pairs and UK sort codes."""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize(
    ("text", "sort_code", "account"),
    [
        ("Account 09489750, sort 381718 - why did the transfer bounce?", "381718", "09489750"),
        ("sortcode: 40 47 84 acc: 21876543", "40 47 84", "21876543"),
        ("Pay the deposit, sort-code 404784 then 21876543", "404784", "21876543"),
    ],
)
def test_a_sort_code_without_dashes_named_by_sort(text: str, sort_code: str, account: str) -> None:
    values = [v for _d, v in found(text)]  # a label may name the sort code first
    assert sort_code in values and account in values


@pytest.mark.parametrize(
    "text",
    [
        "sorted 123456 rows in 12345678 ms",
        "sort by 381718 then order id 87654321",  # no bank word, no "sort code"
        "sort code 123456, account 87654321",  # a counted stand-in
    ],
)
def test_sort_without_bank_details(text: str) -> None:
    assert not [v for d, v in found(text) if d == "uk_bank_account"]


@pytest.mark.parametrize(
    "text",
    [
        "Proszę o przelew na konto 9257 2149 2958 5583 9097 4090 06",  # NRB, grouped as an IBAN
        "61 1090 1014 0000 0712 1981 2874",  # NRB in its own 2-4-4-4-4-4-4 grouping
        "numer konta: 61109010140000071219812874",  # one block, named
        "Cuenta: 2100 0418 45 0200051332",  # Spanish CCC
    ],
)
def test_domestic_account_numbers_with_their_own_check_digits(text: str) -> None:
    assert found(text)


@pytest.mark.parametrize(
    "text",
    [
        "61 1090 1014 0000 0712 1981 2875",  # NRB with a wrong check
        "order 61109010140000071219812874 shipped",  # one block, no bank named
        "Cuenta: 2100 0418 46 0200051332",  # CCC with a wrong check digit
    ],
)
def test_domestic_lookalikes(text: str) -> None:
    assert not [d for d, _v in found(text) if d == "domestic_bank_account"]


def test_an_indian_account_beside_its_ifsc_code() -> None:
    text = "NEFT: IFSC HDFC0004521, beneficiary account 50100287634412, name R. Iyer"
    assert ("domestic_bank_account", "50100287634412") in found(text)
    assert not found("What is the IFSC code HDFC0004521 for? The branch is in Pune.")


@pytest.mark.parametrize(
    ("text", "sort_code", "account"),
    [
        ("pay me: 40 47 84 / 31926819 (sort code / account)", "40 47 84", "31926819"),
        ("404784 31926819 - that's my sort code and account", "404784", "31926819"),
    ],
)
def test_a_sort_code_named_after_it(text: str, sort_code: str, account: str) -> None:
    assert ("uk_bank_account", sort_code) in found(text)
    assert ("uk_bank_account", account) in found(text)


def test_a_sort_code_of_zeros_is_the_format() -> None:
    assert not found("Sort code format is 00-00-00, right?")
    assert not found("sort code 11-11-11, account 12345678 (made up for the form)")
