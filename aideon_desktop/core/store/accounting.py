"""Reading usage rows, the audit log and the response cache, and counting spend (an answer's
rows are written by answers.py in its final transaction)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import select

from aideon_desktop.core.store.answers import get_cache
from aideon_desktop.core.store.connection import StoreConnection
from aideon_desktop.core.store.models import (
    AuditEntry,
    CacheEntry,
    UsageRecord,
    utcnow,
)
from aideon_desktop.core.store.spend import SpendTotals, db_time


class Accounting:
    """Mixed into Store; every call goes through the store's connection and its error handling."""

    _db: StoreConnection
    _spend: SpendTotals

    def _count_spend(self, usage: UsageRecord | None, *, saved: bool) -> None:
        if usage is None:
            return
        with self._db.lock:
            record = self._spend.saved if saved else self._spend.unsaved
            record(usage.created_at, usage.provider, usage.cost_micro_usd)

    def audit(self, limit: int = 100) -> list[AuditEntry]:
        query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)  # type: ignore[union-attr]
        return self._db.read(lambda s: list(s.exec(query)), [])

    def usage_rows(self, since: datetime | None = None) -> list[UsageRecord]:
        query = select(UsageRecord).order_by(UsageRecord.id)  # type: ignore[arg-type]
        if since is not None:
            query = query.where(UsageRecord.created_at >= since)
        return self._db.read(lambda s: list(s.exec(query)), [])

    def cache_get(self, key: str, ttl_hours: float) -> CacheEntry | None:
        """The entry under ``key`` if it is younger than ``ttl_hours`` (plain SQL: a lookup runs
        before every cloud answer)."""
        cutoff = db_time(utcnow() - timedelta(hours=ttl_hours))
        return self._db.read_sql(lambda conn: get_cache(conn, key, cutoff), None)
