"""One answer's rows, written on the hot path with plain SQL on the persistent connection.

An answer costs two transactions plus the streaming flushes: ``begin`` (conversation, user
message, empty partial reply) before anything is sent, and ``finish`` (reply text and meta,
usage, audit, cache) at the end.  The functions here only execute statements; the Store owns the
lock, the commit and the error handling.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import SQLModel

from aideon_desktop.core.store.database import Connection
from aideon_desktop.core.store.models import (
    AuditEntry,
    CacheEntry,
    UsageRecord,
    plain_row,
    utcnow,
)
from aideon_desktop.core.store.spend import db_time

FLUSH_INTERVAL_S = 0.5
TITLE_LIMIT = 120
DEFAULT_TITLE_LIMIT = 60


@dataclass(frozen=True)
class AnswerRows:
    """The rows ``Store.begin_answer`` made for one answer."""

    conversation_id: int
    user_message_id: int | None  # None: the prompt was stored already (Regenerate)
    reply_message_id: int
    created_conversation: bool  # this answer made the conversation (abandon may remove it)


@dataclass
class AnswerEnd:
    """What an answer's final transaction writes: the reply as it ended (text, partial flag,
    route, ``meta`` for a reopened chat) and the usage, audit and cache rows that go with it."""

    text: str = ""
    partial: bool = False
    provider: str | None = None
    model: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    usage: UsageRecord | None = None
    audit: AuditEntry | None = None
    cache: CacheEntry | None = None


def default_title(user_text: str) -> str:
    return " ".join(user_text.split())[:DEFAULT_TITLE_LIMIT]


def _insert_statement(model: type[SQLModel], verb: str = "INSERT") -> tuple[str, list[str]]:
    columns = [name for name in model.model_fields if name != "id"]
    table = model.__tablename__  # type: ignore[attr-defined]
    marks = ", ".join("?" for _ in columns)
    return f"{verb} INTO {table} ({', '.join(columns)}) VALUES ({marks})", columns


_USAGE_SQL, _USAGE_COLUMNS = _insert_statement(UsageRecord)
_AUDIT_SQL, _AUDIT_COLUMNS = _insert_statement(AuditEntry)
_CACHE_SQL, _CACHE_COLUMNS = _insert_statement(CacheEntry, "INSERT OR REPLACE")
_CACHE_GET_SQL = (
    f"SELECT {', '.join(_CACHE_COLUMNS)} FROM response_cache WHERE key = ? AND created_at > ?"
)
_MESSAGE_SQL = (
    "INSERT INTO message (conversation_id, role, text, private, partial, meta, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def _values(row: SQLModel, columns: list[str]) -> tuple[Any, ...]:
    # The instance dict holds every field a table model was built with; reading it directly
    # skips SQLAlchemy's attribute machinery on the hot path.
    fields = vars(row)
    values = []
    for name in columns:
        value = fields[name] if name in fields else getattr(row, name)
        values.append(db_time(value) if isinstance(value, datetime) else value)
    return tuple(values)


def begin(
    conn: Connection,
    conversation_id: int | None,
    *,
    new_conversation: bool,
    user_text: str,
    private: bool,
    title: str | None,
    write_prompt: bool = True,
    prompt_meta: dict[str, Any] | None = None,
) -> AnswerRows | None:
    now = db_time(utcnow())
    title_text = (default_title(user_text) if title is None else title)[:TITLE_LIMIT]
    created = False
    if conversation_id is not None:
        touched = conn.execute(
            "UPDATE conversation SET updated_at = ?, private = (private OR ?), "
            "title = CASE WHEN title = '' THEN ? ELSE title END WHERE id = ?",
            (now, private, title_text, conversation_id),
        ).rowcount
        if not touched:
            conversation_id = None  # deleted meanwhile (another window): start a new one
            new_conversation = True
    if conversation_id is None:
        if not new_conversation:
            return None
        conversation_id = conn.execute(
            "INSERT INTO conversation (title, private, created_at, updated_at) VALUES (?, ?, ?, ?)",
            (title_text, private, now, now),
        ).lastrowid
        created = True
    user_id = None  # the prompt already stored (Regenerate) — unless its chat was deleted
    if write_prompt or created:
        user_id = conn.execute(
            _MESSAGE_SQL,
            (conversation_id, "user", user_text, private, False, _json(prompt_meta), now),
        ).lastrowid
    reply_id = conn.execute(
        _MESSAGE_SQL, (conversation_id, "assistant", "", private, True, None, now)
    ).lastrowid
    return AnswerRows(conversation_id, user_id, reply_id, created)  # type: ignore[arg-type]


def _json(meta: dict[str, Any] | None) -> str | None:
    return None if meta is None else json.dumps(meta)


def write_reply(
    conn: Connection,
    message_id: int,
    text: str,
    *,
    partial: bool,
    provider: str | None = None,
    model: str | None = None,
) -> None:
    conn.execute(
        "UPDATE message SET text = ?, partial = ?, provider = coalesce(?, provider), "
        "model = coalesce(?, model) WHERE id = ?",
        (text, partial, provider, model, message_id),
    )


def finish(
    conn: Connection, rows: AnswerRows | None, end: AnswerEnd, cache_max_entries: int
) -> None:
    conversation_id = None
    usage, audit, cache = end.usage, end.audit, end.cache
    if rows is not None:
        conversation_id = rows.conversation_id
        updated = conn.execute(
            "UPDATE message SET text = ?, partial = ?, provider = ?, model = ?, meta = ? "
            "WHERE id = ?",
            (
                end.text,
                end.partial,
                end.provider,
                end.model,
                json.dumps(end.meta),
                rows.reply_message_id,
            ),
        ).rowcount
        if not updated and not _exists(conn, rows.conversation_id):
            conversation_id = None  # deleted while the answer streamed: keep the numbers
    if usage is not None:
        usage.conversation_id = _linked(usage.conversation_id, rows, conversation_id)
        usage.id = conn.execute(_USAGE_SQL, _values(usage, _USAGE_COLUMNS)).lastrowid
    if audit is not None:
        audit.id = conn.execute(_AUDIT_SQL, _values(audit, _AUDIT_COLUMNS)).lastrowid
    if cache is not None and cache_max_entries > 0:
        cache.conversation_id = _linked(cache.conversation_id, rows, conversation_id)
        put_cache(conn, cache, cache_max_entries)


def _exists(conn: Connection, conversation_id: int) -> bool:
    return (
        conn.execute("SELECT 1 FROM conversation WHERE id = ?", (conversation_id,)).fetchone()
        is not None
    )


def _linked(given: int | None, rows: AnswerRows | None, live: int | None) -> int | None:
    """The conversation a usage or cache row points at: this answer's while it exists."""
    if rows is None:
        return given
    if given is None or given == rows.conversation_id:
        return live
    return given


