"""Budgets: warnings at 80%, a cap that leaves only free models and the local one, per-provider
caps, and months that reset at the boundary."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from aideon_desktop.core.budgets import Spend, budget_state, capped
from aideon_desktop.core.catalog import ModelEntry, Quality, load_catalog
from aideon_desktop.core.config import BudgetSettings
from aideon_desktop.core.routing import BudgetState, decide
from aideon_desktop.core.store import Store
from aideon_desktop.core.store.models import UsageRecord
from tests.support.routing import LOCAL, inputs
from tests.support.store_rows import finish_rows

FREE = ModelEntry(
    provider="huggingface",
    id="openai/gpt-oss-20b:free-tier",
    name="gpt-oss-20b (free tier)",
    tasks=["general", "code", "reasoning"],
    context_length=131072,
    input_per_million=Decimal(0),
    output_per_million=Decimal(0),
    quality=Quality(general=40, code=50, reasoning=45),
    quality_source="a test row",
)


def with_free_model():
    """The shipped catalogue has no free cloud rows; budget caps are tested with one added."""
    catalog = load_catalog()
    return catalog.model_copy(update={"model": [*catalog.model, FREE]})


def test_budget_cap_leaves_free_and_local_models() -> None:
    blocked = BudgetState(paid_blocked=True, warnings=("daily budget reached",))
    decision = decide(inputs("Write a haiku", cloud_providers=("together",), budget=blocked))
    assert decision.route == LOCAL and decision.warnings == ("daily budget reached",)
    catalog = with_free_model()
    free = decide(
        inputs(
            "Write a haiku",
            catalog=catalog,
            cloud_providers=("together", "huggingface"),
            budget=blocked,
        )
    )
    assert free.route.provider == "huggingface" and all(
        r.is_local or catalog.find(r.provider, r.model).is_free for r in free.routes()
    )
    per_provider = decide(
        inputs(
            "Write a haiku",
            catalog=catalog,
            cloud_providers=("together", "huggingface"),
            budget=BudgetState(blocked_providers=frozenset({"huggingface"})),
        )
    )
    assert all(
        r.provider != "huggingface" or catalog.find(r.provider, r.model).is_free
        for r in per_provider.routes()
    )


def test_budget_warning_at_80_percent_and_block_at_100() -> None:
    budgets = BudgetSettings(
        daily_usd=1.0, monthly_usd=10.0, per_provider_monthly_usd={"together": 2.0}
    )
    state = budget_state(
        budgets,
        Spend(
            today=Decimal("0.85"),
            month=Decimal("3"),
            month_by_provider={"together": Decimal("2.5")},
        ),
    )
    assert not state.paid_blocked and state.blocked_providers == {"together"}
    assert any("daily budget at 85%" in w for w in state.warnings)
    assert budget_state(budgets, Spend(today=Decimal("1.00"))).paid_blocked


def test_monthly_budget_resets_across_a_month_boundary(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    finish_rows(
        store,
        usage=UsageRecord(
            provider="together",
            model="m",
            cost_micro_usd=5_000_000,
            created_at=datetime(2026, 10, 31, 12, 0, tzinfo=UTC),
        ),
    )
    finish_rows(
        store,
        usage=UsageRecord(
            provider="together",
            model="m",
            cost_micro_usd=1_000_000,
            created_at=datetime(2026, 11, 1, 12, 0, tzinfo=UTC),
        ),
    )
    budgets = BudgetSettings(monthly_usd=5.0)
    end_of_october = store.spend(now=datetime(2026, 10, 31, 18, 0, tzinfo=UTC))
    assert (
        end_of_october.month == Decimal("5") and budget_state(budgets, end_of_october).paid_blocked
    )
    november = store.spend(now=datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
    assert november.month == Decimal("1") and not budget_state(budgets, november).paid_blocked


@given(
    spent=st.decimals(min_value=0, max_value=10_000, places=2),
    providers=st.dictionaries(st.sampled_from(["together", "groq", "premium"]), st.just(0.0)),
    warn_at=st.floats(min_value=0.01, max_value=1),
)
def test_with_no_cap_nothing_spent_matters(spent: Decimal, providers, warn_at: float) -> None:
    budgets = BudgetSettings(per_provider_monthly_usd=providers, warn_at_fraction=warn_at)
    assert not capped(budgets)
    spend = Spend(spent, spent, dict.fromkeys(providers, spent))
    assert budget_state(budgets, spend) == BudgetState()


def test_any_one_cap_counts_as_capped() -> None:
    assert capped(BudgetSettings(daily_usd=1.0))
    assert capped(BudgetSettings(monthly_usd=0.5))
    assert capped(BudgetSettings(per_provider_monthly_usd={"groq": 0.0, "together": 2.0}))
