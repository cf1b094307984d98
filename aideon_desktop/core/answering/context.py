"""The conversation a request continues, read from the store once per request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from aideon_desktop.core.answering.request import AskRequest
from aideon_desktop.core.chat import Message
from aideon_desktop.core.errors import InputError

if TYPE_CHECKING:
    from aideon_desktop.core.store import Store


@dataclass(frozen=True)
class ConversationContext:
    conversation_id: int | None = None
    history: tuple[Message, ...] = ()
    private: bool = False  # an earlier prompt was private: the conversation stays on device
    pinned: tuple[str, str] | None = None


EMPTY = ConversationContext()


def load_context(store: Store | None, request: AskRequest) -> ConversationContext:
    """The caller's history if it gave one, else the stored conversation's."""
    conversation_id = request.conversation_id
    given = request.history
    if conversation_id is None or store is None:
        return ConversationContext(history=given or ())
    stored = store.turns(conversation_id)
    if stored is None:
        if store.unavailable:
            return ConversationContext(history=given or ())
        raise InputError(f"Conversation {conversation_id} does not exist.")
    history = (
        given if given is not None else tuple(Message(role, text) for role, text in stored.turns)  # type: ignore[arg-type]
    )
    return ConversationContext(conversation_id, history, stored.private, stored.pinned)
