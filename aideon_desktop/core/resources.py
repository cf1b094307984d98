"""Locating files in ``resources/`` (in a checkout, an installed wheel or a frozen bundle)."""

from __future__ import annotations

import sys
from pathlib import Path

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
