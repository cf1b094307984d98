"""The privacy chip: one fixed-height line above the message box saying where the draft would
go and why, in colour with an icon.  Long text is elided (the tooltip has it all), so the chip
never grows and never moves another control."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QWidget

from aideon_desktop.ui.icons import icon
from aideon_desktop.ui.route_preview import IDLE, ChipState
from aideon_desktop.ui.style import repolish
from aideon_desktop.ui.theme import Theme

ICONS = {
    "idle": ("info", "neutral_fg"),
    "checking": ("hourglass", "neutral_fg"),
    "private": ("device", "private_fg"),
    "device": ("device", "private_fg"),
    "cloud": ("cloud", "cloud_fg"),
    "masked": ("mask", "masked_fg"),
    "fallback": ("alert", "fallback_fg"),
    "error": ("alert", "error_fg"),
}
ICON_SIZE = 16
PADDING, SLIM_PADDING = 14, 6  # px above and below the text, together


class PrivacyChip(QFrame):
    changed = Signal(object)  # ChipState, each time the chip says something new

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("privacyChip")
        self.setAccessibleName("Privacy check")
        self.theme = theme
        self.state: ChipState = IDLE
        self.icon_label = QLabel()
        self.icon_label.setFixedSize(QSize(ICON_SIZE, ICON_SIZE))
        self.text_label = QLabel()
        self.text_label.setObjectName("chipText")
        self.text_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 0, 10, 0)
        layout.setSpacing(8)
        layout.addWidget(self.icon_label)
        layout.addWidget(self.text_label, 1)
        self.setFixedHeight(self.fontMetrics().height() + PADDING)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.show_state(IDLE)

    @property
    def text(self) -> str:
        return self.state.text

    def show_state(self, state: ChipState) -> None:
        previous, self.state = self.state, state
        self.setToolTip(state.text + (f"\n\n{state.description}" if state.description else ""))
        self.setAccessibleDescription(f"{state.text}. {state.description}".strip())
        self._elide()
        self._paint_icon()
        if self.property("state") != state.kind:
            self.setProperty("state", state.kind)
            repolish(self)
        if state != previous:
            self.changed.emit(state)

    def set_slim(self, slim: bool) -> None:
        """Slimmer in a short window; still one fixed height (nothing moves as it changes)."""
        self.setFixedHeight(self.fontMetrics().height() + (SLIM_PADDING if slim else PADDING))

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._paint_icon()

    def _paint_icon(self) -> None:
        name, color = ICONS[self.state.kind]
        pixmap = icon(name, self.theme.color(color)).pixmap(QSize(ICON_SIZE, ICON_SIZE))
        self.icon_label.setPixmap(pixmap)

    def _elide(self) -> None:
        metrics = self.text_label.fontMetrics()
        width = max(self.text_label.width(), 20)
        self.text_label.setText(
            metrics.elidedText(self.state.text, Qt.TextElideMode.ElideRight, width)
        )

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._elide()
