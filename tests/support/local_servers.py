"""The provider the app builds for an Ollama / LM Studio at a URL (its registry row)."""

from __future__ import annotations

import time

from aideon_desktop.core.config import Settings
from aideon_desktop.core.providers import registry
from aideon_desktop.core.providers.local_server import LocalServerProvider
from aideon_desktop.core.providers.registry import BuildContext
from tests.support.catalogs import CATALOG


def server_provider(kind: str, url: str) -> LocalServerProvider:
    settings = Settings()
    setattr(settings.local, f"{kind}_url", url)
    spec = registry.spec(kind)
    return LocalServerProvider.build(
        spec, BuildContext(settings, CATALOG, lambda: None, time.sleep)
    )
