"""The chat window: conversations on the left; transcript, live privacy indicator, draft,
Send/Stop on the right.  A thin layer over core.Assistant; generation runs in a worker thread."""

from __future__ import annotations

from PySide6.QtCore import Qt, QThread, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from aideon_desktop.core.answering import Answer, AskRequest, Assistant
from aideon_desktop.core.errors import AideonError
from aideon_desktop.ui.transcript import TranscriptEntry, route_badge, transcript_markdown
from aideon_desktop.ui.worker import AskWorker, start_worker

PRIVACY_DEBOUNCE_MS = 250
RENDER_INTERVAL_MS = 50


class DraftEdit(QPlainTextEdit):
    """Enter sends, Shift+Enter adds a line."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class ChatWindow(QWidget):
    hidden_to_tray = Signal()
    answered = Signal(object)  # Answer, for the tray (budget notices…)

    def __init__(self, assistant: Assistant) -> None:
        super().__init__()
        self.assistant = assistant
        self.conversation_id: int | None = None
        self.entries: list[TranscriptEntry] = []
        self._worker: AskWorker | None = None
        self._thread: QThread | None = None
        self.setWindowTitle("Aideon")
        self.resize(980, 680)

        # ---- conversations
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search conversations")
        self.search.textChanged.connect(self.refresh_conversations)
        self.conversation_list = QListWidget()
        self.conversation_list.itemSelectionChanged.connect(self._on_conversation_selected)
        self.conversation_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.conversation_list.customContextMenuRequested.connect(self._conversation_menu)
        new_button = QPushButton("New chat")
        new_button.clicked.connect(self.new_conversation)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(new_button)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.conversation_list, 1)

        # ---- chat
        self.transcript = QTextBrowser()
        self.transcript.setOpenExternalLinks(True)
        self.transcript.setPlaceholderText("Ask anything. Private prompts stay on this device.")
        self.status_label = QLabel("")
        self.status_label.setObjectName("statusBanner")
        self.status_label.setWordWrap(True)
        self.retry_button = QPushButton("Retry")
        self.retry_button.hide()
        self.retry_button.clicked.connect(self.send)
        self.privacy_label = QLabel("")
        self.privacy_label.setObjectName("privacyIndicator")
        self.privacy_label.setWordWrap(True)
        self.keep_local = QCheckBox("Keep on device")
        self.keep_local.setToolTip("Answer this message with the local model, whatever it contains")
        self.keep_local.toggled.connect(self._schedule_privacy_check)
        self.mask = QCheckBox("Mask and use cloud")
        self.mask.setToolTip(
            "Replace card numbers, IDs, bank details, secrets and contact details by placeholders "
            "and send the rest to the cloud; the answer is restored on this device. Health, legal "
            "and business matters always stay on this device."
        )
        self.mask.setChecked(assistant.settings.privacy.redact_and_send)
        self.mask.toggled.connect(self._schedule_privacy_check)
        self.draft = DraftEdit()
        self.draft.setPlaceholderText("Type a message — Enter to send, Shift+Enter for a new line")
        self.draft.setMaximumHeight(130)
        self.draft.submitted.connect(self.send)
        self.draft.textChanged.connect(self._schedule_privacy_check)
        self.send_button = QPushButton("Send")
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.send)
        self.stop_button = QPushButton("Stop")
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)
        self.copy_button = QPushButton("Copy answer")
        self.copy_button.clicked.connect(self.copy_last_answer)

        banner = QHBoxLayout()
        banner.addWidget(self.status_label, 1)
        banner.addWidget(self.retry_button)
        controls = QHBoxLayout()
        controls.addWidget(self.privacy_label, 1)
        controls.addWidget(self.keep_local)
        controls.addWidget(self.mask)
        controls.addWidget(self.copy_button)
        controls.addWidget(self.stop_button)
        controls.addWidget(self.send_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.transcript, 1)
        right_layout.addLayout(banner)
        right_layout.addWidget(self.draft)
        right_layout.addLayout(controls)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([240, 740])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._privacy_timer = QTimer(self)
        self._privacy_timer.setSingleShot(True)
        self._privacy_timer.setInterval(PRIVACY_DEBOUNCE_MS)
        self._privacy_timer.timeout.connect(self.update_privacy_indicator)
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(RENDER_INTERVAL_MS)
        self._render_timer.timeout.connect(self.render)
        self.refresh_conversations()
        if self.assistant.store is not None and self.assistant.store.unavailable:
            self.status_label.setText(self.assistant.store.unavailable)

    # ------------------------------------------------------------ conversations
    def refresh_conversations(self) -> None:
        store = self.assistant.store
        self.conversation_list.blockSignals(True)
        self.conversation_list.clear()
        for conversation in store.conversations(self.search.text().strip()) if store else []:
            label = conversation.title or "(untitled)"
            item = QListWidgetItem(("[private] " if conversation.private else "") + label)
            item.setData(Qt.ItemDataRole.UserRole, conversation.id)
            self.conversation_list.addItem(item)
            if conversation.id == self.conversation_id:
                item.setSelected(True)
        self.conversation_list.blockSignals(False)

    def new_conversation(self) -> None:
        if self.busy():
            return
        self.conversation_id = None
        self.entries = []
        self.conversation_list.clearSelection()
        self.render()
        self.draft.setFocus()

    def open_conversation(self, conversation_id: int) -> None:
        store = self.assistant.store
        if store is None or self.busy():
            return
        self.conversation_id = conversation_id
        self.entries = []
        for message in store.messages(conversation_id):
            note = "partial answer" if message.partial and message.role == "assistant" else ""
            badge = f"{message.provider} · {message.model}" if message.provider else ""
            self.entries.append(TranscriptEntry(message.role, message.text, badge, note))
        self.render()
        self._schedule_privacy_check()

    def _on_conversation_selected(self) -> None:
        items = self.conversation_list.selectedItems()
        if items:
            self.open_conversation(items[0].data(Qt.ItemDataRole.UserRole))

    def _conversation_menu(self, pos) -> None:
        item = self.conversation_list.itemAt(pos)
        if item is None or self.assistant.store is None:
            return
        conversation_id = item.data(Qt.ItemDataRole.UserRole)
        menu = QMenu(self)
        rename = QAction("Rename…", menu)
        delete = QAction("Delete", menu)
        menu.addAction(rename)
        menu.addAction(delete)
        chosen = menu.exec(self.conversation_list.mapToGlobal(pos))
        if chosen is rename:
            title, ok = QInputDialog.getText(
                self, "Rename conversation", "Title:", text=item.text().removeprefix("[private] ")
            )
            if ok and title.strip():
                self.assistant.store.rename_conversation(conversation_id, title.strip())
        elif chosen is delete:
            answer = QMessageBox.question(
                self, "Delete conversation", "Delete this conversation and its cached answers?"
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.delete_conversation(conversation_id)
        self.refresh_conversations()

    def delete_conversation(self, conversation_id: int) -> None:
        if self.assistant.store is None:
            return
        self.assistant.store.delete_conversation(conversation_id)
        if conversation_id == self.conversation_id:
            self.new_conversation()
        self.refresh_conversations()

    # ---------------------------------------------------------------- privacy
    def _schedule_privacy_check(self) -> None:
        self._privacy_timer.start()

    def update_privacy_indicator(self) -> None:
        text = self.draft.toPlainText()
        if not text.strip():
            self.privacy_label.setText("")
            return
        try:
            decision = self.assistant.plan(
                AskRequest(
                    text,
                    conversation_id=self.conversation_id,
                    force_local=self.keep_local.isChecked(),
                    mask_and_send=self.mask.isChecked(),
                )
            ).decision
        except AideonError as exc:
            self.privacy_label.setText(str(exc))
            return
        if decision.masked:
            self.privacy_label.setText(
                f"Masked, then to {decision.route.display} — {decision.reasons[0]}"
            )
        elif decision.route.own_hardware:
            why = decision.reasons[0] if decision.reasons else ""
            self.privacy_label.setText(f"On this device — {why}")
        else:
            self.privacy_label.setText(f"Will go to {decision.route.display}")

    # ------------------------------------------------------------------- chat
    def render(self) -> None:
        bar = self.transcript.verticalScrollBar()
        at_bottom = bar.value() >= bar.maximum() - 4
        self.transcript.setMarkdown(transcript_markdown(self.entries))
        if at_bottom:
            bar.setValue(bar.maximum())

    def send(self) -> None:
        text = self.draft.toPlainText()
        if self._worker is not None or not text.strip():
            return
        self.status_label.setText("")
        self.retry_button.hide()
        self.entries += [TranscriptEntry("user", text), TranscriptEntry("assistant", "")]
        self.render()
        worker = AskWorker(
            self.assistant,
            AskRequest(
                text,
                conversation_id=self.conversation_id,
                new_conversation=self.conversation_id is None,
                force_local=self.keep_local.isChecked(),
                mask_and_send=self.mask.isChecked(),
            ),
        )
        worker.delta.connect(self._on_delta)
        worker.notice.connect(self._on_notice)
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
        self.entries[-1].text += text
        if not self._render_timer.isActive():
            self._render_timer.start()

    def _on_notice(self, kind: str, message: str) -> None:
        if kind == "restart":
            # The provider broke off: keep what it said, marked, and start the answer afresh.
            self.entries[-1].note = "incomplete — the provider broke off; answer redone below"
            self.entries.append(TranscriptEntry("assistant", ""))
        self.status_label.setText(message)
        self.render()

    def _on_finished(self, answer: Answer) -> None:
        route = answer.current_route
        usage = answer.usage
        self.entries[-1].text = answer.text
        self.entries[-1].badge = route_badge(
            route.display,
            route.own_hardware,
            answer.decision.private,
            answer.decision.task,
            usage.prompt_tokens if usage else None,
            usage.completion_tokens if usage else None,
            str(answer.cost_usd),
            str(answer.saved_usd),
            list(answer.decision.reasons),
            answer.partial,
            answer.cache_hit,
        )
        if answer.masked:
            self.entries[-1].badge += " · masked: " + ", ".join(answer.masked)
        if answer.partial:
            self.entries[-1].note = "stopped"
        if answer.conversation_id is not None:
            self.conversation_id = answer.conversation_id
        if not answer.has_notice("history_unavailable"):
            self.status_label.setText("")
        self.draft.clear()
        self._done()
        self.render()
        self.refresh_conversations()
        self.answered.emit(answer)

    def _on_failed(self, message: str) -> None:
        # Nothing the user typed is lost: the draft keeps the prompt for a retry.
        self.status_label.setText(f"Problem: {message}")
        self.retry_button.show()
        if self.entries and self.entries[-1].role == "assistant" and not self.entries[-1].text:
            self.entries = self.entries[:-2]
        elif self.entries:
            self.entries[-1].note = "incomplete"
        self._done()
        self.render()

    def _done(self) -> None:
        self._worker = None
        if self._thread is not None:
            self._thread.wait(5000)
            self._thread = None
        self.send_button.setEnabled(True)
        self.stop_button.setEnabled(False)

    def busy(self) -> bool:
        return self._worker is not None

    def copy_last_answer(self) -> None:
        answers = [e.text for e in self.entries if e.role == "assistant" and e.text]
        if answers:
            QGuiApplication.clipboard().setText(answers[-1])

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        event.ignore()
        self.hide()
        self.hidden_to_tray.emit()
