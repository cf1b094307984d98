"""Budget progress bars: spent against each cap, amber past the warning share, red at the cap."""

from __future__ import annotations

from decimal import Decimal

from aideon_desktop.core.budget_bars import BudgetBar, budget_bars
from aideon_desktop.core.budgets import Spend
from aideon_desktop.core.config import BudgetSettings


def test_bars_for_day_month_and_each_capped_provider() -> None:
    budgets = BudgetSettings(
        daily_usd=1.0,
        monthly_usd=10.0,
        per_provider_monthly_usd={"together": 2.0},
        warn_at_fraction=0.75,
    )
    spend = Spend(
        today=Decimal("0.8"),
        month=Decimal("3"),
        month_by_provider={"together": Decimal("2.5"), "huggingface": Decimal("0.5")},
    )
    today, month, together = budget_bars(budgets, spend)
    assert (today.label, today.spent, today.cap, today.state) == ("Today", 0.8, 1.0, "warning")
    assert today.fraction == 0.8
    assert (month.state, month.fraction) == ("ok", 0.3)
    assert together.label == "Together AI this month" and together.state == "reached"
    assert together.fraction == 1.0  # past the cap the bar is full, not overflowing


def test_no_cap_is_its_own_state() -> None:
    bar = BudgetBar("Today", 0.5, 0.0, 0.8)
    assert bar.state == "none" and bar.fraction == 0.0
    assert BudgetBar("Today", 0.79, 1.0, 0.8).state == "ok"
    assert BudgetBar("Today", 0.80, 1.0, 0.8).state == "warning"
