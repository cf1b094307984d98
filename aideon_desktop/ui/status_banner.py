"""The line above the message box for what the user should know now: a problem (with Retry),
an answer's progress ("Loading the local model…", a provider failing over), an edit in
progress, history that cannot be saved.  Each message has a source; a new message replaces its
source's old one, and clearing a source never leaves a stale message behind."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QWidget

from aideon_desktop.ui.icons import icon
from aideon_desktop.ui.style import repolish
from aideon_desktop.ui.theme import Theme
from aideon_desktop.ui.widgets import IconButton

# Most urgent first: the banner shows the first source that has a message.
SOURCES = ("problem", "editing", "progress", "fallback", "history", "app")
MAX_LINES = 4  # a longer message scrolls inside the banner instead of being cut off
SHORT_MAX_LINES = 2  # in a short window


class StatusBanner(QFrame):
    retry_requested = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.max_lines = MAX_LINES
        self.setObjectName("statusBanner")
        self.setAccessibleName("Status")
        self.theme = theme
        self.messages: dict[str, str] = {}
        self.no_retry: set[str] = set()  # sources whose message Retry cannot help
        self.icon_label = QLabel()
        self.icon_label.setFixedSize(QSize(16, 16))
        self.label = QLabel()
        self.label.setObjectName("bannerText")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        self.text_area = QScrollArea()
        self.text_area.setObjectName("bannerScroll")
        self.text_area.setFrameShape(QFrame.Shape.NoFrame)
        self.text_area.setWidgetResizable(True)
        self.text_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.text_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.text_area.setWidget(self.label)
        self.text_area.viewport().setAutoFillBackground(False)
        self.text_area.installEventFilter(self)  # Retry shown or hidden: the text rewraps
        self.retry_button = QPushButton("Retry")
        self.retry_button.setObjectName("bannerRetry")
        self.retry_button.setAccessibleName("Retry")
        self.retry_button.setAccessibleDescription("Send the message again")
        self.retry_button.clicked.connect(self.retry_requested)
        self.close_button = IconButton("close", "Dismiss", "Hide this message")
        self.close_button.clicked.connect(self._dismiss)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 4, 4)
        row.addWidget(self.icon_label)
        row.addWidget(self.text_area, 1)
        row.addWidget(self.retry_button)
        row.addWidget(self.close_button)
        self.apply_theme(theme)
        self._show_current()

    def show_message(self, source: str, text: str, *, retry: bool = True) -> None:
        """``retry``: offer Retry with a problem (not where sending the same again must fail,
        such as text that cannot be sent)."""
        self.messages[source] = text
        if retry:
            self.no_retry.discard(source)
        else:
            self.no_retry.add(source)
        self._show_current()

    def clear(self, *sources: str) -> None:
        for source in sources or tuple(self.messages):
            self.messages.pop(source, None)
        self._show_current()

    def text(self) -> str:
        return self.label.text()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit_text()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.text_area and event.type() == QEvent.Type.Resize:
            self._fit_text()  # its width changed without the banner's (Retry came or went)
        return super().eventFilter(watched, event)

    def _fit_text(self) -> None:
        """As tall as the message, up to max_lines lines; a longer one scrolls (a short
        window cut a long message off at its top and bottom)."""
        width = max(self.text_area.viewport().width(), 40)
        needed = self.label.heightForWidth(width)
        cap = self.max_lines * self.label.fontMetrics().lineSpacing()
        self.text_area.setFixedHeight(max(min(needed, cap), self.icon_label.height()))

    def set_short(self, short: bool) -> None:
        """At most SHORT_MAX_LINES lines in a short window (the rest scrolls)."""
        lines = SHORT_MAX_LINES if short else MAX_LINES
        if lines != self.max_lines:
            self.max_lines = lines
            self._fit_text()

    def current_source(self) -> str | None:
        return next((s for s in SOURCES if s in self.messages), None)

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.close_button.apply_theme(theme)
        self._show_current()

    def _dismiss(self) -> None:
        source = self.current_source()
        if source is not None:
            self.clear(source)

    def _show_current(self) -> None:
        source = self.current_source()
        self.setVisible(source is not None)
        if source is None:
            self.label.clear()
            return
        problem = source == "problem"
        self.label.setText(self.messages[source])
        self.setAccessibleDescription(self.messages[source])
        self.retry_button.setVisible(problem and source not in self.no_retry)
        self._fit_text()
        color = self.theme.color("error_fg" if problem else "neutral_fg")
        self.icon_label.setPixmap(icon("alert" if problem else "info", color).pixmap(16, 16))
        kind = "problem" if problem else "info"
        if self.property("kind") != kind:
            self.setProperty("kind", kind)
            repolish(self)
