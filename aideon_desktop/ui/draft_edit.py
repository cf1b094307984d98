"""The message box: Enter sends and Shift+Enter adds a line (or Ctrl+Enter sends, a setting);
Tab moves focus; it grows with its text up to a few lines; private values the check found are
highlighted where they were typed.  In a short window it starts one line tall and grows to
fewer lines, and its placeholder shortens to one line."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QResizeEvent, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QPlainTextEdit, QSizePolicy, QWidget

from aideon_desktop.ui.route_preview import shift_spans

MIN_LINES, MAX_LINES = 2, 8  # a short window shows one line until more is typed
SHORT_MAX_LINES = 3  # a short window's box grows to this many lines, then scrolls
SHORT_PLACEHOLDER = "Message Aideon"
SEND_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class FindingHighlighter(QSyntaxHighlighter):
    """Marks the spans (UTF-16 offsets in the whole draft) of what the privacy check found."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor.document())
        self.spans: tuple[tuple[int, int], ...] = ()
        self._text = ""
        self.format = QTextCharFormat()
        editor.textChanged.connect(lambda: self._follow_edit(editor.toPlainText()))

    def set_color(self, color: str) -> None:
        self.format.setBackground(QColor(color))
        self.format.setFontUnderline(True)
        self.rehighlight()

    def set_spans(self, spans: tuple[tuple[int, int], ...], text: str) -> None:
        self._text = text
        if spans != self.spans:
            self.spans = spans
            self.rehighlight()

    def _follow_edit(self, text: str) -> None:
        if text == self._text:
            return
        moved = shift_spans(self.spans, self._text, text)
        self._text = text
        if moved != self.spans:
            self.spans = moved
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt API
        start = self.currentBlock().position()
        end = start + self.currentBlock().length()
        for begin, finish in self.spans:
            if finish > start and begin < end:
                first = max(begin, start)
                self.setFormat(first - start, min(finish, end) - first, self.format)


class DraftEdit(QPlainTextEdit):
    submitted = Signal()

    def __init__(self, ctrl_enter_sends: Callable[[], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draft")
        self._ctrl_enter_sends = ctrl_enter_sends
        self.setTabChangesFocus(True)
        self.setAccessibleName("Message")
        self.highlighter = FindingHighlighter(self)
        self.min_lines, self.max_lines = MIN_LINES, MAX_LINES
        self._hint = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._grow)
        self.update_hint()
        self._grow()

    def update_hint(self) -> None:
        """The placeholder and description name the keys that send (the setting can change)."""
        if self._ctrl_enter_sends():
            hint = "Ctrl+Enter to send, Enter for a new line"
        else:
            hint = "Enter to send, Shift+Enter for a new line"
        self._hint = f"Message Aideon — {hint}"
        self.setAccessibleDescription(f"Type your message. {hint}. Tab moves to the next control.")
        self._fit_placeholder()

    def _fit_placeholder(self) -> None:
        """One line tall, the box says only "Message Aideon" where the keys would wrap (the
        second line was cut in half); the description keeps them."""
        room = self.viewport().width() - 2 * self.document().documentMargin()
        fits = self.min_lines > 1 or self.fontMetrics().horizontalAdvance(self._hint) <= room
        text = self._hint if fits else SHORT_PLACEHOLDER
        if self.placeholderText() != text:
            self.setPlaceholderText(text)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit_placeholder()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() in SEND_KEYS and self._sends(event.modifiers()):
            self.submitted.emit()
            return
        if event.key() in SEND_KEYS:  # a new line, whatever modifier asked for it
            self.insertPlainText("\n")
            return
        super().keyPressEvent(event)

    def _sends(self, modifiers: Qt.KeyboardModifier) -> bool:
        """Shift+Enter never sends; Ctrl+Enter always does; plain Enter unless the setting
        says Ctrl+Enter sends."""
        if modifiers & Qt.KeyboardModifier.ShiftModifier:
            return False
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            return True
        return not self._ctrl_enter_sends()

    def set_short(self, short: bool) -> None:
        """A short window: one line to start, at most SHORT_MAX_LINES before it scrolls."""
        lines = (1, SHORT_MAX_LINES) if short else (MIN_LINES, MAX_LINES)
        if lines != (self.min_lines, self.max_lines):
            self.min_lines, self.max_lines = lines
            self._grow()
            self._fit_placeholder()

    def _grow(self) -> None:
        """Between min_lines and max_lines tall, then it scrolls."""
        lines = max(self.min_lines, min(self.max_lines, int(self.document().size().height())))
        margins = self.contentsMargins()
        height = lines * self.fontMetrics().lineSpacing()
        height += int(self.document().documentMargin() * 2) + margins.top() + margins.bottom() + 4
        if height != self.height():
            self.setFixedHeight(height)
