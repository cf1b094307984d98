"""A new conversation's title reads naturally: private values read "…", never a placeholder."""

from __future__ import annotations

from aideon_desktop.core.answering.title import TITLE_CHARS, conversation_title
from aideon_desktop.core.privacy import scan


def title(text: str) -> str:
    return conversation_title(text, scan(text))


def test_a_masked_value_reads_as_an_ellipsis_not_a_placeholder() -> None:
    assert title("Send 200 to DE89370400440532013000 please") == "Send 200 to … please"
    card = "My card 4539 1488 0343 6467 exp 12/27 cvc 123 was declined"
    assert title(card) == "My card … exp … cvc … was declined"


def test_parts_of_one_record_next_to_each_other_read_as_one_ellipsis() -> None:
    assert title("Card 4539 1488 0343 6467, 12/27 was declined") == "Card … was declined"


def test_a_prompt_of_only_a_private_value_is_named_by_its_kind() -> None:
    assert title("4539 1488 0343 6467") == "Visa card number"
    assert title("DE89370400440532013000") == "IBAN"


def test_a_long_prompt_is_cut_at_a_word_with_an_ellipsis() -> None:
    long = "Explain how the northern lights form and why they are green " * 3
    cut = title(long)
    assert len(cut) <= TITLE_CHARS and cut.endswith("…") and long.startswith(cut[:-1])
    assert title("  A plain\n  question ") == "A plain question"
