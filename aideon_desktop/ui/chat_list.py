"""The chat window's list of conversations: opened off the GUI thread, listed with masked
titles, renamed and deleted.

The first time the window shows, history opens on a worker thread: importing the database
stack takes about a second, and the window must not freeze for it.  The list says "Opening your
chats…" meanwhile; typing and sending work at once (an answer opens the store on its own
worker thread if it gets there first).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aideon_desktop.core.store.deferred import DeferredStore
from aideon_desktop.ui.background import BackgroundCall
from aideon_desktop.ui.dialogs import ask_title, confirm_delete
from aideon_desktop.ui.transcript import display_title

if TYPE_CHECKING:
    from aideon_desktop.ui.chat_window import ChatWindow


class ChatList:
    def __init__(self, window: ChatWindow) -> None:
        self.window = window
        self.sidebar = window.sidebar
        self.assistant = window.assistant

    # ------------------------------------------------------------------ opening
    def ready(self) -> bool:
        """History can be read without waiting (it is open, or not kept at all)."""
        store = self.assistant.store
        return not isinstance(store, DeferredStore) or store.opened

    def open(self) -> None:
        """Fill the list now if history is open, else once a worker thread has opened it."""
        store = self.assistant.store
        if self.ready():
            self._opened()
            return
        assert isinstance(store, DeferredStore)
        self.sidebar.show_opening()
        BackgroundCall(
            store.real,
            on_done=lambda _store: self._opened(),
            on_failed=lambda exc: self.window.banner.show_message(
                "history", f"History could not be opened ({type(exc).__name__})."
            ),
            owner=self.window,
            name="aideon-open-history",
        ).start()

    def _opened(self) -> None:
        self.refresh()
        store = self.assistant.store
        if store is not None and store.unavailable:
            self.window.banner.show_message("history", store.unavailable)

    # ------------------------------------------------------------------ listing
    def masked_title(self, title: str) -> str:
        return display_title(title, self.assistant.privacy.scan)

    def refresh(self) -> None:
        if not self.ready():
            return  # filled in once history has opened
        window, store = self.window, self.assistant.store
        found = store.conversations(self.sidebar.search.text().strip()) if store else []
        self.sidebar.show_conversations(found, window.conversation_id, self.masked_title)
        current = next((c for c in found if c.id == window.conversation_id), None)
        title = self.masked_title(current.title) if current else "New chat"
        window.title_label.setText(title)
        window.setWindowTitle(f"{title} — Aideon" if current else "Aideon")

    # ------------------------------------------------------------------ actions
    def _target(self, conversation_id: int | None) -> tuple[int, str] | None:
        """The chat an action is for (the one clicked, else the one selected in the focused
        list, else the open one) and its masked title; None if there is none."""
        if conversation_id is None:
            chosen = self.sidebar.selected_id() if self.sidebar.list.hasFocus() else None
            conversation_id = chosen if chosen is not None else self.window.conversation_id
        store = self.assistant.store
        if conversation_id is None or store is None:
            return None
        found = store.conversation(conversation_id)
        return None if found is None else (conversation_id, self.masked_title(found.title))

    def rename(self, conversation_id: int | None = None) -> None:
        target = self._target(conversation_id)
        if target is None:
            return
        title = ask_title(self.window, target[1])
        if title is not None and self.assistant.store is not None:
            self.assistant.store.rename_conversation(target[0], title)
        self.refresh()

    def confirm_delete(self, conversation_id: int | None = None) -> None:
        """Delete after a confirmation that names the chat."""
        target = self._target(conversation_id)
        if target is not None and confirm_delete(self.window, target[1]):
            self.delete(target[0])

    def delete(self, conversation_id: int) -> None:
        window = self.window
        answering = conversation_id == window.conversation_id and window.busy()
        if self.assistant.store is None or answering:
            return
        self.assistant.store.delete_conversation(conversation_id)
        if conversation_id == window.conversation_id:
            window.new_conversation()
        self.refresh()
