"""Runs an Assistant request off the GUI thread and reports back through Qt signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QThread, Signal

from aideon_desktop.core.answering import Answer, AskRequest, Assistant
from aideon_desktop.core.chat import Notice, StreamEvent, TextDelta
from aideon_desktop.core.errors import AideonError, InputError
from aideon_desktop.core.logs import mask_secrets


class AskWorker(QObject):
    """One request.  Signals are delivered on the GUI thread (queued connections)."""

    delta = Signal(str)
    notice = Signal(str, str)  # kind, message
    route = Signal(object)  # the Route that starts answering (again after a failover)
    finished = Signal(object)  # Answer
    failed = Signal(str)

    def __init__(self, assistant: Assistant, request: AskRequest) -> None:
        super().__init__()
        self._assistant = assistant
        self.request = request
        self.cancel_event = request.params.cancel
        self.answer: Answer | None = None
        self.input_refused = False  # the failure was the input itself: sending again won't help

    def run(self) -> None:
        try:
            stream = self._assistant.ask(self.request)
            self.answer = stream.answer
            self.finished.emit(stream.drain(self._emit))
        except AideonError as exc:
            self.input_refused = isinstance(exc, InputError)
            self.failed.emit(mask_secrets(str(exc)))
        except Exception as exc:  # noqa: BLE001 - the GUI must hear about every failure
            self.failed.emit(mask_secrets(f"Unexpected error: {type(exc).__name__}: {exc}"))

    def _emit(self, event: StreamEvent) -> None:
        if isinstance(event, TextDelta):
            self.delta.emit(event.text)
        elif isinstance(event, Notice):
            if event.kind == "answering" and self.answer is not None:
                self.route.emit(self.answer.current_route)
            self.notice.emit(event.kind, mask_secrets(event.message))


def start_worker(worker: AskWorker) -> QThread:
    thread = QThread()
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    # Direct: quit from the worker thread itself, so a GUI-thread wait() never deadlocks on a
    # quit still queued behind it.
    worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    worker.failed.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    thread.start()
    return thread
