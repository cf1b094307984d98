"""Conversations and messages: listing, search, rename, pin, delete, and single-message writes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete
from sqlmodel import Session, select

from aideon_desktop.core.store.answers import TITLE_LIMIT, default_title
from aideon_desktop.core.store.connection import StoreConnection
from aideon_desktop.core.store.database import Connection
from aideon_desktop.core.store.models import CacheEntry, ChatMessage, Conversation, utcnow


@dataclass(frozen=True)
class ConversationTurns:
    private: bool
    pinned: tuple[str, str] | None
    turns: tuple[tuple[str, str], ...]  # (role, text), oldest first


class ConversationHistory:
    """Mixed into Store; every call goes through the store's connection and its error handling."""

    _db: StoreConnection

    def new_conversation(self, title: str = "") -> int | None:
        def action(s: Session) -> int | None:
            conv = Conversation(title=title[:TITLE_LIMIT])
            s.add(conv)
            s.flush()
            return conv.id

        return self._db.write(action, None)

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
            return ConversationTurns(bool(row[0]), pin, tuple((r, t) for r, t in texts))

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

    def add_message(
        self,
        conversation_id: int | None,
        role: str,
        text: str,
        *,
        private: bool = False,
        provider: str | None = None,
        model: str | None = None,
        partial: bool = False,
    ) -> int | None:
        """One message in its own transaction (begin_answer does a whole answer's rows in one)."""
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

        return self._db.write(action, None)

    def update_message(
        self,
        message_id: int | None,
        text: str,
        *,
        partial: bool,
        provider: str | None = None,
        model: str | None = None,
    ) -> None:
        if message_id is None:
            return

        def action(s: Session) -> None:
            msg = s.get(ChatMessage, message_id)
            if msg is not None:
                msg.text, msg.partial = text, partial
                msg.provider = provider or msg.provider
                msg.model = model or msg.model

        self._db.write(action, None)
