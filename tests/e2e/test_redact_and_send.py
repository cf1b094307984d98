"""Redact-and-send: the cloud sees placeholders only; the user sees the real values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aideon_desktop.core.answering import AskRequest, Assistant
from aideon_desktop.core.config import load_settings
from aideon_desktop.core.privacy import StreamRestorer, redact, scan
from tests.fake_cloud import FakeCloud
from tests.support.catalogs import CATALOG

CARD = "4539 1488 0343 6467"
EMAIL = "priya.raman1987@outlook.com"
PROMPT = f"Write a short note to my bank: card {CARD} was charged twice; reply to {EMAIL}."


@pytest.fixture
def cloud(monkeypatch: pytest.MonkeyPatch):
    with FakeCloud("together") as fake:
        monkeypatch.setenv("TOGETHER_API_KEY", "tk-test-bbbbbbbbbbbbbbbbbbbb")
        monkeypatch.setenv("AIDEON_TOGETHER_BASE_URL", fake.base_url)
        yield fake


def test_stream_restorer_handles_split_placeholders() -> None:
    restorer = StreamRestorer({"[CARD_1]": CARD})
    pieces = ["Card ", "[CA", "RD_", "1] was ", "charged [twice]", " [CARD_1"]
    out = "".join(restorer.feed(p) for p in pieces) + restorer.flush()
    assert out == f"Card {CARD} was charged [twice] [CARD_1"


def test_masked_prompt_goes_to_the_cloud_without_the_values(
    cloud: FakeCloud, local_provider, isolated_home: Path
) -> None:
    cloud.reply_words = [
        "Dear bank, the card ",
        "[CA",
        "RD_1] was charged twice. ",
        "Reply to [EMAIL_1].",
    ]
    assistant = Assistant(
        load_settings().settings, local=local_provider, catalog=CATALOG, sleep=lambda s: None
    )
    stream = assistant.ask(AskRequest(PROMPT, new_conversation=True, mask_and_send=True))
    answer, events = stream.answer, list(stream)
    shown = "".join(e.text for e in events if hasattr(e, "text") and not hasattr(e, "kind"))
    assert answer.decision.masked and answer.route.provider == "together"
    assert (
        shown == answer.text == f"Dear bank, the card {CARD} was charged twice. Reply to {EMAIL}."
    )
    assert any(item.startswith("[CARD_1] = Visa") for item in answer.masked)
    assert any(r.startswith("masked before sending") for r in answer.decision.reasons)
    wire = json.dumps([r["body"] for r in cloud.requests]) + json.dumps(
        [r["headers"] for r in cloud.requests]
    )
    for value in (CARD, CARD.replace(" ", ""), EMAIL, "priya"):
        assert value not in wire, f"{value!r} left the device"
    sent = cloud.chat_requests()[0]["body"]["messages"]
    assert "[CARD_1]" in sent[-1]["content"] and "[EMAIL_1]" in sent[-1]["content"]
    assistant.close()


def test_masking_is_off_by_default_and_never_for_topics(
    cloud: FakeCloud, local_provider, isolated_home: Path
) -> None:
    assistant = Assistant(
        load_settings().settings, local=local_provider, catalog=CATALOG, sleep=lambda s: None
    )
    assert assistant.plan(AskRequest(PROMPT)).decision.route.is_local
    health = (
        "I was diagnosed with diabetes; my card 4539 1488 0343 6467 pays for insulin. Budget tips?"
    )
    decision = assistant.plan(AskRequest(health, mask_and_send=True)).decision
    assert decision.route.is_local and not decision.masked and decision.private
    assistant.ask(AskRequest(health, mask_and_send=True)).drain()
    assert cloud.requests == []
    assistant.close()


def test_redact_round_trip_masks_every_maskable_value() -> None:
    masked, mapping = redact(PROMPT, scan(PROMPT).findings)
    assert CARD not in masked and EMAIL not in masked
    assert set(mapping) == {"[CARD_1]", "[EMAIL_1]"}