def get_cache(conn: Connection, key: str, written_after: str) -> CacheEntry | None:
    """The entry under ``key`` if it was written after ``written_after`` (a db_time)."""
    row = conn.execute(_CACHE_GET_SQL, (key, written_after)).fetchone()
    if row is None:
        return None
    return plain_row(CacheEntry, **dict(zip(_CACHE_COLUMNS, row, strict=True)))


def put_cache(conn: Connection, entry: CacheEntry, max_entries: int) -> None:
    """Store ``entry`` and keep at most the newest ``max_entries`` writes.

    A new or rewritten entry takes the highest rowid, so rowids order the writes.  Once the
    entries span ``max_entries`` rowids, the oldest are trimmed in one batch of
    ``trim_batch(max_entries)``: deleting one row per answer wrote three more pages (the table's
    oldest leaf, its key and conversation index entries), each encrypted, on every answer; a
    batch writes about as many pages once in many answers.  The oldest rowid is found through
    the rowid index (no count of the whole table on every answer)."""
    newest = conn.execute(_CACHE_SQL, _values(entry, _CACHE_COLUMNS)).lastrowid
    oldest = conn.execute("SELECT min(rowid) FROM response_cache").fetchone()[0]
    if newest - oldest < max_entries:  # (the row just written: neither is None)
        return
    keep = max_entries - trim_batch(max_entries)
    conn.execute("DELETE FROM response_cache WHERE rowid <= ?", (newest - keep,))


def trim_batch(max_entries: int) -> int:
    """How many of the oldest cache entries go at once: a 32nd of the limit (none below 32
    entries, where every write trims exactly to the limit)."""
    return max_entries // 32


def abandon(conn: Connection, rows: AnswerRows) -> None:
    """Remove the empty reply, and the conversation when this answer made it and nothing else
    is in it (the UI keeps the draft, so nothing typed is lost)."""
    conn.execute("DELETE FROM message WHERE id = ? AND text = ''", (rows.reply_message_id,))
    if not rows.created_conversation:
        return
    others = conn.execute(
        "SELECT count(*) FROM message WHERE conversation_id = ? AND id != ?",
        (rows.conversation_id, rows.user_message_id),
    ).fetchone()[0]
    if others == 0:
        conn.execute(
            "DELETE FROM response_cache WHERE conversation_id = ?", (rows.conversation_id,)
        )
        conn.execute("DELETE FROM message WHERE conversation_id = ?", (rows.conversation_id,))
        conn.execute("DELETE FROM conversation WHERE id = ?", (rows.conversation_id,))


class ReplyWriter:
    """Keeps a streaming reply in memory and flushes it at most every FLUSH_INTERVAL_S, partial.

    ``text`` always holds everything received, whatever the disk did; ``failed`` says whether a
    flush could not be written (the store's ``unavailable`` then says why).
    """

    def __init__(
        self,
        write: Callable[[int, str, bool, str | None, str | None], bool],
        message_id: int | None,
    ) -> None:
        self._write, self._id = write, message_id
        self._text: list[str] = []
        self._last_flush = time.monotonic()
        self.failed = False

    @property
    def text(self) -> str:
        return "".join(self._text)

    def append(self, text: str) -> None:
        self._text.append(text)
        if time.monotonic() - self._last_flush >= FLUSH_INTERVAL_S:
            self.flush(partial=True)

    def flush(
        self, *, partial: bool, provider: str | None = None, model: str | None = None
    ) -> bool:
        self._last_flush = time.monotonic()
        if self._id is None:
            return False
        ok = self._write(self._id, self.text, partial, provider, model)
        self.failed = self.failed or not ok
        return ok

    def reset(self) -> None:
        self._text = []
