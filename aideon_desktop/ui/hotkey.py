"""Global hotkey.  X11, Windows and macOS through pynput (which hears XTEST key events such as
``xdotool key``, not XSendEvent ones).  On Wayland, global shortcuts belong to the desktop: we
say how to bind one to ``aideon quick`` instead of pretending."""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QObject, Signal

from aideon_desktop.core.hotkey_combos import to_key_sequence

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
            return (
                "No X display, so the global hotkey is off. Bind a shortcut in your desktop's "
                "keyboard settings to the command:  aideon quick"
            )
    return None


class GlobalHotkey(QObject):
    """Emits ``activated`` (delivered on the GUI thread) when the combination is pressed."""

    activated = Signal()

    def __init__(self, combination: str) -> None:
        super().__init__()
        self.combination = combination
        self._listener = None
        self._stopped: list = []  # type: ignore[type-arg]
        self.error: str | None = None

    def start(self) -> bool:
        self.error = hotkey_unavailable_reason()
        if self.error:
            return False
        try:
            self._listener = self._listen(self.combination)
        except Exception as exc:  # noqa: BLE001 - any backend failure becomes a message
            self.error = f"The hotkey {self.combination} could not be registered ({exc})."
            log.warning("hotkey: %s", self.error)
            return False
        return True

    def _listen(self, combination: str):  # type: ignore[no-untyped-def]
        from pynput import keyboard

        listener = keyboard.GlobalHotKeys({combination: self.activated.emit})
        listener.start()
        return listener

    def change(self, combination: str) -> str | None:
        """Listen for ``combination`` from now on, without a restart.  The new listener starts
        before the old one stops, so when it cannot be registered the current hotkey keeps
        working; the reason is returned (None on success)."""
        if combination == self.combination and self._listener is not None:
            return None
        reason = hotkey_unavailable_reason()
        if reason:
            return reason
        try:
            listener = self._listen(combination)
        except Exception as exc:  # noqa: BLE001 - any backend failure becomes a message
            log.warning("hotkey %s refused: %s", combination, exc)
            shown = to_key_sequence(combination)
            return f"The hotkey {shown} could not be registered ({exc})."
        self.stop()
        self._listener, self.combination, self.error = listener, combination, None
        return None

    @property
    def listening(self) -> bool:
        return self._listener is not None

    def stop(self) -> None:
        if self._listener is not None:
            try:
                self._listener.stop()
            except Exception as exc:  # noqa: BLE001 - a display already gone: nothing to stop
                log.info("hotkey listener stopped with the display gone: %s", exc)
            self._stopped.append(self._listener)
            self._listener = None

    def wait_stopped(self, timeout_s: float = 5.0) -> None:
        """Wait for stopped listeners to let go of the display (at shutdown, in tests)."""
        for listener in self._stopped:
            listener.join(timeout_s)
        self._stopped.clear()
