"""The chat window: conversations on the left; on the right the transcript, a status line, and
the composer (privacy chip, message box, model picker, Send).  Below about 700 px wide the
conversation list becomes a drawer.  The window fits the screen it opens on, at any scale.

``feedback(provider, model, task, verdict)`` is emitted when the user rates an answer ("up",
"down") or asks for it again ("regenerate"): routing can learn from it.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aideon_desktop.core.answering import Assistant
from aideon_desktop.core.routing import Route
from aideon_desktop.ui.background import BackgroundCall
from aideon_desktop.ui.chat_header import ChatHeader
from aideon_desktop.ui.chat_list import ChatList
from aideon_desktop.ui.chat_session import ChatSession
from aideon_desktop.ui.composer import Composer
from aideon_desktop.ui.draft_edit import DraftEdit
from aideon_desktop.ui.model_picker import local_model_name
from aideon_desktop.ui.model_suggestion import ModelSuggestion
from aideon_desktop.ui.sidebar import Sidebar
from aideon_desktop.ui.sidebar_drawer import SidebarDrawer
from aideon_desktop.ui.status_banner import StatusBanner
from aideon_desktop.ui.style import current_theme
from aideon_desktop.ui.transcript_view import COLUMN_MAX_WIDTH, TranscriptView
from aideon_desktop.ui.window_fit import fit_to_screen

PREFERRED_SIZE = (1040, 720)
SCREEN_SHARE = 0.92  # of the available screen, at most, when the window first opens
MINIMUM_SIZE = (360, 320)
SHORT_HEIGHT = 520  # below this the composer is compact (a one-line message box to start)
SCHEME_EVENTS = (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange)


class ChatWindow(QWidget):
    hidden_to_tray = Signal()
    answered = Signal(object)  # Answer, for the tray (budget notices…)
    feedback = Signal(str, str, str, str)  # provider, model, task, "up" | "down" | "regenerate"

    def __init__(self, assistant: Assistant) -> None:
        super().__init__()
        self.assistant = assistant
        self.theme = current_theme()
        self.setObjectName("chatWindow")
        self.setWindowTitle("Aideon")
        self.setAccessibleName("Aideon chat")
        self.setMinimumSize(*MINIMUM_SIZE)
        self.resize(*PREFERRED_SIZE)
        self._fitted = False
        self._usable: set[str] | None = None  # cloud providers with a key, once known
        self._build()
        self.chats = ChatList(self)
        self.session = ChatSession(assistant, self.transcript, self.composer, self.banner, self)
        self.session.conversations_changed.connect(self.refresh_conversations)
        self.session.answered.connect(self.answered)
        self.session.feedback.connect(self.feedback)
        self._shortcuts()
        self.apply_theme()
        self.populate_models()
        self.chats.open()
        self.drawer.update()

    # ----------------------------------------------------------------- building
    def _build(self) -> None:
        theme = self.theme
        self.sidebar = Sidebar(theme)
        self.sidebar.new_chat_requested.connect(self.new_conversation)
        self.sidebar.chosen.connect(self.open_conversation)
        self.sidebar.rename_requested.connect(lambda i: self.chats.rename(i))
        self.sidebar.delete_requested.connect(lambda i: self.chats.confirm_delete(i))
        self.sidebar.search_changed.connect(lambda _text: self.refresh_conversations())
        self.sidebar.close_requested.connect(lambda: self.drawer.close())
        self.header = ChatHeader()
        self.header.toggle.clicked.connect(self.toggle_sidebar)
        self.title_label = self.header.title
        self.transcript = TranscriptView(theme)
        self.banner = StatusBanner(theme)
        self.composer = Composer(
            theme, self._ctrl_enter_sends, self.assistant.settings.privacy.redact_and_send
        )
        self.pane = QWidget()
        self.pane.setObjectName("conversationPane")
        column = QVBoxLayout(self.pane)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.header)
        column.addWidget(self.transcript, 1)
        self.suggestion = ModelSuggestion(self.assistant, theme)  # first run: a better model
        below = QWidget()  # notices and the message box, under the messages' column
        below.setMaximumWidth(COLUMN_MAX_WIDTH)
        stack = QVBoxLayout(below)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.setSpacing(0)
        notes = QVBoxLayout()
        notes.setContentsMargins(12, 6, 12, 0)
        for note in (self.suggestion, self.banner):
            notes.addWidget(note)
        stack.addLayout(notes)
        stack.addWidget(self.composer)
        centred = QHBoxLayout()  # as the transcript centres its column
        centred.setSpacing(0)
        centred.addStretch(1)
        centred.addWidget(below, 100)
        centred.addStretch(1)
        column.addLayout(centred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.pane, 1)
        self.drawer = SidebarDrawer(self, self.sidebar, self.pane, self.header)
        # Top to bottom as on screen: the banner above the message box comes before it.
        banner, composer = self.banner, self.composer
        chain = (self.sidebar.list, self.header.toggle, banner.retry_button, banner.close_button)
        for first, second in pairwise((*chain, composer.draft, composer.picker)):
            QWidget.setTabOrder(first, second)
        self.transcript.focus_anchor = self.header.toggle  # messages: between header and banner

    def _shortcuts(self) -> None:
        bindings = [
            (QKeySequence.StandardKey.New, self.new_conversation),
            (QKeySequence(Qt.Key.Key_F2), lambda: self.chats.rename()),
            (QKeySequence("Ctrl+F"), self.focus_search),
            (QKeySequence("Ctrl+K"), self.focus_search),
            (QKeySequence(Qt.Key.Key_Escape), self.escape),
        ]
        self.shortcuts = [QShortcut(keys, self, slot) for keys, slot in bindings]

    def _ctrl_enter_sends(self) -> bool:
        return self.assistant.settings.ui.send_with_ctrl_enter

    # ------------------------------------------------- what tests and the tray use
    @property
    def draft(self) -> DraftEdit:
        return self.composer.draft

    @property
    def send_button(self) -> QPushButton:
        return self.composer.send_button

    @property
    def stop_button(self) -> QPushButton:
        return self.composer.stop_button

    @property
    def conversation_list(self) -> QListWidget:
        return self.sidebar.list

    @property
    def search(self) -> QLineEdit:
        return self.sidebar.search

    @property
    def conversation_id(self) -> int | None:
        return self.session.conversation_id

    @property
    def entries(self) -> list:
        return self.session.entries

    def busy(self) -> bool:
        return self.session.busy()

    def send(self) -> None:
        self.session.send()

    def stop(self) -> None:
        self.session.stop()

    def show_status(self, text: str) -> None:
        """A message from the app (settings problems, no hotkey…) until the user dismisses it."""
        self.banner.show_message("app", text)

    def status_text(self) -> str:
        return self.banner.text()

    # ------------------------------------------------------------ conversations
    def refresh_conversations(self) -> None:
        self.chats.refresh()

    def new_conversation(self) -> None:
        if self.session.load(None):
            self.conversation_list.clearSelection()
            self.title_label.setText("New chat")
            self.drawer.close()
            self.draft.setFocus()

    def open_conversation(self, conversation_id: int) -> None:
        if conversation_id != self.conversation_id and not self.session.load(conversation_id):
            return
        self.refresh_conversations()
        self.drawer.close()
        self.draft.setFocus()

    def delete_conversation(self, conversation_id: int) -> None:
        self.chats.delete(conversation_id)

    def populate_models(self) -> None:
        """The picker's list: Auto, this device, and the catalogue's models of the cloud
        providers that can answer (switched on in Settings and holding an API key; a model of a
        provider without a key was listed, and picking it sent the prompt elsewhere).  Which
        have a key is read off the GUI thread (a keyring may wait to be unlocked); until then
        the last answer stands, or at first the switched-on providers."""
        local = self.assistant.providers.local_route()
        self.header.show_local_model(local_model_name(local, self.assistant.catalog), local.display)
        self._fill_picker(local, self._usable)
        BackgroundCall(
            self.assistant.providers.usable_cloud,
            on_done=lambda usable: self._fill_picker(local, set(usable)),
            owner=self,
            name="aideon-usable-providers",
        ).start()

    def _fill_picker(self, local: Route, usable: set[str] | None) -> None:
        if usable is None:
            providers = self.assistant.settings.providers
            usable = {name for name, section in providers.items() if section.enabled}
        else:
            self._usable = usable
            # with no cloud that can answer there is nothing to mask for (walk9: it could be
            # ticked on a first run with no keys)
            self.composer.mask.setVisible(bool(usable))
        self.composer.picker.populate(self.assistant.catalog, local, usable)

    # ------------------------------------------------------------------ keyboard
    def focus_search(self) -> None:
        self.drawer.reveal()
        self.search.setFocus()
        self.search.selectAll()

    def escape(self) -> None:
        """Esc: stop the answer; else cancel an edit; else close the drawer or clear search."""
        if self.busy():
            self.stop()
        elif self.session.cancel_edit() or self.drawer.close():
            self.draft.setFocus()
        elif self.search.hasFocus() and self.search.text():
            self.search.clear()

    def toggle_sidebar(self) -> None:
        self.drawer.toggle()
        (self.sidebar.list if self.sidebar.isVisible() else self.draft).setFocus()

    def narrow(self) -> bool:
        return self.drawer.narrow()

    def apply_theme(self) -> None:
        self.theme = current_theme()
        self.setStyleSheet(self.theme.stylesheet())
        parts = (self.sidebar, self.header, self.transcript, self.banner, self.composer)
        for part in (*parts, self.suggestion):
            part.apply_theme(self.theme)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            fit_to_screen(self, PREFERRED_SIZE, MINIMUM_SIZE, SCREEN_SHARE)
        self.populate_models()
        self.draft.update_hint()  # the send keys may have changed in Settings
        self.draft.setFocus()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.drawer.update()
        short = self.height() < SHORT_HEIGHT
        self.composer.set_short(short)
        self.banner.set_short(short)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() in SCHEME_EVENTS and current_theme().scheme != self.theme.scheme:
            self.apply_theme()  # the system switched between light and dark

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        event.ignore()
        self.hide()
        self.hidden_to_tray.emit()
