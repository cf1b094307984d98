"""The planner: the prompt is cleaned and scanned once, every earlier message counts, titles
never show a maskable value."""

from __future__ import annotations

import pytest

from aideon_desktop.core.answering import AskRequest, Assistant, planner, privacy_check
from aideon_desktop.core.chat import Message
from aideon_desktop.core.errors import InputError

CARD = "4539 1488 0343 6467"


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    counts = {"clean": 0, "scan": 0}
    real_clean, real_scan = planner.clean_prompt, privacy_check.scan

    def clean(text: str) -> str:
        counts["clean"] += 1
        return real_clean(text)

    def scan(text: str, **kw):
        counts["scan"] += 1
        return real_scan(text, **kw)

    monkeypatch.setattr(planner, "clean_prompt", clean)
    monkeypatch.setattr(privacy_check, "scan", scan)
    return counts


def test_masked_ask_with_two_earlier_turns_cleans_and_scans_each_text_once(
    assistant: Assistant, calls: dict[str, int]
) -> None:
    history = (Message("user", "Hi"), Message("assistant", "Hello! How can I help?"))
    request = AskRequest(f"Card {CARD} was charged twice", history=history, mask_and_send=True)
    plan = assistant.plan(request)
    assert plan.decision.masked and calls == {"clean": 1, "scan": 3}
    assistant.plan(request)
    assert calls == {"clean": 2, "scan": 3}, "verdicts are remembered per text"


def test_a_private_system_message_keeps_the_prompt_on_device(assistant: Assistant) -> None:
    history = (Message("system", "Patient notes: I was diagnosed with HIV last month."),)
    plan = assistant.plan(AskRequest("Summarise in 5 words", history=history))
    assert plan.decision.private and plan.decision.route.own_hardware
    assert all(r.own_hardware for r in plan.decision.routes())


def test_title_masks_values_and_cloud_routes_get_placeholders(assistant: Assistant) -> None:
    plan = assistant.plan(AskRequest(f"My card {CARD} was declined", mask_and_send=True))
    assert plan.title == "My card … was declined"
    cloud = plan.decision.route
    assert not cloud.own_hardware and CARD not in plan.messages_for(cloud)[-1].content
    local = plan.decision.routes()[-1]
    assert local.own_hardware and CARD in plan.messages_for(local)[-1].content
    assert plan.mask is not None and plan.mask.labels[0].startswith("[CARD_1] = ")


def test_empty_prompt_is_refused_before_anything_else(assistant: Assistant) -> None:
    with pytest.raises(InputError, match="empty"):
        assistant.plan(AskRequest("   \n"))


def test_an_on_device_pin_keeps_every_prompt_local(assistant: Assistant) -> None:
    plan = assistant.plan(AskRequest("Write a haiku about rain", pinned=("local", "")))
    assert plan.decision.route.is_local and not plan.decision.private
    cloud = assistant.plan(AskRequest("Write a haiku about rain", pinned=("together", "t-small")))
    assert cloud.decision.route.provider == "together"


def test_spending_is_read_only_when_a_cap_is_set(assistant: Assistant) -> None:
    reads: list[int] = []
    planner_ = assistant._planner
    real_spend = planner_.spend
    planner_.spend = lambda: reads.append(1) or real_spend()
    assistant.plan(AskRequest("Write a haiku about autumn rain"))
    assert reads == [], "no cap: what was spent cannot change the route"
    planner_.settings.budgets.daily_usd = 0.000001
    assistant.plan(AskRequest("Write a haiku about autumn rain"))
    assert reads == [1]
