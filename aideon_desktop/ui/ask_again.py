"""Asking an earlier message again — Edit & resend, or Regenerate of an answer that is not the
last.  The question and its new answer are added at the end (nothing stored is replaced or
lost), after only the turns before the original, and the new question is marked: "Edited from
an earlier message", which scrolls to the original when clicked."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from aideon_desktop.core.answering import AskRequest
from aideon_desktop.core.chat import Message
from aideon_desktop.ui.transcript import TranscriptEntry, history_before

EDITED_TEXT = "Edited from an earlier message"
ASKED_AGAIN_TEXT = "Asked again from an earlier message"


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


def origin_text(entry: TranscriptEntry) -> str:
    return EDITED_TEXT if (entry.meta or {}).get("edited") else ASKED_AGAIN_TEXT
