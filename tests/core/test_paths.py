"""Where settings and data live; AIDEON_HOME puts both in one folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from aideon_desktop.core import paths


def test_home_override_holds_everything(isolated_home: Path) -> None:
    assert paths.config_dir() == paths.data_dir() == isolated_home
    assert paths.settings_file() == isolated_home / "settings.toml"
    assert paths.database_file().parent == isolated_home
    assert paths.log_dir() == isolated_home / "logs"


def test_platform_folders_without_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("AIDEON_HOME")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert paths.config_dir() == tmp_path / "config" / "aideon-desktop"
    assert paths.data_dir() == tmp_path / "data" / "aideon-desktop"
