"""Usage and savings: totals and breakdowns from usage rows.  Pure functions over rows."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from aideon_desktop.core.providers.registry import on_device_names
from aideon_desktop.core.routing import LOCAL_NETWORK
from aideon_desktop.core.store.models import UsageRecord
from aideon_desktop.core.store.spend import from_micro

# Answers that never left the user's hardware (their network server counts as theirs).
ON_DEVICE = on_device_names() | {LOCAL_NETWORK}


@dataclass
class Totals:
    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_micro: int = 0
    baseline_micro: int = 0
    on_device: int = 0
    private: int = 0
    cache_hits: int = 0
    cache_saved_micro: int = 0
    estimated: int = 0

    def add(self, row: UsageRecord) -> None:
        self.requests += 1
        self.prompt_tokens += row.prompt_tokens
        self.completion_tokens += row.completion_tokens
        self.cost_micro += row.cost_micro_usd
        self.baseline_micro += row.baseline_micro_usd
        self.on_device += row.provider in ON_DEVICE
        self.private += row.private
        self.cache_hits += row.cache_hit
        self.estimated += row.estimated
        if row.cache_hit:
            self.cache_saved_micro += row.baseline_micro_usd

    def as_dict(self) -> dict[str, Any]:
        cost, baseline = from_micro(self.cost_micro), from_micro(self.baseline_micro)
        return {
            "requests": self.requests,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "cost_usd": float(cost),
            "baseline_cost_usd": float(baseline),
            "savings_usd": float(baseline - cost),
            "kept_on_device_share": round(self.on_device / self.requests, 4)
            if self.requests
            else 0.0,
            "private_requests": self.private,
            "cache_hits": self.cache_hits,
            "cache_savings_usd": float(from_micro(self.cache_saved_micro)),
            "estimated_usage_requests": self.estimated,
        }


@dataclass
class UsageReport:
    totals: Totals = field(default_factory=Totals)
    by_provider: dict[str, Totals] = field(default_factory=lambda: defaultdict(Totals))
    by_model: dict[str, Totals] = field(default_factory=lambda: defaultdict(Totals))
    by_task: dict[str, Totals] = field(default_factory=lambda: defaultdict(Totals))
    by_day: dict[str, Totals] = field(default_factory=lambda: defaultdict(Totals))

    def as_dict(self) -> dict[str, Any]:
        def rows(groups: dict[str, Totals], key: str) -> list[dict[str, Any]]:
            return [{key: name, **t.as_dict()} for name, t in sorted(groups.items())]

        return {
            "totals": self.totals.as_dict(),
            "providers": rows(self.by_provider, "provider"),
            "models": rows(self.by_model, "model"),
            "tasks": rows(self.by_task, "task"),
            "days": rows(self.by_day, "day"),
        }


def build_report(rows: Iterable[UsageRecord]) -> UsageReport:
    report = UsageReport()
    for row in rows:
        report.totals.add(row)
        report.by_provider[row.provider].add(row)
        report.by_model[f"{row.provider}:{row.model}"].add(row)
        report.by_task[row.task].add(row)
        report.by_day[row.created_at.date().isoformat()].add(row)
    return report


CSV_FIELDS = [
    "created_at",
    "provider",
    "model",
    "task",
    "private",
    "prompt_tokens",
    "completion_tokens",
    "estimated",
    "cost_usd",
    "baseline_cost_usd",
    "savings_usd",
    "latency_ms",
    "ttft_ms",
    "cache_hit",
]


def to_csv(rows: Iterable[UsageRecord]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_FIELDS)
    for r in rows:
        cost, base = from_micro(r.cost_micro_usd), from_micro(r.baseline_micro_usd)
        writer.writerow(
            [
                r.created_at.isoformat(timespec="seconds"),
                r.provider,
                r.model,
                r.task,
                r.private,
                r.prompt_tokens,
                r.completion_tokens,
                r.estimated,
                cost,
                base,
                base - cost,
                r.latency_ms,
                r.ttft_ms,
                r.cache_hit,
            ]
        )
    return out.getvalue()
