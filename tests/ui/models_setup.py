"""What the Models page tests and screenshots share: a fake Hub serving a generated "model",
a catalogue file pointing at it, settings that look for Ollama / LM Studio only where a test
says, and a real GGUF (a copy of the bundled one) installed under a catalogue name."""

from __future__ import annotations

import os
import random
import shutil
import socket
from pathlib import Path

import tomli_w

from aideon_desktop.core.config import Settings, save_settings
from aideon_desktop.core.local_models.catalog import CATALOG_ENV, CatalogModel
from aideon_desktop.core.local_models.installed import InstalledModel, ModelStore
from tests.core.local_models.conftest import FILE, REPO, catalog_entry
from tests.support.fake_hub import FakeHub

MiB = 1 << 20
CHUNK = 10 * MiB  # huggingface_hub reports progress once per 10 MiB chunk
MODEL_BYTES = random.Random(20).randbytes(24 * MiB)


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def start_hub(extra: dict[str, bytes] | None = None) -> FakeHub:
    """The fake Hub with tiny-chat's file (and ``extra`` files of the same repo)."""
    hub = FakeHub()
    hub.add_file(REPO, FILE, MODEL_BYTES)
    for name, data in (extra or {}).items():
        hub.add_file(REPO, name, data)
    return hub.start()


def write_catalog(path: Path, entries: list[CatalogModel]) -> Path:
    data = {"model": [e.model_dump(mode="json") for e in entries]}
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def use_hub(monkeypatch, hub: FakeHub, catalog: Path) -> None:
    monkeypatch.setenv("HF_ENDPOINT", hub.endpoint)
    monkeypatch.setenv(CATALOG_ENV, str(catalog))


def use_env(hub: FakeHub, catalog: Path) -> None:
    """As use_hub, for scripts (bench, screenshots) that own their process."""
    os.environ["HF_ENDPOINT"] = hub.endpoint
    os.environ[CATALOG_ENV] = str(catalog)


def tiny_chat(hub: FakeHub) -> CatalogModel:
    return catalog_entry(hub, MODEL_BYTES)


def save_test_settings(ollama_url: str = "", lmstudio_url: str = "") -> Settings:
    """Servers only where given; the local model writes short answers."""
    settings = Settings()
    settings.local.ollama_url = ollama_url or closed_port_url()
    settings.local.lmstudio_url = lmstudio_url or closed_port_url()
    settings.local.max_tokens = 32
    settings.local.temperature = 0.0
    settings.local.context_length = 2048
    settings.local.preload = False
    save_settings(settings)
    return settings


def install_gguf(store: ModelStore, entry: CatalogModel, gguf: Path) -> InstalledModel:
    """A real GGUF (the bundled model's bytes) installed as ``entry``, as a finished download
    would leave it."""
    target = store.final_path(entry.name, entry.file)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(gguf, target)
    except OSError:
        shutil.copyfile(gguf, target)
    return store.record(
        name=entry.name, repo=entry.repo, revision="a" * 40, file=entry.file,
        sha256="b" * 64, size_bytes=target.stat().st_size,
    )  # fmt: skip
