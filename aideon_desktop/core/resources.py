"""Locating files in ``resources/`` (in a checkout, an installed wheel or a frozen bundle)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported when a weights file is first read, not at start-up
    import numpy as np

_PACKAGE_ROOT = Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    for candidate in (
        _PACKAGE_ROOT / "resources",
        Path(__file__).resolve().parents[1] / "resources",
    ):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("Aideon's resources/ folder is missing from this installation")


def resource_path(relative: str) -> Path:
    return resources_dir() / relative


def read_arrays(path: Path) -> dict[str, np.ndarray]:
    """Every array of a NumPy ``.npz`` file (a learned model's weights), no pickled objects."""
    import numpy as np

    with np.load(path, allow_pickle=False) as data:
        return {name: data[name] for name in data.files}
