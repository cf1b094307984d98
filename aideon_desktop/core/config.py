"""Settings: a pydantic model saved as TOML in the config folder.

A broken or hand-edited file never stops the app: every invalid field is reported by name and
replaced by its default, and the original file is kept beside it as a backup.
"""

from __future__ import annotations

import glob
import logging
import os
import shutil
import time
import tomllib
from pathlib import Path
from typing import Any, Literal

import tomli_w
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from aideon_desktop.core import paths
from aideon_desktop.core.providers import registry

log = logging.getLogger(__name__)


class _Section(BaseModel):
    model_config = ConfigDict(extra="ignore", validate_assignment=True)


class LocalModelSettings(_Section):
    model_path: str = Field("", description="GGUF file; empty means the embedded SmolLM2 model")
    context_length: int = Field(4096, ge=256, le=262144)
    threads: int = Field(
        0,
        ge=0,
        le=512,
        description="0 uses the cores other programs leave free, re-checked as it runs",
    )
    batch_threads: int = Field(
        0, ge=0, le=512, description="threads reading the prompt; 0 follows threads"
    )
    engine: Literal["embedded", "ollama", "lmstudio"] = Field(
        "embedded",
        description="what answers on this device: the embedded llama.cpp model, or a model "
        "served by Ollama / LM Studio on this machine",
    )
    server_model: str = Field(
        "", description="the Ollama / LM Studio model when engine is one of them"
    )
    detect_servers: bool = Field(True, description="look for Ollama and LM Studio on this machine")
    ollama_url: str = "http://127.0.0.1:11434"
    lmstudio_url: str = "http://127.0.0.1:1234"
    gpu_layers: int | Literal["auto"] = Field("auto", description="'auto' offloads all if possible")
    idle_unload_seconds: float = Field(600.0, ge=0, description="0 keeps the model loaded")
    preload: bool = Field(
        True,
        description="load the model in the background when a chat window or the quick prompt "
        "first opens (an idle tray app stays small)",
    )
    max_tokens: int = Field(512, ge=1, le=32768)
    temperature: float = Field(0.7, ge=0.0, le=2.0)

    @field_validator("gpu_layers")
    @classmethod
    def _gpu_layers_range(cls, value: int | str) -> int | str:
        if isinstance(value, int) and value < -1:
            raise ValueError("must be 'auto', -1 (all), 0 (none) or a positive layer count")
        return value


class ProviderSettings(_Section):
    """One HTTP provider (a row of resources/providers.toml): cloud, or a server the user runs."""

    enabled: bool = True
    base_url: str = ""
    connect_timeout_seconds: float = Field(10.0, gt=0)
    read_timeout_seconds: float = Field(120.0, gt=0)
    first_token_timeout_seconds: float = Field(60.0, gt=0)
    model: str = Field("", description="network servers: the model to ask for")
    trusted: bool = Field(
        False, description="network servers: my own hardware, may receive private prompts"
    )


def _default_providers() -> dict[str, ProviderSettings]:
    return {
        spec.name: ProviderSettings(enabled=spec.enabled_by_default, base_url=spec.base_url)
        for spec in registry.remote_specs()
    }


class BudgetSettings(_Section):
    """Spending caps in USD; 0 means no cap.  Local and free models are never blocked."""

    daily_usd: float = Field(0.0, ge=0)
    monthly_usd: float = Field(0.0, ge=0)
    per_provider_monthly_usd: dict[str, float] = Field(default_factory=dict)
    warn_at_fraction: float = Field(0.8, gt=0, le=1)


class RoutingSettings(_Section):
    never_premium: bool = False
    max_fallback_price_step: float = Field(
        4.0, ge=1, description="a fallback may cost at most this many times more"
    )
    cache_ttl_hours: float = Field(24.0, ge=0)
    cache_max_entries: int = Field(2000, ge=0)
    answer_budget_seconds: float = Field(
        30.0,
        gt=0,
        le=3600,
        description="cloud providers get this long to start an answer, then the local model",
    )


