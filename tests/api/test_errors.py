"""Issue 16 #5 at the API: provider errors reach API clients (a 503 body, an SSE error event)
with any echoed key masked, in every shape the fake cloud can echo it."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from aideon_desktop.api.server import ApiServer
from aideon_desktop.core.answering import Assistant
from aideon_desktop.core.config import load_settings
from tests.api.conftest import FAST
from tests.e2e.test_secrets_in_errors import LEGACY_SHAPES, SHAPES
from tests.fake_cloud import FakeCloud
from tests.support.catalogs import CATALOG

KEY = "sk-live-" + "0a1b2c3d4e5f" * 3


@pytest.fixture
def cloud_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """A server whose only way to answer is the (failing) cloud: no local model file."""
    with FakeCloud("together") as fake:
        for name in ("TOGETHER_API_KEY", "HF_TOKEN"):
            monkeypatch.setenv(name, KEY)
        monkeypatch.setenv("AIDEON_TOGETHER_BASE_URL", fake.base_url)
        monkeypatch.setenv("AIDEON_HF_BASE_URL", fake.base_url)
        monkeypatch.setenv("AIDEON_HF_LEGACY_BASE_URL", fake.root_url)
        settings = load_settings().settings
        settings.local.model_path = str(tmp_path / "missing.gguf")
        settings.routing.answer_budget_seconds = 3
        assistant = Assistant(settings, catalog=CATALOG, use_store=False, sleep=lambda s: None)
        server = ApiServer(assistant, port=0, limits=FAST)
        server.start()
        yield server, fake
        server.stop()
        assistant.close()


@pytest.mark.parametrize("stream", [False, True], ids=["whole", "stream"])
@pytest.mark.parametrize("shape", SHAPES.values(), ids=SHAPES.keys())
def test_an_echoed_key_never_reaches_an_api_client(cloud_only, shape: dict, stream: bool) -> None:
    server, fake = cloud_only
    fake.script(*[shape] * 20)
    fake.script_legacy(*LEGACY_SHAPES * 10)
    response = httpx.post(
        server.url + "/chat/completions",
        json={"messages": [{"role": "user", "content": "Name three colours"}], "stream": stream},
        headers={"Authorization": f"Bearer {server.token}"},
        timeout=60,
    )
    assert fake.chat_requests(), "the cloud was asked, so it had a chance to echo the key"
    if stream:
        assert response.status_code == 200 and '"error"' in response.text
    else:
        assert response.status_code == 503
        assert response.json()["error"]["code"] == "no_provider"
    shown = response.text + str(response.headers)
    assert "No provider could answer" in shown and "[REDACTED]" in shown
    assert KEY not in shown and KEY[8:20] not in shown
