"""One answer being written into the transcript.

The request runs in a worker thread; text arrives on the GUI thread in pieces and only the one
block that changes is redrawn, at most every RENDER_INTERVAL_MS (longer when a redraw is slow),
so a long conversation is not re-rendered per token.  When a provider fails over, the block's
route chip follows the route that actually answers; when one breaks off mid-answer, its text
stays marked and a new block takes the redone answer.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from aideon_desktop.core.answering import Answer, AskRequest, Assistant
from aideon_desktop.core.answering.recorder import reply_meta
from aideon_desktop.core.routing import Route
from aideon_desktop.ui.message_block import MessageBlock
from aideon_desktop.ui.transcript import TranscriptEntry
from aideon_desktop.ui.transcript_view import TranscriptView
from aideon_desktop.ui.worker import AskWorker, start_worker

RENDER_INTERVAL_MS = 50
MAX_RENDER_INTERVAL_MS = 400
REDONE_NOTE = "incomplete — the provider broke off; the answer is redone below"


class AnswerRun(QObject):
    finished = Signal(object)  # Answer
    failed = Signal(str, object)  # message, the Answer as far as it got (or None)
    notice = Signal(str, str)  # kind, message — for the status banner
    first_text = Signal()  # the answer started to appear
    route_changed = Signal(object)  # the streaming TranscriptEntry, its route updated

    def __init__(
        self,
        assistant: Assistant,
        request: AskRequest,
        transcript: TranscriptView,
        entries: list[TranscriptEntry],
    ) -> None:
        super().__init__()
        self.transcript, self.entries = transcript, entries
        self.entry, self.block = self._new_answer_block()
        self.had_text = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RENDER_INTERVAL_MS)
        self._timer.timeout.connect(self.render)
        self.worker = AskWorker(assistant, request)
        self.worker.delta.connect(self._on_delta)
        self.worker.route.connect(self._on_route)
        self.worker.notice.connect(self._on_notice)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self._thread: QThread | None = start_worker(self.worker)

    def cancel(self) -> None:
        self.worker.cancel_event.set()

    def answer_so_far(self) -> Answer | None:
        return self.worker.answer

    # ---------------------------------------------------------------- streaming
    def _new_answer_block(self) -> tuple[TranscriptEntry, MessageBlock]:
        entry = TranscriptEntry("assistant", "", created=datetime.now(UTC), streaming=True)
        self.entries.append(entry)
        return entry, self.transcript.append(entry)

    def _on_delta(self, text: str) -> None:
        self.entry.text += text
        if not self.had_text:
            self.had_text = True
            self.first_text.emit()
        if not self._timer.isActive():
            self._timer.start()

    def _on_route(self, route: Route) -> None:
        entry = self.entry
        if entry.live_route and entry.live_route != route.display:
            entry.live_failed.append(entry.live_route)
        entry.live_route, entry.live_on_device = route.display, route.own_hardware
        self.block.refresh()
        self.route_changed.emit(entry)

    def _on_notice(self, kind: str, message: str) -> None:
        if kind == "restart":
            # Keep what the broken provider said, marked; the redone answer gets its own block.
            old = self.entry
            old.superseded, old.streaming, old.note = True, False, REDONE_NOTE
            self.block.refresh()
            self.entry, self.block = self._new_answer_block()
            self.entry.live_failed = [*old.live_failed, old.live_route]
        self.notice.emit(kind, message)

    def render(self) -> None:
        """Redraw the streaming block only; slow redraws space the next ones out."""
        started = time.perf_counter()
        self.block.refresh()
        spent_ms = (time.perf_counter() - started) * 1000
        self._timer.setInterval(
            int(min(MAX_RENDER_INTERVAL_MS, max(RENDER_INTERVAL_MS, spent_ms * 4)))
        )

    # ------------------------------------------------------------------ the end
    def _on_finished(self, answer: Answer) -> None:
        self._join()
        route = answer.current_route
        entry = self.entry
        entry.text, entry.meta = answer.text, reply_meta(answer)
        entry.provider, entry.model, entry.streaming = route.provider, route.model, False
        if answer.partial:
            entry.note = "stopped"
        self.block.refresh()
        self.finished.emit(answer)

    def _on_failed(self, message: str) -> None:
        self._join()
        self.entry.streaming = False
        if self.entry.text:
            self.entry.note = "incomplete — the answer broke off"
        self.block.refresh()
        self.failed.emit(message, self.worker.answer)

    def _join(self) -> None:
        self._timer.stop()
        if self._thread is not None:
            self._thread.wait(5000)
            self._thread = None
