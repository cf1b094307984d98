"""The quick-prompt box: frameless, always on top, centred on the active screen.  Type, Enter,
the answer streams inline; Esc hides it; "Open in chat" continues the exchange in the chat."""

from __future__ import annotations

from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtGui import QCursor, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from aideon_desktop.core.answering import Answer, AskRequest, Assistant
from aideon_desktop.ui.worker import AskWorker, start_worker


class QuickPrompt(QWidget):
    open_in_chat = Signal(int)  # conversation id

    def __init__(self, assistant: Assistant, hotkey_label: str = "") -> None:
        super().__init__(
            None,
            Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.Tool,
        )
        self.assistant = assistant
        self.setObjectName("quickPrompt")
        self.setWindowTitle("Aideon quick prompt")
        self.resize(640, 320)
        frame = QFrame(self)
        frame.setObjectName("quickFrame")
        frame.setStyleSheet(
            "#quickFrame { border: 1px solid palette(mid); border-radius: 10px; background: palette(window); }"
        )
        self.input = QLineEdit()
        self.input.setPlaceholderText("Ask Aideon…  Enter to send · Esc to close")
        self.input.returnPressed.connect(self.send)
        self.answer_view = QTextBrowser()
        self.answer_view.hide()
        self.status = QLabel(hotkey_label)
        self.status.setObjectName("quickStatus")
        self.status.setWordWrap(True)
        self.open_button = QPushButton("Open in chat")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._open_in_chat)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.open_button)
        inner = QVBoxLayout(frame)
        inner.addWidget(self.input)
        inner.addWidget(self.answer_view, 1)
        inner.addLayout(bottom)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self._worker: AskWorker | None = None
        self._thread: QThread | None = None
        self._text = ""
        self._conversation_id: int | None = None

    def popup(self) -> None:
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        geometry = screen.availableGeometry()
        self.move(
            geometry.center().x() - self.width() // 2, geometry.top() + geometry.height() // 4
        )
        self.show()
        self.raise_()
        self.activateWindow()
        self.input.setFocus()
        self.input.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() == Qt.Key.Key_Escape:
            if self._worker is not None:
                self._worker.cancel_event.set()
            self.hide()
            return
        super().keyPressEvent(event)

    def send(self) -> None:
        prompt = self.input.text()
        if self._worker is not None or not prompt.strip():
            return
        self._text = ""
        self.answer_view.clear()
        self.answer_view.show()
        self.open_button.setEnabled(False)
        self.status.setText("Checking privacy…")
        decision = self.assistant.plan(AskRequest(prompt)).decision
        where = (
            "on this device"
            if decision.route.own_hardware
            else f"in the cloud ({decision.route.display})"
        )
        self.status.setText(f"Answering {where}")
        worker = AskWorker(self.assistant, AskRequest(prompt, new_conversation=True))
        worker.delta.connect(self._on_delta)
        worker.notice.connect(lambda _kind, message: self.status.setText(message))
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        self._worker = worker
        self._thread = start_worker(worker)

    def _on_delta(self, text: str) -> None:
        self._text += text
        self.answer_view.setMarkdown(self._text)

    def _on_finished(self, answer: Answer) -> None:
        route = answer.current_route
        self.answer_view.setMarkdown(answer.text)
        self.status.setText(
            ("Private, answered on this device: " if answer.decision.private else "Answered by ")
            + route.display
        )
        self._conversation_id = answer.conversation_id
        self.open_button.setEnabled(answer.conversation_id is not None)
        self._finish()

    def _on_failed(self, message: str) -> None:
        self.status.setText(f"Problem: {message}")
        self._finish()

    def _finish(self) -> None:
        self._worker = None
        if self._thread is not None:
            self._thread.wait(5000)
            self._thread = None

    def busy(self) -> bool:
        return self._worker is not None

    def _open_in_chat(self) -> None:
        if self._conversation_id is not None:
            self.open_in_chat.emit(self._conversation_id)
            self.hide()
