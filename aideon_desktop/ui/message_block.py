"""One message of the transcript: who, when, where it was answered (route chip), the text, the
route/cost line, and its actions — Copy, Edit & resend (yours), Regenerate and 👍/👎 (answers).
A question of yours asked again from an earlier one says so, and goes there when clicked."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from aideon_desktop.ui.ask_again import AskedAgainLink
from aideon_desktop.ui.long_message import ShowMoreButton, collapsed_text
from aideon_desktop.ui.markdown_view import MarkdownView
from aideon_desktop.ui.style import repolish
from aideon_desktop.ui.theme import Theme
from aideon_desktop.ui.transcript import TranscriptEntry, details_line, format_time, route_chip
from aideon_desktop.ui.widgets import ChipLabel, IconButton, copy_text

BUBBLE_SHARE = 0.8  # a message of yours is at most this share of the transcript's width
BUBBLE_PADDING = 28
FOUND_MS = 1600  # how long a question gone to from "Edited from an earlier message" is marked


class MessageBlock(QFrame):
    edit_requested = Signal(object)  # this block
    regenerate_requested = Signal(object)
    rated = Signal(object, str)  # this block, "up" | "down"
    focus_stops_changed = Signal()  # a code block (and its Copy button) came or went
    folded = Signal(object)  # this block: Show more / Show less changed its height

    def __init__(self, entry: TranscriptEntry, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry = entry
        self.theme = theme
        self.rating = ""
        self.renders = 0  # how often the body was rendered (tests: only the changing one is)
        self.mine = entry.role == "user"
        self.expanded = False  # a long message of yours shows collapsed until asked
        self.setObjectName("messageUser" if self.mine else "messageAssistant")
        # not Maximum: that capped it at its height at the preferred width (walk10)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.role_label = QLabel("You" if self.mine else "Aideon")
        self.role_label.setObjectName("roleLabel")
        self.time_label = QLabel()
        self.time_label.setObjectName("timeLabel")
        self.chip = ChipLabel()  # cut with "…" in a narrow chat; the tooltip tells it all
        self.chip.setObjectName("routeChip")
        self.chip.hide()
        self.origin = AskedAgainLink()  # up to the question this one asks again
        self.later = AskedAgainLink()  # down to the newest question that asks this one again
        self.body = MarkdownView(theme)
        self.note = QLabel()
        self.note.setObjectName("noteLabel")
        self.note.setWordWrap(True)
        self.details = QLabel()
        self.details.setObjectName("detailsLine")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._build_actions()
        self._build_layout()
        self.refresh()

    # ----------------------------------------------------------------- building
    def _build_actions(self) -> None:
        who = "your message" if self.mine else "this answer"
        self.copy_button = IconButton("copy", "Copy", f"Copy {who} to the clipboard")
        self.copy_button.clicked.connect(self.copy)
        self.actions = [self.copy_button]
        if self.mine:
            self.edit_button = IconButton(
                "edit", "Edit & resend", "Put this message in the box to change and send again"
            )
            self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self))
            self.actions.append(self.edit_button)
        else:
            self.regenerate_button = IconButton(
                "regenerate", "Regenerate", "Ask for a new answer to the same message"
            )
            self.regenerate_button.clicked.connect(lambda: self.regenerate_requested.emit(self))
            self.up_button = IconButton("thumb-up", "Good answer", "Rate this answer as good")
            self.down_button = IconButton("thumb-down", "Bad answer", "Rate this answer as bad")
            for button, verdict in ((self.up_button, "up"), (self.down_button, "down")):
                button.setCheckable(True)
                button.clicked.connect(lambda _=False, v=verdict: self._rate(v))
            self.actions += [self.regenerate_button, self.up_button, self.down_button]
        for button in self.actions:
            button.setObjectName("messageAction")
            button.apply_theme(self.theme)

    def _build_layout(self) -> None:
        header = QHBoxLayout()
        header.setSpacing(8)
        actions = QHBoxLayout()
        actions.setSpacing(2)
        if self.mine:
            header.addStretch(1)
            actions.addStretch(1)
        header.addWidget(self.role_label)
        header.addWidget(self.time_label)
        header.addWidget(self.chip)
        for button in self.actions:
            actions.addWidget(button)
        if not self.mine:
            header.addStretch(1)
            actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(4)
        layout.addLayout(header)
        if self.mine:
            for link in (self.origin, self.later):
                layout.addWidget(link, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(self._body_row())
        layout.addWidget(self.note)
        layout.addWidget(self.details)
        layout.addLayout(actions)

    def _body_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        if not self.mine:
            row.addWidget(self.body)
            return row
        self.bubble = QFrame()
        self.bubble.setObjectName("userBubble")
        inner = QVBoxLayout(self.bubble)
        inner.setContentsMargins(12, 8, 12, 8)
        inner.addWidget(self.body)
        self.more_button = ShowMoreButton()
        self.more_button.clicked.connect(self._toggle_length)
        inner.addWidget(self.more_button)
        row.addStretch(1)
        row.addWidget(self.bubble)
        return row

    def focus_stops(self) -> list[QWidget]:
        """What Tab visits in this message, top to bottom: "Edited from…", "Edited below" and
        Show more (those shown; the transcript asks again after each new message), its code
        blocks' Copy buttons, then its own buttons."""
        mine = [self.origin, self.later, self.more_button] if self.mine else []
        mine = [button for button in mine if button.isVisibleTo(self)]
        return [*mine, *self.body.copy_buttons(), *self.actions]

    # ----------------------------------------------------------------- showing
    def refresh(self) -> None:
        """Show the entry as it is now (the transcript calls this, throttled, while streaming)."""
        entry = self.entry
        self.renders += 1
        if self.mine:
            self._show_mine()
        else:
            copies = len(self.body.copy_buttons())
            self.body.show_markdown(entry.text or ("…" if entry.streaming else ""))
            if len(self.body.copy_buttons()) != copies:
                self.focus_stops_changed.emit()
        self.time_label.setText(format_time(entry.created))
        self._show_chip()
        self.note.setText(entry.note)
        self.note.setVisible(bool(entry.note))
        answered = entry.meta if entry.meta and not self.mine else None
        line = details_line(answered) if answered else ""
        self.details.setText(line)
        self.details.setToolTip(details_line(answered, full=True) if answered else "")
        self.details.setVisible(bool(line))
        who = "You" if self.mine else "Aideon"
        self.setAccessibleName(f"{who}, {self.time_label.text()}".rstrip(", "))
        self.setAccessibleDescription(entry.text[:200])
        for button in self.actions[1:]:
            button.setVisible(not entry.streaming)

    def _show_mine(self) -> None:
        """Your message, collapsed to its first lines when long (unless expanded)."""
        self.origin.point_up(self.entry, self.theme)
        short = collapsed_text(self.entry.text)
        self.body.show_plain(self.entry.text if self.expanded or short is None else short)
        self.more_button.setVisible(short is not None)
        self.more_button.show_state(expanded=self.expanded, total=len(self.entry.text))
        self._fit_bubble()

    def mark_found(self) -> None:
        """Outline your message for a moment: the one "Edited from…" went to."""
        self.bubble.setProperty("found", True)
        repolish(self.bubble)
        QTimer.singleShot(FOUND_MS, self._unmark)

    def _unmark(self) -> None:
        self.bubble.setProperty("found", False)
        repolish(self.bubble)

    def _toggle_length(self) -> None:
        self.expanded = not self.expanded
        self._show_mine()
        self.folded.emit(self)

    def _show_chip(self) -> None:
        chip = route_chip(self.entry)
        self.chip.setVisible(chip is not None)
        if chip is None:
            return
        self.chip.setText(chip.text)
        self.chip.setToolTip(chip.description)
        self.chip.setAccessibleName(f"Answered where: {chip.text}")
        self.chip.setAccessibleDescription(chip.description)
        if self.chip.property("kind") != chip.kind:
            self.chip.setProperty("kind", chip.kind)
            repolish(self.chip)

    def set_actions_enabled(self, enabled: bool) -> None:
        """Edit and Regenerate wait while another answer is being written."""
        for button in self.actions[1:2]:
            button.setEnabled(enabled)

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        for button in (*self.actions, self.origin, self.later):
            button.apply_theme(theme)
        self.body.apply_theme(theme, markdown=not self.mine)

    def plain_text(self) -> str:
        parts = [self.role_label.text(), self.chip.text() if self.chip.isVisible() else ""]
        parts += [self.entry.text, self.entry.note, self.details.text()]
        return "\n".join(p for p in parts if p)

    # ----------------------------------------------------------------- actions
    def copy(self) -> None:
        copy_text(self.entry.text)
        self.copy_button.flash("Copied")

    def _rate(self, verdict: str) -> None:
        chosen, other = (
            (self.up_button, self.down_button)
            if verdict == "up"
            else (self.down_button, self.up_button)
        )
        other.setChecked(False)
        chosen.setChecked(True)
        if verdict == self.rating:
            return  # said already
        self.rating = verdict
        chosen.flash("Thanks")
        self.rated.emit(self, verdict)

    # ----------------------------------------------------------------- sizing
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if self.mine:
            self._fit_bubble()

    def _fit_bubble(self) -> None:
        """Your message hugs its text, up to most of the width, like a chat bubble."""
        metrics = QFontMetrics(self.body.font())
        lines = self.body.text.splitlines() or [""]
        widest = max(metrics.horizontalAdvance(line) for line in lines) + BUBBLE_PADDING + 4
        self.bubble.setFixedWidth(max(60, min(widest, int(self.width() * BUBBLE_SHARE))))
