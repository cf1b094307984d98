"""Testing a cloud connection with a key as the user typed it, before it is saved: the provider is
built from its registry row exactly as the app builds it, but reads the typed key instead of the
keyring, asks for its model list (the cheap health probe) and is closed again."""

from __future__ import annotations

from typing import Any

from aideon_desktop.core.catalog import Catalog
from aideon_desktop.core.config import Settings
from aideon_desktop.core.errors import InputError
from aideon_desktop.core.logs import register_secret
from aideon_desktop.core.providers import registry


def count_models(listing: Any) -> int:
    """Models in a ``GET /models`` answer (a bare list, or OpenAI's ``{"data": [...]}``)."""
    if isinstance(listing, list):
        return len(listing)
    if isinstance(listing, dict) and isinstance(listing.get("data"), list):
        return len(listing["data"])
    return 0


def check_connection(
    provider: str, key: str, settings: Settings, catalog: Catalog, base_url: str | None = None
) -> str:
    """Connect to ``provider`` with ``key`` (and ``base_url`` when given) and return a sentence
    for the user; raises AideonError (the provider masks the key) when the provider refuses or is unreachable.
    Blocking network I/O: call it off the GUI thread."""
    key = key.strip()
    if not key:
        raise InputError("Paste a key first, then test it.")
    register_secret(key)  # masked from logs and errors from here on
    spec = registry.spec(provider)
    settings = settings.model_copy(deep=True)
    if base_url is not None and base_url.strip():
        settings.provider(provider).base_url = base_url.strip()
    context = registry.BuildContext(
        settings=settings, catalog=catalog, get_key=lambda: key, sleep=lambda s: None
    )
    built = spec.provider_class().build(spec, context)
    try:
        count = count_models(built.list_models())
    finally:
        built.close()
    return f"Connected to {spec.display_name}: {count} models available."
