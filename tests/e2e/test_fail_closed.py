"""Rule 1: a prompt judged private is answered on the device or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from aideon_desktop.core.answering import AskRequest, Assistant
from aideon_desktop.core.chat import GenerationParams, Message
from aideon_desktop.core.config import Settings
from aideon_desktop.core.errors import InputError, PrivateRouteUnavailableError
from tests.fake_cloud import FakeCloud

PRIVATE = "My card is 4539 1488 0343 6467, exp 04/27 - write a note to the bank about a refund."
PUBLIC = "Write a haiku about autumn rain."


@pytest.fixture
def cloud(monkeypatch: pytest.MonkeyPatch):
    with FakeCloud() as fake:
        monkeypatch.setenv("TOGETHER_API_KEY", "tk-test-0123456789abcdef")
        monkeypatch.setenv("AIDEON_TOGETHER_BASE_URL", fake.base_url)
        yield fake


def broken_local_settings(tmp_path: Path) -> Settings:
    from aideon_desktop.core.config import load_settings

    settings = load_settings().settings
    settings.local.model_path = str(tmp_path / "missing.gguf")
    return settings


def test_public_prompt_reaches_the_cloud(cloud: FakeCloud, tmp_path: Path) -> None:
    # The control: with the same set-up a public prompt does go out, so the fake is reachable.
    assistant = Assistant(broken_local_settings(tmp_path))
    stream = assistant.ask(AskRequest(PUBLIC))
    answer = stream.answer
    list(stream)
    assert answer.route is not None and answer.route.provider == "together"
    assert answer.text == "Hello from the cloud."
    assert answer.usage is not None and (
        answer.usage.prompt_tokens,
        answer.usage.completion_tokens,
    ) == (11, 4)
    assert len(cloud.requests) == 1
    assert cloud.requests[0]["headers"]["Authorization"] == "Bearer tk-test-0123456789abcdef"
    assert "tk-test" not in cloud.requests[0]["path"]


def test_private_prompt_with_no_local_model_never_touches_the_network(
    cloud: FakeCloud, tmp_path: Path
) -> None:
    assistant = Assistant(broken_local_settings(tmp_path))
    decision = assistant.plan(AskRequest(PRIVATE)).decision
    assert decision.private and decision.route.is_local
    assert all(r.is_local for r in decision.routes())
    events = assistant.ask(AskRequest(PRIVATE))
    with pytest.raises(PrivateRouteUnavailableError, match="not sent anywhere"):
        list(events)
    assert cloud.requests == []


def test_cloud_flag_cannot_override_privacy(cloud: FakeCloud, tmp_path: Path) -> None:
    assistant = Assistant(broken_local_settings(tmp_path))
    with pytest.raises(InputError, match="private"):
        assistant.ask(AskRequest(PRIVATE, force_cloud=True))
    assert cloud.requests == []


def test_conversation_with_a_private_turn_stays_local(cloud: FakeCloud, tmp_path: Path) -> None:
    assistant = Assistant(broken_local_settings(tmp_path))
    history = (Message("user", PRIVATE), Message("assistant", "Here is your note."))
    decision = assistant.plan(AskRequest(PUBLIC, history=history)).decision
    assert decision.private and decision.route.is_local and not decision.fallbacks
    events = assistant.ask(AskRequest(PUBLIC, history=history))
    with pytest.raises(PrivateRouteUnavailableError):
        list(events)
    assert cloud.requests == []


def test_private_prompt_is_answered_locally_when_the_model_works(
    cloud: FakeCloud, local_provider
) -> None:
    from aideon_desktop.core.config import load_settings

    assistant = Assistant(load_settings().settings, local=local_provider)
    answer = assistant.ask(AskRequest(PRIVATE, params=GenerationParams(max_tokens=32))).drain()
    assert answer.route is not None and answer.route.is_local and answer.text.strip()
    assert cloud.requests == []
