"""Fixtures for the local-model manager: a fake Hub with a generated "model" file, catalogue
entries that point at it, and small tmpfs disks."""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from aideon_desktop.core.local_models.catalog import CatalogModel, ShapeEntry
from tests.conftest import IN_CI
from tests.support.fake_hub import FakeHub

MiB = 1 << 20
REPO = "aideon-test/tiny-chat-GGUF"
FILE = "tiny-chat-Q4_K_M.gguf"


@pytest.fixture(scope="session")
def model_bytes() -> bytes:
    """24 MiB of reproducible bytes: bigger than huggingface_hub's 10 MiB download chunk, so a
    download has several chunks to cut, pause and resume between."""
    return random.Random(20).randbytes(24 * MiB)


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch, model_bytes: bytes) -> Iterator[FakeHub]:
    fake = FakeHub()
    fake.add_file(REPO, FILE, model_bytes)
    fake.start()
    monkeypatch.setenv("HF_ENDPOINT", fake.endpoint)
    yield fake
    fake.stop()


def catalog_entry(
    hub: FakeHub, data: bytes, *, pinned: bool = True, **changes: object
) -> CatalogModel:
    fields: dict[str, object] = {
        "name": "tiny-chat",
        "title": "Tiny Chat",
        "family": "Test",
        "parameters": "1M",
        "repo": REPO,
        "revision": hub.repos[REPO].refs["main"] if pinned else "",
        "file": FILE,
        "quantization": "Q4_K_M",
        "size_bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest() if pinned else "",
        "licence": "Apache-2.0",
        "licence_url": "https://example.invalid/licence",
        "context_length": 2048,
        "languages": ("en",),
        "languages_total": 1,
        "rank": 1,
        "notes": "",
        "provenance": "generated in the test",
        "shape": ShapeEntry(
            layers=2, heads=2, kv_heads=1, head_dim=8, embedding=16, feed_forward=32, vocab=64
        ),
    }
    fields.update(changes)
    return CatalogModel(**fields)  # type: ignore[arg-type]


@contextlib.contextmanager
def tmpfs(directory: Path, size_mib: int) -> Iterator[Path]:
    """A real size-limited filesystem (tmpfs) mounted at ``directory``.  Needs root; skipped
    locally without it, a failure under CI."""
    directory.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_mib}m", "tmpfs", str(directory)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        message = f"cannot mount a tmpfs ({result.stderr.strip() or result.returncode})"
        if IN_CI:
            pytest.fail(message + "; CI runs as root")
        pytest.skip(message)
    try:
        yield directory
    finally:
        subprocess.run(["umount", "-l", str(directory)], check=False)


def wait_for_size(path: Path, at_least: int, timeout_s: float = 20.0) -> None:
    import time

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if path.exists() and os.path.getsize(path) >= at_least:
            return
        time.sleep(0.02)
    size = os.path.getsize(path) if path.exists() else None
    raise AssertionError(f"{path} did not reach {at_least} bytes (size {size})")
