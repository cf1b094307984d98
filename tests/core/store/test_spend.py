"""Spend totals: cached for routing, and always equal to what the usage table says."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from aideon_desktop.core import paths
from aideon_desktop.core.store import Store, spend
from aideon_desktop.core.store.models import UsageRecord
from tests.support.store_rows import finish_rows


def usage(micro: int, provider: str = "together", **extra) -> UsageRecord:
    return UsageRecord(provider=provider, model="m", cost_micro_usd=micro, **extra)


def finish(store: Store, record: UsageRecord) -> bool:
    return finish_rows(store, usage=record)


def exact(store: Store):
    return store.spend(now=datetime.now(UTC) + timedelta(seconds=1))


def test_cached_spend_follows_every_write_of_this_store() -> None:
    store = Store(paths.database_file())
    assert store.spend().today == 0
    finish(store, usage(1_500_000))
    finish_rows(store, usage=usage(250_000, "huggingface"))
    finish(store, usage(0, "local"))
    cached = store.spend()
    assert cached == exact(store)
    assert cached.today == Decimal("1.75") and cached.month_by_provider == {
        "together": Decimal("1.5"),
        "huggingface": Decimal("0.25"),
        "local": Decimal("0"),
    }
    # Served from memory: the only statement is the check for other writers.
    statements: list[str] = []
    store._db.conn.set_trace_callback(statements.append)
    store.spend()
    store._db.conn.set_trace_callback(None)
    assert statements == ["PRAGMA data_version"]


def test_another_process_writing_is_seen() -> None:
    store = Store(paths.database_file())
    assert store.spend().today == 0
    other = Store(paths.database_file())  # e.g. `aideon ask` beside the tray app
    finish_rows(other, usage=usage(3_000_000))
    other.close()
    assert store.spend().today == Decimal("3") == exact(store).today


def test_the_totals_restart_when_the_day_and_month_turn(monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(paths.database_file())
    last_month = datetime(2026, 10, 31, 12, 0, tzinfo=UTC)
    finish_rows(store, usage=usage(5_000_000, created_at=last_month))
    monkeypatch.setattr(spend, "local_now", lambda: last_month + timedelta(hours=1))
    assert store.spend().month == Decimal("5")
    monkeypatch.setattr(spend, "local_now", lambda: datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
    assert store.spend().month == Decimal("0") and store.spend().today == Decimal("0")


def test_costs_that_could_not_be_saved_still_count(tmp_path: Path) -> None:
    off = Store(tmp_path / "off.sqlite3", storage="off")
    assert finish(off, usage(2_000_000)) is True  # nothing was meant to be kept
    assert off.spend().today == Decimal("2") and off.spend().month_by_provider == {
        "together": Decimal("2")
    }
