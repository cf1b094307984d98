"""The Models page in a window of its own, opened from the tray or the first-run suggestion.

The page is made when first opened (nothing of it is imported before: an idle tray stays small)
and kept: its downloads go on while the window is closed.  When the user switches models, the
chat window, if it exists, names the new one and its first-run suggestion looks again."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QIcon

if TYPE_CHECKING:
    from aideon_desktop.core.answering import Assistant
    from aideon_desktop.ui.chat_window import ChatWindow
    from aideon_desktop.ui.models_page import ModelsPage


class ModelsWindow:
    def __init__(
        self, assistant: Assistant, chat: Callable[[], ChatWindow | None], icon: QIcon
    ) -> None:
        """``chat`` returns the chat window when it has been built, else None."""
        self.assistant, self.chat, self.icon = assistant, chat, icon
        self.page: ModelsPage | None = None

    def open(self, recommended: bool = False) -> ModelsPage:
        """Show the page (refreshed when it was already made); ``recommended``: scrolled to the
        model suggested for this machine, its Download button focused."""
        from aideon_desktop.ui.models_page import ModelsPage

        if self.page is None:
            self.page = ModelsPage(self.assistant)
            self.page.setWindowIcon(self.icon)
            self.page.active_changed.connect(self._switched)
        else:
            self.page.refresh()
        self.page.show()
        self.page.raise_()
        if recommended:
            self.page.show_recommended()
        return self.page

    def _switched(self, _key: str) -> None:
        chat = self.chat()
        if chat is not None:
            chat.populate_models()  # the header and the picker name the new model
            chat.suggestion.check()

    def close(self) -> None:
        """Stop downloads (what they fetched stays for a resume) and hide the window."""
        if self.page is not None:
            self.page.downloads.cancel_all()
            self.page.hide()
