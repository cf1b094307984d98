"""Provider upkeep that is not answering: price refresh and health probes."""

from __future__ import annotations

from datetime import date

from aideon_desktop.core.catalog import Catalog, base_model_id, save_user_catalog
from aideon_desktop.core.errors import ProviderHTTPError
from aideon_desktop.core.providers.pool import ProviderPool
from aideon_desktop.core.providers.resilience import BreakerBoard


def refresh_prices(pool: ProviderPool, catalog: Catalog) -> tuple[Catalog, dict[str, int]]:
    """Catalog prices from every usable provider that reports them (saved for next time);
    returns the new catalog and how many rows each provider updated."""
    updated: dict[str, int] = {}
    for spec, provider in pool.with_capability("prices"):
        prices = provider.prices()
        known = {base_model_id(m.id) for m in catalog.for_provider(spec.name)}  # "org/m:cheapest"
        updated[spec.name] = len(known & set(prices))
        catalog = catalog.with_prices(spec.name, prices, date.today().isoformat())
    save_user_catalog(catalog)
    return catalog, updated


def check_health(pool: ProviderPool, breakers: BreakerBoard) -> dict[str, str]:
    """Probe each usable provider's model list; the outcome feeds its circuit breaker."""
    results = {}
    for spec, provider in pool.with_capability("models"):
        try:
            provider.list_models()
        except ProviderHTTPError as exc:
            breakers.get(spec.name).record_failure()
            results[spec.name] = str(exc)
        else:
            breakers.get(spec.name).record_success()
            results[spec.name] = "ok"
    return results
