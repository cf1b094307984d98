"""Rows written to a store without an answer around them: usage, audit or cache rows alone (the
way an answer's final transaction writes them), and conversations and messages one at a time
(as an older version, another window or a test's setting-up leaves them).  The app itself writes
an answer's rows only through ``Store.begin_answer`` and ``Store.finish_answer``."""

from __future__ import annotations

from sqlmodel import Session

from aideon_desktop.core.store import Store
from aideon_desktop.core.store.answers import TITLE_LIMIT, AnswerEnd, default_title
from aideon_desktop.core.store.models import (
    AuditEntry,
    CacheEntry,
    ChatMessage,
    Conversation,
    UsageRecord,
    utcnow,
)


def finish_rows(
    store: Store,
    *,
    usage: UsageRecord | None = None,
    audit: AuditEntry | None = None,
    cache: CacheEntry | None = None,
    cache_max_entries: int = 0,
) -> bool:
    """``Store.finish_answer`` with no reply: only the given rows, in one transaction."""
    end = AnswerEnd(usage=usage, audit=audit, cache=cache)
    return store.finish_answer(None, end, cache_max_entries=cache_max_entries)


def new_conversation(store: Store, title: str = "") -> int | None:
    """An empty conversation, as an older version or another window may have left one."""

    def action(s: Session) -> int | None:
        conv = Conversation(title=title[:TITLE_LIMIT])
        s.add(conv)
        s.flush()
        return conv.id

    return store._db.write(action, None)


def add_message(
    store: Store,
    conversation_id: int | None,
    role: str,
    text: str,
    *,
    private: bool = False,
    provider: str | None = None,
    model: str | None = None,
    partial: bool = False,
) -> int | None:
    """One message in its own transaction, touching its conversation as an answer does."""
    if conversation_id is None:
        return None

    def action(s: Session) -> int | None:
        msg = ChatMessage(
            conversation_id=conversation_id,
            role=role,
            text=text,
            private=private,
            provider=provider,
            model=model,
            partial=partial,
        )
        s.add(msg)
        conv = s.get(Conversation, conversation_id)
        if conv is not None:
            conv.updated_at = utcnow()
            conv.private = conv.private or private
            if not conv.title and role == "user":
                conv.title = default_title(text)
        s.flush()
        return msg.id

    return store._db.write(action, None)


def update_message(
    store: Store,
    message_id: int,
    text: str,
    *,
    partial: bool,
    provider: str | None = None,
    model: str | None = None,
) -> None:
    """One message's text in its own transaction (bench/store_cost.py's old path)."""

    def action(s: Session) -> None:
        msg = s.get(ChatMessage, message_id)
        if msg is not None:
            msg.text, msg.partial = text, partial
            msg.provider = provider or msg.provider
            msg.model = model or msg.model

    store._db.write(action, None)
