"""Shared fixtures.  Every test gets its own AIDEON_HOME and no cloud keys."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backends import fail

from tests.support.keyring_backend import FileKeyring, use_file_keyring, use_keyring

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require_tool(name: str) -> str:
    """Path of a system tool; skip without it locally, fail in CI (CI must never silently skip)."""
    path = shutil.which(name)
    if path is None:
        message = f"system tool '{name}' is not installed"
        if IN_CI:
            pytest.fail(message + " (CI installs it in .ci/run)")
        pytest.skip(message)
    return path


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "aideon-home"
    home.mkdir()
    monkeypatch.setenv("AIDEON_HOME", str(home))
    for name in (
        "TOGETHER_API_KEY",
        "HF_TOKEN",
        "AIDEON_PREMIUM_API_KEY",
        "AIDEON_MODEL_PATH",
        "AIDEON_TOGETHER_BASE_URL",
        "AIDEON_HF_BASE_URL",
        "OPENROUTER_API_KEY",
        "GROQ_API_KEY",
        "FIREWORKS_API_KEY",
        "DEEPINFRA_API_KEY",
    ):
        monkeypatch.delenv(name, raising=False)
    # Tests never touch the developer's real keyring.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    return home


@pytest.fixture(autouse=True)
def working_keyring(tmp_path: Path, isolated_home: Path) -> Iterator[FileKeyring]:
    """A real keyring in this process (a JSON file the test owns): history is encrypted by
    default and keeps its key there.  Child processes still get the "fail" backend unless a test
    passes ``tests.support.keyring_backend.subprocess_env``."""
    with use_file_keyring(tmp_path / "keyring.json") as backend:
        yield backend


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """No keyring at all in this process, as on a headless box without a Secret Service."""
    with use_keyring(fail.Keyring()):
        yield


@pytest.fixture(scope="session")
def model_path() -> Path:
    from aideon_desktop.core.model_files import default_model_path

    return default_model_path()


@pytest.fixture(scope="session")
def local_provider(model_path: Path):
    """One warm embedded model shared by the tests that only need answers."""
    from aideon_desktop.core.providers.local import LocalModelConfig, LocalModelProvider

    provider = LocalModelProvider(
        LocalModelConfig(
            model_path=model_path,
            context_length=2048,
            max_tokens=24,
            temperature=0.0,
            idle_unload_seconds=0,
        )
    )
    yield provider
    provider.close()
