"""An Ollama model chosen to answer on this device: private prompts go to it (and never to a
cloud), and when it stops the embedded model still answers on the device."""

from __future__ import annotations

from pathlib import Path

import pytest

from aideon_desktop.core.answering import AskRequest, Assistant
from aideon_desktop.core.chat import GenerationParams
from aideon_desktop.core.config import load_settings
from tests.fake_cloud import FakeCloud
from tests.support.catalogs import CATALOG
from tests.support.fake_ollama import FakeOllama

PRIVATE = "My NHS number is 943 476 5919 and I was diagnosed with asthma. What should I ask my GP?"


@pytest.fixture
def cloud(monkeypatch: pytest.MonkeyPatch):
    with FakeCloud() as fake:
        monkeypatch.setenv("TOGETHER_API_KEY", "tk-test-0123456789abcdef")
        monkeypatch.setenv("AIDEON_TOGETHER_BASE_URL", fake.base_url)
        yield fake


def ollama_settings(url: str):
    settings = load_settings().settings
    settings.local.engine, settings.local.server_model = "ollama", "llama3.2:latest"
    settings.local.ollama_url = url
    return settings


def test_a_private_prompt_is_answered_by_ollama_and_never_by_the_cloud(
    cloud: FakeCloud, isolated_home: Path
) -> None:
    ollama = FakeOllama().start()
    try:
        assistant = Assistant(ollama_settings(ollama.base_url), catalog=CATALOG, use_store=False)
        answer = assistant.ask(AskRequest(PRIVATE)).drain()
        assistant.close()
    finally:
        ollama.stop()
    assert answer.decision.private and answer.current_route.provider == "ollama"
    assert answer.text == "Noted on this device." and "Ollama" in answer.current_route.display
    assert cloud.requests == []
    sent = ollama.chats()
    assert sent and "943 476 5919" in sent[0]["messages"][-1]["content"]


def test_when_ollama_stops_the_embedded_model_answers_on_device(
    cloud: FakeCloud, local_provider, isolated_home: Path
) -> None:
    settings = ollama_settings("http://127.0.0.1:9")  # nothing listens there
    assistant = Assistant(settings, local=local_provider, catalog=CATALOG, use_store=False)
    answer = assistant.ask(AskRequest(PRIVATE, params=GenerationParams(max_tokens=24))).drain()
    assistant.close()
    assert answer.current_route.provider == "local" and answer.text.strip()
    assert [r.provider for r in answer.failed_routes] == ["ollama"]
    assert cloud.requests == []


def test_an_ollama_that_is_not_on_this_machine_is_not_trusted(
    cloud: FakeCloud, isolated_home: Path
) -> None:
    from aideon_desktop.core.providers.pool import ProviderPool

    pool = ProviderPool(ollama_settings("http://192.168.1.20:11434"), CATALOG)
    assert not pool.get("ollama").trusted
    pool.close()
