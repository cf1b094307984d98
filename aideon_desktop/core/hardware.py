"""Facts about the machine the app runs on."""

from __future__ import annotations

import os

import psutil


def physical_cores() -> int:
    """Physical CPU cores (llama.cpp is fastest with one thread per physical core)."""
    return psutil.cpu_count(logical=False) or os.cpu_count() or 1
