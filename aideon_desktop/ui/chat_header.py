"""The bar above the transcript: the button that shows or hides the chats, and the title."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from aideon_desktop.ui.theme import Theme
from aideon_desktop.ui.widgets import IconButton


class ChatHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatHeader")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.toggle = IconButton(
            "sidebar", "Show or hide chats", "Show or hide the list of conversations"
        )
        self.toggle.setCheckable(True)
        self.title = QLabel("New chat")
        self.title.setObjectName("chatTitle")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 12, 6)
        row.addWidget(self.toggle)
        row.addWidget(self.title, 1)

    def show_sidebar_state(self, shown: bool) -> None:
        self.toggle.setChecked(shown)
        self.toggle.setAccessibleDescription(
            ("Hide" if shown else "Show") + " the list of conversations"
        )

    def apply_theme(self, theme: Theme) -> None:
        self.toggle.apply_theme(theme, "text")
