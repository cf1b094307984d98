"""Task classifier, routing rules, budgets and the catalog."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aideon_desktop.core.budgets import Spend, budget_state
from aideon_desktop.core.catalog import load_catalog, price
from aideon_desktop.core.config import BudgetSettings
from aideon_desktop.core.privacy import scan
from aideon_desktop.core.routing import BudgetState, Route, RoutingInputs, decide
from aideon_desktop.core.store import Store
from aideon_desktop.core.store.models import UsageRecord
from aideon_desktop.core.tasks import classify

DATA = Path(__file__).parent / "data"
LOCAL = Route("local", "smollm2-135m-instruct", "SmolLM2", own_hardware=True)
LAN = Route("local_network", "qwen2.5:32b", "qwen on your network", own_hardware=True)
LAN_UNTRUSTED = Route("local_network", "qwen2.5:32b", "qwen on your network", own_hardware=False)
PRIVATE = "My IBAN is DE44 5001 0517 5407 3249 31, write the transfer note."


def labelled() -> list[dict]:
    rows = []
    for name in ("tasks_labelled.jsonl", "tasks_heldout.jsonl", "tasks_fresh.jsonl"):
        rows += [
            json.loads(line)
            for line in (DATA / name).read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
    return rows


def test_classifier_accuracy_on_our_labelled_set() -> None:
    rows = labelled()
    wrong = [
        (r["task"], classify(r["prompt"]), r["prompt"][:60])
        for r in rows
        if classify(r["prompt"]) != r["task"]
    ]
    assert len(rows) >= 180
    assert 1 - len(wrong) / len(rows) >= 0.90, wrong


@pytest.mark.parametrize(
    ("prompt", "task"),
    [
        ("Traceback (most recent call last):\n  File \"a.py\", line 1\nKeyError: 'x'", "code"),
        ("kubectl get pods returns CrashLoopBackOff, why?", "code"),
        ("Book me a first-class cabin to Lisbon", "general"),
        ("Give a detailed description of the Eiffel Tower", "general"),
        ("Analyze the themes of a comprehensive and complex novel like Middlemarch", "general"),
        (
            "A train leaves at 3pm at 60 km/h and another at 4pm at 90 km/h; when does the second catch up?",
            "reasoning",
        ),
        ("", "general"),
    ],
)
def test_classify_examples(prompt: str, task: str) -> None:
    assert classify(prompt) == task


def inputs(prompt: str, **kw) -> RoutingInputs:
    return RoutingInputs(
        verdict=scan(prompt), task=classify(prompt), catalog=load_catalog(), local_route=LOCAL, **kw
    )


def test_no_keys_routes_local_with_hint() -> None:
    decision = decide(inputs("Write a haiku"))
    assert decision.route == LOCAL and "no cloud API key" in decision.reasons[0]


def test_general_goes_to_the_cheapest_and_ends_on_local() -> None:
    decision = decide(inputs("Write a haiku", cloud_providers=("together",)))
    assert decision.route.model == "meta-llama/Llama-3.2-3B-Instruct-Turbo"
    assert decision.fallbacks[-1] == LOCAL
    with_free = decide(inputs("Write a haiku", cloud_providers=("together", "huggingface")))
    assert (
        with_free.route.model == "HuggingFaceH4/zephyr-7b-beta" and "free" in with_free.reasons[1]
    )


def test_code_goes_to_the_cheapest_code_model() -> None:
    decision = decide(
        inputs(
            "Fix this: TypeError: 'NoneType' object is not subscriptable",
            cloud_providers=("together",),
        )
    )
    assert decision.task == "code" and decision.route.model == "Qwen/Qwen2.5-7B-Instruct-Turbo"


def test_reasoning_goes_to_the_strongest_allowed_model() -> None:
    prompt = "Prove that there are infinitely many primes, step by step."
    open_only = decide(inputs(prompt, cloud_providers=("together", "premium"), never_premium=True))
    assert open_only.task == "reasoning" and open_only.route.provider == "together"
    assert load_catalog().find("together", open_only.route.model).tier == 5
    premium = decide(inputs(prompt, cloud_providers=("together", "premium")))
    assert premium.route.provider == "premium"


def test_context_length_is_respected() -> None:
    decision = decide(inputs("Summarise this", cloud_providers=("together",), prompt_tokens=30_000))
    assert load_catalog().find("together", decision.route.model).context_length >= 36_000


def test_fallbacks_do_not_jump_to_much_pricier_models() -> None:
    decision = decide(inputs("Write a haiku", cloud_providers=("together",), max_price_step=4.0))
    first = load_catalog().find("together", decision.route.model)
    reference = max(first.price_per_million, Decimal("0.20"))
    for route in decision.fallbacks[:-1]:
        assert load_catalog().find(route.provider, route.model).price_per_million <= reference * 4
    assert any("not used as fallback" in r for r in decision.reasons)


def test_private_goes_to_trusted_network_then_local_never_cloud() -> None:
    decision = decide(
        inputs(PRIVATE, cloud_providers=("together", "huggingface"), trusted_network_route=LAN)
    )
    assert decision.private and decision.routes() == (LAN, LOCAL)
    untrusted = decide(
        inputs(PRIVATE, cloud_providers=("together",), untrusted_network_route=LAN_UNTRUSTED)
    )
    assert untrusted.routes() == (LOCAL,)


def test_untrusted_network_server_is_used_like_a_free_cloud_for_public_prompts() -> None:
    decision = decide(
        inputs(
            "Write a haiku", cloud_providers=("together",), untrusted_network_route=LAN_UNTRUSTED
        )
    )
    assert decision.route.provider == "local_network" and not decision.route.own_hardware


def test_overrides_keep_on_device_offline_and_pin() -> None:
    assert decide(
        inputs("Write a haiku", cloud_providers=("together",), force_local=True)
    ).routes() == (LOCAL,)
    assert (
        decide(inputs("Write a haiku", cloud_providers=("together",), offline=True)).route == LOCAL
    )
    pinned = decide(
        inputs(
            "Write a haiku",
            cloud_providers=("together",),
            pinned=("together", "deepseek-ai/DeepSeek-V3"),
        )
    )
    assert (
        pinned.route.model == "deepseek-ai/DeepSeek-V3"
        and "pinned" in pinned.reasons[0] + pinned.reasons[1]
    )
    refused = decide(inputs(PRIVATE, cloud_providers=("together",), force_cloud=True))
    assert refused.refused and "private" in refused.refused


def test_budget_cap_leaves_free_and_local_models() -> None:
    blocked = BudgetState(paid_blocked=True, warnings=("daily budget reached",))
    decision = decide(inputs("Write a haiku", cloud_providers=("together",), budget=blocked))
    assert decision.route == LOCAL and decision.warnings == ("daily budget reached",)
    free = decide(
        inputs("Write a haiku", cloud_providers=("together", "huggingface"), budget=blocked)
    )
    assert free.route.provider == "huggingface" and all(
        r.is_local or load_catalog().find(r.provider, r.model).is_free for r in free.routes()
    )
    per_provider = decide(
        inputs(
            "Write a haiku",
            cloud_providers=("together", "huggingface"),
            budget=BudgetState(blocked_providers=frozenset({"huggingface"})),
        )
    )
    assert all(
        r.provider != "huggingface" or load_catalog().find(r.provider, r.model).is_free
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
    store.record_usage(
        UsageRecord(
            provider="together",
            model="m",
            cost_micro_usd=5_000_000,
            created_at=datetime(2026, 10, 31, 12, 0, tzinfo=UTC),
        )
    )
    store.record_usage(
        UsageRecord(
            provider="together",
            model="m",
            cost_micro_usd=1_000_000,
            created_at=datetime(2026, 11, 1, 12, 0, tzinfo=UTC),
        )
    )
    budgets = BudgetSettings(monthly_usd=5.0)
    end_of_october = store.spend(now=datetime(2026, 10, 31, 18, 0, tzinfo=UTC))
    assert (
        end_of_october.month == Decimal("5") and budget_state(budgets, end_of_october).paid_blocked
    )
    november = store.spend(now=datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
    assert november.month == Decimal("1") and not budget_state(budgets, november).paid_blocked


@settings(max_examples=300, deadline=None)
@given(
    sensitive_text=st.sampled_from(
        [
            PRIVATE,
            "My card 4539 1488 0343 6467",
            "I was diagnosed with diabetes last week",
            "password: Hunter22!x",
            "Write a haiku",
            "Fix my Python import",
            "Prove 1+1=2",
        ]
    ),
    conversation_private=st.booleans(),
    clouds=st.sets(st.sampled_from(["together", "huggingface", "premium"])),
    unhealthy=st.sets(
        st.sampled_from(["together", "huggingface", "premium", "together/deepseek-ai/DeepSeek-V3"])
    ),
    paid_blocked=st.booleans(),
    force_local=st.booleans(),
    force_cloud=st.booleans(),
    offline=st.booleans(),
    never_premium=st.booleans(),
    network=st.sampled_from([None, LAN, LAN_UNTRUSTED]),
    pinned=st.sampled_from([None, ("together", "deepseek-ai/DeepSeek-V3"), ("premium", "gpt-4o")]),
)
def test_property_private_decisions_never_include_the_cloud(
    sensitive_text,
    conversation_private,
    clouds,
    unhealthy,
    paid_blocked,
    force_local,
    force_cloud,
    offline,
    never_premium,
    network,
    pinned,
) -> None:
    decision = decide(
        RoutingInputs(
            verdict=scan(sensitive_text),
            task=classify(sensitive_text),
            catalog=load_catalog(),
            local_route=LOCAL,
            cloud_providers=tuple(sorted(clouds)),
            unhealthy=frozenset(unhealthy),
            budget=BudgetState(paid_blocked=paid_blocked),
            trusted_network_route=network if network and network.own_hardware else None,
            untrusted_network_route=network if network and not network.own_hardware else None,
            force_local=force_local,
            force_cloud=force_cloud,
            offline=offline,
            never_premium=never_premium,
            pinned=pinned,
            conversation_private=conversation_private,
        )
    )
    if decision.private:
        assert all(route.own_hardware for route in decision.routes())
    assert decision.reasons, "every decision explains itself"
    assert (
        decision.route.is_local
        or decision.route.provider in clouds
        or decision.route.provider == "local_network"
    )


def test_catalog_has_25_plus_models_with_prices_and_a_baseline() -> None:
    catalog = load_catalog()
    assert len(catalog.model) >= 25
    providers = {m.provider for m in catalog.model}
    assert {"together", "huggingface", "premium", "local"} <= providers
    assert catalog.find(
        "together", "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo"
    ).input_per_million == Decimal("0.18")
    assert catalog.find(
        "together", "meta-llama/Meta-Llama-3.1-405B-Instruct-Turbo"
    ).input_per_million == Decimal("3.5")
    assert catalog.find("together", "Qwen/Qwen2.5-Coder-32B-Instruct").input_per_million == Decimal(
        "0.8"
    )
    assert catalog.baseline.output_per_million > 0 and catalog.prices_checked


def test_price_is_exact_to_the_microdollar() -> None:
    assert price(1234, 567, Decimal("0.18"), Decimal("0.18")) == Decimal("0.000324")
    assert price(1_000_000, 0, Decimal("2.50"), Decimal("10")) == Decimal("2.5")