class PrivacySettings(_Section):
    strictness: Literal["strict", "balanced"] = "balanced"
    redact_and_send: bool = Field(
        False,
        description="mask card numbers, IDs, emails… and use the cloud instead of staying local",
    )
    custom_terms: list[str] = Field(default_factory=list)

    @field_validator("custom_terms")
    @classmethod
    def _clean_terms(cls, terms: list[str]) -> list[str]:
        return [t.strip() for t in terms if t and t.strip()]


class HistorySettings(_Section):
    keep_private_history: bool = True
    retention_days: int = Field(0, ge=0, description="0 keeps history forever")
    storage: Literal["encrypted", "plain", "off"] = Field(
        "encrypted",
        description=(
            "encrypted: SQLCipher, its key in the OS keyring (needs a keyring); "
            "plain: unencrypted, readable by anyone who can read your files (for systems "
            "without a keyring); off: no history is kept at all"
        ),
    )


class UiSettings(_Section):
    """The chat window and quick prompt."""

    send_with_ctrl_enter: bool = Field(
        False, description="Ctrl+Enter sends and Enter starts a new line (default: Enter sends)"
    )
    model_suggestion_dismissed: bool = Field(
        False, description="the suggestion of a better on-device model was dismissed"
    )
    welcome_seen: bool = Field(
        False, description="the first-run welcome was dismissed (Help → Welcome reopens it)"
    )


class Settings(_Section):
    local: LocalModelSettings = Field(default_factory=LocalModelSettings)
    providers: dict[str, ProviderSettings] = Field(default_factory=_default_providers)
    huggingface_legacy_base_url: str = "https://api-inference.huggingface.co"
    budgets: BudgetSettings = Field(default_factory=BudgetSettings)
    routing: RoutingSettings = Field(default_factory=RoutingSettings)
    privacy: PrivacySettings = Field(default_factory=PrivacySettings)
    history: HistorySettings = Field(default_factory=HistorySettings)
    ui: UiSettings = Field(default_factory=UiSettings)
    offline: bool = False
    hotkey: str = "<ctrl>+<alt>+<space>"

    @model_validator(mode="before")
    @classmethod
    def _sections_from_older_files(cls, data: Any) -> Any:
        """Files from before the registry had a top-level table per provider."""
        if isinstance(data, dict):
            for spec in registry.remote_specs():
                if isinstance(data.get(spec.name), dict):
                    data = {**data, "providers": {**data.get("providers", {})}}
                    data["providers"].setdefault(spec.name, data.pop(spec.name))
        return data

    @model_validator(mode="after")
    def _every_registry_provider(self) -> Settings:
        for spec in registry.remote_specs():
            section = self.providers.get(spec.name)
            if section is None:
                self.providers[spec.name] = ProviderSettings(
                    enabled=spec.enabled_by_default, base_url=spec.base_url
                )
            elif not section.base_url:
                section.base_url = spec.base_url
        return self

    def provider(self, name: str) -> ProviderSettings:
        """The settings section of a registry provider."""
        return self.providers[name]


def env_overrides() -> dict[str, str]:
    """Environment variable → dotted settings path, for scripts, CI and fake servers."""
    table = {
        "AIDEON_HF_LEGACY_BASE_URL": "huggingface_legacy_base_url",
        "AIDEON_MODEL_PATH": "local.model_path",
    }
    for spec in registry.remote_specs():
        if spec.base_url_env:
            table[spec.base_url_env] = f"providers.{spec.name}.base_url"
    return table


class LoadedSettings(BaseModel):
    """Settings plus what went wrong while reading them, for the UI and CLI to show."""

    settings: Settings
    problems: list[str] = Field(default_factory=list)
    backup_path: Path | None = None


