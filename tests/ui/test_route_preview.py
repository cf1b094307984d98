"""What the privacy chip says for a plan (Qt-free): private, cloud with a price, masked, on
device by choice; highlight spans in Qt's units, kept in place while the draft is edited."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aideon_desktop.core.answering import AskRequest, Assistant
from aideon_desktop.ui.route_preview import (
    ESTIMATED_REPLY_TOKENS,
    format_cost,
    preview,
    shift_spans,
    utf16_spans,
)
from tests.ui.helpers import QWEN

CARD = "My card 4539 1488 0343 6467 was charged twice"


@pytest.fixture
def planner(cloud_assistant: Assistant) -> Assistant:
    return cloud_assistant


def chip(assistant: Assistant, text: str, pick=None, **request):
    plan = assistant.plan(AskRequest(text, pinned=pick, **request))
    return preview(plan, text, assistant.catalog, pick)


def test_a_private_prompt_stays_on_device_whatever_is_picked(planner) -> None:
    state = chip(planner, CARD, pick=QWEN)
    assert state.kind == "private"
    assert state.text == "Stays on this device — card number · not sent to Qwen2.5 Coder 32B"
    start = CARD.index("4539")
    assert state.spans == ((start, start + len("4539 1488 0343 6467")),)
    assert "Visa" in state.description


def test_a_cloud_prompt_names_the_model_and_the_estimated_price(planner) -> None:
    text = "Write a haiku about rain"
    state = chip(planner, text)
    assert state.kind == "cloud" and state.text.startswith("Goes to Llama 3.3 70B · ")
    tokens = len(text) // 4 + 1
    expected = (tokens + ESTIMATED_REPLY_TOKENS) * Decimal("0.88") / 1_000_000
    assert state.text.endswith(format_cost(expected))
    assert chip(planner, text, pick=QWEN).text.startswith("Goes to Qwen2.5 Coder 32B")


def test_masked_and_on_device_choices_say_so(planner) -> None:
    masked = chip(planner, CARD, mask_and_send=True)
    assert masked.kind == "masked" and masked.text.startswith("Masked, then to Llama 3.3 70B")
    assert masked.text.endswith("card number hidden") and "≈ $" in masked.text
    local = chip(planner, "Write a haiku about rain", pick=("local", "smollm2-135m-instruct"))
    assert (local.kind, local.text) == (
        "device",
        "Stays on this device — you picked On this device",
    )


def test_without_cloud_keys_it_says_the_device_answers(assistant) -> None:
    state = chip(assistant, "Write a haiku about rain")
    assert state.kind == "device" and "no cloud API key" in state.text


def test_costs_are_formatted_for_a_glance() -> None:
    assert format_cost(Decimal(0)) == "free"
    assert format_cost(Decimal("0.00004")) == "< $0.0001"
    assert format_cost(Decimal("0.000123")) == "≈ $0.0001"
    assert format_cost(Decimal("0.0234")) == "≈ $0.02"
    assert format_cost(None) == "price unknown"


def test_spans_are_counted_in_utf16_units_as_qt_counts() -> None:
    text = "🙂 card 4539 1488 0343 6467"

    class F:
        start, end = text.index("4539"), len(text)

    assert utf16_spans(text, (F,)) == ((F.start + 1, F.end + 1),)


def test_highlights_stay_on_their_characters_while_the_draft_is_edited() -> None:
    old = "pay 4539 now"
    spans = ((4, 8),)
    assert shift_spans(spans, old, "Please pay 4539 now") == ((11, 15),)  # typed before
    assert shift_spans(spans, old, "pay 4539 now!") == spans  # typed after
    assert shift_spans(spans, old, "pay 45X39 now") == ()  # edited inside: until the next check
