"""Where settings and data live.  ``AIDEON_HOME`` puts both in one folder (tests, portable use)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "aideon-desktop"


def _home_override() -> Path | None:
    value = os.environ.get("AIDEON_HOME", "").strip()
    return Path(value).expanduser() if value else None


def config_dir() -> Path:
    """Folder of ``settings.toml``."""
    return _home_override() or Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """Folder of the database, logs and other state."""
    return _home_override() or Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def settings_file() -> Path:
    return config_dir() / "settings.toml"


def database_file() -> Path:
    return data_dir() / "aideon.sqlite3"


def log_dir() -> Path:
    return data_dir() / "logs"