def _drop_path(data: dict[str, Any], loc: tuple[Any, ...]) -> None:
    node: Any = data
    for key in loc[:-1]:
        if not isinstance(node, dict) or key not in node:
            return
        node = node[key]
    if isinstance(node, dict):
        node.pop(loc[-1], None)


def parse_settings(raw: dict[str, Any]) -> tuple[Settings, list[str]]:
    """Validate ``raw``; invalid fields fall back to defaults and are reported by dotted name."""
    problems: list[str] = []
    for _ in range(50):
        try:
            return Settings.model_validate(raw), problems
        except ValidationError as exc:
            for err in exc.errors():
                loc = tuple(err["loc"])
                # For union types pydantic appends the tried type to the location.
                field_loc = tuple(p for p in loc if not str(p).startswith(("int", "literal")))
                name = ".".join(str(p) for p in field_loc) or "(file)"
                problems.append(f"{name}: {err['msg']}")
                _drop_path(raw, field_loc or loc)
    return Settings(), [*problems, "too many invalid fields; using all defaults"]


def _walk(node: Any, keys: list[str]) -> Any:
    for key in keys:
        node = node[key] if isinstance(node, dict) else getattr(node, key)
    return node


def _apply_env(settings: Settings) -> Settings:
    for env, dotted in env_overrides().items():
        value = os.environ.get(env)
        if value:
            *parents, field = dotted.split(".")
            setattr(_walk(settings, parents), field, value)
    return settings


def _dump_without_env(settings: Settings, previous: dict[str, Any]) -> dict[str, Any]:
    """The settings as saved: a value that only came from an environment override is written
    as it was before (in the file, else the default), never as the override."""
    data = settings.model_dump(mode="json")
    defaults = Settings().model_dump(mode="json")
    for env, dotted in env_overrides().items():
        value = os.environ.get(env)
        *parents, field = dotted.split(".")
        try:
            target = _walk(data, parents)
        except (KeyError, AttributeError):
            continue
        if not value or target.get(field) != value:
            continue  # no override, or the user changed the value on purpose
        try:
            target[field] = _walk(previous, parents)[field]
        except (KeyError, TypeError):
            target[field] = _walk(defaults, parents).get(field)
    return data


def load_settings(path: Path | None = None) -> LoadedSettings:
    """Read settings; never raises for a bad file (see module docstring)."""
    path = path or paths.settings_file()
    if not path.exists():
        return LoadedSettings(settings=_apply_env(Settings()))
    problems: list[str] = []
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raw = {}
        problems.append(f"{path.name} could not be read ({exc}); using defaults")
    settings, field_problems = parse_settings(raw)
    problems += field_problems
    backup = None
    if problems:
        backup = _backup_once(path)
        for problem in problems:
            log.warning("settings: %s", problem)
    return LoadedSettings(settings=_apply_env(settings), problems=problems, backup_path=backup)


def _backup_once(path: Path) -> Path | None:
    """Keep the bad file beside it, once per distinct content: while the same bad file stays,
    every run points at the backup already made instead of writing another one."""
    try:
        content = path.read_bytes()
        for existing in sorted(path.parent.glob(f"{glob.escape(path.name)}.bad-*")):
            if existing.is_file() and existing.read_bytes() == content:
                return existing
        backup = path.with_name(f"{path.name}.bad-{time.strftime('%Y%m%d-%H%M%S')}")
        if backup.exists():
            backup = path.with_name(f"{backup.name}-{time.monotonic_ns()}")
        shutil.copy2(path, backup)
    except OSError:
        return None
    return backup


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write settings atomically (temp file + rename); environment overrides are not written."""
    path = path or paths.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        previous = Settings.model_validate(
            tomllib.loads(path.read_text(encoding="utf-8"))
        ).model_dump(mode="json")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValidationError):
        previous = {}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(tomli_w.dumps(_dump_without_env(settings, previous)), encoding="utf-8")
    os.replace(tmp, path)
    return path
