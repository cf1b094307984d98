"""What the quick prompt shows: the question line with Send, the privacy chip, and — once there
is an answer — the answer (Markdown, scrolling past a height) with its status, Copy, Stop and
"Continue in chat"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from aideon_desktop.ui.markdown_view import MarkdownView
from aideon_desktop.ui.privacy_chip import PrivacyChip
from aideon_desktop.ui.theme import Theme
from aideon_desktop.ui.widgets import IconButton


class QuickFrame(QFrame):
    def __init__(self, theme: Theme, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickFrame")
        self.hint = hint
        self.input = QLineEdit()
        self.input.setObjectName("quickInput")
        self.input.setPlaceholderText("Ask Aideon…  Enter sends · Esc closes")
        self.input.setAccessibleName("Quick prompt")
        self.input.setAccessibleDescription("Type a question; Enter sends it, Esc closes the box")
        self.send_button = QPushButton("Send")
        self.send_button.setObjectName("sendButton")
        self.send_button.setAccessibleName("Send")
        self.send_button.setAccessibleDescription("Send the question (Enter)")
        self.chip = PrivacyChip(theme)
        self.question = QLabel()
        self.question.setObjectName("quickQuestion")
        self.question.setAccessibleName("Your question")
        self.question.setWordWrap(True)
        self.answer_view = MarkdownView(theme)
        self.answer_view.setObjectName("quickAnswer")
        self.scroll = QScrollArea()
        self.scroll.setObjectName("transcript")
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setAccessibleName("Answer")
        self.scroll.setWidget(self.answer_view)
        self.status = QLabel(hint)
        self.status.setObjectName("quickStatus")
        self.status.setWordWrap(True)
        self.copy_button = IconButton("copy", "Copy answer", "Copy the answer", text="Copy")
        self.stop_button = IconButton("stop", "Stop", "Stop the answer (Esc)", text="Stop")
        self.open_button = IconButton(
            "chat", "Continue in chat", "Open this conversation in the chat window"
        )
        self.open_button.setText("Continue in chat")
        self.open_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._lay_out()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.input, 1)
        top.addWidget(self.send_button)
        policy = self.send_button.sizePolicy()  # as tall as the question line beside it
        policy.setVerticalPolicy(QSizePolicy.Policy.Preferred)
        self.send_button.setSizePolicy(policy)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        for button in (self.copy_button, self.stop_button, self.open_button):
            bottom.addWidget(button)
        inner = QVBoxLayout(self)
        inner.setContentsMargins(12, 12, 12, 10)
        inner.setSpacing(8)
        inner.addLayout(top)
        inner.addWidget(self.chip)
        inner.addWidget(self.question)
        inner.addWidget(self.scroll)
        inner.addLayout(bottom)

    def apply_theme(self, theme: Theme) -> None:
        self.chip.apply_theme(theme)
        self.answer_view.apply_theme(theme)
        for button in (self.copy_button, self.stop_button, self.open_button):
            button.apply_theme(theme, "text")

    def start_over(self) -> None:
        """The box as it first opens: no question line, the hint in the status (an old question
        and "Answered by …" stayed when it was opened again)."""
        self.question.clear()
        self.status.setText(self.hint)
        self.status.setToolTip("")

    def show_answer_area(self, shown: bool, busy: bool) -> None:
        self.question.setVisible(bool(self.question.text()))
        for widget in (self.scroll, self.copy_button, self.open_button):
            widget.setVisible((shown and not busy) or (widget is self.scroll and shown))
        self.stop_button.setVisible(busy)
        self.status.setVisible(shown or busy or bool(self.hint))

    def fit_answer(self, limit: int) -> None:
        """The answer area as tall as the answer, keeping the whole frame under ``limit``."""
        if not self.scroll.isVisibleTo(self):
            return
        content = self.answer_view.sizeHint().height() + 4
        layout = self.layout()  # the scroll's own part of the hint: its fixed height once set
        scroll_part = layout.itemAt(layout.indexOf(self.scroll)).sizeHint().height()
        others = self.sizeHint().height() - scroll_part
        self.scroll.setFixedHeight(max(40, min(content, limit - others)))
