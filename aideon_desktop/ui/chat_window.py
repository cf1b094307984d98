"""The chat window: transcript, a draft box with a live privacy indicator, Send/Stop."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QThread, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from aideon_desktop.core.assistant import Answer, Assistant
from aideon_desktop.core.chat import Message
from aideon_desktop.core.errors import AideonError
from aideon_desktop.ui.worker import AskWorker, start_worker

PRIVACY_DEBOUNCE_MS = 250


class DraftEdit(QPlainTextEdit):
    """Enter sends, Shift+Enter adds a line."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class ChatWindow(QWidget):
    hidden_to_tray = Signal()

    def __init__(self, assistant: Assistant) -> None:
        super().__init__()
        self.assistant = assistant
        self.history: list[Message] = []
        self.conversation_private = False
        self._worker: AskWorker | None = None
        self._thread: QThread | None = None
        self._reply = ""
        self.setWindowTitle("Aideon")
        self.resize(720, 640)

        self.transcript = QTextBrowser()
        self.transcript.setOpenExternalLinks(False)
        self.transcript.setPlaceholderText("Ask anything. Private prompts stay on this device.")
        self.privacy_label = QLabel("")
        self.privacy_label.setObjectName("privacyIndicator")
        self.privacy_label.setWordWrap(True)
        self.keep_local = QCheckBox("Keep on device")
        self.keep_local.toggled.connect(self._schedule_privacy_check)
        self.draft = DraftEdit()
        self.draft.setPlaceholderText("Type a message — Enter to send, Shift+Enter for a new line")
        self.draft.setMaximumHeight(120)
        self.draft.submitted.connect(self.send)
        self.draft.textChanged.connect(self._schedule_privacy_check)
        self.send_button = QPushButton("Send")
        self.send_button.clicked.connect(self.send)
        self.stop_button = QPushButton("Stop")
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)
        self.status_label = QLabel("")
        self.status_label.setObjectName("statusBanner")
        self.status_label.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.privacy_label, 1)
        buttons.addWidget(self.keep_local)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.transcript, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.draft)
        layout.addLayout(buttons)

        self._privacy_timer = QTimer(self)
        self._privacy_timer.setSingleShot(True)
        self._privacy_timer.setInterval(PRIVACY_DEBOUNCE_MS)
        self._privacy_timer.timeout.connect(self.update_privacy_indicator)

    # ---------------------------------------------------------------- privacy
    def _schedule_privacy_check(self) -> None:
        self._privacy_timer.start()

    def update_privacy_indicator(self) -> None:
        text = self.draft.toPlainText()
        if not text.strip():
            self.privacy_label.setText("")
            return
        try:
            decision = self.assistant.decide(
                text,
                history=self.history,
                force_local=self.keep_local.isChecked(),
                conversation_private=self.conversation_private,
            )
        except AideonError as exc:
            self.privacy_label.setText(str(exc))
            return
        if decision.route.is_local:
            why = decision.reasons[0] if decision.reasons else ""
            self.privacy_label.setText(f"🔒 Stays on this device — {why}")
        else:
            self.privacy_label.setText(f"☁ Will go to {decision.route.display}")

    # ------------------------------------------------------------------- chat
    def _append(self, role: str, text: str) -> None:
        who = "You" if role == "user" else "Aideon"
        self.transcript.append(f"<p><b>{who}:</b> {html.escape(text).replace(chr(10), '<br>')}</p>")

    def send(self) -> None:
        text = self.draft.toPlainText()
        if self._worker is not None or not text.strip():
            return
        self.status_label.setText("")
        self._append("user", text)
        self.transcript.append("<p><b>Aideon:</b> </p>")
        self._reply = ""
        self._pending_prompt = text
        worker = AskWorker(
            self.assistant,
            text,
            list(self.history),
            force_local=self.keep_local.isChecked(),
            conversation_private=self.conversation_private,
        )
        worker.delta.connect(self._on_delta)
        worker.notice.connect(self.status_label.setText)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        self._worker = worker
        self._thread = start_worker(worker)
        self.send_button.setEnabled(False)
        self.stop_button.setEnabled(True)

    def stop(self) -> None:
        if self._worker is not None:
            self._worker.cancel_event.set()

    def _on_delta(self, text: str) -> None:
        self._reply += text
        cursor = self.transcript.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text)
        self.transcript.setTextCursor(cursor)

    def _on_finished(self, answer: Answer) -> None:
        route = answer.route or answer.decision.route
        if answer.decision.private:
            self.conversation_private = True
        usage = answer.usage
        badge = (
            f"{route.display} · {'private' if answer.decision.private else answer.decision.task}"
        )
        if usage:
            badge += (
                f" · {usage.prompt_tokens}+{usage.completion_tokens} tokens · ${answer.cost_usd}"
            )
            badge += f" (saved ${answer.baseline_cost_usd - answer.cost_usd})"
        if answer.partial:
            badge += " · stopped"
        self.transcript.append(f"<p style='color:gray;font-size:small'>{html.escape(badge)}</p>")
        self.history += [Message("user", self._pending_prompt), Message("assistant", answer.text)]
        self.draft.clear()
        self._done()

    def _on_failed(self, message: str) -> None:
        # Nothing the user typed is lost: the draft keeps the prompt for a retry.
        self.status_label.setText(f"⚠ {message}")
        self._done()

    def _done(self) -> None:
        self._worker = None
        if self._thread is not None:
            self._thread.wait(5000)
            self._thread = None
        self.send_button.setEnabled(True)
        self.stop_button.setEnabled(False)

    def busy(self) -> bool:
        return self._worker is not None

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
        self.hide()
        self.hidden_to_tray.emit()
