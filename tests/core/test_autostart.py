"""Start at login: the XDG autostart entry is written, runs this installation, and goes away."""

from __future__ import annotations

from pathlib import Path

import pytest

from aideon_desktop.core.autostart import autostart_enabled, set_autostart


def test_entry_is_written_and_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert not autostart_enabled()
    path = set_autostart(True)
    assert path == tmp_path / "autostart" / "aideon-desktop.desktop" and autostart_enabled()
    entry = path.read_text(encoding="utf-8")
    assert entry.startswith("[Desktop Entry]") and "Exec=" in entry and "aideon" in entry
    assert "gui --tray" in entry  # at login the app waits in the tray; no window pops up
    set_autostart(False)
    assert not path.exists() and not autostart_enabled()
    set_autostart(False)  # removing twice is fine
