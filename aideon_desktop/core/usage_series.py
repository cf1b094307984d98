"""What the usage charts draw, computed from the report ``aideon usage --json`` prints
(``build_report(rows).as_dict()``), so the charts and the command can never disagree: spend and
savings over time (day, ISO week or month), requests by route (on device, cloud, cache), spend by
provider and by task, the share kept on device, and the sentences that explain the baseline."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal

from aideon_desktop.core.catalog import Catalog
from aideon_desktop.core.store.usage_report import ON_DEVICE

Period = Literal["day", "week", "month"]
PERIODS: tuple[Period, ...] = ("day", "week", "month")
ROUTES = ("On device", "Cloud", "Cache")


@dataclass(frozen=True)
class TimeSeries:
    """One bucket per day / week (its Monday) / month, gaps filled with zero."""

    labels: list[str]
    spend: list[float]
    savings: list[float]


@dataclass(frozen=True)
class UsageSeries:
    over_time: dict[Period, TimeSeries]
    requests_by_route: dict[str, int]
    spend_by_provider: dict[str, float]
    spend_by_task: dict[str, float]
    kept_on_device_share: float
    totals: dict[str, Any] = field(default_factory=dict)


def _bucket(day: date, period: Period) -> date:
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day


def _next(bucket: date, period: Period) -> date:
    if period == "day":
        return bucket + timedelta(days=1)
    if period == "week":
        return bucket + timedelta(days=7)
    return (bucket.replace(day=28) + timedelta(days=4)).replace(day=1)


def _label(bucket: date, period: Period) -> str:
    return bucket.strftime("%Y-%m") if period == "month" else bucket.isoformat()


def time_series(days: list[dict[str, Any]], period: Period) -> TimeSeries:
    """Sum the report's per-day rows into ``period`` buckets from the first to the last."""
    spend: dict[date, Decimal] = {}
    savings: dict[date, Decimal] = {}
    for row in days:
        bucket = _bucket(date.fromisoformat(row["day"]), period)
        spend[bucket] = spend.get(bucket, Decimal(0)) + Decimal(str(row["cost_usd"]))
        savings[bucket] = savings.get(bucket, Decimal(0)) + Decimal(str(row["savings_usd"]))
    if not spend:
        return TimeSeries([], [], [])
    labels, spent, saved = [], [], []
    bucket, last = min(spend), max(spend)
    while bucket <= last:
        labels.append(_label(bucket, period))
        spent.append(float(spend.get(bucket, 0)))
        saved.append(float(savings.get(bucket, 0)))
        bucket = _next(bucket, period)
    return TimeSeries(labels, spent, saved)


def requests_by_route(providers: list[dict[str, Any]]) -> dict[str, int]:
    """Answered on this device (or the user's own server), by a cloud, or from the cache."""
    on_device = cloud = cache = 0
    for row in providers:
        fresh = row["requests"] - row["cache_hits"]
        cache += row["cache_hits"]
        if row["provider"] in ON_DEVICE:
            on_device += fresh
        else:
            cloud += fresh
    return dict(zip(ROUTES, (on_device, cloud, cache), strict=True))


def usage_series(report: dict[str, Any]) -> UsageSeries:
    """The charts' data from a usage report dict (the ``--json`` output)."""
    return UsageSeries(
        over_time={period: time_series(report["days"], period) for period in PERIODS},
        requests_by_route=requests_by_route(report["providers"]),
        spend_by_provider={row["provider"]: row["cost_usd"] for row in report["providers"]},
        spend_by_task={row["task"]: row["cost_usd"] for row in report["tasks"]},
        kept_on_device_share=report["totals"]["kept_on_device_share"],
        totals=report["totals"],
    )


def series_as_dict(series: UsageSeries) -> dict[str, Any]:
    """The series as JSON-ready data (``aideon usage --json`` prints it under "series")."""
    data = asdict(series)
    del data["totals"]  # already the report's "totals"
    return data


def format_usd(value: float) -> str:
    """Dollars with two significant digits below one dollar, so a tiny cost never reads $0.00:
    0.000027 → $0.000027, 0.0345 → $0.035, 12.3 → $12.30."""
    if value == 0:
        return "$0.00"
    sign, magnitude = ("-" if value < 0 else ""), abs(value)
    if magnitude >= 1:
        return f"{sign}${magnitude:,.2f}"
    decimals = max(2, 1 - math.floor(math.log10(magnitude)))
    return f"{sign}${magnitude:.{decimals}f}"


def baseline_explanation(catalog: Catalog) -> str:
    """What “premium baseline” and “saved” mean, with the price used and its date."""
    base = catalog.baseline
    return (
        f"“Baseline” is what the same tokens would have cost on {base.name} at its list price: "
        f"${base.input_per_million:,.2f} per million prompt tokens and "
        f"${base.output_per_million:,.2f} per million answer tokens (prices checked "
        f"{catalog.prices_checked}). “Saved” is the baseline minus what you actually paid: "
        "answers on this device and from the cache cost nothing."
    )
