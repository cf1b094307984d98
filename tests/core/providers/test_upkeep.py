"""Price refresh and health probes against the fake clouds."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from aideon_desktop.core.catalog import load_catalog
from aideon_desktop.core.config import load_settings
from aideon_desktop.core.providers.pool import ProviderPool
from aideon_desktop.core.providers.resilience import BreakerBoard
from aideon_desktop.core.providers.upkeep import check_health, refresh_prices
from tests.fake_cloud import FakeCloud


@pytest.fixture
def clouds(monkeypatch: pytest.MonkeyPatch):
    with FakeCloud("together") as together, FakeCloud("huggingface") as hf:
        monkeypatch.setenv("TOGETHER_API_KEY", "tk-test-aaaaaaaaaaaaaaaaaaaa")
        monkeypatch.setenv("HF_TOKEN", "hf_testtesttesttesttesttesttesttest")
        monkeypatch.setenv("AIDEON_TOGETHER_BASE_URL", together.base_url)
        monkeypatch.setenv("AIDEON_HF_BASE_URL", hf.base_url)
        yield together, hf


def test_catalog_refresh_updates_prices_from_models_endpoints(clouds, isolated_home: Path) -> None:
    from aideon_desktop.core.catalog import user_catalog_path

    pool = ProviderPool(load_settings().settings, load_catalog())
    _catalog, counts = refresh_prices(pool, pool.catalog)
    assert counts["together"] >= 1 and counts["huggingface"] >= 1
    refreshed = load_catalog()
    assert user_catalog_path().is_file()
    assert refreshed.find("together", "openai/gpt-oss-120b").input_per_million == Decimal("0.16")
    # a router row "org/model:cheapest" takes the price of its cheapest live provider
    assert refreshed.find(
        "huggingface", "deepseek-ai/DeepSeek-V4-Flash:cheapest"
    ).output_per_million == Decimal("0.27")
    assert len(refreshed.model) >= 25
    pool.close()


def test_health_check_feeds_the_breakers(
    clouds, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(
        "AIDEON_HF_BASE_URL", "http://127.0.0.1:9/v1"
    )  # nothing listens on the discard port
    pool = ProviderPool(load_settings().settings, load_catalog())
    breakers = BreakerBoard()
    results = check_health(pool, breakers)
    assert results["together"] == "ok" and "Could not reach" in results["huggingface"]
    pool.close()
