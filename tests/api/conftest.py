"""A running ``aideon serve`` with short limits, the fake cloud behind it and the warm local
model, for the raw-socket and limit tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from aideon_desktop.api.server import ApiServer, ServerLimits
from aideon_desktop.core.answering import Assistant
from aideon_desktop.core.config import load_settings
from tests.fake_cloud import FakeCloud
from tests.support.catalogs import CATALOG

# Short enough that a test waits seconds, not minutes, for the server to act.
FAST = ServerLimits(
    max_connections=24,
    header_timeout_s=1.0,
    body_timeout_s=1.0,
    idle_timeout_s=1,
    max_body_bytes=256 * 1024,
    max_header_bytes=8 * 1024,
)


@pytest.fixture
def fake_cloud(monkeypatch: pytest.MonkeyPatch):
    with FakeCloud("together") as fake:
        monkeypatch.setenv("TOGETHER_API_KEY", "tk-test-cccccccccccccccccccc")
        monkeypatch.setenv("AIDEON_TOGETHER_BASE_URL", fake.base_url)
        monkeypatch.setenv("HF_TOKEN", "hf_testtesttesttesttesttesttesttest")
        monkeypatch.setenv("AIDEON_HF_BASE_URL", fake.base_url)
        yield fake


@pytest.fixture
def api(fake_cloud, local_provider, isolated_home: Path):
    settings = load_settings().settings
    settings.local.max_tokens = 16
    assistant = Assistant(settings, local=local_provider, catalog=CATALOG, sleep=lambda s: None)
    server = ApiServer(assistant, port=0, limits=FAST)
    server.start()
    yield server
    server.stop()
    assistant.close()
