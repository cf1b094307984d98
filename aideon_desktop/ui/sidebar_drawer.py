"""Where the conversation list is: beside the chat in a wide window (the user may hide it), or
a drawer covering the chat below NARROW_WIDTH, closed again once a chat is chosen."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from aideon_desktop.ui.chat_header import ChatHeader
from aideon_desktop.ui.sidebar import Sidebar

NARROW_WIDTH = 700


class SidebarDrawer:
    def __init__(
        self, window: QWidget, sidebar: Sidebar, pane: QWidget, header: ChatHeader
    ) -> None:
        self.window, self.sidebar, self.pane, self.header = window, sidebar, pane, header
        self.drawer_open = False  # narrow: the list covers the chat
        self.wanted = True  # wide: the user's choice

    def narrow(self) -> bool:
        return self.window.width() < NARROW_WIDTH

    def toggle(self) -> None:
        if self.narrow():
            self.drawer_open = not self.drawer_open
        else:
            self.wanted = not self.wanted
        self.update()

    def reveal(self) -> None:
        """Make the list visible (to search it)."""
        if self.narrow():
            self.drawer_open = True
        else:
            self.wanted = True
        self.update()

    def close(self) -> bool:
        """Close the drawer; False when there was none open."""
        if not self.drawer_open:
            return False
        self.drawer_open = False
        self.update()
        return True

    def update(self) -> None:
        narrow = self.narrow()
        if not narrow:
            self.drawer_open = False
        self.sidebar.set_drawer(narrow and self.drawer_open)
        self.sidebar.setVisible(self.drawer_open if narrow else self.wanted)
        self.pane.setVisible(not (narrow and self.drawer_open))
        self.header.show_sidebar_state(self.sidebar.isVisibleTo(self.window))
