"""The quick prompt: a compact box on top of everything, centred on the active screen.

Type, and the privacy chip says where the message would go before anything is sent; Enter
sends (once the chip is current), Esc stops an answer being written, a second Esc closes.  The
answer appears as Markdown below, the frame growing with it up to most of the screen; Copy,
Stop and "Continue in chat" sit under it.  Follow-ups continue the same conversation until the
box is opened again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QThread, QTimer, Signal
from PySide6.QtGui import QCursor, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QVBoxLayout,
    QWidget,
)

from aideon_desktop.core.answering import Answer, AskRequest, Assistant
from aideon_desktop.core.answering.recorder import reply_meta
from aideon_desktop.core.routing import Route
from aideon_desktop.ui.fallback_note import fallback_note
from aideon_desktop.ui.privacy_preview import PrivacyPreview
from aideon_desktop.ui.quick_frame import QuickFrame
from aideon_desktop.ui.route_preview import ChipState
from aideon_desktop.ui.style import current_theme
from aideon_desktop.ui.transcript import TranscriptEntry, route_chip, short_route
from aideon_desktop.ui.widgets import copy_text
from aideon_desktop.ui.worker import AskWorker, start_worker

WIDTH = 680
SCREEN_SHARE = 0.6  # the answer grows until the box is this share of the screen's height
RENDER_INTERVAL_MS = 60
OPEN_TIP = "Continue in chat"
NOT_KEPT_TIP = "History is not being saved, so this answer has no chat to continue in"


class QuickPrompt(QWidget):
    open_in_chat = Signal(int)  # conversation id
    submitted = Signal(str)  # the chip's text at the moment a message was sent

    def __init__(self, assistant: Assistant, hotkey_label: str = "") -> None:
        super().__init__(
            None,
            Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.Tool,
        )
        self.assistant = assistant
        self.theme = current_theme()
        self.setObjectName("quickPrompt")
        self.setWindowTitle("Aideon quick prompt")
        self.setAccessibleName("Aideon quick prompt")
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground, True)
        self._hotkey_label = hotkey_label
        self._worker: AskWorker | None = None
        self._thread: QThread | None = None
        self._send_pending = False
        self._entry = TranscriptEntry("assistant", "")
        self._conversation_id: int | None = None
        self._build()
        self.preview = PrivacyPreview(assistant, self)
        self.preview.ready.connect(self._on_preview)
        self.input.textChanged.connect(self._check)
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(RENDER_INTERVAL_MS)
        self._render_timer.timeout.connect(self._render)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.activated.connect(self.escape)
        self.apply_theme()
        self._show_answer_area(False)

    def _build(self) -> None:
        self.frame = QuickFrame(self.theme, self._hotkey_label)
        f = self.frame
        self.input, self.send_button, self.chip = f.input, f.send_button, f.chip
        self.answer_view, self.status = f.answer_view, f.status
        self.copy_button, self.stop_button, self.open_button = (
            f.copy_button,
            f.stop_button,
            f.open_button,
        )
        self.input.returnPressed.connect(self.send)
        self.send_button.clicked.connect(self.send)
        self.answer_view.fitted.connect(lambda: QTimer.singleShot(0, self._grow))
        self.copy_button.clicked.connect(self.copy_answer)
        self.stop_button.clicked.connect(self.stop)
        self.open_button.clicked.connect(self._open_in_chat)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.frame)

    def apply_theme(self) -> None:
        self.theme = current_theme()
        self.setStyleSheet(self.theme.stylesheet())
        self.frame.apply_theme(self.theme)

    # ------------------------------------------------------------------ showing
    def popup(self) -> None:
        """Show the box, empty and ready to type, on the screen under the pointer."""
        if self.theme.scheme != current_theme().scheme:
            self.apply_theme()
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        if not self.busy():
            self._conversation_id = None
            self.frame.start_over()
            self._show_answer_area(False)
        self.setFixedWidth(min(WIDTH, int(area.width() * 0.9)))
        self._grow()
        self.move(area.center().x() - self.width() // 2, area.top() + area.height() // 5)
        self.show()
        self.raise_()
        self.activateWindow()
        self.input.setFocus()
        self.input.selectAll()

    def _show_answer_area(self, shown: bool) -> None:
        self.frame.show_answer_area(shown, self.busy())
        self._grow()

    def _grow(self) -> None:
        """As tall as the answer needs, up to SCREEN_SHARE of the screen."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        self.frame.fit_answer(int(screen.availableGeometry().height() * SCREEN_SHARE))
        self.adjustSize()

    # --------------------------------------------------------------- privacy
    def _check(self) -> None:
        text = self.input.text()
        request = self._request(text) if text.strip() else None
        self.preview.request(request)

    def _request(self, text: str) -> AskRequest:
        return AskRequest(
            text,
            conversation_id=self._conversation_id,
            new_conversation=self._conversation_id is None,
        )

    def _on_preview(self, state: ChipState, _plan: object) -> None:
        if not self.busy() or state.kind != "idle":
            self.chip.show_state(state)

    # ---------------------------------------------------------------- sending
    def busy(self) -> bool:
        return self._worker is not None or self._send_pending

    def send(self) -> None:
        """Send once the chip shows where this message goes."""
        if self.busy() or not self.input.text().strip():
            return
        self._send_pending = True
        self.preview.when_fresh(self._send_checked)

    def _send_checked(self) -> None:
        if not self._send_pending:
            return
        self._send_pending = False
        prompt = self.input.text()
        self.submitted.emit(self.chip.text)
        self._entry = TranscriptEntry("assistant", "", streaming=True)
        self.answer_view.show_markdown("…")
        worker = AskWorker(self.assistant, self._request(prompt))
        worker.delta.connect(self._on_delta)
        worker.route.connect(self._on_route)
        worker.notice.connect(self._on_notice)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        self._worker = worker
        self._thread = start_worker(worker)
        self.frame.question.setText(f"You: {prompt}")
        self.input.clear()
        self.status.setText("Starting…")
        self._show_answer_area(True)

    def stop(self) -> None:
        if self._worker is not None:
            self._worker.cancel_event.set()
        self._send_pending = False

    def escape(self) -> None:
        """Esc stops an answer being written; otherwise it closes the box."""
        if self.busy():
            self.stop()
        else:
            self.hide()

    def _on_delta(self, text: str) -> None:
        if not self._entry.text:
            self.status.setText(self._where())
        self._entry.text += text
        if not self._render_timer.isActive():
            self._render_timer.start()

    def _on_route(self, route: Route) -> None:
        entry = self._entry
        if entry.live_route and entry.live_route != route.display:
            entry.live_failed.append(entry.live_route)
        entry.live_route, entry.live_on_device = route.display, route.own_hardware
        self.status.setText(self._where())

    def _on_notice(self, kind: str, message: str) -> None:
        if kind in ("model_loading", "retrying", "failover", "restart"):
            self.status.setText(message)
        if kind == "restart":
            self._entry.text = ""

    def _where(self) -> str:
        chip = route_chip(self._entry)
        return chip.text if chip is not None else ""

    def _render(self) -> None:
        self.answer_view.show_markdown(self._entry.text or "…")
        self._grow()

    def _on_finished(self, answer: Answer) -> None:
        self._join()
        self._entry.text, self._entry.meta = answer.text, reply_meta(answer)
        self._entry.streaming = False
        self._render()
        chip = route_chip(self._entry)
        where = (
            ""
            if chip is None
            else f"Answered by {chip.text}"
            if chip.kind == "cloud"
            else chip.text
        )
        if answer.current_route.own_hardware:  # name the model that answered on this device
            where += f" · {short_route(answer.current_route.display)}"
        where = fallback_note(answer) or where  # a wrong key or no network: say so
        self.status.setText(where + (" · stopped" if answer.partial else ""))
        self.status.setToolTip(chip.description if chip else "")
        self._conversation_id = answer.conversation_id or self._conversation_id
        kept = self._conversation_id is not None
        self.open_button.setEnabled(kept)
        self.open_button.setToolTip(OPEN_TIP if kept else NOT_KEPT_TIP)
        self._show_answer_area(True)

    def _on_failed(self, message: str) -> None:
        prompt = self._worker.request.prompt if self._worker is not None else ""
        self._join()
        self.status.setText(f"Problem: {message}")
        if not self._entry.text and not self.input.text():
            self.input.setText(prompt)  # nothing typed is lost
        self._show_answer_area(bool(self._entry.text))

    def _join(self) -> None:
        self._render_timer.stop()
        self._worker = None
        self._check()  # the chip speaks of the box again, not of the answer that ended
        if self._thread is not None:
            self._thread.wait(5000)
            self._thread = None

    # ---------------------------------------------------------------- actions
    def copy_answer(self) -> None:
        copy_text(self._entry.text)
        self.copy_button.flash("Copied")

    def _open_in_chat(self) -> None:
        if self._conversation_id is not None:
            self.open_in_chat.emit(self._conversation_id)
            self.hide()
