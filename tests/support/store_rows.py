"""Rows written to a store the way an answer's final transaction writes them, without an
answer around them (usage, audit or cache rows alone)."""

from __future__ import annotations

from aideon_desktop.core.store import Store
from aideon_desktop.core.store.answers import AnswerEnd
from aideon_desktop.core.store.models import AuditEntry, CacheEntry, UsageRecord


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
