"""Properties of routing over generated situations: private prompts never leave the user's
hardware, and what this device has learned moves choices only within its bounds — never past
privacy, pins, budgets or "never premium"."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from aideon_desktop.core.catalog import load_catalog
from aideon_desktop.core.privacy import Verdict, scan
from aideon_desktop.core.routing import BudgetState, RoutingInputs, Standing, decide, load_policy
from aideon_desktop.core.tasks import classify
from tests.support.routing import ALL_CLOUDS, LAN, LAN_UNTRUSTED, LOCAL, PRIVATE

CATALOG = load_catalog()
POLICY = load_policy()


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
        st.sampled_from(
            ["together", "huggingface", "premium", "together/deepseek-ai/DeepSeek-V4-Pro"]
        )
    ),
    paid_blocked=st.booleans(),
    force_local=st.booleans(),
    force_cloud=st.booleans(),
    offline=st.booleans(),
    never_premium=st.booleans(),
    network=st.sampled_from([None, LAN, LAN_UNTRUSTED]),
    pinned=st.sampled_from(
        [None, ("together", "deepseek-ai/DeepSeek-V4-Pro"), ("premium", "gpt-5.5")]
    ),
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
            catalog=CATALOG,
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


CLOUD_MODELS = [m for m in CATALOG.routable() if m.provider != "local"]
MODEL_KEYS = [(m.provider, m.id) for m in CLOUD_MODELS]


def allowed(model, clouds, never_premium, budget: BudgetState) -> bool:
    blocked = budget.paid_blocked or model.provider in budget.blocked_providers
    return (
        model.provider in clouds
        and not (model.provider == "premium" and never_premium)
        and not (blocked and not model.is_free)
    )


@settings(max_examples=400, deadline=None)
@given(
    text=st.sampled_from([PRIVATE, "My card 4539 1488 0343 6467", "Write a haiku", "Fix my code"]),
    task=st.sampled_from(["general", "code", "reasoning"]),
    difficulty=st.sampled_from(["easy", "medium", "hard"]),
    clouds=st.sets(st.sampled_from(ALL_CLOUDS), min_size=1),
    learned=st.dictionaries(
        st.sampled_from(MODEL_KEYS), st.floats(-1000, 1000, allow_nan=False), max_size=12
    ),
    paid_blocked=st.booleans(),
    blocked_provider=st.sampled_from([None, *ALL_CLOUDS]),
    never_premium=st.booleans(),
    pinned=st.sampled_from([None, *MODEL_KEYS[:6], ("premium", "gpt-5.5")]),
    conversation_private=st.booleans(),
)
def test_property_learning_moves_choices_within_bounds_never_past_privacy_pins_or_budgets(
    text,
    task,
    difficulty,
    clouds,
    learned,
    paid_blocked,
    blocked_provider,
    never_premium,
    pinned,
    conversation_private,
) -> None:
    budget = BudgetState(
        paid_blocked=paid_blocked,
        blocked_providers=frozenset({blocked_provider} if blocked_provider else set()),
    )
    base = dict(
        verdict=scan(text),
        task=task,
        difficulty=difficulty,
        catalog=CATALOG,
        local_route=LOCAL,
        cloud_providers=tuple(sorted(clouds)),
        budget=budget,
        never_premium=never_premium,
        pinned=pinned,
        conversation_private=conversation_private,
    )
    standings = {key: Standing(points, "test") for key, points in learned.items()}
    decision = decide(RoutingInputs(**base, standings=standings))

    # privacy: never past it
    if decision.private:
        assert all(route.own_hardware for route in decision.routes())
        assert decision == decide(RoutingInputs(**base))  # learning has no say at all
        return
    cloud_routes = [r for r in decision.routes() if not r.is_local]
    entries = [CATALOG.find(r.provider, r.model) for r in cloud_routes]
    # budgets and "never premium": never past them
    for entry in entries:
        assert entry is not None and allowed(entry, clouds, never_premium, budget)
    # pins: a usable pinned model always answers first
    usable = [m for m in CLOUD_MODELS if allowed(m, clouds, never_premium, budget)]
    if pinned is not None and any((m.provider, m.id) == pinned for m in usable):
        assert (decision.route.provider, decision.route.model) == pinned
        return
    if not usable:
        assert decision.route.is_local
        return
    # bounds: learning lifts a model by at most max_up and demotes it by at most max_down, so
    # routing never pays more than the cheapest model that meets the floor whatever is learned
    # and never picks a model below the floor by more than max_up while one meets it robustly
    floor = POLICY.floor(task, difficulty)
    limits = POLICY.learning
    fitting = [m for m in usable if task in m.tasks]
    robust = [m for m in fitting if m.score(task) >= floor + limits.max_down]
    first = entries[0]
    assert first is not None
    if robust:
        answer = POLICY.answer_tokens(task, difficulty)
        cheapest_robust = min(m.cost(0, answer) for m in robust)
        assert first.cost(0, answer) <= cheapest_robust
        assert first.score(task) >= floor - limits.max_up


def test_learning_cannot_move_a_model_past_its_bounds_even_when_told_to() -> None:
    """A standing of -1000 or +1000 handed to routing is clamped to [-max_down, +max_up]."""
    limits = POLICY.learning
    inputs = dict(
        verdict=Verdict(sensitive=False),
        task="general",
        difficulty="easy",
        catalog=CATALOG,
        local_route=LOCAL,
        cloud_providers=ALL_CLOUDS,
    )
    first = decide(RoutingInputs(**inputs))
    key = (first.route.provider, first.route.model)
    lifted = decide(RoutingInputs(**inputs, standings={key: Standing(1000.0, "x")}))
    sunk = decide(RoutingInputs(**inputs, standings={key: Standing(-1000.0, "x")}))
    assert any(f"+{limits.max_up:.1f}" in r for r in lifted.reasons)
    assert any(f"-{limits.max_down:.1f}" in r for r in sunk.reasons)
    entry = CATALOG.find(*key)
    assert entry is not None and entry.cost(0, 1) > Decimal(0)
