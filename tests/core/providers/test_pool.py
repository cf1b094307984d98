"""The provider pool: built lazily from settings, usable clouds need a key, routes."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from aideon_desktop.core.config import load_settings
from aideon_desktop.core.providers.huggingface import HuggingFaceProvider
from aideon_desktop.core.providers.pool import ProviderPool
from aideon_desktop.core.routing import LOCAL_NETWORK
from tests.support.catalogs import CATALOG, model


def test_usable_clouds_need_enabled_url_and_key(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings().settings
    pool = ProviderPool(settings, CATALOG)
    assert pool.usable_cloud() == ()
    monkeypatch.setenv("TOGETHER_API_KEY", "tk-test-0123456789abcdef")
    assert pool.usable_cloud() == ("together",)
    settings.provider("together").enabled = False
    assert pool.usable_cloud() == ()
    pool.close()


def test_providers_are_built_once_and_rebuilt_after_new_settings() -> None:
    settings = load_settings().settings
    pool = ProviderPool(settings, CATALOG)
    first = pool.get("together")
    assert pool.get("together") is first and not first.trusted
    changed = settings.model_copy(deep=True)
    changed.provider("together").base_url = "http://127.0.0.1:9/v1"
    pool.apply(changed, CATALOG)
    second = pool.get("together")
    assert second is not first and second.config.base_url == "http://127.0.0.1:9/v1"
    pool.close()


def test_hf_learns_its_legacy_models_from_the_catalog() -> None:
    catalog = CATALOG.model_copy(
        update={
            "model": [*CATALOG.model, model("huggingface", "org/old", "0", api="text-generation")]
        }
    )
    pool = ProviderPool(load_settings().settings, catalog)
    provider = pool.get("huggingface")
    assert isinstance(provider, HuggingFaceProvider) and provider._legacy_models == {"org/old"}
    pool.close()


def test_network_route_is_trusted_only_when_the_user_says_so() -> None:
    settings = load_settings().settings
    pool = ProviderPool(settings, CATALOG)
    assert pool.network_route() is None
    section = settings.provider(LOCAL_NETWORK)
    section.enabled, section.model = True, "qwen2.5:7b"
    route = pool.network_route()
    assert route is not None and not route.own_hardware and not pool.get(LOCAL_NETWORK).trusted
    section.trusted = True
    pool.apply(settings.model_copy(deep=True), CATALOG)
    assert pool.network_route().own_hardware and pool.get(LOCAL_NETWORK).trusted
    pool.close()


def test_local_route_names_the_model_and_survives_a_missing_file(tmp_path: Path) -> None:
    settings = load_settings().settings
    pool = ProviderPool(settings, CATALOG)
    route = pool.local_route()
    assert route.is_local and route.own_hardware and "on this device" in route.display
    settings.local.model_path = str(tmp_path / "missing.gguf")
    broken = ProviderPool(settings, CATALOG)
    assert broken.local_route().own_hardware
    pool.close()
    broken.close()


def test_a_handed_in_local_model_is_not_closed(local_provider) -> None:
    pool = ProviderPool(load_settings().settings, CATALOG, local=local_provider)
    assert pool.local is local_provider
    local_provider.ensure_loaded()
    pool.close()
    assert local_provider.state == "ready"


def test_new_local_settings_never_wait_for_a_running_generation() -> None:
    """Issue 16 #12: applying settings (on the GUI thread) closed the old embedded model under
    the pool's lock, which waits for a running generation: the UI, and every cloud answer being
    planned, froze until a slow local answer ended."""
    settings = load_settings().settings
    pool = ProviderPool(settings, CATALOG)
    old = pool.local
    changed = settings.model_copy(deep=True)
    changed.local.threads = 1
    applied = threading.Event()
    with old._generation_lock:  # a long local generation is running
        threading.Thread(
            target=lambda: (pool.apply(changed, CATALOG), applied.set()), daemon=True
        ).start()
        assert applied.wait(10), "apply() waited for the local generation"
        assert pool.local is not old and pool.local_route().is_local
    pool.close()


def test_the_bundled_model_is_called_by_its_catalogue_name(tmp_path: Path) -> None:
    """ "Loading the local model SmolLM2-135M-Instruct.Q4_1…" named the file while the header
    said "SmolLM2 135M Instruct"; a model file of the user's own keeps its file's name."""
    from aideon_desktop.core.catalog import load_catalog

    settings = load_settings().settings
    pool = ProviderPool(settings, load_catalog())
    assert pool.local.model_label == "SmolLM2 135M Instruct"
    settings.local.model_path = str(tmp_path / "my-model.Q4_K_M.gguf")
    own = ProviderPool(settings, load_catalog())
    assert own.local.model_label == "my-model.Q4_K_M"
    pool.close()
    own.close()
