"""Ollama and LM Studio detection, and chats through their OpenAI endpoints, against loopback
fakes that speak each server's wire format."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from aideon_desktop.core.chat import GenerationParams, Message
from aideon_desktop.core.local_models.servers import (
    ServerModel,
    ServerStatus,
    ServerWatcher,
    detect,
    detect_servers,
    is_loopback_url,
)
from tests.support.fake_lmstudio import FakeLMStudio
from tests.support.fake_ollama import FakeOllama
from tests.support.local_servers import server_provider
from tests.support.streams import collect_events


@pytest.fixture
def ollama() -> Iterator[FakeOllama]:
    server = FakeOllama().start()
    yield server
    server.stop()


@pytest.fixture
def lmstudio() -> Iterator[FakeLMStudio]:
    server = FakeLMStudio().start()
    yield server
    server.stop()


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_ollama_models_are_listed_without_embedding_models(ollama: FakeOllama) -> None:
    status = detect("ollama", ollama.base_url)
    assert status.running and status.on_this_device and status.error == ""
    assert [m.id for m in status.models] == ["llama3.2:latest", "qwen3:4b"]
    llama = status.models[0]
    assert (llama.parameter_size, llama.quantization, llama.size_bytes) == (
        "3.2B",
        "Q4_K_M",
        2019393189,
    )
    assert llama.choice == "ollama:llama3.2:latest"
    assert ollama.requests == [{"method": "GET", "path": "/api/tags"}]
    assert "runs on this machine with 2 chat models" in status.describe()


def test_lmstudio_models_are_listed_without_embedding_models(lmstudio: FakeLMStudio) -> None:
    status = detect("lmstudio", lmstudio.base_url)
    assert status.running and [m.id for m in status.models] == lmstudio.models
    assert lmstudio.requests == [{"method": "GET", "path": "/v1/models"}]


def test_servers_that_are_not_running_are_reported_quickly() -> None:
    started = time.perf_counter()
    statuses = detect_servers(closed_port_url(), closed_port_url())
    assert time.perf_counter() - started < 2.0
    assert [(s.server, s.running, s.models) for s in statuses] == [
        ("ollama", False, ()),
        ("lmstudio", False, ()),
    ]
    assert statuses[0].describe() == "Ollama is not running on this machine"


def test_a_server_answering_garbage_is_not_offered(lmstudio: FakeLMStudio) -> None:
    status = detect("ollama", lmstudio.base_url)  # /api/tags is a 404 there
    assert not status.running and status.models == ()
    assert "unusable model list" in status.error


def test_only_loopback_servers_are_trusted() -> None:
    assert is_loopback_url("http://127.0.0.1:11434") and is_loopback_url("http://localhost:1234")
    assert is_loopback_url("http://[::1]:1234")
    assert not is_loopback_url("http://192.168.1.20:11434")
    assert not is_loopback_url("http://localhost.evil.com:11434")
    remote = detect("ollama", "http://192.0.2.1:9")  # TEST-NET: never answers
    assert not remote.on_this_device
    assert not server_provider("ollama", "http://192.0.2.1:9").trusted


def test_watcher_snapshot_never_waits(ollama: FakeOllama) -> None:
    watcher = ServerWatcher(ollama_url=ollama.base_url, lmstudio_url=closed_port_url())
    started = time.perf_counter()
    assert watcher.snapshot() == []  # nothing known yet; detection runs in the background
    assert time.perf_counter() - started < 0.1
    watcher.refresh_async().join(timeout=5)
    statuses = watcher.snapshot()
    assert [s.running for s in statuses] == [True, False]


@pytest.mark.parametrize("fake_class", [FakeOllama, FakeLMStudio])
def test_chat_through_the_servers_openai_endpoint(fake_class: type) -> None:
    """A private prompt answered by an on-device server: it goes to that loopback server with
    no API key, and the streamed answer and usage come back."""
    fake = fake_class().start()
    try:
        kind = "ollama" if fake_class is FakeOllama else "lmstudio"
        status = detect(kind, fake.base_url)
        provider = server_provider(kind, fake.base_url)
        assert provider.trusted and "on this machine" in provider.config.display_name
        try:
            prompt = [Message("user", "My card 4111 1111 1111 1111 was declined. Why?")]
            deltas, usage, _ = collect_events(
                provider.stream(prompt, status.models[0].id, GenerationParams(max_tokens=32))
            )
        finally:
            provider.close()
        assert "".join(deltas) == "Noted on this device."
        assert usage is not None and not usage.estimated
        assert usage.completion_tokens == 4 and usage.finish_reason == "stop"
        (chat,) = fake.chats()
        assert chat["model"] == status.models[0].id and chat["stream"] is True
        assert chat["messages"] == [{"role": "user", "content": prompt[0].content}]
        assert chat["max_tokens"] == 32
    finally:
        fake.stop()


def test_unknown_server_model_is_a_clear_error(ollama: FakeOllama) -> None:
    from aideon_desktop.core.providers.resilience import ProviderHTTPError

    provider = server_provider("ollama", ollama.base_url)
    try:
        with pytest.raises(ProviderHTTPError, match=r"not available.*not found, try pulling"):
            collect_events(provider.stream([Message("user", "hi")], "mistral:7b"))
    finally:
        provider.close()


def test_the_status_line_counts_models_in_words() -> None:
    one = (ServerModel("ollama", "qwen3:4b"),)
    url = "http://127.0.0.1:11434"
    assert ServerStatus("ollama", url, True, one).describe().endswith("with 1 chat model")
    assert ServerStatus("ollama", url, True).describe().endswith("but has no chat model yet")
