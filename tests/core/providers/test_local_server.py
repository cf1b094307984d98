"""Ollama and LM Studio as providers: the address comes from settings, and the server is
trusted with private prompts only on a loopback address."""

from __future__ import annotations

import time

import pytest

from aideon_desktop.core.config import Settings
from aideon_desktop.core.providers import registry
from aideon_desktop.core.providers.local_server import LocalServerProvider
from aideon_desktop.core.providers.registry import BuildContext
from tests.support.catalogs import CATALOG


def build(name: str, url: str) -> LocalServerProvider:
    settings = Settings()
    setattr(settings.local, f"{name}_url", url)
    spec = registry.spec(name)
    return LocalServerProvider.build(
        spec, BuildContext(settings, CATALOG, lambda: None, time.sleep)
    )


@pytest.mark.parametrize("name", ["ollama", "lmstudio"])
@pytest.mark.parametrize(
    ("url", "trusted"),
    [
        ("http://127.0.0.1:11434", True),
        ("http://localhost:1234/", True),
        ("http://[::1]:11434", True),
        ("http://192.168.1.20:11434", False),  # another machine: the egress guard applies
        ("http://ollama.example.com", False),
    ],
)
def test_trusted_only_on_loopback(name: str, url: str, trusted: bool) -> None:
    provider = build(name, url)
    assert provider.config.trusted is trusted
    assert provider.config.base_url == url.rstrip("/") + "/v1"
    assert not provider.config.needs_key
