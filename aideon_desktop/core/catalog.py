"""The model catalogue, read from ``resources/catalog.toml`` and validated with pydantic.

Each row is a chat/instruct model at one provider: its prices (with the date and source they
were checked), context length and a quality score per task from a named public benchmark
(LiveBench; see the file's header and ``resources/quality/``).

``aideon catalog refresh`` stores refreshed prices in the user's data folder as a small overlay
(provider, model, input, output, date); the shipped catalogue stays the source of every other
field, so a refresh can never drop or stale the quality data.
"""

from __future__ import annotations

import functools
import tomllib
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Literal

import tomli_w
from pydantic import BaseModel, ConfigDict, Field

from aideon_desktop.core import paths
from aideon_desktop.core.resources import resource_path

TaskName = Literal["general", "code", "reasoning"]
TASKS: tuple[TaskName, ...] = ("general", "code", "reasoning")


class Quality(BaseModel):
    """Score per task, 0-100 (higher is better), from the source named in ``quality_source``."""

    model_config = ConfigDict(frozen=True)

    general: float = Field(ge=0, le=100)
    code: float = Field(ge=0, le=100)
    reasoning: float = Field(ge=0, le=100)

    def of(self, task: str) -> float:
        return float(getattr(self, task))


class ModelEntry(BaseModel):
    """One model at one provider.  Frozen: a catalogue is a value (a price refresh builds a new
    one), which is what lets routing keep a catalogue's rows by identity."""

    model_config = ConfigDict(frozen=True)

    provider: str
    id: str
    name: str
    tasks: list[TaskName]
    context_length: int = Field(gt=0)
    input_per_million: Decimal = Field(ge=0)
    output_per_million: Decimal = Field(ge=0)
    tier: int = Field(default=3, ge=1, le=5)  # legacy; routing reads `quality`
    api: Literal["chat", "text-generation"] = "chat"
    kind: Literal["chat", "base"] = "chat"  # a base/completion model is never routed to
    quality: Quality | None = None  # None: unknown, treated as 0 (never meets a floor)
    quality_source: str = ""
    prices_checked: str = ""
    price_source: str = ""
    note: str = ""

    @property
    def price_per_million(self) -> Decimal:
        """Input + output price, the figure used to compare fallback price steps."""
        return self.input_per_million + self.output_per_million

    @property
    def is_free(self) -> bool:
        return self.price_per_million == 0

    @property
    def is_chat(self) -> bool:
        """Can answer a conversation: a chat/instruct-tuned model (whatever its transport)."""
        return self.kind == "chat"

    def score(self, task: str) -> float:
        return self.quality.of(task) if self.quality is not None else 0.0

    def cost(self, prompt_tokens: int, completion_tokens: int) -> Decimal:
        """Expected USD for a request of this size (unrounded, for comparisons)."""
        return (
            Decimal(prompt_tokens) * self.input_per_million
            + Decimal(completion_tokens) * self.output_per_million
        ) / Decimal(1_000_000)


class Baseline(BaseModel):
    name: str
    input_per_million: Decimal = Field(ge=0)
    output_per_million: Decimal = Field(ge=0)


def base_model_id(model_id: str) -> str:
    """ "org/model:cheapest" → "org/model" (HF router policy or provider suffix)."""
    return model_id.split(":", 1)[0]


class Catalog(BaseModel):
    prices_checked: str
    baseline: Baseline
    model: list[ModelEntry]

    def for_provider(self, provider: str) -> list[ModelEntry]:
        return [m for m in self.model if m.provider == provider]

    def find(self, provider: str, model_id: str) -> ModelEntry | None:
        return next((m for m in self.model if m.provider == provider and m.id == model_id), None)

    def routable(self) -> list[ModelEntry]:
        """Rows a chat prompt may be sent to (never a base/completion model)."""
        return [m for m in self.model if m.is_chat]

    def with_prices(
        self, provider: str, prices: dict[str, tuple[Decimal, Decimal]], checked: str
    ) -> Catalog:
        """A copy with ``provider``'s prices replaced by freshly fetched ones.  A row
        "org/model:cheapest" takes the price reported for "org/model"."""
        models = []
        for entry in self.model:
            fresh = prices.get(entry.id) or prices.get(base_model_id(entry.id))
            if entry.provider == provider and fresh is not None:
                entry = entry.model_copy(
                    update={
                        "input_per_million": fresh[0],
                        "output_per_million": fresh[1],
                        "prices_checked": checked,
                        "price_source": f"{provider} /models ({checked})",
                    }
                )
            models.append(entry)
        return self.model_copy(update={"model": models, "prices_checked": checked})


