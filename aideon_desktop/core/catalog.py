"""The model catalog, read from ``resources/catalog.toml`` and validated with pydantic."""

from __future__ import annotations

import functools
import tomllib
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

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


_MICRO = Decimal("0.000001")


def price(
    prompt_tokens: int, completion_tokens: int, input_pm: Decimal, output_pm: Decimal
) -> Decimal:
    """Cost in USD, exact to the micro-dollar."""
    raw = (Decimal(prompt_tokens) * input_pm + Decimal(completion_tokens) * output_pm) / Decimal(
        1_000_000
    )
    return raw.quantize(_MICRO, rounding=ROUND_HALF_UP)


@functools.cache
def load_catalog(path: Path | None = None) -> Catalog:
    with (path or resource_path("catalog.toml")).open("rb") as fh:
        return Catalog.model_validate(tomllib.load(fh))
