"""Today's and this month's spend, cheap enough to read on every routing decision.

The totals are computed once per calendar window (local day and month) and then kept current by
the store's own usage writes.  SQLite's ``data_version`` tells when another process (the CLI
beside the tray app) has committed, and the totals are recomputed then, or when the day or month
turns.  Costs whose usage row could not be written (disk full, history off) still count, so a
budget holds for the rest of the session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from aideon_desktop.core.budgets import Spend

if TYPE_CHECKING:
    from aideon_desktop.core.store.database import Connection

MICRO = Decimal("1000000")


def from_micro(micro: int) -> Decimal:
    return (Decimal(micro) / MICRO).quantize(Decimal("0.000001"))


def to_micro(usd: Decimal) -> int:
    return int((usd * MICRO).to_integral_value())


def db_time(moment: datetime) -> str:
    """A datetime as the usage/message tables hold it (UTC, the format SQLAlchemy writes)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(" ", "microseconds")


def local_now() -> datetime:
    return datetime.now().astimezone()


@dataclass(frozen=True)
class Window:
    """The local day and month that contain a moment, as UTC bounds."""

    day_start: datetime
    month_start: datetime

    @classmethod
    def containing(cls, now: datetime) -> Window:
        local = now.astimezone()
        day = local.replace(hour=0, minute=0, second=0, microsecond=0)
        return cls(day.astimezone(UTC), day.replace(day=1).astimezone(UTC))


_SPEND_SQL = (
    "SELECT provider, sum(cost_micro_usd), "
    "sum(CASE WHEN created_at >= ? THEN cost_micro_usd ELSE 0 END) "
    "FROM usage WHERE created_at >= ? AND created_at <= ? GROUP BY provider"
)


def query_spend(conn: Connection, window: Window, now: datetime) -> tuple[int, dict[str, int]]:
    """(today, month by provider) in micro-dollars, from the usage table."""
    today = 0
    by_provider: dict[str, int] = {}
    rows = conn.execute(
        _SPEND_SQL, (db_time(window.day_start), db_time(window.month_start), db_time(now))
    )
    for provider, month_total, today_total in rows:
        by_provider[provider] = int(month_total or 0)
        today += int(today_total or 0)
    return today, by_provider


def _as_spend(today: int, by_provider: dict[str, int]) -> Spend:
    month = {provider: from_micro(total) for provider, total in by_provider.items()}
    return Spend(
        today=from_micro(today), month=sum(month.values(), Decimal(0)), month_by_provider=month
    )


class SpendTotals:
    """Cached totals for one window, plus this session's costs the database does not hold."""

    def __init__(self) -> None:
        self._window: Window | None = None
        self._version: int | None = None
        self._today = 0
        self._by_provider: dict[str, int] = {}
        self._unsaved: list[tuple[datetime, str, int]] = []

    def cached(self, window: Window, version: int | None) -> Spend | None:
        if self._window != window or self._version != version:
            return None
        return self._with_unsaved(window, self._today, self._by_provider)

    def load(self, window: Window, version: int | None, today: int, by: dict[str, int]) -> Spend:
        self._window, self._version = window, version
        self._today, self._by_provider = today, dict(by)
        return self._with_unsaved(window, today, by)

    def saved(self, created_at: datetime, provider: str, micro: int) -> None:
        """A usage row this connection committed (it does not change data_version)."""
        if self._window is None:
            return
        moment = _utc(created_at)
        if moment >= self._window.month_start:
            self._by_provider[provider] = self._by_provider.get(provider, 0) + micro
            if moment >= self._window.day_start:
                self._today += micro

    def unsaved(self, created_at: datetime, provider: str, micro: int) -> None:
        self._unsaved.append((_utc(created_at), provider, micro))

    def session_only(self, window: Window) -> Spend:
        return self._with_unsaved(window, 0, {})

    def _with_unsaved(self, window: Window, today: int, by: dict[str, int]) -> Spend:
        by = dict(by)
        for moment, provider, micro in self._unsaved:
            if moment >= window.month_start:
                by[provider] = by.get(provider, 0) + micro
                if moment >= window.day_start:
                    today += micro
        return _as_spend(today, by)


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
