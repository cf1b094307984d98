"""The list of conversations: New chat, search, and the chats (titles masked for display),
with Rename (F2) and Delete (Del, after a confirmation that names the chat)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aideon_desktop.ui.icons import icon
from aideon_desktop.ui.theme import Theme
from aideon_desktop.ui.widgets import IconButton

SIDEBAR_WIDTH = 250


class Sidebar(QWidget):
    new_chat_requested = Signal()
    chosen = Signal(int)  # conversation id
    rename_requested = Signal(int)
    delete_requested = Signal(int)
    search_changed = Signal(str)
    close_requested = Signal()  # the drawer's close button (narrow layout)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFixedWidth(SIDEBAR_WIDTH)
        self.new_button = QPushButton("New chat")
        self.new_button.setObjectName("newChatButton")
        self.new_button.setAccessibleName("New chat")
        self.new_button.setAccessibleDescription("Start a new conversation (Ctrl+N)")
        self.new_button.setToolTip("New chat (Ctrl+N)")
        self.new_button.clicked.connect(self.new_chat_requested)
        self.close_button = IconButton("close", "Close chats", "Back to the conversation (Esc)")
        self.close_button.clicked.connect(self.close_requested)
        self.close_button.hide()
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText("Search chats (Ctrl+K)")
        self.search.setAccessibleName("Search chats")
        self.search.setAccessibleDescription(
            "Find conversations by title or text (Ctrl+F or Ctrl+K); Enter opens the first "
            "found, Down goes to the list"
        )
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self.search_changed.emit(text.strip()))
        self.search.returnPressed.connect(self._open_top_match)  # Enter: the first chat found
        self._search_action = self.search.addAction(
            icon("search", theme.color("muted")), QLineEdit.ActionPosition.LeadingPosition
        )
        self.list = QListWidget()
        self.list.setObjectName("conversationList")
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setUniformItemSizes(True)
        self.list.setAccessibleName("Conversations")
        self.list.setAccessibleDescription("Enter opens a chat, F2 renames it, Delete deletes it")
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        self.hint = QLabel()
        self.hint.setObjectName("sidebarHint")
        self.hint.setWordWrap(True)
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.list)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self._delete_selected)
        down = QShortcut(QKeySequence(Qt.Key.Key_Down), self.search)
        down.setContext(Qt.ShortcutContext.WidgetShortcut)
        down.activated.connect(self._enter_list)  # Down: from the search into the chats found
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(self.new_button, 1)
        top.addWidget(self.close_button)
        layout.addLayout(top)
        layout.addWidget(self.search)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        self.apply_theme(theme)

    def set_drawer(self, drawer: bool) -> None:
        """Narrow layout: the list covers the whole window, with a button to close it."""
        self.close_button.setVisible(drawer)
        if drawer:
            self.setMinimumWidth(0)
            self.setMaximumWidth(16777215)
        else:
            self.setFixedWidth(SIDEBAR_WIDTH)

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.close_button.apply_theme(theme, "text")
        self.new_button.setIcon(icon("plus", theme.color("text")))
        self._search_action.setIcon(icon("search", theme.color("muted")))
        self._lock = icon("device", theme.color("private_fg"))
        self._chat = icon("chat", theme.color("muted"))

    def show_conversations(
        self, conversations: Iterable[Any], current: int | None, title: Callable[[str], str]
    ) -> None:
        """List ``conversations`` (newest first), titles through ``title`` (masking)."""
        self.list.blockSignals(True)
        self.list.clear()
        for conversation in conversations:
            shown = title(conversation.title)
            item = QListWidgetItem(self._lock if conversation.private else self._chat, shown)
            item.setData(Qt.ItemDataRole.UserRole, conversation.id)
            description = "private chat, stays on this device" if conversation.private else "chat"
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, description)
            item.setToolTip(f"{shown} — {description}")
            self.list.addItem(item)
            if conversation.id == current:
                item.setSelected(True)
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        search = self.search.text().strip()
        if search:
            self.hint.setText(f"No chats match “{search}”.")
        else:
            self.hint.setText("Your chats appear here. Ctrl+N starts a new one.")
        self.hint.setVisible(self.list.count() == 0)

    def show_opening(self) -> None:
        """History is still opening (the first time the window shows)."""
        self.list.clear()
        self.hint.setText("Opening your chats…")
        self.hint.setVisible(True)

    def titles(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _activated(self, item: QListWidgetItem) -> None:
        self.chosen.emit(item.data(Qt.ItemDataRole.UserRole))

    def _open_top_match(self) -> None:
        if self.list.count():
            self._activated(self.list.item(0))

    def _enter_list(self) -> None:
        if self.list.count():
            self.list.setFocus()
            if self.list.currentRow() < 0:
                self.list.setCurrentRow(0)

    def _delete_selected(self) -> None:
        chosen = self.selected_id()
        if chosen is not None:
            self.delete_requested.emit(chosen)

    def _menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        if item is None:
            return
        conversation_id = item.data(Qt.ItemDataRole.UserRole)
        menu = QMenu(self)
        rename = QAction("Rename…\tF2", menu)
        delete = QAction("Delete…\tDel", menu)
        rename.triggered.connect(lambda: self.rename_requested.emit(conversation_id))
        delete.triggered.connect(lambda: self.delete_requested.emit(conversation_id))
        menu.addAction(rename)
        menu.addAction(delete)
        menu.exec(self.list.mapToGlobal(pos))
