"""What the Models page shows, gathered in one call: every on-device choice, the servers found,
the model recommended for this machine, and whether to suggest it on first run.

``take_overview`` probes Ollama / LM Studio and reads memory and GGUF headers: about a second at
worst, so a GUI calls it from a worker thread.  Nothing here touches the settings file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from aideon_desktop.core.config import LocalModelSettings
from aideon_desktop.core.hardware import gpu_offload_supported, memory_snapshot
from aideon_desktop.core.local_models.catalog import CatalogModel, load_catalog
from aideon_desktop.core.local_models.choices import (
    ModelChoice,
    active_key,
    list_choices,
    recommended,
)
from aideon_desktop.core.local_models.fit import format_bytes
from aideon_desktop.core.local_models.installed import InstalledModel, ModelStore
from aideon_desktop.core.local_models.servers import ServerStatus, detect_servers

FIRST_RUN_WHY = "private prompts are answered on this device; the built-in model is very small"


@dataclass(frozen=True)
class Overview:
    choices: tuple[ModelChoice, ...]
    servers: tuple[ServerStatus, ...]
    recommended: ModelChoice | None

    def choice(self, key: str) -> ModelChoice | None:
        return next((c for c in self.choices if c.key == key), None)

    @property
    def first_run_pick(self) -> ModelChoice | None:
        return first_run_suggestion(self.choices)


def first_run_suggestion(choices: Sequence[ModelChoice]) -> ModelChoice | None:
    """The recommended model, offered only while the tiny bundled model is the one answering and
    nothing else is ready (no download, no Ollama / LM Studio model)."""
    bundled_active = any(c.kind == "bundled" and c.active for c in choices)
    others_ready = any(c.ready and c.kind != "bundled" for c in choices)
    if not bundled_active or others_ready:
        return None
    return recommended(choices)


def suggestion_text(choice: ModelChoice) -> str:
    """One line naming the model and saying why."""
    size = f" ({format_bytes(choice.size_bytes)})" if choice.size_bytes else ""
    return f"Suggested for this machine: {choice.title}{size}. Why: {FIRST_RUN_WHY}."


def take_overview(
    local: LocalModelSettings,
    *,
    store: ModelStore | None = None,
    catalog: Sequence[CatalogModel] | None = None,
) -> Overview:
    """Blocking (server probes, memory, GGUF headers): call it off the GUI thread."""
    store = store or ModelStore()
    catalog = load_catalog() if catalog is None else catalog
    servers = detect_servers(local.ollama_url, local.lmstudio_url) if local.detect_servers else []
    gpu = local.gpu_layers != 0 and gpu_offload_supported()
    memory = memory_snapshot(include_gpu=gpu)
    choices = list_choices(local, catalog, store, servers, memory, gpu)
    return Overview(tuple(choices), tuple(servers), recommended(choices))


def remove_installed(
    local: LocalModelSettings, name: str, store: ModelStore | None = None
) -> tuple[InstalledModel, LocalModelSettings | None]:
    """Delete a downloaded model.  Returns what was removed and, when it was the active model,
    the settings that switch back to the bundled one (None otherwise).  InputError when it is
    not installed."""
    store = store or ModelStore()
    was_active = active_key(local, store) == name
    removed = store.remove(name)
    if not was_active:
        return removed, None
    return removed, local.model_copy(update={"model_path": "", "engine": "embedded"})
