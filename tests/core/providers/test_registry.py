"""The provider registry: one row per provider, and everything else reads it."""

from __future__ import annotations

import dataclasses

import pytest

from aideon_desktop.cli import build_parser
from aideon_desktop.core import secrets
from aideon_desktop.core.config import Settings, env_overrides, load_settings
from aideon_desktop.core.providers import registry
from aideon_desktop.core.providers.pool import ProviderPool
from aideon_desktop.core.providers.registry import ProviderSpec
from tests.fake_cloud import FakeCloud
from tests.support.catalogs import CATALOG

EXTRA_ROW = {
    "name": "acme",
    "display_name": "Acme Cloud",
    "kind": "cloud",
    "class": "aideon_desktop.core.providers.openai_compatible:OpenAICompatibleProvider",
    "base_url": "https://api.acme.example/v1",
    "base_url_env": "AIDEON_ACME_BASE_URL",
    "key_env": "ACME_API_KEY",
    "capabilities": ["models"],
}


def test_rows_are_complete_and_names_unique() -> None:
    specs = registry.specs()
    names = [s.name for s in specs]
    assert len(names) == len(set(names)) and {"local", "together", "huggingface"} <= set(names)
    for spec in specs:
        assert spec.display_name and spec.provider_class() is not None
        if spec.kind == "cloud":
            assert spec.base_url.startswith("https://") and spec.key_env and spec.needs_key
            assert not spec.trusted, f"{spec.name}: a cloud is never trusted with private prompts"
    assert registry.spec("local").trusted and registry.spec("local").kind == "embedded"


def test_unknown_kind_or_capability_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        ProviderSpec.from_row({**EXTRA_ROW, "kind": "satellite"})
    with pytest.raises(ValueError, match="unknown"):
        ProviderSpec.from_row({**EXTRA_ROW, "capabilities": ["teleport"]})


def test_a_new_provider_is_one_row(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings, keyring env override, CLI choices and the pool all pick up an added row."""
    rows = (*registry.specs(), ProviderSpec.from_row(EXTRA_ROW))
    monkeypatch.setattr(registry, "specs", lambda: rows)
    settings = Settings()
    assert settings.provider("acme").base_url == "https://api.acme.example/v1"
    assert env_overrides()["AIDEON_ACME_BASE_URL"] == "providers.acme.base_url"
    assert secrets.key_env("acme") == "ACME_API_KEY"
    keys = build_parser().parse_args(["keys", "test", "acme"])
    assert keys.provider == "acme"
    with FakeCloud("together") as fake:
        monkeypatch.setenv("ACME_API_KEY", "acme-key-0123456789")
        monkeypatch.setenv("AIDEON_ACME_BASE_URL", fake.base_url)
        pool = ProviderPool(load_settings().settings, CATALOG)
        assert "acme" in pool.usable_cloud()
        models = pool.get("acme").list_models()
        pool.close()
    assert models and fake.requests[0]["headers"]["Authorization"] == "Bearer acme-key-0123456789"


def test_specs_are_immutable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        registry.spec("together").trusted = True  # type: ignore[misc]
