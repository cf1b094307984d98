"""The table of providers (``resources/providers.toml``) and how a row becomes a provider.

Everything that needs to know which providers exist reads this table: settings sections,
keyring entries and their environment overrides, the CLI's choices, the settings dialog and the
provider pool.  Adding a provider is one module plus one row.
"""

from __future__ import annotations

import functools
import importlib
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from aideon_desktop.core.providers.base import Capability
from aideon_desktop.core.resources import resource_path

ProviderKind = Literal["embedded", "cloud", "network", "local_server"]


@dataclass(frozen=True)
class ProviderSpec:
    """One row of the registry (see the file's header for what each field means)."""

    name: str
    display_name: str
    kind: ProviderKind
    class_path: str
    base_url: str = ""
    base_url_env: str | None = None
    key_env: str | None = None
    needs_key: bool = True
    trusted: bool = False
    signup_url: str = ""
    capabilities: frozenset[Capability] = frozenset()
    premium: bool = False
    enabled_by_default: bool = True

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ProviderSpec:
        row = dict(row)
        row["class_path"] = row.pop("class")
        row["capabilities"] = frozenset(row.get("capabilities", ()))
        spec = cls(**row)
        if spec.kind not in ("embedded", "cloud", "network", "local_server"):
            raise ValueError(f"providers.toml: {spec.name} has an unknown kind {spec.kind!r}")
        unknown = spec.capabilities - {"models", "prices"}
        if unknown:
            raise ValueError(f"providers.toml: {spec.name} declares unknown {sorted(unknown)}")
        return spec

    def provider_class(self) -> type[Any]:
        module, _, attribute = self.class_path.partition(":")
        return getattr(importlib.import_module(module), attribute)  # type: ignore[no-any-return]

    def has(self, capability: Capability) -> bool:
        return capability in self.capabilities


@functools.cache
def specs() -> tuple[ProviderSpec, ...]:
    with resource_path("providers.toml").open("rb") as fh:
        rows = tomllib.load(fh)["provider"]
    return tuple(ProviderSpec.from_row(row) for row in rows)


def spec(name: str) -> ProviderSpec:
    for row in specs():
        if row.name == name:
            return row
    raise KeyError(f"unknown provider {name!r}")


def find(name: str) -> ProviderSpec | None:
    return next((row for row in specs() if row.name == name), None)


def remote_specs() -> tuple[ProviderSpec, ...]:
    """Providers with a ``[providers.<name>]`` settings section: clouds and network servers."""
    return tuple(row for row in specs() if row.kind in ("cloud", "network"))


def cloud_specs() -> tuple[ProviderSpec, ...]:
    return tuple(row for row in specs() if row.kind == "cloud")


def keyed_specs() -> tuple[ProviderSpec, ...]:
    """Providers with a keyring entry (cloud keys, and an optional key for a network server)."""
    return tuple(row for row in specs() if row.kind in ("cloud", "network"))


def on_device_names() -> frozenset[str]:
    """Providers that run on this machine (usage counts their answers as kept on device)."""
    return frozenset(row.name for row in specs() if row.kind in ("embedded", "local_server"))


@dataclass(frozen=True)
class BuildContext:
    """What a provider class may need to build itself from its row and settings section."""

    settings: Any  # config.Settings (not imported: config imports this module)
    catalog: Any  # catalog.Catalog
    get_key: Callable[[], str | None]
    sleep: Callable[[float], None]
