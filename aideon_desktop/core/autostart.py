"""Start at login (XDG autostart on Linux): write or remove a .desktop entry."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ENTRY_NAME = "aideon-desktop.desktop"


def autostart_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "autostart" / ENTRY_NAME


def launch_command() -> str:
    """The command that starts this installation's app at login: in the tray, no window."""
    frozen = getattr(sys, "frozen", False)
    if frozen:
        return f"{sys.executable} gui --tray"
    found = shutil.which("aideon")
    return f"{found or f'{sys.executable} -m aideon_desktop'} gui --tray"


def autostart_entry(command: str) -> str:
    return (
        "[Desktop Entry]\nType=Application\nName=Aideon\nComment=Local-first AI assistant\n"
        f"Exec={command}\nIcon=aideon-desktop\nX-GNOME-Autostart-enabled=true\nTerminal=false\n"
    )


def set_autostart(enabled: bool) -> Path:
    path = autostart_path()
    if enabled:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(autostart_entry(launch_command()), encoding="utf-8")
    elif path.exists():
        path.unlink()
    return path


def autostart_enabled() -> bool:
    return autostart_path().is_file()
