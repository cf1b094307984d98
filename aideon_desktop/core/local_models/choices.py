"""Everything the user can pick to answer on this device, and which one is active.

One list for the CLI and the desktop Models page: the bundled SmolLM2, the catalogue (downloaded
or not, with a fit verdict for this machine), and the models a running Ollama or LM Studio
serves.  ``apply_choice`` turns a pick into new ``LocalModelSettings``; nothing here touches the
settings file or a provider, so a GUI can call it from any thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from aideon_desktop.core.config import LocalModelSettings
from aideon_desktop.core.errors import InputError, ModelFileError
from aideon_desktop.core.hardware import MemorySnapshot
from aideon_desktop.core.local_models.catalog import BUNDLED_NAME, CatalogModel, find_model
from aideon_desktop.core.local_models.download import partial_bytes
from aideon_desktop.core.local_models.fit import (
    FitReport,
    ModelShape,
    assess_fit,
    estimate_memory,
)
from aideon_desktop.core.local_models.installed import InstalledModel, ModelStore
from aideon_desktop.core.local_models.servers import ServerModel, ServerStatus
from aideon_desktop.core.model_files import check_gguf_file, default_model_path, gguf_facts

ChoiceKind = Literal["bundled", "catalog", "ollama", "lmstudio", "file"]
BUNDLED_ALIASES = {BUNDLED_NAME, "default", "bundled", "built-in", "smollm2"}


@dataclass(frozen=True)
class ModelChoice:
    key: str  # what `aideon models use` takes
    title: str
    kind: ChoiceKind
    ready: bool  # usable now, no download needed
    active: bool = False
    size_bytes: int | None = None
    fit: FitReport | None = None
    licence: str = ""
    languages_total: int | None = None
    paused_bytes: int = 0  # an unfinished download on disk
    catalog: CatalogModel | None = None
    installed: InstalledModel | None = None
    server: ServerModel | None = None

    @property
    def where(self) -> str:
        if self.kind in ("ollama", "lmstudio"):
            name = "Ollama" if self.kind == "ollama" else "LM Studio"
            return f"runs on this machine in {name}"
        return "runs on this machine (built into Aideon)"


def active_key(settings: LocalModelSettings, store: ModelStore) -> str:
    if settings.engine != "embedded":
        return f"{settings.engine}:{settings.server_model}"
    if not settings.model_path.strip():
        return BUNDLED_NAME
    installed = store.find_by_path(Path(settings.model_path))
    return installed.name if installed else settings.model_path


def _file_fit(path: Path, context: int, memory: MemorySnapshot, gpu: bool) -> FitReport | None:
    try:
        facts = gguf_facts(path)
    except ModelFileError:
        return None
    estimate = estimate_memory(ModelShape.from_gguf(facts), path.stat().st_size, context)
    return assess_fit(estimate, memory, gpu)


def _bundled(settings: LocalModelSettings, memory: MemorySnapshot, gpu: bool) -> ModelChoice:
    path = default_model_path()
    return ModelChoice(
        key=BUNDLED_NAME,
        title="SmolLM2 135M Instruct (built in, offline fallback)",
        kind="bundled",
        ready=True,
        size_bytes=path.stat().st_size,
        fit=_file_fit(path, settings.context_length, memory, gpu),
        licence="Apache-2.0",
        languages_total=1,
    )


def _catalogued(
    model: CatalogModel,
    settings: LocalModelSettings,
    store: ModelStore,
    memory: MemorySnapshot,
    gpu: bool,
) -> ModelChoice:
    installed = store.get(model.name)
    if installed is not None:
        fit = _file_fit(installed.path(store.root), settings.context_length, memory, gpu)
    else:
        fit = assess_fit(model.estimate(settings.context_length), memory, gpu)
    return ModelChoice(
        key=model.name,
        title=model.title,
        kind="catalog",
        ready=installed is not None,
        size_bytes=installed.size_bytes if installed else model.size_bytes,
        fit=fit,
        licence=model.licence,
        languages_total=model.languages_total,
        paused_bytes=0 if installed else partial_bytes(model, store),
        catalog=model,
        installed=installed,
    )


def list_choices(
    settings: LocalModelSettings,
    catalog: Sequence[CatalogModel],
    store: ModelStore,
    servers: Sequence[ServerStatus],
    memory: MemorySnapshot,
    use_gpu: bool = False,
) -> list[ModelChoice]:
    """Bundled model, catalogue, then server models; exactly one is ``active`` when the active
    setting names something that exists."""
    choices = [_bundled(settings, memory, use_gpu)]
    choices += [_catalogued(m, settings, store, memory, use_gpu) for m in catalog]
    for status in servers:
        for model in status.models if status.running and status.on_this_device else ():
            choices.append(
                ModelChoice(
                    key=model.choice,
                    title=f"{model.id} ({status.display})",
                    kind=status.server,
                    ready=True,
                    size_bytes=model.size_bytes,
                    server=model,
                )
            )
    active = active_key(settings, store)
    return [replace(c, active=True) if c.key == active else c for c in choices]


def recommended(choices: Sequence[ModelChoice]) -> ModelChoice | None:
    """The best-ranked catalogue model that fits this machine comfortably."""
    fitting = [
        c
        for c in choices
        if c.catalog is not None and c.fit is not None and c.fit.verdict == "fits"
    ]
    return max(fitting, key=lambda c: c.catalog.rank if c.catalog else 0, default=None)


def _server_choice(key: str, servers: Sequence[ServerStatus]) -> tuple[str, str]:
    kind, _, model_id = key.partition(":")
    status = next((s for s in servers if s.server == kind), None)
    display = "Ollama" if kind == "ollama" else "LM Studio"
    if status is None or not status.running:
        raise InputError(f"{display} is not running on this machine, so {model_id} cannot be used.")
    if not status.on_this_device:
        raise InputError(f"{display} at {status.base_url} is not on this machine; not trusted.")
    if model_id not in {m.id for m in status.models}:
        names = ", ".join(m.id for m in status.models) or "none"
        raise InputError(f"{display} has no model '{model_id}' (it has: {names}).")
    return kind, model_id


def apply_choice(
    settings: LocalModelSettings,
    key: str,
    catalog: Sequence[CatalogModel],
    store: ModelStore,
    servers: Sequence[ServerStatus],
) -> LocalModelSettings:
    """New settings with ``key`` as the on-device model.  InputError when it cannot be used
    (not downloaded, server not running, unknown name)."""
    key = key.strip()
    update: dict[str, object]
    if key.lower() in BUNDLED_ALIASES:
        update = {"engine": "embedded", "model_path": "", "server_model": ""}
    elif key.startswith(("ollama:", "lmstudio:")):
        kind, model_id = _server_choice(key, servers)
        update = {"engine": kind, "server_model": model_id}
    elif key.endswith(".gguf") and ("/" in key or "\\" in key):
        path = Path(key).expanduser().resolve()
        try:
            check_gguf_file(path)
        except ModelFileError as exc:
            raise InputError(str(exc)) from None
        update = {"engine": "embedded", "model_path": str(path), "server_model": ""}
    else:
        model = find_model(key, catalog)
        installed = store.get(model.name)
        if installed is None:
            raise InputError(
                f"{model.title} is not downloaded yet: run `aideon models pull {model.name}`."
            )
        path = installed.path(store.root)
        update = {"engine": "embedded", "model_path": str(path), "server_model": ""}
    return settings.model_copy(update=update)
