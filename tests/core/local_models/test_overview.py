"""The Models page's overview: the first-run suggestion, and deleting the active model."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

from aideon_desktop.core.config import LocalModelSettings
from aideon_desktop.core.errors import InputError
from aideon_desktop.core.hardware import MemorySnapshot
from aideon_desktop.core.local_models.catalog import load_catalog
from aideon_desktop.core.local_models.choices import apply_choice, list_choices
from aideon_desktop.core.local_models.fit import GiB
from aideon_desktop.core.local_models.installed import ModelStore
from aideon_desktop.core.local_models.overview import (
    FIRST_RUN_WHY,
    first_run_suggestion,
    remove_installed,
    suggestion_text,
    take_overview,
)
from aideon_desktop.core.local_models.servers import detect
from tests.support.fake_ollama import FakeOllama

ROOMY = MemorySnapshot(32 * GiB, 20 * GiB)
TINY = MemorySnapshot(2 * GiB, 300 * (1 << 20))


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def install_copy(store: ModelStore, model_path: Path, name: str, file: str) -> Path:
    target = store.final_path(name, file)
    target.parent.mkdir(parents=True)
    try:
        os.link(model_path, target)
    except OSError:
        shutil.copyfile(model_path, target)
    store.record(
        name=name, repo="Qwen/Qwen2.5-0.5B-Instruct-GGUF", revision="a" * 40, file=file,
        sha256="b" * 64, size_bytes=target.stat().st_size,
    )  # fmt: skip
    return target


def test_the_suggestion_is_made_only_while_the_bundled_model_is_alone(
    tmp_path: Path, model_path: Path
) -> None:
    store, catalog, settings = ModelStore(tmp_path / "models"), load_catalog(), LocalModelSettings()
    alone = list_choices(settings, catalog, store, [], ROOMY)
    pick = first_run_suggestion(alone)
    assert pick is not None and pick.key == "qwen3-4b-instruct" and not pick.ready
    text = suggestion_text(pick)
    assert pick.title in text and FIRST_RUN_WHY in text and "GB)" in text
    assert first_run_suggestion(list_choices(settings, catalog, store, [], TINY)) is None

    install_copy(store, model_path, "qwen2.5-0.5b", "qwen2.5-0.5b-instruct-q4_k_m.gguf")
    assert first_run_suggestion(list_choices(settings, catalog, store, [], ROOMY)) is None


def test_a_running_ollama_with_models_means_no_suggestion(tmp_path: Path) -> None:
    store, catalog = ModelStore(tmp_path / "models"), load_catalog()
    server = FakeOllama().start()
    try:
        status = detect("ollama", server.base_url)
    finally:
        server.stop()
    choices = list_choices(LocalModelSettings(), catalog, store, [status], ROOMY)
    assert first_run_suggestion(choices) is None


def test_the_overview_probes_servers_and_marks_the_active_choice(tmp_path: Path) -> None:
    server = FakeOllama().start()
    try:
        local = LocalModelSettings(ollama_url=server.base_url, lmstudio_url=closed_port_url())
        overview = take_overview(local, store=ModelStore(tmp_path / "models"))
    finally:
        server.stop()
    assert [s.running for s in overview.servers] == [True, False]
    assert overview.choice("ollama:qwen3:4b") is not None
    active = [c.key for c in overview.choices if c.active]
    assert active == ["smollm2-135m"]
    assert overview.recommended is not None


def test_removing_the_active_model_switches_back_to_the_bundled_one(
    tmp_path: Path, model_path: Path
) -> None:
    store, catalog = ModelStore(tmp_path / "models"), load_catalog()
    target = install_copy(store, model_path, "qwen2.5-0.5b", "qwen2.5-0.5b-instruct-q4_k_m.gguf")
    active = apply_choice(LocalModelSettings(), "qwen2.5-0.5b", catalog, store, [])
    removed, after = remove_installed(active, "qwen2.5-0.5b", store)
    assert removed.name == "qwen2.5-0.5b" and not target.exists()
    assert after is not None and (after.engine, after.model_path) == ("embedded", "")
    install_copy(store, model_path, "qwen2.5-0.5b", "qwen2.5-0.5b-instruct-q4_k_m.gguf")
    _, unchanged = remove_installed(LocalModelSettings(), "qwen2.5-0.5b", store)
    assert unchanged is None
    with pytest.raises(InputError, match="not installed"):
        remove_installed(LocalModelSettings(), "qwen2.5-0.5b", store)
