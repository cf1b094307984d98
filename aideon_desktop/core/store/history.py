"""Conversations and messages: listing, search, reading a conversation, rename, pin, delete.

An answer's rows are written by answers.py (one transaction before sending, one at the end)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete
from sqlmodel import Session, select

from aideon_desktop.core.chat import latest_answers
from aideon_desktop.core.store.answers import TITLE_LIMIT
from aideon_desktop.core.store.connection import StoreConnection
from aideon_desktop.core.store.database import Connection
from aideon_desktop.core.store.models import CacheEntry, ChatMessage, Conversation


@dataclass(frozen=True)
class ConversationTurns:
    private: bool
    pinned: tuple[str, str] | None
    turns: tuple[tuple[str, str], ...]  # (role, text), oldest first


class ConversationHistory:
    """Mixed into Store; every call goes through the store's connection and its error handling."""

    _db: StoreConnection

    def conversations(self, search: str = "") -> list[Conversation]:
        def action(s: Session) -> list[Conversation]:
            query = select(Conversation).order_by(Conversation.updated_at.desc())  # type: ignore[attr-defined]
            if search:
                like = f"%{search}%"
                ids = select(ChatMessage.conversation_id).where(ChatMessage.text.like(like))  # type: ignore[attr-defined]
                query = query.where(Conversation.title.like(like) | Conversation.id.in_(ids))  # type: ignore[attr-defined,union-attr]
            return list(s.exec(query))

        return self._db.read(action, [])

    def conversation(self, conversation_id: int) -> Conversation | None:
        return self._db.read(lambda s: s.get(Conversation, conversation_id), None)

    def messages(self, conversation_id: int) -> list[ChatMessage]:
        query = (
            select(ChatMessage)
            .where(ChatMessage.conversation_id == conversation_id)
            .order_by(ChatMessage.id)  # type: ignore[arg-type]
        )
        return self._db.read(lambda s: list(s.exec(query)), [])

    def turns(self, conversation_id: int) -> ConversationTurns | None:
        """What answering needs of a conversation, in one read on the hot path: its privacy
        flag, its pin, and the text of its user and assistant turns.  None if it does not
        exist (or cannot be read)."""

        def action(c: Connection) -> ConversationTurns | None:
            row = c.execute(
                "SELECT private, pinned_provider, pinned_model FROM conversation WHERE id = ?",
                (conversation_id,),
            ).fetchone()
            if row is None:
                return None
            texts = c.execute(
                "SELECT role, text FROM message WHERE conversation_id = ? AND text != '' "
                "AND role IN ('user', 'assistant') ORDER BY id",
                (conversation_id,),
            ).fetchall()
            pin = (row[1], row[2]) if row[1] and row[2] else None
            return ConversationTurns(bool(row[0]), pin, latest_answers(texts))

        return self._db.read_sql(action, None)

    def rename_conversation(self, conversation_id: int, title: str) -> None:
        def action(s: Session) -> None:
            conv = s.get(Conversation, conversation_id)
            if conv is not None:
                conv.title = title[:TITLE_LIMIT]

        self._db.write(action, None)

    def set_pin(self, conversation_id: int, provider: str | None, model: str | None) -> None:
        """Pin a conversation to one provider and model (None, None: route freely again)."""

        def action(s: Session) -> None:
            conv = s.get(Conversation, conversation_id)
            if conv is not None:
                conv.pinned_provider, conv.pinned_model = provider, model

        self._db.write(action, None)

    def delete_conversation(self, conversation_id: int) -> None:
        """Messages and cache entries go with it; usage rows stay as numbers, unlinked."""

        def action(s: Session) -> None:
            s.exec(delete(CacheEntry).where(CacheEntry.conversation_id == conversation_id))  # type: ignore[call-overload]
            s.exec(delete(ChatMessage).where(ChatMessage.conversation_id == conversation_id))  # type: ignore[call-overload]
            s.exec(delete(Conversation).where(Conversation.id == conversation_id))  # type: ignore[call-overload]

        self._db.write(action, None)
