"""The budget progress bars of the usage view: spent against each cap, with the fraction at which
Aideon starts warning (``budgets.warn_at_fraction``).  Pure: settings and spend in, bars out."""

from __future__ import annotations

from dataclasses import dataclass

from aideon_desktop.core.budgets import Spend
from aideon_desktop.core.config import BudgetSettings
from aideon_desktop.core.providers import registry


@dataclass(frozen=True)
class BudgetBar:
    label: str
    spent: float
    cap: float  # 0: no cap set
    warn_at: float  # fraction of the cap

    @property
    def fraction(self) -> float:
        return min(self.spent / self.cap, 1.0) if self.cap else 0.0

    @property
    def state(self) -> str:
        """'none' (no cap), 'ok', 'warning' (past warn_at) or 'reached'."""
        if not self.cap:
            return "none"
        if self.spent >= self.cap:
            return "reached"
        return "warning" if self.spent >= self.cap * self.warn_at else "ok"


def budget_bars(budgets: BudgetSettings, spend: Spend) -> list[BudgetBar]:
    """Today, this month, and each provider with its own monthly cap."""
    warn = budgets.warn_at_fraction
    bars = [
        BudgetBar("Today", float(spend.today), budgets.daily_usd, warn),
        BudgetBar("This month", float(spend.month), budgets.monthly_usd, warn),
    ]
    for name, cap in sorted(budgets.per_provider_monthly_usd.items()):
        spec = registry.find(name)
        label = f"{spec.display_name if spec else name} this month"
        bars.append(BudgetBar(label, float(spend.month_by_provider.get(name, 0)), cap, warn))
    return bars
