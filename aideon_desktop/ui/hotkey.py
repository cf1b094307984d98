"""Global hotkey.  X11, Windows and macOS through pynput (which hears XTEST key events such as
``xdotool key``, not XSendEvent ones).  On Wayland, global shortcuts belong to the desktop: we
say how to bind one to ``aideon quick`` instead of pretending."""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

WAYLAND_HINT = (
    "Global hotkeys are not available to apps on Wayland. Bind a shortcut in your desktop's "
    "keyboard settings to the command:  aideon quick"
)


def hotkey_unavailable_reason() -> str | None:
    if sys.platform.startswith("linux"):
        if os.environ.get("XDG_SESSION_TYPE") == "wayland" or (
            os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY")
        ):
            return WAYLAND_HINT
        if not os.environ.get("DISPLAY"):
            return "No X display: the global hotkey is off. Use `aideon quick` instead."
    return None


class GlobalHotkey(QObject):
    """Emits ``activated`` (delivered on the GUI thread) when the combination is pressed."""

    activated = Signal()

    def __init__(self, combination: str) -> None:
        super().__init__()
        self.combination = combination
        self._listener = None
        self.error: str | None = None

    def start(self) -> bool:
        self.error = hotkey_unavailable_reason()
        if self.error:
            return False
        try:
            from pynput import keyboard

            self._listener = keyboard.GlobalHotKeys({self.combination: self.activated.emit})
            self._listener.start()
        except Exception as exc:  # noqa: BLE001 - any backend failure becomes a message
            self.error = f"The hotkey {self.combination} could not be registered ({exc})."
            log.warning("hotkey: %s", self.error)
            return False
        return True

    def stop(self) -> None:
        if self._listener is not None:
            self._listener.stop()
            self._listener = None
