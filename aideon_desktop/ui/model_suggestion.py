"""The first-run suggestion above the message box: while the tiny built-in model is the only
one that can answer on this device, one line names the model recommended for this machine and
says why, with "See models" and a close button.  Never forced: dismissing it is remembered in
the settings (``ui.model_suggestion_dismissed``)."""

from __future__ import annotations

import contextlib
import functools

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from aideon_desktop.core.answering import Assistant
from aideon_desktop.core.config import save_settings
from aideon_desktop.core.local_models.overview import Overview, suggestion_text, take_overview
from aideon_desktop.core.resources import resource_path
from aideon_desktop.ui.background import BackgroundCall
from aideon_desktop.ui.icons import icon
from aideon_desktop.ui.theme import Theme
from aideon_desktop.ui.widgets import IconButton


class ModelSuggestion(QFrame):
    open_models = Signal()
    checked = Signal(bool)  # whether the suggestion is shown (tests wait on it)

    def __init__(self, assistant: Assistant, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.assistant = assistant
        self.setObjectName("modelSuggestion")
        self.setAccessibleName("Suggestion")
        self.icon_label = QLabel()
        self.icon_label.setFixedSize(QSize(16, 16))
        self.label = QLabel()
        self.label.setObjectName("suggestionText")
        self.label.setWordWrap(True)
        self.open_button = QPushButton("See models")
        self.open_button.setAccessibleDescription("Open the list of on-device models")
        self.open_button.clicked.connect(self.open_models)
        self.close_button = IconButton(
            "close", "Dismiss", "Hide this suggestion; it will not come back"
        )
        self.close_button.clicked.connect(self.dismiss)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 4, 4)
        row.addWidget(self.icon_label)
        row.addWidget(self.label, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.close_button)
        self._call: BackgroundCall | None = None
        self.hide()
        self.apply_theme(theme)

    def check(self) -> None:
        """Look (off the GUI thread) whether the suggestion applies; show or hide it."""
        if self.assistant.settings.ui.model_suggestion_dismissed:
            self.hide()
            self.checked.emit(False)
            return
        work = functools.partial(take_overview, self.assistant.settings.local)
        self._call = BackgroundCall(
            work, on_done=self._show, on_failed=lambda _error: self._show(None), owner=self
        ).start()

    def _show(self, overview: Overview | None) -> None:
        pick = overview.first_run_pick if overview is not None else None
        shown = pick is not None and not self.assistant.settings.ui.model_suggestion_dismissed
        if pick is not None:
            self.label.setText(suggestion_text(pick))
            self.setAccessibleDescription(self.label.text())
        self.setVisible(shown)
        self.checked.emit(shown)

    def dismiss(self) -> None:
        """Hide it for good (saved); a settings file that cannot be written hides it for now."""
        self.hide()
        settings = self.assistant.settings.model_copy(deep=True)
        settings.ui.model_suggestion_dismissed = True
        with contextlib.suppress(OSError):  # still applied: not shown again while the app runs
            save_settings(settings)
        self.assistant.apply_settings(settings)

    def apply_theme(self, theme: Theme) -> None:
        style = resource_path("ui/models.qss").read_text(encoding="utf-8")
        self.setStyleSheet(theme.fill(style))
        self.icon_label.setPixmap(icon("device", theme.color("cloud_fg")).pixmap(16, 16))
        self.close_button.apply_theme(theme, "cloud_fg")
