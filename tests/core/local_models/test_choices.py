"""What the user can pick to answer on this device, and switching between picks."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from aideon_desktop.core.config import LocalModelSettings
from aideon_desktop.core.errors import InputError
from aideon_desktop.core.hardware import MemorySnapshot
from aideon_desktop.core.local_models.catalog import load_catalog
from aideon_desktop.core.local_models.choices import (
    active_key,
    apply_choice,
    list_choices,
    recommended,
)
from aideon_desktop.core.local_models.fit import GiB
from aideon_desktop.core.local_models.installed import ModelStore
from aideon_desktop.core.local_models.servers import ServerStatus, detect
from tests.support.fake_ollama import FakeOllama

ROOMY = MemorySnapshot(32 * GiB, 20 * GiB)


@pytest.fixture
def store(tmp_path: Path, model_path: Path) -> ModelStore:
    """A store where the catalogue's qwen2.5-0.5b is "installed" (as a link to the bundled
    GGUF, so the fit comes from a real GGUF header)."""
    store = ModelStore(tmp_path / "models")
    target = store.final_path("qwen2.5-0.5b", "qwen2.5-0.5b-instruct-q4_k_m.gguf")
    target.parent.mkdir(parents=True)
    try:
        os.link(model_path, target)
    except OSError:
        shutil.copyfile(model_path, target)
    store.record(
        name="qwen2.5-0.5b", repo="Qwen/Qwen2.5-0.5B-Instruct-GGUF", revision="a" * 40,
        file=target.name, sha256="b" * 64, size_bytes=target.stat().st_size,
    )  # fmt: skip
    return store


@pytest.fixture
def ollama() -> Iterator[ServerStatus]:
    server = FakeOllama().start()
    yield detect("ollama", server.base_url)
    server.stop()


def test_the_list_has_the_bundled_model_the_catalogue_and_server_models(
    store: ModelStore, ollama: ServerStatus
) -> None:
    choices = list_choices(LocalModelSettings(), load_catalog(), store, [ollama], ROOMY)
    keys = [c.key for c in choices]
    assert keys[0] == "smollm2-135m" and choices[0].ready and choices[0].active
    assert keys[1 : len(load_catalog()) + 1] == [m.name for m in load_catalog()]
    assert keys[-2:] == ["ollama:llama3.2:latest", "ollama:qwen3:4b"]
    by_key = {c.key: c for c in choices}
    assert by_key["qwen2.5-0.5b"].ready and not by_key["gemma3-4b"].ready
    assert by_key["ollama:llama3.2:latest"].where == "runs on this machine in Ollama"
    assert all(c.fit is not None and c.fit.verdict == "fits" for c in choices if c.catalog)
    assert sum(c.active for c in choices) == 1


def test_the_recommendation_names_the_best_model_this_machine_fits(store: ModelStore) -> None:
    choices = list_choices(LocalModelSettings(), load_catalog(), store, [], ROOMY)
    best = recommended(choices)
    assert best is not None and best.key == "qwen3-4b-instruct"
    tiny = MemorySnapshot(8 * GiB, int(1.7 * GiB))
    small = recommended(list_choices(LocalModelSettings(), load_catalog(), store, [], tiny))
    assert small is not None and small.key == "qwen2.5-0.5b"


def test_choosing_switches_between_bundled_installed_file_and_server_models(
    store: ModelStore, ollama: ServerStatus, model_path: Path
) -> None:
    catalog, settings = load_catalog(), LocalModelSettings()
    installed = apply_choice(settings, "qwen2.5-0.5b", catalog, store, [])
    assert installed.engine == "embedded" and Path(installed.model_path).is_file()
    assert active_key(installed, store) == "qwen2.5-0.5b"
    server = apply_choice(installed, "ollama:qwen3:4b", catalog, store, [ollama])
    assert (server.engine, server.server_model) == ("ollama", "qwen3:4b")
    assert active_key(server, store) == "ollama:qwen3:4b"
    back = apply_choice(server, "default", catalog, store, [ollama])
    assert (back.engine, back.model_path, back.server_model) == ("embedded", "", "")
    by_file = apply_choice(back, str(model_path), catalog, store, [])
    assert by_file.model_path == str(model_path.resolve())


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("gemma3-4b", "not downloaded yet: run `aideon models pull gemma3-4b`"),
        ("lmstudio:qwen2.5-7b-instruct", "LM Studio is not running on this machine"),
        ("ollama:mistral:7b", "Ollama has no model 'mistral:7b'"),
        ("/no/such/model.gguf", "not found"),
        ("gpt-5", "not in the model catalogue"),
    ],
)
def test_choices_that_cannot_be_used_are_refused_clearly(
    store: ModelStore, ollama: ServerStatus, key: str, message: str
) -> None:
    stopped = ServerStatus("lmstudio", "http://127.0.0.1:1234", running=False)
    with pytest.raises(InputError, match=message):
        apply_choice(LocalModelSettings(), key, load_catalog(), store, [ollama, stopped])
