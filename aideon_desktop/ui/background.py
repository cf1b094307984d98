"""Run one blocking call (probing servers, deleting a large file) on a Python thread and hear
about it on the GUI thread.

``BackgroundCall(fn, *args)`` emits ``done(result)`` or ``failed(exception)``; both arrive on the
thread the object was made on (queued connections), so slots may touch widgets.  The object
keeps itself alive until it has reported, so a caller may drop its reference."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

_running: set[BackgroundCall] = set()


class BackgroundCall(QObject):
    done = Signal(object)
    failed = Signal(object)  # the exception

    def __init__(self, fn: Callable[..., Any], *args: Any, name: str = "aideon-ui-call") -> None:
        super().__init__()
        self._fn, self._args = fn, args
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self.done.connect(self._forget)
        self.failed.connect(self._forget)

    def start(self) -> BackgroundCall:
        _running.add(self)
        self._thread.start()
        return self

    def wait(self, timeout_s: float | None = None) -> bool:
        """Block until the call returned (tests, shutting down); True when it did."""
        self._thread.join(timeout_s)
        return not self._thread.is_alive()

    def _run(self) -> None:
        try:
            result = self._fn(*self._args)
        except Exception as exc:  # noqa: BLE001 - every failure is reported to the GUI
            self.failed.emit(exc)
        else:
            self.done.emit(result)

    def _forget(self, _outcome: object) -> None:
        _running.discard(self)
