"""Runs an Assistant request off the GUI thread and reports back through Qt signals."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, QThread, Signal

from aideon_desktop.core.assistant import Answer, Assistant
from aideon_desktop.core.chat import GenerationParams, Notice, TextDelta
from aideon_desktop.core.errors import AideonError


class AskWorker(QObject):
    """One request.  Signals are delivered on the GUI thread (queued connections)."""

    delta = Signal(str)
    notice = Signal(str, str)  # kind, message
    finished = Signal(object)  # Answer
    failed = Signal(str)

    def __init__(
        self,
        assistant: Assistant,
        prompt: str,
        *,
        conversation_id: int | None = None,
        force_local: bool = False,
        mask_and_send: bool | None = None,
    ) -> None:
        super().__init__()
        self._assistant = assistant
        self._prompt = prompt
        self._conversation_id = conversation_id
        self._force_local = force_local
        self._mask_and_send = mask_and_send
        self.cancel_event = threading.Event()
        self.answer: Answer | None = None

    def run(self) -> None:
        try:
            answer, events = self._assistant.ask(
                self._prompt,
                conversation_id=self._conversation_id,
                new_conversation=self._conversation_id is None,
                force_local=self._force_local,
                mask_and_send=self._mask_and_send,
                params=GenerationParams(cancel=self.cancel_event),
            )
            self.answer = answer
            for event in events:
                if isinstance(event, TextDelta):
                    self.delta.emit(event.text)
                elif isinstance(event, Notice):
                    self.notice.emit(event.kind, event.message)
            self.finished.emit(answer)
        except AideonError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - the GUI must hear about every failure
            self.failed.emit(f"Unexpected error: {type(exc).__name__}: {exc}")


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