_MICRO = Decimal("0.000001")


def price(
    prompt_tokens: int, completion_tokens: int, input_pm: Decimal, output_pm: Decimal
) -> Decimal:
    """Cost in USD, exact to the micro-dollar."""
    raw = (Decimal(prompt_tokens) * input_pm + Decimal(completion_tokens) * output_pm) / Decimal(
        1_000_000
    )
    return raw.quantize(_MICRO, rounding=ROUND_HALF_UP)


def user_catalog_path() -> Path:
    """Where ``aideon catalog refresh`` keeps refreshed prices (an overlay on the shipped file)."""
    return paths.data_dir() / "catalog.toml"


def load_catalog(path: Path | None = None) -> Catalog:
    """The shipped catalogue (or ``path``), with the user's refreshed prices laid over it."""
    shipped = path or resource_path("catalog.toml")
    catalog = _load_catalog_file(shipped, shipped.stat().st_mtime_ns)
    user = user_catalog_path()
    if path is None and user.is_file():
        catalog = _with_overlay(catalog, _load_overlay(user, user.stat().st_mtime_ns))
    return catalog


@functools.cache
def _load_catalog_file(path: Path, _mtime: int) -> Catalog:
    with path.open("rb") as fh:
        return Catalog.model_validate(tomllib.load(fh))


@functools.cache
def _load_overlay(path: Path, _mtime: int) -> tuple[dict[str, Any], ...]:
    """Price rows of the user's file.  Older versions saved a whole catalogue there: only its
    prices are read, so an old file cannot bring back dropped models or stale quality data."""
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError):
        return ()
    rows = data.get("price") or data.get("model") or []
    return tuple(row for row in rows if isinstance(row, dict))


def _with_overlay(catalog: Catalog, rows: tuple[dict[str, Any], ...]) -> Catalog:
    by_key = {(str(r.get("provider")), str(r.get("id"))): r for r in rows}
    models, newest = [], catalog.prices_checked
    for entry in catalog.model:
        row = by_key.get((entry.provider, entry.id))
        if row is not None and "input_per_million" in row and "output_per_million" in row:
            checked = str(row.get("prices_checked") or row.get("checked") or newest)
            entry = entry.model_copy(
                update={
                    "input_per_million": Decimal(str(row["input_per_million"])),
                    "output_per_million": Decimal(str(row["output_per_million"])),
                    "prices_checked": checked,
                    "price_source": str(row.get("price_source") or entry.price_source),
                }
            )
            newest = max(newest, checked)
        models.append(entry)
    return catalog.model_copy(update={"model": models, "prices_checked": newest})


def _price_changed(entry: ModelEntry, shipped: ModelEntry | None) -> bool:
    return shipped is None or (entry.input_per_million, entry.output_per_million) != (
        shipped.input_per_million,
        shipped.output_per_million,
    )


def save_user_catalog(catalog: Catalog) -> Path:
    """Store ``catalog``'s prices (only the prices, and only where they differ from the shipped
    file) as the user's overlay, atomically."""
    path = user_catalog_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    shipped_file = resource_path("catalog.toml")
    shipped = _load_catalog_file(shipped_file, shipped_file.stat().st_mtime_ns)
    rows = [
        {
            "provider": m.provider,
            "id": m.id,
            "input_per_million": float(m.input_per_million),
            "output_per_million": float(m.output_per_million),
            "prices_checked": m.prices_checked or catalog.prices_checked,
            "price_source": m.price_source,
        }
        for m in catalog.model
        if _price_changed(m, shipped.find(m.provider, m.id))
    ]
    data = {"prices_checked": catalog.prices_checked, "price": rows}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(tomli_w.dumps(data), encoding="utf-8")
    tmp.replace(path)
    return path
