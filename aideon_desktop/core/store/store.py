"""History, usage, audit and cache on one SQLite file.

Nothing is lost: the user's message is committed before any request goes out, and a reply is
flushed while it streams, marked partial until it completes.  When the disk is full or the
folder read-only, the store says so once (``unavailable``) and the app keeps answering.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, delete, func
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlmodel import Session, select

from aideon_desktop.core.budgets import Spend
from aideon_desktop.core.store.database import open_engine
from aideon_desktop.core.store.models import (
    AuditEntry,
    CacheEntry,
    ChatMessage,
    Conversation,
    UsageRecord,
    utcnow,
)

log = logging.getLogger(__name__)
T = TypeVar("T")
MICRO = Decimal("1000000")
FLUSH_INTERVAL_S = 0.5


def to_micro(usd: Decimal) -> int:
    return int((usd * MICRO).to_integral_value())


def from_micro(micro: int) -> Decimal:
    return (Decimal(micro) / MICRO).quantize(Decimal("0.000001"))


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def cache_key(
    messages: Sequence[tuple[str, str]],
    provider: str,
    model: str,
    params: dict[str, Any],
    private: bool,
) -> str:
    """Exact-match key: normalised messages + model + sampling params + privacy class."""
    normalised = [(role, " ".join(text.split())) for role, text in messages]
    blob = json.dumps(
        [normalised, provider, model, sorted(params.items()), private], ensure_ascii=False
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AnswerRows:
    """The rows one answer writes to (see ``Store.begin_answer``)."""

    conversation_id: int
    user_message_id: int
    reply_message_id: int
    created_conversation: bool


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.unavailable: str | None = None
        self._lock = threading.Lock()
        self._engine: Engine | None = None
        try:
            self._engine = open_engine(path)
        except (OSError, OperationalError, DatabaseError) as exc:
            self._fail(exc)

    # ----------------------------------------------------------------- plumbing
    def _fail(self, exc: BaseException) -> None:
        reason = str(getattr(exc, "orig", exc))
        if "full" in reason.lower():
            message = "the disk is full"
        elif (
            "readonly" in reason.lower()
            or "read-only" in reason.lower()
            or isinstance(exc, PermissionError)
        ):
            message = f"{self.path.parent} is read-only"
        else:
            message = f"the database could not be written ({reason[:120]})"
        if self.unavailable is None:
            log.error("history disabled: %s", message)
        self.unavailable = f"History is not being saved: {message}. Answers still work."

    @contextmanager
    def _session(self) -> Iterator[Session]:
        assert self._engine is not None
        with self._lock, Session(self._engine, expire_on_commit=False) as session:
            yield session

    def _write(self, action: Callable[[Session], T], default: T) -> T:
        if self._engine is None:
            return default
        try:
            with self._session() as session:
                result = action(session)
                session.commit()
                return result
        except (OperationalError, DatabaseError, OSError) as exc:
            self._fail(exc)
            return default

    def _read(self, action: Callable[[Session], T], default: T) -> T:
        if self._engine is None:
            return default
        try:
            with self._session() as session:
                return action(session)
        except (OperationalError, DatabaseError, OSError) as exc:
            log.error("history read failed: %s", type(exc).__name__)
            return default

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()

    # ------------------------------------------------------------ conversations
    def new_conversation(self, title: str = "") -> int | None:
        def action(s: Session) -> int | None:
            conv = Conversation(title=title[:120])
            s.add(conv)
            s.flush()
            return conv.id

        return self._write(action, None)

    def conversations(self, search: str = "") -> list[Conversation]:
        def action(s: Session) -> list[Conversation]:
            query = select(Conversation).order_by(Conversation.updated_at.desc())  # type: ignore[attr-defined]
            if search:
                like = f"%{search}%"
                ids = select(ChatMessage.conversation_id).where(ChatMessage.text.like(like))  # type: ignore[attr-defined]
                query = query.where(Conversation.title.like(like) | Conversation.id.in_(ids))  # type: ignore[attr-defined,union-attr]
            return list(s.exec(query))

        return self._read(action, [])

    def rename_conversation(self, conversation_id: int, title: str) -> None:
        def action(s: Session) -> None:
            conv = s.get(Conversation, conversation_id)
            if conv is not None:
                conv.title = title[:120]

        self._write(action, None)

    def set_pin(self, conversation_id: int, provider: str | None, model: str | None) -> None:
        def action(s: Session) -> None:
            conv = s.get(Conversation, conversation_id)
            if conv is not None:
                conv.pinned_provider, conv.pinned_model = provider, model

        self._write(action, None)

    def conversation(self, conversation_id: int) -> Conversation | None:
        return self._read(lambda s: s.get(Conversation, conversation_id), None)

    def messages(self, conversation_id: int) -> list[ChatMessage]:
        return self._read(
            lambda s: list(
                s.exec(
                    select(ChatMessage)
                    .where(ChatMessage.conversation_id == conversation_id)
                    .order_by(ChatMessage.id)
                )
            ),  # type: ignore[arg-type]
            [],
        )

    def delete_conversation(self, conversation_id: int) -> None:
        """Messages and cache entries go with it; usage rows stay as numbers, unlinked."""

        def action(s: Session) -> None:
            s.exec(delete(CacheEntry).where(CacheEntry.conversation_id == conversation_id))  # type: ignore[call-overload]
            s.exec(delete(ChatMessage).where(ChatMessage.conversation_id == conversation_id))  # type: ignore[call-overload]
            s.exec(delete(Conversation).where(Conversation.id == conversation_id))  # type: ignore[call-overload]

        self._write(action, None)

    # ----------------------------------------------------------------- messages
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
                    conv.title = " ".join(text.split())[:60]
            s.flush()
            return msg.id

        return self._write(action, None)

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

        self._write(action, None)

    # ------------------------------------------------------------------ answers
    def begin_answer(
        self,
        conversation_id: int | None,
        *,
        new_conversation: bool,
        user_text: str,
        private: bool,
        title: str | None = None,
    ) -> AnswerRows | None:
        """One transaction before anything is sent: the conversation (when asked for), the
        user's message and an empty partial reply.  None when there is nowhere to store it."""
        if conversation_id is None and not new_conversation:
            return None

        def action(s: Session) -> AnswerRows:
            conv = s.get(Conversation, conversation_id) if conversation_id is not None else None
            created = conv is None
            if conv is None:
                conv = Conversation()
                s.add(conv)
                s.flush()
            if not conv.title:
                conv.title = (title or " ".join(user_text.split()))[:60]
            conv.updated_at = utcnow()
            conv.private = conv.private or private
            user = ChatMessage(
                conversation_id=conv.id, role="user", text=user_text, private=private
            )
            reply = ChatMessage(
                conversation_id=conv.id, role="assistant", private=private, partial=True
            )
            s.add(user)
            s.add(reply)
            s.flush()
            return AnswerRows(conv.id, user.id, reply.id, created)  # type: ignore[arg-type]

        return self._write(action, None)

    def finish_answer(
        self,
        rows: AnswerRows | None,
        *,
        text: str,
        partial: bool,
        provider: str | None,
        model: str | None,
        meta: dict[str, Any],
        usage: UsageRecord | None,
        audit: AuditEntry | None,
        cache: CacheEntry | None,
        cache_max_entries: int,
    ) -> bool:
        """One transaction for the final reply, its usage and audit rows and a cache entry."""

        def action(s: Session) -> bool:
            if rows is not None:
                msg = s.get(ChatMessage, rows.reply_message_id)
                if msg is not None:
                    msg.text, msg.partial = text, partial
                    msg.provider, msg.model = provider, model
            for row in (usage, audit):
                if row is not None:
                    s.add(row)
            if cache is not None:
                self._put_cache(s, cache, cache_max_entries)
            return True

        return self._write(action, False)

    def abandon_answer(self, rows: AnswerRows | None) -> None:
        """A send failed before any text: its rows go (the UI keeps the draft), and a
        conversation this answer created goes with them — no empty "ghost" chats."""
        if rows is None:
            return

        def action(s: Session) -> None:
            ids = [rows.user_message_id, rows.reply_message_id]
            s.exec(delete(ChatMessage).where(ChatMessage.id.in_(ids)))  # type: ignore[call-overload,attr-defined]
            if rows.created_conversation:
                s.exec(delete(Conversation).where(Conversation.id == rows.conversation_id))  # type: ignore[call-overload]

        self._write(action, None)

    def reply_writer(self, message_id: int | None) -> ReplyWriter:
        return ReplyWriter(self, message_id)

    # -------------------------------------------------------------- usage/audit
    def record_usage(self, record: UsageRecord) -> None:
        self._write(lambda s: s.add(record), None)

    def record_audit(
        self,
        *,
        provider: str,
        model: str,
        private: bool,
        task: str,
        categories: Sequence[str],
        reasons: Sequence[str],
    ) -> None:
        entry = AuditEntry(
            provider=provider,
            model=model,
            private=private,
            task=task,
            categories=json.dumps(list(categories)),
            reasons=json.dumps(list(reasons), ensure_ascii=False),
        )
        self._write(lambda s: s.add(entry), None)

    def audit(self, limit: int = 100) -> list[AuditEntry]:
        return self._read(
            lambda s: list(s.exec(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit))),
            [],
        )  # type: ignore[union-attr]

    def usage_rows(self, since: datetime | None = None) -> list[UsageRecord]:
        def action(s: Session) -> list[UsageRecord]:
            query = select(UsageRecord).order_by(UsageRecord.id)  # type: ignore[arg-type]
            if since is not None:
                query = query.where(UsageRecord.created_at >= since)
            return list(s.exec(query))

        return self._read(action, [])

    def spend(self, now: datetime | None = None) -> Spend:
        """Today's and this month's spend (local calendar), for the budgets."""
        local_now = (now or datetime.now()).astimezone()
        day_start = local_now.replace(hour=0, minute=0, second=0, microsecond=0)
        month_start = day_start.replace(day=1)

        def to_utc(moment: datetime) -> datetime:
            return moment.astimezone(UTC)

        def action(s: Session) -> Spend:
            today = s.exec(
                select(func.coalesce(func.sum(UsageRecord.cost_micro_usd), 0)).where(
                    UsageRecord.created_at >= to_utc(day_start),
                    UsageRecord.created_at <= to_utc(local_now),
                )
            ).one()
            rows = s.exec(
                select(UsageRecord.provider, func.sum(UsageRecord.cost_micro_usd))
                .where(
                    UsageRecord.created_at >= to_utc(month_start),
                    UsageRecord.created_at <= to_utc(local_now),
                )
                .group_by(UsageRecord.provider)
            ).all()
            by_provider = {provider: from_micro(total or 0) for provider, total in rows}
            return Spend(
                today=from_micro(today),
                month=sum(by_provider.values(), Decimal(0)),
                month_by_provider=by_provider,
            )

        return self._read(action, Spend())

    # -------------------------------------------------------------------- cache
    def cache_get(self, key: str, ttl_hours: float) -> CacheEntry | None:
        def action(s: Session) -> CacheEntry | None:
            entry = s.get(CacheEntry, key)
            if entry is None or utcnow() - _aware(entry.created_at) > timedelta(hours=ttl_hours):
                return None
            return entry

        return self._read(action, None)

    def cache_put(self, entry: CacheEntry, max_entries: int) -> None:
        self._write(lambda s: self._put_cache(s, entry, max_entries), None)

    @staticmethod
    def _put_cache(s: Session, entry: CacheEntry, max_entries: int) -> None:
        s.merge(entry)
        s.flush()
        count = s.exec(select(func.count()).select_from(CacheEntry)).one()
        if count > max_entries:
            oldest = (
                select(CacheEntry.key).order_by(CacheEntry.created_at).limit(count - max_entries)
            )  # type: ignore[arg-type]
            s.exec(delete(CacheEntry).where(CacheEntry.key.in_(oldest)))  # type: ignore[call-overload,attr-defined]

    def integrity_ok(self) -> bool:
        if self._engine is None:
            return False
        with self._engine.connect() as conn:
            return conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


class ReplyWriter:
    """Flushes a streaming reply to the database every FLUSH_INTERVAL_S, marked partial."""

    def __init__(self, store: Store, message_id: int | None) -> None:
        self._store, self._id = store, message_id
        self._text: list[str] = []
        self._last_flush = time.monotonic()

    def append(self, text: str) -> None:
        self._text.append(text)
        if time.monotonic() - self._last_flush >= FLUSH_INTERVAL_S:
            self.flush(partial=True)

    def flush(
        self, *, partial: bool, provider: str | None = None, model: str | None = None
    ) -> None:
        self._store.update_message(
            self._id, "".join(self._text), partial=partial, provider=provider, model=model
        )
        self._last_flush = time.monotonic()

    def reset(self) -> None:
        self._text = []
