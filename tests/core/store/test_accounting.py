"""Usage rows, the audit log and the response cache on a real store file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from aideon_desktop.core.store import Store
from aideon_desktop.core.store.models import AuditEntry, CacheEntry, UsageRecord
from tests.support.store_rows import finish_rows


def test_usage_since_and_audit_newest_first(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    old = UsageRecord(
        provider="together", model="m", created_at=datetime.now(UTC) - timedelta(days=3)
    )
    finish_rows(store, usage=old)
    finish_rows(store, usage=UsageRecord(provider="local", model="s"))
    since = datetime.now(UTC) - timedelta(days=1)
    assert [r.provider for r in store.usage_rows()] == ["together", "local"]
    assert [r.provider for r in store.usage_rows(since)] == ["local"]
    audit_row = AuditEntry(
        provider="a",
        model="m",
        private=False,
        task="code",
        categories='["secret"]',
        reasons='["why"]',
    )
    finish_rows(store, audit=audit_row)
    audit = store.audit()
    assert audit[0].provider == "a" and "why" in audit[0].reasons
    store.close()


def test_cache_expires_and_is_trimmed_oldest_first(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    for i in range(5):
        finish_rows(
            store,
            cache=CacheEntry(key=f"k{i}", provider="p", model="m", text=f"t{i}"),
            cache_max_entries=3,
        )
    assert store.cache_get("k0", 24) is None and store.cache_get("k4", 24).text == "t4"
    stale = CacheEntry(
        key="old",
        provider="p",
        model="m",
        text="x",
        created_at=datetime.now(UTC) - timedelta(hours=30),
    )
    finish_rows(store, cache=stale, cache_max_entries=10)
    assert store.cache_get("old", 24) is None and store.cache_get("old", 48).text == "x"
    store.close()
