"""Usage and savings totals from usage rows."""

from __future__ import annotations

import pytest

from aideon_desktop.core.store.models import UsageRecord
from aideon_desktop.core.store.usage_report import build_report, to_csv


def test_usage_report_totals_and_csv() -> None:
    rows = [
        UsageRecord(
            provider="together",
            model="m1",
            task="code",
            prompt_tokens=100,
            completion_tokens=50,
            cost_micro_usd=27,
            baseline_micro_usd=750,
        ),
        UsageRecord(
            provider="local",
            model="smollm2",
            task="general",
            private=True,
            prompt_tokens=10,
            completion_tokens=5,
            baseline_micro_usd=75,
        ),
        UsageRecord(
            provider="together",
            model="m1",
            task="code",
            cache_hit=True,
            prompt_tokens=100,
            completion_tokens=50,
            baseline_micro_usd=750,
        ),
    ]
    report = build_report(rows).as_dict()
    totals = report["totals"]
    assert (
        totals["requests"] == 3
        and totals["cost_usd"] == 0.000027
        and totals["baseline_cost_usd"] == 0.001575
    )
    assert totals["savings_usd"] == pytest.approx(0.001548) and totals[
        "kept_on_device_share"
    ] == pytest.approx(1 / 3, abs=1e-4)
    assert totals["cache_hits"] == 1 and totals["cache_savings_usd"] == 0.00075
    assert {r["provider"]: r["requests"] for r in report["providers"]} == {
        "local": 1,
        "together": 2,
    }
    csv_text = to_csv(rows)
    assert (
        csv_text.splitlines()[0].startswith("created_at,provider,model")
        and len(csv_text.splitlines()) == 4
    )
