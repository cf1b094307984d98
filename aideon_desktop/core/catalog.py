"""The model catalog, read from ``resources/catalog.toml`` and validated with pydantic."""

from __future__ import annotations

import functools
import tomllib
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Literal

import tomli_w
from pydantic import BaseModel, Field

from aideon_desktop.core import paths
from aideon_desktop.core.resources import resource_path

TaskName = Literal["general", "code", "reasoning"]


class ModelEntry(BaseModel):
    provider: str
    id: str
    name: str
    tasks: list[TaskName]
    context_length: int = Field(gt=0)
    input_per_million: Decimal = Field(ge=0)
    output_per_million: Decimal = Field(ge=0)
    tier: int = Field(ge=1, le=5)
    api: Literal["chat", "text-generation"] = "chat"

    @property
    def price_per_million(self) -> Decimal:
        """Input + output price, the figure used to compare models."""
        return self.input_per_million + self.output_per_million

    @property
    def is_free(self) -> bool:
        return self.price_per_million == 0


class Baseline(BaseModel):
    name: str
    input_per_million: Decimal = Field(ge=0)
    output_per_million: Decimal = Field(ge=0)


class Catalog(BaseModel):
    prices_checked: str
    baseline: Baseline
    model: list[ModelEntry]

    def for_provider(self, provider: str) -> list[ModelEntry]:
        return [m for m in self.model if m.provider == provider]

    def find(self, provider: str, model_id: str) -> ModelEntry | None:
        return next((m for m in self.model if m.provider == provider and m.id == model_id), None)

    def with_prices(
        self, provider: str, prices: dict[str, tuple[Decimal, Decimal]], checked: str
    ) -> Catalog:
        """A copy with ``provider``'s prices replaced by freshly fetched ones."""
        models = []
        for entry in self.model:
            if entry.provider == provider and entry.id in prices:
                new_in, new_out = prices[entry.id]
                entry = entry.model_copy(
                    update={"input_per_million": new_in, "output_per_million": new_out}
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
    """Where ``aideon catalog refresh`` keeps refreshed prices (overrides the shipped file)."""
    return paths.data_dir() / "catalog.toml"


def load_catalog(path: Path | None = None) -> Catalog:
    if path is None:
        user = user_catalog_path()
        path = user if user.is_file() else resource_path("catalog.toml")
    return _load_catalog_file(path, path.stat().st_mtime_ns)


@functools.cache
def _load_catalog_file(path: Path, _mtime: int) -> Catalog:
    with path.open("rb") as fh:
        return Catalog.model_validate(tomllib.load(fh))


def save_user_catalog(catalog: Catalog) -> Path:
    path = user_catalog_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = catalog.model_dump(mode="json")
    for entry in data["model"]:
        entry["input_per_million"] = float(entry["input_per_million"])
        entry["output_per_million"] = float(entry["output_per_million"])
    data["baseline"]["input_per_million"] = float(data["baseline"]["input_per_million"])
    data["baseline"]["output_per_million"] = float(data["baseline"]["output_per_million"])
    tmp = path.with_suffix(".tmp")
    tmp.write_text(tomli_w.dumps(data), encoding="utf-8")
    tmp.replace(path)
    return path
