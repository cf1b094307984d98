"""Run one blocking call (probing servers, deleting a large file) on a Python thread and hear
about it on the GUI thread.

``BackgroundCall(fn, *args, on_done=..., on_failed=...)`` calls ``on_done(result)`` or
``on_failed(exception)`` on the thread the object was made on: its own slots receive the
signals (queued connections), so the callbacks may be lambdas and may touch widgets.  (A lambda
connected straight to a signal emitted from a Python thread would run on that thread.)  The
object keeps itself alive until it has reported, so a caller may drop its reference.  Given an
``owner`` widget, the callbacks are skipped once that widget has been deleted (a Settings dialog
closed while its Models page was still listing).

``off_the_gui_thread(fn, *args)`` is the same for a caller that needs the result before it can
go on (Settings' Save writing the keyring): it waits for the worker while the window paints."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, Signal

T = TypeVar("T")

_running: set[BackgroundCall] = set()


class BackgroundCall(QObject):
    done = Signal(object)
    failed = Signal(object)  # the exception

    def __init__(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
        owner: QObject | None = None,
        name: str = "aideon-ui-call",
    ) -> None:
        super().__init__()
        self._fn, self._args, self._owner = fn, args, owner
        self._on_done, self._on_failed = on_done, on_failed
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self.done.connect(self._report_done)
        self.failed.connect(self._report_failed)

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

    def _owner_gone(self) -> bool:
        return self._owner is not None and not shiboken6.isValid(self._owner)

    def _report_done(self, result: object) -> None:
        _running.discard(self)
        if self._on_done is not None and not self._owner_gone():
            self._on_done(result)

    def _report_failed(self, error: BaseException) -> None:
        _running.discard(self)
        if self._on_failed is not None and not self._owner_gone():
            self._on_failed(error)


def off_the_gui_thread(fn: Callable[..., T], *args: Any) -> T:
    """Call ``fn(*args)`` on a worker thread and wait for it without freezing the window: the
    GUI thread keeps painting and handling timers meanwhile (user input waits, so nothing is
    clicked twice).  Returns what ``fn`` returned, or raises what it raised."""
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def finish(key: str, value: object) -> None:
        outcome[key] = value
        loop.quit()

    call = BackgroundCall(
        fn,
        *args,
        on_done=lambda result: finish("result", result),
        on_failed=lambda error: finish("error", error),
        name="aideon-ui-wait",
    ).start()
    while not outcome:  # the report arrives as a queued signal, handled by this loop
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    call.wait()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]
