"""`aideon models list | pull | use | rm` against the fake Hub and a fake Ollama."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import tomli_w

from aideon_desktop.cli import main
from aideon_desktop.core.config import Settings, load_settings, save_settings
from aideon_desktop.core.local_models.catalog import CATALOG_ENV
from aideon_desktop.core.local_models.installed import ModelStore
from tests.core.local_models.conftest import FILE, REPO, catalog_entry
from tests.support.fake_hub import FakeHub
from tests.support.fake_ollama import FakeOllama

DATA = bytes(range(256)) * 4096  # 1 MiB "model"


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeHub]:
    fake = FakeHub()
    fake.add_file(REPO, FILE, DATA)
    fake.start()
    catalog = tmp_path / "catalog.toml"
    entry = catalog_entry(fake, DATA).model_dump(mode="json")
    catalog.write_text(tomli_w.dumps({"model": [entry]}), encoding="utf-8")
    monkeypatch.setenv("HF_ENDPOINT", fake.endpoint)
    monkeypatch.setenv(CATALOG_ENV, str(catalog))
    yield fake
    fake.stop()


@pytest.fixture
def no_servers() -> None:
    settings = Settings()
    settings.local.ollama_url = closed_port_url()
    settings.local.lmstudio_url = closed_port_url()
    save_settings(settings)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_pull_use_list_and_remove(
    hub: FakeHub, no_servers: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "models", "pull", "tiny-chat")
    assert code == 0, err
    assert "tiny-chat is downloaded and verified" in out
    assert "downloading tiny-chat: 0 MB of 1 MB" in err and "done tiny-chat: 1 MB of 1 MB" in err
    installed = ModelStore().get("tiny-chat")
    assert installed is not None and installed.path().read_bytes() == DATA

    code, out, _ = run(capsys, "models", "use", "tiny-chat")
    assert code == 0 and "answered on this device by tiny-chat" in out
    assert load_settings().settings.local.model_path == str(installed.path())

    code, out, _ = run(capsys, "models", "list", "--json")
    listing = json.loads(out)
    by_name = {m["name"]: m for m in listing["models"]}
    assert code == 0 and by_name["tiny-chat"]["active"] and by_name["tiny-chat"]["ready"]
    assert not by_name["smollm2-135m"]["active"] and by_name["smollm2-135m"]["ready"]
    assert [s["running"] for s in listing["servers"]] == [False, False]

    code, out, _ = run(capsys, "models", "rm", "tiny-chat")
    assert code == 0 and "Deleted tiny-chat" in out and "smollm2-135m (built in)" in out
    assert ModelStore().get("tiny-chat") is None
    assert load_settings().settings.local.model_path == ""


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("models", "pull", "tiny-chatt"), 2, "Did you mean tiny-chat"),
        (("models", "use", "tiny-chat"), 2, "not downloaded yet: run `aideon models pull"),
        (("models", "rm", "tiny-chat"), 2, "'tiny-chat' is not installed"),
        (("models", "use", "ollama:llama3.2:latest"), 2, "Ollama is not running"),
    ],
)
def test_input_errors_exit_2(
    hub: FakeHub,
    no_servers: None,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    code: int,
    message: str,
) -> None:
    result, _, err = run(capsys, *args)
    assert result == code and message in err


def test_no_network_exits_3(
    hub: FakeHub, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HF_ENDPOINT", closed_port_url())
    code, _, err = run(capsys, "models", "pull", "tiny-chat")
    assert code == 3 and "Could not reach the Hugging Face Hub" in err


def test_ollama_models_are_listed_and_can_be_used(
    hub: FakeHub, capsys: pytest.CaptureFixture[str]
) -> None:
    ollama = FakeOllama().start()
    try:
        settings = Settings()
        settings.local.ollama_url = ollama.base_url
        settings.local.lmstudio_url = closed_port_url()
        save_settings(settings)
        code, out, _ = run(capsys, "models", "list")
        assert code == 0
        assert "ollama:llama3.2:latest" in out and "runs on this machine in Ollama" in out
        assert "nomic-embed" not in out
        code, out, _ = run(capsys, "models", "use", "ollama:qwen3:4b")
        assert code == 0
        local = load_settings().settings.local
        assert (local.engine, local.server_model) == ("ollama", "qwen3:4b")
        code, out, _ = run(capsys, "models", "list")
        assert any(line.startswith("*  ollama:qwen3:4b") for line in out.splitlines())
    finally:
        ollama.stop()
