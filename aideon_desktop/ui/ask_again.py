"""Asking an earlier message again — Edit & resend, or Regenerate of an answer that is not the
last.  The question and its new answer are added at the end (nothing stored is replaced or
lost), after only the turns before the original, and both are marked: the new question with
"Edited from an earlier message" (a click goes up to the original), the original with "Edited
below" (a click goes down to its newest version)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import Signal

from aideon_desktop.core.answering import AskRequest
from aideon_desktop.core.chat import Message
from aideon_desktop.ui.theme import Theme
from aideon_desktop.ui.transcript import TranscriptEntry, history_before
from aideon_desktop.ui.widgets import IconButton

EDITED_TEXT = "Edited from an earlier message"
ASKED_AGAIN_TEXT = "Asked again from an earlier message"
EDITED_BELOW_TEXT, ASKED_BELOW_TEXT = "Edited below", "Asked again below"


@dataclass(frozen=True)
class AskAgain:
    history: tuple[Message, ...]  # the turns before the original question
    of: int | None  # which of the user's questions (0 = the first); None: not marked
    edited: bool = False

    def meta(self) -> dict[str, Any] | None:
        """Stored with the new question (``core.answering.recorder.prompt_meta``)."""
        return None if self.of is None else {"asks_again": self.of, "edited": self.edited}

    def request_for(self, request: AskRequest) -> AskRequest:
        """``request`` after the turns before the original only, saying which it asks again."""
        return replace(request, history=self.history, asks_again=self.of, edited=self.edited)


def ask_again(entries: list[TranscriptEntry], index: int, *, edited: bool) -> AskAgain:
    """``entries[index]`` (a question of the user's) asked again at the end."""
    of = sum(1 for entry in entries[:index] if entry.role == "user")
    return AskAgain(history_before(entries, index), of, edited)


def origin_of(entry: TranscriptEntry) -> int | None:
    """Which earlier question ``entry`` asks again (None for any other message)."""
    of = (entry.meta or {}).get("asks_again") if entry.role == "user" else None
    return of if isinstance(of, int) and of >= 0 else None


def edited(entry: TranscriptEntry) -> bool:
    return bool((entry.meta or {}).get("edited"))


class AskedAgainLink(IconButton):
    """A small link above a question of yours that was asked again: up to its original, or
    down to its newest version.  Hidden until ``point_to``."""

    go = Signal(int)  # which question of yours (0 = the first) to go to

    def __init__(self) -> None:
        super().__init__("edit", "Go to the other version", text=" ")
        self.setObjectName("originLink")
        self.target: int | None = None
        self.clicked.connect(lambda: self.target is not None and self.go.emit(self.target))
        self.hide()

    def point_to(self, target: int, text: str, *, was_edited: bool, theme: Theme) -> None:
        self.target = target
        self.setText(text)
        self.icon_name = "edit" if was_edited else "regenerate"
        self.apply_theme(theme)
        where = "original" if text in (EDITED_TEXT, ASKED_AGAIN_TEXT) else "newest version"
        self.setAccessibleName(f"{text}: go to the {where}")
        self.show()

    def point_up(self, entry: TranscriptEntry, theme: Theme) -> None:
        """To the question ``entry`` asks again, if it asks one again."""
        of = origin_of(entry)
        if of is not None:
            text = EDITED_TEXT if edited(entry) else ASKED_AGAIN_TEXT
            self.point_to(of, text, was_edited=edited(entry), theme=theme)

    def point_down(self, newest: int, entry: TranscriptEntry, theme: Theme) -> None:
        """To ``newest`` (which question of yours), which ``entry`` asked again."""
        text = EDITED_BELOW_TEXT if edited(entry) else ASKED_BELOW_TEXT
        self.point_to(newest, text, was_edited=edited(entry), theme=theme)
