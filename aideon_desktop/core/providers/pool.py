"""The live providers: built from the registry and the settings on first use, closed together.

The embedded model is built from the ``[local]`` settings; every other provider from its
registry row and its ``[providers.<name>]`` section.  A provider handed in (a warm, shared
embedded model) is used but never closed here.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from aideon_desktop.core import secrets
from aideon_desktop.core.catalog import Catalog
from aideon_desktop.core.config import Settings
from aideon_desktop.core.errors import ProviderError
from aideon_desktop.core.model_files import resolve_model_path
from aideon_desktop.core.providers import registry
from aideon_desktop.core.providers.base import Capability, ChatProvider
from aideon_desktop.core.providers.local import LocalModelConfig, LocalModelProvider
from aideon_desktop.core.providers.registry import BuildContext, ProviderSpec
from aideon_desktop.core.routing import LOCAL, LOCAL_NETWORK, Route

EMBEDDED_SUFFIX = " (embedded)"  # the catalogue marks the bundled model so; its answers do not


def build_local_provider(settings: Settings, catalog: Catalog | None = None) -> LocalModelProvider:
    """The embedded model as the settings describe it; named as the catalogue names the bundled
    model ("SmolLM2 135M Instruct", not its file "SmolLM2-135M-Instruct.Q4_1") unless the user
    chose a model file of their own."""
    local = settings.local
    bundled = catalog.for_provider(LOCAL) if catalog is not None and not local.model_path else []
    return LocalModelProvider(
        LocalModelConfig(
            model_path=resolve_model_path(local.model_path),
            context_length=local.context_length,
            threads=local.threads,
            gpu_layers=local.gpu_layers,
            idle_unload_seconds=local.idle_unload_seconds,
            max_tokens=local.max_tokens,
            temperature=local.temperature,
            display_name=bundled[0].name.removesuffix(EMBEDDED_SUFFIX) if bundled else None,
        )
    )


class ProviderPool:
    def __init__(
        self,
        settings: Settings,
        catalog: Catalog,
        *,
        local: LocalModelProvider | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.catalog = catalog
        self._local = local
        self._owns_local = local is None
        self._sleep = sleep
        self._built: dict[str, Any] = {}
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ access
    @property
    def local(self) -> LocalModelProvider:
        with self._lock:
            if self._local is None:
                self._local = build_local_provider(self.settings, self.catalog)
            return self._local

    @property
    def local_if_built(self) -> LocalModelProvider | None:
        """The embedded model if it exists yet (for state displays that must not build it)."""
        return self._local

    def get(self, name: str) -> ChatProvider:
        if name == LOCAL:
            return self.local
        with self._lock:
            provider = self._built.get(name)
            if provider is None:
                spec = registry.spec(name)
                context = BuildContext(
                    settings=self.settings,
                    catalog=self.catalog,
                    get_key=lambda n=name: secrets.get_api_key(n),  # read at the moment of use
                    sleep=self._sleep,
                )
                provider = spec.provider_class().build(spec, context)
                self._built[name] = provider
            return provider  # type: ignore[no-any-return]

    def usable_cloud(self) -> tuple[str, ...]:
        """Cloud providers that are enabled, have a base URL and a key."""
        return tuple(
            spec.name
            for spec in registry.cloud_specs()
            if self._configured(spec) and secrets.has_api_key(spec.name)
        )

    def _configured(self, spec: ProviderSpec) -> bool:
        section = self.settings.provider(spec.name)
        return section.enabled and bool(section.base_url)

    def with_capability(self, capability: Capability) -> list[tuple[ProviderSpec, Any]]:
        """Usable providers that declare ``capability`` in their registry row."""
        return [
            (registry.spec(name), self.get(name))
            for name in self.usable_cloud()
            if registry.spec(name).has(capability)
        ]

    # ------------------------------------------------------------------ routes
    def local_route(self) -> Route:
        """The model the user chose to answer on this device (embedded, Ollama, LM Studio)."""
        local = self.settings.local
        if local.engine != "embedded" and local.server_model:
            where = registry.spec(local.engine).display_name
            display = f"{local.server_model} ({where})"
            return Route(local.engine, local.server_model, display, own_hardware=True)
        return self.embedded_route()

    def on_device_fallbacks(self) -> tuple[Route, ...]:
        """After an Ollama / LM Studio model, the embedded model still answers on device."""
        if self.settings.local.engine != "embedded" and self.settings.local.server_model:
            return (self.embedded_route(),)
        return ()

    def embedded_route(self) -> Route:
        """The embedded model: the bundled one by its catalogue name (as the model picker and
        the chat header name it), a model file the user chose by the file's name."""
        try:
            label = self.local.model_label
        except ProviderError:
            label = "local model"
        entry = self.catalog.for_provider(LOCAL)
        if entry and not self.settings.local.model_path:
            model_id, label = entry[0].id, entry[0].name.removesuffix(EMBEDDED_SUFFIX)
        else:
            model_id = label
        return Route(LOCAL, model_id, f"{label} (on this device)", own_hardware=True)

    def network_route(self) -> Route | None:
        net = self.settings.provider(LOCAL_NETWORK)
        if not (net.enabled and net.model and net.base_url):
            return None
        return Route(
            LOCAL_NETWORK, net.model, f"{net.model} on your network", own_hardware=net.trusted
        )

    # --------------------------------------------------------------- lifecycle
    def apply(self, settings: Settings, catalog: Catalog) -> None:
        """New settings: HTTP providers are rebuilt lazily, the embedded model only when its
        own settings changed (a warm model is not thrown away for nothing).

        The old embedded model is closed on a thread of its own: closing waits for a running
        generation to end, and nothing (the GUI thread applying settings, a cloud answer being
        planned) may wait for a slow local answer."""
        retired: LocalModelProvider | None = None
        with self._lock:
            for provider in self._built.values():
                provider.close()
            self._built = {}
            if settings.local != self.settings.local and self._local is not None:
                if self._owns_local:
                    retired = self._local
                self._local, self._owns_local = None, True
            self.settings, self.catalog = settings, catalog
        if retired is not None:
            threading.Thread(target=retired.close, name="aideon-model-close", daemon=True).start()

    def close(self) -> None:
        with self._lock:
            for provider in self._built.values():
                provider.close()
            self._built = {}
            if self._local is not None and self._owns_local:
                self._local.close()
