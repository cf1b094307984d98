"""The usage charts' series, from the report `aideon usage --json` prints: buckets by day, ISO
week and month with gaps at zero, requests by route, spend by provider and task, dollars with
enough digits, and the baseline explained with its price and date."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from aideon_desktop.core.catalog import load_catalog
from aideon_desktop.core.store.models import UsageRecord
from aideon_desktop.core.store.usage_report import build_report
from aideon_desktop.core.usage_series import (
    baseline_explanation,
    format_usd,
    time_series,
    usage_series,
)


def row(provider: str, day: tuple[int, int, int], cost: int, cached: bool = False) -> UsageRecord:
    return UsageRecord(
        provider=provider,
        model="m",
        task="code" if provider != "local" else "general",
        cost_micro_usd=cost,
        baseline_micro_usd=cost * 10 + 100,
        cache_hit=cached,
        created_at=datetime(*day, 12, tzinfo=UTC),
    )


ROWS = [
    row("together", (2026, 10, 30), 1_000),  # Friday of the week starting Oct 26
    row("together", (2026, 11, 2), 2_000, cached=True),  # Monday
    row("huggingface", (2026, 11, 4), 3_000),
    row("local", (2026, 11, 4), 0),
    row("ollama", (2026, 12, 1), 0),
]


@pytest.fixture
def report() -> dict:
    return build_report(ROWS).as_dict()


def test_days_fill_gaps_and_keep_the_report_numbers(report) -> None:
    days = time_series(report["days"], "day")
    assert days.labels[0] == "2026-10-30" and days.labels[-1] == "2026-12-01"
    assert len(days.labels) == 33  # every day between, the empty ones at zero
    assert days.spend[0] == 0.001 and days.spend[1] == 0.0 and days.spend[3] == 0.002
    assert sum(days.spend) == pytest.approx(report["totals"]["cost_usd"])
    assert sum(days.savings) == pytest.approx(report["totals"]["savings_usd"])


def test_weeks_start_on_monday_and_months_on_the_first(report) -> None:
    weeks = time_series(report["days"], "week")
    assert weeks.labels[:2] == ["2026-10-26", "2026-11-02"]
    assert weeks.spend[:2] == [0.001, 0.005]
    months = time_series(report["days"], "month")
    assert months.labels == ["2026-10", "2026-11", "2026-12"]
    assert months.spend == [0.001, 0.005, 0.0]


def test_routes_providers_tasks_and_share(report) -> None:
    series = usage_series(report)
    assert series.requests_by_route == {"On device": 2, "Cloud": 2, "Cache": 1}
    assert sum(series.requests_by_route.values()) == report["totals"]["requests"]
    assert series.spend_by_provider == {
        "huggingface": 0.003, "local": 0.0, "ollama": 0.0, "together": 0.003,
    }  # fmt: skip
    assert series.spend_by_task == {"code": 0.006, "general": 0.0}
    assert series.kept_on_device_share == report["totals"]["kept_on_device_share"] == 0.4


def test_no_usage_gives_empty_series() -> None:
    series = usage_series(build_report([]).as_dict())
    assert series.over_time["day"].labels == [] and series.kept_on_device_share == 0.0


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0, "$0.00"),
        (0.000027, "$0.000027"),
        (0.0000271, "$0.000027"),
        (0.0345, "$0.035"),
        (0.5, "$0.50"),
        (12.3, "$12.30"),
        (1234.5, "$1,234.50"),
        (-0.004, "-$0.0040"),
    ],
)
def test_dollars_keep_two_significant_digits(value, shown) -> None:
    assert format_usd(value) == shown


def test_the_baseline_is_explained_with_its_price_and_date() -> None:
    catalog = load_catalog()
    text = baseline_explanation(catalog)
    assert catalog.baseline.name in text and catalog.prices_checked in text
    assert f"${catalog.baseline.output_per_million:,.2f} per million answer tokens" in text


def test_the_series_print_as_json(report) -> None:
    import json

    from aideon_desktop.core.usage_series import series_as_dict

    data = json.loads(json.dumps(series_as_dict(usage_series(report))))
    assert set(data) == {
        "over_time", "requests_by_route", "spend_by_provider", "spend_by_task",
        "kept_on_device_share",
    }  # fmt: skip
    assert data["over_time"]["week"]["labels"][:2] == ["2026-10-26", "2026-11-02"]
