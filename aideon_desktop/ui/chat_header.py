"""The bar above the transcript: the button that shows or hides the chats, the title, and the
model that answers private prompts on this device."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from aideon_desktop.ui.theme import Theme
from aideon_desktop.ui.widgets import ElidedLabel, IconButton


class ChatHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatHeader")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.toggle = IconButton(
            "sidebar", "Show or hide chats", "Show or hide the list of conversations"
        )
        self.toggle.setCheckable(True)
        self.title = ElidedLabel("New chat")
        self.title.setObjectName("chatTitle")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 12, 6)
        row.addWidget(self.toggle)
        self.local_model = QLabel()
        self.local_model.setObjectName("localModel")
        self.local_model.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.title, 1)
        row.addWidget(self.local_model)

    def show_local_model(self, name: str, description: str = "") -> None:
        """Name the on-device model (it answers every private prompt)."""
        self._local_name = name
        self.local_model.setToolTip(f"Private prompts are answered on this device by {name}")
        self.local_model.setAccessibleName("Model on this device")
        self.local_model.setAccessibleDescription(description or name)
        self._fit_local_model()

    def _fit_local_model(self) -> None:
        """The name, cut with "…" at its end so the title keeps about half of the bar."""
        prefix = "On this device: "
        metrics = self.local_model.fontMetrics()
        room = max(60, self.width() * 11 // 20 - 24 - metrics.horizontalAdvance(prefix))
        name = metrics.elidedText(self._local_name, Qt.TextElideMode.ElideRight, room)
        self.local_model.setText(prefix + name)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if hasattr(self, "_local_name"):
            self._fit_local_model()

    def show_sidebar_state(self, shown: bool) -> None:
        self.toggle.setChecked(shown)
        self.toggle.setAccessibleDescription(
            ("Hide" if shown else "Show") + " the list of conversations"
        )

    def apply_theme(self, theme: Theme) -> None:
        self.toggle.apply_theme(theme, "text")
