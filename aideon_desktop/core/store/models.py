"""Tables.  Money is stored as integer micro-dollars (exact); times as UTC.

Every index is a page SQLCipher encrypts and authenticates on each insert, so only the ones a
query needs exist: messages by conversation, usage by time (spend) and by conversation (delete),
cache entries by conversation (delete).  The cache is trimmed oldest-first in rowid order.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

from pydantic_core import PydanticUndefined
from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class Conversation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    title: str = ""
    private: bool = False
    pinned_provider: str | None = None
    pinned_model: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class ChatMessage(SQLModel, table=True):
    __tablename__ = "message"

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(foreign_key="conversation.id", index=True, ondelete="CASCADE")
    role: str
    text: str = ""
    provider: str | None = None
    model: str | None = None
    private: bool = False
    partial: bool = False
    # What a reopened chat shows beside the reply: route, cost, savings, reasons, masked
    # placeholders, fallback notes.  Written by Store.finish_answer (schema v3).
    meta: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    created_at: datetime = Field(default_factory=utcnow)


class UsageRecord(SQLModel, table=True):
    __tablename__ = "usage"

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int | None = Field(
        default=None, foreign_key="conversation.id", index=True, ondelete="SET NULL"
    )
    provider: str
    model: str
    task: str = "general"
    private: bool = False
    prompt_tokens: int = 0
    completion_tokens: int = 0
    estimated: bool = False
    cost_micro_usd: int = 0
    baseline_micro_usd: int = 0
    latency_ms: int | None = None
    ttft_ms: int | None = None
    cache_hit: bool = False
    created_at: datetime = Field(default_factory=utcnow, index=True)


class AuditEntry(SQLModel, table=True):
    """Why a prompt went where it went.  Categories and reasons only — never the text."""

    __tablename__ = "audit"

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow)
    provider: str
    model: str
    private: bool
    task: str
    categories: str = "[]"  # JSON list
    reasons: str = "[]"  # JSON list


class CacheEntry(SQLModel, table=True):
    __tablename__ = "response_cache"

    key: str = Field(primary_key=True)
    private: bool = False
    conversation_id: int | None = Field(
        default=None, foreign_key="conversation.id", index=True, ondelete="CASCADE"
    )
    provider: str
    model: str
    text: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    created_at: datetime = Field(default_factory=utcnow)


def plain_row(table: type[SQLModel], **values: Any) -> SimpleNamespace:
    """A row to insert on the hot path: the table's columns with their defaults filled in, as a
    plain object (building a SQLModel table instance costs ~0.1 ms of attribute machinery; the
    store's plain-SQL writers only read the attributes)."""
    row: dict[str, Any] = {}
    for name, default, factory in _defaults(table):
        if name in values:
            row[name] = values.pop(name)
        else:
            row[name] = default if factory is None else factory()
    if values:
        raise TypeError(f"{table.__name__} has no columns {sorted(values)}")
    return SimpleNamespace(**row)


@functools.cache
def _defaults(table: type[SQLModel]) -> tuple[tuple[str, Any, Callable[[], Any] | None], ...]:
    """(column, default, default factory) of each of ``table``'s columns, read from its model
    fields once (pydantic's field info is slow to walk on every row)."""
    found = []
    for name, info in table.model_fields.items():
        default = None if info.default is PydanticUndefined else info.default
        found.append((name, default, info.default_factory))
    return tuple(found)  # type: ignore[return-value]
