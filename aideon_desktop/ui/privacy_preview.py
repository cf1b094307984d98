"""The privacy check of a draft, off the GUI thread.

Each change is debounced; the check (``Assistant.plan``: scan, history, routing — the same plan
``ask`` follows) runs on a one-thread pool, one at a time; a result for a draft that has changed
since is dropped.  ``when_fresh`` runs a callback once the chip shows the current draft, so a
message is never sent before the user could see where it goes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from aideon_desktop.core.answering import AskRequest, Assistant
from aideon_desktop.core.errors import AideonError
from aideon_desktop.core.logs import mask_secrets
from aideon_desktop.ui.route_preview import IDLE, ChipState, error_state, preview

DEBOUNCE_MS = 250
Pin = tuple[str, str] | None


class _PlanJob(QRunnable):
    def __init__(self, checker: PrivacyPreview, seq: int, request: AskRequest, pick: Pin) -> None:
        super().__init__()
        self.checker, self.seq, self.request, self.pick = checker, seq, request, pick
        self.assistant = checker.assistant

    def run(self) -> None:
        plan = None
        try:
            plan = self.assistant.plan(self.request)
            state = preview(plan, self.request.prompt, self.assistant.catalog, self.pick)
        except AideonError as exc:
            state = error_state(mask_secrets(str(exc)))
        except Exception as exc:  # noqa: BLE001 - the chip must say the check failed
            state = error_state(f"The privacy check failed ({type(exc).__name__}).")
        with contextlib.suppress(RuntimeError):  # the window closed while the check ran
            self.checker.finished.emit(self.seq, state, plan)


class PrivacyPreview(QObject):
    ready = Signal(object, object)  # ChipState, Plan | None — for the current draft only
    finished = Signal(int, object, object)  # from the pool thread: seq, ChipState, Plan | None

    def __init__(self, assistant: Assistant, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.assistant = assistant
        self._pool = QThreadPool(self)  # created first, so it is destroyed (and waits) first
        self._pool.setMaxThreadCount(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._start)
        self.finished.connect(self._on_finished)
        self._wanted: tuple[AskRequest, Pin] | None = None
        self._wanted_seq = 0
        self._started_seq = 0
        self._running = False
        self._waiters: list[Callable[[], None]] = []
        self.state: ChipState = IDLE
        self.checks = 0  # checks run (tests: typing fast does not run one per key)

    def request(self, request: AskRequest | None, pick: Pin = None) -> None:
        """Check ``request`` after a pause in typing; None or a blank prompt: nothing to check."""
        self._wanted_seq += 1
        if request is None or not request.prompt.strip():
            self._wanted = None
            self._timer.stop()
            self._publish(IDLE, None)
            return
        self._wanted = (request, pick)
        self._timer.start()

    def check_now(self) -> None:
        self._timer.stop()
        self._start()

    def is_fresh(self) -> bool:
        return self._wanted is None or (
            not self._running
            and not self._timer.isActive()
            and self._started_seq == self._wanted_seq
        )

    def when_fresh(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` now if the chip is current, else as soon as the check is done."""
        if self.is_fresh():
            callback()
            return
        self._waiters.append(callback)
        self.check_now()

    def wait(self, msecs: int = 5000) -> bool:
        """Block until no check runs (tests and shutdown)."""
        return self._pool.waitForDone(msecs)

    def _start(self) -> None:
        if self._running or self._wanted is None or self._started_seq == self._wanted_seq:
            return
        self._running = True
        self._started_seq = self._wanted_seq
        request, pick = self._wanted
        self.checks += 1
        self._pool.start(_PlanJob(self, self._wanted_seq, request, pick))

    def _on_finished(self, seq: int, state: ChipState, plan: object) -> None:
        self._running = False
        if seq != self._wanted_seq:  # the draft changed meanwhile: check the new one
            if not self._timer.isActive():
                self._start()
            return
        self._publish(state, plan)

    def _publish(self, state: ChipState, plan: object) -> None:
        self.state = state
        self.ready.emit(state, plan)
        waiters, self._waiters = self._waiters, []
        for callback in waiters:
            callback()
