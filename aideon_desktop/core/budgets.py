"""Spending caps: warn at a fraction of the cap, stop paid models at the cap.  Pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from aideon_desktop.core.config import BudgetSettings
from aideon_desktop.core.routing import BudgetState


@dataclass(frozen=True)
class Spend:
    """Money spent (USD) in the current day and month, by the user's local calendar."""

    today: Decimal = Decimal(0)
    month: Decimal = Decimal(0)
    month_by_provider: dict[str, Decimal] = field(default_factory=dict)


def _check(label: str, spent: Decimal, cap: float, warn_at: float, warnings: list[str]) -> bool:
    """True when the cap is reached; adds a warning past ``warn_at`` of it."""
    if cap <= 0:
        return False
    limit = Decimal(str(cap))
    if spent >= limit:
        warnings.append(
            f"{label} budget reached: ${spent:.2f} of ${limit:.2f} — using free and local models"
        )
        return True
    if spent >= limit * Decimal(str(warn_at)):
        warnings.append(f"{label} budget at {spent / limit:.0%}: ${spent:.2f} of ${limit:.2f}")
    return False


def capped(budgets: BudgetSettings) -> bool:
    """Is any cap set?  With none, ``budget_state`` is ``BudgetState()`` whatever was spent, so
    the spend need not be read."""
    caps = (budgets.daily_usd, budgets.monthly_usd, *budgets.per_provider_monthly_usd.values())
    return any(cap > 0 for cap in caps)


def budget_state(budgets: BudgetSettings, spend: Spend) -> BudgetState:
    warnings: list[str] = []
    daily = _check("daily", spend.today, budgets.daily_usd, budgets.warn_at_fraction, warnings)
    monthly = _check(
        "monthly", spend.month, budgets.monthly_usd, budgets.warn_at_fraction, warnings
    )
    blocked = frozenset(
        provider
        for provider, cap in budgets.per_provider_monthly_usd.items()
        if _check(
            f"{provider} monthly",
            spend.month_by_provider.get(provider, Decimal(0)),
            cap,
            budgets.warn_at_fraction,
            warnings,
        )
    )
    return BudgetState(
        paid_blocked=daily or monthly, blocked_providers=blocked, warnings=tuple(warnings)
    )
