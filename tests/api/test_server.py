"""`aideon serve` driven by the official openai client over real sockets."""

from __future__ import annotations

import json
import stat
import threading
from pathlib import Path
from urllib.parse import unquote

import httpx
import openai
import pytest

from aideon_desktop.api.server import AUTO_MODEL, ApiServer, token_file
from aideon_desktop.core.answering import Assistant
from aideon_desktop.core.config import load_settings
from tests.fake_cloud import FakeCloud
from tests.support.catalogs import CATALOG


@pytest.fixture
def cloud(monkeypatch: pytest.MonkeyPatch):
    with FakeCloud("together") as fake:
        monkeypatch.setenv("TOGETHER_API_KEY", "tk-test-cccccccccccccccccccc")
        monkeypatch.setenv("AIDEON_TOGETHER_BASE_URL", fake.base_url)
        monkeypatch.setenv("HF_TOKEN", "hf_testtesttesttesttesttesttesttest")
        monkeypatch.setenv(
            "AIDEON_HF_BASE_URL", fake.base_url
        )  # same fake, speaking the same wire format
        yield fake


@pytest.fixture
def server(cloud, local_provider, isolated_home: Path):
    settings = load_settings().settings
    settings.local.max_tokens = 16
    assistant = Assistant(settings, local=local_provider, catalog=CATALOG, sleep=lambda s: None)
    api = ApiServer(assistant, port=0)
    api.start()
    yield api
    api.stop()
    assistant.close()


def client(api: ApiServer, token: str | None = None) -> openai.OpenAI:
    return openai.OpenAI(base_url=api.url, api_key=token or api.token, max_retries=0, timeout=120)


def test_token_file_is_private_to_the_user(server: ApiServer) -> None:
    mode = stat.S_IMODE(token_file().stat().st_mode)
    assert mode == 0o600 and token_file().read_text().strip() == server.token


def test_models_list_has_auto_and_the_catalog(server: ApiServer) -> None:
    ids = [m.id for m in client(server).models.list()]
    assert ids[0] == AUTO_MODEL and "together:t-small" in ids


def test_non_streaming_public_prompt_goes_to_the_cloud(server: ApiServer, cloud: FakeCloud) -> None:
    raw = client(server).chat.completions.with_raw_response.create(
        model=AUTO_MODEL, messages=[{"role": "user", "content": "Write a haiku about rain."}]
    )
    completion = raw.parse()
    assert completion.choices[0].message.content == "Hello from the cloud."
    assert completion.usage.prompt_tokens == 11 and completion.usage.completion_tokens == 4
    assert (
        raw.headers["x-aideon-route"] == "together" and raw.headers["x-aideon-private"] == "false"
    )
    assert "cheapest" in json.loads(unquote(raw.headers["x-aideon-reasons"]))[1]


def test_streaming_private_prompt_stays_local(server: ApiServer, cloud: FakeCloud) -> None:
    with client(server).chat.completions.with_streaming_response.create(
        model=AUTO_MODEL,
        stream=True,
        messages=[{"role": "user", "content": "My SSN is 536-22-8741. Which form needs it?"}],
    ) as response:
        assert (
            response.headers["x-aideon-route"] == "local"
            and response.headers["x-aideon-private"] == "true"
        )
        chunks = list(response.parse())
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text.strip() and chunks[-1].usage.completion_tokens > 0
    assert cloud.requests == []


def test_private_history_keeps_the_whole_request_local(server: ApiServer, cloud: FakeCloud) -> None:
    raw = client(server).chat.completions.with_raw_response.create(
        model=AUTO_MODEL,
        messages=[
            {"role": "user", "content": "My card is 4539 1488 0343 6467."},
            {"role": "assistant", "content": "Noted."},
            {"role": "user", "content": "Now write a haiku."},
        ],
    )
    assert raw.headers["x-aideon-route"] == "local" and cloud.requests == []


def test_pinned_model_is_used_for_public_prompts(server: ApiServer, cloud: FakeCloud) -> None:
    raw = client(server).chat.completions.with_raw_response.create(
        model="huggingface:h-small", messages=[{"role": "user", "content": "Write a haiku."}]
    )
    assert raw.headers["x-aideon-route"] == "huggingface"


def test_bad_token_unknown_model_and_malformed_body(server: ApiServer) -> None:
    with pytest.raises(openai.AuthenticationError):
        client(server, token="wrong").models.list()
    with pytest.raises(openai.NotFoundError):
        client(server).chat.completions.create(
            model="nope:nope", messages=[{"role": "user", "content": "hi"}]
        )
    with pytest.raises(openai.BadRequestError) as info:
        client(server).chat.completions.create(model=AUTO_MODEL, messages=[])
    assert "messages" in str(info.value)
    response = httpx.post(
        server.url + "/chat/completions",
        content=b"{not json",
        headers={"Authorization": f"Bearer {server.token}"},
    )
    assert (
        response.status_code == 400 and response.json()["error"]["type"] == "invalid_request_error"
    )


def test_other_origins_are_refused(server: ApiServer) -> None:
    response = httpx.get(
        server.url + "/models",
        headers={"Authorization": f"Bearer {server.token}", "Origin": "https://evil.example"},
    )
    assert response.status_code == 403 and "access-control-allow-origin" not in response.headers
    preflight = httpx.options(
        server.url + "/chat/completions", headers={"Origin": "https://evil.example"}
    )
    assert preflight.status_code == 403


def test_twenty_concurrent_clients(server: ApiServer, cloud: FakeCloud) -> None:
    results: dict[int, str] = {}
    errors: list[Exception] = []

    def run(i: int) -> None:
        try:
            content = (
                "My card is 4539 1488 0343 6467, say OK." if i % 2 else f"Name colour number {i}."
            )
            completion = client(server).chat.completions.create(
                model=AUTO_MODEL, messages=[{"role": "user", "content": content}]
            )
            results[i] = completion.choices[0].message.content
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors and len(results) == 20 and all(text.strip() for text in results.values())
    assert len(cloud.chat_requests()) <= 10  # the private half never reached the cloud
