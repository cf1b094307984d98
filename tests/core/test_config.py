"""Settings: defaults, round trip, bad fields named, the history storage choice, and one
backup per distinct bad file."""

from __future__ import annotations

import time
from pathlib import Path

from aideon_desktop.core import paths
from aideon_desktop.core.config import Settings, load_settings, save_settings


def test_defaults_when_no_file(isolated_home: Path) -> None:
    loaded = load_settings()
    assert loaded.problems == [] and loaded.settings == Settings()
    assert paths.settings_file().parent == isolated_home


def test_round_trip(isolated_home: Path) -> None:
    settings = Settings()
    settings.privacy.custom_terms = ["bluefin"]
    settings.local.threads = 3
    save_settings(settings)
    assert load_settings().settings == settings


def test_bad_fields_fall_back_to_defaults_and_are_named(isolated_home: Path) -> None:
    path = paths.settings_file()
    path.write_text(
        '[local]\nthreads = "many"\ncontext_length = 1024\n[privacy]\nstrictness = "paranoid"\n',
        encoding="utf-8",
    )
    loaded = load_settings()
    assert loaded.settings.local.threads == 0 and loaded.settings.local.context_length == 1024
    assert loaded.settings.privacy.strictness == "balanced"
    assert any(p.startswith("local.threads") for p in loaded.problems)
    assert any(p.startswith("privacy.strictness") for p in loaded.problems)
    assert loaded.backup_path is not None and loaded.backup_path.read_text(
        encoding="utf-8"
    ) == path.read_text(encoding="utf-8")


def test_unparseable_file_is_reported_not_fatal(isolated_home: Path) -> None:
    paths.settings_file().write_bytes(b"\xff\xfe not toml [[[")
    loaded = load_settings()
    assert loaded.settings == Settings() and loaded.problems


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


def test_the_ui_section_keeps_the_send_keys(isolated_home: Path) -> None:
    assert Settings().ui.send_with_ctrl_enter is False  # Enter sends by default
    settings = Settings()
    settings.ui.send_with_ctrl_enter = True
    path = save_settings(settings)
    assert "[ui]" in path.read_text() and load_settings().settings.ui.send_with_ctrl_enter
    path.write_text('[ui]\nsend_with_ctrl_enter = "sometimes"\n')
    loaded = load_settings()
    assert loaded.settings.ui.send_with_ctrl_enter is False
    assert any(p.startswith("ui.send_with_ctrl_enter") for p in loaded.problems)


def test_the_model_suggestion_stays_dismissed(isolated_home: Path) -> None:
    assert Settings().ui.model_suggestion_dismissed is False
    settings = Settings()
    settings.ui.model_suggestion_dismissed = True
    save_settings(settings)
    assert load_settings().settings.ui.model_suggestion_dismissed is True
