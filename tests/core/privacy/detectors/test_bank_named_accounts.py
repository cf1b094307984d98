"""Account numbers named by their bank or their holder, in any language."""

from __future__ import annotations

import pytest

from aideon_desktop.core.privacy import scan


def accounts(text: str) -> list[str]:
    return [
        text[f.start : f.end] for f in scan(text).findings if f.detector == "bank_named_account"
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("회비는 토스뱅크 1002-4817-3390 (예금주 김하늘)로 보내주세요", "1002-4817-3390"),
        ("振込先：みずほ銀行 渋谷支店 3849172", "3849172"),
        ("收款：招商银行 6214 8310 2233 4455，户名张伟", "6214 8310 2233 4455"),
        ("Überweisung an Sparkasse Köln, Konto 48392011", "48392011"),
        ("Pay into Commerzbank Hamburg 48392011 please", "48392011"),
    ],
)
def test_an_account_after_its_bank_or_beside_its_holder(text: str, value: str) -> None:
    assert accounts(text) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "Bank of America has 213000000 customers",
        "Deutsche Bank shares closed at 15.40 on 2024-03-01, volume 12 500 000",
        "Call the bank on 0800 123 4567",
        "Die Bank hat die Nummer 1234567 als Beispiel genannt",
    ],
)
def test_numbers_a_bank_is_only_mentioned_near_are_no_accounts(text: str) -> None:
    assert not accounts(text)


@pytest.mark.parametrize(
    "text",
    [
        "Konto: 4839201175 (Sparkasse)",
        "Bitte auf 4839201175 bei der Sparkasse überweisen",
        "wire it to 77392018 at Chase, thanks",
    ],
)
def test_a_bank_named_right_after_the_number(text: str) -> None:
    assert any(f.detector == "bank_named_account" for f in scan(text).findings)


@pytest.mark.parametrize(
    "text",
    [
        "Meeting at 10:30 in the Sparkasse building, room 4839201",
        "We have 4839201175 customers at Deutsche Bank",
    ],
)
def test_a_bank_after_a_number_with_prose_between(text: str) -> None:
    assert not any(f.detector == "bank_named_account" for f in scan(text).findings)
