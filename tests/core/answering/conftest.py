"""Fixtures for the answering pipeline: fake clouds on loopback with keys in the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from aideon_desktop.core.answering import Assistant
from aideon_desktop.core.config import Settings, load_settings
from tests.fake_cloud import FakeCloud
from tests.support.catalogs import CATALOG


@pytest.fixture
def clouds(monkeypatch: pytest.MonkeyPatch):
    with FakeCloud("together") as together, FakeCloud("huggingface") as hf:
        monkeypatch.setenv("TOGETHER_API_KEY", "tk-test-aaaaaaaaaaaaaaaaaaaa")
        monkeypatch.setenv("HF_TOKEN", "hf_testtesttesttesttesttesttesttest")
        monkeypatch.setenv("AIDEON_TOGETHER_BASE_URL", together.base_url)
        monkeypatch.setenv("AIDEON_HF_BASE_URL", hf.base_url)
        monkeypatch.setenv("AIDEON_HF_LEGACY_BASE_URL", hf.root_url)
        yield together, hf


def no_local_model(tmp_path: Path) -> Settings:
    """Settings whose embedded model file is missing: a private prompt has nowhere to go."""
    settings = load_settings().settings
    settings.local.model_path = str(tmp_path / "missing.gguf")
    return settings


@pytest.fixture
def assistant(clouds, local_provider, isolated_home: Path):
    a = Assistant(
        load_settings().settings, local=local_provider, catalog=CATALOG, sleep=lambda s: None
    )
    yield a
    a.close()
