"""Settings: the history storage choice, and one backup per distinct bad file."""

from __future__ import annotations

import time
from pathlib import Path

from aideon_desktop.core import paths
from aideon_desktop.core.config import load_settings


def backups(folder: Path) -> list[Path]:
    return sorted(folder.glob("settings.toml.bad-*"))


def test_a_bad_file_is_backed_up_once_however_many_runs_see_it(isolated_home: Path) -> None:
    path = paths.settings_file()
    path.write_text('[local]\nthreads = "many"\n', encoding="utf-8")
    first = load_settings().backup_path
    for _ in range(3):
        time.sleep(1.05)  # backups are named by the second: a new run, a new name
        assert load_settings().backup_path == first
    assert backups(isolated_home) == [first]

    path.write_text('[local]\nthreads = "lots"\n', encoding="utf-8")  # a different bad file
    second = load_settings().backup_path
    assert second != first and second.read_text(encoding="utf-8") == path.read_text(
        encoding="utf-8"
    )
    assert backups(isolated_home) == sorted([first, second])


def test_history_storage_is_encrypted_by_default_and_checked(isolated_home: Path) -> None:
    assert load_settings().settings.history.storage == "encrypted"
    paths.settings_file().write_text('[history]\nstorage = "plain"\n', encoding="utf-8")
    assert load_settings().settings.history.storage == "plain"
    paths.settings_file().write_text('[history]\nstorage = "cloud"\n', encoding="utf-8")
    loaded = load_settings()
    assert loaded.settings.history.storage == "encrypted"
    assert any(p.startswith("history.storage") for p in loaded.problems)
