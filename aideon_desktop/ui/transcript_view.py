"""The transcript: message blocks in a readable column.  While the user is at the bottom it
follows a streaming answer; scrolled up, it stays put and offers "Jump to latest" in a strip of
its own under the messages (floating over them it hid the last answer's chip and buttons)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from aideon_desktop.ui.icons import icon
from aideon_desktop.ui.message_block import MessageBlock
from aideon_desktop.ui.theme import Theme
from aideon_desktop.ui.transcript import TranscriptEntry

COLUMN_MAX_WIDTH = 860
BOTTOM_SLACK = 24  # px from the end that still count as "at the bottom"
JUMP_GAP = 6  # px above and below "Jump to latest" in its strip
EMPTY_TEXT = "Ask anything. Private prompts stay on this device."


class TranscriptView(QScrollArea):
    edit_requested = Signal(int)  # index of the message
    regenerate_requested = Signal(int)
    rated = Signal(int, str)  # index, "up" | "down"

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.blocks: list[MessageBlock] = []
        # The widget Tab visits just before the messages (the window's header sets it): a new
        # message's buttons join the focus chain after the previous message's, where they are
        # on screen, instead of at the end of the window's chain (after the message box).
        self.focus_anchor: QWidget | None = None
        self.follow = True
        self.setObjectName("transcript")
        self.setAccessibleName("Conversation")
        self.setAccessibleDescription("The messages of this chat, oldest first")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        content = QWidget()
        content.setObjectName("transcriptContent")
        self.column = QWidget()
        self.column.setMaximumWidth(COLUMN_MAX_WIDTH)
        self._column = QVBoxLayout(self.column)
        self._column.setContentsMargins(16, 12, 16, 12)
        self._column.setSpacing(14)
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self._column.addWidget(self.empty)
        self._column.addStretch(1)
        row = QHBoxLayout(content)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(self.column, 100)  # grows up to its maximum width, then stays centred
        row.addStretch(1)
        self.setWidget(content)
        self.jump_button = QPushButton("Jump to latest", self)
        self.jump_button.setObjectName("jumpToLatest")
        self.jump_button.setAccessibleName("Jump to latest")
        self.jump_button.setAccessibleDescription("Scroll to the newest message")
        self.jump_button.clicked.connect(self.scroll_to_bottom)
        self.jump_button.hide()
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._on_scrolled)
        bar.rangeChanged.connect(self._on_range_changed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        self.apply_theme(theme)

    # ------------------------------------------------------------------ content
    def set_entries(self, entries: list[TranscriptEntry]) -> None:
        for block in self.blocks:
            self._column.removeWidget(block)
            block.hide()  # deleted on a later turn of the event loop: not drawn meanwhile
            block.deleteLater()
        self.blocks = []
        for entry in entries:
            self.append(entry)
        self.empty.setVisible(not entries)
        self.scroll_to_bottom()

    def append(self, entry: TranscriptEntry) -> MessageBlock:
        block = MessageBlock(entry, self.theme)
        block.edit_requested.connect(lambda b: self.edit_requested.emit(self.blocks.index(b)))
        block.regenerate_requested.connect(
            lambda b: self.regenerate_requested.emit(self.blocks.index(b))
        )
        block.rated.connect(lambda b, verdict: self.rated.emit(self.blocks.index(b), verdict))
        self._column.insertWidget(self._column.count() - 1, block)
        self.blocks.append(block)
        block.focus_stops_changed.connect(self.chain_focus)
        block.folded.connect(self._keep_in_view)
        if block.mine:
            self._link_versions(block)
        self.chain_focus()
        self.empty.hide()
        return block

    def chain_focus(self) -> None:
        """Tab order top to bottom: after the anchor, every message's code Copy buttons and its
        own buttons, oldest message first (new widgets otherwise join the end of the window's
        chain, after the message box)."""
        previous = self.focus_anchor
        if previous is None:
            return
        for block in self.blocks:
            for stop in block.focus_stops():
                QWidget.setTabOrder(previous, stop)
                previous = stop

    def remove_from(self, index: int) -> None:
        for block in self.blocks[index:]:
            self._column.removeWidget(block)
            block.hide()  # deleted on a later turn of the event loop: not drawn meanwhile
            block.deleteLater()
        del self.blocks[index:]
        self.empty.setVisible(not self.blocks)

    def set_actions_enabled(self, enabled: bool) -> None:
        for block in self.blocks:
            block.set_actions_enabled(enabled)

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.jump_button.setIcon(icon("arrow-down", theme.color("text")))
        for block in self.blocks:
            block.apply_theme(theme)

    def plain_text(self) -> str:
        return "\n\n".join(block.plain_text() for block in self.blocks)

    # ---------------------------------------------------------------- scrolling
    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """A button Tab reached in a message scrolled out of view comes into view (a code
        block's Copy button was focused off screen, with no visible focus)."""
        content = self.widget()
        if new is not None and content is not None and content.isAncestorOf(new):
            self.ensureWidgetVisible(new, 0, BOTTOM_SLACK)

    def _link_versions(self, block: MessageBlock) -> None:
        """A question asked again links up to its original, and the original down to it."""
        block.origin.go.connect(self.go_to_question)
        block.later.go.connect(self.go_to_question)
        of = block.origin.target
        questions = [b for b in self.blocks if b.mine]
        if of is not None and 0 <= of < len(questions) - 1:
            questions[of].later.point_down(len(questions) - 1, block.entry, self.theme)

    def go_to_question(self, of: int) -> None:
        """Scroll to the user's ``of``-th question (0 = the first), mark it for a moment and
        put focus on it (Tab goes on from there)."""
        questions = [block for block in self.blocks if block.mine]
        if not 0 <= of < len(questions):
            return
        block = questions[of]
        self.ensureWidgetVisible(block, 0, 0)
        block.mark_found()
        block.copy_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _keep_in_view(self, block: MessageBlock) -> None:
        """After Show less the message is short again: its button stays where the user is."""
        QTimer.singleShot(
            0,
            lambda: (
                block in self.blocks
                and self.ensureWidgetVisible(block.more_button, 0, BOTTOM_SLACK)
            ),
        )

    def at_bottom(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - BOTTOM_SLACK

    def scroll_to_bottom(self) -> None:
        """Go to the newest message and follow the stream again."""
        self.follow = True
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())
        QTimer.singleShot(0, lambda: self.follow and bar.setValue(bar.maximum()))
        self._place_jump_button()

    def _on_scrolled(self, _value: int) -> None:
        self.follow = self.at_bottom()
        self._place_jump_button()

    def _on_range_changed(self, _low: int, high: int) -> None:
        if self.follow:
            self.verticalScrollBar().setValue(high)
        self._place_jump_button()

    def _place_jump_button(self) -> None:
        """Below the messages, never over them: the viewport ends above the button's strip
        while it shows (the messages keep their place; only their bottom edge moves up)."""
        show = not self.follow and bool(self.blocks)
        self.jump_button.setVisible(show)
        self.jump_button.adjustSize()
        strip = self.jump_button.height() + 2 * JUMP_GAP if show else 0
        if self.viewportMargins().bottom() != strip:
            self.setViewportMargins(0, 0, 0, strip)
        if show:
            viewport = self.viewport().geometry()
            self.jump_button.move(
                viewport.center().x() - self.jump_button.width() // 2, viewport.bottom() + JUMP_GAP
            )
            self.jump_button.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._place_jump_button()
