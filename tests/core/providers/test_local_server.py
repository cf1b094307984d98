"""Ollama and LM Studio as providers: the address comes from settings, and the server is
trusted with private prompts only on a loopback address."""

from __future__ import annotations

import pytest

from tests.support.local_servers import server_provider


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
    provider = server_provider(name, url)
    assert provider.config.trusted is trusted
    assert provider.config.base_url == url.rstrip("/") + "/v1"
    assert not provider.config.needs_key
